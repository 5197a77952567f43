//! Everything CI checks after fmt and clippy: unit tests, then the browser
//! tests against a fresh release build, then the browser tests of the test
//! corpus (hostile text and other scripts) against a second site assembled from
//! the same app shell, then those of the newsroom exports (every format mixed in
//! one folder) against a third. The browser tests run in Chromium; their
//! `engines.test.mjs` files and `site.test.mjs` (what `cargo xtask check` runs on
//! any site) run again in Firefox and WebKit (`CLIPPINGS_ENGINES` chooses).

use crate::{dist, dist_dir, exec, root, step, Result};
use std::process::Command;

/// The test corpus built into the second site, and where that site goes.
const TEST_CORPUS: &str = "tests/corpora/browser";
const TEST_CORPUS_DIST: &str = "target/dist-test-corpus";
/// The export formats' corpus, and where its site goes.
const FORMATS_CORPUS: &str = "tests/corpora/formats";
const FORMATS_DIST: &str = "target/dist-test-formats";
/// The seeds rebuilt: their site, and the article changed and the one gone.
const REBUILT_DIST: &str = "target/dist-rebuilt";
const REBUILT_CHANGED: &str = "001_30f1672312956dc2";
const REBUILT_GONE: &str = "004_7291d5aacb49dd9a";
/// Two test files at once: Node's default on a 2-core machine is one, and the
/// tests spend most of their time waiting on a browser (tests/browser/ here:
/// 337 s one at a time, 302 s two at a time).
const AT_ONCE: &str = "--test-concurrency=2";

pub fn run() -> Result {
    // Setup first, so a missing tool is reported before minutes of compiling.
    crate::setup::run()?;

    // Every feature: the workbench's code (and the core's `marks`) is tested too.
    step("test: cargo test --workspace --all-features");
    exec(Command::new("cargo").args(["test", "--workspace", "--all-features"]).current_dir(root()))?;

    dist::build()?;
    dist::offline(&dist_dir(), &crate::offline_dir(&dist_dir()), None)?;

    step(&format!("test: the seeds rebuilt (an article changed, one gone) into {REBUILT_DIST}, with the same shell"));
    let rebuilt = rebuilt_seeds()?;
    dist::assemble(&rebuilt, &root().join(REBUILT_DIST))?;
    same_shell(&dist_dir(), &root().join(REBUILT_DIST))?;

    step("test: browser tests (node --test tests/browser/; engines.test.mjs and site.test.mjs in Chromium, Firefox and WebKit)");
    exec(
        node_test("tests/browser/")
            .env("CLIPPINGS_DIST", dist_dir())
            .env("CLIPPINGS_REBUILT", root().join(REBUILT_DIST))
            .env("CLIPPINGS_OFFLINE", crate::offline_dir(&dist_dir())),
    )?;

    step(&format!("test: the test corpus {TEST_CORPUS} into {TEST_CORPUS_DIST}, with the same shell"));
    dist::assemble(&root().join(TEST_CORPUS), &root().join(TEST_CORPUS_DIST))?;
    same_shell(&dist_dir(), &root().join(TEST_CORPUS_DIST))?;

    step("test: browser tests of the test corpus (node --test tests/browser-corpora/; engines.test.mjs in all three)");
    exec(
        node_test("tests/browser-corpora/")
            .env("CLIPPINGS_DIST", root().join(TEST_CORPUS_DIST))
            .env("CLIPPINGS_CORPUS", root().join(TEST_CORPUS)),
    )?;

    step(&format!("test: the export formats {FORMATS_CORPUS} into {FORMATS_DIST}, with the same shell"));
    dist::assemble(&root().join(FORMATS_CORPUS), &root().join(FORMATS_DIST))?;

    step("test: browser tests of the export formats (node --test tests/browser-formats/)");
    exec(
        node_test("tests/browser-formats/")
            .env("CLIPPINGS_DIST", root().join(FORMATS_DIST))
            .env("CLIPPINGS_CORPUS", root().join(FORMATS_CORPUS)),
    )?;

    println!("\nAll tests passed.");
    Ok(())
}

/// `node --test` on a folder of browser test files, two files at a time.
fn node_test(dir: &str) -> Command {
    let mut node = Command::new("node");
    node.args(["--test", AT_ONCE, dir]).current_dir(root());
    node
}

/// `cargo xtask check [DIR]`: a built site, whatever its corpus, through
/// tests/browser/site.test.mjs in every engine (`CLIPPINGS_ENGINES` chooses),
/// as `test` runs it on the seeds' build. Nothing is built.
pub fn check(site: &std::path::Path) -> Result {
    if !site.join("index.html").is_file() {
        return Err(format!("no site in {}: build one with `cargo xtask dist`", site.display()).into());
    }
    crate::setup::run()?;
    step(&format!(
        "check: {} in Chromium, Firefox and WebKit (node --test tests/browser/site.test.mjs)",
        site.display()
    ));
    exec(
        Command::new("node")
            .args(["--test", "tests/browser/site.test.mjs"])
            .current_dir(root())
            .env("CLIPPINGS_DIST", std::path::absolute(site)?),
    )?;
    println!("\n{} works in every engine.", site.display());
    Ok(())
}

/// The seeds as the next build would find them after an edit: one article with
/// a paragraph added ([`REBUILT_CHANGED`]), one gone ([`REBUILT_GONE`]), the
/// rest as they are (tests/browser/marks.test.mjs: marks across a rebuild).
fn rebuilt_seeds() -> Result<std::path::PathBuf> {
    let out = root().join("target/seeds-rebuilt");
    let _ = std::fs::remove_dir_all(&out);
    std::fs::create_dir_all(&out)?;
    for entry in std::fs::read_dir(root().join("seeds"))? {
        let path = entry?.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
        if name == format!("{REBUILT_GONE}.txt") || !name.ends_with(".txt") {
            continue;
        }
        // As bytes: a seed need not be UTF-8.
        let mut bytes = std::fs::read(&path)?;
        if name == format!("{REBUILT_CHANGED}.txt") {
            bytes.extend_from_slice(b"\n\nThe embassy later confirmed the interview.\n");
        }
        std::fs::write(out.join(&name), bytes)?;
    }
    Ok(out)
}

/// Two sites of different corpora name the same app shell (wasm, JS, CSS) and
/// different data files: a corpus update changes no byte a reader has cached
/// of the shell.
fn same_shell(a: &std::path::Path, b: &std::path::Path) -> Result {
    let named = |dir: &std::path::Path| -> Result<(Vec<String>, Vec<String>)> {
        let page = std::fs::read_to_string(dir.join("index.html"))?;
        let files = dist::referenced(&page)?;
        let shell = files.iter().filter(|f| f.ends_with(".wasm") || f.ends_with(".js") || f.ends_with(".css"));
        Ok((shell.cloned().collect(), files.iter().filter(|f| dist::data::is_data_file(f)).cloned().collect()))
    };
    let ((shell_a, data_a), (shell_b, data_b)) = (named(a)?, named(b)?);
    println!("shell of both sites: {}", shell_a.join(", "));
    if shell_a.is_empty() || shell_a != shell_b {
        return Err(format!("the two corpora's sites name different shells: {shell_a:?} and {shell_b:?}").into());
    }
    if data_a.len() != 1 || data_a == data_b {
        return Err(format!("each site should name its own data file: {data_a:?} and {data_b:?}").into());
    }
    Ok(())
}
