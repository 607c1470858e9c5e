//! Property tests of the edit layer: random sequences of user-level edits
//! keep the diagram valid at every step, and undoing them all gives back the
//! original diagram exactly (redoing them all gives back the final one).

use proptest::prelude::*;
use seams::edit::clipboard::{self, PasteAt};
use seams::edit::geometry::{self, Drop};
use seams::edit::ops::{self, End, UnitContents};
use seams::edit::{ElementRef, History, teams};
use seams::model::{
    Diagram, Forest, InterfaceKind, Isolation, ModuleKind, Point, Rect, Size, Trust, validate,
};

/// A synthetic diagram with a simple grid layout, units wrapped around
/// what they hold.
fn start(modules: usize, seed: u64) -> Diagram {
    let mut d = seams::model::generate::synthetic(modules, seed);
    for (i, m) in d.modules.iter_mut().enumerate() {
        m.pos = Some(Point::new((i % 6) as f32 * 200.0, (i / 6) as f32 * 120.0));
        m.size = Some(Size::new(160.0, 64.0));
    }
    let units: Vec<_> = d.units.iter().map(|u| u.id.clone()).collect();
    geometry::grow_units_to_fit(&mut d, units);
    d
}

/// One user action, with indices and numbers resolved against the current
/// diagram when it runs (so every sequence is meaningful).
#[derive(Clone, Debug)]
enum Op {
    AddModule(usize, f32, f32),
    AddUnit(usize, f32, f32),
    Move(usize, f32, f32, bool),
    MoveUnit(usize, f32, f32),
    Resize(usize, f32, f32),
    Rename(usize, String),
    Connect(usize, usize, usize),
    Reverse(usize),
    Reconnect(usize, bool, usize),
    Delete(usize, bool),
    DeleteUnit(usize, bool),
    CopyPaste(usize, usize),
    SetTrust(usize, usize),
    SetKind(usize, usize),
    PlaceModule(usize, usize),
    PlaceUnit(usize, usize),
    AddTeam(String),
    RemoveTeam(usize),
    Paste(String),
}

fn op() -> impl Strategy<Value = Op> {
    let n = 0usize..10_000;
    let coord = -400.0f32..1600.0;
    prop_oneof![
        (0usize..4, coord.clone(), coord.clone()).prop_map(|(k, x, y)| Op::AddModule(k, x, y)),
        (0usize..5, coord.clone(), coord.clone()).prop_map(|(k, x, y)| Op::AddUnit(k, x, y)),
        (n.clone(), -300.0f32..300.0, -300.0f32..300.0, any::<bool>())
            .prop_map(|(i, x, y, d)| Op::Move(i, x, y, d)),
        (n.clone(), -300.0f32..300.0, -300.0f32..300.0).prop_map(|(i, x, y)| Op::MoveUnit(i, x, y)),
        (n.clone(), 0.0f32..400.0, 0.0f32..400.0).prop_map(|(i, w, h)| Op::Resize(i, w, h)),
        (n.clone(), "[a-zA-Z ]{0,12}").prop_map(|(i, s)| Op::Rename(i, s)),
        (n.clone(), n.clone(), 0usize..6).prop_map(|(a, b, k)| Op::Connect(a, b, k)),
        n.clone().prop_map(Op::Reverse),
        (n.clone(), any::<bool>(), n.clone()).prop_map(|(i, e, m)| Op::Reconnect(i, e, m)),
        (n.clone(), any::<bool>()).prop_map(|(i, u)| Op::Delete(i, u)),
        (n.clone(), any::<bool>()).prop_map(|(i, c)| Op::DeleteUnit(i, c)),
        (n.clone(), n.clone()).prop_map(|(a, b)| Op::CopyPaste(a, b)),
        (n.clone(), 0usize..3).prop_map(|(i, t)| Op::SetTrust(i, t)),
        (n.clone(), 0usize..4).prop_map(|(i, k)| Op::SetKind(i, k)),
        (n.clone(), n.clone()).prop_map(|(m, u)| Op::PlaceModule(m, u)),
        (n.clone(), n.clone()).prop_map(|(u, p)| Op::PlaceUnit(u, p)),
        "[a-z]{0,6}".prop_map(Op::AddTeam),
        n.clone().prop_map(Op::RemoveTeam),
        ".{0,40}".prop_map(Op::Paste),
    ]
}

fn module_at(d: &Diagram, i: usize) -> Option<ElementRef> {
    (!d.modules.is_empty()).then(|| ElementRef::Module(d.modules[i % d.modules.len()].id.clone()))
}

fn unit_at(d: &Diagram, i: usize) -> Option<ElementRef> {
    (!d.units.is_empty()).then(|| ElementRef::Unit(d.units[i % d.units.len()].id.clone()))
}

/// The edit `op` makes on `d`, if it makes one.
fn build(d: &Diagram, op: &Op) -> Option<(seams::edit::Edit, &'static str)> {
    let modules = d.modules.len().max(1);
    let interfaces = d.interfaces.len().max(1);
    let edit = match op {
        Op::AddModule(k, x, y) => {
            ops::add_module(d, ModuleKind::ALL[*k], Rect::new(*x, *y, 160.0, 64.0)).0
        }
        Op::AddUnit(k, x, y) => {
            ops::add_unit(d, Isolation::ALL[*k], Rect::new(*x, *y, 300.0, 200.0)).0
        }
        Op::Move(i, dx, dy, drop) => {
            let m = module_at(d, *i)?;
            let at = d.module(m.id())?.rect()?.center();
            let drop = if *drop {
                Drop::At(Point::new(at.x + dx, at.y + dy))
            } else {
                Drop::KeepUnits
            };
            geometry::move_elements(d, &Forest::new(d), &[m], *dx, *dy, drop).ok()?
        }
        Op::MoveUnit(i, dx, dy) => {
            let u = unit_at(d, *i)?;
            let rect = d.unit(u.id())?.rect?;
            geometry::move_elements(
                d,
                &Forest::new(d),
                &[u],
                *dx,
                *dy,
                Drop::At(Point::new(rect.x + dx + 4.0, rect.y + dy + 4.0)),
            )
            .ok()?
        }
        Op::Resize(i, width, height) => {
            let element = if i % 2 == 0 {
                module_at(d, *i)?
            } else {
                unit_at(d, *i)?
            };
            let at = match &element {
                ElementRef::Module(id) => d.module(id.as_str())?.rect()?,
                _ => d.unit(element.id())?.rect?,
            };
            geometry::resize(
                d,
                &Forest::new(d),
                &element,
                Rect::new(at.x, at.y, *width, *height),
            )
            .ok()?
        }
        Op::Rename(i, name) => ops::rename(d, &module_at(d, *i)?, name),
        Op::Connect(a, b, k) => {
            let a = &d.modules.get(a % modules)?.id;
            let b = &d.modules.get(b % modules)?.id;
            ops::connect(d, a.as_str(), b.as_str(), InterfaceKind::ALL[*k])
                .ok()?
                .0
        }
        Op::Reverse(i) => ops::reverse(d, d.interfaces.get(i % interfaces)?.id.as_str()).ok()?,
        Op::Reconnect(i, from, m) => {
            let f = d.interfaces.get(i % interfaces)?;
            let end = if *from { End::From } else { End::To };
            ops::reconnect(
                d,
                f.id.as_str(),
                end,
                d.modules.get(m % modules)?.id.as_str(),
            )
            .ok()?
        }
        Op::Delete(i, interface) => {
            let e = if *interface {
                ElementRef::Interface(d.interfaces.get(i % interfaces)?.id.clone())
            } else {
                module_at(d, *i)?
            };
            ops::delete(d, &[e], UnitContents::Delete)
        }
        Op::DeleteUnit(i, contents) => {
            let mode = if *contents {
                UnitContents::Delete
            } else {
                UnitContents::MoveToParent
            };
            ops::delete(d, &[unit_at(d, *i)?], mode)
        }
        Op::CopyPaste(a, b) => {
            let selection: Vec<ElementRef> = [module_at(d, *a), unit_at(d, *b)]
                .into_iter()
                .flatten()
                .collect();
            // Through the clipboard's text, as the editor does.
            let text = seams::file::to_ron_string(&clipboard::copy(d, &selection)?);
            let clip = seams::file::load_str(&text).ok()?;
            clipboard::paste(d, &clip, PasteAt::Offset(24.0, 24.0), 8.0)
                .ok()?
                .0
        }
        Op::SetTrust(i, t) => {
            let id = module_at(d, *i)?;
            ops::update_module(d, id.id(), |m| m.trust = Trust::ALL[*t]).ok()?
        }
        Op::SetKind(i, k) => {
            let id = module_at(d, *i)?;
            ops::update_module(d, id.id(), |m| m.kind = ModuleKind::ALL[*k]).ok()?
        }
        Op::PlaceModule(m, u) => {
            let m = module_at(d, *m)?;
            let unit = d.units.get(u % (d.units.len() + 1)).map(|u| u.id.clone());
            geometry::place_module(d, m.id(), unit.as_ref()).ok()?
        }
        Op::PlaceUnit(u, p) => {
            let u = unit_at(d, *u)?;
            let parent = d.units.get(p % (d.units.len() + 1)).map(|u| u.id.clone());
            geometry::place_unit(d, u.id(), parent.as_ref()).ok()?
        }
        Op::AddTeam(name) => teams::add_team(d, name).0,
        Op::RemoveTeam(i) => {
            let team = d.teams.get(i % d.teams.len().max(1))?;
            teams::remove_team(d, team.id.as_str()).ok()?
        }
        Op::Paste(text) => {
            let clip = seams::file::load_str(text).ok()?;
            clipboard::paste(d, &clip, PasteAt::TopLeft(Point::new(0.0, 0.0)), 8.0)
                .ok()?
                .0
        }
    };
    Some((edit, "step"))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, .. ProptestConfig::default() })]

    #[test]
    fn undoing_everything_restores_the_original(
        seed in any::<u64>(),
        size in 2usize..30,
        ops in prop::collection::vec(op(), 1..40),
    ) {
        let original = start(size, seed);
        prop_assert_eq!(validate(&original), Ok(()));
        let mut d = original.clone();
        let mut history = History::new();
        let mut applied = 0;
        for op in &ops {
            let Some((edit, label)) = build(&d, op) else { continue };
            let before = d.clone();
            // Builders check what they can explain; whatever they build
            // must then pass validation, so a refusal here is a builder bug.
            let result = history.apply(&mut d, edit, label);
            prop_assert!(result.is_ok(), "{:?} was refused: {:?}", op, result);
            if d != before {
                applied += 1;
            }
            prop_assert_eq!(validate(&d), Ok(()), "after {:?}", op);
        }
        let last = d.clone();
        let mut undone = 0;
        while history.undo(&mut d).is_some() {
            undone += 1;
            prop_assert_eq!(validate(&d), Ok(()));
        }
        prop_assert!(undone >= applied);
        prop_assert_eq!(&d, &original);
        while history.redo(&mut d).is_some() {}
        prop_assert_eq!(&d, &last);
    }
}
