//! Elements added, removed and changed field by field, matched by id
//! through the old diagram's [`Forest`]; and the diagram's own settings.

use crate::model::{
    Diagram, ElementKind, Forest, Interface, Module, RuleId, RuleLevel, Team, TeamId, Unit, UnitId,
};
use serde::Serialize;

/// An element that is in only one of the two diagrams. Serializes as its id.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct ElementEntry {
    /// The element's id.
    pub id: String,
    /// What kind of element it is.
    #[serde(skip)]
    pub kind: ElementKind,
    /// Its name (the id for an interface).
    #[serde(skip)]
    pub name: String,
}

impl ElementEntry {
    /// "module “Kernel” (kernel)", or "interface boot" when the name is
    /// the id.
    #[must_use]
    pub fn describe(&self) -> String {
        describe(self.kind, &self.id, &self.name)
    }
}

/// How an element is named in a change: its kind, its name and its id.
#[must_use]
pub fn describe(kind: ElementKind, id: &str, name: &str) -> String {
    if name == id {
        format!("{} {id}", kind.noun())
    } else {
        format!("{} “{name}” ({id})", kind.noun())
    }
}

/// One changed field. Serializes as the field's name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct FieldChange {
    /// The field, as the file names it (`trust`, `unit`, `versioned`, ...).
    pub field: String,
    /// Its value in the old diagram, as text.
    #[serde(skip)]
    pub old: String,
    /// Its value in the new diagram, as text.
    #[serde(skip)]
    pub new: String,
}

/// An element in both diagrams whose fields (other than geometry) differ.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ChangedElement {
    /// The element's id.
    pub id: String,
    /// What kind of element it is now.
    #[serde(skip)]
    pub kind: ElementKind,
    /// Its name now.
    #[serde(skip)]
    pub name: String,
    /// The fields that changed, in the file's field order.
    pub fields: Vec<FieldChange>,
}

impl ChangedElement {
    /// The element, as [`describe`] names it.
    #[must_use]
    pub fn describe(&self) -> String {
        describe(self.kind, &self.id, &self.name)
    }

    /// "unit: image → pkg-linux; trust: Trusted → Untrusted".
    #[must_use]
    pub fn fields_text(&self) -> String {
        self.fields
            .iter()
            .map(|f| format!("{}: {} → {}", f.field, f.old, f.new))
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// How the elements changed, matched by id.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ElementChanges {
    /// In the new diagram only, sorted by id.
    pub added: Vec<ElementEntry>,
    /// In the old diagram only, sorted by id.
    pub removed: Vec<ElementEntry>,
    /// In both, with fields changed, sorted by id.
    pub changed: Vec<ChangedElement>,
    /// How many elements in both were moved, resized or re-routed.
    pub geometry_changed: usize,
}

/// Where an element sits in its diagram.
#[derive(Clone, Copy)]
enum Slot {
    Module(usize),
    Unit(usize),
    Interface(usize),
    Team(usize),
}

impl Slot {
    fn new(kind: ElementKind, position: usize) -> Self {
        match kind {
            ElementKind::Module => Slot::Module(position),
            ElementKind::Unit => Slot::Unit(position),
            ElementKind::Interface => Slot::Interface(position),
            ElementKind::Team => Slot::Team(position),
        }
    }

    fn kind(self) -> ElementKind {
        match self {
            Slot::Module(_) => ElementKind::Module,
            Slot::Unit(_) => ElementKind::Unit,
            Slot::Interface(_) => ElementKind::Interface,
            Slot::Team(_) => ElementKind::Team,
        }
    }

    fn name(self, d: &Diagram) -> &str {
        match self {
            Slot::Module(i) => &d.modules[i].name,
            Slot::Unit(i) => &d.units[i].name,
            Slot::Interface(i) => d.interfaces[i].id.as_str(),
            Slot::Team(i) => &d.teams[i].name,
        }
    }
}

fn slots(d: &Diagram) -> Vec<(&str, Slot)> {
    let mut all =
        Vec::with_capacity(d.modules.len() + d.units.len() + d.interfaces.len() + d.teams.len());
    all.extend(
        d.teams
            .iter()
            .enumerate()
            .map(|(i, t)| (t.id.as_str(), Slot::Team(i))),
    );
    all.extend(
        d.units
            .iter()
            .enumerate()
            .map(|(i, u)| (u.id.as_str(), Slot::Unit(i))),
    );
    all.extend(
        d.modules
            .iter()
            .enumerate()
            .map(|(i, m)| (m.id.as_str(), Slot::Module(i))),
    );
    all.extend(
        d.interfaces
            .iter()
            .enumerate()
            .map(|(i, f)| (f.id.as_str(), Slot::Interface(i))),
    );
    all
}

/// The elements added, removed and changed from `old` (whose id index is
/// `old_forest`) to `new`, matched by id.
pub(super) fn element_changes(old: &Diagram, old_forest: &Forest, new: &Diagram) -> ElementChanges {
    let mut changes = ElementChanges::default();
    // Which of old's elements `new` still has, by kind and position.
    let mut seen = Seen {
        modules: vec![false; old.modules.len()],
        units: vec![false; old.units.len()],
        interfaces: vec![false; old.interfaces.len()],
        teams: vec![false; old.teams.len()],
    };
    for (id, slot) in slots(new) {
        let Some(before) = old_forest
            .element(old, id)
            .map(|(kind, position)| Slot::new(kind, position))
        else {
            changes.added.push(ElementEntry {
                id: id.to_owned(),
                kind: slot.kind(),
                name: slot.name(new).to_owned(),
            });
            continue;
        };
        *seen.at(before) = true;
        let mut fields = Vec::new();
        let geometry = match (before, slot) {
            (Slot::Module(a), Slot::Module(b)) => {
                module_fields(&old.modules[a], &new.modules[b], &mut fields)
            }
            (Slot::Unit(a), Slot::Unit(b)) => {
                unit_fields(&old.units[a], &new.units[b], &mut fields)
            }
            (Slot::Interface(a), Slot::Interface(b)) => {
                interface_fields(&old.interfaces[a], &new.interfaces[b], &mut fields)
            }
            (Slot::Team(a), Slot::Team(b)) => {
                team_fields(&old.teams[a], &new.teams[b], &mut fields);
                false
            }
            _ => {
                fields.push(FieldChange {
                    field: "element".to_owned(),
                    old: before.kind().noun().to_owned(),
                    new: slot.kind().noun().to_owned(),
                });
                false
            }
        };
        if geometry {
            changes.geometry_changed += 1;
        }
        if !fields.is_empty() {
            changes.changed.push(ChangedElement {
                id: id.to_owned(),
                kind: slot.kind(),
                name: slot.name(new).to_owned(),
                fields,
            });
        }
    }
    for (id, slot) in slots(old) {
        if !*seen.at(slot) {
            changes.removed.push(ElementEntry {
                id: id.to_owned(),
                kind: slot.kind(),
                name: slot.name(old).to_owned(),
            });
        }
    }
    changes.added.sort_unstable_by(|a, b| a.id.cmp(&b.id));
    changes.removed.sort_unstable_by(|a, b| a.id.cmp(&b.id));
    changes.changed.sort_unstable_by(|a, b| a.id.cmp(&b.id));
    changes
}

/// A flag per element of one diagram, by kind and position.
struct Seen {
    modules: Vec<bool>,
    units: Vec<bool>,
    interfaces: Vec<bool>,
    teams: Vec<bool>,
}

impl Seen {
    fn at(&mut self, slot: Slot) -> &mut bool {
        match slot {
            Slot::Module(i) => &mut self.modules[i],
            Slot::Unit(i) => &mut self.units[i],
            Slot::Interface(i) => &mut self.interfaces[i],
            Slot::Team(i) => &mut self.teams[i],
        }
    }
}

/// Collects changed fields, the values shown as text.
struct Fields<'o>(&'o mut Vec<FieldChange>);

impl Fields<'_> {
    fn check<T: PartialEq>(&mut self, field: &str, old: &T, new: &T, show: impl Fn(&T) -> String) {
        if old != new {
            self.0.push(FieldChange {
                field: field.to_owned(),
                old: show(old),
                new: show(new),
            });
        }
    }
}

/// A name, label or note as shown in a change: quoted, cut short.
fn quoted(text: &str) -> String {
    const MAX_CHARS: usize = 60;
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(MAX_CHARS).collect();
    if chars.next().is_some() {
        format!("“{head}…”")
    } else {
        format!("“{head}”")
    }
}

fn display<T: std::fmt::Display>(value: &T) -> String {
    value.to_string()
}

fn optional(value: Option<&str>) -> String {
    value.map_or_else(|| "none".to_owned(), str::to_owned)
}

fn yes_no(value: bool) -> String {
    if value { "yes" } else { "no" }.to_owned()
}

/// Compares two modules' fields; returns whether their geometry differs.
fn module_fields(a: &Module, b: &Module, out: &mut Vec<FieldChange>) -> bool {
    let mut f = Fields(out);
    f.check("name", &a.name, &b.name, |s| quoted(s));
    f.check("kind", &a.kind, &b.kind, display);
    f.check("trust", &a.trust, &b.trust, display);
    f.check("zone", &a.zone, &b.zone, |z| optional(z.as_deref()));
    f.check("third_party", &a.third_party, &b.third_party, |v| {
        yes_no(*v)
    });
    f.check("team", &a.team, &b.team, |t| {
        optional(t.as_ref().map(TeamId::as_str))
    });
    f.check("unit", &a.unit, &b.unit, |u| {
        optional(u.as_ref().map(UnitId::as_str))
    });
    f.check("reliability", &a.reliability, &b.reliability, |r| {
        r.map_or_else(|| "not set".to_owned(), |r| r.to_string())
    });
    f.check("startup", &a.startup, &b.startup, display);
    f.check("load", &a.load, &b.load, display);
    f.check("notes", &a.notes, &b.notes, |s| quoted(s));
    a.pos != b.pos || a.size != b.size
}

fn unit_fields(a: &Unit, b: &Unit, out: &mut Vec<FieldChange>) -> bool {
    let mut f = Fields(out);
    f.check("name", &a.name, &b.name, |s| quoted(s));
    f.check("isolation", &a.isolation, &b.isolation, display);
    f.check("parent", &a.parent, &b.parent, |u| {
        optional(u.as_ref().map(UnitId::as_str))
    });
    f.check("release", &a.release, &b.release, display);
    f.check("notes", &a.notes, &b.notes, |s| quoted(s));
    a.rect != b.rect
}

fn interface_fields(a: &Interface, b: &Interface, out: &mut Vec<FieldChange>) -> bool {
    let mut f = Fields(out);
    f.check("from", &a.from, &b.from, |m| m.as_str().to_owned());
    f.check("to", &a.to, &b.to, |m| m.as_str().to_owned());
    f.check("kind", &a.kind, &b.kind, display);
    f.check("label", &a.label, &b.label, |s| quoted(s));
    f.check("versioned", &a.versioned, &b.versioned, |v| yes_no(*v));
    f.check("notes", &a.notes, &b.notes, |s| quoted(s));
    a.points != b.points
}

fn team_fields(a: &Team, b: &Team, out: &mut Vec<FieldChange>) {
    let mut f = Fields(out);
    f.check("name", &a.name, &b.name, |s| quoted(s));
    f.check("color", &a.color, &b.color, |c| {
        c.clone().unwrap_or_else(|| "palette".to_owned())
    });
}

/// Title, strong isolation, rule levels and acceptances.
pub(super) fn diagram_changes(old: &Diagram, new: &Diagram) -> Vec<FieldChange> {
    let mut out = Vec::new();
    let mut f = Fields(&mut out);
    f.check("title", &old.title, &new.title, |s| quoted(s));
    f.check(
        "strong_isolation",
        &old.settings.strong_isolation,
        &new.settings.strong_isolation,
        display,
    );
    let level = |level: Option<&RuleLevel>| level.map_or_else(|| "default".to_owned(), display);
    for rule in RuleId::ALL {
        let (a, b) = (old.settings.rules.get(rule), new.settings.rules.get(rule));
        if a != b {
            out.push(FieldChange {
                field: format!("rules.{}", rule.as_str()),
                old: level(a),
                new: level(b),
            });
        }
    }
    let reasons = |d: &Diagram| -> std::collections::BTreeMap<String, String> {
        d.accepted
            .iter()
            .map(|a| (a.finding.clone(), a.reason.clone()))
            .collect()
    };
    let (a, b) = (reasons(old), reasons(new));
    let ids: std::collections::BTreeSet<&String> = a.keys().chain(b.keys()).collect();
    for id in ids {
        let (x, y) = (a.get(id), b.get(id));
        if x != y {
            let show =
                |r: Option<&String>| r.map_or_else(|| "not accepted".to_owned(), |s| quoted(s));
            out.push(FieldChange {
                field: format!("accepted.{id}"),
                old: show(x),
                new: show(y),
            });
        }
    }
    out
}
