//! `caseload month`: reads the output folders of the weeks that touch a month (each verified
//! against its manifest, its plan found through the manifest's `origin`), and writes the month
//! folder (month_families.csv, month_children.csv, invoice.csv, month_weeks.csv, month.html).

use super::{CliError, Files, Progress, load, print_out};
use crate::io::cx::Cx;
use crate::io::folder::{FolderKind, MANIFEST, Manifest, Target, changes_since_written};
use crate::io::output::CsvStyle;
use crate::io::read::{CSV_LIMIT, ReadFailure, read_limited};
use crate::io::schema::PRICES;
use crate::io::table::parse_table;
use crate::io::{InputError, InputErrors};
use crate::model::{Problem, Roster};
use crate::report::month::{self, Month, Price, WeekIn, WeekStatus};
use crate::report::text::terminal;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

/// One week folder, read.
struct Week {
    folder: PathBuf,
    plan_dir: PathBuf,
    problem: Problem,
    roster: Roster,
    reasons: BTreeMap<String, String>,
}

pub fn month(
    month_text: &str,
    folders: &[PathBuf],
    out: Option<&Path>,
    finnish_csv: bool,
    progress: &Progress,
) -> Result<(), CliError> {
    let m = Month::parse(month_text).ok_or_else(|| {
        CliError::Usage(format!(
            "--month {}: expected a month YYYY-MM such as 2026-12 (years 2000-2100).",
            terminal(month_text)
        ))
    })?;
    let out = out.map_or_else(|| PathBuf::from(format!("month-{m}")), Path::to_path_buf);
    // Refused before anything is read: a folder the user owns.
    let target = Target::prepare(&out, FolderKind::Month, None)?;
    let mut weeks: Vec<Week> = Vec::new();
    for folder in folders {
        progress.say(&format!("reading {}", folder.display()));
        let w = read_week(folder)?;
        if let Some(other) = weeks
            .iter()
            .find(|o| o.problem.settings.week == w.problem.settings.week)
        {
            return Err(CliError::Usage(format!(
                "{} and {}: both are week {}; nothing was written. Give one folder per week (the one that was worked, e.g. the replan rather than the plan).",
                terminal(&other.folder.display().to_string()),
                terminal(&folder.display().to_string()),
                w.problem.settings.week
            )));
        }
        if m.days_of(w.problem.settings.week) == 0 {
            return Err(CliError::Usage(format!(
                "{}: week {} has no day in {m}; nothing was written. Give the output folders of the weeks that touch the month.",
                terminal(&folder.display().to_string()),
                w.problem.settings.week
            )));
        }
        weeks.push(w);
    }
    one_team(&weeks)?;
    weeks.sort_by_key(|w| w.problem.settings.week.monday());
    let statuses: Vec<WeekStatus> = m
        .weeks()
        .into_iter()
        .map(|week| WeekStatus {
            week,
            folder: weeks
                .iter()
                .find(|w| w.problem.settings.week == week)
                .map(|w| w.folder.display().to_string()),
        })
        .collect();
    let mut notes = String::new();
    for s in statuses.iter().filter(|s| s.folder.is_none()) {
        let line = format!(
            "missing: week {} ({} day(s) of {m}): no output folder was given; its hours (and agreed hours) are not counted",
            s.week,
            m.days_of(s.week)
        );
        let _ = writeln!(std::io::stderr(), "caseload: warning: {line}");
        notes.push_str(&line);
        notes.push('\n');
    }
    // Prices of the latest week's plan folder.
    let prices = match weeks.last() {
        Some(w) => read_prices(&w.plan_dir)?,
        None => None,
    };
    let inputs: Vec<WeekIn> = weeks
        .iter()
        .map(|w| WeekIn {
            folder: w.folder.display().to_string(),
            problem: &w.problem,
            roster: &w.roster,
            reasons: w.reasons.clone(),
        })
        .collect();
    let fams = month::family_months(m, &inputs);
    let style = CsvStyle {
        finnish: finnish_csv || weeks.last().is_some_and(|w| w.problem.settings.finnish_csv),
    };
    let tables = [
        month::families_table(&fams),
        month::children_table(&fams),
        month::invoice_table(&fams, prices.as_deref()),
        month::weeks_table(m, &statuses),
    ];
    let mut files: Files = tables
        .iter()
        .map(|t| (t.file.to_string(), style.render(t)))
        .collect();
    files.push((
        "month.html".to_string(),
        month::month_html(m, &fams, &statuses).into_bytes(),
    ));
    target.write(&files)?;
    let delivered: f64 = fams.iter().map(|f| f.delivered_hours()).sum();
    let agreed: f64 = fams.iter().map(|f| f.agreed_hours).sum();
    print_out(&format!(
        "month {m}: {} week folder(s), {} families, delivered {delivered:.2} of {agreed:.2} agreed h\n{notes}written: {}\n",
        weeks.len(),
        fams.len(),
        terminal(&out.display().to_string())
    ))
}

/// Refuses weeks of two teams: a month adds up one team's families, and two teams may use the
/// same case codes for different families. Weeks of one plan folder are one team; weeks of two
/// plan folders are two teams when both `plan.toml` name a `team` and the names differ, or, when
/// either names none, when a case code of both is a family with another home or service.
fn one_team(weeks: &[Week]) -> Result<(), CliError> {
    for (i, a) in weeks.iter().enumerate() {
        for b in &weeks[i + 1..] {
            if let Some(why) = two_teams(a, b) {
                return Err(CliError::Usage(format!(
                    "{} and {}: {why}; a month adds up the weeks of one team, so nothing was written. Give the week folders of one team (if they are one team, name it the same in both plan.toml: team = \"...\").",
                    terminal(&a.folder.display().to_string()),
                    terminal(&b.folder.display().to_string()),
                )));
            }
        }
    }
    Ok(())
}

/// Why the weeks `a` and `b` are of two teams, if they are.
fn two_teams(a: &Week, b: &Week) -> Option<String> {
    if a.plan_dir == b.plan_dir {
        return None;
    }
    let (pa, pb) = (&a.problem, &b.problem);
    match (&pa.settings.team, &pb.settings.team) {
        (Some(x), Some(y)) if x == y => return None,
        (Some(x), Some(y)) => {
            return Some(format!(
                "their plans are of two teams (team \"{}\" and team \"{}\")",
                terminal(x),
                terminal(y)
            ));
        }
        _ => {}
    }
    let home = |p: &Problem, f: &crate::model::Family| {
        let l = &p.locations[f.location];
        (l.lat, l.lon)
    };
    let by_id: std::collections::HashMap<&str, &crate::model::Family> =
        pb.families.iter().map(|f| (f.id.as_str(), f)).collect();
    let differ: Vec<&str> = pa
        .families
        .iter()
        .filter_map(|f| {
            let g = by_id.get(f.id.as_str())?;
            (f.service != g.service || home(pa, f) != home(pb, g)).then_some(f.id.as_str())
        })
        .collect();
    let first = differ.first()?;
    Some(format!(
        "their plans (in {} and {}) have {} case code(s) that are families with another home or service, first {}",
        terminal(&a.plan_dir.display().to_string()),
        terminal(&b.plan_dir.display().to_string()),
        differ.len(),
        terminal(first)
    ))
}

fn usage(folder: &Path, what: String) -> CliError {
    CliError::Usage(format!(
        "{}: {what}; nothing was written.",
        terminal(&folder.display().to_string())
    ))
}

/// A week's output folder: written by `caseload plan` or `replan` and unchanged since (its
/// manifest), its plan folder (the manifest's origin) read, its roster.csv read against it.
fn read_week(folder: &Path) -> Result<Week, CliError> {
    if !folder.is_dir() {
        return Err(usage(
            folder,
            "expected the output folder of a week (written by caseload plan or replan); no such folder".into(),
        ));
    }
    let Some(manifest) = Manifest::read(folder) else {
        return Err(usage(
            folder,
            format!(
                "this folder was not written by caseload (it has no {MANIFEST}); caseload month reads only week folders written by caseload plan or replan"
            ),
        ));
    };
    if manifest.kind != FolderKind::Output {
        return Err(usage(
            folder,
            format!(
                "this is a {} folder, not the output folder of a week (caseload plan or replan)",
                manifest.kind.as_str()
            ),
        ));
    }
    match changes_since_written(folder, &manifest) {
        Ok(None) => {}
        Ok(Some(changes)) => {
            return Err(usage(
                folder,
                format!(
                    "this folder changed since caseload wrote it ({changes}); caseload month reads only files caseload wrote"
                ),
            ));
        }
        Err(e) => return Err(usage(folder, format!("could not read the folder: {e}"))),
    }
    let Some(plan_dir) = manifest.origin.clone() else {
        return Err(usage(folder, "its manifest names no plan folder".into()));
    };
    let problem = load(&plan_dir).map_err(|e| match e {
        CliError::Input(errors) => CliError::Usage(format!(
            "{}: its plan folder {} no longer reads:\n{errors}",
            terminal(&folder.display().to_string()),
            terminal(&plan_dir.display().to_string())
        )),
        other => other,
    })?;
    let (roster, _) = crate::io::roster::read_roster(&problem, &folder.join("roster.csv"))
        .map_err(|errors| {
            CliError::Usage(format!(
                "{}: its roster.csv does not read against the plan folder {} (was the plan changed since, e.g. its week?):\n{errors}",
                terminal(&folder.display().to_string()),
                terminal(&plan_dir.display().to_string())
            ))
        })?;
    let reasons = read_reasons(&folder.join("coverage.csv"))?;
    Ok(Week {
        folder: folder.to_path_buf(),
        plan_dir,
        problem,
        roster,
        reasons,
    })
}

/// coverage.csv's non-empty `reason` per family id.
fn read_reasons(path: &Path) -> Result<BTreeMap<String, String>, CliError> {
    let file = path.display().to_string();
    let mut errors = Vec::new();
    let bytes = read_limited(path, &file, CSV_LIMIT).map_err(|e| match e {
        ReadFailure::NotFound => CliError::Usage(format!("{}: missing", terminal(&file))),
        ReadFailure::Unusable(e) => CliError::Input(InputErrors(vec![*e])),
    })?;
    let t = parse_table(&file, &bytes, &mut errors)
        .map_err(|_| CliError::Input(InputErrors(std::mem::take(&mut errors))))?;
    let mut out = BTreeMap::new();
    for row in &t.rows {
        let reason = t.get(row, "reason");
        if !reason.is_empty() {
            out.insert(t.get(row, "family_id").to_string(), reason.to_string());
        }
    }
    Ok(out)
}

/// prices.csv of a plan folder, `None` when it has none.
fn read_prices(plan_dir: &Path) -> Result<Option<Vec<Price>>, CliError> {
    let path = plan_dir.join(PRICES.file);
    let file = path.display().to_string();
    let mut errors: Vec<InputError> = Vec::new();
    let bytes = match read_limited(&path, &file, CSV_LIMIT) {
        Ok(b) => b,
        Err(ReadFailure::NotFound) => return Ok(None),
        Err(ReadFailure::Unusable(e)) => return Err(CliError::Input(InputErrors(vec![*e]))),
    };
    let Ok(mut t) = parse_table(&file, &bytes, &mut errors) else {
        return Err(CliError::Input(InputErrors(errors)));
    };
    if !t.check_columns(&PRICES, &mut errors) {
        return Err(CliError::Input(InputErrors(errors)));
    }
    let mut prices = Vec::new();
    // The line of each service and channel priced: one price each, or which would be billed?
    let mut priced: std::collections::HashMap<(String, String), usize> =
        std::collections::HashMap::new();
    for row in &t.rows {
        let mut cx = Cx::new(&t, row, &mut errors);
        let service = cx
            .label("service", "a service of families.csv")
            .map(str::to_string);
        let channel = cx.raw("channel").to_string();
        if !month::CHANNELS.contains(&channel.as_str()) {
            cx.fail(
                crate::io::ErrorCode::BadKind,
                "channel",
                &channel,
                "in_person, remote or meeting",
            );
        }
        let euros = cx.number(
            "euros_per_hour",
            None,
            0.0,
            100_000.0,
            "euros per hour such as 68.50",
        );
        if let Some(service) = &service
            && let Some(&first) = priced.get(&(service.clone(), channel.clone()))
        {
            cx.fail(
                crate::io::ErrorCode::DuplicateId,
                "channel",
                &channel,
                format!(
                    "one price per service and channel: {} {channel} is priced on line {first} and again on line {} (delete one)",
                    terminal(service),
                    row.line
                ),
            );
        }
        if let Some(service) = &service {
            priced
                .entry((service.clone(), channel.clone()))
                .or_insert(row.line);
        }
        if let (Some(service), Some(euros_per_hour)) = (service, euros) {
            prices.push(Price {
                service,
                channel,
                euros_per_hour,
            });
        }
    }
    if errors.is_empty() {
        Ok(Some(prices))
    } else {
        Err(CliError::Input(InputErrors(errors)))
    }
}
