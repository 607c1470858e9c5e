//! The inspector of one module.

use super::{grid, heading, notes, options, push, row, unit_choices};
use crate::edit::ops::{self, fitting_module_kinds};
use crate::edit::{ElementRef, geometry};
use crate::model::{
    Diagram, Load, Module, ModuleKind, Reliability, Startup, TeamId, Trust, UnitId,
};
use crate::ui::actions::Action;
use crate::ui::tool::THIRD_PARTY_MEANING;
use crate::ui::widgets::{choice, committed_text};
use egui::{RichText, Ui};

pub(super) fn module_ui(
    ui: &mut Ui,
    diagram: &Diagram,
    module: &Module,
    actions: &mut Vec<Action>,
) {
    let id = module.id.as_str();
    heading(ui, "Module", id);
    let update = |actions: &mut Vec<Action>, label: &str, change: Box<dyn FnOnce(&mut Module)>| {
        push(actions, ops::update_module(diagram, id, change), label);
    };
    grid(ui, "module-fields", |ui| {
        module_identity_rows(ui, diagram, module, actions);
        row(ui, "Unit", |ui| {
            if module.kind == ModuleKind::External {
                ui.label(RichText::new("outside the system").weak())
                    .on_hover_text("External modules are never placed in a unit");
            } else {
                let mut units: Vec<(Option<UnitId>, String)> =
                    vec![(None, "Not placed".to_owned())];
                units.extend(unit_choices(diagram, |_| false));
                if let Some(unit) = choice(ui, "Unit", ("unit", id), &module.unit, &units) {
                    push(
                        actions,
                        geometry::place_module(diagram, id, unit.as_ref()),
                        "Move to unit",
                    );
                }
            }
        });
        crate::ui::placement_ui::show_linked_library_note(ui, diagram, module);
        module_operation_rows(ui, diagram, module, actions);
    });
    notes(ui, id, &module.notes, |notes| {
        update(actions, "Edit notes", Box::new(move |m| m.notes = notes));
    });
    ui.add_space(8.0);
    ui.horizontal_wrapped(|ui| {
        let connected = diagram
            .interfaces
            .iter()
            .filter(|f| f.from == module.id || f.to == module.id)
            .count();
        ui.label(
            RichText::new(format!(
                "{connected} interface{}",
                if connected == 1 { "" } else { "s" }
            ))
            .weak(),
        );
    });
}

/// The module's name, kind, trust, zone, origin and team.
fn module_identity_rows(
    ui: &mut Ui,
    diagram: &Diagram,
    module: &Module,
    actions: &mut Vec<Action>,
) {
    let id = module.id.as_str();
    let update = |actions: &mut Vec<Action>, label: &str, change: Box<dyn FnOnce(&mut Module)>| {
        push(actions, ops::update_module(diagram, id, change), label);
    };
    row(ui, "Name", |ui| {
        if let Some(name) = committed_text(ui, ("name", id), &module.name, false, "Name") {
            push(
                actions,
                Ok(ops::rename(
                    diagram,
                    &ElementRef::Module(module.id.clone()),
                    &name,
                )),
                "Rename module",
            );
        }
    });
    row(ui, "Kind", |ui| {
        let fitting = fitting_module_kinds(diagram, id);
        let kinds: Vec<(ModuleKind, String)> =
            fitting.iter().map(|&k| (k, k.label().to_owned())).collect();
        if let Some(kind) = choice(ui, "Kind", ("kind", id), &module.kind, &kinds) {
            update(actions, "Change kind", Box::new(move |m| m.kind = kind));
        }
    });
    row(ui, "Trust", |ui| {
        if let Some(trust) = choice(
            ui,
            "Trust",
            ("trust", id),
            &module.trust,
            &options(Trust::ALL, |t| t.label().to_owned()),
        ) {
            update(actions, "Change trust", Box::new(move |m| m.trust = trust));
        }
    });
    row(ui, "Zone", |ui| {
        let current = module.zone.clone().unwrap_or_default();
        if let Some(zone) = committed_text(
            ui,
            ("zone", id),
            &current,
            false,
            "none (shared with its trust level)",
        ) {
            let zone = zone.trim().to_owned();
            update(
                actions,
                "Change zone",
                Box::new(move |m| m.zone = (!zone.is_empty()).then_some(zone)),
            );
        }
    });
    row(ui, "Origin", |ui| {
        let mut third_party = module.third_party;
        let response = ui
            .checkbox(&mut third_party, "Third-party code")
            .on_hover_text(THIRD_PARTY_MEANING);
        if response.changed() {
            update(
                actions,
                if third_party {
                    "Mark as third-party code"
                } else {
                    "Mark as own code"
                },
                Box::new(move |m| m.third_party = third_party),
            );
        }
    });
    row(ui, "Team", |ui| {
        let mut teams: Vec<(Option<TeamId>, String)> = vec![(None, "No team".to_owned())];
        teams.extend(
            diagram
                .teams
                .iter()
                .map(|t| (Some(t.id.clone()), t.name.clone())),
        );
        if let Some(team) = choice(ui, "Team", ("team", id), &module.team, &teams) {
            update(actions, "Change team", Box::new(move |m| m.team = team));
        }
    });
}

/// How the module behaves when deployed: reliability, startup, load.
fn module_operation_rows(
    ui: &mut Ui,
    diagram: &Diagram,
    module: &Module,
    actions: &mut Vec<Action>,
) {
    let id = module.id.as_str();
    let update = |actions: &mut Vec<Action>, label: &str, change: Box<dyn FnOnce(&mut Module)>| {
        push(actions, ops::update_module(diagram, id, change), label);
    };
    row(ui, "Reliability", |ui| {
        let mut levels: Vec<(Option<Reliability>, String)> = vec![(None, "Not set".to_owned())];
        levels.extend(
            Reliability::ALL
                .iter()
                .map(|&r| (Some(r), r.label().to_owned())),
        );
        if let Some(reliability) = choice(
            ui,
            "Reliability",
            ("reliability", id),
            &module.reliability,
            &levels,
        ) {
            update(
                actions,
                "Change reliability",
                Box::new(move |m| m.reliability = reliability),
            );
        }
    });
    row(ui, "Startup", |ui| {
        if let Some(startup) = choice(
            ui,
            "Startup",
            ("startup", id),
            &module.startup,
            &options(Startup::ALL, |s| s.label().to_owned()),
        ) {
            update(
                actions,
                "Change startup",
                Box::new(move |m| m.startup = startup),
            );
        }
    });
    row(ui, "Load", |ui| {
        if let Some(load) = choice(
            ui,
            "Load",
            ("load", id),
            &module.load,
            &options(Load::ALL, |l| l.label().to_owned()),
        ) {
            update(actions, "Change load", Box::new(move |m| m.load = load));
        }
    });
}
