//! Copy and paste, as diagrams: [`copy`] makes the selection a small
//! diagram of its own (the clip), [`paste`] adds a clip to a diagram. The
//! editor puts the clip on the clipboard as Seams RON (through `file`), so
//! it can be pasted into another document, into a text editor, or back
//! into Seams from a file someone wrote by hand.

use super::geometry::{descendant_units, grow_units_to_fit, innermost_unit_at};
use super::{Edit, EditError, ElementRef, routing};
use crate::model::{
    Diagram, Forest, InterfaceId, ModuleId, ModuleKind, Point, Rect, Size, TeamId, UnitId,
};
use std::collections::{HashMap, HashSet};

/// The selection as a clip: the selected modules and units (units with
/// everything inside them), the interfaces between the copied modules
/// (selected or not; those the router drew without their waypoints), and
/// the teams they use. References to units that are not copied are
/// dropped. `None` when nothing copyable is selected.
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
    let lines: Vec<usize> = (diagram.interfaces.iter().enumerate())
        .filter(|(_, f)| copied.contains(f.from.as_str()) && copied.contains(f.to.as_str()))
        .map(|(i, _)| i)
        .collect();
    // A line the router drew goes without its waypoints: the router draws
    // it again where it is pasted. Bends placed by hand go along.
    let auto = routing::auto_routed(diagram, &Forest::new(diagram), &lines);
    clip.interfaces = (lines.iter().zip(auto))
        .map(|(&i, auto)| {
            let mut line = diagram.interfaces[i].clone();
            if auto {
                line.points.clear();
            }
            line
        })
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
/// inside a pasted unit go into the innermost unit under them. A line
/// without waypoints is drawn by the router where it lands (around what
/// stands there); bends placed by hand move along. Returns
/// the edit and the pasted elements. A clip with no modules or units is
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
    let mut ids = FreshIds::new(&mut new, clip);
    let mut place = Placement::new(diagram, clip, at, grid);
    let mut pasted = Vec::new();
    let mut grow = Vec::new();
    paste_units(&mut new, clip, &ids, &mut place, &mut pasted, &mut grow);
    paste_modules(&mut new, clip, &ids, &mut place, &mut pasted, &mut grow);
    paste_interfaces(&mut new, clip, &mut ids, place.offset, &mut pasted);
    grow.extend(pasted.iter().filter_map(|e| match e {
        ElementRef::Unit(id) => Some(id.clone()),
        _ => None,
    }));
    grow_units_to_fit(&mut new, grow);
    route_pasted_lines(&mut new, clip, diagram.interfaces.len());
    Ok((Edit::between(diagram, &new), pasted))
}

/// Fresh ids in the target's namespace for what a clip brings, each
/// reserved as it is made; teams the target lacks are added to it.
struct FreshIds {
    taken: HashSet<String>,
    teams: HashMap<String, TeamId>,
    units: HashMap<String, UnitId>,
    modules: HashMap<String, ModuleId>,
}

impl FreshIds {
    fn new(new: &mut Diagram, clip: &Diagram) -> Self {
        let taken: HashSet<String> = (new.teams.iter().map(|t| t.id.as_str()))
            .chain(new.units.iter().map(|u| u.id.as_str()))
            .chain(new.modules.iter().map(|m| m.id.as_str()))
            .chain(new.interfaces.iter().map(|f| f.id.as_str()))
            .map(str::to_owned)
            .collect();
        let mut ids = FreshIds {
            taken,
            teams: HashMap::new(),
            units: HashMap::new(),
            modules: HashMap::new(),
        };
        for team in &clip.teams {
            if new.team(team.id.as_str()).is_some() {
                ids.teams
                    .insert(team.id.as_str().to_owned(), team.id.clone());
            } else {
                let id = TeamId::new(ids.fresh(team.id.as_str(), team.id.as_str()));
                ids.teams.insert(team.id.as_str().to_owned(), id.clone());
                let mut team = team.clone();
                team.id = id;
                new.teams.push(team);
            }
        }
        for u in &clip.units {
            let id = UnitId::new(ids.fresh(&u.name, u.id.as_str()));
            ids.units.insert(u.id.as_str().to_owned(), id);
        }
        for m in &clip.modules {
            let id = ModuleId::new(ids.fresh(&m.name, m.id.as_str()));
            ids.modules.insert(m.id.as_str().to_owned(), id);
        }
        ids
    }

    /// A fresh id from `name` (or `old` when the name is blank).
    fn fresh(&mut self, name: &str, old: &str) -> String {
        let stem = if name.trim().is_empty() { old } else { name };
        let id = crate::model::fresh_id(stem, "element", |c| self.taken.contains(c));
        self.taken.insert(id.clone());
        id
    }

    /// A fresh interface id `from->to` (numbered when taken).
    fn interface(&mut self, from: &ModuleId, to: &ModuleId) -> InterfaceId {
        let base = format!("{from}->{to}");
        let id = if self.taken.contains(&base) {
            (2..u64::MAX)
                .map(|n| format!("{base}#{n}"))
                .find(|c| !self.taken.contains(c))
                .unwrap_or(base)
        } else {
            base
        };
        self.taken.insert(id.clone());
        InterfaceId::new(id)
    }
}

/// Where pasted elements go: shifted by `offset`, and those without
/// geometry in a row of their own from `anchor`, below the ones with it.
struct Placement {
    offset: (f32, f32),
    anchor: Point,
    next_free_x: f32,
}

impl Placement {
    fn new(diagram: &Diagram, clip: &Diagram, at: PasteAt, grid: f32) -> Self {
        let bounds = (clip.modules.iter().filter_map(crate::model::Module::rect))
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
        Placement {
            offset: (dx, dy),
            anchor,
            next_free_x: anchor.x,
        }
    }

    /// The next place in the row for something `w` wide.
    fn next_in_row(&mut self, w: f32) -> Point {
        let at = Point::new(self.next_free_x, self.anchor.y);
        self.next_free_x += w + 24.0;
        at
    }
}

/// Adds the clip's units; a pasted unit whose parent is not pasted goes
/// into the unit under its corner (which then grows).
fn paste_units(
    new: &mut Diagram,
    clip: &Diagram,
    ids: &FreshIds,
    place: &mut Placement,
    pasted: &mut Vec<ElementRef>,
    grow: &mut Vec<UnitId>,
) {
    let (dx, dy) = place.offset;
    let first_unit = new.units.len();
    for unit in &clip.units {
        let mut unit = unit.clone();
        unit.id = ids.units[unit.id.as_str()].clone();
        unit.parent = (unit.parent.as_ref())
            .and_then(|p| ids.units.get(p.as_str()))
            .cloned();
        unit.rect = Some(if let Some(r) = unit.rect {
            r.translate(dx, dy)
        } else {
            let at = place.next_in_row(240.0);
            Rect::new(at.x, at.y, 240.0, 160.0)
        });
        pasted.push(ElementRef::Unit(unit.id.clone()));
        new.units.push(unit);
    }
    let pasted_units: HashSet<&str> = ids.units.values().map(UnitId::as_str).collect();
    for index in first_unit..new.units.len() {
        if new.units[index].parent.is_none()
            && let Some(rect) = new.units[index].rect
        {
            let corner = Point::new(rect.x + 1.0, rect.y + 1.0);
            let parent = innermost_unit_at(new, corner, |u| pasted_units.contains(u));
            grow.extend(parent.clone());
            new.units[index].parent = parent;
        }
    }
}

/// Adds the clip's modules; one not inside a pasted unit goes into the
/// unit under its centre (which then grows), unless it is External.
fn paste_modules(
    new: &mut Diagram,
    clip: &Diagram,
    ids: &FreshIds,
    place: &mut Placement,
    pasted: &mut Vec<ElementRef>,
    grow: &mut Vec<UnitId>,
) {
    let (dx, dy) = place.offset;
    let pasted_units: HashSet<&str> = ids.units.values().map(UnitId::as_str).collect();
    for module in &clip.modules {
        let mut module = module.clone();
        module.id = ids.modules[module.id.as_str()].clone();
        module.team = (module.team.as_ref())
            .and_then(|t| ids.teams.get(t.as_str()))
            .cloned();
        if let (Some(pos), Some(_)) = (module.pos, module.size) {
            module.pos = Some(Point::new(pos.x + dx, pos.y + dy));
        } else {
            let size = module.size.unwrap_or(Size::new(160.0, 64.0));
            module.pos = Some(place.next_in_row(size.w));
            module.size = Some(size);
        }
        module.unit = match module.unit.as_ref().and_then(|u| ids.units.get(u.as_str())) {
            Some(unit) => Some(unit.clone()),
            None if module.kind == ModuleKind::External => None,
            None => {
                let centre = module.rect().map_or(place.anchor, |r| r.center());
                let unit = innermost_unit_at(new, centre, |u| pasted_units.contains(u));
                grow.extend(unit.clone());
                unit
            }
        };
        pasted.push(ElementRef::Module(module.id.clone()));
        new.modules.push(module);
    }
}

/// Adds the clip's interfaces between the pasted modules, their waypoints
/// shifted along.
fn paste_interfaces(
    new: &mut Diagram,
    clip: &Diagram,
    ids: &mut FreshIds,
    (dx, dy): (f32, f32),
    pasted: &mut Vec<ElementRef>,
) {
    for interface in &clip.interfaces {
        let mut interface = interface.clone();
        interface.from = ids.modules[interface.from.as_str()].clone();
        interface.to = ids.modules[interface.to.as_str()].clone();
        interface.id = ids.interface(&interface.from, &interface.to);
        for point in &mut interface.points {
            point.x += dx;
            point.y += dy;
        }
        pasted.push(ElementRef::Interface(interface.id.clone()));
        new.interfaces.push(interface);
    }
}

/// The pasted lines (from position `first` in `new.interfaces`, in the
/// clip's order) without waypoints, as [`copy`] leaves the lines the router
/// drew: drawn by the router where they landed, so they stay routed
/// automatically.
fn route_pasted_lines(new: &mut Diagram, clip: &Diagram, first: usize) {
    let lines: Vec<usize> = (clip.interfaces.iter().enumerate())
        .filter(|(_, f)| f.points.is_empty())
        .map(|(i, _)| first + i)
        .collect();
    if lines.is_empty() {
        return;
    }
    let forest = Forest::new(new);
    for (line, points) in routing::routed(new, &forest, &lines) {
        new.interfaces[line].points = points;
    }
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

    /// Three boxes in a row, `a` and `b` with `c` in the way: `a->b` as
    /// the router draws it (around `c`), `a->c` with a bend placed by hand.
    fn routed_row() -> Diagram {
        let mut d = Diagram::new();
        for (id, x, y, h) in [
            ("a", 0.0, 0.0, 64.0),
            ("b", 640.0, 0.0, 64.0),
            ("c", 320.0, -40.0, 144.0),
        ] {
            let mut m = Module::new(id, id.to_uppercase(), ModuleKind::Component);
            m.pos = Some(Point::new(x, y));
            m.size = Some(Size::new(160.0, h));
            d.modules.push(m);
        }
        for (from, to) in [("a", "b"), ("a", "c")] {
            d.interfaces.push(Interface::new(
                format!("{from}->{to}"),
                ModuleId::new(from),
                ModuleId::new(to),
                InterfaceKind::Rpc,
            ));
        }
        let forest = Forest::new(&d);
        let (_, around) = routing::routed(&d, &forest, &[0]).remove(0);
        assert!(!around.is_empty(), "a->b bends around c");
        d.interfaces[0].points = around;
        d.interfaces[1].points = vec![Point::new(80.0, 240.0), Point::new(400.0, 240.0)];
        d
    }

    #[test]
    fn routed_lines_are_routed_again_where_they_land_and_hand_bends_move_along() {
        let d = routed_row();
        let everything: Vec<ElementRef> = (d.modules.iter())
            .map(|m| ElementRef::Module(m.id.clone()))
            .collect();
        let clip = copy(&d, &everything).expect("copied");
        assert!(
            clip.interfaces[0].points.is_empty(),
            "the router's points stay behind"
        );
        assert_eq!(clip.interfaces[1].points, d.interfaces[1].points);

        let (edit, _) = paste(&d, &clip, PasteAt::Offset(0.0, 800.0), 8.0).expect("pasted");
        let mut after = d.clone();
        edit.apply(&mut after).expect("valid");
        let (routed, bent) = (2, 3);
        let forest = Forest::new(&after);
        assert_eq!(
            routing::auto_routed(&after, &forest, &[routed, bent]),
            vec![true, false]
        );
        assert!(
            !after.interfaces[routed].points.is_empty(),
            "still around c"
        );
        let dy = after.modules[3].pos.expect("placed").y - d.modules[0].pos.expect("placed").y;
        let moved: Vec<Point> = (d.interfaces[1].points.iter())
            .map(|p| Point::new(p.x, p.y + dy))
            .collect();
        assert_eq!(after.interfaces[bent].points, moved);
    }
}
