//! What a check produces: findings with ids, severities and suggested fixes.

use crate::model::{Category, InterfaceId, ModuleId, RuleId, UnitId};
use serde::Serialize;

/// How serious a finding is. Ordered `Info < Warning < Error`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing.
    Info,
    /// Probably wrong.
    Warning,
    /// Wrong.
    Error,
}

impl Severity {
    /// `info`, `warning` or `error`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// Every severity, worst first.
    pub const WORST_FIRST: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Info];
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A suggested fix the editor can apply as one undoable edit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fix {
    /// Move `module` into a new `Sandbox` unit inside its current unit,
    /// released with it.
    SandboxModule {
        /// The untrusted module to wrap.
        module: ModuleId,
    },
    /// Merge the units into the first one: their modules and child units move
    /// into it and the others are deleted.
    MergeUnits {
        /// The units, the one kept first.
        units: Vec<UnitId>,
    },
    /// Mark the interface `versioned: true`.
    MarkVersioned {
        /// The interface.
        interface: InterfaceId,
    },
    /// Place the module in `unit` (the unit under it on the canvas).
    PlaceModule {
        /// The unplaced module.
        module: ModuleId,
        /// Where to put it.
        unit: UnitId,
    },
    /// Delete the module and its interfaces.
    DeleteModule {
        /// The module.
        module: ModuleId,
    },
    /// Delete the (empty) unit.
    DeleteUnit {
        /// The unit.
        unit: UnitId,
    },
}

impl Fix {
    /// A short imperative label for the fix button.
    #[must_use]
    pub fn label(&self) -> &'static str {
        match self {
            Fix::SandboxModule { .. } => "Move into a new sandbox",
            Fix::MergeUnits { .. } => "Merge the units into one",
            Fix::MarkVersioned { .. } => "Mark the interface versioned",
            Fix::PlaceModule { .. } => "Place it in the unit under it",
            Fix::DeleteModule { .. } => "Delete the module",
            Fix::DeleteUnit { .. } => "Delete the unit",
        }
    }
}

/// One thing a rule found.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    /// `rule@element`, stable across runs.
    pub id: String,
    /// The rule that fired.
    pub rule: RuleId,
    /// Severity after overrides.
    pub severity: Severity,
    /// The rule's category.
    pub category: Category,
    /// One line naming the elements by name.
    pub message: String,
    /// The principle behind the rule and how to fix it.
    pub explanation: &'static str,
    /// Ids concerned: the one in the finding id first, then the rest sorted.
    pub elements: Vec<String>,
    /// The acceptance reason, when the finding is accepted.
    pub accepted: Option<String>,
    /// A fix the editor can apply, where one exists.
    pub fix: Option<Fix>,
}

impl Finding {
    /// Whether the finding is accepted.
    #[must_use]
    pub fn is_accepted(&self) -> bool {
        self.accepted.is_some()
    }
}

/// The result of [`crate::rules::check`]: every finding, sorted by severity
/// (error first), then rule id, then finding id.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Report {
    /// The findings, sorted.
    pub findings: Vec<Finding>,
}

impl Report {
    /// How many unaccepted findings have `severity`.
    #[must_use]
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity && !f.is_accepted())
            .count()
    }

    /// How many findings are accepted.
    #[must_use]
    pub fn accepted_count(&self) -> usize {
        self.findings.iter().filter(|f| f.is_accepted()).count()
    }

    /// The worst severity among unaccepted findings.
    #[must_use]
    pub fn worst(&self) -> Option<Severity> {
        self.findings
            .iter()
            .filter(|f| !f.is_accepted())
            .map(|f| f.severity)
            .max()
    }

    /// The findings that concern the element `id`.
    pub fn for_element<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Finding> + 'a {
        self.findings
            .iter()
            .filter(move |f| f.elements.iter().any(|e| e == id))
    }
}

/// What the rule catalogue says about one rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RuleInfo {
    /// The rule.
    pub id: RuleId,
    /// One line: what the rule looks for.
    pub summary: &'static str,
    /// The principle behind the rule and how to fix what it finds.
    pub explanation: &'static str,
    /// The default severity; for rules whose severity depends on the finding
    /// (e.g. error if a side is untrusted, else warning), the highest.
    pub default_severity: Severity,
    /// The default severity as DESIGN.md words it ("error if a side is
    /// Untrusted, else warning").
    pub default_text: &'static str,
}
