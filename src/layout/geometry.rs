//! The geometry of a diagram's elements as one value: what Tidy up
//! changes, what undoing it restores, and how a layout's result stays
//! within the geometry limits.

use crate::model::{Diagram, Forest, InterfaceId, ModuleId, Point, Rect, Size, UnitId};

/// The geometry of one module.
#[derive(Clone, Debug, PartialEq)]
pub struct ModuleGeometry {
    /// The module.
    pub id: ModuleId,
    /// Its top-left corner.
    pub pos: Option<Point>,
    /// Its size.
    pub size: Option<Size>,
}

/// The geometry of one unit.
#[derive(Clone, Debug, PartialEq)]
pub struct UnitGeometry {
    /// The unit.
    pub id: UnitId,
    /// Its rectangle.
    pub rect: Option<Rect>,
}

/// The geometry of one interface.
#[derive(Clone, Debug, PartialEq)]
pub struct InterfaceGeometry {
    /// The interface.
    pub id: InterfaceId,
    /// Its waypoints.
    pub points: Vec<Point>,
}

/// The geometry of every element of a diagram, in diagram order: what
/// Tidy up changes, and what undoing it restores.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Geometry {
    /// Every module's position and size.
    pub modules: Vec<ModuleGeometry>,
    /// Every unit's rectangle.
    pub units: Vec<UnitGeometry>,
    /// Every interface's waypoints.
    pub interfaces: Vec<InterfaceGeometry>,
}

impl Geometry {
    /// The geometry `diagram` has now.
    #[must_use]
    pub fn of(diagram: &Diagram) -> Self {
        Geometry {
            modules: diagram
                .modules
                .iter()
                .map(|m| ModuleGeometry {
                    id: m.id.clone(),
                    pos: m.pos,
                    size: m.size,
                })
                .collect(),
            units: diagram
                .units
                .iter()
                .map(|u| UnitGeometry {
                    id: u.id.clone(),
                    rect: u.rect,
                })
                .collect(),
            interfaces: diagram
                .interfaces
                .iter()
                .map(|f| InterfaceGeometry {
                    id: f.id.clone(),
                    points: f.points.clone(),
                })
                .collect(),
        }
    }

    /// Sets the geometry of every element of `diagram` named here, by id;
    /// elements it does not name are left alone.
    pub fn apply(&self, diagram: &mut Diagram) {
        let (modules, units, interfaces) = {
            let forest = Forest::new(diagram);
            (
                (self.modules.iter())
                    .map(|g| forest.module(g.id.as_str()))
                    .collect::<Vec<_>>(),
                (self.units.iter())
                    .map(|g| forest.unit(g.id.as_str()))
                    .collect::<Vec<_>>(),
                (self.interfaces.iter())
                    .map(|g| forest.interface(diagram, g.id.as_str()))
                    .collect::<Vec<_>>(),
            )
        };
        for (g, at) in self.modules.iter().zip(modules) {
            if let Some(m) = at.map(|i| &mut diagram.modules[i]) {
                m.pos = g.pos;
                m.size = g.size;
            }
        }
        for (g, at) in self.units.iter().zip(units) {
            if let Some(u) = at.map(|i| &mut diagram.units[i]) {
                u.rect = g.rect;
            }
        }
        for (g, at) in self.interfaces.iter().zip(interfaces) {
            if let Some(f) = at.map(|i| &mut diagram.interfaces[i]) {
                f.points.clone_from(&g.points);
            }
        }
    }
}

impl Geometry {
    /// Brings whatever lies outside the geometry limits inside them (values
    /// within are left exactly as they are): a diagram too large to lay out
    /// within them is squeezed at their edge, never saved as a file that
    /// cannot be opened.
    pub(super) fn keep_within_limits(&mut self) {
        for g in &mut self.modules {
            if let Some(pos) = g.pos.as_mut().filter(|p| p.limit_problem().is_some()) {
                *pos = pos.clamped();
            }
            if let Some(size) = g.size.as_mut().filter(|s| s.limit_problem().is_some()) {
                *size = size.clamped();
            }
        }
        for g in &mut self.units {
            if let Some(rect) = g.rect.as_mut().filter(|r| r.limit_problem().is_some()) {
                *rect = rect.clamped();
            }
        }
        for g in &mut self.interfaces {
            for point in g.points.iter_mut().filter(|p| p.limit_problem().is_some()) {
                *point = point.clamped();
            }
        }
    }
}
