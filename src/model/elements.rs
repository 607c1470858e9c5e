//! The four kinds of diagram element and the diagram-wide settings.

use super::enums::{
    InterfaceKind, Isolation, Load, ModuleKind, Release, Reliability, RuleLevel, Startup, Trust,
};
use super::geometry::{Point, Rect, Size};
use super::ids::{InterfaceId, ModuleId, TeamId, UnitId};
use super::rule_id::RuleId;
use std::collections::BTreeMap;

/// A box: a collection of related code, a datastore, or an outside actor.
#[derive(Clone, Debug, PartialEq)]
pub struct Module {
    /// Stable id.
    pub id: ModuleId,
    /// Display name.
    pub name: String,
    /// What the module is.
    pub kind: ModuleKind,
    /// How much it is trusted.
    pub trust: Trust,
    /// Trust zone: modules trust each other when trust and zone are equal.
    pub zone: Option<String>,
    /// Code or a product you did not write and release yourself (an
    /// open-source library, a vendored daemon, a database server): marks the
    /// supply chain, separate from trust.
    pub third_party: bool,
    /// Owning team.
    pub team: Option<TeamId>,
    /// Innermost unit it is placed in; `None` = unplaced.
    pub unit: Option<UnitId>,
    /// Reliability target, if set.
    pub reliability: Option<Reliability>,
    /// Startup speed.
    pub startup: Startup,
    /// Load profile.
    pub load: Load,
    /// Free-form notes.
    pub notes: String,
    /// Top-left corner in diagram coordinates, if laid out.
    pub pos: Option<Point>,
    /// Box size, if laid out.
    pub size: Option<Size>,
}

impl Module {
    /// A module with every optional field at its default.
    #[must_use]
    pub fn new(id: impl Into<String>, name: impl Into<String>, kind: ModuleKind) -> Self {
        Module {
            id: ModuleId::new(id),
            name: name.into(),
            kind,
            trust: Trust::default_for(kind),
            zone: None,
            third_party: false,
            team: None,
            unit: None,
            reliability: None,
            startup: Startup::Fast,
            load: Load::Light,
            notes: String::new(),
            pos: None,
            size: None,
        }
    }

    /// The module's box, when it has both a position and a size.
    #[must_use]
    pub fn rect(&self) -> Option<Rect> {
        Some(Rect::from_pos_size(self.pos?, self.size?))
    }

    /// Whether the two modules trust each other: same trust and same zone.
    #[must_use]
    pub fn trusts(&self, other: &Module) -> bool {
        self.trust == other.trust && self.zone == other.zone
    }
}

/// An arrow between two distinct modules.
#[derive(Clone, Debug, PartialEq)]
pub struct Interface {
    /// Stable id.
    pub id: InterfaceId,
    /// Source module.
    pub from: ModuleId,
    /// Target module.
    pub to: ModuleId,
    /// What kind of interface it is.
    pub kind: InterfaceKind,
    /// Text shown on the arrow.
    pub label: String,
    /// Whether the interface is versioned (old and new ends can talk).
    pub versioned: bool,
    /// Free-form notes.
    pub notes: String,
    /// Waypoints in diagram coordinates, if routed by hand.
    pub points: Vec<Point>,
}

impl Interface {
    /// An interface with every optional field at its default.
    #[must_use]
    pub fn new(id: impl Into<String>, from: ModuleId, to: ModuleId, kind: InterfaceKind) -> Self {
        Interface {
            id: InterfaceId::new(id),
            from,
            to,
            kind,
            label: String::new(),
            versioned: false,
            notes: String::new(),
            points: Vec::new(),
        }
    }
}

/// A deployment/runtime box; units nest through `parent`.
#[derive(Clone, Debug, PartialEq)]
pub struct Unit {
    /// Stable id.
    pub id: UnitId,
    /// Display name.
    pub name: String,
    /// How strongly it isolates what is inside from what is outside.
    pub isolation: Isolation,
    /// The unit it is nested in.
    pub parent: Option<UnitId>,
    /// How it is released.
    pub release: Release,
    /// Free-form notes.
    pub notes: String,
    /// Rectangle in diagram coordinates, if laid out.
    pub rect: Option<Rect>,
}

impl Unit {
    /// A root unit with every optional field at its default.
    #[must_use]
    pub fn new(id: impl Into<String>, name: impl Into<String>, isolation: Isolation) -> Self {
        Unit {
            id: UnitId::new(id),
            name: name.into(),
            isolation,
            parent: None,
            release: Release::Own,
            notes: String::new(),
            rect: None,
        }
    }
}

/// Who owns modules.
#[derive(Clone, Debug, PartialEq)]
pub struct Team {
    /// Stable id.
    pub id: TeamId,
    /// Display name.
    pub name: String,
    /// Colour as `#rrggbb`; `None` = the palette colour for the team's position.
    pub color: Option<String>,
}

/// The palette teams without an explicit colour take, by position.
pub const TEAM_PALETTE: &[&str] = &[
    "#4c78a8", "#f58518", "#54a24b", "#e45756", "#72b7b2", "#eeca3b", "#b279a2", "#ff9da6",
    "#9d755d", "#bab0ac",
];

/// The colour of the team at `position` when it sets none.
#[must_use]
pub fn team_palette_color(position: usize) -> &'static str {
    TEAM_PALETTE[position % TEAM_PALETTE.len()]
}

/// Diagram-wide settings.
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    /// The weakest isolation that counts as strong.
    pub strong_isolation: Isolation,
    /// Per-rule severity overrides.
    pub rules: BTreeMap<RuleId, RuleLevel>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            strong_isolation: Isolation::Sandbox,
            rules: BTreeMap::new(),
        }
    }
}

/// A finding the team has accepted, with the reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Acceptance {
    /// The accepted finding id (`rule@element`).
    pub finding: String,
    /// Why it is acceptable; never empty.
    pub reason: String,
}
