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

mod colors;
mod draw;
mod geom;
mod index;
mod labels;

use crate::model::{
    Diagram, InterfaceId, InterfaceKind, ModuleId, ModuleKind, Point, Rect, Release, UnitId,
};
use crate::rules::{Report, Severity};
use crate::text;
use crate::theme::palette::Palette;
use crate::theme::{self, Rgba};
use rustc_hash::FxBuildHasher;
use std::collections::HashSet;
use std::ops::Range;

pub use geom::exit_point;

use colors::{Deployment, legend, module_colors};
use draw::{
    BADGE_RADIUS, Builder, EDGE_LABEL_MAX_WIDTH, PARALLEL_SPACING, edge_label_rect, interface_label,
};
use index::{FastMap, SceneIndex};

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
            Sample::ThirdParty => draw::third_party_tag_width(),
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

/// The primitives of a short sample arrow of `kind` from `from` to `to`,
/// drawn as interfaces are, in `color` with hollow heads filled with
/// `background` (the tool strip's icons).
#[must_use]
pub fn arrow_sample(
    kind: InterfaceKind,
    from: Point,
    to: Point,
    color: Rgba,
    background: Rgba,
) -> Vec<Primitive> {
    let mut builder = Builder {
        palette: Palette {
            background,
            ..*Palette::get(false)
        },
        primitives: Vec::with_capacity(3),
    };
    builder.arrow(kind, &[from, to], color, false, false);
    builder.primitives
}

/// The primitives of a legend sample whose left edge is at `left_center.x`,
/// centred vertically on `left_center.y`, in `palette`'s colours. The
/// canvas and the exports both draw the legend with it.
#[must_use]
pub fn legend_sample(sample: Sample, left_center: Point, palette: &Palette) -> Vec<Primitive> {
    let mut builder = Builder {
        palette: *palette,
        primitives: Vec::with_capacity(4),
    };
    let Point { x, y } = left_center;
    match sample {
        Sample::Swatch(swatch) => {
            let side = theme::LEGEND_SWATCH;
            let fill = Some(swatch.fill);
            let stroke = Some(Stroke::solid(1.25, swatch.stroke));
            builder.primitives.push(if swatch.round {
                Primitive::Ellipse {
                    center: Point::new(x + side / 2.0, y),
                    radius_x: side / 2.0,
                    radius_y: side / 2.0,
                    fill,
                    stroke,
                }
            } else {
                Primitive::Rect {
                    rect: Rect::new(x, y - side / 2.0, side, side),
                    radius: 3.0,
                    fill,
                    stroke,
                }
            });
        }
        Sample::Shape(kind) => {
            let (w, h) = theme::LEGEND_SHAPE_SIZE;
            let (fill, stroke) = palette.neutral;
            builder.module_shape(
                kind,
                Rect::new(x, y - h / 2.0, w, h),
                (fill, Stroke::solid(1.25, stroke)),
                false,
            );
        }
        Sample::Line(kind) => {
            let from = Point::new(x, y);
            let to = Point::new(x + theme::LEGEND_LINE_WIDTH, y);
            builder.arrow(kind, &[from, to], palette.edge, false, false);
        }
        Sample::ThirdParty => {
            builder.third_party_tag(left_center, false);
        }
    }
    builder.primitives
}

/// Distance from `p` to the segment `a`–`b`.
#[must_use]
pub fn distance_to_segment(p: Point, a: Point, b: Point) -> f32 {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let length_sq = dx * dx + dy * dy;
    let t = if length_sq <= f32::EPSILON {
        0.0
    } else {
        (((p.x - a.x) * dx + (p.y - a.y) * dy) / length_sq).clamp(0.0, 1.0)
    };
    geom::distance(p, Point::new(a.x + dx * t, a.y + dy * t))
}

/// Default box size for a module with a position but no size.
fn default_module_size() -> crate::model::Size {
    crate::model::Size::new(theme::MODULE_MIN_SIZE.0, theme::MODULE_MIN_SIZE.1)
}

/// The deployment unit of every unit (index into `diagram.units`): the
/// nearest unit up the parent chain whose release is `Own` or `Managed`; a
/// root `WithParent` unit counts as `Own`.
fn deployment_units(diagram: &Diagram, unit_index: &FastMap<&str, usize>) -> Vec<usize> {
    let n = diagram.units.len();
    let mut result: Vec<Option<usize>> = vec![None; n];
    for start in 0..n {
        let mut chain = Vec::new();
        let mut current = start;
        let found = loop {
            if let Some(known) = result[current] {
                break known;
            }
            let unit = &diagram.units[current];
            let parent = unit
                .parent
                .as_ref()
                .and_then(|p| unit_index.get(p.as_str()).copied());
            match (unit.release, parent) {
                (Release::Own | Release::Managed, _) | (Release::WithParent, None) => {
                    break current;
                }
                (Release::WithParent, Some(parent)) => {
                    chain.push(current);
                    // A cycle cannot pass validation; stop rather than spin.
                    if chain.len() > n {
                        break current;
                    }
                    current = parent;
                }
            }
        };
        result[current] = Some(found);
        for c in chain {
            result[c] = Some(found);
        }
    }
    result
        .into_iter()
        .enumerate()
        .map(|(i, r)| r.unwrap_or(i))
        .collect()
}

/// Nesting depth of every unit (0 for roots).
fn unit_depths(diagram: &Diagram, unit_index: &FastMap<&str, usize>) -> Vec<usize> {
    let n = diagram.units.len();
    let mut depth: Vec<Option<usize>> = vec![None; n];
    for start in 0..n {
        let mut chain = Vec::new();
        let mut current = start;
        let base = loop {
            if let Some(d) = depth[current] {
                break d;
            }
            let parent = diagram.units[current]
                .parent
                .as_ref()
                .and_then(|p| unit_index.get(p.as_str()).copied());
            chain.push(current);
            match parent {
                Some(p) if chain.len() <= n => current = p,
                _ => {
                    // A root: depth 0 for it, the rest follow below.
                    let root = chain.pop().unwrap_or(current);
                    depth[root] = Some(0);
                    break 0;
                }
            }
        };
        for (k, c) in chain.iter().rev().enumerate() {
            depth[*c] = Some(base + k + 1);
        }
    }
    depth.into_iter().map(Option::unwrap_or_default).collect()
}

/// Which elements `options.only` lets through, as a per-kind mask.
struct Included {
    modules: Vec<bool>,
    units: Vec<bool>,
}

fn included(diagram: &Diagram, options: &SceneOptions, index: &SceneIndex) -> Included {
    let Some(only) = &options.only else {
        return Included {
            modules: vec![true; diagram.modules.len()],
            units: vec![true; diagram.units.len()],
        };
    };
    // A unit is in when it or an ancestor is listed.
    let mut units = vec![false; diagram.units.len()];
    for (i, unit) in diagram.units.iter().enumerate() {
        units[i] = diagram
            .unit_chain(unit.id.as_str())
            .iter()
            .any(|u| only.contains(u.id.as_str()));
    }
    let mut modules = vec![false; diagram.modules.len()];
    for (i, module) in diagram.modules.iter().enumerate() {
        let in_unit = module
            .unit
            .as_ref()
            .and_then(|u| index.units.get(u.as_str()))
            .is_some_and(|&u| units[u]);
        modules[i] = in_unit || only.contains(module.id.as_str());
    }
    for interface in &diagram.interfaces {
        if only.contains(interface.id.as_str()) {
            for end in [&interface.from, &interface.to] {
                if let Some(&m) = index.modules.get(end.as_str()) {
                    modules[m] = true;
                }
            }
        }
    }
    Included { modules, units }
}

/// Findings gathered per element (the first element of each finding).
#[derive(Default)]
struct ElementFindings {
    worst: Option<Severity>,
    unaccepted: usize,
    accepted: usize,
    messages: Vec<String>,
}

fn findings_by_element(report: &Report) -> FastMap<&str, ElementFindings> {
    let mut map: FastMap<&str, ElementFindings> =
        FastMap::with_capacity_and_hasher(report.findings.len(), FxBuildHasher);
    for finding in &report.findings {
        let Some(element) = finding.elements.first() else {
            continue;
        };
        let entry = map.entry(element.as_str()).or_default();
        // "error: message" or "info (accepted): message", built without
        // the formatting machinery: there can be thousands.
        let severity = finding.severity.as_str();
        let mut line = String::with_capacity(severity.len() + finding.message.len() + 13);
        line.push_str(severity);
        if finding.is_accepted() {
            entry.accepted += 1;
            line.push_str(" (accepted)");
        } else {
            entry.unaccepted += 1;
            entry.worst = entry.worst.max(Some(finding.severity));
        }
        line.push_str(": ");
        line.push_str(&finding.message);
        entry.messages.push(line);
    }
    map
}

/// Which drawn shape a badge belongs to, by position in its list.
#[derive(Clone, Copy)]
enum Owner {
    Unit(usize),
    Interface(usize),
    Module(usize),
}

/// Builds the scene for `diagram` with the findings in `report`.
///
/// Pure and fast: one pass per element kind over `Diagram::index()` lookups,
/// no quadratic work, so the canvas can rebuild it every frame of a drag.
#[must_use]
pub fn build(diagram: &Diagram, report: &Report, options: &SceneOptions) -> Scene {
    let palette = *Palette::get(options.dark);
    let index = SceneIndex::new(diagram);
    let included = included(diagram, options, &index);
    let mut findings = if options.show_findings {
        findings_by_element(report)
    } else {
        FastMap::default()
    };
    let is_dimmed = |id: &str| options.highlight.as_ref().is_some_and(|h| !h.contains(id));
    let visible = |id: &str| options.hidden.is_empty() || !options.hidden.contains(id);
    // Findings of drawn elements, in the order their badges are drawn:
    // units, interfaces, modules.
    let mut found: Vec<(Owner, ElementFindings)> = Vec::new();
    let selected = |id: &str| !options.selection.is_empty() && options.selection.contains(id);

    let mut builder = Builder {
        palette,
        primitives: Vec::with_capacity(diagram.modules.len() * 5 + diagram.interfaces.len() * 3),
    };

    // Units, outermost first.
    let depths = unit_depths(diagram, &index.units);
    let deployment = Deployment::new(diagram, &index.units);
    let mut unit_order: Vec<usize> = (0..diagram.units.len())
        .filter(|&i| included.units[i] && diagram.units[i].rect.is_some())
        .filter(|&i| visible(diagram.units[i].id.as_str()))
        .collect();
    unit_order.sort_by_key(|&i| depths[i]);
    let mut units = Vec::with_capacity(unit_order.len());
    // The fill each drawn unit got: the backdrop of the units inside it.
    let mut unit_fills: Vec<Option<Rgba>> = vec![None; diagram.units.len()];
    for i in unit_order {
        let unit = &diagram.units[i];
        let Some(rect) = unit.rect else { continue };
        let dimmed = is_dimmed(unit.id.as_str());
        let strong = unit.isolation >= diagram.settings.strong_isolation;
        let backdrop = (!options.transparent).then(|| {
            unit.parent
                .as_ref()
                .and_then(|p| index.units.get(p.as_str()))
                .and_then(|&p| unit_fills[p])
                .unwrap_or(palette.background)
        });
        let start = builder.primitives.len();
        unit_fills[i] = Some(builder.unit(
            unit,
            rect,
            strong,
            backdrop,
            (dimmed, selected(unit.id.as_str())),
        ));
        if let Some(f) = findings.remove(unit.id.as_str()) {
            found.push((Owner::Unit(units.len()), f));
        }
        units.push(UnitShape {
            id: unit.id.clone(),
            index: i,
            rect,
            title_rect: Rect::new(rect.x, rect.y, rect.w, theme::UNIT_TITLE_HEIGHT.min(rect.h)),
            depth: depths[i],
            dimmed,
            primitives: start..builder.primitives.len(),
        });
    }

    // Module boxes, needed by the interfaces before the modules are drawn.
    let module_rects: Vec<Option<Rect>> = diagram
        .modules
        .iter()
        .enumerate()
        .map(|(i, m)| {
            if !included.modules[i] || !visible(m.id.as_str()) {
                return None;
            }
            m.pos
                .map(|pos| Rect::from_pos_size(pos, m.size.unwrap_or_else(default_module_size)))
        })
        .collect();

    // Labels keep clear of module boxes, unit titles and one another. The
    // obstacles are gathered at the first label (a diagram without labels
    // never pays for them).
    let mut placer: Option<labels::LabelPlacer> = None;
    let obstacles = || {
        labels::LabelPlacer::new(
            module_rects.iter().flatten().copied().chain(
                units
                    .iter()
                    .map(|u: &UnitShape| u.title_rect)
                    .filter(|r| r.w > 0.0 && r.h > 0.0),
            ),
            diagram.interfaces.len(),
        )
    };

    // Interfaces: lines and heads now, labels after the modules.
    let mut parallel: FastMap<(usize, usize), (usize, usize)> = FastMap::default();
    let mut ends = Vec::with_capacity(diagram.interfaces.len());
    for interface in &diagram.interfaces {
        let from = index.modules.get(interface.from.as_str()).copied();
        let to = index.modules.get(interface.to.as_str()).copied();
        let pair = match (from, to) {
            (Some(f), Some(t))
                if module_rects[f].is_some()
                    && module_rects[t].is_some()
                    && visible(interface.id.as_str()) =>
            {
                Some((f, t))
            }
            _ => None,
        };
        if let Some((f, t)) = pair {
            parallel.entry((f.min(t), f.max(t))).or_default().1 += 1;
        }
        ends.push(pair);
    }
    let mut interfaces = Vec::with_capacity(diagram.interfaces.len());
    let mut pending_labels = Vec::with_capacity(diagram.interfaces.len());
    for (i, interface) in diagram.interfaces.iter().enumerate() {
        let Some((f, t)) = ends[i] else { continue };
        let (Some(from_rect), Some(to_rect)) = (module_rects[f], module_rects[t]) else {
            continue;
        };
        let slot = parallel.entry((f.min(t), f.max(t))).or_default();
        let (k, n) = (slot.0, slot.1);
        slot.0 += 1;
        let path = interface_path(interface, from_rect, to_rect, f <= t, k, n);
        let id = interface.id.as_str();
        let from_module = &diagram.modules[f];
        let to_module = &diagram.modules[t];
        let dimmed = options.highlight.as_ref().is_some_and(|h| {
            !(h.contains(id)
                || (h.contains(from_module.id.as_str()) && h.contains(to_module.id.as_str())))
        });
        let element_findings = findings.remove(id);
        let finding = element_findings.as_ref().and_then(|f| f.worst);
        let start = builder.primitives.len();
        let head_bounds =
            builder.interface_line(interface.kind, &path, finding, dimmed, selected(id));
        let mut bounds = geom::bounds_of(&path).union(&head_bounds);
        let label_text = if interface.label.is_empty() {
            String::new()
        } else {
            text::elide(
                &interface.label,
                theme::EDGE_FONT_SIZE,
                EDGE_LABEL_MAX_WIDTH,
            )
        };
        let label_pos = if label_text.is_empty() {
            geom::midpoint(&path).0
        } else {
            let at = placer
                .get_or_insert_with(obstacles)
                .place(&path, &label_text);
            bounds = bounds.union(&edge_label_rect(at, &label_text));
            at
        };
        pending_labels.push((interfaces.len(), label_text));
        if let Some(f) = element_findings {
            found.push((Owner::Interface(interfaces.len()), f));
        }
        interfaces.push(InterfaceShape {
            id: interface.id.clone(),
            index: i,
            kind: interface.kind,
            path,
            label_pos,
            bounds,
            dimmed,
            primitives: start..builder.primitives.len(),
            label_primitives: 0..0,
            label: interface_label(interface, from_module, to_module),
        });
    }

    // Modules.
    let mut modules = Vec::with_capacity(diagram.modules.len());
    for (i, module) in diagram.modules.iter().enumerate() {
        let Some(rect) = module_rects[i] else {
            continue;
        };
        let dimmed = is_dimmed(module.id.as_str());
        let (fill, stroke) =
            module_colors(diagram, &index, &deployment, module, options.view, &palette);
        let start = builder.primitives.len();
        let mark = builder.module(
            module,
            rect,
            (fill, stroke),
            dimmed,
            selected(module.id.as_str()),
        );
        if let Some(f) = findings.remove(module.id.as_str()) {
            found.push((Owner::Module(modules.len()), f));
        }
        modules.push(ModuleShape {
            id: module.id.clone(),
            index: i,
            rect,
            kind: module.kind,
            dimmed,
            mark,
            primitives: start..builder.primitives.len(),
        });
    }

    // Interface labels above everything but badges.
    for (shape_index, label_text) in pending_labels {
        let shape = &mut interfaces[shape_index];
        let start = builder.primitives.len();
        if !label_text.is_empty() {
            builder.edge_label(shape.label_pos, label_text, shape.dimmed);
        }
        shape.label_primitives = start..builder.primitives.len();
    }

    // Badges, with the findings taken from the map as each element was
    // drawn (one lookup per element).
    let mut badges = Vec::with_capacity(found.len());
    for (owner, found) in found {
        let (id, center, dimmed) = match owner {
            Owner::Unit(k) => {
                let unit = &units[k];
                let center = Point::new(unit.rect.right() - 2.0, unit.rect.y + 2.0);
                (unit.id.as_str(), center, unit.dimmed)
            }
            Owner::Interface(k) => {
                let interface = &interfaces[k];
                let center = match builder.primitives.get(interface.label_primitives.start) {
                    Some(Primitive::Rect { rect, .. })
                        if !interface.label_primitives.is_empty() =>
                    {
                        Point::new(rect.right() + BADGE_RADIUS * 0.4, rect.y)
                    }
                    _ => interface.label_pos,
                };
                (interface.id.as_str(), center, interface.dimmed)
            }
            Owner::Module(k) => {
                let module = &modules[k];
                let center = Point::new(module.rect.right() - 2.0, module.rect.y + 2.0);
                (module.id.as_str(), center, module.dimmed)
            }
        };
        builder.place_badge(&mut badges, id, found, center, dimmed);
    }

    let bounds = units
        .iter()
        .map(|u| u.rect)
        .chain(
            modules
                .iter()
                .map(|m| m.mark.map_or(m.rect, |mark| m.rect.union(&mark))),
        )
        .chain(interfaces.iter().map(|i| i.bounds))
        .chain(badges.iter().map(|badge| {
            Rect::new(
                badge.center.x - badge.radius,
                badge.center.y - badge.radius,
                badge.radius * 2.0,
                badge.radius * 2.0,
            )
        }))
        .reduce(|a, r| a.union(&r));

    let legend = legend(
        diagram,
        &index,
        &deployment,
        (&modules, &interfaces, &badges),
        options.view,
        &palette,
    );

    Scene {
        title: diagram.title.clone(),
        view: options.view,
        palette,
        bounds,
        units,
        interfaces,
        modules,
        badges,
        legend,
        primitives: builder.primitives,
    }
}

/// The path of an interface from the border of `from` to the border of
/// `to`. The `k`-th of `n` interfaces between the same two modules is
/// offset sideways so parallel arrows do not overlap; `forward` says
/// whether this one runs in the pair's canonical direction, so arrows in
/// both directions share one fan.
fn interface_path(
    interface: &crate::model::Interface,
    from: Rect,
    to: Rect,
    forward: bool,
    k: usize,
    n: usize,
) -> Vec<Point> {
    let (a, b) = (from.center(), to.center());
    if !interface.points.is_empty() {
        let mut path = Vec::with_capacity(interface.points.len() + 2);
        path.push(geom::exit_point(&from, a, interface.points[0]));
        path.extend_from_slice(&interface.points);
        let last = interface.points[interface.points.len() - 1];
        path.push(geom::exit_point(&to, b, last));
        return path;
    }
    let offset = if n > 1 {
        // Keep every offset line inside both boxes, so it still starts and
        // ends on their borders.
        let room = [from.w, from.h, to.w, to.h]
            .into_iter()
            .fold(f32::INFINITY, f32::min)
            * 0.8;
        let spacing = PARALLEL_SPACING.min(room / (n - 1) as f32);
        let raw = (k as f32 - (n - 1) as f32 / 2.0) * spacing;
        if forward { raw } else { -raw }
    } else {
        0.0
    };
    let (dx, dy) = geom::direction(a, b);
    let (nx, ny) = (-dy * offset, dx * offset);
    let a = Point::new(a.x + nx, a.y + ny);
    let b = Point::new(b.x + nx, b.y + ny);
    vec![geom::exit_point(&from, a, b), geom::exit_point(&to, b, a)]
}

#[cfg(test)]
mod tests;
