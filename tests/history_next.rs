//! `history_next.csv` rolls the history forward: read back as next week's `history.csv`, it
//! gives the rolling four-week figures of the remote cap (`Problem::history_hours`) that summing
//! the weeks' rosters gives, week after week, in both CSV styles; a history row of the planned
//! week is replaced, not added to.

mod common;

use caseload::generate::{GenOptions, generate};
use caseload::io::output::CsvStyle;
use caseload::io::{load_plan, write_plan::write_plan};
use caseload::model::{ActivityKind, HistoryWeek, IsoWeek, Roster};
use chrono::Datelike;
use std::collections::BTreeMap;

fn next_week(w: IsoWeek) -> IsoWeek {
    let d = (w.monday() + chrono::Duration::weeks(1)).iso_week();
    IsoWeek::new(d.year(), d.week()).unwrap()
}

/// In-person and remote hours per family of a roster, from its rows (minutes exact).
fn delivered(p: &caseload::model::Week, r: &Roster) -> Vec<(f64, f64)> {
    let mut out = vec![(0.0, 0.0); p.families.len()];
    for a in &r.activities {
        match (a.kind, a.family) {
            (ActivityKind::HomeVisit | ActivityKind::JointVisit, Some(f)) => out[f].0 += a.hours(),
            (ActivityKind::Remote, Some(f)) => out[f].1 += a.hours(),
            _ => {}
        }
    }
    out
}

#[test]
fn history_next_read_back_next_week_gives_the_rolling_figures_of_the_rosters() {
    let mut o = GenOptions::new(8, 30, 3);
    o.load = 0.8;
    let mut p = caseload::model::Week::new(generate(&o));
    assert!(
        p.history.len() >= 6,
        "the generated week has history to roll"
    );
    // (family id, Monday of the week) -> (in-person, remote) hours, as the weeks happened.
    let mut truth: BTreeMap<(String, chrono::NaiveDate), (f64, f64)> = BTreeMap::new();
    for h in &p.history {
        let e = truth
            .entry((p.families[h.family].id.clone(), h.week.monday()))
            .or_default();
        e.0 += h.in_person_hours;
        e.1 += h.remote_hours;
    }
    let tmp = tempfile::tempdir().unwrap();
    let mut remote_somewhere = false;
    for step in 0..4 {
        let week = p.settings.week;
        if step == 1 {
            // A row of the planned week already in history.csv (typed ahead, or left from an
            // earlier run) is replaced by what the roster delivers.
            p.history.push(HistoryWeek {
                family: 0,
                week,
                in_person_hours: 99.0,
                remote_hours: 9.0,
            });
        }
        // The greedy's roster: what is counted matters here, not how good it is.
        let roster = caseload::solve::baseline::baseline(&p);
        for (f, (inp, rem)) in delivered(&p, &roster).into_iter().enumerate() {
            remote_somewhere |= rem > 0.0;
            truth.insert((p.families[f].id.clone(), week.monday()), (inp, rem));
        }
        let rows = caseload::report::coverage::family_rows(&p, &roster);
        let table = caseload::report::history::history_next_table(&p, &rows);
        let finnish = step % 2 == 1;
        let bytes = CsvStyle { finnish }.render(&table);
        let old_rows = p.history.iter().filter(|h| h.week != week).count();
        assert_eq!(
            table.rows.len(),
            old_rows + p.families.len(),
            "one row per family for the planned week, the planned week's old row dropped"
        );

        // Next week's plan folder: the same team and families, history.csv = history_next.csv.
        let mut q = p.clone();
        q.settings.week = next_week(week);
        q.history.clear();
        q.rebuild_derived();
        let dir = tmp.path().join(format!("week{step}"));
        write_plan(&dir, &q).unwrap();
        std::fs::write(dir.join("history.csv"), &bytes).unwrap();
        let next = load_plan(&dir).unwrap_or_else(|e| {
            panic!(
                "history_next.csv ({}) does not read back:\n{e}\n{}",
                if finnish { "Finnish" } else { "international" },
                String::from_utf8_lossy(&bytes)
            )
        });
        assert_eq!(
            next.history
                .iter()
                .filter(|h| h.family == 0 && h.week == week)
                .count(),
            1,
            "step {step}: the planned week's row is there once"
        );
        // The rolling figures: the three weeks before next week, as the rosters delivered
        // them (rounded to two decimals per week, as coverage.csv writes them).
        let before: Vec<chrono::NaiveDate> = (1..=3)
            .map(|k| next.settings.week.monday() - chrono::Duration::weeks(k))
            .collect();
        for (f, fam) in next.families.iter().enumerate() {
            let (mut inp, mut rem) = (0.0, 0.0);
            for m in &before {
                if let Some((i, r)) = truth.get(&(fam.id.clone(), *m)) {
                    inp += i;
                    rem += r;
                }
            }
            let caseload::model::Hours {
                in_person: hi,
                remote: hr,
            } = next.history_hours(f);
            assert!(
                (hi - inp).abs() <= 0.015 + 1e-9 && (hr - rem).abs() <= 0.015 + 1e-9,
                "step {step}, {}: history_next gives ({hi:.4}, {hr:.4}), the rosters ({inp:.4}, {rem:.4})",
                fam.id
            );
            // This week's row alone is the roster's, to two decimals.
            let (ti, tr) = truth[&(fam.id.clone(), week.monday())];
            let row: Vec<&HistoryWeek> = next
                .history
                .iter()
                .filter(|h| h.family == f && h.week == week)
                .collect();
            assert_eq!(row.len(), 1, "step {step}, {}", fam.id);
            assert!(
                (row[0].in_person_hours - ti).abs() <= 0.005 + 1e-9
                    && (row[0].remote_hours - tr).abs() <= 0.005 + 1e-9,
                "step {step}, {}: {:?} against ({ti}, {tr})",
                fam.id,
                row[0]
            );
        }
        p = caseload::model::Week::new(next);
    }
    assert!(remote_somewhere, "the weeks had remote sessions to count");
}

#[test]
fn plan_and_whatif_write_history_next_replacing_the_planned_week() {
    let dir = common::small_plan();
    let d = dir.path();
    // A row for the planned week (2026-W49) besides the one of W48.
    common::replace(
        d,
        "history.csv",
        "F001,2026-W48,5.5,0.5\n",
        "F001,2026-W48,5.5,0.5\nF002,2026-W49,40,4\nF001,2026-W45,1,0\n",
    );
    common::caseload(d, &["plan", ".", "--out", "o", "--time-limit", "1"]).expect_code(0);
    let text = std::fs::read_to_string(d.join("o/history_next.csv")).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0], "family_id,week,in_person_hours,remote_hours",
        "{text}"
    );
    let keys: Vec<(&str, &str)> = lines[1..]
        .iter()
        .map(|l| {
            let mut c = l.split(',');
            (c.next().unwrap(), c.next().unwrap())
        })
        .collect();
    assert_eq!(
        keys,
        [
            ("F001", "2026-W45"),
            ("F001", "2026-W48"),
            ("F001", "2026-W49"),
            ("F002", "2026-W49"),
            ("F003", "2026-W49"),
        ],
        "{text}"
    );
    assert!(lines.contains(&"F001,2026-W48,5.50,0.50"), "{text}");
    // The planned week's rows are coverage.csv's figures.
    let coverage = std::fs::read_to_string(d.join("o/coverage.csv")).unwrap();
    for line in &lines[1..] {
        let c: Vec<&str> = line.split(',').collect();
        if c[1] != "2026-W49" {
            continue;
        }
        let cov = coverage
            .lines()
            .find(|l| l.starts_with(&format!("{},", c[0])))
            .unwrap();
        let cov: Vec<&str> = cov.split(',').collect();
        assert_eq!((c[2], c[3]), (cov[3], cov[4]), "{line} against {cov:?}");
    }

    // Finnish style, and a what-if scenario's folder has one too.
    std::fs::write(
        d.join("s.toml"),
        "[[scenario]]\nname = \"as it is\"\n[[scenario]]\nname = \"W01 away\"\nabsent = [{ worker = \"W01\" }]\n",
    )
    .unwrap();
    common::caseload(
        d,
        &[
            "whatif",
            ".",
            "--scenarios",
            "s.toml",
            "--out",
            "w",
            "--time-limit",
            "1",
            "--jobs",
            "1",
            "--finnish-csv",
        ],
    )
    .expect_code(0);
    for folder in ["01-as-it-is", "02-w01-away"] {
        let bytes = std::fs::read(d.join("w").join(folder).join("history_next.csv")).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        assert!(
            text.starts_with("\u{feff}family_id;week;in_person_hours;remote_hours\n"),
            "{text}"
        );
        assert!(text.contains("F001;2026-W48;5,50;0,50\n"), "{text}");
        assert_eq!(text.matches("F002;2026-W49;").count(), 1, "{text}");
    }
}
