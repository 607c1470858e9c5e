//! Wrapping a level whose layers would make it far wider than tall (a
//! long chain of services) into bands stacked top to bottom.

use super::{Edge, Level, Outside, Placed, Style, lay_out_with};
use crate::layout::pack;
use crate::layout::spacing::{BAND_GAP, LAYER_GAP, NODE_GAP};
use std::cmp::Ordering;

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
pub(super) fn bands(level: &Level, layer: &[usize], count: usize) -> Option<Vec<usize>> {
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
pub(super) fn lay_out_bands(
    level: &Level,
    layer: &[usize],
    band_of_layer: &[usize],
    style: Style,
) -> Placed {
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
        let placed = lay_out_with(
            band,
            Style {
                wrap: false,
                both: false,
                ..style
            },
        )
        .laned;
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
