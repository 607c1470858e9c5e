//! `stale-acceptance`: an accepted finding id that matches no finding.
//!
//! Unlike the other rules it inspects the findings, not the diagram:
//! [`super::check`] calls [`finding`] for every acceptance that matched
//! nothing, before severity overrides are applied.

use super::{Elements, Finding, RuleInfo, Severity, quoted};
use crate::model::RuleId;

/// The catalogue entry.
pub(super) const INFO: RuleInfo = RuleInfo {
    id: RuleId::StaleAcceptance,
    summary: "An accepted finding no longer occurs.",
    explanation: "Accepting a finding records a deliberate design decision and its reason. This \
acceptance matches no finding any more (the design changed, or an element was renamed or \
deleted), so it documents nothing, and it would silently accept a new finding that happens \
to get the same id. Remove it from the diagram's accepted findings, or accept the finding \
that replaced it. Turning a rule off does not make its acceptances stale. Reference: \
docs/rules.md#stale-acceptance.",
    default_severity: Severity::Info,
    default_text: "info",
};

/// The finding for an acceptance of `accepted_id` that matches nothing.
pub(super) fn finding(accepted_id: &str) -> Finding {
    Finding {
        id: format!("{}@{accepted_id}", INFO.id.as_str()),
        rule: INFO.id,
        severity: INFO.default_severity,
        category: INFO.id.category(),
        message: format!("Accepted finding {} no longer occurs", quoted(accepted_id)),
        explanation: INFO.explanation,
        elements: Elements::none(),
        accepted: None,
        fix: None,
        group: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use crate::model::{Acceptance, Diagram, RuleId};

    fn accepting(id: &str) -> Diagram {
        Diagram {
            modules: vec![module("lonely", None)],
            accepted: vec![Acceptance {
                finding: id.into(),
                reason: "kept for a reason".into(),
            }],
            ..Diagram::default()
        }
    }

    #[test]
    fn fires_for_an_acceptance_that_matches_nothing() {
        let d = accepting("disconnected-module@gone");
        assert_eq!(
            ids(&d, RuleId::StaleAcceptance),
            ["stale-acceptance@disconnected-module@gone"]
        );
        let f = get(&d, "stale-acceptance@disconnected-module@gone");
        assert!(f.elements.is_empty());
    }

    #[test]
    fn silent_when_the_acceptance_matches() {
        let d = accepting("disconnected-module@lonely");
        assert!(ids(&d, RuleId::StaleAcceptance).is_empty());
        assert!(get(&d, "disconnected-module@lonely").is_accepted());
    }
}
