//! Just enough HTML reading for the page Trunk writes: find elements by tag
//! name and read quoted attributes. Anything unexpected is an error, so a new
//! Trunk that changes its output stops the build instead of slipping through.

use crate::Result;
use std::ops::Range;

/// One element of the page: where it stands, and where its text is (empty for void elements).
#[derive(Debug)]
pub struct Element<'a> {
    /// The opening tag, `<script type="module">`.
    pub open: &'a str,
    /// The whole element, opening tag to closing tag.
    pub outer: Range<usize>,
    /// The text between the tags.
    pub inner: Range<usize>,
}

impl Element<'_> {
    /// The value of `name="…"` in the opening tag.
    pub fn attr(&self, name: &str) -> Option<&str> {
        let start = self.open.find(&format!(" {name}=\""))? + name.len() + 3;
        let len = self.open[start..].find('"')?;
        Some(&self.open[start..start + len])
    }
}

/// Every `<name …>` element in `html`, in document order. `<script>` and
/// `<style>` run to their closing tag; other tags are treated as void.
pub fn elements<'a>(html: &'a str, name: &str) -> Result<Vec<Element<'a>>> {
    let lower = html.to_ascii_lowercase();
    let opening = format!("<{name}");
    let closing = format!("</{name}>");
    let has_body = matches!(name, "script" | "style");
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = lower[from..].find(&opening).map(|i| i + from) {
        from = at + opening.len();
        if !lower[from..].starts_with(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/') {
            continue; // <scripts>, <linkage>: another tag
        }
        let open_end = lower[at..].find('>').map(|i| at + i + 1).ok_or_else(|| format!("unclosed <{name} tag"))?;
        let (inner, end) = if has_body {
            let close = lower[open_end..]
                .find(&closing)
                .map(|i| open_end + i)
                .ok_or_else(|| format!("<{name}> without {closing}"))?;
            (open_end..close, close + closing.len())
        } else {
            (open_end..open_end, open_end)
        };
        found.push(Element { open: &html[at..open_end], outer: at..end, inner });
        from = end;
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_scripts_and_links_with_attributes() {
        let page = r#"<head><link rel="icon" href="data:x"/><script type="module">go()</script>
            <scripts></scripts><link rel="stylesheet" href="./a.css"></head>"#;
        let scripts = elements(page, "script").unwrap();
        assert_eq!(scripts.len(), 1);
        assert_eq!(&page[scripts[0].inner.clone()], "go()");
        assert_eq!(scripts[0].attr("type"), Some("module"));
        assert_eq!(scripts[0].attr("src"), None);
        let links = elements(page, "link").unwrap();
        let hrefs: Vec<_> = links.iter().map(|l| l.attr("href").unwrap()).collect();
        assert_eq!(hrefs, ["data:x", "./a.css"]);
        assert_eq!(&page[links[1].outer.clone()], r#"<link rel="stylesheet" href="./a.css">"#);
    }

    #[test]
    fn a_script_without_its_end_is_an_error() {
        assert!(elements("<script>never closed", "script").is_err());
    }
}
