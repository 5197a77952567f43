//! Build the release site into dist/ in two steps that travel apart:
//!
//! 1. the **app shell** (wasm + JS + CSS, Trunk's build of the app) into
//!    `target/shell/`: its bytes do not depend on the corpus, so a corpus update
//!    neither recompiles Rust nor changes a file a returning reader has cached.
//!    Two builds of it: the reader's lean shell (index.html, the embeds), and
//!    the **workbench** (the app with the reporter's tools, feature `workbench`)
//!    into `target/shell-workbench/`, behind workbench.html and the single file;
//! 2. **assembling** a site from the shell and a corpus: the corpus indexed
//!    natively into a content-hashed data file, the page that names it (with its
//!    Content-Security-Policy), the single file dist/clippings.html with
//!    everything inside, the two embed scripts, and what makes the hosted page
//!    work offline (its service worker and manifest), and the interface's
//!    language tables (`i18n/`, checked and compiled). `cargo xtask data` runs
//!    this step alone, in seconds.

mod csp;
pub mod data;
mod embed;
mod hosted;
mod html;
pub mod i18n;
mod imports;
mod minify;
mod single_file;

use crate::{dist_dir, exec, root, setup, step, Result};
use i18n::Languages;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

/// `cargo xtask dist [--lang xx]`: `lang` is the language a page picks when
/// its address names none (else the reader's browser's).
pub fn run(lang: Option<&str>) -> Result {
    // The tables and the corpus first: a bad one is named at once, as the last
    // thing printed, before minutes of setup and Trunk (whose output would bury it).
    let langs = Languages::load(lang)?;
    let encoded = index(&corpus_dir())?;
    setup::run()?;
    shell()?;
    write_site(encoded, &langs, &dist_dir())
}

/// The build alone, for callers that have run setup already: the shell, then
/// the site for the corpus (`CLIPPINGS_CORPUS`, default seeds/) in `dist_dir()`.
/// The corpus is indexed first, so a bad one stops the build before Trunk runs.
pub fn build() -> Result {
    let langs = Languages::load(None)?;
    let encoded = index(&corpus_dir())?;
    shell()?;
    write_site(encoded, &langs, &dist_dir())
}

/// `cargo xtask data`: only the corpus's files of an existing site are written
/// again (the shell is built first if there is none yet, once the corpus has
/// been indexed without a problem). The default language is `lang`, else the
/// one the site has.
pub fn data(lang: Option<&str>) -> Result {
    let dist = dist_dir();
    let kept = default_lang_of(&dist);
    let langs = Languages::load(lang.or(kept.as_deref()))?;
    let encoded = index(&corpus_dir())?;
    if !shell_dir().join("index.html").is_file() || !workbench_dir().join("index.html").is_file() {
        setup::run()?;
        shell()?;
    }
    write_site(encoded, &langs, &dist)
}

/// The default language (`--lang`) the site in `dist` was built with, if any.
fn default_lang_of(dist: &Path) -> Option<String> {
    let page = std::fs::read_to_string(dist.join("index.html")).ok()?;
    let scripts = html::elements(&page, "script").ok()?;
    scripts.iter().find_map(|s| i18n::default_of_script(&page[s.inner.clone()]))
}

/// The corpus folder: `CLIPPINGS_CORPUS`, or seeds/.
pub fn corpus_dir() -> PathBuf {
    std::env::var_os("CLIPPINGS_CORPUS").map(PathBuf::from).unwrap_or_else(|| root().join("seeds"))
}

/// The largest archive (its whole encoding, raw) that the single file carries.
const SINGLE_FILE_MAX: usize = 100_000_000;

/// Where Trunk writes the app shell.
pub fn shell_dir() -> PathBuf {
    root().join("target").join("shell")
}

/// Where Trunk writes the workbench's build of the app.
pub fn workbench_dir() -> PathBuf {
    root().join("target").join("shell-workbench")
}

/// The hosted page of the workbench build, beside index.html.
pub const WORKBENCH_PAGE: &str = "workbench.html";

/// Builds the app shell with Trunk into [`shell_dir`], and the workbench into [`workbench_dir`].
pub fn shell() -> Result {
    // Trunk.toml says `offline = true`, which Trunk passes on to cargo, so
    // every crate must already be downloaded.
    step("dist: fetching crates");
    exec(Command::new("cargo").arg("fetch").current_dir(root()))?;

    for (dir, features) in [(shell_dir(), None), (workbench_dir(), Some("workbench"))] {
        step(&format!("dist: the app shell{} (trunk build --release)", features.map_or("", |_| "'s workbench build")));
        let mut trunk = Command::new("trunk");
        trunk
            .args(["build", "--release", "--public-url", "./", "--dist"])
            .arg(&dir)
            .current_dir(root())
            .env("PATH", path_with_npm_tools()?)
            .env("TRUNK_SKIP_VERSION_CHECK", "true");
        if let Some(features) = features {
            write_workbench_template()?;
            trunk.args(["--features", features, WORKBENCH_PAGE]);
        }
        if without_panic_locations() {
            trunk.env("RUSTC_BOOTSTRAP", "1").env(WASM_RUSTFLAGS, NO_LOCATIONS);
        } else {
            println!(
                "note: this rustc does not take {NO_LOCATIONS}: the shell keeps its panics' file names (~5 KB more)"
            );
        }
        exec(&mut trunk)?;
        let saved = minify::shell(&dir)?;
        println!("style sheet and JS glue minified: {saved} bytes less");
    }
    Ok(())
}

/// Trunk's page for the workbench build, written beside index.html (Trunk finds
/// the crate and the style sheets from the page's folder) and not kept in git:
/// index.html with the workbench's own style sheet after the main one.
fn write_workbench_template() -> Result {
    const MAIN: &str = r#"<link data-trunk rel="css" href="style/main.css" />"#;
    let page = std::fs::read_to_string(root().join("index.html"))?;
    let at = page.find(MAIN).ok_or("index.html has no link to style/main.css for the workbench's page to follow")?
        + MAIN.len();
    let link = "\n    <link data-trunk rel=\"css\" href=\"style/workbench.css\" />";
    std::fs::write(root().join(WORKBENCH_PAGE), format!("{}{link}{}", &page[..at], &page[at..]))?;
    Ok(())
}

/// Trunk's page of the build in `dir`.
fn trunk_page(dir: &Path) -> Result<String> {
    std::fs::read_to_string(dir.join("index.html"))
        .map_err(|e| format!("no app shell in {} ({e}): run `cargo xtask dist` first", dir.display()).into())
}

/// Cargo's flags for the wasm target only (build scripts and macros are native).
const WASM_RUSTFLAGS: &str = "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS";

/// Every `unwrap`, index and overflow check in the shell carries its file, line
/// and column for the panic message: some 1,300 sites, 20 KB of data, 5.1 KB
/// gzip (of 250 KB). The shell's panic panel gets the message without them;
/// nobody reading it in a browser can use a path in our sources. The flag is a
/// `-Z` flag, which a stable rustc accepts with `RUSTC_BOOTSTRAP=1` (the Linux
/// kernel's build sets it too); only the shell's wasm build gets either.
const NO_LOCATIONS: &str = "-Zlocation-detail=none";

/// Whether the wasm build can leave panic locations out (`-Zlocation-detail`):
/// asked of rustc itself, so that a toolchain that drops the flag builds the
/// shell as before instead of failing.
fn without_panic_locations() -> bool {
    if std::env::var_os(WASM_RUSTFLAGS).is_some() {
        return false; // the caller's own flags win
    }
    Command::new("rustc")
        .args([NO_LOCATIONS, "--print", "sysroot"])
        .env("RUSTC_BOOTSTRAP", "1")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Writes the site for the corpus in `corpus` into `dist`: the shell's files, the
/// data file, index.html, clippings.html and the embed scripts. Files of the
/// edition before stay (a reader who opened its page still gets all of that
/// edition); anything older is removed.
pub fn assemble(corpus: &Path, dist: &Path) -> Result {
    let langs = Languages::load(None)?;
    write_site(index(corpus)?, &langs, dist)
}

/// Indexes the corpus in `corpus` natively; a bad corpus is an error listing
/// every problem (see [`data::encode`]).
fn index(corpus: &Path) -> Result<data::Encoded> {
    step(&format!("dist: index {} (natively)", corpus.display()));
    let started = std::time::Instant::now();
    let encoded = data::encode(corpus)?;
    println!("{} in {:.1} s", encoded.summary, started.elapsed().as_secs_f64());
    Ok(encoded)
}

/// [`assemble`] with the corpus indexed.
fn write_site(encoded: data::Encoded, langs: &Languages, dist: &Path) -> Result {
    let data_name = data::name(&encoded.start);
    let table_names: Vec<String> = langs.all.iter().map(|l| l.file_name()).collect();

    step(&format!("dist: assemble {}", dist.display()));
    let (shell, workbench) = (shell_dir(), workbench_dir());
    let (shell_page, workbench_page) = (trunk_page(&shell)?, trunk_page(&workbench)?);
    let shell_files = relative_files(&shell)?;
    let workbench_files = relative_files(&workbench)?;
    std::fs::create_dir_all(dist)?;
    let mut keep: Vec<String> = vec![WORKBENCH_PAGE.to_string()];
    for page in ["index.html", WORKBENCH_PAGE] {
        if let Ok(previous) = std::fs::read_to_string(dist.join(page)) {
            keep.extend(referenced(&previous)?);
        }
    }
    let previous_parts: Vec<String> = keep
        .iter()
        .filter(|f| data::is_data_file(f))
        .filter_map(|f| std::fs::read(dist.join(f)).ok())
        .flat_map(|start| data::parts_of(&start))
        .collect();
    keep.extend(previous_parts);
    keep.extend(shell_files.iter().cloned());
    keep.extend(workbench_files.iter().cloned());
    keep.push(data_name.clone());
    let part_names: Vec<String> = encoded.parts.iter().map(|(n, _)| format!("{}/{n}", data::DIR)).collect();
    keep.extend(part_names.iter().cloned());
    keep.extend(table_names.iter().cloned());
    for old in relative_files(dist)? {
        if !keep.contains(&old) {
            std::fs::remove_file(dist.join(&old))?;
        }
    }
    for (dir, files) in [(&shell, &shell_files), (&workbench, &workbench_files)] {
        for name in files.iter().filter(|n| *n != "index.html") {
            let to = dist.join(name);
            std::fs::create_dir_all(to.parent().expect("a file has a folder"))?;
            std::fs::copy(dir.join(name), to)?;
        }
    }
    std::fs::create_dir_all(dist.join(data::DIR))?;
    std::fs::write(dist.join(&data_name), &encoded.start)?;
    for (name, bytes) in &encoded.parts {
        let path = dist.join(data::DIR).join(name);
        if std::fs::read(&path).ok().as_deref() != Some(bytes.as_slice()) {
            std::fs::write(path, bytes)?;
        }
    }
    println!("wrote {data_name} and {} part files beside it", encoded.parts.len());
    std::fs::create_dir_all(dist.join(i18n::DIR))?;
    for (lang, name) in langs.all.iter().zip(&table_names) {
        std::fs::write(dist.join(name), &lang.compiled)?;
    }
    println!("wrote {}", table_names.join(", "));

    // One file suits an archive up to some 50,000 articles (30 MB); past
    // SINGLE_FILE_MAX it would be a page too large to open: the folder edition
    // (`cargo xtask offline`) carries such an archive instead.
    if encoded.whole.len() <= SINGLE_FILE_MAX {
        let single = single_file::write(dist, &workbench_page, &encoded.whole, langs)?;
        println!("wrote {}", single.display());
    } else {
        let _ = std::fs::remove_file(dist.join(single_file::FILE_NAME));
        println!(
            "no {}: the archive is {} MB, more than one page should carry; `cargo xtask offline` writes the folder edition",
            single_file::FILE_NAME,
            encoded.whole.len() / 1_000_000
        );
    }
    embed::write(dist, &shell_page, &data_name, langs)?;
    println!("wrote {} and {}", embed::HOST_SCRIPT, embed::ELEMENT_MODULE);
    hosted::write(dist)?;
    println!("wrote {} and {}", hosted::WORKER, hosted::MANIFEST);
    // The reader's page and the workbench's: the same head, each its own build.
    let early = data::early_parts(&encoded.start, &encoded.parts);
    for (name, trunk) in [("index.html", &shell_page), (WORKBENCH_PAGE, &workbench_page)] {
        let page = with_early_fetch(trunk, &data_name, &early, langs)?;
        let policy = csp::hosted(&csp::inline_scripts(&page)?);
        std::fs::write(dist.join(name), csp::with_meta(&page, &policy)?)?;
        println!("{name}: Content-Security-Policy: {policy}");
    }

    step("dist: sizes");
    let mut current = shell_files;
    current.extend(workbench_files.into_iter().filter(|f| f != "index.html"));
    current.sort();
    current.dedup();
    current.push(WORKBENCH_PAGE.to_string());
    current.extend([data_name, embed::HOST_SCRIPT.to_string(), embed::ELEMENT_MODULE.to_string()]);
    current.extend([hosted::WORKER.to_string(), hosted::MANIFEST.to_string()]);
    current.extend(table_names);
    print_sizes(dist, &current, &part_names)?;
    // What a reader of index.html downloads before anything else (the budget is 250 KB).
    let mut named = referenced(&std::fs::read_to_string(dist.join("index.html"))?)?;
    named.sort();
    named.dedup();
    let mut lean = 0;
    for f in named.iter().filter(|f| current.contains(f)) {
        if f.ends_with(".wasm") || f.ends_with(".js") || f.ends_with(".css") {
            lean += gzipped_len(&dist.join(f))?;
        }
    }
    println!("index.html's app shell (wasm + JS + CSS): {lean} bytes gzip -9");
    Ok(())
}

/// `cargo xtask offline`: the folder edition of the site in `dist` — for a USB
/// stick at archive scale, where one file would be too large — into `out`:
/// `clippings.html` (the shell inline, as in the single file) and the hosted
/// build's data files as classic scripts `data/*.js`, which a page opened from
/// `file://` may load from its folder (it may not fetch), and every language's
/// table inside the page (from `i18n/`; the default `lang`, else the site's).
/// Nothing else is read.
pub fn offline(dist: &Path, out: &Path, lang: Option<&str>) -> Result {
    step(&format!("offline: the folder edition of {} into {}", dist.display(), out.display()));
    let kept = default_lang_of(dist);
    let langs = Languages::load(lang.or(kept.as_deref()))?;
    let page = std::fs::read_to_string(dist.join("index.html"))
        .map_err(|e| format!("no site in {} ({e}): run `cargo xtask dist` first", dist.display()))?;
    let start = referenced(&page)?
        .into_iter()
        .find(|f| data::is_data_file(f))
        .ok_or("the site's index.html names no data file")?;
    let shell_page = trunk_page(&workbench_dir())?;
    if out.exists() {
        std::fs::remove_dir_all(out)?;
    }
    std::fs::create_dir_all(out.join(data::DIR))?;
    let bytes = std::fs::read(dist.join(&start))?;
    let mut files = data::parts_of(&bytes);
    files.push(start.clone());
    let (mut raw, mut count) = (0u64, 0usize);
    for file in &files {
        let name =
            file.strip_prefix("data/").and_then(|f| f.strip_suffix(".bin")).ok_or("a data file outside data/")?;
        use base64::Engine;
        let packed = base64::engine::general_purpose::STANDARD.encode(std::fs::read(dist.join(file))?);
        let script = format!("clippingsFile('{name}','{packed}');\n");
        raw += script.len() as u64;
        count += 1;
        std::fs::write(out.join(data::DIR).join(format!("{name}.js")), script)?;
    }
    let page = single_file::write_page(
        dist,
        &shell_page,
        single_file::Archive::Scripts(&start),
        &out.join(single_file::FILE_NAME),
        &langs,
    )?;
    println!(
        "wrote {} and {count} data scripts ({:.1} MB) in {}",
        page.display(),
        raw as f64 / 1e6,
        out.join(data::DIR).display()
    );
    Ok(())
}

/// Trunk's page with the script that chooses the page's language and starts
/// fetching its table, and the one that fetches the data file early, before
/// Trunk's own links and scripts (so the data and the shell download together),
/// then the hosted page's own tags (its manifest, and the script that registers
/// the service worker and offers a new edition).
fn with_early_fetch(page: &str, data_name: &str, early: &data::EarlyParts, langs: &Languages) -> Result<String> {
    let at = first_head_tag(page)?;
    let script = format!(
        "<script>{}</script>\n    <script>{}</script>\n    {}",
        i18n::page_script(langs, i18n::Carry::Files),
        data::early_fetch_script(data_name, early),
        hosted::head_tags()?
    );
    Ok(format!("{}{script}{}", &page[..at], &page[at..]))
}

/// Where the first link or script of Trunk's page stands: the page's own
/// scripts go before it.
fn first_head_tag(page: &str) -> Result<usize> {
    Ok(["<link data-trunk", "<link", "<script"]
        .iter()
        .filter_map(|tag| page.find(tag))
        .min()
        .ok_or("Trunk's page has no link or script")?)
}

/// The site-relative files a page names: its scripts, links and data file.
pub(crate) fn referenced(page: &str) -> Result<Vec<String>> {
    let mut out = vec!["index.html".to_string(), single_file::FILE_NAME.to_string()];
    for (tag, attr) in [("script", "src"), ("link", "href")] {
        for e in html::elements(page, tag)? {
            if let Some(url) = e.attr(attr).filter(|u| !u.contains(':')) {
                out.push(url.trim_start_matches("./").to_string());
            }
        }
    }
    for e in html::elements(page, "script")? {
        out.extend(data::named_by_early_fetch(&page[e.inner.clone()]).map(str::to_string));
        out.extend(i18n::named_by_script(&page[e.inner.clone()]).into_iter().map(str::to_string));
    }
    out.retain(|f| !f.is_empty() && !f.contains(".."));
    Ok(out)
}

/// Every file below `dir`, as a `/`-separated path relative to it.
fn relative_files(dir: &Path) -> Result<Vec<String>> {
    let mut files = Vec::new();
    if dir.is_dir() {
        collect_files(dir, &mut files)?;
    }
    Ok(files
        .iter()
        .filter_map(|f| f.strip_prefix(dir).ok())
        // Trunk stages a build in .stage/ while it runs: never part of a site.
        .filter(|f| !f.components().any(|c| c.as_os_str().to_string_lossy().starts_with('.')))
        .map(|f| f.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/"))
        .collect())
}

/// PATH with tests/node_modules/.bin first, so that binaryen's wasm-opt 132
/// comes before any older system one should Trunk ever look for it (it runs
/// none: `minify::shell` does, by its path).
fn path_with_npm_tools() -> Result<OsString> {
    let npm_bin = root().join("tests").join("node_modules").join(".bin");
    let rest = std::env::var_os("PATH").unwrap_or_default();
    let dirs = std::iter::once(npm_bin).chain(std::env::split_paths(&rest));
    Ok(std::env::join_paths(dirs)?)
}

/// One row per file of the hosted site and their total, then the single
/// file, which is an alternative to them rather than a part.
fn print_sizes(dist: &Path, current: &[String], parts: &[String]) -> Result {
    let mut files: Vec<PathBuf> = current.iter().map(|f| dist.join(f)).collect();
    files.sort();
    let single = dist.join(single_file::FILE_NAME);

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
    if !parts.is_empty() {
        let (mut raw, mut gz) = (0, 0);
        // Each part gzipped alone, as a server sends it; past a few thousand
        // parts a sample of every 16th stands for the rest (scaled).
        let step = if parts.len() > 4096 { 16 } else { 1 };
        for (i, part) in parts.iter().enumerate() {
            let bytes = std::fs::read(dist.join(part))?;
            raw += bytes.len() as u64;
            if i % step == 0 {
                gz += gzip(&bytes)?.len() as u64 * step as u64;
            }
        }
        raw_total += raw;
        gz_total += gz;
        let label = format!("{} part files (fetched by need)", parts.len());
        println!("{label:<width$} {raw:>10} {gz:>10}");
    }
    println!("{:<width$} {raw_total:>10} {gz_total:>10}", "total");
    if single.is_file() {
        let (raw, gz) = (single.metadata()?.len(), gzipped_len(&single)?);
        println!("{single_label:<width$} {raw:>10} {gz:>10}");
    }
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
