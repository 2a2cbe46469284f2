//! Planning the week. Today: the rule-abiding baseline planner (greedy). The optimizer
//! (a MIP through good_lp/HiGHS) builds on it as warm start and fallback.

pub mod baseline;
pub mod day;
pub mod state;

use crate::model::{Problem, Roster, SolveInfo};
use std::time::Instant;

/// Plans the week and says how.
pub fn plan(p: &Problem) -> (Roster, SolveInfo) {
    let t0 = Instant::now();
    let roster = baseline::baseline(p);
    let info = SolveInfo {
        method: "baseline (greedy)".into(),
        status: "feasible".into(),
        objective: None,
        bound: None,
        seconds: t0.elapsed().as_secs_f64(),
    };
    (roster, info)
}
