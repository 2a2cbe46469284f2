//! The roster rules that judge one new row against the week so far, one named function per
//! rule (as reinterpretcat/vrp keeps one feature per file). `WeekState::check_add` runs
//! [`ROW_RULES`] on every new row before it builds the worker's day (rules 1–4 of the day are
//! `day::check_day`'s) and checks the week's capacity and rest; nothing else decides whether a
//! row may be added, so the greedy, the realization of the MIP, the search, what-if and the
//! reasons of coverage.csv cannot disagree.
//!
//! To add a rule: write it here as `fn(&WeekState, &Activity) -> Result<(), Rejection>` with a
//! new [`Rejection`] variant, list it in [`ROW_RULES`], give it a unit test below with the case
//! it allows and the case it rejects, and book whatever it needs in `WeekState::commit`.

use super::rejection::Rejection;
use super::state::WeekState;
use crate::model::limits;
use crate::model::{Activity, ActivityKind};

/// A rule on one new row.
pub type RowRule = fn(&WeekState, &Activity) -> Result<(), Rejection>;

/// Every row rule, in the order `check_add` runs them (the first that refuses is the answer:
/// who may do it, then where and when, then the family's week).
pub const ROW_RULES: &[(&str, RowRule)] = &[
    ("past", past),
    ("skill", skill),
    ("excluded", excluded),
    ("place", place),
    ("partner", partner),
    ("family_window", family_window),
    ("length", length),
    ("staffing", staffing),
    ("room", room),
    ("max_visits", max_visits),
    ("contacts_per_day", contacts_per_day),
    ("effort", effort),
    ("remote_cap", remote_cap),
];

/// Runs every row rule on `a`.
pub fn check_row(st: &WeekState, a: &Activity) -> Result<(), Rejection> {
    ROW_RULES.iter().try_for_each(|(_, rule)| rule(st, a))
}

/// A re-plan: no new row starts before the moment (what happened stays as it was; the past's
/// own rows are in the week from the start).
pub fn past(st: &WeekState, a: &Activity) -> Result<(), Rejection> {
    if st.p.past.forbids(a.day, a.span.start) {
        Err(Rejection::Past)
    } else {
        Ok(())
    }
}

/// Rule 8: the worker has the skills the family (client work) or the meeting requires.
pub fn skill(st: &WeekState, a: &Activity) -> Result<(), Rejection> {
    let p = st.p;
    let required = match (a.meeting, a.family) {
        (Some(m), _) => &p.meetings[m].required_skills,
        (None, Some(f)) => &p.families[f].required_skills,
        _ => return Ok(()),
    };
    if p.workers[a.worker].has_skills(required) {
        Ok(())
    } else {
        Err(Rejection::Skill)
    }
}

/// The family a row serves: its own, or its meeting's.
fn family_of(st: &WeekState, a: &Activity) -> Option<usize> {
    a.meeting.map(|m| st.p.meetings[m].family).or(a.family)
}

/// Rule 8: the worker is not excluded from the family (client work and its meetings).
pub fn excluded(st: &WeekState, a: &Activity) -> Result<(), Rejection> {
    match family_of(st, a) {
        Some(f) if st.p.families[f].excluded_workers.contains(&a.worker) => {
            Err(Rejection::Excluded)
        }
        _ => Ok(()),
    }
}

/// Rule 3: a visit at the family's home, a meeting in its room's place, a remote session with
/// no place.
pub fn place(st: &WeekState, a: &Activity) -> Result<(), Rejection> {
    let p = st.p;
    let ok = match (a.kind, a.meeting, a.family) {
        (_, Some(_), _) => a
            .room
            .is_some_and(|r| a.location == Some(p.rooms[r].location)),
        (ActivityKind::Remote, None, Some(_)) => a.location.is_none(),
        (k, None, Some(f)) if k.is_visit() => a.location == Some(p.families[f].location),
        _ => true,
    };
    if ok { Ok(()) } else { Err(Rejection::Place) }
}

/// Rule 7: a joint visit's row names a partner other than the worker.
pub fn partner(_st: &WeekState, a: &Activity) -> Result<(), Rejection> {
    match (a.kind, a.partner) {
        (ActivityKind::JointVisit, Some(w)) if w != a.worker => Ok(()),
        (ActivityKind::JointVisit, _) => Err(Rejection::Partner),
        _ => Ok(()),
    }
}

/// Rule 1: a visit or remote session lies inside the family's `available` hours.
pub fn family_window(st: &WeekState, a: &Activity) -> Result<(), Rejection> {
    match (a.kind.is_client(), a.meeting, a.family) {
        (true, None, Some(f)) if !st.p.families[f].windows_on(a.day).contains(&a.span) => {
            Err(Rejection::FamilyWindow)
        }
        _ => Ok(()),
    }
}

/// Rule 7: a visit lasts within the family's `visit_minutes`, a remote session within its
/// `remote_minutes`.
pub fn length(st: &WeekState, a: &Activity) -> Result<(), Rejection> {
    let Some(f) = a
        .family
        .filter(|_| a.meeting.is_none() && a.kind.is_client())
    else {
        return Ok(());
    };
    let fam = &st.p.families[f];
    let (lo, hi) = if a.kind == ActivityKind::Remote {
        fam.remote_minutes
    } else {
        fam.visit_minutes
    };
    if (lo..=hi).contains(&a.minutes()) {
        Ok(())
    } else {
        Err(Rejection::Length)
    }
}

/// Rule 9: a meeting row is at the meeting's slot, by a worker not staffing it yet, while the
/// meeting still needs staff.
pub fn staffing(st: &WeekState, a: &Activity) -> Result<(), Rejection> {
    let Some(m) = a.meeting else {
        return Ok(());
    };
    let mt = &st.p.meetings[m];
    let staff = st.meeting_staff(m);
    let ok = a.day == mt.day
        && a.span == mt.span
        && a.kind == ActivityKind::from_meeting(mt.kind)
        && staff.len() < mt.staff as usize
        && !staff.contains(&a.worker);
    if ok { Ok(()) } else { Err(Rejection::Staffing) }
}

/// Rule 9: the meeting's room (its own, if it names one) is open for the whole slot and holds
/// no other meeting then; every row of a meeting is in the same room.
pub fn room(st: &WeekState, a: &Activity) -> Result<(), Rejection> {
    let Some(m) = a.meeting else {
        return Ok(());
    };
    let p = st.p;
    let Some(r) = a.room else {
        return Err(Rejection::RoomTaken);
    };
    if p.meetings[m].room.is_some_and(|own| own != r) {
        return Err(Rejection::RoomTaken);
    }
    if !p.rooms[r].windows_on(a.day).contains(&a.span) {
        return Err(Rejection::RoomClosed);
    }
    match st.meeting_room(m) {
        Some(booked) if booked == r => Ok(()),
        Some(_) => Err(Rejection::RoomTaken),
        None if st.room_free(r, a.day, &a.span) => Ok(()),
        None => Err(Rejection::RoomTaken),
    }
}

/// Rule 7: the family's visits of the week stay within `max_visits` (a joint visit is one).
pub fn max_visits(st: &WeekState, a: &Activity) -> Result<(), Rejection> {
    let Some(f) = a
        .family
        .filter(|_| a.meeting.is_none() && a.kind.is_visit())
    else {
        return Ok(());
    };
    if st.family_day(f, a.day).is_booked(a) || st.received(f).visits < st.p.families[f].max_visits {
        Ok(())
    } else {
        Err(Rejection::MaxVisits)
    }
}

/// Rule 7: the family's contacts of the day (visits a day, 60 minutes apart, one remote
/// session).
pub fn contacts_per_day(st: &WeekState, a: &Activity) -> Result<(), Rejection> {
    match a.family {
        Some(f) if a.meeting.is_none() && a.kind.is_client() => {
            st.check_contact(f, a.day, a.kind, &a.span)
        }
        _ => Ok(()),
    }
}

/// Minutes the row adds to its family's delivered hours once it and the rows it brings with it
/// are all planned: a joint visit's first row both rows, a meeting's first row all its staff
/// (when meetings count as effort).
fn effort_minutes(st: &WeekState, a: &Activity) -> u32 {
    let p = st.p;
    match (a.meeting, a.family) {
        (Some(m), _) if p.settings.meetings_count_as_effort => {
            let left = (p.meetings[m].staff as usize).saturating_sub(st.meeting_staff(m).len());
            a.minutes() * left.max(1) as u32
        }
        (None, Some(f)) if a.kind == ActivityKind::JointVisit => {
            if st.family_day(f, a.day).is_booked(a) {
                a.minutes()
            } else {
                2 * a.minutes()
            }
        }
        (None, Some(_)) if a.kind.is_client() => a.minutes(),
        _ => 0,
    }
}

/// Rule 6: the family receives at most `weekly_hours` + 0.25 h.
pub fn effort(st: &WeekState, a: &Activity) -> Result<(), Rejection> {
    let Some(f) = family_of(st, a) else {
        return Ok(());
    };
    let add = effort_minutes(st, a);
    if add == 0 {
        return Ok(());
    }
    let after = f64::from(st.received(f).delivered() + add) / 60.0;
    if after <= limits::most_delivered_hours(st.p.families[f].weekly_hours) + limits::EPS {
        Ok(())
    } else {
        Err(Rejection::Effort)
    }
}

/// Rule 6: the family's remote hours stay within its cap of the delivered hours, over this week
/// and the three before it in `history.csv`.
pub fn remote_cap(st: &WeekState, a: &Activity) -> Result<(), Rejection> {
    let Some(f) = a.family.filter(|_| a.kind == ActivityKind::Remote) else {
        return Ok(());
    };
    let p = st.p;
    let r = st.received(f);
    let (hist_in, hist_rem) = p.history_hours(f);
    let remote = f64::from(r.remote + a.minutes()) / 60.0 + hist_rem;
    let in_person = f64::from(r.in_person) / 60.0 + hist_in;
    if limits::within_remote_cap(p.remote_cap(f), in_person, remote) {
        Ok(())
    } else {
        Err(Rejection::RemoteCap)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::tiny::{self, FA, HOME_A, HOME_B, hm};
    use crate::model::{Interval, Problem};

    fn week(p: &Problem) -> WeekState<'_> {
        WeekState::new(p)
    }

    fn visit(start: &str, end: &str) -> Activity {
        tiny::visit(0, 1, start, end, FA, HOME_A)
    }

    fn remote(start: &str, end: &str) -> Activity {
        tiny::remote(0, 1, start, end, FA)
    }

    /// Adds `a` through the one check, panicking if it is refused.
    fn add(st: &mut WeekState, a: Activity) {
        let plan = st.check_add(a.worker, a.day, &[a]).expect("allowed");
        st.commit(plan, &[a]);
    }

    #[test]
    fn skill_needs_every_required_skill() {
        let mut p = tiny::problem();
        let st = week(&p);
        assert_eq!(skill(&st, &visit("09:00", "10:00")), Ok(()));
        p.families[FA].required_skills = vec!["swedish".into()];
        let st = week(&p);
        assert_eq!(skill(&st, &visit("09:00", "10:00")), Err(Rejection::Skill));
    }

    #[test]
    fn excluded_worker_is_refused() {
        let mut p = tiny::problem();
        assert_eq!(excluded(&week(&p), &visit("09:00", "10:00")), Ok(()));
        p.families[FA].excluded_workers = vec![0];
        assert_eq!(
            excluded(&week(&p), &visit("09:00", "10:00")),
            Err(Rejection::Excluded)
        );
        // Also the family's meetings.
        let m = tiny::supported(&p, 0, 0);
        assert_eq!(excluded(&week(&p), &m), Err(Rejection::Excluded));
    }

    #[test]
    fn place_is_the_home_the_room_or_nowhere() {
        let p = tiny::problem();
        let st = week(&p);
        assert_eq!(place(&st, &visit("09:00", "10:00")), Ok(()));
        let elsewhere = tiny::visit(0, 1, "09:00", "10:00", FA, HOME_B);
        assert_eq!(place(&st, &elsewhere), Err(Rejection::Place));
        assert_eq!(place(&st, &remote("09:00", "09:30")), Ok(()));
        let placed_remote = Activity {
            location: Some(HOME_A),
            ..remote("09:00", "09:30")
        };
        assert_eq!(place(&st, &placed_remote), Err(Rejection::Place));
    }

    #[test]
    fn partner_is_another_worker() {
        let p = tiny::problem();
        let st = week(&p);
        let mut j = visit("09:00", "10:00");
        j.kind = ActivityKind::JointVisit;
        assert_eq!(partner(&st, &j), Err(Rejection::Partner));
        j.partner = Some(0);
        assert_eq!(partner(&st, &j), Err(Rejection::Partner));
        j.partner = Some(1);
        assert_eq!(partner(&st, &j), Ok(()));
    }

    #[test]
    fn family_window_holds_visits_and_sessions() {
        let mut p = tiny::problem();
        p.families[FA].available = Some(crate::model::WeeklyPattern::new(vec![
            crate::model::PatternRule {
                days: 0x7f,
                span: Interval::new(hm("12:00"), hm("18:00")),
            },
        ]));
        let st = week(&p);
        assert_eq!(
            family_window(&st, &visit("09:00", "10:00")),
            Err(Rejection::FamilyWindow)
        );
        assert_eq!(family_window(&st, &visit("12:00", "13:00")), Ok(()));
        assert_eq!(
            family_window(&st, &remote("11:45", "12:15")),
            Err(Rejection::FamilyWindow)
        );
    }

    #[test]
    fn length_within_the_family_bounds() {
        let p = tiny::problem(); // visits 60–180 min, remote 15–60 min
        let st = week(&p);
        assert_eq!(length(&st, &visit("09:00", "10:00")), Ok(()));
        assert_eq!(
            length(&st, &visit("09:00", "09:45")),
            Err(Rejection::Length)
        );
        assert_eq!(
            length(&st, &visit("09:00", "12:15")),
            Err(Rejection::Length)
        );
        assert_eq!(length(&st, &remote("09:00", "10:00")), Ok(()));
        assert_eq!(
            length(&st, &remote("09:00", "10:15")),
            Err(Rejection::Length)
        );
    }

    #[test]
    fn staffing_at_the_slot_once_per_worker_up_to_staff() {
        let p = tiny::problem(); // M1: one worker, Monday 10:00–12:00
        let mut st = week(&p);
        let m1 = tiny::supported(&p, 0, 0);
        let mut late = m1;
        late.span = Interval::new(hm("10:15"), hm("12:00"));
        assert_eq!(staffing(&st, &late), Err(Rejection::Staffing));
        assert_eq!(staffing(&st, &m1), Ok(()));
        add(&mut st, m1);
        assert!(st.is_staffed(0));
        assert_eq!(
            staffing(&st, &tiny::supported(&p, 1, 0)),
            Err(Rejection::Staffing)
        );
    }

    #[test]
    fn room_open_free_and_the_same_for_every_row() {
        let mut p = tiny::problem();
        p.meetings[1].span = p.meetings[0].span; // M2 at M1's time
        let mut st = week(&p);
        add(&mut st, tiny::supported(&p, 0, 0)); // M1 in R1
        let mut m2 = tiny::supported(&p, 1, 1);
        m2.room = Some(0);
        assert_eq!(room(&st, &m2), Err(Rejection::RoomTaken));
        m2.room = Some(1);
        assert_eq!(room(&st, &m2), Ok(()));
        p.rooms[1].available = Some(crate::model::WeeklyPattern::new(vec![
            crate::model::PatternRule {
                days: 0x7f,
                span: Interval::new(hm("13:00"), hm("16:00")),
            },
        ]));
        assert_eq!(room(&week(&p), &m2), Err(Rejection::RoomClosed));
    }

    #[test]
    fn max_visits_counts_a_joint_visit_once() {
        let mut p = tiny::problem();
        p.families[FA].max_visits = 1;
        let mut st = week(&p);
        let mut j1 = visit("09:00", "10:00");
        j1.kind = ActivityKind::JointVisit;
        j1.partner = Some(1);
        let j2 = Activity {
            worker: 1,
            partner: Some(0),
            ..j1
        };
        add(&mut st, j1);
        assert_eq!(
            max_visits(&st, &j2),
            Ok(()),
            "the partner's row is the same visit"
        );
        add(&mut st, j2);
        let later = tiny::visit(0, 2, "09:00", "10:00", FA, HOME_A);
        assert_eq!(max_visits(&st, &later), Err(Rejection::MaxVisits));
    }

    #[test]
    fn contacts_per_day_one_visit_and_one_session() {
        let p = tiny::problem(); // max_visits_per_day 1
        let mut st = week(&p);
        add(&mut st, visit("09:00", "10:00"));
        assert_eq!(
            contacts_per_day(&st, &visit("14:00", "15:00")),
            Err(Rejection::VisitsPerDay)
        );
        add(&mut st, remote("16:00", "16:30"));
        assert_eq!(
            contacts_per_day(&st, &remote("18:00", "18:30")),
            Err(Rejection::RemotePerDay)
        );
    }

    #[test]
    fn effort_up_to_weekly_hours_and_a_quarter() {
        let mut p = tiny::problem();
        p.families[FA].weekly_hours = 2.0;
        let mut st = week(&p);
        add(&mut st, visit("09:00", "11:00"));
        assert_eq!(effort(&st, &remote("13:00", "13:15")), Ok(()), "2.25 h");
        assert_eq!(
            effort(&st, &remote("13:00", "13:30")),
            Err(Rejection::Effort)
        );
        // A joint visit's first row counts both rows.
        let st = week(&p);
        let mut j = visit("09:00", "10:15");
        j.kind = ActivityKind::JointVisit;
        j.partner = Some(1);
        assert_eq!(effort(&st, &j), Err(Rejection::Effort), "2 × 1.25 h");
    }

    #[test]
    fn remote_cap_rolls_over_history() {
        let mut p = tiny::problem();
        p.families[FA].remote_max_share = Some(0.2);
        let mut st = week(&p);
        assert_eq!(
            remote_cap(&st, &remote("13:00", "13:30")),
            Err(Rejection::RemoteCap)
        );
        add(&mut st, visit("09:00", "11:00"));
        // 0.5 h of 2.5 h is 20 %.
        assert_eq!(remote_cap(&st, &remote("13:00", "13:30")), Ok(()));
        assert_eq!(
            remote_cap(&st, &remote("13:00", "13:45")),
            Err(Rejection::RemoteCap)
        );
        // Three earlier weeks of remote work use up the cap.
        p.history.push(crate::model::HistoryWeek {
            family: FA,
            week: crate::model::IsoWeek::new(2026, 48).expect("the week before"),
            in_person_hours: 0.0,
            remote_hours: 3.0,
        });
        let mut st = week(&p);
        add(&mut st, visit("09:00", "11:00"));
        assert_eq!(
            remote_cap(&st, &remote("13:00", "13:30")),
            Err(Rejection::RemoteCap)
        );
    }

    #[test]
    fn every_rule_is_listed_once() {
        let mut names: Vec<&str> = ROW_RULES.iter().map(|(n, _)| *n).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), ROW_RULES.len());
    }
}
