//! The inspector edits the shared properties of a multi-selection as one
//! undoable step; mixed values show as "—".

use egui::{Key, Modifiers, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use seams::edit::ElementRef;
use seams::model::{Diagram, Module, ModuleId, ModuleKind, Point, Size, Trust};
use seams::ui::actions::Action;
use seams::ui::{Document, SeamsApp};

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
    let document = Document::new(two_modules(), "test.ron", None);
    let mut harness = Harness::builder()
        .with_size(Vec2::new(1280.0, 800.0))
        .with_step_dt(1.0 / 60.0)
        .build_eframe(move |_cc| SeamsApp::new(document, false));
    harness.run_steps(3);
    harness.state_mut().push(Action::Select(vec![
        ElementRef::Module(ModuleId::new("a")),
        ElementRef::Module(ModuleId::new("b")),
    ]));
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

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(3);
    assert_eq!(
        trusts(&harness),
        [Trust::Trusted, Trust::Sensitive],
        "one undo restores both"
    );
}
