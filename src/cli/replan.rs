//! `caseload replan` (a sick call on Wednesday: keep what happened, re-plan the rest with the
//! least change, write the team lead's calls in changes.csv) and `plan --previous` (last
//! week's rhythm).

use super::{
    CliError, Progress, RunArgs, ensure_valid, load, plan_files, print_out, set_run_options,
};
use crate::io::error::{ErrorCode, InputError, InputErrors};
use crate::io::folder::{FolderKind, Target};
use crate::io::output::CsvStyle;
use crate::io::roster::{read_last_week, read_roster};
use crate::model::{Moment, Problem};
use std::path::Path;

/// `--from YYYY-MM-DDTHH:MM` as a moment of the plan's week: before Monday is the week's
/// start (nothing has happened), after Sunday its end (everything has).
pub fn moment(p: &Problem, from: &str) -> Result<Moment, CliError> {
    let usage = || {
        CliError::Usage(format!(
            "--from {from:?}: expected a moment YYYY-MM-DDTHH:MM, such as 2026-12-02T12:00 (the date and time from which the week is re-planned)"
        ))
    };
    let (date, time) = from.split_once(['T', ' ']).ok_or_else(usage)?;
    let date = crate::io::fields::parse_date(date.trim()).map_err(|_| usage())?;
    let minute = crate::io::fields::parse_time(time.trim()).map_err(|_| usage())?;
    let week = p.settings.week;
    Ok(if date < week.date(0) {
        Moment { day: 0, minute: 0 }
    } else if date > week.date(6) {
        Moment { day: 7, minute: 0 }
    } else {
        Moment {
            day: week.day_of(date).unwrap_or(0),
            minute,
        }
    })
}

/// Re-plans `plan_dir` from `from` on the previous roster `roster_file`, writing every output
/// plus changes.csv to `out`.
pub fn replan(
    plan_dir: &Path,
    roster_file: &Path,
    from: &str,
    out: &Path,
    run: &RunArgs,
    progress: &Progress,
) -> Result<(), CliError> {
    let mut p = load(plan_dir)?;
    set_run_options(&mut p, run)?;
    let (previous, rows) = read_roster(&p, roster_file).map_err(CliError::Input)?;
    super::evaluate::warn_ignored(&rows);
    let moment = moment(&p, from)?;
    let warm = match crate::solve::replan::prepare(&mut p, &previous, moment) {
        Ok(warm) => warm,
        Err(conflicts) => {
            let errors = conflicts
                .into_iter()
                .map(|c| {
                    let mut e = InputError::new(
                        ErrorCode::PastForbidden,
                        &rows.file,
                        format!(
                            "a row before {from} (it has happened, so it stays) that the plan's data still allow; the data now say: {}. Correct the plan (e.g. let the absence start after it) or the roster",
                            c.why
                        ),
                    );
                    if let Some(line) = rows.line(c.row) {
                        e = e.at_line(line);
                    }
                    e
                })
                .collect();
            return Err(CliError::Input(InputErrors(errors)));
        }
    };
    let out = Target::prepare(out, FolderKind::Output, Some(plan_dir))?;
    progress.say(&format!(
        "re-planning from {from}: {} rows have happened",
        p.past.rows.len()
    ));
    let (roster, info) = crate::solve::plan_warm(&p, warm, &|msg| progress.say(msg));
    past_over_cap(&p, &previous, &roster, &rows, from)?;
    ensure_valid(&p, &roster, "the re-planned roster")?;
    let (mut files, summary) = plan_files(&p, &roster, &info, "")?;
    let changes = crate::report::changes::changes_table(&p, &roster);
    let style = CsvStyle {
        finnish: p.settings.finnish_csv,
    };
    files.push((changes.file.to_owned(), style.render(&changes)));
    out.write(&files)?;
    print_out(&format!(
        "{summary}\nchanges after {from}: {} (changes.csv)\nwritten: {}\n",
        changes.rows.len(),
        out.shown.display()
    ))
}

/// Sets up `plan --previous`: last week's roster read by weekday; returns the warm start and a
/// line for the summary.
pub fn previous(
    p: &mut Problem,
    roster_file: &Path,
) -> Result<(Option<crate::model::Roster>, String), CliError> {
    let last = read_last_week(p, roster_file).map_err(CliError::Input)?;
    let visits = last
        .roster
        .activities
        .iter()
        .filter(|a| a.kind.is_visit())
        .count();
    let warm = crate::solve::replan::rhythm(p, &last.roster);
    let skipped = if last.skipped > 0 {
        format!(
            " ({} row(s) of workers or families no longer in the plan left out)",
            last.skipped
        )
    } else {
        String::new()
    };
    Ok((
        warm,
        format!(
            "last week ({}): {visits} visit(s) to keep at their weekday, hour and worker{skipped}",
            roster_file.display()
        ),
    ))
}

/// The one rule a past can break that only planning shows: remote sessions that happened need
/// in-person hours in the week (the remote cap), and the rest of the week may no longer hold
/// them (the worker who was to visit is ill, and nobody else can). Then no roster of the week
/// obeys every rule: exit 2 naming the past remote rows of each such family, nothing written.
fn past_over_cap(
    p: &Problem,
    previous: &crate::model::Roster,
    roster: &crate::model::Roster,
    rows: &crate::io::roster::RowMap,
    from: &str,
) -> Result<(), CliError> {
    use crate::check::Rule;
    let violations = crate::check::check_roster(p, roster);
    if violations.is_empty() || violations.iter().any(|v| v.rule != Rule::RemoteCap) {
        return Ok(()); // nothing broken, or a bug that ensure_valid reports as one
    }
    let mut errors = Vec::new();
    for v in &violations {
        let past: Vec<usize> = v
            .rows
            .iter()
            .filter_map(|&i| roster.activities.get(i))
            .filter(|a| a.kind == crate::model::ActivityKind::Remote && p.past.contains(a))
            .filter_map(|a| previous.activities.iter().position(|b| b == a))
            .collect();
        if past.is_empty() {
            return Ok(());
        }
        for i in past {
            let mut e = InputError::new(
                ErrorCode::PastForbidden,
                &rows.file,
                format!(
                    "a remote session before {from} that the rest of the week can back with in-person hours ({}); the re-plan finds too few in-person hours after the moment. Give the family more weekly_hours or workers, raise its remote_max_share, or plan from an earlier moment",
                    v.message
                ),
            );
            if let Some(line) = rows.line(i) {
                e = e.at_line(line);
            }
            errors.push(e);
        }
    }
    Err(CliError::Input(InputErrors(errors)))
}
