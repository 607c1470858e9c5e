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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::generate::synthetic;
    use std::collections::{HashMap, HashSet};

    /// Growing as it was done by id, one unit at a time: the reference.
    fn grow_by_ids(units: &mut [Unit], modules: &[(UnitId, Rect)], start: &[UnitId]) {
        let names: Vec<String> = units.iter().map(|u| u.id.as_str().to_owned()).collect();
        let positions: HashMap<&str, usize> = names
            .iter()
            .enumerate()
            .map(|(i, id)| (id.as_str(), i))
            .collect();
        let chain = |unit: &str| {
            let mut chain: Vec<usize> = Vec::new();
            let mut next = positions.get(unit).copied();
            while let Some(i) = next.filter(|i| !chain.contains(i)) {
                chain.push(i);
                next = (units[i].parent.as_ref()).and_then(|p| positions.get(p.as_str()).copied());
            }
            chain
        };
        let todo: HashSet<usize> = start.iter().flat_map(|u| chain(u.as_str())).collect();
        let mut order: Vec<(usize, usize)> =
            todo.iter().map(|&i| (chain(&names[i]).len(), i)).collect();
        order.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        for (_, i) in order {
            let contents = (modules.iter())
                .filter(|(u, _)| u.as_str() == names[i])
                .map(|(_, r)| *r)
                .chain(
                    (units.iter())
                        .filter(|u| u.parent.as_ref().is_some_and(|p| p.as_str() == names[i]))
                        .filter_map(|u| u.rect),
                )
                .reduce(|a, b| a.union(&b));
            let Some(contents) = contents else { continue };
            let needed = super::super::geometry::unit_rect_around(&contents);
            let slot = &mut units[i].rect;
            *slot = Some(slot.map_or(needed, |r| {
                if r.contains_rect(&needed) {
                    r
                } else {
                    r.union(&needed)
                }
            }));
        }
    }

    #[test]
    fn growing_by_position_matches_growing_by_id() {
        let mut grown = 0;
        for seed in 0..6 {
            let mut d = synthetic(300, seed);
            crate::layout::lay_out(&mut d, crate::layout::Mode::All);
            // Move the modules of the innermost units (each third unit of
            // a chain) out, so those units grow and then their ancestors
            // must see them grown.
            for (k, m) in d.modules.iter_mut().enumerate() {
                let innermost = (m.unit.as_ref())
                    .and_then(|u| u.as_str().strip_prefix("unit-")?.parse::<usize>().ok())
                    .is_some_and(|u| u % 3 == 2);
                if let Some(pos) = m.pos.as_mut().filter(|_| innermost) {
                    pos.x += 40.0 * (k % 5) as f32 - 80.0;
                    pos.y += 600.0;
                }
            }
            let modules: Vec<(UnitId, Rect)> = (d.modules.iter())
                .filter_map(|m| Some((m.unit.clone()?, m.rect()?)))
                .collect();
            let start: Vec<UnitId> = (d.units.iter().skip(2).step_by(3))
                .map(|u| u.id.clone())
                .collect();
            let mut expected = d.units.clone();
            grow_by_ids(&mut expected, &modules, &start);
            let mut units = d.units.clone();
            grow_units(&mut units, modules.iter().map(|(u, r)| (u, *r)), start);
            assert_eq!(units, expected, "seed {seed}");
            grown += (units.iter().zip(&d.units)).filter(|(a, b)| a != b).count();
        }
        assert!(grown > 0, "some units grew");
    }

    #[test]
    fn a_moved_unit_takes_its_descendants_and_their_modules() {
        let d = synthetic(300, 3);
        let chained = (d.units.iter())
            .position(|u| d.units.iter().any(|c| c.parent.as_ref() == Some(&u.id)))
            .expect("a unit with a child");
        let id = d.units[chained].id.clone();
        let picked = d.modules.len() - 1;
        let moving = Moving::of(
            &d,
            &[
                ElementRef::Unit(id.clone()),
                ElementRef::Module(d.modules[picked].id.clone()),
            ],
        );
        let inside = |u: usize| (d.unit_chain(d.units[u].id.as_str()).iter()).any(|c| c.id == id);
        let expected_units: BTreeSet<usize> = (0..d.units.len()).filter(|&u| inside(u)).collect();
        assert_eq!(moving.units, expected_units);
        assert_eq!(moving.top_units, BTreeSet::from([chained]));
        let in_moving = |m: &crate::model::Module| {
            (m.unit.as_ref()).is_some_and(|u| expected_units.iter().any(|&i| d.units[i].id == *u))
        };
        let mut expected: BTreeSet<usize> = (0..d.modules.len())
            .filter(|&m| in_moving(&d.modules[m]))
            .collect();
        assert!(!expected.is_empty());
        expected.insert(picked);
        assert_eq!(moving.modules, expected);
        assert_eq!(
            moving.top_modules.contains(&picked),
            !in_moving(&d.modules[picked])
        );
    }
}
