//! Collocates: the words that stand near a query's hits more often than chance
//! would put them there, ranked by log-likelihood (G²) or mutual information (MI),
//! as AntConc's Collocates tool ranks them.
//!
//! What counts. The *node* is each body hit of the query, exactly the hits the
//! concordance lists (a word, or a phrase from its first word to its last). Its
//! *window* is the `window` words on each side of it within the same searchable
//! piece of the article, [`Article::searchable`]: a paragraph, or the part of one
//! outside boilerplate (the title and the byline never count), the hit's own words
//! excluded. Another hit inside a window counts like any word, and
//! the windows of two close hits overlap: a word in both counts twice (AntConc
//! does the same). For a candidate word `w` (a dictionary word: folded, not
//! stemmed):
//!
//! - `O11`: the occurrences of `w` in the windows; `R1`: all words in the windows;
//! - `C1`: `w`'s frequency in the corpus, approximated (see [`Tally::rank`]);
//! - `N`: the words of the corpus, titles and bylines included ([`corpus_size`]).
//!
//! `G² = 2 Σ O ln(O/E)` over the 2×2 table (`E = row total × column total / N`),
//! negative when `O11` is below its expectation; `MI = log2(O11·N / (R1·C1))`.

use crate::analysis::tokenize;
use crate::article::Article;
use crate::highlight::Matcher;
use crate::index::{Field, Index};
use crate::sort::{sort, sort_by};

/// The widest window there is (words on each side).
pub const MAX_WINDOW: usize = 10;

/// What the windows of the hits read so far hold, gathered article by article
/// (in the concordance's slices), then tallied once ([`Windows::tally`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Windows {
    /// Each word near a hit: its term id and its distance from the hit, minus one.
    near: Vec<(u32, u8)>,
    /// Window words at each distance (both sides).
    slots: [u32; MAX_WINDOW],
    /// Every body word of the articles read.
    read: Vec<u32>,
    /// Each article read's distinct body words.
    read_docs: Vec<u32>,
    /// Each hit's words, folded and joined by a space.
    forms: Vec<String>,
}

impl Windows {
    /// Adds the windows of the first `limit` body hits of `article` (in the
    /// reader's order, as the concordance lists them); returns how many it added.
    pub fn add_article(&mut self, index: &Index, article: &Article, matcher: &Matcher, limit: usize) -> usize {
        let mut added = 0;
        let start = self.read.len();
        for piece in article.searchable() {
            let tokens = tokenize(&article.text[piece]);
            let ids: Vec<u32> = tokens.iter().map(|t| index.term_id(&t.term).unwrap_or(u32::MAX)).collect();
            for h in matcher.find_tokens(&tokens, Field::Body).into_iter().take(limit - added) {
                added += 1;
                let words: Vec<&str> = tokens[h.first..=h.last].iter().map(|t| t.term.as_str()).collect();
                self.forms.push(words.join(" "));
                for d in 1..=MAX_WINDOW {
                    let sides = [h.first.checked_sub(d), Some(h.last + d).filter(|&j| j < ids.len())];
                    for j in sides.into_iter().flatten() {
                        self.near.push((ids[j], (d - 1) as u8));
                        self.slots[d - 1] += 1;
                    }
                }
            }
            self.read.extend(&ids);
        }
        let mut distinct = self.read[start..].to_vec();
        sort(&mut distinct);
        distinct.dedup();
        self.read_docs.extend(distinct);
        added
    }

    /// The counts per word, ready to be ranked for any window and minimum.
    pub fn tally(mut self) -> Tally {
        sort(&mut self.near);
        let mut near: Vec<(u32, [u32; MAX_WINDOW])> = Vec::new();
        for &(t, d) in self.near.iter().filter(|(t, _)| *t != u32::MAX) {
            match near.last_mut() {
                Some((last, counts)) if *last == t => counts[d as usize] += 1,
                _ => {
                    let mut counts = [0; MAX_WINDOW];
                    counts[d as usize] = 1;
                    near.push((t, counts));
                }
            }
        }
        sort(&mut self.read);
        sort(&mut self.read_docs);
        let count = |v: &[u32], t: u32| (v.partition_point(|&x| x <= t) - v.partition_point(|&x| x < t)) as u32;
        let read = near.iter().map(|&(t, _)| (count(&self.read, t), count(&self.read_docs, t))).collect();
        // The node: the hits' most frequent form (the first in order on a tie).
        sort(&mut self.forms);
        let mut node = (0, "");
        for run in self.forms.chunk_by(|a, b| a == b) {
            if run.len() > node.0 {
                node = (run.len(), &run[0]);
            }
        }
        Tally { near, read, slots: self.slots, node: node.1.to_string(), hits: self.forms.len() }
    }
}

/// A word near the hits, with its statistics for one window.
#[derive(Debug, Clone, PartialEq)]
pub struct Collocate {
    pub term: u32,
    /// `O11`: its occurrences in the windows.
    pub freq: u32,
    /// `C1`: its frequency in the corpus (see [`Tally::rank`]).
    pub corpus: u64,
    pub g2: f64,
    pub mi: f64,
}

/// The statistic collocates are ranked by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Rank {
    #[default]
    LogLikelihood,
    MutualInformation,
}

/// The windows' counts per word ([`Windows::tally`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tally {
    /// Each word near a hit, by term id: its occurrences at each distance.
    near: Vec<(u32, [u32; MAX_WINDOW])>,
    /// Beside `near`: the word's occurrences in the articles read, and how many of them hold it.
    read: Vec<(u32, u32)>,
    slots: [u32; MAX_WINDOW],
    /// The hits' most frequent form (folded words), for [`proximity_query`].
    pub node: String,
    /// The hits counted.
    pub hits: usize,
}

impl Tally {
    /// `R1`: the words in the windows of `window` words on each side.
    pub fn window_words(&self, window: usize) -> u64 {
        self.slots[..window.clamp(1, MAX_WINDOW)].iter().map(|&s| u64::from(s)).sum()
    }

    /// The words found at least `min_freq` times within `window` words of a hit,
    /// best first by `by` (then by frequency, then in dictionary order).
    ///
    /// `C1`, a word's corpus frequency, is its occurrences in the articles read
    /// (exact) plus one for every other article that holds it (from the
    /// dictionary's document frequency, [`Index::doc_freq`]): exact when the word
    /// stands at most once in each article outside the ones read, lower otherwise
    /// (and never below `O11`). Counting every occurrence in the corpus would mean
    /// reading every article.
    pub fn rank(&self, index: &Index, window: usize, min_freq: u32, by: Rank) -> Vec<Collocate> {
        let window = window.clamp(1, MAX_WINDOW);
        let r1 = self.window_words(window) as f64;
        let n = corpus_size(index) as f64;
        let mut out: Vec<Collocate> = self
            .near
            .iter()
            .zip(&self.read)
            .filter_map(|(&(term, counts), &(occurrences, articles))| {
                let freq: u32 = counts[..window].iter().sum();
                if freq < min_freq.max(1) {
                    return None;
                }
                let df = index.doc_freq.get(term as usize).copied().unwrap_or(0);
                let corpus = (u64::from(occurrences) + u64::from(df.saturating_sub(articles))).max(u64::from(freq));
                let (o11, c1) = (f64::from(freq), corpus as f64);
                Some(Collocate { term, freq, corpus, g2: g2(o11, r1, c1, n), mi: mi(o11, r1, c1, n) })
            })
            .collect();
        let key = |c: &Collocate| if by == Rank::LogLikelihood { c.g2 } else { c.mi };
        sort_by(&mut out, |a, b| key(b).total_cmp(&key(a)).then(b.freq.cmp(&a.freq)).then(a.term.cmp(&b.term)));
        out
    }
}

/// `N`: the words of every article, titles and bylines included (the total the
/// index keeps for BM25; boilerplate is not counted).
pub fn corpus_size(index: &Index) -> u64 {
    index.total_len
}

/// Log-likelihood of the 2×2 table with `o11` co-occurrences, `r1` window words,
/// `c1` corpus occurrences of the word and `n` corpus words; negative when the
/// word is rarer near the node than expected. (`n` is taken as at least
/// `r1 + c1 - o11`, so that no cell is negative: overlapping windows can count
/// more window words than a tiny corpus has.)
pub fn g2(o11: f64, r1: f64, c1: f64, n: f64) -> f64 {
    let n = n.max(r1 + c1 - o11);
    let cells = [(o11, r1, c1), (r1 - o11, r1, n - c1), (c1 - o11, n - r1, c1), (n - r1 - c1 + o11, n - r1, n - c1)];
    let sum: f64 = cells
        .iter()
        .map(|&(o, row, col)| {
            let e = row * col / n;
            if o > 0.0 && e > 0.0 {
                o * (o / e).ln()
            } else {
                0.0
            }
        })
        .sum();
    if o11 * n < r1 * c1 {
        -2.0 * sum
    } else {
        2.0 * sum
    }
}

/// Pointwise mutual information, `log2(o11·n / (r1·c1))` (by `ln`, which G²
/// already brings into the shell, rather than a second logarithm's code).
pub fn mi(o11: f64, r1: f64, c1: f64, n: f64) -> f64 {
    (o11 * n / (r1 * c1)).ln() / std::f64::consts::LN_2
}

/// The query for the articles where `collocate` stands within `window` words of
/// `node` (its words, space-separated): `"node collocate"~S`. A phrase with slop
/// `S` finds its first word anywhere and each later word within `S` positions of
/// its place, so the collocate, wanted right after the node's `k` words, is found
/// from `window + k` words before its place (`window` words before the node) to
/// `window + k` after it, which covers the window on both sides. The node's own
/// words are loosened by as much.
pub fn proximity_query(node: &str, collocate: &str, window: usize) -> String {
    format!("\"{node} {collocate}\"~{}", window + node.split(' ').count())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::parse;
    use crate::{search, Sort};

    fn index(bodies: &[&str]) -> Index {
        let articles = bodies
            .iter()
            .enumerate()
            .map(|(i, b)| parse(&format!("{i:03}"), &format!("Doc {i}\n\n{b}")).unwrap())
            .collect();
        Index::build(articles)
    }

    fn tally(index: &Index, query: &str) -> Tally {
        let results = search(index, query, Sort::Relevance);
        let mut w = Windows::default();
        for h in &results.hits {
            w.add_article(index, &index.article(h.doc), &results.matcher, usize::MAX);
        }
        w.tally()
    }

    #[test]
    fn statistics_match_worked_values() {
        // (O11, R1, C1, N, G², MI), G² by the four-cell formula computed apart.
        let rows = [
            (10.0, 100.0, 50.0, 10_000.0, 43.8137, 4.3219),
            (1.0, 100.0, 100.0, 10_000.0, 0.0, 0.0),
            (2.0, 1_000.0, 40.0, 1_000_000.0, 11.8297, 5.6439),
            (1.0, 200.0, 500.0, 10_000.0, -13.9876, -std::f64::consts::LOG2_10),
        ];
        for (o11, r1, c1, n, want_g2, want_mi) in rows {
            let (got_g2, got_mi) = (g2(o11, r1, c1, n), mi(o11, r1, c1, n));
            assert!((got_g2 - want_g2).abs() < 1e-3, "G² of {o11} {r1} {c1} {n}: {got_g2}");
            assert!((got_mi - want_mi).abs() < 1e-3, "MI of {o11} {r1} {c1} {n}: {got_mi}");
        }
    }

    #[test]
    fn windows_count_the_words_on_each_side_but_not_the_hit() {
        let ix = index(&["alpha beta node gamma delta node epsilon", "beta zeta"]);
        let t = tally(&ix, "node");
        assert_eq!((t.node.as_str(), t.hits), ("node", 2));
        // Window 1: beta, gamma | delta, epsilon. Window 2 adds alpha, delta | gamma.
        assert_eq!((t.window_words(1), t.window_words(2)), (4, 7));
        let freq = |w: usize| -> Vec<(String, u32, u64)> {
            let mut v: Vec<_> = t
                .rank(&ix, w, 1, Rank::LogLikelihood)
                .into_iter()
                .map(|c| (ix.terms[c.term as usize].clone(), c.freq, c.corpus))
                .collect();
            v.sort();
            v
        };
        let s = |x: &str| x.to_string();
        assert_eq!(freq(1), [(s("beta"), 1, 2), (s("delta"), 1, 1), (s("epsilon"), 1, 1), (s("gamma"), 1, 1)]);
        assert_eq!(
            freq(2),
            [(s("alpha"), 1, 1), (s("beta"), 1, 2), (s("delta"), 2, 2), (s("epsilon"), 1, 1), (s("gamma"), 2, 2)]
        );
        // Each hit stands in the other's window of 3: another hit counts like any word.
        assert!(freq(2).iter().all(|(w, _, _)| w != "node"));
        assert!(freq(3).contains(&(s("node"), 2, 2)));
        // The text ends before the window does: 2 + 4 words around the first hit, 5 + 1 around the second.
        assert_eq!(t.window_words(10), 12);
    }

    #[test]
    fn minimum_frequency_and_ranking() {
        let ix = index(&[
            "the prime minister said the minister would go",
            "the minister said nothing",
            "the minister met the press and said so",
            "weather said sunny",
        ]);
        let t = tally(&ix, "minister");
        let words = |min, by| -> Vec<String> {
            t.rank(&ix, 2, min, by).into_iter().map(|c| ix.terms[c.term as usize].clone()).collect()
        };
        let mut common = words(3, Rank::LogLikelihood);
        common.sort();
        assert_eq!(common, ["said", "the"]);
        assert_eq!(words(2, Rank::LogLikelihood).len(), 2);
        let by_mi = t.rank(&ix, 2, 1, Rank::MutualInformation);
        assert!(by_mi.windows(2).all(|p| p[0].mi >= p[1].mi));
        let by_g2 = t.rank(&ix, 2, 1, Rank::LogLikelihood);
        assert!(by_g2.windows(2).all(|p| p[0].g2 >= p[1].g2));
    }

    #[test]
    fn proximity_queries_reach_across_the_window() {
        let rows = [
            ("kopyrkin", "said", 5, "\"kopyrkin said\"~6"),
            ("peace treaty", "signed", 3, "\"peace treaty signed\"~5"),
        ];
        for (node, word, window, want) in rows {
            assert_eq!(proximity_query(node, word, window), want);
        }
        // "said" five words before and five after the hit: both found.
        let ix = index(&["said a b c d kopyrkin", "kopyrkin a b c d said", "said a b c d e kopyrkin"]);
        let found = search(&ix, &proximity_query("kopyrkin", "said", 5), Sort::Relevance);
        let mut docs: Vec<u32> = found.hits.iter().map(|h| h.doc).collect();
        docs.sort();
        assert_eq!(docs, [0, 1]);
    }
}
