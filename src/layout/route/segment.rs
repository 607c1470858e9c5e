//! The geometry of one segment among rectangles: where it enters one, the
//! corners to pass one by, and the grid columns it passes through.

use super::CLEARANCE;
use crate::grid::Grid;
use crate::layout::spacing::{snap_down, snap_up};
use crate::model::{Point, Rect};

/// The corners to pass `rect` by on the way from `p` to `q`: those on the
/// shorter side of the line, a clearance out and on the grid, in the order
/// the line meets them.
pub(super) fn detour(rect: &Rect, p: Point, q: Point) -> Vec<Point> {
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
/// of `rect`, if it runs inside for more than `graze` of its length (0
/// when it starts inside). The router uses a small `graze`, so grazing a
/// corner is not crossing; the edit that looks for lines a move may touch
/// uses 0, any stretch inside at all, to err on the side of looking again.
#[must_use]
pub fn segment_entry(rect: &Rect, p: Point, q: Point, graze: f32) -> Option<f32> {
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
    (t1 - t0 > graze).then_some(t0)
}

/// The occupied grid columns the segment passes through, from `p` towards
/// `q`: each column, the rows the segment's height spans within it, and how
/// far along the segment (0 to 1) it leaves the column.
pub(super) fn columns(
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entry_finds_real_crossings() {
        let rect = Rect::new(100.0, 100.0, 100.0, 50.0);
        let at =
            |x0, y0, x1, y1| segment_entry(&rect, Point::new(x0, y0), Point::new(x1, y1), 1e-4);
        assert_eq!(at(0.0, 125.0, 300.0, 125.0), Some(1.0 / 3.0));
        assert_eq!(at(300.0, 125.0, 0.0, 125.0), Some(1.0 / 3.0));
        assert_eq!(at(150.0, 0.0, 150.0, 300.0), Some(1.0 / 3.0));
        assert_eq!(at(150.0, 125.0, 400.0, 125.0), Some(0.0), "from inside");
        // Missing, or grazing a side.
        assert_eq!(at(0.0, 0.0, 300.0, 50.0), None);
        assert_eq!(at(0.0, 100.0, 300.0, 100.0), None);
    }

    #[test]
    fn the_graze_says_how_far_inside_counts() {
        // Across the corner (200, 100), inside for a sliver only.
        let rect = Rect::new(100.0, 100.0, 100.0, 50.0);
        let (p, q) = (Point::new(190.0, 90.001), Point::new(210.0, 110.001));
        assert!(
            segment_entry(&rect, p, q, 0.0).is_some(),
            "any stretch inside"
        );
        assert!(segment_entry(&rect, p, q, 1e-4).is_none(), "a graze");
    }

    #[test]
    fn segments_visit_every_cell_they_pass_in_order() {
        // A speck in every cell of a 6 × 6 block, so every cell is occupied.
        const CELL: f32 = 256.0;
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
}
