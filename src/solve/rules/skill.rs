//! Rule 8: the worker has the skills the family (client work) or the meeting requires.

use super::{Mip, Scope, row_rule};
use crate::model::Activity;
use crate::solve::rejection::Rejection;
use crate::solve::state::WeekState;

row_rule! {
    /// The rule as the registry lists it.
    Skill: "skill", spec Some(8), Scope::Who, Mip::Group("candidates, meetings"), skill
}

/// Rule 8: the worker has the skills the family (client work) or the meeting requires.
pub fn skill(st: &WeekState, a: &Activity) -> Result<(), Rejection> {
    let p = st.p;
    let required = match (a.meeting, a.family) {
        (Some(m), _) => &p.meetings[m].required_skills,
        (None, Some(f)) => &p.families[f].required_skills,
        _ => return Ok(()),
    };
    if p.workers[a.worker].has_skills(required) {
        Ok(())
    } else {
        Err(Rejection::Skill)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::solve::rules::test_week::*;

    #[test]
    fn skill_needs_every_required_skill() {
        let mut p = Week::new(tiny::problem());
        let st = week(&p);
        assert_eq!(skill(&st, &visit("09:00", "10:00")), Ok(()));
        p.families[FA].required_skills = vec!["swedish".into()];
        let st = week(&p);
        assert_eq!(skill(&st, &visit("09:00", "10:00")), Err(Rejection::Skill));
    }
}
