//! A planning run's input and output: a [`Week`] (the problem as read, plus what a run must
//! keep) goes in unchanged, a [`Plan`] comes out.

use super::{
    Activity, AppointmentStatus, Past, Pins, Problem, Reference, Roster, SolveInfo, Source,
};

/// What one planning run takes: the week's problem as read and what every plan of it must keep
/// or stay close to. Built before the run (`solve::week`, or [`Week::new`] and
/// `solve::pins::pin`) and never changed by it.
///
/// A `Week` derefs to its [`Problem`], so code that only reads the problem's data reads it
/// through the week (a run holds `&Week`, so nothing in it changes the input).
#[derive(Debug, Clone, PartialEq)]
pub struct Week {
    pub problem: Problem,
    /// The rows every plan keeps and what became of each appointment (set by
    /// `solve::pins::pin`).
    pub pins: Pins,
    /// A re-plan's past: the previous roster's rows before the moment.
    pub past: Past,
    /// A roster to stay close to (`replan`'s previous roster, `plan --previous`'s last week).
    pub reference: Option<Reference>,
}

impl Week {
    /// `problem` with nothing to keep: no past, no reference, nothing pinned yet (a week whose
    /// problem has appointments or a past is pinned by `solve::pins::pin`).
    pub fn new(problem: Problem) -> Week {
        Week {
            problem,
            pins: Pins::default(),
            past: Past::default(),
            reference: None,
        }
    }

    /// The pinned rows.
    pub fn pinned(&self) -> &[Activity] {
        self.pins.rows()
    }

    /// True when `a` is a pinned row, which no planner move takes away.
    pub fn is_pinned(&self, a: &Activity) -> bool {
        self.pins.contains(a)
    }

    /// Where a row of this week's plan comes from (roster.csv's `source`): `Past` when it has
    /// happened before a replan's moment (it starts before it, or its worker was already on the
    /// way to it), else `Appointment` when it is a row of a kept appointment, else `Planned`.
    /// Travel is never an appointment's (only the visit or session is agreed).
    pub fn source(&self, a: &Activity) -> Source {
        if self.past.happened(a) {
            Source::Past
        } else if a.kind != super::ActivityKind::Travel && self.pins.is_appointment(a) {
            Source::Appointment
        } else {
            Source::Planned
        }
    }
}

impl std::ops::Deref for Week {
    type Target = Problem;

    fn deref(&self) -> &Problem {
        &self.problem
    }
}

/// For setting a week up before its run (tests, scenarios); a run itself takes `&Week`.
impl std::ops::DerefMut for Week {
    fn deref_mut(&mut self) -> &mut Problem {
        &mut self.problem
    }
}

/// What one planning run returns.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// The timed roster (it obeys every rule).
    pub roster: Roster,
    /// How it was found: method, objective, bound.
    pub info: SolveInfo,
    /// Per appointment (in file order): what became of it in `roster`.
    pub statuses: Vec<AppointmentStatus>,
}
