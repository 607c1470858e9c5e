//! Editing on the canvas that must never surprise: Escape cancels a drag,
//! an arrow's end handles win over the box under them, pasted copies land
//! clear of their originals, and new elements take their ids from the
//! names given in place.

use crate::support::{
    diagram, double_click, drag, editor, example, module, press_and_move, type_and_enter,
};
use egui::{Key, Pos2, Vec2};
use egui_kittest::kittest::Queryable;
use seams::edit::ElementRef;
use seams::model::{Diagram, InterfaceId};
use seams::ui::actions::Action;
use seams::ui::command::Command;

#[test]
fn escape_during_a_move_puts_the_boxes_back() {
    let mut harness = example();
    let before = diagram(&harness).clone();
    let undo = harness
        .state()
        .document
        .history
        .undo_label()
        .map(str::to_owned);
    let users = harness.get_by_label("Module: Internet users").rect();
    press_and_move(
        &mut harness,
        users.center(),
        users.center() + Vec2::new(150.0, 90.0),
    );
    assert!(harness.state().canvas.is_dragging());
    harness.key_press(Key::Escape);
    harness.run_steps(2);
    assert!(!harness.state().canvas.is_dragging());
    // The box is drawn where it was while the button is still down.
    let drawn = harness.get_by_label("Module: Internet users").rect();
    assert!((drawn.center() - users.center()).length() < 1.0);
    harness.drop_at(users.center() + Vec2::new(150.0, 90.0));
    harness.run_steps(5);
    assert_eq!(diagram(&harness), &before);
    assert_eq!(
        harness
            .state()
            .document
            .history
            .undo_label()
            .map(str::to_owned),
        undo
    );
    // Escape cancelled the drag only: the grabbed box stays selected.
    assert!(harness.state().view.selection.contains(&module("users")));
}

#[test]
fn escape_during_a_marquee_keeps_the_selection_it_started_with() {
    let mut harness = example();
    harness
        .state_mut()
        .push(Action::Select(vec![module("mailer")]));
    harness.run_steps(2);
    let users = harness.get_by_label("Module: Internet users").rect();
    let from = users.left_top() - Vec2::new(20.0, 20.0);
    let to = users.right_bottom() + Vec2::new(20.0, 20.0);
    press_and_move(&mut harness, from, to);
    assert!(harness.state().view.selection.contains(&module("users")));
    harness.key_press(Key::Escape);
    harness.run_steps(2);
    harness.drop_at(to);
    harness.run_steps(5);
    let selection = &harness.state().view.selection;
    assert_eq!(selection.len(), 1, "{selection:?}");
    assert!(selection.contains(&module("mailer")));
}

#[test]
fn escape_during_a_connection_drag_adds_nothing() {
    let mut harness = example();
    let before = diagram(&harness).clone();
    let users = harness.get_by_label("Module: Internet users").rect();
    let mailer = harness.get_by_label("Module: Notification mailer").rect();
    // The band along the border starts a connection.
    let edge = Pos2::new(users.center().x, users.top() + 2.0);
    press_and_move(&mut harness, edge, mailer.center());
    harness.key_press(Key::Escape);
    harness.step();
    harness.drop_at(mailer.center());
    harness.run_steps(5);
    assert_eq!(diagram(&harness), &before);
}

#[test]
fn at_87_percent_an_arrow_end_is_grabbed_before_the_box_under_it() {
    let mut harness = example();
    harness.state_mut().canvas.camera.zoom = 0.87;
    harness
        .state_mut()
        .push(Action::Select(vec![ElementRef::Interface(
            InterfaceId::new("notify"),
        )]));
    harness.run_steps(3);
    assert!((harness.state().canvas.zoom() - 0.87).abs() < 0.01);
    let mailer_before = diagram(&harness).module("mailer").and_then(|m| m.pos);
    let mailer = harness.get_by_label("Module: Notification mailer").rect();
    let end = harness
        .state()
        .canvas
        .interface_end_on_screen("notify", seams::edit::ops::End::To)
        .expect("the arrow is drawn");
    // Press 9 px inside the mailer from the arrow's tip: near enough to
    // the handle, and on the box.
    let inward = (mailer.center() - end).normalized();
    let grab = end + inward * 9.0;
    assert!(mailer.contains(grab));
    let decoder = harness.get_by_label("Module: PNG decoder").rect();
    drag(&mut harness, grab, decoder.center());
    let notify = diagram(&harness).interface("notify").expect("exists");
    assert_eq!(notify.to.as_str(), "png");
    assert_eq!(
        diagram(&harness).module("mailer").and_then(|m| m.pos),
        mailer_before
    );
}

#[test]
fn duplicate_lands_clear_of_the_original_and_is_framed() {
    let mut harness = example();
    // Put the "Internet users" box at the canvas's bottom-right corner, so
    // that a copy below and to the right of it is out of view.
    let canvas = harness.get_by_label("Canvas").rect();
    let users = harness.get_by_label("Module: Internet users").rect();
    harness.state_mut().canvas.camera.pan += canvas.right_bottom() - users.center();
    harness
        .state_mut()
        .push(Action::Select(vec![module("users")]));
    harness.run_steps(3);
    harness.state_mut().push(Command::Duplicate);
    harness.run_steps(5);

    let state = harness.state();
    assert_eq!(state.document.history.undo_label(), Some("Duplicate"));
    let selection: Vec<_> = state.view.selection.iter().cloned().collect();
    let [ElementRef::Module(copy)] = selection.as_slice() else {
        panic!("the copy is selected alone: {selection:?}");
    };
    let d = diagram(&harness);
    let original = d
        .module("users")
        .and_then(seams::model::Module::rect)
        .expect("placed");
    let copied = d
        .module(copy.as_str())
        .and_then(seams::model::Module::rect)
        .expect("placed");
    assert!(!copied.intersects(&original), "{copied:?} on {original:?}");
    let canvas = harness.get_by_label("Canvas").rect();
    let t = seams::ui::canvas::camera::Transform {
        camera: state.canvas.camera,
        origin: canvas.min,
    };
    let on_screen = t.screen_rect(&copied);
    assert!(
        canvas.contains_rect(on_screen),
        "{on_screen:?} outside {canvas:?}"
    );
}

#[test]
fn a_module_named_in_place_when_created_takes_its_id_from_the_name() {
    let mut harness = editor(Diagram::new());
    let canvas = harness.get_by_label("Canvas").rect();
    for (i, x) in [250.0, 600.0].into_iter().enumerate() {
        double_click(&mut harness, canvas.left_top() + Vec2::new(x, 250.0));
        assert_eq!(diagram(&harness).modules.len(), i + 1);
        type_and_enter(&mut harness, "Rename module", "PNG decoder");
    }
    let ids: Vec<&str> = diagram(&harness)
        .modules
        .iter()
        .map(|m| m.id.as_str())
        .collect();
    assert_eq!(ids, ["png-decoder", "png-decoder-2"]);
    assert!(
        harness
            .state()
            .view
            .selection
            .contains(&module("png-decoder-2"))
    );

    // Renaming later changes the name only.
    harness.key_press(Key::F2);
    harness.run_steps(2);
    type_and_enter(&mut harness, "Rename module", "Thumbnailer");
    let renamed = &diagram(&harness).modules[1];
    assert_eq!(
        (renamed.id.as_str(), renamed.name.as_str()),
        ("png-decoder-2", "Thumbnailer")
    );
    assert_eq!(seams::model::validate(diagram(&harness)), Ok(()));
}

#[test]
fn a_team_takes_its_id_from_the_name_given_when_it_is_added() {
    let mut harness = example();
    harness.get_by_label("New team name").click();
    harness.run_steps(2);
    harness
        .get_by_label("New team name")
        .type_text("Platform team");
    harness.run_steps(2);
    harness.get_by_label("+ Add team").click();
    harness.run_steps(3);
    let team = diagram(&harness).teams.last().expect("added").clone();
    assert_eq!(
        (team.id.as_str(), team.name.as_str()),
        ("platform-team", "Platform team")
    );
}

#[test]
fn align_and_distribute_from_the_diagram_menu() {
    use egui_kittest::kittest::NodeT;
    let mut harness = example();
    // One box: Align is greyed out.
    harness
        .state_mut()
        .push(Action::Select(vec![module("users")]));
    harness.run_steps(2);
    harness.get_by_label("Diagram").click();
    harness.run_steps(3);
    harness.get_by_label("Align and distribute").hover();
    harness.run_steps(3);
    assert!(
        harness
            .get_by_label("Align left edges")
            .accesskit_node()
            .is_disabled()
    );

    // Three: it can run (the menu stays open meanwhile).
    let three = vec![module("users"), module("mailer"), module("png")];
    harness.state_mut().push(Action::Select(three));
    harness.run_steps(3);
    assert!(
        !harness
            .get_by_label("Align left edges")
            .accesskit_node()
            .is_disabled()
    );
    harness.get_by_label("Align left edges").click();
    harness.run_steps(3);
    let d = diagram(&harness);
    let lefts: Vec<f32> = ["users", "mailer", "png"]
        .iter()
        .map(|id| d.module(id).and_then(|m| m.pos).expect("placed").x)
        .collect();
    assert!(
        lefts.iter().all(|x| (x - lefts[0]).abs() < 1e-3),
        "{lefts:?}"
    );
    assert_eq!(
        harness.state().document.history.undo_label(),
        Some("Align left edges")
    );
    assert_eq!(seams::model::validate(diagram(&harness)), Ok(()));
}

#[test]
fn a_dragged_box_snaps_to_another_boxes_left_edge_with_a_guide() {
    use seams::model::{Module, ModuleKind, Point, Size};
    let mut d = Diagram::new();
    for (id, name, x, y) in [("a", "Alpha", 100.0, 100.0), ("b", "Beta", 400.0, 300.0)] {
        let mut m = Module::new(id, name, ModuleKind::Component);
        m.pos = Some(Point::new(x, y));
        m.size = Some(Size::new(160.0, 64.0));
        d.modules.push(m);
    }
    let mut harness = editor(d);
    let alpha = harness.get_by_label("Module: Alpha").rect();
    let beta = harness.get_by_label("Module: Beta").rect();
    let zoom = alpha.width() / 160.0;
    // Three units right of Alpha's left edge: the grid alone would put
    // Beta at x = 104.
    let to = beta.center() + Vec2::new(alpha.left() + 3.0 * zoom - beta.left(), 0.0);
    press_and_move(&mut harness, beta.center(), to);
    assert!(harness.state().canvas.alignment_guides() >= 1);
    harness.drop_at(to);
    harness.run_steps(5);
    assert_eq!(harness.state().canvas.alignment_guides(), 0);
    let x = diagram(&harness)
        .module("b")
        .and_then(|m| m.pos)
        .expect("placed")
        .x;
    assert!((x - 100.0).abs() < 1e-3, "x = {x}");
}
