//! What a document's score is made of: BM25 over title + byline + body with title
//! occurrences counted more, and a bonus for query words standing close together.

use super::docset::{union, DocSet};
use crate::common::CommonPositions;
use crate::index::{Field, Index, Posting};
use crate::query::Mode;

/// Only this many top documents are re-ranked by proximity.
pub const PROXIMITY_DEPTH: usize = 100;

/// The constants of ranking. [`Ranking::DEFAULT`] is what the app uses; the
/// relevance benchmark (`cargo xtask relevance`) measures the others.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ranking {
    /// BM25 term-frequency saturation.
    pub k1: f32,
    /// BM25 length normalisation.
    pub b: f32,
    /// A title occurrence counts this many body occurrences.
    pub title_boost: f32,
    /// Each pair of neighbouring query words adds this much divided by their
    /// closest distance in the article (1 for adjacent words); 0 turns it off.
    pub proximity: f32,
    /// A relaxed search multiplies a score by 1 − c + c × (words held / words asked):
    /// a bonus for holding more of the question's words (0: none).
    pub coordination: f32,
    /// A relaxed search drops function words ([`crate::analysis::is_function_word`]) from the question.
    pub function_words: bool,
    /// When the implicit AND of bare words finds fewer articles than this, rank
    /// the articles holding the most of them instead (with [`crate::query::Hint::Relaxed`]):
    /// 1 relaxes only what finds nothing, 0 never; past 1 it applies only to
    /// questions of more than [`FEW_WORDS`] content words.
    pub relax_below: usize,
}

/// Queries of this many content words or fewer relax only when they find nothing:
/// a reporter who types two or three words wants every one of them.
pub const FEW_WORDS: usize = 3;

impl Ranking {
    pub const DEFAULT: Ranking = Ranking {
        k1: 1.5,
        b: 0.5,
        title_boost: 3.0,
        proximity: 0.6,
        coordination: 0.1,
        function_words: true,
        relax_below: 10,
    };
}

impl Default for Ranking {
    fn default() -> Self {
        Ranking::DEFAULT
    }
}

/// BM25 for one search: the index, the ranking's constants, the average length.
pub struct Scorer<'a> {
    pub index: &'a Index,
    /// The common words' positions, when they have been computed.
    pub common: Option<&'a CommonPositions>,
    pub ranking: &'a Ranking,
    avg_len: f32,
}

impl<'a> Scorer<'a> {
    pub fn new(index: &'a Index, common: Option<&'a CommonPositions>, ranking: &'a Ranking) -> Scorer<'a> {
        Scorer { index, common, ranking, avg_len: index.avg_len() }
    }

    pub fn idf(&self, df: u32) -> f32 {
        let n = self.index.len() as f32;
        let df = df as f32;
        (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
    }

    /// BM25 of a word `tf` times in an article of `len` words.
    pub fn bm25(&self, idf: f32, tf: f32, len: u32) -> f32 {
        let Ranking { k1, b, .. } = *self.ranking;
        let len = len as f32;
        idf * tf * (k1 + 1.0) / (tf + k1 * (1.0 - b + b * len / self.avg_len))
    }

    fn tf(&self, p: &Posting, field: Option<Field>) -> f32 {
        match field {
            Some(Field::Title) => p.title_tf as f32,
            Some(Field::Byline) => p.byline_tf as f32,
            Some(Field::Body) => p.body_tf as f32,
            None => p.title_tf as f32 * self.ranking.title_boost + p.byline_tf as f32 + p.body_tf as f32,
        }
    }

    /// BM25 of a query word over the dictionary words it stands for. The forms
    /// of one word (`mode` Stem) count as one term, as a stemmed index would have
    /// them: their frequencies add up before saturation, under one idf. A prefix
    /// or typo-tolerant word scores each distinct word it reaches on its own.
    pub fn score_terms(&self, ids: &[u32], mode: Mode, field: Option<Field>, within: Option<&[u32]>) -> DocSet {
        // Each posting list is in document order: read it straight into a sorted
        // set, then merge the lists of a word's forms.
        let mut acc = DocSet::new();
        let grouped = mode == Mode::Stem && ids.len() > 1;
        // Forms of one word: per document its summed frequency and its length.
        let mut forms: Vec<(u32, f32, u32)> = Vec::new();
        for &id in ids {
            let mut cursor = self.index.postings(id);
            let mut list = Vec::new();
            let mut add = |p: &Posting| {
                let tf = self.tf(p, field);
                if tf > 0.0 {
                    list.push((p.doc, tf, p.doc_len()));
                }
            };
            match within {
                None => cursor.for_each(|p| add(&p)),
                Some(docs) => {
                    for &d in docs {
                        match cursor.advance(d) {
                            Some(p) if p.doc == d => add(&p),
                            Some(_) => {}
                            None => break,
                        }
                    }
                }
            }
            if grouped {
                forms = merge_forms(&forms, &list);
            } else {
                let idf = self.idf(self.index.doc_freq[id as usize]);
                let scored: DocSet = list.iter().map(|&(d, tf, len)| (d, self.bm25(idf, tf, len))).collect();
                acc = if acc.is_empty() { scored } else { union(&acc, &scored) };
            }
        }
        if grouped {
            let idf = self.idf(self.group_df(ids));
            acc = forms.iter().map(|&(d, tf, len)| (d, self.bm25(idf, tf, len))).collect();
        }
        acc
    }

    /// About how many documents hold any of `ids`: exact for one word; for
    /// several, as if they occurred independently (a little high for forms of
    /// one word, which travel together), so it never depends on `within`.
    fn group_df(&self, ids: &[u32]) -> u32 {
        let n = self.index.len() as f64;
        let none: f64 = ids.iter().map(|&id| 1.0 - self.index.doc_freq[id as usize] as f64 / n).product();
        let max = ids.iter().map(|&id| self.index.doc_freq[id as usize]).max().unwrap_or(0);
        ((n * (1.0 - none) + 0.5) as u32).max(max)
    }
}

/// The documents of either list of (document, frequency, length), sorted by
/// document; frequencies add up where both have one (the length is the same).
fn merge_forms(a: &[(u32, f32, u32)], b: &[(u32, f32, u32)]) -> Vec<(u32, f32, u32)> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => {
                out.push(a[i]);
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                out.push(b[j]);
                j += 1;
            }
            std::cmp::Ordering::Equal => {
                out.push((a[i].0, a[i].1 + b[j].1, a[i].2));
                i += 1;
                j += 1;
            }
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}

/// Adds the proximity bonus to the scores of `hits` (document, score):
/// neighbouring query words that stand close together in an article lift it.
/// Positions come from each hit's words.
pub fn proximity_rerank<'h>(
    index: &Index,
    groups: &[Vec<u32>],
    weight: f32,
    hits: impl Iterator<Item = (u32, &'h mut f32)>,
) {
    let sets = index.word_sets(&groups.iter().map(Vec::as_slice).collect::<Vec<_>>());
    for (doc, score) in hits {
        // positions[g]: sorted positions of group g's words in this article.
        let positions = index.positions(doc, &sets);
        for pair in positions.windows(2) {
            if let Some(d) = closest(&pair[0], &pair[1]) {
                *score += weight / d.max(1) as f32;
            }
        }
    }
}

/// The smallest distance between a value of `a` and a value of `b` (both sorted).
fn closest(a: &[u32], b: &[u32]) -> Option<u32> {
    let (mut i, mut j, mut best) = (0, 0, None::<u32>);
    while i < a.len() && j < b.len() {
        let d = a[i].abs_diff(b[j]);
        best = Some(best.map_or(d, |x| x.min(d)));
        if a[i] < b[j] {
            i += 1;
        } else {
            j += 1;
        }
    }
    best
}
