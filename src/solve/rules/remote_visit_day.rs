//! Rule 7: nobody phones a family while a colleague sits in its kitchen. A remote session never
//! falls on a day on which the family has an in-person visit; with the plan key
//! `remote_on_visit_days = true`, it may, but never overlapping one of the family's visits and
//! at least 60 minutes from each. The rule judges both kinds of row: a remote session against
//! the day's visits, and a visit against the day's remote sessions.

use super::{Mip, Scope, row_rule};
use crate::model::limits::VISIT_GAP_MINUTES;
use crate::model::{Activity, ActivityKind, Interval};
use crate::solve::rejection::Rejection;
use crate::solve::state::{FamilyDay, WeekState};

row_rule! {
    /// The rule as the registry lists it.
    RemoteVisitDay: "remote_visit_day", spec Some(7), Scope::FamilyDay, Mip::Group("families"), remote_visit_day
}

/// Rule 7: a remote session and an in-person visit of one family on one day (see the module).
pub fn remote_visit_day(st: &WeekState, a: &Activity) -> Result<(), Rejection> {
    match a.family {
        Some(f) if a.meeting.is_none() && a.kind.is_client() => judge(
            st.p.settings.remote_on_visit_days,
            st.family_day(f, a.day),
            a.kind,
            &a.span,
        ),
        _ => Ok(()),
    }
}

/// The rule on a family's day as booked: may a row of `kind` at `span` join it?
fn judge(
    same_day: bool,
    fd: &FamilyDay,
    kind: ActivityKind,
    span: &Interval,
) -> Result<(), Rejection> {
    let others: Vec<Interval> = match kind {
        ActivityKind::Remote => fd.visits.iter().map(|v| v.span).collect(),
        k if k.is_visit() => fd.remote.clone(),
        _ => return Ok(()),
    };
    if others.is_empty() {
        return Ok(());
    }
    if !same_day {
        return Err(if kind == ActivityKind::Remote {
            Rejection::VisitThatDay
        } else {
            Rejection::RemoteThatDay
        });
    }
    let apart = |o: &Interval| {
        span.start >= o.end + VISIT_GAP_MINUTES || o.start >= span.end + VISIT_GAP_MINUTES
    };
    if others.iter().all(apart) {
        Ok(())
    } else {
        Err(Rejection::RemoteNearVisit)
    }
}

/// The cheap test before trying start times: false when no row of `kind` can join the
/// family's day at any time because of this rule.
pub fn day_open(st: &WeekState, fd: &FamilyDay, kind: ActivityKind) -> bool {
    st.p.settings.remote_on_visit_days
        || match kind {
            ActivityKind::Remote => fd.visits.is_empty(),
            k if k.is_visit() => fd.remote.is_empty(),
            _ => true,
        }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::solve::rules::test_week::*;

    #[test]
    fn no_remote_session_on_a_visit_day() {
        let p = Week::new(tiny::problem()); // remote_on_visit_days = false (the default)
        let mut st = week(&p);
        add(&mut st, visit("09:00", "10:00"));
        assert_eq!(
            remote_visit_day(&st, &remote("16:00", "16:30")),
            Err(Rejection::VisitThatDay)
        );
        let mut tuesday = remote("16:00", "16:30");
        tuesday.day = 2;
        assert_eq!(remote_visit_day(&st, &tuesday), Ok(()));
        assert!(!day_open(&st, st.family_day(FA, 1), ActivityKind::Remote));
        assert!(day_open(&st, st.family_day(FA, 2), ActivityKind::Remote));
    }

    #[test]
    fn no_visit_on_a_remote_day() {
        let p = Week::new(tiny::problem());
        let mut st = week(&p);
        add(&mut st, remote("09:00", "09:30"));
        assert_eq!(
            remote_visit_day(&st, &visit("13:00", "14:00")),
            Err(Rejection::RemoteThatDay)
        );
        assert!(!day_open(
            &st,
            st.family_day(FA, 1),
            ActivityKind::HomeVisit
        ));
    }

    #[test]
    fn on_visit_days_when_allowed_but_an_hour_apart() {
        let mut p = Week::new(tiny::problem());
        p.settings.remote_on_visit_days = true;
        let mut st = week(&p);
        add(&mut st, visit("09:00", "10:00"));
        // Overlapping, and 59 minutes after: refused; 60 minutes after or before: allowed.
        for (start, end) in [("09:30", "10:00"), ("10:59", "11:30"), ("08:01", "08:30")] {
            assert_eq!(
                remote_visit_day(&st, &remote(start, end)),
                Err(Rejection::RemoteNearVisit),
                "{start}-{end}"
            );
        }
        for (start, end) in [("11:00", "11:30"), ("07:30", "08:00")] {
            assert_eq!(
                remote_visit_day(&st, &remote(start, end)),
                Ok(()),
                "{start}-{end}"
            );
        }
        assert!(day_open(&st, st.family_day(FA, 1), ActivityKind::Remote));
    }

    #[test]
    fn meetings_and_other_families_are_not_its_business() {
        let p = Week::new(tiny::problem());
        let mut st = week(&p);
        add(&mut st, visit("09:00", "10:00"));
        let other = tiny::remote(0, 1, "16:00", "16:30", tiny::FB);
        assert_eq!(remote_visit_day(&st, &other), Ok(()));
    }
}
