//! `seams check FILE... [--format text|json|sarif] [--deny error|warning|info]`.

use crate::file::{self, LoadError};
use crate::model::Diagram;
use crate::rules::{self, Report, Severity};
use clap::{Args, ValueEnum};
use std::fmt::Write as _;
use std::io::Write as _;
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

/// The lowest severity that fails the check.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Deny {
    /// Fail on errors only (the default).
    Error,
    /// Fail on warnings and errors.
    Warning,
    /// Fail on any unaccepted finding.
    Info,
}

impl Deny {
    fn severity(self) -> Severity {
        match self {
            Deny::Error => Severity::Error,
            Deny::Warning => Severity::Warning,
            Deny::Info => Severity::Info,
        }
    }
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

/// A file that was checked.
pub struct Checked {
    /// The path as given on the command line.
    pub path: PathBuf,
    /// The diagram's text (for locating elements in SARIF).
    pub text: String,
    /// The diagram.
    pub diagram: Diagram,
    /// Its findings.
    pub report: Report,
}

/// Loads `path` and returns its text and diagram.
pub fn load_with_text(path: &std::path::Path) -> Result<(String, Diagram), LoadError> {
    let bytes = file::read_limited(path)?;
    let text = file::diagram_text(&bytes).map_err(|e| e.in_file(path))?;
    let diagram = file::load_str(&text).map_err(|e| e.in_file(path))?;
    Ok((text, diagram))
}

/// Runs `seams check`: 0 when nothing unaccepted is at or above `--deny`, 1
/// when something is, 2 when a file could not be read or validated.
#[must_use]
pub fn run(args: &CheckArgs) -> ExitCode {
    let mut checked = Vec::new();
    let mut unreadable = false;
    for path in &args.files {
        match load_with_text(path) {
            Ok((text, diagram)) => {
                let report = rules::check(&diagram);
                checked.push(Checked {
                    path: path.clone(),
                    text,
                    diagram,
                    report,
                });
            }
            Err(error) => {
                eprintln!("error: {error}");
                unreadable = true;
            }
        }
    }
    let output = match args.format {
        Format::Text => text_output(&checked),
        Format::Json => json_output(&checked),
        Format::Sarif => super::sarif::sarif_output(&checked),
        Format::Markdown => super::markdown::check_output(&checked),
    };
    let mut stdout = std::io::stdout().lock();
    if stdout.write_all(output.as_bytes()).is_err() {
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

/// `PATH: SEVERITY: MESSAGE [FINDING-ID]` lines, grouped by file, then a count.
#[must_use]
pub fn text_output(checked: &[Checked]) -> String {
    let mut out = String::new();
    let (mut errors, mut warnings, mut infos, mut accepted) = (0, 0, 0, 0);
    for file in checked {
        let path = file.path.display();
        for finding in &file.report.findings {
            let _ = writeln!(
                out,
                "{path}: {}: {} [{}]{}",
                finding.severity,
                finding.message,
                finding.id,
                if finding.is_accepted() {
                    " (accepted)"
                } else {
                    ""
                }
            );
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
    let _ = writeln!(
        out,
        "{} checked: {}, {}, {} info, {} accepted",
        plural(checked.len(), "file"),
        plural(errors, "error"),
        plural(warnings, "warning"),
        infos,
        accepted
    );
    out
}

/// The JSON object docs/rules.md and the README specify.
#[must_use]
pub fn json_output(checked: &[Checked]) -> String {
    let files: Vec<serde_json::Value> = checked
        .iter()
        .map(|file| {
            let findings: Vec<serde_json::Value> = file
                .report
                .findings
                .iter()
                .map(|f| {
                    serde_json::json!({
                        "id": f.id,
                        "rule": f.rule.as_str(),
                        "severity": f.severity.as_str(),
                        "category": f.category.as_str(),
                        "message": f.message,
                        "explanation": f.explanation,
                        "elements": f.elements,
                        "accepted": f.is_accepted(),
                    })
                })
                .collect();
            serde_json::json!({
                "path": file.path.display().to_string(),
                "findings": findings,
            })
        })
        .collect();
    let mut text = serde_json::json!({ "files": files }).to_string();
    text.push('\n');
    text
}
