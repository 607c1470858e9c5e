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
        let analysis = self.analysis;
        let diagram = analysis.diagram();
        let n_units = diagram.units.len();
        let mut card = Scorecard {
            releases: self.is_release.iter().filter(|&&r| r).count(),
            ..Scorecard::default()
        };

        let mut upgrade = UnionFind::<u32>::new(n_units);
        let coupling = analysis.coupling();
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

        let mut pairs: FxHashSet<(u32, u32)> = FxHashSet::default();
        let mut pair = |a: usize, b: usize| {
            if a != b {
                pairs.insert((a.min(b) as u32, a.max(b) as u32));
            }
        };
        // Interfaces: between two code releases, or from one to the outside.
        for edge in analysis.edges() {
            if !matches!(
                edge.kind,
                InterfaceKind::Call | InterfaceKind::Rpc | InterfaceKind::Queue
            ) {
                continue;
            }
            let (from, to) = (edge.from as usize, edge.to as usize);
            let counted = match (self.release_of(from), self.release_of(to)) {
                (Some(a), Some(b)) if a != b => {
                    pair(a, b);
                    if !diagram.interfaces[edge.interface as usize].versioned {
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
                if !diagram.interfaces[edge.interface as usize].versioned {
                    card.compatibility_unversioned += 1;
                }
            }
        }

        // Datastores accessed from two or more code releases.
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
                    pair(a, b);
                }
            }
        }
        card.skew_pairs = pairs.len();

        // Upgrade units and the largest; restart scope.
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
        card
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
mod tests {
    use super::*;

    fn card(ron: &str) -> Scorecard {
        let diagram = crate::file::load_str(ron).expect("the test diagram loads");
        Scorecard::of(&diagram, &crate::rules::check(&diagram))
    }

    /// One image (with a sandboxed renderer) beside an apps VM, a managed
    /// sync service, a disk of datastores and an unplaced library linked
    /// from both releases.
    const IMAGE_AND_APPS: &str = r#"#![enable(implicit_some)]
(
    format: "seams",
    version: 1,
    title: "Image and apps",
    units: [
        (id: "img", isolation: Process),
        (id: "sbx", isolation: Sandbox, parent: "img", release: WithParent),
        (id: "apps", isolation: Vm),
        (id: "cloud", isolation: Host, release: Managed),
        (id: "disk", isolation: Host),
    ],
    modules: [
        (id: "kernel", unit: "img", startup: Slow),
        (id: "wm", unit: "img"),
        (id: "browser", unit: "img"),
        (id: "renderer", trust: Untrusted, unit: "sbx"),
        (id: "player", trust: Untrusted, unit: "apps"),
        (id: "editor", unit: "apps"),
        (id: "files", kind: Datastore, trust: Sensitive, unit: "disk"),
        (id: "cfg", kind: Datastore, unit: "img"),
        (id: "web", kind: External),
        (id: "sync", unit: "cloud"),
        (id: "lib", kind: Library),
    ],
    interfaces: [
        (id: "wm-kernel", from: "wm", to: "kernel", kind: Rpc),
        (id: "navigate", from: "browser", to: "renderer", kind: Rpc),
        (id: "player-wm", from: "player", to: "wm", kind: Rpc, versioned: true),
        (id: "editor-wm", from: "editor", to: "wm", kind: Rpc, versioned: true),
        (id: "fetch", from: "browser", to: "web", kind: Rpc),
        (id: "sync-up", from: "browser", to: "sync", kind: Rpc, versioned: true),
        (id: "play", from: "player", to: "files", kind: Read, versioned: true),
        (id: "download", from: "browser", to: "files", kind: Write, versioned: true),
        (id: "browser-lib", from: "browser", to: "lib", kind: Link),
        (id: "editor-lib", from: "editor", to: "lib", kind: Link),
        (id: "lib-cfg", from: "lib", to: "cfg", kind: Read, versioned: true),
        (id: "wm-cfg", from: "wm", to: "cfg", kind: Write),
    ],
)"#;

    #[test]
    fn an_image_beside_an_apps_vm_worked_out_by_hand() {
        // Releases: img (kernel, wm, browser and the renderer released with
        // it: 4 modules of code) and apps (player, editor). `disk` holds
        // only a datastore, `cloud` is managed: neither is a release.
        // Surface: player-wm, editor-wm (img–apps), fetch (to an external,
        // unversioned), sync-up (to a managed unit), `files` (written from
        // img, read from apps) and `cfg` (written unversioned from img,
        // read by the library deployed in img and apps): 6, 2 unversioned.
        // Every pair is img–apps: 1. No unversioned interface and no
        // lockstep between them: 2 upgrade units, the larger img's 4.
        // The kernel starts slowly: an img upgrade restarts 4.
        // The sandboxed renderer reaches nothing; the player takes the apps
        // VM (the editor) and reads the sensitive files: 2.
        assert_eq!(
            card(IMAGE_AND_APPS),
            Scorecard {
                releases: 2,
                upgrade_units: 2,
                largest_upgrade: 4,
                compatibility_surface: 6,
                compatibility_unversioned: 2,
                skew_pairs: 1,
                restart_scope: 4,
                largest_blast_radius: 2,
                largest_blast_radius_group: Some("lateral-reach@player".to_owned()),
                reachable: 2,
                // lateral-reach@player (the radius holds sensitive files);
                // slow-start-in-unit@img.
                errors: 1,
                warnings: 0,
                infos: 1,
            }
        );
    }

    /// Ten services, each in its own container, calling along a chain.
    fn ten_services(versioned: bool) -> String {
        let units: Vec<String> = (0..10)
            .map(|i| format!("(id: \"s{i}\", isolation: Container)"))
            .collect();
        let modules: Vec<String> = (0..10)
            .map(|i| format!("(id: \"svc-{i}\", unit: \"s{i}\")"))
            .collect();
        let interfaces: Vec<String> = (0..9)
            .map(|i| {
                format!(
                    "(id: \"call-{i}\", from: \"svc-{i}\", to: \"svc-{}\", kind: Rpc, versioned: {versioned})",
                    i + 1
                )
            })
            .collect();
        format!(
            "#![enable(implicit_some)]\n(format: \"seams\", version: 1, units: [{}], modules: [{}], interfaces: [{}])",
            units.join(", "),
            modules.join(", "),
            interfaces.join(", ")
        )
    }

    #[test]
    fn ten_services_without_a_versioned_interface_are_one_upgrade_unit() {
        // A distributed monolith: ten releases, but every unversioned call
        // ties two of them together, so they all upgrade at once.
        let monolith = card(&ten_services(false));
        assert_eq!(
            (
                monolith.releases,
                monolith.upgrade_units,
                monolith.largest_upgrade
            ),
            (10, 1, 10)
        );
        assert_eq!(
            (
                monolith.compatibility_surface,
                monolith.compatibility_unversioned,
                monolith.skew_pairs
            ),
            (9, 9, 9)
        );
        assert_eq!(monolith.largest_blast_radius_group, None);
        // Versioned, each upgrades on its own.
        let services = card(&ten_services(true));
        assert_eq!(
            (
                services.releases,
                services.upgrade_units,
                services.largest_upgrade
            ),
            (10, 10, 1)
        );
        assert_eq!(services.compatibility_unversioned, 0);
    }

    /// Three services; two share a datastore without versioning (one
    /// schema-lockstep group); an unplaced library linked from two of them
    /// writes a log.
    const LOCKSTEP: &str = r#"#![enable(implicit_some)]
(
    format: "seams",
    version: 1,
    units: [
        (id: "a", isolation: Process),
        (id: "b", isolation: Process),
        (id: "c", isolation: Process),
        (id: "store", isolation: Host),
    ],
    modules: [
        (id: "ma", unit: "a"),
        (id: "mb", unit: "b"),
        (id: "mc", unit: "c"),
        (id: "db", kind: Datastore, unit: "store"),
        (id: "log", kind: Datastore, unit: "store"),
        (id: "lib", kind: Library),
    ],
    interfaces: [
        (id: "ma-db", from: "ma", to: "db", kind: Write),
        (id: "mb-db", from: "mb", to: "db", kind: Read),
        (id: "mc-ma", from: "mc", to: "ma", kind: Rpc, versioned: true),
        (id: "ma-lib", from: "ma", to: "lib", kind: Link),
        (id: "mc-lib", from: "mc", to: "lib", kind: Link),
        (id: "lib-log", from: "lib", to: "log", kind: Write, versioned: true),
    ],
)"#;

    #[test]
    fn a_shared_schema_merges_upgrade_units() {
        // a and b share db's schema (schema-lockstep): one upgrade unit of
        // 2 modules; c on its own. Surface: db (unversioned), log (written
        // by the library in a and c), mc-ma: 3, 1 unversioned. Pairs: a–b
        // (db), a–c (log, mc-ma): 2.
        let card = card(LOCKSTEP);
        assert_eq!(
            (card.releases, card.upgrade_units, card.largest_upgrade),
            (3, 2, 2)
        );
        assert_eq!(
            (
                card.compatibility_surface,
                card.compatibility_unversioned,
                card.skew_pairs,
                card.restart_scope
            ),
            (3, 1, 2, 0)
        );
    }

    #[test]
    fn the_largest_blast_radius_names_the_smallest_group_on_a_tie() {
        let ron = r#"#![enable(implicit_some)]
(
    format: "seams",
    version: 1,
    units: [(id: "x", isolation: Vm), (id: "y", isolation: Vm)],
    modules: [
        (id: "zz-parser", trust: Untrusted, unit: "x"),
        (id: "svc-x", unit: "x"),
        (id: "aa-parser", trust: Untrusted, unit: "y"),
        (id: "svc-y", unit: "y"),
    ],
    interfaces: [
        (id: "1", from: "svc-x", to: "zz-parser", kind: Call),
        (id: "2", from: "svc-y", to: "aa-parser", kind: Call),
    ],
)"#;
        let card = card(ron);
        assert_eq!(card.largest_blast_radius, 1);
        assert_eq!(
            card.largest_blast_radius_group.as_deref(),
            Some("lateral-reach@aa-parser")
        );
        assert_eq!(card.reachable, 2);
    }

    #[test]
    fn json_has_the_documented_keys_in_order() {
        let json = serde_json::to_string(&card(IMAGE_AND_APPS)).expect("serializes");
        assert_eq!(
            json,
            r#"{"releases":2,"upgrade_units":2,"largest_upgrade":4,"compatibility_surface":6,"compatibility_unversioned":2,"skew_pairs":1,"restart_scope":4,"largest_blast_radius":2,"largest_blast_radius_group":"lateral-reach@player","reachable":2,"errors":1,"warnings":0,"infos":1}"#
        );
        let empty = serde_json::to_value(Scorecard::default()).expect("serializes");
        assert_eq!(empty["largest_blast_radius_group"], serde_json::Value::Null);
        for (key, _, _) in MEASURES {
            assert!(empty.get(key).is_some(), "{key}");
        }
    }
}
