//! The Seams editor: an eframe app over the pure core.
//!
//! - [`app`]: the app state and the frame loop.
//! - [`command`]: every menu and keyboard command, with its label and
//!   shortcut.
//! - [`actions`]: what the panels push: a command, or a message with data.
//! - [`open_diagram`]: the open diagram, its history and findings (its
//!   name, file and saved state are [`crate::document::Session`]'s).
//! - [`tool`]: the canvas tools.
//! - [`view`]: selection, tool and view options, apart from the document.
//! - [`prefs`]: the view preferences remembered between runs (the legend).
//! - [`canvas`]: the diagram itself, drawn from the scene.
//! - `menu_ui`, `toolbar_ui`, `inspector_ui`, `findings_ui`, `status_ui`,
//!   `help_ui`, `dialogs`, `compare_ui`: the panels and windows around it.

pub mod actions;
pub mod app;
mod blast_banner_ui;
mod blast_ui;
pub mod canvas;
mod colors;
pub mod command;
pub mod compare_ui;
mod dialogs;
pub mod export_settings;
pub mod export_ui;
pub mod file_dialogs;
pub mod file_ui;
pub mod findings_ui;
mod fonts;
mod help_ui;
mod icon;
mod inspector_ui;
mod menu_ui;
mod multi_inspector_ui;
pub mod open_diagram;
mod placement_ui;
pub mod prefs;
mod prompt_ui;
mod recent_menu;
mod rules_window_ui;
mod status_ui;
pub mod tool;
mod toolbar_ui;
pub mod view;
mod widgets;

pub use app::SeamsApp;
pub use open_diagram::OpenDiagram;

/// A fresh copy of a bundled example, untitled under its file name.
/// Examples are checked by the test suite, so a failure here means a
/// broken build; it is still reported rather than panicking.
pub fn load_example(
    example: &crate::examples::Example,
) -> Result<crate::document::Loaded, crate::file::LoadError> {
    let diagram = crate::file::load_str(example.text)?;
    Ok(crate::document::Loaded::untitled(
        diagram,
        example.file_name,
    ))
}

/// Opens the editor window on `loaded` ([`crate::document::load`], or
/// untitled), and runs until it is closed.
/// `startup_error` (title, message) is shown in an error dialog over it:
/// the file named on the command line could not be opened.
pub fn run(
    loaded: crate::document::Loaded,
    startup_error: Option<(String, String)>,
) -> eframe::Result {
    let title = format!(
        "{} — {}",
        loaded.source.location().name(),
        crate::document::APP_NAME
    );
    let mut viewport = egui::ViewportBuilder::default()
        .with_title(title)
        .with_app_id("seams")
        .with_inner_size([1280.0, 820.0])
        .with_min_inner_size([640.0, 420.0]);
    if let Some(icon) = icon::window_icon() {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions {
        viewport,
        ..eframe::NativeOptions::default()
    };
    eframe::run_native(
        "Seams",
        options,
        Box::new(|cc| {
            let mut app = SeamsApp::from_creation_context(cc, loaded);
            if let Some((title, message)) = startup_error {
                app.files.show_error(title, message);
            }
            Ok(Box::new(app))
        }),
    )
}
