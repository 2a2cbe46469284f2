//! Turns the optimizer's decisions into a timed roster: each decided meeting staffing, joint
//! visit, visit and remote session is placed on its day through the same `WeekState` the
//! baseline uses (so travel is explicit and rules 1–5 hold), and whatever does not fit is left
//! to the greedy phases, which then fill the remaining demand. The greedy is the repair loop.

use super::baseline::{self, allowance, best_slot_on, place_joint, remote_room, try_staff};
use super::grid::GRID;
use super::mip::Decisions;
use super::state::WeekState;
use crate::model::{ActivityKind, Roster, Week};

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
    for b in &blocks {
        let (blk, visits, hours) = (&b.block, &b.visits, &b.hours);
        let fam = &p.families[blk.family];
        for _ in 0..*visits {
            if st.received(blk.family).visits >= fam.max_visits {
                break;
            }
            let Some(len) = length(
                hours / f64::from(*visits),
                GRID,
                fam.visit_minutes,
                allowance(&st, blk.family),
            ) else {
                break;
            };
            let Some((_, plan, a)) = best_slot_on(
                &st,
                blk.worker,
                blk.family,
                ActivityKind::HomeVisit,
                len,
                [blk.day],
            ) else {
                break;
            };
            st.commit(plan, &[a]);
        }
    }
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
