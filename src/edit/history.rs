//! Undo and redo stacks, and the identity of document states.

use super::{Edit, EditError};
use crate::model::Diagram;
use std::sync::atomic::{AtomicU64, Ordering};

/// Source of state ids, shared by every [`History`] in the process so that
/// ids from two documents never collide.
static NEXT_STATE_ID: AtomicU64 = AtomicU64::new(1);

fn fresh_state_id() -> u64 {
    NEXT_STATE_ID.fetch_add(1, Ordering::Relaxed)
}

/// One undoable step.
#[derive(Clone, Debug)]
struct Step {
    /// Re-applies the step (redo).
    redo: Edit,
    /// Reverts the step (undo).
    undo: Edit,
    /// What the step did, for "Undo <label>".
    label: String,
    /// The state id before the step.
    before: u64,
    /// The state id after the step.
    after: u64,
}

/// The undo and redo stacks of one document.
///
/// Every applied edit gets a new state id; undo and redo return to the id of
/// the state they restore, so `state_id()` compared with the id at the last
/// save says whether the document has unsaved changes.
#[derive(Clone, Debug)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
    state_id: u64,
    limit: usize,
}

impl Default for History {
    fn default() -> Self {
        Self::new()
    }
}

impl History {
    /// How many steps are kept by default.
    pub const DEFAULT_LIMIT: usize = 1000;

    /// Empty stacks and a fresh state id.
    #[must_use]
    pub fn new() -> Self {
        History {
            undo: Vec::new(),
            redo: Vec::new(),
            state_id: fresh_state_id(),
            limit: Self::DEFAULT_LIMIT,
        }
    }

    /// The id of the current document state.
    #[must_use]
    pub fn state_id(&self) -> u64 {
        self.state_id
    }

    /// Applies `edit` to `diagram` as one undoable step labelled `label`
    /// ("Move 3 elements"). An edit that changes nothing is not recorded.
    /// Clears the redo stack.
    pub fn apply(
        &mut self,
        diagram: &mut Diagram,
        edit: Edit,
        label: impl Into<String>,
    ) -> Result<(), EditError> {
        if edit.is_noop() {
            return Ok(());
        }
        let undo = edit.clone().apply(diagram)?;
        let before = self.state_id;
        self.state_id = fresh_state_id();
        self.redo.clear();
        self.undo.push(Step {
            redo: edit,
            undo,
            label: label.into(),
            before,
            after: self.state_id,
        });
        if self.undo.len() > self.limit {
            let excess = self.undo.len() - self.limit;
            self.undo.drain(..excess);
        }
        Ok(())
    }

    /// Applies `edit` to `diagram` as part of the last step, so that one
    /// undo reverts both and one redo re-applies both (a new element named
    /// right after it was created). The step keeps its label; with no step
    /// to join, `edit` becomes one of its own labelled `label`. Clears the
    /// redo stack, as any change does.
    pub fn apply_joined(
        &mut self,
        diagram: &mut Diagram,
        edit: Edit,
        label: impl Into<String>,
    ) -> Result<(), EditError> {
        if edit.is_noop() {
            return Ok(());
        }
        let Some(last) = self.undo.pop() else {
            return self.apply(diagram, edit, label);
        };
        match edit.clone().apply(diagram) {
            Ok(undo) => {
                self.state_id = fresh_state_id();
                self.redo.clear();
                self.undo.push(Step {
                    redo: Edit::Batch(vec![last.redo, edit]),
                    undo: Edit::Batch(vec![undo, last.undo]),
                    after: self.state_id,
                    ..last
                });
                Ok(())
            }
            Err(error) => {
                self.undo.push(last);
                Err(error)
            }
        }
    }

    /// Reverts the last step; returns its label, or `None` when there is
    /// nothing to undo.
    pub fn undo(&mut self, diagram: &mut Diagram) -> Option<String> {
        let step = self.undo.pop()?;
        if let Ok(redo) = step.undo.clone().apply(diagram) {
            self.state_id = step.before;
            let label = step.label.clone();
            self.redo.push(Step { redo, ..step });
            Some(label)
        } else {
            // The stacks no longer match the diagram (someone changed it
            // behind the history's back): drop them rather than corrupt it.
            self.undo.clear();
            self.redo.clear();
            None
        }
    }

    /// Re-applies the last undone step; returns its label, or `None` when
    /// there is nothing to redo.
    pub fn redo(&mut self, diagram: &mut Diagram) -> Option<String> {
        let step = self.redo.pop()?;
        if let Ok(undo) = step.redo.clone().apply(diagram) {
            self.state_id = step.after;
            let label = step.label.clone();
            self.undo.push(Step { undo, ..step });
            Some(label)
        } else {
            self.undo.clear();
            self.redo.clear();
            None
        }
    }

    /// The label of the step undo would revert.
    #[must_use]
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|s| s.label.as_str())
    }

    /// The label of the step redo would re-apply.
    #[must_use]
    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|s| s.label.as_str())
    }

    /// Whether there is a step to undo.
    #[must_use]
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether there is a step to redo.
    #[must_use]
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Forgets every step, keeping the current state id (for example after
    /// the document is replaced by a fresh load, whose state is new anyway).
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn state_ids_follow_undo_and_redo() {
        let mut d = Diagram::new();
        let mut h = History::new();
        let start = h.state_id();
        h.apply(&mut d, Edit::SetTitle("one".into()), "Set title")
            .expect("valid");
        let one = h.state_id();
        assert_ne!(one, start);
        h.apply(&mut d, Edit::SetTitle("two".into()), "Set title")
            .expect("valid");
        let two = h.state_id();
        assert_eq!(h.undo(&mut d).as_deref(), Some("Set title"));
        assert_eq!((h.state_id(), d.title.as_str()), (one, "one"));
        h.undo(&mut d);
        assert_eq!((h.state_id(), d.title.as_str()), (start, ""));
        assert!(h.undo(&mut d).is_none());
        h.redo(&mut d);
        h.redo(&mut d);
        assert_eq!((h.state_id(), d.title.as_str()), (two, "two"));
        assert!(h.redo(&mut d).is_none());
    }

    #[test]
    fn a_new_edit_after_undo_gets_a_new_id_and_clears_redo() {
        let mut d = Diagram::new();
        let mut h = History::new();
        h.apply(&mut d, Edit::SetTitle("one".into()), "a")
            .expect("valid");
        let one = h.state_id();
        h.undo(&mut d);
        h.apply(&mut d, Edit::SetTitle("other".into()), "b")
            .expect("valid");
        assert_ne!(h.state_id(), one);
        assert!(!h.can_redo());
        assert_eq!(h.undo_label(), Some("b"));
    }

    #[test]
    fn noops_are_not_recorded() {
        let mut d = Diagram::new();
        let mut h = History::new();
        let start = h.state_id();
        h.apply(&mut d, Edit::none(), "nothing").expect("valid");
        assert_eq!(h.state_id(), start);
        assert!(!h.can_undo());
    }

    #[test]
    fn a_joined_edit_is_undone_and_redone_with_the_step_before() {
        let mut d = Diagram::new();
        let mut h = History::new();
        let start = h.state_id();
        h.apply(&mut d, Edit::SetTitle("draft".into()), "Add")
            .expect("valid");
        h.apply_joined(&mut d, Edit::SetTitle("named".into()), "Rename")
            .expect("valid");
        let joined = h.state_id();
        assert_eq!(d.title, "named");
        assert_eq!(h.undo_label(), Some("Add"), "one step, the first label");
        assert_eq!(h.undo(&mut d).as_deref(), Some("Add"));
        assert_eq!((h.state_id(), d.title.as_str()), (start, ""));
        assert!(!h.can_undo(), "no half-way state left to undo to");
        h.redo(&mut d);
        assert_eq!((h.state_id(), d.title.as_str()), (joined, "named"));

        // With nothing to join, it is a step of its own.
        let mut fresh = History::new();
        let mut e = Diagram::new();
        fresh
            .apply_joined(&mut e, Edit::SetTitle("alone".into()), "Rename")
            .expect("valid");
        assert_eq!(fresh.undo_label(), Some("Rename"));
    }
}
