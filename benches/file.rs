//! Load and save of a 10,000-module diagram file (issue 2: load ≤ 150 ms,
//! save ≤ 100 ms). Files are read by `ron` alone (one schema for loading).

use criterion::{Criterion, criterion_group, criterion_main};
use seams::file::{load_str, to_ron_string};
use seams::model::generate::synthetic;
use seams::model::{Point, Size};
use std::hint::black_box;

fn with_geometry(modules: usize) -> seams::model::Diagram {
    let mut diagram = synthetic(modules, 42);
    for (i, module) in diagram.modules.iter_mut().enumerate() {
        module.pos = Some(Point::new(
            (i % 100) as f32 * 180.0,
            (i / 100) as f32 * 90.0,
        ));
        module.size = Some(Size::new(160.0, 64.0));
    }
    diagram
}

fn file_benches(c: &mut Criterion) {
    let diagram = with_geometry(10_000);
    let text = to_ron_string(&diagram);
    let mut group = c.benchmark_group("file");
    group.sample_size(20);
    group.bench_function("load 10k modules", |b| {
        b.iter(|| load_str(black_box(&text)).map(|d| d.modules.len()));
    });
    group.bench_function("save 10k modules (to text)", |b| {
        b.iter(|| to_ron_string(black_box(&diagram)).len());
    });
    let folder = std::env::temp_dir().join(format!("seams-bench-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&folder);
    let path = folder.join("big.ron");
    group.bench_function("save 10k modules (atomic write to disk)", |b| {
        b.iter(|| seams::file::save(black_box(&diagram), &path));
    });
    group.finish();
    let _ = std::fs::remove_dir_all(&folder);
}

criterion_group!(benches, file_benches);
criterion_main!(benches);
