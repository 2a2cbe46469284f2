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
        if path.is_file() {
            std::fs::copy(&path, to.join(path.file_name().unwrap())).unwrap();
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
