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
//!
//! The steps, one file each: the unit forest and id index come from the
//! model ([`Forest`]); `build` derives weak groups, placement, resolved
//! interfaces and trust classes; `boundary`, `deployment` and `blast`
//! answer by id; `spread` walks compromise from footholds; `coupling`
//! groups deployment units whose releases are tied.

pub(crate) use crate::model::Adjacency;
use crate::model::{Diagram, Forest, InterfaceKind, Release};
use std::sync::Arc;

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

mod blast;
mod boundary;
mod build;
mod coupling;
mod deployment;
mod ids;
mod spread;
#[cfg(test)]
mod tests;

pub use blast::{BlastRadius, Role, Spread, Step};
pub use boundary::Boundary;
pub(crate) use boundary::isolation_noun;

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
    forest: Arc<Forest>,
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
        Self::with_forest(diagram, Arc::new(Forest::new(diagram)))
    }

    /// Like [`Analysis::new`], reading `forest` (the diagram's, built once
    /// per revision and shared, e.g. with the scene) instead of building it
    /// again. `forest` must be `Forest::new(diagram)`.
    #[must_use]
    pub fn with_forest(diagram: &'a Diagram, forest: Arc<Forest>) -> Self {
        let (unit_group, group_count) = build::weak_groups(diagram, &forest);
        let (group_members, held) = build::placement(&forest, &unit_group, group_count);
        let links = build::resolve_interfaces(diagram, &forest);
        let attacker_written = attacker_written(diagram, &links.edges);
        let foothold = footholds(diagram, &links.edges, &attacker_written);
        let trust_key = build::trust_keys(diagram, &foothold);

        Analysis {
            diagram,
            forest,
            unit_group,
            group_count,
            group_members,
            held,
            links_out: links.links_out,
            linked_by: links.linked_by,
            accesses: links.accesses,
            accessed_by: links.accessed_by,
            edges: links.edges,
            degree: links.degree,
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

    #[cfg(test)]
    pub(crate) fn group_count(&self) -> usize {
        self.group_count
    }
}
