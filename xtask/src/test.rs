//! Everything CI checks after fmt and clippy: unit tests, then the browser
//! tests against a fresh release build, then the browser tests of the test
//! corpus (hostile text and other scripts) against a second build of it.

use crate::{dist, dist_dir, exec, root, step, Result};
use std::process::Command;

/// The test corpus built into the second site, and where that site goes.
const TEST_CORPUS: &str = "tests/corpora/browser";
const TEST_CORPUS_DIST: &str = "target/dist-test-corpus";

pub fn run() -> Result {
    // Setup first, so a missing tool is reported before minutes of compiling.
    crate::setup::run()?;

    step("test: cargo test --workspace");
    exec(Command::new("cargo").args(["test", "--workspace"]).current_dir(root()))?;

    dist::build()?;

    step("test: browser tests (node --test tests/browser/)");
    exec(
        Command::new("node").args(["--test", "tests/browser/"]).current_dir(root()).env("CLIPPINGS_DIST", dist_dir()),
    )?;

    step(&format!("test: build the test corpus {TEST_CORPUS} into {TEST_CORPUS_DIST}"));
    exec(
        Command::new(std::env::current_exe()?)
            .arg("dist")
            .current_dir(root())
            .env("CLIPPINGS_CORPUS", root().join(TEST_CORPUS))
            .env("CLIPPINGS_DIST", root().join(TEST_CORPUS_DIST)),
    )?;

    step("test: browser tests of the test corpus (node --test tests/browser-corpora/)");
    exec(
        Command::new("node")
            .args(["--test", "tests/browser-corpora/"])
            .current_dir(root())
            .env("CLIPPINGS_DIST", root().join(TEST_CORPUS_DIST))
            .env("CLIPPINGS_CORPUS", root().join(TEST_CORPUS)),
    )?;

    println!("\nAll tests passed.");
    Ok(())
}
