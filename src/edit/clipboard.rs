//! Copy and paste, as diagrams: [`copy`] makes the selection a small
//! diagram of its own (the clip), [`paste`] adds a clip to a diagram. The
//! editor puts the clip on the clipboard as Seams RON (through `file`), so
//! it can be pasted into another document, into a text editor, or back
//! into Seams from a file someone wrote by hand.

use super::geometry::{descendant_units, grow_units_to_fit, innermost_unit_at};
use super::{Edit, EditError, ElementRef};
use crate::model::{Diagram, InterfaceId, ModuleId, ModuleKind, Point, Rect, Size, TeamId, UnitId};
use std::collections::{HashMap, HashSet};

/// The selection as a clip: the selected modules and units (units with
/// everything inside them), the interfaces between the copied modules
/// (selected or not), and the teams they use. References to units that are
/// not copied are dropped. `None` when nothing copyable is selected.
#[must_use]
pub fn copy(diagram: &Diagram, elements: &[ElementRef]) -> Option<Diagram> {
    let mut units: HashSet<&str> = HashSet::new();
    for element in elements {
        if let ElementRef::Unit(id) = element
            && let Some(unit) = diagram.unit(id.as_str())
        {
            units.insert(unit.id.as_str());
            for descendant in descendant_units(diagram, id.as_str()) {
                if let Some(u) = diagram.unit(descendant.as_str()) {
                    units.insert(u.id.as_str());
                }
            }
        }
    }
    let selected_modules: HashSet<&str> = elements
        .iter()
        .filter_map(|e| match e {
            ElementRef::Module(id) => Some(id.as_str()),
            _ => None,
        })
        .collect();
    let mut clip = Diagram::new();
    clip.units = diagram
        .units
        .iter()
        .filter(|u| units.contains(u.id.as_str()))
        .cloned()
        .map(|mut u| {
            u.parent = u.parent.filter(|p| units.contains(p.as_str()));
            u
        })
        .collect();
    clip.modules = diagram
        .modules
        .iter()
        .filter(|m| {
            selected_modules.contains(m.id.as_str())
                || m.unit.as_ref().is_some_and(|u| units.contains(u.as_str()))
        })
        .cloned()
        .map(|mut m| {
            m.unit = m.unit.filter(|u| units.contains(u.as_str()));
            m
        })
        .collect();
    if clip.modules.is_empty() && clip.units.is_empty() {
        return None;
    }
    let copied: HashSet<&str> = clip.modules.iter().map(|m| m.id.as_str()).collect();
    clip.interfaces = diagram
        .interfaces
        .iter()
        .filter(|f| copied.contains(f.from.as_str()) && copied.contains(f.to.as_str()))
        .cloned()
        .collect();
    let teams: HashSet<&str> = clip
        .modules
        .iter()
        .filter_map(|m| m.team.as_ref().map(TeamId::as_str))
        .collect();
    clip.teams = diagram
        .teams
        .iter()
        .enumerate()
        .filter(|(_, t)| teams.contains(t.id.as_str()))
        .map(|(position, t)| {
            let mut t = t.clone();
            // Pin the colour: the team's position differs in the clip.
            t.color = Some(
                t.color
                    .unwrap_or_else(|| crate::model::team_palette_color(position).to_owned()),
            );
            t
        })
        .collect();
    Some(clip)
}

/// Where pasted elements land.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum PasteAt {
    /// Shifted from where they were copied by this offset.
    Offset(f32, f32),
    /// With the top-left of their bounding box at this point.
    TopLeft(Point),
}

/// Pastes `clip` (a valid diagram, as [`copy`] makes or a file holds)
/// into `diagram`: every element gets a fresh id, teams are matched by id
/// (added when missing), and the pasted modules and units that were not
/// inside a pasted unit go into the innermost unit under them. Returns the
/// edit and the pasted elements. A clip with no modules or units is
/// refused with a message saying so.
pub fn paste(
    diagram: &Diagram,
    clip: &Diagram,
    at: PasteAt,
    grid: f32,
) -> Result<(Edit, Vec<ElementRef>), EditError> {
    if clip.modules.is_empty() && clip.units.is_empty() {
        return Err(EditError::Clipboard(
            "it is a diagram, but holds no modules or units".to_owned(),
        ));
    }
    let mut new = diagram.clone();

    // Fresh ids in the target's namespace, reserving each as it is made.
    let mut taken: HashSet<String> = new
        .teams
        .iter()
        .map(|t| t.id.as_str())
        .chain(new.units.iter().map(|u| u.id.as_str()))
        .chain(new.modules.iter().map(|m| m.id.as_str()))
        .chain(new.interfaces.iter().map(|f| f.id.as_str()))
        .map(str::to_owned)
        .collect();
    let mut fresh = |name: &str, old: &str| -> String {
        let stem = if name.trim().is_empty() { old } else { name };
        let id = crate::model::fresh_id(stem, "element", |c| taken.contains(c));
        taken.insert(id.clone());
        id
    };
    let mut team_ids: HashMap<String, TeamId> = HashMap::new();
    for team in &clip.teams {
        if new.team(team.id.as_str()).is_some() {
            team_ids.insert(team.id.as_str().to_owned(), team.id.clone());
        } else {
            let id = TeamId::new(fresh(team.id.as_str(), team.id.as_str()));
            team_ids.insert(team.id.as_str().to_owned(), id.clone());
            let mut team = team.clone();
            team.id = id;
            new.teams.push(team);
        }
    }
    let unit_ids: HashMap<String, UnitId> = clip
        .units
        .iter()
        .map(|u| {
            (
                u.id.as_str().to_owned(),
                UnitId::new(fresh(&u.name, u.id.as_str())),
            )
        })
        .collect();
    let module_ids: HashMap<String, ModuleId> = clip
        .modules
        .iter()
        .map(|m| {
            (
                m.id.as_str().to_owned(),
                ModuleId::new(fresh(&m.name, m.id.as_str())),
            )
        })
        .collect();

    // Where to put them: elements without geometry get a row of their own
    // below the ones that have it.
    let bounds = clip
        .modules
        .iter()
        .filter_map(crate::model::Module::rect)
        .chain(clip.units.iter().filter_map(|u| u.rect))
        .reduce(|a, b| a.union(&b));
    let (dx, dy) = match (at, bounds) {
        (PasteAt::Offset(dx, dy), _) => (dx, dy),
        (PasteAt::TopLeft(p), Some(b)) => (snap(p.x - b.x, grid), snap(p.y - b.y, grid)),
        (PasteAt::TopLeft(p), None) => (snap(p.x, grid), snap(p.y, grid)),
    };
    let (dx, dy) = clear_of_originals(diagram, clip, (dx, dy), grid);
    let anchor = match (at, bounds) {
        (_, Some(b)) => Point::new(b.x + dx, b.bottom() + dy + 24.0),
        (PasteAt::TopLeft(p), None) => p,
        (PasteAt::Offset(..), None) => Point::new(dx, dy),
    };
    let mut next_free_x = anchor.x;

    let mut pasted = Vec::new();
    let mut grow = Vec::new();
    let first_unit = new.units.len();
    for unit in &clip.units {
        let mut unit = unit.clone();
        let old_id = unit.id.as_str().to_owned();
        unit.id = unit_ids[&old_id].clone();
        unit.parent = unit
            .parent
            .as_ref()
            .and_then(|p| unit_ids.get(p.as_str()))
            .cloned();
        unit.rect = Some(if let Some(r) = unit.rect {
            r.translate(dx, dy)
        } else {
            let r = crate::model::Rect::new(next_free_x, anchor.y, 240.0, 160.0);
            next_free_x += r.w + 24.0;
            r
        });
        pasted.push(ElementRef::Unit(unit.id.clone()));
        new.units.push(unit);
    }
    // Root pasted units go into the unit under their corner.
    let pasted_units: HashSet<String> = unit_ids.values().map(|u| u.as_str().to_owned()).collect();
    for index in first_unit..new.units.len() {
        if new.units[index].parent.is_none()
            && let Some(rect) = new.units[index].rect
        {
            let parent = innermost_unit_at(&new, Point::new(rect.x + 1.0, rect.y + 1.0), |u| {
                pasted_units.contains(u)
            });
            grow.extend(parent.clone());
            new.units[index].parent = parent;
        }
    }
    for module in &clip.modules {
        let mut module = module.clone();
        let old_id = module.id.as_str().to_owned();
        module.id = module_ids[&old_id].clone();
        module.team = module
            .team
            .as_ref()
            .and_then(|t| team_ids.get(t.as_str()))
            .cloned();
        if let (Some(pos), Some(_)) = (module.pos, module.size) {
            module.pos = Some(Point::new(pos.x + dx, pos.y + dy));
        } else {
            let size = module.size.unwrap_or(Size::new(160.0, 64.0));
            module.pos = Some(Point::new(next_free_x, anchor.y));
            module.size = Some(size);
            next_free_x += size.w + 24.0;
        }
        module.unit = match module.unit.as_ref().and_then(|u| unit_ids.get(u.as_str())) {
            Some(unit) => Some(unit.clone()),
            None if module.kind == ModuleKind::External => None,
            None => {
                let centre = module.rect().map_or(anchor, |r| r.center());
                let unit = innermost_unit_at(&new, centre, |u| pasted_units.contains(u));
                grow.extend(unit.clone());
                unit
            }
        };
        pasted.push(ElementRef::Module(module.id.clone()));
        new.modules.push(module);
    }
    for interface in &clip.interfaces {
        let mut interface = interface.clone();
        interface.from = module_ids[interface.from.as_str()].clone();
        interface.to = module_ids[interface.to.as_str()].clone();
        let base = format!("{}->{}", interface.from, interface.to);
        let id = if taken.contains(&base) {
            (2..u64::MAX)
                .map(|n| format!("{base}#{n}"))
                .find(|c| !taken.contains(c))
                .unwrap_or(base)
        } else {
            base
        };
        taken.insert(id.clone());
        interface.id = InterfaceId::new(id);
        for point in &mut interface.points {
            point.x += dx;
            point.y += dy;
        }
        pasted.push(ElementRef::Interface(InterfaceId::new(
            interface.id.as_str(),
        )));
        new.interfaces.push(interface);
    }
    grow.extend(pasted.iter().filter_map(|e| match e {
        ElementRef::Unit(id) => Some(id.clone()),
        _ => None,
    }));
    grow_units_to_fit(&mut new, grow);
    Ok((Edit::between(diagram, &new), pasted))
}

/// Most steps [`clear_of_originals`] takes before giving up (a paste that
/// cannot get clear lands where it was asked to).
const MAX_CLEARING_STEPS: u16 = 400;

/// `offset` moved on, diagonally by whole grid steps, until no pasted box
/// overlaps an original: a box of the diagram that the clipboard was copied
/// from (same id) or an earlier copy of it (same kind of box, same name).
/// Copies never land on top of what they copy, and pasting twice never
/// stacks the second copy on the first.
fn clear_of_originals(
    diagram: &Diagram,
    clip: &Diagram,
    offset: (f32, f32),
    grid: f32,
) -> (f32, f32) {
    let module_names: HashSet<&str> = clip.modules.iter().map(|m| m.name.as_str()).collect();
    let module_ids: HashSet<&str> = clip.modules.iter().map(|m| m.id.as_str()).collect();
    let unit_names: HashSet<&str> = clip.units.iter().map(|u| u.name.as_str()).collect();
    let unit_ids: HashSet<&str> = clip.units.iter().map(|u| u.id.as_str()).collect();
    let originals: Vec<Rect> = diagram
        .modules
        .iter()
        .filter(|m| module_ids.contains(m.id.as_str()) || module_names.contains(m.name.as_str()))
        .filter_map(crate::model::Module::rect)
        .chain(
            diagram
                .units
                .iter()
                .filter(|u| {
                    unit_ids.contains(u.id.as_str()) || unit_names.contains(u.name.as_str())
                })
                .filter_map(|u| u.rect),
        )
        .collect();
    let copies: Vec<Rect> = clip
        .modules
        .iter()
        .filter_map(crate::model::Module::rect)
        .chain(clip.units.iter().filter_map(|u| u.rect))
        .collect();
    let step = grid.max(crate::theme::GRID);
    let overlaps = |(dx, dy): (f32, f32)| {
        copies.iter().any(|c| {
            let moved = c.translate(dx, dy);
            originals.iter().any(|o| o.intersects(&moved))
        })
    };
    let mut candidate = offset;
    for _ in 0..MAX_CLEARING_STEPS {
        if !overlaps(candidate) {
            return candidate;
        }
        candidate = (candidate.0 + step, candidate.1 + step);
    }
    offset
}

fn snap(value: f32, grid: f32) -> f32 {
    if grid > 0.0 {
        (value / grid).round() * grid
    } else {
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Interface, InterfaceKind, Isolation, Module, Rect, Team, Unit};

    fn diagram() -> Diagram {
        let mut d = Diagram::new();
        d.teams.push(Team {
            id: TeamId::new("web"),
            name: "Web".into(),
            color: None,
        });
        let mut u = Unit::new("u", "U", Isolation::Process);
        u.rect = Some(Rect::new(0.0, 0.0, 400.0, 300.0));
        d.units.push(u);
        for (id, x) in [("a", 20.0), ("b", 200.0)] {
            let mut m = Module::new(id, id.to_uppercase(), ModuleKind::Component);
            m.unit = Some(UnitId::new("u"));
            m.team = Some(TeamId::new("web"));
            m.pos = Some(Point::new(x, 60.0));
            m.size = Some(Size::new(120.0, 56.0));
            d.modules.push(m);
        }
        d.interfaces.push(Interface::new(
            "a->b",
            ModuleId::new("a"),
            ModuleId::new("b"),
            InterfaceKind::Rpc,
        ));
        d
    }

    #[test]
    fn copy_then_paste_duplicates_with_fresh_ids() {
        let d = diagram();
        let clip = copy(&d, &[ElementRef::Unit(UnitId::new("u"))]).expect("something copied");
        let (edit, pasted) = paste(&d, &clip, PasteAt::Offset(0.0, 400.0), 8.0).expect("pastes");
        let mut after = d.clone();
        edit.apply(&mut after).expect("valid");
        assert_eq!(pasted.len(), 4);
        assert_eq!(after.units.len(), 2);
        assert_eq!(after.modules.len(), 4);
        assert_eq!(after.interfaces.len(), 2);
        assert_eq!(after.teams.len(), 1, "the team is matched by id");
        let copy_of_a = after.modules[2].clone();
        assert_ne!(copy_of_a.id.as_str(), "a");
        assert_eq!(copy_of_a.unit.as_ref(), Some(&after.units[1].id));
    }

    #[test]
    fn pasted_boxes_land_clear_of_the_originals_and_of_earlier_copies() {
        let mut d = diagram();
        let a = [ElementRef::Module(ModuleId::new("a"))];
        let clip = copy(&d, &a).expect("copied");
        let original = d.modules[0].rect().expect("placed");
        let mut rects = vec![original];
        for _ in 0..2 {
            let (edit, pasted) =
                paste(&d, &clip, PasteAt::Offset(24.0, 24.0), 8.0).expect("pastes");
            edit.apply(&mut d).expect("valid");
            let [ElementRef::Module(id)] = pasted.as_slice() else {
                panic!("one module pasted: {pasted:?}");
            };
            let copy = d
                .module(id.as_str())
                .and_then(Module::rect)
                .expect("placed");
            assert!(
                rects.iter().all(|r| !r.intersects(&copy)),
                "{copy:?} overlaps one of {rects:?}"
            );
            assert!(copy.x > original.x && copy.y > original.y);
            assert_eq!((copy.x - original.x) % 8.0, 0.0, "whole grid steps");
            rects.push(copy);
        }
    }

    #[test]
    fn third_party_and_load_survive_copy_and_paste() {
        let mut d = diagram();
        d.modules[0].third_party = true;
        let mut store = Module::new("store", "Plugins", ModuleKind::Datastore);
        store.unit = Some(UnitId::new("u"));
        store.pos = Some(Point::new(20.0, 200.0));
        store.size = Some(Size::new(120.0, 56.0));
        d.modules.push(store);
        d.interfaces.push(Interface::new(
            "a->store",
            ModuleId::new("a"),
            ModuleId::new("store"),
            InterfaceKind::Load,
        ));
        let clip = copy(
            &d,
            &[
                ElementRef::Module(ModuleId::new("a")),
                ElementRef::Module(ModuleId::new("store")),
            ],
        )
        .expect("copied");
        let (edit, pasted) = paste(&d, &clip, PasteAt::Offset(0.0, 400.0), 8.0).expect("pastes");
        let mut after = d.clone();
        edit.apply(&mut after).expect("valid");
        assert_eq!(pasted.len(), 3);
        let copy_of_a = &after.modules[3];
        assert_ne!(copy_of_a.id.as_str(), "a");
        assert!(copy_of_a.third_party, "the copy is third-party code too");
        assert!(!after.modules[4].third_party);
        let load = after.interfaces.last().expect("pasted");
        assert_eq!(load.kind, InterfaceKind::Load);
        assert_eq!(load.from, copy_of_a.id);
    }

    #[test]
    fn pasting_one_module_places_it_in_the_unit_under_it() {
        let d = diagram();
        let clip = copy(&d, &[ElementRef::Module(ModuleId::new("a"))]).expect("copied");
        let (edit, _) = paste(&d, &clip, PasteAt::Offset(0.0, 100.0), 8.0).expect("pastes");
        let mut after = d.clone();
        edit.apply(&mut after).expect("valid");
        assert_eq!(after.modules[2].unit, Some(UnitId::new("u")));
        assert_eq!(
            after.interfaces.len(),
            1,
            "no interface to an uncopied module"
        );
    }

    #[test]
    fn a_clip_without_modules_or_units_is_refused() {
        let d = diagram();
        let mut teams_only = Diagram::new();
        teams_only.teams = d.teams.clone();
        for clip in [Diagram::new(), teams_only] {
            assert!(matches!(
                paste(&d, &clip, PasteAt::Offset(0.0, 0.0), 8.0),
                Err(EditError::Clipboard(_))
            ));
        }
        assert!(copy(&d, &[]).is_none(), "nothing selected, nothing copied");
    }
}
