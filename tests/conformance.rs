//! The conformance cases of `tests/conformance/` (see its README.md): each
//! `NAME.ron` must produce exactly the findings of `NAME.expect.json`, in
//! order, equal on `id`, `rule`, `severity`, `category`, `elements` and
//! `accepted`; every file in `invalid/` must fail to load.

use seams::file::load_path;
use seams::rules::{self, Finding};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/conformance")
}

/// The compared fields of a finding, as the JSON output writes them.
fn compared(finding: &Finding) -> Value {
    serde_json::json!({
        "id": finding.id,
        "rule": finding.rule.as_str(),
        "severity": finding.severity.as_str(),
        "category": finding.category.as_str(),
        "elements": finding.elements,
        "accepted": finding.is_accepted(),
    })
}

fn expected(name: &str) -> Vec<Value> {
    let path = dir().join(format!("{name}.expect.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let json: Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let files = json["files"].as_array().expect("a files array");
    assert_eq!(files.len(), 1, "{name}: one file per case");
    files[0]["findings"]
        .as_array()
        .expect("a findings array")
        .iter()
        .map(|f| {
            serde_json::json!({
                "id": f["id"],
                "rule": f["rule"],
                "severity": f["severity"],
                "category": f["category"],
                "elements": f["elements"],
                "accepted": f["accepted"],
            })
        })
        .collect()
}

fn conforms(name: &str) {
    let path = dir().join(format!("{name}.ron"));
    let diagram = load_path(&path).unwrap_or_else(|e| panic!("{e}"));
    let report = rules::check(&diagram);
    let actual: Vec<Value> = report.findings.iter().map(compared).collect();
    let expected = expected(name);
    let show = |findings: &[Value]| {
        findings
            .iter()
            .map(Value::to_string)
            .collect::<Vec<_>>()
            .join("\n  ")
    };
    assert!(
        actual == expected,
        "{name}: findings differ\nexpected:\n  {}\nactual:\n  {}",
        show(&expected),
        show(&actual)
    );
    for finding in &report.findings {
        assert!(!finding.message.is_empty(), "{}: empty message", finding.id);
        assert!(
            !finding.explanation.is_empty(),
            "{}: no explanation",
            finding.id
        );
    }
}

fn rejected(name: &str) {
    let path = dir().join("invalid").join(format!("{name}.ron"));
    assert!(path.exists(), "{} is missing", path.display());
    let error = load_path(&path).expect_err("an invalid file must not load");
    assert!(
        error.to_string().contains(&format!("{name}.ron")),
        "the message names the file: {error}"
    );
}

macro_rules! cases {
    ($($test:ident => $name:literal),+ $(,)?) => {
        $(
            #[test]
            fn $test() {
                conforms($name);
            }
        )+

        /// Every case on disk has a test above, so a new case cannot be
        /// silently skipped.
        #[test]
        fn every_case_has_a_test() {
            let mut on_disk: Vec<String> = std::fs::read_dir(dir())
                .expect("conformance folder")
                .filter_map(|e| {
                    let name = e.expect("entry").file_name().into_string().expect("utf-8");
                    name.strip_suffix(".expect.json").map(str::to_owned)
                })
                .collect();
            on_disk.sort();
            let mut tested = vec![$($name.to_owned()),+];
            tested.sort();
            assert_eq!(on_disk, tested);
        }
    };
}

cases! {
    acceptance_overrides => "acceptance-overrides",
    blast_radius => "blast-radius",
    boundary_lca => "boundary-lca",
    cloud_managed => "cloud-managed",
    code_origins => "code-origins",
    deployment_units => "deployment-units",
    grouped_findings => "grouped-findings",
    model_rules => "model-rules",
    split_reasons => "split-reasons",
    trust_zones => "trust-zones",
}

macro_rules! invalid {
    ($($test:ident => $name:literal),+ $(,)?) => {
        $(
            #[test]
            fn $test() {
                rejected($name);
            }
        )+

        #[test]
        fn every_invalid_file_has_a_test() {
            let mut on_disk: Vec<String> = std::fs::read_dir(dir().join("invalid"))
                .expect("invalid folder")
                .filter_map(|e| {
                    let name = e.expect("entry").file_name().into_string().expect("utf-8");
                    name.strip_suffix(".ron").map(str::to_owned)
                })
                .collect();
            on_disk.sort();
            let mut tested = vec![$($name.to_owned()),+];
            tested.sort();
            assert_eq!(on_disk, tested);
        }
    };
}

invalid! {
    invalid_interface_to_itself => "interface-to-itself",
    invalid_interface_unknown_module => "interface-unknown-module",
    invalid_missing_comma => "missing-comma",
    invalid_team_module_same_id => "team-module-same-id",
    invalid_two_unit_cycle => "two-unit-cycle",
    invalid_version_3 => "version-3",
}
