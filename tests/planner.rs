//! The baseline planner on generated plans: every roster passes the rule checker and the
//! reports agree with it, also when the week is overloaded.

mod common;

use caseload::check::{check_reports, check_roster};
use caseload::generate::{GenOptions, generate};
use caseload::model::PayCode;

/// Solver time limit in the tests: enough for small models, short enough for CI.
const LIMIT: f64 = 3.0;

fn plan_and_check(p: &caseload::model::Week) -> caseload::report::Reports {
    let mut p = p.clone();
    p.settings.time_limit_seconds = LIMIT;
    let p = &p;
    let caseload::model::Plan { roster, info, .. } = caseload::solve::plan(p);
    if let (Some(o), Some(b)) = (info.objective, info.bound) {
        assert!(b <= o + 1e-6, "bound {b} above objective {o}");
    }
    let v = check_roster(p, &roster);
    assert!(
        v.is_empty(),
        "rule violations:\n{}",
        v.iter()
            .map(|x| x.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    );
    let reports = caseload::report::build(
        p,
        &caseload::solve::pins::plan_of(p, roster.clone(), info.clone()),
    );
    let v = check_reports(
        p,
        &roster,
        &reports.coverage,
        &reports.utilization,
        &reports.payroll,
    );
    assert!(
        v.is_empty(),
        "report mismatches:\n{}",
        v.iter()
            .map(|x| x.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    );
    reports
}

fn column(t: &caseload::model::table::DataTable, name: &str) -> usize {
    t.headers.iter().position(|h| *h == name).unwrap()
}

#[test]
fn generated_plans_of_several_sizes_and_seeds_obey_every_rule() {
    for (workers, families, seed) in [
        (3, 8, 1),
        (10, 30, 2),
        (14, 45, 3),
        (30, 90, 4),
        (12, 36, 5),
    ] {
        let p = caseload::model::Week::new(generate(&GenOptions::new(workers, families, seed)));
        plan_and_check(&p);
    }
}

#[test]
fn an_overloaded_week_still_obeys_every_rule_and_explains_each_shortfall() {
    let mut o = GenOptions::new(8, 40, 11);
    o.load = 1.8;
    let p = caseload::model::Week::new(generate(&o));
    let reports = plan_and_check(&p);
    let (short, reason) = (
        column(&reports.coverage, "shortfall_hours"),
        column(&reports.coverage, "reason"),
    );
    let mut shortfalls = 0;
    for row in &reports.coverage.rows {
        let caseload::model::table::Cell::Number(h) = row[short] else {
            panic!("shortfall is a number")
        };
        if h > 0.02 {
            shortfalls += 1;
            let caseload::model::table::Cell::Text(r) = &row[reason] else {
                panic!("reason is text")
            };
            assert!(!r.is_empty(), "shortfall {h} h without a reason");
        }
    }
    assert!(
        shortfalls > 5,
        "a 180 % load leaves families short ({shortfalls})"
    );
}

#[test]
fn planning_is_deterministic() {
    let mut p = caseload::model::Week::new(generate(&GenOptions::new(6, 15, 9)));
    p.settings.time_limit_seconds = 1000.0; // determinism needs the MIP to finish, not a clock
    assert_eq!(
        caseload::solve::plan(&p).roster,
        caseload::solve::plan(&p).roster
    );
}

#[test]
fn payroll_uses_renamed_codes_and_the_date_format() {
    let mut p = caseload::model::Week::new(generate(&GenOptions::new(10, 30, 2)));
    p.settings.payroll.date_format = "%d.%m.%Y".into();
    p.settings.payroll.codes.insert(PayCode::Reg, "1001".into());
    p.settings.payroll.codes.insert(PayCode::Sat, "2050".into());
    let reports = plan_and_check(&p);
    let code = column(&reports.payroll, "pay_code");
    let date = column(&reports.payroll, "date");
    let text = |c: &caseload::model::table::Cell| match c {
        caseload::model::table::Cell::Text(s) | caseload::model::table::Cell::Date(_, s) => {
            s.clone()
        }
        other => panic!("{other:?}"),
    };
    assert!(
        reports
            .payroll
            .rows
            .iter()
            .any(|r| text(&r[code]) == "1001")
    );
    assert!(!reports.payroll.rows.iter().any(|r| text(&r[code]) == "REG"));
    assert!(
        reports
            .payroll
            .rows
            .iter()
            .all(|r| text(&r[date]).ends_with(".2026"))
    );
}

#[test]
fn sunday_and_holiday_hours_are_paid_as_sun_and_saturday_within_its_window() {
    let p = caseload::model::Week::new(generate(&GenOptions::new(14, 45, 5)));
    let roster = caseload::solve::baseline::baseline(&p);
    let pay = caseload::report::payroll::pay_minutes(&p, &roster);
    let weekend: u32 = roster
        .activities
        .iter()
        // A break is no work (SPEC: hours are the union of rows, breaks excluded): unpaid.
        .filter(|a| a.day == 6 && a.kind != caseload::model::ActivityKind::Break)
        .map(|a| a.minutes())
        .sum();
    let sun: u32 = pay
        .iter()
        .filter(|((_, d, c), _)| *d == 6 && *c == PayCode::Sun)
        .map(|(_, m)| *m)
        .sum();
    assert_eq!(
        weekend, sun,
        "every Sunday minute (2026-12-06 is also Independence Day) is SUN"
    );
    assert!(pay.keys().all(|(_, d, c)| *c != PayCode::Sat || *d == 5));
}

#[test]
fn a_generated_plan_reads_back_as_the_same_problem() {
    let mut o = GenOptions::new(12, 40, 21);
    o.load = 0.9;
    let p = caseload::model::Week::new(generate(&o));
    let dir = tempfile::tempdir().unwrap();
    caseload::io::write_plan::write_plan(dir.path(), &p).unwrap();
    let back = caseload::model::Week::new(
        caseload::io::load_plan(dir.path()).unwrap_or_else(|e| panic!("{e}")),
    );
    assert_eq!(back, p);
}

#[test]
fn a_planted_plan_comes_with_a_full_coverage_roster_that_obeys_every_rule() {
    for (workers, families, seed) in [(6, 18, 1), (12, 36, 3)] {
        let mut o = GenOptions::new(workers, families, seed);
        o.load = 0.9;
        let (p, roster) = caseload::generate::planted(&o);
        let p = caseload::model::Week::new(p);
        let v = check_roster(&p, &roster);
        assert!(v.is_empty(), "{v:?}");
        let t = caseload::solve::objective::terms(&p, &roster);
        assert!(
            t.shortfall_hours < 1e-6,
            "planted roster is {} h short",
            t.shortfall_hours
        );
        assert_eq!(
            (
                t.uncovered_meetings,
                t.missing_visits,
                t.missing_joint_visits
            ),
            (0.0, 0.0, 0.0)
        );
    }
}
