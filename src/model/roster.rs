//! The result of planning: a roster of timed activities.

use super::time::Interval;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ActivityKind {
    HomeVisit,
    JointVisit,
    Remote,
    Supervised,
    Supported,
    Exchange,
    Travel,
    /// A pause in a long day (SPEC rule 4): no working time, not counted, not paid.
    Break,
}

impl ActivityKind {
    pub const ALL: [ActivityKind; 8] = [
        ActivityKind::HomeVisit,
        ActivityKind::JointVisit,
        ActivityKind::Remote,
        ActivityKind::Supervised,
        ActivityKind::Supported,
        ActivityKind::Exchange,
        ActivityKind::Travel,
        ActivityKind::Break,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            ActivityKind::HomeVisit => "home_visit",
            ActivityKind::JointVisit => "joint_visit",
            ActivityKind::Remote => "remote",
            ActivityKind::Supervised => "supervised",
            ActivityKind::Supported => "supported",
            ActivityKind::Exchange => "exchange",
            ActivityKind::Travel => "travel",
            ActivityKind::Break => "break",
        }
    }

    pub fn parse(s: &str) -> Option<ActivityKind> {
        ActivityKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Client work: counts towards a family's delivered hours.
    pub fn is_client(&self) -> bool {
        matches!(
            self,
            ActivityKind::HomeVisit | ActivityKind::JointVisit | ActivityKind::Remote
        )
    }

    /// An in-person visit at the family's home.
    pub fn is_visit(&self) -> bool {
        matches!(self, ActivityKind::HomeVisit | ActivityKind::JointVisit)
    }

    pub fn is_meeting(&self) -> bool {
        matches!(
            self,
            ActivityKind::Supervised | ActivityKind::Supported | ActivityKind::Exchange
        )
    }

    pub fn from_meeting(kind: super::MeetingKind) -> ActivityKind {
        match kind {
            super::MeetingKind::Supervised => ActivityKind::Supervised,
            super::MeetingKind::Supported => ActivityKind::Supported,
            super::MeetingKind::Exchange => ActivityKind::Exchange,
        }
    }
}

/// One row of the roster: what one worker does in one span of one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Activity {
    pub day: usize,
    pub span: Interval,
    pub worker: usize,
    pub kind: ActivityKind,
    pub family: Option<usize>,
    pub meeting: Option<usize>,
    pub partner: Option<usize>,
    pub room: Option<usize>,
    /// Where the worker is (for travel: the destination; for remote: `None`).
    pub location: Option<usize>,
}

impl Activity {
    pub fn minutes(&self) -> u32 {
        self.span.minutes()
    }

    pub fn hours(&self) -> f64 {
        self.span.hours()
    }
}

/// All activities of the week.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Roster {
    pub activities: Vec<Activity>,
}

impl Roster {
    /// Sorts rows by day, start and worker index, travel before the activity it leads to when
    /// both start at the same minute (roster.csv sorts by worker id when it is written).
    pub fn sort(&mut self) {
        self.activities.sort_by_key(|a| {
            (
                a.day,
                a.span.start,
                a.worker,
                a.kind != ActivityKind::Travel,
                a.span.end,
                a.kind,
            )
        });
    }
}

/// How a plan was obtained, for the summary.
#[derive(Debug, Clone, PartialEq)]
pub struct SolveInfo {
    /// e.g. "baseline (greedy)".
    pub method: String,
    /// e.g. "feasible", "optimal", "time limit".
    pub status: String,
    pub objective: Option<f64>,
    pub bound: Option<f64>,
    pub seconds: f64,
}

impl SolveInfo {
    /// Relative gap between objective and bound, when both are known.
    pub fn gap(&self) -> Option<f64> {
        let (o, b) = (self.objective?, self.bound?);
        Some(if o.abs() < 1e-9 {
            0.0
        } else {
            ((o - b) / o.abs()).abs()
        })
    }
}
