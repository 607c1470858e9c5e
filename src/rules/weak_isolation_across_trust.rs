//! `weak-isolation-across-trust`: modules of different trust zones share
//! one isolation domain (docs/rules.md#weak-isolation-across-trust).

use super::{Analysis, Elements, Finding, RuleInfo, Severity};
use super::{finding_with, name_list, quoted};
use crate::model::{ModuleKind, RuleId};

/// The catalogue entry.
pub(super) const INFO: RuleInfo = RuleInfo {
    id: RuleId::WeakIsolationAcrossTrust,
    summary: "Modules of different trust zones share one isolation domain.",
    explanation: "There are only two kinds of module boundary. Where both sides trust each \
other, weak isolation is fine. Where they do not, only strong isolation holds: a sandbox \
such as gVisor or Chrome's, or a VM. Process, user and container isolation are weak: an \
attacker who runs code on one side can usually move laterally to the other. These modules \
belong to different trust zones (zones are how a diagram says \"these must not trust each \
other\": two tenants, a staff console and the public shop), yet nothing stronger than weak \
isolation separates them: they share an isolation domain, the modules below the same \
nearest strongly isolated (or managed) unit. Put each zone in a sandbox or VM of its own (at \
least the diagram's strong-isolation level), or, if they really do trust each other, give \
them the same zone. Untrusted code is left to lateral-reach, which shows what it reaches. \
Reference: docs/rules.md#weak-isolation-across-trust.",
    default_severity: Severity::Warning,
    default_text: "warning",
};

/// One finding per isolation domain whose placed modules that are not
/// untrusted, not external and not held by a `Managed` unit span two or
/// more zones.
pub(super) fn check(analysis: &Analysis<'_>, out: &mut Vec<Finding>) {
    let diagram = analysis.diagram();
    let modules = &diagram.modules;
    // Per domain: the qualifying modules, and whether they span two zones.
    let mut members: Vec<Vec<u32>> = vec![Vec::new(); analysis.domain_count()];
    let mut first_zone: Vec<Option<u32>> = vec![None; analysis.domain_count()];
    let mut mixed: Vec<bool> = vec![false; analysis.domain_count()];
    for (m, module) in modules.iter().enumerate() {
        if module.kind == ModuleKind::External || analysis.counts_as_untrusted(m) {
            continue;
        }
        let Some(unit) = analysis.unit_of(m) else {
            continue;
        };
        if analysis
            .deployment_unit_of(m)
            .is_some_and(|d| analysis.managed_at(d))
        {
            continue;
        }
        let domain = analysis.group_of_unit(unit);
        let zone = analysis.zone_of(m);
        match first_zone[domain] {
            None => first_zone[domain] = Some(zone),
            Some(z) => mixed[domain] |= z != zone,
        }
        members[domain].push(m as u32);
    }
    for (domain, mut group) in members.into_iter().enumerate() {
        if !mixed[domain] {
            continue;
        }
        group.sort_unstable_by(|&a, &b| modules[a as usize].id.cmp(&modules[b as usize].id));
        let ids: Vec<String> = group
            .iter()
            .map(|&m| modules[m as usize].id.as_str().to_owned())
            .collect();
        let mut zones: Vec<&str> = group
            .iter()
            .map(|&m| modules[m as usize].zone.as_deref().unwrap_or(""))
            .collect();
        zones.sort_unstable();
        zones.dedup();
        let zone_names = zones
            .iter()
            .map(|z| if z.is_empty() { "no zone" } else { z });
        let place = match analysis.domain_top(domain) {
            Some(unit) => text!("inside {}", quoted(&diagram.units[unit].name)),
            None => "on one machine".to_owned(),
        };
        let message = text!(
            "{} belong to {} trust zones ({}) but share weak isolation {place}",
            name_list(
                group.iter().map(|&m| modules[m as usize].name.as_str()),
                group.len(),
                4
            ),
            zones.len(),
            zone_names.collect::<Vec<_>>().join(", "),
        );
        let elements = Elements::new(ids[0].clone(), ids[1..].to_vec());
        out.push(finding_with(INFO.id, Severity::Warning, elements, message, None).with_group(ids));
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use crate::model::{Diagram, InterfaceKind, Isolation, Release, RuleId, Trust};
    use crate::rules::Severity;

    fn shop(child: Isolation) -> Diagram {
        let mut console = module("console", Some("child"));
        console.trust = Trust::Sensitive;
        console.zone = Some("staff".into());
        Diagram {
            units: vec![
                unit("vm", Isolation::Vm, None),
                unit("ctr", Isolation::Container, Some("vm")),
                unit("child", child, Some("vm")),
            ],
            modules: vec![module("shop", Some("ctr")), console],
            interfaces: vec![interface("tools", "shop", "console", InterfaceKind::Rpc)],
            ..Diagram::default()
        }
    }

    #[test]
    fn fires_once_per_isolation_domain() {
        let mut d = shop(Isolation::Container);
        d.modules.push(module("shop-2", Some("ctr")));
        assert_eq!(
            ids(&d, RuleId::WeakIsolationAcrossTrust),
            ["weak-isolation-across-trust@console"]
        );
        let f = get(&d, "weak-isolation-across-trust@console");
        assert_eq!(f.severity, Severity::Warning);
        assert_eq!(f.elements, ["console", "shop", "shop-2"]);
        assert!(
            f.message.contains("inside \u{201c}vm unit\u{201d}"),
            "{}",
            f.message
        );
    }

    #[test]
    fn silent_across_strong_isolation_one_zone_or_untrusted_code() {
        assert!(ids(&shop(Isolation::Sandbox), RuleId::WeakIsolationAcrossTrust).is_empty());
        // Trusted and Sensitive of one zone trust each other.
        let mut d = shop(Isolation::Container);
        d.modules[1].zone = None;
        assert!(ids(&d, RuleId::WeakIsolationAcrossTrust).is_empty());
        // Untrusted code is lateral-reach's.
        let mut d = shop(Isolation::Container);
        d.modules[1].trust = Trust::Untrusted;
        assert!(ids(&d, RuleId::WeakIsolationAcrossTrust).is_empty());
        // Modules held by a managed unit are someone else's to isolate.
        let mut d = shop(Isolation::Container);
        d.units[2].release = Release::Managed;
        assert!(ids(&d, RuleId::WeakIsolationAcrossTrust).is_empty());
    }
}
