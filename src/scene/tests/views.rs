//! Badges, colour views and their legends, `only` and `hidden`, names, hit-testing.

use super::*;

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
    let dep = context::Deployment::new(&crate::model::Forest::new(&d)).unit;
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
