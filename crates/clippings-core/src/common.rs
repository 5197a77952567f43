//! Positions of the most common words, computed after start-up instead of shipped.
//!
//! Words in more than half of the articles (`the`, `of`, `in`) hold about a third
//! of all positions, so the index does not store theirs ([`crate::index::positions_stored`]).
//! Without them a phrase such as `"the government"` would read the words of every
//! article holding `government`. Instead the app walks every article's words once
//! after start-up, in slices ([`crate::common_walk::CommonBuilder::step`]), and keeps these positions
//! in memory: at 50,000 articles about a tenth of a second of idle time and a few
//! megabytes. Until they are ready phrases fall back to reading the words.
//!
//! Layout: per common word, a stream with per article its positions as delta
//! varints, so a phrase reads one word in one article without decoding others.

use crate::postings::Stream;
use crate::varint;

/// The positions of the common words in every article.
#[derive(Debug, Clone, Default)]
pub struct CommonPositions {
    /// Ids of the common words (terms in more than half of the articles), ascending.
    pub terms: Vec<u32>,
    /// Per common word (in `terms` order): article `d`'s positions are run `d`.
    pub(crate) per_term: Vec<Stream>,
}

impl CommonPositions {
    /// Sorted positions of common term `term` in `doc`; `None` if `term` is not one.
    pub fn positions(&self, doc: u32, term: u32) -> Option<Vec<u32>> {
        let k = self.terms.binary_search(&term).ok()?;
        let mut c = varint::Cursor::new(self.per_term[k].get(doc as usize), 0);
        let mut out = Vec::new();
        let mut last = 0u32;
        while let Some(d) = c.next() {
            last = last.saturating_add(d);
            out.push(last);
        }
        Some(out)
    }

    /// Bytes held.
    pub fn heap_bytes(&self) -> usize {
        self.per_term.iter().map(|s| s.bytes.len() + s.at.len() * 4).sum::<usize>() + self.terms.len() * 4
    }
}
