//! Writing diagrams: a hand-rolled RON emitter with one element per line, in
//! a stable order with default-valued fields left out, and atomic file writes.
//!
//! One line per element keeps diffs to the element that changed, and writing
//! the text directly (rather than through a generic pretty-printer) pins the
//! layout down so that saving an unchanged diagram reproduces the file byte
//! for byte.

use super::FORMAT_VERSION;
use crate::model::{
    Diagram, Interface, Isolation, Load, Module, Point, Rect, Release, Size, Startup, Team, Trust,
    Unit,
};
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;

/// Serializes `diagram` as a Seams file: `version: 1` while it uses no
/// version-2 feature (`third_party`, `Load`), so an unchanged version-1 file
/// re-saves byte for byte and older Seams can still open it; else
/// `version: 2`.
#[must_use]
pub fn to_ron_string(diagram: &Diagram) -> String {
    let mut out = String::with_capacity(
        256 + 160 * (diagram.modules.len() + diagram.interfaces.len() + diagram.units.len()),
    );
    out.push_str("#![enable(implicit_some)]\n(\n");
    out.push_str("    format: \"seams\",\n");
    let _ = writeln!(out, "    version: {},", format_version(diagram));
    if !diagram.title.is_empty() {
        let _ = writeln!(out, "    title: {},", quote(&diagram.title));
    }
    let settings = &diagram.settings;
    if settings.strong_isolation != Isolation::Sandbox || !settings.rules.is_empty() {
        out.push_str("    settings: (\n");
        if settings.strong_isolation != Isolation::Sandbox {
            let _ = writeln!(
                out,
                "        strong_isolation: {},",
                settings.strong_isolation.file_name()
            );
        }
        if !settings.rules.is_empty() {
            out.push_str("        rules: {\n");
            for (rule, level) in &settings.rules {
                let _ = writeln!(
                    out,
                    "            {}: {},",
                    quote(rule.as_str()),
                    level.file_name()
                );
            }
            out.push_str("        },\n");
        }
        out.push_str("    ),\n");
    }
    section(&mut out, "teams", &diagram.teams, write_team);
    section(&mut out, "units", &diagram.units, write_unit);
    section(&mut out, "modules", &diagram.modules, write_module);
    section(&mut out, "interfaces", &diagram.interfaces, write_interface);
    section(&mut out, "accepted", &diagram.accepted, |out, a| {
        field(out, "finding", &quote(&a.finding));
        field(out, "reason", &quote(&a.reason));
    });
    out.push_str(")\n");
    out
}

/// Writes `diagram` to `path` atomically: a temporary file in the same
/// folder is written, flushed and synced, then renamed over `path`, so a
/// crash mid-save leaves the old file intact.
pub fn save(diagram: &Diagram, path: &Path) -> std::io::Result<()> {
    write_atomically(path, to_ron_string(diagram).as_bytes())
}

/// Writes `bytes` to `path` through a synced temporary file in the same
/// folder and a rename. On failure the temporary file is removed and `path`
/// is untouched.
///
/// The write cannot be redirected: the temporary file is created new
/// (`create_new`: it fails rather than open anything already there, a
/// symbolic link included) under an unpredictable name,
/// `.NAME.seams-tmp-PID-RANDOM`. Only a regular file is replaced, and it
/// keeps its permissions; a symbolic link, folder, FIFO or device at `path`
/// is refused with a [`NotRegularFile`] error. Temporary files that a
/// killed save of the same file left behind are removed first.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let file_name = path.file_name().ok_or_else(|| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!("{} is not a file path", path.display()),
        )
    })?;
    let permissions = replaceable(path)?;
    temp::remove_stale(&folder, file_name);
    let (temp_path, mut file) = temp::create(&folder, file_name, permissions.as_ref())?;
    let result = (|| {
        if let Some(permissions) = permissions {
            file.set_permissions(permissions)?;
        }
        file.write_all(bytes)?;
        file.flush()?;
        file.sync_all()?;
        drop(file);
        // Checked again just before the rename: what stands at `path` may
        // have changed while we wrote. (The rename itself never follows a
        // link; it would replace the link.)
        replaceable(path)?;
        std::fs::rename(&temp_path, path)?;
        // Make the rename itself durable where the platform allows it.
        if let Ok(dir) = std::fs::File::open(&folder) {
            let _ = dir.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp_path);
    }
    result
}

/// Something at the target path that saving will not replace: Seams only
/// ever replaces a regular file.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "{} is {what}, not a regular file; Seams only replaces regular files (write to another name{hint})",
    path.display()
)]
pub struct NotRegularFile {
    /// The target.
    pub path: std::path::PathBuf,
    /// What it is: "a symbolic link", "a folder", "a FIFO", ...
    pub what: &'static str,
    hint: &'static str,
}

/// The permissions of the regular file at `path`, `None` when there is
/// nothing there, or an error when there is something else.
fn replaceable(path: &Path) -> std::io::Result<Option<std::fs::Permissions>> {
    let metadata = match std::fs::symlink_metadata(path) {
        Ok(metadata) => metadata,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    let kind = metadata.file_type();
    if kind.is_file() {
        return Ok(Some(metadata.permissions()));
    }
    let (what, hint, error_kind) = if kind.is_symlink() {
        (
            "a symbolic link",
            ", or to the file the link points to",
            std::io::ErrorKind::InvalidInput,
        )
    } else if kind.is_dir() {
        ("a folder", "", std::io::ErrorKind::IsADirectory)
    } else {
        (special_kind(kind), "", std::io::ErrorKind::InvalidInput)
    };
    Err(std::io::Error::new(
        error_kind,
        NotRegularFile {
            path: path.to_path_buf(),
            what,
            hint,
        },
    ))
}

#[cfg(unix)]
fn special_kind(kind: std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt as _;
    if kind.is_fifo() {
        "a FIFO (named pipe)"
    } else if kind.is_char_device() || kind.is_block_device() {
        "a device"
    } else if kind.is_socket() {
        "a socket"
    } else {
        "not a regular file"
    }
}

#[cfg(not(unix))]
fn special_kind(_: std::fs::FileType) -> &'static str {
    "a special file"
}

/// Temporary files for atomic writes: created new under names nobody can
/// predict, and found again by their pattern when a killed save left one.
mod temp {
    use std::ffi::OsStr;
    use std::fs::{File, OpenOptions};
    use std::path::{Path, PathBuf};
    use std::time::{Duration, SystemTime};

    /// The part of a temporary file's name after `.NAME`.
    const MARK: &str = ".seams-tmp-";

    /// A temporary file whose writer cannot be told alive or dead (no
    /// `/proc`) is taken as abandoned after this long.
    const ABANDONED_AFTER: Duration = Duration::from_hours(1);

    /// How many names are tried before giving up (each is new and
    /// random; a clash means someone is guessing).
    const ATTEMPTS: u32 = 16;

    /// Creates a new temporary file for `file_name` in `folder`, readable
    /// only by its owner until it gets the target's permissions.
    pub(super) fn create(
        folder: &Path,
        file_name: &OsStr,
        target: Option<&std::fs::Permissions>,
    ) -> std::io::Result<(PathBuf, File)> {
        let mut last_error = None;
        for _ in 0..ATTEMPTS {
            let mut name = std::ffi::OsString::from(".");
            name.push(file_name);
            name.push(format!("{MARK}{}-{:016x}", std::process::id(), random()));
            let path = folder.join(name);
            let mut options = OpenOptions::new();
            options.write(true).create_new(true);
            // A new file gets the usual permissions (the umask decides); a
            // replacement starts private and gets the target's once open.
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(
                &mut options,
                if target.is_some() { 0o600 } else { 0o666 },
            );
            #[cfg(not(unix))]
            let _ = target;
            match options.open(&path) {
                Ok(file) => return Ok((path, file)),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last_error = Some(e),
                Err(e) => return Err(e),
            }
        }
        Err(last_error.unwrap_or_else(|| std::io::Error::other("no temporary file name was free")))
    }

    /// 64 bits nobody outside this process can guess: std's per-process
    /// random hash keys, over the time and a counter.
    fn random() -> u64 {
        use std::hash::BuildHasher as _;
        use std::sync::atomic::{AtomicU64, Ordering};
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let nanos = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        std::collections::hash_map::RandomState::new().hash_one((
            nanos,
            COUNTER.fetch_add(1, Ordering::Relaxed),
            std::process::id(),
        ))
    }

    /// Removes the temporary files of `file_name` in `folder` that a save
    /// killed before its rename left behind: those whose process is gone,
    /// or, where that cannot be told, that are old. (Also the names older
    /// Seams used, `.NAME.PID.tmp`.) Failures are ignored: this is
    /// housekeeping.
    pub(super) fn remove_stale(folder: &Path, file_name: &OsStr) {
        let Ok(entries) = std::fs::read_dir(folder) else {
            return;
        };
        let prefix = {
            let mut p = b".".to_vec();
            p.extend_from_slice(file_name.as_encoded_bytes());
            p
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            let Some(rest) = name.as_encoded_bytes().strip_prefix(prefix.as_slice()) else {
                continue;
            };
            let Some(pid) = writer_pid(rest) else {
                continue;
            };
            if pid == std::process::id() {
                continue;
            }
            let Ok(metadata) = entry.path().symlink_metadata() else {
                continue;
            };
            if !metadata.file_type().is_file() {
                continue;
            }
            let abandoned = match process_alive(pid) {
                Some(alive) => !alive,
                None => metadata
                    .modified()
                    .ok()
                    .and_then(|m| m.elapsed().ok())
                    .is_some_and(|age| age > ABANDONED_AFTER),
            };
            if abandoned {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }

    /// The writer's process id in what follows `.NAME` in a temporary
    /// file's name: `.seams-tmp-PID-RANDOM`, or `.PID.tmp` (older Seams).
    fn writer_pid(rest: &[u8]) -> Option<u32> {
        let text = std::str::from_utf8(rest).ok()?;
        if let Some(tail) = text.strip_prefix(MARK) {
            let (pid, random) = tail.split_once('-')?;
            if random.len() != 16 || !random.bytes().all(|b| b.is_ascii_hexdigit()) {
                return None;
            }
            return pid.parse().ok();
        }
        text.strip_prefix('.')?.strip_suffix(".tmp")?.parse().ok()
    }

    /// Whether process `pid` is running, where the system says (`/proc`).
    fn process_alive(pid: u32) -> Option<bool> {
        let proc = Path::new("/proc");
        if !proc.join("self").exists() {
            return None;
        }
        Some(proc.join(pid.to_string()).exists())
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn temporary_names_are_recognised() {
            assert_eq!(writer_pid(b".seams-tmp-123-00000000deadbeef"), Some(123));
            assert_eq!(writer_pid(b".99999.tmp"), Some(99_999));
            assert_eq!(writer_pid(b".seams-tmp-123-nothex"), None);
            assert_eq!(writer_pid(b".bak"), None);
            assert_eq!(writer_pid(b"x.seams-tmp-1-00000000deadbeef"), None);
        }
    }
}

/// The oldest format version that can hold `diagram`.
#[must_use]
pub fn format_version(diagram: &Diagram) -> u64 {
    let uses_v2 = diagram.modules.iter().any(|m| m.third_party)
        || diagram
            .interfaces
            .iter()
            .any(|f| f.kind == crate::model::InterfaceKind::Load);
    if uses_v2 { FORMAT_VERSION } else { 1 }
}

fn section<T>(out: &mut String, name: &str, items: &[T], write: impl Fn(&mut String, &T)) {
    if items.is_empty() {
        return;
    }
    let _ = writeln!(out, "    {name}: [");
    for item in items {
        out.push_str("        (");
        write(out, item);
        // Every writer leaves a trailing ", ".
        out.truncate(out.len() - 2);
        out.push_str("),\n");
    }
    out.push_str("    ],\n");
}

fn field(out: &mut String, name: &str, value: &str) {
    out.push_str(name);
    out.push_str(": ");
    out.push_str(value);
    out.push_str(", ");
}

fn write_team(out: &mut String, team: &Team) {
    field(out, "id", &quote(team.id.as_str()));
    if team.name != team.id.as_str() {
        field(out, "name", &quote(&team.name));
    }
    if let Some(color) = &team.color {
        field(out, "color", &quote(color));
    }
}

fn write_unit(out: &mut String, unit: &Unit) {
    field(out, "id", &quote(unit.id.as_str()));
    if unit.name != unit.id.as_str() {
        field(out, "name", &quote(&unit.name));
    }
    field(out, "isolation", unit.isolation.file_name());
    if let Some(parent) = &unit.parent {
        field(out, "parent", &quote(parent.as_str()));
    }
    if unit.release != Release::Own {
        field(out, "release", unit.release.file_name());
    }
    if !unit.notes.is_empty() {
        field(out, "notes", &quote(&unit.notes));
    }
    if let Some(rect) = &unit.rect {
        field(out, "rect", &rect_text(rect));
    }
}

fn write_module(out: &mut String, module: &Module) {
    field(out, "id", &quote(module.id.as_str()));
    if module.name != module.id.as_str() {
        field(out, "name", &quote(&module.name));
    }
    if module.kind != crate::model::ModuleKind::Component {
        field(out, "kind", module.kind.file_name());
    }
    if module.trust != Trust::default_for(module.kind) {
        field(out, "trust", module.trust.file_name());
    }
    if let Some(zone) = &module.zone {
        field(out, "zone", &quote(zone));
    }
    if module.third_party {
        field(out, "third_party", "true");
    }
    if let Some(team) = &module.team {
        field(out, "team", &quote(team.as_str()));
    }
    if let Some(unit) = &module.unit {
        field(out, "unit", &quote(unit.as_str()));
    }
    if let Some(reliability) = module.reliability {
        field(out, "reliability", reliability.file_name());
    }
    if module.startup != Startup::Fast {
        field(out, "startup", module.startup.file_name());
    }
    if module.load != Load::Light {
        field(out, "load", module.load.file_name());
    }
    if !module.notes.is_empty() {
        field(out, "notes", &quote(&module.notes));
    }
    if let Some(pos) = &module.pos {
        field(out, "pos", &point_text(*pos));
    }
    if let Some(size) = &module.size {
        field(out, "size", &size_text(*size));
    }
}

fn write_interface(out: &mut String, interface: &Interface) {
    field(out, "id", &quote(interface.id.as_str()));
    field(out, "from", &quote(interface.from.as_str()));
    field(out, "to", &quote(interface.to.as_str()));
    field(out, "kind", interface.kind.file_name());
    if !interface.label.is_empty() {
        field(out, "label", &quote(&interface.label));
    }
    if interface.versioned {
        field(out, "versioned", "true");
    }
    if !interface.notes.is_empty() {
        field(out, "notes", &quote(&interface.notes));
    }
    if !interface.points.is_empty() {
        let points: Vec<String> = interface.points.iter().copied().map(point_text).collect();
        field(out, "points", &format!("[{}]", points.join(", ")));
    }
}

/// A RON string literal for `text`, escaped.
fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A float as RON reads it back exactly (shortest round-trip form, always
/// with a decimal point or exponent).
fn number(value: f32) -> String {
    let text = format!("{value:?}");
    // `inf`, `-inf` and `NaN` as RON writes them (the loader refuses them
    // with a located error; the editor never makes them).
    if text.contains(['.', 'e', 'E']) || !value.is_finite() {
        text
    } else {
        format!("{text}.0")
    }
}

fn point_text(p: Point) -> String {
    format!("(x: {}, y: {})", number(p.x), number(p.y))
}

fn size_text(s: Size) -> String {
    format!("(w: {}, h: {})", number(s.w), number(s.h))
}

fn rect_text(r: &Rect) -> String {
    format!(
        "(x: {}, y: {}, w: {}, h: {})",
        number(r.x),
        number(r.y),
        number(r.w),
        number(r.h)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_escapes_what_ron_needs() {
        assert_eq!(quote("a \"b\" \\ c\n"), "\"a \\\"b\\\" \\\\ c\\n\"");
        assert_eq!(quote("\u{1}"), "\"\\u{1}\"");
    }

    #[test]
    fn numbers_keep_a_decimal_point() {
        assert_eq!(number(40.0), "40.0");
        assert_eq!(number(0.1), "0.1");
        assert_eq!(number(-3.5), "-3.5");
    }
}
