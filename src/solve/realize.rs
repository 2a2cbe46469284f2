//! Turns the optimizer's decisions into a timed roster: each decided meeting staffing, joint
//! visit, visit and remote session is placed on its day through the same `WeekState` the
//! baseline uses (so travel is explicit and rules 1–5 hold), and whatever does not fit is left
//! to the greedy phases, which then fill the remaining demand. The greedy is the repair loop.

use super::baseline::{self, allowance, best_slot_on, place_joint, remote_room, try_staff};
use super::grid::GRID;
use super::mip::Decisions;
use super::moves::{Route, place};
use super::state::WeekState;
use crate::model::{Activity, ActivityKind, Interval, Roster, Week};

/// Length in whole minutes for `hours`, on `grid`, within `(lo, hi)` and at most `cap`;
/// `None` when that leaves less than `lo`.
fn length(hours: f64, grid: u32, (lo, hi): (u32, u32), cap: i64) -> Option<u32> {
    let want = ((hours * 60.0 / f64::from(grid)).round() as u32 * grid).clamp(lo, hi);
    let cap = u32::try_from(cap.max(0)).unwrap_or(0);
    let len = if want <= cap { want } else { cap / grid * grid };
    (len >= lo && len <= hi).then_some(len)
}

pub fn realize(p: &Week, d: &Decisions) -> Roster {
    let mut st = WeekState::new(p);
    let mut meetings = d.meetings.clone();
    meetings.sort_by_key(|d| {
        let m = d.meeting;
        (
            p.meetings[m].room.is_none(),
            p.meetings[m].day,
            p.meetings[m].span.start,
            m,
        )
    });
    for m in &meetings {
        try_staff(&mut st, m.meeting, Some(&m.workers));
    }
    for j in &d.joints {
        let fam = &p.families[j.family];
        if let Some(len) = length(
            j.hours,
            GRID,
            fam.visit_minutes,
            allowance(&st, j.family) / 2,
        ) {
            place_joint(&mut st, j.family, len, &j.workers, &[j.day]);
        }
    }
    // Far visits first: they need the longest free stretch of a day.
    let mut blocks = d.blocks.clone();
    blocks.sort_by_key(|b| {
        let blk = b.block;
        (
            std::cmp::Reverse(blk.round_trip_minutes(p)),
            blk.family,
            blk.day,
            blk.worker,
        )
    });
    // A worker-day's decided visits are placed together, in the order that fits them all
    // with the least cost (each as early as it fits after the one before, as a routing move
    // re-times a route); one by one at its cheapest slot, as before, when no order fits all.
    let mut days: Vec<(Route, Vec<Activity>)> = Vec::new();
    for b in &blocks {
        let (blk, visits, hours) = (&b.block, &b.visits, &b.hours);
        let fam = &p.families[blk.family];
        let r = Route {
            worker: blk.worker,
            day: blk.day,
        };
        let i = match days.iter().position(|(x, _)| *x == r) {
            Some(i) => i,
            None => {
                days.push((r, Vec::new()));
                days.len() - 1
            }
        };
        for _ in 0..*visits {
            let Some(len) = length(
                hours / f64::from(*visits),
                GRID,
                fam.visit_minutes,
                allowance(&st, blk.family),
            ) else {
                break;
            };
            let span = Interval::new(0, len);
            days[i].1.push(Activity {
                day: blk.day,
                span,
                worker: blk.worker,
                kind: ActivityKind::HomeVisit,
                family: Some(blk.family),
                meeting: None,
                partner: None,
                room: None,
                location: Some(fam.location),
            });
        }
    }
    let mut lost = Vec::new();
    for (r, visits) in &days {
        if !place_day(&mut st, *r, visits) {
            one_by_one(&mut st, *r, visits);
        }
        for v in visits {
            let f = v.family.unwrap_or_default();
            if !st.day(r.worker, r.day).iter().any(|a| a.family == v.family) && !lost.contains(&f) {
                lost.push(f);
            }
        }
    }
    // A decided visit that fits no order of its day (the MIP knows no breaks or exact times)
    // goes to another day or worker now, before the remote sessions take days (rule 7).
    baseline::visits_only(&mut st, &lost);
    for b in &d.blocks {
        let (blk, remote) = (&b.block, &b.remote);
        if *remote < 0.01 {
            continue;
        }
        let fam = &p.families[blk.family];
        let cap = allowance(&st, blk.family).min(i64::from(remote_room(&st, blk.family)));
        let Some(len) = length(*remote, 5, fam.remote_minutes, cap) else {
            continue;
        };
        if let Some((_, plan, a)) = best_slot_on(
            &st,
            blk.worker,
            blk.family,
            ActivityKind::Remote,
            len,
            [blk.day],
        ) {
            st.commit(plan, &[a]);
        }
    }
    baseline::fill(&mut st);
    st.into_roster()
}

/// Most visits of one worker-day whose every order is tried; a longer day tries its visits in
/// the order of the families' earliest windows and by the greedy's slots.
const ORDERS_UP_TO: usize = 5;

/// Places all of `visits` on route `r` in the order that fits them all at the least objective;
/// false (the week unchanged) when no order tried fits them all.
fn place_day(st: &mut WeekState, r: Route, visits: &[Activity]) -> bool {
    let fits = |st: &WeekState, a: &Activity| {
        let f = a.family.unwrap_or_default();
        st.received(f).visits < st.p.families[f].max_visits
    };
    if visits.is_empty() || !visits.iter().all(|a| fits(st, a)) {
        return visits.is_empty();
    }
    let mut orders: Vec<Vec<Activity>> = Vec::new();
    if visits.len() <= ORDERS_UP_TO {
        permutations(visits.to_vec(), 0, &mut orders);
    } else {
        let mut v = visits.to_vec();
        v.sort_by_key(|a| {
            let f = a.family.unwrap_or_default();
            let w = st.p.families[f].windows_on(r.day);
            w.intervals().first().map_or(0, |i| i.start)
        });
        orders.push(v);
    }
    let mut best: Option<(f64, usize)> = None;
    for (i, order) in orders.iter().enumerate() {
        st.begin();
        if place(st, r, order).is_some() {
            let v = st.value();
            if best.is_none_or(|(b, _)| v < b - 1e-9) {
                best = Some((v, i));
            }
        }
        st.rollback();
    }
    let Some((_, i)) = best else {
        return false;
    };
    st.begin();
    let placed = place(st, r, &orders[i]).is_some();
    debug_assert!(placed, "the order placed a moment ago");
    st.accept();
    placed
}

/// Every order of `v[k..]` after `v[..k]`, appended to `out`.
fn permutations(mut v: Vec<Activity>, k: usize, out: &mut Vec<Vec<Activity>>) {
    if k == v.len() {
        out.push(v);
        return;
    }
    for i in k..v.len() {
        v.swap(k, i);
        permutations(v.clone(), k + 1, out);
        v.swap(k, i);
    }
}

/// Each visit at its cheapest slot on the route's day, in turn, while they fit.
fn one_by_one(st: &mut WeekState, r: Route, visits: &[Activity]) {
    for v in visits {
        let f = v.family.unwrap_or_default();
        if st.received(f).visits >= st.p.families[f].max_visits {
            continue;
        }
        let Some((_, plan, a)) = best_slot_on(
            st,
            r.worker,
            f,
            ActivityKind::HomeVisit,
            v.minutes(),
            [r.day],
        ) else {
            break;
        };
        st.commit(plan, &[a]);
    }
}

#[cfg(test)]
mod tests {
    use super::length;

    #[test]
    fn lengths_round_to_the_grid_within_bounds_and_cap() {
        assert_eq!(length(1.6, 15, (60, 180), 1000), Some(90));
        assert_eq!(length(0.5, 15, (60, 180), 1000), Some(60));
        assert_eq!(length(4.0, 15, (60, 180), 1000), Some(180));
        assert_eq!(length(2.0, 15, (60, 180), 100), Some(90));
        assert_eq!(length(2.0, 15, (60, 180), 50), None);
    }
}
