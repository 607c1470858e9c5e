//! Running the rules: on one thread or two (slowest rules first), then
//! acceptances matched, severity overrides applied and the findings sorted.

use super::analysis::FxHashMap;
use super::{Analysis, Finding, RULES, Report, Rule, Severity, order, stale_acceptance};
use crate::model::{Diagram, RuleId, RuleLevel};

/// The rules from the usually slowest to the fastest (measured on generated
/// diagrams), the order in which [`run_in_parallel`] hands them out: taking
/// the long ones first keeps the two threads finishing together.
pub(super) const HEAVIEST_FIRST: [RuleId; 17] = [
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
