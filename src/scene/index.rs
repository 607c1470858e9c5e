//! Id → position lookups for one scene build.
//!
//! Like [`crate::model::Diagram::index`], but only for what the scene looks
//! up (modules, units, teams) and with a fast non-cryptographic hash: the
//! canvas rebuilds the scene on every frame of a drag, and SipHash over
//! tens of thousands of ids was a sizeable share of a build. The keys are
//! ids from the diagram itself, so there is nothing to defend against.

use crate::model::Diagram;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// The FxHash function (as in rustc): multiply and rotate, a word at a time.
#[derive(Clone, Copy, Default)]
pub(super) struct FxHasher(u64);

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A `HashMap` with [`FxHasher`].
pub(super) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// Positions of modules, units and teams by id.
pub(super) struct SceneIndex<'a> {
    /// Module position in `Diagram::modules`.
    pub(super) modules: FastMap<&'a str, usize>,
    /// Unit position in `Diagram::units`.
    pub(super) units: FastMap<&'a str, usize>,
    /// Team position in `Diagram::teams`.
    pub(super) teams: FastMap<&'a str, usize>,
}

impl<'a> SceneIndex<'a> {
    pub(super) fn new(diagram: &'a Diagram) -> Self {
        fn positions<'a, T>(
            items: &'a [T],
            id: impl Fn(&'a T) -> &'a str,
        ) -> FastMap<&'a str, usize> {
            let mut map =
                FastMap::with_capacity_and_hasher(items.len(), BuildHasherDefault::default());
            for (i, item) in items.iter().enumerate() {
                map.insert(id(item), i);
            }
            map
        }
        SceneIndex {
            modules: positions(&diagram.modules, |m| m.id.as_str()),
            units: positions(&diagram.units, |u| u.id.as_str()),
            teams: positions(&diagram.teams, |t| t.id.as_str()),
        }
    }
}
