//! The one place where theme colours become egui colours.

use crate::theme::Rgba;
use egui::Color32;

/// The egui colour of a theme colour.
#[must_use]
pub fn color32(c: Rgba) -> Color32 {
    Color32::from_rgba_unmultiplied(c.r, c.g, c.b, c.a)
}
