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

use super::pack;
use super::spacing::{
    BAND_GAP, COMPONENT_GAP, LABEL_MARGIN, LAYER_GAP, MAX_LAYER_GAP, NODE_GAP, snap, snap_up,
};
use super::vertical::{LaneSpan, vertical_positions};
use std::cmp::{Ordering, Reverse};
use std::collections::{BTreeMap, BinaryHeap, VecDeque};

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

/// Lays out a level: components side by side, each one layered.
pub(super) fn lay_out(level: &Level) -> Placed {
    lay_out_with(level, true)
}

/// [`lay_out`], wrapping long chains of layers into bands when `wrap`.
fn lay_out_with(level: &Level, wrap: bool) -> Placed {
    let n = level.nodes.len();
    if n == 0 {
        return Placed::default();
    }
    let split = Split::new(level);
    if split.members.len() == 1 {
        return lay_out_component(level, wrap);
    }
    // Lay each component out on its own, then pack the blocks.
    let placed: Vec<Placed> = split
        .levels
        .iter()
        .map(|component| lay_out_component(component, wrap))
        .collect();
    let sizes: Vec<(f32, f32)> = placed.iter().map(|p| (p.w, p.h)).collect();
    let packed = pack::pack(&sizes, COMPONENT_GAP, level.frame);
    let mut pos = vec![(0.0, 0.0); n];
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
            Layering::new(level)
        } else {
            Layering::new(&split.levels[c])
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

/// An edge of the acyclic graph, parallel edges merged.
#[derive(Clone, Copy, Debug)]
struct DagEdge {
    from: usize,
    to: usize,
    weight: u32,
    from_port: f32,
    to_port: f32,
    label_w: f32,
}

/// A segment between adjacent layers (or, past the dummy budget, further).
#[derive(Clone, Copy, Debug)]
pub(super) struct Segment {
    /// The end in the lower-numbered layer.
    pub upper: usize,
    /// The end in the higher-numbered layer.
    pub lower: usize,
    /// How many edges it stands for: the weight of its crossings.
    pub weight: f32,
    /// How strongly it pulls its ends level, per edge.
    pub pull: f32,
    /// Height of the segment's end on `upper`, from its top.
    pub upper_port: f32,
    /// Height of the segment's end on `lower`, from its top.
    pub lower_port: f32,
}

/// A level's drawing is wrapped into bands when it has at least this many
/// layers...
const WRAP_LAYERS: usize = 8;
/// ...and would be this many times wider than tall (a layered drawing of
/// moderate width reads better unwrapped)...
const WRAP_ASPECT: f32 = 5.0;
/// ...and then into as many bands as bring it closest to a screen's shape.
const BAND_ASPECT: f32 = pack::ASPECT;

/// The band of each layer when a level with these layers would be much
/// wider than tall (a long chain of services, say): consecutive layers of
/// about equal total width per band. `None` when it is fine as it is.
fn bands(level: &Level, layer: &[usize], count: usize) -> Option<Vec<usize>> {
    if count < WRAP_LAYERS {
        return None;
    }
    let mut col_w = vec![0.0f32; count];
    let mut col_h = vec![0.0f32; count];
    for (v, node) in level.nodes.iter().enumerate() {
        let l = layer[v];
        col_w[l] = col_w[l].max(node.w);
        col_h[l] += node.h + NODE_GAP;
    }
    let width: f32 = col_w.iter().map(|w| w + LAYER_GAP).sum::<f32>() - LAYER_GAP;
    let height = col_h.iter().copied().fold(0.0, f32::max) - NODE_GAP;
    if width < WRAP_ASPECT * height.max(1.0) {
        return None;
    }
    let aspect = |k: f32| (width / k) / (k * height + (k - 1.0) * BAND_GAP);
    let bands = (1..=count / 2)
        .min_by(|&a, &b| {
            let off = |k: usize| (aspect(k as f32) / BAND_ASPECT).ln().abs();
            off(a).partial_cmp(&off(b)).unwrap_or(Ordering::Equal)
        })
        .unwrap_or(1);
    if bands < 2 {
        return None;
    }
    let target = width / bands as f32;
    let mut band_of_layer = vec![0usize; count];
    let mut band = 0;
    let mut filled = 0.0f32;
    for l in 0..count {
        let w = col_w[l] + LAYER_GAP;
        if filled > 0.0 && filled + w / 2.0 > target && band + 1 < bands {
            band += 1;
            filled = 0.0;
        }
        band_of_layer[l] = band;
        filled += w;
    }
    Some(band_of_layer)
}

/// Lays out each band of layers on its own and stacks the bands, first on
/// top. Edges between bands are left to run between them.
fn lay_out_bands(level: &Level, layer: &[usize], band_of_layer: &[usize]) -> Placed {
    let n = level.nodes.len();
    let count = band_of_layer.iter().max().map_or(1, |b| b + 1);
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); count];
    let mut local = vec![0usize; n];
    let mut band_of = vec![0usize; n];
    for v in 0..n {
        let b = band_of_layer[layer[v]];
        band_of[v] = b;
        local[v] = members[b].len();
        members[b].push(v);
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
    for e in level.edges.iter().filter(|e| e.from < n && e.to < n) {
        if band_of[e.from] == band_of[e.to] {
            levels[band_of[e.from]].edges.push(Edge {
                from: local[e.from],
                to: local[e.to],
                ..*e
            });
        }
    }
    for o in level.outside.iter().filter(|o| o.node < n) {
        levels[band_of[o.node]].outside.push(Outside {
            node: local[o.node],
            ..*o
        });
    }
    let mut pos = vec![(0.0, 0.0); n];
    let (mut w, mut y) = (0.0f32, 0.0f32);
    for (b, band) in levels.iter().enumerate() {
        let placed = lay_out_with(band, false);
        for (i, &v) in members[b].iter().enumerate() {
            pos[v] = (placed.pos[i].0, y + placed.pos[i].1);
        }
        w = w.max(placed.w);
        y += placed.h + BAND_GAP;
    }
    Placed {
        pos,
        w,
        h: y - BAND_GAP,
    }
}

/// How strongly a chain of dummies holds itself straight against the boxes
/// it passes, relative to an edge between two boxes.
const DUMMY_PULL: f32 = 2.0;
/// Real boxes plus dummies: the layer of each, and the segments between
/// them.
struct Chains {
    layer: Vec<usize>,
    segments: Vec<Segment>,
}

impl Chains {
    /// Adds an edge from `upper` (box, port) to `lower` through one new
    /// dummy per layer in `through`; a chain of dummies holds itself
    /// straighter than a single edge does.
    fn add(
        &mut self,
        upper: (usize, f32),
        lower: (usize, f32),
        through: std::ops::Range<usize>,
        weight: f32,
    ) {
        let (mut prev, mut prev_port) = upper;
        let pull = if through.is_empty() { 1.0 } else { DUMMY_PULL };
        for l in through {
            let d = self.layer.len();
            self.layer.push(l);
            self.segments.push(Segment {
                upper: prev,
                lower: d,
                weight,
                pull,
                upper_port: prev_port,
                lower_port: 0.0,
            });
            prev = d;
            prev_port = 0.0;
        }
        self.segments.push(Segment {
            upper: prev,
            lower: lower.0,
            weight,
            pull,
            upper_port: prev_port,
            lower_port: lower.1,
        });
    }
}

/// The layers of one connected component, and what led to them.
struct Layering {
    /// Edges to the outside, merged per box and side.
    lanes: Vec<Lane>,
    /// The greedy sequence (virtual boxes included).
    seq: Vec<usize>,
    /// The edges, turned to follow `seq`, between real boxes.
    edges: Vec<DagEdge>,
    /// The layer of each real box, without gaps.
    layer: Vec<usize>,
    /// How many layers there are.
    count: usize,
}

impl Layering {
    /// Steps 2 and 3: cycle breaking and layers. Virtual boxes standing
    /// for everything outside the level (on the left and on the right)
    /// steer the layering and are then dropped.
    fn new(level: &Level) -> Self {
        let n = level.nodes.len();
        let lanes = merge_outside(n, &level.outside);
        let west = n;
        let east = n + 1;
        let total = n + 2;
        let mut pins: Vec<Pin> = level.nodes.iter().map(|node| node.pin).collect();
        pins.push(Pin::First);
        pins.push(Pin::Last);
        let mut raw: Vec<RawEdge> = level
            .edges
            .iter()
            .filter(|e| e.from != e.to && e.from < n && e.to < n)
            .map(|e| RawEdge {
                from: e.from,
                to: e.to,
                from_port: e.from_port,
                to_port: e.to_port,
                label_w: e.label_w,
            })
            .collect();
        let mut leaves_right = vec![false; n];
        for lane in &lanes {
            let (from, to) = match lane.side {
                Side::Left => (west, lane.node),
                Side::Right => {
                    leaves_right[lane.node] = true;
                    (lane.node, east)
                }
            };
            raw.push(RawEdge {
                from,
                to,
                from_port: 0.0,
                to_port: 0.0,
                label_w: 0.0,
            });
        }
        let seq = greedy_sequence(total, &raw, &pins);
        let dag = acyclic_edges(total, &raw, &seq);
        let layer_of = assign_layers(total, &dag, &seq, &pins, &leaves_right, west, east);
        let mut used: Vec<usize> = layer_of[..n].to_vec();
        used.sort_unstable();
        used.dedup();
        let mut dense = vec![0usize; used.last().map_or(0, |l| l + 1)];
        for (i, &l) in used.iter().enumerate() {
            dense[l] = i;
        }
        let layer: Vec<usize> = layer_of[..n].iter().map(|&l| dense[l]).collect();
        Layering {
            lanes,
            seq,
            edges: dag.into_iter().filter(|e| e.from < n && e.to < n).collect(),
            count: used.len(),
            layer,
        }
    }
}

/// Lays out one connected component.
fn lay_out_component(level: &Level, wrap: bool) -> Placed {
    let n = level.nodes.len();
    if n == 1 {
        let node = level.nodes[0];
        return Placed {
            pos: vec![(0.0, 0.0)],
            w: node.w,
            h: node.h,
        };
    }
    let Layering {
        lanes,
        seq,
        edges: real_edges,
        layer: real_layers,
        count: layer_count,
    } = Layering::new(level);
    if wrap && let Some(band_of_layer) = bands(level, &real_layers, layer_count) {
        return lay_out_bands(level, &real_layers, &band_of_layer);
    }

    // 4. Segments between adjacent layers: edges that skip layers are
    //    chained through dummies, and an edge leaving the level gets a lane
    //    (see `LaneSpan`) through the layers between its box and the side
    //    it leaves by. Past a budget (huge levels with very long edges)
    //    edges stay unchained and lanes are dropped.
    let edge_spans: usize = real_edges
        .iter()
        .map(|e| real_layers[e.to].saturating_sub(real_layers[e.from] + 1))
        .sum();
    let lane_spans: usize = lanes
        .iter()
        .map(|lane| match lane.side {
            Side::Left => real_layers[lane.node],
            Side::Right => layer_count - 1 - real_layers[lane.node],
        })
        .sum();
    let budget = 8 * n + 2000;
    let chain_edges = edge_spans <= budget;
    let chain_lanes = edge_spans + lane_spans <= budget;
    let mut chains = Chains {
        layer: real_layers.clone(),
        segments: Vec::new(),
    };
    // For each layer, the widest label on an edge in the gap after it.
    let mut label_gaps: Vec<f32> = vec![0.0; layer_count];
    for e in &real_edges {
        let (lf, lt) = (real_layers[e.from], real_layers[e.to]);
        if lt > lf && e.label_w > 0.0 {
            let gap = lf + (lt - lf - 1) / 2;
            label_gaps[gap] = label_gaps[gap].max(e.label_w);
        }
        let (upper, lower, through) = if lt >= lf {
            ((e.from, e.from_port), (e.to, e.to_port), lf + 1..lt)
        } else {
            ((e.to, e.to_port), (e.from, e.from_port), lt + 1..lf)
        };
        let through = if chain_edges { through } else { 0..0 };
        chains.add(upper, lower, through, e.weight as f32);
    }
    // Lanes: the layers a line leaving the level crosses, at the height of
    // its port on the box it leaves.
    let mut lane_spans: Vec<LaneSpan> = Vec::new();
    if chain_lanes {
        for lane in &lanes {
            let l = real_layers[lane.node];
            let layers = match lane.side {
                Side::Right => l + 1..layer_count,
                Side::Left => 0..l,
            };
            if !layers.is_empty() {
                lane_spans.push(LaneSpan {
                    node: lane.node,
                    port: lane.port,
                    layers,
                });
            }
        }
    }
    let Chains { layer, segments } = chains;
    let all = layer.len();
    let is_dummy = |v: usize| v >= n;
    let size_of = |v: usize| -> (f32, f32) {
        if is_dummy(v) {
            (0.0, 0.0)
        } else {
            (level.nodes[v].w, level.nodes[v].h)
        }
    };

    // Neighbours: `up` lie in lower-numbered layers, `down` in higher ones.
    let mut up: Vec<Vec<(usize, f32)>> = vec![Vec::new(); all];
    let mut down: Vec<Vec<(usize, f32)>> = vec![Vec::new(); all];
    for s in &segments {
        down[s.upper].push((s.lower, s.weight));
        up[s.lower].push((s.upper, s.weight));
    }

    // 5. Order within layers.
    let mut layers = initial_order(all, layer_count, &layer, &down, &seq[..], n);
    order_layers(&mut layers, &up, &down, &layer);

    // 6. Coordinates.
    let mut col_w = vec![0.0f32; layer_count];
    for (node, &l) in level.nodes.iter().zip(&layer) {
        col_w[l] = col_w[l].max(node.w);
    }
    let mut col_x = vec![0.0f32; layer_count];
    let mut x = 0.0f32;
    for l in 0..layer_count {
        col_x[l] = x;
        let label_room = if label_gaps[l] > 0.0 {
            snap_up(label_gaps[l] + 2.0 * LABEL_MARGIN)
        } else {
            0.0
        };
        x += col_w[l] + LAYER_GAP.max(label_room).min(MAX_LAYER_GAP);
    }
    let tops = vertical_positions(&layers, &segments, &lane_spans, &size_of, &is_dummy);

    let mut pos = vec![(0.0, 0.0); n];
    let mut width = 0.0f32;
    let mut height = 0.0f32;
    for v in 0..n {
        let l = layer[v];
        let node = level.nodes[v];
        let px = col_x[l] + snap((col_w[l] - node.w) / 2.0);
        pos[v] = (px, tops[v]);
        width = width.max(px + node.w);
        height = height.max(tops[v] + node.h);
    }
    Placed {
        pos,
        w: width,
        h: height,
    }
}

/// The edges to the outside merged per box and side.
#[derive(Clone, Copy, Debug)]
struct Lane {
    node: usize,
    side: Side,
    port: f32,
}

fn merge_outside(n: usize, outside: &[Outside]) -> Vec<Lane> {
    let mut merged: BTreeMap<(usize, bool), (f32, f32)> = BTreeMap::new();
    for o in outside.iter().filter(|o| o.node < n) {
        let entry = merged
            .entry((o.node, o.side == Side::Right))
            .or_insert((0.0, 0.0));
        entry.0 += o.port;
        entry.1 += 1.0;
    }
    merged
        .into_iter()
        .map(|((node, right), (ports, count))| Lane {
            node,
            side: if right { Side::Right } else { Side::Left },
            port: ports / count,
        })
        .collect()
}

/// An edge before cycle breaking.
#[derive(Clone, Copy, Debug)]
struct RawEdge {
    from: usize,
    to: usize,
    from_port: f32,
    to_port: f32,
    label_w: f32,
}

/// The edges turned to follow `seq`, parallel ones merged (ports averaged,
/// widest label kept).
fn acyclic_edges(total: usize, raw: &[RawEdge], seq: &[usize]) -> Vec<DagEdge> {
    let mut rank = vec![0usize; total];
    for (i, &v) in seq.iter().enumerate() {
        rank[v] = i;
    }
    let mut merged: BTreeMap<(usize, usize), DagEdge> = BTreeMap::new();
    for e in raw {
        let (from, to, fp, tp) = if rank[e.from] <= rank[e.to] {
            (e.from, e.to, e.from_port, e.to_port)
        } else {
            (e.to, e.from, e.to_port, e.from_port)
        };
        merged
            .entry((from, to))
            .and_modify(|m| {
                m.weight += 1;
                m.from_port += fp;
                m.to_port += tp;
                m.label_w = m.label_w.max(e.label_w);
            })
            .or_insert(DagEdge {
                from,
                to,
                weight: 1,
                from_port: fp,
                to_port: tp,
                label_w: e.label_w,
            });
    }
    merged
        .into_values()
        .map(|e| DagEdge {
            from_port: e.from_port / e.weight as f32,
            to_port: e.to_port / e.weight as f32,
            ..e
        })
        .collect()
}

/// Eades–Lin–Smyth: repeatedly take sinks to the end and sources to the
/// front, otherwise the node with the largest (out − in) degree to the
/// front. Pinned nodes go first (`First`) or last (`Last`) outright.
/// Deterministic: ties go to the smaller index.
fn greedy_sequence(total: usize, raw: &[RawEdge], pins: &[Pin]) -> Vec<usize> {
    let mut greedy = Greedy::new(total, raw);
    let mut front: Vec<usize> = Vec::with_capacity(total);
    let mut back: Vec<usize> = Vec::new();
    for (v, pin) in pins.iter().enumerate() {
        if *pin == Pin::First {
            front.push(v);
            greedy.remove_to_front(v);
        }
    }
    for (v, pin) in pins.iter().enumerate() {
        if *pin == Pin::Last && greedy.alive[v] {
            back.push(v);
            greedy.remove(v);
        }
    }
    greedy.reset_queues();
    while greedy.remaining > 0 {
        if let Some(v) = greedy.sinks.pop_front() {
            if greedy.alive[v] && greedy.out_deg[v] == 0 {
                back.push(v);
                greedy.remove(v);
            }
        } else if let Some(v) = greedy.sources.pop_front() {
            if greedy.alive[v] && greedy.in_deg[v] == 0 {
                front.push(v);
                greedy.remove_to_front(v);
            }
        } else if let Some((key, fronted, Reverse(v))) = greedy.heap.pop() {
            if greedy.alive[v] && (key, fronted) == greedy.key(v) {
                front.push(v);
                greedy.remove_to_front(v);
            }
        } else {
            break;
        }
    }
    back.reverse();
    front.extend(back);
    front
}

/// The state of the greedy cycle breaker: the graph with removed nodes,
/// plus queues of sinks and sources and a lazy max-heap of (out − in),
/// ties going to the node with more callers already placed in front (so
/// that a cycle is entered where the flow from the sources enters it).
struct Greedy {
    succ: Vec<Vec<usize>>,
    pred: Vec<Vec<usize>>,
    out_deg: Vec<i64>,
    in_deg: Vec<i64>,
    /// Edges from nodes already placed in front.
    fronted: Vec<i64>,
    alive: Vec<bool>,
    remaining: usize,
    sinks: VecDeque<usize>,
    sources: VecDeque<usize>,
    heap: BinaryHeap<(i64, i64, Reverse<usize>)>,
}

impl Greedy {
    fn new(total: usize, raw: &[RawEdge]) -> Self {
        let mut succ: Vec<Vec<usize>> = vec![Vec::new(); total];
        let mut pred: Vec<Vec<usize>> = vec![Vec::new(); total];
        for e in raw {
            if e.from != e.to {
                succ[e.from].push(e.to);
                pred[e.to].push(e.from);
            }
        }
        Greedy {
            out_deg: succ.iter().map(|s| s.len() as i64).collect(),
            in_deg: pred.iter().map(|p| p.len() as i64).collect(),
            fronted: vec![0; total],
            succ,
            pred,
            alive: vec![true; total],
            remaining: total,
            sinks: VecDeque::new(),
            sources: VecDeque::new(),
            heap: BinaryHeap::new(),
        }
    }

    /// Refills the queues from scratch, in node order.
    fn reset_queues(&mut self) {
        self.sinks.clear();
        self.sources.clear();
        self.heap.clear();
        for v in 0..self.alive.len() {
            if !self.alive[v] {
                continue;
            }
            if self.out_deg[v] == 0 {
                self.sinks.push_back(v);
            } else if self.in_deg[v] == 0 {
                self.sources.push_back(v);
            }
            self.push(v);
        }
    }

    fn key(&self, v: usize) -> (i64, i64) {
        (self.out_deg[v] - self.in_deg[v], self.fronted[v])
    }

    fn push(&mut self, v: usize) {
        let (delta, fronted) = self.key(v);
        self.heap.push((delta, fronted, Reverse(v)));
    }

    fn remove_to_front(&mut self, v: usize) {
        self.remove(v);
        for i in 0..self.succ[v].len() {
            let w = self.succ[v][i];
            if self.alive[w] {
                self.fronted[w] += 1;
                self.push(w);
            }
        }
    }

    fn remove(&mut self, v: usize) {
        self.alive[v] = false;
        self.remaining -= 1;
        for i in 0..self.pred[v].len() {
            let u = self.pred[v][i];
            if self.alive[u] {
                self.out_deg[u] -= 1;
                if self.out_deg[u] == 0 {
                    self.sinks.push_back(u);
                }
                self.push(u);
            }
        }
        for i in 0..self.succ[v].len() {
            let w = self.succ[v][i];
            if self.alive[w] {
                self.in_deg[w] -= 1;
                if self.in_deg[w] == 0 {
                    self.sources.push_back(w);
                }
                self.push(w);
            }
        }
    }
}

/// Longest-path layers in sequence order, then sources pulled right next to
/// their callees, boxes whose only other edges leave to the right pulled to
/// the last layer, and pinned boxes to the first or last layer.
fn assign_layers(
    total: usize,
    dag: &[DagEdge],
    seq: &[usize],
    pins: &[Pin],
    leaves_right: &[bool],
    west: usize,
    east: usize,
) -> Vec<usize> {
    let mut preds: Vec<Vec<usize>> = vec![Vec::new(); total];
    let mut succs: Vec<Vec<usize>> = vec![Vec::new(); total];
    for e in dag {
        preds[e.to].push(e.from);
        succs[e.from].push(e.to);
    }
    let mut layer = vec![0usize; total];
    for &v in seq {
        layer[v] = preds[v].iter().map(|&u| layer[u] + 1).max().unwrap_or(0);
    }
    let real = |v: usize| v != west && v != east;
    for &v in seq.iter().rev() {
        if pins[v] == Pin::Free
            && preds[v].is_empty()
            && let Some(closest) = succs[v].iter().map(|&w| layer[w]).min()
        {
            layer[v] = layer[v].max(closest.saturating_sub(1));
        }
    }
    let last_real = (0..total)
        .filter(|&v| real(v) && pins[v] != Pin::Last)
        .map(|v| layer[v])
        .max()
        .unwrap_or(0);
    for v in 0..total {
        if !real(v) {
            continue;
        }
        let internal_sink = succs[v].iter().all(|&w| !real(w));
        if pins[v] == Pin::Last || (pins[v] == Pin::Free && internal_sink && leaves_right[v]) {
            layer[v] = layer[v].max(last_real);
        } else if pins[v] == Pin::First {
            layer[v] = 0;
        }
    }
    layer
}

/// A first order for every layer: depth-first discovery order from the
/// boxes in sequence order, which keeps related boxes near each other.
fn initial_order(
    all: usize,
    layer_count: usize,
    layer: &[usize],
    down: &[Vec<(usize, f32)>],
    seq: &[usize],
    n: usize,
) -> Vec<Vec<usize>> {
    let mut visited = vec![false; all];
    let mut discovery: Vec<usize> = Vec::with_capacity(all);
    let mut stack: Vec<usize> = Vec::new();
    let starts = seq.iter().copied().filter(|&v| v < n).chain(0..all);
    for start in starts {
        if visited[start] {
            continue;
        }
        stack.push(start);
        while let Some(v) = stack.pop() {
            if visited[v] {
                continue;
            }
            visited[v] = true;
            discovery.push(v);
            for &(w, _) in down[v].iter().rev() {
                if !visited[w] {
                    stack.push(w);
                }
            }
        }
    }
    let mut layers: Vec<Vec<usize>> = vec![Vec::new(); layer_count];
    for v in discovery {
        layers[layer[v]].push(v);
    }
    layers
}

/// Barycentre sweeps down and up, with adjacent swaps on small levels;
/// keeps the order with the fewest crossings.
fn order_layers(
    layers: &mut [Vec<usize>],
    up: &[Vec<(usize, f32)>],
    down: &[Vec<(usize, f32)>],
    layer: &[usize],
) {
    if layers.len() < 2 {
        return;
    }
    let all = layer.len();
    let mut position = vec![0usize; all];
    let refresh = |layers: &[Vec<usize>], position: &mut [usize]| {
        for row in layers {
            for (i, &v) in row.iter().enumerate() {
                position[v] = i;
            }
        }
    };
    refresh(layers, &mut position);
    let mut best = layers.to_vec();
    let mut best_crossings = crossings(layers, layer, down, &position);
    if best_crossings == 0.0 {
        return;
    }
    let small = all <= 400;
    let max_rounds = if all <= 2000 { 24 } else { 8 };
    let mut stale = 0;
    for round in 0..max_rounds {
        let downward = round % 2 == 0;
        let order: Vec<usize> = if downward {
            (1..layers.len()).collect()
        } else {
            (0..layers.len() - 1).rev().collect()
        };
        for l in order {
            let neighbours = if downward { up } else { down };
            sort_by_barycentre(&mut layers[l], neighbours, &mut position);
        }
        if small {
            transpose(layers, up, down, &mut position);
        }
        let now = crossings(layers, layer, down, &position);
        if now < best_crossings {
            best_crossings = now;
            best = layers.to_vec();
            stale = 0;
            if now == 0.0 {
                break;
            }
        } else {
            stale += 1;
            if stale >= 4 {
                break;
            }
        }
    }
    layers.clone_from_slice(&best);
}

fn sort_by_barycentre(row: &mut [usize], neighbours: &[Vec<(usize, f32)>], position: &mut [usize]) {
    let mut keyed: Vec<(f32, usize, usize)> = row
        .iter()
        .enumerate()
        .map(|(i, &v)| {
            let (sum, weight) = neighbours[v]
                .iter()
                .fold((0.0f32, 0.0f32), |(s, w), &(u, wt)| {
                    (s + position[u] as f32 * wt, w + wt)
                });
            let key = if weight > 0.0 { sum / weight } else { i as f32 };
            (key, i, v)
        })
        .collect();
    keyed.sort_by(|a, b| {
        a.0.partial_cmp(&b.0)
            .unwrap_or(Ordering::Equal)
            .then(a.1.cmp(&b.1))
    });
    for (i, (_, _, v)) in keyed.into_iter().enumerate() {
        row[i] = v;
        position[v] = i;
    }
}

/// Swaps neighbours in a layer while that removes crossings.
fn transpose(
    layers: &mut [Vec<usize>],
    up: &[Vec<(usize, f32)>],
    down: &[Vec<(usize, f32)>],
    position: &mut [usize],
) {
    // Crossings between the edges of `a` and `b` (a left of b) to one side.
    let pair = |a: usize, b: usize, side: &[Vec<(usize, f32)>], position: &[usize]| -> f32 {
        let mut count = 0.0;
        for &(x, wx) in &side[a] {
            for &(y, wy) in &side[b] {
                if position[x] > position[y] {
                    count += wx * wy;
                }
            }
        }
        count
    };
    for _ in 0..4 {
        let mut improved = false;
        for row in layers.iter_mut() {
            if row.len() > 60 {
                continue;
            }
            for i in 0..row.len().saturating_sub(1) {
                let (a, b) = (row[i], row[i + 1]);
                let keep = pair(a, b, up, position) + pair(a, b, down, position);
                let swap = pair(b, a, up, position) + pair(b, a, down, position);
                if swap < keep {
                    row.swap(i, i + 1);
                    position[a] = i + 1;
                    position[b] = i;
                    improved = true;
                }
            }
        }
        if !improved {
            break;
        }
    }
}

/// Weighted crossings between all pairs of adjacent layers, counted with a
/// Fenwick tree (Barth, Jünger, Mutzel): `E log V`.
fn crossings(
    layers: &[Vec<usize>],
    layer: &[usize],
    down: &[Vec<(usize, f32)>],
    position: &[usize],
) -> f32 {
    let mut total = 0.0;
    let mut pairs: Vec<(usize, usize, f32)> = Vec::new();
    for l in 0..layers.len().saturating_sub(1) {
        pairs.clear();
        let width = layers[l + 1].len();
        for &v in &layers[l] {
            for &(w, weight) in &down[v] {
                // Unchained long edges (past the dummy budget) are not counted.
                if layer[w] == l + 1 {
                    pairs.push((position[v], position[w], weight));
                }
            }
        }
        if pairs.len() < 2 {
            continue;
        }
        pairs.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
        // Fenwick tree over lower positions: weight of edges seen so far
        // that end to the right of the current one cross it.
        let mut tree = vec![0.0f32; width + 1];
        let mut seen = 0.0f32;
        for &(_, b, weight) in &pairs {
            let mut at_or_left = 0.0;
            let mut i = b + 1;
            while i > 0 {
                at_or_left += tree[i];
                i &= i - 1;
            }
            total += weight * (seen - at_or_left);
            seen += weight;
            let mut i = b + 1;
            while i <= width {
                tree[i] += weight;
                i += i & i.wrapping_neg();
            }
        }
    }
    total
}

#[cfg(test)]
// Grid coordinates and crossing counts are small integers: exact in f32.
#[allow(clippy::float_cmp)]
mod tests {
    use super::*;

    fn node() -> Node {
        Node {
            w: 120.0,
            h: 56.0,
            pin: Pin::Free,
        }
    }

    fn edge(from: usize, to: usize) -> Edge {
        Edge {
            from,
            to,
            from_port: 28.0,
            to_port: 28.0,
            label_w: 0.0,
        }
    }

    fn overlaps(placed: &Placed, level: &Level) -> bool {
        for i in 0..level.nodes.len() {
            for j in i + 1..level.nodes.len() {
                let (a, b) = (placed.pos[i], placed.pos[j]);
                let (na, nb) = (level.nodes[i], level.nodes[j]);
                if a.0 < b.0 + nb.w && b.0 < a.0 + na.w && a.1 < b.1 + nb.h && b.1 < a.1 + na.h {
                    return true;
                }
            }
        }
        false
    }

    #[test]
    fn a_chain_runs_left_to_right_on_one_line() {
        let level = Level {
            nodes: vec![node(); 3],
            edges: vec![edge(0, 1), edge(1, 2)],
            outside: vec![],
            frame: None,
        };
        let placed = lay_out(&level);
        assert!(placed.pos[0].0 < placed.pos[1].0 && placed.pos[1].0 < placed.pos[2].0);
        assert_eq!(placed.pos[0].1, placed.pos[1].1);
        assert_eq!(placed.pos[1].1, placed.pos[2].1);
        assert!(!overlaps(&placed, &level));
    }

    #[test]
    fn a_level_is_no_taller_than_its_tallest_layer() {
        // a fans out to b1 and b2; b2 fans out to c1 and c2. Centred on b2,
        // the c layer would hang below the b layer; it is kept within it.
        let level = Level {
            nodes: vec![node(); 5],
            edges: vec![edge(0, 1), edge(0, 2), edge(2, 3), edge(2, 4)],
            outside: vec![],
            frame: None,
        };
        let placed = lay_out(&level);
        assert!(!overlaps(&placed, &level));
        assert_eq!(placed.h, 2.0 * 56.0 + NODE_GAP);
        // Still left to right, c1 and c2 beside their caller.
        assert!(placed.pos[2].0 < placed.pos[3].0);
        assert!(placed.pos[3].1 < placed.pos[2].1 + 56.0);
    }

    #[test]
    fn cycles_are_broken_and_pins_respected() {
        let mut nodes = vec![node(); 4];
        nodes[3].pin = Pin::First;
        let level = Level {
            nodes,
            edges: vec![edge(0, 1), edge(1, 2), edge(2, 0), edge(0, 3)],
            outside: vec![],
            frame: None,
        };
        let placed = lay_out(&level);
        let min_x = placed.pos.iter().map(|p| p.0).fold(f32::INFINITY, f32::min);
        assert_eq!(placed.pos[3].0, min_x);
        assert!(!overlaps(&placed, &level));
    }

    #[test]
    fn barycentre_sweeps_remove_crossings() {
        // Two fans whose natural order would cross.
        let level = Level {
            nodes: vec![node(); 4],
            edges: vec![edge(0, 3), edge(1, 2)],
            outside: vec![],
            frame: None,
        };
        let placed = lay_out(&level);
        // Components: each pair on its own line.
        assert!(!overlaps(&placed, &level));
        let level = Level {
            nodes: vec![node(); 6],
            edges: vec![edge(0, 4), edge(0, 5), edge(1, 3), edge(2, 3), edge(1, 4)],
            outside: vec![],
            frame: None,
        };
        let placed = lay_out(&level);
        assert!(!overlaps(&placed, &level));
        let order = |a: usize, b: usize| placed.pos[a].1 < placed.pos[b].1;
        // No crossing: the order of sources matches the order of targets.
        let crossing = |a: usize, b: usize, c: usize, d: usize| order(a, b) != order(c, d);
        assert!(!crossing(0, 2, 4, 3));
    }

    #[test]
    fn crossings_are_counted() {
        let layers = vec![vec![0, 1], vec![2, 3]];
        let mut down = vec![Vec::new(); 4];
        down[0].push((3, 1.0));
        down[1].push((2, 1.0));
        let position = vec![0, 1, 0, 1];
        let layer = vec![0, 0, 1, 1];
        assert_eq!(crossings(&layers, &layer, &down, &position), 1.0);
        let mut down = vec![Vec::new(); 4];
        down[0].push((2, 1.0));
        down[1].push((3, 2.0));
        assert_eq!(crossings(&layers, &layer, &down, &position), 0.0);
    }
}
