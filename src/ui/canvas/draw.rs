//! Painting a [`Scene`] on the canvas: the same primitives the exports
//! draw, transformed to the screen, culled to what is visible, with text
//! laid out at its zoomed size so it stays crisp at every zoom.

use super::camera::Transform;
use crate::model::{Point, Rect};
use crate::scene::{Anchor, Primitive, Scene, Stroke};
use crate::theme::ui::MIN_TEXT_PX;
use crate::ui::colors::color32;
use egui::{Align2, Color32, FontId, Pos2, Shape, Vec2};
use std::collections::HashSet;
use std::ops::Range;

/// Which scene elements to leave out (the ones a drag is previewing).
pub type Skip<'a> = Option<&'a HashSet<String>>;

/// Paints every visible part of `scene`, in paint order, into `shapes`.
/// `visible` is the part of the diagram on screen.
pub fn paint_scene(
    painter: &egui::Painter,
    scene: &Scene,
    t: &Transform,
    visible: &Rect,
    skip: Skip<'_>,
) {
    let mut shapes: Vec<Shape> = Vec::with_capacity(1024);
    let skipped = |id: &str| skip.is_some_and(|s| s.contains(id));
    // Selection outlines and badges stick out of a box a little.
    let margin = 12.0;
    for unit in &scene.units {
        if unit.rect.expand(margin).intersects(visible) && !skipped(unit.id.as_str()) {
            paint_range(painter, &mut shapes, scene, unit.primitives.clone(), t);
        }
    }
    for interface in &scene.interfaces {
        if interface.bounds.expand(margin).intersects(visible) && !skipped(interface.id.as_str()) {
            paint_range(painter, &mut shapes, scene, interface.primitives.clone(), t);
        }
    }
    for module in &scene.modules {
        if module.rect.expand(margin).intersects(visible) && !skipped(module.id.as_str()) {
            paint_range(painter, &mut shapes, scene, module.primitives.clone(), t);
        }
    }
    for interface in &scene.interfaces {
        if !interface.label_primitives.is_empty()
            && interface.bounds.expand(margin).intersects(visible)
            && !skipped(interface.id.as_str())
        {
            paint_range(
                painter,
                &mut shapes,
                scene,
                interface.label_primitives.clone(),
                t,
            );
        }
    }
    for badge in &scene.badges {
        let r = badge.radius;
        let rect = Rect::new(badge.center.x - r, badge.center.y - r, 2.0 * r, 2.0 * r);
        if rect.intersects(visible) && !skipped(&badge.element) {
            paint_range(painter, &mut shapes, scene, badge.primitives.clone(), t);
        }
    }
    painter.extend(shapes);
}

fn paint_range(
    painter: &egui::Painter,
    shapes: &mut Vec<Shape>,
    scene: &Scene,
    range: Range<usize>,
    t: &Transform,
) {
    for primitive in scene.primitives.get(range).into_iter().flatten() {
        paint_primitive(painter, shapes, primitive, t);
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

fn dashed(points: &[Pos2], s: &Stroke, zoom: f32, shapes: &mut Vec<Shape>) {
    match s.dash {
        Some(dash) => Shape::dashed_line_many(
            points,
            stroke(s, zoom),
            (dash.on * zoom).max(1.0),
            (dash.off * zoom).max(1.0),
            shapes,
        ),
        None => shapes.push(Shape::line(points.to_vec(), stroke(s, zoom))),
    }
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

fn paint_primitive(painter: &egui::Painter, shapes: &mut Vec<Shape>, p: &Primitive, t: &Transform) {
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
                dashed(&rounded_outline(r, radius * zoom), &b, zoom, shapes);
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
                    dashed(&closed, b, zoom, shapes);
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
            dashed(&points, s, zoom, shapes);
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
