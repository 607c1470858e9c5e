//! The status bar: the file and its unsaved marker, a message or the
//! active tool's hint, the selection, counts of findings by severity, zoom.

use super::actions::Action;
use super::canvas::Canvas;
use super::command::Command;
use super::file_ui::Files;
use super::findings_ui::severity_color;
use super::open_diagram::OpenDiagram;
use super::view::ViewState;
use crate::rules::Severity;
use egui::{RichText, Ui};

/// Shows the status bar; `files` names the file and knows whether it has
/// unsaved changes.
pub fn show(
    ui: &mut Ui,
    files: &Files,
    document: &OpenDiagram,
    view: &ViewState,
    canvas: &Canvas,
    message: Option<&str>,
    actions: &mut Vec<Action>,
) {
    let identity = files.document();
    let dirty = files.is_dirty(document.revision());
    ui.horizontal(|ui| {
        if dirty {
            super::widgets::dot(ui, ui.visuals().text_color()).on_hover_text("Unsaved changes");
        }
        ui.label(RichText::new(identity.name()).strong())
            .on_hover_text(match (identity.path(), dirty) {
                (Some(path), true) => format!("{} (unsaved changes)", path.display()),
                (Some(path), false) => path.display().to_string(),
                (None, true) => "Not saved to a file (unsaved changes)".to_owned(),
                (None, false) => "Not saved to a file".to_owned(),
            });
        ui.separator();
        match message {
            Some(text) => {
                ui.label(text);
            }
            None => {
                ui.label(RichText::new(view.tool.hint()).weak());
            }
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let zoom = format!("{:.0}%", canvas.zoom() * 100.0);
            if ui
                .add(egui::Button::new(zoom).frame(false))
                .on_hover_text("Zoom (click for 100%)")
                .clicked()
            {
                actions.push(Command::ZoomReset.into());
            }
            ui.separator();
            let report = document.last_report();
            if document.is_checking() {
                super::widgets::checking(
                    ui,
                    "The rules are checking the latest change; the counts are from before it",
                );
            }
            for severity in [Severity::Info, Severity::Warning, Severity::Error] {
                let n = report.count(severity);
                let tip = format!("{} ({severity})", super::widgets::count(n, "finding"));
                ui.label(n.to_string()).on_hover_text(tip.clone());
                super::widgets::dot(ui, severity_color(ui, severity, false)).on_hover_text(tip);
                ui.add_space(4.0);
            }
            if !view.selection.is_empty() {
                ui.separator();
                ui.label(format!("{} selected", view.selection.len()));
            }
        });
    });
}
