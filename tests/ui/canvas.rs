//! Canvas gestures and keyboard editing on the built-in example: marquee
//! selection, nudging, reversing and reconnecting arrows, panning with the
//! space bar, the teams editor and the inspector.

use crate::support::{click_at, diagram, drag, example, module};
use egui::{Key, Modifiers, Vec2};
use egui_kittest::kittest::Queryable;
use seams::edit::ElementRef;
use seams::model::validate;

#[test]
fn marquee_selects_what_it_encloses_and_nudge_moves_it() {
    let mut harness = example();
    let users = harness.get_by_label("Module: Internet users").rect();
    // Drag a rectangle around the "Internet users" actor from empty canvas.
    drag(
        &mut harness,
        users.left_top() - Vec2::new(20.0, 20.0),
        users.right_bottom() + Vec2::new(20.0, 20.0),
    );
    let selection = &harness.state().view.selection;
    assert_eq!(selection.len(), 1);
    assert!(selection.contains(&module("users")));

    let before = diagram(&harness).module("users").and_then(|m| m.pos);
    harness.key_press(Key::ArrowRight);
    harness.run_steps(2);
    harness.key_press_modifiers(Modifiers::SHIFT, Key::ArrowDown);
    harness.run_steps(2);
    let after = diagram(&harness).module("users").and_then(|m| m.pos);
    let (before, after) = (before.expect("laid out"), after.expect("laid out"));
    assert!(
        (after.x - before.x - 8.0).abs() < 1e-3,
        "{before:?} -> {after:?}"
    );
    assert!(
        (after.y - before.y - 40.0).abs() < 1e-3,
        "{before:?} -> {after:?}"
    );
    assert_eq!(harness.state().document.history.undo_label(), Some("Nudge"));
}

#[test]
fn arrows_reverse_and_reconnect_only_where_kinds_fit() {
    let mut harness = example();
    // "upload" is an RPC from the users to the HTTP handlers: reversible.
    harness
        .state_mut()
        .push(seams::ui::actions::Action::Select(vec![
            ElementRef::Interface(seams::model::InterfaceId::new("upload")),
        ]));
    harness.run_steps(2);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::R);
    harness.run_steps(2);
    let upload = diagram(&harness)
        .interface("upload")
        .expect("exists")
        .clone();
    assert_eq!(
        (upload.from.as_str(), upload.to.as_str()),
        ("http", "users")
    );

    // "store" writes the Photos DB: reversing would start a write at the
    // datastore, so nothing changes and the user is told why.
    harness
        .state_mut()
        .push(seams::ui::actions::Action::Select(vec![
            ElementRef::Interface(seams::model::InterfaceId::new("store")),
        ]));
    harness.run_steps(2);
    let before = diagram(&harness).clone();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::R);
    harness.run_steps(2);
    assert_eq!(diagram(&harness), &before);
    assert!(
        harness
            .state()
            .message()
            .unwrap_or_default()
            .contains("datastore")
    );

    // Drag the "notify" arrow's head from the mailer to the PNG decoder.
    harness
        .state_mut()
        .push(seams::ui::actions::Action::Select(vec![
            ElementRef::Interface(seams::model::InterfaceId::new("notify")),
        ]));
    harness.run_steps(2);
    let decoder = harness.get_by_label("Module: PNG decoder").rect();
    let end = harness
        .state()
        .canvas
        .interface_end_on_screen("notify", seams::edit::ops::End::To)
        .expect("the arrow is drawn");
    drag(&mut harness, end, decoder.center());
    let notify = diagram(&harness).interface("notify").expect("exists");
    assert_eq!(notify.to.as_str(), "png");
    assert_eq!(validate(diagram(&harness)), Ok(()));
}

#[test]
fn space_drag_pans_without_editing() {
    let mut harness = example();
    let before_camera = harness.state().canvas.camera;
    let before = diagram(&harness).clone();
    let canvas = harness.get_by_label("Canvas").rect();
    harness.key_down(Key::Space);
    harness.step();
    drag(
        &mut harness,
        canvas.center(),
        canvas.center() + Vec2::new(120.0, 60.0),
    );
    harness.key_up(Key::Space);
    harness.run_steps(2);
    let after_camera = harness.state().canvas.camera;
    assert!((after_camera.pan - before_camera.pan - Vec2::new(120.0, 60.0)).length() < 2.0);
    assert_eq!(diagram(&harness), &before);
}

#[test]
fn teams_and_fields_are_edited_from_the_inspector() {
    let mut harness = example();
    harness.get_by_label("+ Add team").click();
    harness.run_steps(3);
    assert_eq!(diagram(&harness).teams.len(), 3);
    // Select the mailer and make it untrusted through the inspector.
    let mailer = harness.get_by_label("Module: Notification mailer").rect();
    click_at(&mut harness, mailer.center());
    harness
        .get_by_role_and_label(egui::accesskit::Role::ComboBox, "Trust")
        .click();
    harness.run_steps(3);
    harness.get_by_label("Untrusted").click();
    harness.run_steps(3);
    assert_eq!(
        diagram(&harness).module("mailer").map(|m| m.trust),
        Some(seams::model::Trust::Untrusted)
    );
    assert_eq!(
        harness.state().document.history.undo_label(),
        Some("Change trust")
    );
}
