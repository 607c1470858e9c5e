//! Edits as a user thinks of them: add, rename, connect, reverse,
//! reconnect, delete, and change one element's fields.
//!
//! Each builder checks what it can explain better than validation would
//! (a self-connection, a kind that does not fit) and returns an [`Edit`];
//! [`Edit::apply`] still validates the result.

use super::geometry::{grow_units_to_fit, innermost_unit_at};
use super::{Edit, EditError, ElementRef};
use crate::model::{
    Diagram, Interface, InterfaceId, InterfaceKind, Isolation, Module, ModuleId, ModuleKind, Point,
    Rect, Size, Unit, UnitId, slug,
};
use std::collections::HashSet;

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

/// The interface kinds that fit an interface from `from` to `to`, in
/// [`InterfaceKind::ALL`] order (empty when either is unknown or they are
/// the same module).
#[must_use]
pub fn fitting_kinds(diagram: &Diagram, from: &str, to: &str) -> Vec<InterfaceKind> {
    match (diagram.module(from), diagram.module(to)) {
        (Some(a), Some(b)) if a.id != b.id => InterfaceKind::ALL
            .iter()
            .copied()
            .filter(|k| k.fits(a.kind, b.kind))
            .collect(),
        _ => Vec::new(),
    }
}

/// Why `kind` does not fit from `from` to `to`, as a sentence for the user.
fn misfit(kind: InterfaceKind, from: &Module, to: &Module) -> EditError {
    let message = match kind {
        InterfaceKind::Link => format!(
            "a Link points at the library it links, and {} is a {}, not a Library",
            to.name,
            to.kind.label()
        ),
        _ if from.kind == ModuleKind::Datastore => format!(
            "a {} goes from code to a datastore, and {} is itself a datastore",
            kind.label(),
            from.name
        ),
        _ => format!(
            "a {} goes to a datastore, and {} is a {}, not a Datastore",
            kind.label(),
            to.name,
            to.kind.label()
        ),
    };
    EditError::KindDoesNotFit(message)
}

/// The id an interface from `from` to `to` gets: `from->to`, or
/// `from->to#2`, `#3`, ... when taken (the loader's scheme).
#[must_use]
pub fn interface_id(diagram: &Diagram, from: &str, to: &str) -> InterfaceId {
    let base = format!("{from}->{to}");
    if !diagram.contains_id(&base) {
        return InterfaceId::new(base);
    }
    let id = (2..u64::MAX)
        .map(|n| format!("{base}#{n}"))
        .find(|candidate| !diagram.contains_id(candidate))
        .unwrap_or(base);
    InterfaceId::new(id)
}

/// Connects module `from` to module `to` with an interface of `kind`.
pub fn connect(
    diagram: &Diagram,
    from: &str,
    to: &str,
    kind: InterfaceKind,
) -> Result<(Edit, InterfaceId), EditError> {
    let a = diagram
        .module(from)
        .ok_or_else(|| unknown("module", from))?;
    let b = diagram.module(to).ok_or_else(|| unknown("module", to))?;
    if a.id == b.id {
        return Err(EditError::SelfConnection(a.name.clone()));
    }
    if !kind.fits(a.kind, b.kind) {
        return Err(misfit(kind, a, b));
    }
    let id = interface_id(diagram, from, to);
    let interface = Interface::new(id.as_str(), a.id.clone(), b.id.clone(), kind);
    Ok((
        Edit::InsertInterface {
            index: diagram.interfaces.len(),
            interface: Box::new(interface),
        },
        id,
    ))
}

/// Reverses an interface (swaps its ends), if its kind fits the other way.
pub fn reverse(diagram: &Diagram, id: &str) -> Result<Edit, EditError> {
    let index = interface_index(diagram, id)?;
    let mut interface = diagram.interfaces[index].clone();
    std::mem::swap(&mut interface.from, &mut interface.to);
    interface.points.reverse();
    check_fits(diagram, &interface)?;
    Ok(Edit::ReplaceInterface {
        index,
        interface: Box::new(interface),
    })
}

/// Straightens an interface: drops its waypoints, so it runs straight from
/// box to box. Nothing to do when it has none.
pub fn straighten(diagram: &Diagram, id: &str) -> Result<Edit, EditError> {
    let index = interface_index(diagram, id)?;
    if diagram.interfaces[index].points.is_empty() {
        return Ok(Edit::none());
    }
    let mut interface = diagram.interfaces[index].clone();
    interface.points.clear();
    Ok(Edit::ReplaceInterface {
        index,
        interface: Box::new(interface),
    })
}

/// Which end of an interface.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum End {
    /// The `from` end.
    From,
    /// The `to` end.
    To,
}

/// Moves one end of an interface to another module.
pub fn reconnect(diagram: &Diagram, id: &str, end: End, module: &str) -> Result<Edit, EditError> {
    let index = interface_index(diagram, id)?;
    let target = diagram
        .module(module)
        .ok_or_else(|| unknown("module", module))?;
    let mut interface = diagram.interfaces[index].clone();
    match end {
        End::From => interface.from = target.id.clone(),
        End::To => interface.to = target.id.clone(),
    }
    if interface == diagram.interfaces[index] {
        return Ok(Edit::none());
    }
    if interface.from == interface.to {
        return Err(EditError::SelfConnection(target.name.clone()));
    }
    interface.points.clear();
    check_fits(diagram, &interface)?;
    Ok(Edit::ReplaceInterface {
        index,
        interface: Box::new(interface),
    })
}

fn check_fits(diagram: &Diagram, interface: &Interface) -> Result<(), EditError> {
    let a = diagram
        .module(interface.from.as_str())
        .ok_or_else(|| unknown("module", &interface.from))?;
    let b = diagram
        .module(interface.to.as_str())
        .ok_or_else(|| unknown("module", &interface.to))?;
    if interface.kind.fits(a.kind, b.kind) {
        Ok(())
    } else {
        Err(misfit(interface.kind, a, b))
    }
}

/// What happens to what a deleted unit holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnitContents {
    /// Delete the modules and units inside too.
    Delete,
    /// Move them to the deleted unit's parent (or out of every unit).
    MoveToParent,
}

/// Whether unit `id` holds any module or unit.
#[must_use]
pub fn unit_has_contents(diagram: &Diagram, id: &str) -> bool {
    diagram
        .modules
        .iter()
        .any(|m| m.unit.as_ref().is_some_and(|u| u.as_str() == id))
        || diagram
            .units
            .iter()
            .any(|u| u.parent.as_ref().is_some_and(|p| p.as_str() == id))
}

/// Deletes the elements: interfaces of deleted modules go too, and so do
/// acceptances of findings about deleted elements. What deleted units hold
/// is deleted or moved to their parent, as `contents` says.
#[must_use]
pub fn delete(diagram: &Diagram, elements: &[ElementRef], contents: UnitContents) -> Edit {
    let mut units: HashSet<&str> = elements
        .iter()
        .filter_map(|e| match e {
            ElementRef::Unit(id) => Some(id.as_str()),
            _ => None,
        })
        .filter(|id| diagram.unit(id).is_some())
        .collect();
    let mut modules: HashSet<&str> = elements
        .iter()
        .filter_map(|e| match e {
            ElementRef::Module(id) => Some(id.as_str()),
            _ => None,
        })
        .collect();
    if contents == UnitContents::Delete {
        // Everything whose chain of units passes through a deleted unit.
        let selected: Vec<&str> = units.iter().copied().collect();
        for unit in &diagram.units {
            if selected
                .iter()
                .any(|s| diagram.unit_is_within(unit.id.as_str(), s))
            {
                units.insert(unit.id.as_str());
            }
        }
        for module in &diagram.modules {
            if module
                .unit
                .as_ref()
                .is_some_and(|u| units.contains(u.as_str()))
            {
                modules.insert(module.id.as_str());
            }
        }
    }
    let interfaces: HashSet<&str> = diagram
        .interfaces
        .iter()
        .filter(|f| {
            modules.contains(f.from.as_str())
                || modules.contains(f.to.as_str())
                || elements.contains(&ElementRef::Interface(f.id.clone()))
        })
        .map(|f| f.id.as_str())
        .collect();
    // The nearest ancestor of `unit` that survives.
    let surviving_parent = |unit: &UnitId| -> Option<UnitId> {
        diagram
            .unit_chain(unit.as_str())
            .into_iter()
            .find(|u| !units.contains(u.id.as_str()))
            .map(|u| u.id.clone())
    };
    let mut new = Diagram {
        title: diagram.title.clone(),
        settings: diagram.settings.clone(),
        teams: diagram.teams.clone(),
        units: Vec::with_capacity(diagram.units.len()),
        modules: Vec::with_capacity(diagram.modules.len()),
        interfaces: Vec::with_capacity(diagram.interfaces.len()),
        accepted: Vec::with_capacity(diagram.accepted.len()),
    };
    for unit in &diagram.units {
        if units.contains(unit.id.as_str()) {
            continue;
        }
        let mut unit = unit.clone();
        unit.parent = unit.parent.as_ref().and_then(surviving_parent);
        new.units.push(unit);
    }
    for module in &diagram.modules {
        if modules.contains(module.id.as_str()) {
            continue;
        }
        let mut module = module.clone();
        module.unit = module.unit.as_ref().and_then(surviving_parent);
        new.modules.push(module);
    }
    new.interfaces.extend(
        diagram
            .interfaces
            .iter()
            .filter(|f| !interfaces.contains(f.id.as_str()))
            .cloned(),
    );
    let deleted = |id: &str| units.contains(id) || modules.contains(id) || interfaces.contains(id);
    new.accepted.extend(
        diagram
            .accepted
            .iter()
            .filter(|a| !a.finding.split_once('@').is_some_and(|(_, e)| deleted(e)))
            .cloned(),
    );
    Edit::between(diagram, &new)
}

/// The module kinds module `id` may take without breaking its interfaces
/// (a datastore that is read must stay one, a linked library must stay one).
#[must_use]
pub fn fitting_module_kinds(diagram: &Diagram, id: &str) -> Vec<ModuleKind> {
    let kind_of = |m: &str| diagram.module(m).map(|m| m.kind);
    // The interfaces at this module, with the kind of their other end,
    // looked up once (this runs every frame while the module is inspected).
    let touching: Vec<&Interface> = diagram
        .interfaces
        .iter()
        .filter(|f| f.from.as_str() == id || f.to.as_str() == id)
        .collect();
    ModuleKind::ALL
        .iter()
        .copied()
        .filter(|&kind| {
            touching.iter().all(|f| {
                let from = if f.from.as_str() == id {
                    Some(kind)
                } else {
                    kind_of(f.from.as_str())
                };
                let to = if f.to.as_str() == id {
                    Some(kind)
                } else {
                    kind_of(f.to.as_str())
                };
                match (from, to) {
                    (Some(a), Some(b)) => f.kind.fits(a, b),
                    _ => true,
                }
            })
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
        && !fitting_module_kinds(diagram, id).contains(&module.kind)
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
mod tests {
    use super::*;
    use crate::model::Acceptance;

    fn diagram() -> Diagram {
        let mut d = Diagram::new();
        let mut u = Unit::new("u", "U", Isolation::Process);
        u.rect = Some(Rect::new(0.0, 0.0, 400.0, 300.0));
        let mut inner = Unit::new("inner", "Inner", Isolation::Sandbox);
        inner.parent = Some(UnitId::new("u"));
        inner.rect = Some(Rect::new(200.0, 40.0, 180.0, 200.0));
        d.units = vec![u, inner];
        let mut a = Module::new("a", "A", ModuleKind::Component);
        a.unit = Some(UnitId::new("u"));
        let mut db = Module::new("db", "DB", ModuleKind::Datastore);
        db.unit = Some(UnitId::new("inner"));
        d.modules = vec![a, db, Module::new("lib", "Lib", ModuleKind::Library)];
        d
    }

    #[test]
    fn straighten_drops_waypoints_and_undoes() {
        let mut d = diagram();
        let (edit, id) = connect(&d, "a", "db", InterfaceKind::Write).expect("fits");
        edit.apply(&mut d).expect("valid");
        assert!(straighten(&d, id.as_str()).expect("known").is_noop());
        d.interfaces[0].points = vec![Point::new(8.0, 8.0), Point::new(16.0, 8.0)];
        let before = d.clone();
        let undo = straighten(&d, id.as_str())
            .expect("known")
            .apply(&mut d)
            .expect("valid");
        assert!(d.interfaces[0].points.is_empty());
        undo.apply(&mut d).expect("valid");
        assert_eq!(d, before);
        assert!(straighten(&d, "nope").is_err());
    }

    #[test]
    fn connect_offers_and_accepts_only_fitting_kinds() {
        let d = diagram();
        assert_eq!(
            fitting_kinds(&d, "a", "db"),
            vec![
                InterfaceKind::Call,
                InterfaceKind::Rpc,
                InterfaceKind::Queue,
                InterfaceKind::Read,
                InterfaceKind::Write,
                InterfaceKind::Load
            ]
        );
        // Between two pieces of code, no datastore kind fits.
        let mut code = d.clone();
        code.modules
            .push(Module::new("b", "B", ModuleKind::Component));
        assert_eq!(
            fitting_kinds(&code, "a", "b"),
            vec![
                InterfaceKind::Call,
                InterfaceKind::Rpc,
                InterfaceKind::Queue
            ]
        );
        assert!(matches!(
            connect(&code, "a", "b", InterfaceKind::Load),
            Err(EditError::KindDoesNotFit(_))
        ));
        assert!(fitting_kinds(&d, "a", "a").is_empty());
        assert!(matches!(
            connect(&d, "a", "a", InterfaceKind::Rpc),
            Err(EditError::SelfConnection(_))
        ));
        assert!(matches!(
            connect(&d, "db", "a", InterfaceKind::Read),
            Err(EditError::KindDoesNotFit(_))
        ));
        let mut d2 = d.clone();
        let (edit, id) = connect(&d, "a", "db", InterfaceKind::Write).expect("fits");
        edit.apply(&mut d2).expect("valid");
        assert_eq!(id.as_str(), "a->db");
        let (_, second) = connect(&d2, "a", "db", InterfaceKind::Read).expect("fits");
        assert_eq!(second.as_str(), "a->db#2");
        // Reversing a write would start it at the datastore.
        assert!(reverse(&d2, "a->db").is_err());
    }

    #[test]
    fn deleting_a_unit_can_keep_its_contents() {
        let d = diagram();
        let mut kept = d.clone();
        delete(
            &d,
            &[ElementRef::Unit(UnitId::new("inner"))],
            UnitContents::MoveToParent,
        )
        .apply(&mut kept)
        .expect("valid");
        assert_eq!(
            kept.module("db").and_then(|m| m.unit.clone()),
            Some(UnitId::new("u"))
        );
        let mut gone = d.clone();
        delete(
            &d,
            &[ElementRef::Unit(UnitId::new("u"))],
            UnitContents::Delete,
        )
        .apply(&mut gone)
        .expect("valid");
        assert!(gone.units.is_empty());
        assert_eq!(gone.modules.len(), 1);
    }

    #[test]
    fn deleting_a_module_takes_its_interfaces_and_acceptances() {
        let mut d = diagram();
        let (edit, _) = connect(&d, "a", "db", InterfaceKind::Write).expect("fits");
        edit.apply(&mut d).expect("valid");
        d.accepted.push(Acceptance {
            finding: "disconnected-module@lib".into(),
            reason: "soon".into(),
        });
        d.accepted.push(Acceptance {
            finding: "empty-unit@u".into(),
            reason: "soon".into(),
        });
        let mut after = d.clone();
        delete(
            &d,
            &[
                ElementRef::Module(ModuleId::new("db")),
                ElementRef::Module(ModuleId::new("lib")),
            ],
            UnitContents::Delete,
        )
        .apply(&mut after)
        .expect("valid");
        assert!(after.interfaces.is_empty());
        assert_eq!(after.accepted.len(), 1);
    }

    #[test]
    fn third_party_is_one_undoable_edit() {
        let d = diagram();
        let edit = update_module(&d, "lib", |m| m.third_party = true).expect("known");
        assert!(matches!(edit, Edit::ReplaceModule { .. }));
        let mut after = d.clone();
        let undo = edit.apply(&mut after).expect("valid");
        assert!(after.module("lib").is_some_and(|m| m.third_party));
        undo.apply(&mut after).expect("valid");
        assert_eq!(after, d);
        // Setting what is already set changes nothing.
        assert!(
            update_module(&d, "lib", |m| m.third_party = false)
                .expect("known")
                .is_noop()
        );
    }

    #[test]
    fn a_load_fits_only_code_to_a_datastore_and_does_not_reverse() {
        let mut d = diagram();
        let (edit, id) = connect(&d, "a", "db", InterfaceKind::Load).expect("fits");
        edit.apply(&mut d).expect("valid");
        assert!(reverse(&d, id.as_str()).is_err());
        // The kind can change to another that fits, not to a Link.
        assert!(update_interface(&d, id.as_str(), |f| f.kind = InterfaceKind::Read).is_ok());
        assert!(update_interface(&d, id.as_str(), |f| f.kind = InterfaceKind::Link).is_err());
        // The datastore it loads from must stay a datastore.
        assert_eq!(fitting_module_kinds(&d, "db"), vec![ModuleKind::Datastore]);
    }

    #[test]
    fn kinds_that_would_break_interfaces_are_refused() {
        let mut d = diagram();
        let (edit, _) = connect(&d, "a", "lib", InterfaceKind::Link).expect("fits");
        edit.apply(&mut d).expect("valid");
        assert_eq!(fitting_module_kinds(&d, "lib"), vec![ModuleKind::Library]);
        assert!(update_module(&d, "lib", |m| m.kind = ModuleKind::Component).is_err());
        // Turning a placed module External takes it out of its unit.
        let mut after = d.clone();
        update_module(&d, "a", |m| m.kind = ModuleKind::External)
            .expect("allowed")
            .apply(&mut after)
            .expect("valid");
        assert_eq!(after.module("a").and_then(|m| m.unit.clone()), None);
    }

    #[test]
    fn new_elements_get_fresh_names_and_their_unit() {
        let d = diagram();
        let (edit, id) = add_module(
            &d,
            ModuleKind::Component,
            Rect::new(220.0, 80.0, 120.0, 56.0),
        );
        let mut after = d.clone();
        edit.apply(&mut after).expect("valid");
        let module = after.module(id.as_str()).expect("added");
        assert_eq!(
            (module.id.as_str(), module.name.as_str()),
            ("module-1", "Module 1")
        );
        assert_eq!(module.unit, Some(UnitId::new("inner")));
        let (edit, _) = add_module(
            &after,
            ModuleKind::External,
            Rect::new(220.0, 80.0, 120.0, 56.0),
        );
        let mut again = after.clone();
        edit.apply(&mut again).expect("valid");
        assert_eq!(again.modules.last().and_then(|m| m.unit.clone()), None);
    }
}
