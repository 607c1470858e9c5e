//! `lateral-reach`: an untrusted module whose compromise reaches other
//! modules (its blast radius is not empty).

use super::{Analysis, Elements, Finding, Fix, RuleInfo, Severity};
use super::{finding_with, name_list, quoted};
use crate::model::{Isolation, ModuleKind, RuleId, Trust};
use std::sync::Arc;

/// The catalogue entry.
pub(super) const INFO: RuleInfo = RuleInfo {
    id: RuleId::LateralReach,
    summary: "An attacker who controls an untrusted module reaches other modules.",
    explanation: "Compromise spreads. An attacker who controls an untrusted module (third-party \
code, or code that parses attacker-controlled input) also controls every module placed with \
only weak isolation from it, and every module that links a library it controls; through \
them, and through the libraries they link, the attacker can read or write anything in the \
datastores they read or write. The blast radius is everything reached that way, apart from \
the modules that trust the source anyway. It is an error when it includes sensitive modules \
or other untrusted ones (another tenant, say). Shrink it: put the untrusted module in a \
sandbox or VM of its own, keep untrusted libraries out of processes that hold secrets or \
write important data, and give the code around it only the datastore access it needs. \
Select the module in the editor to see its blast radius and the path to each module.",
    default_severity: Severity::Error,
    default_text: "error if it reaches a Sensitive or an Untrusted module, else warning",
};

/// How many reached modules a message names.
const NAMED: usize = 3;

/// What every source sharing one blast radius shares in its finding.
struct Shared {
    severity: Severity,
    summary: String,
}

/// Fires for every untrusted, non-external module with a non-empty blast
/// radius. Sources that share a blast radius share its list of ids, its
/// severity and its summary, so the work is proportional to the distinct
/// radii, not to the sources times the modules each reaches.
pub(super) fn check(analysis: &Analysis<'_>, out: &mut Vec<Finding>) {
    let diagram = analysis.diagram();
    let modules = &diagram.modules;
    let sandbox_is_strong = Isolation::Sandbox >= diagram.settings.strong_isolation;
    let radii = analysis.all_blast_radii();
    let module_at = |p: u32| &modules[radii.modules[p as usize] as usize];
    let serious = |p: u32| module_at(p).trust != Trust::Trusted;
    let shared: Vec<Option<Shared>> = radii
        .lists
        .iter()
        .map(|reached| {
            if reached.is_empty() {
                return None;
            }
            let severity = if reached.iter().any(serious) {
                Severity::Error
            } else {
                Severity::Warning
            };
            // Name the sensitive and untrusted modules first: they decide the
            // severity and are what a reader most needs to see.
            let named = reached
                .iter()
                .filter(|&p| serious(p))
                .chain(reached.iter().filter(|&p| !serious(p)))
                .take(NAMED)
                .map(|p| module_at(p).name.as_str());
            let summary = format!(
                "{} {}: {}",
                reached.len(),
                if reached.len() == 1 {
                    "module"
                } else {
                    "modules"
                },
                name_list(named, reached.len(), NAMED),
            );
            Some(Shared { severity, summary })
        })
        .collect();
    for &(source, list) in &radii.sources {
        let Some(shared) = &shared[list] else {
            continue;
        };
        let u = &modules[source];
        let what = if u.kind == ModuleKind::Library {
            "library"
        } else {
            "module"
        };
        let message = text!(
            "Whoever controls untrusted {what} {} reaches {}",
            quoted(&u.name),
            shared.summary,
        );
        // A sandbox of its own only helps a placed module that spreads by
        // co-location and that nothing links (linking ignores placement).
        let fix = (sandbox_is_strong
            && analysis.unit_of(source).is_some()
            && analysis.linkers_of(source).is_empty()
            && analysis.colocated_with_others(source))
        .then(|| Fix::SandboxModule {
            module: u.id.clone(),
        });
        out.push(finding_with(
            INFO.id,
            shared.severity,
            Elements::indexed(
                u.id.as_str(),
                Arc::clone(&radii.table),
                Arc::clone(&radii.lists[list].base),
                Arc::clone(&radii.lists[list].extra),
            ),
            message,
            fix,
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use crate::model::{Diagram, InterfaceKind, Isolation, ModuleId, ModuleKind, RuleId, Trust};
    use crate::rules::{Fix, Severity};

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
            Some(Fix::SandboxModule {
                module: ModuleId::new("parser")
            })
        );
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
}
