//! `loaded-code-across-trust`: code loaded from a datastore that a module
//! the loader does not trust writes (docs/rules.md#loaded-code-across-trust).

use super::{Analysis, Finding, RuleInfo, Severity};
use super::{finding, name_list, quoted};
use crate::model::{InterfaceKind, ModuleKind, RuleId};

/// The catalogue entry.
pub(super) const INFO: RuleInfo = RuleInfo {
    id: RuleId::LoadedCodeAcrossTrust,
    summary: "A module loads code from a datastore that a module it does not trust writes.",
    explanation: "Compromise spreads through data that is code: a module that loads what \
another wrote (a plugin, a script, a pickled model, a repository it builds and deploys) runs \
the writer's code with its own privileges. Here the writer is neither untrusted nor outside \
the system, but the loader does not trust it (a different trust zone), so whoever controls \
the writer controls the loader, whatever isolation stands between them. Review and sign what \
is loaded and verify it before loading, load it in a sandbox, or split the store so that \
each zone loads only what it wrote. When the writer is untrusted or outside, lateral-reach \
reports it instead. Reference: docs/rules.md#loaded-code-across-trust.",
    default_severity: Severity::Warning,
    default_text: "warning",
};

/// Fires for every datastore that is not attacker-written, loaded by a
/// module that is not a foothold and written by a module that the loader
/// does not trust (the writer neither a foothold nor external).
pub(super) fn check(analysis: &Analysis<'_>, out: &mut Vec<Finding>) {
    let modules = &analysis.diagram().modules;
    let mut loaders: Vec<usize> = Vec::new();
    let mut writers: Vec<usize> = Vec::new();
    for (d, store) in modules.iter().enumerate() {
        if store.kind != ModuleKind::Datastore || analysis.is_attacker_written(d) {
            continue;
        }
        loaders.clear();
        writers.clear();
        for access in analysis.accessors_of(d) {
            let m = access.module as usize;
            if analysis.foothold_of(m).is_some() {
                continue;
            }
            match access.kind {
                InterfaceKind::Load => loaders.push(m),
                InterfaceKind::Write if modules[m].kind != ModuleKind::External => writers.push(m),
                _ => {}
            }
        }
        if loaders.is_empty() || writers.is_empty() {
            continue;
        }
        let mut in_pairs: Vec<usize> = Vec::new();
        for &l in &loaders {
            for &w in &writers {
                if l != w && !analysis.trust_each_other(l, w) {
                    in_pairs.push(l);
                    in_pairs.push(w);
                }
            }
        }
        if in_pairs.is_empty() {
            continue;
        }
        in_pairs.sort_unstable();
        in_pairs.dedup();
        let named = |list: &[usize]| {
            let mut names: Vec<usize> = list
                .iter()
                .copied()
                .filter(|m| in_pairs.binary_search(m).is_ok())
                .collect();
            names.sort_unstable();
            names.dedup();
            let count = names.len();
            name_list(names.iter().map(|&m| modules[m].name.as_str()), count, 3)
        };
        let message = text!(
            "{} loads code from {}, which {} writes: whoever controls the writer runs code in the loader",
            named(&loaders),
            quoted(&store.name),
            named(&writers),
        );
        out.push(finding(
            INFO.id,
            Severity::Warning,
            store.id.as_str(),
            in_pairs
                .iter()
                .map(|&m| modules[m].id.as_str().to_owned())
                .collect(),
            message,
            None,
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use crate::model::{Diagram, InterfaceKind, Isolation, ModuleKind, RuleId, Trust};

    fn scripts() -> Diagram {
        let mut admin = module("admin", Some("admin-vm"));
        admin.zone = Some("ops".into());
        Diagram {
            units: vec![
                unit("admin-vm", Isolation::Vm, None),
                unit("scoring-vm", Isolation::Vm, None),
                unit("store", Isolation::Vm, None),
            ],
            modules: vec![
                admin,
                module("scorer", Some("scoring-vm")),
                module_of("scripts", ModuleKind::Datastore, Some("store")),
            ],
            interfaces: vec![
                interface("write", "admin", "scripts", InterfaceKind::Write),
                interface("load", "scorer", "scripts", InterfaceKind::Load),
            ],
            ..Diagram::default()
        }
    }

    #[test]
    fn fires_when_the_writer_is_of_another_zone() {
        let d = scripts();
        let f = get(&d, "loaded-code-across-trust@scripts");
        assert_eq!(f.elements, ["scripts", "admin", "scorer"]);
        assert!(f.message.contains("loads code from"), "{}", f.message);
    }

    #[test]
    fn silent_for_one_zone_and_for_footholds() {
        let mut d = scripts();
        d.modules[0].zone = None;
        assert!(ids(&d, RuleId::LoadedCodeAcrossTrust).is_empty());
        // An untrusted writer is a foothold: lateral-reach reports it.
        let mut d = scripts();
        d.modules[0].trust = Trust::Untrusted;
        assert!(ids(&d, RuleId::LoadedCodeAcrossTrust).is_empty());
        assert_eq!(ids(&d, RuleId::LateralReach), ["lateral-reach@admin"]);
    }
}
