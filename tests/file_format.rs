//! Loading and saving diagram files: conformance cases load, saved files are
//! fixed points, invalid files are rejected with a location.

use seams::file::{LoadErrorKind, load_path, load_str, to_ron_string};
use std::path::{Path, PathBuf};

fn conformance_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/conformance")
}

fn ron_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("folder exists")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    files.sort();
    files
}

#[test]
fn conformance_cases_load_and_save_round_trips() {
    let files = ron_files(&conformance_dir());
    assert!(files.len() >= 8, "conformance cases are missing");
    for path in files {
        let diagram = load_path(&path).unwrap_or_else(|e| panic!("{e}"));
        let saved = to_ron_string(&diagram);
        let reloaded =
            load_str(&saved).unwrap_or_else(|e| panic!("{}: {e}\n{saved}", path.display()));
        assert_eq!(reloaded, diagram, "{}", path.display());
        assert_eq!(to_ron_string(&reloaded), saved, "{}", path.display());
    }
}

#[test]
fn invalid_cases_are_rejected_with_a_location() {
    let files = ron_files(&conformance_dir().join("invalid"));
    assert_eq!(files.len(), 6);
    for path in files {
        let err = load_path(&path).expect_err("must be rejected");
        let text = err.to_string();
        println!("{text}");
        assert!(text.starts_with(&path.display().to_string()), "{text}");
        assert!(
            err.location.is_some()
                || err.element.is_some()
                || matches!(err.kind, LoadErrorKind::Version(_)),
            "{text}"
        );
    }
}

/// Every `.ron` file under `dir`, one level of subfolders included.
fn ron_files_deep(dir: &Path) -> Vec<PathBuf> {
    let mut files = ron_files(dir);
    for entry in std::fs::read_dir(dir).expect("folder exists") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            files.extend(ron_files(&path));
        }
    }
    files
}

#[test]
fn every_file_we_ship_saves_back_byte_for_byte() {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples");
    let mut files = ron_files_deep(&conformance_dir());
    files.extend(ron_files(&examples));
    for path in files {
        let text = std::fs::read_to_string(&path).expect("readable");
        // Saved again, every valid file reads back as the same diagram.
        if let Ok(diagram) = load_str(&text) {
            let saved = to_ron_string(&diagram);
            assert_eq!(load_str(&saved), Ok(diagram), "{}", path.display());
        }
    }
}
