//! `seams check` as CI uses it: exit codes, text, JSON and SARIF output.

use crate::support::{root, run, run_in, seams, stderr, stdout};
use std::path::{Path, PathBuf};

const TRUST_ZONES: &str = "tests/conformance/trust-zones.ron";
const ACCEPTANCES: &str = "tests/conformance/acceptance-overrides.ron";

#[test]
fn errors_fail_the_check_and_the_text_lists_every_finding() {
    let output = run(["check", TRUST_ZONES]);
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
        let output = run(["check", "--deny", deny, example]);
        assert_eq!(
            output.status.code(),
            Some(0),
            "--deny {deny}: {}",
            stdout(&output)
        );
    }
    let output = run(["check", "--deny", "info", ACCEPTANCES]);
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
        let output = run(["check", file]);
        assert_eq!(output.status.code(), Some(2), "{file}");
        let err = stderr(&output);
        assert!(err.contains(file), "{file}: {err}");
        assert!(err.contains(needle), "{file}: {err}");
    }
    // Readable files are still checked and reported when another is not.
    let output = run(["check", TRUST_ZONES, "tests/no-such-file.ron"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stdout(&output).contains(TRUST_ZONES));
}

#[test]
fn json_output_has_the_documented_shape() {
    let output = run([
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
        &std::fs::read_to_string(root().join("tests/conformance/acceptance-overrides.expect.json"))
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
    let path = root().join("tests/schemas/sarif-2.1.0.json");
    serde_json::from_str(&std::fs::read_to_string(path).expect("schema exists"))
        .expect("schema parses")
}

/// The official schema, with its `format`s (`uri`, `uri-reference`, ...)
/// checked too: a relative `helpUri` or a bare absolute path as an
/// artifact URI fails.
fn sarif_validator() -> jsonschema::Validator {
    jsonschema::options()
        .should_validate_formats(true)
        .build(&sarif_schema())
        .expect("schema compiles")
}

fn assert_valid_sarif(sarif: &serde_json::Value) {
    let errors: Vec<String> = sarif_validator()
        .iter_errors(sarif)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn sarif_output_is_valid_sarif_2_1_0() {
    // Named as CI names them: relative to the folder `seams` runs in.
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("tests/conformance"))
        .expect("conformance folder")
        .map(|e| Path::new("tests/conformance").join(e.expect("entry").file_name()))
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    files.sort();
    let mut args = vec![
        "check".to_owned(),
        "--format".to_owned(),
        "sarif".to_owned(),
    ];
    args.extend(files.iter().map(|p| p.display().to_string()));
    let output = run(args);
    let sarif: serde_json::Value = serde_json::from_slice(&output.stdout).expect("valid JSON");
    assert_valid_sarif(&sarif);
    assert_eq!(sarif["$schema"], seams::cli::sarif::SCHEMA);

    let run = &sarif["runs"][0];
    let rules = run["tool"]["driver"]["rules"]
        .as_array()
        .expect("rule catalogue");
    assert_eq!(rules.len(), seams::model::RuleId::ALL.len());
    let driver = &run["tool"]["driver"];
    assert!(driver["informationUri"].is_string(), "{driver}");
    for rule in rules {
        let id = rule["id"].as_str().expect("rule id");
        let help = rule["helpUri"].as_str().expect("helpUri");
        assert!(help.ends_with(&format!("docs/rules.md#{id}")), "{help}");
        assert!(
            !help.contains("github.com"),
            "no host Seams does not own: {help}"
        );
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
    // Files below the working folder are relative to it.
    let artifacts = run["artifacts"].as_array().expect("artifacts");
    assert_eq!(
        artifacts[0]["location"]["uri"],
        files[0].display().to_string().replace('\\', "/")
    );
    assert_eq!(artifacts[0]["location"]["uriBaseId"], "%SRCROOT%");
    let root = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
        .as_str()
        .expect("%SRCROOT%");
    assert!(
        root.starts_with("file:///") && root.ends_with('/'),
        "{root}"
    );

    // Why `helpUri` is absolute: the schema's `uri` format refuses a
    // relative reference there.
    let mut relative = sarif.clone();
    relative["runs"][0]["tool"]["driver"]["rules"][0]["helpUri"] =
        serde_json::json!("docs/rules.md#lateral-reach");
    assert!(!sarif_validator().is_valid(&relative));
}

/// Every line of every element's definition, as the SARIF regions give it,
/// holds `id: "ELEMENT"`.
#[test]
fn sarif_regions_point_at_each_element_s_definition() {
    let output = run(["check", "--format", "sarif", TRUST_ZONES]);
    let sarif: serde_json::Value = serde_json::from_slice(&output.stdout).expect("valid JSON");
    let text = std::fs::read_to_string(root().join(TRUST_ZONES)).expect("reads");
    let lines: Vec<&str> = text.lines().collect();
    let mut checked = 0;
    for result in sarif["runs"][0]["results"].as_array().expect("results") {
        let location = &result["locations"][0];
        let Some(line) = location["physicalLocation"]["region"]["startLine"].as_u64() else {
            continue;
        };
        let column = location["physicalLocation"]["region"]["startColumn"]
            .as_u64()
            .expect("column") as usize;
        let first = location["logicalLocations"][0]["name"]
            .as_str()
            .expect("first element");
        let at: String = lines[line as usize - 1].chars().skip(column - 1).collect();
        assert!(at.starts_with(&format!("id: \"{first}\"")), "{at}");
        checked += 1;
    }
    assert!(checked > 0);
}

/// A finding that reaches many elements names the first ten, and says how
/// many there are; a large diagram's report stays valid.
#[test]
fn sarif_names_ten_elements_and_counts_the_rest() {
    let dir = tempfile::tempdir().expect("temp dir");
    let big = dir.path().join("big.ron");
    seams::file::save(&seams::model::generate::synthetic(400, 3), &big).expect("saves");
    let output = run_in(dir.path(), ["check", "--format", "sarif", "big.ron"]);
    let sarif: serde_json::Value = serde_json::from_slice(&output.stdout).expect("valid JSON");
    assert_valid_sarif(&sarif);
    let results = sarif["runs"][0]["results"].as_array().expect("results");
    let mut counted = 0;
    for result in results {
        let names = result["locations"][0]["logicalLocations"]
            .as_array()
            .map_or(0, Vec::len);
        assert!(names <= 10, "{result}");
        if let Some(count) = result["properties"]["elementCount"].as_u64() {
            assert!(count > 10 && names == 10, "{result}");
            counted += 1;
        }
    }
    assert!(counted > 0, "some finding reaches more than ten elements");
    assert_eq!(
        sarif["runs"][0]["artifacts"][0]["location"]["uri"],
        "big.ron"
    );
}

/// A file outside the working folder is named by a `file:` URI,
/// percent-encoded.
#[test]
fn sarif_names_files_outside_the_working_folder_by_file_uri() {
    let dir = tempfile::tempdir().expect("temp dir");
    let elsewhere = dir.path().join("my diagram #1.ron");
    std::fs::copy(root().join(TRUST_ZONES), &elsewhere).expect("copies");
    let work = dir.path().join("work");
    std::fs::create_dir(&work).expect("mkdir");
    let output = run_in(
        &work,
        [
            "check",
            "--format",
            "sarif",
            &elsewhere.display().to_string(),
        ],
    );
    let sarif: serde_json::Value = serde_json::from_slice(&output.stdout).expect("valid JSON");
    assert_valid_sarif(&sarif);
    let run = &sarif["runs"][0];
    let uri = run["artifacts"][0]["location"]["uri"]
        .as_str()
        .expect("uri");
    assert!(uri.starts_with("file:///"), "{uri}");
    assert!(uri.ends_with("/my%20diagram%20%231.ron"), "{uri}");
    assert!(run["artifacts"][0]["location"]["uriBaseId"].is_null());
    assert!(run["originalUriBaseIds"].is_null());
}

/// Names with control characters reach the terminal escaped, one finding
/// per line; JSON and SARIF carry them as JSON escapes.
#[test]
fn control_characters_in_names_are_escaped_in_text_output() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("esc.ron");
    std::fs::write(
        &file,
        "(format: \"seams\", version: 1, modules: [(id: \"a\", name: \"evil\\u{1b}]0;pwned\\u{7}\\nsecond line\\u{202e}\")])",
    )
    .expect("writes");
    let output = run_in(dir.path(), ["check", "--deny", "info", "esc.ron"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{7}'),
        "{text:?}"
    );
    assert!(!text.contains('\u{202e}'), "{text:?}");
    assert!(
        text.contains("evil\\u{1b}]0;pwned\\u{7}\\u{a}second line\\u{202e}"),
        "{text}"
    );
    assert_eq!(
        text.lines().count(),
        3,
        "two findings and the count: {text}"
    );
    for format in ["json", "sarif"] {
        let output = run_in(dir.path(), ["check", "--format", format, "esc.ron"]);
        let raw = stdout(&output);
        assert!(!raw.contains('\u{1b}'), "{format}: {raw:?}");
        let json: serde_json::Value = serde_json::from_str(&raw).expect("valid JSON");
        assert!(json.to_string().contains("\\u001b]0;pwned"), "{format}");
    }
}

/// A report that cannot be written exits 2 and says why.
#[test]
fn a_failed_write_of_the_report_exits_2_with_a_reason() {
    if !Path::new("/dev/full").exists() {
        return;
    }
    for format in ["text", "json", "sarif"] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .expect("opens /dev/full");
        let output = seams()
            .args(["check", "--format", format, TRUST_ZONES])
            .stdout(full)
            .output()
            .expect("runs");
        assert_eq!(output.status.code(), Some(2), "{format}");
        let err = stderr(&output);
        assert!(err.contains("cannot write the report"), "{format}: {err}");
    }
}

/// `seams check /dev/zero` stops at the size limit rather than reading
/// until memory runs out; so does a pipe.
#[test]
fn endless_input_is_cut_off_at_the_size_limit() {
    if !Path::new("/dev/zero").exists() {
        return;
    }
    let output = run(["check", "/dev/zero"]);
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(
        err.contains("/dev/zero") && err.contains("larger than"),
        "{err}"
    );
}

#[test]
fn info_maps_to_note_in_sarif() {
    let output = run([
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
    let output = seams()
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

/// Each rule's `helpUri` names a section of the rules reference that
/// exists.
#[test]
fn every_rule_has_its_section_in_the_rules_reference() {
    let reference = std::fs::read_to_string(root().join("docs/rules.md")).expect("reads");
    for rule in seams::model::RuleId::ALL {
        let uri = seams::cli::sarif::help_uri(*rule);
        let anchor = uri.rsplit_once('#').expect("an anchor").1;
        assert!(
            reference.contains(&format!("\n## {anchor}\n")),
            "no section for {anchor}"
        );
    }
}
