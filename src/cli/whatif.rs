//! `caseload whatif` and `caseload capacity`.

use super::{CliError, Progress, ensure_valid, plan_files, print_out};
use crate::io::folder::Target;
use crate::io::output::CsvStyle;
use crate::model::Week;
use crate::model::table::DataTable;
use std::path::Path;

/// A folder name for scenario `i` (1-based): `03-w03-on-sick-leave`.
pub fn folder_name(i: usize, name: &str) -> String {
    let mut slug = String::new();
    for c in name.to_lowercase().chars() {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug: String = slug.trim_end_matches('-').chars().take(40).collect();
    format!(
        "{i:02}-{}",
        if slug.is_empty() { "scenario" } else { &slug }
    )
}

pub fn whatif(
    p: &Week,
    scenarios_file: &Path,
    out: &Target,
    jobs: usize,
    progress: &Progress,
) -> Result<(), CliError> {
    let scenarios =
        crate::io::scenarios::read_scenarios(scenarios_file, p).map_err(CliError::Input)?;
    progress.say(&format!(
        "planning the week as it is and {} scenarios, {jobs} at a time",
        scenarios.len()
    ));
    let outcomes = crate::whatif::run(p, &scenarios, jobs, &|m| progress.say(m)).outcomes;
    let mut table = DataTable::new(
        "whatif.csv",
        &[
            "scenario",
            "status",
            "demand_hours",
            "delivered_hours",
            "shortfall_hours",
            "families_short",
            "meetings_uncovered",
            "travel_hours",
            "overtime_hours",
            "mean_utilization",
            "solve_seconds",
        ],
    );
    let mut files = Vec::new();
    for (i, o) in outcomes.iter().enumerate() {
        let q = &o.applied.week;
        ensure_valid(q, &o.plan, &format!("the roster of scenario {:?}", o.name))?;
        let s = crate::whatif::summarize(q, &o.plan.roster);
        table.push(vec![
            o.name.as_str().into(),
            o.plan.info.status().as_str().into(),
            s.demand_hours.into(),
            s.delivered_hours.into(),
            s.shortfall_hours.into(),
            s.families_short.into(),
            s.meetings_uncovered.into(),
            s.travel_hours.into(),
            s.overtime_hours.into(),
            s.mean_utilization.into(),
            o.plan.info.seconds.into(),
        ]);
        let folder = folder_name(i + 1, &o.name);
        let (f, _) = plan_files(q, &o.plan, &format!("{folder}/"), None)?;
        files.extend(f);
        // The scenario as a plan folder of its own, so its roster can be checked and re-run.
        files.extend(crate::io::write_plan::plan_files(
            q,
            &format!("{folder}/plan/"),
        ));
    }
    let style = CsvStyle {
        finnish: p.settings.finnish_csv,
    };
    files.insert(0, ("whatif.csv".into(), style.render(&table)));
    out.write(&files)?;
    print_out(&format!(
        "{}\nwritten: {}\n",
        String::from_utf8_lossy(&CsvStyle { finnish: false }.render(&table)),
        out.shown.display()
    ))
}

pub fn capacity(
    p: &Week,
    like: &str,
    max: u32,
    out: &Target,
    jobs: usize,
    progress: &Progress,
) -> Result<(), CliError> {
    let Some(f) = p.families.iter().position(|f| f.id == like) else {
        return Err(CliError::Usage(format!(
            "--like {like}: expected the id of a family in families.csv."
        )));
    };
    if max == 0 || max > crate::io::scenarios::MAX_COUNT as u32 {
        return Err(CliError::Usage(format!(
            "--max {max}: expected 1 to {}.",
            crate::io::scenarios::MAX_COUNT
        )));
    }
    let a = crate::whatif::capacity::capacity(p, f, max, jobs, &|m| progress.say(m));
    let q = &a.trial.applied.week;
    ensure_valid(
        q,
        &a.trial.plan,
        &format!("the roster for {} more families", a.fits),
    )?;
    let (mut files, _) = plan_files(q, &a.trial.plan, "", None)?;
    files.extend(crate::io::write_plan::plan_files(q, "plan/"));
    out.write(&files)?;
    let tried: Vec<String> = a.solved.iter().map(|k| k.to_string()).collect();
    let mut text = format!(
        "capacity: {} more families like {like} fit with no shortfall for anyone (counts solved: {}).\n",
        a.fits,
        tried.join(", ")
    );
    match (&a.next, &a.trial.short) {
        (_, Some((fam, why))) => text.push_str(&format!(
            "not even the week as it is: {fam} is short: {why}\n"
        )),
        (Some(n), _) => {
            if let Some((fam, why)) = &n.short {
                text.push_str(&format!("{} do not fit: {fam} is short: {why}\n", n.count));
            }
        }
        (None, None) => text.push_str(&format!("--max {max} reached; more may fit.\n")),
    }
    text.push_str(&format!("result: like={like} fits={} max={max}\n", a.fits));
    text.push_str(&format!(
        "written: {} (the plan with {} more)\n",
        out.shown.display(),
        a.fits
    ));
    print_out(&text)
}
