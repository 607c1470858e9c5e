//! Tests of one level's layout: flow, cycles, pins, crossings, heights.

// Grid coordinates and crossing counts are small integers: exact in f32.
#![allow(clippy::float_cmp)]

use super::super::spacing::NODE_GAP;
use super::order::crossings;
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
