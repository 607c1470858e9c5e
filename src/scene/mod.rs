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

mod geom;
pub mod text;

use crate::model::{
    Diagram, InterfaceId, InterfaceKind, ModuleId, ModuleKind, Point, Rect, Release, Trust, UnitId,
};
use crate::rules::{Report, Severity};
use crate::theme::palette::{DEPLOYMENT_PALETTE, Palette};
use crate::theme::{self, Rgba};
use std::collections::{HashMap, HashSet};
use std::ops::Range;

pub use geom::exit_point;

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

/// A dash pattern, in diagram units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Dash {
    /// Length of each drawn piece.
    pub on: f32,
    /// Length of each gap.
    pub off: f32,
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
            dash: Some(Dash { on, off }),
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
    /// What a screen reader says: name, isolation, release.
    pub label: String,
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
    /// Its slice of [`Scene::primitives`].
    pub primitives: Range<usize>,
    /// What a screen reader says: name, kind, trust.
    pub label: String,
}

/// An interface drawn as an arrow between two module borders.
#[derive(Clone, Debug, PartialEq)]
pub struct InterfaceShape {
    /// The interface.
    pub id: InterfaceId,
    /// Its position in [`Diagram::interfaces`].
    pub index: usize,
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
    /// What a screen reader says: kind, from, to, label.
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

/// The sample drawn beside a legend label.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Swatch {
    /// Fill.
    pub fill: Rgba,
    /// Border.
    pub stroke: Rgba,
    /// A dot (findings) rather than a small box (module colours).
    pub round: bool,
}

/// One legend line: a colour and what it means.
#[derive(Clone, Debug, PartialEq)]
pub struct LegendEntry {
    /// The colour sample.
    pub swatch: Swatch,
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

// ---------------------------------------------------------------------------
// Sizes of scene details, in diagram units. Font sizes and paddings shared
// with the UI live in `theme`; these only matter here.

const MODULE_RADIUS: f32 = 8.0;
const MODULE_STROKE: f32 = 1.5;
const LIBRARY_BAND: f32 = 9.0;
const CYLINDER_RY_MAX: f32 = 9.0;
const ACTOR_ICON_WIDTH: f32 = 26.0;
const UNIT_RADIUS: f32 = 12.0;
const UNIT_TITLE_INSET: f32 = 12.0;
const CHIP_FONT_SIZE: f32 = 10.5;
const CHIP_PAD_X: f32 = 7.0;
const CHIP_HEIGHT: f32 = 17.0;
const PARALLEL_SPACING: f32 = 18.0;
const EDGE_LABEL_MAX_WIDTH: f32 = 200.0;
const EDGE_LABEL_PAD: f32 = 3.0;
const BADGE_RADIUS: f32 = 9.0;
const BADGE_FONT_SIZE: f32 = 10.5;
const SELECTION_GAP: f32 = 3.5;
const ARC_SEGMENTS: usize = 14;

/// Default box size for a module with a position but no size.
fn default_module_size() -> crate::model::Size {
    crate::model::Size::new(theme::MODULE_MIN_SIZE.0, theme::MODULE_MIN_SIZE.1)
}

/// The deployment unit of every unit (index into `diagram.units`): the
/// nearest unit up the parent chain whose release is `Own` or `Managed`; a
/// root `WithParent` unit counts as `Own`.
#[must_use]
pub fn deployment_units(diagram: &Diagram, unit_index: &HashMap<&str, usize>) -> Vec<usize> {
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
fn unit_depths(diagram: &Diagram, unit_index: &HashMap<&str, usize>) -> Vec<usize> {
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

fn included(diagram: &Diagram, options: &SceneOptions, index: &crate::model::Index) -> Included {
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

fn findings_by_element(report: &Report) -> HashMap<&str, ElementFindings> {
    let mut map: HashMap<&str, ElementFindings> = HashMap::new();
    for finding in &report.findings {
        let Some(element) = finding.elements.first() else {
            continue;
        };
        let entry = map.entry(element.as_str()).or_default();
        if finding.is_accepted() {
            entry.accepted += 1;
            entry.messages.push(format!(
                "{} (accepted): {}",
                finding.severity, finding.message
            ));
        } else {
            entry.unaccepted += 1;
            entry.worst = entry.worst.max(Some(finding.severity));
            entry
                .messages
                .push(format!("{}: {}", finding.severity, finding.message));
        }
    }
    map
}

/// Builds the scene for `diagram` with the findings in `report`.
///
/// Pure and fast: one pass per element kind over `Diagram::index()` lookups,
/// no quadratic work, so the canvas can rebuild it every frame of a drag.
#[must_use]
pub fn build(diagram: &Diagram, report: &Report, options: &SceneOptions) -> Scene {
    let palette = *Palette::get(options.dark);
    let index = diagram.index();
    let included = included(diagram, options, &index);
    let findings = if options.show_findings {
        findings_by_element(report)
    } else {
        HashMap::new()
    };
    let is_dimmed = |id: &str| options.highlight.as_ref().is_some_and(|h| !h.contains(id));
    let visible = |id: &str| !options.hidden.contains(id);

    let mut b = Builder {
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
    for i in unit_order {
        let unit = &diagram.units[i];
        let Some(rect) = unit.rect else { continue };
        let dimmed = is_dimmed(unit.id.as_str());
        let strong = unit.isolation >= diagram.settings.strong_isolation;
        let start = b.primitives.len();
        b.unit(
            unit,
            rect,
            strong,
            dimmed,
            options.selection.contains(unit.id.as_str()),
        );
        units.push(UnitShape {
            id: unit.id.clone(),
            index: i,
            rect,
            title_rect: Rect::new(rect.x, rect.y, rect.w, theme::UNIT_TITLE_HEIGHT.min(rect.h)),
            depth: depths[i],
            dimmed,
            primitives: start..b.primitives.len(),
            label: format!("Unit {}: {}", unit.name, unit_caption(unit)),
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

    // Interfaces: lines and heads now, labels after the modules.
    let mut parallel: HashMap<(usize, usize), (usize, usize)> = HashMap::new();
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
        let finding_color = findings
            .get(id)
            .and_then(|f| f.worst)
            .map(|s| severity_color(&palette, s));
        let start = b.primitives.len();
        let head_bounds = b.interface_line(
            interface.kind,
            &path,
            finding_color,
            dimmed,
            options.selection.contains(id),
        );
        let (label_pos, _) = geom::midpoint(&path);
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
        if !label_text.is_empty() {
            bounds = bounds.union(&edge_label_rect(label_pos, &label_text));
        }
        pending_labels.push((interfaces.len(), label_text));
        interfaces.push(InterfaceShape {
            id: interface.id.clone(),
            index: i,
            path,
            label_pos,
            bounds,
            dimmed,
            primitives: start..b.primitives.len(),
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
        let start = b.primitives.len();
        b.module(
            module,
            rect,
            (fill, stroke),
            dimmed,
            options.selection.contains(module.id.as_str()),
        );
        modules.push(ModuleShape {
            id: module.id.clone(),
            index: i,
            rect,
            kind: module.kind,
            dimmed,
            primitives: start..b.primitives.len(),
            label: format!("{}: {}", module.kind.label(), module.name),
        });
    }

    // Interface labels above everything but badges.
    for (shape_index, label_text) in pending_labels {
        let shape = &mut interfaces[shape_index];
        let start = b.primitives.len();
        if !label_text.is_empty() {
            b.edge_label(shape.label_pos, label_text, shape.dimmed);
        }
        shape.label_primitives = start..b.primitives.len();
    }

    // Badges.
    let mut badges = Vec::new();
    if options.show_findings {
        for unit in &units {
            let center = Point::new(unit.rect.right() - 2.0, unit.rect.y + 2.0);
            b.place_badge(
                &mut badges,
                &findings,
                unit.id.as_str(),
                center,
                unit.dimmed,
            );
        }
        for interface in &interfaces {
            let center = match &b.primitives.get(interface.label_primitives.start) {
                Some(Primitive::Rect { rect, .. }) if !interface.label_primitives.is_empty() => {
                    Point::new(rect.right() + BADGE_RADIUS * 0.4, rect.y)
                }
                _ => interface.label_pos,
            };
            b.place_badge(
                &mut badges,
                &findings,
                interface.id.as_str(),
                center,
                interface.dimmed,
            );
        }
        for module in &modules {
            let center = Point::new(module.rect.right() - 2.0, module.rect.y + 2.0);
            b.place_badge(
                &mut badges,
                &findings,
                module.id.as_str(),
                center,
                module.dimmed,
            );
        }
    }

    let bounds = units
        .iter()
        .map(|u| u.rect)
        .chain(modules.iter().map(|m| m.rect))
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
        &modules,
        &badges,
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
        primitives: b.primitives,
    }
}

fn severity_color(palette: &Palette, severity: Severity) -> Rgba {
    match severity {
        Severity::Error => palette.error,
        Severity::Warning => palette.warning,
        Severity::Info => palette.info,
    }
}

/// "Process", "Sandbox · with parent", "Host · managed".
fn unit_caption(unit: &crate::model::Unit) -> String {
    match unit.release {
        Release::Own => unit.isolation.label().to_owned(),
        Release::WithParent => format!("{} · with parent", unit.isolation.label()),
        Release::Managed => format!("{} · managed", unit.isolation.label()),
    }
}

/// "Datastore · Sensitive · zone", the second line of a module.
fn module_caption(module: &crate::model::Module) -> String {
    match &module.zone {
        Some(zone) => format!(
            "{} · {} · {zone}",
            module.kind.label(),
            module.trust.label()
        ),
        None => format!("{} · {}", module.kind.label(), module.trust.label()),
    }
}

fn interface_label(
    interface: &crate::model::Interface,
    from: &crate::model::Module,
    to: &crate::model::Module,
) -> String {
    let mut label = format!(
        "{} from {} to {}",
        interface.kind.label(),
        from.name,
        to.name
    );
    if !interface.label.is_empty() {
        label.push_str(": ");
        label.push_str(&interface.label);
    }
    label
}

fn module_colors(
    diagram: &Diagram,
    index: &crate::model::Index,
    deployment: &Deployment,
    module: &crate::model::Module,
    view: View,
    palette: &Palette,
) -> (Rgba, Rgba) {
    match view {
        View::Trust => trust_colors(palette, module.trust),
        View::Team => module
            .team
            .as_ref()
            .and_then(|t| diagram.team_color(t.as_str()))
            .and_then(Rgba::from_hex)
            .map_or(palette.neutral, |c| palette.tint(c)),
        View::Deployment => module
            .unit
            .as_ref()
            .and_then(|u| index.units.get(u.as_str()))
            .map_or(palette.neutral, |&u| {
                palette.tint(deployment_color(deployment, u))
            }),
    }
}

fn trust_colors(palette: &Palette, trust: Trust) -> (Rgba, Rgba) {
    match trust {
        Trust::Untrusted => palette.untrusted,
        Trust::Trusted => palette.trusted,
        Trust::Sensitive => palette.sensitive,
    }
}

/// The colour of deployment unit `unit`: its ordinal among deployment units
/// in file order picks a palette colour, so colours stay put as modules move.
fn deployment_color(deployment: &Deployment, unit: usize) -> Rgba {
    let ordinal = deployment.ordinal[deployment.unit[unit]];
    DEPLOYMENT_PALETTE[ordinal % DEPLOYMENT_PALETTE.len()]
}

/// The deployment unit of every unit and the ordinal of every deployment
/// unit among them (file order), computed once per build.
struct Deployment {
    /// Deployment unit of each unit (an index into `Diagram::units`).
    unit: Vec<usize>,
    /// For a deployment unit, how many deployment units precede it.
    ordinal: Vec<usize>,
}

impl Deployment {
    fn new(diagram: &Diagram, unit_index: &HashMap<&str, usize>) -> Self {
        let unit = deployment_units(diagram, unit_index);
        let mut ordinal = vec![0; unit.len()];
        let mut next = 0;
        for (i, d) in unit.iter().enumerate() {
            if i == *d {
                ordinal[i] = next;
                next += 1;
            }
        }
        Deployment { unit, ordinal }
    }
}

fn legend(
    diagram: &Diagram,
    index: &crate::model::Index,
    deployment: &Deployment,
    modules: &[ModuleShape],
    badges: &[Badge],
    view: View,
    palette: &Palette,
) -> Vec<LegendGroup> {
    let boxed = |(fill, stroke): (Rgba, Rgba), label: &str| LegendEntry {
        swatch: Swatch {
            fill,
            stroke,
            round: false,
        },
        label: label.to_owned(),
    };
    let mut groups = Vec::new();
    match view {
        View::Trust => groups.push(LegendGroup {
            title: "Trust".to_owned(),
            entries: Trust::ALL
                .iter()
                .map(|&t| boxed(trust_colors(palette, t), t.label()))
                .collect(),
        }),
        View::Team => {
            let mut used = vec![false; diagram.teams.len()];
            let mut unowned = false;
            for shape in modules {
                match diagram.modules[shape.index]
                    .team
                    .as_ref()
                    .and_then(|t| index.teams.get(t.as_str()))
                {
                    Some(&t) => used[t] = true,
                    None => unowned = true,
                }
            }
            let mut entries: Vec<LegendEntry> = diagram
                .teams
                .iter()
                .zip(&used)
                .filter(|(_, used)| **used)
                .filter_map(|(team, _)| {
                    let color = Rgba::from_hex(diagram.team_color(team.id.as_str())?)?;
                    Some(boxed(palette.tint(color), &team.name))
                })
                .collect();
            if unowned {
                entries.push(boxed(palette.neutral, "No team"));
            }
            groups.push(LegendGroup {
                title: "Team".to_owned(),
                entries,
            });
        }
        View::Deployment => {
            let mut used = vec![false; diagram.units.len()];
            let mut unplaced = false;
            for shape in modules {
                match diagram.modules[shape.index]
                    .unit
                    .as_ref()
                    .and_then(|u| index.units.get(u.as_str()))
                {
                    Some(&u) => used[deployment.unit[u]] = true,
                    None => unplaced = true,
                }
            }
            let mut entries: Vec<LegendEntry> = (0..diagram.units.len())
                .filter(|&u| used[u])
                .map(|u| {
                    boxed(
                        palette.tint(deployment_color(deployment, u)),
                        &diagram.units[u].name,
                    )
                })
                .collect();
            if unplaced {
                entries.push(boxed(palette.neutral, "Not placed"));
            }
            groups.push(LegendGroup {
                title: "Deployment unit".to_owned(),
                entries,
            });
        }
    }
    if !badges.is_empty() {
        let mut entries = Vec::new();
        for severity in Severity::WORST_FIRST {
            if badges.iter().any(|b| b.severity == Some(severity)) {
                let color = severity_color(palette, severity);
                entries.push(LegendEntry {
                    swatch: Swatch {
                        fill: color,
                        stroke: color,
                        round: true,
                    },
                    label: capitalized(severity.as_str()),
                });
            }
        }
        if badges.iter().any(|b| b.severity.is_none()) {
            entries.push(LegendEntry {
                swatch: Swatch {
                    fill: palette.accepted,
                    stroke: palette.accepted,
                    round: true,
                },
                label: "Accepted".to_owned(),
            });
        }
        groups.push(LegendGroup {
            title: "Findings".to_owned(),
            entries,
        });
    }
    groups
}

fn capitalized(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
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

fn edge_label_rect(center: Point, label: &str) -> Rect {
    let w = text::width(label, theme::EDGE_FONT_SIZE) + 2.0 * (EDGE_LABEL_PAD + 1.0);
    let h = text::line_height(theme::EDGE_FONT_SIZE) + EDGE_LABEL_PAD;
    Rect::new(center.x - w / 2.0, center.y - h / 2.0, w, h)
}

/// What an arrow's head looks like.
#[derive(Clone, Copy)]
enum Head {
    /// A filled triangle of this length and half-width.
    Filled(f32, f32),
    /// A hollow triangle (filled with the background).
    Hollow(f32, f32),
    /// An open chevron.
    Open(f32, f32),
}

/// Appends primitives; knows the palette.
struct Builder {
    palette: Palette,
    primitives: Vec<Primitive>,
}

impl Builder {
    fn color(&self, color: Rgba, dimmed: bool) -> Rgba {
        if dimmed {
            self.palette.dim(color)
        } else {
            color
        }
    }

    fn text(&mut self, pos: Point, anchor: Anchor, size: f32, color: Rgba, text: String) {
        if !text.is_empty() {
            self.primitives.push(Primitive::Text(Text {
                pos,
                anchor,
                size,
                color,
                text,
            }));
        }
    }

    fn unit(
        &mut self,
        unit: &crate::model::Unit,
        rect: Rect,
        strong: bool,
        dimmed: bool,
        selected: bool,
    ) {
        let p = self.palette;
        let managed = unit.release == Release::Managed;
        let (fill, border) = if managed {
            (
                p.unit_managed_fill,
                Stroke::dashed(1.5, p.unit_stroke_managed, 7.0, 4.0),
            )
        } else if strong {
            (p.unit_fill, Stroke::solid(2.0, p.unit_stroke_strong))
        } else if unit.isolation == crate::model::Isolation::Process {
            (
                p.unit_fill,
                Stroke::dashed(1.25, p.unit_stroke_process, 5.0, 3.5),
            )
        } else {
            (p.unit_fill, Stroke::solid(1.25, p.unit_stroke_weak))
        };
        let border = Stroke {
            color: self.color(border.color, dimmed),
            ..border
        };
        self.primitives.push(Primitive::Rect {
            rect,
            radius: UNIT_RADIUS,
            fill: Some(self.color(fill, dimmed)),
            stroke: Some(border),
        });
        if strong && !managed && rect.w > 12.0 && rect.h > 12.0 {
            // A second, inner line: strong isolation reads as a double wall.
            self.primitives.push(Primitive::Rect {
                rect: rect.expand(-3.5),
                radius: UNIT_RADIUS - 3.5,
                fill: None,
                stroke: Some(Stroke::solid(1.0, border.color)),
            });
        }
        if selected {
            self.primitives.push(Primitive::Rect {
                rect: rect.expand(SELECTION_GAP),
                radius: UNIT_RADIUS + SELECTION_GAP,
                fill: None,
                stroke: Some(Stroke::solid(2.0, p.selection)),
            });
        }

        // Title and the isolation chip in the band at the top.
        let band_center_y = rect.y + theme::UNIT_TITLE_HEIGHT.min(rect.h) / 2.0 + 1.0;
        let caption = unit_caption(unit);
        let chip_w = text::width(&caption, CHIP_FONT_SIZE) + 2.0 * CHIP_PAD_X;
        let available = rect.w - 2.0 * UNIT_TITLE_INSET;
        let show_chip = available >= chip_w + 48.0;
        let title_budget = if show_chip {
            available - chip_w - 8.0
        } else {
            available
        };
        let title = text::elide(&unit.name, theme::UNIT_FONT_SIZE, title_budget);
        let title_w = text::width(&title, theme::UNIT_FONT_SIZE);
        self.text(
            Point::new(rect.x + UNIT_TITLE_INSET, band_center_y),
            Anchor::Start,
            theme::UNIT_FONT_SIZE,
            self.color(p.unit_title, dimmed),
            title,
        );
        if show_chip {
            let (chip_fill, chip_text) = if managed {
                (p.chip_managed_fill, p.chip_managed_text)
            } else if strong {
                (p.chip_strong_fill, p.chip_strong_text)
            } else {
                (p.chip_fill, p.chip_text)
            };
            let chip = Rect::new(
                rect.x + UNIT_TITLE_INSET + title_w + 8.0,
                band_center_y - CHIP_HEIGHT / 2.0,
                chip_w,
                CHIP_HEIGHT,
            );
            self.primitives.push(Primitive::Rect {
                rect: chip,
                radius: CHIP_HEIGHT / 2.0,
                fill: Some(self.color(chip_fill, dimmed)),
                stroke: None,
            });
            self.text(
                chip.center(),
                Anchor::Middle,
                CHIP_FONT_SIZE,
                self.color(chip_text, dimmed),
                caption,
            );
        }
    }

    fn module(
        &mut self,
        module: &crate::model::Module,
        rect: Rect,
        (fill, stroke): (Rgba, Rgba),
        dimmed: bool,
        selected: bool,
    ) {
        let p = self.palette;
        let fill = Some(self.color(fill, dimmed));
        let stroke = Some(Stroke::solid(MODULE_STROKE, self.color(stroke, dimmed)));
        // The area the text is centred in.
        let mut text_area = Rect::new(
            rect.x + theme::MODULE_PADDING_X / 2.0,
            rect.y,
            rect.w - theme::MODULE_PADDING_X,
            rect.h,
        );
        let mut selection_radius = MODULE_RADIUS;
        match module.kind {
            ModuleKind::Component => {
                self.primitives.push(Primitive::Rect {
                    rect,
                    radius: MODULE_RADIUS,
                    fill,
                    stroke,
                });
            }
            ModuleKind::Library => {
                // A box with a band at each side, like a flowchart's
                // "predefined process": code defined elsewhere.
                self.primitives.push(Primitive::Rect {
                    rect,
                    radius: 4.0,
                    fill,
                    stroke,
                });
                if let Some(stroke) = stroke {
                    let band = LIBRARY_BAND.min(rect.w / 4.0);
                    for x in [rect.x + band, rect.right() - band] {
                        self.primitives.push(Primitive::Polyline {
                            points: vec![Point::new(x, rect.y), Point::new(x, rect.bottom())],
                            stroke: Stroke {
                                width: 1.0,
                                ..stroke
                            },
                        });
                    }
                    text_area = Rect::new(
                        rect.x + band + 6.0,
                        rect.y,
                        (rect.w - 2.0 * band - 12.0).max(0.0),
                        rect.h,
                    );
                }
                selection_radius = 4.0;
            }
            ModuleKind::Datastore => {
                // A cylinder: the body with elliptic caps, then the front
                // rim of the top cap.
                let ry = CYLINDER_RY_MAX.min(rect.h / 6.0);
                let rx = rect.w / 2.0;
                let cx = rect.x + rx;
                let mut body = Vec::with_capacity(2 * ARC_SEGMENTS + 2);
                let pi = std::f32::consts::PI;
                geom::arc(
                    &mut body,
                    Point::new(cx, rect.y + ry),
                    (rx, ry),
                    pi,
                    2.0 * pi,
                    ARC_SEGMENTS,
                );
                geom::arc(
                    &mut body,
                    Point::new(cx, rect.bottom() - ry),
                    (rx, ry),
                    0.0,
                    pi,
                    ARC_SEGMENTS,
                );
                self.primitives.push(Primitive::Polygon {
                    points: body,
                    fill,
                    stroke,
                });
                let mut rim = Vec::with_capacity(ARC_SEGMENTS + 1);
                geom::arc(
                    &mut rim,
                    Point::new(cx, rect.y + ry),
                    (rx, ry),
                    0.0,
                    pi,
                    ARC_SEGMENTS,
                );
                if let Some(stroke) = stroke {
                    self.primitives.push(Primitive::Polyline {
                        points: rim,
                        stroke,
                    });
                }
                text_area.y = rect.y + 2.0 * ry;
                text_area.h = rect.h - 2.0 * ry;
                selection_radius = rx.min(ry * 2.0);
            }
            ModuleKind::External => {
                // An actor outside the system: a pill with a person icon.
                let radius = (rect.h / 2.0).min(rect.w / 2.0);
                self.primitives.push(Primitive::Rect {
                    rect,
                    radius,
                    fill,
                    stroke,
                });
                let icon = self.color(p.module_icon, dimmed);
                let icon_x = rect.x + radius.min(22.0) + 4.0;
                let cy = rect.center().y;
                if rect.w > 2.0 * ACTOR_ICON_WIDTH + 20.0 && rect.h >= 30.0 {
                    self.primitives.push(Primitive::Ellipse {
                        center: Point::new(icon_x, cy - 6.0),
                        radius_x: 4.5,
                        radius_y: 4.5,
                        fill: Some(icon),
                        stroke: None,
                    });
                    let mut shoulders = Vec::with_capacity(ARC_SEGMENTS + 1);
                    let pi = std::f32::consts::PI;
                    geom::arc(
                        &mut shoulders,
                        Point::new(icon_x, cy + 9.0),
                        (8.0, 7.5),
                        pi,
                        2.0 * pi,
                        ARC_SEGMENTS,
                    );
                    self.primitives.push(Primitive::Polygon {
                        points: shoulders,
                        fill: Some(icon),
                        stroke: None,
                    });
                    let left = icon_x + 12.0;
                    text_area = Rect::new(
                        left,
                        rect.y,
                        (rect.right() - radius.min(18.0) - left).max(0.0),
                        rect.h,
                    );
                }
                selection_radius = radius + SELECTION_GAP;
            }
        }
        if selected {
            self.primitives.push(Primitive::Rect {
                rect: rect.expand(SELECTION_GAP),
                radius: selection_radius + SELECTION_GAP,
                fill: None,
                stroke: Some(Stroke::solid(2.0, p.selection)),
            });
        }
        self.module_text(module, text_area, dimmed);
    }

    /// Name (one or two lines) and the caption, centred in `area`.
    fn module_text(&mut self, module: &crate::model::Module, area: Rect, dimmed: bool) {
        let p = self.palette;
        let name_size = theme::MODULE_FONT_SIZE;
        let detail_size = theme::MODULE_DETAIL_FONT_SIZE;
        let name_h = text::line_height(name_size);
        let detail_h = text::line_height(detail_size);
        let max_w = area.w.max(0.0);
        let room = area.h - 6.0;
        let with_detail = room >= name_h + detail_h;
        let two_lines = text::width(&module.name, name_size) > max_w
            && room >= 2.0 * name_h + if with_detail { detail_h } else { 0.0 };
        let name_lines = if two_lines {
            wrap_two_lines(&module.name, name_size, max_w)
        } else {
            vec![text::elide(&module.name, name_size, max_w)]
        };
        let total = name_h * name_lines.len() as f32 + if with_detail { detail_h } else { 0.0 };
        let cx = area.x + area.w / 2.0;
        let mut y = area.y + (area.h - total) / 2.0;
        let name_color = self.color(p.module_text, dimmed);
        for line in name_lines {
            self.text(
                Point::new(cx, y + name_h / 2.0),
                Anchor::Middle,
                name_size,
                name_color,
                line,
            );
            y += name_h;
        }
        if with_detail {
            let caption = text::elide(&module_caption(module), detail_size, max_w);
            let color = self.color(p.module_detail, dimmed);
            self.text(
                Point::new(cx, y + detail_h / 2.0),
                Anchor::Middle,
                detail_size,
                color,
                caption,
            );
        }
    }

    /// Draws an interface's line and heads; returns the bounds of the heads.
    fn interface_line(
        &mut self,
        kind: InterfaceKind,
        path: &[Point],
        finding_color: Option<Rgba>,
        dimmed: bool,
        selected: bool,
    ) -> Rect {
        let p = self.palette;
        let color = self.color(finding_color.unwrap_or(p.edge), dimmed);
        let (stroke, head) = match kind {
            InterfaceKind::Call => (Stroke::solid(1.25, color), Head::Filled(9.0, 4.0)),
            InterfaceKind::Rpc => (Stroke::solid(1.75, color), Head::Filled(11.0, 5.0)),
            InterfaceKind::Queue => (Stroke::solid(1.5, color), Head::Open(10.0, 5.5)),
            InterfaceKind::Link => (
                Stroke::dashed(1.25, color, 6.0, 4.0),
                Head::Hollow(11.0, 5.5),
            ),
            InterfaceKind::Read | InterfaceKind::Write => {
                (Stroke::solid(1.5, color), Head::Filled(10.0, 4.5))
            }
        };
        let stroke = if finding_color.is_some() {
            Stroke {
                width: stroke.width + 0.5,
                ..stroke
            }
        } else {
            stroke
        };
        // Reads point from the datastore to the reader: arrows follow the
        // data, as in a data-flow diagram.
        let head_at_start = kind == InterfaceKind::Read;
        let mut line = path.to_vec();
        let n = line.len();
        let (tip, before) = if head_at_start {
            (line[0], line[1])
        } else {
            (line[n - 1], line[n - 2])
        };
        let (ux, uy) = geom::direction(before, tip);
        let (length, half) = match head {
            Head::Filled(l, h) | Head::Hollow(l, h) | Head::Open(l, h) => (l, h),
        };
        // Shorten the line so it stops inside a closed head, not at the tip.
        let inset = match head {
            Head::Filled(l, _) | Head::Hollow(l, _) => (l - 1.0).min(geom::distance(before, tip)),
            Head::Open(..) => stroke.width / 2.0,
        };
        let moved = Point::new(tip.x - ux * inset, tip.y - uy * inset);
        if head_at_start {
            line[0] = moved;
        } else {
            line[n - 1] = moved;
        }
        if selected {
            self.primitives.push(Primitive::Polyline {
                points: line.clone(),
                stroke: Stroke::solid(stroke.width + 5.0, p.selection.with_alpha(110)),
            });
        }
        self.primitives.push(Primitive::Polyline {
            points: line,
            stroke,
        });
        let base = Point::new(tip.x - ux * length, tip.y - uy * length);
        let left = Point::new(base.x - uy * half, base.y + ux * half);
        let right = Point::new(base.x + uy * half, base.y - ux * half);
        match head {
            Head::Filled(..) => self.primitives.push(Primitive::Polygon {
                points: vec![tip, left, right],
                fill: Some(color),
                stroke: Some(Stroke::solid(1.0, color)),
            }),
            Head::Hollow(..) => self.primitives.push(Primitive::Polygon {
                points: vec![tip, left, right],
                fill: Some(p.background),
                stroke: Some(Stroke::solid(1.25, color)),
            }),
            Head::Open(..) => self.primitives.push(Primitive::Polyline {
                points: vec![left, tip, right],
                stroke: Stroke::solid(stroke.width, color),
            }),
        }
        geom::bounds_of(&[tip, left, right])
    }

    fn edge_label(&mut self, center: Point, label: String, dimmed: bool) {
        let p = self.palette;
        let rect = edge_label_rect(center, &label);
        self.primitives.push(Primitive::Rect {
            rect,
            radius: 4.0,
            fill: Some(if dimmed {
                p.dim(p.edge_label_fill)
            } else {
                p.edge_label_fill
            }),
            stroke: None,
        });
        let color = self.color(p.edge_label, dimmed);
        self.text(center, Anchor::Middle, theme::EDGE_FONT_SIZE, color, label);
    }

    /// Adds the badge of `element`, if it has findings.
    fn place_badge(
        &mut self,
        badges: &mut Vec<Badge>,
        findings: &HashMap<&str, ElementFindings>,
        element: &str,
        center: Point,
        dimmed: bool,
    ) {
        let Some(found) = findings.get(element) else {
            return;
        };
        let start = self.primitives.len();
        let (radius, count) = self.badge(center, found, dimmed);
        badges.push(Badge {
            element: element.to_owned(),
            center,
            radius,
            severity: found.worst,
            count,
            messages: found.messages.clone(),
            primitives: start..self.primitives.len(),
        });
    }

    /// Draws a badge; returns its radius and the count it shows.
    fn badge(&mut self, center: Point, found: &ElementFindings, dimmed: bool) -> (f32, usize) {
        let p = self.palette;
        let (color, count) = match found.worst {
            Some(severity) => (severity_color(&p, severity), found.unaccepted),
            None => (p.accepted, found.accepted),
        };
        let label = if count > 9 {
            "9+".to_owned()
        } else {
            count.to_string()
        };
        let radius = if label.len() > 1 {
            BADGE_RADIUS + 2.0
        } else {
            BADGE_RADIUS
        };
        self.primitives.push(Primitive::Ellipse {
            center,
            radius_x: radius,
            radius_y: radius,
            fill: Some(self.color(color, dimmed)),
            stroke: Some(Stroke::solid(1.5, self.color(p.badge_ring, dimmed))),
        });
        let text_color = self.color(p.badge_text, dimmed);
        self.text(center, Anchor::Middle, BADGE_FONT_SIZE, text_color, label);
        (radius, count)
    }
}

/// Splits `name` into at most two lines of `max_width` at a space (the
/// second line shortened with an ellipsis if needed).
fn wrap_two_lines(name: &str, size: f32, max_width: f32) -> Vec<String> {
    let mut first_end = 0;
    for (i, c) in name.char_indices() {
        if c == ' ' {
            if text::width(&name[..i], size) <= max_width {
                first_end = i;
            } else {
                break;
            }
        }
    }
    if first_end == 0 {
        return vec![text::elide(name, size, max_width)];
    }
    vec![
        name[..first_end].to_owned(),
        text::elide(name[first_end..].trim_start(), size, max_width),
    ]
}

#[cfg(test)]
mod tests;
