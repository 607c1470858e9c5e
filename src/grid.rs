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
    /// The rectangles (by index) in each cell, for a grid filled one
    /// rectangle at a time.
    cells: FxHashMap<(i32, i32), Vec<u32>>,
    /// The rectangles in each cell of the occupied range, packed, for a
    /// grid filled at once ([`Grid::of`]); moved to `cells` on the first
    /// [`Grid::insert`] after.
    packed: Option<Packed>,
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
            packed: None,
            large: Vec::new(),
            columns: (0, -1),
            rows: (0, -1),
        }
    }

    /// A grid holding `rects` (by their position in the slice), sized for
    /// them. The cells are filled in two passes over the rectangles into
    /// one packed table (no list per cell), so a grid over thousands of
    /// boxes costs little more than reading them.
    #[must_use]
    pub fn of(rects: &[Rect], min_cell: f32) -> Self {
        let extent = rects
            .iter()
            .filter(|r| is_finite(r))
            .copied()
            .reduce(|a, b| a.union(&b));
        let mut grid = Grid::new(extent, rects.len(), min_cell);
        let spans: Vec<Option<Span>> = rects.iter().map(|r| grid.span(r)).collect();
        for (i, span) in spans.iter().enumerate() {
            match span {
                Some(span) if span.cells() > MAX_CELLS_PER_RECT => grid.large.push(i as u32),
                Some(span) => grid.cover(span),
                None => {}
            }
        }
        let (width, height) = (
            i64::from(grid.columns.1) - i64::from(grid.columns.0) + 1,
            i64::from(grid.rows.1) - i64::from(grid.rows.0) + 1,
        );
        if width <= 0 || height <= 0 {
            return grid;
        }
        let small = || {
            (spans.iter().enumerate()).filter_map(|(i, s)| {
                Some((i as u32, s.filter(|s| s.cells() <= MAX_CELLS_PER_RECT)?))
            })
        };
        let cells = width * height;
        // Far-out rectangles (beyond the limits) could make the occupied
        // range sparse: then the cells are kept by key instead.
        if cells > 4 * rects.len() as i64 + 4096 {
            for (i, span) in small() {
                grid.fill(i, &span);
            }
            return grid;
        }
        let mut packed = Packed {
            first: (grid.columns.0, grid.rows.0),
            width: width as usize,
            starts: vec![0; cells as usize + 1],
            items: Vec::new(),
        };
        for (_, span) in small() {
            span.each(|c, r| {
                let k = packed.slot(c, r);
                packed.starts[k + 1] += 1;
            });
        }
        for k in 0..cells as usize {
            packed.starts[k + 1] += packed.starts[k];
        }
        let mut fill = packed.starts.clone();
        packed.items = vec![0; packed.starts[cells as usize] as usize];
        for (i, span) in small() {
            span.each(|c, r| {
                let slot = &mut fill[packed.slot(c, r)];
                packed.items[*slot as usize] = i;
                *slot += 1;
            });
        }
        grid.packed = Some(packed);
        grid
    }

    /// The cells `rect` covers (`None` when it is not finite).
    fn span(&self, rect: &Rect) -> Option<Span> {
        is_finite(rect).then(|| Span {
            columns: (self.column(rect.x), self.column(rect.right())),
            rows: (self.row(rect.y), self.row(rect.bottom())),
        })
    }

    /// Widens the occupied range to `span`.
    fn cover(&mut self, span: &Span) {
        let Span { columns, rows } = *span;
        if self.columns.0 > self.columns.1 {
            (self.columns, self.rows) = (columns, rows);
        } else {
            self.columns = (self.columns.0.min(columns.0), self.columns.1.max(columns.1));
            self.rows = (self.rows.0.min(rows.0), self.rows.1.max(rows.1));
        }
    }

    /// Lists rectangle `index` in the keyed cells of `span`.
    fn fill(&mut self, index: u32, span: &Span) {
        span.each(|c, r| self.cells.entry((c, r)).or_default().push(index));
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
        let Some(span) = self.span(rect) else {
            return;
        };
        if span.cells() > MAX_CELLS_PER_RECT {
            self.large.push(index);
            return;
        }
        if let Some(packed) = self.packed.take() {
            for (k, window) in packed.starts.windows(2).enumerate() {
                let cell = packed.cell(k);
                for &i in &packed.items[window[0] as usize..window[1] as usize] {
                    self.cells.entry(cell).or_default().push(i);
                }
            }
        }
        self.fill(index, &span);
        self.cover(&span);
    }

    /// The rectangles too large for cells.
    #[must_use]
    pub fn large(&self) -> &[u32] {
        &self.large
    }

    /// The rectangles in cell `(column, row)`.
    #[must_use]
    pub fn at(&self, column: i32, row: i32) -> &[u32] {
        if let Some(packed) = &self.packed {
            return packed.at(column, row);
        }
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

/// The cells a rectangle covers: its first and last column and row.
#[derive(Clone, Copy, Debug)]
struct Span {
    columns: (i32, i32),
    rows: (i32, i32),
}

impl Span {
    fn cells(&self) -> i64 {
        (i64::from(self.columns.1) - i64::from(self.columns.0) + 1)
            * (i64::from(self.rows.1) - i64::from(self.rows.0) + 1)
    }

    /// Calls `f` with each cell, row by row.
    fn each(&self, mut f: impl FnMut(i32, i32)) {
        for r in self.rows.0..=self.rows.1 {
            for c in self.columns.0..=self.columns.1 {
                f(c, r);
            }
        }
    }
}

/// The rectangles of each cell of a rectangular range of cells, in one
/// table: cell `k` (row by row from `first`) holds
/// `items[starts[k]..starts[k + 1]]`.
#[derive(Debug)]
struct Packed {
    first: (i32, i32),
    width: usize,
    starts: Vec<u32>,
    items: Vec<u32>,
}

impl Packed {
    /// The position of cell `(c, r)`, which lies in the range.
    fn slot(&self, c: i32, r: i32) -> usize {
        (r - self.first.1) as usize * self.width + (c - self.first.0) as usize
    }

    /// The cell at position `k`.
    fn cell(&self, k: usize) -> (i32, i32) {
        (
            self.first.0 + (k % self.width) as i32,
            self.first.1 + (k / self.width) as i32,
        )
    }

    /// The rectangles in cell `(c, r)` (none outside the range).
    fn at(&self, c: i32, r: i32) -> &[u32] {
        let (dc, dr) = (
            i64::from(c) - i64::from(self.first.0),
            i64::from(r) - i64::from(self.first.1),
        );
        if dc < 0 || dr < 0 || dc >= self.width as i64 {
            return &[];
        }
        let k = dr as usize * self.width + dc as usize;
        match (self.starts.get(k), self.starts.get(k + 1)) {
            (Some(&a), Some(&b)) => &self.items[a as usize..b as usize],
            _ => &[],
        }
    }
}

fn is_finite(r: &Rect) -> bool {
    r.x.is_finite() && r.y.is_finite() && r.right().is_finite() && r.bottom().is_finite()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_grid_filled_at_once_finds_what_one_filled_by_inserts_finds() {
        let rects: Vec<Rect> = (0..300)
            .map(|i| {
                let k = i as f32;
                Rect::new(
                    (k * 37.0) % 5000.0,
                    (k * 91.0) % 3000.0,
                    40.0 + k % 300.0,
                    30.0 + k % 170.0,
                )
            })
            .chain([
                Rect::new(-1.0e6, -1.0e6, 2.0e6, 2.0e6),
                Rect::new(f32::NAN, 0.0, 1.0, 1.0),
            ])
            .collect();
        let at_once = Grid::of(&rects, 64.0);
        assert!(at_once.packed.is_some());
        let extent = (rects.iter().filter(|r| is_finite(r)).copied()).reduce(|a, b| a.union(&b));
        let mut one_by_one = Grid::new(extent, rects.len(), 64.0);
        for (i, r) in rects.iter().enumerate() {
            one_by_one.insert(i as u32, r);
        }
        for k in 0..200 {
            let k = k as f32;
            let probe = Rect::new(
                (k * 53.0) % 5200.0 - 100.0,
                (k * 29.0) % 3200.0 - 100.0,
                90.0,
                60.0,
            );
            assert_eq!(near(&at_once, probe), near(&one_by_one, probe), "{probe:?}");
        }
        // Inserting after filling at once keeps what was there.
        let mut grown = Grid::of(&rects, 64.0);
        grown.insert(999, &Rect::new(10.0, 10.0, 5.0, 5.0));
        let found = near(&grown, Rect::new(10.0, 10.0, 1.0, 1.0));
        assert!(found.contains(&999) && found.contains(&0), "{found:?}");
    }

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
        let entries: usize = grid.cells.values().map(Vec::len).sum::<usize>()
            + grid.packed.as_ref().map_or(0, |p| p.items.len());
        assert!(
            entries <= rects.len() * MAX_CELLS_PER_RECT as usize,
            "{entries}"
        );
        let cells = grid.cells.len() + grid.packed.as_ref().map_or(0, |p| p.starts.len() - 1);
        assert!(cells <= 4 * rects.len() + 4096, "{cells}");
        let found = near(&grid, Rect::new(10.0, 10.0, 1.0, 1.0));
        assert!(found.contains(&0) && found.contains(&1) && found.contains(&101));
        assert!(!found.contains(&102), "NaN rectangles are left out");
    }
}
