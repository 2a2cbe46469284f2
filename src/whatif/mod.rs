//! What-if analysis: a week's problem changed by scenarios (absences, leavers, new workers, new
//! families, hours, remote cap, demand), every scenario planned in parallel, warm-started from
//! the plan of the week as it is, and the results made consistent with each other.
//!
//! Consistency is enforced, not hoped for: a scenario that only takes capacity away has rosters
//! that are also rosters of the original week, and one that only adds capacity can use the
//! original week's roster as it is. After all scenarios are solved, each such roster is offered
//! to the other side, and the better one (by the objective) is kept. So an absence never ends
//! with a better objective than the week as it is, and added workers never with a worse one.
//! Delivered hours follow the objective up to its trade-offs (an hour of shortfall costs 100,
//! every term but a meeting less): the tolerance stated and tested is 0.5 h.

pub mod capacity;

use crate::model::{
    Activity, AvailabilityException, ExceptionKind, Plan, Problem, Roster, Scenario, Week,
};
use crate::solve::objective;
use rayon::prelude::*;
use std::time::Instant;

/// A scenario's week and how its workers relate to the original week's.
#[derive(Debug, Clone)]
pub struct Applied {
    pub week: Week,
    /// Original worker index → index in the scenario (`None` for leavers).
    pub worker_map: Vec<Option<usize>>,
}

/// The problem of `s` applied to `p`. New workers and families get ids `<like>+<n>` (the first
/// free n); they keep the pattern, skills, hours and base (workers) or the service, hours,
/// home, rules and skills (families) of the one they are like, but no absences, history,
/// own worker or payroll number (so a scenario with hires has no `[payroll] preset`). A team-wide remote cap also lowers the families' own caps above it and applies
/// to this week's hours alone (the history of earlier weeks was planned under the old cap).
pub fn apply(week: &Week, s: &Scenario) -> Applied {
    let p: &Problem = week;
    let mut q = p.clone();
    for h in &s.worker_hours {
        let w = &mut q.workers[h.worker];
        if let Some(c) = h.contract_hours {
            w.contract_hours = c;
        }
        if let Some(c) = h.capacity_hours {
            w.capacity_hours = c;
        }
    }
    for &crate::model::Absence { worker: w, day } in &s.absent {
        let days: Vec<usize> = match day {
            Some(d) => vec![d],
            None => (0..7).collect(),
        };
        for d in days {
            q.exceptions.push(AvailabilityException {
                worker: w,
                day: d,
                span: None,
                kind: ExceptionKind::Absent,
            });
        }
    }
    for &crate::model::Copies { like, count } in &s.add_workers {
        for _ in 0..count {
            let mut w = p.workers[like].clone();
            w.id = fresh_id(&p.workers[like].id, |id| {
                q.workers.iter().any(|x| x.id == id)
            });
            // A hire of the scenario has no number in the payroll system yet.
            w.payroll_id = None;
            q.workers.push(w);
        }
    }
    if q.workers.iter().any(|w| w.payroll_id.is_none()) {
        // So the scenario writes no payroll import file (a hire would have no number in it, and
        // another worker's number must never be used), and its plan folder, without the
        // preset, still passes `check`.
        q.settings.payroll.preset = None;
    }
    for &crate::model::Copies { like, count } in &s.add_families {
        for _ in 0..count {
            let mut f = p.families[like].clone();
            f.id = fresh_id(&p.families[like].id, |id| {
                q.families.iter().any(|x| x.id == id)
            });
            f.primary_worker = None;
            q.families.push(f);
        }
    }
    if let Some(cap) = s.remote_max_share {
        // A new cap is a policy from this week on: earlier weeks were planned under the old
        // one (and may alone exceed the new cap), so the rolling window's history is left out.
        q.history.clear();
        q.settings.remote_max_share = cap;
        for f in &mut q.families {
            f.remote_max_share = f.remote_max_share.map(|own| own.min(cap));
        }
    }
    if let Some(k) = s.scale_demand {
        for f in &mut q.families {
            f.weekly_hours = (f.weekly_hours * k * 4.0).round() / 4.0;
        }
    }
    let worker_map = remove_workers(&mut q, &s.remove_workers);
    q.rebuild_derived();
    // The scenario's own week decides which appointments hold (an absence drops its own).
    let mut q = Week {
        problem: q,
        pins: Default::default(),
        past: week.past.clone(),
        reference: week.reference.clone(),
    };
    crate::solve::pins::pin(&mut q);
    Applied {
        week: q,
        worker_map,
    }
}

/// `<like>+1`, `<like>+2`, … : the first that `taken` says is free.
fn fresh_id(like: &str, taken: impl Fn(&str) -> bool) -> String {
    (1..)
        .map(|n| format!("{like}+{n}"))
        .find(|id| !taken(id))
        .expect("some number is free")
}

/// Removes workers and renumbers every reference to the others; returns the index map.
fn remove_workers(q: &mut Problem, gone: &[usize]) -> Vec<Option<usize>> {
    let n = q.workers.len();
    let mut map = Vec::with_capacity(n);
    let mut next = 0;
    for w in 0..n {
        if gone.contains(&w) {
            map.push(None);
        } else {
            map.push(Some(next));
            next += 1;
        }
    }
    if gone.is_empty() {
        return map;
    }
    let mut i = 0;
    q.workers.retain(|_| {
        i += 1;
        map[i - 1].is_some()
    });
    for f in &mut q.families {
        f.primary_worker = f.primary_worker.and_then(|w| map[w]);
        f.excluded_workers = f.excluded_workers.iter().filter_map(|&w| map[w]).collect();
    }
    q.exceptions = q
        .exceptions
        .iter()
        .filter_map(|x| {
            map[x.worker].map(|w| AvailabilityException {
                worker: w,
                ..x.clone()
            })
        })
        .collect();
    for a in &mut q.appointments {
        a.worker = a.worker.and_then(|w| map[w]);
        a.partner = a.partner.and_then(|w| map[w]);
    }
    map
}

/// The original week's roster carried into a scenario as far as it still holds there: its rows
/// are put back through the planner's one feasibility check (`WeekState::check_add`), meetings
/// first, then joint visits, visits and remote sessions (so the remote cap sees the in-person
/// hours kept), each meeting's staffing and each joint visit whole or not at all; what a
/// leaver, an absence, a lowered hour or remote cap, a new exclusion or skill refuses is
/// dropped, and the greedy fills what is left. `None` when the result would break a rule
/// (then the scenario starts from its own greedy plan).
pub fn carry_over(roster: &Roster, a: &Applied) -> Option<Roster> {
    crate::solve::carry::carry(&a.week, &roster.activities, |w| a.worker_map[w])
}

/// The outcome of one scenario.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The scenario's name as it may be shown (printed with whatif.csv to stdout, written
    /// into whatif.csv): control and invisible characters escaped by
    /// [`crate::report::text::terminal`], so a name never forges a line or moves a terminal.
    pub name: String,
    pub applied: Applied,
    pub plan: Plan,
}

/// The plans of a what-if run.
#[derive(Debug, Clone)]
pub struct Run {
    /// The week as it is.
    pub week: Plan,
    /// Every scenario, in the file's order.
    pub outcomes: Vec<Outcome>,
}

/// Plans the original week and every scenario, `jobs` scenarios at a time (rayon), each warm
/// started from the original week's roster; then offers rosters across the restrict/extend
/// relation (see the module doc). `progress` gets a line per finished scenario.
pub fn run(p: &Week, scenarios: &[Scenario], jobs: usize, progress: &(dyn Fn(&str) + Sync)) -> Run {
    let t0 = Instant::now();
    let mut week = crate::solve::plan_with(p, &|_| {});
    let (base, base_info) = (&mut week.roster, &mut week.info);
    progress(&format!(
        "the week as it is: objective {:.2} in {:.1} s",
        base_info.objective.unwrap_or(f64::NAN),
        t0.elapsed().as_secs_f64()
    ));
    let solve_one = |s: &Scenario| {
        let t = Instant::now();
        let applied = apply(p, s);
        let warm = carry_over(base, &applied);
        let mut plan = crate::solve::plan_warm(&applied.week, warm, &|_| {});
        let info = &mut plan.info;
        info.seconds = t.elapsed().as_secs_f64();
        progress(&format!(
            "scenario \"{}\": objective {:.2} in {:.1} s",
            shown(&s.name),
            info.objective.unwrap_or(f64::NAN),
            info.seconds
        ));
        Outcome {
            name: shown(&s.name),
            applied,
            plan,
        }
    };
    let mut outcomes: Vec<Outcome> = map_jobs(scenarios, jobs, solve_one);
    // A restricting scenario's roster is a roster of the week as it is.
    for (s, o) in scenarios.iter().zip(&outcomes) {
        if s.only_restricts(p)
            && let Some(r) = map_back(&o.plan.roster, &o.applied.worker_map)
            && crate::check::check_roster(p, &r).is_empty()
        {
            let v = objective::evaluate(p, &r);
            if v < base_info.objective.unwrap_or(f64::INFINITY) - 1e-9 {
                *base = r;
                base_info.objective = Some(v);
                base_info
                    .method
                    .push_str(&format!(" (improved by scenario \"{}\")", shown(&s.name)));
            }
        }
    }
    // The week as it is is a roster of every scenario that only adds capacity.
    for (s, o) in scenarios.iter().zip(outcomes.iter_mut()) {
        if s.only_adds_capacity(p) && crate::check::check_roster(&o.applied.week, base).is_empty() {
            let v = objective::evaluate(&o.applied.week, base);
            if v < o.plan.info.objective.unwrap_or(f64::INFINITY) - 1e-9 {
                o.plan.roster = base.clone();
                o.plan.statuses = crate::solve::pins::outcome(&o.applied.week, base);
                o.plan.info.objective = Some(v);
                o.plan.info.method =
                    format!("{} (the week as it is was better)", o.plan.info.method);
            }
        }
    }
    if let Some(b) = base_info.bound {
        base_info.bound = Some(b.min(base_info.objective.unwrap_or(b)));
    }
    week.statuses = crate::solve::pins::outcome(p, &week.roster);
    Run { week, outcomes }
}

/// Most solves run at once (`--jobs`): each solve holds its own model and search state, and
/// more threads than this only add memory on any machine caseload is meant for. The command
/// line refuses more (exit 2); library callers asking for more get this many.
pub const MAX_JOBS: usize = 64;

/// A scenario's name as caseload shows it (see [`Outcome::name`]).
fn shown(name: &str) -> String {
    crate::report::text::terminal(name).into_owned()
}

/// `f` over `items`, `jobs` (at most [`MAX_JOBS`]) at a time. One job runs them one after
/// another on the global pool, so each solve keeps both of its threads (MIP beside the search)
/// as `caseload plan` has; more jobs run on a pool of that many threads, where each solve's
/// inner work runs inline. When the system refuses the threads, they run one after another.
pub(crate) fn map_jobs<T: Sync, R: Send>(
    items: &[T],
    jobs: usize,
    f: impl Fn(&T) -> R + Sync + Send,
) -> Vec<R> {
    let jobs = jobs.min(MAX_JOBS).min(items.len());
    if jobs <= 1 {
        return items.iter().map(f).collect();
    }
    match rayon::ThreadPoolBuilder::new().num_threads(jobs).build() {
        Ok(pool) => pool.install(|| items.par_iter().map(f).collect()),
        Err(_) => items.iter().map(f).collect(),
    }
}

/// A scenario's roster in the original week's worker numbering (`None` if a row belongs to a
/// worker the original week does not have).
fn map_back(r: &Roster, worker_map: &[Option<usize>]) -> Option<Roster> {
    let mut back = vec![None; worker_map.iter().flatten().count()];
    for (orig, new) in worker_map.iter().enumerate() {
        if let Some(n) = new {
            back[*n] = Some(orig);
        }
    }
    let mut out = Roster::default();
    for a in &r.activities {
        let worker = (*back.get(a.worker)?)?;
        let partner = match a.partner {
            Some(w) => Some((*back.get(w)?)?),
            None => None,
        };
        out.activities.push(Activity {
            worker,
            partner,
            ..*a
        });
    }
    Some(out)
}

/// One row of whatif.csv.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub demand_hours: f64,
    pub delivered_hours: f64,
    pub shortfall_hours: f64,
    pub families_short: usize,
    pub meetings_uncovered: usize,
    pub travel_hours: f64,
    pub overtime_hours: f64,
    pub mean_utilization: f64,
}

/// The figures of a scenario's roster.
pub fn summarize(p: &Week, r: &Roster) -> Summary {
    let fams = crate::report::coverage::family_rows(p, r);
    let meetings = crate::report::coverage::meeting_rows(p, r);
    let workers = crate::report::utilization::worker_rows(p, r);
    let delivered = crate::report::coverage::delivered_and_coverage(p, &fams).hours;
    let n = workers.len().max(1) as f64;
    Summary {
        demand_hours: p.demand_hours(),
        delivered_hours: delivered,
        shortfall_hours: fams.iter().map(|f| f.shortfall_hours).sum(),
        families_short: fams.iter().filter(|f| f.shortfall_hours > 0.0).count(),
        meetings_uncovered: meetings.iter().filter(|m| !m.covered).count(),
        travel_hours: workers.iter().map(|w| w.travel_hours).sum(),
        overtime_hours: workers
            .iter()
            .map(|w| w.overtime(p.workers[w.worker].contract_hours))
            .sum(),
        mean_utilization: workers
            .iter()
            .map(|w| w.utilization(p.workers[w.worker].contract_hours))
            .sum::<f64>()
            / n,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::tiny::problem;
    use crate::model::PayrollPreset;

    #[test]
    fn a_scenario_with_hires_drops_the_payroll_preset_and_one_without_keeps_it() {
        let mut p = problem();
        p.settings.payroll.preset = Some(PayrollPreset::Fivaldi);
        for (i, w) in p.workers.iter_mut().enumerate() {
            w.payroll_id = Some(format!("{}", 100 + i));
        }
        let hire = Scenario {
            add_workers: vec![crate::model::Copies { like: 0, count: 1 }],
            ..Scenario::default()
        };
        let q = apply(&Week::new(p.clone()), &hire).week;
        assert_eq!(q.workers.last().unwrap().payroll_id, None);
        assert_eq!(q.settings.payroll.preset, None);
        let absent = Scenario {
            absent: vec![crate::model::Absence {
                worker: 0,
                day: Some(1),
            }],
            ..Scenario::default()
        };
        let q = apply(&Week::new(p.clone()), &absent).week;
        assert_eq!(q.settings.payroll.preset, Some(PayrollPreset::Fivaldi));
    }
}
