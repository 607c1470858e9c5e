//! `--format markdown` for `seams check` and `seams diff`: GitHub-flavoured
//! Markdown for a pull-request comment, a summary line first, then tables.
//! Written as it is produced.

use super::checked::Checked;
use super::summary::{count, group_of, verdict};
use crate::compare::{Comparison, FindingRecord, MEASURES, delta};
use crate::rules::{Finding, Severity};
use std::io::{self, Write};

/// Rows listed per table of `diff` before the rest are counted: a pull
/// request comment has room for a page, not for ten thousand rows.
const DIFF_ROWS: usize = 100;

/// Text for a table cell: pipes escaped, one line, no raw HTML.
fn cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '|' => out.push_str("\\|"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Code in a table cell: a backtick-free id in backticks.
fn code(text: &str) -> String {
    format!("`{}`", text.replace('`', "'"))
}

const FINDINGS_HEADER: &str = "| severity | rule | message | accepted |\n|---|---|---|---|";

fn finding_row(
    out: &mut impl Write,
    severity: Severity,
    rule: &str,
    message: &str,
    id: &str,
    accepted: Option<&str>,
) -> io::Result<()> {
    writeln!(
        out,
        "| {severity} | {} | {} ({}) | {} |",
        code(rule),
        cell(message),
        code(id),
        accepted.map_or_else(String::new, |reason| format!("yes: {}", cell(reason)))
    )
}

/// `seams check --format markdown`: a summary line, then one table of
/// findings per file.
pub fn write_check(out: &mut impl Write, checked: &[Checked]) -> io::Result<()> {
    let all = || checked.iter().flat_map(|c| &c.report.findings);
    let unaccepted = |severity| {
        all()
            .filter(|f: &&Finding| !f.is_accepted() && f.severity == severity)
            .count()
    };
    writeln!(
        out,
        "**Seams check**: {} checked: {}, {}, {} info, {} accepted",
        count(checked.len(), "file"),
        count(unaccepted(Severity::Error), "error"),
        count(unaccepted(Severity::Warning), "warning"),
        unaccepted(Severity::Info),
        all().filter(|f| f.is_accepted()).count()
    )?;
    for file in checked {
        writeln!(out)?;
        writeln!(out, "#### {}", code(&file.path.display().to_string()))?;
        writeln!(out)?;
        if file.report.findings.is_empty() {
            writeln!(out, "No findings.")?;
            continue;
        }
        writeln!(out, "{FINDINGS_HEADER}")?;
        for f in &file.report.findings {
            finding_row(
                out,
                f.severity,
                f.rule.as_str(),
                &f.message,
                &f.id,
                f.accepted.as_deref(),
            )?;
        }
    }
    Ok(())
}

/// `seams check --format markdown` into a string.
#[must_use]
pub fn check_output(checked: &[Checked]) -> String {
    let mut out = Vec::new();
    // Writing into a vector cannot fail.
    let _ = write_check(&mut out, checked);
    String::from_utf8_lossy(&out).into_owned()
}

fn record_row(out: &mut impl Write, f: &FindingRecord) -> io::Result<()> {
    finding_row(
        out,
        f.severity,
        f.rule,
        &f.message,
        &f.id,
        f.accepted
            .then(|| f.reason.as_deref().unwrap_or("accepted")),
    )
}

fn more(out: &mut impl Write, total: usize) -> io::Result<()> {
    if total > DIFF_ROWS {
        writeln!(
            out,
            "\n…and {} more (`seams diff` without `--format markdown` lists them all).",
            total - DIFF_ROWS
        )?;
    }
    Ok(())
}

/// `seams diff --format markdown`: a summary line, the scorecards side by
/// side, then tables of the finding and element changes.
pub fn write_diff(
    out: &mut impl Write,
    comparison: &Comparison,
    threshold: Severity,
) -> io::Result<()> {
    let f = &comparison.findings;
    let e = &comparison.elements;
    let introduced_errors = f
        .introduced
        .iter()
        .filter(|f| !f.accepted && f.severity == Severity::Error)
        .count();
    writeln!(
        out,
        "**Seams diff** {} → {}: {} introduced ({}), {} resolved, {} changed; elements {} added, {} removed, {} changed, {} moved. {}",
        code(&comparison.old.path),
        code(&comparison.new.path),
        count(f.introduced.len(), "finding"),
        count(introduced_errors, "error"),
        f.resolved.len(),
        f.changed.len(),
        e.added.len(),
        e.removed.len(),
        e.changed.len(),
        e.geometry_changed,
        verdict(comparison, threshold)
    )?;

    let (old, new) = (&comparison.old.scorecard, &comparison.new.scorecard);
    writeln!(out)?;
    writeln!(out, "| scorecard | old | new | change |")?;
    writeln!(out, "|---|--:|--:|--:|")?;
    for (key, label, _) in MEASURES {
        let (a, b) = (old.value(key), new.value(key));
        writeln!(out, "| {label} | {a} | {b} | {} |", delta(a, b))?;
        if key == "largest_blast_radius"
            && old.largest_blast_radius_group != new.largest_blast_radius_group
        {
            writeln!(
                out,
                "| …its group | {} | {} | |",
                code(group_of(old)),
                code(group_of(new))
            )?;
        }
    }

    for (title, list) in [
        ("Findings introduced", &f.introduced),
        ("Findings resolved", &f.resolved),
    ] {
        if list.is_empty() {
            continue;
        }
        writeln!(out, "\n#### {title}\n\n{FINDINGS_HEADER}")?;
        for finding in list.iter().take(DIFF_ROWS) {
            record_row(out, finding)?;
        }
        more(out, list.len())?;
    }
    if !f.changed.is_empty() {
        writeln!(out, "\n#### Findings changed\n")?;
        writeln!(
            out,
            "| severity | rule | message | change |\n|---|---|---|---|"
        )?;
        for changed in f.changed.iter().take(DIFF_ROWS) {
            let n = &changed.new;
            writeln!(
                out,
                "| {} | {} | {} ({}) | {} |",
                n.severity,
                code(n.rule),
                cell(&n.message),
                code(&n.id),
                cell(&changed.what().join(", "))
            )?;
        }
        more(out, f.changed.len())?;
    }

    let rows = e.added.len() + e.removed.len() + e.changed.len();
    if rows > 0 || !comparison.diagram.is_empty() {
        writeln!(out, "\n#### Elements\n")?;
        writeln!(out, "| change | element | fields |\n|---|---|---|")?;
        let lines = e
            .added
            .iter()
            .map(|a| ("added", a.describe(), String::new()))
            .chain(
                e.removed
                    .iter()
                    .map(|r| ("removed", r.describe(), String::new())),
            )
            .chain(
                e.changed
                    .iter()
                    .map(|c| ("changed", c.describe(), c.fields_text())),
            )
            .chain(comparison.diagram.iter().map(|d| {
                (
                    "changed",
                    "diagram".to_owned(),
                    format!("{}: {} → {}", d.field, d.old, d.new),
                )
            }));
        for (change, element, fields) in lines.take(DIFF_ROWS) {
            writeln!(out, "| {change} | {} | {} |", cell(&element), cell(&fields))?;
        }
        more(out, rows + comparison.diagram.len())?;
    }
    Ok(())
}
