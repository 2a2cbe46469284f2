//! `history_next.csv`: the plan's `history.csv` with this week's delivered hours added, ready to
//! be next week's `history.csv`, so that the rolling four-week remote cap needs no hand work.

use super::coverage::FamilyRow;
use crate::model::table::{Cell, DataTable};
use crate::model::{IsoWeek, Problem};

/// The header of `history.csv` (and of `history_next.csv`).
pub const HISTORY_COLUMNS: [&str; 4] = ["family_id", "week", "in_person_hours", "remote_hours"];

/// The plan's history rows, except those of the planned week, and one row per family for the
/// planned week with what `rows` (coverage's family rows of the roster) delivered: in-person
/// hours (home and joint visits, each worker's row counted) and remote hours; meetings are not
/// included. Sorted by family id, then week (rows of one family and week keep their order).
/// Hours are written with two decimals like every output, so the planned week's row equals
/// coverage.csv's `in_person_hours` and `remote_hours`.
pub fn history_next_table(p: &Problem, rows: &[FamilyRow]) -> DataTable {
    let week = p.settings.week;
    let mut out: Vec<(&str, IsoWeek, f64, f64)> = p
        .history
        .iter()
        .filter(|h| h.week != week)
        .map(|h| {
            (
                p.families[h.family].id.as_str(),
                h.week,
                h.in_person_hours,
                h.remote_hours,
            )
        })
        .collect();
    out.extend(rows.iter().map(|r| {
        (
            p.families[r.family].id.as_str(),
            week,
            r.in_person_hours,
            r.remote_hours,
        )
    }));
    out.sort_by(|a, b| (a.0, a.1.monday()).cmp(&(b.0, b.1.monday())));
    let mut t = DataTable::new("history_next.csv", &HISTORY_COLUMNS);
    for (family, w, in_person, remote) in out {
        t.push(vec![
            family.into(),
            w.to_string().into(),
            Cell::Number(in_person),
            Cell::Number(remote),
        ]);
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::table::Cell;
    use crate::model::{Activity, ActivityKind, HistoryWeek, Interval, Roster};

    fn row(kind: ActivityKind, worker: usize, family: usize, start: u32, end: u32) -> Activity {
        Activity {
            day: 0,
            span: Interval::new(start, end),
            worker,
            kind,
            family: Some(family),
            meeting: None,
            partner: None,
            room: None,
            location: (kind != ActivityKind::Remote).then_some(crate::check::tiny::HOME_A),
        }
    }

    fn text(c: &Cell) -> String {
        match c {
            Cell::Text(s) => s.clone(),
            Cell::Number(x) => format!("{x:.2}"),
            other => panic!("unexpected cell {other:?}"),
        }
    }

    #[test]
    fn this_week_replaces_its_history_row_and_rows_are_sorted() {
        let mut p = crate::check::tiny::problem();
        let this = p.settings.week;
        let earlier = IsoWeek::new(this.year, this.week - 1).unwrap();
        let much_earlier = IsoWeek::new(this.year, this.week - 3).unwrap();
        p.history = vec![
            HistoryWeek {
                family: 1,
                week: earlier,
                in_person_hours: 4.0,
                remote_hours: 1.0,
            },
            HistoryWeek {
                family: 0,
                week: this,
                in_person_hours: 9.0,
                remote_hours: 9.0,
            },
            HistoryWeek {
                family: 0,
                week: much_earlier,
                in_person_hours: 2.5,
                remote_hours: 0.0,
            },
        ];
        let r = Roster {
            activities: vec![
                row(ActivityKind::HomeVisit, 0, 0, 600, 690),
                row(ActivityKind::JointVisit, 0, 0, 720, 780),
                row(ActivityKind::JointVisit, 1, 0, 720, 780),
                row(ActivityKind::Remote, 1, 0, 900, 920),
            ],
        };
        let rows = crate::report::coverage::family_rows(&crate::model::Week::new(p.clone()), &r);
        let t = history_next_table(&p, &rows);
        assert_eq!(t.file, "history_next.csv");
        assert_eq!(t.headers, HISTORY_COLUMNS);
        let got: Vec<Vec<String>> = t
            .rows
            .iter()
            .map(|r| r.iter().map(text).collect())
            .collect();
        let (f0, f1) = (p.families[0].id.clone(), p.families[1].id.clone());
        assert!(f0 < f1, "the tiny week's families are in id order");
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(
            got,
            vec![
                s(&[&f0, &much_earlier.to_string(), "2.50", "0.00"]),
                // 90 min + two joint rows of 60 min in person, 20 min remote; the old row of
                // this week is gone.
                s(&[&f0, &this.to_string(), "3.50", "0.33"]),
                s(&[&f1, &earlier.to_string(), "4.00", "1.00"]),
                s(&[&f1, &this.to_string(), "0.00", "0.00"]),
            ]
        );
    }
}
