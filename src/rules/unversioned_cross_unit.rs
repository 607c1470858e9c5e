//! `unversioned-cross-unit`: RPCs or queues without versioning between two
//! separately deployed units (docs/rules.md#unversioned-cross-unit).

use super::{Analysis, Finding, RuleInfo, Severity};
use super::{finding, interface_text, quoted};
use crate::model::Fix;
use crate::model::{InterfaceKind, RuleId};

/// The catalogue entry.
pub(super) const INFO: RuleInfo = RuleInfo {
    id: RuleId::UnversionedCrossUnit,
    summary: "RPCs or queues between two separately deployed units are not versioned.",
    explanation: "Units that are deployed separately are upgraded at different times, so for a \
while an old version of one end talks to a new version of the other. An interface between \
them that is not versioned (kept backward compatible, or negotiating its version) forces \
both ends to be upgraded in lockstep: a monolith's release process with a distributed \
system's failure modes. Version the interfaces and mark them versioned (the suggested fix \
marks them all), or deploy both ends together. One finding per pair of units; pairs that \
must upgrade together anyway (a schema-lockstep or deployment-cycle group) and managed \
services are left out. Reference: docs/rules.md#unversioned-cross-unit.",
    default_severity: Severity::Info,
    default_text: "info",
};

/// One finding per pair of deployment units (neither `Managed`, not both in
/// one lockstep or cycle group) joined by unversioned `Rpc` or `Queue`
/// interfaces.
pub(super) fn check(analysis: &Analysis<'_>, out: &mut Vec<Finding>) {
    let diagram = analysis.diagram();
    // (unit pair, interface), sorted by pair: each run is one group.
    let mut pairs: Vec<(u32, u32, u32)> = Vec::new();
    for edge in analysis.edges() {
        if !matches!(edge.kind, InterfaceKind::Rpc | InterfaceKind::Queue)
            || diagram.interfaces[edge.interface as usize].versioned
        {
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
        pairs.push((a.min(b) as u32, a.max(b) as u32, edge.interface));
    }
    if pairs.is_empty() {
        return;
    }
    pairs.sort_unstable();
    let coupling = analysis.coupling();
    for run in pairs.chunk_by(|x, y| (x.0, x.1) == (y.0, y.1)) {
        let (a, b) = (run[0].0 as usize, run[0].1 as usize);
        if coupling.upgrade_together(a, b) {
            continue;
        }
        let mut group: Vec<u32> = run.iter().map(|&(_, _, i)| i).collect();
        group.sort_unstable_by(|&x, &y| {
            diagram.interfaces[x as usize]
                .id
                .cmp(&diagram.interfaces[y as usize].id)
        });
        let first = &diagram.interfaces[group[0] as usize];
        let (ua, ub) = if diagram.units[a].id <= diagram.units[b].id {
            (&diagram.units[a], &diagram.units[b])
        } else {
            (&diagram.units[b], &diagram.units[a])
        };
        let message = if group.len() == 1 {
            text!(
                "{} between {} and {} is not versioned, so they must be upgraded together",
                interface_text(analysis, first),
                quoted(&ua.name),
                quoted(&ub.name),
            )
        } else {
            text!(
                "{} and {} other interface{} between {} and {} are not versioned, so they must be upgraded together",
                interface_text(analysis, first),
                group.len() - 1,
                if group.len() == 2 { "" } else { "s" },
                quoted(&ua.name),
                quoted(&ub.name),
            )
        };
        let ids: Vec<String> = group
            .iter()
            .map(|&i| diagram.interfaces[i as usize].id.as_str().to_owned())
            .collect();
        let others = ids[1..]
            .iter()
            .cloned()
            .chain([ua.id.as_str().to_owned(), ub.id.as_str().to_owned()])
            .collect();
        let fix = Fix::MarkVersioned {
            interfaces: group
                .iter()
                .map(|&i| diagram.interfaces[i as usize].id.clone())
                .collect(),
        };
        out.push(
            finding(INFO.id, Severity::Info, &ids[0], others, message, Some(fix))
                .with_group(ids.clone()),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use crate::model::Fix;
    use crate::model::{Diagram, InterfaceId, InterfaceKind, Isolation, Release, RuleId};

    fn pair() -> Diagram {
        Diagram {
            units: vec![
                unit("a-vm", Isolation::Vm, None),
                unit("b-vm", Isolation::Vm, None),
            ],
            modules: vec![module("a", Some("a-vm")), module("b", Some("b-vm"))],
            interfaces: vec![
                interface("ab", "a", "b", InterfaceKind::Rpc),
                interface("ba", "b", "a", InterfaceKind::Queue),
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
        let f = get(&d, "unversioned-cross-unit@ab");
        assert_eq!(f.elements, ["ab", "a-vm", "b-vm", "ba"]);
        assert_eq!(
            f.fix,
            Some(Fix::MarkVersioned {
                interfaces: vec![InterfaceId::new("ab"), InterfaceId::new("ba")]
            })
        );
        assert!(
            f.message.starts_with("RPC \u{201c}a module\u{201d} \u{2192} \u{201c}b module\u{201d} and 1 other interface"),
            "{}",
            f.message
        );
    }

    #[test]
    fn silent_when_versioned_managed_or_in_one_unit() {
        let mut d = pair();
        d.interfaces[0].versioned = true;
        d.interfaces[1].versioned = true;
        assert!(ids(&d, RuleId::UnversionedCrossUnit).is_empty());
        let mut d = pair();
        d.units[1].release = Release::Managed;
        assert!(ids(&d, RuleId::UnversionedCrossUnit).is_empty());
        let mut d = pair();
        d.units[1].release = Release::WithParent;
        d.units[1].parent = Some(crate::model::UnitId::new("a-vm"));
        assert!(ids(&d, RuleId::UnversionedCrossUnit).is_empty());
        // A cycle of unversioned calls ties them already.
        let mut d = pair();
        d.interfaces[1].kind = InterfaceKind::Call;
        assert!(ids(&d, RuleId::UnversionedCrossUnit).is_empty());
    }
}
