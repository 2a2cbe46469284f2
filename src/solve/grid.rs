//! The shapes of the rows the planner tries, shared by every phase and by the reasons of
//! coverage.csv (which ask the rule registry about the same rows the phases would add): the
//! grid that starts and length steps lie on, and the row of a worker staffing a meeting.

use crate::model::{Activity, ActivityKind, Problem};

/// Start times are tried on this grid, and visits grow by it (minutes).
pub const GRID: u32 = 15;

/// The roster row of `worker` staffing meeting `mi` in `room`.
pub fn meeting_row(p: &Problem, mi: usize, room: usize, worker: usize) -> Activity {
    let m = &p.meetings[mi];
    Activity {
        day: m.day,
        span: m.span,
        worker,
        kind: ActivityKind::from_meeting(m.kind),
        family: Some(m.family),
        meeting: Some(mi),
        partner: None,
        room: Some(room),
        location: Some(p.rooms[room].location),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::tiny::{self, FA, OFFICE, hm};
    use crate::model::Interval;

    #[test]
    fn a_meeting_row_is_the_meetings_slot_in_the_rooms_place() {
        let mut p = tiny::problem();
        p.rooms[1].location = tiny::HOME_B;
        let a = meeting_row(&p, 0, 1, 1);
        assert_eq!(
            (a.day, a.span, a.worker, a.kind, a.family, a.meeting, a.room),
            (
                0,
                Interval::new(hm("10:00"), hm("12:00")),
                1,
                ActivityKind::Supported,
                Some(FA),
                Some(0),
                Some(1)
            )
        );
        assert_eq!(a.location, Some(tiny::HOME_B));
        assert_eq!(meeting_row(&p, 0, 0, 1).location, Some(OFFICE));
    }
}
