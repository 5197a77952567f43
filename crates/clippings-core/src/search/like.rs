//! `like:<id>`, the reader's *More like this*: the articles most like one
//! article, found through the same BM25 as any query.
//!
//! As Lucene's MoreLikeThis does, the article's query is its most distinctive
//! words: its title and body words (the byline left out: an author is a facet,
//! not a subject) scored by how often the article uses them, a title word
//! counting [`Ranking::title_boost`] times, times their BM25 idf in the
//! archive. Function words, one-letter words and words no other article holds
//! cannot find anything like it and are passed over. The best
//! [`LIKE_WORDS`] are searched with OR, each article's BM25 for a word
//! weighted by the word's score relative to the best word's; the article
//! itself is left out.

use super::Scorer;
use crate::analysis::is_function_word;
use crate::index::Index;
use crate::search::Ranking;
use crate::text::{IN_BYLINE, IN_TITLE};

/// At most this many of an article's words make its query (Lucene's default is 25).
pub const LIKE_WORDS: usize = 20;

/// Article `doc`'s most distinctive words as (term id, weight), best first;
/// the weight is the word's score over the best word's, in (0, 1]. Empty
/// while the article's text part has not arrived (a miss is recorded).
pub fn like_words(index: &Index, doc: u32, ranking: &Ranking) -> Vec<(u32, f32)> {
    let scorer = Scorer::new(index, None, ranking);
    let mut terms = index.texts.terms(doc);
    terms.retain(|t| t & 3 != IN_BYLINE);
    crate::sort::sort(&mut terms);
    let mut scored: Vec<(u32, f32)> = Vec::new();
    for run in terms.chunk_by(|a, b| a >> 2 == b >> 2) {
        let term = run[0] >> 2;
        let df = index.doc_freq.get(term as usize).copied().unwrap_or(0);
        let text = index.terms.get(term as usize).map_or("", String::as_str);
        if df < 2 || text.chars().nth(1).is_none() || is_function_word(text) {
            continue;
        }
        let tf: f32 = run.iter().map(|&t| if t & 3 == IN_TITLE { ranking.title_boost } else { 1.0 }).sum();
        scored.push((term, tf * scorer.idf(df)));
    }
    crate::sort::sort_by(&mut scored, |a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    scored.truncate(LIKE_WORDS);
    let best = scored.first().map_or(1.0, |w| w.1);
    scored.iter().map(|&(t, s)| (t, s / best)).collect()
}
