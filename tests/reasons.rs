//! Shortfall and meeting reasons name the resource that binds. Each case takes the small
//! fixture plan (which is fully covered), removes one resource, plans the week and checks that
//! the reason given for the affected family or meeting names what was removed.

mod common;

use caseload::model::table::{Cell, DataTable};

/// (case, edits as (file, line, new text), family or meeting id, words the reason must contain).
type Case = (
    &'static str,
    &'static [(&'static str, usize, &'static str)],
    &'static str,
    &'static [&'static str],
);

const CASES: &[Case] = &[
    (
        "the only Swedish speaker's capacity is cut to 3 h",
        &[(
            "workers.csv",
            2,
            "W01,Anna K.,supervision|swedish,38.25,3,Mon-Fri 08:00-16:00,U1,21.5",
        )],
        "F003",
        &["needs skill swedish", "W01", "weekly capacity"],
    ),
    (
        "the same cut leaves one worker for the joint visit",
        &[(
            "workers.csv",
            2,
            "W01,Anna K.,supervision|swedish,38.25,3,Mon-Fri 08:00-16:00,U1,21.5",
        )],
        "F002",
        &["joint visit", "W01 at weekly capacity"],
    ),
    (
        "the family is available on Saturday only and nobody works Saturday",
        &[
            (
                "families.csv",
                3,
                "F002,lape_open_rehab,5,L2,Sat 09:00-12:00,1,3,90-150,15-60,0.1,1,W02,,W03",
            ),
            (
                "workers.csv",
                3,
                "W02,Mikko L.,supervision,38.25,,Mon-Fri 10:00-18:00,U1,",
            ),
        ],
        "F002",
        &["available Sat 09:00-12:00", "no qualified worker"],
    ),
    (
        "nobody works Saturday, when the exchange is",
        &[(
            "workers.csv",
            3,
            "W02,Mikko L.,supervision,38.25,,Mon-Fri 10:00-18:00,U1,",
        )],
        "M2",
        &["no qualified worker works 2026-12-05 10:00-10:30"],
    ),
    (
        "a second meeting wants the only room at the same time",
        &[(
            "meetings.csv",
            4,
            "M3,F003,exchange,2026-12-05,10:00,10:30,R1,1,",
        )],
        "M3|M2",
        &["no room free", "R1 taken by"],
    ),
    (
        "two visits a week cannot hold 20 h and remote is capped",
        &[(
            "families.csv",
            2,
            "F001,family_rehab_home,20,L1,,2,2,60-180,15-60,,0,W01,,",
        )],
        "F001",
        &["max_visits 2 reached", "remote cap 20 % reached"],
    ),
    (
        "the second worker for the joint visit works Saturday only",
        &[(
            "workers.csv",
            2,
            "W01,Anna K.,supervision|swedish,38.25,,Sat 09:00-10:00,U1,21.5",
        )],
        "F002",
        &[
            "joint visit needs two qualified workers",
            "only W02 works then",
        ],
    ),
];

/// Plans the fixture with `edits` applied; returns the coverage and meetings tables.
fn plan(edits: &[(&str, usize, &str)]) -> (DataTable, DataTable) {
    let dir = common::small_plan();
    for (file, line, text) in edits {
        common::set_line(dir.path(), file, *line, text);
    }
    let mut p = caseload::model::Week::new(
        caseload::io::load_plan(dir.path()).unwrap_or_else(|e| panic!("{e}")),
    );
    p.settings.time_limit_seconds = 2.0;
    let caseload::model::Plan { roster, info, .. } = caseload::solve::plan(&p);
    let v = caseload::check::check_roster(&p, &roster);
    assert!(v.is_empty(), "rule violations: {v:?}");
    let r = caseload::report::build(
        &p,
        &caseload::solve::pins::plan_of(&p, roster.clone(), info.clone()),
    );
    (r.coverage, r.meetings)
}

/// The reason given for `id` (a family's reason, or a meeting's status), "" when none.
fn reason(tables: &(DataTable, DataTable), id: &str) -> String {
    let text = |c: &Cell| match c {
        Cell::Text(s) => s.clone(),
        other => panic!("{other:?}"),
    };
    for (t, col) in [(&tables.0, "reason"), (&tables.1, "status")] {
        let c = t.headers.iter().position(|h| *h == col).unwrap();
        if let Some(row) = t.rows.iter().find(|r| text(&r[0]) == id) {
            let s = text(&row[c]);
            return if s == "covered" { String::new() } else { s };
        }
    }
    panic!("no row for {id}")
}

#[test]
fn the_fixture_is_fully_covered_so_every_reason_below_comes_from_the_removal() {
    let t = plan(&[]);
    for id in ["F001", "F002", "F003", "M1", "M2", "M3"] {
        assert_eq!(reason(&t, id), "", "{id} has a reason before any removal");
    }
}

#[test]
fn a_removed_resource_is_named_in_the_reason() {
    let mut failures = Vec::new();
    for (case, edits, ids, words) in CASES {
        let t = plan(edits);
        // Either of two meetings may lose the contest for a room: take the one with a reason.
        let got = ids
            .split('|')
            .map(|id| reason(&t, id))
            .find(|r| !r.is_empty())
            .unwrap_or_default();
        let missing: Vec<&&str> = words.iter().filter(|w| !got.contains(**w)).collect();
        if missing.is_empty() {
            continue;
        }
        failures.push(format!(
            "{case}: reason for {ids} is {got:?}, missing {missing:?}"
        ));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
