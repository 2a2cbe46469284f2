//! Move evaluations per second (issue 25: "a move touches only what it changes"): the routing
//! moves a descent tries, each judged as it is in `solve::moves::descend` (the move applied
//! through the one feasibility check and the new roster's exact objective), on the shipped
//! example's size and on a generated 120 × 400 week, both planned by the greedy first. Each
//! iteration judges the same first `MOVES` candidate moves; moves per second is
//! `MOVES / time`.

use caseload::generate::{GenOptions, generate};
use caseload::solve::moves::{apply, candidate_moves};
use caseload::solve::objective::evaluate;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

const MOVES: usize = 200;

fn moves(c: &mut Criterion) {
    let mut g = c.benchmark_group("move_evaluations");
    g.sample_size(10);
    let example = caseload::io::load_plan(std::path::Path::new("data/example"))
        .expect("the shipped example reads");
    let generated = generate(&GenOptions::new(120, 400, 3));
    for (name, p) in [("example", &example), ("generated_120x400", &generated)] {
        let roster = caseload::solve::baseline::baseline(p);
        let mut moves = candidate_moves(p, &roster.activities);
        moves.truncate(MOVES);
        g.throughput(Throughput::Elements(moves.len() as u64));
        g.bench_function(name, |b| {
            b.iter(|| {
                for mv in &moves {
                    if let Some(r) = apply(p, black_box(&roster.activities), mv) {
                        black_box(evaluate(p, &r));
                    }
                }
            })
        });
    }
    g.finish();
}

criterion_group!(benches, moves);
criterion_main!(benches);
