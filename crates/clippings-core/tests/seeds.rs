//! Relevance table on the seed corpus: each query and the articles it must find,
//! written by reading the articles.

use std::path::Path;

use clippings_core::query::Hint;
use clippings_core::{corpus, search, Index, Sort};

fn seeds() -> Index {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../seeds");
    Index::build(corpus::load(&dir).expect("seeds load").articles)
}

/// Article numbers (the first three characters of the id) a query finds, sorted.
fn found(ix: &Index, q: &str) -> Vec<String> {
    let mut ids: Vec<String> =
        search(ix, q, Sort::Relevance).hits.iter().map(|h| ix.articles[h.doc as usize].id[..3].to_string()).collect();
    ids.sort();
    ids
}

#[test]
fn relevance_table() {
    let ix = seeds();
    let rows: &[(&str, &[&str])] = &[
        ("", &["000", "001", "002", "003", "004"]),
        ("kopyrkin", &["000", "001", "004"]),
        ("KOPYRKIN", &["000", "001", "004"]),
        ("\"peace treaty\"", &["001", "002"]),
        ("peace -treaty", &[]),
        ("lavrov", &["002"]),
        ("pashinyan", &["001", "002", "003"]),
        ("csto", &["000", "001", "002", "004"]),
        ("csto -kopyrkin", &["002"]),
        ("turkiye", &["000"]),
        ("Türkiye", &["000"]),
        ("turkey", &["002", "003"]),
        ("turkiye OR turkey", &["000", "002", "003"]),
        ("obligation", &["000", "001"]),
        ("\"obligation\"", &[]),
        ("\"obligations\"", &["000", "001"]),
        ("\"russia's security\"", &[]),
        ("russia's", &["000", "001", "002", "003", "004"]),
        ("3+3", &["000", "002", "003"]),
        ("kopyr*", &["000", "001", "004"]),
        ("title:kopyrkin", &["004"]),
        ("byline:huseynova", &["000"]),
        ("byline:lazarian", &["004"]),
        ("date:2023", &["004"]),
        ("date:2024", &[]),
        ("izvestia", &["001"]),
        ("reader-funded", &[]),
        ("member", &["001"]),
        ("\"unimportant\" OR \"churches\"", &[]),
        ("galuzin", &["002"]),
        ("\"", &["000", "001", "002", "003", "004"]),
        ("-", &["000", "001", "002", "003", "004"]),
        ("!!!", &["000", "001", "002", "003", "004"]),
    ];
    for (q, want) in rows {
        assert_eq!(found(&ix, q), *want, "query {q:?}");
    }
}

#[test]
fn typos_are_corrected_only_without_an_exact_hit() {
    let ix = seeds();
    let r = search(&ix, "kopyrkn", Sort::Relevance);
    assert_eq!(r.hits.len(), 3);
    assert!(r.hints.iter().any(|h| matches!(h, Hint::Corrected { to, .. } if to == &["kopyrkin"])), "{:?}", r.hints);
    assert_eq!(
        r.hints.iter().map(|h| h.to_string()).collect::<Vec<_>>(),
        ["no 'kopyrkn': showing results for kopyrkin"]
    );
    // Sergey has exact hits: Sergei is not mixed in.
    assert_eq!(found(&ix, "sergey"), ["000", "004"]);
    assert_eq!(found(&ix, "sergei"), ["001", "002"]);
    assert_eq!(found(&ix, "sergey~"), ["000", "001", "002", "004"]);
}

#[test]
fn title_matches_rank_first_and_dates_break_ties() {
    let ix = seeds();
    let top = |q: &str| ix.articles[search(&ix, q, Sort::Relevance).hits[0].doc as usize].id[..3].to_string();
    assert_eq!(top("interview kopyrkin"), "004");
    assert_eq!(top("readiness"), "002");
    let newest = search(&ix, "", Sort::Relevance);
    assert_eq!(ix.articles[newest.hits[0].doc as usize].id[..3].to_string(), "004", "the only dated article first");
    let oldest = search(&ix, "kopyrkin", Sort::Oldest);
    assert_eq!(ix.articles[oldest.hits[0].doc as usize].id[..3].to_string(), "004");
}

#[test]
fn words_standing_together_rank_higher() {
    use clippings_core::article::parse;
    let filler = "word ".repeat(40);
    let apart = parse("apart", &format!("Headline\npeace {filler} treaty {filler}")).unwrap();
    let together = parse("together", &format!("Headline\npeace treaty {filler} {filler}")).unwrap();
    let ix = Index::build(vec![apart, together]);
    let r = search(&ix, "peace treaty", Sort::Relevance);
    let order: Vec<&str> = r.hits.iter().map(|h| ix.articles[h.doc as usize].id.as_str()).collect();
    assert_eq!(order, ["together", "apart"]);
}
