//! The rules engine: `check(&Diagram) -> Report`, pure and deterministic.

mod report;

pub use report::{Finding, Fix, Report, Severity};

use crate::model::Diagram;

/// Runs every rule on `diagram`.
#[must_use]
pub fn check(diagram: &Diagram) -> Report {
    let _ = diagram;
    Report::default()
}

pub use report::RuleInfo;

/// The catalogue entry of `rule`.
#[must_use]
pub fn describe(rule: crate::model::RuleId) -> RuleInfo {
    RuleInfo {
        id: rule,
        summary: "",
        explanation: "",
        default_severity: Severity::Warning,
        default_text: "warning",
    }
}
