//! The reference's lines: which lines a move may change, judged and
//! routed again among every obstacle of the diagram.

#![allow(clippy::pedantic)]

use crate::layout::{Placed, reroute};
use crate::model::{Diagram, Module, Point, Rect, Unit};
use crate::theme::GRID;
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// How far from a box the router's bends around it lie at most (a
/// clearance of a grid step, then out to the grid), plus a little: a line
/// passing this close to a box that moved away may have been bent around
/// it.
const DETOUR_REACH: f32 = 2.0 * GRID + 1.0;

/// A move or a resize, for [`after_move`]: what it changes.
pub(super) struct Moved<'a> {
    /// The moved modules, at their new places, by position in the
    /// diagram's modules.
    pub modules: &'a BTreeMap<usize, Module>,
    /// Every unit after the move (moved, and grown to fit).
    pub units: &'a [Unit],
    /// The modules that move (or are resized), by position.
    pub moving: &'a BTreeSet<usize>,
    /// The boxes that moved as the user sees them (each moved module and
    /// each moved unit whose parent stays), before the move.
    pub before: Vec<Rect>,
    /// The same boxes after the move.
    pub after: Vec<Rect>,
    /// The offset (zero for a resize).
    pub dx: f32,
    /// See `dx`.
    pub dy: f32,
}

/// What a move (or resize) does to lines, as new waypoints by position
/// in the diagram's interfaces: the lines of the moved boxes, and the
/// lines of other boxes that ran across or around a moved box, are routed
/// again when they were routed automatically; hand-placed bends are kept,
/// and move along when both ends of their line move.
pub(super) fn after_move(diagram: &Diagram, moved: &Moved) -> Vec<(usize, Vec<Point>)> {
    let ends = Ends::of(diagram);
    let candidates = candidates(diagram, &ends, moved);
    if candidates.is_empty() {
        return Vec::new();
    }
    let group = ends.with_siblings(candidates.iter().copied());
    let needs_judging = group
        .iter()
        .any(|&i| !diagram.interfaces[i].points.is_empty());
    let placed = Obstacles::of(diagram.modules.iter(), &diagram.units);
    let before = if needs_judging {
        placed.routes(&ends, &group)
    } else {
        HashMap::new()
    };
    let after = placed.moved(moved).routes(&ends, &group);
    let mut changed = Vec::new();
    for i in group {
        let interface = &diagram.interfaces[i];
        let auto = interface.points.is_empty() || before.get(&i) == Some(&interface.points);
        let carried =
            ends.of[i].is_some_and(|(a, b)| moved.moving.contains(&a) && moved.moving.contains(&b));
        let points: Vec<Point> = if auto && interface.from != interface.to {
            after.get(&i).cloned().unwrap_or_default()
        } else if carried {
            let (dx, dy) = (moved.dx, moved.dy);
            interface
                .points
                .iter()
                .map(|p| Point::new(p.x + dx, p.y + dy))
                .collect()
        } else {
            continue;
        };
        if points != interface.points {
            changed.push((i, points));
        }
    }
    changed
}

/// The lines a move may change: those of the moved modules, and those of
/// other modules with a segment across a moved box's new place or near its
/// old one (a route may have bent around it there).
fn candidates(diagram: &Diagram, ends: &Ends, moved: &Moved) -> BTreeSet<usize> {
    let mut out = BTreeSet::new();
    let near: Vec<Rect> = moved
        .before
        .iter()
        .map(|r| r.expand(DETOUR_REACH))
        .chain(moved.after.iter().copied())
        .collect();
    let reach = near.iter().copied().reduce(|a, b| a.union(&b));
    let centers: Vec<Option<Point>> = diagram
        .modules
        .iter()
        .map(|m| m.rect().map(|r| r.center()))
        .collect();
    let moving = |m: usize| moved.moving.contains(&m);
    for (i, f) in diagram.interfaces.iter().enumerate() {
        let Some((a, b)) = ends.of[i] else {
            continue;
        };
        if moving(a) || moving(b) {
            out.insert(i);
            continue;
        }
        let Some(reach) = reach else {
            continue;
        };
        let (Some(a), Some(b)) = (centers[a], centers[b]) else {
            continue;
        };
        let crosses = |p: Point, q: Point| {
            segment_crosses(&reach, p, q) && near.iter().any(|r| segment_crosses(r, p, q))
        };
        // The line's course: centre, waypoints, centre.
        let mut from = a;
        for &to in f.points.iter().chain(std::iter::once(&b)) {
            if crosses(from, to) {
                out.insert(i);
                break;
            }
            from = to;
        }
    }
    out
}

/// Whether the segment from `p` to `q` passes through the inside of
/// `rect` (touching its border is not enough).
fn segment_crosses(rect: &Rect, p: Point, q: Point) -> bool {
    let (dx, dy) = (q.x - p.x, q.y - p.y);
    let (mut t0, mut t1) = (0.0f32, 1.0f32);
    for (d, low, high, at) in [
        (dx, rect.x, rect.right(), p.x),
        (dy, rect.y, rect.bottom(), p.y),
    ] {
        if d.abs() < f32::EPSILON {
            if at <= low || at >= high {
                return false;
            }
            continue;
        }
        let (a, b) = ((low - at) / d, (high - at) / d);
        t0 = t0.max(a.min(b));
        t1 = t1.min(a.max(b));
    }
    t1 > t0
}

/// The two modules (positions in the diagram's modules) of each
/// interface, by position; `None` for an end that names no module.
struct Ends {
    of: Vec<Option<(usize, usize)>>,
}

impl Ends {
    fn of(diagram: &Diagram) -> Self {
        let by_id: FxHashMap<&str, usize> = diagram
            .modules
            .iter()
            .enumerate()
            .map(|(i, m)| (m.id.as_str(), i))
            .collect();
        Ends {
            of: diagram
                .interfaces
                .iter()
                .map(|f| {
                    let a = by_id.get(f.from.as_str())?;
                    let b = by_id.get(f.to.as_str())?;
                    Some((*a, *b))
                })
                .collect(),
        }
    }

    /// `lines` and every other line between the same two modules as one of
    /// them (they share a route), in file order.
    fn with_siblings(&self, lines: impl Iterator<Item = usize>) -> BTreeSet<usize> {
        let pair = |i: usize| {
            let (a, b) = self.of.get(i).copied().flatten()?;
            Some((a.min(b), a.max(b)))
        };
        let mut out: BTreeSet<usize> = BTreeSet::new();
        let mut pairs: FxHashSet<(usize, usize)> = FxHashSet::default();
        for i in lines.filter(|&i| i < self.of.len()) {
            out.insert(i);
            pairs.extend(pair(i));
        }
        if !pairs.is_empty() {
            out.extend((0..self.of.len()).filter(|&i| pair(i).is_some_and(|p| pairs.contains(&p))));
        }
        out
    }
}

/// A module as the router sees it, given the units' positions by id.
fn placed(m: &Module, unit_index: &FxHashMap<&str, usize>) -> Placed {
    Placed {
        rect: m.rect(),
        unit: m
            .unit
            .as_ref()
            .and_then(|u| unit_index.get(u.as_str()).copied()),
    }
}

/// The boxes and units the router goes around, as [`reroute`] takes them.
struct Obstacles {
    pub modules: Vec<Placed>,
    pub units: Vec<Placed>,
}

impl Obstacles {
    fn of<'m>(modules: impl Iterator<Item = &'m Module>, units: &[Unit]) -> Self {
        let mut obstacles = Obstacles {
            modules: Vec::new(),
            units: Vec::new(),
        };
        let unit_index = obstacles.set_units(units);
        obstacles.modules = modules.map(|m| placed(m, &unit_index)).collect();
        obstacles
    }

    /// Sets the units; returns their positions by id.
    fn set_units<'u>(&mut self, units: &'u [Unit]) -> FxHashMap<&'u str, usize> {
        let unit_index: FxHashMap<&str, usize> = units
            .iter()
            .enumerate()
            .map(|(i, u)| (u.id.as_str(), i))
            .collect();
        self.units = units
            .iter()
            .map(|u| Placed {
                rect: u.rect,
                unit: u
                    .parent
                    .as_ref()
                    .and_then(|p| unit_index.get(p.as_str()).copied()),
            })
            .collect();
        unit_index
    }

    /// The obstacles after `moved`: only the moved modules and the units
    /// are looked at again.
    fn moved(mut self, moved: &Moved) -> Self {
        let unit_index = self.set_units(moved.units);
        for (&i, m) in moved.modules {
            self.modules[i] = placed(m, &unit_index);
        }
        self
    }

    /// The router's waypoints for each of `lines` (with the other lines
    /// of their pairs among them), by position in the diagram's
    /// interfaces. A line whose ends are unknown gets none.
    fn routes(&self, ends: &Ends, lines: &BTreeSet<usize>) -> HashMap<usize, Vec<Point>> {
        let (known, pairs): (Vec<usize>, Vec<(usize, usize)>) = lines
            .iter()
            .filter_map(|&i| Some((i, ends.of.get(i).copied().flatten()?)))
            .unzip();
        known
            .into_iter()
            .zip(reroute(&self.modules, &self.units, &pairs))
            .collect()
    }
}
