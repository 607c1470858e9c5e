//! `disconnected-module`: a module with no interfaces at all.

use super::{Analysis, Finding, RuleInfo, Severity};
use super::{finding, quoted};
use crate::model::Fix;
use crate::model::RuleId;

/// The catalogue entry.
pub(super) const INFO: RuleInfo = RuleInfo {
    id: RuleId::DisconnectedModule,
    summary: "A module has no interfaces.",
    explanation: "A module with no interfaces neither uses nor is used by anything in the \
diagram, so no rule can say anything about it: what it can reach, what can reach it and \
what it must be deployed with are all unknown. Either arrows are missing (draw how it is \
called, what it links and which datastores it reads or writes), or the module is left over \
and can be deleted. Reference: \
docs/rules.md#disconnected-module.",
    default_severity: Severity::Info,
    default_text: "info",
};

/// Fires for every module that no interface touches.
pub(super) fn check(analysis: &Analysis<'_>, out: &mut Vec<Finding>) {
    for (m, module) in analysis.diagram().modules.iter().enumerate() {
        if analysis.degree_of(m) > 0 {
            continue;
        }
        out.push(finding(
            INFO.id,
            Severity::Info,
            module.id.as_str(),
            Vec::new(),
            text!("{} has no interfaces", quoted(&module.name)),
            Some(Fix::DeleteModule {
                module: module.id.clone(),
            }),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use crate::model::{Diagram, InterfaceKind, RuleId};

    #[test]
    fn fires_for_a_module_without_interfaces() {
        let d = Diagram {
            modules: vec![module("a", None), module("b", None), module("lonely", None)],
            interfaces: vec![interface("ab", "a", "b", InterfaceKind::Rpc)],
            ..Diagram::default()
        };
        assert_eq!(
            ids(&d, RuleId::DisconnectedModule),
            ["disconnected-module@lonely"]
        );
    }

    #[test]
    fn silent_when_every_module_has_an_arrow() {
        let d = Diagram {
            modules: vec![module("a", None), module("b", None)],
            interfaces: vec![interface("ba", "b", "a", InterfaceKind::Queue)],
            ..Diagram::default()
        };
        assert!(ids(&d, RuleId::DisconnectedModule).is_empty());
    }
}
