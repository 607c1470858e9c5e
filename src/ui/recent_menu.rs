//! File → Open Recent: the recent files, with enough of each path to tell
//! two of the same name apart.

use super::actions::Action;
use super::command::Command;
use crate::document::recent::RecentFiles;
use egui::{Button, Ui};
use std::path::Path;

/// The Open Recent submenu: existing files open on click; missing ones are
/// greyed out with a button to remove them.
pub fn recent_menu(ui: &mut Ui, recent: &RecentFiles, actions: &mut Vec<Action>) {
    let entries = recent.entries();
    if entries.is_empty() {
        ui.add_enabled(false, Button::new("No recent files"));
        return;
    }
    let mut any_missing = false;
    // Enough of each path to tell two `architecture.ron` apart; the whole
    // path on hover.
    let paths: Vec<&Path> = entries.iter().map(|e| e.path.as_path()).collect();
    let names = crate::document::recent::distinct_names(&paths);
    for (entry, name) in entries.iter().zip(names) {
        if entry.exists {
            let clicked = ui
                .button(name)
                .on_hover_text(entry.path.display().to_string())
                .clicked();
            if clicked {
                actions.push(Action::OpenFile(entry.path.clone()));
                ui.close();
            }
        } else {
            any_missing = true;
            ui.horizontal(|ui| {
                ui.add_enabled(false, Button::new(name))
                    .on_disabled_hover_text(format!("Missing: {}", entry.path.display()));
                if ui
                    .small_button("Remove")
                    .on_hover_text("Remove this missing file from the list")
                    .clicked()
                {
                    actions.push(Action::RemoveRecent(entry.path.clone()));
                }
            });
        }
    }
    ui.separator();
    if ui
        .add_enabled(
            any_missing,
            Button::new(Command::RemoveMissingRecent.label()),
        )
        .clicked()
    {
        actions.push(Command::RemoveMissingRecent.into());
    }
}
