//! Reports derived from a problem and its roster: coverage, meetings coverage, utilization,
//! payroll, next week's history and the summary. Reports never change the plan; they only describe it.

pub mod coverage;
pub mod evaluation;
pub mod history;
pub mod html;
pub mod payroll;
pub mod reasons;
pub mod summary;
pub mod text;
pub mod utilization;

pub use crate::model::SolveInfo;
use crate::model::table::DataTable;
use crate::model::{Activity, ActivityKind, Problem, Roster};

/// Every output of `caseload plan`.
#[derive(Debug, Clone)]
pub struct Reports {
    pub roster: DataTable,
    pub coverage: DataTable,
    pub meetings: DataTable,
    pub utilization: DataTable,
    pub payroll: DataTable,
    /// history.csv with this week's delivered hours: next week's history.csv.
    pub history_next: DataTable,
    pub summary: String,
    /// report.html, self-contained.
    pub html: String,
}

/// Builds every report of a plan.
pub fn build(p: &Problem, roster: &Roster, info: &SolveInfo) -> Reports {
    let coverage_rows = coverage::family_rows(p, roster);
    let meeting_rows = coverage::meeting_rows(p, roster);
    let util_rows = utilization::worker_rows(p, roster);
    Reports {
        roster: coverage::roster_table(p, roster),
        coverage: coverage::coverage_table(p, &coverage_rows),
        meetings: coverage::meetings_table(p, &meeting_rows),
        utilization: utilization::utilization_table(p, &util_rows),
        payroll: payroll::payroll_table(p, roster),
        history_next: history::history_next_table(p, &coverage_rows),
        summary: summary::summary(p, info, &coverage_rows, &meeting_rows, &util_rows),
        html: html::report_html(p, roster, info, &coverage_rows, &meeting_rows, &util_rows),
    }
}

/// What an activity concerns, for people: the family or meeting id, where travel goes, or where
/// a break is held.
pub(crate) fn subject(p: &Problem, a: &Activity) -> String {
    let place = if a.kind == ActivityKind::Break {
        "at"
    } else {
        "to"
    };
    match (a.family, a.meeting) {
        (Some(f), _) => p.families[f].id.clone(),
        (_, Some(m)) => p.meetings[m].id.clone(),
        _ => a
            .location
            .map(|l| format!("{place} {}", p.locations[l].id))
            .unwrap_or_default(),
    }
}
