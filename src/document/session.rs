//! The lifecycle state machine: requests in, [`Step`]s out, at most one
//! pending prompt or Save As dialog at a time.

use super::data_dir::{RECENT_FILE, RECOVERY_FOLDER};
use super::recent::RecentFiles;
use super::recovery::{Header, RecoveryError, RecoveryOffer, RecoveryStore, Scan};
use super::save::write_diagram;
use super::{
    AutosaveSlot, DiskCheck, DiskStamp, Document, FileFormat, Loaded, Location, Origin, SaveError,
    Source, UNTITLED, check_disk, content_hash, load, stamp_of,
};
use crate::file::{self, LoadError};
use crate::model::Diagram;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

/// How often a document with unsaved changes is written to its recovery
/// file: a crash loses at most this much work, and the disk sees at most
/// one write per interval however fast the user edits.
pub const AUTOSAVE_INTERVAL: Duration = Duration::from_secs(5);

/// Something the user asked for that replaces or closes the document, and
/// so may need their unsaved changes dealt with first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Request {
    /// File → New.
    New,
    /// File → Close: the document closes, an empty untitled diagram stays
    /// open.
    Close,
    /// Open this file: chosen in the Open dialog (show the dialog first, so
    /// cancelling it asks nothing), from Open Recent, dropped on the window,
    /// or named on the command line.
    Open(PathBuf),
    /// Recover this work, offered by [`Session::recovery_scan`].
    Recover(RecoveryOffer),
    /// Close the window or quit (one window, so the same thing).
    Exit,
}

impl Request {
    /// How the unsaved-changes prompt names what happens next.
    fn purpose(&self) -> String {
        match self {
            Request::New => "before starting a new diagram".to_owned(),
            Request::Close => "before closing it".to_owned(),
            Request::Open(path) => format!(
                "before opening “{}”",
                path.file_name().map_or_else(
                    || path.display().to_string(),
                    |n| n.to_string_lossy().into_owned()
                )
            ),
            Request::Recover(offer) => format!("before recovering “{}”", offer.name),
            Request::Exit => "before closing".to_owned(),
        }
    }
}

/// A question for the user. Show [`Prompt::title`], [`Prompt::message`] and
/// one button per [`Prompt::answers`], then pass the button clicked to
/// [`Session::answer`]. Escape or closing the prompt means
/// [`Prompt::cancel_answer`]; Enter means [`Prompt::default_answer`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Prompt {
    /// The document has unsaved changes and `then` would discard them.
    UnsavedChanges {
        /// The document's name.
        document: String,
        /// What happens after Save (once saved) or Don't Save.
        then: Request,
    },
    /// The file changed on disk while the document has unsaved changes.
    ChangedOnDisk {
        /// The document's name.
        document: String,
    },
    /// The file has comments, which Seams does not keep: the first save
    /// over it asks before dropping them.
    CommentsNotKept {
        /// The document's name.
        document: String,
        /// What happens after the save, if anything.
        then: Option<Request>,
    },
}

impl Prompt {
    /// The prompt window's title.
    #[must_use]
    pub fn title(&self) -> &'static str {
        match self {
            Prompt::UnsavedChanges { .. } => "Unsaved changes",
            Prompt::ChangedOnDisk { .. } => "File changed on disk",
            Prompt::CommentsNotKept { .. } => "Comments are not kept",
        }
    }

    /// The question, then what each choice means.
    #[must_use]
    pub fn message(&self) -> String {
        match self {
            Prompt::UnsavedChanges { document, then } => format!(
                "Save the changes to “{document}” {}?\nIf you don't save, your changes will be lost.",
                then.purpose()
            ),
            Prompt::ChangedOnDisk { document } => format!(
                "“{document}” was changed by another program, and you have unsaved changes.\n\
                 Reload it to see the new version (your changes will be lost), or keep your \
                 version (saving it will overwrite the other changes)."
            ),
            Prompt::CommentsNotKept { document, .. } => format!(
                "“{document}” has comments in it. Seams does not keep comments: saving \
                 writes the diagram without them.\nSave anyway, or cancel and keep the file \
                 as it is (Save As writes the diagram to another file)."
            ),
        }
    }

    /// The buttons, in order.
    #[must_use]
    pub fn answers(&self) -> &'static [Answer] {
        match self {
            Prompt::UnsavedChanges { .. } => &[Answer::Save, Answer::DontSave, Answer::Cancel],
            Prompt::ChangedOnDisk { .. } => &[Answer::Reload, Answer::KeepMine],
            Prompt::CommentsNotKept { .. } => &[Answer::SaveWithoutComments, Answer::Cancel],
        }
    }

    /// The answer for Enter.
    #[must_use]
    pub fn default_answer(&self) -> Answer {
        match self {
            Prompt::UnsavedChanges { .. } => Answer::Save,
            Prompt::ChangedOnDisk { .. } => Answer::KeepMine,
            Prompt::CommentsNotKept { .. } => Answer::SaveWithoutComments,
        }
    }

    /// The answer for Escape or closing the prompt: the one that changes
    /// nothing and loses nothing.
    #[must_use]
    pub fn cancel_answer(&self) -> Answer {
        match self {
            Prompt::UnsavedChanges { .. } | Prompt::CommentsNotKept { .. } => Answer::Cancel,
            Prompt::ChangedOnDisk { .. } => Answer::KeepMine,
        }
    }
}

/// A button on a [`Prompt`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    /// Save, then go on.
    Save,
    /// Discard the unsaved changes and go on.
    DontSave,
    /// Go back to editing; nothing happens.
    Cancel,
    /// Replace the document with the file on disk.
    Reload,
    /// Keep the document as it is; the next save overwrites the file.
    KeepMine,
    /// Save over a file with comments, dropping them.
    SaveWithoutComments,
}

impl Answer {
    /// The button label.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Answer::Save => "Save",
            Answer::DontSave => "Don't Save",
            Answer::Cancel => "Cancel",
            Answer::Reload => "Reload",
            Answer::KeepMine => "Keep My Version",
            Answer::SaveWithoutComments => "Save Without Comments",
        }
    }
}

/// What the editor must do next.
#[derive(Clone, Debug, PartialEq)]
pub enum Step {
    /// Nothing (done, or cancelled).
    Done,
    /// The document was saved to this file (a status bar message, at most).
    Saved(PathBuf),
    /// Show this prompt (also available as [`Session::pending_prompt`]) and
    /// pass the answer to [`Session::answer`].
    Ask(Prompt),
    /// Show the Save As dialog, starting in `folder` with `file_name`,
    /// filtered to `.ron`; pass the chosen path, or `None` if cancelled, to
    /// [`Session::save_path_chosen`].
    ChooseSavePath {
        /// The folder to start in, when there is one.
        folder: Option<PathBuf>,
        /// The suggested file name.
        file_name: String,
    },
    /// Replace the diagram: build a fresh undo history from
    /// `loaded.diagram`, then call [`Session::adopt`] with `loaded.source`
    /// and the new history's state id.
    Replace(Box<Loaded>),
    /// Saving failed: show the error. The document is still open, unsaved,
    /// under its old name; the file on disk is unchanged.
    SaveFailed(SaveError),
    /// Opening (or reloading) failed: show the loader's message. The
    /// current document is untouched.
    OpenFailed(LoadError),
    /// Recovering failed: show the error. The current document is untouched.
    RecoverFailed(RecoveryError),
    /// Close the window. Unsaved changes were saved or discarded as the user
    /// chose, and the recovery file is gone.
    Exit,
}

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

    /// Polls the file for changes by other programs (call about once a
    /// second; it reads only metadata unless that changed, and never counts
    /// our own saves). Without unsaved changes a changed file comes back as
    /// [`Step::Replace`], to reload silently; with unsaved changes the user
    /// is asked. A deleted file keeps the document open with unsaved
    /// changes, and a notice says so.
    pub fn check_external_change(&mut self, state_id: u64) -> Step {
        if self.pending.is_some() {
            return Step::Done;
        }
        let Some(path) = self.document.path().map(Path::to_path_buf) else {
            return Step::Done;
        };
        match check_disk(&path, self.document.disk.as_ref()) {
            DiskCheck::Unchanged | DiskCheck::Unreadable => Step::Done,
            DiskCheck::Touched(stamp) => {
                self.document.disk = Some(stamp);
                Step::Done
            }
            DiskCheck::Gone => {
                if self.document.disk.take().is_some() {
                    self.document.saved_state = None;
                    self.notices.push(format!(
                        "“{}” was moved or deleted by another program. Your diagram is still open; save it to write the file again.",
                        self.document.name()
                    ));
                }
                Step::Done
            }
            DiskCheck::Changed(stamp, bytes) => {
                if self.document.is_dirty(state_id) {
                    return self.ask(
                        Prompt::ChangedOnDisk {
                            document: self.document.name(),
                        },
                        Some(stamp),
                    );
                }
                match file::load_bytes(&bytes) {
                    Ok(diagram) => Step::Replace(Box::new(Loaded {
                        diagram,
                        source: Source {
                            location: self.document.location.clone(),
                            disk: Some(stamp),
                            origin: Origin::Reload,
                            comments: super::ron_has_comments(&bytes),
                        },
                    })),
                    Err(e) => {
                        self.keep_mine(Some(stamp));
                        self.notices.push(format!(
                            "“{}” was changed by another program and cannot be read now ({}). Your version stays open; saving it will overwrite the file.",
                            self.document.name(),
                            e.in_file(&path)
                        ));
                        Step::Done
                    }
                }
            }
        }
    }

    /// Whether it is time to write the recovery file: autosave is on, there
    /// are unsaved changes not yet in the recovery file, and the last write
    /// was at least [`AUTOSAVE_INTERVAL`] ago.
    #[must_use]
    pub fn autosave_due(&self, now: Instant, state_id: u64) -> bool {
        self.next_autosave_in(now, state_id) == Some(Duration::ZERO)
    }

    /// How long until [`Session::autosave`] has something to write (zero:
    /// now), or `None` when it has nothing to write. The editor may ask for
    /// a repaint after this long, since an idle window gets no frames.
    #[must_use]
    pub fn next_autosave_in(&self, now: Instant, state_id: u64) -> Option<Duration> {
        let slot = &self.document.autosave;
        if self.recovery.is_none()
            || self.closed_at == Some(state_id)
            || !self.document.is_dirty(state_id)
            || slot.written_state == Some(state_id)
        {
            return None;
        }
        Some(slot.last_attempt.map_or(Duration::ZERO, |last| {
            AUTOSAVE_INTERVAL.saturating_sub(now.saturating_duration_since(last))
        }))
    }

    /// Autosave, called often (every frame is fine): writes the recovery
    /// file when [`Session::autosave_due`], and removes it when the document
    /// is clean again (saved, or undone back to the saved state). Returns
    /// whether it wrote. A failure becomes a notice (once until it changes)
    /// and is retried after [`AUTOSAVE_INTERVAL`].
    pub fn autosave(&mut self, now: Instant, diagram: &Diagram, state_id: u64) -> bool {
        if !self.document.is_dirty(state_id) || self.closed_at == Some(state_id) {
            self.remove_recovery();
            return false;
        }
        if !self.autosave_due(now, state_id) {
            return false;
        }
        let Some(store) = &self.recovery else {
            return false;
        };
        self.document.autosave.last_attempt = Some(now);
        let header = Header::new(
            &self.document.location,
            self.document.name(),
            SystemTime::now(),
        );
        match store.write(&self.document.autosave.key, &header, diagram) {
            Ok(()) => {
                self.document.autosave.written_state = Some(state_id);
                self.autosave_error = None;
                true
            }
            Err(e) => {
                let message = e.to_string();
                if self.autosave_error.as_deref() != Some(message.as_str()) {
                    self.notices.push(format!(
                        "Autosave failed: {message}. Your diagram is still open; save it to keep your work."
                    ));
                    self.autosave_error = Some(message);
                }
                false
            }
        }
    }

    /// Lists work left behind by Seams windows that crashed or were killed,
    /// to offer at start: recover one with [`Request::Recover`], or drop it
    /// with [`Session::discard_recovery`]. Damaged recovery files are set
    /// aside and listed in [`Scan::problems`]. Empty when autosave is off.
    #[must_use]
    pub fn recovery_scan(&self) -> Scan {
        self.recovery
            .as_ref()
            .map_or_else(Scan::default, RecoveryStore::scan)
    }

    /// The user chose not to recover `offer`: its recovery file is deleted.
    pub fn discard_recovery(&mut self, offer: &RecoveryOffer) -> Result<(), RecoveryError> {
        self.recovery
            .as_ref()
            .ok_or(RecoveryError::Disabled)?
            .discard(offer)
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

    fn recover(&mut self, offer: &RecoveryOffer) -> Step {
        let location = match &offer.original {
            Some(path) => Location::File {
                path: path.clone(),
                format: if offer.original_is_image {
                    FileFormat::Image
                } else {
                    FileFormat::Ron
                },
            },
            None => Location::Untitled {
                name: offer.name.clone(),
            },
        };
        let key = self.new_key(&location);
        let Some(store) = &self.recovery else {
            return Step::RecoverFailed(RecoveryError::Disabled);
        };
        match store.claim(offer, &key) {
            Ok((diagram, header)) => {
                let location = header.location();
                // What the file holds now, so that it is not reported as
                // changed on disk the moment the work is recovered.
                let (disk, comments) = match &location {
                    Location::File { path, format } => (
                        stamp_of(path),
                        *format == FileFormat::Ron && super::file_has_comments(path),
                    ),
                    Location::Untitled { .. } => (None, false),
                };
                Step::Replace(Box::new(Loaded {
                    diagram,
                    source: Source {
                        location,
                        disk,
                        origin: Origin::Recovered { key },
                        comments,
                    },
                }))
            }
            Err(e) => Step::RecoverFailed(e),
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

    fn reload(&mut self) -> Step {
        let Some(path) = self.document.path().map(Path::to_path_buf) else {
            return Step::Done;
        };
        match load(&path) {
            Ok(mut loaded) => {
                loaded.source.origin = Origin::Reload;
                Step::Replace(Box::new(loaded))
            }
            Err(e) => {
                // Do not ask again about this version of the file.
                self.keep_mine(stamp_of(&path));
                Step::OpenFailed(e)
            }
        }
    }

    /// The user keeps their version over the file on disk (as it was seen:
    /// `on_disk`): the document no longer matches any saved state, and this
    /// version of the file is not reported again.
    fn keep_mine(&mut self, on_disk: Option<DiskStamp>) {
        self.document.disk = on_disk;
        self.document.saved_state = None;
    }

    fn remove_recovery(&mut self) {
        let slot = &mut self.document.autosave;
        if slot.written_state.take().is_none() {
            return;
        }
        slot.last_attempt = None;
        if let Some(store) = &self.recovery
            && let Err(e) = store.remove(&slot.key)
        {
            self.notices.push(e.to_string());
        }
    }

    fn remember_recent(&mut self, path: &Path) {
        if let Err(e) = self.recent.add(path) {
            self.notices.push(e.to_string());
        }
    }

    /// A recovery key unique in this session: a counter plus a hash of the
    /// path, so the file name says which document it is.
    fn new_key(&mut self, location: &Location) -> String {
        let n = self.next_key;
        self.next_key += 1;
        match location {
            Location::File { path, .. } => {
                format!(
                    "{n}-{:016x}",
                    content_hash(path.as_os_str().as_encoded_bytes())
                )
            }
            Location::Untitled { .. } => format!("{n}-untitled"),
        }
    }
}
