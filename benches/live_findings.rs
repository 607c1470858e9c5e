//! The edit → findings path of the editor on a 5,000-module diagram (issue
//! 5: an edit's re-check and the panel update must fit in one frame): apply
//! one edit through the history, run `rules::check`, rebuild the scene (or
//! patch it, as the editor does after a move).
//! The pieces are measured alone too, to show where the time goes.

use criterion::{Criterion, criterion_group, criterion_main};
use seams::edit::geometry::{Drop, move_elements};
use seams::edit::{ElementRef, History};
use seams::layout::{Mode, lay_out};
use seams::model::generate::synthetic;
use seams::rules::check;
use seams::scene::{self, SceneOptions, View};
use std::hint::black_box;

fn live_findings(c: &mut Criterion) {
    let mut diagram = synthetic(5_000, 1);
    lay_out(&mut diagram, Mode::All);
    let moved = vec![ElementRef::Module(
        diagram.modules[diagram.modules.len() / 2].id.clone(),
    )];
    let options = SceneOptions::new(View::Trust, false);
    let report = check(&diagram);
    let mut group = c.benchmark_group("live findings 5000 modules");

    // Nudging one module back and forth keeps the diagram the same size.
    let mut history = History::new();
    // A nudge keeps every box in its unit: the forest stays the diagram's.
    let forest = seams::model::Forest::new(&diagram);
    let mut step = 10.0_f32;
    let mut nudge = |diagram: &mut seams::model::Diagram, history: &mut History| {
        step = -step;
        let edit = move_elements(diagram, &forest, &moved, step, 0.0, Drop::KeepUnits)
            .expect("a module moves");
        history
            .apply(diagram, edit, "Nudge")
            .expect("the nudge applies");
    };
    group.bench_function("edit", |b| b.iter(|| nudge(&mut diagram, &mut history)));
    group.bench_function("check", |b| {
        b.iter(|| check(black_box(&diagram)).findings.len());
    });
    group.bench_function("scene", |b| {
        b.iter(|| {
            scene::build(black_box(&diagram), &report, &options)
                .primitives
                .len()
        });
    });
    group.bench_function("edit + check + scene", |b| {
        b.iter(|| {
            nudge(&mut diagram, &mut history);
            let report = check(&diagram);
            scene::build(&diagram, &report, &options).primitives.len()
        });
    });
    // What the editor does: a move changes no finding, so the scene is
    // patched for what the nudge touched instead of built again.
    let forest = seams::model::Forest::new(&diagram);
    let mut drawn = scene::build(&diagram, &report, &options);
    // What a nudge touches (the module and the lines routed again), both
    // ways.
    let mut touched = seams::model::Touched::default();
    for dx in [10.0, -10.0] {
        let mut moved_diagram = diagram.clone();
        move_elements(&diagram, &forest, &moved, dx, 0.0, Drop::KeepUnits)
            .expect("a module moves")
            .apply(&mut moved_diagram)
            .expect("the nudge applies");
        let changed = |a: usize, same: &dyn Fn(usize) -> bool| {
            (0..a).filter(|&i| !same(i)).collect::<Vec<_>>()
        };
        touched.modules.extend(changed(diagram.modules.len(), &|i| {
            diagram.modules[i] == moved_diagram.modules[i]
        }));
        touched.units.extend(changed(diagram.units.len(), &|i| {
            diagram.units[i] == moved_diagram.units[i]
        }));
        touched
            .interfaces
            .extend(changed(diagram.interfaces.len(), &|i| {
                diagram.interfaces[i] == moved_diagram.interfaces[i]
            }));
    }
    group.bench_function("edit + check + scene patch", |b| {
        b.iter(|| {
            nudge(&mut diagram, &mut history);
            let report = check(&diagram);
            let patched = scene::patch(&mut drawn, &diagram, &forest, &options, &touched);
            (report.findings.len(), patched.is_some())
        });
    });
    group.finish();
    eprintln!(
        "findings on the benchmark diagram: {}",
        report.findings.len()
    );
}

criterion_group!(benches, live_findings);
criterion_main!(benches);
