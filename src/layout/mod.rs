//! Automatic layout: gives every module a position and size and every unit
//! a rectangle. Pure geometry, deterministic, no egui.
//!
//! The drawing flows left to right in the direction of the interfaces:
//! callers left of callees, external actors at the edges. It respects
//! nesting: each unit is laid out on its own, bottom-up, as a small layered
//! graph of its modules and its child units (as blocks of the size their
//! own contents need); then every block is placed inside its parent. An
//! interface between modules in different blocks counts, at the level of
//! their lowest common ancestor, as an edge between the two blocks that hold
//! them (so it orders the blocks), and inside each block it pulls its module
//! towards the side it leaves by. The `layered` submodule draws one level.
//!
//! Last, lines that would cross a module box or a unit holding neither of
//! their ends get waypoints that bend around it (the `route` submodule).
//!
//! [`Mode::All`] lays out everything afresh (the editor's Tidy up);
//! [`Mode::MissingOnly`] keeps every position, size and rectangle already
//! set and places only what lacks one (opening or exporting a file written
//! by hand): new boxes go inside their unit, next to what is already there,
//! growing the unit when it has no room; a unit without a rectangle gets one
//! that fits its contents.
//!
//! The editor makes Tidy up one undoable edit from [`Geometry`]: take
//! [`Geometry::of`] the diagram before, [`compute`] the new one, and
//! [`Geometry::apply`] either.

mod layered;
mod pack;
mod route;
mod size;
mod spacing;
mod tree;
mod vertical;

pub use route::{Placed, reroute, reroute_watching, segment_entry};
pub use size::{module_size, unit_min_width, unit_title};

use crate::model::{Diagram, InterfaceId, ModuleId, ModuleKind, Point, Rect, Size, UnitId};
use crate::text;
use crate::theme::EDGE_FONT_SIZE;
use layered::{Edge, Level, Node, Outside, Pin, Side};
use spacing::{
    COMPONENT_GAP, EMPTY_UNIT_CONTENT, INSET_BOTTOM, INSET_TOP, INSET_X, ORIGIN, snap_down, snap_up,
};
use std::collections::HashMap;
use tree::{Child, Container, ROOT, Tree};

/// What to lay out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Mode {
    /// Only elements without geometry; the others keep theirs (units may
    /// grow to hold what is added to them). Interfaces keep their
    /// waypoints; one without any is routed when an end is placed now.
    MissingOnly,
    /// Everything, from scratch; interface waypoints are routed afresh.
    All,
}

/// The geometry of one module.
#[derive(Clone, Debug, PartialEq)]
pub struct ModuleGeometry {
    /// The module.
    pub id: ModuleId,
    /// Its top-left corner.
    pub pos: Option<Point>,
    /// Its size.
    pub size: Option<Size>,
}

/// The geometry of one unit.
#[derive(Clone, Debug, PartialEq)]
pub struct UnitGeometry {
    /// The unit.
    pub id: UnitId,
    /// Its rectangle.
    pub rect: Option<Rect>,
}

/// The geometry of one interface.
#[derive(Clone, Debug, PartialEq)]
pub struct InterfaceGeometry {
    /// The interface.
    pub id: InterfaceId,
    /// Its waypoints.
    pub points: Vec<Point>,
}

/// The geometry of every element of a diagram, in diagram order: what
/// Tidy up changes, and what undoing it restores.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Geometry {
    /// Every module's position and size.
    pub modules: Vec<ModuleGeometry>,
    /// Every unit's rectangle.
    pub units: Vec<UnitGeometry>,
    /// Every interface's waypoints.
    pub interfaces: Vec<InterfaceGeometry>,
}

impl Geometry {
    /// The geometry `diagram` has now.
    #[must_use]
    pub fn of(diagram: &Diagram) -> Self {
        Geometry {
            modules: diagram
                .modules
                .iter()
                .map(|m| ModuleGeometry {
                    id: m.id.clone(),
                    pos: m.pos,
                    size: m.size,
                })
                .collect(),
            units: diagram
                .units
                .iter()
                .map(|u| UnitGeometry {
                    id: u.id.clone(),
                    rect: u.rect,
                })
                .collect(),
            interfaces: diagram
                .interfaces
                .iter()
                .map(|f| InterfaceGeometry {
                    id: f.id.clone(),
                    points: f.points.clone(),
                })
                .collect(),
        }
    }

    /// Sets the geometry of every element of `diagram` named here, by id;
    /// elements it does not name are left alone.
    pub fn apply(&self, diagram: &mut Diagram) {
        let (modules, units, interfaces) = {
            let index = diagram.index();
            let find = |map: &HashMap<&str, usize>, id: &str| map.get(id).copied();
            (
                self.modules
                    .iter()
                    .map(|g| find(&index.modules, g.id.as_str()))
                    .collect::<Vec<_>>(),
                self.units
                    .iter()
                    .map(|g| find(&index.units, g.id.as_str()))
                    .collect::<Vec<_>>(),
                self.interfaces
                    .iter()
                    .map(|g| find(&index.interfaces, g.id.as_str()))
                    .collect::<Vec<_>>(),
            )
        };
        for (g, at) in self.modules.iter().zip(modules) {
            if let Some(m) = at.map(|i| &mut diagram.modules[i]) {
                m.pos = g.pos;
                m.size = g.size;
            }
        }
        for (g, at) in self.units.iter().zip(units) {
            if let Some(u) = at.map(|i| &mut diagram.units[i]) {
                u.rect = g.rect;
            }
        }
        for (g, at) in self.interfaces.iter().zip(interfaces) {
            if let Some(f) = at.map(|i| &mut diagram.interfaces[i]) {
                f.points.clone_from(&g.points);
            }
        }
    }
}

impl Geometry {
    /// Brings whatever lies outside the geometry limits inside them (values
    /// within are left exactly as they are): a diagram too large to lay out
    /// within them is squeezed at their edge, never saved as a file that
    /// cannot be opened.
    fn keep_within_limits(&mut self) {
        for g in &mut self.modules {
            if let Some(pos) = g.pos.as_mut().filter(|p| p.limit_problem().is_some()) {
                *pos = pos.clamped();
            }
            if let Some(size) = g.size.as_mut().filter(|s| s.limit_problem().is_some()) {
                *size = size.clamped();
            }
        }
        for g in &mut self.units {
            if let Some(rect) = g.rect.as_mut().filter(|r| r.limit_problem().is_some()) {
                *rect = rect.clamped();
            }
        }
        for g in &mut self.interfaces {
            for point in g.points.iter_mut().filter(|p| p.limit_problem().is_some()) {
                *point = point.clamped();
            }
        }
    }
}

/// Whether any module lacks a position or size, or any unit a rectangle:
/// whether [`Mode::MissingOnly`] would change anything but grow units.
#[must_use]
pub fn needs_layout(diagram: &Diagram) -> bool {
    diagram
        .modules
        .iter()
        .any(|m| m.pos.is_none() || m.size.is_none())
        || diagram.units.iter().any(|u| u.rect.is_none())
}

/// Lays `diagram` out in place.
pub fn lay_out(diagram: &mut Diagram, mode: Mode) {
    compute(diagram, mode).apply(diagram);
}

/// The geometry `diagram` gets when laid out, without changing it.
#[must_use]
pub fn compute(diagram: &Diagram, mode: Mode) -> Geometry {
    let mut work = Work::new(diagram, mode);
    for c in work.tree.bottom_up() {
        work.place_container(c);
    }
    let mut geometry = work.into_geometry(diagram, mode);
    geometry.keep_within_limits();
    geometry
}

/// An interface seen at the level of one container: between two of its
/// children, naming the modules at its ends.
#[derive(Clone, Copy, Debug)]
struct LevelEdge {
    from: Child,
    to: Child,
    from_module: usize,
    to_module: usize,
    label_w: f32,
    /// The side of `from` the edge leaves by (decided top-down).
    from_side: Side,
    /// The side of `to` the edge enters by.
    to_side: Side,
}

/// Layout in progress: every element's current rectangle. Free blocks are
/// laid out at the origin and moved (with everything inside) when their
/// container places them; anchored ones keep absolute coordinates.
struct Work {
    tree: Tree,
    /// Edges between the children of each container.
    internal: Vec<Vec<LevelEdge>>,
    /// Edges between a child of each container and the world outside it,
    /// with the module at the child's end.
    outside: Vec<Vec<(Child, Side, usize)>>,
    module_rect: Vec<Rect>,
    /// Whether the module keeps its position (MissingOnly, had one).
    module_fixed: Vec<bool>,
    /// Whether the module keeps its size (MissingOnly, had one).
    module_sized: Vec<bool>,
    /// Pin of each module when it is a root-level box.
    module_pin: Vec<Pin>,
    unit_rect: Vec<Rect>,
    /// The unit's rectangle in the input (MissingOnly only).
    unit_input: Vec<Option<Rect>>,
    /// Whether the unit has absolute coordinates (it or something inside
    /// it keeps its geometry).
    unit_anchored: Vec<bool>,
    /// Each unit's smallest width.
    unit_min_w: Vec<f32>,
    /// The modules at each interface's ends, when both are known and
    /// distinct.
    interface_ends: Vec<Option<(usize, usize)>>,
}

impl Work {
    fn new(diagram: &Diagram, mode: Mode) -> Self {
        let keep = mode == Mode::MissingOnly;
        let tree = Tree::new(diagram, keep);
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

        // Externals that only call go first, those that are only called last.
        let module_index: HashMap<&str, usize> = diagram
            .modules
            .iter()
            .enumerate()
            .map(|(i, m)| (m.id.as_str(), i))
            .collect();
        let interface_ends: Vec<Option<(usize, usize)>> = diagram
            .interfaces
            .iter()
            .map(|f| {
                let from = *module_index.get(f.from.as_str())?;
                let to = *module_index.get(f.to.as_str())?;
                (from != to).then_some((from, to))
            })
            .collect();
        let mut calls = vec![false; diagram.modules.len()];
        let mut called = vec![false; diagram.modules.len()];
        for &(from, to) in interface_ends.iter().flatten() {
            calls[from] = true;
            called[to] = true;
        }
        let module_pin = diagram
            .modules
            .iter()
            .enumerate()
            .map(|(i, m)| match (m.kind, calls[i], called[i]) {
                (ModuleKind::External, true, false) => Pin::First,
                (ModuleKind::External, false, true) => Pin::Last,
                _ => Pin::Free,
            })
            .collect();

        let containers = diagram.units.len() + 1;
        let mut internal: Vec<Vec<LevelEdge>> = vec![Vec::new(); containers];
        for (f, end) in diagram.interfaces.iter().zip(&interface_ends) {
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
    fn pin(&self, c: Container, child: Child) -> Pin {
        match child {
            Child::Module(m) if c == ROOT => self.module_pin[m],
            _ => Pin::Free,
        }
    }

    fn rect(&self, child: Child) -> Rect {
        match child {
            Child::Module(m) => self.module_rect[m],
            Child::Unit(u) => self.unit_rect[u],
        }
    }

    fn anchored(&self, child: Child) -> bool {
        match child {
            Child::Module(m) => self.module_fixed[m],
            Child::Unit(u) => self.unit_anchored[u],
        }
    }

    /// Moves a child and everything inside it.
    fn translate(&mut self, child: Child, dx: f32, dy: f32) {
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
    fn move_to(&mut self, child: Child, x: f32, y: f32) {
        let r = self.rect(child);
        self.translate(child, x - r.x, y - r.y);
    }

    /// Where an edge meets `child` on its way to `module` inside it, as a
    /// height from the child's top.
    fn port(&self, child: Child, module: usize) -> f32 {
        let m = self.module_rect[module];
        (m.y + m.h / 2.0 - self.rect(child).y).clamp(0.0, self.rect(child).h)
    }

    /// Lays out the children of `c` that have no geometry and places them
    /// among those that have; gives a unit its rectangle.
    fn place_container(&mut self, c: Container) {
        let children: Vec<Child> = self.tree.children(c).collect();
        let (anchored, free): (Vec<Child>, Vec<Child>) =
            children.iter().partition(|&&child| self.anchored(child));
        let block = (!free.is_empty()).then(|| self.lay_out_free(c, &free));
        let unit = c.checked_sub(1);
        let input_rect = unit.and_then(|u| self.unit_input[u]);

        if anchored.is_empty() && input_rect.is_none() {
            // Everything here is new: a free block at the origin.
            let mut placed = block.unwrap_or_default();
            let Some(u) = unit else {
                for (child, (x, y)) in free.iter().zip(&placed.pos) {
                    self.move_to(*child, ORIGIN + x, ORIGIN + y);
                }
                return;
            };
            let (content_w, content_h) = if free.is_empty() {
                EMPTY_UNIT_CONTENT
            } else {
                (placed.w, placed.h)
            };
            let w = snap_up(content_w + 2.0 * INSET_X).max(self.unit_min_w[u]);
            self.fill_width(&free, &mut placed, w - 2.0 * INSET_X);
            let content_w = if free.is_empty() { content_w } else { placed.w };
            let h = snap_up(content_h + INSET_TOP + INSET_BOTTOM);
            let left = INSET_X + snap_down((w - 2.0 * INSET_X - content_w) / 2.0);
            for (child, (x, y)) in free.iter().zip(&placed.pos) {
                self.move_to(*child, left + x, INSET_TOP + y);
            }
            self.unit_rect[u] = Rect::new(0.0, 0.0, w, h);
            self.unit_anchored[u] = false;
            return;
        }

        // Something here keeps its place: put the new block next to it.
        let fixed_box = anchored
            .iter()
            .map(|&child| self.rect(child))
            .reduce(|a, b| a.union(&b));
        if let Some(placed) = &block {
            let neighbours: Vec<Rect> = match unit {
                Some(u) => self
                    .tree
                    .children(self.tree.unit_container[u])
                    .filter(|&child| child != Child::Unit(u) && self.anchored(child))
                    .map(|child| self.rect(child))
                    .collect(),
                None => Vec::new(),
            };
            let at = self.spot_for_block(
                (placed.w, placed.h),
                fixed_box,
                unit.map_or(Host::Root, |_| Host::Unit(input_rect)),
                &anchored,
                &neighbours,
            );
            for (child, (x, y)) in free.iter().zip(&placed.pos) {
                self.move_to(*child, at.0 + x, at.1 + y);
            }
        }
        let Some(u) = unit else { return };
        self.unit_anchored[u] = true;
        if let Some(rect) = input_rect {
            // Grow, never shrink, to hold what was added or grew.
            let mut grown = rect;
            for &child in &children {
                let changed = match child {
                    Child::Module(m) => !self.module_fixed[m] || !self.module_sized[m],
                    Child::Unit(v) => self.unit_input[v] != Some(self.unit_rect[v]),
                };
                if changed {
                    grown = grown.union(&padded(self.rect(child)));
                }
            }
            self.unit_rect[u] = grown;
        } else {
            // Around what it holds, on the grid.
            let inner = children
                .iter()
                .map(|&child| self.rect(child))
                .reduce(|a, b| a.union(&b))
                .unwrap_or_default();
            let outer = padded(inner);
            let x = snap_down(outer.x);
            let y = snap_down(outer.y);
            let right = snap_up(outer.right()).max(x + self.unit_min_w[u]);
            let bottom = snap_up(outer.bottom());
            self.unit_rect[u] = Rect::new(x, y, right - x, bottom - y);
        }
    }

    /// When a unit is wider than its contents (for its title) and they
    /// are one column of modules whose size the layout decides, widens the
    /// modules to the unit's inner width `inner_w`, so the column fills the
    /// unit instead of leaving empty bands beside it.
    fn fill_width(&mut self, free: &[Child], placed: &mut layered::Placed, inner_w: f32) {
        if free.is_empty() || placed.w >= inner_w {
            return;
        }
        let mut modules = Vec::with_capacity(free.len());
        let (mut rightmost_left, mut leftmost_right) = (f32::NEG_INFINITY, f32::INFINITY);
        for (&child, &(x, _)) in free.iter().zip(&placed.pos) {
            let Child::Module(m) = child else { return };
            if self.module_sized[m] {
                return;
            }
            rightmost_left = rightmost_left.max(x);
            leftmost_right = leftmost_right.min(x + self.module_rect[m].w);
            modules.push(m);
        }
        // One column: every box spans a common vertical line.
        if rightmost_left >= leftmost_right {
            return;
        }
        for (m, pos) in modules.into_iter().zip(&mut placed.pos) {
            self.module_rect[m].w = inner_w;
            pos.0 = 0.0;
        }
        placed.w = inner_w;
    }

    /// Top-left corner for a new block of `size` among fixed children whose
    /// union is `fixed_box`: inside the unit's content area if it fits
    /// there without touching them, else right of or below them: where the
    /// unit, grown, overlaps its `neighbours` least (they keep their places,
    /// so it may have to overlap some), then where the whole stays most
    /// compact.
    fn spot_for_block(
        &self,
        size: (f32, f32),
        fixed_box: Option<Rect>,
        host: Host,
        anchored: &[Child],
        neighbours: &[Rect],
    ) -> (f32, f32) {
        let outer = match host {
            Host::Unit(rect) => rect,
            Host::Root => None,
        };
        let gap = COMPONENT_GAP;
        let content_area = outer.map(|r| {
            Rect::new(
                r.x + INSET_X,
                r.y + INSET_TOP,
                (r.w - 2.0 * INSET_X).max(0.0),
                (r.h - INSET_TOP - INSET_BOTTOM).max(0.0),
            )
        });
        let mut candidates: Vec<(f32, f32)> = Vec::new();
        if let Some(area) = content_area {
            candidates.push((area.x, area.y));
        }
        if let Some(fixed) = fixed_box {
            candidates.push((fixed.right() + gap, fixed.y));
            candidates.push((fixed.x, fixed.bottom() + gap));
            if let Some(area) = content_area {
                candidates.push((area.x, fixed.bottom() + gap));
                candidates.push((fixed.right() + gap, area.y));
            }
        }
        for candidate in &mut candidates {
            *candidate = (snap_up(candidate.0), snap_up(candidate.1));
        }
        let block = |(x, y): (f32, f32)| Rect::new(x, y, size.0, size.1);
        let clear = |at: (f32, f32)| {
            let r = block(at).expand(gap / 2.0 - 0.5);
            anchored
                .iter()
                .all(|&child| !self.rect(child).intersects(&r))
        };
        if let Some(area) = content_area
            && let Some(&at) = candidates
                .iter()
                .find(|&&at| area.contains_rect(&block(at)) && clear(at))
        {
            return at;
        }
        // Grow: the candidate whose bounding box with the rest is smallest,
        // measured as a screen-shaped square, avoiding neighbours.
        let cost = |at: (f32, f32)| {
            let added = block(at);
            let all = match (host, fixed_box) {
                // The unit's rectangle as it would become.
                (Host::Unit(Some(rect)), _) => rect.union(&padded(added)),
                (Host::Unit(None), Some(fixed)) => padded(fixed.union(&added)),
                (Host::Unit(None), None) => padded(added),
                // The root: what it would hold.
                (Host::Root, fixed) => fixed.map_or(added, |f| f.union(&added)),
            };
            let extent = (all.w / pack::ASPECT).max(all.h);
            let collision: f32 = neighbours.iter().map(|n| n.overlap_area(&all)).sum();
            (collision, extent)
        };
        candidates
            .iter()
            .copied()
            .filter(|&at| clear(at))
            .min_by(|&a, &b| {
                let (collision_a, extent_a) = cost(a);
                let (collision_b, extent_b) = cost(b);
                collision_a
                    .total_cmp(&collision_b)
                    .then(extent_a.total_cmp(&extent_b))
            })
            .unwrap_or_else(|| {
                let fixed = fixed_box.or(content_area).unwrap_or_default();
                (snap_up(fixed.right() + gap), snap_up(fixed.y))
            })
    }

    /// Lays out the children `free` of container `c` as one block with its
    /// top-left at the origin.
    fn lay_out_free(&self, c: Container, free: &[Child]) -> layered::Placed {
        let local: HashMap<Child, usize> = free
            .iter()
            .enumerate()
            .map(|(i, &child)| (child, i))
            .collect();
        let nodes: Vec<Node> = free
            .iter()
            .map(|&child| {
                let r = self.rect(child);
                Node {
                    w: r.w,
                    h: r.h,
                    pin: self.pin(c, child),
                }
            })
            .collect();
        let mut edges = Vec::new();
        let mut outside = Vec::new();
        for e in &self.internal[c] {
            let from = local.get(&e.from).copied();
            let to = local.get(&e.to).copied();
            match (from, to) {
                (Some(from), Some(to)) => edges.push(Edge {
                    from,
                    to,
                    from_port: self.port(e.from, e.from_module),
                    to_port: self.port(e.to, e.to_module),
                    label_w: e.label_w,
                }),
                (Some(from), None) => outside.push(Outside {
                    node: from,
                    side: e.from_side,
                    port: self.port(e.from, e.from_module),
                }),
                (None, Some(to)) => outside.push(Outside {
                    node: to,
                    side: e.to_side,
                    port: self.port(e.to, e.to_module),
                }),
                (None, None) => {}
            }
        }
        for &(child, side, module) in &self.outside[c] {
            if let Some(&node) = local.get(&child) {
                outside.push(Outside {
                    node,
                    side,
                    port: self.port(child, module),
                });
            }
        }
        let frame = c.checked_sub(1).map(|u| pack::Frame {
            extra: (2.0 * INSET_X, INSET_TOP + INSET_BOTTOM),
            min_w: self.unit_min_w[u],
        });
        layered::lay_out(&Level {
            nodes,
            edges,
            outside,
            frame,
        })
    }

    fn into_geometry(self, diagram: &Diagram, mode: Mode) -> Geometry {
        Geometry {
            modules: diagram
                .modules
                .iter()
                .zip(&self.module_rect)
                .map(|(m, r)| ModuleGeometry {
                    id: m.id.clone(),
                    pos: Some(r.min()),
                    size: Some(Size::new(r.w, r.h)),
                })
                .collect(),
            units: diagram
                .units
                .iter()
                .zip(&self.unit_rect)
                .map(|(u, r)| UnitGeometry {
                    id: u.id.clone(),
                    rect: Some(*r),
                })
                .collect(),
            interfaces: diagram
                .interfaces
                .iter()
                .zip(self.routes(diagram, mode))
                .map(|(f, route)| InterfaceGeometry {
                    id: f.id.clone(),
                    points: match mode {
                        Mode::MissingOnly if !f.points.is_empty() => f.points.clone(),
                        _ => route,
                    },
                })
                .collect(),
        }
    }

    /// Waypoints around the boxes in the way, for the interfaces this
    /// layout draws afresh: all of them ([`Mode::All`]), or those without
    /// waypoints that have an end placed now ([`Mode::MissingOnly`]; a line
    /// between two boxes that kept their places stays as it was).
    fn routes(&self, diagram: &Diagram, mode: Mode) -> Vec<Vec<Point>> {
        let pairs: Vec<Option<(usize, usize)>> = diagram
            .interfaces
            .iter()
            .zip(&self.interface_ends)
            .map(|(f, &ends)| {
                let (a, b) = ends?;
                let fresh = match mode {
                    Mode::All => true,
                    Mode::MissingOnly => {
                        f.points.is_empty() && !(self.module_fixed[a] && self.module_fixed[b])
                    }
                };
                fresh.then_some((a, b))
            })
            .collect();
        let tree = &self.tree;
        let ancestors = |m: usize| {
            let mut out = Vec::new();
            let mut c = tree.module_container[m];
            // Depth bounds the walk: the tree has no cycles left.
            while c != ROOT && out.len() < tree.depth.len() {
                out.push(c - 1);
                c = tree.unit_container[c - 1];
            }
            out
        };
        route::Router::new(&self.module_rect, &self.unit_rect, &ancestors)
            .route_all(&self.module_rect, &pairs)
    }
}

/// A unit's rectangle around contents at `inner`.
fn padded(inner: Rect) -> Rect {
    Rect::new(
        inner.x - INSET_X,
        inner.y - INSET_TOP,
        inner.w + 2.0 * INSET_X,
        inner.h + INSET_TOP + INSET_BOTTOM,
    )
}

/// The container a new block is placed in.
#[derive(Clone, Copy, Debug)]
enum Host {
    /// The root: nothing around it.
    Root,
    /// A unit, with its rectangle when it keeps one.
    Unit(Option<Rect>),
}
