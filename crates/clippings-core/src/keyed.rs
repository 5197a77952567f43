//! Sorted string keys, each with a value of bytes, looked up by key: the stem
//! table (a stem → the ids of the terms that share it).
//!
//! Whole, a lookup is a binary search over every key. In parts
//! ([`crate::parts`], the hosted build), the start file keeps only each part's
//! first key, so a lookup reads the one part that can hold its key; when that
//! part has not arrived the lookup finds nothing and records the part as a
//! miss, like any other read of a missing part.

use std::cmp::Ordering;

use crate::postings::Stream;
use crate::varint;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Keyed {
    /// Item `i`'s key (UTF-8), in strictly increasing byte order.
    pub keys: Stream,
    /// Item `i`'s value.
    pub values: Stream,
    /// In parts: part `k`'s first key.
    pub firsts: Vec<String>,
}

impl Keyed {
    /// From `(key, value)` pairs in strictly increasing key order.
    pub fn from_sorted<K: AsRef<str>>(items: impl IntoIterator<Item = (K, Vec<u8>)>) -> Keyed {
        let mut out = Keyed::default();
        for (key, value) in items {
            debug_assert!(out.keys.bytes.is_empty() || out.last_key() < key.as_ref().as_bytes(), "sorted keys");
            out.keys.bytes.extend_from_slice(key.as_ref().as_bytes());
            out.keys.close();
            out.values.bytes.extend_from_slice(&value);
            out.values.close();
        }
        out
    }

    fn last_key(&self) -> &[u8] {
        self.keys.get(self.keys.len().wrapping_sub(1))
    }

    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Item `i`'s key (empty while its part has not arrived).
    pub fn key(&self, i: usize) -> &str {
        std::str::from_utf8(self.keys.get(i)).unwrap_or("")
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The value of `key`, or nothing: no such key, or its part has not arrived
    /// (then recorded as a miss).
    pub fn find(&self, key: &str) -> Option<&[u8]> {
        let key = key.as_bytes();
        let (mut lo, mut hi) = match &self.keys.parted {
            None => (0, self.keys.len()),
            Some((parts, _)) => {
                let part = self.firsts.partition_point(|f| f.as_bytes() <= key).checked_sub(1)?;
                let (lo, hi) = (*parts.cut.get(part)? as usize, *parts.cut.get(part + 1)? as usize);
                if !parts.is_loaded(part) {
                    parts.bytes(0, lo); // records the miss
                    return None;
                }
                (lo, hi)
            }
        };
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            match self.keys.get(mid).cmp(key) {
                Ordering::Less => lo = mid + 1,
                Ordering::Greater => hi = mid,
                Ordering::Equal => return Some(self.values.get(mid)),
            }
        }
        None
    }
}

/// Ascending ids as a value: the first as its (zigzag) difference from `base`,
/// then the differences. For a stem, `base` is where the stem would stand in the
/// term dictionary: the terms that share a stem sort next to it, so the first
/// id takes a byte instead of three.
pub fn write_ids(ids: &[u32], base: u32) -> Vec<u8> {
    let mut out = Vec::new();
    let mut last = 0;
    for (k, &id) in ids.iter().enumerate() {
        debug_assert!(k == 0 || id > last, "ascending ids");
        let v = if k == 0 { zigzag(id.wrapping_sub(base) as i32) } else { id - last };
        varint::write(&mut out, v);
        last = id;
    }
    out
}

/// The ids of a value written by [`write_ids`] with the same `base`; stops at
/// the first that does not decode, does not ascend or is not below `limit`
/// (malformed bytes never panic).
pub fn read_ids(bytes: &[u8], base: u32, limit: u32) -> Vec<u32> {
    let mut out: Vec<u32> = Vec::new();
    let mut at = 0;
    while let Some((v, used)) = varint::read(&bytes[at..]) {
        let id = match out.last() {
            None => Some(base.wrapping_add(unzigzag(v) as u32)),
            Some(&last) => last.checked_add(v).filter(|_| v > 0),
        };
        match id.filter(|&id| id < limit) {
            Some(id) => out.push(id),
            None => break,
        }
        at += used;
        if at >= bytes.len() {
            break;
        }
    }
    out
}

/// `v` as an unsigned number, small for small magnitudes of either sign.
pub(crate) fn zigzag(v: i32) -> u32 {
    ((v << 1) ^ (v >> 31)) as u32
}

pub(crate) fn unzigzag(v: u32) -> i32 {
    ((v >> 1) as i32) ^ -((v & 1) as i32)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parts::{PartKind, PartStream, Parts};
    use std::sync::Arc;

    fn table() -> Keyed {
        Keyed::from_sorted(["able", "baker", "charlie", "delta", "echo"].into_iter().zip(0u32..).map(|(k, i)| {
            let ids: Vec<u32> = (0..=i).map(|j| j * 3).collect();
            (k, write_ids(&ids, 2))
        }))
    }

    #[test]
    fn whole_finds_every_key_and_nothing_else() {
        let t = table();
        for (i, key) in ["able", "baker", "charlie", "delta", "echo"].into_iter().enumerate() {
            let want: Vec<u32> = (0..=i as u32).map(|j| j * 3).collect();
            assert_eq!(read_ids(t.find(key).unwrap(), 2, 100), want, "{key}");
        }
        for absent in ["", "a", "abl", "ablee", "c", "zulu"] {
            assert_eq!(t.find(absent), None, "{absent}");
        }
    }

    #[test]
    fn ids_round_trip_and_malformed_values_stop_short() {
        for base in [0, 7, 1000, u32::MAX] {
            for ids in [vec![], vec![0], vec![5, 6, 300, 70_000], vec![999, 1000, 1001], vec![u32::MAX - 1]] {
                assert_eq!(read_ids(&write_ids(&ids, base), base, u32::MAX), ids, "base {base}");
            }
        }
        assert_eq!(write_ids(&[998, 1003], 1000), [3, 5], "the first near the base takes one byte");
        assert_eq!(read_ids(&write_ids(&[1, 5, 9], 0), 0, 6), [1, 5], "ids past the limit are dropped");
        assert_eq!(read_ids(&[0x80], 0, 10), Vec::<u32>::new(), "a cut varint");
        assert_eq!(read_ids(&[4, 0, 1], 0, 10), [2], "a repeated id ends the list");
        assert_eq!(read_ids(&[1], 0, 10), Vec::<u32>::new(), "before the first term");
    }

    #[test]
    fn zigzag_round_trips() {
        for v in [0, 1, -1, 63, -64, 1 << 20, i32::MAX, i32::MIN] {
            assert_eq!(unzigzag(zigzag(v)), v);
        }
        assert!(zigzag(-1) < 2 && zigzag(1) < 3, "small either way");
    }

    #[test]
    fn parted_reads_one_part_and_misses_the_absent_one() {
        let whole = table();
        // Parts [able, baker] and [charlie, delta, echo].
        let cut = vec![0u32, 2, 5];
        let parts = Arc::new(Parts::new(PartKind::Stems, cut.clone(), vec!["p-a.bin".into(), "p-b.bin".into()]));
        let mut t = Keyed { firsts: vec!["able".into(), "charlie".into()], ..Keyed::default() };
        t.keys.parted = Some((parts.clone(), 0));
        t.values.parted = Some((parts.clone(), 1));
        assert_eq!(t.find("delta"), None, "second part not in yet");
        assert_eq!(t.find("aardvark"), None, "before the first key: no part, no miss");
        let misses: Vec<u32> = parts.take_misses().iter().map(|m| m.number).collect();
        assert_eq!(misses, [1]);
        let stream = |st: &Stream, lo: usize, hi: usize| {
            let base = st.at[lo];
            PartStream {
                at: st.at[lo..=hi].iter().map(|a| a - base).collect(),
                bytes: st.bytes[base as usize..st.at[hi] as usize].to_vec(),
            }
        };
        for k in 0..2 {
            let (lo, hi) = (cut[k] as usize, cut[k + 1] as usize);
            parts.insert(k as u32, vec![stream(&whole.keys, lo, hi), stream(&whole.values, lo, hi)]).unwrap();
        }
        for key in ["able", "baker", "charlie", "delta", "echo", "bz", "zulu"] {
            assert_eq!(t.find(key), whole.find(key), "{key}");
        }
        assert!(parts.take_misses().is_empty());
    }
}
