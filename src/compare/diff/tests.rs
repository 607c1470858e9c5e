//! Comparisons of the bundled examples and small edits of them.

use super::*;
use crate::model::{Point, Trust};
use crate::model::{RuleId, RuleLevel, UnitId};

fn photo_sharing() -> Diagram {
    crate::file::load_str(crate::examples::built_in().text).expect("the example loads")
}

fn load(ron: &str) -> Diagram {
    crate::file::load_str(ron).expect("the test diagram loads")
}

#[test]
fn a_diagram_against_itself_is_empty() {
    let d = photo_sharing();
    let c = Comparison::between("a.ron", &d, "b.ron", &d);
    assert!(c.is_empty(), "{c:#?}");
    assert_eq!(c.old.scorecard, c.new.scorecard);
    assert_eq!(c.denied(Severity::Info).count(), 0);
}

#[test]
fn fields_are_listed_and_geometry_only_counted() {
    let old = photo_sharing();
    let mut new = old.clone();
    let png = new.module_mut("png").expect("png");
    png.trust = Trust::Trusted;
    png.pos = Some(Point::new(10.0, 20.0));
    new.module_mut("http").expect("http").pos = Some(Point::new(1.0, 1.0));
    new.interface_mut("decode").expect("decode").versioned = false;
    new.modules.retain(|m| m.id.as_str() != "mailer");
    new.interfaces.retain(|f| f.id.as_str() != "notify");
    new.units.push(crate::model::Unit::new(
        "batch",
        "Batch jobs",
        crate::model::Isolation::Container,
    ));
    new.title = "Photos".to_owned();
    let c = Comparison::between("old.ron", &old, "new.ron", &new);
    let ids = |entries: &[ElementEntry]| -> Vec<String> {
        entries.iter().map(|e| e.id.clone()).collect()
    };
    assert_eq!(ids(&c.elements.added), ["batch"]);
    assert_eq!(ids(&c.elements.removed), ["mailer", "notify"]);
    let changed: Vec<(&str, Vec<&str>)> = c
        .elements
        .changed
        .iter()
        .map(|e| {
            (
                e.id.as_str(),
                e.fields.iter().map(|f| f.field.as_str()).collect(),
            )
        })
        .collect();
    assert_eq!(
        changed,
        [("decode", vec!["versioned"]), ("png", vec!["trust"])]
    );
    assert_eq!(c.elements.changed[1].fields[0].old, "Untrusted");
    assert_eq!(c.elements.changed[1].fields[0].new, "Trusted");
    // png moved and changed; http only moved.
    assert_eq!(c.elements.geometry_changed, 2);
    assert_eq!(c.diagram[0].field, "title");
}

#[test]
fn taking_the_decoder_out_of_its_sandbox_introduces_an_error() {
    let old = photo_sharing();
    let mut new = old.clone();
    new.module_mut("png").expect("png").unit = Some(UnitId::new("api"));
    let c = Comparison::between("old.ron", &old, "new.ron", &new);
    let denied: Vec<&str> = c.denied(Severity::Error).map(|f| f.id.as_str()).collect();
    assert_eq!(denied, ["lateral-reach@png"]);
    assert_eq!(c.elements.changed[0].fields[0].field, "unit");
    assert_eq!(
        (
            c.elements.changed[0].fields[0].old.as_str(),
            c.elements.changed[0].fields[0].new.as_str()
        ),
        ("decode-box", "api")
    );
    // The other way round, it is resolved and nothing is denied.
    let back = Comparison::between("new.ron", &new, "old.ron", &old);
    assert!(
        back.findings
            .resolved
            .iter()
            .any(|f| f.id == "lateral-reach@png")
    );
    assert_eq!(back.denied(Severity::Info).count(), 0);
}

const PARSERS: &str = r#"#![enable(implicit_some)]
(
    format: "seams",
    version: 1,
    units: [(id: "api", isolation: Container)],
    modules: [
        (id: "http", unit: "api"),
        (id: "pdf", trust: Untrusted, unit: "api"),
        EXTRA
    ],
    interfaces: [
        (id: "parse", from: "http", to: "pdf", kind: Rpc),
    ],
)"#;

#[test]
fn a_group_that_only_grew_is_changed_not_new() {
    let old = load(&PARSERS.replace("EXTRA", ""));
    // A second parser in the same container joins the foothold group;
    // the group's smallest member, and so its id, stays.
    let grown = load(&PARSERS.replace("EXTRA", r#"(id: "zip", trust: Untrusted, unit: "api"),"#));
    let c = Comparison::between("old.ron", &old, "new.ron", &grown);
    assert!(
        c.findings
            .introduced
            .iter()
            .all(|f| f.rule != "lateral-reach")
    );
    assert!(c.findings.resolved.is_empty());
    let changed: Vec<(&str, &str)> = c
        .findings
        .changed
        .iter()
        .map(|f| (f.old.id.as_str(), f.new.id.as_str()))
        .collect();
    assert_eq!(changed, [("lateral-reach@pdf", "lateral-reach@pdf")]);
    assert_eq!(c.findings.changed[0].what(), ["group +zip"]);

    // A parser whose id sorts first renames the group: still matched
    // through the members they share.
    let renamed = load(&PARSERS.replace("EXTRA", r#"(id: "bmp", trust: Untrusted, unit: "api"),"#));
    let c = Comparison::between("old.ron", &old, "new.ron", &renamed);
    assert!(
        c.findings
            .introduced
            .iter()
            .all(|f| f.rule != "lateral-reach")
    );
    assert!(
        c.findings
            .resolved
            .iter()
            .all(|f| f.rule != "lateral-reach")
    );
    let changed = &c.findings.changed[0];
    assert_eq!(
        (changed.old.id.as_str(), changed.new.id.as_str()),
        ("lateral-reach@pdf", "lateral-reach@bmp")
    );
    assert_eq!(changed.what(), ["group +bmp", "was lateral-reach@pdf"]);
}

#[test]
fn severity_and_acceptance_changes_are_changes() {
    let old = photo_sharing();
    let mut new = old.clone();
    new.accepted.clear();
    new.settings
        .rules
        .insert(RuleId::UnversionedCrossUnit, RuleLevel::Warning);
    let c = Comparison::between("old.ron", &old, "new.ron", &new);
    assert!(c.findings.introduced.is_empty() && c.findings.resolved.is_empty());
    let changed = &c.findings.changed[0];
    assert_eq!(changed.new.id, "unversioned-cross-unit@notify");
    assert_eq!(changed.what(), ["info → warning", "no longer accepted"]);
    let fields: Vec<&str> = c.diagram.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(
        fields,
        [
            "rules.unversioned-cross-unit",
            "accepted.unversioned-cross-unit@notify"
        ]
    );
}

#[test]
fn json_has_the_documented_shape() {
    let old = photo_sharing();
    let mut new = old.clone();
    new.module_mut("png").expect("png").unit = Some(UnitId::new("api"));
    new.module_mut("http").expect("http").name = "Handlers".to_owned();
    let value = serde_json::to_value(Comparison::between("old.ron", &old, "new.ron", &new))
        .expect("serializes");
    let keys = |v: &serde_json::Value| -> Vec<String> {
        let mut keys: Vec<String> = v.as_object().expect("an object").keys().cloned().collect();
        keys.sort();
        keys
    };
    assert_eq!(keys(&value), ["elements", "findings", "new", "old"]);
    assert_eq!(keys(&value["old"]), ["path", "scorecard"]);
    assert_eq!(value["old"]["path"], "old.ron");
    assert_eq!(value["new"]["scorecard"]["errors"], 1);
    assert_eq!(
        keys(&value["elements"]),
        ["added", "changed", "geometry_changed", "removed"]
    );
    assert_eq!(
        value["elements"]["changed"],
        serde_json::json!([
            {"id": "http", "fields": ["name"]},
            {"id": "png", "fields": ["unit"]},
        ])
    );
    assert_eq!(
        keys(&value["findings"]),
        ["changed", "introduced", "resolved"]
    );
    let introduced = &value["findings"]["introduced"][0];
    assert_eq!(
        keys(introduced),
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
    assert_eq!(introduced["id"], "empty-unit@decode-box");
    assert_eq!(introduced["severity"], "info");
}
