//! Deployment units (docs/rules.md, "Deployment unit of a module"): read
//! off the diagram's [`crate::model::Forest`], plus where an unplaced
//! library is deployed.

use super::{Analysis, FxHashSet};
use crate::model::{ModuleId, ModuleKind, UnitId};

impl<'a> Analysis<'a> {
    /// The deployment unit of a module: the nearest unit, from its own
    /// upwards, released `Own` or `Managed` (a root `WithParent` unit counts
    /// as `Own`). `None` when the module is unplaced or unknown.
    #[must_use]
    pub fn deployment_unit(&self, module: &str) -> Option<&'a UnitId> {
        let unit = self.deployment_unit_of(self.module_position(module)?)?;
        Some(&self.diagram.units[unit].id)
    }

    /// The deployment unit of a unit (itself, or the nearest ancestor it is
    /// released with).
    #[must_use]
    pub fn deployment_unit_of_unit(&self, unit: &str) -> Option<&'a UnitId> {
        let unit = self.forest.unit(unit)?;
        Some(&self.diagram.units[self.forest.deployment_unit(unit)].id)
    }

    /// Whether the deployment unit holding `unit` is `Managed` (a service
    /// you use but do not deploy; `WithParent` children of one are managed).
    #[must_use]
    pub fn is_managed(&self, unit: &str) -> bool {
        self.forest
            .unit(unit)
            .is_some_and(|u| self.managed_at(self.forest.deployment_unit(u)))
    }

    /// The modules a deployment unit holds (those whose deployment unit it
    /// is), in file order; empty for a unit that is not a deployment unit.
    #[must_use]
    pub fn held(&self, deployment_unit: &str) -> Vec<&'a ModuleId> {
        self.forest
            .unit(deployment_unit)
            .map(|u| {
                self.held
                    .of(u)
                    .iter()
                    .map(|&m| &self.diagram.modules[m as usize].id)
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The deployment units an unplaced library is deployed in: those of
    /// every module that links it, directly or through other libraries;
    /// sorted by id. Empty for a placed library (it runs in its own unit)
    /// and for anything that is not a library.
    #[must_use]
    pub fn library_deployment(&self, library: &str) -> Vec<&'a UnitId> {
        let Some(library) = self.module_position(library) else {
            return Vec::new();
        };
        let mut units: Vec<&UnitId> = self
            .library_units(library)
            .into_iter()
            .map(|u| &self.diagram.units[u].id)
            .collect();
        units.sort_unstable();
        units
    }

    /// The deployment units an unplaced library is deployed in (by position,
    /// unsorted, without repeats): those of the placed modules linking it
    /// directly or through other libraries. Empty for a placed module.
    pub(crate) fn library_units(&self, library: usize) -> Vec<usize> {
        if self.diagram.modules[library].kind != ModuleKind::Library
            || self.unit_of(library).is_some()
        {
            return Vec::new();
        }
        let mut seen_module = FxHashSet::<u32>::default();
        let mut seen_unit = FxHashSet::<usize>::default();
        let mut units = Vec::new();
        let mut stack = vec![library as u32];
        seen_module.insert(library as u32);
        while let Some(lib) = stack.pop() {
            for linker in self.linked_by.of(lib as usize) {
                if !seen_module.insert(linker.module) {
                    continue;
                }
                let l = linker.module as usize;
                if let Some(d) = self.deployment_unit_of(l)
                    && seen_unit.insert(d)
                {
                    units.push(d);
                }
                if self.diagram.modules[l].kind == ModuleKind::Library {
                    stack.push(linker.module);
                }
            }
        }
        units
    }
}
