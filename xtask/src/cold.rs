//! `cargo xtask bench --cold [--docs 10000,50000]`: cold first results on a slow
//! phone network, Clippings against Pagefind on the same real-text articles, in
//! the same run.
//!
//! Per size N: `tests/bench/realtext.mjs` writes N articles of public-domain
//! book text (`target/bench/realtext-N`); the Clippings site is assembled from the
//! app shell (`target/bench/cold-N/clippings`), the same articles become a
//! Pagefind site (`tests/bench/pagefind-site.mjs`, `target/bench/cold-N/pagefind`),
//! and `tests/bench/cold.mjs` opens a one-word search link in Chromium with an
//! empty cache under issue 14's network (Lighthouse's mobile preset as stated
//! there: 150 ms round trip, 1.6 Mbit/s down; server gzip), three runs each, and
//! reports the median time to the first result rows and the bytes transferred.
//! A benchmark: it fails only when something does not run.

use std::path::Path;
use std::process::Command;

use serde::Deserialize;

use crate::{exec, root, step, Result};

/// The query of the search link: a common word of English prose.
const QUERY: &str = "time";
/// Issue 14's network: 150 ms round trip, 1.6 Mbit/s (1638.4 kbit/s) down.
const NETWORK: [&str; 4] = ["--latency", "150", "--down", "1638.4"];

/// What xtask reads of the report `tests/bench/cold.mjs` writes (`--out`, JSON; it
/// holds each run and the files fetched too).
#[derive(Deserialize)]
struct ColdReport {
    /// Navigation to the first result rows, median of the runs.
    median_ms: f64,
    /// Bytes over the wire by then, median of the runs.
    median_bytes: f64,
}

pub fn run(sizes: &[usize], work: &Path) -> Result {
    crate::setup::run()?;
    crate::dist::shell()?;
    let mut rows = Vec::new();
    for &n in sizes {
        let corpus = work.join(format!("realtext-{n}"));
        let dir = work.join(format!("cold-{n}"));
        step(&format!("bench --cold {n}: real-text corpus"));
        exec(
            Command::new("node")
                .arg(root().join("tests/bench/realtext.mjs"))
                .args(["--docs", &n.to_string(), "--out"])
                .arg(&corpus),
        )?;
        step(&format!("bench --cold {n}: sites"));
        let site = dir.join("clippings");
        if site.exists() {
            std::fs::remove_dir_all(&site)?;
        }
        crate::dist::assemble(&corpus, &site)?;
        exec(
            Command::new("node")
                .arg(root().join("tests/bench/pagefind-site.mjs"))
                .arg("--corpus")
                .arg(&corpus)
                .arg("--out")
                .arg(dir.join("pagefind")),
        )?;
        let mut row = vec![n.to_string()];
        for kind in ["clippings", "pagefind"] {
            step(&format!("bench --cold {n}: {kind}, 3 cold loads"));
            let out = dir.join(format!("{kind}.json"));
            exec(
                Command::new("node")
                    .arg(root().join("tests/bench/cold.mjs"))
                    .arg("--site")
                    .arg(dir.join(kind))
                    .args(["--kind", kind, "--query", QUERY])
                    .args(NETWORK)
                    .arg("--out")
                    .arg(&out)
                    .current_dir(root().join("tests")),
            )?;
            let report: ColdReport =
                serde_json::from_slice(&std::fs::read(&out)?).map_err(|err| format!("{}: {err}", out.display()))?;
            row.push(format!("{:.1} s", report.median_ms / 1000.0));
            row.push(format!("{:.0} KB", report.median_bytes / 1000.0));
        }
        rows.push(row);
    }
    step("bench --cold: all sizes");
    println!("\nCold first results for `#q={QUERY}`, real text, 150 ms / 1.6 Mbit/s, gzip, median of 3:\n");
    println!("| articles | Clippings | bytes | Pagefind | bytes |\n| --- | --- | --- | --- | --- |");
    for row in rows {
        println!("| {} |", row.join(" | "));
    }
    Ok(())
}
