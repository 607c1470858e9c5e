//! Autosave and recovery: writing the recovery file while there are
//! unsaved changes, removing it when there are none, and offering what
//! crashed windows left behind.

use super::super::recovery::{Header, RecoveryError, RecoveryOffer, RecoveryStore, Scan};
use super::super::{FileFormat, Loaded, Location, Origin, Source, content_hash, stamp_of};
use super::{AUTOSAVE_INTERVAL, Session, Step};
use crate::model::Diagram;
use std::time::{Duration, Instant, SystemTime};

impl Session {
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
    /// to offer at start: recover one with [`Request::Recover`](super::Request::Recover), or drop it
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

    pub(super) fn recover(&mut self, offer: &RecoveryOffer) -> Step {
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
                        *format == FileFormat::Ron && super::super::file_has_comments(path),
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

    pub(super) fn remove_recovery(&mut self) {
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

    /// A recovery key unique in this session: a counter plus a hash of the
    /// path, so the file name says which document it is.
    pub(super) fn new_key(&mut self, location: &Location) -> String {
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
