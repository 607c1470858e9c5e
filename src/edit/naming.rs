//! Naming a module or unit right after it was created: the name given in
//! place also makes its id (`"PNG decoder"` → `png-decoder`), so files
//! never keep placeholder ids like `module-1`. Later renames keep the id
//! ([`super::ops::rename`]).

use super::{Edit, ElementRef};
use crate::model::{Diagram, ModuleId, UnitId};

/// Renames the new `element` to `name` and gives it the id made from that
/// name (the existing fresh-id rule: `png-decoder`, `png-decoder-2`, ...).
/// Returns the edit and the element under its new id, or `None` when the
/// name is empty or unchanged, the element is an interface (their ids stay
/// `FROM->TO`), or something already refers to the element (then only its
/// name may change).
#[must_use]
pub fn name_new(diagram: &Diagram, element: &ElementRef, name: &str) -> Option<(Edit, ElementRef)> {
    let name = name.trim();
    if name.is_empty() {
        return None;
    }
    match element {
        ElementRef::Module(id) => {
            let index = diagram.modules.iter().position(|m| m.id == *id)?;
            let referred = diagram
                .interfaces
                .iter()
                .any(|f| f.from == *id || f.to == *id);
            if referred || diagram.modules[index].name == name {
                return None;
            }
            let fresh = fresh_id_for(diagram, name, id.as_str());
            let mut module = diagram.modules[index].clone();
            name.clone_into(&mut module.name);
            module.id = ModuleId::new(fresh.clone());
            let edit = Edit::ReplaceModule {
                index,
                module: Box::new(module),
            };
            Some((edit, ElementRef::Module(ModuleId::new(fresh))))
        }
        ElementRef::Unit(id) => {
            let index = diagram.units.iter().position(|u| u.id == *id)?;
            let referred = diagram.modules.iter().any(|m| m.unit.as_ref() == Some(id))
                || diagram.units.iter().any(|u| u.parent.as_ref() == Some(id));
            if referred || diagram.units[index].name == name {
                return None;
            }
            let fresh = fresh_id_for(diagram, name, id.as_str());
            let mut unit = diagram.units[index].clone();
            name.clone_into(&mut unit.name);
            unit.id = UnitId::new(fresh.clone());
            let edit = Edit::ReplaceUnit {
                index,
                unit: Box::new(unit),
            };
            Some((edit, ElementRef::Unit(UnitId::new(fresh))))
        }
        ElementRef::Interface(_) => None,
    }
}

/// The id made from `name`, counting the element's own current id as free
/// (naming `module-1` "Module 1" keeps `module-1`).
fn fresh_id_for(diagram: &Diagram, name: &str, current: &str) -> String {
    crate::model::fresh_id(name, current, |candidate| {
        candidate != current && diagram.contains_id(candidate)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::ops;
    use crate::model::{Isolation, ModuleKind, Rect, validate};

    #[test]
    fn a_new_module_takes_its_id_from_its_first_name() {
        let mut d = Diagram::new();
        let (edit, png) =
            ops::add_module(&d, ModuleKind::Component, Rect::new(0.0, 0.0, 160.0, 64.0));
        edit.apply(&mut d).expect("adds");
        let first = ElementRef::Module(png);
        let (edit, named) = name_new(&d, &first, "  PNG decoder ").expect("named");
        let undo = edit.apply(&mut d).expect("valid");
        assert_eq!(named, ElementRef::Module(ModuleId::new("png-decoder")));
        assert_eq!(
            d.module("png-decoder").map(|m| m.name.as_str()),
            Some("PNG decoder")
        );
        assert_eq!(validate(&d), Ok(()));

        // A second one with the same name counts up.
        let (edit, other) = ops::add_module(
            &d,
            ModuleKind::Component,
            Rect::new(0.0, 100.0, 160.0, 64.0),
        );
        edit.apply(&mut d).expect("adds");
        let (edit, named) = name_new(&d, &ElementRef::Module(other), "PNG decoder").expect("named");
        edit.apply(&mut d).expect("valid");
        assert_eq!(named, ElementRef::Module(ModuleId::new("png-decoder-2")));

        // Undo gives the placeholder back.
        let mut back = d.clone();
        back.modules.retain(|m| m.id.as_str() != "png-decoder-2");
        undo.apply(&mut back).expect("undoes");
        assert!(back.module("png-decoder").is_none());
        assert!(back.module(first.id()).is_some());
    }

    #[test]
    fn units_too_but_not_interfaces_nor_elements_already_referred_to() {
        let mut d = Diagram::new();
        let (edit, unit) = ops::add_unit(&d, Isolation::Process, Rect::new(0.0, 0.0, 400.0, 300.0));
        edit.apply(&mut d).expect("adds");
        let unit = ElementRef::Unit(unit);
        let (edit, named) = name_new(&d, &unit, "Web server").expect("named");
        edit.apply(&mut d).expect("valid");
        assert_eq!(named, ElementRef::Unit(UnitId::new("web-server")));

        // A module inside the unit refers to it: only the name may change.
        let (edit, _) = ops::add_module(
            &d,
            ModuleKind::Component,
            Rect::new(20.0, 60.0, 160.0, 64.0),
        );
        edit.apply(&mut d).expect("adds");
        assert!(name_new(&d, &named, "Edge").is_none());
        assert!(name_new(&d, &named, "   ").is_none());
    }
}
