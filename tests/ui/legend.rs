//! The legend over the canvas: Ctrl+Shift+G hides and shows it, dragging
//! moves it (remembered in the view and for the next run), it stays on the
//! canvas when the window shrinks, the View menu's corners put it back, and
//! what a command frames is never under it.

use crate::support::{self, Editor, drag, parser_in_process, rect_of};
use egui::{Key, Modifiers, Rect, Vec2};
use egui_kittest::kittest::Queryable;
use seams::model::{Diagram, ModuleId};
use seams::ui::SeamsApp;
use seams::ui::command::Command;
use seams::ui::view::LegendPlace;
use std::path::{Path, PathBuf};

const SIZE: Vec2 = Vec2::new(1400.0, 900.0);

/// The editor on `diagram` (untitled), keeping its view preferences in
/// `data_dir` when there is one, as the window does in the user's data
/// folder.
fn editor(diagram: Diagram, data_dir: Option<&Path>) -> Editor {
    let loaded = support::untitled(diagram);
    let data_dir = data_dir.map(Path::to_path_buf);
    support::start(SIZE, move || {
        SeamsApp::with_session(loaded, data_dir.as_deref(), false)
    })
}

fn example(data_dir: Option<&Path>) -> Editor {
    let text = seams::examples::built_in().text;
    editor(seams::file::load_str(text).expect("loads"), data_dir)
}

/// A fresh data folder for one test.
fn data_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("seams-ui-legend-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("made");
    dir
}

/// The legend's rectangle when open: the pointer over it (or its folded
/// chip) opens it.
fn open_legend(harness: &mut Editor) -> Rect {
    let chip = rect_of(harness, "Legend");
    harness.hover_at(chip.center());
    harness.run_steps(3);
    rect_of(harness, "Legend")
}

fn close(a: Rect, b: Rect) -> bool {
    (a.min - b.min).length() < 1.5 && (a.max - b.max).length() < 1.5
}

#[test]
fn ctrl_shift_g_hides_and_shows_the_legend() {
    let mut harness = example(None);
    assert!(harness.query_by_label("Legend").is_some(), "shown at first");
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::G);
    harness.run_steps(3);
    assert!(!harness.state().view.show_legend);
    assert!(harness.query_by_label("Legend").is_none(), "hidden");
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::G);
    harness.run_steps(3);
    assert!(harness.state().view.show_legend);
    assert!(harness.query_by_label("Legend").is_some(), "shown again");
}

#[test]
fn dragging_the_legend_moves_it_and_the_next_run_finds_it_there() {
    let dir = data_dir("drag");
    let mut harness = example(Some(&dir));
    let canvas = rect_of(&harness, "Canvas");
    let before = open_legend(&mut harness);
    assert!(before.center().x < canvas.center().x && before.center().y > canvas.center().y);

    // Grab it and drop it near the top right.
    let by = Vec2::new(700.0, -300.0);
    drag(&mut harness, before.center(), before.center() + by);
    let after = open_legend(&mut harness);
    assert!(
        close(after, before.translate(by)),
        "moved with the pointer: {after:?}, from {before:?}"
    );
    let place = harness.state().view.legend;
    assert_ne!(place, LegendPlace::default(), "kept in the view");
    assert_eq!(place.corner, egui::Align2::RIGHT_TOP, "the nearest corner");
    assert!(
        dir.join("view.ron").is_file(),
        "remembered in the data folder"
    );

    // Hidden, then a new run: hidden, and where it was left once shown.
    harness.state_mut().push(Command::ToggleLegend);
    harness.run_steps(3);
    drop(harness);
    let mut next = example(Some(&dir));
    assert!(!next.state().view.show_legend, "still hidden");
    assert_eq!(next.state().view.legend, place);
    next.state_mut().push(Command::ToggleLegend);
    next.run_steps(3);
    let again = open_legend(&mut next);
    assert!(
        close(again, after),
        "{again:?} where it was left: {after:?}"
    );

    // View → Legend position → Bottom left puts it back.
    next.state_mut()
        .push(Command::LegendCorner(egui::Align2::LEFT_BOTTOM));
    next.run_steps(3);
    assert_eq!(next.state().view.legend, LegendPlace::default());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn escape_during_a_drag_leaves_the_legend_where_it_was() {
    let mut harness = example(None);
    let before = open_legend(&mut harness);
    let from = before.center();
    harness.drag_at(from);
    harness.step();
    for i in 1..=5 {
        harness.hover_at(from + Vec2::new(60.0 * i as f32, -40.0 * i as f32));
        harness.step();
    }
    harness.key_press(Key::Escape);
    harness.step();
    harness.drop_at(from + Vec2::new(300.0, -200.0));
    harness.run_steps(3);
    assert_eq!(harness.state().view.legend, LegendPlace::default());
    assert!(close(open_legend(&mut harness), before));
}

#[test]
fn the_legend_stays_on_the_canvas_when_the_window_shrinks() {
    let mut harness = example(None);
    let before = open_legend(&mut harness);
    drag(
        &mut harness,
        before.center(),
        before.center() + Vec2::new(800.0, -60.0),
    );
    harness.set_size(Vec2::new(900.0, 620.0));
    harness.run_steps(5);
    let canvas = rect_of(&harness, "Canvas");
    let legend = open_legend(&mut harness);
    assert!(
        canvas.contains_rect(legend),
        "{legend:?} inside the canvas {canvas:?}"
    );
}

#[test]
fn what_a_finding_frames_is_not_under_the_legend() {
    let mut harness = editor(parser_in_process(), None);
    let canvas = rect_of(&harness, "Canvas");
    // The legend dragged to the middle of the canvas, where framing puts
    // what it frames.
    let legend = open_legend(&mut harness);
    drag(&mut harness, legend.center(), canvas.center());
    let legend = open_legend(&mut harness);
    assert!(legend.contains(canvas.center()), "{legend:?}");

    harness
        .get_by_label("Finding: disconnected-module@notes")
        .click();
    harness.run_steps(5);
    assert!(
        harness
            .state()
            .view
            .is_selected(&seams::edit::ElementRef::Module(ModuleId::new("notes")))
    );
    let notes = rect_of(&harness, "Module: Notes");
    let legend = open_legend(&mut harness);
    assert!(canvas.contains_rect(notes), "{notes:?} in view");
    assert!(
        !notes.intersects(legend),
        "the framed module {notes:?} is clear of the legend {legend:?}"
    );
    // Still at 100 %: framed beside the legend, not zoomed away from it.
    assert!((harness.state().canvas.zoom() - 1.0).abs() < 1e-3);

    // Fit diagram: every box clear of the legend as drawn (beside it, or
    // folded into its chip when framing beside it would shrink them).
    harness.hover_at(canvas.left_top() - Vec2::new(0.0, 40.0));
    harness.state_mut().push(Command::FitDiagram);
    harness.run_steps(5);
    let legend = rect_of(&harness, "Legend");
    for name in ["HTTP", "Parser", "Notes"] {
        let module = rect_of(&harness, &format!("Module: {name}"));
        assert!(canvas.contains_rect(module));
        assert!(
            !module.intersects(legend),
            "{name}: {module:?} / {legend:?}"
        );
    }
}
