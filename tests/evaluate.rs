//! `caseload evaluate PLAN_DIR --roster FILE` through the built binary: a plan's own roster
//! holds every rule and scores the plan's objective; each kind of hand edit that breaks a rule
//! exits 3 naming the rule and the line; a roster that cannot be read exits 2 with its file,
//! line and column. And no roster, however edited, makes the checker or the reports panic.

mod common;

use common::{Run, caseload};
use std::path::Path;

const PLAN_TOML: &str = "week = \"2026-W49\"\nmax_daily_hours = 6.0\n";

const LOCATIONS: &str = "\
id,name,lat,lon
U1,Office,66.5030,25.7290
L1,Home 1,66.5100,25.7000
L2,Home 2,66.4800,25.7500
";

const WORKERS: &str = "\
id,name,skills,contract_hours,capacity_hours,available,base,hourly_wage
W01,Anna K.,supervision,38.25,,Mon-Fri 08:00-18:00,U1,
W02,Mikko L.,,38.25,,Mon-Fri 08:00-16:00,U1,
";

const FAMILIES: &str = "\
id,service,weekly_hours,location,available,min_visits,max_visits,visit_minutes,remote_minutes,remote_max_share,joint_visits,primary_worker,required_skills,excluded_workers
F001,family_work,6,L1,Mon-Fri 08:00-17:00,1,3,60-180,15-60,0.2,0,W01,,W02
F002,family_work,4,L2,,1,3,60-120,15-60,0.5,0,,,
F003,family_work,4,L1,,0,3,60-120,15-60,,0,,,
";

const ROOMS: &str = "id,name,location,available\nR1,Room,U1,\n";

const MEETINGS: &str = "\
id,family_id,kind,date,start,end,room,staff,required_skills
M1,F002,supervised,2026-12-02,13:00,14:00,R1,1,supervision
";

/// A roster that obeys every rule of the plan above; the line numbers are the tests'.
const ROSTER: &str = "\
date,start,end,worker_id,kind,family_id,meeting_id,partner_worker_id,room_id,location_id
2026-11-30,09:00,09:15,W01,travel,,,,,L1
2026-11-30,09:15,12:15,W01,home_visit,F001,,,,L1
2026-11-30,10:00,10:15,W02,travel,,,,,L2
2026-11-30,10:15,12:15,W02,home_visit,F002,,,,L2
2026-11-30,12:15,12:30,W01,travel,,,,,U1
2026-11-30,12:15,12:30,W02,travel,,,,,U1
2026-12-01,13:00,13:30,W01,remote,F001,,,,
2026-12-02,13:00,14:00,W01,supervised,F002,M1,,R1,U1
";

fn plan_with_roster(roster: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan");
    std::fs::create_dir(&plan).unwrap();
    for (name, text) in [
        ("plan.toml", PLAN_TOML),
        ("locations.csv", LOCATIONS),
        ("workers.csv", WORKERS),
        ("families.csv", FAMILIES),
        ("rooms.csv", ROOMS),
        ("meetings.csv", MEETINGS),
    ] {
        std::fs::write(plan.join(name), text).unwrap();
    }
    std::fs::write(dir.path().join("roster.csv"), roster).unwrap();
    dir
}

fn evaluate(dir: &Path) -> Run {
    caseload(dir, &["evaluate", "plan", "--roster", "roster.csv"])
}

/// The roster with 1-based line `n` replaced by `text` (an empty text leaves a blank line).
fn edited(edits: &[(usize, &str)], appended: &[&str]) -> String {
    let mut lines: Vec<String> = ROSTER.lines().map(str::to_string).collect();
    for (n, text) in edits {
        lines[n - 1] = text.to_string();
    }
    lines.extend(appended.iter().map(|s| s.to_string()));
    lines.join("\n") + "\n"
}

/// The `objective=` of the `result:` line.
fn objective(stdout: &str) -> String {
    let line = stdout
        .lines()
        .find(|l| l.starts_with("result: "))
        .unwrap_or_else(|| panic!("no result line in:\n{stdout}"));
    line.split_whitespace()
        .find_map(|w| w.strip_prefix("objective="))
        .unwrap()
        .to_string()
}

#[test]
fn the_hand_made_roster_holds_every_rule() {
    let dir = plan_with_roster(ROSTER);
    let run = evaluate(dir.path());
    run.expect_code(0);
    let out = run.stdout();
    assert!(
        out.contains("## Rules: every rule holds"),
        "{}",
        run.context()
    );
    assert!(
        out.contains("\nresult: status=evaluated objective="),
        "{}",
        run.context()
    );
    assert!(out.contains(" bound=n/a gap=n/a "), "{}", run.context());
    for term in [
        "uncovered_meeting",
        "shortfall_hour",
        "travel_hour",
        "weekend_hour",
        "total",
    ] {
        assert!(
            out.contains(&format!("\n{term} ")),
            "{term}\n{}",
            run.context()
        );
    }
    // The same roster as Finnish Excel saves it: `;`, a BOM, Finnish dates and times.
    let finnish = ROSTER
        .replace(',', ";")
        .replace("2026-11-30", "30.11.2026")
        .replace("2026-12-02", "2.12.2026")
        .replace("09:", "9.")
        .replace(':', ".");
    std::fs::write(dir.path().join("roster.csv"), format!("\u{feff}{finnish}")).unwrap();
    let again = evaluate(dir.path());
    again.expect_code(0);
    assert_eq!(objective(&again.stdout()), objective(&out));
    // Nothing is written: the folder holds what it held.
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["plan", "roster.csv"]);
    assert_eq!(
        std::fs::read_dir(dir.path().join("plan")).unwrap().count(),
        6
    );
}

#[test]
fn each_broken_rule_exits_3_naming_its_rule_and_line() {
    struct Case {
        what: &'static str,
        roster: String,
        label: &'static str,
        /// The line the violation starts with, and a line it lists too.
        line: usize,
        also: Option<usize>,
    }
    let case = |what, roster, label, line, also| Case {
        what,
        roster,
        label,
        line,
        also,
    };
    let cases = [
        case(
            "an overlap: a remote session during a visit",
            edited(&[], &["2026-11-30,11:00,12:00,W01,remote,F002,,,,"]),
            "2-overlap",
            3,
            Some(10),
        ),
        case(
            "a visit outside the worker's windows: W02's Monday moved to Saturday",
            edited(
                &[
                    (4, "2026-12-05,10:00,10:15,W02,travel,,,,,L2"),
                    (5, "2026-12-05,10:15,12:15,W02,home_visit,F002,,,,L2"),
                    (7, "2026-12-05,12:15,12:30,W02,travel,,,,,U1"),
                ],
                &[],
            ),
            "1-windows",
            5,
            None,
        ),
        case(
            "a missing travel row: W01 never drives to L1",
            edited(&[(2, "")], &[]),
            "3-travel",
            3,
            None,
        ),
        case(
            "a visit of an excluded worker: W02 visits F001 on Tuesday",
            edited(
                &[
                    (4, "2026-12-01,10:00,10:15,W02,travel,,,,,L1"),
                    (5, "2026-12-01,10:15,12:15,W02,home_visit,F001,,,,L1"),
                    (7, "2026-12-01,12:15,12:30,W02,travel,,,,,U1"),
                ],
                &[],
            ),
            "8-skills",
            5,
            None,
        ),
        case(
            "a remote session over the cap: F001's call lasts an hour",
            edited(&[(8, "2026-12-01,13:00,14:00,W01,remote,F001,,,,")], &[]),
            "6-remote-cap",
            8,
            None,
        ),
        case(
            "two visits of a family on one day: W01 visits F002 too",
            edited(
                &[],
                &[
                    "2026-11-30,14:00,14:15,W01,travel,,,,,L2",
                    "2026-11-30,14:15,15:15,W01,home_visit,F002,,,,L2",
                    "2026-11-30,15:15,15:30,W01,travel,,,,,U1",
                ],
            ),
            "7-per-day",
            5,
            Some(11),
        ),
        case(
            "a meeting with a worker without its skill: W02 supervises M1",
            edited(
                &[(9, "2026-12-02,13:00,14:00,W02,supervised,F002,M1,,R1,U1")],
                &[],
            ),
            "8-skills",
            9,
            None,
        ),
        case(
            "daily hours over the max: W01 visits F003 on Monday afternoon too",
            edited(
                &[],
                &[
                    "2026-11-30,13:00,13:45,W01,travel,,,,,L1",
                    "2026-11-30,13:45,15:45,W01,home_visit,F003,,,,L1",
                    "2026-11-30,15:45,16:00,W01,travel,,,,,U1",
                ],
            ),
            "4-daily",
            2,
            Some(11),
        ),
    ];
    for c in &cases {
        let dir = plan_with_roster(&c.roster);
        let run = evaluate(dir.path());
        assert_eq!(
            run.out.status.code(),
            Some(3),
            "{}:\n{}",
            c.what,
            run.context()
        );
        let out = run.stdout();
        let start = format!("roster.csv:{}: [{}] ", c.line, c.label);
        let found = out.lines().find(|l| l.starts_with(&start));
        let Some(found) = found else {
            panic!("{}: no line starting {start:?}\n{}", c.what, run.context());
        };
        if let Some(also) = c.also {
            assert!(
                found.contains(&format!(", {also}")) || found.contains(&format!(" {also})")),
                "{}: {found:?} does not list line {also}",
                c.what
            );
        }
        assert!(
            out.contains("## Rules: ") && out.contains(" broken\n"),
            "{}",
            run.context()
        );
        assert!(
            out.contains("\nresult: status=evaluated "),
            "{}",
            run.context()
        );
        assert!(
            run.stderr().contains("rule(s), listed above"),
            "{}",
            run.context()
        );
    }
}

#[test]
fn a_roster_that_cannot_be_read_exits_2_with_file_line_and_column() {
    let roster = edited(
        &[
            (3, "2026-11-30,09:15,25:00,W01,home_visit,F001,,,,L1"),
            (4, "2026-11-30,10:00,10:15,W9,travel,,,,,L2"),
            (9, "2026-12-02,13:00,14:00,W01,supervised,F002,M7,,R1,U1"),
        ],
        &["2026-12-09,10:00,11:00,W01,remote,F002,,,,"],
    );
    let dir = plan_with_roster(&roster);
    let run = evaluate(dir.path());
    run.expect_code(2);
    let err = run.stderr();
    for needle in [
        "roster.csv:3: error[E010 bad-time] column \"end\": found \"25:00\"",
        "roster.csv:4: error[E020 unknown-worker] column \"worker_id\": found \"W9\"",
        "roster.csv:9: error[E046 unknown-meeting] column \"meeting_id\": found \"M7\"",
        "roster.csv:10: error[E017 outside-week] column \"date\": found \"2026-12-09\"",
        "4 problem(s) found in the input",
    ] {
        assert!(
            err.contains(needle),
            "missing {needle:?}\n{}",
            run.context()
        );
    }
    assert!(run.stdout().is_empty(), "{}", run.context());
    // A value the row's kind does not use.
    let dir = plan_with_roster(&edited(
        &[(2, "2026-11-30,09:00,09:15,W01,travel,F001,,,,L1")],
        &[],
    ));
    let run = evaluate(dir.path());
    run.expect_code(2);
    assert!(
        run.stderr().contains(
            "roster.csv:2: error[E047 kind-mismatch] column \"family_id\": found \"F001\""
        ),
        "{}",
        run.context()
    );
    // No roster file, a folder for a roster, a plan that does not read.
    let dir = plan_with_roster(ROSTER);
    let run = caseload(dir.path(), &["evaluate", "plan", "--roster", "none.csv"]);
    run.expect_code(2);
    assert!(
        run.stderr().contains("none.csv: error[E001 missing-file]"),
        "{}",
        run.context()
    );
    let run = caseload(dir.path(), &["evaluate", "plan", "--roster", "plan"]);
    run.expect_code(2);
    assert!(
        run.stderr().contains("error[E035 not-a-regular-file]"),
        "{}",
        run.context()
    );
    common::replace(
        &dir.path().join("plan"),
        "workers.csv",
        "38.25,,Mon",
        "lots,,Mon",
    );
    let run = evaluate(dir.path());
    run.expect_code(2);
    assert!(
        run.stderr()
            .contains("workers.csv:2: error[E009 bad-number]"),
        "{}",
        run.context()
    );
}

#[test]
fn a_planned_roster_holds_every_rule_and_scores_the_plans_objective() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    caseload(
        d,
        &[
            "generate",
            "team",
            "--workers",
            "8",
            "--families",
            "24",
            "--seed",
            "5",
        ],
    )
    .expect_code(0);
    for (out, finnish) in [("out", false), ("fi", true)] {
        let mut args = vec!["plan", "team", "--out", out, "--time-limit", "2"];
        if finnish {
            args.push("--finnish-csv");
        }
        let plan = caseload(d, &args);
        plan.expect_code(0);
        let roster = format!("{out}/roster.csv");
        let run = caseload(d, &["evaluate", "team", "--roster", &roster]);
        run.expect_code(0);
        assert_eq!(
            objective(&run.stdout()),
            objective(&plan.stdout()),
            "evaluate's objective is the plan's\n{}\n{}",
            plan.context(),
            run.context()
        );
    }
}

/// A small deterministic generator (no test needs a crate for this).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

#[test]
fn no_edit_of_a_roster_makes_the_checker_or_the_reports_panic() {
    use caseload::io::roster::read_roster;
    use caseload::report::{coverage, summary, utilization};
    let dir = plan_with_roster(ROSTER);
    let p = caseload::model::Week::new(caseload::io::load_plan(&dir.path().join("plan")).unwrap());
    let pool = [
        "",
        "W01",
        "W02",
        "F001",
        "F002",
        "F003",
        "M1",
        "R1",
        "U1",
        "L1",
        "L2",
        "home_visit",
        "joint_visit",
        "remote",
        "supervised",
        "supported",
        "exchange",
        "travel",
        "break",
        "2026-11-30",
        "2026-12-01",
        "2026-12-06",
        "00:00",
        "08:00",
        "09:15",
        "12:15",
        "13:00",
        "23:59",
        "24:00",
    ];
    let mut rng = Lcg(7);
    let (mut read, mut broken) = (0, 0);
    let lines: Vec<&str> = ROSTER.lines().collect();
    // (1200 edits: since exact copies of a row are refused when read, fewer edits read.)
    for _ in 0..1200 {
        let mut rows: Vec<Vec<String>> = lines
            .iter()
            .map(|l| l.split(',').map(str::to_string).collect())
            .collect();
        for _ in 0..1 + rng.next(4) {
            match rng.next(5) {
                // Copy a row to another worker (a second joint row) or time (a double
                // booking) — an exact copy is refused when read, E051 — or drop one.
                0 => {
                    let mut r = rows[1 + rng.next(rows.len() - 1)].clone();
                    if rng.next(2) == 0 {
                        r[3] = if r[3] == "W01" { "W02" } else { "W01" }.to_string();
                    } else {
                        r[1] = pool[rng.next(pool.len())].to_string();
                    }
                    rows.push(r);
                }
                1 if rows.len() > 2 => {
                    let i = 1 + rng.next(rows.len() - 1);
                    rows.remove(i);
                }
                _ => {
                    let i = 1 + rng.next(rows.len() - 1);
                    let c = rng.next(10);
                    rows[i][c] = pool[rng.next(pool.len())].to_string();
                }
            }
        }
        let text: String = rows.iter().map(|r| r.join(",") + "\n").collect();
        let path = dir.path().join("edited.csv");
        std::fs::write(&path, &text).unwrap();
        let Ok((r, map)) = read_roster(&p, &path) else {
            continue;
        };
        read += 1;
        assert_eq!(map.lines.len(), r.activities.len());
        let v = caseload::check::check_roster(&p, &r);
        broken += usize::from(!v.is_empty());
        assert!(
            v.iter()
                .all(|v| v.rows.iter().all(|&i| i < r.activities.len()))
        );
        let terms = caseload::solve::objective::terms(&p, &r);
        let info = caseload::model::SolveInfo::evaluated(terms.value(&p), 0.01);
        let s = summary::summary(
            &p,
            "plan",
            &info,
            &coverage::family_rows(&p, &r),
            &coverage::meeting_rows(&p, &r),
            &utilization::worker_rows(&p, &r),
        );
        assert!(s.contains("result: status=evaluated"));
        let _ = caseload::report::build(
            &p,
            &caseload::solve::pins::plan_of(&p, r.clone(), info.clone()),
        );
    }
    assert!(read >= 150 && broken >= 100, "read {read}, broken {broken}");
}
