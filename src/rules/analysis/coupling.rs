//! What ties deployment units' releases together: datastores accessed
//! without versioning from several units (`schema-lockstep`) and cycles of
//! unversioned calls (`deployment-cycle`). Computed once per check, because
//! `unversioned-cross-unit`, `split-without-reason` and the scorecard ask
//! too, whatever the severity settings.

use super::{Analysis, FxHashMap};
use crate::model::{InterfaceKind, ModuleKind};
use petgraph::graph::{DiGraph, NodeIndex};

/// Datastores accessed without versioning by the same set of two or more
/// deployment units: one `schema-lockstep` group.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LockstepGroup {
    /// The datastores, by position, ascending by id.
    pub datastores: Vec<u32>,
    /// The deployment units, by position, ascending by id.
    pub units: Vec<usize>,
}

/// The release coupling of a diagram.
#[derive(Debug, Default)]
pub struct Coupling {
    /// For every datastore (by position), the deployment units that are not
    /// `Managed` and access it with an unversioned `Read`, `Write` or
    /// `Load`, ascending by position.
    pub unversioned_access: Vec<Vec<usize>>,
    /// The `schema-lockstep` groups, ordered by their first datastore's id.
    pub lockstep: Vec<LockstepGroup>,
    /// The `deployment-cycle` groups: strongly connected components of two
    /// or more deployment units over unversioned `Call`/`Rpc`, each
    /// ascending by id, ordered by their first unit's id.
    pub cycles: Vec<Vec<usize>>,
    /// For every unit (by position), the lockstep and cycle groups it is in
    /// (lockstep groups numbered first, then cycles), ascending.
    groups_of_unit: Vec<Vec<u32>>,
}

impl Coupling {
    /// Whether units `a` and `b` are both in one lockstep or cycle group:
    /// they must be upgraded together anyway.
    #[must_use]
    pub fn upgrade_together(&self, a: usize, b: usize) -> bool {
        let (Some(ga), Some(gb)) = (self.groups_of_unit.get(a), self.groups_of_unit.get(b)) else {
            return false;
        };
        // Both short and sorted: walk them together.
        let (mut i, mut j) = (0, 0);
        while i < ga.len() && j < gb.len() {
            match ga[i].cmp(&gb[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => return true,
            }
        }
        false
    }
}

impl Analysis<'_> {
    /// The release coupling (computed on first use, then shared).
    pub fn coupling(&self) -> &Coupling {
        self.coupling.get_or_init(|| self.compute_coupling())
    }

    fn compute_coupling(&self) -> Coupling {
        let diagram = self.diagram;
        let modules = &diagram.modules;
        let units = &diagram.units;
        let by_unit_id = |a: &usize, b: &usize| units[*a].id.cmp(&units[*b].id);

        let mut library_units: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
        let mut unversioned_access: Vec<Vec<usize>> = vec![Vec::new(); modules.len()];
        for edge in &self.edges {
            if !matches!(
                edge.kind,
                InterfaceKind::Read | InterfaceKind::Write | InterfaceKind::Load
            ) || diagram.interfaces[edge.interface as usize].versioned
                || modules[edge.to as usize].kind != ModuleKind::Datastore
            {
                continue;
            }
            let from = edge.from as usize;
            let list = &mut unversioned_access[edge.to as usize];
            match self.deployment_unit_of(from) {
                Some(d) => list.push(d),
                None => list.extend(
                    library_units
                        .entry(from)
                        .or_insert_with(|| self.library_units(from))
                        .iter(),
                ),
            }
            list.retain(|&d| !self.managed_at(d));
        }
        for list in &mut unversioned_access {
            list.sort_unstable();
            list.dedup();
        }

        let mut by_units: FxHashMap<&[usize], usize> = FxHashMap::default();
        let mut lockstep: Vec<LockstepGroup> = Vec::new();
        for (d, list) in unversioned_access.iter().enumerate() {
            if list.len() < 2 {
                continue;
            }
            let next = lockstep.len();
            let g = *by_units.entry(list.as_slice()).or_insert(next);
            if g == next {
                let mut sorted = list.clone();
                sorted.sort_unstable_by(by_unit_id);
                lockstep.push(LockstepGroup {
                    datastores: Vec::new(),
                    units: sorted,
                });
            }
            lockstep[g].datastores.push(d as u32);
        }
        for group in &mut lockstep {
            group
                .datastores
                .sort_unstable_by(|&a, &b| modules[a as usize].id.cmp(&modules[b as usize].id));
        }
        lockstep.sort_unstable_by(|a, b| {
            modules[a.datastores[0] as usize]
                .id
                .cmp(&modules[b.datastores[0] as usize].id)
        });

        let mut graph: DiGraph<(), ()> = DiGraph::with_capacity(units.len(), 0);
        for _ in units {
            graph.add_node(());
        }
        for edge in &self.edges {
            if !matches!(edge.kind, InterfaceKind::Call | InterfaceKind::Rpc)
                || diagram.interfaces[edge.interface as usize].versioned
            {
                continue;
            }
            if let (Some(a), Some(b)) = (
                self.deployment_unit_of(edge.from as usize),
                self.deployment_unit_of(edge.to as usize),
            ) && a != b
                && !self.managed_at(a)
                && !self.managed_at(b)
            {
                graph.add_edge(NodeIndex::new(a), NodeIndex::new(b), ());
            }
        }
        let mut cycles: Vec<Vec<usize>> = if graph.edge_count() < 2 {
            Vec::new()
        } else {
            petgraph::algo::tarjan_scc(&graph)
                .into_iter()
                .filter(|component| component.len() >= 2)
                .map(|component| {
                    let mut members: Vec<usize> = component.iter().map(|n| n.index()).collect();
                    members.sort_unstable_by(by_unit_id);
                    members
                })
                .collect()
        };
        cycles.sort_unstable_by(|a, b| units[a[0]].id.cmp(&units[b[0]].id));
        let mut groups_of_unit: Vec<Vec<u32>> = vec![Vec::new(); units.len()];
        for (g, members) in lockstep.iter().map(|g| &g.units).chain(&cycles).enumerate() {
            for &u in members {
                groups_of_unit[u].push(g as u32);
            }
        }
        Coupling {
            unversioned_access,
            lockstep,
            cycles,
            groups_of_unit,
        }
    }
}
