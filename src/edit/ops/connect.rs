//! Interfaces: which kinds fit, connecting two modules (the new line
//! routed around what is in its way), reversing, straightening and
//! reconnecting a line.

use super::{interface_index, unknown};
use crate::edit::{Edit, EditError, routing};
use crate::model::{Diagram, Interface, InterfaceId, InterfaceKind, Module, ModuleKind};

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
    let mut interface = Interface::new(id.as_str(), a.id.clone(), b.id.clone(), kind);
    // The new line is routed around what is in its way, and the lines it
    // joins between the same two modules make room for it.
    let index = diagram.interfaces.len();
    let mut after = diagram.clone();
    after.interfaces.push(interface.clone());
    let mut edits = Vec::new();
    for (line, points) in routing::after_connect(diagram, &after, index) {
        if line == index {
            interface.points = points;
        } else {
            let mut sibling = diagram.interfaces[line].clone();
            sibling.points = points;
            edits.push(Edit::ReplaceInterface {
                index: line,
                interface: Box::new(sibling),
            });
        }
    }
    edits.push(Edit::InsertInterface {
        index,
        interface: Box::new(interface),
    });
    let edit = if edits.len() == 1 {
        edits.remove(0)
    } else {
        Edit::Batch(edits)
    };
    Ok((edit, id))
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

pub(super) fn check_fits(diagram: &Diagram, interface: &Interface) -> Result<(), EditError> {
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
