//! Step 6 of a level's layout, vertical positions: every box (and every
//! dummy of a long edge) as close as possible to the height where its edges
//! run straight, in its layer's order, clear of the lines that leave the
//! level through its layer, and within a band as tall as the tallest layer.
//! The layers' order and the [`Segment`]s between them come from `layered`.

use super::spacing::{DUMMY_GAP, NODE_GAP, snap, snap_up};

/// A segment between adjacent layers (or, past the dummy budget, further).
#[derive(Clone, Copy, Debug)]
pub(in crate::layout) struct Segment {
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

/// How far boxes keep from a lane (see [`LaneSpan`]).
const LANE_CLEARANCE: f32 = 2.0 * NODE_GAP / 3.0;

/// A line leaving the level from `node` by one side crosses the layers
/// between the box and that side at the height of its port: the boxes in
/// those layers keep clear of it, above or below as suits them. The lane
/// follows its box but does not pull it.
#[derive(Clone, Debug)]
pub(super) struct LaneSpan {
    /// The box the line leaves.
    pub node: usize,
    /// Height of the line's end on the box, from its top.
    pub port: f32,
    /// The layers it crosses.
    pub layers: std::ops::Range<usize>,
}

/// Tops of every box (dummies included), by repeated isotonic regression:
/// each layer in turn is moved as close as possible to where its edges
/// would run straight, keeping its order and gaps. Snapped to the grid.
pub(super) fn vertical_positions(
    layers: &[Vec<usize>],
    segments: &[Segment],
    lanes: &[LaneSpan],
    size_of: &dyn Fn(usize) -> (f32, f32),
    is_dummy: &dyn Fn(usize) -> bool,
) -> Vec<f32> {
    let all = layers.iter().map(Vec::len).sum::<usize>();
    let count = layers
        .iter()
        .flatten()
        .copied()
        .max()
        .map_or(0, |m| m + 1)
        .max(all);
    // (neighbour, my port, its port, weight)
    let mut up: Vec<Vec<(usize, f32, f32, f32)>> = vec![Vec::new(); count];
    let mut down: Vec<Vec<(usize, f32, f32, f32)>> = vec![Vec::new(); count];
    for s in segments {
        let pull = s.weight * s.pull;
        down[s.upper].push((s.lower, s.upper_port, s.lower_port, pull));
        up[s.lower].push((s.upper, s.lower_port, s.upper_port, pull));
    }
    let gap = |v: usize| if is_dummy(v) { DUMMY_GAP } else { NODE_GAP };
    let mut lanes_in: Vec<Vec<(usize, f32)>> = vec![Vec::new(); layers.len()];
    for lane in lanes {
        for l in lane.layers.clone() {
            lanes_in[l].push((lane.node, lane.port));
        }
    }

    // Start with every layer stacked and centred on 0.
    let mut top = vec![0.0f32; count];
    let span = band_span(layers, &lanes_in, size_of, &gap);
    let bounds = (-span / 2.0, span / 2.0);
    for row in layers {
        let mut y = 0.0;
        for (i, &v) in row.iter().enumerate() {
            if i > 0 {
                y += f32::midpoint(gap(row[i - 1]), gap(v));
            }
            top[v] = y;
            y += size_of(v).1;
        }
        let shift = y / 2.0;
        for &v in row {
            top[v] -= shift;
        }
    }
    if layers.len() > 1 {
        let passes = if count <= 2000 { 10 } else { 4 };
        for pass in 0..passes {
            let last = pass + 2 >= passes;
            let (order, use_up, use_down): (Vec<usize>, bool, bool) = if last {
                ((0..layers.len()).collect(), true, true)
            } else if pass % 2 == 0 {
                ((1..layers.len()).collect(), true, false)
            } else {
                ((0..layers.len() - 1).rev().collect(), false, true)
            };
            for l in order {
                let row = &layers[l];
                let desired: Vec<(f32, f32)> = row
                    .iter()
                    .map(|&v| {
                        let mut sum = 0.0;
                        let mut weight = 0.0;
                        let mut add = |list: &[(usize, f32, f32, f32)]| {
                            for &(u, mine, theirs, w) in list {
                                sum += (top[u] + theirs - mine) * w;
                                weight += w;
                            }
                        };
                        if use_up {
                            add(&up[v]);
                        }
                        if use_down {
                            add(&down[v]);
                        }
                        if weight > 0.0 {
                            (sum / weight, weight)
                        } else {
                            (top[v], 0.01)
                        }
                    })
                    .collect();
                let heights: Vec<f32> = row.iter().map(|&v| size_of(v).1).collect();
                let gaps: Vec<f32> = row.iter().map(|&v| gap(v)).collect();
                let mut lane_ys: Vec<f32> = lanes_in[l]
                    .iter()
                    .map(|&(node, port)| top[node] + port)
                    .collect();
                lane_ys.sort_by(f32::total_cmp);
                let placed = place_row(&desired, &heights, &gaps, &lane_ys, bounds);
                for (i, &v) in row.iter().enumerate() {
                    top[v] = placed[i];
                }
            }
        }
    }

    snap_columns(layers, &mut top, size_of, is_dummy, &gap);
    top
}

/// How tall the level may be: no taller than its tallest layer stacked
/// tight, with room for each lane through it to pass clear of its boxes,
/// its own box beyond them. Boxes line up with their neighbours within that
/// band rather than stretching the level (and the unit around it) to line
/// up exactly.
fn band_span(
    layers: &[Vec<usize>],
    lanes_in: &[Vec<(usize, f32)>],
    size_of: &dyn Fn(usize) -> (f32, f32),
    gap: &dyn Fn(usize) -> f32,
) -> f32 {
    let mut span = 0.0f32;
    for (row, lanes) in layers.iter().zip(lanes_in) {
        let gaps: f32 = row
            .windows(2)
            .map(|pair| f32::midpoint(gap(pair[0]), gap(pair[1])))
            .sum();
        let boxes: f32 = row.iter().map(|&v| size_of(v).1).sum();
        let lane_room: f32 = lanes
            .iter()
            .map(|&(node, port)| LANE_CLEARANCE + port.max(size_of(node).1 - port))
            .sum();
        span = span.max(boxes + gaps + lane_room);
    }
    span
}

/// Normalises the tops to start at 0 and snaps each column down to the
/// grid, keeping the gaps.
fn snap_columns(
    layers: &[Vec<usize>],
    top: &mut [f32],
    size_of: &dyn Fn(usize) -> (f32, f32),
    is_dummy: &dyn Fn(usize) -> bool,
    gap: &dyn Fn(usize) -> f32,
) {
    let min_top = layers
        .iter()
        .flatten()
        .filter(|&&v| !is_dummy(v))
        .map(|&v| top[v])
        .fold(f32::INFINITY, f32::min);
    let min_top = if min_top.is_finite() { min_top } else { 0.0 };
    for row in layers {
        let mut floor = 0.0f32;
        let mut prev: Option<usize> = None;
        for &v in row {
            let mut y = snap(top[v] - min_top).max(0.0);
            if let Some(p) = prev {
                y = y.max(snap_up(floor + f32::midpoint(gap(p), gap(v))));
            }
            top[v] = y;
            floor = y + size_of(v).1;
            prev = Some(v);
        }
    }
}

/// Tops for one layer: as close as possible to `desired` (see
/// [`isotonic_tops`]) while keeping [`LANE_CLEARANCE`] from every lane at
/// the heights `lanes` (sorted): each box goes above or below a lane as
/// its desired centre says (in order), and the boxes between two lanes stay
/// between them when they fit. Every box stays within `bounds` (top of the
/// first, bottom of the last) when it fits.
fn place_row(
    desired: &[(f32, f32)],
    heights: &[f32],
    gaps: &[f32],
    lanes: &[f32],
    bounds: (f32, f32),
) -> Vec<f32> {
    let k = desired.len();
    let mut slot = vec![0usize; k];
    let mut previous = 0;
    for i in 0..k {
        let centre = desired[i].0 + heights[i] / 2.0;
        slot[i] = lanes.partition_point(|&y| y < centre).max(previous);
        previous = slot[i];
    }
    let mut out = vec![0.0f32; k];
    let mut floor = f32::NEG_INFINITY;
    let mut i = 0;
    while i < k {
        let s = slot[i];
        let j = (i..k).find(|&t| slot[t] != s).unwrap_or(k);
        let above = if s > 0 {
            lanes[s - 1] + LANE_CLEARANCE
        } else {
            bounds.0
        };
        let below = lanes.get(s).map_or(bounds.1, |y| y - LANE_CLEARANCE);
        let tops = isotonic_tops(&desired[i..j], &heights[i..j], &gaps[i..j]);
        // Clamp each top into the slot, measured from where it would sit in
        // the group packed tight: the clamp is monotone, so order and gaps
        // hold (the clamped isotonic solution is the bounded one). Boxes
        // that cannot fit overflow downwards, except above the first lane:
        // they rise past the band's top rather than cross the lane.
        let mut packed = 0.0f32;
        let mut offsets = Vec::with_capacity(j - i);
        for t in i..j {
            if t > i {
                packed += heights[t - 1] + f32::midpoint(gaps[t - 1], gaps[t]);
            }
            offsets.push(packed);
        }
        let mut lowest_top = above.max(floor);
        if s == 0 && !lanes.is_empty() {
            lowest_top = lowest_top.min(below - packed - heights[j - 1]);
        }
        let highest = (below - packed - heights[j - 1]).max(lowest_top);
        for t in i..j {
            let offset = offsets[t - i];
            out[t] = (tops[t - i] - offset).clamp(lowest_top, highest) + offset;
        }
        let last = j - 1;
        floor = out[last] + heights[last] + gaps[last];
        i = j;
    }
    out
}

/// Tops closest (weighted least squares) to `desired` that keep the given
/// order with at least the given gaps: pool adjacent violators.
fn isotonic_tops(desired: &[(f32, f32)], heights: &[f32], gaps: &[f32]) -> Vec<f32> {
    let k = desired.len();
    // Offsets of each top from the first when packed tight.
    let mut offset = vec![0.0f32; k];
    for i in 1..k {
        offset[i] = offset[i - 1] + heights[i - 1] + f32::midpoint(gaps[i - 1], gaps[i]);
    }
    // Blocks of (weighted mean, weight, count).
    let mut blocks: Vec<(f32, f32, usize)> = Vec::with_capacity(k);
    for i in 0..k {
        let (want, weight) = desired[i];
        blocks.push((want - offset[i], weight, 1));
        while blocks.len() > 1 {
            let (m2, w2, c2) = blocks[blocks.len() - 1];
            let (m1, w1, c1) = blocks[blocks.len() - 2];
            if m1 <= m2 {
                break;
            }
            blocks.pop();
            let w = w1 + w2;
            let last = blocks.len() - 1;
            blocks[last] = ((m1 * w1 + m2 * w2) / w, w, c1 + c2);
        }
    }
    let mut out = Vec::with_capacity(k);
    for (mean, _, c) in blocks {
        for _ in 0..c {
            let i = out.len();
            out.push(mean + offset[i]);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boxes_keep_within_the_band_but_never_cross_a_lane() {
        let heights = [56.0, 56.0];
        let gaps = [NODE_GAP, NODE_GAP];
        // Both want to sit at 0, inside a band of two boxes.
        let desired = [(0.0, 1.0), (0.0, 1.0)];
        let band = (0.0, 2.0 * 56.0 + NODE_GAP);
        let tops = place_row(&desired, &heights, &gaps, &[], band);
        assert_eq!(tops, vec![0.0, 56.0 + NODE_GAP]);
        // Wanting to sit below the band, they stay at its bottom.
        let tops = place_row(&[(500.0, 1.0), (500.0, 1.0)], &heights, &gaps, &[], band);
        assert_eq!(tops, vec![0.0, 56.0 + NODE_GAP]);
        // A lane near the band's top: a box above it rises past the band
        // rather than cross it, the one below stays below it.
        let lane = 20.0;
        let tops = place_row(&[(-40.0, 1.0), (60.0, 1.0)], &heights, &gaps, &[lane], band);
        assert!(tops[0] + 56.0 <= lane - LANE_CLEARANCE, "{tops:?}");
        assert!(tops[1] >= lane + LANE_CLEARANCE, "{tops:?}");
    }

    #[test]
    fn isotonic_keeps_order_and_gaps() {
        let tops = isotonic_tops(
            &[(10.0, 1.0), (0.0, 1.0), (100.0, 1.0)],
            &[56.0, 56.0, 56.0],
            &[24.0, 24.0, 24.0],
        );
        assert!(tops[1] >= tops[0] + 80.0 - 1e-3);
        assert!(tops[2] >= tops[1] + 80.0 - 1e-3);
        // All three pool (the third wants to sit too close to the second):
        // packed tight, and as far from where they want to be on one side
        // as on the other.
        assert!((tops[1] - tops[0] - 80.0).abs() < 1e-3);
        assert!((tops[2] - tops[1] - 80.0).abs() < 1e-3);
        assert!((tops.iter().sum::<f32>() - 110.0).abs() < 1e-3);
        // Boxes that want to be apart stay where they want to be.
        let tops = isotonic_tops(&[(0.0, 1.0), (500.0, 1.0)], &[56.0, 56.0], &[24.0, 24.0]);
        assert_eq!(tops, vec![0.0, 500.0]);
    }
}
