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
mod tests;
