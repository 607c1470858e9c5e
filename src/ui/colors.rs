//! The one place where theme colours become egui colours.

use crate::theme::Rgba;
use egui::Color32;

/// The egui colour of a theme colour.
#[must_use]
pub fn color32(c: Rgba) -> Color32 {
    Color32::from_rgba_unmultiplied(c.r, c.g, c.b, c.a)
}

/// The theme colour of an egui colour (for scene pictures drawn in a
/// widget's own colours, such as the tool strip's arrows).
#[must_use]
pub fn rgba(c: Color32) -> Rgba {
    let [r, g, b, a] = c.to_srgba_unmultiplied();
    Rgba::rgba(r, g, b, a)
}
