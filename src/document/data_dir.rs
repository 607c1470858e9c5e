//! The user's data folder, where Seams keeps recovery files, the recent
//! files list and the view preferences. No crate needed: it is a handful of
//! environment variables.
//!
//! | Platform | Folder |
//! |---|---|
//! | any, when set | `$SEAMS_DATA_DIR` (tests and portable installs) |
//! | Linux, BSD | `$XDG_DATA_HOME/seams`, else `$HOME/.local/share/seams` |
//! | macOS | `$HOME/Library/Application Support/seams` |
//! | Windows | `%APPDATA%\seams` |

use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// Environment variable that overrides the data folder. Its value is the
/// folder itself (not a parent of a `seams` folder).
pub const DATA_DIR_ENV: &str = "SEAMS_DATA_DIR";

/// The sub-folder of the data folder that holds recovery files.
pub const RECOVERY_FOLDER: &str = "recovery";

/// The file in the data folder that holds the recent files list.
pub const RECENT_FILE: &str = "recent.ron";

/// The file in the data folder that holds the editor's view preferences
/// (whether the legend is shown, and where).
pub const VIEW_FILE: &str = "view.ron";

/// The user's data folder for Seams, from the process environment; `None`
/// when the environment names none (no home folder), in which case autosave
/// and the recent files list cannot persist.
#[must_use]
pub fn data_dir() -> Option<PathBuf> {
    data_dir_from(|name| std::env::var_os(name))
}

/// The data folder given a way to read environment variables, so the rules
/// can be tested without touching the real environment. Relative or empty
/// values are ignored (the XDG spec says so for `XDG_DATA_HOME`; for the
/// others a relative home would make the folder depend on the working
/// directory), except [`DATA_DIR_ENV`], which is taken as given.
pub fn data_dir_from(var: impl Fn(&str) -> Option<OsString>) -> Option<PathBuf> {
    let absolute = |name: &str| {
        var(name)
            .map(PathBuf::from)
            .filter(|path| path.is_absolute())
    };
    if let Some(dir) = var(DATA_DIR_ENV).filter(|value| !value.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    let base = if cfg!(windows) {
        absolute("APPDATA")
    } else if cfg!(target_os = "macos") {
        absolute("HOME").map(|home| home.join("Library").join("Application Support"))
    } else {
        absolute("XDG_DATA_HOME")
            .or_else(|| absolute("HOME").map(|home| home.join(".local").join("share")))
    };
    base.map(|base| base.join("seams"))
}

/// A small file the editor keeps in its data folder, as text: a regular
/// file of at most `max` bytes (anything else is not ours). `what` names it
/// in the error ("too large for WHAT").
pub fn read_small(path: &Path, max: u64, what: &str) -> std::io::Result<String> {
    use std::io::Read as _;
    if !std::fs::metadata(path)?.is_file() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            "not a regular file",
        ));
    }
    let mut text = String::new();
    std::fs::File::open(path)?
        .take(max + 1)
        .read_to_string(&mut text)?;
    if text.len() as u64 > max {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("too large for {what}"),
        ));
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<OsString> + 'a {
        move |name| {
            pairs
                .iter()
                .find(|(key, _)| *key == name)
                .map(|(_, value)| OsString::from(value))
        }
    }

    #[test]
    fn override_wins() {
        let dir = data_dir_from(env(&[(DATA_DIR_ENV, "/tmp/x"), ("HOME", "/home/ada")]));
        assert_eq!(dir.as_deref(), Some(Path::new("/tmp/x")));
    }

    #[test]
    fn nothing_without_a_home() {
        assert_eq!(data_dir_from(env(&[(DATA_DIR_ENV, "")])), None);
    }

    #[cfg(all(unix, not(target_os = "macos")))]
    #[test]
    fn xdg_rules() {
        let dir = data_dir_from(env(&[("XDG_DATA_HOME", "/data"), ("HOME", "/home/ada")]));
        assert_eq!(dir.as_deref(), Some(Path::new("/data/seams")));
        let dir = data_dir_from(env(&[("XDG_DATA_HOME", "relative"), ("HOME", "/home/ada")]));
        assert_eq!(
            dir.as_deref(),
            Some(Path::new("/home/ada/.local/share/seams"))
        );
    }
}
