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

/// An id of at most 16 bytes, packed with its length: for each length the
/// packing is one-to-one (see [`ShortId::new`]), so equal keys mean equal ids.
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
        let len = bytes.len();
        // Fixed-size reads that together cover every byte (overlapping when
        // the length is not a power of two): for a given length the packing
        // is one-to-one, and no variable-length copy is made.
        let bytes_packed = match len {
            0 => 0,
            1..=3 => {
                u128::from(bytes[0])
                    | u128::from(bytes[len / 2]) << 8
                    | u128::from(bytes[len - 1]) << 16
            }
            4..=7 => u128::from(read_u32(bytes, 0)) | u128::from(read_u32(bytes, len - 4)) << 32,
            8..=Self::MAX_LEN => {
                u128::from(read_u64(bytes, 0)) | u128::from(read_u64(bytes, len - 8)) << 64
            }
            _ => return None,
        };
        Some(ShortId {
            bytes: bytes_packed,
            len: len as u8,
        })
    }
}

fn read_u32(bytes: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap_or_default())
}

fn read_u64(bytes: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(bytes[at..at + 8].try_into().unwrap_or_default())
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
    if id.len() >= 8 {
        return u64::from_be_bytes(id[..8].try_into().unwrap_or_default());
    }
    id.iter()
        .enumerate()
        .fold(0, |packed, (i, &b)| packed | u64::from(b) << (56 - 8 * i))
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
    fn every_length_packs_one_to_one() {
        // Ids of every length up to past the short limit, differing in one
        // byte at every position: each must find itself and nothing else.
        let mut ids = Vec::new();
        for len in 0..=18 {
            let base = "abcdefghijklmnopqr"[..len].to_string();
            for at in 0..len {
                let mut bytes = base.clone().into_bytes();
                bytes[at] = b'Z';
                ids.push(String::from_utf8(bytes).unwrap());
            }
            ids.push(base);
        }
        let map = IdMap::new(ids.iter().map(String::as_str));
        for (position, id) in ids.iter().enumerate() {
            assert_eq!(map.get(id), Some(position as u32), "{id:?}");
        }
        assert_eq!(map.get("aZZ"), None);
        assert_eq!(map.get("abcdefghijklmnZZ"), None);
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
