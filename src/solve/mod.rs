//! Planning the week: the rule-abiding baseline planner (greedy), the assignment MIP through
//! good_lp/HiGHS, and the realization of its decisions as a timed roster.

pub mod baseline;
pub mod day;
pub mod mip;
pub mod objective;
pub mod realize;
pub mod state;

use crate::model::{Problem, Roster, SolveInfo};
use std::time::Instant;

/// Plans the week and says how: the baseline first (fallback and yardstick), then the
/// optimizer within the time limit; the roster with the better exact objective is returned.
/// The bound is the optimizer's proven dual bound (that of the restricted model when candidate
/// workers had to be restricted, which `SolveInfo::status` says).
pub fn plan(p: &Problem) -> (Roster, SolveInfo) {
    let t0 = Instant::now();
    let base = baseline::baseline(p);
    let base_value = objective::evaluate(p, &base);
    let left = (p.settings.time_limit_seconds - t0.elapsed().as_secs_f64()).max(0.5);
    let Some(out) = mip::solve(p, left) else {
        let info = SolveInfo {
            method: "baseline (greedy); the MIP found no solution in time".into(),
            status: "feasible".into(),
            objective: Some(base_value),
            bound: None,
            seconds: t0.elapsed().as_secs_f64(),
        };
        return (base, info);
    };
    let realized = realize::realize(p, &out.decisions);
    let value = objective::evaluate(p, &realized);
    let (roster, objective, method) = if value <= base_value {
        (
            realized,
            value,
            format!("MIP (HiGHS, {} columns) + timed realization", out.columns),
        )
    } else {
        (
            base,
            base_value,
            format!("baseline (greedy) kept: better than the realized MIP ({value:.1})"),
        )
    };
    let status = format!(
        "{}{}",
        out.status.to_lowercase(),
        if out.restricted {
            ", bound of the restricted model"
        } else {
            ""
        }
    );
    let info = SolveInfo {
        method,
        status,
        objective: Some(objective),
        bound: Some(out.bound.min(objective)),
        seconds: t0.elapsed().as_secs_f64(),
    };
    (roster, info)
}
