//! Other languages and scripts, on the test corpus `tests/corpora/browser/multilingual`.

use std::path::Path;

use clippings_core::{corpus, search, Field, Index, Sort};

fn corpus() -> Index {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpora/browser/multilingual");
    Index::build(corpus::load(&dir).expect("test corpus loads").articles)
}

#[test]
fn each_script_is_searchable_and_highlighted() {
    let ix = corpus();
    // (query, article id found, a piece of text the highlight covers)
    let rows = [
        ("книга", "ru_erevan", "книги"),     // Russian stemming: книга ~ книги
        ("елка", "ru_erevan", "Ёлка"),       // ё folds to е
        ("ЕРЕВАНЕ", "ru_erevan", "Ереване"), // Cyrillic case folding
        ("երևան", "hy_erevan", "ԵՐԵՎԱՆ"),    // Armenian case folding
        ("ԳՐԱԴԱՐԱՆ", "hy_erevan", "գրադարան"),
        ("თბილისის", "ka_tbilisi", "თბილისის"), // Georgian
        ("东京", "zh_tokyo", "东京"),           // CJK bigrams
        ("平和条約", "ja_tokyo", "平和条約"),
        ("会议", "zh_tokyo", "会议"),
    ];
    for (q, id, piece) in rows {
        let r = search(&ix, q, Sort::Relevance);
        let ids: Vec<String> = r.hits.iter().map(|h| ix.id(h.doc)).collect();
        assert!(ids.iter().any(|i| i == id), "{q:?} should find {id}, found {ids:?}");
        let a = ix.article(ix.find(id).unwrap());
        let marked: Vec<&str> = r.matcher.find(&a.text, Field::Body).into_iter().map(|s| &a.text[s]).collect();
        assert!(
            marked.iter().any(|m| m.contains(piece) || piece.contains(*m)),
            "{q:?} marks {marked:?}, wanted {piece}"
        );
    }
}

#[test]
fn english_stemming_is_not_applied_to_other_scripts() {
    let ix = corpus();
    // A Cyrillic word is never cut by the English stemmer (which would leave it whole
    // anyway) and an Armenian word is only folded, not stemmed.
    let found = |q: &str| search(&ix, q, Sort::Relevance).hits.len();
    assert_eq!(found("гра"), 0, "no prefix match without *");
    assert_eq!(found("գրադարանը"), 1, "Armenian forms are exact");
    assert_eq!(found("գրադար"), 0);
}

/// An index of `(id, declared language, text)` articles.
fn declared(rows: &[(&str, Option<&str>, &str)]) -> Index {
    Index::build(
        rows.iter()
            .map(|&(id, language, text)| {
                let mut a = clippings_core::article::parse(id, text).expect("test article parses");
                a.meta.language = language.map(str::to_string);
                a
            })
            .collect(),
    )
}

#[test]
fn a_declared_language_stems_its_articles() {
    let ix = declared(&[
        ("de_haus", Some("de"), "Alte Häuser\nDie Häuser des Hauses sind alt."),
        ("fr_journal", Some("fr-FR"), "Les journaux\nUn journal du soir."),
        ("es_hablar", Some("ES"), "Hablaron\nQuieren hablar."),
        ("de_moskau", Some("de"), "Moskau\nDie Zeitung Москвы schreibt."),
        ("en_house", None, "Houses\nThe housing market."),
        ("hy_house", Some("hy"), "Տներ\nHouse prices."),
    ]);
    // (query, the articles found, a word the highlight covers in the first)
    let rows = [
        ("haus", &["de_haus"][..], "Häuser"), // the German stem finds every form
        ("häuser", &["de_haus"], "Hauses"),   // a form finds the others
        ("hauses", &["de_haus"], "Häuser"),
        ("journal", &["fr_journal"], "journaux"),
        ("journaux", &["fr_journal"], "journal"),
        ("hablar", &["es_hablar"], "Hablaron"),
        // A Cyrillic word in a German article is stemmed as Russian, as anywhere.
        ("москва", &["de_moskau"], "Москвы"),
        // No language, or one without a stemmer (Armenian): English for Latin words.
        ("house", &["en_house", "hy_house"], "housing"),
    ];
    for (q, want, piece) in rows {
        let r = search(&ix, q, Sort::Relevance);
        let mut ids: Vec<String> = r.hits.iter().map(|h| ix.id(h.doc)).collect();
        ids.sort_unstable();
        assert_eq!(ids, want, "{q:?}");
        let a = ix.article(ix.find(want[0]).unwrap());
        let marked: Vec<&str> = r.matcher.find(&a.text, Field::Body).into_iter().map(|s| &a.text[s]).collect();
        let title: Vec<&str> = r.matcher.find(&a.title, Field::Title).into_iter().map(|s| &a.title[s]).collect();
        assert!(marked.iter().chain(&title).any(|m| *m == piece), "{q:?} marks {marked:?} {title:?}, wanted {piece}");
    }
    // The stemmer of a language applies to that language's articles only.
    assert_eq!(search(&ix, "journ", Sort::Relevance).hits.len(), 0);
}

#[test]
fn language_tags_name_their_stemmer() {
    use clippings_core::analysis::{declared_language, DECLARED};
    assert!(DECLARED.windows(2).all(|w| w[0].0 < w[1].0), "sorted for the binary search");
    for (tag, want) in [
        ("de", Some("de")),
        ("DE-at", Some("de")),
        ("pt_BR", Some("pt")),
        (" nb ", Some("nb")),
        ("hy", None),
        ("", None),
    ] {
        assert_eq!(declared_language(tag).map(|i| DECLARED[i].0), want, "{tag:?}");
    }
}

mod declared_oracle {
    use super::*;
    use clippings_core::analysis::{declared_language, tokenize, DeclaredStemmers, Stemmers};
    use proptest::prelude::*;

    const WORDS: &[&str] = &[
        "häuser",
        "hauses",
        "haus",
        "journaux",
        "journal",
        "hablaron",
        "hablar",
        "houses",
        "housing",
        "house",
        "москва",
        "москвы",
        "städte",
        "stadt",
        "maisons",
        "maison",
        "national",
        "nationales",
    ];
    const LANGUAGES: &[Option<&str>] = &[None, Some("de"), Some("fr"), Some("es"), Some("ru"), Some("hy")];

    /// Brute force, from the tokens: the articles a bare word `q` finds. Each
    /// article's word is filed as (its language, its stem in that language) if
    /// the article declares a language with a stemmer that writes the word's
    /// script, else as (none, the script's stem). `q` stands for every word filed
    /// anywhere under (none, its own script stem), and for every word of a
    /// language's file whose stem, or the script stem of one of whose words, is
    /// the script stem of `q`. An article is found if it holds any of those
    /// words, whatever language it declares: the index keeps one list per word.
    fn oracle(articles: &[(Option<&str>, Vec<&str>)], q: &str) -> Vec<u32> {
        let (script, declared) = (Stemmers::default(), DeclaredStemmers::default());
        let filed: Vec<Vec<(Option<usize>, String, String)>> = articles
            .iter()
            .map(|(language, words)| {
                words
                    .iter()
                    .flat_map(|w| tokenize(w))
                    .map(|t| {
                        let language = language.and_then(declared_language);
                        match language.and_then(|l| Some((l, declared.stem(l, &t.term)?))) {
                            Some((l, stem)) => (Some(l), stem, t.term),
                            None => (None, script.stem(&t.term), t.term),
                        }
                    })
                    .collect()
            })
            .collect();
        let key = script.stem(q);
        let all: Vec<&(Option<usize>, String, String)> = filed.iter().flatten().collect();
        let stands_for: Vec<&str> = all
            .iter()
            .filter(|(language, stem, term)| {
                term == q
                    || match language {
                        None => *stem == key,
                        Some(l) => all
                            .iter()
                            .filter(|(l2, s2, _)| l2 == &Some(*l) && s2 == stem)
                            .any(|(_, s2, t2)| *s2 == key || script.stem(t2) == key),
                    }
            })
            .map(|(_, _, term)| term.as_str())
            .collect();
        (0..articles.len() as u32)
            .filter(|&d| filed[d as usize].iter().any(|(_, _, term)| stands_for.contains(&term.as_str())))
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]
        #[test]
        fn declared_languages_agree_with_a_scan(
            articles in proptest::collection::vec(
                (proptest::sample::select(LANGUAGES), proptest::collection::vec(proptest::sample::select(WORDS), 1..6)),
                1..8,
            ),
            q in proptest::sample::select(WORDS),
        ) {
            let rows: Vec<(String, Option<&str>, String)> = articles
                .iter()
                .enumerate()
                .map(|(i, (l, words))| (format!("d{i}"), *l, format!("Headline\n{}", words.join(" "))))
                .collect();
            let ix = declared(&rows.iter().map(|(id, l, t)| (id.as_str(), *l, t.as_str())).collect::<Vec<_>>());
            let mut docs: Vec<u32> = search(&ix, q, Sort::Relevance).hits.iter().map(|h| h.doc).collect();
            docs.sort_unstable();
            let q = tokenize(q).remove(0).term;
            // A word none of the articles holds is corrected to the nearest: not this rule.
            prop_assume!(ix.term_id(&q).is_some());
            let words: Vec<(Option<&str>, Vec<&str>)> = articles.iter().map(|(l, w)| (*l, w.clone())).collect();
            prop_assert_eq!(docs, oracle(&words, &q));
        }
    }
}
