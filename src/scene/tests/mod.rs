//! Scene tests: the shared sample diagram and helpers here; what is
//! drawn where (`shapes`), views, findings and options (`views`), and the
//! look of each kind (`looks`).

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

mod looks;
mod shapes;
mod views;
