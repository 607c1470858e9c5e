//! A fast, deterministic hasher for ids (FxHash's multiply-rotate, as in
//! rustc, with a finalizer), shared by the scene and the canvas's lookups.
//!
//! The keys are ids from the user's own diagram, not input from an
//! adversary racing the process, so `SipHash`'s flooding resistance buys
//! nothing here, and on tens of thousands of ids it was a sizeable share
//! of a scene build.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// FxHash with a finalizer that folds the well-mixed high bits down.
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

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
            let mut word = [0_u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0_u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        // The multiply leaves the low bits depending only on the low bits of
        // the input (for ids like "m-17" that is the constant "m-"), and a
        // table indexes by the low bits: fold the high bits down.
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^ (h >> 33)
    }
}

/// A `HashMap` with [`FxHasher`].
pub type FxHashMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// A `HashSet` with [`FxHasher`].
pub type FxHashSet<K> = HashSet<K, BuildHasherDefault<FxHasher>>;

/// The [`FxHasher`] hash of a string (as a `&str` key hashes).
#[must_use]
pub fn hash_str(s: &str) -> u64 {
    use std::hash::Hash;
    let mut hasher = FxHasher::default();
    s.hash(&mut hasher);
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn similar_ids_spread_over_the_low_bits() {
        // Tables index by the low bits: ids that differ only in a counter
        // must not pile into a few buckets.
        let buckets: FxHashSet<u64> = (0..4096)
            .map(|i| hash_str(&format!("m-{i}")) & 1023)
            .collect();
        assert!(
            buckets.len() > 900,
            "only {} of 1024 buckets used",
            buckets.len()
        );
        assert_eq!(hash_str("api"), hash_str("api"));
        assert_ne!(hash_str("api"), hash_str("apj"));
    }
}
