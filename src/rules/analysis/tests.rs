//! Tests of the derived facts: boundaries, weak groups, deployment units,
//! blast radii and foothold groups.

use super::*;
use crate::model::{
    Interface, InterfaceKind, Isolation, Module, ModuleId, ModuleKind, Release, Trust, Unit, UnitId,
};

pub(crate) fn unit(id: &str, isolation: Isolation, parent: Option<&str>) -> Unit {
    let mut u = Unit::new(id, id, isolation);
    u.parent = parent.map(UnitId::new);
    u
}

pub(crate) fn module(id: &str, unit: Option<&str>) -> Module {
    let mut m = Module::new(id, id, ModuleKind::Component);
    m.unit = unit.map(UnitId::new);
    m
}

fn interface(id: &str, from: &str, to: &str, kind: InterfaceKind) -> Interface {
    Interface::new(id, ModuleId::new(from), ModuleId::new(to), kind)
}

/// vm ⊃ ctr ⊃ {p1, sbx}; vm ⊃ p2; root ctr2; root host.
fn nested() -> Diagram {
    Diagram {
        units: vec![
            unit("vm", Isolation::Vm, None),
            unit("ctr", Isolation::Container, Some("vm")),
            unit("p1", Isolation::Process, Some("ctr")),
            unit("sbx", Isolation::Sandbox, Some("ctr")),
            unit("p2", Isolation::Process, Some("vm")),
            unit("ctr2", Isolation::Container, None),
            unit("host", Isolation::Host, None),
        ],
        modules: vec![
            module("a", Some("p1")),
            module("a2", Some("p1")),
            module("s", Some("sbx")),
            module("b", Some("p2")),
            module("c", Some("ctr2")),
            module("h", Some("host")),
            module("top", Some("vm")),
            module("loose", None),
        ],
        ..Diagram::default()
    }
}

#[test]
fn boundaries_follow_the_lowest_common_ancestor() {
    let d = nested();
    let a = Analysis::new(&d);
    let iso = Boundary::Isolated;
    assert_eq!(a.boundary("a", "a2"), Some(Boundary::Shared));
    // Below the LCA `ctr`: p1 and sbx.
    assert_eq!(a.boundary("a", "s"), Some(iso(Isolation::Sandbox)));
    // Below the LCA `vm`: p1, ctr and p2; the Vm itself does not count.
    assert_eq!(a.boundary("a", "b"), Some(iso(Isolation::Container)));
    // A module placed in an ancestor: only the other chain counts.
    assert_eq!(a.boundary("top", "a"), Some(iso(Isolation::Container)));
    assert_eq!(a.boundary("a", "top"), Some(iso(Isolation::Container)));
    // No common ancestor: every unit on both chains.
    assert_eq!(a.boundary("a", "c"), Some(iso(Isolation::Vm)));
    assert_eq!(a.boundary("c", "h"), Some(iso(Isolation::Host)));
    assert_eq!(a.boundary("a", "loose"), None);
    assert_eq!(a.boundary("a", "nobody"), None);
    assert!(Boundary::Shared < iso(Isolation::Process));
    assert!(!a.is_strong(Boundary::Shared));
    assert!(!a.is_strong(iso(Isolation::Container)));
    assert!(a.is_strong(iso(Isolation::Sandbox)));
}

#[test]
fn weak_groups_agree_with_boundaries() {
    let d = nested();
    let a = Analysis::new(&d);
    for x in 0..d.modules.len() {
        for y in 0..d.modules.len() {
            let by_boundary = a.boundary_at(x, y).map(|b| a.is_strong(b));
            assert_eq!(a.strongly_separated(x, y), by_boundary, "{x} {y}");
        }
    }
    // Two root weak units share the virtual root's group.
    let mut d2 = d.clone();
    d2.units.push(unit("ctr3", Isolation::Container, None));
    d2.modules.push(module("c3", Some("ctr3")));
    let a2 = Analysis::new(&d2);
    assert_eq!(
        a2.boundary("c", "c3"),
        Some(Boundary::Isolated(Isolation::Container))
    );
    assert_eq!(a2.strongly_separated(4, 8), Some(false));
}

#[test]
fn link_is_always_shared() {
    let mut d = nested();
    let mut lib = Module::new("lib", "lib", ModuleKind::Library);
    lib.unit = Some(UnitId::new("host"));
    d.modules.push(lib);
    d.interfaces
        .push(interface("a-links", "a", "lib", InterfaceKind::Link));
    d.interfaces
        .push(interface("a-calls", "a", "lib", InterfaceKind::Rpc));
    let a = Analysis::new(&d);
    assert_eq!(a.interface_boundary("a-links"), Some(Boundary::Shared));
    assert_eq!(
        a.interface_boundary("a-calls"),
        Some(Boundary::Isolated(Isolation::Host))
    );
}

#[test]
fn deployment_units_walk_up_through_with_parent() {
    let mut d = nested();
    d.unit_mut("ctr").expect("ctr").release = Release::WithParent;
    d.unit_mut("p1").expect("p1").release = Release::WithParent;
    d.unit_mut("ctr2").expect("ctr2").release = Release::WithParent;
    d.unit_mut("host").expect("host").release = Release::Managed;
    d.units.push({
        let mut u = unit("host-child", Isolation::Process, Some("host"));
        u.release = Release::WithParent;
        u
    });
    let a = Analysis::new(&d);
    let du = |m| a.deployment_unit(m).map(UnitId::as_str);
    assert_eq!(du("a"), Some("vm"));
    assert_eq!(du("s"), Some("sbx"));
    // A root WithParent unit counts as Own.
    assert_eq!(du("c"), Some("ctr2"));
    assert_eq!(du("loose"), None);
    assert!(a.is_managed("host-child"));
    assert!(!a.is_managed("p1"));
    let held: Vec<&str> = a.held("vm").into_iter().map(ModuleId::as_str).collect();
    assert_eq!(held, ["a", "a2", "top"]);
}

#[test]
fn unplaced_libraries_are_deployed_with_their_linkers() {
    let mut d = nested();
    d.modules
        .push(Module::new("lib", "lib", ModuleKind::Library));
    d.modules
        .push(Module::new("inner", "inner", ModuleKind::Library));
    d.interfaces
        .push(interface("1", "a", "lib", InterfaceKind::Link));
    d.interfaces
        .push(interface("2", "c", "lib", InterfaceKind::Link));
    d.interfaces
        .push(interface("3", "lib", "inner", InterfaceKind::Link));
    d.interfaces
        .push(interface("4", "h", "inner", InterfaceKind::Link));
    d.interfaces
        .push(interface("5", "loose", "inner", InterfaceKind::Link));
    let a = Analysis::new(&d);
    let units = |m| {
        a.library_deployment(m)
            .into_iter()
            .map(UnitId::as_str)
            .collect::<Vec<_>>()
    };
    assert_eq!(units("lib"), ["ctr2", "p1"]);
    assert_eq!(units("inner"), ["ctr2", "host", "p1"]);
    assert!(units("a").is_empty());
}

#[test]
fn unit_cycles_are_cut_instead_of_looping() {
    let d = Diagram {
        units: vec![
            unit("x", Isolation::Process, Some("y")),
            unit("y", Isolation::Process, Some("x")),
        ],
        modules: vec![module("a", Some("x")), module("b", Some("y"))],
        ..Diagram::default()
    };
    let a = Analysis::new(&d);
    assert!(a.boundary("a", "b").is_some());
    assert!(a.deployment_unit("a").is_some());
}

/// The invoice OCR case: spread through an unplaced untrusted library.
fn ocr() -> Diagram {
    let mut sbx = unit("sbx", Isolation::Sandbox, Some("ctr"));
    sbx.release = Release::WithParent;
    let mut pdf = Module::new("pdf", "pdf", ModuleKind::Library);
    pdf.trust = Trust::Untrusted;
    let db = |id: &str, unit: &str| {
        let mut m = Module::new(id, id, ModuleKind::Datastore);
        m.unit = Some(UnitId::new(unit));
        m
    };
    let mut helper = Module::new("helper", "helper", ModuleKind::Library);
    helper.unit = Some(UnitId::new("vm2"));
    Diagram {
        units: vec![
            unit("ctr", Isolation::Container, None),
            sbx,
            unit("vm", Isolation::Vm, None),
            unit("vm2", Isolation::Vm, None),
        ],
        modules: vec![
            module("api", Some("ctr")),
            module("worker", Some("ctr")),
            pdf,
            module("preview", Some("sbx")),
            db("invoices", "vm"),
            db("templates", "vm"),
            db("audit", "vm"),
            helper,
            Module::new("users", "users", ModuleKind::External),
        ],
        interfaces: vec![
            interface("link", "worker", "pdf", InterfaceKind::Link),
            interface("ext-link", "users", "pdf", InterfaceKind::Link),
            interface("store", "worker", "invoices", InterfaceKind::Write),
            interface("tpl", "api", "templates", InterfaceKind::Read),
            interface("help", "api", "helper", InterfaceKind::Link),
            interface("audit", "helper", "audit", InterfaceKind::Write),
            interface("preview", "api", "preview", InterfaceKind::Rpc),
        ],
        ..Diagram::default()
    }
}

#[test]
fn blast_radius_spreads_by_link_colocation_and_data_access() {
    let d = ocr();
    let a = Analysis::new(&d);
    let radius = a.blast_radius("pdf").expect("pdf is untrusted");
    let reached: Vec<&str> = radius.reached.iter().map(ModuleId::as_str).collect();
    // Not the sandboxed preview, not the external, not the acting
    // helper, not the templates the api only reads (not sensitive).
    assert_eq!(reached, ["api", "audit", "invoices", "worker"]);
    let path: Vec<(&str, Spread)> = radius
        .path_to("audit")
        .iter()
        .map(|s| (s.module.as_str(), s.how))
        .collect();
    assert_eq!(
        path,
        [
            ("worker", Spread::LinksCompromised),
            ("api", Spread::CoLocated),
            ("helper", Spread::Linked),
            ("audit", Spread::Writes),
        ]
    );
    let helper = radius.step("helper").expect("helper is touched");
    assert_eq!(helper.role, Role::Acting);
    assert!(!helper.in_radius);
    assert!(radius.contains("worker") && !radius.contains("helper"));
    assert!(a.blast_radius("api").is_none(), "api is trusted");
    assert!(a.blast_radius("users").is_none(), "externals have none");
}

#[test]
fn blast_radius_leaves_out_those_who_trust_the_source() {
    let mut d = ocr();
    d.module_mut("api").expect("api").trust = Trust::Untrusted;
    let a = Analysis::new(&d);
    let radius = a.blast_radius("pdf").expect("untrusted");
    assert!(!radius.contains("api"));
    assert!(radius.step("api").is_some(), "still on the paths");
    d.module_mut("api").expect("api").zone = Some("tenant".into());
    let a = Analysis::new(&d);
    assert!(a.blast_radius("pdf").expect("untrusted").contains("api"));
}

#[test]
fn foothold_groups_match_one_foothold_at_a_time() {
    for seed in 0..4 {
        let mut d = crate::model::generate::synthetic(400, seed);
        // Some loads, so that compromise also spreads through data.
        for (i, f) in d.interfaces.iter_mut().enumerate() {
            if f.kind == InterfaceKind::Read && i % 3 == 0 {
                f.kind = InterfaceKind::Load;
            }
        }
        let a = Analysis::new(&d);
        let groups = a.foothold_groups();
        assert!(!groups.is_empty());
        let mut grouped = 0;
        for group in &groups {
            // The union of the members' radii, one foothold at a time.
            let mut union: Vec<&ModuleId> = Vec::new();
            let mut compromised: Option<Vec<&ModuleId>> = None;
            for &f in &group.footholds {
                let one = a
                    .blast_radius(d.modules[f as usize].id.as_str())
                    .expect("a foothold");
                union.extend(
                    one.reached
                        .iter()
                        .map(|id| &d.modules[a.module_position(id.as_str()).expect("known")].id),
                );
                for step in &one.steps {
                    assert!(!one.path_to(step.module.as_str()).is_empty());
                }
                // Members share one compromised set.
                let mut set: Vec<&ModuleId> = one
                    .steps
                    .iter()
                    .filter(|s| s.role == Role::Compromised)
                    .map(|s| &d.modules[a.module_position(s.module.as_str()).expect("known")].id)
                    .chain([&d.modules[f as usize].id])
                    .collect();
                set.sort_unstable();
                match &compromised {
                    None => compromised = Some(set),
                    Some(first) => assert_eq!(first, &set),
                }
            }
            union.sort_unstable();
            union.dedup();
            let mut radius: Vec<&ModuleId> = group
                .radius
                .iter()
                .map(|&m| &d.modules[m as usize].id)
                .collect();
            radius.sort_unstable();
            assert_eq!(radius, union);
            grouped += group.footholds.len();
        }
        let footholds = (0..d.modules.len())
            .filter(|&m| a.foothold_of(m).is_some())
            .count();
        assert_eq!(grouped, footholds, "every foothold in one group");
        assert!(a.group_count() > 0);
    }
}
