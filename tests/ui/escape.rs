//! Escape closes what is open first: a context menu, the connect popup, a
//! window; only when nothing is open does it clear the selection.

use crate::support::{example, module, right_click};
use egui::Key;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use seams::ui::SeamsApp;
use seams::ui::actions::Action;
use seams::ui::command::Command;

fn escape(harness: &mut Harness<'_, SeamsApp>) {
    harness.key_press(Key::Escape);
    harness.run_steps(3);
}

/// Whether "Internet users" is selected.
fn selected(harness: &Harness<'_, SeamsApp>) -> bool {
    harness.state().view.is_selected(&module("users"))
}

#[test]
fn escape_closes_windows_one_at_a_time_before_clearing_the_selection() {
    let mut harness = example();
    harness
        .state_mut()
        .push(Action::Select(vec![module("users")]));
    harness.state_mut().push(Command::ShowShortcuts);
    harness.state_mut().push(Command::ShowRules);
    harness.run_steps(3);
    assert!(selected(&harness));
    assert!(harness.state().windows.shortcuts && harness.state().windows.rules);

    escape(&mut harness);
    assert!(
        !harness.state().windows.rules,
        "the rules window closes first"
    );
    assert!(harness.state().windows.shortcuts);
    assert!(
        selected(&harness),
        "the selection stays while a window closes"
    );

    escape(&mut harness);
    assert!(!harness.state().windows.shortcuts);
    assert!(selected(&harness));

    escape(&mut harness);
    assert!(
        !selected(&harness),
        "with nothing open, Escape clears the selection"
    );
}

#[test]
fn escape_closes_the_context_menu_and_keeps_the_selection() {
    let mut harness = example();
    harness
        .state_mut()
        .push(Action::Select(vec![module("users")]));
    harness.run_steps(3);
    let at = harness
        .get_by_label("Module: Internet users")
        .rect()
        .center();
    right_click(&mut harness, at);
    assert!(
        harness
            .query_by_role_and_label(Role::Button, "Copy Ctrl+C")
            .is_some(),
        "the context menu is open"
    );
    escape(&mut harness);
    assert!(
        harness
            .query_by_role_and_label(Role::Button, "Copy Ctrl+C")
            .is_none(),
        "Escape closes the context menu"
    );
    assert!(selected(&harness), "and does not clear the selection");
    escape(&mut harness);
    assert!(!selected(&harness));
}
