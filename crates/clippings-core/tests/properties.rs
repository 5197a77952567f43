//! Property tests: the index agrees with a brute-force scan of the same tokens,
//! the parser round-trips and never panics, highlights stay on char boundaries.

use clippings_core::analysis::tokenize;
use clippings_core::article::parse;
use clippings_core::query::{self, print};
use clippings_core::{search, Field, Index, Sort, Sources};
use proptest::prelude::*;

const VOCAB: &[&str] =
    &["peace", "treaty", "Russia’s", "russia", "Türkiye", "3+3", "csto", "the", "a", "é", "東京", "Ереван"];

fn doc_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(VOCAB), 1..30).prop_map(|w| format!("Headline\n{}", w.join(" ")))
}

fn build(texts: &[String]) -> Index {
    Index::build(texts.iter().enumerate().map(|(i, t)| parse(&format!("d{i}"), t).unwrap()).collect())
}

/// Brute force: documents whose body tokens contain `words` consecutively.
fn scan(texts: &[String], words: &[String]) -> Vec<u32> {
    let mut out = Vec::new();
    for (i, t) in texts.iter().enumerate() {
        let body = t.split_once('\n').unwrap().1;
        let terms: Vec<String> = tokenize(body).into_iter().map(|t| t.term).collect();
        if terms.windows(words.len()).any(|w| w == words) {
            out.push(i as u32);
        }
    }
    out
}

fn found<'a>(sources: impl Into<Sources<'a>>, q: &str) -> Vec<u32> {
    let mut d: Vec<u32> = search(sources, q, Sort::Relevance).hits.iter().map(|h| h.doc).collect();
    d.sort();
    d
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn exact_words_and_phrases_agree_with_a_scan(
        texts in proptest::collection::vec(doc_text(), 1..12),
        a in proptest::sample::select(VOCAB),
        b in proptest::sample::select(VOCAB),
    ) {
        let ix = build(&texts);
        let wa: Vec<String> = tokenize(a).into_iter().map(|t| t.term).collect();
        let wb: Vec<String> = tokenize(b).into_iter().map(|t| t.term).collect();
        prop_assume!(wa.len() == 1 && wb.len() == 1);
        let title_hit = |w: &str| w == "headline";
        prop_assume!(!title_hit(&wa[0]) && !title_hit(&wb[0]));
        prop_assert_eq!(found(&ix, &format!("\"{}\"", wa[0])), scan(&texts, &wa));
        let phrase = vec![wa[0].clone(), wb[0].clone()];
        prop_assert_eq!(found(&ix, &format!("\"{} {}\"", wa[0], wb[0])), scan(&texts, &phrase));
        // Every reported phrase hit is a real occurrence in the displayed text.
        let r = search(&ix, &format!("\"{} {}\"", wa[0], wb[0]), Sort::Relevance);
        for h in &r.hits {
            let art = ix.article(h.doc);
            prop_assert!(!r.matcher.find(&art.text, Field::Body).is_empty());
        }
    }

    /// Three-word phrases over corpora where some words are in most documents and
    /// some in few: positions from the postings, from the text, from the common
    /// words' table, and mixed (`positions_stored`) must agree with a scan.
    #[test]
    fn phrases_agree_with_a_scan_whichever_way_positions_are_read(
        texts in proptest::collection::vec(doc_text(), 1..40),
        words in proptest::collection::vec(proptest::sample::select(&["peace", "treaty", "the", "a", "csto", "russia"][..]), 3),
    ) {
        let ix = build(&texts);
        let words: Vec<String> = words.iter().map(|w| w.to_string()).collect();
        let table = clippings_core::common_walk::build_now(&ix);
        for common in [None, Some(&table)] {
            let sources = Sources::new(&ix, common);
            prop_assert_eq!(found(sources, &format!("\"{}\"", words.join(" "))), scan(&texts, &words));
            prop_assert_eq!(found(sources, &format!("\"{} {}\"", words[0], words[1])), scan(&texts, &words[..2]));
        }
    }

    #[test]
    fn printing_a_parsed_query_parses_back_the_same(q in "\\PC{0,60}") {
        let (tree, _) = query::parse(&q);
        if let Some(tree) = tree {
            let printed = print(&tree);
            prop_assert_eq!(query::parse(&printed).0, Some(tree), "printed as {}", printed);
        }
    }

    #[test]
    fn operator_soup_never_panics(q in "[-()\"|*~: a-cOR]{0,200}") {
        let ix = build(&["Headline\na b c".to_string()]);
        let r = search(&ix, &q, Sort::Relevance);
        prop_assert!(r.hits.len() <= 1);
    }

    #[test]
    fn highlights_lie_on_char_boundaries_and_segments_rebuild_the_text(text in "\\PC{0,80}", q in "\\PC{0,12}") {
        let ix = build(&[format!("Headline\n{text}")]);
        let r = search(&ix, &q, Sort::Relevance);
        let spans = r.matcher.find(&text, Field::Body);
        for s in &spans {
            prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end) && s.start < s.end);
        }
        prop_assert!(spans.windows(2).all(|w| w[0].end <= w[1].start));
        let rebuilt: String = clippings_core::highlight::segments(&text, &spans).map(|(_, p)| p).collect();
        prop_assert_eq!(rebuilt, text);
    }
}

/// The query fuzzer: arbitrary text and operator soup through parser, search and
/// highlighter. `CLIPPINGS_FUZZ_CASES=1000000 cargo test -p clippings-core --release
/// --test properties fuzz` runs a million inputs; CI runs the default.
#[test]
fn fuzz_queries_against_the_seeds() {
    let cases = std::env::var("CLIPPINGS_FUZZ_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(3000);
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../seeds");
    let ix = Index::build(clippings_core::corpus::load(&dir).unwrap().articles);
    let text = &ix.article(0).text;
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(cases));
    let strategy = prop_oneof![
        "\\PC{0,40}",
        "[-()\"“”|*~: a-zA-Z0-9]{0,80}",
        proptest::collection::vec(
            proptest::sample::select(
                &[
                    "kopyrkin",
                    "OR",
                    "NOT",
                    "-",
                    "(",
                    ")",
                    "\"",
                    "*",
                    "~2",
                    "title:",
                    "date:2023..",
                    "russia's",
                    "|",
                    "3+3"
                ][..]
            ),
            0..30
        )
        .prop_map(|v| v.join(" ")),
    ];
    runner
        .run(&strategy, |q| {
            let r = search(&ix, &q, Sort::Relevance);
            prop_assert!(r.hits.len() <= ix.len());
            for s in r.matcher.find(text, Field::Body) {
                prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
            }
            Ok(())
        })
        .unwrap();
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(100))]

    /// The first k of a partial ranking equal the first k of the full one.
    #[test]
    fn top_k_agrees_with_the_full_ranking(texts in proptest::collection::vec(doc_text(), 1..30), k in 0usize..12) {
        let ix = build(&texts);
        for sort in [Sort::Relevance, Sort::Newest, Sort::Oldest] {
            for q in ["peace", "peace treaty", "", "csto OR the"] {
                let full = search(&ix, q, sort).hits;
                let top = clippings_core::search_top(&ix, q, sort, k).hits;
                prop_assert_eq!(full.len(), top.len());
                let n = k.min(full.len());
                prop_assert_eq!(&full[..n], &top[..n]);
            }
        }
    }
}

/// A boolean query over exact words and two-word phrases, for the set-semantics check.
#[derive(Debug, Clone)]
enum Q {
    Word(&'static str),
    Phrase(&'static str, &'static str),
    And(Vec<Q>),
    Or(Vec<Q>),
    Not(Box<Q>),
}

const WORDS: &[&str] = &["peace", "treaty", "border", "talks", "csto"];

impl Q {
    fn text(&self) -> String {
        match self {
            Q::Word(w) => format!("\"{w}\""),
            Q::Phrase(a, b) => format!("\"{a} {b}\""),
            Q::And(c) => format!("({})", c.iter().map(Q::text).collect::<Vec<_>>().join(" ")),
            Q::Or(c) => format!("({})", c.iter().map(Q::text).collect::<Vec<_>>().join(" OR ")),
            Q::Not(q) => format!("-{}", q.text()),
        }
    }
    fn matches(&self, body: &[String]) -> bool {
        match self {
            Q::Word(w) => body.iter().any(|t| t == w),
            Q::Phrase(a, b) => body.windows(2).any(|p| p[0] == *a && p[1] == *b),
            Q::And(c) => c.iter().all(|q| q.matches(body)),
            Q::Or(c) => c.iter().any(|q| q.matches(body)),
            Q::Not(q) => !q.matches(body),
        }
    }
}

fn boolean_query() -> impl Strategy<Value = Q> {
    let word = proptest::sample::select(WORDS);
    let leaf = prop_oneof![word.clone().prop_map(Q::Word), (word.clone(), word).prop_map(|(a, b)| Q::Phrase(a, b))];
    leaf.prop_recursive(3, 12, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 2..4).prop_map(Q::And),
            proptest::collection::vec(inner.clone(), 2..4).prop_map(Q::Or),
            inner.prop_map(|q| Q::Not(Box::new(q))),
        ]
    })
}

/// Many short documents, so that posting lists run over several blocks of 128.
fn many_docs() -> impl Strategy<Value = Vec<String>> {
    let weighted =
        proptest::sample::select(&["peace", "peace", "peace", "treaty", "treaty", "border", "talks", "csto"][..]);
    let doc = proptest::collection::vec(weighted, 1..6).prop_map(|w| format!("Headline\n{}", w.join(" ")));
    proptest::collection::vec(doc, 1..420)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// AND / OR / NOT / phrase trees, evaluated with skips over multi-block lists,
    /// give exactly the documents a scan gives.
    #[test]
    fn boolean_queries_agree_with_a_scan(texts in many_docs(), q in boolean_query()) {
        let ix = build(&texts);
        let want: Vec<u32> = texts
            .iter()
            .enumerate()
            .filter(|(_, t)| {
                let body: Vec<String> = tokenize(t.split_once('\n').unwrap().1).into_iter().map(|t| t.term).collect();
                q.matches(&body)
            })
            .map(|(i, _)| i as u32)
            .collect();
        prop_assert_eq!(found(&ix, &q.text()), want, "query {}", q.text());
    }

    /// An AND scores each document as the sum of its words' scores, in query order,
    /// whichever word the evaluation starts from.
    #[test]
    fn and_scores_are_sums_of_word_scores(texts in many_docs(), words in proptest::collection::vec(proptest::sample::select(WORDS), 2..4)) {
        let ix = build(&texts);
        let score_of = |q: &str| -> std::collections::HashMap<u32, f32> {
            search(&ix, q, Sort::Newest).hits.iter().map(|h| (h.doc, h.score)).collect()
        };
        let singles: Vec<_> = words.iter().map(|w| score_of(&format!("\"{w}\""))).collect();
        let query: Vec<String> = words.iter().map(|w| format!("\"{w}\"")).collect();
        let both = score_of(&query.join(" "));
        let mut want = 0;
        for (doc, score) in &singles[0] {
            let Some(sum) = singles[1..].iter().try_fold(*score, |acc, s| s.get(doc).map(|x| acc + x)) else { continue };
            want += 1;
            prop_assert_eq!(both.get(doc).copied(), Some(sum), "doc {}", doc);
        }
        prop_assert_eq!(both.len(), want);
    }
}

/// Brute force: documents whose tokens (title or body) stem to any of `stems`.
fn holding_any(texts: &[String], stems: &[String]) -> Vec<u32> {
    let stemmers = clippings_core::analysis::Stemmers::default();
    let mut out = Vec::new();
    for (i, t) in texts.iter().enumerate() {
        if tokenize(t).iter().any(|tok| stems.contains(&stemmers.stem(&tok.term))) {
            out.push(i as u32);
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Bare words: every word required while some article holds them all (and,
    /// past three content words, while at least ten do); otherwise exactly the
    /// articles holding any content word, function words ("the", "a") optional.
    #[test]
    fn bare_words_relax_to_the_articles_holding_any(
        texts in proptest::collection::vec(doc_text(), 1..30),
        words in proptest::collection::vec(proptest::sample::select(&["peace", "treaty", "the", "a", "csto", "russia", "Ереван"][..]), 2..6),
    ) {
        let ix = build(&texts);
        let stemmers = clippings_core::analysis::Stemmers::default();
        let q = words.join(" ");
        let stem = |w: &str| stemmers.stem(&tokenize(w)[0].term);
        let all: Vec<u32> = (0..texts.len() as u32)
            .filter(|&i| words.iter().all(|w| holding_any(&texts[i as usize..=i as usize], &[stem(w)]) == [0]))
            .collect();
        let mut content: Vec<String> = words.iter().filter(|w| !["the", "a"].contains(w)).map(|w| stem(w)).collect();
        content.sort();
        content.dedup();
        if content.is_empty() {
            // Only function words: each counts once, as the engine counts them.
            content = words.iter().map(|w| stem(w)).collect();
            content.sort();
            content.dedup();
        }
        let strict = !all.is_empty() && (content.len() <= 3 || all.len() >= 10);
        let want = if strict { all } else { holding_any(&texts, &content) };
        prop_assert_eq!(found(&ix, &q), want, "query {:?}", q);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// A value's count is the chosen articles that hold it and pass the filters
    /// of every other kind (values of one kind are alternatives, kinds are
    /// combined); an article passes when it passes every kind's filters. With no
    /// filter (a path of its own) every value an article holds counts.
    #[test]
    fn facet_counts_agree_with_a_scan(
        metas in proptest::collection::vec((0usize..4, proptest::collection::vec(0usize..4, 0..3), 0usize..3), 1..25),
        chosen in proptest::collection::vec(any::<bool>(), 25),
        picks in proptest::collection::vec(0usize..64, 0..4),
    ) {
        use clippings_core::facets::Facets;
        let articles: Vec<_> = metas
            .iter()
            .enumerate()
            .map(|(i, (section, tags, source))| {
                let mut a = parse(&format!("d{i}"), "Headline\nplain words here").unwrap();
                a.meta.section = ["Politics", "Sport", "Arts"].get(*section).map(|s| s.to_string());
                a.meta.tags = tags.iter().map(|t| ["war", "peace", "trade", "oil"][*t].to_string()).collect();
                a.meta.source = Some(["Wire", "Daily", "Weekly"][*source].to_string());
                a
            })
            .collect();
        let facets = Facets::build(&articles);
        let values = |d: u32| -> Vec<u32> { facets.values_of(d).collect() };
        let docs: Vec<u32> = (0..articles.len() as u32).filter(|&d| chosen[d as usize]).collect();
        let mut filters: Vec<u32> = picks.iter().map(|&p| (p % facets.values.len()) as u32).collect();
        filters.sort();
        filters.dedup();
        let kind = |v: u32| facets.values[v as usize].kind;
        // Whether `d` passes the filters of every kind but `skip`.
        let passes = |d: u32, skip: Option<clippings_core::facets::FacetKind>| {
            let have = values(d);
            filters.iter().map(|&f| kind(f)).filter(|&k| Some(k) != skip).all(|k| {
                filters.iter().any(|&f| kind(f) == k && have.contains(&f))
            })
        };
        for unfiltered in [true, false] {
            let filters_now: &[u32] = if unfiltered { &[] } else { &filters };
            let (counts, passing) = facets.counts_passing(&docs, filters_now);
            let want_passing: Vec<bool> = docs.iter().map(|&d| unfiltered || passes(d, None)).collect();
            prop_assert_eq!(&passing, &want_passing);
            for v in 0..facets.values.len() as u32 {
                let want = docs
                    .iter()
                    .filter(|&&d| values(d).contains(&v) && (unfiltered || passes(d, Some(kind(v)))))
                    .count() as u32;
                prop_assert_eq!(counts[v as usize], want, "value {} filters {:?}", v, filters_now);
            }
        }
    }
}
