//! `seams check` as CI uses it: exit codes, text, JSON and SARIF output.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn seams(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_seams"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the seams binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

const TRUST_ZONES: &str = "tests/conformance/trust-zones.ron";
const ACCEPTANCES: &str = "tests/conformance/acceptance-overrides.ron";

#[test]
fn errors_fail_the_check_and_the_text_lists_every_finding() {
    let output = seams(&["check", TRUST_ZONES]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    let (count_line, findings) = lines.split_last().expect("a count line");
    assert!(count_line.starts_with("1 file checked: "), "{count_line}");
    assert!(!findings.is_empty());
    for line in findings {
        assert!(line.starts_with(&format!("{TRUST_ZONES}: ")), "{line}");
        assert!(
            line.contains(": error: ") || line.contains(": warning: ") || line.contains(": info: "),
            "{line}"
        );
        assert!(
            line.contains(" [") && (line.ends_with(']') || line.ends_with("] (accepted)")),
            "{line}"
        );
    }
}

#[test]
fn deny_threshold_decides_the_exit_code() {
    // The photo-sharing example's only finding is accepted.
    let example = "assets/examples/photo-sharing.ron";
    for deny in ["error", "warning", "info"] {
        let output = seams(&["check", "--deny", deny, example]);
        assert_eq!(
            output.status.code(),
            Some(0),
            "--deny {deny}: {}",
            stdout(&output)
        );
    }
    let output = seams(&["check", "--deny", "info", ACCEPTANCES]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).contains(" (accepted)"));
}

#[test]
fn unreadable_files_exit_2_and_name_the_file_and_place() {
    let cases = [
        (
            "tests/conformance/invalid/missing-comma.ron",
            "missing-comma.ron:11:",
        ),
        ("tests/conformance/invalid/version-3.ron", "newer Seams"),
        (
            "tests/conformance/invalid/interface-to-itself.ron",
            "unlock-bike",
        ),
        (
            "tests/conformance/invalid/interface-unknown-module.ron",
            "payment-gateway",
        ),
        (
            "tests/conformance/invalid/team-module-same-id.ron",
            "dock-driver",
        ),
        (
            "tests/conformance/invalid/two-unit-cycle.ron",
            "own ancestor",
        ),
        ("tests/no-such-file.ron", "no-such-file.ron"),
    ];
    for (file, needle) in cases {
        let output = seams(&["check", file]);
        assert_eq!(output.status.code(), Some(2), "{file}");
        let err = stderr(&output);
        assert!(err.contains(file), "{file}: {err}");
        assert!(err.contains(needle), "{file}: {err}");
    }
    // Readable files are still checked and reported when another is not.
    let output = seams(&["check", TRUST_ZONES, "tests/no-such-file.ron"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stdout(&output).contains(TRUST_ZONES));
}

#[test]
fn json_output_has_the_documented_shape() {
    let output = seams(&[
        "check",
        "--format",
        "json",
        "--deny",
        "info",
        ACCEPTANCES,
        TRUST_ZONES,
    ]);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("valid JSON");
    let files = json["files"].as_array().expect("files array");
    assert_eq!(files.len(), 2);
    assert_eq!(files[0]["path"], ACCEPTANCES);
    for file in files {
        for finding in file["findings"].as_array().expect("findings") {
            for key in [
                "id",
                "rule",
                "severity",
                "category",
                "message",
                "explanation",
            ] {
                assert!(finding[key].is_string(), "{key} in {finding}");
            }
            assert!(finding["elements"].is_array());
            assert!(finding["accepted"].is_boolean());
        }
    }
    let expected: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string("tests/conformance/acceptance-overrides.expect.json")
            .expect("expectation exists"),
    )
    .expect("valid JSON");
    let ids = |v: &serde_json::Value| -> Vec<String> {
        v["findings"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|f| f["id"].as_str().unwrap_or_default().to_owned())
            .collect()
    };
    assert_eq!(ids(&files[0]), ids(&expected["files"][0]));
}

fn sarif_schema() -> serde_json::Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schemas/sarif-2.1.0.json");
    serde_json::from_str(&std::fs::read_to_string(path).expect("schema exists"))
        .expect("schema parses")
}

#[test]
fn sarif_output_is_valid_sarif_2_1_0() {
    let validator = jsonschema::validator_for(&sarif_schema()).expect("schema compiles");
    let mut files: Vec<PathBuf> = std::fs::read_dir("tests/conformance")
        .expect("conformance folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    files.sort();
    let mut args = vec![
        "check".to_owned(),
        "--format".to_owned(),
        "sarif".to_owned(),
    ];
    args.extend(files.iter().map(|p| p.display().to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let output = seams(&args);
    let sarif: serde_json::Value = serde_json::from_slice(&output.stdout).expect("valid JSON");
    let errors: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");

    let run = &sarif["runs"][0];
    let rules = run["tool"]["driver"]["rules"]
        .as_array()
        .expect("rule catalogue");
    assert_eq!(rules.len(), seams::model::RuleId::ALL.len());
    for rule in rules {
        assert!(
            !rule["fullDescription"]["text"]
                .as_str()
                .unwrap_or_default()
                .is_empty(),
            "{rule}"
        );
    }
    let results = run["results"].as_array().expect("results");
    assert!(!results.is_empty());
    let mut suppressed = 0;
    for result in results {
        let level = result["level"].as_str().expect("level");
        assert!(["error", "warning", "note"].contains(&level));
        let index = result["ruleIndex"].as_u64().expect("rule index") as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
        if let Some(suppressions) = result["suppressions"].as_array() {
            assert!(
                !suppressions[0]["justification"]
                    .as_str()
                    .unwrap_or_default()
                    .is_empty()
            );
            suppressed += 1;
        }
    }
    assert!(suppressed > 0, "accepted findings carry suppressions");
    // Findings about a defined element point at its line.
    assert!(
        results
            .iter()
            .any(|r| r["locations"][0]["physicalLocation"]["region"]["startLine"].is_u64())
    );
}

#[test]
fn info_maps_to_note_in_sarif() {
    let output = seams(&[
        "check",
        "--format",
        "sarif",
        "tests/conformance/model-rules.ron",
    ]);
    let sarif: serde_json::Value = serde_json::from_slice(&output.stdout).expect("valid JSON");
    let results = sarif["runs"][0]["results"].as_array().expect("results");
    assert!(results.iter().any(|r| r["level"] == "note"));
}

/// `seams FILE` with a file that cannot be read reports the loader's
/// located message (the editor shows it in a dialog over an empty diagram;
/// here there is no display, so the window cannot open and the run fails
/// after saying why).
#[test]
fn the_editor_reports_a_bad_file_named_on_the_command_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bad = dir.path().join("bad.ron");
    std::fs::write(
        &bad,
        "(\n    format: \"seams\",\n    version: 1,\n    modules: [oops],\n)\n",
    )
    .expect("write");
    let output = Command::new(env!("CARGO_BIN_EXE_seams"))
        .arg(&bad)
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env("SEAMS_DATA_DIR", dir.path().join("data"))
        .output()
        .expect("the seams binary runs");
    let err = stderr(&output);
    assert!(err.contains("bad.ron:4:"), "{err}");
    assert!(
        err.contains("could not open the editor window"),
        "without a display the window cannot open: {err}"
    );
    assert!(!output.status.success());
}
