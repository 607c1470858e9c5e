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
    let n = sizes.len();
    if n == 0 {
        return Packed::default();
    }
    let area: f32 = sizes.iter().map(|(w, h)| (w + gap) * (h + gap)).sum();
    let widest = sizes.iter().map(|s| s.0).fold(0.0, f32::max);
    let row_width = snap_up((area * ASPECT).sqrt()).max(widest);

    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| {
        sizes[b]
            .1
            .partial_cmp(&sizes[a].1)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.cmp(&b))
    });
    let mut pos = vec![(0.0, 0.0); n];
    let (mut x, mut y, mut row_h) = (0.0f32, 0.0f32, 0.0f32);
    let (mut w, mut h) = (0.0f32, 0.0f32);
    for i in order {
        let (bw, bh) = sizes[i];
        if x > 0.0 && x + bw > row_width {
            x = 0.0;
            y += row_h + gap;
            row_h = 0.0;
        }
        pos[i] = (x, y);
        w = w.max(x + bw);
        h = h.max(y + bh);
        row_h = row_h.max(bh);
        x += bw + gap;
    }
    Packed { pos, w, h }
}

#[cfg(test)]
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
