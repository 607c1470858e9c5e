//! The pointer on the canvas: scrolling and zooming, clicks, and the drag
//! state machine (pan, marquee, move, resize, connect, reconnect, bend a
//! line, draw a unit). Drags only preview; they push one [`Action::Apply`]
//! on release.

use super::Canvas;
use super::bends::{BendDrag, Grab};
use super::camera::Transform;
use super::drawn::Drawn;
use super::guides::{self, Guide};
use super::hit::{Handle, Hit, hit_test};
use super::preview::{Moving, Preview};
use crate::edit::ElementRef;
use crate::edit::geometry::{self, Drop};
use crate::edit::ops::{self, End};
use crate::model::{InterfaceId, InterfaceKind, ModuleId, ModuleKind, Point, Rect};
use crate::scene::SceneOptions;
use crate::theme::MODULE_MIN_SIZE;
use crate::theme::ui::GUIDE_SNAP_PX;
use crate::theme::ui::{NEW_MODULE_SIZE, NEW_UNIT_SIZE};
use crate::ui::actions::Action;
use crate::ui::command::Command;
use crate::ui::open_diagram::OpenDiagram;
use crate::ui::tool::Tool;
use crate::ui::view::ViewState;
use egui::{CursorIcon, Key, PointerButton, Pos2, Response, Ui};
use std::collections::BTreeSet;
use std::sync::Arc;

/// A drag under way.
pub(super) enum Drag {
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

/// The menu of interface kinds shown when a connection is dropped on a
/// module and more than one kind fits.
pub(super) struct ConnectMenu {
    pub from: ModuleId,
    pub to: ModuleId,
    pub at: Pos2,
    pub kinds: Vec<InterfaceKind>,
}

/// An element being renamed in place.
pub(super) struct Rename {
    pub element: ElementRef,
    pub text: String,
    /// Whether focus has been given to the text field yet.
    pub focused: bool,
    /// Whether the element was just created, so the name also makes its id.
    pub id_from_name: bool,
}

/// Scroll pans; ctrl+scroll (and pinch) zooms around the pointer.
pub(super) fn scroll_and_zoom(canvas: &mut Canvas, ui: &Ui, response: &Response, rect: egui::Rect) {
    if !response.contains_pointer() {
        return;
    }
    let (scroll, zoom, pointer) =
        ui.input(|i| (i.smooth_scroll_delta, i.zoom_delta(), i.pointer.hover_pos()));
    let before = canvas.camera;
    if (zoom - 1.0).abs() > f32::EPSILON
        && let Some(pointer) = pointer
    {
        // egui's ctrl+wheel step is coarse for a drawing (about 1.4× per
        // notch); half of it, in log space, feels like draw.io.
        canvas
            .camera
            .zoom_around(zoom.powf(0.5), pointer - rect.min);
    } else if scroll != egui::Vec2::ZERO {
        canvas.camera.pan += scroll;
    }
    if response.dragged_by(PointerButton::Middle) {
        canvas.camera.pan += response.drag_delta();
    }
    if canvas.camera != before {
        canvas.auto_fit = None;
    }
}

fn snap_point(view: &ViewState, p: Point) -> Point {
    Point::new(view.snap(p.x), view.snap(p.y))
}

/// The rectangle spanned by two corners.
fn span(a: Point, b: Point) -> Rect {
    Rect::new(
        a.x.min(b.x),
        a.y.min(b.y),
        (a.x - b.x).abs(),
        (a.y - b.y).abs(),
    )
}

fn pointer_modifiers(ui: &Ui) -> (bool, bool) {
    ui.input(|i| {
        (
            i.modifiers.shift || i.modifiers.command,
            i.key_down(Key::Space),
        )
    })
}

/// What canvas interaction reads in a frame and does not change: the
/// camera, the document, the view and the scene as drawn. Passed as one
/// value to the functions that turn pointer input into actions.
#[derive(Clone, Copy)]
pub(super) struct CanvasContext<'a> {
    /// Diagram ↔ screen.
    pub t: &'a Transform,
    /// The open diagram.
    pub document: &'a OpenDiagram,
    /// Selection, tool, view options.
    pub view: &'a ViewState,
    /// The scene as drawn this frame.
    pub scene: &'a Drawn,
}

/// The hit under a screen point, for the active tool.
fn hit_at(scene: &Drawn, view: &ViewState, t: &Transform, pos: Pos2) -> Option<Hit> {
    hit_test(scene, &view.selection, t, pos, view.tool == Tool::Select)
}

/// The label of an edit that moves `elements`.
fn move_label(elements: &[ElementRef]) -> String {
    match elements {
        [ElementRef::Module(_)] => "Move module".to_owned(),
        [ElementRef::Unit(_)] => "Move unit".to_owned(),
        _ => format!("Move {} elements", elements.len()),
    }
}

pub(super) fn handle(
    canvas: &mut Canvas,
    ui: &Ui,
    response: &Response,
    cx: &CanvasContext<'_>,
    actions: &mut Vec<Action>,
) {
    let CanvasContext {
        t,
        document,
        view,
        scene,
    } = *cx;
    let (additive, space) = pointer_modifiers(ui);
    let pointer_screen = response
        .interact_pointer_pos()
        .or_else(|| response.hover_pos());
    let pointer = pointer_screen.map(|p| t.diagram_from_screen(p));

    // Cursor shape for what is under the pointer.
    if canvas.drag.is_none()
        && let Some(pos) = response.hover_pos()
    {
        let cursor = if space {
            CursorIcon::Grab
        } else {
            match (view.tool, hit_at(scene, view, t, pos)) {
                (_, Some(Hit::Resize(_, handle))) => handle.cursor(),
                (_, Some(Hit::Bend(..))) => CursorIcon::Grab,
                (Tool::Select, Some(Hit::Interface(id)))
                    if view.single() == Some(&ElementRef::Interface(id.clone())) =>
                {
                    CursorIcon::Grab
                }
                (_, Some(Hit::InterfaceEnd(..) | Hit::ModuleEdge(_)))
                | (Tool::Connect(_), Some(Hit::Module(_))) => CursorIcon::Crosshair,
                (Tool::Module(_) | Tool::Unit, _) => CursorIcon::Cell,
                (Tool::Select, Some(Hit::Module(_) | Hit::UnitTitle(_))) => CursorIcon::Grab,
                (Tool::Select, Some(Hit::Interface(_) | Hit::Badge(_))) => CursorIcon::PointingHand,
                _ => CursorIcon::Default,
            }
        };
        ui.ctx().set_cursor_icon(cursor);
    }

    if ui.input(|i| i.pointer.any_pressed()) && response.contains_pointer() {
        // The user is working here now: stop re-framing on resize.
        canvas.auto_fit = None;
    }

    if response.drag_started_by(PointerButton::Primary) {
        let origin = ui
            .input(|i| i.pointer.press_origin())
            .or(pointer_screen)
            .unwrap_or(t.origin);
        canvas.connect_menu = None;
        canvas.drag = start_drag(origin, space, additive, cx, actions);
    }

    if let Some(pointer) = pointer
        && response.dragged()
    {
        update_drag(canvas, ui, response, pointer, cx, actions);
    }

    if response.drag_stopped() {
        if let (Some(drag), Some(pointer)) = (canvas.drag.take(), pointer) {
            finish_drag(canvas, drag, pointer, pointer_screen, cx, actions);
        } else {
            canvas.drag = None;
        }
    }

    if response.clicked_by(PointerButton::Primary)
        && let (Some(pos), Some(p)) = (pointer_screen, pointer)
    {
        canvas.connect_menu = None;
        click(pos, p, additive, cx, actions);
    }

    if response.double_clicked()
        && let (Some(pos), Some(p)) = (pointer_screen, pointer)
    {
        match hit_at(scene, view, t, pos) {
            Some(Hit::Module(id) | Hit::ModuleEdge(id)) => {
                actions.push(Action::Select(vec![ElementRef::Module(id)]));
                actions.push(Command::Rename.into());
            }
            Some(Hit::UnitTitle(id)) => {
                actions.push(Action::Select(vec![ElementRef::Unit(id)]));
                actions.push(Command::Rename.into());
            }
            Some(Hit::Interface(id)) => {
                actions.push(Action::Select(vec![ElementRef::Interface(id)]));
                actions.push(Command::Rename.into());
            }
            Some(Hit::UnitBody(_)) | None => {
                add_module(ModuleKind::Component, p, document, view, actions);
                actions.push(Command::Rename.into());
            }
            Some(Hit::Bend(id, bend)) => actions.push(super::bends::remove(document, &id, bend)),
            Some(Hit::Resize(..) | Hit::InterfaceEnd(..) | Hit::Badge(_)) => {}
        }
    }

    // Badge tooltips.
    if canvas.drag.is_none()
        && let Some(pos) = response.hover_pos()
        && let Some(Hit::Badge(i)) = hit_at(scene, view, t, pos)
        && let Some(badge) = scene.badges.get(i)
    {
        let text = badge.messages.join("\n");
        response.clone().on_hover_text_at_pointer(text);
    } else if canvas.drag.is_none()
        && let Some(pos) = response.hover_pos()
    {
        // The "3rd" tag says what it means.
        let p = t.diagram_from_screen(pos);
        if scene
            .modules
            .iter()
            .any(|m| m.mark.is_some_and(|mark| mark.contains(p)))
        {
            response
                .clone()
                .on_hover_text_at_pointer(crate::ui::tool::THIRD_PARTY_MEANING);
        }
    }
}

fn start_drag(
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
            let moving = Moving::of(diagram, std::slice::from_ref(&element));
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
            let moving = Moving::of(diagram, &elements);
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
            Some(Drag::Move {
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
            })
        }
        Some(Hit::Interface(_) | Hit::Badge(_)) | None => Some(marquee(base_selection)),
    }
}

/// The scene without what a drag moves, built once per drag.
fn base_scene(document: &OpenDiagram, view: &ViewState, moving: &Moving) -> Arc<Drawn> {
    let mut options = SceneOptions::new(view.color_by, view.dark);
    options.hidden = moving.hidden(&document.diagram);
    Arc::new(Drawn::new(crate::scene::build(
        &document.diagram,
        document.last_report(),
        &options,
    )))
}

fn update_drag(
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
            let area = span(*start, *current);
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

fn finish_drag(
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
            let mut rect = span(start, end);
            if rect.w < MODULE_MIN_SIZE.0 || rect.h < MODULE_MIN_SIZE.1 {
                rect = Rect::new(start.x, start.y, NEW_UNIT_SIZE.0, NEW_UNIT_SIZE.1);
            }
            add_unit(rect, document, actions);
        }
    }
}

/// Pushes the edit that connects `from` to `to` with `kind`, selecting the
/// new interface, or a message saying why it cannot be made.
pub(super) fn connect(
    diagram: &crate::model::Diagram,
    from: &ModuleId,
    to: &ModuleId,
    kind: InterfaceKind,
    actions: &mut Vec<Action>,
) {
    match ops::connect(diagram, from.as_str(), to.as_str(), kind) {
        Ok((edit, id)) => actions.push(Action::Apply {
            edit,
            label: format!("Connect ({})", kind.label()),
            select: Some(vec![ElementRef::Interface(id)]),
        }),
        Err(error) => actions.push(Action::Message(error.to_string())),
    }
}

/// Pushes the edit that adds a module of `kind` centred at `at`.
pub(super) fn add_module(
    kind: ModuleKind,
    at: Point,
    document: &OpenDiagram,
    view: &ViewState,
    actions: &mut Vec<Action>,
) {
    let (w, h) = NEW_MODULE_SIZE;
    let rect = Rect::new(view.snap(at.x - w / 2.0), view.snap(at.y - h / 2.0), w, h);
    let (edit, id) = ops::add_module(&document.diagram, kind, rect);
    actions.push(Action::Apply {
        edit,
        label: format!("Add {}", kind.label().to_lowercase()),
        select: Some(vec![ElementRef::Module(id)]),
    });
}

fn add_unit(rect: Rect, document: &OpenDiagram, actions: &mut Vec<Action>) {
    let (edit, id) = ops::add_unit(&document.diagram, crate::model::Isolation::Process, rect);
    actions.push(Action::Apply {
        edit,
        label: "Add unit".to_owned(),
        select: Some(vec![ElementRef::Unit(id)]),
    });
    actions.push(Command::SetTool(Tool::Select).into());
    actions.push(Command::Rename.into());
}

fn click(pos: Pos2, p: Point, additive: bool, cx: &CanvasContext<'_>, actions: &mut Vec<Action>) {
    let CanvasContext {
        t,
        document,
        view,
        scene,
    } = *cx;
    match view.tool {
        Tool::Module(kind) => {
            add_module(kind, p, document, view, actions);
            actions.push(Command::SetTool(Tool::Select).into());
            // Named in place right away, as when double-clicking.
            actions.push(Command::Rename.into());
            return;
        }
        Tool::Unit => {
            let (w, h) = NEW_UNIT_SIZE;
            let rect = Rect::new(view.snap(p.x), view.snap(p.y), w, h);
            add_unit(rect, document, actions);
            return;
        }
        Tool::Select | Tool::Connect(_) => {}
    }
    let hit = hit_at(scene, view, t, pos);
    let element = match &hit {
        Some(Hit::Badge(i)) => scene
            .badges
            .get(*i)
            .and_then(|b| ElementRef::find(&document.diagram, &b.element)),
        Some(hit) => hit.element(),
        None => None,
    };
    let mut selection = view.selection.clone();
    match element {
        Some(element) if additive => {
            if !selection.remove(&element) {
                selection.insert(element);
            }
        }
        Some(element) => {
            selection.clear();
            selection.insert(element);
        }
        None if additive => {}
        None => selection.clear(),
    }
    if selection != view.selection {
        actions.push(Action::Select(selection.into_iter().collect()));
    }
}

/// The right-click menu: acts on what was under the pointer (selecting it
/// first) or offers to add something there.
pub(super) fn context_menu(
    canvas: &mut Canvas,
    response: &Response,
    document: &OpenDiagram,
    view: &ViewState,
    actions: &mut Vec<Action>,
) {
    if response.secondary_clicked() {
        // The menu's first frame only measures it; draw the next one too.
        response.ctx.request_repaint();
        canvas.context_at = canvas.pointer;
        if let Some(p) = canvas.pointer {
            let scene = canvas.scene(document, view);
            let t = Transform {
                camera: canvas.camera,
                origin: response.rect.min,
            };
            let element = hit_test(&scene, &view.selection, &t, t.screen_from_diagram(p), false)
                .and_then(|h| h.element());
            match element {
                Some(e) if !view.is_selected(&e) => actions.push(Action::Select(vec![e])),
                None if !view.selection.is_empty() => actions.push(Action::Select(Vec::new())),
                _ => {}
            }
        }
    }
    let at = canvas.context_at;
    let has_selection = !view.selection.is_empty();
    let one_interface = matches!(view.single(), Some(ElementRef::Interface(_)));
    response.context_menu(|ui| {
        ui.set_min_width(190.0);
        let item = |ui: &mut Ui, actions: &mut Vec<Action>, command: Command, enabled: bool| {
            let mut button = egui::Button::new(command.label());
            if let Some(shortcut) = command.shortcut() {
                button =
                    button.shortcut_text(crate::ui::command::shortcut_text(ui.ctx(), &shortcut));
            }
            if ui.add_enabled(enabled, button).clicked() {
                actions.push(command.into());
                ui.close();
            }
        };
        if has_selection {
            item(ui, actions, Command::Rename, view.single().is_some());
            if one_interface {
                item(ui, actions, Command::Reverse, true);
                let bent = view.selection.iter().any(|e| {
                    matches!(e, ElementRef::Interface(id)
                        if document.diagram.interface(id.as_str()).is_some_and(|f| !f.points.is_empty()))
                });
                if bent {
                    item(ui, actions, Command::Straighten, true);
                }
            }
            // The clipboard takes boxes (and the lines between them), so
            // these need a module or unit in the selection, as in the menus.
            let has_boxes = view
                .selection
                .iter()
                .any(|e| !matches!(e, ElementRef::Interface(_)));
            item(ui, actions, Command::Cut, has_boxes);
            item(ui, actions, Command::Copy, has_boxes);
            item(ui, actions, Command::Duplicate, has_boxes);
            item(ui, actions, Command::Delete, true);
            item(ui, actions, Command::FitSelection, true);
        } else {
            if let Some(p) = at {
                for kind in ModuleKind::ALL {
                    let what = match kind {
                        ModuleKind::Component => "module".to_owned(),
                        other => other.label().to_lowercase(),
                    };
                    if ui.button(format!("Add {what} here")).clicked() {
                        add_module(*kind, p, document, view, actions);
                        actions.push(Command::Rename.into());
                        ui.close();
                    }
                }
                if ui.button("Add unit here").clicked() {
                    let (w, h) = NEW_UNIT_SIZE;
                    add_unit(
                        Rect::new(view.snap(p.x), view.snap(p.y), w, h),
                        document,
                        actions,
                    );
                    ui.close();
                }
                ui.separator();
            }
            item(ui, actions, Command::Paste, true);
            item(ui, actions, Command::SelectAll, true);
            item(ui, actions, Command::FitDiagram, true);
        }
    });
}
