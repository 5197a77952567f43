//! [`Index`] ↔ bytes. One codec, used by the build script to write and by the app
//! to read.
//!
//! Layout: magic `CLIPPIDX`, format version (u32 LE), [`checksum`] of the
//! payload (u64 LE), payload length (u64 LE), payload. The payload is a sequence of
//! varints, length-prefixed strings and byte blobs, in the sections of [`sections`]:
//! like data kept together (the words, then every article's word numbers, then all
//! metadata; each posting stream whole, see [`crate::postings`] and [`crate::text`])
//! so that gzip finds the repeats.
//!
//! Two layouts share the format. **Whole** (the single file, native tools): every
//! byte in one file. **Parted** (the hosted build, [`encode_parted`]): the start
//! file holds everything but the bytes of the posting lists and of the stored
//! words, which go in part files of a few kilobytes ([`crate::parts`]), each
//! with a header and checksum of its own (magic `CLIPPART`); the start file lists
//! their names, which are hashes of their bytes.

use std::fmt;

use crate::article::Date;
use crate::facets::{FacetKind, FacetValue, Facets};
use crate::index::{Doc, Index};
use crate::keyed::{unzigzag, zigzag, Keyed};
use std::sync::Arc;

use crate::parts::{PartId, PartKind, PartStream, Parts};
use crate::postings::{has_skips, PostingStore, Stream};
use crate::text::{TextStore, NO_TERM};
use crate::varint;

pub const MAGIC: &[u8; 8] = b"CLIPPIDX";
pub const FORMAT_VERSION: u32 = 15;
pub const PART_MAGIC: &[u8; 8] = b"CLIPPART";

/// Bytes of stored words (and separators) per text part, before gzip: two or
/// three articles of news length, so the twenty rows on screen, which rarely
/// neighbour each other, fetch little more than their own text (at 8 KB a
/// first page of results fetched five times the text it showed).
pub const TEXT_PART_BYTES: usize = 2 * 1024;
/// Bytes of posting lists per postings part, before gzip.
pub const POSTINGS_PART_BYTES: usize = 32 * 1024;

/// Bytes of the stem table per stems part, before gzip: a search looks up one
/// stem per word, so a few kilobytes each.
pub const STEM_PART_BYTES: usize = 8 * 1024;

/// Bytes of the articles' facet values per facets part, before gzip. All of
/// them are fetched together once the first results are on screen, so few and
/// large; an update that adds articles at the end changes only the last.
pub const FACET_PART_BYTES: usize = 64 * 1024;

/// Bytes of the id table per ids part, before gzip: a link to an article reads
/// one (at 1,000,000 articles some 900 parts, whose first ids take the start
/// file about 10 KB gzipped).
pub const ID_PART_BYTES: usize = 16 * 1024;

/// How the part files of a parted archive are cut and named: per kind, where
/// each part starts, and the hash of each group of [`NAME_GROUP`] parts.
struct Plan {
    text: (Vec<u32>, Vec<u64>),
    postings: (Vec<u32>, Vec<u64>),
    stems: (Vec<u32>, Vec<u64>),
    facets: (Vec<u32>, Vec<u64>),
    ids: (Vec<u32>, Vec<u64>),
}

/// Parts named together: the start file keeps one hash per this many parts of a
/// kind instead of one per part, and each part's name is derived from its
/// group's hash and its number ([`part_names`]). A part's name still changes
/// whenever its bytes do (its group's hash covers them), so a host may cache
/// it forever; but so does every other part's in its group. At 50,000 articles
/// (some 7,000 text parts) the start file's part tables take 1 KB instead of 56.
pub const NAME_GROUP: usize = 64;

/// The hash of each group of [`NAME_GROUP`] parts, from their files' checksums.
fn group_hashes(sums: &[u64]) -> Vec<u64> {
    sums.chunks(NAME_GROUP).map(|g| checksum(&g.iter().flat_map(|s| s.to_le_bytes()).collect::<Vec<u8>>())).collect()
}

/// The names of `n` parts whose groups have the hashes `groups`.
fn part_names(groups: &[u64], n: usize) -> Vec<String> {
    (0..n)
        .map(|k| {
            let mut key = groups[k / NAME_GROUP].to_le_bytes().to_vec();
            key.extend_from_slice(&(k as u32).to_le_bytes());
            part_name(checksum(&key))
        })
        .collect()
}
const HEADER_LEN: usize = 8 + 4 + 8 + 8;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CodecError {
    NotAnIndex,
    Version { found: u32, expected: u32 },
    Checksum,
    Truncated { at: usize },
    Invalid { what: &'static str },
}

impl fmt::Display for CodecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CodecError::NotAnIndex => write!(f, "the archive's data file is not a Clippings index"),
            CodecError::Version { found, expected } if found > expected => write!(
                f,
                "the archive was written for a newer version of Clippings (data format {found}; this page reads \
                 format {expected}): reload the page to get the new version"
            ),
            CodecError::Version { found, expected } => write!(
                f,
                "the archive was written by an older version of Clippings (data format {found}; this page reads \
                 format {expected}): rebuild the archive with `cargo xtask data`"
            ),
            CodecError::Checksum => write!(f, "the archive's data file is damaged (checksum mismatch)"),
            CodecError::Truncated { at } => write!(f, "the archive's data file ends early (byte {at})"),
            CodecError::Invalid { what } => write!(f, "the archive's data file is invalid: {what}"),
        }
    }
}

impl std::error::Error for CodecError {}

/// The payload checksum: FNV-1a's xor-and-multiply over little-endian 64-bit words
/// (then the tail bytes), with a rotation so high bits reach low ones. Every step is
/// a bijection, so any one changed word changes the sum. Eight bytes per step instead
/// of one: checking a 60 MB index takes milliseconds, not most of the start-up.
pub fn checksum(bytes: &[u8]) -> u64 {
    const PRIME: u64 = 0x100000001b3;
    let step = |h: u64, w: u64| (h ^ w).wrapping_mul(PRIME).rotate_left(29);
    let mut words = bytes.chunks_exact(8);
    let mut h =
        (&mut words).fold(0xcbf29ce484222325, |h, w| step(h, u64::from_le_bytes(w.try_into().expect("8 bytes"))));
    for &b in words.remainder() {
        h = step(h, u64::from(b));
    }
    h
}

struct Writer(Vec<u8>);

impl Writer {
    fn u32(&mut self, v: u32) {
        varint::write(&mut self.0, v);
    }
    fn usize(&mut self, v: usize) {
        self.u32(u32::try_from(v).expect("index section larger than 4 GiB"));
    }
    fn bytes(&mut self, b: &[u8]) {
        self.usize(b.len());
        self.0.extend_from_slice(b);
    }
    /// A part table: how many parts, each one's item count, each one's name as
    /// the eight bytes of its hash (the `p-` and `.bin` around it are implied).
    fn part_table(&mut self, (cut, groups): &(Vec<u32>, Vec<u64>)) {
        self.usize(cut.len() - 1);
        for pair in cut.windows(2) {
            self.u32(pair[1] - pair[0]);
        }
        for hash in groups {
            self.0.extend_from_slice(&hash.to_le_bytes());
        }
    }
    /// A [`Keyed`] table: its size, then its keys front-coded and its values;
    /// parted, its part table and each part's first key instead.
    fn keyed(&mut self, table: &Keyed, parts: Option<&(Vec<u32>, Vec<u64>)>) {
        self.usize(table.len());
        match parts {
            None => {
                self.front_coded((0..table.len()).map(|i| table.key(i)));
                self.stream(&table.values);
            }
            Some(plan) => {
                self.part_table(plan);
                self.front_coded(plan.0[..plan.0.len() - 1].iter().map(|&lo| table.key(lo as usize)));
            }
        }
    }
    /// A stream's items: each one's length, then all their bytes.
    fn stream(&mut self, st: &Stream) {
        for pair in st.at.windows(2) {
            self.u32(pair[1] - pair[0]);
        }
        self.bytes(&st.bytes);
    }
    /// Strings in two columns: their lengths, then their bytes.
    fn strings<'s>(&mut self, strings: impl IntoIterator<Item = &'s str>) {
        let mut all = Vec::new();
        for s in strings {
            self.usize(s.len());
            all.extend_from_slice(s.as_bytes());
        }
        self.bytes(&all);
    }
    /// Strings front-coded (each as the bytes it shares with the one before,
    /// then the rest) in three columns, each of like values, which gzip packs
    /// far better than the same values interleaved: the shared lengths, the
    /// rests' lengths, the rests' bytes. The reader is told how many.
    fn front_coded<'s>(&mut self, strings: impl IntoIterator<Item = &'s str>) {
        let (mut prev, mut lens, mut rests) = ("", Writer(Vec::new()), Vec::new());
        for s in strings {
            let shared = shared_prefix(prev, s);
            self.usize(shared);
            lens.usize(s.len() - shared);
            rests.extend_from_slice(&s.as_bytes()[shared..]);
            prev = s;
        }
        self.0.extend_from_slice(&lens.0);
        self.bytes(&rests);
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn u32(&mut self) -> Result<u32, CodecError> {
        let (v, used) = varint::read(&self.bytes[self.at..]).ok_or(CodecError::Truncated { at: self.at })?;
        self.at += used;
        Ok(v)
    }
    fn usize(&mut self) -> Result<usize, CodecError> {
        self.u32().map(|v| v as usize)
    }
    /// A count of items each taking at least `min_bytes`, checked against what is left.
    fn count(&mut self, min_bytes: usize) -> Result<usize, CodecError> {
        let n = self.usize()?;
        if n.saturating_mul(min_bytes) > self.bytes.len() - self.at {
            return Err(CodecError::Truncated { at: self.at });
        }
        Ok(n)
    }
    fn bytes(&mut self) -> Result<&'a [u8], CodecError> {
        let n = self.usize()?;
        let end =
            self.at.checked_add(n).filter(|&e| e <= self.bytes.len()).ok_or(CodecError::Truncated { at: self.at })?;
        let out = &self.bytes[self.at..end];
        self.at = end;
        Ok(out)
    }
    /// A part table of `items` items (see [`Writer::part_table`]).
    fn part_table(&mut self, kind: PartKind, items: usize) -> Result<Parts, CodecError> {
        let n = self.count(2)?;
        let mut cut = vec![0u32];
        for _ in 0..n {
            let size = self.u32()?;
            let end = cut[cut.len() - 1].checked_add(size).filter(|_| size > 0);
            cut.push(end.ok_or(CodecError::Invalid { what: "part table" })?);
        }
        if cut[n] as usize != items {
            return Err(CodecError::Invalid { what: "part table" });
        }
        let groups = (0..n.div_ceil(NAME_GROUP)).map(|_| self.hash()).collect::<Result<Vec<_>, _>>()?;
        Ok(Parts::new(kind, cut, part_names(&groups, n)))
    }
    /// A [`Keyed`] table written by [`Writer::keyed`]; parted, its parts are of `kind`.
    fn keyed(&mut self, parted: bool, kind: PartKind, what: &'static str) -> Result<Keyed, CodecError> {
        // Parted, the items are in their parts: nothing here per item.
        let n = self.count(if parted { 0 } else { 2 })?;
        let mut table = Keyed::default();
        let unsorted = CodecError::Invalid { what: "a key table is not sorted" };
        if parted {
            let parts = Arc::new(self.part_table(kind, n)?);
            let mut firsts: Vec<String> = Vec::with_capacity(parts.len());
            self.front_coded(parts.len(), what, &mut |first| firsts.push(first.to_string()))?;
            if firsts.windows(2).any(|w| w[0] >= w[1]) {
                return Err(unsorted);
            }
            table.firsts = firsts;
            table.keys.parted = Some((parts.clone(), 0));
            table.values.parted = Some((parts, 1));
        } else {
            let keys = &mut table.keys;
            let mut sorted = true;
            self.front_coded(n, what, &mut |key| {
                sorted &= keys.is_empty() || keys.get(keys.len() - 1) < key.as_bytes();
                keys.bytes.extend_from_slice(key.as_bytes());
                keys.close();
            })?;
            if !sorted {
                return Err(unsorted);
            }
            table.values = self.stream(n, what)?;
        }
        Ok(table)
    }
    /// Eight raw bytes, little-endian.
    fn hash(&mut self) -> Result<u64, CodecError> {
        let b = self.bytes.get(self.at..self.at + 8).ok_or(CodecError::Truncated { at: self.at })?;
        self.at += 8;
        Ok(u64::from_le_bytes(b.try_into().expect("8 bytes")))
    }
    /// A stream of `n` items written by [`Writer::stream`].
    fn stream(&mut self, n: usize, what: &'static str) -> Result<Stream, CodecError> {
        let mut st = Stream::default();
        st.at.reserve(n);
        for _ in 0..n {
            let end = st.at[st.at.len() - 1].checked_add(self.u32()?);
            st.at.push(end.ok_or(CodecError::Invalid { what })?);
        }
        st.bytes = self.bytes()?.to_vec();
        if st.bytes.len() != st.at[n] as usize {
            return Err(CodecError::Invalid { what });
        }
        Ok(st)
    }
    /// A column of `n` numbers. (One function for every column, and `dyn`
    /// callbacks below: each generic copy costs the app shell bytes.)
    fn column(&mut self, n: usize) -> Result<Vec<u32>, CodecError> {
        let mut out = Vec::with_capacity(n.min(self.bytes.len() - self.at));
        for _ in 0..n {
            out.push(self.u32()?);
        }
        Ok(out)
    }
    /// `n` strings written by [`Writer::strings`], each passed to `each`.
    fn strings(&mut self, n: usize, each: &mut dyn FnMut(&str) -> Result<(), CodecError>) -> Result<(), CodecError> {
        let lens = self.column(n)?;
        let all =
            std::str::from_utf8(self.bytes()?).map_err(|_| CodecError::Invalid { what: "string is not UTF-8" })?;
        let mut at = 0usize;
        for len in lens {
            let s = at.checked_add(len as usize).and_then(|end| all.get(at..end));
            each(s.ok_or(CodecError::Invalid { what: "string is not UTF-8" })?)?;
            at += len as usize;
        }
        if at != all.len() {
            return Err(CodecError::Invalid { what: "string lengths" });
        }
        Ok(())
    }
    /// `n` strings written by [`Writer::front_coded`], each passed to `each`
    /// (the one before it in hand).
    fn front_coded(&mut self, n: usize, what: &'static str, each: &mut dyn FnMut(&str)) -> Result<(), CodecError> {
        let shared = self.column(n)?;
        let lens = self.column(n)?;
        let rests =
            std::str::from_utf8(self.bytes()?).map_err(|_| CodecError::Invalid { what: "string is not UTF-8" })?;
        let (mut prev, mut at) = (String::new(), 0usize);
        for (&shared, &len) in shared.iter().zip(&lens) {
            let (shared, len) = (shared as usize, len as usize);
            let rest = at.checked_add(len).and_then(|end| rests.get(at..end)).ok_or(CodecError::Invalid { what })?;
            if shared > prev.len() || !prev.is_char_boundary(shared) {
                return Err(CodecError::Invalid { what });
            }
            prev.truncate(shared);
            prev.push_str(rest);
            each(&prev);
            at += len;
        }
        if at != rests.len() {
            return Err(CodecError::Invalid { what });
        }
        Ok(())
    }
}

/// A part file's name: `p-`, the hash of its bytes in 16 hex digits, `.bin`.
fn part_name(hash: u64) -> String {
    // By hand: `format!("{:016x}")` brings integer formatting into the app shell.
    let mut name = String::from("p-");
    for k in (0..16).rev() {
        name.push(char::from(b"0123456789abcdef"[(hash >> (4 * k) & 15) as usize]));
    }
    name + ".bin"
}

/// Whether `name` is a part file's name as [`encode_parted`] writes it: `p-`, 16
/// hex digits, `.bin` (nothing that could leave the data folder).
pub fn is_part_name(name: &str) -> bool {
    name.strip_prefix("p-")
        .and_then(|n| n.strip_suffix(".bin"))
        .is_some_and(|hex| hex.len() == 16 && hex.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Bytes `a` and `b` share at the start, backed off to a char boundary.
fn shared_prefix(a: &str, b: &str) -> usize {
    let mut shared = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    while !b.is_char_boundary(shared) {
        shared -= 1;
    }
    shared
}

/// The payload in named sections, in order (for size breakdowns; [`encode`]
/// writes them one after the other).
pub fn sections(index: &Index) -> Vec<(&'static str, Vec<u8>)> {
    sections_with(index, None)
}

fn sections_with(index: &Index, plan: Option<&Plan>) -> Vec<(&'static str, Vec<u8>)> {
    let mut out = Vec::new();
    for write in [write_words, write_texts, write_meta, write_dict, write_postings, write_stems, write_facets] {
        write(&mut out, index, plan);
    }
    out
}

// Each section's writer and reader, side by side: a format change touches one place.

/// Section 0, the layout and the words (parted: only the most used, see
/// [`TextStore::global_words`]): their terms, spellings and separators.
fn write_words(out: &mut Vec<(&'static str, Vec<u8>)>, index: &Index, plan: Option<&Plan>) {
    let mut w = Writer(Vec::new());
    let t = &index.texts;
    w.u32(u32::from(plan.is_some()));
    // Parted, only the most used words; each text part carries the others.
    let n_words = if plan.is_some() { t.global_words() } else { t.word_term.len() };
    w.usize(n_words);
    // Increasing within each band of word numbers (see `TextBuilder::finish`),
    // so written as differences.
    let mut prev = 0u32;
    for &term in &t.word_term[..n_words] {
        w.u32(term.wrapping_add(1).wrapping_sub(prev));
        prev = term.wrapping_add(1);
    }
    // A spelling that is its term's text exactly (most words: "minister") is
    // written empty and taken from the dictionary when that is read.
    w.strings(t.spelling_at.windows(2).take(n_words).enumerate().map(|(word, pair)| {
        if same_as_term(index, word) {
            ""
        } else {
            &t.spellings[pair[0] as usize..pair[1] as usize]
        }
    }));
    w.usize(t.glues.len());
    w.strings(t.glues.iter().map(String::as_str));
    out.push(("article words (spellings, their terms, separators)", std::mem::take(&mut w.0)));
}

impl Sections {
    fn read_words(&mut self, r: &mut Reader<'_>) -> Result<(), CodecError> {
        let ix = &mut self.ix;
        self.parted = match r.u32()? {
            0 => false,
            1 => true,
            _ => return Err(CodecError::Invalid { what: "layout" }),
        };
        let texts = &mut ix.texts;
        let n_words = r.count(3)?;
        let mut prev = 0u32;
        texts.word_term = (0..n_words)
            .map(|_| {
                prev = prev.wrapping_add(r.u32()?);
                Ok(prev.wrapping_sub(1))
            })
            .collect::<Result<_, CodecError>>()?;
        texts.spelling_at.reserve(n_words + 1);
        texts.spelling_at.push(0);
        self.same_as_term = Vec::with_capacity(n_words);
        let mut terms = texts.word_term.iter();
        let same = &mut self.same_as_term;
        r.strings(n_words, &mut |b| {
            let term = terms.next();
            if b.is_empty() && term == Some(&NO_TERM) {
                return Err(CodecError::Invalid { what: "a word with no spelling" });
            }
            same.push(b.is_empty());
            texts.spellings.push_str(b);
            let end =
                u32::try_from(texts.spellings.len()).map_err(|_| CodecError::Invalid { what: "words too long" })?;
            texts.spelling_at.push(end);
            Ok(())
        })?;
        let n_glues = r.count(1)?;
        r.strings(n_glues, &mut |g| {
            texts.glues.push(g.to_string());
            Ok(())
        })?;
        Ok(())
    }
}

/// Section 1, the articles' stored words and separators (parted: the text parts' table).
fn write_texts(out: &mut Vec<(&'static str, Vec<u8>)>, index: &Index, plan: Option<&Plan>) {
    let mut w = Writer(Vec::new());
    let t = &index.texts;
    w.usize(t.len());
    // Parted, each part carries its own articles' offsets.
    if plan.is_none() {
        w.stream(&t.words);
        w.stream(&t.seps);
    }
    if let Some(plan) = plan {
        w.part_table(&plan.text);
    }
    out.push(("article text and titles as word numbers, then separators", std::mem::take(&mut w.0)));
}

impl Sections {
    fn read_texts(&mut self, r: &mut Reader<'_>) -> Result<(), CodecError> {
        let ix = &mut self.ix;
        let n = r.count(2)?;
        self.n = n;
        if !self.parted {
            ix.texts.words = r.stream(n, "article text length")?;
            ix.texts.seps = r.stream(n, "article text length")?;
        }
        if self.parted {
            let parts = Arc::new(r.part_table(PartKind::Text, n)?);
            ix.texts.local = (0..parts.len()).map(|_| Default::default()).collect();
            ix.texts.words.parted = Some((parts.clone(), 0));
            ix.texts.seps.parted = Some((parts, 1));
        }
        Ok(())
    }
}

/// Section 2, per article: its date; then the words of all articles together
/// (each article's own length travels in its postings); then each article's
/// card (parted: in the text parts) and the id table (parted: its part table
/// and each part's first id).
fn write_meta(out: &mut Vec<(&'static str, Vec<u8>)>, index: &Index, plan: Option<&Plan>) {
    let mut w = Writer(Vec::new());
    // Dates packed as year << 9 | month << 5 | day (0: none), each written as
    // the (zigzag) difference from the one before: the articles are numbered
    // in date order (`clippings_formats::Loaded::index`), so most take a byte
    // of zero.
    let mut prev = 0u32;
    for d in &index.docs {
        let packed = d.date.map_or(0, |d| u32::from(d.year) << 9 | u32::from(d.month) << 5 | u32::from(d.day));
        w.u32(zigzag(packed.wrapping_sub(prev) as i32));
        prev = packed;
    }
    w.u32(index.total_len as u32);
    w.u32((index.total_len >> 32) as u32);
    w.u32(index.grouped);
    if plan.is_none() {
        w.stream(&index.cards);
    }
    w.keyed(&index.ids, plan.map(|p| &p.ids));
    out.push(("article dates, cards and ids", std::mem::take(&mut w.0)));
}

impl Sections {
    fn read_meta(&mut self, r: &mut Reader<'_>) -> Result<(), CodecError> {
        let ix = &mut self.ix;
        let n = self.n;
        let mut prev = 0u32;
        ix.docs = Vec::with_capacity(n);
        for _ in 0..n {
            prev = prev.wrapping_add(unzigzag(r.u32()?) as u32);
            let date = match prev {
                0 => None,
                p => Some(Date { year: (p >> 9) as u16, month: (p >> 5 & 15) as u8, day: (p & 31) as u8 }),
            };
            ix.docs.push(Doc { date });
        }
        ix.total_len = u64::from(r.u32()?) | u64::from(r.u32()?) << 32;
        ix.grouped = r.u32()?;
        if self.parted {
            // The cards are the text parts' fourth stream.
            ix.cards.parted = ix.texts.words.parted.as_ref().map(|(parts, _)| (parts.clone(), 3));
        } else {
            ix.cards = r.stream(n, "article cards")?;
        }
        ix.ids = r.keyed(self.parted, PartKind::Ids, "article ids")?;
        Ok(())
    }
}

/// Section 3, the dictionary.
fn write_dict(out: &mut Vec<(&'static str, Vec<u8>)>, index: &Index, plan: Option<&Plan>) {
    let mut w = Writer(Vec::new());
    // The dictionary in columns: the terms front-coded, the document
    // frequencies, then (whole) each term's posting stream lengths.
    let p = &index.postings;
    let streams = [&p.docs, &p.tfs, &p.positions, &p.skips];
    w.usize(index.terms.len());
    w.front_coded(index.terms.iter().map(String::as_str));
    for &df in &index.doc_freq {
        w.u32(df);
    }
    if plan.is_none() {
        for (i, &df) in index.doc_freq.iter().enumerate() {
            // A list of one block has no skips.
            let n = if has_skips(df) { 4 } else { 3 };
            for st in &streams[..n] {
                w.u32(st.at[i + 1] - st.at[i]);
            }
        }
    }
    out.push(("term dictionary (front-coded terms, df, stream lengths)", std::mem::take(&mut w.0)));
}

impl Sections {
    fn read_dict(&mut self, r: &mut Reader<'_>) -> Result<(), CodecError> {
        let ix = &mut self.ix;
        let n_terms = r.count(if self.parted { 3 } else { 6 })?;
        ix.terms.reserve(n_terms);
        r.front_coded(n_terms, "term dictionary prefix", &mut |t| ix.terms.push(t.to_string()))?;
        ix.doc_freq = r.column(n_terms)?;
        let totals = &mut self.totals;
        let p = &mut ix.postings;
        for &df in &ix.doc_freq {
            let n = if self.parted {
                0
            } else if has_skips(df) {
                4
            } else {
                3
            };
            for (k, st) in [&mut p.docs, &mut p.tfs, &mut p.positions, &mut p.skips].into_iter().enumerate() {
                if k < n {
                    totals[k] =
                        totals[k].checked_add(r.u32()?).ok_or(CodecError::Invalid { what: "postings overflow" })?;
                }
                st.at.push(totals[k]);
            }
            // A byte of norm per posting: the run is the df.
            if !self.parted {
                totals[4] = totals[4].checked_add(df).ok_or(CodecError::Invalid { what: "postings overflow" })?;
            }
            p.norms.at.push(totals[4]);
        }
        if ix.terms.windows(2).any(|w| w[0] >= w[1]) {
            return Err(CodecError::Invalid { what: "term dictionary is not sorted" });
        }
        if ix.texts.word_term.iter().any(|&t| t != NO_TERM && t as usize >= n_terms) {
            return Err(CodecError::Invalid { what: "word names a missing term" });
        }
        spell_from_terms(&mut ix.texts, &ix.terms, &std::mem::take(&mut self.same_as_term))?;
        ix.texts.finish();
        Ok(())
    }
}

/// Section 4, the posting lists (parted: their parts' table).
fn write_postings(out: &mut Vec<(&'static str, Vec<u8>)>, index: &Index, plan: Option<&Plan>) {
    let mut w = Writer(Vec::new());
    let p = &index.postings;
    let streams = [&p.docs, &p.tfs, &p.positions, &p.skips, &p.norms];
    if let Some(plan) = plan {
        w.part_table(&plan.postings);
        out.push(("postings: part table", std::mem::take(&mut w.0)));
    } else {
        for (name, st) in [
            "postings: doc ids",
            "postings: tfs",
            "postings: positions (terms in 1–50 % of articles)",
            "postings: block skips",
            "postings: norms (each article's length, a byte per posting)",
        ]
        .into_iter()
        .zip(streams)
        {
            w.bytes(&st.bytes);
            out.push((name, std::mem::take(&mut w.0)));
        }
    }
}

impl Sections {
    fn read_postings(&mut self, r: &mut Reader<'_>) -> Result<(), CodecError> {
        let ix = &mut self.ix;
        if self.parted {
            let parts = Arc::new(r.part_table(PartKind::Postings, ix.terms.len())?);
            let p = &mut ix.postings;
            for (k, st) in
                [&mut p.docs, &mut p.tfs, &mut p.positions, &mut p.skips, &mut p.norms].into_iter().enumerate()
            {
                st.parted = Some((parts.clone(), k));
            }
            return Ok(());
        }
        let p = &mut ix.postings;
        for (k, st) in [&mut p.docs, &mut p.tfs, &mut p.positions, &mut p.skips, &mut p.norms].into_iter().enumerate() {
            st.bytes = r.bytes()?.to_vec();
            if st.bytes.len() != self.totals[k] as usize {
                return Err(CodecError::Invalid { what: "postings length" });
            }
        }
        Ok(())
    }
}

/// Section 5, the stem table (parted: its parts' table and first stems).
fn write_stems(out: &mut Vec<(&'static str, Vec<u8>)>, index: &Index, plan: Option<&Plan>) {
    let mut w = Writer(Vec::new());
    w.keyed(&index.stems, plan.map(|p| &p.stems));
    out.push(("stems", std::mem::take(&mut w.0)));
}

impl Sections {
    fn read_stems(&mut self, r: &mut Reader<'_>) -> Result<(), CodecError> {
        self.ix.stems = r.keyed(self.parted, PartKind::Stems, "stem table")?;
        Ok(())
    }
}

/// Section 6, the last: the facets (parted: the values, their totals, and the
/// part table of the articles' values).
fn write_facets(out: &mut Vec<(&'static str, Vec<u8>)>, index: &Index, plan: Option<&Plan>) {
    let mut w = Writer(Vec::new());
    // Facets in columns: the values' kinds, labels, alias counts and aliases,
    // then per article how many values it has, then those values.
    let values = &index.facets.values;
    w.usize(values.len());
    for v in values {
        w.u32(v.kind.code());
    }
    w.strings(values.iter().map(|v| v.label.as_str()));
    for v in values {
        w.usize(v.aliases.len());
    }
    w.strings(values.iter().flat_map(|v| v.aliases.iter().map(String::as_str)));
    if let Some(plan) = plan {
        for &n in &index.facets.totals {
            w.u32(n);
        }
        w.part_table(&plan.facets);
        out.push(("facets", w.0));
        return;
    }
    for ids in &index.facets.doc_values {
        w.usize(ids.len());
    }
    for id in index.facets.doc_values.iter().flatten() {
        w.u32(*id);
    }
    out.push(("facets", w.0));
}

impl Sections {
    fn read_facets(&mut self, r: &mut Reader<'_>) -> Result<Index, CodecError> {
        let ix = &mut self.ix;
        let n_values = r.count(3)?;
        let kinds = (0..n_values)
            .map(|_| FacetKind::ALL.get(r.usize()?).copied().ok_or(CodecError::Invalid { what: "facet kind" }))
            .collect::<Result<Vec<_>, _>>()?;
        let mut labels = Vec::with_capacity(n_values);
        r.strings(n_values, &mut |l| {
            labels.push(l.to_string());
            Ok(())
        })?;
        let alias_counts = r.column(n_values)?;
        let mut aliases = Vec::new();
        r.strings(alias_counts.iter().fold(0usize, |n, &k| n.saturating_add(k as usize)), &mut |a| {
            aliases.push(a.to_string());
            Ok(())
        })?;
        let mut aliases = aliases.into_iter();
        ix.facets.values = kinds
            .into_iter()
            .zip(labels)
            .zip(alias_counts)
            .map(|((kind, label), k)| FacetValue { kind, label, aliases: aliases.by_ref().take(k as usize).collect() })
            .collect();
        if self.parted {
            ix.facets.totals = r.column(n_values)?;
            let parts = Arc::new(r.part_table(PartKind::Facets, self.n)?);
            ix.facets.parted = Some(Stream { parted: Some((parts, 0)), ..Stream::default() });
            if r.at != r.bytes.len() {
                return Err(CodecError::Invalid { what: "trailing bytes" });
            }
            return Ok(std::mem::replace(ix, empty_index()));
        }
        let counts = r.column(self.n)?;
        let doc_values = &mut ix.facets.doc_values;
        doc_values.reserve(self.n);
        for k in counts {
            let ids = r.column(k as usize)?;
            if ids.iter().any(|&id| id as usize >= n_values) {
                return Err(CodecError::Invalid { what: "facet value id" });
            }
            doc_values.push(ids);
        }
        ix.facets.totals = Facets::count_totals(n_values, &ix.facets.doc_values);
        if r.at != r.bytes.len() {
            return Err(CodecError::Invalid { what: "trailing bytes" });
        }
        Ok(std::mem::replace(ix, empty_index()))
    }
}

/// The whole archive in one file.
pub fn encode(index: &Index) -> Vec<u8> {
    framed(MAGIC, sections(index).into_iter().flat_map(|(_, b)| b).collect())
}

/// The archive as a start file and part files, each `(file name, bytes)`; a
/// part's name is `p-` and the hex checksum of its bytes, so an unchanged part
/// keeps its name from one edition to the next.
pub fn encode_parted(index: &Index) -> (Vec<u8>, Vec<(String, Vec<u8>)>) {
    let (plan, files) = plan(index);
    let start = framed(MAGIC, sections_with(index, Some(&plan)).into_iter().flat_map(|(_, b)| b).collect());
    (start, files)
}

/// The start file of [`encode_parted`] in named sections (for size breakdowns).
pub fn start_sections(index: &Index) -> Vec<(&'static str, Vec<u8>)> {
    sections_with(index, Some(&plan(index).0))
}

/// Whether word `word`'s spelling is its term's text exactly.
fn same_as_term(index: &Index, word: usize) -> bool {
    let t = &index.texts;
    index.terms.get(t.word_term[word] as usize).is_some_and(|term| term == t.spelling(word as u32, None))
}

/// Cuts the bulky streams into parts: the plan the start file lists, and the
/// part files.
fn plan(index: &Index) -> (Plan, Vec<(String, Vec<u8>)>) {
    let p = &index.postings;
    let t = &index.texts;
    // Text parts are cut by the stored words and separators, then carry their
    // articles' rarer words themselves (see `TextStore::localize`).
    let text_cut = cuts(&[&t.words, &t.seps], TEXT_PART_BYTES);
    let (words, own_words) = t.localize(&text_cut, |w| same_as_term(index, w as usize));
    let postings = vec![&p.docs, &p.tfs, &p.positions, &p.skips, &p.norms];
    let stems = vec![&index.stems.keys, &index.stems.values];
    let ids = vec![&index.ids.keys, &index.ids.values];
    let facets = index.facets.stream();
    let kinds: [(PartKind, Vec<&Stream>, Vec<u32>); 5] = [
        (PartKind::Text, vec![&words, &t.seps, &own_words, &index.cards], text_cut),
        (PartKind::Postings, postings.clone(), cuts(&postings, POSTINGS_PART_BYTES)),
        (PartKind::Stems, stems.clone(), cuts(&stems, STEM_PART_BYTES)),
        (PartKind::Facets, vec![&facets], cuts(&[&facets], FACET_PART_BYTES)),
        (PartKind::Ids, ids.clone(), cuts(&ids, ID_PART_BYTES)),
    ];
    let mut files = Vec::new();
    let mut tables = Vec::new();
    for (kind, streams, cut) in kinds {
        let mut written = Vec::new();
        for (number, range) in cut.windows(2).enumerate() {
            let (lo, hi) = (range[0] as usize, range[1] as usize);
            let mut w = Writer(Vec::new());
            w.u32(kind.code());
            w.usize(number);
            w.usize(streams.len());
            w.usize(hi - lo);
            for st in &streams {
                for pair in st.at[lo..=hi].windows(2) {
                    w.u32(pair[1] - pair[0]);
                }
                w.bytes(&st.bytes[st.at[lo] as usize..st.at[hi] as usize]);
            }
            written.push(framed(PART_MAGIC, w.0));
        }
        let groups = group_hashes(&written.iter().map(|f| checksum(f)).collect::<Vec<_>>());
        files.extend(part_names(&groups, written.len()).into_iter().zip(written));
        tables.push((cut, groups));
    }
    let [text, postings, stems, facets, ids] = <[_; 5]>::try_from(tables).expect("five kinds");
    (Plan { text, postings, stems, facets, ids }, files)
}

/// Which items go in which part: a new part starts where the items since the
/// last cut reach `target` bytes over all `streams` (an item is never split).
fn cuts(streams: &[&Stream], target: usize) -> Vec<u32> {
    let items = streams.first().map_or(0, |s| s.len());
    let mut cut = vec![0u32];
    let mut size = 0usize;
    for item in 0..items {
        size += streams.iter().map(|s| (s.at[item + 1] - s.at[item]) as usize).sum::<usize>();
        if size >= target && item + 1 < items {
            cut.push(item as u32 + 1);
            size = 0;
        }
    }
    if items > 0 {
        cut.push(items as u32);
    }
    cut
}

/// Reads a part file: which part it is, and each stream's offsets and bytes
/// for its items (for [`Index::insert_part`]).
pub fn decode_part(file: &[u8]) -> Result<(PartId, Vec<PartStream>), CodecError> {
    let payload = checked_payload(file, PART_MAGIC)?;
    let mut r = Reader { bytes: payload, at: 0 };
    let kind = PartKind::from_code(r.u32()?).ok_or(CodecError::Invalid { what: "part kind" })?;
    let number = r.u32()?;
    let n = r.count(1)?;
    if n != kind.streams() {
        return Err(CodecError::Invalid { what: "part streams" });
    }
    let items = r.count(1)?;
    let mut streams = Vec::with_capacity(n);
    for _ in 0..n {
        let mut at = Vec::with_capacity(items + 1);
        at.push(0u32);
        for _ in 0..items {
            let end = at[at.len() - 1].checked_add(r.u32()?).ok_or(CodecError::Invalid { what: "part offsets" })?;
            at.push(end);
        }
        let bytes = r.bytes()?.to_vec();
        if bytes.len() != at[items] as usize {
            return Err(CodecError::Invalid { what: "part length" });
        }
        streams.push(PartStream { at, bytes });
    }
    if r.at != payload.len() {
        return Err(CodecError::Invalid { what: "trailing bytes" });
    }
    Ok((PartId { kind, number }, streams))
}

/// `magic`, format version, checksum and length of `payload`, then `payload`.
fn framed(magic: &[u8; 8], payload: Vec<u8>) -> Vec<u8> {
    let mut out = Vec::with_capacity(HEADER_LEN + payload.len());
    out.extend_from_slice(magic);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    out.extend_from_slice(&checksum(&payload).to_le_bytes());
    out.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    out.extend_from_slice(&payload);
    out
}

/// The payload of a file written by [`framed`] with `magic`, after checking its
/// header, length and checksum.
fn checked_payload<'a>(bytes: &'a [u8], magic: &[u8; 8]) -> Result<&'a [u8], CodecError> {
    if bytes.len() < HEADER_LEN || &bytes[..8] != magic {
        return Err(CodecError::NotAnIndex);
    }
    let version = u32::from_le_bytes(bytes[8..12].try_into().expect("4 bytes"));
    if version != FORMAT_VERSION {
        return Err(CodecError::Version { found: version, expected: FORMAT_VERSION });
    }
    let checksum = u64::from_le_bytes(bytes[12..20].try_into().expect("8 bytes"));
    let len = u64::from_le_bytes(bytes[20..28].try_into().expect("8 bytes"));
    let payload = &bytes[HEADER_LEN..];
    if payload.len() as u64 != len {
        return Err(CodecError::Truncated { at: bytes.len() });
    }
    if self::checksum(payload) != checksum {
        return Err(CodecError::Checksum);
    }
    Ok(payload)
}

pub fn decode(bytes: &[u8]) -> Result<Index, CodecError> {
    let mut decoder = Decoder::new(bytes)?;
    loop {
        if let Some(index) = decoder.step()? {
            return Ok(index);
        }
    }
}

/// Decodes an index one section at a time, so that a caller can yield between
/// sections (the app does, to keep every task of its start-up short). The header
/// and the checksum are checked by [`Decoder::new`].
pub struct Decoder<B: AsRef<[u8]> = Vec<u8>> {
    /// The whole file (header included) and where the next section starts.
    bytes: B,
    at: usize,
    sections: Sections,
}

/// What [`Decoder`] has read so far.
struct Sections {
    /// The next section to read: 0 the word table, then text streams, article
    /// metadata, dictionary, postings, stems, facets.
    stage: u8,
    ix: Index,
    /// Articles, and each posting stream's total length from the dictionary.
    n: usize,
    totals: [u32; 5],
    /// The parted layout: no posting or text bytes here, part tables instead.
    parted: bool,
    /// Per word, whether its spelling is its term's text (filled in once the
    /// dictionary is read).
    same_as_term: Vec<bool>,
}

/// Fills in the spellings written empty because they are their term's text.
fn spell_from_terms(texts: &mut TextStore, terms: &[String], same: &[bool]) -> Result<(), CodecError> {
    if !same.contains(&true) {
        return Ok(());
    }
    let mut spellings = String::with_capacity(texts.spellings.len() * 2);
    let mut at = Vec::with_capacity(texts.spelling_at.len());
    at.push(0);
    for (w, pair) in texts.spelling_at.windows(2).enumerate() {
        if same.get(w) == Some(&true) {
            let term = texts.word_term[w] as usize;
            spellings.push_str(terms.get(term).ok_or(CodecError::Invalid { what: "word names a missing term" })?);
        } else {
            spellings.push_str(&texts.spellings[pair[0] as usize..pair[1] as usize]);
        }
        at.push(u32::try_from(spellings.len()).map_err(|_| CodecError::Invalid { what: "words too long" })?);
    }
    texts.spellings = spellings;
    texts.spelling_at = at;
    Ok(())
}

impl<B: AsRef<[u8]>> Decoder<B> {
    /// Checks the header and the checksum of `file`, which the decoder keeps (and
    /// drops with itself): a downloaded file is freed once it is decoded.
    pub fn new(file: B) -> Result<Decoder<B>, CodecError> {
        checked_payload(file.as_ref(), MAGIC)?;
        Ok(Decoder {
            bytes: file,
            at: HEADER_LEN,
            sections: Sections {
                stage: 0,
                ix: empty_index(),
                n: 0,
                totals: [0; 5],
                parted: false,
                same_as_term: Vec::new(),
            },
        })
    }

    /// Reads the next section; the index once the last one is read.
    pub fn step(&mut self) -> Result<Option<Index>, CodecError> {
        let mut r = Reader { bytes: &self.bytes.as_ref()[HEADER_LEN..], at: self.at - HEADER_LEN };
        let done = self.sections.read(&mut r);
        self.at = HEADER_LEN + r.at;
        done
    }
}

/// An index with nothing in it, filled section by section.
fn empty_index() -> Index {
    Index {
        docs: Vec::new(),
        texts: TextStore::default(),
        cards: Stream::default(),
        ids: Keyed::default(),
        total_len: 0,
        grouped: 0,
        terms: Vec::new(),
        doc_freq: Vec::new(),
        postings: PostingStore::default(),
        stems: Keyed::default(),
        facets: Facets::default(),
    }
}

impl Sections {
    fn read(&mut self, r: &mut Reader<'_>) -> Result<Option<Index>, CodecError> {
        match self.stage {
            0 => self.read_words(r)?,
            1 => self.read_texts(r)?,
            2 => self.read_meta(r)?,
            3 => self.read_dict(r)?,
            4 => self.read_postings(r)?,
            5 => self.read_stems(r)?,
            _ => return self.read_facets(r).map(Some),
        }
        self.stage += 1;
        Ok(None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{parse, Time};

    fn sample() -> Index {
        let a = parse("a", "Title one\nDec 22 2023\nBody with Türkiye’s 3+3.\nBy Jane Doe").unwrap();
        let mut b = parse("b", "No title here at all, just a sentence. And more.").unwrap();
        b.meta = crate::article::Meta {
            time: Some(Time { hour: 23, minute: 59, second: 7, offset_minutes: Some(-570) }),
            authors: vec!["Ann Lee".into(), "Bo Chen".into()],
            section: Some("Politics".into()),
            tags: vec!["talks".into(), "border".into()],
            url: Some("https://example.com/b".into()),
            language: Some("en".into()),
            source: Some("Example News".into()),
            entities: crate::article::Entities { people: vec!["Ines Albrecht".into()], ..Default::default() },
        };
        let mut c = parse("c", "Third\nAt noon.").unwrap();
        c.meta.time = Some(Time { hour: 12, minute: 0, second: 0, offset_minutes: None });
        Index::build(vec![a, b, c])
    }

    #[test]
    fn declared_time_and_link_round_trip() {
        let back = decode(&encode(&sample())).unwrap();
        let b = back.article(1);
        assert_eq!(b.meta.time.map(|t| t.to_string()).as_deref(), Some("23:59 UTC-09:30"));
        assert_eq!(b.meta.url.as_deref(), Some("https://example.com/b"));
        assert_eq!(back.article(2).meta.time.map(|t| (t.hour, t.offset_minutes)), Some((12, None)));
        assert_eq!(back.article(0).meta, crate::article::Meta::default());
    }

    #[test]
    fn round_trip() {
        let ix = sample();
        assert_eq!(decode(&encode(&ix)).unwrap(), ix);
    }

    /// Enough articles that common words run over several posting blocks.
    fn bigger() -> Index {
        let words = ["peace", "treaty", "Ереван", "talks", "東京", "border", "Türkiye’s", "csto", "x"];
        let articles = (0..300)
            .map(|i| {
                let body: Vec<&str> = (0..(i % 13 + 1)).map(|k| words[(i * 7 + k * k) % words.len()]).collect();
                parse(&format!("d{i}"), &format!("Title {i}\n{}", body.join(" "))).unwrap()
            })
            .collect();
        Index::build(articles)
    }

    #[test]
    fn round_trip_with_multi_block_lists() {
        let ix = bigger();
        assert!(ix.doc_freq.iter().any(|&df| df as usize > 2 * crate::postings::BLOCK), "some list spans three blocks");
        let back = decode(&encode(&ix)).unwrap();
        assert_eq!(back, ix);
        let id = back.term_id("peace").unwrap();
        assert_eq!(back.postings(id).count(), ix.doc_freq[id as usize] as usize);
    }

    #[test]
    fn the_decoder_reads_one_section_a_step() {
        let ix = bigger();
        let bytes = encode(&ix);
        let mut decoder = Decoder::new(&bytes).unwrap();
        let mut steps = 1;
        let back = loop {
            match decoder.step().unwrap() {
                Some(back) => break back,
                None => steps += 1,
            }
        };
        assert_eq!(back, ix);
        assert_eq!(steps, 7, "word table, texts, metadata, dictionary, postings, stems, facets");
        assert!(matches!(Decoder::new(&bytes[..bytes.len() - 1]).err(), Some(CodecError::Truncated { .. })));
    }

    #[test]
    fn stem_ids_past_the_dictionary_are_left_out() {
        let ix = bigger();
        let n = ix.terms.len() as u32;
        let stems: Vec<(String, Vec<u8>)> = (0..ix.stems.len())
            .map(|i| {
                let key = String::from_utf8(ix.stems.keys.get(i).to_vec()).unwrap();
                let base = crate::index::stem_base(&ix.terms, &key);
                let ids = if i == 0 {
                    vec![0, n - 1, n, n + 7]
                } else {
                    crate::keyed::read_ids(ix.stems.values.get(i), base, n)
                };
                (key, crate::keyed::write_ids(&ids, base))
            })
            .collect();
        let first = String::from_utf8(ix.stems.keys.get(0).to_vec()).unwrap();
        let ix = Index { stems: Keyed::from_sorted(stems), ..ix };
        let back = decode(&encode(&ix)).unwrap();
        assert_eq!(back, ix);
        assert_eq!(back.terms_with_stem(&first), [0, n - 1]);
    }

    #[test]
    fn sections_add_up_to_the_payload() {
        let ix = bigger();
        let total: usize = sections(&ix).iter().map(|(_, b)| b.len()).sum();
        assert_eq!(total + HEADER_LEN, encode(&ix).len());
    }

    #[test]
    fn inconsistent_dictionary_and_postings_are_named() {
        let mut ix = bigger();
        ix.terms.swap(0, 1);
        assert_eq!(decode(&encode(&ix)), Err(CodecError::Invalid { what: "term dictionary is not sorted" }));
        let mut ix = bigger();
        ix.postings.tfs.bytes.push(0);
        assert_eq!(decode(&encode(&ix)), Err(CodecError::Invalid { what: "postings length" }));
    }

    #[test]
    fn detects_corruption_version_and_truncation() {
        let bytes = encode(&sample());
        let mut flipped = bytes.clone();
        let last = flipped.len() - 1;
        flipped[last] ^= 1;
        assert_eq!(decode(&flipped), Err(CodecError::Checksum));
        let mut old = bytes.clone();
        old[8..12].copy_from_slice(&99u32.to_le_bytes());
        assert_eq!(decode(&old), Err(CodecError::Version { found: 99, expected: FORMAT_VERSION }));
        assert!(matches!(decode(&bytes[..bytes.len() - 3]), Err(CodecError::Truncated { .. })));
        assert_eq!(decode(b"hello"), Err(CodecError::NotAnIndex));
    }

    /// A payload no writer made, behind a valid checksum (a buggy build), is
    /// refused or read, never a panic of the decoder: every byte of a whole and
    /// of a parted start file set to other values. (What a search then makes of
    /// a forged posting list is not checked: the checksum is the defence.)
    #[test]
    fn a_forged_payload_never_panics_the_decoder() {
        let ix = sample();
        for file in [encode(&ix), encode_parted(&ix).0] {
            let payload = &file[HEADER_LEN..];
            for i in 0..payload.len() {
                for v in [0u8, 1, 0x7f, 0x80, 0xff, payload[i].wrapping_add(1)] {
                    let mut forged = payload.to_vec();
                    forged[i] = v;
                    let _ = decode(&framed(MAGIC, forged));
                }
            }
        }
    }

    /// Small archives too: a count checked against the bytes left must only
    /// count what this layout keeps in the start file (the seeds' 659 stems,
    /// all in parts, once failed the check).
    #[test]
    fn small_archives_decode_in_both_layouts() {
        for n in [1, 2, 5, 40] {
            let articles = (0..n)
                .map(|i| {
                    parse(&format!("d{i}"), &format!("Title {i}\nPeace talks number {i} and unusual words{i}")).unwrap()
                })
                .collect();
            let ix = Index::build(articles);
            assert_eq!(decode(&encode(&ix)).unwrap(), ix, "{n} whole");
            let parted = decode(&encode_parted(&ix).0).unwrap_or_else(|e| panic!("{n} parted: {e}"));
            assert_eq!(parted.len(), n);
        }
    }

    #[test]
    fn every_single_bit_flip_in_the_payload_is_caught() {
        let bytes = encode(&sample());
        for i in HEADER_LEN..bytes.len() {
            for bit in 0..8 {
                let mut flipped = bytes.clone();
                flipped[i] ^= 1 << bit;
                assert_eq!(decode(&flipped), Err(CodecError::Checksum), "byte {i} bit {bit}");
            }
        }
        // Word-wise, yet the tail bytes and the order of words count too.
        let words: Vec<u8> = (0..20u8).collect();
        let swapped: Vec<u8> = [&words[8..16], &words[..8], &words[16..]].concat();
        assert_ne!(checksum(&words), checksum(&swapped));
        assert_ne!(checksum(&words[..19]), checksum(&words));
    }
}
