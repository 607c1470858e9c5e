//! `schema-lockstep`: a datastore read or written from two or more
//! deployment units, which must then be upgraded in lockstep with its schema.

use super::analysis::FxHashMap;
use super::{Analysis, Finding, RuleInfo, Severity};
use super::{finding, name_list, quoted};
use crate::model::{ModuleKind, RuleId};

/// The catalogue entry.
pub(super) const INFO: RuleInfo = RuleInfo {
    id: RuleId::SchemaLockstep,
    summary: "A datastore is read or written from several deployment units.",
    explanation: "Parts that depend on a schema have to be upgraded in lockstep with it. When \
modules in several deployment units read or write the same datastore, every schema change \
means releasing all of them together, in the right order, which gives up the independent \
releases that deploying them apart was meant to buy. Keep schema-dependent parts small and \
in one deployment unit that owns the datastore and offers the others a versioned interface, \
or deploy its users together. (An unplaced library counts in every deployment unit that \
links it.)",
    default_severity: Severity::Warning,
    default_text: "warning",
};

/// Fires for every datastore whose readers and writers (an unplaced library
/// counting in each unit it is deployed in) span two or more deployment
/// units.
pub(super) fn check(analysis: &Analysis<'_>, out: &mut Vec<Finding>) {
    let diagram = analysis.diagram();
    let mut library_units: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
    let mut units: Vec<usize> = Vec::new();
    for (s, store) in diagram.modules.iter().enumerate() {
        if store.kind != ModuleKind::Datastore {
            continue;
        }
        let accessors = analysis.accessors_of(s);
        if accessors.len() < 2
            && accessors
                .iter()
                .all(|a| analysis.unit_of(a.module as usize).is_some())
        {
            continue;
        }
        units.clear();
        for accessor in accessors {
            let m = accessor.module as usize;
            match analysis.deployment_unit_of(m) {
                Some(d) => units.push(d),
                None => units.extend(
                    library_units
                        .entry(m)
                        .or_insert_with(|| analysis.library_units(m))
                        .iter(),
                ),
            }
        }
        units.sort_unstable();
        units.dedup();
        if units.len() < 2 {
            continue;
        }
        let mut ids: Vec<&str> = units
            .iter()
            .map(|&u| diagram.units[u].id.as_str())
            .collect();
        ids.sort_unstable();
        let names = ids
            .iter()
            .filter_map(|id| analysis.unit_position(id))
            .map(|u| diagram.units[u].name.as_str());
        let message = text!(
            "{} is read or written from {} deployment units ({}), which must upgrade in lockstep with its schema",
            quoted(&store.name),
            ids.len(),
            name_list(names, ids.len(), 4),
        );
        out.push(finding(
            INFO.id,
            Severity::Warning,
            store.id.as_str(),
            ids.iter().map(|&id| id.to_owned()).collect(),
            message,
            None,
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use crate::model::{Diagram, InterfaceKind, Isolation, ModuleKind, RuleId};

    fn shop() -> Diagram {
        Diagram {
            units: vec![
                unit("orders-vm", Isolation::Vm, None),
                unit("billing-vm", Isolation::Vm, None),
                unit("db-vm", Isolation::Vm, None),
            ],
            modules: vec![
                module("orders", Some("orders-vm")),
                module("billing", Some("billing-vm")),
                module_of("db", ModuleKind::Datastore, Some("db-vm")),
                module_of("client", ModuleKind::Library, None),
            ],
            interfaces: vec![
                interface("o-db", "orders", "db", InterfaceKind::Write),
                interface("o-client", "orders", "client", InterfaceKind::Link),
                interface("client-db", "client", "db", InterfaceKind::Read),
            ],
            ..Diagram::default()
        }
    }

    #[test]
    fn fires_when_two_deployment_units_use_one_datastore() {
        let mut d = shop();
        d.interfaces
            .push(interface("b-db", "billing", "db", InterfaceKind::Read));
        let f = get(&d, "schema-lockstep@db");
        assert_eq!(f.elements, ["db", "billing-vm", "orders-vm"]);
        // Through an unplaced library linked in the billing unit.
        let mut d = shop();
        d.interfaces.push(interface(
            "b-client",
            "billing",
            "client",
            InterfaceKind::Link,
        ));
        let f = get(&d, "schema-lockstep@db");
        assert_eq!(f.elements, ["db", "billing-vm", "orders-vm"]);
    }

    #[test]
    fn silent_when_one_deployment_unit_owns_it() {
        assert!(ids(&shop(), RuleId::SchemaLockstep).is_empty());
    }
}
