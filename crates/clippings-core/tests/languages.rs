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
        let ids: Vec<&str> = r.hits.iter().map(|h| ix.docs[h.doc as usize].id.as_str()).collect();
        assert!(ids.contains(&id), "{q:?} should find {id}, found {ids:?}");
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
