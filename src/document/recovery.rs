//! Recovery files: while a document has unsaved changes it is written every
//! few seconds to a file in `<data folder>/recovery/`, so that a crash or a
//! `kill -9` loses at most those few seconds. At the next start,
//! [`RecoveryStore::scan`] lists what was left behind.
//!
//! # Format
//!
//! A recovery file is the diagram's RON (exactly what Save writes) after a
//! header of `//` comment lines, which the diagram loader skips: in a pinch
//! it opens in Seams, or in a text editor, like any diagram.
//!
//! ```text
//! // Seams recovery file: unsaved changes kept by autosave.
//! // seams-recovery: 1
//! // pid: 4242
//! // saved-at-ms: 1767225600000
//! // name: "system.ron"
//! // original: "/home/ada/plans/system.ron"
//! #![enable(implicit_some)]
//! (
//!     format: "seams",
//!     ...
//! ```
//!
//! `original` is left out for untitled documents (and for paths that are not
//! UTF-8, which are then recovered as untitled: better than saving over a
//! look-alike path); `image: true` marks a document opened from an exported
//! PNG or SVG, so Save after recovery still asks for a `.ron`.
//!
//! # One file per document, never offered while its owner runs
//!
//! Each running Seams is an *instance*, named `PID_STARTMS_N`. It holds an
//! exclusive OS lock ([`std::fs::File::try_lock`]: `flock` on Unix,
//! `LockFileEx` on Windows) on `INSTANCE.lock` for as long as it runs; the
//! OS drops the lock when the process dies, `kill -9` included. Its
//! documents' recovery files are `INSTANCE-KEY.ron`, where KEY is a number
//! unique in the instance plus a hash of the document's path (or `untitled`).
//! A scan offers a file only when its instance's lock can be taken, so a
//! second window never offers the first one's work, and a recycled pid can
//! never make a dead instance look alive (which checking `/proc/PID` could).
//! On a file system without locks every instance looks dead: then a file
//! may be offered while its owner still runs, which duplicates work but
//! never loses it.
//!
//! Files are written with [`crate::file::write_atomically`], so a crash
//! mid-write leaves the previous recovery file. A file that does not parse
//! is renamed to `NAME.corrupt`, reported, and never offered again.

use crate::file;
use crate::model::Diagram;
use std::collections::HashMap;
use std::fs::{File, OpenOptions, TryLockError};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

mod header;

pub(crate) use header::Header;
use header::unix_ms;

/// The header version this program writes and reads.
const HEADER_VERSION: u32 = 1;

/// Recovery files are diagrams: the loader's size limit, plus room for the
/// header.
const MAX_RECOVERY_BYTES: u64 = file::MAX_FILE_BYTES + 64 * 1024;

/// Where a running Seams keeps its recovery files, and its claim (a held
/// lock) on them.
#[derive(Debug)]
pub struct RecoveryStore {
    dir: PathBuf,
    instance: String,
    lock_path: PathBuf,
    /// Held for the life of the store; the OS releases it if we die.
    _lock: File,
}

/// Unsaved work left behind by a Seams that is no longer running.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecoveryOffer {
    /// The recovery file.
    pub file: PathBuf,
    /// The file the work belongs to; `None` for an untitled diagram.
    pub original: Option<PathBuf>,
    /// The document's name as its title showed it.
    pub name: String,
    /// The diagram's own title (may be empty).
    pub diagram_title: String,
    /// When the recovery file was written.
    pub saved_at: SystemTime,
    /// Whether the original is an exported image (Save will ask for a
    /// `.ron`).
    pub original_is_image: bool,
}

impl RecoveryOffer {
    /// When it was saved, relative to `now`: "3 minutes ago".
    #[must_use]
    pub fn age(&self, now: SystemTime) -> String {
        describe_age(self.saved_at, now)
    }
}

/// What a scan of the recovery folder found.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scan {
    /// Work to offer, newest first.
    pub offers: Vec<RecoveryOffer>,
    /// Files that could not be used (damaged ones, set aside) or folder
    /// problems; each says what happened in words for the user.
    pub problems: Vec<RecoveryError>,
}

/// Something went wrong with a recovery file.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RecoveryError {
    /// The recovery folder or a file in it could not be read or written.
    #[error("Could not use {}: {message}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What the system said.
        message: String,
    },
    /// The file is damaged; it was renamed so it is not offered again.
    #[error("{}", corrupt_message(file, reason, moved_to.as_deref()))]
    Corrupt {
        /// The recovery file, under its old name.
        file: PathBuf,
        /// Why it could not be read.
        reason: String,
        /// Where it was moved; `None` if even renaming failed.
        moved_to: Option<PathBuf>,
    },
    /// The file is no longer there: recovered or discarded already (perhaps
    /// by another Seams window).
    #[error("The recovery file {} is gone: it was already recovered or discarded, perhaps by another Seams window.", file.display())]
    Gone {
        /// The recovery file.
        file: PathBuf,
    },
    /// Autosave is off in this session (no usable data folder).
    #[error("Autosave is off in this session, so there is nothing to recover from.")]
    Disabled,
}

fn corrupt_message(file: &Path, reason: &str, moved_to: Option<&Path>) -> String {
    let name = file.file_name().map_or_else(
        || file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    match moved_to {
        Some(moved_to) => format!(
            "The recovery file {name} is damaged ({reason}). It was set aside as {}.",
            moved_to.display()
        ),
        None => {
            format!("The recovery file {name} is damaged ({reason}), and could not be set aside.")
        }
    }
}

/// How long ago `then` was, in words: "less than a minute ago", "5 minutes
/// ago", "2 hours ago", "3 days ago". A time in the future (a clock that
/// moved back) reads "just now".
#[must_use]
pub fn describe_age(then: SystemTime, now: SystemTime) -> String {
    let Ok(age) = now.duration_since(then) else {
        return "just now".to_owned();
    };
    let plural = |n: u64, unit: &str| {
        if n == 1 {
            format!("1 {unit} ago")
        } else {
            format!("{n} {unit}s ago")
        }
    };
    let seconds = age.as_secs();
    match seconds {
        0..60 => "less than a minute ago".to_owned(),
        60..3600 => plural(seconds / 60, "minute"),
        3600..86_400 => plural(seconds / 3600, "hour"),
        _ => plural(seconds / 86_400, "day"),
    }
}

/// The instance that wrote a file named `INSTANCE-…` or `.INSTANCE-…`.
fn instance_of(file_name: &str) -> &str {
    let name = file_name.strip_prefix('.').unwrap_or(file_name);
    name.split(['-', '.']).next().unwrap_or("")
}

/// Whether `key` is safe as part of a file name.
fn is_key(key: &str) -> bool {
    !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

impl RecoveryStore {
    /// Opens (creating it if needed) the recovery folder `dir` and claims a
    /// new instance name in it, held until the store is dropped.
    pub fn open(dir: impl Into<PathBuf>) -> Result<Self, RecoveryError> {
        let dir = dir.into();
        let io = |path: &Path, e: &std::io::Error| RecoveryError::Io {
            path: path.to_path_buf(),
            message: e.to_string(),
        };
        std::fs::create_dir_all(&dir).map_err(|e| io(&dir, &e))?;
        let pid = std::process::id();
        let started_ms = unix_ms(SystemTime::now());
        // Never reuse a name within one process: a store opened in the same
        // millisecond as one just dropped must not take over its files.
        static OPENED: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        for _ in 0..64 {
            let attempt = OPENED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let instance = format!("{pid}_{started_ms}_{attempt}");
            let lock_path = dir.join(format!("{instance}.lock"));
            let mut lock = match OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&lock_path)
            {
                Ok(lock) => lock,
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(io(&lock_path, &e)),
            };
            match lock.try_lock() {
                // A scan may have removed the file between our create and
                // our lock (it looked like a dead instance's): start over.
                Ok(()) if !lock_path.exists() => continue,
                Err(TryLockError::WouldBlock) => continue,
                // Locked; or no locks on this file system, and we run
                // without the claim (see the module docs for what that
                // costs).
                Ok(()) | Err(TryLockError::Error(_)) => {}
            }
            let _ = writeln!(lock, "Seams instance, pid {pid}");
            return Ok(RecoveryStore {
                dir,
                instance,
                lock_path,
                _lock: lock,
            });
        }
        Err(RecoveryError::Io {
            path: dir,
            message: "could not create a lock file for this Seams window".to_owned(),
        })
    }

    /// The recovery folder.
    #[must_use]
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The recovery file for the document with `key`.
    pub(crate) fn file_for(&self, key: &str) -> PathBuf {
        debug_assert!(is_key(key), "bad recovery key {key:?}");
        self.dir.join(format!("{}-{key}.ron", self.instance))
    }

    /// Writes `diagram` as the recovery file for `key`, atomically.
    pub(crate) fn write(
        &self,
        key: &str,
        header: &Header,
        diagram: &Diagram,
    ) -> Result<(), RecoveryError> {
        let path = self.file_for(key);
        let mut text = header.render();
        text.push_str(&file::to_ron_string(diagram));
        file::write_atomically(&path, text.as_bytes()).map_err(|e| RecoveryError::Io {
            path,
            message: e.to_string(),
        })
    }

    /// Removes the recovery file for `key`, if there is one.
    pub(crate) fn remove(&self, key: &str) -> Result<(), RecoveryError> {
        remove_if_present(&self.file_for(key))
    }

    /// Removes the offered file: the user chose not to recover it.
    pub fn discard(&self, offer: &RecoveryOffer) -> Result<(), RecoveryError> {
        remove_if_present(&offer.file)
    }

    /// Takes over an offered file for this instance as the recovery file of
    /// `key`: reads it, writes it under our name (so the work is on disk
    /// and ours before the old file goes), then removes the old file.
    pub(crate) fn claim(
        &self,
        offer: &RecoveryOffer,
        key: &str,
    ) -> Result<(Diagram, Header), RecoveryError> {
        let (header, diagram) = match read_recovery(&offer.file) {
            Ok(read) => read,
            Err(ReadFailure::Gone) => {
                return Err(RecoveryError::Gone {
                    file: offer.file.clone(),
                });
            }
            Err(ReadFailure::Io(message)) => {
                return Err(RecoveryError::Io {
                    path: offer.file.clone(),
                    message,
                });
            }
            Err(ReadFailure::Corrupt(reason)) => return Err(set_aside(&offer.file, reason)),
        };
        self.write(key, &header, &diagram)?;
        remove_if_present(&offer.file)?;
        Ok((diagram, header))
    }

    /// Lists recovery files left by instances that are no longer running,
    /// newest first. Damaged files are renamed to `.corrupt` and reported in
    /// [`Scan::problems`]; files of running instances (this one included)
    /// are left alone. Also tidies up lock and temporary files that dead
    /// instances left behind. Never fails: problems are reported in the
    /// scan.
    #[must_use]
    pub fn scan(&self) -> Scan {
        let mut scan = Scan::default();
        let names: Vec<String> = match std::fs::read_dir(&self.dir) {
            Ok(entries) => entries
                .filter_map(Result::ok)
                .filter_map(|e| e.file_name().into_string().ok())
                .collect(),
            Err(e) => {
                scan.problems.push(RecoveryError::Io {
                    path: self.dir.clone(),
                    message: e.to_string(),
                });
                return scan;
            }
        };
        let mut alive: HashMap<String, bool> = HashMap::new();
        let mut is_alive = |instance: &str| {
            *alive
                .entry(instance.to_owned())
                .or_insert_with(|| instance == self.instance || self.instance_alive(instance))
        };
        let mut instances_with_files = std::collections::HashSet::new();
        for name in &names {
            if name.starts_with('.') || !has_extension(name, "ron") {
                continue;
            }
            let instance = instance_of(name);
            if is_alive(instance) {
                continue;
            }
            let path = self.dir.join(name);
            match read_recovery(&path) {
                Ok((header, diagram)) => {
                    instances_with_files.insert(instance.to_owned());
                    scan.offers.push(RecoveryOffer {
                        file: path,
                        original: header.original,
                        name: header.name,
                        diagram_title: diagram.title,
                        saved_at: header.saved_at,
                        original_is_image: header.image,
                    });
                }
                Err(ReadFailure::Gone) => {}
                Err(ReadFailure::Io(message)) => {
                    instances_with_files.insert(instance.to_owned());
                    scan.problems.push(RecoveryError::Io { path, message });
                }
                Err(ReadFailure::Corrupt(reason)) => scan.problems.push(set_aside(&path, reason)),
            }
        }
        // Leftovers of dead instances: temporary files of interrupted
        // writes, and lock files once the instance has no work left here.
        for name in &names {
            let instance = instance_of(name);
            if name.starts_with('.') && has_extension(name, "tmp") && !is_alive(instance) {
                let _ = std::fs::remove_file(self.dir.join(name));
            } else if let Some(instance) = name.strip_suffix(".lock")
                && instance != self.instance
                && !instances_with_files.contains(instance)
            {
                remove_dead_lock(&self.dir.join(name));
            }
        }
        scan.offers
            .sort_by_key(|offer| std::cmp::Reverse(offer.saved_at));
        scan
    }

    /// Whether the instance named `instance` still runs: its lock file is
    /// there and locked.
    fn instance_alive(&self, instance: &str) -> bool {
        let Ok(lock) = File::open(self.dir.join(format!("{instance}.lock"))) else {
            return false;
        };
        match lock.try_lock() {
            Ok(()) => {
                let _ = lock.unlock();
                false
            }
            Err(TryLockError::WouldBlock) => true,
            Err(TryLockError::Error(_)) => false,
        }
    }
}

impl Drop for RecoveryStore {
    /// Removes the lock file; recovery files stay, and (their instance being
    /// gone) are offered at the next start. A clean exit has already removed
    /// them.
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.lock_path);
    }
}

/// Why a recovery file could not be read.
enum ReadFailure {
    Gone,
    Io(String),
    Corrupt(String),
}

fn read_recovery(path: &Path) -> Result<(Header, Diagram), ReadFailure> {
    let metadata = match std::fs::metadata(path) {
        Ok(metadata) => metadata,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(ReadFailure::Gone),
        Err(e) => return Err(ReadFailure::Io(e.to_string())),
    };
    if !metadata.is_file() {
        // Opening a FIFO would wait for a writer; a device may never end.
        return Err(ReadFailure::Corrupt("not a regular file".to_owned()));
    }
    if metadata.len() > MAX_RECOVERY_BYTES {
        return Err(ReadFailure::Corrupt(format!(
            "{} bytes, more than any diagram",
            metadata.len()
        )));
    }
    // The size read is bounded whatever the metadata said (the file may
    // grow in between).
    let mut bytes = Vec::with_capacity(metadata.len() as usize);
    let read = File::open(path).and_then(|file| {
        std::io::Read::read_to_end(
            &mut std::io::Read::take(file, MAX_RECOVERY_BYTES + 1),
            &mut bytes,
        )
    });
    match read {
        Ok(_) if bytes.len() as u64 > MAX_RECOVERY_BYTES => {
            return Err(ReadFailure::Corrupt("more than any diagram".to_owned()));
        }
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(ReadFailure::Gone),
        Err(e) => return Err(ReadFailure::Io(e.to_string())),
    }
    let text =
        String::from_utf8(bytes).map_err(|_| ReadFailure::Corrupt("not UTF-8 text".to_owned()))?;
    let header = Header::parse(&text).map_err(ReadFailure::Corrupt)?;
    let diagram =
        file::load_str(&text).map_err(|e| ReadFailure::Corrupt(e.in_file(path).to_string()))?;
    Ok((header, diagram))
}

/// Removes a lock file if nobody holds it, holding it ourselves while
/// removing so a starting instance cannot take it in between (see
/// [`RecoveryStore::open`]).
fn remove_dead_lock(path: &Path) {
    if let Ok(lock) = File::open(path)
        && lock.try_lock().is_ok()
    {
        let _ = std::fs::remove_file(path);
    }
}

/// Whether `name` ends in `.EXTENSION`, ignoring case.
fn has_extension(name: &str, extension: &str) -> bool {
    Path::new(name)
        .extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case(extension))
}

fn remove_if_present(path: &Path) -> Result<(), RecoveryError> {
    match std::fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(RecoveryError::Io {
            path: path.to_path_buf(),
            message: e.to_string(),
        }),
    }
}

/// Renames a damaged recovery file to `NAME.corrupt` (or `NAME.N.corrupt`
/// if that is taken) so it is kept for the curious but never offered again.
fn set_aside(path: &Path, reason: String) -> RecoveryError {
    let mut moved_to = None;
    for n in 0..100 {
        let suffix = if n == 0 {
            "corrupt".to_owned()
        } else {
            format!("{n}.corrupt")
        };
        let mut target = path.as_os_str().to_owned();
        target.push(".");
        target.push(&suffix);
        let target = PathBuf::from(target);
        if target.exists() {
            continue;
        }
        if std::fs::rename(path, &target).is_ok() {
            moved_to = Some(target);
        }
        break;
    }
    RecoveryError::Corrupt {
        file: path.to_path_buf(),
        reason,
        moved_to,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn ages_in_words() {
        let t = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000);
        let after = |s| describe_age(t, t + Duration::from_secs(s));
        assert_eq!(after(5), "less than a minute ago");
        assert_eq!(after(60), "1 minute ago");
        assert_eq!(after(3599), "59 minutes ago");
        assert_eq!(after(7200), "2 hours ago");
        assert_eq!(after(86_400 * 3), "3 days ago");
        assert_eq!(describe_age(t, t - Duration::from_secs(9)), "just now");
    }

    #[test]
    fn instances_from_names() {
        assert_eq!(instance_of("12_345_0-1-untitled.ron"), "12_345_0");
        assert_eq!(instance_of("12_345_0.lock"), "12_345_0");
        assert_eq!(instance_of(".12_345_0-1-ab.ron.99.tmp"), "12_345_0");
        assert!(is_key("3-00ff"));
        assert!(!is_key("../x"));
    }
}
