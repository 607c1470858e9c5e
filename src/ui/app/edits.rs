//! The editor's edits and the clipboard and export work behind commands:
//! each edit is one undoable step, or a message saying why not.

use super::SeamsApp;
use crate::edit::clipboard::{self, PasteAt};
use crate::edit::geometry::{self, Drop};
use crate::edit::ops::{self, UnitContents};
use crate::edit::{Edit, EditError, ElementRef};
use crate::model::Diagram;
use crate::theme::ui::{NUDGE_BIG, NUDGE_SMALL};
use crate::ui::command::Direction;
use crate::ui::export_settings::ExportSettings;
use crate::ui::export_ui;
use egui::Context;

impl SeamsApp {
    /// Commits `edit` (when it changes something), or says why it could
    /// not be made.
    pub(super) fn commit_or_say(
        &mut self,
        ctx: &Context,
        edit: Result<Edit, crate::edit::EditError>,
        label: &str,
    ) {
        match edit {
            Ok(edit) if !edit.is_noop() => {
                self.commit(ctx, edit, label);
            }
            Ok(_) => {}
            Err(error) => self.say(ctx, error.to_string()),
        }
    }

    pub(super) fn commit(&mut self, ctx: &Context, edit: Edit, label: &str) -> bool {
        match self.document.apply(edit, label) {
            Ok(()) => true,
            Err(error) => {
                self.say(ctx, error.to_string());
                false
            }
        }
    }

    /// Copies the selection; returns whether anything was copied.
    pub(super) fn copy(&mut self, ctx: &Context) -> bool {
        if let Some(clip) = clipboard::copy(&self.document.diagram, &self.view.selected()) {
            // The clipboard holds the clip as Seams RON.
            ctx.copy_text(crate::file::to_ron_string(&clip));
            true
        } else {
            self.say(ctx, "Select modules or units to copy");
            false
        }
    }

    /// Asks where to write the image, writes it, and says so (or shows why
    /// not).
    pub(super) fn export_image(&mut self, ctx: &Context, settings: &ExportSettings) {
        let identity = self.files.session.document();
        let name = export_ui::suggested_name(&identity.name(), settings.format);
        let folder = identity
            .path()
            .and_then(std::path::Path::parent)
            .map(std::path::Path::to_path_buf);
        let Some(path) = self
            .files
            .ask_export_path(folder.as_deref(), &name, settings)
        else {
            // Cancelled, or a typed-path prompt is showing: its answer comes
            // back through `after_file`.
            return;
        };
        self.export_to(ctx, &path, settings);
    }

    /// Writes the image to `path` and says so (or shows why not).
    pub(super) fn export_to(
        &mut self,
        ctx: &Context,
        path: &std::path::Path,
        settings: &ExportSettings,
    ) {
        match export_ui::write(&self.document, &self.view.selected(), settings, path) {
            Ok(path) => {
                self.windows.export.open = false;
                self.say(ctx, format!("Exported {}", path.display()));
            }
            Err(message) => self.files.show_error("Could not export", message),
        }
    }

    /// Puts the diagram (or the selection) on the clipboard as an image.
    pub(super) fn copy_image(&mut self, ctx: &Context, settings: &ExportSettings) {
        match export_ui::render_image(&self.document, &self.view.selected(), settings) {
            Ok(image) => {
                let [w, h] = image.size;
                ctx.copy_image(image);
                let what = if settings.selection_only && !self.view.selection.is_empty() {
                    "the selection"
                } else {
                    "the diagram"
                };
                self.say(ctx, format!("Copied {what} as a {w}×{h} PNG"));
            }
            Err(error) => self
                .files
                .show_error("Could not copy the image", error.to_string()),
        }
    }

    /// Pastes clipboard `text` (Seams RON); text that is not a Seams
    /// diagram is refused with a message saying so.
    pub(super) fn paste(&mut self, ctx: &Context, text: &str, at: PasteAt, label: &str) {
        match crate::file::load_str(text) {
            Ok(clip) => self.paste_clip(ctx, &clip, at, label),
            Err(error) => self.say(ctx, EditError::Clipboard(error.to_string()).to_string()),
        }
    }

    pub(super) fn paste_clip(&mut self, ctx: &Context, clip: &Diagram, at: PasteAt, label: &str) {
        match clipboard::paste(&self.document.diagram, clip, at, crate::theme::GRID) {
            Ok((edit, pasted)) => {
                if self.commit(ctx, edit, label) {
                    if let Some(bounds) = geometry::bounds_of(&self.document.diagram, &pasted) {
                        self.canvas.reveal(bounds);
                    }
                    self.view.selection = pasted.into_iter().collect();
                }
            }
            Err(error) => self.say(ctx, error.to_string()),
        }
    }

    /// Deletes the selection (what deleted units hold as `contents` says).
    pub fn delete(&mut self, ctx: &Context, contents: UnitContents, label: &str) {
        let selected = self.view.selected();
        if selected.is_empty() {
            return;
        }
        let edit = ops::delete(&self.document.diagram, &selected, contents);
        if self.commit(ctx, edit, label) {
            self.view.selection.clear();
        }
    }

    pub(super) fn reverse(&mut self, ctx: &Context) {
        let mut edits = Vec::new();
        let mut staged = self.document.diagram.clone();
        for element in self.view.selected() {
            if let ElementRef::Interface(id) = element {
                match ops::reverse(&staged, id.as_str())
                    .and_then(|e| e.clone().apply(&mut staged).map(|_| e))
                {
                    Ok(edit) => edits.push(edit),
                    Err(error) => {
                        self.say(ctx, error.to_string());
                        return;
                    }
                }
            }
        }
        if edits.is_empty() {
            self.say(ctx, "Select an interface to reverse it");
        } else {
            self.commit(ctx, Edit::Batch(edits), "Reverse interface");
        }
    }

    pub(super) fn straighten(&mut self, ctx: &Context) {
        let mut edits = Vec::new();
        for element in self.view.selected() {
            if let ElementRef::Interface(id) = element {
                match ops::straighten(&self.document.diagram, id.as_str()) {
                    Ok(edit) => edits.push(edit),
                    Err(error) => {
                        self.say(ctx, error.to_string());
                        return;
                    }
                }
            }
        }
        let edit = Edit::Batch(edits);
        if edit.is_noop() {
            self.say(ctx, "Select an interface with bends to straighten it");
        } else {
            self.commit(ctx, edit, "Straighten line");
        }
    }

    pub(super) fn nudge(&mut self, ctx: &Context, direction: Direction, big: bool) {
        let step = if big { NUDGE_BIG } else { NUDGE_SMALL };
        let (dx, dy) = match direction {
            Direction::Left => (-step, 0.0),
            Direction::Right => (step, 0.0),
            Direction::Up => (0.0, -step),
            Direction::Down => (0.0, step),
        };
        let selected = self.view.selected();
        if selected
            .iter()
            .all(|e| matches!(e, ElementRef::Interface(_)))
        {
            return;
        }
        let forest = self.document.forest();
        let diagram = &self.document.diagram;
        match geometry::move_elements(diagram, &forest, &selected, dx, dy, Drop::KeepUnits) {
            Ok(edit) => {
                self.commit(ctx, edit, "Nudge");
            }
            Err(error) => self.say(ctx, error.to_string()),
        }
    }
}
