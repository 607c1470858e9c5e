//! Small widgets shared by the panels.

use egui::{Key, TextEdit, Ui};

/// A text field that edits a copy of `current` and reports the new text
/// once, when editing ends (Enter, or the field losing focus), so that a
/// whole edit of a name is one undoable step. Escape abandons the change.
/// While not focused, the field shows `current` (so undo shows through).
pub fn committed_text(
    ui: &mut Ui,
    id_salt: impl egui::AsIdSalt,
    current: &str,
    multiline: bool,
    hint: &str,
) -> Option<String> {
    let id = ui.make_persistent_id(id_salt);
    let buffer_id = id.with("buffer");
    let mut buffer: String = ui
        .data(|d| d.get_temp::<String>(buffer_id))
        .unwrap_or_else(|| current.to_owned());
    let edit = if multiline {
        TextEdit::multiline(&mut buffer).desired_rows(3)
    } else {
        TextEdit::singleline(&mut buffer)
    };
    // Exactly the available width: a text field that asks for more than
    // its panel has makes a resizable panel grow a little every frame.
    let height = if multiline {
        ui.text_style_height(&egui::TextStyle::Body) * 3.0 + 8.0
    } else {
        ui.spacing().interact_size.y
    };
    let response = ui.add_sized([ui.available_width(), height], edit.id(id).hint_text(hint));
    let mut result = None;
    if response.lost_focus() {
        let escaped = ui.input(|i| i.key_pressed(Key::Escape));
        if !escaped && buffer != current {
            result = Some(buffer);
        }
        ui.data_mut(|d| d.remove::<String>(buffer_id));
    } else if response.has_focus() {
        ui.data_mut(|d| d.insert_temp(buffer_id, buffer));
    } else {
        ui.data_mut(|d| d.remove::<String>(buffer_id));
    }
    result
}

/// A combo box over `options` (named `name` for screen readers), returning
/// the chosen one when it differs from `current`.
pub fn choice<T: PartialEq + Clone>(
    ui: &mut Ui,
    name: &str,
    id_salt: impl egui::AsIdSalt,
    current: &T,
    options: &[(T, String)],
) -> Option<T> {
    choice_explained(ui, name, id_salt, current, options, |_| None)
}

/// [`choice`] with a tooltip on each option (`explain`: what it means).
pub fn choice_explained<T: PartialEq + Clone>(
    ui: &mut Ui,
    name: &str,
    id_salt: impl egui::AsIdSalt,
    current: &T,
    options: &[(T, String)],
    explain: impl Fn(&T) -> Option<&'static str>,
) -> Option<T> {
    let selected = options
        .iter()
        .find(|(value, _)| value == current)
        .map_or_else(String::new, |(_, label)| label.clone());
    let mut chosen = None;
    let shown = egui::ComboBox::from_id_salt(id_salt)
        .selected_text(selected)
        .width(ui.available_width())
        .show_ui(ui, |ui| {
            for (value, label) in options {
                let mut option = ui.selectable_label(value == current, label);
                if let Some(text) = explain(value) {
                    option = option.on_hover_text(text);
                }
                if option.clicked() && value != current {
                    chosen = Some(value.clone());
                }
            }
        });
    let _ = shown.response.accessible_name(name);
    chosen
}

/// A small filled circle in the text flow (the fonts have no "●").
pub fn dot(ui: &mut Ui, color: egui::Color32) -> egui::Response {
    let size = ui.text_style_height(&egui::TextStyle::Body);
    let (rect, response) =
        ui.allocate_exact_size(egui::vec2(size * 0.7, size), egui::Sense::hover());
    ui.painter()
        .circle_filled(rect.center(), size * 0.28, color);
    response
}

/// A spinner and "checking…": the rules are running in the background and
/// what is shown is from before the latest change (`tip` says what).
pub fn checking(ui: &mut Ui, tip: &str) {
    ui.horizontal(|ui| {
        ui.spacing_mut().item_spacing.x = 4.0;
        ui.add(egui::Spinner::new().size(12.0));
        ui.label(egui::RichText::new("checking…").weak())
            .on_hover_text(tip);
    });
}

/// `n` and `noun`, in the singular for one and the plural otherwise:
/// "1 module", "2 modules", "0 units". Every noun the editor counts takes
/// a plain "s" ("es" after an "x": "boxes").
#[must_use]
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else if noun.ends_with('x') {
        format!("{n} {noun}es")
    } else {
        format!("{n} {noun}s")
    }
}
