//! `seams diff` on generated diagrams of 10,000 modules (issue 14: the
//! whole process ≤ 0.5 s on two such diagrams): the scorecard alone, the
//! comparison of a diagram with a pull request's worth of change to it,
//! and of two unrelated diagrams (everything changes), each from loaded
//! diagrams with their checks included; and the JSON and text output.

use criterion::{Criterion, criterion_group, criterion_main};
use seams::compare::{Comparison, Scorecard};
use seams::model::generate::synthetic;
use seams::model::{Trust, UnitId};
use seams::rules::{Severity, check};
use std::hint::black_box;

fn diff_benches(c: &mut Criterion) {
    let mut group = c.benchmark_group("diff");
    group.sample_size(20);
    let base = synthetic(10_000, 1);
    let mut changed = base.clone();
    for i in (0..changed.modules.len()).step_by(997) {
        let module = &mut changed.modules[i];
        if module.unit.is_some() {
            module.unit = Some(UnitId::new("unit-3"));
        }
        module.trust = Trust::Untrusted;
    }
    let unrelated = synthetic(10_000, 2);
    let report = check(&base);

    group.bench_function("scorecard 10000 modules", |b| {
        b.iter(|| Scorecard::of(black_box(&base), &report).releases);
    });
    for (name, new) in [("a few changes", &changed), ("unrelated", &unrelated)] {
        group.bench_function(format!("compare 10000 modules, {name}"), |b| {
            b.iter(|| {
                Comparison::between("a.ron", black_box(&base), "b.ron", black_box(new))
                    .findings
                    .introduced
                    .len()
            });
        });
    }
    let comparison = Comparison::between("a.ron", &base, "c.ron", &unrelated);
    group.bench_function("json 10000 modules, unrelated", |b| {
        b.iter(|| {
            let mut out = Vec::with_capacity(8 << 20);
            serde_json::to_writer(&mut out, black_box(&comparison)).expect("serializes");
            out.len()
        });
    });
    group.bench_function("text 10000 modules, unrelated", |b| {
        b.iter(|| {
            let mut out = Vec::with_capacity(8 << 20);
            seams::cli::diff::write_text(&mut out, black_box(&comparison), Severity::Error)
                .expect("writes");
            out.len()
        });
    });
    group.finish();
}

criterion_group!(benches, diff_benches);
criterion_main!(benches);
