//! `lateral-reach`: a foothold group whose compromise reaches other modules
//! (docs/rules.md#lateral-reach).

use super::analysis::id_prefix;
use super::{Analysis, Elements, Finding, Foothold, FootholdGroup, RuleInfo, Severity};
use super::{finding_with, name_list, quoted};
use crate::model::Fix;
use crate::model::{ModuleKind, RuleId, Trust};
use std::sync::Arc;

/// The catalogue entry.
pub(super) const INFO: RuleInfo = RuleInfo {
    id: RuleId::LateralReach,
    summary: "Whoever runs code in a foothold (untrusted code, or a module that loads what outsiders write) reaches other modules.",
    explanation: "Compromise spreads. An attacker who runs code in a foothold (untrusted code, \
or a module that loads code outsiders can write: a plugin, a script, a pickled model) also \
controls every module placed with only weak isolation from it (process, user and container \
isolation are weak; only a sandbox or a VM holds), every module that links an untrusted \
library whose code they control, and every module that loads what they can write. Through \
those modules, and the libraries they link, they can change anything in the datastores they \
write and take the sensitive data they read. Footholds with the same compromised set are one \
group: one cause, one fix. It is an error when the group or what it reaches holds a \
sensitive module, or when it reaches another foothold (another tenant, say). Shrink the \
reach: move the footholds into a sandbox or VM of their own (the suggested fix does this for \
co-located footholds), keep untrusted libraries out of processes that hold secrets, do not \
load code from stores that untrusted parties can write, and give the code around them only \
the access it needs. Select a foothold in the editor to see the path to each module it \
reaches. Reference: docs/rules.md#lateral-reach.",
    default_severity: Severity::Error,
    default_text: "error if the group or its radius holds a Sensitive module, or the radius holds a foothold; else warning",
};

/// How many reached modules a message names.
const NAMED: usize = 3;

/// One finding per foothold group with a non-empty blast radius, or holding
/// a module that is a foothold only because it loads attacker-written code.
pub(super) fn check(analysis: &Analysis<'_>, out: &mut Vec<Finding>) {
    let modules = &analysis.diagram().modules;
    let mut groups = analysis.foothold_groups();
    groups.retain(|group| !group.radius.is_empty() || group.kind == Foothold::Loader);
    if groups.is_empty() {
        return;
    }
    let (rank, table) = id_table(analysis, &groups);
    let no_extra: Arc<[u32]> = Arc::from([]);
    for group in groups {
        let sensitive = |&m: &u32| modules[m as usize].trust == Trust::Sensitive;
        let foothold = |&m: &u32| analysis.foothold_of(m as usize).is_some();
        let severity = if group.footholds.iter().any(sensitive)
            || group.radius.iter().any(|m| sensitive(m) || foothold(m))
        {
            Severity::Error
        } else {
            Severity::Warning
        };
        let message = message(analysis, &group);

        // Isolating the footholds helps when co-location is how it spreads.
        let placed: Vec<_> = group
            .footholds
            .iter()
            .filter(|&&f| analysis.unit_of(f as usize).is_some())
            .map(|&f| modules[f as usize].id.clone())
            .collect();
        let fix = (group.co_located && !placed.is_empty())
            .then_some(Fix::IsolateFootholds { footholds: placed });

        let mut tail: Vec<u32> = elements(&group).map(|m| rank[m as usize]).collect();
        tail.sort_unstable();
        tail.dedup();
        let members = group
            .footholds
            .iter()
            .map(|&f| modules[f as usize].id.as_str().to_owned())
            .collect();
        out.push(
            finding_with(
                INFO.id,
                severity,
                Elements::indexed(
                    modules[group.footholds[0] as usize].id.as_str(),
                    Arc::clone(&table),
                    tail.into(),
                    Arc::clone(&no_extra),
                ),
                message,
                fix,
            )
            .with_group(members),
        );
    }
}

/// The elements of a group's finding after its first foothold: the other
/// footholds, the radius, the loaded datastores.
fn elements(group: &FootholdGroup) -> impl Iterator<Item = u32> + '_ {
    group.footholds[1..]
        .iter()
        .chain(&group.radius)
        .chain(&group.loaded)
        .copied()
        .filter(move |&m| m != group.footholds[0])
}

/// A large radius is shared by many groups' elements: every id is kept
/// once, in a table sorted by id, and each finding lists positions in it.
/// Returns each module's position in the table, and the table.
fn id_table(analysis: &Analysis<'_>, groups: &[FootholdGroup]) -> (Vec<u32>, Arc<[String]>) {
    let modules = &analysis.diagram().modules;
    let mut rank = vec![u32::MAX; modules.len()];
    let mut listed: Vec<u32> = Vec::new();
    for group in groups {
        for m in elements(group) {
            if rank[m as usize] == u32::MAX {
                rank[m as usize] = 0;
                listed.push(m);
            }
        }
    }
    // Sorted by id: packed prefixes first, whole ids only on a tie.
    let mut keyed: Vec<(u64, u32)> = listed
        .iter()
        .map(|&m| (id_prefix(modules[m as usize].id.as_str().as_bytes()), m))
        .collect();
    keyed.sort_unstable_by(|a, b| {
        a.0.cmp(&b.0).then_with(|| {
            modules[a.1 as usize]
                .id
                .as_str()
                .cmp(modules[b.1 as usize].id.as_str())
        })
    });
    let listed: Vec<u32> = keyed.into_iter().map(|(_, m)| m).collect();
    for (position, &m) in listed.iter().enumerate() {
        rank[m as usize] = position as u32;
    }
    let table = listed
        .iter()
        .map(|&m| modules[m as usize].id.as_str().to_owned())
        .collect();
    (rank, table)
}

/// "“PDF parser” (untrusted library) reaches 3 modules: …".
fn message(analysis: &Analysis<'_>, group: &FootholdGroup) -> String {
    let modules = &analysis.diagram().modules;
    let sensitive = |&m: &u32| modules[m as usize].trust == Trust::Sensitive;
    let foothold = |&m: &u32| analysis.foothold_of(m as usize).is_some();
    let first = &modules[group.footholds[0] as usize];
    let others = group.footholds.len() - 1;
    let what = match (group.kind, first.kind) {
        (Foothold::Loader, _) => "module that loads what outsiders write",
        (_, ModuleKind::Library) => "untrusted library",
        _ => "untrusted module",
    };
    let mut message = if others == 0 {
        text!("{} ({what})", quoted(&first.name))
    } else {
        text!(
            "{} and {others} other {what}{}",
            quoted(&first.name),
            if others == 1 { "" } else { "s" }
        )
    };
    if group.kind == Foothold::Loader {
        let loaded = group
            .loaded
            .iter()
            .map(|&d| modules[d as usize].name.as_str());
        message.push_str(&text!(
            " run{} code from {}",
            if others == 0 { "s" } else { "" },
            name_list(loaded, group.loaded.len(), NAMED)
        ));
        if !group.radius.is_empty() {
            message.push_str(", and");
        }
    }
    if !group.radius.is_empty() {
        // The sensitive modules and footholds first: they decide the
        // severity and are what a reader most needs to see.
        let serious = |m: &u32| sensitive(m) || foothold(m);
        let mut named: Vec<u32> = group.radius.iter().copied().filter(serious).collect();
        named.extend(group.radius.iter().copied().filter(|m| !serious(m)));
        named.truncate(NAMED);
        message.push_str(&text!(
            " reach{} {} {}: {}",
            if others == 0 { "es" } else { "" },
            group.radius.len(),
            if group.radius.len() == 1 {
                "module"
            } else {
                "modules"
            },
            name_list(
                named.iter().map(|&m| modules[m as usize].name.as_str()),
                group.radius.len(),
                NAMED
            )
        ));
    }
    message
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use crate::model::Fix;
    use crate::model::{Diagram, InterfaceKind, Isolation, ModuleId, ModuleKind, RuleId, Trust};
    use crate::rules::Severity;

    fn tenants() -> Diagram {
        let mut parser = module("parser", Some("ctr"));
        parser.trust = Trust::Untrusted;
        let mut keys = module_of("keys", ModuleKind::Datastore, Some("vm"));
        keys.trust = Trust::Sensitive;
        Diagram {
            units: vec![
                unit("ctr", Isolation::Container, None),
                unit("vm", Isolation::Vm, None),
            ],
            modules: vec![parser, module("api", Some("ctr")), keys],
            interfaces: vec![
                interface("parse", "api", "parser", InterfaceKind::Rpc),
                interface("sign", "api", "keys", InterfaceKind::Read),
            ],
            ..Diagram::default()
        }
    }

    #[test]
    fn fires_when_the_blast_radius_is_not_empty() {
        let d = tenants();
        let f = get(&d, "lateral-reach@parser");
        assert_eq!(f.elements, ["parser", "api", "keys"]);
        assert_eq!(f.severity, Severity::Error, "reaches a sensitive datastore");
        assert_eq!(
            f.fix,
            Some(Fix::IsolateFootholds {
                footholds: vec![ModuleId::new("parser")]
            })
        );
        assert!(f.message.contains("reaches 2 modules"), "{}", f.message);
        let mut d = tenants();
        d.interfaces.pop();
        assert_eq!(get(&d, "lateral-reach@parser").severity, Severity::Warning);
    }

    #[test]
    fn silent_when_sandboxed_or_among_its_own() {
        let mut d = tenants();
        d.units.push(unit("sbx", Isolation::Sandbox, Some("ctr")));
        d.modules[0].unit = Some(crate::model::UnitId::new("sbx"));
        assert!(ids(&d, RuleId::LateralReach).is_empty());
        // Modules that trust the source are not in its blast radius.
        let mut d = tenants();
        d.modules[1].trust = Trust::Untrusted;
        d.interfaces.pop();
        assert!(ids(&d, RuleId::LateralReach).is_empty());
    }

    #[test]
    fn co_located_footholds_are_one_group_accepted_through_any_member() {
        let mut d = tenants();
        let mut second = module("resizer", Some("ctr"));
        second.trust = Trust::Untrusted;
        d.modules.push(second);
        let f = get(&d, "lateral-reach@parser");
        assert_eq!(f.elements, ["parser", "api", "keys", "resizer"]);
        assert_eq!(f.group, ["parser", "resizer"]);
        assert!(
            f.message.starts_with(
                "\u{201c}parser module\u{201d} and 1 other untrusted module reach 2 modules"
            ),
            "{}",
            f.message
        );
        assert_eq!(ids(&d, RuleId::LateralReach), ["lateral-reach@parser"]);
        d.accepted.push(crate::model::Acceptance {
            finding: "lateral-reach@resizer".into(),
            reason: "sandboxed next quarter".into(),
        });
        assert!(get(&d, "lateral-reach@parser").is_accepted());
        assert!(ids(&d, RuleId::StaleAcceptance).is_empty());
    }

    #[test]
    fn loading_what_outsiders_write_is_a_foothold_and_spreads_compromise() {
        let mut users = module_of("users", ModuleKind::External, None);
        users.trust = Trust::Untrusted;
        let d = Diagram {
            units: vec![
                unit("render-vm", Isolation::Vm, None),
                unit("store-vm", Isolation::Vm, None),
            ],
            modules: vec![
                users,
                module_of("templates", ModuleKind::Datastore, Some("store-vm")),
                module("renderer", Some("render-vm")),
                module("mailer", Some("render-vm")),
            ],
            interfaces: vec![
                interface("upload", "users", "templates", InterfaceKind::Write),
                interface("load", "renderer", "templates", InterfaceKind::Load),
                interface("mail", "renderer", "mailer", InterfaceKind::Call),
            ],
            ..Diagram::default()
        };
        let f = get(&d, "lateral-reach@renderer");
        // The renderer counts as untrusted in its own zone: the mailer,
        // trusted, is in its radius; the template store is what it loads.
        assert_eq!(f.elements, ["renderer", "mailer", "templates"]);
        assert_eq!(f.severity, Severity::Warning);
        assert!(f.message.contains("runs code from"), "{}", f.message);
    }
}
