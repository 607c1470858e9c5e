//! The inspector: every field of the selected element, each change one
//! undoable edit. With nothing selected it shows the diagram's own fields
//! and the teams editor.

use super::actions::Action;
use super::command::Command;
use super::open_diagram::OpenDiagram;
use super::tool::kind_meaning;
use super::view::ViewState;
use super::widgets::{choice, choice_explained, committed_text};
use crate::edit::ops::{self, fitting_kinds};
use crate::edit::{Edit, EditError, ElementRef, geometry};
use crate::model::{Diagram, Forest, Interface, InterfaceKind, Isolation, Release, Unit, UnitId};
use egui::{RichText, Ui};
use std::collections::HashMap;

mod module;

use module::module_ui;

/// Pushes the result of an edit builder as one undoable step.
fn push(actions: &mut Vec<Action>, result: Result<Edit, EditError>, label: &str) {
    match result {
        Ok(edit) => actions.push(Action::Apply {
            edit,
            label: label.to_owned(),
            select: None,
        }),
        Err(error) => actions.push(Action::Message(error.to_string())),
    }
}

/// Width of the field names on the left.
const LABEL_WIDTH: f32 = 82.0;

/// One field: its name on the left, the editor filling the rest of the row.
fn row(ui: &mut Ui, label: &str, add: impl FnOnce(&mut Ui)) {
    ui.horizontal(|ui| {
        let height = ui.spacing().interact_size.y;
        ui.allocate_ui_with_layout(
            egui::vec2(LABEL_WIDTH, height),
            egui::Layout::left_to_right(egui::Align::Center),
            |ui| {
                ui.set_min_width(LABEL_WIDTH);
                ui.add(egui::Label::new(RichText::new(label).weak()).truncate());
            },
        );
        add(ui);
    });
}

/// A group of rows (the id only documents which group it is).
fn grid(ui: &mut Ui, _id: &str, add: impl FnOnce(&mut Ui)) {
    ui.spacing_mut().item_spacing.y = 6.0;
    add(ui);
}

fn options<T: Copy>(all: &[T], label: impl Fn(T) -> String) -> Vec<(T, String)> {
    all.iter().map(|&v| (v, label(v))).collect()
}

/// Shows the inspector.
pub fn show(ui: &mut Ui, document: &OpenDiagram, view: &ViewState, actions: &mut Vec<Action>) {
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.add_space(6.0);
            let diagram = &document.diagram;
            match view.single() {
                Some(ElementRef::Module(id)) => {
                    // Through the revision's forest: no pass over every
                    // module or line in a frame.
                    let forest = document.forest();
                    if let Some(m) = forest.module(id.as_str()) {
                        module_ui(ui, diagram, &forest, m, actions);
                    }
                }
                Some(ElementRef::Unit(id)) => {
                    if let Some(unit) = diagram.unit(id.as_str()) {
                        unit_ui(ui, diagram, unit, actions);
                    }
                }
                Some(ElementRef::Interface(id)) => {
                    if let Some(interface) = diagram.interface(id.as_str()) {
                        interface_ui(ui, diagram, interface, actions);
                    }
                }
                None if view.selection.is_empty() => diagram_ui(ui, diagram, actions),
                None => several_ui(ui, diagram, &document.forest(), view, actions),
            }
            if let Some(element) = view.single() {
                findings_of(ui, document, element.id(), actions);
            }
        });
}

fn heading(ui: &mut Ui, kind: &str, id: &str) {
    ui.horizontal(|ui| {
        ui.heading(kind);
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            ui.label(RichText::new(id).monospace().weak())
                .on_hover_text("The id: stable, unique, used in the file and in finding ids");
        });
    });
    ui.separator();
}

/// Units as (id, indented name) in tree order, leaving out those for which
/// `skip` is true and everything inside them.
fn unit_choices(diagram: &Diagram, skip: impl Fn(&Unit) -> bool) -> Vec<(Option<UnitId>, String)> {
    let mut children: HashMap<Option<&str>, Vec<&Unit>> = HashMap::new();
    for unit in &diagram.units {
        children
            .entry(unit.parent.as_ref().map(UnitId::as_str))
            .or_default()
            .push(unit);
    }
    let mut out = Vec::new();
    // Depth-first, children in file order; validation rules out cycles.
    let mut stack: Vec<(&Unit, usize)> = children
        .get(&None)
        .into_iter()
        .flatten()
        .rev()
        .map(|u| (*u, 0))
        .collect();
    while let Some((unit, depth)) = stack.pop() {
        if skip(unit) {
            continue;
        }
        out.push((
            Some(unit.id.clone()),
            format!(
                "{}{} ({})",
                "    ".repeat(depth),
                unit.name,
                unit.isolation.label()
            ),
        ));
        if let Some(kids) = children.get(&Some(unit.id.as_str())) {
            stack.extend(kids.iter().rev().map(|u| (*u, depth + 1)));
        }
    }
    out
}

fn unit_ui(ui: &mut Ui, diagram: &Diagram, unit: &Unit, actions: &mut Vec<Action>) {
    let id = unit.id.as_str();
    heading(ui, "Unit", id);
    let update = |actions: &mut Vec<Action>, label: &str, change: Box<dyn FnOnce(&mut Unit)>| {
        push(actions, ops::update_unit(diagram, id, change), label);
    };
    grid(ui, "unit-fields", |ui| {
        row(ui, "Name", |ui| {
            if let Some(name) = committed_text(ui, ("name", id), &unit.name, false, "Name") {
                push(
                    actions,
                    Ok(ops::rename(
                        diagram,
                        &ElementRef::Unit(unit.id.clone()),
                        &name,
                    )),
                    "Rename unit",
                );
            }
        });
        row(ui, "Isolation", |ui| {
            let strong = diagram.settings.strong_isolation;
            let levels = options(Isolation::ALL, |i| {
                if i >= strong {
                    format!("{} (strong)", i.label())
                } else {
                    format!("{} (weak)", i.label())
                }
            });
            if let Some(isolation) =
                choice(ui, "Isolation", ("isolation", id), &unit.isolation, &levels)
            {
                update(
                    actions,
                    "Change isolation",
                    Box::new(move |u| u.isolation = isolation),
                );
            }
        });
        row(ui, "Parent", |ui| {
            let mut parents: Vec<(Option<UnitId>, String)> =
                vec![(None, "None (a root unit)".to_owned())];
            parents.extend(unit_choices(diagram, |u| u.id.as_str() == id));
            if let Some(parent) = choice(ui, "Parent", ("parent", id), &unit.parent, &parents) {
                push(
                    actions,
                    geometry::place_unit(diagram, id, parent.as_ref()),
                    "Move unit",
                );
            }
        });
        row(ui, "Release", |ui| {
            if let Some(release) = choice(
                ui,
                "Release",
                ("release", id),
                &unit.release,
                &options(Release::ALL, |r| r.label().to_owned()),
            ) {
                update(
                    actions,
                    "Change release",
                    Box::new(move |u| u.release = release),
                );
            }
        });
    });
    ui.label(RichText::new(release_hint(unit.release)).weak().small());
    notes(ui, id, &unit.notes, |notes| {
        update(actions, "Edit notes", Box::new(move |u| u.notes = notes));
    });
}

fn release_hint(release: Release) -> &'static str {
    match release {
        Release::Own => "Deployed on its own: a service.",
        Release::WithParent => {
            "Ships as part of its parent unit's release (like Chrome's renderer processes)."
        }
        Release::Managed => {
            "A service you use but do not deploy (a cloud database, a queue service)."
        }
    }
}

fn interface_ui(ui: &mut Ui, diagram: &Diagram, interface: &Interface, actions: &mut Vec<Action>) {
    let id = interface.id.as_str();
    heading(ui, "Interface", id);
    let update =
        |actions: &mut Vec<Action>, label: &str, change: Box<dyn FnOnce(&mut Interface)>| {
            push(actions, ops::update_interface(diagram, id, change), label);
        };
    grid(ui, "interface-fields", |ui| {
        row(ui, "From", |ui| {
            let name = diagram.name_of(interface.from.as_str()).to_owned();
            if ui.link(name).on_hover_text("Select this module").clicked() {
                actions.push(Action::Select(vec![ElementRef::Module(
                    interface.from.clone(),
                )]));
            }
        });
        row(ui, "To", |ui| {
            let name = diagram.name_of(interface.to.as_str()).to_owned();
            if ui.link(name).on_hover_text("Select this module").clicked() {
                actions.push(Action::Select(vec![ElementRef::Module(
                    interface.to.clone(),
                )]));
            }
        });
        row(ui, "Kind", |ui| {
            let kinds: Vec<(InterfaceKind, String)> =
                fitting_kinds(diagram, interface.from.as_str(), interface.to.as_str())
                    .into_iter()
                    .map(|k| (k, k.label().to_owned()))
                    .collect();
            if let Some(kind) =
                choice_explained(ui, "Kind", ("kind", id), &interface.kind, &kinds, |&k| {
                    Some(kind_meaning(k))
                })
            {
                update(
                    actions,
                    "Change interface kind",
                    Box::new(move |f| f.kind = kind),
                );
            }
        });
        row(ui, "Label", |ui| {
            if let Some(label) = committed_text(
                ui,
                ("label", id),
                &interface.label,
                false,
                "e.g. POST /photos",
            ) {
                push(
                    actions,
                    Ok(ops::rename(
                        diagram,
                        &ElementRef::Interface(interface.id.clone()),
                        &label,
                    )),
                    "Change label",
                );
            }
        });
        row(ui, "Versioned", |ui| {
            let mut versioned = interface.versioned;
            if ui
                .checkbox(&mut versioned, "old and new ends can talk")
                .changed()
            {
                update(
                    actions,
                    "Change versioned",
                    Box::new(move |f| f.versioned = versioned),
                );
            }
        });
    });
    ui.add(egui::Label::new(RichText::new(kind_meaning(interface.kind)).weak().small()).wrap());
    notes(ui, id, &interface.notes, |notes| {
        update(actions, "Edit notes", Box::new(move |f| f.notes = notes));
    });
    ui.add_space(6.0);
    let reversible = ops::reverse(diagram, id).is_ok();
    if ui
        .add_enabled(reversible, egui::Button::new("Reverse direction"))
        .on_disabled_hover_text("Its kind only fits this way round")
        .clicked()
    {
        actions.push(Command::Reverse.into());
    }
    if ui
        .add_enabled(
            !interface.points.is_empty(),
            egui::Button::new("Straighten line"),
        )
        .on_hover_text("Drop the bends: run straight from box to box")
        .on_disabled_hover_text("It already runs straight")
        .clicked()
    {
        actions.push(Command::Straighten.into());
    }
}

fn notes(ui: &mut Ui, id: &str, current: &str, on_change: impl FnOnce(String)) {
    ui.add_space(6.0);
    ui.label(RichText::new("Notes").weak());
    if let Some(notes) = committed_text(ui, ("notes", id), current, true, "Anything worth knowing")
    {
        on_change(notes);
    }
}

fn several_ui(
    ui: &mut Ui,
    diagram: &Diagram,
    forest: &Forest,
    view: &ViewState,
    actions: &mut Vec<Action>,
) {
    ui.heading(format!(
        "{} selected",
        super::widgets::count(view.selection.len(), "element")
    ));
    ui.separator();
    let count = |f: fn(&ElementRef) -> bool| view.selection.iter().filter(|e| f(e)).count();
    ui.label(format!(
        "{} · {} · {}",
        super::widgets::count(count(|e| matches!(e, ElementRef::Module(_))), "module"),
        super::widgets::count(count(|e| matches!(e, ElementRef::Unit(_))), "unit"),
        super::widgets::count(
            count(|e| matches!(e, ElementRef::Interface(_))),
            "interface"
        ),
    ));
    ui.add_space(6.0);
    ui.horizontal_wrapped(|ui| {
        for command in [Command::Duplicate, Command::Delete, Command::FitSelection] {
            if ui.button(command.label()).clicked() {
                actions.push(command.into());
            }
        }
    });
    super::multi_inspector_ui::shared_fields(ui, diagram, forest, &view.selected(), actions);
}

fn diagram_ui(ui: &mut Ui, diagram: &Diagram, actions: &mut Vec<Action>) {
    ui.heading("Diagram");
    ui.separator();
    grid(ui, "diagram-fields", |ui| {
        row(ui, "Title", |ui| {
            if let Some(title) =
                committed_text(ui, "diagram-title", &diagram.title, false, "Untitled")
            {
                actions.push(Action::Apply {
                    edit: Edit::SetTitle(title.trim().to_owned()),
                    label: "Change title".to_owned(),
                    select: None,
                });
            }
        });
        row(ui, "Strong from", |ui| {
            let current = diagram.settings.strong_isolation;
            if let Some(level) = choice(
                ui,
                "Strong isolation from",
                "strong-isolation",
                &current,
                &options(Isolation::ALL, |i| i.label().to_owned()),
            ) {
                let mut settings = diagram.settings.clone();
                settings.strong_isolation = level;
                actions.push(Action::Apply {
                    edit: Edit::SetSettings(settings),
                    label: "Change strong isolation".to_owned(),
                    select: None,
                });
            }
        });
    });
    ui.label(
        RichText::new("The weakest isolation that holds across an untrustworthy boundary.")
            .weak()
            .small(),
    );
    ui.add_space(4.0);
    ui.label(format!(
        "{} · {} · {}",
        super::widgets::count(diagram.modules.len(), "module"),
        super::widgets::count(diagram.units.len(), "unit"),
        super::widgets::count(diagram.interfaces.len(), "interface"),
    ));
    ui.add_space(12.0);
    ui.heading("Teams");
    ui.separator();
    super::dialogs::teams_editor(ui, diagram, actions);
    ui.add_space(12.0);
    ui.label(RichText::new("Select a module, unit or interface to edit it.").weak());
}

fn findings_of(ui: &mut Ui, document: &OpenDiagram, id: &str, actions: &mut Vec<Action>) {
    let report = document.last_report();
    let findings: Vec<_> = report.for_element(id).collect();
    if findings.is_empty() {
        return;
    }
    ui.add_space(12.0);
    ui.label(RichText::new(format!("Findings ({})", findings.len())).strong());
    for finding in findings {
        // Clicking one also opens it in the findings panel, explained.
        if super::findings_ui::finding_row(ui, document, finding, actions) {
            actions.push(Action::FocusFinding(finding.id.clone()));
        }
    }
}
