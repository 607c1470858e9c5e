//! The editor driven through its accessibility tree, as a user would: add
//! modules, connect them, put one into a unit, rename, undo and redo.

use crate::support::{
    click_at, diagram, double_click, drag, editor, rect_of, redo, right_click, type_and_enter, undo,
};
use egui::accesskit::Role;
use egui::{Key, Modifiers, Pos2, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use seams::model::{Diagram, InterfaceKind, ModuleKind};
use seams::ui::SeamsApp;

#[test]
fn draw_connect_nest_rename_undo_redo() {
    let mut harness = editor(Diagram::new());
    let canvas = rect_of(&harness, "Canvas");

    // A module from the tool strip.
    harness.get_by_label("Add module").click();
    harness.run_steps(2);
    click_at(&mut harness, canvas.left_top() + Vec2::new(200.0, 200.0));
    assert_eq!(diagram(&harness).modules.len(), 1);
    let first = diagram(&harness).modules[0].id.clone();

    // A second one by double-click on empty canvas, renamed in place.
    double_click(&mut harness, canvas.left_top() + Vec2::new(550.0, 200.0));
    assert_eq!(diagram(&harness).modules.len(), 2);
    type_and_enter(&mut harness, "Rename module", "Storage");
    assert_eq!(diagram(&harness).modules[1].name, "Storage");

    // Connect by dragging from the first module's edge to the second.
    harness.key_press(Key::Escape);
    harness.run_steps(2);
    let source = rect_of(&harness, "Module: Module 1");
    let target = rect_of(&harness, "Module: Storage");
    drag(
        &mut harness,
        Pos2::new(source.right() - 3.0, source.center().y),
        target.center(),
    );
    // Both modules are components, so several kinds fit: choose one.
    harness.get_by_role_and_label(Role::Button, "RPC").click();
    harness.run_steps(3);
    let interfaces = &diagram(&harness).interfaces;
    assert_eq!(interfaces.len(), 1);
    assert_eq!(interfaces[0].kind, InterfaceKind::Rpc);
    assert_eq!(interfaces[0].from, first);

    // Draw a unit below, then drop the second module into it.
    harness.get_by_label("Add unit").click();
    harness.run_steps(2);
    drag(
        &mut harness,
        canvas.left_top() + Vec2::new(450.0, 350.0),
        canvas.left_top() + Vec2::new(800.0, 600.0),
    );
    assert_eq!(diagram(&harness).units.len(), 1);
    let unit = diagram(&harness).units[0].id.clone();
    let storage = rect_of(&harness, "Module: Storage");
    drag(
        &mut harness,
        storage.center(),
        canvas.left_top() + Vec2::new(620.0, 470.0),
    );
    let placed = diagram(&harness).modules[1].unit.clone();
    assert_eq!(placed, Some(unit.clone()), "dropped into the unit");

    // Rename the first module with F2.
    let source = rect_of(&harness, "Module: Module 1");
    click_at(&mut harness, source.center());
    harness.key_press(Key::F2);
    harness.run_steps(2);
    type_and_enter(&mut harness, "Rename module", "API");
    assert_eq!(diagram(&harness).modules[0].name, "API");

    // Undo the rename and the drop; redo both.
    let done = diagram(&harness).clone();
    undo(&mut harness);
    assert_eq!(diagram(&harness).modules[0].name, "Module 1");
    undo(&mut harness);
    assert_eq!(diagram(&harness).modules[1].unit, None);
    redo(&mut harness);
    // Ctrl+Y redoes too.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    harness.run_steps(2);
    assert_eq!(diagram(&harness), &done);
    assert_eq!(diagram(&harness).modules[0].kind, ModuleKind::Component);
}

#[test]
fn straighten_drops_the_bends_of_a_line_and_undo_brings_them_back() {
    let start = seams::file::load_str(
        r#"(
            format: "seams",
            version: 1,
            modules: [
                (id: "api", name: "API", pos: (x: 40.0, y: 200.0), size: (w: 120.0, h: 56.0)),
                (id: "db", name: "DB", kind: Datastore, pos: (x: 440.0, y: 200.0), size: (w: 120.0, h: 56.0)),
            ],
            interfaces: [
                (id: "q", from: "api", to: "db", kind: Write, label: "orders",
                 points: [(x: 100.0, y: 96.0), (x: 500.0, y: 96.0)]),
            ],
        )"#,
    )
    .expect("loads");
    let bends = start.interfaces[0].points.clone();
    let mut harness = editor(start);

    let line = rect_of(&harness, "Interface: orders");
    click_at(&mut harness, line.center());
    assert!(
        harness
            .state()
            .view
            .is_selected(&seams::edit::ElementRef::Interface(
                seams::model::InterfaceId::new("q")
            )),
        "clicking the label selects the line"
    );
    // Its context menu offers to straighten it, but not the clipboard,
    // which takes boxes.
    right_click(&mut harness, line.center());
    let disabled = |harness: &Harness<'_, SeamsApp>, label: &str| {
        harness
            .get_by_role_and_label(Role::Button, label)
            .accesskit_node()
            .is_disabled()
    };
    assert!(disabled(&harness, "Cut Ctrl+X") && disabled(&harness, "Copy Ctrl+C"));
    assert!(!disabled(&harness, "Reverse interface Ctrl+R"));
    assert!(!disabled(&harness, "Straighten line Ctrl+Shift+B"));
    harness
        .get_by_role_and_label(Role::Button, "Straighten line Ctrl+Shift+B")
        .click();
    harness.run_steps(3);
    assert!(diagram(&harness).interfaces[0].points.is_empty());
    // Nothing is left to straighten: the inspector's button does nothing
    // more.
    harness.get_by_label("Straighten line").click();
    harness.run_steps(3);
    assert_eq!(
        harness.state().document.history.undo_label(),
        Some("Straighten line")
    );

    undo(&mut harness);
    assert_eq!(diagram(&harness).interfaces[0].points, bends);
    assert!(
        !harness.state().document.history.can_undo(),
        "one edit, undone"
    );
}
