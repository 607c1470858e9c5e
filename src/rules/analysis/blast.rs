//! Blast radii as the editor and the command line read them: how each
//! module is reached from a foothold ([`Analysis::blast_radius`]).

use super::{Analysis, Scratch};
use crate::model::{InterfaceId, ModuleId};

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

impl Analysis<'_> {
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
}
