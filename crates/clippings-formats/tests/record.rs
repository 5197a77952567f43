//! The article record as serde writes it (core's `serde` feature, which this
//! crate turns on): every field round-trips, and the README's example of one
//! record is what serde writes, field for field.

use clippings_core::article::{Entities, Meta, Time};
use clippings_core::facets::FacetKind;
use clippings_core::{Article, Date};

/// The README's example: every field set.
fn talks() -> Article {
    let strings = |names: &[&str]| names.iter().map(|n| n.to_string()).collect::<Vec<_>>();
    Article {
        id: "talks".into(),
        title: "Talks resume".into(),
        title_derived: false,
        date: Some(Date { year: 2024, month: 3, day: 5 }),
        byline: Some("Ann Lee, Bo Chen".into()),
        text: "The delegations met in Geneva on Tuesday.\n\nA second round is planned. Support independent journalism."
            .into(),
        paragraphs: vec![0..41, 43..101],
        boilerplate: std::iter::once(70..101).collect(),
        meta: Meta {
            time: Some(Time { hour: 10, minute: 0, second: 0, offset_minutes: Some(60) }),
            authors: strings(&["Ann Lee", "Bo Chen"]),
            section: Some("Politics".into()),
            tags: strings(&["diplomacy", "border"]),
            url: Some("https://example.com/talks".into()),
            language: Some("en".into()),
            source: Some("Example News".into()),
            entities: Entities {
                people: strings(&["Sergey Lavrov"]),
                places: strings(&["Geneva"]),
                organisations: strings(&["OSCE"]),
            },
        },
    }
}

/// The first JSON block under the README's heading "The article record".
fn readme_example() -> String {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../README.md")).unwrap();
    let section = readme.split_once("### The article record\n").expect("the README's section").1;
    let block = section.split_once("```json\n").expect("a JSON block").1;
    block.split_once("```").unwrap().0.to_string()
}

#[test]
fn an_article_round_trips_through_json() {
    let article = talks();
    assert_eq!(&article.text[article.boilerplate[0].clone()], "Support independent journalism.");
    let json = serde_json::to_string(&article).unwrap();
    let back: Article = serde_json::from_str(&json).unwrap();
    assert_eq!(back, article);
    // And one with nothing declared: a text file's.
    let plain = clippings_core::article::parse("plain", "A title\nSome text here.").unwrap();
    let back: Article = serde_json::from_str(&serde_json::to_string(&plain).unwrap()).unwrap();
    assert_eq!(back, plain);
}

#[test]
fn the_readme_shows_the_record_as_serde_writes_it() {
    let documented: serde_json::Value = serde_json::from_str(&readme_example()).unwrap();
    assert_eq!(serde_json::to_value(talks()).unwrap(), documented);
    let read: Article = serde_json::from_value(documented).unwrap();
    assert_eq!(read, talks());
}

#[test]
fn a_facet_kind_is_written_as_its_key() {
    for kind in FacetKind::ALL {
        let json = serde_json::to_string(&kind).unwrap();
        assert_eq!(json, format!("\"{}\"", kind.key()));
        assert_eq!(serde_json::from_str::<FacetKind>(&json).unwrap(), kind);
    }
}
