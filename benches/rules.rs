//! `rules::check` on generated diagrams of 1,000 and 10,000 modules (issue
//! 2: ≤ 10 ms at 10,000 modules, and no more than 12-fold growth from 1,000
//! to 10,000), and the `Analysis` alone. `check` includes building and
//! dropping every finding.

use criterion::{Criterion, criterion_group, criterion_main};
use seams::model::generate::synthetic;
use seams::rules::{Analysis, check, check_with};
use std::hint::black_box;

fn rules_benches(c: &mut Criterion) {
    let mut group = c.benchmark_group("rules");
    for modules in [1_000, 10_000] {
        let diagram = synthetic(modules, 42);
        group.bench_function(format!("check {modules} modules"), |b| {
            b.iter(|| check(black_box(&diagram)).findings.len());
        });
        for (threads, parallel) in [("one thread", false), ("two threads", true)] {
            group.bench_function(format!("check {modules} modules, {threads}"), |b| {
                b.iter(|| check_with(black_box(&diagram), parallel).findings.len());
            });
        }
        group.bench_function(format!("analysis {modules} modules"), |b| {
            b.iter(|| Analysis::new(black_box(&diagram)).diagram().modules.len());
        });
    }
    group.finish();
}

criterion_group!(benches, rules_benches);
criterion_main!(benches);
