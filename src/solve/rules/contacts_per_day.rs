//! Rule 7: the family's contacts of the day (visits a day, 60 minutes apart, one remote
//! session).

use super::{Mip, RowRule, Scope};
use crate::model::Activity;
use crate::solve::rejection::Rejection;
use crate::solve::state::WeekState;

/// The rule as the registry lists it.
pub struct ContactsPerDay;

impl RowRule for ContactsPerDay {
    fn name(&self) -> &'static str {
        "contacts_per_day"
    }
    fn spec_rule(&self) -> Option<u8> {
        Some(7)
    }
    fn scope(&self) -> Scope {
        Scope::FamilyDay
    }
    fn mip(&self) -> Mip {
        Mip::Group("families")
    }
    fn check(&self, st: &WeekState, a: &Activity) -> Result<(), Rejection> {
        contacts_per_day(st, a)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::solve::rules::test_week::*;

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
}
