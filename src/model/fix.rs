//! A rule's suggested fix: produced by `rules`, applied by `edit`
//! (`edit::apply_fix`), so it lives below both.

use super::{InterfaceId, ModuleId, UnitId};

/// A suggested fix the editor can apply as one undoable edit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fix {
    /// Move the footholds into new units with the diagram's
    /// `strong_isolation`, released with their parent: one new unit inside
    /// each unit they occupy.
    IsolateFootholds {
        /// The footholds to move (placed ones; sorted by id).
        footholds: Vec<ModuleId>,
    },
    /// Merge the units into the first one: their modules and child units move
    /// into it and the others are deleted.
    MergeUnits {
        /// The units, the one kept first.
        units: Vec<UnitId>,
    },
    /// Mark the interfaces `versioned: true`.
    MarkVersioned {
        /// The interfaces.
        interfaces: Vec<InterfaceId>,
    },
    /// Place the module in `unit` (the unit under it on the canvas).
    PlaceModule {
        /// The unplaced module.
        module: ModuleId,
        /// Where to put it.
        unit: UnitId,
    },
    /// Delete the module and its interfaces.
    DeleteModule {
        /// The module.
        module: ModuleId,
    },
    /// Delete the (empty) unit.
    DeleteUnit {
        /// The unit.
        unit: UnitId,
    },
}

impl Fix {
    /// A short imperative label for the fix button.
    #[must_use]
    pub fn label(&self) -> &'static str {
        match self {
            Fix::IsolateFootholds { footholds } if footholds.len() > 1 => {
                "Move them into strongly isolated units"
            }
            Fix::IsolateFootholds { .. } => "Move it into a strongly isolated unit",
            Fix::MergeUnits { .. } => "Merge the units into one",
            Fix::MarkVersioned { interfaces } if interfaces.len() > 1 => {
                "Mark the interfaces versioned"
            }
            Fix::MarkVersioned { .. } => "Mark the interface versioned",
            Fix::PlaceModule { .. } => "Place it in the unit under it",
            Fix::DeleteModule { .. } => "Delete the module",
            Fix::DeleteUnit { .. } => "Delete the unit",
        }
    }
}
