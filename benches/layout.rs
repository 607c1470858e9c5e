//! Automatic layout of synthetic diagrams: 200 and 2,000 modules (target:
//! 2,000 in 200 ms or less).

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use seams::layout::{self, Mode};
use seams::model::generate::synthetic;
use std::hint::black_box;

fn lay_out_synthetic(c: &mut Criterion) {
    let mut group = c.benchmark_group("layout");
    group.sample_size(20);
    for modules in [200, 2000] {
        let diagram = synthetic(modules, 1);
        group.bench_with_input(BenchmarkId::new("all", modules), &diagram, |b, d| {
            b.iter(|| layout::compute(black_box(d), Mode::All));
        });
    }
    group.finish();
}

criterion_group!(benches, lay_out_synthetic);
criterion_main!(benches);
