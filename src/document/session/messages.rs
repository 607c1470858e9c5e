//! What the editor and the session say to each other: [`Request`]s in,
//! [`Prompt`]s and their [`Answer`]s, and the [`Step`] the editor takes
//! next.

use super::super::recovery::{RecoveryError, RecoveryOffer};
use super::super::{Loaded, SaveError};
use crate::file::LoadError;
use std::path::PathBuf;

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
    /// Recover this work, offered by [`Session::recovery_scan`](super::Session::recovery_scan).
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
/// [`Session::answer`](super::Session::answer). Escape or closing the prompt means
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
    /// Show this prompt (also available as [`Session::pending_prompt`](super::Session::pending_prompt)) and
    /// pass the answer to [`Session::answer`](super::Session::answer).
    Ask(Prompt),
    /// Show the Save As dialog, starting in `folder` with `file_name`,
    /// filtered to `.ron`; pass the chosen path, or `None` if cancelled, to
    /// [`Session::save_path_chosen`](super::Session::save_path_chosen).
    ChooseSavePath {
        /// The folder to start in, when there is one.
        folder: Option<PathBuf>,
        /// The suggested file name.
        file_name: String,
    },
    /// Replace the diagram: build a fresh undo history from
    /// `loaded.diagram`, then call [`Session::adopt`](super::Session::adopt) with `loaded.source`
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
