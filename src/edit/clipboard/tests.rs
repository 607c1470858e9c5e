//! Copy and paste: what a clip holds, where pasted elements land, ids,
//! units and lines.

use super::*;
use crate::model::{Interface, InterfaceKind, Isolation, Module, Rect, Team, Unit};

fn diagram() -> Diagram {
    let mut d = Diagram::new();
    d.teams.push(Team {
        id: TeamId::new("web"),
        name: "Web".into(),
        color: None,
    });
    let mut u = Unit::new("u", "U", Isolation::Process);
    u.rect = Some(Rect::new(0.0, 0.0, 400.0, 300.0));
    d.units.push(u);
    for (id, x) in [("a", 20.0), ("b", 200.0)] {
        let mut m = Module::new(id, id.to_uppercase(), ModuleKind::Component);
        m.unit = Some(UnitId::new("u"));
        m.team = Some(TeamId::new("web"));
        m.pos = Some(Point::new(x, 60.0));
        m.size = Some(Size::new(120.0, 56.0));
        d.modules.push(m);
    }
    d.interfaces.push(Interface::new(
        "a->b",
        ModuleId::new("a"),
        ModuleId::new("b"),
        InterfaceKind::Rpc,
    ));
    d
}

#[test]
fn copy_then_paste_duplicates_with_fresh_ids() {
    let d = diagram();
    let clip = copy(&d, &[ElementRef::Unit(UnitId::new("u"))]).expect("something copied");
    let (edit, pasted) = paste(&d, &clip, PasteAt::Offset(0.0, 400.0), 8.0).expect("pastes");
    let mut after = d.clone();
    edit.apply(&mut after).expect("valid");
    assert_eq!(pasted.len(), 4);
    assert_eq!(after.units.len(), 2);
    assert_eq!(after.modules.len(), 4);
    assert_eq!(after.interfaces.len(), 2);
    assert_eq!(after.teams.len(), 1, "the team is matched by id");
    let copy_of_a = after.modules[2].clone();
    assert_ne!(copy_of_a.id.as_str(), "a");
    assert_eq!(copy_of_a.unit.as_ref(), Some(&after.units[1].id));
}

#[test]
fn pasted_boxes_land_clear_of_the_originals_and_of_earlier_copies() {
    let mut d = diagram();
    let a = [ElementRef::Module(ModuleId::new("a"))];
    let clip = copy(&d, &a).expect("copied");
    let original = d.modules[0].rect().expect("placed");
    let mut rects = vec![original];
    for _ in 0..2 {
        let (edit, pasted) = paste(&d, &clip, PasteAt::Offset(24.0, 24.0), 8.0).expect("pastes");
        edit.apply(&mut d).expect("valid");
        let [ElementRef::Module(id)] = pasted.as_slice() else {
            panic!("one module pasted: {pasted:?}");
        };
        let copy = d
            .module(id.as_str())
            .and_then(Module::rect)
            .expect("placed");
        assert!(
            rects.iter().all(|r| !r.intersects(&copy)),
            "{copy:?} overlaps one of {rects:?}"
        );
        assert!(copy.x > original.x && copy.y > original.y);
        assert_eq!((copy.x - original.x) % 8.0, 0.0, "whole grid steps");
        rects.push(copy);
    }
}

#[test]
fn third_party_and_load_survive_copy_and_paste() {
    let mut d = diagram();
    d.modules[0].third_party = true;
    let mut store = Module::new("store", "Plugins", ModuleKind::Datastore);
    store.unit = Some(UnitId::new("u"));
    store.pos = Some(Point::new(20.0, 200.0));
    store.size = Some(Size::new(120.0, 56.0));
    d.modules.push(store);
    d.interfaces.push(Interface::new(
        "a->store",
        ModuleId::new("a"),
        ModuleId::new("store"),
        InterfaceKind::Load,
    ));
    let clip = copy(
        &d,
        &[
            ElementRef::Module(ModuleId::new("a")),
            ElementRef::Module(ModuleId::new("store")),
        ],
    )
    .expect("copied");
    let (edit, pasted) = paste(&d, &clip, PasteAt::Offset(0.0, 400.0), 8.0).expect("pastes");
    let mut after = d.clone();
    edit.apply(&mut after).expect("valid");
    assert_eq!(pasted.len(), 3);
    let copy_of_a = &after.modules[3];
    assert_ne!(copy_of_a.id.as_str(), "a");
    assert!(copy_of_a.third_party, "the copy is third-party code too");
    assert!(!after.modules[4].third_party);
    let load = after.interfaces.last().expect("pasted");
    assert_eq!(load.kind, InterfaceKind::Load);
    assert_eq!(load.from, copy_of_a.id);
}

#[test]
fn pasting_one_module_places_it_in_the_unit_under_it() {
    let d = diagram();
    let clip = copy(&d, &[ElementRef::Module(ModuleId::new("a"))]).expect("copied");
    let (edit, _) = paste(&d, &clip, PasteAt::Offset(0.0, 100.0), 8.0).expect("pastes");
    let mut after = d.clone();
    edit.apply(&mut after).expect("valid");
    assert_eq!(after.modules[2].unit, Some(UnitId::new("u")));
    assert_eq!(
        after.interfaces.len(),
        1,
        "no interface to an uncopied module"
    );
}

#[test]
fn a_clip_without_modules_or_units_is_refused() {
    let d = diagram();
    let mut teams_only = Diagram::new();
    teams_only.teams = d.teams.clone();
    for clip in [Diagram::new(), teams_only] {
        assert!(matches!(
            paste(&d, &clip, PasteAt::Offset(0.0, 0.0), 8.0),
            Err(EditError::Clipboard(_))
        ));
    }
    assert!(copy(&d, &[]).is_none(), "nothing selected, nothing copied");
}

/// Three boxes in a row, `a` and `b` with `c` in the way: `a->b` as
/// the router draws it (around `c`), `a->c` with a bend placed by hand.
fn routed_row() -> Diagram {
    let mut d = crate::edit::ops::tests::row_with_a_box_between();
    for (from, to) in [("a", "b"), ("a", "c")] {
        d.interfaces.push(Interface::new(
            format!("{from}->{to}"),
            ModuleId::new(from),
            ModuleId::new(to),
            InterfaceKind::Rpc,
        ));
    }
    let forest = Forest::new(&d);
    let (_, around) = routing::routed(&d, &forest, &[0]).remove(0);
    assert!(!around.is_empty(), "a->b bends around c");
    d.interfaces[0].points = around;
    d.interfaces[1].points = vec![Point::new(80.0, 240.0), Point::new(400.0, 240.0)];
    d
}

#[test]
fn routed_lines_are_routed_again_where_they_land_and_hand_bends_move_along() {
    let d = routed_row();
    let everything: Vec<ElementRef> = (d.modules.iter())
        .map(|m| ElementRef::Module(m.id.clone()))
        .collect();
    let clip = copy(&d, &everything).expect("copied");
    assert!(
        clip.interfaces[0].points.is_empty(),
        "the router's points stay behind"
    );
    assert_eq!(clip.interfaces[1].points, d.interfaces[1].points);

    let (edit, _) = paste(&d, &clip, PasteAt::Offset(0.0, 800.0), 8.0).expect("pasted");
    let mut after = d.clone();
    edit.apply(&mut after).expect("valid");
    let (routed, bent) = (2, 3);
    let forest = Forest::new(&after);
    assert_eq!(
        routing::auto_routed(&after, &forest, &[routed, bent]),
        vec![true, false]
    );
    assert!(
        !after.interfaces[routed].points.is_empty(),
        "still around c"
    );
    let dy = after.modules[3].pos.expect("placed").y - d.modules[0].pos.expect("placed").y;
    let moved: Vec<Point> = (d.interfaces[1].points.iter())
        .map(|p| Point::new(p.x, p.y + dy))
        .collect();
    assert_eq!(after.interfaces[bent].points, moved);
}
