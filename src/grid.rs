//! A uniform grid over rectangles, for "what lies near here?" in the
//! layout's line routing and the scene's label placement.
//!
//! Its size is set by how many rectangles it holds, never by how large they
//! are: the cell side is chosen from the extent and the count (about
//! `2√n` cells along the longer side), a rectangle that would cover more
//! than [`MAX_CELLS_PER_RECT`] cells goes in one list checked by every
//! query instead, and queries only visit cells inside the occupied range.
//! So a module a billion units wide costs one list entry, not a billion
//! cells, and filling the grid is linear in the number of rectangles. The
//! extent is taken within twice the geometry limits, so one rectangle far
//! outside them does not stretch everyone else's cells.

use crate::model::{MAX_COORDINATE, Rect};
use rustc_hash::FxHashMap;
use std::ops::RangeInclusive;

/// A rectangle covering more cells than this is kept in the list of large
/// rectangles instead.
pub const MAX_CELLS_PER_RECT: i64 = 64;

/// Rectangles by the cells they cover.
#[derive(Debug)]
pub struct Grid {
    /// Side of a cell.
    cell: f32,
    /// Where cell (0, 0) starts.
    origin: (f32, f32),
    /// The rectangles (by index) in each cell.
    cells: FxHashMap<(i32, i32), Vec<u32>>,
    /// Rectangles too large for cells, checked by every query.
    large: Vec<u32>,
    /// The columns and rows that hold anything (empty ranges when nothing).
    columns: (i32, i32),
    rows: (i32, i32),
}

impl Grid {
    /// An empty grid for about `count` rectangles spread over `extent`,
    /// with cells no smaller than `min_cell` (a typical rectangle's size).
    #[must_use]
    pub fn new(extent: Option<Rect>, count: usize, min_cell: f32) -> Self {
        // Geometry keeps within the limits; something far outside them (an
        // unchecked diagram) must not stretch the cells of everything else.
        let reach = 2.0 * MAX_COORDINATE;
        let extent = extent.filter(is_finite).map(|r| {
            let (x0, y0) = (r.x.clamp(-reach, reach), r.y.clamp(-reach, reach));
            let (x1, y1) = (r.right().clamp(x0, reach), r.bottom().clamp(y0, reach));
            Rect::new(x0, y0, x1 - x0, y1 - y0)
        });
        let longest = extent.map_or(0.0, |r| r.w.max(r.h));
        let per_side = 2.0 * (count.max(1) as f32).sqrt();
        let cell = (longest / per_side).max(min_cell).max(f32::MIN_POSITIVE);
        Grid {
            cell,
            origin: extent.map_or((0.0, 0.0), |r| (r.x, r.y)),
            cells: FxHashMap::default(),
            large: Vec::new(),
            columns: (0, -1),
            rows: (0, -1),
        }
    }

    /// A grid holding `rects` (by their position in the iterator), sized
    /// for them.
    #[must_use]
    pub fn of(rects: &[Rect], min_cell: f32) -> Self {
        let extent = rects
            .iter()
            .filter(|r| is_finite(r))
            .copied()
            .reduce(|a, b| a.union(&b));
        let mut grid = Grid::new(extent, rects.len(), min_cell);
        for (i, rect) in rects.iter().enumerate() {
            grid.insert(i as u32, rect);
        }
        grid
    }

    /// Side of a cell.
    #[must_use]
    pub fn cell_side(&self) -> f32 {
        self.cell
    }

    /// The column holding `x` (saturating far out).
    #[must_use]
    pub fn column(&self, x: f32) -> i32 {
        ((x - self.origin.0) / self.cell).floor() as i32
    }

    /// The row holding `y` (saturating far out).
    #[must_use]
    pub fn row(&self, y: f32) -> i32 {
        ((y - self.origin.1) / self.cell).floor() as i32
    }

    /// The left edge of `column`.
    #[must_use]
    pub fn column_left(&self, column: i32) -> f32 {
        self.origin.0 + column as f32 * self.cell
    }

    /// Adds rectangle `index`; one that is not finite is left out.
    pub fn insert(&mut self, index: u32, rect: &Rect) {
        if !is_finite(rect) {
            return;
        }
        let (x0, x1) = (self.column(rect.x), self.column(rect.right()));
        let (y0, y1) = (self.row(rect.y), self.row(rect.bottom()));
        let covered = (i64::from(x1) - i64::from(x0) + 1) * (i64::from(y1) - i64::from(y0) + 1);
        if covered > MAX_CELLS_PER_RECT {
            self.large.push(index);
            return;
        }
        for y in y0..=y1 {
            for x in x0..=x1 {
                self.cells.entry((x, y)).or_default().push(index);
            }
        }
        if self.columns.0 > self.columns.1 {
            self.columns = (x0, x1);
            self.rows = (y0, y1);
        } else {
            self.columns = (self.columns.0.min(x0), self.columns.1.max(x1));
            self.rows = (self.rows.0.min(y0), self.rows.1.max(y1));
        }
    }

    /// The rectangles too large for cells.
    #[must_use]
    pub fn large(&self) -> &[u32] {
        &self.large
    }

    /// The rectangles in cell `(column, row)`.
    #[must_use]
    pub fn at(&self, column: i32, row: i32) -> &[u32] {
        self.cells.get(&(column, row)).map_or(&[], Vec::as_slice)
    }

    /// `columns` cut to the columns that hold anything.
    #[must_use]
    pub fn occupied_columns(&self, columns: RangeInclusive<i32>) -> RangeInclusive<i32> {
        (*columns.start()).max(self.columns.0)..=(*columns.end()).min(self.columns.1)
    }

    /// `rows` cut to the rows that hold anything.
    #[must_use]
    pub fn occupied_rows(&self, rows: RangeInclusive<i32>) -> RangeInclusive<i32> {
        (*rows.start()).max(self.rows.0)..=(*rows.end()).min(self.rows.1)
    }

    /// Calls `found` with every rectangle that may overlap `rect`: the
    /// large ones, then those in the occupied cells it covers. A rectangle
    /// in several cells comes once per cell; callers that care keep a
    /// "seen" mark.
    pub fn near(&self, rect: &Rect, mut found: impl FnMut(u32)) {
        for &i in &self.large {
            found(i);
        }
        if !is_finite(rect) {
            return;
        }
        let columns = self.occupied_columns(self.column(rect.x)..=self.column(rect.right()));
        let rows = self.occupied_rows(self.row(rect.y)..=self.row(rect.bottom()));
        for y in rows {
            for x in columns.clone() {
                for &i in self.at(x, y) {
                    found(i);
                }
            }
        }
    }
}

fn is_finite(r: &Rect) -> bool {
    r.x.is_finite() && r.y.is_finite() && r.right().is_finite() && r.bottom().is_finite()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn near(grid: &Grid, rect: Rect) -> Vec<u32> {
        let mut out = Vec::new();
        grid.near(&rect, |i| out.push(i));
        out.sort_unstable();
        out.dedup();
        out
    }

    #[test]
    fn finds_what_overlaps() {
        let rects = [
            Rect::new(0.0, 0.0, 100.0, 50.0),
            Rect::new(1000.0, 1000.0, 100.0, 50.0),
            Rect::new(0.0, 900.0, 100.0, 50.0),
        ];
        let grid = Grid::of(&rects, 64.0);
        assert_eq!(near(&grid, Rect::new(50.0, 20.0, 10.0, 10.0)), [0]);
        assert_eq!(near(&grid, Rect::new(1050.0, 1020.0, 1.0, 1.0)), [1]);
        assert!(near(&grid, Rect::new(500.0, 500.0, 1.0, 1.0)).is_empty());
        assert!(near(&grid, Rect::new(-5000.0, 500.0, 1.0, 1.0)).is_empty());
    }

    #[test]
    fn cells_are_bounded_by_the_count_not_the_size() {
        // One huge box among small ones: the cell side follows the extent,
        // and nothing is put in more than a bounded number of cells.
        let mut rects = vec![Rect::new(-1.0e6, -1.0e6, 2.0e6, 2.0e6)];
        rects.extend((0..100).map(|i| Rect::new(i as f32 * 200.0, 0.0, 160.0, 64.0)));
        rects.push(Rect::new(0.0, 0.0, 1.0e30, 1.0e30));
        rects.push(Rect::new(f32::NAN, 0.0, 1.0, 1.0));
        let grid = Grid::of(&rects, 64.0);
        let entries: usize = grid.cells.values().map(Vec::len).sum();
        assert!(
            entries <= rects.len() * MAX_CELLS_PER_RECT as usize,
            "{entries}"
        );
        assert!(
            grid.cells.len() <= 4 * rects.len() + 64,
            "{}",
            grid.cells.len()
        );
        let found = near(&grid, Rect::new(10.0, 10.0, 1.0, 1.0));
        assert!(found.contains(&0) && found.contains(&1) && found.contains(&101));
        assert!(!found.contains(&102), "NaN rectangles are left out");
    }
}
