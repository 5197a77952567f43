//! Articles → inverted index: a sorted term dictionary, per-term postings with
//! per-field term frequencies and positions (see [`crate::postings`] for their
//! layout), and a stem table that maps each stem to the exact terms sharing it.
//!
//! Positions within a document: title tokens first, then the byline, then the
//! searchable body, with a gap of one position between fields and paragraphs so
//! that a phrase never spans two of them.

use std::collections::HashMap;
use std::ops::Range;

use crate::analysis::{tokenize, Stemmers};
use crate::article::Article;
use crate::facets::Facets;

/// Where in an article a word stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Title,
    Byline,
    Body,
}

/// Per-document token counts, from which field boundaries in position space follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DocLengths {
    pub title: u32,
    pub byline: u32,
    /// Body tokens (boilerplate excluded); used for BM25 length normalisation.
    pub body: u32,
}

impl DocLengths {
    pub fn byline_base(&self) -> u32 {
        self.title + 1
    }
    pub fn body_base(&self) -> u32 {
        self.title + self.byline + 2
    }
    pub fn field_of(&self, position: u32) -> Field {
        if position < self.title {
            Field::Title
        } else if position < self.body_base() {
            Field::Byline
        } else {
            Field::Body
        }
    }
    pub fn total(&self) -> u32 {
        self.title + self.byline + self.body
    }
}

/// The searchable corpus: articles, their lengths, dictionary, postings and stems.
#[derive(Debug, Clone, PartialEq)]
pub struct Index {
    pub articles: Vec<Article>,
    pub lengths: Vec<DocLengths>,
    /// Sorted, unique folded terms.
    pub terms: Vec<String>,
    pub doc_freq: Vec<u32>,
    /// Term `t`'s posting list is the `t`-th of the store.
    pub postings: PostingStore,
    /// Sorted unique stems and, for each, the ids of the terms that share it.
    pub stems: Vec<String>,
    pub stem_terms: Vec<Vec<u32>>,
    /// Authors, sources, dates and named entities, per article.
    pub facets: Facets,
}

/// While building: document, term frequency per field (title, byline, body), positions.
type BuildPosting = (u32, [u32; 3], Vec<u32>);

pub use crate::postings::{Cursor, Posting, PostingStore};

impl Index {
    pub fn term_id(&self, term: &str) -> Option<u32> {
        self.terms.binary_search_by(|t| t.as_str().cmp(term)).ok().map(|i| i as u32)
    }

    /// A cursor over term `term`'s postings, in document order.
    pub fn postings(&self, term: u32) -> Cursor<'_> {
        self.postings.cursor(term, self.doc_freq[term as usize])
    }

    /// Ids of the terms that start with `prefix`, in dictionary order.
    pub fn prefix_range(&self, prefix: &str) -> Range<u32> {
        let start = self.terms.partition_point(|t| t.as_str() < prefix);
        let len = self.terms[start..].partition_point(|t| t.starts_with(prefix));
        start as u32..(start + len) as u32
    }

    /// Ids of the terms whose stem is `stem`.
    pub fn terms_with_stem(&self, stem: &str) -> &[u32] {
        match self.stems.binary_search_by(|s| s.as_str().cmp(stem)) {
            Ok(i) => &self.stem_terms[i],
            Err(_) => &[],
        }
    }

    pub fn avg_len(&self) -> f32 {
        if self.lengths.is_empty() {
            return 1.0;
        }
        let sum: u64 = self.lengths.iter().map(|l| l.total() as u64).sum();
        (sum as f32 / self.lengths.len() as f32).max(1.0)
    }

    /// Builds the index. Articles keep their order; the document number is the position.
    pub fn build(articles: Vec<Article>) -> Index {
        let facets = Facets::build(&articles);
        let mut by_term: HashMap<String, Vec<BuildPosting>> = HashMap::new();
        let mut lengths = Vec::with_capacity(articles.len());
        for (doc, article) in articles.iter().enumerate() {
            let doc = doc as u32;
            let mut per_doc: HashMap<String, ([u32; 3], Vec<u32>)> = HashMap::new();
            let mut add = |term: String, field: usize, position: u32| {
                let e = per_doc.entry(term).or_default();
                e.0[field] += 1;
                e.1.push(position);
            };
            let title = tokenize(&article.title);
            for t in &title {
                add(t.term.clone(), 0, t.position);
            }
            let byline = article.byline.as_deref().map(tokenize).unwrap_or_default();
            let mut len = DocLengths { title: title.len() as u32, byline: byline.len() as u32, body: 0 };
            for t in byline {
                add(t.term, 1, len.byline_base() + t.position);
            }
            let mut next = len.body_base();
            for piece in article.searchable() {
                let tokens = tokenize(&article.text[piece]);
                len.body += tokens.len() as u32;
                let n = tokens.len() as u32;
                for t in tokens {
                    add(t.term, 2, next + t.position);
                }
                next += n + 1;
            }
            lengths.push(len);
            for (term, (tf, positions)) in per_doc {
                by_term.entry(term).or_default().push((doc, tf, positions));
            }
        }

        let mut terms: Vec<String> = by_term.keys().cloned().collect();
        terms.sort_unstable();
        let mut doc_freq = Vec::with_capacity(terms.len());
        let mut postings = PostingStore::default();
        for term in &terms {
            let mut list = by_term.remove(term).unwrap_or_default();
            list.sort_unstable_by_key(|e| e.0);
            doc_freq.push(list.len() as u32);
            let entries: Vec<_> = list
                .into_iter()
                .map(|(doc, [title_tf, byline_tf, body_tf], mut positions)| {
                    positions.sort_unstable();
                    (Posting { doc, title_tf, byline_tf, body_tf }, positions)
                })
                .collect();
            postings.push(&entries);
        }

        let stemmers = Stemmers::default();
        let mut stem_map: HashMap<String, Vec<u32>> = HashMap::new();
        for (id, term) in terms.iter().enumerate() {
            stem_map.entry(stemmers.stem(term)).or_default().push(id as u32);
        }
        let mut stems: Vec<String> = stem_map.keys().cloned().collect();
        stems.sort_unstable();
        let stem_terms = stems.iter().map(|s| stem_map.remove(s).unwrap_or_default()).collect();

        Index { articles, lengths, terms, doc_freq, postings, stems, stem_terms, facets }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::parse;

    fn index(texts: &[&str]) -> Index {
        let articles = texts.iter().enumerate().map(|(i, t)| parse(&format!("d{i}"), t).unwrap()).collect();
        Index::build(articles)
    }

    #[test]
    fn postings_carry_fields_and_positions() {
        let ix = index(&["Peace talks\nThe peace treaty. Peace now.", "Other news\nNo match here."]);
        let id = ix.term_id("peace").unwrap();
        let mut list = ix.postings(id);
        let p = list.next().unwrap();
        assert_eq!((p.doc, p.title_tf, p.byline_tf, p.body_tf), (0, 1, 0, 2));
        let len = ix.lengths[0];
        let fields: Vec<Field> = list.positions().iter().map(|&q| len.field_of(q)).collect();
        assert_eq!(list.next(), None);
        assert_eq!(fields, [Field::Title, Field::Body, Field::Body]);
        assert_eq!(ix.doc_freq[id as usize], 1);
    }

    #[test]
    fn dictionary_is_sorted_and_prefix_ranges_work() {
        let ix = index(&["Headline here\nkopyrkin kopyr koala apple"]);
        assert!(ix.terms.windows(2).all(|w| w[0] < w[1]));
        let r = ix.prefix_range("kop");
        let found: Vec<&str> = r.map(|i| ix.terms[i as usize].as_str()).collect();
        assert_eq!(found, ["kopyr", "kopyrkin"]);
        assert!(ix.prefix_range("zzz").is_empty());
    }

    #[test]
    fn stems_group_exact_terms() {
        let ix = index(&["Obligations\nHis obligation, their obligations, obliged."]);
        let ids = ix.terms_with_stem("oblig");
        let words: Vec<&str> = ids.iter().map(|&i| ix.terms[i as usize].as_str()).collect();
        assert_eq!(words, ["obligation", "obligations", "obliged"]);
    }
}
