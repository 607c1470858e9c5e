//! One level of the layout: a layered (Sugiyama-style) drawing of boxes,
//! flowing left to right.
//!
//! The boxes are the children of one container (modules and, as opaque
//! blocks, child units). The steps are the classic ones, each linear or
//! `n log n` in the size of the level so that a root level with thousands of
//! boxes stays fast:
//!
//! 1. split into connected components, lay each out, pack them (`pack`);
//! 2. break cycles (Eades–Lin–Smyth greedy order);
//! 3. assign layers (longest path, then sources and outward-facing sinks
//!    pulled towards their neighbours; pinned boxes to the first or last
//!    layer);
//! 4. chain long edges through dummy nodes;
//! 5. order each layer by barycentre sweeps, keeping the order with the
//!    fewest crossings (counted in `E log V`), plus adjacent swaps on small
//!    levels;
//! 6. columns side by side, sized by their widest box and the labels of the
//!    edges between them; vertical positions (`vertical`) by repeated
//!    isotonic regression (pool adjacent violators), which puts every box as
//!    close as possible to the height of the ports it connects to without
//!    overlaps, so that edges run straight where they can, within a band as
//!    tall as the tallest layer (so that lining boxes up does not leave the
//!    level, and the unit around it, mostly empty).
//!
//! Edges that leave the level (to a module in another unit) steer it too:
//! a box whose edges leave to the left is drawn towards the first layer,
//! one whose edges leave to the right towards the last, and the boxes in
//! the layers such an edge crosses on its way out keep clear of its height
//! ("lanes"), so that the line does not run through them.
//!
//! A level whose layers would make it far wider than tall (a long chain of
//! services) is wrapped into bands stacked top to bottom.
//!
//! Everything is in the level's own coordinates with the top-left at (0, 0),
//! snapped to the grid.
//!
//! Here: the level's types, step 1 and the choice between drawings; in
//! submodules: `layering` (steps 2 and 3), `component` (steps 4 and 6 for
//! one component), `order` (step 5), `bands` (wrapping long levels).

mod bands;
mod component;
mod layering;
mod order;
#[cfg(test)]
mod tests;

use super::pack;
use super::spacing::{COMPONENT_GAP, NODE_GAP};
use component::lay_out_component;
use layering::Layering;

/// Where a box must go regardless of its edges.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Pin {
    /// Wherever its edges put it.
    Free,
    /// In the first (leftmost) layer.
    First,
    /// In the last (rightmost) layer.
    Last,
}

/// A box to place: its size, already snapped to the grid.
#[derive(Clone, Copy, Debug)]
pub(super) struct Node {
    /// Width.
    pub w: f32,
    /// Height.
    pub h: f32,
    /// Layer constraint.
    pub pin: Pin,
}

/// An edge between two boxes of the level (one interface; parallel edges
/// are merged here).
#[derive(Clone, Copy, Debug)]
pub(super) struct Edge {
    /// Calling box.
    pub from: usize,
    /// Called box.
    pub to: usize,
    /// Height of the edge's end on `from`, measured from its top.
    pub from_port: f32,
    /// Height of the edge's end on `to`, measured from its top.
    pub to_port: f32,
    /// Width of the edge's label (0 when it has none).
    pub label_w: f32,
}

/// Which side of the level an edge to something outside it leaves by
/// (decided where the edge runs between two blocks: towards the block on
/// the left, or on the right).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Side {
    /// The other end lies to the left.
    Left,
    /// The other end lies to the right.
    Right,
}

/// An edge between a box of the level and something outside it.
#[derive(Clone, Copy, Debug)]
pub(super) struct Outside {
    /// The box.
    pub node: usize,
    /// Which way the edge runs.
    pub side: Side,
    /// Height of the edge's end on the box, measured from its top.
    pub port: f32,
}

/// The boxes and edges of one level.
#[derive(Clone, Debug, Default)]
pub(super) struct Level {
    /// The boxes.
    pub nodes: Vec<Node>,
    /// Edges between boxes of the level.
    pub edges: Vec<Edge>,
    /// Edges from a box to outside the level.
    pub outside: Vec<Outside>,
    /// The unit rectangle the level is drawn in, if any: how its
    /// unconnected parts are packed.
    pub frame: Option<pack::Frame>,
}

/// The result: top-left corner of every box, and the size of the whole.
#[derive(Clone, Debug, Default)]
pub(super) struct Placed {
    /// Top-left corner of each box, in the level's coordinates.
    pub pos: Vec<(f32, f32)>,
    /// Width of the drawing.
    pub w: f32,
    /// Height of the drawing.
    pub h: f32,
}

/// A level drawn with lanes, and without when asked for and different.
#[derive(Clone, Debug, Default)]
struct Drawn {
    /// Boxes keep clear of the lines leaving the level.
    laned: Placed,
    /// Lines leaving the level are routed around the boxes instead (`None`
    /// when not asked for, or when no lane kept a box clear of a line).
    plain: Option<Placed>,
}

/// How a level is drawn.
#[derive(Clone, Copy, Debug)]
struct Style {
    /// Long chains of layers are wrapped into bands.
    wrap: bool,
    /// Besides the drawing whose boxes keep clear of the lines that leave
    /// the level through their layer ("lanes"), the one where such a line
    /// is routed around them instead (the layers and their order shared).
    both: bool,
    /// Boxes free to sit in several layers go where the columns are
    /// shortest (inside units, whose size follows the tallest column).
    balance: bool,
}

/// A level inside a unit with at most this many boxes is drawn both with
/// and without lanes, and the drawing that gives the smaller unit is kept.
const CHOOSE_LANES_UP_TO: usize = 64;

/// Room below a level drawn without lanes, for the lines routed around its
/// boxes instead.
const CORRIDOR: f32 = NODE_GAP;

/// Lays out a level: components side by side, each one layered. Inside a
/// unit, lanes that would stagger the boxes (a box below the height of a
/// line passing its neighbour, leaving empty corners) are kept only when
/// the unit is no larger with them.
pub(super) fn lay_out(level: &Level) -> Placed {
    let framed = level.frame.is_some();
    let Drawn { laned, plain } = lay_out_with(
        level,
        Style {
            wrap: true,
            both: framed && level.nodes.len() <= CHOOSE_LANES_UP_TO,
            balance: framed,
        },
    );
    let (Some(frame), Some(mut plain)) = (level.frame, plain) else {
        return laned;
    };
    if plain.pos == laned.pos {
        return laned;
    }
    // The lines that would have had lanes are routed around the boxes in
    // their way: a corridor below them keeps such a line off the unit's
    // border.
    plain.h += CORRIDOR;
    if frame.area(plain.w, plain.h) < frame.area(laned.w, laned.h) {
        plain
    } else {
        laned
    }
}

/// [`lay_out`] in one style.
fn lay_out_with(level: &Level, style: Style) -> Drawn {
    let n = level.nodes.len();
    if n == 0 {
        return Drawn::default();
    }
    let split = Split::new(level);
    if split.members.len() == 1 {
        return lay_out_component(level, style);
    }
    // Lay each component out on its own, then pack the blocks.
    let drawn: Vec<Drawn> = split
        .levels
        .iter()
        .map(|component| lay_out_component(component, style))
        .collect();
    let laned = packed(level, &split, drawn.iter().map(|d| &d.laned).collect());
    let plain = drawn.iter().any(|d| d.plain.is_some()).then(|| {
        let placed = drawn.iter().map(|d| d.plain.as_ref().unwrap_or(&d.laned));
        packed(level, &split, placed.collect())
    });
    Drawn { laned, plain }
}

/// The components of `split`, drawn as `placed`, packed into one drawing.
fn packed(level: &Level, split: &Split, placed: Vec<&Placed>) -> Placed {
    let sizes: Vec<(f32, f32)> = placed.iter().map(|p| (p.w, p.h)).collect();
    let packed = pack::pack(&sizes, COMPONENT_GAP, level.frame);
    let mut pos = vec![(0.0, 0.0); level.nodes.len()];
    for (c, members) in split.members.iter().enumerate() {
        let (ox, oy) = packed.pos[c];
        for (i, &v) in members.iter().enumerate() {
            let (x, y) = placed[c].pos[i];
            pos[v] = (ox + x, oy + y);
        }
    }
    Placed {
        pos,
        w: packed.w,
        h: packed.h,
    }
}

/// The layer each box of a level falls in, with the component it belongs
/// to: what [`lay_out`] would use, for deciding on which side the edges
/// between two boxes leave them. Layers of different components are
/// unrelated.
pub(super) fn layers(level: &Level) -> Vec<(usize, usize)> {
    let n = level.nodes.len();
    let split = Split::new(level);
    let mut out = vec![(0, 0); n];
    for (c, members) in split.members.iter().enumerate() {
        let layering = if split.members.len() == 1 {
            Layering::new(level, false)
        } else {
            Layering::new(&split.levels[c], false)
        };
        for (i, &v) in members.iter().enumerate() {
            out[v] = (c, layering.layer[i]);
        }
    }
    out
}

/// A level cut into its connected components, each as a level of its own.
struct Split {
    /// The boxes of each component, in increasing order.
    members: Vec<Vec<usize>>,
    /// Each component as a level (empty when there is only one).
    levels: Vec<Level>,
}

impl Split {
    fn new(level: &Level) -> Self {
        let n = level.nodes.len();
        let members = components(level);
        if members.len() <= 1 {
            return Split {
                members,
                levels: Vec::new(),
            };
        }
        let mut local = vec![0usize; n];
        let mut which = vec![0usize; n];
        for (c, list) in members.iter().enumerate() {
            for (i, &v) in list.iter().enumerate() {
                local[v] = i;
                which[v] = c;
            }
        }
        let mut levels: Vec<Level> = members
            .iter()
            .map(|list| Level {
                nodes: list.iter().map(|&v| level.nodes[v]).collect(),
                edges: Vec::new(),
                outside: Vec::new(),
                frame: None,
            })
            .collect();
        for e in &level.edges {
            levels[which[e.from]].edges.push(Edge {
                from: local[e.from],
                to: local[e.to],
                ..*e
            });
        }
        for o in level.outside.iter().filter(|o| o.node < n) {
            levels[which[o.node]].outside.push(Outside {
                node: local[o.node],
                ..*o
            });
        }
        Split { members, levels }
    }
}

/// The weakly connected components, each in increasing node order, ordered
/// by their smallest node.
fn components(level: &Level) -> Vec<Vec<usize>> {
    let n = level.nodes.len();
    let mut joined = petgraph::unionfind::UnionFind::<usize>::new(n);
    for e in level.edges.iter().filter(|e| e.from < n && e.to < n) {
        joined.union(e.from, e.to);
    }
    let mut slot = vec![usize::MAX; n];
    let mut out: Vec<Vec<usize>> = Vec::new();
    for v in 0..n {
        let root = joined.find_mut(v);
        if slot[root] == usize::MAX {
            slot[root] = out.len();
            out.push(Vec::new());
        }
        out[slot[root]].push(v);
    }
    out
}
