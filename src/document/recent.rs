//! The Open Recent list: the last [`RecentFiles::MAX`] files opened or
//! saved, most recent first, one entry per file (by canonical path), kept in
//! `recent.ron` in the data folder.
//!
//! Every change re-reads the stored list before writing it back, so two
//! Seams windows do not erase each other's entries. Persistence is best
//! effort: the list in memory is always updated, and a failure to read or
//! write the file comes back as a [`RecentError`] for the status bar, never
//! as something that stops the user.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::path::{Path, PathBuf};

/// The stored form.
#[derive(Serialize, Deserialize)]
struct Stored {
    version: u32,
    files: Vec<String>,
}

const STORED_VERSION: u32 = 1;

/// The recent files list.
#[derive(Clone, Debug)]
pub struct RecentFiles {
    /// Where the list is kept; `None` keeps it in memory only.
    store: Option<PathBuf>,
    paths: Vec<PathBuf>,
}

/// One entry of the list, as a menu shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecentEntry {
    /// The file (canonical when it was added).
    pub path: PathBuf,
    /// Whether the file is still there; menus grey out missing ones and
    /// offer to remove them.
    pub exists: bool,
}

impl RecentEntry {
    /// The file name, for the menu item.
    #[must_use]
    pub fn file_name(&self) -> String {
        self.path.file_name().map_or_else(
            || self.path.display().to_string(),
            |name| name.to_string_lossy().into_owned(),
        )
    }

    /// The folder holding the file, for a tooltip or a second column.
    #[must_use]
    pub fn folder(&self) -> String {
        self.path
            .parent()
            .map(|p| p.display().to_string())
            .unwrap_or_default()
    }
}

/// Names that tell `paths` apart: each file name with as few of its parent
/// folders as it takes to differ from every other path's name
/// (`shop/architecture.ron` and `bank/architecture.ron`; a name no other
/// path shares stays bare). In the order of `paths`.
#[must_use]
pub fn distinct_names(paths: &[&Path]) -> Vec<String> {
    // Each path's components from the file name up.
    let parts: Vec<Vec<String>> = paths
        .iter()
        .map(|p| {
            p.components()
                .rev()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect()
        })
        .collect();
    let name = |i: usize, depth: usize| -> String {
        let mut shown: Vec<&str> = parts[i].iter().take(depth).map(String::as_str).collect();
        shown.reverse();
        shown.join("/")
    };
    (0..paths.len())
        .map(|i| {
            let mut depth = 1;
            while depth < parts[i].len()
                && (0..paths.len())
                    .any(|j| j != i && parts[j] != parts[i] && name(j, depth) == name(i, depth))
            {
                depth += 1;
            }
            if depth >= parts[i].len() {
                paths[i].display().to_string()
            } else {
                name(i, depth)
            }
        })
        .collect()
}

/// The recent files list could not be read or written. The list in memory
/// is still right; only remembering it across runs failed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub struct RecentError {
    /// The list's file.
    pub path: PathBuf,
    /// What went wrong.
    pub message: String,
}

impl fmt::Display for RecentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Could not keep the recent files list in {}: {}",
            self.path.display(),
            self.message
        )
    }
}

impl RecentFiles {
    /// The most entries kept.
    pub const MAX: usize = 10;

    /// Loads the list kept in `store` (usually `recent.ron` in the data
    /// folder; `None` to keep the list in memory only). A missing file is an
    /// empty list; an unreadable or damaged one is an empty list plus the
    /// error, and is replaced on the next change.
    #[must_use]
    pub fn load(store: Option<PathBuf>) -> (Self, Option<RecentError>) {
        let mut recent = RecentFiles {
            store,
            paths: Vec::new(),
        };
        let problem = match recent.read_stored() {
            Ok(paths) => {
                recent.paths = paths;
                None
            }
            Err(e) => Some(e),
        };
        (recent, problem)
    }

    /// The files, most recent first.
    #[must_use]
    pub fn paths(&self) -> &[PathBuf] {
        &self.paths
    }

    /// The files with whether each still exists, most recent first. Touches
    /// the disk once per entry (a metadata call); call it when the menu
    /// opens rather than every frame.
    #[must_use]
    pub fn entries(&self) -> Vec<RecentEntry> {
        self.paths
            .iter()
            .map(|path| RecentEntry {
                path: path.clone(),
                exists: path.is_file(),
            })
            .collect()
    }

    /// Puts `path` first (moving it up if it is already listed), keeping at
    /// most [`Self::MAX`] entries.
    pub fn add(&mut self, path: &Path) -> Result<(), RecentError> {
        let path = canonical(path);
        self.update(|paths| {
            paths.retain(|p| canonical(p) != path);
            paths.insert(0, path);
        })
    }

    /// Removes `path` (as listed, or any path to the same file).
    pub fn remove(&mut self, path: &Path) -> Result<(), RecentError> {
        let key = canonical(path);
        self.update(|paths| paths.retain(|p| p != path && canonical(p) != key))
    }

    /// Removes every file that no longer exists.
    pub fn remove_missing(&mut self) -> Result<(), RecentError> {
        self.update(|paths| paths.retain(|p| p.is_file()))
    }

    /// Empties the list.
    pub fn clear(&mut self) -> Result<(), RecentError> {
        self.update(Vec::clear)
    }

    /// Applies `change` to the freshest list (the stored one, when it can be
    /// read, so that other windows' additions survive), then stores it.
    fn update(&mut self, change: impl FnOnce(&mut Vec<PathBuf>)) -> Result<(), RecentError> {
        if self.store.as_deref().is_some_and(Path::is_file)
            && let Ok(stored) = self.read_stored()
        {
            self.paths = stored;
        }
        change(&mut self.paths);
        self.paths = normalized(std::mem::take(&mut self.paths));
        self.write_stored()
    }

    fn read_stored(&self) -> Result<Vec<PathBuf>, RecentError> {
        let Some(store) = &self.store else {
            return Ok(self.paths.clone());
        };
        let error = |message: String| RecentError {
            path: store.clone(),
            message,
        };
        let text =
            match super::data_dir::read_small(store, MAX_STORE_BYTES, "a list of recent files") {
                Ok(text) => text,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
                Err(e) => return Err(error(e.to_string())),
            };
        let stored: Stored = ron::from_str(&text)
            .map_err(|e| error(format!("the file is damaged ({e}); starting a new list")))?;
        Ok(normalized(
            stored.files.into_iter().map(PathBuf::from).collect(),
        ))
    }

    fn write_stored(&self) -> Result<(), RecentError> {
        let Some(store) = &self.store else {
            return Ok(());
        };
        let error = |message: String| RecentError {
            path: store.clone(),
            message,
        };
        let stored = Stored {
            version: STORED_VERSION,
            // Paths that are not UTF-8 cannot be written as RON strings; they
            // stay in memory for this run only.
            files: self
                .paths
                .iter()
                .filter_map(|p| p.to_str().map(str::to_owned))
                .collect(),
        };
        let text = ron::ser::to_string_pretty(&stored, ron::ser::PrettyConfig::default())
            .map_err(|e| error(e.to_string()))?;
        if let Some(folder) = store.parent() {
            std::fs::create_dir_all(folder).map_err(|e| error(e.to_string()))?;
        }
        crate::file::write_atomically(store, text.as_bytes()).map_err(|e| error(e.to_string()))
    }
}

/// The path used to tell files apart: canonical when the file exists,
/// otherwise absolute.
fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path)
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_path_buf())
}

/// Drops duplicates (keeping the first, most recent) and keeps at most
/// [`RecentFiles::MAX`].
fn normalized(paths: Vec<PathBuf>) -> Vec<PathBuf> {
    let mut seen = std::collections::HashSet::new();
    let mut out: Vec<PathBuf> = paths
        .into_iter()
        .filter(|p| !p.as_os_str().is_empty() && seen.insert(canonical(p)))
        .collect();
    out.truncate(RecentFiles::MAX);
    out
}

/// The largest recent-files list read.
const MAX_STORE_BYTES: u64 = 1024 * 1024;

#[cfg(test)]
mod tests {
    use super::distinct_names;
    use std::path::Path;

    #[test]
    fn distinct_names_show_the_folders_that_differ() {
        let a = Path::new("/home/ann/shop/architecture.ron");
        let b = Path::new("/home/ann/bank/architecture.ron");
        let c = Path::new("/home/ann/solo.ron");
        let d = Path::new("/work/x/shop/architecture.ron");
        assert_eq!(
            distinct_names(&[a, b, c]),
            ["shop/architecture.ron", "bank/architecture.ron", "solo.ron"]
        );
        assert_eq!(
            distinct_names(&[a, d]),
            ["ann/shop/architecture.ron", "x/shop/architecture.ron"]
        );
    }
}
