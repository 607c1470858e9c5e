//! The lifecycle state machine: requests in, [`Step`]s out, at most one
//! pending prompt or Save As dialog at a time.

use super::data_dir::{RECENT_FILE, RECOVERY_FOLDER};
use super::recent::RecentFiles;
use super::recovery::RecoveryStore;
use super::save::write_diagram;
use super::{
    AutosaveSlot, DiskStamp, Document, FileFormat, Loaded, Location, Origin, Source, UNTITLED, load,
};
use crate::model::Diagram;
use std::path::{Path, PathBuf};
use std::time::Duration;

mod autosave;
mod messages;
mod on_disk;

pub use messages::{Answer, Prompt, Request, Step};

/// How often a document with unsaved changes is written to its recovery
/// file: a crash loses at most this much work, and the disk sees at most
/// one write per interval however fast the user edits.
pub const AUTOSAVE_INTERVAL: Duration = Duration::from_secs(5);

/// What the session is waiting for.
#[derive(Clone, Debug)]
enum Pending {
    /// An answer to `prompt`. For [`Prompt::ChangedOnDisk`], `on_disk` is
    /// the file as seen when asking, which Keep My Version acknowledges.
    Prompt {
        prompt: Prompt,
        on_disk: Option<DiskStamp>,
    },
    /// A path from the Save As dialog; after saving, `then` proceeds.
    SavePath { then: Option<Request> },
}

/// The open document and everything around it: prompts, saving, watching
/// the file, autosave and recovery, recent files. One per window.
///
/// The editor calls, in short:
/// - at start: [`Session::new`], then [`Session::recovery_scan`] to offer
///   recovery;
/// - for New/Open/Close/Quit/drop/recover: [`Session::request`];
/// - for Save and Save As: [`Session::save`], [`Session::save_as`];
/// - with the user's choices: [`Session::answer`],
///   [`Session::save_path_chosen`];
/// - after replacing the diagram: [`Session::adopt`];
/// - about once a second: [`Session::check_external_change`] and
///   [`Session::autosave`];
/// - every frame: [`Session::title`], [`Session::take_notices`];
/// - and it carries out each returned [`Step`].
#[derive(Debug)]
pub struct Session {
    document: Document,
    pending: Option<Pending>,
    /// `None` when there is no usable data folder: autosave is off.
    recovery: Option<RecoveryStore>,
    recent: RecentFiles,
    notices: Vec<String>,
    next_key: u64,
    /// The last autosave error reported, so a failing disk is reported once
    /// rather than every few seconds.
    autosave_error: Option<String>,
    /// The history state at which the user closed the window (their
    /// unsaved changes saved or discarded, the recovery file removed):
    /// autosave must not write it again in the frames before the window
    /// goes. An edit after that (a window that did not close) starts
    /// autosaving again.
    closed_at: Option<u64>,
}

impl Session {
    /// Starts a session on the diagram from `source` (from [`super::load`]
    /// or [`Loaded::untitled`]) whose undo history is at `state_id`.
    /// `data_dir` is the user's data folder ([`super::data_dir::data_dir`];
    /// tests pass their own): recovery files go in its `recovery` folder and
    /// the recent list in `recent.ron`. Without one, or if it cannot be
    /// used, autosave is off and the recent list lasts one run; a notice
    /// says so.
    #[must_use]
    pub fn new(data_dir: Option<&Path>, source: Source, state_id: u64) -> Self {
        let mut notices = Vec::new();
        let recovery = match data_dir {
            None => {
                notices.push(format!(
                    "Autosave is off: there is no folder for recovery files. Set {} or HOME.",
                    super::data_dir::DATA_DIR_ENV
                ));
                None
            }
            Some(dir) => match RecoveryStore::open(dir.join(RECOVERY_FOLDER)) {
                Ok(store) => Some(store),
                Err(e) => {
                    notices.push(format!("Autosave is off: {e}"));
                    None
                }
            },
        };
        let (recent, problem) = RecentFiles::load(data_dir.map(|dir| dir.join(RECENT_FILE)));
        notices.extend(problem.map(|e| e.to_string()));
        let mut session = Session {
            document: Document {
                location: Location::Untitled {
                    name: UNTITLED.to_owned(),
                },
                saved_state: Some(state_id),
                disk: None,
                comments: false,
                autosave: AutosaveSlot {
                    key: "0-untitled".to_owned(),
                    written_state: None,
                    last_attempt: None,
                },
            },
            pending: None,
            recovery,
            recent,
            notices,
            next_key: 1,
            autosave_error: None,
            closed_at: None,
        };
        session.adopt(source, state_id);
        session
    }

    /// The open document.
    #[must_use]
    pub fn document(&self) -> &Document {
        &self.document
    }

    /// The window title at history state `state_id`.
    #[must_use]
    pub fn title(&self, state_id: u64) -> String {
        self.document.title(state_id)
    }

    /// Whether the document has unsaved changes at history state `state_id`.
    #[must_use]
    pub fn is_dirty(&self, state_id: u64) -> bool {
        self.document.is_dirty(state_id)
    }

    /// The prompt waiting for an answer, if any: draw it every frame until
    /// [`Session::answer`] is called.
    #[must_use]
    pub fn pending_prompt(&self) -> Option<&Prompt> {
        match &self.pending {
            Some(Pending::Prompt { prompt, .. }) => Some(prompt),
            _ => None,
        }
    }

    /// The recent files list.
    #[must_use]
    pub fn recent(&self) -> &RecentFiles {
        &self.recent
    }

    /// Removes `path` from the recent files (the "remove" action on a
    /// missing entry).
    pub fn remove_recent(&mut self, path: &Path) {
        if let Err(e) = self.recent.remove(path) {
            self.notices.push(e.to_string());
        }
    }

    /// Removes every recent file that no longer exists.
    pub fn remove_missing_recent(&mut self) {
        if let Err(e) = self.recent.remove_missing() {
            self.notices.push(e.to_string());
        }
    }

    /// Messages for the status bar that need no answer (autosave off or
    /// failing, recent list not saved, file deleted on disk, ...); each is
    /// returned once.
    pub fn take_notices(&mut self) -> Vec<String> {
        std::mem::take(&mut self.notices)
    }

    /// The recovery folder, when autosave is on.
    #[must_use]
    pub fn recovery_folder(&self) -> Option<&Path> {
        self.recovery.as_ref().map(RecoveryStore::dir)
    }

    /// The user asks for something that replaces or closes the document.
    /// With unsaved changes this asks first; otherwise it goes ahead.
    pub fn request(&mut self, request: Request, state_id: u64) -> Step {
        self.pending = None;
        if !self.document.is_dirty(state_id) {
            return self.proceed(request, state_id);
        }
        self.ask(
            Prompt::UnsavedChanges {
                document: self.document.name(),
                then: request,
            },
            None,
        )
    }

    /// The user answered the pending prompt. An answer that is not one of
    /// the prompt's counts as its [`Prompt::cancel_answer`]; with no prompt
    /// pending, nothing happens.
    pub fn answer(&mut self, answer: Answer, diagram: &Diagram, state_id: u64) -> Step {
        let Some(Pending::Prompt { prompt, on_disk }) = self.pending.take() else {
            return Step::Done;
        };
        match prompt {
            Prompt::UnsavedChanges { then, .. } => match answer {
                Answer::Save => self.save_then(Some(then), diagram, state_id),
                Answer::DontSave => self.proceed(then, state_id),
                _ => Step::Done,
            },
            Prompt::ChangedOnDisk { .. } if answer == Answer::Reload => self.reload(),
            Prompt::ChangedOnDisk { .. } => {
                self.keep_mine(on_disk);
                Step::Done
            }
            Prompt::CommentsNotKept { then, .. } => {
                match (answer, self.document.path().map(Path::to_path_buf)) {
                    (Answer::SaveWithoutComments, Some(path)) => {
                        // Asked once: from now on saving goes ahead.
                        self.document.comments = false;
                        self.write_to(&path, then, diagram, state_id)
                    }
                    _ => Step::Done,
                }
            }
        }
    }

    /// File → Save: writes the file in place, or asks for a path when the
    /// document is untitled or was opened from an image.
    pub fn save(&mut self, diagram: &Diagram, state_id: u64) -> Step {
        self.pending = None;
        self.save_then(None, diagram, state_id)
    }

    /// File → Save As: asks for a path.
    pub fn save_as(&mut self, diagram: &Diagram) -> Step {
        self.choose_save_path(None, diagram)
    }

    /// The Save As dialog closed with `path` (`None`: cancelled, and so is
    /// whatever was to follow the save). The document moves to `path` only
    /// if the save succeeds.
    pub fn save_path_chosen(
        &mut self,
        path: Option<PathBuf>,
        diagram: &Diagram,
        state_id: u64,
    ) -> Step {
        let then = match self.pending.take() {
            Some(Pending::SavePath { then }) => then,
            other => {
                self.pending = other;
                None
            }
        };
        match path {
            Some(path) => self.write_to(&path, then, diagram, state_id),
            None => Step::Done,
        }
    }

    /// The editor replaced its diagram as a [`Step::Replace`] said, and its
    /// new undo history is at `state_id`: the document becomes `source`.
    /// The previous document's recovery file is removed (its changes were
    /// saved or discarded by the user's choice), and an opened file goes to
    /// the top of the recent files.
    pub fn adopt(&mut self, source: Source, state_id: u64) {
        self.pending = None;
        self.closed_at = None;
        let Source {
            location,
            disk,
            origin,
            comments,
        } = source;
        match origin {
            Origin::Reload => {
                self.document.location = location;
                self.document.disk = disk;
                self.document.saved_state = Some(state_id);
                self.document.comments = comments;
                self.remove_recovery();
            }
            Origin::Fresh => {
                self.remove_recovery();
                if let Location::File { path, .. } = &location {
                    self.remember_recent(&path.clone());
                }
                let key = self.new_key(&location);
                self.document = Document {
                    location,
                    saved_state: Some(state_id),
                    disk,
                    comments,
                    autosave: AutosaveSlot {
                        key,
                        written_state: None,
                        last_attempt: None,
                    },
                };
            }
            Origin::Recovered { key } => {
                self.remove_recovery();
                // Unsaved from the start; the recovery file (written when
                // claimed) already holds this state.
                self.document = Document {
                    location,
                    saved_state: None,
                    disk,
                    comments,
                    autosave: AutosaveSlot {
                        key,
                        written_state: Some(state_id),
                        last_attempt: None,
                    },
                };
            }
        }
    }

    /// Carries out a request whose unsaved changes have been dealt with.
    fn proceed(&mut self, request: Request, state_id: u64) -> Step {
        match request {
            Request::New | Request::Close => {
                Step::Replace(Box::new(Loaded::untitled(Diagram::default(), UNTITLED)))
            }
            Request::Open(path) => match load(&path) {
                Ok(loaded) => Step::Replace(Box::new(loaded)),
                Err(e) => Step::OpenFailed(e),
            },
            Request::Recover(offer) => self.recover(&offer),
            Request::Exit => {
                self.remove_recovery();
                self.closed_at = Some(state_id);
                Step::Exit
            }
        }
    }

    fn ask(&mut self, prompt: Prompt, on_disk: Option<DiskStamp>) -> Step {
        self.pending = Some(Pending::Prompt {
            prompt: prompt.clone(),
            on_disk,
        });
        Step::Ask(prompt)
    }

    fn choose_save_path(&mut self, then: Option<Request>, diagram: &Diagram) -> Step {
        self.pending = Some(Pending::SavePath { then });
        let (folder, file_name) = self.document.suggested_save_path(diagram);
        Step::ChooseSavePath { folder, file_name }
    }

    fn save_then(&mut self, then: Option<Request>, diagram: &Diagram, state_id: u64) -> Step {
        match (&self.document.location, self.document.saves_in_place()) {
            (Location::File { path, .. }, true) => {
                let path = path.clone();
                self.write_to(&path, then, diagram, state_id)
            }
            _ => self.choose_save_path(then, diagram),
        }
    }

    fn write_to(
        &mut self,
        path: &Path,
        then: Option<Request>,
        diagram: &Diagram,
        state_id: u64,
    ) -> Step {
        let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        if self.document.comments && self.document.path() == Some(path.as_path()) {
            return self.ask(
                Prompt::CommentsNotKept {
                    document: self.document.name(),
                    then,
                },
                None,
            );
        }
        let stamp = match write_diagram(diagram, &path) {
            Ok(stamp) => stamp,
            Err(e) => return Step::SaveFailed(e),
        };
        self.remove_recovery();
        let location = Location::File {
            path: path.clone(),
            format: FileFormat::Ron,
        };
        if self.document.location != location {
            self.document.autosave.key = self.new_key(&location);
            self.document.location = location;
        }
        self.document.disk = Some(stamp);
        self.document.saved_state = Some(state_id);
        self.document.comments = false;
        self.remember_recent(&path);
        match then {
            Some(request) => self.proceed(request, state_id),
            None => Step::Saved(path),
        }
    }

    fn remember_recent(&mut self, path: &Path) {
        if let Err(e) = self.recent.add(path) {
            self.notices.push(e.to_string());
        }
    }
}
