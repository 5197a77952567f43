//! Install what the build and the browser tests need, skipping whatever is
//! already there, so a second run takes about a second.

use crate::{exec, root, step, Result};
use std::path::Path;
use std::process::Command;

const TRUNK_VERSION: &str = "0.21.14";
const WASM_BINDGEN_VERSION: &str = "0.2.130";
const WASM_OPT_VERSION: &str = "version_132";
/// The browsers the tests drive, each as a file that proves it is installed and
/// the Debian packages that provide it. WebKitGTK (the engine of Safari) runs
/// its MiniBrowser under a virtual X server (xvfb-run, which needs xauth, only
/// recommended by xvfb).
const BROWSERS: [(&str, &[&str]); 5] = [
    ("/usr/bin/chromium", &["chromium", "chromium-driver"]),
    ("/usr/bin/firefox-esr", &["firefox-esr"]),
    ("/usr/bin/WebKitWebDriver", &["webkit2gtk-driver"]),
    ("/usr/bin/xvfb-run", &["xvfb"]),
    ("/usr/bin/xauth", &["xauth"]),
];

pub fn run() -> Result {
    step("setup: checking tools");
    wasm_target()?;
    trunk()?;
    wasm_bindgen()?;
    npm_packages()?;
    browsers()?;
    Ok(())
}

fn wasm_target() -> Result {
    let installed = output_of(Command::new("rustup").args(["target", "list", "--installed"]));
    if installed.lines().any(|line| line.trim() == "wasm32-unknown-unknown") {
        println!("ok    rust target wasm32-unknown-unknown");
        return Ok(());
    }
    println!("add   rust target wasm32-unknown-unknown");
    exec(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
}

fn trunk() -> Result {
    if output_of(Command::new("trunk").arg("--version")).contains(TRUNK_VERSION) {
        println!("ok    trunk {TRUNK_VERSION}");
        return Ok(());
    }
    println!("build trunk {TRUNK_VERSION} (several minutes)");
    exec(Command::new("cargo").args(["install", "--locked", "--force", "trunk", "--version", TRUNK_VERSION]))
}

fn wasm_bindgen() -> Result {
    // Must equal the wasm-bindgen crate version in Cargo.lock, which the root
    // Cargo.toml pins with `=`.
    if output_of(Command::new("wasm-bindgen").arg("--version")).contains(WASM_BINDGEN_VERSION) {
        println!("ok    wasm-bindgen {WASM_BINDGEN_VERSION}");
        return Ok(());
    }
    println!("build wasm-bindgen-cli {WASM_BINDGEN_VERSION} (several minutes)");
    // Not --locked: the published lock file of this version does not build on
    // current toolchains.
    exec(Command::new("cargo").args(["install", "--force", "wasm-bindgen-cli", "--version", WASM_BINDGEN_VERSION]))
}

/// playwright-core drives Chromium, puppeteer-core Firefox and
/// selenium-webdriver WebKit (all with the browsers installed by apt, nothing
/// downloaded); binaryen provides the wasm-opt that
/// Trunk runs (Debian's is too old and silently breaks the output).
fn npm_packages() -> Result {
    let tests = root().join("tests");
    let lock = std::fs::read(tests.join("package-lock.json"))?;
    // A copy of the lock file `npm ci` last installed; when it still matches,
    // node_modules is up to date.
    let stamp = tests.join("node_modules").join(".xtask-installed-lock.json");
    let wasm_opt = tests.join("node_modules").join(".bin").join("wasm-opt");
    let fresh = std::fs::read(&stamp).is_ok_and(|installed| installed == lock)
        && output_of(Command::new(&wasm_opt).arg("--version")).contains(WASM_OPT_VERSION);
    if fresh {
        println!("ok    npm packages in tests/ (playwright-core, puppeteer-core, selenium-webdriver, binaryen {WASM_OPT_VERSION})");
        return Ok(());
    }
    println!("npm   installing tests/package-lock.json");
    exec(Command::new("npm").args(["ci", "--no-audit", "--no-fund"]).current_dir(&tests))?;
    std::fs::write(stamp, lock)?;
    Ok(())
}

/// Chromium, Firefox ESR and WebKitGTK from Debian, installed (as root) only
/// when one is missing.
fn browsers() -> Result {
    let mut missing = Vec::new();
    for (file, packages) in BROWSERS {
        if Path::new(file).exists() {
            println!("ok    {file}");
        } else {
            missing.extend_from_slice(packages);
        }
    }
    if missing.is_empty() {
        return Ok(());
    }
    println!("apt   {}", missing.join(" "));
    exec(Command::new("apt-get").arg("update"))?;
    exec(
        Command::new("apt-get")
            .args(["install", "-y", "--no-install-recommends"])
            .args(&missing)
            .env("DEBIAN_FRONTEND", "noninteractive"),
    )
}

/// Stdout of a command, or "" if it cannot be run or fails.
fn output_of(cmd: &mut Command) -> String {
    match cmd.output() {
        Ok(out) if out.status.success() => String::from_utf8_lossy(&out.stdout).into_owned(),
        _ => String::new(),
    }
}
