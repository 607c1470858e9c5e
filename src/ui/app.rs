//! The editor application: its state and the frame loop.
//!
//! Each frame: check the rules if the document changed, turn shortcuts and
//! clipboard events into actions, draw the panels (each pushes actions),
//! then apply the actions in order. Nothing changes the document while the
//! panels draw, so every panel sees the same state in a frame.
//!
//! - `keyboard`: shortcuts and clipboard events into actions.
//! - `dispatch`: carrying out actions and commands.
//! - `edits`: the edits, clipboard and export work behind them.

mod dispatch;
mod edits;
mod keyboard;

use super::actions::Action;
use super::canvas::{Canvas, Fit};
use super::export_ui;
use super::file_ui::Files;
use super::open_diagram::OpenDiagram;
use super::view::ViewState;
use super::{
    blast_banner_ui, blast_ui, compare_ui, dialogs, findings_ui, help_ui, inspector_ui, menu_ui,
    placement_ui, rules_window_ui, status_ui, toolbar_ui,
};
use crate::document::Loaded;
use crate::edit::ElementRef;
use crate::theme::ui::{FINDINGS_HEIGHT, INSPECTOR_WIDTH, MESSAGE_SECONDS};
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

    /// Queues an action (or a [`super::command::Command`]), as a menu entry
    /// would.
    pub fn push(&mut self, action: impl Into<Action>) {
        self.actions.push(action.into());
    }

    /// Runs one frame of the editor in `ui` (the whole window).
    pub fn show(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        self.apply_theme(&ctx);
        let outcome = self.files.begin_frame(&ctx, &mut self.document);
        self.after_file(&ctx, outcome);
        self.keyboard(&ctx);
        self.refresh(&ctx);

        let mut actions = std::mem::take(&mut self.actions);
        self.panels(ui, &mut actions);
        self.windows(&ctx, &mut actions);
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

    /// Gives egui the fonts (once) and the theme (when it changed).
    fn apply_theme(&mut self, ctx: &Context) {
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
    }

    /// Draws the menu bar, tool strip, status bar, findings panel,
    /// inspector and canvas; they push what the user asks for to `actions`.
    fn panels(&mut self, ui: &mut Ui, actions: &mut Vec<Action>) {
        egui::Panel::top("menu-bar").show(ui, |ui| {
            menu_ui::show(ui, &self.document, &self.view, self.files.recent(), actions);
        });
        egui::Panel::top("tool-strip").show(ui, |ui| {
            toolbar_ui::show(ui, &self.document, &self.view, actions);
        });
        egui::Panel::bottom("status-bar").show(ui, |ui| {
            status_ui::show(
                ui,
                &self.files,
                &self.document,
                &self.view,
                &self.canvas,
                self.message(),
                actions,
            );
        });
        if self.view.show_findings {
            egui::Panel::bottom("findings")
                .resizable(true)
                .default_size(FINDINGS_HEIGHT)
                .min_size(60.0)
                .show(ui, |ui| {
                    findings_ui::show(ui, &self.document, &mut self.findings, actions);
                });
        }
        if self.view.show_inspector {
            egui::Panel::right("inspector")
                .resizable(true)
                .default_size(INSPECTOR_WIDTH)
                .size_range(220.0..=520.0)
                .show(ui, |ui| {
                    inspector_ui::show(ui, &self.document, &self.view, actions);
                });
        }
        egui::CentralPanel::no_frame().show(ui, |ui| {
            let canvas_rect = ui.max_rect();
            self.canvas.show(ui, &self.document, &self.view, actions);
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
                actions,
            );
        });
    }

    /// Draws the secondary windows and prompts that are open.
    fn windows(&mut self, ctx: &Context, actions: &mut Vec<Action>) {
        help_ui::shortcuts_window(ctx, &mut self.windows.shortcuts);
        help_ui::about_window(ctx, &mut self.windows.about);
        dialogs::teams_window(ctx, &mut self.windows.teams, &self.document, actions);
        rules_window_ui::rules_window(ctx, &mut self.windows.rules, &self.document, actions);
        rules_window_ui::settings_window(ctx, &mut self.windows.settings, &self.document, actions);
        dialogs::find_window(ctx, &mut self.windows.find, &self.document, actions);
        compare_ui::compare_window(ctx, &mut self.windows.compare, &self.document, actions);
        export_ui::export_window(
            ctx,
            &mut self.windows.export,
            &self.document,
            &self.view,
            actions,
        );
        dialogs::delete_prompt(
            ctx,
            &mut self.windows.delete_prompt,
            &self.document,
            actions,
        );
        dialogs::open_example_prompt(
            ctx,
            &mut self.windows.open_example_prompt,
            &self.files.document().name(),
            actions,
        );
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
        let forest = self.document.forest();
        let diagram = &self.document.diagram;
        self.view.selection.retain(|e| match e {
            ElementRef::Module(id) => forest.module(id.as_str()).is_some(),
            ElementRef::Unit(id) => forest.unit(id.as_str()).is_some(),
            ElementRef::Interface(id) => forest.interface(diagram, id.as_str()).is_some(),
        });
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
}

impl eframe::App for SeamsApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }
}
