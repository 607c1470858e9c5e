//! Shared by the document tests: a stand-in for the editor (a diagram and
//! an undo history with state ids) and an `App` that carries out the
//! session's steps the way the UI does.

use seams::document::{self, Answer, Loaded, Request, Session, Step};
use seams::file;
use seams::model::Diagram;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

/// State ids unique across the test binary, like the editor's history.
static NEXT_STATE: AtomicU64 = AtomicU64::new(1);

pub fn fresh_state() -> u64 {
    NEXT_STATE.fetch_add(1, Ordering::Relaxed)
}

/// A stand-in for the editor: a diagram and an undo history with state ids.
pub struct Editor {
    pub diagram: Diagram,
    pub state: u64,
    undo: Vec<(u64, Diagram)>,
    redo: Vec<(u64, Diagram)>,
}

impl Editor {
    pub fn new(diagram: Diagram) -> Self {
        Editor {
            diagram,
            state: fresh_state(),
            undo: Vec::new(),
            redo: Vec::new(),
        }
    }

    pub fn edit(&mut self, title: &str) {
        self.undo.push((self.state, self.diagram.clone()));
        self.redo.clear();
        title.clone_into(&mut self.diagram.title);
        self.state = fresh_state();
    }

    pub fn undo(&mut self) {
        let (state, diagram) = self.undo.pop().expect("something to undo");
        self.redo
            .push((self.state, std::mem::replace(&mut self.diagram, diagram)));
        self.state = state;
    }

    pub fn redo(&mut self) {
        let (state, diagram) = self.redo.pop().expect("something to redo");
        self.undo
            .push((self.state, std::mem::replace(&mut self.diagram, diagram)));
        self.state = state;
    }
}

/// The editor and its session, carrying out steps the way the UI would.
pub struct App {
    pub editor: Editor,
    pub session: Session,
    pub exited: bool,
}

impl App {
    pub fn new(data: &Path, loaded: Loaded) -> Self {
        let editor = Editor::new(loaded.diagram);
        let session = Session::new(Some(data), loaded.source, editor.state);
        App {
            editor,
            session,
            exited: false,
        }
    }

    pub fn untitled(data: &Path) -> Self {
        App::new(
            data,
            Loaded::untitled(Diagram::default(), document::UNTITLED),
        )
    }

    pub fn opened(data: &Path, path: &Path) -> Self {
        App::new(data, document::load(path).expect("loads"))
    }

    /// Carries out `step` (replacing the diagram, exiting) and returns it
    /// for the test to check.
    pub fn carry(&mut self, step: Step) -> Step {
        match &step {
            Step::Replace(loaded) => {
                self.editor = Editor::new(loaded.diagram.clone());
                self.session.adopt(loaded.source.clone(), self.editor.state);
            }
            Step::Exit => self.exited = true,
            _ => {}
        }
        step
    }

    pub fn request(&mut self, request: Request) -> Step {
        let step = self.session.request(request, self.editor.state);
        self.carry(step)
    }

    pub fn answer(&mut self, answer: Answer) -> Step {
        let step = self
            .session
            .answer(answer, &self.editor.diagram, self.editor.state);
        self.carry(step)
    }

    pub fn save(&mut self) -> Step {
        let step = self.session.save(&self.editor.diagram, self.editor.state);
        self.carry(step)
    }

    pub fn save_as(&mut self) -> Step {
        let step = self.session.save_as(&self.editor.diagram);
        self.carry(step)
    }

    pub fn choose(&mut self, path: Option<&Path>) -> Step {
        let step = self.session.save_path_chosen(
            path.map(Path::to_path_buf),
            &self.editor.diagram,
            self.editor.state,
        );
        self.carry(step)
    }

    pub fn poll(&mut self) -> Step {
        let step = self.session.check_external_change(self.editor.state);
        self.carry(step)
    }

    pub fn dirty(&self) -> bool {
        self.session.is_dirty(self.editor.state)
    }

    pub fn title(&self) -> String {
        self.session.title(self.editor.state)
    }

    pub fn autosave(&mut self, now: Instant) -> bool {
        self.session
            .autosave(now, &self.editor.diagram, self.editor.state)
    }
}

pub fn diagram(title: &str) -> Diagram {
    Diagram {
        title: title.to_owned(),
        ..Diagram::default()
    }
}

/// A temporary folder holding a `data` folder (the user's data folder) and
/// whatever files the test writes.
pub fn setup() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    (dir, data)
}

pub fn write_diagram(path: &Path, title: &str) {
    file::save(&diagram(title), path).expect("writes");
}

/// Moves the file's modification time forward, as a later write would.
pub fn bump_mtime(path: &Path, seconds: u64) {
    let file = std::fs::File::options()
        .write(true)
        .open(path)
        .expect("opens");
    let modified = file
        .metadata()
        .expect("metadata")
        .modified()
        .expect("mtime");
    file.set_modified(modified + std::time::Duration::from_secs(seconds))
        .expect("sets mtime");
}
