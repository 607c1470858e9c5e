//! A scene together with id → shape lookups and a grid of where shapes
//! lie, built once per scene, so that per-frame work (culling, hit-testing,
//! selection outlines, handles) depends on what is on screen, not on how
//! large the diagram is.

use crate::edit::ElementRef;
use crate::grid::Grid;
use crate::model::{Point, Rect};
use crate::scene::{Badge, InterfaceShape, ModuleShape, Scene, UnitShape};
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

/// The smallest side of a grid cell, in diagram units (a few modules
/// across).
const CELL: f32 = 512.0;
/// A shape covering more cells than this is kept in one list checked for
/// every query instead (a huge unit, a line across the diagram).
const MAX_CELLS_PER_SHAPE: i64 = 256;
/// An area of at most this many cells is counted through the grid.
const SMALL_AREA_CELLS: i64 = 64;

/// The shapes of `grid` that intersect `area`, in ascending (paint) order,
/// `rect` giving each shape's rectangle.
fn within(grid: &Grid, area: &Rect, rect: impl Fn(usize) -> Option<Rect>) -> Vec<usize> {
    (grid.query(area).into_iter())
        .map(|i| i as usize)
        .filter(|&i| rect(i).is_some_and(|r| r.intersects(area)))
        .collect()
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

fn module_rects(scene: &Scene) -> Vec<Rect> {
    scene.modules.iter().map(|m| m.rect).collect()
}

fn unit_rects(scene: &Scene) -> Vec<Rect> {
    scene.units.iter().map(|u| u.rect).collect()
}

fn interface_rects(scene: &Scene) -> Vec<Rect> {
    scene.interfaces.iter().map(|f| f.bounds).collect()
}

fn badge_rects(scene: &Scene) -> Vec<Rect> {
    (scene.badges.iter()).map(Badge::rect).collect()
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
            badges: hits(&mut scene.badges.iter().map(Badge::rect)),
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
            module_grid: Grid::of_up_to(&module_rects(&scene), CELL, MAX_CELLS_PER_SHAPE),
            unit_grid: Grid::of_up_to(&unit_rects(&scene), CELL, MAX_CELLS_PER_SHAPE),
            interface_grid: Grid::of_up_to(&interface_rects(&scene), CELL, MAX_CELLS_PER_SHAPE),
            badge_grid: Grid::of_up_to(&badge_rects(&scene), CELL, MAX_CELLS_PER_SHAPE),
            scene,
        }
    }

    /// The shapes that may intersect `area` (each kind in paint order).
    #[must_use]
    pub fn visible(&self, area: &Rect) -> Visible {
        let scene = &self.scene;
        Visible {
            units: within(&self.unit_grid, area, |i| {
                scene.units.get(i).map(|u| u.rect)
            }),
            interfaces: within(&self.interface_grid, area, |i| {
                scene.interfaces.get(i).map(|f| f.bounds)
            }),
            modules: within(&self.module_grid, area, |i| {
                scene.modules.get(i).map(|m| m.rect)
            }),
            badges: within(&self.badge_grid, area, |i| {
                (scene.badges.get(i)).map(Badge::rect)
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
        let cells = (self.unit_grid.cells_in(area))
            .max(self.interface_grid.cells_in(area))
            .max(self.module_grid.cells_in(area));
        if cells <= SMALL_AREA_CELLS {
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
            .filter_map(|i| self.scene.modules.get(i as usize))
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
        let drawn = Drawn {
            generation: next_generation(),
            module_grid: module_grid.update(&module_rects(&old), &module_rects(&scene), CELL),
            unit_grid: unit_grid.update(&unit_rects(&old), &unit_rects(&scene), CELL),
            interface_grid: interface_grid.update(
                &interface_rects(&old),
                &interface_rects(&scene),
                CELL,
            ),
            badge_grid: badge_grid.update(&badge_rects(&old), &badge_rects(&scene), CELL),
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
            b.rect()
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
