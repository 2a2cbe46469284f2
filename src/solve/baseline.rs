//! The baseline planner: a greedy that obeys every rule. It is the fallback, the warm start
//! and the yardstick for the optimizer, so it aims to be correct and predictable, not clever.
//!
//! Order of work: meetings (fixed slots, scarce rooms), joint visits (two workers at once),
//! the family's own worker, other qualified workers round-robin so shortfalls spread over
//! families, and last remote sessions within each family's cap. Every insertion goes through
//! [`WeekState::try_add`], which rebuilds the worker's day with travel and its break and checks
//! rules 1–5 and the family's contacts per day (rule 7).

use super::grid::{GRID, meeting_row};
use super::state::{DayPlan, WeekState};
use crate::model::limits;
use crate::model::{Activity, ActivityKind, Interval, Problem, Roster, Week};

/// How many feasible workers to compare before taking the cheapest.
const COMPARE_WORKERS: usize = 5;

pub fn baseline(p: &Week) -> Roster {
    let mut st = WeekState::new(p);
    fill(&mut st);
    st.into_roster()
}

/// How the greedy plans remote work. Remote is a ceiling, not a quota (objective term
/// `remote_hour`), so visits come first; but in a full week a remote session, needing no
/// trip, fits hours that visits cannot, so the greedy also tries taking the cap's share first
/// and the objective chooses ([`fill`], and the search move by move).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RemotePlan {
    /// Visits first; remote sessions only for what no visit holds (less than the shortest
    /// visit, no visit left under max_visits, no day a visit fits), within the cap.
    Ceiling,
    /// Up to the cap's share of the week as remote sessions before visits
    /// ([`remote_reserve`]), visits for the rest.
    CapFirst,
}

/// Runs every greedy phase on a week that may already hold activities (the optimizer's
/// realized decisions): what is already there counts, what is missing is added if it fits.
/// Both ways of planning remote work are tried; the week keeps the one of lower objective.
pub fn fill(st: &mut WeekState) {
    let order = far_first(st.p);
    let mut other = st.clone();
    fill_in_order(st, &order, RemotePlan::Ceiling);
    fill_in_order(&mut other, &order, RemotePlan::CapFirst);
    if other.value() < st.value() - 1e-9 {
        *st = other;
    }
}

/// [`fill`] with the families taken in `order` (every family once): the large-neighbourhood
/// search re-inserts the families it removed in a changing order, which is what lets it find
/// placements the fixed order misses.
pub fn fill_in_order(st: &mut WeekState, order: &[usize], remote: RemotePlan) {
    let w = st.p.settings.weights;
    staff_meetings(st);
    // A zero weight says the team lead does not ask for this: joint visits then cost two
    // workers for one visit's hours, and the own worker's visits need not come first.
    if w.missing_joint_visit > 0.0 {
        joint_visits(st, order);
    }
    if w.primary_absent > 0.0 {
        primary_visits(st, order, remote);
    }
    other_visits(st, order, remote);
    remote_sessions(st, order);
    if remote == RemotePlan::CapFirst {
        // What the cap's share could not place (no session fits, rule 7, the cap used up by
        // history) is planned as visits after all.
        other_visits(st, order, RemotePlan::Ceiling);
    }
}

fn activity(
    day: usize,
    span: Interval,
    worker: usize,
    kind: ActivityKind,
    family: usize,
    location: Option<usize>,
) -> Activity {
    Activity {
        day,
        span,
        worker,
        kind,
        family: Some(family),
        meeting: None,
        partner: None,
        room: None,
        location,
    }
}

/// Minutes the family may still receive (weekly hours plus the SPEC's 0.25 h tolerance).
pub(crate) fn allowance(st: &WeekState, f: usize) -> i64 {
    let limit = limits::most_delivered_hours(st.p.families[f].weekly_hours) * 60.0;
    (limit + 1e-6).floor() as i64 - i64::from(st.received(f).delivered())
}

/// Minutes still missing from the agreed weekly hours.
pub(crate) fn missing(st: &WeekState, f: usize) -> i64 {
    i64::from(st.p.families[f].weekly_minutes()) - i64::from(st.received(f).delivered())
}

/// Minutes of the family's week that [`RemotePlan::CapFirst`] plans as remote sessions before
/// any visit: as much as its cap allows within the week and over the rolling weeks with
/// history, on the remote-session grid, leaving room for its least visits.
pub(crate) fn remote_reserve(p: &Problem, f: usize) -> u32 {
    let fam = &p.families[f];
    let cap = p.remote_cap(f).min(1.0);
    let (lo, hi) = fam.remote_minutes;
    if cap <= 0.0 || hi == 0 {
        return 0;
    }
    let crate::model::Hours {
        in_person: hist_in,
        remote: hist_rem,
    } = p.history_hours(f);
    let week = f64::from(fam.weekly_minutes());
    let rolling = cap * (week + (hist_in + hist_rem) * 60.0) - hist_rem * 60.0;
    let room = rolling.min(cap * week);
    let least_visits = fam.min_visits.max(fam.joint_visits) * fam.visit_minutes.0;
    let most = fam.weekly_minutes().saturating_sub(least_visits);
    let r = ((room + 1e-6).floor().max(0.0) as u32)
        .min(most)
        .min(hi * 7)
        / 5
        * 5;
    if r < lo { 0 } else { r }
}

/// Minutes the family still needs in person: what is missing, less under
/// [`RemotePlan::CapFirst`] the remote reserve not yet received.
fn missing_in_person(st: &WeekState, f: usize, remote: RemotePlan) -> i64 {
    let held = match remote {
        RemotePlan::CapFirst => {
            i64::from(remote_reserve(st.p, f)) - i64::from(st.received(f).remote)
        }
        RemotePlan::Ceiling => 0,
    };
    missing(st, f) - held.max(0)
}

/// In-person visits the family should get in all, given its hours and visit bounds.
fn desired_visits(p: &Problem, f: usize, remote: RemotePlan) -> u32 {
    let fam = &p.families[f];
    let in_person = match remote {
        RemotePlan::CapFirst => fam.weekly_minutes().saturating_sub(remote_reserve(p, f)),
        RemotePlan::Ceiling => fam.weekly_minutes(),
    };
    let by_hours = in_person.div_ceil(fam.visit_minutes.1.max(1));
    by_hours
        .max(fam.min_visits)
        .max(fam.joint_visits)
        .min(fam.max_visits)
}

/// The length of the next visit by `workers` workers at once (2 for a joint visit): the
/// missing time split into as many visits as are still wanted, adjusted so that the split is
/// possible within the family's visit bounds, on the grid and within its allowance; `None`
/// when no visit fits.
fn next_visit_length(st: &WeekState, f: usize, workers: u32, remote: RemotePlan) -> Option<u32> {
    let fam = &st.p.families[f];
    let (lo, hi) = fam.visit_minutes;
    let missing = missing_in_person(st, f, remote);
    let allowance = allowance(st, f);
    if missing <= 0 || allowance < i64::from(lo * workers) {
        return None;
    }
    let (missing, allowance) = (missing as u32, allowance as u32);
    // Worker-slots still wanted: each remaining visit is one, a joint visit one more.
    let slots = desired_visits(st.p, f, remote)
        .saturating_sub(st.received(f).visits)
        .max(1)
        + workers
        - 1;
    let fewest = missing.div_ceil(hi);
    let most = (allowance / lo).max(1);
    let n = if fewest <= most {
        slots.clamp(fewest, most)
    } else {
        most
    };
    // Never more visits than max_visits leaves: the rest is longer visits, or remote.
    let left = fam.max_visits.saturating_sub(st.received(f).visits).max(1) + workers - 1;
    let n = n.min(left);
    let len = (missing.div_ceil(n)).div_ceil(GRID) * GRID;
    let len = len
        .clamp(lo, hi)
        .min(allowance / workers / GRID * GRID)
        .min(hi);
    (len >= lo).then_some(len)
}

/// Start times on the grid where `len` minutes fit inside both the worker's and the family's
/// windows on `day`.
pub(crate) fn starts(p: &Problem, worker: usize, family: usize, day: usize, len: u32) -> Vec<u32> {
    let common = p.worker_windows[worker][day].intersect(&p.families[family].windows_on(day));
    let mut out = Vec::new();
    for w in common.intervals() {
        let mut s = w.start.div_ceil(GRID) * GRID;
        while s + len <= w.end {
            out.push(s);
            s += GRID;
        }
    }
    out
}

/// Soft costs that make a feasible choice better or worse: extra travel, a second visit on
/// the same day, weekend, holiday and evening hours.
fn soft_cost(st: &WeekState, plan: &DayPlan, family: usize, span: &Interval, len: u32) -> i64 {
    let p = st.p;
    let mut cost = i64::from(plan.added) - i64::from(len);
    let d = plan.day;
    if d >= 5 || p.holidays[d] {
        // The objective's weekend term for these minutes, in minutes of travel.
        cost += (f64::from(len) * in_travel_minutes(st, p.settings.weights.weekend_hour)) as i64;
    }
    cost += i64::from(
        p.settings.payroll.evening.minutes_within(span)
            + p.settings.payroll.night.minutes_within(span),
    );
    let same_day = (0..p.workers.len()).any(|w| {
        st.day(w, d)
            .iter()
            .any(|a| a.family == Some(family) && a.kind.is_client())
    });
    if same_day {
        cost += 60;
    }
    cost
}

/// The cheapest place for one client activity of `len` minutes by `worker` for `family`, on
/// any day.
fn best_slot(
    st: &WeekState,
    worker: usize,
    family: usize,
    kind: ActivityKind,
    len: u32,
) -> Option<(i64, DayPlan, Activity)> {
    best_slot_on(st, worker, family, kind, len, 0..7)
}

/// The cheapest place for one client activity on one of `days`.
pub(crate) fn best_slot_on(
    st: &WeekState,
    worker: usize,
    family: usize,
    kind: ActivityKind,
    len: u32,
    days: impl IntoIterator<Item = usize>,
) -> Option<(i64, DayPlan, Activity)> {
    let p = st.p;
    let loc = (kind != ActivityKind::Remote).then_some(p.families[family].location);
    let mut best: Option<(i64, DayPlan, Activity)> = None;
    for day in days {
        if !st.day_open(family, day, kind) {
            continue;
        }
        for s in starts(p, worker, family, day, len) {
            let a = activity(day, Interval::new(s, s + len), worker, kind, family, loc);
            let Some(plan) = st.try_add(worker, day, &[a]) else {
                continue;
            };
            let cost = soft_cost(st, &plan, family, &a.span, len);
            if best.as_ref().is_none_or(|b| cost < b.0) {
                best = Some((cost, plan, a));
            }
            if cost <= 0 {
                break; // nothing later on this day is cheaper than free
            }
        }
    }
    best
}

/// Workers who may serve the family, best first: its own worker, those already serving it,
/// then the rest by travel time from their base.
fn candidates(st: &WeekState, family: usize) -> Vec<usize> {
    let p = st.p;
    let fam = &p.families[family];
    let serving = |w: usize| serves(st, w, family);
    let mut v: Vec<usize> = (0..p.workers.len())
        .filter(|&w| p.can_serve(w, family))
        .collect();
    v.sort_by_key(|&w| {
        (
            fam.primary_worker != Some(w),
            !serving(w),
            p.travel.minutes(p.workers[w].base, fam.location),
            w,
        )
    });
    v
}

/// Families ordered by how far their home is from the nearest base of a worker who may serve
/// them, farthest first: a far visit needs a long free stretch of a day, which is easiest to
/// find before the near visits fill the days. Ties keep the input order.
pub(crate) fn far_first(p: &Problem) -> Vec<usize> {
    let mut order: Vec<(u32, usize)> = (0..p.families.len())
        .map(|f| {
            let home = p.families[f].location;
            let near = (0..p.workers.len())
                .filter(|&w| p.can_serve(w, f))
                .map(|w| p.travel.minutes(p.workers[w].base, home))
                .min()
                .unwrap_or(0);
            (near, f)
        })
        .collect();
    order.sort_by_key(|&(near, f)| (std::cmp::Reverse(near), f));
    order.into_iter().map(|(_, f)| f).collect()
}

/// True when worker `w` already has a row of family `f` this week.
fn serves(st: &WeekState, w: usize, f: usize) -> bool {
    (0..7).any(|d| st.day(w, d).iter().any(|a| a.family == Some(f)))
}

/// What one more worker for the family costs (objective term `worker_per_family`), in the
/// greedy's cost unit (minutes of travel at the travel weight), when `w` does not serve it yet.
fn new_pair_cost(st: &WeekState, w: usize, f: usize) -> i64 {
    if serves(st, w, f) {
        0
    } else {
        (60.0 * in_travel_minutes(st, st.p.settings.weights.worker_per_family)).round() as i64
    }
}

/// An objective weight per hour as a cost per minute in the greedy's unit (minutes of travel
/// at the travel weight; a plan that does not price travel counts it at 1).
fn in_travel_minutes(st: &WeekState, weight: f64) -> f64 {
    let travel = st.p.settings.weights.travel_hour;
    weight / if travel > 0.0 { travel } else { 1.0 }
}

/// Load relative to capacity, as a cost in minutes (keeps the greedy from piling onto one worker).
fn load_cost(st: &WeekState, w: usize) -> i64 {
    let cap = st.p.workers[w].capacity_minutes().max(1);
    i64::from(st.week_minutes(w)) * 60 / i64::from(cap)
}

/// Staffs every meeting not staffed yet (fixed rooms first).
pub(crate) fn staff_meetings(st: &mut WeekState) {
    let p = st.p;
    let mut order: Vec<usize> = (0..p.meetings.len()).collect();
    // Meetings bound to one room first, so flexible ones do not take the room they need.
    order.sort_by_key(|&m| {
        (
            p.meetings[m].room.is_none(),
            p.meetings[m].day,
            p.meetings[m].span.start,
            m,
        )
    });
    for mi in order {
        if !st.is_staffed(mi) {
            try_staff(st, mi, None);
        }
    }
}

/// Staffs meeting `mi` in the first free room that works, with `workers` if given (the
/// optimizer's choice) or else the cheapest qualified workers; false when it cannot be done.
pub(crate) fn try_staff(st: &mut WeekState, mi: usize, workers: Option<&[usize]>) -> bool {
    let p = st.p;
    let m = &p.meetings[mi];
    let rooms: Vec<usize> = match m.room {
        Some(r) => vec![r],
        None => (0..p.rooms.len()).collect(),
    };
    for room in rooms {
        let pool: Vec<usize> = match workers {
            Some(ws) => ws.to_vec(),
            None => (0..p.workers.len())
                .filter(|&w| p.can_staff(w, mi))
                .collect(),
        };
        let mut options: Vec<(i64, DayPlan)> = pool
            .into_iter()
            .filter_map(|w| {
                st.try_add(w, m.day, &[meeting_row(p, mi, room, w)])
                    .map(|plan| (i64::from(plan.added) + load_cost(st, w), plan))
            })
            .collect();
        if options.len() < m.staff as usize {
            continue;
        }
        options.sort_by_key(|(c, plan)| (*c, plan.worker));
        let plans = options
            .into_iter()
            .take(m.staff as usize)
            .map(|(_, plan)| plan)
            .collect();
        commit_meeting(st, mi, room, plans);
        return true;
    }
    false
}

/// Commits the staffing of a meeting (one day plan per worker; the first books the room).
pub(crate) fn commit_meeting(st: &mut WeekState, mi: usize, room: usize, plans: Vec<DayPlan>) {
    let p = st.p;
    for plan in plans {
        let w = plan.worker;
        st.commit(plan, &[meeting_row(p, mi, room, w)]);
    }
}

fn joint_visits(st: &mut WeekState, order: &[usize]) {
    let p = st.p;
    for &f in order {
        while st.received(f).joint < p.families[f].joint_visits
            && st.received(f).visits < p.families[f].max_visits
        {
            let Some(len) = next_visit_length(st, f, 2, RemotePlan::Ceiling) else {
                break;
            };
            if !place_joint(st, f, len, &candidates(st, f), &[0, 1, 2, 3, 4, 5, 6]) {
                break;
            }
        }
    }
}

/// Finds two workers free at the same time for a joint visit and commits it.
/// `cands` are the workers to pair (best first), `days` the days to try.
pub(crate) fn place_joint(
    st: &mut WeekState,
    f: usize,
    len: u32,
    cands: &[usize],
    days: &[usize],
) -> bool {
    let p = st.p;
    let loc = Some(p.families[f].location);
    let mut best: Option<(i64, DayPlan, DayPlan, Activity, Activity)> = None;
    for (i, &w1) in cands.iter().enumerate().take(8) {
        for &day in days {
            if !st.day_open(f, day, ActivityKind::JointVisit) {
                continue;
            }
            for s in starts(p, w1, f, day, len) {
                let span = Interval::new(s, s + len);
                let mut a1 = activity(day, span, w1, ActivityKind::JointVisit, f, loc);
                // Whether w1 can make it at all, with the first possible partner (who the
                // partner is matters to no rule of w1's row but that it is someone else).
                a1.partner = cands.iter().skip(i + 1).copied().next();
                if a1.partner.is_none() || st.try_add(w1, day, &[a1]).is_none() {
                    continue;
                }
                for &w2 in cands.iter().skip(i + 1).take(10) {
                    let mut a2 = activity(day, span, w2, ActivityKind::JointVisit, f, loc);
                    a1.partner = Some(w2);
                    a2.partner = Some(w1);
                    let (Some(plan1), Some(plan2)) =
                        (st.try_add(w1, day, &[a1]), st.try_add(w2, day, &[a2]))
                    else {
                        continue;
                    };
                    let cost =
                        soft_cost(st, &plan1, f, &span, len) + soft_cost(st, &plan2, f, &span, len);
                    if best.as_ref().is_none_or(|b| cost < b.0) {
                        best = Some((cost, plan1, plan2, a1, a2));
                    }
                    break;
                }
            }
        }
        if best.is_some() {
            break;
        }
    }
    let Some((_, plan1, plan2, a1, a2)) = best else {
        return false;
    };
    st.commit(plan1, &[a1]);
    st.commit(plan2, &[a2]);
    true
}

fn primary_visits(st: &mut WeekState, order: &[usize], remote: RemotePlan) {
    let p = st.p;
    for &f in order {
        let Some(w) = p.families[f].primary_worker.filter(|&w| p.can_serve(w, f)) else {
            continue;
        };
        while st.received(f).visits < desired_visits(p, f, remote) {
            let Some(len) = next_visit_length(st, f, 1, remote) else {
                break;
            };
            let Some((_, plan, a)) = best_slot(st, w, f, ActivityKind::HomeVisit, len) else {
                break;
            };
            st.commit(plan, &[a]);
        }
    }
}

/// One visit per family per round, so that when capacity runs out the shortfall is spread.
fn other_visits(st: &mut WeekState, order: &[usize], remote: RemotePlan) {
    let p = st.p;
    let mut open: Vec<usize> = order.to_vec();
    while !open.is_empty() {
        open.retain(|&f| {
            if st.received(f).visits >= p.families[f].max_visits {
                return false;
            }
            let Some(len) = next_visit_length(st, f, 1, remote) else {
                return false;
            };
            let mut best: Option<(i64, DayPlan, Activity)> = None;
            let mut seen = 0;
            for w in candidates(st, f) {
                if seen >= COMPARE_WORKERS {
                    break;
                }
                if st.free_minutes(w) < len {
                    continue;
                }
                if let Some((cost, plan, a)) = best_slot(st, w, f, ActivityKind::HomeVisit, len) {
                    seen += 1;
                    let cost = cost + load_cost(st, w) + new_pair_cost(st, w, f);
                    if best.as_ref().is_none_or(|b| cost < b.0) {
                        best = Some((cost, plan, a));
                    }
                }
            }
            let Some((_, plan, a)) = best else {
                return false;
            };
            st.commit(plan, &[a]);
            true
        });
    }
}

/// Visits for `families` (realization's repair of the visits its days could not hold).
pub(crate) fn visits_only(st: &mut WeekState, families: &[usize]) {
    other_visits(st, families, RemotePlan::Ceiling);
}

/// One family's missing minutes wherever they fit now, visits first and remote sessions for
/// the rest (the search's last step for a family it left short).
pub(crate) fn top_up(st: &mut WeekState, f: usize) {
    joint_visits(st, &[f]);
    other_visits(st, &[f], RemotePlan::Ceiling);
    remote_sessions(st, &[f]);
}

/// Remote minutes the family may still get under its cap (rolling over history if given).
pub(crate) fn remote_room(st: &WeekState, f: usize) -> u32 {
    let p = st.p;
    let cap = p.remote_cap(f);
    if cap <= 0.0 {
        return 0;
    }
    if cap >= 1.0 {
        return u32::MAX;
    }
    let crate::model::Hours {
        in_person: hi,
        remote: hr,
    } = p.history_hours(f);
    let r = &st.received(f);
    let (inp, rem) = (f64::from(r.in_person) / 60.0, f64::from(r.remote) / 60.0);
    // Within the week, and over the rolling weeks with history (rule 6).
    let x = (cap / (1.0 - cap) * inp - rem).min(cap / (1.0 - cap) * (inp + hi) - (rem + hr));
    (x * 60.0 + 1e-6).floor().max(0.0) as u32
}

fn remote_sessions(st: &mut WeekState, order: &[usize]) {
    let p = st.p;
    let mut open: Vec<usize> = order.to_vec();
    while !open.is_empty() {
        open.retain(|&f| {
            let (lo, hi) = p.families[f].remote_minutes;
            let missing = missing(st, f);
            if missing <= 0 {
                return false;
            }
            let len = (missing as u32).div_ceil(5) * 5;
            let len = len
                .clamp(lo, hi)
                .min(remote_room(st, f))
                .min(allowance(st, f).max(0) as u32);
            if len < lo {
                return false;
            }
            let mut best: Option<(i64, DayPlan, Activity)> = None;
            for w in candidates(st, f).into_iter().take(COMPARE_WORKERS * 2) {
                if let Some((cost, plan, a)) = best_slot(st, w, f, ActivityKind::Remote, len) {
                    let cost = cost + load_cost(st, w) + new_pair_cost(st, w, f);
                    if best.as_ref().is_none_or(|b| cost < b.0) {
                        best = Some((cost, plan, a));
                    }
                }
            }
            let Some((_, plan, a)) = best else {
                return false;
            };
            st.commit(plan, &[a]);
            true
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::tiny;
    use crate::model::HistoryWeek;

    /// FA of the tiny week with `weekly` hours, remote sessions of 15–60 minutes and the plan's
    /// cap of 20 %.
    fn fa(weekly: f64) -> Problem {
        let mut p = tiny::problem();
        let f = &mut p.families[tiny::FA];
        f.weekly_hours = weekly;
        f.remote_max_share = None;
        f.min_visits = 1;
        p
    }

    #[test]
    fn remote_is_a_ceiling_visits_come_first() {
        // 3 h in one visit of at most 180 minutes: no remote session at all.
        let mut p = fa(3.0);
        p.families[tiny::FA].max_visits = 1;
        p.meetings.clear();
        let p = Week::new(p);
        let mut st = WeekState::new(&p);
        fill(&mut st);
        let r = st.received(tiny::FA);
        assert_eq!((r.remote, r.in_person), (0, 180));
        // 3.25 h: the quarter hour no visit can hold is a remote session (15 of 195 minutes is
        // within the 20 % cap), on another day than the visit (rule 7).
        let mut p = fa(3.25);
        p.families[tiny::FA].max_visits = 1;
        p.meetings.clear();
        let p = Week::new(p);
        let mut st = WeekState::new(&p);
        fill(&mut st);
        let r = st.received(tiny::FA);
        assert_eq!((r.remote, r.in_person), (15, 180));
        let roster = st.into_roster();
        assert!(crate::check::check_roster(&p, &roster).is_empty());
    }

    #[test]
    fn remote_room_holds_within_the_week_and_over_history() {
        // 2 h in person this week at 20 %: 30 minutes remote (30 of 150).
        let mut p = fa(5.0);
        p.meetings.clear();
        let w = Week::new(p.clone());
        let mut st = WeekState::new(&w);
        let visit = crate::model::Activity {
            day: 1,
            span: crate::model::Interval::new(9 * 60, 11 * 60),
            worker: 0,
            kind: ActivityKind::HomeVisit,
            family: Some(tiny::FA),
            meeting: None,
            partner: None,
            room: None,
            location: Some(w.families[tiny::FA].location),
        };
        st.book_happened(&visit);
        assert_eq!(remote_room(&st, tiny::FA), 30);
        // In-person history does not loosen it; remote history tightens it to nothing.
        for (in_person_hours, remote_hours, room) in [(30.0, 0.0, 30), (0.0, 1.0, 0)] {
            p.history = vec![HistoryWeek {
                family: tiny::FA,
                week: crate::model::IsoWeek::new(2026, 48).expect("a week"),
                in_person_hours,
                remote_hours,
            }];
            let w = Week::new(p.clone());
            let mut st = WeekState::new(&w);
            st.book_happened(&visit);
            assert_eq!(remote_room(&st, tiny::FA), room);
        }
    }
}
