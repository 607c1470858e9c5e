//! `seams diff OLD NEW [--format text|json|markdown] [--deny error|warning|info]`:
//! what changed between two diagrams, and what it did.
//!
//! Exits 0 when no introduced unaccepted finding is at or above `--deny`
//! (default `error`), 1 when one is, 2 when a diagram cannot be read or
//! validated (each reason on stderr). Old findings that are still there
//! never fail it: CI gates a pull request on what it adds.

use super::checked::Deny;
use super::summary::{group_of, verdict};
use crate::compare::{Comparison, FindingRecord, MEASURES, delta};
use crate::file;
use crate::rules::Severity;
use clap::{Args, ValueEnum};
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Output format of `seams diff`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// The scorecards side by side, then the changes, one per line.
    Text,
    /// One JSON object (DESIGN.md, `seams diff`).
    Json,
    /// GitHub-flavoured Markdown for a pull-request comment.
    Markdown,
}

/// Arguments of `seams diff`.
#[derive(Args, Debug)]
pub struct DiffArgs {
    /// The old diagram (the base): .ron, or a PNG/SVG exported by Seams.
    #[arg(value_name = "OLD")]
    pub old: PathBuf,
    /// The new diagram: .ron, or a PNG/SVG exported by Seams.
    #[arg(value_name = "NEW")]
    pub new: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Exit 1 when an introduced, unaccepted finding is at or above this
    /// severity.
    #[arg(long, value_enum, default_value_t = Deny::Error)]
    pub deny: Deny,
}

/// Runs `seams diff`: 0, 1 or 2 as the module docs say.
#[must_use]
pub fn run(args: &DiffArgs) -> ExitCode {
    let (old, new) = (file::load_path(&args.old), file::load_path(&args.new));
    let (old, new) = match (old, new) {
        (Ok(old), Ok(new)) => (old, new),
        (old, new) => {
            for error in [old.err(), new.err()].into_iter().flatten() {
                eprintln!("error: {error}");
            }
            return ExitCode::from(2);
        }
    };
    let comparison = Comparison::between(
        &args.old.display().to_string(),
        &old,
        &args.new.display().to_string(),
        &new,
    );
    let threshold = args.deny.severity();
    let mut out = io::BufWriter::new(io::stdout().lock());
    let written = match args.format {
        Format::Text => write_text(&mut out, &comparison, threshold),
        Format::Json => serde_json::to_writer(&mut out, &comparison)
            .map_err(io::Error::from)
            .and_then(|()| out.write_all(b"\n")),
        Format::Markdown => super::markdown::write_diff(&mut out, &comparison, threshold),
    };
    if written.and_then(|()| out.flush()).is_err() {
        return ExitCode::from(2);
    }
    if comparison.denied(threshold).next().is_some() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// "error: MESSAGE [ID] (accepted)".
fn finding_line(f: &FindingRecord) -> String {
    format!(
        "{}: {} [{}]{}",
        f.severity,
        f.message,
        f.id,
        if f.accepted { " (accepted)" } else { "" }
    )
}

/// The text output: both paths, the scorecards side by side, the element
/// and finding changes one per line, and the verdict.
pub fn write_text(
    out: &mut impl Write,
    comparison: &Comparison,
    threshold: Severity,
) -> io::Result<()> {
    let (old, new) = (&comparison.old.scorecard, &comparison.new.scorecard);
    writeln!(out, "old: {}", comparison.old.path)?;
    writeln!(out, "new: {}", comparison.new.path)?;
    writeln!(out)?;
    writeln!(
        out,
        "{:<28}{:>8}{:>8}{:>8}",
        "scorecard", "old", "new", "change"
    )?;
    for (key, label, _) in MEASURES {
        let (a, b) = (old.value(key), new.value(key));
        let label = if key == "compatibility_unversioned" {
            format!("  {label}")
        } else {
            label.to_owned()
        };
        let line = format!("{label:<28}{a:>8}{b:>8}{:>8}", delta(a, b));
        writeln!(out, "{}", line.trim_end())?;
        if key == "largest_blast_radius" {
            writeln!(out, "  old group: {}", group_of(old))?;
            writeln!(out, "  new group: {}", group_of(new))?;
        }
    }

    let e = &comparison.elements;
    writeln!(out)?;
    writeln!(
        out,
        "Elements: {} added, {} removed, {} changed, {} moved or resized",
        e.added.len(),
        e.removed.len(),
        e.changed.len(),
        e.geometry_changed
    )?;
    for entry in &e.added {
        writeln!(out, "  added    {}", entry.describe())?;
    }
    for entry in &e.removed {
        writeln!(out, "  removed  {}", entry.describe())?;
    }
    for element in &e.changed {
        writeln!(
            out,
            "  changed  {}: {}",
            element.describe(),
            element.fields_text()
        )?;
    }
    if !comparison.diagram.is_empty() {
        writeln!(out, "Diagram settings:")?;
        for field in &comparison.diagram {
            writeln!(out, "  {}: {} → {}", field.field, field.old, field.new)?;
        }
    }

    let f = &comparison.findings;
    writeln!(out)?;
    writeln!(
        out,
        "Findings: {} introduced, {} resolved, {} changed",
        f.introduced.len(),
        f.resolved.len(),
        f.changed.len()
    )?;
    for finding in &f.introduced {
        writeln!(out, "  introduced  {}", finding_line(finding))?;
    }
    for finding in &f.resolved {
        writeln!(out, "  resolved    {}", finding_line(finding))?;
    }
    for changed in &f.changed {
        writeln!(
            out,
            "  changed     {} ({})",
            finding_line(&changed.new),
            changed.what().join(", ")
        )?;
    }
    writeln!(out)?;
    writeln!(out, "{}", verdict(comparison, threshold))
}
