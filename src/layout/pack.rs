//! Packing independent blocks (connected components, isolated boxes) into
//! rows, tallest first, so that a level of unrelated boxes becomes a compact
//! grid rather than one long line.
//!
//! At the root the rows aim at a screen's shape. Inside a unit, whose
//! rectangle adds its title band and padding around the packing and is at
//! least as wide as its title, the rows are as wide as gives that rectangle
//! the least area: two boxes side by side rather than stacked with empty
//! space beside the narrower one, a column when the title is wide anyway.

use super::spacing::snap_up;

/// Where each block goes, and the size of the whole.
#[derive(Clone, Debug, Default)]
pub(super) struct Packed {
    /// Top-left corner of each block, in input order.
    pub pos: Vec<(f32, f32)>,
    /// Width of the packing.
    pub w: f32,
    /// Height of the packing.
    pub h: f32,
}

/// The unit rectangle a packing is drawn in.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Frame {
    /// Room the unit adds around its contents: both sides, top and bottom.
    pub extra: (f32, f32),
    /// The narrowest the unit can be (its title).
    pub min_w: f32,
}

impl Frame {
    /// The area of the unit around a packing of `w` × `h`.
    pub(super) fn area(self, w: f32, h: f32) -> f32 {
        (w + self.extra.0).max(self.min_w) * (h + self.extra.1)
    }
}

/// Width-to-height ratio the packing aims at: about a screen's.
pub(super) const ASPECT: f32 = 1.6;

/// Framed packings of more blocks than this try only some row widths, so
/// that choosing stays linear in the number of blocks.
const ALL_WIDTHS_UP_TO: usize = 64;

/// How wide a framed packing's unit may become against its height: a
/// single row of many boxes would leave no empty area, but scroll off any
/// screen.
const MAX_FRAMED_ASPECT: f32 = 4.0 * ASPECT;

/// Packs blocks of the given sizes into rows (shelves), `gap` apart. Blocks
/// are taken tallest first (ties in input order) and rows are never
/// narrower than the widest block. Without a `frame` the rows are as wide
/// as a packing of the blocks' total area at [`ASPECT`] would be; with one,
/// as wide as gives the framed rectangle the least area without making it
/// more than [`MAX_FRAMED_ASPECT`] times wider than tall (unless nothing
/// else is possible).
pub(super) fn pack(sizes: &[(f32, f32)], gap: f32, frame: Option<Frame>) -> Packed {
    let count = sizes.len();
    if count == 0 {
        return Packed::default();
    }
    let mut order: Vec<usize> = (0..count).collect();
    order.sort_by(|&a, &b| sizes[b].1.total_cmp(&sizes[a].1).then(a.cmp(&b)));
    let area: f32 = sizes.iter().map(|(w, h)| (w + gap) * (h + gap)).sum();
    let widest = sizes.iter().map(|s| s.0).fold(0.0, f32::max);
    let screen_width = snap_up((area * ASPECT).sqrt()).max(widest);
    let Some(frame) = frame else {
        return shelves(sizes, &order, gap, screen_width);
    };

    // Candidate row widths: each prefix of the order in one row.
    let mut widths = vec![widest, screen_width];
    let mut prefix = -gap;
    let step = if count <= ALL_WIDTHS_UP_TO {
        1
    } else {
        count / ALL_WIDTHS_UP_TO
    };
    for (k, &i) in order.iter().enumerate() {
        prefix += sizes[i].0 + gap;
        if k % step == 0 || k + 1 == count {
            widths.push(prefix.max(widest));
        }
    }
    let cost = |packed: &Packed| {
        let framed_w = (packed.w + frame.extra.0).max(frame.min_w);
        let framed_h = packed.h + frame.extra.1;
        let too_wide = framed_w > MAX_FRAMED_ASPECT * framed_h;
        (too_wide, frame.area(packed.w, packed.h))
    };
    widths
        .into_iter()
        .map(|row_width| shelves(sizes, &order, gap, row_width))
        .min_by(|a, b| {
            let ((wide_a, area_a), (wide_b, area_b)) = (cost(a), cost(b));
            wide_a.cmp(&wide_b).then(area_a.total_cmp(&area_b))
        })
        .unwrap_or_default()
}

/// Shelf packing of the blocks in `order` into rows at most `row_width`
/// wide (a block wider than that gets a row of its own).
fn shelves(sizes: &[(f32, f32)], order: &[usize], gap: f32, row_width: f32) -> Packed {
    let mut pos = vec![(0.0, 0.0); sizes.len()];
    let (mut left, mut top, mut row_height) = (0.0f32, 0.0f32, 0.0f32);
    let mut packed = Packed::default();
    for &i in order {
        let (block_w, block_h) = sizes[i];
        if left > 0.0 && left + block_w > row_width {
            left = 0.0;
            top += row_height + gap;
            row_height = 0.0;
        }
        pos[i] = (left, top);
        packed.w = packed.w.max(left + block_w);
        packed.h = packed.h.max(top + block_h);
        row_height = row_height.max(block_h);
        left += block_w + gap;
    }
    packed.pos = pos;
    packed
}

#[cfg(test)]
// Grid coordinates are small multiples of 8: exact in f32.
#[allow(clippy::float_cmp)]
mod tests {
    use super::*;

    fn apart(packed: &Packed, sizes: &[(f32, f32)]) -> bool {
        (0..sizes.len()).all(|i| {
            (i + 1..sizes.len()).all(|j| {
                let (a, b) = (packed.pos[i], packed.pos[j]);
                a.0 + sizes[i].0 <= b.0
                    || b.0 + sizes[j].0 <= a.0
                    || a.1 + sizes[i].1 <= b.1
                    || b.1 + sizes[j].1 <= a.1
            })
        })
    }

    #[test]
    fn blocks_do_not_overlap_and_fill_rows() {
        let sizes = vec![(120.0, 56.0); 9];
        let packed = pack(&sizes, 48.0, None);
        assert!(apart(&packed, &sizes));
        // A grid, wider than tall, not a line.
        assert!(packed.w > packed.h);
        assert!(packed.w < 9.0 * 168.0);
    }

    #[test]
    fn framed_blocks_take_the_smallest_unit() {
        let frame = Frame {
            extra: (32.0, 64.0),
            min_w: 152.0,
        };
        // Two boxes: side by side, not stacked with room beside the
        // narrower one.
        let sizes = [(136.0, 56.0), (344.0, 56.0)];
        let packed = pack(&sizes, 48.0, Some(frame));
        assert!(apart(&packed, &sizes));
        assert_eq!((packed.w, packed.h), (528.0, 56.0));
        // Four boxes in a unit wide for its title: one row.
        let wide_title = Frame {
            min_w: 500.0,
            ..frame
        };
        let sizes = [(136.0, 56.0), (128.0, 56.0), (136.0, 56.0), (144.0, 56.0)];
        let packed = pack(&sizes, 48.0, Some(wide_title));
        assert!(apart(&packed, &sizes));
        assert_eq!(packed.h, 56.0);
        // Many boxes do not make one endless row.
        let sizes = vec![(120.0, 56.0); 30];
        let packed = pack(&sizes, 48.0, Some(frame));
        assert!(apart(&packed, &sizes));
        assert!(packed.w + 32.0 <= MAX_FRAMED_ASPECT * (packed.h + 64.0));
        assert!(packed.h > 56.0);
    }
}
