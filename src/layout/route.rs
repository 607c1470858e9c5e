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

use super::spacing::{snap_down, snap_up};
use crate::grid::Grid;
use crate::model::{Point, Rect};
use crate::theme::GRID;
use rustc_hash::FxHashMap;

/// How far a bend keeps from the corner it goes around.
const CLEARANCE: f32 = GRID;

/// Space between interfaces that share a route.
const SIDE_BY_SIDE: f32 = GRID;

/// How many times a piece of a route may bend again.
const DEPTH: usize = 4;

/// The smallest side of a grid cell (about a module and its gap).
const MIN_CELL: f32 = 256.0;

/// What may stand in a line's way.
#[derive(Clone, Copy, Debug)]
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
        let rects: Vec<(Obstacle, Rect)> = all
            .filter(|(_, rect)| {
                rect.w > 0.0 && rect.h > 0.0 && rect.x.is_finite() && rect.y.is_finite()
            })
            .collect();
        let boxes: Vec<Rect> = rects.iter().map(|(_, rect)| *rect).collect();
        Router {
            grid: Grid::of(&boxes, MIN_CELL),
            stamp: vec![0; rects.len()],
            rects,
            ancestors,
            round: 0,
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
        // Interfaces between the same two modules share a route.
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
            let route = self.route(modules, a, b);
            if route.is_empty() {
                continue;
            }
            let members = &by_pair[&(a, b)];
            // Side by side across the main direction, in whole grid steps,
            // so the waypoints stay on the grid.
            let (ca, cb) = (modules[a].center(), modules[b].center());
            let across = if (cb.x - ca.x).abs() >= (cb.y - ca.y).abs() {
                (0.0, 1.0)
            } else {
                (1.0, 0.0)
            };
            let n = members.len() as i32;
            for (k, &i) in members.iter().enumerate() {
                let shift = (k as i32 - (n - 1) / 2) as f32 * SIDE_BY_SIDE;
                let shifted =
                    |p: &Point| Point::new(p.x + across.0 * shift, p.y + across.1 * shift);
                // The route runs from `a` to `b`; an interface the other
                // way takes it backwards.
                out[i] = if pairs[i].is_some_and(|(from, _)| from == a) {
                    route.iter().map(shifted).collect()
                } else {
                    route.iter().rev().map(shifted).collect()
                };
            }
        }
        out
    }

    /// The waypoints from module `a` to module `b`.
    fn route(&mut self, modules: &[Rect], a: usize, b: usize) -> Vec<Point> {
        let mut units = (self.ancestors)(a);
        units.extend((self.ancestors)(b));
        let ends = Ends {
            modules: [a, b],
            units,
        };
        let (p, q) = (modules[a].center(), modules[b].center());
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

    /// The obstacle the segment meets first, as its rectangle.
    fn first_hit(&mut self, ends: &Ends, p: Point, q: Point) -> Option<Rect> {
        let mut best: Option<(f32, Rect)> = None;
        self.scan(ends, p, q, Scan::First, |(t, rect)| {
            if best.is_none_or(|(b, _)| t < b) {
                best = Some((t, rect));
            }
        });
        best.map(|(_, rect)| rect)
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
        mut found: impl FnMut((f32, Rect)),
    ) {
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
            let Some(t) = entry(&rect, p, q) else {
                return false;
            };
            earliest.set(earliest.get().min(t));
            found((t, rect));
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
            // by the end of this one.
            if scan == Scan::First && earliest.get() <= far {
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

/// The corners to pass `rect` by on the way from `p` to `q`: those on the
/// shorter side of the line, a clearance out and on the grid, in the order
/// the line meets them.
fn detour(rect: &Rect, p: Point, q: Point) -> Vec<Point> {
    let (x0, x1) = (
        snap_down(rect.x - CLEARANCE),
        snap_up(rect.right() + CLEARANCE),
    );
    let (y0, y1) = (
        snap_down(rect.y - CLEARANCE),
        snap_up(rect.bottom() + CLEARANCE),
    );
    let corners = [
        Point::new(x0, y0),
        Point::new(x1, y0),
        Point::new(x1, y1),
        Point::new(x0, y1),
    ];
    let (dx, dy) = (q.x - p.x, q.y - p.y);
    let side = |c: &Point| dx * (c.y - p.y) - dy * (c.x - p.x);
    let along = |c: &Point| dx * (c.x - p.x) + dy * (c.y - p.y);
    let length = |path: &[Point]| {
        let mut total = 0.0;
        let mut at = p;
        for &c in path.iter().chain(std::iter::once(&q)) {
            total += (c.x - at.x).hypot(c.y - at.y);
            at = c;
        }
        total
    };
    let mut best: Option<(f32, Vec<Point>)> = None;
    for wanted in [1.0f32, -1.0] {
        let mut group: Vec<Point> = corners
            .iter()
            .copied()
            .filter(|c| side(c) * wanted >= 0.0)
            .collect();
        if group.is_empty() {
            continue;
        }
        group.sort_by(|a, b| along(a).total_cmp(&along(b)));
        let cost = length(&group);
        if best.as_ref().is_none_or(|(b, _)| cost < *b) {
            best = Some((cost, group));
        }
    }
    best.map(|(_, group)| group).unwrap_or_default()
}

/// Where along the segment from `p` to `q` (0 to 1) it enters the inside
/// of `rect`, if it does (0 when it starts inside).
fn entry(rect: &Rect, p: Point, q: Point) -> Option<f32> {
    let (dx, dy) = (q.x - p.x, q.y - p.y);
    let (mut t0, mut t1) = (0.0f32, 1.0f32);
    for (d, low, high, at) in [
        (dx, rect.x, rect.right(), p.x),
        (dy, rect.y, rect.bottom(), p.y),
    ] {
        if d.abs() < f32::EPSILON {
            // Parallel to these sides: inside the slab strictly, or never.
            if at <= low || at >= high {
                return None;
            }
            continue;
        }
        let (a, b) = ((low - at) / d, (high - at) / d);
        let (a, b) = if a < b { (a, b) } else { (b, a) };
        t0 = t0.max(a);
        t1 = t1.min(b);
    }
    // Grazing a corner or running along a side is not crossing.
    (t1 - t0 > 1e-4).then_some(t0)
}

/// The occupied grid columns the segment passes through, from `p` towards
/// `q`: each column, the rows the segment's height spans within it, and how
/// far along the segment (0 to 1) it leaves the column.
fn columns(
    grid: &Grid,
    p: Point,
    q: Point,
) -> impl Iterator<Item = (i32, std::ops::RangeInclusive<i32>, f32)> + '_ {
    let (c0, c1) = (grid.column(p.x), grid.column(q.x));
    let dx = q.x - p.x;
    let step: i32 = if c1 >= c0 { 1 } else { -1 };
    // Only the columns that hold anything are visited.
    let occupied = grid.occupied_columns(c0.min(c1)..=c0.max(c1));
    let (first, last) = if step > 0 {
        (*occupied.start(), *occupied.end())
    } else {
        (*occupied.end(), *occupied.start())
    };
    let count = if occupied.is_empty() {
        0
    } else {
        (i64::from(last) - i64::from(first)).abs() + 1
    };
    // Where along the segment it crosses the vertical line `x`.
    let t_at = move |x: f32| {
        if dx.abs() < f32::EPSILON {
            1.0
        } else {
            ((x - p.x) / dx).clamp(0.0, 1.0)
        }
    };
    (0..count).map(move |k| {
        let c = first.saturating_add(k as i32 * step);
        let (left, right) = (grid.column_left(c), grid.column_left(c.saturating_add(1)));
        let (near, far) = if step > 0 {
            (left, right)
        } else {
            (right, left)
        };
        let t_near = if c == c0 { 0.0 } else { t_at(near) };
        let t_far = if c == c1 { 1.0 } else { t_at(far) };
        let (ya, yb) = (p.y + (q.y - p.y) * t_near, p.y + (q.y - p.y) * t_far);
        (c, grid.row(ya.min(yb))..=grid.row(ya.max(yb)), t_far)
    })
}

/// A box or unit for [`reroute`]: its rectangle (`None` when it has no
/// geometry yet) and the index of the unit it lies in (for a unit, its
/// parent).
#[derive(Clone, Copy, Debug)]
pub struct Placed {
    /// The rectangle, absolute.
    pub rect: Option<Rect>,
    /// The unit it lies in (an index into the units), if any.
    pub unit: Option<usize>,
}

/// Waypoints for `lines` (pairs of module indices) around the boxes and
/// units in their way, as Tidy up would route them: empty for a line whose
/// straight course crosses nothing (or whose route would not cross less).
/// Used after a move, for the lines it touches (see `edit::routing`): a
/// line routed automatically has exactly these waypoints.
#[must_use]
pub fn reroute(modules: &[Placed], units: &[Placed], lines: &[(usize, usize)]) -> Vec<Vec<Point>> {
    let module_rect: Vec<Rect> = modules
        .iter()
        .map(|m| m.rect.unwrap_or(Rect::new(0.0, 0.0, 0.0, 0.0)))
        .collect();
    let unit_rect: Vec<Rect> = units
        .iter()
        .map(|u| u.rect.unwrap_or(Rect::new(0.0, 0.0, 0.0, 0.0)))
        .collect();
    let ancestors = |m: usize| {
        let mut out = Vec::new();
        let mut c = modules.get(m).and_then(|m| m.unit);
        // The walk is bounded by the number of units: a cycle cannot loop.
        while let Some(u) = c
            && out.len() < units.len()
        {
            out.push(u);
            c = units.get(u).and_then(|u| u.unit);
        }
        out
    };
    let pairs: Vec<Option<(usize, usize)>> = lines
        .iter()
        .map(|&(a, b)| {
            let placed = |i: usize| modules.get(i).is_some_and(|m| m.rect.is_some());
            (placed(a) && placed(b)).then_some((a, b))
        })
        .collect();
    Router::new(&module_rect, &unit_rect, &ancestors).route_all(&module_rect, &pairs)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_units(_: usize) -> Vec<usize> {
        Vec::new()
    }

    fn crosses(path: &[Point], rect: &Rect) -> bool {
        // `entry` is the router's own test; see `entry_finds_real_crossings`.
        path.windows(2).any(|w| entry(rect, w[0], w[1]).is_some())
    }

    #[test]
    fn entry_finds_real_crossings() {
        let rect = Rect::new(100.0, 100.0, 100.0, 50.0);
        let at = |x0, y0, x1, y1| entry(&rect, Point::new(x0, y0), Point::new(x1, y1));
        assert_eq!(at(0.0, 125.0, 300.0, 125.0), Some(1.0 / 3.0));
        assert_eq!(at(300.0, 125.0, 0.0, 125.0), Some(1.0 / 3.0));
        assert_eq!(at(150.0, 0.0, 150.0, 300.0), Some(1.0 / 3.0));
        assert_eq!(at(150.0, 125.0, 400.0, 125.0), Some(0.0), "from inside");
        // Missing, or grazing a side.
        assert_eq!(at(0.0, 0.0, 300.0, 50.0), None);
        assert_eq!(at(0.0, 100.0, 300.0, 100.0), None);
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

    #[test]
    fn segments_visit_every_cell_they_pass_in_order() {
        // A speck in every cell of a 6 × 6 block, so every cell is occupied.
        const CELL: f32 = MIN_CELL;
        let specks: Vec<Rect> = (0..36)
            .map(|k| {
                Rect::new(
                    (k % 6) as f32 * CELL + 1.0,
                    (k / 6) as f32 * CELL + 1.0,
                    1.0,
                    1.0,
                )
            })
            .collect();
        let grid = Grid::of(&specks, CELL);
        assert_eq!(grid.cell_side(), CELL);
        let cell = |v: f32| grid.column(v);
        let a = Point::new(10.0, 10.0);
        let b = Point::new(3.0 * CELL + 10.0, 2.0 * CELL - 10.0);
        let c = Point::new(20.0, 5.0 * CELL);
        for (p, q) in [(a, b), (b, a), (a, c), (c, b), (b, c)] {
            let walk: Vec<(i32, Vec<i32>, f32)> = columns(&grid, p, q)
                .map(|(column, rows, far)| (column, rows.collect(), far))
                .collect();
            // Sample the segment finely: every sample's cell is visited, in
            // a column the walk reaches no later than the sample.
            for i in 0..=1000 {
                let t = i as f32 / 1000.0;
                let at = Point::new(p.x + (q.x - p.x) * t, p.y + (q.y - p.y) * t);
                let k = walk
                    .iter()
                    .position(|(column, rows, _)| {
                        *column == cell(at.x) && rows.contains(&cell(at.y))
                    })
                    .unwrap_or_else(|| panic!("{at:?} not visited from {p:?} to {q:?}"));
                let before = if k == 0 { 0.0 } else { walk[k - 1].2 };
                assert!(before <= t + 1e-4, "{at:?} visited late");
            }
        }
    }

    #[test]
    fn reroute_bends_a_line_around_a_box_moved_into_its_way() {
        let boxes = [
            Rect::new(0.0, 0.0, 100.0, 50.0),
            Rect::new(600.0, 0.0, 100.0, 50.0),
            // Moved between them.
            Rect::new(300.0, -20.0, 100.0, 90.0),
        ];
        let modules: Vec<Placed> = boxes
            .iter()
            .map(|r| Placed {
                rect: Some(*r),
                unit: None,
            })
            .collect();
        let routes = reroute(&modules, &[], &[(0, 1), (0, 2)]);
        assert!(!routes[0].is_empty(), "the line 0-1 bends");
        let mut path = vec![boxes[0].center()];
        path.extend(routes[0].iter().copied());
        path.push(boxes[1].center());
        for w in path.windows(2) {
            assert!(entry(&boxes[2], w[0], w[1]).is_none(), "{path:?}");
        }
        assert!(routes[1].is_empty(), "a clear line stays straight");
    }

    #[test]
    fn reroute_lets_a_line_cross_the_units_around_its_ends() {
        let modules = [
            Placed {
                rect: Some(Rect::new(20.0, 40.0, 100.0, 50.0)),
                unit: Some(0),
            },
            Placed {
                rect: Some(Rect::new(400.0, 40.0, 100.0, 50.0)),
                unit: None,
            },
        ];
        let units = [Placed {
            rect: Some(Rect::new(0.0, 0.0, 200.0, 120.0)),
            unit: None,
        }];
        assert_eq!(
            reroute(&modules, &units, &[(0, 1)]),
            vec![Vec::<Point>::new()]
        );
    }
}
