//! Distinctive words against a brute force over the articles' own tokens: which
//! words, their counts, G² and Log Ratio, in which order.

use std::collections::BTreeSet;

use clippings_core::analysis::is_function_word;
use clippings_core::article::Article;
use clippings_core::keywords::{min_articles, KeyCounts, KEYWORDS};
use clippings_core::Index;
use proptest::prelude::*;

mod oracle;

use oracle::{article_text, articles};

/// Every term an article holds, once.
fn all_terms(a: &Article) -> BTreeSet<String> {
    oracle::all_terms(a).into_iter().collect()
}

/// G² of the 2×2 table, written out cell by cell.
fn g2(a: f64, b: f64, r: f64, n: f64) -> f64 {
    let cells = [(a, r, a + b), (r - a, r, n - a - b), (b, n - r, a + b), (n - r - b, n - r, n - a - b)];
    2.0 * cells.iter().map(|&(o, row, col)| if o > 0.0 { o * (o / (row * col / n)).ln() } else { 0.0 }).sum::<f64>()
}

/// (word, inside, outside, G², Log Ratio) of the articles `read`, best first.
fn oracle(docs: &[Article], read: &[usize]) -> Vec<(String, u32, u32, f64, f64)> {
    let sets: Vec<BTreeSet<String>> = docs.iter().map(all_terms).collect();
    let (r, n) = (read.len() as f64, docs.len() as f64);
    if read.len() >= docs.len() {
        return Vec::new();
    }
    let words: BTreeSet<&String> = read.iter().flat_map(|&d| sets[d].iter()).collect();
    let mut out = Vec::new();
    for w in words {
        let inside = read.iter().filter(|&&d| sets[d].contains(w)).count() as u32;
        let outside = (0..docs.len()).filter(|d| !read.contains(d) && sets[*d].contains(w)).count() as u32;
        let (a, b) = (f64::from(inside), f64::from(outside));
        if inside < min_articles(read.len()) || a / r <= b / (n - r) || w.chars().count() < 2 || is_function_word(w) {
            continue;
        }
        let ratio = ((a / r) / (b.max(0.5) / (n - r))).log2();
        out.push((w.clone(), inside, outside, g2(a, b, r, n), ratio));
    }
    out.sort_by(|x, y| y.3.total_cmp(&x.3).then(x.0.cmp(&y.0)));
    out.truncate(KEYWORDS);
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(150))]

    #[test]
    fn distinctive_words_agree_with_a_brute_force(
        texts in proptest::collection::vec(article_text(30), 1..24),
        picks in proptest::collection::vec(0usize..24, 1..24),
    ) {
        let docs = articles(&texts);
        let ix = Index::build(docs.clone());
        let mut read: Vec<usize> = Vec::new();
        for p in picks.into_iter().map(|p| p % docs.len()) {
            if !read.contains(&p) {
                read.push(p);
            }
        }
        let mut counts = KeyCounts::default();
        for &d in &read {
            counts.add(&ix, d as u32);
        }
        prop_assert_eq!(counts.read(), read.len());
        let got = counts.rank(&ix);
        let want = oracle(&docs, &read);
        prop_assert_eq!(got.len(), want.len(), "{:?} vs {:?}", got, want);
        for (g, (w, inside, outside, g2, ratio)) in got.iter().zip(&want) {
            prop_assert_eq!(&ix.terms[g.term as usize], w);
            prop_assert_eq!((g.inside, g.outside), (*inside, *outside), "{}", w);
            prop_assert!((g.g2 - g2).abs() < 1e-6 * g2.abs().max(1.0), "{}: G² {} not {}", w, g.g2, g2);
            prop_assert!((g.log_ratio - ratio).abs() < 1e-9, "{}: Log Ratio {} not {}", w, g.log_ratio, ratio);
        }
    }
}

#[test]
fn what_sets_the_results_apart_comes_first() {
    let mut texts: Vec<String> =
        (0..40).map(|i| format!("Weather {i}\n\nRain fell on the city, and the wind.")).collect();
    for i in 0..5 {
        texts.push(format!("Talks {i}\n\nThe CSTO peacekeepers and the treaty; rain too."));
    }
    let ix = Index::build(articles(&texts));
    let mut counts = KeyCounts::default();
    for d in 40..45 {
        counts.add(&ix, d);
    }
    let words: Vec<&str> = counts.rank(&ix).iter().map(|k| ix.terms[k.term as usize].as_str()).collect();
    // Words only the five hold, not `rain` (everywhere) nor `the` (a function word).
    let mut top = words[..4].to_vec();
    top.sort();
    assert_eq!(top, ["csto", "peacekeepers", "talks", "treaty"], "{words:?}");
    assert!(!words.contains(&"rain") && !words.contains(&"the"), "{words:?}");
    // Reading the whole archive leaves nothing to compare with.
    let mut all = KeyCounts::default();
    (0..45).for_each(|d| all.add(&ix, d));
    assert!(all.rank(&ix).is_empty());
}

#[test]
fn the_best_ranked_results_are_read_first() {
    use clippings_core::keywords::{first_read, KEY_READ};
    use clippings_core::Hit;
    let few: Vec<Hit> = [(3, 0.5), (1, 2.0)].iter().map(|&(doc, score)| Hit { doc, score }).collect();
    assert_eq!(first_read(&few), [3, 1], "all of them, as they come");
    let many: Vec<Hit> = (0..KEY_READ as u32 + 10).map(|d| Hit { doc: d, score: (d % 7) as f32 }).collect();
    let read = first_read(&many);
    assert_eq!(read.len(), KEY_READ);
    // Scores 6 first (documents 6, 13, …), then 5, …; ties by document number.
    assert_eq!(&read[..3], [6, 13, 20]);
    let lowest = many.iter().filter(|h| read.contains(&h.doc)).map(|h| h.score).fold(f32::MAX, f32::min);
    assert!(many.iter().filter(|h| !read.contains(&h.doc)).all(|h| h.score <= lowest));
}
