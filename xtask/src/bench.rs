//! `cargo xtask bench [--docs 1000,10000,50000]`: benchmarks on synthetic corpora.
//!
//! For each size N it writes `target/bench/corpus-N`, then measures
//! - the indexer natively, in a child process (time and peak memory, `VmHWM`),
//! - decode and per-query-kind latency natively (search + 20 snippets),
//! - the app: a site assembled from the app shell and `corpus-N` into
//!   `target/bench/dist-N` (as `xtask data` does: index natively, write the data
//!   file and pages; no Rust is compiled per size), weighed, and driven in headless
//!   Chromium by `tests/bench/browser.mjs`: first result list, wasm memory,
//!   keystroke → DOM and the same queries inside wasm.
//!
//! `--native` stops after the native part (no wasm build, no browser), and
//! also prints the index's bytes per codec section.
//!
//! Once per run it builds the app shell (`target/shell/`, as `xtask dist` does)
//! and weighs it: the same bytes for every corpus.
//!
//! Prints markdown tables and writes `target/bench/results.json`. A benchmark, not
//! a test: nothing here asserts speed; it fails only when something does not run.
//!
//! What crosses to the indexer child process and to `browser.mjs` and back is JSON,
//! read and written through the structs below ([`Indexer`], [`QueryKind`],
//! [`BrowserReport`]); `results.json` is [`ReportJson`].

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use clippings_core::{codec, Sort};
use serde::{Deserialize, Serialize};

use crate::corpus as synth;
use crate::{exec, root, step, Result};

/// Query kinds measured, each with several concrete queries.
const KINDS: &[(&str, &[&str])] = &[
    ("common word", &["government", "security", "minister", "peace", "trade", "officials"]),
    ("rare word", &[]),
    ("two-word AND", &["peace treaty", "foreign minister", "trade agreement", "border security", "Lavrov Moscow"]),
    ("phrase", &["\"peace treaty\"", "\"foreign minister\"", "\"European Union\"", "\"Sergey Lavrov\""]),
    // Not one of issue 8's kinds: phrases with words in most articles, whose
    // positions are not shipped but computed after start-up (clippings_core::common).
    (
        "phrase with a common word",
        &["\"the government\"", "\"in Tbilisi\"", "\"government of the\"", "\"the peace treaty\""],
    ),
    ("prefix", &["gov*", "secur*", "ka*", "tre*", "minis*"]),
    ("typo (fuzzy)", &["goverment", "secruity", "pashinian~", "zakharov", "minsiter"]),
    ("OR", &["Lavrov OR Pashinyan", "Baku | Yerevan", "treaty OR agreement"]),
    ("facet filter", &["date:2020", "date:2018-03..2019-06", "peace date:2022", "byline:huseynova"]),
    // Issue 20: questions in plain words, which no article answers word for word,
    // so the implicit AND relaxes to the best matches.
    (
        "question (relaxed)",
        &[
            "what did the foreign minister say about the peace treaty with Baku",
            "how is border security changing trade in Yerevan",
            "why did officials in Tbilisi reject the agreement with the European Union",
        ],
    ),
];

/// The same kinds on real English prose (`--real`: Project Gutenberg books, see
/// `tests/bench/realtext.mjs`), where common words are far more common: `said` is
/// in a third of the articles, `the` in nearly all.
const REAL_KINDS: &[(&str, &[&str])] = &[
    ("common word", &["time", "said", "great", "man", "house", "lord"]),
    ("rare word", &["quadrille", "begotten", "zephyr", "cravat", "maelstrom"]),
    ("two-word AND", &["great house", "thou shalt", "old man", "white whale", "dear sister"]),
    ("phrase", &["\"thou shalt\"", "\"my dear\"", "\"old man\"", "\"white whale\""]),
    ("phrase with a common word", &["\"the lord\"", "\"in the house\"", "\"it was\"", "\"of the king\""]),
    ("prefix", &["hous*", "lov*", "tim*", "whal*", "capt*"]),
    ("typo (fuzzy)", &["wahle", "captian", "elizabth", "mariage", "kingdon"]),
    ("OR", &["whale OR ship", "love | hate", "king OR queen"]),
    ("facet filter", &["date:2020", "date:2018-03..2019-06", "love date:2022", "time date:2016"]),
    (
        "question (relaxed)",
        &[
            "what did the old man say about the white whale",
            "how does the lord love his house and his daughters",
            "why was the captain so afraid of the sea",
        ],
    ),
];

/// Native timings per query.
const RUNS: usize = 20;
/// Browser samples per query kind (keystroke → DOM); inside wasm at least 100.
const BROWSER_SAMPLES: usize = 40;

/// The concrete queries of every kind; rare words come from the tail of the
/// Zipfian vocabulary.
pub(crate) fn queries(real: bool) -> Vec<(&'static str, Vec<String>)> {
    if real {
        return REAL_KINDS.iter().map(|(kind, qs)| (*kind, qs.iter().map(|q| q.to_string()).collect())).collect();
    }
    let vocab = synth::vocabulary();
    let rare: Vec<String> = vocab.words[20_000..].iter().step_by(2_000).cloned().collect();
    KINDS
        .iter()
        .map(|(kind, qs)| {
            (*kind, if qs.is_empty() { rare.clone() } else { qs.iter().map(|q| q.to_string()).collect() })
        })
        .collect()
}

pub struct Row {
    pub kind: &'static str,
    pub p50: Duration,
    pub p95: Duration,
    pub mean_hits: usize,
}

/// What the indexer child process reports (`cargo xtask bench-indexer`, JSON on its standard output).
#[derive(Serialize, Deserialize)]
pub struct Indexer {
    pub time_ms: f64,
    pub peak_bytes: u64,
}

pub struct Native {
    pub indexer: Indexer,
    pub index_bytes: usize,
    pub index_gzip: usize,
    pub corpus_gzip: usize,
    pub decode: Duration,
    /// The common words' positions built after decoding, as the app does after start-up: time, bytes held.
    pub common: (Duration, usize),
    pub rows: Vec<Row>,
    /// Facet counts over every article (what the app does for the empty query), p95.
    pub facet_counts: Duration,
    /// The concordance for a common word: up to 1,000 lines, as the app shows it, p95.
    pub kwic: Duration,
    /// Trends of the archive's five most common words over the timeline's bars
    /// (each searched and counted by date), p95, and the words.
    pub trends: (Duration, String),
    /// Distinctive words of a common word's results: one slice of 100 articles
    /// read (what one task of the panel does), and the 500 read and ranked, p95.
    pub keywords: (Duration, Duration),
    /// The index's codec sections: name, raw bytes, gzip bytes (each gzipped alone).
    pub sections: Vec<(&'static str, usize, usize)>,
    /// The same for the hosted build's start file (the bulk is in parts).
    pub start_sections: Vec<(&'static str, usize, usize)>,
    /// The build-time extras among the facets, the numbers and contacts found in
    /// the text (e-mail addresses, phone numbers, linked sites, amounts): how
    /// many values, their labels' bytes (in the start file), and how many
    /// article–value pairs (in the facets' parts).
    pub numbers: (usize, usize, usize),
    /// Versions ([`clippings_core::versions`]): finding them from the text alone
    /// (signatures, groups, differences; inside the indexer they reuse its
    /// words), the groups, the articles in them, and the bytes their cards add.
    pub versions: (Duration, usize, usize, usize),
}

/// One query kind and its queries, in the order measured: what `tests/bench/browser.mjs`
/// reads (`--queries FILE`, a JSON array of these).
#[derive(Serialize)]
struct QueryKind<'a> {
    kind: &'a str,
    queries: &'a [String],
}

/// What `tests/bench/browser.mjs` writes (`--out FILE`, JSON), in milliseconds and bytes.
#[derive(Deserialize)]
pub struct BrowserReport {
    /// Whether the page was cross-origin isolated (COOP/COEP), which its 5 µs timers need.
    pub cross_origin_isolated: bool,
    pub first_list_cold_ms: f64,
    pub first_list_warm_ms: f64,
    /// `None` when the page's resource timings name no wasm file.
    pub wasm_fetched_warm_ms: Option<f64>,
    /// Longest main-thread task over 50 ms from navigation until the app is ready
    /// (0: none), cold and median of the warm loads.
    pub longest_task_cold_ms: f64,
    pub longest_task_warm_ms: f64,
    pub memory_startup_bytes: u64,
    pub memory_after_queries_bytes: u64,
    /// In the order of the query kinds given.
    pub kinds: Vec<BrowserRow>,
}

/// One query kind in the browser, in milliseconds.
#[derive(Deserialize)]
pub struct BrowserRow {
    pub kind: String,
    /// Keystroke → DOM updated.
    pub dom: Percentiles,
    /// … and laid out.
    pub laid_out: Percentiles,
    /// Keystroke → DOM updated, typed once the previous (full) list has been
    /// painted, as between a typist's keystrokes.
    pub paced: Percentiles,
    /// The same queries inside wasm (`clippings_bench_search`), no rendering.
    pub wasm: Percentiles,
    pub mean_hits: u64,
}

#[derive(Deserialize)]
pub struct Percentiles {
    pub p50: f64,
    pub p95: f64,
}

pub struct App {
    pub build: Duration,
    pub wasm: (u64, u64),
    /// The corpus's data files (start file and parts), raw / gzip (each part gzipped alone).
    pub data: (u64, u64),
    /// The start file alone, raw / gzip, and the number of part files.
    pub start: (u64, u64),
    pub parts: usize,
    pub js: (u64, u64),
    /// The app shell's wasm + JS + CSS, gzip.
    pub shell_gzip: Option<u64>,
    pub browser: BrowserReport,
}

pub struct Report {
    pub docs: usize,
    /// Real English prose rather than the synthetic corpus.
    pub real: bool,
    pub corpus_bytes: u64,
    pub native: Native,
    /// `None` with `--native`.
    pub app: Option<App>,
}

fn gzip_len(bytes: &[u8]) -> u64 {
    crate::dist::gzip(bytes).expect("gzip in memory").len() as u64
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

/// `cargo xtask bench-indexer DIR OUT` (run by [`run`] as a child process so its
/// peak memory is the indexer's alone): load, index and encode DIR, write the
/// index to OUT and print its time and `VmHWM`.
pub fn indexer_child(args: &[String]) -> Result {
    let [dir, out] = args else { return Err("usage: xtask bench-indexer DIR OUT".into()) };
    let start = Instant::now();
    // As `cargo xtask data` reads a corpus: every export format, not only text.
    let mut loaded =
        clippings_formats::load(Path::new(dir)).map_err(|errors| format!("{} problems in {dir}", errors.len()))?;
    let bytes = codec::encode(&loaded.index());
    let time_ms = start.elapsed().as_secs_f64() * 1000.0;
    std::fs::write(out, &bytes)?;
    let status = std::fs::read_to_string("/proc/self/status")?;
    let peak_kb: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .ok_or("no VmHWM in /proc/self/status")?;
    println!("{}", serde_json::to_string(&Indexer { time_ms, peak_bytes: peak_kb * 1024 })?);
    Ok(())
}

fn native(dir: &Path, work: &Path, queries: &[(&'static str, Vec<String>)]) -> Result<Native> {
    let index_file = work.join("index.bin");
    let out = Command::new(std::env::current_exe()?).arg("bench-indexer").arg(dir).arg(&index_file).output()?;
    if !out.status.success() {
        return Err(format!("the indexer failed: {}", String::from_utf8_lossy(&out.stderr)).into());
    }
    let indexer: Indexer = serde_json::from_slice(&out.stdout).map_err(|err| format!("the indexer's report: {err}"))?;

    let bytes = std::fs::read(&index_file)?;
    let start = Instant::now();
    let index = codec::decode(&bytes)?;
    let decode = start.elapsed();
    let start = Instant::now();
    let table = clippings_core::common_walk::build_now(&index);
    let common_table = (start.elapsed(), table.heap_bytes());
    // As the app searches once the common words' positions are ready.
    let sources = clippings_core::Sources::new(&index, Some(&table));
    let all_text: Vec<u8> = (0..index.len() as u32).flat_map(|d| index.article(d).text.into_bytes()).collect();

    let mut rows = Vec::new();
    for (kind, queries) in queries {
        let mut times = Vec::with_capacity(queries.len() * RUNS);
        let mut hits = 0;
        for q in queries {
            for _ in 0..RUNS {
                let t = Instant::now();
                let r = clippings_core::search_top(sources, q, Sort::Relevance, 50);
                // Include what the app does for a visible page: snippets of the first 20.
                for h in r.hits.iter().take(20) {
                    std::hint::black_box(clippings_core::highlight::snippet(&index.article(h.doc), &r.matcher));
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
            // Rounded like the browser's Math.round, so the two can be compared.
            mean_hits: (hits as f64 / times.len() as f64).round() as usize,
        });
    }
    let p95 = |mut f: Box<dyn FnMut()>| {
        let mut times: Vec<Duration> = (0..RUNS)
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed()
            })
            .collect();
        times.sort();
        percentile(&times, 0.95)
    };
    let all: Vec<u32> = (0..index.len() as u32).collect();
    let facet_counts = p95(Box::new(|| {
        std::hint::black_box(index.facets.counts(&all, &[]));
    }));
    let common = clippings_core::search(sources, "government", Sort::Relevance);
    let kwic = p95(Box::new(|| {
        let mut lines = 0;
        for h in &common.hits {
            lines += clippings_core::highlight::kwic(&index.article(h.doc), &common.matcher, 60).len();
            if lines >= 1000 {
                break;
            }
        }
        std::hint::black_box(lines);
    }));
    let read = clippings_core::keywords::first_read(&common.hits);
    let count = |docs: &[u32]| {
        let mut counts = clippings_core::keywords::KeyCounts::default();
        docs.iter().for_each(|&d| counts.add(&index, d));
        counts
    };
    let slice = p95(Box::new(|| {
        std::hint::black_box(count(&read[..read.len().min(100)]));
    }));
    let ranked = p95(Box::new(|| {
        std::hint::black_box(count(&read).rank(&index));
    }));
    // The worst case for the trends panel: the five words in the most articles.
    let mut by_df: Vec<u32> = (0..index.terms.len() as u32).collect();
    by_df.sort_by_key(|&t| std::cmp::Reverse(index.doc_freq[t as usize]));
    let words: Vec<&str> = by_df.iter().take(5).map(|&t| index.terms[t as usize].as_str()).collect();
    let words = words.join(", ");
    let trends = match clippings_core::timeline::bars(&index) {
        Some(bars) => p95(Box::new(|| {
            std::hint::black_box(bars.trends(sources, &words, &[]));
        })),
        None => Duration::ZERO,
    };
    let extra = |k: u32| {
        use clippings_core::facets::FacetKind;
        let kind = index.facets.values[k as usize].kind;
        matches!(kind, FacetKind::Email | FacetKind::Phone | FacetKind::Link | FacetKind::Amount)
    };
    let labels = (0..index.facets.values.len() as u32)
        .filter(|&k| extra(k))
        .map(|k| index.facets.values[k as usize].label.len());
    let pairs = index.facets.doc_values.iter().flatten().filter(|&&k| extra(k)).count();
    let numbers = (labels.clone().count(), labels.sum(), pairs);
    let versions = {
        let articles =
            clippings_formats::load(dir).map_err(|e| format!("{} problems in the corpus", e.len()))?.articles;
        let start = Instant::now();
        let cards = clippings_core::versions::find(&articles);
        let time = start.elapsed();
        let groups = cards.iter().filter(|(d, v)| v.lead == *d).count();
        let bytes = cards
            .into_iter()
            .map(|(_, v)| {
                let mut b = Vec::new();
                clippings_core::index::Card { versions: Some(v), ..Default::default() }.write(&mut b);
                b.len() - 2
            })
            .collect::<Vec<usize>>();
        (time, groups, bytes.len(), bytes.iter().sum())
    };
    let weigh = |sections: Vec<(&'static str, Vec<u8>)>| {
        sections.into_iter().map(|(name, b)| (name, b.len(), gzip_len(&b) as usize)).collect()
    };
    Ok(Native {
        sections: weigh(codec::sections(&index)),
        start_sections: weigh(codec::start_sections(&index)),
        indexer,
        index_bytes: bytes.len(),
        index_gzip: gzip_len(&bytes) as usize,
        corpus_gzip: gzip_len(&all_text) as usize,
        decode,
        common: common_table,
        rows,
        facet_counts,
        kwic,
        trends: (trends, words),
        keywords: (slice, ranked),
        numbers,
        versions,
    })
}

/// Assembles the site for `corpus` into `dist` from the app shell: the time of
/// `cargo xtask data` (index natively, write the data file and the pages).
fn build_app(corpus: &Path, dist: &Path) -> Result<Duration> {
    // A fresh folder, so that no earlier edition kept beside it is weighed too.
    if dist.exists() {
        std::fs::remove_dir_all(dist)?;
    }
    let start = Instant::now();
    crate::dist::assemble(corpus, dist)?;
    Ok(start.elapsed())
}

/// The app shell: its wasm + JS + CSS, gzip (the same bytes whatever the corpus).
fn shell_gzip() -> Result<u64> {
    crate::dist::shell()?;
    let shell = crate::dist::shell_dir();
    Ok(weigh(&shell, ".wasm")?.1 + weigh(&shell, ".js")?.1 + weigh(&shell, ".css")?.1)
}

/// Raw and gzip bytes of the files in `dist` whose names end with `suffix`.
fn weigh(dist: &Path, suffix: &str) -> Result<(u64, u64)> {
    weigh_where(dist, |name| name.ends_with(suffix))
}

/// Raw and gzip bytes of the files in `dir` whose names `pick` accepts.
fn weigh_where(dir: &Path, pick: impl Fn(&str) -> bool) -> Result<(u64, u64)> {
    let mut total = (0, 0);
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        if pick(&entry.file_name().to_string_lossy()) {
            let bytes = std::fs::read(entry.path())?;
            total.0 += bytes.len() as u64;
            total.1 += gzip_len(&bytes);
        }
    }
    Ok(total)
}

fn browser(
    dist: &Path,
    work: &Path,
    queries: &[(&'static str, Vec<String>)],
    build: Duration,
    shell: Option<u64>,
) -> Result<App> {
    let js = weigh(dist, ".js")?;
    let query_file = work.join("queries.json");
    let kinds: Vec<QueryKind> = queries.iter().map(|(kind, queries)| QueryKind { kind, queries }).collect();
    std::fs::write(&query_file, serde_json::to_string_pretty(&kinds)?)?;
    let out_file = work.join("browser.json");
    exec(
        Command::new("node")
            .arg(root().join("tests/bench/browser.mjs"))
            .arg("--dist")
            .arg(dist)
            .arg("--queries")
            .arg(&query_file)
            .arg("--out")
            .arg(&out_file)
            .args(["--samples", &BROWSER_SAMPLES.to_string()])
            .current_dir(root().join("tests")),
    )?;
    let report: BrowserReport =
        serde_json::from_slice(&std::fs::read(&out_file)?).map_err(|err| format!("{}: {err}", out_file.display()))?;
    if !report.kinds.iter().map(|r| r.kind.as_str()).eq(queries.iter().map(|(kind, _)| *kind)) {
        return Err("browser.mjs reported other query kinds than it was given".into());
    }
    if !report.cross_origin_isolated {
        eprintln!("warning: the page was not cross-origin isolated: its timers are coarse (100 µs)");
    }
    Ok(App {
        build,
        wasm: weigh(dist, ".wasm")?,
        data: weigh(&dist.join(crate::dist::data::DIR), ".bin")?,
        start: weigh_where(&dist.join(crate::dist::data::DIR), |name| name.starts_with("index-"))?,
        parts: std::fs::read_dir(dist.join(crate::dist::data::DIR))?
            .filter(|e| e.as_ref().is_ok_and(|e| e.file_name().to_string_lossy().starts_with("p-")))
            .count(),
        js,
        shell_gzip: shell,
        browser: report,
    })
}

pub fn measure(docs: usize, work: &Path, native_only: bool, shell: Option<u64>, real: bool) -> Result<Report> {
    let name = if real { format!("real-{docs}") } else { docs.to_string() };
    let corpus_dir = work.join(format!("corpus-{name}"));
    let dist = work.join(format!("dist-{name}"));
    let scratch = work.join(format!("run-{name}"));
    std::fs::create_dir_all(&scratch)?;
    let queries = queries(real);

    step(&format!("bench {docs}: corpus{}", if real { " (real text)" } else { "" }));
    let corpus_bytes = if real { real_text(docs, &corpus_dir)? } else { synth::write(docs, &corpus_dir)? };
    step(&format!("bench {docs}: indexer and queries, native"));
    let native = native(&corpus_dir, &scratch, &queries)?;
    if native_only {
        return Ok(Report { docs, real, corpus_bytes, native, app: None });
    }
    step(&format!("bench {docs}: app build"));
    let build = build_app(&corpus_dir, &dist)?;
    step(&format!("bench {docs}: headless Chromium"));
    let app = browser(&dist, &scratch, &queries, build, shell)?;
    Ok(Report { docs, real, corpus_bytes, native, app: Some(app) })
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// `x` rounded to `places` decimals, as `results.json` keeps it.
fn round(x: f64, places: i32) -> f64 {
    let scale = 10f64.powi(places);
    (x * scale).round() / scale
}

fn mb(bytes: u64) -> String {
    format!("{:.2} MB", bytes as f64 / 1e6)
}

fn print_native(r: &Report) {
    let n = &r.native;
    println!("| measure | value |\n|---|---|");
    println!("| indexer: parse + index + encode (native, release) | {:.0} ms |", n.indexer.time_ms);
    println!("| indexer: peak memory (VmHWM) | {} |", mb(n.indexer.peak_bytes));
    println!("| index (the data file), raw / gzip | {} / {} |", mb(n.index_bytes as u64), mb(n.index_gzip as u64));
    println!("| article text alone, gzip | {} |", mb(n.corpus_gzip as u64));
    println!(
        "| index on top of the text, gzip | {} = {:.2}× the text |",
        mb((n.index_gzip as u64).saturating_sub(n.corpus_gzip as u64)),
        (n.index_gzip as f64 - n.corpus_gzip as f64) / n.corpus_gzip as f64
    );
    print_native_measures(n);
    for (what, sections) in [("index section", &n.sections), ("start file section (hosted)", &n.start_sections)] {
        println!("\n| {what} | raw | gzip (alone) |\n|---|---|---|");
        for (name, raw, gz) in sections {
            println!("| {name} | {raw} | {gz} |");
        }
    }
    println!("\n| query kind | native p50 / p95 ms | mean hits |\n|---|---|---|");
    for row in &n.rows {
        println!("| {} | {:.3} / {:.3} | {} |", row.kind, ms(row.p50), ms(row.p95), row.mean_hits);
    }
}

/// The native measures both tables show.
fn print_native_measures(n: &Native) {
    println!("| decode at start-up (native) | {:.3} ms |", ms(n.decode));
    println!(
        "| common words' positions, built after start-up: time (native) / memory | {:.3} ms / {} |",
        ms(n.common.0),
        mb(n.common.1 as u64)
    );
    println!("| facet counts over every article, p95 (native) | {:.3} ms |", ms(n.facet_counts));
    let (values, label_bytes, pairs) = n.numbers;
    println!(
        "| numbers and contacts found in the text (facets): values / their labels / article–value pairs | {values} / {label_bytes} B / {pairs} |"
    );
    let (time, groups, grouped, bytes) = n.versions;
    println!(
        "| versions (near-duplicates): groups / articles in them / bytes in their cards; found from the text alone (native) | {groups} / {grouped} / {bytes} B; {:.0} ms |",
        ms(time)
    );
    println!("| concordance of a common word, 1,000 lines (the view's cap), p95 (native) | {:.3} ms |", ms(n.kwic));
    println!(
        "| trends of the five most common words ({}) over the timeline, p95 (native) | {:.3} ms |",
        n.trends.1,
        ms(n.trends.0)
    );
    println!(
        "| distinctive words of \"government\": one task's 100 results read / all 500 read and ranked, p95 (native) | {:.3} ms / {:.3} ms |",
        ms(n.keywords.0),
        ms(n.keywords.1)
    );
}

pub fn print(r: &Report) {
    let kind = if r.real { "real-text" } else { "synthetic" };
    println!("\n## {} {kind} articles ({:.1} MB of text)\n", r.docs, r.corpus_bytes as f64 / 1e6);
    let Some(a) = &r.app else {
        return print_native(r);
    };
    let n = &r.native;
    let b = &a.browser;
    println!("| measure | value |\n|---|---|");
    println!("| indexer: parse + index + encode (native, release) | {:.0} ms |", n.indexer.time_ms);
    println!("| indexer: peak memory (VmHWM) | {} |", mb(n.indexer.peak_bytes));
    println!("| site assembly (`xtask data`: indexer + data file + pages) | {:.1} s |", a.build.as_secs_f64());
    println!(
        "| data files (start file + parts, each gzipped alone), raw / gzip | {} / {} |",
        mb(a.data.0),
        mb(a.data.1)
    );
    println!(
        "| … start file (fetched first), raw / gzip; part files (by need) | {} / {}; {} parts |",
        mb(a.start.0),
        mb(a.start.1),
        a.parts
    );
    println!("| article text alone, gzip | {} |", mb(n.corpus_gzip as u64));
    println!("| wasm, raw / gzip | {} / {} |", mb(a.wasm.0), mb(a.wasm.1));
    println!("| JS, raw / gzip | {} / {} |", mb(a.js.0), mb(a.js.1));
    if let Some(shell) = a.shell_gzip {
        println!("| app shell: wasm + JS + CSS, gzip (the same for every corpus) | {:.1} KB |", shell as f64 / 1e3);
    }
    print_native_measures(n);
    println!(
        "| first result list after navigation, cold / warm cache | {:.0} / {:.0} ms |",
        b.first_list_cold_ms, b.first_list_warm_ms
    );
    let fetched = b.wasm_fetched_warm_ms.map_or("not seen".to_string(), |ms| format!("{ms:.0} ms"));
    println!("| … of which wasm fetched (warm) | {fetched} |");
    let task = |ms: f64| if ms > 0.0 { format!("{ms:.0} ms") } else { "none over 50 ms".to_string() };
    println!(
        "| longest main-thread task until ready, cold / warm (the browser compiling the wasm included) | {} / {} |",
        task(b.longest_task_cold_ms),
        task(b.longest_task_warm_ms)
    );
    println!(
        "| wasm memory after start-up / after the query runs | {} / {} |",
        mb(b.memory_startup_bytes),
        mb(b.memory_after_queries_bytes)
    );
    println!(
        "\n| query kind | native p50 / p95 ms | wasm p50 / p95 ms | keystroke → DOM p50 / p95 ms | … laid out p50 / p95 ms | … the list before painted first, p50 / p95 ms | mean hits |"
    );
    println!("|---|---|---|---|---|---|---|");
    for (row, q) in n.rows.iter().zip(query_json(r)) {
        if row.mean_hits as u64 != q.mean_hits {
            eprintln!("warning: {}: {} hits natively, {} in the browser", row.kind, row.mean_hits, q.mean_hits);
        }
        let Some(w) = q.browser else { continue };
        println!(
            "| {} | {:.3} / {:.3} | {:.2} / {:.2} | {:.2} / {:.2} | {:.2} / {:.2} | {:.2} / {:.2} | {} |",
            q.kind,
            q.native_p50_ms,
            q.native_p95_ms,
            w.wasm_p50_ms,
            w.wasm_p95_ms,
            w.dom_p50_ms,
            w.dom_p95_ms,
            w.laid_out_p50_ms,
            w.laid_out_p95_ms,
            w.paced_p50_ms,
            w.paced_p95_ms,
            q.mean_hits
        );
    }
}

/// One size in `results.json`: times in ms (to the µs natively, to 10 µs in the
/// browser, to 0.1 ms for page loads), sizes in bytes. Without the browser part
/// with `--native`.
#[derive(Serialize)]
struct ReportJson {
    docs: usize,
    corpus_bytes: u64,
    indexer_ms: f64,
    indexer_peak_bytes: u64,
    index_bytes: usize,
    index_gzip: usize,
    corpus_gzip: usize,
    decode_ms: f64,
    common_ms: f64,
    common_bytes: usize,
    #[serde(flatten)]
    app: Option<AppJson>,
    queries: Vec<QueryJson>,
}

#[derive(Serialize)]
struct AppJson {
    app_build_ms: f64,
    wasm_bytes: u64,
    wasm_gzip: u64,
    data_bytes: u64,
    data_gzip: u64,
    start_bytes: u64,
    start_gzip: u64,
    parts: usize,
    js_bytes: u64,
    js_gzip: u64,
    shell_gzip: Option<u64>,
    first_list_cold_ms: f64,
    first_list_warm_ms: f64,
    wasm_fetched_warm_ms: Option<f64>,
    longest_task_cold_ms: f64,
    longest_task_warm_ms: f64,
    memory_startup_bytes: u64,
    memory_after_queries_bytes: u64,
}

/// One query kind's figures, as the tables show them.
#[derive(Serialize)]
struct QueryJson {
    kind: &'static str,
    native_p50_ms: f64,
    native_p95_ms: f64,
    #[serde(flatten)]
    browser: Option<BrowserQueryJson>,
    /// The browser's, when it ran.
    mean_hits: u64,
}

#[derive(Serialize)]
struct BrowserQueryJson {
    wasm_p50_ms: f64,
    wasm_p95_ms: f64,
    dom_p50_ms: f64,
    dom_p95_ms: f64,
    laid_out_p50_ms: f64,
    laid_out_p95_ms: f64,
    paced_p50_ms: f64,
    paced_p95_ms: f64,
}

fn query_json(r: &Report) -> Vec<QueryJson> {
    let browser_rows = r.app.as_ref().map(|a| &a.browser.kinds);
    r.native
        .rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let b = browser_rows.map(|rows| &rows[i]);
            QueryJson {
                kind: row.kind,
                native_p50_ms: round(ms(row.p50), 3),
                native_p95_ms: round(ms(row.p95), 3),
                browser: b.map(|b| BrowserQueryJson {
                    wasm_p50_ms: round(b.wasm.p50, 2),
                    wasm_p95_ms: round(b.wasm.p95, 2),
                    dom_p50_ms: round(b.dom.p50, 2),
                    dom_p95_ms: round(b.dom.p95, 2),
                    laid_out_p50_ms: round(b.laid_out.p50, 2),
                    laid_out_p95_ms: round(b.laid_out.p95, 2),
                    paced_p50_ms: round(b.paced.p50, 2),
                    paced_p95_ms: round(b.paced.p95, 2),
                }),
                mean_hits: b.map_or(row.mean_hits as u64, |b| b.mean_hits),
            }
        })
        .collect()
}

fn report_json(r: &Report) -> ReportJson {
    let n = &r.native;
    ReportJson {
        docs: r.docs,
        corpus_bytes: r.corpus_bytes,
        indexer_ms: round(n.indexer.time_ms, 3),
        indexer_peak_bytes: n.indexer.peak_bytes,
        index_bytes: n.index_bytes,
        index_gzip: n.index_gzip,
        corpus_gzip: n.corpus_gzip,
        decode_ms: round(ms(n.decode), 3),
        common_ms: round(ms(n.common.0), 3),
        common_bytes: n.common.1,
        app: r.app.as_ref().map(|a| {
            let b = &a.browser;
            AppJson {
                app_build_ms: round(ms(a.build), 3),
                wasm_bytes: a.wasm.0,
                wasm_gzip: a.wasm.1,
                data_bytes: a.data.0,
                data_gzip: a.data.1,
                start_bytes: a.start.0,
                start_gzip: a.start.1,
                parts: a.parts,
                js_bytes: a.js.0,
                js_gzip: a.js.1,
                shell_gzip: a.shell_gzip,
                first_list_cold_ms: round(b.first_list_cold_ms, 1),
                first_list_warm_ms: round(b.first_list_warm_ms, 1),
                wasm_fetched_warm_ms: b.wasm_fetched_warm_ms.map(|ms| round(ms, 1)),
                longest_task_cold_ms: round(b.longest_task_cold_ms, 1),
                longest_task_warm_ms: round(b.longest_task_warm_ms, 1),
                memory_startup_bytes: b.memory_startup_bytes,
                memory_after_queries_bytes: b.memory_after_queries_bytes,
            }
        }),
        queries: query_json(r),
    }
}

/// `results.json`: one object per size.
pub fn json(reports: &[Report]) -> Result<String> {
    let reports: Vec<ReportJson> = reports.iter().map(report_json).collect();
    Ok(serde_json::to_string_pretty(&reports)? + "\n")
}

/// Writes `docs` real-text articles into `dir` (`tests/bench/realtext.mjs`); their bytes.
fn real_text(docs: usize, dir: &Path) -> Result<u64> {
    exec(
        Command::new("node")
            .arg(root().join("tests/bench/realtext.mjs"))
            .args(["--docs", &docs.to_string(), "--out"])
            .arg(dir),
    )?;
    let mut bytes = 0;
    for entry in std::fs::read_dir(dir)? {
        bytes += entry?.metadata()?.len();
    }
    Ok(bytes)
}

pub fn run(sizes: &[usize], work: &Path, native_only: bool, real: bool) -> Result<PathBuf> {
    if !native_only {
        crate::setup::run()?;
    }
    let shell = if native_only {
        None
    } else {
        step("bench: the app shell");
        Some(shell_gzip()?)
    };
    let mut reports = Vec::new();
    for &n in sizes {
        let r = measure(n, work, native_only, shell, real)?;
        print(&r);
        reports.push(r);
    }
    step("bench: all sizes");
    for r in &reports {
        print(r);
    }
    let out = work.join(match (native_only, real) {
        (true, false) => "results-native.json",
        (true, true) => "results-real-native.json",
        (false, false) => "results.json",
        (false, true) => "results-real.json",
    });
    std::fs::write(&out, json(&reports)?)?;
    println!("\nwrote {}", out.display());
    Ok(out)
}
