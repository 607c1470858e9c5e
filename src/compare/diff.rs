//! What changed between two diagrams, and what it did (DESIGN.md
//! "Comparing diagrams: plans and versions"): elements added, removed and
//! changed field by field (geometry counted, not listed), findings
//! introduced, resolved and changed, and both scorecards.
//!
//! [`Comparison`] serializes (derived `Serialize`) as the JSON object
//! `seams diff --format json` prints; every list is sorted by id.

mod elements;
mod findings;
#[cfg(test)]
mod tests;

pub use elements::{ChangedElement, ElementChanges, ElementEntry, FieldChange, describe};
pub use findings::{ChangedFinding, FindingChanges, FindingRecord};

use super::scorecard::Scorecard;
use crate::model::Diagram;
use crate::rules::{self, Analysis, Report, Severity};
use elements::{diagram_changes, element_changes};
use findings::finding_changes;
use serde::Serialize;

/// One diagram of a comparison: where it came from and its scorecard.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Side {
    /// The path as given (or a description, such as "this diagram").
    pub path: String,
    /// Its scorecard.
    pub scorecard: Scorecard,
}

/// A comparison of two diagrams: the JSON object of `seams diff`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Comparison {
    /// The old diagram (the base).
    pub old: Side,
    /// The new diagram.
    pub new: Side,
    /// Elements added, removed and changed.
    pub elements: ElementChanges,
    /// Findings introduced, resolved and changed.
    pub findings: FindingChanges,
    /// Diagram-wide changes (title, strong isolation, rule levels,
    /// acceptances). Not part of the JSON object DESIGN.md specifies: their
    /// effect shows in the findings; the text, Markdown and the editor
    /// list them.
    #[serde(skip)]
    pub diagram: Vec<FieldChange>,
}

/// One diagram to compare: what to call it, the diagram and its findings.
#[derive(Clone, Copy, Debug)]
pub struct Input<'a> {
    /// The path as given, or a description.
    pub path: &'a str,
    /// The diagram.
    pub diagram: &'a Diagram,
    /// Its findings ([`rules::check`] of `diagram`).
    pub report: &'a Report,
}

impl Comparison {
    /// Compares `old` with `new`, checking both.
    #[must_use]
    pub fn between(old_path: &str, old: &Diagram, new_path: &str, new: &Diagram) -> Self {
        let (old_report, new_report) = (rules::check(old), rules::check(new));
        Self::of(
            Input {
                path: old_path,
                diagram: old,
                report: &old_report,
            },
            Input {
                path: new_path,
                diagram: new,
                report: &new_report,
            },
        )
    }

    /// Compares two diagrams whose findings are known.
    #[must_use]
    pub fn of(old: Input<'_>, new: Input<'_>) -> Self {
        let (old_analysis, new_analysis) = (Analysis::new(old.diagram), Analysis::new(new.diagram));
        let side = |input: Input<'_>, analysis: &Analysis<'_>| Side {
            path: input.path.to_owned(),
            scorecard: Scorecard::from_analysis(analysis, input.report),
        };
        Comparison {
            old: side(old, &old_analysis),
            new: side(new, &new_analysis),
            elements: element_changes(old.diagram, old_analysis.forest(), new.diagram),
            findings: finding_changes(&old.report.findings, &new.report.findings),
            diagram: diagram_changes(old.diagram, new.diagram),
        }
    }

    /// Whether nothing changed at all (geometry included).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        let e = &self.elements;
        let f = &self.findings;
        e.added.is_empty()
            && e.removed.is_empty()
            && e.changed.is_empty()
            && e.geometry_changed == 0
            && f.introduced.is_empty()
            && f.resolved.is_empty()
            && f.changed.is_empty()
            && self.diagram.is_empty()
    }

    /// The introduced findings that are not accepted and are at least
    /// `threshold`: what fails `seams diff --deny`.
    pub fn denied(&self, threshold: Severity) -> impl Iterator<Item = &FindingRecord> {
        self.findings
            .introduced
            .iter()
            .filter(move |f| !f.accepted && f.severity >= threshold)
    }
}
