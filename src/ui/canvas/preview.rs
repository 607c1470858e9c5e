//! What a drag shows before it is committed.
//!
//! A drag never touches the document: the canvas draws the scene with the
//! dragged elements left out (built once when the drag starts) and, over
//! it, a small scene of just the dragged elements at their new place and
//! the arrows that touch them. The small scene comes from a small diagram,
//! so a drag stays cheap on a huge diagram.

use crate::edit::{ElementRef, Moving};
use crate::model::{Diagram, Rect, Size};
use crate::rules::Report;
use std::collections::HashSet;

/// The ids the main scene leaves out while `moving` is dragged: the moving
/// elements and every arrow touching a moving module.
#[must_use]
pub fn hidden(diagram: &Diagram, moving: &Moving) -> HashSet<String> {
    let modules = moving_ids(diagram, moving).0;
    let mut hidden: HashSet<String> = modules.iter().map(|&m| m.to_owned()).collect();
    hidden.extend((moving.units.iter()).map(|&u| diagram.units[u].id.as_str().to_owned()));
    for interface in &diagram.interfaces {
        if modules.contains(interface.from.as_str()) || modules.contains(interface.to.as_str()) {
            hidden.insert(interface.id.as_str().to_owned());
        }
    }
    hidden
}

/// The ids of the moving modules and units.
fn moving_ids<'d>(diagram: &'d Diagram, moving: &Moving) -> (HashSet<&'d str>, HashSet<&'d str>) {
    let modules = (moving.modules.iter())
        .map(|&m| diagram.modules[m].id.as_str())
        .collect();
    let units = (moving.units.iter())
        .map(|&u| diagram.units[u].id.as_str())
        .collect();
    (modules, units)
}

/// What a move or resize shows, prepared once when the drag starts: a
/// small diagram with the dragged elements, the arrows that touch them and
/// the modules at their other ends, plus every team and unit (colours by
/// team and by deployment unit depend on them). Each frame only copies it
/// and shifts the dragged elements.
pub struct Preview {
    small: Diagram,
    /// Positions in `small.modules` of the dragged modules.
    modules: Vec<usize>,
    /// Positions in `small.units` of the dragged units.
    units: Vec<usize>,
    /// Positions in `small.interfaces` of arrows with both ends dragged.
    carried: Vec<usize>,
    /// The units that do not move: the main scene draws them already.
    still_units: HashSet<String>,
    /// The findings about what the preview draws (badges, arrow colours),
    /// picked out of the document's report once.
    report: Report,
}

impl Preview {
    /// Prepares the preview of dragging `moving`.
    #[must_use]
    pub fn new(diagram: &Diagram, report: &Report, moving: &Moving) -> Self {
        let (moving_modules, moving_units) = moving_ids(diagram, moving);
        let mut neighbours: HashSet<&str> = HashSet::new();
        let mut small = Diagram {
            settings: diagram.settings.clone(),
            teams: diagram.teams.clone(),
            units: diagram.units.clone(),
            ..Diagram::default()
        };
        let mut carried = Vec::new();
        for interface in &diagram.interfaces {
            let from = moving_modules.contains(interface.from.as_str());
            let to = moving_modules.contains(interface.to.as_str());
            if from || to {
                if from && to {
                    carried.push(small.interfaces.len());
                }
                small.interfaces.push(interface.clone());
                neighbours.insert(interface.from.as_str());
                neighbours.insert(interface.to.as_str());
            }
        }
        small.modules = diagram
            .modules
            .iter()
            .filter(|m| {
                moving_modules.contains(m.id.as_str()) || neighbours.contains(m.id.as_str())
            })
            .cloned()
            .collect();
        let modules = small
            .modules
            .iter()
            .enumerate()
            .filter(|(_, m)| moving_modules.contains(m.id.as_str()))
            .map(|(i, _)| i)
            .collect();
        let units = small
            .units
            .iter()
            .enumerate()
            .filter(|(_, u)| moving_units.contains(u.id.as_str()))
            .map(|(i, _)| i)
            .collect();
        let still_units = small
            .units
            .iter()
            .filter(|u| !moving_units.contains(u.id.as_str()))
            .map(|u| u.id.as_str().to_owned())
            .collect();
        let drawn: HashSet<&str> = small
            .modules
            .iter()
            .map(|m| m.id.as_str())
            .chain(small.interfaces.iter().map(|f| f.id.as_str()))
            .chain(moving_units.iter().copied())
            .collect();
        let report = Report {
            findings: report
                .findings
                .iter()
                .filter(|f| {
                    f.elements
                        .first()
                        .is_some_and(|e| drawn.contains(e.as_str()))
                })
                .cloned()
                .collect(),
        };
        Preview {
            small,
            modules,
            units,
            carried,
            still_units,
            report,
        }
    }

    /// Prepares the preview of bending interface `index` (a position in
    /// the diagram's interfaces): a small diagram with the line and its two
    /// modules, which stay where they are.
    #[must_use]
    pub fn line(diagram: &Diagram, report: &Report, index: usize) -> Self {
        let mut small = Diagram {
            settings: diagram.settings.clone(),
            teams: diagram.teams.clone(),
            units: diagram.units.clone(),
            ..Diagram::default()
        };
        let mut drawn: HashSet<&str> = HashSet::new();
        if let Some(interface) = diagram.interfaces.get(index) {
            small.interfaces.push(interface.clone());
            drawn.insert(interface.id.as_str());
            for end in [&interface.from, &interface.to] {
                if let Some(module) = diagram.module(end.as_str())
                    && drawn.insert(module.id.as_str())
                {
                    small.modules.push(module.clone());
                }
            }
        }
        let report = Report {
            findings: report
                .findings
                .iter()
                .filter(|f| {
                    f.elements
                        .first()
                        .is_some_and(|e| drawn.contains(e.as_str()))
                })
                .cloned()
                .collect(),
        };
        Preview {
            still_units: small
                .units
                .iter()
                .map(|u| u.id.as_str().to_owned())
                .collect(),
            small,
            modules: Vec::new(),
            units: Vec::new(),
            carried: Vec::new(),
            report,
        }
    }

    /// The small diagram of [`Preview::line`] with the line's waypoints
    /// set to `points`.
    #[must_use]
    pub fn bent(&self, points: &[crate::model::Point]) -> Diagram {
        let mut small = self.small.clone();
        if let Some(interface) = small.interfaces.first_mut() {
            interface.points = points.to_vec();
        }
        small
    }

    /// The scene options that draw the preview over the main scene: the
    /// units that stay put are left out.
    #[must_use]
    pub fn options(&self, view: crate::scene::View, dark: bool) -> crate::scene::SceneOptions {
        let mut options = crate::scene::SceneOptions::new(view, dark);
        options.hidden.clone_from(&self.still_units);
        options
    }

    /// The findings about what the preview draws.
    #[must_use]
    pub fn report(&self) -> &Report {
        &self.report
    }

    /// The small diagram with the dragged elements moved by `(dx, dy)`.
    #[must_use]
    pub fn moved(&self, dx: f32, dy: f32) -> Diagram {
        let mut small = self.small.clone();
        for &i in &self.modules {
            if let Some(pos) = small.modules.get_mut(i).and_then(|m| m.pos.as_mut()) {
                pos.x += dx;
                pos.y += dy;
            }
        }
        for &i in &self.units {
            if let Some(unit) = small.units.get_mut(i) {
                unit.rect = unit.rect.map(|r| r.translate(dx, dy));
            }
        }
        for &i in &self.carried {
            if let Some(interface) = small.interfaces.get_mut(i) {
                for point in &mut interface.points {
                    point.x += dx;
                    point.y += dy;
                }
            }
        }
        small
    }

    /// The small diagram with `element` given the rectangle `rect`.
    #[must_use]
    pub fn resized(&self, element: &ElementRef, rect: Rect) -> Diagram {
        let mut small = self.small.clone();
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
        small
    }
}
