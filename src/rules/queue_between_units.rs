//! `queue-between-units`: a message queue between deployment units.

use super::Piece::{Quoted, Text};
use super::{Analysis, Finding, RuleInfo, Severity};
use super::{finding, interface_name, message};
use crate::model::{InterfaceKind, RuleId};

/// The catalogue entry.
pub(super) const INFO: RuleInfo = RuleInfo {
    id: RuleId::QueueBetweenUnits,
    summary: "A message queue runs between deployment units.",
    explanation: "Message queues between services invite queue explosion: every queue is one \
more thing to provision, monitor, size and drain, failures surface far from their cause, \
back-pressure disappears, and a slow consumer turns into hours of backlog. Between \
separately deployed units an RPC with retries is usually simpler; a queue inside one \
deployment unit is cheap. Keep the queue where asynchrony is the point (a producer that \
must not wait, a consumer that may lag) and accept the finding with that reason; otherwise \
make it an RPC, or deploy both ends together.",
    default_severity: Severity::Info,
    default_text: "info",
};

/// Fires for every `Queue` whose ends are placed in different deployment
/// units.
pub(super) fn check(analysis: &Analysis<'_>, out: &mut Vec<Finding>) {
    let diagram = analysis.diagram();
    for edge in analysis.edges() {
        if edge.kind != InterfaceKind::Queue {
            continue;
        }
        let (Some(a), Some(b)) = (
            analysis.deployment_unit_of(edge.from as usize),
            analysis.deployment_unit_of(edge.to as usize),
        ) else {
            continue;
        };
        if a == b {
            continue;
        }
        let interface = &diagram.interfaces[edge.interface as usize];
        let message = message(&[
            Text("Queue "),
            Quoted(interface_name(interface)),
            Text(" runs between deployment units "),
            Quoted(&diagram.units[a].name),
            Text(" and "),
            Quoted(&diagram.units[b].name),
        ]);
        out.push(finding(
            INFO.id,
            Severity::Info,
            interface.id.as_str(),
            Vec::new(),
            message,
            None,
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use crate::model::{Diagram, InterfaceKind, Isolation, Release, RuleId};

    fn mailer(release: Release) -> Diagram {
        let mut mail = unit("mail", Isolation::Container, Some("api"));
        mail.release = release;
        Diagram {
            units: vec![unit("api", Isolation::Process, None), mail],
            modules: vec![module("http", Some("api")), module("mailer", Some("mail"))],
            interfaces: vec![interface("notify", "http", "mailer", InterfaceKind::Queue)],
            ..Diagram::default()
        }
    }

    #[test]
    fn fires_between_deployment_units() {
        let f = get(&mailer(Release::Own), "queue-between-units@notify");
        assert_eq!(f.elements, ["notify"]);
    }

    #[test]
    fn silent_within_one_deployment_unit() {
        assert!(ids(&mailer(Release::WithParent), RuleId::QueueBetweenUnits).is_empty());
        let mut d = mailer(Release::Own);
        d.modules[1].unit = None;
        assert!(ids(&d, RuleId::QueueBetweenUnits).is_empty());
    }
}
