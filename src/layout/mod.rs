//! Automatic layout: gives every module a position and size and every unit
//! a rectangle. Pure geometry, deterministic, no egui.
//!
//! The drawing flows left to right in the direction of the interfaces:
//! callers left of callees, external actors at the edges. It respects
//! nesting: each unit is laid out on its own, bottom-up, as a small layered
//! graph of its modules and its child units (as blocks of the size their
//! own contents need); then every block is placed inside its parent. An
//! interface between modules in different blocks counts, at the level of
//! their lowest common ancestor, as an edge between the two blocks that hold
//! them (so it orders the blocks), and inside each block it pulls its module
//! towards the side it leaves by.
//!
//! The steps, one file each: `tree` (the nesting, from the model's
//! `Forest`), `work` (the layout in progress and the sides lines leave
//! their blocks by), `place` (each container's children placed and its
//! rectangle), `layered` (one level's drawing, with `pack` for unconnected
//! blocks and `vertical` for heights), `finish` (the result as
//! [`Geometry`], lines routed by `route`); `size` and `spacing` hold the
//! measures.
//!
//! Last, lines that would cross a module box or a unit holding neither of
//! their ends get waypoints that bend around it (the `route` submodule).
//!
//! [`Mode::All`] lays out everything afresh (the editor's Tidy up);
//! [`Mode::MissingOnly`] keeps every position, size and rectangle already
//! set and places only what lacks one (opening or exporting a file written
//! by hand): new boxes go inside their unit, next to what is already there,
//! growing the unit when it has no room; a unit without a rectangle gets one
//! that fits its contents.
//!
//! The editor makes Tidy up one undoable edit from [`Geometry`]: take
//! [`Geometry::of`] the diagram before, [`compute`] the new one, and
//! [`Geometry::apply`] either.

mod finish;
mod geometry;
mod layered;
mod pack;
mod place;
mod route;
mod size;
mod spacing;
mod tree;
mod vertical;
mod work;

pub use geometry::{Geometry, InterfaceGeometry, ModuleGeometry, UnitGeometry};
pub use route::{Placed, reroute, reroute_watching, segment_entry};
pub use size::{module_size, unit_min_width, unit_title};

use crate::model::Diagram;
use work::Work;

/// What to lay out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Mode {
    /// Only elements without geometry; the others keep theirs (units may
    /// grow to hold what is added to them). Interfaces keep their
    /// waypoints; one without any is routed when an end is placed now.
    MissingOnly,
    /// Everything, from scratch; interface waypoints are routed afresh.
    All,
}

/// Whether any module lacks a position or size, or any unit a rectangle:
/// whether [`Mode::MissingOnly`] would change anything but grow units.
#[must_use]
pub fn needs_layout(diagram: &Diagram) -> bool {
    diagram
        .modules
        .iter()
        .any(|m| m.pos.is_none() || m.size.is_none())
        || diagram.units.iter().any(|u| u.rect.is_none())
}

/// Lays `diagram` out in place.
pub fn lay_out(diagram: &mut Diagram, mode: Mode) {
    compute(diagram, mode).apply(diagram);
}

/// The geometry `diagram` gets when laid out, without changing it.
#[must_use]
pub fn compute(diagram: &Diagram, mode: Mode) -> Geometry {
    let mut work = Work::new(diagram, mode);
    for c in work.tree.bottom_up() {
        work.place_container(c);
    }
    let mut geometry = work.into_geometry(diagram, mode);
    geometry.keep_within_limits();
    geometry
}
