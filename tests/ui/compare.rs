//! File → Compare with… driven through the editor's accessibility tree:
//! compare against a file in a temp dir, see both scorecards, click a
//! changed element and it is selected; the comparison follows unsaved
//! edits; without file dialogs a typed path does it; Help → Examples
//! compares the two operating-system examples.

use crate::support::{Dialogs, Editor, open_sized, replace_text, selection};
use egui::accesskit::Role;
use egui::{Key, Modifiers, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use seams::edit::{Edit, ElementRef};
use seams::model::{ModuleId, Trust};
use seams::ui::SeamsApp;
use seams::ui::actions::Action;
use std::path::{Path, PathBuf};

/// The editor on the photo-sharing example (untitled), in a window that
/// holds both scorecards.
fn editor() -> Editor {
    let document = seams::ui::load_example(seams::examples::built_in()).expect("the example loads");
    open_sized(document, Vec2::new(1400.0, 1000.0))
}

/// The photo-sharing example as it was before its PNG decoder was marked
/// untrusted, saved as `old.ron` in `dir`.
fn old_version(dir: &Path) -> PathBuf {
    let mut diagram =
        seams::file::load_str(seams::examples::built_in().text).expect("the example loads");
    diagram.module_mut("png").expect("png").trust = Trust::Trusted;
    let path = dir.join("old.ron");
    seams::file::save(&diagram, &path).expect("saves");
    path
}

/// The editor on the example, with its old version saved in a fresh folder
/// (keep it alive for the test) and the file dialogs `dialogs` makes for
/// that file.
fn with_old_version(dialogs: impl FnOnce(PathBuf) -> Dialogs) -> (tempfile::TempDir, Editor) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let old = old_version(dir.path());
    let mut harness = editor();
    harness
        .state_mut()
        .files
        .set_dialogs(Box::new(dialogs(old)));
    (dir, harness)
}

/// The name of the diagram the open comparison is against.
fn compared_with(harness: &Harness<'_, SeamsApp>) -> String {
    harness
        .state()
        .windows
        .compare
        .as_ref()
        .expect("the comparison is open")
        .other_name()
        .to_owned()
}

/// Whether a scorecard value named `name` shows ("releases: 2 in old.ron":
/// the measure, the value and the diagram).
fn shows(harness: &Harness<'_, SeamsApp>, name: &str) -> bool {
    harness
        .query_all_by(|node| node.label().as_deref() == Some(name))
        .next()
        .is_some()
}

#[test]
fn compare_with_a_file_shows_both_scorecards_and_clicking_a_change_selects_it() {
    let (_dir, mut harness) = with_old_version(Dialogs::Pick);

    harness.get_by_label("File").click();
    harness.run_steps(2);
    harness.get_by_label("Compare with… Ctrl+Shift+O").click();
    harness.run_steps(4);

    assert_eq!(compared_with(&harness), "old.ron");
    // Both scorecards, side by side.
    assert!(shows(&harness, "releases: 2 in old.ron"));
    assert!(shows(&harness, "releases: 2 in This diagram"));
    // The trusted decoder reached nothing; untrusted, its sandbox holds it.
    assert!(shows(&harness, "skew pairs: 1 in This diagram"));
    assert!(harness.query_by_label("Changed element: png").is_some());
    assert!(harness.query_by_label("Scorecard").is_some());

    assert!(selection(&harness).is_empty());
    harness.get_by_label("Changed element: png").click();
    harness.run_steps(3);
    assert_eq!(
        selection(&harness),
        [ElementRef::Module(ModuleId::new("png"))]
    );

    // The comparison follows unsaved edits.
    assert!(harness.query_by_label("Changed setting: title").is_none());
    harness.state_mut().push(Action::Apply {
        edit: Edit::SetTitle("Photos, revised".to_owned()),
        label: "Rename diagram".to_owned(),
        select: None,
    });
    harness.run_steps(4);
    assert!(harness.query_by_label("Changed setting: title").is_some());

    harness.get_by_role_and_label(Role::Button, "Close").click();
    harness.run_steps(2);
    assert!(harness.state().windows.compare.is_none());
}

#[test]
fn without_file_dialogs_compare_with_asks_for_a_typed_path() {
    let (dir, mut harness) = with_old_version(|_| Dialogs::Unavailable);
    let old = dir.path().join("old.ron");

    harness.key_press_modifiers(
        Modifiers {
            shift: true,
            ..Modifiers::COMMAND
        },
        Key::O,
    );
    harness.run_steps(3);
    assert!(
        harness.state().files.path_prompt().is_some(),
        "asks for a path"
    );
    replace_text(&mut harness, "File path", &old.display().to_string());
    harness
        .get_by_role_and_label(Role::Button, "Compare")
        .click();
    harness.run_steps(4);
    assert!(harness.state().files.path_prompt().is_none());
    assert_eq!(compared_with(&harness), "old.ron");

    // A file that is not a diagram says so and opens nothing.
    let bad = dir.path().join("notes.txt");
    std::fs::write(&bad, "not a diagram").expect("writes");
    harness.state_mut().windows.compare = None;
    harness.state_mut().push(Action::CompareWithFile(bad));
    harness.run_steps(3);
    assert!(harness.state().windows.compare.is_none());
    let (title, _) = harness.state().files.error().expect("an error dialog");
    assert_eq!(title, "Could not compare");
}

#[test]
fn help_examples_compares_the_two_operating_systems() {
    let mut harness = editor();
    harness.get_by_label("Help").click();
    harness.run_steps(2);
    harness.get_by_label("Examples").click();
    harness.run_steps(2);
    harness.get_by_label("Compare the two").click();
    harness.run_steps(5);

    assert_eq!(
        harness.state().document.diagram.title,
        "An operating system as one image (ChromeOS-like)"
    );
    let other = "os-packages.ron (example)";
    assert!(shows(&harness, &format!("releases: 14 in {other}")));
    assert!(shows(&harness, "releases: 2 in This diagram"));
    assert!(shows(&harness, &format!("skew pairs: 25 in {other}")));
    assert!(shows(&harness, "skew pairs: 1 in This diagram"));

    // One image ships the slow kernel with everything: a finding the
    // packages do not have. Clicking it selects what it concerns and shows
    // it in the findings panel.
    harness
        .get_by_label("Introduced finding: slow-start-in-unit@image")
        .click();
    harness.run_steps(3);
    let selected = selection(&harness);
    assert!(
        selected.contains(&ElementRef::Module(ModuleId::new("kernel"))),
        "{selected:?}"
    );
    assert_eq!(
        harness.state().findings.focused.as_deref(),
        Some("slow-start-in-unit@image")
    );
}
