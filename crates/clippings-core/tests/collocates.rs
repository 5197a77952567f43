//! Collocates against a brute force: windows counted straight from each
//! article's word list, the 2×2 table's cells and their expectations written out
//! one by one, and the proximity query checked to find every article where a
//! collocate stands in a hit's window.

use std::collections::BTreeMap;

use clippings_core::article::parse;
use clippings_core::collocates::{proximity_query, Rank, Windows};
use clippings_core::{search, Index, Sort};
use proptest::prelude::*;

const VOCAB: [&str; 6] = ["alpha", "beta", "gamma", "delta", "node", "omega"];

/// The four cells as observed and expected, summed as G² is defined.
fn brute_g2(o11: f64, r1: f64, c1: f64, n: f64) -> f64 {
    let n = n.max(r1 + c1 - o11);
    let (o12, o21) = (r1 - o11, c1 - o11);
    let o22 = n - o11 - o12 - o21;
    let (r2, c2) = (n - r1, n - c1);
    let term = |o: f64, e: f64| if o > 0.0 { o * (o / e).ln() } else { 0.0 };
    let g = 2.0 * (term(o11, r1 * c1 / n) + term(o12, r1 * c2 / n) + term(o21, r2 * c1 / n) + term(o22, r2 * c2 / n));
    if o11 < r1 * c1 / n {
        -g
    } else {
        g
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn statistics_agree_with_counting_windows_by_hand(
        bodies in prop::collection::vec(prop::collection::vec(0..VOCAB.len(), 1..30), 1..8),
        window in 1usize..=5,
        min_freq in 1u32..3,
        phrase in any::<bool>(),
    ) {
        let words: Vec<Vec<&str>> = bodies.iter().map(|b| b.iter().map(|&i| VOCAB[i]).collect()).collect();
        let articles = words
            .iter()
            .enumerate()
            .map(|(i, w)| parse(&format!("{i:03}"), &format!("Doc {i}\n\n{}", w.join(" "))).unwrap())
            .collect();
        let index = Index::build(articles);
        let node: &[&str] = if phrase { &["node", "alpha"] } else { &["node"] };
        let query = if phrase { "\"node alpha\"" } else { "node" };

        // By hand: hits, windows, corpus frequencies.
        let hits_in = |w: &[&str]| -> Vec<(usize, usize)> {
            (0..w.len()).filter(|&i| w[i..].starts_with(node)).map(|i| (i, i + node.len() - 1)).collect()
        };
        let read: Vec<usize> = (0..words.len()).filter(|&d| !hits_in(&words[d]).is_empty()).collect();
        let (mut o11, mut r1) = (BTreeMap::<&str, u32>::new(), 0u64);
        let mut near_in: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
        for &d in &read {
            let w = &words[d];
            for (first, last) in hits_in(w) {
                let left = first.saturating_sub(window)..first;
                let right = last + 1..(last + 1 + window).min(w.len());
                for j in left.chain(right) {
                    *o11.entry(w[j]).or_default() += 1;
                    near_in.entry(w[j]).or_default().push(d as u32);
                    r1 += 1;
                }
            }
        }
        // Every word of the corpus: bodies, and each title ("Doc 3": two words).
        let n: usize = words.iter().map(|w| w.len() + 2).sum();
        let c1 = |x: &str| -> u64 {
            let inside: usize = read.iter().map(|&d| words[d].iter().filter(|&&y| y == x).count()).sum();
            let outside = (0..words.len()).filter(|d| !read.contains(d) && words[*d].contains(&x)).count();
            (inside + outside) as u64
        };

        // The module, fed as the concordance feeds it.
        let results = search(&index, query, Sort::Relevance);
        let mut docs: Vec<usize> = results.hits.iter().map(|h| h.doc as usize).collect();
        docs.sort();
        prop_assert_eq!(&docs, &read);
        let mut windows = Windows::default();
        for h in &results.hits {
            windows.add_article(&index, &index.article(h.doc), &results.matcher, usize::MAX);
        }
        let tally = windows.tally();
        prop_assert_eq!(tally.window_words(window), r1);
        if !read.is_empty() {
            prop_assert_eq!(tally.node.as_str(), node.join(" "));
        }
        for by in [Rank::LogLikelihood, Rank::MutualInformation] {
            let got = tally.rank(&index, window, min_freq, by);
            let want: Vec<&str> = o11.iter().filter(|(_, &f)| f >= min_freq).map(|(w, _)| *w).collect();
            let mut names: Vec<&str> = got.iter().map(|c| index.terms[c.term as usize].as_str()).collect();
            names.sort();
            prop_assert_eq!(names, want);
            for c in &got {
                let word = index.terms[c.term as usize].as_str();
                let f = o11[word];
                let corpus = c1(word).max(u64::from(f));
                prop_assert_eq!((c.freq, c.corpus), (f, corpus), "{}", word);
                let (o, r, k, n) = (f64::from(f), r1 as f64, corpus as f64, n as f64);
                prop_assert!(close(c.g2, brute_g2(o, r, k, n)), "G² of {}: {} vs {}", word, c.g2, brute_g2(o, r, k, n));
                let want_mi = (o * n / (r * k)).log2();
                prop_assert!(close(c.mi, want_mi), "MI of {}: {} vs {}", word, c.mi, want_mi);
            }
            let key = |c: &clippings_core::collocates::Collocate| if by == Rank::LogLikelihood { c.g2 } else { c.mi };
            prop_assert!(got.windows(2).all(|p| key(&p[0]) >= key(&p[1])));
        }

        // A click's query finds every article where the word stood in a window.
        for (word, in_docs) in &near_in {
            let found: Vec<u32> = search(&index, &proximity_query(&tally.node, word, window), Sort::Relevance)
                .hits
                .iter()
                .map(|h| h.doc)
                .collect();
            for d in in_docs {
                prop_assert!(found.contains(d), "{} near {} in article {}", word, tally.node, d);
            }
        }
    }
}
