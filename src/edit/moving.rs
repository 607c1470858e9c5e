//! What a move takes along, and growing units around what they hold: the
//! pieces of a move that must stay cheap on a huge diagram. Everything is
//! by position in the diagram's lists and read through the revision's
//! [`Forest`] (which units a unit holds, which modules sit in it, where an
//! id is), so a nudge of one box costs about what the box, its units and
//! its lines cost.

use super::ElementRef;
use crate::model::{Diagram, Forest, Module, Rect, Unit, UnitId};
use crate::theme::{UNIT_PADDING, UNIT_TITLE_HEIGHT};
use std::collections::{BTreeMap, BTreeSet};

/// What a move takes along: the selected modules and units plus everything
/// inside the selected units, by position in the diagram's lists.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Moving {
    /// Every moving module.
    pub modules: BTreeSet<usize>,
    /// Every moving unit.
    pub units: BTreeSet<usize>,
    /// Moving modules whose unit does not move with them.
    pub top_modules: BTreeSet<usize>,
    /// Moving units whose parent does not move with them.
    pub top_units: BTreeSet<usize>,
}

impl Moving {
    /// The moving set of `elements` in the diagram `forest` was built from
    /// (unknown ids are skipped).
    #[must_use]
    pub fn of(forest: &Forest, elements: &[ElementRef]) -> Self {
        let mut units = BTreeSet::new();
        let mut stack: Vec<usize> = (elements.iter())
            .filter_map(|e| match e {
                ElementRef::Unit(id) => forest.unit(id.as_str()),
                _ => None,
            })
            .collect();
        while let Some(u) = stack.pop() {
            if units.insert(u) {
                stack.extend(forest.children(u));
            }
        }
        let mut modules: BTreeSet<usize> =
            units.iter().flat_map(|&u| forest.modules_in(u)).collect();
        modules.extend(elements.iter().filter_map(|e| match e {
            ElementRef::Module(id) => forest.module(id.as_str()),
            _ => None,
        }));
        let top_modules = (modules.iter().copied())
            .filter(|&m| !forest.unit_of(m).is_some_and(|u| units.contains(&u)))
            .collect();
        let top_units = (units.iter().copied())
            .filter(|&u| !forest.parent(u).is_some_and(|p| units.contains(&p)))
            .collect();
        Moving {
            modules,
            units,
            top_modules,
            top_units,
        }
    }
}

/// A diagram with some modules and units replaced, by position: what a
/// move or resize is building, read without copying the diagram. The
/// replacements may move modules and units into other units; the forest
/// is the diagram's before them.
pub(super) struct Changed<'a> {
    /// The diagram before.
    pub diagram: &'a Diagram,
    /// Its forest.
    pub forest: &'a Forest,
    /// The replaced modules.
    pub modules: BTreeMap<usize, Module>,
    /// The replaced units.
    pub units: BTreeMap<usize, Unit>,
}

impl<'a> Changed<'a> {
    /// Nothing replaced yet.
    pub fn new(diagram: &'a Diagram, forest: &'a Forest) -> Self {
        Changed {
            diagram,
            forest,
            modules: BTreeMap::new(),
            units: BTreeMap::new(),
        }
    }

    /// Module `m` as it is now.
    pub fn module(&self, m: usize) -> &Module {
        self.modules.get(&m).unwrap_or(&self.diagram.modules[m])
    }

    /// Unit `u` as it is now.
    pub fn unit(&self, u: usize) -> &Unit {
        self.units.get(&u).unwrap_or(&self.diagram.units[u])
    }

    /// The unit module `m` is in now, by position.
    pub fn unit_of(&self, m: usize) -> Option<usize> {
        match self.modules.get(&m) {
            Some(module) => self.forest.unit(module.unit.as_ref()?.as_str()),
            None => self.forest.unit_of(m),
        }
    }

    /// The parent of unit `u` now, by position.
    pub fn parent(&self, u: usize) -> Option<usize> {
        match self.units.get(&u) {
            Some(unit) => self.forest.unit(unit.parent.as_ref()?.as_str()),
            None => self.forest.parent(u),
        }
    }

    /// Grows the units in `start` and all their ancestors so that each
    /// holds what it contains with padding: never shrinks a unit, and
    /// gives a rectangle to a unit without one when it holds something
    /// that has one. Deepest first, so a unit sees its children grown.
    /// The units in `start` and their ancestors must not have been moved
    /// into another unit (their chains are the forest's).
    pub fn grow(&mut self, start: impl IntoIterator<Item = UnitId>) {
        let mut todo: BTreeSet<usize> = BTreeSet::new();
        for unit in start {
            if let Some(u) = self.forest.unit(unit.as_str()) {
                todo.extend(self.forest.ancestors(u));
            }
        }
        let mut order: Vec<usize> = todo.into_iter().collect();
        // Deepest first, then by position.
        order.sort_by_key(|&u| std::cmp::Reverse(self.forest.depth(u)));
        for u in order {
            let Some(contents) = self.contents(u) else {
                continue;
            };
            let needed = unit_rect_around(&contents);
            let rect = match self.unit(u).rect {
                Some(rect) if rect.contains_rect(&needed) => continue,
                Some(rect) => rect.union(&needed),
                None => needed,
            };
            self.units
                .entry(u)
                .or_insert_with(|| self.diagram.units[u].clone())
                .rect = Some(rect);
        }
    }

    /// The bounding box of what unit `u` holds directly now: its modules
    /// (in file order), then its child units (in file order).
    fn contents(&self, u: usize) -> Option<Rect> {
        let id = &self.diagram.units[u].id;
        let mut modules: Vec<usize> = self.forest.modules_in(u).collect();
        modules.extend(self.modules.keys().copied());
        modules.sort_unstable();
        modules.dedup();
        let module_bounds = (modules.into_iter())
            .map(|m| self.module(m))
            .filter(|m| m.unit.as_ref() == Some(id))
            .filter_map(Module::rect)
            .reduce(|a, b| a.union(&b));
        let mut children: Vec<usize> = self.forest.children(u).collect();
        children.extend(self.units.keys().copied());
        children.sort_unstable();
        children.dedup();
        let child_bounds = (children.into_iter())
            .map(|c| self.unit(c))
            .filter(|c| c.parent.as_ref() == Some(id))
            .filter_map(|c| c.rect)
            .reduce(|a, b| a.union(&b));
        match (module_bounds, child_bounds) {
            (Some(a), Some(b)) => Some(a.union(&b)),
            (a, b) => a.or(b),
        }
    }
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

/// Grows `units` (and their ancestors) of `diagram` in place; see
/// [`Changed::grow`].
pub(super) fn grow_units(diagram: &mut Diagram, start: impl IntoIterator<Item = UnitId>) {
    let forest = Forest::new(diagram);
    let mut changed = Changed::new(diagram, &forest);
    changed.grow(start);
    let grown = changed.units;
    for (u, unit) in grown {
        diagram.units[u] = unit;
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
            let needed = super::unit_rect_around(&contents);
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
            let mut grown_here = d.clone();
            grow_units(&mut grown_here, start);
            assert_eq!(grown_here.units, expected, "seed {seed}");
            grown += (grown_here.units.iter().zip(&d.units))
                .filter(|(a, b)| a != b)
                .count();
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
            &Forest::new(&d),
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
