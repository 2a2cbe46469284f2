//! `caseload evaluate`: a given roster (made or edited by hand, or another planner's) checked
//! against every rule and scored with the plan's weights; nothing is written.

use super::{CliError, load, print_out};
use crate::io::roster::read_roster;
use crate::model::SolveInfo;
use crate::report::{coverage, evaluation, summary, text::terminal, utilization};
use std::io::Write;
use std::path::Path;

/// Reads the plan and the roster (exit 2 when either cannot be read), prints every broken rule
/// with its roster lines, the objective term by term and the summary with its `result:` line
/// (status `evaluated`); exit 3 when a rule is broken.
pub fn evaluate(plan_dir: &Path, roster_file: &Path) -> Result<(), CliError> {
    // What the plan's appointments require: those the rules allow are kept by every roster.
    let p = crate::solve::week(load(plan_dir)?);
    let (roster, rows) = read_roster(&p, roster_file).map_err(CliError::Input)?;
    warn_ignored(&rows);
    let mut violations = crate::check::check_roster(&p, &roster);
    violations.extend(crate::check::rule_appointments(&p, &roster, &p.pins.status));
    let terms = crate::solve::objective::terms(&p, &roster);
    let info = SolveInfo::evaluated(terms.value(&p), p.settings.mip_gap);
    let fams = coverage::family_rows(&p, &roster);
    let meetings = coverage::meeting_rows(&p, &roster);
    let workers = utilization::worker_rows(&p, &roster);
    let text = format!(
        "# caseload evaluate {} against the plan {} ({}, {} rows)\n\n{}\n{}\n{}",
        terminal(&rows.file),
        terminal(&plan_dir.display().to_string()),
        p.settings.week,
        roster.activities.len(),
        evaluation::violations_text(&rows.file, &rows.lines, &violations),
        evaluation::objective_text(&terms.list(&p)),
        summary::summary(&p, "plan", &info, &fams, &meetings, &workers)
    );
    print_out(&text)?;
    if violations.is_empty() {
        Ok(())
    } else {
        Err(CliError::RulesBroken(violations.len()))
    }
}

/// One stderr line for the columns of a roster file that roster.csv does not have.
pub(super) fn warn_ignored(rows: &crate::io::roster::RowMap) {
    if !rows.ignored.is_empty() {
        let shown = summary::ignored_list(&rows.ignored, |c| terminal(c).into_owned());
        let _ = writeln!(
            std::io::stderr(),
            "caseload: warning: {}: ignored column(s) not in roster.csv's columns: {shown}",
            terminal(&rows.file)
        );
    }
}
