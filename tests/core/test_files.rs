//! Every test file is built into one of the three test executables: none
//! sits directly in `tests/` (Cargo would build it as an executable of its
//! own, linking eframe and resvg once more), and every module file under
//! `tests/core`, `tests/cli` and `tests/ui` is declared by a `mod` line
//! (an undeclared file is never compiled, so its tests would silently not
//! run). See "Where tests go" in ARCHITECTURE.md.

use crate::support::root;
use std::path::Path;

/// The folders of the test executables, each with its `main.rs`.
const EXECUTABLES: [&str; 3] = ["core", "cli", "ui"];

/// Whether `declaring` (the text of a `main.rs` or `mod.rs`) declares the
/// module `name`.
fn declares(declaring: &str, name: &str) -> bool {
    let line = format!("mod {name};");
    declaring
        .lines()
        .map(str::trim)
        .any(|l| l == line || l.strip_prefix("pub ") == Some(line.as_str()))
}

/// The module files in `dir` that `declaring_file` (in `dir`) does not
/// declare, looking into module folders (`NAME/mod.rs`) too.
fn undeclared(dir: &Path, declaring_file: &str) -> Vec<String> {
    let declaring = std::fs::read_to_string(dir.join(declaring_file))
        .unwrap_or_else(|e| panic!("{}/{declaring_file}: {e}", dir.display()));
    let mut missing = Vec::new();
    for entry in std::fs::read_dir(dir).expect("lists the folder") {
        let path = entry.expect("folder entry").path();
        let name = path
            .file_stem()
            .and_then(|n| n.to_str())
            .expect("a UTF-8 name")
            .to_owned();
        if path.is_dir() && path.join("mod.rs").is_file() {
            if !declares(&declaring, &name) {
                missing.push(path.join("mod.rs").display().to_string());
            }
            missing.extend(undeclared(&path, "mod.rs"));
        } else if path.extension().is_some_and(|e| e == "rs")
            && path.file_name().is_some_and(|n| n != declaring_file)
            && !declares(&declaring, &name)
        {
            missing.push(path.display().to_string());
        }
    }
    missing
}

#[test]
fn every_test_file_is_built_into_one_of_the_three_executables() {
    let tests = root().join("tests");
    let loose: Vec<String> = std::fs::read_dir(&tests)
        .expect("lists tests/")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .map(|p| p.display().to_string())
        .collect();
    assert!(
        loose.is_empty(),
        "move these into tests/core, tests/cli or tests/ui, with a `mod` line in its main.rs: {loose:?}"
    );
    let missing: Vec<String> = EXECUTABLES
        .iter()
        .flat_map(|executable| undeclared(&tests.join(executable), "main.rs"))
        .collect();
    assert!(
        missing.is_empty(),
        "never compiled, declare them with `mod NAME;`: {missing:?}"
    );
}
