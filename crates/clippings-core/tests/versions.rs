//! Versions against brute force: MinHash grouping against the exact Jaccard
//! similarity of every pair, the marked differences against the words'
//! three-word sequences, and what a search does with versions (folding them in
//! the list, leaving them out of `like:`).

use std::collections::HashSet;
use std::path::Path;

use clippings_core::analysis::tokenize;
use clippings_core::article::{parse, Article};
use clippings_core::search::{fold_versions, FOLDED};
use clippings_core::versions::{self, SHINGLE};
use clippings_core::{corpus, search_page, Index, Sort};
use proptest::prelude::*;

/// Words of a searchable body, in order, with their byte spans.
fn body(a: &Article) -> Vec<(String, std::ops::Range<usize>)> {
    let mut out = Vec::new();
    for piece in a.searchable() {
        for t in tokenize(&a.text[piece.clone()]) {
            out.push((t.term, t.span.start + piece.start..t.span.end + piece.start));
        }
    }
    out
}

fn shingles(words: &[String]) -> HashSet<Vec<String>> {
    words.windows(SHINGLE).map(<[String]>::to_vec).collect()
}

fn jaccard(a: &[String], b: &[String]) -> f64 {
    let (a, b) = (shingles(a), shingles(b));
    let union = a.union(&b).count();
    if union == 0 {
        0.0
    } else {
        a.intersection(&b).count() as f64 / union as f64
    }
}

/// The groups (ascending, two or more) of the graph whose edges join articles of
/// at least `min` similarity.
fn components(words: &[Vec<String>], min: f64) -> Vec<Vec<u32>> {
    let n = words.len();
    let mut group: Vec<usize> = (0..n).collect();
    for i in 0..n {
        for j in 0..i {
            // As many three-word sequences as the signature needs (repeated or not).
            let long = |w: &[String]| w.len() + 1 >= SHINGLE + versions::MIN_SHINGLES;
            if long(&words[i]) && long(&words[j]) && jaccard(&words[i], &words[j]) >= min {
                let (from, to) = (group[i].max(group[j]), group[i].min(group[j]));
                group.iter_mut().filter(|g| **g == from).for_each(|g| *g = to);
            }
        }
    }
    let mut out: Vec<Vec<u32>> = (0..n)
        .map(|g| (0..n).filter(|&d| group[d] == g).map(|d| d as u32).collect::<Vec<u32>>())
        .filter(|g| g.len() > 1)
        .collect();
    out.sort();
    out
}

/// The index's groups, read back from the articles' cards.
fn found(ix: &Index) -> Vec<Vec<u32>> {
    let mut out: Vec<Vec<u32>> = (0..ix.len() as u32).map(|d| ix.versions(d)).filter(|g| !g.is_empty()).collect();
    out.sort();
    out.dedup();
    out
}

/// A story of `len` words from a vocabulary of 400, and copies of it changed at
/// random: per copy, the share of words replaced, a cut or an added tail.
fn corpus() -> impl Strategy<Value = Vec<String>> {
    let story = proptest::collection::vec(0u32..400, 4..60);
    let copy = (0.0f64..0.6, 0usize..3, proptest::collection::vec(0u32..400, 0..20), any::<u64>());
    proptest::collection::vec((story, proptest::collection::vec(copy, 0..4)), 1..4).prop_map(|stories| {
        let mut texts = Vec::new();
        for (story, copies) in stories {
            let words: Vec<String> = story.iter().map(|w| format!("w{w}")).collect();
            texts.push(words.clone());
            for (replaced, how, tail, seed) in copies {
                let mut rng = seed;
                let mut next = || {
                    rng = rng.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    (rng >> 33) as f64 / (1u64 << 31) as f64
                };
                let mut c: Vec<String> = words
                    .iter()
                    .map(|w| if next() < replaced { format!("x{}", (next() * 400.0) as u32) } else { w.clone() })
                    .collect();
                match how {
                    1 => c.truncate(c.len() * 2 / 3),
                    2 => c.extend(tail.iter().map(|w| format!("w{w}"))),
                    _ => {}
                }
                texts.push(c);
            }
        }
        texts.into_iter().enumerate().map(|(i, w)| format!("Story {i}\n\n{}", w.join(" "))).collect()
    })
}

fn articles(texts: &[String]) -> Vec<Article> {
    texts.iter().enumerate().map(|(i, t)| parse(&format!("d{i}"), t).unwrap()).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Every pair at least 0.75 alike (exact Jaccard) is grouped, and every group
    /// is held together by pairs at least 0.15 alike: the signature's estimate
    /// (126 values) is off by more than 0.25 with a chance below one in a million.
    #[test]
    fn minhash_groups_lie_between_two_exact_jaccard_graphs(texts in corpus()) {
        let docs = articles(&texts);
        let words: Vec<Vec<String>> = docs.iter().map(|a| body(a).into_iter().map(|w| w.0).collect()).collect();
        let ix = Index::build(docs.clone());
        let groups = found(&ix);
        for strict in components(&words, 0.75) {
            prop_assert!(groups.iter().any(|g| strict.iter().all(|d| g.contains(d))), "{strict:?} split in {groups:?}");
        }
        let loose = components(&words, 0.15);
        for g in &groups {
            prop_assert!(loose.iter().any(|l| g.iter().all(|d| l.contains(d))), "{g:?} not within {loose:?}");
        }
        prop_assert_eq!(ix.grouped as usize, groups.iter().map(Vec::len).sum::<usize>());

        // What differs: the words no three-word sequence of the other covers.
        for (doc, a) in docs.iter().enumerate() {
            let Some(v) = ix.card(doc as u32).and_then(|c| c.versions) else { continue };
            let group = ix.versions(doc as u32);
            prop_assert!(group.contains(&v.lead) && group.contains(&v.compared) && v.compared != doc as u32);
            let lead_date_first = group.iter().all(|&d| (docs[d as usize].date.is_none(), docs[d as usize].date, d) >= (docs[v.lead as usize].date.is_none(), docs[v.lead as usize].date, v.lead));
            prop_assert!(lead_date_first);
            let mine = body(a);
            let theirs = shingles(&words[v.compared as usize]);
            let terms: Vec<String> = mine.iter().map(|w| w.0.clone()).collect();
            let covered = |i: usize| {
                (i.saturating_sub(SHINGLE - 1)..=i).any(|s| s + SHINGLE <= terms.len() && theirs.contains(&terms[s..s + SHINGLE]))
            };
            let mut want: Vec<std::ops::Range<u32>> = Vec::new();
            let mut last = false;
            for (i, (_, span)) in mine.iter().enumerate() {
                let c = !covered(i);
                if c {
                    match want.last_mut() {
                        Some(r) if last => r.end = span.end as u32,
                        _ => want.push(span.start as u32..span.end as u32),
                    }
                }
                last = c;
            }
            prop_assert_eq!(&v.changed, &want, "doc {} against {}", doc, v.compared);
        }

        // A search folds each group's later hits into its first, and `like:`
        // leaves an article's versions out.
        for q in ["w1 OR w2 OR w3 OR w4 OR w5 OR w6 OR w7 OR w8 OR x1 OR x2", "story"] {
            let r = search_page(&ix, q, Sort::Relevance, 5, None);
            let shown = r.hits.len().min(5);
            let folded = fold_versions(&ix, &r.hits, 5);
            if groups.is_empty() {
                prop_assert!(folded.is_empty());
                continue;
            }
            prop_assert_eq!(folded.len(), shown);
            let docs: Vec<u32> = r.hits.iter().take(shown).map(|h| h.doc).collect();
            for (i, (&doc, &got)) in docs.iter().zip(&folded).enumerate() {
                let group = ix.versions(doc);
                let before = docs[..i].iter().any(|d| group.contains(d));
                let later = docs[i + 1..].iter().filter(|d| group.contains(d)).count() as u32;
                let want = if before { FOLDED } else { later };
                prop_assert_eq!(got, want, "hit {}", i);
            }
        }
        for doc in 0..docs.len() as u32 {
            let r = search_page(&ix, &format!("like:d{doc}"), Sort::Relevance, usize::MAX, None);
            let group = ix.versions(doc);
            prop_assert!(r.hits.iter().all(|h| h.doc != doc && !group.contains(&h.doc)));
        }
    }
}

#[test]
fn the_test_corpus_groups_the_reprint_and_the_brief_with_the_story_and_not_the_analysis() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpora/browser/versions");
    let ix = Index::build(corpus::load(&dir).expect("corpus loads").articles);
    let ids = |docs: Vec<u32>| docs.into_iter().map(|d| ix.id(d)).collect::<Vec<String>>();
    let groups: Vec<Vec<String>> = found(&ix).into_iter().map(ids).collect();
    assert_eq!(groups, vec![vec!["grain_terminal", "grain_terminal_brief", "grain_terminal_reprint"]]);
    let reprint = ix.find("grain_terminal_reprint").unwrap();
    let card = ix.card(reprint).unwrap().versions.unwrap();
    assert_eq!(ix.id(card.lead), "grain_terminal");
    let text = ix.article(reprint).text;
    let changed: Vec<&str> = card.changed.iter().map(|r| &text[r.start as usize..r.end as usize]).collect();
    assert_eq!(
        changed,
        [
            "March",
            "Shipping agents welcomed the opening but warned that the road to the port still needs repairs before the \
             lorries of the autumn harvest arrive",
        ]
    );
}
