//! Build the release site into dist/ with Trunk, give it a Content-Security-Policy,
//! fold it into the single file dist/clippings.html, add the two embed scripts,
//! and report what each weighs.

mod csp;
mod embed;
mod html;
mod single_file;

use crate::{dist_dir, exec, root, setup, step, Result};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

pub fn run() -> Result {
    setup::run()?;
    build()
}

/// The build alone, for callers that have run setup already.
pub fn build() -> Result {
    // Trunk.toml says `offline = true`, which Trunk passes on to cargo, so
    // every crate must already be downloaded.
    step("dist: fetching crates");
    exec(Command::new("cargo").arg("fetch").current_dir(root()))?;

    step("dist: trunk build --release");
    exec(
        Command::new("trunk")
            .args(["build", "--release", "--public-url", "./", "--dist"])
            .arg(dist_dir())
            .current_dir(root())
            .env("PATH", path_with_npm_tools()?)
            .env("TRUNK_SKIP_VERSION_CHECK", "true"),
    )?;

    step("dist: single file and Content-Security-Policy");
    let dist = dist_dir();
    let index = dist.join("index.html");
    let page = std::fs::read_to_string(&index)?;
    let single = single_file::write(&dist, &page)?;
    println!("wrote {}", single.display());
    embed::write(&dist, &page)?;
    println!("wrote {} and {}", embed::HOST_SCRIPT, embed::ELEMENT_MODULE);
    let policy = csp::hosted(&csp::inline_scripts(&page)?);
    std::fs::write(&index, csp::with_meta(&page, &policy)?)?;
    println!("index.html: Content-Security-Policy: {policy}");

    step("dist: sizes");
    print_sizes(&dist)
}

/// PATH with tests/node_modules/.bin first, so Trunk finds binaryen's
/// wasm-opt 132 before any older system one.
fn path_with_npm_tools() -> Result<OsString> {
    let npm_bin = root().join("tests").join("node_modules").join(".bin");
    let rest = std::env::var_os("PATH").unwrap_or_default();
    let dirs = std::iter::once(npm_bin).chain(std::env::split_paths(&rest));
    Ok(std::env::join_paths(dirs)?)
}

/// One row per file of the hosted site and their total, then the single
/// file, which is an alternative to them rather than a part.
fn print_sizes(dist: &Path) -> Result {
    let mut files = Vec::new();
    collect_files(dist, &mut files)?;
    files.sort();
    let single = dist.join(single_file::FILE_NAME);
    files.retain(|f| *f != single);

    let single_label = format!("{} (the same in one file)", single_file::FILE_NAME);
    let width = files.iter().map(|f| display_name(dist, f).len()).chain([single_label.len()]).max().unwrap_or(5);
    println!("{:<width$} {:>10} {:>10}", "file", "bytes", "gzip -9");
    let (mut raw_total, mut gz_total) = (0, 0);
    for file in &files {
        let raw = file.metadata()?.len();
        let gz = gzipped_len(file)?;
        raw_total += raw;
        gz_total += gz;
        println!("{:<width$} {raw:>10} {gz:>10}", display_name(dist, file));
    }
    println!("{:<width$} {raw_total:>10} {gz_total:>10}", "total");
    let (raw, gz) = (single.metadata()?.len(), gzipped_len(&single)?);
    println!("{single_label:<width$} {raw:>10} {gz:>10}");
    Ok(())
}

/// Gzip in memory at the best level (flate2): the single file's wasm, the benchmark's sizes.
pub(crate) fn gzip(bytes: &[u8]) -> Result<Vec<u8>> {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes)?;
    Ok(encoder.finish()?)
}

fn collect_files(dir: &Path, out: &mut Vec<PathBuf>) -> Result {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect_files(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

fn display_name(dist: &Path, file: &Path) -> String {
    file.strip_prefix(dist).unwrap_or(file).display().to_string()
}

/// Compressed size as a web server would send it, measured with the system
/// `gzip -9` (part of every Debian install), the figure an administrator would
/// compare with; [`gzip`] (flate2, as the benchmark weighs) comes out ~2 % larger.
fn gzipped_len(file: &Path) -> Result<u64> {
    let out = Command::new("gzip").arg("-9c").arg(file).output()?;
    if !out.status.success() {
        return Err(format!("gzip failed on {}", file.display()).into());
    }
    Ok(out.stdout.len() as u64)
}
