//! How big boxes must be for their text, in the editor's font at zoom 1.

use super::spacing::{EMPTY_UNIT_CONTENT, INSET_X, snap_up};
use crate::metrics::{module_caption, module_extra_width, unit_header_width};
use crate::model::{Module, Size, Unit};
use crate::text;
use crate::theme::{
    MODULE_DETAIL_FONT_SIZE, MODULE_FONT_SIZE, MODULE_MIN_SIZE, MODULE_PADDING_X, UNIT_FONT_SIZE,
};

/// Vertical padding above the name and below the detail line of a module.
const MODULE_PADDING_Y: f32 = 8.0;

/// The title in a unit's title band: its name and isolation
/// (`"API server · Process"`). Units are at least wide enough for it.
#[must_use]
pub fn unit_title(unit: &Unit) -> String {
    format!("{} · {}", unit.name, unit.isolation)
}

/// The size a module's box needs: its name in [`MODULE_FONT_SIZE`] over
/// its [`module_caption`] in [`MODULE_DETAIL_FONT_SIZE`], with
/// [`MODULE_PADDING_X`] on each side plus the room its shape takes (a
/// library's side bands, [`module_extra_width`]); at least
/// [`MODULE_MIN_SIZE`]; on the grid.
#[must_use]
pub fn module_size(module: &Module) -> Size {
    let (name_w, name_h) = text::size(&module.name, MODULE_FONT_SIZE);
    let detail_w = text::width(&module_caption(module), MODULE_DETAIL_FONT_SIZE);
    let w = name_w.max(detail_w) + 2.0 * MODULE_PADDING_X + module_extra_width(module.kind);
    let h = name_h + text::line_height(MODULE_DETAIL_FONT_SIZE) + 2.0 * MODULE_PADDING_Y;
    Size::new(
        snap_up(w.max(MODULE_MIN_SIZE.0)),
        snap_up(h.max(MODULE_MIN_SIZE.1)),
    )
}

/// The narrowest a unit can be: wide enough for its title band as the
/// scene draws it (name and caption chip,
/// [`unit_header_width`]) and for its [`unit_title`] with
/// padding, or an empty unit's content, whichever is widest; on the grid.
#[must_use]
pub fn unit_min_width(unit: &Unit) -> f32 {
    let title = (text::width(&unit_title(unit), UNIT_FONT_SIZE) + 2.0 * INSET_X)
        .max(unit_header_width(unit));
    snap_up(title.max(EMPTY_UNIT_CONTENT.0 + 2.0 * INSET_X))
}

#[cfg(test)]
// Grid coordinates are small multiples of 8: exact in f32.
#[allow(clippy::float_cmp)]
mod tests {
    use super::*;
    use crate::model::{Isolation, ModuleKind};
    use crate::theme::GRID;

    #[test]
    fn short_names_get_the_minimum_box() {
        let module = Module::new("db", "DB", ModuleKind::Datastore);
        let needed =
            text::width(&module_caption(&module), MODULE_DETAIL_FONT_SIZE) + 2.0 * MODULE_PADDING_X;
        let size = module_size(&module);
        assert_eq!(size.w, snap_up(needed.max(MODULE_MIN_SIZE.0)));
        assert_eq!(size.h, snap_up(MODULE_MIN_SIZE.1));
    }

    #[test]
    fn libraries_have_room_for_their_side_bands() {
        let name = "A library with a rather long descriptive name";
        let component = module_size(&Module::new("c", name, ModuleKind::Component));
        let library = module_size(&Module::new("l", name, ModuleKind::Library));
        let needed = text::width(name, MODULE_FONT_SIZE)
            + 2.0 * MODULE_PADDING_X
            + module_extra_width(ModuleKind::Library);
        assert!(library.w >= needed, "{} < {needed}", library.w);
        assert!(library.w > component.w);
    }

    #[test]
    fn units_have_room_for_their_title_band() {
        let mut unit = Unit::new("u", "Payments API gateway", Isolation::Sandbox);
        unit.release = crate::model::Release::WithParent;
        assert!(unit_min_width(&unit) >= unit_header_width(&unit));
    }

    #[test]
    fn long_names_widen_the_box_to_fit() {
        let name = "A module with a rather long descriptive name";
        let module = Module::new("long", name, ModuleKind::Component);
        let size = module_size(&module);
        let needed = text::width(name, MODULE_FONT_SIZE) + 2.0 * MODULE_PADDING_X;
        assert!(
            size.w >= needed && size.w < needed + GRID,
            "{} {needed}",
            size.w
        );
        assert_eq!(size.w % GRID, 0.0);
    }

    #[test]
    fn the_detail_line_fits_too() {
        let mut module = Module::new("x", "X", ModuleKind::Datastore);
        module.zone = Some("a-rather-long-tenant-zone-name".to_owned());
        let size = module_size(&module);
        let detail = text::width(&module_caption(&module), MODULE_DETAIL_FONT_SIZE);
        assert!(size.w >= detail + 2.0 * MODULE_PADDING_X);
    }

    #[test]
    fn units_fit_their_title() {
        let unit = Unit::new(
            "u",
            "A very long deployment unit title indeed",
            Isolation::Container,
        );
        let needed = text::width(&unit_title(&unit), UNIT_FONT_SIZE) + 2.0 * INSET_X;
        assert!(unit_min_width(&unit) >= needed);
    }
}
