//! Saving a document through the core's atomic write, and saying why it
//! failed in words a user understands.

use super::DiskStamp;
use crate::file;
use crate::model::Diagram;
use std::fmt;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

/// Why a save failed, in categories a user can act on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SaveFailure {
    /// No permission to write in the folder or to the file.
    PermissionDenied,
    /// The folder is on a read-only file system.
    ReadOnly,
    /// The disk (or the user's quota) is full.
    DiskFull,
    /// The folder does not exist (moved, renamed, deleted, unmounted).
    FolderMissing,
    /// What should be the folder is a file.
    ParentIsFile,
    /// There is a folder where the file should go.
    TargetIsFolder,
    /// The chosen name is a PNG or SVG; Seams saves diagrams as RON and
    /// writes images through Export.
    ImageTarget,
    /// Something other than a regular file stands at the path (a symbolic
    /// link, a FIFO, a device): Seams does not replace it. The detail says
    /// what it is.
    NotRegularFile,
    /// Anything else; the detail says what the system reported.
    Other,
}

/// A save that did not happen. The file on disk is unchanged (the write is
/// atomic) and the document stays open with its unsaved changes.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub struct SaveError {
    /// The file that was to be written.
    pub path: PathBuf,
    /// The kind of failure.
    pub failure: SaveFailure,
    /// What the operating system said, for the curious and for bug reports.
    pub detail: String,
}

impl fmt::Display for SaveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = self.path.file_name().map_or_else(
            || self.path.display().to_string(),
            |name| name.to_string_lossy().into_owned(),
        );
        let folder = self
            .path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| ".".to_owned(), |p| p.display().to_string());
        write!(f, "Could not save “{name}”: ")?;
        match self.failure {
            SaveFailure::PermissionDenied => write!(
                f,
                "you do not have permission to write in the folder “{folder}”. Save it somewhere else with Save As."
            )?,
            SaveFailure::ReadOnly => write!(
                f,
                "the folder “{folder}” is on a read-only disk. Save it somewhere else with Save As."
            )?,
            SaveFailure::DiskFull => f.write_str(
                "the disk is full. Free some space and save again, or save to another disk with Save As.",
            )?,
            SaveFailure::FolderMissing => write!(
                f,
                "the folder “{folder}” does not exist any more (it may have been moved, renamed or deleted). Save it somewhere else with Save As."
            )?,
            SaveFailure::ParentIsFile => write!(
                f,
                "“{folder}” is a file, not a folder. Choose a folder with Save As."
            )?,
            SaveFailure::TargetIsFolder => {
                f.write_str("there is a folder with that name. Choose another name with Save As.")?;
            }
            SaveFailure::ImageTarget => f.write_str(
                "Seams saves diagrams as .ron files. Choose a name ending in .ron; to write a PNG or SVG image, use File → Export.",
            )?,
            SaveFailure::NotRegularFile => write!(
                f,
                "it is {}, not a regular file, and Seams only replaces regular files. Save it under another name with Save As.",
                self.detail
            )?,
            SaveFailure::Other => write!(f, "{}.", self.detail)?,
        }
        f.write_str(" Nothing on disk was changed, and your diagram is still open.")
    }
}

impl SaveError {
    fn new(path: &Path, failure: SaveFailure, detail: impl Into<String>) -> Self {
        SaveError {
            path: path.to_path_buf(),
            failure,
            detail: detail.into(),
        }
    }

    /// Classifies an I/O error from writing `path`.
    fn from_io(path: &Path, error: &std::io::Error) -> Self {
        if let Some(refused) = error
            .get_ref()
            .and_then(|e| e.downcast_ref::<file::NotRegularFile>())
        {
            return SaveError::new(path, SaveFailure::NotRegularFile, refused.what);
        }
        let failure = match error.kind() {
            ErrorKind::PermissionDenied => SaveFailure::PermissionDenied,
            ErrorKind::ReadOnlyFilesystem => SaveFailure::ReadOnly,
            ErrorKind::StorageFull | ErrorKind::QuotaExceeded | ErrorKind::FileTooLarge => {
                SaveFailure::DiskFull
            }
            ErrorKind::NotFound => SaveFailure::FolderMissing,
            ErrorKind::NotADirectory => SaveFailure::ParentIsFile,
            ErrorKind::IsADirectory | ErrorKind::DirectoryNotEmpty => SaveFailure::TargetIsFolder,
            _ => SaveFailure::Other,
        };
        SaveError::new(path, failure, error.to_string())
    }
}

/// Whether `path` names an image, which Save must not overwrite with RON.
fn is_image_name(path: &Path) -> bool {
    path.extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("png") || ext.eq_ignore_ascii_case("svg"))
}

/// Writes `diagram` to `path` with the core's atomic save and returns the
/// stamp of what is now on disk. Checks the folder first so the common
/// failures get a precise message on every platform; whatever happens, the
/// old file is either replaced whole or left untouched.
pub(crate) fn write_diagram(diagram: &Diagram, path: &Path) -> Result<DiskStamp, SaveError> {
    if is_image_name(path) {
        return Err(SaveError::new(
            path,
            SaveFailure::ImageTarget,
            "the name ends in .png or .svg",
        ));
    }
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    match std::fs::metadata(folder) {
        Ok(metadata) if !metadata.is_dir() => {
            return Err(SaveError::new(
                path,
                SaveFailure::ParentIsFile,
                "not a folder",
            ));
        }
        Err(e) if e.kind() == ErrorKind::NotFound => {
            return Err(SaveError::new(
                path,
                SaveFailure::FolderMissing,
                e.to_string(),
            ));
        }
        // Other errors (say, a grandparent that is a file) are left to the
        // write, which reports them.
        Ok(_) | Err(_) => {}
    }
    if path.is_dir() {
        return Err(SaveError::new(
            path,
            SaveFailure::TargetIsFolder,
            "is a folder",
        ));
    }
    let text = file::to_ron_string(diagram);
    file::write_atomically(path, text.as_bytes()).map_err(|e| SaveError::from_io(path, &e))?;
    let metadata = std::fs::metadata(path).map_err(|e| SaveError::from_io(path, &e))?;
    Ok(DiskStamp::new(&metadata, text.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_say_why_and_what_to_do() {
        let error = SaveError::from_io(
            Path::new("/home/ada/plans/system.ron"),
            &std::io::Error::from(ErrorKind::StorageFull),
        );
        assert_eq!(error.failure, SaveFailure::DiskFull);
        let text = error.to_string();
        assert!(
            text.starts_with("Could not save “system.ron”: the disk is full."),
            "{text}"
        );
        assert!(text.ends_with("your diagram is still open."), "{text}");

        let error = SaveError::from_io(
            Path::new("/home/ada/plans/system.ron"),
            &std::io::Error::from(ErrorKind::PermissionDenied),
        );
        assert!(
            error
                .to_string()
                .contains("permission to write in the folder “/home/ada/plans”")
        );
    }

    #[test]
    fn special_files_are_refused_not_replaced() {
        let dir = tempfile::tempdir().expect("temp dir");
        let real = dir.path().join("real.ron");
        std::fs::write(&real, "kept").expect("writes");
        let link = dir.path().join("link.ron");
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(&real, &link).expect("links");
            let error = write_diagram(&Diagram::default(), &link).expect_err("refused");
            assert_eq!(error.failure, SaveFailure::NotRegularFile);
            assert!(
                error
                    .to_string()
                    .contains("it is a symbolic link, not a regular file"),
                "{error}"
            );
            assert!(link.symlink_metadata().expect("still there").is_symlink());
            assert_eq!(std::fs::read(&real).expect("reads"), b"kept");
        }
    }

    #[test]
    fn image_names_are_refused() {
        assert!(is_image_name(Path::new("a/b.PNG")));
        assert!(is_image_name(Path::new("b.svg")));
        assert!(!is_image_name(Path::new("b.ron")));
        assert!(!is_image_name(Path::new("png")));
    }
}
