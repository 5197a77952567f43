//! Positions of the most common words, computed after start-up instead of shipped.
//!
//! Words in more than half of the articles (`the`, `of`, `in`) hold about a third
//! of all positions, so the index does not store theirs ([`positions_stored`]).
//! Without them a phrase such as `"the government"` would read the words of every
//! article holding `government`. Instead the app walks every article's words once
//! after start-up, in slices ([`CommonBuilder::step`]), and keeps these positions
//! in memory: at 50,000 articles about a tenth of a second of idle time and a few
//! megabytes. Until they are ready phrases fall back to reading the words.
//!
//! Layout: per common word, a stream with per article its positions as delta
//! varints, so a phrase reads one word in one article without decoding others.

use std::sync::OnceLock;

use crate::index::{positions_stored, Index};
use crate::postings::Stream;
use crate::text::WordSets;
use crate::varint;

/// The positions of the common words in every article.
#[derive(Debug, Clone, Default)]
pub struct CommonPositions {
    /// Ids of the common words (terms in more than half of the articles), ascending.
    pub terms: Vec<u32>,
    /// Per common word (in `terms` order): article `d`'s positions are run `d`.
    per_term: Vec<Stream>,
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

/// Builds [`CommonPositions`] a few articles at a time.
pub struct CommonBuilder {
    sets: WordSets,
    out: CommonPositions,
    done: usize,
}

impl CommonBuilder {
    pub fn new(index: &Index) -> CommonBuilder {
        let n = index.len();
        let terms: Vec<u32> = (0..index.terms.len() as u32)
            .filter(|&t| {
                let df = index.doc_freq[t as usize];
                !positions_stored(df, n) && df as usize * 100 > n
            })
            .collect();
        let groups: Vec<&[u32]> = terms.iter().map(std::slice::from_ref).collect();
        let sets = index.word_sets(&groups);
        let per_term = vec![Stream::default(); terms.len()];
        CommonBuilder { sets, out: CommonPositions { terms, per_term }, done: 0 }
    }

    /// Articles done so far.
    pub fn done(&self) -> usize {
        self.done
    }

    /// Walks up to `docs` more articles; true once every article is done.
    pub fn step(&mut self, index: &Index, docs: usize) -> bool {
        let from = self.done();
        let to = (from + docs).min(index.len());
        for doc in from..to {
            for (list, stream) in index.positions(doc as u32, &self.sets).into_iter().zip(&mut self.out.per_term) {
                let mut last = 0;
                for p in list {
                    varint::write(&mut stream.bytes, p - last);
                    last = p;
                }
                stream.close();
            }
        }
        self.done = to;
        self.done >= index.len()
    }

    /// The finished table, when [`CommonBuilder::step`] has covered every article.
    pub fn finish(self, index: &Index) -> Option<CommonPositions> {
        (self.done() >= index.len()).then_some(self.out)
    }
}

/// A slot for derived data inside [`Index`]: set at most once, ignored by
/// equality and cloned along (an index equals another whatever was derived).
#[derive(Debug, Default)]
pub struct Derived<T>(OnceLock<T>);

impl<T> Derived<T> {
    pub fn get(&self) -> Option<&T> {
        self.0.get()
    }
    /// Sets the value unless one is there already.
    pub fn set(&self, value: T) {
        let _ = self.0.set(value);
    }
}

impl<T: Clone> Clone for Derived<T> {
    fn clone(&self) -> Self {
        let slot = OnceLock::new();
        if let Some(v) = self.0.get() {
            let _ = slot.set(v.clone());
        }
        Derived(slot)
    }
}

impl<T> PartialEq for Derived<T> {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::parse;

    #[test]
    fn built_in_any_steps_gives_each_common_words_positions() {
        let texts = ["T\n\nthe cat and the dog", "T\n\nthe end", "T\n\nno such words", "T\n\nand the rest"];
        let articles = texts.iter().enumerate().map(|(i, t)| parse(&format!("d{i}"), t).unwrap()).collect();
        let ix = Index::build(articles);
        let the = ix.term_id("the").unwrap();
        for step in [1, 2, 100] {
            let mut b = CommonBuilder::new(&ix);
            while !b.step(&ix, step) {}
            let c = b.finish(&ix).unwrap();
            // `t` (every title) and `the` are in more than half of four articles.
            assert_eq!(c.terms, [ix.term_id("t").unwrap(), the]);
            for doc in 0..4 {
                let walked = ix.positions(doc, &ix.word_sets(&[&[the]])).remove(0);
                assert_eq!(c.positions(doc, the), Some(walked), "doc {doc}, steps of {step}");
            }
            assert_eq!(c.positions(0, ix.term_id("cat").unwrap()), None, "not a common word");
        }
        let mut b = CommonBuilder::new(&ix);
        b.step(&ix, 3);
        assert!(b.finish(&ix).is_none(), "not every article walked yet");
    }
}
