//! What the subcommands share: a checked file ([`Checked`], what every
//! `seams check` format writes) and the `--deny` threshold ([`Deny`]).
//! The output modules (`check`, `sarif`, `markdown`, `diff`) import these;
//! this imports none of them, so the arrows between them point one way.

use crate::file::{self, LoadError, TextOrigin};
use crate::model::Diagram;
use crate::rules::{self, Report, Severity};
use clap::ValueEnum;
use std::path::{Path, PathBuf};

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
    /// The lowest severity that fails.
    #[must_use]
    pub fn severity(self) -> Severity {
        match self {
            Deny::Error => Severity::Error,
            Deny::Warning => Severity::Warning,
            Deny::Info => Severity::Info,
        }
    }
}

/// A file that was checked.
pub struct Checked {
    /// The path as given on the command line.
    pub path: PathBuf,
    /// The diagram's text (for locating elements in SARIF).
    pub text: String,
    /// How many lines of the file come before the text's first line (0 for
    /// a `.ron` file, the lines before its metadata for an SVG), or `None`
    /// when the text's lines are not the file's (a PNG).
    pub line_offset: Option<usize>,
    /// The diagram.
    pub diagram: Diagram,
    /// Its findings.
    pub report: Report,
}

impl Checked {
    /// Reads, loads and checks `path`.
    pub fn load(path: &Path) -> Result<Checked, LoadError> {
        let bytes = file::read_limited(path)?;
        let (text, diagram) = file::load_bytes_with_text(&bytes).map_err(|e| e.in_file(path))?;
        let line_offset = match text.origin {
            TextOrigin::Png => None,
            TextOrigin::Ron | TextOrigin::Svg { .. } => Some(text.line_offset(&bytes)),
        };
        let report = rules::check(&diagram);
        Ok(Checked {
            path: path.to_path_buf(),
            text: text.text,
            line_offset,
            diagram,
            report,
        })
    }
}
