//! `seams check FILE... [--format text|json|sarif] [--deny error|warning|info]`.
//!
//! Every format is written as it is produced, through a buffer, to standard
//! output: no document is built in memory first. JSON and SARIF go through
//! `serde` with structs that borrow from the findings.

pub use super::checked::{Checked, Deny};
use super::terminal::{printable, printable_lines};
use crate::rules::{Finding, Severity};
use clap::{Args, ValueEnum};
use serde::{Serialize, Serializer};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Output format of `seams check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// One line per finding, grouped by file, then a count line.
    Text,
    /// One JSON object with every file's findings.
    Json,
    /// SARIF 2.1.0 for code-scanning dashboards.
    Sarif,
    /// GitHub-flavoured Markdown for a pull-request comment.
    Markdown,
}

/// Arguments of `seams check`.
#[derive(Args, Debug)]
pub struct CheckArgs {
    /// Diagram files: .ron, or PNG/SVG exported by Seams.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Exit 1 when an unaccepted finding is at or above this severity.
    #[arg(long, value_enum, default_value_t = Deny::Error)]
    pub deny: Deny,
}

/// Runs `seams check`: 0 when nothing unaccepted is at or above `--deny`, 1
/// when something is, 2 when a file could not be read or validated or the
/// output could not be written (each reason on stderr).
#[must_use]
pub fn run(args: &CheckArgs) -> ExitCode {
    let mut checked = Vec::new();
    let mut unreadable = false;
    for path in &args.files {
        match Checked::load(path) {
            Ok(file) => checked.push(file),
            Err(error) => {
                eprintln!("error: {}", printable_lines(&error.to_string()));
                unreadable = true;
            }
        }
    }
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let written = match args.format {
        Format::Text => write_text(&mut out, &checked),
        Format::Json => write_json(&mut out, &checked),
        Format::Sarif => super::sarif::write_sarif(&mut out, &checked),
        Format::Markdown => super::markdown::write_check(&mut out, &checked),
    }
    .and_then(|()| out.flush());
    if let Err(error) = written {
        eprintln!("error: cannot write the report to standard output: {error}");
        return ExitCode::from(2);
    }
    let threshold = args.deny.severity();
    let denied = checked.iter().any(|c| {
        c.report
            .findings
            .iter()
            .any(|f| !f.is_accepted() && f.severity >= threshold)
    });
    if unreadable {
        ExitCode::from(2)
    } else if denied {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Writes `PATH: SEVERITY: MESSAGE [FINDING-ID]` lines, grouped by file,
/// then a count. Control characters in paths, messages and ids are
/// escaped (see [`printable`]).
pub fn write_text(out: &mut impl Write, checked: &[Checked]) -> std::io::Result<()> {
    let (mut errors, mut warnings, mut infos, mut accepted) = (0, 0, 0, 0);
    for file in checked {
        let path = file.path.display().to_string();
        let path = printable(&path);
        for finding in &file.report.findings {
            writeln!(
                out,
                "{path}: {}: {} [{}]{}",
                finding.severity,
                printable(&finding.message),
                printable(&finding.id),
                if finding.is_accepted() {
                    " (accepted)"
                } else {
                    ""
                }
            )?;
            if finding.is_accepted() {
                accepted += 1;
            } else {
                match finding.severity {
                    Severity::Error => errors += 1,
                    Severity::Warning => warnings += 1,
                    Severity::Info => infos += 1,
                }
            }
        }
    }
    let plural = |n: usize, word: &str| {
        if n == 1 {
            format!("{n} {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    writeln!(
        out,
        "{} checked: {}, {}, {} info, {} accepted",
        plural(checked.len(), "file"),
        plural(errors, "error"),
        plural(warnings, "warning"),
        infos,
        accepted
    )
}

/// The text format as a string (see [`write_text`]).
#[must_use]
pub fn text_output(checked: &[Checked]) -> String {
    to_string(|out| write_text(out, checked))
}

/// Writes the JSON object the README and docs/rules.md specify, finding by
/// finding.
pub fn write_json(out: &mut impl Write, checked: &[Checked]) -> std::io::Result<()> {
    serde_json::to_writer(&mut *out, &JsonReport { files: checked })?;
    out.write_all(b"\n")
}

/// The JSON format as a string (see [`write_json`]).
#[must_use]
pub fn json_output(checked: &[Checked]) -> String {
    to_string(|out| write_json(out, checked))
}

fn to_string(write: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>) -> String {
    let mut out = Vec::new();
    // Writing to memory cannot fail; the output is UTF-8 by construction.
    let _ = write(&mut out);
    String::from_utf8_lossy(&out).into_owned()
}

/// `{"files": [...]}`, each file's findings serialized as they are reached.
#[derive(Serialize)]
struct JsonReport<'a> {
    #[serde(serialize_with = "json_files")]
    files: &'a [Checked],
}

fn json_files<S: Serializer>(files: &&[Checked], serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_seq(files.iter().map(|file| JsonFile {
        path: file.path.to_string_lossy(),
        findings: JsonFindings(&file.report.findings),
    }))
}

#[derive(Serialize)]
struct JsonFile<'a> {
    path: std::borrow::Cow<'a, str>,
    findings: JsonFindings<'a>,
}

struct JsonFindings<'a>(&'a [Finding]);

impl Serialize for JsonFindings<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(|f| JsonFinding {
            id: &f.id,
            rule: f.rule.as_str(),
            severity: f.severity.as_str(),
            category: f.category.as_str(),
            message: &f.message,
            explanation: f.explanation,
            elements: JsonElements(f),
            accepted: f.is_accepted(),
        }))
    }
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    id: &'a str,
    rule: &'a str,
    severity: &'a str,
    category: &'a str,
    message: &'a str,
    explanation: &'a str,
    elements: JsonElements<'a>,
    accepted: bool,
}

struct JsonElements<'a>(&'a Finding);

impl Serialize for JsonElements<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.elements.iter())
    }
}
