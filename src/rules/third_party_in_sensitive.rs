//! `third-party-in-sensitive`: third-party code running inside sensitive
//! modules, the supply chain of what holds your secrets
//! (docs/rules.md#third-party-in-sensitive).

use super::analysis::FxHashSet;
use super::{Analysis, Finding, RuleInfo, Severity};
use super::{finding, name_list};
use crate::model::{ModuleKind, RuleId, Trust};

/// The catalogue entry.
pub(super) const INFO: RuleInfo = RuleInfo {
    id: RuleId::ThirdPartyInSensitive,
    summary: "Third-party code runs inside sensitive modules.",
    explanation: "Code that links a malicious library is owned by it: whoever can publish a new \
release of third-party code that runs inside a sensitive module (one that holds keys, \
credentials, personal data or billing) controls that module. This is the supply chain of \
what holds your secrets, in one list: pin and review these dependencies, keep the set small, \
watch their advisories, and prefer to run large third-party components outside the \
sensitive process, behind an interface. Third-party code that you mark Untrusted is \
lateral-reach's, and managed services are the provider's to secure. Reference: \
docs/rules.md#third-party-in-sensitive.",
    default_severity: Severity::Info,
    default_text: "info",
};

/// One finding per diagram: every third-party library linked (directly or
/// through other libraries) into a `Sensitive` module that is not a
/// datastore, and every `Sensitive` third-party component; third-party
/// modules that are `Untrusted` or held by a `Managed` unit left out.
pub(super) fn check(analysis: &Analysis<'_>, out: &mut Vec<Finding>) {
    let modules = &analysis.diagram().modules;
    let mut third_party: Vec<usize> = Vec::new();
    let mut sensitive: FxHashSet<usize> = FxHashSet::default();
    let mut seen: FxHashSet<u32> = FxHashSet::default();
    for (t, module) in modules.iter().enumerate() {
        if !module.third_party
            || module.trust == Trust::Untrusted
            || analysis
                .deployment_unit_of(t)
                .is_some_and(|d| analysis.managed_at(d))
        {
            continue;
        }
        match module.kind {
            ModuleKind::Component if module.trust == Trust::Sensitive => {
                third_party.push(t);
                sensitive.insert(t);
            }
            ModuleKind::Library => {
                // The sensitive, non-datastore modules it is linked into.
                seen.clear();
                let mut stack = vec![t as u32];
                let mut any = false;
                while let Some(x) = stack.pop() {
                    for linker in analysis.linkers_of(x as usize) {
                        let m = linker.module as usize;
                        if !seen.insert(linker.module) {
                            continue;
                        }
                        if modules[m].kind == ModuleKind::Library {
                            stack.push(linker.module);
                        }
                        if modules[m].trust == Trust::Sensitive
                            && modules[m].kind != ModuleKind::Datastore
                        {
                            sensitive.insert(m);
                            any = true;
                        }
                    }
                }
                if any {
                    third_party.push(t);
                }
            }
            _ => {}
        }
    }
    if third_party.is_empty() {
        return;
    }
    third_party.sort_unstable_by(|&a, &b| modules[a].id.cmp(&modules[b].id));
    let mut holders: Vec<usize> = sensitive.into_iter().collect();
    holders.sort_unstable_by(|&a, &b| modules[a].id.cmp(&modules[b].id));
    let message = text!(
        "Third-party code runs inside sensitive modules: {} in {}",
        name_list(
            third_party.iter().map(|&t| modules[t].name.as_str()),
            third_party.len(),
            4
        ),
        name_list(
            holders.iter().map(|&m| modules[m].name.as_str()),
            holders.len(),
            3
        ),
    );
    let mut others: Vec<String> = third_party[1..]
        .iter()
        .chain(&holders)
        .map(|&m| modules[m].id.as_str().to_owned())
        .collect();
    others.sort_unstable();
    others.dedup();
    let first = modules[third_party[0]].id.as_str();
    others.retain(|id| id != first);
    let group = third_party
        .iter()
        .map(|&t| modules[t].id.as_str().to_owned())
        .collect();
    out.push(finding(INFO.id, Severity::Info, first, others, message, None).with_group(group));
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use crate::model::{Diagram, InterfaceKind, Isolation, ModuleKind, RuleId, Trust};

    fn vault() -> Diagram {
        let mut keys = module("keys", Some("vm"));
        keys.trust = Trust::Sensitive;
        let mut crypto = module_of("crypto", ModuleKind::Library, None);
        crypto.third_party = true;
        let mut asn1 = module_of("asn1", ModuleKind::Library, None);
        asn1.third_party = true;
        Diagram {
            units: vec![unit("vm", Isolation::Vm, None)],
            modules: vec![
                keys,
                crypto,
                asn1,
                module_of("own", ModuleKind::Library, None),
            ],
            interfaces: vec![
                interface("k-crypto", "keys", "crypto", InterfaceKind::Link),
                interface("crypto-asn1", "crypto", "asn1", InterfaceKind::Link),
                interface("k-own", "keys", "own", InterfaceKind::Link),
            ],
            ..Diagram::default()
        }
    }

    #[test]
    fn one_finding_lists_the_supply_chain() {
        let d = vault();
        let f = get(&d, "third-party-in-sensitive@asn1");
        assert_eq!(f.elements, ["asn1", "crypto", "keys"]);
        assert_eq!(f.group, ["asn1", "crypto"]);
        assert_eq!(ids(&d, RuleId::ThirdPartyInSensitive).len(), 1);
    }

    #[test]
    fn silent_for_untrusted_code_and_trusted_holders() {
        let mut d = vault();
        d.modules[0].trust = Trust::Trusted;
        assert!(ids(&d, RuleId::ThirdPartyInSensitive).is_empty());
        let mut d = vault();
        d.modules[1].trust = Trust::Untrusted;
        d.modules[2].trust = Trust::Untrusted;
        assert!(ids(&d, RuleId::ThirdPartyInSensitive).is_empty());
    }
}
