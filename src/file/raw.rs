//! The file's serde shape (versions 1 and 2) and its conversion to and from the
//! model. Everything optional in the file is optional here; defaults are
//! applied when converting, so the model never has to know what was omitted.

use crate::model::{
    Acceptance, Diagram, Interface, InterfaceId, InterfaceKind, Isolation, Load, Module, ModuleId,
    ModuleKind, Point, Rect, Release, Reliability, RuleId, RuleLevel, Settings, Size, Startup,
    Team, TeamId, Trust, Unit, UnitId,
};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap, HashSet};

/// Just enough of a file to check its format and version before the strict
/// parse, so a newer file says "written by a newer Seams" rather than
/// complaining about fields it does not know.
#[derive(Deserialize)]
pub(crate) struct RawHeader {
    pub format: Option<String>,
    pub version: Option<u64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawDiagram {
    pub format: String,
    pub version: u64,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub settings: RawSettings,
    #[serde(default)]
    pub teams: Vec<RawTeam>,
    #[serde(default)]
    pub units: Vec<RawUnit>,
    #[serde(default)]
    pub modules: Vec<RawModule>,
    #[serde(default)]
    pub interfaces: Vec<RawInterface>,
    #[serde(default)]
    pub accepted: Vec<RawAcceptance>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSettings {
    #[serde(default)]
    pub strong_isolation: Option<Isolation>,
    #[serde(default)]
    pub rules: BTreeMap<RuleId, RuleLevel>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawTeam {
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub color: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawUnit {
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
    pub isolation: Isolation,
    #[serde(default)]
    pub parent: Option<String>,
    #[serde(default)]
    pub release: Release,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub rect: Option<Rect>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawModule {
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub kind: ModuleKind,
    #[serde(default)]
    pub trust: Option<Trust>,
    #[serde(default)]
    pub zone: Option<String>,
    #[serde(default)]
    pub third_party: bool,
    #[serde(default)]
    pub team: Option<String>,
    #[serde(default)]
    pub unit: Option<String>,
    #[serde(default)]
    pub reliability: Option<Reliability>,
    #[serde(default)]
    pub startup: Startup,
    #[serde(default)]
    pub load: Load,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub pos: Option<Point>,
    #[serde(default)]
    pub size: Option<Size>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawInterface {
    #[serde(default)]
    pub id: Option<String>,
    pub from: String,
    pub to: String,
    pub kind: InterfaceKind,
    #[serde(default)]
    pub label: String,
    #[serde(default)]
    pub versioned: bool,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub points: Vec<Point>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawAcceptance {
    pub finding: String,
    pub reason: String,
}

impl RawDiagram {
    /// Applies defaults and derives missing interface ids. References are not
    /// checked here; [`crate::model::validate`] does that next.
    pub fn into_model(self) -> Diagram {
        let teams = self
            .teams
            .into_iter()
            .map(|t| Team {
                name: t.name.unwrap_or_else(|| t.id.clone()),
                id: TeamId::new(t.id),
                color: t.color,
            })
            .collect();
        let units = self
            .units
            .into_iter()
            .map(|u| Unit {
                name: u.name.unwrap_or_else(|| u.id.clone()),
                id: UnitId::new(u.id),
                isolation: u.isolation,
                parent: u.parent.map(UnitId::new),
                release: u.release,
                notes: u.notes,
                rect: u.rect,
            })
            .collect();
        let modules = self
            .modules
            .into_iter()
            .map(|m| Module {
                name: m.name.unwrap_or_else(|| m.id.clone()),
                id: ModuleId::new(m.id),
                kind: m.kind,
                trust: m.trust.unwrap_or_else(|| Trust::default_for(m.kind)),
                zone: m.zone,
                third_party: m.third_party,
                team: m.team.map(TeamId::new),
                unit: m.unit.map(UnitId::new),
                reliability: m.reliability,
                startup: m.startup,
                load: m.load,
                notes: m.notes,
                pos: m.pos,
                size: m.size,
            })
            .collect();

        // Explicit interface ids are reserved first, so a derived `a->b`
        // never takes an id the file gives to another interface. Each stem
        // remembers the next number to try, so n interfaces between the
        // same two modules take linear time, not n² tries.
        let mut taken: HashSet<String> = self
            .interfaces
            .iter()
            .filter_map(|f| f.id.clone())
            .collect();
        let mut next_number: HashMap<String, u64> = HashMap::new();
        let interfaces = self
            .interfaces
            .into_iter()
            .map(|f| {
                let id = f.id.unwrap_or_else(|| {
                    let stem = format!("{}->{}", f.from, f.to);
                    let id = if taken.contains(&stem) {
                        let next = next_number.entry(stem.clone()).or_insert(2);
                        // Every number skipped is taken, and is never
                        // tried again; at most `taken.len()` are taken.
                        loop {
                            let candidate = format!("{stem}#{next}");
                            *next += 1;
                            if !taken.contains(&candidate) {
                                break candidate;
                            }
                        }
                    } else {
                        stem
                    };
                    taken.insert(id.clone());
                    id
                });
                Interface {
                    id: InterfaceId::new(id),
                    from: ModuleId::new(f.from),
                    to: ModuleId::new(f.to),
                    kind: f.kind,
                    label: f.label,
                    versioned: f.versioned,
                    notes: f.notes,
                    points: f.points,
                }
            })
            .collect();
        let accepted = self
            .accepted
            .into_iter()
            .map(|a| Acceptance {
                finding: a.finding,
                reason: a.reason,
            })
            .collect();
        Diagram {
            title: self.title,
            settings: Settings {
                strong_isolation: self.settings.strong_isolation.unwrap_or(Isolation::Sandbox),
                rules: self.settings.rules,
            },
            teams,
            units,
            modules,
            interfaces,
            accepted,
        }
    }
}
