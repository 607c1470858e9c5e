//! `split-without-reason`: deployment units that talk to each other and that
//! nothing forces apart, so they could be one.

use super::{Analysis, Finding, RuleInfo, Severity};
use super::{finding, name_list};
use crate::model::Fix;
use crate::model::{InterfaceKind, ModuleKind, Reliability, RuleId, Startup, UnitId};
use petgraph::unionfind::UnionFind;

/// The catalogue entry.
pub(super) const INFO: RuleInfo = RuleInfo {
    id: RuleId::SplitWithoutReason,
    summary: "Deployment units that talk to each other have no reason to be deployed apart.",
    explanation: "Module boundaries and service boundaries are different things: the same \
modules can ship as one program or as many services. Only a few reasons justify a separate \
service: strong isolation between parts that do not trust each other, a slow-starting part \
that would slow every upgrade, schema-dependent parts that force lockstep upgrades (keep \
them small, in a unit of their own), different reliability targets, and third-party code you \
do not release yourself. Team boundaries, failing tests and load profiles are not reasons \
(balance load first, split later). These deployment units call each other and hold the same \
trust classes, the same highest reliability target and the same startup speed, none owns a \
schema or holds third-party code, so nothing forces them apart, and every extra service costs \
a network hop, a deployment pipeline and version skew. Deploy together unless something \
forces a split: merge them into one deployment unit (the suggested fix), or, if a reason the \
diagram does not show applies, record it on the modules, or accept the finding with the \
reason. Reference: docs/rules.md#split-without-reason.",
    default_severity: Severity::Info,
    default_text: "info",
};

/// What a deployment unit's modules say about whether it may be split off.
#[derive(PartialEq, Eq)]
enum Reasons {
    /// Something forces it apart whatever its neighbours hold: it holds
    /// third-party code, or it owns a schema.
    Apart,
    /// What must match for it to join another.
    Compare {
        /// The trust classes (zone, counts as untrusted) it holds, sorted.
        trust: Vec<u32>,
        /// The highest reliability among modules that set one.
        reliability: Option<Reliability>,
        /// Whether it holds a slow-starting module other than a datastore.
        slow: bool,
    },
}

fn reasons(analysis: &Analysis<'_>, unit: usize, owners: &[bool]) -> Reasons {
    let modules = &analysis.diagram().modules;
    let held = analysis.held_at(unit);
    if owners[unit] || held.iter().any(|&m| modules[m as usize].third_party) {
        return Reasons::Apart;
    }
    let mut trust: Vec<u32> = held
        .iter()
        .map(|&m| analysis.trust_key_of(m as usize))
        .collect();
    trust.sort_unstable();
    trust.dedup();
    let mut reliability = None;
    let mut slow = false;
    for &m in held {
        let module = &modules[m as usize];
        reliability = reliability.max(module.reliability);
        slow |= module.startup == Startup::Slow && module.kind != ModuleKind::Datastore;
    }
    Reasons::Compare {
        trust,
        reliability,
        slow,
    }
}

/// One finding per connected group of two or more joined units (joined: not
/// `Managed`, a `Call`, `Rpc` or `Queue` runs between their modules, and
/// their [`Reasons`] are equal and not [`Reasons::Apart`]).
pub(super) fn check(analysis: &Analysis<'_>, out: &mut Vec<Finding>) {
    let units = &analysis.diagram().units;
    // Schema owners: for some datastore, the only deployment unit (not
    // `Managed`) with unversioned access to it.
    let mut owners = vec![false; units.len()];
    for access in &analysis.coupling().unversioned_access {
        if let [only] = access.as_slice() {
            owners[*only] = true;
        }
    }
    let mut cache: Vec<Option<Reasons>> = Vec::new();
    cache.resize_with(units.len(), || None);
    let mut joined = UnionFind::<u32>::new(units.len());
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
        let (a32, b32) = (a as u32, b as u32);
        if joined.equiv(a32, b32) {
            continue;
        }
        for u in [a, b] {
            if cache[u].is_none() {
                cache[u] = Some(reasons(analysis, u, &owners));
            }
        }
        if cache[a] == cache[b] && cache[a] != Some(Reasons::Apart) {
            joined.union(a32, b32);
            any = true;
        }
    }
    if !any {
        return;
    }
    let mut groups: Vec<Vec<usize>> = vec![Vec::new(); units.len()];
    for u in 0..units.len() {
        if cache[u].is_some() {
            groups[joined.find_mut(u as u32) as usize].push(u);
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
        let members: Vec<String> = ids.iter().map(|id| id.as_str().to_owned()).collect();
        out.push(
            finding(
                INFO.id,
                Severity::Info,
                units[group[0]].id.as_str(),
                members[1..].to_vec(),
                message,
                Some(Fix::MergeUnits { units: ids }),
            )
            .with_group(members),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use crate::model::Fix;
    use crate::model::{Diagram, InterfaceKind, Isolation, Load, Release, Reliability, RuleId};
    use crate::model::{Startup, Trust, UnitId};

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
        let tweaks: [fn(&mut Diagram); 7] = [
            |d| d.modules[1].zone = Some("partners".into()),
            |d| d.modules[1].trust = Trust::Untrusted,
            |d| d.modules[1].reliability = Some(Reliability::High),
            |d| d.modules[1].startup = Startup::Slow,
            |d| d.modules[1].third_party = true,
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
        // Trusted and Sensitive of one zone are one class; a load profile
        // is no reason; a datastore's slow start is not the unit's.
        let mut d = chain();
        d.modules[1].trust = Trust::Sensitive;
        d.modules[1].load = Load::Cpu;
        let mut db = module_of("db", crate::model::ModuleKind::Datastore, Some("b-vm"));
        db.startup = Startup::Slow;
        d.modules.push(db);
        d.interfaces.push({
            let mut read = interface("b-db", "b", "db", InterfaceKind::Read);
            read.versioned = true;
            read
        });
        assert_eq!(ids(&d, RuleId::SplitWithoutReason).len(), 1);
        // Owning a schema (the only unit with unversioned access) keeps a
        // unit apart.
        d.interfaces.last_mut().expect("b-db").versioned = false;
        assert!(ids(&d, RuleId::SplitWithoutReason).is_empty());
        // Reliability set on some modules only: the highest is compared.
        let mut d = chain();
        d.modules[1].reliability = Some(Reliability::High);
        d.modules.push(module("b2", Some("a-vm")));
        d.modules[3].reliability = Some(Reliability::High);
        assert_eq!(ids(&d, RuleId::SplitWithoutReason).len(), 1);
    }
}
