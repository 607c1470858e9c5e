//! `unowned-module`: a module without a team in a diagram that has teams.

use super::{Analysis, Finding, RuleInfo, Severity};
use super::{finding, is_internal, quoted};
use crate::model::{RuleId, Trust};

/// The catalogue entry.
pub(super) const INFO: RuleInfo = RuleInfo {
    id: RuleId::UnownedModule,
    summary: "A module has no owning team.",
    explanation: "Module boundaries usually follow team boundaries (Conway's law), and knowing \
who owns each module tells you whom to ask about a finding and who has to coordinate a \
lockstep upgrade. This diagram names its teams, but this module belongs to none of them, \
so nobody is on the hook for it. Assign its team in the inspector. External actors, \
untrusted code (someone else's) and third-party code (its vendor's) are not reported. \
Reference: docs/rules.md#unowned-module.",
    default_severity: Severity::Info,
    default_text: "info",
};

/// Fires for every module without a team that is not external, not
/// `Untrusted` and not `third_party`, when the diagram defines teams.
pub(super) fn check(analysis: &Analysis<'_>, out: &mut Vec<Finding>) {
    let diagram = analysis.diagram();
    if diagram.teams.is_empty() {
        return;
    }
    for module in &diagram.modules {
        if module.team.is_some()
            || !is_internal(module)
            || module.trust == Trust::Untrusted
            || module.third_party
        {
            continue;
        }
        out.push(finding(
            INFO.id,
            Severity::Info,
            module.id.as_str(),
            Vec::new(),
            text!("{} has no owning team", quoted(&module.name)),
            None,
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use crate::model::{Diagram, ModuleKind, RuleId, Team, TeamId};

    fn kitchen(teams: bool) -> Diagram {
        let mut owned = module("owned", None);
        owned.team = Some(TeamId::new("cooks"));
        Diagram {
            teams: if teams {
                vec![Team {
                    id: TeamId::new("cooks"),
                    name: "Cooks".into(),
                    color: None,
                }]
            } else {
                Vec::new()
            },
            modules: vec![
                owned,
                module("orphan", None),
                module_of("guests", ModuleKind::External, None),
            ],
            ..Diagram::default()
        }
    }

    #[test]
    fn fires_for_modules_without_a_team() {
        assert_eq!(
            ids(&kitchen(true), RuleId::UnownedModule),
            ["unowned-module@orphan"]
        );
    }

    #[test]
    fn silent_when_the_diagram_has_no_teams() {
        assert!(ids(&kitchen(false), RuleId::UnownedModule).is_empty());
    }
}
