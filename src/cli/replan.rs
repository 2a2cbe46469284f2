//! `caseload replan` (a sick call on Wednesday: keep what happened, re-plan the rest with the
//! least change, write the team lead's calls in changes.csv) and `plan --previous` (last
//! week's rhythm).

use super::{CliError, Progress, RunArgs, load, plan_files, print_out, set_run_options};
use crate::io::error::{ErrorCode, InputError, InputErrors};
use crate::io::folder::{FolderKind, Target};
use crate::io::output::CsvStyle;
use crate::io::roster::{read_last_week, read_roster};
use crate::model::{Moment, Problem, Week};
use std::io::Write;
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
    let mut p = Week::new(p);
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
                    // The row itself, not only its number.
                    if let Some(words) = rows.words(c.row) {
                        e = e.with_value(words);
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
    let plan = crate::solve::plan_warm(&p, warm, &|msg| progress.say(msg));
    let (kept_breaks, history) = judge(&p, &previous, &plan, &rows, from)?;
    let (mut files, mut summary) = plan_files(&p, &plan, "", Some(&previous))?;
    for line in kept_breaks.iter().chain(&history) {
        let _ = writeln!(
            std::io::stderr(),
            "caseload: warning: {}",
            crate::report::text::terminal(line)
        );
    }
    super::add_to_summary(
        &mut summary,
        &mut files,
        "Kept rows that break a rule",
        &format!(
            "These rows started before {from}: they happened and stay as they were, although the plan's data now make them break a rule. Nothing planned after the moment adds to what they break."
        ),
        &kept_breaks,
    );
    super::add_to_summary(
        &mut summary,
        &mut files,
        super::HISTORY_HEADING,
        super::HISTORY_PARAGRAPH,
        &history,
    );
    let changes = crate::report::changes::changes_table(&p, &plan.roster);
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
    p: &mut Week,
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

/// The final check of a re-planned roster, which tells what happened from what was planned.
///
/// A row that starts before the moment (or that a worker was already travelling to) has
/// happened and stays as it was; when the plan's data changed since (a capacity lowered below
/// the hours already worked, a longer rest required, a family's home moved, a row edited by
/// hand) it may break a rule that no re-plan can mend. Every violation that concerns kept rows
/// only — and a week over capacity whose kept rows alone exceed it — is such a break: it comes
/// back as a warning line naming the rows (`ROSTER:LINE: [rule] message`), and the planner has
/// added nothing that makes it worse (every row after the moment passed the one check against
/// the kept rows). Remote sessions that happened which the rest of the week cannot back with
/// in-person hours stay an input error (E048, as before). Any other violation is a planner bug:
/// "Internal error", exit 1, nothing written. Returns the warnings of the kept rows and those of
/// history.csv (`super::history_break`), each for its own section of the summary.
fn judge(
    p: &Week,
    previous: &crate::model::Roster,
    plan: &crate::model::Plan,
    rows: &crate::io::roster::RowMap,
    from: &str,
) -> Result<(Vec<String>, Vec<String>), CliError> {
    use crate::check::Rule;
    use crate::model::{Activity, ActivityKind};
    use std::collections::{BTreeSet, HashMap};
    let roster = &plan.roster;
    let mut violations = crate::check::check_roster(p, roster);
    violations.extend(crate::check::rule_appointments(p, roster, &plan.statuses));
    if violations.is_empty() {
        return Ok((Vec::new(), Vec::new()));
    }
    let acts = &roster.activities;
    let kept = |a: &Activity| p.past.happened(a);
    // Each row's line in the roster file (a kept travel row rebuilt for the day has none).
    let line_of: HashMap<&Activity, usize> = previous
        .activities
        .iter()
        .enumerate()
        .filter_map(|(i, a)| Some((a, rows.line(i)?)))
        .collect();
    let words_of: HashMap<&Activity, &str> = previous
        .activities
        .iter()
        .enumerate()
        .filter_map(|(i, a)| Some((a, rows.words(i)?)))
        .collect();
    let lines = |of: &mut dyn Iterator<Item = &Activity>| -> Vec<usize> {
        let mut l: Vec<usize> = of.filter_map(|a| line_of.get(a).copied()).collect();
        l.sort_unstable();
        l.dedup();
        l
    };
    let placed = |message: String, at: Vec<usize>, rule: Rule| -> String {
        const MOST: usize = 12;
        let message = crate::report::reasons::broken_rule(rule, &message);
        match at.as_slice() {
            [] => format!("{}: {message}", rows.file),
            [one] => format!("{}:{one}: {message}", rows.file),
            [first, ..] => {
                let mut shown: Vec<String> = at.iter().take(MOST).map(usize::to_string).collect();
                if at.len() > MOST {
                    shown.push(format!("and {} more", at.len() - MOST));
                }
                format!(
                    "{}:{first}: {message} (lines {})",
                    rows.file,
                    shown.join(", ")
                )
            }
        }
    };
    // Working minutes per worker (per day the union of the rows, breaks excluded, as rule 5
    // counts them): of the whole roster, and of its kept rows alone.
    let minutes = |only_kept: bool| {
        let mut days: HashMap<(usize, usize), Vec<crate::model::Interval>> = HashMap::new();
        for a in acts
            .iter()
            .filter(|a| a.kind != ActivityKind::Break && (!only_kept || kept(a)))
        {
            days.entry((a.worker, a.day)).or_default().push(a.span);
        }
        let mut m = vec![0u32; p.workers.len()];
        for ((w, _), spans) in days {
            m[w] += crate::check::union_minutes(spans);
        }
        m
    };
    let (total, before) = (minutes(false), minutes(true));
    let over: Vec<usize> = (0..p.workers.len())
        .filter(|&w| total[w] > p.workers[w].capacity_minutes())
        .collect();
    let capacity_is_the_past = over
        .iter()
        .all(|&w| before[w] > p.workers[w].capacity_minutes());
    let mut warnings = Vec::new();
    let mut history = Vec::new();
    let mut bugs = Vec::new();
    let mut remote = Vec::new();
    let mut capacity_said = false;
    for v in violations {
        let rows_kept = is_the_pasts(p, roster, &v);
        let past_remote = v.rule == Rule::RemoteCap
            && v.rows.iter().any(|&i| {
                acts.get(i)
                    .is_some_and(|a| a.kind == ActivityKind::Remote && kept(a))
            });
        if past_remote {
            remote.push(v);
        } else if let Some(w) = super::history_break(&v) {
            history.push(w);
        } else if v.rule == Rule::Capacity && v.rows.is_empty() && capacity_is_the_past {
            if !capacity_said {
                capacity_said = true;
                let mut kept_of: HashMap<usize, Vec<&Activity>> = HashMap::new();
                for a in acts.iter().filter(|a| kept(a)) {
                    kept_of.entry(a.worker).or_default().push(a);
                }
                for &w in &over {
                    let mut of = kept_of.get(&w).into_iter().flatten().copied();
                    warnings.push(placed(
                        format!(
                            "{} worked {:.2} h before {from}, more than capacity_hours {} allow now; nothing more is planned for {} this week",
                            p.workers[w].id,
                            f64::from(before[w]) / 60.0,
                            p.workers[w].capacity_hours,
                            p.workers[w].id
                        ),
                        lines(&mut of),
                        v.rule,
                    ));
                }
            }
        } else if rows_kept && v.rule != Rule::RemoteCap {
            let mut of = v.rows.iter().filter_map(|&i| acts.get(i));
            warnings.push(placed(
                format!("{} (kept as it happened)", v.message),
                lines(&mut of),
                v.rule,
            ));
        } else {
            bugs.push(v);
        }
    }
    if !bugs.is_empty() {
        return Err(super::internal_error("the re-planned roster", &bugs));
    }
    if !remote.is_empty() {
        let mut errors = Vec::new();
        let mut named = BTreeSet::new();
        for v in &remote {
            for a in v.rows.iter().filter_map(|&i| acts.get(i)) {
                if a.kind != ActivityKind::Remote || !kept(a) {
                    continue;
                }
                let Some(&line) = line_of.get(a) else {
                    continue;
                };
                if !named.insert(line) {
                    continue;
                }
                let mut e = InputError::new(
                        ErrorCode::PastForbidden,
                        &rows.file,
                        format!(
                            "a remote session before {from} that the rest of the week can back with in-person hours ({}); the re-plan finds too few in-person hours after the moment. Give the family more weekly_hours or workers, raise its remote_max_share, or plan from an earlier moment",
                            v.message
                        ),
                    )
                    .at_line(line);
                if let Some(words) = words_of.get(a) {
                    e = e.with_value(words);
                }
                errors.push(e);
            }
        }
        errors.sort_by_key(|e| e.line);
        return Err(CliError::Input(InputErrors(errors)));
    }
    Ok((warnings, history))
}

/// True when a violation of the re-planned roster `r` concerns rows that have happened and
/// nothing else (each starts before the moment, or is a row of the past): a rule the past
/// breaks under the plan's data now, which the re-plan keeps as it happened. (A week over
/// capacity names no row: `judge` asks whether the kept rows alone exceed it.)
fn is_the_pasts(p: &Week, r: &crate::model::Roster, v: &crate::check::Violation) -> bool {
    !v.rows.is_empty()
        && v.rows
            .iter()
            .all(|&i| r.activities.get(i).is_some_and(|a| p.past.happened(a)))
}
