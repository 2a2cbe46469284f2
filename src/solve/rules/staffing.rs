//! Rule 9: a meeting row is at the meeting's slot, by a worker not staffing it yet, while the
//! meeting still needs staff.

use super::{Mip, Scope, row_rule};
use crate::model::{Activity, ActivityKind};
use crate::solve::rejection::Rejection;
use crate::solve::state::WeekState;

row_rule! {
    /// The rule as the registry lists it.
    Staffing: "staffing", spec Some(9), Scope::Meeting, Mip::Group("meetings"), staffing
}

/// Rule 9: a meeting row is at the meeting's slot, by a worker not staffing it yet, while the
/// meeting still needs staff.
pub fn staffing(st: &WeekState, a: &Activity) -> Result<(), Rejection> {
    let Some(m) = a.meeting else {
        return Ok(());
    };
    let mt = &st.p.meetings[m];
    let staff = st.meeting_staff(m);
    let ok = a.day == mt.day
        && a.span == mt.span
        && a.kind == ActivityKind::from_meeting(mt.kind)
        && staff.len() < mt.staff as usize
        && !staff.contains(&a.worker);
    if ok { Ok(()) } else { Err(Rejection::Staffing) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::solve::rules::test_week::*;

    #[test]
    fn staffing_at_the_slot_once_per_worker_up_to_staff() {
        let p = Week::new(tiny::problem()); // M1: one worker, Monday 10:00–12:00
        let mut st = week(&p);
        let m1 = tiny::supported(&p, 0, 0);
        let mut late = m1;
        late.span = Interval::new(hm("10:15"), hm("12:00"));
        assert_eq!(staffing(&st, &late), Err(Rejection::Staffing));
        assert_eq!(staffing(&st, &m1), Ok(()));
        add(&mut st, m1);
        assert!(st.is_staffed(0));
        assert_eq!(
            staffing(&st, &tiny::supported(&p, 1, 0)),
            Err(Rejection::Staffing)
        );
    }
}
