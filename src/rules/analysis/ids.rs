//! Id lookups and id ordering for one check, without touching the strings
//! of the diagram more than needed.
//!
//! Resolving references (every interface end, every module's unit) is the
//! bulk of building an [`super::Analysis`]. A map keyed by `&str` hashes the
//! id, then follows the stored key's pointer to compare bytes: a scattered
//! read and a `memcmp` per lookup. Most ids are short, so [`IdMap`] keys ids
//! of up to 16 bytes by their bytes packed into an integer, which is exact
//! and compares without following a pointer; only longer ids use a `&str`
//! map. Likewise sorting by id first compares the first 8 bytes packed
//! into a `u64` ([`id_prefix`]), falling back to the strings on a tie.

use super::FxHashMap;
use std::cmp::Ordering;
use std::hash::{Hash, Hasher};

/// An id of at most 16 bytes, packed: the bytes zero-padded, and the length
/// (so `"a"` and `"a\0"` stay apart).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct ShortId {
    bytes: u128,
    len: u8,
}

impl Hash for ShortId {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64(self.bytes as u64);
        state.write_u64((self.bytes >> 64) as u64 ^ u64::from(self.len));
    }
}

impl ShortId {
    const MAX_LEN: usize = 16;

    fn new(id: &str) -> Option<Self> {
        let bytes = id.as_bytes();
        if bytes.len() > Self::MAX_LEN {
            return None;
        }
        let mut packed = [0u8; Self::MAX_LEN];
        packed[..bytes.len()].copy_from_slice(bytes);
        Some(ShortId {
            bytes: u128::from_le_bytes(packed),
            len: bytes.len() as u8,
        })
    }
}

/// Element positions by id.
#[derive(Debug, Default)]
pub(crate) struct IdMap<'a> {
    short: FxHashMap<ShortId, u32>,
    long: FxHashMap<&'a str, u32>,
}

impl<'a> IdMap<'a> {
    /// Maps the ids in order to their positions; a repeated id keeps its
    /// first position.
    pub(crate) fn new(ids: impl ExactSizeIterator<Item = &'a str>) -> Self {
        let mut map = IdMap::default();
        map.short.reserve(ids.len());
        for (position, id) in ids.enumerate() {
            match ShortId::new(id) {
                Some(key) => map.short.entry(key).or_insert(position as u32),
                None => map.long.entry(id).or_insert(position as u32),
            };
        }
        map
    }

    /// The position of `id`.
    pub(crate) fn get(&self, id: &str) -> Option<u32> {
        match ShortId::new(id) {
            Some(key) => self.short.get(&key).copied(),
            None => self.long.get(id).copied(),
        }
    }
}

/// The first 8 bytes of `id`, zero-padded, as a big-endian number: when two
/// prefixes differ they order as the ids do (a shorter id is padded with
/// zeros, which sort first, as the end of a string does).
pub(crate) fn id_prefix(id: &[u8]) -> u64 {
    let mut packed = [0u8; 8];
    let n = id.len().min(8);
    packed[..n].copy_from_slice(&id[..n]);
    u64::from_be_bytes(packed)
}

/// Orders ids by Unicode code point (byte order), comparing the packed
/// prefixes first.
pub(crate) fn cmp_ids(a: (u64, &str), b: (u64, &str)) -> Ordering {
    a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_short_and_long_ids_and_keeps_the_first() {
        let ids = ["a", "a\0", "m-1", "a-rather-long-module-id", "m-1", ""];
        let map = IdMap::new(ids.iter().copied());
        assert_eq!(map.get("a"), Some(0));
        assert_eq!(map.get("a\0"), Some(1));
        assert_eq!(map.get("m-1"), Some(2));
        assert_eq!(map.get("a-rather-long-module-id"), Some(3));
        assert_eq!(map.get(""), Some(5));
        assert_eq!(map.get("a-rather-long-module-i"), None);
        assert_eq!(map.get("m-2"), None);
    }

    #[test]
    fn prefixes_order_like_the_ids() {
        let mut ids = vec![
            "b",
            "a",
            "ab",
            "a\0",
            "a\0b",
            "abcdefgh",
            "abcdefghi",
            "abcdefgha",
            "é",
            "z",
            "",
        ];
        let mut by_prefix = ids.clone();
        ids.sort_unstable();
        by_prefix.sort_unstable_by(|a, b| {
            cmp_ids((id_prefix(a.as_bytes()), a), (id_prefix(b.as_bytes()), b))
        });
        assert_eq!(by_prefix, ids);
    }
}
