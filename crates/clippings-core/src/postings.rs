//! Posting lists as separate streams, so a query reads only what it needs.
//!
//! Per term, in four byte streams shared by all terms (each term's bytes are one
//! contiguous run, found through [`Stream::at`]):
//! - **docs**: document numbers in blocks of [`BLOCK`] postings, each as the gap to
//!   the previous document minus one (the list's first document as is), bitpacked:
//!   one width byte, then the block's values at that many bits each (bitpacking
//!   the last, partial block too measured smaller than varints, raw and gzipped).
//! - **tfs**: per posting one varint `body_tf << 1 | other`; when `other` is 1,
//!   `title_tf` and `byline_tf` follow as varints; then one byte, the article's
//!   length in words as a [`norm`] code, which BM25 reads: the lengths travel
//!   with the lists that need them instead of a column of every article in
//!   the start file (at 1,000,000 articles that column was 1.7 MB gzipped).
//! - **positions**: per posting its `title_tf + byline_tf + body_tf` positions,
//!   delta varints starting from 0, for the terms that keep them
//!   ([`crate::index::positions_stored`]); other terms have none. Read only for phrases.
//! - **skips**: for lists of more than one block, per block: its last document
//!   (as the gap to the previous block's last), and its byte lengths in docs, tfs
//!   and positions, all varints. [`Cursor::advance`] jumps whole blocks with them.
//!
//! Reading never panics on malformed bytes: a list simply ends early.

use std::sync::Arc;

use crate::parts::Parts;
use crate::varint;

/// Postings per block.
pub const BLOCK: usize = 128;

/// Whether a list of `df` postings has block skips: only lists longer than one block.
pub fn has_skips(df: u32) -> bool {
    df as usize > BLOCK
}

/// One byte stream holding every term's (or article's) run of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stream {
    pub bytes: Vec<u8>,
    /// Term `t`'s bytes are `bytes[at[t]..at[t + 1]]`; starts with 0.
    pub at: Vec<u32>,
    /// When the bytes arrive in parts ([`crate::parts`]): the parts, and which of
    /// their streams this one is; `bytes` stays empty.
    pub parted: Option<(Arc<Parts>, usize)>,
}

impl Default for Stream {
    fn default() -> Self {
        Stream { bytes: Vec::new(), at: vec![0], parted: None }
    }
}

impl Stream {
    /// Item `item`'s bytes; empty if there are none, or if its part has not
    /// arrived (which the part table records as a miss).
    pub(crate) fn get(&self, item: usize) -> &[u8] {
        if let Some((parts, stream)) = &self.parted {
            return parts.bytes(*stream, item);
        }
        match (self.at.get(item), self.at.get(item + 1)) {
            (Some(&s), Some(&e)) => self.bytes.get(s as usize..e as usize).unwrap_or(&[]),
            _ => &[],
        }
    }
    pub(crate) fn close(&mut self) {
        self.at.push(u32::try_from(self.bytes.len()).expect("posting stream larger than 4 GiB"));
    }
    /// Number of items (terms, or articles).
    pub fn len(&self) -> usize {
        match &self.parted {
            Some((parts, _)) => parts.items(),
            None => self.at.len() - 1,
        }
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Every term's posting list.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PostingStore {
    pub docs: Stream,
    pub tfs: Stream,
    pub positions: Stream,
    pub skips: Stream,
}

/// One document's entry in a posting list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Posting {
    pub doc: u32,
    pub title_tf: u32,
    pub byline_tf: u32,
    pub body_tf: u32,
    /// The document's length in words (title, byline and body), as a [`norm`] code.
    pub norm: u8,
}

impl Posting {
    pub fn tf_total(&self) -> u32 {
        self.title_tf.saturating_add(self.byline_tf).saturating_add(self.body_tf)
    }
    /// The document's length in words, as its norm code gives it back.
    pub fn doc_len(&self) -> u32 {
        norm::decode(self.norm)
    }
}

/// An article's length in words in one byte, as Lucene keeps its norms: exact
/// up to [`norm::EXACT`] words, then in steps of about 6.7 % up to 2^24 words,
/// each code standing for the geometric middle of its step (at most 3.7 % off).
/// BM25 with `b` = 0.5 sees at most half that error in its length term.
pub mod norm {
    /// Lengths below this are exact.
    pub const EXACT: u32 = 64;
    /// Each code past the exact ones spans a factor of `2^(1/STEPS)`, STEPS = 192 / 18.
    const RATIO: f64 = 1.067_140_400_676_823_7;
    /// Its square root: from the start of a step to its geometric middle.
    const HALF: f64 = 1.033_024_879_021_228_4;

    /// The least length code `code` (at least [`EXACT`]) stands for. `powi`
    /// multiplies: no logarithm or power function in the app shell.
    fn low(code: u8) -> f64 {
        f64::from(EXACT) * RATIO.powi(i32::from(code) - EXACT as i32)
    }

    /// The code of `len` words.
    pub fn encode(len: u32) -> u8 {
        if len < EXACT {
            return len as u8;
        }
        let (mut lo, mut hi) = (EXACT as u8, 255u8);
        while lo < hi {
            let mid = lo + (hi - lo).div_ceil(2);
            if low(mid) <= f64::from(len) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        lo
    }

    /// The length a code stands for: exact below [`EXACT`], else the
    /// geometric middle of its step.
    pub fn decode(code: u8) -> u32 {
        if u32::from(code) < EXACT {
            return u32::from(code);
        }
        (low(code) * HALF + 0.5) as u32
    }
}

/// What [`PostingStore::push`] takes: a posting and its sorted positions.
pub type ListEntry = (Posting, Vec<u32>);

fn bits(max: u32) -> u8 {
    (32 - max.leading_zeros()) as u8
}

/// Appends a width byte and `values` packed at that width, little-endian bit order.
pub fn pack(values: &[u32], out: &mut Vec<u8>) {
    let w = bits(values.iter().copied().max().unwrap_or(0));
    out.push(w);
    let (mut acc, mut n) = (0u64, 0u8);
    for &v in values {
        acc |= (v as u64) << n;
        n += w;
        while n >= 8 {
            out.push(acc as u8);
            acc >>= 8;
            n -= 8;
        }
    }
    if n > 0 {
        out.push(acc as u8);
    }
}

/// Reads `out.len()` values written by [`pack`]; the bytes used, or `None` when
/// the bytes end early or the width is impossible.
pub fn unpack(bytes: &[u8], out: &mut [u32]) -> Option<usize> {
    let w = *bytes.first()? as u32;
    if w > 32 {
        return None;
    }
    let used = 1 + (out.len() * w as usize).div_ceil(8);
    let data = bytes.get(1..used)?;
    if w == 0 {
        out.fill(0);
        return Some(used);
    }
    let mask = if w == 32 { u32::MAX as u64 } else { (1u64 << w) - 1 };
    let (mut acc, mut n, mut at) = (0u64, 0u32, 0usize);
    for v in out.iter_mut() {
        while n < w {
            acc |= (data[at] as u64) << n;
            at += 1;
            n += 8;
        }
        *v = (acc & mask) as u32;
        acc >>= w;
        n -= w;
    }
    Some(used)
}

impl PostingStore {
    /// Number of terms.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Appends the next term's list (sorted by document, documents unique).
    pub fn push(&mut self, list: &[ListEntry]) {
        let mut prev: Option<u32> = None;
        let mut gaps = Vec::with_capacity(BLOCK);
        let multi = has_skips(list.len() as u32);
        for chunk in list.chunks(BLOCK) {
            let starts = (self.docs.bytes.len(), self.tfs.bytes.len(), self.positions.bytes.len());
            let block_prev = prev;
            gaps.clear();
            for (p, positions) in chunk {
                gaps.push(match prev {
                    None => p.doc,
                    Some(q) => p.doc - q - 1,
                });
                prev = Some(p.doc);
                let other = p.title_tf > 0 || p.byline_tf > 0;
                varint::write(&mut self.tfs.bytes, p.body_tf << 1 | u32::from(other));
                if other {
                    varint::write(&mut self.tfs.bytes, p.title_tf);
                    varint::write(&mut self.tfs.bytes, p.byline_tf);
                }
                self.tfs.bytes.push(p.norm);
                let mut last = 0;
                for &q in positions {
                    varint::write(&mut self.positions.bytes, q - last);
                    last = q;
                }
            }
            pack(&gaps, &mut self.docs.bytes);
            if multi {
                let last = prev.unwrap_or(0);
                let s = &mut self.skips.bytes;
                varint::write(s, last - block_prev.unwrap_or(0));
                varint::write(s, (self.docs.bytes.len() - starts.0) as u32);
                varint::write(s, (self.tfs.bytes.len() - starts.1) as u32);
                varint::write(s, (self.positions.bytes.len() - starts.2) as u32);
            }
        }
        self.docs.close();
        self.tfs.close();
        self.positions.close();
        self.skips.close();
    }

    /// A cursor over term `term`'s list of `df` postings.
    pub fn cursor(&self, term: u32, df: u32) -> Cursor<'_> {
        let t = term as usize;
        Cursor::new(self.docs.get(t), self.tfs.get(t), self.positions.get(t), self.skips.get(t), df)
    }
}

#[derive(Debug, Clone, Copy)]
struct Block {
    /// Document before the block's first (the previous block's last), if any.
    prev: Option<u32>,
    /// Last document of the block; `u32::MAX` when unknown (a single-block list).
    last: u32,
    docs: u32,
    tfs: u32,
    positions: u32,
    len: u32,
}

/// Walks one posting list forwards: [`Iterator::next`], [`Cursor::advance`] to a
/// document, and [`Cursor::positions`] of the posting just returned.
pub struct Cursor<'a> {
    docs: &'a [u8],
    tfs: &'a [u8],
    pos: &'a [u8],
    blocks: Vec<Block>,
    /// Index of the decoded block in `blocks`; `blocks.len()` before the first.
    block: usize,
    buf: Vec<Posting>,
    /// Index in `buf` of the next posting to return.
    i: usize,
    /// A known position-stream offset: that of posting `pos_at.0` of the block.
    pos_at: (usize, usize),
    done: bool,
    /// Documents from this number on are not in the archive: a list that names
    /// one is malformed (a forged file behind a valid checksum) and ends there.
    limit: u32,
}

impl<'a> Cursor<'a> {
    fn new(docs: &'a [u8], tfs: &'a [u8], pos: &'a [u8], skips: &'a [u8], df: u32) -> Cursor<'a> {
        let mut blocks = Vec::new();
        if !has_skips(df) {
            if df > 0 {
                blocks.push(Block { prev: None, last: u32::MAX, docs: 0, tfs: 0, positions: 0, len: df });
            }
        } else {
            let (mut prev, mut offs, mut left) = (None::<u32>, [0u32; 3], df);
            let mut r = varint::Cursor::new(skips, 0);
            while left > 0 {
                let Some((gap, d, t, p)) = (|| Some((r.next()?, r.next()?, r.next()?, r.next()?)))() else { break };
                let Some(last) = prev.unwrap_or(0).checked_add(gap) else { break };
                let len = left.min(BLOCK as u32);
                blocks.push(Block { prev, last, docs: offs[0], tfs: offs[1], positions: offs[2], len });
                prev = Some(last);
                left -= len;
                offs = [offs[0].saturating_add(d), offs[1].saturating_add(t), offs[2].saturating_add(p)];
            }
        }
        let block = blocks.len();
        Cursor { docs, tfs, pos, blocks, block, buf: Vec::new(), i: 0, pos_at: (0, 0), done: false, limit: u32::MAX }
    }

    /// The same list, ended before any document numbered `docs` or more.
    pub fn within(mut self, docs: u32) -> Self {
        self.limit = docs;
        self
    }

    /// Decodes block `b`; false (and the list is done) if its bytes are malformed.
    fn load(&mut self, b: usize) -> bool {
        self.block = b;
        self.buf.clear();
        self.i = 0;
        let Some(&blk) = self.blocks.get(b) else {
            self.done = true;
            return false;
        };
        self.pos_at = (0, blk.positions as usize);
        let n = blk.len as usize;
        let mut gaps = [0u32; BLOCK];
        let gaps = &mut gaps[..n];
        let Some(docs) = self.docs.get(blk.docs as usize..) else {
            self.done = true;
            return false;
        };
        let ok = unpack(docs, gaps).is_some();
        let mut tfs = varint::Cursor::new(self.tfs, blk.tfs as usize);
        let mut prev = blk.prev;
        let limit = self.limit;
        for &g in gaps.iter() {
            if !ok {
                break;
            }
            let doc = match prev {
                None => Some(g),
                Some(q) => q.checked_add(g).and_then(|d| d.checked_add(1)),
            };
            let (Some(doc), Some(code)) = (doc.filter(|&d| d < limit), tfs.next()) else { break };
            let (title_tf, byline_tf) = if code & 1 == 1 {
                match (tfs.next(), tfs.next()) {
                    (Some(a), Some(b)) => (a, b),
                    _ => break,
                }
            } else {
                (0, 0)
            };
            let Some(&[norm]) = tfs.take(1) else { break };
            self.buf.push(Posting { doc, title_tf, byline_tf, body_tf: code >> 1, norm });
            prev = Some(doc);
        }
        if self.buf.len() < n {
            // Malformed: keep what decoded, then end.
            self.blocks.truncate(b + 1);
        }
        !self.buf.is_empty()
    }

    /// The first posting whose document is `>= target`, from the one last returned
    /// on (so it may return that one again).
    pub fn advance(&mut self, target: u32) -> Option<Posting> {
        if self.done {
            return None;
        }
        let in_block = self.block < self.blocks.len() && self.buf.last().is_some_and(|p| p.doc >= target);
        if !in_block {
            let from = if self.block < self.blocks.len() { self.block + 1 } else { 0 };
            let skip = self.blocks[from.min(self.blocks.len())..].partition_point(|b| b.last < target);
            if !self.load(from + skip) {
                self.done = true;
                return None;
            }
        }
        // The posting last returned counts too: advancing never passes over it.
        let start = self.i.saturating_sub(1);
        let k = self.buf[start..].partition_point(|p| p.doc < target);
        self.i = start + k;
        self.next()
    }

    /// Positions of the posting last returned, sorted.
    pub fn positions(&mut self) -> Vec<u32> {
        let Some(cur) = self.i.checked_sub(1) else { return Vec::new() };
        let (mut j, mut at) = self.pos_at;
        if j > cur {
            j = 0;
            at = self.blocks.get(self.block).map_or(0, |b| b.positions as usize);
        }
        let bytes = self.pos;
        while j < cur {
            let mut skip = self.buf[j].tf_total() as usize;
            while skip > 0 {
                match bytes.get(at) {
                    Some(&b) => {
                        at += 1;
                        if b < 0x80 {
                            skip -= 1;
                        }
                    }
                    None => return Vec::new(),
                }
            }
            j += 1;
        }
        self.pos_at = (j, at);
        let n = self.buf[cur].tf_total() as usize;
        let mut out = Vec::with_capacity(n.min(1 << 16));
        let mut last = 0u32;
        for _ in 0..n {
            let Some((d, used)) = bytes.get(at..).and_then(varint::read) else { break };
            at += used;
            last = last.saturating_add(d);
            out.push(last);
        }
        out
    }
}

impl Iterator for Cursor<'_> {
    type Item = Posting;
    fn next(&mut self) -> Option<Posting> {
        if self.done {
            return None;
        }
        if self.i >= self.buf.len() {
            let next = if self.block < self.blocks.len() { self.block + 1 } else { 0 };
            if !self.load(next) {
                return None;
            }
        }
        let p = self.buf[self.i];
        self.i += 1;
        Some(p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn store(lists: &[Vec<ListEntry>]) -> PostingStore {
        let mut s = PostingStore::default();
        lists.iter().for_each(|l| s.push(l));
        s
    }

    /// A list of `n` documents spread with gaps from `gaps`, tfs and positions from the doc number.
    fn list(n: usize, gaps: &[u32]) -> Vec<ListEntry> {
        let mut doc = 0u32;
        (0..n)
            .map(|i| {
                doc += gaps[i % gaps.len()];
                let d = doc;
                let p =
                    Posting { doc: d, title_tf: d % 3 / 2, byline_tf: d / 7 % 2, body_tf: d % 4, norm: (d * 37) as u8 };
                let positions = (0..p.tf_total()).map(|k| k * 5 + d % 11).collect();
                (p, positions)
            })
            .collect()
    }

    fn read_all(s: &PostingStore, t: u32, df: u32) -> Vec<ListEntry> {
        let mut c = s.cursor(t, df);
        let mut out = Vec::new();
        while let Some(p) = c.next() {
            out.push((p, c.positions()));
        }
        out
    }

    #[test]
    fn pack_round_trips_at_every_width() {
        for w in 0..=32u32 {
            let max = if w == 0 { 0 } else { u32::MAX >> (32 - w) };
            let values: Vec<u32> = (0..BLOCK as u32).map(|i| max.wrapping_sub(i * 7919) & max).collect();
            let mut bytes = Vec::new();
            pack(&values, &mut bytes);
            assert_eq!(bytes[0] as u32, bits(*values.iter().max().unwrap()) as u32);
            let mut out = vec![0; BLOCK];
            assert_eq!(unpack(&bytes, &mut out), Some(bytes.len()));
            assert_eq!(out, values, "width {w}");
            assert_eq!(unpack(&bytes[..bytes.len() - 1], &mut out), None, "truncated, width {w}");
        }
        assert_eq!(unpack(&[33, 0, 0, 0, 0], &mut [0; 1]), None);
    }

    #[test]
    fn norms_are_exact_when_short_and_close_when_long() {
        // (length, its code, the length the code gives back)
        let table = [
            (0, 0, 0),
            (1, 1, 1),
            (63, 63, 63),
            (64, 64, 66),
            (100, 70, 98),
            (1_000, 106, 1_013),
            (10_000, 141, 9_848),
        ];
        for (len, code, back) in table {
            assert_eq!((norm::encode(len), norm::decode(norm::encode(len))), (code, back), "length {len}");
        }
        assert_eq!(norm::encode(u32::MAX), 255);
        let mut last = 0;
        for len in (0..100_000u32).chain([1 << 20, 1 << 23, (1 << 24) - 1]) {
            let code = norm::encode(len);
            assert!(code >= last, "codes never go down ({len})");
            last = code;
            let back = norm::decode(code) as f64;
            assert!((back - len as f64).abs() <= len as f64 * 0.037, "{len} comes back as {back}");
        }
        for code in 0..=255u8 {
            assert_eq!(norm::encode(norm::decode(code)), code, "code {code} is its own middle's");
        }
    }

    #[test]
    fn block_boundaries_round_trip() {
        for n in [0, 1, 2, 127, 128, 129, 255, 256, 257, 385] {
            for gaps in [&[1u32][..], &[1, 2, 900], &[70_000, 3]] {
                let l = list(n, gaps);
                let s = store(&[list(3, &[5]), l.clone(), Vec::new()]);
                assert_eq!(read_all(&s, 1, n as u32), l, "n = {n}, gaps {gaps:?}");
                assert_eq!(read_all(&s, 2, 0), Vec::new());
                assert_eq!(read_all(&s, 0, 3), list(3, &[5]));
                // The skip table exists exactly for lists of more than one block.
                assert_eq!(s.skips.get(1).is_empty(), n <= BLOCK);
            }
        }
    }

    #[test]
    fn advance_lands_on_block_edges() {
        let l = list(300, &[2]);
        let s = store(std::slice::from_ref(&l));
        for i in [0usize, 126, 127, 128, 129, 255, 256, 299] {
            let d = l[i].0.doc;
            let mut c = s.cursor(0, 300);
            assert_eq!(c.advance(d), Some(l[i].0));
            assert_eq!(c.positions(), l[i].1, "positions after advance to item {i}");
            let mut c = s.cursor(0, 300);
            assert_eq!(c.advance(d - 1), Some(l[i].0), "between documents, item {i}");
        }
        let mut c = s.cursor(0, 300);
        assert_eq!(c.advance(l[299].0.doc + 1), None);
        assert_eq!(c.next(), None);
    }

    #[test]
    fn malformed_bytes_end_the_list_without_panicking() {
        let s = store(&[list(300, &[3, 1])]);
        for cut in [0, 1, 10, s.docs.bytes.len() / 2] {
            let mut bad = s.clone();
            bad.docs.bytes.truncate(cut);
            *bad.docs.at.last_mut().unwrap() = cut as u32;
            assert!(read_all(&bad, 0, 300).len() < 300);
            let mut bad = s.clone();
            bad.positions.bytes.truncate(cut);
            *bad.positions.at.last_mut().unwrap() = cut as u32;
            let _ = read_all(&bad, 0, 300);
            let mut c = bad.cursor(0, 300);
            let _ = c.advance(400);
        }
        // A df larger than the list holds, and a width byte past 32.
        assert!(read_all(&s, 0, 10_000).len() <= 300 + BLOCK);
        let mut bad = s.clone();
        bad.docs.bytes[0] = 40;
        assert!(read_all(&bad, 0, 300).len() < 300);
    }

    fn sorted_docs() -> impl Strategy<Value = Vec<u32>> {
        proptest::collection::btree_set(0u32..3_000, 0..600).prop_map(|s| s.into_iter().collect())
    }

    fn entries(docs: &[u32]) -> Vec<ListEntry> {
        docs.iter()
            .map(|&d| {
                let p = Posting { doc: d, title_tf: d % 2, byline_tf: 0, body_tf: 1 + d % 3, norm: (d % 251) as u8 };
                (p, (0..p.tf_total()).map(|k| k * 3 + d % 5).collect())
            })
            .collect()
    }

    proptest! {
        #[test]
        fn lists_round_trip(a in sorted_docs(), b in sorted_docs()) {
            let s = store(&[entries(&a), entries(&b)]);
            prop_assert_eq!(read_all(&s, 0, a.len() as u32), entries(&a));
            prop_assert_eq!(read_all(&s, 1, b.len() as u32), entries(&b));
        }

        #[test]
        fn skip_intersection_equals_naive(a in sorted_docs(), b in sorted_docs(), sparse in 0u32..40) {
            // Thin one list so that the skips are taken.
            let a: Vec<u32> = a.into_iter().filter(|d| sparse == 0 || d % (sparse + 1) == 0).collect();
            let s = store(&[entries(&a), entries(&b)]);
            let naive: Vec<u32> = a.iter().copied().filter(|d| b.binary_search(d).is_ok()).collect();
            let lead = s.cursor(0, a.len() as u32);
            let mut other = s.cursor(1, b.len() as u32);
            let mut got = Vec::new();
            for p in lead {
                match other.advance(p.doc) {
                    Some(q) if q.doc == p.doc => {
                        prop_assert_eq!(other.positions(), entries(&[p.doc])[0].1.clone());
                        got.push(p.doc);
                    }
                    Some(_) => {}
                    None => break,
                }
            }
            prop_assert_eq!(got, naive);
        }
    }
}
