//! The layering of ARCHITECTURE.md, checked: every `crate::` path in a
//! top-level module's code (its tests aside) names a module it may use.
//!
//! The compiler keeps egui out of the core (the `gui` feature); this keeps
//! the arrows between the core's own modules pointing one way, so a new
//! `use crate::scene` in `layout` fails here instead of quietly closing a
//! circle.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Each top-level module and the modules its code may use. A module lists
/// only modules above it in this table, so the arrows cannot form a circle
/// (checked too). ARCHITECTURE.md draws the same arrows.
const ALLOWED: &[(&str, &[&str])] = &[
    ("text", &[]),
    ("theme", &[]),
    ("model", &[]),
    ("metrics", &["model", "text", "theme"]),
    ("grid", &["model"]),
    ("file", &["model"]),
    ("rules", &["model", "grid"]),
    ("layout", &["model", "grid", "metrics", "text", "theme"]),
    ("edit", &["model", "layout", "theme"]),
    ("compare", &["model", "rules"]),
    ("document", &["model", "file", "rules"]),
    ("examples", &["model", "file"]),
    (
        "scene",
        &["model", "rules", "grid", "metrics", "text", "theme"],
    ),
    (
        "export",
        &["model", "file", "rules", "layout", "scene", "text", "theme"],
    ),
    (
        "cli",
        &[
            "model", "file", "rules", "compare", "layout", "scene", "export",
        ],
    ),
    (
        "ui",
        &[
            "model", "file", "rules", "compare", "layout", "edit", "document", "examples", "scene",
            "export", "grid", "metrics", "text", "theme",
        ],
    ),
];

/// The leading identifier of `text`.
fn ident(text: &str) -> &str {
    let end = text
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(text.len());
    &text[..end]
}

/// The first identifier of each path that `after` starts: one for
/// `x::...`, one per path of a group `{x, y::z}`.
fn path_heads(after: &str) -> Vec<&str> {
    let Some(group) = after.strip_prefix('{') else {
        return vec![ident(after)];
    };
    // Split the group at its own commas, not those of nested groups.
    let mut heads = Vec::new();
    let mut depth = 0;
    let mut start = 0;
    for (i, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => {
                heads.push(ident(group[start..i].trim_start()));
                break;
            }
            '}' => depth -= 1,
            ',' if depth == 0 => {
                heads.push(ident(group[start..i].trim_start()));
                start = i + 1;
            }
            _ => {}
        }
    }
    heads
}

/// Whether `code[at..]` starts a path rather than continuing one (or
/// another crate's name ending in the same letters).
fn starts_path(code: &str, at: usize) -> bool {
    !code[..at]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':')
}

/// The top-level modules named after `crate::` in `code`: `crate::x::...`
/// and each path of `crate::{x, y::z}`.
fn crate_paths(code: &str) -> BTreeSet<&str> {
    let mut found = BTreeSet::new();
    for (at, _) in code.match_indices("crate::") {
        if starts_path(code, at) {
            found.extend(path_heads(&code[at + "crate::".len()..]));
        }
    }
    found.remove("");
    found
}

/// The children of `top` that `code`, in the file of module `path` (such
/// as `["ui", "canvas", "drag"]`), names: through `super::` up to `top`, or
/// `crate::top::`.
fn sibling_paths<'a>(code: &'a str, path: &[String], top: &str) -> BTreeSet<&'a str> {
    let mut found = BTreeSet::new();
    let absolute = format!("crate::{top}::");
    for (at, _) in code.match_indices(absolute.as_str()) {
        if starts_path(code, at) {
            found.extend(path_heads(&code[at + absolute.len()..]));
        }
    }
    for (at, _) in code.match_indices("super::") {
        if !starts_path(code, at) {
            continue;
        }
        let mut rest = &code[at..];
        let mut up = 0;
        while let Some(after) = rest.strip_prefix("super::") {
            rest = after;
            up += 1;
        }
        if path.len() == up + 1 {
            found.extend(path_heads(rest));
        }
    }
    found.remove("");
    found
}

/// A file's code without its comments and its test module: lines up to a
/// `#[cfg(test)]` that opens a `mod`.
fn code_of(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut code = String::with_capacity(text.len());
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("#[cfg(test)]") {
            let next = lines[i + 1..]
                .iter()
                .map(|l| l.trim_start())
                .find(|l| !l.starts_with("#[") && !l.starts_with("//"));
            // `mod tests;` lives in its own file (skipped); `mod tests {`
            // runs to the end of this one.
            let opens_module = next.is_some_and(|l| {
                (l.starts_with("mod ") || l.starts_with("pub(crate) mod ")) && !l.ends_with(';')
            });
            if opens_module {
                break;
            }
        }
        if trimmed.starts_with("//") {
            continue;
        }
        code.push_str(line);
        code.push('\n');
    }
    code
}

/// Every `.rs` file under `dir`, test files (`tests.rs`) aside.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs")
            && path.file_name().is_some_and(|n| n != "tests.rs")
        {
            out.push(path);
        }
    }
}

/// Every arrow that `ALLOWED` does not allow, as "from -> to (file)".
fn wrong_arrows(src: &Path) -> Vec<String> {
    let mut wrong = Vec::new();
    for &(module, allowed) in ALLOWED {
        let mut files = Vec::new();
        rust_files(&src.join(module), &mut files);
        files.push(src.join(format!("{module}.rs")));
        for file in files {
            let Ok(text) = std::fs::read_to_string(&file) else {
                continue;
            };
            for used in crate_paths(&code_of(&text)) {
                if used != module && !allowed.contains(&used) {
                    wrong.push(format!("{module} -> {used} ({})", file.display()));
                }
            }
        }
    }
    wrong
}

/// The module path of `file` under `src` (`src/ui/canvas/mod.rs` is
/// `["ui", "canvas"]`).
fn module_path(src: &Path, file: &Path) -> Vec<String> {
    let relative = file.strip_prefix(src).unwrap_or(file).with_extension("");
    let mut path: Vec<String> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if path.last().is_some_and(|last| last == "mod") {
        path.pop();
    }
    path
}

/// Within each top-level module, the arrows between its children (a child
/// being a file or folder directly in it, with everything below), and the
/// first circle among them, as "top: a -> b -> a".
fn sibling_circles(src: &Path) -> Vec<String> {
    let mut circles = Vec::new();
    for &(top, _) in ALLOWED {
        let mut files = Vec::new();
        rust_files(&src.join(top), &mut files);
        let mut arrows: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for file in &files {
            let path = module_path(src, file);
            let Ok(text) = std::fs::read_to_string(file) else {
                continue;
            };
            let Some(child) = path.get(1) else { continue };
            let code = code_of(&text);
            let used = sibling_paths(&code, &path, top);
            let entry = arrows.entry(child.clone()).or_default();
            entry.extend(used.into_iter().filter(|u| u != child).map(str::to_owned));
        }
        // Only children count: `super::Item` may name an item of `top`.
        let children: BTreeSet<String> = arrows.keys().cloned().collect();
        for targets in arrows.values_mut() {
            targets.retain(|t| children.contains(t));
        }
        if let Some(circle) = first_circle(&arrows) {
            circles.push(format!("{top}: {}", circle.join(" -> ")));
        }
    }
    circles
}

/// A circle in `arrows` (its nodes, the first repeated at the end), if any.
fn first_circle(arrows: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        arrows: &BTreeMap<String, BTreeSet<String>>,
        done: &mut BTreeSet<String>,
        trail: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = trail.iter().position(|n| n == node) {
            let mut circle = trail[at..].to_vec();
            circle.push(node.to_owned());
            return Some(circle);
        }
        if done.contains(node) {
            return None;
        }
        trail.push(node.to_owned());
        for next in arrows.get(node).into_iter().flatten() {
            if let Some(circle) = visit(next, arrows, done, trail) {
                return Some(circle);
            }
        }
        trail.pop();
        done.insert(node.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    arrows
        .keys()
        .find_map(|node| visit(node, arrows, &mut done, &mut Vec::new()))
}

#[test]
fn no_circles_inside_a_module() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let circles = sibling_circles(&src);
    assert!(
        circles.is_empty(),
        "files that import each other (move the shared part below both):\n{}",
        circles.join("\n")
    );
}

#[test]
fn every_import_points_down() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let wrong = wrong_arrows(&src);
    assert!(
        wrong.is_empty(),
        "imports against ARCHITECTURE.md:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_table_names_every_module_once_and_only_looks_up() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    for (i, &(module, allowed)) in ALLOWED.iter().enumerate() {
        let above: Vec<&str> = ALLOWED[..i].iter().map(|&(m, _)| m).collect();
        assert!(!above.contains(&module), "{module} twice");
        for used in allowed {
            assert!(
                above.contains(used),
                "{module} may use {used}, listed after it"
            );
        }
    }
    // Every module of lib.rs is in the table.
    let lib = std::fs::read_to_string(src.join("lib.rs")).expect("lib.rs");
    for line in lib.lines() {
        if let Some(name) = line.strip_prefix("pub mod ") {
            let name = name.trim_end_matches(';');
            assert!(
                ALLOWED.iter().any(|&(m, _)| m == name),
                "{name} is not in the layering table"
            );
        }
    }
}

#[test]
fn the_scanner_sees_what_it_must() {
    let code = code_of(
        "use crate::model::Diagram;\n\
         // use crate::ui::Nothing;\n\
         use crate::{scene::{self, Scene}, text};\n\
         fn f() { other_crate::x(); crate::rules::check(); }\n\
         #[cfg(test)]\n\
         fn only_in_tests() { crate::edit::x(); }\n\
         #[cfg(test)]\n\
         mod tests_elsewhere;\n\
         fn after() { crate::grid::x(); }\n\
         #[cfg(test)]\n\
         mod tests { use crate::file; }\n",
    );
    let found: Vec<&str> = crate_paths(&code).into_iter().collect();
    assert_eq!(found, ["edit", "grid", "model", "rules", "scene", "text"]);

    // A real wrong arrow in a scratch tree is reported.
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(dir.path().join("layout")).expect("layout dir");
    std::fs::write(
        dir.path().join("layout").join("size.rs"),
        "use crate::scene::module_extra_width;\n",
    )
    .expect("written");
    let wrong = wrong_arrows(dir.path());
    assert_eq!(wrong.len(), 1, "{wrong:?}");
    assert!(wrong[0].starts_with("layout -> scene"), "{wrong:?}");

    // Two children of a module that use each other, one through `super::`
    // from a grandchild, the other through `crate::`, are a circle; a
    // grandchild's use of its own parent is not.
    std::fs::create_dir_all(dir.path().join("ui").join("canvas")).expect("ui dir");
    let write = |path: &str, text: &str| {
        std::fs::write(dir.path().join(path), text).expect("written");
    };
    write(
        "ui/canvas/mod.rs",
        "mod drag;\nuse crate::ui::blast::Blast;\n",
    );
    write("ui/canvas/drag.rs", "use super::Canvas;\n");
    write("ui/findings.rs", "use super::super::model::X;\n");
    assert!(sibling_circles(dir.path()).is_empty());
    write(
        "ui/blast.rs",
        "use super::{canvas::camera::Transform, findings};\n",
    );
    let circles = sibling_circles(dir.path());
    assert_eq!(circles, ["ui: blast -> canvas -> blast"]);
}
