//! `call-across-process`: a function call between modules that do not share
//! an address space.

use super::{Analysis, Boundary, Finding, RuleInfo, Severity};
use super::{finding, interface_text};
use crate::model::{InterfaceKind, RuleId};

/// The catalogue entry.
pub(super) const INFO: RuleInfo = RuleInfo {
    id: RuleId::CallAcrossProcess,
    summary: "A function call joins modules that do not share an address space.",
    explanation: "A Call is an in-process function call, and that only exists between modules \
in one address space: placed directly in the same unit. These modules are in different \
units, so the diagram contradicts itself, and the isolation and deployment rules would \
reason about the wrong thing. Either the call really crosses a process, container or \
machine boundary (make it an RPC or a queue, and think about versioning and partial \
failure), or the modules really run together (place them in the same unit). Reference: \
docs/rules.md#call-across-process.",
    default_severity: Severity::Warning,
    default_text: "warning",
};

/// Fires for every `Call` whose placed ends are in different units.
pub(super) fn check(analysis: &Analysis<'_>, out: &mut Vec<Finding>) {
    let diagram = analysis.diagram();
    for edge in analysis.edges() {
        if edge.kind != InterfaceKind::Call {
            continue;
        }
        let (from, to) = (edge.from as usize, edge.to as usize);
        let Some(boundary) = analysis.boundary_at(from, to) else {
            continue;
        };
        if boundary == Boundary::Shared {
            continue;
        }
        let interface = &diagram.interfaces[edge.interface as usize];
        let message = text!(
            "{} crosses {}: a function call needs one address space",
            interface_text(analysis, interface),
            match boundary {
                Boundary::Isolated(isolation) =>
                    format!("{} isolation", super::analysis::isolation_noun(isolation)),
                Boundary::Shared => String::new(),
            },
        );
        out.push(finding(
            INFO.id,
            Severity::Warning,
            interface.id.as_str(),
            Vec::new(),
            message,
            None,
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use crate::model::{Diagram, InterfaceKind, Isolation, RuleId};

    fn app(core_unit: Option<&str>) -> Diagram {
        Diagram {
            units: vec![
                unit("app", Isolation::Process, None),
                unit("worker", Isolation::Process, Some("app")),
            ],
            modules: vec![module("ui", Some("app")), module("core", core_unit)],
            interfaces: vec![interface("search", "ui", "core", InterfaceKind::Call)],
            ..Diagram::default()
        }
    }

    #[test]
    fn fires_across_units() {
        let f = get(&app(Some("worker")), "call-across-process@search");
        assert_eq!(f.elements, ["search"]);
        assert!(f.message.contains("process isolation"), "{}", f.message);
    }

    #[test]
    fn silent_in_one_unit_or_when_unplaced() {
        assert!(ids(&app(Some("app")), RuleId::CallAcrossProcess).is_empty());
        assert!(ids(&app(None), RuleId::CallAcrossProcess).is_empty());
        let mut d = app(Some("worker"));
        d.interfaces[0].kind = InterfaceKind::Rpc;
        assert!(ids(&d, RuleId::CallAcrossProcess).is_empty());
    }
}
