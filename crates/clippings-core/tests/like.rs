//! `like:` (the reader's *More like this*) against a brute force over the
//! articles' own tokens: which words make an article's query and how much each
//! weighs, and which articles the query finds.

use std::collections::BTreeMap;

use clippings_core::analysis::{is_function_word, tokenize};
use clippings_core::article::Article;
use clippings_core::query::Hint;
use clippings_core::search::{like_words, LIKE_WORDS};
use clippings_core::{search, Index, Ranking, Sort};
use proptest::prelude::*;

mod oracle;

use oracle::{all_terms, article_text, articles};

/// The brute force of [`like_words`]: (word, weight), best first.
fn oracle(docs: &[Article], doc: usize, ranking: &Ranking) -> Vec<(String, f32)> {
    let df = |term: &str| docs.iter().filter(|a| all_terms(a).iter().any(|t| t == term)).count() as f32;
    let n = docs.len() as f32;
    let mut tf: BTreeMap<String, f32> = BTreeMap::new();
    let a = &docs[doc];
    for t in tokenize(&a.title) {
        *tf.entry(t.term).or_default() += ranking.title_boost;
    }
    for piece in a.searchable() {
        for t in tokenize(&a.text[piece]) {
            *tf.entry(t.term).or_default() += 1.0;
        }
    }
    let mut scored: Vec<(String, f32)> = tf
        .into_iter()
        .filter(|(t, _)| df(t) >= 2.0 && t.chars().count() >= 2 && !is_function_word(t))
        .map(|(t, f)| {
            let d = df(&t);
            let idf = (1.0 + (n - d + 0.5) / (d + 0.5)).ln();
            (t, f * idf)
        })
        .collect();
    // Best first; ties in dictionary order (which is term id order).
    scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    scored.truncate(LIKE_WORDS);
    let best = scored.first().map_or(1.0, |w| w.1);
    scored.into_iter().map(|(t, s)| (t, s / best)).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(150))]

    #[test]
    fn like_words_and_their_articles_agree_with_a_brute_force(
        texts in proptest::collection::vec(article_text(40), 1..14),
        pick in 0usize..14,
    ) {
        let docs = articles(&texts);
        let ix = Index::build(docs.clone());
        let doc = pick % docs.len();
        let ranking = Ranking::DEFAULT;
        let got: Vec<(String, f32)> =
            like_words(&ix, doc as u32, &ranking).into_iter().map(|(t, w)| (ix.terms[t as usize].clone(), w)).collect();
        let want = oracle(&docs, doc, &ranking);
        prop_assert_eq!(got.len(), want.len(), "{:?} vs {:?}", got, want);
        for ((g, gw), (w, ww)) in got.iter().zip(&want) {
            prop_assert_eq!(g, w);
            prop_assert!((gw - ww).abs() < 1e-4, "{} weighs {} not {}", g, gw, ww);
        }
        // The query finds every other article holding one of the words, and no other.
        let hits = search(&ix, &format!("like:d{doc}"), Sort::Relevance).hits;
        let mut found: Vec<usize> = hits.iter().map(|h| h.doc as usize).collect();
        found.sort();
        let expected: Vec<usize> = (0..docs.len())
            .filter(|&d| d != doc && all_terms(&docs[d]).iter().any(|t| want.iter().any(|(w, _)| w == t)))
            .collect();
        prop_assert_eq!(found, expected);
        prop_assert!(hits.windows(2).all(|w| w[0].score >= w[1].score));
    }
}

#[test]
fn like_reads_as_a_query_field() {
    let docs = articles(&[
        "Kopyrkin on the treaty\n\nKopyrkin said the peace treaty with the CSTO holds.".to_string(),
        "Treaty talks\n\nThe peace treaty talks went on; Kopyrkin was there.".to_string(),
        "Weather\n\nRain in Yerevan.".to_string(),
        "CSTO summit\n\nThe CSTO met. Kopyrkin spoke of the treaty.".to_string(),
    ]);
    let ix = Index::build(docs);
    let ids = |q: &str| search(&ix, q, Sort::Relevance).hits.iter().map(|h| ix.id(h.doc)).collect::<Vec<_>>();
    // The weather article shares no word that counts; the article itself is left out.
    let like = ids("like:d0");
    assert_eq!(like.len(), 2, "{like:?}");
    assert!(!like.contains(&"d0".to_string()) && !like.contains(&"d2".to_string()));
    // It combines with the rest of the query language.
    assert_eq!(ids("like:d0 -csto"), ["d1"]);
    assert_eq!(ids("like:\"d0\" summit"), ["d3"]);
    // Its words are what the results highlight.
    let r = search(&ix, "like:d0", Sort::Relevance);
    assert!(!r.matcher.is_empty());
    // An id of no article says so.
    let r = search(&ix, "like:nobody", Sort::Relevance);
    assert!(r.hits.is_empty());
    assert_eq!(r.hints, [Hint::NoArticle("nobody".into())]);
}
