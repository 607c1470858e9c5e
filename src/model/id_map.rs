//! Element positions by id, without touching the strings more than needed.
//!
//! Resolving references (every interface end, every module's unit) is the
//! bulk of deriving anything from a [`super::Diagram`]. A map keyed by
//! `&str` hashes the id, then follows the stored key's pointer to compare
//! bytes: a scattered read and a `memcmp` per lookup. Most ids are short,
//! so [`IdMap`] keys ids of up to 16 bytes by their bytes packed into an
//! integer, which is exact and compares without following a pointer; only
//! longer ids are kept as strings.

use rustc_hash::FxHashMap;
use std::hash::{Hash, Hasher};

/// An id of at most 16 bytes, packed with its length: for each length the
/// packing is one-to-one (see [`ShortId::new`]), so equal keys mean equal ids.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct ShortId {
    bytes: u128,
    len: u8,
}

impl Hash for ShortId {
    /// One well-mixed word. FxHash only multiplies, which carries a bit
    /// upwards but never down; ids that differ only in their last bytes
    /// (`m-1234`, `m-1235`) would then share the high bits hash tables use
    /// to tell keys apart, and lookups would compare many keys. A folded
    /// multiply (as in foldhash) mixes every input bit into every output
    /// bit first.
    fn hash<H: Hasher>(&self, state: &mut H) {
        const K: u64 = 0x9e37_79b9_7f4a_7c15;
        let low = self.bytes as u64 ^ K;
        let high = (self.bytes >> 64) as u64 ^ u64::from(self.len) ^ K.rotate_left(32);
        let product = u128::from(low) * u128::from(high | 1);
        state.write_u64((product as u64) ^ ((product >> 64) as u64) ^ high);
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

/// Positions of one kind of element by id (a position in the diagram's
/// list of that kind). Owns its keys, so it can be kept with a revision.
#[derive(Clone, Debug, Default)]
pub struct IdMap {
    short: FxHashMap<ShortId, u32>,
    long: FxHashMap<Box<str>, u32>,
}

impl IdMap {
    /// Maps the ids in order to their positions; a repeated id keeps its
    /// first position.
    #[must_use]
    pub fn new<'a>(ids: impl ExactSizeIterator<Item = &'a str>) -> Self {
        let mut map = IdMap::default();
        map.short.reserve(ids.len());
        for (position, id) in ids.enumerate() {
            match ShortId::new(id) {
                Some(key) => {
                    map.short.entry(key).or_insert(position as u32);
                }
                None => {
                    if !map.long.contains_key(id) {
                        map.long.insert(id.into(), position as u32);
                    }
                }
            }
        }
        map
    }

    /// The position of `id`.
    #[must_use]
    pub fn get(&self, id: &str) -> Option<usize> {
        self.get_u32(id).map(|p| p as usize)
    }

    /// The position of `id`, packed (for tables of `u32` positions).
    #[must_use]
    pub fn get_u32(&self, id: &str) -> Option<u32> {
        match ShortId::new(id) {
            Some(key) => self.short.get(&key).copied(),
            None => self.long.get(id).copied(),
        }
    }

    /// How many distinct ids are mapped.
    #[must_use]
    pub fn len(&self) -> usize {
        self.short.len() + self.long.len()
    }

    /// Whether no id is mapped.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
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
        assert_eq!(map.len(), 5);
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
                ids.push(String::from_utf8(bytes).expect("ascii"));
            }
            ids.push(base);
        }
        let map = IdMap::new(ids.iter().map(String::as_str));
        for (position, id) in ids.iter().enumerate() {
            assert_eq!(map.get(id), Some(position), "{id:?}");
        }
        assert_eq!(map.get("aZZ"), None);
        assert_eq!(map.get("abcdefghijklmnZZ"), None);
    }
}
