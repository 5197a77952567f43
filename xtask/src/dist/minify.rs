//! The shell minified after Trunk: its style sheet (style/main.css is written to be
//! read, a third of it comments) and wasm-bindgen's JS glue (by terser, from npm).
//! Trunk minifies only everything at once, the page too, which the site's
//! assembly reads as it wrote it; so it is done here, and each `<link>`'s
//! integrity written again. The single file needs the glue as plain script code
//! (`single_file::glue_as_inline_code`, which reads the glue line by line): that
//! is made from the glue as wasm-bindgen wrote it, minified too, and kept beside
//! the shell ([`inline_glue`]).

use std::path::{Path, PathBuf};
use std::process::Command;

use sha2::{Digest, Sha384};

use crate::{exec, root, Result};

/// `css` with comments dropped, runs of whitespace made one space, and the
/// spaces around `{ } ; , >` and after `:` dropped, as is the `;` before a `}`.
/// Strings (`"…"`, `'…'`) pass as they are. A space before `:` stays (in a
/// selector, `.a :focus` is not `.a:focus`), as do spaces around `+` and `-`
/// (`calc(1rem + 2px)`).
pub fn minify(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    let mut space = false;
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut last = ' ';
                for c in chars.by_ref() {
                    if last == '*' && c == '/' {
                        break;
                    }
                    last = c;
                }
                // Nothing in its place: `.a/**/.b` is `.a.b`.
            }
            c if c.is_whitespace() => space = true,
            '"' | '\'' => {
                flush(&mut out, &mut space, c);
                out.push(c);
                let mut escaped = false;
                for s in chars.by_ref() {
                    out.push(s);
                    if s == c && !escaped {
                        break;
                    }
                    escaped = s == '\\' && !escaped;
                }
            }
            c => {
                flush(&mut out, &mut space, c);
                if c == '}' && out.ends_with(';') {
                    out.pop();
                }
                out.push(c);
            }
        }
    }
    out
}

/// Writes the pending space before `next`, unless either side makes it moot.
fn flush(out: &mut String, space: &mut bool, next: char) {
    let needed = *space
        && !out.is_empty()
        && !matches!(next, '{' | '}' | ';' | ',' | '>')
        && !out.ends_with(['{', '}', ';', ',', '>', ':']);
    if needed {
        out.push(' ');
    }
    *space = false;
}

/// Gives the wasm's imports short names ([`super::imports`]) and minifies the
/// style sheets and the JS glue a Trunk build in `dir` links from
/// its index.html, in place (their names stay: Trunk's hash of the source still
/// changes with it), writes each `<link>`'s integrity again, and keeps the glue's
/// single-file form ([`inline_glue`]). Returns the bytes saved.
pub fn shell(dir: &Path) -> Result<usize> {
    let page_path = dir.join("index.html");
    let source = std::fs::read_to_string(&page_path)?;
    let loader = super::single_file::Loader::of(&source)?;
    let glue_name = loader.js.trim_start_matches("./").to_string();
    let glue_path = dir.join(&glue_name);
    let wasm_path = dir.join(loader.wasm.trim_start_matches("./"));
    // What the shell never calls goes first, then wasm-opt; then the imports'
    // short names: the glue is minified with them.
    let wasm = std::fs::read(&wasm_path).map_err(|e| format!("{}: {e}", wasm_path.display()))?;
    let wasm = optimize(&super::imports::drop_exports(&wasm, unused_export)?)?;
    let (short, names) = super::imports::shorten(&wasm)?;
    let mut saved = wasm.len().saturating_sub(short.len());
    std::fs::write(&wasm_path, &short)?;
    let glue = with_short_debug_string(&without_unused_classes(&std::fs::read_to_string(&glue_path)?)?)?;
    let glue = super::imports::rename_in_glue(&glue, &names)?;
    std::fs::write(&glue_path, &glue)?;
    let (code, exports) = super::single_file::glue_as_inline_code(&glue)?;
    let kept = inline_glue(&glue_name);
    std::fs::create_dir_all(kept.parent().expect("a folder"))?;
    let listed: Vec<String> = exports.iter().map(|(name, local)| format!("{name} {local}")).collect();
    std::fs::write(&kept, format!("{}\n{}", listed.join(","), terser(&code, false)?))?;
    let mut page = source.clone();
    for link in super::html::elements(&source, "link")? {
        let (Some(href), Some(old)) = (attr(link.open, "href"), attr(link.open, "integrity")) else { continue };
        let path = dir.join(href.trim_start_matches("./"));
        let (css, glue) = (href.ends_with(".css"), path == glue_path);
        let small = if path == wasm_path {
            short.clone()
        } else if css || glue {
            let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            let small = if css { minify(&text) } else { terser(&text, true)? };
            saved += text.len().saturating_sub(small.len());
            std::fs::write(&path, &small)?;
            small.into_bytes()
        } else {
            continue;
        };
        let integrity = format!("sha384-{}", base64_std(&Sha384::digest(&small)));
        page = page.replace(&format!("integrity=\"{old}\""), &format!("integrity=\"{integrity}\""));
    }
    std::fs::write(&page_path, page)?;
    Ok(saved)
}

/// The JS classes the shell's wasm exports without ever using them: Leptos
/// turns on `server_fn`'s browser feature, whose `wasm-streams` exports
/// adapters between Rust and JS streams for server functions, which the shell
/// has none of. Left out (from the wasm before wasm-opt, which then drops their
/// code, and from the glue): 1.2 KB gzip of wasm and 0.3 KB of glue.
const UNUSED_CLASSES: [&str; 3] = ["IntoUnderlyingByteSource", "IntoUnderlyingSink", "IntoUnderlyingSource"];

/// Whether wasm export `name` belongs to one of [`UNUSED_CLASSES`]
/// (`intounderlyingsink_write`, `__wbg_intounderlyingsink_free`).
fn unused_export(name: &str) -> bool {
    let name = name.strip_prefix("__wbg_").unwrap_or(name);
    UNUSED_CLASSES
        .iter()
        .any(|class| name.strip_prefix(class.to_ascii_lowercase().as_str()).is_some_and(|rest| rest.starts_with('_')))
}

/// wasm-bindgen's glue without the [`UNUSED_CLASSES`]: each class from its
/// `export class` line to the line that gives it `Symbol.dispose`, and the
/// three lines of its `FinalizationRegistry`. A glue laid out otherwise (another
/// wasm-bindgen) is an error, not a shell that calls what is gone.
fn without_unused_classes(glue: &str) -> Result<String> {
    let mut lines: Vec<&str> = glue.lines().collect();
    for class in UNUSED_CLASSES {
        let unknown = || format!("the JS glue is not laid out as wasm-bindgen 0.2.130 writes it (class {class})");
        let start = lines.iter().position(|l| *l == format!("export class {class} {{")).ok_or_else(unknown)?;
        let dispose = format!("if (Symbol.dispose) {class}.prototype[Symbol.dispose] = {class}.prototype.free;");
        let end = start + lines[start..].iter().position(|l| *l == dispose).ok_or_else(unknown)?;
        lines.drain(start..=end);
        let registry = format!("const {class}Finalization = ");
        let at = lines.iter().position(|l| l.starts_with(&registry)).ok_or_else(unknown)?;
        lines.drain(at..(at + 3).min(lines.len()));
        if lines.iter().any(|l| l.contains(class)) {
            return Err(unknown().into());
        }
    }
    let mut out = lines.join("\n");
    out.push('\n');
    Ok(out)
}

/// wasm-bindgen's glue with a short `debugString`. Its only caller formats a
/// `JsValue` for `Debug`, which the shell reaches only in a panic's message
/// (an `unwrap` on a JS error), shown in the error panel: there an error's name
/// and message, a string quoted, anything else as JS writes it, do as well as
/// wasm-bindgen's 55 lines (class names, arrays, JSON of objects): 0.26 KB gzip.
fn with_short_debug_string(glue: &str) -> Result<String> {
    let mut lines: Vec<&str> = glue.lines().collect();
    let unknown = || "the JS glue is not laid out as wasm-bindgen 0.2.130 writes it (debugString)".to_string();
    let start = lines.iter().position(|l| *l == "function debugString(val) {").ok_or_else(unknown)?;
    let end = start + lines[start..].iter().position(|l| *l == "}").ok_or_else(unknown)?;
    lines.splice(
        start..=end,
        [
            "function debugString(val) {",
            "    try {",
            "        return val instanceof Error ? `${val.name}: ${val.message}` : typeof val === 'string' ? JSON.stringify(val) : String(val);",
            "    } catch (_) {",
            "        return typeof val;",
            "    }",
            "}",
        ],
    );
    let mut out = lines.join("\n");
    out.push('\n');
    Ok(out)
}

/// The arguments that Trunk passed to wasm-opt when it ran it (`-Os`, then
/// these): the shell is now optimised here, after [`unused_export`]s are
/// dropped, which Trunk's pipeline has no step for.
///
/// `-Os` (not `-Oz`) with `--converge`: -Oz merges similar functions, which
/// makes the wasm smaller but compress worse (gzip -9: 247.3 KB at -Oz, 245.1 KB
/// at -Os --converge, without the producers and target features sections).
/// `--low-memory-unused` lets wasm-opt fold constant offsets into loads and
/// stores (the shell never touches the first 1 KB of memory: Rust's data starts
/// at 1 MB, its stack grows down from there): 1.7 KB less gzip. After the first
/// -Os, `--flatten --rereloop -Os` rebuilds every function's control flow from
/// scratch and optimises again: 1.0 KB less gzip, some 10 s more;
/// `--simplify-locals-nostructure` on the flat code and `--precompute-propagate
/// --code-folding -Os` at the end, 0.75 KB more for 10 s more. A second flatten
/// round would save 0.4 KB more for 50 s.
const WASM_OPT_ARGS: &[&str] = &[
    "-Os",
    "--converge",
    "--flatten",
    "--rereloop",
    "--simplify-locals-nostructure",
    "-Os",
    "--converge",
    "--precompute-propagate",
    "--code-folding",
    "-Os",
    "--low-memory-unused",
    "--strip-producers",
    "--strip-target-features",
];

/// `wasm` through binaryen's wasm-opt (npm's, [`WASM_OPT_ARGS`]).
///
/// wasm-opt takes a minute: its output is kept under the hash of its input,
/// passes and version, and the same wasm (a `dist` after a `bench`, which builds the same
/// shell) is not optimized twice.
fn optimize(wasm: &[u8]) -> Result<Vec<u8>> {
    use sha2::Digest;
    let dir = root().join("target").join("shell-inline");
    std::fs::create_dir_all(&dir)?;
    // `CLIPPINGS_WASM_NAMES=1` keeps the functions' names (`-g`), for a CPU
    // profile that names them: a bigger shell, never one to ship.
    let names = std::env::var_os("CLIPPINGS_WASM_NAMES").is_some();
    let args: Vec<&str> = WASM_OPT_ARGS.iter().copied().chain(names.then_some("-g")).collect();
    let mut hash = sha2::Sha256::new();
    hash.update(wasm);
    args.iter().for_each(|a| hash.update(a.as_bytes()));
    // And binaryen's version: another wasm-opt optimizes again.
    hash.update(std::fs::read(root().join("tests/node_modules/binaryen/package.json")).unwrap_or_default());
    let key: String = hash.finalize()[..8].iter().map(|b| format!("{b:02x}")).collect();
    let kept = dir.join(format!("wasm-opt-{key}.wasm"));
    if let Ok(bytes) = std::fs::read(&kept) {
        println!("wasm-opt: the same input as before, its output kept in {}", kept.display());
        return Ok(bytes);
    }
    let (input, output) = (dir.join("wasm-opt-in.wasm"), dir.join("wasm-opt-out.wasm"));
    std::fs::write(&input, wasm)?;
    let bin = root().join("tests").join("node_modules").join(".bin").join("wasm-opt");
    exec(Command::new(bin).arg(&input).args(&args).arg("--output").arg(&output))?;
    let bytes = std::fs::read(&output)?;
    // Only the latest of each build is worth keeping: older ones go.
    let older = |name: &str| name.starts_with("wasm-opt-") && name.len() == "wasm-opt-0123456789abcdef.wasm".len();
    let kept_files =
        std::fs::read_dir(&dir)?.filter_map(|e| e.ok()).filter(|e| older(&e.file_name().to_string_lossy()));
    let mut kept_files: Vec<_> =
        kept_files.filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path()))).collect();
    kept_files.sort();
    for (_, path) in kept_files.iter().rev().skip(3) {
        let _ = std::fs::remove_file(path);
    }
    std::fs::write(&kept, &bytes)?;
    Ok(bytes)
}

/// Where the single-file form of the glue named `glue` is kept: its exports as
/// `name local` pairs separated by commas on the first line, then its code.
pub fn inline_glue(glue: &str) -> PathBuf {
    root().join("target").join("shell-inline").join(glue)
}

/// `js` through terser (compress and mangle; as a module, or as a classic
/// script whose top-level names stay, for code that others call by them).
fn terser(js: &str, module: bool) -> Result<String> {
    let dir = root().join("target").join("shell-inline");
    std::fs::create_dir_all(&dir)?;
    let (input, output) = (dir.join("terser-in.js"), dir.join("terser-out.js"));
    std::fs::write(&input, js)?;
    let bin = root().join("tests").join("node_modules").join("terser").join("bin").join("terser");
    let mut cmd = Command::new("node");
    cmd.arg(bin).arg(&input).args(["--compress", "--mangle", "--output"]).arg(&output);
    if module {
        cmd.arg("--module");
    }
    exec(&mut cmd)?;
    Ok(std::fs::read_to_string(&output)?)
}

/// The value of attribute `name` in a start tag (double-quoted, as Trunk writes them).
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    Some(&tag[at..at + tag[at..].find('"')?])
}

fn base64_std(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_and_layout_go_meaning_stays() {
        let rows = [
            ("/* a */ .a { color: red; }\n", ".a{color:red}"),
            (".a :focus, .b:hover > .c { margin: 0 auto ; }", ".a :focus,.b:hover>.c{margin:0 auto}"),
            ("a { width: calc(100% - 2rem + 1px); }", "a{width:calc(100% - 2rem + 1px)}"),
            (".x::after { content: \"a  /* b */ ; }\"; }", ".x::after{content:\"a  /* b */ ; }\"}"),
            ("q { quotes: '\\'' '\"'; }", "q{quotes:'\\'' '\"'}"),
            ("@media (max-width: 40rem) {\n  .a { b: c }\n}\n", "@media (max-width:40rem){.a{b:c}}"),
            (".a/* x */.b { }", ".a.b{}"),
            ("a{b:c}/* never closed", "a{b:c}"),
            (
                "@supports (color: light-dark(#000, #fff)) { .c { --accent: var(--x, light-dark(#0b5cad, #7cb8ff)); } }",
                "@supports (color:light-dark(#000,#fff)){.c{--accent:var(--x,light-dark(#0b5cad,#7cb8ff))}}",
            ),
        ];
        for (css, want) in rows {
            assert_eq!(minify(css), want, "{css}");
        }
    }

    #[test]
    fn the_stream_adapters_leave_the_wasm_and_the_glue() {
        for (name, unused) in [
            ("intounderlyingsink_write", true),
            ("__wbg_intounderlyingbytesource_free", true),
            ("intounderlyingsource_pull", true),
            ("intounderlyingsinker", false),
            ("clippings_mount", false),
            ("__wbg_viewer_free", false),
        ] {
            assert_eq!(unused_export(name), unused, "{name}");
        }
        let class = |c: &str| {
            format!(
                "export class {c} {{\n    free() {{\n        wasm.__wbg_{l}_free(ptr, 0);\n    }}\n}}\n\
                 if (Symbol.dispose) {c}.prototype[Symbol.dispose] = {c}.prototype.free;\n",
                l = c.to_ascii_lowercase()
            )
        };
        let registry = |c: &str| {
            format!(
                "const {c}Finalization = (typeof FinalizationRegistry === 'undefined')\n    ? {{}}\n    : new FinalizationRegistry(ptr => 1);\n"
            )
        };
        let [a, b, c] = UNUSED_CLASSES;
        let glue = format!(
            "{}{}export class Viewer {{\n}}\n{}export function f() {{}}\n{}{}{}const ViewerFinalization = 1;\n",
            class(a),
            class(b),
            class(c),
            registry(a),
            registry(b),
            registry(c)
        );
        assert_eq!(
            without_unused_classes(&glue).unwrap(),
            "export class Viewer {\n}\nexport function f() {}\nconst ViewerFinalization = 1;\n"
        );
        // A glue that calls an adapter elsewhere, or lacks one, is refused.
        let err = without_unused_classes(&format!("{glue}x(IntoUnderlyingSink);\n")).unwrap_err().to_string();
        assert!(err.contains("IntoUnderlyingSink"), "{err}");
        assert!(without_unused_classes(&glue.replace(&class(b), "")).is_err());
    }

    #[test]
    fn debug_string_is_made_short_and_the_rest_stays() {
        let glue =
            "function a() {\n}\nfunction debugString(val) {\n    switch (typeof val) {\n    }\n}\nfunction b() {}\n";
        let short = with_short_debug_string(glue).unwrap();
        assert!(short.starts_with("function a() {\n}\nfunction debugString(val) {\n    try {\n"), "{short}");
        assert!(short.ends_with("        return typeof val;\n    }\n}\nfunction b() {}\n"), "{short}");
        assert!(!short.contains("switch"));
        assert!(with_short_debug_string("function b() {}\n").is_err());
    }

    #[test]
    fn the_style_sheet_keeps_every_rule() {
        let css = std::fs::read_to_string(crate::root().join("style/main.css")).unwrap();
        let small = minify(&css);
        assert!(small.len() * 10 < css.len() * 8, "{} → {}", css.len(), small.len());
        let count = |s: &str, c: char| s.chars().filter(|&x| x == c).count();
        // Comments hold none of these, so every brace and declaration survives.
        let uncommented = {
            let mut s = css.clone();
            while let (Some(a), Some(b)) = (s.find("/*"), s.find("*/")) {
                s.replace_range(a..b + 2, " ");
            }
            s
        };
        for c in ['{', '}', '(', ')', '"'] {
            assert_eq!(count(&small, c), count(&uncommented, c), "{c}");
        }
    }
}
