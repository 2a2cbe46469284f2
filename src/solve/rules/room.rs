//! Rule 9: the meeting's room (its own, if it names one) is open for the whole slot and holds
//! no other meeting then; every row of a meeting is in the same room.

use super::{Mip, Scope, row_rule};
use crate::model::Activity;
use crate::solve::rejection::Rejection;
use crate::solve::state::WeekState;

row_rule! {
    /// The rule as the registry lists it.
    Room: "room", spec Some(9), Scope::Room, Mip::Group("meetings"), room
}

/// Rule 9: the meeting's room (its own, if it names one) is open for the whole slot and holds
/// no other meeting then; every row of a meeting is in the same room.
pub fn room(st: &WeekState, a: &Activity) -> Result<(), Rejection> {
    let Some(m) = a.meeting else {
        return Ok(());
    };
    let p = st.p;
    let Some(r) = a.room else {
        return Err(Rejection::RoomTaken);
    };
    if p.meetings[m].room.is_some_and(|own| own != r) {
        return Err(Rejection::RoomTaken);
    }
    if !p.rooms[r].windows_on(a.day).contains(&a.span) {
        return Err(Rejection::RoomClosed);
    }
    match st.meeting_room(m) {
        Some(booked) if booked == r => Ok(()),
        Some(_) => Err(Rejection::RoomTaken),
        None if st.room_free(r, a.day, &a.span) => Ok(()),
        None => Err(Rejection::RoomTaken),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::solve::rules::test_week::*;

    #[test]
    fn room_open_free_and_the_same_for_every_row() {
        let mut p = Week::new(tiny::problem());
        p.meetings[1].span = p.meetings[0].span; // M2 at M1's time
        let mut st = week(&p);
        add(&mut st, tiny::supported(&p, 0, 0)); // M1 in R1
        let mut m2 = tiny::supported(&p, 1, 1);
        m2.room = Some(0);
        assert_eq!(room(&st, &m2), Err(Rejection::RoomTaken));
        m2.room = Some(1);
        assert_eq!(room(&st, &m2), Ok(()));
        p.rooms[1].available = Some(crate::model::WeeklyPattern::new(vec![
            crate::model::PatternRule {
                days: 0x7f,
                span: Interval::new(hm("13:00"), hm("16:00")),
            },
        ]));
        assert_eq!(room(&week(&p), &m2), Err(Rejection::RoomClosed));
    }
}
