//! The team lead's spreadsheet as it is (issue 14): plans typed in Finnish Excel (dates
//! `1.12.2026`, times `8.30`, `;` and decimal commas), unknown and misspelt columns, errors that
//! say how to fix the value, and plans given as an Excel workbook.

mod common;

use common::{Run, caseload, generated_plan};
use std::path::Path;

/// A generated plan small enough that the MIP finishes (so the roster does not depend on the
/// machine's speed).
fn small_generated() -> (tempfile::TempDir, std::path::PathBuf) {
    generated_plan(4, 10, 3, 0.7)
}

/// A time `HH:MM` as Finnish Excel writes it (`8.30`); an end of `24:00` as `0.00`.
fn finnish_time(t: &str, end: bool) -> String {
    if end && t == "24:00" {
        return "0.00".into();
    }
    let (h, m) = t.split_once(':').unwrap_or_else(|| panic!("a time: {t:?}"));
    let h: u32 = h.parse().expect("hours");
    format!("{h}.{m}")
}

/// A date `YYYY-MM-DD` as `D.M.YYYY` (or `DD.MM.YYYY` when `padded`).
fn finnish_date(d: &str, padded: bool) -> String {
    let date = chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").expect("an ISO date");
    if padded {
        date.format("%d.%m.%Y").to_string()
    } else {
        date.format("%-d.%-m.%Y").to_string()
    }
}

/// A weekly pattern with Finnish times (`Mon-Fri 8.00-16.00`).
fn finnish_pattern(p: &str) -> String {
    p.split('|')
        .map(|rule| {
            let (days, span) = rule.rsplit_once(' ').expect("DAYS HH:MM-HH:MM");
            let (a, b) = span.split_once('-').expect("a span");
            format!(
                "{days} {}-{}",
                finnish_time(a, false),
                finnish_time(b, true)
            )
        })
        .collect::<Vec<_>>()
        .join("|")
}

/// Rewrites every CSV file of `dir` as Finnish Excel saves it: a BOM, `;`, CRLF, decimal
/// commas, dates `D.M.YYYY` (every other row `DD.MM.YYYY`) and times `H.MM`, ends at midnight
/// as `0.00`.
fn to_finnish_excel(dir: &Path) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("csv") {
            continue;
        }
        let mut reader = csv::Reader::from_path(&path).unwrap();
        let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
        let mut out = csv::WriterBuilder::new()
            .delimiter(b';')
            .terminator(csv::Terminator::CRLF)
            .from_writer(Vec::new());
        out.write_record(&headers).unwrap();
        for (i, record) in reader.records().enumerate() {
            let record = record.unwrap();
            let fields: Vec<String> = record
                .iter()
                .zip(&headers)
                .map(|(v, h)| match h.as_str() {
                    _ if v.is_empty() => String::new(),
                    "date" => finnish_date(v, i % 2 == 1),
                    "start" => finnish_time(v, false),
                    "end" => finnish_time(v, true),
                    "available" => finnish_pattern(v),
                    _ if v.parse::<f64>().is_ok() && v.contains('.') => v.replace('.', ","),
                    _ => v.to_string(),
                })
                .collect();
            out.write_record(&fields).unwrap();
        }
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend(out.into_inner().unwrap());
        std::fs::write(&path, bytes).unwrap();
    }
}

/// Copies the plan folder `from` to `to` (plan.toml and the CSV files).
fn copy_plan(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap();
        // Not the generator's manifest: the copy is the test's own folder.
        if path.is_file() && !name.starts_with('.') {
            std::fs::copy(&path, to.join(name)).unwrap();
        }
    }
}

/// Plans `plan` into `out` (relative to `dir`) with a time limit the MIP never reaches.
fn plan(dir: &Path, plan: &str, out: &str) -> Run {
    let run = caseload(
        dir,
        &[
            "plan",
            plan,
            "--out",
            out,
            "--time-limit",
            "1000",
            "--quiet",
        ],
    );
    run.expect_code(0);
    run
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn a_plan_in_finnish_excel_form_gives_the_same_problem_and_roster() {
    let (tmp, iso) = small_generated();
    let d = tmp.path();
    // Ends at midnight and patterns that run to it are in the plan.
    common::replace(
        &iso,
        "rooms.csv",
        "Sat-Sun 09:00-17:00",
        "Sat-Sun 09:00-24:00",
    );
    let fi = d.join("finnish");
    copy_plan(&iso, &fi);
    to_finnish_excel(&fi);
    let families = read(&fi.join("families.csv"));
    assert!(families.starts_with('\u{feff}') && families.contains(';'));
    let meetings = read(&fi.join("meetings.csv"));
    assert!(
        meetings.contains(".12.2026;") && meetings.contains(".00;"),
        "{meetings}"
    );
    assert!(read(&fi.join("rooms.csv")).contains("9.00-0.00"));
    let a = caseload::io::load_plan(&iso).unwrap_or_else(|e| panic!("{e}"));
    let b = caseload::io::load_plan(&fi).unwrap_or_else(|e| panic!("Finnish form refused:\n{e}"));
    assert_eq!(a, b, "the Finnish form reads as the same week");
    plan(d, "plan", "out-iso");
    plan(d, "finnish", "out-fi");
    for file in ["roster.csv", "coverage.csv", "payroll.csv"] {
        assert_eq!(
            read(&d.join("out-iso").join(file)),
            read(&d.join("out-fi").join(file)),
            "{file}"
        );
    }
}

#[test]
fn a_misspelt_column_is_an_error_naming_the_column_it_probably_meant() {
    let dir = common::small_plan();
    let d = dir.path();
    common::replace(d, "families.csv", ",excluded_workers", ",excluded_worker");
    common::replace(d, "workers.csv", ",hourly_wage", ",Hourly Wage");
    let run = caseload(d, &["plan", ".", "--out", "out", "--time-limit", "2"]);
    run.expect_code(2);
    let err = run.stderr();
    assert!(
        err.contains("families.csv:1: error[E041 misspelt-column] column \"excluded_worker\"")
            && err.contains("`excluded_worker` — did you mean `excluded_workers`?"),
        "{}",
        run.context()
    );
    assert!(
        err.contains("workers.csv:1: error[E041 misspelt-column] column \"hourly wage\"")
            && err.contains("did you mean `hourly_wage`?"),
        "{}",
        run.context()
    );
    assert!(err.contains("2 problem(s)"), "{}", run.context());
    assert!(!d.join("out").exists(), "nothing is written");
    // A misspelt required column is reported once, as the misspelling.
    common::replace(d, "families.csv", "weekly_hours", "weekly hour");
    let run = caseload(d, &["check", "."]);
    run.expect_code(2);
    assert!(
        run.stderr().contains("did you mean `weekly_hours`?") && !run.stderr().contains("E006"),
        "{}",
        run.context()
    );
}

#[test]
fn an_unknown_column_is_read_past_and_listed_on_stderr_and_in_the_summary() {
    let dir = common::small_plan();
    let d = dir.path();
    let families = read(&d.join("families.csv"));
    let with_notes: Vec<String> = families
        .lines()
        .enumerate()
        .map(|(i, l)| {
            let note = if i == 0 { "Notes" } else { "called on Monday" };
            format!("{l},{note}")
        })
        .collect();
    std::fs::write(d.join("families.csv"), with_notes.join("\n") + "\n").unwrap();
    let locations: Vec<String> = common::LOCATIONS
        .lines()
        .enumerate()
        .map(|(i, l)| match i {
            0 => " ID ,NAME,Lat , lon,phone,".to_string(),
            _ => format!("{l},040 123,"),
        })
        .collect();
    std::fs::write(d.join("locations.csv"), locations.join("\n")).unwrap();
    let run = caseload(d, &["plan", ".", "--out", "out", "--time-limit", "2"]);
    run.expect_code(0);
    let err = run.stderr();
    assert!(
        err.contains(
            "caseload: warning: families.csv: ignored column(s) not in the input contract: notes"
        ) && err.contains("locations.csv: ignored column(s) not in the input contract: phone"),
        "{}",
        run.context()
    );
    let summary = read(&d.join("out/summary.md"));
    assert!(
        summary.contains("Ignored columns: locations.csv: phone; families.csv: notes"),
        "{summary}"
    );
    assert!(
        run.stdout().contains("Ignored columns: "),
        "{}",
        run.context()
    );
}

/// Runs `caseload check` on the plan in `d`: exit 2, and a line of stderr that starts with
/// `place` and holds every one of `words`.
fn check_says(d: &Path, place: &str, words: &[&str]) {
    let run = caseload(d, &["check", "."]);
    run.expect_code(2);
    let err = run.stderr();
    assert!(
        err.lines()
            .any(|l| l.starts_with(place) && words.iter().all(|w| l.contains(w))),
        "no line starting with {place:?} holding {words:?}\n{}",
        run.context()
    );
    let plan = caseload(d, &["plan", ".", "--out", "out", "--time-limit", "1"]);
    plan.expect_code(2);
    assert!(!d.join("out").exists(), "nothing is written");
}

#[test]
fn hint_an_id_that_excel_stripped_of_its_leading_zeros() {
    let dir = common::small_plan();
    let d = dir.path();
    common::replace(d, "locations.csv", "U1,Office", "006,Office");
    common::replace(d, "rooms.csv", ",U1,", ",006,");
    for _ in 0..3 {
        common::replace(d, "workers.csv", ",U1,", ",6,");
    }
    check_says(
        d,
        "workers.csv:2:",
        &[
            "column \"base\"",
            "found \"6\"",
            "Excel dropped the leading zeros: did you mean `006`?",
        ],
    );
    // And the other way round: the ids lost their zeros, a reference kept them.
    let dir = common::small_plan();
    let d = dir.path();
    common::replace(d, "workers.csv", "W01,Anna", "7,Anna");
    common::replace(d, "families.csv", ",W01,", ",007,");
    check_says(
        d,
        "families.csv:2:",
        &[
            "column \"primary_worker\"",
            "found \"007\"",
            "did you mean `7`?",
        ],
    );
}

#[test]
fn hint_a_date_with_slashes_in_the_finnish_order() {
    let dir = common::small_plan();
    let d = dir.path();
    common::replace(d, "meetings.csv", "2026-12-01", "1/12/2026");
    check_says(
        d,
        "meetings.csv:2:",
        &[
            "column \"date\"",
            "found \"1/12/2026\"",
            "did you mean `2026-12-01`?",
        ],
    );
}

#[test]
fn hint_a_tab_separated_file() {
    let dir = common::small_plan();
    let d = dir.path();
    std::fs::write(d.join("rooms.csv"), common::ROOMS.replace(',', "\t")).unwrap();
    check_says(
        d,
        "rooms.csv:1:",
        &["the file is tab-separated; save it as CSV with `;` or `,`"],
    );
}

#[test]
fn hint_a_decimal_comma_in_plan_toml() {
    let dir = common::small_plan();
    let d = dir.path();
    std::fs::write(
        d.join("plan.toml"),
        "week = \"2026-W49\"\nremote_max_share = 0,20\nmax_daily_hours = 9,5 # a long day\n",
    )
    .unwrap();
    check_says(
        d,
        "plan.toml:2:",
        &[
            "column \"remote_max_share\"",
            "found \"0,20\"",
            "TOML needs a decimal point: 0.20",
        ],
    );
    check_says(
        d,
        "plan.toml:3:",
        &[
            "column \"max_daily_hours\"",
            "TOML needs a decimal point: 9.5",
        ],
    );
}

#[test]
fn hint_number_examples_as_the_file_writes_numbers() {
    // A `;` file: the example has a decimal comma.
    let dir = common::small_plan();
    let d = dir.path();
    let semicolons = common::WORKERS
        .replace(',', ";")
        .replace("38.25", "38,25")
        .replace("21.5", "21,5")
        .replacen(";38,25;", ";kolmekymmentä;", 1);
    std::fs::write(d.join("workers.csv"), semicolons).unwrap();
    check_says(
        d,
        "workers.csv:2:",
        &[
            "column \"contract_hours\"",
            "found \"kolmekymmentä\"",
            "such as 38,25",
        ],
    );
    let run = caseload(d, &["check", "."]);
    assert!(!run.stderr().contains("38.25"), "{}", run.context());
    // A `,` file: with a point.
    let dir = common::small_plan();
    let d = dir.path();
    common::replace(d, "workers.csv", ",38.25,", ",thirty,");
    check_says(
        d,
        "workers.csv:2:",
        &["column \"contract_hours\"", "such as 38.25"],
    );
    // An unquoted decimal comma in a `,` file splits the row: said so.
    common::replace(d, "workers.csv", ",thirty,", ",38,25,");
    check_says(
        d,
        "workers.csv:2:",
        &["a decimal comma such as 7,5 splits a value in a `,`-separated file"],
    );
}

#[test]
fn a_workbook_plan_gives_the_same_problem_and_roster_as_its_csv_folder() {
    let (tmp, csv) = small_generated();
    let d = tmp.path();
    // An end at midnight: a time cell 00:00 in an end column, and in a pattern's text.
    let mut availability = std::fs::read_to_string(csv.join("availability.csv"))
        .unwrap_or_else(|_| "worker_id,date,start,end,kind\n".into());
    availability.push_str("W01,2026-12-05,18:00,24:00,extra\n");
    std::fs::write(csv.join("availability.csv"), availability).unwrap();
    common::replace(
        &csv,
        "rooms.csv",
        "Sat-Sun 09:00-17:00",
        "Sat-Sun 09:00-24:00",
    );
    let xlsx = d.join("workbook");
    copy_plan(&csv, &xlsx);
    common::workbook::csv_to_workbook(&xlsx);
    let mut names: Vec<String> = std::fs::read_dir(&xlsx)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names, ["plan.toml", "plan.xlsx"]);
    let a = caseload::io::load_plan(&csv).unwrap_or_else(|e| panic!("{e}"));
    let b = caseload::io::load_plan(&xlsx).unwrap_or_else(|e| panic!("workbook refused:\n{e}"));
    assert_eq!(a, b, "the workbook reads as the same week");
    let w01 = a.workers.iter().position(|w| w.id == "W01").unwrap();
    assert!(
        a.exceptions
            .iter()
            .any(|x| x.worker == w01 && x.span.is_some_and(|s| s.end == 1440)),
        "the extra hours end at 24:00"
    );
    plan(d, "plan", "out-csv");
    let run = plan(d, "workbook", "out-xlsx");
    assert!(!run.stderr().contains("warning"), "{}", run.context());
    for file in [
        "roster.csv",
        "coverage.csv",
        "payroll.csv",
        "utilization.csv",
    ] {
        assert_eq!(
            read(&d.join("out-csv").join(file)),
            read(&d.join("out-xlsx").join(file)),
            "{file}"
        );
    }
}

#[test]
fn a_table_given_as_a_sheet_and_as_a_csv_file_is_an_error_naming_both() {
    let dir = common::small_plan();
    let d = dir.path();
    std::fs::write(
        d.join("plan.xlsx"),
        common::workbook::workbook_bytes(&[("Rooms", common::ROOMS)]),
    )
    .unwrap();
    let run = caseload(d, &["plan", ".", "--out", "out", "--time-limit", "1"]);
    run.expect_code(2);
    assert!(
        run.stderr().contains(
            "rooms.csv: error[E043 table-given-twice]: expected the table rooms once: rooms.csv and the sheet \"Rooms\" of plan.xlsx both hold it"
        ),
        "{}",
        run.context()
    );
    assert!(!d.join("out").exists());
    // Without the CSV file the sheet is the table.
    std::fs::remove_file(d.join("rooms.csv")).unwrap();
    caseload(d, &["check", "."]).expect_code(0);
}

#[test]
fn a_bad_cell_names_the_workbook_sheet_row_column_letter_and_header() {
    let dir = common::small_plan();
    let d = dir.path();
    common::replace(
        d,
        "families.csv",
        "family_rehab_home,6,",
        "family_rehab_home,kuusi,",
    );
    common::replace(d, "meetings.csv", "2026-12-01", "1/12/2026");
    common::replace(
        d,
        "workers.csv",
        "Mikko L.,supervision,38.25",
        "Mikko L.,supervision,#N/A",
    );
    common::workbook::csv_to_workbook(d);
    let run = caseload(d, &["check", "."]);
    run.expect_code(2);
    let err = run.stderr();
    for want in [
        "plan.xlsx, sheet \"families\", row 2: error[E009 bad-number] column C \"weekly_hours\": found \"kuusi\", expected agreed worker-hours this week from 0 to 100 such as 6.5",
        "plan.xlsx, sheet \"meetings\", row 2: error[E011 bad-date] column D \"date\": found \"1/12/2026\"",
        "did you mean `2026-12-01`?",
        "plan.xlsx, sheet \"workers\", row 3: error[E044 error-cell] column D \"contract_hours\": found \"#N/A\", expected a value, not a spreadsheet error",
    ] {
        assert!(err.contains(want), "{want}\n{}", run.context());
    }
    // The error cell is reported once, not again as a bad number.
    assert!(!err.contains("row 3: error[E009"), "{}", run.context());
    assert!(err.contains("3 problem(s)"), "{}", run.context());
}

#[test]
fn date_serials_and_time_cells_are_read_as_dates_and_times() {
    let dir = common::small_plan();
    let d = dir.path();
    common::replace(
        d,
        "meetings.csv",
        "2026-12-02,14:00,16:00",
        "2026-12-02,14:00,24:00",
    );
    let csv = caseload::io::load_plan(d).unwrap_or_else(|e| panic!("{e}"));
    common::workbook::csv_to_workbook(d);
    let xlsx = caseload::io::load_plan(d).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(csv, xlsx);
    // M1 on Tuesday 2026-12-01 16:00-17:30; M3 on Wednesday to midnight (a time cell 00:00).
    let m = &xlsx.meetings;
    assert_eq!((m[0].day, m[0].span.start, m[0].span.end), (1, 960, 1050));
    assert_eq!((m[2].day, m[2].span.start, m[2].span.end), (2, 840, 1440));
    assert_eq!(xlsx.workers[0].contract_hours, 38.25);
    // The cells are typed (dates and times are serials in the file, not text).
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(d.join("plan.xlsx")).unwrap();
    use calamine::Reader;
    let range = book.worksheet_range("meetings").unwrap();
    let cell = |r: u32, c: u32| range.get_value((r, c)).cloned();
    assert!(
        matches!(cell(1, 3), Some(calamine::Data::DateTime(_))),
        "{:?}",
        cell(1, 3)
    );
    assert!(
        matches!(cell(1, 4), Some(calamine::Data::DateTime(_))),
        "{:?}",
        cell(1, 4)
    );
    assert!(
        matches!(cell(1, 7), Some(calamine::Data::Float(_))),
        "{:?}",
        cell(1, 7)
    );
}

#[test]
fn a_corrupt_or_foreign_plan_xlsx_is_exit_2_never_a_crash() {
    let good = common::workbook::workbook_bytes(&[("workers", common::WORKERS)]);
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("text", b"id,name\nW1,a\n".to_vec()),
        ("empty", Vec::new()),
        ("truncated", good[..good.len() / 2].to_vec()),
        ("a zip without a workbook", {
            // The first entry of a real workbook alone: a zip, but no workbook.
            let mut bytes = good.clone();
            bytes.truncate(4);
            bytes
        }),
        ("flipped bytes", {
            let mut bytes = good.clone();
            for i in (200..bytes.len() - 200).step_by(97) {
                bytes[i] ^= 0x5a;
            }
            bytes
        }),
    ];
    for (what, bytes) in cases {
        let dir = common::small_plan();
        let d = dir.path();
        std::fs::remove_file(d.join("workers.csv")).unwrap();
        std::fs::write(d.join("plan.xlsx"), bytes).unwrap();
        let run = caseload(d, &["plan", ".", "--out", "out", "--time-limit", "1"]);
        assert_eq!(run.out.status.code(), Some(2), "{what}: {}", run.context());
        let err = run.stderr();
        assert!(
            err.contains("plan.xlsx") && err.contains("expected"),
            "{what}: {}",
            run.context()
        );
        assert!(
            !err.contains("panicked") && !err.contains("internal error"),
            "{what}: {}",
            run.context()
        );
        // The tables the workbook may hold are not reported missing as well.
        assert!(!err.contains("E001"), "{what}: {}", run.context());
        assert!(!d.join("out").exists());
    }
}

#[test]
fn sheets_that_are_no_table_are_listed_and_misspelt_ones_are_errors() {
    let dir = common::small_plan();
    let d = dir.path();
    std::fs::remove_file(d.join("rooms.csv")).unwrap();
    std::fs::write(
        d.join("plan.xlsx"),
        common::workbook::workbook_bytes(&[
            ("Budget", "what,why\nthis week,busy\n"),
            // The help sheet `caseload init` writes is read past without a warning.
            ("notes", "column,meaning\nid,the worker's code\n"),
            ("rooms", common::ROOMS),
        ]),
    )
    .unwrap();
    let run = caseload(d, &["plan", ".", "--out", "out", "--time-limit", "2"]);
    run.expect_code(0);
    assert!(
        run.stderr().contains(
            "caseload: warning: plan.xlsx: ignored sheet(s) that are no table of a plan: Budget"
        ),
        "{}",
        run.context()
    );
    let summary = read(&d.join("out/summary.md"));
    assert!(
        summary.contains("Ignored sheets: plan.xlsx: Budget") && !summary.contains("notes"),
        "{summary}"
    );
    std::fs::write(
        d.join("plan.xlsx"),
        common::workbook::workbook_bytes(&[("Room", common::ROOMS)]),
    )
    .unwrap();
    let run = caseload(d, &["check", "."]);
    run.expect_code(2);
    assert!(
        run.stderr().contains(
            "plan.xlsx, sheet \"Room\": error[E045 misspelt-sheet]: expected a sheet named like a table of the plan: `room` — did you mean `rooms`?"
        ),
        "{}",
        run.context()
    );
}

/// A large week as a workbook is read and validated in seconds (as its CSV folder is).
#[test]
fn a_large_workbook_is_read_in_seconds() {
    let (tmp, plan) = generated_plan(1000, 5000, 5, 0.7);
    common::workbook::csv_to_workbook(&plan);
    let size = std::fs::metadata(plan.join("plan.xlsx")).unwrap().len();
    let t0 = std::time::Instant::now();
    let run = caseload(tmp.path(), &["check", "plan"]);
    let seconds = t0.elapsed().as_secs_f64();
    run.expect_code(0);
    assert!(
        run.stdout().contains("1000 workers, 5000 families"),
        "{}",
        run.context()
    );
    eprintln!("plan.xlsx of {size} bytes checked in {seconds:.2} s");
    assert!(seconds < 20.0, "{seconds:.2} s");
}
