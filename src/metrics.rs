//! Box metrics that layout and scene share: how much room a module's shape
//! and a unit's title band take beyond their text, and the captions they
//! show. Layout sizes boxes with them and the scene draws with them, so a
//! box laid out is a box its text fits in.

use crate::model::{Module, ModuleKind, Release, Unit};
use crate::text;
use crate::theme;

/// Width of a library's side bands (each side), in diagram units.
pub const LIBRARY_BAND: f32 = 9.0;
/// Gap between a library's side band and its text.
pub const LIBRARY_TEXT_GAP: f32 = 8.0;
/// Inset of a unit's title (and its chip) from the unit's left edge.
pub const UNIT_TITLE_INSET: f32 = 12.0;
/// Font size of the caption chip in a unit's title band.
pub const CHIP_FONT_SIZE: f32 = 10.5;
/// Padding left and right of the chip's caption.
pub const CHIP_PAD_X: f32 = 7.0;
/// Gap between a unit's title and its chip.
pub const CHIP_GAP: f32 = 8.0;

/// The caption in a unit's chip: "Process", "Sandbox · with parent",
/// "Host · managed".
#[must_use]
pub fn unit_caption(unit: &Unit) -> String {
    match unit.release {
        Release::Own => unit.isolation.label().to_owned(),
        Release::WithParent => format!("{} · with parent", unit.isolation.label()),
        Release::Managed => format!("{} · managed", unit.isolation.label()),
    }
}

/// The width of the chip showing `caption`.
#[must_use]
pub fn chip_width(caption: &str) -> f32 {
    text::width(caption, CHIP_FONT_SIZE) + 2.0 * CHIP_PAD_X
}

/// The width a unit needs so its title band shows its name and its full
/// caption (isolation and release) unshortened.
#[must_use]
pub fn unit_header_width(unit: &Unit) -> f32 {
    text::width(&unit.name, theme::UNIT_FONT_SIZE)
        + CHIP_GAP
        + chip_width(&unit_caption(unit))
        + 2.0 * UNIT_TITLE_INSET
}

/// How much wider than its text (plus `theme::MODULE_PADDING_X` each side) a
/// module of `kind` must be for its name to fit unshortened: the room its
/// shape takes (a library's side bands).
#[must_use]
pub fn module_extra_width(kind: ModuleKind) -> f32 {
    match kind {
        ModuleKind::Library => 2.0 * (LIBRARY_BAND + LIBRARY_TEXT_GAP) - theme::MODULE_PADDING_X,
        ModuleKind::Component | ModuleKind::Datastore | ModuleKind::External => 0.0,
    }
}

/// The second line of a module's box: kind, trust and zone when it has one
/// ("Datastore · Sensitive · tenant-a").
#[must_use]
pub fn module_caption(module: &Module) -> String {
    match &module.zone {
        Some(zone) => format!(
            "{} · {} · {zone}",
            module.kind.label(),
            module.trust.label()
        ),
        None => format!("{} · {}", module.kind.label(), module.trust.label()),
    }
}
