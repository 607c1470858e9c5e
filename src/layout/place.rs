//! Placing the children of one container: the new ones laid out as one
//! block (`layered`), put among those that keep their places, and the
//! unit's rectangle around them.

use super::layered::{self, Edge, Level, Node, Outside};
use super::pack;
use super::spacing::{
    COMPONENT_GAP, EMPTY_UNIT_CONTENT, INSET_BOTTOM, INSET_TOP, INSET_X, ORIGIN, snap_down, snap_up,
};
use super::tree::{Child, Container};
use super::work::Work;
use crate::model::Rect;
use std::collections::HashMap;

impl Work {
    /// Lays out the children of `c` that have no geometry and places them
    /// among those that have; gives a unit its rectangle.
    pub(super) fn place_container(&mut self, c: Container) {
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
