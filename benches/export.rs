//! Export speed (issue 7): a 500-module diagram to PNG at scale 2 in 1 s or
//! less and to SVG in 50 ms or less, each including the rules check and
//! the scene; and `scene::build` alone at 500 and 5,000 modules (the canvas
//! rebuilds the scene during drags: well under 10 ms at 5,000).
//!
//! `synthetic` diagrams have no geometry; they are laid out once, outside
//! the timed loop, by `export::prepare`.

use criterion::{Criterion, criterion_group, criterion_main};
use seams::export::{self, ExportOptions, Format};
use seams::model::generate::synthetic;
use seams::scene::{self, SceneOptions, View};
use std::hint::black_box;

fn export_benches(c: &mut Criterion) {
    let mut group = c.benchmark_group("export");
    group.sample_size(10);
    let diagram = export::prepare(&synthetic(500, 1)).into_owned();
    let options = ExportOptions::default();
    group.bench_function("png 500 modules scale 2", |b| {
        b.iter(|| {
            export::export(black_box(&diagram), Format::Png, &options)
                .map(|png| png.len())
                .unwrap_or_default()
        });
    });
    group.bench_function("svg 500 modules", |b| {
        b.iter(|| {
            export::export(black_box(&diagram), Format::Svg, &options)
                .map(|svg| svg.len())
                .unwrap_or_default()
        });
    });
    group.finish();

    let mut group = c.benchmark_group("scene");
    for modules in [500, 5_000] {
        let diagram = export::prepare(&synthetic(modules, 1)).into_owned();
        let report = seams::rules::check(&diagram);
        let options = SceneOptions::new(View::Deployment, false);
        group.bench_function(format!("build {modules} modules"), |b| {
            b.iter(|| {
                scene::build(black_box(&diagram), &report, &options)
                    .primitives
                    .len()
            });
        });
    }
    group.finish();
}

criterion_group!(benches, export_benches);
criterion_main!(benches);
