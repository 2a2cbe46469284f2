//! Workers, families, locations, rooms, meetings and the dated exceptions of a plan.
//!
//! References between entities are indices into the plan's vectors (resolved and validated by
//! `io`), so the solver and checker never look anything up by string.

use super::calendar::IsoWeek;
use super::pattern::WeeklyPattern;
use super::time::{Interval, Windows};

#[derive(Debug, Clone, PartialEq)]
pub struct Location {
    pub id: String,
    pub name: String,
    pub lat: f64,
    pub lon: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Worker {
    pub id: String,
    pub name: String,
    pub skills: Vec<String>,
    pub contract_hours: f64,
    /// Most hours of planned activity this week (client work, meetings, travel).
    pub capacity_hours: f64,
    pub available: WeeklyPattern,
    /// Location index where the working day starts and ends.
    pub base: usize,
    pub hourly_wage: Option<f64>,
    /// The worker's number in the payroll system (`payroll_id`), written instead of `id` in
    /// the import file of a `[payroll] preset`.
    pub payroll_id: Option<String>,
}

impl Worker {
    pub fn has_skills(&self, required: &[String]) -> bool {
        required.iter().all(|s| self.skills.contains(s))
    }

    /// `capacity_hours` in whole minutes (rounded down).
    pub fn capacity_minutes(&self) -> u32 {
        (self.capacity_hours * 60.0 + 1e-6).floor().max(0.0) as u32
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Family {
    /// The case code; families carry no personal data.
    pub id: String,
    pub service: String,
    pub weekly_hours: f64,
    pub location: usize,
    /// When visits and calls can happen; `None` = whenever a worker works.
    pub available: Option<WeeklyPattern>,
    pub min_visits: u32,
    pub max_visits: u32,
    /// Allowed length of an in-person visit, minutes `(min, max)`.
    pub visit_minutes: (u32, u32),
    /// Allowed length of a remote session, minutes `(min, max)`.
    pub remote_minutes: (u32, u32),
    /// The family's own remote cap; `None` = the plan's.
    pub remote_max_share: Option<f64>,
    pub joint_visits: u32,
    /// In-person visits on one day (a joint visit is one), at least 60 minutes apart.
    pub max_visits_per_day: u32,
    pub primary_worker: Option<usize>,
    pub required_skills: Vec<String>,
    pub excluded_workers: Vec<usize>,
    /// The children's case codes (families.csv `children`, `|`-separated); empty = the
    /// family is reported as one row under its own id (`caseload month`).
    pub children: Vec<String>,
    /// The payment commitment (*maksusitoumus*) the family's hours are invoiced under
    /// (families.csv `commitment`); `None` = invoiced under the family's id.
    pub commitment: Option<String>,
}

impl Family {
    /// The family's windows on weekday `day` (the whole day without a pattern).
    pub fn windows_on(&self, day: usize) -> Windows {
        match &self.available {
            Some(p) if !p.is_empty() => p.windows_on(day),
            _ => Windows::all_day(),
        }
    }

    /// `weekly_hours` in whole minutes (rounded to the nearest minute).
    pub fn weekly_minutes(&self) -> u32 {
        (self.weekly_hours * 60.0).round().max(0.0) as u32
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MeetingKind {
    /// valvottu tapaaminen: the worker supervises the whole slot, doing nothing else.
    Supervised,
    /// tuettu tapaaminen: one worker can look after several at once, at the same place.
    Supported,
    /// valvottu vaihto: a short supervised hand-over.
    Exchange,
}

impl MeetingKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            MeetingKind::Supervised => "supervised",
            MeetingKind::Supported => "supported",
            MeetingKind::Exchange => "exchange",
        }
    }

    pub fn parse(s: &str) -> Option<MeetingKind> {
        match s {
            "supervised" => Some(MeetingKind::Supervised),
            "supported" => Some(MeetingKind::Supported),
            "exchange" => Some(MeetingKind::Exchange),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Meeting {
    pub id: String,
    pub family: usize,
    pub kind: MeetingKind,
    /// Day of the planned week (Monday = 0).
    pub day: usize,
    pub span: Interval,
    /// A fixed room, or `None` for any free room.
    pub room: Option<usize>,
    pub staff: u32,
    pub required_skills: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Room {
    pub id: String,
    pub name: String,
    pub location: usize,
    /// `None` = always available.
    pub available: Option<WeeklyPattern>,
}

impl Room {
    pub fn windows_on(&self, day: usize) -> Windows {
        match &self.available {
            Some(p) if !p.is_empty() => p.windows_on(day),
            _ => Windows::all_day(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExceptionKind {
    Absent,
    Extra,
}

impl ExceptionKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            ExceptionKind::Absent => "absent",
            ExceptionKind::Extra => "extra",
        }
    }
}

/// A dated change to a worker's weekly pattern (`availability.csv`).
#[derive(Debug, Clone, PartialEq)]
pub struct AvailabilityException {
    pub worker: usize,
    pub day: usize,
    /// `None` = the whole day (only for absences).
    pub span: Option<Interval>,
    pub kind: ExceptionKind,
}

/// Hours delivered to a family in an earlier week (`history.csv`).
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryWeek {
    pub family: usize,
    pub week: IsoWeek,
    pub in_person_hours: f64,
    pub remote_hours: f64,
}

/// Input that the contract does not know, read past and listed for the user (SPEC, general
/// rules: a column the contract does not know is never dropped silently).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Ignored {
    /// Per table, as the user names it (`families.csv`, or `plan.xlsx, sheet families`): its
    /// ignored columns by header (or by position, for values under no header).
    pub columns: Vec<(String, Vec<String>)>,
    /// Per workbook: its sheets that are no table of a plan (a team lead's notes).
    pub sheets: Vec<(String, Vec<String>)>,
    /// Per workbook: its `veryHidden` sheets that were read as tables (Excel lists them
    /// nowhere; only a macro shows them), named so that no table is read unseen.
    pub very_hidden: Vec<(String, Vec<String>)>,
}

impl Ignored {
    pub fn is_empty(&self) -> bool {
        self.columns.is_empty() && self.sheets.is_empty() && self.very_hidden.is_empty()
    }
}
