//! Edits that move things around: move (with re-parenting into the unit
//! under the pointer), nudge, resize, and placing a module or unit into a
//! unit from the inspector. Units are containers: moving one moves what it
//! holds, and a unit grows to fit what it holds. Lines routed
//! automatically are routed again around what a move or resize puts in
//! their way; bends placed by hand stay ([`routing`]).

use super::moving::{Moving, grow_units};
use super::{Edit, EditError, ElementRef, routing};
use crate::model::{Diagram, Module, ModuleKind, Point, Rect, Unit, UnitId};
use crate::theme::{MODULE_MIN_SIZE, UNIT_PADDING, UNIT_TITLE_HEIGHT};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// Gap left between boxes placed automatically (e.g. a module put into a
/// unit from the inspector).
const PLACEMENT_GAP: f32 = 24.0;

/// The innermost unit whose rectangle contains `point`, skipping the units
/// for which `skip` is true. Deeper units win; among equally deep ones the
/// later in the file (drawn on top) wins.
#[must_use]
pub fn innermost_unit_at(
    diagram: &Diagram,
    point: Point,
    skip: impl Fn(&str) -> bool,
) -> Option<UnitId> {
    let mut best: Option<(usize, &UnitId)> = None;
    for unit in &diagram.units {
        let Some(rect) = unit.rect else { continue };
        if !rect.contains(point) || skip(unit.id.as_str()) {
            continue;
        }
        let depth = diagram.unit_chain(unit.id.as_str()).len();
        if best.is_none_or(|(best_depth, _)| depth >= best_depth) {
            best = Some((depth, &unit.id));
        }
    }
    best.map(|(_, id)| id.clone())
}

/// Every unit strictly inside `unit` (children, grandchildren, ...).
#[must_use]
pub fn descendant_units(diagram: &Diagram, unit: &str) -> HashSet<UnitId> {
    let mut children: HashMap<&str, Vec<&UnitId>> = HashMap::new();
    for u in &diagram.units {
        if let Some(parent) = &u.parent {
            children.entry(parent.as_str()).or_default().push(&u.id);
        }
    }
    let mut out = HashSet::new();
    let mut stack = vec![unit];
    while let Some(current) = stack.pop() {
        for child in children.get(current).into_iter().flatten() {
            if out.insert((*child).clone()) {
                stack.push(child.as_str());
            }
        }
    }
    out
}

/// The rectangle a unit needs so that `contents` fit inside it with padding
/// and room for its title band.
#[must_use]
pub fn unit_rect_around(contents: &Rect) -> Rect {
    Rect::new(
        contents.x - UNIT_PADDING,
        contents.y - UNIT_PADDING - UNIT_TITLE_HEIGHT,
        contents.w + 2.0 * UNIT_PADDING,
        contents.h + 2.0 * UNIT_PADDING + UNIT_TITLE_HEIGHT,
    )
}

/// The bounding box of what `unit` directly holds (modules placed in it and
/// its child units), if any of it has geometry.
#[must_use]
pub fn unit_contents_bounds(diagram: &Diagram, unit: &str) -> Option<Rect> {
    let modules = diagram
        .modules
        .iter()
        .filter(|m| m.unit.as_ref().is_some_and(|u| u.as_str() == unit))
        .filter_map(crate::model::Module::rect);
    let units = diagram
        .units
        .iter()
        .filter(|u| u.parent.as_ref().is_some_and(|p| p.as_str() == unit))
        .filter_map(|u| u.rect);
    modules.chain(units).reduce(|a, b| a.union(&b))
}

/// Grows `units` and all their ancestors so that each holds what it
/// contains with padding. Never shrinks a unit; gives a rectangle to a unit
/// without one when it holds something that has one.
pub fn grow_units_to_fit(diagram: &mut Diagram, units: impl IntoIterator<Item = UnitId>) {
    let modules = diagram
        .modules
        .iter()
        .filter_map(|m| Some((m.unit.as_ref()?, m.rect()?)));
    grow_units(&mut diagram.units, modules, units);
}

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
/// grow to fit.
pub fn move_elements(
    diagram: &Diagram,
    elements: &[ElementRef],
    dx: f32,
    dy: f32,
    drop: Drop,
) -> Result<Edit, EditError> {
    let moving = Moving::of(diagram, elements);
    let target = match drop {
        Drop::At(point) => Some(innermost_unit_at(diagram, point, |u| {
            moving.unit_ids.contains(u)
        })),
        Drop::KeepUnits => None,
    };
    // Only what moves is copied: a nudge in a huge diagram stays cheap.
    let mut modules: BTreeMap<usize, Module> = BTreeMap::new();
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
        modules.insert(i, module);
    }
    let mut units = diagram.units.clone();
    for &i in &moving.units {
        let unit = &mut units[i];
        unit.rect = unit.rect.map(|r| r.translate(dx, dy));
        if let Some(target) = &target
            && moving.top_units.contains(&i)
        {
            unit.parent.clone_from(target);
        }
    }
    let grow: Vec<UnitId> = match &target {
        Some(target) => target.iter().cloned().collect(),
        None => (moving.top_modules.iter())
            .filter_map(|i| modules[i].unit.clone())
            .chain((moving.top_units.iter()).filter_map(|&i| units[i].parent.clone()))
            .collect(),
    };
    let boxes = diagram.modules.iter().enumerate().filter_map(|(i, m)| {
        let m = modules.get(&i).unwrap_or(m);
        Some((m.unit.as_ref()?, m.rect()?))
    });
    grow_units(&mut units, boxes, grow);
    let lines = routing::after_move(
        diagram,
        &routing::Moved {
            modules: &modules,
            units: &units,
            moving: &moving.modules,
            before: moved_boxes(&moving, |i| diagram.modules[i].rect(), &diagram.units),
            after: moved_boxes(&moving, |i| modules[&i].rect(), &units),
            dx,
            dy,
        },
    );

    let mut edits = Vec::new();
    for (index, module) in modules {
        if diagram.modules[index] != module {
            edits.push(Edit::ReplaceModule {
                index,
                module: Box::new(module),
            });
        }
    }
    for (index, unit) in units.into_iter().enumerate() {
        if diagram.units[index] != unit {
            edits.push(Edit::ReplaceUnit {
                index,
                unit: Box::new(unit),
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
    Ok(Edit::Batch(edits))
}

/// The boxes a move moves as the user sees them: each moved module and
/// unit whose unit or parent stays (what is inside a unit moves with it),
/// given the rectangle of each moved module by position.
fn moved_boxes(
    moving: &Moving,
    module_rect: impl Fn(usize) -> Option<Rect>,
    units: &[Unit],
) -> Vec<Rect> {
    (moving.top_modules.iter())
        .filter_map(|&i| module_rect(i))
        .chain((moving.top_units.iter()).filter_map(|&u| units[u].rect))
        .collect()
}

/// Resizes a module or unit to `rect` (clamped to the smallest module, and
/// for a unit to what it holds); the units around it grow to fit.
pub fn resize(diagram: &Diagram, element: &ElementRef, rect: Rect) -> Result<Edit, EditError> {
    let (min_w, min_h) = MODULE_MIN_SIZE;
    let mut new = diagram.clone();
    let grow = match element {
        ElementRef::Module(id) => {
            let module = new
                .module_mut(id.as_str())
                .ok_or_else(|| unknown("module", id))?;
            let rect = Rect::new(rect.x, rect.y, rect.w.max(min_w), rect.h.max(min_h));
            module.pos = Some(rect.min());
            module.size = Some(crate::model::Size::new(rect.w, rect.h));
            module.unit.clone()
        }
        ElementRef::Unit(id) => {
            let mut rect = Rect::new(
                rect.x,
                rect.y,
                rect.w.max(min_w),
                rect.h.max(min_h + UNIT_TITLE_HEIGHT),
            );
            if let Some(contents) = unit_contents_bounds(diagram, id.as_str()) {
                let needed = unit_rect_around(&contents);
                // Keep the contents inside: a dragged edge stops at them.
                let left = rect.x.min(needed.x);
                let top = rect.y.min(needed.y);
                let right = rect.right().max(needed.right());
                let bottom = rect.bottom().max(needed.bottom());
                rect = Rect::new(left, top, right - left, bottom - top);
            }
            let unit = new
                .unit_mut(id.as_str())
                .ok_or_else(|| unknown("unit", id))?;
            unit.rect = Some(rect);
            unit.parent.clone()
        }
        ElementRef::Interface(_) => return Ok(Edit::none()),
    };
    grow_units_to_fit(&mut new, grow);
    reroute_resized(diagram, &mut new, element);
    Ok(Edit::between(diagram, &new))
}

/// Routes again, in `new` (the diagram after resizing `element`), the
/// lines the resize touches that were routed automatically: the resized
/// box's own, and those across or around it (see [`routing`]).
fn reroute_resized(diagram: &Diagram, new: &mut Diagram, element: &ElementRef) {
    let element = std::slice::from_ref(element);
    let (Some(before), Some(after)) = (bounds_of(diagram, element), bounds_of(new, element)) else {
        return;
    };
    let mut modules = BTreeMap::new();
    let mut moving = BTreeSet::new();
    if let [ElementRef::Module(id)] = element
        && let Some(index) = diagram.modules.iter().position(|m| m.id == *id)
    {
        modules.insert(index, new.modules[index].clone());
        moving.insert(index);
    }
    let lines = routing::after_move(
        diagram,
        &routing::Moved {
            modules: &modules,
            units: &new.units,
            moving: &moving,
            before: vec![before],
            after: vec![after],
            dx: 0.0,
            dy: 0.0,
        },
    );
    for (index, points) in lines {
        new.interfaces[index].points = points;
    }
}

/// Where a box of `size` fits inside `unit`: below what it already holds,
/// at the left edge of its contents area.
fn free_spot_in(diagram: &Diagram, unit: &str, skip: &str) -> Option<Point> {
    let rect = diagram.unit(unit)?.rect?;
    let left = rect.x + UNIT_PADDING;
    let contents_bottom = diagram
        .modules
        .iter()
        .filter(|m| m.id.as_str() != skip && m.unit.as_ref().is_some_and(|u| u.as_str() == unit))
        .filter_map(crate::model::Module::rect)
        .chain(
            diagram
                .units
                .iter()
                .filter(|u| {
                    u.id.as_str() != skip && u.parent.as_ref().is_some_and(|p| p.as_str() == unit)
                })
                .filter_map(|u| u.rect),
        )
        .map(|r| r.bottom() + PLACEMENT_GAP)
        .fold(None, |acc: Option<f32>, b| {
            Some(acc.map_or(b, |a| a.max(b)))
        });
    let top = contents_bottom.unwrap_or(rect.y + UNIT_TITLE_HEIGHT + UNIT_PADDING);
    Some(Point::new(left, top))
}

/// A spot outside every unit, to the right of the root unit that holds
/// `unit` (so a box taken out of a unit is not drawn inside it).
fn spot_beside_root(diagram: &Diagram, unit: &str) -> Option<Point> {
    let root = diagram.unit_chain(unit).last().copied()?;
    let rect = root.rect?;
    Some(Point::new(rect.right() + PLACEMENT_GAP * 2.0, rect.y))
}

/// Places module `id` into `unit` (or takes it out of every unit with
/// `None`), moving its box so the picture agrees: into a free spot inside
/// the unit, which grows to fit, or beside the unit it left.
pub fn place_module(diagram: &Diagram, id: &str, unit: Option<&UnitId>) -> Result<Edit, EditError> {
    let module = diagram.module(id).ok_or_else(|| unknown("module", id))?;
    if let Some(unit) = unit {
        if diagram.unit(unit.as_str()).is_none() {
            return Err(unknown("unit", unit));
        }
        if module.kind == ModuleKind::External {
            return Err(EditError::ExternalInUnit(module.name.clone()));
        }
    }
    if module.unit.as_ref() == unit {
        return Ok(Edit::none());
    }
    let old_unit = module.unit.clone();
    let mut new = diagram.clone();
    let spot = match unit {
        Some(unit) => {
            let inside = match (
                module.rect(),
                diagram.unit(unit.as_str()).and_then(|u| u.rect),
            ) {
                (Some(m), Some(u)) => u.contains_rect(&m),
                _ => true,
            };
            if inside {
                None
            } else {
                free_spot_in(diagram, unit.as_str(), id)
            }
        }
        None => old_unit
            .as_ref()
            .and_then(|u| spot_beside_root(diagram, u.as_str())),
    };
    let moved = new.module_mut(id).ok_or_else(|| unknown("module", id))?;
    moved.unit = unit.cloned();
    if let (Some(spot), Some(_)) = (spot, moved.pos) {
        moved.pos = Some(spot);
    }
    grow_units_to_fit(&mut new, unit.cloned());
    Ok(Edit::between(diagram, &new))
}

/// Makes `parent` the parent of unit `id` (or makes it a root unit with
/// `None`), moving it and what it holds so the picture agrees.
pub fn place_unit(diagram: &Diagram, id: &str, parent: Option<&UnitId>) -> Result<Edit, EditError> {
    let unit = diagram.unit(id).ok_or_else(|| unknown("unit", id))?;
    if let Some(parent) = parent {
        if diagram.unit(parent.as_str()).is_none() {
            return Err(unknown("unit", parent));
        }
        if diagram.unit_is_within(parent.as_str(), id) {
            return Err(EditError::UnitIntoItself(unit.name.clone()));
        }
    }
    if unit.parent.as_ref() == parent {
        return Ok(Edit::none());
    }
    let spot = match parent {
        Some(parent) => {
            let inside = match (
                unit.rect,
                diagram.unit(parent.as_str()).and_then(|u| u.rect),
            ) {
                (Some(r), Some(p)) => p.contains_rect(&r),
                _ => true,
            };
            if inside {
                None
            } else {
                free_spot_in(diagram, parent.as_str(), id)
            }
        }
        None => unit
            .parent
            .as_ref()
            .and_then(|p| spot_beside_root(diagram, p.as_str())),
    };
    let element = ElementRef::Unit(unit.id.clone());
    let mut new = diagram.clone();
    if let Some(u) = new.unit_mut(id) {
        u.parent = parent.cloned();
    }
    // Move the unit with its contents to the spot, then grow the new parent.
    if let (Some(spot), Some(rect)) = (spot, unit.rect) {
        let shift = move_elements(
            &new,
            std::slice::from_ref(&element),
            spot.x - rect.x,
            spot.y - rect.y,
            Drop::KeepUnits,
        )?;
        shift.apply(&mut new)?;
    }
    grow_units_to_fit(&mut new, parent.cloned());
    Ok(Edit::between(diagram, &new))
}

/// The bounding box of the given elements' geometry (interfaces count by
/// their two modules).
#[must_use]
pub fn bounds_of(diagram: &Diagram, elements: &[ElementRef]) -> Option<Rect> {
    elements
        .iter()
        .flat_map(|element| -> Vec<Rect> {
            match element {
                ElementRef::Module(id) => diagram
                    .module(id.as_str())
                    .and_then(crate::model::Module::rect)
                    .into_iter()
                    .collect(),
                ElementRef::Unit(id) => diagram
                    .unit(id.as_str())
                    .and_then(|u| u.rect)
                    .into_iter()
                    .collect(),
                ElementRef::Interface(id) => diagram
                    .interface(id.as_str())
                    .into_iter()
                    .flat_map(|f| [f.from.as_str(), f.to.as_str()])
                    .filter_map(|m| diagram.module(m).and_then(crate::model::Module::rect))
                    .collect(),
            }
        })
        .reduce(|a, b| a.union(&b))
}

/// The bounding box of everything in the diagram that has geometry.
#[must_use]
pub fn diagram_bounds(diagram: &Diagram) -> Option<Rect> {
    diagram
        .modules
        .iter()
        .filter_map(crate::model::Module::rect)
        .chain(diagram.units.iter().filter_map(|u| u.rect))
        .reduce(|a, b| a.union(&b))
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

    /// Unit `outer` at (0,0) 400×300 holding `inner` at (20,50) 200×150,
    /// which holds module `a`; module `b` is unplaced at (500, 100).
    fn nested() -> Diagram {
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
        let edit = move_elements(&d, &b, 300.0, -300.0, Drop::KeepUnits).expect("move");
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
        let edit = move_elements(&bent, &b, 300.0, -300.0, Drop::KeepUnits).expect("move");
        edit.apply(&mut bent).expect("valid");
        assert_eq!(bent.interfaces[0].points, vec![Point::new(60.0, 200.0)]);
    }

    #[test]
    fn innermost_unit_prefers_the_deepest() {
        let d = nested();
        let at = |x, y| innermost_unit_at(&d, Point::new(x, y), |_| false);
        assert_eq!(at(50.0, 60.0), Some(UnitId::new("inner")));
        assert_eq!(at(300.0, 250.0), Some(UnitId::new("outer")));
        assert_eq!(at(900.0, 900.0), None);
        let skipping_inner = innermost_unit_at(&d, Point::new(50.0, 60.0), |u| u == "inner");
        assert_eq!(skipping_inner, Some(UnitId::new("outer")));
    }

    #[test]
    fn dropping_a_module_into_a_unit_places_it_and_grows_the_unit() {
        let mut d = nested();
        let b = [ElementRef::Module(ModuleId::new("b"))];
        // Drag b so its corner lands at (300, 250): partly outside `outer`.
        let edit =
            move_elements(&d, &b, -200.0, 150.0, Drop::At(Point::new(310.0, 260.0))).expect("move");
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
        let edit =
            move_elements(&d, &inner, 10.0, 8.0, Drop::At(Point::new(60.0, 70.0))).expect("move");
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
        let edit =
            move_elements(&d, &outer, 5.0, 5.0, Drop::At(Point::new(60.0, 70.0))).expect("move");
        apply(&mut d, edit);
        assert_eq!(d.unit("outer").and_then(|u| u.parent.clone()), None);
    }

    #[test]
    fn dragging_out_of_a_unit_unplaces() {
        let mut d = nested();
        let a = [ElementRef::Module(ModuleId::new("a"))];
        let edit =
            move_elements(&d, &a, 600.0, 0.0, Drop::At(Point::new(700.0, 120.0))).expect("move");
        apply(&mut d, edit);
        assert_eq!(d.module("a").and_then(|m| m.unit.clone()), None);
    }

    #[test]
    fn externals_are_never_placed_by_a_drop() {
        let mut d = nested();
        d.modules[1].kind = ModuleKind::External;
        let b = [ElementRef::Module(ModuleId::new("b"))];
        let edit =
            move_elements(&d, &b, -450.0, 0.0, Drop::At(Point::new(60.0, 120.0))).expect("move");
        apply(&mut d, edit);
        assert_eq!(d.module("b").and_then(|m| m.unit.clone()), None);
    }

    #[test]
    fn a_unit_cannot_shrink_past_its_contents() {
        let mut d = nested();
        let inner = ElementRef::Unit(UnitId::new("inner"));
        let edit = resize(&d, &inner, Rect::new(20.0, 50.0, 10.0, 10.0)).expect("resize");
        apply(&mut d, edit);
        let rect = d.unit("inner").and_then(|u| u.rect).expect("rect");
        assert!(rect.contains_rect(&d.module("a").and_then(Module::rect).expect("a")));
    }

    #[test]
    fn placing_from_the_inspector_moves_the_box_inside() {
        let mut d = nested();
        let edit = place_module(&d, "b", Some(&UnitId::new("inner"))).expect("place");
        apply(&mut d, edit);
        let inner = d.unit("inner").and_then(|u| u.rect).expect("rect");
        assert!(inner.contains_rect(&d.module("b").and_then(Module::rect).expect("b")));
        let outer = d.unit("outer").and_then(|u| u.rect).expect("rect");
        assert!(outer.contains_rect(&inner));
        assert!(matches!(
            place_unit(&d, "outer", Some(&UnitId::new("inner"))),
            Err(EditError::UnitIntoItself(_))
        ));
    }
}
