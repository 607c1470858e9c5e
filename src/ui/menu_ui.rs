//! The menu bar: File, Edit, View, Diagram, Help. Entries, labels and
//! shortcuts come from [`Command`].

use super::actions::Action;
use super::command::Command;
use super::open_diagram::OpenDiagram;
use super::view::ViewState;
use crate::edit::ElementRef;
use egui::{Button, Ui};

/// Whether `command` can run now, and whether it shows as switched on.
fn state(command: Command, document: &OpenDiagram, view: &ViewState) -> (bool, Option<bool>) {
    let has_selection = !view.selection.is_empty();
    let has_boxes = view
        .selection
        .iter()
        .any(|e| !matches!(e, ElementRef::Interface(_)));
    match command {
        Command::Undo => (document.history.can_undo(), None),
        Command::Redo => (document.history.can_redo(), None),
        Command::Cut | Command::Copy | Command::Duplicate => (has_boxes, None),
        Command::Delete | Command::FitSelection => (has_selection, None),
        Command::Rename => (view.single().is_some(), None),
        Command::Reverse => (
            view.selection
                .iter()
                .any(|e| matches!(e, ElementRef::Interface(_))),
            None,
        ),
        Command::Straighten => (
            view.selection.iter().any(|e| {
                matches!(e, ElementRef::Interface(id)
                    if document.diagram.interface(id.as_str()).is_some_and(|f| !f.points.is_empty()))
            }),
            None,
        ),
        Command::Align(_) => (boxes(document, view) >= 2, None),
        Command::Distribute(_) => (boxes(document, view) >= 3, None),
        Command::ToggleGrid => (true, Some(view.show_grid)),
        Command::ToggleLegend => (true, Some(view.show_legend)),
        Command::ToggleSnap => (true, Some(view.snap)),
        Command::ToggleDarkMode => (true, Some(view.dark)),
        Command::ToggleInspector => (true, Some(view.show_inspector)),
        Command::ToggleFindings => (true, Some(view.show_findings)),
        Command::ColorBy(v) => (true, Some(view.color_by == v)),
        Command::SetTool(tool) => (true, Some(view.tool == tool)),
        _ => (true, None),
    }
}

/// How many selected boxes Align and Distribute would move.
fn boxes(document: &OpenDiagram, view: &ViewState) -> usize {
    crate::edit::align::boxes(&document.diagram, &view.selected()).len()
}

/// The label, with what undo and redo would do.
fn label(command: Command, document: &OpenDiagram) -> String {
    match command {
        Command::Undo => document
            .history
            .undo_label()
            .map_or_else(|| "Undo".to_owned(), |l| format!("Undo {l}")),
        Command::Redo => document
            .history
            .redo_label()
            .map_or_else(|| "Redo".to_owned(), |l| format!("Redo {l}")),
        _ => command.label(),
    }
}

/// One menu entry: its label, its shortcut at the right, greyed out when it
/// cannot run. With `gutter`, a check mark column on the left shows the
/// settings that are on.
pub fn entry(
    ui: &mut Ui,
    command: Command,
    document: &OpenDiagram,
    view: &ViewState,
    actions: &mut Vec<Action>,
    gutter: bool,
) {
    let (enabled, on) = state(command, document, view);
    let text = label(command, document);
    let check = egui::IdSalt::new("check");
    let mut button = if gutter {
        Button::new((egui::Atom::custom(check, egui::vec2(14.0, 14.0)), text))
    } else {
        Button::new(text)
    };
    if let Some(shortcut) = command.shortcut() {
        button = button.shortcut_text(crate::ui::command::shortcut_text(ui.ctx(), &shortcut));
    }
    let shown = ui.add_enabled_ui(enabled, |ui| button.atom_ui(ui)).inner;
    if on == Some(true)
        && let Some(r) = shown.rect(check)
    {
        let color = ui.visuals().widgets.active.fg_stroke.color;
        let stroke = egui::Stroke::new(1.8, color);
        let points = vec![
            r.left_center() + egui::vec2(2.0, 0.5),
            r.center_bottom() + egui::vec2(-1.5, -3.0),
            r.right_top() + egui::vec2(-1.0, 3.0),
        ];
        ui.painter().add(egui::Shape::line(points, stroke));
    }
    let response = shown.response;
    let response = match command {
        Command::SetTool(tool) => response.on_hover_text(tool.hint()),
        _ => response,
    };
    if response.clicked() {
        actions.push(command.into());
    }
}

fn section(
    ui: &mut Ui,
    items: &[Option<Command>],
    document: &OpenDiagram,
    view: &ViewState,
    actions: &mut Vec<Action>,
) {
    let gutter = items
        .iter()
        .flatten()
        .any(|c| state(*c, document, view).1.is_some());
    for item in items {
        match item {
            Some(command) => entry(ui, *command, document, view, actions, gutter),
            None => {
                ui.separator();
            }
        }
    }
}

/// The bundled examples (File → Open example, Help → Examples): each
/// opens on click; the pairs meant to be compared come together, with a
/// line on what comparing them shows and a button that does it.
fn examples_menu(ui: &mut Ui, actions: &mut Vec<Action>) {
    use crate::examples::{ALL, PAIRS};
    // The line on a pair wraps rather than widening the menu.
    ui.set_max_width(crate::theme::ui::MENU_TEXT_WIDTH);
    let open = |ui: &mut Ui, index: usize, actions: &mut Vec<Action>| {
        let example = &ALL[index];
        if ui
            .button(example.name)
            .on_hover_text(example.description)
            .clicked()
        {
            actions.push(Command::OpenExample(index).into());
            ui.close();
        }
    };
    for index in 0..ALL.len() {
        if !PAIRS.iter().any(|p| p.this == index || p.other == index) {
            open(ui, index, actions);
        }
    }
    for pair in PAIRS {
        ui.separator();
        ui.label(egui::RichText::new(pair.heading).strong());
        open(ui, pair.this, actions);
        open(ui, pair.other, actions);
        ui.add(egui::Label::new(egui::RichText::new(pair.comparing_shows).weak()).wrap());
        if ui
            .button("Compare the two")
            .on_hover_text(format!(
                "Opens “{}” and compares it with “{}” (File → Compare with… does the same with any file)",
                ALL[pair.this].name, ALL[pair.other].name
            ))
            .clicked()
        {
            actions.push(Command::OpenExample(pair.this).into());
            actions.push(Command::CompareWithExample(pair.other).into());
            ui.close();
        }
    }
}

/// Shows the menu bar; `recent` fills File → Open Recent.
pub fn show(
    ui: &mut Ui,
    document: &OpenDiagram,
    view: &ViewState,
    recent: &crate::document::recent::RecentFiles,
    actions: &mut Vec<Action>,
) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            let (open, rest) = Command::FILE_MENU.split_at(2);
            section(ui, open, document, view, actions);
            ui.menu_button("Open Recent", |ui| {
                super::recent_menu::recent_menu(ui, recent, actions);
            });
            ui.menu_button("Open example", |ui| examples_menu(ui, actions));
            section(ui, rest, document, view, actions);
        });
        ui.menu_button("Edit", |ui| {
            section(ui, Command::EDIT_MENU, document, view, actions);
        });
        ui.menu_button("View", |ui| {
            section(ui, Command::VIEW_MENU, document, view, actions);
            ui.menu_button("Legend position", |ui| {
                for corner in super::command::LEGEND_CORNERS {
                    let name = super::command::legend_corner_name(corner);
                    // Checked while the legend is in that corner; after
                    // a drag none is, and each puts it back in its corner.
                    let here = view.legend == super::view::LegendPlace::in_corner(corner);
                    if ui.radio(here, name).clicked() {
                        actions.push(Command::LegendCorner(corner).into());
                        ui.close();
                    }
                }
            });
        });
        ui.menu_button("Diagram", |ui| {
            // Align and distribute come right after the line commands.
            let menu = Command::DIAGRAM_MENU;
            let split = menu
                .iter()
                .position(|c| c == &Some(Command::TidyUp))
                .unwrap_or(menu.len());
            let (editing, rest) = menu.split_at(split);
            section(ui, editing, document, view, actions);
            ui.menu_button("Align and distribute", |ui| {
                section(ui, Command::ALIGN_MENU, document, view, actions);
            });
            ui.separator();
            section(ui, rest, document, view, actions);
        });
        ui.menu_button("Help", |ui| {
            section(ui, Command::HELP_MENU, document, view, actions);
            ui.separator();
            ui.menu_button("Examples", |ui| examples_menu(ui, actions));
        });
    });
}
