//! Automatic layout: the invariants on the conformance cases, the examples
//! and random diagrams, the two modes, and `seams layout`.

use crate::layout_missing::{check_missing_only, strip};
use crate::support::ron_files;
use proptest::prelude::*;
use seams::file;
use seams::layout::{self, Geometry, Mode};
use seams::model::generate::{Rng, synthetic};
use seams::model::{
    Diagram, Interface, InterfaceKind, Isolation, Module, ModuleId, ModuleKind, Rect, Unit, UnitId,
};
use seams::text;
use seams::theme::{GRID, MODULE_FONT_SIZE, MODULE_PADDING_X, UNIT_PADDING, UNIT_TITLE_HEIGHT};
use std::collections::HashMap;
use std::path::PathBuf;

/// Every `.ron` diagram in `tests/conformance` and `assets/examples`.
fn sample_files() -> Vec<PathBuf> {
    let mut files = ron_files("tests/conformance");
    files.extend(ron_files("assets/examples"));
    files.sort();
    assert!(files.len() >= 9, "samples missing: {files:?}");
    files
}

pub(crate) fn samples() -> Vec<(String, Diagram)> {
    sample_files()
        .into_iter()
        .map(|path| {
            let diagram = file::load_path(&path).expect("samples load");
            (path.display().to_string(), diagram)
        })
        .collect()
}

pub(crate) fn unit_rect(d: &Diagram, id: &UnitId) -> Rect {
    d.unit(id.as_str())
        .and_then(|u| u.rect)
        .expect("every unit has a rect")
}

/// The area a unit's contents must stay in.
pub(crate) fn content_area(rect: Rect) -> Rect {
    Rect::new(
        rect.x + UNIT_PADDING,
        rect.y + UNIT_TITLE_HEIGHT + UNIT_PADDING,
        rect.w - 2.0 * UNIT_PADDING,
        rect.h - UNIT_TITLE_HEIGHT - 2.0 * UNIT_PADDING,
    )
}

/// The unit whose box holds `m`: its own, or for an unplaced library whose
/// linkers all lie in one unit, that unit (the layout draws it there,
/// beside them, without placing it).
pub(crate) fn drawn_in(d: &Diagram, m: &Module) -> Option<UnitId> {
    if m.unit.is_some() || m.kind != ModuleKind::Library {
        return m.unit.clone();
    }
    let mut linker_units = d
        .interfaces
        .iter()
        .filter(|f| f.kind == InterfaceKind::Link && f.to == m.id && f.from != m.id)
        .map(|f| {
            d.module(f.from.as_str())
                .filter(|linker| linker.kind != ModuleKind::External)
                .and_then(|linker| linker.unit.clone())
        });
    let first = linker_units.next()??;
    linker_units
        .all(|u| u.as_ref() == Some(&first))
        .then_some(first)
}

/// The children of every container (None = the root), as rectangles
/// labelled for messages.
/// `placed_before` says whether a module had a position before the layout
/// (then it stays where its `unit` puts it).
pub(crate) fn siblings(
    d: &Diagram,
    placed_before: impl Fn(&Module) -> bool,
) -> HashMap<Option<String>, Vec<(String, Rect)>> {
    let mut out: HashMap<Option<String>, Vec<(String, Rect)>> = HashMap::new();
    for m in &d.modules {
        let rect = m.rect().expect("every module has geometry");
        let unit = if placed_before(m) {
            m.unit.clone()
        } else {
            drawn_in(d, m)
        };
        let container = unit.map(|u| u.as_str().to_owned());
        out.entry(container)
            .or_default()
            .push((format!("module {}", m.id.as_str()), rect));
    }
    for u in &d.units {
        let container = u.parent.as_ref().map(|p| p.as_str().to_owned());
        out.entry(container)
            .or_default()
            .push((format!("unit {}", u.id.as_str()), unit_rect(d, &u.id)));
    }
    out
}

/// The first pair of overlapping rectangles, by a sweep over x.
fn first_overlap(items: &[(String, Rect)]) -> Option<(String, String)> {
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by(|&a, &b| items[a].1.x.total_cmp(&items[b].1.x));
    for (i, &a) in order.iter().enumerate() {
        for &b in &order[i + 1..] {
            if items[b].1.x >= items[a].1.right() {
                break;
            }
            if items[a].1.intersects(&items[b].1) {
                return Some((items[a].0.clone(), items[b].0.clone()));
            }
        }
    }
    None
}

/// Everything has geometry; modules lie inside their unit's content area,
/// child units inside their parent's, an unplaced library linked from one
/// unit only inside that unit's; siblings never overlap; other unplaced
/// modules lie outside every unit.
pub(crate) fn check_invariants(d: &Diagram) -> Result<(), String> {
    for m in &d.modules {
        let rect = m
            .rect()
            .ok_or_else(|| format!("module {} has no geometry", m.id.as_str()))?;
        if !(rect.w > 0.0 && rect.h > 0.0) {
            return Err(format!("module {} is empty: {rect:?}", m.id.as_str()));
        }
        match &drawn_in(d, m) {
            Some(u) => {
                let area = content_area(unit_rect(d, u));
                if !area.contains_rect(&rect) {
                    return Err(format!(
                        "module {} at {rect:?} is not inside unit {}'s content {area:?}",
                        m.id.as_str(),
                        u.as_str()
                    ));
                }
            }
            None => {
                for u in &d.units {
                    let unit = unit_rect(d, &u.id);
                    if unit.intersects(&rect) {
                        return Err(format!(
                            "unplaced module {} at {rect:?} overlaps unit {} at {unit:?}",
                            m.id.as_str(),
                            u.id.as_str()
                        ));
                    }
                }
            }
        }
    }
    for u in &d.units {
        let rect = unit_rect(d, &u.id);
        if let Some(parent) = &u.parent {
            let area = content_area(unit_rect(d, parent));
            if !area.contains_rect(&rect) {
                return Err(format!(
                    "unit {} at {rect:?} is not inside unit {}'s content {area:?}",
                    u.id.as_str(),
                    parent.as_str()
                ));
            }
        }
    }
    for (container, items) in siblings(d, |_| false) {
        if let Some((a, b)) = first_overlap(&items) {
            return Err(format!("{a} overlaps {b} (in {container:?})"));
        }
    }
    Ok(())
}

/// Every coordinate and size is on the grid, and every name fits its box.
fn check_tidy(d: &Diagram) -> Result<(), String> {
    let on_grid = |v: f32| (v / GRID).fract() == 0.0;
    for m in &d.modules {
        let r = m.rect().ok_or("no geometry")?;
        if ![r.x, r.y, r.w, r.h].into_iter().all(on_grid) {
            return Err(format!("module {} is off the grid: {r:?}", m.id.as_str()));
        }
        let name = text::width(&m.name, MODULE_FONT_SIZE) + 2.0 * MODULE_PADDING_X;
        if r.w < name {
            return Err(format!("module {}'s name does not fit", m.id.as_str()));
        }
    }
    for u in &d.units {
        let r = u.rect.ok_or("no rect")?;
        if ![r.x, r.y, r.w, r.h].into_iter().all(on_grid) {
            return Err(format!("unit {} is off the grid: {r:?}", u.id.as_str()));
        }
        if r.w < layout::unit_min_width(u) {
            return Err(format!("unit {}'s title does not fit", u.id.as_str()));
        }
    }
    Ok(())
}

pub(crate) fn laid_out(d: &Diagram, mode: Mode) -> Diagram {
    let mut copy = d.clone();
    layout::lay_out(&mut copy, mode);
    copy
}

#[test]
fn samples_lay_out_tidily() {
    for (name, diagram) in samples() {
        let all = laid_out(&diagram, Mode::All);
        assert_eq!(check_invariants(&all), Ok(()), "{name}");
        assert_eq!(check_tidy(&all), Ok(()), "{name}");
        let on_grid = |v: f32| (v / GRID).fract() == 0.0;
        for f in &all.interfaces {
            assert!(
                f.points.iter().all(|p| on_grid(p.x) && on_grid(p.y)),
                "{name}: {} has waypoints off the grid",
                f.id.as_str()
            );
        }
        assert_eq!(all, laid_out(&diagram, Mode::All), "{name}: deterministic");
    }
}

#[test]
fn samples_without_geometry_lay_out_the_same_in_both_modes() {
    for (name, mut diagram) in samples() {
        strip(&mut diagram, |_| true);
        for interface in &mut diagram.interfaces {
            interface.points.clear();
        }
        let missing = laid_out(&diagram, Mode::MissingOnly);
        assert_eq!(check_invariants(&missing), Ok(()), "{name}");
        assert_eq!(missing, laid_out(&diagram, Mode::All), "{name}");
    }
}

#[test]
fn missing_only_keeps_complete_geometry_untouched() {
    for (name, diagram) in samples() {
        let all = laid_out(&diagram, Mode::All);
        assert_eq!(laid_out(&all, Mode::MissingOnly), all, "{name}");
        // Hand-made geometry (the conformance cases have some) is kept as is.
        if !layout::needs_layout(&diagram) {
            assert_eq!(laid_out(&diagram, Mode::MissingOnly), diagram, "{name}");
        }
    }
}

#[test]
fn waypoints_survive_missing_only() {
    let (_, mut diagram) = samples()
        .into_iter()
        .find(|(name, _)| name.ends_with("boundary-lca.ron"))
        .expect("boundary-lca sample");
    let moved = diagram.modules[0].id.clone();
    diagram.modules[0].pos = None;
    let missing = laid_out(&diagram, Mode::MissingOnly);
    assert!(missing.interfaces.iter().any(|f| !f.points.is_empty()));
    for (before, after) in diagram.interfaces.iter().zip(&missing.interfaces) {
        // Drawn waypoints stay, and so does a line between two boxes that
        // kept their places; only lines to the box placed now are routed.
        if !before.points.is_empty() || (before.from != moved && before.to != moved) {
            assert_eq!(after.points, before.points, "{}", before.id.as_str());
        }
    }
}

/// The units `module` lies in, innermost first.
fn ancestors<'a>(d: &'a Diagram, module: &'a Module) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut at = module.unit.as_ref().map(UnitId::as_str);
    while let Some(u) = at.filter(|u| !out.contains(u) && module.kind != ModuleKind::External) {
        out.push(u);
        at = d
            .unit(u)
            .and_then(|u| u.parent.as_ref())
            .map(UnitId::as_str);
    }
    out
}

/// How many boxes each interface's line crosses: module boxes other than
/// its ends, and units that hold neither end (sampled finely along it).
fn crossings(d: &Diagram) -> Vec<usize> {
    d.interfaces
        .iter()
        .map(|f| {
            let (Some(a), Some(b)) = (d.module(f.from.as_str()), d.module(f.to.as_str())) else {
                return 0;
            };
            let (ra, rb) = (a.rect().expect("laid out"), b.rect().expect("laid out"));
            let mut path = vec![ra.center()];
            path.extend(&f.points);
            path.push(rb.center());
            let mut allowed: Vec<&str> = ancestors(d, a);
            allowed.extend(ancestors(d, b));
            let boxes = d
                .modules
                .iter()
                .filter(|m| m.id != a.id && m.id != b.id)
                .filter_map(Module::rect)
                .chain(
                    d.units
                        .iter()
                        .filter(|u| !allowed.contains(&u.id.as_str()))
                        .filter_map(|u| u.rect),
                );
            boxes
                .filter(|r| {
                    let inside = Rect::new(r.x + 1.0, r.y + 1.0, r.w - 2.0, r.h - 2.0);
                    path.windows(2).any(|w| {
                        (0..=400).any(|i| {
                            let t = i as f32 / 400.0;
                            inside.contains(seams::model::Point::new(
                                w[0].x + (w[1].x - w[0].x) * t,
                                w[0].y + (w[1].y - w[0].y) * t,
                            ))
                        })
                    })
                })
                .count()
        })
        .collect()
}

#[test]
fn lines_go_around_boxes_in_their_way() {
    let mut straight_total = 0;
    let mut routed_total = 0;
    for (name, diagram) in samples() {
        let routed = laid_out(&diagram, Mode::All);
        let mut straight = routed.clone();
        for f in &mut straight.interfaces {
            f.points.clear();
        }
        let (before, after) = (crossings(&straight), crossings(&routed));
        for (i, (b, a)) in before.iter().zip(&after).enumerate() {
            assert!(
                a <= b,
                "{name}: {} crosses {a} boxes routed, {b} straight",
                routed.interfaces[i].id.as_str()
            );
        }
        straight_total += before.iter().sum::<usize>();
        routed_total += after.iter().sum::<usize>();
    }
    assert!(straight_total > 0, "the samples have lines to route");
    assert!(
        routed_total * 4 <= straight_total,
        "routing leaves {routed_total} of {straight_total} crossings"
    );
}

#[test]
fn the_flow_runs_left_to_right() {
    let (_, diagram) = samples()
        .into_iter()
        .find(|(name, _)| name.ends_with("photo-sharing.ron"))
        .expect("photo-sharing example");
    let d = laid_out(&diagram, Mode::All);
    let rect = |id: &str| d.module(id).and_then(seams::model::Module::rect).expect(id);
    // Users call the handlers, which call the decoder, the mailer, the DB.
    assert!(rect("users").right() < rect("http").x);
    for callee in ["png", "mailer", "photos"] {
        assert!(rect("http").right() < rect(callee).x, "{callee}");
    }
    // The external actor stands at the left edge of everything.
    let leftmost = d
        .modules
        .iter()
        .filter_map(seams::model::Module::rect)
        .map(|r| r.x)
        .chain(d.units.iter().filter_map(|u| u.rect).map(|r| r.x))
        .fold(f32::INFINITY, f32::min);
    assert!((rect("users").x - leftmost).abs() < 0.5);
}

#[test]
fn geometry_before_and_after_makes_tidy_up_undoable() {
    for (name, diagram) in samples() {
        let before = Geometry::of(&diagram);
        let after = layout::compute(&diagram, Mode::All);
        let mut edited = diagram.clone();
        after.apply(&mut edited);
        assert_eq!(edited, laid_out(&diagram, Mode::All), "{name}");
        assert_eq!(Geometry::of(&edited), after, "{name}");
        before.apply(&mut edited);
        assert_eq!(edited, diagram, "{name}: undo restores the original");
    }
}

/// A random diagram with random nesting: units whose parent is any earlier
/// unit (or none), modules in any unit or none, names of any length.
fn random_nested(seed: u64, units: usize, modules: usize, interfaces: usize) -> Diagram {
    let mut rng = Rng::new(seed);
    let mut d = Diagram::new();
    for u in 0..units {
        let mut unit = Unit::new(
            format!("u{u}"),
            random_name(&mut rng, u),
            Isolation::ALL[rng.below(Isolation::ALL.len())],
        );
        if u > 0 && rng.percent(70) {
            unit.parent = Some(UnitId::new(format!("u{}", rng.below(u))));
        }
        d.units.push(unit);
    }
    let kinds = [
        ModuleKind::Component,
        ModuleKind::Component,
        ModuleKind::Library,
        ModuleKind::Datastore,
        ModuleKind::External,
    ];
    for m in 0..modules {
        let kind = kinds[rng.below(kinds.len())];
        let mut module = Module::new(format!("m{m}"), random_name(&mut rng, m), kind);
        if kind != ModuleKind::External && units > 0 && rng.percent(75) {
            module.unit = Some(UnitId::new(format!("u{}", rng.below(units))));
        }
        d.modules.push(module);
    }
    for i in 0..interfaces {
        if modules < 2 {
            break;
        }
        let from = rng.below(modules);
        let to = (from + 1 + rng.below(modules - 1)) % modules;
        let mut interface = Interface::new(
            format!("i{i}"),
            ModuleId::new(format!("m{from}")),
            ModuleId::new(format!("m{to}")),
            InterfaceKind::Rpc,
        );
        if rng.percent(30) {
            interface.label = random_name(&mut rng, i);
        }
        d.interfaces.push(interface);
    }
    d
}

fn random_name(rng: &mut Rng, i: usize) -> String {
    const WORDS: &[&str] = &[
        "API",
        "gateway",
        "billing",
        "Ünïcödé",
        "漢字",
        "worker",
        "x",
        "WWW",
        "cache",
        "—",
    ];
    let words = 1 + rng.below(6);
    let mut name = format!("{i}");
    for _ in 0..words {
        name.push(' ');
        name.push_str(WORDS[rng.below(WORDS.len())]);
    }
    name
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn synthetic_diagrams_lay_out_tidily(n in 2usize..400, seed in any::<u64>()) {
        let d = synthetic(n, seed);
        let all = laid_out(&d, Mode::All);
        prop_assert_eq!(check_invariants(&all), Ok(()));
        prop_assert_eq!(check_tidy(&all), Ok(()));
        prop_assert_eq!(&all, &laid_out(&d, Mode::All));
    }

    #[test]
    fn randomly_nested_diagrams_lay_out_tidily(
        seed in any::<u64>(),
        units in 0usize..25,
        modules in 0usize..60,
        interfaces in 0usize..120,
    ) {
        let d = random_nested(seed, units, modules, interfaces);
        let all = laid_out(&d, Mode::All);
        prop_assert_eq!(check_invariants(&all), Ok(()));
        prop_assert_eq!(check_tidy(&all), Ok(()));
        prop_assert_eq!(&all, &laid_out(&d, Mode::All));
    }

    #[test]
    fn missing_only_on_random_partial_geometry(
        seed in any::<u64>(),
        units in 0usize..15,
        modules in 1usize..40,
        percent in 0u64..100,
    ) {
        let d = random_nested(seed, units, modules, modules * 2);
        let full = laid_out(&d, Mode::All);
        let mut rng = Rng::new(seed ^ 0x5eed);
        let mut partial = full.clone();
        strip(&mut partial, |_| rng.percent(percent));
        let after = laid_out(&partial, Mode::MissingOnly);
        prop_assert_eq!(check_missing_only(&partial, &after), Ok(()));
        prop_assert_eq!(&after, &laid_out(&partial, Mode::MissingOnly));
    }
}
