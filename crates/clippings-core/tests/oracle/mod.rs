//! What the brute-force tests of `like:` and the distinctive words share: random
//! articles with a title, a byline and a body from a small vocabulary (function
//! words, one-letter words, forms of one word, several scripts), and every term
//! an article holds, read from its own tokens.

use clippings_core::analysis::tokenize;
use clippings_core::article::{parse, Article};
use proptest::prelude::*;

pub const VOCAB: &[&str] = &[
    "peace",
    "treaty",
    "treaties",
    "csto",
    "kopyrkin",
    "the",
    "of",
    "a",
    "x",
    "Ереван",
    "東京",
    "3",
    "42",
    "border",
    "talks",
    "minister",
    "Lavrov",
    "said",
    "what",
    "rare",
];

/// An article's text: a title of 1–3 words, a byline of one, a body of up to `body` words.
pub fn article_text(body: usize) -> impl Strategy<Value = String> {
    (
        proptest::collection::vec(proptest::sample::select(VOCAB), 1..4),
        proptest::sample::select(VOCAB),
        proptest::collection::vec(proptest::sample::select(VOCAB), 0..body),
    )
        .prop_map(|(title, by, body)| format!("{}\nBy {by}\n\n{}", title.join(" "), body.join(" ")))
}

/// The articles of `texts`, with ids `d0`, `d1`, …
pub fn articles(texts: &[String]) -> Vec<Article> {
    texts.iter().enumerate().map(|(i, t)| parse(&format!("d{i}"), t).unwrap()).collect()
}

/// Every term of an article in reading order: title, byline, searchable body.
pub fn all_terms(a: &Article) -> Vec<String> {
    let mut out: Vec<String> = tokenize(&a.title).into_iter().map(|t| t.term).collect();
    out.extend(a.byline.iter().flat_map(|b| tokenize(b)).map(|t| t.term));
    for piece in a.searchable() {
        out.extend(tokenize(&a.text[piece]).into_iter().map(|t| t.term));
    }
    out
}
