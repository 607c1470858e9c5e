//! Layout in progress: every element's rectangle while containers are laid
//! out bottom-up, the interfaces seen at the level of each container, and
//! the side each one leaves its blocks by (decided top-down).

use super::Mode;
use super::layered::{self, Edge, Level, Node, Outside, Pin, Side};
use super::size::{module_size, unit_min_width};
use super::tree::{Child, Container, ROOT, Tree};
use crate::model::{Diagram, Forest, ModuleKind, Rect};
use crate::text;
use crate::theme::EDGE_FONT_SIZE;
use std::collections::HashMap;

/// An interface seen at the level of one container: between two of its
/// children, naming the modules at its ends.
#[derive(Clone, Copy, Debug)]
pub(super) struct LevelEdge {
    pub(super) from: Child,
    pub(super) to: Child,
    pub(super) from_module: usize,
    pub(super) to_module: usize,
    pub(super) label_w: f32,
    /// The side of `from` the edge leaves by (decided top-down).
    pub(super) from_side: Side,
    /// The side of `to` the edge enters by.
    pub(super) to_side: Side,
}

/// Layout in progress: every element's current rectangle. Free blocks are
/// laid out at the origin and moved (with everything inside) when their
/// container places them; anchored ones keep absolute coordinates.
pub(super) struct Work {
    pub(super) tree: Tree,
    /// Edges between the children of each container.
    pub(super) internal: Vec<Vec<LevelEdge>>,
    /// Edges between a child of each container and the world outside it,
    /// with the module at the child's end.
    pub(super) outside: Vec<Vec<(Child, Side, usize)>>,
    pub(super) module_rect: Vec<Rect>,
    /// Whether the module keeps its position (MissingOnly, had one).
    pub(super) module_fixed: Vec<bool>,
    /// Whether the module keeps its size (MissingOnly, had one).
    pub(super) module_sized: Vec<bool>,
    /// Pin of each module when it is a root-level box.
    pub(super) module_pin: Vec<Pin>,
    pub(super) unit_rect: Vec<Rect>,
    /// The unit's rectangle in the input (MissingOnly only).
    pub(super) unit_input: Vec<Option<Rect>>,
    /// Whether the unit has absolute coordinates (it or something inside
    /// it keeps its geometry).
    pub(super) unit_anchored: Vec<bool>,
    /// Each unit's smallest width.
    pub(super) unit_min_w: Vec<f32>,
    /// The modules at each interface's ends, when both are known and
    /// distinct.
    pub(super) interface_ends: Vec<Option<(usize, usize)>>,
}

impl Work {
    pub(super) fn new(diagram: &Diagram, mode: Mode) -> Self {
        let keep = mode == Mode::MissingOnly;
        let forest = Forest::new(diagram);
        let tree = Tree::new(diagram, &forest, keep);
        let module_rect: Vec<Rect> = diagram
            .modules
            .iter()
            .map(|m| {
                let size = m.size.filter(|_| keep).unwrap_or_else(|| module_size(m));
                let pos = m.pos.filter(|_| keep).unwrap_or_default();
                Rect::from_pos_size(pos, size)
            })
            .collect();
        let module_fixed: Vec<bool> = diagram
            .modules
            .iter()
            .map(|m| keep && m.pos.is_some())
            .collect();
        let module_sized: Vec<bool> = diagram
            .modules
            .iter()
            .map(|m| keep && m.size.is_some())
            .collect();
        let unit_input: Vec<Option<Rect>> = diagram
            .units
            .iter()
            .map(|u| u.rect.filter(|_| keep))
            .collect();

        let interface_ends: Vec<Option<(usize, usize)>> = (0..diagram.interfaces.len())
            .map(|i| forest.ends(i).filter(|(from, to)| from != to))
            .collect();
        let module_pin = module_pins(diagram, &interface_ends);
        let internal = level_edges(diagram, &tree, &interface_ends);
        let containers = diagram.units.len() + 1;
        let unit_min_w = diagram.units.iter().map(unit_min_width).collect();
        let mut work = Work {
            internal,
            outside: vec![Vec::new(); containers],
            module_rect,
            module_fixed,
            module_sized,
            module_pin,
            unit_rect: unit_input.iter().map(|r| r.unwrap_or_default()).collect(),
            unit_anchored: unit_input.iter().map(Option::is_some).collect(),
            unit_input,
            unit_min_w,
            interface_ends,
            tree,
        };
        work.decide_sides();
        work
    }

    /// Decides, top-down, which side every interface leaves each block by
    /// on its way to the other end: at the level of the lowest common
    /// ancestor the two blocks holding the ends fall in layers, and the end
    /// in the earlier layer leaves to the right, the other to the left.
    /// Each block below, down to the module, then knows where to route it.
    fn decide_sides(&mut self) {
        let mut order = self.tree.bottom_up();
        order.reverse();
        for c in order {
            let children: Vec<Child> = self.tree.children(c).collect();
            let local: HashMap<Child, usize> = children
                .iter()
                .enumerate()
                .map(|(i, &child)| (child, i))
                .collect();
            let level = Level {
                nodes: children
                    .iter()
                    .map(|&child| Node {
                        w: 1.0,
                        h: 1.0,
                        pin: self.pin(c, child),
                    })
                    .collect(),
                edges: self.internal[c]
                    .iter()
                    .filter_map(|e| {
                        Some(Edge {
                            from: *local.get(&e.from)?,
                            to: *local.get(&e.to)?,
                            from_port: 0.0,
                            to_port: 0.0,
                            label_w: 0.0,
                        })
                    })
                    .collect(),
                outside: self.outside[c]
                    .iter()
                    .filter_map(|&(child, side, _)| {
                        Some(Outside {
                            node: *local.get(&child)?,
                            side,
                            port: 0.0,
                        })
                    })
                    .collect(),
                frame: None,
            };
            let layers = layered::layers(&level);
            for i in 0..self.internal[c].len() {
                let e = self.internal[c][i];
                let (Some(&from), Some(&to)) = (local.get(&e.from), local.get(&e.to)) else {
                    continue;
                };
                let (from_side, to_side) = if layers[from].1 > layers[to].1 {
                    (Side::Left, Side::Right)
                } else {
                    (Side::Right, Side::Left)
                };
                self.internal[c][i].from_side = from_side;
                self.internal[c][i].to_side = to_side;
                self.push_outside(e.from_module, e.from, from_side);
                self.push_outside(e.to_module, e.to, to_side);
            }
        }
    }

    /// Records, in every container from `module`'s own up to the block
    /// `top`, that an edge leaves `module` by `side`.
    fn push_outside(&mut self, module: usize, top: Child, side: Side) {
        let Child::Unit(top_unit) = top else { return };
        let mut container = self.tree.module_container[module];
        let mut child = Child::Module(module);
        loop {
            self.outside[container].push((child, side, module));
            if container == top_unit + 1 || container == ROOT {
                break;
            }
            child = Child::Unit(container - 1);
            container = self.tree.unit_container[container - 1];
        }
    }

    /// The layer constraint of a child of `c`: only external modules at
    /// the root have one.
    pub(super) fn pin(&self, c: Container, child: Child) -> Pin {
        match child {
            Child::Module(m) if c == ROOT => self.module_pin[m],
            _ => Pin::Free,
        }
    }

    pub(super) fn rect(&self, child: Child) -> Rect {
        match child {
            Child::Module(m) => self.module_rect[m],
            Child::Unit(u) => self.unit_rect[u],
        }
    }

    pub(super) fn anchored(&self, child: Child) -> bool {
        match child {
            Child::Module(m) => self.module_fixed[m],
            Child::Unit(u) => self.unit_anchored[u],
        }
    }

    /// Moves a child and everything inside it.
    pub(super) fn translate(&mut self, child: Child, dx: f32, dy: f32) {
        if dx == 0.0 && dy == 0.0 {
            return;
        }
        let mut stack = vec![child];
        while let Some(next) = stack.pop() {
            match next {
                Child::Module(m) => self.module_rect[m] = self.module_rect[m].translate(dx, dy),
                Child::Unit(u) => {
                    self.unit_rect[u] = self.unit_rect[u].translate(dx, dy);
                    stack.extend(self.tree.children(u + 1));
                }
            }
        }
    }

    /// Moves a child so that its top-left corner is at `(x, y)`.
    pub(super) fn move_to(&mut self, child: Child, x: f32, y: f32) {
        let r = self.rect(child);
        self.translate(child, x - r.x, y - r.y);
    }

    /// Where an edge meets `child` on its way to `module` inside it, as a
    /// height from the child's top.
    pub(super) fn port(&self, child: Child, module: usize) -> f32 {
        let m = self.module_rect[module];
        (m.y + m.h / 2.0 - self.rect(child).y).clamp(0.0, self.rect(child).h)
    }
}

/// The layer constraint of each module when it is a root-level box:
/// externals that only call go first, those that are only called last.
fn module_pins(diagram: &Diagram, interface_ends: &[Option<(usize, usize)>]) -> Vec<Pin> {
    let mut calls = vec![false; diagram.modules.len()];
    let mut called = vec![false; diagram.modules.len()];
    for &(from, to) in interface_ends.iter().flatten() {
        calls[from] = true;
        called[to] = true;
    }
    diagram
        .modules
        .iter()
        .enumerate()
        .map(|(i, m)| match (m.kind, calls[i], called[i]) {
            (ModuleKind::External, true, false) => Pin::First,
            (ModuleKind::External, false, true) => Pin::Last,
            _ => Pin::Free,
        })
        .collect()
}

/// Every interface as an edge at the level of its ends' lowest common
/// container, between the two children of it that hold them.
fn level_edges(
    diagram: &Diagram,
    tree: &Tree,
    interface_ends: &[Option<(usize, usize)>],
) -> Vec<Vec<LevelEdge>> {
    let mut internal: Vec<Vec<LevelEdge>> = vec![Vec::new(); diagram.units.len() + 1];
    for (f, end) in diagram.interfaces.iter().zip(interface_ends) {
        let Some((a, b)) = *end else { continue };
        let (mut ca, mut cb) = (tree.module_container[a], tree.module_container[b]);
        let (mut xa, mut xb) = (Child::Module(a), Child::Module(b));
        while ca != cb {
            if tree.depth[ca] >= tree.depth[cb] {
                xa = Child::Unit(ca - 1);
                ca = tree.unit_container[ca - 1];
            } else {
                xb = Child::Unit(cb - 1);
                cb = tree.unit_container[cb - 1];
            }
        }
        internal[ca].push(LevelEdge {
            from: xa,
            to: xb,
            from_module: a,
            to_module: b,
            label_w: text::width(&f.label, EDGE_FONT_SIZE),
            from_side: Side::Right,
            to_side: Side::Left,
        });
    }
    internal
}
