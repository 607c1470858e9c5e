//! The report's order: severity (error first), then rule id, then finding
//! id (by Unicode code point).
//!
//! Each rule's findings are sorted on their own (on the rules' threads when
//! the rules run on two), then the sorted runs are laid end to end: within
//! one severity the rules follow in id order, so no comparison across rules
//! is needed. Sorting compares compact keys rather than the findings
//! themselves (large structs, scattered strings), then applies the
//! permutation in place, one swap per finding.

use super::analysis::{cmp_ids, id_prefix};
use super::{Finding, Severity};
use crate::model::RuleId;
use std::cmp::Ordering;

/// The rules' positions in id order, indexed by declaration order
/// ([`RuleId::ALL`]).
pub(super) struct RuleRanks([u16; RuleId::ALL.len()]);

impl RuleRanks {
    pub(super) fn new() -> Self {
        let mut by_name: [usize; RuleId::ALL.len()] = std::array::from_fn(|r| r);
        by_name.sort_unstable_by_key(|&r| RuleId::ALL[r].as_str());
        let mut rank = [0u16; RuleId::ALL.len()];
        for (position, &r) in by_name.iter().enumerate() {
            rank[r] = position as u16;
        }
        RuleRanks(rank)
    }

    fn of(&self, rule: RuleId) -> u16 {
        self.0[rule as usize]
    }
}

/// The order of severities in a report: the worst first.
fn worst_first(severity: Severity) -> u16 {
    2 - severity as u16
}

/// The part of a finding id after `rule@`, where ids of one rule differ.
fn subject(finding: &Finding) -> &str {
    let rule = finding.rule.as_str();
    debug_assert!(finding.id.starts_with(rule) && finding.id[rule.len()..].starts_with('@'));
    finding.id.get(rule.len() + 1..).unwrap_or_default()
}

/// Compares two findings in report order.
pub(super) fn cmp(ranks: &RuleRanks, a: &Finding, b: &Finding) -> Ordering {
    let key = |f: &Finding| (worst_first(f.severity), ranks.of(f.rule));
    key(a).cmp(&key(b)).then_with(|| {
        let (a, b) = (subject(a), subject(b));
        cmp_ids((id_prefix(a.as_bytes()), a), (id_prefix(b.as_bytes()), b))
    })
}

/// Sorts `findings` into report order. Finding ids are unique, so the
/// unstable sort is deterministic.
pub(super) fn sort(ranks: &RuleRanks, findings: &mut [Finding]) {
    let mut keys: Vec<(u16, u64, &str, u32)> = findings
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let subject = subject(f);
            (
                worst_first(f.severity) << 8 | ranks.of(f.rule),
                id_prefix(subject.as_bytes()),
                subject,
                i as u32,
            )
        })
        .collect();
    keys.sort_unstable_by(|a, b| {
        (a.0, a.1)
            .cmp(&(b.0, b.1))
            .then_with(|| a.2.cmp(b.2))
            .then(a.3.cmp(&b.3))
    });
    let mut order: Vec<u32> = keys.into_iter().map(|(_, _, _, i)| i).collect();
    permute(findings, &mut order);
}

/// Lays sorted runs, each holding findings of one rule, end to end in report
/// order.
pub(super) fn concat(ranks: &RuleRanks, runs: Vec<Vec<Finding>>) -> Vec<Finding> {
    // Each run splits into up to three stretches, one per severity; the
    // stretches are ordered by (severity, rule) and moved out in that order.
    let mut stretches: Vec<(u16, u16, usize, usize, usize)> = Vec::new();
    for (r, run) in runs.iter().enumerate() {
        let mut start = 0;
        while let Some(first) = run.get(start) {
            let severity = first.severity;
            let len = run[start..].partition_point(|f| f.severity == severity);
            stretches.push((worst_first(severity), ranks.of(first.rule), r, start, len));
            start += len;
        }
    }
    stretches.sort_unstable();
    let mut out = Vec::with_capacity(runs.iter().map(Vec::len).sum());
    let mut runs: Vec<std::vec::IntoIter<Finding>> = runs.into_iter().map(Vec::into_iter).collect();
    for (_, _, r, _, len) in stretches {
        // Stretches of one run come out in the order they lie in it.
        out.extend(runs[r].by_ref().take(len));
    }
    out
}

/// Merges two vectors sorted in report order.
pub(super) fn merge(ranks: &RuleRanks, a: Vec<Finding>, b: Vec<Finding>) -> Vec<Finding> {
    if b.is_empty() {
        return a;
    }
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut a, mut b) = (a.into_iter().peekable(), b.into_iter().peekable());
    loop {
        let next = match (a.peek(), b.peek()) {
            (Some(x), Some(y)) => {
                if cmp(ranks, x, y) == Ordering::Greater {
                    b.next()
                } else {
                    a.next()
                }
            }
            (Some(_), None) => a.next(),
            (None, Some(_)) => b.next(),
            (None, None) => return out,
        };
        out.extend(next);
    }
}

/// Reorders `items` so that `items[i]` becomes the old `items[order[i]]`,
/// in place (each cycle of the permutation is rotated by swaps). `order` is
/// used up as scratch.
fn permute<T>(items: &mut [T], order: &mut [u32]) {
    const DONE: u32 = u32::MAX;
    for start in 0..items.len() {
        if order[start] == DONE {
            continue;
        }
        // Walk the cycle through `start`: position `at` takes the item from
        // `order[at]`, which is then the hole to fill next.
        let mut at = start;
        loop {
            let from = order[at] as usize;
            order[at] = DONE;
            if from == start {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{Elements, finding_with};

    #[test]
    fn permutation_applies_in_place() {
        let mut items = vec!['a', 'b', 'c', 'd', 'e'];
        let mut order = vec![3, 0, 4, 1, 2];
        permute(&mut items, &mut order);
        assert_eq!(items, ['d', 'a', 'e', 'b', 'c']);
        let mut items: Vec<u32> = (0..50).collect();
        let mut order: Vec<u32> = (0..50).map(|i| (i * 7) % 50).collect();
        let expected = order.clone();
        permute(&mut items, &mut order);
        assert_eq!(items, expected);
    }

    fn found(rule: RuleId, severity: Severity, subject: &str) -> Finding {
        finding_with(
            rule,
            severity,
            Elements::new(subject, Vec::new()),
            String::new(),
            None,
        )
    }

    fn ids(findings: &[Finding]) -> Vec<&str> {
        findings.iter().map(|f| f.id.as_str()).collect()
    }

    #[test]
    fn sorted_runs_laid_end_to_end_match_one_sort_of_everything() {
        let ranks = RuleRanks::new();
        let severities = [Severity::Info, Severity::Error, Severity::Warning];
        let subjects = ["b", "a", "ab", "a\u{0}", "abcdefghi", "abcdefgh", "é", "Z"];
        let mut runs = Vec::new();
        let mut everything = Vec::new();
        for (r, &rule) in RuleId::ALL.iter().enumerate() {
            let mut run = Vec::new();
            for (i, subject) in subjects.iter().enumerate() {
                // Mixed severities within most rules, some rules with none.
                if (r + i) % 5 == 0 {
                    continue;
                }
                let severity = severities[(r * 3 + i) % 3];
                run.push(found(rule, severity, subject));
                everything.push(found(rule, severity, subject));
            }
            sort(&ranks, &mut run);
            runs.push(run);
        }
        // Runs arrive in declaration order, not id order.
        runs.reverse();
        let laid = concat(&ranks, runs);
        everything.sort_by(|a, b| cmp(&ranks, a, b));
        assert_eq!(ids(&laid), ids(&everything));
        // Severity first, then the rule id, then the finding id.
        assert_eq!(laid[0].severity, Severity::Error);
        assert!(
            laid.windows(2)
                .all(|w| cmp(&ranks, &w[0], &w[1]) == Ordering::Less)
        );
    }

    #[test]
    fn merging_keeps_report_order() {
        let ranks = RuleRanks::new();
        let a = vec![
            found(RuleId::LateralReach, Severity::Error, "x"),
            found(RuleId::EmptyUnit, Severity::Info, "a"),
            found(RuleId::EmptyUnit, Severity::Info, "c"),
        ];
        let b = vec![
            found(RuleId::StaleAcceptance, Severity::Warning, "x"),
            found(RuleId::EmptyUnit, Severity::Info, "b"),
        ];
        assert_eq!(
            ids(&merge(&ranks, a, b)),
            [
                "lateral-reach@x",
                "stale-acceptance@x",
                "empty-unit@a",
                "empty-unit@b",
                "empty-unit@c"
            ]
        );
    }
}
