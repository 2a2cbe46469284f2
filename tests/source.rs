//! roster.csv's last column `source` (issue 26, item 9), through the built binary on a
//! hand-made week whose plan is forced minute by minute (`common::agreed`): an agreed
//! appointment is `appointment`, what happened before a replan's moment is `past`, a planned row
//! is empty — in roster.csv, in roster.xlsx's roster sheet, in report.html and in the calendar
//! events' descriptions; every reader of a roster (`evaluate`, `replan`, `plan --previous`,
//! `month`) takes rosters with the column and without it, and refuses a value none of the
//! contract's with its line and column.

mod common;

use calamine::{Data, Reader, Xlsx, open_workbook};
use common::agreed::{self, AGREED_ROSTER, REPLANNED_ROSTER, SICK_MOMENT};
use common::caseload;
use std::path::Path;

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The description lines of every event of a calendar file (unfolded, unescaped newlines).
fn descriptions(ics: &str) -> Vec<String> {
    let cal: icalendar::Calendar = ics.parse().expect("the calendar parses");
    cal.components
        .iter()
        .filter_map(|c| match c {
            icalendar::CalendarComponent::Event(e) => {
                icalendar::Component::property_value(e, "DESCRIPTION").map(str::to_owned)
            }
            _ => None,
        })
        .collect()
}

#[test]
fn an_agreed_appointment_is_marked_in_the_roster_workbook_report_and_calendar() {
    let dir = agreed::agreed_week();
    let d = dir.path();
    caseload(
        d,
        &["plan", ".", "--out", "out", "--time-limit", "5", "--xlsx"],
    )
    .expect_code(0);
    assert_eq!(read(&d.join("out/roster.csv")), AGREED_ROSTER);

    // roster.xlsx: the roster sheet ends with the same column, the same words.
    let mut book: Xlsx<_> = open_workbook(d.join("out/roster.xlsx")).unwrap();
    let range = book.worksheet_range("roster").unwrap();
    let sources: Vec<String> = range
        .rows()
        .map(|r| match r.last() {
            Some(Data::String(s)) => s.clone(),
            Some(Data::Empty) | None => String::new(),
            Some(other) => panic!("source cell {other:?}"),
        })
        .collect();
    assert_eq!(
        sources,
        ["source", "", "appointment", "", "", "", "", "", "", ""]
    );

    // report.html: the appointment's bar (and only it) is marked, said in its tooltip, and
    // the legend explains the mark; no past rows, so no legend entry for them.
    let html = read(&d.join("out/report.html"));
    assert_eq!(html.matches(" src-appointment\"").count(), 1, "{html}");
    assert!(
        html.contains(
            "Tue 10:00–12:00 visit F1 at Home 1 (L1) · agreed appointment (appointments.csv)<"
        ),
        "{html}"
    );
    assert!(
        html.contains("<i class=\"src-appointment\"></i>agreed appointment (source: appointment)")
    );
    assert!(!html.contains(" src-past\"") && !html.contains("class=\"src-past\""));

    // The calendar: the appointment's event says so, the planned ones say nothing.
    let ics = read(&d.join("out/calendar/W1.ics"));
    assert_eq!(
        descriptions(&ics),
        [
            "kind: home_visit\nfamily: F1\nlocation: L1\nsource: appointment",
            "kind: home_visit\nfamily: F2\nlocation: L2",
            "kind: home_visit\nfamily: F3\nlocation: L3",
        ]
    );
}

#[test]
fn what_happened_before_a_replan_is_past_and_every_reader_takes_the_column() {
    let dir = agreed::agreed_week();
    let d = dir.path();
    caseload(d, &["plan", ".", "--out", "out", "--time-limit", "5"]).expect_code(0);
    assert_eq!(read(&d.join("out/roster.csv")), AGREED_ROSTER);
    // evaluate reads a roster with the column…
    caseload(d, &["evaluate", ".", "--roster", "out/roster.csv"]).expect_code(0);
    // …and an older one without it (the column is left out of the header), without a word
    // about an ignored column.
    let old: String = AGREED_ROSTER
        .lines()
        .map(|l| format!("{}\n", &l[..l.rfind(',').unwrap()]))
        .collect();
    std::fs::write(d.join("old.csv"), &old).unwrap();
    let run = caseload(d, &["evaluate", ".", "--roster", "old.csv"]);
    run.expect_code(0);
    assert!(!run.stderr().contains("ignored"), "{}", run.context());

    // A replan reads it too: what started before the moment is past, the rest planned.
    agreed::tuesday_news(d);
    caseload(
        d,
        &[
            "replan",
            ".",
            "--roster",
            "out/roster.csv",
            "--from",
            SICK_MOMENT,
            "--out",
            "re",
            "--time-limit",
            "5",
        ],
    )
    .expect_code(0);
    assert_eq!(read(&d.join("re/roster.csv")), REPLANNED_ROSTER);
    let ics = read(&d.join("re/calendar/W1.ics"));
    assert_eq!(
        descriptions(&ics)[0],
        "kind: home_visit\nfamily: F1\nlocation: L1\nsource: past"
    );
    let html = read(&d.join("re/report.html"));
    assert_eq!(
        html.matches(" src-past\"").count(),
        2,
        "the two rows before 11:00"
    );
    assert!(html.contains("<i class=\"src-past\"></i>happened before the replan (source: past)"));
    // The replan of a replan reads the `past` rows back; so does the old roster.
    for roster in ["re/roster.csv", "old.csv"] {
        caseload(
            d,
            &[
                "replan",
                ".",
                "--roster",
                roster,
                "--from",
                SICK_MOMENT,
                "--out",
                "re2",
                "--time-limit",
                "5",
            ],
        )
        .expect_code(0);
        assert_eq!(
            read(&d.join("re2/roster.csv")),
            REPLANNED_ROSTER,
            "{roster}"
        );
    }
    caseload(d, &["evaluate", ".", "--roster", "re/roster.csv"]).expect_code(0);
    // plan --previous and month read rosters with the column.
    caseload(
        d,
        &[
            "plan",
            ".",
            "--previous",
            "re/roster.csv",
            "--out",
            "next",
            "--time-limit",
            "5",
        ],
    )
    .expect_code(0);
    caseload(d, &["month", "--month", "2026-12", "re", "--out", "m"]).expect_code(0);
}

#[test]
fn a_source_none_of_the_contracts_is_an_input_error_with_its_line_and_column() {
    let dir = agreed::agreed_week();
    let d = dir.path();
    let bad = AGREED_ROSTER.replacen(",L2,\n", ",L2,planned\n", 1);
    assert_ne!(bad, AGREED_ROSTER);
    std::fs::write(d.join("bad.csv"), &bad).unwrap();
    for args in [
        &["evaluate", ".", "--roster", "bad.csv"][..],
        &[
            "replan",
            ".",
            "--roster",
            "bad.csv",
            "--from",
            SICK_MOMENT,
            "--out",
            "re",
        ],
        &["plan", ".", "--previous", "bad.csv", "--out", "next"],
    ] {
        let run = caseload(d, args);
        run.expect_code(2);
        let err = run.stderr();
        assert!(
            err.contains("bad.csv:5:") && err.contains("column \"source\": found \"planned\""),
            "{}",
            run.context()
        );
        assert!(
            err.contains("expected appointment (kept from appointments.csv), past"),
            "{}",
            run.context()
        );
        assert!(!d.join("re").exists() && !d.join("next").exists());
    }
}
