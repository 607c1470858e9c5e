//! `unversioned-cross-unit`: an RPC or queue between separately deployed
//! units that is not versioned.

use super::Piece::{Quoted, Text};
use super::{Analysis, Finding, Fix, RuleInfo, Severity};
use super::{finding, interface_name, kind_noun, message};
use crate::model::{InterfaceKind, RuleId};

/// The catalogue entry.
pub(super) const INFO: RuleInfo = RuleInfo {
    id: RuleId::UnversionedCrossUnit,
    summary: "An RPC or queue between separately deployed units is not versioned.",
    explanation: "Units that are deployed separately are upgraded at different times, so for a \
while an old version of one end talks to a new version of the other. An interface between \
them that is not versioned (kept backward compatible, or negotiating its version) forces \
both ends to be upgraded in lockstep: a monolith's release process with a distributed \
system's failure modes. Version the interface and mark it versioned, or deploy both ends \
together. Interfaces to managed services are the provider's to version and are not \
reported.",
    default_severity: Severity::Info,
    default_text: "info",
};

/// Fires for every unversioned `Rpc` or `Queue` between deployment units,
/// neither of them `Managed`.
pub(super) fn check(analysis: &Analysis<'_>, out: &mut Vec<Finding>) {
    let diagram = analysis.diagram();
    for edge in analysis.edges() {
        if !matches!(edge.kind, InterfaceKind::Rpc | InterfaceKind::Queue) {
            continue;
        }
        let interface = &diagram.interfaces[edge.interface as usize];
        if interface.versioned {
            continue;
        }
        let (Some(a), Some(b)) = (
            analysis.deployment_unit_of(edge.from as usize),
            analysis.deployment_unit_of(edge.to as usize),
        ) else {
            continue;
        };
        if a == b || analysis.managed_at(a) || analysis.managed_at(b) {
            continue;
        }
        let message = message(&[
            Text(kind_noun(edge.kind)),
            Text(" "),
            Quoted(interface_name(interface)),
            Text(" between "),
            Quoted(&diagram.units[a].name),
            Text(" and "),
            Quoted(&diagram.units[b].name),
            Text(" is not versioned, so they must be upgraded together"),
        ]);
        out.push(finding(
            INFO.id,
            Severity::Info,
            interface.id.as_str(),
            Vec::new(),
            message,
            Some(Fix::MarkVersioned {
                interface: interface.id.clone(),
            }),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use crate::model::{Diagram, InterfaceId, InterfaceKind, Isolation, Release, RuleId};
    use crate::rules::Fix;

    fn pair() -> Diagram {
        Diagram {
            units: vec![
                unit("a-vm", Isolation::Vm, None),
                unit("b-vm", Isolation::Vm, None),
            ],
            modules: vec![module("a", Some("a-vm")), module("b", Some("b-vm"))],
            interfaces: vec![
                interface("ab", "a", "b", InterfaceKind::Rpc),
                interface("ba", "b", "a", InterfaceKind::Call),
            ],
            ..Diagram::default()
        }
    }

    #[test]
    fn fires_on_unversioned_rpc_between_units() {
        let d = pair();
        assert_eq!(
            ids(&d, RuleId::UnversionedCrossUnit),
            ["unversioned-cross-unit@ab"]
        );
        assert_eq!(
            get(&d, "unversioned-cross-unit@ab").fix,
            Some(Fix::MarkVersioned {
                interface: InterfaceId::new("ab")
            })
        );
    }

    #[test]
    fn silent_when_versioned_managed_or_in_one_unit() {
        let mut d = pair();
        d.interfaces[0].versioned = true;
        assert!(ids(&d, RuleId::UnversionedCrossUnit).is_empty());
        let mut d = pair();
        d.units[1].release = Release::Managed;
        assert!(ids(&d, RuleId::UnversionedCrossUnit).is_empty());
        let mut d = pair();
        d.units[1].release = Release::WithParent;
        d.units[1].parent = Some(crate::model::UnitId::new("a-vm"));
        assert!(ids(&d, RuleId::UnversionedCrossUnit).is_empty());
    }
}
