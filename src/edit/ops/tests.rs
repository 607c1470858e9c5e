//! Tests of the everyday edits.

use super::*;
use crate::model::{Acceptance, InterfaceKind, Point, Size};

fn diagram() -> Diagram {
    let mut d = Diagram::new();
    let mut u = Unit::new("u", "U", Isolation::Process);
    u.rect = Some(Rect::new(0.0, 0.0, 400.0, 300.0));
    let mut inner = Unit::new("inner", "Inner", Isolation::Sandbox);
    inner.parent = Some(UnitId::new("u"));
    inner.rect = Some(Rect::new(200.0, 40.0, 180.0, 200.0));
    d.units = vec![u, inner];
    let mut a = Module::new("a", "A", ModuleKind::Component);
    a.unit = Some(UnitId::new("u"));
    let mut db = Module::new("db", "DB", ModuleKind::Datastore);
    db.unit = Some(UnitId::new("inner"));
    d.modules = vec![a, db, Module::new("lib", "Lib", ModuleKind::Library)];
    d
}

#[test]
fn straighten_drops_waypoints_and_undoes() {
    let mut d = diagram();
    let (edit, id) = connect(&d, "a", "db", InterfaceKind::Write).expect("fits");
    edit.apply(&mut d).expect("valid");
    assert!(straighten(&d, id.as_str()).expect("known").is_noop());
    d.interfaces[0].points = vec![Point::new(8.0, 8.0), Point::new(16.0, 8.0)];
    let before = d.clone();
    let undo = straighten(&d, id.as_str())
        .expect("known")
        .apply(&mut d)
        .expect("valid");
    assert!(d.interfaces[0].points.is_empty());
    undo.apply(&mut d).expect("valid");
    assert_eq!(d, before);
    assert!(straighten(&d, "nope").is_err());
}

#[test]
fn connect_offers_and_accepts_only_fitting_kinds() {
    let d = diagram();
    assert_eq!(
        fitting_kinds(&d, "a", "db"),
        vec![
            InterfaceKind::Call,
            InterfaceKind::Rpc,
            InterfaceKind::Queue,
            InterfaceKind::Read,
            InterfaceKind::Write,
            InterfaceKind::Load
        ]
    );
    // Between two pieces of code, no datastore kind fits.
    let mut code = d.clone();
    code.modules
        .push(Module::new("b", "B", ModuleKind::Component));
    assert_eq!(
        fitting_kinds(&code, "a", "b"),
        vec![
            InterfaceKind::Call,
            InterfaceKind::Rpc,
            InterfaceKind::Queue
        ]
    );
    assert!(matches!(
        connect(&code, "a", "b", InterfaceKind::Load),
        Err(EditError::KindDoesNotFit(_))
    ));
    assert!(fitting_kinds(&d, "a", "a").is_empty());
    assert!(matches!(
        connect(&d, "a", "a", InterfaceKind::Rpc),
        Err(EditError::SelfConnection(_))
    ));
    assert!(matches!(
        connect(&d, "db", "a", InterfaceKind::Read),
        Err(EditError::KindDoesNotFit(_))
    ));
    let mut d2 = d.clone();
    let (edit, id) = connect(&d, "a", "db", InterfaceKind::Write).expect("fits");
    edit.apply(&mut d2).expect("valid");
    assert_eq!(id.as_str(), "a->db");
    let (_, second) = connect(&d2, "a", "db", InterfaceKind::Read).expect("fits");
    assert_eq!(second.as_str(), "a->db#2");
    // Reversing a write would start it at the datastore.
    assert!(reverse(&d2, "a->db").is_err());
}

#[test]
fn deleting_a_unit_can_keep_its_contents() {
    let d = diagram();
    let mut kept = d.clone();
    delete(
        &d,
        &[ElementRef::Unit(UnitId::new("inner"))],
        UnitContents::MoveToParent,
    )
    .apply(&mut kept)
    .expect("valid");
    assert_eq!(
        kept.module("db").and_then(|m| m.unit.clone()),
        Some(UnitId::new("u"))
    );
    let mut gone = d.clone();
    delete(
        &d,
        &[ElementRef::Unit(UnitId::new("u"))],
        UnitContents::Delete,
    )
    .apply(&mut gone)
    .expect("valid");
    assert!(gone.units.is_empty());
    assert_eq!(gone.modules.len(), 1);
}

#[test]
fn deleting_a_module_takes_its_interfaces_and_acceptances() {
    let mut d = diagram();
    let (edit, _) = connect(&d, "a", "db", InterfaceKind::Write).expect("fits");
    edit.apply(&mut d).expect("valid");
    d.accepted.push(Acceptance {
        finding: "disconnected-module@lib".into(),
        reason: "soon".into(),
    });
    d.accepted.push(Acceptance {
        finding: "empty-unit@u".into(),
        reason: "soon".into(),
    });
    let mut after = d.clone();
    delete(
        &d,
        &[
            ElementRef::Module(ModuleId::new("db")),
            ElementRef::Module(ModuleId::new("lib")),
        ],
        UnitContents::Delete,
    )
    .apply(&mut after)
    .expect("valid");
    assert!(after.interfaces.is_empty());
    assert_eq!(after.accepted.len(), 1);
}

#[test]
fn third_party_is_one_undoable_edit() {
    let d = diagram();
    let edit = update_module(&d, "lib", |m| m.third_party = true).expect("known");
    assert!(matches!(edit, Edit::ReplaceModule { .. }));
    let mut after = d.clone();
    let undo = edit.apply(&mut after).expect("valid");
    assert!(after.module("lib").is_some_and(|m| m.third_party));
    undo.apply(&mut after).expect("valid");
    assert_eq!(after, d);
    // Setting what is already set changes nothing.
    assert!(
        update_module(&d, "lib", |m| m.third_party = false)
            .expect("known")
            .is_noop()
    );
}

#[test]
fn a_load_fits_only_code_to_a_datastore_and_does_not_reverse() {
    let mut d = diagram();
    let (edit, id) = connect(&d, "a", "db", InterfaceKind::Load).expect("fits");
    edit.apply(&mut d).expect("valid");
    assert!(reverse(&d, id.as_str()).is_err());
    // The kind can change to another that fits, not to a Link.
    assert!(update_interface(&d, id.as_str(), |f| f.kind = InterfaceKind::Read).is_ok());
    assert!(update_interface(&d, id.as_str(), |f| f.kind = InterfaceKind::Link).is_err());
    // The datastore it loads from must stay a datastore.
    assert_eq!(
        fitting_module_kinds(&d, &crate::model::Forest::new(&d), "db"),
        vec![ModuleKind::Datastore]
    );
}

#[test]
fn kinds_that_would_break_interfaces_are_refused() {
    let mut d = diagram();
    let (edit, _) = connect(&d, "a", "lib", InterfaceKind::Link).expect("fits");
    edit.apply(&mut d).expect("valid");
    assert_eq!(
        fitting_module_kinds(&d, &crate::model::Forest::new(&d), "lib"),
        vec![ModuleKind::Library]
    );
    assert!(update_module(&d, "lib", |m| m.kind = ModuleKind::Component).is_err());
    // Turning a placed module External takes it out of its unit.
    let mut after = d.clone();
    update_module(&d, "a", |m| m.kind = ModuleKind::External)
        .expect("allowed")
        .apply(&mut after)
        .expect("valid");
    assert_eq!(after.module("a").and_then(|m| m.unit.clone()), None);
}

#[test]
fn new_elements_get_fresh_names_and_their_unit() {
    let d = diagram();
    let (edit, id) = add_module(
        &d,
        ModuleKind::Component,
        Rect::new(220.0, 80.0, 120.0, 56.0),
    );
    let mut after = d.clone();
    edit.apply(&mut after).expect("valid");
    let module = after.module(id.as_str()).expect("added");
    assert_eq!(
        (module.id.as_str(), module.name.as_str()),
        ("module-1", "Module 1")
    );
    assert_eq!(module.unit, Some(UnitId::new("inner")));
    let (edit, _) = add_module(
        &after,
        ModuleKind::External,
        Rect::new(220.0, 80.0, 120.0, 56.0),
    );
    let mut again = after.clone();
    edit.apply(&mut again).expect("valid");
    assert_eq!(again.modules.last().and_then(|m| m.unit.clone()), None);
}

/// `a` and `b` with `c` standing between them, no lines yet.
pub(crate) fn row_with_a_box_between() -> Diagram {
    let mut d = Diagram::new();
    for (id, x, y, h) in [
        ("a", 0.0, 0.0, 64.0),
        ("b", 640.0, 0.0, 64.0),
        ("c", 320.0, -40.0, 144.0),
    ] {
        let mut m = Module::new(id, id.to_uppercase(), ModuleKind::Component);
        m.pos = Some(Point::new(x, y));
        m.size = Some(Size::new(160.0, h));
        d.modules.push(m);
    }
    d
}

#[test]
fn a_new_line_is_routed_and_its_siblings_make_room_but_hand_bends_stay() {
    let mut d = row_with_a_box_between();
    let auto = |d: &Diagram, lines: &[usize]| {
        crate::edit::routing::auto_routed(d, &crate::model::Forest::new(d), lines)
    };
    let (edit, _) = connect(&d, "a", "b", InterfaceKind::Rpc).expect("fits");
    edit.apply(&mut d).expect("valid");
    assert!(!d.interfaces[0].points.is_empty(), "around c");
    assert_eq!(auto(&d, &[0]), vec![true]);

    // A second line between the same two boxes: both stay routed.
    let (edit, _) = connect(&d, "b", "a", InterfaceKind::Queue).expect("fits");
    edit.apply(&mut d).expect("valid");
    assert_eq!(auto(&d, &[0, 1]), vec![true, true]);

    // A third, while the first has a bend placed by hand: the bend stays.
    let bend = vec![Point::new(80.0, 400.0)];
    d.interfaces[0].points.clone_from(&bend);
    let (edit, _) = connect(&d, "a", "b", InterfaceKind::Call).expect("fits");
    edit.apply(&mut d).expect("valid");
    assert_eq!(d.interfaces[0].points, bend);
    assert_eq!(auto(&d, &[1, 2]), vec![true, true]);
}
