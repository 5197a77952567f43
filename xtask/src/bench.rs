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

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use clippings_core::{codec, Sort};

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
fn queries(real: bool) -> Vec<(&'static str, Vec<String>)> {
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

/// What the indexer child process reports.
pub struct Indexer {
    pub time: Duration,
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
    /// The index's codec sections: name, raw bytes, gzip bytes (each gzipped alone).
    pub sections: Vec<(&'static str, usize, usize)>,
    /// The same for the hosted build's start file (the bulk is in parts).
    pub start_sections: Vec<(&'static str, usize, usize)>,
}

/// One query kind in the browser, in milliseconds.
pub struct BrowserRow {
    pub kind: String,
    pub dom: (f64, f64),
    pub laid_out: (f64, f64),
    pub wasm: (f64, f64),
    pub mean_hits: u64,
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
    /// The app shell's wasm + JS, gzip.
    pub shell_gzip: Option<u64>,
    pub first_list_cold_ms: f64,
    pub first_list_warm_ms: f64,
    pub wasm_fetched_warm_ms: f64,
    /// Longest main-thread task over 50 ms from navigation until the app is ready
    /// (0: none), cold and median of the warm loads.
    pub longest_task_cold_ms: f64,
    pub longest_task_warm_ms: f64,
    pub memory_startup: u64,
    pub memory_after_queries: u64,
    pub rows: Vec<BrowserRow>,
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
    let time = start.elapsed();
    std::fs::write(out, &bytes)?;
    let status = std::fs::read_to_string("/proc/self/status")?;
    let peak_kb: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .ok_or("no VmHWM in /proc/self/status")?;
    println!("indexer_ms\t{}\npeak_bytes\t{}", time.as_secs_f64() * 1000.0, peak_kb * 1024);
    Ok(())
}

fn native(dir: &Path, work: &Path, queries: &[(&'static str, Vec<String>)]) -> Result<Native> {
    let index_file = work.join("index.bin");
    let out = Command::new(std::env::current_exe()?).arg("bench-indexer").arg(dir).arg(&index_file).output()?;
    if !out.status.success() {
        return Err(format!("the indexer failed: {}", String::from_utf8_lossy(&out.stderr)).into());
    }
    let report = String::from_utf8(out.stdout)?;
    let value = |key: &str| -> Result<f64> {
        let line = report.lines().find_map(|l| l.strip_prefix(key).and_then(|v| v.strip_prefix('\t')));
        Ok(line.ok_or_else(|| format!("the indexer did not report {key}"))?.parse()?)
    };
    let indexer = Indexer {
        time: Duration::from_secs_f64(value("indexer_ms")? / 1000.0),
        peak_bytes: value("peak_bytes")? as u64,
    };

    let bytes = std::fs::read(&index_file)?;
    let start = Instant::now();
    let index = codec::decode(&bytes)?;
    let decode = start.elapsed();
    let start = Instant::now();
    clippings_core::common_walk::build_now(&index);
    let common_table = (start.elapsed(), index.common_positions().map_or(0, |c| c.heap_bytes()));
    let all_text: Vec<u8> = (0..index.len() as u32).flat_map(|d| index.article(d).text.into_bytes()).collect();

    let mut rows = Vec::new();
    for (kind, queries) in queries {
        let mut times = Vec::with_capacity(queries.len() * RUNS);
        let mut hits = 0;
        for q in queries {
            for _ in 0..RUNS {
                let t = Instant::now();
                let r = clippings_core::search_top(&index, q, Sort::Relevance, 50);
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
    let common = clippings_core::search(&index, "government", Sort::Relevance);
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

/// The app shell: its wasm + JS, gzip (the same bytes whatever the corpus).
fn shell_gzip() -> Result<u64> {
    crate::dist::shell()?;
    let shell = crate::dist::shell_dir();
    Ok(weigh(&shell, ".wasm")?.1 + weigh(&shell, ".js")?.1)
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
    let query_file = work.join("queries.tsv");
    let mut text = String::new();
    for (kind, qs) in queries {
        for q in qs {
            text += &format!("{kind}\t{q}\n");
        }
    }
    std::fs::write(&query_file, text)?;
    let out_file = work.join("browser.tsv");
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
    let report = std::fs::read_to_string(&out_file)?;
    let lines: Vec<Vec<&str>> = report.lines().map(|l| l.split('\t').collect()).collect();
    let value = |key: &str| -> Result<f64> {
        let f = lines.iter().find(|f| f[0] == key).ok_or_else(|| format!("browser.mjs did not report {key}"))?;
        Ok(f.get(1).ok_or("empty field")?.parse()?)
    };
    let mut rows = Vec::new();
    for f in lines.iter().filter(|f| f[0] == "query") {
        let n = |i: usize| -> Result<f64> { Ok(f.get(i).ok_or("short query line")?.parse()?) };
        rows.push(BrowserRow {
            kind: f[1].to_string(),
            dom: (n(2)?, n(3)?),
            laid_out: (n(4)?, n(5)?),
            wasm: (n(6)?, n(7)?),
            mean_hits: n(8)? as u64,
        });
    }
    if !rows.iter().map(|r| r.kind.as_str()).eq(queries.iter().map(|(kind, _)| *kind)) {
        return Err("browser.mjs reported other query kinds than it was given".into());
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
        first_list_cold_ms: value("first_list_cold_ms")?,
        first_list_warm_ms: value("first_list_warm_ms")?,
        wasm_fetched_warm_ms: value("wasm_fetched_warm_ms")?,
        longest_task_cold_ms: value("longest_task_cold_ms")?,
        longest_task_warm_ms: value("longest_task_warm_ms")?,
        memory_startup: value("memory_startup_bytes")? as u64,
        memory_after_queries: value("memory_after_queries_bytes")? as u64,
        rows,
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

fn ms(d: Duration) -> String {
    format!("{:.3}", d.as_secs_f64() * 1000.0)
}

fn mb(bytes: u64) -> String {
    format!("{:.2} MB", bytes as f64 / 1e6)
}

fn print_native(r: &Report) {
    let n = &r.native;
    println!("| measure | value |\n|---|---|");
    println!("| indexer: parse + index + encode (native, release) | {:.0} ms |", n.indexer.time.as_secs_f64() * 1e3);
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
        println!("| {} | {} / {} | {} |", row.kind, ms(row.p50), ms(row.p95), row.mean_hits);
    }
}

/// The native measures both tables show.
fn print_native_measures(n: &Native) {
    println!("| decode at start-up (native) | {} ms |", ms(n.decode));
    println!(
        "| common words' positions, built after start-up: time (native) / memory | {} ms / {} |",
        ms(n.common.0),
        mb(n.common.1 as u64)
    );
    println!("| facet counts over every article, p95 (native) | {} ms |", ms(n.facet_counts));
    println!("| concordance of a common word, 1,000 lines (the view's cap), p95 (native) | {} ms |", ms(n.kwic));
}

pub fn print(r: &Report) {
    let kind = if r.real { "real-text" } else { "synthetic" };
    println!("\n## {} {kind} articles ({:.1} MB of text)\n", r.docs, r.corpus_bytes as f64 / 1e6);
    let Some(a) = &r.app else {
        return print_native(r);
    };
    let n = &r.native;
    println!("| measure | value |\n|---|---|");
    println!("| indexer: parse + index + encode (native, release) | {:.0} ms |", n.indexer.time.as_secs_f64() * 1e3);
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
        println!("| app shell: wasm + JS, gzip (the same for every corpus) | {:.1} KB |", shell as f64 / 1e3);
    }
    print_native_measures(n);
    println!(
        "| first result list after navigation, cold / warm cache | {:.0} / {:.0} ms |",
        a.first_list_cold_ms, a.first_list_warm_ms
    );
    println!("| … of which wasm fetched (warm) | {:.0} ms |", a.wasm_fetched_warm_ms);
    let task = |ms: f64| if ms > 0.0 { format!("{ms:.0} ms") } else { "none over 50 ms".to_string() };
    println!(
        "| longest main-thread task until ready, cold / warm (the browser compiling the wasm included) | {} / {} |",
        task(a.longest_task_cold_ms),
        task(a.longest_task_warm_ms)
    );
    println!(
        "| wasm memory after start-up / after the query runs | {} / {} |",
        mb(a.memory_startup),
        mb(a.memory_after_queries)
    );
    println!(
        "\n| query kind | native p50 / p95 ms | wasm p50 / p95 ms | keystroke → DOM p50 / p95 ms | … laid out p50 / p95 ms | mean hits |"
    );
    println!("|---|---|---|---|---|---|");
    for (row, b) in n.rows.iter().zip(&a.rows) {
        if row.mean_hits as u64 != b.mean_hits {
            eprintln!("warning: {}: {} hits natively, {} in the browser", row.kind, row.mean_hits, b.mean_hits);
        }
        let f = query_fields(row, b).map(|(_, v)| v);
        println!(
            "| {} | {} / {} | {} / {} | {} / {} | {} / {} | {} |",
            row.kind, f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8]
        );
    }
}

/// One query kind's figures in table order, each with its JSON key.
fn query_fields(row: &Row, b: &BrowserRow) -> [(&'static str, String); 9] {
    let two = |v: f64| format!("{v:.2}");
    [
        ("native_p50_ms", ms(row.p50)),
        ("native_p95_ms", ms(row.p95)),
        ("wasm_p50_ms", two(b.wasm.0)),
        ("wasm_p95_ms", two(b.wasm.1)),
        ("dom_p50_ms", two(b.dom.0)),
        ("dom_p95_ms", two(b.dom.1)),
        ("laid_out_p50_ms", two(b.laid_out.0)),
        ("laid_out_p95_ms", two(b.laid_out.1)),
        ("mean_hits", b.mean_hits.to_string()),
    ]
}

fn json_native(r: &Report) -> String {
    let n = &r.native;
    let rows: Vec<String> = n
        .rows
        .iter()
        .map(|row| {
            format!(
                "{{\"kind\": \"{}\", \"native_p50_ms\": {}, \"native_p95_ms\": {}, \"mean_hits\": {}}}",
                row.kind,
                ms(row.p50),
                ms(row.p95),
                row.mean_hits
            )
        })
        .collect();
    format!(
        "  {{\"docs\": {}, \"corpus_bytes\": {}, \"indexer_ms\": {}, \"indexer_peak_bytes\": {}, \"index_bytes\": {}, \
         \"index_gzip\": {}, \"corpus_gzip\": {}, \"decode_ms\": {}, \"common_ms\": {}, \"common_bytes\": {}, \"queries\": [\n    {}\n  ]}}",
        r.docs,
        r.corpus_bytes,
        ms(n.indexer.time),
        n.indexer.peak_bytes,
        n.index_bytes,
        n.index_gzip,
        n.corpus_gzip,
        ms(n.decode),
        ms(n.common.0),
        n.common.1,
        rows.join(",\n    ")
    )
}

pub fn json(reports: &[Report]) -> String {
    let mut out = String::from("[\n");
    for (i, r) in reports.iter().enumerate() {
        let n = &r.native;
        let comma = if i + 1 < reports.len() { "," } else { "" };
        let Some(a) = &r.app else {
            out += &json_native(r);
            out += comma;
            out += "\n";
            continue;
        };
        let rows: Vec<String> = n
            .rows
            .iter()
            .zip(&a.rows)
            .map(|(row, b)| {
                let fields: Vec<String> = query_fields(row, b).iter().map(|(k, v)| format!("\"{k}\": {v}")).collect();
                format!("{{\"kind\": \"{}\", {}}}", row.kind, fields.join(", "))
            })
            .collect();
        out += &format!(
            "  {{\"docs\": {}, \"corpus_bytes\": {}, \"indexer_ms\": {}, \"indexer_peak_bytes\": {}, \"app_build_ms\": {}, \
             \"index_bytes\": {}, \"index_gzip\": {}, \"corpus_gzip\": {}, \"wasm_bytes\": {}, \"wasm_gzip\": {}, \"data_bytes\": {}, \"data_gzip\": {}, \"start_bytes\": {}, \"start_gzip\": {}, \"parts\": {}, \
             \"js_bytes\": {}, \"js_gzip\": {}, \"shell_gzip\": {}, \"decode_ms\": {}, \"common_ms\": {}, \"common_bytes\": {}, \"first_list_cold_ms\": {}, \"first_list_warm_ms\": {}, \
             \"wasm_fetched_warm_ms\": {}, \"longest_task_cold_ms\": {}, \"longest_task_warm_ms\": {}, \"memory_startup_bytes\": {}, \"memory_after_queries_bytes\": {}, \
             \"queries\": [\n    {}\n  ]}}{}\n",
            r.docs,
            r.corpus_bytes,
            ms(n.indexer.time),
            n.indexer.peak_bytes,
            ms(a.build),
            n.index_bytes,
            n.index_gzip,
            n.corpus_gzip,
            a.wasm.0,
            a.wasm.1,
            a.data.0,
            a.data.1,
            a.start.0,
            a.start.1,
            a.parts,
            a.js.0,
            a.js.1,
            a.shell_gzip.map_or("null".to_string(), |b| b.to_string()),
            ms(n.decode),
            ms(n.common.0),
            n.common.1,
            a.first_list_cold_ms,
            a.first_list_warm_ms,
            a.wasm_fetched_warm_ms,
            a.longest_task_cold_ms,
            a.longest_task_warm_ms,
            a.memory_startup,
            a.memory_after_queries,
            rows.join(",\n    "),
            comma
        );
    }
    out + "]\n"
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
    std::fs::write(&out, json(&reports))?;
    println!("\nwrote {}", out.display());
    Ok(out)
}
