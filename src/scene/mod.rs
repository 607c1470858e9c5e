//! What the diagram looks like: diagram + findings + view options → a flat
//! list of shapes in diagram coordinates.
//!
//! The canvas and the exports both draw a [`Scene`], so the picture in a
//! design doc is the picture the user saw. Everything is precomputed here
//! (clipped arrow paths, arrowheads, shortened text, colours, dimming), so a
//! renderer is a loop over [`Primitive`]s with no decisions of its own:
//!
//! - [`Scene::primitives`] is in paint order: units (outermost first), then
//!   interface lines and arrowheads, then modules, then interface labels,
//!   then finding badges. Painting the whole vector in order draws the scene.
//! - Each [`UnitShape`], [`InterfaceShape`], [`ModuleShape`] and [`Badge`]
//!   names its slice of that vector plus a bounding box, so the canvas can
//!   cull what is off screen and hit-test without looking at primitives.
//!
//! Elements without geometry (no `pos`, no `rect`) are left out: the editor
//! and the exporter lay a diagram out before drawing it.
//!
//! The steps, one file each: [`types`] (the vocabulary), `build` (units,
//! then interface lines, modules, labels, badges, bounds and the legend),
//! `draw` / `shapes` / `arrow` (one element into primitives), `labels`
//! (where interface labels go), `colors` (module colours and the legend),
//! `patch` (a scene brought up to date after an edit that only moved or
//! resized things, equal to a fresh build), `samples` (legend samples and
//! tool icons). Derived facts about the units (nesting depth, deployment
//! units) and the id index come from [`crate::model::Forest`].

mod arrow;
mod build;
mod colors;
mod context;
mod draw;
mod geom;
mod labels;
mod patch;
mod samples;
mod shapes;
mod types;

use std::collections::HashSet;

pub use build::{build, build_with_forest};
pub use geom::{distance_to_segment, exit_point};
pub use patch::{Changed, patch};
pub use samples::{arrow_sample, legend_sample};
pub use types::{
    Anchor, Badge, Dash, InterfaceShape, LegendEntry, LegendGroup, ModuleShape, Primitive, Sample,
    Scene, Stroke, Swatch, Text, UnitShape,
};

/// What module colours mean.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum View {
    /// Colour by trust: untrusted, trusted, sensitive.
    #[default]
    Trust,
    /// Colour by owning team.
    Team,
    /// Colour by deployment unit.
    Deployment,
}

impl View {
    /// Every view, in menu order.
    pub const ALL: [View; 3] = [View::Trust, View::Team, View::Deployment];

    /// A short label for menus ("Trust", "Team", "Deployment").
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            View::Trust => "Trust",
            View::Team => "Team",
            View::Deployment => "Deployment",
        }
    }

    /// The name on the command line (`trust`, `team`, `deployment`).
    #[must_use]
    pub fn cli_name(self) -> &'static str {
        match self {
            View::Trust => "trust",
            View::Team => "team",
            View::Deployment => "deployment",
        }
    }
}

/// How to draw a diagram.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SceneOptions {
    /// What module colours mean.
    pub view: View,
    /// Dark theme colours.
    pub dark: bool,
    /// Draw finding badges and colour interfaces that have findings.
    pub show_findings: bool,
    /// Ids to emphasise; every other element is dimmed (blast radius).
    /// `None` dims nothing.
    pub highlight: Option<HashSet<String>>,
    /// Ids drawn with a selection outline.
    pub selection: HashSet<String>,
    /// Ids not drawn at all (e.g. what the canvas is previewing in a drag).
    pub hidden: HashSet<String>,
    /// The scene goes on a transparent background (an export without one):
    /// unit fills stay translucent. Otherwise they are composed over the
    /// palette's background into opaque colours, which look the same and
    /// rasterise faster.
    pub transparent: bool,
    /// Draw only these elements ("export selection only"): the listed
    /// modules, the listed units with everything inside them, the ends of
    /// listed interfaces, and the interfaces between drawn modules. `None`
    /// draws everything.
    pub only: Option<HashSet<String>>,
}

impl SceneOptions {
    /// Options for `view` with findings shown, nothing highlighted.
    #[must_use]
    pub fn new(view: View, dark: bool) -> Self {
        SceneOptions {
            view,
            dark,
            show_findings: true,
            ..SceneOptions::default()
        }
    }
}

#[cfg(test)]
mod tests;
