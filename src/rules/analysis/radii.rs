//! The blast radius of every untrusted module at once, in time proportional
//! to the diagram plus the distinct radii, not to the sources times what
//! each reaches.
//!
//! Compromise spreads between *nodes*: a weak group (co-location takes all
//! of its placed modules at once) or an unplaced module. A node holding a
//! compromised library spreads to the nodes of the library's linkers. So the
//! compromised set of a source is the union of the members of every node
//! reachable from its own, and the exposed datastores are those that the
//! members of those nodes, or the libraries they link (directly or through
//! other libraries), read or write. Each node *contributes* its members and
//! its exposures, and a source's touched set is the union of the
//! contributions of every node it reaches.
//!
//! Sources upstream of one big node (a large weak group, say) all contain
//! its whole touched set. Rather than copy it into each, the strongly
//! connected components of the node graph are processed successors first,
//! and each keeps its touched set as a shared *base* (the largest touched
//! set among its successors, flattened once) plus a small private *extra*.
//! When the extra grows past a threshold the component is flattened into a
//! base of its own, which bounds both the copying and the number of bases.

use super::{Analysis, BlastRadii, FxHashMap, NO_UNIT, RadiusList, cmp_ids, id_prefix};
use crate::model::{ModuleKind, Trust};
use petgraph::graph::{DiGraph, NodeIndex};
use std::sync::Arc;

/// A flattened touched set shared by components as their base.
struct Base {
    /// The modules, unsorted.
    modules: Vec<u32>,
    /// Membership by module position.
    bits: Vec<u64>,
}

impl Base {
    fn new(modules: Vec<u32>, n_modules: usize) -> Self {
        let mut bits = vec![0u64; n_modules.div_ceil(64)];
        for &m in &modules {
            bits[m as usize / 64] |= 1 << (m % 64);
        }
        Base { modules, bits }
    }

    fn contains(&self, m: u32) -> bool {
        self.bits[m as usize / 64] & (1 << (m % 64)) != 0
    }
}

/// A component's touched set: `bases[base]` (if any) plus `extra`, disjoint.
#[derive(Default)]
struct Rep {
    base: Option<usize>,
    extra: Vec<u32>,
}

/// How large an extra may grow over a base of `base_len` before the
/// component is flattened (`min_extra` at least): copying stays within a
/// constant factor of the output, and bases stay few.
fn flatten_threshold(base_len: usize, min_extra: usize) -> usize {
    min_extra.max(base_len / 4)
}

/// The smallest extra worth flattening.
const MIN_EXTRA: usize = 256;

/// Sorts distinct positions below `64 * bits.len()`. A large list is sorted
/// by setting its bits and reading them back in order, which is linear; a
/// small one, whose bits would be sparse, is sorted directly. `bits` is
/// all zeros before and after.
fn sort_distinct(positions: &mut [u32], bits: &mut [u64]) {
    if positions.len() < 64 || positions.len() * 8 < bits.len() {
        positions.sort_unstable();
        return;
    }
    for &p in positions.iter() {
        bits[p as usize / 64] |= 1 << (p % 64);
    }
    let mut out = positions.iter_mut();
    for (w, word) in bits.iter_mut().enumerate() {
        let mut rest = std::mem::take(word);
        while rest != 0 {
            if let Some(slot) = out.next() {
                *slot = (w * 64) as u32 + rest.trailing_zeros();
            }
            rest &= rest - 1;
        }
    }
}

/// Marks with a round number, so clearing between uses costs nothing.
struct Marks {
    round: u32,
    of: Vec<u32>,
}

impl Marks {
    fn new(n: usize) -> Self {
        Marks {
            round: 0,
            of: vec![0; n],
        }
    }

    fn next_round(&mut self) {
        self.round += 1;
    }

    /// Marks `i`; false when it already was this round.
    fn mark(&mut self, i: usize) -> bool {
        if self.of[i] == self.round {
            return false;
        }
        self.of[i] = self.round;
        true
    }
}

impl Analysis<'_> {
    /// See the module docs; checked against [`Analysis::blast_radius`] (one
    /// source at a time, by direct spreading) in the tests.
    pub(crate) fn all_blast_radii(&self) -> BlastRadii {
        self.all_blast_radii_flattening_at(MIN_EXTRA)
    }

    /// [`Analysis::all_blast_radii`] with a chosen smallest extra to flatten
    /// (the tests exercise flattening on small diagrams).
    pub(crate) fn all_blast_radii_flattening_at(&self, min_extra: usize) -> BlastRadii {
        let modules = &self.diagram.modules;
        let n_modules = modules.len();
        let sources: Vec<usize> = (0..n_modules)
            .filter(|&m| {
                modules[m].trust == Trust::Untrusted && modules[m].kind != ModuleKind::External
            })
            .collect();
        if sources.is_empty() {
            return BlastRadii::default();
        }

        // Nodes: weak groups first, then unplaced non-external modules.
        let mut node_of = vec![u32::MAX; n_modules];
        let mut unplaced: Vec<u32> = Vec::new();
        for (m, module) in modules.iter().enumerate() {
            if module.kind == ModuleKind::External {
                continue;
            }
            node_of[m] = match self.module_unit[m] {
                NO_UNIT => {
                    unplaced.push(m as u32);
                    (self.group_count + unplaced.len() - 1) as u32
                }
                u => self.unit_group[u as usize],
            };
        }
        let n_nodes = self.group_count + unplaced.len();
        let mut graph: DiGraph<(), ()> = DiGraph::with_capacity(n_nodes, 0);
        for _ in 0..n_nodes {
            graph.add_node(());
        }
        for edge in &self.edges {
            if edge.kind != crate::model::InterfaceKind::Link {
                continue;
            }
            // A compromised library compromises its linker.
            let (library, linker) = (node_of[edge.to as usize], node_of[edge.from as usize]);
            if library != u32::MAX && linker != u32::MAX && library != linker {
                graph.add_edge(
                    NodeIndex::new(library as usize),
                    NodeIndex::new(linker as usize),
                    (),
                );
            }
        }
        // Components come successors first (postorder).
        let components = petgraph::algo::tarjan_scc(&graph);
        let mut component_of = vec![0u32; n_nodes];
        for (c, nodes) in components.iter().enumerate() {
            for n in nodes {
                component_of[n.index()] = c as u32;
            }
        }
        // Only components reachable from a source matter.
        let mut needed = vec![false; components.len()];
        let mut stack: Vec<usize> = sources
            .iter()
            .map(|&s| component_of[node_of[s] as usize] as usize)
            .collect();
        while let Some(c) = stack.pop() {
            if std::mem::replace(&mut needed[c], true) {
                continue;
            }
            for node in &components[c] {
                for next in graph.neighbors(*node) {
                    stack.push(component_of[next.index()] as usize);
                }
            }
        }

        let mut bases: Vec<Base> = Vec::new();
        let mut reps: Vec<Rep> = Vec::new();
        reps.resize_with(components.len(), Rep::default);
        let mut module_marks = Marks::new(n_modules);
        let mut component_marks = Marks::new(components.len());
        let mut exposure_marks = Marks::new(n_modules);
        for (c, nodes) in components.iter().enumerate() {
            if !needed[c] {
                continue;
            }
            component_marks.next_round();
            component_marks.mark(c);
            let mut successors = Vec::new();
            for node in nodes {
                for next in graph.neighbors(*node) {
                    let s = component_of[next.index()] as usize;
                    if component_marks.mark(s) {
                        successors.push(s);
                    }
                }
            }
            let base = successors
                .iter()
                .filter_map(|&s| reps[s].base)
                .max_by_key(|&b| (bases[b].modules.len(), std::cmp::Reverse(b)));
            module_marks.next_round();
            let mut extra = Vec::new();
            let add = |v: u32, extra: &mut Vec<u32>, marks: &mut Marks| {
                if base.is_none_or(|b| !bases[b].contains(v)) && marks.mark(v as usize) {
                    extra.push(v);
                }
            };
            // This component's own contribution: members and exposures.
            let mut actors = Vec::new();
            for node in nodes {
                let node = node.index();
                if node < self.group_count {
                    actors.extend_from_slice(self.group_members.of(node));
                } else {
                    actors.push(unplaced[node - self.group_count]);
                }
            }
            for &m in &actors {
                add(m, &mut extra, &mut module_marks);
            }
            self.add_exposures(&actors, &mut exposure_marks, &mut |v| {
                add(v, &mut extra, &mut module_marks);
            });
            // The successors' touched sets.
            for &s in &successors {
                if let Some(b) = reps[s].base
                    && Some(b) != base
                {
                    for &v in &bases[b].modules {
                        add(v, &mut extra, &mut module_marks);
                    }
                }
                for &v in &reps[s].extra {
                    add(v, &mut extra, &mut module_marks);
                }
            }
            let base_len = base.map_or(0, |b| bases[b].modules.len());
            reps[c] = if extra.len() > flatten_threshold(base_len, min_extra) {
                let mut all = base.map_or_else(Vec::new, |b| bases[b].modules.clone());
                all.append(&mut extra);
                bases.push(Base::new(all, n_modules));
                Rep {
                    base: Some(bases.len() - 1),
                    extra: Vec::new(),
                }
            } else {
                Rep { base, extra }
            };
        }

        // Each source's radius: its component's touched set less the modules
        // that trust it (itself included). Filtered bases are shared by every
        // component with that base and key.
        let mut filtered_bases: FxHashMap<(usize, u32), usize> = FxHashMap::default();
        let mut parts: Vec<Vec<u32>> = Vec::new();
        let mut list_of: FxHashMap<(usize, u32), usize> = FxHashMap::default();
        let mut lists: Vec<(Option<usize>, usize)> = Vec::new();
        let mut sources_out = Vec::with_capacity(sources.len());
        let mut reached = vec![false; n_modules];
        let mut keep = |from: &[u32], key: u32, parts: &mut Vec<Vec<u32>>| {
            let part: Vec<u32> = from
                .iter()
                .copied()
                .filter(|&v| self.trust_key[v as usize] != key)
                .collect();
            for &v in &part {
                reached[v as usize] = true;
            }
            parts.push(part);
            parts.len() - 1
        };
        for &source in &sources {
            let c = component_of[node_of[source] as usize] as usize;
            let key = self.trust_key[source];
            let list = *list_of.entry((c, key)).or_insert_with(|| {
                let base_part = reps[c].base.map(|b| {
                    *filtered_bases
                        .entry((b, key))
                        .or_insert_with(|| keep(&bases[b].modules, key, &mut parts))
                });
                let extra_part = keep(&reps[c].extra, key, &mut parts);
                lists.push((base_part, extra_part));
                lists.len() - 1
            });
            sources_out.push((source, list));
        }

        // One table of every reached module sorted by id; parts become sorted
        // positions in it, so sorting compares numbers, not strings.
        let mut keyed: Vec<(u64, u32)> = (0..n_modules as u32)
            .filter(|&v| reached[v as usize])
            .map(|v| (id_prefix(modules[v as usize].id.as_str().as_bytes()), v))
            .collect();
        keyed.sort_unstable_by(|&(pa, a), &(pb, b)| {
            cmp_ids(
                (pa, modules[a as usize].id.as_str()),
                (pb, modules[b as usize].id.as_str()),
            )
        });
        let by_id: Vec<u32> = keyed.into_iter().map(|(_, v)| v).collect();
        let mut position = vec![0u32; n_modules];
        for (p, &v) in by_id.iter().enumerate() {
            position[v as usize] = p as u32;
        }
        let mut scratch = vec![0u64; by_id.len().div_ceil(64)];
        let parts: Vec<Arc<[u32]>> = parts
            .into_iter()
            .map(|mut part| {
                for v in &mut part {
                    *v = position[*v as usize];
                }
                sort_distinct(&mut part, &mut scratch);
                Arc::from(part)
            })
            .collect();
        let empty: Arc<[u32]> = Arc::from(Vec::new());
        BlastRadii {
            table: by_id
                .iter()
                .map(|&v| modules[v as usize].id.as_str().to_owned())
                .collect(),
            modules: by_id,
            lists: lists
                .into_iter()
                .map(|(base, extra)| RadiusList {
                    base: base.map_or_else(|| Arc::clone(&empty), |b| Arc::clone(&parts[b])),
                    extra: Arc::clone(&parts[extra]),
                })
                .collect(),
            sources: sources_out,
        }
    }

    /// Calls `add` with every datastore that `actors`, or the libraries they
    /// link (directly or through other libraries), read or write.
    /// `seen` is scratch, reused between calls.
    fn add_exposures(&self, actors: &[u32], seen: &mut Marks, add: &mut dyn FnMut(u32)) {
        seen.next_round();
        let mut stack: Vec<u32> = actors.to_vec();
        for &m in actors {
            seen.mark(m as usize);
        }
        while let Some(x) = stack.pop() {
            for store in self.accesses.of(x as usize) {
                add(store.module);
            }
            for library in self.links_out.of(x as usize) {
                if seen.mark(library.module as usize) {
                    stack.push(library.module);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn sorting_distinct_positions_by_bits_matches_sorting() {
        let mut rng = crate::model::generate::Rng::new(5);
        for len in [0, 1, 63, 64, 65, 300, 1000] {
            let mut all: Vec<u32> = (0..1200).collect();
            for i in (1..all.len()).rev() {
                all.swap(i, rng.below(i + 1));
            }
            let mut positions = all[..len].to_vec();
            let mut bits = vec![0u64; 1200usize.div_ceil(64)];
            super::sort_distinct(&mut positions, &mut bits);
            let mut expected = all[..len].to_vec();
            expected.sort_unstable();
            assert_eq!(positions, expected);
            assert!(bits.iter().all(|&w| w == 0));
        }
    }

    use crate::model::generate::{Rng, synthetic};
    use crate::model::{
        Diagram, Interface, InterfaceKind, Isolation, Module, ModuleId, ModuleKind, Release, Trust,
        Unit, UnitId,
    };
    use crate::rules::Analysis;

    /// A small random diagram dense in links, datastores and untrusted
    /// modules, so that spreading takes every path.
    fn random_diagram(rng: &mut Rng) -> Diagram {
        let mut d = Diagram::default();
        let n_units = 1 + rng.below(8);
        for u in 0..n_units {
            let mut unit = Unit::new(
                format!("u{u}"),
                format!("u{u}"),
                Isolation::ALL[rng.below(5)],
            );
            if u > 0 && rng.percent(60) {
                unit.parent = Some(UnitId::new(format!("u{}", rng.below(u))));
            }
            unit.release = Release::ALL[rng.below(3)];
            d.units.push(unit);
        }
        let n_modules = 2 + rng.below(24);
        for m in 0..n_modules {
            let kind = [
                ModuleKind::Component,
                ModuleKind::Library,
                ModuleKind::Library,
                ModuleKind::Datastore,
                ModuleKind::External,
            ][rng.below(5)];
            let mut module = Module::new(format!("m{m}"), format!("m{m}"), kind);
            module.trust = Trust::ALL[rng.below(3)];
            if rng.percent(30) {
                module.zone = Some(format!("z{}", rng.below(2)));
            }
            if kind != ModuleKind::External && rng.percent(70) {
                module.unit = Some(UnitId::new(format!("u{}", rng.below(n_units))));
            }
            d.modules.push(module);
        }
        for i in 0..rng.below(3 * n_modules) {
            let (from, to) = (rng.below(n_modules), rng.below(n_modules));
            if from == to {
                continue;
            }
            let kind = match d.modules[to].kind {
                ModuleKind::Library => InterfaceKind::Link,
                ModuleKind::Datastore if d.modules[from].kind != ModuleKind::Datastore => {
                    if rng.percent(50) {
                        InterfaceKind::Read
                    } else {
                        InterfaceKind::Write
                    }
                }
                _ => InterfaceKind::Rpc,
            };
            d.interfaces.push(Interface::new(
                format!("i{i}"),
                ModuleId::new(format!("m{from}")),
                ModuleId::new(format!("m{to}")),
                kind,
            ));
        }
        d
    }

    /// Every source's radius from the shared computation equals the one
    /// spread directly from that source.
    fn agrees(d: &Diagram, min_extra: usize) {
        let a = Analysis::new(d);
        let all = a.all_blast_radii_flattening_at(min_extra);
        let expected_sources = d
            .modules
            .iter()
            .filter(|m| m.trust == Trust::Untrusted && m.kind != ModuleKind::External)
            .count();
        assert_eq!(all.sources.len(), expected_sources);
        for &(source, list) in &all.sources {
            let shared: Vec<&str> = all.lists[list]
                .iter()
                .map(|p| all.table[p as usize].as_str())
                .collect();
            let one = a
                .blast_radius(d.modules[source].id.as_str())
                .expect("an untrusted source");
            let direct: Vec<&str> = one.reached.iter().map(ModuleId::as_str).collect();
            assert_eq!(shared, direct, "source {}", d.modules[source].id);
        }
    }

    #[test]
    fn shared_radii_match_direct_spreading_on_random_diagrams() {
        let mut rng = Rng::new(11);
        for _ in 0..400 {
            let d = random_diagram(&mut rng);
            for min_extra in [0, 1, 3, super::MIN_EXTRA] {
                agrees(&d, min_extra);
            }
        }
    }

    #[test]
    fn shared_radii_match_direct_spreading_on_system_shaped_diagrams() {
        for (n, seed) in [(400, 1), (1500, 2), (3000, 3)] {
            let d = synthetic(n, seed);
            agrees(&d, 8);
            agrees(&d, super::MIN_EXTRA);
        }
    }
}
