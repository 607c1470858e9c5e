//! Creating a box and naming it in place is one undoable step: one undo
//! removes it (no unnamed "module-1" in between), one redo brings it back
//! under the id made from its name, and renaming it later keeps that id.

use crate::support::{click_at, diagram, editor, redo, type_and_enter, undo};
use egui::{Key, Vec2};
use egui_kittest::kittest::Queryable;
use seams::edit::ElementRef;
use seams::model::{Diagram, ModuleId, UnitId};

#[test]
fn a_module_added_with_the_tool_and_named_is_one_undo_step() {
    let mut harness = editor(Diagram::new());
    let canvas = harness.get_by_label("Canvas").rect();
    harness.get_by_label("Add module").click();
    harness.run_steps(2);
    click_at(&mut harness, canvas.left_top() + Vec2::new(300.0, 250.0));
    assert_eq!(diagram(&harness).modules.len(), 1);
    // The name editor is open on the new module: type its name.
    type_and_enter(&mut harness, "Rename module", "PNG decoder");
    let named = diagram(&harness).clone();
    assert_eq!(named.modules[0].id.as_str(), "png-decoder");
    assert_eq!(named.modules[0].name, "PNG decoder");
    assert_eq!(
        harness.state().document.history.undo_label(),
        Some("Add component"),
        "the naming is part of the step that added it"
    );

    undo(&mut harness);
    assert!(
        diagram(&harness).modules.is_empty(),
        "one undo removes it: {:?}",
        diagram(&harness).modules
    );
    assert!(!harness.state().document.history.can_undo());
    assert!(!harness.state().is_dirty(), "back to the state as opened");

    redo(&mut harness);
    assert_eq!(diagram(&harness), &named, "back, named, id from the name");

    // Renaming later keeps the id, and is a step of its own.
    let png = ElementRef::Module(ModuleId::new("png-decoder"));
    harness.state_mut().view.selection = std::iter::once(png).collect();
    harness.key_press(Key::F2);
    harness.run_steps(2);
    type_and_enter(&mut harness, "Rename module", "Thumbnailer");
    let module = &diagram(&harness).modules[0];
    assert_eq!(
        (module.id.as_str(), module.name.as_str()),
        ("png-decoder", "Thumbnailer")
    );
    undo(&mut harness);
    assert_eq!(diagram(&harness), &named);
}

#[test]
fn a_unit_drawn_and_named_is_one_undo_step_too() {
    let mut harness = editor(Diagram::new());
    let canvas = harness.get_by_label("Canvas").rect();
    harness.get_by_label("Add unit").click();
    harness.run_steps(2);
    click_at(&mut harness, canvas.left_top() + Vec2::new(200.0, 150.0));
    assert_eq!(diagram(&harness).units.len(), 1);
    type_and_enter(&mut harness, "Rename unit", "Web server");
    assert_eq!(diagram(&harness).units[0].id, UnitId::new("web-server"));
    undo(&mut harness);
    assert!(diagram(&harness).units.is_empty());
    redo(&mut harness);
    assert_eq!(diagram(&harness).units[0].id, UnitId::new("web-server"));
    assert_eq!(diagram(&harness).units[0].name, "Web server");
}

#[test]
fn leaving_the_name_as_it_is_keeps_the_placeholder_and_one_step() {
    let mut harness = editor(Diagram::new());
    let canvas = harness.get_by_label("Canvas").rect();
    harness.get_by_label("Add module").click();
    harness.run_steps(2);
    click_at(&mut harness, canvas.left_top() + Vec2::new(300.0, 250.0));
    harness.key_press(Key::Enter);
    harness.run_steps(3);
    assert_eq!(diagram(&harness).modules[0].name, "Module 1");
    undo(&mut harness);
    assert!(diagram(&harness).modules.is_empty());
}
