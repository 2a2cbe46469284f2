//! Carrying a roster into another week's problem (a what-if scenario, a re-plan, last week's
//! rhythm): its rows are re-added through the one feasibility check on top of the week's pinned
//! rows, in groups that stand or fall together, and the greedy fills what is left; the finished
//! week is then judged by [`week_holds`] on what a check of one row at a time cannot see.

use super::baseline;
use super::rules;
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
        // The rows of a group are judged against the week without each other, so two rows of
        // one worker (which no meeting's staff and no joint visit's pair holds: rules 9 and 7)
        // would each pass alone: such a group is refused whole.
        let workers: BTreeSet<usize> = rows.iter().map(|x| x.worker).collect();
        if workers.len() != rows.len() {
            continue;
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
    let r = st.roster();
    week_holds(&st, &r).then_some(r)
}

/// The finished week judged on what `WeekState::check_add`, one new row at a time, cannot see:
/// true when it is a plan of the week. Every row carried or filled in passed the one check
/// against everything booked before it, so rules 1–4 hold of every worker-day it touched
/// (`day::check_day` built each, `check_worker` kept the rest between days) and every row rule
/// held when the row came. What is left is what the pinned rows (booked by `WeekState::new`
/// without the row rules) and rules of several rows bring:
/// - rule 5: a worker's week within capacity. Only a re-plan's past can exceed it (a capacity
///   lowered after the hours were worked); nothing planned adds to it, so with a past kept the
///   week is a plan all the same.
/// - rule 6, the remote cap of each family at the end. A remote session added passed the cap
///   with the in-person hours booked then, and those only grow; but the pinned remote sessions
///   were not asked (`pins::check` leaves the cap of a kept appointment to the end, and a
///   past is as it happened). A family over its cap is the past's only when it has remote
///   sessions this week and every one of them has happened (the CLI then refuses the re-plan,
///   E048). A cap broken by `history.csv` alone, with no remote session this week, refuses the
///   week too, as the final verdict of the checker did before (no roster of the week mends it).
/// - rule 9: a staffed meeting has all its staff (a previous roster may staff one partly), and
///   rule 7: a joint visit is two rows, each naming the other as partner (the partner rule sees
///   one row) — unless every row of it has happened.
fn week_holds(st: &WeekState, r: &Roster) -> bool {
    let p = st.p;
    let happened = |a: &Activity| p.past.happened(a);
    if p.past.moment.is_none()
        && (0..p.workers.len()).any(|w| st.week_minutes(w) > p.workers[w].capacity_minutes())
    {
        return false;
    }
    let mut remote: Vec<Vec<&Activity>> = vec![Vec::new(); p.families.len()];
    let mut meetings: BTreeMap<usize, Vec<&Activity>> = BTreeMap::new();
    let mut joint: BTreeMap<(usize, usize, u32, u32), Vec<&Activity>> = BTreeMap::new();
    for a in &r.activities {
        match (a.kind, a.meeting, a.family) {
            (_, Some(m), _) => meetings.entry(m).or_default().push(a),
            (ActivityKind::Remote, None, Some(f)) => remote[f].push(a),
            (ActivityKind::JointVisit, None, Some(f)) => joint
                .entry((f, a.day, a.span.start, a.span.end))
                .or_default()
                .push(a),
            _ => {}
        }
    }
    let cap_holds = (0..p.families.len()).all(|f| {
        rules::within_cap(st, f, 0)
            || (!remote[f].is_empty() && remote[f].iter().all(|a| happened(a)))
    });
    let staffed = meetings.iter().all(|(&m, rows)| {
        st.meeting_staff(m).len() == p.meetings[m].staff as usize
            || rows.iter().all(|a| happened(a))
    });
    let paired = joint.values().all(|rows| {
        let pair = match rows.as_slice() {
            [a, b] => {
                a.worker != b.worker && a.partner == Some(b.worker) && b.partner == Some(a.worker)
            }
            _ => false,
        };
        pair || rows.iter().all(|a| happened(a))
    });
    cap_holds && staffed && paired
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::tiny::{self, FA, HOME_A, hm};
    use crate::model::{HistoryWeek, IsoWeek, Moment, Past};

    /// Whether the week holding `rows` (booked as pinned rows are, without the row rules) is a
    /// plan, and the labels of the checker's violations of the same roster.
    fn judged(p: &Week, rows: &[Activity]) -> (bool, Vec<&'static str>) {
        let st = WeekState::from_activities(p, rows).expect("the days build");
        let r = st.roster();
        let labels = crate::check::check_roster(p, &r)
            .iter()
            .map(|v| v.rule.label())
            .collect();
        (week_holds(&st, &r), labels)
    }

    /// `p` re-planned from Tuesday (day 1) at `hhmm`, the past being `rows`.
    fn from_tuesday(p: &mut Week, hhmm: &str, rows: &[Activity]) {
        let moment = Moment {
            day: 1,
            minute: hm(hhmm),
        };
        p.past = Past::new(Some(moment), rows.to_vec());
    }

    fn joint(w: usize, partner: usize) -> Activity {
        Activity {
            kind: ActivityKind::JointVisit,
            partner: Some(partner),
            ..tiny::visit(w, 1, "09:00", "10:00", FA, HOME_A)
        }
    }

    #[test]
    fn the_remote_cap_is_judged_on_the_finished_week() {
        let mut p = Week::new(tiny::problem());
        p.families[FA].remote_max_share = Some(0.2);
        let session = tiny::remote(0, 1, "13:00", "14:00", FA);
        // A kept remote appointment with no in-person hours to back it.
        assert_eq!(judged(&p, &[session]), (false, vec!["6-remote-cap"]));
        // 3 h in person back 0.5 h remote (0.5 of 3.5 h is 14 %).
        let visit = tiny::visit(1, 2, "09:00", "12:00", FA, HOME_A);
        let half = tiny::remote(0, 1, "13:00", "13:30", FA);
        assert_eq!(judged(&p, &[half, visit]), (true, vec![]));
        // A remote session that has happened is the past's: the week is a plan (the CLI
        // then names the session, E048).
        from_tuesday(&mut p, "14:00", &[session]);
        assert_eq!(judged(&p, &[session]), (true, vec!["6-remote-cap"]));
        // A cap broken by history.csv alone, with no session this week, refuses the week, as
        // the checker's verdict on the carried roster did.
        let mut p = Week::new(tiny::problem());
        p.families[FA].remote_max_share = Some(0.2);
        p.history.push(HistoryWeek {
            family: FA,
            week: IsoWeek::new(2026, 48).expect("the week before"),
            in_person_hours: 0.0,
            remote_hours: 3.0,
        });
        assert_eq!(judged(&p, &[visit]), (false, vec!["6-remote-cap"]));
    }

    #[test]
    fn a_meeting_has_all_its_staff_unless_it_has_happened() {
        let mut p = Week::new(tiny::problem());
        p.meetings[0].staff = 2;
        let (w1, w2) = (tiny::supported(&p, 0, 0), tiny::supported(&p, 1, 0));
        assert_eq!(judged(&p, &[w1]), (false, vec!["9-meetings"]));
        assert_eq!(judged(&p, &[w1, w2]), (true, vec![]));
        // M1 is on Monday: from Tuesday it has happened with the one worker it had.
        from_tuesday(&mut p, "08:00", &[w1]);
        assert_eq!(judged(&p, &[w1]), (true, vec!["9-meetings"]));
    }

    #[test]
    fn a_joint_visit_is_two_rows_each_the_others_partner() {
        let mut p = Week::new(tiny::problem());
        assert_eq!(judged(&p, &[joint(0, 1)]), (false, vec!["7-joint"]));
        assert_eq!(judged(&p, &[joint(0, 1), joint(1, 0)]), (true, vec![]));
        from_tuesday(&mut p, "09:30", &[joint(0, 1)]);
        assert_eq!(judged(&p, &[joint(0, 1)]), (true, vec!["7-joint"]));
    }

    #[test]
    fn a_week_over_capacity_is_a_plan_only_with_a_past_kept() {
        let mut p = Week::new(tiny::problem());
        p.workers[0].capacity_hours = 2.0;
        // 2 h at home A and 40 minutes on the road.
        let visit = tiny::visit(0, 1, "09:00", "11:00", FA, HOME_A);
        assert_eq!(judged(&p, &[visit]), (false, vec!["5-capacity"]));
        from_tuesday(&mut p, "12:00", &[visit]);
        assert_eq!(judged(&p, &[visit]), (true, vec!["5-capacity"]));
    }

    #[test]
    fn a_group_with_one_worker_twice_is_refused_and_the_greedy_staffs_the_meeting() {
        let mut p = Week::new(tiny::problem());
        p.meetings[0].staff = 2;
        let twice = tiny::supported(&p, 0, 0);
        let r = carry(&p, &[twice, twice], Some).expect("a plan of the week");
        let mut staff: Vec<usize> = r
            .activities
            .iter()
            .filter(|a| a.meeting == Some(0))
            .map(|a| a.worker)
            .collect();
        staff.sort_unstable();
        assert_eq!(staff, [0, 1]);
        assert_eq!(crate::check::check_roster(&p, &r), []);
    }
}
