//! Pricing of route columns: for one worker-day, the set of homes whose tour from the base and
//! back has the least reduced cost. A prize-collecting travelling-salesman problem with a
//! duration limit, solved exactly by label extension over the few homes with a positive prize
//! (a day holds few visits, so the feasible sets are few), with dominance on (set, last home)
//! and a bound that drops labels which cannot beat the best route found.
//!
//! A route's worth at a home grows with the time it leaves there: the day's limit less the tour
//! and the shortest visits at the route's other homes, at most what the family can take in a day.
//!
//! The column generation's Lagrangian bound needs a lower bound on the least reduced cost, not
//! the route attaining it: when a label cap stops the search, the labels left unexplored still
//! bound what their extensions could cost.

use std::collections::HashMap;

/// A home a route may visit.
#[derive(Debug, Clone, PartialEq)]
pub struct Stop {
    pub location: usize,
    /// Minutes the shortest visit there takes.
    pub min_visit: u32,
    /// Worth of being at the home at all (the negated duals of its visit rows).
    pub fixed: f64,
    /// Per family at the home: worth of a minute there (negated dual of its time row) and the
    /// most minutes the family can take in a day.
    pub per_minute: Vec<(f64, u32)>,
}

impl Stop {
    /// Worth of the stop when the route leaves `spare` minutes for it.
    pub fn worth(&self, spare: u32) -> f64 {
        self.fixed
            + self
                .per_minute
                .iter()
                .map(|&(v, cap)| v * f64::from(cap.min(spare)))
                .sum::<f64>()
    }

    /// Worth at most (all the time the families can take).
    pub fn most(&self) -> f64 {
        self.worth(u32::MAX)
    }
}

/// One worker-day's pricing problem.
pub struct Pricing<'a> {
    pub base: usize,
    pub stops: &'a [Stop],
    /// Minutes of the day: the tour and the shortest visits must fit.
    pub limit: u32,
    /// Travel minutes from one location to another.
    pub travel: &'a dyn Fn(usize, usize) -> u32,
    /// Reduced cost per minute of tour.
    pub per_minute: f64,
    /// Reduced cost of taking any route at all.
    pub constant: f64,
    /// Labels examined at most; beyond it the result is not exact.
    pub max_labels: usize,
    /// Asked every few thousand labels; `true` stops the search as the label cap does (the
    /// caller's deadline).
    pub stop: &'a dyn Fn() -> bool,
    /// Columns returned at most (the most negative, one per set of homes).
    pub keep: usize,
}

/// A priced route: indices into `Pricing::stops` in tour order.
#[derive(Debug, Clone, PartialEq)]
pub struct Route {
    pub stops: Vec<usize>,
    pub minutes: u32,
    pub reduced_cost: f64,
}

/// The result of pricing.
#[derive(Debug, Clone, PartialEq)]
pub struct Priced {
    /// A lower bound on the reduced cost of every non-empty feasible route (infinite when none
    /// is feasible): the least one when `exact`, else the least of what the label cap left
    /// unexplored.
    pub least: f64,
    /// Routes with negative reduced cost, most negative first.
    pub routes: Vec<Route>,
    /// False when the label cap stopped the search before `least` was attained.
    pub exact: bool,
}

#[derive(Clone, Copy)]
struct Label {
    travel: u32,
    visit: u32,
    /// Predecessor label in the previous level (for the tour order).
    parent: Option<usize>,
}

impl Pricing<'_> {
    /// Finds the least reduced cost route and the most negative ones.
    pub fn solve(&self) -> Priced {
        assert!(self.stops.len() <= 64, "pricing takes at most 64 homes");
        let n = self.stops.len();
        let back: Vec<u32> = self
            .stops
            .iter()
            .map(|s| (self.travel)(s.location, self.base))
            .collect();
        let most: Vec<f64> = self.stops.iter().map(Stop::most).collect();
        // What homes outside `mask` can add when `spare` minutes are left: each added home is
        // left at most `spare` and takes at least its shortest visit out of it, so a fractional
        // knapsack over (worth at `spare`, shortest visit) is never less than the truth.
        let more = |mask: u64, spare: u32| -> f64 {
            let mut items: Vec<(f64, u32)> = (0..n)
                .filter(|&j| mask & (1 << j) == 0 && self.stops[j].min_visit <= spare)
                .map(|j| (self.stops[j].worth(spare), self.stops[j].min_visit.max(1)))
                .filter(|&(v, _)| v > 0.0)
                .collect();
            items.sort_by(|a, b| (b.0 / f64::from(b.1)).total_cmp(&(a.0 / f64::from(a.1))));
            let (mut got, mut minutes) = (0.0, spare);
            for (v, need) in items {
                if need <= minutes {
                    got += v;
                    minutes -= need;
                } else {
                    got += v * f64::from(minutes) / f64::from(need);
                    break;
                }
            }
            got
        };
        let mut least = f64::INFINITY;
        // Best closed tour per set of homes: (minutes, level, label index).
        let mut best: HashMap<u64, (f64, u32, usize, usize)> = HashMap::new();
        let mut floor = f64::INFINITY;
        let mut examined = 0usize;
        let mut levels: Vec<Vec<(u64, u8, Label)>> = Vec::new();
        let mut level: Vec<(u64, u8, Label)> = (0..n)
            .filter_map(|j| {
                let s = &self.stops[j];
                let travel = (self.travel)(self.base, s.location);
                (travel + back[j] + s.min_visit <= self.limit).then_some((
                    1u64 << j,
                    j as u8,
                    Label {
                        travel,
                        visit: s.min_visit,
                        parent: None,
                    },
                ))
            })
            .collect();
        while !level.is_empty() {
            let depth = levels.len();
            let mut next: HashMap<(u64, u8), Label> = HashMap::new();
            for (i, &(mask, last, lab)) in level.iter().enumerate() {
                examined += 1;
                let closed = lab.travel + back[last as usize];
                let spare = self.limit.saturating_sub(closed + lab.visit);
                let worth = |j: usize| self.stops[j].worth(spare + self.stops[j].min_visit);
                let prize: f64 = (0..n).filter(|&j| mask & (1 << j) != 0).map(worth).sum();
                let rc = self.per_minute * f64::from(closed) - prize + self.constant;
                least = least.min(rc);
                let e = best
                    .entry(mask)
                    .or_insert((f64::INFINITY, closed, depth, i));
                if rc < e.0 {
                    *e = (rc, closed, depth, i);
                }
                // No extension can beat this: the tour only grows (triangle inequality), the
                // time left at each home only shrinks, and the homes added fit in what is left.
                let optimistic = rc - more(mask, spare);
                if optimistic >= least.min(0.0) - 1e-9 {
                    continue;
                }
                if examined.is_multiple_of(4096) && examined < self.max_labels && (self.stop)() {
                    // The caller's deadline: from here on, as at the label cap.
                    examined = self.max_labels;
                }
                if examined >= self.max_labels {
                    // Not extended: whatever extends it costs at least `optimistic`, so the
                    // least reduced cost stays bounded from below.
                    floor = floor.min(optimistic);
                    continue;
                }
                let from = self.stops[last as usize].location;
                for j in 0..n {
                    if mask & (1 << j) != 0 || most[j] <= 0.0 {
                        continue;
                    }
                    let s = &self.stops[j];
                    let travel = lab.travel + (self.travel)(from, s.location);
                    let visit = lab.visit + s.min_visit;
                    if travel + back[j] + visit > self.limit {
                        continue;
                    }
                    let cand = Label {
                        travel,
                        visit,
                        parent: Some(i),
                    };
                    next.entry((mask | 1 << j, j as u8))
                        .and_modify(|l| {
                            if travel < l.travel {
                                *l = cand;
                            }
                        })
                        .or_insert(cand);
                }
            }
            levels.push(level);
            let mut v: Vec<(u64, u8, Label)> =
                next.into_iter().map(|((m, l), lab)| (m, l, lab)).collect();
            // Same input, same order: the columns chosen do not depend on hashing.
            v.sort_unstable_by_key(|&(m, l, _)| (m, l));
            level = v;
        }
        let mut chosen: Vec<(f64, u32, usize, usize, u64)> = best
            .into_iter()
            .filter(|(_, (rc, ..))| *rc < -1e-6)
            .map(|(m, (rc, minutes, d, i))| (rc, minutes, d, i, m))
            .collect();
        chosen.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.4.cmp(&b.4)));
        chosen.truncate(self.keep);
        let routes = chosen
            .into_iter()
            .map(|(rc, minutes, d, i, _)| {
                let mut order = Vec::new();
                let (mut d, mut i) = (d, i);
                loop {
                    let (_, last, lab) = levels[d][i];
                    order.push(last as usize);
                    match lab.parent {
                        Some(pi) => {
                            d -= 1;
                            i = pi;
                        }
                        None => break,
                    }
                }
                order.reverse();
                Route {
                    stops: order,
                    minutes,
                    reduced_cost: rc,
                }
            })
            .collect();
        Priced {
            least: least.min(floor),
            routes,
            exact: floor >= least,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Points on a line; travel is the distance.
    fn line(a: usize, b: usize) -> u32 {
        let x = [0i64, 10, 20, 30, 100, 15];
        (x[a] - x[b]).unsigned_abs() as u32
    }

    /// Stops worth `prize` each, plus `hourly` per hour left there (at most three hours).
    fn stops(prizes: &[f64], hourly: f64) -> Vec<Stop> {
        prizes
            .iter()
            .enumerate()
            .map(|(i, &prize)| Stop {
                location: i + 1,
                min_visit: 60,
                fixed: prize,
                per_minute: vec![(hourly / 60.0, 180)],
            })
            .collect()
    }

    /// Every subset by brute force: the least reduced cost over all orders.
    fn brute(pr: &Pricing) -> f64 {
        let n = pr.stops.len();
        let mut least = f64::INFINITY;
        for mask in 1u32..(1 << n) {
            let set: Vec<usize> = (0..n).filter(|j| mask & (1 << j) != 0).collect();
            let mut perm = set.clone();
            let visit: u32 = set.iter().map(|&j| pr.stops[j].min_visit).sum();
            permute(&mut perm, 0, &mut |order| {
                let mut t = 0;
                let mut at = pr.base;
                for &j in order {
                    t += (pr.travel)(at, pr.stops[j].location);
                    at = pr.stops[j].location;
                }
                t += (pr.travel)(at, pr.base);
                if t + visit <= pr.limit {
                    let spare = pr.limit - t - visit;
                    let prize: f64 = set
                        .iter()
                        .map(|&j| pr.stops[j].worth(spare + pr.stops[j].min_visit))
                        .sum();
                    least = least.min(pr.per_minute * f64::from(t) - prize + pr.constant);
                }
            });
        }
        least
    }

    fn permute(v: &mut Vec<usize>, k: usize, f: &mut dyn FnMut(&[usize])) {
        if k == v.len() {
            f(v);
            return;
        }
        for i in k..v.len() {
            v.swap(k, i);
            permute(v, k + 1, f);
            v.swap(k, i);
        }
    }

    #[test]
    fn least_reduced_cost_matches_brute_force() {
        let cases: &[(&[f64], f64, u32, f64)] = &[
            (&[1.0, 1.0, 1.0, 1.0, 1.0], 0.0, 600, 0.05),
            (&[0.5, 3.0, 0.2, 9.0, 0.1], 0.0, 400, 0.05),
            (&[2.0, 0.0, 2.0, 0.5, 4.0], 0.0, 250, 0.02),
            (&[0.1, 0.1, 0.1, 0.1, 0.1], 0.0, 600, 0.05),
            (&[0.1, 0.1, 0.1, 0.1, 0.1], 1.0, 600, 0.05),
            (&[0.0, 0.5, 0.0, 0.0, 0.3], 2.0, 480, 0.03),
            (&[0.0, 0.0, 0.0, 0.0, 0.0], 0.7, 300, 0.01),
        ];
        for &(prizes, hourly, limit, per_minute) in cases {
            let st = stops(prizes, hourly);
            let pr = Pricing {
                base: 0,
                stops: &st,
                limit,
                travel: &line,
                per_minute,
                constant: 0.3,
                max_labels: 1_000_000,
                stop: &|| false,
                keep: 3,
            };
            let got = pr.solve();
            let want = brute(&pr);
            assert!(got.exact);
            // Pricing may stop at the best it can prove; it never reports a wrong least
            // value when that value is negative (the only case the bound uses).
            if want < 0.0 {
                assert!(
                    (got.least - want).abs() < 1e-9,
                    "{prizes:?}: {} vs {want}",
                    got.least
                );
                let r = &got.routes[0];
                assert!((r.reduced_cost - want).abs() < 1e-9);
            } else {
                assert!(got.routes.is_empty());
                assert!(got.least >= -1e-9);
            }
        }
    }

    #[test]
    fn routes_are_in_tour_order_with_their_minutes() {
        // Homes at 10, 20 and 30 on one road: the tour 0-10-20-30-0 is 60 minutes.
        let st = stops(&[5.0, 5.0, 5.0], 0.0);
        let pr = Pricing {
            base: 0,
            stops: &st,
            limit: 600,
            travel: &line,
            per_minute: 0.01,
            constant: 0.0,
            max_labels: 1000,
            stop: &|| false,
            keep: 1,
        };
        let got = pr.solve();
        assert_eq!(got.routes[0].minutes, 60);
        let mut s = got.routes[0].stops.clone();
        s.sort_unstable();
        assert_eq!(s, vec![0, 1, 2]);
        assert!((got.least - (0.6 - 15.0)).abs() < 1e-9);
    }

    #[test]
    fn the_label_cap_gives_a_lower_bound() {
        let st = stops(&[5.0, 5.0, 5.0, 5.0, 5.0], 0.0);
        let pr = Pricing {
            base: 0,
            stops: &st,
            limit: 1000,
            travel: &line,
            per_minute: 0.01,
            constant: 0.0,
            max_labels: 2,
            stop: &|| false,
            keep: 1,
        };
        let capped = pr.solve();
        assert!(!capped.exact);
        let full = Pricing {
            max_labels: 1_000_000,
            ..pr
        }
        .solve();
        assert!(full.exact);
        // The capped search still bounds the least reduced cost from below.
        assert!(capped.least <= full.least + 1e-9);
    }

    #[test]
    fn a_stop_request_still_gives_a_lower_bound() {
        // Fourteen homes around a ring: thousands of labels, so the request is asked.
        let ring = |a: usize, b: usize| {
            let (a, b) = (a as i64, b as i64);
            let d = (a - b).rem_euclid(15).min((b - a).rem_euclid(15));
            (d * 7) as u32
        };
        let st: Vec<Stop> = (1..15)
            .map(|i| Stop {
                location: i,
                min_visit: 30,
                fixed: 1.0 + (i % 4) as f64,
                per_minute: vec![(0.01, 120)],
            })
            .collect();
        let full = Pricing {
            base: 0,
            stops: &st,
            limit: 600,
            travel: &ring,
            per_minute: 0.05,
            constant: 1.0,
            max_labels: 10_000_000,
            stop: &|| false,
            keep: 1,
        };
        let all = full.solve();
        assert!(all.exact);
        let stopped = Pricing {
            stop: &|| true,
            ..full
        }
        .solve();
        assert!(!stopped.exact);
        assert!(stopped.least <= all.least + 1e-9);
    }
}
