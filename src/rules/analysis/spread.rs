//! Footholds, compromised sets and blast radii (docs/rules.md, "Footholds
//! and blast radius").
//!
//! A *foothold* is a module an attacker may run code in: untrusted code, or
//! a module that loads code from an attacker-written datastore. Compromise
//! spreads from it by co-location (a whole isolation domain at once), by
//! linking (only when the foothold is itself an untrusted library: whoever
//! controls its code controls its linkers) and by loading (whoever can write
//! a datastore runs code in the modules that load it). [`Analysis::spread`]
//! walks that, module by module, recording how each module was reached, for
//! the editor's paths; [`Analysis::foothold_groups`] runs it once per
//! distinct starting point and groups footholds with the same compromised
//! set, which is what `lateral-reach` and the scorecard report.

use super::{Analysis, Edge, Foothold, FxHashMap, Role, Spread};
use crate::model::{Diagram, InterfaceKind, ModuleKind, Trust};

/// Which modules are attacker-written datastores: `Untrusted` ones, and
/// those an `Untrusted` `External` module `Write`s.
pub(super) fn attacker_written(diagram: &Diagram, edges: &[Edge]) -> Vec<bool> {
    let modules = &diagram.modules;
    let mut written: Vec<bool> = modules
        .iter()
        .map(|m| m.kind == ModuleKind::Datastore && m.trust == Trust::Untrusted)
        .collect();
    for edge in edges {
        let (from, to) = (&modules[edge.from as usize], edge.to as usize);
        if edge.kind == InterfaceKind::Write
            && from.kind == ModuleKind::External
            && from.trust == Trust::Untrusted
            && modules[to].kind == ModuleKind::Datastore
        {
            written[to] = true;
        }
    }
    written
}

/// What kind of foothold each module is: untrusted code (declared
/// `Untrusted`, neither external nor a datastore), else a loader of an
/// attacker-written datastore (not external), else none.
pub(super) fn footholds(
    diagram: &Diagram,
    edges: &[Edge],
    attacker_written: &[bool],
) -> Vec<Option<Foothold>> {
    let modules = &diagram.modules;
    let mut foothold: Vec<Option<Foothold>> = modules
        .iter()
        .map(|m| {
            (m.trust == Trust::Untrusted
                && !matches!(m.kind, ModuleKind::External | ModuleKind::Datastore))
            .then_some(Foothold::UntrustedCode)
        })
        .collect();
    for edge in edges {
        let from = edge.from as usize;
        if edge.kind == InterfaceKind::Load
            && attacker_written[edge.to as usize]
            && modules[from].kind != ModuleKind::External
            && foothold[from].is_none()
        {
            foothold[from] = Some(Foothold::Loader);
        }
    }
    foothold
}

/// Whether `module` could be a foothold, without analysing the diagram: it
/// is untrusted code, or it loads code from some datastore. A cheap test for
/// the editor before it asks [`Analysis::blast_radius`].
#[must_use]
pub fn could_be_foothold(diagram: &Diagram, module: &crate::model::Module) -> bool {
    match module.kind {
        ModuleKind::External => false,
        ModuleKind::Datastore => false,
        _ if module.trust == Trust::Untrusted => true,
        _ => diagram
            .interfaces
            .iter()
            .any(|f| f.kind == InterfaceKind::Load && f.from == module.id),
    }
}

/// How a module was first reached in a spread.
#[derive(Clone, Copy, Debug)]
pub(crate) struct CameFrom {
    pub(crate) module: u32,
    pub(crate) how: Spread,
    pub(crate) interface: Option<u32>,
}

/// Reusable per-spread state. Marks carry the round they were set in, so a
/// new spread costs nothing to reset.
pub(crate) struct Scratch {
    round: u32,
    /// The round in which each module was touched, and its role then.
    module_round: Vec<u32>,
    role: Vec<Role>,
    /// The round in which each isolation domain was taken by co-location.
    domain_round: Vec<u32>,
    /// The round in which the loaders of each datastore were compromised.
    loaders_round: Vec<u32>,
    pub(crate) came_from: Vec<CameFrom>,
    /// Modules in the order they were first touched.
    touched: Vec<u32>,
    /// Compromised modules and acting libraries still to be followed.
    queue: Vec<u32>,
}

impl Scratch {
    pub(crate) fn new(analysis: &Analysis<'_>) -> Self {
        let n = analysis.diagram.modules.len();
        Scratch {
            round: 0,
            module_round: vec![0; n],
            role: vec![Role::Exposed; n],
            domain_round: vec![0; analysis.group_count + 1],
            loaders_round: vec![0; n],
            came_from: vec![
                CameFrom {
                    module: 0,
                    how: Spread::CoLocated,
                    interface: None,
                };
                n
            ],
            touched: Vec::new(),
            queue: Vec::new(),
        }
    }

    fn role_of(&self, m: usize) -> Option<Role> {
        (self.module_round[m] == self.round).then_some(self.role[m])
    }

    /// Gives `m` the `role` unless it already holds it or a stronger one
    /// (`Compromised` over `Acting` over `Exposed`); true when it changed.
    fn mark(&mut self, m: usize, role: Role, came: CameFrom) -> bool {
        match self.role_of(m) {
            Some(Role::Compromised) => return false,
            Some(Role::Acting) if role != Role::Compromised => return false,
            Some(Role::Exposed) if role == Role::Exposed => return false,
            Some(_) => {}
            None => self.touched.push(m as u32),
        }
        self.module_round[m] = self.round;
        self.role[m] = role;
        self.came_from[m] = came;
        true
    }
}

/// A foothold group: footholds of one kind with one compromised set (one
/// cause, one fix), and the union of their blast radii.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FootholdGroup {
    /// Why the attacker runs code in these modules.
    pub kind: Foothold,
    /// The footholds, by position in the diagram, ascending by id.
    pub footholds: Vec<u32>,
    /// The union of their blast radii, by position, unsorted.
    pub radius: Vec<u32>,
    /// The attacker-written datastores the footholds load, by position.
    pub loaded: Vec<u32>,
    /// Whether compromise spreads from a foothold by co-location: a placed
    /// foothold shares its isolation domain with a module outside the group.
    pub co_located: bool,
}

impl Analysis<'_> {
    /// Whether module `m` is a foothold, and of which kind.
    pub(crate) fn foothold_of(&self, m: usize) -> Option<Foothold> {
        self.foothold[m]
    }

    /// Whether module `m` is an attacker-written datastore.
    pub(crate) fn is_attacker_written(&self, m: usize) -> bool {
        self.attacker_written[m]
    }

    /// Spreads compromise from the foothold `source`: returns every module
    /// touched with its final role (the source first, `Compromised`), and
    /// leaves in `scratch` how each was first reached in that role.
    pub(crate) fn spread(&self, source: usize, scratch: &mut Scratch) -> Vec<(u32, Role)> {
        scratch.round += 1;
        scratch.touched.clear();
        scratch.queue.clear();
        let modules = &self.diagram.modules;
        let came = |module: usize, how, interface: Option<u32>| CameFrom {
            module: module as u32,
            how,
            interface,
        };
        scratch.mark(
            source,
            Role::Compromised,
            came(source, Spread::CoLocated, None),
        );
        scratch.queue.push(source as u32);

        // (b) Linking: whoever controls an untrusted library's code controls
        // every module that links it, directly or through other libraries.
        let source_module = &modules[source];
        if source_module.kind == ModuleKind::Library && source_module.trust == Trust::Untrusted {
            let mut chain = vec![source as u32];
            while let Some(library) = chain.pop() {
                for linker in self.linked_by.of(library as usize) {
                    let m = linker.module as usize;
                    if modules[m].kind == ModuleKind::External {
                        continue;
                    }
                    let how = came(
                        library as usize,
                        Spread::LinksCompromised,
                        Some(linker.interface),
                    );
                    if scratch.mark(m, Role::Compromised, how) {
                        scratch.queue.push(m as u32);
                        if modules[m].kind == ModuleKind::Library {
                            chain.push(m as u32);
                        }
                    }
                }
            }
        }

        while let Some(x) = scratch.queue.pop() {
            let x = x as usize;
            let compromised = scratch.role_of(x) == Some(Role::Compromised);
            // (a) Co-location takes the whole isolation domain: its code is
            // compromised, its datastores exposed (and loaded by others).
            if compromised && let Some(u) = self.unit_of(x) {
                let domain = self.unit_group[u] as usize;
                if scratch.domain_round[domain] != scratch.round {
                    scratch.domain_round[domain] = scratch.round;
                    for &v in self.group_members.of(domain) {
                        let v = v as usize;
                        match modules[v].kind {
                            ModuleKind::External => {}
                            ModuleKind::Datastore => {
                                scratch.mark(v, Role::Exposed, came(x, Spread::CoLocated, None));
                                self.load_from(v, scratch);
                            }
                            _ => {
                                if scratch.mark(
                                    v,
                                    Role::Compromised,
                                    came(x, Spread::CoLocated, None),
                                ) {
                                    scratch.queue.push(v as u32);
                                }
                            }
                        }
                    }
                }
            }
            // Acting libraries: linked by the compromised (or by acting
            // libraries); they act with the attacker's hands.
            for library in self.links_out.of(x) {
                let l = library.module as usize;
                if scratch.mark(
                    l,
                    Role::Acting,
                    came(x, Spread::Linked, Some(library.interface)),
                ) {
                    scratch.queue.push(l as u32);
                }
            }
            // Data: what they write is exposed (and runs in its loaders);
            // the sensitive data they read or load is exposed.
            for store in self.accesses.of(x) {
                let d = store.module as usize;
                let how = match store.kind {
                    InterfaceKind::Write => Spread::Writes,
                    _ if modules[d].trust == Trust::Sensitive => Spread::Reads,
                    _ => continue,
                };
                scratch.mark(d, Role::Exposed, came(x, how, Some(store.interface)));
                if how == Spread::Writes {
                    self.load_from(d, scratch);
                }
            }
        }
        let touched = std::mem::take(&mut scratch.touched);
        let out = touched
            .iter()
            .map(|&m| (m, scratch.role[m as usize]))
            .collect();
        scratch.touched = touched;
        out
    }

    /// (c) Loading: every module that loads the datastore `d`, which the
    /// attacker can write, joins the compromised set (once per spread).
    fn load_from(&self, d: usize, scratch: &mut Scratch) {
        if scratch.loaders_round[d] == scratch.round {
            return;
        }
        scratch.loaders_round[d] = scratch.round;
        for loader in self.accessed_by.of(d) {
            let m = loader.module as usize;
            if loader.kind != InterfaceKind::Load
                || self.diagram.modules[m].kind == ModuleKind::External
            {
                continue;
            }
            let came = CameFrom {
                module: d as u32,
                how: Spread::Loads,
                interface: Some(loader.interface),
            };
            if scratch.mark(m, Role::Compromised, came) {
                scratch.queue.push(m as u32);
            }
        }
    }

    /// The blast radius of `source` among `touched` (from [`Self::spread`]):
    /// the compromised and exposed modules, without the source and the
    /// modules that trust it.
    pub(crate) fn radius_of(&self, source: usize, touched: &[(u32, Role)]) -> Vec<u32> {
        touched
            .iter()
            .filter(|&&(v, role)| {
                role != Role::Acting
                    && v as usize != source
                    && !self.trust_each_other(v as usize, source)
            })
            .map(|&(v, _)| v)
            .collect()
    }

    /// Every foothold group, ordered by their smallest foothold's id. Each
    /// distinct starting point is spread from once: footholds placed in one
    /// isolation domain start from the same place (co-location takes the
    /// whole domain at once), unless they are untrusted libraries, whose
    /// linkers join too.
    #[must_use]
    pub fn foothold_groups(&self) -> Vec<FootholdGroup> {
        let modules = &self.diagram.modules;
        let footholds: Vec<usize> = (0..modules.len())
            .filter(|&m| self.foothold[m].is_some())
            .collect();
        if footholds.is_empty() {
            return Vec::new();
        }
        let mut scratch = Scratch::new(self);
        // Starting point → spread (its touched modules, and the number of
        // its compromised set among the distinct ones).
        let mut spreads: FxHashMap<(u32, u32), usize> = FxHashMap::default();
        let mut touched_sets: Vec<Vec<(u32, Role)>> = Vec::new();
        let mut set_of_spread: Vec<usize> = Vec::new();
        // (kind, canonical set) → group index.
        let mut by_set: FxHashMap<(Foothold, usize), usize> = FxHashMap::default();
        let mut set_ids: FxHashMap<Vec<u32>, usize> = FxHashMap::default();
        let mut groups: Vec<(Foothold, usize, Vec<u32>)> = Vec::new();
        let n_domains = self.group_count as u32;
        for &f in &footholds {
            let module = &modules[f];
            let untrusted_library =
                module.kind == ModuleKind::Library && module.trust == Trust::Untrusted;
            let start = match self.unit_of(f) {
                Some(u) if !untrusted_library => (0, self.unit_group[u]),
                _ => (1, f as u32),
            };
            let spread = *spreads.entry(start).or_insert_with(|| {
                let touched = self.spread(f, &mut scratch);
                // The compromised set, canonically: the isolation domains
                // it takes (whole) and its unplaced members.
                let mut set: Vec<u32> = touched
                    .iter()
                    .filter(|&&(_, role)| role == Role::Compromised)
                    .map(|&(v, _)| match self.unit_of(v as usize) {
                        None => n_domains + v,
                        Some(u) => self.unit_group[u],
                    })
                    .collect();
                set.sort_unstable();
                set.dedup();
                let next = set_ids.len();
                set_of_spread.push(*set_ids.entry(set).or_insert(next));
                touched_sets.push(touched);
                touched_sets.len() - 1
            });
            let set = set_of_spread[spread];
            let kind = self.foothold[f].unwrap_or(Foothold::UntrustedCode);
            let next = groups.len();
            let g = *by_set.entry((kind, set)).or_insert(next);
            if g == next {
                groups.push((kind, spread, Vec::new()));
            }
            groups[g].2.push(f as u32);
        }

        let mut out: Vec<FootholdGroup> = groups
            .into_iter()
            .map(|(kind, spread, mut members)| {
                members
                    .sort_unstable_by(|&a, &b| modules[a as usize].id.cmp(&modules[b as usize].id));
                let touched = &touched_sets[spread];
                let radius = self.group_radius(&members, touched);
                let mut loaded: Vec<u32> = Vec::new();
                for &f in &members {
                    for store in self.accesses.of(f as usize) {
                        if store.kind == InterfaceKind::Load
                            && self.attacker_written[store.module as usize]
                        {
                            loaded.push(store.module);
                        }
                    }
                }
                loaded.sort_unstable();
                loaded.dedup();
                let co_located = members.iter().any(|&f| {
                    self.unit_of(f as usize).is_some_and(|u| {
                        self.group_members
                            .of(self.unit_group[u] as usize)
                            .iter()
                            .any(|v| !members.contains(v))
                    })
                });
                FootholdGroup {
                    kind,
                    footholds: members,
                    radius,
                    loaded,
                    co_located,
                }
            })
            .collect();
        out.sort_unstable_by(|a, b| {
            modules[a.footholds[0] as usize]
                .id
                .cmp(&modules[b.footholds[0] as usize].id)
        });
        out
    }

    /// The union of the members' blast radii: every touched module (acting
    /// libraries aside) that is not a member trusting all the others and
    /// does not trust every member. When the members fall into two or more
    /// trust classes, nothing trusts them all, so every touched module
    /// counts, members included.
    fn group_radius(&self, members: &[u32], touched: &[(u32, Role)]) -> Vec<u32> {
        let key = self.trust_key[members[0] as usize];
        let one_class = members.iter().all(|&m| self.trust_key[m as usize] == key);
        touched
            .iter()
            .filter(|&&(v, role)| {
                role != Role::Acting && (!one_class || self.trust_key[v as usize] != key)
            })
            .map(|&(v, _)| v)
            .collect()
    }
}
