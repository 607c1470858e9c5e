//! The diagram being edited: the diagram, its undo history and the
//! findings for its current state.
//!
//! Which file it belongs to, its name and whether it has unsaved changes
//! are the session's to know ([`crate::document::Session`], held by
//! [`super::file_ui::Files`]); the editor asks it.

use crate::document::checker::{Checked, Checker, Wake};
use crate::edit::{Edit, EditError, History};
use crate::layout::{self, Mode};
use crate::model::{Diagram, Forest, Touched};
use crate::rules::Report;
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

/// How many geometry-only steps [`OpenDiagram::geometry_change`] remembers.
const GEOMETRY_STEPS: usize = 16;

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
    /// The latest steps that changed only geometry: the revisions on
    /// either side and what they touched (undo and redo cross the same
    /// step the other way).
    geometry_steps: VecDeque<(u64, u64, Touched)>,
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
            geometry_steps: VecDeque::new(),
            forest: Mutex::new(None),
        }
    }

    /// A number that changes whenever the diagram does (undo and redo
    /// return to earlier numbers).
    #[must_use]
    pub fn revision(&self) -> u64 {
        self.history.state_id()
    }

    /// The [`Forest`] of the diagram as it stands: built on first use in a
    /// revision, and kept across steps that change only geometry (the
    /// forest never looks at it), undo and redo included.
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

    /// After a step from `before` to the current revision that changed
    /// only geometry, the forest of `before` is still the diagram's.
    fn carry_forest(&mut self, before: u64) {
        let after = self.revision();
        let slot = self
            .forest
            .get_mut()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some((built, _)) = slot.as_mut().filter(|(built, _)| *built == before) {
            *built = after;
        }
    }

    /// Applies `edit` as one undoable step labelled `label`.
    pub fn apply(&mut self, edit: Edit, label: impl Into<String>) -> Result<(), EditError> {
        let (before, touched) = (self.revision(), edit.geometry_touched(&self.diagram));
        self.history.apply(&mut self.diagram, edit, label)?;
        self.remember(before, touched);
        Ok(())
    }

    /// Applies `edit` as part of the last step (see
    /// [`History::apply_joined`]): naming an element right after creating
    /// it is one step with the creation.
    pub fn apply_joined(&mut self, edit: Edit, label: impl Into<String>) -> Result<(), EditError> {
        let (before, touched) = (self.revision(), edit.geometry_touched(&self.diagram));
        self.history.apply_joined(&mut self.diagram, edit, label)?;
        self.remember(before, touched);
        Ok(())
    }

    /// Remembers the step from `before` to the current revision when it
    /// changed only geometry.
    fn remember(&mut self, before: u64, touched: Option<Touched>) {
        let Some(touched) = touched else { return };
        self.carry_forest(before);
        if self.geometry_steps.len() == GEOMETRY_STEPS {
            self.geometry_steps.pop_front();
        }
        self.geometry_steps
            .push_back((before, self.revision(), touched));
    }

    /// What changed between revisions `from` and `to` when they are one
    /// step apart (either way) and that step changed only geometry; the
    /// canvas then patches its scene instead of building it again.
    #[must_use]
    pub fn geometry_change(&self, from: u64, to: u64) -> Option<&Touched> {
        self.geometry_steps
            .iter()
            .rev()
            .find(|(a, b, _)| (*a, *b) == (from, to) || (*a, *b) == (to, from))
            .map(|(_, _, touched)| touched)
    }

    /// Undoes the last step; returns its label.
    pub fn undo(&mut self) -> Option<String> {
        let before = self.revision();
        let label = self.history.undo(&mut self.diagram);
        self.follow_step(before);
        label
    }

    /// Redoes the last undone step; returns its label.
    pub fn redo(&mut self) -> Option<String> {
        let before = self.revision();
        let label = self.history.redo(&mut self.diagram);
        self.follow_step(before);
        label
    }

    /// Keeps the forest across an undo or redo of a geometry-only step.
    fn follow_step(&mut self, before: u64) {
        if self.geometry_change(before, self.revision()).is_some() {
            self.carry_forest(before);
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::ElementRef;
    use crate::edit::geometry::{Drop, move_elements};

    #[test]
    fn moves_are_remembered_both_ways_and_renames_are_not() {
        let mut d = crate::model::generate::synthetic(40, 3);
        crate::layout::lay_out(&mut d, Mode::All);
        let mut open = OpenDiagram::new(d);
        let start = open.revision();
        let module = ElementRef::Module(open.diagram.modules[2].id.clone());
        let nudge = move_elements(
            &open.diagram,
            &open.forest(),
            &[module],
            8.0,
            0.0,
            Drop::KeepUnits,
        )
        .expect("moves");
        open.apply(nudge, "Nudge").expect("applies");
        let moved = open.revision();
        let touched = open.geometry_change(start, moved).expect("a geometry step");
        assert!(touched.modules.contains(&2));
        assert_eq!(open.geometry_change(moved, start), Some(touched));
        let mut renamed = open.diagram.modules[2].clone();
        renamed.name = "Renamed".to_owned();
        open.apply(
            Edit::ReplaceModule {
                index: 2,
                module: Box::new(renamed),
            },
            "Rename",
        )
        .expect("applies");
        assert_eq!(open.geometry_change(moved, open.revision()), None);
    }
}
