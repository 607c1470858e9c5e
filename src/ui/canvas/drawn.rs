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

/// Whether `a` and `b` list the same ids in the same order.
fn same_ids<T>(a: &[T], b: &[T], id: impl Fn(&T) -> &str) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| id(x) == id(y))
}

/// A fresh [`Drawn::generation`].
fn next_generation() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// A scene with more shapes than this is freed off the UI thread.
const LARGE_SCENE: usize = 2_000;

/// Whether freeing `scene` takes long enough to do elsewhere.
pub(super) fn is_large_scene(scene: &Scene) -> bool {
    scene.modules.len() + scene.interfaces.len() > LARGE_SCENE
}

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
/// An area of at most this many cells is counted through the grid.
const SMALL_AREA_CELLS: i64 = 64;

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
            grid.insert(i as u32, &r);
        }
        grid
    }

    /// Takes shape `i` (whose rectangle was `rect`) out.
    fn remove(&mut self, i: u32, rect: &Rect) {
        let range = cell_range(rect);
        if cell_count(range) > MAX_CELLS_PER_SHAPE {
            self.everywhere.retain(|&j| j != i);
            return;
        }
        let (x0, y0, x1, y1) = range;
        for x in x0..=x1 {
            for y in y0..=y1 {
                if let Some(cell) = self.cells.get_mut(&(x, y)) {
                    cell.retain(|&j| j != i);
                }
            }
        }
    }

    /// Puts shape `i` in the cells `rect` covers.
    fn insert(&mut self, i: u32, rect: &Rect) {
        let range = cell_range(rect);
        if cell_count(range) > MAX_CELLS_PER_SHAPE {
            self.everywhere.push(i);
            return;
        }
        let (x0, y0, x1, y1) = range;
        for x in x0..=x1 {
            for y in y0..=y1 {
                self.cells.entry((x, y)).or_default().push(i);
            }
        }
    }

    /// The grid of shapes at `new`, from this grid of the same shapes at
    /// `old`: only the shapes whose rectangle changed move (queries sort
    /// what they find, so the order inside a cell does not matter); a
    /// different number of shapes, or most of them moved, builds anew.
    fn update(mut self, old: &[Rect], new: &[Rect]) -> Self {
        if old.len() != new.len() || old.len() != self.len {
            return Grid::new(new.iter().copied());
        }
        let changed: Vec<usize> = (0..new.len()).filter(|&i| old[i] != new[i]).collect();
        if changed.len() > new.len() / 4 {
            return Grid::new(new.iter().copied());
        }
        for i in changed {
            self.remove(i as u32, &old[i]);
            self.insert(i as u32, &new[i]);
        }
        self
    }

    /// The shapes that may intersect `area`, in ascending (paint) order.
    fn query(&self, area: &Rect) -> Vec<usize> {
        let range = cell_range(area);
        // Past a few cells per shape, looking at every shape is cheaper
        // than visiting the cells.
        let scan_all = MAX_CELLS_PER_QUERY.min(self.len as i64 / 4 + 16);
        if cell_count(range) > scan_all {
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
    /// Tells this scene apart from every other one, and from itself
    /// before a patch (what the painting cache is keyed on).
    generation: u64,
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
            generation: next_generation(),
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

    /// The shapes that may intersect `area` ([`Drawn::visible`]), or
    /// `None` when more than `limit` units, interfaces and modules do.
    /// A small area is looked up in the grid; a large one is first
    /// counted by a scan that stops at the limit (where shapes are many,
    /// it comes soon), so a view of everything costs no lookup at all.
    #[must_use]
    pub fn visible_up_to(&self, area: &Rect, limit: usize) -> Option<Visible> {
        let count = |v: &Visible| v.units.len() + v.interfaces.len() + v.modules.len();
        if cell_count(cell_range(area)) <= SMALL_AREA_CELLS {
            return Some(self.visible(area)).filter(|v| count(v) <= limit);
        }
        let scene = &self.scene;
        let within = (scene.units.iter().map(|u| u.rect))
            .chain(scene.interfaces.iter().map(|f| f.bounds))
            .chain(scene.modules.iter().map(|m| m.rect))
            .filter(|r| r.intersects(area))
            .take(limit.saturating_add(1))
            .count();
        (within <= limit).then(|| self.visible(area))
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

    /// `scene` indexed like [`Drawn::new`] does, reusing this index of the
    /// scene before: the id lookups stay when the ids are the same, and
    /// only the shapes that moved move in the grids (an edit that moves a
    /// few boxes of a huge diagram). Returns the scene before too, for the
    /// caller to free.
    #[must_use]
    pub fn replaced(self, scene: Scene) -> (Self, Scene) {
        let Drawn {
            scene: old,
            generation: _,
            mut modules,
            mut units,
            mut interfaces,
            module_grid,
            unit_grid,
            interface_grid,
            badge_grid,
        } = self;
        if !same_ids(&old.modules, &scene.modules, |m| m.id.as_str()) {
            modules = IdIndex::new(scene.modules.iter().map(|m| m.id.as_str()));
        }
        if !same_ids(&old.units, &scene.units, |u| u.id.as_str()) {
            units = IdIndex::new(scene.units.iter().map(|u| u.id.as_str()));
        }
        if !same_ids(&old.interfaces, &scene.interfaces, |f| f.id.as_str()) {
            interfaces = IdIndex::new(scene.interfaces.iter().map(|f| f.id.as_str()));
        }
        let module_rects = |s: &Scene| -> Vec<Rect> { s.modules.iter().map(|m| m.rect).collect() };
        let unit_rects = |s: &Scene| -> Vec<Rect> { s.units.iter().map(|u| u.rect).collect() };
        let interface_rects =
            |s: &Scene| -> Vec<Rect> { s.interfaces.iter().map(|f| f.bounds).collect() };
        let badge_rects = |s: &Scene| -> Vec<Rect> {
            s.badges
                .iter()
                .map(|b| badge_rect(b.center, b.radius))
                .collect()
        };
        let drawn = Drawn {
            generation: next_generation(),
            module_grid: module_grid.update(&module_rects(&old), &module_rects(&scene)),
            unit_grid: unit_grid.update(&unit_rects(&old), &unit_rects(&scene)),
            interface_grid: interface_grid.update(&interface_rects(&old), &interface_rects(&scene)),
            badge_grid: badge_grid.update(&badge_rects(&old), &badge_rects(&scene)),
            modules,
            units,
            interfaces,
            scene,
        };
        (drawn, old)
    }

    /// Brings the scene up to date after a step that changed only the
    /// geometry of what `touched` lists (see [`crate::scene::patch`]),
    /// moving only what moved in the grids. Returns `false`, leaving
    /// everything as it was, when the scene needs building again instead.
    #[must_use]
    pub fn patch(
        &mut self,
        diagram: &crate::model::Diagram,
        forest: &crate::model::Forest,
        options: &crate::scene::SceneOptions,
        touched: &crate::model::Touched,
    ) -> bool {
        let Some(changed) = crate::scene::patch(&mut self.scene, diagram, forest, options, touched)
        else {
            return false;
        };
        self.generation = next_generation();
        let scene = &self.scene;
        let moves = |grid: &mut Grid, moved: &[(usize, Rect)], now: &dyn Fn(usize) -> Rect| {
            for &(i, before) in moved {
                let after = now(i);
                if after != before {
                    grid.remove(i as u32, &before);
                    grid.insert(i as u32, &after);
                }
            }
        };
        moves(&mut self.unit_grid, &changed.units, &|i| {
            scene.units[i].rect
        });
        moves(&mut self.module_grid, &changed.modules, &|i| {
            scene.modules[i].rect
        });
        moves(&mut self.interface_grid, &changed.interfaces, &|i| {
            scene.interfaces[i].bounds
        });
        moves(&mut self.badge_grid, &changed.badges, &|i| {
            let b = &scene.badges[i];
            badge_rect(b.center, b.radius)
        });
        true
    }

    /// A number no other scene (nor this one before a patch) had.
    #[must_use]
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Whether freeing this scene takes long enough to do elsewhere.
    #[must_use]
    pub fn is_large(&self) -> bool {
        is_large_scene(&self.scene)
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

    /// Everything a frame asks of a `Drawn`, over the whole diagram.
    fn answers(drawn: &Drawn) -> Vec<String> {
        let mut out = Vec::new();
        let bounds = drawn.bounds.unwrap_or_default();
        for row in 0..12 {
            for column in 0..12 {
                let area = Rect::new(
                    bounds.x + bounds.w * column as f32 / 12.0,
                    bounds.y + bounds.h * row as f32 / 12.0,
                    bounds.w / 10.0,
                    bounds.h / 10.0,
                );
                let v = drawn.visible(&area);
                out.push(format!(
                    "{:?} {:?} {:?} {:?}",
                    v.units, v.interfaces, v.modules, v.badges
                ));
                let hit = drawn.module_at(area.center()).map(|m| m.id.clone());
                out.push(format!("{hit:?}"));
            }
        }
        for m in &drawn.scene.modules {
            out.push(format!("{:?}", drawn.module(m.id.as_str()).map(|s| s.rect)));
        }
        for u in &drawn.scene.units {
            out.push(format!("{:?}", drawn.unit(u.id.as_str()).map(|s| s.rect)));
        }
        for f in &drawn.scene.interfaces {
            out.push(format!("{:?}", drawn.interface_ends(f.id.as_str())));
        }
        out
    }

    #[test]
    fn an_index_carried_over_from_the_scene_before_answers_like_a_new_one() {
        use crate::edit::geometry::{Drop, move_elements};
        let mut d = crate::model::generate::synthetic(400, 7);
        crate::layout::lay_out(&mut d, crate::layout::Mode::All);
        let report = crate::rules::check(&d);
        let options = crate::scene::SceneOptions::new(crate::scene::View::Trust, false);
        let mut drawn = Drawn::new(crate::scene::build(&d, &report, &options));
        for step in 0..12_usize {
            // Far moves, so boxes change cells; every few steps a unit.
            let element = if step % 4 == 3 {
                ElementRef::Unit(d.units[step * 5 % d.units.len()].id.clone())
            } else {
                ElementRef::Module(d.modules[step * 37 % d.modules.len()].id.clone())
            };
            let dx = 700.0 * (step as f32 - 6.0);
            let forest = crate::model::Forest::new(&d);
            let edit =
                move_elements(&d, &forest, &[element], dx, 300.0, Drop::KeepUnits).expect("move");
            edit.apply(&mut d).expect("valid");
            let scene = crate::scene::build(&d, &report, &options);
            let fresh = Drawn::new(scene.clone());
            drawn = drawn.replaced(scene).0;
            assert_eq!(answers(&drawn), answers(&fresh), "step {step}");
        }
    }
}
