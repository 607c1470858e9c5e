//! View state: how the document is shown, kept apart from the document.

use crate::edit::ElementRef;
use crate::scene::View;
use crate::ui::tool::Tool;
use std::collections::BTreeSet;

/// Everything about the editor's view that is not the document.
#[derive(Clone, Debug)]
#[expect(
    clippy::struct_excessive_bools,
    reason = "independent view toggles, each a check mark in the View menu"
)]
pub struct ViewState {
    /// The selected elements.
    pub selection: BTreeSet<ElementRef>,
    /// The active tool.
    pub tool: Tool,
    /// What module colours mean.
    pub color_by: View,
    /// Whether the grid is drawn.
    pub show_grid: bool,
    /// Whether the legend is drawn over the canvas.
    pub show_legend: bool,
    /// Where the legend sits on the canvas.
    pub legend: LegendPlace,
    /// Whether moves and new boxes snap to the grid.
    pub snap: bool,
    /// Whether the dark theme is on.
    pub dark: bool,
    /// Whether the inspector panel is shown.
    pub show_inspector: bool,
    /// Whether the findings panel is shown.
    pub show_findings: bool,
}

impl ViewState {
    /// The default view, light or dark.
    #[must_use]
    pub fn new(dark: bool) -> Self {
        ViewState {
            selection: BTreeSet::new(),
            tool: crate::ui::tool::Tool::Select,
            color_by: View::Trust,
            show_grid: true,
            show_legend: true,
            legend: LegendPlace::default(),
            snap: true,
            dark,
            show_inspector: true,
            show_findings: true,
        }
    }

    /// The selection as a list, in a stable order.
    #[must_use]
    pub fn selected(&self) -> Vec<ElementRef> {
        self.selection.iter().cloned().collect()
    }

    /// The one selected element, if exactly one is selected.
    #[must_use]
    pub fn single(&self) -> Option<&ElementRef> {
        if self.selection.len() == 1 {
            self.selection.iter().next()
        } else {
            None
        }
    }

    /// Whether `element` is selected.
    #[must_use]
    pub fn is_selected(&self, element: &ElementRef) -> bool {
        !self.selection.is_empty() && self.selection.contains(element)
    }

    /// Snaps a diagram coordinate to the grid when snapping is on.
    #[must_use]
    pub fn snap(&self, value: f32) -> f32 {
        if self.snap {
            (value / crate::theme::GRID).round() * crate::theme::GRID
        } else {
            value
        }
    }
}

/// Where the legend sits: the corner of the canvas it keeps to and how far
/// in from that corner, so that it stays in its corner (and on the canvas)
/// when the window is resized.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LegendPlace {
    /// The canvas corner the legend keeps to.
    pub corner: egui::Align2,
    /// From that corner of the canvas to the same corner of the legend, in
    /// screen points, both components pointing into the canvas.
    pub inset: egui::Vec2,
}

impl Default for LegendPlace {
    /// The bottom left corner.
    fn default() -> Self {
        LegendPlace::in_corner(egui::Align2::LEFT_BOTTOM)
    }
}

impl LegendPlace {
    /// How far from the canvas edges a legend put in a corner sits.
    pub const CORNER_INSET: f32 = 12.0;

    /// In `corner`, [`LegendPlace::CORNER_INSET`] in from both edges.
    #[must_use]
    pub fn in_corner(corner: egui::Align2) -> Self {
        LegendPlace {
            corner,
            inset: egui::Vec2::splat(Self::CORNER_INSET),
        }
    }

    /// The legend's rectangle on a canvas at `canvas` (screen points) for a
    /// legend of `size`: from its corner, then moved back onto the canvas
    /// where the canvas has become too small for the inset.
    #[must_use]
    pub fn rect(&self, size: egui::Vec2, canvas: egui::Rect) -> egui::Rect {
        let x = match self.corner.x() {
            egui::Align::Max => canvas.right() - self.inset.x - size.x,
            _ => canvas.left() + self.inset.x,
        };
        let y = match self.corner.y() {
            egui::Align::Max => canvas.bottom() - self.inset.y - size.y,
            _ => canvas.top() + self.inset.y,
        };
        // Inside [lo, hi] when it fits, at lo otherwise.
        let keep = |start: f32, lo: f32, hi: f32| start.min(hi).max(lo);
        let min = egui::pos2(
            keep(x, canvas.left(), canvas.right() - size.x),
            keep(y, canvas.top(), canvas.bottom() - size.y),
        );
        egui::Rect::from_min_size(min, size)
    }

    /// The place of a legend dropped at `rect` on a canvas at `canvas`: it
    /// keeps to the corner nearest its centre, at the distance it was
    /// dropped from it (moved onto the canvas first, if it was dropped
    /// partly outside).
    #[must_use]
    pub fn dropped_at(rect: egui::Rect, canvas: egui::Rect) -> Self {
        let rect = Self {
            corner: egui::Align2::LEFT_TOP,
            inset: rect.min - canvas.min,
        }
        .rect(rect.size(), canvas);
        let right = rect.center().x > canvas.center().x;
        let bottom = rect.center().y > canvas.center().y;
        let corner = egui::Align2([
            if right {
                egui::Align::Max
            } else {
                egui::Align::Min
            },
            if bottom {
                egui::Align::Max
            } else {
                egui::Align::Min
            },
        ]);
        let inset = egui::vec2(
            if right {
                canvas.right() - rect.right()
            } else {
                rect.left() - canvas.left()
            },
            if bottom {
                canvas.bottom() - rect.bottom()
            } else {
                rect.top() - canvas.top()
            },
        );
        LegendPlace {
            corner,
            inset: inset.max(egui::Vec2::ZERO),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::LegendPlace;
    use egui::{Align2, Rect, pos2, vec2};

    #[test]
    fn a_legend_keeps_to_its_corner_and_to_the_canvas() {
        let canvas = Rect::from_min_size(pos2(0.0, 30.0), vec2(1000.0, 600.0));
        let size = vec2(200.0, 100.0);
        let place = LegendPlace::default();
        assert_eq!(
            place.rect(size, canvas),
            Rect::from_min_size(pos2(12.0, 518.0), size)
        );
        // Dropped near the top right, it keeps to that corner when the
        // canvas narrows.
        let dropped = Rect::from_min_size(pos2(700.0, 80.0), size);
        let place = LegendPlace::dropped_at(dropped, canvas);
        assert_eq!(place.corner, Align2::RIGHT_TOP);
        assert_eq!(place.inset, vec2(100.0, 50.0));
        assert_eq!(place.rect(size, canvas), dropped);
        let narrow = Rect::from_min_size(pos2(0.0, 30.0), vec2(500.0, 600.0));
        assert_eq!(
            place.rect(size, narrow),
            Rect::from_min_size(pos2(200.0, 80.0), size)
        );
        // A canvas smaller than the inset leaves the legend on it.
        let tiny = Rect::from_min_size(pos2(0.0, 30.0), vec2(250.0, 120.0));
        let r = place.rect(size, tiny);
        assert!(tiny.contains_rect(r), "{r:?} on {tiny:?}");
        // Dropped partly off the canvas, it comes back onto it.
        let off = Rect::from_min_size(pos2(-50.0, 600.0), size);
        let place = LegendPlace::dropped_at(off, canvas);
        assert_eq!(
            place,
            LegendPlace {
                corner: Align2::LEFT_BOTTOM,
                inset: egui::Vec2::ZERO
            }
        );
    }
}
