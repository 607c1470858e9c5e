//! Diagram files: RON load and save (format versions 1 and 2), atomic writes, and
//! diagrams embedded in exported PNG and SVG images.
//!
//! Loading never panics and never half-loads: it either returns a valid
//! [`Diagram`] or a [`LoadError`] that names the file and the line:column or
//! element at fault.

pub mod embedded;
mod raw;
mod save;
pub mod scan;

pub use save::{NotRegularFile, save, to_ron_string, write_atomically};
pub use scan::{Definitions, has_comments};

use crate::model::{Diagram, validate, validate_geometry};
use std::fmt;
use std::path::{Path, PathBuf};

/// The newest file format version this program reads and writes. Version 2
/// adds `third_party` on modules and the `Load` interface kind; the saver
/// writes version 1 while a diagram uses neither (see `docs/file-format.md`).
pub const FORMAT_VERSION: u64 = 2;

/// Files larger than this are rejected unread (64 MiB).
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// A position in a file, 1-based.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineCol {
    /// Line, from 1.
    pub line: usize,
    /// Column, from 1.
    pub col: usize,
}

impl fmt::Display for LineCol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.col)
    }
}

/// What went wrong while loading.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadErrorKind {
    /// The file could not be read.
    Io(String),
    /// The file is over [`MAX_FILE_BYTES`]: its size when known (a pipe or
    /// device has none; it was read up to the limit and no further).
    TooLarge(Option<u64>),
    /// RON syntax or structure (unknown field, unknown enum value, ...).
    Syntax(String),
    /// `format` is not `"seams"`.
    NotSeams(String),
    /// `version` is newer than [`FORMAT_VERSION`] (or zero).
    Version(u64),
    /// The diagram breaks an invariant (reference, id, kind, cycle, ...).
    Invalid(String),
    /// An image that carries no diagram, or a damaged one.
    Embedded(embedded::EmbedError),
}

/// A file that could not be loaded, with where the problem is.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub struct LoadError {
    /// The file, when loading from one.
    pub path: Option<PathBuf>,
    /// Line and column of the problem, when known.
    pub location: Option<LineCol>,
    /// The element at fault (`module \`png\``), when known.
    pub element: Option<String>,
    /// What went wrong.
    pub kind: LoadErrorKind,
    /// `location` is a line and column of the diagram text inside a PNG,
    /// which has no lines of its own. (In an SVG the location is already
    /// the file's own line and column.)
    pub in_png_text: bool,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.path {
            Some(path) => write!(f, "{}", path.display())?,
            None => f.write_str("<diagram>")?,
        }
        if let Some(location) = self.location {
            if self.in_png_text {
                write!(f, " (embedded diagram, line {location})")?;
            } else {
                write!(f, ":{location}")?;
            }
        }
        f.write_str(": ")?;
        if let Some(element) = &self.element {
            write!(f, "{element}: ")?;
        }
        match &self.kind {
            LoadErrorKind::Io(message) => write!(f, "cannot read the file: {message}"),
            LoadErrorKind::TooLarge(Some(bytes)) => write!(
                f,
                "the file is {bytes} bytes; Seams reads diagrams of at most {MAX_FILE_BYTES} bytes"
            ),
            LoadErrorKind::TooLarge(None) => write!(
                f,
                "the file is larger than {MAX_FILE_BYTES} bytes, the most Seams reads (it was read that far and no further)"
            ),
            LoadErrorKind::Syntax(message) | LoadErrorKind::Invalid(message) => {
                f.write_str(message)
            }
            LoadErrorKind::NotSeams(format) => write!(
                f,
                "`format` is {format:?}, not \"seams\": this is not a Seams diagram"
            ),
            LoadErrorKind::Version(version) if *version > FORMAT_VERSION => write!(
                f,
                "version {version} was written by a newer Seams; this one reads version {FORMAT_VERSION}. Update Seams to open it"
            ),
            LoadErrorKind::Version(version) => write!(
                f,
                "version {version} is not a Seams format version; this one reads version {FORMAT_VERSION}"
            ),
            LoadErrorKind::Embedded(error) => write!(f, "{error}"),
        }
    }
}

impl LoadError {
    fn new(kind: LoadErrorKind) -> Self {
        LoadError {
            path: None,
            location: None,
            element: None,
            kind,
            in_png_text: false,
        }
    }

    /// The same error, naming `path` as the file.
    #[must_use]
    pub fn in_file(mut self, path: &Path) -> Self {
        self.path = Some(path.to_path_buf());
        self
    }
}

/// Parses and validates diagram text with `ron`, so every syntax error
/// comes with its line and column. A UTF-8 byte order mark at the start is
/// skipped (some Windows editors write one).
pub fn load_str(text: &str) -> Result<Diagram, LoadError> {
    let text = text.strip_prefix(BOM).unwrap_or(text);
    if text.len() as u64 > MAX_FILE_BYTES {
        return Err(LoadError::new(LoadErrorKind::TooLarge(Some(
            text.len() as u64
        ))));
    }
    let options = ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .with_recursion_limit(64);
    let syntax = |e: ron::error::SpannedError| LoadError {
        location: Some(LineCol {
            line: e.span.start.line,
            col: e.span.start.col,
        }),
        ..LoadError::new(LoadErrorKind::Syntax(format!("syntax error: {}", e.code)))
    };
    // One strict pass in the common case. Only when it fails is the header
    // read on its own, so that a newer or foreign file is reported as such
    // rather than by the first field this version does not know.
    let raw: raw::RawDiagram = match options.from_str(text) {
        Ok(raw) => raw,
        Err(error) => {
            if let Ok(header) = options.from_str::<raw::RawHeader>(text) {
                check_header(text, header.format.as_deref(), header.version)?;
            }
            return Err(syntax(error));
        }
    };
    check_header(text, Some(&raw.format), Some(raw.version))?;
    into_valid_model(text, raw)
}

/// Applies defaults and validates, the geometry limits included; errors
/// are located in `text`.
fn into_valid_model(text: &str, raw: raw::RawDiagram) -> Result<Diagram, LoadError> {
    let diagram = raw.into_model();
    let checked = validate(&diagram).and_then(|()| validate_geometry(&diagram));
    checked.map_err(|e| LoadError {
        location: e
            .id
            .as_deref()
            .and_then(|id| find_nth_id(text, id, e.occurrence)),
        element: Some(e.element),
        ..LoadError::new(LoadErrorKind::Invalid(e.message))
    })?;
    Ok(diagram)
}

/// Rejects a `format` other than `"seams"` and versions this program does
/// not read.
fn check_header(text: &str, format: Option<&str>, version: Option<u64>) -> Result<(), LoadError> {
    match format {
        Some("seams") => {}
        Some(other) => {
            return Err(LoadError {
                location: find_key(text, "format"),
                ..LoadError::new(LoadErrorKind::NotSeams(other.to_owned()))
            });
        }
        None => {
            return Err(LoadError::new(LoadErrorKind::Syntax(
                "missing `format: \"seams\"`: this is not a Seams diagram".to_owned(),
            )));
        }
    }
    match version {
        Some(version) if version == 0 || version > FORMAT_VERSION => Err(LoadError {
            location: find_key(text, "version"),
            ..LoadError::new(LoadErrorKind::Version(version))
        }),
        Some(_) => Ok(()),
        None => Err(LoadError::new(LoadErrorKind::Syntax(format!(
            "missing `version` (this program writes `version: {FORMAT_VERSION}`)"
        )))),
    }
}

/// The UTF-8 byte order mark.
const BOM: char = '\u{feff}';

/// Loads a diagram from bytes: RON text, or a PNG or SVG exported by Seams.
/// Errors in a diagram inside an SVG point at the SVG's own lines.
pub fn load_bytes(bytes: &[u8]) -> Result<Diagram, LoadError> {
    load_bytes_with_text(bytes).map(|(_, diagram)| diagram)
}

/// Like [`load_bytes`], also returning the diagram text and where it lies
/// in `bytes` (to point at an element's line).
pub fn load_bytes_with_text(bytes: &[u8]) -> Result<(DiagramText, Diagram), LoadError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(LoadError::new(LoadErrorKind::TooLarge(Some(
            bytes.len() as u64
        ))));
    }
    let text = diagram_text_in(bytes)?;
    match load_str(&text.text) {
        Ok(diagram) => Ok((text, diagram)),
        Err(error) => Err(text.relocate(bytes, error)),
    }
}

/// The diagram text of a file, and where it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DiagramText {
    /// The RON text.
    pub text: String,
    /// Where it lies in the file.
    pub origin: TextOrigin,
}

/// Where a diagram's text lies in the file it was read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextOrigin {
    /// The file is the text (a byte order mark aside).
    Ron,
    /// Compressed in a PNG chunk: the text's lines are not the file's.
    Png,
    /// In an SVG's `<metadata>`, starting at this byte of the file. Its
    /// lines are lines of the file (entities do not span lines).
    Svg {
        /// Byte offset of the text's first character in the file.
        start: usize,
    },
}

impl DiagramText {
    /// How many lines of the file come before the text's first line: add
    /// it to a line of the text to get the file's line.
    #[must_use]
    pub fn line_offset(&self, file: &[u8]) -> usize {
        match self.origin {
            TextOrigin::Ron | TextOrigin::Png => 0,
            TextOrigin::Svg { start } => newlines(&file[..start.min(file.len())]),
        }
    }

    /// `error`, found in the text, pointed at the file (`file`).
    fn relocate(&self, file: &[u8], mut error: LoadError) -> LoadError {
        match self.origin {
            TextOrigin::Ron => {}
            TextOrigin::Png => error.in_png_text = error.location.is_some(),
            TextOrigin::Svg { start } => {
                if let (Some(at), Ok(svg)) = (error.location, std::str::from_utf8(file)) {
                    error.location = Some(embedded::svg_position(svg, start, at));
                }
            }
        }
        error
    }
}

/// How many newlines `bytes` holds.
fn newlines(bytes: &[u8]) -> usize {
    bytes.split(|&b| b == b'\n').count() - 1
}

/// The diagram text in `bytes`: the bytes themselves (without a byte order
/// mark), or the text embedded in a PNG or SVG.
pub fn diagram_text(bytes: &[u8]) -> Result<String, LoadError> {
    diagram_text_in(bytes).map(|t| t.text)
}

fn diagram_text_in(bytes: &[u8]) -> Result<DiagramText, LoadError> {
    if embedded::is_png(bytes) {
        return embedded::diagram_text_from_png(bytes)
            .map(|text| DiagramText {
                text,
                origin: TextOrigin::Png,
            })
            .map_err(|e| LoadError::new(LoadErrorKind::Embedded(e)));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let valid = &bytes[..e.valid_up_to()];
        let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |n| n + 1);
        let line = newlines(valid) + 1;
        let col = String::from_utf8_lossy(&valid[line_start..])
            .chars()
            .count()
            + 1;
        LoadError {
            location: Some(LineCol { line, col }),
            ..LoadError::new(LoadErrorKind::Syntax(
                "the file is not UTF-8 text (nor a PNG exported by Seams)".to_owned(),
            ))
        }
    })?;
    if embedded::is_svg(bytes) {
        let (start, text) = embedded::diagram_text_from_svg_at(text)
            .map_err(|e| LoadError::new(LoadErrorKind::Embedded(e)))?;
        return Ok(DiagramText {
            text,
            origin: TextOrigin::Svg { start },
        });
    }
    Ok(DiagramText {
        text: text.strip_prefix(BOM).unwrap_or(text).to_owned(),
        origin: TextOrigin::Ron,
    })
}

/// Loads the diagram at `path` (`.ron`, or a PNG or SVG exported by Seams).
pub fn load_path(path: &Path) -> Result<Diagram, LoadError> {
    let bytes = read_limited(path)?;
    load_bytes(&bytes).map_err(|e| e.in_file(path))
}

/// Reads `path`, never more than [`MAX_FILE_BYTES`] (plus one byte, to know
/// it is more): a file's stated size is not trusted, so a pipe, a device
/// such as `/dev/zero` or a file that grows while it is read is cut off at
/// the limit and reported as too large.
pub fn read_limited(path: &Path) -> Result<Vec<u8>, LoadError> {
    use std::io::Read as _;
    let io = |e: std::io::Error| LoadError::new(LoadErrorKind::Io(e.to_string())).in_file(path);
    let file = std::fs::File::open(path).map_err(io)?;
    let metadata = file.metadata().map_err(io)?;
    if metadata.is_dir() {
        return Err(
            LoadError::new(LoadErrorKind::Io("it is a folder, not a file".to_owned()))
                .in_file(path),
        );
    }
    let stated = metadata.is_file().then_some(metadata.len());
    if let Some(len) = stated.filter(|&len| len > MAX_FILE_BYTES) {
        return Err(LoadError::new(LoadErrorKind::TooLarge(Some(len))).in_file(path));
    }
    // The stated size is only a hint for the buffer, never a promise.
    let hint = stated.unwrap_or(0).min(MAX_FILE_BYTES) as usize;
    let mut bytes = Vec::with_capacity(hint);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(LoadError::new(LoadErrorKind::TooLarge(None)).in_file(path));
    }
    Ok(bytes)
}

/// Where the top-level `key:` is written (the first such key in the text).
fn find_key(text: &str, key: &str) -> Option<LineCol> {
    for (index, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        if let Some(rest) = trimmed.strip_prefix(key)
            && rest.trim_start().starts_with(':')
        {
            let col = line[..line.len() - trimmed.len()].chars().count() + 1;
            return Some(LineCol {
                line: index + 1,
                col,
            });
        }
    }
    None
}

/// The 1-based line and column where the element with `id` is defined
/// (its `id: "..."` field), if it can be found in `text`.
#[must_use]
pub fn find_id(text: &str, id: &str) -> Option<LineCol> {
    find_nth_id(text, id, 0)
}

/// Like [`find_id`], for the `nth` definition (from 0) of `id`.
fn find_nth_id(text: &str, id: &str, mut nth: usize) -> Option<LineCol> {
    let quoted = format!("\"{id}\"");
    let mut search_from = 0;
    while let Some(found) = text[search_from..].find(&quoted) {
        let at = search_from + found;
        search_from = at + quoted.len();
        let before = text[..at].trim_end();
        let Some(before) = before.strip_suffix(':') else {
            continue;
        };
        if !before.trim_end().ends_with("id") {
            continue;
        }
        let key_end = before.trim_end().len();
        let key_start = key_end - 2;
        let is_id_key = text[..key_start]
            .chars()
            .next_back()
            .is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
        if !is_id_key {
            continue;
        }
        if nth > 0 {
            nth -= 1;
            continue;
        }
        let line_start = text[..key_start].rfind('\n').map_or(0, |n| n + 1);
        let line = text[..key_start].matches('\n').count() + 1;
        let col = text[line_start..key_start].chars().count() + 1;
        return Some(LineCol { line, col });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_element_lines() {
        let text = "(\n  modules: [\n    (id: \"a\", name: \"id\"),\n    (grid: \"b\", id: \"b\"),\n  ],\n)";
        assert_eq!(find_id(text, "a"), Some(LineCol { line: 3, col: 6 }));
        assert_eq!(find_id(text, "b"), Some(LineCol { line: 4, col: 17 }));
        assert_eq!(find_id(text, "id"), None);
    }

    #[test]
    fn header_errors_come_first() {
        let err = load_str("(format: \"seams\", version: 3, shiny_new_field: 1)").unwrap_err();
        assert_eq!(err.kind, LoadErrorKind::Version(3));
        assert!(err.to_string().contains("newer Seams"));
        let err = load_str("(format: \"drawio\", version: 1)").unwrap_err();
        assert!(matches!(err.kind, LoadErrorKind::NotSeams(_)));
    }

    #[test]
    fn unknown_fields_are_rejected_with_a_position() {
        let err =
            load_str("(\nformat: \"seams\",\nversion: 1,\nmodules: [(id: \"a\", nmae: \"A\")],\n)")
                .unwrap_err();
        assert!(matches!(err.kind, LoadErrorKind::Syntax(_)), "{err}");
        assert_eq!(err.location.map(|l| l.line), Some(4), "{err}");
    }

    #[test]
    fn interface_ids_are_derived_after_explicit_ones() {
        let d = load_str(
            r#"(format: "seams", version: 1,
                modules: [(id: "a"), (id: "b")],
                interfaces: [
                    (from: "a", to: "b", kind: Rpc),
                    (id: "a->b", from: "a", to: "b", kind: Queue),
                    (from: "a", to: "b", kind: Call),
                ])"#,
        )
        .unwrap();
        let ids: Vec<&str> = d.interfaces.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(ids, ["a->b#2", "a->b", "a->b#3"]);
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let text = format!(
            "(format: \"seams\", version: 1, title: {}",
            "[".repeat(100_000)
        );
        assert!(load_str(&text).is_err());
    }
}
