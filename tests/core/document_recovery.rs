//! Autosave and recovery: recovery files written while dirty and removed
//! when clean, offered after a crash (never while their window runs),
//! recovered as unsaved work, damaged ones set aside. And the atomic save
//! under fire: a writer killed at random moments never leaves a torn file.

use crate::support::document::{App, diagram, setup, write_diagram};
use seams::document::recovery::{RecoveryError, RecoveryOffer};
use seams::document::{self, Answer, Prompt, Request, Session, Step};
use seams::file;
use seams::model::generate::{Rng, synthetic};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant, SystemTime};

fn recovery_files(data: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(data.join("recovery")) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    files.sort();
    files
}

fn only_offer(app: &App) -> RecoveryOffer {
    let scan = app.session.recovery_scan();
    assert!(scan.problems.is_empty(), "{:?}", scan.problems);
    assert_eq!(scan.offers.len(), 1, "{:?}", scan.offers);
    scan.offers[0].clone()
}

#[test]
fn autosave_writes_while_dirty_and_stops_when_clean() {
    let (dir, data) = setup();
    let path = dir.path().join("a.ron");
    write_diagram(&path, "original");
    let mut app = App::opened(&data, &path);
    let t0 = Instant::now();
    let state = app.editor.state;
    assert!(!app.session.autosave_due(t0, state));
    assert_eq!(app.session.next_autosave_in(t0, state), None);
    assert!(!app.autosave(t0));

    app.editor.edit("first change");
    assert!(app.session.autosave_due(t0, app.editor.state));
    assert!(app.autosave(t0));
    let files = recovery_files(&data);
    assert_eq!(files.len(), 1);
    let text = std::fs::read_to_string(&files[0]).expect("reads");
    assert!(text.starts_with("// Seams recovery file"), "{text}");
    assert!(
        text.contains(&format!("// original: \"{}\"", path.display())),
        "{text}"
    );
    assert!(
        text.contains(&format!("// pid: {}", std::process::id())),
        "{text}"
    );
    let in_file = file::load_str(&text).expect("a recovery file is a diagram");
    assert_eq!(in_file.title, "first change");

    // At most one write per interval; nothing to write without a change.
    app.editor.edit("second change");
    let state = app.editor.state;
    let t1 = t0 + Duration::from_secs(1);
    assert!(!app.session.autosave_due(t1, state));
    assert_eq!(
        app.session.next_autosave_in(t1, state),
        document::AUTOSAVE_INTERVAL.checked_sub(Duration::from_secs(1))
    );
    assert!(!app.autosave(t1));
    let t5 = t0 + document::AUTOSAVE_INTERVAL;
    assert!(app.autosave(t5));
    assert_eq!(
        file::load_path(&files[0]).expect("loads").title,
        "second change"
    );
    assert!(!app.session.autosave_due(t5 + Duration::from_mins(1), state));

    // Undone back to the saved state: the recovery file goes.
    app.editor.undo();
    app.editor.undo();
    assert!(!app.dirty());
    assert!(!app.autosave(t5 + Duration::from_mins(1)));
    assert!(recovery_files(&data).is_empty());

    // A clean save removes it.
    app.editor.edit("third change");
    assert!(app.autosave(t5 + Duration::from_secs(61)));
    assert_eq!(recovery_files(&data).len(), 1);
    assert_eq!(app.save(), Step::Saved(path.clone()));
    assert!(recovery_files(&data).is_empty());

    // So does Don't Save on the way out, and the frames the window still
    // runs before it goes do not write it again.
    app.editor.edit("fourth change");
    assert!(app.autosave(t5 + Duration::from_secs(70)));
    assert_eq!(recovery_files(&data).len(), 1);
    app.request(Request::Exit);
    assert_eq!(app.answer(Answer::DontSave), Step::Exit);
    assert!(recovery_files(&data).is_empty());
    assert!(!app.autosave(t5 + Duration::from_secs(80)));
    assert_eq!(
        app.session
            .next_autosave_in(t5 + Duration::from_secs(80), app.editor.state),
        None
    );
    assert!(recovery_files(&data).is_empty());
    assert!(
        app.session.recovery_scan().offers.is_empty(),
        "nothing to offer at the next start"
    );
    assert_eq!(file::load_path(&path).expect("loads").title, "third change");

    // A window that did not close after all autosaves again once edited.
    app.editor.edit("fifth change");
    assert!(app.autosave(t5 + Duration::from_secs(90)));
    assert_eq!(recovery_files(&data).len(), 1);
}

#[test]
fn a_clean_close_leaves_no_recovery_file() {
    let (dir, data) = setup();
    let path = dir.path().join("a.ron");
    write_diagram(&path, "saved");
    let t0 = Instant::now();

    // Saved, then closed.
    let mut app = App::opened(&data, &path);
    app.editor.edit("changed");
    assert!(app.autosave(t0));
    assert_eq!(recovery_files(&data).len(), 1);
    assert_eq!(app.save(), Step::Saved(path.clone()));
    assert_eq!(app.request(Request::Exit), Step::Exit);
    assert!(!app.autosave(t0 + Duration::from_mins(1)));
    assert!(recovery_files(&data).is_empty());

    // Saved from the prompt on the way out.
    let mut app = App::opened(&data, &path);
    app.editor.edit("changed again");
    assert!(app.autosave(t0));
    app.request(Request::Exit);
    assert_eq!(app.answer(Answer::Save), Step::Exit);
    assert!(!app.autosave(t0 + Duration::from_mins(1)));
    assert!(recovery_files(&data).is_empty());

    // An untitled document thrown away.
    let mut app = App::untitled(&data);
    app.editor.edit("scratch");
    assert!(app.autosave(t0));
    assert_eq!(recovery_files(&data).len(), 1);
    app.request(Request::Exit);
    assert_eq!(app.answer(Answer::DontSave), Step::Exit);
    assert!(!app.autosave(t0 + Duration::from_mins(1)));
    assert!(recovery_files(&data).is_empty());
}

#[test]
fn work_of_a_running_window_is_not_offered_work_of_a_dead_one_is() {
    let (dir, data) = setup();
    let path = dir.path().join("a.ron");
    write_diagram(&path, "original");
    let mut first = App::opened(&data, &path);
    first.editor.edit("unsaved work");
    assert!(first.autosave(Instant::now()));
    let unsaved = first.editor.diagram.clone();

    let mut second = App::untitled(&data);
    let scan = second.session.recovery_scan();
    assert!(scan.offers.is_empty(), "{:?}", scan.offers);
    assert!(scan.problems.is_empty(), "{:?}", scan.problems);
    assert!(
        first.session.recovery_scan().offers.is_empty(),
        "nor to itself"
    );

    // The first window goes away without closing properly.
    drop(first);
    let offer = only_offer(&second);
    assert_eq!(offer.original.as_deref(), Some(path.as_path()));
    assert_eq!(offer.name, "a.ron");
    assert_eq!(offer.diagram_title, "unsaved work");
    assert_eq!(offer.age(SystemTime::now()), "less than a minute ago");
    assert!(!offer.original_is_image);

    // Recovering opens it with unsaved changes, tied to its file.
    let step = second.request(Request::Recover(offer.clone()));
    assert!(matches!(step, Step::Replace(_)), "{step:?}");
    assert_eq!(second.editor.diagram, unsaved);
    assert!(second.dirty());
    assert_eq!(second.title(), "● a.ron — Seams");
    assert_eq!(second.session.document().path(), Some(path.as_path()));
    assert_eq!(second.poll(), Step::Done, "the file did not change since");
    assert!(!offer.file.exists(), "claimed");
    assert_eq!(recovery_files(&data).len(), 1, "kept under the new owner");
    let third = App::untitled(&data);
    assert!(third.session.recovery_scan().offers.is_empty());

    // Recovering an offer that is gone fails cleanly.
    let step = second
        .session
        .request(Request::Recover(offer), second.editor.state);
    let step = match step {
        Step::Ask(_) => second.answer(Answer::DontSave),
        other => other,
    };
    assert!(
        matches!(step, Step::RecoverFailed(RecoveryError::Gone { .. })),
        "{step:?}"
    );
    assert_eq!(second.editor.diagram, unsaved, "untouched");

    // A clean save removes the recovery file.
    assert_eq!(second.save(), Step::Saved(path.clone()));
    assert!(recovery_files(&data).is_empty());
    assert_eq!(file::load_path(&path).expect("loads"), unsaved);
}

#[test]
fn untitled_work_is_recovered_as_untitled_or_discarded() {
    let (_dir, data) = setup();
    let mut crashed = App::untitled(&data);
    crashed.editor.edit("Sketch");
    crashed.autosave(Instant::now());
    drop(crashed);

    let mut app = App::untitled(&data);
    let offer = only_offer(&app);
    assert_eq!(offer.original, None);
    assert_eq!(offer.name, document::UNTITLED);
    app.session.discard_recovery(&offer).expect("discards");
    assert!(app.session.recovery_scan().offers.is_empty());
    assert!(recovery_files(&data).is_empty());

    let mut crashed = App::untitled(&data);
    crashed.editor.edit("Sketch two");
    crashed.autosave(Instant::now());
    drop(crashed);
    let offer = only_offer(&app);
    app.request(Request::Recover(offer));
    assert_eq!(app.title(), "● Untitled — Seams");
    assert_eq!(app.editor.diagram.title, "Sketch two");
    assert_eq!(
        app.save(),
        Step::ChooseSavePath {
            folder: None,
            file_name: "sketch-two.ron".to_owned()
        }
    );
}

#[test]
fn recovering_over_unsaved_work_asks_first() {
    let (_dir, data) = setup();
    let mut crashed = App::untitled(&data);
    crashed.editor.edit("left behind");
    crashed.autosave(Instant::now());
    drop(crashed);

    let mut app = App::untitled(&data);
    app.editor.edit("current work");
    let offer = only_offer(&app);
    let step = app.request(Request::Recover(offer.clone()));
    let Step::Ask(prompt @ Prompt::UnsavedChanges { .. }) = &step else {
        panic!("expected a prompt, got {step:?}");
    };
    assert!(prompt.message().contains("before recovering “Untitled”"));
    assert_eq!(app.answer(Answer::Cancel), Step::Done);
    assert_eq!(app.editor.diagram.title, "current work");
    assert!(offer.file.exists(), "still on offer");

    app.request(Request::Recover(offer));
    assert!(matches!(app.answer(Answer::DontSave), Step::Replace(_)));
    assert_eq!(app.editor.diagram.title, "left behind");
}

#[test]
fn a_recovered_image_document_still_saves_as_ron() {
    let (dir, data) = setup();
    let png = dir.path().join("export.png");
    let ron = file::to_ron_string(&diagram("picture"));
    let bytes =
        file::embedded::encode_png_with_diagram(&[0, 0, 0, 255], 1, 1, &ron).expect("encodes");
    std::fs::write(&png, &bytes).expect("writes");
    let mut crashed = App::opened(&data, &png);
    crashed.editor.edit("picture, edited");
    crashed.autosave(Instant::now());
    drop(crashed);

    let mut app = App::untitled(&data);
    let offer = only_offer(&app);
    assert!(offer.original_is_image);
    app.request(Request::Recover(offer));
    assert!(!app.session.document().saves_in_place());
    assert_eq!(
        app.save(),
        Step::ChooseSavePath {
            folder: Some(dir.path().to_path_buf()),
            file_name: "export.ron".to_owned()
        }
    );
}

#[test]
fn damaged_recovery_files_are_set_aside_and_reported_never_offered() {
    let (_dir, data) = setup();
    let folder = data.join("recovery");
    std::fs::create_dir_all(&folder).expect("mkdir");
    let good_ron = file::to_ron_string(&diagram("fine"));
    let header = "// seams-recovery: 1\n// saved-at-ms: 1767225600000\n// name: \"x.ron\"\n";
    let cases = [
        (
            "1_1_0-1-untitled.ron",
            "\u{0}\u{1} binary garbage".to_owned(),
        ),
        ("1_1_0-2-untitled.ron", good_ron.clone()),
        (
            "1_1_0-3-untitled.ron",
            format!("{header}(format: \"seams\", version: 1, modules: [(id: \"a\"), (id: \"a\")])"),
        ),
        (
            "1_1_0-4-untitled.ron",
            format!("{header}{}", &good_ron[..good_ron.len() / 2]),
        ),
        (
            "1_1_0-5-untitled.ron",
            "// seams-recovery: 1\n// saved-at-ms: soon\n".to_owned() + &good_ron,
        ),
    ];
    for (name, text) in &cases {
        std::fs::write(folder.join(name), text).expect("writes");
    }
    std::fs::write(
        folder.join("1_1_0-6-untitled.ron"),
        format!("{header}{good_ron}"),
    )
    .expect("writes");

    let mut app = App::untitled(&data);
    let scan = app.session.recovery_scan();
    assert_eq!(scan.offers.len(), 1, "only the good one: {:?}", scan.offers);
    assert_eq!(scan.offers[0].name, "x.ron");
    assert_eq!(scan.problems.len(), cases.len(), "{:?}", scan.problems);
    for problem in &scan.problems {
        let RecoveryError::Corrupt { file, moved_to, .. } = problem else {
            panic!("expected Corrupt, got {problem:?}");
        };
        assert!(!file.exists());
        let moved_to = moved_to.as_ref().expect("set aside");
        assert!(moved_to.exists());
        assert!(moved_to.to_string_lossy().ends_with(".ron.corrupt"));
        assert!(problem.to_string().contains("set aside"), "{problem}");
    }
    let again = app.session.recovery_scan();
    assert!(
        again.problems.is_empty(),
        "reported once: {:?}",
        again.problems
    );
    assert_eq!(again.offers.len(), 1);

    // Damaged after the scan: recovering reports it, sets it aside, and
    // leaves the current document alone.
    app.editor.edit("current");
    let offer = again.offers[0].clone();
    std::fs::write(&offer.file, "garbage").expect("writes");
    app.request(Request::Recover(offer.clone()));
    let step = app.answer(Answer::DontSave);
    assert!(
        matches!(step, Step::RecoverFailed(RecoveryError::Corrupt { .. })),
        "{step:?}"
    );
    assert_eq!(app.editor.diagram.title, "current");
    assert!(!offer.file.exists());
    assert!(app.session.recovery_scan().offers.is_empty());
}

#[test]
fn without_a_data_folder_autosave_is_off_and_says_so() {
    let (dir, _data) = setup();
    let path = dir.path().join("a.ron");
    write_diagram(&path, "a");
    let loaded = document::load(&path).expect("loads");
    let mut session = Session::new(None, loaded.source, 1);
    let notices = session.take_notices();
    assert!(
        notices.iter().any(|n| n.contains("Autosave is off")),
        "{notices:?}"
    );
    assert!(!session.autosave_due(Instant::now(), 2));
    assert!(!session.autosave(Instant::now(), &diagram("b"), 2));
    assert!(session.recovery_scan().offers.is_empty());
    assert_eq!(session.recovery_folder(), None);
    assert!(session.is_dirty(2));
}

// ---------------------------------------------------------------------------
// Crashes for real: child processes killed with SIGKILL (TerminateProcess on
// Windows).

/// Which helper a child process plays.
const ROLE_ENV: &str = "SEAMS_TEST_HELPER_ROLE";
/// The diagram file the helper works on.
const TARGET_ENV: &str = "SEAMS_TEST_HELPER_TARGET";
/// A file the helper creates once it has done its first write.
const READY_ENV: &str = "SEAMS_TEST_HELPER_READY";
/// Modules in the diagrams of the save loop: big enough (~0.5 MB) that a
/// save takes long enough to be killed in the middle of.
const SAVE_LOOP_MODULES: usize = 2500;
/// A helper that outlives its test (the test panicked before killing it)
/// gives up after this long.
const HELPER_LIFETIME: Duration = Duration::from_mins(2);

/// The name the test harness knows [`helper_process`] by: its path inside
/// the test executable (`document_recovery::helper_process`), which is
/// this module's path without the executable's own name in front.
fn helper_test() -> String {
    let module = module_path!()
        .split_once("::")
        .map_or("", |(_, inside)| inside);
    format!("{module}::helper_process")
}

/// Not a test: the body of the child processes the crash tests start (the
/// test executable runs itself with `--ignored --exact` and [`helper_test`]).
#[test]
#[ignore = "runs only as a child process of the crash tests"]
fn helper_process() {
    let env = |name| std::env::var_os(name).map(PathBuf::from).expect(name);
    match std::env::var(ROLE_ENV).as_deref() {
        Ok("edit-and-autosave") => edit_and_autosave(&env(TARGET_ENV), &env(READY_ENV)),
        Ok("save-loop") => save_loop(&env(TARGET_ENV), &env(READY_ENV)),
        _ => {}
    }
}

/// Opens the target, makes an unsaved change, autosaves (to the data folder
/// named by `SEAMS_DATA_DIR`, as the real program does), then waits to be
/// killed.
fn edit_and_autosave(target: &Path, ready: &Path) {
    let loaded = document::load(target).expect("loads");
    let mut session = Session::new(document::data_dir::data_dir().as_deref(), loaded.source, 1);
    let mut edited = loaded.diagram;
    "work that was never saved".clone_into(&mut edited.title);
    assert!(session.autosave(Instant::now(), &edited, 2));
    std::fs::write(ready, "ready").expect("writes");
    std::thread::sleep(HELPER_LIFETIME);
}

/// Saves two different big diagrams over the target, alternately, until
/// killed. The first save goes through `file::save`; the others write the
/// same text through `file::write_atomically` (what `save` does after
/// serializing), so nearly all the time is spent writing and most kills
/// land mid-write rather than mid-serialization.
fn save_loop(target: &Path, ready: &Path) {
    let diagrams = [
        synthetic(SAVE_LOOP_MODULES, 1),
        synthetic(SAVE_LOOP_MODULES, 2),
    ];
    let texts = diagrams.each_ref().map(file::to_ron_string);
    file::save(&diagrams[0], target).expect("saves");
    let start = Instant::now();
    for round in 1.. {
        file::write_atomically(target, texts[round % 2].as_bytes()).expect("saves");
        if round == 1 {
            std::fs::write(ready, "ready").expect("writes");
        }
        if start.elapsed() > HELPER_LIFETIME {
            break;
        }
    }
}

/// A child process that is killed when dropped, so a failing test leaves no
/// helper behind.
struct Helper(Child);

impl Helper {
    fn start(role: &str, target: &Path, ready: &Path, data: Option<&Path>) -> Self {
        let _ = std::fs::remove_file(ready);
        let mut command = Command::new(std::env::current_exe().expect("test binary"));
        command
            .arg(helper_test())
            .args(["--exact", "--ignored", "--test-threads=1"])
            .env(ROLE_ENV, role)
            .env(TARGET_ENV, target)
            .env(READY_ENV, ready)
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        if let Some(data) = data {
            command.env(document::data_dir::DATA_DIR_ENV, data);
        }
        let helper = Helper(command.spawn().expect("starts the helper"));
        let deadline = Instant::now() + Duration::from_mins(1);
        while !ready.exists() {
            assert!(Instant::now() < deadline, "the helper never got ready");
            std::thread::sleep(Duration::from_millis(2));
        }
        helper
    }

    fn kill(mut self) {
        self.0.kill().expect("kills");
        self.0.wait().expect("reaps");
    }
}

impl Drop for Helper {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn a_killed_window_s_work_is_offered_at_the_next_start() {
    let (dir, data) = setup();
    let path = dir.path().join("a.ron");
    write_diagram(&path, "saved");
    let ready = dir.path().join("ready");
    let helper = Helper::start("edit-and-autosave", &path, &ready, Some(&data));

    let mut app = App::untitled(&data);
    assert!(
        app.session.recovery_scan().offers.is_empty(),
        "the other window is still running"
    );
    assert_eq!(recovery_files(&data).len(), 1);

    helper.kill();
    let offer = only_offer(&app);
    assert_eq!(offer.original.as_deref(), Some(path.as_path()));
    app.request(Request::Recover(offer));
    assert_eq!(app.editor.diagram.title, "work that was never saved");
    assert!(app.dirty());
    assert_eq!(file::load_path(&path).expect("loads").title, "saved");
}

#[test]
fn a_writer_killed_mid_save_leaves_the_old_or_the_new_file_never_a_torn_one() {
    let (dir, _data) = setup();
    let target = dir.path().join("big.ron");
    let ready = dir.path().join("ready");
    let texts = [
        file::to_ron_string(&synthetic(SAVE_LOOP_MODULES, 1)),
        file::to_ron_string(&synthetic(SAVE_LOOP_MODULES, 2)),
    ];
    assert!(texts[0].len() > 300_000, "{} bytes", texts[0].len());
    std::fs::write(&target, &texts[1]).expect("writes");
    // Kill until several kills have landed mid-write (a temporary file is
    // left behind), within a bound on the rounds.
    let temp_files = || -> Vec<PathBuf> {
        std::fs::read_dir(dir.path())
            .expect("lists")
            .map(|e| e.expect("entry").path())
            .filter(|p| {
                p.file_name()
                    .is_some_and(|n| n.to_string_lossy().contains(".seams-tmp-"))
            })
            .collect()
    };
    let mut rng = Rng::new(6);
    let mut killed_mid_write = 0;
    for round in 0..60 {
        let helper = Helper::start("save-loop", &target, &ready, None);
        std::thread::sleep(Duration::from_micros(rng.below(40_000) as u64));
        helper.kill();
        let bytes = std::fs::read(&target).expect("the target is still there");
        assert!(
            bytes == texts[0].as_bytes() || bytes == texts[1].as_bytes(),
            "round {round}: torn file of {} bytes",
            bytes.len()
        );
        file::load_path(&target).expect("loads");
        for temp in temp_files() {
            killed_mid_write += 1;
            std::fs::remove_file(temp).expect("removes");
        }
        if killed_mid_write >= 4 {
            break;
        }
    }
    assert!(
        killed_mid_write > 0,
        "no kill landed in the middle of a write"
    );
}

#[test]
fn every_failure_point_of_the_atomic_write_leaves_the_target_alone() {
    let (dir, _data) = setup();
    let listing = |dir: &Path| {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .expect("lists")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };

    // The temporary file cannot be created: its folder is a file.
    let not_a_folder = dir.path().join("file");
    std::fs::write(&not_a_folder, "x").expect("writes");
    assert!(file::write_atomically(&not_a_folder.join("a.ron"), b"new").is_err());
    assert_eq!(std::fs::read(&not_a_folder).expect("reads"), b"x");

    // The rename fails: the target is a folder with something in it.
    let target = dir.path().join("target.ron");
    std::fs::create_dir(&target).expect("mkdir");
    std::fs::write(target.join("inside"), "kept").expect("writes");
    let before = listing(dir.path());
    assert!(file::write_atomically(&target, b"new").is_err());
    assert_eq!(listing(dir.path()), before, "no temporary file left behind");
    assert_eq!(
        std::fs::read(target.join("inside")).expect("reads"),
        b"kept"
    );

    // A temporary file left by a writer killed before its rename does not
    // disturb the target, the next save goes through and removes it.
    let target = dir.path().join("real.ron");
    write_diagram(&target, "old");
    let mut gone = Command::new(std::env::current_exe().expect("test binary"))
        .arg("--list")
        .stdout(Stdio::null())
        .spawn()
        .expect("starts");
    let dead = gone.id();
    gone.wait().expect("exits");
    let stale = dir
        .path()
        .join(format!(".real.ron.seams-tmp-{dead}-00000000deadbeef"));
    std::fs::write(&stale, "half a diagr").expect("writes");
    assert_eq!(file::load_path(&target).expect("loads").title, "old");
    write_diagram(&target, "new");
    assert_eq!(file::load_path(&target).expect("loads").title, "new");
    // (Where `/proc` tells live processes from dead ones; elsewhere only
    // after an hour.)
    if Path::new("/proc/self").exists() {
        assert!(!stale.exists(), "the next save removes it");
    }
}
