//! `schema-lockstep`: datastores accessed without versioning from two or
//! more deployment units, which must then upgrade in lockstep with their
//! schema (docs/rules.md#schema-lockstep).

use super::{Analysis, Finding, RuleInfo, Severity};
use super::{finding, name_list};
use crate::model::RuleId;

/// The catalogue entry.
pub(super) const INFO: RuleInfo = RuleInfo {
    id: RuleId::SchemaLockstep,
    summary: "Datastores are accessed without versioning from several deployment units.",
    explanation: "Parts that depend on a schema have to be upgraded in lockstep with it. When \
modules in several deployment units read, write or load the same datastore through an \
unversioned access, every schema or format change means releasing all of them together, in \
the right order, which gives up the independent releases that deploying them apart was meant \
to buy. Keep schema-dependent parts small and in one deployment unit that owns the \
datastore and offers the others a versioned interface, evolve the schema compatibly and mark \
the accesses versioned, or deploy its users together. Datastores accessed so by the same \
units are one finding; an unplaced library counts in every unit that links it, and managed \
services are left out. Reference: docs/rules.md#schema-lockstep.",
    default_severity: Severity::Warning,
    default_text: "warning",
};

/// One finding per group of datastores accessed without versioning by the
/// same two or more deployment units (not `Managed`).
pub(super) fn check(analysis: &Analysis<'_>, out: &mut Vec<Finding>) {
    let diagram = analysis.diagram();
    let modules = &diagram.modules;
    for group in &analysis.coupling().lockstep {
        let stores = &group.datastores;
        let first = &modules[stores[0] as usize];
        let message = text!(
            "{} {} accessed without versioning from {} deployment units ({}), which must upgrade in lockstep with {} schema",
            name_list(
                stores.iter().map(|&d| modules[d as usize].name.as_str()),
                stores.len(),
                3
            ),
            if stores.len() == 1 { "is" } else { "are" },
            group.units.len(),
            name_list(
                group.units.iter().map(|&u| diagram.units[u].name.as_str()),
                group.units.len(),
                4
            ),
            if stores.len() == 1 { "its" } else { "their" },
        );
        let others = stores[1..]
            .iter()
            .map(|&d| modules[d as usize].id.as_str().to_owned())
            .chain(
                group
                    .units
                    .iter()
                    .map(|&u| diagram.units[u].id.as_str().to_owned()),
            )
            .collect();
        let members = stores
            .iter()
            .map(|&d| modules[d as usize].id.as_str().to_owned())
            .collect();
        out.push(
            finding(
                INFO.id,
                Severity::Warning,
                first.id.as_str(),
                others,
                message,
                None,
            )
            .with_group(members),
        );
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
    fn silent_when_one_deployment_unit_owns_it_or_access_is_versioned() {
        assert!(ids(&shop(), RuleId::SchemaLockstep).is_empty());
        let mut d = shop();
        let mut read = interface("b-db", "billing", "db", InterfaceKind::Read);
        read.versioned = true;
        d.interfaces.push(read);
        assert!(ids(&d, RuleId::SchemaLockstep).is_empty());
    }

    #[test]
    fn datastores_used_by_the_same_units_are_one_finding() {
        let mut d = shop();
        d.modules
            .push(module_of("archive", ModuleKind::Datastore, Some("db-vm")));
        d.interfaces
            .push(interface("b-db", "billing", "db", InterfaceKind::Read));
        d.interfaces.push(interface(
            "o-archive",
            "orders",
            "archive",
            InterfaceKind::Write,
        ));
        d.interfaces.push(interface(
            "b-archive",
            "billing",
            "archive",
            InterfaceKind::Load,
        ));
        let f = get(&d, "schema-lockstep@archive");
        assert_eq!(f.elements, ["archive", "billing-vm", "db", "orders-vm"]);
        assert_eq!(f.group, ["archive", "db"]);
        assert_eq!(ids(&d, RuleId::SchemaLockstep).len(), 1);
    }
}
