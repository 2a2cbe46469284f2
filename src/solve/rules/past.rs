//! A re-plan: no new row starts before the moment (what happened stays as it was; the past's
//! own rows are in the week from the start).

use super::{Mip, Scope, row_rule};
use crate::model::Activity;
use crate::solve::rejection::Rejection;
use crate::solve::state::WeekState;

row_rule! {
    /// The rule as the registry lists it.
    Past: "past", spec None, Scope::Moment, Mip::RealizationOnly, past
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Moment, Past};
    use crate::solve::rules::test_week::*;

    #[test]
    fn nothing_new_starts_before_the_moment() {
        let mut p = Week::new(tiny::problem());
        assert_eq!(past(&week(&p), &visit("09:00", "10:00")), Ok(()));
        // Re-planned from Tuesday (day 1) at 10:00: the Tuesday 09:00 visit is in the past.
        p.past = Past::new(
            Some(Moment {
                day: 1,
                minute: hm("10:00"),
            }),
            Vec::new(),
        );
        assert_eq!(
            past(&week(&p), &visit("09:00", "10:00")),
            Err(Rejection::Past)
        );
        assert_eq!(past(&week(&p), &visit("10:00", "11:00")), Ok(()));
    }
}
