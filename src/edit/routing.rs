//! Which lines the router drew, and drawing them again after a move.
//!
//! The file keeps one list of waypoints per line, whoever placed them (no
//! flag says which). The rule that tells them apart: a line's waypoints
//! are *routed automatically* when there are none, or when they are
//! exactly what the router ([`crate::layout::reroute`], the same router
//! Tidy up uses) gives that line in the diagram as it stands. Any other
//! waypoints were placed by hand (a bend dragged out of the line, or
//! moved, or routed points the diagram has since moved away from) and are
//! kept.
//!
//! This holds because the router is a pure function of the geometry: a
//! line's route depends only on its two boxes, the boxes and units in its
//! way, and the other lines between the same two boxes (which share the
//! route, side by side, in the order of the file). So the lines a move
//! touches are judged with the geometry before the move, and those routed
//! automatically are routed again with the geometry after it; hand-placed
//! bends stay where they are (moving with the line when both its ends
//! move).

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

/// Whether each of `lines` (positions in `diagram.interfaces`) is routed
/// automatically in `diagram` as it stands (see the module docs).
#[must_use]
pub fn auto_routed(diagram: &Diagram, lines: &[usize]) -> Vec<bool> {
    let ends = Ends::of(diagram);
    let placed = Obstacles::of(diagram.modules.iter(), &diagram.units);
    let group = ends.with_siblings(lines.iter().copied());
    let routes = placed.routes(&ends, &group);
    lines
        .iter()
        .map(|&i| {
            diagram.interfaces.get(i).is_some_and(|f| {
                f.points.is_empty() || routes.get(&i).is_some_and(|r| *r == f.points)
            })
        })
        .collect()
}

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
    modules: Vec<Placed>,
    units: Vec<Placed>,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::geometry::{Drop, move_elements};
    use crate::edit::{Edit, ElementRef};
    use crate::model::{Interface, InterfaceKind, ModuleId, ModuleKind, Size};

    /// `a` (0,0) and `b` (600,0) with `c` between them, and `d` below `a`
    /// at (0,400); lines a -> b (routed around c) and a -> d (straight).
    fn boxes() -> Diagram {
        let mut d = Diagram::new();
        for (id, x, y) in [
            ("a", 0.0, 0.0),
            ("b", 600.0, 0.0),
            ("c", 300.0, -8.0),
            ("d", 0.0, 400.0),
        ] {
            let mut m = Module::new(id, id.to_uppercase(), ModuleKind::Component);
            m.pos = Some(Point::new(x, y));
            m.size = Some(Size::new(120.0, 56.0));
            d.modules.push(m);
        }
        for (id, to) in [("a->b", "b"), ("a->d", "d")] {
            d.interfaces.push(Interface::new(
                id,
                ModuleId::new("a"),
                ModuleId::new(to),
                InterfaceKind::Rpc,
            ));
        }
        crate::layout::lay_out(&mut d, crate::layout::Mode::MissingOnly);
        let routed = auto_reroute_all(&d);
        routed.apply(&mut d).expect("valid");
        d
    }

    /// Every line routed as the router would.
    fn auto_reroute_all(d: &Diagram) -> Edit {
        let all: BTreeSet<usize> = (0..d.interfaces.len()).collect();
        let routes = Obstacles::of(d.modules.iter(), &d.units).routes(&Ends::of(d), &all);
        let mut new = d.clone();
        for (i, points) in routes {
            new.interfaces[i].points = points;
        }
        Edit::between(d, &new)
    }

    fn move_module(d: &mut Diagram, id: &str, dx: f32, dy: f32) {
        let edit = move_elements(
            d,
            &[ElementRef::Module(ModuleId::new(id))],
            dx,
            dy,
            Drop::KeepUnits,
        )
        .expect("move");
        edit.apply(d).expect("valid");
    }

    #[test]
    fn routed_points_are_told_from_hand_placed_ones() {
        let mut d = boxes();
        assert!(!d.interfaces[0].points.is_empty(), "a -> b bends around c");
        assert_eq!(auto_routed(&d, &[0, 1]), vec![true, true]);
        d.interfaces[0].points[0].y -= 8.0;
        assert_eq!(auto_routed(&d, &[0, 1]), vec![false, true]);
    }

    #[test]
    fn a_hand_bend_survives_moving_an_end_while_a_routed_line_is_routed_again() {
        let mut d = boxes();
        // a -> d gets a bend by hand; a -> b keeps the router's.
        let hand = vec![Point::new(-120.0, 200.0)];
        d.interfaces[1].points.clone_from(&hand);
        let routed_before = d.interfaces[0].points.clone();
        // Move a down, clear of c: the routed line goes straight again.
        move_module(&mut d, "a", 0.0, 200.0);
        assert_eq!(d.interfaces[1].points, hand, "the hand bend stays");
        assert_ne!(d.interfaces[0].points, routed_before);
        assert_eq!(auto_routed(&d, &[0]), vec![true], "routed again");
        // And again: the router's points are still recognised as its own.
        move_module(&mut d, "a", 0.0, -200.0);
        assert_eq!(d.interfaces[0].points, routed_before);
        assert_eq!(d.interfaces[1].points, hand);
    }

    #[test]
    fn moving_both_ends_carries_hand_bends_along() {
        let mut d = boxes();
        d.interfaces[1].points = vec![Point::new(-120.0, 200.0)];
        let edit = move_elements(
            &d,
            &[
                ElementRef::Module(ModuleId::new("a")),
                ElementRef::Module(ModuleId::new("d")),
            ],
            -400.0,
            0.0,
            Drop::KeepUnits,
        )
        .expect("move");
        edit.apply(&mut d).expect("valid");
        assert_eq!(d.interfaces[1].points, vec![Point::new(-520.0, 200.0)]);
    }

    #[test]
    fn a_box_moved_across_another_boxs_routed_line_bends_it_and_moved_away_straightens_it() {
        let mut d = boxes();
        // c moves away: the line a -> b no longer needs to bend.
        move_module(&mut d, "c", 0.0, 300.0);
        assert!(
            d.interfaces[0].points.is_empty(),
            "{:?}",
            d.interfaces[0].points
        );
        // c moves back into its way: it bends again.
        move_module(&mut d, "c", 0.0, -300.0);
        assert!(!d.interfaces[0].points.is_empty());
        assert_eq!(auto_routed(&d, &[0]), vec![true]);
        // A hand-bent line is left alone when a box moves across it.
        let hand = vec![Point::new(300.0, 200.0)];
        d.interfaces[0].points.clone_from(&hand);
        move_module(&mut d, "c", 0.0, 200.0);
        assert_eq!(d.interfaces[0].points, hand);
    }

    #[test]
    fn resizing_a_box_out_of_a_routed_lines_way_straightens_it() {
        let mut d = boxes();
        let c = ElementRef::Module(ModuleId::new("c"));
        // c now ends above the line a -> b (y = 28).
        let edit = crate::edit::geometry::resize(&d, &c, Rect::new(300.0, -40.0, 120.0, 60.0))
            .expect("resize");
        edit.apply(&mut d).expect("valid");
        assert!(
            d.interfaces[0].points.is_empty(),
            "{:?}",
            d.interfaces[0].points
        );
    }

    #[test]
    fn tidy_up_routes_count_as_routed_automatically_on_every_example() {
        let mut bent = 0;
        for example in crate::examples::ALL {
            let name = example.name;
            let mut d = crate::file::load_str(example.text).expect("example loads");
            crate::layout::lay_out(&mut d, crate::layout::Mode::All);
            let lines: Vec<usize> = (0..d.interfaces.len()).collect();
            bent += d.interfaces.iter().filter(|f| !f.points.is_empty()).count();
            let auto = auto_routed(&d, &lines);
            let hand: Vec<&str> = lines
                .iter()
                .filter(|&&i| !auto[i])
                .map(|&i| d.interfaces[i].id.as_str())
                .collect();
            assert!(hand.is_empty(), "{name}: {hand:?} look hand-placed");
        }
        assert!(bent > 0, "some lines bend around boxes");
    }

    #[test]
    fn segments_cross_the_inside_of_a_rectangle_only() {
        let r = Rect::new(0.0, 0.0, 100.0, 50.0);
        let at = |x0, y0, x1, y1| segment_crosses(&r, Point::new(x0, y0), Point::new(x1, y1));
        assert!(at(-10.0, 25.0, 110.0, 25.0));
        assert!(at(50.0, 25.0, 50.0, 200.0), "from inside");
        assert!(!at(-10.0, 0.0, 110.0, 0.0), "along the border");
        assert!(!at(-10.0, 60.0, 110.0, 60.0));
        assert!(!at(-10.0, 25.0, -1.0, 25.0), "stops short");
    }
}
