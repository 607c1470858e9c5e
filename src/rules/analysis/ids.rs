//! Id ordering for one check, without touching the strings of the diagram
//! more than needed: sorting by id first compares the first 8 bytes packed
//! into a `u64` ([`id_prefix`]), falling back to the strings on a tie (as
//! [`crate::model::IdMap`] packs short ids for lookups).

use std::cmp::Ordering;

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
