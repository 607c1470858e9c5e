//! Packing independent blocks (connected components, isolated boxes) into
//! rows, largest first, so that a level of unrelated boxes becomes a compact
//! grid rather than one long line.

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

/// Width-to-height ratio the packing aims at: about a screen's.
pub(super) const ASPECT: f32 = 1.6;

/// Packs blocks of the given sizes into rows (shelves), `gap` apart. Blocks
/// are taken tallest first (ties in input order), rows are as wide as a
/// packing of the blocks' total area at [`ASPECT`] would be, and never
/// narrower than the widest block. Linear after the sort.
pub(super) fn pack(sizes: &[(f32, f32)], gap: f32) -> Packed {
    let count = sizes.len();
    if count == 0 {
        return Packed::default();
    }
    let area: f32 = sizes.iter().map(|(w, h)| (w + gap) * (h + gap)).sum();
    let widest = sizes.iter().map(|s| s.0).fold(0.0, f32::max);
    let row_width = snap_up((area * ASPECT).sqrt()).max(widest);

    let mut order: Vec<usize> = (0..count).collect();
    order.sort_by(|&a, &b| {
        sizes[b]
            .1
            .partial_cmp(&sizes[a].1)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.cmp(&b))
    });
    let mut pos = vec![(0.0, 0.0); count];
    let (mut left, mut top, mut row_height) = (0.0f32, 0.0f32, 0.0f32);
    let mut packed = Packed::default();
    for i in order {
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

    #[test]
    fn blocks_do_not_overlap_and_fill_rows() {
        let sizes = vec![(120.0, 56.0); 9];
        let packed = pack(&sizes, 48.0);
        for i in 0..9 {
            for j in i + 1..9 {
                let (a, b) = (packed.pos[i], packed.pos[j]);
                let apart = a.0 + 120.0 <= b.0
                    || b.0 + 120.0 <= a.0
                    || a.1 + 56.0 <= b.1
                    || b.1 + 56.0 <= a.1;
                assert!(apart, "{i} {j}");
            }
        }
        // A grid, wider than tall, not a line.
        assert!(packed.w > packed.h);
        assert!(packed.w < 9.0 * 168.0);
    }
}
