//! What-if scenarios and the capacity question: each scenario kind changes the problem as
//! documented, every scenario roster obeys every rule of its own week, results are consistent
//! (an absence never ends better than the week as it is, an added worker never worse, delivered
//! hours within 0.5 h), and `capacity` finds the answer known by construction.

mod common;

use caseload::check::check_roster;
use caseload::generate::{GenOptions, generate};
use caseload::model::{Absence, Copies, HoursChange, Scenario, Week};
use caseload::solve::objective::evaluate;
use caseload::whatif::{apply, run, summarize};

/// Delivered hours may differ from the objective's verdict by this much (see `whatif` docs).
const DELIVERED_TOLERANCE: f64 = 0.5;

fn week() -> Week {
    let mut p = caseload::model::Week::new(generate(&GenOptions::new(6, 16, 23)));
    p.settings.time_limit_seconds = 2.0;
    p
}

fn named(name: &str) -> Scenario {
    Scenario {
        name: name.into(),
        ..Scenario::default()
    }
}

#[test]
fn each_scenario_kind_changes_the_problem_as_documented() {
    let p = week();
    let mut s = named("all kinds");
    s.absent = vec![
        Absence {
            worker: 0,
            day: Some(1),
        },
        Absence {
            worker: 1,
            day: None,
        },
    ];
    s.add_workers = vec![Copies { like: 2, count: 2 }];
    s.add_families = vec![Copies { like: 3, count: 1 }];
    s.worker_hours = vec![HoursChange {
        worker: 4,
        contract_hours: Some(20.0),
        capacity_hours: Some(22.0),
    }];
    s.remote_max_share = Some(0.1);
    s.scale_demand = Some(1.1);
    s.remove_workers = vec![5];
    let a = apply(&p, &s);
    let q = &a.week;
    // Absences: worker 0 on Tuesday, worker 1 all week.
    assert!(q.worker_windows[0][1].is_empty());
    assert!((0..7).all(|d| q.worker_windows[1][d].is_empty()));
    // Leaver gone, the others keep their numbers, the copies come last.
    assert_eq!(a.worker_map[5], None);
    assert_eq!(q.workers.len(), p.workers.len() - 1 + 2);
    let w2 = &p.workers[2].id;
    let copies: Vec<&str> = q.workers[5..].iter().map(|w| w.id.as_str()).collect();
    assert_eq!(copies, vec![format!("{w2}+1"), format!("{w2}+2")]);
    assert_eq!(q.workers[5].skills, p.workers[2].skills);
    assert!(q.families.iter().all(|f| {
        f.primary_worker != Some(5)
            || p.families
                .iter()
                .any(|g| g.id == f.id && g.primary_worker == Some(6))
    }));
    // The new family is like family 3, at its home, without an own worker.
    let new = q.families.last().unwrap();
    assert_eq!(new.id, format!("{}+1", p.families[3].id));
    assert_eq!(new.location, p.families[3].location);
    assert_eq!(new.primary_worker, None);
    // Hours, cap and demand.
    assert_eq!(q.workers[4].contract_hours, 20.0);
    assert_eq!(q.workers[4].capacity_hours, 22.0);
    assert!(q.families.iter().all(|f| {
        q.remote_cap(q.families.iter().position(|g| g.id == f.id).unwrap()) <= 0.1 + 1e-12
    }));
    assert!(q.history.is_empty(), "a new cap starts this week");
    for (f, g) in p.families.iter().zip(&q.families) {
        assert_eq!(g.weekly_hours, (f.weekly_hours * 1.1 * 4.0).round() / 4.0);
    }
}

#[test]
fn every_scenario_roster_obeys_every_rule_and_results_are_consistent() {
    let p = week();
    let mut absent = named("worker 1 absent");
    absent.absent = vec![Absence {
        worker: 1,
        day: None,
    }];
    let mut leaves = named("worker 2 leaves");
    leaves.remove_workers = vec![2];
    let mut fewer_hours = named("worker 0 at 10 h");
    fewer_hours.worker_hours = vec![HoursChange {
        worker: 0,
        contract_hours: None,
        capacity_hours: Some(10.0),
    }];
    let mut more = named("one more worker");
    more.add_workers = vec![Copies { like: 0, count: 1 }];
    let mut families = named("three more families");
    families.add_families = vec![Copies { like: 0, count: 3 }];
    let mut cap = named("stricter cap");
    cap.remote_max_share = Some(0.05);
    let mut demand = named("more demand");
    demand.scale_demand = Some(1.3);
    let scenarios = vec![
        named("as it is"),
        absent,
        leaves,
        fewer_hours,
        more,
        families,
        cap,
        demand,
    ];
    let caseload::whatif::Run { week, outcomes } = run(&p, &scenarios, 2, &|_| {});
    let (base, base_info) = (week.roster, week.info);
    assert!(check_roster(&p, &base).is_empty());
    let base_value = base_info.objective.unwrap();
    assert!((evaluate(&p, &base) - base_value).abs() < 1e-6);
    let base_delivered = summarize(&p, &base).delivered_hours;
    for (s, o) in scenarios.iter().zip(&outcomes) {
        let q = &o.applied.week;
        let v = check_roster(q, &o.plan.roster);
        assert!(v.is_empty(), "{}: {v:?}", s.name);
        let value = evaluate(q, &o.plan.roster);
        let delivered = summarize(q, &o.plan.roster).delivered_hours;
        if s.only_restricts(&p) {
            assert!(
                value >= base_value - 1e-6,
                "{}: {value} better than the week {base_value}",
                s.name
            );
            assert!(
                delivered <= base_delivered + DELIVERED_TOLERANCE,
                "{}: delivers {delivered} > {base_delivered}",
                s.name
            );
        }
        if s.only_adds_capacity(&p) {
            assert!(
                value <= base_value + 1e-6,
                "{}: {value} worse than the week {base_value}",
                s.name
            );
            assert!(
                delivered >= base_delivered - DELIVERED_TOLERANCE,
                "{}: delivers {delivered} < {base_delivered}",
                s.name
            );
        }
    }
    // The kinds above are classified as the module says.
    let restricts: Vec<bool> = scenarios.iter().map(|s| s.only_restricts(&p)).collect();
    assert_eq!(
        restricts,
        vec![true, true, true, true, false, false, true, false]
    );
    let adds: Vec<bool> = scenarios.iter().map(|s| s.only_adds_capacity(&p)).collect();
    assert_eq!(
        adds,
        vec![true, false, false, false, true, false, false, false]
    );
}

/// One worker with 10 h of capacity, families of 2 h a week at the office itself (no travel,
/// no remote work): the week holds one family, so exactly 4 more fit and the fifth does not.
fn one_worker_week() -> (tempfile::TempDir, Week) {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for (name, text) in [
        ("plan.toml", "week = \"2026-W49\"\n"),
        (
            "locations.csv",
            "id,name,lat,lon\nU1,Office,66.5030,25.7290\n",
        ),
        (
            "workers.csv",
            "id,name,skills,contract_hours,capacity_hours,available,base,hourly_wage\nW01,A. K.,,38.25,10,Mon-Fri 08:00-16:00,U1,\n",
        ),
        (
            "families.csv",
            "id,service,weekly_hours,location,available,min_visits,max_visits,visit_minutes,remote_minutes,remote_max_share,joint_visits,primary_worker,required_skills,excluded_workers\nF001,family_work,2,U1,,1,3,60-120,15-60,0,0,W01,,\n",
        ),
    ] {
        std::fs::write(d.join(name), text).unwrap();
    }
    let mut p =
        caseload::model::Week::new(caseload::io::load_plan(d).unwrap_or_else(|e| panic!("{e}")));
    p.settings.time_limit_seconds = 2.0;
    (dir, p)
}

#[test]
fn capacity_finds_the_number_known_by_construction() {
    let (_dir, p) = one_worker_week();
    let a = caseload::whatif::capacity::capacity(&p, 0, 20, 2, &|_| {});
    assert_eq!(a.fits, 4, "counts solved: {:?}", a.solved);
    assert!(a.trial.short.is_none());
    assert!(check_roster(&a.trial.applied.week, &a.trial.plan.roster).is_empty());
    let next = a.next.expect("five more were tried");
    assert_eq!(next.count, 5);
    let (_, why) = next.short.expect("five more leave a shortfall");
    assert!(why.contains("W01 at weekly capacity"), "{why}");
    // Galloping (1, 2), (6, 10), then the interval (2, 6): (3, 4), (5) — as many rounds as a
    // serial binary search over 0..=20 would need solves, two solves a round.
    assert!(a.rounds <= 5, "{} rounds: {:?}", a.rounds, a.solved);
}

/// More jobs than a `u32` has bits (the galloping doubles per job): the same answer, and
/// every count solved within 0..=max.
#[test]
fn capacity_with_more_jobs_than_bits_finds_the_same_number() {
    let (_dir, p) = one_worker_week();
    let a = caseload::whatif::capacity::capacity(&p, 0, 20, 40, &|_| {});
    assert_eq!(a.fits, 4, "counts solved: {:?}", a.solved);
    assert!(a.solved.iter().all(|&k| k <= 20), "{:?}", a.solved);
    assert_eq!(a.next.map(|t| t.count), Some(5));
}
