//! The native Open, Save As, Compare and Export dialogs (rfd), behind a
//! trait so tests answer them without a window.

use super::export_settings::with_default_extension;
use std::path::{Path, PathBuf};

/// The native Open and Save As dialogs, behind a trait so tests can answer
/// them without a window (a blocking native dialog must never open inside a
/// test).
pub trait FileDialogs {
    /// Asks for a diagram to open, starting in `folder`; `None` if cancelled.
    fn pick_open(&mut self, folder: Option<&Path>) -> Option<PathBuf>;
    /// Asks where to save, starting in `folder` with `file_name`; `None` if
    /// cancelled.
    fn pick_save(&mut self, folder: Option<&Path>, file_name: &str) -> Option<PathBuf>;
    /// Asks for a diagram to compare the open one with, starting in
    /// `folder`; `None` if cancelled. The Open dialog unless replaced.
    fn pick_compare(&mut self, folder: Option<&Path>) -> Option<PathBuf> {
        self.pick_open(folder)
    }
    /// Whether the dialogs can be shown at all. When they cannot, the
    /// editor asks for a typed path instead.
    fn available(&self) -> bool {
        true
    }
    /// Asks where to write an exported image (`format` first among the
    /// filters), starting in `folder` with `file_name`; `None` if cancelled.
    fn pick_export(
        &mut self,
        folder: Option<&Path>,
        file_name: &str,
        format: crate::export::Format,
    ) -> Option<PathBuf>;
}

/// The system's file dialogs, through rfd.
#[derive(Debug, Default)]
pub struct NativeDialogs;

/// Whether the system's file dialogs can appear: on Linux and the BSDs rfd
/// talks to the desktop portal over the D-Bus session bus, and without a
/// session bus (a bare X server, a minimal window manager) it silently
/// returns nothing.
fn native_dialogs_available() -> bool {
    if cfg!(any(
        target_os = "linux",
        target_os = "freebsd",
        target_os = "openbsd",
        target_os = "netbsd",
        target_os = "dragonfly"
    )) {
        std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some_and(|a| !a.is_empty())
            || std::env::var_os("XDG_RUNTIME_DIR")
                .is_some_and(|dir| Path::new(&dir).join("bus").exists())
    } else {
        true
    }
}

/// The system's dialog for picking a diagram (a `.ron` file, or an image
/// exported by Seams) to read.
fn pick_diagram(title: &str, folder: Option<&Path>) -> Option<PathBuf> {
    let mut dialog = rfd::FileDialog::new()
        .set_title(title)
        .add_filter("Seams diagrams and exported images", &["ron", "png", "svg"])
        .add_filter("Seams diagram", &["ron"])
        .add_filter("Exported image with a diagram", &["png", "svg"]);
    if let Some(folder) = folder {
        dialog = dialog.set_directory(folder);
    }
    dialog.pick_file()
}

impl FileDialogs for NativeDialogs {
    fn available(&self) -> bool {
        native_dialogs_available()
    }

    fn pick_open(&mut self, folder: Option<&Path>) -> Option<PathBuf> {
        pick_diagram("Open diagram", folder)
    }

    fn pick_compare(&mut self, folder: Option<&Path>) -> Option<PathBuf> {
        pick_diagram("Compare with diagram", folder)
    }

    fn pick_export(
        &mut self,
        folder: Option<&Path>,
        file_name: &str,
        format: crate::export::Format,
    ) -> Option<PathBuf> {
        let png = ("PNG image with the diagram", &["png"][..]);
        let svg = ("SVG image with the diagram", &["svg"][..]);
        let filters = match format {
            crate::export::Format::Png => [png, svg],
            crate::export::Format::Svg => [svg, png],
        };
        let mut dialog = rfd::FileDialog::new()
            .set_title("Export image")
            .set_file_name(file_name);
        for (name, extensions) in filters {
            dialog = dialog.add_filter(name, extensions);
        }
        if let Some(folder) = folder {
            dialog = dialog.set_directory(folder);
        }
        dialog.save_file()
    }

    fn pick_save(&mut self, folder: Option<&Path>, file_name: &str) -> Option<PathBuf> {
        let mut dialog = rfd::FileDialog::new()
            .set_title("Save diagram")
            .add_filter("Seams diagram", &["ron"])
            .set_file_name(file_name);
        if let Some(folder) = folder {
            dialog = dialog.set_directory(folder);
        }
        // Some dialogs return the name as typed, without the filter's
        // extension; a diagram without `.ron` would not show in Open.
        dialog
            .save_file()
            .map(|path| with_default_extension(&path, "ron"))
    }
}
