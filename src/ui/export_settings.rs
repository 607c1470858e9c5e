//! What File → Export… and Copy as PNG write: the export window's
//! choices, shared by the window ([`super::export_ui`]), the messages that
//! carry them ([`super::actions::Action::ExportImage`]) and the typed-path
//! prompt ([`super::file_ui`]).

use super::view::ViewState;
use crate::edit::ElementRef;
use crate::export::{Background, ExportOptions, Format};
use crate::scene::View;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// The choices in the Export window, kept between openings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportSettings {
    /// PNG or SVG.
    pub format: Format,
    /// PNG pixels per diagram unit.
    pub scale: u32,
    /// Page background and theme.
    pub background: Background,
    /// What module colours mean.
    pub view: View,
    /// Finding badges, finding-coloured interfaces and the legend.
    pub findings: bool,
    /// Only the selected elements (the page fits them).
    pub selection_only: bool,
}

impl Default for ExportSettings {
    fn default() -> Self {
        let options = ExportOptions::default();
        ExportSettings {
            format: Format::Png,
            scale: options.scale,
            background: options.background,
            view: options.view,
            findings: options.findings,
            selection_only: false,
        }
    }
}

impl ExportSettings {
    /// Settings that match what the canvas shows now: its colours and
    /// theme, findings on, the selection if there is one.
    #[must_use]
    pub fn like_the_canvas(view: &ViewState) -> Self {
        ExportSettings {
            format: Format::Png,
            scale: 2,
            background: if view.dark {
                Background::Dark
            } else {
                Background::Light
            },
            view: view.color_by,
            findings: true,
            selection_only: !view.selection.is_empty(),
        }
    }

    /// The export options for `selection` (used when `selection_only`).
    #[must_use]
    pub fn options(&self, selection: &[ElementRef]) -> ExportOptions {
        ExportOptions {
            scale: self.scale,
            background: self.background,
            view: self.view,
            findings: self.findings,
            only: (self.selection_only && !selection.is_empty()).then(|| {
                selection
                    .iter()
                    .map(|e| e.id().to_owned())
                    .collect::<HashSet<String>>()
            }),
        }
    }
}

/// `path`, with `extension` added when it has none (a name typed without
/// one).
#[must_use]
pub fn with_default_extension(path: &Path, extension: &str) -> PathBuf {
    if path.extension().is_none() {
        path.with_extension(extension)
    } else {
        path.to_path_buf()
    }
}
