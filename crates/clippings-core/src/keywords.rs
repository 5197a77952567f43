//! Distinctive words: what a set of results talks about that the rest of the
//! archive does not, ranked by log-likelihood (G²) as AntConc's keyword list
//! ranks them, with an effect size beside it.
//!
//! What counts are *articles*, not occurrences (title, byline and body): for a word `w`, `a` of the `R`
//! articles read hold it, and `b` of the `N − R` other articles of the archive
//! (its document frequency less `a`). G² is that of the 2×2 table (read or not,
//! holding `w` or not; [`crate::collocates::g2`], negative when `w` is rarer in
//! the articles read), and the effect size is Hardie's Log Ratio,
//! `log2((a / R) / (b / (N − R)))`, with `b` taken as 0.5 when no other article
//! holds it: 1 means twice as common among the results, 3 eight times.
//!
//! Only words more common among the results than elsewhere are listed, held by
//! at least [`min_articles`] of them; function words and one-letter words are
//! passed over (they make poor words to add to a query). The articles read
//! are the results, or the [`KEY_READ`] best-ranked of them ([`first_read`]):
//! their words are read from the archive's text, which a hosted archive
//! fetches in parts.

use crate::analysis::is_function_word;
use crate::collocates::g2;
use crate::index::Index;
use crate::search::Hit;

/// At most this many results are read (the first, in the list's order).
pub const KEY_READ: usize = 500;
/// At most this many distinctive words are listed.
pub const KEYWORDS: usize = 30;

/// A distinctive word and its counts.
#[derive(Debug, Clone, PartialEq)]
pub struct Keyword {
    pub term: u32,
    /// `a`: the articles read that hold it.
    pub inside: u32,
    /// `b`: the other articles of the archive that hold it.
    pub outside: u32,
    pub g2: f64,
    /// Log Ratio: log2 of how many times more common it is among the articles read.
    pub log_ratio: f64,
}

/// The articles to read of a search's `hits`: all of them, or the
/// [`KEY_READ`] best-ranked (by score, then document number).
pub fn first_read(hits: &[Hit]) -> Vec<u32> {
    if hits.len() <= KEY_READ {
        return hits.iter().map(|h| h.doc).collect();
    }
    let mut ranked: Vec<(u32, u32)> = hits.iter().map(|h| (!h.score.max(0.0).to_bits(), h.doc)).collect();
    crate::sort::sort(&mut ranked);
    ranked.iter().take(KEY_READ).map(|&(_, doc)| doc).collect()
}

/// The fewest articles read that must hold a word: 2, or 1 when fewer than 10 were read.
pub fn min_articles(read: usize) -> u32 {
    if read < 10 {
        1
    } else {
        2
    }
}

/// Each article's distinct words, gathered article by article (a hosted
/// archive's text parts may arrive in between), then ranked once.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct KeyCounts {
    read: usize,
    terms: Vec<u32>,
}

impl KeyCounts {
    /// Adds article `doc`'s distinct title and body words (empty while its text
    /// part has not arrived: a miss is recorded).
    pub fn add(&mut self, index: &Index, doc: u32) {
        let mut terms: Vec<u32> = index.texts.terms(doc).into_iter().map(|t| t >> 2).collect();
        crate::sort::sort(&mut terms);
        terms.dedup();
        self.terms.extend(terms);
        self.read += 1;
    }

    /// How many articles were added.
    pub fn read(&self) -> usize {
        self.read
    }

    /// The distinctive words of the articles added against the rest of `index`,
    /// best first by G² (then in dictionary order); at most [`KEYWORDS`].
    /// Nothing when every article of the archive was read: there is no rest.
    pub fn rank(mut self, index: &Index) -> Vec<Keyword> {
        let (r, n) = (self.read as f64, index.len() as f64);
        if self.read == 0 || self.read >= index.len() {
            return Vec::new();
        }
        crate::sort::sort(&mut self.terms);
        let mut out: Vec<Keyword> = Vec::new();
        for run in self.terms.chunk_by(|a, b| a == b) {
            let (term, inside) = (run[0], run.len() as u32);
            let df = index.doc_freq.get(term as usize).copied().unwrap_or(0).max(inside);
            // Everything in the archive holding it, bylines too: `terms` reads them.
            let text = index.terms.get(term as usize).map_or("", String::as_str);
            let outside = df - inside;
            let (a, b) = (f64::from(inside), f64::from(outside));
            // More common among the articles read than among the others?
            if inside < min_articles(self.read) || a * (n - r) <= b * r || text.chars().nth(1).is_none() {
                continue;
            }
            if is_function_word(text) {
                continue;
            }
            // By `ln`, which G² already brings into the shell, not a second logarithm.
            let log_ratio = ((a / r) / (b.max(0.5) / (n - r))).ln() / std::f64::consts::LN_2;
            out.push(Keyword { term, inside, outside, g2: g2(a, r, f64::from(df), n), log_ratio });
        }
        crate::sort::sort_by(&mut out, |x, y| y.g2.total_cmp(&x.g2).then(x.term.cmp(&y.term)));
        out.truncate(KEYWORDS);
        out
    }
}
