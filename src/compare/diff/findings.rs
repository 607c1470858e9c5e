//! Findings introduced, resolved and changed: matched by id, then group
//! findings by a shared member of the same rule.

use crate::model::RuleId;
use crate::rules::{Elements, Finding, Severity};
use rustc_hash::FxHashMap;
use serde::Serialize;
use std::fmt::Write as _;

/// A finding as `seams check --format json` prints it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FindingRecord {
    /// `rule@element`.
    pub id: String,
    /// The rule's id.
    pub rule: &'static str,
    /// Severity after overrides.
    pub severity: Severity,
    /// `risk` or `model`.
    pub category: &'static str,
    /// One line naming the elements.
    pub message: String,
    /// The principle behind the rule and how to fix it.
    pub explanation: &'static str,
    /// The element ids it concerns.
    pub elements: Elements,
    /// Whether it is accepted.
    pub accepted: bool,
    /// The acceptance reason.
    #[serde(skip)]
    pub reason: Option<String>,
    /// For a group finding, its members, sorted.
    #[serde(skip)]
    pub group: Vec<String>,
}

impl From<&Finding> for FindingRecord {
    fn from(f: &Finding) -> Self {
        FindingRecord {
            id: f.id.clone(),
            rule: f.rule.as_str(),
            severity: f.severity,
            category: f.category.as_str(),
            message: f.message.clone(),
            explanation: f.explanation,
            elements: f.elements.clone(),
            accepted: f.is_accepted(),
            reason: f.accepted.clone(),
            group: f.group.clone(),
        }
    }
}

/// One finding matched in both diagrams whose severity, acceptance or
/// extent (group members, elements) differs.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ChangedFinding {
    /// As it was.
    pub old: FindingRecord,
    /// As it is.
    pub new: FindingRecord,
}

impl ChangedFinding {
    /// What changed, one short phrase each: "warning → error", "accepted",
    /// "no longer accepted", "group +b −c", "3 more elements".
    #[must_use]
    pub fn what(&self) -> Vec<String> {
        let (old, new) = (&self.old, &self.new);
        let mut out = Vec::new();
        if old.severity != new.severity {
            out.push(format!("{} → {}", old.severity, new.severity));
        }
        match (old.accepted, new.accepted) {
            (false, true) => out.push("accepted".to_owned()),
            (true, false) => out.push("no longer accepted".to_owned()),
            _ => {}
        }
        if old.group != new.group {
            let (gained, lost) = sorted_difference(&old.group, &new.group);
            out.push(group_phrase("group", &gained, &lost));
        } else if old.elements != new.elements {
            let (before, after) = (old.elements.to_vec(), new.elements.to_vec());
            let (mut before, mut after) = (before, after);
            before.sort_unstable();
            after.sort_unstable();
            let (gained, lost) = sorted_difference(&before, &after);
            out.push(group_phrase("elements", &gained, &lost));
        }
        if old.id != new.id {
            out.push(format!("was {}", old.id));
        }
        out
    }
}

/// "group +a +b −c", naming at most a few of each.
fn group_phrase(what: &str, gained: &[&str], lost: &[&str]) -> String {
    const SHOWN: usize = 4;
    let mut text = what.to_owned();
    for (sign, ids) in [("+", gained), ("−", lost)] {
        for id in ids.iter().take(SHOWN) {
            text.push(' ');
            text.push_str(sign);
            text.push_str(id);
        }
        if ids.len() > SHOWN {
            let _ = write!(text, " {sign}{} more", ids.len() - SHOWN);
        }
    }
    text
}

/// The ids only in `new` and those only in `old`; both inputs sorted.
fn sorted_difference<'s>(old: &'s [String], new: &'s [String]) -> (Vec<&'s str>, Vec<&'s str>) {
    let (mut gained, mut lost) = (Vec::new(), Vec::new());
    let (mut i, mut j) = (0, 0);
    while i < old.len() || j < new.len() {
        match (old.get(i), new.get(j)) {
            (Some(a), Some(b)) if a == b => {
                i += 1;
                j += 1;
            }
            (Some(a), Some(b)) if a < b => {
                lost.push(a.as_str());
                i += 1;
            }
            (Some(_) | None, Some(b)) => {
                gained.push(b.as_str());
                j += 1;
            }
            (Some(a), None) => {
                lost.push(a.as_str());
                i += 1;
            }
            (None, None) => break,
        }
    }
    (gained, lost)
}

/// How the findings changed.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct FindingChanges {
    /// In the new diagram only, sorted by id.
    pub introduced: Vec<FindingRecord>,
    /// In the old diagram only, sorted by id.
    pub resolved: Vec<FindingRecord>,
    /// In both, changed; sorted by the new id, then the old.
    pub changed: Vec<ChangedFinding>,
}

/// Group members → the findings of that rule whose group holds them.
fn members(findings: &[Finding]) -> FxHashMap<(RuleId, &str), Vec<usize>> {
    let mut map: FxHashMap<(RuleId, &str), Vec<usize>> = FxHashMap::default();
    for (i, f) in findings.iter().enumerate() {
        for member in &f.group {
            map.entry((f.rule, member.as_str())).or_default().push(i);
        }
    }
    map
}

/// Matches findings by id, then group findings by a shared member of the
/// same rule; the rest are introduced or resolved.
pub(super) fn finding_changes(old: &[Finding], new: &[Finding]) -> FindingChanges {
    let (pairs, old_matched, new_matched) = matches(old, new);
    let mut changes = FindingChanges::default();
    for (i, j) in pairs {
        let (a, b) = (&old[i], &new[j]);
        if a.severity != b.severity
            || a.is_accepted() != b.is_accepted()
            || a.group != b.group
            || a.elements != b.elements
            || a.id != b.id
        {
            changes.changed.push(ChangedFinding {
                old: a.into(),
                new: b.into(),
            });
        }
    }
    changes.introduced = new
        .iter()
        .zip(&new_matched)
        .filter(|&(_, &m)| !m)
        .map(|(f, _)| f.into())
        .collect();
    changes.resolved = old
        .iter()
        .zip(&old_matched)
        .filter(|&(_, &m)| !m)
        .map(|(f, _)| f.into())
        .collect();
    changes.introduced.sort_unstable_by(|a, b| a.id.cmp(&b.id));
    changes.resolved.sort_unstable_by(|a, b| a.id.cmp(&b.id));
    changes
        .changed
        .sort_unstable_by(|a, b| (&a.new.id, &a.old.id).cmp(&(&b.new.id, &b.old.id)));
    changes
}

/// Pairs of (old, new) positions of the same finding, and which findings
/// of each side are matched.
type Matches = (Vec<(usize, usize)>, Vec<bool>, Vec<bool>);

/// Matches findings by id, then group findings by a shared member of the
/// same rule.
fn matches(old: &[Finding], new: &[Finding]) -> Matches {
    let by_id: FxHashMap<&str, usize> = old
        .iter()
        .enumerate()
        .map(|(i, f)| (f.id.as_str(), i))
        .collect();
    let (mut old_matched, mut new_matched) = (vec![false; old.len()], vec![false; new.len()]);
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for (j, f) in new.iter().enumerate() {
        if let Some(&i) = by_id.get(f.id.as_str()) {
            pairs.push((i, j));
            old_matched[i] = true;
            new_matched[j] = true;
        }
    }
    // The member tables cost a pass over every group: build them only when
    // some group finding is left to match.
    let unmatched = |findings: &[Finding], matched: &[bool]| {
        findings
            .iter()
            .zip(matched)
            .any(|(f, &m)| !m && !f.group.is_empty())
    };
    let old_members = if unmatched(new, &new_matched) {
        members(old)
    } else {
        FxHashMap::default()
    };
    for (j, f) in new.iter().enumerate() {
        if new_matched[j] || f.group.is_empty() {
            continue;
        }
        if let Some(i) = partner(f, &old_members, old, &old_matched) {
            pairs.push((i, j));
            old_matched[i] = true;
            new_matched[j] = true;
        }
    }
    let new_members = if unmatched(old, &old_matched) {
        members(new)
    } else {
        FxHashMap::default()
    };
    for (i, f) in old.iter().enumerate() {
        if old_matched[i] || f.group.is_empty() {
            continue;
        }
        if let Some(j) = partner(f, &new_members, new, &new_matched) {
            pairs.push((i, j));
            old_matched[i] = true;
            new_matched[j] = true;
        }
    }
    (pairs, old_matched, new_matched)
}

/// The best partner through shared group members: one not matched yet
/// if there is one, then the smallest id.
fn partner(
    f: &Finding,
    members: &FxHashMap<(RuleId, &str), Vec<usize>>,
    others: &[Finding],
    matched: &[bool],
) -> Option<usize> {
    let mut best: Option<usize> = None;
    for member in &f.group {
        for &k in members
            .get(&(f.rule, member.as_str()))
            .into_iter()
            .flatten()
        {
            let better = best.is_none_or(|b| {
                (!matched[k], std::cmp::Reverse(&others[k].id))
                    > (!matched[b], std::cmp::Reverse(&others[b].id))
            });
            if better {
                best = Some(k);
            }
        }
    }
    best
}
