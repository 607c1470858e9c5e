//! Where things are: the unit under a point, what a unit holds and the
//! rectangle around it, the bounds of elements.

use crate::edit::ElementRef;
use crate::model::{Diagram, Forest, Point, Rect, UnitId};
use std::collections::{HashMap, HashSet};

/// The innermost unit whose rectangle contains `point`, skipping the units
/// for which `skip` is true. Deeper units win; among equally deep ones the
/// later in the file (drawn on top) wins.
#[must_use]
pub fn innermost_unit_at(
    diagram: &Diagram,
    point: Point,
    skip: impl Fn(&str) -> bool,
) -> Option<UnitId> {
    let skip = |u: usize| skip(diagram.units[u].id.as_str());
    let depth = |u: usize| diagram.unit_chain(diagram.units[u].id.as_str()).len();
    innermost(diagram, point, skip, depth).map(|u| diagram.units[u].id.clone())
}

/// [`innermost_unit_at`] by position, given each unit's depth.
pub(super) fn innermost(
    diagram: &Diagram,
    point: Point,
    skip: impl Fn(usize) -> bool,
    depth: impl Fn(usize) -> usize,
) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
    for (u, unit) in diagram.units.iter().enumerate() {
        let Some(rect) = unit.rect else { continue };
        if !rect.contains(point) || skip(u) {
            continue;
        }
        let depth = depth(u);
        if best.is_none_or(|(best_depth, _)| depth >= best_depth) {
            best = Some((depth, u));
        }
    }
    best.map(|(_, u)| u)
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

/// The bounding box of what unit `u` (a position; `forest` is the
/// diagram's) directly holds (modules placed in it and its child units),
/// if any of it has geometry.
#[must_use]
pub fn unit_contents_bounds(diagram: &Diagram, forest: &Forest, u: usize) -> Option<Rect> {
    let modules = forest
        .modules_in(u)
        .filter_map(|m| diagram.modules[m].rect());
    let units = forest.children(u).filter_map(|c| diagram.units[c].rect);
    modules.chain(units).reduce(|a, b| a.union(&b))
}

/// Grows `units` and all their ancestors so that each holds what it
/// contains with padding. Never shrinks a unit; gives a rectangle to a unit
/// without one when it holds something that has one.
pub fn grow_units_to_fit(diagram: &mut Diagram, units: impl IntoIterator<Item = UnitId>) {
    super::super::moving::grow_units(diagram, units);
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

#[cfg(test)]
mod tests {
    use super::super::tests::nested;
    use super::*;

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
    fn a_units_contents_are_its_modules_and_child_units() {
        let d = nested();
        let forest = Forest::new(&d);
        let bounds = |id| unit_contents_bounds(&d, &forest, forest.unit(id).expect("unit"));
        assert_eq!(
            bounds("inner"),
            d.module("a").and_then(crate::model::Module::rect)
        );
        assert_eq!(bounds("outer"), d.unit("inner").and_then(|u| u.rect));
    }
}
