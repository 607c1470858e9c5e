//! Bend points on lines, as draw.io users expect: dragging a selected line
//! pulls out a bend, dragging a bend moves it (lining up with its
//! neighbours), a double click removes it, the context menu straightens
//! the line; each one undoable step, and Escape cancels a drag.

use crate::support::{
    self, Editor, diagram, double_click, drag, press_and_move, redo, right_click, undo,
};
use egui::accesskit::Role;
use egui::{Key, Pos2, Vec2};
use egui_kittest::kittest::Queryable;
use seams::edit::ElementRef;
use seams::edit::ops::End;
use seams::model::{Diagram, InterfaceId, Point};
use seams::ui::actions::Action;

/// API and DB side by side, a line "store" between them with `points`.
fn two_boxes(points: &str) -> Diagram {
    seams::file::load_str(&format!(
        r#"(
            format: "seams",
            version: 1,
            modules: [
                (id: "api", name: "API", pos: (x: 40.0, y: 200.0), size: (w: 120.0, h: 56.0)),
                (id: "db", name: "DB", kind: Datastore, pos: (x: 440.0, y: 200.0), size: (w: 120.0, h: 56.0)),
            ],
            interfaces: [
                (id: "q", from: "api", to: "db", kind: Write, label: "store", points: [{points}]),
            ],
        )"#
    ))
    .expect("loads")
}

/// The editor with the line selected.
fn with_line_selected(diagram: Diagram) -> Editor {
    let mut harness = support::editor(diagram);
    harness
        .state_mut()
        .push(Action::Select(vec![ElementRef::Interface(
            InterfaceId::new("q"),
        )]));
    harness.run_steps(3);
    harness
}

fn points(harness: &Editor) -> Vec<Point> {
    diagram(harness).interfaces[0].points.clone()
}

fn undo_label(harness: &Editor) -> Option<String> {
    harness
        .state()
        .document
        .history
        .undo_label()
        .map(str::to_owned)
}

fn zoom(harness: &Editor) -> f32 {
    harness.state().canvas.zoom()
}

/// Halfway between the line's two ends, on screen (on the line while it
/// is straight).
fn middle_of_line(harness: &Editor) -> Pos2 {
    let canvas = &harness.state().canvas;
    let from = canvas
        .interface_end_on_screen("q", End::From)
        .expect("drawn");
    let to = canvas.interface_end_on_screen("q", End::To).expect("drawn");
    from + (to - from) / 2.0
}

fn bend_handle(harness: &Editor, n: usize) -> Pos2 {
    harness
        .get_by_label(&format!("Bend {n} of Interface: store"))
        .rect()
        .center()
}

fn assert_near(a: Point, b: Point, tolerance: f32) {
    assert!(
        (a.x - b.x).abs() <= tolerance && (a.y - b.y).abs() <= tolerance,
        "{a:?} is not within {tolerance} of {b:?}"
    );
}

#[test]
fn dragging_a_selected_line_adds_a_bend_that_moves_and_goes_away_with_a_double_click() {
    let mut harness = with_line_selected(two_boxes(""));
    let straight = diagram(&harness).clone();
    let z = zoom(&harness);
    // The line runs along y = 228 in the diagram; pull its middle down.
    let middle = middle_of_line(&harness);
    drag(&mut harness, middle, middle + Vec2::new(0.0, 120.0));
    let added = points(&harness);
    assert_eq!(added.len(), 1, "one bend");
    assert_near(added[0], Point::new(300.0, 228.0 + 120.0 / z), 8.0);
    assert_eq!(undo_label(&harness).as_deref(), Some("Add bend"));

    // Its handle is where it was dropped; dragging it moves it.
    let handle = bend_handle(&harness, 1);
    assert!((handle - (middle + Vec2::new(0.0, 120.0))).length() < 8.0 * z + 1.0);
    drag(&mut harness, handle, handle + Vec2::new(90.0, 0.0));
    let moved = points(&harness);
    assert_eq!(moved.len(), 1);
    assert_near(moved[0], Point::new(added[0].x + 90.0 / z, added[0].y), 8.0);
    assert_eq!(undo_label(&harness).as_deref(), Some("Move bend"));

    // Each drag is one step.
    undo(&mut harness);
    assert_eq!(points(&harness), added);
    undo(&mut harness);
    assert_eq!(diagram(&harness), &straight);
    redo(&mut harness);
    redo(&mut harness);
    assert_eq!(points(&harness), moved);

    // A double click on the handle removes the bend.
    let handle = bend_handle(&harness, 1);
    double_click(&mut harness, handle);
    assert!(points(&harness).is_empty());
    assert_eq!(undo_label(&harness).as_deref(), Some("Remove bend"));
    assert!(
        harness
            .query_by_label("Bend 1 of Interface: store")
            .is_none(),
        "no handle left"
    );
    undo(&mut harness);
    assert_eq!(points(&harness), moved);
    redo(&mut harness);
    assert!(points(&harness).is_empty());
}

#[test]
fn a_second_bend_goes_into_the_segment_that_was_dragged() {
    let mut harness = with_line_selected(two_boxes("(x: 300.0, y: 360.0)"));
    // The segment from the bend to DB: grab it halfway.
    let bend = bend_handle(&harness, 1);
    let to = harness
        .state()
        .canvas
        .interface_end_on_screen("q", End::To)
        .expect("drawn");
    let grab = bend + (to - bend) / 2.0;
    drag(&mut harness, grab, grab + Vec2::new(60.0, 60.0));
    let bent = points(&harness);
    assert_eq!(bent.len(), 2, "{bent:?}");
    assert_eq!(bent[0], Point::new(300.0, 360.0), "the first bend stays");
    assert!(bent[1].x > 300.0, "the new one comes after it: {bent:?}");
    assert!(
        harness
            .query_by_label("Bend 2 of Interface: store")
            .is_some()
    );
}

#[test]
fn a_dragged_bend_lines_up_with_the_box_it_leads_to() {
    let mut harness = with_line_selected(two_boxes("(x: 304.0, y: 400.0)"));
    let z = zoom(&harness);
    // Drag it to 3 pixels below the boxes' middle (y = 228): it snaps there
    // and a guide shows.
    let handle = bend_handle(&harness, 1);
    let target = handle + Vec2::new(0.0, -(400.0 - 228.0) * z + 3.0);
    press_and_move(&mut harness, handle, target);
    assert!(harness.state().canvas.alignment_guides() > 0);
    harness.drop_at(target);
    harness.run_steps(5);
    assert_eq!(points(&harness), vec![Point::new(304.0, 228.0)]);
}

#[test]
fn escape_during_a_bend_drag_leaves_the_line_as_it_was() {
    let mut harness = with_line_selected(two_boxes(""));
    let before = diagram(&harness).clone();
    let undo_before = undo_label(&harness);
    let middle = middle_of_line(&harness);
    press_and_move(&mut harness, middle, middle + Vec2::new(40.0, 100.0));
    assert!(harness.state().canvas.is_dragging());
    harness.key_press(Key::Escape);
    harness.run_steps(2);
    assert!(!harness.state().canvas.is_dragging());
    harness.drop_at(middle + Vec2::new(40.0, 100.0));
    harness.run_steps(5);
    assert_eq!(diagram(&harness), &before);
    assert_eq!(undo_label(&harness), undo_before);
    // Escape cancelled the drag only: the line stays selected.
    assert!(
        harness
            .state()
            .view
            .is_selected(&ElementRef::Interface(InterfaceId::new("q")))
    );
}

#[test]
fn dragging_a_line_that_is_not_selected_bends_nothing() {
    let mut harness = support::editor(two_boxes(""));
    let before = diagram(&harness).clone();
    let middle = middle_of_line(&harness);
    drag(&mut harness, middle, middle + Vec2::new(0.0, 120.0));
    assert_eq!(diagram(&harness), &before, "a marquee, not a bend");
}

#[test]
fn the_context_menu_straightens_a_bent_line_in_one_step() {
    let bends = "(x: 100.0, y: 96.0), (x: 500.0, y: 96.0)";
    let mut harness = with_line_selected(two_boxes(bends));
    let bent = points(&harness);
    let handle = bend_handle(&harness, 2);
    right_click(&mut harness, handle);
    harness
        .get_by_role_and_label(Role::Button, "Straighten line Ctrl+Shift+B")
        .click();
    harness.run_steps(3);
    assert!(points(&harness).is_empty());
    assert_eq!(undo_label(&harness).as_deref(), Some("Straighten line"));
    undo(&mut harness);
    assert_eq!(points(&harness), bent);
    redo(&mut harness);
    assert!(points(&harness).is_empty());

    // A straight line's menu does not offer it.
    harness
        .state_mut()
        .push(Action::Select(vec![ElementRef::Interface(
            InterfaceId::new("q"),
        )]));
    harness.run_steps(3);
    let middle = middle_of_line(&harness);
    right_click(&mut harness, middle);
    assert!(harness.query_by_label("Reverse interface Ctrl+R").is_some());
    assert!(
        harness
            .query_by_label("Straighten line Ctrl+Shift+B")
            .is_none()
    );
}
