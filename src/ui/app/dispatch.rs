//! Carrying out actions: messages from the panels and canvas, and
//! commands (file, edit, view), after every panel has drawn.

use super::SeamsApp;
use crate::edit::clipboard::{self, PasteAt};
use crate::edit::geometry::{self};
use crate::edit::ops::{self, UnitContents};
use crate::edit::{Edit, ElementRef};
use crate::theme::ui::PASTE_OFFSET;
use crate::ui::actions::Action;
use crate::ui::canvas::Fit;
use crate::ui::command::Command;
use crate::ui::compare_ui;
use crate::ui::export_settings::ExportSettings;
use crate::ui::file_ui::Outcome;
use crate::ui::open_diagram::OpenDiagram;
use crate::ui::tool::Tool;
use egui::Context;

impl SeamsApp {
    /// Applies one action.
    pub fn apply(&mut self, ctx: &Context, action: Action) {
        match action {
            Action::Command(command) => self.run(ctx, command),
            Action::OpenFile(_) | Action::RemoveRecent(_) => {
                let outcome = self.files.apply(ctx, &action, &mut self.document);
                self.after_file(ctx, outcome);
            }
            Action::ExportImage(settings) => self.export_image(ctx, &settings),
            Action::CopyImage(settings) => self.copy_image(ctx, &settings),
            Action::CompareWithFile(path) => self.compare_with_file(&path),
            Action::PasteText(text) => {
                let at = self.canvas.pointer_in_diagram().map_or(
                    PasteAt::Offset(PASTE_OFFSET, PASTE_OFFSET),
                    PasteAt::TopLeft,
                );
                self.paste(ctx, &text, at, "Paste");
            }
            Action::MoveLegend(place) => {
                self.view.legend = place;
                self.remember_view(ctx);
            }
            Action::Apply {
                edit,
                label,
                select,
            } => {
                // One new module or unit selected by the edit that made it
                // (naming one renames its id: that edit creates nothing).
                let boxes = |d: &crate::model::Diagram| d.modules.len() + d.units.len();
                let boxes_before = boxes(&self.document.diagram);
                let created = match select.as_deref() {
                    Some([element @ (ElementRef::Module(_) | ElementRef::Unit(_))])
                        if !element.exists_in(&self.document.diagram) =>
                    {
                        Some(element.clone())
                    }
                    _ => None,
                };
                if self.commit(ctx, edit, &label)
                    && let Some(select) = select
                {
                    if boxes(&self.document.diagram) > boxes_before {
                        self.just_created = created.map(|e| (e, self.document.revision()));
                    }
                    self.view.selection = select.into_iter().collect();
                }
            }
            Action::NameNew {
                edit,
                element,
                named,
            } => self.name_new(ctx, edit, &element, named),
            Action::Select(elements) => self.view.selection = elements.into_iter().collect(),
            Action::FocusFinding(id) => {
                self.view.show_findings = true;
                self.findings.focused = Some(id);
            }
            Action::SelectAndFrame(elements) => {
                if let Some(bounds) = geometry::bounds_of(&self.document.diagram, &elements) {
                    self.canvas.request_fit(Fit::Rect(bounds));
                }
                self.view.selection = elements.into_iter().collect();
            }
            Action::Message(text) => self.say(ctx, text),
        }
    }

    /// Carries out one command: the file, edit and view commands each have
    /// their own function.
    pub(super) fn run(&mut self, ctx: &Context, command: Command) {
        match command {
            Command::New
            | Command::Open
            | Command::CompareWith
            | Command::RemoveMissingRecent
            | Command::Save
            | Command::SaveAs
            | Command::Close
            | Command::Quit
            | Command::OpenExample(..)
            | Command::Export
            | Command::CopyAsPng
            | Command::CompareWithExample(..) => self.run_file(ctx, command),
            Command::Undo
            | Command::Redo
            | Command::Copy
            | Command::Cut
            | Command::Paste
            | Command::Duplicate
            | Command::Delete
            | Command::SelectAll
            | Command::ClearSelection
            | Command::Rename
            | Command::Find
            | Command::Reverse
            | Command::Straighten
            | Command::Nudge(..)
            | Command::Align(..)
            | Command::Distribute(..)
            | Command::TidyUp => self.run_edit(ctx, command),
            Command::ZoomIn
            | Command::ZoomOut
            | Command::ZoomReset
            | Command::FitDiagram
            | Command::FitSelection
            | Command::ToggleGrid
            | Command::ToggleLegend
            | Command::LegendCorner(..)
            | Command::ToggleSnap
            | Command::ColorBy(..)
            | Command::ToggleDarkMode
            | Command::ToggleInspector
            | Command::ToggleFindings
            | Command::SetTool(..)
            | Command::EditTeams
            | Command::ShowRules
            | Command::ShowDiagramSettings
            | Command::ShowShortcuts
            | Command::ShowAbout => self.run_view(ctx, command),
        }
    }

    /// The File menu's commands, and the export and compare ones.
    pub(super) fn run_file(&mut self, ctx: &Context, command: Command) {
        match command {
            Command::New
            | Command::Open
            | Command::CompareWith
            | Command::RemoveMissingRecent
            | Command::Save
            | Command::SaveAs
            | Command::Close
            | Command::Quit => {
                let outcome = self.files.apply(ctx, &command.into(), &mut self.document);
                self.after_file(ctx, outcome);
            }
            Command::OpenExample(index) => {
                if self.is_dirty() && self.windows.open_example_prompt.is_none() {
                    self.windows.open_example_prompt = Some(index);
                } else {
                    self.windows.open_example_prompt = None;
                    self.open_example(ctx, index);
                }
            }
            Command::Export => {
                let window = &mut self.windows.export;
                if !window.open {
                    // Start from what the canvas shows; keep the format and
                    // scale chosen last time.
                    let last = window.settings.clone();
                    window.settings = ExportSettings {
                        format: last.format,
                        scale: last.scale,
                        ..ExportSettings::like_the_canvas(&self.view)
                    };
                }
                window.open = true;
            }
            Command::CopyAsPng => {
                let settings = ExportSettings::like_the_canvas(&self.view);
                self.copy_image(ctx, &settings);
            }
            Command::CompareWithExample(index) => {
                if let Some(example) = crate::examples::ALL.get(index) {
                    match crate::file::load_str(example.text) {
                        Ok(diagram) => {
                            self.windows.compare = Some(compare_ui::CompareWindow::new(
                                format!("{} (example)", example.file_name),
                                diagram,
                            ));
                        }
                        Err(error) => self
                            .files
                            .show_error("Could not compare", error.to_string()),
                    }
                }
            }
            _ => {}
        }
    }

    /// The Edit menu's commands and the Diagram menu's edits.
    pub(super) fn run_edit(&mut self, ctx: &Context, command: Command) {
        match command {
            Command::Undo => {
                self.canvas.cancel();
                match self.document.undo() {
                    Some(label) => self.say(ctx, format!("Undid: {label}")),
                    None => self.say(ctx, "Nothing to undo"),
                }
            }
            Command::Redo => {
                self.canvas.cancel();
                match self.document.redo() {
                    Some(label) => self.say(ctx, format!("Redid: {label}")),
                    None => self.say(ctx, "Nothing to redo"),
                }
            }
            Command::Copy => {
                self.copy(ctx);
            }
            Command::Cut => {
                let copied = self.copy(ctx);
                if copied {
                    self.delete(ctx, UnitContents::Delete, "Cut");
                }
            }
            Command::Paste => ctx.send_viewport_cmd(egui::ViewportCommand::RequestPaste),
            Command::Duplicate => {
                let selected = self.view.selected();
                match clipboard::copy(&self.document.diagram, &selected) {
                    Some(clip) => {
                        self.paste_clip(
                            ctx,
                            &clip,
                            PasteAt::Offset(PASTE_OFFSET, PASTE_OFFSET),
                            "Duplicate",
                        );
                    }
                    None => self.say(ctx, "Select modules or units to duplicate"),
                }
            }
            Command::Delete => {
                let selected = self.view.selected();
                let asks = selected.iter().any(|e| {
                    matches!(e, ElementRef::Unit(id) if ops::unit_has_contents(&self.document.diagram, id.as_str()))
                });
                if asks {
                    self.windows.delete_prompt = Some(selected);
                } else {
                    self.delete(ctx, UnitContents::Delete, "Delete");
                }
            }
            Command::SelectAll => {
                let d = &self.document.diagram;
                self.view.selection = d
                    .modules
                    .iter()
                    .map(|m| ElementRef::Module(m.id.clone()))
                    .chain(d.units.iter().map(|u| ElementRef::Unit(u.id.clone())))
                    .chain(
                        d.interfaces
                            .iter()
                            .map(|f| ElementRef::Interface(f.id.clone())),
                    )
                    .collect();
            }
            Command::ClearSelection => {
                let cancelled = self.canvas.cancel();
                if !cancelled {
                    self.view.selection.clear();
                    self.view.tool = Tool::Select;
                }
            }
            Command::Rename => {
                if let Some(element) = self.view.single().cloned() {
                    let fresh = self.just_created.as_ref()
                        == Some(&(element.clone(), self.document.revision()));
                    if fresh {
                        self.canvas.start_naming_new(element, &self.document);
                    } else {
                        self.canvas.start_rename(element, &self.document);
                    }
                } else {
                    self.say(ctx, "Select one element to rename it");
                }
            }
            Command::Find => {
                self.windows.find.get_or_insert_with(String::new);
            }
            Command::Reverse => self.reverse(ctx),
            Command::Straighten => self.straighten(ctx),
            Command::Nudge(direction, big) => self.nudge(ctx, direction, big),
            Command::Align(how) => {
                let selected = self.view.selected();
                let edit = crate::edit::align::align(&self.document.diagram, &selected, how);
                self.commit_or_say(ctx, edit, &Command::Align(how).label());
            }
            Command::Distribute(how) => {
                let selected = self.view.selected();
                let edit = crate::edit::align::distribute(&self.document.diagram, &selected, how);
                self.commit_or_say(ctx, edit, &Command::Distribute(how).label());
            }
            Command::TidyUp => {
                let mut tidy = self.document.diagram.clone();
                crate::layout::lay_out(&mut tidy, crate::layout::Mode::All);
                let edit = Edit::between(&self.document.diagram, &tidy);
                if self.commit(ctx, edit, "Tidy up layout") {
                    self.canvas.request_fit(Fit::Diagram);
                }
            }
            _ => {}
        }
    }

    /// Zoom, view options, tools and windows.
    pub(super) fn run_view(&mut self, ctx: &Context, command: Command) {
        match command {
            Command::ZoomIn => self.canvas.zoom_in(),
            Command::ZoomOut => self.canvas.zoom_out(),
            Command::ZoomReset => self.canvas.zoom_reset(),
            Command::FitDiagram => self.canvas.request_fit(Fit::Diagram),
            Command::FitSelection => {
                match geometry::bounds_of(&self.document.diagram, &self.view.selected()) {
                    Some(bounds) => self.canvas.request_fit(Fit::Rect(bounds)),
                    None => self.canvas.request_fit(Fit::Diagram),
                }
            }
            Command::ToggleGrid => self.view.show_grid = !self.view.show_grid,
            Command::ToggleLegend => {
                self.view.show_legend = !self.view.show_legend;
                self.remember_view(ctx);
            }
            Command::LegendCorner(corner) => {
                self.view.legend = crate::ui::view::LegendPlace::in_corner(corner);
                self.view.show_legend = true;
                self.remember_view(ctx);
            }
            Command::ToggleSnap => self.view.snap = !self.view.snap,
            Command::ColorBy(view) => self.view.color_by = view,
            Command::ToggleDarkMode => self.view.dark = !self.view.dark,
            Command::ToggleInspector => self.view.show_inspector = !self.view.show_inspector,
            Command::ToggleFindings => self.view.show_findings = !self.view.show_findings,
            Command::SetTool(tool) => self.view.tool = tool,
            Command::EditTeams => self.windows.teams = true,
            Command::ShowRules => self.windows.rules = true,
            Command::ShowDiagramSettings => self.windows.settings = true,
            Command::ShowShortcuts => self.windows.shortcuts = true,
            Command::ShowAbout => self.windows.about = true,
            _ => {}
        }
    }

    /// Names the module or unit just created as part of the step that
    /// created it, so one undo removes it (no unnamed state in between)
    /// and one redo brings it back named. When something else has changed
    /// since it was created, the naming is a step of its own.
    pub(super) fn name_new(
        &mut self,
        ctx: &Context,
        edit: Edit,
        element: &ElementRef,
        named: ElementRef,
    ) {
        let label = format!("Rename {}", element.noun());
        let fresh = self
            .just_created
            .as_ref()
            .is_some_and(|(_, revision)| *revision == self.document.revision());
        let applied = if fresh {
            self.document.apply_joined(edit, &label)
        } else {
            self.document.apply(edit, &label)
        };
        match applied {
            Ok(()) => {
                self.just_created = None;
                if self.view.selection.remove(element) {
                    self.view.selection.insert(named);
                }
            }
            Err(error) => self.say(ctx, error.to_string()),
        }
    }

    pub(super) fn open_example(&mut self, ctx: &Context, index: usize) {
        let Some(example) = crate::examples::ALL.get(index) else {
            return;
        };
        match crate::ui::load_example(example) {
            Ok(loaded) => {
                self.document = OpenDiagram::new(loaded.diagram);
                self.files.adopt(loaded.source, self.document.revision());
                self.selection_revision = self.document.revision();
                self.view.selection.clear();
                self.canvas.cancel();
                self.canvas.request_fit(Fit::Open);
                self.say(ctx, format!("Opened the example “{}”", example.name));
            }
            Err(error) => self.say(ctx, error.to_string()),
        }
    }

    /// Resets the view after the lifecycle replaced the document, and shows
    /// its message.
    pub(super) fn after_file(&mut self, ctx: &Context, outcome: Outcome) {
        if outcome.replaced {
            self.selection_revision = self.document.revision();
            self.view.selection.clear();
            self.canvas.cancel();
            self.canvas.request_fit(Fit::Open);
        }
        if let Some(message) = outcome.message {
            self.say(ctx, message);
        }
        if let Some((path, settings)) = outcome.export_to {
            self.export_to(ctx, &path, &settings);
        }
        if let Some(path) = outcome.compare_with {
            self.compare_with_file(&path);
        }
    }

    /// Opens the comparison with the diagram in `path` (`.ron`, or a PNG or
    /// SVG exported by Seams), or says why it cannot be read.
    pub(super) fn compare_with_file(&mut self, path: &std::path::Path) {
        match crate::file::load_path(path) {
            Ok(diagram) => {
                let name = path.file_name().map_or_else(
                    || path.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                );
                self.windows.compare = Some(compare_ui::CompareWindow::new(name, diagram));
            }
            Err(error) => self.files.show_error(
                "Could not compare",
                format!(
                    "{error}

The open diagram was left as it was."
                ),
            ),
        }
    }
}
