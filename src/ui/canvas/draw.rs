//! Painting a [`Scene`] on the canvas: the same primitives the exports
//! draw, transformed to the screen, culled to what is visible, with text
//! laid out at its zoomed size so it stays crisp at every zoom.
//!
//! Zoomed far out (below [`LOD_ZOOM`]) everything goes into one plain mesh
//! instead: a box a few pixels wide needs no anti-aliased rounded corners,
//! and tessellating tens of thousands of shapes would not fit in a frame.

use super::camera::Transform;
use super::drawn::Visible;
use crate::model::Point;
use crate::scene::{Anchor, Primitive, Scene, Stroke};
use crate::theme::ui::{LOD_ZOOM, MIN_TEXT_PX};
use crate::ui::colors::color32;
use egui::epaint::Mesh;
use egui::{Align2, Color32, FontId, Pos2, Shape, Vec2};
use std::ops::Range;

/// Paints the `visible` parts of `scene`, in paint order.
pub fn paint_scene(painter: &egui::Painter, scene: &Scene, visible: &Visible, t: &Transform) {
    painter.extend(scene_shapes(painter, scene, visible, t));
}

/// The ranges of `scene`'s primitives that paint its `visible` parts, in
/// paint order: units, lines, modules, labels (when `labels`: zoomed far
/// out a label is an unreadable smudge), badges.
pub(super) fn visible_ranges<'s>(
    scene: &'s Scene,
    visible: &'s Visible,
    labels: bool,
) -> impl Iterator<Item = Range<usize>> + 's {
    let units = visible.units.iter().filter_map(|&i| scene.units.get(i));
    let interfaces = || {
        visible
            .interfaces
            .iter()
            .filter_map(|&i| scene.interfaces.get(i))
    };
    let modules = visible.modules.iter().filter_map(|&i| scene.modules.get(i));
    let badges = visible.badges.iter().filter_map(|&i| scene.badges.get(i));
    units
        .map(|u| u.primitives.clone())
        .chain(interfaces().map(|f| f.primitives.clone()))
        .chain(modules.map(|m| m.primitives.clone()))
        .chain(
            interfaces()
                .filter(move |_| labels)
                .map(|f| f.label_primitives.clone()),
        )
        .chain(badges.map(|b| b.primitives.clone()))
}

/// The shapes that paint the `visible` parts of `scene`, in paint order.
pub(super) fn scene_shapes(
    painter: &egui::Painter,
    scene: &Scene,
    visible: &Visible,
    t: &Transform,
) -> Vec<Shape> {
    let mut out = if t.camera.zoom < LOD_ZOOM {
        let mut mesh = Mesh::default();
        // Roughly what a zoomed-out frame of this scene needs, so the mesh
        // does not grow (and copy itself) a dozen times per frame.
        let shapes = visible.units.len() + visible.interfaces.len() + visible.modules.len();
        mesh.reserve_vertices(shapes * 24);
        mesh.reserve_triangles(shapes * 12);
        Out::Mesh(mesh)
    } else {
        Out::Shapes(Vec::with_capacity(1024))
    };
    let labels = matches!(out, Out::Shapes(_));
    for range in visible_ranges(scene, visible, labels) {
        paint_range(painter, &mut out, scene, range, t);
    }
    match out {
        Out::Shapes(shapes) => shapes,
        Out::Mesh(mesh) if mesh.is_empty() => Vec::new(),
        Out::Mesh(mesh) => vec![Shape::mesh(mesh)],
    }
}

/// Where painted primitives go: egui shapes, or one plain mesh when zoomed
/// far out.
enum Out {
    Shapes(Vec<Shape>),
    Mesh(Mesh),
}

fn paint_range(
    painter: &egui::Painter,
    out: &mut Out,
    scene: &Scene,
    range: Range<usize>,
    t: &Transform,
) {
    for primitive in scene.primitives.get(range).into_iter().flatten() {
        match out {
            Out::Shapes(shapes) => paint_primitive(painter, shapes, primitive, t),
            Out::Mesh(mesh) => mesh_primitive(mesh, primitive, t),
        }
    }
}

/// A line `width` points wide, as a quad. Lines thinner than a pixel get a
/// pixel and a lighter colour, as egui does.
fn mesh_segment(mesh: &mut Mesh, a: Pos2, b: Pos2, width: f32, color: Color32) {
    let (width, color) = if width < 1.0 {
        (1.0, color.gamma_multiply(width.max(0.2)))
    } else {
        (width, color)
    };
    let along = b - a;
    let length = along.length();
    if length < 0.01 {
        return;
    }
    let normal = Vec2::new(-along.y, along.x) / length * (width / 2.0);
    let first = mesh.vertices.len() as u32;
    for p in [a + normal, a - normal, b - normal, b + normal] {
        mesh.colored_vertex(p, color);
    }
    mesh.add_triangle(first, first + 1, first + 2);
    mesh.add_triangle(first, first + 2, first + 3);
}

/// A convex polygon as a triangle fan.
fn mesh_fan(mesh: &mut Mesh, points: &[Pos2], color: Color32) {
    if points.len() < 3 || color == Color32::TRANSPARENT {
        return;
    }
    let first = mesh.vertices.len() as u32;
    for p in points {
        mesh.colored_vertex(*p, color);
    }
    for i in 1..points.len() as u32 - 1 {
        mesh.add_triangle(first, first + i, first + i + 1);
    }
}

fn mesh_outline(mesh: &mut Mesh, points: &[Pos2], s: &Stroke, zoom: f32, closed: bool) {
    let color = color32(s.color);
    let width = s.width * zoom;
    for pair in points.windows(2) {
        mesh_segment(mesh, pair[0], pair[1], width, color);
    }
    if closed && let (Some(first), Some(last)) = (points.first(), points.last()) {
        mesh_segment(mesh, *last, *first, width, color);
    }
}

/// Below this size on screen a box is drawn without its border, and
/// smaller details (arrowheads, icons, badges) not at all.
const TINY_PX: f32 = 6.0;
/// Details smaller than this on screen are not drawn at all.
const INVISIBLE_PX: f32 = 2.0;

/// The zoomed-out painter: plain triangles, no anti-aliasing, rounding,
/// dashes or text (text is unreadable at these zooms anyway); borders of
/// tiny boxes and details smaller than a couple of pixels are left out.
fn mesh_primitive(mesh: &mut Mesh, p: &Primitive, t: &Transform) {
    let zoom = t.camera.zoom;
    match p {
        Primitive::Rect {
            rect,
            fill,
            stroke: border,
            ..
        } => {
            let r = t.screen_rect(rect);
            let extent = r.width().max(r.height());
            if extent < INVISIBLE_PX {
                return;
            }
            if let Some(fill) = fill {
                mesh.add_colored_rect(r, color32(*fill));
            }
            if extent < TINY_PX {
                return;
            }
            if let Some(b) = border {
                let corners = [
                    r.left_top(),
                    r.right_top(),
                    r.right_bottom(),
                    r.left_bottom(),
                ];
                mesh_outline(mesh, &corners, b, zoom, true);
            }
        }
        Primitive::Ellipse {
            center,
            radius_x,
            radius_y,
            fill,
            stroke: border,
        } => {
            if radius_x.max(*radius_y) * zoom < INVISIBLE_PX {
                return;
            }
            let c = pos(t, *center);
            let points: Vec<Pos2> = (0..8)
                .map(|i| {
                    let angle = std::f32::consts::TAU * i as f32 / 8.0;
                    c + Vec2::new(radius_x * zoom * angle.cos(), radius_y * zoom * angle.sin())
                })
                .collect();
            if let Some(fill) = fill {
                mesh_fan(mesh, &points, color32(*fill));
            }
            if let Some(b) = border {
                mesh_outline(mesh, &points, b, zoom, true);
            }
        }
        Primitive::Polygon {
            points,
            fill,
            stroke: border,
        } => {
            let points: Vec<Pos2> = points.iter().map(|p| pos(t, *p)).collect();
            let extent = egui::Rect::from_points(&points).size().max_elem();
            if extent < INVISIBLE_PX {
                return;
            }
            if let Some(fill) = fill {
                mesh_fan(mesh, &points, color32(*fill));
            }
            if let Some(b) = border.filter(|_| extent >= TINY_PX) {
                mesh_outline(mesh, &points, &b, zoom, true);
            }
        }
        Primitive::Polyline { points, stroke: s } => {
            let points: Vec<Pos2> = points.iter().map(|p| pos(t, *p)).collect();
            if egui::Rect::from_points(&points).size().max_elem() >= INVISIBLE_PX {
                mesh_outline(mesh, &points, s, zoom, false);
            }
        }
        Primitive::Text(_) => {}
    }
}

fn stroke(s: &Stroke, zoom: f32) -> egui::Stroke {
    egui::Stroke::new(s.width * zoom, color32(s.color))
}

fn pos(t: &Transform, p: Point) -> Pos2 {
    t.screen_from_diagram(p)
}

/// The rounded rectangle `r` as a closed outline (for dashed borders).
fn rounded_outline(r: egui::Rect, radius: f32) -> Vec<Pos2> {
    let radius = radius.min(r.width() / 2.0).min(r.height() / 2.0).max(0.0);
    let corners = [
        (r.right_top() + Vec2::new(-radius, radius), -90.0_f32),
        (r.right_bottom() + Vec2::new(-radius, -radius), 0.0),
        (r.left_bottom() + Vec2::new(radius, -radius), 90.0),
        (r.left_top() + Vec2::new(radius, radius), 180.0),
    ];
    let mut points = Vec::with_capacity(4 * 7 + 1);
    for (center, start) in corners {
        for step in 0..=6 {
            let angle = (start + 15.0 * step as f32).to_radians();
            points.push(center + radius * Vec2::new(angle.cos(), angle.sin()));
        }
    }
    if let Some(first) = points.first().copied() {
        points.push(first);
    }
    points
}

/// Shortest repeat of a dash pattern on screen: zoomed out, the pattern
/// is scaled up (keeping its proportions) rather than shrunk further.
const MIN_DASH_PERIOD_PX: f32 = 4.5;

/// The part `t0..t1` of the segment `a`–`b` inside `r` (Liang–Barsky), if
/// any.
fn clip_segment(start: Pos2, end: Pos2, clip: egui::Rect) -> Option<(f32, f32)> {
    let along = end - start;
    let (mut enter, mut leave) = (0.0_f32, 1.0_f32);
    // For each edge: the direction towards the outside, and how far inside
    // the start point is.
    for (outward, inside) in [
        (-along.x, start.x - clip.min.x),
        (along.x, clip.max.x - start.x),
        (-along.y, start.y - clip.min.y),
        (along.y, clip.max.y - start.y),
    ] {
        if outward.abs() < 1e-9 {
            if inside < 0.0 {
                return None;
            }
        } else {
            let crossing = inside / outward;
            if outward < 0.0 {
                enter = enter.max(crossing);
            } else {
                leave = leave.min(crossing);
            }
        }
    }
    (enter < leave).then_some((enter, leave))
}

/// A solid or dashed line. Dashes are made only for the part on screen (a
/// unit's border can be many screens long when zoomed in), keeping the
/// pattern's phase so the dashes do not crawl while panning.
fn dashed(clip: egui::Rect, points: &[Pos2], s: &Stroke, zoom: f32, shapes: &mut Vec<Shape>) {
    let Some(dash) = s.dash else {
        shapes.push(Shape::line(points.to_vec(), stroke(s, zoom)));
        return;
    };
    // Dashes keep a readable size on screen: zoomed out, scaled-down dashes
    // would blur into a solid line made of thousands of tiny shapes.
    let period = dash.period();
    if period <= 0.0 {
        shapes.push(Shape::line(points.to_vec(), stroke(s, zoom)));
        return;
    }
    let scale = zoom.max(MIN_DASH_PERIOD_PX / period);
    let pieces = dash.pieces();
    let on: Vec<f32> = pieces.iter().map(|(on, _)| on * scale).collect();
    let off: Vec<f32> = pieces.iter().map(|(_, off)| off * scale).collect();
    let period = period * scale;
    let clip = clip.expand(s.width * zoom + period);
    let mut travelled = 0.0;
    for pair in points.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let length = (b - a).length();
        if let Some((t0, t1)) = clip_segment(a, b, clip) {
            // How far into the pattern the visible part starts, and so how
            // far along it the next whole pattern begins.
            let phase = (travelled + t0 * length) % period;
            Shape::dashed_line_many_with_offset(
                &[a + (b - a) * t0, a + (b - a) * t1],
                stroke(s, zoom),
                &on,
                &off,
                (period - phase) % period,
                shapes,
            );
        }
        travelled += length;
    }
}

/// Paints an interface's label again (over a highlight drawn along its
/// line, so a selected or hovered line never hides its own label), at the
/// zooms where labels are drawn at all.
pub(super) fn paint_label(
    painter: &egui::Painter,
    scene: &Scene,
    interface: &crate::scene::InterfaceShape,
    t: &Transform,
) {
    if t.camera.zoom < LOD_ZOOM {
        return;
    }
    let mut out = Out::Shapes(Vec::new());
    paint_range(
        painter,
        &mut out,
        scene,
        interface.label_primitives.clone(),
        t,
    );
    if let Out::Shapes(shapes) = out {
        painter.extend(shapes);
    }
}

/// Paints `primitives` (legend samples, tool icons: small pictures the
/// scene draws) at `zoom` screen points per diagram unit with the diagram
/// origin at `origin`, the way the canvas paints the scene.
pub(crate) fn paint_primitives(
    painter: &egui::Painter,
    primitives: &[Primitive],
    origin: Pos2,
    zoom: f32,
) {
    let t = Transform {
        camera: super::camera::Camera {
            pan: Vec2::ZERO,
            zoom,
        },
        origin,
    };
    let mut shapes = Vec::with_capacity(primitives.len() * 2);
    for primitive in primitives {
        paint_primitive(painter, &mut shapes, primitive, &t);
    }
    painter.extend(shapes);
}

/// Font sizes are rounded so that zooming does not create a new glyph
/// atlas entry for every fraction of a point.
fn quantized_font_size(size_on_screen: f32) -> f32 {
    if size_on_screen < 24.0 {
        (size_on_screen * 2.0).round() / 2.0
    } else {
        size_on_screen.round()
    }
}

pub(super) fn paint_primitive(
    painter: &egui::Painter,
    shapes: &mut Vec<Shape>,
    p: &Primitive,
    t: &Transform,
) {
    let zoom = t.camera.zoom;
    match p {
        Primitive::Rect {
            rect,
            radius,
            fill,
            stroke: border,
        } => {
            let r = t.screen_rect(rect);
            let solid_border = border.filter(|b| b.dash.is_none());
            shapes.push(Shape::Rect(egui::epaint::RectShape::new(
                r,
                radius * zoom,
                fill.map_or(Color32::TRANSPARENT, color32),
                solid_border.map_or(egui::Stroke::NONE, |b| stroke(&b, zoom)),
                egui::StrokeKind::Middle,
            )));
            if let Some(b) = border.filter(|b| b.dash.is_some()) {
                dashed(
                    painter.clip_rect(),
                    &rounded_outline(r, radius * zoom),
                    &b,
                    zoom,
                    shapes,
                );
            }
        }
        Primitive::Ellipse {
            center,
            radius_x,
            radius_y,
            fill,
            stroke: border,
        } => {
            let c = pos(t, *center);
            let radius = Vec2::new(radius_x * zoom, radius_y * zoom);
            shapes.push(Shape::Ellipse(egui::epaint::EllipseShape {
                center: c,
                radius,
                fill: fill.map_or(Color32::TRANSPARENT, color32),
                stroke: border.map_or(egui::Stroke::NONE, |b| stroke(&b, zoom)),
                angle: 0.0,
            }));
        }
        Primitive::Polygon {
            points,
            fill,
            stroke: border,
        } => {
            let points: Vec<Pos2> = points.iter().map(|p| pos(t, *p)).collect();
            match border {
                Some(b) if b.dash.is_some() => {
                    if let Some(fill) = fill {
                        shapes.push(Shape::convex_polygon(
                            points.clone(),
                            color32(*fill),
                            egui::Stroke::NONE,
                        ));
                    }
                    let mut closed = points;
                    if let Some(first) = closed.first().copied() {
                        closed.push(first);
                    }
                    dashed(painter.clip_rect(), &closed, b, zoom, shapes);
                }
                _ => shapes.push(Shape::convex_polygon(
                    points,
                    fill.map_or(Color32::TRANSPARENT, color32),
                    border.map_or(egui::Stroke::NONE, |b| stroke(&b, zoom)),
                )),
            }
        }
        Primitive::Polyline { points, stroke: s } => {
            let points: Vec<Pos2> = points.iter().map(|p| pos(t, *p)).collect();
            dashed(painter.clip_rect(), &points, s, zoom, shapes);
        }
        Primitive::Text(text) => {
            let size = text.size * zoom;
            if size < MIN_TEXT_PX || text.text.is_empty() {
                return;
            }
            let align = match text.anchor {
                Anchor::Start => Align2::LEFT_CENTER,
                Anchor::Middle => Align2::CENTER_CENTER,
                Anchor::End => Align2::RIGHT_CENTER,
            };
            let galley = painter.layout_no_wrap(
                text.text.clone(),
                FontId::proportional(quantized_font_size(size)),
                color32(text.color),
            );
            let rect = align.anchor_size(pos(t, text.pos), galley.size());
            shapes.push(Shape::galley(rect.min, galley, color32(text.color)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_are_clipped_to_the_screen() {
        let screen = egui::Rect::from_min_max(Pos2::new(0.0, 0.0), Pos2::new(100.0, 100.0));
        let (t0, t1) =
            clip_segment(Pos2::new(-100.0, 50.0), Pos2::new(300.0, 50.0), screen).expect("crosses");
        assert!((t0 - 0.25).abs() < 1e-4 && (t1 - 0.5).abs() < 1e-4);
        assert!(clip_segment(Pos2::new(-10.0, -10.0), Pos2::new(-5.0, 200.0), screen).is_none());
    }

    /// Where the dashes of a long horizontal line start, between x = 20
    /// and x = 80, when the screen is `clip`.
    fn dash_starts(dash: &Stroke, clip: egui::Rect) -> Vec<i32> {
        let mut shapes = Vec::new();
        let line = [Pos2::new(-1003.0, 50.0), Pos2::new(1000.0, 50.0)];
        dashed(clip, &line, dash, 1.0, &mut shapes);
        let mut starts: Vec<i32> = shapes
            .iter()
            .filter_map(|shape| match shape {
                Shape::LineSegment { points, .. } => Some(points[0].x),
                _ => None,
            })
            .filter(|x| (20.0..80.0).contains(x))
            .map(|x| (x * 100.0).round() as i32)
            .collect();
        starts.sort_unstable();
        starts
    }

    #[test]
    fn dashes_stay_put_while_panning() {
        let color = crate::theme::Rgba::rgb(0, 0, 0);
        for stroke in [
            Stroke::dashed(1.5, color, 6.0, 4.0),
            Stroke::dash_dot(1.5, color, 9.0, 3.5, 2.5),
        ] {
            let screen =
                |x: f32| egui::Rect::from_min_max(Pos2::new(x, 0.0), Pos2::new(x + 100.0, 100.0));
            let here = dash_starts(&stroke, screen(0.0));
            assert!(here.len() >= 4, "{here:?}");
            for panned in [3.0, 7.5, 31.0] {
                assert_eq!(dash_starts(&stroke, screen(panned)), here, "{stroke:?}");
            }
        }
    }
}
