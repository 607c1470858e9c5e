//! `weak-isolation-across-trust`: a call, RPC or queue joins modules that do
//! not trust each other, and only weak isolation separates them.

use super::{Analysis, Boundary, Finding, Fix, RuleInfo, Severity};
use super::{finding, interface_name, kind_noun, quoted, trust_phrase};
use crate::model::{InterfaceKind, Isolation, RuleId, Trust};

/// The catalogue entry.
pub(super) const INFO: RuleInfo = RuleInfo {
    id: RuleId::WeakIsolationAcrossTrust,
    summary: "A call, RPC or queue joins modules that do not trust each other across weak isolation.",
    explanation: "There are only two kinds of module boundary. Where both sides trust each \
other, weak isolation is fine. Where they do not, only strong isolation holds: a sandbox \
such as gVisor or Chrome's, or a VM. Process, user and container isolation are weak: an \
attacker who runs code on one side can usually move laterally to the other. This interface \
joins modules that do not trust each other (a different trust level, or a different trust \
zone), and the units between them isolate them only weakly, so the less trusted side can \
take over the other. Move the less trusted module into a sandbox or VM of its own (at \
least the diagram's strong-isolation level), or, if the two sides really do trust each \
other, give them the same trust and zone.",
    default_severity: Severity::Error,
    default_text: "error if a side is Untrusted, else warning",
};

/// Fires on every `Call`, `Rpc` or `Queue` between placed modules that do
/// not trust each other and share a weak group (a boundary that is not strong).
pub(super) fn check(analysis: &Analysis<'_>, out: &mut Vec<Finding>) {
    let diagram = analysis.diagram();
    let sandbox_is_strong = Isolation::Sandbox >= diagram.settings.strong_isolation;
    for edge in analysis.edges() {
        if !matches!(
            edge.kind,
            InterfaceKind::Call | InterfaceKind::Rpc | InterfaceKind::Queue
        ) {
            continue;
        }
        let (from, to) = (edge.from as usize, edge.to as usize);
        if from == to
            || analysis.trust_each_other(from, to)
            || analysis.strongly_separated(from, to) != Some(false)
        {
            continue;
        }
        let boundary = analysis.boundary_at(from, to).unwrap_or(Boundary::Shared);
        let interface = &diagram.interfaces[edge.interface as usize];
        let (a, b) = (&diagram.modules[from], &diagram.modules[to]);
        let severity = if a.trust == Trust::Untrusted || b.trust == Trust::Untrusted {
            Severity::Error
        } else {
            Severity::Warning
        };
        // Sandbox the less trusted side (the `from` side on a tie): a new
        // sandbox inside its unit lies on the path to the other side.
        let weaker = if b.trust < a.trust { b } else { a };
        let fix = sandbox_is_strong.then(|| Fix::SandboxModule {
            module: weaker.id.clone(),
        });
        let message = text!(
            "{} {} joins {} ({}) and {} ({}) across {}",
            kind_noun(edge.kind),
            quoted(interface_name(interface)),
            quoted(&a.name),
            trust_phrase(a),
            quoted(&b.name),
            trust_phrase(b),
            boundary,
        );
        out.push(finding(
            INFO.id,
            severity,
            interface.id.as_str(),
            vec![a.id.as_str().to_owned(), b.id.as_str().to_owned()],
            message,
            fix,
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use crate::model::{Diagram, InterfaceKind, Isolation, ModuleId, RuleId, Trust};
    use crate::rules::{Fix, Severity};

    fn diagram(child: Isolation, trust: Trust) -> Diagram {
        let mut parser = module("parser", Some("child"));
        parser.trust = trust;
        Diagram {
            units: vec![
                unit("ctr", Isolation::Container, None),
                unit("child", child, Some("ctr")),
            ],
            modules: vec![module("api", Some("ctr")), parser],
            interfaces: vec![
                interface("parse", "api", "parser", InterfaceKind::Rpc),
                interface("hand-back", "parser", "api", InterfaceKind::Queue),
            ],
            ..Diagram::default()
        }
    }

    #[test]
    fn fires_across_weak_isolation() {
        let d = diagram(Isolation::Process, Trust::Untrusted);
        assert_eq!(
            ids(&d, RuleId::WeakIsolationAcrossTrust),
            [
                "weak-isolation-across-trust@hand-back",
                "weak-isolation-across-trust@parse"
            ]
        );
        let f = get(&d, "weak-isolation-across-trust@parse");
        assert_eq!(f.severity, Severity::Error);
        assert_eq!(f.elements, ["parse", "api", "parser"]);
        assert_eq!(
            f.fix,
            Some(Fix::SandboxModule {
                module: ModuleId::new("parser")
            })
        );
        assert!(f.message.contains("process isolation"), "{}", f.message);
        // Neither side untrusted: a warning.
        let d = diagram(Isolation::Process, Trust::Sensitive);
        let f = get(&d, "weak-isolation-across-trust@parse");
        assert_eq!(f.severity, Severity::Warning);
    }

    #[test]
    fn silent_across_strong_isolation_or_mutual_trust() {
        let d = diagram(Isolation::Sandbox, Trust::Untrusted);
        assert!(ids(&d, RuleId::WeakIsolationAcrossTrust).is_empty());
        let d = diagram(Isolation::Process, Trust::Trusted);
        assert!(ids(&d, RuleId::WeakIsolationAcrossTrust).is_empty());
        // Read, Write and Link never fire, whatever the boundary.
        let mut d = diagram(Isolation::Process, Trust::Untrusted);
        d.interfaces[0].kind = InterfaceKind::Link;
        d.modules[1].kind = crate::model::ModuleKind::Library;
        d.interfaces.remove(1);
        assert!(ids(&d, RuleId::WeakIsolationAcrossTrust).is_empty());
    }

    #[test]
    fn zones_split_equal_trust() {
        let mut d = diagram(Isolation::Container, Trust::Untrusted);
        d.modules[0].trust = Trust::Untrusted;
        assert!(ids(&d, RuleId::WeakIsolationAcrossTrust).is_empty());
        d.modules[0].zone = Some("tenant-a".into());
        assert_eq!(ids(&d, RuleId::WeakIsolationAcrossTrust).len(), 2);
    }
}
