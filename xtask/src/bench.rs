//! `cargo xtask bench [--docs 1000,10000,50000]`: indexer and query benchmarks on
//! synthetic corpora. Prints a table per corpus size and writes
//! `target/bench/results.json`. A benchmark, not a test: nothing here asserts speed.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use clippings_core::{codec, corpus, search, Index, Sort};

use crate::corpus as synth;

/// Query kinds measured, each with several concrete queries.
const KINDS: &[(&str, &[&str])] = &[
    ("common word", &["government", "security", "minister", "peace", "trade", "officials"]),
    ("rare word", &[]),
    ("two-word AND", &["peace treaty", "foreign minister", "trade agreement", "border security", "Lavrov Moscow"]),
    ("phrase", &["\"peace treaty\"", "\"foreign minister\"", "\"European Union\"", "\"Sergey Lavrov\""]),
    ("prefix", &["gov*", "secur*", "ka*", "tre*", "minis*"]),
    ("typo (fuzzy)", &["goverment", "secruity", "pashinian~", "zakharov", "minsiter"]),
    ("OR", &["Lavrov OR Pashinyan", "Baku | Yerevan", "treaty OR agreement"]),
    ("facet filter", &["date:2020", "date:2018-03..2019-06", "peace date:2022", "byline:huseynova"]),
];

const RUNS: usize = 20;

pub struct Row {
    pub kind: &'static str,
    pub p50: Duration,
    pub p95: Duration,
    pub mean_hits: usize,
}

pub struct Report {
    pub docs: usize,
    pub corpus_bytes: u64,
    pub build: Duration,
    pub index_bytes: usize,
    pub index_gzip: usize,
    pub corpus_gzip: usize,
    pub decode: Duration,
    pub rows: Vec<Row>,
}

fn gzip_len(bytes: &[u8]) -> usize {
    use std::io::Write;
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(bytes).expect("gzip in memory");
    enc.finish().expect("gzip in memory").len()
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

pub fn measure(docs: usize, dir: &Path) -> Report {
    let corpus_bytes = synth::write(docs, dir).expect("write synthetic corpus");
    let start = Instant::now();
    let loaded = corpus::load(dir).expect("synthetic corpus loads");
    let all_text: Vec<u8> = loaded.articles.iter().flat_map(|a| a.text.bytes()).collect();
    let index = Index::build(loaded.articles);
    let bytes = codec::encode(&index);
    let build = start.elapsed();
    let start = Instant::now();
    let decoded = codec::decode(&bytes).expect("decode");
    let decode = start.elapsed();
    let mut rows = Vec::new();
    let vocab = synth::vocabulary();
    for (kind, queries) in KINDS {
        let mut times = Vec::with_capacity(queries.len() * RUNS);
        let mut hits = 0;
        // Rare words: from the tail of the Zipfian vocabulary.
        let rare: Vec<&str> = vocab.words[20_000..].iter().step_by(2_000).map(String::as_str).collect();
        let queries: &[&str] = if queries.is_empty() { &rare } else { queries };
        for q in queries {
            for _ in 0..RUNS {
                let t = Instant::now();
                let r = search(&decoded, q, Sort::Relevance);
                // Include what the app does for a visible page: snippets of the first 20.
                for h in r.hits.iter().take(20) {
                    std::hint::black_box(clippings_core::highlight::snippet(
                        &decoded.articles[h.doc as usize],
                        &r.matcher,
                    ));
                }
                times.push(t.elapsed());
                hits += r.hits.len();
            }
        }
        times.sort();
        rows.push(Row {
            kind,
            p50: percentile(&times, 0.5),
            p95: percentile(&times, 0.95),
            mean_hits: hits / times.len(),
        });
    }
    Report {
        docs,
        corpus_bytes,
        build,
        index_bytes: bytes.len(),
        index_gzip: gzip_len(&bytes),
        corpus_gzip: gzip_len(&all_text),
        decode,
        rows,
    }
}

fn ms(d: Duration) -> String {
    format!("{:.3}", d.as_secs_f64() * 1000.0)
}

pub fn print(r: &Report) {
    println!("\n## {} articles ({:.1} MB of text)", r.docs, r.corpus_bytes as f64 / 1e6);
    println!("| measure | value |\n|---|---|");
    println!("| index build (parse + index + encode) | {} ms |", ms(r.build));
    println!("| embedded index (text + postings), raw | {} bytes |", r.index_bytes);
    println!("| embedded index, gzip | {} bytes |", r.index_gzip);
    println!("| article text alone, gzip | {} bytes |", r.corpus_gzip);
    println!("| decode at start-up (native) | {} ms |", ms(r.decode));
    println!("\n| query kind (native, search + 20 snippets) | p50 ms | p95 ms | mean hits |\n|---|---|---|---|");
    for row in &r.rows {
        println!("| {} | {} | {} | {} |", row.kind, ms(row.p50), ms(row.p95), row.mean_hits);
    }
}

pub fn json(reports: &[Report]) -> String {
    let mut out = String::from("[\n");
    for (i, r) in reports.iter().enumerate() {
        let rows: Vec<String> = r
            .rows
            .iter()
            .map(|row| {
                format!(
                    "{{\"kind\": \"{}\", \"p50_ms\": {}, \"p95_ms\": {}, \"mean_hits\": {}}}",
                    row.kind,
                    ms(row.p50),
                    ms(row.p95),
                    row.mean_hits
                )
            })
            .collect();
        out += &format!(
            "  {{\"docs\": {}, \"corpus_bytes\": {}, \"build_ms\": {}, \"index_bytes\": {}, \"index_gzip\": {}, \"corpus_gzip\": {}, \"decode_ms\": {}, \"queries\": [{}]}}{}\n",
            r.docs,
            r.corpus_bytes,
            ms(r.build),
            r.index_bytes,
            r.index_gzip,
            r.corpus_gzip,
            ms(r.decode),
            rows.join(", "),
            if i + 1 < reports.len() { "," } else { "" }
        );
    }
    out + "]\n"
}

pub fn run(sizes: &[usize], root: &Path) -> PathBuf {
    let mut reports = Vec::new();
    for &n in sizes {
        let dir = root.join(format!("corpus-{n}"));
        let r = measure(n, &dir);
        print(&r);
        reports.push(r);
    }
    let out = root.join("results.json");
    std::fs::write(&out, json(&reports)).expect("write results.json");
    println!("\nwrote {}", out.display());
    out
}
