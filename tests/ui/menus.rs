//! Help → Keyboard shortcuts lists every shortcut, File included; counts
//! in the inspector use the right plural.

use crate::support::{Editor, example, open_sized, untitled};
use egui::Vec2;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use seams::model::{Diagram, Isolation, Module, ModuleKind, Unit};
use seams::ui::SeamsApp;
use seams::ui::command::{Command, Direction};

/// A window tall enough for the whole shortcuts window.
fn editor(diagram: Diagram) -> Editor {
    open_sized(untitled(diagram), Vec2::new(1280.0, 1000.0))
}

#[test]
fn the_shortcuts_window_lists_every_shortcut_with_a_file_section() {
    let mut harness = editor(Diagram::new());
    harness.state_mut().push(Command::ShowShortcuts);
    harness.run_steps(3);
    assert!(
        harness.query_all_by_label("File").count() >= 2,
        "a File section besides the File menu"
    );
    for command in Command::with_shortcuts() {
        let listed = match command {
            // One row stands for the four arrow keys.
            Command::Nudge(_, big) => Command::Nudge(Direction::Left, big),
            other => other,
        };
        assert!(
            harness.query_all_by_label(&listed.label()).next().is_some(),
            "the shortcuts window lists {}",
            listed.label()
        );
    }
}

#[test]
fn counts_use_the_singular_for_one() {
    let mut diagram = Diagram::new();
    diagram
        .modules
        .push(Module::new("m", "M", ModuleKind::Component));
    diagram.units.push(Unit::new("u", "U", Isolation::Process));
    let harness = editor(diagram);
    harness.get_by_label("1 module · 1 unit · 0 interfaces");
}

#[test]
fn view_show_legend_hides_and_shows_the_legend() {
    let mut harness = example();
    let legend = |harness: &Harness<'_, SeamsApp>| harness.query_by_label("Legend").is_some();
    assert!(legend(&harness), "the legend shows by default");
    harness.state_mut().push(Command::ToggleLegend);
    harness.run_steps(3);
    assert!(!harness.state().view.show_legend);
    assert!(!legend(&harness), "View → Show legend hides it");
    harness.state_mut().push(Command::ToggleLegend);
    harness.run_steps(3);
    assert!(legend(&harness));

    // View → Legend position moves it to another corner.
    let canvas = harness.get_by_label("Canvas").rect();
    let before = harness.get_by_label("Legend").rect();
    assert!(before.center().x < canvas.center().x && before.center().y > canvas.center().y);
    harness
        .state_mut()
        .push(Command::LegendCorner(egui::Align2::RIGHT_TOP));
    harness.run_steps(3);
    let after = harness.get_by_label("Legend").rect();
    assert!(
        after.center().x > canvas.center().x && after.center().y < canvas.center().y,
        "the legend moved to the top right: {after:?} in {canvas:?}"
    );
}
