//! HTML pages, one article each. Metadata from schema.org JSON-LD (a
//! `NewsArticle`, `Article`, `ReportageNewsArticle` or `BlogPosting`, also
//! inside `@graph`), then `<meta>` tags (Open Graph `og:*`, `article:*`,
//! `author`), then `<link rel="canonical">`, `<html lang>` and `<title>`; the body
//! from JSON-LD `articleBody`, else the text of `<article>`, else `<main>`,
//! else `<body>` (navigation, headers, footers, forms and scripts dropped).

use scraper::{Html, Selector};
use serde_json::Value;

use clippings_core::article::Entities;

use crate::markup::{paragraphs, paragraphs_of, text};
use crate::{split_byline, split_list, stamp, At, Read, Record};

const ARTICLE_TYPES: &[&str] =
    &["NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle", "BlogPosting"];

fn select(s: &str) -> Selector {
    Selector::parse(s).expect("a valid selector")
}

/// Reads one HTML page.
pub fn read(source: &str) -> Read {
    let mut read = Read::default();
    let doc = Html::parse_document(source);
    let mut ld: Option<Value> = None;
    for (i, script) in doc.select(&select(r#"script[type="application/ld+json"]"#)).enumerate() {
        let json: String = script.text().collect();
        match serde_json::from_str::<Value>(&json) {
            Ok(v) => {
                if ld.is_none() {
                    ld = find_article(v);
                }
            }
            Err(e) => {
                let line = line_of(source, &json, e.line());
                read.problem(At::Line(line), format!("malformed JSON-LD (script {}): {e}", i + 1));
            }
        }
    }
    let meta = |key: &str| -> Vec<String> {
        doc.select(&select("meta"))
            .filter(|m| m.attr("property").or(m.attr("name")).is_some_and(|p| p.eq_ignore_ascii_case(key)))
            .filter_map(|m| m.attr("content"))
            .map(text)
            .filter(|c| !c.is_empty())
            .collect()
    };
    let first = |key: &str| meta(key).into_iter().next();
    let ld_str = |key: &str| ld.as_ref().and_then(|v| v.get(key)).and_then(string_or_first);
    let ld_names = |key: &str| ld.as_ref().and_then(|v| v.get(key)).map(names).unwrap_or_default();

    let title = ld_str("headline")
        .or(first("og:title"))
        .or(doc.select(&select("title")).next().map(|t| t.text().collect::<String>()))
        .map(|t| text(&t))
        .filter(|t| !t.is_empty());
    let mut bylines = ld_names("author");
    if bylines.is_empty() {
        bylines = meta("author").iter().chain(&meta("article:author")).flat_map(|a| split_byline(a)).collect();
    }
    let published = ld_str("datePublished").or(first("article:published_time")).or(first("date"));
    let published = match published.as_deref().map(stamp::parse).transpose() {
        Ok(p) => p.flatten(),
        Err(message) => {
            read.problem(At::File, message);
            None
        }
    };
    let mut tags = ld.as_ref().and_then(|v| v.get("keywords")).map(list).unwrap_or_default();
    if tags.is_empty() {
        tags = meta("article:tag");
    }
    if tags.is_empty() {
        tags = first("keywords").map(|k| split_list(&k)).unwrap_or_default();
    }
    let canonical =
        doc.select(&select(r#"link[rel="canonical"]"#)).next().and_then(|l| l.attr("href")).map(str::to_string);
    let url = ld_str("url").or(canonical).or(first("og:url"));
    let language =
        ld_str("inLanguage").or(doc.select(&select("html")).next().and_then(|h| h.attr("lang")).map(str::to_string));
    let source_name = ld.as_ref().and_then(|v| v.get("publisher")).map(names).and_then(|n| n.into_iter().next());
    let mut body = match ld_str("articleBody") {
        Some(b) => paragraphs(&b),
        None => ["article", "main", "body"]
            .iter()
            .find_map(|s| doc.select(&select(s)).next())
            .map(|e| paragraphs_of(*e))
            .unwrap_or_default(),
    };
    // The headline and the byline repeated at the top of the text.
    if body.first().is_some_and(|p| Some(p) == title.as_ref()) {
        body.remove(0);
    }
    if body.first().is_some_and(|p| p.starts_with("By ") && split_byline(p) == bylines) {
        body.remove(0);
    }
    if read.problems.is_empty() {
        read.records.push((
            At::File,
            Record {
                id: ld_str("identifier").unwrap_or_default(),
                title,
                bylines,
                published,
                section: ld_str("articleSection").or(first("article:section")),
                tags,
                url,
                language,
                source: source_name.or(first("og:site_name")),
                paragraphs: body,
                entities: Entities::default(),
            },
        ));
    }
    read
}

/// The line in `source` of line `n` of the script text `json`.
fn line_of(source: &str, json: &str, n: usize) -> usize {
    let start = source.find(json).unwrap_or(0);
    1 + source[..start].matches('\n').count() + n.saturating_sub(1)
}

/// The first object of an article type in a JSON-LD value (an object, an
/// array, or an object with `@graph`).
fn find_article(v: Value) -> Option<Value> {
    match v {
        Value::Array(items) => items.into_iter().find_map(find_article),
        Value::Object(mut map) => {
            let is_article = match map.get("@type") {
                Some(Value::String(t)) => ARTICLE_TYPES.contains(&t.as_str()),
                Some(Value::Array(ts)) => ts.iter().any(|t| t.as_str().is_some_and(|t| ARTICLE_TYPES.contains(&t))),
                _ => false,
            };
            if is_article {
                Some(Value::Object(map))
            } else {
                map.remove("@graph").and_then(find_article)
            }
        }
        _ => None,
    }
}

/// A string, or the first string of an array.
fn string_or_first(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Array(a) => a.iter().find_map(string_or_first),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Names from a string, a `{"name": …}` object, or an array of either.
fn names(v: &Value) -> Vec<String> {
    match v {
        Value::String(s) => split_byline(s),
        Value::Object(o) => o.get("name").and_then(Value::as_str).map(|n| vec![text(n)]).unwrap_or_default(),
        Value::Array(a) => a.iter().flat_map(names).collect(),
        _ => Vec::new(),
    }
}

/// Keywords as `"a, b"` or `["a", "b"]`.
fn list(v: &Value) -> Vec<String> {
    match v {
        Value::String(s) => split_list(s),
        Value::Array(a) => a.iter().filter_map(Value::as_str).map(text).collect(),
        _ => Vec::new(),
    }
}
