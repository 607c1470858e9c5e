//! `seams check --format sarif`: SARIF 2.1.0 for code-scanning dashboards.

use super::check::Checked;
use crate::file::{LineCol, find_id};
use crate::model::{Diagram, ElementKind, RuleId};
use crate::rules::{self, Finding, Severity};
use serde_json::{Value, json};
use std::fmt::Write as _;

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// One SARIF run: the rule catalogue, one artifact per file, one result per
/// finding.
#[must_use]
pub fn sarif_output(checked: &[Checked]) -> String {
    let catalogue: Vec<Value> = RuleId::ALL
        .iter()
        .map(|&rule| {
            let info = rules::describe(rule);
            json!({
                "id": rule.as_str(),
                "shortDescription": { "text": info.summary },
                "fullDescription": { "text": info.explanation },
                "help": { "text": format!("{}\n\nDefault severity: {}.", info.explanation, info.default_text) },
                "defaultConfiguration": { "level": level(info.default_severity) },
                "properties": { "category": rule.category().as_str() },
            })
        })
        .collect();
    let artifacts: Vec<Value> = checked
        .iter()
        .map(|c| json!({ "location": { "uri": uri(&c.path) } }))
        .collect();
    let mut results = Vec::new();
    for (index, file) in checked.iter().enumerate() {
        for finding in &file.report.findings {
            results.push(result(file, index, finding));
        }
    }
    let sarif = json!({
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "Seams",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": catalogue,
            }},
            "artifacts": artifacts,
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    let mut text = serde_json::to_string_pretty(&sarif).unwrap_or_default();
    text.push('\n');
    text
}

fn result(file: &Checked, artifact_index: usize, finding: &Finding) -> Value {
    let rule_index = RuleId::ALL
        .iter()
        .position(|r| *r == finding.rule)
        .unwrap_or(0);
    let mut physical = json!({
        "artifactLocation": { "uri": uri(&file.path), "index": artifact_index },
    });
    if let Some(line_col) = definition_line(file, finding) {
        physical["region"] = json!({ "startLine": line_col.line, "startColumn": line_col.col });
    }
    let logical: Vec<Value> = finding
        .elements
        .iter()
        .map(|id| {
            json!({
                "name": id,
                "fullyQualifiedName": id,
                "kind": element_kind(&file.diagram, id),
            })
        })
        .collect();
    let mut location = json!({ "physicalLocation": physical });
    if !logical.is_empty() {
        location["logicalLocations"] = Value::Array(logical);
    }
    let mut result = json!({
        "ruleId": finding.rule.as_str(),
        "ruleIndex": rule_index,
        "level": level(finding.severity),
        "message": { "text": finding.message },
        "locations": [location],
        "partialFingerprints": { "seamsFindingId/v1": finding.id },
        "properties": { "findingId": finding.id, "category": finding.category.as_str() },
    });
    if let Some(reason) = &finding.accepted {
        result["suppressions"] =
            json!([{ "kind": "inSource", "status": "accepted", "justification": reason }]);
    }
    result
}

/// Where the finding's first element is defined; for a stale acceptance,
/// the line of the acceptance. Only for plain RON files: an image's embedded
/// text has no lines in the image.
fn definition_line(file: &Checked, finding: &Finding) -> Option<LineCol> {
    let is_ron = file
        .path
        .extension()
        .is_none_or(|e| !(e.eq_ignore_ascii_case("png") || e.eq_ignore_ascii_case("svg")));
    if !is_ron {
        return None;
    }
    if finding.rule == RuleId::StaleAcceptance {
        let accepted = finding.id.split_once('@').map_or("", |(_, rest)| rest);
        let needle = format!("\"{accepted}\"");
        let at = file.text.find(&needle)?;
        let line = file.text[..at].matches('\n').count() + 1;
        let line_start = file.text[..at].rfind('\n').map_or(0, |n| n + 1);
        return Some(LineCol {
            line,
            col: file.text[line_start..at].chars().count() + 1,
        });
    }
    find_id(&file.text, finding.elements.first()?)
}

fn element_kind(diagram: &Diagram, id: &str) -> &'static str {
    match diagram.kind_of(id) {
        Some(ElementKind::Module) => "module",
        Some(ElementKind::Interface) => "interface",
        Some(ElementKind::Unit) => "unit",
        Some(ElementKind::Team) => "team",
        None => "element",
    }
}

/// The path as a relative URI reference (forward slashes, spaces and other
/// reserved characters percent-encoded).
fn uri(path: &std::path::Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/:".contains(&byte) {
            out.push(byte as char);
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}
