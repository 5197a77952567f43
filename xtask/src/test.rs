//! Everything CI checks after fmt and clippy: unit tests, then the browser
//! tests against a fresh release build.

use crate::{dist, dist_dir, exec, root, step, Result};
use std::process::Command;

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

    println!("\nAll tests passed.");
    Ok(())
}
