//! The inspector edits the shared properties of a multi-selection as one
//! undoable step; mixed values show as "—".

use crate::support::{editor, module, undo};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use seams::model::{Diagram, Module, ModuleKind, Point, Size, Trust};
use seams::ui::SeamsApp;
use seams::ui::actions::Action;

fn two_modules() -> Diagram {
    let mut d = Diagram::new();
    for (i, (id, trust)) in [("a", Trust::Trusted), ("b", Trust::Sensitive)]
        .into_iter()
        .enumerate()
    {
        let mut m = Module::new(id, id.to_uppercase(), ModuleKind::Component);
        m.trust = trust;
        m.pos = Some(Point::new(200.0 * i as f32, 0.0));
        m.size = Some(Size::new(140.0, 64.0));
        d.modules.push(m);
    }
    d
}

fn trusts(harness: &Harness<'_, SeamsApp>) -> Vec<Trust> {
    harness
        .state()
        .document
        .diagram
        .modules
        .iter()
        .map(|m| m.trust)
        .collect()
}

#[test]
fn trust_of_a_multi_selection_changes_in_one_undoable_step() {
    let mut harness = editor(two_modules());
    harness
        .state_mut()
        .push(Action::Select(vec![module("a"), module("b")]));
    harness.run_steps(3);
    harness.get_by_label("Shared by the 2 modules");
    let combo = harness.get_by_label("Trust of the selection");
    let shown = format!("{:?}", combo.accesskit_node());
    assert!(shown.contains('—'), "mixed trust shows as —: {shown}");

    harness.get_by_label("Trust of the selection").click();
    harness.run_steps(3);
    harness.get_by_label("Untrusted").click();
    harness.run_steps(3);
    assert_eq!(trusts(&harness), [Trust::Untrusted, Trust::Untrusted]);

    undo(&mut harness);
    assert_eq!(
        trusts(&harness),
        [Trust::Trusted, Trust::Sensitive],
        "one undo restores both"
    );
}
