//! Bends of the selected line on the canvas, as in draw.io: a handle on
//! each bend (drawn, hit in [`super::hit`], and given an accessibility
//! node "Bend 1 of Interface: …"), a faint dot halfway along each segment
//! where dragging pulls out a new bend, the drag of a bend (snapped to the
//! grid, and lined up with its neighbours so segments run straight across
//! or down), and a double click that removes a bend.

use super::camera::Transform;
use super::drawn::Drawn;
use super::guides::{self, Guide};
use super::preview::Preview;
use crate::edit::bends;
use crate::model::{Diagram, Interface, InterfaceId, Point, Rect};
use crate::scene::SceneOptions;
use crate::theme::ui::{
    BEND_HINT_PX, END_HANDLE_HIT_DIAGRAM, END_HANDLE_HIT_PX, GUIDE_SNAP_PX, HANDLE_PX, palette,
};
use crate::ui::actions::Action;
use crate::ui::colors::color32;
use crate::ui::open_diagram::OpenDiagram;
use crate::ui::view::ViewState;
use egui::{Id, Pos2, Sense, Stroke, StrokeKind, Ui, Vec2};
use std::sync::Arc;

/// What a bend drag grabbed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Grab {
    /// An existing bend (a position in the line's waypoints).
    Bend(usize),
    /// The line itself: a new bend is pulled out of it where it was
    /// grabbed.
    Line,
}

/// A bend being dragged.
pub(super) struct BendDrag {
    /// The line.
    pub interface: InterfaceId,
    /// Whether the bend is new (pulled out of the line).
    inserted: bool,
    /// Its position among the waypoints.
    bend: usize,
    /// The waypoints before the drag.
    original: Vec<Point>,
    /// Where the bend was when grabbed.
    grab: Point,
    /// The pointer at the start.
    start: Point,
    /// The waypoints as dragged so far.
    pub points: Vec<Point>,
    /// The points on either side of the bend along the line (a box's
    /// centre at an end), which it lines up with.
    neighbours: [Point; 2],
    /// The alignment guides of the current position.
    pub guides: Vec<Guide>,
    /// The scene without the line.
    pub base: Arc<Drawn>,
    /// The line and its two boxes, drawn over `base`.
    pub preview: Arc<Preview>,
}

/// The label of a line's accessibility nodes: its label, or its id.
fn line_name(interface: &Interface) -> &str {
    if interface.label.is_empty() {
        interface.id.as_str()
    } else {
        &interface.label
    }
}

/// The radius within which a handle of the selected line is grabbed: never
/// less than a fingertip's worth of pixels.
pub(super) fn grab_radius(zoom: f32) -> f32 {
    END_HANDLE_HIT_PX.max(END_HANDLE_HIT_DIAGRAM * zoom)
}

/// The centre of module `id`'s box.
fn center(diagram: &Diagram, id: &str) -> Option<Point> {
    Some(diagram.module(id)?.rect()?.center())
}

impl BendDrag {
    /// Starts dragging what `grab` names on line `id`, the pointer at
    /// `start` (diagram coordinates).
    pub(super) fn start(
        document: &OpenDiagram,
        view: &ViewState,
        scene: &Drawn,
        id: &InterfaceId,
        grab: Grab,
        start: Point,
    ) -> Option<Self> {
        let diagram = &document.diagram;
        let index = diagram.interfaces.iter().position(|f| f.id == *id)?;
        let interface = &diagram.interfaces[index];
        let original = interface.points.clone();
        let (inserted, bend, points, at) = match grab {
            Grab::Bend(bend) => (false, bend, original.clone(), *original.get(bend)?),
            Grab::Line => {
                let path = &scene.interface(id.as_str())?.path;
                let (bend, at) = bends::nearest_on_path(path, start)?;
                (true, bend, bends::with_bend(&original, bend, at), at)
            }
        };
        let before = match bend.checked_sub(1) {
            Some(previous) => points[previous],
            None => center(diagram, interface.from.as_str())?,
        };
        let after = match points.get(bend + 1) {
            Some(next) => *next,
            None => center(diagram, interface.to.as_str())?,
        };
        let mut options = SceneOptions::new(view.color_by, view.dark);
        options.hidden.insert(id.as_str().to_owned());
        let base = Arc::new(Drawn::new(crate::scene::build(
            diagram,
            document.last_report(),
            &options,
        )));
        Some(BendDrag {
            interface: id.clone(),
            inserted,
            bend,
            original,
            grab: at,
            start,
            points,
            neighbours: [before, after],
            guides: Vec::new(),
            base,
            preview: Arc::new(Preview::line(diagram, document.last_report(), index)),
        })
    }

    /// Follows the pointer: the bend moves with it and lines up with a
    /// neighbour within a few pixels on each axis, or else snaps to the
    /// grid (lining up wins: it is what makes a segment run straight).
    pub(super) fn update(&mut self, pointer: Point, view: &ViewState, zoom: f32) {
        let raw = Point::new(
            self.grab.x + pointer.x - self.start.x,
            self.grab.y + pointer.y - self.start.y,
        );
        let others = self.neighbours.map(|p| Rect::new(p.x, p.y, 0.0, 0.0));
        let at = Rect::new(raw.x, raw.y, 0.0, 0.0);
        let ((dx, dy), found) = guides::snap(&at, &others, GUIDE_SNAP_PX / zoom);
        let lined_up = |vertical: bool| found.iter().any(|g| g.vertical == vertical);
        let x = if lined_up(true) {
            raw.x + dx
        } else {
            view.snap(raw.x)
        };
        let y = if lined_up(false) {
            raw.y + dy
        } else {
            view.snap(raw.y)
        };
        // The guides of where it lands (the grid may have moved it along a
        // guide).
        self.guides = guides::snap(&Rect::new(x, y, 0.0, 0.0), &others, 0.01).1;
        if let Some(bend) = self.points.get_mut(self.bend) {
            *bend = Point::new(x, y);
        }
    }

    /// The edit the drag makes, if it changed anything.
    pub(super) fn finish(self, diagram: &Diagram) -> Option<Action> {
        if self.points == self.original {
            return None;
        }
        let label = if self.inserted {
            "Add bend"
        } else {
            "Move bend"
        };
        Some(
            match bends::set_points(diagram, self.interface.as_str(), self.points) {
                Ok(edit) => Action::Apply {
                    edit,
                    label: label.to_owned(),
                    select: None,
                },
                Err(error) => Action::Message(error.to_string()),
            },
        )
    }

    /// The bend being dragged, where it is now.
    fn dragged(&self) -> Option<Point> {
        self.points.get(self.bend).copied()
    }
}

/// The edit that removes bend `bend` of line `id` (a double click on it).
pub(super) fn remove(document: &OpenDiagram, id: &InterfaceId, bend: usize) -> Action {
    match bends::remove_bend(&document.diagram, id.as_str(), bend) {
        Ok(edit) => Action::Apply {
            edit,
            label: "Remove bend".to_owned(),
            select: None,
        },
        Err(error) => Action::Message(error.to_string()),
    }
}

/// The handle on a bend: a small square, as on a box's corners.
fn handle(painter: &egui::Painter, at: Pos2, fill: egui::Color32, stroke: egui::Color32) {
    let r = egui::Rect::from_center_size(at, Vec2::splat(HANDLE_PX));
    painter.rect(r, 1.5, fill, Stroke::new(1.5, stroke), StrokeKind::Middle);
}

/// The handles of the selected line `id` (not while dragging): one on each
/// bend, and a faint dot halfway along each segment of its drawn path.
pub(super) fn paint_handles(
    painter: &egui::Painter,
    t: &Transform,
    scene: &Drawn,
    id: &InterfaceId,
    dark: bool,
) {
    let Some(shape) = scene.interface(id.as_str()) else {
        return;
    };
    let colors = palette(dark);
    let accent = color32(colors.accent);
    let path: Vec<Pos2> = shape
        .path
        .iter()
        .map(|p| t.screen_from_diagram(*p))
        .collect();
    for w in path.windows(2) {
        // Only where there is room to grab the line beside its handles.
        if (w[1] - w[0]).length() > 4.0 * grab_radius(t.camera.zoom) {
            painter.circle_filled(
                w[0] + (w[1] - w[0]) / 2.0,
                BEND_HINT_PX,
                accent.gamma_multiply(0.5),
            );
        }
    }
    let inner = path.len().saturating_sub(1);
    for &at in path.iter().take(inner).skip(1) {
        handle(painter, at, color32(colors.handle_fill), accent);
    }
}

/// During a bend drag: the line highlighted along its new course, the
/// dragged bend's handle and the alignment guides.
pub(super) fn paint_drag(
    painter: &egui::Painter,
    t: &Transform,
    drag: &BendDrag,
    diagram: &Diagram,
    dark: bool,
) {
    let colors = palette(dark);
    let accent = color32(colors.accent);
    if let Some(path) = drawn_path(diagram, drag) {
        let points: Vec<Pos2> = path.iter().map(|p| t.screen_from_diagram(*p)).collect();
        painter.line(points, Stroke::new(4.0, accent.gamma_multiply(0.45)));
    }
    if let Some(at) = drag.dragged() {
        handle(
            painter,
            t.screen_from_diagram(at),
            color32(colors.handle_fill),
            accent,
        );
    }
    guides::paint(painter, t, &drag.guides, dark);
}

/// The line's course while dragged: from its boxes' borders through the
/// waypoints as dragged.
fn drawn_path(diagram: &Diagram, drag: &BendDrag) -> Option<Vec<Point>> {
    let interface = diagram.interface(drag.interface.as_str())?;
    let from = diagram.module(interface.from.as_str())?.rect()?;
    let to = diagram.module(interface.to.as_str())?.rect()?;
    let (first, last) = (*drag.points.first()?, *drag.points.last()?);
    let mut path = Vec::with_capacity(drag.points.len() + 2);
    path.push(crate::scene::exit_point(&from, from.center(), first));
    path.extend_from_slice(&drag.points);
    path.push(crate::scene::exit_point(&to, to.center(), last));
    Some(path)
}

/// An accessibility node on each bend of the one selected line ("Bend 1 of
/// Interface: store"), the size of its grab area, so screen readers and UI
/// tests find them.
pub(super) fn accessibility(
    ui: &Ui,
    t: &Transform,
    canvas_rect: egui::Rect,
    document: &OpenDiagram,
    view: &ViewState,
) {
    let Some(crate::edit::ElementRef::Interface(id)) = view.single() else {
        return;
    };
    let Some(interface) = document.diagram.interface(id.as_str()) else {
        return;
    };
    let side = 2.0 * grab_radius(t.camera.zoom);
    for (k, point) in interface.points.iter().enumerate() {
        let screen = egui::Rect::from_center_size(t.screen_from_diagram(*point), Vec2::splat(side))
            .intersect(canvas_rect);
        if !screen.is_positive() {
            continue;
        }
        let label = format!("Bend {} of Interface: {}", k + 1, line_name(interface));
        ui.interact(screen, Id::unique(("bend-handle", id, k)), Sense::hover())
            .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, label.clone()));
    }
}
