//! dist/clippings.html: the site Trunk built, folded into one file that a
//! reporter can carry on a USB stick and open from `file://`.
//!
//! The stylesheet becomes a `<style>`, the wasm-bindgen glue joins the loader
//! in one inline module (a `file://` page cannot import a sibling file), and
//! the wasm and the corpus's data file travel gzip-compressed as base64 in two
//! data blocks, which the loader decodes and inflates with `DecompressionStream`
//! — no fetch at all, so the page runs under `connect-src 'none'`. The app reads
//! the data from `window.clippingsData`, as it does on the hosted page.
//! Every language's compiled table is inside too, in the script that chooses
//! the page's language (`window.clippingsLang`, as on the hosted page).

use super::i18n::{self, Languages};
use super::{csp, html};
use crate::Result;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use std::path::{Path, PathBuf};

pub const FILE_NAME: &str = "clippings.html";

/// Where the page finds the archive.
pub enum Archive<'a> {
    /// Inside the page, whole (the single file).
    Inline(&'a [u8]),
    /// Beside the page, parted, as classic scripts `data/*.js` (the folder
    /// edition): the start file's name in the hosted build, `data/index-<hash>.bin`.
    Scripts(&'a str),
}

/// Trunk's inline loader script: where it stands in the page, and the glue module
/// and wasm file it names.
pub(super) struct Loader<'a> {
    pub outer: std::ops::Range<usize>,
    pub js: &'a str,
    pub wasm: &'a str,
}

impl<'a> Loader<'a> {
    pub fn of(page: &'a str) -> Result<Loader<'a>> {
        let loaders: Vec<_> = html::elements(page, "script")?.into_iter().filter(|s| s.attr("src").is_none()).collect();
        let [loader] = loaders.as_slice() else {
            return Err(format!("expected one inline loader script in Trunk's page, found {}", loaders.len()).into());
        };
        let text = &page[loader.inner.clone()];
        Ok(Loader {
            outer: loader.outer.clone(),
            js: quoted_after(text, " from ").ok_or("the loader imports no module")?,
            wasm: quoted_after(text, "module_or_path: ").ok_or("the loader names no wasm file")?,
        })
    }
}

/// Writes dist/clippings.html from Trunk's page of the app shell (before its CSP
/// meta is added), the files it names (already in `dist`) and the data file `data`.
pub fn write(dist: &Path, page: &str, data: &[u8], langs: &Languages) -> Result<PathBuf> {
    write_page(dist, page, Archive::Inline(data), &dist.join(FILE_NAME), langs)
}

/// Writes a page with everything of the shell inline, every language of `langs`
/// and the archive as `archive` says, to `path`.
pub fn write_page(dist: &Path, page: &str, archive: Archive, path: &Path, langs: &Languages) -> Result<PathBuf> {
    let mut edits: Vec<(std::ops::Range<usize>, String)> = Vec::new();

    // First in the list: at the same place as an edit that replaces a link, it
    // stays before it.
    let at = super::first_head_tag(page)?;
    let languages = i18n::page_script(langs, i18n::Carry::Inline);
    edits.push((at..at, format!("<script>{languages}</script>\n    ")));

    let loader = Loader::of(page)?;
    let (glue, exports) = inline_glue(dist, loader.js)?;
    let wasm = std::fs::read(dist.join(loader.wasm))?;
    let data = match archive {
        Archive::Inline(_) => ARCHIVE_INLINE.to_string(),
        Archive::Scripts(start) => ARCHIVE_SCRIPTS.replace("__START__", start),
    };
    edits.push((loader.outer, format!("<script type=\"module\">\n{}</script>", loader_script(&glue, &exports, &data))));

    for link in html::elements(page, "link")? {
        let (rel, href) = (link.attr("rel").unwrap_or(""), link.attr("href").unwrap_or(""));
        match rel {
            "stylesheet" => {
                let css = read_text(dist, href)?;
                if css.to_ascii_lowercase().contains("</style") || css.contains("url(") && !css.contains("url(data:") {
                    return Err(format!("{href} cannot be inlined as it is (</style or a url())").into());
                }
                edits.push((link.outer.clone(), format!("<style>{css}</style>")));
            }
            "modulepreload" | "preload" => edits.push((link.outer.clone(), String::new())),
            _ if href.starts_with("data:") => {}
            _ => return Err(format!("do not know how to inline <link rel=\"{rel}\" href=\"{href}\">").into()),
        }
    }

    let body_end = page.rfind("</body>").ok_or("the page has no </body>")?;
    let mut blocks = String::new();
    let mut packed = vec![("clippings-wasm", wasm.as_slice())];
    if let Archive::Inline(data) = archive {
        packed.push(("clippings-data", data));
    }
    for (id, bytes) in packed {
        let packed = STANDARD.encode(super::gzip(bytes)?);
        blocks.push_str(&format!("  <script type=\"application/octet-stream\" id=\"{id}\">{packed}</script>\n  "));
    }
    edits.push((body_end..body_end, blocks));

    edits.sort_by_key(|(range, _)| range.start);
    let mut out = page.to_string();
    for (range, text) in edits.into_iter().rev() {
        out.replace_range(range, &text);
    }
    for tag in ["link", "script", "img"] {
        for element in html::elements(&out, tag)? {
            for attr in ["href", "src"] {
                if element.attr(attr).is_some_and(|url| !url.starts_with("data:")) {
                    return Err(format!("the single file still refers to another file: {}", element.open).into());
                }
            }
        }
    }

    let scripts = csp::inline_scripts(&out)?;
    let styles = csp::inline_styles(&out)?;
    let policy = match archive {
        Archive::Inline(_) => csp::single_file(&scripts, &styles),
        Archive::Scripts(_) => csp::folder(&scripts, &styles),
    };
    let out = csp::with_meta(&out, &policy)?;
    std::fs::write(path, out)?;
    Ok(path.to_path_buf())
}

/// The single file's archive: inside the page, no URL to fetch it again from.
const ARCHIVE_INLINE: &str = "\
  window.clippingsData = {
    url: null,
    bytes: inflate('clippings-data', 'application/octet-stream').arrayBuffer()
      .catch((e) => (e instanceof Error ? e : new Error(String(e)))),
  };";

/// The folder edition's archive: each data file `data/X.bin` of the hosted build
/// is `data/X.js` beside the page, a classic script that hands its bytes (base64)
/// to `clippingsFile('X', …)`. `file://` lets a page load scripts from its folder
/// but not fetch, so the app's fetches go through `clippingsLoad(url)`.
const ARCHIVE_SCRIPTS: &str = "\
  const waiting = new Map();
  window.clippingsFile = (name, packed) => {
    const w = waiting.get(name);
    if (w) w.ok(base64(packed).buffer);
  };
  window.clippingsLoad = (url) => new Promise((ok, fail) => {
    const name = url.replace(/^.*\\//, '').replace(/\\.bin$/, '');
    const script = document.createElement('script');
    const done = () => { waiting.delete(name); script.remove(); };
    waiting.set(name, { ok: (bytes) => { done(); ok(bytes); } });
    script.onerror = () => { done(); fail(new Error('cannot read ' + name + '.js beside this page')); };
    script.src = url.replace(/\\.bin$/, '.js');
    document.head.append(script);
  });
  window.clippingsData = {
    url: '__START__',
    bytes: window.clippingsLoad('__START__').catch((e) => (e instanceof Error ? e : new Error(String(e)))),
  };";

/// The loader: the glue, then (in a block, so its names stay apart from the
/// glue's `wasm`) decode, inflate and instantiate asynchronously. Trunk's
/// loader does the same last two steps, which the benchmark relies on.
fn loader_script(glue: &str, exports: &[(String, String)], archive: &str) -> String {
    let bindings: Vec<String> = exports.iter().map(|(name, local)| format!("{name}: {local}")).collect();
    format!(
        r#"{glue}
{{
  const base64 = (packed) => {{
    if (typeof Uint8Array.fromBase64 === 'function') return Uint8Array.fromBase64(packed);
    const binary = atob(packed);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  }};
  const inflate = (id, type) => {{
    const gzipped = base64(document.getElementById(id).textContent);
    const inflated = new Blob([gzipped]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Response(inflated, {{ headers: {{ 'Content-Type': type }} }});
  }};
{archive}
  const module_or_path = inflate('clippings-wasm', 'application/wasm');
  const wasm = await __wbg_init({{ module_or_path }});
  window.wasmBindings = Object.freeze({{ {} }});
  dispatchEvent(new CustomEvent('TrunkApplicationStarted', {{ detail: {{ wasm }} }}));
}}
"#,
        bindings.join(", ")
    )
}

/// wasm-bindgen's `--target web` glue as plain module code: `export` keywords
/// dropped, and the list of (exported name, local name) pairs it had. Any
/// `import` (a snippet file) or export form not seen before is an error.
pub(super) fn glue_as_inline_code(js: &str) -> Result<(String, Vec<(String, String)>)> {
    let js = js.replace("\r\n", "\n");
    if js.to_ascii_lowercase().contains("</script") || js.contains("<!--") {
        return Err("the glue contains </script or <!--, which cannot stand in an inline script".into());
    }
    let mut code = String::with_capacity(js.len());
    let mut exports = Vec::new();
    for line in js.lines() {
        if line.starts_with("import ") || line.starts_with("import{") {
            return Err(format!("the glue imports another file, which a single file cannot: {line}").into());
        }
        let Some(rest) = line.strip_prefix("export ") else {
            code.push_str(line);
            code.push('\n');
            continue;
        };
        if let Some(list) = rest.strip_prefix('{').and_then(|r| r.trim_end().strip_suffix("};")) {
            for item in list.split(',').map(str::trim).filter(|i| !i.is_empty()) {
                let (local, name) = item.split_once(" as ").unwrap_or((item, item));
                exports.push((name.trim().to_string(), local.trim().to_string()));
            }
            continue;
        }
        let declared = ["async function ", "function ", "class ", "const ", "let "]
            .iter()
            .find_map(|kind| rest.strip_prefix(kind))
            .and_then(|r| r.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$')).next())
            .filter(|name| !name.is_empty())
            .ok_or_else(|| format!("unexpected export in the glue: {line}"))?;
        exports.push((declared.to_string(), declared.to_string()));
        code.push_str(rest);
        code.push('\n');
    }
    if !exports.iter().any(|(name, local)| name == "default" && local == "__wbg_init") {
        return Err("the glue does not export __wbg_init as default".into());
    }
    Ok((code, exports))
}

/// The glue `url` names as plain script code and its exports: the minified form
/// the shell's build kept ([`super::minify::inline_glue`]), or else (a shell
/// built elsewhere) made from the glue in `dist`, which must then be as
/// wasm-bindgen wrote it.
fn inline_glue(dist: &Path, url: &str) -> Result<(String, Vec<(String, String)>)> {
    let kept = super::minify::inline_glue(url.trim_start_matches("./"));
    let Ok(text) = std::fs::read_to_string(&kept) else {
        return glue_as_inline_code(&read_text(dist, url)?);
    };
    let (first, code) = text.split_once('\n').ok_or("the kept glue has no exports line")?;
    if code.to_ascii_lowercase().contains("</script") || code.contains("<!--") {
        return Err("the minified glue contains </script or <!--, which cannot stand in an inline script".into());
    }
    let exports =
        first.split(',').filter_map(|p| p.split_once(' ')).map(|(n, l)| (n.to_string(), l.to_string())).collect();
    Ok((code.to_string(), exports))
}

/// The text of a file the page names by a `./relative` URL.
fn read_text(dist: &Path, url: &str) -> Result<String> {
    let name = url.strip_prefix("./").unwrap_or(url);
    if name.contains("..") || name.contains(':') || name.starts_with('/') {
        return Err(format!("unexpected URL in Trunk's page: {url}").into());
    }
    Ok(std::fs::read_to_string(dist.join(name))?.replace("\r\n", "\n"))
}

/// The first '…'-quoted string after `marker` in `text`.
fn quoted_after<'a>(text: &'a str, marker: &str) -> Option<&'a str> {
    let rest = &text[text.find(marker)? + marker.len()..];
    let rest = rest.strip_prefix('\'')?;
    Some(&rest[..rest.find('\'')?])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glue_loses_its_exports_and_keeps_their_names() {
        let glue = "export class Source {\n}\nexport function clippings_bench_search(q) {}\n\
                    function __wbg_init() {}\nexport { initSync, __wbg_init as default };\n";
        let (code, exports) = glue_as_inline_code(glue).unwrap();
        assert!(!code.contains("export"), "{code}");
        assert!(code.contains("class Source {\n") && code.contains("function clippings_bench_search(q)"));
        let pairs: Vec<_> = exports.iter().map(|(n, l)| format!("{n}={l}")).collect();
        assert_eq!(
            pairs,
            [
                "Source=Source",
                "clippings_bench_search=clippings_bench_search",
                "initSync=initSync",
                "default=__wbg_init"
            ]
        );
    }

    #[test]
    fn glue_that_imports_or_closes_the_script_is_refused() {
        let ok = "export { __wbg_init as default };\n";
        assert!(glue_as_inline_code(ok).is_ok());
        assert!(glue_as_inline_code(&format!("import {{ x }} from './snippets/a.js';\n{ok}")).is_err());
        assert!(glue_as_inline_code(&format!("const s = '</script>';\n{ok}")).is_err());
        assert!(glue_as_inline_code(&format!("export default function f() {{}}\n{ok}")).is_err());
    }

    #[test]
    fn quoted_paths_come_out_of_trunks_loader() {
        let loader = "import init, * as bindings from './c-1.js';\nawait init({ module_or_path: './c-1_bg.wasm' });";
        assert_eq!(quoted_after(loader, " from "), Some("./c-1.js"));
        assert_eq!(quoted_after(loader, "module_or_path: "), Some("./c-1_bg.wasm"));
    }
}
