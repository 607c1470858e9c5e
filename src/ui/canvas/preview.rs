//! What a drag shows before it is committed.
//!
//! A drag never touches the document: the canvas draws the scene with the
//! dragged elements left out (built once when the drag starts) and, over
//! it, a small scene of just the dragged elements at their new place and
//! the arrows that touch them. The small scene comes from a small diagram,
//! so a drag stays cheap on a huge diagram.

use crate::edit::ElementRef;
use crate::edit::geometry::descendant_units;
use crate::model::{Diagram, Rect, Size};
use std::collections::HashSet;

/// The ids a drag moves: modules and units, units' contents included.
#[derive(Clone, Debug, Default)]
pub struct Moving {
    /// Module ids.
    pub modules: HashSet<String>,
    /// Unit ids.
    pub units: HashSet<String>,
}

impl Moving {
    /// The modules and units that move when `elements` are dragged.
    #[must_use]
    pub fn of(diagram: &Diagram, elements: &[ElementRef]) -> Self {
        let mut moving = Moving::default();
        for element in elements {
            match element {
                ElementRef::Module(id) => {
                    moving.modules.insert(id.as_str().to_owned());
                }
                ElementRef::Unit(id) => {
                    moving.units.insert(id.as_str().to_owned());
                    moving.units.extend(
                        descendant_units(diagram, id.as_str())
                            .into_iter()
                            .map(|u| u.as_str().to_owned()),
                    );
                }
                ElementRef::Interface(_) => {}
            }
        }
        for module in &diagram.modules {
            if module
                .unit
                .as_ref()
                .is_some_and(|u| moving.units.contains(u.as_str()))
            {
                moving.modules.insert(module.id.as_str().to_owned());
            }
        }
        moving
    }

    /// The ids the main scene leaves out during the drag: the moving
    /// elements and every arrow touching a moving module.
    #[must_use]
    pub fn hidden(&self, diagram: &Diagram) -> HashSet<String> {
        let mut hidden: HashSet<String> = self.modules.union(&self.units).cloned().collect();
        for interface in &diagram.interfaces {
            if self.modules.contains(interface.from.as_str())
                || self.modules.contains(interface.to.as_str())
            {
                hidden.insert(interface.id.as_str().to_owned());
            }
        }
        hidden
    }
}

/// A small diagram with the moving elements shifted by `(dx, dy)`, the
/// arrows that touch them and the modules at their other ends, plus every
/// team and unit (colours by team and by deployment unit depend on them).
/// Returns it with the ids to draw (for `SceneOptions::only`).
#[must_use]
pub fn moved(diagram: &Diagram, moving: &Moving, dx: f32, dy: f32) -> (Diagram, HashSet<String>) {
    let mut only: HashSet<String> = moving.modules.union(&moving.units).cloned().collect();
    let mut neighbours: HashSet<&str> = HashSet::new();
    let mut small = Diagram {
        settings: diagram.settings.clone(),
        teams: diagram.teams.clone(),
        ..Diagram::default()
    };
    for interface in &diagram.interfaces {
        let from = moving.modules.contains(interface.from.as_str());
        let to = moving.modules.contains(interface.to.as_str());
        if from || to {
            small.interfaces.push(interface.clone());
            only.insert(interface.id.as_str().to_owned());
            neighbours.insert(interface.from.as_str());
            neighbours.insert(interface.to.as_str());
        }
    }
    small.units = diagram
        .units
        .iter()
        .map(|unit| {
            let mut unit = unit.clone();
            if moving.units.contains(unit.id.as_str()) {
                unit.rect = unit.rect.map(|r| r.translate(dx, dy));
            }
            unit
        })
        .collect();
    small.modules = diagram
        .modules
        .iter()
        .filter(|m| moving.modules.contains(m.id.as_str()) || neighbours.contains(m.id.as_str()))
        .map(|module| {
            let mut module = module.clone();
            if moving.modules.contains(module.id.as_str())
                && let Some(pos) = &mut module.pos
            {
                pos.x += dx;
                pos.y += dy;
            }
            module
        })
        .collect();
    (small, only)
}

/// Like [`moved`] for one module or unit given a new rectangle.
#[must_use]
pub fn resized(diagram: &Diagram, element: &ElementRef, rect: Rect) -> (Diagram, HashSet<String>) {
    let moving = Moving::of(diagram, std::slice::from_ref(element));
    let (mut small, only) = moved(diagram, &moving, 0.0, 0.0);
    match element {
        ElementRef::Module(id) => {
            if let Some(module) = small.module_mut(id.as_str()) {
                module.pos = Some(rect.min());
                module.size = Some(Size::new(rect.w, rect.h));
            }
        }
        ElementRef::Unit(id) => {
            if let Some(unit) = small.unit_mut(id.as_str()) {
                unit.rect = Some(rect);
            }
        }
        ElementRef::Interface(_) => {}
    }
    (small, only)
}
