//! The Content-Security-Policy of both builds, as a `<meta>` in the page.
//!
//! Inline scripts and styles are allowed by their SHA-256 only; nothing is
//! allowed by default (`default-src 'none'`). A `<meta>` policy cannot set
//! `frame-ancestors`, `report-uri` or `sandbox`; a host that wants those sends
//! them as a header.

use super::html;
use crate::Result;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use sha2::{Digest, Sha256};

/// dist/index.html: the script, stylesheet and wasm come from the site itself
/// (`connect-src 'self'` is the wasm fetch and its preload); the favicon is a data: URL.
/// Only this page may start a worker (its service worker, sw.js) and read a
/// web app manifest, both from the site itself.
pub fn hosted(inline_scripts: &[&str]) -> String {
    [
        "default-src 'none'".to_string(),
        format!("script-src 'self' {} 'wasm-unsafe-eval'", hashes(inline_scripts)),
        "style-src 'self'".to_string(),
        "img-src 'self' data:".to_string(),
        "connect-src 'self'".to_string(),
        "worker-src 'self'".to_string(),
        "manifest-src 'self'".to_string(),
        "base-uri 'none'".to_string(),
        "form-action 'none'".to_string(),
    ]
    .join("; ")
}

/// dist/clippings.html: everything is inline, so nothing may be fetched at all.
pub fn single_file(inline_scripts: &[&str], inline_styles: &[&str]) -> String {
    [
        "default-src 'none'".to_string(),
        format!("script-src {} 'wasm-unsafe-eval'", hashes(inline_scripts)),
        format!("style-src {}", hashes(inline_styles)),
        "img-src data:".to_string(),
        "connect-src 'none'".to_string(),
        "base-uri 'none'".to_string(),
        "form-action 'none'".to_string(),
    ]
    .join("; ")
}

/// The folder edition's clippings.html (opened from `file://`): like the single
/// file, and its data files load as scripts from its own folder (`'self'`).
pub fn folder(inline_scripts: &[&str], inline_styles: &[&str]) -> String {
    single_file(inline_scripts, inline_styles).replacen("script-src ", "script-src 'self' ", 1)
}

/// `'sha256-…'` for each body, as the browser hashes it: the UTF-8 text
/// between the tags, exactly as written.
fn hashes(bodies: &[&str]) -> String {
    bodies
        .iter()
        .map(|body| format!("'sha256-{}'", STANDARD.encode(Sha256::digest(body))))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The text of every executable inline `<script>` of `page` (those without
/// `src` and not data blocks).
pub fn inline_scripts(page: &str) -> Result<Vec<&str>> {
    let scripts = html::elements(page, "script")?;
    Ok(scripts
        .iter()
        .filter(|s| s.attr("src").is_none())
        .filter(|s| matches!(s.attr("type"), None | Some("module" | "text/javascript")))
        .map(|s| &page[s.inner.clone()])
        .collect())
}

/// The text of every `<style>` of `page`.
pub fn inline_styles(page: &str) -> Result<Vec<&str>> {
    Ok(html::elements(page, "style")?.iter().map(|s| &page[s.inner.clone()]).collect())
}

/// `page` with the policy as a `<meta>` right after `<meta charset>`, before
/// any script, style or link it has to govern.
pub fn with_meta(page: &str, policy: &str) -> Result<String> {
    if page.contains("Content-Security-Policy") {
        return Err("the page already has a Content-Security-Policy".into());
    }
    let metas = html::elements(page, "meta")?;
    let charset = metas.iter().find(|m| m.attr("charset").is_some()).ok_or("the page has no <meta charset>")?;
    let first_governed = ["<script", "<link", "<style"].iter().filter_map(|tag| page.find(tag)).min();
    if first_governed.is_some_and(|at| at < charset.outer.start) {
        return Err("a script, link or style comes before <meta charset>".into());
    }
    let at = charset.outer.end;
    let meta = format!("\n    <meta http-equiv=\"Content-Security-Policy\" content=\"{policy}\" />");
    Ok(format!("{}{meta}{}", &page[..at], &page[at..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_match_the_browser_format() {
        // echo -n 'alert(1)' | openssl dgst -sha256 -binary | base64
        assert_eq!(hashes(&["alert(1)"]), "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='");
    }

    #[test]
    fn the_meta_goes_after_the_charset_and_names_every_inline_script() {
        let page = "<head><meta charset=\"utf-8\" /><script type=\"module\">go()</script>\
                    <script src=\"./x.js\"></script><script type=\"application/octet-stream\">AAAA</script></head>";
        let scripts = inline_scripts(page).unwrap();
        assert_eq!(scripts, ["go()"]);
        let out = with_meta(page, &hosted(&scripts)).unwrap();
        let meta = out.find("http-equiv=\"Content-Security-Policy\"").unwrap();
        assert!(out.find("<meta charset").unwrap() < meta && meta < out.find("<script").unwrap());
        assert!(out.contains(&format!("script-src 'self' {} 'wasm-unsafe-eval';", hashes(&["go()"]))));
        assert!(with_meta(&out, "default-src 'none'").is_err(), "a second policy is refused");
    }

    #[test]
    fn no_policy_allows_inline_code_or_eval() {
        for policy in [hosted(&["a"]), single_file(&["a"], &["b"])] {
            assert!(policy.starts_with("default-src 'none';"));
            for loophole in ["'unsafe-inline'", "'unsafe-eval'", "blob:", "*"] {
                assert!(!policy.contains(loophole), "{policy} contains {loophole}");
            }
        }
        assert!(single_file(&["a"], &["b"]).contains("connect-src 'none'"));
        // A worker only for the hosted page; default-src 'none' forbids one elsewhere.
        assert!(hosted(&["a"]).contains("worker-src 'self';"));
        for policy in [single_file(&["a"], &["b"]), folder(&["a"], &["b"])] {
            assert!(!policy.contains("worker-src") && !policy.contains("manifest-src"), "{policy}");
        }
    }
}
