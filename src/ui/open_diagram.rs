//! The diagram being edited: the diagram, its undo history and the
//! findings for its current state.
//!
//! Which file it belongs to, its name and whether it has unsaved changes
//! are the session's to know ([`crate::document::Session`], held by
//! [`super::file_ui::Files`]); the editor asks it.

use crate::document::checker::{Checked, Checker, Wake};
use crate::edit::{Edit, EditError, History};
use crate::layout::{self, Mode};
use crate::model::{Diagram, Forest};
use crate::rules::Report;
use std::sync::{Arc, Mutex};

/// The diagram being edited and everything that changes with it.
#[derive(Debug)]
pub struct OpenDiagram {
    /// The diagram. Change it only through [`OpenDiagram::apply`], so that
    /// every change can be undone.
    pub diagram: Diagram,
    /// Undo and redo.
    pub history: History,
    /// Findings, and the state id they were computed for (an earlier one
    /// while a background check is running).
    report: (Report, Option<u64>),
    /// Counts changes of `report`, for caches built from it.
    report_generation: u64,
    /// Runs the rules inline, or off the UI thread when a check would not
    /// fit in a frame.
    checker: Checker,
    /// The forest of the diagram, with the revision it was built for.
    forest: Mutex<Option<(u64, Arc<Forest>)>>,
}

impl OpenDiagram {
    /// `diagram` with a fresh history, laying out whatever has no geometry
    /// yet. The layout is part of opening, not an undoable change.
    #[must_use]
    pub fn new(mut diagram: Diagram) -> Self {
        if layout::needs_layout(&diagram) {
            layout::lay_out(&mut diagram, Mode::MissingOnly);
        }
        OpenDiagram {
            diagram,
            history: History::new(),
            report: (Report::default(), None),
            report_generation: 0,
            checker: Checker::default(),
            forest: Mutex::new(None),
        }
    }

    /// The [`Forest`] of the diagram as it stands: built on first use in a
    /// revision, and kept across edits that change only geometry (the
    /// forest never looks at it).
    #[must_use]
    pub fn forest(&self) -> Arc<Forest> {
        let revision = self.revision();
        let mut slot = self
            .forest
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        match &*slot {
            Some((built, forest)) if *built == revision => Arc::clone(forest),
            _ => {
                let forest = Arc::new(Forest::new(&self.diagram));
                *slot = Some((revision, Arc::clone(&forest)));
                forest
            }
        }
    }

    /// A number that changes whenever the diagram does (undo and redo
    /// return to earlier numbers).
    #[must_use]
    pub fn revision(&self) -> u64 {
        self.history.state_id()
    }

    /// Applies `edit` as one undoable step labelled `label`.
    pub fn apply(&mut self, edit: Edit, label: impl Into<String>) -> Result<(), EditError> {
        let before = self.revision();
        let keeps_forest = edit.changes_only_geometry(&self.diagram);
        self.history.apply(&mut self.diagram, edit, label)?;
        let after = self.revision();
        if keeps_forest {
            let slot = (self.forest.get_mut()).unwrap_or_else(std::sync::PoisonError::into_inner);
            if let Some((built, _)) = slot.as_mut().filter(|(built, _)| *built == before) {
                *built = after;
            }
        }
        Ok(())
    }

    /// Applies `edit` as part of the last step (see
    /// [`History::apply_joined`]): naming an element right after creating
    /// it is one step with the creation.
    pub fn apply_joined(&mut self, edit: Edit, label: impl Into<String>) -> Result<(), EditError> {
        self.history.apply_joined(&mut self.diagram, edit, label)
    }

    /// Undoes the last step; returns its label.
    pub fn undo(&mut self) -> Option<String> {
        self.history.undo(&mut self.diagram)
    }

    /// Redoes the last undone step; returns its label.
    pub fn redo(&mut self) -> Option<String> {
        self.history.redo(&mut self.diagram)
    }

    /// Brings the findings up to date: takes a finished background check,
    /// and checks again when the diagram has changed since the findings
    /// were computed. Small diagrams are checked here, so the findings
    /// follow an edit in the same frame; when a check takes longer than a
    /// frame can spare it runs on a worker thread, and until it answers the
    /// previous findings stay (see [`OpenDiagram::is_checking`]).
    pub fn report(&mut self) -> &Report {
        if let Some(checked) = self.checker.poll() {
            self.adopt(checked);
        }
        let revision = self.revision();
        if self.report.1 != Some(revision)
            && !self.checker.is_checking_revision(revision)
            && let Some(checked) = self.checker.check(&self.diagram, revision)
        {
            self.adopt(checked);
        }
        &self.report.0
    }

    fn adopt(&mut self, checked: Checked) {
        // Most edits (every move) leave the findings as they were: then
        // nothing built from them needs rebuilding.
        if checked.report != self.report.0 {
            self.report_generation = self.report_generation.wrapping_add(1);
        }
        self.report = (checked.report, Some(checked.revision));
    }

    /// Whether the findings shown are for an earlier state of the diagram
    /// while the rules run in the background.
    #[must_use]
    pub fn is_checking(&self) -> bool {
        self.report.1 != Some(self.revision())
    }

    /// A number that changes whenever the findings do.
    #[must_use]
    pub fn report_generation(&self) -> u64 {
        self.report_generation
    }

    /// Sets what a background check calls when it finishes (the editor
    /// asks for a repaint).
    pub fn set_wake(&mut self, wake: Wake) {
        self.checker.set_wake(wake);
    }

    /// Whether [`OpenDiagram::set_wake`] has been called.
    #[must_use]
    pub fn has_wake(&self) -> bool {
        self.checker.has_wake()
    }

    /// Changes how long an inline check may take before checks move to the
    /// background ([`crate::document::checker::INLINE_BUDGET`] by default).
    pub fn set_check_budget(&mut self, budget: std::time::Duration) {
        self.checker.set_budget(budget);
    }

    /// Holds background results back while `held` (see
    /// [`Checker::set_held`]).
    pub fn hold_background_checks(&mut self, held: bool) {
        self.checker.set_held(held);
    }

    /// Waits up to `timeout` for a background check and takes its result;
    /// whether the findings are now current.
    pub fn wait_for_check(&mut self, timeout: std::time::Duration) -> bool {
        let deadline = std::time::Instant::now() + timeout;
        while self.is_checking() {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            match self.checker.wait(left) {
                Some(checked) => self.adopt(checked),
                None => break,
            }
            self.report();
        }
        !self.is_checking()
    }

    /// The findings as last checked, without checking again (for code that
    /// only has a shared borrow; [`OpenDiagram::report`] runs every frame first).
    #[must_use]
    pub fn last_report(&self) -> &Report {
        &self.report.0
    }
}
