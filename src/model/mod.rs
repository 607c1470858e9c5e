//! The domain model: a [`Diagram`] of modules, interfaces, units and teams.
//!
//! Plain data. Every change in the editor goes through [`crate::edit`]; files
//! go through [`crate::file`], which calls [`validate`] so that a `Diagram`
//! built from user input always has good references.

mod adjacency;
mod elements;
mod enums;
mod fix;
mod forest;
pub mod generate;
mod geometry;
mod id_map;
mod ids;
mod rule_id;
mod touched;
pub mod validate;

pub use adjacency::Adjacency;
pub use elements::{
    Acceptance, Interface, Module, Settings, TEAM_PALETTE, Team, Unit, team_palette_color,
};
pub use enums::{
    InterfaceKind, Isolation, Load, ModuleKind, Release, Reliability, RuleLevel, Startup, Trust,
};
pub use fix::Fix;
pub use forest::Forest;
pub use geometry::{MAX_COORDINATE, MAX_MODULE_SIZE, Point, Rect, Size};
pub use id_map::IdMap;
pub use ids::{InterfaceId, ModuleId, TeamId, UnitId, fresh_id, is_valid_id, slug};
pub use rule_id::{Category, RuleId};
pub use touched::Touched;
pub use validate::{ValidationError, validate, validate_geometry};

/// The four kinds of element that share the id namespace.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ElementKind {
    /// A [`Module`].
    Module,
    /// An [`Interface`].
    Interface,
    /// A [`Unit`].
    Unit,
    /// A [`Team`].
    Team,
}

impl ElementKind {
    /// Lower-case noun for messages ("module", "unit", ...).
    #[must_use]
    pub fn noun(self) -> &'static str {
        match self {
            ElementKind::Module => "module",
            ElementKind::Interface => "interface",
            ElementKind::Unit => "unit",
            ElementKind::Team => "team",
        }
    }
}

/// A whole architecture diagram.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Diagram {
    /// Title shown above the diagram; may be empty.
    pub title: String,
    /// Diagram-wide settings.
    pub settings: Settings,
    /// Teams, in file order.
    pub teams: Vec<Team>,
    /// Units, in file order.
    pub units: Vec<Unit>,
    /// Modules, in file order.
    pub modules: Vec<Module>,
    /// Interfaces, in file order.
    pub interfaces: Vec<Interface>,
    /// Accepted findings, in file order.
    pub accepted: Vec<Acceptance>,
}

impl Diagram {
    /// An empty diagram with default settings.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// The module with `id`.
    #[must_use]
    pub fn module(&self, id: &str) -> Option<&Module> {
        self.modules.iter().find(|m| m.id.as_str() == id)
    }

    /// The module with `id`, mutably.
    pub fn module_mut(&mut self, id: &str) -> Option<&mut Module> {
        self.modules.iter_mut().find(|m| m.id.as_str() == id)
    }

    /// The unit with `id`.
    #[must_use]
    pub fn unit(&self, id: &str) -> Option<&Unit> {
        self.units.iter().find(|u| u.id.as_str() == id)
    }

    /// The unit with `id`, mutably.
    pub fn unit_mut(&mut self, id: &str) -> Option<&mut Unit> {
        self.units.iter_mut().find(|u| u.id.as_str() == id)
    }

    /// The interface with `id`.
    #[must_use]
    pub fn interface(&self, id: &str) -> Option<&Interface> {
        self.interfaces.iter().find(|f| f.id.as_str() == id)
    }

    /// The interface with `id`, mutably.
    pub fn interface_mut(&mut self, id: &str) -> Option<&mut Interface> {
        self.interfaces.iter_mut().find(|f| f.id.as_str() == id)
    }

    /// The team with `id`.
    #[must_use]
    pub fn team(&self, id: &str) -> Option<&Team> {
        self.teams.iter().find(|t| t.id.as_str() == id)
    }

    /// What kind of element has `id`, if any.
    #[must_use]
    pub fn kind_of(&self, id: &str) -> Option<ElementKind> {
        if self.module(id).is_some() {
            Some(ElementKind::Module)
        } else if self.unit(id).is_some() {
            Some(ElementKind::Unit)
        } else if self.interface(id).is_some() {
            Some(ElementKind::Interface)
        } else if self.team(id).is_some() {
            Some(ElementKind::Team)
        } else {
            None
        }
    }

    /// Whether any element has `id`.
    #[must_use]
    pub fn contains_id(&self, id: &str) -> bool {
        self.kind_of(id).is_some()
    }

    /// The display name of the element with `id`, or the id itself.
    #[must_use]
    pub fn name_of<'a>(&'a self, id: &'a str) -> &'a str {
        if let Some(m) = self.module(id) {
            &m.name
        } else if let Some(u) = self.unit(id) {
            &u.name
        } else if let Some(t) = self.team(id) {
            &t.name
        } else if let Some(f) = self.interface(id) {
            if f.label.is_empty() { id } else { &f.label }
        } else {
            id
        }
    }

    /// The colour of team `id` (`#rrggbb`): its own, or the palette colour
    /// for its position.
    #[must_use]
    pub fn team_color(&self, id: &str) -> Option<&str> {
        let (position, team) = self
            .teams
            .iter()
            .enumerate()
            .find(|(_, t)| t.id.as_str() == id)?;
        Some(
            team.color
                .as_deref()
                .unwrap_or_else(|| team_palette_color(position)),
        )
    }

    /// A fresh id for a new element named `name` (`"PNG decoder"` →
    /// `png-decoder`, then `png-decoder-2`, ...).
    #[must_use]
    pub fn fresh_id(&self, name: &str, fallback: &str) -> String {
        fresh_id(name, fallback, |candidate| self.contains_id(candidate))
    }

    /// The chain of units from `unit` up to its root, `unit` first. Stops at
    /// a repeated unit, so it terminates even on an invalid diagram.
    #[must_use]
    pub fn unit_chain(&self, unit: &str) -> Vec<&Unit> {
        let mut chain: Vec<&Unit> = Vec::new();
        let mut next = self.unit(unit);
        while let Some(u) = next {
            if chain.iter().any(|seen| seen.id == u.id) {
                break;
            }
            chain.push(u);
            next = u.parent.as_ref().and_then(|p| self.unit(p.as_str()));
        }
        chain
    }

    /// Whether unit `descendant` is `ancestor` or lies (transitively) inside it.
    #[must_use]
    pub fn unit_is_within(&self, descendant: &str, ancestor: &str) -> bool {
        self.unit_chain(descendant)
            .iter()
            .any(|u| u.id.as_str() == ancestor)
    }
}
