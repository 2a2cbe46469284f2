//! Planning the week: the rule-abiding baseline planner (greedy), the assignment MIP through
//! good_lp/HiGHS, and the realization of its decisions as a timed roster.

pub mod baseline;
pub mod carry;
pub mod county;
pub mod day;
pub mod grid;
pub mod improve;
pub mod ledger;
pub mod mip;
pub mod moves;
pub mod objective;
pub mod pins;
pub mod realize;
pub mod rejection;
pub mod replan;
pub mod rules;
pub mod state;

use crate::model::{Plan, Problem, Roster, SolveInfo, Week};
use std::time::{Duration, Instant};

/// Share of the time limit the assignment MIP may use; the search gets the rest (and whatever
/// the MIP leaves unused).
const MIP_SHARE: f64 = 0.5;

/// Seconds left after the MIP from which the route bound runs beside the second search. Alone
/// it needs 68 s on the example (its bound passes the MIP's only in the last rounds) and 9–39 s
/// on generated 8–12-worker weeks, more than the 15 s a default run has left; with less time
/// it would only keep a core busy.
const ROUTE_BOUND_SECONDS: f64 = 45.0;

/// The week of `problem` ready to plan: nothing kept from an earlier roster, its appointments
/// pinned ([`pins::pin`]).
pub fn week(problem: Problem) -> Week {
    let mut w = Week::new(problem);
    pins::pin(&mut w);
    w
}

/// Plans the week without progress messages. See [`plan_with`].
pub fn plan(p: &Week) -> Plan {
    plan_with(p, &|_| {})
}

/// Plans the week and says how. The baseline greedy comes first (fallback and yardstick); the
/// assignment MIP then decides days and workers within part of the time limit and proves the
/// bound; its decisions are realized as a timed roster; the better of that and the baseline
/// is improved by large-neighbourhood search until the time limit or the move budget. The bound
/// is the MIP's dual bound (that of the restricted model when candidate workers had to be
/// restricted, which `SolveInfo::restricted` says). `progress` gets one line per phase.
pub fn plan_with(p: &Week, progress: &(dyn Fn(&str) + Sync)) -> Plan {
    plan_warm(p, None, progress)
}

/// [`plan_with`], with a rule-abiding roster to start from besides the greedy (what-if
/// scenarios pass the week's own plan carried over); the better of the two is searched from.
/// A county's week (several offices, many workers, nothing to keep) is planned office by
/// office ([`county`]), otherwise whole ([`plan_whole`]).
pub fn plan_warm(p: &Week, warm: Option<Roster>, progress: &(dyn Fn(&str) + Sync)) -> Plan {
    if !pins::is_set(p) {
        // Every caller pins first (to report what became of each appointment); a plan is
        // never made without its pins all the same.
        let mut q = p.clone();
        pins::pin(&mut q);
        return plan_warm(&q, warm, progress);
    }
    let (roster, info) = if county::applies(p) {
        county::plan(p, warm, progress)
    } else {
        plan_whole(p, warm, progress)
    };
    let statuses = pins::outcome(p, &roster);
    Plan {
        roster,
        info,
        statuses,
    }
}

/// [`plan_warm`] on the week as one problem, however large (each office of a county's week is
/// planned so).
pub fn plan_whole(
    p: &Week,
    warm: Option<Roster>,
    progress: &(dyn Fn(&str) + Sync),
) -> (Roster, SolveInfo) {
    // A warm start that lacks a pinned row is no plan of this week.
    let warm = warm.filter(|w| {
        let rows: std::collections::HashSet<&crate::model::Activity> =
            w.activities.iter().collect();
        p.pinned().iter().all(|a| rows.contains(a))
    });
    let t0 = Instant::now();
    let limit = p.settings.time_limit_seconds.max(0.1);
    let deadline = t0 + Duration::from_secs_f64(limit);
    let greedy = baseline::baseline(p);
    let greedy_value = objective::evaluate(p, &greedy);
    progress(&format!(
        "baseline (greedy): objective {greedy_value:.2} in {:.2} s",
        t0.elapsed().as_secs_f64()
    ));
    let (base, base_name) = match warm {
        Some(w) if objective::evaluate(p, &w) < greedy_value => (w, "warm start"),
        _ => (greedy, "baseline (greedy)"),
    };
    let mip_time = (limit * MIP_SHARE - t0.elapsed().as_secs_f64()).max(0.1);
    let budget = improve::move_budget(p);
    // At most one line a second per search, so a long run shows it is alive without flooding.
    let say = |from: &'static str| {
        let mut last = Instant::now();
        move |i: usize, v: f64| {
            if last.elapsed().as_secs_f64() >= 1.0 {
                last = Instant::now();
                progress(&format!("search from {from}: move {i}, objective {v:.2}"));
            }
        }
    };
    // The MIP runs on one thread; the search from the baseline runs beside it on the other.
    let (out, (from_base, base_stats)) = rayon::join(
        || mip::solve(p, mip_time),
        || improve::improve(p, base, budget, deadline, say("baseline")),
    );
    progress(&format!(
        "search from the baseline: {} moves, {} improving, objective {:.2} -> {:.2} ({})",
        base_stats.moves,
        base_stats.improving,
        base_stats.start,
        base_stats.end,
        base_stats.routing
    ));
    let mut best = (from_base, base_stats, base_name.to_owned());
    // The search from the realized MIP roster; beside it, on the other core, the route bound
    // when enough time is left for it to matter.
    let left = deadline
        .saturating_duration_since(Instant::now())
        .as_secs_f64();
    let (searched, routes) = rayon::join(
        || {
            out.as_ref().map(|out| {
                let realized = realize::realize(p, &out.decisions);
                improve::improve(p, realized, budget, deadline, say("MIP"))
            })
        },
        || (left >= ROUTE_BOUND_SECONDS).then(|| mip::colgen::route_bound(p, left)),
    );
    let (mut restricted, mut bound) = match (&out, searched) {
        (Some(out), Some((searched, stats))) => {
            progress(&format!(
                "MIP ({} columns): {}, bound {:.2} in {:.2} s; search from its realized roster: {} moves, objective {:.2} -> {:.2} ({})",
                out.columns,
                out.status.to_lowercase(),
                out.bound,
                out.seconds,
                stats.moves,
                stats.start,
                stats.end,
                stats.routing
            ));
            if stats.end < best.1.end {
                best = (
                    searched,
                    stats,
                    format!("MIP (HiGHS, {} columns) + timed realization", out.columns),
                );
            }
            (out.restricted, Some(out.bound))
        }
        _ => {
            progress("MIP: no solution within its time");
            best.2.push_str(" (no MIP solution in time)");
            (false, None)
        }
    };
    let mut bound_from_routes = false;
    if let Some(r) = routes {
        progress(&format!(
            "route bound: LP {:.2} after {} rounds ({} routes{}), proven {} in {:.2} s",
            r.lp,
            r.rounds,
            r.columns,
            if r.converged { ", solved" } else { "" },
            r.bound.map_or("nothing".to_owned(), |b| format!("{b:.2}")),
            r.seconds
        ));
        if let Some(rb) = r.bound
            && bound.is_none_or(|b| rb > b)
        {
            bound = Some(rb);
            bound_from_routes = true;
            restricted = r.restricted;
        }
    }
    let (roster, mut stats, mut method) = best;
    // Kept remote appointments of a family whose cap the week could not back are let go.
    let settled = pins::settle(p, roster.clone());
    let roster = if settled != roster {
        stats.end = objective::evaluate(p, &settled);
        settled
    } else {
        roster
    };
    method.push_str(&format!(
        " + search ({} moves, {} improving)",
        stats.moves, stats.improving
    ));
    let info = SolveInfo {
        method,
        objective: Some(stats.end),
        bound: bound.map(|b| b.min(stats.end)),
        mip_gap: p.settings.mip_gap,
        restricted,
        bound_from_routes,
        by_office: None,
        seconds: t0.elapsed().as_secs_f64(),
        evaluated: false,
    };
    (roster, info)
}
