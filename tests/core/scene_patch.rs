//! A patched scene equals a scene built afresh, after the edits the
//! editor patches for: nudges of a module and of a unit with what it
//! holds, a far move whose lines are routed again, a resize, waypoints.

use seams::edit::ElementRef;
use seams::edit::geometry::{Drop, move_elements, resize};
use seams::model::Touched;
use seams::model::{Diagram, Forest, Rect};
use seams::scene::{SceneOptions, View, build, patch};

/// What changed between two diagrams that differ only in geometry, by
/// position.
fn touched(before: &Diagram, after: &Diagram) -> Touched {
    fn changed<T: PartialEq>(a: &[T], b: &[T]) -> Vec<usize> {
        (0..a.len()).filter(|&i| a[i] != b[i]).collect()
    }
    Touched {
        modules: changed(&before.modules, &after.modules),
        units: changed(&before.units, &after.units),
        interfaces: changed(&before.interfaces, &after.interfaces),
    }
}

fn diagram() -> Diagram {
    let mut d = seams::model::generate::synthetic(300, 11);
    // Labels, so that moves push them around.
    for (i, f) in d.interfaces.iter_mut().enumerate() {
        if i % 2 == 0 {
            f.label = format!("flow {i}");
        }
    }
    seams::layout::lay_out(&mut d, seams::layout::Mode::All);
    d
}

/// Applies each edit in turn, patching one scene along, and compares it
/// with a fresh build after each.
fn patched_equals_built(options: &SceneOptions, edits: &[&dyn Fn(&Diagram) -> seams::edit::Edit]) {
    let mut d = diagram();
    let report = seams::rules::check(&d);
    let forest = Forest::new(&d);
    let mut scene = build(&d, &report, options);
    for (step, make) in edits.iter().enumerate() {
        let before = d.clone();
        make(&d).apply(&mut d).expect("a valid edit");
        let touched = touched(&before, &d);
        assert!(!touched.is_empty(), "step {step} changes something");
        let changed = patch(&mut scene, &d, &forest, options, &touched);
        assert!(changed.is_some(), "step {step} is patched");
        let fresh = build(&d, &report, options);
        assert_eq!(
            scene.primitives.len(),
            fresh.primitives.len(),
            "step {step}"
        );
        assert!(
            scene == fresh,
            "step {step}: the patched scene differs from a build"
        );
    }
}

fn module(d: &Diagram, i: usize) -> ElementRef {
    ElementRef::Module(d.modules[i].id.clone())
}

/// A unit with modules inside it.
fn busy_unit(d: &Diagram) -> ElementRef {
    let unit = d
        .units
        .iter()
        .find(|u| {
            d.modules
                .iter()
                .filter(|m| m.unit.as_ref() == Some(&u.id))
                .count()
                >= 3
        })
        .expect("a unit with modules");
    ElementRef::Unit(unit.id.clone())
}

#[test]
fn patches_equal_builds_after_geometry_edits() {
    let nudge = |d: &Diagram| {
        move_elements(
            d,
            &Forest::new(d),
            &[module(d, 5)],
            8.0,
            0.0,
            Drop::KeepUnits,
        )
    };
    let far = |d: &Diagram| {
        move_elements(
            d,
            &Forest::new(d),
            &[module(d, 40)],
            900.0,
            -400.0,
            Drop::KeepUnits,
        )
    };
    let unit = |d: &Diagram| {
        move_elements(
            d,
            &Forest::new(d),
            &[busy_unit(d)],
            0.0,
            16.0,
            Drop::KeepUnits,
        )
    };
    let grow = |d: &Diagram| {
        let m = &d.modules[17];
        let pos = m.pos.expect("laid out");
        resize(
            d,
            &Forest::new(d),
            &module(d, 17),
            Rect::new(pos.x, pos.y, 90.0, 140.0),
        )
    };
    let unit_grow = |d: &Diagram| {
        let ElementRef::Unit(id) = busy_unit(d) else {
            unreachable!()
        };
        let rect = d.unit(id.as_str()).and_then(|u| u.rect).expect("laid out");
        resize(
            d,
            &Forest::new(d),
            &busy_unit(d),
            Rect::new(rect.x, rect.y, rect.w + 120.0, rect.h + 60.0),
        )
    };
    let edits: [&dyn Fn(&Diagram) -> seams::edit::Edit; 5] = [
        &|d| nudge(d).expect("moves"),
        &|d| far(d).expect("moves"),
        &|d| unit(d).expect("moves"),
        &|d| grow(d).expect("resizes"),
        &|d| unit_grow(d).expect("resizes"),
    ];
    for view in View::ALL {
        patched_equals_built(&SceneOptions::new(view, false), &edits);
    }
    let mut dimmed = SceneOptions::new(View::Trust, true);
    let d = diagram();
    dimmed.highlight = Some(
        d.modules
            .iter()
            .step_by(3)
            .map(|m| m.id.to_string())
            .collect(),
    );
    dimmed.selection = [d.modules[5].id.to_string()].into_iter().collect();
    patched_equals_built(&dimmed, &edits);
}

#[test]
fn waypoints_moved_by_hand_are_patched() {
    let bend = |d: &Diagram| {
        let (i, f) = d
            .interfaces
            .iter()
            .enumerate()
            .find(|(_, f)| !f.label.is_empty())
            .expect("a labelled interface");
        let mut f = f.clone();
        let from = d
            .module(f.from.as_str())
            .and_then(seams::model::Module::rect)
            .expect("placed");
        let to = d
            .module(f.to.as_str())
            .and_then(seams::model::Module::rect)
            .expect("placed");
        f.points = vec![seams::model::Point::new(
            from.center().x,
            to.center().y - 200.0,
        )];
        seams::edit::Edit::ReplaceInterface {
            index: i,
            interface: Box::new(f),
        }
    };
    patched_equals_built(&SceneOptions::new(View::Trust, false), &[&bend]);
}

#[test]
fn what_a_patch_cannot_do_is_left_to_a_build() {
    let d = diagram();
    let report = seams::rules::check(&d);
    let forest = Forest::new(&d);
    let mut options = SceneOptions::new(View::Trust, false);
    let mut scene = build(&d, &report, &options);
    // A module losing its position would disappear.
    let mut gone = d.clone();
    gone.modules[3].pos = None;
    let touched = Touched {
        modules: vec![3],
        ..Touched::default()
    };
    let before = scene.clone();
    assert_eq!(patch(&mut scene, &gone, &forest, &options, &touched), None);
    assert!(scene == before, "left as it was");
    options.hidden = [d.modules[0].id.to_string()].into_iter().collect();
    assert_eq!(patch(&mut scene, &d, &forest, &options, &touched), None);
}
