//! Walks every article for the common words' positions ([`crate::common`]):
//! at once ([`build_now`]), or a few articles at a time ([`CommonBuilder`]), as
//! the app does after start-up.

use crate::common::CommonPositions;
use crate::index::{positions_stored, Index};
use crate::postings::Stream;
use crate::text::WordSets;
use crate::varint;

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

/// Computes the common words' positions at once (the app does it in slices
/// with [`CommonBuilder`] instead).
pub fn build_now(index: &Index) -> CommonPositions {
    let mut b = CommonBuilder::new(index);
    b.step(index, index.len());
    b.finish(index).expect("every article walked")
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
