//! Rule 7: the family's visits of the week stay within `max_visits` (a joint visit is one).

use super::{Mip, Scope, row_rule};
use crate::model::Activity;
use crate::solve::rejection::Rejection;
use crate::solve::state::WeekState;

row_rule! {
    /// The rule as the registry lists it.
    MaxVisits: "max_visits", spec Some(7), Scope::FamilyWeek, Mip::Group("families"), max_visits
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::solve::rules::test_week::*;

    #[test]
    fn max_visits_counts_a_joint_visit_once() {
        let mut p = Week::new(tiny::problem());
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
}
