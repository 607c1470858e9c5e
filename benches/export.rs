//! Export speed (issue 7): a 500-module diagram to PNG at scale 2 in 1 s or
//! less and to SVG in 50 ms or less, each including the rules check and
//! the scene; and `scene::build` alone at 500 and 5,000 modules (the canvas
//! rebuilds the scene during drags: well under 10 ms at 5,000).
//!
//! The 500 modules sit on a plain grid (25 × 20 boxes of 160 × 64, 2,000 ×
//! 1,000 px of gaps included: a picture of 42 megapixels at scale 2). The
//! automatic layout spreads `synthetic(500, 1)` over about 11,000 × 7,500
//! units, which at scale 2 is past the PNG size limit: that export is
//! refused with a message, so it cannot be the benchmark.

use criterion::{Criterion, criterion_group, criterion_main};
use seams::export::{self, ExportOptions, Format};
use seams::model::generate::synthetic;
use seams::model::{Diagram, Point, Size};
use seams::scene::{self, SceneOptions, View};
use std::hint::black_box;

/// `synthetic(modules, 1)` with every module on a grid, 25 to a row.
fn on_a_grid(modules: usize) -> Diagram {
    let mut diagram = synthetic(modules, 1);
    for (i, module) in diagram.modules.iter_mut().enumerate() {
        module.pos = Some(Point::new((i % 25) as f32 * 200.0, (i / 25) as f32 * 104.0));
        module.size = Some(Size::new(160.0, 64.0));
    }
    diagram
}

fn export_benches(c: &mut Criterion) {
    let mut group = c.benchmark_group("export");
    group.sample_size(10);
    let diagram = on_a_grid(500);
    let options = ExportOptions::default();
    group.bench_function("png 500 modules scale 2", |b| {
        b.iter(|| {
            export::export(black_box(&diagram), Format::Png, &options)
                .expect("exports")
                .len()
        });
    });
    group.bench_function("svg 500 modules", |b| {
        b.iter(|| {
            export::export(black_box(&diagram), Format::Svg, &options)
                .expect("exports")
                .len()
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
