//! Rule 7: a joint visit's row names a partner other than the worker.

use super::{Mip, RowRule, Scope};
use crate::model::{Activity, ActivityKind};
use crate::solve::rejection::Rejection;
use crate::solve::state::WeekState;

/// The rule as the registry lists it.
pub struct Partner;

impl RowRule for Partner {
    fn name(&self) -> &'static str {
        "partner"
    }
    fn spec_rule(&self) -> Option<u8> {
        Some(7)
    }
    fn scope(&self) -> Scope {
        Scope::Shape
    }
    fn mip(&self) -> Mip {
        Mip::Group("joint")
    }
    fn check(&self, st: &WeekState, a: &Activity) -> Result<(), Rejection> {
        partner(st, a)
    }
}

/// Rule 7: a joint visit's row names a partner other than the worker.
pub fn partner(_st: &WeekState, a: &Activity) -> Result<(), Rejection> {
    match (a.kind, a.partner) {
        (ActivityKind::JointVisit, Some(w)) if w != a.worker => Ok(()),
        (ActivityKind::JointVisit, _) => Err(Rejection::Partner),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::solve::rules::test_week::*;

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
}
