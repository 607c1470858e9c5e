//! The document lifecycle in the editor, driven as a user would: the
//! unsaved-changes prompt on New and Open, Save As through the (scripted)
//! file dialog, a bad file's error dialog, and recovering after a crash.
//! Each test has its own data folder, passed to the app (no environment
//! variables, so tests can run in parallel).

// The helpers below are test code too: a failure should panic there.
#![allow(clippy::unwrap_used)]

use crate::support::{Dialogs, Editor, WINDOW, replace_text, start};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use seams::document::{self, UNSAVED_MARKER};
use seams::edit::Edit;
use seams::model::Diagram;
use seams::ui::SeamsApp;
use seams::ui::actions::Action;
use seams::ui::command::Command;
use std::path::{Path, PathBuf};

fn write_diagram(path: &Path, title: &str) {
    let diagram = Diagram {
        title: title.to_owned(),
        ..Diagram::default()
    };
    std::fs::write(path, seams::file::to_ron_string(&diagram)).expect("writes the diagram");
}

/// The editor on `file`, with its data folder in `dir`.
fn editor_on(file: &Path, dir: &Path) -> Editor {
    let loaded = document::load(file).expect("loads");
    let data_dir = dir.join("data");
    start(WINDOW, move || {
        SeamsApp::with_session(loaded, Some(&data_dir), false)
    })
}

/// The editor on `shop.ron` (titled "Shop") in a fresh folder, which also
/// holds the data folder; keep the folder alive for the test.
fn editor_on_shop() -> (tempfile::TempDir, PathBuf, Editor) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("shop.ron");
    write_diagram(&file, "Shop");
    let harness = editor_on(&file, dir.path());
    (dir, file, harness)
}

fn edit_title(harness: &mut Harness<'_, SeamsApp>, title: &str) {
    harness.state_mut().push(Action::Apply {
        edit: Edit::SetTitle(title.to_owned()),
        label: "Rename diagram".to_owned(),
        select: None,
    });
    harness.run_steps(4);
}

fn title(harness: &Harness<'_, SeamsApp>) -> String {
    let app = harness.state();
    app.files.session.title(app.document.history.state_id())
}

fn prompt_is_open(harness: &Harness<'_, SeamsApp>) -> bool {
    harness
        .query_by_role_and_label(Role::Button, "Don't Save")
        .is_some()
}

#[test]
fn new_with_unsaved_changes_asks_and_cancel_keeps_the_document() {
    let (_dir, _file, mut harness) = editor_on_shop();
    assert_eq!(title(&harness), "shop.ron — Seams");

    edit_title(&mut harness, "Shop v2");
    assert_eq!(title(&harness), format!("{UNSAVED_MARKER}shop.ron — Seams"));

    harness.key_press_modifiers(Modifiers::COMMAND, Key::N);
    harness.run_steps(4);
    assert!(
        prompt_is_open(&harness),
        "Ctrl+N with unsaved changes asks first"
    );
    harness.get_by_label_contains("Save the changes to “shop.ron”");

    harness
        .get_by_role_and_label(Role::Button, "Cancel")
        .click();
    harness.run_steps(4);
    assert!(!prompt_is_open(&harness));
    assert_eq!(harness.state().document.diagram.title, "Shop v2");
    assert!(harness.state().is_dirty());
    assert_eq!(title(&harness), format!("{UNSAVED_MARKER}shop.ron — Seams"));
}

#[test]
fn dont_save_replaces_the_document_and_leaves_the_file_alone() {
    let (_dir, file, mut harness) = editor_on_shop();
    let before = std::fs::read(&file).unwrap();
    edit_title(&mut harness, "Shop v2");

    harness.state_mut().push(Command::New);
    harness.run_steps(4);
    harness
        .get_by_role_and_label(Role::Button, "Don't Save")
        .click();
    harness.run_steps(4);

    assert!(!prompt_is_open(&harness));
    assert_eq!(harness.state().document.diagram, Diagram::default());
    assert_eq!(title(&harness), "Untitled — Seams");
    assert_eq!(std::fs::read(&file).unwrap(), before);
}

#[test]
fn save_in_the_prompt_writes_the_file_then_goes_on() {
    let (dir, file, mut harness) = editor_on_shop();
    let other = dir.path().join("other.ron");
    write_diagram(&other, "Other");
    edit_title(&mut harness, "Shop v2");

    harness.state_mut().push(Action::OpenFile(other.clone()));
    harness.run_steps(4);
    harness.get_by_label_contains("before opening “other.ron”");
    harness.get_by_role_and_label(Role::Button, "Save").click();
    harness.run_steps(4);

    assert_eq!(seams::file::load_path(&file).unwrap().title, "Shop v2");
    assert_eq!(harness.state().document.diagram.title, "Other");
    assert_eq!(title(&harness), "other.ron — Seams");
}

#[test]
fn save_as_moves_the_document_to_the_chosen_file() {
    let (dir, file, mut harness) = editor_on_shop();
    let copy = dir.path().join("copy.ron");
    harness
        .state_mut()
        .files
        .set_dialogs(Box::new(Dialogs::Pick(copy.clone())));
    edit_title(&mut harness, "Shop v2");

    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    harness.run_steps(4);

    assert_eq!(seams::file::load_path(&copy).unwrap().title, "Shop v2");
    assert_eq!(seams::file::load_path(&file).unwrap().title, "Shop");
    assert_eq!(title(&harness), "copy.ron — Seams");
    assert!(!harness.state().is_dirty());
    // The status bar reads the name from the session too.
    harness.get_by_label("copy.ron");
    assert!(harness.query_by_label("shop.ron").is_none());
    let recent = harness.state().files.recent().paths().to_vec();
    assert_eq!(
        recent.first().map(|p| p.file_name()),
        Some(copy.file_name())
    );
}

#[test]
fn a_bad_file_shows_the_located_error_and_keeps_the_document() {
    let (dir, _file, mut harness) = editor_on_shop();
    let bad = dir.path().join("bad.ron");
    std::fs::write(&bad, "(title: \"x\",\n  modules: [oops],\n)").unwrap();

    harness.state_mut().push(Action::OpenFile(bad));
    harness.run_steps(4);

    let (heading, message) = harness.state().files.error().unwrap();
    assert_eq!(heading, "Could not open the file");
    assert!(message.contains("bad.ron:"), "names the file: {message}");
    harness.get_by_label("Could not open the file");
    harness.get_by_role_and_label(Role::Button, "OK").click();
    harness.run_steps(4);
    assert!(harness.state().files.error().is_none());
    assert_eq!(harness.state().document.diagram.title, "Shop");
    assert_eq!(title(&harness), "shop.ron — Seams");
}

#[test]
fn quitting_with_unsaved_changes_asks_first() {
    let (_dir, _file, mut harness) = editor_on_shop();
    edit_title(&mut harness, "Shop v2");

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Q);
    harness.run_steps(4);
    harness.get_by_label_contains("before closing");
    harness.key_press(Key::Escape);
    harness.run_steps(4);
    assert!(!prompt_is_open(&harness), "Escape cancels");
    assert_eq!(harness.state().document.diagram.title, "Shop v2");
}

#[test]
fn work_left_by_a_crash_is_offered_and_recovered() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("shop.ron");
    write_diagram(&file, "Shop");
    {
        let mut crashed = editor_on(&file, dir.path());
        edit_title(&mut crashed, "Shop v2");
        // The first autosave is due at once; dropping the harness without
        // closing is the crash.
        crashed.run_steps(4);
    }

    let mut harness = editor_on(&file, dir.path());
    assert_eq!(harness.state().files.recovery_offers().len(), 1);
    harness.get_by_label("Recover unsaved work");
    harness.get_by_label_contains("“Shop v2”, saved ");
    harness
        .get_by_role_and_label(Role::Button, "Recover")
        .click();
    harness.run_steps(4);

    assert_eq!(harness.state().document.diagram.title, "Shop v2");
    assert!(
        harness.state().is_dirty(),
        "recovered work is not saved yet"
    );
    assert_eq!(title(&harness), format!("{UNSAVED_MARKER}shop.ron — Seams"));
    assert!(harness.state().files.recovery_offers().is_empty());
}

/// Runs frames until the editor has looked at the disk again (it polls
/// once a second of egui time).
fn let_the_editor_poll_the_disk(harness: &mut Harness<'_, SeamsApp>) {
    harness.run_steps(90);
}

#[test]
fn a_file_changed_on_disk_reloads_when_unmodified() {
    let (_dir, file, mut harness) = editor_on_shop();

    // Someone else (git pull) rewrites the file.
    write_diagram(&file, "Shop, as pulled");
    let_the_editor_poll_the_disk(&mut harness);

    assert!(!prompt_is_open(&harness), "no question without changes");
    assert_eq!(harness.state().document.diagram.title, "Shop, as pulled");
    assert!(!harness.state().is_dirty());
    assert_eq!(title(&harness), "shop.ron — Seams");
}

#[test]
fn a_file_changed_on_disk_while_modified_asks_and_keep_my_version_keeps_it() {
    let (_dir, file, mut harness) = editor_on_shop();
    edit_title(&mut harness, "Shop, mine");

    write_diagram(&file, "Shop, theirs");
    let theirs = std::fs::read(&file).unwrap();
    let_the_editor_poll_the_disk(&mut harness);

    harness.get_by_label_contains("changed by another program");
    harness
        .get_by_role_and_label(Role::Button, "Keep My Version")
        .click();
    harness.run_steps(4);
    assert!(
        harness
            .query_by_role_and_label(Role::Button, "Keep My Version")
            .is_none(),
        "the question is answered"
    );
    assert_eq!(harness.state().document.diagram.title, "Shop, mine");
    assert!(harness.state().is_dirty());
    assert_eq!(
        std::fs::read(&file).unwrap(),
        theirs,
        "the disk is untouched"
    );

    // Not asked again for the same change; saving writes mine over theirs.
    let_the_editor_poll_the_disk(&mut harness);
    assert!(
        harness
            .query_by_role_and_label(Role::Button, "Keep My Version")
            .is_none()
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run_steps(4);
    assert!(!harness.state().is_dirty());
    assert_eq!(document::load(&file).unwrap().diagram.title, "Shop, mine");
}

#[test]
fn a_file_changed_on_disk_while_modified_can_be_reloaded() {
    let (_dir, file, mut harness) = editor_on_shop();
    edit_title(&mut harness, "Shop, mine");

    write_diagram(&file, "Shop, theirs");
    let_the_editor_poll_the_disk(&mut harness);
    harness
        .get_by_role_and_label(Role::Button, "Reload")
        .click();
    harness.run_steps(4);

    assert_eq!(harness.state().document.diagram.title, "Shop, theirs");
    assert!(!harness.state().is_dirty());
}

/// A file dropped on the window, as the windowing integration hands it over.
#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn a_file_dropped_on_the_window_opens_after_asking_about_unsaved_changes() {
    let (dir, file, mut harness) = editor_on_shop();
    let other = dir.path().join("bank.ron");
    write_diagram(&other, "Bank");
    edit_title(&mut harness, "Shop v2");

    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(other.clone())));
    harness.run_steps(4);
    assert!(prompt_is_open(&harness), "unsaved changes: asks first");
    harness
        .get_by_role_and_label(Role::Button, "Don't Save")
        .click();
    harness.run_steps(4);

    assert_eq!(harness.state().document.diagram.title, "Bank");
    assert_eq!(title(&harness), "bank.ron — Seams");
    assert_eq!(document::load(&file).unwrap().diagram.title, "Shop");
}

/// A diagram with something to draw, in `dir`.
fn write_example(dir: &Path) -> PathBuf {
    let file = dir.join("trust-zones.ron");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/conformance/trust-zones.ron"),
        &file,
    )
    .unwrap();
    file
}

#[test]
fn file_export_writes_a_png_that_reopens_as_the_diagram() {
    let dir = tempfile::tempdir().unwrap();
    let file = write_example(dir.path());
    let out = dir.path().join("picture.png");
    let mut harness = editor_on(&file, dir.path());
    harness
        .state_mut()
        .files
        .set_dialogs(Box::new(Dialogs::Pick(out.clone())));

    harness.key_press_modifiers(Modifiers::COMMAND, Key::E);
    harness.run_steps(3);
    harness.get_by_label("2×");
    harness.get_by_label("3×").click();
    harness.run_steps(2);
    harness.get_by_label("Export PNG…").click();
    harness.run_steps(3);

    let bytes = std::fs::read(&out).expect("the image is written");
    let decoder = png::Decoder::new(std::io::Cursor::new(&bytes));
    let reader = decoder.read_info().unwrap();
    let (width, height) = (reader.info().width, reader.info().height);
    let at_scale_1 = seams::export::ExportOptions {
        scale: 1,
        ..Default::default()
    };
    let small = seams::export::to_rgba(
        &seams::export::scene_of(&harness.state().document.diagram, &at_scale_1),
        &at_scale_1,
    )
    .unwrap();
    assert_eq!(
        (width, height),
        (small.width * 3, small.height * 3),
        "written at the chosen scale"
    );
    assert_eq!(
        seams::file::load_path(&out).unwrap(),
        harness.state().document.diagram,
        "the PNG re-opens as the diagram"
    );
    assert!(
        harness
            .state()
            .message()
            .unwrap_or_default()
            .starts_with("Exported"),
        "{:?}",
        harness.state().message()
    );
    assert!(
        harness.query_by_label("Export PNG…").is_none(),
        "the window closes after a successful export"
    );
}

#[test]
fn copy_as_png_puts_an_image_on_the_clipboard() {
    let dir = tempfile::tempdir().unwrap();
    let file = write_example(dir.path());
    let mut harness = editor_on(&file, dir.path());
    // The shortcut copies the whole diagram (nothing is selected)...
    harness.key_press_modifiers(
        Modifiers {
            shift: true,
            ..Modifiers::COMMAND
        },
        Key::C,
    );
    harness.step();
    assert!(
        harness
            .state()
            .message()
            .unwrap_or_default()
            .starts_with("Copied the diagram as a"),
        "{:?}",
        harness.state().message()
    );
    // ...and the image goes out as a clipboard command in the frame that
    // runs the action.
    harness.state_mut().push(Command::CopyAsPng);
    harness.step();
    let copied = harness
        .output()
        .platform_output
        .commands
        .iter()
        .find_map(|c| match c {
            egui::OutputCommand::CopyImage(image) => Some(image.size),
            _ => None,
        });
    let [w, h] = copied.expect("an image goes to the clipboard");
    assert!(w > 200 && h > 100, "{w}×{h}");
}

#[test]
fn without_file_dialogs_open_and_save_as_ask_for_a_typed_path() {
    let (dir, _file, mut harness) = editor_on_shop();
    let other = dir.path().join("bank.ron");
    write_diagram(&other, "Bank");
    harness
        .state_mut()
        .files
        .set_dialogs(Box::new(Dialogs::Unavailable));

    // Open: the prompt starts in the document's folder.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::O);
    harness.run_steps(3);
    let (_, text) = harness
        .state()
        .files
        .path_prompt()
        .expect("asks for a path");
    assert!(
        text.starts_with(&dir.path().display().to_string()),
        "{text}"
    );
    replace_text(&mut harness, "File path", &other.display().to_string());
    harness.get_by_role_and_label(Role::Button, "Open").click();
    harness.run_steps(4);
    assert!(harness.state().files.path_prompt().is_none());
    assert_eq!(harness.state().document.diagram.title, "Bank");

    // Save As to a typed name without an extension: `.ron` is added.
    edit_title(&mut harness, "Bank v2");
    harness.state_mut().push(Command::SaveAs);
    harness.run_steps(3);
    let typed = dir.path().join("bank-copy");
    replace_text(&mut harness, "File path", &typed.display().to_string());
    harness.get_by_role_and_label(Role::Button, "Save").click();
    harness.run_steps(4);
    let copy = dir.path().join("bank-copy.ron");
    assert_eq!(document::load(&copy).unwrap().diagram.title, "Bank v2");
    assert_eq!(title(&harness), "bank-copy.ron — Seams");

    // Cancel leaves everything as it was.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::O);
    harness.run_steps(3);
    harness
        .get_by_role_and_label(Role::Button, "Cancel")
        .click();
    harness.run_steps(3);
    assert!(harness.state().files.path_prompt().is_none());
    assert_eq!(harness.state().document.diagram.title, "Bank v2");
}

/// The recovery files in the editor's data folder.
fn recovery_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir.join("data").join("recovery")) else {
        return Vec::new();
    };
    entries
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect()
}

#[test]
fn quit_and_dont_save_leaves_no_recovery_file_behind() {
    let (dir, file, mut harness) = editor_on_shop();
    edit_title(&mut harness, "Shop v2");
    // The first autosave is due at once.
    harness.run_steps(4);
    assert_eq!(recovery_files(dir.path()).len(), 1);

    harness.state_mut().push(Command::Quit);
    harness.run_steps(4);
    harness
        .get_by_role_and_label(Role::Button, "Don't Save")
        .click();
    // The frames a closing window still runs must not autosave again.
    harness.run_steps(20);
    assert!(
        recovery_files(dir.path()).is_empty(),
        "{:?}",
        recovery_files(dir.path())
    );
    assert_eq!(document::load(&file).unwrap().diagram.title, "Shop");
    drop(harness);

    // The next start offers nothing.
    let harness = editor_on(&file, dir.path());
    assert!(harness.state().files.recovery_offers().is_empty());
}

#[test]
fn saving_over_a_file_with_comments_asks_once() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("notes.ron");
    std::fs::write(
        &file,
        "// Reviewed every quarter.\n(format: \"seams\", version: 1, title: \"Notes\")\n",
    )
    .unwrap();
    let mut harness = editor_on(&file, dir.path());
    edit_title(&mut harness, "Notes v2");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run_steps(4);
    harness.get_by_label_contains("Seams does not keep comments");
    harness
        .get_by_role_and_label(Role::Button, "Save Without Comments")
        .click();
    harness.run_steps(4);
    assert_eq!(document::load(&file).unwrap().diagram.title, "Notes v2");
    assert!(!harness.state().is_dirty());

    edit_title(&mut harness, "Notes v3");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run_steps(4);
    assert!(
        harness
            .query_by_role_and_label(Role::Button, "Save Without Comments")
            .is_none(),
        "asked once"
    );
    assert_eq!(document::load(&file).unwrap().diagram.title, "Notes v3");
}

#[test]
fn close_asks_about_unsaved_changes_then_leaves_an_empty_diagram_open() {
    let (_dir, file, mut harness) = editor_on_shop();
    edit_title(&mut harness, "Shop v2");

    harness.key_press_modifiers(Modifiers::COMMAND, Key::W);
    harness.run_steps(4);
    harness.get_by_label_contains("before closing it");
    harness
        .get_by_role_and_label(Role::Button, "Don't Save")
        .click();
    harness.run_steps(4);
    let app = harness.state();
    assert!(app.files.document().path().is_none(), "the file is closed");
    assert_eq!(app.document.diagram, Diagram::default());
    assert!(!app.is_dirty());
    assert!(
        std::fs::read_to_string(&file).unwrap().contains("Shop"),
        "the file is left alone"
    );

    // Closing the empty diagram asks nothing and keeps the editor open.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::W);
    harness.run_steps(4);
    assert!(!prompt_is_open(&harness));
    assert_eq!(harness.state().document.diagram, Diagram::default());
}
