//! What an edit that changed only geometry touched, for those that follow
//! such edits cheaply: the canvas patches its scene, the editor keeps its
//! forest.

/// What an edit that changed only geometry (positions, sizes, unit
/// rectangles, waypoints) touched: positions in the diagram's lists.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Touched {
    /// Modules moved or resized.
    pub modules: Vec<usize>,
    /// Units moved or resized.
    pub units: Vec<usize>,
    /// Interfaces whose waypoints changed.
    pub interfaces: Vec<usize>,
}

impl Touched {
    /// How many elements were touched.
    #[must_use]
    pub fn len(&self) -> usize {
        self.modules.len() + self.units.len() + self.interfaces.len()
    }

    /// Whether nothing was touched.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
