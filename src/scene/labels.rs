//! Where interface labels go: on their line, clear of module boxes, unit
//! titles and the labels placed before them.
//!
//! A label sits halfway along its line when that spot is clear. Otherwise
//! it slides along the line, alternating either side of the middle, to the
//! first spot that is clear; when none is, to the one that covers the least.
//! Obstacles live in a uniform [`Grid`] sized by their number (never by
//! their size), so placing every label of a large diagram stays linear.

use super::draw::edge_label_rect;
use super::geom;
use crate::grid::Grid;
use crate::model::{Point, Rect};

/// Where along the line a label may sit, in the order they are tried: the
/// middle first, then further out on alternating sides.
const SPOTS: [f32; 9] = [0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78, 0.14, 0.86];

/// Space kept between a label and what it avoids.
pub(super) const CLEARANCE: f32 = 3.0;

/// The smallest side of a grid cell, in diagram units: about a label's
/// width.
const MIN_CELL: f32 = 128.0;

/// Places labels one after the other; see the module docs.
pub(super) struct LabelPlacer {
    obstacles: Vec<Rect>,
    grid: Grid,
    /// The scan each obstacle was last counted in (an obstacle in several
    /// cells counts once).
    stamp: Vec<u32>,
    round: u32,
}

impl LabelPlacer {
    /// A placer whose labels avoid `obstacles` (module boxes, unit titles),
    /// for about `labels` labels.
    pub(super) fn new(obstacles: impl Iterator<Item = Rect>, labels: usize) -> Self {
        let obstacles: Vec<Rect> = obstacles.filter(is_finite).collect();
        let extent = obstacles.iter().copied().reduce(|a, b| a.union(&b));
        let mut placer = LabelPlacer {
            grid: Grid::new(extent, obstacles.len() + labels, MIN_CELL),
            stamp: Vec::with_capacity(obstacles.len() + labels),
            obstacles: Vec::with_capacity(obstacles.len() + labels),
            round: 0,
        };
        for rect in obstacles {
            placer.add(rect);
        }
        placer
    }

    /// The centre for `label` on the line through `path`; the label then
    /// becomes an obstacle for the labels placed after it.
    pub(super) fn place(&mut self, path: &[Point], label: &str) -> Point {
        let (middle, _) = geom::midpoint(path);
        let mut best = (f32::INFINITY, middle);
        for fraction in SPOTS {
            let (center, _) = geom::point_along(path, fraction);
            let covered = self.covered(&edge_label_rect(center, label).expand(CLEARANCE));
            if covered < best.0 {
                best = (covered, center);
            }
            if covered == 0.0 {
                break;
            }
        }
        self.add(edge_label_rect(best.1, label));
        best.1
    }

    /// Takes in a label placed earlier, at `rect`, as an obstacle for the
    /// labels placed after it (a patch replaying a build).
    pub(super) fn add_placed(&mut self, rect: Rect) {
        self.add(rect);
    }

    fn add(&mut self, rect: Rect) {
        if !is_finite(&rect) {
            return;
        }
        let index = self.obstacles.len() as u32;
        self.obstacles.push(rect);
        self.stamp.push(0);
        self.grid.insert(index, &rect);
    }

    /// The area of `rect` that obstacles cover (overlaps summed).
    fn covered(&mut self, rect: &Rect) -> f32 {
        self.round = self.round.wrapping_add(1);
        if self.round == 0 {
            self.stamp.iter_mut().for_each(|s| *s = 0);
            self.round = 1;
        }
        let (stamp, round, obstacles) = (&mut self.stamp, self.round, &self.obstacles);
        let mut area = 0.0;
        self.grid.near(rect, |i| {
            if stamp[i as usize] != round {
                stamp[i as usize] = round;
                area += rect.overlap_area(&obstacles[i as usize]);
            }
        });
        area
    }
}

fn is_finite(r: &Rect) -> bool {
    r.w.is_finite() && r.h.is_finite() && r.x.is_finite() && r.y.is_finite()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clear_middle_keeps_the_label_there() {
        let mut placer = LabelPlacer::new(std::iter::empty(), 2);
        let path = [Point::new(0.0, 0.0), Point::new(400.0, 0.0)];
        assert_eq!(placer.place(&path, "orders"), Point::new(200.0, 0.0));
    }

    #[test]
    fn a_label_slides_off_a_box_on_its_line() {
        // A box sits over the middle of the line.
        let blocker = Rect::new(360.0, -20.0, 80.0, 40.0);
        let mut placer = LabelPlacer::new([blocker].into_iter(), 1);
        let path = [Point::new(0.0, 0.0), Point::new(800.0, 0.0)];
        let center = placer.place(&path, "orders");
        assert!(center.x != 400.0);
        assert!(!edge_label_rect(center, "orders").intersects(&blocker));
        assert_eq!(center.y, 0.0, "it stays on its line");
    }

    #[test]
    fn labels_of_parallel_lines_do_not_pile_up() {
        let mut placer = LabelPlacer::new(std::iter::empty(), 2);
        let a = placer.place(
            &[Point::new(0.0, 0.0), Point::new(600.0, 0.0)],
            "price cart",
        );
        let b = placer.place(
            &[Point::new(0.0, 4.0), Point::new(600.0, 4.0)],
            "cart contents",
        );
        assert!(!edge_label_rect(a, "price cart").intersects(&edge_label_rect(b, "cart contents")));
    }

    #[test]
    fn with_no_clear_spot_the_least_covered_wins() {
        // Everything along the line is covered except a sliver at 0.3.
        let mut placer = LabelPlacer::new(
            [
                Rect::new(-50.0, -50.0, 280.0, 100.0),
                Rect::new(320.0, -50.0, 800.0, 100.0),
            ]
            .into_iter(),
            1,
        );
        let center = placer.place(&[Point::new(0.0, 0.0), Point::new(1000.0, 0.0)], "x");
        assert_eq!(center, Point::new(300.0, 0.0));
    }

    #[test]
    fn huge_obstacles_cost_no_more_than_small_ones() {
        let mut placer = LabelPlacer::new(
            [
                Rect::new(-1.0e9, -1.0e9, 2.0e9, 2.0e9),
                Rect::new(0.0, 0.0, 1.0e30, 1.0e30),
                Rect::new(f32::NAN, 0.0, 1.0, 1.0),
            ]
            .into_iter(),
            1,
        );
        // Covered everywhere: some spot on the line all the same.
        let center = placer.place(&[Point::new(0.0, 0.0), Point::new(1000.0, 0.0)], "x");
        assert!(
            center.y == 0.0 && (0.0..=1000.0).contains(&center.x),
            "{center:?}"
        );
    }
}
