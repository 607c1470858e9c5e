//! View state: how the document is shown, kept apart from the document.

use crate::edit::ElementRef;
use crate::scene::View;
use crate::ui::actions::Tool;
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
    /// The corner of the canvas the legend sits in.
    pub legend_corner: egui::Align2,
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
            tool: crate::ui::actions::Tool::Select,
            color_by: View::Trust,
            show_grid: true,
            show_legend: true,
            legend_corner: egui::Align2::LEFT_BOTTOM,
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
