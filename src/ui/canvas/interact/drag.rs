//! The drag state machine: what a press starts, what each frame of the
//! drag previews, and the one edit a release pushes.

use super::CanvasContext;
use super::{ConnectMenu, add_unit, connect, hit_at, move_label, snap_point};
use crate::edit::ElementRef;
use crate::edit::Moving;
use crate::edit::geometry::{self, Drop};
use crate::edit::ops::{self, End};
use crate::model::{InterfaceId, InterfaceKind, ModuleId, Point, Rect};
use crate::scene::SceneOptions;
use crate::theme::MODULE_MIN_SIZE;
use crate::theme::ui::GUIDE_SNAP_PX;
use crate::theme::ui::NEW_UNIT_SIZE;
use crate::ui::actions::Action;
use crate::ui::canvas::Canvas;
use crate::ui::canvas::bends::{BendDrag, Grab};
use crate::ui::canvas::drawn::Drawn;
use crate::ui::canvas::guides::{self, Guide};
use crate::ui::canvas::hit::{Handle, Hit};
use crate::ui::canvas::preview::{self, Preview};
use crate::ui::open_diagram::OpenDiagram;
use crate::ui::tool::Tool;
use crate::ui::view::ViewState;
use egui::{Pos2, Response, Ui};
use std::collections::BTreeSet;
use std::sync::Arc;

/// A drag under way.
pub(in crate::ui::canvas) enum Drag {
    /// Moving the camera.
    Pan,
    /// Selecting everything inside a rectangle.
    Marquee {
        start: Point,
        current: Point,
        /// The selection before the drag (kept when adding with shift).
        base: BTreeSet<ElementRef>,
        /// The selection when the drag started, given back if it is
        /// cancelled.
        before: BTreeSet<ElementRef>,
    },
    /// Moving the selection.
    Move {
        elements: Vec<ElementRef>,
        moving: Moving,
        /// Top-left of the grabbed element before the drag; it is what snaps.
        anchor: Point,
        /// Pointer at the start.
        start: Point,
        /// Current (snapped) offset.
        delta: (f32, f32),
        /// The moving boxes' bounds before the drag.
        bounds: Option<Rect>,
        /// The boxes that stay put, whose lines the moving ones snap to.
        others: Vec<Rect>,
        /// The alignment guides of the current offset.
        guides: Vec<Guide>,
        /// The scene without the moving elements.
        base: Arc<Drawn>,
        /// What is drawn moving.
        preview: Arc<Preview>,
    },
    /// Resizing one module or unit.
    Resize {
        element: ElementRef,
        handle: Handle,
        start_rect: Rect,
        rect: Rect,
        start: Point,
        base: Arc<Drawn>,
        preview: Arc<Preview>,
    },
    /// Drawing a new interface from a module.
    Connect {
        from: ModuleId,
        kind: Option<InterfaceKind>,
        current: Point,
    },
    /// Dragging one end of an interface to another module.
    Reconnect {
        interface: InterfaceId,
        end: End,
        current: Point,
    },
    /// Dragging a bend of the selected line, or one pulled out of it.
    Bend(Box<BendDrag>),
    /// Drawing a new unit.
    DrawUnit { start: Point, current: Point },
}

pub(super) fn start_drag(
    origin: Pos2,
    space: bool,
    additive: bool,
    cx: &CanvasContext<'_>,
    actions: &mut Vec<Action>,
) -> Option<Drag> {
    let CanvasContext {
        t,
        document,
        view,
        scene,
    } = *cx;
    if space {
        return Some(Drag::Pan);
    }
    let start = t.diagram_from_screen(origin);
    let hit = hit_at(scene, view, t, origin);
    let diagram = &document.diagram;
    if view.tool == Tool::Unit {
        return Some(Drag::DrawUnit {
            start: snap_point(view, start),
            current: start,
        });
    }
    if let Tool::Connect(kind) = view.tool
        && let Some(Hit::Module(id) | Hit::ModuleEdge(id)) = &hit
    {
        return Some(Drag::Connect {
            from: id.clone(),
            kind: Some(kind),
            current: start,
        });
    }
    let marquee = |base: BTreeSet<ElementRef>| Drag::Marquee {
        start,
        current: start,
        base,
        before: view.selection.clone(),
    };
    let base_selection = if additive {
        view.selection.clone()
    } else {
        BTreeSet::new()
    };
    match hit {
        Some(Hit::Resize(element, handle)) => {
            let rect = scene.rect_of(&element)?;
            let moving = Moving::of(&document.forest(), std::slice::from_ref(&element));
            Some(Drag::Resize {
                base: base_scene(document, view, &moving),
                preview: Arc::new(Preview::new(diagram, document.last_report(), &moving)),
                element,
                handle,
                start_rect: rect,
                rect,
                start,
            })
        }
        Some(Hit::Bend(id, bend)) => {
            BendDrag::start(document, view, scene, &id, Grab::Bend(bend), start)
                .map(|drag| Drag::Bend(Box::new(drag)))
        }
        Some(Hit::Interface(ref id))
            if view.single() == Some(&ElementRef::Interface(id.clone())) =>
        {
            BendDrag::start(document, view, scene, id, Grab::Line, start)
                .map(|drag| Drag::Bend(Box::new(drag)))
        }
        Some(Hit::InterfaceEnd(interface, end)) => Some(Drag::Reconnect {
            interface,
            end,
            current: start,
        }),
        Some(Hit::ModuleEdge(from)) => Some(Drag::Connect {
            from,
            kind: None,
            current: start,
        }),
        Some(Hit::UnitBody(ref id)) if !view.is_selected(&ElementRef::Unit(id.clone())) => {
            Some(marquee(base_selection))
        }
        Some(Hit::Module(_) | Hit::UnitTitle(_) | Hit::UnitBody(_)) => {
            let grabbed = hit.as_ref().and_then(Hit::element)?;
            Some(start_move(grabbed, start, additive, cx, actions))
        }
        Some(Hit::Interface(_) | Hit::Badge(_)) | None => Some(marquee(base_selection)),
    }
}

/// Starts moving `grabbed` with the rest of the selection (the grabbed
/// element joins it first, alone unless `additive`).
fn start_move(
    grabbed: ElementRef,
    start: Point,
    additive: bool,
    cx: &CanvasContext<'_>,
    actions: &mut Vec<Action>,
) -> Drag {
    let CanvasContext {
        document,
        view,
        scene,
        ..
    } = *cx;
    let diagram = &document.diagram;
    let mut selection = view.selection.clone();
    if !selection.contains(&grabbed) {
        if !additive {
            selection.clear();
        }
        selection.insert(grabbed.clone());
        actions.push(Action::Select(selection.iter().cloned().collect()));
    }
    let elements: Vec<ElementRef> = selection
        .into_iter()
        .filter(|e| !matches!(e, ElementRef::Interface(_)))
        .collect();
    let moving = Moving::of(&document.forest(), &elements);
    let anchor = scene.rect_of(&grabbed).map_or(start, |r| r.min());
    let bounds = elements
        .iter()
        .filter_map(|e| scene.rect_of(e))
        .reduce(|a, b| a.union(&b));
    let base = base_scene(document, view, &moving);
    let others = base
        .modules
        .iter()
        .map(|m| m.rect)
        .chain(base.units.iter().map(|u| u.rect))
        .collect();
    Drag::Move {
        base,
        bounds,
        others,
        guides: Vec::new(),
        preview: Arc::new(Preview::new(diagram, document.last_report(), &moving)),
        elements,
        moving,
        anchor,
        start,
        delta: (0.0, 0.0),
    }
}

/// The scene without what a drag moves, built once per drag.
fn base_scene(document: &OpenDiagram, view: &ViewState, moving: &Moving) -> Arc<Drawn> {
    let mut options = SceneOptions::new(view.color_by, view.dark);
    options.hidden = preview::hidden(&document.diagram, moving);
    Arc::new(Drawn::new(crate::scene::build(
        &document.diagram,
        document.last_report(),
        &options,
    )))
}

pub(super) fn update_drag(
    canvas: &mut Canvas,
    ui: &Ui,
    response: &Response,
    pointer: Point,
    cx: &CanvasContext<'_>,
    actions: &mut Vec<Action>,
) {
    let CanvasContext {
        t, document, view, ..
    } = *cx;
    match &mut canvas.drag {
        Some(Drag::Pan) => {
            canvas.camera.pan += response.drag_delta();
            canvas.auto_fit = None;
        }
        Some(Drag::Marquee {
            start,
            current,
            base,
            ..
        }) => {
            *current = pointer;
            let area = Rect::spanning(*start, *current);
            let mut selection = base.clone();
            selection.extend(elements_inside(document, &area));
            if selection != view.selection {
                actions.push(Action::Select(selection.into_iter().collect()));
            }
        }
        Some(Drag::Move {
            anchor,
            start,
            delta,
            bounds,
            others,
            guides,
            ..
        }) => {
            let raw = (pointer.x - start.x, pointer.y - start.y);
            *delta = (
                view.snap(anchor.x + raw.0) - anchor.x,
                view.snap(anchor.y + raw.1) - anchor.y,
            );
            // Lining up with another box wins over the grid.
            guides.clear();
            if let Some(bounds) = bounds {
                let moved = bounds.translate(delta.0, delta.1);
                let tolerance = GUIDE_SNAP_PX / t.camera.zoom;
                let (correction, found) = guides::snap(&moved, others, tolerance);
                *delta = (delta.0 + correction.0, delta.1 + correction.1);
                *guides = found;
            }
        }
        Some(Drag::Resize {
            handle,
            start_rect,
            rect,
            start,
            ..
        }) => {
            let dx = pointer.x - start.x;
            let dy = pointer.y - start.y;
            let raw = handle.drag(start_rect, dx, dy, MODULE_MIN_SIZE);
            // Snap the edges that move.
            let (moves_left, moves_top, moves_right, moves_bottom) = handle.edges();
            let snap_if = |moves: bool, v: f32| if moves { view.snap(v) } else { v };
            let left = snap_if(moves_left, raw.x);
            let top = snap_if(moves_top, raw.y);
            let right = snap_if(moves_right, raw.right());
            let bottom = snap_if(moves_bottom, raw.bottom());
            *rect = Rect::new(left, top, (right - left).max(1.0), (bottom - top).max(1.0));
        }
        Some(Drag::Bend(drag)) => drag.update(pointer, view, t.camera.zoom),
        Some(
            Drag::Connect { current, .. }
            | Drag::Reconnect { current, .. }
            | Drag::DrawUnit { current, .. },
        ) => *current = pointer,
        None => {}
    }
    if canvas.drag.is_some() {
        ui.ctx().request_repaint();
    }
}

/// Modules, units and interfaces wholly inside `area`.
fn elements_inside(document: &OpenDiagram, area: &Rect) -> Vec<ElementRef> {
    let diagram = &document.diagram;
    let mut inside = Vec::new();
    let mut modules = std::collections::HashSet::new();
    for module in &diagram.modules {
        if module.rect().is_some_and(|r| area.contains_rect(&r)) {
            modules.insert(module.id.as_str());
            inside.push(ElementRef::Module(module.id.clone()));
        }
    }
    for unit in &diagram.units {
        if unit.rect.is_some_and(|r| area.contains_rect(&r)) {
            inside.push(ElementRef::Unit(unit.id.clone()));
        }
    }
    for interface in &diagram.interfaces {
        if modules.contains(interface.from.as_str()) && modules.contains(interface.to.as_str()) {
            inside.push(ElementRef::Interface(interface.id.clone()));
        }
    }
    inside
}

pub(super) fn finish_drag(
    canvas: &mut Canvas,
    drag: Drag,
    pointer: Point,
    pointer_screen: Option<Pos2>,
    cx: &CanvasContext<'_>,
    actions: &mut Vec<Action>,
) {
    let CanvasContext {
        document,
        view,
        scene,
        ..
    } = *cx;
    let diagram = &document.diagram;
    match drag {
        Drag::Pan | Drag::Marquee { .. } => {}
        Drag::Move {
            elements, delta, ..
        } => {
            if delta == (0.0, 0.0) {
                return;
            }
            let forest = document.forest();
            let (dx, dy) = delta;
            match geometry::move_elements(diagram, &forest, &elements, dx, dy, Drop::At(pointer)) {
                Ok(edit) => actions.push(Action::Apply {
                    edit,
                    label: move_label(&elements),
                    select: None,
                }),
                Err(error) => actions.push(Action::Message(error.to_string())),
            }
        }
        Drag::Resize {
            element,
            rect,
            start_rect,
            ..
        } => {
            if rect == start_rect {
                return;
            }
            match geometry::resize(diagram, &document.forest(), &element, rect) {
                Ok(edit) => actions.push(Action::Apply {
                    edit,
                    label: format!("Resize {}", element.noun()),
                    select: None,
                }),
                Err(error) => actions.push(Action::Message(error.to_string())),
            }
        }
        Drag::Connect { from, kind, .. } => {
            let Some(target) = scene.module_at(pointer) else {
                return;
            };
            let to = target.id.clone();
            if to == from {
                actions.push(Action::Message(
                    "An interface joins two different modules: drop it on another module"
                        .to_owned(),
                ));
                return;
            }
            let kinds = match kind {
                Some(kind) => vec![kind],
                None => ops::fitting_kinds(diagram, from.as_str(), to.as_str()),
            };
            if let [kind] = kinds.as_slice() {
                connect(diagram, &from, &to, *kind, actions);
            } else if let Some(at) = pointer_screen {
                canvas.connect_menu = Some(ConnectMenu {
                    from,
                    to,
                    at,
                    kinds,
                });
            }
        }
        Drag::Reconnect { interface, end, .. } => {
            let Some(target) = scene.module_at(pointer) else {
                return;
            };
            match ops::reconnect(diagram, interface.as_str(), end, target.id.as_str()) {
                Ok(edit) => actions.push(Action::Apply {
                    edit,
                    label: "Reconnect interface".to_owned(),
                    select: None,
                }),
                Err(error) => actions.push(Action::Message(error.to_string())),
            }
        }
        Drag::Bend(drag) => actions.extend(drag.finish(diagram)),
        Drag::DrawUnit { start, current } => {
            let end = snap_point(view, current);
            let mut rect = Rect::spanning(start, end);
            if rect.w < MODULE_MIN_SIZE.0 || rect.h < MODULE_MIN_SIZE.1 {
                rect = Rect::new(start.x, start.y, NEW_UNIT_SIZE.0, NEW_UNIT_SIZE.1);
            }
            add_unit(rect, document, actions);
        }
    }
}
