//! The rule checker: rules 1–9 of the SPEC, each one named function, plus the consistency of
//! the reports with the roster. Every planner's output goes through it in the tests.
//!
//! Hours of a worker are the length of the union of their activity rows (concurrent supported
//! meetings count once); a `break` row is no activity: it is checked where it is placed (rules
//! 1–3 and `4-break`) and never counted as working or client time.
//!
//! The checker reads only the problem and the roster (and report tables); it shares no code
//! with the planners, so a planner bug cannot hide itself here.

mod appointments;
mod reports;
mod rules;
#[cfg(test)]
pub(crate) mod tiny;

pub use appointments::rule_appointments;
pub use reports::check_reports;
pub use rules::*;

use crate::model::{Problem, Roster};
use std::fmt;

/// Which rule a violation breaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rule {
    Format,
    Windows,
    Overlap,
    Travel,
    Daily,
    Break,
    Capacity,
    Effort,
    RemoteCap,
    Lengths,
    Joint,
    PerDay,
    Skills,
    Meetings,
    Appointments,
    Reports,
}

impl Rule {
    pub fn label(&self) -> &'static str {
        match self {
            Rule::Format => "format",
            Rule::Windows => "1-windows",
            Rule::Overlap => "2-overlap",
            Rule::Travel => "3-travel",
            Rule::Daily => "4-daily",
            Rule::Break => "4-break",
            Rule::Capacity => "5-capacity",
            Rule::Effort => "6-effort",
            Rule::RemoteCap => "6-remote-cap",
            Rule::Lengths => "7-lengths",
            Rule::Joint => "7-joint",
            Rule::PerDay => "7-per-day",
            Rule::Skills => "8-skills",
            Rule::Meetings => "9-meetings",
            Rule::Appointments => "appointments",
            Rule::Reports => "reports",
        }
    }
}

/// One broken rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    pub rule: Rule,
    pub message: String,
    /// The roster rows it concerns, as indices into [`Roster::activities`], in row order: the
    /// offending row, the rows that collide, the rows of a day or of a family that add up to
    /// too much. Empty where no row is to blame alone (a worker's week over capacity, a report).
    pub rows: Vec<usize>,
}

impl Violation {
    /// A violation of no row in particular.
    pub fn new(rule: Rule, message: String) -> Violation {
        Violation {
            rule,
            message,
            rows: Vec::new(),
        }
    }

    /// A violation of the rows `rows` (sorted and without repeats here).
    pub fn at(rule: Rule, message: String, rows: impl IntoIterator<Item = usize>) -> Violation {
        let mut rows: Vec<usize> = rows.into_iter().collect();
        rows.sort_unstable();
        rows.dedup();
        Violation {
            rule,
            message,
            rows,
        }
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[{}] {}", self.rule.label(), self.message)
    }
}

/// Runs rules 1–9 on the roster; an empty result means the roster obeys every rule.
pub fn check_roster(p: &Problem, r: &Roster) -> Vec<Violation> {
    let mut v = format(p, r);
    if !v.is_empty() {
        return v; // the rules below index by the references format() verified
    }
    v.extend(rule1_windows(p, r));
    v.extend(rule2_overlap(p, r));
    v.extend(rule3_travel(p, r));
    v.extend(rule4_daily(p, r));
    v.extend(rule4_break(p, r));
    v.extend(rule5_capacity(p, r));
    v.extend(rule6_effort(p, r));
    v.extend(rule7_visits(p, r));
    v.extend(rule7_per_day(p, r));
    v.extend(rule8_skills(p, r));
    v.extend(rule9_meetings(p, r));
    v
}
