//! A scene together with id → shape lookups and a grid of where shapes
//! lie, built once per scene, so that per-frame work (culling, hit-testing,
//! selection outlines, handles) depends on what is on screen, not on how
//! large the diagram is.

use crate::edit::ElementRef;
use crate::model::{Point, Rect};
use crate::scene::{InterfaceShape, ModuleShape, Scene, UnitShape};
use rustc_hash::{FxBuildHasher, FxHashMap};
use std::hash::BuildHasher;

/// The FxHash of an id (as a `&str` key hashes).
fn hash_str(id: &str) -> u64 {
    FxBuildHasher.hash_one(id)
}

/// A scene with more shapes than this is freed off the UI thread.
const LARGE_SCENE: usize = 2_000;

/// Id → position among one kind of a scene's shapes, without copying the
/// ids: keyed by the id's hash, confirmed against the shape's id on lookup.
/// Ids whose hash another id already had are listed apart (in practice
/// never), so a lookup never scans.
struct IdIndex {
    by_hash: FxHashMap<u64, u32>,
    collided: Vec<u32>,
}

impl IdIndex {
    fn new<'a>(ids: impl ExactSizeIterator<Item = &'a str>) -> Self {
        use std::collections::hash_map::Entry;
        let mut by_hash = FxHashMap::with_capacity_and_hasher(ids.len(), FxBuildHasher);
        let mut collided = Vec::new();
        for (i, id) in ids.enumerate() {
            match by_hash.entry(hash_str(id)) {
                Entry::Vacant(slot) => {
                    slot.insert(i as u32);
                }
                // Another id had this hash first: found through `collided`.
                Entry::Occupied(_) => collided.push(i as u32),
            }
        }
        IdIndex { by_hash, collided }
    }

    /// The item of `items` (the shapes indexed, in order) whose id is `id`.
    fn find<'s, T>(&self, items: &'s [T], id: &str, id_of: impl Fn(&T) -> &str) -> Option<&'s T> {
        let is_it = |i: u32| items.get(i as usize).filter(|item| id_of(item) == id);
        let first = *self.by_hash.get(&hash_str(id))?;
        is_it(first).or_else(|| self.collided.iter().find_map(|&i| is_it(i)))
    }
}

/// Side of a grid cell, in diagram units (a few modules across).
const CELL: f32 = 512.0;
/// A shape covering more cells than this is kept in one list checked for
/// every query instead (a huge unit).
const MAX_CELLS_PER_SHAPE: i64 = 256;
/// A query covering more cells than this scans every shape instead (the
/// whole diagram is in view anyway).
const MAX_CELLS_PER_QUERY: i64 = 4096;

/// Which shapes of one kind lie in which square cell.
struct Grid {
    cells: FxHashMap<(i32, i32), Vec<u32>>,
    /// Shapes too large for cells.
    everywhere: Vec<u32>,
    /// Number of shapes.
    len: usize,
}

fn cell_range(r: &Rect) -> (i32, i32, i32, i32) {
    (
        (r.x / CELL).floor() as i32,
        (r.y / CELL).floor() as i32,
        (r.right() / CELL).floor() as i32,
        (r.bottom() / CELL).floor() as i32,
    )
}

fn cell_count((x0, y0, x1, y1): (i32, i32, i32, i32)) -> i64 {
    (i64::from(x1) - i64::from(x0) + 1) * (i64::from(y1) - i64::from(y0) + 1)
}

impl Grid {
    fn new(rects: impl Iterator<Item = Rect>) -> Self {
        let mut grid = Grid {
            cells: FxHashMap::default(),
            everywhere: Vec::new(),
            len: 0,
        };
        for (i, r) in rects.enumerate() {
            grid.len += 1;
            let range = cell_range(&r);
            if cell_count(range) > MAX_CELLS_PER_SHAPE {
                grid.everywhere.push(i as u32);
                continue;
            }
            let (x0, y0, x1, y1) = range;
            for x in x0..=x1 {
                for y in y0..=y1 {
                    grid.cells.entry((x, y)).or_default().push(i as u32);
                }
            }
        }
        grid
    }

    /// The shapes that may intersect `area`, in ascending (paint) order.
    fn query(&self, area: &Rect) -> Vec<usize> {
        let range = cell_range(area);
        if cell_count(range) > MAX_CELLS_PER_QUERY {
            return (0..self.len).collect();
        }
        let (x0, y0, x1, y1) = range;
        let mut found: Vec<u32> = self.everywhere.clone();
        for x in x0..=x1 {
            for y in y0..=y1 {
                if let Some(cell) = self.cells.get(&(x, y)) {
                    found.extend_from_slice(cell);
                }
            }
        }
        found.sort_unstable();
        found.dedup();
        found.into_iter().map(|i| i as usize).collect()
    }
}

/// The shapes of a scene that may be visible in some area, by kind, each
/// list in paint order (positions in the scene's lists).
#[derive(Default)]
pub struct Visible {
    /// Positions in [`Scene::units`].
    pub units: Vec<usize>,
    /// Positions in [`Scene::interfaces`].
    pub interfaces: Vec<usize>,
    /// Positions in [`Scene::modules`].
    pub modules: Vec<usize>,
    /// Positions in [`Scene::badges`].
    pub badges: Vec<usize>,
}

fn badge_rect(center: Point, radius: f32) -> Rect {
    Rect::new(
        center.x - radius,
        center.y - radius,
        2.0 * radius,
        2.0 * radius,
    )
}

impl Visible {
    /// The shapes of `scene` intersecting `area`, by a scan of every shape
    /// (for small scenes such as a drag's preview).
    #[must_use]
    pub fn scan(scene: &Scene, area: &Rect) -> Self {
        let hits = |rects: &mut dyn Iterator<Item = Rect>| -> Vec<usize> {
            rects
                .enumerate()
                .filter(|(_, r)| r.intersects(area))
                .map(|(i, _)| i)
                .collect()
        };
        Visible {
            units: hits(&mut scene.units.iter().map(|u| u.rect)),
            interfaces: hits(&mut scene.interfaces.iter().map(|i| i.bounds)),
            modules: hits(&mut scene.modules.iter().map(|m| m.rect)),
            badges: hits(&mut scene.badges.iter().map(|b| badge_rect(b.center, b.radius))),
        }
    }
}

/// A scene and where each element's shape is in it.
pub struct Drawn {
    scene: Scene,
    modules: IdIndex,
    units: IdIndex,
    interfaces: IdIndex,
    module_grid: Grid,
    unit_grid: Grid,
    interface_grid: Grid,
    badge_grid: Grid,
}

impl Drawn {
    /// Indexes `scene`.
    #[must_use]
    pub fn new(scene: Scene) -> Self {
        Drawn {
            modules: IdIndex::new(scene.modules.iter().map(|m| m.id.as_str())),
            units: IdIndex::new(scene.units.iter().map(|u| u.id.as_str())),
            interfaces: IdIndex::new(scene.interfaces.iter().map(|i| i.id.as_str())),
            module_grid: Grid::new(scene.modules.iter().map(|m| m.rect)),
            unit_grid: Grid::new(scene.units.iter().map(|u| u.rect)),
            interface_grid: Grid::new(scene.interfaces.iter().map(|i| i.bounds)),
            badge_grid: Grid::new(scene.badges.iter().map(|b| badge_rect(b.center, b.radius))),
            scene,
        }
    }

    /// The shapes that may intersect `area` (each kind in paint order).
    #[must_use]
    pub fn visible(&self, area: &Rect) -> Visible {
        let keep = |found: Vec<usize>, rect: &dyn Fn(usize) -> Option<Rect>| -> Vec<usize> {
            found
                .into_iter()
                .filter(|&i| rect(i).is_some_and(|r| r.intersects(area)))
                .collect()
        };
        Visible {
            units: keep(self.unit_grid.query(area), &|i| {
                self.scene.units.get(i).map(|u| u.rect)
            }),
            interfaces: keep(self.interface_grid.query(area), &|i| {
                self.scene.interfaces.get(i).map(|f| f.bounds)
            }),
            modules: keep(self.module_grid.query(area), &|i| {
                self.scene.modules.get(i).map(|m| m.rect)
            }),
            badges: keep(self.badge_grid.query(area), &|i| {
                self.scene
                    .badges
                    .get(i)
                    .map(|b| badge_rect(b.center, b.radius))
            }),
        }
    }

    /// The topmost module whose box contains `p` (the grid's answer to
    /// [`Scene::module_at`]).
    #[must_use]
    pub fn module_at(&self, p: Point) -> Option<&ModuleShape> {
        let area = Rect::new(p.x - 0.5, p.y - 0.5, 1.0, 1.0);
        self.module_grid
            .query(&area)
            .into_iter()
            .rev()
            .filter_map(|i| self.scene.modules.get(i))
            .find(|m| m.rect.contains(p))
    }

    /// The shape of module `id`, if drawn.
    #[must_use]
    pub fn module(&self, id: &str) -> Option<&ModuleShape> {
        self.modules
            .find(&self.scene.modules, id, |m| m.id.as_str())
    }

    /// Whether freeing this scene takes long enough to do elsewhere.
    #[must_use]
    pub fn is_large(&self) -> bool {
        self.scene.modules.len() + self.scene.interfaces.len() > LARGE_SCENE
    }

    /// The shape of unit `id`, if drawn.
    #[must_use]
    pub fn unit(&self, id: &str) -> Option<&UnitShape> {
        self.units.find(&self.scene.units, id, |u| u.id.as_str())
    }

    /// The shape of interface `id`, if drawn.
    #[must_use]
    pub fn interface(&self, id: &str) -> Option<&InterfaceShape> {
        self.interfaces
            .find(&self.scene.interfaces, id, |f| f.id.as_str())
    }

    /// The box of a module or unit (none for an interface).
    #[must_use]
    pub fn rect_of(&self, element: &ElementRef) -> Option<Rect> {
        match element {
            ElementRef::Module(id) => self.module(id.as_str()).map(|m| m.rect),
            ElementRef::Unit(id) => self.unit(id.as_str()).map(|u| u.rect),
            ElementRef::Interface(_) => None,
        }
    }

    /// The two end points of an interface's arrow.
    #[must_use]
    pub fn interface_ends(&self, id: &str) -> Option<(Point, Point)> {
        let shape = self.interface(id)?;
        Some((*shape.path.first()?, *shape.path.last()?))
    }
}

impl std::ops::Deref for Drawn {
    type Target = Scene;

    fn deref(&self) -> &Scene {
        &self.scene
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_found_and_confirmed() {
        let ids = ["api", "db", "queue"];
        let index = IdIndex::new(ids.iter().copied());
        for id in ids {
            assert_eq!(index.find(&ids, id, |s| s), Some(&id));
        }
        assert_eq!(index.find(&ids, "cache", |s| s), None);
    }

    #[test]
    fn an_id_whose_hash_was_taken_is_found_among_the_collided() {
        // As if "a" and "b" hashed alike: the slot holds "a", "b" is apart.
        let items = ["a", "b"];
        let mut by_hash = FxHashMap::default();
        by_hash.insert(hash_str("b"), 0);
        let index = IdIndex {
            by_hash,
            collided: vec![1],
        };
        assert_eq!(index.find(&items, "b", |s| s), Some(&"b"));
        assert_eq!(index.find(&items, "c", |s| s), None);
    }
}
