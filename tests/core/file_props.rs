//! Property tests of the file format: loading never panics, whatever the
//! bytes, and save-then-load is the identity on random valid diagrams.

use crate::support::{byte_edits, mutate};
use proptest::prelude::*;
use seams::file::{load_bytes, load_str, to_ron_string};
use seams::model::{
    Acceptance, Diagram, Interface, InterfaceKind, Isolation, Load, MAX_COORDINATE,
    MAX_MODULE_SIZE, Module, ModuleId, ModuleKind, Point, Rect, Release, Reliability, RuleId,
    RuleLevel, Size, Startup, Team, TeamId, Trust, Unit, UnitId, validate,
};

const VALID: &[&str] = &[
    include_str!("../conformance/blast-radius.ron"),
    include_str!("../conformance/cloud-managed.ron"),
    include_str!("../conformance/model-rules.ron"),
    include_str!("../conformance/trust-zones.ron"),
];

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9 ]{0,12}",
        "\\PC{0,8}",
        Just("quote \" back\\slash\nnew line\ttab".to_owned()),
        Just("émoji 🚀 ünïcode".to_owned()),
    ]
}

fn coordinate() -> impl Strategy<Value = f32> {
    prop_oneof![-5000.0f32..5000.0, Just(0.0), Just(1e-7), Just(123_456.79)]
}

fn pick<T: Clone + std::fmt::Debug + 'static>(all: &'static [T]) -> impl Strategy<Value = T> {
    proptest::sample::select(all)
}

prop_compose! {
    fn module_fields()(
        kind in pick(ModuleKind::ALL),
        trust in pick(Trust::ALL),
        zone in proptest::option::of("[a-z]{1,6}"),
        reliability in proptest::option::of(pick(Reliability::ALL)),
        startup in pick(Startup::ALL),
        load in pick(Load::ALL),
        third_party in proptest::bool::weighted(0.2),
        name in text(),
        notes in text(),
        geometry in proptest::option::of((coordinate(), coordinate(), 10.0f32..400.0, 10.0f32..200.0)),
        team_pick in any::<proptest::sample::Index>(),
        unit_pick in any::<proptest::sample::Index>(),
        placed in any::<bool>(),
        owned in any::<bool>(),
    ) -> (Module, proptest::sample::Index, proptest::sample::Index, bool, bool) {
        let mut m = Module::new("draft", name, kind);
        m.trust = trust;
        m.zone = zone;
        m.reliability = reliability;
        m.startup = startup;
        m.load = load;
        m.third_party = third_party;
        m.notes = notes;
        if let Some((x, y, w, h)) = geometry {
            m.pos = Some(Point::new(x, y));
            m.size = Some(Size::new(w, h));
        }
        (m, team_pick, unit_pick, placed, owned)
    }
}

prop_compose! {
    fn diagram()(
        title in text(),
        strong in pick(Isolation::ALL),
        overrides in proptest::collection::btree_map(pick(RuleId::ALL), pick(RuleLevel::ALL), 0..3),
        team_names in proptest::collection::vec(text(), 0..3),
        team_colors in proptest::collection::vec(proptest::option::of("#[0-9a-f]{6}"), 3),
        units in proptest::collection::vec(
            (text(), pick(Isolation::ALL), pick(Release::ALL), any::<proptest::sample::Index>(), any::<bool>(),
             proptest::option::of((coordinate(), coordinate(), 10.0f32..900.0, 10.0f32..900.0))),
            0..6),
        modules in proptest::collection::vec(module_fields(), 2..10),
        interfaces in proptest::collection::vec(
            (any::<proptest::sample::Index>(), any::<proptest::sample::Index>(), pick(InterfaceKind::ALL),
             text(), any::<bool>(), proptest::collection::vec((coordinate(), coordinate()), 0..3)),
            0..12),
        accepted in proptest::collection::vec((text(), "[a-z]{1,10}"), 0..3),
    ) -> Diagram {
        let mut d = Diagram { title, ..Diagram::default() };
        d.settings.strong_isolation = strong;
        d.settings.rules = overrides;
        for (i, name) in team_names.into_iter().enumerate() {
            d.teams.push(Team { id: TeamId::new(format!("team-{i}")), name, color: team_colors[i].clone() });
        }
        for (i, (name, isolation, release, parent, nested, rect)) in units.into_iter().enumerate() {
            let mut unit = Unit::new(format!("unit-{i}"), name, isolation);
            unit.release = release;
            // Parents only among earlier units, so there is never a cycle.
            if nested && i > 0 {
                unit.parent = Some(UnitId::new(format!("unit-{}", parent.index(i))));
            }
            unit.rect = rect.map(|(x, y, w, h)| Rect::new(x, y, w, h));
            d.units.push(unit);
        }
        let unit_count = d.units.len();
        let team_count = d.teams.len();
        for (i, (mut m, team, unit, placed, owned)) in modules.into_iter().enumerate() {
            m.id = ModuleId::new(format!("m-{i}"));
            let kind = m.kind;
            if owned && team_count > 0 {
                m.team = Some(TeamId::new(format!("team-{}", team.index(team_count))));
            }
            if placed && unit_count > 0 && kind != ModuleKind::External {
                m.unit = Some(UnitId::new(format!("unit-{}", unit.index(unit_count))));
            }
            d.modules.push(m);
        }
        let module_count = d.modules.len();
        for (i, (from, to, kind, label, versioned, points)) in interfaces.into_iter().enumerate() {
            let from = from.index(module_count);
            let to = to.index(module_count);
            if from == to || !kind.fits(d.modules[from].kind, d.modules[to].kind) {
                continue;
            }
            let mut f = Interface::new(format!("i-{i}"), ModuleId::new(format!("m-{from}")), ModuleId::new(format!("m-{to}")), kind);
            f.label = label;
            f.versioned = versioned;
            f.points = points.into_iter().map(|(x, y)| Point::new(x, y)).collect();
            d.interfaces.push(f);
        }
        for (i, (reason, rule)) in accepted.into_iter().enumerate() {
            if !reason.trim().is_empty() {
                d.accepted.push(Acceptance { finding: format!("{rule}@x-{i}"), reason });
            }
        }
        d
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn save_then_load_is_the_identity(d in diagram()) {
        prop_assert_eq!(validate(&d), Ok(()));
        let text = to_ron_string(&d);
        let loaded = load_str(&text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(&loaded, &d);
        prop_assert_eq!(to_ron_string(&loaded), text);
    }

    #[test]
    fn any_coordinate_within_the_limits_reads_back_exactly_and_others_are_refused(
        x in proptest::num::f32::NORMAL | proptest::num::f32::SUBNORMAL | proptest::num::f32::ZERO,
        y in proptest::num::f32::ANY,
    ) {
        let mut d = Diagram::default();
        let mut m = Module::new("m", "m", ModuleKind::Component);
        m.pos = Some(Point::new(x, y));
        m.size = Some(Size::new(y.abs(), x.abs()));
        d.modules.push(m);
        let text = to_ron_string(&d);
        let loaded = load_str(&text);
        let within = |v: f32, limit: f32| v.is_finite() && v.abs() <= limit;
        if within(x, MAX_MODULE_SIZE) && within(y, MAX_MODULE_SIZE) {
            prop_assert_eq!(loaded, Ok(d));
        } else if !y.is_finite() {
            prop_assert!(loaded.is_err());
        } else if !(within(x, MAX_COORDINATE) && within(y, MAX_COORDINATE)) {
            let error = loaded.expect_err("outside the limits");
            prop_assert_eq!(error.location.map(|l| l.line), Some(6));
            prop_assert_eq!(error.element.as_deref(), Some("module `m`"));
        }
    }

    #[test]
    fn mutated_saved_files_load_the_same_on_both_paths(
        d in diagram(),
        edits in byte_edits(1..6),
    ) {
        let mut bytes = to_ron_string(&d).into_bytes();
        mutate(&mut bytes, &edits);
        let _ = load_bytes(&bytes);
    }

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let _ = load_bytes(&bytes);
    }

    #[test]
    fn mutated_files_never_panic(
        which in 0..VALID.len(),
        edits in byte_edits(1..8),
    ) {
        let mut bytes = VALID[which].as_bytes().to_vec();
        mutate(&mut bytes, &edits);
        if let Ok(d) = load_bytes(&bytes) {
            // Whatever loads is valid and round-trips.
            prop_assert_eq!(validate(&d), Ok(()));
            prop_assert_eq!(load_str(&to_ron_string(&d)).ok(), Some(d));
        }
    }
}

#[test]
fn deeply_nested_and_huge_input_is_rejected_cleanly() {
    let deep = format!(
        "(format: \"seams\", version: 1, modules: {}",
        "[".repeat(1_000_000)
    );
    assert!(load_str(&deep).is_err());
    let deep_tuples = format!(
        "(format: \"seams\", version: 1, title: {}",
        "(".repeat(1_000_000)
    );
    assert!(load_str(&deep_tuples).is_err());
    let huge = vec![b' '; 65 * 1024 * 1024];
    let err = load_bytes(&huge).expect_err("too large");
    assert!(err.to_string().contains("at most"), "{err}");
}
