//! Rule 6: the family's remote hours stay within its cap of the delivered hours within this week,
//! and over this week and the three before it in `history.csv` (history only tightens).

use super::{Mip, Scope, row_rule};
use crate::model::limits;
use crate::model::{Activity, ActivityKind};
use crate::solve::rejection::Rejection;
use crate::solve::state::WeekState;

row_rule! {
    /// The rule as the registry lists it.
    RemoteCap: "remote_cap", spec Some(6), Scope::FamilyWeek, Mip::Group("families"), remote_cap
}

/// Rule 6: the family's remote hours stay within its cap of the delivered hours within this
/// week, and over this week and the three before it in `history.csv`.
pub fn remote_cap(st: &WeekState, a: &Activity) -> Result<(), Rejection> {
    let Some(f) = a.family.filter(|_| a.kind == ActivityKind::Remote) else {
        return Ok(());
    };
    if within_cap(st, f, a.minutes()) {
        Ok(())
    } else {
        Err(Rejection::RemoteCap)
    }
}

/// True when family `f`'s remote hours, with `more` remote minutes added to what the week
/// holds, stay within its cap over this week and `history.csv`'s weeks: the rule on a new row,
/// and on a finished week (`carry`), whose pinned rows were never asked.
pub fn within_cap(st: &WeekState, f: usize, more: u32) -> bool {
    let p = st.p;
    let r = st.received(f);
    let week = crate::model::Hours {
        in_person: f64::from(r.in_person) / 60.0,
        remote: f64::from(r.remote + more) / 60.0,
    };
    limits::remote_cap_holds(p.remote_cap(f), week, p.history_hours(f))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::solve::rules::test_week::*;

    #[test]
    fn remote_cap_rolls_over_history() {
        let mut p = Week::new(tiny::problem());
        p.families[FA].remote_max_share = Some(0.2);
        let mut st = week(&p);
        assert_eq!(
            remote_cap(&st, &remote("13:00", "13:30")),
            Err(Rejection::RemoteCap)
        );
        add(&mut st, visit("09:00", "11:00"));
        // 0.5 h of 2.5 h is 20 %.
        assert_eq!(remote_cap(&st, &remote("13:00", "13:30")), Ok(()));
        assert_eq!(
            remote_cap(&st, &remote("13:00", "13:45")),
            Err(Rejection::RemoteCap)
        );
        // Three earlier weeks of remote work use up the cap.
        p.history.push(crate::model::HistoryWeek {
            family: FA,
            week: crate::model::IsoWeek::new(2026, 48).expect("the week before"),
            in_person_hours: 0.0,
            remote_hours: 3.0,
        });
        let mut st = week(&p);
        add(&mut st, visit("09:00", "11:00"));
        assert_eq!(
            remote_cap(&st, &remote("13:00", "13:30")),
            Err(Rejection::RemoteCap)
        );
    }

    #[test]
    fn in_person_history_never_loosens_the_weeks_cap() {
        let mut p = Week::new(tiny::problem());
        p.families[FA].remote_max_share = Some(0.2);
        p.history.push(crate::model::HistoryWeek {
            family: FA,
            week: crate::model::IsoWeek::new(2026, 48).expect("the week before"),
            in_person_hours: 20.0,
            remote_hours: 0.0,
        });
        let mut st = week(&p);
        add(&mut st, visit("09:00", "11:00"));
        // 0.75 h of 2.75 h this week is 27 %: refused although the four weeks hold 3 %.
        assert_eq!(
            remote_cap(&st, &remote("13:00", "13:45")),
            Err(Rejection::RemoteCap)
        );
        assert_eq!(remote_cap(&st, &remote("13:00", "13:30")), Ok(()));
    }
}
