//! A unit drawn around boxes that are not in it says so and places them
//! inside in one click (one undoable step); a placed library that is
//! linked says it still runs in its linkers' processes.

use crate::support::{editor, module, undo};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use seams::edit::ElementRef;
use seams::model::{
    Diagram, Interface, InterfaceKind, Isolation, Module, ModuleId, ModuleKind, Point, Rect, Size,
    Unit, UnitId,
};
use seams::ui::SeamsApp;
use seams::ui::actions::Action;

/// A sandbox drawn around a library that is not in it; an app in its own
/// process links the library.
fn sandbox_around_a_library() -> Diagram {
    let mut d = Diagram::new();
    let mut sandbox = Unit::new("sandbox", "Sandbox", Isolation::Sandbox);
    sandbox.rect = Some(Rect::new(0.0, 0.0, 400.0, 300.0));
    let mut process = Unit::new("proc", "Proc", Isolation::Process);
    process.rect = Some(Rect::new(500.0, 0.0, 300.0, 300.0));
    d.units = vec![sandbox, process];
    let mut library = Module::new("parser", "Parser", ModuleKind::Library);
    library.pos = Some(Point::new(100.0, 100.0));
    library.size = Some(Size::new(140.0, 64.0));
    let mut app = Module::new("app", "App", ModuleKind::Component);
    app.unit = Some(UnitId::new("proc"));
    app.pos = Some(Point::new(560.0, 100.0));
    app.size = Some(Size::new(140.0, 64.0));
    d.modules = vec![library, app];
    d.interfaces.push(Interface::new(
        "link",
        ModuleId::new("app"),
        ModuleId::new("parser"),
        InterfaceKind::Link,
    ));
    d
}

fn unit_of_parser(harness: &Harness<'_, SeamsApp>) -> Option<UnitId> {
    harness
        .state()
        .document
        .diagram
        .module("parser")
        .and_then(|m| m.unit.clone())
}

#[test]
fn place_inside_takes_in_what_the_unit_is_drawn_around_and_undoes_in_one_step() {
    let mut harness = editor(sandbox_around_a_library());
    let hint = "1 box is drawn inside “Sandbox” but not placed in it";
    assert!(harness.query_by_label(hint).is_none());
    harness
        .state_mut()
        .push(Action::Select(vec![ElementRef::Unit(UnitId::new(
            "sandbox",
        ))]));
    harness.run_steps(3);
    harness.get_by_label(hint);

    harness.get_by_label("Place inside").click();
    harness.run_steps(3);
    assert_eq!(unit_of_parser(&harness), Some(UnitId::new("sandbox")));
    assert!(
        harness.query_by_label(hint).is_none(),
        "the hint goes once they are in"
    );

    undo(&mut harness);
    assert_eq!(unit_of_parser(&harness), None, "one undo takes it back out");
}

#[test]
fn a_placed_linked_library_says_it_runs_in_its_linkers_processes() {
    let mut diagram = sandbox_around_a_library();
    let parser = diagram
        .modules
        .iter_mut()
        .find(|m| m.id.as_str() == "parser")
        .expect("the parser");
    parser.unit = Some(UnitId::new("sandbox"));
    let mut harness = editor(diagram);
    harness
        .state_mut()
        .push(Action::Select(vec![module("parser")]));
    harness.run_steps(3);
    harness.get_by_label_contains("Linked into App");
    harness.get_by_label_contains("placing it in “Sandbox” does not isolate it");
    harness.get_by_label_contains("call it over an interface");
}
