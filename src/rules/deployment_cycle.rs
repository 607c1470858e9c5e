//! `deployment-cycle`: deployment units that depend on each other in a
//! cycle of unversioned calls (docs/rules.md#deployment-cycle).

use super::{Analysis, Finding, RuleInfo, Severity};
use super::{finding, name_list};
use crate::model::RuleId;

/// The catalogue entry.
pub(super) const INFO: RuleInfo = RuleInfo {
    id: RuleId::DeploymentCycle,
    summary: "Deployment units depend on each other in a cycle of unversioned calls.",
    explanation: "Deploying parts separately is meant to let each be released, started and \
rolled back on its own. Units that call each other in a cycle through unversioned \
interfaces cannot be: a change to any of those interfaces needs every unit in the cycle \
upgraded at once, none can go first, so the cycle is one service deployed in pieces (a \
distributed monolith), paying the costs of both. Version one of the interfaces on the \
cycle (then that side can be upgraded first), invert one dependency (an event the other \
side subscribes to), move the shared part into one of the units, or merge them. Versioned \
calls, queues and managed services do not count. Reference: docs/rules.md#deployment-cycle.",
    default_severity: Severity::Warning,
    default_text: "warning",
};

/// One finding per strongly connected component of two or more deployment
/// units (not `Managed`), unit A depending on unit B when an unversioned
/// `Call` or `Rpc` goes from a module A holds to one B holds.
pub(super) fn check(analysis: &Analysis<'_>, out: &mut Vec<Finding>) {
    let units = &analysis.diagram().units;
    for members in &analysis.coupling().cycles {
        let message = text!(
            "{} call each other in a cycle of unversioned interfaces, so none can be upgraded first: they release in lockstep",
            name_list(
                members.iter().map(|&u| units[u].name.as_str()),
                members.len(),
                4
            ),
        );
        let ids: Vec<String> = members
            .iter()
            .map(|&u| units[u].id.as_str().to_owned())
            .collect();
        out.push(
            finding(
                INFO.id,
                Severity::Warning,
                &ids[0],
                ids[1..].to_vec(),
                message,
                None,
            )
            .with_group(ids.clone()),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use crate::model::{Diagram, InterfaceKind, Isolation, ModuleKind, RuleId};

    fn services() -> Diagram {
        Diagram {
            units: vec![
                unit("c", Isolation::Vm, None),
                unit("b", Isolation::Vm, None),
                unit("a", Isolation::Vm, None),
                unit("lone", Isolation::Vm, None),
            ],
            modules: vec![
                module("x", Some("a")),
                module("y", Some("b")),
                module("z", Some("c")),
                module_of("db", ModuleKind::Datastore, Some("lone")),
            ],
            interfaces: vec![
                interface("xy", "x", "y", InterfaceKind::Rpc),
                interface("yz", "y", "z", InterfaceKind::Rpc),
                interface("zx", "z", "x", InterfaceKind::Call),
                interface("xdb", "x", "db", InterfaceKind::Write),
            ],
            ..Diagram::default()
        }
    }

    #[test]
    fn fires_once_per_cycle() {
        let d = services();
        assert_eq!(ids(&d, RuleId::DeploymentCycle), ["deployment-cycle@a"]);
        assert_eq!(get(&d, "deployment-cycle@a").elements, ["a", "b", "c"]);
    }

    #[test]
    fn silent_without_a_cycle_or_through_links() {
        let mut d = services();
        d.interfaces.remove(2);
        assert!(ids(&d, RuleId::DeploymentCycle).is_empty());
        // A versioned call, or a queue, breaks the cycle.
        let mut d = services();
        d.interfaces[1].versioned = true;
        assert!(ids(&d, RuleId::DeploymentCycle).is_empty());
        let mut d = services();
        d.interfaces[1].kind = InterfaceKind::Queue;
        assert!(ids(&d, RuleId::DeploymentCycle).is_empty());
        let mut d = services();
        d.modules[0].kind = ModuleKind::Library;
        d.interfaces[2].kind = InterfaceKind::Link;
        assert!(ids(&d, RuleId::DeploymentCycle).is_empty());
    }
}
