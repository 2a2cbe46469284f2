//! Rule 3: a visit at the family's home, a meeting in its room's place, a remote session with
//! no place.

use super::{Mip, Scope, row_rule};
use crate::model::{Activity, ActivityKind};
use crate::solve::rejection::Rejection;
use crate::solve::state::WeekState;

row_rule! {
    /// The rule as the registry lists it.
    Place: "place", spec Some(3), Scope::Shape, Mip::RealizationOnly, place
}

/// Rule 3: a visit at the family's home, a meeting in its room's place, a remote session with
/// no place.
pub fn place(st: &WeekState, a: &Activity) -> Result<(), Rejection> {
    let p = st.p;
    let ok = match (a.kind, a.meeting, a.family) {
        (_, Some(_), _) => a
            .room
            .is_some_and(|r| a.location == Some(p.rooms[r].location)),
        (ActivityKind::Remote, None, Some(_)) => a.location.is_none(),
        (k, None, Some(f)) if k.is_visit() => a.location == Some(p.families[f].location),
        _ => true,
    };
    if ok { Ok(()) } else { Err(Rejection::Place) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::solve::rules::test_week::*;

    #[test]
    fn place_is_the_home_the_room_or_nowhere() {
        let p = Week::new(tiny::problem());
        let st = week(&p);
        assert_eq!(place(&st, &visit("09:00", "10:00")), Ok(()));
        let elsewhere = tiny::visit(0, 1, "09:00", "10:00", FA, HOME_B);
        assert_eq!(place(&st, &elsewhere), Err(Rejection::Place));
        assert_eq!(place(&st, &remote("09:00", "09:30")), Ok(()));
        let placed_remote = Activity {
            location: Some(HOME_A),
            ..remote("09:00", "09:30")
        };
        assert_eq!(place(&st, &placed_remote), Err(Rejection::Place));
    }
}
