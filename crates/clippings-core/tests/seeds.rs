//! Relevance table on the seed corpus: each query and the articles it must find,
//! written by reading the articles.

use std::path::Path;

use clippings_core::query::Hint;
use clippings_core::{corpus, search, Field, Index, Sort};

fn seeds() -> Index {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../seeds");
    Index::build(corpus::load(&dir).expect("seeds load").articles)
}

/// Article numbers (the first three characters of the id) a query finds, sorted.
fn found(ix: &Index, q: &str) -> Vec<String> {
    let mut ids: Vec<String> =
        search(ix, q, Sort::Relevance).hits.iter().map(|h| ix.id(h.doc)[..3].to_string()).collect();
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

/// A question no article answers word for word relaxes to the articles holding
/// the most of its content words; explicit operators keep their meaning.
#[test]
fn questions_relax_to_best_matches() {
    let ix = seeds();
    let rows: &[(&str, &[&str], Option<Hint>)] = &[
        // Kopyrkin and Lavrov never meet in one article; "what did … say about" need not match.
        (
            "what did kopyrkin say about lavrov",
            &["000", "001", "002", "004"],
            Some(Hint::Relaxed { words: 6, found: 0 }),
        ),
        ("what did the ambassador say about the peacekeepers", &["000", "001", "002", "004"], None),
        // An exclusion still applies.
        ("what did kopyrkin say about lavrov -izvestia", &["000", "002", "004"], None),
        // Quoted words must still occur while they can.
        ("\"lavrov\" kopyrkin", &["002"], None),
        // Explicit operators are never relaxed.
        ("kopyrkin AND lavrov", &[], None),
        ("\"kopyrkin lavrov\"", &[], None),
        ("title:kopyrkin lavrov", &[], None),
        ("kopyrkin OR lavrov", &["000", "001", "002", "004"], None),
        // Two or three words that match keep every word required.
        ("kopyrkin csto", &["000", "001", "004"], None),
        ("kopyrkin izvestia", &["001"], None),
    ];
    for (q, want, hint) in rows {
        assert_eq!(found(&ix, q), *want, "query {q:?}");
        let r = search(&ix, q, Sort::Relevance);
        if let Some(h) = hint {
            assert!(r.hints.contains(h), "query {q:?}: {:?}", r.hints);
        }
    }
    let r = search(&ix, "what did the ambassador say about the peacekeepers", Sort::Relevance);
    assert!(matches!(r.hints.last(), Some(Hint::Relaxed { words: 8, found: 0 })), "{:?}", r.hints);
    // The best match holds both content words; function words are not highlighted.
    assert_eq!(&ix.id(r.hits[0].doc)[..3], "002");
    let text = "What did the ambassador say about the peacekeepers?";
    let marked: Vec<&str> = r.matcher.find(text, Field::Body).into_iter().map(|m| &text[m]).collect();
    assert_eq!(marked, ["ambassador", "peacekeepers"]);
    // With a date filter nothing passes, and nothing is invented.
    assert_eq!(found(&ix, "what did kopyrkin say about lavrov date:2024"), Vec::<String>::new());
    // A date is a filter, never a word to drop: one word and a date do not relax.
    assert_eq!(found(&ix, "lavrov date:2023"), Vec::<String>::new());
    assert_eq!(found(&ix, "what did kopyrkin say about lavrov date:2023"), ["004"]);
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
    let top = |q: &str| ix.id(search(&ix, q, Sort::Relevance).hits[0].doc)[..3].to_string();
    assert_eq!(top("interview kopyrkin"), "004");
    assert_eq!(top("readiness"), "002");
    let newest = search(&ix, "", Sort::Relevance);
    assert_eq!(ix.id(newest.hits[0].doc)[..3].to_string(), "004", "the only dated article first");
    let oldest = search(&ix, "kopyrkin", Sort::Oldest);
    assert_eq!(ix.id(oldest.hits[0].doc)[..3].to_string(), "004");
}

#[test]
fn words_standing_together_rank_higher() {
    use clippings_core::article::parse;
    let filler = "word ".repeat(40);
    let apart = parse("apart", &format!("Headline\npeace {filler} treaty {filler}")).unwrap();
    let together = parse("together", &format!("Headline\npeace treaty {filler} {filler}")).unwrap();
    let ix = Index::build(vec![apart, together]);
    let r = search(&ix, "peace treaty", Sort::Relevance);
    let order: Vec<String> = r.hits.iter().map(|h| ix.id(h.doc)).collect();
    assert_eq!(order, ["together", "apart"]);
}

#[test]
fn facets_on_the_seeds() {
    use clippings_core::facets::FacetKind;
    let ix = seeds();
    let f = &ix.facets;
    let all: Vec<u32> = (0..ix.len() as u32).collect();
    let counts = f.counts(&all, &[]);
    let count = |kind, label: &str| f.find(kind, label).map(|v| counts[v as usize]);
    if std::env::var("DUMP").is_ok() {
        for (v, c) in f.values.iter().zip(&counts) {
            eprintln!("{:?} {} {} {:?}", v.kind, v.label, c, v.aliases);
        }
    }
    assert_eq!(count(FacetKind::Person, "Nikol Pashinyan"), Some(3));
    assert_eq!(count(FacetKind::Person, "Sergey Kopyrkin"), Some(3), "Sergei folds into Sergey");
    let kopyrkin = f.find(FacetKind::Person, "Sergey Kopyrkin").unwrap();
    assert_eq!(f.values[kopyrkin as usize].aliases, ["Sergei Kopyrkin"]);
    assert_eq!(count(FacetKind::Organisation, "CSTO"), Some(4));
    assert_eq!(count(FacetKind::Place, "Yerevan"), Some(3));
    assert_eq!(count(FacetKind::Author, "Emil Lazarian"), Some(1));
    assert_eq!(count(FacetKind::Year, "2023"), Some(1));
    assert_eq!(count(FacetKind::Person, "Sergei Lavrov"), None, "in one article only: below the minimum");
    // OR within a facet, AND across: Pashinyan selected, the Place counts shrink to his articles.
    let pashinyan = f.find(FacetKind::Person, "Nikol Pashinyan").unwrap();
    let with = f.counts(&all, &[pashinyan]);
    assert_eq!(with[f.find(FacetKind::Place, "Yerevan").unwrap() as usize], 2, "AND across facets");
    // Within the People facet a click adds (OR): Kopyrkin's count ignores the Pashinyan filter.
    assert_eq!(with[kopyrkin as usize], 3);
    assert_eq!(with[pashinyan as usize], 3);
    let both = [pashinyan, kopyrkin];
    let docs: Vec<u32> = all.iter().copied().filter(|&d| f.passes(d, &both, None)).collect();
    assert_eq!(docs.len(), 5, "Pashinyan OR Kopyrkin");
    let place_and = f.find(FacetKind::Place, "Baku").unwrap();
    let docs: Vec<u32> = all.iter().copied().filter(|&d| f.passes(d, &[pashinyan, place_and], None)).collect();
    assert_eq!(docs.len(), 1, "Pashinyan AND Baku");
}

/// *More like this*: the ambassador's interview (004) is most like the other two
/// articles quoting him, and never like itself.
#[test]
fn more_like_an_article_ranks_the_ones_on_its_subject_first() {
    let ix = seeds();
    let top = |q: &str| -> Vec<String> {
        search(&ix, q, Sort::Relevance).hits.iter().map(|h| ix.id(h.doc)[..3].to_string()).collect()
    };
    let like = top("like:004_7291d5aacb49dd9a");
    assert_eq!(like.len(), 4, "{like:?}");
    let mut first_two = like[..2].to_vec();
    first_two.sort();
    assert_eq!(first_two, ["000", "001"], "{like:?}");
    // Within a query: the articles like it that do not name the CSTO.
    assert!(top("like:004_7291d5aacb49dd9a -csto")
        .iter()
        .all(|d| d != "004" && found(&ix, "csto").binary_search(d).is_err()));
}
