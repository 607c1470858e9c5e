//! How tightly automatic layout packs units: the share of their area left
//! empty, the largest empty corner inside one, and the arrangements that
//! keep them small (a linked library beside its linker, boxes side by side
//! in a unit widened by its title).

use crate::layout::{check_invariants, content_area, drawn_in, laid_out, samples, unit_rect};
use seams::layout::Mode;
use seams::model::{
    Diagram, Interface, InterfaceKind, Isolation, Module, ModuleId, ModuleKind, Rect, Unit, UnitId,
};
use seams::theme::GRID;

/// The share of the units' area that holds nothing: each unit's area less
/// what its direct contents (boxes drawn in it, child units) cover.
fn empty_share_in_units(d: &Diagram) -> f32 {
    let mut total = 0.0;
    let mut empty = 0.0;
    for u in &d.units {
        let rect = unit_rect(d, &u.id);
        let area = rect.w * rect.h;
        let modules: f32 = d
            .modules
            .iter()
            .filter(|m| drawn_in(d, m).as_ref() == Some(&u.id))
            .filter_map(Module::rect)
            .map(|r| r.w * r.h)
            .sum();
        let units: f32 = d
            .units
            .iter()
            .filter(|c| c.parent.as_ref() == Some(&u.id))
            .map(|c| unit_rect(d, &c.id))
            .map(|r| r.w * r.h)
            .sum();
        total += area;
        empty += area - modules - units;
    }
    if total > 0.0 { empty / total } else { 0.0 }
}

/// The most of the units' area the samples laid out afresh may leave empty,
/// on average: a guard against packing getting looser. Measured: 0.643
/// before levels were kept as tall as their tallest layer, lone columns
/// filled their unit's width and unconnected boxes in a unit packed for the
/// smallest unit; 0.611 since; 0.596 since lanes that stagger boxes are
/// kept only when they do not make a unit larger and layers are balanced
/// inside units. The title band and padding alone take 0.41
/// of the units' area here (a unit holding one box is 60 % frame), so the
/// share cannot get near 0 and lines need room between the layers.
const EMPTY_SHARE_CEILING: f32 = 0.6;

#[test]
fn units_are_packed_without_growing_empty_areas() {
    let mut shares = Vec::new();
    for (name, diagram) in samples() {
        let all = laid_out(&diagram, Mode::All);
        assert_eq!(check_invariants(&all), Ok(()), "{name}");
        if !all.units.is_empty() {
            shares.push((name, empty_share_in_units(&all)));
        }
    }
    let mean = shares.iter().map(|(_, s)| s).sum::<f32>() / shares.len() as f32;
    eprintln!("empty share inside units: mean {mean:.3}; {shares:?}");
    assert!(mean <= EMPTY_SHARE_CEILING, "mean {mean:.3}");
}

#[test]
fn an_unplaced_library_is_drawn_beside_its_linker_inside_its_unit() {
    let mut d = Diagram::new();
    d.units
        .push(Unit::new("server", "Server", Isolation::Process));
    d.units
        .push(Unit::new("other", "Other", Isolation::Process));
    let mut api = Module::new("api", "API", ModuleKind::Component);
    api.unit = Some(UnitId::new("server"));
    let mut worker = Module::new("worker", "Worker", ModuleKind::Component);
    worker.unit = Some(UnitId::new("server"));
    let mut job = Module::new("job", "Job", ModuleKind::Component);
    job.unit = Some(UnitId::new("other"));
    d.modules.extend([
        api,
        worker,
        job,
        Module::new("zlib", "zlib", ModuleKind::Library),
        Module::new("json", "JSON", ModuleKind::Library),
    ]);
    for (id, from, to) in [
        ("l1", "api", "zlib"),
        ("l2", "worker", "zlib"),
        ("l3", "api", "json"),
        ("l4", "job", "json"),
    ] {
        d.interfaces.push(Interface::new(
            id,
            ModuleId::new(from),
            ModuleId::new(to),
            InterfaceKind::Link,
        ));
    }
    let all = laid_out(&d, Mode::All);
    assert_eq!(check_invariants(&all), Ok(()));
    let zlib = all.module("zlib").expect("zlib");
    assert_eq!(zlib.unit, None, "the model is unchanged");
    let server = content_area(unit_rect(&all, &UnitId::new("server")));
    assert!(server.contains_rect(&zlib.rect().expect("laid out")));
    // Linked from two units: drawn outside both, as before.
    let json = all.module("json").and_then(Module::rect).expect("laid out");
    for u in &all.units {
        assert!(
            !unit_rect(&all, &u.id).intersects(&json),
            "{}",
            u.id.as_str()
        );
    }
    let missing_only = laid_out(&d, Mode::MissingOnly);
    assert_eq!(check_invariants(&missing_only), Ok(()));
}

#[test]
fn boxes_fill_a_unit_widened_by_its_title_and_sit_side_by_side() {
    let mut d = Diagram::new();
    d.units.push(Unit::new(
        "db-host",
        "Managed Postgres for the payments team",
        Isolation::Host,
    ));
    d.units
        .push(Unit::new("finder", "Finder", Isolation::Container));
    let mut db = Module::new("db", "DB", ModuleKind::Datastore);
    db.unit = Some(UnitId::new("db-host"));
    let mut indexer = Module::new("indexer", "Indexer", ModuleKind::Component);
    indexer.unit = Some(UnitId::new("finder"));
    let mut api = Module::new(
        "api",
        "Finder API for search requests",
        ModuleKind::Component,
    );
    api.unit = Some(UnitId::new("finder"));
    d.modules.extend([db, indexer, api]);
    let all = laid_out(&d, Mode::All);
    assert_eq!(check_invariants(&all), Ok(()));
    let rect = |id: &str| all.module(id).and_then(Module::rect).expect("laid out");
    // The title makes the unit wider than its box: the box takes its width
    // instead of floating in the middle.
    let host = content_area(unit_rect(&all, &UnitId::new("db-host")));
    assert!(host.contains_rect(&rect("db")));
    assert!(
        rect("db").w >= host.w - GRID,
        "{:?} in {host:?}",
        rect("db")
    );
    // Two unrelated boxes in a narrow unit: one row, not a column with
    // room beside the narrower box.
    assert_eq!(rect("indexer").y, rect("api").y);
}

/// The largest axis-aligned rectangle inside `area` that overlaps none of
/// `boxes`: over the grid their edges make, every span of columns and rows
/// whose cells are all free (few boxes per unit, so brute force is fine).
fn largest_empty(area: Rect, boxes: &[Rect]) -> Rect {
    let clip = |v: f32, lo: f32, hi: f32| v.clamp(lo, hi);
    let mut xs = vec![area.x, area.right()];
    let mut ys = vec![area.y, area.bottom()];
    for b in boxes {
        xs.extend([
            clip(b.x, area.x, area.right()),
            clip(b.right(), area.x, area.right()),
        ]);
        ys.extend([
            clip(b.y, area.y, area.bottom()),
            clip(b.bottom(), area.y, area.bottom()),
        ]);
    }
    for v in [&mut xs, &mut ys] {
        v.sort_by(f32::total_cmp);
        v.dedup();
    }
    let (cols, rows) = (xs.len() - 1, ys.len() - 1);
    // Prefix sums of occupied cells.
    let mut filled = vec![0u32; (cols + 1) * (rows + 1)];
    let at = |c: usize, r: usize| r * (cols + 1) + c;
    for r in 0..rows {
        for c in 0..cols {
            let cell = Rect::new(xs[c], ys[r], xs[c + 1] - xs[c], ys[r + 1] - ys[r]);
            let taken = u32::from(boxes.iter().any(|b| b.intersects(&cell)));
            filled[at(c + 1, r + 1)] =
                taken + filled[at(c, r + 1)] + filled[at(c + 1, r)] - filled[at(c, r)];
        }
    }
    let mut best = Rect::new(area.x, area.y, 0.0, 0.0);
    for c0 in 0..cols {
        for r0 in 0..rows {
            for c1 in c0 + 1..=cols {
                for r1 in r0 + 1..=rows {
                    let taken = filled[at(c1, r1)] + filled[at(c0, r0)]
                        - filled[at(c0, r1)]
                        - filled[at(c1, r0)];
                    if taken > 0 {
                        break;
                    }
                    let r = Rect::new(xs[c0], ys[r0], xs[c1] - xs[c0], ys[r1] - ys[r0]);
                    if r.w * r.h > best.w * best.h {
                        best = r;
                    }
                }
            }
        }
    }
    best
}

/// For every unit: its id, its rectangle and the largest empty rectangle
/// inside its content area, clear of the boxes and units drawn in it.
fn empty_corners(d: &Diagram) -> Vec<(String, Rect, Rect)> {
    d.units
        .iter()
        .map(|u| {
            let rect = unit_rect(d, &u.id);
            let mut boxes: Vec<Rect> = d
                .modules
                .iter()
                .filter(|m| drawn_in(d, m).as_ref() == Some(&u.id))
                .filter_map(Module::rect)
                .collect();
            boxes.extend(
                d.units
                    .iter()
                    .filter(|c| c.parent.as_ref() == Some(&u.id))
                    .map(|c| unit_rect(d, &c.id)),
            );
            let empty = largest_empty(content_area(rect), &boxes);
            (u.id.as_str().to_owned(), rect, empty)
        })
        .collect()
}

/// The most of a unit's area the largest empty rectangle inside it may
/// take, over every unit of every bundled example after Tidy up: a guard
/// against the reported defect, a large empty corner left where a tall
/// column of a unit's drawing sits beside short ones. Measured: 0.253
/// before (the browser unit of os-packages; the units of browser.ron and
/// os-image.ron 0.201 and 0.211, os-packages' laptop 0.191); 0.196 since
/// lanes that stagger boxes are kept only when they do not make the unit
/// larger (a corridor below the boxes taking the lines instead) and boxes
/// free to sit in several layers move out of the tallest column (the
/// system image unit of os-image.ron, beside a chain of single boxes). A unit holding two boxes side by side leaves about 0.1 beside
/// the smaller one, so the share cannot get near 0.
const EMPTY_CORNER_CEILING: f32 = 0.2;

#[test]
fn no_unit_of_an_example_keeps_a_large_empty_corner() {
    let mut worst: Vec<(String, String, f32)> = Vec::new();
    for (name, diagram) in samples() {
        if !name.contains("examples") {
            continue;
        }
        let all = laid_out(&diagram, Mode::All);
        assert_eq!(check_invariants(&all), Ok(()), "{name}");
        let corners = empty_corners(&all);
        let share = |rect: Rect, empty: Rect| empty.w * empty.h / (rect.w * rect.h);
        if let Some((unit, rect, empty)) = corners
            .into_iter()
            .max_by(|a, b| share(a.1, a.2).total_cmp(&share(b.1, b.2)))
        {
            eprintln!(
                "{name}: largest empty corner in {unit}: {}x{} of {}x{}",
                empty.w, empty.h, rect.w, rect.h
            );
            worst.push((name, unit, share(rect, empty)));
        }
    }
    assert!(worst.len() >= 6, "examples missing: {worst:?}");
    for (name, unit, share) in &worst {
        assert!(
            *share <= EMPTY_CORNER_CEILING,
            "{name}: {unit} is {share:.3} empty in one rectangle"
        );
    }
}

#[test]
fn the_largest_empty_rectangle_is_found() {
    let area = Rect::new(0.0, 0.0, 100.0, 50.0);
    assert_eq!(largest_empty(area, &[]), area);
    // A box in the top-left corner: the band beside it (60 × 50) is
    // larger than the one below it (100 × 25).
    let taken = Rect::new(0.0, 0.0, 40.0, 25.0);
    assert_eq!(
        largest_empty(area, &[taken]),
        Rect::new(40.0, 0.0, 60.0, 50.0)
    );
    // Boxes filling the area leave nothing.
    let halves = [
        Rect::new(0.0, 0.0, 50.0, 50.0),
        Rect::new(50.0, 0.0, 50.0, 50.0),
    ];
    let empty = largest_empty(area, &halves);
    assert_eq!(empty.w * empty.h, 0.0);
}
