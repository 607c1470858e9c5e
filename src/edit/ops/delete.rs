//! Deleting elements, and what happens to what a deleted unit holds.

use crate::edit::{Edit, ElementRef};
use crate::model::{Diagram, UnitId};
use std::collections::HashSet;

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
