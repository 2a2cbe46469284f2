//! A roster written by caseload reads back as the same roster (`io::roster::read_roster`), in
//! both CSV styles and with the dates and times a Finnish spreadsheet writes.

use caseload::generate::{GenOptions, generate};
use caseload::io::output::CsvStyle;
use caseload::io::roster::read_roster;
use caseload::model::{Activity, Roster};

/// The rows in one total order (the roster's own sort leaves ties in their order).
fn sorted(r: &Roster) -> Vec<Activity> {
    let mut r = r.clone();
    r.sort();
    let mut v = r.activities;
    v.sort_by_key(|a| {
        (
            a.day,
            a.span.start,
            a.span.end,
            a.worker,
            a.kind,
            a.family,
            a.meeting,
            a.partner,
            a.room,
            a.location,
        )
    });
    v
}

/// `2026-12-01` as `1.12.2026` and `08:05` as `8.05`, as Finnish Excel saves a CSV file.
fn finnish_dates_and_times(csv: &str) -> String {
    let mut out = String::new();
    for (i, line) in csv.lines().enumerate() {
        if i == 0 {
            out.push_str(line);
        } else {
            let cells: Vec<String> = line
                .split(';')
                .enumerate()
                .map(|(j, c)| match j {
                    0 => {
                        let d: Vec<&str> = c.split('-').collect();
                        format!(
                            "{}.{}.{}",
                            d[2].trim_start_matches('0'),
                            d[1].trim_start_matches('0'),
                            d[0]
                        )
                    }
                    1 | 2 => {
                        let (h, m) = c.split_once(':').unwrap();
                        let h = h.trim_start_matches('0');
                        format!("{}.{m}", if h.is_empty() { "0" } else { h })
                    }
                    _ => c.to_string(),
                })
                .collect();
            out.push_str(&cells.join(";"));
        }
        out.push('\n');
    }
    out
}

fn planned() -> (caseload::model::Week, Roster) {
    let mut p = caseload::model::Week::new(generate(&GenOptions::new(10, 30, 7)));
    p.settings.time_limit_seconds = 2.0;
    let roster = caseload::solve::plan(&p).roster;
    assert!(caseload::check::check_roster(&p, &roster).is_empty());
    (p, roster)
}

#[test]
fn a_planned_roster_reads_back_identical_in_every_style() {
    let (p, roster) = planned();
    let kinds: std::collections::BTreeSet<_> = roster.activities.iter().map(|a| a.kind).collect();
    assert!(
        kinds.len() >= 6,
        "the week has rows of most kinds: {kinds:?}"
    );
    let table = caseload::report::coverage::roster_table(&p, &roster);
    let dir = tempfile::tempdir().unwrap();
    let international = CsvStyle { finnish: false }.render(&table);
    let finnish = CsvStyle { finnish: true }.render(&table);
    let finnish_text = String::from_utf8(finnish[3..].to_vec()).unwrap();
    let spreadsheet = format!("\u{feff}{}", finnish_dates_and_times(&finnish_text));
    assert!(
        !spreadsheet.contains("2026-") && !spreadsheet.contains(':'),
        "every date and time written the Finnish way"
    );
    for (name, bytes) in [
        ("international.csv", international),
        ("finnish.csv", finnish),
        ("spreadsheet.csv", spreadsheet.into_bytes()),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, &bytes).unwrap();
        let (back, rows) = read_roster(&p, &path).unwrap_or_else(|e| panic!("{name}:\n{e}"));
        assert_eq!(sorted(&back), sorted(&roster), "{name}");
        assert_eq!(rows.lines.len(), back.activities.len());
        assert_eq!(rows.lines[0], 2, "{name}: the first row is line 2");
        assert!(rows.ignored.is_empty());
    }
}
