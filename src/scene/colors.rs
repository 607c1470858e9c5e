//! Module colours by view, and the legend that explains them.

use super::context::{Context, Deployment};
use super::{Badge, InterfaceShape, LegendEntry, LegendGroup, ModuleShape, Sample, Swatch, View};
use crate::model::{InterfaceKind, ModuleKind, Trust};
use crate::rules::Severity;
use crate::theme::Rgba;
use crate::theme::palette::{DEPLOYMENT_PALETTE, Palette};

/// The fill and border of `module` in the view of `cx`.
pub(super) fn module_colors(cx: &Context, module: &crate::model::Module) -> (Rgba, Rgba) {
    let (diagram, palette) = (cx.diagram, &cx.palette);
    match cx.options.view {
        View::Trust => trust_colors(palette, module.trust),
        View::Team => module
            .team
            .as_ref()
            .and_then(|t| diagram.team_color(t.as_str()))
            .and_then(Rgba::from_hex)
            .map_or(palette.neutral, |c| palette.tint(c)),
        View::Deployment => module
            .unit
            .as_ref()
            .and_then(|u| cx.forest.unit(u.as_str()))
            .map_or(palette.neutral, |u| {
                palette.tint(deployment_color(&cx.deployment, u))
            }),
    }
}

pub(super) fn trust_colors(palette: &Palette, trust: Trust) -> (Rgba, Rgba) {
    match trust {
        Trust::Untrusted => palette.untrusted,
        Trust::Trusted => palette.trusted,
        Trust::Sensitive => palette.sensitive,
    }
}

/// The colour of deployment unit `unit`: its ordinal among deployment units
/// in file order picks a palette colour, so colours stay put as modules move.
pub(super) fn deployment_color(deployment: &Deployment, unit: usize) -> Rgba {
    let ordinal = deployment.ordinal[deployment.unit[unit]];
    DEPLOYMENT_PALETTE[ordinal % DEPLOYMENT_PALETTE.len()]
}

/// The colour of a finding of `severity`.
pub(super) fn severity_color(palette: &Palette, severity: Severity) -> Rgba {
    match severity {
        Severity::Error => palette.error,
        Severity::Warning => palette.warning,
        Severity::Info => palette.info,
    }
}

/// The legend: what the colours of the view mean, then the module shapes,
/// the third-party tag and the line kinds the scene draws (only those, so
/// it stays small), then the finding colours when badges are shown.
pub(super) fn legend(
    cx: &Context,
    (modules, interfaces, badges): (&[ModuleShape], &[InterfaceShape], &[Badge]),
) -> Vec<LegendGroup> {
    let mut groups = vec![view_group(cx, modules)];
    groups.extend(kinds_groups(modules, interfaces));
    groups.extend(findings_group(&cx.palette, badges));
    groups
}

/// A sample box of module colours.
fn boxed((fill, stroke): (Rgba, Rgba), label: &str) -> LegendEntry {
    LegendEntry {
        sample: Sample::Swatch(Swatch {
            fill,
            stroke,
            round: false,
        }),
        label: label.to_owned(),
    }
}

/// What the module colours of the view mean (for team and deployment
/// colours, only those of drawn modules).
fn view_group(cx: &Context, modules: &[ModuleShape]) -> LegendGroup {
    let (diagram, deployment, palette) = (cx.diagram, &cx.deployment, &cx.palette);
    match cx.options.view {
        View::Trust => LegendGroup {
            title: "Trust".to_owned(),
            entries: Trust::ALL
                .iter()
                .map(|&t| boxed(trust_colors(palette, t), t.label()))
                .collect(),
        },
        View::Team => {
            let mut used = vec![false; diagram.teams.len()];
            let mut unowned = false;
            for shape in modules {
                match diagram.modules[shape.index]
                    .team
                    .as_ref()
                    .and_then(|t| cx.forest.team(diagram, t.as_str()))
                {
                    Some(t) => used[t] = true,
                    None => unowned = true,
                }
            }
            let mut entries: Vec<LegendEntry> = diagram
                .teams
                .iter()
                .zip(&used)
                .filter(|(_, used)| **used)
                .filter_map(|(team, _)| {
                    let color = Rgba::from_hex(diagram.team_color(team.id.as_str())?)?;
                    Some(boxed(palette.tint(color), &team.name))
                })
                .collect();
            if unowned {
                entries.push(boxed(palette.neutral, "No team"));
            }
            LegendGroup {
                title: "Team".to_owned(),
                entries,
            }
        }
        View::Deployment => {
            let mut used = vec![false; diagram.units.len()];
            let mut unplaced = false;
            for shape in modules {
                match diagram.modules[shape.index]
                    .unit
                    .as_ref()
                    .and_then(|u| cx.forest.unit(u.as_str()))
                {
                    Some(u) => used[deployment.unit[u]] = true,
                    None => unplaced = true,
                }
            }
            let mut entries: Vec<LegendEntry> = (0..diagram.units.len())
                .filter(|&u| used[u])
                .map(|u| {
                    boxed(
                        palette.tint(deployment_color(deployment, u)),
                        &diagram.units[u].name,
                    )
                })
                .collect();
            if unplaced {
                entries.push(boxed(palette.neutral, "Not placed"));
            }
            LegendGroup {
                title: "Deployment unit".to_owned(),
                entries,
            }
        }
    }
}

/// The module shapes (and the third-party tag) and line kinds drawn.
fn kinds_groups(modules: &[ModuleShape], interfaces: &[InterfaceShape]) -> Vec<LegendGroup> {
    let mut groups = Vec::new();
    let mut shapes: Vec<LegendEntry> = ModuleKind::ALL
        .iter()
        .filter(|&&kind| modules.iter().any(|m| m.kind == kind))
        .map(|&kind| LegendEntry {
            sample: Sample::Shape(kind),
            label: kind.label().to_owned(),
        })
        .collect();
    if modules.iter().any(|m| m.mark.is_some()) {
        shapes.push(LegendEntry {
            sample: Sample::ThirdParty,
            label: "Third-party code".to_owned(),
        });
    }
    if !shapes.is_empty() {
        groups.push(LegendGroup {
            title: "Modules".to_owned(),
            entries: shapes,
        });
    }
    let lines: Vec<LegendEntry> = InterfaceKind::ALL
        .iter()
        .filter(|&&kind| interfaces.iter().any(|i| i.kind == kind))
        .map(|&kind| LegendEntry {
            sample: Sample::Line(kind),
            label: kind.label().to_owned(),
        })
        .collect();
    if !lines.is_empty() {
        groups.push(LegendGroup {
            title: "Interfaces".to_owned(),
            entries: lines,
        });
    }
    groups
}

/// The finding colours of the badges drawn, if any.
fn findings_group(palette: &Palette, badges: &[Badge]) -> Option<LegendGroup> {
    if badges.is_empty() {
        return None;
    }
    let mut entries = Vec::new();
    for severity in Severity::WORST_FIRST {
        if badges.iter().any(|b| b.severity == Some(severity)) {
            let color = severity_color(palette, severity);
            entries.push(LegendEntry {
                sample: Sample::Swatch(Swatch {
                    fill: color,
                    stroke: color,
                    round: true,
                }),
                label: capitalized(severity.as_str()),
            });
        }
    }
    if badges.iter().any(|b| b.severity.is_none()) {
        entries.push(LegendEntry {
            sample: Sample::Swatch(Swatch {
                fill: palette.accepted,
                stroke: palette.accepted,
                round: true,
            }),
            label: "Accepted".to_owned(),
        });
    }
    Some(LegendGroup {
        title: "Findings".to_owned(),
        entries,
    })
}

pub(super) fn capitalized(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
