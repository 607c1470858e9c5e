//! Watching the open file: a change by another program reloads the
//! document, or asks when there are unsaved changes.

use super::super::{DiskCheck, DiskStamp, Loaded, Origin, Source, check_disk, load, stamp_of};
use super::{Prompt, Session, Step};
use crate::file;
use std::path::Path;

impl Session {
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
                            comments: super::super::ron_has_comments(&bytes),
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

    pub(super) fn reload(&mut self) -> Step {
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
    pub(super) fn keep_mine(&mut self, on_disk: Option<DiskStamp>) {
        self.document.disk = on_disk;
        self.document.saved_state = None;
    }
}
