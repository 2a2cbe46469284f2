//! Why the planner's feasibility check refuses a change to the week: one typed answer per rule,
//! said once in words. `WeekState::check_add` returns it — from the row rules of
//! `solve::rules` (rules 1 and 6–9 and the family's contacts per day of rule 7), from
//! `day::check_day` (one worker's day: rules 1–4 and where a remote session may be held) and
//! from its own week checks (rules 4–5 across days); every planner phase goes through it, and
//! the reasons of coverage.csv are made of it.

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
    /// Rule 7: a remote session on a day the family has an in-person visit.
    VisitThatDay,
    /// Rule 7: an in-person visit on a day the family has a remote session.
    RemoteThatDay,
    /// Rule 7 with `remote_on_visit_days`: a remote session overlapping a visit of the family
    /// or less than 60 minutes from it.
    RemoteNearVisit,
    /// Rule 1: a visit or remote session outside the family's `available` hours.
    FamilyWindow,
    /// Rule 7: a visit or session shorter or longer than the family's bounds.
    Length,
    /// Rule 7: the family's `max_visits` are all planned.
    MaxVisits,
    /// Rule 6: more than the family's `weekly_hours` + 0.25 h.
    Effort,
    /// Rule 6: remote hours over the family's cap (rolling over `history.csv`).
    RemoteCap,
    /// Rule 8: the worker lacks a skill the family or meeting requires.
    Skill,
    /// Rule 8: the worker is excluded from the family.
    Excluded,
    /// Rule 3: not where the activity takes place (a visit at the family's home, a meeting in
    /// its room, a remote session nowhere).
    Place,
    /// Rule 7: a joint visit without a partner, or with the worker as their own partner.
    Partner,
    /// Rule 9: the room is closed at the meeting's time.
    RoomClosed,
    /// Rule 9: the room holds another meeting then (or the meeting is held in another room).
    RoomTaken,
    /// Rule 9: the meeting has its staff already, this worker staffs it already, or the row is
    /// not at the meeting's slot.
    Staffing,
    /// A re-plan: the row, or a change it brings to its day, lies before the moment.
    Past,
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
            Rejection::VisitThatDay => "the family has an in-person visit that day",
            Rejection::RemoteThatDay => "the family has a remote session that day",
            Rejection::RemoteNearVisit => {
                "less than 60 minutes from the family's visit or remote session"
            }
            Rejection::FamilyWindow => "outside the family's available hours",
            Rejection::Length => "outside the family's visit or session length",
            Rejection::MaxVisits => "the family's max_visits are planned",
            Rejection::Effort => "beyond the family's weekly hours",
            Rejection::RemoteCap => "beyond the family's remote cap",
            Rejection::Skill => "lacks a required skill",
            Rejection::Excluded => "excluded from the family",
            Rejection::Place => "not where the activity takes place",
            Rejection::Partner => "a joint visit needs a second worker",
            Rejection::RoomClosed => "the room is closed then",
            Rejection::RoomTaken => "the room is taken then",
            Rejection::Staffing => "the meeting is staffed already",
            Rejection::Past => "that time has passed",
        }
    }
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.words())
    }
}
