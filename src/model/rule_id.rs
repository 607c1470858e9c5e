//! The stable ids of the rules, shared by the file format (severity overrides
//! name rules) and the rules engine.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Whether a rule reports a design risk or a diagram that is incomplete or
/// contradicts itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    /// A design risk.
    Risk,
    /// The diagram is incomplete or contradicts itself.
    Model,
}

impl Category {
    /// `risk` or `model`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Risk => "risk",
            Category::Model => "model",
        }
    }
}

macro_rules! rule_ids {
    ($( $(#[$doc:meta])* $variant:ident => $id:literal, $cat:ident ),+ $(,)?) => {
        /// A rule's stable id.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum RuleId {
            $( $(#[$doc])* $variant ),+
        }

        impl RuleId {
            /// Every rule, `stale-acceptance` last. Existing rules keep their
            /// place (the saver writes overrides in this order, so files
            /// stay byte-stable); new rules come just before
            /// `stale-acceptance`.
            pub const ALL: &'static [RuleId] = &[$(RuleId::$variant),+];

            /// The id as written in files and finding ids (`weak-isolation-across-trust`).
            #[must_use]
            pub fn as_str(self) -> &'static str {
                match self {
                    $(RuleId::$variant => $id),+
                }
            }

            /// The rule's category.
            #[must_use]
            pub fn category(self) -> Category {
                match self {
                    $(RuleId::$variant => Category::$cat),+
                }
            }

            /// Looks a rule up by its id.
            #[must_use]
            pub fn parse(id: &str) -> Option<RuleId> {
                match id {
                    $($id => Some(RuleId::$variant),)+
                    _ => None,
                }
            }
        }
    };
}

rule_ids! {
    /// Modules of different trust zones share an isolation domain.
    WeakIsolationAcrossTrust => "weak-isolation-across-trust", Risk,
    /// A foothold group's compromise reaches other modules.
    LateralReach => "lateral-reach", Risk,
    /// A trusted library linked on both sides of a strong, untrustworthy boundary.
    SharedLibraryAcrossTrust => "shared-library-across-trust", Risk,
    /// Deployment units that could be one.
    SplitWithoutReason => "split-without-reason", Risk,
    /// A deployment unit holding modules with different reliability targets.
    MixedReliabilityInUnit => "mixed-reliability-in-unit", Risk,
    /// A deployment unit holding a slow-starting module and a fast one.
    SlowStartInUnit => "slow-start-in-unit", Risk,
    /// Datastores accessed without versioning from several deployment units.
    SchemaLockstep => "schema-lockstep", Risk,
    /// A queue from a request handler to a heavy consumer in another unit.
    QueueBetweenUnits => "queue-between-units", Risk,
    /// Deployment units that depend on each other in a cycle.
    DeploymentCycle => "deployment-cycle", Risk,
    /// Unversioned RPCs or queues between a pair of deployment units.
    UnversionedCrossUnit => "unversioned-cross-unit", Risk,
    /// A function call between modules that are not in one address space.
    CallAcrossProcess => "call-across-process", Model,
    /// A module placed in no unit.
    UnplacedModule => "unplaced-module", Model,
    /// A unit with nothing in it.
    EmptyUnit => "empty-unit", Model,
    /// A module without a team when the diagram has teams.
    UnownedModule => "unowned-module", Model,
    /// A module with no interfaces.
    DisconnectedModule => "disconnected-module", Model,
    /// Code loaded from a datastore that a module the loader does not trust writes.
    LoadedCodeAcrossTrust => "loaded-code-across-trust", Risk,
    /// Third-party code running inside sensitive modules (the supply chain).
    ThirdPartyInSensitive => "third-party-in-sensitive", Risk,
    /// An accepted finding id that matches no finding.
    StaleAcceptance => "stale-acceptance", Model,
}

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for RuleId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for RuleId {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let id = String::deserialize(deserializer)?;
        RuleId::parse(&id).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "unknown rule id `{id}` (expected one of: {})",
                RuleId::ALL
                    .iter()
                    .map(|r| r.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        })
    }
}
