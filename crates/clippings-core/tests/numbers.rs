//! Numbers and contacts as facets and query fields, against brute force: every
//! article's values are what [`numbers::extract`] finds in its text, each
//! value's total and count is the number of articles holding it, and
//! `phone:`, `email:`, `url:`, `amount:` find exactly the articles holding a
//! value the field matches — in a whole archive, and in a parted one once the
//! values its answer asked for have arrived.

use std::collections::{BTreeSet, HashMap};

use clippings_core::analysis::tokenize;
use clippings_core::article::parse;
use clippings_core::facets::FacetKind;
use clippings_core::numbers::{self, Kind};
use clippings_core::{codec, fields, search, Index, Sort};
use proptest::prelude::*;

const FRAGMENTS: &[&str] = &[
    "call +374 10 123456",
    "or (202) 555-0143",
    "dial +1-202-555-0143",
    "on 8 (495) 123-45-67",
    "write to press@mfa.am",
    "<Info@MFA.am>",
    "or loans@bank.example.org",
    "see https://www.mfa.am/en/press/",
    "and www.gov.am",
    "a $1.2bn loan",
    "€ 30 million",
    "USD 5,000",
    "AMD 500,000",
    "30 млн рублей",
    "1.5 million dollars",
    "on 2023-12-22",
    "up 8.3%",
    "peace",
    "treaty",
];

const FIELDS: &[(&str, &str)] = &[
    ("phone", "+374"),
    ("phone", "555-0143"),
    ("phone", "+1"),
    ("phone", "*"),
    ("email", "mfa.am"),
    ("email", "bank"),
    ("url", "mfa.am"),
    ("url", "gov.am"),
    ("url", "https://www.mfa.am/en"),
    ("amount", "€"),
    ("amount", "$"),
    ("amount", "million"),
    ("amount", "\"$1.2 billion\""),
    ("amount", "rub"),
    ("amount", "yen"),
];

fn articles() -> impl Strategy<Value = Vec<String>> {
    let body = proptest::collection::vec(proptest::sample::select(FRAGMENTS), 0..6);
    proptest::collection::vec(body.prop_map(|f| format!("Headline\n{}.", f.join(", "))), 1..24)
}

fn build(texts: &[String]) -> Index {
    Index::build(texts.iter().enumerate().map(|(i, t)| parse(&format!("d{i}"), t).unwrap()).collect())
}

/// Brute force: each article's (kind, value) of the four kinds, from its body.
fn held(texts: &[String]) -> Vec<BTreeSet<(FacetKind, String)>> {
    texts
        .iter()
        .map(|t| {
            let body = t.split_once('\n').unwrap().1;
            numbers::extract(body)
                .into_iter()
                .filter_map(|f| match f.kind {
                    Kind::Email => Some((FacetKind::Email, f.value)),
                    Kind::Phone => Some((FacetKind::Phone, f.value)),
                    Kind::Url => Some((FacetKind::Link, numbers::host(&f.value).to_string())),
                    Kind::Amount => Some((FacetKind::Amount, f.value)),
                    Kind::Percent => None,
                })
                .collect()
        })
        .collect()
}

fn found(ix: &Index, q: &str) -> Vec<u32> {
    let mut d: Vec<u32> = search(ix, q, Sort::Relevance).hits.iter().map(|h| h.doc).collect();
    d.sort();
    d
}

fn is_new(kind: FacetKind) -> bool {
    matches!(kind, FacetKind::Email | FacetKind::Phone | FacetKind::Link | FacetKind::Amount)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn values_totals_and_counts_agree_with_brute_force(texts in articles()) {
        let ix = build(&texts);
        let held = held(&texts);
        let f = &ix.facets;
        let values: BTreeSet<(FacetKind, String)> =
            f.values.iter().filter(|v| is_new(v.kind)).map(|v| (v.kind, v.label.clone())).collect();
        let union: BTreeSet<(FacetKind, String)> = held.iter().flatten().cloned().collect();
        prop_assert_eq!(&values, &union, "every value found, one-offs too, and nothing else");
        let all: Vec<u32> = (0..texts.len() as u32).collect();
        let counts = f.counts(&all, &[]);
        for (id, v) in f.values.iter().enumerate().filter(|(_, v)| is_new(v.kind)) {
            let n = held.iter().filter(|h| h.contains(&(v.kind, v.label.clone()))).count() as u32;
            prop_assert_eq!((f.totals[id], counts[id]), (n, n), "{}:{}", v.kind, v.label);
        }
        for (doc, h) in held.iter().enumerate() {
            let mine: BTreeSet<(FacetKind, String)> = f
                .values_of(doc as u32)
                .map(|id| &f.values[id as usize])
                .filter(|v| is_new(v.kind))
                .map(|v| (v.kind, v.label.clone()))
                .collect();
            prop_assert_eq!(&mine, h, "article {}", doc);
        }
    }

    #[test]
    fn query_fields_agree_with_brute_force(texts in articles(), field in 0..FIELDS.len(), negate: bool, word: bool) {
        let ix = build(&texts);
        let held = held(&texts);
        let (key, value) = FIELDS[field];
        let kind = FacetKind::from_key(key).unwrap();
        let bare = value.trim_matches('"');
        let has = |doc: usize| held[doc].iter().any(|(k, label)| *k == kind && fields::matches(kind, label, bare));
        let peace = |doc: usize| tokenize(&texts[doc]).iter().any(|t| t.term == "peace");
        let q = format!("{}{}{key}:{value}", if word { "peace " } else { "" }, if negate { "-" } else { "" });
        let want: Vec<u32> = (0..texts.len())
            .filter(|&d| has(d) != negate && (!word || peace(d)))
            .map(|d| d as u32)
            .collect();
        prop_assert_eq!(found(&ix, &q), want, "{}", q);
    }
}

/// In a parted archive a query field waits for the articles' values like a
/// facet filter: the search names the facet parts it lacked, and once they are
/// in it answers as the whole archive does.
#[test]
fn a_query_field_fetches_the_facet_values_of_a_parted_archive() {
    let texts: Vec<String> = (0..400).map(|i| format!("Headline\n{}.", FRAGMENTS[i % FRAGMENTS.len()])).collect();
    let ix = build(&texts);
    let (start, parts) = codec::encode_parted(&ix);
    let files: HashMap<String, Vec<u8>> = parts.into_iter().collect();
    let parted = codec::decode(&start).unwrap();
    for q in ["phone:+374", "amount:€ -email:x", "peace OR url:gov.am"] {
        let mut rounds = 0;
        let got = loop {
            parted.clear_misses();
            let r = found(&parted, q);
            let misses = parted.take_misses();
            if misses.is_empty() {
                break r;
            }
            for id in misses {
                let (part, streams) = codec::decode_part(&files[parted.part_name(id).unwrap()]).unwrap();
                parted.insert_part(part, streams).unwrap();
            }
            rounds += 1;
            assert!(rounds < 6, "still missing parts");
        };
        assert_eq!(got, found(&ix, q), "{q}");
        assert!(!got.is_empty(), "{q}");
    }
}
