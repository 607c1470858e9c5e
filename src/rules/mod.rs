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

use crate::model::{Diagram, Fix, Module, ModuleKind, RuleId, RuleLevel};
use analysis::FxHashMap;

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

/// The rules from the usually slowest to the fastest (measured on generated
/// diagrams), the order in which [`run_in_parallel`] hands them out: taking
/// the long ones first keeps the two threads finishing together.
const HEAVIEST_FIRST: [RuleId; 17] = [
    RuleId::LateralReach,
    RuleId::UnversionedCrossUnit,
    RuleId::WeakIsolationAcrossTrust,
    RuleId::MixedReliabilityInUnit,
    RuleId::SplitWithoutReason,
    RuleId::QueueBetweenUnits,
    RuleId::SlowStartInUnit,
    RuleId::DeploymentCycle,
    RuleId::SchemaLockstep,
    RuleId::SharedLibraryAcrossTrust,
    RuleId::LoadedCodeAcrossTrust,
    RuleId::ThirdPartyInSensitive,
    RuleId::UnplacedModule,
    RuleId::CallAcrossProcess,
    RuleId::DisconnectedModule,
    RuleId::EmptyUnit,
    RuleId::UnownedModule,
];

/// Runs `run` on every rule that `runs`, the rules shared out between this
/// thread and one more (each takes the next rule not yet taken, in
/// [`HEAVIEST_FIRST`] order). Returns each rule's findings in [`RULES`]
/// order, so the result does not depend on which thread ran what.
fn run_in_parallel(
    runs: &(dyn Fn(&Rule) -> bool + Sync),
    run: &(dyn Fn(&Rule, &mut Vec<Finding>) -> Vec<Finding> + Sync),
) -> Vec<Vec<Finding>> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let schedule = HEAVIEST_FIRST.map(|id| {
        RULES
            .iter()
            .position(|rule| rule.info.id == id)
            .unwrap_or_default()
    });
    let next = AtomicUsize::new(0);
    // Each thread returns what it found, by rule position.
    let work = || {
        let mut done: Vec<(usize, Vec<Finding>)> = Vec::new();
        let mut scratch = Vec::new();
        loop {
            let Some(&i) = schedule.get(next.fetch_add(1, Ordering::Relaxed)) else {
                return done;
            };
            if runs(&RULES[i]) {
                done.push((i, run(&RULES[i], &mut scratch)));
            }
        }
    };
    let (mut done, theirs) = on_two_threads(work, work);
    done.extend(theirs);
    done.sort_unstable_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, found)| found).collect()
}

/// Runs `here` on this thread and `there` on another, and returns both
/// results. Both run here, one after the other, when the machine has one
/// core or the system refuses a thread. A panic in `there` reaches the
/// caller as it would had it run here.
pub(crate) fn on_two_threads<A: Send, B: Send>(
    here: impl FnOnce() -> A + Send,
    there: impl FnOnce() -> B + Send,
) -> (A, B) {
    if std::thread::available_parallelism().map_or(1, std::num::NonZero::get) < 2 {
        return (here(), there());
    }
    // A refused thread drops its closure, so the thread takes `there` from
    // a slot, where the fallback below finds it if the thread never ran.
    let slot = std::sync::Mutex::new(Some(there));
    let slot = &slot;
    std::thread::scope(|scope| {
        let other = std::thread::Builder::new()
            .spawn_scoped(scope, move || slot.lock().ok()?.take().map(|f| f()))
            .ok();
        let a = here();
        let b = match other.map(std::thread::ScopedJoinHandle::join) {
            Some(Ok(Some(b))) => b,
            Some(Err(panic)) => std::panic::resume_unwind(panic),
            // No thread, or it could not take `there`: run it here.
            _ => match slot.lock().map(|mut slot| slot.take()) {
                Ok(Some(f)) => f(),
                _ => unreachable!("`there` ran on neither thread"),
            },
        };
        (a, b)
    })
}

/// Diagrams with at least this many modules and interfaces run their rules
/// on two threads (below it, starting a thread costs more than it saves).
pub const PARALLEL_ELEMENTS: usize = 3_000;

/// Runs every rule on `diagram` and returns the findings with acceptances
/// and severity overrides applied, sorted by severity (error first), rule id
/// and finding id. Large diagrams ([`PARALLEL_ELEMENTS`]) share the rules
/// out between two threads; the report is the same either way.
#[must_use]
pub fn check(diagram: &Diagram) -> Report {
    check_with(
        diagram,
        diagram.modules.len() + diagram.interfaces.len() >= PARALLEL_ELEMENTS,
    )
}

/// [`check`], with the rules on two threads (`parallel`) or one.
#[must_use]
pub fn check_with(diagram: &Diagram, parallel: bool) -> Report {
    let analysis = Analysis::new(diagram);
    let settings = &diagram.settings;

    // A rule that is off still runs when something accepts one of its
    // findings: staleness is judged before overrides.
    let accepted_rules: Vec<RuleId> = diagram
        .accepted
        .iter()
        .filter_map(|a| RuleId::parse(a.finding.split('@').next().unwrap_or_default()))
        .collect();
    let levels: [Option<RuleLevel>; RuleId::ALL.len()] =
        std::array::from_fn(|r| settings.rules.get(&RuleId::ALL[r]).copied());
    let level = |rule: RuleId| levels[rule as usize];
    let runs = |rule: &Rule| {
        level(rule.info.id) != Some(RuleLevel::Off) || accepted_rules.contains(&rule.info.id)
    };
    let ranks = order::RuleRanks::new();
    // One rule's findings, at their final severity and sorted; overrides
    // do not change which findings an acceptance matches.
    let overridden = |found: &mut [Finding]| {
        for finding in found.iter_mut() {
            if let Some(severity) = level(finding.rule).and_then(override_severity) {
                finding.severity = severity;
            }
        }
        order::sort(&ranks, found);
    };
    // Each rule fills a scratch vector that is kept from rule to rule, with
    // room for a typical report (a finding per few interfaces), then its
    // sorted findings are copied out at their size: no rule's findings are
    // copied through a dozen regrowths.
    let room = diagram.interfaces.len() / 2 + diagram.units.len();
    let run = |rule: &Rule, scratch: &mut Vec<Finding>| {
        scratch.clear();
        scratch.reserve(room);
        (rule.check)(&analysis, scratch);
        overridden(scratch);
        // Moved out at their size; the scratch keeps its room.
        let mut found = Vec::with_capacity(scratch.len());
        found.append(scratch);
        found
    };
    let runs = if parallel {
        run_in_parallel(&runs, &run)
    } else {
        let mut scratch = Vec::new();
        RULES
            .iter()
            .filter(|r| runs(r))
            .map(|rule| run(rule, &mut scratch))
            .collect()
    };
    let mut findings = order::concat(&ranks, runs);

    let mut stale = apply_acceptances(diagram, &mut findings);
    overridden(&mut stale);
    let mut findings = order::merge(&ranks, findings, stale);
    if levels.contains(&Some(RuleLevel::Off)) {
        findings.retain(|finding| level(finding.rule) != Some(RuleLevel::Off));
    }
    Report { findings }
}

/// The severity a rule level sets, if it sets one.
fn override_severity(level: RuleLevel) -> Option<Severity> {
    match level {
        RuleLevel::Off => None,
        RuleLevel::Info => Some(Severity::Info),
        RuleLevel::Warning => Some(Severity::Warning),
        RuleLevel::Error => Some(Severity::Error),
    }
}

/// Marks accepted findings and returns a `stale-acceptance` finding for every
/// acceptance that matches none. An exact id wins over a group match; among
/// several acceptances of one finding the first in file order gives the
/// reason.
fn apply_acceptances(diagram: &Diagram, findings: &mut [Finding]) -> Vec<Finding> {
    if diagram.accepted.is_empty() {
        return Vec::new();
    }
    let mut by_id: FxHashMap<&str, usize> = FxHashMap::default();
    let mut by_member: FxHashMap<(RuleId, &str), usize> = FxHashMap::default();
    for (i, finding) in findings.iter().enumerate() {
        by_id.insert(finding.id.as_str(), i);
        for member in &finding.group {
            by_member.insert((finding.rule, member.as_str()), i);
        }
    }
    let mut reasons: Vec<Option<(bool, usize)>> = vec![None; findings.len()];
    let mut stale = Vec::new();
    for (order, acceptance) in diagram.accepted.iter().enumerate() {
        let id = acceptance.finding.as_str();
        let exact = by_id.get(id).copied();
        let group = || {
            let (rule, member) = id.split_once('@')?;
            by_member.get(&(RuleId::parse(rule)?, member)).copied()
        };
        let Some((target, is_exact)) = exact
            .map(|i| (i, true))
            .or_else(|| group().map(|i| (i, false)))
        else {
            stale.push(stale_acceptance::finding(id));
            continue;
        };
        let better = match reasons[target] {
            None => true,
            Some((was_exact, _)) => is_exact && !was_exact,
        };
        if better {
            reasons[target] = Some((is_exact, order));
        }
    }
    for (finding, reason) in findings.iter_mut().zip(reasons) {
        if let Some((_, order)) = reason {
            finding.accepted = Some(diagram.accepted[order].reason.clone());
        }
    }
    stale
}

/// Builds a finding at `severity`: id `rule@subject`, elements `subject`
/// then `others` sorted (by Unicode code point, Rust's `String` order).
pub(crate) fn finding(
    rule: RuleId,
    severity: Severity,
    subject: &str,
    mut others: Vec<String>,
    message: String,
    fix: Option<Fix>,
) -> Finding {
    others.sort_unstable();
    finding_with(rule, severity, Elements::new(subject, others), message, fix)
}

/// Builds a finding about `elements`, whose first id goes in the finding id.
pub(crate) fn finding_with(
    rule: RuleId,
    severity: Severity,
    elements: Elements,
    message: String,
    fix: Option<Fix>,
) -> Finding {
    let subject = elements.first().map_or("", String::as_str);
    let mut id = String::with_capacity(rule.as_str().len() + 1 + subject.len());
    id.push_str(rule.as_str());
    id.push('@');
    id.push_str(subject);
    Finding {
        id,
        rule,
        severity,
        category: rule.category(),
        message,
        explanation: describe(rule).explanation,
        elements,
        accepted: None,
        fix,
        group: Vec::new(),
    }
}

/// `“name”` of a module, unit or interface, for messages (formats without
/// allocating).
pub(crate) fn quoted(name: &str) -> Quoted<'_> {
    Quoted(name)
}

/// A name between typographic quotes; see [`quoted`].
#[derive(Clone, Copy)]
pub(crate) struct Quoted<'a>(&'a str);

impl std::fmt::Display for Quoted<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("\u{201c}")?;
        f.write_str(self.0)?;
        f.write_str("\u{201d}")
    }
}

/// Joins quoted names as prose: `“a”`, `“a” and “b”`, `“a”, “b” and “c”`;
/// when `total` is more than the `limit` shown, `“a”, “b” and 3 more`.
pub(crate) fn name_list<'n>(
    names: impl IntoIterator<Item = &'n str>,
    total: usize,
    limit: usize,
) -> String {
    use std::fmt::Write as _;
    let shown: Vec<&str> = names.into_iter().take(limit).collect();
    let hidden = total.saturating_sub(shown.len());
    let mut out = String::new();
    for (i, name) in shown.iter().enumerate() {
        if i > 0 {
            let last = i + 1 == shown.len() && hidden == 0;
            out.push_str(if last { " and " } else { ", " });
        }
        let _ = write!(out, "{}", quoted(name));
    }
    if hidden > 0 {
        let _ = write!(out, " and {hidden} more");
    }
    out
}

/// The noun for an interface kind in running text.
pub(crate) fn kind_noun(kind: crate::model::InterfaceKind) -> &'static str {
    use crate::model::InterfaceKind;
    match kind {
        InterfaceKind::Call => "Call",
        InterfaceKind::Link => "Link",
        InterfaceKind::Rpc => "RPC",
        InterfaceKind::Queue => "Queue",
        InterfaceKind::Read => "Read",
        InterfaceKind::Write => "Write",
        InterfaceKind::Load => "Load",
    }
}

/// How an interface reads in a message: its kind and ends by name,
/// `RPC “Shop” → “Orders”`, with its label when it has one: `RPC “place
/// order” (“Shop” → “Orders”)`. Never an internal id.
pub(crate) fn interface_text(
    analysis: &Analysis<'_>,
    interface: &crate::model::Interface,
) -> String {
    let modules = &analysis.diagram().modules;
    let name = |id: &'_ crate::model::ModuleId| -> String {
        analysis
            .module_position(id.as_str())
            .map_or(id.as_str(), |m| modules[m].name.as_str())
            .to_owned()
    };
    let ends = text!(
        "{} \u{2192} {}",
        quoted(&name(&interface.from)),
        quoted(&name(&interface.to))
    );
    if interface.label.is_empty() {
        text!("{} {ends}", kind_noun(interface.kind))
    } else {
        text!(
            "{} {} ({ends})",
            kind_noun(interface.kind),
            quoted(&interface.label)
        )
    }
}

/// Whether `module` is code or data the diagram deploys (not an outside actor).
pub(crate) fn is_internal(module: &Module) -> bool {
    module.kind != ModuleKind::External
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
mod tests {
    use super::test_support::*;
    use super::*;
    use crate::model::{Acceptance, InterfaceKind, Isolation, Release};

    #[test]
    fn two_threads_find_exactly_what_one_does() {
        for seed in [1, 2] {
            let mut diagram = crate::model::generate::synthetic(2_000, seed);
            // Overrides apply after the rules ran.
            diagram
                .settings
                .rules
                .insert(RuleId::SlowStartInUnit, RuleLevel::Off);
            let one = check_with(&diagram, false);
            assert!(one.findings.len() > 100, "{}", one.findings.len());
            assert_eq!(check_with(&diagram, true), one);
            assert_eq!(check(&diagram), one);
        }
    }

    #[test]
    fn two_threads_return_both_results_and_pass_panics_on() {
        let data = [1, 2, 3];
        let (a, b) = on_two_threads(|| data[0] + 1, || data.iter().sum::<i32>());
        assert_eq!((a, b), (2, 6));
        let panicked =
            std::panic::catch_unwind(|| on_two_threads(|| 1, || -> i32 { panic!("rule failed") }));
        let message = panicked.expect_err("the panic reaches the caller");
        assert_eq!(message.downcast_ref::<&str>(), Some(&"rule failed"));
    }

    #[test]
    fn the_parallel_schedule_holds_every_rule_once() {
        let mut scheduled: Vec<RuleId> = HEAVIEST_FIRST.to_vec();
        let mut rules: Vec<RuleId> = RULES.iter().map(|rule| rule.info.id).collect();
        scheduled.sort_unstable();
        rules.sort_unstable();
        assert_eq!(scheduled, rules);
    }

    fn two_services() -> Diagram {
        Diagram {
            units: vec![
                unit("a-ctr", Isolation::Container, None),
                unit("b-ctr", Isolation::Container, None),
                unit("spare", Isolation::Container, None),
            ],
            modules: vec![module("a", Some("a-ctr")), module("b", Some("b-ctr"))],
            interfaces: vec![interface("ab", "a", "b", InterfaceKind::Rpc)],
            ..Diagram::default()
        }
    }

    #[test]
    fn every_rule_is_described() {
        for &rule in RuleId::ALL {
            let info = describe(rule);
            assert_eq!(info.id, rule);
            assert!(!info.summary.is_empty() && !info.explanation.is_empty());
            assert!(
                info.explanation.len() > 200,
                "{rule}: explain the principle"
            );
            assert!(info.default_text.contains(info.default_severity.as_str()));
        }
    }

    #[test]
    fn findings_are_sorted_by_severity_then_rule_then_id() {
        let d = two_services();
        let report = check(&d);
        let ids: Vec<&str> = report.findings.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "empty-unit@spare",
                "split-without-reason@a-ctr",
                "unversioned-cross-unit@ab"
            ]
        );
        let mut d = d;
        d.settings
            .rules
            .insert(RuleId::UnversionedCrossUnit, RuleLevel::Error);
        let report = check(&d);
        assert_eq!(report.findings[0].id, "unversioned-cross-unit@ab");
        assert_eq!(report.findings[0].severity, Severity::Error);
    }

    #[test]
    fn overrides_and_acceptances() {
        let mut d = two_services();
        d.settings.rules.insert(RuleId::EmptyUnit, RuleLevel::Off);
        d.accepted = vec![
            Acceptance {
                finding: "empty-unit@spare".into(),
                reason: "being built".into(),
            },
            Acceptance {
                finding: "split-without-reason@b-ctr".into(),
                reason: "scales apart".into(),
            },
            Acceptance {
                finding: "disconnected-module@gone".into(),
                reason: "old".into(),
            },
        ];
        let report = check(&d);
        let ids: Vec<(&str, bool)> = report
            .findings
            .iter()
            .map(|f| (f.id.as_str(), f.is_accepted()))
            .collect();
        // The rule that is off is silenced but its acceptance is not stale;
        // the group acceptance through b-ctr matches the group.
        assert_eq!(
            ids,
            [
                ("split-without-reason@a-ctr", true),
                ("stale-acceptance@disconnected-module@gone", false),
                ("unversioned-cross-unit@ab", false),
            ]
        );
        assert_eq!(report.findings[0].accepted.as_deref(), Some("scales apart"));
        d.settings
            .rules
            .insert(RuleId::StaleAcceptance, RuleLevel::Off);
        assert!(
            check(&d)
                .findings
                .iter()
                .all(|f| f.rule != RuleId::StaleAcceptance)
        );
    }

    #[test]
    fn exact_acceptance_gives_the_reason() {
        let mut d = two_services();
        d.accepted = vec![
            Acceptance {
                finding: "split-without-reason@b-ctr".into(),
                reason: "through the group".into(),
            },
            Acceptance {
                finding: "split-without-reason@a-ctr".into(),
                reason: "exact".into(),
            },
        ];
        let f = get(&d, "split-without-reason@a-ctr");
        assert_eq!(f.accepted.as_deref(), Some("exact"));
        assert!(ids(&d, RuleId::StaleAcceptance).is_empty());
    }

    #[test]
    fn check_is_deterministic_and_tolerates_bad_references() {
        let mut d = crate::model::generate::synthetic(300, 3);
        assert_eq!(check(&d), check(&d));
        d.interfaces
            .push(interface("ghost", "nobody", "m-1", InterfaceKind::Rpc));
        d.modules[0].unit = Some(crate::model::UnitId::new("nowhere"));
        d.units[0].release = Release::WithParent;
        let _ = check(&d);
    }

    #[test]
    fn the_built_in_example_has_one_accepted_finding() {
        let text = include_str!("../../assets/examples/photo-sharing.ron");
        let d = crate::file::load_str(text).expect("example loads");
        let report = check(&d);
        let ids: Vec<(&str, bool)> = report
            .findings
            .iter()
            .map(|f| (f.id.as_str(), f.is_accepted()))
            .collect();
        assert_eq!(ids, [("unversioned-cross-unit@notify", true)]);
    }

    #[test]
    fn name_lists_read_as_prose() {
        assert_eq!(name_list(["a"], 1, 3), "\u{201c}a\u{201d}");
        assert_eq!(
            name_list(["a", "b", "c"], 3, 3),
            "\u{201c}a\u{201d}, \u{201c}b\u{201d} and \u{201c}c\u{201d}"
        );
        assert_eq!(
            name_list(["a", "b", "c"], 5, 2),
            "\u{201c}a\u{201d}, \u{201c}b\u{201d} and 3 more"
        );
    }
}
