//! Everything the user can ask the editor to do: a [`Command`] (menus,
//! buttons, shortcuts), or a message carrying what a gesture or a panel
//! chose (an edit, a selection, a file, export settings).
//!
//! UI code pushes actions while it draws; the app applies them after every
//! panel has drawn (see [`crate::ui::app`]).

use super::command::Command;
use super::export_settings::ExportSettings;
use super::view::LegendPlace;
use crate::edit::{Edit, ElementRef};

/// One thing the user asked for: a [`Command`], or a message carrying the
/// data of a gesture or a panel's choice.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// A menu command, button or shortcut.
    Command(Command),
    /// Open this file (Open Recent, dropped on the window).
    OpenFile(std::path::PathBuf),
    /// Remove a missing file from Open Recent.
    RemoveRecent(std::path::PathBuf),
    /// Compare this diagram with the diagram in this file.
    CompareWithFile(std::path::PathBuf),
    /// Write the diagram as an image with these settings, asking where.
    ExportImage(ExportSettings),
    /// Put the diagram as a PNG on the clipboard, with these settings.
    CopyImage(ExportSettings),
    /// Leave the legend where it was dragged.
    MoveLegend(LegendPlace),
    /// Apply an edit as one undoable step, then select `select` if given.
    Apply {
        /// The change.
        edit: Edit,
        /// What it did, for "Undo `label`".
        label: String,
        /// What to select afterwards.
        select: Option<Vec<ElementRef>>,
    },
    /// Name a module or unit that the last step created, as part of that
    /// step (one undo removes it, name and all); if it is selected, it
    /// stays selected under its (perhaps new) id.
    NameNew {
        /// The naming (see [`crate::edit::naming::name_new`]).
        edit: Edit,
        /// The element as it was created.
        element: ElementRef,
        /// The element under the id the naming gives it.
        named: ElementRef,
    },
    /// Replace the selection.
    Select(Vec<ElementRef>),
    /// Select elements and frame them on the canvas.
    SelectAndFrame(Vec<ElementRef>),
    /// Show this finding (by id) in the findings panel, with its
    /// explanation and what can be done.
    FocusFinding(String),
    /// Paste this clipboard text.
    PasteText(String),
    /// Show a short message in the status bar.
    Message(String),
}

impl From<Command> for Action {
    fn from(command: Command) -> Self {
        Action::Command(command)
    }
}
