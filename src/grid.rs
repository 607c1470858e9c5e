//! A uniform grid over rectangles, for "what lies near here?" in the
//! layout's line routing and the scene's label placement.
//!
//! Its size is set by how many rectangles it holds, never by how large they
//! are: the cell side is chosen from the extent and the count (about
//! `2√n` cells along the longer side), a rectangle that would cover more
//! than [`MAX_CELLS_PER_RECT`] cells (or the bound its user sets,
//! [`Grid::of_up_to`]) goes in one list checked by every
//! query instead, and queries only visit cells inside the occupied range.
//! So a module a billion units wide costs one list entry, not a billion
//! cells, and filling the grid is linear in the number of rectangles. The
//! extent is taken within twice the geometry limits, so one rectangle far
//! outside them does not stretch everyone else's cells.

use crate::model::{MAX_COORDINATE, Rect};
use rustc_hash::FxHashMap;
use std::ops::RangeInclusive;

/// A rectangle covering more cells than this is kept in the list of large
/// rectangles instead (unless the grid was made with another bound).
pub const MAX_CELLS_PER_RECT: i64 = 64;

/// Rectangles by the cells they cover.
#[derive(Debug)]
pub struct Grid {
    /// Side of a cell.
    cell: f32,
    /// Where cell (0, 0) starts.
    origin: (f32, f32),
    /// The rectangles (by index) in each cell, for a grid filled one
    /// rectangle at a time, and the cells of a packed grid that outgrew
    /// their room (a cell is either here or in `packed`, never both).
    cells: FxHashMap<(i32, i32), Vec<u32>>,
    /// The rectangles in each cell of the occupied range, packed, for a
    /// grid filled at once ([`Grid::of`]); [`Grid::insert`] adds to a cell
    /// there while it has room left by a [`Grid::remove`], otherwise the
    /// cell moves to `cells`.
    packed: Option<Packed>,
    /// Rectangles too large for cells, checked by every query.
    large: Vec<u32>,
    /// A rectangle covering more cells than this goes in `large`.
    max_cells: i64,
    /// The columns and rows that hold anything (empty ranges when nothing).
    columns: (i32, i32),
    rows: (i32, i32),
    /// One past the largest index put in: the indices a query that scans
    /// everything returns.
    count: usize,
}

/// A query covering more cells than this returns every index instead (the
/// whole picture is asked for anyway).
const MAX_CELLS_PER_QUERY: i64 = 4096;

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
            count: 0,
            max_cells: MAX_CELLS_PER_RECT,
        }
    }

    /// A grid holding `rects` (by their position in the slice), sized for
    /// them. The cells are filled in two passes over the rectangles into
    /// one packed table (no list per cell), so a grid over thousands of
    /// boxes costs little more than reading them.
    #[must_use]
    pub fn of(rects: &[Rect], min_cell: f32) -> Self {
        Grid::of_up_to(rects, min_cell, MAX_CELLS_PER_RECT)
    }

    /// [`Grid::of`], with rectangles over `max_cells` cells (instead of
    /// [`MAX_CELLS_PER_RECT`]) in the list every query checks: for many
    /// long thin rectangles (the bounds of lines across a diagram), which
    /// would crowd that list.
    #[must_use]
    pub fn of_up_to(rects: &[Rect], min_cell: f32, max_cells: i64) -> Self {
        let extent = rects
            .iter()
            .filter(|r| is_finite(r))
            .copied()
            .reduce(|a, b| a.union(&b));
        let mut grid = Grid::new(extent, rects.len(), min_cell);
        grid.count = rects.len();
        grid.max_cells = max_cells;
        let spans: Vec<Option<Span>> = rects.iter().map(|r| grid.span(r)).collect();
        for (i, span) in spans.iter().enumerate() {
            match span {
                Some(span) if span.cells() > max_cells => grid.large.push(i as u32),
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
            (spans.iter().enumerate())
                .filter_map(|(i, s)| Some((i as u32, s.filter(|s| s.cells() <= max_cells)?)))
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
            ends: Vec::new(),
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
        // Each cell is full: it ends where the next one starts.
        fill.pop();
        packed.ends = fill;
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
        self.count = self.count.max(index as usize + 1);
        let Some(span) = self.span(rect) else {
            return;
        };
        if span.cells() > self.max_cells {
            self.large.push(index);
            return;
        }
        span.each(|c, r| self.add(index, c, r));
        self.cover(&span);
    }

    /// Lists rectangle `index` in cell `(c, r)`: in the packed table while
    /// the cell has room, otherwise by key (the cell's rectangles move
    /// there with it).
    fn add(&mut self, index: u32, c: i32, r: i32) {
        if !self.cells.is_empty()
            && let Some(list) = self.cells.get_mut(&(c, r))
        {
            list.push(index);
            return;
        }
        let Some(packed) = &mut self.packed else {
            self.cells.entry((c, r)).or_default().push(index);
            return;
        };
        let Some(k) = packed.position(c, r) else {
            self.cells.entry((c, r)).or_default().push(index);
            return;
        };
        let (end, room) = (packed.ends[k], packed.starts[k + 1]);
        if end < room {
            packed.items[end as usize] = index;
            packed.ends[k] += 1;
            return;
        }
        let mut list = packed.items[packed.starts[k] as usize..end as usize].to_vec();
        list.push(index);
        packed.ends[k] = packed.starts[k];
        self.cells.insert((c, r), list);
    }

    /// Takes rectangle `index` out, `rect` being the rectangle it was put
    /// in with (a shape that moved: [`Grid::remove`] it at its old place,
    /// [`Grid::insert`] it at the new). The occupied range stays.
    pub fn remove(&mut self, index: u32, rect: &Rect) {
        let Some(span) = self.span(rect) else {
            return;
        };
        if span.cells() > self.max_cells {
            self.large.retain(|&i| i != index);
            return;
        }
        span.each(|c, r| {
            if !self.cells.is_empty()
                && let Some(list) = self.cells.get_mut(&(c, r))
            {
                list.retain(|&i| i != index);
            } else if let Some(packed) = &mut self.packed
                && let Some(k) = packed.position(c, r)
            {
                let (start, end) = (packed.starts[k] as usize, packed.ends[k] as usize);
                if let Some(at) = packed.items[start..end].iter().position(|&i| i == index) {
                    packed.items.swap(start + at, end - 1);
                    packed.ends[k] -= 1;
                }
            }
        });
    }

    /// The grid of `new`, from this grid of `old` (the same rectangles
    /// before, [`Grid::of_up_to`]`(old, min_cell, …)` or made from it this
    /// way):
    /// only the rectangles that changed move, so when an edit moved a few
    /// of many, this costs about those few. A different number of
    /// rectangles, or most of them changed, fills a grid anew.
    #[must_use]
    pub fn update(mut self, old: &[Rect], new: &[Rect], min_cell: f32) -> Self {
        if old.len() != new.len() || old.len() != self.count {
            return Grid::of_up_to(new, min_cell, self.max_cells);
        }
        let changed: Vec<usize> = (0..new.len()).filter(|&i| old[i] != new[i]).collect();
        if changed.len() > new.len() / 4 {
            return Grid::of_up_to(new, min_cell, self.max_cells);
        }
        for i in changed {
            self.remove(i as u32, &old[i]);
            self.insert(i as u32, &new[i]);
        }
        self
    }

    /// The rectangles too large for cells.
    #[must_use]
    pub fn large(&self) -> &[u32] {
        &self.large
    }

    /// The rectangles in cell `(column, row)`.
    #[must_use]
    pub fn at(&self, column: i32, row: i32) -> &[u32] {
        if !self.cells.is_empty()
            && let Some(list) = self.cells.get(&(column, row))
        {
            return list;
        }
        self.packed.as_ref().map_or(&[], |p| p.at(column, row))
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

impl Grid {
    /// One past the largest index put in (so every index lies below it).
    #[must_use]
    pub fn count(&self) -> usize {
        self.count
    }

    /// How many occupied cells `area` covers (none when it is not finite).
    #[must_use]
    pub fn cells_in(&self, area: &Rect) -> i64 {
        self.span(area).map_or(0, |span| {
            let columns = self.occupied_columns(span.columns.0..=span.columns.1);
            let rows = self.occupied_rows(span.rows.0..=span.rows.1);
            let along =
                |r: RangeInclusive<i32>| (i64::from(*r.end()) - i64::from(*r.start()) + 1).max(0);
            along(columns) * along(rows)
        })
    }

    /// Every rectangle that may overlap `area`, each once, in ascending
    /// order of index. When `area` covers more occupied cells than there
    /// are rectangles to look at, or a quarter of them (a view of the whole
    /// picture, where long rectangles fill many cells each), visiting the
    /// cells costs more than reading every rectangle: then it is every
    /// index below [`Grid::count`], for the caller to test.
    #[must_use]
    pub fn query(&self, area: &Rect) -> Vec<u32> {
        let occupied = (i64::from(self.columns.1) - i64::from(self.columns.0) + 1).max(0)
            * (i64::from(self.rows.1) - i64::from(self.rows.0) + 1).max(0);
        let scan_all = MAX_CELLS_PER_QUERY
            .min(self.count as i64 / 4 + 16)
            .min(occupied / 4);
        let cells = self.cells_in(area);
        if cells > 0 && cells > scan_all {
            return (0..self.count as u32).collect();
        }
        let mut found = Vec::new();
        self.near(area, |i| found.push(i));
        found.sort_unstable();
        found.dedup();
        found
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
/// `items[starts[k]..ends[k]]`, with room up to `starts[k + 1]` (left by
/// removals).
#[derive(Debug)]
struct Packed {
    first: (i32, i32),
    width: usize,
    starts: Vec<u32>,
    ends: Vec<u32>,
    items: Vec<u32>,
}

impl Packed {
    /// The position of cell `(c, r)`, which lies in the range.
    fn slot(&self, c: i32, r: i32) -> usize {
        (r - self.first.1) as usize * self.width + (c - self.first.0) as usize
    }

    /// The position of cell `(c, r)` (none outside the range).
    fn position(&self, c: i32, r: i32) -> Option<usize> {
        let (dc, dr) = (
            i64::from(c) - i64::from(self.first.0),
            i64::from(r) - i64::from(self.first.1),
        );
        if dc < 0 || dr < 0 || dc >= self.width as i64 {
            return None;
        }
        let k = dr as usize * self.width + dc as usize;
        (k < self.ends.len()).then_some(k)
    }

    /// The rectangles in cell `(c, r)` (none outside the range).
    fn at(&self, c: i32, r: i32) -> &[u32] {
        self.position(c, r).map_or(&[], |k| {
            &self.items[self.starts[k] as usize..self.ends[k] as usize]
        })
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

    /// Rectangles scattered over a few thousand units, some overlapping.
    fn scattered(n: usize, shift: f32) -> Vec<Rect> {
        (0..n)
            .map(|i| {
                let k = i as f32;
                Rect::new(
                    (k * 37.0 + shift) % 5000.0,
                    (k * 91.0) % 3000.0,
                    40.0 + k % 300.0,
                    30.0 + k % 170.0,
                )
            })
            .collect()
    }

    /// What `query` must answer: the indices whose rectangle meets `area`.
    fn overlapping(rects: &[Rect], area: Rect) -> Vec<u32> {
        (0..rects.len() as u32)
            .filter(|&i| rects[i as usize].intersects(&area))
            .collect()
    }

    #[test]
    fn moving_rectangles_in_place_answers_like_a_grid_filled_anew() {
        let before = scattered(400, 0.0);
        let mut after = before.clone();
        let mut grid = Grid::of(&before, 64.0);
        // Back and forth, far and near, so cells fill past the room that
        // removals left and move to keys, and empty again.
        for step in 0..40_usize {
            let old = after.clone();
            for i in [step * 7 % 400, step * 13 % 400, 5] {
                let r = after[i];
                let dx = if step % 2 == 0 { 900.0 } else { -880.0 };
                after[i] = Rect::new(r.x + dx, r.y + 35.0, r.w, r.h);
            }
            grid = grid.update(&old, &after, 64.0);
            let fresh = Grid::of(&after, 64.0);
            for k in 0..60 {
                let k = k as f32;
                let area = Rect::new(
                    (k * 97.0) % 6000.0 - 200.0,
                    (k * 41.0) % 3600.0,
                    120.0,
                    90.0,
                );
                let want = overlapping(&after, area);
                let keep = |found: Vec<u32>| -> Vec<u32> {
                    found
                        .into_iter()
                        .filter(|&i| after[i as usize].intersects(&area))
                        .collect()
                };
                assert_eq!(keep(grid.query(&area)), want, "step {step}, {area:?}");
                assert_eq!(keep(fresh.query(&area)), want, "step {step}, {area:?}");
            }
        }
        assert!(grid.packed.is_some(), "moved in place, not filled anew");
    }

    #[test]
    fn a_removed_rectangle_is_no_longer_found() {
        let rects = scattered(50, 0.0);
        let mut grid = Grid::of(&rects, 64.0);
        let huge = Rect::new(-1.0e5, -1.0e5, 2.0e5, 2.0e5);
        grid.insert(50, &huge);
        let probe = Rect::new(rects[3].x + 1.0, rects[3].y + 1.0, 1.0, 1.0);
        assert!(grid.query(&probe).contains(&3) && grid.query(&probe).contains(&50));
        grid.remove(3, &rects[3]);
        grid.remove(50, &huge);
        let found = grid.query(&probe);
        assert!(!found.contains(&3) && !found.contains(&50), "{found:?}");
        assert_eq!(grid.count(), 51);
    }

    #[test]
    fn a_query_over_more_cells_than_rectangles_is_every_index() {
        let rects = scattered(300, 0.0);
        let grid = Grid::of(&rects, 64.0);
        let everything = Rect::new(-100.0, -100.0, 6000.0, 4000.0);
        assert!(grid.cells_in(&everything) > 300 / 4 + 16);
        assert_eq!(grid.query(&everything), (0..300).collect::<Vec<u32>>());
        // A small area is looked up: ascending, each once, all that overlap.
        let area = Rect::new(1000.0, 1000.0, 200.0, 150.0);
        let found = grid.query(&area);
        assert!(found.len() < 300 && found.windows(2).all(|w| w[0] < w[1]));
        for i in overlapping(&rects, area) {
            assert!(found.contains(&i), "{i}");
        }
        assert_eq!(grid.cells_in(&Rect::new(1.0e5, 1.0e5, 10.0, 10.0)), 0);
    }

    #[test]
    fn the_bound_on_cells_per_rectangle_can_be_raised() {
        let mut rects = scattered(100, 0.0);
        rects.push(Rect::new(0.0, 0.0, 1.0, 1.0));
        let side = Grid::of(&rects, 64.0).cell_side();
        // 16 × 6 cells (more than 64, fewer than 256), inside the
        // extent, so the cells stay as they were.
        rects[100] = Rect::new(0.0, 0.0, side * 15.5, side * 5.5);
        let probe = Rect::new(side * 5.0, side, 1.0, 1.0);
        let default = Grid::of(&rects, 64.0);
        assert_eq!(default.cell_side(), side);
        assert_eq!(default.large(), [100]);
        let raised = Grid::of_up_to(&rects, 64.0, 256);
        assert!(raised.large().is_empty());
        assert!(raised.query(&probe).contains(&100));
        // Filled anew by `update`, it keeps its bound.
        let mut moved = rects.clone();
        for r in &mut moved {
            r.x += 1.0;
        }
        let again = raised.update(&rects, &moved, 64.0);
        assert!(again.large().is_empty());
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
