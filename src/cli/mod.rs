//! The command line: a thin clap layer over the library. Each command returns a
//! [`CliError`] that `main` maps to the exit status of the SPEC.

use crate::io::folder::{FolderError, FolderKind, Target};
use crate::io::output::CsvStyle;
use crate::io::{InputErrors, load_plan};
use crate::model::{Plan, Problem, Week};
use clap::{Parser, Subcommand};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

mod evaluate;
mod month;
mod replan;
mod whatif;

#[derive(Debug, Parser)]
#[command(
    name = "caseload",
    version,
    about = "Plans the working week of a family-services team."
)]
pub struct Cli {
    /// No progress messages on stderr.
    #[arg(long, global = true)]
    pub quiet: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Solve the week and write the output folder.
    Plan {
        plan_dir: PathBuf,
        /// Output folder (default PLAN_DIR/out).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Last week's roster.csv (any week, matched by weekday): each family's visits prefer
        /// last week's weekday, hour and worker (`[weights] rhythm`).
        #[arg(long)]
        previous: Option<PathBuf>,
        #[command(flatten)]
        run: RunArgs,
    },
    /// Re-plan the week from a moment: every row of ROSTER that starts before it stays (it has
    /// happened), the rest is planned again with the plan's current data and the least change
    /// (`[weights] change`); writes every output plus changes.csv (default PLAN_DIR/replan).
    Replan {
        plan_dir: PathBuf,
        /// The roster planned before (its roster.csv).
        #[arg(long)]
        roster: PathBuf,
        /// The moment, YYYY-MM-DDTHH:MM (e.g. 2026-12-02T12:00).
        #[arg(long)]
        from: String,
        /// Output folder (default PLAN_DIR/replan).
        #[arg(long)]
        out: Option<PathBuf>,
        #[command(flatten)]
        run: RunArgs,
    },
    /// Plan every scenario of a what-if file (in parallel) and write whatif.csv plus one
    /// output folder per scenario.
    Whatif {
        plan_dir: PathBuf,
        /// The scenarios file (TOML, `[[scenario]]` tables).
        #[arg(long)]
        scenarios: PathBuf,
        /// Output folder (default PLAN_DIR/whatif).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Scenarios solved at once (default: the number of cores; 1 = one after another).
        #[arg(long)]
        jobs: Option<usize>,
        #[command(flatten)]
        run: RunArgs,
    },
    /// How many more families like FAMILY_ID can be taken with no shortfall for anyone.
    Capacity {
        plan_dir: PathBuf,
        /// The family the new ones are like.
        #[arg(long)]
        like: String,
        /// Most families to try.
        #[arg(long, default_value_t = 50)]
        max: u32,
        /// Output folder for the plan with the families that fit (default PLAN_DIR/capacity).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Solves run at once (default: the number of cores).
        #[arg(long)]
        jobs: Option<usize>,
        #[command(flatten)]
        run: RunArgs,
    },
    /// The month's figures from the output folders of the weeks that touch it (each found
    /// with its plan through its manifest; only the days in the month count): writes
    /// month_families.csv, month_children.csv, invoice.csv, month_weeks.csv and month.html
    /// (default ./month-YYYY-MM).
    Month {
        /// The month, YYYY-MM (e.g. 2026-12).
        #[arg(long)]
        month: String,
        /// The output folders of the weeks (caseload plan or replan), one per week.
        #[arg(required = true)]
        week_out_dirs: Vec<PathBuf>,
        /// Output folder (default month-YYYY-MM in the current folder).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Write `;`-separated CSV with decimal commas and a BOM, for Finnish Excel (also when
        /// the latest week's plan.toml says `finnish_csv = true`).
        #[arg(long)]
        finnish_csv: bool,
    },
    /// Validate the input only and list every problem found.
    Check { plan_dir: PathBuf },
    /// Check a given roster (made or edited by hand) against every rule and print its
    /// objective term by term; exit 0 when every rule holds, 3 when some are broken, 2 when the
    /// plan or the roster cannot be read. Writes nothing.
    Evaluate {
        plan_dir: PathBuf,
        /// The roster to evaluate: a roster.csv as caseload writes it (`,` or `;`).
        #[arg(long)]
        roster: PathBuf,
    },
    /// Write a starter plan folder to fill in: plan.toml and plan.xlsx (a sheet per table with
    /// an example row, and notes on every column), into a new or empty folder only.
    Init {
        dir: PathBuf,
        /// CSV files (and notes.csv) instead of the workbook.
        #[arg(long)]
        csv: bool,
        /// ISO week of the plan, e.g. 2026-W49 (default: the week after this one).
        #[arg(long)]
        week: Option<String>,
    },
    /// Write a realistic synthetic plan folder.
    Generate {
        out_dir: PathBuf,
        #[arg(long)]
        workers: usize,
        #[arg(long)]
        families: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Demand as a share of the team's client capacity (above 1 overloads the week).
        #[arg(long, default_value_t = 0.7)]
        load: f64,
        /// ISO week of the plan, e.g. 2026-W49.
        #[arg(long, default_value = "2026-W49")]
        week: String,
        /// Cut the demand to what a rule-abiding roster delivers, so 100 % coverage is known to
        /// be possible (for testing and benchmarking the optimizer).
        #[arg(long)]
        planted: bool,
    },
}

/// Options of every command that plans a week.
#[derive(Debug, clap::Args)]
pub struct RunArgs {
    /// Solver time limit in seconds, per solve (overrides plan.toml).
    #[arg(long)]
    pub time_limit: Option<f64>,
    /// Write `;`-separated CSV with decimal commas and a BOM, for Finnish Excel.
    #[arg(long)]
    pub finnish_csv: bool,
    /// Also write roster.xlsx: a sheet per output table and a printable week per worker.
    #[arg(long)]
    pub xlsx: bool,
}

/// A failed command and the exit status it means.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// Invalid input: exit 2.
    #[error("{0}")]
    Input(InputErrors),
    /// Invalid usage: exit 2.
    #[error("{0}")]
    Usage(String),
    /// Anything else: exit 1.
    #[error("{0}")]
    Failure(String),
    /// Whoever read stdout closed it (`caseload plan … | head`): ends quietly, exit 0.
    #[error("")]
    ClosedPipe,
    /// `evaluate`: the given roster breaks rules (listed on stdout): exit 3.
    #[error("caseload: the roster breaks {0} rule(s), listed above.")]
    RulesBroken(usize),
}

impl CliError {
    pub fn exit_code(&self) -> i32 {
        match self {
            CliError::Input(_) | CliError::Usage(_) => 2,
            CliError::Failure(_) => 1,
            CliError::ClosedPipe => 0,
            CliError::RulesBroken(_) => 3,
        }
    }
}

impl From<FolderError> for CliError {
    fn from(e: FolderError) -> Self {
        if e.is_usage() {
            CliError::Usage(e.to_string())
        } else {
            CliError::Failure(e.to_string())
        }
    }
}

/// Writes `text` to stdout as ripgrep does: a closed pipe ends the command quietly, any other
/// failure (a full disk) is exit 1 — saying whether the outputs were already written.
pub fn print_out(text: &str) -> Result<(), CliError> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Err(CliError::ClosedPipe),
        Err(e) => Err(CliError::Failure(format!(
            "caseload: could not write to stdout: {e}.{}",
            if crate::io::folder::wrote_any() {
                " The output folder was written whole all the same."
            } else {
                ""
            }
        ))),
    }
}

/// Progress messages on stderr, only for people watching a terminal.
pub struct Progress {
    on: bool,
}

impl Progress {
    pub fn new(quiet: bool) -> Self {
        Progress {
            on: !quiet && std::io::stderr().is_terminal(),
        }
    }

    pub fn say(&self, msg: &str) {
        if self.on {
            let _ = writeln!(std::io::stderr(), "caseload: {msg}");
        }
    }
}

pub fn run(cli: Cli) -> Result<(), CliError> {
    let progress = Progress::new(cli.quiet);
    match cli.command {
        Command::Plan {
            plan_dir,
            out,
            previous,
            run,
        } => {
            let out = out.unwrap_or_else(|| plan_dir.join("out"));
            plan(&plan_dir, &out, previous.as_deref(), &run, &progress)
        }
        Command::Replan {
            plan_dir,
            roster,
            from,
            out,
            run,
        } => {
            let out = out.unwrap_or_else(|| plan_dir.join("replan"));
            replan::replan(&plan_dir, &roster, &from, &out, &run, &progress)
        }
        Command::Check { plan_dir } => check(&plan_dir),
        Command::Month {
            month,
            week_out_dirs,
            out,
            finnish_csv,
        } => month::month(
            &month,
            &week_out_dirs,
            out.as_deref(),
            finnish_csv,
            &progress,
        ),
        Command::Evaluate { plan_dir, roster } => evaluate::evaluate(&plan_dir, &roster),
        Command::Init { dir, csv, week } => init(&dir, csv, week.as_deref()),
        Command::Whatif {
            plan_dir,
            scenarios,
            out,
            jobs,
            run,
        } => {
            let out = out.unwrap_or_else(|| plan_dir.join("whatif"));
            let jobs = jobs_or_cores(jobs)?;
            let mut p = load(&plan_dir)?;
            set_run_options(&mut p, &run)?;
            let week = crate::solve::week(p);
            let out = Target::prepare(&out, FolderKind::Whatif, Some(&plan_dir))?;
            whatif::whatif(&week, &scenarios, &out, jobs, &progress)
        }
        Command::Capacity {
            plan_dir,
            like,
            max,
            out,
            jobs,
            run,
        } => {
            let out = out.unwrap_or_else(|| plan_dir.join("capacity"));
            let jobs = jobs_or_cores(jobs)?;
            let mut p = load(&plan_dir)?;
            set_run_options(&mut p, &run)?;
            let week = crate::solve::week(p);
            let out = Target::prepare(&out, FolderKind::Capacity, Some(&plan_dir))?;
            whatif::capacity(&week, &like, max, &out, jobs, &progress)
        }
        Command::Generate {
            out_dir,
            workers,
            families,
            seed,
            load,
            week,
            planted,
        } => generate(&out_dir, workers, families, seed, load, &week, planted),
    }
}

fn load(plan_dir: &Path) -> Result<Problem, CliError> {
    if !plan_dir.is_dir() {
        return Err(CliError::Usage(format!(
            "{}: expected a plan folder with plan.toml and the CSV files (or plan.xlsx); no such folder.",
            plan_dir.display()
        )));
    }
    let p = load_plan(plan_dir).map_err(CliError::Input)?;
    // Columns (and sheets) the contract does not know are read past, never silently: one line
    // per table (and workbook).
    let kinds = [
        (
            &p.ignored.columns,
            "ignored column(s) not in the input contract",
        ),
        (
            &p.ignored.sheets,
            "ignored sheet(s) that are no table of a plan",
        ),
        (
            &p.ignored.very_hidden,
            "read very hidden sheet(s), which Excel lists nowhere (unhide them with a macro, or delete them if their rows are not meant for the plan)",
        ),
    ];
    for (of, what) in kinds {
        for (place, names) in of {
            let shown = crate::report::summary::ignored_list(names, |c| {
                crate::report::text::terminal(c).into_owned()
            });
            let _ = writeln!(
                std::io::stderr(),
                "caseload: warning: {}: {what}: {shown}",
                crate::report::text::terminal(place)
            );
        }
    }
    Ok(p)
}

fn plan(
    plan_dir: &Path,
    out: &Path,
    previous: Option<&Path>,
    run: &RunArgs,
    progress: &Progress,
) -> Result<(), CliError> {
    progress.say(&format!("reading {}", plan_dir.display()));
    let mut p = load(plan_dir)?;
    set_run_options(&mut p, run)?;
    let mut p = crate::solve::week(p);
    let (warm, rhythm) = match previous {
        Some(file) => replan::previous(&mut p, file)?,
        None => (None, String::new()),
    };
    // Before solving: a folder the user owns is refused now, not after the time limit.
    let out = Target::prepare(out, FolderKind::Output, Some(plan_dir))?;
    progress.say(&format!(
        "planning {} workers, {} families, {} meetings",
        p.workers.len(),
        p.families.len(),
        p.meetings.len()
    ));
    let plan = crate::solve::plan_warm(&p, warm, &|msg| progress.say(msg));
    let history = ensure_valid(&p, &plan, "the planned roster")?;
    let (mut files, mut summary) = plan_files(&p, &plan, "", None)?;
    add_to_summary(
        &mut summary,
        &mut files,
        HISTORY_HEADING,
        HISTORY_PARAGRAPH,
        &history,
    );
    out.write(&files)?;
    let rhythm = if rhythm.is_empty() {
        rhythm
    } else {
        let kept = p.reference.as_ref().map_or(0, |r| {
            r.rows.iter().filter(|a| a.kind.is_visit()).count() - r.misses(&plan.roster.activities)
        });
        format!("{rhythm}: {kept} kept\n")
    };
    print_out(&format!(
        "{summary}\n{rhythm}written: {}\n",
        out.shown.display()
    ))
}

/// Files of a folder to write: path inside it, contents.
pub(crate) type Files = Vec<(String, Vec<u8>)>;

/// Every output file of a planned week, named `<prefix><file>`, and the summary text: the
/// report tables, the payroll system's import file of `[payroll] preset` (`payroll_fivaldi.csv`
/// or `payroll_procountor.csv`), `history_next.csv` (next week's `history.csv`), summary.md,
/// report.html and `calendar/<worker>.ics` for each worker with an event; roster.xlsx too when
/// the plan asks for it (`--xlsx`, `[output] xlsx = true`), built from the same tables as the
/// CSV files. `previous` is a replan's previous roster: the calendars cancel its events the plan
/// no longer holds (`report::calendar`).
pub(crate) fn plan_files(
    p: &Week,
    plan: &Plan,
    prefix: &str,
    previous: Option<&crate::model::Roster>,
) -> Result<(Files, String), CliError> {
    let roster = &plan.roster;
    let reports = crate::report::build(p, plan);
    let style = CsvStyle {
        finnish: p.settings.finnish_csv,
    };
    let mut tables = vec![
        &reports.roster,
        &reports.coverage,
        &reports.meetings,
        &reports.utilization,
        &reports.payroll,
    ];
    tables.extend(reports.appointments.as_ref());
    let mut files: Vec<(String, Vec<u8>)> = tables
        .iter()
        .chain([&&reports.history_next])
        .map(|t| (format!("{prefix}{}", t.file), style.render(t)))
        .collect();
    if let Some(f) = crate::report::payroll_presets::import_file(p, roster) {
        let bytes = crate::io::output::render_import(&f.table, f.header);
        files.push((format!("{prefix}{}", f.table.file), bytes));
    }
    if p.settings.xlsx {
        let book = crate::io::xlsx::roster_workbook(p, roster, &tables)
            .map_err(|e| CliError::Failure(format!("caseload: {e}. Nothing was written.")))?;
        files.push((format!("{prefix}roster.xlsx"), book));
    }
    files.push((
        format!("{prefix}summary.md"),
        reports.summary.clone().into_bytes(),
    ));
    files.push((format!("{prefix}report.html"), reports.html.into_bytes()));
    let calendars = crate::report::calendar::calendar_files(p, roster, previous)
        .map_err(|e| CliError::Failure(format!("caseload: {e}. Nothing was written.")))?;
    files.extend(
        calendars
            .into_iter()
            .map(|(name, bytes)| (format!("{prefix}{name}"), bytes)),
    );
    Ok((files, reports.summary))
}

/// Runs the built-in rule checker on a roster before anything is written: a roster that breaks
/// a rule is a bug, reported (exit 1) with the first ten violations, never written — except
/// where history.csv alone breaks the rolling remote cap ([`history_break`]): no roster of the
/// week can mend that, so it is a warning (on stderr; returned for the summary).
pub(crate) fn ensure_valid(p: &Problem, plan: &Plan, what: &str) -> Result<Vec<String>, CliError> {
    let mut violations = crate::check::check_roster(p, &plan.roster);
    violations.extend(crate::check::rule_appointments(
        p,
        &plan.roster,
        &plan.statuses,
    ));
    let warnings: Vec<String> = violations.iter().filter_map(history_break).collect();
    violations.retain(|v| history_break(v).is_none());
    if !violations.is_empty() {
        return Err(internal_error(what, &violations));
    }
    for w in &warnings {
        let _ = writeln!(
            std::io::stderr(),
            "caseload: warning: {}",
            crate::report::text::terminal(w)
        );
    }
    Ok(warnings)
}

/// A violation no roster of the week can avoid because it is the weeks before's: the rolling
/// remote cap (rule 6 with history.csv) broken while the week holds no remote session of the
/// family (the check names none), so history.csv's remote hours alone break it (a cap lowered
/// since, or history written under another cap). The planner adds no remote session for the
/// family then (every session passes the rolling cap). The warning line, or `None`.
pub(crate) fn history_break(v: &crate::check::Violation) -> Option<String> {
    (v.rule == crate::check::Rule::RemoteCap && v.rows.is_empty()).then(|| {
        let rule = crate::report::reasons::broken_rule(
            v.rule,
            &format!(
                "{} over the four weeks with history.csv's remote hours",
                v.message
            ),
        );
        format!(
            "history.csv: {rule}, which this week cannot undo; it adds no remote session for the family"
        )
    })
}

/// Puts a section (`## heading`, a paragraph, one item per line) into the summary before its
/// `result:` line, and into the summary.md of `files`.
pub(crate) fn add_to_summary(
    summary: &mut String,
    files: &mut Files,
    heading: &str,
    paragraph: &str,
    lines: &[String],
) {
    if lines.is_empty() {
        return;
    }
    let section = format!(
        "## {heading}\n\n{paragraph}\n\n{}\n",
        lines
            .iter()
            .map(|l| format!("- {}\n", crate::report::text::markdown(l)))
            .collect::<String>()
    );
    match summary.rfind("\nresult: ") {
        Some(i) => summary.insert_str(i + 1, &section),
        None => summary.push_str(&section),
    }
    if let Some((_, bytes)) = files.iter_mut().find(|(name, _)| name == "summary.md") {
        *bytes = summary.clone().into_bytes();
    }
}

/// The heading and paragraph of [`ensure_valid`]'s warnings in the summary.
pub(crate) const HISTORY_HEADING: &str = "Remote cap broken by history.csv";
pub(crate) const HISTORY_PARAGRAPH: &str = "The remote hours of the weeks before (history.csv) alone exceed the family's remote cap over the rolling four weeks; no roster of this week can undo that, and this week adds no remote session for the family.";

/// A roster that breaks rules no input explains: a bug, exit 1, with the first ten violations.
pub(crate) fn internal_error(what: &str, violations: &[crate::check::Violation]) -> CliError {
    let list: Vec<String> = violations.iter().take(10).map(|v| v.to_string()).collect();
    CliError::Failure(format!(
        "Internal error: {what} breaks {} rule(s); nothing was written. Please report this with the plan folder (and the scenarios file, if any).\n{}",
        violations.len(),
        list.join("\n")
    ))
}

/// `--time-limit`, `--finnish-csv` and `--xlsx` over the plan's own settings.
fn set_run_options(p: &mut Problem, run: &RunArgs) -> Result<(), CliError> {
    if let Some(t) = run.time_limit {
        if !(t > 0.0 && t <= 86_400.0) {
            return Err(CliError::Usage(format!(
                "--time-limit {t}: expected a positive number of seconds, at most 86400 (a day), as in plan.toml."
            )));
        }
        p.settings.time_limit_seconds = t;
    }
    p.settings.finnish_csv |= run.finnish_csv;
    p.settings.xlsx |= run.xlsx;
    Ok(())
}

/// `--jobs` (1 to [`crate::whatif::MAX_JOBS`]), or the number of cores up to that.
fn jobs_or_cores(jobs: Option<usize>) -> Result<usize, CliError> {
    let max = crate::whatif::MAX_JOBS;
    match jobs {
        Some(j) if j == 0 || j > max => Err(CliError::Usage(format!(
            "--jobs {j}: expected 1 to {max} solves at a time (the number of cores is usually best)."
        ))),
        Some(j) => Ok(j),
        None => Ok(std::thread::available_parallelism().map_or(1, |n| n.get().min(max))),
    }
}

fn check(plan_dir: &Path) -> Result<(), CliError> {
    let p = load(plan_dir)?;
    print_out(&format!(
        "ok: {} plan for {} ({} to {}): {} workers, {} families, {} locations, {} rooms, {} meetings, {} availability exceptions, {} history rows, travel by {}; demand {:.2} h.\n",
        plan_dir.display(),
        p.settings.week,
        p.settings.week.date(0),
        p.settings.week.date(6),
        p.workers.len(),
        p.families.len(),
        p.locations.len(),
        p.rooms.len(),
        p.meetings.len(),
        p.exceptions.len(),
        p.history.len(),
        if p.road_edges.is_some() {
            "road network (travel.csv)"
        } else {
            "straight-line distance"
        },
        p.demand_hours()
    ))
}

/// `caseload init`: the starter folder of [`crate::io::template`], written atomically into a
/// new or empty folder only.
fn init(dir: &Path, csv: bool, week: Option<&str>) -> Result<(), CliError> {
    let week = match week {
        Some(w) => crate::io::fields::parse_iso_week(w)
            .map_err(|e| CliError::Usage(format!("--week {w}: expected {e}.")))?,
        None => {
            let today = chrono::Local::now().date_naive();
            crate::io::template::next_week(today)
                .filter(|w| crate::model::calendar::SUPPORTED_YEARS.contains(&w.year))
                .ok_or_else(|| {
                    CliError::Usage(format!(
                        "the week after today ({today}) is outside the years caseload plans (2000-2100); give --week."
                    ))
                })?
        }
    };
    let target = Target::prepare(dir, FolderKind::Template, None)?;
    let files = crate::io::template::files(week, csv)
        .map_err(|e| CliError::Failure(format!("caseload: {e}. Nothing was written.")))?;
    target.write(&files)?;
    let tables = if csv {
        "workers.csv, families.csv, locations.csv, meetings.csv, rooms.csv, availability.csv, travel.csv and history.csv, with notes.csv"
    } else {
        "plan.xlsx (a sheet per table, and a notes sheet)"
    };
    print_out(&format!(
        "wrote {}: plan.toml for {week} ({} to {}) and {tables}, each table with an example row.
Replace the examples with the team's own rows (the notes say what each column holds), then run `caseload check {}` and `caseload plan {}`.
",
        dir.display(),
        week.date(0),
        week.date(6),
        dir.display(),
        dir.display()
    ))
}

fn generate(
    out: &Path,
    workers: usize,
    families: usize,
    seed: u64,
    load: f64,
    week: &str,
    planted: bool,
) -> Result<(), CliError> {
    if workers == 0 || workers > 5000 || families > 50_000 {
        return Err(CliError::Usage(
            "--workers: expected 1 to 5000 workers; --families: expected at most 50000.".into(),
        ));
    }
    if !(load > 0.0 && load <= 5.0) {
        return Err(CliError::Usage(format!(
            "--load {load}: expected a share above 0 and at most 5."
        )));
    }
    let week = crate::io::fields::parse_iso_week(week)
        .map_err(|e| CliError::Usage(format!("--week {week}: expected {e}.")))?;
    let mut o = crate::generate::GenOptions::new(workers, families, seed);
    o.load = load;
    o.week = week;
    let target = Target::prepare(out, FolderKind::Plan, None)?;
    let (p, planted_travel) = if planted {
        let (p, roster) = crate::generate::planted(&o);
        let travel: f64 = roster
            .activities
            .iter()
            .filter(|a| a.kind == crate::model::ActivityKind::Travel)
            .map(|a| a.hours())
            .sum();
        (p, Some(travel))
    } else {
        (crate::generate::generate(&o), None)
    };
    target.write(&crate::io::write_plan::plan_files(&p, ""))?;
    let mut text = String::new();
    if let Some(t) = planted_travel {
        text.push_str(&format!(
            "planted: a roster with full coverage exists with {t:.2} h of travel\n"
        ));
    }
    text.push_str(&format!(
        "wrote {}: {} workers, {} families, {} meetings, demand {:.1} h, seed {seed}\n",
        out.display(),
        p.workers.len(),
        p.families.len(),
        p.meetings.len(),
        p.demand_hours()
    ));
    print_out(&text)
}
