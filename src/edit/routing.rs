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

use super::moving::Changed;
use crate::layout::{Placed, reroute_watching, segment_entry};
use crate::model::{Diagram, Forest, Point, Rect};
use crate::theme::GRID;
use rustc_hash::FxHashSet;
use std::collections::{BTreeSet, HashMap};

/// How far from a box the router's bends around it lie at most (a
/// clearance of a grid step, then out to the grid), plus a little: a line
/// passing this close to a box that moved away may have been bent around
/// it.
const DETOUR_REACH: f32 = 2.0 * GRID + 1.0;

/// Whether each of `lines` (positions in `diagram.interfaces`) is routed
/// automatically in `diagram` as it stands (see the module docs); `forest`
/// is the diagram's.
#[must_use]
pub fn auto_routed(diagram: &Diagram, forest: &Forest, lines: &[usize]) -> Vec<bool> {
    let unchanged = Changed::new(diagram, forest);
    let group = with_siblings(forest, diagram.interfaces.len(), lines.iter().copied());
    let routes = routes(&unchanged, &group, &[]);
    lines
        .iter()
        .map(|&i| {
            diagram.interfaces.get(i).is_some_and(|f| {
                f.points.is_empty() || routes.get(&i).is_some_and(|(r, _)| *r == f.points)
            })
        })
        .collect()
}

/// The router's waypoints for `lines` (positions in `diagram.interfaces`)
/// in `diagram` as it stands, each line with its route; `forest` is the
/// diagram's. The other lines between the same two modules share the route
/// but keep their own waypoints.
#[must_use]
pub(super) fn routed(
    diagram: &Diagram,
    forest: &Forest,
    lines: &[usize],
) -> Vec<(usize, Vec<Point>)> {
    let unchanged = Changed::new(diagram, forest);
    let group = with_siblings(forest, diagram.interfaces.len(), lines.iter().copied());
    let mut routes = routes(&unchanged, &group, &[]);
    (lines.iter())
        .filter_map(|&i| Some((i, routes.remove(&i)?.0)))
        .collect()
}

/// After line `line` joined `after` (the diagram `before` plus that line,
/// at the end): the router's waypoints for it, and for the other lines
/// between the same two modules that `before` had routed automatically
/// (they share the route, side by side, so one more shifts them); hand-
/// placed bends stay. Only the lines whose waypoints change are returned.
#[must_use]
pub(super) fn after_connect(
    before: &Diagram,
    after: &Diagram,
    line: usize,
) -> Vec<(usize, Vec<Point>)> {
    let forest = Forest::new(after);
    let siblings: Vec<usize> =
        with_siblings(&forest, after.interfaces.len(), std::iter::once(line))
            .into_iter()
            .filter(|&i| i != line && i < before.interfaces.len())
            .collect();
    let auto = auto_routed(before, &Forest::new(before), &siblings);
    let lines: Vec<usize> = (siblings.iter().zip(auto))
        .filter_map(|(&i, auto)| auto.then_some(i))
        .chain(std::iter::once(line))
        .collect();
    routed(after, &forest, &lines)
        .into_iter()
        .filter(|(i, points)| after.interfaces[*i].points != *points)
        .collect()
}

/// A move or a resize, for [`after_move`]: what it changes.
pub(super) struct Moved<'a> {
    /// The diagram after the move (moved modules and units, grown units),
    /// as replacements of the diagram before.
    pub after: &'a Changed<'a>,
    /// The modules that move (or are resized), by position.
    pub moving: &'a BTreeSet<usize>,
    /// The boxes that moved as the user sees them (each moved module and
    /// each moved unit whose parent stays), before the move.
    pub boxes_before: Vec<Rect>,
    /// The same boxes after the move.
    pub boxes_after: Vec<Rect>,
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
pub(super) fn after_move(moved: &Moved) -> Vec<(usize, Vec<Point>)> {
    let (diagram, forest) = (moved.after.diagram, moved.after.forest);
    let candidates = candidates(diagram, forest, moved);
    if candidates.is_empty() {
        return Vec::new();
    }
    let group = with_siblings(forest, diagram.interfaces.len(), candidates.iter().copied());
    // Every line is routed with the geometry after the move, watching
    // where the changed boxes and units were and are. A pair of modules
    // neither of which moves, whose route never looked across them, has
    // the same route before the move: nothing to judge it against but
    // that. The other pairs with a bent line are routed before the move
    // too, to tell routed lines from hand-placed ones.
    let watched = watched(moved.after);
    let after = routes(moved.after, &group, &watched);
    let pair = |i: usize| forest.ends(i).map(|(a, b)| (a.min(b), a.max(b)));
    let moves = |(a, b): (usize, usize)| moved.moving.contains(&a) || moved.moving.contains(&b);
    let changes = |i: usize| after.get(&i).is_some_and(|(_, looked)| *looked);
    let to_judge = (group.iter().copied())
        .filter(|&i| !diagram.interfaces[i].points.is_empty())
        .filter(|&i| changes(i) || pair(i).is_some_and(moves))
        .filter_map(pair)
        .collect::<FxHashSet<_>>();
    let judged: BTreeSet<usize> = (group.iter().copied())
        .filter(|&i| pair(i).is_some_and(|p| to_judge.contains(&p)))
        .collect();
    let before = if judged.is_empty() {
        HashMap::new()
    } else {
        routes(&Changed::new(diagram, forest), &judged, &[])
    };
    let auto = |i: usize| {
        let interface = &diagram.interfaces[i];
        let routed = if judged.contains(&i) {
            before.get(&i).map(|(route, _)| route)
        } else {
            after.get(&i).map(|(route, _)| route)
        };
        interface.points.is_empty() || routed == Some(&interface.points)
    };
    let mut changed = Vec::new();
    for &i in &group {
        let interface = &diagram.interfaces[i];
        let auto = auto(i);
        let carried = forest
            .ends(i)
            .is_some_and(|(a, b)| moved.moving.contains(&a) && moved.moving.contains(&b));
        let points: Vec<Point> = if auto && interface.from != interface.to {
            after
                .get(&i)
                .map(|(route, _)| route.clone())
                .unwrap_or_default()
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
fn candidates(diagram: &Diagram, forest: &Forest, moved: &Moved) -> BTreeSet<usize> {
    let mut out: BTreeSet<usize> = (moved.moving.iter())
        .flat_map(|&m| forest.interfaces_at(m))
        .collect();
    let near: Vec<Rect> = (moved.boxes_before.iter())
        .map(|r| r.expand(DETOUR_REACH))
        .chain(moved.boxes_after.iter().copied())
        .collect();
    let Some(reach) = near.iter().copied().reduce(|a, b| a.union(&b)) else {
        return out;
    };
    let center = |m: usize| diagram.modules[m].rect().map(|r| r.center());
    for (i, f) in diagram.interfaces.iter().enumerate() {
        let Some((a, b)) = forest.ends(i) else {
            continue;
        };
        if moved.moving.contains(&a) || moved.moving.contains(&b) {
            continue;
        }
        let (Some(a), Some(b)) = (center(a), center(b)) else {
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
/// `rect` at all (touching its border is not enough). The router's own
/// test, with no tolerance for grazing: a line that may have been bent
/// around a box is looked at again.
fn segment_crosses(rect: &Rect, p: Point, q: Point) -> bool {
    segment_entry(rect, p, q, 0.0).is_some()
}

/// `lines` and every other line between the same two modules as one of
/// them (they share a route), in file order.
/// `count` is how many interfaces there are.
fn with_siblings(
    forest: &Forest,
    count: usize,
    lines: impl Iterator<Item = usize>,
) -> BTreeSet<usize> {
    let pair = |i: usize| {
        let (a, b) = forest.ends(i)?;
        Some((a.min(b), a.max(b)))
    };
    let mut out: BTreeSet<usize> = BTreeSet::new();
    let mut pairs: FxHashSet<(usize, usize)> = FxHashSet::default();
    for i in lines.filter(|&i| i < count) {
        out.insert(i);
        pairs.extend(pair(i));
    }
    for &(a, _) in &pairs {
        out.extend(
            forest
                .interfaces_at(a)
                .filter(|&i| pair(i).is_some_and(|p| pairs.contains(&p))),
        );
    }
    out
}

/// Where the boxes and units `changed` replaces were and are: what a move
/// or resize can have changed for the router.
fn watched(changed: &Changed) -> Vec<Rect> {
    let diagram = changed.diagram;
    let modules = (changed.modules.iter())
        .flat_map(|(&m, module)| [diagram.modules[m].rect(), module.rect()]);
    let units = (changed.units.iter()).flat_map(|(&u, unit)| [diagram.units[u].rect, unit.rect]);
    modules.chain(units).flatten().collect()
}

/// The router's waypoints for each of `lines` (with the other lines of
/// their pairs among them) in the diagram as `changed` has it, by position
/// in the diagram's interfaces, each with whether the router looked across
/// any of the `watched` rectangles finding it. A line whose ends are
/// unknown gets none.
fn routes(
    changed: &Changed,
    lines: &BTreeSet<usize>,
    watched: &[Rect],
) -> HashMap<usize, (Vec<Point>, bool)> {
    let (diagram, forest) = (changed.diagram, changed.forest);
    let mut modules: Vec<Placed> = (diagram.modules.iter().enumerate())
        .map(|(m, module)| Placed {
            rect: module.rect(),
            unit: forest.unit_of(m),
        })
        .collect();
    for &m in changed.modules.keys() {
        modules[m] = Placed {
            rect: changed.module(m).rect(),
            unit: changed.unit_of(m),
        };
    }
    let mut units: Vec<Placed> = (diagram.units.iter().enumerate())
        .map(|(u, unit)| Placed {
            rect: unit.rect,
            unit: forest.parent(u),
        })
        .collect();
    for &u in changed.units.keys() {
        units[u] = Placed {
            rect: changed.unit(u).rect,
            unit: changed.parent(u),
        };
    }
    let (known, pairs): (Vec<usize>, Vec<(usize, usize)>) = lines
        .iter()
        .filter_map(|&i| Some((i, forest.ends(i)?)))
        .unzip();
    known
        .into_iter()
        .zip(reroute_watching(&modules, &units, &pairs, watched))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::geometry::{Drop, move_elements};
    use crate::edit::{Edit, ElementRef};
    use crate::model::{Interface, InterfaceKind, Module, ModuleId, ModuleKind, Size};

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
        let forest = Forest::new(d);
        let routes = routes(&Changed::new(d, &forest), &all, &[]);
        let mut new = d.clone();
        for (i, (points, _)) in routes {
            new.interfaces[i].points = points;
        }
        Edit::between(d, &new)
    }

    fn move_module(d: &mut Diagram, id: &str, dx: f32, dy: f32) {
        let edit = move_elements(
            d,
            &Forest::new(d),
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
        assert_eq!(auto_routed(&d, &Forest::new(&d), &[0, 1]), vec![true, true]);
        d.interfaces[0].points[0].y -= 8.0;
        assert_eq!(
            auto_routed(&d, &Forest::new(&d), &[0, 1]),
            vec![false, true]
        );
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
        assert_eq!(
            auto_routed(&d, &Forest::new(&d), &[0]),
            vec![true],
            "routed again"
        );
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
            &Forest::new(&d),
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
        assert_eq!(auto_routed(&d, &Forest::new(&d), &[0]), vec![true]);
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
        let edit = crate::edit::geometry::resize(
            &d,
            &Forest::new(&d),
            &c,
            Rect::new(300.0, -40.0, 120.0, 60.0),
        )
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
            let auto = auto_routed(&d, &Forest::new(&d), &lines);
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
