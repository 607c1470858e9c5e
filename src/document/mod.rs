//! The document lifecycle: which file a diagram belongs to, whether it has
//! unsaved changes, and what must happen when the user asks for New, Open,
//! Close or Quit, when the file changes on disk, or after a crash with
//! unsaved work.
//!
//! Nothing here shows a window. [`Session`] is a state machine: a request
//! returns a [`Step`] for the editor to carry out (replace the diagram, ask a
//! [`Prompt`], show the Save As dialog, show an error, close the window), and
//! the user's answer goes back in through [`Session::answer`]. The editor owns
//! the diagram and its undo history; the session only sees the history's
//! state id, so "unsaved" means "the state id differs from the one last
//! saved", and undoing back to the saved state is clean again.
//!
//! - [`recovery`]: autosave to recovery files in the user's data folder, and
//!   offering them after a crash.
//! - [`recent`]: the Open Recent list.
//! - [`data_dir`]: where the user's data folder is.
//! - [`checker`]: running the rules inline or, for big diagrams, on a
//!   worker thread.

pub mod checker;
pub mod data_dir;
pub mod recent;
pub mod recovery;
mod save;
mod session;

pub use save::{SaveError, SaveFailure};
pub use session::{AUTOSAVE_INTERVAL, Answer, Prompt, Request, Session, Step};

use crate::file::{self, LoadError};
use crate::model::Diagram;
use std::path::{Path, PathBuf};
use std::time::{Instant, SystemTime};

/// Put before the file name in the window title while there are unsaved
/// changes.
pub const UNSAVED_MARKER: &str = "● ";

/// The application name at the end of the window title.
pub const APP_NAME: &str = "Seams";

/// The name an unsaved new diagram goes by.
pub const UNTITLED: &str = "Untitled";

/// Where a document lives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Location {
    /// Not saved to a file yet; `name` is what the title shows
    /// ([`UNTITLED`], or e.g. the built-in example's name).
    Untitled {
        /// The name shown in the title and prompts.
        name: String,
    },
    /// A file on disk (an absolute path).
    File {
        /// The file.
        path: PathBuf,
        /// Whether the file is RON or an image carrying the diagram.
        format: FileFormat,
    },
}

impl Location {
    /// The name shown in the title and prompts: the file name, or the
    /// untitled name.
    #[must_use]
    pub fn name(&self) -> String {
        match self {
            Location::File { path, .. } => path.file_name().map_or_else(
                || path.display().to_string(),
                |name| name.to_string_lossy().into_owned(),
            ),
            Location::Untitled { name } => name.clone(),
        }
    }
}

/// What kind of file a document was read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileFormat {
    /// A `.ron` diagram: Save writes it in place.
    Ron,
    /// A PNG or SVG exported by Seams with the diagram embedded. Save does
    /// not write RON over an image: it asks for a `.ron` path (Save As), and
    /// the document belongs to that `.ron` file from then on.
    Image,
}

/// What we last knew about the file on disk, to notice changes made by other
/// programs: metadata for a cheap check, the content hash to confirm.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct DiskStamp {
    len: u64,
    modified: Option<SystemTime>,
    hash: u64,
}

impl DiskStamp {
    /// The stamp of `bytes`, read from a file whose metadata (taken before
    /// reading, so that a write in between shows up as a change later) is
    /// `metadata`.
    fn new(metadata: &std::fs::Metadata, bytes: &[u8]) -> Self {
        DiskStamp {
            len: metadata.len(),
            modified: metadata.modified().ok(),
            hash: content_hash(bytes),
        }
    }

    fn same_metadata(&self, metadata: &std::fs::Metadata) -> bool {
        self.len == metadata.len() && self.modified == metadata.modified().ok()
    }
}

/// What a poll of the file on disk found.
#[derive(Debug)]
enum DiskCheck {
    /// Same metadata as last time.
    Unchanged,
    /// New metadata, same content (touched, or rewritten identically).
    Touched(DiskStamp),
    /// Different content.
    Changed(DiskStamp, Vec<u8>),
    /// No file there any more.
    Gone,
    /// The file exists but cannot be read right now; try again later.
    Unreadable,
}

/// Compares the file at `path` with what we last knew of it: metadata first,
/// the content hash only when the metadata differs.
fn check_disk(path: &Path, known: Option<&DiskStamp>) -> DiskCheck {
    let metadata = match std::fs::metadata(path) {
        Ok(metadata) if metadata.is_file() => metadata,
        Ok(_) => return DiskCheck::Gone,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return DiskCheck::Gone,
        Err(_) => return DiskCheck::Unreadable,
    };
    if known.is_some_and(|stamp| stamp.same_metadata(&metadata)) {
        return DiskCheck::Unchanged;
    }
    let Ok(bytes) = file::read_limited(path) else {
        return DiskCheck::Unreadable;
    };
    let stamp = DiskStamp::new(&metadata, &bytes);
    match known {
        Some(known) if known.hash == stamp.hash => DiskCheck::Touched(stamp),
        _ => DiskCheck::Changed(stamp, bytes),
    }
}

/// The stamp of the file at `path` as it is now, if it can be read.
fn stamp_of(path: &Path) -> Option<DiskStamp> {
    match check_disk(path, None) {
        DiskCheck::Changed(stamp, _) => Some(stamp),
        _ => None,
    }
}

/// FNV-1a, 64 bits: a stable, dependency-free hash for change detection and
/// recovery file names (not for security).
pub(crate) fn content_hash(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in bytes {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// A diagram read from somewhere, with what the session needs to know about
/// where it came from. The editor builds its undo history from `diagram`,
/// then hands `source` to [`Session::adopt`] together with the history's
/// state id.
#[derive(Clone, Debug, PartialEq)]
pub struct Loaded {
    /// The diagram.
    pub diagram: Diagram,
    /// Where it came from; pass to [`Session::adopt`].
    pub source: Source,
}

impl Loaded {
    /// A diagram that belongs to no file yet, titled `name` (a new diagram,
    /// or the built-in example). Saving it asks for a path.
    #[must_use]
    pub fn untitled(diagram: Diagram, name: impl Into<String>) -> Self {
        Loaded {
            diagram,
            source: Source {
                location: Location::Untitled { name: name.into() },
                disk: None,
                origin: Origin::Fresh,
                comments: false,
            },
        }
    }
}

/// Where a [`Loaded`] diagram came from. Opaque: hand it to
/// [`Session::adopt`].
#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    location: Location,
    disk: Option<DiskStamp>,
    origin: Origin,
    /// The file has comments (which saving drops).
    comments: bool,
}

impl Source {
    /// Where the diagram lives.
    #[must_use]
    pub fn location(&self) -> &Location {
        &self.location
    }
}

/// How a [`Source`] relates to the session's current document.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Origin {
    /// A new document (New, Open, the example at start).
    Fresh,
    /// The current document, re-read from its changed file.
    Reload,
    /// A document recovered from the recovery file with this key; it has
    /// unsaved changes from the start.
    Recovered { key: String },
}

/// Reads the diagram at `path` (`.ron`, or a PNG or SVG exported by Seams).
/// On failure the error names the file and the line:column or element at
/// fault, ready for an error dialog.
pub fn load(path: &Path) -> Result<Loaded, LoadError> {
    let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let io = |e: std::io::Error| LoadError {
        path: Some(path.clone()),
        location: None,
        element: None,
        kind: file::LoadErrorKind::Io(e.to_string()),
        in_png_text: false,
    };
    // Metadata before the content: a write in between is then seen as a change.
    let metadata = std::fs::metadata(&path).map_err(io)?;
    let bytes = file::read_limited(&path)?;
    let diagram = file::load_bytes(&bytes).map_err(|e| e.in_file(&path))?;
    let format = if file::embedded::is_png(&bytes) || file::embedded::is_svg(&bytes) {
        FileFormat::Image
    } else {
        FileFormat::Ron
    };
    Ok(Loaded {
        diagram,
        source: Source {
            disk: Some(DiskStamp::new(&metadata, &bytes)),
            comments: format == FileFormat::Ron && ron_has_comments(&bytes),
            location: Location::File { path, format },
            origin: Origin::Fresh,
        },
    })
}

/// Whether `bytes`, a RON diagram, has comments (which saving drops). An
/// image's embedded diagram is written by Seams and has none.
fn ron_has_comments(bytes: &[u8]) -> bool {
    !file::embedded::is_png(bytes)
        && !file::embedded::is_svg(bytes)
        && std::str::from_utf8(bytes).is_ok_and(file::has_comments)
}

/// Whether the RON file at `path` has comments; `false` when it cannot be
/// read.
fn file_has_comments(path: &Path) -> bool {
    file::read_limited(path).is_ok_and(|bytes| ron_has_comments(&bytes))
}

/// The open document: where it lives, which state was last saved, what the
/// file on disk looked like then, and its recovery file.
#[derive(Clone, Debug)]
pub struct Document {
    location: Location,
    /// The history state id written to (or read from) the file; `None` when
    /// no state matches the file (recovered work, a file changed or deleted
    /// on disk while we kept our version).
    saved_state: Option<u64>,
    /// The file as we last read or wrote it; `None` for untitled documents
    /// and files that are gone.
    disk: Option<DiskStamp>,
    /// The file has comments that a save over it would drop; the first such
    /// save asks ([`Prompt::CommentsNotKept`]).
    comments: bool,
    /// Autosave bookkeeping.
    autosave: AutosaveSlot,
}

/// Which recovery file belongs to a document and how current it is.
#[derive(Clone, Debug)]
struct AutosaveSlot {
    /// Unique within this process; part of the recovery file name.
    key: String,
    /// The state id the recovery file holds, if one is on disk.
    written_state: Option<u64>,
    /// When the last write was attempted (successful or not).
    last_attempt: Option<Instant>,
}

impl Document {
    /// Where the document lives.
    #[must_use]
    pub fn location(&self) -> &Location {
        &self.location
    }

    /// The file, if the document has one.
    #[must_use]
    pub fn path(&self) -> Option<&Path> {
        match &self.location {
            Location::File { path, .. } => Some(path),
            Location::Untitled { .. } => None,
        }
    }

    /// The name shown in the title and prompts: the file name, or the
    /// untitled name.
    #[must_use]
    pub fn name(&self) -> String {
        self.location.name()
    }

    /// Whether the state `state_id` differs from what the file holds.
    #[must_use]
    pub fn is_dirty(&self, state_id: u64) -> bool {
        self.saved_state != Some(state_id)
    }

    /// The window title: "name.ron — Seams", with [`UNSAVED_MARKER`] in
    /// front while there are unsaved changes.
    #[must_use]
    pub fn title(&self, state_id: u64) -> String {
        let marker = if self.is_dirty(state_id) {
            UNSAVED_MARKER
        } else {
            ""
        };
        format!("{marker}{} — {APP_NAME}", self.name())
    }

    /// Whether Save writes in place (a `.ron` file) rather than asking for a
    /// path (untitled, or opened from an image).
    #[must_use]
    pub fn saves_in_place(&self) -> bool {
        matches!(
            self.location,
            Location::File {
                format: FileFormat::Ron,
                ..
            }
        )
    }

    /// The folder and file name to start the Save As dialog with: the
    /// current file; for an image, a `.ron` of the same name beside it; for
    /// an untitled diagram, its title made into a file name.
    fn suggested_save_path(&self, diagram: &Diagram) -> (Option<PathBuf>, String) {
        match &self.location {
            Location::File { path, format } => {
                let folder = path.parent().map(Path::to_path_buf);
                let file_name = match format {
                    FileFormat::Ron => self.name(),
                    FileFormat::Image => format!(
                        "{}.ron",
                        path.file_stem()
                            .map_or_else(|| "diagram".into(), |s| s.to_string_lossy())
                    ),
                };
                (folder, file_name)
            }
            Location::Untitled { name } => {
                let base = if diagram.title.trim().is_empty() {
                    name.as_str()
                } else {
                    diagram.title.as_str()
                };
                (None, format!("{}.ron", file_name_from_title(base)))
            }
        }
    }
}

/// A file name (without extension) for a diagram titled `title`: lower
/// case, words joined by hyphens, only characters every file system takes.
fn file_name_from_title(title: &str) -> String {
    let mut name = String::new();
    for c in title.chars() {
        if c.is_alphanumeric() {
            name.extend(c.to_lowercase());
        } else if !name.is_empty() && !name.ends_with('-') {
            name.push('-');
        }
    }
    let name = name.trim_end_matches('-');
    if name.is_empty() {
        "untitled".to_owned()
    } else {
        name.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_from_titles() {
        assert_eq!(
            file_name_from_title("Photo sharing (v2)"),
            "photo-sharing-v2"
        );
        assert_eq!(file_name_from_title("  /?*  "), "untitled");
        assert_eq!(file_name_from_title("Überblick"), "überblick");
    }

    #[test]
    fn hash_is_fnv1a() {
        assert_eq!(content_hash(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(content_hash(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
