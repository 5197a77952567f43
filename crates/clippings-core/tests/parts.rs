//! The parted archive (hosted build): a start file plus part files fetched by
//! need. Searching with parts missing records exactly the misses to fetch; once
//! they are in, every answer equals the whole archive's, while a rare word needs
//! only a few of the parts. Bad parts are refused.

use std::collections::HashMap;

use clippings_core::article::parse;
use clippings_core::codec::{self, CodecError};
use clippings_core::facets::FacetKind;
use clippings_core::parts::{PartId, PartKind};
use clippings_core::{search, search_page, search_rows, Index, Sort, PAGE};

const WORDS: &[&str] = &[
    "the",
    "of",
    "minister",
    "peace",
    "treaty",
    "border",
    "Yerevan",
    "Baku",
    "talks",
    "security",
    "trade",
    "said",
    "government",
    "agreement",
    "officials",
    "week",
    "Kopyrkin",
    "rare",
    "unique",
    "a",
];

/// `n` deterministic articles of 40–120 words; word `i` is common, later ones rarer.
fn corpus(n: usize) -> Vec<String> {
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    (0..n)
        .map(|d| {
            let len = 40 + (next() % 80) as usize;
            let body: Vec<&str> = (0..len)
                .map(|_| {
                    let r = next() % 1000;
                    WORDS[((r * r) / 1000 * WORDS.len() as u64 / 1000) as usize % WORDS.len()]
                })
                .collect();
            let rare = if d % 250 == 7 { " zyzzyva" } else { "" };
            let (title, day, year) = (WORDS[d % WORDS.len()], 1 + d % 28, 10 + d % 14);
            // Thousands of rarer words, more than the start file keeps
            // (text::GLOBAL_WORDS): text parts carry the others themselves.
            let (kin, own) = (d % 300, if d % 3 == 0 { "Own" } else { "own" });
            format!(
                "Article {d} {title}\nDec {day} 20{year:02}\n{}{rare} kin{kin} unique{d} {own}{d}x.",
                body.join(" ")
            )
        })
        .collect()
}

fn build(texts: &[String]) -> Index {
    Index::build(texts.iter().enumerate().map(|(i, t)| parse(&format!("a{i}"), t).unwrap()).collect())
}

/// Searches `parted`, fetching whatever it misses from `files`, until nothing is
/// missing; returns the answer and how many rounds of fetching it took.
fn search_by_need(parted: &Index, files: &HashMap<String, Vec<u8>>, q: &str) -> (Vec<(u32, u32)>, usize) {
    for round in 0..6 {
        parted.clear_misses();
        let r = search(parted, q, Sort::Relevance);
        for h in &r.hits {
            parted.touch_text(h.doc);
        }
        let misses = parted.take_misses();
        if misses.is_empty() {
            return (r.hits.iter().map(|h| (h.doc, h.score.to_bits())).collect(), round);
        }
        insert(parted, files, misses);
    }
    panic!("{q}: still missing parts after 6 rounds");
}

/// Reads the parts `misses` names from `files` into `parted`; their kinds.
fn insert(parted: &Index, files: &HashMap<String, Vec<u8>>, misses: Vec<PartId>) -> Vec<PartKind> {
    let mut kinds = Vec::new();
    for id in misses {
        let name = parted.part_name(id).expect("a miss names a listed part");
        let (got, streams) = codec::decode_part(&files[name]).expect("a good part decodes");
        assert_eq!(got, id, "the file is the part it is named for");
        parted.insert_part(id, streams).expect("a good part fits");
        kinds.push(id.kind);
    }
    kinds
}

#[test]
fn by_need_answers_equal_the_whole_archives() {
    let texts = corpus(1500);
    let ix = build(&texts);
    let whole = codec::decode(&codec::encode(&ix)).unwrap();
    let (start, parts) = codec::encode_parted(&ix);
    assert!(start.len() < codec::encode(&ix).len() / 2, "the start file leaves out the bulk");
    let files: HashMap<String, Vec<u8>> = parts.into_iter().collect();
    let parted = codec::decode(&start).unwrap();
    let (_, total) = parted.parts_loaded();
    assert!(total > 30, "1,500 articles make many parts, not {total}");
    assert_eq!(files.len(), total, "every part has a name of its own");

    // A rare word fetches a few parts, not the archive.
    let (hits, rounds) = search_by_need(&parted, &files, "zyzzyva");
    assert!(!hits.is_empty() && rounds >= 1);
    let (loaded, _) = parted.parts_loaded();
    assert!(loaded * 2 < total, "a rare word loaded {loaded} of {total} parts");

    for q in [
        "zyzzyva",
        "kopyrkin",
        "peace",
        "the",
        "peace treaty",
        "\"peace treaty\"",
        "\"the minister\"",
        "\"of the\"",
        "trea*",
        "tretay~",
        "Baku OR Yerevan",
        "-peace security",
        "title:article",
        "title:\"42 minister\"",
        "title:\"peace treaty\"",
        "date:2015",
        "own42x",
        "\"unique42 own42x\"",
        "\"unique42 own43x\"",
        "own4*",
        "kin42 -own342x",
        "like:a42",
        "like:a1499 -peace",
        "like:nobody",
    ] {
        let (by_need, _) = search_by_need(&parted, &files, q);
        let expected: Vec<(u32, u32)> =
            search(&whole, q, Sort::Relevance).hits.iter().map(|h| (h.doc, h.score.to_bits())).collect();
        assert_eq!(by_need, expected, "{q}");
        if q.starts_with("like:") {
            assert_eq!(expected.is_empty(), q == "like:nobody", "{q}");
        }
    }
    for doc in 0..ix.len() as u32 {
        parted.touch_text(doc);
        insert(&parted, &files, parted.take_misses());
        assert_eq!(parted.article(doc), whole.article(doc), "article {doc}");
    }
    let text = parted.part_tables().into_iter().find(|p| p.kind == PartKind::Text).unwrap();
    assert_eq!(text.loaded_count(), text.len(), "every text part read");
}

/// Computes `answer` over `parted` until it reads nothing missing, fetching what
/// it missed from `files` between rounds; the answer and the kinds fetched.
fn by_need<T>(parted: &Index, files: &HashMap<String, Vec<u8>>, answer: impl Fn() -> T) -> (T, Vec<PartKind>) {
    let mut fetched = Vec::new();
    for _ in 0..6 {
        parted.clear_misses();
        let out = answer();
        let misses = parted.take_misses();
        if misses.is_empty() {
            fetched.sort();
            fetched.dedup();
            return (out, fetched);
        }
        fetched.extend(insert(parted, files, misses));
    }
    panic!("still missing parts after 6 rounds");
}

/// `n` articles of [`corpus`]: the whole archive decoded, and the parted one's
/// start file and part files by name.
fn archive(n: usize) -> (Index, Vec<u8>, HashMap<String, Vec<u8>>) {
    let ix = build(&corpus(n));
    let (start, parts) = codec::encode_parted(&ix);
    (codec::decode(&codec::encode(&ix)).unwrap(), start, parts.into_iter().collect())
}

#[test]
fn facet_values_come_after_the_results_and_then_count_as_the_whole_archives() {
    let (whole, start, files) = archive(1500);
    let parted = codec::decode(&start).unwrap();
    let year = |y: &str| whole.facets.find(FacetKind::Year, y).expect("a year value");
    assert_eq!(parted.facets.values, whole.facets.values, "the values are in the start file");
    assert_eq!(parted.facets.totals, whole.facets.totals, "and how many articles hold each");
    assert!(!parted.facets.ready() && whole.facets.ready());

    // Without a filter the results need no facet values: none is fetched, and
    // the counts are said to be pending rather than given as zeros.
    let page = |ix: &Index, q: &str, filters: &[u32]| search_page(ix, q, Sort::Relevance, 20, Some(filters));
    let (first, kinds) = by_need(&parted, &files, || page(&parted, "peace", &[]));
    assert!(first.facets_pending && first.facet_counts.is_empty());
    assert!(!kinds.contains(&PartKind::Facets), "{kinds:?}");
    let expected = page(&whole, "peace", &[]);
    assert!(!expected.facets_pending);
    assert_eq!(
        first.hits.iter().map(|h| h.doc).collect::<Vec<_>>(),
        expected.hits.iter().map(|h| h.doc).collect::<Vec<_>>()
    );

    // A filter needs them: asked for, then the same answer as the whole archive's.
    let filtered = [year("2015")];
    let (answer, kinds) = by_need(&parted, &files, || page(&parted, "peace", &filtered));
    assert!(kinds.contains(&PartKind::Facets), "{kinds:?}");
    assert!(parted.facets.ready(), "a filter reads every article's values");
    for (q, filters) in
        [("peace", &filtered[..]), ("", &[]), ("treaty", &[year("2015"), year("2016")]), ("zyzzyva", &[])]
    {
        let (got, _) = by_need(&parted, &files, || page(&parted, q, filters));
        let want = page(&whole, q, filters);
        assert!(!got.facets_pending, "{q}");
        assert_eq!(got.facet_counts, want.facet_counts, "{q} {filters:?}");
        assert_eq!(
            got.hits.iter().map(|h| h.doc).collect::<Vec<_>>(),
            want.hits.iter().map(|h| h.doc).collect::<Vec<_>>(),
            "{q}"
        );
    }
    assert_eq!(answer.facet_counts, page(&whole, "peace", &filtered).facet_counts);
    assert!(answer.facet_counts.iter().any(|&n| n > 0));
}

#[test]
fn the_list_asks_for_its_rows_text_once_its_ranking_is_complete() {
    let (whole, start, files) = archive(1500);
    // (what was searched before, the query): with "peace"'s postings in and
    // "treaty"'s not yet, the OR first ranks by "peace" alone: a provisional
    // ranking with rows, whose text must wait.
    let cases = [
        (None, "peace", Sort::Relevance),
        (Some("peace"), "peace OR treaty", Sort::Relevance),
        (Some("treaty"), "treaty OR minister OR zyzzyva", Sort::Newest),
        (None, "", Sort::Newest),
    ];
    for (before, q, sort) in cases {
        let parted = codec::decode(&start).unwrap();
        if let Some(before) = before {
            // Its postings, none of its rows' text.
            by_need(&parted, &files, || search(&parted, before, sort));
        }
        let want: Vec<u32> = search_page(&whole, q, sort, PAGE, None).hits.iter().take(PAGE).map(|h| h.doc).collect();
        let text_part = |doc: u32| {
            parted.clear_misses();
            parted.touch_text(doc);
            parted.take_misses()
        };
        let mut rounds = Vec::new();
        for _ in 0..6 {
            parted.clear_misses();
            let got = search_rows(&parted, q, sort, PAGE, None);
            let misses = parted.take_misses();
            let kinds: Vec<PartKind> = misses.iter().map(|m| m.kind).collect();
            rounds.push(kinds.clone());
            if misses.is_empty() {
                assert_eq!(got.hits.iter().take(PAGE).map(|h| h.doc).collect::<Vec<_>>(), want, "{q}");
                break;
            }
            // A provisional ranking (a posting list missing) asks for no text.
            if kinds.iter().any(|&k| k != PartKind::Text) {
                assert!(!kinds.contains(&PartKind::Text), "{q}: text asked for with the ranking: {kinds:?}");
            } else {
                // A complete one asks for the text of its rows, and of no other article.
                let mut rows: Vec<_> = got.hits.iter().take(PAGE).flat_map(|h| text_part(h.doc)).collect();
                rows.sort_by_key(|m| m.number);
                rows.dedup();
                let mut asked = misses.clone();
                asked.sort_by_key(|m| m.number);
                assert_eq!(asked, rows, "{q}");
            }
            insert(&parted, &files, misses);
        }
        assert_eq!(rounds.last(), Some(&Vec::new()), "{q}: {rounds:?}");
        assert!(rounds.iter().any(|r| r.contains(&PartKind::Text)), "{q}: the rows' text was asked for: {rounds:?}");
        for doc in want {
            assert!(text_part(doc).is_empty(), "{q}: row {doc}'s text is in");
        }
    }
}

#[test]
fn a_search_with_parts_missing_names_them() {
    let ix = build(&corpus(300));
    let (start, _) = codec::encode_parted(&ix);
    let parted = codec::decode(&start).unwrap();
    assert!(parted.take_misses().is_empty());
    let r = search(&parted, "peace", Sort::Relevance);
    assert!(r.hits.is_empty(), "no postings arrived: nothing found yet");
    // The word's part of the stem table and its own posting list, asked for
    // together (one round trip), and no text.
    let mut kinds: Vec<PartKind> = parted.take_misses().iter().map(|m| m.kind).collect();
    kinds.dedup();
    assert_eq!(kinds, [PartKind::Postings, PartKind::Stems]);
    assert!(parted.take_misses().is_empty(), "taken once");
    parted.touch_text(0);
    assert_eq!(parted.take_misses().iter().map(|m| (m.kind, m.number)).collect::<Vec<_>>(), [(PartKind::Text, 0)]);
    // Asking for everything names every part once, and none that has arrived.
    let (start, files) = codec::encode_parted(&ix);
    let parted = codec::decode(&start).unwrap();
    let (first, streams) = codec::decode_part(&files[0].1).unwrap();
    parted.insert_part(first, streams).unwrap();
    parted.part_tables().iter().for_each(|t| t.miss_all_absent());
    let all = parted.take_misses();
    assert_eq!(all.len(), files.len() - 1);
    assert!(!all.contains(&first));
}

#[test]
fn bad_parts_are_refused() {
    let ix = build(&corpus(300));
    let (start, parts) = codec::encode_parted(&ix);
    let parted = codec::decode(&start).unwrap();
    let (name, file) = &parts[0];
    assert!(codec::is_part_name(name), "{name}");
    let mut damaged = file.clone();
    let mid = damaged.len() / 2;
    damaged[mid] ^= 1;
    assert_eq!(codec::decode_part(&damaged), Err(CodecError::Checksum));
    assert!(matches!(codec::decode_part(&file[..file.len() - 3]), Err(CodecError::Truncated { .. })));
    assert_eq!(codec::decode_part(&start), Err(CodecError::NotAnIndex), "a start file is no part");
    // A part put in the place of one with another number of items is refused
    // (the app also checks that a file is the part it asked for).
    let (id, streams) = codec::decode_part(file).unwrap();
    let other = parts
        .iter()
        .map(|(_, f)| codec::decode_part(f).unwrap())
        .find(|(o, s)| o.kind == id.kind && s[0].at.len() != streams[0].at.len());
    let (_, other_streams) = other.expect("a part of the same kind with another number of items");
    assert!(parted.insert_part(id, other_streams).is_err());
    let mut inconsistent = streams.clone();
    inconsistent[0].at[1] = u32::MAX;
    assert!(parted.insert_part(id, inconsistent).is_err(), "offsets past the bytes");
    assert!(parted.insert_part(id, streams).is_ok());
    // Whole archives have no parts to take.
    let whole = codec::decode(&codec::encode(&ix)).unwrap();
    assert_eq!(whole.parts_loaded(), (0, 0));
    assert!(whole.insert_part(id, vec![]).is_err());
}

#[test]
fn a_part_is_named_after_the_bytes_of_its_group() {
    let texts = corpus(1500);
    let mut changed = texts.clone();
    changed.last_mut().unwrap().push_str(" Zyzzyva"); // the last text part only
    let text_names = |texts: &[String]| {
        let (start, _) = codec::encode_parted(&build(texts));
        let ix = codec::decode(&start).unwrap();
        ix.part_tables().into_iter().find(|t| t.kind == PartKind::Text).unwrap().names.clone()
    };
    let (a, b) = (text_names(&texts), text_names(&changed));
    assert!(a.len() > codec::NAME_GROUP && a.len() == b.len(), "{} text parts", a.len());
    let last_group = (a.len() - 1) / codec::NAME_GROUP * codec::NAME_GROUP;
    assert_eq!(a[..last_group], b[..last_group], "groups with no change keep their names");
    assert!(
        a[last_group..].iter().zip(&b[last_group..]).all(|(x, y)| x != y),
        "every name in the changed group changes"
    );
}

mod forged {
    use super::*;
    use proptest::prelude::*;

    /// A start file and its named parts.
    type Parted = (Vec<u8>, Vec<(String, Vec<u8>)>);

    /// Searches `ix` for one query of each kind, highlights and reads the best
    /// five articles of each: all a forged file must survive.
    fn search_highlight_read(ix: &Index) {
        for q in [
            "peace",
            "the",
            "\"peace treaty\"",
            "\"of the\"",
            "trea*",
            "tretay~",
            "kopyrkin OR baku",
            "-peace security",
            "minister talks week",
            "date:2015",
        ] {
            let r = search(ix, q, Sort::Relevance);
            for h in r.hits.iter().take(5) {
                let a = ix.article(h.doc);
                let _ = r.matcher.find(&a.text, clippings_core::Field::Body);
            }
        }
    }

    /// `file` with its payload byte `i` set to `byte` and its checksum made to
    /// fit (the header: magic 8 bytes, version 4, checksum 8, length 8).
    fn forge(file: &[u8], i: usize, byte: u8) -> Vec<u8> {
        let mut out = file.to_vec();
        let at = 28 + i % (out.len() - 28);
        out[at] = byte;
        let sum = codec::checksum(&out[28..]);
        out[12..20].copy_from_slice(&sum.to_le_bytes());
        out
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]
        /// A part whose bytes were changed behind a checksum made to fit (what a
        /// hostile server could send) may give wrong answers, but never a panic:
        /// every search, its highlights and the articles' text still come back.
        #[test]
        fn a_forged_part_never_panics(
            which in 0usize..64,
            edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<prop::sample::Index>(), any::<u8>()), 1..8),
        ) {
            static FILES: std::sync::OnceLock<Parted> = std::sync::OnceLock::new();
            let (start, parts) = FILES.get_or_init(|| codec::encode_parted(&build(&corpus(300))));
            let parted = codec::decode(start).unwrap();
            let (_, file) = &parts[which % parts.len()];
            let (id, mut streams) = codec::decode_part(file).unwrap();
            for (stream, at, byte) in edits {
                let n = streams.len();
                let s = &mut streams[stream.index(n)];
                if byte % 4 == 0 {
                    // An offset moved within the bytes.
                    let i = at.index(s.at.len());
                    s.at[i] = (u32::from(byte) * 7) % (s.bytes.len() as u32 + 1);
                } else if !s.bytes.is_empty() {
                    let i = at.index(s.bytes.len());
                    s.bytes[i] = byte;
                }
            }
            if parted.insert_part(id, streams).is_err() {
                return Ok(());
            }
            for (_, file) in parts {
                let (other, streams) = codec::decode_part(file).unwrap();
                if other != id {
                    parted.insert_part(other, streams).unwrap();
                }
            }
            search_highlight_read(&parted);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 1024, ..ProptestConfig::default() })]
        /// The same for a whole archive (the single file's): decoded, a forged
        /// file is refused or searched without a panic.
        #[test]
        fn a_forged_archive_never_panics(edits in proptest::collection::vec((any::<usize>(), any::<u8>()), 1..4)) {
            static FILE: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
            let mut forged = FILE.get_or_init(|| codec::encode(&build(&corpus(60)))).clone();
            for (i, byte) in edits {
                forged = forge(&forged, i, byte);
            }
            let Ok(ix) = codec::decode(&forged) else { return Ok(()) };
            search_highlight_read(&ix);
        }
    }
}

#[test]
fn a_link_to_an_article_reads_one_ids_part_then_its_text_part() {
    let ix = build(&corpus(3000));
    let (start, parts) = codec::encode_parted(&ix);
    let files: HashMap<String, Vec<u8>> = parts.into_iter().collect();
    let parted = codec::decode(&start).unwrap();
    let ids = parted.part_tables().into_iter().find(|p| p.kind == PartKind::Ids).unwrap();
    assert!(ids.len() > 1, "the id table is cut into several parts ({})", ids.len());
    for doc in [0u32, 1, 1234, 2999] {
        let id = ix.id(doc);
        // The id table's part first, then the article's card and words.
        let (found, kinds) = by_need(&parted, &files, || parted.find(&id));
        assert_eq!(found, Some(doc), "{id}");
        assert!(kinds.is_empty() || kinds == [PartKind::Ids], "{kinds:?}");
        let (card, kinds) = by_need(&parted, &files, || parted.card(doc));
        assert_eq!(card, ix.card(doc), "{id}");
        assert!(kinds.is_empty() || kinds == [PartKind::Text], "{kinds:?}");
        assert_eq!(parted.article(doc), ix.article(doc));
    }
    let (absent, _) = by_need(&parted, &files, || parted.find("no-such-article"));
    assert_eq!(absent, None);
    // Before its part arrives an id reads as not found and names the part.
    let fresh = codec::decode(&start).unwrap();
    assert_eq!(fresh.find(&ix.id(5)), None);
    assert_eq!(fresh.take_misses().iter().map(|m| m.kind).collect::<Vec<_>>(), [PartKind::Ids]);
}
