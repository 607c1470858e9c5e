//! `deployment-cycle`: deployment units that depend on each other in a cycle.

use super::{Analysis, Finding, RuleInfo, Severity};
use super::{finding, name_list};
use crate::model::{InterfaceKind, RuleId};
use petgraph::graph::{DiGraph, NodeIndex};

/// The catalogue entry.
pub(super) const INFO: RuleInfo = RuleInfo {
    id: RuleId::DeploymentCycle,
    summary: "Deployment units depend on each other in a cycle.",
    explanation: "Deploying parts separately is meant to let each be released, started and \
rolled back on its own. Units that depend on each other in a cycle cannot be: each side \
needs the other to be up, and a change to the interface between them needs both new \
versions at once, so the cycle is really one service deployed in pieces, paying the costs \
of both. Break the cycle: invert one dependency (an event the other side subscribes to, or \
a callback it registers), move the shared part into one of the units, or merge them.",
    default_severity: Severity::Warning,
    default_text: "warning",
};

/// One finding per strongly connected component of two or more deployment
/// units, where unit A depends on unit B when a non-`Link` interface goes
/// from a module in A to a module in B.
pub(super) fn check(analysis: &Analysis<'_>, out: &mut Vec<Finding>) {
    let units = &analysis.diagram().units;
    let mut graph: DiGraph<(), ()> = DiGraph::with_capacity(units.len(), 0);
    for _ in units {
        graph.add_node(());
    }
    for edge in analysis.edges() {
        if edge.kind == InterfaceKind::Link {
            continue;
        }
        if let (Some(a), Some(b)) = (
            analysis.deployment_unit_of(edge.from as usize),
            analysis.deployment_unit_of(edge.to as usize),
        ) && a != b
        {
            graph.add_edge(NodeIndex::new(a), NodeIndex::new(b), ());
        }
    }
    if graph.edge_count() < 2 {
        return;
    }
    for component in petgraph::algo::tarjan_scc(&graph) {
        if component.len() < 2 {
            continue;
        }
        let mut members: Vec<usize> = component.iter().map(|n| n.index()).collect();
        members.sort_unstable_by(|&a, &b| units[a].id.cmp(&units[b].id));
        let message = text!(
            "{} depend on each other in a cycle, so none can be released on its own",
            name_list(
                members.iter().map(|&u| units[u].name.as_str()),
                members.len(),
                4
            ),
        );
        out.push(finding(
            INFO.id,
            Severity::Warning,
            units[members[0]].id.as_str(),
            members[1..]
                .iter()
                .map(|&u| units[u].id.as_str().to_owned())
                .collect(),
            message,
            None,
        ));
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
                interface("yz", "y", "z", InterfaceKind::Queue),
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
        let mut d = services();
        d.modules[0].kind = ModuleKind::Library;
        d.interfaces[2].kind = InterfaceKind::Link;
        assert!(ids(&d, RuleId::DeploymentCycle).is_empty());
    }
}
