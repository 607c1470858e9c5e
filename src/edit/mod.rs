//! Undoable changes to a [`Diagram`].
//!
//! An [`Edit`] is one granular change (insert, remove or replace one element
//! at an index, set the title, settings or acceptances) or a [`Edit::Batch`]
//! of them. [`Edit::apply`] performs it and returns its exact inverse, so
//! undo restores the diagram byte for byte, element order included. An edit
//! never leaves a diagram the loader would reject: the result is validated
//! and, on failure, the diagram is restored and an [`EditError`] returned.
//!
//! The editor rarely builds granular edits by hand. The builders in
//! [`ops`], [`geometry`], [`clipboard`] and [`teams`] work on a scratch copy
//! of the diagram the way a user thinks of the change ("move these boxes
//! into that unit") and [`Edit::between`] turns the result into granular
//! edits. [`History`] keeps (edit, inverse, label) triples for undo and redo.

pub mod align;
pub mod bends;
pub mod clipboard;
mod diff;
mod element;
pub mod findings;
pub mod geometry;
mod history;
mod moving;
pub mod naming;
pub mod ops;
pub mod place_inside;
pub mod routing;
pub mod teams;

pub use element::ElementRef;
pub use history::History;
pub use moving::Moving;

use crate::model::{
    Acceptance, Diagram, Interface, Module, Settings, Team, Touched, Unit, ValidationError,
    validate, validate_geometry,
};

/// Why an edit could not be made. The diagram is unchanged when one is
/// returned.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum EditError {
    /// The change would produce a diagram the loader rejects.
    #[error("that change would make the diagram invalid: {0}")]
    Invalid(#[from] ValidationError),
    /// An index past the end of a list (a bug in the caller, never user input).
    #[error("no {collection} at position {index}")]
    IndexOutOfRange {
        /// `modules`, `units`, `interfaces` or `teams`.
        collection: &'static str,
        /// The index asked for.
        index: usize,
    },
    /// An id that names no element of the expected kind.
    #[error("there is no {kind} `{id}`")]
    Unknown {
        /// `module`, `unit`, `interface` or `team`.
        kind: &'static str,
        /// The id asked for.
        id: String,
    },
    /// An interface from a module to itself.
    #[error("an interface joins two different modules; `{0}` cannot connect to itself")]
    SelfConnection(String),
    /// An interface kind that does not fit its two ends.
    #[error("{0}")]
    KindDoesNotFit(String),
    /// A unit dropped into itself or one of its descendants.
    #[error("the unit `{0}` cannot be placed inside itself or a unit it contains")]
    UnitIntoItself(String),
    /// An External module placed in a unit.
    #[error("`{0}` is External (outside the system) and cannot be placed in a unit")]
    ExternalInUnit(String),
    /// A team colour that is not `#rrggbb`.
    #[error("`{0}` is not a colour of the form #rrggbb")]
    BadColor(String),
    /// Clipboard content that holds no Seams elements: text that is not a
    /// Seams diagram (the editor reads it through `file`), or a diagram
    /// without modules or units.
    #[error("the clipboard does not hold Seams elements ({0})")]
    Clipboard(String),
}

/// One undoable change to a diagram.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Insert `module` at `index` in [`Diagram::modules`].
    InsertModule {
        /// Position after insertion.
        index: usize,
        /// The module.
        module: Box<Module>,
    },
    /// Remove the module at `index`.
    RemoveModule {
        /// Position of the module.
        index: usize,
    },
    /// Replace the module at `index` with `module`.
    ReplaceModule {
        /// Position of the module.
        index: usize,
        /// The new value.
        module: Box<Module>,
    },
    /// Insert `unit` at `index` in [`Diagram::units`].
    InsertUnit {
        /// Position after insertion.
        index: usize,
        /// The unit.
        unit: Box<Unit>,
    },
    /// Remove the unit at `index`.
    RemoveUnit {
        /// Position of the unit.
        index: usize,
    },
    /// Replace the unit at `index` with `unit`.
    ReplaceUnit {
        /// Position of the unit.
        index: usize,
        /// The new value.
        unit: Box<Unit>,
    },
    /// Insert `interface` at `index` in [`Diagram::interfaces`].
    InsertInterface {
        /// Position after insertion.
        index: usize,
        /// The interface.
        interface: Box<Interface>,
    },
    /// Remove the interface at `index`.
    RemoveInterface {
        /// Position of the interface.
        index: usize,
    },
    /// Replace the interface at `index` with `interface`.
    ReplaceInterface {
        /// Position of the interface.
        index: usize,
        /// The new value.
        interface: Box<Interface>,
    },
    /// Insert `team` at `index` in [`Diagram::teams`].
    InsertTeam {
        /// Position after insertion.
        index: usize,
        /// The team.
        team: Team,
    },
    /// Remove the team at `index`.
    RemoveTeam {
        /// Position of the team.
        index: usize,
    },
    /// Replace the team at `index` with `team`.
    ReplaceTeam {
        /// Position of the team.
        index: usize,
        /// The new value.
        team: Team,
    },
    /// Set the diagram title.
    SetTitle(String),
    /// Set the diagram settings.
    SetSettings(Settings),
    /// Set the list of accepted findings.
    SetAccepted(Vec<Acceptance>),
    /// Several edits applied in order as one change; its inverse is the
    /// inverses in reverse order.
    Batch(Vec<Edit>),
}

impl Edit {
    /// An edit that changes nothing.
    #[must_use]
    pub fn none() -> Self {
        Edit::Batch(Vec::new())
    }

    /// Whether the edit changes nothing (an empty batch, or batches of them).
    #[must_use]
    pub fn is_noop(&self) -> bool {
        match self {
            Edit::Batch(edits) => edits.iter().all(Edit::is_noop),
            _ => false,
        }
    }

    /// The granular edits that turn `old` into `new`, as one batch.
    ///
    /// Elements are matched by id. `new` should keep the relative order of
    /// the elements it shares with `old` (every builder does); if it does
    /// not, the list is rebuilt, which is still exact, only larger.
    #[must_use]
    pub fn between(old: &Diagram, new: &Diagram) -> Edit {
        diff::between(old, new)
    }

    /// Applies the edit and returns its inverse. The result is validated;
    /// on any error `diagram` is left exactly as it was.
    pub fn apply(self, diagram: &mut Diagram) -> Result<Edit, EditError> {
        // `validate` never looks at geometry, so an edit that only moves or
        // resizes things (every drag, every nudge) cannot break what it
        // checks; skipping it keeps those cheap on large diagrams. The
        // geometry limits are checked on every edit: a pass over numbers.
        let geometry_only = self.changes_only_geometry(diagram);
        let inverse = self.apply_unchecked(diagram)?;
        let checked = if geometry_only {
            validate_geometry(diagram)
        } else {
            validate(diagram).and_then(|()| validate_geometry(diagram))
        };
        if let Err(error) = checked {
            // Restoring is the inverse of a change that just succeeded on
            // this very diagram, so it cannot fail.
            let _ = inverse.apply_unchecked(diagram);
            return Err(EditError::Invalid(error));
        }
        Ok(inverse)
    }

    /// Whether the edit replaces elements of `diagram` (as it stands before
    /// the edit) with copies that differ only in geometry (position, size,
    /// rectangle, waypoints): then it cannot break what `validate` checks,
    /// and the diagram's [`crate::model::Forest`] stays as it was.
    #[must_use]
    pub fn changes_only_geometry(&self, diagram: &Diagram) -> bool {
        self.geometry_touched(diagram).is_some()
    }

    /// What this edit touches, by position, when applied to `diagram` it
    /// only moves or resizes things (replaces elements with copies that
    /// differ in position, size, rectangle or waypoints alone); `None`
    /// otherwise, and for an edit that touches nothing.
    #[must_use]
    pub fn geometry_touched(&self, diagram: &Diagram) -> Option<Touched> {
        let mut touched = Touched::default();
        (self.collect_geometry(diagram, &mut touched) && !touched.is_empty()).then_some(touched)
    }

    /// Adds what this edit touches to `touched`; whether it changes only
    /// geometry.
    fn collect_geometry(&self, diagram: &Diagram, touched: &mut Touched) -> bool {
        match self {
            Edit::ReplaceModule { index, module } => {
                touched.modules.push(*index);
                diagram.modules.get(*index).is_some_and(|old| {
                    let mut probe = (**module).clone();
                    probe.pos = old.pos;
                    probe.size = old.size;
                    probe == *old
                })
            }
            Edit::ReplaceUnit { index, unit } => {
                touched.units.push(*index);
                diagram.units.get(*index).is_some_and(|old| {
                    let mut probe = (**unit).clone();
                    probe.rect = old.rect;
                    probe == *old
                })
            }
            Edit::ReplaceInterface { index, interface } => {
                touched.interfaces.push(*index);
                diagram.interfaces.get(*index).is_some_and(|old| {
                    let mut probe = (**interface).clone();
                    probe.points.clone_from(&old.points);
                    probe == *old
                })
            }
            Edit::Batch(edits) => edits.iter().all(|e| e.collect_geometry(diagram, touched)),
            _ => false,
        }
    }

    /// Applies without validating; on an error part-way through a batch,
    /// what was done is undone before returning.
    fn apply_unchecked(self, diagram: &mut Diagram) -> Result<Edit, EditError> {
        Ok(match self {
            Edit::InsertModule { index, module } => {
                insert(&mut diagram.modules, index, *module, "modules")?;
                Edit::RemoveModule { index }
            }
            Edit::RemoveModule { index } => Edit::InsertModule {
                index,
                module: Box::new(remove(&mut diagram.modules, index, "modules")?),
            },
            Edit::ReplaceModule { index, module } => Edit::ReplaceModule {
                index,
                module: Box::new(replace(&mut diagram.modules, index, *module, "modules")?),
            },
            Edit::InsertUnit { index, unit } => {
                insert(&mut diagram.units, index, *unit, "units")?;
                Edit::RemoveUnit { index }
            }
            Edit::RemoveUnit { index } => Edit::InsertUnit {
                index,
                unit: Box::new(remove(&mut diagram.units, index, "units")?),
            },
            Edit::ReplaceUnit { index, unit } => Edit::ReplaceUnit {
                index,
                unit: Box::new(replace(&mut diagram.units, index, *unit, "units")?),
            },
            Edit::InsertInterface { index, interface } => {
                insert(&mut diagram.interfaces, index, *interface, "interfaces")?;
                Edit::RemoveInterface { index }
            }
            Edit::RemoveInterface { index } => Edit::InsertInterface {
                index,
                interface: Box::new(remove(&mut diagram.interfaces, index, "interfaces")?),
            },
            Edit::ReplaceInterface { index, interface } => Edit::ReplaceInterface {
                index,
                interface: Box::new(replace(
                    &mut diagram.interfaces,
                    index,
                    *interface,
                    "interfaces",
                )?),
            },
            Edit::InsertTeam { index, team } => {
                insert(&mut diagram.teams, index, team, "teams")?;
                Edit::RemoveTeam { index }
            }
            Edit::RemoveTeam { index } => Edit::InsertTeam {
                index,
                team: remove(&mut diagram.teams, index, "teams")?,
            },
            Edit::ReplaceTeam { index, team } => Edit::ReplaceTeam {
                index,
                team: replace(&mut diagram.teams, index, team, "teams")?,
            },
            Edit::SetTitle(title) => Edit::SetTitle(std::mem::replace(&mut diagram.title, title)),
            Edit::SetSettings(settings) => {
                Edit::SetSettings(std::mem::replace(&mut diagram.settings, settings))
            }
            Edit::SetAccepted(accepted) => {
                Edit::SetAccepted(std::mem::replace(&mut diagram.accepted, accepted))
            }
            Edit::Batch(edits) => {
                let mut inverses = Vec::with_capacity(edits.len());
                for edit in edits {
                    match edit.apply_unchecked(diagram) {
                        Ok(inverse) => inverses.push(inverse),
                        Err(error) => {
                            for inverse in inverses.into_iter().rev() {
                                let _ = inverse.apply_unchecked(diagram);
                            }
                            return Err(error);
                        }
                    }
                }
                inverses.reverse();
                Edit::Batch(inverses)
            }
        })
    }
}

fn insert<T>(
    list: &mut Vec<T>,
    index: usize,
    item: T,
    collection: &'static str,
) -> Result<(), EditError> {
    if index > list.len() {
        return Err(EditError::IndexOutOfRange { collection, index });
    }
    list.insert(index, item);
    Ok(())
}

fn remove<T>(list: &mut Vec<T>, index: usize, collection: &'static str) -> Result<T, EditError> {
    if index >= list.len() {
        return Err(EditError::IndexOutOfRange { collection, index });
    }
    Ok(list.remove(index))
}

fn replace<T>(
    list: &mut [T],
    index: usize,
    item: T,
    collection: &'static str,
) -> Result<T, EditError> {
    let slot = list
        .get_mut(index)
        .ok_or(EditError::IndexOutOfRange { collection, index })?;
    Ok(std::mem::replace(slot, item))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{InterfaceKind, ModuleId, ModuleKind};

    fn two_modules() -> Diagram {
        let mut d = Diagram::new();
        d.modules.push(Module::new("a", "A", ModuleKind::Component));
        d.modules.push(Module::new("b", "B", ModuleKind::Component));
        d
    }

    #[test]
    fn apply_then_inverse_restores_exactly() {
        let original = two_modules();
        let mut d = original.clone();
        let edit = Edit::Batch(vec![
            Edit::InsertModule {
                index: 1,
                module: Box::new(Module::new("c", "C", ModuleKind::Library)),
            },
            Edit::InsertInterface {
                index: 0,
                interface: Box::new(Interface::new(
                    "a->c",
                    ModuleId::new("a"),
                    ModuleId::new("c"),
                    InterfaceKind::Link,
                )),
            },
            Edit::SetTitle("T".into()),
        ]);
        let inverse = edit.apply(&mut d).expect("valid");
        assert_eq!(d.modules[1].id.as_str(), "c");
        assert_eq!(d.title, "T");
        inverse.apply(&mut d).expect("inverse is valid");
        assert_eq!(d, original);
    }

    #[test]
    fn invalid_results_leave_the_diagram_unchanged() {
        let original = two_modules();
        let mut d = original.clone();
        let edit = Edit::InsertInterface {
            index: 0,
            interface: Box::new(Interface::new(
                "a->a",
                ModuleId::new("a"),
                ModuleId::new("a"),
                InterfaceKind::Rpc,
            )),
        };
        assert!(matches!(edit.apply(&mut d), Err(EditError::Invalid(_))));
        assert_eq!(d, original);
    }

    #[test]
    fn bad_indices_in_a_batch_roll_back() {
        let original = two_modules();
        let mut d = original.clone();
        let edit = Edit::Batch(vec![
            Edit::SetTitle("changed".into()),
            Edit::RemoveModule { index: 7 },
        ]);
        assert!(matches!(
            edit.apply(&mut d),
            Err(EditError::IndexOutOfRange { .. })
        ));
        assert_eq!(d, original);
    }

    #[test]
    fn geometry_only_edits_are_recognised() {
        let mut d = two_modules();
        let mut moved = d.modules[0].clone();
        moved.pos = Some(crate::model::Point::new(10.0, 20.0));
        let edit = Edit::ReplaceModule {
            index: 0,
            module: Box::new(moved.clone()),
        };
        assert!(edit.changes_only_geometry(&d));
        moved.name = "Renamed".into();
        let renamed = Edit::ReplaceModule {
            index: 0,
            module: Box::new(moved),
        };
        assert!(!renamed.changes_only_geometry(&d));
        // A self-referencing rename of the id is never taken for geometry.
        let mut bad = d.modules[0].clone();
        bad.id = crate::model::ModuleId::new("b");
        let clash = Edit::ReplaceModule {
            index: 0,
            module: Box::new(bad),
        };
        assert!(matches!(clash.apply(&mut d), Err(EditError::Invalid(_))));
    }

    #[test]
    fn removing_a_referenced_module_is_refused() {
        let mut d = two_modules();
        d.interfaces.push(Interface::new(
            "a->b",
            ModuleId::new("a"),
            ModuleId::new("b"),
            InterfaceKind::Rpc,
        ));
        let original = d.clone();
        assert!(Edit::RemoveModule { index: 0 }.apply(&mut d).is_err());
        assert_eq!(d, original);
    }
}
