//! The steps of building an [`Analysis`] once the forest is known: weak
//! groups, placement by group and deployment unit, interfaces resolved
//! into packed adjacency lists, trust classes.

use super::{Adjacency, Edge, Foothold, FxHashMap, Neighbour};
use crate::model::{Diagram, Forest, InterfaceKind, Release, Trust};
use petgraph::unionfind::UnionFind;

/// Isolation domains ("weak groups"): a weak unit is joined to its parent,
/// or to the virtual root (index `n_units`) when it has none. A `Managed`
/// unit counts as strong whatever its isolation. Returns each unit's group
/// (dense, numbered in unit order) and how many there are.
pub(super) fn weak_groups(diagram: &Diagram, forest: &Forest) -> (Vec<u32>, usize) {
    let n_units = diagram.units.len();
    let strong = diagram.settings.strong_isolation;
    let mut groups = UnionFind::<u32>::new(n_units + 1);
    for (u, unit) in diagram.units.iter().enumerate() {
        if unit.isolation < strong && unit.release != Release::Managed {
            let parent = forest.parent(u).unwrap_or(n_units);
            groups.union(u as u32, parent as u32);
        }
    }
    let mut dense = vec![u32::MAX; n_units + 1];
    let mut group_count = 0usize;
    let unit_group: Vec<u32> = (0..n_units)
        .map(|u| {
            let root = groups.find_mut(u as u32) as usize;
            if dense[root] == u32::MAX {
                dense[root] = group_count as u32;
                group_count += 1;
            }
            dense[root]
        })
        .collect();
    (unit_group, group_count)
}

/// The placed modules of each weak group and the modules each deployment
/// unit holds, in file order.
pub(super) fn placement(
    forest: &Forest,
    unit_group: &[u32],
    group_count: usize,
) -> (Adjacency<u32>, Adjacency<u32>) {
    let mut member_pairs = Vec::new();
    let mut held_pairs = Vec::new();
    for m in 0..forest.module_count() {
        if let Some(u) = forest.unit_of(m) {
            member_pairs.push((unit_group[u], m as u32));
            held_pairs.push((forest.deployment_unit(u) as u32, m as u32));
        }
    }
    (
        Adjacency::build(group_count, &member_pairs),
        Adjacency::build(forest.unit_count(), &held_pairs),
    )
}

/// The interfaces with both ends resolved, and who links and accesses whom.
pub(super) struct Resolved {
    pub(super) edges: Vec<Edge>,
    pub(super) degree: Vec<u32>,
    pub(super) links_out: Adjacency<Neighbour>,
    pub(super) linked_by: Adjacency<Neighbour>,
    pub(super) accesses: Adjacency<Neighbour>,
    pub(super) accessed_by: Adjacency<Neighbour>,
}

/// Resolves every interface's ends (through the forest) into [`Resolved`].
pub(super) fn resolve_interfaces(diagram: &Diagram, forest: &Forest) -> Resolved {
    let n_modules = diagram.modules.len();
    let mut edges = Vec::with_capacity(diagram.interfaces.len());
    let mut degree = vec![0u32; n_modules];
    let (mut link_pairs, mut linker_pairs) = (Vec::new(), Vec::new());
    let (mut access_pairs, mut accessor_pairs) = (Vec::new(), Vec::new());
    for (i, interface) in diagram.interfaces.iter().enumerate() {
        let Some((from, to)) = forest.ends(i) else {
            continue;
        };
        let (from, to) = (from as u32, to as u32);
        edges.push(Edge {
            interface: i as u32,
            from,
            to,
            kind: interface.kind,
        });
        degree[from as usize] += 1;
        if to != from {
            degree[to as usize] += 1;
        }
        let towards = |module| Neighbour {
            module,
            interface: i as u32,
            kind: interface.kind,
        };
        match interface.kind {
            InterfaceKind::Link => {
                link_pairs.push((from, towards(to)));
                linker_pairs.push((to, towards(from)));
            }
            InterfaceKind::Read | InterfaceKind::Write | InterfaceKind::Load => {
                access_pairs.push((from, towards(to)));
                accessor_pairs.push((to, towards(from)));
            }
            InterfaceKind::Call | InterfaceKind::Rpc | InterfaceKind::Queue => {}
        }
    }
    Resolved {
        edges,
        degree,
        links_out: Adjacency::build(n_modules, &link_pairs),
        linked_by: Adjacency::build(n_modules, &linker_pairs),
        accesses: Adjacency::build(n_modules, &access_pairs),
        accessed_by: Adjacency::build(n_modules, &accessor_pairs),
    }
}

/// Each module's trust class, interned: key = 2 × zone number + whether the
/// module counts as untrusted (declared, or a loader foothold); zone number
/// 0 is "no zone" (most modules). Equal keys trust each other.
pub(super) fn trust_keys(diagram: &Diagram, foothold: &[Option<Foothold>]) -> Vec<u32> {
    let mut zones: FxHashMap<&str, u32> = FxHashMap::default();
    diagram
        .modules
        .iter()
        .zip(foothold)
        .map(|(m, foothold)| {
            let zone = match m.zone.as_deref() {
                None => 0,
                Some(zone) => {
                    let next = zones.len() as u32 + 1;
                    *zones.entry(zone).or_insert(next)
                }
            };
            let untrusted = m.trust == Trust::Untrusted || *foothold == Some(Foothold::Loader);
            zone * 2 + u32::from(untrusted)
        })
        .collect()
}
