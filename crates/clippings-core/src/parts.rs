//! Streams whose bytes arrive in parts, for an archive that is fetched by need.
//!
//! The hosted build splits the bulky kinds of [`Stream`] — posting lists
//! (by term range), the articles' stored words (by article range) and the stem
//! table (by stem range, [`crate::keyed`]), the articles' facet values (by
//! article range) — into part files of a few kilobytes each ([`crate::codec::encode_parted`]). The start file
//! keeps every stream's offsets, so any item's bytes are found at once when its
//! part is there. Reading an item whose part is not there yet reads as empty (a
//! list that ends early, an article with no words) and **records a miss**; the
//! app searches, asks [`crate::Index::take_misses`] which parts the answer
//! needed, fetches them together and searches again, and shows nothing computed
//! while a miss was recorded.

use std::fmt;
use std::sync::{Mutex, OnceLock};

/// Which streams a part carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PartKind {
    /// Posting lists (docs, tfs, positions, skips, norms) of a range of terms.
    Postings,
    /// Stored words and separators of a range of articles, and their rarer words.
    Text,
    /// Keys and values of a range of the stem table ([`crate::keyed`]).
    Stems,
    /// The facet values of a range of articles ([`crate::facets::Facets`]),
    /// fetched once the first results are on screen.
    Facets,
    /// Keys and values of a range of the id table (an article's id → its
    /// number), read by a link to an article.
    Ids,
}

impl PartKind {
    /// How many kinds there are (codes run from 0 to one less).
    pub const COUNT: usize = 5;

    pub fn code(self) -> u32 {
        match self {
            PartKind::Postings => 0,
            PartKind::Text => 1,
            PartKind::Stems => 2,
            PartKind::Facets => 3,
            PartKind::Ids => 4,
        }
    }
    pub fn from_code(code: u32) -> Option<PartKind> {
        [PartKind::Postings, PartKind::Text, PartKind::Stems, PartKind::Facets, PartKind::Ids]
            .get(code as usize)
            .copied()
    }
    /// How many streams a part of this kind carries.
    pub fn streams(self) -> usize {
        match self {
            // Docs, tfs, positions, skips, norms.
            PartKind::Postings => 5,
            // Words, separators, the words the part's articles add to its
            // own table (`crate::text::LocalWords`), and the articles' cards
            // (`crate::index::Card`).
            PartKind::Text => 4,
            PartKind::Stems | PartKind::Ids => 2,
            PartKind::Facets => 1,
        }
    }
}

/// One part file: its kind and its number among the parts of that kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartId {
    pub kind: PartKind,
    pub number: u32,
}

/// One stream's share of a part: its items' offsets (from 0) and bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartStream {
    pub at: Vec<u32>,
    pub bytes: Vec<u8>,
}

/// The parts of one kind: where each starts, its file name, and what has arrived.
pub struct Parts {
    pub kind: PartKind,
    /// Part `k` holds items `cut[k]..cut[k + 1]`; starts with 0, ends with the item count.
    pub cut: Vec<u32>,
    /// Part `k`'s file name (relative to the start file's folder).
    pub names: Vec<String>,
    /// Per part, once it has arrived: its offsets and bytes of each stream.
    loaded: Vec<OnceLock<Vec<PartStream>>>,
    /// Parts read while missing, each once, in the order first read.
    misses: Mutex<Missed>,
}

/// Parts read while missing since they were last taken: each once, in the order
/// first read, with a flag per part so that noting one is constant time (a
/// phrase verified in the text of 12,000 articles notes thousands of parts,
/// each read several times, and a search over the list took longer than the
/// search itself).
struct Missed {
    order: Vec<u32>,
    noted: Vec<bool>,
}

impl Missed {
    /// Nothing noted, of `parts` parts.
    fn new(parts: usize) -> Missed {
        Missed { order: Vec::new(), noted: vec![false; parts] }
    }

    /// Notes part `part`, unless it is noted already.
    fn note(&mut self, part: u32) {
        let p = part as usize;
        if !self.noted[p] {
            self.noted[p] = true;
            self.order.push(part);
        }
    }

    /// The parts noted, first read first; none is noted afterwards.
    fn take(&mut self) -> Vec<u32> {
        for &p in &self.order {
            self.noted[p as usize] = false;
        }
        std::mem::take(&mut self.order)
    }
}

impl Parts {
    pub fn new(kind: PartKind, cut: Vec<u32>, names: Vec<String>) -> Parts {
        let loaded = (0..names.len()).map(|_| OnceLock::new()).collect();
        // Every part a read can name: `part_of` answers below `cut.len()`.
        let misses = Mutex::new(Missed::new(cut.len().max(names.len())));
        Parts { kind, cut, names, loaded, misses }
    }

    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// The part holding `item`.
    pub fn part_of(&self, item: usize) -> usize {
        self.cut.partition_point(|&c| c as usize <= item).saturating_sub(1)
    }

    pub fn is_loaded(&self, part: usize) -> bool {
        self.loaded.get(part).is_some_and(|l| l.get().is_some())
    }

    /// How many parts have arrived.
    pub fn loaded_count(&self) -> usize {
        self.loaded.iter().filter(|l| l.get().is_some()).count()
    }

    /// Number of items over all parts.
    pub fn items(&self) -> usize {
        self.cut.last().map_or(0, |&c| c as usize)
    }

    /// Item `item`'s bytes of stream `stream`, or nothing — and a recorded
    /// miss — if its part has not arrived.
    // Out of line: `Stream::get` is inlined into every reader, and this branch
    // need not be (it cost the app shell kilobytes when it was).
    #[inline(never)]
    pub(crate) fn bytes(&self, stream: usize, item: usize) -> &[u8] {
        if item >= self.items() {
            return &[];
        }
        let part = self.part_of(item);
        let local = item - self.cut[part] as usize;
        match self.loaded.get(part).and_then(OnceLock::get) {
            Some(streams) => streams
                .get(stream)
                .and_then(|s| match (s.at.get(local), s.at.get(local + 1)) {
                    (Some(&a), Some(&b)) => s.bytes.get(a as usize..b as usize),
                    _ => None,
                })
                .unwrap_or(&[]),
            None => {
                self.misses.lock().unwrap_or_else(|e| e.into_inner()).note(part as u32);
                &[]
            }
        }
    }

    /// Keeps part `part`'s streams after checking they hold as many items as
    /// the start file's part table gives it, and consistent offsets.
    pub fn insert(&self, part: u32, streams: Vec<PartStream>) -> Result<(), &'static str> {
        let p = part as usize;
        let (Some(&lo), Some(&hi)) = (self.cut.get(p), self.cut.get(p + 1)) else {
            return Err("a part number past the last part");
        };
        if streams.len() != self.kind.streams() {
            return Err("a part with the wrong number of streams");
        }
        for s in &streams {
            let sorted = s.at.windows(2).all(|w| w[0] <= w[1]);
            if s.at.len() != (hi - lo) as usize + 1
                || !sorted
                || s.at.last().map(|&e| e as usize) != Some(s.bytes.len())
            {
                return Err("a part whose items do not match the part table");
            }
        }
        let _ = self.loaded[p].set(streams); // a second copy of a part is the same bytes
        Ok(())
    }

    /// Records every part that has not arrived as missed (to fetch them all).
    pub fn miss_all_absent(&self) {
        let mut misses = self.misses.lock().unwrap_or_else(|e| e.into_inner());
        for (part, loaded) in self.loaded.iter().enumerate() {
            if loaded.get().is_none() {
                misses.note(part as u32);
            }
        }
    }

    /// Whether a part was read while missing since the last [`Parts::take_misses`].
    pub fn has_misses(&self) -> bool {
        !self.misses.lock().unwrap_or_else(|e| e.into_inner()).order.is_empty()
    }

    /// The parts read while missing since the last call.
    pub fn take_misses(&self) -> Vec<PartId> {
        let taken = self.misses.lock().unwrap_or_else(|e| e.into_inner()).take();
        taken.into_iter().map(|number| PartId { kind: self.kind, number }).collect()
    }
}

impl fmt::Debug for Parts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Parts({:?}, {} of {} loaded)", self.kind, self.loaded_count(), self.len())
    }
}

impl Eq for Parts {}

impl PartialEq for Parts {
    fn eq(&self, other: &Parts) -> bool {
        self.kind == other.kind && self.cut == other.cut && self.names == other.names
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missed_parts_come_once_each_in_the_order_first_read() {
        // (parts noted, in order) → what take returns; then the same again,
        // since taking clears the notes.
        let rows: [(&[u32], &[u32]); 5] = [
            (&[], &[]),
            (&[3], &[3]),
            (&[3, 3, 3], &[3]),
            (&[5, 1, 5, 0, 1, 9], &[5, 1, 0, 9]),
            (&[0, 1, 2, 0, 1, 2], &[0, 1, 2]),
        ];
        let mut missed = Missed::new(10);
        for (noted, taken) in rows {
            for round in 0..2 {
                noted.iter().for_each(|&p| missed.note(p));
                assert_eq!(missed.take(), taken, "{noted:?}, round {round}");
                assert!(missed.take().is_empty());
            }
        }
    }

    #[test]
    fn kinds_round_trip_through_their_codes() {
        let kinds: Vec<PartKind> = (0..).map_while(PartKind::from_code).collect();
        assert_eq!(kinds.len(), PartKind::COUNT);
        for (code, kind) in kinds.into_iter().enumerate() {
            assert_eq!(kind.code() as usize, code);
        }
    }
}
