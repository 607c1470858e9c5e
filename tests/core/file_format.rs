//! Loading and saving diagram files: conformance cases load, saved files are
//! fixed points, invalid files are rejected with a location.

use crate::support::{ron_files, root};
use seams::file::{LoadErrorKind, load_path, load_str, to_ron_string};
use std::path::PathBuf;

const CONFORMANCE: &str = "tests/conformance";

#[test]
fn conformance_cases_load_and_save_round_trips() {
    let files = ron_files(CONFORMANCE);
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
    let files = ron_files(format!("{CONFORMANCE}/invalid"));
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

/// Every `.ron` file in `folder` and in its subfolders, one level down.
fn ron_files_deep(folder: &str) -> Vec<PathBuf> {
    let mut files = ron_files(folder);
    for entry in std::fs::read_dir(root().join(folder)).expect("folder exists") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            files.extend(ron_files(&path));
        }
    }
    files
}

#[test]
fn every_file_we_ship_saves_back_byte_for_byte() {
    let mut files = ron_files_deep(CONFORMANCE);
    files.extend(ron_files("assets/examples"));
    for path in files {
        let text = std::fs::read_to_string(&path).expect("readable");
        // Saved again, every valid file reads back as the same diagram.
        if let Ok(diagram) = load_str(&text) {
            let saved = to_ron_string(&diagram);
            assert_eq!(load_str(&saved), Ok(diagram), "{}", path.display());
        }
    }
}

#[test]
fn version_2_is_written_only_when_a_diagram_uses_it() {
    let v1 = "#![enable(implicit_some)]\n(\n    format: \"seams\",\n    version: 1,\n    modules: [\n        (id: \"a\"),\n        (id: \"db\", kind: Datastore),\n    ],\n    interfaces: [\n        (id: \"r\", from: \"a\", to: \"db\", kind: Read),\n    ],\n)\n";
    let diagram = load_str(v1).expect("a version-1 file");
    // Unchanged, a version-1 file re-saves byte for byte.
    assert_eq!(to_ron_string(&diagram), v1);
    // Third-party code, or a Load, needs version 2.
    let mut third_party = diagram.clone();
    third_party.modules[0].third_party = true;
    let text = to_ron_string(&third_party);
    assert!(
        text.contains("version: 2,") && text.contains("third_party: true"),
        "{text}"
    );
    assert_eq!(load_str(&text), Ok(third_party));
    let mut load = diagram.clone();
    load.interfaces[0].kind = seams::model::InterfaceKind::Load;
    let text = to_ron_string(&load);
    assert!(
        text.contains("version: 2,") && text.contains("kind: Load"),
        "{text}"
    );
    // Dropping them again goes back to version 1.
    load.interfaces[0].kind = seams::model::InterfaceKind::Read;
    assert_eq!(to_ron_string(&load), v1);
    // A version-1 file that uses them is read as version 2.
    let old_label = v1.replace("kind: Read", "kind: Load");
    let read = load_str(&old_label).expect("read as version 2");
    assert!(to_ron_string(&read).contains("version: 2,"));
}
