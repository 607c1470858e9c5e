//! The inspector of one module.

use super::{grid, heading, notes, options, push, row, unit_choices};
use crate::edit::ops::{self, fitting_module_kinds};
use crate::edit::{ElementRef, geometry};
use crate::model::{
    Diagram, Forest, Load, Module, ModuleKind, Reliability, Startup, TeamId, Trust, UnitId,
};
use crate::ui::actions::Action;
use crate::ui::tool::THIRD_PARTY_MEANING;
use crate::ui::widgets::{choice, committed_text, count};
use egui::{RichText, Ui};

/// One module's inspector: the module being shown and where its edits go.
struct Fields<'a> {
    diagram: &'a Diagram,
    forest: &'a Forest,
    module: &'a Module,
}

impl Fields<'_> {
    fn id(&self) -> &str {
        self.module.id.as_str()
    }

    /// Pushes `change` to the module as one undoable step called `label`.
    fn update(
        &self,
        actions: &mut Vec<Action>,
        label: &str,
        change: impl FnOnce(&mut Module) + 'static,
    ) {
        let edit = ops::update_module(self.diagram, self.id(), Box::new(change));
        push(actions, edit, label);
    }

    /// A row choosing one of `choices` for the field `name` (currently
    /// `current`), set by `set`; the step is called "Change name".
    fn choice_row<T: PartialEq + Clone + 'static>(
        &self,
        ui: &mut Ui,
        name: &str,
        current: &T,
        choices: &[(T, String)],
        set: fn(&mut Module, T),
        actions: &mut Vec<Action>,
    ) {
        row(ui, name, |ui| {
            let salt = (name.to_lowercase(), self.id());
            if let Some(value) = choice(ui, name, salt, current, choices) {
                let label = format!("Change {}", name.to_lowercase());
                self.update(actions, &label, move |m| set(m, value));
            }
        });
    }
}

/// The fields of module `m` (a position; `forest` is `diagram`'s).
pub(super) fn module_ui(
    ui: &mut Ui,
    diagram: &Diagram,
    forest: &Forest,
    m: usize,
    actions: &mut Vec<Action>,
) {
    let module = &diagram.modules[m];
    let lines = forest.interfaces_at(m).len();
    let fields = Fields {
        diagram,
        forest,
        module,
    };
    let id = fields.id();
    heading(ui, "Module", id);
    grid(ui, "module-fields", |ui| {
        identity_rows(ui, &fields, actions);
        unit_row(ui, &fields, actions);
        crate::ui::placement_ui::show_linked_library_note(ui, diagram, module);
        operation_rows(ui, &fields, actions);
    });
    notes(ui, id, &module.notes, |notes| {
        fields.update(actions, "Edit notes", move |m| m.notes = notes);
    });
    ui.add_space(8.0);
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(count(lines, "interface")).weak());
    });
}

/// The module's name, kind, trust, zone, origin and team.
fn identity_rows(ui: &mut Ui, fields: &Fields<'_>, actions: &mut Vec<Action>) {
    let Fields {
        diagram, module, ..
    } = *fields;
    let id = fields.id();
    row(ui, "Name", |ui| {
        if let Some(name) = committed_text(ui, ("name", id), &module.name, false, "Name") {
            let element = ElementRef::Module(module.id.clone());
            push(
                actions,
                Ok(ops::rename(diagram, &element, &name)),
                "Rename module",
            );
        }
    });
    let kinds: Vec<(ModuleKind, String)> = fitting_module_kinds(diagram, fields.forest, id)
        .iter()
        .map(|&k| (k, k.label().to_owned()))
        .collect();
    fields.choice_row(ui, "Kind", &module.kind, &kinds, |m, k| m.kind = k, actions);
    let trusts = options(Trust::ALL, |t| t.label().to_owned());
    fields.choice_row(
        ui,
        "Trust",
        &module.trust,
        &trusts,
        |m, t| m.trust = t,
        actions,
    );
    row(ui, "Zone", |ui| {
        let current = module.zone.clone().unwrap_or_default();
        let hint = "none (shared with its trust level)";
        if let Some(zone) = committed_text(ui, ("zone", id), &current, false, hint) {
            let zone = zone.trim().to_owned();
            fields.update(actions, "Change zone", move |m| {
                m.zone = (!zone.is_empty()).then_some(zone);
            });
        }
    });
    row(ui, "Origin", |ui| {
        let mut third_party = module.third_party;
        let response = ui
            .checkbox(&mut third_party, "Third-party code")
            .on_hover_text(THIRD_PARTY_MEANING);
        if response.changed() {
            let label = if third_party {
                "Mark as third-party code"
            } else {
                "Mark as own code"
            };
            fields.update(actions, label, move |m| m.third_party = third_party);
        }
    });
    let mut teams: Vec<(Option<TeamId>, String)> = vec![(None, "No team".to_owned())];
    teams.extend(
        diagram
            .teams
            .iter()
            .map(|t| (Some(t.id.clone()), t.name.clone())),
    );
    fields.choice_row(ui, "Team", &module.team, &teams, |m, t| m.team = t, actions);
}

/// The unit the module is placed in (External modules never are).
fn unit_row(ui: &mut Ui, fields: &Fields<'_>, actions: &mut Vec<Action>) {
    let Fields {
        diagram, module, ..
    } = *fields;
    let id = fields.id();
    row(ui, "Unit", |ui| {
        if module.kind == ModuleKind::External {
            ui.label(RichText::new("outside the system").weak())
                .on_hover_text("External modules are never placed in a unit");
            return;
        }
        let mut units: Vec<(Option<UnitId>, String)> = vec![(None, "Not placed".to_owned())];
        units.extend(unit_choices(diagram, |_| false));
        if let Some(unit) = choice(ui, "Unit", ("unit", id), &module.unit, &units) {
            push(
                actions,
                geometry::place_module(diagram, id, unit.as_ref()),
                "Move to unit",
            );
        }
    });
}

/// How the module behaves when deployed: reliability, startup, load.
fn operation_rows(ui: &mut Ui, fields: &Fields<'_>, actions: &mut Vec<Action>) {
    let module = fields.module;
    let mut levels: Vec<(Option<Reliability>, String)> = vec![(None, "Not set".to_owned())];
    levels.extend(
        Reliability::ALL
            .iter()
            .map(|&r| (Some(r), r.label().to_owned())),
    );
    let set_reliability = |m: &mut Module, r| m.reliability = r;
    fields.choice_row(
        ui,
        "Reliability",
        &module.reliability,
        &levels,
        set_reliability,
        actions,
    );
    let startups = options(Startup::ALL, |s| s.label().to_owned());
    fields.choice_row(
        ui,
        "Startup",
        &module.startup,
        &startups,
        |m, s| m.startup = s,
        actions,
    );
    let loads = options(Load::ALL, |l| l.label().to_owned());
    fields.choice_row(ui, "Load", &module.load, &loads, |m, l| m.load = l, actions);
}
