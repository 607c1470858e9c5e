//! The derived structure of one diagram revision: the unit forest and the
//! id index, computed once and read by everyone below the editor.
//!
//! Units nest through `parent`; modules sit in units. Several parts need
//! the same facts about that nesting: the rules (boundaries, deployment
//! units), the comparison, the scene (draw order, colours by deployment
//! unit), the layout (containers bottom-up) and the edits (re-parenting).
//! Two copies of "deployment unit" would one day disagree on screen, so
//! [`Forest`] is their one owner: build it with [`Forest::new`] once per
//! revision and ask it by position (`usize` into the diagram's lists) or
//! resolve ids through its [`IdMap`]s.
//!
//! Positions are what the pure core already passes around (`usize`
//! into the diagram's lists), so a reader swaps its own map or walk for a
//! call: the rules' [`crate::rules::Analysis`] and the comparison read it
//! today (`Analysis::with_forest` takes one built earlier, so one revision
//! builds it once); for the scene, `deployment_unit`, `depth` /
//! `top_down` and `module` / `unit` / `team` replace its own walks and id
//! maps; for the layout, `parent`, `depth`, `children` and `modules_in`
//! are its container tree; for edits, `ancestors` and `is_within` are
//! `Diagram::unit_chain` without the repeated linear lookups.
//!
//! It never panics, even on a diagram that would not validate: unknown
//! references count as absent, a repeated id resolves to its first element,
//! and a unit that is its own ancestor is cut from its parent (the first
//! link that closes the cycle, walking up from the lowest position).

use super::{Adjacency, Diagram, ElementKind, IdMap, ModuleKind, Release};
use std::sync::OnceLock;

/// "No unit" in the packed tables.
const NONE: u32 = u32::MAX;

/// The unit forest and id index of one diagram revision.
///
/// Positions are indices into `Diagram::modules`, `Diagram::units`,
/// `Diagram::interfaces` and `Diagram::teams`.
#[derive(Clone, Debug, Default)]
pub struct Forest {
    modules: IdMap,
    units: IdMap,
    /// Interfaces and teams by id, built on first use: the rules never
    /// look them up, and on a large diagram the interface index alone
    /// would be a sizeable share of a check.
    interfaces: OnceLock<IdMap>,
    teams: OnceLock<IdMap>,
    /// Parent of each unit (`NONE` for roots; cycles are cut).
    parent: Vec<u32>,
    /// Depth of each unit: 0 for roots.
    depth: Vec<u32>,
    /// Every unit, parents before their children (by depth, then position).
    top_down: Vec<u32>,
    /// The deployment unit of each unit.
    deployment: Vec<u32>,
    /// Child units of each unit, in file order.
    children: Adjacency<u32>,
    /// Root units, in file order.
    roots: Vec<u32>,
    /// Innermost unit of each module (`NONE` when unplaced, its unit is
    /// unknown, or it is `External`: an external module is never placed).
    module_unit: Vec<u32>,
    /// The modules placed directly in each unit, in file order.
    unit_modules: Adjacency<u32>,
    /// Both ends of each interface by module position (`NONE` when unknown).
    ends: Vec<(u32, u32)>,
    /// The interfaces at each module, built on first use (edits ask it,
    /// the rules do not).
    lines: OnceLock<Adjacency<u32>>,
}

impl Forest {
    /// Derives the forest and the id index of `diagram`: linear in its size.
    #[must_use]
    pub fn new(diagram: &Diagram) -> Self {
        let modules = IdMap::new(diagram.modules.iter().map(|m| m.id.as_str()));
        let units = IdMap::new(diagram.units.iter().map(|u| u.id.as_str()));
        let n_units = diagram.units.len();

        let parent = cut_cycles(
            &diagram
                .units
                .iter()
                .map(|u| {
                    u.parent
                        .as_ref()
                        .and_then(|p| units.get_u32(p.as_str()))
                        .unwrap_or(NONE)
                })
                .collect::<Vec<_>>(),
        );
        let (depth, top_down) = depths(&parent);

        // Deployment units, top-down so a parent's is known before its
        // child's: a `WithParent` unit is deployed with its parent's; a
        // root `WithParent` unit counts as `Own`.
        let mut deployment: Vec<u32> = (0..n_units as u32).collect();
        for &u in &top_down {
            let p = parent[u as usize];
            if diagram.units[u as usize].release == Release::WithParent && p != NONE {
                deployment[u as usize] = deployment[p as usize];
            }
        }

        let mut child_pairs = Vec::new();
        let mut roots = Vec::new();
        for (u, &p) in parent.iter().enumerate() {
            if p == NONE {
                roots.push(u as u32);
            } else {
                child_pairs.push((p, u as u32));
            }
        }

        let module_unit: Vec<u32> = diagram
            .modules
            .iter()
            .map(|m| {
                if m.kind == ModuleKind::External {
                    return NONE;
                }
                m.unit
                    .as_ref()
                    .and_then(|u| units.get_u32(u.as_str()))
                    .unwrap_or(NONE)
            })
            .collect();
        let placed: Vec<(u32, u32)> = module_unit
            .iter()
            .enumerate()
            .filter(|&(_, &u)| u != NONE)
            .map(|(m, &u)| (u, m as u32))
            .collect();

        let ends = diagram
            .interfaces
            .iter()
            .map(|f| {
                (
                    modules.get_u32(f.from.as_str()).unwrap_or(NONE),
                    modules.get_u32(f.to.as_str()).unwrap_or(NONE),
                )
            })
            .collect();

        Forest {
            modules,
            units,
            interfaces: OnceLock::new(),
            teams: OnceLock::new(),
            children: Adjacency::build(n_units, &child_pairs),
            unit_modules: Adjacency::build(n_units, &placed),
            parent,
            depth,
            top_down,
            deployment,
            roots,
            module_unit,
            ends,
            lines: OnceLock::new(),
        }
    }

    // ----- The id index -----

    /// The position of the module with `id`.
    #[must_use]
    pub fn module(&self, id: &str) -> Option<usize> {
        self.modules.get(id)
    }

    /// The position of the unit with `id`.
    #[must_use]
    pub fn unit(&self, id: &str) -> Option<usize> {
        self.units.get(id)
    }

    /// The position of the interface with `id` in `diagram`, which must be
    /// the diagram this forest was built from (its interface index is
    /// built from it on the first lookup).
    #[must_use]
    pub fn interface(&self, diagram: &Diagram, id: &str) -> Option<usize> {
        debug_assert_eq!(diagram.interfaces.len(), self.ends.len(), "another diagram");
        self.interfaces
            .get_or_init(|| IdMap::new(diagram.interfaces.iter().map(|f| f.id.as_str())))
            .get(id)
    }

    /// The position of the team with `id` in `diagram`, which must be the
    /// diagram this forest was built from (as for [`Forest::interface`]).
    #[must_use]
    pub fn team(&self, diagram: &Diagram, id: &str) -> Option<usize> {
        self.teams
            .get_or_init(|| IdMap::new(diagram.teams.iter().map(|t| t.id.as_str())))
            .get(id)
    }

    /// The kind and position of the element with `id` in `diagram` (the
    /// forest's own). Ids share one namespace; should a diagram that would
    /// not validate repeat one across kinds, modules win, then units,
    /// interfaces, teams.
    #[must_use]
    pub fn element(&self, diagram: &Diagram, id: &str) -> Option<(ElementKind, usize)> {
        self.module(id)
            .map(|m| (ElementKind::Module, m))
            .or_else(|| self.unit(id).map(|u| (ElementKind::Unit, u)))
            .or_else(|| {
                self.interface(diagram, id)
                    .map(|f| (ElementKind::Interface, f))
            })
            .or_else(|| self.team(diagram, id).map(|t| (ElementKind::Team, t)))
    }

    /// The module ids, for lookups by packed position.
    #[must_use]
    pub fn module_ids(&self) -> &IdMap {
        &self.modules
    }

    /// The unit ids, for lookups by packed position.
    #[must_use]
    pub fn unit_ids(&self) -> &IdMap {
        &self.units
    }

    /// The modules at both ends of interface `interface` (`from`, `to`),
    /// or `None` when either end is unknown.
    #[must_use]
    pub fn ends(&self, interface: usize) -> Option<(usize, usize)> {
        match self.ends.get(interface) {
            Some(&(from, to)) if from != NONE && to != NONE => Some((from as usize, to as usize)),
            _ => None,
        }
    }

    /// The interfaces with module `m` at either end, in file order (a line
    /// from a module to itself once).
    pub fn interfaces_at(&self, m: usize) -> impl ExactSizeIterator<Item = usize> + '_ {
        let lines = self.lines.get_or_init(|| {
            let mut pairs = Vec::with_capacity(2 * self.ends.len());
            for (i, &(from, to)) in self.ends.iter().enumerate() {
                if from != NONE {
                    pairs.push((from, i as u32));
                }
                if to != NONE && to != from {
                    pairs.push((to, i as u32));
                }
            }
            Adjacency::build(self.module_count(), &pairs)
        });
        let at: &[u32] = if m < lines.nodes() { lines.of(m) } else { &[] };
        at.iter().map(|&i| i as usize)
    }

    // ----- The unit forest -----

    /// How many modules there are.
    #[must_use]
    pub fn module_count(&self) -> usize {
        self.module_unit.len()
    }

    /// How many units there are.
    #[must_use]
    pub fn unit_count(&self) -> usize {
        self.parent.len()
    }

    /// The parent of unit `u` (`None` for a root, or where a cycle was cut).
    #[must_use]
    pub fn parent(&self, u: usize) -> Option<usize> {
        let p = self.parent[u];
        (p != NONE).then_some(p as usize)
    }

    /// The nesting depth of unit `u`: 0 for a root.
    #[must_use]
    pub fn depth(&self, u: usize) -> usize {
        self.depth[u] as usize
    }

    /// Every unit with parents before their children: by depth, then in
    /// file order (the order the scene draws them in).
    #[must_use]
    pub fn top_down(&self) -> impl DoubleEndedIterator<Item = usize> + ExactSizeIterator + '_ {
        self.top_down.iter().map(|&u| u as usize)
    }

    /// The root units, in file order.
    #[must_use]
    pub fn roots(&self) -> impl ExactSizeIterator<Item = usize> + '_ {
        self.roots.iter().map(|&u| u as usize)
    }

    /// The child units of unit `u`, in file order.
    #[must_use]
    pub fn children(&self, u: usize) -> impl ExactSizeIterator<Item = usize> + '_ {
        self.children.of(u).iter().map(|&c| c as usize)
    }

    /// The modules placed directly in unit `u` (it is their innermost
    /// unit), in file order.
    #[must_use]
    pub fn modules_in(&self, u: usize) -> impl ExactSizeIterator<Item = usize> + '_ {
        self.unit_modules.of(u).iter().map(|&m| m as usize)
    }

    /// Unit `u` and its ancestors, innermost first, ending at a root.
    pub fn ancestors(&self, u: usize) -> impl Iterator<Item = usize> + '_ {
        std::iter::successors(Some(u), |&v| self.parent(v))
    }

    /// Whether unit `u` is `ancestor` or lies (transitively) inside it.
    #[must_use]
    pub fn is_within(&self, u: usize, ancestor: usize) -> bool {
        self.depth[u] >= self.depth[ancestor]
            && self.ancestors(u).nth(self.depth(u) - self.depth(ancestor)) == Some(ancestor)
    }

    /// The deployment unit of unit `u` (docs/rules.md): the nearest unit,
    /// from `u` upwards, released `Own` or `Managed`; a root `WithParent`
    /// unit counts as `Own`.
    #[must_use]
    pub fn deployment_unit(&self, u: usize) -> usize {
        self.deployment[u] as usize
    }

    /// Whether unit `u` is a deployment unit (its own).
    #[must_use]
    pub fn is_deployment_unit(&self, u: usize) -> bool {
        self.deployment[u] as usize == u
    }

    /// The innermost unit of module `m`; `None` when it is unplaced, its
    /// unit is unknown, or it is `External` (never placed).
    #[must_use]
    pub fn unit_of(&self, m: usize) -> Option<usize> {
        let u = self.module_unit[m];
        (u != NONE).then_some(u as usize)
    }

    /// The deployment unit of module `m`: that of its innermost unit;
    /// `None` when it is not placed.
    #[must_use]
    pub fn deployment_unit_of(&self, m: usize) -> Option<usize> {
        self.unit_of(m).map(|u| self.deployment_unit(u))
    }
}

/// Parents with every cycle cut: walking up from any unit ends at a root.
fn cut_cycles(parent: &[u32]) -> Vec<u32> {
    const UNSEEN: u8 = 0;
    const ON_PATH: u8 = 1;
    const DONE: u8 = 2;
    let mut parent = parent.to_vec();
    let mut state = vec![UNSEEN; parent.len()];
    let mut path = Vec::new();
    for start in 0..parent.len() {
        let mut u = start;
        while state[u] == UNSEEN {
            state[u] = ON_PATH;
            path.push(u);
            let p = parent[u];
            if p == NONE {
                break;
            }
            if state[p as usize] == ON_PATH {
                parent[u] = NONE;
                break;
            }
            u = p as usize;
        }
        for &v in &path {
            state[v] = DONE;
        }
        path.clear();
    }
    parent
}

/// Depth of every unit and the units in an order where parents come first.
fn depths(parent: &[u32]) -> (Vec<u32>, Vec<u32>) {
    let n = parent.len();
    let mut depth = vec![u32::MAX; n];
    let mut path = Vec::new();
    for start in 0..n {
        let mut u = start;
        while depth[u] == u32::MAX {
            path.push(u);
            match parent[u] {
                NONE => {
                    depth[u] = 0;
                    path.pop();
                    break;
                }
                p => u = p as usize,
            }
        }
        while let Some(v) = path.pop() {
            depth[v] = depth[parent[v] as usize] + 1;
        }
    }
    let mut order: Vec<u32> = (0..n as u32).collect();
    order.sort_by_key(|&u| depth[u as usize]);
    (depth, order)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Interface, InterfaceKind, Isolation, Module, ModuleId, Unit, UnitId};

    fn unit(id: &str, parent: Option<&str>, release: Release) -> Unit {
        let mut u = Unit::new(id, id, Isolation::Process);
        u.parent = parent.map(UnitId::new);
        u.release = release;
        u
    }

    fn module(id: &str, kind: ModuleKind, unit: Option<&str>) -> Module {
        let mut m = Module::new(id, id, kind);
        m.unit = unit.map(UnitId::new);
        m
    }

    /// inner ⊂ mid ⊂ top, side ⊂ top, lone; mid and inner released with
    /// their parent, lone a root released with its (absent) parent.
    fn nested() -> Diagram {
        Diagram {
            units: vec![
                unit("inner", Some("mid"), Release::WithParent),
                unit("top", None, Release::Own),
                unit("mid", Some("top"), Release::WithParent),
                unit("side", Some("top"), Release::Managed),
                unit("lone", None, Release::WithParent),
            ],
            modules: vec![
                module("a", ModuleKind::Component, Some("inner")),
                module("b", ModuleKind::Component, Some("side")),
                module("c", ModuleKind::Component, None),
                module("d", ModuleKind::Datastore, Some("nowhere")),
                module("e", ModuleKind::Component, Some("inner")),
            ],
            interfaces: vec![
                Interface::new(
                    "ab",
                    ModuleId::new("a"),
                    ModuleId::new("b"),
                    InterfaceKind::Rpc,
                ),
                Interface::new(
                    "ax",
                    ModuleId::new("a"),
                    ModuleId::new("x"),
                    InterfaceKind::Rpc,
                ),
            ],
            ..Diagram::default()
        }
    }

    #[test]
    fn depths_children_and_order_follow_the_nesting() {
        let d = nested();
        let f = Forest::new(&d);
        let u = |id| f.unit(id).expect("known");
        assert_eq!(f.unit_count(), 5);
        assert_eq!(f.depth(u("inner")), 2);
        assert_eq!(f.depth(u("top")), 0);
        assert_eq!(f.parent(u("mid")), Some(u("top")));
        assert_eq!(f.parent(u("lone")), None);
        assert_eq!(f.roots().collect::<Vec<_>>(), [u("top"), u("lone")]);
        assert_eq!(
            f.children(u("top")).collect::<Vec<_>>(),
            [u("mid"), u("side")]
        );
        assert_eq!(
            f.top_down().collect::<Vec<_>>(),
            [u("top"), u("lone"), u("mid"), u("side"), u("inner")]
        );
        assert_eq!(
            f.ancestors(u("inner")).collect::<Vec<_>>(),
            [u("inner"), u("mid"), u("top")]
        );
        assert!(f.is_within(u("inner"), u("top")));
        assert!(f.is_within(u("inner"), u("inner")));
        assert!(!f.is_within(u("top"), u("inner")));
        assert!(!f.is_within(u("inner"), u("side")));
        assert_eq!(f.modules_in(u("inner")).collect::<Vec<_>>(), [0, 4]);
    }

    #[test]
    fn deployment_units_walk_up_through_with_parent() {
        let d = nested();
        let f = Forest::new(&d);
        let u = |id| f.unit(id).expect("known");
        assert_eq!(f.deployment_unit(u("inner")), u("top"));
        assert_eq!(f.deployment_unit(u("side")), u("side"));
        assert_eq!(
            f.deployment_unit(u("lone")),
            u("lone"),
            "a root counts as Own"
        );
        assert!(f.is_deployment_unit(u("top")) && !f.is_deployment_unit(u("mid")));
        assert_eq!(f.deployment_unit_of(0), Some(u("top")));
        assert_eq!(f.deployment_unit_of(2), None, "unplaced");
        assert_eq!(f.deployment_unit_of(3), None, "unknown unit");
    }

    #[test]
    fn externals_are_never_placed() {
        let mut d = nested();
        d.modules
            .push(module("users", ModuleKind::External, Some("top")));
        let f = Forest::new(&d);
        assert_eq!(f.unit_of(5), None);
    }

    #[test]
    fn ids_resolve_by_kind_and_interface_ends_by_module() {
        let d = nested();
        let f = Forest::new(&d);
        assert_eq!(f.module("e"), Some(4));
        assert_eq!(f.element(&d, "mid"), Some((ElementKind::Unit, 2)));
        assert_eq!(f.element(&d, "ab"), Some((ElementKind::Interface, 0)));
        assert_eq!(f.interface(&d, "ax"), Some(1));
        assert_eq!(f.element(&d, "nobody"), None);
        assert_eq!(f.ends(0), Some((0, 1)));
        assert_eq!(f.ends(1), None, "an unknown end");
        assert_eq!(f.ends(2), None, "no such interface");
        assert_eq!(f.interfaces_at(0).collect::<Vec<_>>(), [0, 1]);
        assert_eq!(f.interfaces_at(1).collect::<Vec<_>>(), [0]);
        assert_eq!(f.interfaces_at(2).count(), 0);
        assert_eq!(f.interfaces_at(99).count(), 0, "no such module");
    }

    #[test]
    fn unit_cycles_are_cut_instead_of_looping() {
        let d = Diagram {
            units: vec![
                unit("x", Some("y"), Release::WithParent),
                unit("y", Some("z"), Release::WithParent),
                unit("z", Some("x"), Release::WithParent),
                unit("w", Some("w"), Release::Own),
            ],
            ..Diagram::default()
        };
        let f = Forest::new(&d);
        // Walking up from x: x → y → z → x closes the cycle at z.
        assert_eq!(f.parent(2), None);
        assert_eq!(f.depth(0), 2);
        assert_eq!(f.deployment_unit(0), 2);
        assert_eq!(f.parent(3), None, "its own parent");
        assert_eq!(f.roots().collect::<Vec<_>>(), [2, 3]);
    }
}
