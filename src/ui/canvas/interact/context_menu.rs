//! The canvas's right-click menu.

use super::{add_module, add_unit};
use crate::edit::ElementRef;
use crate::model::{ModuleKind, Rect};
use crate::theme::ui::NEW_UNIT_SIZE;
use crate::ui::actions::Action;
use crate::ui::canvas::Canvas;
use crate::ui::canvas::camera::Transform;
use crate::ui::canvas::hit::hit_test;
use crate::ui::command::Command;
use crate::ui::open_diagram::OpenDiagram;
use crate::ui::view::ViewState;
use egui::{Response, Ui};

/// The right-click menu: acts on what was under the pointer (selecting it
/// first) or offers to add something there.
pub(in crate::ui::canvas) fn context_menu(
    canvas: &mut Canvas,
    response: &Response,
    document: &OpenDiagram,
    view: &ViewState,
    actions: &mut Vec<Action>,
) {
    if response.secondary_clicked() {
        // The menu's first frame only measures it; draw the next one too.
        response.ctx.request_repaint();
        canvas.context_at = canvas.pointer;
        if let Some(p) = canvas.pointer {
            let scene = canvas.scene(document, view);
            let t = Transform {
                camera: canvas.camera,
                origin: response.rect.min,
            };
            let element = hit_test(&scene, &view.selection, &t, t.screen_from_diagram(p), false)
                .and_then(|h| h.element());
            match element {
                Some(e) if !view.is_selected(&e) => actions.push(Action::Select(vec![e])),
                None if !view.selection.is_empty() => actions.push(Action::Select(Vec::new())),
                _ => {}
            }
        }
    }
    let at = canvas.context_at;
    let has_selection = !view.selection.is_empty();
    let one_interface = matches!(view.single(), Some(ElementRef::Interface(_)));
    response.context_menu(|ui| {
        ui.set_min_width(190.0);
        let item = |ui: &mut Ui, actions: &mut Vec<Action>, command: Command, enabled: bool| {
            let mut button = egui::Button::new(command.label());
            if let Some(shortcut) = command.shortcut() {
                button =
                    button.shortcut_text(crate::ui::command::shortcut_text(ui.ctx(), &shortcut));
            }
            if ui.add_enabled(enabled, button).clicked() {
                actions.push(command.into());
                ui.close();
            }
        };
        if has_selection {
            item(ui, actions, Command::Rename, view.single().is_some());
            if one_interface {
                item(ui, actions, Command::Reverse, true);
                let bent = view.selection.iter().any(|e| {
                    matches!(e, ElementRef::Interface(id)
                        if document.diagram.interface(id.as_str()).is_some_and(|f| !f.points.is_empty()))
                });
                if bent {
                    item(ui, actions, Command::Straighten, true);
                }
            }
            // The clipboard takes boxes (and the lines between them), so
            // these need a module or unit in the selection, as in the menus.
            let has_boxes = view
                .selection
                .iter()
                .any(|e| !matches!(e, ElementRef::Interface(_)));
            item(ui, actions, Command::Cut, has_boxes);
            item(ui, actions, Command::Copy, has_boxes);
            item(ui, actions, Command::Duplicate, has_boxes);
            item(ui, actions, Command::Delete, true);
            item(ui, actions, Command::FitSelection, true);
        } else {
            if let Some(p) = at {
                for kind in ModuleKind::ALL {
                    let what = match kind {
                        ModuleKind::Component => "module".to_owned(),
                        other => other.label().to_lowercase(),
                    };
                    if ui.button(format!("Add {what} here")).clicked() {
                        add_module(*kind, p, document, view, actions);
                        actions.push(Command::Rename.into());
                        ui.close();
                    }
                }
                if ui.button("Add unit here").clicked() {
                    let (w, h) = NEW_UNIT_SIZE;
                    add_unit(
                        Rect::new(view.snap(p.x), view.snap(p.y), w, h),
                        document,
                        actions,
                    );
                    ui.close();
                }
                ui.separator();
            }
            item(ui, actions, Command::Paste, true);
            item(ui, actions, Command::SelectAll, true);
            item(ui, actions, Command::FitDiagram, true);
        }
    });
}
