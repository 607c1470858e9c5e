//! The inspector for several selected modules: the properties they share
//! (trust, zone, team, kind where it fits every one, third-party), each
//! change one undoable step for all of them. A property on which they
//! differ shows "—".

use super::actions::Action;
use super::widgets::{choice, committed_text};
use crate::edit::ops::{fitting_module_kinds, update_module};
use crate::edit::{Edit, ElementRef};
use crate::model::{Diagram, Forest, Module, ModuleKind, TeamId, Trust};
use egui::{RichText, Ui};

/// What the selected modules have in common for one property: `Some` when
/// every one has the same value.
fn shared<T: PartialEq + Clone>(modules: &[&Module], value: impl Fn(&Module) -> T) -> Option<T> {
    let first = value(modules.first()?);
    modules.iter().all(|m| value(m) == first).then_some(first)
}

/// The options of a choice over `values`, with "—" standing for mixed.
fn with_mixed<T: Clone>(values: Vec<(T, String)>) -> Vec<(Option<T>, String)> {
    std::iter::once((None, "—".to_owned()))
        .chain(values.into_iter().map(|(v, label)| (Some(v), label)))
        .collect()
}

/// Pushes `change` applied to every module in `modules` as one step.
fn update_all(
    diagram: &Diagram,
    modules: &[&Module],
    label: &str,
    change: impl Fn(&mut Module),
    actions: &mut Vec<Action>,
) {
    let mut edits = Vec::new();
    for module in modules {
        match update_module(diagram, module.id.as_str(), &change) {
            Ok(edit) => edits.push(edit),
            Err(error) => {
                actions.push(Action::Message(error.to_string()));
                return;
            }
        }
    }
    actions.push(Action::Apply {
        edit: Edit::Batch(edits),
        label: label.to_owned(),
        select: None,
    });
}

/// Shows the shared properties of the modules in `selection` (nothing when
/// fewer than two modules are selected).
pub fn shared_fields(
    ui: &mut Ui,
    diagram: &Diagram,
    forest: &Forest,
    selection: &[ElementRef],
    actions: &mut Vec<Action>,
) {
    let modules: Vec<&Module> = selection
        .iter()
        .filter_map(|e| match e {
            ElementRef::Module(id) => forest.module(id.as_str()).map(|m| &diagram.modules[m]),
            _ => None,
        })
        .collect();
    if modules.len() < 2 {
        return;
    }
    ui.add_space(8.0);
    ui.label(RichText::new(format!("Shared by the {} modules", modules.len())).strong());
    egui::Grid::new("shared-module-fields")
        .num_columns(2)
        .spacing([8.0, 6.0])
        .show(ui, |ui| {
            trust_and_kind(ui, diagram, forest, &modules, actions);
            zone_team_and_origin(ui, diagram, &modules, actions);
        });
}

/// The Trust row, and the Kind row when more than one kind fits them all.
fn trust_and_kind(
    ui: &mut Ui,
    diagram: &Diagram,
    forest: &Forest,
    modules: &[&Module],
    actions: &mut Vec<Action>,
) {
    ui.label(RichText::new("Trust").weak());
    let trust = shared(modules, |m| m.trust);
    let options = with_mixed(
        Trust::ALL
            .iter()
            .map(|t| (*t, t.label().to_owned()))
            .collect(),
    );
    if let Some(Some(trust)) = choice(
        ui,
        "Trust of the selection",
        "shared-trust",
        &trust,
        &options,
    ) {
        update_all(
            diagram,
            modules,
            "Change trust",
            move |m| m.trust = trust,
            actions,
        );
    }
    ui.end_row();

    let mut kinds: Vec<ModuleKind> = ModuleKind::ALL.to_vec();
    for module in modules {
        let fitting = fitting_module_kinds(diagram, forest, module.id.as_str());
        kinds.retain(|k| fitting.contains(k));
    }
    if kinds.len() > 1 {
        ui.label(RichText::new("Kind").weak());
        let kind = shared(modules, |m| m.kind);
        let options = with_mixed(kinds.iter().map(|k| (*k, k.label().to_owned())).collect());
        if let Some(Some(kind)) =
            choice(ui, "Kind of the selection", "shared-kind", &kind, &options)
        {
            update_all(
                diagram,
                modules,
                "Change kind",
                move |m| m.kind = kind,
                actions,
            );
        }
        ui.end_row();
    }
}

/// The Zone, Team and Origin rows.
fn zone_team_and_origin(
    ui: &mut Ui,
    diagram: &Diagram,
    modules: &[&Module],
    actions: &mut Vec<Action>,
) {
    ui.label(RichText::new("Zone").weak());
    let zone = shared(modules, |m| m.zone.clone());
    let (current, hint) = match &zone {
        Some(zone) => (zone.clone().unwrap_or_default(), "none"),
        None => (String::new(), "—"),
    };
    if let Some(text) = committed_text(ui, "shared-zone", &current, false, hint) {
        let text = text.trim().to_owned();
        update_all(
            diagram,
            modules,
            "Change zone",
            move |m| m.zone = (!text.is_empty()).then(|| text.clone()),
            actions,
        );
    }
    ui.end_row();

    ui.label(RichText::new("Team").weak());
    let team = shared(modules, |m| m.team.clone());
    let teams: Vec<(Option<TeamId>, String)> = std::iter::once((None, "No team".to_owned()))
        .chain(
            diagram
                .teams
                .iter()
                .map(|t| (Some(t.id.clone()), t.name.clone())),
        )
        .collect();
    if let Some(Some(team)) = choice(
        ui,
        "Team of the selection",
        "shared-team",
        &team,
        &with_mixed(teams),
    ) {
        update_all(
            diagram,
            modules,
            "Change team",
            move |m| m.team.clone_from(&team),
            actions,
        );
    }
    ui.end_row();

    ui.label(RichText::new("Origin").weak());
    let third_party = shared(modules, |m| m.third_party);
    let mut ticked = third_party.unwrap_or(false);
    let response = ui.add(
        egui::Checkbox::new(&mut ticked, "Third-party code").indeterminate(third_party.is_none()),
    );
    if response.changed() {
        let label = if ticked {
            "Mark as third-party code"
        } else {
            "Mark as own code"
        };
        update_all(
            diagram,
            modules,
            label,
            move |m| m.third_party = ticked,
            actions,
        );
    }
    ui.end_row();
}
