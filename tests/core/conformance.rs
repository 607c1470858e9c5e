//! The conformance cases of `tests/conformance/` (see its README.md): each
//! `NAME.ron` must produce exactly the findings of `NAME.expect.json`, in
//! order, equal on `id`, `rule`, `severity`, `category`, `elements` and
//! `accepted`; every file in `invalid/` must fail to load.

use crate::support::root;
use seams::file::load_path;
use seams::rules::{self, Finding};
use serde_json::Value;
use std::path::PathBuf;

fn dir() -> PathBuf {
    root().join("tests/conformance")
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

/// One claim the rules reference makes after an example: a finding id,
/// its severity and, where given, its elements.
struct Claim {
    id: String,
    severity: String,
    elements: Option<Vec<String>>,
}

/// The claims in `text`: "`rule@x`, severity, elements `a`, `b` and `c`".
/// Line breaks count as spaces.
fn claims(text: &str) -> (Vec<Claim>, Vec<String>) {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut claims = Vec::new();
    let mut mentioned = Vec::new();
    let mut rest = text.as_str();
    while let Some(start) = rest.find('`') {
        let after = &rest[start + 1..];
        let Some(end) = after.find('`') else { break };
        let token = &after[..end];
        rest = &after[end + 1..];
        if !(token.contains('@') && !token.contains('<') && !token.contains(' ')) {
            continue;
        }
        mentioned.push(token.to_owned());
        let Some(severity) = ["error", "warning", "info"]
            .into_iter()
            .find(|s| rest.starts_with(&format!(", {s}")))
        else {
            continue;
        };
        let mut tail = &rest[2 + severity.len()..];
        let mut elements = None;
        if let Some(list) = tail.strip_prefix(", elements ") {
            let mut ids = Vec::new();
            let mut list = list;
            while let Some(item) = list.strip_prefix('`') {
                let Some(close) = item.find('`') else { break };
                ids.push(item[..close].to_owned());
                list = item[close + 1..]
                    .trim_start_matches([',', ' '])
                    .trim_start_matches("and ");
            }
            tail = list;
            elements = Some(ids);
        }
        rest = tail;
        claims.push(Claim {
            id: token.to_owned(),
            severity: severity.to_owned(),
            elements,
        });
    }
    (claims, mentioned)
}

/// Every whole diagram in docs/rules.md loads, and produces exactly the
/// findings the text after it names, with the severity and elements it
/// gives: the reference cannot drift from the rules.
#[test]
fn the_rules_reference_examples_say_what_the_rules_find() {
    let doc = std::fs::read_to_string(root().join("docs/rules.md")).expect("docs/rules.md");
    let blocks: Vec<&str> = doc.split("```ron\n").skip(1).collect();
    let mut checked = 0;
    for block in blocks {
        let Some((code, after)) = block.split_once("```") else {
            continue;
        };
        if !code.trim_start().starts_with("#![enable") {
            continue; // a fragment, not a whole diagram
        }
        let after = after.split("\n## ").next().unwrap_or_default();
        let diagram = seams::file::load_str(code)
            .unwrap_or_else(|e| panic!("an example does not load: {e}\n{code}"));
        let report = seams::rules::check(&diagram);
        let (claims, mentioned) = claims(after);
        for claim in &claims {
            let finding = report
                .findings
                .iter()
                .find(|f| f.id == claim.id)
                .unwrap_or_else(|| panic!("{} does not fire:\n{code}", claim.id));
            assert_eq!(finding.severity.as_str(), claim.severity, "{}", claim.id);
            if let Some(elements) = &claim.elements {
                assert_eq!(&finding.elements, elements, "{}", claim.id);
            }
        }
        for finding in &report.findings {
            assert!(
                mentioned.contains(&finding.id),
                "{} fires but the reference does not say so:\n{code}",
                finding.id
            );
        }
        checked += 1;
    }
    assert!(checked >= 19, "only {checked} examples checked");
}
