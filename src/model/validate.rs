//! Validation of a whole diagram: the checks docs/file-format.md requires of a file,
//! beyond what the syntax already guarantees.
//!
//! The loader runs this on every file, and edits run it on what they produce,
//! so a [`Diagram`] that reaches the rules engine or the canvas has good
//! references.

use super::{Diagram, ElementKind, InterfaceKind, ModuleKind, RuleId, is_valid_id};
use std::collections::{HashMap, HashSet};

/// A diagram that breaks one of the model's invariants.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{element}: {message}")]
pub struct ValidationError {
    /// The element at fault, as `module \`png\`` (or `settings`, `accepted`).
    pub element: String,
    /// The id of the element at fault, when it has one; used to find its line.
    pub id: Option<String>,
    /// What is wrong and what to do.
    pub message: String,
    /// Which definition of `id` is at fault, counting from 0 in file order
    /// (1 for the second of two elements sharing an id).
    pub occurrence: usize,
}

impl ValidationError {
    fn at(kind: ElementKind, id: &str, message: impl Into<String>) -> Self {
        ValidationError {
            element: format!("{} `{id}`", kind.noun()),
            id: Some(id.to_owned()),
            message: message.into(),
            occurrence: 0,
        }
    }

    fn other(element: &str, id: Option<&str>, message: impl Into<String>) -> Self {
        ValidationError {
            element: element.to_owned(),
            id: id.map(str::to_owned),
            message: message.into(),
            occurrence: 0,
        }
    }
}

/// Checks every invariant of the domain model and file format (docs/file-format.md);
/// returns the first violation in file order.
pub fn validate(diagram: &Diagram) -> Result<(), ValidationError> {
    let refs = References {
        kinds: check_ids(diagram)?,
    };
    check_teams(diagram)?;
    check_unit_parents(diagram, &refs)?;
    check_unit_cycles(diagram)?;
    check_modules(diagram, &refs)?;
    check_interfaces(diagram, &refs)?;
    check_acceptances(diagram)
}

/// The kind of every id, to check what a reference points at.
struct References<'a> {
    kinds: HashMap<&'a str, ElementKind>,
}

impl References<'_> {
    /// Checks that `owner`'s `field` names an element of kind `wanted`.
    fn expect(
        &self,
        owner_kind: ElementKind,
        owner: &str,
        field: &str,
        target: &str,
        wanted: ElementKind,
    ) -> Result<(), ValidationError> {
        match self.kinds.get(target) {
            Some(&kind) if kind == wanted => Ok(()),
            Some(&kind) => Err(ValidationError::at(
                owner_kind,
                owner,
                format!(
                    "`{field}` refers to `{target}`, which is a {}, not a {}",
                    kind.noun(),
                    wanted.noun()
                ),
            )),
            None => Err(ValidationError::at(
                owner_kind,
                owner,
                format!(
                    "`{field}` refers to `{target}`, but no {} has that id",
                    wanted.noun()
                ),
            )),
        }
    }
}

/// Team colours are `#rrggbb`.
fn check_teams(diagram: &Diagram) -> Result<(), ValidationError> {
    for team in &diagram.teams {
        if let Some(color) = &team.color
            && !is_hex_color(color)
        {
            return Err(ValidationError::at(
                ElementKind::Team,
                team.id.as_str(),
                format!("colour `{color}` is not of the form \"#rrggbb\""),
            ));
        }
    }
    Ok(())
}

/// A unit's parent is a unit.
fn check_unit_parents(diagram: &Diagram, refs: &References<'_>) -> Result<(), ValidationError> {
    for unit in &diagram.units {
        if let Some(parent) = &unit.parent {
            refs.expect(
                ElementKind::Unit,
                unit.id.as_str(),
                "parent",
                parent.as_str(),
                ElementKind::Unit,
            )?;
        }
    }
    Ok(())
}

/// A module's team and unit exist; External modules are not placed; a zone
/// has a name.
fn check_modules(diagram: &Diagram, refs: &References<'_>) -> Result<(), ValidationError> {
    for module in &diagram.modules {
        let id = module.id.as_str();
        if let Some(team) = &module.team {
            refs.expect(
                ElementKind::Module,
                id,
                "team",
                team.as_str(),
                ElementKind::Team,
            )?;
        }
        if let Some(unit) = &module.unit {
            refs.expect(
                ElementKind::Module,
                id,
                "unit",
                unit.as_str(),
                ElementKind::Unit,
            )?;
            if module.kind == ModuleKind::External {
                return Err(ValidationError::at(
                    ElementKind::Module,
                    id,
                    "an External module is outside the system and cannot be placed in a unit; remove its `unit`",
                ));
            }
        }
        if module.zone.as_deref().is_some_and(str::is_empty) {
            return Err(ValidationError::at(
                ElementKind::Module,
                id,
                "`zone` is empty; give it a name or leave it out",
            ));
        }
    }
    Ok(())
}

/// An interface joins two distinct modules with a kind that fits them.
fn check_interfaces(diagram: &Diagram, refs: &References<'_>) -> Result<(), ValidationError> {
    let module_kinds: HashMap<&str, ModuleKind> = diagram
        .modules
        .iter()
        .map(|m| (m.id.as_str(), m.kind))
        .collect();
    for interface in &diagram.interfaces {
        let id = interface.id.as_str();
        refs.expect(
            ElementKind::Interface,
            id,
            "from",
            interface.from.as_str(),
            ElementKind::Module,
        )?;
        refs.expect(
            ElementKind::Interface,
            id,
            "to",
            interface.to.as_str(),
            ElementKind::Module,
        )?;
        if interface.from == interface.to {
            return Err(ValidationError::at(
                ElementKind::Interface,
                id,
                format!(
                    "goes from module `{}` to itself; an interface joins two distinct modules",
                    interface.from
                ),
            ));
        }
        let from_kind = module_kinds[interface.from.as_str()];
        let to_kind = module_kinds[interface.to.as_str()];
        if !interface.kind.fits(from_kind, to_kind) {
            let why = match interface.kind {
                InterfaceKind::Link => format!(
                    "is a Link, but `{}` is a {}, not a Library",
                    interface.to,
                    to_kind.label()
                ),
                _ if from_kind == ModuleKind::Datastore => format!(
                    "is a {}, but it starts at the datastore `{}`; reads and writes go from code to a datastore",
                    interface.kind.file_name(),
                    interface.from
                ),
                _ => format!(
                    "is a {}, but `{}` is a {}, not a Datastore",
                    interface.kind.file_name(),
                    interface.to,
                    to_kind.label()
                ),
            };
            return Err(ValidationError::at(ElementKind::Interface, id, why));
        }
    }
    Ok(())
}

/// Checks that every position, size, rectangle and waypoint is within the
/// geometry limits ([`super::MAX_COORDINATE`], [`super::MAX_MODULE_SIZE`]):
/// finite, not absurdly far out, no negative sizes. Returns the first
/// violation in file order (units, modules, interfaces). Apart from
/// [`validate`] because it is cheap and concerns only geometry: the loader
/// runs both, and every edit runs this one.
pub fn validate_geometry(diagram: &Diagram) -> Result<(), ValidationError> {
    let at = |kind: ElementKind, id: &str, field: &str, problem: String| {
        ValidationError::at(kind, id, format!("`{field}` {problem}"))
    };
    for unit in &diagram.units {
        if let Some(problem) = unit.rect.as_ref().and_then(super::Rect::limit_problem) {
            return Err(at(ElementKind::Unit, unit.id.as_str(), "rect", problem));
        }
    }
    for module in &diagram.modules {
        let id = module.id.as_str();
        if let Some(problem) = module.pos.as_ref().and_then(super::Point::limit_problem) {
            return Err(at(ElementKind::Module, id, "pos", problem));
        }
        if let Some(problem) = module.size.as_ref().and_then(super::Size::limit_problem) {
            return Err(at(ElementKind::Module, id, "size", problem));
        }
    }
    for interface in &diagram.interfaces {
        if let Some(problem) = interface
            .points
            .iter()
            .find_map(super::Point::limit_problem)
        {
            return Err(at(
                ElementKind::Interface,
                interface.id.as_str(),
                "points",
                problem,
            ));
        }
    }
    Ok(())
}

/// Checks id syntax and uniqueness across the one namespace; returns the
/// kind of every id.
fn check_ids(diagram: &Diagram) -> Result<HashMap<&str, ElementKind>, ValidationError> {
    let all = diagram
        .teams
        .iter()
        .map(|t| (t.id.as_str(), ElementKind::Team))
        .chain(
            diagram
                .units
                .iter()
                .map(|u| (u.id.as_str(), ElementKind::Unit)),
        )
        .chain(
            diagram
                .modules
                .iter()
                .map(|m| (m.id.as_str(), ElementKind::Module)),
        )
        .chain(
            diagram
                .interfaces
                .iter()
                .map(|f| (f.id.as_str(), ElementKind::Interface)),
        );
    let mut kinds: HashMap<&str, ElementKind> = HashMap::new();
    for (id, kind) in all {
        if !is_valid_id(id) {
            return Err(ValidationError::at(
                kind,
                id,
                "ids must be non-empty and contain no whitespace or `@`",
            ));
        }
        if let Some(previous) = kinds.insert(id, kind) {
            let message = if previous == kind {
                format!("the id `{id}` is used by two {}s", kind.noun())
            } else {
                format!(
                    "the id `{id}` is already used by a {}; modules, units, interfaces and teams share one namespace",
                    previous.noun()
                )
            };
            return Err(ValidationError {
                occurrence: 1,
                ..ValidationError::at(kind, id, message)
            });
        }
    }
    Ok(kinds)
}

/// Rejects a unit that is its own ancestor.
fn check_unit_cycles(diagram: &Diagram) -> Result<(), ValidationError> {
    let parents: HashMap<&str, &str> = diagram
        .units
        .iter()
        .filter_map(|u| Some((u.id.as_str(), u.parent.as_ref()?.as_str())))
        .collect();
    // Units already known to reach a root.
    let mut rooted: HashSet<&str> = HashSet::new();
    for unit in &diagram.units {
        let mut path: Vec<&str> = Vec::new();
        let mut current = unit.id.as_str();
        loop {
            if rooted.contains(current) {
                break;
            }
            if path.contains(&current) {
                let cycle_start = path.iter().position(|u| *u == current).unwrap_or(0);
                let cycle = path[cycle_start..]
                    .iter()
                    .map(|u| format!("`{u}`"))
                    .collect::<Vec<_>>()
                    .join(" → ");
                return Err(ValidationError::at(
                    ElementKind::Unit,
                    current,
                    format!(
                        "is its own ancestor ({cycle} → `{current}`); units must nest like boxes in boxes"
                    ),
                ));
            }
            path.push(current);
            match parents.get(current) {
                Some(parent) => current = parent,
                None => break,
            }
        }
        rooted.extend(path);
    }
    Ok(())
}

fn check_acceptances(diagram: &Diagram) -> Result<(), ValidationError> {
    let mut seen: HashSet<&str> = HashSet::new();
    for acceptance in &diagram.accepted {
        let finding = acceptance.finding.as_str();
        if !seen.insert(finding) {
            return Err(ValidationError::other(
                "accepted",
                None,
                format!("the finding `{finding}` is accepted twice; keep one entry"),
            ));
        }
        if finding
            .split_once('@')
            .is_some_and(|(rule, _)| rule == RuleId::StaleAcceptance.as_str())
        {
            return Err(ValidationError::other(
                "accepted",
                None,
                format!(
                    "`{finding}` cannot be accepted: remove the stale acceptance it reports instead"
                ),
            ));
        }
        if acceptance.reason.trim().is_empty() {
            return Err(ValidationError::other(
                "accepted",
                None,
                format!(
                    "the acceptance of `{finding}` has an empty reason; say why it is acceptable"
                ),
            ));
        }
    }
    Ok(())
}

/// Whether `color` is `#rrggbb`.
#[must_use]
pub fn is_hex_color(color: &str) -> bool {
    color.len() == 7 && color.starts_with('#') && color[1..].chars().all(|c| c.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Interface, Isolation, Module, ModuleId, Unit, UnitId};

    fn two_modules() -> Diagram {
        let mut d = Diagram::new();
        d.modules.push(Module::new("a", "A", ModuleKind::Component));
        d.modules.push(Module::new("b", "B", ModuleKind::Component));
        d
    }

    #[test]
    fn a_good_diagram_passes() {
        let mut d = two_modules();
        d.interfaces.push(Interface::new(
            "a->b",
            ModuleId::new("a"),
            ModuleId::new("b"),
            InterfaceKind::Rpc,
        ));
        assert_eq!(validate(&d), Ok(()));
    }

    #[test]
    fn ids_share_one_namespace() {
        let mut d = two_modules();
        d.units.push(Unit::new("a", "A", Isolation::Process));
        let err = validate(&d).unwrap_err();
        assert!(err.message.contains("namespace"), "{err}");
    }

    #[test]
    fn self_interfaces_and_wrong_kinds_are_rejected() {
        let mut d = two_modules();
        d.interfaces.push(Interface::new(
            "x",
            ModuleId::new("a"),
            ModuleId::new("a"),
            InterfaceKind::Rpc,
        ));
        assert!(validate(&d).unwrap_err().message.contains("itself"));
        d.interfaces[0].to = ModuleId::new("b");
        d.interfaces[0].kind = InterfaceKind::Link;
        assert!(validate(&d).unwrap_err().message.contains("Library"));
        d.interfaces[0].kind = InterfaceKind::Write;
        assert!(validate(&d).unwrap_err().message.contains("Datastore"));
    }

    #[test]
    fn unit_cycles_are_rejected() {
        let mut d = Diagram::new();
        let mut a = Unit::new("a", "A", Isolation::Process);
        a.parent = Some(UnitId::new("b"));
        let mut b = Unit::new("b", "B", Isolation::Process);
        b.parent = Some(UnitId::new("a"));
        d.units = vec![a, b];
        assert!(validate(&d).unwrap_err().message.contains("own ancestor"));
    }

    #[test]
    fn geometry_outside_the_limits_is_rejected() {
        use crate::model::{Point, Rect, Size};
        let mut d = two_modules();
        assert_eq!(validate_geometry(&d), Ok(()));
        d.modules[0].pos = Some(Point::new(-1.0e6, 1.0e6));
        d.modules[0].size = Some(Size::new(1.0e5, 0.0));
        assert_eq!(validate_geometry(&d), Ok(()));
        for bad in [f32::NAN, f32::INFINITY, -1.1e6, 1e30] {
            d.modules[1].pos = Some(Point::new(0.0, bad));
            let err = validate_geometry(&d).unwrap_err();
            assert_eq!(err.id.as_deref(), Some("b"));
            assert!(err.message.starts_with("`pos`"), "{err}");
            d.modules[1].pos = None;
        }
        for bad in [-1.0, 1e9, f32::NAN] {
            d.modules[1].size = Some(Size::new(10.0, bad));
            assert!(
                validate_geometry(&d)
                    .unwrap_err()
                    .message
                    .contains("between 0 and")
            );
            d.modules[1].size = None;
        }
        let mut u = Unit::new("u", "U", Isolation::Process);
        u.rect = Some(Rect::new(0.0, 0.0, 1.5e6, 10.0));
        d.units.push(u);
        assert_eq!(validate_geometry(&d).unwrap_err().element, "unit `u`");
        d.units[0].rect = Some(Rect::new(-9.0e5, 0.0, 1.8e6, 10.0));
        assert_eq!(validate_geometry(&d), Ok(()));
        d.interfaces.push(Interface::new(
            "i",
            ModuleId::new("a"),
            ModuleId::new("b"),
            InterfaceKind::Rpc,
        ));
        d.interfaces[0].points = vec![Point::new(0.0, 0.0), Point::new(f32::NEG_INFINITY, 0.0)];
        assert!(
            validate_geometry(&d)
                .unwrap_err()
                .message
                .starts_with("`points`")
        );
    }

    #[test]
    fn externals_cannot_be_placed() {
        let mut d = Diagram::new();
        d.units.push(Unit::new("u", "U", Isolation::Process));
        let mut m = Module::new("x", "X", ModuleKind::External);
        m.unit = Some(UnitId::new("u"));
        d.modules.push(m);
        assert!(validate(&d).unwrap_err().message.contains("External"));
    }
}
