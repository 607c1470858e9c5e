//! Routing a few lines again (after a move) among only the obstacles near
//! them: the router's answer for a line depends only on the obstacles its
//! scanned segments cross (see the parent module), so each route is found
//! among the obstacles in a window around its two ends, and found again in
//! a larger window while the router looked outside the one it had.

use super::{Obstacle, Router, is_obstacle, side_by_side};
use crate::model::{Point, Rect};

/// How far around a line's two centres its first window reaches: a detour
/// goes a clearance and a grid step past a box.
const REACH: f32 = 4.0 * crate::theme::GRID;

/// How many times a window may grow before the route is found among every
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
    let obstacles: Vec<(Obstacle, Rect)> = (modules.iter().enumerate())
        .filter_map(|(i, m)| Some((Obstacle::Module(i), m.rect?)))
        .chain((units.iter().enumerate()).filter_map(|(i, u)| Some((Obstacle::Unit(i), u.rect?))))
        .filter(|(_, rect)| is_obstacle(rect))
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
    side_by_side(&pairs, &center, |a, b| {
        route_near(&obstacles, &ancestors, center(a), center(b), a, b)
    })
}

/// The route from module `a` (centre `p`) to module `b` (centre `q`)
/// among `obstacles`, found among those in a window around the two centres
/// that grows until the router looked nowhere outside it (then the route
/// is the one all the obstacles give).
fn route_near(
    obstacles: &[(Obstacle, Rect)],
    ancestors: &dyn Fn(usize) -> Vec<usize>,
    p: Point,
    q: Point,
    a: usize,
    b: usize,
) -> Vec<Point> {
    let ends = Rect::new(p.x.min(q.x), p.y.min(q.y), (q.x - p.x).abs(), (q.y - p.y).abs());
    let mut window = Some(ends.expand(REACH));
    for growth in 0.. {
        let near: Vec<(Obstacle, Rect)> = match window {
            Some(w) => (obstacles.iter())
                .filter(|(_, rect)| touches(rect, &w))
                .copied()
                .collect(),
            None => obstacles.to_vec(),
        };
        let mut router = Router::around_obstacles(near, ancestors);
        let route = router.route(p, q, a, b);
        match (window, router.explored) {
            (Some(w), Some(explored)) if !w.contains_rect(&explored) => {
                window = (growth < GROWTH).then(|| w.union(&explored).expand(REACH));
            }
            _ => return route,
        }
    }
    unreachable!("the window ends as every obstacle")
}

/// Whether `rect` reaches into `window` (edges included, with a unit of
/// slack for rounding): every obstacle a segment inside the window crosses
/// does.
fn touches(rect: &Rect, window: &Rect) -> bool {
    const SLACK: f32 = 1.0;
    rect.x <= window.right() + SLACK
        && rect.right() >= window.x - SLACK
        && rect.y <= window.bottom() + SLACK
        && rect.bottom() >= window.y - SLACK
}

#[cfg(test)]
mod tests {
    use super::super::{GRAZE, segment_entry};
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
            assert!(segment_entry(&boxes[2], w[0], w[1], GRAZE).is_none(), "{path:?}");
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
    fn a_route_that_wanders_out_of_its_window_is_found_again_in_a_larger_one() {
        // A wide box across the line: going round it leads far outside the
        // window around the two ends, where another box stands.
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
