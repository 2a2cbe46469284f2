//! Rule 8: the worker is not excluded from the family (client work and its meetings).

use super::{Mip, Scope, family_of, row_rule};
use crate::model::Activity;
use crate::solve::rejection::Rejection;
use crate::solve::state::WeekState;

row_rule! {
    /// The rule as the registry lists it.
    Excluded: "excluded", spec Some(8), Scope::Who, Mip::Group("candidates, meetings"), excluded
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::solve::rules::test_week::*;

    #[test]
    fn excluded_worker_is_refused() {
        let mut p = Week::new(tiny::problem());
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
}
