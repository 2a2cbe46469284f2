//! The result of planning: a roster of timed activities.

use super::time::{Interval, Windows};

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

/// Where a roster row comes from: roster.csv's last column `source` (SPEC, "A roster written by
/// replan"), the same mark in roster.xlsx, report.html and each calendar event's description.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Source {
    /// Planned by this run (the column is empty).
    #[default]
    Planned,
    /// Kept from `appointments.csv` (an agreed appointment).
    Appointment,
    /// Kept as it was: it started before the moment of a replan (or the worker was already on
    /// the way to it).
    Past,
}

impl Source {
    pub const ALL: [Source; 3] = [Source::Planned, Source::Appointment, Source::Past];

    /// The column's value: empty, `appointment` or `past`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Source::Planned => "",
            Source::Appointment => "appointment",
            Source::Past => "past",
        }
    }

    /// The column's value read back (exactly as written, any case, surrounding spaces trimmed by
    /// the reader); `None` for anything else.
    pub fn parse(s: &str) -> Option<Source> {
        Source::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(s))
    }

    /// What the mark means, for people (report.html's legend and tooltips).
    pub fn words(&self) -> &'static str {
        match self {
            Source::Planned => "planned",
            Source::Appointment => "agreed appointment (appointments.csv)",
            Source::Past => "happened before the replan's moment, kept as it was",
        }
    }
}

/// One row of the roster: what one worker does in one span of one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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

/// What is proven about a plan: one word in the summary's `result:` line and whatif.csv, one
/// sentence for people ([`SolveInfo::status_words`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// The proven gap is within the plan's `mip_gap`, against a bound on every possible plan.
    Optimal,
    /// A bound is proven, but the gap is larger than `mip_gap` (or the bound is that of the
    /// restricted model only): the best plan found, not proven optimal.
    BestFound,
    /// No bound is proven (the baseline alone, or no MIP solution in time).
    NoBound,
    /// A roster given to `caseload evaluate`, not planned: no solver ran, so nothing is proven
    /// or searched.
    Evaluated,
}

impl Status {
    /// The single word of the `result:` line.
    pub fn as_str(&self) -> &'static str {
        match self {
            Status::Optimal => "optimal",
            Status::BestFound => "best_found",
            Status::NoBound => "no_bound",
            Status::Evaluated => "evaluated",
        }
    }
}

/// How a plan was obtained, for the summary.
#[derive(Debug, Clone, PartialEq)]
pub struct SolveInfo {
    /// e.g. "baseline (greedy)".
    pub method: String,
    pub objective: Option<f64>,
    pub bound: Option<f64>,
    /// The gap within which a plan counts as optimal (`[solver] mip_gap`).
    pub mip_gap: f64,
    /// The bound is that of the model restricted to each family's nearest candidate workers,
    /// so it bounds only the plans that use those workers.
    pub restricted: bool,
    /// The bound comes from the route relaxation rather than the assignment MIP.
    pub bound_from_routes: bool,
    /// `Some(n)`: the week was planned as `n` offices, each alone (`solve::county`), and the
    /// bound is the sum of their bounds: it bounds only the plans in which every worker serves
    /// the families and meetings of their own office, not a plan that shares workers across
    /// offices.
    pub by_office: Option<usize>,
    pub seconds: f64,
    /// The roster was given and evaluated (`caseload evaluate`), not planned: no solver ran.
    pub evaluated: bool,
}

impl SolveInfo {
    /// What is known about a roster given to `caseload evaluate`: its objective, and that no
    /// solver ran (no bound, status `evaluated`).
    pub fn evaluated(objective: f64, mip_gap: f64) -> SolveInfo {
        SolveInfo {
            method: "none: a given roster, evaluated".into(),
            objective: Some(objective),
            bound: None,
            mip_gap,
            restricted: false,
            bound_from_routes: false,
            by_office: None,
            seconds: 0.0,
            evaluated: true,
        }
    }

    /// Relative gap between objective and bound, when both are known.
    pub fn gap(&self) -> Option<f64> {
        let (o, b) = (self.objective?, self.bound?);
        Some(if o.abs() < 1e-9 {
            0.0
        } else {
            ((o - b) / o.abs()).abs()
        })
    }

    /// `Optimal` only when the proven gap is within `mip_gap` against a bound on every plan
    /// (not that of a restricted model, nor one of the week split by office);
    /// `Evaluated` for a given roster.
    pub fn status(&self) -> Status {
        if self.evaluated {
            return Status::Evaluated;
        }
        match self.gap() {
            None => Status::NoBound,
            Some(g) if g <= self.mip_gap + 1e-9 && !self.restricted && self.by_office.is_none() => {
                Status::Optimal
            }
            Some(_) => Status::BestFound,
        }
    }

    /// The status in words a team lead can act on, e.g. "best found, not proven optimal: a
    /// better plan may exist, but its objective is at most 24.0 % lower".
    pub fn status_words(&self) -> String {
        let pct = |x: f64| format!("{:.1} %", x * 100.0);
        let target = pct(self.mip_gap);
        let mut s = match (self.status(), self.gap()) {
            (Status::Evaluated, _) => {
                "evaluated: a roster given to caseload, not planned by it; nothing is proven \
                 about how far it is from the best possible plan"
                    .to_owned()
            }
            (Status::Optimal, Some(g)) => format!(
                "optimal: proven to be within {} of the best possible plan (optimal means within {target})",
                pct(g)
            ),
            (Status::BestFound, Some(g)) if self.by_office.is_some() => format!(
                "best found, not proven optimal: within {} of the best plan in which every \
                 office's workers serve only their own office's families and meetings{} (the \
                 bound is the sum of the {} offices' bounds, each office planned alone); a plan \
                 that shares workers between offices may be better",
                pct(g),
                if self.restricted {
                    " and each family only its nearest workers"
                } else {
                    ""
                },
                self.by_office.unwrap_or(0)
            ),
            (Status::BestFound, Some(g)) if self.restricted => format!(
                "best found, not proven optimal: within {} of the best plan that uses only each \
                 family's nearest workers (the bound covers that restricted model only); a plan \
                 with other workers may be better",
                pct(g)
            ),
            (Status::BestFound, Some(g)) => format!(
                "best found, not proven optimal: a better plan may exist, but its objective is at \
                 most {} lower (optimal means within {target})",
                pct(g)
            ),
            _ => {
                "best found, no bound proven: how far it is from the best possible plan is unknown"
                    .to_owned()
            }
        };
        if self.bound_from_routes && self.bound.is_some() {
            s.push_str("; the bound comes from the route relaxation");
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info(objective: f64, bound: Option<f64>) -> SolveInfo {
        SolveInfo {
            method: "test".into(),
            objective: Some(objective),
            bound,
            mip_gap: 0.01,
            restricted: false,
            bound_from_routes: false,
            by_office: None,
            seconds: 0.0,
            evaluated: false,
        }
    }

    #[test]
    fn optimal_only_within_mip_gap() {
        let i = info(100.0, Some(99.5));
        assert_eq!(i.status(), Status::Optimal);
        assert_eq!(
            i.status_words(),
            "optimal: proven to be within 0.5 % of the best possible plan (optimal means within 1.0 %)"
        );
        let i = info(100.0, Some(80.0));
        assert_eq!(i.status(), Status::BestFound);
        assert_eq!(i.status().as_str(), "best_found");
        assert_eq!(
            i.status_words(),
            "best found, not proven optimal: a better plan may exist, but its objective is at \
             most 20.0 % lower (optimal means within 1.0 %)"
        );
    }

    #[test]
    fn a_given_roster_is_evaluated_whatever_its_numbers() {
        let i = SolveInfo::evaluated(100.0, 0.01);
        assert_eq!(i.status(), Status::Evaluated);
        assert_eq!(i.status().as_str(), "evaluated");
        assert_eq!(i.gap(), None);
        assert!(
            i.status_words()
                .starts_with("evaluated: a roster given to caseload")
        );
        assert!(!i.status_words().contains("best found"));
    }

    #[test]
    fn a_bound_of_the_week_split_by_office_is_never_optimal_and_says_so() {
        let mut i = info(100.0, Some(99.9));
        i.by_office = Some(15);
        assert_eq!(i.status(), Status::BestFound);
        assert_eq!(i.status().as_str(), "best_found");
        assert_eq!(
            i.status_words(),
            "best found, not proven optimal: within 0.1 % of the best plan in which every \
             office's workers serve only their own office's families and meetings (the bound is \
             the sum of the 15 offices' bounds, each office planned alone); a plan that shares \
             workers between offices may be better"
        );
        i.restricted = true;
        assert!(
            i.status_words()
                .contains("meetings and each family only its nearest workers (the bound"),
            "{}",
            i.status_words()
        );
        i.bound = None;
        assert_eq!(i.status(), Status::NoBound);
        assert!(i.status_words().contains("no bound proven"));
    }

    #[test]
    fn no_bound_and_a_restricted_bound_are_said_in_words() {
        let i = info(100.0, None);
        assert_eq!(i.status(), Status::NoBound);
        assert!(i.status_words().contains("no bound proven"));
        let mut i = info(100.0, Some(99.9));
        i.restricted = true;
        i.bound_from_routes = true;
        assert_eq!(i.status(), Status::BestFound);
        let w = i.status_words();
        assert!(
            w.contains("nearest workers") && w.ends_with("route relaxation"),
            "{w}"
        );
    }
}

/// The times of activity of rows of one worker and day (SPEC "Hours of a worker"): the union
/// of the rows, so concurrent supported meetings count once; a break is no activity.
pub fn activity_windows(day: &[Activity]) -> Windows {
    Windows::from_intervals(
        day.iter()
            .filter(|a| a.kind != ActivityKind::Break)
            .map(|a| a.span)
            .collect(),
    )
}

/// Minutes of activity of rows of one worker and day: the length of [`activity_windows`].
pub fn activity_minutes(day: &[Activity]) -> u32 {
    activity_windows(day).minutes()
}

#[cfg(test)]
mod union_tests {
    use super::*;

    fn row(kind: ActivityKind, start: u32, end: u32) -> Activity {
        Activity {
            day: 0,
            span: Interval::new(start, end),
            worker: 0,
            kind,
            family: None,
            meeting: None,
            partner: None,
            room: None,
            location: None,
        }
    }

    #[test]
    fn concurrent_meetings_count_once_and_breaks_not_at_all() {
        let day = [
            row(ActivityKind::Supported, 600, 720),
            row(ActivityKind::Supported, 630, 750),
            row(ActivityKind::Break, 750, 780),
            row(ActivityKind::Travel, 780, 800),
        ];
        assert_eq!(activity_minutes(&day), 150 + 20);
    }
}
