//! What a move takes along, and growing units around what they hold: the
//! pieces of a move that must stay cheap on a huge diagram. Everything is
//! by position in the diagram's lists, so a nudge of one box costs about
//! what the box and its lines cost, plus a pass over the modules without
//! allocating or hashing their ids.

use super::ElementRef;
use crate::model::{Diagram, Rect, Unit, UnitId};
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::BTreeSet;

/// Above this many selected modules, their positions are found through a
/// map of every module's id instead of one scan each.
const SCAN_LIMIT: usize = 8;

/// What a move takes along: the selected modules and units plus everything
/// inside the selected units, by position in the diagram's lists.
pub(super) struct Moving<'d> {
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
pub(super) fn grow_units<'m>(
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
        let needed = super::geometry::unit_rect_around(&contents);
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
