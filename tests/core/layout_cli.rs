//! `seams layout`: a laid-out diagram written, an exported SVG read, bad
//! input and an unwritable output reported.

use crate::layout::{check_invariants, laid_out};
use crate::support::{root, seams, stderr};
use seams::file;
use seams::layout::Mode;
use std::path::PathBuf;

fn example_path() -> PathBuf {
    root().join("assets/examples/photo-sharing.ron")
}

#[test]
fn cli_writes_a_laid_out_diagram() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("out.ron");
    let status = seams()
        .arg("layout")
        .arg(example_path())
        .arg("-o")
        .arg(&out)
        .status()
        .expect("runs");
    assert_eq!(status.code(), Some(0));
    let written = file::load_path(&out).expect("output loads");
    assert_eq!(check_invariants(&written), Ok(()));
    let original = file::load_path(&example_path()).expect("example loads");
    assert_eq!(written, laid_out(&original, Mode::All));

    // Deterministic, byte for byte, and it may write over its input.
    let first = std::fs::read(&out).expect("read");
    let status = seams()
        .args(["layout"])
        .arg(&out)
        .arg("-o")
        .arg(&out)
        .status()
        .expect("runs");
    assert_eq!(status.code(), Some(0));
    assert_eq!(std::fs::read(&out).expect("read"), first);
}

#[test]
fn cli_reads_an_exported_svg() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = std::fs::read_to_string(example_path()).expect("example");
    let svg = dir.path().join("diagram.svg");
    std::fs::write(
        &svg,
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\">{}</svg>",
            file::embedded::svg_metadata(&text)
        ),
    )
    .expect("write svg");
    let out = dir.path().join("out.ron");
    let status = seams()
        .arg("layout")
        .arg(&svg)
        .arg("-o")
        .arg(&out)
        .status()
        .expect("runs");
    assert_eq!(status.code(), Some(0));
    let written = file::load_path(&out).expect("loads");
    assert_eq!(check_invariants(&written), Ok(()));
}

#[test]
fn cli_rejects_bad_input_with_its_location() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bad = root().join("tests/conformance/invalid/missing-comma.ron");
    let out = dir.path().join("out.ron");
    let output = seams()
        .arg("layout")
        .arg(&bad)
        .arg("-o")
        .arg(&out)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(err.contains("missing-comma.ron:11:"), "{err}");
    assert!(!out.exists(), "nothing is written");

    let missing = dir.path().join("no-such-file.ron");
    let output = seams()
        .arg("layout")
        .arg(&missing)
        .arg("-o")
        .arg(&out)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("no-such-file.ron"));
}

#[test]
fn cli_reports_an_unwritable_output() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("no-such-folder").join("out.ron");
    let output = seams()
        .arg("layout")
        .arg(example_path())
        .arg("-o")
        .arg(&out)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("out.ron"));
    assert!(!out.exists());
}
