//! Scorecards of small diagrams worked out by hand, and of the examples.

use super::*;

fn card(ron: &str) -> Scorecard {
    let diagram = crate::file::load_str(ron).expect("the test diagram loads");
    Scorecard::of(&diagram, &crate::rules::check(&diagram))
}

/// One image (with a sandboxed renderer) beside an apps VM, a managed
/// sync service, a disk of datastores and an unplaced library linked
/// from both releases.
const IMAGE_AND_APPS: &str = r#"#![enable(implicit_some)]
(
    format: "seams",
    version: 1,
    title: "Image and apps",
    units: [
        (id: "img", isolation: Process),
        (id: "sbx", isolation: Sandbox, parent: "img", release: WithParent),
        (id: "apps", isolation: Vm),
        (id: "cloud", isolation: Host, release: Managed),
        (id: "disk", isolation: Host),
    ],
    modules: [
        (id: "kernel", unit: "img", startup: Slow),
        (id: "wm", unit: "img"),
        (id: "browser", unit: "img"),
        (id: "renderer", trust: Untrusted, unit: "sbx"),
        (id: "player", trust: Untrusted, unit: "apps"),
        (id: "editor", unit: "apps"),
        (id: "files", kind: Datastore, trust: Sensitive, unit: "disk"),
        (id: "cfg", kind: Datastore, unit: "img"),
        (id: "web", kind: External),
        (id: "sync", unit: "cloud"),
        (id: "lib", kind: Library),
    ],
    interfaces: [
        (id: "wm-kernel", from: "wm", to: "kernel", kind: Rpc),
        (id: "navigate", from: "browser", to: "renderer", kind: Rpc),
        (id: "player-wm", from: "player", to: "wm", kind: Rpc, versioned: true),
        (id: "editor-wm", from: "editor", to: "wm", kind: Rpc, versioned: true),
        (id: "fetch", from: "browser", to: "web", kind: Rpc),
        (id: "sync-up", from: "browser", to: "sync", kind: Rpc, versioned: true),
        (id: "play", from: "player", to: "files", kind: Read, versioned: true),
        (id: "download", from: "browser", to: "files", kind: Write, versioned: true),
        (id: "browser-lib", from: "browser", to: "lib", kind: Link),
        (id: "editor-lib", from: "editor", to: "lib", kind: Link),
        (id: "lib-cfg", from: "lib", to: "cfg", kind: Read, versioned: true),
        (id: "wm-cfg", from: "wm", to: "cfg", kind: Write),
    ],
)"#;

#[test]
fn an_image_beside_an_apps_vm_worked_out_by_hand() {
    // Releases: img (kernel, wm, browser and the renderer released with
    // it: 4 modules of code) and apps (player, editor). `disk` holds
    // only a datastore, `cloud` is managed: neither is a release.
    // Surface: player-wm, editor-wm (img–apps), fetch (to an external,
    // unversioned), sync-up (to a managed unit), `files` (written from
    // img, read from apps) and `cfg` (written unversioned from img,
    // read by the library deployed in img and apps): 6, 2 unversioned.
    // Every pair is img–apps: 1. No unversioned interface and no
    // lockstep between them: 2 upgrade units, the larger img's 4.
    // The kernel starts slowly: an img upgrade restarts 4.
    // The sandboxed renderer reaches nothing; the player takes the apps
    // VM (the editor) and reads the sensitive files: 2.
    assert_eq!(
        card(IMAGE_AND_APPS),
        Scorecard {
            releases: 2,
            upgrade_units: 2,
            largest_upgrade: 4,
            compatibility_surface: 6,
            compatibility_unversioned: 2,
            skew_pairs: 1,
            restart_scope: 4,
            largest_blast_radius: 2,
            largest_blast_radius_group: Some("lateral-reach@player".to_owned()),
            reachable: 2,
            // lateral-reach@player (the radius holds sensitive files);
            // slow-start-in-unit@img.
            errors: 1,
            warnings: 0,
            infos: 1,
        }
    );
}

/// Ten services, each in its own container, calling along a chain.
fn ten_services(versioned: bool) -> String {
    let units: Vec<String> = (0..10)
        .map(|i| format!("(id: \"s{i}\", isolation: Container)"))
        .collect();
    let modules: Vec<String> = (0..10)
        .map(|i| format!("(id: \"svc-{i}\", unit: \"s{i}\")"))
        .collect();
    let interfaces: Vec<String> = (0..9)
            .map(|i| {
                format!(
                    "(id: \"call-{i}\", from: \"svc-{i}\", to: \"svc-{}\", kind: Rpc, versioned: {versioned})",
                    i + 1
                )
            })
            .collect();
    format!(
        "#![enable(implicit_some)]\n(format: \"seams\", version: 1, units: [{}], modules: [{}], interfaces: [{}])",
        units.join(", "),
        modules.join(", "),
        interfaces.join(", ")
    )
}

#[test]
fn ten_services_without_a_versioned_interface_are_one_upgrade_unit() {
    // A distributed monolith: ten releases, but every unversioned call
    // ties two of them together, so they all upgrade at once.
    let monolith = card(&ten_services(false));
    assert_eq!(
        (
            monolith.releases,
            monolith.upgrade_units,
            monolith.largest_upgrade
        ),
        (10, 1, 10)
    );
    assert_eq!(
        (
            monolith.compatibility_surface,
            monolith.compatibility_unversioned,
            monolith.skew_pairs
        ),
        (9, 9, 9)
    );
    assert_eq!(monolith.largest_blast_radius_group, None);
    // Versioned, each upgrades on its own.
    let services = card(&ten_services(true));
    assert_eq!(
        (
            services.releases,
            services.upgrade_units,
            services.largest_upgrade
        ),
        (10, 10, 1)
    );
    assert_eq!(services.compatibility_unversioned, 0);
}

/// Three services; two share a datastore without versioning (one
/// schema-lockstep group); an unplaced library linked from two of them
/// writes a log.
const LOCKSTEP: &str = r#"#![enable(implicit_some)]
(
    format: "seams",
    version: 1,
    units: [
        (id: "a", isolation: Process),
        (id: "b", isolation: Process),
        (id: "c", isolation: Process),
        (id: "store", isolation: Host),
    ],
    modules: [
        (id: "ma", unit: "a"),
        (id: "mb", unit: "b"),
        (id: "mc", unit: "c"),
        (id: "db", kind: Datastore, unit: "store"),
        (id: "log", kind: Datastore, unit: "store"),
        (id: "lib", kind: Library),
    ],
    interfaces: [
        (id: "ma-db", from: "ma", to: "db", kind: Write),
        (id: "mb-db", from: "mb", to: "db", kind: Read),
        (id: "mc-ma", from: "mc", to: "ma", kind: Rpc, versioned: true),
        (id: "ma-lib", from: "ma", to: "lib", kind: Link),
        (id: "mc-lib", from: "mc", to: "lib", kind: Link),
        (id: "lib-log", from: "lib", to: "log", kind: Write, versioned: true),
    ],
)"#;

#[test]
fn a_shared_schema_merges_upgrade_units() {
    // a and b share db's schema (schema-lockstep): one upgrade unit of
    // 2 modules; c on its own. Surface: db (unversioned), log (written
    // by the library in a and c), mc-ma: 3, 1 unversioned. Pairs: a–b
    // (db), a–c (log, mc-ma): 2.
    let card = card(LOCKSTEP);
    assert_eq!(
        (card.releases, card.upgrade_units, card.largest_upgrade),
        (3, 2, 2)
    );
    assert_eq!(
        (
            card.compatibility_surface,
            card.compatibility_unversioned,
            card.skew_pairs,
            card.restart_scope
        ),
        (3, 1, 2, 0)
    );
}

#[test]
fn the_largest_blast_radius_names_the_smallest_group_on_a_tie() {
    let ron = r#"#![enable(implicit_some)]
(
    format: "seams",
    version: 1,
    units: [(id: "x", isolation: Vm), (id: "y", isolation: Vm)],
    modules: [
        (id: "zz-parser", trust: Untrusted, unit: "x"),
        (id: "svc-x", unit: "x"),
        (id: "aa-parser", trust: Untrusted, unit: "y"),
        (id: "svc-y", unit: "y"),
    ],
    interfaces: [
        (id: "1", from: "svc-x", to: "zz-parser", kind: Call),
        (id: "2", from: "svc-y", to: "aa-parser", kind: Call),
    ],
)"#;
    let card = card(ron);
    assert_eq!(card.largest_blast_radius, 1);
    assert_eq!(
        card.largest_blast_radius_group.as_deref(),
        Some("lateral-reach@aa-parser")
    );
    assert_eq!(card.reachable, 2);
}

#[test]
fn json_has_the_documented_keys_in_order() {
    let json = serde_json::to_string(&card(IMAGE_AND_APPS)).expect("serializes");
    assert_eq!(
        json,
        r#"{"releases":2,"upgrade_units":2,"largest_upgrade":4,"compatibility_surface":6,"compatibility_unversioned":2,"skew_pairs":1,"restart_scope":4,"largest_blast_radius":2,"largest_blast_radius_group":"lateral-reach@player","reachable":2,"errors":1,"warnings":0,"infos":1}"#
    );
    let empty = serde_json::to_value(Scorecard::default()).expect("serializes");
    assert_eq!(empty["largest_blast_radius_group"], serde_json::Value::Null);
    for (key, _, _) in MEASURES {
        assert!(empty.get(key).is_some(), "{key}");
    }
}
