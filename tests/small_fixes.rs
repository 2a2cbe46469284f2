//! Issue 26 item 12, through the built binary on the small plan: `check`'s line ends with a
//! newline, a replan's summary says replan, an absent worker's day says absent, reasons are
//! sentences, and an error on a roster row quotes the row.

mod common;

use calamine::{Data, Reader, Xlsx, open_workbook};
use common::{caseload, replace, small_plan};
use std::path::Path;

const FROM: &str = "2026-12-02T12:00";

fn plan(d: &Path, out: &str, extra: &[&str]) {
    let mut args = vec!["plan", ".", "--out", out, "--time-limit", "2", "--quiet"];
    args.extend_from_slice(extra);
    caseload(d, &args).expect_code(0);
}

#[test]
fn check_ends_its_ok_line_with_a_newline() {
    let dir = small_plan();
    let run = caseload(dir.path(), &["check", "."]);
    run.expect_code(0);
    assert_eq!(
        run.stdout(),
        "ok: . plan for 2026-W49 (2026-11-30 to 2026-12-06): 3 workers, 3 families, 4 locations, 1 rooms, 3 meetings, 2 availability exceptions, 1 history rows, travel by straight-line distance; demand 14.00 h.\n"
    );
}

#[test]
fn a_replans_summary_says_replan() {
    let dir = small_plan();
    let d = dir.path();
    plan(d, "mon", &[]);
    let summary = std::fs::read_to_string(d.join("mon/summary.md")).unwrap();
    assert!(
        summary.starts_with("# caseload plan 2026-W49\n\n"),
        "{summary}"
    );
    let run = caseload(
        d,
        &[
            "replan",
            ".",
            "--roster",
            "mon/roster.csv",
            "--from",
            FROM,
            "--out",
            "wed",
            "--time-limit",
            "2",
            "--quiet",
        ],
    );
    run.expect_code(0);
    assert!(
        run.stdout().starts_with("# caseload replan 2026-W49\n\n"),
        "{}",
        run.context()
    );
    let summary = std::fs::read_to_string(d.join("wed/summary.md")).unwrap();
    assert!(
        summary.starts_with("# caseload replan 2026-W49\n\n"),
        "{summary}"
    );
}

/// The day lines (`Monday 30.11.2026 — …`) of a worker's sheet in roster.xlsx.
fn day_lines(path: &Path, sheet: &str) -> Vec<String> {
    let mut book: Xlsx<_> = open_workbook(path).unwrap();
    let range = book.worksheet_range(sheet).unwrap();
    range
        .rows()
        .filter_map(|r| match r.first() {
            Some(Data::String(s)) if s.contains(" — ") && !s.contains("week") => Some(s.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn an_absent_worker_shows_as_absent_not_as_no_work_planned() {
    let dir = small_plan();
    let d = dir.path();
    // W03 (Mon-Thu) is absent all Wednesday in the fixture; W02 now part of Friday too.
    replace(
        d,
        "availability.csv",
        "W01,2026-12-03,16:00,18:00,extra\n",
        "W01,2026-12-03,16:00,18:00,extra\nW02,2026-12-04,08:00,18:00,absent\n",
    );
    plan(d, "out", &["--xlsx"]);
    let w03 = day_lines(&d.join("out/roster.xlsx"), "W03 Sanna M.");
    assert_eq!(w03.len(), 7, "{w03:?}");
    // (Thursday depends on the search; W03 works Mon-Thu only.)
    assert_eq!(w03[2], "Wednesday 2.12.2026 — absent", "{w03:?}");
    assert_eq!(
        w03[4..],
        [
            "Friday 4.12.2026 — no work planned",
            "Saturday 5.12.2026 — no work planned",
            "Sunday 6.12.2026 — no work planned (public holiday)",
        ],
        "{w03:?}"
    );
    // Absent for the whole of W02's Friday window (10:00-18:00), by a dated span.
    let w02 = day_lines(&d.join("out/roster.xlsx"), "W02 Mikko L.");
    assert_eq!(w02[4], "Friday 4.12.2026 — absent 08:00-18:00", "{w02:?}");
}

#[test]
fn a_family_whose_hours_are_used_up_is_told_in_a_sentence() {
    let dir = small_plan();
    let d = dir.path();
    // F003: one hour a week, yet two visits of at least an hour.
    replace(
        d,
        "families.csv",
        "F003,family_work,3,L3,,1,3,60-120,15-60,,0,,swedish,",
        "F003,family_work,1,L3,,2,3,60-120,15-60,0,0,,swedish,",
    );
    plan(d, "out", &[]);
    let coverage = std::fs::read_to_string(d.join("out/coverage.csv")).unwrap();
    let row = coverage
        .lines()
        .find(|l| l.starts_with("F003,"))
        .expect("F003's row");
    assert_eq!(
        row,
        "F003,family_work,1.00,1.00,0.00,1.00,0.00,1,0,0,1,0.00,0.00,\"1 of 2 visits: needs skill swedish: W01 has it; its weekly hours (1.00 h) are used up, and another visit of at least 60 min would go beyond them\""
    );
    assert!(!coverage.contains("0.00 h left"), "{coverage}");
}

#[test]
fn a_past_row_the_data_now_forbid_is_quoted_not_only_numbered() {
    let dir = small_plan();
    let d = dir.path();
    plan(d, "mon", &[]);
    let roster = std::fs::read_to_string(d.join("mon/roster.csv")).unwrap();
    // The first home visit before Wednesday noon, and its family.
    let (line, f) = roster
        .lines()
        .enumerate()
        .find_map(|(i, l)| {
            let f: Vec<&str> = l.split(',').collect();
            let before = f[0] < "2026-12-02" || (f[0] == "2026-12-02" && f[2] <= "12:00");
            (f.len() == 11 && f[4].ends_with("_visit") && before)
                .then(|| (i + 1, f.iter().map(|s| s.to_string()).collect::<Vec<_>>()))
        })
        .expect("a visit before the moment");
    // The family now takes visits on weekends only.
    let families = std::fs::read_to_string(d.join("families.csv")).unwrap();
    let edited: String = families
        .lines()
        .map(|l| {
            let mut c: Vec<&str> = l.split(',').collect();
            if c[0] == f[5] {
                c[4] = "la-su 8-16";
            }
            c.join(",") + "\n"
        })
        .collect();
    std::fs::write(d.join("families.csv"), edited).unwrap();
    let run = caseload(
        d,
        &[
            "replan",
            ".",
            "--roster",
            "mon/roster.csv",
            "--from",
            FROM,
            "--out",
            "wed",
        ],
    );
    run.expect_code(2);
    let quoted = format!(
        "mon/roster.csv:{line}: error[E048 past-forbidden]: found \"{} {}-{} {} {} {} {}\", expected a row before {FROM}",
        f[0], f[1], f[2], f[3], f[4], f[5], f[9]
    );
    assert!(
        run.stderr().lines().any(|l| l.starts_with(&quoted)),
        "{quoted}\n{}",
        run.context()
    );
    assert!(!d.join("wed").exists());
}
