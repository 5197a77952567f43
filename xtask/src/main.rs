//! Build, serve and test Clippings: `cargo xtask <command>`.
//!
//! Each command does the ones before it first (`test` ⊃ `dist` ⊃ `setup`), so a
//! fresh machine needs nothing but the Rust toolchain, node/npm and apt.

mod bench;
mod cold;
mod corpus;
mod dist;
mod relevance;
mod serve;
mod setup;
mod test;
mod update;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

type Result<T = ()> = std::result::Result<T, Box<dyn std::error::Error>>;

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  setup              install whatever is missing: wasm32 target, trunk, wasm-bindgen,
                     npm packages in tests/ (playwright-core, binaryen), chromium
  dist [--lang xx]   setup, then build the release site into dist/ and print its sizes:
                     the app shell (target/shell/, the same for every corpus) and the
                     corpus's data file, pages and embeds, and the interface's
                     languages (i18n/*.txt, checked and compiled); --lang: the
                     language a page picks when its address names none (else the
                     reader's browser's, else English)
  data [--lang xx]   only index the corpus and rewrite dist/'s data file, pages and
                     embeds (seconds; no Rust is compiled once the shell exists);
                     the default language stays the site's unless --lang is given
  offline [--out DIR] [--lang xx]
                     the folder edition of dist/ for a USB stick at archive scale:
                     DIR (default dist-offline/) with clippings.html and data/*.js,
                     opened from file:// with no fetch
  serve [--port N]   dist, then serve dist/ on http://127.0.0.1:8080/ (or port N)
  test               setup, cargo test, dist, then the browser tests in tests/browser/
  check [DIR]        a built site (default dist/), e.g. a newsroom's own, in Chromium,
                     Firefox and WebKit: served under a sub-path, a word of its own
                     searched and read, the single file from file://, axe-core
  corpus --docs N --out DIR [--format txt|jsonl|ninjs|wxr|rss|atom|csv|html|md]
                     write a deterministic synthetic news corpus of N articles: .txt
                     files, or the same articles in an export format (one file, or a
                     page or Markdown file an article); other article files below DIR
                     (of any of these formats) are removed
  bench [--docs 1000,10000,50000] [--native]
                     per size: synthetic corpus, indexer, app build into target/bench/,
                     load, memory and query latency in headless Chromium (release build);
                     --native: only the native part (no wasm build, no browser);
                     --real: real English prose (tests/bench/realtext.mjs) instead;
                     --smoke: only check that it runs, in the tools' debug build (CI)
  relevance [--ablate]
                     ranking quality on judged test collections (tests/relevance/:
                     Cranfield, CISI, MEDLINE): nDCG@10, P@10, MAP@20 of the app's
                     search beside a reference BM25; --ablate: one row per constant
  bench --cold [--docs 10000,50000]
                     cold first results on a slow phone network (150 ms, 1.6 Mbit/s),
                     Clippings against Pagefind on the same real-text articles
  bench --update [--docs 10000]
                     a 1 % corpus update: of the data files each benchmark query reads,
                     the share of bytes a returning reader downloads again (native)

CLIPPINGS_CORPUS=/some/dir selects the corpus (every .txt file and newsroom export below
it: JSON, JSON Lines, WXR, RSS, Atom, CSV, HTML, Markdown); default seeds/.
CLIPPINGS_DIST=/some/dir is where dist builds to and test tests; default dist/.";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let outcome = match args.first().map(String::as_str) {
        Some("setup") => setup::run(),
        Some("dist") => lang_flag(&args[1..]).and_then(dist::run),
        Some("data") => lang_flag(&args[1..]).and_then(dist::data),
        Some("offline") => lang_flag(&args[1..]).and_then(|lang| {
            let dist = dist_dir();
            let out = flag(&args[1..], "--out").map(PathBuf::from).unwrap_or_else(|| offline_dir(&dist));
            dist::offline(&dist, &out, lang)
        }),
        Some("serve") => serve::port_from_args(&args[1..]).and_then(serve::run),
        Some("test") => test::run(),
        Some("check") => test::check(&args.get(1).map(PathBuf::from).unwrap_or_else(dist_dir)),
        Some("corpus") => corpus_command(&args[1..]),
        Some("bench") => bench_command(&args[1..]),
        Some("bench-indexer") => bench::indexer_child(&args[1..]),
        Some("relevance") => relevance_command(&args[1..]),
        Some("help" | "-h" | "--help") => {
            println!("{USAGE}");
            Ok(())
        }
        _ => Err(USAGE.into()),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("xtask: {err}");
            ExitCode::FAILURE
        }
    }
}

fn flag<'a>(args: &'a [String], name: &str) -> Option<&'a str> {
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).map(String::as_str)
}

/// `--lang xx`: the interface's default language (checked against i18n/ by the build).
fn lang_flag(args: &[String]) -> Result<Option<&str>> {
    match flag(args, "--lang") {
        None if args.iter().any(|a| a == "--lang") => Err("--lang needs a language code, such as --lang ru".into()),
        lang => Ok(lang),
    }
}

fn corpus_command(args: &[String]) -> Result {
    let docs: usize = flag(args, "--docs").ok_or("corpus needs --docs N")?.parse()?;
    let out = PathBuf::from(flag(args, "--out").ok_or("corpus needs --out DIR")?);
    let form = match flag(args, "--format") {
        None => corpus::Form::Txt,
        Some(name) => corpus::Form::from_name(name).ok_or_else(|| {
            let names: Vec<&str> = corpus::Form::ALL.iter().map(|f| f.name()).collect();
            format!("corpus --format {name}: not one of {}", names.join(", "))
        })?,
    };
    let bytes = corpus::write_as(docs, &out, form)?;
    println!("wrote {docs} articles ({}), {bytes} bytes, to {}", form.name(), out.display());
    Ok(())
}

/// Benchmarks run optimised: re-run this binary in release unless already there,
/// or unless `--smoke` asks only that the benchmark's code runs (CI): then this
/// build runs it, the one `cargo xtask test` uses too, and no release build of
/// the tools is compiled (four minutes of CI).
fn bench_command(args: &[String]) -> Result {
    let sizes: Vec<usize> = flag(args, "--docs")
        .unwrap_or("1000,10000,50000")
        .split(',')
        .map(str::parse)
        .collect::<std::result::Result<_, _>>()?;
    let has = |flag: &str| args.iter().any(|a| a == flag);
    let smoke = has("--smoke");
    if cfg!(debug_assertions) {
        if !smoke {
            let mut cmd = Command::new(env!("CARGO"));
            cmd.current_dir(root()).args(["run", "--quiet", "--release", "-p", "xtask", "--", "bench"]).args(args);
            return exec(&mut cmd);
        }
        println!("bench --smoke: the tools' debug build runs the benchmark; its native figures are not comparable");
    }
    // A smoke run's figures stay apart from the benchmark's own.
    let work = root().join(if smoke { "target/bench-smoke" } else { "target/bench" });
    if has("--cold") {
        return cold::run(&sizes, &work);
    }
    if has("--update") {
        return sizes.iter().try_for_each(|&docs| update::run(docs, &work));
    }
    bench::run(&sizes, &work, has("--native"), has("--real")).map(drop)
}

/// Relevance runs optimised too (the indexer and 300 searches per collection).
fn relevance_command(args: &[String]) -> Result {
    if cfg!(debug_assertions) {
        let mut cmd = Command::new(env!("CARGO"));
        cmd.current_dir(root()).args(["run", "--quiet", "--release", "-p", "xtask", "--", "relevance"]).args(args);
        return exec(&mut cmd);
    }
    relevance::run(args)
}

/// The workspace root: the parent of this crate's directory.
fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives inside the workspace")
}

/// Where `offline` writes by default: beside the site, `<dist>-offline`.
pub(crate) fn offline_dir(dist: &Path) -> PathBuf {
    let mut name = dist.file_name().unwrap_or_default().to_os_string();
    name.push("-offline");
    dist.with_file_name(name)
}

fn dist_dir() -> PathBuf {
    std::env::var_os("CLIPPINGS_DIST").map(PathBuf::from).unwrap_or_else(|| root().join("dist"))
}

/// Announce a step so a CI log reads as a list of what happened.
fn step(what: &str) {
    println!("\n==> {what}");
}

/// Run a command to completion with inherited stdio; fail unless it exits 0.
fn exec(cmd: &mut Command) -> Result {
    println!("$ {}", describe(cmd));
    let status = cmd.status().map_err(|err| format!("could not start `{}`: {err}", describe(cmd)))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{}` failed ({status})", describe(cmd)).into())
    }
}

fn describe(cmd: &Command) -> String {
    std::iter::once(cmd.get_program())
        .chain(cmd.get_args())
        .map(|part| part.to_string_lossy())
        .collect::<Vec<_>>()
        .join(" ")
}
