//! A reference to one selectable element of a diagram.

use crate::model::{Diagram, InterfaceId, ModuleId, UnitId};

/// One module, unit or interface: what the editor selects, copies and
/// deletes. Ordered by kind (modules, units, interfaces), then id.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ElementRef {
    /// A module.
    Module(ModuleId),
    /// A unit.
    Unit(UnitId),
    /// An interface.
    Interface(InterfaceId),
}

impl ElementRef {
    /// The element's id.
    #[must_use]
    pub fn id(&self) -> &str {
        match self {
            ElementRef::Module(id) => id.as_str(),
            ElementRef::Unit(id) => id.as_str(),
            ElementRef::Interface(id) => id.as_str(),
        }
    }

    /// The reference to the element with `id` in `diagram`, if it is a
    /// module, unit or interface.
    #[must_use]
    pub fn find(diagram: &Diagram, id: &str) -> Option<ElementRef> {
        if diagram.module(id).is_some() {
            Some(ElementRef::Module(ModuleId::new(id)))
        } else if diagram.unit(id).is_some() {
            Some(ElementRef::Unit(UnitId::new(id)))
        } else if diagram.interface(id).is_some() {
            Some(ElementRef::Interface(InterfaceId::new(id)))
        } else {
            None
        }
    }

    /// Whether the element still exists in `diagram`.
    #[must_use]
    pub fn exists_in(&self, diagram: &Diagram) -> bool {
        match self {
            ElementRef::Module(id) => diagram.module(id.as_str()).is_some(),
            ElementRef::Unit(id) => diagram.unit(id.as_str()).is_some(),
            ElementRef::Interface(id) => diagram.interface(id.as_str()).is_some(),
        }
    }

    /// Lower-case noun: `module`, `unit` or `interface`.
    #[must_use]
    pub fn noun(&self) -> &'static str {
        match self {
            ElementRef::Module(_) => "module",
            ElementRef::Unit(_) => "unit",
            ElementRef::Interface(_) => "interface",
        }
    }
}
