//! The in-place editors drawn over the canvas: renaming an element, and
//! choosing the kind of a new connection.

use crate::edit::ElementRef;
use crate::edit::ops;
use crate::theme::{MODULE_FONT_SIZE, UNIT_FONT_SIZE};
use crate::ui::actions::Action;
use crate::ui::canvas::Canvas;
use crate::ui::canvas::camera::Transform;
use crate::ui::canvas::drawn::Drawn;
use crate::ui::canvas::interact::ConnectMenu;
use crate::ui::open_diagram::OpenDiagram;
use egui::{FontId, Id, Key, Ui, Vec2};

/// The text field over an element being renamed.
pub(in crate::ui::canvas) fn rename_editor(
    canvas: &mut Canvas,
    ui: &mut Ui,
    t: &Transform,
    document: &OpenDiagram,
    scene: &Drawn,
    actions: &mut Vec<Action>,
) {
    let Some(rename) = &mut canvas.rename else {
        return;
    };
    let zoom = t.camera.zoom;
    let placed = match &rename.element {
        ElementRef::Module(id) => scene.module(id.as_str()).map(|m| {
            let r = t.screen_rect(&m.rect);
            let h = (MODULE_FONT_SIZE * zoom + 10.0).min(r.height());
            (
                egui::Rect::from_center_size(r.center(), Vec2::new(r.width() - 8.0, h)),
                MODULE_FONT_SIZE * zoom,
            )
        }),
        ElementRef::Unit(id) => scene.unit(id.as_str()).map(|u| {
            let r = t.screen_rect(&u.title_rect);
            (r.shrink2(Vec2::new(6.0, 2.0)), UNIT_FONT_SIZE * zoom)
        }),
        ElementRef::Interface(id) => scene.interface(id.as_str()).map(|i| {
            let c = t.screen_from_diagram(i.label_pos);
            let size = Vec2::new(180.0_f32.max(160.0 * zoom), 14.0 * zoom + 10.0);
            (egui::Rect::from_center_size(c, size), 12.0 * zoom)
        }),
    };
    // The element is gone (undone, deleted): nothing to rename.
    let Some((rect, font_size)) = placed else {
        canvas.rename = None;
        return;
    };
    let font = FontId::proportional(font_size.clamp(9.0, 64.0));
    let edit = egui::TextEdit::singleline(&mut rename.text)
        .font(font)
        .align(egui::Align2::CENTER_CENTER)
        .margin(Vec2::new(4.0, 2.0));
    let label = format!("Rename {}", rename.element.noun());
    let response = ui.put(rect, edit).accessible_name(label);
    if !rename.focused {
        response.request_focus();
        rename.focused = true;
        // Select all, so typing replaces the name.
        if let Some(mut state) = egui::TextEdit::load_state(ui.ctx(), response.id) {
            let all = egui::text::CCursorRange::two(
                egui::text::CCursor::new(0),
                egui::text::CCursor::new(rename.text.chars().count()),
            );
            state.cursor.set_char_range(Some(all));
            state.store(ui.ctx(), response.id);
        }
    }
    if response.lost_focus() {
        let cancelled = ui.input(|i| i.key_pressed(Key::Escape));
        if let Some(rename) = canvas.rename.take()
            && !cancelled
        {
            let label = format!("Rename {}", rename.element.noun());
            if rename.id_from_name {
                // Part of the step that created it: the name and the id
                // made from it, or the name alone when no id can be made.
                let (edit, named) =
                    crate::edit::naming::name_new(&document.diagram, &rename.element, &rename.text)
                        .unwrap_or_else(|| {
                            let edit =
                                ops::rename(&document.diagram, &rename.element, &rename.text);
                            (edit, rename.element.clone())
                        });
                actions.push(Action::NameNew {
                    edit,
                    element: rename.element,
                    named,
                });
            } else {
                let edit = ops::rename(&document.diagram, &rename.element, &rename.text);
                actions.push(Action::Apply {
                    edit,
                    label,
                    select: None,
                });
            }
        }
    }
}

/// The menu of interface kinds that fit, after a connection is dropped.
pub(in crate::ui::canvas) fn connect_menu(
    canvas: &mut Canvas,
    ui: &Ui,
    document: &OpenDiagram,
    actions: &mut Vec<Action>,
) {
    let Some(ConnectMenu {
        from,
        to,
        at,
        kinds,
    }) = &canvas.connect_menu
    else {
        return;
    };
    let mut chosen = None;
    let mut close = false;
    let area = egui::Area::new(Id::unique("connect-kind-menu"))
        .fixed_pos(*at + Vec2::new(8.0, 8.0))
        .order(egui::Order::Foreground)
        .show(ui.ctx(), |ui| {
            egui::Frame::menu(ui.style()).show(ui, |ui| {
                ui.set_min_width(170.0);
                ui.label(egui::RichText::new("Connect as").strong());
                for kind in kinds {
                    if ui
                        .button(kind.label())
                        .on_hover_text(crate::ui::tool::kind_meaning(*kind))
                        .clicked()
                    {
                        chosen = Some(*kind);
                    }
                }
                ui.separator();
                if ui.button("Cancel").clicked() {
                    close = true;
                }
            });
        });
    let clicked_outside = ui.input(|i| i.pointer.any_pressed())
        && !area.response.contains_pointer()
        && ui
            .input(|i| i.pointer.interact_pos())
            .is_some_and(|p| !area.response.rect.contains(p));
    if let Some(kind) = chosen {
        crate::ui::canvas::interact::connect(&document.diagram, from, to, kind, actions);
        close = true;
    }
    if close || clicked_outside || ui.input(|i| i.key_pressed(Key::Escape)) {
        canvas.connect_menu = None;
    }
}
