//! Blast radius on the canvas: what an attacker who runs code as the
//! selected untrusted module can reach. Selecting an untrusted module
//! highlights its blast radius and dims the rest; focusing a `lateral-reach`
//! finding does the same and also draws the path by which each reached
//! module is reached (from the analysis' steps).

use super::canvas::camera::Transform;
use super::colors::color32;
use super::open_diagram::OpenDiagram;
use super::view::ViewState;
use crate::edit::ElementRef;
use crate::model::{ModuleId, Point};
use crate::rules::{Analysis, BlastRadius, Finding, Role};
use crate::scene::Scene;
use crate::theme::palette::Palette;
use crate::theme::ui::BLAST_PATH_WIDTH;
use egui::{Pos2, Shape, Stroke};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// The blast radius being shown.
#[derive(Debug)]
pub struct Blast {
    /// The document revision it was computed for.
    pub revision: u64,
    /// Whether the paths are drawn (a `lateral-reach` finding is in focus).
    pub paths: bool,
    /// The radius, with the step that reaches each module.
    pub radius: BlastRadius,
    /// Ids drawn at full strength: the source, what it reaches, the
    /// interfaces it goes through, and the units holding them.
    pub highlight: HashSet<String>,
}

impl Blast {
    /// The untrusted module the attacker starts from.
    #[must_use]
    pub fn source(&self) -> &ModuleId {
        &self.radius.source
    }
}

/// Which module's radius to show, and whether with paths: the focused
/// `lateral-reach` finding while its elements are the selection, otherwise
/// the one selected module (shown only if it is untrusted).
fn wanted(
    document: &OpenDiagram,
    view: &ViewState,
    focused: Option<&Finding>,
) -> Option<(String, bool)> {
    if let Some(finding) = focused.filter(|f| f.rule == crate::model::RuleId::LateralReach)
        && let Some(source) = finding.elements.first()
    {
        let selected: HashSet<&str> = view.selection.iter().map(ElementRef::id).collect();
        let elements: HashSet<&str> = finding
            .elements
            .iter()
            .map(String::as_str)
            .filter(|id| ElementRef::find(&document.diagram, id).is_some())
            .collect();
        if selected == elements {
            return Some((source.clone(), true));
        }
    }
    match view.single() {
        Some(ElementRef::Module(id)) => Some((id.as_str().to_owned(), false)),
        _ => None,
    }
}

/// The blast radius to show for the current document, selection and focused
/// finding; reuses `previous` when nothing it depends on has changed.
#[must_use]
pub fn update(
    previous: Option<Arc<Blast>>,
    document: &OpenDiagram,
    view: &ViewState,
    focused: Option<&Finding>,
) -> Option<Arc<Blast>> {
    let (source, paths) = wanted(document, view, focused)?;
    let revision = document.revision();
    if let Some(previous) = previous
        && previous.revision == revision
        && previous.paths == paths
        && previous.source().as_str() == source
    {
        return Some(previous);
    }
    let diagram = &document.diagram;
    // Only a foothold has a radius: do not analyse the whole diagram after
    // every edit just to find that out.
    if !crate::rules::could_be_foothold(diagram, diagram.module(&source)?) {
        return None;
    }
    let radius = Analysis::new(diagram).blast_radius(&source)?;
    // A foothold that reaches nothing (fixed, isolated) dims nothing: the
    // highlight would say there is a radius where there is none.
    if radius.reached.is_empty() {
        return None;
    }
    let mut highlight: HashSet<String> = HashSet::new();
    highlight.insert(source.clone());
    for step in &radius.steps {
        if step.in_radius || step.role == Role::Acting {
            highlight.insert(step.module.as_str().to_owned());
            if let Some(interface) = &step.interface {
                highlight.insert(interface.as_str().to_owned());
            }
        }
    }
    let modules: Vec<String> = highlight.iter().cloned().collect();
    for id in modules {
        if let Some(unit) = diagram.module(&id).and_then(|m| m.unit.as_ref()) {
            for u in diagram.unit_chain(unit.as_str()) {
                highlight.insert(u.id.as_str().to_owned());
            }
        }
    }
    Some(Arc::new(Blast {
        revision,
        paths,
        radius,
        highlight,
    }))
}

/// Draws, over the scene, the path by which each module in the blast
/// radius is reached: along the interface that carries each step, or a
/// dashed line for modules reached by sharing a process.
pub fn paint_paths(
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
