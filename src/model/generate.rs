//! Synthetic diagrams of any size, for benchmarks and property tests.
//!
//! The shape follows the performance targets in the issues: about two
//! interfaces per module, a unit per ~10 modules nested up to three deep,
//! ~5% untrusted modules, shared libraries (some unplaced, a fifth of them
//! third-party) and datastores used from several units, a tenth of the
//! datastore accesses loading code. Deterministic for a given seed; no
//! geometry.

use super::{
    Diagram, Interface, InterfaceKind, Isolation, Load, Module, ModuleId, ModuleKind, Release,
    Reliability, Startup, Team, TeamId, Trust, Unit, UnitId,
};

/// A small deterministic pseudo-random generator (xorshift64*), so the core
/// needs no `rand` dependency.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// Seeds the generator (any seed, zero included).
    #[must_use]
    pub fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// True with probability `percent`/100.
    pub fn percent(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }
}

/// A valid diagram with `modules` modules (at least 2), shaped like a real
/// system: see the module docs.
#[must_use]
pub fn synthetic(modules: usize, seed: u64) -> Diagram {
    let modules = modules.max(2);
    let mut rng = Rng::new(seed);
    let mut diagram = Diagram {
        title: format!("Synthetic system with {modules} modules"),
        ..Diagram::default()
    };
    for t in 0..4 {
        diagram.teams.push(Team {
            id: TeamId::new(format!("team-{t}")),
            name: format!("Team {t}"),
            color: None,
        });
    }

    let unit_count = (modules / 10).max(1);
    add_units(&mut diagram, unit_count, &mut rng);
    for m in 0..modules {
        let module = module(m, unit_count, &mut rng);
        diagram.modules.push(module);
    }
    add_interfaces(&mut diagram, &mut rng);
    diagram
}

/// Units in chains of up to three: a root, a child, a grandchild.
fn add_units(diagram: &mut Diagram, unit_count: usize, rng: &mut Rng) {
    for u in 0..unit_count {
        let depth = u % 3;
        let (isolation, parent, release) = match depth {
            0 => (
                [Isolation::Vm, Isolation::Container, Isolation::Host][rng.below(3)],
                None,
                if rng.percent(5) {
                    Release::Managed
                } else {
                    Release::Own
                },
            ),
            _ => (
                [Isolation::Process, Isolation::Sandbox, Isolation::Container][rng.below(3)],
                Some(UnitId::new(format!("unit-{}", u - 1))),
                if rng.percent(50) {
                    Release::WithParent
                } else {
                    Release::Own
                },
            ),
        };
        let mut unit = Unit::new(format!("unit-{u}"), format!("Unit {u}"), isolation);
        unit.parent = parent;
        unit.release = release;
        diagram.units.push(unit);
    }
}

/// Module `m`: mostly components, with libraries, datastores and a few
/// externals; neighbours share units.
fn module(m: usize, unit_count: usize, rng: &mut Rng) -> Module {
    let roll = rng.below(100);
    let kind = match roll {
        0..=4 => ModuleKind::Library,
        5..=9 => ModuleKind::Datastore,
        10 => ModuleKind::External,
        _ => ModuleKind::Component,
    };
    let mut module = Module::new(format!("m-{m}"), format!("Module {m}"), kind);
    module.trust = match (kind, rng.below(100)) {
        (ModuleKind::External, _) | (_, 0..=4) => Trust::Untrusted,
        (_, 5..=9) => Trust::Sensitive,
        _ => Trust::Trusted,
    };
    if module.trust == Trust::Untrusted && rng.percent(30) {
        module.zone = Some(format!("tenant-{}", rng.below(3)));
    }
    module.team = Some(TeamId::new(format!("team-{}", rng.below(4))));
    let unplaced_library = kind == ModuleKind::Library && rng.percent(50);
    if kind != ModuleKind::External && !unplaced_library {
        // Neighbouring modules share units, so systems have locality.
        module.unit = Some(UnitId::new(format!(
            "unit-{}",
            (m / 10).min(unit_count - 1)
        )));
    }
    if rng.percent(30) {
        module.reliability = Some(Reliability::ALL[rng.below(Reliability::ALL.len())]);
    }
    if rng.percent(5) {
        module.startup = Startup::Slow;
    }
    if rng.percent(10) {
        module.load = Load::ALL[rng.below(Load::ALL.len())];
    }
    module.third_party = match kind {
        ModuleKind::Library => rng.percent(20),
        ModuleKind::Component => rng.percent(3),
        _ => false,
    };
    module
}

/// About two interfaces from each module that is not a datastore, mostly
/// to nearby modules.
fn add_interfaces(diagram: &mut Diagram, rng: &mut Rng) {
    let modules = diagram.modules.len();
    let kinds: Vec<ModuleKind> = diagram.modules.iter().map(|m| m.kind).collect();
    let units: Vec<Option<UnitId>> = diagram.modules.iter().map(|m| m.unit.clone()).collect();
    let mut next_id = 0usize;
    for from in 0..modules {
        if kinds[from] == ModuleKind::Datastore {
            continue;
        }
        for _ in 0..2 {
            // Mostly local targets, some anywhere.
            let to = if rng.percent(80) {
                let offset = 1 + rng.below(25);
                (from + offset) % modules
            } else {
                rng.below(modules)
            };
            if to == from {
                continue;
            }
            let kind = match kinds[to] {
                ModuleKind::Library => InterfaceKind::Link,
                ModuleKind::Datastore => match rng.below(10) {
                    0 => InterfaceKind::Load,
                    1..=5 => InterfaceKind::Read,
                    _ => InterfaceKind::Write,
                },
                _ if units[from].is_some() && units[from] == units[to] => InterfaceKind::Call,
                _ if rng.percent(15) => InterfaceKind::Queue,
                _ => InterfaceKind::Rpc,
            };
            let mut interface = Interface::new(
                format!("i-{next_id}"),
                ModuleId::new(format!("m-{from}")),
                ModuleId::new(format!("m-{to}")),
                kind,
            );
            interface.versioned = rng.percent(50);
            next_id += 1;
            diagram.interfaces.push(interface);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synthetic_diagrams_are_valid_and_deterministic() {
        for n in [2, 10, 137, 1000] {
            let d = synthetic(n, 7);
            assert_eq!(crate::model::validate(&d), Ok(()), "{n}");
            assert_eq!(d.modules.len(), n);
            assert_eq!(d, synthetic(n, 7));
        }
    }
}
