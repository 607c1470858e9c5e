//! The whole-diagram computation a move and a resize made before they read
//! the revision's forest and routed only the pairs a move can have changed:
//! every unit copied, every line's ends mapped through every module id,
//! every candidate line routed before and after. Kept as the reference the
//! property test below holds the fast path to, result for result.

#![allow(clippy::pedantic)]

mod lines;

use super::{Drop, bounds_of, innermost_unit_at, unit_rect_around, unknown};
use crate::edit::{Edit, EditError, ElementRef};
use crate::model::{Diagram, Module, ModuleKind, Point, Rect, Unit, UnitId};
use crate::theme::{MODULE_MIN_SIZE, UNIT_TITLE_HEIGHT};
use lines::{Moved, after_move};
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::{BTreeMap, BTreeSet};

/// Above this many selected modules, their positions are found through a
/// map of every module's id instead of one scan each.
const SCAN_LIMIT: usize = 8;

/// What a move takes along: the selected modules and units plus everything
/// inside the selected units, by position in the diagram's lists.
struct Moving<'d> {
    /// Every moving module.
    pub modules: BTreeSet<usize>,
    /// Every moving unit.
    pub units: BTreeSet<usize>,
    /// The ids of the moving units.
    pub unit_ids: FxHashSet<&'d str>,
    /// Moving modules whose unit does not move with them.
    pub top_modules: BTreeSet<usize>,
    /// Moving units whose parent does not move with them.
    pub top_units: BTreeSet<usize>,
}

impl<'d> Moving<'d> {
    /// The moving set of `elements` in `diagram` (unknown ids are skipped).
    pub fn of(diagram: &'d Diagram, elements: &[ElementRef]) -> Self {
        let units = moving_units(diagram, elements);
        let unit_ids: FxHashSet<&str> = units
            .iter()
            .map(|&u| diagram.units[u].id.as_str())
            .collect();
        let in_moving_unit =
            |unit: Option<&UnitId>| unit.is_some_and(|u| unit_ids.contains(u.as_str()));
        let mut modules: BTreeSet<usize> = BTreeSet::new();
        if !unit_ids.is_empty() {
            modules.extend(
                (diagram.modules.iter().enumerate())
                    .filter(|(_, m)| in_moving_unit(m.unit.as_ref()))
                    .map(|(i, _)| i),
            );
        }
        modules.extend(selected_modules(diagram, elements));
        let top_modules = modules
            .iter()
            .copied()
            .filter(|&m| !in_moving_unit(diagram.modules[m].unit.as_ref()))
            .collect();
        let top_units = units
            .iter()
            .copied()
            .filter(|&u| !in_moving_unit(diagram.units[u].parent.as_ref()))
            .collect();
        Moving {
            modules,
            units,
            unit_ids,
            top_modules,
            top_units,
        }
    }
}

/// The selected units and every unit inside them, by position.
fn moving_units(diagram: &Diagram, elements: &[ElementRef]) -> BTreeSet<usize> {
    let selected: Vec<&str> = elements
        .iter()
        .filter_map(|e| match e {
            ElementRef::Unit(id) => Some(id.as_str()),
            _ => None,
        })
        .collect();
    let mut out = BTreeSet::new();
    if selected.is_empty() {
        return out;
    }
    let mut children: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    for (i, u) in diagram.units.iter().enumerate() {
        if let Some(parent) = &u.parent {
            children.entry(parent.as_str()).or_default().push(i);
        }
    }
    for id in selected {
        let Some(start) = diagram.units.iter().position(|u| u.id.as_str() == id) else {
            continue;
        };
        out.insert(start);
        // Every unit with a descendant's id counts, as the ids say (the
        // walk stops at a repeated id, so a cycle cannot loop).
        let mut seen: FxHashSet<&str> = FxHashSet::default();
        let mut stack = vec![id];
        while let Some(current) = stack.pop() {
            for &child in children.get(current).into_iter().flatten() {
                let child_id = diagram.units[child].id.as_str();
                out.insert(child);
                if seen.insert(child_id) {
                    stack.push(child_id);
                }
            }
        }
    }
    out
}

/// The positions of the modules selected in `elements` (the first module
/// with each id).
fn selected_modules(diagram: &Diagram, elements: &[ElementRef]) -> Vec<usize> {
    let ids: Vec<&str> = elements
        .iter()
        .filter_map(|e| match e {
            ElementRef::Module(id) => Some(id.as_str()),
            _ => None,
        })
        .collect();
    if ids.len() <= SCAN_LIMIT {
        return ids
            .iter()
            .filter_map(|id| diagram.modules.iter().position(|m| m.id.as_str() == *id))
            .collect();
    }
    let mut index: FxHashMap<&str, usize> = FxHashMap::default();
    for (i, m) in diagram.modules.iter().enumerate() {
        index.entry(m.id.as_str()).or_insert(i);
    }
    ids.iter().filter_map(|id| index.get(id).copied()).collect()
}

/// Grows the units in `start` and all their ancestors in `units` so that
/// each holds what it contains with padding, given the box of every placed
/// module as `(unit, rect)`: never shrinks a unit, and gives a rectangle to
/// a unit without one when it holds something that has one.
fn grow_units<'m>(
    units: &mut [Unit],
    modules: impl Iterator<Item = (&'m UnitId, Rect)>,
    start: impl IntoIterator<Item = UnitId>,
) {
    let Some(plan) = GrowPlan::new(units, modules, start) else {
        return;
    };
    for (i, module_bounds) in plan.order {
        let child_bounds = (plan.parent.iter().zip(units.iter()))
            .filter(|(p, _)| **p == Some(i))
            .filter_map(|(_, u)| u.rect)
            .reduce(|a, b| a.union(&b));
        let contents = match (module_bounds, child_bounds) {
            (Some(a), Some(b)) => a.union(&b),
            (Some(a), None) => a,
            (None, Some(b)) => b,
            (None, None) => continue,
        };
        let needed = unit_rect_around(&contents);
        let slot = &mut units[i].rect;
        *slot = Some(match *slot {
            Some(rect) if rect.contains_rect(&needed) => rect,
            Some(rect) => rect.union(&needed),
            None => needed,
        });
    }
}

/// Which units [`grow_units`] grows, deepest first, with the bounds of the
/// modules each holds directly.
struct GrowPlan {
    /// The parent of each unit, by position.
    parent: Vec<Option<usize>>,
    /// The units to grow, deepest first (then by position), each with the
    /// bounding box of its modules.
    order: Vec<(usize, Option<Rect>)>,
}

impl GrowPlan {
    fn new<'m>(
        units: &[Unit],
        modules: impl Iterator<Item = (&'m UnitId, Rect)>,
        start: impl IntoIterator<Item = UnitId>,
    ) -> Option<Self> {
        let positions: FxHashMap<&str, usize> = units
            .iter()
            .enumerate()
            .map(|(i, u)| (u.id.as_str(), i))
            .collect();
        let parent: Vec<Option<usize>> = units
            .iter()
            .map(|u| {
                u.parent
                    .as_ref()
                    .and_then(|p| positions.get(p.as_str()).copied())
            })
            .collect();
        let chain = |unit: usize| {
            let mut chain = Vec::new();
            let mut next = Some(unit);
            while let Some(i) = next {
                if chain.contains(&i) {
                    break;
                }
                chain.push(i);
                next = parent[i];
            }
            chain
        };
        let mut todo: BTreeSet<usize> = BTreeSet::new();
        for unit in start {
            if let Some(&i) = positions.get(unit.as_str()) {
                todo.extend(chain(i));
            }
        }
        if todo.is_empty() {
            return None;
        }
        let mut bounds: FxHashMap<usize, Rect> = FxHashMap::default();
        for (unit, rect) in modules {
            if let Some(&i) = positions.get(unit.as_str())
                && todo.contains(&i)
            {
                bounds
                    .entry(i)
                    .and_modify(|b| *b = b.union(&rect))
                    .or_insert(rect);
            }
        }
        let mut depth_first: Vec<(usize, usize)> =
            todo.iter().map(|&i| (chain(i).len(), i)).collect();
        depth_first.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        let order = depth_first
            .into_iter()
            .map(|(_, i)| (i, bounds.get(&i).copied()))
            .collect();
        Some(GrowPlan { parent, order })
    }
}

/// Moves the modules and units in `elements` by `(dx, dy)`; units take
/// their contents along. With [`Drop::At`], the moved elements are placed
/// into the innermost unit under the point (never a moved unit or one inside
/// it, never for an External module). The units that end up holding them
/// grow to fit.
pub(super) fn move_elements(
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
    let lines = after_move(
        diagram,
        &Moved {
            modules: &modules,
            units: &units,
            moving: &moving.modules,
            before: [
                moved_boxes(&moving, |i| diagram.modules[i].rect(), &diagram.units),
                grown_boxes(&moving.units, &diagram.units, &units, &diagram.units),
            ]
            .concat(),
            after: [
                moved_boxes(&moving, |i| modules[&i].rect(), &units),
                grown_boxes(&moving.units, &diagram.units, &units, &units),
            ]
            .concat(),
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

/// The rectangles in `at` of the units that grew from `before` to `after`,
/// those in `moving` aside.
fn grown_boxes(
    moving: &BTreeSet<usize>,
    before: &[Unit],
    after: &[Unit],
    at: &[Unit],
) -> Vec<Rect> {
    (0..after.len())
        .filter(|u| !moving.contains(u) && after[*u].rect != before[*u].rect)
        .filter_map(|u| at[u].rect)
        .collect()
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
pub(super) fn resize(
    diagram: &Diagram,
    element: &ElementRef,
    rect: Rect,
) -> Result<Edit, EditError> {
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
            if let Some(contents) = contents_by_id(diagram, id.as_str()) {
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
    let modules: Vec<(UnitId, Rect)> = (new.modules.iter())
        .filter_map(|m| Some((m.unit.clone()?, m.rect()?)))
        .collect();
    grow_units(&mut new.units, modules.iter().map(|(u, r)| (u, *r)), grow);
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
    // The units that grew around the resized box.
    let resized_unit = match element {
        [ElementRef::Unit(id)] => diagram.units.iter().position(|u| u.id == *id),
        _ => None,
    };
    let grew: Vec<usize> = (0..new.units.len())
        .filter(|&u| Some(u) != resized_unit && new.units[u].rect != diagram.units[u].rect)
        .collect();
    let grown =
        |d: &Diagram| -> Vec<Rect> { grew.iter().filter_map(|&u| d.units[u].rect).collect() };
    let mut modules = BTreeMap::new();
    let mut moving = BTreeSet::new();
    if let [ElementRef::Module(id)] = element
        && let Some(index) = diagram.modules.iter().position(|m| m.id == *id)
    {
        modules.insert(index, new.modules[index].clone());
        moving.insert(index);
    }
    let lines = after_move(
        diagram,
        &Moved {
            modules: &modules,
            units: &new.units,
            moving: &moving,
            before: [vec![before], grown(diagram)].concat(),
            after: [vec![after], grown(new)].concat(),
            dx: 0.0,
            dy: 0.0,
        },
    );
    for (index, points) in lines {
        new.interfaces[index].points = points;
    }
}

/// What `unit` directly holds, found by scanning for its id.
fn contents_by_id(diagram: &Diagram, unit: &str) -> Option<Rect> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Forest;
    use crate::model::generate::synthetic;
    use proptest::prelude::*;

    /// One user gesture, resolved against the diagram when it runs.
    #[derive(Clone, Debug)]
    enum Gesture {
        /// Modules (by index, modulo their number) moved together.
        Move(Vec<usize>, f32, f32, bool),
        /// A unit moved, dropped where its corner lands or kept.
        MoveUnit(usize, f32, f32, bool),
        /// A module or unit resized.
        Resize(usize, bool, f32, f32),
        /// A line given a bend by hand.
        Bend(usize, f32, f32),
    }

    fn gesture() -> impl Strategy<Value = Gesture> {
        let step = -400.0f32..400.0;
        prop_oneof![
            4 => (prop::collection::vec(0usize..1000, 1..4), step.clone(), step.clone(), any::<bool>())
                .prop_map(|(m, x, y, d)| Gesture::Move(m, x, y, d)),
            2 => (0usize..1000, step.clone(), step.clone(), any::<bool>())
                .prop_map(|(u, x, y, d)| Gesture::MoveUnit(u, x, y, d)),
            1 => (0usize..1000, any::<bool>(), 0.0f32..500.0, 0.0f32..400.0)
                .prop_map(|(i, u, w, h)| Gesture::Resize(i, u, w, h)),
            1 => (0usize..1000, step.clone(), step).prop_map(|(i, x, y)| Gesture::Bend(i, x, y)),
        ]
    }

    /// The edit the fast path and the reference make for `gesture`.
    fn both(
        d: &Diagram,
        gesture: &Gesture,
    ) -> Option<(Result<Edit, EditError>, Result<Edit, EditError>)> {
        let forest = Forest::new(d);
        let module = |i: usize| ElementRef::Module(d.modules[i % d.modules.len()].id.clone());
        Some(match gesture {
            Gesture::Move(picked, dx, dy, dropped) => {
                let elements: Vec<ElementRef> = picked.iter().map(|&i| module(i)).collect();
                let at = d.module(elements[0].id())?.rect()?.center();
                let drop = if *dropped {
                    Drop::At(Point::new(at.x + dx, at.y + dy))
                } else {
                    Drop::KeepUnits
                };
                (
                    super::super::move_elements(d, &forest, &elements, *dx, *dy, drop),
                    move_elements(d, &elements, *dx, *dy, drop),
                )
            }
            Gesture::MoveUnit(i, dx, dy, dropped) => {
                let unit = d.units.get(i % d.units.len().max(1))?;
                let rect = unit.rect?;
                let elements = [ElementRef::Unit(unit.id.clone())];
                let drop = if *dropped {
                    Drop::At(Point::new(rect.x + dx + 4.0, rect.y + dy + 4.0))
                } else {
                    Drop::KeepUnits
                };
                (
                    super::super::move_elements(d, &forest, &elements, *dx, *dy, drop),
                    move_elements(d, &elements, *dx, *dy, drop),
                )
            }
            Gesture::Resize(i, unit, w, h) => {
                let (element, at) = if *unit && !d.units.is_empty() {
                    let u = &d.units[i % d.units.len()];
                    (ElementRef::Unit(u.id.clone()), u.rect?)
                } else {
                    let m = &d.modules[i % d.modules.len()];
                    (ElementRef::Module(m.id.clone()), m.rect()?)
                };
                let rect = Rect::new(at.x, at.y, *w, *h);
                (
                    super::super::resize(d, &forest, &element, rect),
                    resize(d, &element, rect),
                )
            }
            Gesture::Bend(..) => return None,
        })
    }

    /// A laid-out synthetic diagram, a few modules pushed onto others so
    /// boxes overlap and lines meet several at once.
    fn start(modules: usize, seed: u64, pushed: &[(usize, f32, f32)]) -> Diagram {
        let mut d = synthetic(modules, seed);
        crate::layout::lay_out(&mut d, crate::layout::Mode::All);
        for &(i, dx, dy) in pushed {
            let n = d.modules.len();
            if let Some(pos) = d.modules[i % n].pos.as_mut() {
                pos.x += dx;
                pos.y += dy;
            }
        }
        d
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 40, .. ProptestConfig::default() })]

        #[test]
        fn the_fast_path_makes_the_whole_diagram_computations_edits(
            modules in 20usize..120,
            seed in 0u64..1000,
            pushed in prop::collection::vec((0usize..1000, -200.0f32..200.0, -150.0f32..150.0), 0..6),
            gestures in prop::collection::vec(gesture(), 1..8),
        ) {
            let mut d = start(modules, seed, &pushed);
            for gesture in &gestures {
                if let Gesture::Bend(i, x, y) = gesture {
                    let n = d.interfaces.len().max(1);
                    if let Some(f) = d.interfaces.get_mut(i % n) {
                        f.points = vec![Point::new(*x, *y)];
                    }
                    continue;
                }
                let Some((fast, whole)) = both(&d, gesture) else { continue };
                match (fast, whole) {
                    (Ok(fast), Ok(whole)) => {
                        let (mut by_fast, mut by_whole) = (d.clone(), d.clone());
                        let fast_ok = fast.apply(&mut by_fast).is_ok();
                        let whole_ok = whole.apply(&mut by_whole).is_ok();
                        prop_assert_eq!(fast_ok, whole_ok, "{:?}", gesture);
                        prop_assert!(by_fast == by_whole, "{:?} gives another diagram", gesture);
                        d = by_fast;
                    }
                    (fast, whole) => prop_assert_eq!(fast.err(), whole.err()),
                }
            }
        }
    }
}
