//! Property test: a batch row agrees with a brute-force scan of the same
//! tokens — the articles holding a word, how many times it occurs in them,
//! the first and last of their dates, their number per period.

use clippings_core::analysis::tokenize;
use clippings_core::article::parse;
use clippings_core::batch::{row, Periods, Span};
use clippings_core::{Date, Index};
use proptest::prelude::*;

const VOCAB: &[&str] = &["peace", "treaty", "csto", "the", "moscow", "yerevan", "baku", "minister"];

/// An article: maybe a date (years 2018–2022, month 1–12), then words.
fn doc() -> impl Strategy<Value = (Option<(u16, u8, u8)>, Vec<&'static str>)> {
    (
        proptest::option::of((2018u16..2023, 1u8..13, 1u8..29)),
        proptest::collection::vec(proptest::sample::select(VOCAB), 1..12),
    )
}

fn text((date, words): &(Option<(u16, u8, u8)>, Vec<&str>)) -> String {
    let date = date.map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}\n")).unwrap_or_default();
    format!("Headline\n{date}{}", words.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn a_row_agrees_with_a_scan(docs in proptest::collection::vec(doc(), 1..25), word in proptest::sample::select(VOCAB)) {
        let texts: Vec<String> = docs.iter().map(text).collect();
        let index = Index::build(texts.iter().enumerate().map(|(i, t)| parse(&format!("d{i}"), t).unwrap()).collect());
        let periods = Periods::of(&index);
        // Brute force: the articles whose words hold `word`, and their dates.
        let dates: Vec<Option<Date>> = docs
            .iter()
            .filter(|(_, words)| words.iter().any(|w| tokenize(w).iter().any(|t| t.term == word)))
            .map(|(d, _)| d.map(|(year, month, day)| Date { year, month, day }))
            .collect();
        let r = row((&index).into(), &periods, &format!("\"{word}\""), &[]);
        prop_assert_eq!(r.articles as usize, dates.len());
        // Hits: every occurrence of the word (the titles hold none of them).
        let hits: usize = docs.iter().flat_map(|(_, words)| words).filter(|w| tokenize(w).iter().any(|t| t.term == word)).count();
        prop_assert_eq!(r.hits as usize, hits);
        prop_assert_eq!(r.first, dates.iter().flatten().min().copied());
        prop_assert_eq!(r.last, dates.iter().flatten().max().copied());
        // Per period: years, or months when the archive's dates span under three years.
        let all: Vec<Date> = docs.iter().filter_map(|(d, _)| *d).map(|(year, month, day)| Date { year, month, day }).collect();
        let key = |d: &Date| if periods.span == Span::Year { i32::from(d.year) } else { i32::from(d.year) * 12 + i32::from(d.month) };
        let (lo, hi) = (all.iter().map(key).min(), all.iter().map(key).max());
        let want: Vec<u32> = match (lo, hi) {
            (Some(lo), Some(hi)) => (lo..=hi).map(|k| dates.iter().flatten().filter(|d| key(d) == k).count() as u32).collect(),
            _ => Vec::new(),
        };
        prop_assert_eq!(r.counts, want);
    }
}
