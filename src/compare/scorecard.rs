//! The scorecard of one diagram: what its deployment costs (DESIGN.md
//! "Comparing diagrams: plans and versions").
//!
//! Every measure is read off the rules' [`Analysis`]: deployment units and
//! what they hold, the release coupling (`schema-lockstep` and
//! `deployment-cycle` groups, whatever the severity overrides say) and the
//! foothold groups with their blast radii. Only the last three measures
//! count the findings as reported (unaccepted, after overrides).
//!
//! A *code release* is a deployment unit that is not `Managed` and holds a
//! module that is not a datastore: code you ship.

use crate::model::{Diagram, InterfaceKind, ModuleKind, Startup};
use crate::rules::{Analysis, Report, Severity};
use petgraph::unionfind::UnionFind;
use rustc_hash::FxHashSet;
use serde::Serialize;

/// What one diagram's deployment costs, as DESIGN.md's table defines it.
/// Serializes as the documented JSON object (field names as they are).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Scorecard {
    /// Code releases: deployment units, not `Managed`, that hold code.
    pub releases: usize,
    /// Code releases merged while two must upgrade together (a lockstep or
    /// cycle group, or an unversioned `Call`/`Rpc`/`Queue` between them).
    pub upgrade_units: usize,
    /// The most non-datastore modules one upgrade unit holds.
    pub largest_upgrade: usize,
    /// Interfaces and datastores that must keep working across versions
    /// that are not tested together.
    pub compatibility_surface: usize,
    /// How many of those are unversioned.
    pub compatibility_unversioned: usize,
    /// Pairs of code releases coupled through the compatibility surface.
    pub skew_pairs: usize,
    /// The most non-datastore modules one code release holding a `Slow`
    /// module (other than a datastore) holds: what one upgrade restarts.
    pub restart_scope: usize,
    /// The most modules one foothold group reaches.
    pub largest_blast_radius: usize,
    /// The `lateral-reach` finding id of that group (the smallest on a tie);
    /// `None` when no foothold group reaches anything.
    pub largest_blast_radius_group: Option<String>,
    /// Modules in the union of every blast radius.
    pub reachable: usize,
    /// Unaccepted findings that are errors.
    pub errors: usize,
    /// Unaccepted findings that are warnings.
    pub warnings: usize,
    /// Unaccepted findings that are infos.
    pub infos: usize,
}

/// The measures in the order they are shown: the JSON key, a label, and
/// what it means in a sentence. Every measure is a cost: lower is better.
pub const MEASURES: [(&str, &str, &str); 12] = [
    (
        "releases",
        "releases",
        "Code releases: deployment units you ship that hold code.",
    ),
    (
        "upgrade_units",
        "upgrade units",
        "Releases merged while two must upgrade together: a shared schema, a deployment cycle, or an unversioned call between them.",
    ),
    (
        "largest_upgrade",
        "largest upgrade",
        "The most modules of code one upgrade unit holds: what one upgrade changes at once.",
    ),
    (
        "compatibility_surface",
        "compatibility surface",
        "Interfaces and shared datastores that must keep working across versions that are not tested together.",
    ),
    (
        "compatibility_unversioned",
        "unversioned in it",
        "How many of those are not versioned.",
    ),
    (
        "skew_pairs",
        "skew pairs",
        "Pairs of releases coupled through that surface: version combinations that must work without being tested together.",
    ),
    (
        "restart_scope",
        "restart scope",
        "The most modules of code one release with a slow-starting module holds: what one upgrade restarts.",
    ),
    (
        "largest_blast_radius",
        "largest blast radius",
        "The most modules one foothold group reaches: an isolation measure that sandboxes change, releases do not.",
    ),
    (
        "reachable",
        "reachable by an attacker",
        "Modules in the union of every blast radius.",
    ),
    ("errors", "errors", "Unaccepted findings that are errors."),
    (
        "warnings",
        "warnings",
        "Unaccepted findings that are warnings.",
    ),
    ("infos", "infos", "Unaccepted findings that are infos."),
];

impl Scorecard {
    /// The scorecard of `diagram`, whose findings are `report`
    /// ([`crate::rules::check`] of the same diagram).
    #[must_use]
    pub fn of(diagram: &Diagram, report: &Report) -> Self {
        Self::from_analysis(&Analysis::new(diagram), report)
    }

    /// The scorecard from an analysis already made, and the findings.
    #[must_use]
    pub fn from_analysis(analysis: &Analysis<'_>, report: &Report) -> Self {
        let mut card = Releases::new(analysis).scorecard();
        blast(analysis, &mut card);
        card.errors = report.count(Severity::Error);
        card.warnings = report.count(Severity::Warning);
        card.infos = report.count(Severity::Info);
        card
    }

    /// The value of the measure named `key` (a key of [`MEASURES`]); 0 for
    /// an unknown key.
    #[must_use]
    pub fn value(&self, key: &str) -> usize {
        match key {
            "releases" => self.releases,
            "upgrade_units" => self.upgrade_units,
            "largest_upgrade" => self.largest_upgrade,
            "compatibility_surface" => self.compatibility_surface,
            "compatibility_unversioned" => self.compatibility_unversioned,
            "skew_pairs" => self.skew_pairs,
            "restart_scope" => self.restart_scope,
            "largest_blast_radius" => self.largest_blast_radius,
            "reachable" => self.reachable,
            "errors" => self.errors,
            "warnings" => self.warnings,
            "infos" => self.infos,
            _ => 0,
        }
    }
}

/// How a measure changed, for a table: "+3", "−2", or "" when it did not.
#[must_use]
pub fn delta(old: usize, new: usize) -> String {
    match new.cmp(&old) {
        std::cmp::Ordering::Greater => format!("+{}", new - old),
        std::cmp::Ordering::Less => format!("−{}", old - new),
        std::cmp::Ordering::Equal => String::new(),
    }
}

/// The code releases of a diagram and what they hold.
struct Releases<'x, 'a> {
    analysis: &'x Analysis<'a>,
    /// For every unit (by position): whether it is a code release.
    is_release: Vec<bool>,
    /// For every unit: the non-datastore modules it holds (deployment units
    /// only).
    code: Vec<usize>,
}

impl<'x, 'a> Releases<'x, 'a> {
    fn new(analysis: &'x Analysis<'a>) -> Self {
        let diagram = analysis.diagram();
        let code: Vec<usize> = (0..diagram.units.len())
            .map(|u| {
                if analysis.is_deployment_unit(u) {
                    analysis
                        .held_at(u)
                        .iter()
                        .filter(|&&m| diagram.modules[m as usize].kind != ModuleKind::Datastore)
                        .count()
                } else {
                    0
                }
            })
            .collect();
        let is_release = (0..diagram.units.len())
            .map(|u| code[u] > 0 && !analysis.managed_at(u))
            .collect();
        Releases {
            analysis,
            is_release,
            code,
        }
    }

    /// The code release module `m` is held by, if any.
    fn release_of(&self, m: usize) -> Option<usize> {
        self.analysis
            .deployment_unit_of(m)
            .filter(|&d| self.is_release[d])
    }

    /// Whether module `m` is outside every code release on purpose: an
    /// `External` module or one held by a `Managed` unit.
    fn outside(&self, m: usize) -> bool {
        self.analysis.diagram().modules[m].kind == ModuleKind::External
            || self
                .analysis
                .deployment_unit_of(m)
                .is_some_and(|d| self.analysis.managed_at(d))
    }

    fn scorecard(&self) -> Scorecard {
        let mut card = Scorecard {
            releases: self.is_release.iter().filter(|&&r| r).count(),
            ..Scorecard::default()
        };
        let mut upgrade = self.coupled_releases();
        let mut pairs = Pairs::default();
        self.interfaces(&mut card, &mut upgrade, &mut pairs);
        self.shared_datastores(&mut card, &mut pairs);
        card.skew_pairs = pairs.0.len();
        self.upgrade_units(&mut card, &mut upgrade);
        card
    }

    /// Code releases joined when their releases are tied: schema-lockstep
    /// and deployment-cycle groups.
    fn coupled_releases(&self) -> UnionFind<u32> {
        let mut upgrade = UnionFind::<u32>::new(self.is_release.len());
        let coupling = self.analysis.coupling();
        for units in coupling
            .lockstep
            .iter()
            .map(|g| &g.units)
            .chain(&coupling.cycles)
        {
            let mut releases = units.iter().copied().filter(|&u| self.is_release[u]);
            if let Some(first) = releases.next() {
                for u in releases {
                    upgrade.union(first as u32, u as u32);
                }
            }
        }
        upgrade
    }

    /// The compatibility surface of interfaces: between two code releases
    /// (skew pairs; unversioned ones tie the releases), or from one to the
    /// outside.
    fn interfaces(&self, card: &mut Scorecard, upgrade: &mut UnionFind<u32>, pairs: &mut Pairs) {
        let analysis = self.analysis;
        let diagram = analysis.diagram();
        for edge in analysis.edges() {
            if !matches!(
                edge.kind,
                InterfaceKind::Call | InterfaceKind::Rpc | InterfaceKind::Queue
            ) {
                continue;
            }
            let (from, to) = (edge.from as usize, edge.to as usize);
            let versioned = diagram.interfaces[edge.interface as usize].versioned;
            let counted = match (self.release_of(from), self.release_of(to)) {
                (Some(a), Some(b)) if a != b => {
                    pairs.add(a, b);
                    if !versioned {
                        upgrade.union(a as u32, b as u32);
                    }
                    true
                }
                (Some(_), None) => self.outside(to),
                (None, Some(_)) => self.outside(from),
                _ => false,
            };
            if counted {
                card.compatibility_surface += 1;
                if !versioned {
                    card.compatibility_unversioned += 1;
                }
            }
        }
    }

    /// The compatibility surface of datastores accessed from two or more
    /// code releases (an unplaced library from every release it is
    /// deployed in), and the skew pairs they make.
    fn shared_datastores(&self, card: &mut Scorecard, pairs: &mut Pairs) {
        let analysis = self.analysis;
        let diagram = analysis.diagram();
        let mut library_releases: rustc_hash::FxHashMap<usize, Vec<usize>> =
            rustc_hash::FxHashMap::default();
        let mut accessors: Vec<(usize, bool)> = Vec::new();
        for (d, store) in diagram.modules.iter().enumerate() {
            if store.kind != ModuleKind::Datastore {
                continue;
            }
            accessors.clear();
            for access in analysis.accessors_of(d) {
                let m = access.module as usize;
                let versioned = diagram.interfaces[access.interface as usize].versioned;
                if let Some(r) = self.release_of(m) {
                    accessors.push((r, versioned));
                } else if analysis.deployment_unit_of(m).is_none() {
                    let units = library_releases
                        .entry(m)
                        .or_insert_with(|| analysis.library_units(m));
                    accessors.extend(
                        units
                            .iter()
                            .filter(|&&u| self.is_release[u])
                            .map(|&u| (u, versioned)),
                    );
                }
            }
            accessors.sort_unstable();
            let mut releases: Vec<usize> = accessors.iter().map(|&(r, _)| r).collect();
            releases.dedup();
            if releases.len() < 2 {
                continue;
            }
            card.compatibility_surface += 1;
            if accessors.iter().any(|&(_, versioned)| !versioned) {
                card.compatibility_unversioned += 1;
            }
            for (i, &a) in releases.iter().enumerate() {
                for &b in &releases[i + 1..] {
                    pairs.add(a, b);
                }
            }
        }
    }

    /// Upgrade units (code releases tied together) and the largest, and
    /// the restart scope.
    fn upgrade_units(&self, card: &mut Scorecard, upgrade: &mut UnionFind<u32>) {
        let analysis = self.analysis;
        let diagram = analysis.diagram();
        let n_units = self.is_release.len();
        let mut size_of_root = vec![0usize; n_units];
        for u in (0..n_units).filter(|&u| self.is_release[u]) {
            let root = upgrade.find_mut(u as u32) as usize;
            if size_of_root[root] == 0 {
                card.upgrade_units += 1;
            }
            size_of_root[root] += self.code[u];
            let slow = analysis.held_at(u).iter().any(|&m| {
                let module = &diagram.modules[m as usize];
                module.startup == Startup::Slow && module.kind != ModuleKind::Datastore
            });
            if slow {
                card.restart_scope = card.restart_scope.max(self.code[u]);
            }
        }
        card.largest_upgrade = size_of_root.into_iter().max().unwrap_or(0);
    }
}

/// Pairs of code releases that can run at different versions side by side
/// (skew pairs), smaller position first.
#[derive(Default)]
struct Pairs(FxHashSet<(u32, u32)>);

impl Pairs {
    fn add(&mut self, a: usize, b: usize) {
        if a != b {
            self.0.insert((a.min(b) as u32, a.max(b) as u32));
        }
    }
}

/// The largest blast radius, its group's finding id, and what is
/// reachable at all.
fn blast(analysis: &Analysis<'_>, card: &mut Scorecard) {
    let modules = &analysis.diagram().modules;
    let mut reachable = vec![false; modules.len()];
    let mut largest: Option<(usize, &str)> = None;
    for group in analysis.foothold_groups() {
        for &m in &group.radius {
            reachable[m as usize] = true;
        }
        let size = group.radius.len();
        let id = modules[group.footholds[0] as usize].id.as_str();
        let better = match largest {
            None => size > 0,
            Some((best, best_id)) => size > best || (size == best && id < best_id),
        };
        if better {
            largest = Some((size, id));
        }
    }
    card.reachable = reachable.iter().filter(|&&r| r).count();
    if let Some((size, id)) = largest {
        card.largest_blast_radius = size;
        card.largest_blast_radius_group = Some(format!("lateral-reach@{id}"));
    }
}

#[cfg(test)]
mod tests;
