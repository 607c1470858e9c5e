//! The rules engine: [`check`] runs every rule of docs/rules.md on a
//! diagram and returns a sorted [`Report`]; [`describe`] is the catalogue.
//!
//! `check` is a pure function: no I/O, no clock, deterministic order. The
//! derived facts (boundaries, deployment units, blast radii) are computed
//! once in an [`Analysis`] and shared by the rules, one file per rule. Then
//! acceptances are matched (staleness is judged before overrides, so turning
//! a rule off does not make its acceptances stale), severity overrides are
//! applied, and the findings are sorted by severity (error first), rule id
//! and finding id.

/// `format!` into a string with room for a typical message, so building
/// thousands of findings does not regrow each message several times.
macro_rules! text {
    ($($arg:tt)*) => {{
        use std::fmt::Write as _;
        let mut out = String::with_capacity(128);
        let _ = write!(out, $($arg)*);
        out
    }};
}

mod analysis;
mod order;
mod report;
mod run;
mod wording;

mod call_across_process;
mod deployment_cycle;
mod disconnected_module;
mod empty_unit;
mod lateral_reach;
mod loaded_code_across_trust;
mod mixed_reliability_in_unit;
mod queue_between_units;
mod schema_lockstep;
mod shared_library_across_trust;
mod slow_start_in_unit;
mod split_without_reason;
mod stale_acceptance;
mod third_party_in_sensitive;
mod unowned_module;
mod unplaced_module;
mod unversioned_cross_unit;
mod weak_isolation_across_trust;

pub use analysis::{
    Analysis, BlastRadius, Boundary, Coupling, Foothold, FootholdGroup, LockstepGroup, Role,
    Spread, Step, could_be_foothold,
};
pub use report::{Elements, ElementsIter, Finding, Report, RuleInfo, Severity};
pub use run::{PARALLEL_ELEMENTS, check, check_with};

use crate::model::RuleId;
pub(crate) use wording::{finding, finding_with, interface_text, is_internal, name_list, quoted};

/// A rule: its catalogue entry and its check, which appends the findings at
/// their default severity, unaccepted.
struct Rule {
    info: RuleInfo,
    check: fn(&Analysis<'_>, &mut Vec<Finding>),
}

/// Every rule that inspects the diagram, in the order of the rules
/// reference (docs/rules.md). (`stale-acceptance` inspects the other
/// findings; see [`check`].)
const RULES: [Rule; 17] = [
    Rule {
        info: lateral_reach::INFO,
        check: lateral_reach::check,
    },
    Rule {
        info: weak_isolation_across_trust::INFO,
        check: weak_isolation_across_trust::check,
    },
    Rule {
        info: shared_library_across_trust::INFO,
        check: shared_library_across_trust::check,
    },
    Rule {
        info: loaded_code_across_trust::INFO,
        check: loaded_code_across_trust::check,
    },
    Rule {
        info: third_party_in_sensitive::INFO,
        check: third_party_in_sensitive::check,
    },
    Rule {
        info: split_without_reason::INFO,
        check: split_without_reason::check,
    },
    Rule {
        info: mixed_reliability_in_unit::INFO,
        check: mixed_reliability_in_unit::check,
    },
    Rule {
        info: slow_start_in_unit::INFO,
        check: slow_start_in_unit::check,
    },
    Rule {
        info: schema_lockstep::INFO,
        check: schema_lockstep::check,
    },
    Rule {
        info: queue_between_units::INFO,
        check: queue_between_units::check,
    },
    Rule {
        info: deployment_cycle::INFO,
        check: deployment_cycle::check,
    },
    Rule {
        info: unversioned_cross_unit::INFO,
        check: unversioned_cross_unit::check,
    },
    Rule {
        info: call_across_process::INFO,
        check: call_across_process::check,
    },
    Rule {
        info: unplaced_module::INFO,
        check: unplaced_module::check,
    },
    Rule {
        info: empty_unit::INFO,
        check: empty_unit::check,
    },
    Rule {
        info: unowned_module::INFO,
        check: unowned_module::check,
    },
    Rule {
        info: disconnected_module::INFO,
        check: disconnected_module::check,
    },
];

/// The catalogue entry of `rule`: summary, explanation and default severity.
#[must_use]
pub fn describe(rule: RuleId) -> RuleInfo {
    if rule == RuleId::StaleAcceptance {
        return stale_acceptance::INFO;
    }
    RULES
        .iter()
        .find(|r| r.info.id == rule)
        .map_or(stale_acceptance::INFO, |r| r.info)
}

#[cfg(test)]
pub(crate) mod test_support {
    //! Small builders for the rules' inline tests.

    use crate::model::{
        Diagram, Interface, InterfaceKind, Isolation, Module, ModuleId, ModuleKind, Unit, UnitId,
    };

    /// A unit with the given isolation under `parent`.
    pub(crate) fn unit(id: &str, isolation: Isolation, parent: Option<&str>) -> Unit {
        let mut u = Unit::new(id, format!("{id} unit"), isolation);
        u.parent = parent.map(UnitId::new);
        u
    }

    /// A component placed in `unit`.
    pub(crate) fn module(id: &str, unit: Option<&str>) -> Module {
        let mut m = Module::new(id, format!("{id} module"), ModuleKind::Component);
        m.unit = unit.map(UnitId::new);
        m
    }

    /// A module of `kind` placed in `unit`.
    pub(crate) fn module_of(id: &str, kind: ModuleKind, unit: Option<&str>) -> Module {
        let mut m = Module::new(id, format!("{id} module"), kind);
        m.unit = unit.map(UnitId::new);
        m
    }

    /// An interface `from -> to`.
    pub(crate) fn interface(id: &str, from: &str, to: &str, kind: InterfaceKind) -> Interface {
        Interface::new(id, ModuleId::new(from), ModuleId::new(to), kind)
    }

    /// The ids of the findings `diagram` raises for `rule`.
    pub(crate) fn ids(diagram: &Diagram, rule: crate::model::RuleId) -> Vec<String> {
        crate::rules::check(diagram)
            .findings
            .into_iter()
            .filter(|f| f.rule == rule)
            .map(|f| f.id)
            .collect()
    }

    /// The finding with `id`.
    pub(crate) fn get(diagram: &Diagram, id: &str) -> crate::rules::Finding {
        crate::rules::check(diagram)
            .findings
            .into_iter()
            .find(|f| f.id == id)
            .unwrap_or_else(|| panic!("no finding {id}"))
    }
}

#[cfg(test)]
mod tests;
