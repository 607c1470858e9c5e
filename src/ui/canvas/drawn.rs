//! A scene together with id → shape lookups, built once per scene, so that
//! per-frame code (selection outlines, handles, the rename field) finds a
//! shape in O(1) however large the diagram.

use crate::edit::ElementRef;
use crate::model::{Point, Rect};
use crate::scene::{InterfaceShape, ModuleShape, Scene, UnitShape};
use std::collections::HashMap;

/// A scene and where each element's shape is in it.
pub struct Drawn {
    scene: Scene,
    modules: HashMap<String, usize>,
    units: HashMap<String, usize>,
    interfaces: HashMap<String, usize>,
}

impl Drawn {
    /// Indexes `scene`.
    #[must_use]
    pub fn new(scene: Scene) -> Self {
        let index = |ids: Vec<&str>| -> HashMap<String, usize> {
            ids.into_iter()
                .enumerate()
                .map(|(i, id)| (id.to_owned(), i))
                .collect()
        };
        Drawn {
            modules: index(scene.modules.iter().map(|m| m.id.as_str()).collect()),
            units: index(scene.units.iter().map(|u| u.id.as_str()).collect()),
            interfaces: index(scene.interfaces.iter().map(|i| i.id.as_str()).collect()),
            scene,
        }
    }

    /// The shape of module `id`, if drawn.
    #[must_use]
    pub fn module(&self, id: &str) -> Option<&ModuleShape> {
        self.scene.modules.get(*self.modules.get(id)?)
    }

    /// The shape of unit `id`, if drawn.
    #[must_use]
    pub fn unit(&self, id: &str) -> Option<&UnitShape> {
        self.scene.units.get(*self.units.get(id)?)
    }

    /// The shape of interface `id`, if drawn.
    #[must_use]
    pub fn interface(&self, id: &str) -> Option<&InterfaceShape> {
        self.scene.interfaces.get(*self.interfaces.get(id)?)
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
