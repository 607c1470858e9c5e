//! Phrases the text and Markdown outputs of `seams diff` share: counts,
//! the blast-radius group, the verdict.

use crate::compare::{Comparison, Scorecard};
use crate::rules::Severity;

/// "3 things" or "1 thing".
pub(super) fn count(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else if let Some(stem) = word.strip_suffix('y') {
        format!("{n} {stem}ies")
    } else {
        format!("{n} {word}s")
    }
}

/// The group behind the largest blast radius, or "none".
pub(super) fn group_of(card: &Scorecard) -> &str {
    card.largest_blast_radius_group.as_deref().unwrap_or("none")
}

/// The summary of introduced findings against the threshold.
pub(super) fn verdict(comparison: &Comparison, threshold: Severity) -> String {
    let denied: Vec<&str> = comparison
        .denied(threshold)
        .map(|f| f.id.as_str())
        .collect();
    if denied.is_empty() {
        format!("No introduced finding at or above {threshold}.")
    } else {
        format!(
            "{} at or above {threshold}: {}",
            count(denied.len(), "introduced finding"),
            denied.join(", ")
        )
    }
}
