//! Every kind of module and line has its own look, the same in exports.

use super::*;

/// One interface of every kind, between modules whose kinds it fits.
fn every_kind() -> Diagram {
    let mut d = Diagram::new();
    d.modules = vec![
        module("a", ModuleKind::Component, 0.0, 0.0),
        module("b", ModuleKind::Component, 400.0, 0.0),
        module("lib", ModuleKind::Library, 0.0, 300.0),
        module("store", ModuleKind::Datastore, 400.0, 300.0),
    ];
    for (i, &kind) in InterfaceKind::ALL.iter().enumerate() {
        let to = match kind {
            InterfaceKind::Link => "lib",
            InterfaceKind::Read | InterfaceKind::Write | InterfaceKind::Load => "store",
            InterfaceKind::Call | InterfaceKind::Rpc | InterfaceKind::Queue => "b",
        };
        d.interfaces
            .push(interface(&format!("i{i}"), "a", to, kind));
    }
    d
}

/// What an interface looks like, colour aside: its line (width and dash
/// pattern), the shape of each head part, and which end the head is at.
fn look(scene: &Scene, shape: &InterfaceShape) -> String {
    let prims = &scene.primitives[shape.primitives.clone()];
    let Primitive::Polyline { stroke, .. } = &prims[0] else {
        panic!("the line comes first: {:?}", prims[0]);
    };
    let mut parts = Vec::new();
    let mut tip = None;
    for p in &prims[1..] {
        parts.push(match p {
            Primitive::Polygon { points, fill, .. } => {
                tip = Some(points[0]);
                let hollow = *fill == Some(scene.palette.background);
                let size = geom::bounds_of(points);
                format!(
                    "polygon{} hollow={hollow} {:.0}x{:.0}",
                    points.len(),
                    size.w.max(size.h),
                    size.w.min(size.h)
                )
            }
            Primitive::Polyline { points, .. } => {
                tip = tip.or(Some(points[points.len() / 2]));
                format!("polyline{}", points.len())
            }
            other => format!("{other:?}"),
        });
    }
    let tip = tip.expect("a head");
    let at_start = geom::distance(tip, shape.path[0])
        < geom::distance(tip, *shape.path.last().expect("two points"));
    format!(
        "width {} dash {:?} head {parts:?} at start {at_start}",
        stroke.width, stroke.dash
    )
}

#[test]
fn every_interface_kind_has_its_own_look() {
    let d = every_kind();
    let scene = build(&d, &Report::default(), &SceneOptions::default());
    assert_eq!(scene.interfaces.len(), InterfaceKind::ALL.len());
    let looks: Vec<String> = scene.interfaces.iter().map(|i| look(&scene, i)).collect();
    let distinct: HashSet<&String> = looks.iter().collect();
    assert_eq!(distinct.len(), looks.len(), "{looks:#?}");
    let of = |kind: InterfaceKind| {
        scene
            .interfaces
            .iter()
            .find(|i| i.kind == kind)
            .map(|i| look(&scene, i))
            .expect("drawn")
    };
    // Read and Write differ in their line, not only in their head.
    let line = |kind| of(kind).split(" head").next().map(str::to_owned);
    assert_ne!(line(InterfaceKind::Read), line(InterfaceKind::Write));
    // Load is dash-dot, unlike every other kind.
    let load = scene
        .interfaces
        .iter()
        .find(|i| i.kind == InterfaceKind::Load)
        .expect("drawn");
    match &scene.primitives[load.primitives.start] {
        Primitive::Polyline {
            stroke: Stroke {
                dash: Some(dash), ..
            },
            ..
        } => {
            assert!(dash.dot.is_some());
            assert_eq!(dash.pieces().len(), 2);
            assert!(
                (dash.period() - (dash.on + dash.off + dash.dot.unwrap_or(0.0) + dash.off)).abs()
                    < 1e-4
            );
        }
        other => panic!("{other:?}"),
    }
    // Reads and loads point at the module the data or code flows into.
    for kind in InterfaceKind::ALL {
        let at_start = matches!(kind, InterfaceKind::Read | InterfaceKind::Load);
        assert!(
            of(*kind).ends_with(&format!("at start {at_start}")),
            "{kind:?}"
        );
    }
}

#[test]
fn exports_draw_the_same_looks() {
    // Colour aside, the legend sample of a kind is the arrow the canvas
    // and the exports draw for it.
    let palette = Palette::get(false);
    let mut seen = HashSet::new();
    for &kind in InterfaceKind::ALL {
        let sample = legend_sample(Sample::Line(kind), Point::new(0.0, 0.0), palette);
        let scene_style = super::arrow::line_style(kind);
        match &sample[0] {
            Primitive::Polyline { stroke, points } => {
                assert_eq!(stroke.dash, scene_style.dash);
                assert_eq!(stroke.width, scene_style.width);
                assert_eq!(points.len(), 2);
            }
            other => panic!("{other:?}"),
        }
        assert!(seen.insert(format!("{sample:?}")));
        let icon = arrow_sample(
            kind,
            Point::new(0.0, 0.0),
            Point::new(40.0, 0.0),
            Rgba::rgb(1, 2, 3),
            Rgba::rgb(4, 5, 6),
        );
        assert_eq!(icon.len(), sample.len(), "{kind:?}");
    }
}

#[test]
fn third_party_modules_carry_a_mark_clear_of_the_badge() {
    let mut d = sample();
    for id in ["api", "lib", "store", "users"] {
        if let Some(m) = d.modules.iter_mut().find(|m| m.id.as_str() == id) {
            m.third_party = id != "api";
        }
    }
    let report = Report {
        findings: ["lib", "store", "users"]
            .iter()
            .map(|id| finding(&format!("x@{id}"), Severity::Error, &[id], false))
            .collect(),
    };
    let scene = build(&d, &report, &SceneOptions::new(View::Trust, false));
    for shape in &scene.modules {
        let third_party = shape.id.as_str() != "api";
        assert_eq!(shape.mark.is_some(), third_party, "{}", shape.id);
        let tagged = scene.primitives[shape.primitives.clone()]
            .iter()
            .any(|p| matches!(p, Primitive::Text(t) if t.text == "3rd"));
        assert_eq!(tagged, third_party, "{}", shape.id);
        let Some(mark) = shape.mark else { continue };
        // On the top edge, at the left: inside the box's width, astride
        // its top border.
        assert!(mark.x > shape.rect.x && mark.right() < shape.rect.center().x);
        assert!(mark.y < shape.rect.y && mark.bottom() > shape.rect.y);
        // Clear of the finding badge on the top-right corner.
        let badge = scene
            .badges
            .iter()
            .find(|b| b.element == shape.id.as_str())
            .expect("a badge");
        let badge_rect = Rect::new(
            badge.center.x - badge.radius,
            badge.center.y - badge.radius,
            2.0 * badge.radius,
            2.0 * badge.radius,
        );
        assert!(!mark.intersects(&badge_rect), "{}", shape.id);
        // The scene's bounds take the tag in.
        assert!(
            scene
                .bounds
                .expect("drawn")
                .contains(Point::new(mark.x, mark.y))
        );
    }
    let modules = scene
        .legend
        .iter()
        .find(|g| g.title == "Modules")
        .expect("a shapes group");
    assert!(
        modules
            .entries
            .iter()
            .any(|e| e.sample == Sample::ThirdParty && e.label == "Third-party code")
    );
    // Without third-party modules, the legend does not mention the mark.
    let plain = build(&sample(), &report, &SceneOptions::new(View::Trust, false));
    assert!(
        plain
            .legend
            .iter()
            .flat_map(|g| &g.entries)
            .all(|e| e.sample != Sample::ThirdParty)
    );
}

#[test]
fn the_legend_explains_shapes_and_line_kinds() {
    let d = sample();
    let scene = build(&d, &Report::default(), &SceneOptions::default());
    let group = |title: &str| -> Vec<(Sample, String)> {
        scene
            .legend
            .iter()
            .find(|g| g.title == title)
            .map(|g| {
                g.entries
                    .iter()
                    .map(|e| (e.sample, e.label.clone()))
                    .collect()
            })
            .unwrap_or_default()
    };
    let shapes: Vec<(Sample, String)> = ModuleKind::ALL
        .iter()
        .map(|&k| (Sample::Shape(k), k.label().to_owned()))
        .collect();
    assert_eq!(group("Modules"), shapes);
    // Only the kinds the diagram uses, in declaration order.
    let lines: Vec<(Sample, String)> = [
        InterfaceKind::Link,
        InterfaceKind::Rpc,
        InterfaceKind::Queue,
        InterfaceKind::Read,
        InterfaceKind::Write,
    ]
    .iter()
    .map(|&k| (Sample::Line(k), k.label().to_owned()))
    .collect();
    assert_eq!(group("Interfaces"), lines);
    let every = build(&every_kind(), &Report::default(), &SceneOptions::default());
    let labels: Vec<&str> = every
        .legend
        .iter()
        .find(|g| g.title == "Interfaces")
        .map(|g| g.entries.iter().map(|e| e.label.as_str()).collect())
        .unwrap_or_default();
    assert_eq!(
        labels,
        ["Call", "Link", "RPC", "Queue", "Read", "Write", "Load"]
    );
    // Every sample draws something no wider than it says.
    for entry in scene
        .legend
        .iter()
        .chain(&every.legend)
        .flat_map(|g| &g.entries)
    {
        let prims = legend_sample(entry.sample, Point::new(0.0, 0.0), &scene.palette);
        assert!(!prims.is_empty());
        for p in &prims {
            let right = match p {
                Primitive::Rect { rect, .. } => rect.right(),
                Primitive::Polygon { points, .. } | Primitive::Polyline { points, .. } => {
                    geom::bounds_of(points).right()
                }
                Primitive::Ellipse {
                    center, radius_x, ..
                } => center.x + radius_x,
                Primitive::Text(_) => 0.0,
            };
            assert!(right <= entry.sample.width() + 0.01, "{:?}", entry.sample);
        }
    }
}
