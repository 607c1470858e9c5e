//! `slow-start-in-unit`: a deployment unit holding a slow-starting module
//! together with fast-starting ones.

use super::{Analysis, Finding, RuleInfo, Severity};
use super::{finding, name_list, quoted};
use crate::model::{ModuleKind, RuleId, Startup};

/// The catalogue entry.
pub(super) const INFO: RuleInfo = RuleInfo {
    id: RuleId::SlowStartInUnit,
    summary: "A deployment unit holds a slow-starting module together with fast-starting ones.",
    explanation: "A slow-starting part slows every upgrade of whatever ships with it: each release \
of the fast parts has to wait for it to start again, so rollouts and rollbacks drag. That is \
one of the few good reasons to deploy a part as a separate service. Move the slow-starting \
modules into a deployment unit of their own, or make them start quickly (load lazily, warm \
caches in the background). Datastores are left out: they do not start with the release. \
Reference: docs/rules.md#slow-start-in-unit.",
    default_severity: Severity::Info,
    default_text: "info",
};

/// Fires for every deployment unit, not `Managed`, that holds a `Slow`
/// module and a `Fast` one, datastores aside.
pub(super) fn check(analysis: &Analysis<'_>, out: &mut Vec<Finding>) {
    let diagram = analysis.diagram();
    for (d, unit) in diagram.units.iter().enumerate() {
        if !analysis.is_deployment_unit(d) || analysis.managed_at(d) {
            continue;
        }
        // Datastores do not start with the release.
        let code: Vec<usize> = analysis
            .held_at(d)
            .iter()
            .map(|&m| m as usize)
            .filter(|&m| diagram.modules[m].kind != ModuleKind::Datastore)
            .collect();
        let slow: Vec<usize> = code
            .iter()
            .copied()
            .filter(|&m| diagram.modules[m].startup == Startup::Slow)
            .collect();
        if slow.is_empty() || slow.len() == code.len() {
            continue;
        }
        let fast = code.len() - slow.len();
        let message = text!(
            "{} ships slow-starting {} with {fast} fast-starting {}: every upgrade of the unit waits for the slow start",
            quoted(&unit.name),
            name_list(
                slow.iter().map(|&m| diagram.modules[m].name.as_str()),
                slow.len(),
                3
            ),
            if fast == 1 { "module" } else { "modules" },
        );
        out.push(finding(
            INFO.id,
            Severity::Info,
            unit.id.as_str(),
            slow.iter()
                .map(|&m| diagram.modules[m].id.as_str().to_owned())
                .collect(),
            message,
            None,
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use crate::model::{Diagram, Isolation, Release, RuleId, Startup};

    fn lobby() -> Diagram {
        let mut child = unit("mm-proc", Isolation::Process, Some("lobby"));
        child.release = Release::WithParent;
        let mut matchmaker = module("matchmaker", Some("mm-proc"));
        matchmaker.startup = Startup::Slow;
        Diagram {
            units: vec![unit("lobby", Isolation::Container, None), child],
            modules: vec![module("api", Some("lobby")), matchmaker],
            ..Diagram::default()
        }
    }

    #[test]
    fn fires_on_slow_and_fast_together() {
        let f = get(&lobby(), "slow-start-in-unit@lobby");
        assert_eq!(f.elements, ["lobby", "matchmaker"]);
    }

    #[test]
    fn silent_when_all_start_alike_or_released_apart() {
        let mut d = lobby();
        d.modules[0].startup = Startup::Slow;
        assert!(ids(&d, RuleId::SlowStartInUnit).is_empty());
        let mut d = lobby();
        d.units[1].release = Release::Own;
        assert!(ids(&d, RuleId::SlowStartInUnit).is_empty());
        let mut d = lobby();
        d.units[0].release = Release::Managed;
        assert!(ids(&d, RuleId::SlowStartInUnit).is_empty());
    }
}
