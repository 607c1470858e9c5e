//! What changed between two diagrams, and what it did (DESIGN.md
//! "Comparing diagrams: plans and versions"): elements added, removed and
//! changed field by field (geometry counted, not listed), findings
//! introduced, resolved and changed, and both scorecards.
//!
//! [`Comparison`] serializes (derived `Serialize`) as the JSON object
//! `seams diff --format json` prints; every list is sorted by id.

use super::scorecard::Scorecard;
use crate::model::{
    Diagram, ElementKind, Forest, Interface, Module, RuleId, RuleLevel, Team, TeamId, Unit, UnitId,
};
use crate::rules::{self, Analysis, Elements, Finding, Report, Severity};
use rustc_hash::FxHashMap;
use serde::Serialize;
use std::fmt::Write as _;

/// One diagram of a comparison: where it came from and its scorecard.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Side {
    /// The path as given (or a description, such as "this diagram").
    pub path: String,
    /// Its scorecard.
    pub scorecard: Scorecard,
}

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

/// A finding as `seams check --format json` prints it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FindingRecord {
    /// `rule@element`.
    pub id: String,
    /// The rule's id.
    pub rule: &'static str,
    /// Severity after overrides.
    pub severity: Severity,
    /// `risk` or `model`.
    pub category: &'static str,
    /// One line naming the elements.
    pub message: String,
    /// The principle behind the rule and how to fix it.
    pub explanation: &'static str,
    /// The element ids it concerns.
    pub elements: Elements,
    /// Whether it is accepted.
    pub accepted: bool,
    /// The acceptance reason.
    #[serde(skip)]
    pub reason: Option<String>,
    /// For a group finding, its members, sorted.
    #[serde(skip)]
    pub group: Vec<String>,
}

impl From<&Finding> for FindingRecord {
    fn from(f: &Finding) -> Self {
        FindingRecord {
            id: f.id.clone(),
            rule: f.rule.as_str(),
            severity: f.severity,
            category: f.category.as_str(),
            message: f.message.clone(),
            explanation: f.explanation,
            elements: f.elements.clone(),
            accepted: f.is_accepted(),
            reason: f.accepted.clone(),
            group: f.group.clone(),
        }
    }
}

/// One finding matched in both diagrams whose severity, acceptance or
/// extent (group members, elements) differs.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ChangedFinding {
    /// As it was.
    pub old: FindingRecord,
    /// As it is.
    pub new: FindingRecord,
}

impl ChangedFinding {
    /// What changed, one short phrase each: "warning → error", "accepted",
    /// "no longer accepted", "group +b −c", "3 more elements".
    #[must_use]
    pub fn what(&self) -> Vec<String> {
        let (old, new) = (&self.old, &self.new);
        let mut out = Vec::new();
        if old.severity != new.severity {
            out.push(format!("{} → {}", old.severity, new.severity));
        }
        match (old.accepted, new.accepted) {
            (false, true) => out.push("accepted".to_owned()),
            (true, false) => out.push("no longer accepted".to_owned()),
            _ => {}
        }
        if old.group != new.group {
            let (gained, lost) = sorted_difference(&old.group, &new.group);
            out.push(group_phrase("group", &gained, &lost));
        } else if old.elements != new.elements {
            let (before, after) = (old.elements.to_vec(), new.elements.to_vec());
            let (mut before, mut after) = (before, after);
            before.sort_unstable();
            after.sort_unstable();
            let (gained, lost) = sorted_difference(&before, &after);
            out.push(group_phrase("elements", &gained, &lost));
        }
        if old.id != new.id {
            out.push(format!("was {}", old.id));
        }
        out
    }
}

/// "group +a +b −c", naming at most a few of each.
fn group_phrase(what: &str, gained: &[&str], lost: &[&str]) -> String {
    const SHOWN: usize = 4;
    let mut text = what.to_owned();
    for (sign, ids) in [("+", gained), ("−", lost)] {
        for id in ids.iter().take(SHOWN) {
            text.push(' ');
            text.push_str(sign);
            text.push_str(id);
        }
        if ids.len() > SHOWN {
            let _ = write!(text, " {sign}{} more", ids.len() - SHOWN);
        }
    }
    text
}

/// The ids only in `new` and those only in `old`; both inputs sorted.
fn sorted_difference<'s>(old: &'s [String], new: &'s [String]) -> (Vec<&'s str>, Vec<&'s str>) {
    let (mut gained, mut lost) = (Vec::new(), Vec::new());
    let (mut i, mut j) = (0, 0);
    while i < old.len() || j < new.len() {
        match (old.get(i), new.get(j)) {
            (Some(a), Some(b)) if a == b => {
                i += 1;
                j += 1;
            }
            (Some(a), Some(b)) if a < b => {
                lost.push(a.as_str());
                i += 1;
            }
            (Some(_) | None, Some(b)) => {
                gained.push(b.as_str());
                j += 1;
            }
            (Some(a), None) => {
                lost.push(a.as_str());
                i += 1;
            }
            (None, None) => break,
        }
    }
    (gained, lost)
}

/// How the findings changed.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct FindingChanges {
    /// In the new diagram only, sorted by id.
    pub introduced: Vec<FindingRecord>,
    /// In the old diagram only, sorted by id.
    pub resolved: Vec<FindingRecord>,
    /// In both, changed; sorted by the new id, then the old.
    pub changed: Vec<ChangedFinding>,
}

/// A comparison of two diagrams: the JSON object of `seams diff`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Comparison {
    /// The old diagram (the base).
    pub old: Side,
    /// The new diagram.
    pub new: Side,
    /// Elements added, removed and changed.
    pub elements: ElementChanges,
    /// Findings introduced, resolved and changed.
    pub findings: FindingChanges,
    /// Diagram-wide changes (title, strong isolation, rule levels,
    /// acceptances). Not part of the JSON object DESIGN.md specifies: their
    /// effect shows in the findings; the text, Markdown and the editor
    /// list them.
    #[serde(skip)]
    pub diagram: Vec<FieldChange>,
}

/// One diagram to compare: what to call it, the diagram and its findings.
#[derive(Clone, Copy, Debug)]
pub struct Input<'a> {
    /// The path as given, or a description.
    pub path: &'a str,
    /// The diagram.
    pub diagram: &'a Diagram,
    /// Its findings ([`rules::check`] of `diagram`).
    pub report: &'a Report,
}

impl Comparison {
    /// Compares `old` with `new`, checking both.
    #[must_use]
    pub fn between(old_path: &str, old: &Diagram, new_path: &str, new: &Diagram) -> Self {
        let (old_report, new_report) = (rules::check(old), rules::check(new));
        Self::of(
            Input {
                path: old_path,
                diagram: old,
                report: &old_report,
            },
            Input {
                path: new_path,
                diagram: new,
                report: &new_report,
            },
        )
    }

    /// Compares two diagrams whose findings are known.
    #[must_use]
    pub fn of(old: Input<'_>, new: Input<'_>) -> Self {
        let (old_analysis, new_analysis) = (Analysis::new(old.diagram), Analysis::new(new.diagram));
        let side = |input: Input<'_>, analysis: &Analysis<'_>| Side {
            path: input.path.to_owned(),
            scorecard: Scorecard::from_analysis(analysis, input.report),
        };
        Comparison {
            old: side(old, &old_analysis),
            new: side(new, &new_analysis),
            elements: element_changes(old.diagram, old_analysis.forest(), new.diagram),
            findings: finding_changes(&old.report.findings, &new.report.findings),
            diagram: diagram_changes(old.diagram, new.diagram),
        }
    }

    /// Whether nothing changed at all (geometry included).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        let e = &self.elements;
        let f = &self.findings;
        e.added.is_empty()
            && e.removed.is_empty()
            && e.changed.is_empty()
            && e.geometry_changed == 0
            && f.introduced.is_empty()
            && f.resolved.is_empty()
            && f.changed.is_empty()
            && self.diagram.is_empty()
    }

    /// The introduced findings that are not accepted and are at least
    /// `threshold`: what fails `seams diff --deny`.
    pub fn denied(&self, threshold: Severity) -> impl Iterator<Item = &FindingRecord> {
        self.findings
            .introduced
            .iter()
            .filter(move |f| !f.accepted && f.severity >= threshold)
    }
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
fn element_changes(old: &Diagram, old_forest: &Forest, new: &Diagram) -> ElementChanges {
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
            .element(id)
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
fn diagram_changes(old: &Diagram, new: &Diagram) -> Vec<FieldChange> {
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

/// Group members → the findings of that rule whose group holds them.
fn members(findings: &[Finding]) -> FxHashMap<(RuleId, &str), Vec<usize>> {
    let mut map: FxHashMap<(RuleId, &str), Vec<usize>> = FxHashMap::default();
    for (i, f) in findings.iter().enumerate() {
        for member in &f.group {
            map.entry((f.rule, member.as_str())).or_default().push(i);
        }
    }
    map
}

/// Matches findings by id, then group findings by a shared member of the
/// same rule; the rest are introduced or resolved.
fn finding_changes(old: &[Finding], new: &[Finding]) -> FindingChanges {
    let by_id: FxHashMap<&str, usize> = old
        .iter()
        .enumerate()
        .map(|(i, f)| (f.id.as_str(), i))
        .collect();
    let (mut old_matched, mut new_matched) = (vec![false; old.len()], vec![false; new.len()]);
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for (j, f) in new.iter().enumerate() {
        if let Some(&i) = by_id.get(f.id.as_str()) {
            pairs.push((i, j));
            old_matched[i] = true;
            new_matched[j] = true;
        }
    }
    // The best partner through shared group members: one not matched yet
    // if there is one, then the smallest id.
    fn partner(
        f: &Finding,
        members: &FxHashMap<(RuleId, &str), Vec<usize>>,
        others: &[Finding],
        matched: &[bool],
    ) -> Option<usize> {
        let mut best: Option<usize> = None;
        for member in &f.group {
            for &k in members
                .get(&(f.rule, member.as_str()))
                .into_iter()
                .flatten()
            {
                let better = best.is_none_or(|b| {
                    (!matched[k], std::cmp::Reverse(&others[k].id))
                        > (!matched[b], std::cmp::Reverse(&others[b].id))
                });
                if better {
                    best = Some(k);
                }
            }
        }
        best
    }
    // The member tables cost a pass over every group: build them only when
    // some group finding is left to match.
    let unmatched = |findings: &[Finding], matched: &[bool]| {
        findings
            .iter()
            .zip(matched)
            .any(|(f, &m)| !m && !f.group.is_empty())
    };
    let old_members = if unmatched(new, &new_matched) {
        members(old)
    } else {
        FxHashMap::default()
    };
    for (j, f) in new.iter().enumerate() {
        if new_matched[j] || f.group.is_empty() {
            continue;
        }
        if let Some(i) = partner(f, &old_members, old, &old_matched) {
            pairs.push((i, j));
            old_matched[i] = true;
            new_matched[j] = true;
        }
    }
    let new_members = if unmatched(old, &old_matched) {
        members(new)
    } else {
        FxHashMap::default()
    };
    for (i, f) in old.iter().enumerate() {
        if old_matched[i] || f.group.is_empty() {
            continue;
        }
        if let Some(j) = partner(f, &new_members, new, &new_matched) {
            pairs.push((i, j));
            old_matched[i] = true;
            new_matched[j] = true;
        }
    }

    let mut changes = FindingChanges::default();
    for (i, j) in pairs {
        let (a, b) = (&old[i], &new[j]);
        if a.severity != b.severity
            || a.is_accepted() != b.is_accepted()
            || a.group != b.group
            || a.elements != b.elements
            || a.id != b.id
        {
            changes.changed.push(ChangedFinding {
                old: a.into(),
                new: b.into(),
            });
        }
    }
    changes.introduced = new
        .iter()
        .zip(&new_matched)
        .filter(|&(_, &m)| !m)
        .map(|(f, _)| f.into())
        .collect();
    changes.resolved = old
        .iter()
        .zip(&old_matched)
        .filter(|&(_, &m)| !m)
        .map(|(f, _)| f.into())
        .collect();
    changes.introduced.sort_unstable_by(|a, b| a.id.cmp(&b.id));
    changes.resolved.sort_unstable_by(|a, b| a.id.cmp(&b.id));
    changes
        .changed
        .sort_unstable_by(|a, b| (&a.new.id, &a.old.id).cmp(&(&b.new.id, &b.old.id)));
    changes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Point, Trust};

    fn photo_sharing() -> Diagram {
        crate::file::load_str(crate::examples::built_in().text).expect("the example loads")
    }

    fn load(ron: &str) -> Diagram {
        crate::file::load_str(ron).expect("the test diagram loads")
    }

    #[test]
    fn a_diagram_against_itself_is_empty() {
        let d = photo_sharing();
        let c = Comparison::between("a.ron", &d, "b.ron", &d);
        assert!(c.is_empty(), "{c:#?}");
        assert_eq!(c.old.scorecard, c.new.scorecard);
        assert_eq!(c.denied(Severity::Info).count(), 0);
    }

    #[test]
    fn fields_are_listed_and_geometry_only_counted() {
        let old = photo_sharing();
        let mut new = old.clone();
        let png = new.module_mut("png").expect("png");
        png.trust = Trust::Trusted;
        png.pos = Some(Point::new(10.0, 20.0));
        new.module_mut("http").expect("http").pos = Some(Point::new(1.0, 1.0));
        new.interface_mut("decode").expect("decode").versioned = false;
        new.modules.retain(|m| m.id.as_str() != "mailer");
        new.interfaces.retain(|f| f.id.as_str() != "notify");
        new.units.push(crate::model::Unit::new(
            "batch",
            "Batch jobs",
            crate::model::Isolation::Container,
        ));
        new.title = "Photos".to_owned();
        let c = Comparison::between("old.ron", &old, "new.ron", &new);
        let ids = |entries: &[ElementEntry]| -> Vec<String> {
            entries.iter().map(|e| e.id.clone()).collect()
        };
        assert_eq!(ids(&c.elements.added), ["batch"]);
        assert_eq!(ids(&c.elements.removed), ["mailer", "notify"]);
        let changed: Vec<(&str, Vec<&str>)> = c
            .elements
            .changed
            .iter()
            .map(|e| {
                (
                    e.id.as_str(),
                    e.fields.iter().map(|f| f.field.as_str()).collect(),
                )
            })
            .collect();
        assert_eq!(
            changed,
            [("decode", vec!["versioned"]), ("png", vec!["trust"])]
        );
        assert_eq!(c.elements.changed[1].fields[0].old, "Untrusted");
        assert_eq!(c.elements.changed[1].fields[0].new, "Trusted");
        // png moved and changed; http only moved.
        assert_eq!(c.elements.geometry_changed, 2);
        assert_eq!(c.diagram[0].field, "title");
    }

    #[test]
    fn taking_the_decoder_out_of_its_sandbox_introduces_an_error() {
        let old = photo_sharing();
        let mut new = old.clone();
        new.module_mut("png").expect("png").unit = Some(UnitId::new("api"));
        let c = Comparison::between("old.ron", &old, "new.ron", &new);
        let denied: Vec<&str> = c.denied(Severity::Error).map(|f| f.id.as_str()).collect();
        assert_eq!(denied, ["lateral-reach@png"]);
        assert_eq!(c.elements.changed[0].fields[0].field, "unit");
        assert_eq!(
            (
                c.elements.changed[0].fields[0].old.as_str(),
                c.elements.changed[0].fields[0].new.as_str()
            ),
            ("decode-box", "api")
        );
        // The other way round, it is resolved and nothing is denied.
        let back = Comparison::between("new.ron", &new, "old.ron", &old);
        assert!(
            back.findings
                .resolved
                .iter()
                .any(|f| f.id == "lateral-reach@png")
        );
        assert_eq!(back.denied(Severity::Info).count(), 0);
    }

    const PARSERS: &str = r#"#![enable(implicit_some)]
(
    format: "seams",
    version: 1,
    units: [(id: "api", isolation: Container)],
    modules: [
        (id: "http", unit: "api"),
        (id: "pdf", trust: Untrusted, unit: "api"),
        EXTRA
    ],
    interfaces: [
        (id: "parse", from: "http", to: "pdf", kind: Rpc),
    ],
)"#;

    #[test]
    fn a_group_that_only_grew_is_changed_not_new() {
        let old = load(&PARSERS.replace("EXTRA", ""));
        // A second parser in the same container joins the foothold group;
        // the group's smallest member, and so its id, stays.
        let grown =
            load(&PARSERS.replace("EXTRA", r#"(id: "zip", trust: Untrusted, unit: "api"),"#));
        let c = Comparison::between("old.ron", &old, "new.ron", &grown);
        assert!(
            c.findings
                .introduced
                .iter()
                .all(|f| f.rule != "lateral-reach")
        );
        assert!(c.findings.resolved.is_empty());
        let changed: Vec<(&str, &str)> = c
            .findings
            .changed
            .iter()
            .map(|f| (f.old.id.as_str(), f.new.id.as_str()))
            .collect();
        assert_eq!(changed, [("lateral-reach@pdf", "lateral-reach@pdf")]);
        assert_eq!(c.findings.changed[0].what(), ["group +zip"]);

        // A parser whose id sorts first renames the group: still matched
        // through the members they share.
        let renamed =
            load(&PARSERS.replace("EXTRA", r#"(id: "bmp", trust: Untrusted, unit: "api"),"#));
        let c = Comparison::between("old.ron", &old, "new.ron", &renamed);
        assert!(
            c.findings
                .introduced
                .iter()
                .all(|f| f.rule != "lateral-reach")
        );
        assert!(
            c.findings
                .resolved
                .iter()
                .all(|f| f.rule != "lateral-reach")
        );
        let changed = &c.findings.changed[0];
        assert_eq!(
            (changed.old.id.as_str(), changed.new.id.as_str()),
            ("lateral-reach@pdf", "lateral-reach@bmp")
        );
        assert_eq!(changed.what(), ["group +bmp", "was lateral-reach@pdf"]);
    }

    #[test]
    fn severity_and_acceptance_changes_are_changes() {
        let old = photo_sharing();
        let mut new = old.clone();
        new.accepted.clear();
        new.settings
            .rules
            .insert(RuleId::UnversionedCrossUnit, RuleLevel::Warning);
        let c = Comparison::between("old.ron", &old, "new.ron", &new);
        assert!(c.findings.introduced.is_empty() && c.findings.resolved.is_empty());
        let changed = &c.findings.changed[0];
        assert_eq!(changed.new.id, "unversioned-cross-unit@notify");
        assert_eq!(changed.what(), ["info → warning", "no longer accepted"]);
        let fields: Vec<&str> = c.diagram.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "rules.unversioned-cross-unit",
                "accepted.unversioned-cross-unit@notify"
            ]
        );
    }

    #[test]
    fn json_has_the_documented_shape() {
        let old = photo_sharing();
        let mut new = old.clone();
        new.module_mut("png").expect("png").unit = Some(UnitId::new("api"));
        new.module_mut("http").expect("http").name = "Handlers".to_owned();
        let value = serde_json::to_value(Comparison::between("old.ron", &old, "new.ron", &new))
            .expect("serializes");
        let keys = |v: &serde_json::Value| -> Vec<String> {
            let mut keys: Vec<String> = v.as_object().expect("an object").keys().cloned().collect();
            keys.sort();
            keys
        };
        assert_eq!(keys(&value), ["elements", "findings", "new", "old"]);
        assert_eq!(keys(&value["old"]), ["path", "scorecard"]);
        assert_eq!(value["old"]["path"], "old.ron");
        assert_eq!(value["new"]["scorecard"]["errors"], 1);
        assert_eq!(
            keys(&value["elements"]),
            ["added", "changed", "geometry_changed", "removed"]
        );
        assert_eq!(
            value["elements"]["changed"],
            serde_json::json!([
                {"id": "http", "fields": ["name"]},
                {"id": "png", "fields": ["unit"]},
            ])
        );
        assert_eq!(
            keys(&value["findings"]),
            ["changed", "introduced", "resolved"]
        );
        let introduced = &value["findings"]["introduced"][0];
        assert_eq!(
            keys(introduced),
            [
                "accepted",
                "category",
                "elements",
                "explanation",
                "id",
                "message",
                "rule",
                "severity"
            ]
        );
        assert_eq!(introduced["id"], "empty-unit@decode-box");
        assert_eq!(introduced["severity"], "info");
    }
}
