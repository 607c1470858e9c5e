//! Steps 4 and 6 for one connected component: long edges chained through
//! dummies, lanes for the lines that leave the level, then columns and
//! vertical positions (`vertical`). Steps 2, 3 (`layering`) and 5
//! (`order`) are called from here.

use super::bands::{bands, lay_out_bands};
use super::layering::{DagEdge, Lane, Layering};
use super::order::{initial_order, order_layers};
use super::{Drawn, Level, Placed, Side, Style};
use crate::layout::spacing::{LABEL_MARGIN, LAYER_GAP, MAX_LAYER_GAP, snap, snap_up};
use crate::layout::vertical::{LaneSpan, Segment, vertical_positions};

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
    /// Adds one edge of the acyclic graph (chained through dummies when
    /// `chain`), noting its label's width in the gap it is drawn in.
    fn add_edge(&mut self, e: &DagEdge, layer: &[usize], chain: bool, label_gaps: &mut [f32]) {
        let (lf, lt) = (layer[e.from], layer[e.to]);
        if lt > lf && e.label_w > 0.0 {
            let gap = lf + (lt - lf - 1) / 2;
            label_gaps[gap] = label_gaps[gap].max(e.label_w);
        }
        let (upper, lower, through) = if lt >= lf {
            ((e.from, e.from_port), (e.to, e.to_port), lf + 1..lt)
        } else {
            ((e.to, e.to_port), (e.from, e.from_port), lt + 1..lf)
        };
        let through = if chain { through } else { 0..0 };
        self.add(upper, lower, through, e.weight as f32);
    }

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

/// Lays out one connected component: with lanes, and when `style` asks
/// for both and a lane keeps a box clear of a line, without them too (the
/// layers and their order are the same; only the heights differ).
pub(super) fn lay_out_component(level: &Level, style: Style) -> Drawn {
    let n = level.nodes.len();
    if n == 1 {
        let node = level.nodes[0];
        return Drawn {
            laned: Placed {
                pos: vec![(0.0, 0.0)],
                w: node.w,
                h: node.h,
            },
            plain: None,
        };
    }
    let layering = Layering::new(level, style.balance);
    if style.wrap
        && let Some(band_of_layer) = bands(level, &layering.layer, layering.count)
    {
        return Drawn {
            laned: lay_out_bands(level, &layering.layer, &band_of_layer, style),
            plain: None,
        };
    }
    let chained = Chained::new(level, &layering);
    let all = chained.layer.len();

    // Neighbours: `up` lie in lower-numbered layers, `down` in higher ones.
    let mut up: Vec<Vec<(usize, f32)>> = vec![Vec::new(); all];
    let mut down: Vec<Vec<(usize, f32)>> = vec![Vec::new(); all];
    for s in &chained.segments {
        down[s.upper].push((s.lower, s.weight));
        up[s.lower].push((s.upper, s.weight));
    }

    // 5. Order within layers.
    let layer = &chained.layer;
    let mut layers = initial_order(all, layering.count, layer, &down, &layering.seq, n);
    order_layers(&mut layers, &up, &down, layer);

    // 6. Coordinates.
    let laned = coordinates(level, &chained, &layers, &chained.lanes);
    let plain = (style.both && !chained.lanes.is_empty())
        .then(|| coordinates(level, &chained, &layers, &[]));
    Drawn { laned, plain }
}

/// Step 6: columns side by side and heights within them, boxes clear of
/// `lanes`.
fn coordinates(
    level: &Level,
    chained: &Chained,
    layers: &[Vec<usize>],
    lanes: &[LaneSpan],
) -> Placed {
    let n = level.nodes.len();
    let is_dummy = |v: usize| v >= n;
    let size_of = |v: usize| -> (f32, f32) {
        if is_dummy(v) {
            (0.0, 0.0)
        } else {
            (level.nodes[v].w, level.nodes[v].h)
        }
    };
    let layer = &chained.layer;
    let (col_x, col_w) = columns(level, layer, &chained.label_gaps);
    let tops = vertical_positions(layers, &chained.segments, lanes, &size_of, &is_dummy);
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

/// Step 4: the segments between adjacent layers. Edges that skip layers
/// are chained through dummies, and an edge leaving the level gets a lane
/// (see `LaneSpan`) through the layers between its box and the side it
/// leaves by. Past a budget (huge levels with very long edges) edges stay
/// unchained and lanes are dropped.
struct Chained {
    /// The layer of every box, then of every dummy.
    layer: Vec<usize>,
    /// The segments between them.
    segments: Vec<Segment>,
    /// The lanes boxes keep clear of.
    lanes: Vec<LaneSpan>,
    /// For each layer, the widest label on an edge in the gap after it.
    label_gaps: Vec<f32>,
}

impl Chained {
    fn new(level: &Level, layering: &Layering) -> Self {
        let n = level.nodes.len();
        let real_layers = &layering.layer;
        let layer_count = layering.count;
        let edge_spans: usize = layering
            .edges
            .iter()
            .map(|e| real_layers[e.to].saturating_sub(real_layers[e.from] + 1))
            .sum();
        let lane_spans: usize = layering
            .lanes
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
        let mut label_gaps: Vec<f32> = vec![0.0; layer_count];
        for e in &layering.edges {
            chains.add_edge(e, real_layers, chain_edges, &mut label_gaps);
        }
        let lanes = if chain_lanes {
            lane_spans_of(&layering.lanes, real_layers, layer_count)
        } else {
            Vec::new()
        };
        Chained {
            layer: chains.layer,
            segments: chains.segments,
            lanes,
            label_gaps,
        }
    }
}

/// Lanes: the layers a line leaving the level crosses, at the height of
/// its port on the box it leaves.
fn lane_spans_of(lanes: &[Lane], layer: &[usize], layer_count: usize) -> Vec<LaneSpan> {
    lanes
        .iter()
        .filter_map(|lane| {
            let l = layer[lane.node];
            let layers = match lane.side {
                Side::Right => l + 1..layer_count,
                Side::Left => 0..l,
            };
            (!layers.is_empty()).then_some(LaneSpan {
                node: lane.node,
                port: lane.port,
                layers,
            })
        })
        .collect()
}

/// Step 6, across: the left edge and width of every layer's column, each
/// as wide as its widest box, the gap after it wide enough for the labels
/// in it (within bounds).
fn columns(level: &Level, layer: &[usize], label_gaps: &[f32]) -> (Vec<f32>, Vec<f32>) {
    let layer_count = label_gaps.len();
    let mut col_w = vec![0.0f32; layer_count];
    for (node, &l) in level.nodes.iter().zip(layer) {
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
    (col_x, col_w)
}
