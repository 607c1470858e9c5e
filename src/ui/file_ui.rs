//! The document lifecycle in the editor: the File menu's commands, the
//! native file dialogs, the window title, closing the window, dropped
//! files, autosave, watching the file on disk and the recovery offer at
//! start.
//!
//! The decisions live in [`crate::document::Session`]; this module carries
//! out the [`Step`]s it returns (replace the diagram, show a prompt or an
//! error, show the Save As dialog, close the window) and draws the modals
//! through [`super::prompt_ui`].

use super::actions::Action;
use super::command::Command;
use super::export_settings::{ExportSettings, with_default_extension};
use super::file_dialogs::{FileDialogs, NativeDialogs};
use super::open_diagram::OpenDiagram;
use super::prompt_ui::{self, ErrorDialog, RecoveryChoice};
use crate::document::recent::RecentFiles;
use crate::document::recovery::{RecoveryError, RecoveryOffer};
use crate::document::{Loaded, Prompt, Request, Session, Source, Step};
use egui::{Context, ViewportCommand};
use std::path::{Path, PathBuf};
use std::time::{Instant, SystemTime};

/// How often the file on disk is checked for changes by other programs.
const DISK_POLL_SECONDS: f64 = 1.0;

/// What the editor must do after a lifecycle step, besides what this
/// module already did.
#[derive(Debug, Default)]
#[must_use]
pub struct Outcome {
    /// A message for the status bar.
    pub message: Option<String>,
    /// The document was replaced by another one: reset selection and
    /// camera. (A reload of the same file keeps them.)
    pub replaced: bool,
    /// Export with these settings to this (typed) path.
    pub export_to: Option<(PathBuf, ExportSettings)>,
    /// Compare the diagram with the one in this file (chosen in a dialog
    /// or typed).
    pub compare_with: Option<PathBuf>,
}

impl Outcome {
    fn message(text: impl Into<String>) -> Self {
        Outcome {
            message: Some(text.into()),
            ..Outcome::default()
        }
    }

    fn and(mut self, other: Outcome) -> Self {
        self.replaced |= other.replaced;
        if other.export_to.is_some() {
            self.export_to = other.export_to;
        }
        if other.compare_with.is_some() {
            self.compare_with = other.compare_with;
        }
        if other.message.is_some() {
            self.message = other.message;
        }
        self
    }
}

/// What a typed path is for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PathFor {
    /// File → Open.
    Open,
    /// Save As (or Save of an untitled document), then whatever the
    /// session had waiting.
    Save,
    /// File → Export… with these settings.
    Export(ExportSettings),
    /// File → Compare with….
    Compare,
}

/// The typed-path prompt's state.
#[derive(Debug)]
struct PathPrompt {
    purpose: PathFor,
    text: String,
    /// The field still has to take the keyboard.
    focus: bool,
}

impl PathPrompt {
    fn new(purpose: PathFor, folder: Option<&Path>, file_name: &str) -> Self {
        let folder = folder
            .map(Path::to_path_buf)
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_default();
        let text = folder.join(file_name).display().to_string();
        PathPrompt {
            purpose,
            text,
            focus: true,
        }
    }
}

/// The recovery offer shown at start.
#[derive(Debug)]
struct RecoveryWindow {
    offers: Vec<RecoveryOffer>,
    problems: Vec<String>,
}

/// The lifecycle state of the editor window.
pub struct Files {
    /// The document lifecycle state machine.
    pub session: Session,
    dialogs: Box<dyn FileDialogs>,
    error: Option<ErrorDialog>,
    recovery: Option<RecoveryWindow>,
    /// A typed path being asked for, when the file dialogs cannot show.
    path_prompt: Option<PathPrompt>,
    /// The title last sent to the window.
    shown_title: Option<String>,
    /// When the file on disk was last checked (egui time, seconds).
    last_disk_poll: Option<f64>,
    /// Set once the session said Exit: the next close request goes through.
    closing: bool,
}

impl std::fmt::Debug for Files {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Files")
            .field("session", &self.session)
            .field("error", &self.error)
            .field("recovery", &self.recovery)
            .field("closing", &self.closing)
            .finish_non_exhaustive()
    }
}

impl Files {
    /// The lifecycle for the diagram read from `source` (a file from
    /// [`crate::document::load`], or untitled), its history at `state_id`. `data_dir` holds recovery
    /// files and the recent list; without one autosave is off. Work left
    /// behind by a crashed Seams is offered in a window at start.
    #[must_use]
    pub fn new(source: Source, state_id: u64, data_dir: Option<&Path>) -> Self {
        let session = Session::new(data_dir, source, state_id);
        let scan = session.recovery_scan();
        let recovery =
            (!scan.offers.is_empty() || !scan.problems.is_empty()).then(|| RecoveryWindow {
                offers: scan.offers,
                problems: scan.problems.iter().map(ToString::to_string).collect(),
            });
        Files {
            session,
            dialogs: Box::new(NativeDialogs),
            error: None,
            recovery,
            path_prompt: None,
            shown_title: None,
            last_disk_poll: None,
            closing: false,
        }
    }

    /// Replaces the Open and Save As dialogs (tests answer them).
    pub fn set_dialogs(&mut self, dialogs: Box<dyn FileDialogs>) {
        self.dialogs = dialogs;
    }

    /// Asks where to write an exported image (see
    /// [`FileDialogs::pick_export`]).
    pub fn pick_export(
        &mut self,
        folder: Option<&Path>,
        file_name: &str,
        format: crate::export::Format,
    ) -> Option<PathBuf> {
        self.dialogs.pick_export(folder, file_name, format)
    }

    /// Asks where to export with `settings`: through the system's dialog
    /// (the path comes back now), or, when it cannot show, a typed-path
    /// prompt (the path comes back later in [`Outcome::export_to`]).
    pub fn ask_export_path(
        &mut self,
        folder: Option<&Path>,
        file_name: &str,
        settings: &ExportSettings,
    ) -> Option<PathBuf> {
        if self.dialogs.available() {
            return self.dialogs.pick_export(folder, file_name, settings.format);
        }
        self.path_prompt = Some(PathPrompt::new(
            PathFor::Export(settings.clone()),
            folder,
            file_name,
        ));
        None
    }

    /// What the typed-path prompt is asking for and its text, while it
    /// shows.
    #[must_use]
    pub fn path_prompt(&self) -> Option<(&PathFor, &str)> {
        self.path_prompt
            .as_ref()
            .map(|p| (&p.purpose, p.text.as_str()))
    }

    /// Shows an error dialog with `title` and `message` (for example, the
    /// file named on the command line could not be opened).
    pub fn show_error(&mut self, title: impl Into<String>, message: impl Into<String>) {
        self.error = Some(ErrorDialog {
            title: title.into(),
            message: message.into(),
        });
    }

    /// The error dialog's title and message, while one is showing.
    #[must_use]
    pub fn error(&self) -> Option<(&str, &str)> {
        self.error
            .as_ref()
            .map(|e| (e.title.as_str(), e.message.as_str()))
    }

    /// The recovery offers still listed in the start-up window.
    #[must_use]
    pub fn recovery_offers(&self) -> &[RecoveryOffer] {
        self.recovery.as_ref().map_or(&[], |w| w.offers.as_slice())
    }

    /// Whether a lifecycle modal (prompt, error, recovery) is showing; the
    /// editor's shortcuts wait until it is answered.
    #[must_use]
    pub fn modal_open(&self) -> bool {
        self.session.pending_prompt().is_some()
            || self.error.is_some()
            || self.recovery.is_some()
            || self.path_prompt.is_some()
    }

    /// The recent files, for the File menu.
    #[must_use]
    pub fn recent(&self) -> &RecentFiles {
        self.session.recent()
    }

    /// The editor replaced its diagram itself (an example opened): the
    /// session starts over on `source`, the new history at `state_id`.
    pub fn adopt(&mut self, source: Source, state_id: u64) {
        self.session.adopt(source, state_id);
    }

    /// What the session knows of the open document: its name, file and
    /// saved state.
    #[must_use]
    pub fn document(&self) -> &crate::document::Document {
        self.session.document()
    }

    /// Whether the diagram, its history at `state_id`, has unsaved changes.
    #[must_use]
    pub fn is_dirty(&self, state_id: u64) -> bool {
        self.session.is_dirty(state_id)
    }

    /// Start of a frame: intercept closing the window, open dropped files,
    /// autosave, check the file on disk, update the title, collect notices.
    pub fn begin_frame(&mut self, ctx: &Context, document: &mut OpenDiagram) -> Outcome {
        let mut outcome = Outcome::default();
        if ctx.input(|i| i.viewport().close_requested()) && !self.closing {
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
            outcome = outcome.and(self.apply(ctx, &Action::Command(Command::Quit), document));
        }
        let dropped = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .find(|p| !p.as_os_str().is_empty())
        });
        if let Some(path) = dropped {
            outcome = outcome.and(self.apply(ctx, &Action::OpenFile(path), document));
        }

        let state_id = document.history.state_id();
        self.session
            .autosave(Instant::now(), &document.diagram, state_id);
        let now = ctx.input(|i| i.time);
        if self
            .last_disk_poll
            .is_none_or(|last| now - last >= DISK_POLL_SECONDS)
        {
            self.last_disk_poll = Some(now);
            let step = self.session.check_external_change(state_id);
            outcome = outcome.and(self.carry_out(ctx, step, document, true));
        }
        // An idle window gets no frames: ask for one to autosave and to
        // notice changes on disk.
        let autosave_in = self
            .session
            .next_autosave_in(Instant::now(), document.history.state_id())
            .map_or(DISK_POLL_SECONDS, |d| {
                d.as_secs_f64().min(DISK_POLL_SECONDS)
            });
        ctx.request_repaint_after_secs(autosave_in as f32);

        let notices = self.session.take_notices();
        if !notices.is_empty() {
            outcome = outcome.and(Outcome::message(notices.join(" ")));
        }
        let title = self.session.title(document.history.state_id());
        if self.shown_title.as_ref() != Some(&title) {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.shown_title = Some(title);
        }
        outcome
    }

    /// Draws the lifecycle modals and carries out the user's answers.
    pub fn show(&mut self, ctx: &Context, document: &mut OpenDiagram) -> Outcome {
        let mut outcome = Outcome::default();
        if let Some(prompt) = self.session.pending_prompt().cloned() {
            if let Some(answer) = prompt_ui::prompt(ctx, &prompt) {
                let reload = matches!(prompt, Prompt::ChangedOnDisk { .. });
                let step =
                    self.session
                        .answer(answer, &document.diagram, document.history.state_id());
                outcome = outcome.and(self.carry_out(ctx, step, document, reload));
            }
        } else if let Some(error) = &self.error {
            if prompt_ui::error(ctx, error) {
                self.error = None;
            }
        } else if let Some(prompt) = &mut self.path_prompt {
            let (title, action) = match prompt.purpose {
                PathFor::Open => ("Open diagram", "Open"),
                PathFor::Save => ("Save diagram", "Save"),
                PathFor::Export(_) => ("Export image", "Export"),
                PathFor::Compare => ("Compare with diagram", "Compare"),
            };
            if let Some(answer) =
                prompt_ui::path(ctx, title, action, &mut prompt.text, &mut prompt.focus)
            {
                let prompt = self.path_prompt.take();
                if let Some(prompt) = prompt {
                    outcome = outcome.and(self.path_answered(ctx, prompt, answer, document));
                }
            }
        } else if let Some(window) = &self.recovery {
            match prompt_ui::recovery(ctx, &window.offers, &window.problems, SystemTime::now()) {
                Some(RecoveryChoice::Recover(index)) => {
                    outcome = outcome.and(self.recover(ctx, index, document));
                }
                Some(RecoveryChoice::Discard(index)) => self.discard(index),
                Some(RecoveryChoice::Later) => self.recovery = None,
                None => {}
            }
        }
        outcome
    }

    /// Goes on with what the typed-path prompt was for.
    fn path_answered(
        &mut self,
        ctx: &Context,
        prompt: PathPrompt,
        answer: prompt_ui::PathAnswer,
        document: &mut OpenDiagram,
    ) -> Outcome {
        let chosen =
            (answer == prompt_ui::PathAnswer::Chosen).then(|| expand_home(prompt.text.trim()));
        let state_id = document.history.state_id();
        match prompt.purpose {
            PathFor::Open => match chosen {
                Some(path) => {
                    let step = self.session.request(Request::Open(path), state_id);
                    self.carry_out(ctx, step, document, false)
                }
                None => Outcome::default(),
            },
            PathFor::Save => {
                let chosen = chosen.map(|path| with_default_extension(&path, "ron"));
                let step = self
                    .session
                    .save_path_chosen(chosen, &document.diagram, state_id);
                self.carry_out(ctx, step, document, false)
            }
            PathFor::Export(settings) => Outcome {
                export_to: chosen.map(|path| (path, settings)),
                ..Outcome::default()
            },
            PathFor::Compare => Outcome {
                compare_with: chosen,
                ..Outcome::default()
            },
        }
    }

    /// The folder of the open document's file, where file dialogs start.
    fn document_folder(&self) -> Option<PathBuf> {
        self.session
            .document()
            .path()
            .and_then(Path::parent)
            .map(Path::to_path_buf)
    }

    /// Carries out a File menu action (New, Open…, Save, Compare with…,
    /// Quit, ...).
    /// Other actions are ignored.
    pub fn apply(&mut self, ctx: &Context, action: &Action, document: &mut OpenDiagram) -> Outcome {
        let state_id = document.history.state_id();
        let step = match action {
            Action::Command(Command::New) => self.session.request(Request::New, state_id),
            Action::Command(Command::Open) => {
                let folder = self.document_folder();
                if self.dialogs.available() {
                    match self.dialogs.pick_open(folder.as_deref()) {
                        Some(path) => self.session.request(Request::Open(path), state_id),
                        None => Step::Done,
                    }
                } else {
                    self.path_prompt = Some(PathPrompt::new(PathFor::Open, folder.as_deref(), ""));
                    Step::Done
                }
            }
            Action::Command(Command::CompareWith) => {
                let folder = self.document_folder();
                if self.dialogs.available() {
                    return Outcome {
                        compare_with: self.dialogs.pick_compare(folder.as_deref()),
                        ..Outcome::default()
                    };
                }
                self.path_prompt = Some(PathPrompt::new(PathFor::Compare, folder.as_deref(), ""));
                Step::Done
            }
            Action::OpenFile(path) => self.session.request(Request::Open(path.clone()), state_id),
            Action::RemoveRecent(path) => {
                self.session.remove_recent(path);
                Step::Done
            }
            Action::Command(Command::RemoveMissingRecent) => {
                self.session.remove_missing_recent();
                Step::Done
            }
            Action::Command(Command::Save) => self.session.save(&document.diagram, state_id),
            Action::Command(Command::SaveAs) => self.session.save_as(&document.diagram),
            // Close leaves an empty untitled diagram open, as New does (after
            // the same unsaved-changes prompt); only Quit ends the editor.
            Action::Command(Command::Close) => self.session.request(Request::Close, state_id),
            Action::Command(Command::Quit) => self.session.request(Request::Exit, state_id),
            _ => Step::Done,
        };
        let closing =
            (*action == Action::Command(Command::Close)).then(|| self.session.document().name());
        let outcome = self.carry_out(ctx, step, document, false);
        match closing {
            Some(name) if outcome.replaced => Outcome {
                message: Some(format!("Closed “{name}”")),
                ..outcome
            },
            _ => outcome,
        }
    }

    /// Does what `step` says. `reload`: a replacement is the same file read
    /// again, so the view stays where it is.
    fn carry_out(
        &mut self,
        ctx: &Context,
        mut step: Step,
        document: &mut OpenDiagram,
        reload: bool,
    ) -> Outcome {
        loop {
            let outcome = match step {
                Step::Done | Step::Ask(_) => Outcome::default(),
                Step::Saved(path) => Outcome::message(format!("Saved {}", path.display())),
                Step::ChooseSavePath { folder, file_name } => {
                    if !self.dialogs.available() {
                        // The session waits for `save_path_chosen`.
                        self.path_prompt = Some(PathPrompt::new(
                            PathFor::Save,
                            folder.as_deref(),
                            &file_name,
                        ));
                        return Outcome::default();
                    }
                    let chosen = self.dialogs.pick_save(folder.as_deref(), &file_name);
                    step = self.session.save_path_chosen(
                        chosen,
                        &document.diagram,
                        document.history.state_id(),
                    );
                    continue;
                }
                Step::Replace(loaded) => self.replace(*loaded, document, reload),
                Step::SaveFailed(error) => {
                    self.error = Some(ErrorDialog {
                        title: "Could not save".to_owned(),
                        message: format!(
                            "{error}\n\nYour diagram is still open with its changes; nothing on disk was changed."
                        ),
                    });
                    Outcome::default()
                }
                Step::OpenFailed(error) => {
                    self.error = Some(ErrorDialog {
                        title: "Could not open the file".to_owned(),
                        message: format!("{error}\n\nThe open diagram was left as it was."),
                    });
                    Outcome::default()
                }
                Step::RecoverFailed(error) => {
                    self.error = Some(ErrorDialog {
                        title: "Could not recover".to_owned(),
                        message: error.to_string(),
                    });
                    Outcome::default()
                }
                Step::Exit => {
                    self.closing = true;
                    ctx.send_viewport_cmd(ViewportCommand::Close);
                    Outcome::default()
                }
            };
            return outcome;
        }
    }

    fn replace(&mut self, loaded: Loaded, document: &mut OpenDiagram, reload: bool) -> Outcome {
        let Loaded { diagram, source } = loaded;
        *document = OpenDiagram::new(diagram);
        self.session.adopt(source, document.history.state_id());
        let name = self.session.document().name();
        Outcome {
            message: Some(if reload {
                format!("Reloaded “{name}”: it was changed by another program")
            } else {
                format!("Opened “{name}”")
            }),
            replaced: !reload,
            ..Outcome::default()
        }
    }

    fn recover(&mut self, ctx: &Context, index: usize, document: &mut OpenDiagram) -> Outcome {
        let Some(window) = &mut self.recovery else {
            return Outcome::default();
        };
        if index >= window.offers.len() {
            return Outcome::default();
        }
        let offer = window.offers.remove(index);
        if window.offers.is_empty() {
            self.recovery = None;
        }
        let name = offer.name.clone();
        let step = self
            .session
            .request(Request::Recover(offer), document.history.state_id());
        let recovered = matches!(step, Step::Replace(_));
        let outcome = self.carry_out(ctx, step, document, false);
        if recovered {
            Outcome {
                message: Some(format!(
                    "Recovered “{name}”: save it to keep it (it is not saved to its file yet)"
                )),
                ..outcome
            }
        } else {
            outcome
        }
    }

    fn discard(&mut self, index: usize) {
        let Some(window) = &mut self.recovery else {
            return;
        };
        if index >= window.offers.len() {
            return;
        }
        let offer = window.offers.remove(index);
        match self.session.discard_recovery(&offer) {
            Ok(()) | Err(RecoveryError::Gone { .. }) => {}
            Err(error) => window.problems.push(error.to_string()),
        }
        if window.offers.is_empty() && window.problems.is_empty() {
            self.recovery = None;
        }
    }
}

/// A typed path with a leading `~` meaning the home folder.
fn expand_home(text: &str) -> PathBuf {
    let home = || std::env::var_os("HOME").map(PathBuf::from);
    if text == "~" {
        return home().unwrap_or_else(|| PathBuf::from(text));
    }
    if let Some(rest) = text.strip_prefix("~/")
        && let Some(home) = home()
    {
        return home.join(rest);
    }
    PathBuf::from(text)
}
