//! `queue-between-units`: a queue from a request handler to a heavy
//! consumer in another deployment unit (docs/rules.md#queue-between-units).

use super::{Analysis, Finding, RuleInfo, Severity};
use super::{finding, interface_text, quoted};
use crate::model::{InterfaceKind, Load, Reliability, RuleId};

/// The catalogue entry.
pub(super) const INFO: RuleInfo = RuleInfo {
    id: RuleId::QueueBetweenUnits,
    summary: "A request handler dumps work into a queue for a heavy consumer in another unit.",
    explanation: "Message queues between services invite queue explosion. When code that \
handles requests puts work on a queue for an expensive consumer deployed elsewhere, nothing \
pushes back: a burst of requests becomes hours of backlog, latency and failures surface far \
from their cause, and every queue is one more thing to provision, monitor, size and drain. \
Prefer an RPC with back-pressure (the caller learns the consumer is busy), or run the \
consumer in the same deployment unit and scale it with the handler. Keep the queue where \
asynchrony is the point and say so when you accept the finding; a best-effort pipeline \
that may fall behind by design is not reported. Reference: docs/rules.md#queue-between-units.",
    default_severity: Severity::Info,
    default_text: "info",
};

/// Fires for every `Queue` between deployment units (neither `Managed`)
/// from a module that handles requests (the `to` of a `Call` or `Rpc`) to
/// one whose load is not `Light` and whose reliability is not `BestEffort`.
pub(super) fn check(analysis: &Analysis<'_>, out: &mut Vec<Finding>) {
    let diagram = analysis.diagram();
    let mut handles_requests: Option<Vec<bool>> = None;
    for edge in analysis.edges() {
        if edge.kind != InterfaceKind::Queue {
            continue;
        }
        let consumer = &diagram.modules[edge.to as usize];
        if consumer.load == Load::Light || consumer.reliability == Some(Reliability::BestEffort) {
            continue;
        }
        let (Some(a), Some(b)) = (
            analysis.deployment_unit_of(edge.from as usize),
            analysis.deployment_unit_of(edge.to as usize),
        ) else {
            continue;
        };
        if a == b || analysis.managed_at(a) || analysis.managed_at(b) {
            continue;
        }
        let handlers = handles_requests.get_or_insert_with(|| {
            let mut handlers = vec![false; diagram.modules.len()];
            for edge in analysis.edges() {
                if matches!(edge.kind, InterfaceKind::Call | InterfaceKind::Rpc) {
                    handlers[edge.to as usize] = true;
                }
            }
            handlers
        });
        if !handlers[edge.from as usize] {
            continue;
        }
        let interface = &diagram.interfaces[edge.interface as usize];
        let message = text!(
            "{} hands requests to {} ({} load) in another deployment unit: a burst of requests becomes a backlog",
            interface_text(analysis, interface),
            quoted(&consumer.name),
            consumer.load.label().to_lowercase(),
        );
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
    use crate::model::{Diagram, InterfaceKind, Isolation, Load, Release, Reliability, RuleId};

    fn mailer(release: Release) -> Diagram {
        let mut mail = unit("mail", Isolation::Container, Some("api"));
        mail.release = release;
        Diagram {
            units: vec![unit("api", Isolation::Process, None), mail],
            modules: vec![module("users", None), module("http", Some("api")), {
                let mut mailer = module("mailer", Some("mail"));
                mailer.load = Load::Cpu;
                mailer
            }],
            interfaces: vec![
                interface("request", "users", "http", InterfaceKind::Rpc),
                interface("notify", "http", "mailer", InterfaceKind::Queue),
            ],
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
        d.modules[2].unit = None;
        assert!(ids(&d, RuleId::QueueBetweenUnits).is_empty());
    }

    #[test]
    fn silent_for_light_best_effort_or_non_request_producers() {
        let mut d = mailer(Release::Own);
        d.modules[2].load = Load::Light;
        assert!(ids(&d, RuleId::QueueBetweenUnits).is_empty());
        let mut d = mailer(Release::Own);
        d.modules[2].reliability = Some(Reliability::BestEffort);
        assert!(ids(&d, RuleId::QueueBetweenUnits).is_empty());
        let mut d = mailer(Release::Own);
        d.interfaces.remove(0);
        assert!(ids(&d, RuleId::QueueBetweenUnits).is_empty());
    }
}
