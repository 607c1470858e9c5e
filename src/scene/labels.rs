//! Where interface labels go: on their line, clear of module boxes, unit
//! titles and the labels placed before them.
//!
//! A label sits halfway along its line when that spot is clear. Otherwise
//! it slides along the line, alternating either side of the middle, to the
//! first spot that is clear; when none is, to the one that covers the least.
//! Obstacles live in a uniform grid, so placing every label of a large
//! diagram stays linear.

use super::draw::edge_label_rect;
use super::geom;
use super::index::FastMap;
use crate::model::{Point, Rect};

/// Where along the line a label may sit, in the order they are tried: the
/// middle first, then further out on alternating sides.
const SPOTS: [f32; 9] = [0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78, 0.14, 0.86];

/// Space kept between a label and what it avoids.
const CLEARANCE: f32 = 3.0;

/// Side of a grid cell, in diagram units: about a label's width.
const CELL: f32 = 128.0;

/// Places labels one after the other; see the module docs.
pub(super) struct LabelPlacer {
    obstacles: Vec<Rect>,
    cells: FastMap<(i32, i32), Vec<u32>>,
    /// Obstacles already counted for the candidate being scored (an
    /// obstacle in several cells counts once).
    seen: Vec<u32>,
}

impl LabelPlacer {
    /// A placer whose labels avoid `obstacles` (module boxes, unit titles).
    pub(super) fn new(obstacles: impl Iterator<Item = Rect>) -> Self {
        let mut placer = LabelPlacer {
            obstacles: Vec::new(),
            cells: FastMap::default(),
            seen: Vec::new(),
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

    fn cells_of(rect: &Rect) -> impl Iterator<Item = (i32, i32)> {
        let cell = |v: f32| (v / CELL).floor() as i32;
        let (x0, x1) = (cell(rect.x), cell(rect.right()));
        let (y0, y1) = (cell(rect.y), cell(rect.bottom()));
        (y0..=y1).flat_map(move |y| (x0..=x1).map(move |x| (x, y)))
    }

    fn add(&mut self, rect: Rect) {
        if !(rect.w.is_finite() && rect.h.is_finite() && rect.x.is_finite() && rect.y.is_finite()) {
            return;
        }
        let index = self.obstacles.len() as u32;
        self.obstacles.push(rect);
        for cell in Self::cells_of(&rect) {
            self.cells.entry(cell).or_default().push(index);
        }
    }

    /// The area of `rect` that obstacles cover (overlaps summed).
    fn covered(&mut self, rect: &Rect) -> f32 {
        self.seen.clear();
        let mut area = 0.0;
        for cell in Self::cells_of(rect) {
            let Some(list) = self.cells.get(&cell) else {
                continue;
            };
            for &i in list {
                if self.seen.contains(&i) {
                    continue;
                }
                self.seen.push(i);
                area += rect.overlap_area(&self.obstacles[i as usize]);
            }
        }
        area
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clear_middle_keeps_the_label_there() {
        let mut placer = LabelPlacer::new(std::iter::empty());
        let path = [Point::new(0.0, 0.0), Point::new(400.0, 0.0)];
        assert_eq!(placer.place(&path, "orders"), Point::new(200.0, 0.0));
    }

    #[test]
    fn a_label_slides_off_a_box_on_its_line() {
        // A box sits over the middle of the line.
        let blocker = Rect::new(360.0, -20.0, 80.0, 40.0);
        let mut placer = LabelPlacer::new([blocker].into_iter());
        let path = [Point::new(0.0, 0.0), Point::new(800.0, 0.0)];
        let center = placer.place(&path, "orders");
        assert!(center.x != 400.0);
        assert!(!edge_label_rect(center, "orders").intersects(&blocker));
        assert_eq!(center.y, 0.0, "it stays on its line");
    }

    #[test]
    fn labels_of_parallel_lines_do_not_pile_up() {
        let mut placer = LabelPlacer::new(std::iter::empty());
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
        );
        let center = placer.place(&[Point::new(0.0, 0.0), Point::new(1000.0, 0.0)], "x");
        assert_eq!(center, Point::new(300.0, 0.0));
    }
}
