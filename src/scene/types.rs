//! The scene's vocabulary: primitives (what a renderer draws), the shapes
//! that name their slices of them (what the canvas culls and hit-tests),
//! the legend's entries, and [`Scene`] itself.

use super::geom::distance_to_segment;
use super::{View, shapes};
use crate::model::{InterfaceId, InterfaceKind, ModuleId, ModuleKind, Point, Rect, UnitId};
use crate::rules::Severity;
use crate::theme::palette::Palette;
use crate::theme::{self, Rgba};
use std::ops::Range;

/// A dash pattern, in diagram units: a dash, a gap, and for a dash-dot
/// line a short dot and another gap, repeated.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Dash {
    /// Length of each drawn piece.
    pub on: f32,
    /// Length of each gap.
    pub off: f32,
    /// Length of the short piece after each gap on a dash-dot line (it is
    /// followed by another gap of `off`); `None` for a plain dashed line.
    pub dot: Option<f32>,
}

impl Dash {
    /// The pattern as (drawn, gap) pairs, in order, repeated along a line.
    #[must_use]
    pub fn pieces(&self) -> Vec<(f32, f32)> {
        match self.dot {
            Some(dot) => vec![(self.on, self.off), (dot, self.off)],
            None => vec![(self.on, self.off)],
        }
    }

    /// The length after which the pattern repeats.
    #[must_use]
    pub fn period(&self) -> f32 {
        self.pieces().iter().map(|(on, off)| on + off).sum()
    }
}

/// A line style.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Stroke {
    /// Width in diagram units.
    pub width: f32,
    /// Colour.
    pub color: Rgba,
    /// Dash pattern; `None` = solid.
    pub dash: Option<Dash>,
}

impl Stroke {
    /// A solid line.
    #[must_use]
    pub const fn solid(width: f32, color: Rgba) -> Self {
        Stroke {
            width,
            color,
            dash: None,
        }
    }

    /// A dashed line.
    #[must_use]
    pub const fn dashed(width: f32, color: Rgba, on: f32, off: f32) -> Self {
        Stroke {
            width,
            color,
            dash: Some(Dash { on, off, dot: None }),
        }
    }

    /// A dash-dot line: dashes of `on`, dots of `dot`, gaps of `off`.
    #[must_use]
    pub const fn dash_dot(width: f32, color: Rgba, on: f32, off: f32, dot: f32) -> Self {
        Stroke {
            width,
            color,
            dash: Some(Dash {
                on,
                off,
                dot: Some(dot),
            }),
        }
    }
}

/// Horizontal alignment of a [`Text`] about its anchor point.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    /// The text starts at the anchor.
    Start,
    /// The text is centred on the anchor.
    Middle,
    /// The text ends at the anchor.
    End,
}

/// One line of text, already shortened to fit.
#[derive(Clone, Debug, PartialEq)]
pub struct Text {
    /// The anchor: its x per [`Anchor`], its y the vertical centre of the
    /// line box (egui's `Align2::*_CENTER`; SVG adds [`text::ascent`] minus
    /// half of [`text::line_height`] to get the baseline).
    pub pos: Point,
    /// Horizontal alignment.
    pub anchor: Anchor,
    /// Font size in diagram units ([`text::FONT_BYTES`] is the font).
    pub size: f32,
    /// Colour.
    pub color: Rgba,
    /// The text, one line.
    pub text: String,
}

/// One drawing operation in diagram coordinates.
#[derive(Clone, Debug, PartialEq)]
pub enum Primitive {
    /// A rectangle with rounded corners.
    Rect {
        /// The rectangle.
        rect: Rect,
        /// Corner radius.
        radius: f32,
        /// Fill, if any.
        fill: Option<Rgba>,
        /// Border, if any.
        stroke: Option<Stroke>,
    },
    /// An ellipse (a circle when the radii are equal).
    Ellipse {
        /// Centre.
        center: Point,
        /// Horizontal radius.
        radius_x: f32,
        /// Vertical radius.
        radius_y: f32,
        /// Fill, if any.
        fill: Option<Rgba>,
        /// Border, if any.
        stroke: Option<Stroke>,
    },
    /// A closed convex polygon (convex, so egui can fill it directly).
    Polygon {
        /// Corners in order.
        points: Vec<Point>,
        /// Fill, if any.
        fill: Option<Rgba>,
        /// Border, if any.
        stroke: Option<Stroke>,
    },
    /// An open polyline.
    Polyline {
        /// Points in order.
        points: Vec<Point>,
        /// Line style.
        stroke: Stroke,
    },
    /// A line of text.
    Text(Text),
}

/// A unit drawn as a titled container.
#[derive(Clone, Debug, PartialEq)]
pub struct UnitShape {
    /// The unit.
    pub id: UnitId,
    /// Its position in [`Diagram::units`].
    pub index: usize,
    /// Its rectangle.
    pub rect: Rect,
    /// The title band at the top (for hit-testing and renaming in place).
    pub title_rect: Rect,
    /// Nesting depth: 0 for a root unit.
    pub depth: usize,
    /// Whether it is drawn dimmed.
    pub dimmed: bool,
    /// Its slice of [`Scene::primitives`].
    pub primitives: Range<usize>,
}

/// A module drawn as a box shaped by its kind.
#[derive(Clone, Debug, PartialEq)]
pub struct ModuleShape {
    /// The module.
    pub id: ModuleId,
    /// Its position in [`Diagram::modules`].
    pub index: usize,
    /// Its box.
    pub rect: Rect,
    /// Its kind (shape).
    pub kind: ModuleKind,
    /// Whether it is drawn dimmed.
    pub dimmed: bool,
    /// The "3rd" tag on the top edge of a third-party module's box.
    pub mark: Option<Rect>,
    /// Its slice of [`Scene::primitives`].
    pub primitives: Range<usize>,
}

/// An interface drawn as an arrow between two module borders.
#[derive(Clone, Debug, PartialEq)]
pub struct InterfaceShape {
    /// The interface.
    pub id: InterfaceId,
    /// Its position in [`Diagram::interfaces`].
    pub index: usize,
    /// Its kind (line style and head).
    pub kind: InterfaceKind,
    /// The path from the `from` module's border to the `to` module's
    /// border (through the waypoints, if any), before arrowheads.
    pub path: Vec<Point>,
    /// Centre of the label (halfway along the path), also where a badge or
    /// a tooltip belongs when there is no label.
    pub label_pos: Point,
    /// Bounds of everything drawn for it, label included.
    pub bounds: Rect,
    /// Whether it is drawn dimmed.
    pub dimmed: bool,
    /// Line and arrowheads: a slice of [`Scene::primitives`].
    pub primitives: Range<usize>,
    /// Label and its background: a later slice of [`Scene::primitives`].
    pub label_primitives: Range<usize>,
    /// What a screen reader says: kind, from, to, label ("RPC from API to
    /// Photos DB: store").
    pub label: String,
}

/// A finding badge on an element.
#[derive(Clone, Debug, PartialEq)]
pub struct Badge {
    /// The element the findings are about (the one in their ids).
    pub element: String,
    /// Centre of the badge.
    pub center: Point,
    /// Radius of the badge.
    pub radius: f32,
    /// Worst unaccepted severity; `None` when every finding is accepted.
    pub severity: Option<Severity>,
    /// Number of findings shown on the badge (the unaccepted ones, or all
    /// when every one is accepted).
    pub count: usize,
    /// One line per finding, for the tooltip ("error: ...", accepted ones
    /// marked).
    pub messages: Vec<String>,
    /// Its slice of [`Scene::primitives`].
    pub primitives: Range<usize>,
}

/// A colour sample in the legend.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Swatch {
    /// Fill.
    pub fill: Rgba,
    /// Border.
    pub stroke: Rgba,
    /// A dot (findings) rather than a small box (module colours).
    pub round: bool,
}

/// The sample drawn beside a legend label.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Sample {
    /// A colour (what module colours or badges mean).
    Swatch(Swatch),
    /// A small module of this kind (what the shapes mean).
    Shape(ModuleKind),
    /// A short arrow of this kind (what the line patterns and heads mean).
    Line(InterfaceKind),
    /// The tag on third-party modules.
    ThirdParty,
}

impl Sample {
    /// The sample's width in diagram units; every sample is at most
    /// [`theme::LEGEND_SWATCH`] plus a little high, centred on its row.
    #[must_use]
    pub fn width(self) -> f32 {
        match self {
            Sample::Swatch(_) => theme::LEGEND_SWATCH,
            Sample::Shape(_) => theme::LEGEND_SHAPE_SIZE.0,
            Sample::Line(_) => theme::LEGEND_LINE_WIDTH,
            Sample::ThirdParty => shapes::third_party_tag_width(),
        }
    }
}

/// One legend line: a sample and what it means.
#[derive(Clone, Debug, PartialEq)]
pub struct LegendEntry {
    /// The sample.
    pub sample: Sample,
    /// What it means.
    pub label: String,
}

/// A titled group of legend entries.
#[derive(Clone, Debug, PartialEq)]
pub struct LegendGroup {
    /// Heading ("Trust", "Team", "Deployment unit", "Findings").
    pub title: String,
    /// The entries.
    pub entries: Vec<LegendEntry>,
}

/// Everything needed to draw a diagram, in diagram coordinates.
#[derive(Clone, Debug, PartialEq)]
pub struct Scene {
    /// The diagram's title (may be empty).
    pub title: String,
    /// The options it was built with.
    pub view: View,
    /// The palette it was built with.
    pub palette: Palette,
    /// Bounds of everything drawn; `None` when nothing is.
    pub bounds: Option<Rect>,
    /// Units, outermost first (paint order).
    pub units: Vec<UnitShape>,
    /// Interfaces, in file order.
    pub interfaces: Vec<InterfaceShape>,
    /// Modules, in file order.
    pub modules: Vec<ModuleShape>,
    /// Finding badges.
    pub badges: Vec<Badge>,
    /// The legend for the view (and findings, when shown).
    pub legend: Vec<LegendGroup>,
    /// Every drawing operation, in paint order.
    pub primitives: Vec<Primitive>,
}

impl Badge {
    /// The square around the badge.
    #[must_use]
    pub fn rect(&self) -> Rect {
        let r = self.radius;
        Rect::new(self.center.x - r, self.center.y - r, 2.0 * r, 2.0 * r)
    }
}

impl Scene {
    /// Whether nothing is drawn.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.primitives.is_empty()
    }

    /// The topmost module whose box contains `p`.
    #[must_use]
    pub fn module_at(&self, p: Point) -> Option<&ModuleShape> {
        self.modules.iter().rev().find(|m| m.rect.contains(p))
    }

    /// The innermost unit whose rectangle contains `p`.
    #[must_use]
    pub fn unit_at(&self, p: Point) -> Option<&UnitShape> {
        self.units.iter().rev().find(|u| u.rect.contains(p))
    }

    /// The interface whose path passes within `tolerance` of `p`.
    #[must_use]
    pub fn interface_at(&self, p: Point, tolerance: f32) -> Option<&InterfaceShape> {
        self.interfaces.iter().rev().find(|i| {
            i.bounds.expand(tolerance).contains(p)
                && i.path
                    .windows(2)
                    .any(|w| distance_to_segment(p, w[0], w[1]) <= tolerance)
        })
    }
}
