//! `shared-library-across-trust`: a library that is not untrusted, linked on
//! both sides of a strong boundary between modules that do not trust each
//! other.

use super::{Analysis, Finding, RuleInfo, Severity};
use super::{finding, name_list, quoted};
use crate::model::{ModuleKind, RuleId, Trust};

/// The catalogue entry.
pub(super) const INFO: RuleInfo = RuleInfo {
    id: RuleId::SharedLibraryAcrossTrust,
    summary: "A library is linked on both sides of a strong boundary between modules that do not trust each other.",
    explanation: "Linking puts a library into its linker's address space, so whoever can change \
the library's code controls every module that links it: code that links a malicious \
library is owned by it. This library is linked by modules that do not trust each other \
and that the diagram keeps apart with strong isolation, so that isolation is only as \
strong as the library's supply chain: one malicious release, or one compromised \
maintainer, reaches both sides at once. Give each side its own reviewed and pinned copy, \
move the shared code behind an interface in a unit of its own, or, if you do not control \
the library, mark it Untrusted so that lateral-reach shows everything it reaches.",
    default_severity: Severity::Warning,
    default_text: "warning",
};

/// Fires for every library that is not `Untrusted` and has two placed
/// linkers that do not trust each other across a strong boundary.
///
/// Such a pair exists exactly when the placed linkers span at least two
/// trust keys and at least two weak groups: given one linker, take another
/// with a different trust key; if it shares the first's group, a third in
/// another group differs in trust from one of the two. So one pass over the
/// linkers decides it, however many there are.
pub(super) fn check(analysis: &Analysis<'_>, out: &mut Vec<Finding>) {
    let modules = &analysis.diagram().modules;
    for (l, library) in modules.iter().enumerate() {
        if library.kind != ModuleKind::Library || library.trust == Trust::Untrusted {
            continue;
        }
        let linkers = analysis.linkers_of(l);
        if linkers.len() < 2 {
            continue;
        }
        let mut first: Option<(u32, usize)> = None;
        let (mut two_keys, mut two_groups) = (false, false);
        for linker in linkers {
            let m = linker.module as usize;
            let Some(unit) = analysis.unit_of(m) else {
                continue;
            };
            let here = (analysis.trust_key_of(m), analysis.group_of_unit(unit));
            match first {
                None => first = Some(here),
                Some((key, group)) => {
                    two_keys |= here.0 != key;
                    two_groups |= here.1 != group;
                }
            }
        }
        if !(two_keys && two_groups) {
            continue;
        }
        let mut ids: Vec<&str> = linkers
            .iter()
            .map(|n| modules[n.module as usize].id.as_str())
            .collect();
        ids.sort_unstable();
        ids.dedup();
        let names = ids
            .iter()
            .filter_map(|id| analysis.module_position(id))
            .map(|m| modules[m].name.as_str());
        let message = text!(
            "{} is linked by {}, which do not trust each other and are kept apart by strong isolation",
            quoted(&library.name),
            name_list(names, ids.len(), 4),
        );
        out.push(finding(
            INFO.id,
            Severity::Warning,
            library.id.as_str(),
            ids.iter().map(|&id| id.to_owned()).collect(),
            message,
            None,
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use crate::model::{Diagram, InterfaceKind, Isolation, ModuleKind, RuleId, Trust};

    fn browser(renderer_unit: Isolation) -> Diagram {
        let mut renderer = module("renderer", Some("renderer-box"));
        renderer.trust = Trust::Untrusted;
        Diagram {
            units: vec![
                unit("browser-proc", Isolation::Process, None),
                unit("renderer-box", renderer_unit, Some("browser-proc")),
            ],
            modules: vec![
                module("browser", Some("browser-proc")),
                renderer,
                module_of("skia", ModuleKind::Library, None),
                module("gpu", Some("browser-proc")),
            ],
            interfaces: vec![
                interface("b-skia", "browser", "skia", InterfaceKind::Link),
                interface("r-skia", "renderer", "skia", InterfaceKind::Link),
                interface("g-skia", "gpu", "skia", InterfaceKind::Link),
            ],
            ..Diagram::default()
        }
    }

    #[test]
    fn fires_for_a_library_shared_across_a_strong_untrustworthy_boundary() {
        let d = browser(Isolation::Sandbox);
        let f = get(&d, "shared-library-across-trust@skia");
        assert_eq!(f.elements, ["skia", "browser", "gpu", "renderer"]);
    }

    #[test]
    fn silent_when_weakly_isolated_untrusted_or_mutually_trusted() {
        // Weakly isolated: weak-isolation and lateral-reach speak instead.
        let d = browser(Isolation::Process);
        assert!(ids(&d, RuleId::SharedLibraryAcrossTrust).is_empty());
        // An untrusted library is lateral-reach's business.
        let mut d = browser(Isolation::Sandbox);
        d.modules[2].trust = Trust::Untrusted;
        assert!(ids(&d, RuleId::SharedLibraryAcrossTrust).is_empty());
        // Linkers that trust each other.
        let mut d = browser(Isolation::Sandbox);
        d.modules[1].trust = Trust::Trusted;
        assert!(ids(&d, RuleId::SharedLibraryAcrossTrust).is_empty());
    }
}
