//! Issue 26 item 10: input as Finnish people type it — `ma-pe 8-16`, `20 %`, `7,5 h` — and CSV
//! files saved by Finnish Excel in Windows-1252, through the built binary on the small plan.

mod common;

use caseload::io::load_plan;
use common::{caseload, plan_of, small_plan};
use std::path::Path;

/// `text` as Finnish Excel's "CSV (semicolon separated)" saves it: Windows-1252.
fn windows_1252(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
    assert!(!unmappable, "{text:?} is not all Windows-1252");
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "the fixture must not be UTF-8"
    );
    bytes.into_owned()
}

const LOCATIONS: &str = "\
id;name;lat;lon
U1;Toimisto Pöllölä;66,5030;25,7290
L1;Koti 1;66,5100;25,7000
L2;Koti 2;66,4800;25,7500
L3;Koti 3;66,5300;25,6500
";

/// The small plan's workers as a Finnish team lead types them.
const WORKERS: &str = "\
id;name;skills;contract_hours;capacity_hours;available;base;hourly_wage
W01;Anna Hämäläinen;supervision|swedish;38,25 h;;ma-pe 8-16;U1;21,5
W02;Mikko Löfgren;supervision;38,25;;MA-PE 10-18|la 9.00-15;U1;
W03;Sanna Mäki;;30 h;28 h;ma-to 8-16.00;U1;20
";

const FAMILIES: &str = "\
id;service;weekly_hours;location;available;min_visits;max_visits;visit_minutes;remote_minutes;remote_max_share;joint_visits;primary_worker;required_skills;excluded_workers
F001;family_rehab_home;6 h;L1;;2;4;60-180;15-60;;0;W01;;
F002;lape_open_rehab;5;L2;ma-pe 9-17;1;3;90-150;15-60;10 %;1;W02;;W03
F003;family_work;3,0 h;L3;;1;3;60-120;15-60;20%;0;;swedish;
";

const HISTORY: &str = "\
family_id;week;in_person_hours;remote_hours
F001;2026-W48;5,5 h;0,5 h
";

/// The small plan with workers, families, locations and history typed the Finnish way:
/// locations.csv and workers.csv in Windows-1252 (they hold ä and ö), families.csv and
/// history.csv in UTF-8 (all ASCII).
fn finnish_plan() -> tempfile::TempDir {
    let dir = small_plan();
    let d = dir.path();
    std::fs::write(d.join("locations.csv"), windows_1252(LOCATIONS)).unwrap();
    std::fs::write(d.join("workers.csv"), windows_1252(WORKERS)).unwrap();
    std::fs::write(d.join("families.csv"), FAMILIES).unwrap();
    std::fs::write(d.join("history.csv"), HISTORY).unwrap();
    dir
}

const NOTE: &str =
    "not UTF-8, read as Windows-1252 (as Excel's \"CSV (semicolon separated)\" saves it)";

#[test]
fn a_plan_typed_the_finnish_way_reads_as_the_same_plan_with_one_note_per_file() {
    let english = small_plan();
    let finnish = finnish_plan();
    let e = caseload(english.path(), &["check", "."]);
    e.expect_code(0);
    let f = caseload(finnish.path(), &["check", "."]);
    f.expect_code(0);
    // The same week, counts and demand: every Finnish form read as its English twin.
    assert_eq!(f.stdout(), e.stdout(), "{}", f.context());
    assert_eq!(
        f.stdout(),
        "ok: . plan for 2026-W49 (2026-11-30 to 2026-12-06): 3 workers, 3 families, 4 locations, 1 rooms, 3 meetings, 2 availability exceptions, 1 history rows, travel by straight-line distance; demand 14.00 h.\n"
    );
    assert_eq!(e.stderr(), "");
    // One line per file read as Windows-1252, naming it and the encoding; none for UTF-8 files.
    assert_eq!(
        f.stderr(),
        format!("caseload: note: locations.csv: {NOTE}\ncaseload: note: workers.csv: {NOTE}\n"),
        "{}",
        f.context()
    );

    let (pe, pf) = (
        load_plan(english.path()).unwrap(),
        load_plan(finnish.path()).unwrap(),
    );
    let names: Vec<&str> = pf.workers.iter().map(|w| w.name.as_str()).collect();
    assert_eq!(names, ["Anna Hämäläinen", "Mikko Löfgren", "Sanna Mäki"]);
    assert_eq!(pf.locations[0].name, "Toimisto Pöllölä");
    for (a, b) in pe.workers.iter().zip(&pf.workers) {
        assert_eq!(
            (&a.available, a.contract_hours, a.capacity_hours),
            (&b.available, b.contract_hours, b.capacity_hours),
            "{}",
            a.id
        );
    }
    assert_eq!(pe.worker_windows, pf.worker_windows);
    let families: Vec<(f64, Option<f64>)> = pf
        .families
        .iter()
        .map(|f| (f.weekly_hours, f.remote_max_share))
        .collect();
    assert_eq!(families, [(6.0, None), (5.0, Some(0.1)), (3.0, Some(0.2))]);
    assert_eq!(pe.families[1].available, pf.families[1].available);
    assert_eq!(
        (pf.history[0].in_person_hours, pf.history[0].remote_hours),
        (5.5, 0.5)
    );
}

#[test]
fn the_finnish_plan_plans() {
    let dir = finnish_plan();
    let run = caseload(
        dir.path(),
        &["plan", ".", "--out", "out", "--time-limit", "2", "--quiet"],
    );
    run.expect_code(0);
    assert_eq!(
        run.stderr(),
        format!("caseload: note: locations.csv: {NOTE}\ncaseload: note: workers.csv: {NOTE}\n")
    );
    let roster = std::fs::read_to_string(dir.path().join("out/roster.csv")).unwrap();
    assert!(roster.lines().count() > 1, "{roster}");
}

/// Rewrites line `line` of a Windows-1252 `file` with `text`.
fn set_line_1252(dir: &Path, file: &str, all: &str, line: usize, text: &str) {
    let lines: Vec<&str> = all
        .lines()
        .enumerate()
        .map(|(i, l)| if i + 1 == line { text } else { l })
        .collect();
    std::fs::write(dir.join(file), windows_1252(&(lines.join("\n") + "\n"))).unwrap();
}

#[test]
fn a_bad_finnish_value_names_file_line_column_what_was_found_and_what_was_expected() {
    let dir = finnish_plan();
    let d = dir.path();
    // A day that is no day (in a Windows-1252 file: the ä comes out right in the message).
    set_line_1252(
        d,
        "workers.csv",
        WORKERS,
        3,
        "W02;Mikko Löfgren;supervision;38,25;;ma-pä 10-18;U1;",
    );
    std::fs::write(
        d.join("families.csv"),
        FAMILIES
            .replace(
                "F001;family_rehab_home;6 h;",
                "F001;family_rehab_home;6 tuntia;",
            )
            .replace(";10 %;", ";120 %;")
            .replace(";20%;", ";20 h;"),
    )
    .unwrap();
    let run = caseload(d, &["check", "."]);
    run.expect_code(2);
    let errors: Vec<String> = run
        .stderr()
        .lines()
        .filter(|l| l.contains("error["))
        .map(str::to_string)
        .collect();
    assert_eq!(
        errors,
        [
            "workers.csv:3: error[E012 bad-pattern] column \"available\": found \"ma-pä 10-18\", expected a weekly pattern of rules \"DAYS HH:MM-HH:MM\" joined by |, e.g. \"Mon-Fri 08:00-16:00|Sat 10:00-14:00\" (days also in Finnish: ma ti ke to pe la su; times also as 8.00-16.00 or 8-16)",
            "families.csv:2: error[E009 bad-number] column \"weekly_hours\": found \"6 tuntia\", expected agreed worker-hours this week from 0 to 100 such as 6,5",
            "families.csv:3: error[E015 out-of-range] column \"remote_max_share\": found \"120 %\", expected a share between 0 and 1 such as 0,20, or a percentage from 0 % to 100 % such as 20 % (or empty for the plan's cap)",
            "families.csv:4: error[E009 bad-number] column \"remote_max_share\": found \"20 h\", expected a share between 0 and 1 such as 0,20, or a percentage from 0 % to 100 % such as 20 % (or empty for the plan's cap)",
        ],
        "{}",
        run.context()
    );
    assert!(
        run.stderr()
            .starts_with(&format!("caseload: note: locations.csv: {NOTE}\n")),
        "{}",
        run.context()
    );
}

#[test]
fn plan_toml_names_a_percentage_and_an_hour_unit_with_the_value_it_needs() {
    let dir = plan_of(&[(
        "plan.toml",
        "week = \"2026-W49\"\nremote_max_share = 20 %\nmax_daily_hours = 7,5 h\n",
    )]);
    let run = caseload(dir.path(), &["check", "."]);
    run.expect_code(2);
    assert_eq!(
        run.stderr()
            .lines()
            .filter(|l| l.starts_with("plan.toml"))
            .collect::<Vec<_>>(),
        [
            "plan.toml:2: error[E026 toml-syntax] column \"remote_max_share\": found \"20 %\", expected a share as a plain number (TOML takes no `%`; write 0.2)",
            "plan.toml:3: error[E026 toml-syntax] column \"max_daily_hours\": found \"7,5 h\", expected a number of hours without the unit (TOML takes no `h`; write 7.5)",
        ],
        "{}",
        run.context()
    );
}

#[test]
fn a_utf16_file_is_refused_with_how_to_save_it() {
    let dir = small_plan();
    let text = std::fs::read_to_string(dir.path().join("families.csv")).unwrap();
    let mut bytes = vec![0xff, 0xfe];
    bytes.extend(text.encode_utf16().flat_map(|u| u.to_le_bytes()));
    std::fs::write(dir.path().join("families.csv"), bytes).unwrap();
    let run = caseload(dir.path(), &["check", "."]);
    run.expect_code(2);
    assert!(
        run.stderr().lines().any(|l| l
            == "families.csv:1: error[E003 invalid-utf8]: expected UTF-8 text: this file is UTF-16 (Excel's \"Unicode text\"); save it as \"CSV UTF-8\" or \"CSV (semicolon separated)\""),
        "{}",
        run.context()
    );
}
