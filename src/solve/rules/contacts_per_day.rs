//! Rule 7: the family's contacts of the day (visits a day, 60 minutes apart, one remote
//! session).

use super::{Mip, Scope, row_rule};
use crate::model::Activity;
use crate::solve::rejection::Rejection;
use crate::solve::state::WeekState;

row_rule! {
    /// The rule as the registry lists it.
    ContactsPerDay: "contacts_per_day", spec Some(7), Scope::FamilyDay, Mip::Group("families"), contacts_per_day
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::solve::rules::test_week::*;

    #[test]
    fn contacts_per_day_one_visit_and_one_session() {
        let mut p = Week::new(tiny::problem()); // max_visits_per_day 1
        p.settings.remote_on_visit_days = true; // (else remote_visit_day refuses the session)
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
}
