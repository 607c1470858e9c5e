//! Where code comes from, in the editor: the "Third-party code" checkbox,
//! the `Load` interface kind in the tool strip, the connect menu and the
//! inspector (only where it fits), its shortcut, and the help and rules
//! texts that explain them.

use crate::support::{click_at, diagram, drag, editor, rect_of, redo, undo};
use egui::accesskit::Role;
use egui::{Key, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use seams::model::{Diagram, InterfaceKind};
use seams::ui::SeamsApp;
use seams::ui::command::Command;
use seams::ui::tool::Tool;

/// Two components and a datastore, laid out apart.
fn code_and_a_store() -> Diagram {
    seams::file::load_str(
        r#"(
            format: "seams",
            version: 1,
            modules: [
                (id: "api", name: "API", pos: (x: 40.0, y: 120.0), size: (w: 120.0, h: 56.0)),
                (id: "db", name: "Plugins", kind: Datastore, pos: (x: 440.0, y: 120.0), size: (w: 120.0, h: 64.0)),
                (id: "worker", name: "Worker", pos: (x: 40.0, y: 360.0), size: (w: 120.0, h: 56.0)),
            ],
        )"#,
    )
    .expect("loads")
}

/// Drags a new connection from the right edge of module `from` onto the
/// middle of module `to` (with the Select tool, this opens the menu of
/// kinds that fit).
fn connect(harness: &mut Harness<'_, SeamsApp>, from: &str, to: &str) {
    let source = rect_of(harness, &format!("Module: {from}"));
    let target = rect_of(harness, &format!("Module: {to}"));
    drag(
        harness,
        Pos2::new(source.right() - 3.0, source.center().y),
        target.center(),
    );
}

fn has_button(harness: &Harness<'_, SeamsApp>, label: &str) -> bool {
    harness
        .query_all_by_role_and_label(Role::Button, label)
        .next()
        .is_some()
}

#[test]
fn third_party_code_is_ticked_in_the_inspector_undone_and_redone() {
    let mut harness = editor(code_and_a_store());
    let api = rect_of(&harness, "Module: API");
    click_at(&mut harness, api.center());
    let third_party =
        |harness: &Harness<'_, SeamsApp>| diagram(harness).module("api").map(|m| m.third_party);
    assert_eq!(third_party(&harness), Some(false));

    harness.get_by_label("Third-party code").click();
    harness.run_steps(3);
    assert_eq!(third_party(&harness), Some(true));
    assert_eq!(
        harness.state().document.history.undo_label(),
        Some("Mark as third-party code")
    );
    // The box now carries the tag, which says what it means.
    let api = rect_of(&harness, "Module: API");
    let zoom = api.width() / 120.0;
    let explained = |harness: &Harness<'_, SeamsApp>| {
        harness
            .query_all_by_label(seams::ui::tool::THIRD_PARTY_MEANING)
            .next()
            .is_some()
    };
    harness.hover_at(api.center());
    harness.run_steps(60);
    assert!(!explained(&harness), "not over the box's middle");
    harness.hover_at(Pos2::new(api.left() + 20.0 * zoom, api.top() + 1.0));
    // Tooltips wait a moment before they show.
    harness.run_steps(60);
    assert!(explained(&harness), "hovering the 3rd tag explains it");
    // Nothing else about the module changed.
    let mut expected = code_and_a_store();
    expected.modules[0].third_party = true;
    assert_eq!(diagram(&harness), &expected);

    undo(&mut harness);
    assert_eq!(third_party(&harness), Some(false));
    assert_eq!(diagram(&harness), &code_and_a_store());
    assert!(!harness.state().document.history.can_undo(), "one step");
    redo(&mut harness);
    assert_eq!(third_party(&harness), Some(true));

    // Unticking is an edit of its own.
    harness.get_by_label("Third-party code").click();
    harness.run_steps(3);
    assert_eq!(third_party(&harness), Some(false));
    assert_eq!(
        harness.state().document.history.undo_label(),
        Some("Mark as own code")
    );
}

#[test]
fn load_from_the_tool_strip_connects_code_to_a_datastore_only() {
    let mut harness = editor(code_and_a_store());
    harness.get_by_label("Connect: Load").click();
    harness.run_steps(2);
    assert_eq!(
        harness.state().view.tool,
        Tool::Connect(InterfaceKind::Load)
    );

    // Code → datastore: a Load, made at once.
    let api = rect_of(&harness, "Module: API");
    let db = rect_of(&harness, "Module: Plugins");
    drag(&mut harness, api.center(), db.center());
    let interfaces = &diagram(&harness).interfaces;
    assert_eq!(interfaces.len(), 1);
    assert_eq!(interfaces[0].kind, InterfaceKind::Load);
    assert_eq!(
        (interfaces[0].from.as_str(), interfaces[0].to.as_str()),
        ("api", "db")
    );
    assert_eq!(
        harness.state().document.history.undo_label(),
        Some("Connect (Load)")
    );
    // The new line has its accessible name, kind first.
    assert!(
        harness
            .query_all_by_label("Interface: Load from API to Plugins")
            .next()
            .is_some()
    );

    // Code → code: a Load does not fit, and nothing is made.
    let api = rect_of(&harness, "Module: API");
    let worker = rect_of(&harness, "Module: Worker");
    drag(&mut harness, api.center(), worker.center());
    assert_eq!(diagram(&harness).interfaces.len(), 1);

    undo(&mut harness);
    assert!(diagram(&harness).interfaces.is_empty());
}

#[test]
fn the_connect_menu_and_the_inspector_offer_load_only_where_it_fits() {
    let mut harness = editor(code_and_a_store());

    // Component → component: the menu has no datastore kinds.
    connect(&mut harness, "API", "Worker");
    for kind in ["Call", "RPC", "Queue"] {
        assert!(has_button(&harness, kind), "{kind} is offered");
    }
    for kind in ["Load", "Read", "Write", "Link"] {
        assert!(!has_button(&harness, kind), "{kind} is not offered");
    }
    harness.get_by_role_and_label(Role::Button, "RPC").click();
    harness.run_steps(3);
    assert_eq!(diagram(&harness).interfaces[0].kind, InterfaceKind::Rpc);

    // The new RPC is selected: its kind selector offers no Load either.
    harness
        .get_by_role_and_label(Role::ComboBox, "Kind")
        .click();
    harness.run_steps(3);
    assert!(harness.query_all_by_label("Queue").next().is_some());
    assert!(harness.query_all_by_label("Load").next().is_none());
    harness.key_press(Key::Escape);
    harness.run_steps(3);

    // Component → datastore: Load is offered, and chosen.
    harness.key_press(Key::Escape);
    harness.run_steps(2);
    connect(&mut harness, "Worker", "Plugins");
    for kind in ["Read", "Write", "Load"] {
        assert!(has_button(&harness, kind), "{kind} is offered");
    }
    assert!(!has_button(&harness, "Link"));
    harness.get_by_role_and_label(Role::Button, "Load").click();
    harness.run_steps(3);
    let load = diagram(&harness)
        .interfaces
        .iter()
        .find(|f| f.from.as_str() == "worker")
        .expect("connected");
    assert_eq!((load.kind, load.to.as_str()), (InterfaceKind::Load, "db"));

    // Its kind selector offers Load among the kinds that fit, not Link,
    // and switching to Read and back is one undoable step each.
    harness
        .get_by_role_and_label(Role::ComboBox, "Kind")
        .click();
    harness.run_steps(3);
    assert!(harness.query_all_by_label("Load").next().is_some());
    assert!(harness.query_all_by_label("Link").next().is_none());
    harness.get_by_label("Read").click();
    harness.run_steps(3);
    let kind_of_worker_access = |harness: &Harness<'_, SeamsApp>| {
        diagram(harness)
            .interfaces
            .iter()
            .find(|f| f.from.as_str() == "worker")
            .map(|f| f.kind)
    };
    assert_eq!(kind_of_worker_access(&harness), Some(InterfaceKind::Read));
    undo(&mut harness);
    assert_eq!(kind_of_worker_access(&harness), Some(InterfaceKind::Load));
}

#[test]
fn shortcut_seven_picks_load_and_help_lists_it() {
    let mut harness = editor(code_and_a_store());
    harness.key_press(Key::Num7);
    harness.run_steps(2);
    assert_eq!(
        harness.state().view.tool,
        Tool::Connect(InterfaceKind::Load)
    );
    harness.key_press(Key::Num5);
    harness.run_steps(2);
    assert_eq!(
        harness.state().view.tool,
        Tool::Connect(InterfaceKind::Read)
    );

    harness.state_mut().push(Command::ShowShortcuts);
    harness.run_steps(3);
    assert!(
        harness
            .query_all_by_role_and_label(Role::Label, "Connect: Load")
            .next()
            .is_some(),
        "Help > Keyboard shortcuts lists the Load tool"
    );
    assert!(harness.query_all_by_label("7").next().is_some());

    harness.state_mut().push(Command::ShowAbout);
    harness.run_steps(3);
    for heading in ["Third-party code", "Loading code", "The rules in full"] {
        assert!(
            harness
                .query_all_by_role_and_label(Role::Label, heading)
                .next()
                .is_some(),
            "About Seams's ideas explains {heading}"
        );
    }
}

#[test]
fn the_rules_window_and_findings_point_to_the_reference() {
    let mut harness = editor(code_and_a_store());
    // A finding in focus names its rule's section.
    harness
        .get_by_label("Finding: disconnected-module@api")
        .click();
    harness.run_steps(3);
    assert!(
        harness
            .query_all_by_label("docs/rules.md#disconnected-module")
            .next()
            .is_some()
    );
    harness.state_mut().push(Command::ShowRules);
    harness.run_steps(3);
    for rule in seams::model::RuleId::ALL {
        let reference = format!("docs/rules.md#{}", rule.as_str());
        assert!(
            harness.query_all_by_label(&reference).next().is_some(),
            "the Rules window gives {reference}"
        );
    }
}
