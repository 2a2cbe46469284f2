//! roster.xlsx (`--xlsx`, `[output] xlsx = true`): written through the output folder with the
//! other files, read back with calamine, its table sheets equal to the CSV files cell by cell
//! (dates as dates, times as times, numbers as numbers), a sheet per worker.

mod common;

use calamine::{Data, Reader, Xlsx, open_workbook};
use caseload::model::table::{Cell, DataTable};
use common::{caseload, small_plan};
use std::path::Path;

const TABLES: [&str; 5] = [
    "roster",
    "coverage",
    "meetings_coverage",
    "utilization",
    "payroll",
];

fn open(path: &Path) -> Xlsx<std::io::BufReader<std::fs::File>> {
    open_workbook(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn rows(book: &mut Xlsx<std::io::BufReader<std::fs::File>>, sheet: &str) -> Vec<Vec<Data>> {
    let range = book
        .worksheet_range(sheet)
        .unwrap_or_else(|e| panic!("sheet {sheet}: {e}"));
    range.rows().map(|r| r.to_vec()).collect()
}

fn csv_rows(path: &Path) -> Vec<Vec<String>> {
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_path(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    r.records()
        .map(|rec| rec.unwrap().iter().map(str::to_string).collect())
        .collect()
}

/// A workbook cell as the CSV file writes the same value.
fn as_csv(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => caseload::io::output::neutralise(s),
        Data::DateTime(dt) => {
            let v = dt.as_f64();
            if v >= 2.0 {
                let epoch = chrono::NaiveDate::from_ymd_opt(1899, 12, 30).unwrap();
                (epoch + chrono::Days::new(v as u64))
                    .format("%Y-%m-%d")
                    .to_string()
            } else {
                let m = (v * 1440.0).round() as u32;
                format!("{:02}:{:02}", m / 60, m % 60)
            }
        }
        Data::Float(x) => format!("{x:.2}"),
        Data::Int(n) => n.to_string(),
        other => panic!("unexpected cell {other:?}"),
    }
}

fn same(csv: &str, cell: &Data) -> bool {
    match cell {
        Data::Float(x) => csv.parse::<f64>().is_ok_and(|c| (c - x).abs() < 1e-9),
        _ => as_csv(cell) == csv,
    }
}

#[test]
fn plan_with_xlsx_writes_a_workbook_equal_to_the_csv_files() {
    let plan = small_plan();
    let d = plan.path();
    caseload(d, &["plan", ".", "--xlsx", "--time-limit", "3", "--quiet"]).expect_code(0);
    let out = d.join("out");
    let manifest = std::fs::read_to_string(out.join(".caseload-manifest")).unwrap();
    assert!(
        manifest.lines().any(|l| l.ends_with(" roster.xlsx")),
        "{manifest}"
    );
    let mut book = open(&out.join("roster.xlsx"));
    let names = book.sheet_names();
    assert_eq!(names[..5], TABLES.map(String::from)[..], "{names:?}");
    for table in TABLES {
        let csv = csv_rows(&out.join(format!("{table}.csv")));
        let sheet = rows(&mut book, table);
        assert_eq!(sheet.len(), csv.len(), "{table}: header plus data rows");
        let header: Vec<String> = sheet[0].iter().map(as_csv).collect();
        assert_eq!(header, csv[0], "{table}: header row");
        for (r, (xrow, crow)) in sheet.iter().zip(&csv).enumerate().skip(1) {
            for (c, want) in crow.iter().enumerate() {
                let got = xrow.get(c).unwrap_or(&Data::Empty);
                assert!(
                    same(want, got),
                    "{table} row {r} column {}: csv {want:?}, xlsx {got:?}",
                    csv[0][c]
                );
            }
        }
    }
    // Real types: a date cell is a date, a time a time, hours a number.
    let roster = rows(&mut book, "roster");
    assert!(roster.len() > 1, "the small plan has a roster");
    match &roster[1][0] {
        Data::DateTime(dt) => assert!(dt.is_datetime() && !dt.is_duration(), "{dt:?}"),
        other => panic!("roster date is {other:?}, not a date"),
    }
    assert!(
        matches!(&roster[1][1], Data::DateTime(_)),
        "{:?}",
        roster[1][1]
    );
    let util = rows(&mut book, "utilization");
    let planned = util[0]
        .iter()
        .position(|h| *h == Data::String("planned_hours".into()))
        .unwrap();
    assert!(matches!(util[1][planned], Data::Float(_)), "{:?}", util[1]);
    // One sheet per worker, titled with the worker, listing the worker's families.
    let workers = csv_rows(&d.join("workers.csv"));
    let roster_csv = csv_rows(&out.join("roster.csv"));
    for w in &workers[1..] {
        let (id, name) = (&w[0], &w[1]);
        let sheet = names
            .iter()
            .find(|n| n.starts_with(&format!("{id} ")))
            .unwrap_or_else(|| panic!("no sheet for {id}: {names:?}"));
        let cells = rows(&mut book, sheet);
        let title = as_csv(&cells[0][0]);
        assert!(title.contains(id) && title.contains(name), "{title}");
        let shown: Vec<String> = cells.iter().flatten().map(as_csv).collect();
        for r in roster_csv
            .iter()
            .filter(|r| &r[3] == id && !r[5].is_empty())
        {
            assert!(shown.contains(&r[5]), "{id}'s sheet lacks family {}", r[5]);
        }
        for day in ["Monday", "Sunday"] {
            assert!(shown.iter().any(|s| s.starts_with(day)), "{id}: no {day}");
        }
    }
    assert_eq!(names.len(), 5 + workers.len() - 1, "{names:?}");

    // Without --xlsx: no workbook; with `[output] xlsx = true`: one again.
    caseload(d, &["plan", ".", "--time-limit", "2", "--quiet"]).expect_code(0);
    assert!(!out.join("roster.xlsx").exists());
    let manifest = std::fs::read_to_string(out.join(".caseload-manifest")).unwrap();
    assert!(!manifest.contains("roster.xlsx"), "{manifest}");
    std::fs::write(
        d.join("plan.toml"),
        "week = \"2026-W49\"\n[output]\nxlsx = true\n",
    )
    .unwrap();
    caseload(d, &["plan", ".", "--time-limit", "2", "--quiet"]).expect_code(0);
    assert!(out.join("roster.xlsx").is_file());
}

#[test]
fn the_workbook_is_the_same_bytes_for_the_same_roster_and_text_never_becomes_a_formula() {
    let plan = small_plan();
    let mut p = caseload::model::Week::new(
        caseload::io::load_plan(plan.path()).unwrap_or_else(|e| panic!("{e}")),
    );
    p.settings.time_limit_seconds = 2.0;
    let caseload::model::Plan { roster, info, .. } = caseload::solve::plan(&p);
    let reports = caseload::report::build(
        &p,
        &caseload::solve::pins::plan_of(&p, roster.clone(), info.clone()),
    );
    let tables = [&reports.roster, &reports.coverage, &reports.payroll];
    let a = caseload::io::xlsx::roster_workbook(&p, &roster, &tables).unwrap();
    // Past a second boundary: a creation time from the clock would differ.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let b = caseload::io::xlsx::roster_workbook(&p, &roster, &tables).unwrap();
    assert!(a == b, "same input, different bytes");

    let mut t = DataTable::new("notes.csv", &["text", "hours"]);
    let risky = ["=1+1", "+SUM(A1:A2)", "-2+3", "@cmd", "=HYPERLINK(\"x\")"];
    for s in risky {
        t.push(vec![Cell::text(s), Cell::Number(-1.5)]);
    }
    let bytes = caseload::io::xlsx::roster_workbook(&p, &roster, &[&t]).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("x.xlsx");
    std::fs::write(&path, bytes).unwrap();
    let mut book = open(&path);
    let cells = rows(&mut book, "notes");
    for (r, s) in risky.iter().enumerate() {
        assert_eq!(cells[r + 1][0], Data::String(s.to_string()));
        assert_eq!(cells[r + 1][1], Data::Float(-1.5));
    }
    let formulas = book.worksheet_formula("notes").unwrap();
    assert!(
        formulas.used_cells().next().is_none(),
        "a text cell became a formula"
    );
}
