//! Measures where the example's gap lies (issue 17): `cargo run --release --example bounds --
//! PLAN_DIR SECONDS` prints the assignment MIP's dual bound and the route bound (column
//! generation), each given SECONDS alone, and the simplest lower bound on the
//! worker–family-pairs term (one worker per family with client work, two where a joint visit
//! is asked), beside which a roster's own terms can be read (`objective.py`).

use caseload::io::load_plan;
use caseload::solve::mip;
use std::path::Path;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(dir), Some(secs)) = (args.get(1), args.get(2).and_then(|s| s.parse::<f64>().ok()))
    else {
        eprintln!("usage: bounds PLAN_DIR SECONDS");
        std::process::exit(2);
    };
    let p = match load_plan(Path::new(dir)) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let pairs: usize = p
        .families
        .iter()
        .filter(|f| f.weekly_hours > 0.0)
        .map(|f| if f.joint_visits > 0 { 2 } else { 1 })
        .sum();
    println!(
        "pairs term: at least {pairs} pairs ({:.2} objective units)",
        pairs as f64 * p.settings.weights.worker_per_family
    );
    match mip::solve(&p, secs) {
        Some(out) => println!(
            "assignment MIP: bound {:.2} ({}, {:.1} s, {} columns)",
            out.bound, out.status, out.seconds, out.columns
        ),
        None => println!("assignment MIP: no solution in {secs} s"),
    }
    let r = mip::colgen::route_bound(&p, secs);
    println!(
        "route bound: LP {:.2}, proven {}, {} rounds, {} routes, converged {}, {:.1} s",
        r.lp,
        r.bound.map_or("nothing".to_owned(), |b| format!("{b:.2}")),
        r.rounds,
        r.columns,
        r.converged,
        r.seconds
    );
}
