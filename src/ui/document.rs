//! The open document: the diagram, its undo history, where it came from,
//! and the findings for its current state.
//!
//! Everything the rest of the editor knows about "the file" lives here, so
//! the document lifecycle (open, save, recover) has one struct to work with.

use crate::edit::{Edit, EditError, History};
use crate::examples::Example;
use crate::file::LoadError;
use crate::layout::{self, Mode};
use crate::model::Diagram;
use crate::rules::{self, Report};
use std::path::{Path, PathBuf};

/// The diagram being edited and everything that belongs to it.
#[derive(Debug)]
pub struct Document {
    /// The diagram. Change it only through [`Document::apply`], so that
    /// every change can be undone.
    pub diagram: Diagram,
    /// Undo and redo.
    pub history: History,
    /// What the document is called in the window title and status bar.
    pub name: String,
    /// The file it was read from, if any.
    pub path: Option<PathBuf>,
    /// The history's state id when the document was opened or last saved.
    pub saved_state: u64,
    /// Findings for `diagram`, and the state id they were computed for.
    report: (Report, Option<u64>),
}

impl Document {
    /// A document for `diagram`, laying out whatever has no geometry yet.
    /// The layout is part of opening, not an undoable change.
    #[must_use]
    pub fn new(mut diagram: Diagram, name: impl Into<String>, path: Option<PathBuf>) -> Self {
        if layout::needs_layout(&diagram) {
            layout::lay_out(&mut diagram, Mode::MissingOnly);
        }
        let history = History::new();
        Document {
            diagram,
            saved_state: history.state_id(),
            history,
            name: name.into(),
            path,
            report: (Report::default(), None),
        }
    }

    /// Opens the diagram file at `path` (`.ron`, or a PNG or SVG exported by
    /// Seams).
    pub fn open(path: &Path) -> Result<Self, LoadError> {
        let diagram = crate::file::load_path(path)?;
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        Ok(Document::new(diagram, name, Some(path.to_path_buf())))
    }

    /// A fresh copy of a bundled example. Examples are checked by the test
    /// suite, so a failure here means a broken build; it is still reported
    /// rather than panicking.
    pub fn example(example: &Example) -> Result<Self, LoadError> {
        let diagram = crate::file::load_str(example.text)?;
        Ok(Document::new(diagram, example.file_name, None))
    }

    /// Whether there are changes since the document was opened or saved.
    #[must_use]
    pub fn is_dirty(&self) -> bool {
        self.history.state_id() != self.saved_state
    }

    /// A number that changes whenever the diagram does (undo and redo
    /// return to earlier numbers).
    #[must_use]
    pub fn revision(&self) -> u64 {
        self.history.state_id()
    }

    /// Applies `edit` as one undoable step labelled `label`.
    pub fn apply(&mut self, edit: Edit, label: impl Into<String>) -> Result<(), EditError> {
        self.history.apply(&mut self.diagram, edit, label)
    }

    /// Undoes the last step; returns its label.
    pub fn undo(&mut self) -> Option<String> {
        self.history.undo(&mut self.diagram)
    }

    /// Redoes the last undone step; returns its label.
    pub fn redo(&mut self) -> Option<String> {
        self.history.redo(&mut self.diagram)
    }

    /// The findings for the current diagram, checked again only when the
    /// diagram has changed since the last call.
    pub fn report(&mut self) -> &Report {
        let revision = self.revision();
        if self.report.1 != Some(revision) {
            self.report = (rules::check(&self.diagram), Some(revision));
        }
        &self.report.0
    }

    /// The findings as last checked, without checking again (for code that
    /// only has a shared borrow; [`Document::report`] runs every frame first).
    #[must_use]
    pub fn last_report(&self) -> &Report {
        &self.report.0
    }
}
