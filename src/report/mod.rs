//! Reports derived from a problem and its roster: coverage, meetings coverage, utilization,
//! payroll, next week's history, the summary and each worker's calendar. Reports never change
//! the plan; they only describe it.

pub mod calendar;
pub mod changes;
pub mod coverage;
pub mod evaluation;
pub mod history;
pub mod html;
pub mod month;
pub mod payroll;
pub mod payroll_presets;
pub mod reasons;
pub mod summary;
pub mod text;
pub mod utilization;

pub use crate::model::SolveInfo;
use crate::model::table::{Cell, DataTable};
use crate::model::{Activity, ActivityKind, AppointmentStatus, Plan, Problem, Week};

/// Every output of `caseload plan`.
#[derive(Debug, Clone)]
pub struct Reports {
    pub roster: DataTable,
    pub coverage: DataTable,
    pub meetings: DataTable,
    pub utilization: DataTable,
    pub payroll: DataTable,
    /// appointments.csv: each agreed appointment and what became of it (only when the plan
    /// has appointments).
    pub appointments: Option<DataTable>,
    /// history.csv with this week's delivered hours: next week's history.csv.
    pub history_next: DataTable,
    pub summary: String,
    /// report.html, self-contained.
    pub html: String,
}

/// Builds every report of a plan.
pub fn build(p: &Week, plan: &Plan) -> Reports {
    let (roster, info) = (&plan.roster, &plan.info);
    let coverage_rows = coverage::family_rows(p, roster);
    let meeting_rows = coverage::meeting_rows(p, roster);
    let util_rows = utilization::worker_rows(p, roster);
    let appointments = appointments_table(p, &plan.statuses);
    // A re-plan (it has a moment from which the week was planned anew) says so.
    let command = if p.past.moment.is_some() {
        "replan"
    } else {
        "plan"
    };
    let mut summary = summary::summary(p, command, info, &coverage_rows, &meeting_rows, &util_rows);
    if let Some(t) = &appointments {
        // Before the machine-readable result line, which ends the summary.
        let kept = plan.statuses.iter().filter(|s| s.is_kept()).count();
        let line = format!(
            "Agreed appointments: {kept} kept, {} dropped with the reason (appointments.csv).\n",
            t.rows.len() - kept
        );
        match summary.rfind("\nresult: ") {
            Some(i) => summary.insert_str(i + 1, &format!("{line}\n")),
            None => summary.push_str(&line),
        }
    }
    Reports {
        roster: coverage::roster_table(p, roster),
        coverage: coverage::coverage_table(p, &coverage_rows),
        meetings: coverage::meetings_table(p, &meeting_rows),
        utilization: utilization::utilization_table(p, &util_rows),
        payroll: payroll::payroll_table(p, roster),
        appointments,
        history_next: history::history_next_table(p, &coverage_rows),
        summary,
        html: html::report_html(p, roster, info, &coverage_rows, &meeting_rows, &util_rows),
    }
}

/// The output `appointments.csv`: each input row as written plus `status` (`kept`, or
/// `dropped: <reason>`).
pub fn appointments_table(p: &Problem, statuses: &[AppointmentStatus]) -> Option<DataTable> {
    use crate::model::pins::APPOINTMENT_COLUMNS;
    let input = p.appointments_input.as_ref()?;
    let mut headers = APPOINTMENT_COLUMNS.to_vec();
    headers.push("status");
    let mut t = DataTable::new("appointments.csv", &headers);
    let status = statuses;
    for (i, row) in input.rows.iter().enumerate() {
        let mut cells: Vec<Cell> = row.iter().map(|c| Cell::text(c.as_str())).collect();
        // Rows the reader could not use never reach a plan; every row here has an outcome.
        let s = status
            .get(i)
            .map_or("dropped: not read".to_owned(), |s| s.render());
        cells.push(Cell::text(s));
        t.push(cells);
    }
    Some(t)
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

/// [`build`] for a problem with nothing to keep and a roster with its solve info (unit tests).
#[cfg(test)]
pub(crate) fn build_for(p: &Problem, roster: &crate::model::Roster, info: &SolveInfo) -> Reports {
    let week = Week::new(p.clone());
    let statuses = crate::solve::pins::outcome(&week, roster);
    build(
        &week,
        &Plan {
            roster: roster.clone(),
            info: info.clone(),
            statuses,
        },
    )
}
