//! Rule 7: a visit lasts within the family's `visit_minutes`, a remote session within its
//! `remote_minutes`.

use super::{Mip, Scope, row_rule};
use crate::model::{Activity, ActivityKind};
use crate::solve::rejection::Rejection;
use crate::solve::state::WeekState;

row_rule! {
    /// The rule as the registry lists it.
    Length: "length", spec Some(7), Scope::Shape, Mip::Group("candidates, families"), length
}

/// Rule 7: a visit lasts within the family's `visit_minutes`, a remote session within its
/// `remote_minutes`.
pub fn length(st: &WeekState, a: &Activity) -> Result<(), Rejection> {
    let Some(f) = a
        .family
        .filter(|_| a.meeting.is_none() && a.kind.is_client())
    else {
        return Ok(());
    };
    let fam = &st.p.families[f];
    let (lo, hi) = if a.kind == ActivityKind::Remote {
        fam.remote_minutes
    } else {
        fam.visit_minutes
    };
    if (lo..=hi).contains(&a.minutes()) {
        Ok(())
    } else {
        Err(Rejection::Length)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::solve::rules::test_week::*;

    #[test]
    fn length_within_the_family_bounds() {
        let p = Week::new(tiny::problem()); // visits 60–180 min, remote 15–60 min
        let st = week(&p);
        assert_eq!(length(&st, &visit("09:00", "10:00")), Ok(()));
        assert_eq!(
            length(&st, &visit("09:00", "09:45")),
            Err(Rejection::Length)
        );
        assert_eq!(
            length(&st, &visit("09:00", "12:15")),
            Err(Rejection::Length)
        );
        assert_eq!(length(&st, &remote("09:00", "10:00")), Ok(()));
        assert_eq!(
            length(&st, &remote("09:00", "10:15")),
            Err(Rejection::Length)
        );
    }
}
