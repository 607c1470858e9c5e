use super::*;
use crate::model::{Module, ModuleKind, Point, Size, Team, TeamId};
use crate::scene::Primitive;

fn laid_out(text: &str) -> Diagram {
    prepare(&crate::file::load_str(text).expect("loads")).into_owned()
}

fn texts(primitives: &[Primitive]) -> Vec<&str> {
    primitives
        .iter()
        .filter_map(|p| match p {
            Primitive::Text(t) => Some(t.text.as_str()),
            _ => None,
        })
        .collect()
}

#[test]
fn page_frames_title_diagram_and_legend() {
    let d = laid_out(crate::examples::ALL[0].text);
    let report = crate::rules::check(&d);
    let scene = scene_for(&d, &report, &ExportOptions::default());
    let page = compose(&scene, &ExportOptions::default());
    let bounds = scene.bounds.expect("something drawn");
    // The diagram sits inside the page with a margin, below the title.
    let top_left = Point::new(bounds.x + page.offset.x, bounds.y + page.offset.y);
    assert!(
        top_left.x >= 32.0 && top_left.y > 32.0 + 20.0,
        "{top_left:?}"
    );
    assert!(bounds.right() + page.offset.x <= page.width - 32.0 + 0.5);
    assert!(bounds.bottom() + page.offset.y < page.height - 32.0);
    let words = texts(&page.decorations);
    assert_eq!(words[0], "Photo sharing");
    assert!(words.contains(&"TRUST") && words.contains(&"Untrusted"));
    assert_eq!(
        page.background,
        Some(crate::theme::palette::LIGHT.background)
    );
    let dark = compose(
        &scene_for(
            &d,
            &report,
            &ExportOptions {
                background: Background::Dark,
                ..ExportOptions::default()
            },
        ),
        &ExportOptions {
            background: Background::Dark,
            ..ExportOptions::default()
        },
    );
    assert_eq!(
        dark.background,
        Some(crate::theme::palette::DARK.background)
    );
    let transparent = compose(
        &scene,
        &ExportOptions {
            background: Background::Transparent,
            ..ExportOptions::default()
        },
    );
    assert_eq!(transparent.background, None);
}

#[test]
fn legend_wraps_to_the_diagram_width() {
    let mut d = Diagram::new();
    for t in 0..12 {
        d.teams.push(Team {
            id: TeamId::new(format!("team-{t}")),
            name: format!("A team with a long name {t}"),
            color: None,
        });
        let mut m = Module::new(format!("m{t}"), "M", ModuleKind::Component);
        m.team = Some(TeamId::new(format!("team-{t}")));
        m.pos = Some(Point::new(0.0, t as f32 * 80.0));
        m.size = Some(Size::new(120.0, 56.0));
        d.modules.push(m);
    }
    let options = ExportOptions {
        view: View::Team,
        ..ExportOptions::default()
    };
    let scene = scene_for(&d, &Report::default(), &options);
    let page = compose(&scene, &options);
    // Twelve long team names cannot share one row of a narrow page.
    assert!(page.width < 600.0, "{}", page.width);
    let rows: std::collections::BTreeSet<i64> = page
        .decorations
        .iter()
        .filter_map(|p| match p {
            Primitive::Text(t) => Some(t.pos.y.round() as i64),
            _ => None,
        })
        .collect();
    assert!(rows.len() >= 6, "{rows:?}");
}

#[test]
fn empty_diagrams_export() {
    let d = Diagram::new();
    let options = ExportOptions {
        scale: 1,
        ..ExportOptions::default()
    };
    let png = export(&d, Format::Png, &options).expect("exports");
    assert_eq!(crate::file::load_bytes(&png).expect("re-opens"), d);
    let svg = export(&d, Format::Svg, &options).expect("exports");
    assert!(
        String::from_utf8(svg)
            .expect("utf-8")
            .contains("Nothing to draw")
    );
}

#[test]
fn options_are_checked() {
    let d = laid_out(crate::examples::ALL[0].text);
    let scene = scene_for(&d, &Report::default(), &ExportOptions::default());
    for scale in [0, 5] {
        let options = ExportOptions {
            scale,
            ..ExportOptions::default()
        };
        assert_eq!(to_rgba(&scene, &options), Err(ExportError::Scale(scale)));
    }
    let mut far = d.clone();
    far.modules[0].pos = Some(Point::new(1.0e6, 1.0e6));
    let scene = scene_for(&far, &Report::default(), &ExportOptions::default());
    assert!(matches!(
        to_rgba(&scene, &ExportOptions::default()),
        Err(ExportError::TooLarge { .. })
    ));
    let mut broken = d;
    broken.modules[0].pos = Some(Point::new(f32::INFINITY, 0.0));
    let scene = scene_for(&broken, &Report::default(), &ExportOptions::default());
    assert_eq!(
        to_rgba(&scene, &ExportOptions::default()),
        Err(ExportError::NotFinite)
    );
}

#[test]
fn formats_come_from_extensions() {
    use std::path::Path;
    assert_eq!(Format::from_path(Path::new("a/b.PNG")), Some(Format::Png));
    assert_eq!(Format::from_path(Path::new("b.svg")), Some(Format::Svg));
    assert_eq!(Format::from_path(Path::new("b.jpg")), None);
    assert_eq!(Format::from_path(Path::new("png")), None);
}

#[test]
fn exports_show_line_kinds_and_third_party_code() {
    let d = laid_out(
        r#"(
            format: "seams",
            version: 2,
            modules: [
                (id: "app", name: "App"),
                (id: "db", name: "Models", kind: Datastore, third_party: true),
            ],
            interfaces: [
                (id: "load", from: "app", to: "db", kind: Load),
                (id: "write", from: "app", to: "db", kind: Write),
            ],
        )"#,
    );
    let options = ExportOptions::default();
    let svg =
        String::from_utf8(export(&d, Format::Svg, &options).expect("exports")).expect("UTF-8");
    // The Load line is dash-dot: dash, gap, dot, gap.
    assert!(svg.contains(r#"stroke-dasharray="9 3.5 2.5 3.5""#), "{svg}");
    // The third-party tag is plain text on a shape, no special glyph.
    assert!(svg.contains("aria-label=\"3rd\""));
    // The legend explains the shapes, the tag and the line kinds.
    let scene = scene_for(&d, &Report::default(), &options);
    let page = compose(&scene, &options);
    let words = texts(&page.decorations);
    for word in [
        "MODULES",
        "Component",
        "Datastore",
        "Third-party code",
        "INTERFACES",
        "Write",
        "Load",
    ] {
        assert!(words.contains(&word), "{word} in {words:?}");
    }
    assert!(!words.contains(&"Library") && !words.contains(&"Call"));
}
