//! Edits as a user thinks of them: add, rename, connect, reverse,
//! reconnect, delete, and change one element's fields.
//!
//! Each builder checks what it can explain better than validation would
//! (a self-connection, a kind that does not fit) and returns an [`Edit`];
//! [`Edit::apply`] still validates the result.

use super::geometry::{grow_units_to_fit, innermost_unit_at};
use super::{Edit, EditError, ElementRef};
use crate::model::{
    Diagram, Forest, Interface, InterfaceKind, Isolation, Module, ModuleId, ModuleKind, Point,
    Rect, Size, Unit, UnitId, slug,
};

mod connect;
mod delete;

use connect::check_fits;
pub use connect::{End, connect, fitting_kinds, interface_id, reconnect, reverse, straighten};
pub use delete::{UnitContents, delete, unit_has_contents};

fn unknown(kind: &'static str, id: impl std::fmt::Display) -> EditError {
    EditError::Unknown {
        kind,
        id: id.to_string(),
    }
}

/// The position of interface `id` in the diagram.
fn interface_index(diagram: &Diagram, id: &str) -> Result<usize, EditError> {
    diagram
        .interfaces
        .iter()
        .position(|f| f.id.as_str() == id)
        .ok_or_else(|| unknown("interface", id))
}

/// A display name and a fresh id for a new element: `"Module 3"` and
/// `module-3` with the smallest number whose id is free.
#[must_use]
pub fn fresh_name(diagram: &Diagram, base: &str) -> (String, String) {
    let stem = slug(base, "element");
    (1..u64::MAX)
        .map(|n| (format!("{base} {n}"), format!("{stem}-{n}")))
        .find(|(_, id)| !diagram.contains_id(id))
        .unwrap_or_else(|| (base.to_owned(), diagram.fresh_id(base, "element")))
}

/// Adds a module of `kind` with the box `rect`, placed in the innermost unit
/// under the box's centre (never for an External module). Returns the edit
/// and the new module's id.
#[must_use]
pub fn add_module(diagram: &Diagram, kind: ModuleKind, rect: Rect) -> (Edit, ModuleId) {
    let base = match kind {
        ModuleKind::Component => "Module",
        ModuleKind::Library => "Library",
        ModuleKind::Datastore => "Datastore",
        ModuleKind::External => "External",
    };
    let (name, id) = fresh_name(diagram, base);
    let mut module = Module::new(id.clone(), name, kind);
    module.pos = Some(rect.min());
    module.size = Some(Size::new(rect.w, rect.h));
    if kind != ModuleKind::External {
        module.unit = innermost_unit_at(diagram, rect.center(), |_| false);
    }
    let mut new = diagram.clone();
    let grow = module.unit.clone();
    new.modules.push(module);
    grow_units_to_fit(&mut new, grow);
    (Edit::between(diagram, &new), ModuleId::new(id))
}

/// Adds a unit with `isolation` and rectangle `rect`, nested in the
/// innermost unit under its top-left corner. Returns the edit and its id.
#[must_use]
pub fn add_unit(diagram: &Diagram, isolation: Isolation, rect: Rect) -> (Edit, UnitId) {
    let (name, id) = fresh_name(diagram, isolation.label());
    let mut unit = Unit::new(id.clone(), name, isolation);
    unit.rect = Some(rect);
    unit.parent = innermost_unit_at(diagram, Point::new(rect.x + 1.0, rect.y + 1.0), |_| false);
    let mut new = diagram.clone();
    let grow = unit.parent.clone();
    // Parents before children reads best in the file, and a new unit has
    // no children yet, so appending keeps that order.
    new.units.push(unit);
    grow_units_to_fit(&mut new, grow);
    (Edit::between(diagram, &new), UnitId::new(id))
}

/// Renames a module, unit or interface (an interface's label). Ids never
/// change. Names are trimmed; an empty module or unit name is refused by
/// returning no change.
#[must_use]
pub fn rename(diagram: &Diagram, element: &ElementRef, name: &str) -> Edit {
    let name = name.trim();
    match element {
        ElementRef::Module(id) => diagram
            .modules
            .iter()
            .position(|m| m.id == *id)
            .filter(|&i| !name.is_empty() && diagram.modules[i].name != name)
            .map_or_else(Edit::none, |index| {
                let mut module = diagram.modules[index].clone();
                name.clone_into(&mut module.name);
                Edit::ReplaceModule {
                    index,
                    module: Box::new(module),
                }
            }),
        ElementRef::Unit(id) => diagram
            .units
            .iter()
            .position(|u| u.id == *id)
            .filter(|&i| !name.is_empty() && diagram.units[i].name != name)
            .map_or_else(Edit::none, |index| {
                let mut unit = diagram.units[index].clone();
                name.clone_into(&mut unit.name);
                Edit::ReplaceUnit {
                    index,
                    unit: Box::new(unit),
                }
            }),
        ElementRef::Interface(id) => diagram
            .interfaces
            .iter()
            .position(|f| f.id == *id)
            .filter(|&i| diagram.interfaces[i].label != name)
            .map_or_else(Edit::none, |index| {
                let mut interface = diagram.interfaces[index].clone();
                name.clone_into(&mut interface.label);
                Edit::ReplaceInterface {
                    index,
                    interface: Box::new(interface),
                }
            }),
    }
}

/// The module kinds module `id` may take without breaking its interfaces
/// (a datastore that is read must stay one, a linked library must stay one).
/// `forest` is `diagram`'s: this runs every frame while the module is
/// inspected, so it looks at the module's own lines only.
#[must_use]
pub fn fitting_module_kinds(diagram: &Diagram, forest: &Forest, id: &str) -> Vec<ModuleKind> {
    let Some(m) = forest.module(id) else {
        return ModuleKind::ALL.to_vec();
    };
    // Each line at the module: its kind, and the kind of each end that is
    // not this module (looked up once).
    let other = |end: usize| (end != m).then(|| diagram.modules[end].kind);
    let touching: Vec<(InterfaceKind, Option<ModuleKind>, Option<ModuleKind>)> = forest
        .interfaces_at(m)
        .filter_map(|i| {
            let (from, to) = forest.ends(i)?;
            Some((diagram.interfaces[i].kind, other(from), other(to)))
        })
        .collect();
    ModuleKind::ALL
        .iter()
        .copied()
        .filter(|&kind| {
            (touching.iter())
                .all(|&(line, from, to)| line.fits(from.unwrap_or(kind), to.unwrap_or(kind)))
        })
        .collect()
}

/// Changes module `id` with `change`. Turning a module External takes it
/// out of its unit (and moves its box beside the unit it leaves).
pub fn update_module(
    diagram: &Diagram,
    id: &str,
    change: impl FnOnce(&mut Module),
) -> Result<Edit, EditError> {
    let index = diagram
        .modules
        .iter()
        .position(|m| m.id.as_str() == id)
        .ok_or_else(|| unknown("module", id))?;
    let mut module = diagram.modules[index].clone();
    change(&mut module);
    if module.kind != diagram.modules[index].kind
        && !fitting_module_kinds(diagram, &Forest::new(diagram), id).contains(&module.kind)
    {
        return Err(EditError::KindDoesNotFit(format!(
            "{} cannot become a {}: some of its interfaces need it to stay a {}",
            module.name,
            module.kind.label(),
            diagram.modules[index].kind.label()
        )));
    }
    if module.kind == ModuleKind::External && module.unit.is_some() {
        // Unplace through the geometry builder so the box leaves the unit too.
        let unplace = super::geometry::place_module(diagram, id, None)?;
        let mut staged = diagram.clone();
        unplace.apply(&mut staged)?;
        if let Some(placed) = staged.modules.get(index) {
            module.unit = None;
            module.pos = placed.pos;
        }
    }
    if module == diagram.modules[index] {
        return Ok(Edit::none());
    }
    Ok(Edit::ReplaceModule {
        index,
        module: Box::new(module),
    })
}

/// Changes unit `id` with `change` (not its parent: see
/// [`super::geometry::place_unit`]).
pub fn update_unit(
    diagram: &Diagram,
    id: &str,
    change: impl FnOnce(&mut Unit),
) -> Result<Edit, EditError> {
    let index = diagram
        .units
        .iter()
        .position(|u| u.id.as_str() == id)
        .ok_or_else(|| unknown("unit", id))?;
    let mut unit = diagram.units[index].clone();
    change(&mut unit);
    if unit == diagram.units[index] {
        return Ok(Edit::none());
    }
    Ok(Edit::ReplaceUnit {
        index,
        unit: Box::new(unit),
    })
}

/// Changes interface `id` with `change`; a kind that does not fit its ends
/// is refused with an explanation.
pub fn update_interface(
    diagram: &Diagram,
    id: &str,
    change: impl FnOnce(&mut Interface),
) -> Result<Edit, EditError> {
    let index = interface_index(diagram, id)?;
    let mut interface = diagram.interfaces[index].clone();
    change(&mut interface);
    if interface.from == interface.to {
        return Err(EditError::SelfConnection(interface.from.to_string()));
    }
    check_fits(diagram, &interface)?;
    if interface == diagram.interfaces[index] {
        return Ok(Edit::none());
    }
    Ok(Edit::ReplaceInterface {
        index,
        interface: Box::new(interface),
    })
}

#[cfg(test)]
pub(crate) mod tests;
