//! Rule 1: a visit or remote session lies inside the family's `available` hours.

use super::{Mip, Scope, row_rule};
use crate::model::Activity;
use crate::solve::rejection::Rejection;
use crate::solve::state::WeekState;

row_rule! {
    /// The rule as the registry lists it.
    FamilyWindow: "family_window", spec Some(1), Scope::FamilyTime, Mip::Group("candidates"), family_window
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::solve::rules::test_week::*;

    #[test]
    fn family_window_holds_visits_and_sessions() {
        let mut p = Week::new(tiny::problem());
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
}
