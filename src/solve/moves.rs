//! Routing moves on the timed roster, as a vehicle-routing local search has them: a worker-day
//! is a route (its home visits in time order, with the day's meetings and joint visits fixed
//! where they are), and a move changes the order of a route or moves visits between routes:
//!
//! - [`Move::Relocate`]: one home visit to another worker-day (or another place in its own);
//! - [`Move::Exchange`]: two home visits of different worker-days trade places;
//! - [`Move::TwoOpt`]: the visits between two places of a route in reverse order;
//! - [`Move::OrOpt`]: a run of one to three consecutive visits moved elsewhere in its route;
//! - [`Move::Absorb`]: a visit is given up and the family's other visits grow by its minutes
//!   (fewer trips for the same hours), where the family's longest visit allows it.
//!
//! Every move is applied the same way: the home visits of the worker-days it touches are taken
//! out of the week, and each day's new order is put back visit by visit at the earliest start
//! after the previous visit that [`WeekState::check_add`] accepts — the one feasibility check,
//! so every rule (windows, travel, breaks, rest, contacts per day, remote cap, …) holds after
//! any move, with exact times. Travel depends on the order only, so placing each visit as early
//! as it fits loses nothing. Its value is the exact objective of the whole roster
//! ([`delta`]): no estimate to drift from what the report says. Pinned rows (appointments, a
//! re-plan's past) never move.
//!
//! [`descend`] tries the moves of every route and visit and keeps each one that lowers the
//! objective, until none does or the deadline passes.

use super::baseline::starts;
use super::objective::evaluate;
use super::state::WeekState;
use crate::model::{Activity, ActivityKind, Interval, Roster, Week};
use std::collections::BTreeMap;
use std::time::Instant;

/// A worker-day: the route of one worker on one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Route {
    pub worker: usize,
    pub day: usize,
}

impl Route {
    fn of(a: &Activity) -> Route {
        Route {
            worker: a.worker,
            day: a.day,
        }
    }
}

/// One routing move. Visits are named by their position in their route (its movable home
/// visits in time order, see [`route_visits`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    /// Visit `from` of `route` goes to `to`, at place `at` of `to`'s visits (as they are after
    /// it left, when `to` is `route`).
    Relocate {
        route: Route,
        from: usize,
        to: Route,
        at: usize,
    },
    /// Visit `a` of route `ra` and visit `b` of route `rb` trade places.
    Exchange {
        ra: Route,
        a: usize,
        rb: Route,
        b: usize,
    },
    /// The visits at places `i..=j` of the route in reverse order.
    TwoOpt { route: Route, i: usize, j: usize },
    /// The `len` visits from place `from` moved to place `at` of the rest of the route.
    OrOpt {
        route: Route,
        from: usize,
        len: usize,
        at: usize,
    },
    /// Visit `drop` of `route` is given up and its minutes go to the family's other visits
    /// (each up to the family's longest visit, in week order): the same hours in one trip
    /// fewer.
    Absorb { route: Route, drop: usize },
}

/// The movable home visits of a route, in time order: the rows a move may re-time.
pub fn route_visits(st: &WeekState, r: Route) -> Vec<Activity> {
    let mut v: Vec<Activity> = st
        .items(r.worker, r.day)
        .iter()
        .filter(|a| movable(st.p, a))
        .copied()
        .collect();
    v.sort_by_key(|a| a.span.start);
    v
}

fn movable(p: &Week, a: &Activity) -> bool {
    a.kind == ActivityKind::HomeVisit && a.family.is_some() && !p.is_pinned(a)
}

/// The routes a move touches and the order of visits each gets (workers and days not yet
/// set on moved visits: [`place`] sets them). `None` when the move names no such visits.
fn new_orders(st: &WeekState, mv: &Move) -> Option<BTreeMap<Route, Vec<Activity>>> {
    let p = st.p;
    let mut out: BTreeMap<Route, Vec<Activity>> = BTreeMap::new();
    let get =
        |r: Route| -> Vec<Activity> { out.get(&r).cloned().unwrap_or_else(|| route_visits(st, r)) };
    let mut orders: Vec<(Route, Vec<Activity>)> = Vec::new();
    match *mv {
        Move::Relocate {
            route,
            from,
            to,
            at,
        } => {
            let mut src = get(route);
            (from < src.len()).then_some(())?;
            let v = src.remove(from);
            let mut dst = if to == route { src.clone() } else { get(to) };
            (at <= dst.len()).then_some(())?;
            dst.insert(at, v);
            if to != route {
                orders.push((route, src));
            }
            orders.push((to, dst));
        }
        Move::Exchange { ra, a, rb, b } => {
            (ra != rb).then_some(())?;
            let (mut x, mut y) = (get(ra), get(rb));
            (a < x.len() && b < y.len()).then_some(())?;
            std::mem::swap(&mut x[a], &mut y[b]);
            orders.push((ra, x));
            orders.push((rb, y));
        }
        Move::TwoOpt { route, i, j } => {
            let mut x = get(route);
            (i < j && j < x.len()).then_some(())?;
            x[i..=j].reverse();
            orders.push((route, x));
        }
        Move::OrOpt {
            route,
            from,
            len,
            at,
        } => {
            let mut x = get(route);
            (len > 0 && from + len <= x.len()).then_some(())?;
            let seg: Vec<Activity> = x.drain(from..from + len).collect();
            (at <= x.len() && at != from).then_some(())?;
            x.splice(at..at, seg);
            orders.push((route, x));
        }
        Move::Absorb { route, drop } => {
            let mut src = get(route);
            (drop < src.len()).then_some(())?;
            let gone = src.remove(drop);
            let f = gone.family?;
            let hi = p.families[f].visit_minutes.1;
            let mut left = gone.minutes();
            let mut others: Vec<Activity> = st
                .family_rows(f)
                .into_iter()
                .filter(|a| movable(p, a) && *a != gone)
                .collect();
            others.sort_by_key(|a| (a.day, a.span.start, a.worker));
            let mut grown: BTreeMap<Route, Vec<Activity>> = BTreeMap::new();
            grown.insert(route, src);
            for o in others {
                if left == 0 {
                    break;
                }
                let more = left.min(hi.saturating_sub(o.minutes()));
                if more == 0 {
                    continue;
                }
                left -= more;
                let r = Route::of(&o);
                let order = grown.entry(r).or_insert_with(|| get(r));
                let v = order.iter_mut().find(|a| **a == o)?;
                v.span = Interval::new(o.span.start, o.span.end + more);
            }
            (left == 0).then_some(())?;
            orders.extend(grown);
        }
    }
    for (r, o) in orders {
        out.insert(r, o);
    }
    Some(out)
}

/// Makes `mv` in the week: the movable visits of the routes it touches are taken out and put
/// back in their new orders. `None` when the move does not fit the rules (or names no visit);
/// the week is then half changed, so a caller wraps the move in [`WeekState::begin`] and
/// [`WeekState::rollback`]. Only the touched worker-days are rebuilt, and the week's objective
/// ([`WeekState::value`]) follows row by row.
pub fn make(st: &mut WeekState, mv: &Move) -> Option<()> {
    let p = st.p;
    let orders = new_orders(st, mv)?;
    for r in orders.keys() {
        st.remove_rows(r.worker, r.day, |a| movable(p, a))?;
    }
    for (r, order) in &orders {
        place(st, *r, order)?;
    }
    Some(())
}

/// The roster after `mv`, or `None` when the move does not fit the rules (or names no visit):
/// the week built from `current` and the move made in it ([`make`]).
pub fn apply(p: &Week, current: &[Activity], mv: &Move) -> Option<Roster> {
    let mut st = WeekState::from_activities(p, current)?;
    make(&mut st, mv)?;
    Some(st.into_roster())
}

/// The change of the week's objective if `mv` were made (negative: better), the week left as
/// it was; `None` when the move does not fit.
pub fn price(st: &mut WeekState, mv: &Move) -> Option<f64> {
    let before = st.value();
    st.begin();
    let after = make(st, mv).map(|()| st.value());
    st.rollback();
    after.map(|v| v - before)
}

/// Puts `order`'s visits on route `r` one after another, each at the earliest start on the
/// grid after the previous one that the one check accepts; `None` when one does not fit.
pub(crate) fn place(st: &mut WeekState, r: Route, order: &[Activity]) -> Option<()> {
    let p = st.p;
    let mut after = 0;
    for v in order {
        let f = v.family?;
        let len = v.minutes();
        let found = starts(p, r.worker, f, r.day, len)
            .into_iter()
            .filter(|&s| s >= after)
            .find_map(|s| {
                let a = Activity {
                    worker: r.worker,
                    day: r.day,
                    span: Interval::new(s, s + len),
                    ..*v
                };
                st.try_add(r.worker, r.day, &[a]).map(|plan| (plan, a))
            });
        let (plan, a) = found?;
        after = a.span.end;
        st.commit(plan, &[a]);
    }
    Some(())
}

/// How much `mv` changes the objective of `current` (negative: better); `None` when it does
/// not fit.
pub fn delta(p: &Week, current: &[Activity], mv: &Move) -> Option<f64> {
    price(&mut WeekState::from_activities(p, current)?, mv)
}

/// What a descent did, move kind by move kind (for the benchmarks: what each move bought).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Gains {
    pub relocate: f64,
    pub exchange: f64,
    pub two_opt: f64,
    pub or_opt: f64,
    pub absorb: f64,
    pub applied: usize,
    pub tried: usize,
}

impl Gains {
    fn add(&mut self, mv: &Move, gain: f64) {
        self.applied += 1;
        match mv {
            Move::Relocate { .. } => self.relocate += gain,
            Move::Exchange { .. } => self.exchange += gain,
            Move::TwoOpt { .. } => self.two_opt += gain,
            Move::OrOpt { .. } => self.or_opt += gain,
            Move::Absorb { .. } => self.absorb += gain,
        }
    }
}

impl std::fmt::Display for Gains {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "routing moves: {} of {} tried applied, objective down by relocate {:.2}, exchange {:.2}, 2-opt {:.2}, or-opt {:.2}, absorb {:.2}",
            self.applied,
            self.tried,
            self.relocate,
            self.exchange,
            self.two_opt,
            self.or_opt,
            self.absorb
        )
    }
}

/// The moves worth trying from the roster as it is: every 2-opt and or-opt of each route;
/// each visit relocated to every other day of its worker and to the days of the workers who
/// already serve its family (so no move adds a worker to a family); each visit exchanged with
/// the visits of other routes to the nearest homes; each visit of a family with more than one
/// absorbed by the others. Listed per family and neighbour, never pair by pair over the week.
/// The moves a descent would try on `current`, in its order (for benches and tests).
pub fn candidate_moves(p: &Week, current: &[Activity]) -> Vec<Move> {
    candidates(p, current, &mut Neighbours::new(p, EXCHANGE_NEIGHBOURS))
}

fn candidates(p: &Week, current: &[Activity], near: &mut Neighbours) -> Vec<Move> {
    let mut routes: BTreeMap<Route, Vec<Activity>> = BTreeMap::new();
    for a in current.iter().filter(|a| movable(p, a)) {
        routes.entry(Route::of(a)).or_default().push(*a);
    }
    for v in routes.values_mut() {
        v.sort_by_key(|a| a.span.start);
    }
    let mut serving: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for a in current.iter().filter(|a| a.kind.is_client()) {
        if let Some(f) = a.family {
            let s = serving.entry(f).or_default();
            if !s.contains(&a.worker) {
                s.push(a.worker);
            }
        }
    }
    // Each family's movable visits: (route, place in it).
    let mut of_family: BTreeMap<usize, Vec<(Route, usize)>> = BTreeMap::new();
    for (&route, visits) in &routes {
        for (i, v) in visits.iter().enumerate() {
            of_family
                .entry(v.family.unwrap_or_default())
                .or_default()
                .push((route, i));
        }
    }
    let mut out = Vec::new();
    for (&route, visits) in &routes {
        let n = visits.len();
        for i in 0..n {
            for j in i + 1..n {
                out.push(Move::TwoOpt { route, i, j });
            }
            for len in 1..=3.min(n - i) {
                for at in (0..=n - len).filter(|&at| at != i) {
                    out.push(Move::OrOpt {
                        route,
                        from: i,
                        len,
                        at,
                    });
                }
            }
        }
    }
    for (&route, visits) in &routes {
        for (from, v) in visits.iter().enumerate() {
            let f = v.family.unwrap_or_default();
            for &w in serving.get(&f).map_or(&[][..], Vec::as_slice) {
                for day in 0..7 {
                    let to = Route { worker: w, day };
                    if to == route || p.worker_windows[w][day].is_empty() {
                        continue;
                    }
                    let len = routes.get(&to).map_or(0, Vec::len);
                    out.extend((0..=len).map(|at| Move::Relocate {
                        route,
                        from,
                        to,
                        at,
                    }));
                }
            }
            for &g in near.of(p, f) {
                for &(rb, b) in of_family.get(&g).map_or(&[][..], Vec::as_slice) {
                    if rb > route {
                        out.push(Move::Exchange {
                            ra: route,
                            a: from,
                            rb,
                            b,
                        });
                    }
                }
            }
            if of_family.get(&f).is_some_and(|v| v.len() > 1) {
                out.push(Move::Absorb { route, drop: from });
            }
        }
    }
    out
}

/// Each family's nearest other families (by travel between homes, at most eight), worked out
/// when a move first needs them: sorting every family for every family is quadratic (30 000
/// families took the search's whole time before its first move).
pub(crate) struct Neighbours {
    near: Vec<Option<Vec<usize>>>,
    k: usize,
}

impl Neighbours {
    pub(crate) fn new(p: &Week, k: usize) -> Self {
        Neighbours {
            near: vec![None; p.families.len()],
            k,
        }
    }

    pub(crate) fn of(&mut self, p: &Week, f: usize) -> &[usize] {
        let k = self.k;
        self.near[f].get_or_insert_with(|| {
            let home = p.families[f].location;
            let key = |g: &usize| (p.travel.minutes(home, p.families[*g].location), *g);
            let mut v: Vec<usize> = (0..p.families.len()).filter(|&g| g != f).collect();
            if v.len() > k {
                v.select_nth_unstable_by_key(k, key);
                v.truncate(k);
            }
            v.sort_by_key(key);
            v
        })
    }
}

/// Neighbours a family's visits are exchanged with.
const EXCHANGE_NEIGHBOURS: usize = 8;

/// Local descent with the routing moves: sweeps over all candidate moves, applying each one
/// that lowers the exact objective (first improvement), until a sweep finds none or the
/// deadline passes. Never ends worse than it started.
pub fn descend(
    p: &Week,
    roster: Vec<Activity>,
    value: f64,
    deadline: Instant,
) -> (Vec<Activity>, f64, Gains) {
    let mut gains = Gains::default();
    let Some(mut st) = WeekState::from_activities(p, &roster) else {
        return (roster, value, gains);
    };
    debug_assert!(
        (st.value() - value).abs() < 1e-6,
        "the ledger and the roster differ"
    );
    let mut near = Neighbours::new(p, EXCHANGE_NEIGHBOURS);
    let mut value = st.value();
    while Instant::now() < deadline {
        let mut improved = false;
        let current = st.roster().activities;
        for mv in candidates(p, &current, &mut near) {
            if Instant::now() >= deadline {
                break;
            }
            gains.tried += 1;
            // Candidates were listed from the roster at the sweep's start; after an applied
            // move some name other visits or none, which `make` then refuses or judges anew.
            st.begin();
            let v = make(&mut st, &mv).map(|()| st.value());
            match v {
                Some(v) if v < value - 1e-9 => {
                    st.accept();
                    gains.add(&mv, value - v);
                    value = v;
                    improved = true;
                    debug_assert!(
                        (evaluate(p, &st.roster()) - v).abs() < 1e-6,
                        "the ledger drifted from the roster's objective after {mv:?}"
                    );
                }
                _ => st.rollback(),
            }
        }
        if !improved {
            break;
        }
    }
    // The exact objective of the roster returned (the ledger's sums may differ from it in the
    // last bits).
    let r = st.into_roster();
    let value = evaluate(p, &r);
    (r.activities, value, gains)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Problem;
    use crate::model::{
        Family, IsoWeek, Location, Parts, PatternRule, RoadEdge, Settings, WeeklyPattern, Worker,
    };

    // Homes on a ring around the office O: O–A 10, A–B 10, B–C 10, C–O 10, O–B 25 and A–C 25
    // (Dijkstra: O–B 20, A–C 20); W2's base D is 5 minutes from B.
    const O: usize = 0;
    const A: usize = 1;
    const B: usize = 2;
    const C: usize = 3;
    const D: usize = 4;
    const MON: usize = 0;
    const TUE: usize = 1;

    fn worker(id: &str, base: usize) -> Worker {
        Worker {
            id: id.into(),
            name: id.into(),
            skills: Vec::new(),
            contract_hours: 38.25,
            capacity_hours: 38.25,
            available: WeeklyPattern::new(vec![PatternRule {
                days: 0x1f,
                span: Interval::new(8 * 60, 16 * 60),
            }]),
            base,
            hourly_wage: None,
            payroll_id: None,
        }
    }

    fn family(id: &str, location: usize) -> Family {
        Family {
            id: id.into(),
            service: "family_work".into(),
            weekly_hours: 1.0,
            location,
            available: None,
            min_visits: 0,
            max_visits: 5,
            visit_minutes: (60, 120),
            remote_minutes: (15, 60),
            remote_max_share: Some(0.0),
            joint_visits: 0,
            max_visits_per_day: 1,
            primary_worker: None,
            required_skills: Vec::new(),
            excluded_workers: Vec::new(),
            children: Vec::new(),
            commitment: None,
        }
    }

    /// Families FA, FB, FC at homes A, B, C; W1 based at the office, W2 at D.
    fn ring() -> Problem {
        let loc = |id: &str, lat: f64| Location {
            id: id.into(),
            name: id.into(),
            lat,
            lon: 25.7,
        };
        let edge = |from, to, minutes| RoadEdge { from, to, minutes };
        let parts = Parts {
            workers: vec![worker("W1", O), worker("W2", D)],
            families: vec![family("FA", A), family("FB", B), family("FC", C)],
            locations: vec![
                loc("O", 66.50),
                loc("A", 66.51),
                loc("B", 66.52),
                loc("C", 66.53),
                loc("D", 66.54),
            ],
            road_edges: Some(vec![
                edge(O, A, 10.0),
                edge(A, B, 10.0),
                edge(B, C, 10.0),
                edge(C, O, 10.0),
                edge(O, B, 25.0),
                edge(A, C, 25.0),
                edge(D, B, 5.0),
            ]),
            ..Parts::default()
        };
        Problem::new(
            Settings::defaults(IsoWeek::new(2026, 49).expect("a week")),
            parts,
        )
    }

    /// A 60-minute home visit of family `f` (home `f + 1`) by `w` on `day` at `HH:00`.
    fn visit(w: usize, day: usize, hour: u32, f: usize) -> Activity {
        Activity {
            day,
            span: Interval::new(hour * 60, hour * 60 + 60),
            worker: w,
            kind: ActivityKind::HomeVisit,
            family: Some(f),
            meeting: None,
            partner: None,
            room: None,
            location: Some(f + 1),
        }
    }

    /// The week of `visits` as the planner builds it (travel and breaks added).
    fn week(p: &Week, visits: &[Activity]) -> Vec<Activity> {
        let st = WeekState::from_activities(p, visits).expect("a valid week");
        st.into_roster().activities
    }

    fn travel_minutes(r: &[Activity]) -> u32 {
        r.iter()
            .filter(|a| a.kind == ActivityKind::Travel)
            .map(Activity::minutes)
            .sum()
    }

    fn assert_valid(p: &Week, r: &[Activity]) {
        let roster = Roster {
            activities: r.to_vec(),
        };
        let v = crate::check::check_roster(p, &roster);
        assert!(v.is_empty(), "{v:?}");
    }

    const MON_W1: Route = Route {
        worker: 0,
        day: MON,
    };

    #[test]
    fn two_opt_reverses_a_crossing_route() {
        let p = Week::new(ring());
        // O → A → C → B → O: 10 + 20 + 10 + 20 = 60 minutes.
        let r = week(
            &p,
            &[
                visit(0, MON, 9, 0),
                visit(0, MON, 11, 2),
                visit(0, MON, 13, 1),
            ],
        );
        assert_eq!(travel_minutes(&r), 60);
        let mv = Move::TwoOpt {
            route: MON_W1,
            i: 1,
            j: 2,
        };
        // O → A → B → C → O: 40 minutes, a third of an hour less at travel weight 1.
        let d = delta(&p, &r, &mv).expect("fits");
        assert!((d - (-20.0 / 60.0)).abs() < 1e-9, "{d}");
        let after = apply(&p, &r, &mv).expect("fits").activities;
        assert_eq!(travel_minutes(&after), 40);
        let st = WeekState::from_activities(&p, &after).expect("a week");
        let order: Vec<usize> = route_visits(&st, MON_W1)
            .iter()
            .filter_map(|a| a.family)
            .collect();
        assert_eq!(order, vec![0, 1, 2]);
        assert_valid(&p, &after);
    }

    #[test]
    fn or_opt_moves_one_visit_into_its_place() {
        let p = Week::new(ring());
        // O → B → A → C → O: 20 + 10 + 20 + 10 = 60; B between A and C: 40.
        let r = week(
            &p,
            &[
                visit(0, MON, 9, 1),
                visit(0, MON, 11, 0),
                visit(0, MON, 13, 2),
            ],
        );
        assert_eq!(travel_minutes(&r), 60);
        let mv = Move::OrOpt {
            route: MON_W1,
            from: 0,
            len: 1,
            at: 1,
        };
        let d = delta(&p, &r, &mv).expect("fits");
        assert!((d - (-20.0 / 60.0)).abs() < 1e-9, "{d}");
        assert_valid(&p, &apply(&p, &r, &mv).expect("fits").activities);
    }

    #[test]
    fn relocate_saves_a_round_trip() {
        let p = Week::new(ring());
        // Monday A, C (40 minutes); Tuesday B alone (O–B–O 40). B between A and C on Monday
        // costs nothing more (O–A–B–C–O 40): 40 minutes saved.
        let r = week(
            &p,
            &[
                visit(0, MON, 9, 0),
                visit(0, MON, 13, 2),
                visit(0, TUE, 10, 1),
            ],
        );
        assert_eq!(travel_minutes(&r), 80);
        let mv = Move::Relocate {
            route: Route {
                worker: 0,
                day: TUE,
            },
            from: 0,
            to: MON_W1,
            at: 1,
        };
        let d = delta(&p, &r, &mv).expect("fits");
        assert!((d - (-40.0 / 60.0)).abs() < 1e-9, "{d}");
        let after = apply(&p, &r, &mv).expect("fits").activities;
        assert_eq!(travel_minutes(&after), 40);
        assert_valid(&p, &after);
    }

    #[test]
    fn exchange_gives_each_worker_the_nearer_home() {
        let p = Week::new(ring());
        // W1 (office) visits B: 20 + 20; W2 (at D) visits A: D–B–A 15 + 15. Exchanged: W1 to
        // A 10 + 10, W2 to B 5 + 5 — 70 → 30 minutes; two worker–family pairs either way.
        let r = week(&p, &[visit(0, MON, 9, 1), visit(1, MON, 9, 0)]);
        assert_eq!(travel_minutes(&r), 70);
        let mv = Move::Exchange {
            ra: MON_W1,
            a: 0,
            rb: Route {
                worker: 1,
                day: MON,
            },
            b: 0,
        };
        let d = delta(&p, &r, &mv).expect("fits");
        assert!((d - (-40.0 / 60.0)).abs() < 1e-9, "{d}");
        assert_valid(&p, &apply(&p, &r, &mv).expect("fits").activities);
    }

    #[test]
    fn absorb_makes_one_longer_visit_of_two() {
        let mut p = Week::new(ring());
        p.families[0].weekly_hours = 2.0;
        // FA on Monday and Tuesday, an hour each (20 minutes of travel each day); one visit of
        // two hours on Monday saves Tuesday's trip: −20 minutes, the hours are the same.
        let r = week(&p, &[visit(0, MON, 9, 0), visit(0, TUE, 9, 0)]);
        let mv = Move::Absorb {
            route: Route {
                worker: 0,
                day: TUE,
            },
            drop: 0,
        };
        let d = delta(&p, &r, &mv).expect("fits");
        assert!((d - (-20.0 / 60.0)).abs() < 1e-9, "{d}");
        let after = apply(&p, &r, &mv).expect("fits").activities;
        let fa: Vec<u32> = after
            .iter()
            .filter(|a| a.family == Some(0))
            .map(Activity::minutes)
            .collect();
        assert_eq!(fa, vec![120]);
        assert_valid(&p, &after);
        // Beyond the family's longest visit (here 90 minutes) the minutes have nowhere to go.
        p.families[0].visit_minutes = (60, 90);
        assert!(apply(&p, &r, &mv).is_none());
    }

    #[test]
    fn absorb_spreads_a_visit_over_the_others() {
        let mut p = Week::new(ring());
        p.families[0].weekly_hours = 3.0;
        p.families[0].visit_minutes = (60, 90);
        // Three hours in three visits of an hour (Monday to Wednesday); Wednesday's hour goes
        // to Monday's and Tuesday's visits (90 minutes each): one round trip O–A–O fewer.
        let r = week(
            &p,
            &[visit(0, MON, 9, 0), visit(0, TUE, 9, 0), visit(0, 2, 9, 0)],
        );
        let mv = Move::Absorb {
            route: Route { worker: 0, day: 2 },
            drop: 0,
        };
        let d = delta(&p, &r, &mv).expect("fits");
        assert!((d - (-20.0 / 60.0)).abs() < 1e-9, "{d}");
        let after = apply(&p, &r, &mv).expect("fits").activities;
        let fa: Vec<(usize, u32)> = after
            .iter()
            .filter(|a| a.family == Some(0))
            .map(|a| (a.day, a.minutes()))
            .collect();
        assert_eq!(fa, vec![(MON, 90), (TUE, 90)]);
        assert_valid(&p, &after);
    }

    #[test]
    fn a_move_that_breaks_a_rule_is_refused() {
        let p = Week::new(ring());
        // FA already has its one visit of the day on Monday: its second visit (W2's, Tuesday)
        // may not join it there (one visit a family a day).
        let r = week(&p, &[visit(0, MON, 9, 0), visit(1, TUE, 9, 0)]);
        let mv = Move::Relocate {
            route: Route {
                worker: 1,
                day: TUE,
            },
            from: 0,
            to: MON_W1,
            at: 1,
        };
        assert!(apply(&p, &r, &mv).is_none());
        // Weekend days have no window: nothing moves to Saturday.
        let mv = Move::Relocate {
            route: MON_W1,
            from: 0,
            to: Route { worker: 0, day: 5 },
            at: 0,
        };
        assert!(apply(&p, &r, &mv).is_none());
    }

    #[test]
    fn descent_finds_the_ring() {
        let p = Week::new(ring());
        let r = week(
            &p,
            &[
                visit(0, MON, 9, 0),
                visit(0, MON, 11, 2),
                visit(0, TUE, 13, 1),
            ],
        );
        let v = evaluate(
            &p,
            &Roster {
                activities: r.clone(),
            },
        );
        let far = Instant::now() + std::time::Duration::from_secs(10);
        let (after, w, gains) = descend(&p, r, v, far);
        assert_eq!(travel_minutes(&after), 40);
        assert!(w < v && gains.applied >= 1);
        assert!(
            (w - evaluate(
                &p,
                &Roster {
                    activities: after.clone()
                }
            ))
            .abs()
                < 1e-9
        );
        assert_valid(&p, &after);
    }
}
