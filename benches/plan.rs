//! Criterion benches of the baseline planner, the optimizer and of reading a plan folder, on generated plans
//! with fixed seeds (small 10×30, medium 30×90, large 120×400).

use caseload::generate::{GenOptions, generate};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

const SIZES: [(&str, usize, usize, u64); 3] = [
    ("small_10x30", 10, 30, 1),
    ("medium_30x90", 30, 90, 2),
    ("large_120x400", 120, 400, 3),
];

fn baseline(c: &mut Criterion) {
    let mut g = c.benchmark_group("baseline");
    g.sample_size(20);
    for (name, w, f, seed) in SIZES {
        let p = caseload::model::Week::new(generate(&GenOptions::new(w, f, seed)));
        g.bench_function(name, |b| {
            b.iter(|| caseload::solve::baseline::baseline(black_box(&p)))
        });
    }
    g.finish();
}

/// The whole optimizer (baseline, MIP, search) at a 5 s limit: its time is mostly the limit,
/// so this tracks that the phases stay within it; quality is in `benches/table.rs`.
fn optimizer(c: &mut Criterion) {
    let mut g = c.benchmark_group("optimizer_5s");
    g.sample_size(10);
    g.measurement_time(std::time::Duration::from_secs(60));
    for (name, w, f, seed) in &SIZES[..2] {
        let mut p = caseload::model::Week::new(generate(&GenOptions::new(*w, *f, *seed)));
        p.settings.time_limit_seconds = 5.0;
        g.bench_function(*name, |b| b.iter(|| caseload::solve::plan(black_box(&p))));
    }
    g.finish();
}

fn read_plan(c: &mut Criterion) {
    let mut g = c.benchmark_group("load_plan");
    g.sample_size(20);
    for (name, w, f, seed) in SIZES {
        let dir = tempfile::tempdir().expect("temp dir");
        caseload::io::write_plan::write_plan(dir.path(), &generate(&GenOptions::new(w, f, seed)))
            .expect("write plan");
        g.bench_function(name, |b| {
            b.iter(|| caseload::io::load_plan(black_box(dir.path())).expect("valid plan"))
        });
    }
    g.finish();
}

criterion_group!(benches, baseline, optimizer, read_plan);
criterion_main!(benches);
