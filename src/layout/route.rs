//! Lines around boxes: waypoints for interfaces whose straight line would
//! cross a module box or a unit that holds neither end.
//!
//! Each line is straight when it can be. When it would cross something, it
//! bends around the first thing it meets, by that thing's corners (a grid
//! step out) on whichever side is shorter, and each new piece is routed the
//! same way, a few times deep. Waypoints that turn out not to be needed are
//! dropped, and a route is only kept when it crosses less than the straight
//! line did. Obstacles live in a uniform [`Grid`] sized by their number
//! (never by their size) and a segment visits only the occupied cells it
//! passes through, so routing every line of a large diagram stays near
//! linear.
//!
//! Several interfaces between the same two modules share one route, drawn
//! side by side a grid step apart.
//!
//! A route is a pure function of the obstacles its segments cross: when two
//! obstacles are met at the same point, the one first in the obstacle order
//! (modules by position, then units) is gone around, whatever grid holds
//! them. So a route found among only the obstacles near it is the route
//! found among all of them, which is how lines are routed again after a move
//! ([`reroute`]). The steps: this file (the router), `segment` (where a
//! segment enters a rectangle, the detour around one, the grid columns a
//! segment passes), `reroute` (routing a few lines among the obstacles near
//! them).

mod reroute;
mod segment;

pub use reroute::{Placed, reroute, reroute_watching};
pub use segment::segment_entry;

use crate::grid::Grid;
use crate::model::{Point, Rect};
use crate::theme::GRID;
use rustc_hash::FxHashMap;
use segment::{columns, detour};

/// How far a bend keeps from the corner it goes around.
const CLEARANCE: f32 = GRID;

/// Space between interfaces that share a route.
const SIDE_BY_SIDE: f32 = GRID;

/// How many times a piece of a route may bend again.
const DEPTH: usize = 4;

/// The smallest side of a grid cell (about a module and its gap).
const MIN_CELL: f32 = 256.0;

/// Up to this many obstacles are held in one grid cell ([`ONE_CELL`]).
const FEW: usize = 96;

/// A cell side larger than any diagram (the geometry limits keep
/// coordinates within 10⁶).
const ONE_CELL: f32 = 1.0e9;

/// How far a segment must run inside a box to cross it: grazing a corner
/// or running along a side is not crossing.
const GRAZE: f32 = 1e-4;

/// What may stand in a line's way. The order (modules by position, then
/// units) settles which of two obstacles met at the same point a line goes
/// around.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Obstacle {
    /// A module's box.
    Module(usize),
    /// A unit's rectangle.
    Unit(usize),
}

/// The obstacles of a diagram and the grid over them.
pub(super) struct Router<'a> {
    rects: Vec<(Obstacle, Rect)>,
    grid: Grid,
    /// The units each module lies in, innermost first: its ancestors, which
    /// its lines may cross.
    ancestors: &'a dyn Fn(usize) -> Vec<usize>,
    /// Obstacles already tested for the segment at hand.
    stamp: Vec<u32>,
    round: u32,
    /// The ends of every segment scanned, while someone asks (set it to
    /// an empty list): a route depends only on the obstacles these
    /// segments cross.
    seen: Option<Vec<Point>>,
}

/// The interface being routed: its end modules, which it may cross, with
/// their ancestor units.
struct Ends {
    modules: [usize; 2],
    units: Vec<usize>,
}

impl Ends {
    fn allows(&self, obstacle: Obstacle) -> bool {
        match obstacle {
            Obstacle::Module(m) => self.modules.contains(&m),
            Obstacle::Unit(u) => self.units.contains(&u),
        }
    }
}

impl<'a> Router<'a> {
    /// A router around `modules` and `units` (absolute rectangles, by
    /// index); `ancestors(m)` lists the units module `m` lies in.
    pub(super) fn new(
        modules: &[Rect],
        units: &[Rect],
        ancestors: &'a dyn Fn(usize) -> Vec<usize>,
    ) -> Self {
        let all = (modules
            .iter()
            .enumerate()
            .map(|(i, r)| (Obstacle::Module(i), *r)))
        .chain(
            units
                .iter()
                .enumerate()
                .map(|(i, r)| (Obstacle::Unit(i), *r)),
        );
        Router::around_obstacles(
            all.filter(|(_, rect)| is_obstacle(rect)).collect(),
            ancestors,
        )
    }

    /// A router around `rects` (each an obstacle with its rectangle, in
    /// any order).
    fn around_obstacles(
        rects: Vec<(Obstacle, Rect)>,
        ancestors: &'a dyn Fn(usize) -> Vec<usize>,
    ) -> Self {
        let boxes: Vec<Rect> = rects.iter().map(|(_, rect)| *rect).collect();
        // A few obstacles share one cell: a scan tests them all, which is
        // cheaper than filling cells for them.
        let min_cell = if boxes.len() <= FEW {
            ONE_CELL
        } else {
            MIN_CELL
        };
        Router {
            grid: Grid::of(&boxes, min_cell),
            stamp: vec![0; rects.len()],
            rects,
            ancestors,
            round: 0,
            seen: None,
        }
    }

    /// Waypoints for every interface in `pairs` (its two end modules, or
    /// `None` when it is not routed), in order: empty when the straight
    /// line is best.
    pub(super) fn route_all(
        &mut self,
        modules: &[Rect],
        pairs: &[Option<(usize, usize)>],
    ) -> Vec<Vec<Point>> {
        let center = |m: usize| modules[m].center();
        side_by_side(pairs, &center, |a, b| {
            self.route(center(a), center(b), a, b)
        })
    }

    /// The waypoints from module `a` (centre `p`) to module `b` (centre `q`).
    fn route(&mut self, p: Point, q: Point, a: usize, b: usize) -> Vec<Point> {
        let mut units = (self.ancestors)(a);
        units.extend((self.ancestors)(b));
        let ends = Ends {
            modules: [a, b],
            units,
        };
        if self.first_hit(&ends, p, q).is_none() {
            return Vec::new();
        }
        let mut path = vec![p];
        self.around(&ends, p, q, DEPTH, &mut path);
        path.push(q);
        self.simplify(&ends, &mut path);
        if self.is_clear(&ends, &path) || self.hits(&ends, &path) < self.hits(&ends, &[p, q]) {
            path[1..path.len() - 1].to_vec()
        } else {
            Vec::new()
        }
    }

    /// Appends the bends from `p` to `q` (neither included).
    fn around(&mut self, ends: &Ends, p: Point, q: Point, depth: usize, out: &mut Vec<Point>) {
        if depth == 0 {
            return;
        }
        let Some(rect) = self.first_hit(ends, p, q) else {
            return;
        };
        let corners = detour(&rect, p, q);
        let mut from = p;
        for &c in &corners {
            self.around(ends, from, c, depth - 1, out);
            out.push(c);
            from = c;
        }
        self.around(ends, from, q, depth - 1, out);
    }

    /// Drops each bend whose neighbours see each other.
    fn simplify(&mut self, ends: &Ends, path: &mut Vec<Point>) {
        let mut i = 1;
        while i + 1 < path.len() {
            if self.first_hit(ends, path[i - 1], path[i + 1]).is_none() {
                path.remove(i);
            } else {
                i += 1;
            }
        }
    }

    /// Whether the polyline crosses nothing.
    fn is_clear(&mut self, ends: &Ends, path: &[Point]) -> bool {
        path.windows(2).all(|w| {
            let mut clear = true;
            self.scan(ends, w[0], w[1], Scan::Any, |_| clear = false);
            clear
        })
    }

    /// How many obstacles the polyline crosses (each counted per segment).
    fn hits(&mut self, ends: &Ends, path: &[Point]) -> usize {
        let mut count = 0;
        for w in path.windows(2) {
            self.scan(ends, w[0], w[1], Scan::All, |_| count += 1);
        }
        count
    }

    /// The obstacle the segment meets first, as its rectangle (of two met
    /// at the same point, the first in the obstacle order).
    fn first_hit(&mut self, ends: &Ends, p: Point, q: Point) -> Option<Rect> {
        let mut best: Option<(f32, Obstacle, Rect)> = None;
        self.scan(ends, p, q, Scan::First, |(t, obstacle, rect)| {
            if best.is_none_or(|(b, first, _)| t < b || (t == b && obstacle < first)) {
                best = Some((t, obstacle, rect));
            }
        });
        best.map(|(_, _, rect)| rect)
    }

    /// Calls `found` with the obstacles the segment crosses and where along
    /// it each crossing starts, visiting the grid from `p` towards `q` a
    /// column at a time, as many as `scan` asks for.
    fn scan(
        &mut self,
        ends: &Ends,
        p: Point,
        q: Point,
        scan: Scan,
        mut found: impl FnMut((f32, Obstacle, Rect)),
    ) {
        if let Some(seen) = &mut self.seen {
            seen.extend([p, q]);
        }
        self.round = self.round.wrapping_add(1);
        if self.round == 0 {
            self.stamp.iter_mut().for_each(|s| *s = 0);
            self.round = 1;
        }
        let Router {
            grid,
            stamp,
            rects,
            round,
            ..
        } = self;
        let earliest = std::cell::Cell::new(f32::INFINITY);
        // Looks at obstacle `i` (once per scan); `true` when the scan is
        // over.
        let mut visit = |i: u32| {
            if stamp[i as usize] == *round {
                return false;
            }
            stamp[i as usize] = *round;
            let (obstacle, rect) = rects[i as usize];
            if ends.allows(obstacle) {
                return false;
            }
            let Some(t) = segment_entry(&rect, p, q, GRAZE) else {
                return false;
            };
            earliest.set(earliest.get().min(t));
            found((t, obstacle, rect));
            scan == Scan::Any
        };
        // The large obstacles first, as if before the first column.
        for &i in grid.large() {
            if visit(i) {
                return;
            }
        }
        for (column, rows, far) in columns(grid, p, q) {
            for row in grid.occupied_rows(rows) {
                for &i in grid.at(column, row) {
                    if visit(i) {
                        return;
                    }
                }
            }
            // Nothing in a later column can start before a crossing found
            // by the end of this one, or with it (a tie goes by the
            // obstacle order, so one there must still be seen).
            if scan == Scan::First && earliest.get() < far {
                return;
            }
        }
    }
}

/// How much of a segment [`Router::scan`] looks at.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Scan {
    /// Every crossing.
    All,
    /// Enough to be sure of the earliest crossing.
    First,
    /// Any one crossing.
    Any,
}

/// Waypoints for every interface in `pairs` given the route between two
/// modules (`route(a, b)`, from `a` to `b`): interfaces between the same
/// two modules share the route, side by side across its main direction in
/// whole grid steps (so the waypoints stay on the grid); an interface the
/// other way takes it backwards.
fn side_by_side(
    pairs: &[Option<(usize, usize)>],
    center: &dyn Fn(usize) -> Point,
    mut route: impl FnMut(usize, usize) -> Vec<Point>,
) -> Vec<Vec<Point>> {
    let mut by_pair: FxHashMap<(usize, usize), Vec<usize>> = FxHashMap::default();
    for (i, pair) in pairs.iter().enumerate() {
        if let Some((a, b)) = *pair
            && a != b
        {
            by_pair.entry((a.min(b), a.max(b))).or_default().push(i);
        }
    }
    let mut keys: Vec<(usize, usize)> = by_pair.keys().copied().collect();
    keys.sort_unstable();
    let mut out = vec![Vec::new(); pairs.len()];
    for (a, b) in keys {
        let route = route(a, b);
        if route.is_empty() {
            continue;
        }
        let members = &by_pair[&(a, b)];
        let (ca, cb) = (center(a), center(b));
        let across = if (cb.x - ca.x).abs() >= (cb.y - ca.y).abs() {
            (0.0, 1.0)
        } else {
            (1.0, 0.0)
        };
        let n = members.len() as i32;
        for (k, &i) in members.iter().enumerate() {
            let shift = (k as i32 - (n - 1) / 2) as f32 * SIDE_BY_SIDE;
            let shifted = |p: &Point| Point::new(p.x + across.0 * shift, p.y + across.1 * shift);
            out[i] = if pairs[i].is_some_and(|(from, _)| from == a) {
                route.iter().map(shifted).collect()
            } else {
                route.iter().rev().map(shifted).collect()
            };
        }
    }
    out
}

/// Whether `rect` can stand in a line's way: not empty, and finite.
fn is_obstacle(rect: &Rect) -> bool {
    rect.w > 0.0 && rect.h > 0.0 && rect.x.is_finite() && rect.y.is_finite()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_units(_: usize) -> Vec<usize> {
        Vec::new()
    }

    fn crosses(path: &[Point], rect: &Rect) -> bool {
        // The router's own test; see `segment::tests`.
        path.windows(2)
            .any(|w| segment_entry(rect, w[0], w[1], GRAZE).is_some())
    }

    #[test]
    fn a_clear_line_stays_straight() {
        let modules = [
            Rect::new(0.0, 0.0, 80.0, 40.0),
            Rect::new(400.0, 0.0, 80.0, 40.0),
            Rect::new(200.0, 200.0, 80.0, 40.0),
        ];
        let mut router = Router::new(&modules, &[], &no_units);
        assert_eq!(
            router.route_all(&modules, &[Some((0, 1))]),
            vec![Vec::<Point>::new()]
        );
    }

    #[test]
    fn a_line_bends_around_a_box_in_its_way() {
        let modules = [
            Rect::new(0.0, 0.0, 80.0, 40.0),
            Rect::new(600.0, 0.0, 80.0, 40.0),
            Rect::new(280.0, -16.0, 120.0, 64.0),
        ];
        let mut router = Router::new(&modules, &[], &no_units);
        let route = &router.route_all(&modules, &[Some((0, 1))])[0];
        assert!(!route.is_empty());
        let mut path = vec![modules[0].center()];
        path.extend(route);
        path.push(modules[1].center());
        assert!(!crosses(&path, &modules[2]), "{path:?}");
        for p in route {
            assert_eq!((p.x % GRID, p.y % GRID), (0.0, 0.0), "on the grid");
        }
    }

    #[test]
    fn a_line_may_cross_the_units_of_its_ends_but_not_others() {
        let modules = [
            Rect::new(0.0, 0.0, 80.0, 40.0),
            Rect::new(600.0, 0.0, 80.0, 40.0),
        ];
        // Unit 0 holds module 0; unit 1 stands between them.
        let units = [
            Rect::new(-16.0, -40.0, 112.0, 96.0),
            Rect::new(250.0, -50.0, 150.0, 150.0),
        ];
        let ancestors = |m: usize| if m == 0 { vec![0] } else { Vec::new() };
        let mut router = Router::new(&modules, &units, &ancestors);
        let route = &router.route_all(&modules, &[Some((0, 1))])[0];
        let mut path = vec![modules[0].center()];
        path.extend(route);
        path.push(modules[1].center());
        assert!(!crosses(&path, &units[1]), "{path:?}");
    }

    #[test]
    fn interfaces_between_the_same_modules_share_a_route_side_by_side() {
        let modules = [
            Rect::new(0.0, 0.0, 80.0, 40.0),
            Rect::new(600.0, 0.0, 80.0, 40.0),
            Rect::new(280.0, -16.0, 120.0, 64.0),
        ];
        let mut router = Router::new(&modules, &[], &no_units);
        let routes = router.route_all(&modules, &[Some((0, 1)), None, Some((1, 0))]);
        assert!(routes[1].is_empty());
        assert_eq!(routes[0].len(), routes[2].len());
        // The second runs the other way: its waypoints come in reverse.
        for (a, b) in routes[0].iter().zip(routes[2].iter().rev()) {
            assert!((a.y - b.y).abs() == SIDE_BY_SIDE, "{a:?} {b:?}");
            assert_eq!(a.x, b.x);
        }
    }

    #[test]
    fn a_huge_box_is_routed_around_in_bounded_time() {
        // Boxes far larger than the limits allow: the grid holds them as
        // large obstacles, not as cells.
        let modules = [
            Rect::new(0.0, 0.0, 80.0, 40.0),
            Rect::new(600.0, 0.0, 80.0, 40.0),
            Rect::new(200.0, -1.0e30, 1.0e9, 2.0e30),
            Rect::new(-1.0e9, 5000.0, 1.0e9, 1.0e9),
        ];
        let mut router = Router::new(&modules, &[], &no_units);
        let routes = router.route_all(&modules, &[Some((0, 1)), Some((0, 3))]);
        assert_eq!(routes.len(), 2);
    }
}
