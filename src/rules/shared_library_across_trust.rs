//! `shared-library-across-trust`: a library that is not untrusted, linked
//! into modules of different zones that are kept apart by strong isolation
//! (docs/rules.md#shared-library-across-trust).

use super::analysis::FxHashMap;
use super::{Analysis, Finding, RuleInfo, Severity};
use super::{finding, name_list, quoted};
use crate::model::{ModuleKind, RuleId, Trust};

/// The catalogue entry.
pub(super) const INFO: RuleInfo = RuleInfo {
    id: RuleId::SharedLibraryAcrossTrust,
    summary: "A library is linked into modules of different zones that strong isolation keeps apart.",
    explanation: "Linking puts a library into its linker's address space, so whoever can change \
the library's code controls every module that links it: code that links a malicious library \
is owned by it, however that code is isolated. This library is linked into modules of \
different trust zones that the diagram keeps apart with strong isolation, on purpose, so \
that isolation is only as strong as the library's supply chain: one malicious release, or \
one compromised maintainer, reaches both sides at once. Give each side its own reviewed and \
pinned copy, move the shared code behind an interface in a unit of its own, or, if you do \
not control the library, mark it Untrusted so that lateral-reach shows everything it \
reaches. A library that only comes in through another library is reported there. \
Reference: docs/rules.md#shared-library-across-trust.",
    default_severity: Severity::Warning,
    default_text: "warning",
};

/// Counts of placed modules by zone, by isolation domain and by both.
#[derive(Default)]
struct Counts {
    total: usize,
    zone: FxHashMap<u32, usize>,
    domain: FxHashMap<usize, usize>,
    both: FxHashMap<(u32, usize), usize>,
}

impl Counts {
    fn add(&mut self, zone: u32, domain: usize) {
        self.total += 1;
        *self.zone.entry(zone).or_default() += 1;
        *self.domain.entry(domain).or_default() += 1;
        *self.both.entry((zone, domain)).or_default() += 1;
    }

    /// How many counted modules differ from (zone, domain) in both.
    fn apart_from(&self, zone: u32, domain: usize) -> usize {
        fn get<K: std::hash::Hash + Eq>(map: &FxHashMap<K, usize>, key: K) -> usize {
            map.get(&key).copied().unwrap_or(0)
        }
        self.total + get(&self.both, (zone, domain))
            - get(&self.zone, zone)
            - get(&self.domain, domain)
    }
}

/// Fires for every library that is not `Untrusted` and is linked (directly
/// or through other libraries) into two placed modules of different zones
/// with a strong boundary between them, at least one of the two linking it
/// directly.
pub(super) fn check(analysis: &Analysis<'_>, out: &mut Vec<Finding>) {
    let modules = &analysis.diagram().modules;
    let mut seen: FxHashMap<u32, bool> = FxHashMap::default();
    for (l, library) in modules.iter().enumerate() {
        if library.kind != ModuleKind::Library
            || library.trust == Trust::Untrusted
            || analysis.linkers_of(l).is_empty()
        {
            continue;
        }
        // Every module it is linked into, and whether directly.
        seen.clear();
        let mut stack = vec![l as u32];
        while let Some(x) = stack.pop() {
            for linker in analysis.linkers_of(x as usize) {
                let direct = x as usize == l;
                let entry = seen.entry(linker.module).or_insert_with(|| {
                    if modules[linker.module as usize].kind == ModuleKind::Library {
                        stack.push(linker.module);
                    }
                    false
                });
                *entry |= direct;
            }
        }
        let placed: Vec<(u32, u32, usize, bool)> = seen
            .iter()
            .filter_map(|(&m, &direct)| {
                let unit = analysis.unit_of(m as usize)?;
                Some((
                    m,
                    analysis.zone_of(m as usize),
                    analysis.group_of_unit(unit),
                    direct,
                ))
            })
            .collect();
        if placed.len() < 2 {
            continue;
        }
        let (mut all, mut direct) = (Counts::default(), Counts::default());
        for &(_, zone, domain, is_direct) in &placed {
            all.add(zone, domain);
            if is_direct {
                direct.add(zone, domain);
            }
        }
        let mut ids: Vec<&str> = placed
            .iter()
            .filter(|&&(_, zone, domain, is_direct)| {
                let partners = if is_direct { &all } else { &direct };
                partners.apart_from(zone, domain) > 0
            })
            .map(|&(m, ..)| modules[m as usize].id.as_str())
            .collect();
        if ids.is_empty() {
            continue;
        }
        ids.sort_unstable();
        let names = ids
            .iter()
            .filter_map(|id| analysis.module_position(id))
            .map(|m| modules[m].name.as_str());
        let message = text!(
            "{} is linked into {}, of different trust zones kept apart by strong isolation: whoever can change it reaches them all",
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
        renderer.zone = Some("web-content".into());
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
        // Linkers of one zone.
        let mut d = browser(Isolation::Sandbox);
        d.modules[1].zone = None;
        assert!(ids(&d, RuleId::SharedLibraryAcrossTrust).is_empty());
        // Linked into both sides only through another library: reported
        // at that library, not here.
        let mut d = browser(Isolation::Sandbox);
        d.modules
            .push(module_of("wrapper", ModuleKind::Library, None));
        for link in &mut d.interfaces {
            link.to = crate::model::ModuleId::new("wrapper");
        }
        d.interfaces
            .push(interface("w-skia", "wrapper", "skia", InterfaceKind::Link));
        assert_eq!(
            ids(&d, RuleId::SharedLibraryAcrossTrust),
            ["shared-library-across-trust@wrapper"]
        );
    }
}
