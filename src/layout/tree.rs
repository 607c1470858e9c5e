//! The nesting of the diagram as the layout sees it: which container (the
//! root or a unit) each module and unit is drawn in, by index, read off the
//! model's [`Forest`], with the unplaced libraries drawn beside their
//! linkers.

use crate::model::{Diagram, Forest, InterfaceKind, ModuleKind};
use std::collections::HashMap;

/// A container: the root (0) or unit `u` (`u + 1`).
pub(super) type Container = usize;
pub(super) const ROOT: Container = 0;

/// A child of a container: a module, or a unit as a block.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) enum Child {
    /// Module `m` (an index into the diagram's modules).
    Module(usize),
    /// Unit `u` as a block (an index into the diagram's units).
    Unit(usize),
}

/// The nesting of the diagram by index. Robust against an invalid
/// diagram: unknown parents make a unit a root unit, and a parent cycle is
/// cut where the forest cuts it.
pub(super) struct Tree {
    /// The container each module is placed in.
    pub module_container: Vec<Container>,
    /// The container each unit lies in.
    pub unit_container: Vec<Container>,
    /// Depth of each container (the root is 0).
    pub depth: Vec<usize>,
    /// Child units of each container, in file order.
    pub units_of: Vec<Vec<usize>>,
    /// Modules placed directly in each container, in file order.
    pub modules_of: Vec<Vec<usize>>,
}

impl Tree {
    /// The nesting `forest` (the model's, of `diagram`) describes, with the
    /// unplaced libraries beside their linkers. With `keep` (placing only
    /// what lacks geometry), a library that has a position keeps its
    /// container (the root).
    pub fn new(diagram: &Diagram, forest: &Forest, keep: bool) -> Self {
        let units = forest.unit_count();
        let unit_container: Vec<Container> = (0..units)
            .map(|u| forest.parent(u).map_or(ROOT, |p| p + 1))
            .collect();
        let mut depth = vec![0; units + 1];
        for u in 0..units {
            depth[u + 1] = forest.depth(u) + 1;
        }
        let mut module_container: Vec<Container> = (0..forest.module_count())
            .map(|m| forest.unit_of(m).map_or(ROOT, |u| u + 1))
            .collect();
        for (library, container) in libraries_beside_linkers(diagram, forest, &module_container) {
            if !(keep && diagram.modules[library].pos.is_some()) {
                module_container[library] = container;
            }
        }
        let mut units_of = vec![Vec::new(); units + 1];
        for (u, &c) in unit_container.iter().enumerate() {
            units_of[c].push(u);
        }
        let mut modules_of = vec![Vec::new(); units + 1];
        for (m, &c) in module_container.iter().enumerate() {
            modules_of[c].push(m);
        }
        Tree {
            module_container,
            unit_container,
            depth,
            units_of,
            modules_of,
        }
    }

    /// Every container, deepest first, the root last.
    pub fn bottom_up(&self) -> Vec<Container> {
        let mut order: Vec<Container> = (1..self.depth.len()).collect();
        order.sort_by(|a, b| self.depth[*b].cmp(&self.depth[*a]).then(a.cmp(b)));
        order.push(ROOT);
        order
    }

    pub fn children(&self, c: Container) -> impl Iterator<Item = Child> + '_ {
        self.modules_of[c]
            .iter()
            .map(|&m| Child::Module(m))
            .chain(self.units_of[c].iter().map(|&u| Child::Unit(u)))
    }
}

/// The unplaced libraries whose linkers all lie in one unit, with that
/// unit's container: the layout draws each such library's box there, beside
/// its linkers (a linked library runs in its linkers' process). Its
/// `unit` stays unset: only the box moves, the model does not change.
fn libraries_beside_linkers(
    diagram: &Diagram,
    forest: &Forest,
    module_container: &[Container],
) -> Vec<(usize, Container)> {
    // For each library: the one container of its linkers so far, or `None`
    // once two linkers disagree.
    let mut linked_from: HashMap<usize, Option<Container>> = HashMap::new();
    for (i, interface) in diagram.interfaces.iter().enumerate() {
        if interface.kind != InterfaceKind::Link {
            continue;
        }
        let Some((from, to)) = forest.ends(i) else {
            continue;
        };
        let library = &diagram.modules[to];
        if from == to
            || library.kind != ModuleKind::Library
            || library.unit.is_some()
            || module_container[to] != ROOT
        {
            continue;
        }
        let container = module_container[from];
        linked_from
            .entry(to)
            .and_modify(|seen| {
                if *seen != Some(container) {
                    *seen = None;
                }
            })
            .or_insert(Some(container));
    }
    let mut out: Vec<(usize, Container)> = linked_from
        .into_iter()
        .filter_map(|(library, container)| Some((library, container?)))
        .filter(|&(_, container)| container != ROOT)
        .collect();
    out.sort_unstable();
    out
}
