//! Carrying a roster into another week's problem (a what-if scenario, a re-plan, last week's
//! rhythm): its rows are re-added through the one feasibility check on top of the week's pinned
//! rows, in groups that stand or fall together, and the greedy fills what is left.

use super::baseline;
use super::state::WeekState;
use crate::model::{Activity, ActivityKind, Roster, Week};
use std::collections::{BTreeMap, BTreeSet};

/// `rows` carried into `q`, each worker mapped by `map` (`None`: the worker is not in `q`):
/// meetings first, then joint visits, visits and remote sessions (so the remote cap sees the
/// in-person hours kept), each meeting's staffing and each joint visit whole or not at all;
/// what `q`'s rules refuse is dropped, and the greedy fills what is left. `None` when the result
/// would break a rule (the caller then starts from its own greedy plan).
pub fn carry(q: &Week, rows: &[Activity], map: impl Fn(usize) -> Option<usize>) -> Option<Roster> {
    carry_onto(WeekState::new(q), rows, map, false)
}

/// [`carry`] for rows that may miss some of the week's meetings (last week's roster for
/// `plan --previous`): the meetings the rows staff are carried first, the week's other
/// meetings are staffed next, and only then the visits, which take the time the meetings leave.
pub fn carry_around_meetings(q: &Week, rows: &[Activity]) -> Option<Roster> {
    carry_onto(WeekState::new(q), rows, Some, true)
}

fn carry_onto(
    mut st: WeekState,
    rows: &[Activity],
    map: impl Fn(usize) -> Option<usize>,
    staff_before_visits: bool,
) -> Option<Roster> {
    let q = st.p;
    // The rows that can be mapped into the week, in groups that stand or fall together.
    let mut groups: BTreeMap<(u8, usize, usize, u32, u32), Vec<Activity>> = BTreeMap::new();
    let mut lost = BTreeSet::new();
    for (i, act) in rows.iter().enumerate() {
        if matches!(act.kind, ActivityKind::Travel | ActivityKind::Break) || q.is_pinned(act) {
            continue;
        }
        let key = match (act.kind, act.meeting) {
            (_, Some(m)) => (0, act.day, m, 0, 0),
            (ActivityKind::JointVisit, _) => (
                1,
                act.day,
                act.family.unwrap_or_default(),
                act.span.start,
                act.span.end,
            ),
            (ActivityKind::Remote, _) => (3, act.day, i, 0, 0),
            _ => (2, act.day, i, 0, 0),
        };
        let mapped = map(act.worker).map(|w| Activity {
            worker: w,
            partner: act.partner.and_then(&map),
            ..*act
        });
        match mapped {
            Some(x) => groups.entry(key).or_default().push(x),
            None => {
                lost.insert(key);
            }
        }
    }
    let mut staffed = !staff_before_visits;
    for (key, rows) in groups {
        if key.0 > 0 && !staffed {
            baseline::staff_meetings(&mut st);
            staffed = true;
        }
        if lost.contains(&key) {
            continue; // a leaver's part of a meeting or joint visit takes the rest with it
        }
        let plans: Option<Vec<_>> = rows
            .iter()
            .map(|x| st.check_add(x.worker, x.day, std::slice::from_ref(x)).ok())
            .collect();
        for (plan, x) in plans.into_iter().flatten().zip(&rows) {
            st.commit(plan, std::slice::from_ref(x));
        }
    }
    baseline::fill(&mut st);
    let r = st.into_roster();
    // (A re-plan's past may break rules the data now hold, as it happened: those stay.)
    crate::check::check_roster(q, &r)
        .iter()
        .all(|v| super::replan::is_the_pasts(q, &r, v))
        .then_some(r)
}
