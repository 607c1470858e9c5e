//! Steps 2 and 3 of a level's layout: cycles broken by the Eades–Lin–Smyth
//! greedy order, then layers by longest path, with sources and
//! outward-facing sinks pulled towards their neighbours and pinned boxes in
//! the first or last layer.

use super::{Level, Outside, Pin, Side};
use crate::layout::spacing::NODE_GAP;
use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap, VecDeque};

/// An edge of the acyclic graph, parallel edges merged.
#[derive(Clone, Copy, Debug)]
pub(super) struct DagEdge {
    pub from: usize,
    pub to: usize,
    pub weight: u32,
    pub from_port: f32,
    pub to_port: f32,
    pub label_w: f32,
}

/// The layers of one connected component, and what led to them.
pub(super) struct Layering {
    /// Edges to the outside, merged per box and side.
    pub lanes: Vec<Lane>,
    /// The greedy sequence (virtual boxes included).
    pub seq: Vec<usize>,
    /// The edges, turned to follow `seq`, between real boxes.
    pub edges: Vec<DagEdge>,
    /// The layer of each real box, without gaps.
    pub layer: Vec<usize>,
    /// How many layers there are.
    pub count: usize,
}

impl Layering {
    /// Steps 2 and 3: cycle breaking and layers. Virtual boxes standing
    /// for everything outside the level (on the left and on the right)
    /// steer the layering and are then dropped. With `balance`, boxes
    /// free to sit in several layers go where the columns are shortest.
    pub(super) fn new(level: &Level, balance: bool) -> Self {
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
        let mut layer: Vec<usize> = layer_of[..n].iter().map(|&l| dense[l]).collect();
        let edges: Vec<DagEdge> = dag.into_iter().filter(|e| e.from < n && e.to < n).collect();
        if balance {
            let mut fixed: Vec<bool> = level
                .nodes
                .iter()
                .map(|node| node.pin != Pin::Free)
                .collect();
            for lane in &lanes {
                fixed[lane.node] = true;
            }
            balance_layers(level, &edges, &mut layer, used.len(), &fixed);
        }
        Layering {
            lanes,
            seq,
            edges,
            count: used.len(),
            layer,
        }
    }
}

/// Lowers the tallest column: a layered drawing is as tall as its tallest
/// column, and short columns beside a tall one leave the unit around them
/// empty. Each box that may sit in more than one layer (its callers all lie
/// at least two layers before its callees) moves, in turn, to the shortest
/// column in that range when that column stays shorter than the one it
/// leaves was. The moves are kept only when they lower the tallest column
/// (otherwise they would only lengthen lines). Boxes in `fixed` (pinned, or
/// with lines leaving the level) stay.
fn balance_layers(
    level: &Level,
    edges: &[DagEdge],
    layer: &mut [usize],
    count: usize,
    fixed: &[bool],
) {
    let n = layer.len();
    if count < 3 {
        return;
    }
    let mut preds: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut succs: Vec<Vec<usize>> = vec![Vec::new(); n];
    for e in edges {
        preds[e.to].push(e.from);
        succs[e.from].push(e.to);
    }
    let tall = |v: usize| level.nodes[v].h + NODE_GAP;
    let mut load = vec![0.0f32; count];
    for v in 0..n {
        load[layer[v]] += tall(v);
    }
    let tallest = |load: &[f32]| load.iter().copied().fold(0.0, f32::max);
    let before = tallest(&load);
    let mut moved = layer.to_vec();
    for v in (0..n).filter(|&v| !fixed[v]) {
        let lo = preds[v].iter().map(|&u| moved[u] + 1).max().unwrap_or(0);
        let hi = succs[v]
            .iter()
            .map(|&w| moved[w].saturating_sub(1))
            .min()
            .unwrap_or(count - 1);
        let here = moved[v];
        let best = (lo..=hi).filter(|&l| l != here).min_by(|&a, &b| {
            load[a]
                .total_cmp(&load[b])
                .then(a.abs_diff(here).cmp(&b.abs_diff(here)))
        });
        if let Some(to) = best.filter(|&to| load[to] + tall(v) < load[here]) {
            load[here] -= tall(v);
            load[to] += tall(v);
            moved[v] = to;
        }
    }
    if tallest(&load) < before {
        layer.copy_from_slice(&moved);
    }
}

/// The edges to the outside merged per box and side.
#[derive(Clone, Copy, Debug)]
pub(super) struct Lane {
    pub node: usize,
    pub side: Side,
    pub port: f32,
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
