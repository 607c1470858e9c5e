//! Shapes by kind, lines between borders, paint order, dimming.

use super::*;

#[test]
fn every_module_with_geometry_gets_a_shape() {
    let d = sample();
    let scene = build(&d, &Report::default(), &SceneOptions::default());
    let ids: Vec<&str> = scene.modules.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(ids, ["api", "lib", "store", "users"]);
    for shape in &scene.modules {
        assert!(!shape.primitives.is_empty());
        assert_eq!(d.modules[shape.index].id, shape.id);
        // The name is drawn.
        assert!(
            scene.primitives[shape.primitives.clone()]
                .iter()
                .any(|p| matches!(p, Primitive::Text(t) if t.text == d.modules[shape.index].name))
        );
    }
    // The interface to the module without geometry is left out.
    assert!(scene.interfaces.iter().all(|i| i.id.as_str() != "lost"));
    assert_eq!(scene.interfaces.len(), 6);
}

#[test]
fn kinds_have_distinct_shapes() {
    let d = sample();
    let scene = build(&d, &Report::default(), &SceneOptions::default());
    let prims = |id: &str| {
        let shape = scene
            .modules
            .iter()
            .find(|m| m.id.as_str() == id)
            .expect("present");
        &scene.primitives[shape.primitives.clone()]
    };
    // A datastore is a cylinder: a polygon body and a rim line.
    assert!(matches!(prims("store")[0], Primitive::Polygon { .. }));
    assert!(matches!(prims("store")[1], Primitive::Polyline { .. }));
    // A library has two side bands.
    let bands = prims("lib")
        .iter()
        .filter(|p| matches!(p, Primitive::Polyline { .. }))
        .count();
    assert_eq!(bands, 2);
    // An external is a pill with a person icon.
    match &prims("users")[0] {
        Primitive::Rect { radius, .. } => assert!((*radius - 32.0).abs() < 0.01),
        other => panic!("{other:?}"),
    }
    assert!(
        prims("users")
            .iter()
            .any(|p| matches!(p, Primitive::Ellipse { .. }))
    );
}

#[test]
fn edges_end_on_box_borders() {
    let d = sample();
    let scene = build(&d, &Report::default(), &SceneOptions::default());
    for shape in &scene.interfaces {
        let interface = &d.interfaces[shape.index];
        let from = d
            .module(interface.from.as_str())
            .expect("present")
            .rect()
            .expect("present");
        let to = d
            .module(interface.to.as_str())
            .expect("present")
            .rect()
            .expect("present");
        let first = shape.path[0];
        let last = *shape.path.last().expect("present");
        assert!(on_border(&from, first), "{}: {first:?} {from:?}", shape.id);
        assert!(on_border(&to, last), "{}: {last:?} {to:?}", shape.id);
        assert!(shape.bounds.expand(0.5).contains(first));
        assert!(shape.bounds.expand(0.5).contains(last));
    }
}

#[test]
fn waypoints_are_followed() {
    let mut d = sample();
    d.interfaces[3].points = vec![Point::new(300.0, 112.0), Point::new(300.0, 272.0)];
    let scene = build(&d, &Report::default(), &SceneOptions::default());
    let link = scene
        .interfaces
        .iter()
        .find(|i| i.id.as_str() == "link")
        .expect("present");
    assert_eq!(link.path.len(), 4);
    assert_eq!(link.path[0], Point::new(200.0, 112.0));
    assert_eq!(link.path[3], Point::new(200.0, 272.0));
}

#[test]
fn parallel_interfaces_do_not_overlap() {
    let d = sample();
    let scene = build(&d, &Report::default(), &SceneOptions::default());
    let path = |id: &str| {
        &scene
            .interfaces
            .iter()
            .find(|i| i.id.as_str() == id)
            .expect("present")
            .path
    };
    // Three arrows between users and api (two one way, one back): all apart.
    let mids: Vec<Point> = ["upload", "upload-2", "back"]
        .iter()
        .map(|id| geom::midpoint(path(id)).0)
        .collect();
    for i in 0..3 {
        for j in i + 1..3 {
            assert!(geom::distance(mids[i], mids[j]) > 8.0, "{mids:?}");
        }
    }
    let (write, read) = (path("write"), path("read"));
    assert!(geom::distance(geom::midpoint(write).0, geom::midpoint(read).0) > 8.0);
}

#[test]
fn reads_point_at_the_reader_writes_at_the_datastore() {
    let d = sample();
    let scene = build(&d, &Report::default(), &SceneOptions::default());
    let head_tip = |id: &str| {
        let shape = scene
            .interfaces
            .iter()
            .find(|i| i.id.as_str() == id)
            .expect("present");
        match scene.primitives[shape.primitives.clone()]
            .last()
            .expect("present")
        {
            Primitive::Polygon { points, .. } => (points[0], shape.path.clone()),
            other => panic!("{other:?}"),
        }
    };
    let (tip, path) = head_tip("write");
    assert_eq!(tip, *path.last().expect("present"));
    let (tip, path) = head_tip("read");
    assert_eq!(tip, path[0]);
}

#[test]
fn link_is_dashed_queue_has_an_open_head() {
    let d = sample();
    let scene = build(&d, &Report::default(), &SceneOptions::default());
    let prims = |id: &str| {
        let shape = scene
            .interfaces
            .iter()
            .find(|i| i.id.as_str() == id)
            .expect("present");
        &scene.primitives[shape.primitives.clone()]
    };
    assert!(matches!(
        prims("link")[0],
        Primitive::Polyline {
            stroke: Stroke { dash: Some(_), .. },
            ..
        }
    ));
    assert!(matches!(
        prims("upload")[0],
        Primitive::Polyline {
            stroke: Stroke { dash: None, .. },
            ..
        }
    ));
    assert!(
        matches!(prims("upload-2").last().expect("present"), Primitive::Polyline { points, .. } if points.len() == 3)
    );
}

#[test]
fn units_are_drawn_outermost_first_with_captions() {
    let d = sample();
    let scene = build(&d, &Report::default(), &SceneOptions::default());
    let order: Vec<&str> = scene.units.iter().map(|u| u.id.as_str()).collect();
    assert_eq!(order, ["vm", "db", "proc"]);
    let texts: Vec<&str> = scene.primitives[scene.units[2].primitives.clone()]
        .iter()
        .filter_map(|p| match p {
            Primitive::Text(t) => Some(t.text.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(texts, ["API server", "Process · with parent"]);
    // Strong isolation draws a double border.
    let vm_rects = scene.primitives[scene.units[0].primitives.clone()]
        .iter()
        .filter(|p| {
            matches!(
                p,
                Primitive::Rect {
                    stroke: Some(_),
                    ..
                }
            )
        })
        .count();
    assert!(vm_rects >= 2);
}

#[test]
fn paint_order_is_units_lines_modules_labels_badges() {
    let mut d = sample();
    d.interfaces[0].label = "POST /photos".to_owned();
    let report = Report {
        findings: vec![finding("x@api", Severity::Error, &["api"], false)],
    };
    let scene = build(&d, &report, &SceneOptions::new(View::Trust, false));
    let mut ranges: Vec<Range<usize>> = Vec::new();
    ranges.extend(scene.units.iter().map(|u| u.primitives.clone()));
    ranges.extend(scene.interfaces.iter().map(|i| i.primitives.clone()));
    ranges.extend(scene.modules.iter().map(|m| m.primitives.clone()));
    ranges.extend(scene.interfaces.iter().map(|i| i.label_primitives.clone()));
    ranges.extend(scene.badges.iter().map(|b| b.primitives.clone()));
    let mut next = 0;
    for r in ranges {
        assert_eq!(r.start, next);
        next = r.end;
    }
    assert_eq!(next, scene.primitives.len());
    let labelled = scene
        .interfaces
        .iter()
        .find(|i| i.id.as_str() == "upload")
        .expect("present");
    assert_eq!(labelled.label_primitives.len(), 2);
}

#[test]
fn highlight_dims_everything_else() {
    let d = sample();
    let options = SceneOptions {
        highlight: Some(["lib", "api"].iter().map(|&s| s.to_owned()).collect()),
        ..SceneOptions::default()
    };
    let plain = build(&d, &Report::default(), &SceneOptions::default());
    let dimmed = build(&d, &Report::default(), &options);
    let fill = |scene: &Scene, id: &str| {
        let shape = scene
            .modules
            .iter()
            .find(|m| m.id.as_str() == id)
            .expect("present");
        (
            shape.dimmed,
            scene.primitives[shape.primitives.start].clone(),
        )
    };
    assert_eq!(fill(&plain, "api"), fill(&dimmed, "api"));
    assert!(!fill(&dimmed, "lib").0);
    let (is_dimmed, primitive) = fill(&dimmed, "store");
    assert!(is_dimmed);
    assert_ne!(primitive, fill(&plain, "store").1);
    // The link between two highlighted modules stays; the write is dimmed.
    let edge = |id: &str| {
        dimmed
            .interfaces
            .iter()
            .find(|i| i.id.as_str() == id)
            .expect("present")
            .dimmed
    };
    assert!(!edge("link"));
    assert!(edge("write"));
    assert!(dimmed.units.iter().all(|u| u.dimmed));
}
