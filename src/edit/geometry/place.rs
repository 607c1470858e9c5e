//! Placing a module or unit into a unit from the inspector (or taking it
//! out of every unit), moving its box so the picture agrees.

use super::{Drop, PLACEMENT_GAP, grow_units_to_fit, move_elements, unknown};
use crate::edit::{Edit, EditError, ElementRef};
use crate::model::{Diagram, Forest, ModuleKind, Point, UnitId};
use crate::theme::{UNIT_PADDING, UNIT_TITLE_HEIGHT};

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
            &Forest::new(&new),
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

#[cfg(test)]
mod tests {
    use super::super::tests::nested;
    use super::*;
    use crate::model::Module;

    #[test]
    fn placing_from_the_inspector_moves_the_box_inside() {
        let mut d = nested();
        let edit = place_module(&d, "b", Some(&UnitId::new("inner"))).expect("place");
        edit.apply(&mut d).expect("valid");
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
