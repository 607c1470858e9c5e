//! The pointer on the canvas: scrolling and zooming, clicks, and the drag
//! state machine (pan, marquee, move, resize, connect, reconnect, bend a
//! line, draw a unit). Drags only preview; they push one [`Action::Apply`]
//! on release.

use super::Canvas;
use super::camera::Transform;
use super::drawn::Drawn;
use super::hit::{Hit, hit_test};
use crate::edit::ElementRef;
use crate::edit::ops::{self};
use crate::model::{InterfaceKind, ModuleId, ModuleKind, Point, Rect};
use crate::theme::ui::{NEW_MODULE_SIZE, NEW_UNIT_SIZE};
use crate::ui::actions::Action;
use crate::ui::command::Command;
use crate::ui::open_diagram::OpenDiagram;
use crate::ui::tool::Tool;
use crate::ui::view::ViewState;
use egui::{CursorIcon, Key, PointerButton, Pos2, Response, Ui};

mod context_menu;
mod drag;

pub(super) use context_menu::context_menu;
pub(super) use drag::Drag;
use drag::{finish_drag, start_drag, update_drag};

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

/// How far from the pointer a "3rd" tag's box may start, in diagram units
/// (the tag is smaller than this).
const TAG_REACH: f32 = 48.0;

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
    let t = cx.t;
    let (additive, space) = pointer_modifiers(ui);
    let pointer_screen = response
        .interact_pointer_pos()
        .or_else(|| response.hover_pos());
    let pointer = pointer_screen.map(|p| t.diagram_from_screen(p));

    if canvas.drag.is_none() {
        hover_cursor(ui, response, space, cx);
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
        double_click(pos, p, cx, actions);
    }

    if canvas.drag.is_none() {
        hover_tips(response, cx);
    }
}

/// The cursor for what is under the pointer.
fn hover_cursor(ui: &Ui, response: &Response, space: bool, cx: &CanvasContext<'_>) {
    let CanvasContext { t, view, scene, .. } = *cx;
    let Some(pos) = response.hover_pos() else {
        return;
    };
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

/// A double click renames what it is on, removes a bend, or adds a
/// module on empty canvas and names it.
fn double_click(pos: Pos2, p: Point, cx: &CanvasContext<'_>, actions: &mut Vec<Action>) {
    let CanvasContext {
        t,
        document,
        view,
        scene,
    } = *cx;
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

/// Tooltips for what the pointer rests on: a badge's findings, the "3rd"
/// tag's meaning.
fn hover_tips(response: &Response, cx: &CanvasContext<'_>) {
    let CanvasContext { t, view, scene, .. } = *cx;
    let Some(pos) = response.hover_pos() else {
        return;
    };
    if let Some(Hit::Badge(i)) = hit_at(scene, view, t, pos)
        && let Some(badge) = scene.badges.get(i)
    {
        let text = badge.messages.join("\n");
        response.clone().on_hover_text_at_pointer(text);
        return;
    }
    // The tag straddles its box's top edge: look a little around the
    // pointer, not through every module.
    let p = t.diagram_from_screen(pos);
    let near = Rect::new(
        p.x - TAG_REACH,
        p.y - TAG_REACH,
        2.0 * TAG_REACH,
        2.0 * TAG_REACH,
    );
    let on_tag = scene
        .visible(&near)
        .modules
        .iter()
        .any(|&i| scene.modules[i].mark.is_some_and(|mark| mark.contains(p)));
    if on_tag {
        response
            .clone()
            .on_hover_text_at_pointer(crate::ui::tool::THIRD_PARTY_MEANING);
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
