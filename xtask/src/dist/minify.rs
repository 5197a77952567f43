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
    // The imports' short names first: the glue is minified with them.
    let wasm = std::fs::read(&wasm_path).map_err(|e| format!("{}: {e}", wasm_path.display()))?;
    let (short, names) = super::imports::shorten(&wasm)?;
    let mut saved = wasm.len().saturating_sub(short.len());
    std::fs::write(&wasm_path, &short)?;
    let glue = super::imports::rename_in_glue(&std::fs::read_to_string(&glue_path)?, &names)?;
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
