//! "Place inside": a unit drawn or resized around boxes that are not in it
//! takes them in, as one undoable edit.
//!
//! A box is a *stray* of unit `U` when its rectangle lies within `U`'s but
//! the model does not put it in `U`: a module whose unit is neither `U` nor
//! inside `U`, or a unit whose parent is neither. Boxes held by a unit that
//! is itself drawn inside `U` are not strays: they come along with it.
//! External actors never go into units and are never strays.

use super::geometry::grow_units_to_fit;
use super::{Edit, EditError, ElementRef};
use crate::model::{Diagram, ModuleKind, Rect, UnitId};

/// The boxes drawn inside unit `unit` that the model does not put in it, in
/// file order (modules first). Empty for an unknown unit or one without a
/// rectangle.
#[must_use]
pub fn strays(diagram: &Diagram, unit: &str) -> Vec<ElementRef> {
    let Some(frame) = diagram.unit(unit).and_then(|u| u.rect) else {
        return Vec::new();
    };
    // Whether a box whose container is `parent` is already in `unit`, or
    // comes along with a container drawn inside it.
    let settled = |parent: Option<&UnitId>| {
        parent.is_some_and(|p| {
            diagram.unit_is_within(p.as_str(), unit)
                || (!diagram.unit_is_within(unit, p.as_str())
                    && diagram
                        .unit(p.as_str())
                        .and_then(|u| u.rect)
                        .is_some_and(|r| frame.contains_rect(&r)))
        })
    };
    let inside = |rect: Option<Rect>| rect.is_some_and(|r| frame.contains_rect(&r));
    let modules = diagram
        .modules
        .iter()
        .filter(|m| m.kind != ModuleKind::External)
        .filter(|m| inside(m.rect()) && !settled(m.unit.as_ref()))
        .map(|m| ElementRef::Module(m.id.clone()));
    let units = diagram
        .units
        .iter()
        .filter(|u| !diagram.unit_is_within(unit, u.id.as_str()))
        .filter(|u| !diagram.unit_is_within(u.id.as_str(), unit))
        .filter(|u| inside(u.rect) && !settled(u.parent.as_ref()))
        .map(|u| ElementRef::Unit(u.id.clone()));
    modules.chain(units).collect()
}

/// Puts every stray of unit `unit` into it, leaving every box where it is
/// drawn: one edit (a no-op when there is none).
///
/// # Errors
/// [`EditError`] when `unit` does not exist.
pub fn place_inside(diagram: &Diagram, unit: &str) -> Result<Edit, EditError> {
    let Some(target) = diagram.unit(unit).map(|u| u.id.clone()) else {
        return Err(EditError::Unknown {
            kind: "unit",
            id: unit.to_owned(),
        });
    };
    let strays = strays(diagram, unit);
    if strays.is_empty() {
        return Ok(Edit::none());
    }
    let mut placed = diagram.clone();
    for element in &strays {
        match element {
            ElementRef::Module(id) => {
                if let Some(m) = placed.module_mut(id.as_str()) {
                    m.unit = Some(target.clone());
                }
            }
            ElementRef::Unit(id) => {
                if let Some(u) = placed.unit_mut(id.as_str()) {
                    u.parent = Some(target.clone());
                }
            }
            ElementRef::Interface(_) => {}
        }
    }
    grow_units_to_fit(&mut placed, Some(target));
    Ok(Edit::between(diagram, &placed))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Isolation, Module, Point, Size, Unit};

    fn diagram() -> Diagram {
        let mut d = Diagram::new();
        let mut big = Unit::new("big", "Big", Isolation::Sandbox);
        big.rect = Some(Rect::new(0.0, 0.0, 500.0, 400.0));
        let mut small = Unit::new("small", "Small", Isolation::Process);
        small.rect = Some(Rect::new(20.0, 20.0, 200.0, 150.0));
        let mut held = Module::new("held", "Held", ModuleKind::Component);
        held.unit = Some(UnitId::new("small"));
        held.pos = Some(Point::new(40.0, 60.0));
        held.size = Some(Size::new(100.0, 50.0));
        let mut loose = Module::new("loose", "Loose", ModuleKind::Library);
        loose.pos = Some(Point::new(300.0, 200.0));
        loose.size = Some(Size::new(100.0, 50.0));
        let mut away = Module::new("away", "Away", ModuleKind::Component);
        away.pos = Some(Point::new(900.0, 200.0));
        away.size = Some(Size::new(100.0, 50.0));
        let mut users = Module::new("users", "Users", ModuleKind::External);
        users.pos = Some(Point::new(300.0, 300.0));
        users.size = Some(Size::new(80.0, 40.0));
        d.units = vec![big, small];
        d.modules = vec![held, loose, away, users];
        d
    }

    #[test]
    fn strays_are_the_boxes_drawn_inside_but_not_in() {
        let d = diagram();
        assert_eq!(
            strays(&d, "big"),
            vec![
                ElementRef::Module(crate::model::ModuleId::new("loose")),
                ElementRef::Unit(UnitId::new("small"))
            ]
        );
        assert!(strays(&d, "small").is_empty());
    }

    #[test]
    fn place_inside_reparents_them_in_one_undoable_edit() {
        let original = diagram();
        let mut d = original.clone();
        let edit = place_inside(&d, "big").expect("edit");
        let inverse = edit.apply(&mut d).expect("applies");
        assert_eq!(
            d.module("loose").and_then(|m| m.unit.clone()),
            Some(UnitId::new("big"))
        );
        assert_eq!(
            d.unit("small").and_then(|u| u.parent.clone()),
            Some(UnitId::new("big"))
        );
        assert_eq!(
            d.module("held").and_then(|m| m.unit.clone()),
            Some(UnitId::new("small"))
        );
        assert_eq!(d.module("users").and_then(|m| m.unit.clone()), None);
        assert_eq!(
            d.module("loose").and_then(|m| m.pos),
            Some(Point::new(300.0, 200.0))
        );
        assert!(strays(&d, "big").is_empty());
        inverse.apply(&mut d).expect("undoes");
        assert_eq!(d, original);
    }
}
