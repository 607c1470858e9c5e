//! Edits that act on findings: applying a rule's suggested [`Fix`],
//! accepting a finding with a reason, and changing a rule's level or the
//! strong-isolation threshold for this diagram. Each is one undoable edit.

use super::geometry::{grow_units_to_fit, unit_rect_around};
use super::ops::{UnitContents, delete};
use super::{Edit, EditError, ElementRef};
use crate::model::Fix;
use crate::model::{
    Acceptance, Diagram, Isolation, ModuleId, Release, RuleId, RuleLevel, Unit, UnitId,
};

/// The edit that applies `fix` to `diagram`.
pub fn apply_fix(diagram: &Diagram, fix: &Fix) -> Result<Edit, EditError> {
    let mut next = diagram.clone();
    match fix {
        Fix::IsolateFootholds { footholds } => isolate(&mut next, footholds)?,
        Fix::MergeUnits { units } => merge(&mut next, units)?,
        Fix::MarkVersioned { interfaces } => {
            for interface in interfaces {
                next.interface_mut(interface.as_str())
                    .ok_or_else(|| unknown("interface", interface.as_str()))?
                    .versioned = true;
            }
        }
        Fix::PlaceModule { module, unit } => {
            if next.unit(unit.as_str()).is_none() {
                return Err(unknown("unit", unit.as_str()));
            }
            next.module_mut(module.as_str())
                .ok_or_else(|| unknown("module", module.as_str()))?
                .unit = Some(unit.clone());
            grow_units_to_fit(&mut next, [unit.clone()]);
        }
        Fix::DeleteModule { module } => {
            if diagram.module(module.as_str()).is_none() {
                return Err(unknown("module", module.as_str()));
            }
            return Ok(delete(
                diagram,
                &[ElementRef::Module(module.clone())],
                UnitContents::MoveToParent,
            ));
        }
        Fix::DeleteUnit { unit } => {
            if diagram.unit(unit.as_str()).is_none() {
                return Err(unknown("unit", unit.as_str()));
            }
            return Ok(delete(
                diagram,
                &[ElementRef::Unit(unit.clone())],
                UnitContents::MoveToParent,
            ));
        }
    }
    Ok(Edit::between(diagram, &next))
}

fn unknown(kind: &'static str, id: &str) -> EditError {
    EditError::Unknown {
        kind,
        id: id.to_owned(),
    }
}

/// Moves the footholds into new units with the diagram's strong isolation,
/// released with their parent: one new unit inside each unit they occupy
/// (a foothold with no unit gets a root unit of its own release), sized
/// around them and wide enough for its title.
fn isolate(diagram: &mut Diagram, footholds: &[ModuleId]) -> Result<(), EditError> {
    let isolation = diagram.settings.strong_isolation;
    // The footholds by the unit they are in, in order of first appearance.
    let mut by_unit: Vec<(Option<UnitId>, Vec<ModuleId>)> = Vec::new();
    for id in footholds {
        let module = diagram
            .module(id.as_str())
            .ok_or_else(|| unknown("module", id.as_str()))?;
        match by_unit.iter_mut().find(|(u, _)| *u == module.unit) {
            Some((_, members)) => members.push(id.clone()),
            None => by_unit.push((module.unit.clone(), vec![id.clone()])),
        }
    }
    let word = match isolation {
        Isolation::Vm => "VM".to_owned(),
        other => other.label().to_lowercase(),
    };
    for (parent, members) in by_unit {
        let name = match members.as_slice() {
            [only] => format!(
                "{} {word}",
                diagram
                    .module(only.as_str())
                    .map_or("", |m| m.name.as_str())
            ),
            _ => format!(
                "{} {word}",
                parent
                    .as_ref()
                    .and_then(|p| diagram.unit(p.as_str()))
                    .map_or("Untrusted code", |u| u.name.as_str())
            ),
        };
        let id = diagram.fresh_id(&name, "isolated");
        let mut unit = Unit::new(id, name, isolation);
        unit.parent.clone_from(&parent);
        unit.release = if parent.is_some() {
            Release::WithParent
        } else {
            Release::Own
        };
        unit.rect = members
            .iter()
            .filter_map(|m| {
                diagram
                    .module(m.as_str())
                    .and_then(crate::model::Module::rect)
            })
            .reduce(|a, b| a.union(&b))
            .map(|r| {
                let mut rect = unit_rect_around(&r);
                rect.w = rect.w.max(crate::layout::unit_min_width(&unit));
                rect
            });
        let unit_id = unit.id.clone();
        // Insert the new unit right after its parent, so the file reads in
        // order.
        let index = parent
            .as_ref()
            .and_then(|p| diagram.units.iter().position(|u| &u.id == p))
            .map_or(diagram.units.len(), |i| i + 1);
        diagram.units.insert(index, unit);
        for member in &members {
            if let Some(m) = diagram.module_mut(member.as_str()) {
                m.unit = Some(unit_id.clone());
            }
        }
        grow_units_to_fit(diagram, [unit_id]);
    }
    Ok(())
}

/// Puts everything the units hold into the first one and deletes the rest.
fn merge(diagram: &mut Diagram, units: &[UnitId]) -> Result<(), EditError> {
    let Some((keep, others)) = units.split_first() else {
        return Ok(());
    };
    for unit in units {
        if diagram.unit(unit.as_str()).is_none() {
            return Err(unknown("unit", unit.as_str()));
        }
    }
    // A unit of the group nested in another one of the group would end up its
    // own parent: skip the ones that are inside the kept unit already, and
    // refuse a merge that would put the kept unit inside itself.
    if others
        .iter()
        .any(|o| diagram.unit_is_within(keep.as_str(), o.as_str()))
    {
        return Err(EditError::UnitIntoItself(keep.to_string()));
    }
    let merged_rect = units
        .iter()
        .filter_map(|u| diagram.unit(u.as_str()).and_then(|u| u.rect))
        .reduce(|a, b| a.union(&b));
    for module in &mut diagram.modules {
        if module.unit.as_ref().is_some_and(|u| others.contains(u)) {
            module.unit = Some(keep.clone());
        }
    }
    for unit in &mut diagram.units {
        if unit.parent.as_ref().is_some_and(|p| others.contains(p)) {
            unit.parent = Some(keep.clone());
        }
    }
    diagram.units.retain(|u| !others.contains(&u.id));
    if let Some(kept) = diagram.unit_mut(keep.as_str()) {
        if let Some(rect) = merged_rect {
            kept.rect = Some(rect);
        }
        // The merged unit is released on its own: it is one service now.
        if kept.release == Release::WithParent && kept.parent.is_none() {
            kept.release = Release::Own;
        }
    }
    grow_units_to_fit(diagram, [keep.clone()]);
    Ok(())
}

/// Accepts the finding `finding_id` with `reason` (replacing an earlier
/// reason for the same finding).
pub fn accept(diagram: &Diagram, finding_id: &str, reason: &str) -> Result<Edit, EditError> {
    let mut next = diagram.clone();
    let reason = reason.trim().to_owned();
    match next.accepted.iter_mut().find(|a| a.finding == finding_id) {
        Some(existing) => existing.reason = reason,
        None => next.accepted.push(Acceptance {
            finding: finding_id.to_owned(),
            reason,
        }),
    }
    // Validation rejects an empty reason or an accepted stale acceptance.
    crate::model::validate(&next)?;
    Ok(Edit::between(diagram, &next))
}

/// Withdraws the acceptance of `finding_id`.
#[must_use]
pub fn unaccept(diagram: &Diagram, finding_id: &str) -> Edit {
    let mut next = diagram.clone();
    next.accepted.retain(|a| a.finding != finding_id);
    Edit::between(diagram, &next)
}

/// Sets `rule`'s level for this diagram; `None` restores its default.
#[must_use]
pub fn set_rule_level(diagram: &Diagram, rule: RuleId, level: Option<RuleLevel>) -> Edit {
    let mut next = diagram.clone();
    match level {
        Some(level) => {
            next.settings.rules.insert(rule, level);
        }
        None => {
            next.settings.rules.remove(&rule);
        }
    }
    Edit::between(diagram, &next)
}

/// Sets the weakest isolation that counts as strong.
#[must_use]
pub fn set_strong_isolation(diagram: &Diagram, isolation: Isolation) -> Edit {
    let mut next = diagram.clone();
    next.settings.strong_isolation = isolation;
    Edit::between(diagram, &next)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        Interface, InterfaceId, InterfaceKind, Module, ModuleId, ModuleKind, Point, Rect, Size,
        Trust,
    };
    use crate::rules::check;

    /// An untrusted parser called in-process by a trusted handler.
    fn parser_in_process() -> Diagram {
        let mut d = Diagram::new();
        let mut unit = Unit::new("api", "API", Isolation::Process);
        unit.rect = Some(Rect::new(0.0, 0.0, 600.0, 300.0));
        d.units.push(unit);
        let mut http = Module::new("http", "HTTP", ModuleKind::Component);
        http.unit = Some(UnitId::new("api"));
        http.pos = Some(Point::new(40.0, 80.0));
        http.size = Some(Size::new(160.0, 64.0));
        let mut parser = Module::new("parser", "Parser", ModuleKind::Component);
        parser.trust = Trust::Untrusted;
        parser.unit = Some(UnitId::new("api"));
        parser.pos = Some(Point::new(320.0, 80.0));
        parser.size = Some(Size::new(160.0, 64.0));
        d.modules = vec![http, parser];
        d.interfaces.push(Interface::new(
            "parse",
            ModuleId::new("http"),
            ModuleId::new("parser"),
            InterfaceKind::Rpc,
        ));
        d
    }

    #[test]
    fn isolating_the_footholds_clears_the_error_and_undoes_exactly() {
        let mut original = parser_in_process();
        // A second parser: one group, one new unit for both.
        let mut resizer = Module::new("resizer", "Image resizer", ModuleKind::Component);
        resizer.trust = Trust::Untrusted;
        resizer.unit = Some(UnitId::new("api"));
        resizer.pos = Some(Point::new(320.0, 180.0));
        resizer.size = Some(Size::new(160.0, 64.0));
        original.modules.push(resizer);
        let report = check(&original);
        let finding = report
            .findings
            .iter()
            .find(|f| f.id == "lateral-reach@parser")
            .expect("the finding fires");
        assert_eq!(finding.group, ["parser", "resizer"]);
        let fix = finding.fix.clone().expect("it has a fix");
        let mut d = original.clone();
        let inverse = apply_fix(&d, &fix).unwrap().apply(&mut d).unwrap();
        let sandbox = d.module("parser").unwrap().unit.clone().unwrap();
        assert_eq!(d.module("resizer").unwrap().unit.as_ref(), Some(&sandbox));
        let unit = d.unit(sandbox.as_str()).unwrap();
        assert_eq!(unit.isolation, Isolation::Sandbox);
        assert_eq!(unit.name, "API sandbox");
        assert_eq!(unit.parent.as_ref().map(UnitId::as_str), Some("api"));
        assert_eq!(unit.release, Release::WithParent);
        let rect = unit.rect.unwrap();
        for id in ["parser", "resizer"] {
            assert!(rect.contains_rect(&d.module(id).unwrap().rect().unwrap()));
        }
        assert!(rect.w >= crate::layout::unit_min_width(unit));
        assert!(d.unit("api").unwrap().rect.unwrap().contains_rect(&rect));
        assert!(
            check(&d)
                .findings
                .iter()
                .all(|f| f.rule != RuleId::LateralReach)
        );
        inverse.apply(&mut d).unwrap();
        assert_eq!(d, original);
    }

    #[test]
    fn marking_a_group_versioned_marks_every_interface() {
        let mut d = parser_in_process();
        d.interfaces.push(Interface::new(
            "back",
            ModuleId::new("parser"),
            ModuleId::new("http"),
            InterfaceKind::Queue,
        ));
        let fix = Fix::MarkVersioned {
            interfaces: vec![InterfaceId::new("parse"), InterfaceId::new("back")],
        };
        let original = d.clone();
        let inverse = apply_fix(&d, &fix).unwrap().apply(&mut d).unwrap();
        assert!(d.interfaces.iter().all(|f| f.versioned));
        inverse.apply(&mut d).unwrap();
        assert_eq!(d, original);
    }

    #[test]
    fn merging_units_moves_contents_and_keeps_the_first() {
        let mut d = Diagram::new();
        for id in ["a", "b"] {
            let mut u = Unit::new(id, id, Isolation::Container);
            u.rect = Some(Rect::new(
                if id == "a" { 0.0 } else { 400.0 },
                0.0,
                200.0,
                120.0,
            ));
            d.units.push(u);
            let mut m = Module::new(format!("m-{id}"), id, ModuleKind::Component);
            m.unit = Some(UnitId::new(id));
            d.modules.push(m);
        }
        let fix = Fix::MergeUnits {
            units: vec![UnitId::new("a"), UnitId::new("b")],
        };
        let original = d.clone();
        let inverse = apply_fix(&d, &fix).unwrap().apply(&mut d).unwrap();
        assert_eq!(d.units.len(), 1);
        assert!(d.modules.iter().all(|m| m.unit == Some(UnitId::new("a"))));
        assert!((d.units[0].rect.unwrap().w - 600.0).abs() < 0.01);
        inverse.apply(&mut d).unwrap();
        assert_eq!(d, original);
    }

    #[test]
    fn accepting_needs_a_reason_and_is_undoable() {
        let d = parser_in_process();
        assert!(accept(&d, "lateral-reach@parser", "  ").is_err());
        assert!(accept(&d, "stale-acceptance@x", "because").is_err());
        let mut next = d.clone();
        let inverse = accept(&d, "lateral-reach@parser", "reviewed")
            .unwrap()
            .apply(&mut next)
            .unwrap();
        assert_eq!(next.accepted.len(), 1);
        let report = check(&next);
        assert!(
            report
                .findings
                .iter()
                .find(|f| f.id == "lateral-reach@parser")
                .is_some_and(|f| f.accepted.as_deref() == Some("reviewed"))
        );
        inverse.apply(&mut next).unwrap();
        assert_eq!(next, d);
        let mut again = next.clone();
        unaccept(&next, "nothing").apply(&mut again).unwrap();
        assert_eq!(again, d);
    }

    #[test]
    fn rule_levels_and_threshold_are_settings_edits() {
        let d = parser_in_process();
        let mut next = d.clone();
        set_rule_level(&d, RuleId::LateralReach, Some(RuleLevel::Off))
            .apply(&mut next)
            .unwrap();
        assert!(
            check(&next)
                .findings
                .iter()
                .all(|f| f.rule != RuleId::LateralReach)
        );
        let mut vm = d.clone();
        set_strong_isolation(&d, Isolation::Vm)
            .apply(&mut vm)
            .unwrap();
        assert_eq!(vm.settings.strong_isolation, Isolation::Vm);
        let mut back = next.clone();
        set_rule_level(&next, RuleId::LateralReach, None)
            .apply(&mut back)
            .unwrap();
        assert_eq!(back, d);
    }
}
