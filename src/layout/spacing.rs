//! The layout's own distances (between boxes, layers and blocks) and grid
//! snapping. The sizes of the boxes themselves come from the theme.

use crate::theme::{GRID, UNIT_PADDING, UNIT_TITLE_HEIGHT};

/// Vertical gap between boxes in one layer.
pub(super) const NODE_GAP: f32 = 3.0 * GRID;
/// Vertical room a long edge passing through a layer takes.
pub(super) const DUMMY_GAP: f32 = GRID;
/// Smallest horizontal gap between layers (room for an arrowhead and a
/// short label).
pub(super) const LAYER_GAP: f32 = 8.0 * GRID;
/// Room on each side of an edge label between layers.
pub(super) const LABEL_MARGIN: f32 = 2.0 * GRID;
/// Largest gap between layers, however long the labels.
pub(super) const MAX_LAYER_GAP: f32 = 32.0 * GRID;
/// Gap between unconnected groups packed side by side, and between what
/// was already placed and what is added to it.
pub(super) const COMPONENT_GAP: f32 = 6.0 * GRID;
/// Gap between the bands a very long level is wrapped into.
pub(super) const BAND_GAP: f32 = 10.0 * GRID;
/// Where a fresh layout starts: the top-left corner of the first box.
pub(super) const ORIGIN: f32 = 5.0 * GRID;

/// Space between a unit's left and right borders and what it holds.
pub(super) const INSET_X: f32 = UNIT_PADDING;
/// Space between a unit's top border and what it holds: the title band and
/// the padding, rounded up so that contents stay on the grid.
pub(super) const INSET_TOP: f32 = snap_up_const(UNIT_TITLE_HEIGHT + UNIT_PADDING);
/// Space between a unit's bottom border and what it holds.
pub(super) const INSET_BOTTOM: f32 = UNIT_PADDING;
/// The content area of a unit that holds nothing.
pub(super) const EMPTY_UNIT_CONTENT: (f32, f32) = (15.0 * GRID, 5.0 * GRID);

// The contents of a unit clear its title band and padding.
const _: () = assert!(INSET_TOP >= UNIT_TITLE_HEIGHT + UNIT_PADDING);

const fn snap_up_const(value: f32) -> f32 {
    let steps = value / GRID;
    let whole = steps as i32 as f32;
    let ceil = if whole < steps { whole + 1.0 } else { whole };
    ceil * GRID
}

/// `value` rounded to the nearest grid line.
pub(super) fn snap(value: f32) -> f32 {
    (value / GRID).round() * GRID
}

/// `value` rounded up to a grid line.
pub(super) fn snap_up(value: f32) -> f32 {
    (value / GRID).ceil() * GRID
}

/// `value` rounded down to a grid line (values a hair below one stay on it).
pub(super) fn snap_down(value: f32) -> f32 {
    (value / GRID + 1e-3).floor() * GRID
}

#[cfg(test)]
// Grid coordinates are small multiples of 8: exact in f32.
#[allow(clippy::float_cmp)]
mod tests {
    use super::*;

    #[test]
    fn insets_and_gaps_are_on_the_grid() {
        for value in [
            NODE_GAP,
            LAYER_GAP,
            COMPONENT_GAP,
            ORIGIN,
            INSET_X,
            INSET_TOP,
            INSET_BOTTOM,
            EMPTY_UNIT_CONTENT.0,
            EMPTY_UNIT_CONTENT.1,
        ] {
            assert_eq!(value % GRID, 0.0, "{value}");
        }
        assert_eq!(snap_up(17.0), 24.0);
        assert_eq!(snap_up(16.0), 16.0);
        assert_eq!(snap_down(15.9), 8.0);
        assert_eq!(snap(13.0), 16.0);
    }
}
