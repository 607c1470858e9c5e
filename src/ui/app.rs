//! The editor application: its state and the frame loop.
//!
//! Each frame: check the rules if the document changed, turn shortcuts and
//! clipboard events into actions, draw the panels (each pushes actions),
//! then apply the actions in order. Nothing changes the document while the
//! panels draw, so every panel sees the same state in a frame.

use super::actions::Action;
use super::canvas::{Canvas, Fit};
use super::command::{Command, Direction};
use super::export_settings::ExportSettings;
use super::export_ui;
use super::file_ui::{Files, Outcome};
use super::open_diagram::OpenDiagram;
use super::tool::Tool;
use super::view::ViewState;
use super::{
    blast_banner_ui, blast_ui, compare_ui, dialogs, findings_ui, help_ui, inspector_ui, menu_ui,
    placement_ui, rules_window_ui, status_ui, toolbar_ui,
};
use crate::document::Loaded;
use crate::edit::clipboard::{self, PasteAt};
use crate::edit::geometry::{self, Drop};
use crate::edit::ops::{self, UnitContents};
use crate::edit::{Edit, EditError, ElementRef};
use crate::model::Diagram;
use crate::theme::ui::{
    FINDINGS_HEIGHT, INSPECTOR_WIDTH, MESSAGE_SECONDS, NUDGE_BIG, NUDGE_SMALL, PASTE_OFFSET,
};
use egui::{Context, Ui};

/// Which secondary windows are open.
// Independent windows, each simply open or closed: bools say it best.
#[allow(clippy::struct_excessive_bools)]
#[derive(Debug, Default)]
pub struct Windows {
    /// Help → Keyboard shortcuts.
    pub shortcuts: bool,
    /// Help → About Seams's ideas.
    pub about: bool,
    /// Diagram → Teams.
    pub teams: bool,
    /// File → Export…, with its settings.
    pub export: super::export_ui::ExportWindow,
    /// Diagram → Rules.
    pub rules: bool,
    /// Diagram → Diagram settings.
    pub settings: bool,
    /// Edit → Find, with its query.
    pub find: Option<String>,
    /// Units about to be deleted, waiting for "delete or keep contents".
    pub delete_prompt: Option<Vec<ElementRef>>,
    /// An example waiting for "discard unsaved changes?".
    pub open_example_prompt: Option<usize>,
    /// File → Compare with…, while a comparison is open.
    pub compare: Option<compare_ui::CompareWindow>,
}

impl Windows {
    /// Whether a window or prompt is open that Escape would close.
    #[must_use]
    pub fn any_open(&self) -> bool {
        self.delete_prompt.is_some()
            || self.open_example_prompt.is_some()
            || self.find.is_some()
            || self.compare.is_some()
            || self.export.open
            || self.settings
            || self.rules
            || self.teams
            || self.about
            || self.shortcuts
    }

    /// Closes one open window or prompt, the most transient first (prompts,
    /// then Find, then the other windows); returns whether one was open.
    /// Escape calls this before it clears the selection.
    pub fn close_one(&mut self) -> bool {
        if self.delete_prompt.take().is_some()
            || self.open_example_prompt.take().is_some()
            || self.find.take().is_some()
            || self.compare.take().is_some()
        {
            return true;
        }
        for open in [
            &mut self.export.open,
            &mut self.settings,
            &mut self.rules,
            &mut self.teams,
            &mut self.about,
            &mut self.shortcuts,
        ] {
            if *open {
                *open = false;
                return true;
            }
        }
        false
    }
}

/// The Seams editor.
pub struct SeamsApp {
    /// The open document.
    pub document: OpenDiagram,
    /// Selection, tool, view options.
    pub view: ViewState,
    /// The canvas (camera, drags).
    pub canvas: Canvas,
    /// Secondary windows and prompts.
    pub windows: Windows,
    /// The document lifecycle: file, saving, prompts, autosave, recovery.
    pub files: Files,
    /// The findings panel's filters, focus and pending acceptance.
    pub findings: findings_ui::FindingsPanel,
    /// Actions pushed this frame, applied after the panels draw.
    actions: Vec<Action>,
    /// A status message and the time it was shown.
    message: Option<(String, f64)>,
    /// The revision the selection was last checked against.
    selection_revision: u64,
    /// The theme last given to egui.
    applied_dark: Option<bool>,
    /// The module or unit the last edit created, with the revision it
    /// made: named in place before anything else changes, it takes its id
    /// from its name.
    just_created: Option<(ElementRef, u64)>,
    /// Where the view preferences (the legend) are remembered.
    prefs: super::prefs::ViewPrefs,
}

impl SeamsApp {
    /// The editor on `loaded`, light or dark, without a data folder:
    /// no autosave, and the recent files last one run (for tests and
    /// embedding; the window uses [`SeamsApp::from_creation_context`]).
    #[must_use]
    pub fn new(loaded: Loaded, dark: bool) -> Self {
        Self::with_session(loaded, None, dark)
    }

    /// The editor on `loaded` ([`crate::document::load`] or
    /// [`Loaded::untitled`]), keeping recovery files and the recent list in
    /// `data_dir`.
    #[must_use]
    pub fn with_session(loaded: Loaded, data_dir: Option<&std::path::Path>, dark: bool) -> Self {
        let mut canvas = Canvas::default();
        canvas.request_fit(Fit::Open);
        let prefs = super::prefs::ViewPrefs::new(data_dir);
        let mut view = ViewState::new(dark);
        prefs.restore(&mut view);
        let document = OpenDiagram::new(loaded.diagram);
        SeamsApp {
            selection_revision: document.revision(),
            files: Files::new(loaded.source, document.revision(), data_dir),
            document,
            view,
            canvas,
            windows: Windows::default(),
            findings: findings_ui::FindingsPanel::default(),
            actions: Vec::new(),
            message: None,
            applied_dark: None,
            just_created: None,
            prefs,
        }
    }

    /// The editor inside eframe, following the system theme at start, with
    /// the user's data folder for autosave and recent files.
    #[must_use]
    pub fn from_creation_context(cc: &eframe::CreationContext<'_>, loaded: Loaded) -> Self {
        let dark = cc.egui_ctx.theme() == egui::Theme::Dark;
        let data_dir = crate::document::data_dir::data_dir();
        Self::with_session(loaded, data_dir.as_deref(), dark)
    }

    /// Whether the diagram has changes not saved to its file (the session
    /// knows; see [`crate::document::Session::is_dirty`]).
    #[must_use]
    pub fn is_dirty(&self) -> bool {
        self.files.session.is_dirty(self.document.revision())
    }

    /// The current status message, if one is showing.
    #[must_use]
    pub fn message(&self) -> Option<&str> {
        self.message.as_ref().map(|(m, _)| m.as_str())
    }

    /// Queues an action (or a [`Command`]), as a menu entry would.
    pub fn push(&mut self, action: impl Into<Action>) {
        self.actions.push(action.into());
    }

    /// Runs one frame of the editor in `ui` (the whole window).
    pub fn show(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        if self.applied_dark.is_none() {
            // Once, before the first text is laid out.
            ctx.set_fonts(super::fonts::definitions());
        }
        if self.applied_dark != Some(self.view.dark) {
            ctx.set_theme(if self.view.dark {
                egui::Theme::Dark
            } else {
                egui::Theme::Light
            });
            self.applied_dark = Some(self.view.dark);
        }
        let outcome = self.files.begin_frame(&ctx, &mut self.document);
        self.after_file(&ctx, outcome);
        self.keyboard(&ctx);
        self.refresh(&ctx);

        let mut actions = std::mem::take(&mut self.actions);
        egui::Panel::top("menu-bar").show(ui, |ui| {
            menu_ui::show(
                ui,
                &self.document,
                &self.view,
                self.files.recent(),
                &mut actions,
            );
        });
        egui::Panel::top("tool-strip").show(ui, |ui| {
            toolbar_ui::show(ui, &self.document, &self.view, &mut actions);
        });
        egui::Panel::bottom("status-bar").show(ui, |ui| {
            status_ui::show(
                ui,
                &self.files,
                &self.document,
                &self.view,
                &self.canvas,
                self.message(),
                &mut actions,
            );
        });
        if self.view.show_findings {
            egui::Panel::bottom("findings")
                .resizable(true)
                .default_size(FINDINGS_HEIGHT)
                .min_size(60.0)
                .show(ui, |ui| {
                    findings_ui::show(ui, &self.document, &mut self.findings, &mut actions);
                });
        }
        if self.view.show_inspector {
            egui::Panel::right("inspector")
                .resizable(true)
                .default_size(INSPECTOR_WIDTH)
                .size_range(220.0..=520.0)
                .show(ui, |ui| {
                    inspector_ui::show(ui, &self.document, &self.view, &mut actions);
                });
        }
        egui::CentralPanel::no_frame().show(ui, |ui| {
            let canvas_rect = ui.max_rect();
            self.canvas
                .show(ui, &self.document, &self.view, &mut actions);
            blast_banner_ui::show(
                ui,
                canvas_rect,
                &self.document,
                self.canvas.blast().as_deref(),
            );
            placement_ui::strays_hint(
                ui,
                canvas_rect,
                &self.document,
                &self.view,
                self.canvas.is_busy(),
                &mut actions,
            );
        });
        help_ui::shortcuts_window(&ctx, &mut self.windows.shortcuts);
        help_ui::about_window(&ctx, &mut self.windows.about);
        dialogs::teams_window(&ctx, &mut self.windows.teams, &self.document, &mut actions);
        rules_window_ui::rules_window(&ctx, &mut self.windows.rules, &self.document, &mut actions);
        rules_window_ui::settings_window(
            &ctx,
            &mut self.windows.settings,
            &self.document,
            &mut actions,
        );
        dialogs::find_window(&ctx, &mut self.windows.find, &self.document, &mut actions);
        compare_ui::compare_window(
            &ctx,
            &mut self.windows.compare,
            &self.document,
            &mut actions,
        );
        export_ui::export_window(
            &ctx,
            &mut self.windows.export,
            &self.document,
            &self.view,
            &mut actions,
        );
        dialogs::delete_prompt(
            &ctx,
            &mut self.windows.delete_prompt,
            &self.document,
            &mut actions,
        );
        dialogs::open_example_prompt(
            &ctx,
            &mut self.windows.open_example_prompt,
            &self.files.document().name(),
            &mut actions,
        );
        let outcome = self.files.show(&ctx, &mut self.document);
        self.after_file(&ctx, outcome);

        actions.append(&mut self.actions);
        let applied = !actions.is_empty();
        for action in actions {
            self.apply(&ctx, action);
        }
        if applied {
            // Findings, badges, counts and the blast radius follow the edit
            // now, and the next frame shows them with the edited diagram.
            self.refresh(&ctx);
            // Actions change what the panels show, after they have drawn:
            // draw once more so the change is on screen now, not at the
            // next input event.
            ctx.request_repaint();
        }
        if let Some((_, shown)) = &self.message {
            let left = MESSAGE_SECONDS - (ctx.input(|i| i.time) - shown);
            if left <= 0.0 {
                self.message = None;
            } else {
                ctx.request_repaint_after_secs(left as f32);
            }
        }
    }

    /// Brings everything derived from the document up to date: the
    /// findings (checked again only when the revision changed), the
    /// selection, the blast radius shown on the canvas.
    fn refresh(&mut self, ctx: &Context) {
        if !self.document.has_wake() {
            // A background check repaints when it answers.
            let ctx = ctx.clone();
            self.document
                .set_wake(std::sync::Arc::new(move || ctx.request_repaint()));
        }
        self.document.report();
        self.prune_selection();
        let focused = self.findings.focused(self.document.last_report());
        let previous = self.canvas.blast();
        let blast = blast_ui::update(previous, &self.document, &self.view, focused);
        self.canvas.set_blast(blast);
    }

    /// Drops selected elements that no longer exist (after undo, delete).
    fn prune_selection(&mut self) {
        let revision = self.document.revision();
        if revision == self.selection_revision {
            return;
        }
        self.selection_revision = revision;
        if self.view.selection.is_empty() {
            return;
        }
        let index = self.document.diagram.index();
        self.view.selection.retain(|e| match e {
            ElementRef::Module(id) => index.modules.contains_key(id.as_str()),
            ElementRef::Unit(id) => index.units.contains_key(id.as_str()),
            ElementRef::Interface(id) => index.interfaces.contains_key(id.as_str()),
        });
    }

    /// Shortcuts and clipboard events become actions. While a text field
    /// has the keyboard, only the few shortcuts that cannot mean anything
    /// to it are taken.
    fn keyboard(&mut self, ctx: &Context) {
        if self.files.modal_open() {
            return;
        }
        // While a text field or a menu has the keyboard, only the few
        // shortcuts that cannot mean anything to it are taken (Escape closes
        // a menu; it must not also clear the selection).
        // Escape during a drag cancels it (before egui ends the drag, which
        // would commit it) and does nothing else: a marquee gives back the
        // selection it started with.
        if self.canvas.is_dragging()
            && ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape))
        {
            if let Some(before) = self.canvas.selection_before_marquee() {
                self.view.selection = before.clone();
            }
            self.canvas.cancel();
        }
        // A menu or context menu drawn last frame is in egui's memory; this
        // frame's popups are not drawn yet when the keyboard is read.
        let typing =
            ctx.text_edit_focused() || ctx.any_popup_open() || egui::Popup::is_any_open(ctx);
        // Escape closes what is open before it clears the selection: a menu
        // or popup closes itself (egui), a pending connection menu or
        // rename is cancelled by the canvas, then one window closes.
        if !typing
            && !self.canvas.is_busy()
            && self.windows.any_open()
            && ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape))
        {
            self.windows.close_one();
        }
        for action in Command::with_shortcuts() {
            if typing && !action.works_while_typing() {
                continue;
            }
            let pressed = ctx.input_mut(|i| {
                action
                    .shortcut()
                    .iter()
                    .chain(action.alternative_shortcuts())
                    .any(|s| i.consume_shortcut(s))
            });
            if pressed {
                self.actions.push(action.into());
            }
        }
        if typing {
            return;
        }
        let events = ctx.input(|i| i.events.clone());
        for event in events {
            match event {
                egui::Event::Copy => self.actions.push(Command::Copy.into()),
                egui::Event::Cut => self.actions.push(Command::Cut.into()),
                egui::Event::Paste(text) => self.actions.push(Action::PasteText(text)),
                _ => {}
            }
        }
    }

    fn say(&mut self, ctx: &Context, text: impl Into<String>) {
        self.message = Some((text.into(), ctx.input(|i| i.time)));
    }

    /// Keeps the view preferences for the next run, or says why it cannot.
    fn remember_view(&mut self, ctx: &Context) {
        if let Err(error) = self.prefs.remember(&self.view) {
            self.say(ctx, error.to_string());
        }
    }

    /// Commits `edit` (when it changes something), or says why it could
    /// not be made.
    fn commit_or_say(
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

    fn commit(&mut self, ctx: &Context, edit: Edit, label: &str) -> bool {
        match self.document.apply(edit, label) {
            Ok(()) => true,
            Err(error) => {
                self.say(ctx, error.to_string());
                false
            }
        }
    }

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

    /// Carries out one command.
    fn run(&mut self, ctx: &Context, command: Command) {
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
                if self.copy(ctx) {
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
                if !self.canvas.cancel() {
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
                if self.windows.find.is_none() {
                    self.windows.find = Some(String::new());
                }
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
            Command::TidyUp => {
                let mut tidy = self.document.diagram.clone();
                crate::layout::lay_out(&mut tidy, crate::layout::Mode::All);
                let edit = Edit::between(&self.document.diagram, &tidy);
                if self.commit(ctx, edit, "Tidy up layout") {
                    self.canvas.request_fit(Fit::Diagram);
                }
            }
            Command::EditTeams => self.windows.teams = true,
            Command::ShowRules => self.windows.rules = true,
            Command::ShowDiagramSettings => self.windows.settings = true,
            Command::ShowShortcuts => self.windows.shortcuts = true,
            Command::ShowAbout => self.windows.about = true,
        }
    }

    /// Names the module or unit just created as part of the step that
    /// created it, so one undo removes it (no unnamed state in between)
    /// and one redo brings it back named. When something else has changed
    /// since it was created, the naming is a step of its own.
    fn name_new(&mut self, ctx: &Context, edit: Edit, element: &ElementRef, named: ElementRef) {
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

    fn open_example(&mut self, ctx: &Context, index: usize) {
        let Some(example) = crate::examples::ALL.get(index) else {
            return;
        };
        match Loaded::example(example) {
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
    fn after_file(&mut self, ctx: &Context, outcome: Outcome) {
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
    fn compare_with_file(&mut self, path: &std::path::Path) {
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

    /// Copies the selection; returns whether anything was copied.
    fn copy(&mut self, ctx: &Context) -> bool {
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
    fn export_image(&mut self, ctx: &Context, settings: &ExportSettings) {
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
    fn export_to(&mut self, ctx: &Context, path: &std::path::Path, settings: &ExportSettings) {
        match export_ui::write(&self.document, &self.view.selected(), settings, path) {
            Ok(path) => {
                self.windows.export.open = false;
                self.say(ctx, format!("Exported {}", path.display()));
            }
            Err(message) => self.files.show_error("Could not export", message),
        }
    }

    /// Puts the diagram (or the selection) on the clipboard as an image.
    fn copy_image(&mut self, ctx: &Context, settings: &ExportSettings) {
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
    fn paste(&mut self, ctx: &Context, text: &str, at: PasteAt, label: &str) {
        match crate::file::load_str(text) {
            Ok(clip) => self.paste_clip(ctx, &clip, at, label),
            Err(error) => self.say(ctx, EditError::Clipboard(error.to_string()).to_string()),
        }
    }

    fn paste_clip(&mut self, ctx: &Context, clip: &Diagram, at: PasteAt, label: &str) {
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

    fn reverse(&mut self, ctx: &Context) {
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

    fn straighten(&mut self, ctx: &Context) {
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

    fn nudge(&mut self, ctx: &Context, direction: Direction, big: bool) {
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
        match geometry::move_elements(&self.document.diagram, &selected, dx, dy, Drop::KeepUnits) {
            Ok(edit) => {
                self.commit(ctx, edit, "Nudge");
            }
            Err(error) => self.say(ctx, error.to_string()),
        }
    }
}

impl eframe::App for SeamsApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }
}
