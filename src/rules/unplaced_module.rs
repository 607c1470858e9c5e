//! `unplaced-module`: a non-external module placed in no unit (libraries
//! that something links are exempt: they live in their linkers).

use super::{Analysis, Finding, RuleInfo, Severity};
use super::{finding, is_internal, quoted};
use crate::grid::Grid;
use crate::model::Fix;
use crate::model::{ModuleKind, Point, Rect, RuleId};

/// The catalogue entry.
pub(super) const INFO: RuleInfo = RuleInfo {
    id: RuleId::UnplacedModule,
    summary: "A module is not placed in any unit.",
    explanation: "Every piece of code runs somewhere, and the isolation and deployment rules can \
only reason about modules that are placed: an unplaced module has no boundary to anything, \
so weak isolation, blast radius, lockstep upgrades and service splits around it go \
unchecked. Drag it into the unit it runs in. Libraries that something links are exempt, \
since they run inside their linkers, and external actors are never placed. Reference: \
docs/rules.md#unplaced-module.",
    default_severity: Severity::Warning,
    default_text: "warning",
};

/// Fires for every unplaced, non-external module, except libraries that
/// something links. Suggests the innermost unit under the module's centre.
pub(super) fn check(analysis: &Analysis<'_>, out: &mut Vec<Finding>) {
    let diagram = analysis.diagram();
    let mut grid: Option<UnitGrid> = None;
    for (m, module) in diagram.modules.iter().enumerate() {
        if !is_internal(module) || analysis.unit_of(m).is_some() {
            continue;
        }
        if module.kind == ModuleKind::Library && !analysis.linkers_of(m).is_empty() {
            continue;
        }
        let fix = module.rect().and_then(|rect| {
            let grid = grid.get_or_insert_with(|| UnitGrid::new(analysis));
            grid.innermost_at(analysis, rect.center())
                .map(|u| Fix::PlaceModule {
                    module: module.id.clone(),
                    unit: diagram.units[u].id.clone(),
                })
        });
        let message = match &fix {
            Some(Fix::PlaceModule { unit, .. }) => format!(
                "{} is drawn inside {} but not placed in any unit",
                quoted(&module.name),
                quoted(diagram.name_of(unit.as_str())),
            ),
            _ => format!("{} is not placed in any unit", quoted(&module.name)),
        };
        out.push(finding(
            INFO.id,
            Severity::Warning,
            module.id.as_str(),
            Vec::new(),
            message,
            fix,
        ));
    }
}

/// The smallest side of a cell of the units' grid (a small unit's size).
const MIN_CELL: f32 = 128.0;

/// Units with a rectangle in a grid, so that finding the units under a
/// point does not scan them all.
struct UnitGrid {
    /// The units indexed, by their position in the grid.
    units: Vec<usize>,
    grid: Grid,
}

impl UnitGrid {
    fn new(analysis: &Analysis<'_>) -> Self {
        let (units, rects): (Vec<usize>, Vec<Rect>) = (analysis.diagram().units.iter())
            .enumerate()
            .filter_map(|(u, unit)| unit.rect.map(|r| (u, r)))
            .unzip();
        UnitGrid {
            units,
            grid: Grid::of(&rects, MIN_CELL),
        }
    }

    /// The innermost unit whose rectangle contains `p`: the deepest, then
    /// the smallest, then the first by id.
    fn innermost_at(&self, analysis: &Analysis<'_>, p: Point) -> Option<usize> {
        let units = &analysis.diagram().units;
        let deeper = |a: usize, b: usize| {
            let area = |u: usize| units[u].rect.map_or(0.0, |r| r.w * r.h);
            (analysis.depth_of(b).cmp(&analysis.depth_of(a)))
                .then_with(|| area(a).total_cmp(&area(b)))
                .then_with(|| units[a].id.cmp(&units[b].id))
        };
        let mut innermost: Option<usize> = None;
        self.grid.near(&Rect::new(p.x, p.y, 0.0, 0.0), |i| {
            let u = self.units[i as usize];
            if units[u].rect.is_some_and(|r| r.contains(p))
                && innermost.is_none_or(|best| deeper(u, best).is_lt())
            {
                innermost = Some(u);
            }
        });
        innermost
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use crate::model::Fix;
    use crate::model::{Diagram, InterfaceKind, Isolation, ModuleId, ModuleKind, Point, Rect};
    use crate::model::{RuleId, Size, UnitId};

    fn drawn() -> Diagram {
        let mut outer = unit("outer", Isolation::Vm, None);
        outer.rect = Some(Rect::new(0.0, 0.0, 400.0, 300.0));
        let mut inner = unit("inner", Isolation::Process, Some("outer"));
        inner.rect = Some(Rect::new(20.0, 20.0, 200.0, 200.0));
        let mut side = unit("side", Isolation::Process, None);
        side.rect = Some(Rect::new(600.0, 0.0, 100.0, 100.0));
        let mut dropped = module("dropped", None);
        dropped.pos = Some(Point::new(40.0, 40.0));
        dropped.size = Some(Size::new(100.0, 50.0));
        let mut outside = module("outside", None);
        outside.pos = Some(Point::new(1000.0, 1000.0));
        outside.size = Some(Size::new(100.0, 50.0));
        Diagram {
            units: vec![outer, inner, side],
            modules: vec![
                dropped,
                outside,
                module("placed", Some("side")),
                module_of("linked-lib", ModuleKind::Library, None),
                module_of("users", ModuleKind::External, None),
            ],
            interfaces: vec![interface("l", "placed", "linked-lib", InterfaceKind::Link)],
            ..Diagram::default()
        }
    }

    #[test]
    fn fires_with_a_fix_to_the_innermost_unit_under_it() {
        let d = drawn();
        assert_eq!(
            ids(&d, RuleId::UnplacedModule),
            ["unplaced-module@dropped", "unplaced-module@outside"]
        );
        assert_eq!(
            get(&d, "unplaced-module@dropped").fix,
            Some(Fix::PlaceModule {
                module: ModuleId::new("dropped"),
                unit: UnitId::new("inner"),
            })
        );
        assert_eq!(get(&d, "unplaced-module@outside").fix, None);
    }

    #[test]
    fn silent_for_placed_linked_libraries_and_externals() {
        let mut d = drawn();
        d.modules.drain(0..2);
        assert!(ids(&d, RuleId::UnplacedModule).is_empty());
        // An unlinked library is not exempt.
        d.interfaces.clear();
        assert_eq!(
            ids(&d, RuleId::UnplacedModule),
            ["unplaced-module@linked-lib"]
        );
    }
}
