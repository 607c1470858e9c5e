//! What a check produces: findings with ids, severities and suggested fixes.

use crate::model::{Category, Fix, RuleId};
use serde::Serialize;
use std::sync::Arc;

/// How serious a finding is. Ordered `Info < Warning < Error`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing.
    Info,
    /// Probably wrong.
    Warning,
    /// Wrong.
    Error,
}

impl Severity {
    /// `info`, `warning` or `error`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// Every severity, worst first.
    pub const WORST_FIRST: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Info];
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The ids a finding concerns: the one in the finding's id first, then the
/// others sorted by Unicode code point.
///
/// Long lists share their storage: a blast radius is kept once for every
/// untrusted module that has it, as positions in one table of ids, so a
/// check of a large diagram does not copy every reached id into every
/// finding. Cloning is cheap. Iterate with [`Elements::iter`] (or
/// `for id in &finding.elements`); compare with arrays or vectors of ids.
#[derive(Clone, Default)]
pub struct Elements {
    /// The id in the finding's id; `None` only when there are no elements.
    head: Option<String>,
    /// The other ids.
    tail: Tail,
}

/// The ids after the first.
#[derive(Clone, Default)]
enum Tail {
    /// None.
    #[default]
    Empty,
    /// The ids themselves.
    Owned(Arc<[String]>),
    /// The union of two disjoint, sorted lists of positions in a shared
    /// table of ids (itself sorted), all three shared between findings.
    Indexed {
        table: Arc<[String]>,
        base: Arc<[u32]>,
        extra: Arc<[u32]>,
    },
}

/// Merges two sorted lists of positions.
pub(crate) fn merge_sorted<'a>(a: &'a [u32], b: &'a [u32]) -> MergeSorted<'a> {
    MergeSorted { a, b }
}

/// The iterator of [`merge_sorted`].
#[derive(Clone, Debug)]
pub(crate) struct MergeSorted<'a> {
    a: &'a [u32],
    b: &'a [u32],
}

impl Iterator for MergeSorted<'_> {
    type Item = u32;

    fn next(&mut self) -> Option<u32> {
        let take_a = match (self.a.first(), self.b.first()) {
            (Some(x), Some(y)) => x <= y,
            (Some(_), None) => true,
            (None, _) => false,
        };
        let side = if take_a { &mut self.a } else { &mut self.b };
        let (&first, rest) = side.split_first()?;
        *side = rest;
        Some(first)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.a.len() + self.b.len();
        (n, Some(n))
    }
}

impl ExactSizeIterator for MergeSorted<'_> {}

/// The iterator of [`Elements::iter`].
#[derive(Clone, Debug)]
pub struct ElementsIter<'a> {
    head: Option<&'a String>,
    tail: TailIter<'a>,
}

#[derive(Clone, Debug)]
enum TailIter<'a> {
    Owned(std::slice::Iter<'a, String>),
    Indexed {
        table: &'a [String],
        positions: MergeSorted<'a>,
    },
}

impl<'a> Iterator for ElementsIter<'a> {
    type Item = &'a String;

    fn next(&mut self) -> Option<&'a String> {
        if let Some(head) = self.head.take() {
            return Some(head);
        }
        match &mut self.tail {
            TailIter::Owned(ids) => ids.next(),
            TailIter::Indexed { table, positions } => {
                positions.next().and_then(|p| table.get(p as usize))
            }
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let rest = match &self.tail {
            TailIter::Owned(ids) => ids.len(),
            TailIter::Indexed { positions, .. } => positions.len(),
        };
        let n = rest + usize::from(self.head.is_some());
        (n, Some(n))
    }
}

impl ExactSizeIterator for ElementsIter<'_> {}

impl Elements {
    /// `head` followed by `tail` (which the caller keeps sorted).
    #[must_use]
    pub fn new(head: impl Into<String>, tail: Vec<String>) -> Self {
        Elements {
            head: Some(head.into()),
            tail: if tail.is_empty() {
                Tail::Empty
            } else {
                Tail::Owned(tail.into())
            },
        }
    }

    /// `head` followed by the ids of `table` at the positions in `base` and
    /// `extra` (each sorted, disjoint; `table` sorted by id), merged in
    /// order. All three stay shared.
    #[must_use]
    pub fn indexed(
        head: impl Into<String>,
        table: Arc<[String]>,
        base: Arc<[u32]>,
        extra: Arc<[u32]>,
    ) -> Self {
        Elements {
            head: Some(head.into()),
            tail: if base.is_empty() && extra.is_empty() {
                Tail::Empty
            } else {
                Tail::Indexed { table, base, extra }
            },
        }
    }

    /// No elements (a `stale-acceptance` finding).
    #[must_use]
    pub fn none() -> Self {
        Self::default()
    }

    /// How many ids there are.
    #[must_use]
    pub fn len(&self) -> usize {
        self.iter().len()
    }

    /// Whether there are none.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.head.is_none()
    }

    /// The id in the finding's id.
    #[must_use]
    pub fn first(&self) -> Option<&String> {
        self.head.as_ref()
    }

    /// The id at `index`, if there is one (walks the list: O(index)).
    #[must_use]
    pub fn get(&self, index: usize) -> Option<&String> {
        self.iter().nth(index)
    }

    /// The ids in order.
    #[must_use]
    pub fn iter(&self) -> ElementsIter<'_> {
        ElementsIter {
            head: self.head.as_ref(),
            tail: match &self.tail {
                Tail::Empty => TailIter::Owned([].iter()),
                Tail::Owned(ids) => TailIter::Owned(ids.iter()),
                Tail::Indexed { table, base, extra } => TailIter::Indexed {
                    table,
                    positions: merge_sorted(base, extra),
                },
            },
        }
    }

    /// Whether `id` is one of the ids.
    #[must_use]
    pub fn contains(&self, id: &str) -> bool {
        self.iter().any(|e| e == id)
    }

    /// The ids as a vector.
    #[must_use]
    pub fn to_vec(&self) -> Vec<String> {
        self.iter().cloned().collect()
    }
}

impl<'a> IntoIterator for &'a Elements {
    type Item = &'a String;
    type IntoIter = ElementsIter<'a>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl FromIterator<String> for Elements {
    fn from_iter<I: IntoIterator<Item = String>>(iter: I) -> Self {
        let mut iter = iter.into_iter();
        match iter.next() {
            None => Elements::none(),
            Some(head) => Elements::new(head, iter.collect()),
        }
    }
}

impl<'s> FromIterator<&'s str> for Elements {
    fn from_iter<I: IntoIterator<Item = &'s str>>(iter: I) -> Self {
        iter.into_iter().map(str::to_owned).collect()
    }
}

impl From<Vec<String>> for Elements {
    fn from(ids: Vec<String>) -> Self {
        ids.into_iter().collect()
    }
}

impl std::ops::Index<usize> for Elements {
    type Output = String;

    fn index(&self, index: usize) -> &String {
        match self.get(index) {
            Some(id) => id,
            None => panic!(
                "element index {index} out of range for {} elements",
                self.len()
            ),
        }
    }
}

impl std::fmt::Debug for Elements {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl PartialEq for Elements {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl Eq for Elements {}

impl<S: AsRef<str>> PartialEq<[S]> for Elements {
    fn eq(&self, other: &[S]) -> bool {
        self.len() == other.len() && self.iter().zip(other).all(|(a, b)| a == b.as_ref())
    }
}

impl<S: AsRef<str>, const N: usize> PartialEq<[S; N]> for Elements {
    fn eq(&self, other: &[S; N]) -> bool {
        *self == other[..]
    }
}

impl<S: AsRef<str>> PartialEq<Vec<S>> for Elements {
    fn eq(&self, other: &Vec<S>) -> bool {
        *self == other[..]
    }
}

impl Serialize for Elements {
    fn serialize<Ser: serde::Serializer>(&self, serializer: Ser) -> Result<Ser::Ok, Ser::Error> {
        serializer.collect_seq(self.iter())
    }
}

/// One thing a rule found.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    /// `rule@element`, stable across runs.
    pub id: String,
    /// The rule that fired.
    pub rule: RuleId,
    /// Severity after overrides.
    pub severity: Severity,
    /// The rule's category.
    pub category: Category,
    /// One line naming the elements by name.
    pub message: String,
    /// The principle behind the rule and how to fix it.
    pub explanation: &'static str,
    /// Ids concerned: the one in the finding id first, then the rest sorted.
    pub elements: Elements,
    /// The acceptance reason, when the finding is accepted.
    pub accepted: Option<String>,
    /// A fix the editor can apply, where one exists.
    pub fix: Option<Fix>,
    /// For a rule that reports a group (one cause shared by several
    /// elements), the members, sorted: an acceptance `rule@member` matches
    /// the finding through any of them. Empty for other rules.
    pub group: Vec<String>,
}

impl Finding {
    /// The same finding, reporting the group `members` (sorted here).
    #[must_use]
    pub fn with_group(mut self, mut members: Vec<String>) -> Self {
        members.sort_unstable();
        self.group = members;
        self
    }

    /// Whether the finding is accepted.
    #[must_use]
    pub fn is_accepted(&self) -> bool {
        self.accepted.is_some()
    }
}

/// The result of [`crate::rules::check`]: every finding, sorted by severity
/// (error first), then rule id, then finding id.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Report {
    /// The findings, sorted.
    pub findings: Vec<Finding>,
}

impl Report {
    /// How many unaccepted findings have `severity`.
    #[must_use]
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity && !f.is_accepted())
            .count()
    }

    /// How many findings are accepted.
    #[must_use]
    pub fn accepted_count(&self) -> usize {
        self.findings.iter().filter(|f| f.is_accepted()).count()
    }

    /// The worst severity among unaccepted findings.
    #[must_use]
    pub fn worst(&self) -> Option<Severity> {
        self.findings
            .iter()
            .filter(|f| !f.is_accepted())
            .map(|f| f.severity)
            .max()
    }

    /// The findings that concern the element `id`.
    pub fn for_element<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Finding> + 'a {
        self.findings
            .iter()
            .filter(move |f| f.elements.iter().any(|e| e == id))
    }
}

/// What the rule catalogue says about one rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RuleInfo {
    /// The rule.
    pub id: RuleId,
    /// One line: what the rule looks for.
    pub summary: &'static str,
    /// The principle behind the rule and how to fix what it finds.
    pub explanation: &'static str,
    /// The default severity; for rules whose severity depends on the finding
    /// (e.g. error if a side is untrusted, else warning), the highest.
    pub default_severity: Severity,
    /// The default severity as docs/rules.md words it ("error if a side is
    /// Untrusted, else warning").
    pub default_text: &'static str,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elements_iterate_compare_and_serialize_as_a_list() {
        let table: Arc<[String]> = vec!["b".to_owned(), "c".to_owned(), "d".to_owned()].into();
        let base: Arc<[u32]> = vec![1].into();
        let extra: Arc<[u32]> = vec![0].into();
        let one = Elements::indexed(
            "a",
            Arc::clone(&table),
            Arc::clone(&base),
            Arc::clone(&extra),
        );
        let two = Elements::indexed("z", table, base, extra);
        assert_eq!(one, ["a", "b", "c"]);
        assert_eq!(two, vec!["z", "b", "c"]);
        assert_ne!(one, two);
        assert_eq!(one.len(), 3);
        assert_eq!(one.first().map(String::as_str), Some("a"));
        assert_eq!(one[2], "c");
        assert_eq!(one.get(3), None);
        assert!(one.contains("b") && !one.contains("z"));
        assert_eq!((&one).into_iter().count(), 3);
        assert_eq!(
            serde_json::to_string(&one).expect("serializes"),
            r#"["a","b","c"]"#
        );
        assert_eq!(format!("{one:?}"), r#"["a", "b", "c"]"#);
        let collected: Elements = ["a", "b", "c"].into_iter().collect();
        assert_eq!(collected, one);
        assert_eq!(Elements::from(one.to_vec()), one);
        assert_eq!(Elements::new("a", vec!["b".into(), "c".into()]), one);
        assert_eq!(Elements::new("a", Vec::new()), ["a"]);
        let none = Elements::none();
        assert!(none.is_empty() && none.first().is_none());
        assert_eq!(none.len(), 0);
        assert_eq!(none, Vec::<String>::new());
    }
}
