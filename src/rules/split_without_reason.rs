//! `split-without-reason`: deployment units that talk to each other and that
//! nothing forces apart, so they could be one.

use super::analysis::UnionFind;
use super::{Analysis, Finding, Fix, RuleInfo, Severity};
use super::{finding, name_list};
use crate::model::{InterfaceKind, Load, Reliability, RuleId, Startup, UnitId};

/// The catalogue entry.
pub(super) const INFO: RuleInfo = RuleInfo {
    id: RuleId::SplitWithoutReason,
    summary: "Deployment units that talk to each other have no reason to be deployed apart.",
    explanation: "Module boundaries and service boundaries are different things: the same \
modules can ship as one program or as many services. Only a few reasons justify a separate \
service: strong isolation between parts that do not trust each other, a slow-starting part \
that would slow every upgrade, schema-dependent parts that force lockstep upgrades, \
different reliability targets, and (weakly) different scaling profiles. Team boundaries and \
failing tests are not reasons. These deployment units call each other and hold modules \
with the same trust, the same highest reliability target, the same startup speed and the \
same load profiles, so nothing forces them apart, and every extra service costs a network \
hop, a deployment pipeline and version skew. Merge them into one deployment unit. If a \
reason the diagram does not show applies, record it on the modules, or accept the finding \
with the reason.",
    default_severity: Severity::Info,
    default_text: "info",
};

/// What a deployment unit's modules say about whether it may be split off.
#[derive(PartialEq, Eq)]
struct Reasons {
    /// The (trust, zone) keys of the modules it holds, sorted, deduplicated.
    trust: Vec<u32>,
    /// The highest reliability among modules that set one.
    reliability: Option<Reliability>,
    /// Whether it holds a slow-starting module.
    slow: bool,
    /// The load profiles it holds, as a bit set.
    loads: u8,
}

fn reasons(analysis: &Analysis<'_>, unit: usize) -> Reasons {
    let modules = &analysis.diagram().modules;
    let held = analysis.held_at(unit);
    let mut trust: Vec<u32> = held
        .iter()
        .map(|&m| analysis.trust_key_of(m as usize))
        .collect();
    trust.sort_unstable();
    trust.dedup();
    let mut reasons = Reasons {
        trust,
        reliability: None,
        slow: false,
        loads: 0,
    };
    for &m in held {
        let module = &modules[m as usize];
        reasons.reliability = reasons.reliability.max(module.reliability);
        reasons.slow |= module.startup == Startup::Slow;
        reasons.loads |= 1 << load_bit(module.load);
    }
    reasons
}

fn load_bit(load: Load) -> u8 {
    match load {
        Load::Light => 0,
        Load::Cpu => 1,
        Load::Memory => 2,
        Load::Io => 3,
    }
}

/// One finding per connected group of two or more joined units (joined: not
/// `Managed`, a `Call`, `Rpc` or `Queue` runs between their modules, and
/// their [`Reasons`] are equal).
pub(super) fn check(analysis: &Analysis<'_>, out: &mut Vec<Finding>) {
    let units = &analysis.diagram().units;
    let mut cache: Vec<Option<Reasons>> = Vec::new();
    cache.resize_with(units.len(), || None);
    let mut joined = UnionFind::new(units.len());
    let mut any = false;
    for edge in analysis.edges() {
        if !matches!(
            edge.kind,
            InterfaceKind::Call | InterfaceKind::Rpc | InterfaceKind::Queue
        ) {
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
        if joined.find(a) == joined.find(b) {
            continue;
        }
        for u in [a, b] {
            if cache[u].is_none() {
                cache[u] = Some(reasons(analysis, u));
            }
        }
        if cache[a] == cache[b] {
            joined.union(a, b);
            any = true;
        }
    }
    if !any {
        return;
    }
    let mut groups: Vec<Vec<usize>> = vec![Vec::new(); units.len()];
    for u in 0..units.len() {
        if cache[u].is_some() {
            groups[joined.find(u)].push(u);
        }
    }
    for mut group in groups.into_iter().filter(|g| g.len() >= 2) {
        group.sort_unstable_by(|&a, &b| units[a].id.cmp(&units[b].id));
        let ids: Vec<UnitId> = group.iter().map(|&u| units[u].id.clone()).collect();
        let message = text!(
            "{} talk to each other, and nothing forces them apart: they could be one deployment unit",
            name_list(
                group.iter().map(|&u| units[u].name.as_str()),
                group.len(),
                4
            ),
        );
        out.push(finding(
            INFO.id,
            Severity::Info,
            units[group[0]].id.as_str(),
            ids[1..].iter().map(|id| id.as_str().to_owned()).collect(),
            message,
            Some(Fix::MergeUnits { units: ids }),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use crate::model::{Diagram, InterfaceKind, Isolation, Load, Release, Reliability, RuleId};
    use crate::model::{Startup, Trust, UnitId};
    use crate::rules::Fix;

    fn chain() -> Diagram {
        Diagram {
            units: vec![
                unit("c-vm", Isolation::Vm, None),
                unit("a-vm", Isolation::Vm, None),
                unit("b-vm", Isolation::Vm, None),
            ],
            modules: vec![
                module("a", Some("a-vm")),
                module("b", Some("b-vm")),
                module("c", Some("c-vm")),
            ],
            interfaces: vec![
                interface("ab", "a", "b", InterfaceKind::Rpc),
                interface("bc", "b", "c", InterfaceKind::Queue),
            ],
            ..Diagram::default()
        }
    }

    #[test]
    fn fires_once_per_connected_group() {
        let d = chain();
        assert_eq!(
            ids(&d, RuleId::SplitWithoutReason),
            ["split-without-reason@a-vm"]
        );
        let f = get(&d, "split-without-reason@a-vm");
        assert_eq!(f.elements, ["a-vm", "b-vm", "c-vm"]);
        assert_eq!(
            f.fix,
            Some(Fix::MergeUnits {
                units: vec![
                    UnitId::new("a-vm"),
                    UnitId::new("b-vm"),
                    UnitId::new("c-vm")
                ]
            })
        );
    }

    #[test]
    fn silent_when_a_reason_differs() {
        let tweaks: [fn(&mut Diagram); 6] = [
            |d| d.modules[1].trust = Trust::Sensitive,
            |d| d.modules[1].reliability = Some(Reliability::High),
            |d| d.modules[1].startup = Startup::Slow,
            |d| d.modules[1].load = Load::Cpu,
            |d| d.units[2].release = Release::Managed,
            |d| {
                for f in &mut d.interfaces {
                    f.kind = InterfaceKind::Read;
                    f.to = crate::model::ModuleId::new("store");
                }
                d.modules.push(module_of(
                    "store",
                    crate::model::ModuleKind::Datastore,
                    Some("b-vm"),
                ));
            },
        ];
        for tweak in tweaks {
            let mut d = chain();
            tweak(&mut d);
            assert!(ids(&d, RuleId::SplitWithoutReason).is_empty());
        }
        // Reliability set on some modules only: the highest is compared.
        let mut d = chain();
        d.modules[1].reliability = Some(Reliability::High);
        d.modules.push(module("b2", Some("a-vm")));
        d.modules[3].reliability = Some(Reliability::High);
        assert_eq!(ids(&d, RuleId::SplitWithoutReason).len(), 1);
    }
}
