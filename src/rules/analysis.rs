//! The derived facts every rule needs, computed once per check.
//!
//! docs/rules.md ("The model the rules read") defines what the rules use:
//! placement, the boundary between two placed modules (through the lowest
//! common ancestor unit), deployment units (through `Release`), where an
//! unplaced library is deployed, and the blast radius of an untrusted module.
//! [`Analysis`] computes them from a [`Diagram`] in (near) linear time and
//! answers questions about them by module, unit or interface id.
//!
//! Two observations keep everything linear:
//!
//! - The boundary between two placed modules is *not strong* exactly when
//!   the path between their units in the unit forest (with a virtual root
//!   above every root unit) passes only through weak units, the lowest common
//!   ancestor excepted. So "has a non-strong boundary" is an equivalence:
//!   joining every weak unit to its parent (or to the virtual root) with a
//!   union-find gives the *weak groups*, and two placed modules have a
//!   non-strong boundary exactly when their units share a weak group.
//! - Co-location therefore spreads compromise to a whole weak group at once,
//!   and every placed module of a group has the same compromised set. The
//!   blast radius is computed once per group (and once per unplaced
//!   untrusted module), then filtered per module by who trusts whom.

pub(crate) use crate::model::Adjacency;
use crate::model::{
    Diagram, Forest, InterfaceId, InterfaceKind, Isolation, ModuleId, ModuleKind, Release, Trust,
    UnitId,
};
use petgraph::unionfind::UnionFind;
use std::borrow::Cow;

/// The boundary between two modules, ordered weakest first: `Shared` (one
/// address space) is weaker than every [`Isolation`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Boundary {
    /// Same unit, or joined by a `Link`: one address space.
    Shared,
    /// Separated by units; the strongest isolation among them.
    Isolated(Isolation),
}

impl Boundary {
    /// A phrase for messages: "no isolation (one address space)", "only
    /// process isolation", "only VM isolation", ...
    #[must_use]
    pub fn describe(self) -> String {
        self.to_string()
    }
}

impl std::fmt::Display for Boundary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Boundary::Shared => f.write_str("no isolation (one address space)"),
            Boundary::Isolated(isolation) => {
                write!(f, "only {} isolation", isolation_noun(*isolation))
            }
        }
    }
}

/// How a module's isolation reads in running text ("process", "VM").
pub(crate) fn isolation_noun(isolation: Isolation) -> &'static str {
    match isolation {
        Isolation::Process => "process",
        Isolation::Container => "container",
        Isolation::Sandbox => "sandbox",
        Isolation::Vm => "VM",
        Isolation::Host => "host",
    }
}

/// How the attacker gets from one module to the next in a blast radius.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Spread {
    /// The module is placed with only weak isolation (or none) between it
    /// and a compromised module: code execution on one side moves laterally.
    CoLocated,
    /// The module links a compromised library: whoever controls a library
    /// controls its linkers.
    LinksCompromised,
    /// A compromised module (or acting library) links this library: it runs
    /// with the attacker's hands, but does not compromise its other linkers.
    Linked,
    /// A compromised module or acting library reads this datastore.
    Reads,
    /// A compromised module or acting library writes this datastore.
    Writes,
    /// This module loads code from a datastore the attacker can write
    /// (`from` is the datastore): it runs what the attacker wrote.
    Loads,
}

impl Spread {
    /// A phrase for the editor's explanation of a path ("shares weak
    /// isolation with", ...), reading `from PHRASE to`.
    #[must_use]
    pub fn phrase(self) -> &'static str {
        match self {
            Spread::CoLocated => "is only weakly isolated from",
            Spread::LinksCompromised => "is linked into",
            Spread::Linked => "links",
            Spread::Reads => "reads",
            Spread::Writes => "writes",
            Spread::Loads => "is loaded and run by",
        }
    }
}

/// What the attacker holds of a module touched by a blast radius.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    /// The attacker runs code as this module (the compromised set).
    Compromised,
    /// An acting library: linked by the compromised, it runs with the
    /// attacker's hands but is not itself in the blast radius.
    Acting,
    /// A datastore the compromised or an acting library reads or writes.
    Exposed,
}

/// One step of a blast radius: how `module` is reached from `from`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    /// The module reached.
    pub module: ModuleId,
    /// The module it is reached from (already touched by the attacker).
    pub from: ModuleId,
    /// How.
    pub how: Spread,
    /// The interface that carries the step (`None` for co-location).
    pub interface: Option<InterfaceId>,
    /// What the attacker holds of `module`.
    pub role: Role,
    /// Whether `module` is in the blast radius (it is not when it is an
    /// acting library or trusts the source).
    pub in_radius: bool,
}

/// The blast radius of one foothold, with how each module is reached.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BlastRadius {
    /// The foothold the attacker starts from.
    pub source: ModuleId,
    /// The blast radius: the compromised set and the exposed datastores,
    /// without the source and without the modules that trust it; sorted.
    pub reached: Vec<ModuleId>,
    /// One step for every module the attacker touches (the source excepted),
    /// sorted by module id. Following `from` leads back to the source.
    pub steps: Vec<Step>,
}

impl BlastRadius {
    /// Whether `module` is in the blast radius.
    #[must_use]
    pub fn contains(&self, module: &str) -> bool {
        self.reached
            .binary_search_by(|m| m.as_str().cmp(module))
            .is_ok()
    }

    /// The step that reaches `module`, if the attacker touches it.
    #[must_use]
    pub fn step(&self, module: &str) -> Option<&Step> {
        self.steps
            .binary_search_by(|s| s.module.as_str().cmp(module))
            .ok()
            .map(|i| &self.steps[i])
    }

    /// The steps from the source to `module`, in order (empty when the
    /// attacker does not touch it).
    #[must_use]
    pub fn path_to(&self, module: &str) -> Vec<&Step> {
        let mut path = Vec::new();
        let mut next = self.step(module);
        while let Some(step) = next {
            // Steps form a tree rooted at the source; the bound only guards
            // against a malformed value built by hand.
            if path.len() > self.steps.len() {
                break;
            }
            path.push(step);
            next = self.step(step.from.as_str());
        }
        path.reverse();
        path
    }
}

// The ids come from the diagram being checked, not from an adversary
// racing the process, so SipHash's flooding resistance buys nothing here
// and cost a third of the check: FxHash (rustc-hash) instead.
pub(crate) use rustc_hash::{FxHashMap, FxHashSet};

/// An interface whose ends both resolved, by module position.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Edge {
    /// Position of the interface in [`Diagram::interfaces`].
    pub(crate) interface: u32,
    /// Position of the `from` module.
    pub(crate) from: u32,
    /// Position of the `to` module.
    pub(crate) to: u32,
    /// The interface's kind.
    pub(crate) kind: InterfaceKind,
}

/// A neighbour reached through an interface: `(module, interface, kind)`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Neighbour {
    pub(crate) module: u32,
    pub(crate) interface: u32,
    pub(crate) kind: InterfaceKind,
}

impl Default for Neighbour {
    fn default() -> Self {
        Neighbour {
            module: 0,
            interface: 0,
            kind: InterfaceKind::Call,
        }
    }
}

mod coupling;
mod ids;
mod spread;

pub use coupling::{Coupling, LockstepGroup};

use spread::{attacker_written, footholds};

pub(crate) use spread::Scratch;
pub use spread::{FootholdGroup, could_be_foothold};

pub(crate) use ids::{cmp_ids, id_prefix};

/// The derived facts of one diagram, computed once and shared by the rules.
///
/// Methods taking ids answer the derived notions of docs/rules.md for the editor
/// and the command line; the rules use the position-based accessors.
#[derive(Debug)]
pub struct Analysis<'a> {
    diagram: &'a Diagram,
    /// The unit forest and id index: placement, nesting, deployment units.
    forest: Cow<'a, Forest>,
    /// The weak group of each unit (dense, `0..group_count`).
    unit_group: Vec<u32>,
    /// How many weak groups there are.
    group_count: usize,
    /// The placed modules of each weak group.
    group_members: Adjacency<u32>,
    /// The modules each deployment unit holds, in file order.
    held: Adjacency<u32>,
    /// The interfaces with both ends resolved, in file order.
    edges: Vec<Edge>,
    /// `Link` interfaces by linker: the libraries each module links.
    links_out: Adjacency<Neighbour>,
    /// `Link` interfaces by library: the modules that link it.
    linked_by: Adjacency<Neighbour>,
    /// `Read`/`Write`/`Load` interfaces by accessor: the datastores it uses.
    accesses: Adjacency<Neighbour>,
    /// `Read`/`Write`/`Load` interfaces by datastore: who uses it.
    accessed_by: Adjacency<Neighbour>,
    /// How many interfaces touch each module (either end).
    degree: Vec<u32>,
    /// Whether each module is an attacker-written datastore.
    attacker_written: Vec<bool>,
    /// What kind of foothold each module is, if any.
    foothold: Vec<Option<Foothold>>,
    /// Each module's trust class, interned: its zone and whether it counts
    /// as `Untrusted` (declared, or a loader foothold). Equal keys trust
    /// each other.
    trust_key: Vec<u32>,
    /// What ties deployment units' releases together, computed on first use.
    coupling: std::sync::OnceLock<Coupling>,
}

/// Why an attacker may run code in a module (docs/rules.md, "Footholds").
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Foothold {
    /// Untrusted code: declared `Untrusted`, neither external nor a datastore.
    UntrustedCode,
    /// A module that loads code from an attacker-written datastore.
    Loader,
}

impl<'a> Analysis<'a> {
    /// Computes every derived fact of `diagram`. Never panics, even on a
    /// diagram that would not validate: unknown references count as absent,
    /// and a unit that is its own ancestor is cut from its parent.
    #[must_use]
    pub fn new(diagram: &'a Diagram) -> Self {
        Self::build(diagram, Cow::Owned(Forest::new(diagram)))
    }

    /// Like [`Analysis::new`], reading `forest` (the diagram's, built once
    /// per revision and shared) instead of building it again.
    #[must_use]
    pub fn with_forest(diagram: &'a Diagram, forest: &'a Forest) -> Self {
        Self::build(diagram, Cow::Borrowed(forest))
    }

    fn build(diagram: &'a Diagram, forest: Cow<'a, Forest>) -> Self {
        let n_modules = diagram.modules.len();
        let n_units = diagram.units.len();

        // Isolation domains ("weak groups"): a weak unit is joined to its
        // parent, or to the virtual root (index n_units) when it has none. A
        // `Managed` unit counts as strong whatever its isolation.
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

        let mut member_pairs = Vec::new();
        let mut held_pairs = Vec::new();
        for m in 0..n_modules {
            if let Some(u) = forest.unit_of(m) {
                member_pairs.push((unit_group[u], m as u32));
                held_pairs.push((forest.deployment_unit(u) as u32, m as u32));
            }
        }
        let group_members = Adjacency::build(group_count, &member_pairs);
        let held = Adjacency::build(n_units, &held_pairs);

        let mut edges = Vec::with_capacity(diagram.interfaces.len());
        let mut degree = vec![0u32; n_modules];
        let (mut link_pairs, mut linker_pairs) = (Vec::new(), Vec::new());
        let (mut access_pairs, mut accessor_pairs) = (Vec::new(), Vec::new());
        for (i, interface) in diagram.interfaces.iter().enumerate() {
            let Some((from, to)) = forest.ends(i) else {
                continue;
            };
            let (from, to) = (from as u32, to as u32);
            let edge = Edge {
                interface: i as u32,
                from,
                to,
                kind: interface.kind,
            };
            edges.push(edge);
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

        let attacker_written = attacker_written(diagram, &edges);
        let foothold = footholds(diagram, &edges, &attacker_written);
        // Key = 2 × zone number + whether the module counts as untrusted;
        // zone number 0 is "no zone" (most modules).
        let mut zones: FxHashMap<&str, u32> = FxHashMap::default();
        let trust_key = diagram
            .modules
            .iter()
            .zip(&foothold)
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
            .collect();

        Analysis {
            diagram,
            forest,
            unit_group,
            group_count,
            group_members,
            held,
            links_out: Adjacency::build(n_modules, &link_pairs),
            linked_by: Adjacency::build(n_modules, &linker_pairs),
            accesses: Adjacency::build(n_modules, &access_pairs),
            accessed_by: Adjacency::build(n_modules, &accessor_pairs),
            edges,
            degree,
            attacker_written,
            foothold,
            trust_key,
            coupling: std::sync::OnceLock::new(),
        }
    }

    /// The diagram analysed.
    #[must_use]
    pub fn diagram(&self) -> &'a Diagram {
        self.diagram
    }

    /// The diagram's unit forest and id index.
    #[must_use]
    pub fn forest(&self) -> &Forest {
        &self.forest
    }

    // ----- Queries by id, for the editor and the command line -----

    /// The boundary between two modules, as docs/rules.md defines it: `Shared`
    /// when they share a unit, else the strongest isolation among the units
    /// below their lowest common ancestor (every unit on both chains when
    /// they have none). `None` when either is unplaced or unknown.
    #[must_use]
    pub fn boundary(&self, a: &str, b: &str) -> Option<Boundary> {
        self.boundary_at(self.module_position(a)?, self.module_position(b)?)
    }

    /// The boundary an interface crosses: always `Shared` for a `Link`
    /// (linking puts the library in the linker's address space), else the
    /// boundary between its ends. `None` for an unknown interface or one with
    /// an unplaced end.
    #[must_use]
    pub fn interface_boundary(&self, interface: &str) -> Option<Boundary> {
        let interface = self
            .diagram
            .interfaces
            .iter()
            .find(|f| f.id.as_str() == interface)?;
        if interface.kind == InterfaceKind::Link {
            return Some(Boundary::Shared);
        }
        self.boundary(interface.from.as_str(), interface.to.as_str())
    }

    /// Whether `boundary` is strong: at least the diagram's `strong_isolation`.
    #[must_use]
    pub fn is_strong(&self, boundary: Boundary) -> bool {
        match boundary {
            Boundary::Shared => false,
            Boundary::Isolated(isolation) => isolation >= self.diagram.settings.strong_isolation,
        }
    }

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

    /// The blast radius of a foothold (untrusted code, or a module that
    /// loads attacker-written code), with the path by which each module is
    /// reached. `None` when `module` is unknown or not a foothold.
    #[must_use]
    pub fn blast_radius(&self, module: &str) -> Option<BlastRadius> {
        let source = self.module_position(module)?;
        self.foothold[source]?;
        let mut scratch = Scratch::new(self);
        let touched = self.spread(source, &mut scratch);
        let modules = &self.diagram.modules;
        let mut reached: Vec<ModuleId> = self
            .radius_of(source, &touched)
            .into_iter()
            .map(|v| modules[v as usize].id.clone())
            .collect();
        reached.sort_unstable();
        let mut steps: Vec<Step> = Vec::new();
        for &(v, role) in &touched {
            let v = v as usize;
            if v == source {
                continue;
            }
            let came = scratch.came_from[v];
            steps.push(Step {
                module: modules[v].id.clone(),
                from: modules[came.module as usize].id.clone(),
                how: came.how,
                interface: came
                    .interface
                    .map(|i| self.diagram.interfaces[i as usize].id.clone()),
                role,
                in_radius: reached.binary_search(&modules[v].id).is_ok(),
            });
        }
        steps.sort_unstable_by(|a, b| a.module.cmp(&b.module));
        Some(BlastRadius {
            source: modules[source].id.clone(),
            reached,
            steps,
        })
    }

    /// Whether the module is a foothold, and of which kind.
    #[must_use]
    pub fn foothold(&self, module: &str) -> Option<Foothold> {
        self.foothold[self.module_position(module)?]
    }

    /// The depth of a unit in the nesting: 0 for a root unit.
    #[must_use]
    pub fn unit_depth(&self, unit: &str) -> Option<usize> {
        self.forest.unit(unit).map(|u| self.forest.depth(u))
    }

    // ----- Position-based accessors for the rules -----

    pub(crate) fn module_position(&self, id: &str) -> Option<usize> {
        self.forest.module(id)
    }

    /// The innermost unit of module `m`, if placed.
    pub(crate) fn unit_of(&self, m: usize) -> Option<usize> {
        self.forest.unit_of(m)
    }

    pub(crate) fn parent_of(&self, unit: usize) -> Option<usize> {
        self.forest.parent(unit)
    }

    pub(crate) fn depth_of(&self, unit: usize) -> usize {
        self.forest.depth(unit)
    }

    pub(crate) fn deployment_unit_of(&self, m: usize) -> Option<usize> {
        self.forest.deployment_unit_of(m)
    }

    /// Whether the deployment unit `d` is `Managed`.
    pub(crate) fn managed_at(&self, d: usize) -> bool {
        self.diagram.units[d].release == Release::Managed
    }

    /// Whether `u` is a deployment unit (its own, or a root).
    pub(crate) fn is_deployment_unit(&self, u: usize) -> bool {
        self.forest.is_deployment_unit(u)
    }

    pub(crate) fn held_at(&self, d: usize) -> &[u32] {
        self.held.of(d)
    }

    pub(crate) fn edges(&self) -> &[Edge] {
        &self.edges
    }

    pub(crate) fn linkers_of(&self, library: usize) -> &[Neighbour] {
        self.linked_by.of(library)
    }

    pub(crate) fn accessors_of(&self, datastore: usize) -> &[Neighbour] {
        self.accessed_by.of(datastore)
    }

    pub(crate) fn degree_of(&self, m: usize) -> u32 {
        self.degree[m]
    }

    pub(crate) fn trust_key_of(&self, m: usize) -> u32 {
        self.trust_key[m]
    }

    pub(crate) fn trust_each_other(&self, a: usize, b: usize) -> bool {
        self.trust_key[a] == self.trust_key[b]
    }

    /// The weak group (isolation domain) of unit `u`.
    pub(crate) fn group_of_unit(&self, u: usize) -> usize {
        self.unit_group[u] as usize
    }

    /// How many isolation domains there are.
    pub(crate) fn domain_count(&self) -> usize {
        self.group_count
    }

    /// The strongly isolated (or managed) unit an isolation domain lies
    /// below, or `None` for the domain of the weak root units (one machine).
    pub(crate) fn domain_top(&self, domain: usize) -> Option<usize> {
        let strong = self.diagram.settings.strong_isolation;
        (0..self.diagram.units.len()).find(|&u| {
            let unit = &self.diagram.units[u];
            self.unit_group[u] as usize == domain
                && (unit.isolation >= strong || unit.release == Release::Managed)
        })
    }

    /// Whether module `m` counts as `Untrusted` when trust is compared:
    /// declared so, or a loader foothold.
    pub(crate) fn counts_as_untrusted(&self, m: usize) -> bool {
        self.trust_key[m] & 1 == 1
    }

    /// The number of module `m`'s zone (0 for no zone); equal numbers are
    /// one zone.
    pub(crate) fn zone_of(&self, m: usize) -> u32 {
        self.trust_key[m] >> 1
    }

    /// Whether two placed modules have a strong boundary. `None` when either
    /// is unplaced. O(1): strong exactly when their weak groups differ.
    #[cfg(test)]
    pub(crate) fn strongly_separated(&self, a: usize, b: usize) -> Option<bool> {
        let (ua, ub) = (self.unit_of(a)?, self.unit_of(b)?);
        Some(self.unit_group[ua] != self.unit_group[ub])
    }

    /// The boundary between two modules by position; `None` when either is
    /// unplaced.
    pub(crate) fn boundary_at(&self, a: usize, b: usize) -> Option<Boundary> {
        let (mut ua, mut ub) = (self.unit_of(a)?, self.unit_of(b)?);
        if ua == ub {
            return Some(Boundary::Shared);
        }
        let strong = self.diagram.settings.strong_isolation;
        // A `Managed` unit runs on someone else's machines: strong whatever
        // its isolation.
        let isolation = |u: usize| {
            let unit = &self.diagram.units[u];
            if unit.release == Release::Managed {
                unit.isolation.max(strong)
            } else {
                unit.isolation
            }
        };
        // Count every unit left behind while climbing: from the deeper side
        // until both stand at the same depth, then together until they meet
        // at the lowest common ancestor (not counted) or pass the roots (no
        // common ancestor: every unit on both chains counted).
        let mut strongest = Isolation::Process;
        let forest = &self.forest;
        while forest.depth(ua) > forest.depth(ub) {
            strongest = strongest.max(isolation(ua));
            let Some(up) = forest.parent(ua) else { break };
            ua = up;
        }
        while forest.depth(ub) > forest.depth(ua) {
            strongest = strongest.max(isolation(ub));
            let Some(up) = forest.parent(ub) else { break };
            ub = up;
        }
        while ua != ub {
            strongest = strongest.max(isolation(ua)).max(isolation(ub));
            let (Some(pa), Some(pb)) = (forest.parent(ua), forest.parent(ub)) else {
                break;
            };
            ua = pa;
            ub = pb;
        }
        Some(Boundary::Isolated(strongest))
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

    #[cfg(test)]
    pub(crate) fn group_count(&self) -> usize {
        self.group_count
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Interface, Module, Unit};

    pub(crate) fn unit(id: &str, isolation: Isolation, parent: Option<&str>) -> Unit {
        let mut u = Unit::new(id, id, isolation);
        u.parent = parent.map(UnitId::new);
        u
    }

    pub(crate) fn module(id: &str, unit: Option<&str>) -> Module {
        let mut m = Module::new(id, id, ModuleKind::Component);
        m.unit = unit.map(UnitId::new);
        m
    }

    fn interface(id: &str, from: &str, to: &str, kind: InterfaceKind) -> Interface {
        Interface::new(id, ModuleId::new(from), ModuleId::new(to), kind)
    }

    /// vm ⊃ ctr ⊃ {p1, sbx}; vm ⊃ p2; root ctr2; root host.
    fn nested() -> Diagram {
        Diagram {
            units: vec![
                unit("vm", Isolation::Vm, None),
                unit("ctr", Isolation::Container, Some("vm")),
                unit("p1", Isolation::Process, Some("ctr")),
                unit("sbx", Isolation::Sandbox, Some("ctr")),
                unit("p2", Isolation::Process, Some("vm")),
                unit("ctr2", Isolation::Container, None),
                unit("host", Isolation::Host, None),
            ],
            modules: vec![
                module("a", Some("p1")),
                module("a2", Some("p1")),
                module("s", Some("sbx")),
                module("b", Some("p2")),
                module("c", Some("ctr2")),
                module("h", Some("host")),
                module("top", Some("vm")),
                module("loose", None),
            ],
            ..Diagram::default()
        }
    }

    #[test]
    fn boundaries_follow_the_lowest_common_ancestor() {
        let d = nested();
        let a = Analysis::new(&d);
        let iso = Boundary::Isolated;
        assert_eq!(a.boundary("a", "a2"), Some(Boundary::Shared));
        // Below the LCA `ctr`: p1 and sbx.
        assert_eq!(a.boundary("a", "s"), Some(iso(Isolation::Sandbox)));
        // Below the LCA `vm`: p1, ctr and p2; the Vm itself does not count.
        assert_eq!(a.boundary("a", "b"), Some(iso(Isolation::Container)));
        // A module placed in an ancestor: only the other chain counts.
        assert_eq!(a.boundary("top", "a"), Some(iso(Isolation::Container)));
        assert_eq!(a.boundary("a", "top"), Some(iso(Isolation::Container)));
        // No common ancestor: every unit on both chains.
        assert_eq!(a.boundary("a", "c"), Some(iso(Isolation::Vm)));
        assert_eq!(a.boundary("c", "h"), Some(iso(Isolation::Host)));
        assert_eq!(a.boundary("a", "loose"), None);
        assert_eq!(a.boundary("a", "nobody"), None);
        assert!(Boundary::Shared < iso(Isolation::Process));
        assert!(!a.is_strong(Boundary::Shared));
        assert!(!a.is_strong(iso(Isolation::Container)));
        assert!(a.is_strong(iso(Isolation::Sandbox)));
    }

    #[test]
    fn weak_groups_agree_with_boundaries() {
        let d = nested();
        let a = Analysis::new(&d);
        for x in 0..d.modules.len() {
            for y in 0..d.modules.len() {
                let by_boundary = a.boundary_at(x, y).map(|b| a.is_strong(b));
                assert_eq!(a.strongly_separated(x, y), by_boundary, "{x} {y}");
            }
        }
        // Two root weak units share the virtual root's group.
        let mut d2 = d.clone();
        d2.units.push(unit("ctr3", Isolation::Container, None));
        d2.modules.push(module("c3", Some("ctr3")));
        let a2 = Analysis::new(&d2);
        assert_eq!(
            a2.boundary("c", "c3"),
            Some(Boundary::Isolated(Isolation::Container))
        );
        assert_eq!(a2.strongly_separated(4, 8), Some(false));
    }

    #[test]
    fn link_is_always_shared() {
        let mut d = nested();
        let mut lib = Module::new("lib", "lib", ModuleKind::Library);
        lib.unit = Some(UnitId::new("host"));
        d.modules.push(lib);
        d.interfaces
            .push(interface("a-links", "a", "lib", InterfaceKind::Link));
        d.interfaces
            .push(interface("a-calls", "a", "lib", InterfaceKind::Rpc));
        let a = Analysis::new(&d);
        assert_eq!(a.interface_boundary("a-links"), Some(Boundary::Shared));
        assert_eq!(
            a.interface_boundary("a-calls"),
            Some(Boundary::Isolated(Isolation::Host))
        );
    }

    #[test]
    fn deployment_units_walk_up_through_with_parent() {
        let mut d = nested();
        d.unit_mut("ctr").expect("ctr").release = Release::WithParent;
        d.unit_mut("p1").expect("p1").release = Release::WithParent;
        d.unit_mut("ctr2").expect("ctr2").release = Release::WithParent;
        d.unit_mut("host").expect("host").release = Release::Managed;
        d.units.push({
            let mut u = unit("host-child", Isolation::Process, Some("host"));
            u.release = Release::WithParent;
            u
        });
        let a = Analysis::new(&d);
        let du = |m| a.deployment_unit(m).map(UnitId::as_str);
        assert_eq!(du("a"), Some("vm"));
        assert_eq!(du("s"), Some("sbx"));
        // A root WithParent unit counts as Own.
        assert_eq!(du("c"), Some("ctr2"));
        assert_eq!(du("loose"), None);
        assert!(a.is_managed("host-child"));
        assert!(!a.is_managed("p1"));
        let held: Vec<&str> = a.held("vm").into_iter().map(ModuleId::as_str).collect();
        assert_eq!(held, ["a", "a2", "top"]);
    }

    #[test]
    fn unplaced_libraries_are_deployed_with_their_linkers() {
        let mut d = nested();
        d.modules
            .push(Module::new("lib", "lib", ModuleKind::Library));
        d.modules
            .push(Module::new("inner", "inner", ModuleKind::Library));
        d.interfaces
            .push(interface("1", "a", "lib", InterfaceKind::Link));
        d.interfaces
            .push(interface("2", "c", "lib", InterfaceKind::Link));
        d.interfaces
            .push(interface("3", "lib", "inner", InterfaceKind::Link));
        d.interfaces
            .push(interface("4", "h", "inner", InterfaceKind::Link));
        d.interfaces
            .push(interface("5", "loose", "inner", InterfaceKind::Link));
        let a = Analysis::new(&d);
        let units = |m| {
            a.library_deployment(m)
                .into_iter()
                .map(UnitId::as_str)
                .collect::<Vec<_>>()
        };
        assert_eq!(units("lib"), ["ctr2", "p1"]);
        assert_eq!(units("inner"), ["ctr2", "host", "p1"]);
        assert!(units("a").is_empty());
    }

    #[test]
    fn unit_cycles_are_cut_instead_of_looping() {
        let d = Diagram {
            units: vec![
                unit("x", Isolation::Process, Some("y")),
                unit("y", Isolation::Process, Some("x")),
            ],
            modules: vec![module("a", Some("x")), module("b", Some("y"))],
            ..Diagram::default()
        };
        let a = Analysis::new(&d);
        assert!(a.boundary("a", "b").is_some());
        assert!(a.deployment_unit("a").is_some());
    }

    /// The invoice OCR case: spread through an unplaced untrusted library.
    fn ocr() -> Diagram {
        let mut sbx = unit("sbx", Isolation::Sandbox, Some("ctr"));
        sbx.release = Release::WithParent;
        let mut pdf = Module::new("pdf", "pdf", ModuleKind::Library);
        pdf.trust = Trust::Untrusted;
        let db = |id: &str, unit: &str| {
            let mut m = Module::new(id, id, ModuleKind::Datastore);
            m.unit = Some(UnitId::new(unit));
            m
        };
        let mut helper = Module::new("helper", "helper", ModuleKind::Library);
        helper.unit = Some(UnitId::new("vm2"));
        Diagram {
            units: vec![
                unit("ctr", Isolation::Container, None),
                sbx,
                unit("vm", Isolation::Vm, None),
                unit("vm2", Isolation::Vm, None),
            ],
            modules: vec![
                module("api", Some("ctr")),
                module("worker", Some("ctr")),
                pdf,
                module("preview", Some("sbx")),
                db("invoices", "vm"),
                db("templates", "vm"),
                db("audit", "vm"),
                helper,
                Module::new("users", "users", ModuleKind::External),
            ],
            interfaces: vec![
                interface("link", "worker", "pdf", InterfaceKind::Link),
                interface("ext-link", "users", "pdf", InterfaceKind::Link),
                interface("store", "worker", "invoices", InterfaceKind::Write),
                interface("tpl", "api", "templates", InterfaceKind::Read),
                interface("help", "api", "helper", InterfaceKind::Link),
                interface("audit", "helper", "audit", InterfaceKind::Write),
                interface("preview", "api", "preview", InterfaceKind::Rpc),
            ],
            ..Diagram::default()
        }
    }

    #[test]
    fn blast_radius_spreads_by_link_colocation_and_data_access() {
        let d = ocr();
        let a = Analysis::new(&d);
        let radius = a.blast_radius("pdf").expect("pdf is untrusted");
        let reached: Vec<&str> = radius.reached.iter().map(ModuleId::as_str).collect();
        // Not the sandboxed preview, not the external, not the acting
        // helper, not the templates the api only reads (not sensitive).
        assert_eq!(reached, ["api", "audit", "invoices", "worker"]);
        let path: Vec<(&str, Spread)> = radius
            .path_to("audit")
            .iter()
            .map(|s| (s.module.as_str(), s.how))
            .collect();
        assert_eq!(
            path,
            [
                ("worker", Spread::LinksCompromised),
                ("api", Spread::CoLocated),
                ("helper", Spread::Linked),
                ("audit", Spread::Writes),
            ]
        );
        let helper = radius.step("helper").expect("helper is touched");
        assert_eq!(helper.role, Role::Acting);
        assert!(!helper.in_radius);
        assert!(radius.contains("worker") && !radius.contains("helper"));
        assert!(a.blast_radius("api").is_none(), "api is trusted");
        assert!(a.blast_radius("users").is_none(), "externals have none");
    }

    #[test]
    fn blast_radius_leaves_out_those_who_trust_the_source() {
        let mut d = ocr();
        d.module_mut("api").expect("api").trust = Trust::Untrusted;
        let a = Analysis::new(&d);
        let radius = a.blast_radius("pdf").expect("untrusted");
        assert!(!radius.contains("api"));
        assert!(radius.step("api").is_some(), "still on the paths");
        d.module_mut("api").expect("api").zone = Some("tenant".into());
        let a = Analysis::new(&d);
        assert!(a.blast_radius("pdf").expect("untrusted").contains("api"));
    }

    #[test]
    fn foothold_groups_match_one_foothold_at_a_time() {
        for seed in 0..4 {
            let mut d = crate::model::generate::synthetic(400, seed);
            // Some loads, so that compromise also spreads through data.
            for (i, f) in d.interfaces.iter_mut().enumerate() {
                if f.kind == InterfaceKind::Read && i % 3 == 0 {
                    f.kind = InterfaceKind::Load;
                }
            }
            let a = Analysis::new(&d);
            let groups = a.foothold_groups();
            assert!(!groups.is_empty());
            let mut grouped = 0;
            for group in &groups {
                // The union of the members' radii, one foothold at a time.
                let mut union: Vec<&ModuleId> = Vec::new();
                let mut compromised: Option<Vec<&ModuleId>> = None;
                for &f in &group.footholds {
                    let one = a
                        .blast_radius(d.modules[f as usize].id.as_str())
                        .expect("a foothold");
                    union.extend(
                        one.reached.iter().map(|id| {
                            &d.modules[a.module_position(id.as_str()).expect("known")].id
                        }),
                    );
                    for step in &one.steps {
                        assert!(!one.path_to(step.module.as_str()).is_empty());
                    }
                    // Members share one compromised set.
                    let mut set: Vec<&ModuleId> = one
                        .steps
                        .iter()
                        .filter(|s| s.role == Role::Compromised)
                        .map(|s| {
                            &d.modules[a.module_position(s.module.as_str()).expect("known")].id
                        })
                        .chain([&d.modules[f as usize].id])
                        .collect();
                    set.sort_unstable();
                    match &compromised {
                        None => compromised = Some(set),
                        Some(first) => assert_eq!(first, &set),
                    }
                }
                union.sort_unstable();
                union.dedup();
                let mut radius: Vec<&ModuleId> = group
                    .radius
                    .iter()
                    .map(|&m| &d.modules[m as usize].id)
                    .collect();
                radius.sort_unstable();
                assert_eq!(radius, union);
                grouped += group.footholds.len();
            }
            let footholds = (0..d.modules.len())
                .filter(|&m| a.foothold_of(m).is_some())
                .count();
            assert_eq!(grouped, footholds, "every foothold in one group");
            assert!(a.group_count() > 0);
        }
    }
}
