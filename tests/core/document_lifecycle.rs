//! The document lifecycle as a state machine, without a window: dirty
//! tracking, every prompt as a returned decision, saving and its failures,
//! external changes, recent files.

use crate::support::document::{App, bump_mtime, diagram, setup, write_diagram};
use seams::document::recent::RecentFiles;
use seams::document::{self, Answer, FileFormat, Location, Prompt, Request, SaveFailure, Step};
use seams::file;
use seams::model::Diagram;
use std::path::{Path, PathBuf};

fn unsaved_prompt(step: &Step) -> (&str, &Request) {
    match step {
        Step::Ask(Prompt::UnsavedChanges { document, then }) => (document, then),
        other => panic!("expected an unsaved-changes prompt, got {other:?}"),
    }
}

#[test]
fn dirty_follows_the_history_and_undo_back_is_clean() {
    let (dir, data) = setup();
    let mut app = App::untitled(&data);
    assert!(!app.dirty());
    assert_eq!(app.title(), "Untitled — Seams");

    app.editor.edit("one");
    assert!(app.dirty());
    assert_eq!(app.title(), "● Untitled — Seams");
    app.editor.undo();
    assert!(!app.dirty(), "undo back to the start is clean");
    app.editor.redo();
    assert!(app.dirty());

    // Untitled: Save asks for a path, suggested from the diagram title.
    app.editor.edit("Payment system");
    let step = app.save();
    assert_eq!(
        step,
        Step::ChooseSavePath {
            folder: None,
            file_name: "payment-system.ron".to_owned()
        }
    );
    let path = dir.path().join("pay.ron");
    assert_eq!(app.choose(Some(&path)), Step::Saved(path.clone()));
    assert!(!app.dirty());
    assert_eq!(app.title(), "pay.ron — Seams");
    assert_eq!(app.session.document().path(), Some(path.as_path()));
    assert_eq!(
        file::load_path(&path).expect("saved file loads"),
        app.editor.diagram
    );

    app.editor.edit("two");
    app.editor.edit("three");
    assert!(app.dirty());
    app.editor.undo();
    app.editor.undo();
    assert!(!app.dirty(), "undo back to the saved state is clean");
    app.editor.undo();
    assert!(app.dirty(), "undo past the saved state is dirty");
    app.editor.redo();
    assert!(!app.dirty());

    // Save in place, then Save As moves the document.
    app.editor.edit("four");
    assert_eq!(app.save(), Step::Saved(path.clone()));
    assert_eq!(file::load_path(&path).expect("loads").title, "four");
    let other = dir.path().join("other.ron");
    assert_eq!(
        app.save_as(),
        Step::ChooseSavePath {
            folder: Some(dir.path().to_path_buf()),
            file_name: "pay.ron".to_owned()
        }
    );
    assert_eq!(app.choose(None), Step::Done, "cancelled Save As");
    assert_eq!(app.session.document().path(), Some(path.as_path()));
    app.save_as();
    assert_eq!(app.choose(Some(&other)), Step::Saved(other.clone()));
    assert_eq!(app.title(), "other.ron — Seams");
}

#[test]
fn closing_a_clean_document_just_closes() {
    let (_dir, data) = setup();
    let mut app = App::untitled(&data);
    assert_eq!(app.request(Request::Exit), Step::Exit);
    assert!(app.exited);
    assert_eq!(app.session.pending_prompt(), None);
}

#[test]
fn closing_with_unsaved_changes_asks_and_every_answer_does_what_it_says() {
    let (dir, data) = setup();
    let path = dir.path().join("a.ron");
    write_diagram(&path, "original");

    // Cancel: nothing happens, still dirty, no prompt left.
    let mut app = App::opened(&data, &path);
    app.editor.edit("changed");
    let step = app.request(Request::Exit);
    let (document, then) = unsaved_prompt(&step);
    assert_eq!(document, "a.ron");
    assert_eq!(then, &Request::Exit);
    let prompt = app.session.pending_prompt().expect("pending").clone();
    assert_eq!(
        prompt.answers(),
        &[Answer::Save, Answer::DontSave, Answer::Cancel]
    );
    assert_eq!(prompt.cancel_answer(), Answer::Cancel);
    assert_eq!(prompt.default_answer(), Answer::Save);
    assert!(
        prompt.message().contains("“a.ron” before closing"),
        "{}",
        prompt.message()
    );
    assert_eq!(app.answer(Answer::Cancel), Step::Done);
    assert!(!app.exited);
    assert!(app.dirty());
    assert_eq!(app.session.pending_prompt(), None);
    assert_eq!(
        app.answer(Answer::DontSave),
        Step::Done,
        "no prompt, no effect"
    );

    // Don't save: exits, the file keeps the old content.
    app.request(Request::Exit);
    assert_eq!(app.answer(Answer::DontSave), Step::Exit);
    assert_eq!(file::load_path(&path).expect("loads").title, "original");

    // Save: saves, then exits.
    let mut app = App::opened(&data, &path);
    app.editor.edit("saved on exit");
    app.request(Request::Exit);
    assert_eq!(app.answer(Answer::Save), Step::Exit);
    assert_eq!(
        file::load_path(&path).expect("loads").title,
        "saved on exit"
    );

    // Save on an untitled document: Save As first; cancelling it cancels
    // the exit; choosing a path saves and exits.
    let mut app = App::untitled(&data);
    app.editor.edit("new work");
    app.request(Request::Exit);
    assert!(matches!(
        app.answer(Answer::Save),
        Step::ChooseSavePath { .. }
    ));
    assert_eq!(app.choose(None), Step::Done);
    assert!(!app.exited);
    assert!(app.dirty());
    app.request(Request::Exit);
    app.answer(Answer::Save);
    let target = dir.path().join("new.ron");
    assert_eq!(app.choose(Some(&target)), Step::Exit);
    assert_eq!(file::load_path(&target).expect("loads").title, "new work");

    // An answer that does not belong to the prompt counts as Cancel.
    let mut app = App::untitled(&data);
    app.editor.edit("x");
    app.request(Request::Exit);
    assert_eq!(app.answer(Answer::Reload), Step::Done);
    assert!(!app.exited);
}

#[test]
fn new_and_open_ask_first_and_carry_on_after_the_answer() {
    let (dir, data) = setup();
    let a = dir.path().join("a.ron");
    let b = dir.path().join("b.ron");
    write_diagram(&a, "A");
    write_diagram(&b, "B");
    let mut app = App::opened(&data, &a);

    // Clean: Open goes straight ahead.
    let step = app.request(Request::Open(b.clone()));
    assert!(matches!(step, Step::Replace(_)), "{step:?}");
    assert_eq!(app.editor.diagram.title, "B");
    assert_eq!(app.title(), "b.ron — Seams");
    assert!(!app.dirty());

    // Dirty: New asks; Don't Save gives an empty untitled diagram.
    app.editor.edit("B changed");
    let step = app.request(Request::New);
    assert_eq!(unsaved_prompt(&step).1, &Request::New);
    assert!(matches!(app.answer(Answer::DontSave), Step::Replace(_)));
    assert_eq!(app.editor.diagram, Diagram::default());
    assert_eq!(app.title(), "Untitled — Seams");
    assert_eq!(file::load_path(&b).expect("loads").title, "B");

    // Dirty: Open (a dropped file, say) asks; Save saves, then opens.
    let mut app = App::opened(&data, &a);
    app.editor.edit("A changed");
    let step = app.request(Request::Open(b.clone()));
    assert!(
        app.session
            .pending_prompt()
            .expect("pending")
            .message()
            .contains("before opening “b.ron”"),
        "{step:?}"
    );
    assert!(matches!(app.answer(Answer::Save), Step::Replace(_)));
    assert_eq!(file::load_path(&a).expect("loads").title, "A changed");
    assert_eq!(app.editor.diagram.title, "B");
    assert_eq!(app.session.document().path(), Some(b.as_path()));
}

#[test]
fn a_bad_file_leaves_the_current_document_untouched() {
    let (dir, data) = setup();
    let a = dir.path().join("a.ron");
    write_diagram(&a, "A");
    let bad = dir.path().join("bad.ron");
    std::fs::write(
        &bad,
        "(format: \"seams\", version: 1,\n modules: [(id: \"x\", nmae: 1)])",
    )
    .expect("writes");
    let mut app = App::opened(&data, &a);
    app.editor.edit("A changed");
    let state = app.editor.state;

    app.request(Request::Open(bad.clone()));
    let Step::OpenFailed(error) = app.answer(Answer::DontSave) else {
        panic!("expected OpenFailed");
    };
    let message = error.to_string();
    assert!(message.contains("bad.ron:2:"), "located message: {message}");
    assert_eq!(app.editor.state, state);
    assert!(app.dirty());
    assert_eq!(app.session.document().path(), Some(a.as_path()));

    let missing = dir.path().join("missing.ron");
    let step = app.request(Request::Open(missing));
    assert!(matches!(step, Step::Ask(_)));
    assert!(matches!(app.answer(Answer::DontSave), Step::OpenFailed(_)));
    assert_eq!(app.title(), "● a.ron — Seams");
}

#[test]
fn a_png_with_a_diagram_opens_and_saving_asks_for_a_ron_beside_it() {
    let (dir, data) = setup();
    let png = dir.path().join("export.png");
    let ron = file::to_ron_string(&diagram("From a picture"));
    let bytes =
        file::embedded::encode_png_with_diagram(&[0, 0, 0, 255], 1, 1, &ron).expect("encodes");
    std::fs::write(&png, &bytes).expect("writes");

    let mut app = App::untitled(&data);
    app.request(Request::Open(png.clone()));
    assert_eq!(app.editor.diagram.title, "From a picture");
    assert_eq!(
        app.session.document().location(),
        &Location::File {
            path: png.clone(),
            format: FileFormat::Image
        }
    );
    assert!(!app.session.document().saves_in_place());
    assert_eq!(app.title(), "export.png — Seams");

    app.editor.edit("edited");
    assert_eq!(
        app.save(),
        Step::ChooseSavePath {
            folder: Some(dir.path().to_path_buf()),
            file_name: "export.ron".to_owned()
        }
    );
    let Step::SaveFailed(error) = app.choose(Some(&png)) else {
        panic!("writing RON over the PNG must be refused");
    };
    assert_eq!(error.failure, SaveFailure::ImageTarget);
    assert!(error.to_string().contains("File → Export"), "{error}");
    assert!(app.dirty());
    assert_eq!(
        std::fs::read(&png).expect("reads"),
        bytes,
        "the PNG is untouched"
    );

    app.save();
    let target = dir.path().join("export.ron");
    assert_eq!(app.choose(Some(&target)), Step::Saved(target.clone()));
    assert!(app.session.document().saves_in_place());
    assert_eq!(app.title(), "export.ron — Seams");
    assert_eq!(
        std::fs::read(&png).expect("reads"),
        bytes,
        "the PNG is untouched"
    );
}

#[test]
fn a_failed_save_keeps_the_document_dirty_and_the_old_file_intact() {
    let (dir, data) = setup();
    let path = dir.path().join("a.ron");
    write_diagram(&path, "original");
    let original_bytes = std::fs::read(&path).expect("reads");
    let mut app = App::opened(&data, &path);
    app.editor.edit("changed");

    // Save As into a "folder" that is a regular file.
    let not_a_folder = dir.path().join("notes.txt");
    std::fs::write(&not_a_folder, "just text").expect("writes");
    app.save_as();
    let Step::SaveFailed(error) = app.choose(Some(&not_a_folder.join("a.ron"))) else {
        panic!("expected SaveFailed");
    };
    assert_eq!(error.failure, SaveFailure::ParentIsFile);
    assert!(
        error.to_string().contains("is a file, not a folder"),
        "{error}"
    );
    assert!(error.to_string().contains("still open"), "{error}");

    // Save As onto a folder.
    let folder = dir.path().join("folder.ron");
    std::fs::create_dir(&folder).expect("mkdir");
    app.save_as();
    let Step::SaveFailed(error) = app.choose(Some(&folder)) else {
        panic!("expected SaveFailed");
    };
    assert_eq!(error.failure, SaveFailure::TargetIsFolder);
    assert!(folder.is_dir());

    // Save As into a folder that does not exist.
    app.save_as();
    let Step::SaveFailed(error) = app.choose(Some(&dir.path().join("gone/a.ron"))) else {
        panic!("expected SaveFailed");
    };
    assert_eq!(error.failure, SaveFailure::FolderMissing);
    assert!(error.to_string().contains("does not exist"), "{error}");

    // After all that: same document, same path, still unsaved, file intact.
    assert!(app.dirty());
    assert_eq!(app.session.document().path(), Some(path.as_path()));
    assert_eq!(std::fs::read(&path).expect("reads"), original_bytes);

    // A failing save on the way out does not exit.
    let doomed = dir.path().join("doomed");
    std::fs::create_dir(&doomed).expect("mkdir");
    let doomed_file = doomed.join("d.ron");
    write_diagram(&doomed_file, "doomed");
    let mut app = App::opened(&data, &doomed_file);
    app.editor.edit("changed");
    std::fs::remove_dir_all(&doomed).expect("rm");
    app.request(Request::Exit);
    let Step::SaveFailed(error) = app.answer(Answer::Save) else {
        panic!("expected SaveFailed");
    };
    assert_eq!(error.failure, SaveFailure::FolderMissing);
    assert!(!app.exited);
    assert!(app.dirty());
    assert_eq!(app.session.pending_prompt(), None);

    // The target replaced by a folder while open.
    let mut app = App::opened(&data, &path);
    app.editor.edit("changed");
    std::fs::remove_file(&path).expect("rm");
    std::fs::create_dir(&path).expect("mkdir");
    let Step::SaveFailed(error) = app.save() else {
        panic!("expected SaveFailed");
    };
    assert_eq!(error.failure, SaveFailure::TargetIsFolder);
    assert!(app.dirty());
}

#[test]
fn our_own_saves_are_not_external_changes() {
    let (dir, data) = setup();
    let path = dir.path().join("a.ron");
    write_diagram(&path, "original");
    let mut app = App::opened(&data, &path);
    assert_eq!(app.poll(), Step::Done);
    for n in 0..5 {
        app.editor.edit(&format!("edit {n}"));
        assert_eq!(app.save(), Step::Saved(path.clone()));
        assert_eq!(app.poll(), Step::Done);
        assert!(!app.dirty());
    }
    // Touched without a change: metadata differs, content the same.
    bump_mtime(&path, 10);
    assert_eq!(app.poll(), Step::Done);
    assert_eq!(app.poll(), Step::Done);
}

#[test]
fn an_unmodified_document_reloads_silently_when_its_file_changes() {
    let (dir, data) = setup();
    let path = dir.path().join("a.ron");
    write_diagram(&path, "original");
    let mut app = App::opened(&data, &path);

    write_diagram(&path, "changed by git pull");
    bump_mtime(&path, 5);
    let step = app.poll();
    assert!(matches!(step, Step::Replace(_)), "{step:?}");
    assert_eq!(app.editor.diagram.title, "changed by git pull");
    assert!(!app.dirty());
    assert_eq!(app.title(), "a.ron — Seams");
    assert_eq!(app.poll(), Step::Done, "reported once");

    // Changed into something unreadable: kept, marked unsaved, reported once.
    std::fs::write(&path, "<<<<<<< HEAD\n").expect("writes");
    bump_mtime(&path, 10);
    assert_eq!(app.poll(), Step::Done);
    assert!(app.dirty());
    let notices = app.session.take_notices();
    assert!(
        notices.iter().any(|n| n.contains("cannot be read now")),
        "{notices:?}"
    );
    assert_eq!(app.poll(), Step::Done);
    assert!(app.session.take_notices().is_empty());
}

#[test]
fn a_modified_document_asks_when_its_file_changes() {
    let (dir, data) = setup();
    let path = dir.path().join("a.ron");
    write_diagram(&path, "original");
    let mut app = App::opened(&data, &path);
    app.editor.edit("mine");

    write_diagram(&path, "theirs, version one");
    bump_mtime(&path, 5);
    let step = app.poll();
    assert_eq!(
        step,
        Step::Ask(Prompt::ChangedOnDisk {
            document: "a.ron".to_owned()
        })
    );
    let prompt = app.session.pending_prompt().expect("pending").clone();
    assert_eq!(prompt.answers(), &[Answer::Reload, Answer::KeepMine]);
    assert_eq!(prompt.cancel_answer(), Answer::KeepMine);
    assert_eq!(app.poll(), Step::Done, "no second prompt while one is open");

    // Keep mine: stays dirty even undone back to the old saved state (that
    // state is no longer what the file holds), and is not asked again.
    assert_eq!(app.answer(Answer::KeepMine), Step::Done);
    assert_eq!(app.editor.diagram.title, "mine");
    app.editor.undo();
    assert!(app.dirty());
    app.editor.redo();
    assert_eq!(app.poll(), Step::Done);

    // Another change: Reload takes theirs.
    write_diagram(&path, "theirs, version two");
    bump_mtime(&path, 10);
    assert!(matches!(
        app.poll(),
        Step::Ask(Prompt::ChangedOnDisk { .. })
    ));
    assert!(matches!(app.answer(Answer::Reload), Step::Replace(_)));
    assert_eq!(app.editor.diagram.title, "theirs, version two");
    assert!(!app.dirty());
    assert_eq!(app.poll(), Step::Done);

    // Keep mine, then Save overwrites theirs.
    app.editor.edit("mine again");
    write_diagram(&path, "theirs, version three");
    bump_mtime(&path, 15);
    app.poll();
    app.answer(Answer::KeepMine);
    assert_eq!(app.save(), Step::Saved(path.clone()));
    assert_eq!(file::load_path(&path).expect("loads").title, "mine again");
    assert!(!app.dirty());
    assert_eq!(app.poll(), Step::Done);
}

#[test]
fn a_deleted_file_keeps_the_document_open_and_unsaved() {
    let (dir, data) = setup();
    let path = dir.path().join("a.ron");
    write_diagram(&path, "original");
    let mut app = App::opened(&data, &path);
    std::fs::remove_file(&path).expect("rm");
    assert_eq!(app.poll(), Step::Done);
    assert!(app.dirty(), "nothing on disk matches it any more");
    let notices = app.session.take_notices();
    assert!(
        notices.iter().any(|n| n.contains("moved or deleted")),
        "{notices:?}"
    );
    assert_eq!(app.poll(), Step::Done);
    assert!(app.session.take_notices().is_empty(), "reported once");

    // Closing now asks; saving writes the file again.
    app.request(Request::Exit);
    assert_eq!(app.answer(Answer::Save), Step::Exit);
    assert_eq!(file::load_path(&path).expect("loads").title, "original");
}

#[test]
fn recent_files_keep_ten_newest_first_without_duplicates() {
    let (dir, data) = setup();
    let store = data.join("recent.ron");
    let paths: Vec<PathBuf> = (0..12)
        .map(|n| dir.path().join(format!("{n}.ron")))
        .collect();
    for path in &paths {
        write_diagram(path, "x");
    }
    let (mut recent, problem) = RecentFiles::load(Some(store.clone()));
    assert_eq!(problem, None);
    for path in &paths {
        recent.add(path).expect("persists");
    }
    // The same file by another name moves up instead of appearing twice.
    recent
        .add(&dir.path().join(".").join("5.ron"))
        .expect("persists");
    let canonical = |p: &Path| std::fs::canonicalize(p).expect("canonical");
    let expected: Vec<PathBuf> = [5, 11, 10, 9, 8, 7, 6, 4, 3, 2]
        .iter()
        .map(|n| canonical(&paths[*n]))
        .collect();
    assert_eq!(recent.paths(), expected.as_slice());

    // Across runs.
    let (again, problem) = RecentFiles::load(Some(store.clone()));
    assert_eq!(problem, None);
    assert_eq!(again.paths(), expected.as_slice());

    // Missing files are reported, and can be removed.
    std::fs::remove_file(&paths[11]).expect("rm");
    let entries = recent.entries();
    assert_eq!(entries.len(), 10);
    assert!(!entries[1].exists);
    assert!(entries.iter().filter(|e| e.exists).count() == 9);
    assert_eq!(entries[0].file_name(), "5.ron");
    recent.remove(&entries[1].path).expect("persists");
    assert_eq!(recent.paths().len(), 9);
    std::fs::remove_file(&paths[10]).expect("rm");
    recent.remove_missing().expect("persists");
    assert_eq!(recent.paths().len(), 8);
    let (again, _) = RecentFiles::load(Some(store));
    assert_eq!(again.paths(), recent.paths());
}

#[test]
fn recent_files_merge_across_windows_and_survive_storage_failures() {
    let (dir, data) = setup();
    let store = data.join("recent.ron");
    let a = dir.path().join("a.ron");
    let b = dir.path().join("b.ron");
    write_diagram(&a, "a");
    write_diagram(&b, "b");
    let (mut first, _) = RecentFiles::load(Some(store.clone()));
    let (mut second, _) = RecentFiles::load(Some(store.clone()));
    first.add(&a).expect("persists");
    second.add(&b).expect("persists");
    assert_eq!(second.paths().len(), 2, "the other window's entry is kept");

    // A damaged list: reported, starts empty, replaced on the next change.
    std::fs::write(&store, "not ron at all (").expect("writes");
    let (mut damaged, problem) = RecentFiles::load(Some(store.clone()));
    assert!(problem.expect("reported").to_string().contains("damaged"));
    assert!(damaged.paths().is_empty());
    damaged.add(&a).expect("persists");
    assert_eq!(RecentFiles::load(Some(store)).0.paths().len(), 1);

    // A store that cannot be written: the list in memory still works.
    let blocker = dir.path().join("blocker");
    std::fs::write(&blocker, "a file where a folder should be").expect("writes");
    let (mut stuck, _) = RecentFiles::load(Some(blocker.join("recent.ron")));
    assert!(stuck.add(&a).is_err());
    assert!(stuck.add(&b).is_err());
    assert_eq!(stuck.paths().len(), 2);

    // In a session, a failing store is a notice, never a blocked open.
    let mut app = App::new(&blocker, document::load(&a).expect("loads"));
    assert_eq!(app.session.recent().paths().len(), 1);
    let notices = app.session.take_notices();
    assert!(
        notices.iter().any(|n| n.contains("recent files")),
        "{notices:?}"
    );
    assert!(
        notices.iter().any(|n| n.contains("Autosave is off")),
        "{notices:?}"
    );
    assert!(matches!(
        app.request(Request::Open(b.clone())),
        Step::Replace(_)
    ));
    assert_eq!(app.session.recent().paths().len(), 2);
}

#[test]
fn opening_and_saving_fill_the_recent_list() {
    let (dir, data) = setup();
    let a = dir.path().join("a.ron");
    write_diagram(&a, "a");
    let mut app = App::untitled(&data);
    app.request(Request::Open(a.clone()));
    app.request(Request::New);
    app.editor.edit("new");
    app.save();
    let b = dir.path().join("b.ron");
    app.choose(Some(&b));
    let canonical = |p: &Path| std::fs::canonicalize(p).expect("canonical");
    assert_eq!(app.session.recent().paths(), [canonical(&b), canonical(&a)]);
    let (stored, _) = RecentFiles::load(Some(data.join("recent.ron")));
    assert_eq!(stored.paths(), app.session.recent().paths());
}

/// A hand-written file with comments: the first save over it says that
/// comments are not kept, once; Save As elsewhere and files without
/// comments never ask.
#[test]
fn the_first_save_over_a_file_with_comments_warns_that_they_are_not_kept() {
    let (dir, data) = setup();
    let path = dir.path().join("notes.ron");
    std::fs::write(
        &path,
        "// Our system, reviewed every quarter.\n(format: \"seams\", version: 1, title: \"Notes\" /* the title */)\n",
    )
    .expect("writes");
    let original = std::fs::read(&path).expect("reads");

    // Cancel: nothing written.
    let mut app = App::opened(&data, &path);
    app.editor.edit("Notes v2");
    let step = app.save();
    let Step::Ask(Prompt::CommentsNotKept { document, then }) = &step else {
        panic!("{step:?}");
    };
    assert_eq!(document, "notes.ron");
    assert_eq!(then, &None);
    let prompt = app.session.pending_prompt().expect("pending").clone();
    assert!(
        prompt.message().contains("comments"),
        "{}",
        prompt.message()
    );
    assert_eq!(
        prompt.answers(),
        &[Answer::SaveWithoutComments, Answer::Cancel]
    );
    assert_eq!(prompt.cancel_answer(), Answer::Cancel);
    assert_eq!(app.answer(Answer::Cancel), Step::Done);
    assert_eq!(std::fs::read(&path).expect("reads"), original);
    assert!(app.dirty());

    // Save Without Comments: written; later saves do not ask again.
    assert!(matches!(
        app.save(),
        Step::Ask(Prompt::CommentsNotKept { .. })
    ));
    assert_eq!(
        app.answer(Answer::SaveWithoutComments),
        Step::Saved(path.clone())
    );
    assert_eq!(file::load_path(&path).expect("loads").title, "Notes v2");
    assert!(
        !std::fs::read_to_string(&path)
            .expect("reads")
            .contains("//")
    );
    app.editor.edit("Notes v3");
    assert_eq!(app.save(), Step::Saved(path.clone()));

    // On the way out: the unsaved-changes prompt's Save asks too, then
    // goes on.
    std::fs::write(&path, &original).expect("writes");
    let mut app = App::opened(&data, &path);
    app.editor.edit("Notes v4");
    app.request(Request::Exit);
    assert!(matches!(
        app.answer(Answer::Save),
        Step::Ask(Prompt::CommentsNotKept {
            then: Some(Request::Exit),
            ..
        })
    ));
    assert_eq!(app.answer(Answer::SaveWithoutComments), Step::Exit);
    assert_eq!(file::load_path(&path).expect("loads").title, "Notes v4");

    // Save As to another file does not drop this file's comments: no
    // question.
    std::fs::write(&path, &original).expect("writes");
    let mut app = App::opened(&data, &path);
    app.editor.edit("Copy");
    assert!(matches!(app.save_as(), Step::ChooseSavePath { .. }));
    let copy = dir.path().join("copy.ron");
    assert_eq!(app.choose(Some(&copy)), Step::Saved(copy.clone()));
    assert_eq!(std::fs::read(&path).expect("reads"), original);

    // A file whose only slashes are inside strings has no comments.
    let plain = dir.path().join("plain.ron");
    std::fs::write(
        &plain,
        "(format: \"seams\", version: 1, title: \"a // b /* c */\")\n",
    )
    .expect("writes");
    let mut app = App::opened(&data, &plain);
    app.editor.edit("changed");
    assert_eq!(app.save(), Step::Saved(plain.clone()));
}
