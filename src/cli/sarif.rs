//! `seams check --format sarif`: SARIF 2.1.0 for code-scanning dashboards.
//!
//! One run: the rule catalogue, one artifact per file, one result per
//! finding. Results are serialized one by one as they are reached (derived
//! `Serialize` structs that borrow from the findings), each names at most
//! [`MAX_LOGICAL_LOCATIONS`] elements (`properties.elementCount` gives the
//! full count), and each file's element lines are found in one pass over
//! its text: the output grows with the number of findings, not with the
//! findings times the diagram.

mod artifact;

use artifact::directory_uri;
pub use artifact::{Artifact, artifact};

use super::checked::Checked;
use crate::file::{Definitions, LineCol};
use crate::model::{Diagram, RuleId};
use crate::rules::{self, Finding, Severity};
use rustc_hash::FxHashMap;
use serde::ser::SerializeSeq as _;
use serde::{Serialize, Serializer};
use std::io::Write;

/// The SARIF 2.1.0 schema, as the standard names it.
pub const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// How many of a finding's elements a result names as logical locations.
pub const MAX_LOGICAL_LOCATIONS: usize = 10;

/// The base of the documentation's URIs: a packager who publishes the
/// documents sets `SEAMS_DOCS_URI` at build time (for example to
/// `https://example.org/seams/docs/`). Without it Seams names no web site
/// it does not own: the documents are named by a URN (as the SVG metadata's
/// namespace, `urn:seams:diagram`, is), which SARIF accepts as an absolute
/// URI and which says which document and section is meant.
const DOCS_BASE: &str = match option_env!("SEAMS_DOCS_URI") {
    Some(base) => base,
    None => "urn:seams:docs:",
};

/// The SARIF `informationUri` of the tool: the README.
#[must_use]
pub fn information_uri() -> String {
    format!("{DOCS_BASE}README.md")
}

/// The SARIF `helpUri` of `rule`: its section of the rules reference
/// (`docs/rules.md`, whose sections are named after the rule ids).
#[must_use]
pub fn help_uri(rule: RuleId) -> String {
    format!("{DOCS_BASE}docs/rules.md#{}", rule.as_str())
}

/// The base id relative artifact URIs are resolved against: the folder
/// `seams check` ran in.
const SRCROOT: &str = "%SRCROOT%";

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// Writes one SARIF log for `checked`, result by result.
pub fn write_sarif(out: &mut impl Write, checked: &[Checked]) -> std::io::Result<()> {
    let cwd = std::env::current_dir().ok();
    let artifacts: Vec<Artifact> = checked
        .iter()
        .map(|c| artifact(&c.path, cwd.as_deref()))
        .collect();
    let original_uri_base_ids = artifacts
        .iter()
        .any(|a| a.relative)
        .then(|| cwd.as_deref().map(directory_uri))
        .flatten()
        .map(|uri| BaseIds {
            srcroot: UriOnly { uri },
        });
    let rules: Vec<Rule> = RuleId::ALL.iter().map(|&rule| Rule::of(rule)).collect();
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "Seams",
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    information_uri: information_uri(),
                    rules,
                },
            },
            original_uri_base_ids,
            artifacts: artifacts
                .iter()
                .map(|a| ArtifactEntry {
                    location: a.location(None),
                })
                .collect(),
            column_kind: "unicodeCodePoints",
            results: Results {
                checked,
                artifacts: &artifacts,
            },
        }],
    };
    serde_json::to_writer(&mut *out, &log)?;
    out.write_all(b"\n")
}

/// The SARIF log as a string (see [`write_sarif`]).
#[must_use]
pub fn sarif_output(checked: &[Checked]) -> String {
    let mut out = Vec::new();
    // Writing to memory cannot fail; the output is UTF-8 by construction.
    let _ = write_sarif(&mut out, checked);
    String::from_utf8_lossy(&out).into_owned()
}

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool,
    #[serde(skip_serializing_if = "Option::is_none")]
    original_uri_base_ids: Option<BaseIds>,
    artifacts: Vec<ArtifactEntry<'a>>,
    column_kind: &'static str,
    results: Results<'a>,
}

#[derive(Serialize)]
struct BaseIds {
    #[serde(rename = "%SRCROOT%")]
    srcroot: UriOnly,
}

#[derive(Serialize)]
struct UriOnly {
    uri: String,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    information_uri: String,
    rules: Vec<Rule>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: &'static str,
    short_description: Text<'static>,
    full_description: Text<'static>,
    help: Text<'static>,
    help_uri: String,
    default_configuration: Configuration,
    properties: RuleProperties,
}

impl Rule {
    fn of(rule: RuleId) -> Rule {
        let info = rules::describe(rule);
        Rule {
            id: rule.as_str(),
            short_description: Text::from(info.summary),
            full_description: Text::from(info.explanation),
            help: Text::from(format!(
                "{}\n\nDefault severity: {}.",
                info.explanation, info.default_text
            )),
            help_uri: help_uri(rule),
            default_configuration: Configuration {
                level: level(info.default_severity),
            },
            properties: RuleProperties {
                category: rule.category().as_str(),
            },
        }
    }
}

#[derive(Serialize)]
struct Text<'a> {
    text: std::borrow::Cow<'a, str>,
}

impl<'a> From<&'a str> for Text<'a> {
    fn from(text: &'a str) -> Self {
        Text { text: text.into() }
    }
}

impl From<String> for Text<'_> {
    fn from(text: String) -> Self {
        Text { text: text.into() }
    }
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct RuleProperties {
    category: &'static str,
}

#[derive(Serialize)]
struct ArtifactEntry<'a> {
    location: ArtifactLocation<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation<'a> {
    uri: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    index: Option<usize>,
}

/// Every result of every file, serialized as it is built.
struct Results<'a> {
    checked: &'a [Checked],
    artifacts: &'a [Artifact],
}

impl Serialize for Results<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(None)?;
        for (index, (file, artifact)) in self.checked.iter().zip(self.artifacts).enumerate() {
            // Each file's lines and kinds are found once, then its findings
            // become results one at a time.
            let place = FilePlace::new(file, artifact, index);
            for finding in &file.report.findings {
                seq.serialize_element(&SarifResult::of(finding, &place))?;
            }
        }
        seq.end()
    }
}

/// What every result of one file needs: where its artifact is, where its
/// elements are defined, what kind each element is.
struct FilePlace<'a> {
    artifact: &'a Artifact,
    index: usize,
    /// `None` when the text's lines are not the file's (a PNG).
    definitions: Option<(Definitions<'a>, usize)>,
    kinds: FxHashMap<&'a str, &'static str>,
}

impl<'a> FilePlace<'a> {
    fn new(file: &'a Checked, artifact: &'a Artifact, index: usize) -> Self {
        FilePlace {
            artifact,
            index,
            definitions: file
                .line_offset
                .map(|offset| (Definitions::of(&file.text), offset)),
            kinds: element_kinds(&file.diagram),
        }
    }

    /// Where the finding's first element is defined; for a stale
    /// acceptance, where the acceptance is written.
    fn region(&self, finding: &Finding) -> Option<Region> {
        let (definitions, offset) = self.definitions.as_ref()?;
        let at: LineCol = if finding.rule == RuleId::StaleAcceptance {
            let accepted = finding.id.split_once('@').map_or("", |(_, rest)| rest);
            definitions.finding(accepted)?
        } else {
            definitions.id(finding.elements.first()?)?
        };
        Some(Region {
            start_line: at.line + offset,
            start_column: at.col,
        })
    }
}

fn element_kinds(diagram: &Diagram) -> FxHashMap<&str, &'static str> {
    let mut kinds = FxHashMap::default();
    kinds.reserve(
        diagram.modules.len()
            + diagram.units.len()
            + diagram.interfaces.len()
            + diagram.teams.len(),
    );
    // In the order `Diagram::kind_of` prefers, should an id repeat.
    for team in &diagram.teams {
        kinds.insert(team.id.as_str(), "team");
    }
    for interface in &diagram.interfaces {
        kinds.insert(interface.id.as_str(), "interface");
    }
    for unit in &diagram.units {
        kinds.insert(unit.id.as_str(), "unit");
    }
    for module in &diagram.modules {
        kinds.insert(module.id.as_str(), "module");
    }
    kinds
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Text<'a>,
    locations: [Location<'a>; 1],
    partial_fingerprints: Fingerprints<'a>,
    properties: ResultProperties<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    suppressions: Option<[Suppression<'a>; 1]>,
}

impl<'a> SarifResult<'a> {
    fn of(finding: &'a Finding, place: &FilePlace<'a>) -> Self {
        let rule_index = RuleId::ALL
            .iter()
            .position(|r| *r == finding.rule)
            .unwrap_or(0);
        let count = finding.elements.len();
        let logical_locations: Vec<LogicalLocation<'a>> = finding
            .elements
            .iter()
            .take(MAX_LOGICAL_LOCATIONS)
            .map(|id| LogicalLocation {
                name: id,
                kind: place.kinds.get(id.as_str()).copied().unwrap_or("element"),
            })
            .collect();
        SarifResult {
            rule_id: finding.rule.as_str(),
            rule_index,
            level: level(finding.severity),
            message: Text::from(finding.message.as_str()),
            locations: [Location {
                physical_location: PhysicalLocation {
                    artifact_location: place.artifact.location(Some(place.index)),
                    region: place.region(finding),
                },
                logical_locations,
            }],
            partial_fingerprints: Fingerprints {
                finding_id: &finding.id,
            },
            properties: ResultProperties {
                finding_id: &finding.id,
                category: finding.category.as_str(),
                element_count: (count > MAX_LOGICAL_LOCATIONS).then_some(count),
            },
            suppressions: finding.accepted.as_deref().map(|reason| {
                [Suppression {
                    kind: "inSource",
                    status: "accepted",
                    justification: reason,
                }]
            }),
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    physical_location: PhysicalLocation<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    logical_locations: Vec<LogicalLocation<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation<'a> {
    artifact_location: ArtifactLocation<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
}

#[derive(Serialize)]
struct LogicalLocation<'a> {
    name: &'a str,
    kind: &'static str,
}

#[derive(Serialize)]
struct Fingerprints<'a> {
    #[serde(rename = "seamsFindingId/v1")]
    finding_id: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResultProperties<'a> {
    finding_id: &'a str,
    category: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    element_count: Option<usize>,
}

#[derive(Serialize)]
struct Suppression<'a> {
    kind: &'static str,
    status: &'static str,
    justification: &'a str,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn help_uris_name_the_rules_reference_section() {
        assert!(help_uri(RuleId::LateralReach).ends_with("docs/rules.md#lateral-reach"));
    }
}
