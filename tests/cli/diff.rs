//! `seams diff` as CI uses it: a diagram against itself, a change that adds
//! an error, the JSON shape, Markdown for a pull request, images as inputs,
//! bad input; and `seams check --format markdown`.

use crate::support::{root, run, stderr, stdout};
use std::path::Path;

const PHOTOS: &str = "assets/examples/photo-sharing.ron";

/// The photo-sharing example with its PNG decoder taken out of the
/// sandbox and put into the API server: a lateral-reach error.
fn unsandboxed(dir: &Path) -> String {
    let text = std::fs::read_to_string(root().join(PHOTOS)).expect("the example reads");
    let changed = text.replace(r#"unit: "decode-box""#, r#"unit: "api""#);
    assert_ne!(
        changed, text,
        "the example places the decoder in its sandbox"
    );
    let path = dir.join("unsandboxed.ron");
    std::fs::write(&path, changed).expect("writes");
    path.display().to_string()
}

#[test]
fn a_diagram_against_itself_changes_nothing_and_passes() {
    for format in ["text", "json", "markdown"] {
        let output = run(["diff", "--format", format, "--deny", "info", PHOTOS, PHOTOS]);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{format}: {}",
            stderr(&output)
        );
    }
    let output = run(["diff", PHOTOS, PHOTOS]);
    let text = stdout(&output);
    assert!(
        text.contains("Elements: 0 added, 0 removed, 0 changed, 0 moved or resized"),
        "{text}"
    );
    assert!(
        text.contains("Findings: 0 introduced, 0 resolved, 0 changed"),
        "{text}"
    );
    assert!(
        text.ends_with("No introduced finding at or above error.\n"),
        "{text}"
    );
}

#[test]
fn a_change_that_adds_an_error_fails_and_names_it() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let new = unsandboxed(dir.path());
    let output = run(["diff", PHOTOS, &new]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(
        text.contains("introduced  error: ") && text.contains("[lateral-reach@png]"),
        "{text}"
    );
    assert!(
        text.contains("changed  module “PNG decoder” (png): unit: decode-box → api"),
        "{text}"
    );
    assert!(
        text.ends_with("1 introduced finding at or above error: lateral-reach@png\n"),
        "{text}"
    );
    // Going back resolves it: nothing is introduced, whatever --deny says.
    let output = run(["diff", "--deny", "info", &new, PHOTOS]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(stdout(&output).contains("resolved    error: "));
}

#[test]
fn json_has_the_documented_shape() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let new = unsandboxed(dir.path());
    let output = run(["diff", "--format", "json", PHOTOS, &new]);
    assert_eq!(output.status.code(), Some(1));
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).expect("one JSON object");
    let keys = |v: &serde_json::Value| -> Vec<String> {
        let mut keys: Vec<String> = v.as_object().expect("an object").keys().cloned().collect();
        keys.sort();
        keys
    };
    assert_eq!(keys(&value), ["elements", "findings", "new", "old"]);
    assert_eq!(value["old"]["path"], PHOTOS);
    assert_eq!(value["new"]["path"], new.as_str());
    assert_eq!(
        keys(&value["new"]["scorecard"]),
        [
            "compatibility_surface",
            "compatibility_unversioned",
            "errors",
            "infos",
            "largest_blast_radius",
            "largest_blast_radius_group",
            "largest_upgrade",
            "reachable",
            "releases",
            "restart_scope",
            "skew_pairs",
            "upgrade_units",
            "warnings",
        ]
    );
    assert_eq!(
        value["old"]["scorecard"]["largest_blast_radius_group"],
        serde_json::Value::Null
    );
    assert_eq!(
        value["new"]["scorecard"]["largest_blast_radius_group"],
        "lateral-reach@png"
    );
    assert_eq!(
        value["elements"],
        serde_json::json!({"added": [], "removed": [], "changed": [{"id": "png", "fields": ["unit"]}], "geometry_changed": 0})
    );
    let introduced: Vec<&str> = value["findings"]["introduced"]
        .as_array()
        .expect("a list")
        .iter()
        .map(|f| f["id"].as_str().expect("an id"))
        .collect();
    assert_eq!(
        introduced,
        ["empty-unit@decode-box", "lateral-reach@png"],
        "sorted by id"
    );
    let finding = &value["findings"]["introduced"][1];
    assert_eq!(
        keys(finding),
        [
            "accepted",
            "category",
            "elements",
            "explanation",
            "id",
            "message",
            "rule",
            "severity"
        ]
    );
    assert_eq!(finding["severity"], "error");
    assert_eq!(finding["accepted"], false);
    assert_eq!(value["findings"]["resolved"], serde_json::json!([]));
    assert_eq!(value["findings"]["changed"], serde_json::json!([]));
}

#[test]
fn markdown_is_a_summary_line_then_tables() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let new = unsandboxed(dir.path());
    let output = run(["diff", "--format", "markdown", PHOTOS, &new]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    let mut lines = text.lines();
    let summary = lines.next().expect("a summary line");
    assert!(summary.starts_with("**Seams diff** "), "{summary}");
    assert!(
        summary.contains("2 findings introduced (1 error)"),
        "{summary}"
    );
    assert!(
        text.contains("\n| scorecard | old | new | change |\n|---|--:|--:|--:|\n"),
        "{text}"
    );
    assert!(text.contains("\n#### Findings introduced\n"), "{text}");
    assert!(text.contains("| error | `lateral-reach` | "), "{text}");
    assert!(
        text.contains("| changed | module “PNG decoder” (png) | unit: decode-box → api |"),
        "{text}"
    );
}

#[test]
fn exported_images_are_inputs_too() {
    let dir = tempfile::tempdir().expect("a temp dir");
    for extension in ["png", "svg"] {
        let image = dir.path().join(format!("photos.{extension}"));
        let image = image.display().to_string();
        let output = run(["export", PHOTOS, "-o", &image]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        let output = run(["diff", "--deny", "info", PHOTOS, &image]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        let text = stdout(&output);
        // Export lays the diagram out: only geometry differs.
        assert!(
            text.contains("Findings: 0 introduced, 0 resolved, 0 changed"),
            "{text}"
        );
        assert!(
            text.contains("Elements: 0 added, 0 removed, 0 changed, "),
            "{text}"
        );
    }
}

#[test]
fn bad_input_exits_2_with_a_message() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let broken = dir.path().join("broken.ron");
    std::fs::write(
        &broken,
        "(format: \"seams\", version: 1, modules: [(id: \"a b\")])",
    )
    .expect("writes");
    let broken = broken.display().to_string();
    let output = run(["diff", PHOTOS, &broken]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("broken.ron"),
        "{}",
        stderr(&output)
    );
    assert!(stdout(&output).is_empty());
    let output = run(["diff", "missing.ron", PHOTOS]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("missing.ron"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn check_writes_markdown_tables_grouped_by_file() {
    let output = run([
        "check",
        "--format",
        "markdown",
        PHOTOS,
        "assets/examples/microservices.ron",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    let summary = text.lines().next().expect("a summary line");
    assert!(
        summary.starts_with(
            "**Seams check**: 2 files checked: 0 errors, 2 warnings, 3 info, 1 accepted"
        ),
        "{summary}"
    );
    assert!(text.contains("\n#### `assets/examples/photo-sharing.ron`\n\n| severity | rule | message | accepted |\n|---|---|---|---|\n| info | `unversioned-cross-unit` | "), "{text}");
    assert!(
        text.contains(
            "(`unversioned-cross-unit@notify`) | yes: both ship from one repository, API first |"
        ),
        "{text}"
    );
    assert!(
        text.contains("\n#### `assets/examples/microservices.ron`\n"),
        "{text}"
    );
}
