//! A lower bound that knows what travel costs: the LP relaxation of the assignment model with
//! travel paid per worker-day route, by column generation.
//!
//! Why: the assignment MIP charges a visit only the shortest way into its home, so a village an
//! hour and a half away costs no more than a neighbour's house, and its bound stays far below
//! any roster (travel is nearly half the example's objective, almost all of it the round trip to
//! the day's farthest home). Here each worker-day takes at most one route (a set of homes with
//! its shortest tour from the base); being at a home needs a route of that day through it, and
//! the tour counts against the day's hours. Every roster's worker-day visits some set of homes
//! and travels at least that set's tour, so the LP stays a relaxation of the timed problem.
//!
//! A route leaves each of its homes the day less the tour and the shortest visits at its other
//! homes (at most what the family takes in a day), and all time at homes together at most the
//! day less the tour: so a fraction of a route buys only that fraction of a day's visiting time,
//! which is what makes the LP pay for trips.
//!
//! Routes are priced in (`routes`), so the LP never lists all subsets. After each round the
//! Lagrangian bound `LP + Σ min(0, least reduced cost)` over worker-days holds (each worker-day
//! takes at most one route; pricing returns a lower bound on the least reduced cost even when
//! its label cap stops it), so every round proves a bound, not only the last. Measured on the
//! example (BENCHMARKS.md): the LP is 151.28 and proven after 68 s, against 130 for the MIP.

use super::routes::{Pricing, Stop};
use super::{Builder, Travel, day_limit, h};
use crate::model::Problem;
use highs_sys::HighsInt;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::time::Instant;

/// Labels one pricing problem may examine in a quick round (finds columns, weak bound) and in
/// a thorough round (from the first quick round that finds nothing on; its bound is what gets
/// proven). On the example, 1,000,000 makes the last round exact where 200,000 left 10 units
/// of the bound unproven.
const QUICK_LABELS: usize = 5_000;
const THOROUGH_LABELS: usize = 1_000_000;
/// Columns added per worker-day and round at most.
const KEEP: usize = 4;

/// The outcome of the column generation.
#[derive(Debug, Clone, PartialEq)]
pub struct RouteBound {
    /// The best proven lower bound (constant included), if any round's LP was solved and every
    /// worker-day fitted the pricing (at most 64 homes worth visiting).
    pub bound: Option<f64>,
    /// The last LP value of the restricted master.
    pub lp: f64,
    /// Pricing rounds run.
    pub rounds: usize,
    /// Route columns generated.
    pub columns: usize,
    /// True when no route with negative reduced cost was left (the LP is solved).
    pub converged: bool,
    /// Candidate workers were restricted: the bound is that of the restricted model.
    pub restricted: bool,
    pub seconds: f64,
}

/// The rows of one family's block that routes through its home must cover.
struct Cover {
    /// In-person hours (visits and the joint visit) ≤ the time routes leave there.
    time: usize,
    /// Visits ≤ twice the routes through the home.
    visits: usize,
    /// Joint-visit part ≤ the routes through the home.
    joint: Option<usize>,
    /// Minutes the family can take in a day at most.
    cap: u32,
}

/// One home a worker-day may cover.
struct Home {
    location: usize,
    min_visit: u32,
    covers: Vec<Cover>,
}

/// A worker-day's columns of time at homes and its homes, while the rows are added.
#[derive(Default)]
struct DayCovers {
    time: Vec<usize>,
    homes: BTreeMap<usize, Home>,
}

/// One worker-day's rows.
struct WorkerDay {
    base: usize,
    limit: u32,
    /// The day's hours row (the tour counts as work).
    day_row: usize,
    /// Time at homes ≤ what the route leaves of the day.
    home_row: usize,
    convexity: usize,
    homes: Vec<Home>,
}

/// Computes the route bound within `time_limit` seconds. `bound` stays `None` when no LP round
/// was solved to optimality (or a worker-day had more than 64 homes worth visiting).
pub fn route_bound(p: &Problem, time_limit: f64) -> RouteBound {
    let t0 = Instant::now();
    let mut b = Builder::new(p, Travel::Routes, true);
    b.build();
    // The blocks at homes away from the base, with their columns.
    let mut at_home = Vec::new();
    for (blk, v) in b.blocks.iter().zip(&b.block_vars) {
        let home = p.families[blk.family].location;
        if let (Some(visits), Some(hours)) = (v.visits, v.hours)
            && home != p.workers[blk.worker].base
        {
            let time: Vec<usize> = [Some(hours), v.joint_hours]
                .into_iter()
                .flatten()
                .map(|c| c.col)
                .collect();
            at_home.push((blk.worker, blk.day, blk.family, time, visits.col, v.joint));
        }
    }
    let mut model = b.take_model();
    let Builder {
        offset,
        day_rows,
        restricted,
        ..
    } = b;
    // The first LP is large and degenerate: the interior point method (with crossover, for a
    // basis to start the next rounds from) takes a third of dual simplex's time on the example.
    model.set_option("solver", "ipm");
    let mut lp = Lp::new(model);
    let mut days: BTreeMap<(usize, usize), DayCovers> = BTreeMap::new();
    for (w, d, f, time, visits, joint) in at_home {
        let fam = &p.families[f];
        let entries: Vec<(usize, f64)> = time.iter().map(|&c| (c, 1.0)).collect();
        let cover = Cover {
            time: lp.add_row(f64::NEG_INFINITY, 0.0, &entries),
            visits: lp.add_row(f64::NEG_INFINITY, 0.0, &[(visits, 1.0)]),
            joint: joint.map(|c| lp.add_row(f64::NEG_INFINITY, 0.0, &[(c.col, 1.0)])),
            cap: fam.max_visits.min(fam.max_visits_per_day) * fam.visit_minutes.1,
        };
        let day = days.entry((w, d)).or_default();
        day.time.extend(time);
        let home = day.homes.entry(fam.location).or_insert(Home {
            location: fam.location,
            min_visit: u32::MAX,
            covers: Vec::new(),
        });
        home.min_visit = home.min_visit.min(fam.visit_minutes.0);
        home.covers.push(cover);
    }
    let mut wds: Vec<WorkerDay> = Vec::new();
    for ((w, d), day) in days {
        let entries: Vec<(usize, f64)> = day.time.iter().map(|&c| (c, 1.0)).collect();
        wds.push(WorkerDay {
            base: p.workers[w].base,
            limit: (day_limit(p, w, d) * 60.0).round() as u32,
            day_row: day_rows[w][d].expect("every worker-day has a limit row"),
            home_row: lp.add_row(f64::NEG_INFINITY, 0.0, &entries),
            convexity: lp.add_row(f64::NEG_INFINITY, 1.0, &[]),
            homes: day.homes.into_values().collect(),
        });
    }
    let weight = p.settings.weights.travel_hour;
    let travel = |a: usize, b: usize| p.travel.minutes(a, b);
    let mut columns = 0usize;
    // Start from every single home, so the first LP already prices each round trip.
    for wd in &wds {
        for i in 0..wd.homes.len() {
            let home = &wd.homes[i];
            let minutes = p.travel.round_trip(wd.base, home.location);
            if minutes + home.min_visit <= wd.limit {
                lp.add_route(wd, &[i], minutes, weight);
                columns += 1;
            }
        }
    }
    let mut out = RouteBound {
        bound: None,
        lp: f64::NEG_INFINITY,
        rounds: 0,
        columns,
        converged: false,
        restricted,
        seconds: 0.0,
    };
    let mut labels = QUICK_LABELS;
    let past_deadline = || t0.elapsed().as_secs_f64() >= time_limit;
    loop {
        let left = time_limit - t0.elapsed().as_secs_f64();
        if left <= 0.0 {
            break;
        }
        let Some(solved) = lp.solve(left) else { break };
        out.lp = solved.value + offset;
        out.rounds += 1;
        let y = &solved.duals;
        let priced: Vec<_> = wds
            .par_iter()
            .map(|wd| {
                let stops: Vec<Stop> = wd
                    .homes
                    .iter()
                    .map(|home| Stop {
                        location: home.location,
                        min_visit: home.min_visit,
                        fixed: home
                            .covers
                            .iter()
                            .map(|c| -2.0 * y[c.visits] - c.joint.map_or(0.0, |r| y[r]))
                            .sum::<f64>()
                            .max(0.0),
                        per_minute: home
                            .covers
                            .iter()
                            .map(|c| ((-y[c.time]).max(0.0) / 60.0, c.cap))
                            .collect(),
                    })
                    .collect();
                // Worth is clamped at zero (duals of `≤` rows are never positive but for
                // rounding): a larger worth only lowers reduced costs, so the bound stays safe.
                let keep: Vec<usize> = (0..stops.len())
                    .filter(|&i| stops[i].most() > 1e-9)
                    .collect();
                let per_minute = (weight - y[wd.day_row] - y[wd.home_row]) / 60.0;
                let fits = keep.len() <= 64 && per_minute >= 0.0;
                let chosen: Vec<Stop> = keep.iter().take(64).map(|&i| stops[i].clone()).collect();
                let priced = Pricing {
                    base: wd.base,
                    stops: &chosen,
                    limit: wd.limit,
                    travel: &travel,
                    per_minute,
                    constant: -y[wd.convexity] + y[wd.home_row] * f64::from(wd.limit) / 60.0,
                    max_labels: labels,
                    stop: &past_deadline,
                    keep: KEEP,
                }
                .solve();
                (priced, keep, fits)
            })
            .collect();
        let mut exact = true;
        let mut attained = true;
        let mut lagrange = 0.0;
        let mut added = 0usize;
        for (wd, (priced, keep, fits)) in wds.iter().zip(priced) {
            exact &= fits;
            attained &= priced.exact;
            lagrange += priced.least.min(0.0);
            for r in &priced.routes {
                let idx: Vec<usize> = r.stops.iter().map(|&s| keep[s]).collect();
                lp.add_route(wd, &idx, r.minutes, weight);
                added += 1;
            }
        }
        columns += added;
        out.columns = columns;
        if exact {
            let bound = out.lp + lagrange;
            out.bound = Some(out.bound.map_or(bound, |b: f64| b.max(bound)));
        }
        if added == 0 {
            if labels == QUICK_LABELS {
                labels = THOROUGH_LABELS;
                continue;
            }
            out.converged = exact && attained;
            break;
        }
    }
    if lp.failed {
        // A row or column went astray: no round's LP can be trusted to be the model's.
        out.bound = None;
        out.converged = false;
    }
    out.seconds = t0.elapsed().as_secs_f64();
    out
}

/// The LP as HiGHS holds it, with rows and columns added by index (good_lp and the `highs`
/// crate name rows and columns only by handles they create themselves). Every raw call is
/// checked: a failed add would shift every later row or column, so after one the LP is
/// `failed`, is never solved again, and the route bound claims nothing.
struct Lp {
    model: Option<highs::Model>,
    /// Solves so far (the first uses the interior point method, later ones warm simplex).
    solves: usize,
    /// A HiGHS call failed (an add, or a solve that lost the model).
    failed: bool,
}

/// A solved round: the objective (without good_lp's constant) and the row duals.
struct Solved {
    value: f64,
    duals: Vec<f64>,
}

/// Indices and values of a sparse row or column, as HiGHS takes them.
fn sparse(entries: &[(usize, f64)]) -> (Vec<HighsInt>, Vec<f64>) {
    entries.iter().map(|&(i, v)| (i as HighsInt, v)).unzip()
}

/// True when an add returned no error and grew the model by exactly one row (or column).
fn added(status: HighsInt, before: HighsInt, after: HighsInt) -> bool {
    status != highs_sys::STATUS_ERROR && after == before + 1
}

impl Lp {
    fn new(model: highs::Model) -> Lp {
        Lp {
            model: Some(model),
            solves: 0,
            failed: false,
        }
    }

    /// Adds a row and returns its index (meaningless once the LP has `failed`).
    fn add_row(&mut self, lower: f64, upper: f64, entries: &[(usize, f64)]) -> usize {
        let (idx, val) = sparse(entries);
        let Some(model) = self.model.as_mut().filter(|_| !self.failed) else {
            self.failed = true;
            return 0;
        };
        let ptr = model.as_mut_ptr();
        // SAFETY: `ptr` is the live HiGHS instance owned by `self.model`; `idx` and `val` hold
        // `entries.len()` elements each and outlive the call. An index that is no column is
        // refused by HiGHS with an error status, which is checked.
        let (before, status, after) = unsafe {
            let before = highs_sys::Highs_getNumRow(ptr);
            let status = highs_sys::Highs_addRow(
                ptr,
                lower,
                upper,
                idx.len() as HighsInt,
                idx.as_ptr(),
                val.as_ptr(),
            );
            (before, status, highs_sys::Highs_getNumRow(ptr))
        };
        self.failed |= !added(status, before, after);
        before.max(0) as usize
    }

    fn add_col(&mut self, cost: f64, entries: &[(usize, f64)]) {
        let (idx, val) = sparse(entries);
        let Some(model) = self.model.as_mut().filter(|_| !self.failed) else {
            self.failed = true;
            return;
        };
        let ptr = model.as_mut_ptr();
        // SAFETY: as in `add_row`; an index that is no row is refused with an error status.
        let (before, status, after) = unsafe {
            let before = highs_sys::Highs_getNumCol(ptr);
            let status = highs_sys::Highs_addCol(
                ptr,
                cost,
                0.0,
                f64::INFINITY,
                idx.len() as HighsInt,
                idx.as_ptr(),
                val.as_ptr(),
            );
            (before, status, highs_sys::Highs_getNumCol(ptr))
        };
        self.failed |= !added(status, before, after);
    }

    /// A route of `wd` through the homes `idx` (indices into `wd.homes`) with a tour of
    /// `minutes`: it takes the day's one route and its tour's hours, and leaves each home the
    /// day less the tour and the shortest visits at the others (at most what the family takes).
    fn add_route(&mut self, wd: &WorkerDay, idx: &[usize], minutes: u32, weight: f64) {
        let spare = wd.limit.saturating_sub(minutes);
        let visits: u32 = idx.iter().map(|&i| wd.homes[i].min_visit).sum();
        let mut entries = vec![
            (wd.convexity, 1.0),
            (wd.day_row, h(minutes)),
            (wd.home_row, -h(spare)),
        ];
        for &i in idx {
            let home = &wd.homes[i];
            let left = spare.saturating_sub(visits - home.min_visit);
            for c in &home.covers {
                entries.push((c.time, -h(left.min(c.cap))));
                entries.push((c.visits, -2.0));
                if let Some(r) = c.joint {
                    entries.push((r, -1.0));
                }
            }
        }
        self.add_col(weight * h(minutes), &entries);
    }

    /// Solves within `seconds` (warm from the last basis) and keeps the model for the next
    /// round; `None` unless optimal, and always `None` once a HiGHS call has failed.
    fn solve(&mut self, seconds: f64) -> Option<Solved> {
        if self.failed {
            return None;
        }
        let mut model = self.model.take()?;
        let mut ok = model
            .try_set_option("time_limit", seconds.max(0.05))
            .is_ok();
        if self.solves > 0 {
            // Later rounds only add columns: the last basis stays primal feasible.
            ok &= model.try_set_option("solver", "simplex").is_ok();
            ok &= model.try_set_option("simplex_strategy", 4).is_ok();
        }
        self.solves += 1;
        let solved = match model.try_solve() {
            Ok(solved) if ok => solved,
            _ => {
                self.failed = true;
                return None;
            }
        };
        let out = (solved.status() == highs::HighsModelStatus::Optimal).then(|| Solved {
            value: solved.objective_value(),
            duals: solved.get_solution().dual_rows().to_vec(),
        });
        self.model = Some(solved.into());
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn empty_lp() -> Lp {
        let mut model = highs::RowProblem::default().optimise(highs::Sense::Minimise);
        model.make_quiet();
        Lp::new(model)
    }

    #[test]
    fn an_add_is_checked_by_status_and_by_count() {
        assert!(added(highs_sys::STATUS_OK, 3, 4));
        assert!(added(highs_sys::STATUS_WARNING, 3, 4));
        assert!(!added(highs_sys::STATUS_ERROR, 3, 4));
        assert!(!added(highs_sys::STATUS_OK, 3, 3));
        assert!(!added(highs_sys::STATUS_OK, 3, 5));
    }

    #[test]
    fn rows_and_columns_are_numbered_in_order_and_the_lp_solves() {
        let mut lp = empty_lp();
        // min x + y  s.t.  x + y ≥ 1, x ≥ 0.25 (y's column is added after both rows).
        let cover = lp.add_row(1.0, f64::INFINITY, &[]);
        let floor = lp.add_row(0.25, f64::INFINITY, &[]);
        assert_eq!((cover, floor), (0, 1));
        lp.add_col(1.0, &[(cover, 1.0), (floor, 1.0)]);
        lp.add_col(1.0, &[(cover, 1.0)]);
        assert!(!lp.failed);
        let solved = lp.solve(5.0).expect("optimal");
        assert!((solved.value - 1.0).abs() < 1e-9);
        assert_eq!(solved.duals.len(), 2);
    }

    #[test]
    fn a_failed_add_stops_the_lp_for_good() {
        let mut lp = empty_lp();
        lp.add_col(1.0, &[]);
        // Column 7 does not exist: HiGHS refuses the row.
        lp.add_row(f64::NEG_INFINITY, 1.0, &[(7, 1.0)]);
        assert!(lp.failed);
        assert!(lp.solve(5.0).is_none());
        // Later adds do not touch the model, and it is never solved again.
        lp.add_row(f64::NEG_INFINITY, 1.0, &[(0, 1.0)]);
        lp.add_col(1.0, &[(0, 1.0)]);
        assert!(lp.failed && lp.solve(5.0).is_none());

        let mut lp = empty_lp();
        lp.add_row(f64::NEG_INFINITY, 1.0, &[]);
        // Row 3 does not exist: HiGHS refuses the column.
        lp.add_col(1.0, &[(3, 1.0)]);
        assert!(lp.failed && lp.solve(5.0).is_none());
    }
}
