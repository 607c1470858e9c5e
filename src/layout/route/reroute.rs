//! Routing the lines a move may have changed: every line among every
//! obstacle, through one router (its grid is filled in one packed pass, so
//! it costs about a read of the boxes), saying for each route whether the
//! router looked across given rectangles. A route depends only on the
//! obstacles its scanned segments cross (see the parent module), so a
//! route that never looked where the moved boxes were and are is the same
//! before and after the move.

use super::{Obstacle, Router, is_obstacle, segment_entry, side_by_side};
use crate::model::{Point, Rect};
use rustc_hash::FxHashMap;

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
    let mut looked: FxHashMap<(usize, usize), bool> = FxHashMap::default();
    let mut router = Router::around_obstacles(obstacles, &ancestors);
    let routes = side_by_side(&pairs, &center, |a, b| {
        router.seen = Some(Vec::new());
        let route = router.route(center(a), center(b), a, b);
        let seen = router.seen.take().unwrap_or_default();
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

    /// `reroute` with every obstacle in a grid of fine cells, `cell` a side.
    fn in_fine_cells(
        modules: &[Placed],
        units: &[Placed],
        lines: &[(usize, usize)],
        cell: f32,
    ) -> Vec<Vec<Point>> {
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
        let mut router = Router::new(&module_rect, &unit_rect, &ancestors);
        let boxes: Vec<Rect> = router.rects.iter().map(|(_, r)| *r).collect();
        router.grid = crate::grid::Grid::of(&boxes, cell);
        router.route_all(&module_rect, &pairs)
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
        fn a_route_does_not_depend_on_the_grid_that_holds_the_obstacles(
            (modules, units, lines) in scene(),
            cell in prop::sample::select(vec![8.0f32, 24.0, 80.0, 200.0]),
        ) {
            prop_assert_eq!(
                reroute(&modules, &units, &lines),
                in_fine_cells(&modules, &units, &lines, cell)
            );
        }
    }

    #[test]
    fn a_route_says_whether_it_looked_across_a_watched_rectangle() {
        let rect = |x, y, w, h| Placed {
            rect: Some(Rect::new(x, y, w, h)),
            unit: None,
        };
        // 0 -> 1 bends around 2; 3 -> 4 runs clear far below.
        let modules = [
            rect(0.0, 0.0, 80.0, 40.0),
            rect(600.0, 0.0, 80.0, 40.0),
            rect(280.0, -16.0, 120.0, 64.0),
            rect(0.0, 800.0, 80.0, 40.0),
            rect(600.0, 800.0, 80.0, 40.0),
        ];
        let lines = [(0, 1), (3, 4)];
        let watched = [Rect::new(150.0, 10.0, 20.0, 20.0)];
        let routes = reroute_watching(&modules, &[], &lines, &watched);
        assert!(!routes[0].0.is_empty());
        assert_eq!((routes[0].1, routes[1].1), (true, false));
        assert_eq!(
            routes.into_iter().map(|(r, _)| r).collect::<Vec<_>>(),
            reroute(&modules, &[], &lines)
        );
    }
}
