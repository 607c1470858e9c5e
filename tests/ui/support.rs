//! What every editor test needs: the editor started in a harness, the
//! pointer gestures and keystrokes a user makes, lookups in what it shows,
//! and file dialogs that answer without a desktop.

use egui::{Key, Modifiers, Pos2, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use seams::document::Loaded;
use seams::edit::ElementRef;
use seams::model::{
    Diagram, Interface, InterfaceKind, Isolation, Module, ModuleId, ModuleKind, Point, Size, Trust,
    Unit, UnitId,
};
use seams::ui::SeamsApp;
use seams::ui::file_dialogs::FileDialogs;
use std::path::{Path, PathBuf};

/// The editor under test.
pub type Editor = Harness<'static, SeamsApp>;

/// The window most tests run in.
pub const WINDOW: Vec2 = Vec2::new(1280.0, 800.0);

/// Frames that let a click age: egui takes a second press within 0.3 s as
/// a double click, and 30 frames at 60 per second are half a second.
const CLICK_AGES: usize = 30;

/// Starts the editor that `app` makes in a window of `size`, one frame every
/// 1/60 s, and runs its first frames (the opening fit, the first check).
pub fn start(size: Vec2, app: impl FnOnce() -> SeamsApp + 'static) -> Editor {
    let mut harness = Harness::builder()
        .with_size(size)
        .with_step_dt(1.0 / 60.0)
        .build_eframe(move |_cc| app());
    harness.run_steps(3);
    harness
}

/// The editor on `loaded` in a window of `size`.
pub fn open_sized(loaded: Loaded, size: Vec2) -> Editor {
    start(size, move || SeamsApp::new(loaded, false))
}

/// The editor on `loaded`.
pub fn open(loaded: Loaded) -> Editor {
    open_sized(loaded, WINDOW)
}

/// `diagram` as an untitled document named `test.ron`.
pub fn untitled(diagram: Diagram) -> Loaded {
    Loaded::untitled(diagram, "test.ron")
}

/// The editor on `diagram` (untitled).
pub fn editor(diagram: Diagram) -> Editor {
    open(untitled(diagram))
}

/// The editor on the built-in example, as it opens.
pub fn example() -> Editor {
    open(seams::ui::load_example(seams::examples::built_in()).expect("the built-in example loads"))
}

/// The diagram being edited.
pub fn diagram<'h>(harness: &'h Harness<'_, SeamsApp>) -> &'h Diagram {
    &harness.state().document.diagram
}

/// The module `id` as a selectable element.
pub fn module(id: &str) -> ElementRef {
    ElementRef::Module(ModuleId::new(id))
}

/// What is selected, in selection order.
pub fn selection(harness: &Harness<'_, SeamsApp>) -> Vec<ElementRef> {
    harness.state().view.selection.iter().cloned().collect()
}

/// Where the one element labelled `label` is on screen.
pub fn rect_of(harness: &Harness<'_, SeamsApp>, label: &str) -> egui::Rect {
    harness.get_by_label(label).rect()
}

/// Presses the primary button at `from` and moves to `to` in ten steps,
/// keeping the button down.
pub fn press_and_move(harness: &mut Harness<'_, SeamsApp>, from: Pos2, to: Pos2) {
    harness.hover_at(from);
    harness.step();
    harness.drag_at(from);
    harness.step();
    for i in 1..=10 {
        harness.hover_at(from + (to - from) * (i as f32 / 10.0));
        harness.step();
    }
}

/// Drags with the primary button from `from` to `to` in small steps and
/// lets the drop take effect.
pub fn drag(harness: &mut Harness<'_, SeamsApp>, from: Pos2, to: Pos2) {
    press_and_move(harness, from, to);
    harness.drop_at(to);
    harness.run_steps(5);
}

/// Presses and releases the primary button at `at`, then lets the click
/// age, so that the next click is one of its own and not a double click.
pub fn click_at(harness: &mut Harness<'_, SeamsApp>, at: Pos2) {
    harness.hover_at(at);
    harness.step();
    harness.drag_at(at);
    harness.step();
    harness.drop_at(at);
    harness.run_steps(CLICK_AGES);
}

/// Clicks in the middle of the one element labelled `label`, as
/// [`click_at`] does.
pub fn click(harness: &mut Harness<'_, SeamsApp>, label: &str) {
    let at = rect_of(harness, label).center();
    click_at(harness, at);
}

/// Double-clicks at `at`, after letting any earlier click age.
pub fn double_click(harness: &mut Harness<'_, SeamsApp>, at: Pos2) {
    harness.hover_at(at);
    harness.run_steps(CLICK_AGES);
    for _ in 0..2 {
        press(harness, at, egui::PointerButton::Primary);
    }
    harness.run_steps(3);
}

/// Presses and releases the secondary button at `at`: a context menu
/// opens there.
pub fn right_click(harness: &mut Harness<'_, SeamsApp>, at: Pos2) {
    harness.hover_at(at);
    harness.step();
    press(harness, at, egui::PointerButton::Secondary);
    harness.run_steps(3);
}

/// One press and release of `button` at `at`, a frame each.
fn press(harness: &mut Harness<'_, SeamsApp>, at: Pos2, button: egui::PointerButton) {
    for pressed in [true, false] {
        harness.event(egui::Event::PointerButton {
            pos: at,
            button,
            pressed,
            modifiers: Modifiers::NONE,
        });
        harness.step();
    }
}

/// Types `text` into the field labelled `field` and presses Enter.
pub fn type_and_enter(harness: &mut Harness<'_, SeamsApp>, field: &str, text: &str) {
    harness.get_by_label(field).type_text(text);
    harness.step();
    harness.key_press(Key::Enter);
    harness.run_steps(3);
}

/// Replaces the text of the field labelled `field` with `text`: focus,
/// select all, type.
pub fn replace_text(harness: &mut Harness<'_, SeamsApp>, field: &str, text: &str) {
    harness.get_by_label(field).focus();
    harness.run_steps(1);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.run_steps(1);
    harness.get_by_label(field).type_text(text);
    harness.run_steps(2);
}

/// Edit → Undo by its shortcut.
pub fn undo(harness: &mut Harness<'_, SeamsApp>) {
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(3);
}

/// Edit → Redo by its shortcut.
pub fn redo(harness: &mut Harness<'_, SeamsApp>) {
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    harness.run_steps(3);
}

/// File dialogs that answer without a desktop.
pub enum Dialogs {
    /// Every dialog answers with this path, as a user who picks it would.
    Pick(PathBuf),
    /// The dialogs cannot be shown (no desktop portal): the editor must ask
    /// for a typed path instead, and never call them.
    Unavailable,
}

impl Dialogs {
    /// The path every dialog answers with.
    fn answer(&self) -> PathBuf {
        match self {
            Dialogs::Pick(path) => path.clone(),
            Dialogs::Unavailable => panic!("not to be called when unavailable"),
        }
    }
}

impl FileDialogs for Dialogs {
    fn pick_open(&mut self, _folder: Option<&Path>) -> Option<PathBuf> {
        Some(self.answer())
    }
    fn pick_save(&mut self, _folder: Option<&Path>, _file_name: &str) -> Option<PathBuf> {
        Some(self.answer())
    }
    fn pick_export(
        &mut self,
        _folder: Option<&Path>,
        _file_name: &str,
        _format: seams::export::Format,
    ) -> Option<PathBuf> {
        Some(self.answer())
    }
    fn available(&self) -> bool {
        matches!(self, Dialogs::Pick(_))
    }
}

/// A trusted handler and an untrusted parser in one process, an interface
/// between them, and a module with no interfaces (so there is a finding on
/// it alone).
pub fn parser_in_process() -> Diagram {
    let mut d = Diagram::new();
    let mut unit = Unit::new("api", "API", Isolation::Process);
    unit.rect = Some(seams::model::Rect::new(0.0, 0.0, 600.0, 240.0));
    d.units.push(unit);
    let module = |id: &str, name: &str, x: f32, trust: Trust| {
        let mut m = Module::new(id, name, ModuleKind::Component);
        m.trust = trust;
        m.unit = Some(UnitId::new("api"));
        m.pos = Some(Point::new(x, 80.0));
        m.size = Some(Size::new(140.0, 64.0));
        m
    };
    d.modules = vec![
        module("http", "HTTP", 30.0, Trust::Trusted),
        module("parser", "Parser", 230.0, Trust::Untrusted),
        module("notes", "Notes", 430.0, Trust::Trusted),
    ];
    d.interfaces.push(Interface::new(
        "parse",
        ModuleId::new("http"),
        ModuleId::new("parser"),
        InterfaceKind::Call,
    ));
    d
}
