//! Plans one week whole and office by office at the same time limit, one after the other in
//! one run, and prints for each the summary's `result:` line with its wall time, travel and
//! worker–family pairs (issue 17's before and after; BENCHMARKS.md "County scale").
//!
//! `cargo run --release --example county -- PLAN_DIR SECONDS [whole|county|both]`

use caseload::solve::{objective, plan_warm, plan_whole};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(dir), Some(limit)) = (args.get(1), args.get(2).and_then(|s| s.parse().ok())) else {
        eprintln!("usage: county PLAN_DIR SECONDS [whole|county|both]");
        std::process::exit(2);
    };
    let which = args.get(3).map_or("both", String::as_str);
    let mut p = caseload::io::load_plan(std::path::Path::new(dir)).unwrap_or_else(|e| {
        eprintln!("{e}");
        std::process::exit(2)
    });
    p.settings.time_limit_seconds = limit;
    let p = caseload::solve::week(p);
    let quiet = |_: &str| {};
    for mode in ["whole", "county"] {
        if which != "both" && which != mode {
            continue;
        }
        let t = Instant::now();
        let plan = if mode == "whole" {
            let (roster, info) = plan_whole(&p, None, &quiet);
            let statuses = caseload::solve::pins::outcome(&p, &roster);
            caseload::model::Plan {
                roster,
                info,
                statuses,
            }
        } else {
            plan_warm(&p, None, &quiet)
        };
        let (roster, info) = (&plan.roster, &plan.info);
        let wall = t.elapsed().as_secs_f64();
        let broken = caseload::check::check_roster(&p, roster);
        assert!(broken.is_empty(), "{mode}: {broken:?}");
        let summary = caseload::report::build(&p, &plan).summary;
        let result = summary
            .lines()
            .find(|l| l.starts_with("result: "))
            .unwrap_or("");
        let terms = objective::terms(&p, roster);
        println!(
            "{mode}: wall {wall:.1} s, pairs {}, travel {:.2} h; {}\n  {result}",
            terms.worker_family_pairs, terms.travel_hours, info.method
        );
    }
}
