//! Building a scene, in paint order: units (outermost first), interface
//! lines (placing their labels as they go), modules, interface labels,
//! badges; then the bounds and the legend.
//!
//! Each element is drawn by a function of its own (`unit_shape`,
//! `interface_shape`, `module_shape`, `badge_center`), which
//! [`super::patch`] calls again for the elements an edit moved.

use super::colors::{legend, module_colors};
use super::context::{Context, ElementFindings, FastMap, findings_by_element};
use super::draw::{BADGE_RADIUS, Builder, EDGE_LABEL_MAX_WIDTH, PARALLEL_SPACING, interface_label};
use super::labels::LabelPlacer;
use super::{Badge, InterfaceShape, ModuleShape, Primitive, Scene, SceneOptions, UnitShape, geom};
use crate::model::{Diagram, Forest, Point, Rect};
use crate::rules::{Report, Severity};
use crate::text;
use crate::theme::{self, Rgba};

/// Builds the scene for `diagram` with the findings in `report`.
///
/// Pure and fast: one pass per element kind, no quadratic work, so the
/// canvas can rebuild it every frame of a drag.
#[must_use]
pub fn build(diagram: &Diagram, report: &Report, options: &SceneOptions) -> Scene {
    build_with_forest(diagram, &Forest::new(diagram), report, options)
}

/// [`build`] with the diagram's [`Forest`] built already (`forest` must be
/// `Forest::new(diagram)`): the editor keeps one per revision.
#[must_use]
pub fn build_with_forest(
    diagram: &Diagram,
    forest: &Forest,
    report: &Report,
    options: &SceneOptions,
) -> Scene {
    let cx = Context::new(diagram, forest, options);
    let included = Included::new(&cx);
    let mut findings = Findings {
        by_element: if options.show_findings {
            findings_by_element(report)
        } else {
            FastMap::default()
        },
        found: Vec::new(),
    };
    let mut builder = Builder {
        palette: cx.palette,
        primitives: Vec::with_capacity(diagram.modules.len() * 5 + diagram.interfaces.len() * 3),
    };

    let units = draw_units(&cx, &included, &mut builder, &mut findings);
    let module_rects: Vec<Option<Rect>> = (0..diagram.modules.len())
        .map(|i| cx.module_rect(i).filter(|_| included.modules[i]))
        .collect();
    let (mut interfaces, labels) =
        draw_interfaces(&cx, &module_rects, &units, &mut builder, &mut findings);
    let modules = draw_modules(&cx, &module_rects, &mut builder, &mut findings);

    // Interface labels above everything but badges.
    for (k, label_text) in labels {
        let shape = &mut interfaces[k];
        let start = builder.primitives.len();
        if !label_text.is_empty() {
            builder.edge_label(shape.label_pos, label_text, shape.dimmed);
        }
        shape.label_primitives = start..builder.primitives.len();
    }

    // Badges, with the findings taken from the map as each element was
    // drawn (one lookup per element).
    let mut badges = Vec::with_capacity(findings.found.len());
    for (owner, found) in findings.found {
        let (id, center, dimmed) = match owner {
            Owner::Unit(k) => {
                let unit = &units[k];
                (unit.id.as_str(), badge_center(unit.rect), unit.dimmed)
            }
            Owner::Interface(k) => {
                let interface = &interfaces[k];
                let label = match builder.primitives.get(interface.label_primitives.start) {
                    Some(Primitive::Rect { rect, .. })
                        if !interface.label_primitives.is_empty() =>
                    {
                        Some(*rect)
                    }
                    _ => None,
                };
                let center = interface_badge_center(interface.label_pos, label);
                (interface.id.as_str(), center, interface.dimmed)
            }
            Owner::Module(k) => {
                let module = &modules[k];
                (module.id.as_str(), badge_center(module.rect), module.dimmed)
            }
        };
        builder.place_badge(&mut badges, id, found, center, dimmed);
    }

    let bounds = scene_bounds(&units, &modules, &interfaces, &badges);
    let legend = legend(&cx, (&modules, &interfaces, &badges));
    Scene {
        title: diagram.title.clone(),
        view: options.view,
        palette: cx.palette,
        bounds,
        units,
        interfaces,
        modules,
        badges,
        legend,
        primitives: builder.primitives,
    }
}

/// Which elements `options.only` lets through, as a per-kind mask.
struct Included {
    modules: Vec<bool>,
    units: Vec<bool>,
}

impl Included {
    fn new(cx: &Context) -> Self {
        let diagram = cx.diagram;
        let Some(only) = &cx.options.only else {
            return Included {
                modules: vec![true; diagram.modules.len()],
                units: vec![true; diagram.units.len()],
            };
        };
        // A unit is in when it or an ancestor is listed.
        let units: Vec<bool> = (0..diagram.units.len())
            .map(|u| {
                cx.forest
                    .ancestors(u)
                    .any(|a| only.contains(diagram.units[a].id.as_str()))
            })
            .collect();
        let mut modules = vec![false; diagram.modules.len()];
        for (i, module) in diagram.modules.iter().enumerate() {
            let in_unit = module
                .unit
                .as_ref()
                .and_then(|u| cx.forest.unit(u.as_str()))
                .is_some_and(|u| units[u]);
            modules[i] = in_unit || only.contains(module.id.as_str());
        }
        for interface in &diagram.interfaces {
            if only.contains(interface.id.as_str()) {
                for end in [&interface.from, &interface.to] {
                    if let Some(m) = cx.forest.module(end.as_str()) {
                        modules[m] = true;
                    }
                }
            }
        }
        Included { modules, units }
    }
}

/// Which drawn shape a badge belongs to, by position in its list.
#[derive(Clone, Copy)]
enum Owner {
    Unit(usize),
    Interface(usize),
    Module(usize),
}

/// The findings not yet given to an element, and those given, in the
/// order their badges are drawn: units, interfaces, modules.
struct Findings<'r> {
    by_element: FastMap<&'r str, ElementFindings>,
    found: Vec<(Owner, ElementFindings)>,
}

impl Findings<'_> {
    fn take(&mut self, id: &str, owner: Owner) {
        if let Some(f) = self.by_element.remove(id) {
            self.found.push((owner, f));
        }
    }
}

/// Units, outermost first (by depth, then in file order).
fn draw_units(
    cx: &Context,
    included: &Included,
    builder: &mut Builder,
    findings: &mut Findings,
) -> Vec<UnitShape> {
    let diagram = cx.diagram;
    let mut units = Vec::with_capacity(diagram.units.len());
    // The fill each drawn unit got: the backdrop of the units inside it.
    let mut unit_fills: Vec<Option<Rgba>> = vec![None; diagram.units.len()];
    for i in cx.forest.top_down() {
        let unit = &diagram.units[i];
        let Some(rect) = unit.rect else { continue };
        if !included.units[i] || !cx.visible(unit.id.as_str()) {
            continue;
        }
        let backdrop = (!cx.options.transparent).then(|| {
            cx.forest
                .parent(i)
                .and_then(|p| unit_fills[p])
                .unwrap_or(cx.palette.background)
        });
        let (shape, fill) = unit_shape(cx, builder, i, rect, backdrop);
        unit_fills[i] = Some(fill);
        findings.take(unit.id.as_str(), Owner::Unit(units.len()));
        units.push(shape);
    }
    units
}

/// Draws unit `i` in `rect` over `backdrop`; returns its shape and fill.
pub(super) fn unit_shape(
    cx: &Context,
    builder: &mut Builder,
    i: usize,
    rect: Rect,
    backdrop: Option<Rgba>,
) -> (UnitShape, Rgba) {
    let unit = &cx.diagram.units[i];
    let dimmed = cx.is_dimmed(unit.id.as_str());
    let strong = unit.isolation >= cx.diagram.settings.strong_isolation;
    let start = builder.primitives.len();
    let fill = builder.unit(
        unit,
        rect,
        strong,
        backdrop,
        (dimmed, cx.selected(unit.id.as_str())),
    );
    let shape = UnitShape {
        id: unit.id.clone(),
        index: i,
        rect,
        title_rect: Rect::new(rect.x, rect.y, rect.w, theme::UNIT_TITLE_HEIGHT.min(rect.h)),
        depth: cx.forest.depth(i),
        dimmed,
        primitives: start..builder.primitives.len(),
    };
    (shape, fill)
}

/// The label placer of a scene whose module boxes are `modules` and unit
/// title bands `titles`, for `labels` labels.
pub(super) fn label_placer(
    modules: impl Iterator<Item = Rect>,
    titles: impl Iterator<Item = Rect>,
    labels: usize,
) -> LabelPlacer {
    LabelPlacer::new(
        modules.chain(titles.filter(|r| r.w > 0.0 && r.h > 0.0)),
        labels,
    )
}

/// Interface lines and heads, placing each label as it goes; returns the
/// shapes and, per shape, the label text still to draw.
fn draw_interfaces(
    cx: &Context,
    module_rects: &[Option<Rect>],
    units: &[UnitShape],
    builder: &mut Builder,
    findings: &mut Findings,
) -> (Vec<InterfaceShape>, Vec<(usize, String)>) {
    let diagram = cx.diagram;
    // Labels keep clear of module boxes, unit titles and one another. The
    // obstacles are gathered at the first label (a diagram without labels
    // never pays for them).
    let mut placer: Option<LabelPlacer> = None;
    let obstacles = || {
        label_placer(
            module_rects.iter().flatten().copied(),
            units.iter().map(|u| u.title_rect),
            diagram.interfaces.len(),
        )
    };
    // Which interfaces are drawn, and how many join each pair of modules.
    let mut parallel: FastMap<(usize, usize), (usize, usize)> = FastMap::default();
    let mut ends = Vec::with_capacity(diagram.interfaces.len());
    for (i, interface) in diagram.interfaces.iter().enumerate() {
        let pair = cx.forest.ends(i).filter(|&(f, t)| {
            module_rects[f].is_some()
                && module_rects[t].is_some()
                && cx.visible(interface.id.as_str())
        });
        if let Some((f, t)) = pair {
            parallel.entry((f.min(t), f.max(t))).or_default().1 += 1;
        }
        ends.push(pair);
    }
    let mut interfaces = Vec::with_capacity(diagram.interfaces.len());
    let mut labels = Vec::with_capacity(diagram.interfaces.len());
    for (i, interface) in diagram.interfaces.iter().enumerate() {
        let Some((f, t)) = ends[i] else { continue };
        let (Some(from_rect), Some(to_rect)) = (module_rects[f], module_rects[t]) else {
            continue;
        };
        let slot = parallel.entry((f.min(t), f.max(t))).or_default();
        let fan = (slot.0, slot.1);
        slot.0 += 1;
        let id = interface.id.as_str();
        let finding = findings.by_element.get(id).and_then(|f| f.worst);
        let (mut shape, label_text) =
            interface_shape(cx, builder, i, (f, t), (from_rect, to_rect), fan, finding);
        if !label_text.is_empty() {
            place_label(
                &mut shape,
                &label_text,
                placer.get_or_insert_with(obstacles),
            );
        }
        labels.push((interfaces.len(), label_text));
        findings.take(id, Owner::Interface(interfaces.len()));
        interfaces.push(shape);
    }
    (interfaces, labels)
}

/// Draws the line and heads of interface `i` between modules `ends` drawn
/// in `rects`, the `fan.0`-th of `fan.1` lines between them, coloured by
/// its worst unaccepted `finding`. Returns its shape (its label at the
/// middle of the line, not yet placed, and no label primitives) and its
/// label's text (shortened; empty when it has none).
pub(super) fn interface_shape(
    cx: &Context,
    builder: &mut Builder,
    i: usize,
    (f, t): (usize, usize),
    (from_rect, to_rect): (Rect, Rect),
    (k, n): (usize, usize),
    finding: Option<Severity>,
) -> (InterfaceShape, String) {
    let interface = &cx.diagram.interfaces[i];
    let path = interface_path(interface, from_rect, to_rect, f <= t, k, n);
    let id = interface.id.as_str();
    let from_module = &cx.diagram.modules[f];
    let to_module = &cx.diagram.modules[t];
    let dimmed = cx.options.highlight.as_ref().is_some_and(|h| {
        !(h.contains(id)
            || (h.contains(from_module.id.as_str()) && h.contains(to_module.id.as_str())))
    });
    let start = builder.primitives.len();
    let head_bounds =
        builder.interface_line(interface.kind, &path, finding, dimmed, cx.selected(id));
    let bounds = geom::bounds_of(&path).union(&head_bounds);
    let label_text = if interface.label.is_empty() {
        String::new()
    } else {
        text::elide(
            &interface.label,
            theme::EDGE_FONT_SIZE,
            EDGE_LABEL_MAX_WIDTH,
        )
    };
    let shape = InterfaceShape {
        id: interface.id.clone(),
        index: i,
        kind: interface.kind,
        label_pos: geom::midpoint(&path).0,
        path,
        bounds,
        dimmed,
        primitives: start..builder.primitives.len(),
        label_primitives: 0..0,
        label: interface_label(interface, from_module, to_module),
    };
    (shape, label_text)
}

/// Places the label `label_text` of `shape` with `placer`, taking in its
/// rectangle in the shape's bounds.
pub(super) fn place_label(shape: &mut InterfaceShape, label_text: &str, placer: &mut LabelPlacer) {
    let at = placer.place(&shape.path, label_text);
    shape.bounds = shape
        .bounds
        .union(&super::draw::edge_label_rect(at, label_text));
    shape.label_pos = at;
}

/// Modules, in file order.
fn draw_modules(
    cx: &Context,
    module_rects: &[Option<Rect>],
    builder: &mut Builder,
    findings: &mut Findings,
) -> Vec<ModuleShape> {
    let mut modules = Vec::with_capacity(cx.diagram.modules.len());
    for (i, rect) in module_rects.iter().enumerate() {
        let Some(rect) = *rect else { continue };
        let shape = module_shape(cx, builder, i, rect);
        findings.take(shape.id.as_str(), Owner::Module(modules.len()));
        modules.push(shape);
    }
    modules
}

/// Draws module `i` in `rect`.
pub(super) fn module_shape(
    cx: &Context,
    builder: &mut Builder,
    i: usize,
    rect: Rect,
) -> ModuleShape {
    let module = &cx.diagram.modules[i];
    let dimmed = cx.is_dimmed(module.id.as_str());
    let colors = module_colors(cx, module);
    let start = builder.primitives.len();
    let mark = builder.module(
        module,
        rect,
        colors,
        dimmed,
        cx.selected(module.id.as_str()),
    );
    ModuleShape {
        id: module.id.clone(),
        index: i,
        rect,
        kind: module.kind,
        dimmed,
        mark,
        primitives: start..builder.primitives.len(),
    }
}

/// Where the badge of a unit or module with box `rect` goes: its top-right
/// corner.
pub(super) fn badge_center(rect: Rect) -> Point {
    Point::new(rect.right() - 2.0, rect.y + 2.0)
}

/// Where the badge of an interface goes: at the right end of its label's
/// background `label`, or where its label would be (`label_pos`) when it
/// has none.
pub(super) fn interface_badge_center(label_pos: Point, label: Option<Rect>) -> Point {
    label.map_or(label_pos, |rect| {
        Point::new(rect.right() + BADGE_RADIUS * 0.4, rect.y)
    })
}

/// The bounds of everything drawn.
pub(super) fn scene_bounds(
    units: &[UnitShape],
    modules: &[ModuleShape],
    interfaces: &[InterfaceShape],
    badges: &[Badge],
) -> Option<Rect> {
    units
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
        .reduce(|a, r| a.union(&r))
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
