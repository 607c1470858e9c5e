//! Nothing a user does breaks the diagram: garbage on the clipboard, a
//! connection back to the same module, a unit dropped into its own child,
//! deleting what the selection and the findings point at. And the clipboard
//! round trip works through the real copy and paste events.

use crate::support::{click, click_at, diagram, drag, example};
use egui::{Event, Key, Modifiers, Pos2, Vec2};
use egui_kittest::kittest::Queryable;
use seams::model::validate;
use seams::ui::OpenDiagram;

#[test]
fn garbage_on_the_clipboard_changes_nothing_and_says_so() {
    let mut harness = example();
    let before = diagram(&harness).clone();
    for garbage in [
        "",
        "hello",
        "(format: \"seams\", version: 99)",
        "#![enable(implicit_some)]\n(format: \"seams\", version: 1, modules: [(id: \"a b\")])",
        "\u{0}\u{1}\u{fffd}",
    ] {
        harness.hover_at(Pos2::new(400.0, 300.0));
        harness.event(Event::Paste(garbage.to_owned()));
        harness.run_steps(2);
        assert_eq!(diagram(&harness), &before, "{garbage:?}");
    }
    let message = harness.state().message().unwrap_or_default().to_owned();
    assert!(message.contains("clipboard"), "{message}");
}

#[test]
fn copy_and_paste_through_the_clipboard_events() {
    let mut harness = example();
    click(&mut harness, "Module: HTTP handlers");
    harness.event(Event::Copy);
    harness.step();
    let text = harness
        .output()
        .platform_output
        .commands
        .iter()
        .find_map(|c| match c {
            egui::OutputCommand::CopyText(text) => Some(text.clone()),
            _ => None,
        })
        .expect("the copy reached the clipboard");
    assert!(text.contains("HTTP handlers"));
    let modules = diagram(&harness).modules.len();
    harness.hover_at(Pos2::new(300.0, 650.0));
    harness.event(Event::Paste(text));
    harness.run_steps(2);
    assert_eq!(diagram(&harness).modules.len(), modules + 1);
    assert_eq!(validate(diagram(&harness)), Ok(()));
    // The pasted copy is selected; duplicating it makes a third.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::D);
    harness.run_steps(2);
    assert_eq!(diagram(&harness).modules.len(), modules + 2);
}

#[test]
fn connecting_a_module_to_itself_does_nothing() {
    let mut harness = example();
    // The whole diagram, Photos DB included (it opens framed on its findings).
    harness
        .state_mut()
        .canvas
        .request_fit(seams::ui::canvas::Fit::Diagram);
    harness.run_steps(2);
    let before = diagram(&harness).clone();
    let module = harness.get_by_label("Module: Photos DB").rect();
    drag(
        &mut harness,
        Pos2::new(module.right() - 3.0, module.center().y),
        module.center(),
    );
    assert_eq!(diagram(&harness), &before);
    let message = harness.state().message().unwrap_or_default().to_owned();
    assert!(message.contains("two different modules"), "{message}");
    // With a connect tool, too.
    harness.key_press(Key::Num3);
    harness.run_steps(2);
    drag(
        &mut harness,
        module.center(),
        module.center() + Vec2::new(5.0, 3.0),
    );
    assert_eq!(diagram(&harness), &before);
}

#[test]
fn a_unit_dropped_into_its_own_child_stays_out_of_it() {
    let mut harness = example();
    // Select "Edge VM" by its title, then drag it by the title onto its child "Mailer".
    let edge = harness.get_by_label("Unit: Edge VM").rect();
    let title = Pos2::new(edge.left() + 30.0, edge.top() + 8.0);
    let mailer = harness.get_by_label("Unit: Mailer").rect();
    let before = diagram(&harness).unit("edge").and_then(|u| u.rect);
    drag(&mut harness, title, mailer.center());
    let d = diagram(&harness);
    assert_eq!(validate(d), Ok(()));
    assert_ne!(
        d.unit("edge").and_then(|u| u.rect),
        before,
        "the unit moved"
    );
    assert_eq!(d.unit("edge").and_then(|u| u.parent.clone()), None);
    assert_eq!(
        harness.state().document.history.undo_label(),
        Some("Move unit")
    );
}

#[test]
fn deleting_what_selection_and_findings_point_at() {
    let mut harness = example();
    // A finding points at the PNG decoder's unit and the mailer; delete them
    // while selected and while the findings panel lists them.
    click(&mut harness, "Module: Notification mailer");
    harness.key_press(Key::Delete);
    harness.run_steps(3);
    assert!(diagram(&harness).module("mailer").is_none());
    assert!(harness.state().view.selection.is_empty());
    // A unit with contents asks first; keep the contents.
    let unit = harness.get_by_label("Unit: API server").rect();
    click_at(
        &mut harness,
        Pos2::new(unit.left() + 20.0, unit.top() + 8.0),
    );
    harness.key_press(Key::Delete);
    harness.run_steps(3);
    harness
        .get_by_label("Keep them (move to the parent)")
        .click();
    harness.run_steps(3);
    let d = diagram(&harness);
    assert!(d.unit("api").is_none());
    assert_eq!(
        d.module("http")
            .and_then(|m| m.unit.as_ref().map(|u| u.as_str().to_owned())),
        Some("edge".to_owned())
    );
    assert_eq!(validate(d), Ok(()));
    // Undo brings both back, in order.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(3);
    let restored = OpenDiagram::new(
        seams::ui::load_example(seams::examples::built_in())
            .expect("loads")
            .diagram,
    );
    assert_eq!(diagram(&harness), &restored.diagram);
}
