//! Routing a few lines again (after a move) among only the obstacles near
//! them: the router's answer for a line depends only on the obstacles its
//! scanned segments cross (see the parent module), so each route is found
//! among the obstacles in a tube around its straight line, and found again
//! in a wider tube while the router looked outside the one it had.

use super::{Obstacle, Router, is_obstacle, segment_entry, side_by_side};
use crate::model::{Point, Rect};
use rustc_hash::FxHashMap;

/// How far around a line's straight course (and past what the router
/// looked at) a tube reaches: a detour goes a clearance and a grid step
/// past a box.
const REACH: f32 = 4.0 * crate::theme::GRID;

/// How far to either side of a line's straight course its first tube
/// reaches: about half a large box, so most detours stay inside it and the
/// route is found at the first try.
const FIRST_WIDTH: f32 = 512.0;

/// How many times a tube may grow before the route is found among every
/// obstacle.
const GROWTH: usize = 4;

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
/// line routed automatically has exactly these waypoints. Each route is
/// found among the obstacles near its line, so a few lines cost about what
/// lies around them, not a grid over the whole diagram.
#[must_use]
pub fn reroute(modules: &[Placed], units: &[Placed], lines: &[(usize, usize)]) -> Vec<Vec<Point>> {
    (reroute_watching(modules, units, lines, &[]).into_iter())
        .map(|(route, _)| route)
        .collect()
}

/// [`reroute`], saying for each line whether the router, finding its
/// route, looked across the inside of any of the `watched` rectangles. A
/// route that did not is the route whatever stands in those rectangles
/// (it is a function of what its scanned segments cross): after a move,
/// watching where the moved boxes were and are tells the routes the move
/// cannot have changed.
#[must_use]
pub fn reroute_watching(
    modules: &[Placed],
    units: &[Placed],
    lines: &[(usize, usize)],
    watched: &[Rect],
) -> Vec<(Vec<Point>, bool)> {
    let obstacles = Obstacles::new(
        (modules.iter().enumerate())
            .filter_map(|(i, m)| Some((Obstacle::Module(i), m.rect?)))
            .chain(
                (units.iter().enumerate()).filter_map(|(i, u)| Some((Obstacle::Unit(i), u.rect?))),
            ),
    );
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
    let center = |m: usize| {
        modules
            .get(m)
            .and_then(|m| m.rect)
            .unwrap_or(Rect::new(0.0, 0.0, 0.0, 0.0))
            .center()
    };
    let pairs: Vec<Option<(usize, usize)>> = lines
        .iter()
        .map(|&(a, b)| {
            let placed = |i: usize| modules.get(i).is_some_and(|m| m.rect.is_some());
            (placed(a) && placed(b)).then_some((a, b))
        })
        .collect();
    let mut looked: FxHashMap<(usize, usize), bool> = FxHashMap::default();
    let routes = side_by_side(&pairs, &center, |a, b| {
        let (route, seen) = route_near(&obstacles, &ancestors, center(a), center(b), a, b);
        let across = seen.chunks(2).any(|segment| {
            (watched.iter()).any(|w| segment_entry(w, segment[0], segment[1], 0.0).is_some())
        });
        looked.insert((a, b), across);
        route
    });
    (routes.into_iter().zip(&pairs))
        .map(|(route, pair)| {
            let across =
                pair.is_some_and(|(a, b)| looked.get(&(a.min(b), a.max(b))) == Some(&true));
            (route, across)
        })
        .collect()
}

/// The route from module `a` (centre `p`) to module `b` (centre `q`)
/// among `obstacles`: found among those in a [`Tube`] around the straight
/// line, and found again in a tube grown around where the router looked
/// while it looked outside the one it had (after a few times, among every
/// obstacle). Returns the route and the ends of every segment the router
/// scanned for it.
fn route_near(
    obstacles: &Obstacles,
    ancestors: &dyn Fn(usize) -> Vec<usize>,
    p: Point,
    q: Point,
    a: usize,
    b: usize,
) -> (Vec<Point>, Vec<Point>) {
    let mut tube = Tube::new(p, q);
    for growth in 0.. {
        let near = obstacles.near(tube.as_ref());
        let mut router = Router::around_obstacles(near, ancestors);
        let route = router.route(p, q, a, b);
        match tube {
            Some(t) if !router.seen().iter().all(|&point| t.holds(point)) => {
                tube = (growth < GROWTH).then(|| t.around(router.seen()));
            }
            _ => return (route, router.seen().to_vec()),
        }
    }
    unreachable!("the tube ends as every obstacle")
}

/// Every obstacle, with its edges laid out for a quick pass over them all.
struct Obstacles {
    all: Vec<(Obstacle, Rect)>,
    /// Left, top, right and bottom edge of each.
    edges: Vec<[f32; 4]>,
}

impl Obstacles {
    fn new(all: impl Iterator<Item = (Obstacle, Rect)>) -> Self {
        let all: Vec<(Obstacle, Rect)> = all.filter(|(_, rect)| is_obstacle(rect)).collect();
        let edges = (all.iter())
            .map(|(_, r)| [r.x, r.y, r.right(), r.bottom()])
            .collect();
        Obstacles { all, edges }
    }

    /// The obstacles that reach into `tube` (all of them without one).
    fn near(&self, tube: Option<&Tube>) -> Vec<(Obstacle, Rect)> {
        let Some(tube) = tube else {
            return self.all.clone();
        };
        let b = &tube.bounds;
        let (x0, y0, x1, y1) = (b.x, b.y, b.right(), b.bottom());
        let mut near = Vec::new();
        for (i, e) in self.edges.iter().enumerate() {
            if e[0] <= x1 && e[2] >= x0 && e[1] <= y1 && e[3] >= y0 && tube.touches(&self.all[i].1)
            {
                near.push(self.all[i]);
            }
        }
        near
    }
}

/// How much further than a tube reaches an obstacle is taken in, for
/// rounding.
const SLACK: f32 = 4.0;

/// A rectangle turned along the segment between two centres: `s` along
/// it from the first centre, `t` across it. Most routes never look far
/// from their straight line, so a tube around it holds far fewer
/// obstacles than the upright box around a long diagonal line. It is
/// convex, so a segment with both ends inside lies inside, and every
/// obstacle such a segment crosses reaches into it.
#[derive(Clone, Copy)]
struct Tube {
    start: Point,
    /// The unit vector from the first centre to the second.
    along: (f32, f32),
    /// The tube's extent along.
    s: (f32, f32),
    /// The tube's extent across.
    t: (f32, f32),
    /// The upright bounding box of the tube, [`SLACK`] out.
    bounds: Rect,
}

impl Tube {
    /// The tube [`FIRST_WIDTH`] to either side of `p`–`q` and [`REACH`]
    /// past its ends (`None` when they are not finite).
    fn new(p: Point, q: Point) -> Option<Self> {
        let length = (q.x - p.x).hypot(q.y - p.y);
        if !length.is_finite() || !p.x.is_finite() || !p.y.is_finite() {
            return None;
        }
        let along = if length > 0.0 {
            ((q.x - p.x) / length, (q.y - p.y) / length)
        } else {
            (1.0, 0.0)
        };
        Some(Tube::spanning(
            p,
            along,
            (-REACH, length + REACH),
            (-FIRST_WIDTH, FIRST_WIDTH),
        ))
    }

    fn spanning(start: Point, along: (f32, f32), s: (f32, f32), t: (f32, f32)) -> Self {
        let (ux, uy) = along;
        let at = |s: f32, t: f32| Point::new(start.x + s * ux - t * uy, start.y + s * uy + t * ux);
        let corners = [at(s.0, t.0), at(s.1, t.0), at(s.1, t.1), at(s.0, t.1)];
        let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
        for c in corners {
            (x0, y0, x1, y1) = (x0.min(c.x), y0.min(c.y), x1.max(c.x), y1.max(c.y));
        }
        Tube {
            start,
            along,
            s,
            t,
            bounds: Rect::new(x0, y0, x1 - x0, y1 - y0).expand(SLACK),
        }
    }

    /// This tube grown to hold `points` with [`REACH`] to spare.
    fn around(&self, points: &[Point]) -> Self {
        let (mut s, mut t) = (self.s, self.t);
        for &point in points {
            let (ps, pt) = self.frame(point);
            s = (s.0.min(ps - REACH), s.1.max(ps + REACH));
            t = (t.0.min(pt - REACH), t.1.max(pt + REACH));
        }
        Tube::spanning(self.start, self.along, s, t)
    }

    /// Where `point` is along the tube and across it.
    fn frame(&self, point: Point) -> (f32, f32) {
        let (dx, dy) = (point.x - self.start.x, point.y - self.start.y);
        (
            dx * self.along.0 + dy * self.along.1,
            dy * self.along.0 - dx * self.along.1,
        )
    }

    /// Whether `point` lies inside the tube.
    fn holds(&self, point: Point) -> bool {
        let (s, t) = self.frame(point);
        s >= self.s.0 && s <= self.s.1 && t >= self.t.0 && t <= self.t.1
    }

    /// Whether `rect`, which reaches into the tube's upright bounds,
    /// reaches into the tube (with [`SLACK`] to spare): it does unless an
    /// axis of the tube separates them.
    fn touches(&self, rect: &Rect) -> bool {
        let (half_w, half_h) = (rect.w / 2.0, rect.h / 2.0);
        let (s, t) = self.frame(rect.center());
        let (ux, uy) = (self.along.0.abs(), self.along.1.abs());
        let (reach_s, reach_t) = (half_w * ux + half_h * uy, half_w * uy + half_h * ux);
        s + reach_s >= self.s.0 - SLACK
            && s - reach_s <= self.s.1 + SLACK
            && t + reach_t >= self.t.0 - SLACK
            && t - reach_t <= self.t.1 + SLACK
    }
}

#[cfg(test)]
mod tests {
    use super::super::GRAZE;
    use super::*;
    use proptest::prelude::*;

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
            assert!(
                segment_entry(&boxes[2], w[0], w[1], GRAZE).is_none(),
                "{path:?}"
            );
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

    /// `reroute` as it was: every line among every obstacle, one grid.
    fn whole(modules: &[Placed], units: &[Placed], lines: &[(usize, usize)]) -> Vec<Vec<Point>> {
        let rect = |p: &Placed| p.rect.unwrap_or(Rect::new(0.0, 0.0, 0.0, 0.0));
        let module_rect: Vec<Rect> = modules.iter().map(rect).collect();
        let unit_rect: Vec<Rect> = units.iter().map(rect).collect();
        let ancestors = |m: usize| {
            let mut out = Vec::new();
            let mut c = modules[m].unit;
            while let Some(u) = c
                && out.len() < units.len()
            {
                out.push(u);
                c = units[u].unit;
            }
            out
        };
        let pairs: Vec<Option<(usize, usize)>> = lines.iter().map(|&p| Some(p)).collect();
        Router::new(&module_rect, &unit_rect, &ancestors).route_all(&module_rect, &pairs)
    }

    /// Boxes on a coarse lattice (so edges line up and lines meet several
    /// at once), some overlapping, a few units around some of them.
    fn scene() -> impl Strategy<Value = (Vec<Placed>, Vec<Placed>, Vec<(usize, usize)>)> {
        let module = (0i32..12, 0i32..12, 1i32..4, 1i32..3, 0usize..4);
        (
            prop::collection::vec(module, 2..40),
            prop::collection::vec((0i32..10, 0i32..10, 2i32..6, 2i32..6), 0..5),
            prop::collection::vec((0usize..40, 0usize..40), 1..12),
        )
            .prop_map(|(modules, units, lines)| {
                let n = modules.len();
                let units: Vec<Placed> = units
                    .iter()
                    .map(|&(x, y, w, h)| Placed {
                        rect: Some(Rect::new(
                            x as f32 * 80.0 - 16.0,
                            y as f32 * 80.0 - 16.0,
                            w as f32 * 80.0,
                            h as f32 * 80.0,
                        )),
                        unit: None,
                    })
                    .collect();
                let modules = modules
                    .iter()
                    .map(|&(x, y, w, h, u)| Placed {
                        rect: Some(Rect::new(
                            x as f32 * 80.0,
                            y as f32 * 80.0,
                            w as f32 * 40.0,
                            h as f32 * 40.0,
                        )),
                        unit: (u < units.len()).then_some(u),
                    })
                    .collect();
                let lines = lines.iter().map(|&(a, b)| (a % n, b % n)).collect();
                (modules, units, lines)
            })
    }

    proptest! {
        #[test]
        fn routes_among_near_obstacles_are_the_routes_among_all(
            (modules, units, lines) in scene()
        ) {
            prop_assert_eq!(reroute(&modules, &units, &lines), whole(&modules, &units, &lines));
        }
    }

    #[test]
    fn a_route_that_wanders_out_of_its_tube_is_found_again_in_a_wider_one() {
        // A wide box across the line: going round it leads far outside the
        // tube around the straight line, where another box stands.
        let rect = |x, y, w, h| Placed {
            rect: Some(Rect::new(x, y, w, h)),
            unit: None,
        };
        let modules = [
            rect(0.0, 0.0, 80.0, 40.0),
            rect(600.0, 0.0, 80.0, 40.0),
            rect(200.0, -2000.0, 200.0, 4000.0),
            rect(380.0, -2100.0, 80.0, 200.0),
        ];
        let routes = reroute(&modules, &[], &[(0, 1)]);
        assert!(!routes[0].is_empty());
        assert_eq!(routes, whole(&modules, &[], &[(0, 1)]));
    }
}
