//! What is under the pointer: handles of the selection first, then
//! badges, modules (and the connect band along their border), arrows, and
//! units (their title band, then their body).

use super::camera::Transform;
use super::drawn::Drawn;
use crate::edit::ElementRef;
use crate::edit::ops::End;
use crate::model::{InterfaceId, ModuleId, Point, Rect, UnitId};
use crate::scene::distance_to_segment;
use crate::theme::ui::{CONNECT_BAND_PX, HANDLE_PX, HIT_TOLERANCE_PX};
use egui::{CursorIcon, Pos2};
use std::collections::BTreeSet;

/// One of the eight resize handles around a selected box.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Handle {
    /// Top-left corner.
    TopLeft,
    /// Middle of the top edge.
    Top,
    /// Top-right corner.
    TopRight,
    /// Middle of the right edge.
    Right,
    /// Bottom-right corner.
    BottomRight,
    /// Middle of the bottom edge.
    Bottom,
    /// Bottom-left corner.
    BottomLeft,
    /// Middle of the left edge.
    Left,
}

impl Handle {
    /// All eight, clockwise from the top-left.
    pub const ALL: [Handle; 8] = [
        Handle::TopLeft,
        Handle::Top,
        Handle::TopRight,
        Handle::Right,
        Handle::BottomRight,
        Handle::Bottom,
        Handle::BottomLeft,
        Handle::Left,
    ];

    /// Which edges the handle moves: (left, top, right, bottom).
    #[must_use]
    pub fn edges(self) -> (bool, bool, bool, bool) {
        match self {
            Handle::TopLeft => (true, true, false, false),
            Handle::Top => (false, true, false, false),
            Handle::TopRight => (false, true, true, false),
            Handle::Right => (false, false, true, false),
            Handle::BottomRight => (false, false, true, true),
            Handle::Bottom => (false, false, false, true),
            Handle::BottomLeft => (true, false, false, true),
            Handle::Left => (true, false, false, false),
        }
    }

    /// Where the handle sits on `rect` (diagram coordinates).
    #[must_use]
    pub fn position(self, rect: &Rect) -> Point {
        let (left, top, right, bottom) = self.edges();
        let x = if left {
            rect.x
        } else if right {
            rect.right()
        } else {
            rect.x + rect.w / 2.0
        };
        let y = if top {
            rect.y
        } else if bottom {
            rect.bottom()
        } else {
            rect.y + rect.h / 2.0
        };
        Point::new(x, y)
    }

    /// `rect` with the handle's edges moved by `(dx, dy)`; edges never
    /// cross (the size stays at least `min`).
    #[must_use]
    pub fn drag(self, rect: &Rect, dx: f32, dy: f32, min: (f32, f32)) -> Rect {
        let (left, top, right, bottom) = self.edges();
        let mut x0 = rect.x;
        let mut y0 = rect.y;
        let mut x1 = rect.right();
        let mut y1 = rect.bottom();
        if left {
            x0 = (x0 + dx).min(x1 - min.0);
        }
        if right {
            x1 = (x1 + dx).max(x0 + min.0);
        }
        if top {
            y0 = (y0 + dy).min(y1 - min.1);
        }
        if bottom {
            y1 = (y1 + dy).max(y0 + min.1);
        }
        Rect::new(x0, y0, x1 - x0, y1 - y0)
    }

    /// The pointer shape over the handle.
    #[must_use]
    pub fn cursor(self) -> CursorIcon {
        match self {
            Handle::TopLeft | Handle::BottomRight => CursorIcon::ResizeNwSe,
            Handle::TopRight | Handle::BottomLeft => CursorIcon::ResizeNeSw,
            Handle::Top | Handle::Bottom => CursorIcon::ResizeVertical,
            Handle::Left | Handle::Right => CursorIcon::ResizeHorizontal,
        }
    }
}

/// What the pointer is over.
#[derive(Clone, Debug, PartialEq)]
pub enum Hit {
    /// A resize handle of the one selected module or unit.
    Resize(ElementRef, Handle),
    /// An end handle of the one selected interface.
    InterfaceEnd(InterfaceId, End),
    /// The handle on a bend of the one selected interface (a position in
    /// its waypoints).
    Bend(InterfaceId, usize),
    /// A finding badge (index into [`Scene::badges`]).
    Badge(usize),
    /// The band along a module's border where a drag starts a connection.
    ModuleEdge(ModuleId),
    /// A module's inside.
    Module(ModuleId),
    /// An arrow or its label.
    Interface(InterfaceId),
    /// A unit's title band.
    UnitTitle(UnitId),
    /// A unit's body.
    UnitBody(UnitId),
}

impl Hit {
    /// The element the hit belongs to (badges belong to none here).
    #[must_use]
    pub fn element(&self) -> Option<ElementRef> {
        match self {
            Hit::Resize(e, _) => Some(e.clone()),
            Hit::InterfaceEnd(id, _) | Hit::Bend(id, _) | Hit::Interface(id) => {
                Some(ElementRef::Interface(id.clone()))
            }
            Hit::ModuleEdge(id) | Hit::Module(id) => Some(ElementRef::Module(id.clone())),
            Hit::UnitTitle(id) | Hit::UnitBody(id) => Some(ElementRef::Unit(id.clone())),
            Hit::Badge(_) => None,
        }
    }
}

fn near(a: Pos2, b: Pos2, radius: f32) -> bool {
    (a - b).length() <= radius
}

/// The handle of the selected line `id` under `pointer`: an end or a
/// bend, whichever is nearest. Grab areas are generous and never smaller
/// than a fingertip's worth of pixels: an end sits on a box's border, and
/// missing it by a few pixels would move the box instead. The `to` end
/// wins a tie (a short arrow's two areas overlap), then the `from` end.
fn line_handle(scene: &Drawn, id: &InterfaceId, t: &Transform, pointer: Pos2) -> Option<Hit> {
    let path = &scene.interface(id.as_str())?.path;
    let (&from, &to) = (path.first()?, path.last()?);
    let bends = path
        .iter()
        .enumerate()
        .take(path.len().saturating_sub(1))
        .skip(1)
        .map(|(k, p)| (*p, Hit::Bend(id.clone(), k - 1)));
    let radius = super::bends::grab_radius(t.camera.zoom);
    [
        (to, Hit::InterfaceEnd(id.clone(), End::To)),
        (from, Hit::InterfaceEnd(id.clone(), End::From)),
    ]
    .into_iter()
    .chain(bends)
    .map(|(p, hit)| ((t.screen_from_diagram(p) - pointer).length(), hit))
    .filter(|(distance, _)| *distance <= radius)
    .min_by(|a, b| a.0.total_cmp(&b.0))
    .map(|(_, hit)| hit)
}

/// What is under `pointer` (a screen position). `connect_band` says whether
/// a module's border band counts as its own target (the select tool) or is
/// just the module.
#[must_use]
pub fn hit_test(
    scene: &Drawn,
    selection: &BTreeSet<ElementRef>,
    t: &Transform,
    pointer: Pos2,
    connect_band: bool,
) -> Option<Hit> {
    let p = t.diagram_from_screen(pointer);
    let zoom = t.camera.zoom;

    // Handles of a single selected box, or the ends and bends of a single
    // arrow.
    if selection.len() == 1
        && let Some(element) = selection.iter().next()
    {
        if let Some(rect) = scene.rect_of(element) {
            for handle in Handle::ALL {
                let at = t.screen_from_diagram(handle.position(&rect));
                if near(at, pointer, HANDLE_PX) {
                    return Some(Hit::Resize(element.clone(), handle));
                }
            }
        }
        if let ElementRef::Interface(id) = element
            && let Some(hit) = line_handle(scene, id, t, pointer)
        {
            return Some(hit);
        }
    }

    // Only the shapes near the pointer are looked at.
    let tolerance = HIT_TOLERANCE_PX / zoom;
    let reach = tolerance.max(12.0 / zoom);
    let near_pointer = scene.visible(&Rect::new(
        p.x - reach,
        p.y - reach,
        2.0 * reach,
        2.0 * reach,
    ));

    for &i in near_pointer.badges.iter().rev() {
        let Some(badge) = scene.badges.get(i) else {
            continue;
        };
        let center = t.screen_from_diagram(badge.center);
        if near(center, pointer, (badge.radius * zoom).max(4.0)) {
            return Some(Hit::Badge(i));
        }
    }

    // Labels are drawn above modules, so they are hit first.
    let interfaces = || {
        near_pointer
            .interfaces
            .iter()
            .rev()
            .filter_map(|&i| scene.interfaces.get(i))
    };
    for shape in interfaces() {
        if shape.label_primitives.is_empty() || !shape.bounds.contains(p) {
            continue;
        }
        if let Some(crate::scene::Primitive::Rect { rect, .. }) =
            scene.primitives.get(shape.label_primitives.start)
            && rect.contains(p)
        {
            return Some(Hit::Interface(shape.id.clone()));
        }
    }

    let module = near_pointer
        .modules
        .iter()
        .rev()
        .filter_map(|&i| scene.modules.get(i))
        .find(|m| m.rect.contains(p));
    if let Some(module) = module {
        let band = CONNECT_BAND_PX / zoom;
        let r = module.rect;
        let inner = Rect::new(r.x + band, r.y + band, r.w - 2.0 * band, r.h - 2.0 * band);
        if connect_band && r.w > 4.0 * band && r.h > 3.0 * band && !inner.contains(p) {
            return Some(Hit::ModuleEdge(module.id.clone()));
        }
        return Some(Hit::Module(module.id.clone()));
    }

    for shape in interfaces() {
        if shape.bounds.expand(tolerance).contains(p)
            && shape
                .path
                .windows(2)
                .any(|w| distance_to_segment(p, w[0], w[1]) <= tolerance)
        {
            return Some(Hit::Interface(shape.id.clone()));
        }
    }

    // Units, innermost (painted last) first.
    for &i in near_pointer.units.iter().rev() {
        let Some(unit) = scene.units.get(i) else {
            continue;
        };
        if unit.rect.contains(p) {
            return Some(if unit.title_rect.contains(p) {
                Hit::UnitTitle(unit.id.clone())
            } else {
                Hit::UnitBody(unit.id.clone())
            });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn handles_never_turn_a_box_inside_out() {
        let r = Rect::new(0.0, 0.0, 100.0, 50.0);
        let dragged = Handle::TopLeft.drag(&r, 500.0, 500.0, (20.0, 10.0));
        assert!(dragged.w >= 20.0 && dragged.h >= 10.0);
        assert!((dragged.right() - 100.0).abs() < 1e-4);
        let grown = Handle::BottomRight.drag(&r, 10.0, 20.0, (20.0, 10.0));
        assert_eq!(grown, Rect::new(0.0, 0.0, 110.0, 70.0));
    }
}
