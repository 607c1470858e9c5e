//! Edits that move things around: move (with re-parenting into the unit
//! under the pointer), nudge, resize, and placing a module or unit into a
//! unit from the inspector (`place`). Units are containers: moving one
//! moves what it holds, and a unit grows to fit what it holds. Lines routed
//! automatically are routed again around what a move or resize puts in
//! their way; bends placed by hand stay ([`routing`]).
//!
//! A move and a resize read the revision's [`Forest`] (the caller's, built
//! once per revision) and copy only what they change, so a nudge of one
//! box in a huge diagram costs about that box, its units and its lines.
//! `bounds` has the geometry they share with the editor.

mod bounds;
mod place;
#[cfg(test)]
mod reference;

pub use bounds::{
    bounds_of, descendant_units, diagram_bounds, grow_units_to_fit, innermost_unit_at,
    unit_contents_bounds,
};
pub use place::{place_module, place_unit};

pub use super::moving::unit_rect_around;
use super::moving::{Changed, Moving};
use super::{Edit, EditError, ElementRef, routing};
use crate::model::{Diagram, Forest, ModuleKind, Point, Rect, UnitId};
use crate::theme::{MODULE_MIN_SIZE, UNIT_TITLE_HEIGHT};
use std::collections::BTreeSet;

/// Gap left between boxes placed automatically (e.g. a module put into a
/// unit from the inspector).
const PLACEMENT_GAP: f32 = 24.0;

/// How a moved selection is placed when it lands.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Drop {
    /// Keep every element in the unit it was in (keyboard nudges).
    KeepUnits,
    /// Put the moved elements into the innermost unit under this point (the
    /// pointer), or into no unit when there is none.
    At(Point),
}

/// Moves the modules and units in `elements` by `(dx, dy)`; units take
/// their contents along. With [`Drop::At`], the moved elements are placed
/// into the innermost unit under the point (never a moved unit or one inside
/// it, never for an External module). The units that end up holding them
/// grow to fit. `forest` is `diagram`'s ([`Forest::new`], once per
/// revision).
pub fn move_elements(
    diagram: &Diagram,
    forest: &Forest,
    elements: &[ElementRef],
    dx: f32,
    dy: f32,
    drop: Drop,
) -> Result<Edit, EditError> {
    let moving = Moving::of(forest, elements);
    let target: Option<Option<UnitId>> = match drop {
        Drop::At(point) => Some(
            bounds::innermost(
                diagram,
                point,
                |u| moving.units.contains(&u),
                |u| forest.depth(u) + 1,
            )
            .map(|u| diagram.units[u].id.clone()),
        ),
        Drop::KeepUnits => None,
    };
    // Only what moves is copied: a nudge in a huge diagram stays cheap.
    let mut after = Changed::new(diagram, forest);
    for &i in &moving.modules {
        let mut module = diagram.modules[i].clone();
        if let Some(pos) = &mut module.pos {
            pos.x += dx;
            pos.y += dy;
        }
        if let Some(target) = &target
            && moving.top_modules.contains(&i)
        {
            module.unit = if module.kind == ModuleKind::External {
                None
            } else {
                target.clone()
            };
        }
        after.modules.insert(i, module);
    }
    for &i in &moving.units {
        let mut unit = diagram.units[i].clone();
        unit.rect = unit.rect.map(|r| r.translate(dx, dy));
        if let Some(target) = &target
            && moving.top_units.contains(&i)
        {
            unit.parent.clone_from(target);
        }
        after.units.insert(i, unit);
    }
    let grow: Vec<UnitId> = match &target {
        Some(target) => target.iter().cloned().collect(),
        None => (moving.top_modules.iter())
            .filter_map(|&i| after.module(i).unit.clone())
            .chain((moving.top_units.iter()).filter_map(|&i| after.unit(i).parent.clone()))
            .collect(),
    };
    after.grow(grow);
    // Units that grew around what moved into them change what lines run
    // into, as the moved boxes do.
    let grown: Vec<usize> = (after.units.keys().copied())
        .filter(|u| !moving.units.contains(u))
        .collect();
    let boxes = |changed: &Changed| -> Vec<Rect> {
        (moving.top_modules.iter())
            .filter_map(|&i| changed.module(i).rect())
            .chain((moving.top_units.iter()).filter_map(|&u| changed.unit(u).rect))
            .chain(grown.iter().filter_map(|&u| changed.unit(u).rect))
            .collect()
    };
    let lines = routing::after_move(&routing::Moved {
        after: &after,
        moving: &moving.modules,
        boxes_before: boxes(&Changed::new(diagram, forest)),
        boxes_after: boxes(&after),
        dx,
        dy,
    });
    Ok(edits(&after, lines))
}

/// The edit that turns the diagram into `changed` with `lines` given new
/// waypoints: modules, units, then interfaces, each by position.
fn edits(changed: &Changed, lines: Vec<(usize, Vec<crate::model::Point>)>) -> Edit {
    let diagram = changed.diagram;
    let mut edits = Vec::new();
    for (&index, module) in &changed.modules {
        if diagram.modules[index] != *module {
            edits.push(Edit::ReplaceModule {
                index,
                module: Box::new(module.clone()),
            });
        }
    }
    for (&index, unit) in &changed.units {
        if diagram.units[index] != *unit {
            edits.push(Edit::ReplaceUnit {
                index,
                unit: Box::new(unit.clone()),
            });
        }
    }
    edits.extend(lines.into_iter().map(|(index, points)| {
        let mut interface = diagram.interfaces[index].clone();
        interface.points = points;
        Edit::ReplaceInterface {
            index,
            interface: Box::new(interface),
        }
    }));
    Edit::Batch(edits)
}

/// Resizes a module or unit to `rect` (clamped to the smallest module, and
/// for a unit to what it holds); the units around it grow to fit, and the
/// lines the resize touches that were routed automatically are routed
/// again: the resized box's own, and those across or around it (see
/// [`routing`]). `forest` is `diagram`'s.
pub fn resize(
    diagram: &Diagram,
    forest: &Forest,
    element: &ElementRef,
    rect: Rect,
) -> Result<Edit, EditError> {
    let (min_w, min_h) = MODULE_MIN_SIZE;
    let mut after = Changed::new(diagram, forest);
    let mut moving = BTreeSet::new();
    let (grow, before, resized) = match element {
        ElementRef::Module(id) => {
            let index = forest
                .module(id.as_str())
                .ok_or_else(|| unknown("module", id))?;
            let mut module = diagram.modules[index].clone();
            let rect = Rect::new(rect.x, rect.y, rect.w.max(min_w), rect.h.max(min_h));
            module.pos = Some(rect.min());
            module.size = Some(crate::model::Size::new(rect.w, rect.h));
            let grow = module.unit.clone();
            after.modules.insert(index, module);
            moving.insert(index);
            (grow, diagram.modules[index].rect(), Some(rect))
        }
        ElementRef::Unit(id) => {
            let index = forest
                .unit(id.as_str())
                .ok_or_else(|| unknown("unit", id))?;
            let mut rect = Rect::new(
                rect.x,
                rect.y,
                rect.w.max(min_w),
                rect.h.max(min_h + UNIT_TITLE_HEIGHT),
            );
            if let Some(contents) = unit_contents_bounds(diagram, forest, index) {
                let needed = unit_rect_around(&contents);
                // Keep the contents inside: a dragged edge stops at them.
                let left = rect.x.min(needed.x);
                let top = rect.y.min(needed.y);
                let right = rect.right().max(needed.right());
                let bottom = rect.bottom().max(needed.bottom());
                rect = Rect::new(left, top, right - left, bottom - top);
            }
            let mut unit = diagram.units[index].clone();
            unit.rect = Some(rect);
            let grow = unit.parent.clone();
            after.units.insert(index, unit);
            (grow, diagram.units[index].rect, Some(rect))
        }
        ElementRef::Interface(_) => return Ok(Edit::none()),
    };
    after.grow(grow);
    // The units that grew around the resized box, before and after.
    let resized_unit = match element {
        ElementRef::Unit(id) => forest.unit(id.as_str()),
        _ => None,
    };
    let grown: Vec<usize> = (after.units.keys().copied())
        .filter(|&u| Some(u) != resized_unit)
        .collect();
    let grown_rects = |changed: &Changed| -> Vec<Rect> {
        grown.iter().filter_map(|&u| changed.unit(u).rect).collect()
    };
    let lines = match (before, resized) {
        (Some(before), Some(resized)) => routing::after_move(&routing::Moved {
            after: &after,
            moving: &moving,
            boxes_before: [vec![before], grown_rects(&Changed::new(diagram, forest))].concat(),
            boxes_after: [vec![resized], grown_rects(&after)].concat(),
            dx: 0.0,
            dy: 0.0,
        }),
        _ => Vec::new(),
    };
    Ok(edits(&after, lines))
}

fn unknown(kind: &'static str, id: impl std::fmt::Display) -> EditError {
    EditError::Unknown {
        kind,
        id: id.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Isolation, Module, ModuleId, Size, Unit};

    /// `move_elements` with the diagram's own forest.
    fn move_in(
        d: &Diagram,
        elements: &[ElementRef],
        dx: f32,
        dy: f32,
        drop: Drop,
    ) -> Result<Edit, EditError> {
        move_elements(d, &Forest::new(d), elements, dx, dy, drop)
    }

    /// Unit `outer` at (0,0) 400×300 holding `inner` at (20,50) 200×150,
    /// which holds module `a`; module `b` is unplaced at (500, 100).
    pub(super) fn nested() -> Diagram {
        let mut d = Diagram::new();
        let mut outer = Unit::new("outer", "Outer", Isolation::Vm);
        outer.rect = Some(Rect::new(0.0, 0.0, 400.0, 300.0));
        let mut inner = Unit::new("inner", "Inner", Isolation::Process);
        inner.parent = Some(UnitId::new("outer"));
        inner.rect = Some(Rect::new(20.0, 50.0, 200.0, 150.0));
        d.units = vec![outer, inner];
        let mut a = Module::new("a", "A", ModuleKind::Component);
        a.unit = Some(UnitId::new("inner"));
        a.pos = Some(Point::new(40.0, 100.0));
        a.size = Some(Size::new(120.0, 56.0));
        let mut b = Module::new("b", "B", ModuleKind::Component);
        b.pos = Some(Point::new(500.0, 100.0));
        b.size = Some(Size::new(120.0, 56.0));
        d.modules = vec![a, b];
        d
    }

    fn apply(d: &mut Diagram, edit: Edit) {
        edit.apply(d).expect("edit is valid");
    }

    /// `a` at (0,0) and `c` at (300,0) in a row, `b` below at (300,300);
    /// one line a -> b, clear of `c`.
    fn row_with_a_line() -> Diagram {
        let mut d = Diagram::new();
        for (id, x, y) in [("a", 0.0, 0.0), ("c", 300.0, 0.0), ("b", 300.0, 300.0)] {
            let mut m = Module::new(id, id.to_uppercase(), ModuleKind::Component);
            m.pos = Some(Point::new(x, y));
            m.size = Some(Size::new(120.0, 56.0));
            d.modules.push(m);
        }
        d.interfaces.push(crate::model::Interface::new(
            "a->b",
            ModuleId::new("a"),
            ModuleId::new("b"),
            crate::model::InterfaceKind::Rpc,
        ));
        d
    }

    #[test]
    fn a_move_bends_the_moved_boxs_lines_around_a_box_now_in_the_way() {
        let original = row_with_a_line();
        let mut d = original.clone();
        let b = [ElementRef::Module(ModuleId::new("b"))];
        let edit = move_in(&d, &b, 300.0, -300.0, Drop::KeepUnits).expect("move");
        let inverse = edit.apply(&mut d).expect("valid");
        let points = &d.interfaces[0].points;
        assert!(!points.is_empty(), "the line a -> b now bends around c");
        let c = d.module("c").and_then(Module::rect).expect("c");
        assert!(points.iter().all(|p| !c.contains(*p)));
        inverse.apply(&mut d).expect("undo");
        assert_eq!(d, original, "the reroute is undone with the move");

        // A line with waypoints keeps them.
        let mut bent = original.clone();
        bent.interfaces[0].points = vec![Point::new(60.0, 200.0)];
        let edit = move_in(&bent, &b, 300.0, -300.0, Drop::KeepUnits).expect("move");
        edit.apply(&mut bent).expect("valid");
        assert_eq!(bent.interfaces[0].points, vec![Point::new(60.0, 200.0)]);
    }

    #[test]
    fn dropping_a_module_into_a_unit_places_it_and_grows_the_unit() {
        let mut d = nested();
        let b = [ElementRef::Module(ModuleId::new("b"))];
        // Drag b so its corner lands at (300, 250): partly outside `outer`.
        let edit =
            move_in(&d, &b, -200.0, 150.0, Drop::At(Point::new(310.0, 260.0))).expect("move");
        apply(&mut d, edit);
        let b = d.module("b").expect("b");
        assert_eq!(b.unit, Some(UnitId::new("outer")));
        let outer = d.unit("outer").and_then(|u| u.rect).expect("rect");
        assert!(outer.contains_rect(&b.rect().expect("geometry")));
    }

    #[test]
    fn moving_a_unit_moves_its_contents_and_cannot_drop_into_itself() {
        let mut d = nested();
        let inner = [ElementRef::Unit(UnitId::new("inner"))];
        // The pointer is inside `inner` itself: it must not become its own parent.
        let edit = move_in(&d, &inner, 10.0, 8.0, Drop::At(Point::new(60.0, 70.0))).expect("move");
        apply(&mut d, edit);
        assert_eq!(
            d.unit("inner").and_then(|u| u.parent.clone()),
            Some(UnitId::new("outer"))
        );
        assert_eq!(
            d.module("a").and_then(|m| m.pos),
            Some(Point::new(50.0, 108.0))
        );
        // Dragging `outer` to where `inner` was: still no cycle.
        let outer = [ElementRef::Unit(UnitId::new("outer"))];
        let edit = move_in(&d, &outer, 5.0, 5.0, Drop::At(Point::new(60.0, 70.0))).expect("move");
        apply(&mut d, edit);
        assert_eq!(d.unit("outer").and_then(|u| u.parent.clone()), None);
    }

    #[test]
    fn dragging_out_of_a_unit_unplaces() {
        let mut d = nested();
        let a = [ElementRef::Module(ModuleId::new("a"))];
        let edit = move_in(&d, &a, 600.0, 0.0, Drop::At(Point::new(700.0, 120.0))).expect("move");
        apply(&mut d, edit);
        assert_eq!(d.module("a").and_then(|m| m.unit.clone()), None);
    }

    #[test]
    fn externals_are_never_placed_by_a_drop() {
        let mut d = nested();
        d.modules[1].kind = ModuleKind::External;
        let b = [ElementRef::Module(ModuleId::new("b"))];
        let edit = move_in(&d, &b, -450.0, 0.0, Drop::At(Point::new(60.0, 120.0))).expect("move");
        apply(&mut d, edit);
        assert_eq!(d.module("b").and_then(|m| m.unit.clone()), None);
    }

    #[test]
    fn a_unit_cannot_shrink_past_its_contents() {
        let mut d = nested();
        let inner = ElementRef::Unit(UnitId::new("inner"));
        let edit = resize(
            &d,
            &Forest::new(&d),
            &inner,
            Rect::new(20.0, 50.0, 10.0, 10.0),
        )
        .expect("resize");
        apply(&mut d, edit);
        let rect = d.unit("inner").and_then(|u| u.rect).expect("rect");
        assert!(rect.contains_rect(&d.module("a").and_then(Module::rect).expect("a")));
    }

    #[test]
    fn a_unit_that_grows_over_a_routed_line_sends_it_around() {
        // Unit `u` holds `m`; `a` and `b` outside it are joined by a
        // straight line just below the unit.
        let mut d = Diagram::new();
        let mut u = Unit::new("u", "U", Isolation::Process);
        u.rect = Some(Rect::new(0.0, 0.0, 400.0, 200.0));
        d.units.push(u);
        for (id, x, y, unit) in [
            ("m", 40.0, 60.0, Some("u")),
            ("a", -400.0, 300.0, None),
            ("b", 800.0, 300.0, None),
        ] {
            let mut module = Module::new(id, id.to_uppercase(), ModuleKind::Component);
            module.pos = Some(Point::new(x, y));
            module.size = Some(Size::new(120.0, 56.0));
            module.unit = unit.map(UnitId::new);
            d.modules.push(module);
        }
        d.interfaces.push(crate::model::Interface::new(
            "a->b",
            ModuleId::new("a"),
            ModuleId::new("b"),
            crate::model::InterfaceKind::Rpc,
        ));
        // Moving `m` down grows `u` across the line, which `m`'s own box
        // never touches.
        let edit = move_in(
            &d,
            &[ElementRef::Module(ModuleId::new("m"))],
            0.0,
            200.0,
            Drop::KeepUnits,
        )
        .expect("moves");
        let mut after = d.clone();
        edit.apply(&mut after).expect("valid");
        let grown = after.units[0].rect.expect("placed");
        assert!(
            grown.bottom() > 328.0,
            "the unit grew over the line: {grown:?}"
        );
        assert!(
            !after.interfaces[0].points.is_empty(),
            "the line is routed around the grown unit"
        );
        let forest = Forest::new(&after);
        assert_eq!(routing::auto_routed(&after, &forest, &[0]), vec![true]);
    }
}
