//! Why the planner's feasibility check refuses a change to the week: one typed answer per rule,
//! said once in words. `day::check_day` (one worker's day: rules 1–4 and where a remote session
//! may be held) and `WeekState::check_add` (the week: rules 4–5 across days and the family's
//! contacts per day of rule 7) return it; every planner phase goes through them.

use std::fmt;

/// The rule a change would break.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rejection {
    /// Rule 1: outside the worker's windows.
    Window,
    /// Rule 2: two activities at once (beyond concurrent supported meetings).
    Overlap,
    /// Rule 3: the travel to a place does not fit before the activity there (or ends after
    /// midnight).
    Travel,
    /// Rule 3: a remote session while on the road.
    RemoteWhileTravelling,
    /// Rule 4: more than `max_daily_hours` of activity.
    DailyHours,
    /// Rule 4: no break of `break_minutes` fits a day that needs one.
    Break,
    /// Rule 4: less than `min_rest_hours` between two working days.
    Rest,
    /// Rule 5: beyond the worker's weekly capacity.
    WeeklyCapacity,
    /// Rule 7: more than `max_visits_per_day` visits of the family on the day.
    VisitsPerDay,
    /// Rule 7: less than 60 minutes from another visit of the family that day.
    VisitGap,
    /// Rule 7: a second remote session of the family that day.
    RemotePerDay,
    /// Rule 7: a remote session while the worker is at the family's home.
    RemoteAtHome,
}

impl Rejection {
    /// The rejection in a team lead's words.
    pub fn words(self) -> &'static str {
        match self {
            Rejection::Window => "outside the worker's working hours",
            Rejection::Overlap => "the worker is busy then",
            Rejection::Travel => "the travel there does not fit",
            Rejection::RemoteWhileTravelling => "the worker is on the road then",
            Rejection::DailyHours => "beyond the daily hours",
            Rejection::Break => "no room for the break the day needs",
            Rejection::Rest => "too little rest between days",
            Rejection::WeeklyCapacity => "beyond the worker's weekly capacity",
            Rejection::VisitsPerDay => "the family's visits of the day are taken",
            Rejection::VisitGap => "less than 60 minutes from the family's other visit",
            Rejection::RemotePerDay => "the family already has a remote session that day",
            Rejection::RemoteAtHome => "the worker is at the family's home then",
        }
    }
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.words())
    }
}
