use super::*;
use crate::model::{
    Category, Interface, Isolation, Module, ModuleId, Point, RuleId, Size, Team, TeamId, Trust,
    Unit,
};
use crate::model::{Diagram, InterfaceKind, ModuleKind, Rect, Release, UnitId};
use crate::rules::Finding;
use crate::rules::{Report, Severity};
use crate::text;
use crate::theme::Rgba;
use crate::theme::palette::Palette;
use std::ops::Range;

fn module(id: &str, kind: ModuleKind, x: f32, y: f32) -> Module {
    let mut m = Module::new(id, format!("Module {id}"), kind);
    m.pos = Some(Point::new(x, y));
    m.size = Some(Size::new(160.0, 64.0));
    m
}

fn interface(id: &str, from: &str, to: &str, kind: InterfaceKind) -> Interface {
    Interface::new(id, ModuleId::new(from), ModuleId::new(to), kind)
}

/// Two units (a process inside a VM, and a managed one), four modules of
/// every kind, one without geometry, and interfaces of several kinds.
fn sample() -> Diagram {
    let mut vm = Unit::new("vm", "Edge VM", Isolation::Vm);
    vm.rect = Some(Rect::new(0.0, 0.0, 700.0, 400.0));
    let mut process = Unit::new("proc", "API server", Isolation::Process);
    process.parent = Some(UnitId::new("vm"));
    process.release = Release::WithParent;
    process.rect = Some(Rect::new(20.0, 40.0, 400.0, 300.0));
    let mut db = Unit::new("db", "Managed DB", Isolation::Host);
    db.release = Release::Managed;
    db.rect = Some(Rect::new(800.0, 0.0, 220.0, 140.0));

    let mut api = module("api", ModuleKind::Component, 40.0, 80.0);
    api.unit = Some(UnitId::new("proc"));
    api.team = Some(TeamId::new("web"));
    let mut lib = module("lib", ModuleKind::Library, 40.0, 240.0);
    lib.unit = Some(UnitId::new("proc"));
    lib.trust = Trust::Untrusted;
    let mut store = module("store", ModuleKind::Datastore, 830.0, 50.0);
    store.unit = Some(UnitId::new("db"));
    store.trust = Trust::Sensitive;
    let users = module("users", ModuleKind::External, 500.0, 500.0);
    let floating = Module::new("floating", "No geometry", ModuleKind::Component);

    Diagram {
        title: "Sample".to_owned(),
        teams: vec![Team {
            id: TeamId::new("web"),
            name: "Web".to_owned(),
            color: Some("#4c78a8".to_owned()),
        }],
        units: vec![vm, process, db],
        modules: vec![api, lib, store, users, floating],
        interfaces: vec![
            interface("upload", "users", "api", InterfaceKind::Rpc),
            interface("upload-2", "users", "api", InterfaceKind::Queue),
            interface("back", "api", "users", InterfaceKind::Rpc),
            interface("link", "api", "lib", InterfaceKind::Link),
            interface("write", "api", "store", InterfaceKind::Write),
            interface("read", "api", "store", InterfaceKind::Read),
            interface("lost", "api", "floating", InterfaceKind::Rpc),
        ],
        ..Diagram::default()
    }
}

fn finding(id: &str, severity: Severity, elements: &[&str], accepted: bool) -> Finding {
    Finding {
        id: id.to_owned(),
        rule: RuleId::ALL[0],
        severity,
        category: Category::Risk,
        message: format!("message of {id}"),
        explanation: "",
        elements: elements.iter().map(|&e| e.to_owned()).collect(),
        accepted: accepted.then(|| "fine".to_owned()),
        group: Vec::new(),
        fix: None,
    }
}

fn on_border(rect: &Rect, p: Point) -> bool {
    let near = |a: f32, b: f32| (a - b).abs() < 0.01;
    let inside_x = p.x >= rect.x - 0.01 && p.x <= rect.right() + 0.01;
    let inside_y = p.y >= rect.y - 0.01 && p.y <= rect.bottom() + 0.01;
    (inside_y && (near(p.x, rect.x) || near(p.x, rect.right())))
        || (inside_x && (near(p.y, rect.y) || near(p.y, rect.bottom())))
}

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

#[test]
fn badges_show_the_worst_unaccepted_severity() {
    let d = sample();
    let report = Report {
        findings: vec![
            finding("a@api", Severity::Warning, &["api", "lib"], false),
            finding("b@api", Severity::Error, &["api"], false),
            finding("c@api", Severity::Info, &["api"], true),
            finding("d@store", Severity::Error, &["store"], true),
            finding("e@link", Severity::Warning, &["link", "api", "lib"], false),
            finding("f@proc", Severity::Info, &["proc"], false),
        ],
    };
    let scene = build(&d, &report, &SceneOptions::new(View::Trust, false));
    let badge = |id: &str| scene.badges.iter().find(|b| b.element == id);
    let api = badge("api").expect("present");
    assert_eq!(
        (api.severity, api.count, api.messages.len()),
        (Some(Severity::Error), 2, 3)
    );
    assert!(api.messages.iter().any(|m| m.contains("(accepted)")));
    let store = badge("store").expect("present");
    assert_eq!((store.severity, store.count), (None, 1));
    assert!(
        badge("lib").is_none(),
        "only the element a finding is about"
    );
    assert_eq!(
        badge("proc").expect("present").severity,
        Some(Severity::Info)
    );
    // The interface with a warning is drawn in the warning colour.
    let link = scene
        .interfaces
        .iter()
        .find(|i| i.id.as_str() == "link")
        .expect("present");
    match &scene.primitives[link.primitives.start] {
        Primitive::Polyline { stroke, .. } => assert_eq!(stroke.color, LIGHT.warning),
        other => panic!("{other:?}"),
    }
    let titles: Vec<&str> = scene.legend.iter().map(|g| g.title.as_str()).collect();
    assert_eq!(titles, ["Trust", "Modules", "Interfaces", "Findings"]);

    let quiet = build(
        &d,
        &report,
        &SceneOptions {
            show_findings: false,
            ..SceneOptions::default()
        },
    );
    assert!(quiet.badges.is_empty());
    assert!(quiet.legend.iter().all(|g| g.title != "Findings"));
}

use crate::theme::palette::LIGHT;

#[test]
fn views_colour_modules_and_fill_the_legend() {
    let d = sample();
    let fill_of = |scene: &Scene, id: &str| {
        let shape = scene
            .modules
            .iter()
            .find(|m| m.id.as_str() == id)
            .expect("present");
        match &scene.primitives[shape.primitives.start] {
            Primitive::Rect { fill, .. } | Primitive::Polygon { fill, .. } => {
                fill.expect("present")
            }
            other => panic!("{other:?}"),
        }
    };
    let trust = build(
        &d,
        &Report::default(),
        &SceneOptions::new(View::Trust, false),
    );
    assert_eq!(fill_of(&trust, "lib"), LIGHT.untrusted.0);
    assert_eq!(fill_of(&trust, "api"), LIGHT.trusted.0);
    assert_eq!(fill_of(&trust, "store"), LIGHT.sensitive.0);

    let team = build(
        &d,
        &Report::default(),
        &SceneOptions::new(View::Team, false),
    );
    let web = LIGHT.tint(Rgba::from_hex("#4c78a8").expect("present")).0;
    assert_eq!(fill_of(&team, "api"), web);
    assert_eq!(fill_of(&team, "lib"), LIGHT.neutral.0);
    let labels: Vec<&str> = team.legend[0]
        .entries
        .iter()
        .map(|e| e.label.as_str())
        .collect();
    assert_eq!(labels, ["Web", "No team"]);

    let deployment = build(
        &d,
        &Report::default(),
        &SceneOptions::new(View::Deployment, false),
    );
    // api and lib are in a WithParent process inside the VM: the VM's colour.
    assert_eq!(fill_of(&deployment, "api"), fill_of(&deployment, "lib"));
    assert_ne!(fill_of(&deployment, "api"), fill_of(&deployment, "store"));
    assert_eq!(fill_of(&deployment, "users"), LIGHT.neutral.0);
    let labels: Vec<&str> = deployment.legend[0]
        .entries
        .iter()
        .map(|e| e.label.as_str())
        .collect();
    assert_eq!(labels, ["Edge VM", "Managed DB", "Not placed"]);
}

#[test]
fn deployment_units_follow_with_parent() {
    let mut d = sample();
    let mut root_with_parent = Unit::new("loose", "Loose", Isolation::Container);
    root_with_parent.release = Release::WithParent;
    let mut inner = Unit::new("inner", "Inner", Isolation::Sandbox);
    inner.parent = Some(UnitId::new("proc"));
    inner.release = Release::WithParent;
    d.units.push(root_with_parent);
    d.units.push(inner);
    let dep = colors::Deployment::new(&crate::model::Forest::new(&d)).unit;
    // vm, proc (with parent → vm), db, loose (root → itself), inner (→ vm).
    assert_eq!(dep, [0, 0, 2, 3, 0]);
}

#[test]
fn only_keeps_the_selection() {
    let d = sample();
    let options = SceneOptions {
        only: Some(["proc".to_owned()].into_iter().collect()),
        ..SceneOptions::default()
    };
    let scene = build(&d, &Report::default(), &options);
    let modules: Vec<&str> = scene.modules.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(modules, ["api", "lib"]);
    let units: Vec<&str> = scene.units.iter().map(|u| u.id.as_str()).collect();
    assert_eq!(units, ["proc"]);
    let interfaces: Vec<&str> = scene.interfaces.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(interfaces, ["link"]);
    let bounds = scene.bounds.expect("present");
    assert!(
        Rect::new(20.0, 40.0, 400.0, 300.0)
            .expand(12.0)
            .contains_rect(&bounds)
    );
}

#[test]
fn hidden_and_selected_elements() {
    let d = sample();
    let options = SceneOptions {
        hidden: ["users".to_owned()].into_iter().collect(),
        selection: ["api".to_owned()].into_iter().collect(),
        ..SceneOptions::default()
    };
    let scene = build(&d, &Report::default(), &options);
    assert!(scene.modules.iter().all(|m| m.id.as_str() != "users"));
    assert!(scene.interfaces.iter().all(|i| i.id.as_str() != "upload"));
    let api = scene
        .modules
        .iter()
        .find(|m| m.id.as_str() == "api")
        .expect("present");
    assert!(
        scene.primitives[api.primitives.clone()]
            .iter()
            .any(|p| matches!(
                p,
                Primitive::Rect { stroke: Some(s), .. } if s.color == LIGHT.selection
            ))
    );
}

#[test]
fn long_names_are_shortened_to_fit() {
    let mut d = sample();
    d.modules[0].name = "A remarkably long module name that cannot possibly fit".to_owned();
    let scene = build(&d, &Report::default(), &SceneOptions::default());
    let api = &scene.modules[0];
    for p in &scene.primitives[api.primitives.clone()] {
        if let Primitive::Text(t) = p {
            assert!(text::width(&t.text, t.size) <= api.rect.w, "{}", t.text);
        }
    }
}

#[test]
fn hit_testing() {
    let d = sample();
    let scene = build(&d, &Report::default(), &SceneOptions::default());
    assert_eq!(
        scene
            .module_at(Point::new(50.0, 90.0))
            .expect("present")
            .id
            .as_str(),
        "api"
    );
    assert_eq!(
        scene
            .unit_at(Point::new(30.0, 50.0))
            .expect("present")
            .id
            .as_str(),
        "proc"
    );
    assert_eq!(
        scene
            .unit_at(Point::new(5.0, 5.0))
            .expect("present")
            .id
            .as_str(),
        "vm"
    );
    let link = scene
        .interfaces
        .iter()
        .find(|i| i.id.as_str() == "link")
        .expect("present");
    let mid = geom::midpoint(&link.path).0;
    assert_eq!(
        scene.interface_at(mid, 3.0).expect("present").id.as_str(),
        "link"
    );
}

#[test]
fn synthetic_diagram_builds() {
    let mut d = crate::model::generate::synthetic(300, 3);
    for (i, m) in d.modules.iter_mut().enumerate() {
        m.pos = Some(Point::new((i % 20) as f32 * 200.0, (i / 20) as f32 * 120.0));
        m.size = Some(Size::new(160.0, 64.0));
    }
    let scene = build(
        &d,
        &Report::default(),
        &SceneOptions::new(View::Deployment, true),
    );
    assert_eq!(scene.modules.len(), 300);
    assert_eq!(scene.interfaces.len(), d.interfaces.len());
    assert!(scene.bounds.is_some());
}

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
