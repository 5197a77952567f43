//! Which reader a file goes to: by its extension, and by its first bytes when
//! the extension says nothing (or says `.xml`, which may be any feed).

use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    Text,
    Json,
    JsonLines,
    /// RSS 2.0, Atom 1.0 or a WordPress export (WXR): the root element tells.
    Feed,
    Csv,
    Html,
    Markdown,
}

impl Format {
    pub const ALL: [Format; 7] =
        [Format::Text, Format::Json, Format::JsonLines, Format::Feed, Format::Csv, Format::Html, Format::Markdown];

    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Json => "JSON",
            Format::JsonLines => "JSON Lines",
            Format::Feed => "feed/WXR",
            Format::Csv => "CSV",
            Format::Html => "HTML",
            Format::Markdown => "Markdown",
        }
    }
}

/// The format of the file at `path` with content `bytes`, or `None` for a file
/// that is no article format (an image, a stylesheet, a file without extension
/// that looks like none of them).
pub fn format(path: &Path, bytes: &[u8]) -> Option<Format> {
    let ext = path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "txt" => Some(Format::Text),
        "jsonl" | "ndjson" => Some(Format::JsonLines),
        "json" => Some(if looks_like_json_lines(bytes) { Format::JsonLines } else { Format::Json }),
        "xml" | "rss" | "atom" | "wxr" => Some(Format::Feed),
        "csv" => Some(Format::Csv),
        "html" | "htm" | "xhtml" => Some(Format::Html),
        "md" | "markdown" => Some(Format::Markdown),
        "" => by_content(bytes),
        _ => None,
    }
}

/// A guess from the first non-blank bytes, for files without an extension.
fn by_content(bytes: &[u8]) -> Option<Format> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]);
    let head = head.trim_start_matches('\u{feff}').trim_start();
    let lower = head.to_ascii_lowercase();
    if head.starts_with('{') {
        Some(if looks_like_json_lines(bytes) { Format::JsonLines } else { Format::Json })
    } else if head.starts_with('[') {
        Some(Format::Json)
    } else if lower.starts_with("<!doctype html") || lower.starts_with("<html") {
        Some(Format::Html)
    } else if lower.starts_with("<?xml") || lower.starts_with("<rss") || lower.starts_with("<feed") {
        Some(Format::Feed)
    } else if head.starts_with("---\n") || head.starts_with("---\r\n") {
        Some(Format::Markdown)
    } else {
        None
    }
}

/// Two or more lines that each start with `{` and end with `}`.
fn looks_like_json_lines(bytes: &[u8]) -> bool {
    let text = String::from_utf8_lossy(&bytes[..bytes.len().min(64 * 1024)]);
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let first = lines.next().unwrap_or("");
    let second = lines.next().unwrap_or("");
    first.starts_with('{') && first.ends_with('}') && second.starts_with('{')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extension_then_content() {
        let rows: &[(&str, &str, Option<Format>)] = &[
            ("a.txt", "{\"x\":1}", Some(Format::Text)),
            ("a.json", "{\"x\":1}", Some(Format::Json)),
            ("a.json", "{\"x\":1}\n{\"x\":2}\n", Some(Format::JsonLines)),
            ("a.jsonl", "{}", Some(Format::JsonLines)),
            ("a.xml", "<rss/>", Some(Format::Feed)),
            ("a.CSV", "id,title", Some(Format::Csv)),
            ("a.htm", "<p>", Some(Format::Html)),
            ("a.md", "---\ntitle: x\n---\n", Some(Format::Markdown)),
            ("export", "<?xml version=\"1.0\"?><rss/>", Some(Format::Feed)),
            ("page", "<!DOCTYPE html><html>", Some(Format::Html)),
            ("post", "---\ntitle: x\n---\nBody", Some(Format::Markdown)),
            ("records", "[{}]", Some(Format::Json)),
            ("a.png", "\u{89}PNG", None),
            ("LICENSE", "MIT License", None),
        ];
        for (name, content, want) in rows {
            assert_eq!(format(Path::new(name), content.as_bytes()), *want, "{name}");
        }
    }
}
