//! Boundaries between modules (docs/rules.md, "Boundary between two placed
//! modules"): through the lowest common ancestor unit, and the weak groups
//! that make "not strong" an O(1) question.

use super::Analysis;
use crate::model::{InterfaceKind, Isolation, Release};

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

impl Analysis<'_> {
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
}
