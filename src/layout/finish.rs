//! The end of a layout: every rectangle as the diagram's [`Geometry`], and
//! the lines routed around the boxes in their way (`route`).

use super::geometry::{Geometry, InterfaceGeometry, ModuleGeometry, UnitGeometry};
use super::tree::ROOT;
use super::work::Work;
use super::{Mode, route};
use crate::model::{Diagram, Point, Size};

impl Work {
    /// The rectangles as the geometry of `diagram`'s elements, with the
    /// interfaces' waypoints (see [`Work::routes`]).
    pub(super) fn into_geometry(self, diagram: &Diagram, mode: Mode) -> Geometry {
        Geometry {
            modules: diagram
                .modules
                .iter()
                .zip(&self.module_rect)
                .map(|(m, r)| ModuleGeometry {
                    id: m.id.clone(),
                    pos: Some(r.min()),
                    size: Some(Size::new(r.w, r.h)),
                })
                .collect(),
            units: diagram
                .units
                .iter()
                .zip(&self.unit_rect)
                .map(|(u, r)| UnitGeometry {
                    id: u.id.clone(),
                    rect: Some(*r),
                })
                .collect(),
            interfaces: diagram
                .interfaces
                .iter()
                .zip(self.routes(diagram, mode))
                .map(|(f, route)| InterfaceGeometry {
                    id: f.id.clone(),
                    points: match mode {
                        Mode::MissingOnly if !f.points.is_empty() => f.points.clone(),
                        _ => route,
                    },
                })
                .collect(),
        }
    }

    /// Waypoints around the boxes in the way, for the interfaces this
    /// layout draws afresh: all of them ([`Mode::All`]), or those without
    /// waypoints that have an end placed now ([`Mode::MissingOnly`]; a line
    /// between two boxes that kept their places stays as it was).
    fn routes(&self, diagram: &Diagram, mode: Mode) -> Vec<Vec<Point>> {
        let pairs: Vec<Option<(usize, usize)>> = diagram
            .interfaces
            .iter()
            .zip(&self.interface_ends)
            .map(|(f, &ends)| {
                let (a, b) = ends?;
                let fresh = match mode {
                    Mode::All => true,
                    Mode::MissingOnly => {
                        f.points.is_empty() && !(self.module_fixed[a] && self.module_fixed[b])
                    }
                };
                fresh.then_some((a, b))
            })
            .collect();
        let tree = &self.tree;
        let ancestors = |m: usize| {
            let mut out = Vec::new();
            let mut c = tree.module_container[m];
            // Depth bounds the walk: the tree has no cycles left.
            while c != ROOT && out.len() < tree.depth.len() {
                out.push(c - 1);
                c = tree.unit_container[c - 1];
            }
            out
        };
        route::Router::new(&self.module_rect, &self.unit_rect, &ancestors)
            .route_all(&self.module_rect, &pairs)
    }
}
