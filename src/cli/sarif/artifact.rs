//! Where a checked file is, as SARIF wants it: a URI relative to the
//! working folder (`%SRCROOT%`) when the file is below it, else a `file:`
//! URI; percent-encoded either way.

use super::{ArtifactLocation, SRCROOT};
use std::fmt::Write as _;
use std::path::{Component, Path, PathBuf};

/// A file's URI as SARIF wants it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Artifact {
    /// A relative reference (resolved against `%SRCROOT%`, the working
    /// folder) or an absolute `file:` URI.
    pub uri: String,
    /// Whether `uri` is relative to the working folder.
    pub relative: bool,
}

impl Artifact {
    pub(super) fn location(&self, index: Option<usize>) -> ArtifactLocation<'_> {
        ArtifactLocation {
            uri: &self.uri,
            uri_base_id: self.relative.then_some(SRCROOT),
            index,
        }
    }
}

/// The artifact URI of `path` (as given on the command line) for a run in
/// `cwd`: relative, with forward slashes and percent-encoding, when the
/// file lies below `cwd`; otherwise an absolute `file:` URI.
#[must_use]
pub fn artifact(path: &Path, cwd: Option<&Path>) -> Artifact {
    let absolute = match cwd {
        Some(cwd) => normalize(&cwd.join(path)),
        None if path.is_absolute() => normalize(path),
        None => {
            // No working folder to resolve against: the path as given.
            return Artifact {
                uri: relative_uri(&normalize(path)),
                relative: true,
            };
        }
    };
    if let Some(below) = cwd.and_then(|cwd| absolute.strip_prefix(normalize(cwd)).ok())
        && below.components().next().is_some()
    {
        return Artifact {
            uri: relative_uri(below),
            relative: true,
        };
    }
    Artifact {
        uri: file_uri(&absolute),
        relative: false,
    }
}

/// `path` without `.` components and with `..` taken back lexically (the
/// file system is not asked: the path need not exist).
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// The segments of a relative path, percent-encoded, joined by `/`.
fn relative_uri(path: &Path) -> String {
    let mut out = String::new();
    for (i, component) in path.components().enumerate() {
        if i > 0 {
            out.push('/');
        }
        encode_segment(&mut out, component.as_os_str().as_encoded_bytes());
    }
    out
}

/// An absolute path as a `file:` URI.
fn file_uri(path: &Path) -> String {
    let mut out = String::from("file://");
    let mut needs_slash = true;
    for component in path.components() {
        match component {
            Component::Prefix(prefix) => {
                // A Windows drive: `file:///C:/...`.
                out.push('/');
                out.push_str(&prefix.as_os_str().to_string_lossy().replace('\\', "/"));
            }
            Component::RootDir => {
                out.push('/');
                needs_slash = false;
            }
            other => {
                if needs_slash {
                    out.push('/');
                }
                encode_segment(&mut out, other.as_os_str().as_encoded_bytes());
                needs_slash = true;
            }
        }
    }
    out
}

/// A folder as a `file:` URI ending in `/`, as SARIF wants a base id.
pub(super) fn directory_uri(path: &Path) -> String {
    let mut uri = file_uri(&normalize(path));
    if !uri.ends_with('/') {
        uri.push('/');
    }
    uri
}

/// Appends `bytes` percent-encoded: everything but RFC 3986's unreserved
/// characters.
fn encode_segment(out: &mut String, bytes: &[u8]) {
    for &byte in bytes {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(byte as char);
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn artifacts_below_the_working_folder_are_relative_others_file_uris() {
        let cwd = Path::new("/home/ada/repo");
        let relative = |uri: &str| Artifact {
            uri: uri.to_owned(),
            relative: true,
        };
        let absolute = |uri: &str| Artifact {
            uri: uri.to_owned(),
            relative: false,
        };
        assert_eq!(artifact(Path::new("a.ron"), Some(cwd)), relative("a.ron"));
        assert_eq!(
            artifact(Path::new("./docs/my diagram.ron"), Some(cwd)),
            relative("docs/my%20diagram.ron")
        );
        assert_eq!(
            artifact(Path::new("/home/ada/repo/x/a:b#c.ron"), Some(cwd)),
            relative("x/a%3Ab%23c.ron")
        );
        assert_eq!(
            artifact(Path::new("../other/ü.ron"), Some(cwd)),
            absolute("file:///home/ada/other/%C3%BC.ron")
        );
        assert_eq!(
            artifact(Path::new("/tmp/a b.ron"), Some(cwd)),
            absolute("file:///tmp/a%20b.ron")
        );
        assert_eq!(
            artifact(Path::new("/home/ada/repository.ron"), Some(cwd)),
            absolute("file:///home/ada/repository.ron")
        );
        assert_eq!(directory_uri(cwd), "file:///home/ada/repo/");
        assert_eq!(directory_uri(Path::new("/")), "file:///");
    }
}
