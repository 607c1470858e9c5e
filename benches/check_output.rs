//! `seams check` output on generated diagrams of 1,000 and 10,000 modules
//! (issue 12: `--format json` ≤ 0.3 s and ≤ 100 MB peak memory for the
//! whole process at 10,000 modules, `--format sarif` ≤ 0.5 s and ≤ 10 MB
//! gzipped, and no more than 12-fold growth from 1,000 to 10,000 for every
//! format).
//!
//! Criterion measures what this crate controls alone: writing the report
//! of an already checked file (the rules engine has its own benchmark), and
//! the whole load → check → write path in process. The whole process is
//! measured with the release binary on the files this benchmark writes:
//!
//! ```sh
//! cargo bench --bench check_output      # writes target/tmp/check-output/synthetic-*.ron
//! /usr/bin/time -v target/release/seams check --format sarif \
//!     target/tmp/check-output/synthetic-10000.ron | gzip | wc -c
//! ```

use criterion::{Criterion, criterion_group, criterion_main};
use seams::cli::check::{Checked, write_json, write_text};
use seams::cli::sarif::write_sarif;
use seams::model::generate::synthetic;
use std::hint::black_box;
use std::io::Write;
use std::path::PathBuf;

type Writer = fn(&mut Vec<u8>, &[Checked]) -> std::io::Result<()>;

const FORMATS: [(&str, Writer); 3] = [
    ("text", |out, c| write_text(out, c)),
    ("json", |out, c| write_json(out, c)),
    ("sarif", |out, c| write_sarif(out, c)),
];

/// `synthetic(modules, 42)` saved where the whole-process measurement
/// finds it.
fn generated(modules: usize) -> PathBuf {
    let folder = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("check-output");
    std::fs::create_dir_all(&folder).expect("creates the folder");
    let path = folder.join(format!("synthetic-{modules}.ron"));
    seams::file::save(&synthetic(modules, 42), &path).expect("saves");
    path
}

fn check_output(c: &mut Criterion) {
    let mut group = c.benchmark_group("check output");
    group.sample_size(20);
    for modules in [1_000, 10_000] {
        let path = generated(modules);
        let checked = vec![Checked::load(&path).expect("loads")];
        for (name, write) in FORMATS {
            let mut out = Vec::new();
            write(&mut out, &checked).expect("writes");
            let _ = writeln!(
                std::io::stderr(),
                "{name} report of {modules} modules: {} bytes",
                out.len()
            );
            group.bench_function(format!("write {name}, {modules} modules"), |b| {
                b.iter(|| {
                    out.clear();
                    write(&mut out, black_box(&checked)).expect("writes");
                    out.len()
                });
            });
            group.bench_function(
                format!("load, check and write {name}, {modules} modules"),
                |b| {
                    b.iter(|| {
                        let checked = vec![Checked::load(black_box(&path)).expect("loads")];
                        out.clear();
                        write(&mut out, &checked).expect("writes");
                        out.len()
                    });
                },
            );
        }
    }
    group.finish();
}

criterion_group!(benches, check_output);
criterion_main!(benches);
