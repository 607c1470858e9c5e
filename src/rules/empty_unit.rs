//! `empty-unit`: a unit with no module in it or in any unit below it.

use super::{Analysis, Finding, RuleInfo, Severity};
use super::{finding, quoted};
use crate::model::Fix;
use crate::model::RuleId;

/// The catalogue entry.
pub(super) const INFO: RuleInfo = RuleInfo {
    id: RuleId::EmptyUnit,
    summary: "A unit holds no modules.",
    explanation: "A unit with no module in it, or in any unit inside it, describes nothing that \
runs: it is left over from an earlier design, or waiting for modules that were never \
placed in it. Either way the diagram says less than it seems to, and the deployment rules \
cannot check it. Place the modules that run there in it, or delete it. Reference: \
docs/rules.md#empty-unit.",
    default_severity: Severity::Info,
    default_text: "info",
};

/// Fires for every unit whose subtree holds no module. Counts flow from the
/// deepest units up, so this is linear however deep the nesting.
pub(super) fn check(analysis: &Analysis<'_>, out: &mut Vec<Finding>) {
    let diagram = analysis.diagram();
    let n = diagram.units.len();
    if n == 0 {
        return;
    }
    let mut occupied = vec![false; n];
    for m in 0..diagram.modules.len() {
        if let Some(u) = analysis.unit_of(m) {
            occupied[u] = true;
        }
    }
    let mut deepest_first: Vec<usize> = (0..n).collect();
    deepest_first.sort_unstable_by_key(|&u| std::cmp::Reverse(analysis.depth_of(u)));
    for u in deepest_first {
        if occupied[u]
            && let Some(parent) = analysis.parent_of(u)
        {
            occupied[parent] = true;
        }
    }
    for (u, unit) in diagram.units.iter().enumerate() {
        if occupied[u] {
            continue;
        }
        out.push(finding(
            INFO.id,
            Severity::Info,
            unit.id.as_str(),
            Vec::new(),
            text!("{} holds no modules", quoted(&unit.name)),
            Some(Fix::DeleteUnit {
                unit: unit.id.clone(),
            }),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use crate::model::Fix;
    use crate::model::{Diagram, Isolation, RuleId, UnitId};

    fn nest(placed: Option<&str>) -> Diagram {
        Diagram {
            units: vec![
                unit("vm", Isolation::Vm, None),
                unit("ctr", Isolation::Container, Some("vm")),
                unit("proc", Isolation::Process, Some("ctr")),
            ],
            modules: vec![module("m", placed)],
            ..Diagram::default()
        }
    }

    #[test]
    fn fires_for_units_with_nothing_below() {
        let d = nest(None);
        assert_eq!(
            ids(&d, RuleId::EmptyUnit),
            ["empty-unit@ctr", "empty-unit@proc", "empty-unit@vm"]
        );
        assert_eq!(
            get(&d, "empty-unit@vm").fix,
            Some(Fix::DeleteUnit {
                unit: UnitId::new("vm")
            })
        );
        assert_eq!(
            ids(&nest(Some("ctr")), RuleId::EmptyUnit),
            ["empty-unit@proc"]
        );
    }

    #[test]
    fn silent_when_a_module_is_deep_inside() {
        assert!(ids(&nest(Some("proc")), RuleId::EmptyUnit).is_empty());
    }
}
