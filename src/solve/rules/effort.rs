//! Rule 6: the family receives at most `weekly_hours` + 0.25 h.

use super::{Mip, Scope, family_of, row_rule};
use crate::model::limits;
use crate::model::{Activity, ActivityKind};
use crate::solve::rejection::Rejection;
use crate::solve::state::WeekState;

row_rule! {
    /// The rule as the registry lists it.
    Effort: "effort", spec Some(6), Scope::FamilyWeek, Mip::Group("families"), effort
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::solve::rules::test_week::*;

    #[test]
    fn effort_up_to_weekly_hours_and_a_quarter() {
        let mut p = Week::new(tiny::problem());
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
}
