//! `caseload init DIR [--csv]`: a starter plan folder that plans as written, the workbook and
//! the CSV files holding the same headers and example rows, and never a write into a folder
//! that holds anything.

mod common;

use calamine::{Data, Reader, Xlsx, open_workbook};
use common::caseload;
use std::path::Path;

const SHEETS: [&str; 8] = [
    "workers",
    "families",
    "locations",
    "meetings",
    "rooms",
    "availability",
    "travel",
    "history",
];

fn csv_rows(path: &Path) -> Vec<Vec<String>> {
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_path(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    r.records()
        .map(|rec| rec.unwrap().iter().map(str::to_string).collect())
        .collect()
}

/// Does the workbook cell hold the value the CSV file writes as `csv`?
fn same(csv: &str, cell: &Data) -> bool {
    match cell {
        Data::Empty => csv.is_empty(),
        // The CSV writer neutralises text a spreadsheet would run; the workbook needs not.
        Data::String(s) => caseload::io::output::neutralise(s) == csv,
        Data::Float(x) => csv.parse::<f64>().is_ok_and(|c| c == *x),
        Data::Int(n) => csv.parse::<i64>().is_ok_and(|c| c == *n),
        Data::DateTime(dt) => {
            let v = dt.as_f64();
            let shown = if v >= 2.0 {
                let epoch = chrono::NaiveDate::from_ymd_opt(1899, 12, 30).unwrap();
                (epoch + chrono::Days::new(v as u64))
                    .format("%Y-%m-%d")
                    .to_string()
            } else {
                let m = (v * 1440.0).round() as u32;
                format!("{:02}:{:02}", m / 60, m % 60)
            };
            shown == csv
        }
        _ => false,
    }
}

#[test]
fn init_csv_plans_as_written() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let run = caseload(d, &["init", "team", "--csv", "--week", "2026-W49"]);
    run.expect_code(0);
    assert!(
        run.stdout().contains("caseload plan team"),
        "{}",
        run.context()
    );
    for s in SHEETS {
        assert!(d.join(format!("team/{s}.csv")).is_file(), "{s}.csv");
    }
    assert!(d.join("team/notes.csv").is_file());
    assert!(!d.join("team/plan.xlsx").exists());
    caseload(d, &["check", "team"]).expect_code(0);
    caseload(d, &["plan", "team", "--time-limit", "2", "--quiet"]).expect_code(0);
    let roster = std::fs::read_to_string(d.join("team/out/roster.csv")).unwrap();
    assert!(
        roster.contains(",M001,"),
        "the example meeting is staffed\n{roster}"
    );
    assert!(roster.contains(",home_visit,F001,"), "{roster}");
}

#[test]
fn the_workbook_holds_the_headers_and_example_rows_of_the_csv_version() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    caseload(d, &["init", "book", "--week", "2026-W49"]).expect_code(0);
    caseload(d, &["init", "csv", "--csv", "--week", "2026-W49"]).expect_code(0);
    assert_eq!(
        std::fs::read(d.join("book/plan.toml")).unwrap(),
        std::fs::read(d.join("csv/plan.toml")).unwrap()
    );
    let mut book: Xlsx<_> = open_workbook(d.join("book/plan.xlsx")).unwrap();
    let mut want: Vec<String> = SHEETS.map(String::from).to_vec();
    want.push("notes".into());
    assert_eq!(book.sheet_names(), want);
    for sheet in want {
        let csv = csv_rows(&d.join(format!("csv/{sheet}.csv")));
        let range = book.worksheet_range(&sheet).unwrap();
        let rows: Vec<Vec<Data>> = range.rows().map(|r| r.to_vec()).collect();
        assert_eq!(rows.len(), csv.len(), "{sheet}: header and example rows");
        for (r, (xrow, crow)) in rows.iter().zip(&csv).enumerate() {
            for (c, want) in crow.iter().enumerate() {
                let got = xrow.get(c).unwrap_or(&Data::Empty);
                assert!(
                    same(want, got),
                    "{sheet} row {r} column {c}: csv {want:?}, workbook {got:?}"
                );
            }
        }
    }
    // Dates and times are cells of their kind, numbers numbers.
    let meetings = book.worksheet_range("meetings").unwrap();
    let row: Vec<Data> = meetings.rows().nth(1).unwrap().to_vec();
    assert!(
        matches!(&row[3], Data::DateTime(dt) if dt.is_datetime()),
        "{row:?}"
    );
    assert!(matches!(&row[4], Data::DateTime(_)), "{row:?}");
    assert!(matches!(&row[7], Data::Float(_)), "{row:?}");
}

#[test]
fn init_never_writes_into_a_folder_that_holds_anything() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    // The user's folder: refused, untouched, nothing left beside it.
    std::fs::create_dir(d.join("mine")).unwrap();
    std::fs::write(d.join("mine/workers.csv"), "id\n").unwrap();
    let run = caseload(d, &["init", "mine"]);
    run.expect_code(2);
    assert!(run.stderr().contains("not empty"), "{}", run.context());
    assert!(run.stderr().contains("workers.csv"), "{}", run.context());
    let inside: Vec<_> = std::fs::read_dir(d.join("mine")).unwrap().collect();
    assert_eq!(inside.len(), 1);
    assert_eq!(std::fs::read(d.join("mine/workers.csv")).unwrap(), b"id\n");
    let beside: Vec<_> = std::fs::read_dir(d).unwrap().collect();
    assert_eq!(beside.len(), 1, "nothing created beside the folder");
    // Not even over a starter folder of its own, untouched since.
    caseload(d, &["init", "team", "--csv"]).expect_code(0);
    let before = std::fs::read(d.join("team/plan.toml")).unwrap();
    caseload(d, &["init", "team", "--week", "2026-W49"]).expect_code(2);
    assert_eq!(std::fs::read(d.join("team/plan.toml")).unwrap(), before);
    assert!(!d.join("team/plan.xlsx").exists());
    // An empty folder is filled; a file is no folder.
    std::fs::create_dir(d.join("empty")).unwrap();
    caseload(d, &["init", "empty"]).expect_code(0);
    assert!(d.join("empty/plan.xlsx").is_file());
    std::fs::write(d.join("file"), "x").unwrap();
    caseload(d, &["init", "file"]).expect_code(2);
    assert_eq!(std::fs::read(d.join("file")).unwrap(), b"x");
    caseload(d, &["init", "bad", "--week", "2026-W60"]).expect_code(2);
    assert!(!d.join("bad").exists());
}

#[test]
fn the_default_week_is_the_next_one() {
    let tmp = tempfile::tempdir().unwrap();
    let next = || {
        let w = (chrono::Local::now().date_naive() + chrono::Days::new(7)).iso_week();
        use chrono::Datelike;
        format!("week = \"{}-W{:02}\"", w.year(), w.week())
    };
    let before = next();
    caseload(tmp.path(), &["init", "t", "--csv"]).expect_code(0);
    let after = next();
    let toml = std::fs::read_to_string(tmp.path().join("t/plan.toml")).unwrap();
    assert!(
        toml.contains(&before) || toml.contains(&after),
        "{before} or {after}:\n{toml}"
    );
}

#[test]
fn the_template_headers_are_the_plan_files_headers() {
    let tmp = tempfile::tempdir().unwrap();
    caseload(tmp.path(), &["init", "t", "--csv", "--week", "2026-W49"]).expect_code(0);
    let p = caseload::io::load_plan(&tmp.path().join("t")).unwrap_or_else(|e| panic!("{e}"));
    let written = caseload::io::write_plan::plan_tables(&p);
    let week = caseload::model::IsoWeek::new(2026, 49).unwrap();
    let sheets = caseload::io::template::sheets(week);
    assert_eq!(
        written.len(),
        sheets.len(),
        "every table has its example row"
    );
    for s in &sheets {
        let w = written.iter().find(|t| t.file == s.file).unwrap();
        assert_eq!(w.headers, s.headers(), "{}", s.file);
    }
}

/// Un-ignore when plan folders may hold plan.xlsx (issue 14, item 1).
#[test]
fn init_workbook_plans_as_written() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    caseload(d, &["init", "team", "--week", "2026-W49"]).expect_code(0);
    caseload(d, &["check", "team"]).expect_code(0);
    caseload(d, &["plan", "team", "--time-limit", "2", "--quiet"]).expect_code(0);
    let roster = std::fs::read_to_string(d.join("team/out/roster.csv")).unwrap();
    assert!(roster.contains(",M001,"), "{roster}");
}
