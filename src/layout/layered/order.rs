//! Step 5 of a level's layout: the order of the boxes within each layer,
//! by barycentre sweeps and adjacent swaps, keeping the order with the
//! fewest crossings.

use std::cmp::Ordering;

/// A first order for every layer: depth-first discovery order from the
/// boxes in sequence order, which keeps related boxes near each other.
pub(super) fn initial_order(
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
pub(super) fn order_layers(
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
pub(super) fn crossings(
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
