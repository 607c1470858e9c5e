//! Automatic layout in `Mode::MissingOnly`: what keeps its geometry stays,
//! what lacks it is placed among it, inside its unit, which grows.

use crate::layout::{
    check_invariants, content_area, drawn_in, laid_out, samples, siblings, unit_rect,
};
use seams::layout::{self, Mode};
use seams::model::generate::Rng;
use seams::model::{Diagram, Module, ModuleKind, UnitId};

/// Removes the geometry of the elements `pick` chooses (by index: modules
/// first, then units).
pub(crate) fn strip(d: &mut Diagram, mut pick: impl FnMut(usize) -> bool) {
    let modules = d.modules.len();
    for (i, m) in d.modules.iter_mut().enumerate() {
        if pick(i) {
            m.pos = None;
            m.size = None;
        }
    }
    for (i, u) in d.units.iter_mut().enumerate() {
        if pick(modules + i) {
            u.rect = None;
        }
    }
}

/// Whether unit `id` and everything inside it lack geometry, so that
/// MissingOnly is free to put it anywhere.
fn wholly_new(d: &Diagram, id: &UnitId) -> bool {
    d.units
        .iter()
        .filter(|u| d.unit_is_within(u.id.as_str(), id.as_str()))
        .all(|u| u.rect.is_none())
        && d.modules.iter().all(|m| {
            m.pos.is_none()
                || !m
                    .unit
                    .as_ref()
                    .is_some_and(|u| d.unit_is_within(u.as_str(), id.as_str()))
        })
}

/// What MissingOnly promises: kept geometry is kept (units only grow), the
/// new elements are contained, clear of their siblings and (unplaced) of
/// every unit. (A unit that must grow, or that gets a rectangle around
/// contents that keep their places, may meet a neighbour that keeps its
/// place; that is the one overlap MissingOnly cannot always avoid.)
pub(crate) fn check_missing_only(before: &Diagram, after: &Diagram) -> Result<(), String> {
    for (b, a) in before.modules.iter().zip(&after.modules) {
        if b.pos.is_some() && a.pos != b.pos {
            return Err(format!("module {} moved", b.id.as_str()));
        }
        if b.size.is_some() && a.size != b.size {
            return Err(format!("module {} resized", b.id.as_str()));
        }
    }
    for (b, a) in before.units.iter().zip(&after.units) {
        if let (Some(old), Some(new)) = (b.rect, a.rect)
            && !new.contains_rect(&old)
        {
            return Err(format!("unit {} shrank or moved", b.id.as_str()));
        }
    }
    let is_new: Vec<String> = before
        .modules
        .iter()
        .filter(|m| m.pos.is_none())
        .map(|m| format!("module {}", m.id.as_str()))
        .chain(
            before
                .units
                .iter()
                .filter(|u| wholly_new(before, &u.id))
                .map(|u| format!("unit {}", u.id.as_str())),
        )
        .collect();
    for m in &after.modules {
        let rect = m.rect().ok_or("module without geometry")?;
        let was_placed = before
            .module(m.id.as_str())
            .is_some_and(|b| b.pos.is_some());
        let unit = if was_placed {
            m.unit.clone()
        } else {
            drawn_in(after, m)
        };
        if let Some(u) = &unit {
            let area = content_area(unit_rect(after, u));
            if !area.contains_rect(&rect) {
                return Err(format!("module {} is outside its unit", m.id.as_str()));
            }
        } else if m.pos != before.module(m.id.as_str()).and_then(|b| b.pos)
            && let Some(u) = after
                .units
                .iter()
                .find(|u| u.rect.is_some_and(|r| r.intersects(&rect)))
        {
            return Err(format!(
                "new unplaced module {} overlaps unit {}",
                m.id.as_str(),
                u.id.as_str()
            ));
        }
    }
    for u in &after.units {
        if let Some(parent) = &u.parent {
            let area = content_area(unit_rect(after, parent));
            if !area.contains_rect(&unit_rect(after, &u.id)) {
                return Err(format!("unit {} is outside its parent", u.id.as_str()));
            }
        }
    }
    let placed_before = |m: &Module| {
        before
            .module(m.id.as_str())
            .is_some_and(|b| b.pos.is_some())
    };
    for (container, items) in siblings(after, placed_before) {
        for (i, (a, ra)) in items.iter().enumerate() {
            for (b, rb) in &items[i + 1..] {
                let involves_new = is_new.contains(a) || is_new.contains(b);
                if involves_new && ra.intersects(rb) {
                    return Err(format!("new {a} overlaps {b} in {container:?}"));
                }
            }
        }
    }
    Ok(())
}

#[test]
fn missing_only_places_what_lacks_geometry_among_what_has_it() {
    for (name, diagram) in samples() {
        let full = laid_out(&diagram, Mode::All);
        for seed in 0..12u64 {
            let mut rng = Rng::new(seed);
            let mut partial = full.clone();
            strip(&mut partial, |_| rng.percent(30));
            let after = laid_out(&partial, Mode::MissingOnly);
            assert_eq!(
                check_missing_only(&partial, &after),
                Ok(()),
                "{name}, seed {seed}"
            );
            assert_eq!(after, laid_out(&partial, Mode::MissingOnly));
        }
    }
}

#[test]
fn a_new_module_goes_inside_its_unit_which_grows_to_hold_it() {
    let (_, diagram) = samples()
        .into_iter()
        .find(|(name, _)| name.ends_with("photo-sharing.ron"))
        .expect("photo-sharing example");
    let mut d = laid_out(&diagram, Mode::All);
    let api_before = unit_rect(&d, &UnitId::new("api"));
    for i in 0..3 {
        let mut module = Module::new(
            format!("worker-{i}"),
            format!("Thumbnail worker {i}"),
            ModuleKind::Component,
        );
        module.unit = Some(UnitId::new("api"));
        d.modules.push(module);
    }
    let mut external = Module::new("cdn", "Content delivery network", ModuleKind::External);
    external.unit = None;
    d.modules.push(external);
    let before = d.clone();
    layout::lay_out(&mut d, Mode::MissingOnly);
    assert_eq!(check_missing_only(&before, &d), Ok(()));
    let api_after = unit_rect(&d, &UnitId::new("api"));
    assert!(api_after.contains_rect(&api_before));
    assert_ne!(api_after, api_before, "three more modules need room");
    assert_eq!(check_invariants(&d), Ok(()));
}
