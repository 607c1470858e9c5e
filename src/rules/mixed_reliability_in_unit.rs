//! `mixed-reliability-in-unit`: a deployment unit holding modules with
//! different reliability targets.

use super::{Analysis, Finding, RuleInfo, Severity};
use super::{finding, quoted};
use crate::model::{Reliability, RuleId};

/// The catalogue entry.
pub(super) const INFO: RuleInfo = RuleInfo {
    id: RuleId::MixedReliabilityInUnit,
    summary: "A deployment unit holds modules with different reliability targets.",
    explanation: "Different reliability targets are one of the few good reasons to deploy parts \
separately. Everything in one deployment unit is released, restarted and taken down \
together, so a crash or a bad release of the least reliable part takes the most critical \
part with it, and the critical part's careful change process slows down everything that \
ships with it. Move the modules with the lower target into a deployment unit of their own, \
or, if they really must be as reliable as the rest, give them the same target. A unit \
that holds only third-party products is the vendors' to reconcile and is not reported. \
Reference: docs/rules.md#mixed-reliability-in-unit.",
    default_severity: Severity::Warning,
    default_text: "warning",
};

fn reliability_word(reliability: Reliability) -> &'static str {
    match reliability {
        Reliability::BestEffort => "best effort",
        Reliability::Standard => "standard",
        Reliability::High => "high",
        Reliability::Critical => "critical",
    }
}

/// Fires for every deployment unit, not `Managed`, holding a module of your
/// own (not `third_party`), whose modules set at least two different
/// reliabilities.
pub(super) fn check(analysis: &Analysis<'_>, out: &mut Vec<Finding>) {
    let diagram = analysis.diagram();
    for (d, unit) in diagram.units.iter().enumerate() {
        if !analysis.is_deployment_unit(d) || analysis.managed_at(d) {
            continue;
        }
        // Only your own code makes it your release: a unit of third-party
        // products is the vendors' to reconcile.
        let held = analysis.held_at(d);
        if held
            .iter()
            .all(|&m| diagram.modules[m as usize].third_party)
        {
            continue;
        }
        let setting: Vec<usize> = held
            .iter()
            .map(|&m| m as usize)
            .filter(|&m| diagram.modules[m].reliability.is_some())
            .collect();
        let levels = setting
            .iter()
            .filter_map(|&m| diagram.modules[m].reliability);
        let (Some(lowest), Some(highest)) = (levels.clone().min(), levels.max()) else {
            continue;
        };
        if lowest == highest {
            continue;
        }
        let name_of = |level| {
            setting
                .iter()
                .map(|&m| &diagram.modules[m])
                .find(|m| m.reliability == Some(level))
                .map_or(String::new(), |m| quoted(&m.name).to_string())
        };
        let message = text!(
            "{} ships {} ({}) together with {} ({})",
            quoted(&unit.name),
            name_of(highest),
            reliability_word(highest),
            name_of(lowest),
            reliability_word(lowest),
        );
        out.push(finding(
            INFO.id,
            Severity::Warning,
            unit.id.as_str(),
            setting
                .iter()
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
    use crate::model::{Diagram, Isolation, Release, Reliability, RuleId};

    fn server(replay: Option<Reliability>) -> Diagram {
        let mut child = unit("replay-proc", Isolation::Process, Some("match"));
        child.release = Release::WithParent;
        let mut server = module("server", Some("match"));
        server.reliability = Some(Reliability::High);
        let mut replay_writer = module("replay", Some("replay-proc"));
        replay_writer.reliability = replay;
        Diagram {
            units: vec![unit("match", Isolation::Process, None), child],
            modules: vec![server, replay_writer, module("unset", Some("match"))],
            ..Diagram::default()
        }
    }

    #[test]
    fn fires_on_different_targets_in_one_deployment_unit() {
        let d = server(Some(Reliability::BestEffort));
        let f = get(&d, "mixed-reliability-in-unit@match");
        assert_eq!(f.elements, ["match", "replay", "server"]);
        assert!(f.message.contains("best effort"), "{}", f.message);
    }

    #[test]
    fn silent_on_equal_or_unset_targets_and_managed_units() {
        assert!(ids(&server(None), RuleId::MixedReliabilityInUnit).is_empty());
        assert!(
            ids(
                &server(Some(Reliability::High)),
                RuleId::MixedReliabilityInUnit
            )
            .is_empty()
        );
        let mut d = server(Some(Reliability::BestEffort));
        d.units[0].release = Release::Managed;
        assert!(ids(&d, RuleId::MixedReliabilityInUnit).is_empty());
    }
}
