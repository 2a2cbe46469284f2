//! Rule 7: a joint visit's row names a partner other than the worker.

use super::{Mip, Scope, row_rule};
use crate::model::{Activity, ActivityKind};
use crate::solve::rejection::Rejection;
use crate::solve::state::WeekState;

row_rule! {
    /// The rule as the registry lists it.
    Partner: "partner", spec Some(7), Scope::Shape, Mip::Group("joint"), partner
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
        let p = Week::new(tiny::problem());
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
