//! Move evaluations per second (issue 25: "a move touches only what it changes"): the routing
//! moves a descent tries, on the shipped example and on a generated 120 × 400 week, both
//! planned by the greedy first. Each iteration judges the same first `MOVES` candidate moves;
//! moves per second is `MOVES / time`. Two ways, side by side in one run:
//!
//! - `rebuilt`: as the search did before issue 25 — the whole week built again from the
//!   roster with the move made, and the new roster's objective evaluated in full;
//! - `incremental`: as `solve::moves::descend` does now — the move made in the week in place
//!   (only its worker-days rebuilt), the objective read from the week's ledger, and the move
//!   undone.

use caseload::generate::{GenOptions, generate};
use caseload::solve::moves::{apply, candidate_moves, make};
use caseload::solve::objective::evaluate;
use caseload::solve::state::WeekState;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

const MOVES: usize = 200;

fn moves(c: &mut Criterion) {
    let mut g = c.benchmark_group("move_evaluations");
    g.sample_size(10);
    let example = caseload::model::Week::new(
        caseload::io::load_plan(std::path::Path::new("data/example"))
            .expect("the shipped example reads"),
    );
    let generated = caseload::model::Week::new(generate(&GenOptions::new(120, 400, 3)));
    for (name, p) in [("example", &example), ("generated_120x400", &generated)] {
        let roster = caseload::solve::baseline::baseline(p);
        let mut moves = candidate_moves(p, &roster.activities);
        moves.truncate(MOVES);
        g.throughput(Throughput::Elements(moves.len() as u64));
        g.bench_function(format!("{name}/rebuilt"), |b| {
            b.iter(|| {
                for mv in &moves {
                    if let Some(r) = apply(p, black_box(&roster.activities), mv) {
                        black_box(evaluate(p, &r));
                    }
                }
            })
        });
        let mut st = WeekState::from_activities(p, &roster.activities).expect("a week");
        g.bench_function(format!("{name}/incremental"), |b| {
            b.iter(|| {
                for mv in &moves {
                    st.begin();
                    if make(&mut st, mv).is_some() {
                        black_box(st.value());
                    }
                    st.rollback();
                }
            })
        });
    }
    g.finish();
}

criterion_group!(benches, moves);
criterion_main!(benches);
