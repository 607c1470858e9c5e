//! Everything drawn over the scene: the grid, drag previews, selection and
//! hover outlines, handles, the marquee, connection rubber bands, the
//! empty-canvas hint, accessibility nodes for canvas items,
//! and the in-place editors (rename, choose a connection's kind).

use super::Canvas;
use super::camera::Transform;
use super::draw::{paint_label, paint_scene};
use super::drawn::{Drawn, Visible};
use super::hit::{Handle, Hit, hit_test};
use super::interact::CanvasContext;
use super::interact::Drag;
use crate::edit::ElementRef;
use crate::edit::geometry::innermost_unit_at;
use crate::edit::ops;
use crate::model::{Point, Rect};
use crate::scene::{self, InterfaceShape, ModuleShape, UnitShape};
use crate::theme::GRID;
use crate::theme::ui::{
    HANDLE_PX, MAX_ACCESSIBLE_ITEMS, MIN_GRID_SPACING_PX, SELECTION_GAP_PX, SELECTION_STROKE_PX,
    palette,
};
use crate::ui::colors::color32;
use crate::ui::open_diagram::OpenDiagram;
use crate::ui::tool::Tool;
use crate::ui::view::ViewState;
use egui::{Align2, Color32, FontId, Id, Pos2, Sense, Stroke, StrokeKind, Ui, Vec2};

mod editors;

pub(super) use editors::{connect_menu, rename_editor};

/// Grid lines every [`GRID`] units, thinned out when they would crowd.
pub(super) fn grid(painter: &egui::Painter, t: &Transform, rect: egui::Rect, dark: bool) {
    let colors = palette(dark);
    let mut step = GRID;
    while step * t.camera.zoom < MIN_GRID_SPACING_PX {
        step *= 5.0;
    }
    let visible = t.diagram_rect(rect);
    let first_x = (visible.x / step).floor() as i64;
    let last_x = (visible.right() / step).ceil() as i64;
    let first_y = (visible.y / step).floor() as i64;
    let last_y = (visible.bottom() / step).ceil() as i64;
    // Every fifth line is a major one.
    let color = |i: i64| {
        if i.rem_euclid(5) == 0 {
            color32(colors.grid_major)
        } else {
            color32(colors.grid)
        }
    };
    for i in first_x..=last_x {
        let x = i as f32 * step;
        let sx = painter.round_to_pixel_center(t.screen_from_diagram(Point::new(x, 0.0)).x);
        painter.vline(sx, rect.y_range(), Stroke::new(1.0, color(i)));
    }
    for i in first_y..=last_y {
        let y = i as f32 * step;
        let sy = painter.round_to_pixel_center(t.screen_from_diagram(Point::new(0.0, y)).y);
        painter.hline(rect.x_range(), sy, Stroke::new(1.0, color(i)));
    }
}

/// The document's scene, or during a move or resize the scene without the
/// dragged elements plus a preview of them at their new place.
pub(super) fn paint_document(
    canvas: &Canvas,
    painter: &egui::Painter,
    t: &Transform,
    visible: &Rect,
    view: &ViewState,
    scene: &Drawn,
) {
    let preview = match &canvas.drag {
        Some(Drag::Move {
            delta,
            base,
            preview,
            ..
        }) => Some((base, preview, preview.moved(delta.0, delta.1))),
        Some(Drag::Resize {
            element,
            rect,
            base,
            preview,
            ..
        }) => Some((base, preview, preview.resized(element, *rect))),
        Some(Drag::Bend(drag)) => {
            Some((&drag.base, &drag.preview, drag.preview.bent(&drag.points)))
        }
        _ => None,
    };
    // Selection outlines and badges stick out of a box a little.
    let area = visible.expand(12.0 / t.camera.zoom);
    match preview {
        Some((base, preview, small)) => {
            super::painted::paint_cached(&canvas.painted, painter, base, &area, t);
            let options = preview.options(view.color_by, view.dark);
            let moved = scene::build(&small, preview.report(), &options);
            paint_scene(painter, &moved, &Visible::scan(&moved, &area), t);
        }
        None => super::painted::paint_cached(&canvas.painted, painter, scene, &area, t),
    }
}

fn outline(painter: &egui::Painter, t: &Transform, rect: &Rect, color: Color32, width: f32) {
    let r = t.screen_rect(rect).expand(SELECTION_GAP_PX);
    painter.rect_stroke(r, 6.0, Stroke::new(width, color), StrokeKind::Outside);
}

fn handle_box(painter: &egui::Painter, at: Pos2, fill: Color32, stroke: Color32) {
    let r = egui::Rect::from_center_size(at, Vec2::splat(HANDLE_PX));
    painter.rect(r, 1.5, fill, Stroke::new(1.5, stroke), StrokeKind::Middle);
}

/// Selection, hover, handles, marquee, rubber bands and drop targets.
pub(super) fn decorations(
    canvas: &Canvas,
    painter: &egui::Painter,
    t: &Transform,
    document: &OpenDiagram,
    view: &ViewState,
    scene: &Drawn,
    response: &egui::Response,
) {
    let cx = CanvasContext {
        t,
        document,
        view,
        scene,
    };
    if canvas.drag.is_none() {
        hover_outline(painter, &cx, response);
    }
    selection_outlines(canvas, painter, &cx);
    drag_feedback(canvas, painter, &cx);
}

/// The outline of what the pointer is over (not while dragging).
fn hover_outline(painter: &egui::Painter, cx: &CanvasContext<'_>, response: &egui::Response) {
    let CanvasContext { t, view, scene, .. } = *cx;
    let colors = palette(view.dark);
    let accent = color32(colors.accent);
    if let Some(pos) = response.hover_pos()
        && let Some(hit) = hit_test(scene, &view.selection, t, pos, view.tool == Tool::Select)
    {
        let hover = color32(colors.hover);
        match &hit {
            Hit::ModuleEdge(id) => {
                if let Some(m) = scene.module(id.as_str()) {
                    outline(painter, t, &m.rect, accent, 2.0);
                }
            }
            Hit::Module(id) => {
                if let Some(m) = scene.module(id.as_str()) {
                    let connect = matches!(view.tool, Tool::Connect(_));
                    outline(
                        painter,
                        t,
                        &m.rect,
                        if connect { accent } else { hover },
                        1.5,
                    );
                }
            }
            Hit::UnitTitle(id) => {
                if let Some(u) = scene.unit(id.as_str()) {
                    outline(painter, t, &u.rect, hover, 1.5);
                }
            }
            Hit::Interface(id) => {
                if let Some(shape) = scene.interface(id.as_str()) {
                    let points: Vec<Pos2> = shape
                        .path
                        .iter()
                        .map(|p| t.screen_from_diagram(*p))
                        .collect();
                    painter.line(points, Stroke::new(5.0, hover.gamma_multiply(0.6)));
                    paint_label(painter, scene, shape, t);
                }
            }
            _ => {}
        }
    }
}

/// Selection outlines (of what is on screen); handles when exactly one box
/// or arrow is selected and nothing is being dragged.
fn selection_outlines(canvas: &Canvas, painter: &egui::Painter, cx: &CanvasContext<'_>) {
    let CanvasContext { t, view, scene, .. } = *cx;
    let colors = palette(view.dark);
    let accent = color32(colors.accent);
    let dragging = canvas.drag.is_some();
    let shift = match &canvas.drag {
        Some(Drag::Move { delta, .. }) => *delta,
        _ => (0.0, 0.0),
    };
    let resizing = match &canvas.drag {
        Some(Drag::Resize { element, .. }) => Some(element),
        _ => None,
    };
    let visible = t.diagram_rect(painter.clip_rect()).expand(24.0);
    let single = view.single();
    let bending = match &canvas.drag {
        Some(Drag::Bend(drag)) => Some(&drag.interface),
        _ => None,
    };
    for element in &view.selection {
        match element {
            ElementRef::Interface(id) if bending == Some(id) => {}
            ElementRef::Interface(id) => {
                if let Some(shape) = scene
                    .interface(id.as_str())
                    .filter(|s| s.bounds.intersects(&visible))
                {
                    let points: Vec<Pos2> = shape
                        .path
                        .iter()
                        .map(|p| t.screen_from_diagram(*p))
                        .collect();
                    painter.line(points, Stroke::new(4.0, accent.gamma_multiply(0.45)));
                    paint_label(painter, scene, shape, t);
                }
            }
            _ if resizing == Some(element) => {}
            _ => {
                if let Some(r) = scene
                    .rect_of(element)
                    .map(|r| r.translate(shift.0, shift.1))
                    .filter(|r| r.intersects(&visible))
                {
                    outline(painter, t, &r, accent, SELECTION_STROKE_PX);
                }
            }
        }
    }
    if !dragging && let Some(element) = single {
        let fill = color32(colors.handle_fill);
        if let Some(r) = scene.rect_of(element) {
            for handle in Handle::ALL {
                handle_box(
                    painter,
                    t.screen_from_diagram(handle.position(&r)),
                    fill,
                    accent,
                );
            }
        }
        if let ElementRef::Interface(id) = element
            && let Some((from, to)) = scene.interface_ends(id.as_str())
        {
            super::bends::paint_handles(painter, t, scene, id, view.dark);
            for p in [from, to] {
                painter.circle(
                    t.screen_from_diagram(p),
                    HANDLE_PX / 2.0 + 1.0,
                    fill,
                    Stroke::new(1.5, accent),
                );
            }
        }
    }
}

/// What a drag shows besides the moving shapes: the marquee, the unit being
/// drawn, the drop target, rubber bands, the resized outline, the bend.
fn drag_feedback(canvas: &Canvas, painter: &egui::Painter, cx: &CanvasContext<'_>) {
    let CanvasContext {
        t,
        document,
        view,
        scene,
    } = *cx;
    let colors = palette(view.dark);
    let accent = color32(colors.accent);
    let diagram = &document.diagram;
    match &canvas.drag {
        Some(Drag::Marquee { start, current, .. }) => {
            let r = t.screen_rect(&Rect::spanning(*start, *current));
            painter.rect(
                r,
                0.0,
                color32(colors.marquee_fill),
                Stroke::new(1.0, accent),
                StrokeKind::Inside,
            );
        }
        Some(Drag::DrawUnit { start, current }) => {
            let r = t.screen_rect(&Rect::spanning(
                *start,
                Point::new(view.snap(current.x), view.snap(current.y)),
            ));
            painter.rect(
                r,
                12.0,
                color32(colors.marquee_fill),
                Stroke::new(1.5, accent),
                StrokeKind::Inside,
            );
        }
        Some(Drag::Move { moving, .. }) => {
            if let Some(pointer) = canvas.pointer {
                let forest = document.forest();
                let target = innermost_unit_at(diagram, pointer, |u| {
                    forest.unit(u).is_some_and(|u| moving.units.contains(&u))
                });
                if let Some(unit) = target
                    .and_then(|u| diagram.unit(u.as_str()))
                    .and_then(|u| u.rect)
                {
                    outline(painter, t, &unit, color32(colors.drop_target), 2.5);
                }
            }
        }
        Some(Drag::Connect {
            from,
            kind,
            current,
        }) => {
            rubber_band(painter, cx, from.as_str(), *kind, *current);
        }
        Some(Drag::Reconnect {
            interface,
            end,
            current,
        }) => {
            if let Some(f) = diagram.interface(interface.as_str()) {
                let fixed = match end {
                    ops::End::From => f.to.as_str(),
                    ops::End::To => f.from.as_str(),
                };
                if let Some(m) = scene.module(fixed) {
                    let a = t.screen_from_diagram(m.rect.center());
                    let b = t.screen_from_diagram(*current);
                    painter.line_segment([a, b], Stroke::new(2.0, accent));
                }
                if let Some(target) = scene.module_at(*current) {
                    outline(painter, t, &target.rect, accent, 2.0);
                }
            }
        }
        Some(Drag::Resize { rect: r, .. }) => {
            outline(painter, t, r, accent, SELECTION_STROKE_PX);
        }
        Some(Drag::Bend(drag)) => super::bends::paint_drag(painter, t, drag, diagram, view.dark),
        Some(Drag::Pan) | None => {}
    }
}

/// The line from a module to the pointer while connecting, green when it
/// can land on the module under the pointer, red when it cannot.
fn rubber_band(
    painter: &egui::Painter,
    cx: &CanvasContext<'_>,
    from: &str,
    kind: Option<crate::model::InterfaceKind>,
    current: Point,
) {
    let CanvasContext {
        t,
        document,
        view,
        scene,
    } = *cx;
    let colors = palette(view.dark);
    let Some(source) = scene.module(from) else {
        return;
    };
    let target = scene.module_at(current).filter(|m| m.id.as_str() != from);
    let fits = target.is_some_and(|m| {
        let kinds = ops::fitting_kinds(&document.diagram, from, m.id.as_str());
        kind.map_or(!kinds.is_empty(), |k| kinds.contains(&k))
    });
    let color = if target.is_none() || fits {
        color32(colors.connect_ok)
    } else {
        color32(colors.connect_bad)
    };
    let end = target.map_or(current, |m| m.rect.center());
    let a = t.screen_from_diagram(crate::scene::exit_point(
        &source.rect,
        source.rect.center(),
        end,
    ));
    let b = match target {
        Some(m) => t.screen_from_diagram(crate::scene::exit_point(
            &m.rect,
            m.rect.center(),
            source.rect.center(),
        )),
        None => t.screen_from_diagram(current),
    };
    painter.add(egui::Shape::dashed_line(
        &[a, b],
        Stroke::new(2.0, color),
        6.0,
        4.0,
    ));
    painter.arrow(
        b - (b - a).normalized() * 10.0,
        (b - a).normalized() * 10.0,
        Stroke::new(2.0, color),
    );
    if let Some(m) = target {
        outline(painter, t, &m.rect, color, 2.0);
    }
}

/// Gives each canvas item on screen an accessibility node ("Module: API",
/// "Unit: Edge VM", "Interface: POST /photos"), so screen readers and UI
/// tests can find them. Beyond [`MAX_ACCESSIBLE_ITEMS`] on screen only the
/// selection gets one.
pub(super) fn accessibility(
    ui: &Ui,
    t: &Transform,
    canvas_rect: egui::Rect,
    scene: &Drawn,
    document: &OpenDiagram,
    view: &ViewState,
) {
    let diagram = &document.diagram;
    let visible = t.diagram_rect(canvas_rect);
    // A line's node is its label, which may stick out of its bounds a
    // little: look that much further.
    let found = scene.visible_up_to(&visible.expand(LABEL_NODE.0), MAX_ACCESSIBLE_ITEMS);
    let everything = found.is_some();
    // Ids are only cloned for what is on screen.
    let node = |rect: &Rect, element: &dyn Fn() -> ElementRef, label: &dyn Fn() -> String| {
        if !rect.intersects(&visible) {
            return;
        }
        let element = element();
        let selected = view.is_selected(&element);
        if !(everything || selected) {
            return;
        }
        let screen = t.screen_rect(rect).intersect(canvas_rect);
        if !screen.is_positive() {
            return;
        }
        let label = label();
        let response = ui.interact(screen, Id::unique(("canvas-item", element)), Sense::hover());
        response.widget_info(|| {
            egui::WidgetInfo::selected(egui::Role::Button, true, selected, label.clone())
        });
    };
    // What gets a node: everything on screen, or only the selection.
    let (units, interfaces, modules) = match found {
        Some(found) => (
            found
                .units
                .iter()
                .filter_map(|&i| scene.units.get(i))
                .collect(),
            (found.interfaces.iter())
                .filter_map(|&i| scene.interfaces.get(i))
                .collect(),
            found
                .modules
                .iter()
                .filter_map(|&i| scene.modules.get(i))
                .collect(),
        ),
        None => selected_shapes(scene, view),
    };
    for shape in units {
        if let Some(unit) = diagram.units.get(shape.index) {
            node(&shape.rect, &|| ElementRef::Unit(shape.id.clone()), &|| {
                format!("Unit: {}", unit.name)
            });
        }
    }
    for shape in interfaces {
        if let Some(f) = diagram.interfaces.get(shape.index) {
            let r = shape.label_pos;
            let (half_w, half_h) = LABEL_NODE;
            let rect = Rect::new(r.x - half_w, r.y - half_h, 2.0 * half_w, 2.0 * half_h);
            // The scene's own description ("RPC from A to B") names the ends
            // without looking them up again.
            let name = || {
                if f.label.is_empty() {
                    format!("Interface: {}", shape.label)
                } else {
                    format!("Interface: {}", f.label)
                }
            };
            node(&rect, &|| ElementRef::Interface(shape.id.clone()), &name);
        }
    }
    for shape in modules {
        if let Some(module) = diagram.modules.get(shape.index) {
            node(
                &shape.rect,
                &|| ElementRef::Module(shape.id.clone()),
                &|| format!("Module: {}", module.name),
            );
        }
    }
}

/// Half the width and height of a line's accessibility node, around its
/// label's position.
const LABEL_NODE: (f32, f32) = (12.0, 8.0);

/// The shapes of the selected units, interfaces and modules.
type Shapes<'a> = (
    Vec<&'a UnitShape>,
    Vec<&'a InterfaceShape>,
    Vec<&'a ModuleShape>,
);

/// The shapes of the selection, by kind.
fn selected_shapes<'a>(scene: &'a Drawn, view: &ViewState) -> Shapes<'a> {
    let (mut units, mut interfaces, mut modules) = (Vec::new(), Vec::new(), Vec::new());
    for element in &view.selection {
        match element {
            ElementRef::Unit(id) => units.extend(scene.unit(id.as_str())),
            ElementRef::Interface(id) => interfaces.extend(scene.interface(id.as_str())),
            ElementRef::Module(id) => modules.extend(scene.module(id.as_str())),
        }
    }
    (units, interfaces, modules)
}

/// How to start, on an empty canvas.
pub(super) fn empty_hint(painter: &egui::Painter, rect: egui::Rect, dark: bool) {
    let color = color32(palette(dark).hint);
    let c = rect.center();
    painter.text(
        c - Vec2::new(0.0, 22.0),
        Align2::CENTER_CENTER,
        "This diagram is empty",
        FontId::proportional(20.0),
        color,
    );
    painter.text(
        c + Vec2::new(0.0, 8.0),
        Align2::CENTER_CENTER,
        "Double-click to add a module, or pick a tool above (M: module, U: unit).",
        FontId::proportional(14.0),
        color,
    );
    painter.text(
        c + Vec2::new(0.0, 30.0),
        Align2::CENTER_CENTER,
        "Drag from a module's edge to another module to connect them. Help > About explains the ideas.",
        FontId::proportional(14.0),
        color,
    );
}
