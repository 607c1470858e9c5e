//! The `//` comment lines a recovery file starts with: who wrote it, when,
//! and which document it holds.

use super::super::{FileFormat, Location, UNTITLED};
use super::HEADER_VERSION;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// The metadata written before the diagram.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Header {
    pub(crate) original: Option<PathBuf>,
    pub(crate) name: String,
    pub(crate) saved_at: SystemTime,
    pub(crate) image: bool,
}

impl Header {
    /// The header for a document at `location` named `name`.
    pub(crate) fn new(location: &Location, name: String, saved_at: SystemTime) -> Self {
        let (original, image) = match location {
            Location::File { path, format } => (Some(path.clone()), *format == FileFormat::Image),
            Location::Untitled { .. } => (None, false),
        };
        Header {
            original,
            name,
            saved_at,
            image,
        }
    }

    /// Where the recovered document belongs.
    pub(crate) fn location(&self) -> Location {
        match &self.original {
            Some(path) => Location::File {
                path: path.clone(),
                format: if self.image {
                    FileFormat::Image
                } else {
                    FileFormat::Ron
                },
            },
            None => Location::Untitled {
                name: self.name.clone(),
            },
        }
    }

    pub(super) fn render(&self) -> String {
        let mut out = String::from("// Seams recovery file: unsaved changes kept by autosave.\n");
        let _ = writeln!(out, "// seams-recovery: {HEADER_VERSION}");
        let _ = writeln!(out, "// pid: {}", std::process::id());
        let _ = writeln!(out, "// saved-at-ms: {}", unix_ms(self.saved_at));
        let _ = writeln!(out, "// name: {}", ron_string(&self.name));
        if let Some(original) = self.original.as_deref().and_then(Path::to_str) {
            let _ = writeln!(out, "// original: {}", ron_string(original));
        }
        if self.image {
            out.push_str("// image: true\n");
        }
        out
    }

    pub(super) fn parse(text: &str) -> Result<Self, String> {
        let mut version = None;
        let mut saved_at = None;
        let mut name = None;
        let mut original = None;
        let mut image = false;
        for line in text.lines() {
            let Some(rest) = line.strip_prefix("// ") else {
                break;
            };
            let Some((key, value)) = rest.split_once(": ") else {
                continue;
            };
            let string = |value: &str| {
                ron::from_str::<String>(value)
                    .map_err(|e| format!("bad `{key}` in the header: {e}"))
            };
            match key {
                "seams-recovery" => version = value.trim().parse::<u32>().ok(),
                "saved-at-ms" => {
                    let ms = value
                        .trim()
                        .parse::<u64>()
                        .map_err(|_| format!("bad `saved-at-ms` in the header: {value}"))?;
                    saved_at = Some(SystemTime::UNIX_EPOCH + Duration::from_millis(ms));
                }
                "name" => name = Some(string(value)?),
                "original" => original = Some(PathBuf::from(string(value)?)),
                "image" => image = value.trim() == "true",
                _ => {}
            }
        }
        match version {
            Some(HEADER_VERSION) => {}
            Some(other) => {
                return Err(format!(
                    "written by a newer Seams (recovery format {other})"
                ));
            }
            None => return Err("not a Seams recovery file (no `seams-recovery` header)".to_owned()),
        }
        let saved_at = saved_at.ok_or("no `saved-at-ms` in the header")?;
        let name = name.unwrap_or_else(|| UNTITLED.to_owned());
        Ok(Header {
            original,
            name,
            saved_at,
            image,
        })
    }
}

/// A RON string literal for `text` (one line: newlines are escaped).
fn ron_string(text: &str) -> String {
    ron::to_string(text).unwrap_or_else(|_| "\"\"".to_owned())
}

pub(super) fn unix_ms(time: SystemTime) -> u64 {
    time.duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_round_trips() {
        let header = Header {
            original: Some(PathBuf::from("/home/ada/odd \"name\"\nx.ron")),
            name: "odd.ron".to_owned(),
            saved_at: SystemTime::UNIX_EPOCH + Duration::from_millis(1_767_225_600_123),
            image: true,
        };
        let text = header.render();
        assert!(text.lines().all(|l| l.starts_with("// ")), "{text}");
        assert_eq!(Header::parse(&text), Ok(header));
    }

    #[test]
    fn header_must_be_there() {
        let err = Header::parse("#![enable(implicit_some)]\n(format: \"seams\", version: 1)")
            .expect_err("no header");
        assert!(err.contains("not a Seams recovery file"), "{err}");
        let err = Header::parse("// seams-recovery: 7\n// saved-at-ms: 1\n").expect_err("too new");
        assert!(err.contains("newer Seams"), "{err}");
    }
}
