//! Hints about placement that the picture alone does not tell: a unit
//! drawn around boxes that are not in it (with a one-click "Place
//! inside"), and a placed library that still runs in its linkers'
//! processes.

use super::actions::Action;
use super::open_diagram::OpenDiagram;
use super::view::ViewState;
use super::widgets::count;
use crate::edit::ElementRef;
use crate::edit::place_inside::{place_inside, strays};
use crate::model::{Diagram, InterfaceKind, Module, ModuleKind};
use egui::{Align2, RichText, Ui, Vec2};

/// The hint's sentence for `n` strays of the unit named `unit`.
#[must_use]
pub fn strays_text(unit: &str, n: usize) -> String {
    let what = count(n, "box");
    let verb = if n == 1 { "is" } else { "are" };
    format!("{what} {verb} drawn inside “{unit}” but not placed in it")
}

/// Shows, at the top of `canvas_rect`, the hint for the one selected unit
/// when boxes are drawn inside it that the model does not put in it, with
/// a "Place inside" button that re-parents them (one undoable step).
pub fn strays_hint(
    ui: &Ui,
    canvas_rect: egui::Rect,
    document: &OpenDiagram,
    view: &ViewState,
    dragging: bool,
    actions: &mut Vec<Action>,
) {
    if dragging {
        return;
    }
    let Some(ElementRef::Unit(id)) = view.single() else {
        return;
    };
    let diagram = &document.diagram;
    let Some(unit) = diagram.unit(id.as_str()) else {
        return;
    };
    let strays = strays(diagram, id.as_str());
    if strays.is_empty() {
        return;
    }
    egui::Area::new(egui::Id::unique("strays-hint"))
        .order(egui::Order::Foreground)
        .pivot(Align2::CENTER_TOP)
        .fixed_pos(canvas_rect.center_top() + Vec2::new(0.0, 8.0))
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.label(strays_text(&unit.name, strays.len()));
                    if ui
                        .button("Place inside")
                        .on_hover_text(
                            "Put them in this unit where they are drawn (one step, undoable)",
                        )
                        .clicked()
                    {
                        match place_inside(diagram, id.as_str()) {
                            Ok(edit) => actions.push(Action::Apply {
                                edit,
                                label: format!("Place inside {}", unit.name),
                                select: None,
                            }),
                            Err(error) => actions.push(Action::Message(error.to_string())),
                        }
                    }
                });
            });
        });
}

/// The modules that link `library` into themselves, by name.
fn linkers<'d>(diagram: &'d Diagram, library: &Module) -> Vec<&'d str> {
    diagram
        .interfaces
        .iter()
        .filter(|f| f.kind == InterfaceKind::Link && f.to == library.id)
        .filter_map(|f| diagram.module(f.from.as_str()))
        .map(|m| m.name.as_str())
        .collect()
}

/// For a library placed in a unit and linked by other modules: it runs in
/// its linkers' processes whatever unit it is drawn in, and how to isolate
/// it. `None` when that does not apply.
#[must_use]
pub fn linked_library_note(diagram: &Diagram, module: &Module) -> Option<String> {
    if module.kind != ModuleKind::Library {
        return None;
    }
    let unit = diagram.unit(module.unit.as_ref()?.as_str())?;
    let linkers = linkers(diagram, module);
    if linkers.is_empty() {
        return None;
    }
    Some(format!(
        "Linked into {}: a library runs inside the process of each module that links it, so \
         placing it in “{}” does not isolate it. To isolate it, call it over an interface \
         (RPC or queue) instead of linking it.",
        linkers.join(", "),
        unit.name
    ))
}

/// Shows [`linked_library_note`] in the inspector, when it applies.
pub fn show_linked_library_note(ui: &mut Ui, diagram: &Diagram, module: &Module) {
    if let Some(note) = linked_library_note(diagram, module) {
        ui.add_space(6.0);
        ui.add(egui::Label::new(RichText::new(note).small()).wrap());
    }
}
