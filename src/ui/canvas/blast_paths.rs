//! The paths of a blast radius drawn over the scene: how each reached
//! module is reached (the radius itself is `crate::ui::blast_ui::Blast`).

use super::camera::Transform;
use crate::model::Point;
use crate::scene::Scene;
use crate::theme::palette::Palette;
use crate::theme::ui::BLAST_PATH_WIDTH;
use crate::ui::blast_ui::Blast;
use crate::ui::colors::color32;
use egui::{Pos2, Shape, Stroke};
use std::collections::{HashMap, HashSet};

/// Draws, over the scene, the path by which each module in the blast
/// radius is reached: along the interface that carries each step, or a
/// dashed line for modules reached by sharing a process.
pub(super) fn paint_paths(
    painter: &egui::Painter,
    t: &Transform,
    scene: &Scene,
    blast: &Blast,
    dark: bool,
) {
    if !blast.paths {
        return;
    }
    let palette = Palette::get(dark);
    let color = color32(palette.error);
    let zoom = t.camera.zoom;
    let stroke = Stroke::new(
        (BLAST_PATH_WIDTH * zoom).max(2.0),
        color.gamma_multiply(0.75),
    );
    let centers: HashMap<&str, Point> = scene
        .modules
        .iter()
        .map(|m| (m.id.as_str(), m.rect.center()))
        .collect();
    let interfaces: HashMap<&str, &[Point]> = scene
        .interfaces
        .iter()
        .map(|f| (f.id.as_str(), f.path.as_slice()))
        .collect();
    // Only the steps on the way to a module in the radius are drawn.
    let mut on_path: HashSet<&str> = HashSet::new();
    for reached in &blast.radius.reached {
        for step in blast.radius.path_to(reached.as_str()) {
            on_path.insert(step.module.as_str());
        }
    }
    let mut shapes = Vec::new();
    for step in &blast.radius.steps {
        if !on_path.contains(step.module.as_str()) {
            continue;
        }
        let (Some(&from), Some(&to)) = (
            centers.get(step.from.as_str()),
            centers.get(step.module.as_str()),
        ) else {
            continue;
        };
        let from = t.screen_from_diagram(from);
        let to = t.screen_from_diagram(to);
        let along = step
            .interface
            .as_ref()
            .and_then(|i| interfaces.get(i.as_str()))
            .filter(|p| p.len() >= 2);
        let points: Vec<Pos2> = if let Some(path) = along {
            let mut points: Vec<Pos2> = path.iter().map(|p| t.screen_from_diagram(*p)).collect();
            // The interface may run against the attack: draw it from the
            // module the attacker holds.
            if let (Some(first), Some(last)) = (points.first(), points.last())
                && first.distance(from) > last.distance(from)
            {
                points.reverse();
            }
            shapes.push(Shape::line(points.clone(), stroke));
            points
        } else {
            let dash = 6.0 * zoom.max(0.5);
            let gap = 4.0 * zoom.max(0.5);
            Shape::dashed_line_many(&[from, to], stroke, dash, gap, &mut shapes);
            vec![from, to]
        };
        if let [.., a, b] = points.as_slice() {
            arrow_head(&mut shapes, *a, *b, color, (8.0 * zoom).clamp(5.0, 14.0));
        }
    }
    painter.extend(shapes);
}

fn arrow_head(shapes: &mut Vec<Shape>, from: Pos2, tip: Pos2, color: egui::Color32, size: f32) {
    let direction = (tip - from).normalized();
    if !direction.x.is_finite() || !direction.y.is_finite() {
        return;
    }
    // Stop short of the middle of the box the arrow points into, so the
    // head sits where the line meets the module rather than under its label.
    let tip = if (tip - from).length() > size * 3.0 {
        from + (tip - from) * 0.5
    } else {
        tip
    };
    let normal = direction.rot90();
    let back = tip - direction * size;
    shapes.push(Shape::convex_polygon(
        vec![tip, back + normal * size * 0.5, back - normal * size * 0.5],
        color,
        Stroke::NONE,
    ));
}
