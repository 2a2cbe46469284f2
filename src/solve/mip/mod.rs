//! The weekly assignment MIP (good_lp → HiGHS): how many hours each worker gives each family on
//! each day, in person or remote; which two workers make each joint visit on which day; who
//! staffs each meeting. Timing within the day is left to `realize`, which places the decided
//! activities with explicit travel and repairs what does not fit.
//!
//! The model is a relaxation of the timed problem where the candidate set is complete: travel is
//! counted at its lower estimate (the shortest way into a home), rest and times of day are not
//! modelled. So its dual bound is a lower bound on the objective of any roster, and the gap
//! reported is between the realized roster (evaluated exactly) and that bound.
//!
//! Constraint groups live in their own files: `families` (hours, remote cap, visits, visits
//! and remote sessions per day),
//! `workers` (daily and weekly hours, overtime), `joint` (joint visits), `meetings` (staffing,
//! worker conflicts, rooms).

mod candidates;
pub mod colgen;
mod families;
mod joint;
mod meetings;
pub mod routes;
mod workers;

pub use candidates::{Block, blocks};

use crate::model::Problem;
use crate::model::limits;
use good_lp::{
    Constraint, Expression, ProblemVariables, Variable, VariableDefinition, constraint, highs,
    variable,
};
use std::time::Instant;

/// A model variable and its column in HiGHS (columns follow creation order).
#[derive(Debug, Clone, Copy)]
pub struct Col {
    pub var: Variable,
    pub col: usize,
}

/// Variables of one block.
#[derive(Debug, Clone, Copy)]
pub struct BlockVars {
    /// Number of in-person visits (0..=2, at most the family's `max_visits_per_day`).
    pub visits: Option<Col>,
    /// In-person hours.
    pub hours: Option<Col>,
    /// Remote hours.
    pub remote: Option<Col>,
    /// Takes part in the family's joint visit that day.
    pub joint: Option<Col>,
    /// Hours of that joint visit (equal to the visit's length when taking part).
    pub joint_hours: Option<Col>,
}

/// How travel enters the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Travel {
    /// Each visit pays the shortest way into its home: the assignment MIP. Cheap, but a far
    /// village costs no more than its nearest neighbour, so the bound is loose.
    PerVisit,
    /// Each worker-day pays the tour of the route it takes, a column priced in by `colgen`,
    /// which also adds the rows that tie time at a home to the routes through it.
    Routes,
}

/// A joint visit of `family` on `day`.
#[derive(Debug, Clone, Copy)]
pub struct JointVars {
    pub family: usize,
    pub day: usize,
    pub on: Col,
    pub length: Col,
}

/// Staffing of one meeting.
#[derive(Debug, Clone)]
pub struct MeetingVars {
    pub meeting: usize,
    pub uncovered: Col,
    pub staff: Vec<StaffVar>,
}

/// The model under construction.
pub struct Builder<'p> {
    pub p: &'p Problem,
    travel: Travel,
    /// Integer variables become continuous (the LP relaxation).
    relaxed: bool,
    vars: ProblemVariables,
    n: usize,
    pub constraints: Vec<Constraint>,
    pub objective: Expression,
    /// The objective's constant part (good_lp passes only the variable part to HiGHS).
    pub offset: f64,
    pub blocks: Vec<Block>,
    pub block_vars: Vec<BlockVars>,
    pub joints: Vec<JointVars>,
    pub meetings: Vec<MeetingVars>,
    /// Row (index into `constraints`) of each worker's daily-hours limit.
    pub day_rows: Vec<[Option<usize>; 7]>,
    /// Candidate workers were restricted (see `candidates`).
    pub restricted: bool,
    /// Each family's blocks, in order (so building the model is linear in the families, not
    /// quadratic: 60 000 families took minutes and 11 GB before).
    by_family: Vec<Vec<usize>>,
}

impl<'p> Builder<'p> {
    fn new(p: &'p Problem, travel: Travel, relaxed: bool) -> Self {
        let (blocks, restricted) = candidates::blocks(p);
        let mut by_family = vec![Vec::new(); p.families.len()];
        for (i, b) in blocks.iter().enumerate() {
            by_family[b.family].push(i);
        }
        Builder {
            p,
            travel,
            relaxed,
            vars: ProblemVariables::new(),
            n: 0,
            constraints: Vec::new(),
            objective: Expression::from(0.0),
            offset: 0.0,
            blocks,
            block_vars: Vec::new(),
            joints: Vec::new(),
            meetings: Vec::new(),
            day_rows: vec![[None; 7]; p.workers.len()],
            restricted,
            by_family,
        }
    }

    /// Builds every constraint group.
    fn build(&mut self) {
        self.block_variables();
        self.joint_visits();
        self.meeting_staffing();
        self.family_constraints();
        self.worker_constraints();
    }

    /// Hands the variables, objective and constraints over to HiGHS as a quiet, one-thread,
    /// fixed-seed model (so runs repeat); the builder keeps the blocks, rows and the rest.
    fn take_model(&mut self) -> highs::Model {
        let vars = std::mem::replace(&mut self.vars, ProblemVariables::new());
        let objective = std::mem::replace(&mut self.objective, Expression::from(0.0));
        let mut problem = vars.minimise(objective).using(highs);
        for c in self.constraints.drain(..) {
            problem = good_lp::SolverModel::with(problem, c);
        }
        let mut model = problem.into_inner();
        model.make_quiet();
        model.set_option("threads", 1);
        model.set_option("random_seed", 0);
        model
    }

    /// Pushes a constraint and returns its row.
    fn row(&mut self, c: Constraint) -> usize {
        self.constraints.push(c);
        self.constraints.len() - 1
    }

    fn add(&mut self, def: VariableDefinition) -> Col {
        let var = self.vars.add(def);
        self.n += 1;
        Col {
            var,
            col: self.n - 1,
        }
    }

    fn binary(&mut self) -> Col {
        self.integer(1)
    }

    fn integer(&mut self, hi: i32) -> Col {
        if self.relaxed {
            self.bounded(f64::from(hi))
        } else {
            self.add(variable().integer().min(0).max(hi))
        }
    }

    fn bounded(&mut self, hi: f64) -> Col {
        self.add(variable().min(0.0).max(hi))
    }

    fn nonneg(&mut self) -> Col {
        self.add(variable().min(0.0))
    }

    /// The blocks of `family` that `pred` keeps, in order.
    fn blocks_of(&self, family: usize, pred: impl Fn(&Block) -> bool) -> Vec<usize> {
        self.by_family[family]
            .iter()
            .copied()
            .filter(|&i| pred(&self.blocks[i]))
            .collect()
    }
}

/// The decisions read back from a solved model.
#[derive(Debug, Clone, Default)]
pub struct Decisions {
    pub blocks: Vec<BlockDecision>,
    pub joints: Vec<JointDecision>,
    pub meetings: Vec<MeetingDecision>,
}

/// What the model gives one worker × family × day block.
#[derive(Debug, Clone, Copy)]
pub struct BlockDecision {
    pub block: Block,
    pub visits: u32,
    /// In-person hours.
    pub hours: f64,
    /// Remote hours.
    pub remote: f64,
}

/// A joint visit the model makes.
#[derive(Debug, Clone)]
pub struct JointDecision {
    pub family: usize,
    pub day: usize,
    pub workers: Vec<usize>,
    /// Hours each worker spends on it.
    pub hours: f64,
}

/// The staff the model gives a meeting.
#[derive(Debug, Clone)]
pub struct MeetingDecision {
    pub meeting: usize,
    pub workers: Vec<usize>,
}

/// A worker who may staff a meeting, and the column that says whether they do.
#[derive(Debug, Clone, Copy)]
pub struct StaffVar {
    pub worker: usize,
    pub on: Col,
}

/// How the model went.
#[derive(Debug, Clone)]
pub struct MipOutcome {
    pub decisions: Decisions,
    /// The model's objective and proven lower bound (constant included).
    pub objective: f64,
    pub bound: f64,
    pub status: String,
    /// True when candidate workers were restricted (the bound is then that of the restricted model).
    pub restricted: bool,
    pub seconds: f64,
    pub columns: usize,
}

/// Builds and solves the model within `time_limit` seconds; `None` when HiGHS found no
/// solution (the caller falls back to the baseline).
/// Candidate blocks the MIP takes per second of its time limit. Building and handing over the
/// model costs about 15 µs and 1–10 KB per block (a plan of 30 000 families on 4 workers,
/// 840 000 blocks: 38 s and 8 GB at `--time-limit 1` without this cap); the example has 1 458
/// blocks and a county of 2 000 families with sixteen candidate workers about 224 000.
const BLOCKS_PER_SECOND: f64 = 20_000.0;

pub fn solve(p: &Problem, time_limit: f64) -> Option<MipOutcome> {
    let t0 = Instant::now();
    // At most sixteen candidate workers per family and a block per day: when even building the
    // model would outlast its time (its memory grows with it), there is no MIP; the greedy and
    // the search plan the week.
    let most_blocks = p.families.len() * p.workers.len().min(16) * 7;
    if most_blocks as f64 > BLOCKS_PER_SECOND * time_limit.max(1.0) {
        return None;
    }
    let mut b = Builder::new(p, Travel::PerVisit, false);
    b.build();
    let mut model = b.take_model();
    // Checked, like every HiGHS call here: a refused option is no MIP, never a panic.
    model
        .try_set_option("time_limit", time_limit.max(0.1))
        .ok()?;
    model
        .try_set_option("mip_rel_gap", p.settings.mip_gap)
        .ok()?;
    let Builder {
        offset,
        blocks,
        block_vars,
        joints,
        meetings,
        n,
        restricted,
        ..
    } = b;
    if n == 0 {
        // Nothing to decide (no workers and no families, say): HiGHS reports no solution
        // status for an empty model, and the objective is its constant.
        return Some(MipOutcome {
            decisions: Decisions::default(),
            objective: offset,
            bound: offset,
            status: "Optimal".into(),
            restricted,
            seconds: t0.elapsed().as_secs_f64(),
            columns: 0,
        });
    }
    // A HiGHS error is no solution (the caller keeps the baseline), never a panic.
    let solved = model.try_solve().ok()?;
    let status = format!("{:?}", solved.status());
    let cols = solved.get_solution().columns().to_vec();
    if cols.len() != n || !primal_feasible(&solved) {
        return None;
    }
    // good_lp drops the objective's constant, so it is added back to both values.
    let objective = solved.objective_value() + offset;
    let bound = solved
        .double_info_value(c"mip_dual_bound")
        .map(|b| b + offset)
        .unwrap_or(f64::NEG_INFINITY);
    let d = decisions(&blocks, &block_vars, &joints, &meetings, &cols);
    Some(MipOutcome {
        decisions: d,
        objective,
        bound,
        status,
        restricted,
        seconds: t0.elapsed().as_secs_f64(),
        columns: n,
    })
}

/// True when HiGHS holds a feasible primal solution. Read as a number: the `highs` crate's
/// accessor panics on a status it does not know (HiGHS says -1 when it has none at all).
pub(crate) fn primal_feasible(solved: &highs::SolvedModel) -> bool {
    solved.int_info_value(c"primal_solution_status")
        == Ok(i64::from(highs_sys::SOLUTION_STATUS_FEASIBLE))
}

/// Reads the decisions of a solved model from its column values.
fn decisions(
    blocks: &[Block],
    block_vars: &[BlockVars],
    joints: &[JointVars],
    meetings: &[MeetingVars],
    cols: &[f64],
) -> Decisions {
    let val = |c: Option<Col>| c.map(|c| cols[c.col]).unwrap_or(0.0);
    let mut d = Decisions::default();
    for (blk, v) in blocks.iter().zip(block_vars) {
        let visits = val(v.visits).round().max(0.0) as u32;
        let hours = val(v.hours);
        let remote = val(v.remote);
        if visits > 0 || remote > 1e-3 {
            d.blocks.push(BlockDecision {
                block: *blk,
                visits,
                hours,
                remote,
            });
        }
    }
    for j in joints {
        if cols[j.on.col] > 0.5 {
            let workers: Vec<usize> = blocks
                .iter()
                .zip(block_vars)
                .filter(|(blk, v)| blk.family == j.family && blk.day == j.day && val(v.joint) > 0.5)
                .map(|(blk, _)| blk.worker)
                .collect();
            d.joints.push(JointDecision {
                family: j.family,
                day: j.day,
                workers,
                hours: cols[j.length.col],
            });
        }
    }
    for m in meetings {
        if cols[m.uncovered.col] < 0.5 {
            d.meetings.push(MeetingDecision {
                meeting: m.meeting,
                workers: m
                    .staff
                    .iter()
                    .filter(|s| cols[s.on.col] > 0.5)
                    .map(|s| s.worker)
                    .collect(),
            });
        }
    }
    d
}

/// Hours helper: minutes to hours.
pub(crate) fn h(minutes: u32) -> f64 {
    f64::from(minutes) / 60.0
}

/// Hours worker `w` may work on `day`: its open windows, at most the daily limit.
pub(crate) fn day_limit(p: &Problem, w: usize, day: usize) -> f64 {
    let open = h(p.worker_windows[w][day]
        .intervals()
        .iter()
        .map(|i| i.minutes())
        .sum());
    open.min(p.settings.max_daily_hours)
}

impl Builder<'_> {
    /// Variables of every block: visits, in-person and remote hours, and the objective terms
    /// that belong to a block alone (travel, weekend hours).
    fn block_variables(&mut self) {
        let p = self.p;
        let w = p.settings.weights;
        for i in 0..self.blocks.len() {
            let blk = self.blocks[i];
            let fam = &p.families[blk.family];
            let mut bv = BlockVars {
                visits: None,
                hours: None,
                remote: None,
                joint: None,
                joint_hours: None,
            };
            let weekend = crate::solve::objective::is_weekend(p, blk.day);
            if blk.visit {
                // At most two visits per block, and no more than the family takes in a day.
                let most = fam.max_visits_per_day.min(2);
                let v = self.integer(most as i32);
                let x = self.bounded(f64::from(most) * h(fam.visit_minutes.1));
                self.constraints
                    .push(constraint!(x.var >= h(fam.visit_minutes.0) * v.var));
                self.constraints
                    .push(constraint!(x.var <= h(fam.visit_minutes.1) * v.var));
                if self.travel == Travel::PerVisit {
                    self.objective += w.travel_hour * blk.travel_in * v.var;
                }
                if weekend {
                    self.objective += w.weekend_hour * x.var;
                }
                bv.visits = Some(v);
                bv.hours = Some(x);
            }
            if blk.remote {
                let r = self.bounded(limits::most_delivered_hours(fam.weekly_hours.max(0.0)));
                self.objective += w.remote_hour * r.var;
                if weekend {
                    self.objective += w.weekend_hour * r.var;
                }
                bv.remote = Some(r);
            }
            self.block_vars.push(bv);
        }
    }
}

/// Sum of the given columns.
pub(crate) fn sum<'a>(cols: impl IntoIterator<Item = &'a Col>) -> Expression {
    cols.into_iter().map(|c| Expression::from(c.var)).sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::{GenOptions, generate};

    #[test]
    fn a_week_with_nothing_to_decide_is_solved_without_highs() {
        let mut p = generate(&GenOptions::new(2, 3, 5));
        p.workers.clear();
        p.exceptions.clear();
        p.families.clear();
        p.meetings.clear();
        p.history.clear();
        p.rebuild_derived();
        let out = solve(&p, 1.0).expect("an empty model is solved");
        assert_eq!(out.columns, 0);
        assert_eq!(out.objective, out.bound);
        assert!(out.decisions.blocks.is_empty());
    }

    #[test]
    fn a_week_without_workers_leaves_everything_short() {
        let mut p = generate(&GenOptions::new(2, 3, 5));
        p.workers.clear();
        p.exceptions.clear();
        for f in &mut p.families {
            f.primary_worker = None;
            f.excluded_workers.clear();
        }
        p.rebuild_derived();
        let out = solve(&p, 1.0).expect("solved");
        assert!(out.decisions.blocks.is_empty());
        assert!(out.decisions.meetings.is_empty());
        assert!(
            (out.objective
                - crate::solve::objective::evaluate(
                    &crate::model::Week::new(p.clone()),
                    &Default::default()
                ))
            .abs()
                < 1e-6
        );
    }
}
