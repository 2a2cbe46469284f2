//! The side-by-side table of BENCHMARKS.md: the baseline planner and the optimizer on the same
//! generated instances (fixed seeds), measured in the same run. Not a criterion bench (one
//! optimizer run takes up to its time limit); run with `cargo bench --bench table`, which
//! prints Markdown rows. Every roster is checked against the rules before its row is printed.

use caseload::generate::{GenOptions, generate, planted};
use caseload::model::Roster;
use caseload::report::coverage::{delivered_and_coverage, family_rows};
use caseload::solve::objective::{evaluate, terms};
use std::time::Instant;

/// (label, workers, families, seed, load, planted, time limit in seconds).
const INSTANCES: [(&str, usize, usize, u64, f64, bool, f64); 6] = [
    ("small", 10, 30, 1, 0.7, false, 30.0),
    ("medium", 30, 90, 2, 0.7, false, 30.0),
    ("large", 120, 400, 3, 0.7, false, 60.0),
    ("planted small", 12, 36, 3, 0.9, true, 30.0),
    ("planted large", 120, 400, 3, 0.9, true, 60.0),
    ("overloaded", 8, 40, 11, 1.8, false, 30.0),
];

fn row(
    label: &str,
    size: &str,
    method: &str,
    p: &caseload::model::Week,
    r: &Roster,
    secs: f64,
    bound: Option<f64>,
) {
    let v = caseload::check::check_roster(p, r);
    assert!(v.is_empty(), "{label} {method}: rule violations {v:?}");
    let obj = evaluate(p, r);
    let (b, gap) = match bound {
        Some(b) => (
            format!("{b:.2}"),
            format!("{:.1} %", (obj - b) / obj.abs().max(1e-9) * 100.0),
        ),
        None => ("—".into(), "—".into()),
    };
    let staffed = caseload::report::coverage::meeting_rows(p, r)
        .iter()
        .filter(|m| m.covered)
        .count();
    let t = terms(p, r);
    println!(
        "| {label} | {size} | {method} | {secs:.2} s | {obj:.2} | {b} | {gap} | {:.2} % | {staffed}/{} | {:.2} | {} |",
        delivered_and_coverage(p, &family_rows(p, r)).coverage * 100.0,
        p.meetings.len(),
        t.travel_hours,
        t.worker_family_pairs
    );
}

fn main() {
    println!(
        "| instance | workers × families | planner | wall | objective | bound | gap | coverage | meetings | travel h | worker–family pairs |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|");
    // The shipped example first, at its own 30 s limit.
    let p = caseload::model::Week::new(
        caseload::io::load_plan(std::path::Path::new("data/example")).expect("the example"),
    );
    let size = format!("{} × {}", p.workers.len(), p.families.len());
    side_by_side("data/example", &size, &p);
    for (label, w, f, seed, load, plant, limit) in INSTANCES {
        let mut o = GenOptions::new(w, f, seed);
        o.load = load;
        let (mut p, planted_travel) = if plant {
            let (p, r) = planted(&o);
            let p = caseload::model::Week::new(p);
            let t = terms(&p, &r).travel_hours;
            (p, Some(t))
        } else {
            (caseload::model::Week::new(generate(&o)), None)
        };
        p.settings.time_limit_seconds = limit;
        let size = format!("{w} × {f}");
        let label = match planted_travel {
            Some(t) => format!("{label} (seed {seed}, load {load}; planted travel {t:.2} h)"),
            None => format!("{label} (seed {seed}, load {load})"),
        };
        side_by_side(&label, &size, &p);
    }
}

/// The baseline's row and the optimizer's, on the same instance in the same run.
fn side_by_side(label: &str, size: &str, p: &caseload::model::Week) {
    let t0 = Instant::now();
    let base = caseload::solve::baseline::baseline(p);
    row(
        label,
        size,
        "baseline",
        p,
        &base,
        t0.elapsed().as_secs_f64(),
        None,
    );
    let t0 = Instant::now();
    let caseload::model::Plan {
        roster: r, info, ..
    } = caseload::solve::plan(p);
    let method = format!("optimizer ({:.0} s limit)", p.settings.time_limit_seconds);
    row(
        label,
        size,
        &method,
        p,
        &r,
        t0.elapsed().as_secs_f64(),
        info.bound,
    );
}
