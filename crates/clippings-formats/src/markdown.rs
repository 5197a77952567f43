//! Markdown with YAML front matter, one article a file:
//!
//! ```markdown
//! ---
//! title: Talks resume in Geneva
//! authors: [Ann Lee, Bo Chen]
//! date: 2024-03-05T10:00:00+01:00
//! section: Politics
//! tags: [diplomacy, talks]
//! url: https://example.com/talks
//! ---
//! The first paragraph …
//! ```
//!
//! Keys: `title`; `author`/`authors` (a name or a list); `date`/`published`;
//! `section`/`category`/`categories` (the first); `tags`/`keywords`;
//! `url`/`canonical_url`/`link`; `lang`/`language`; `source`; `id`/`slug`;
//! `draft: true` passes the file over. Other keys are ignored. A Markdown file
//! without front matter is not an article (a README among the articles).

use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use yaml_rust2::{Yaml, YamlLoader};

use clippings_core::article::Entities;

use crate::markup::{paragraphs, text};
use crate::{one_line, split_byline, split_list, stamp, At, Read, Record};

/// Reads a Markdown file; `None` when it has no front matter.
pub fn read(source: &str) -> Option<Read> {
    let rest = source.strip_prefix("---\n")?;
    let (front, body) = rest
        .split_once("\n---\n")
        .or_else(|| rest.split_once("\n...\n"))
        .or_else(|| rest.strip_suffix("\n---").map(|f| (f, "")))?;
    let mut read = Read::default();
    let doc = match YamlLoader::load_from_str(front) {
        Ok(docs) => docs.into_iter().next().unwrap_or(Yaml::Null),
        Err(e) => {
            read.problem(At::Line(e.marker().line() + 1), format!("malformed YAML front matter: {}", e.info()));
            return Some(read);
        }
    };
    if !matches!(doc, Yaml::Hash(_) | Yaml::Null) {
        read.problem(At::Line(2), "the front matter is not a set of `key: value` lines");
        return Some(read);
    }
    if doc["draft"].as_bool() == Some(true) {
        read.passed.push((At::File, "draft".into()));
        return Some(read);
    }
    let one = |keys: &[&str]| keys.iter().find_map(|k| scalar(&doc[*k]));
    let many = |keys: &[&str], split: fn(&str) -> Vec<String>| -> Vec<String> {
        keys.iter()
            .map(|k| match &doc[*k] {
                Yaml::Array(items) => items.iter().filter_map(scalar).map(|s| text(&s)).collect(),
                y => scalar(y).map(|s| split(&s)).unwrap_or_default(),
            })
            .find(|v: &Vec<String>| !v.is_empty())
            .unwrap_or_default()
    };
    let published = match one(&["date", "published"]).map(|d| stamp::parse(&d)).transpose() {
        Ok(p) => p.flatten(),
        Err(message) => {
            read.problem(At::File, message);
            return Some(read);
        }
    };
    let record = Record {
        id: one(&["id", "slug"]).unwrap_or_default(),
        title: one(&["title"]).map(|t| text(&t)),
        bylines: many(&["authors", "author"], split_byline),
        published,
        section: one(&["section", "category"]).or_else(|| many(&["categories"], split_list).into_iter().next()),
        tags: many(&["tags", "keywords"], split_list),
        url: one(&["url", "canonical_url", "link"]),
        language: one(&["language", "lang"]),
        source: one(&["source"]),
        paragraphs: markdown_paragraphs(body),
        entities: Entities::default(),
    };
    read.records.push((At::File, record));
    Some(read)
}

/// A YAML scalar as text (numbers and dates as written).
fn scalar(y: &Yaml) -> Option<String> {
    match y {
        Yaml::String(s) | Yaml::Real(s) => Some(s.clone()),
        Yaml::Integer(n) => Some(n.to_string()),
        Yaml::Array(items) => items.iter().find_map(scalar),
        _ => None,
    }
}

/// Plain paragraphs of a Markdown body: paragraphs, headings, list items, quotes
/// and code blocks each one; images' alt text and raw HTML tags dropped.
fn markdown_paragraphs(body: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut open = String::new();
    let mut in_image = 0;
    let flush = |open: &mut String, out: &mut Vec<String>| {
        let p = one_line(open);
        if !p.is_empty() {
            out.push(p);
        }
        open.clear();
    };
    for event in Parser::new(body) {
        match event {
            Event::Start(Tag::Image { .. }) => in_image += 1,
            Event::End(TagEnd::Image) => in_image -= 1,
            _ if in_image > 0 => {}
            Event::Text(t) | Event::Code(t) => open.push_str(&t),
            Event::SoftBreak | Event::HardBreak => open.push(' '),
            Event::Html(h) => {
                flush(&mut open, &mut out);
                out.extend(paragraphs(&h));
            }
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::BlockQuote(_)
                | TagEnd::CodeBlock
                | TagEnd::TableCell,
            ) => flush(&mut open, &mut out),
            _ => {}
        }
    }
    flush(&mut open, &mut out);
    out
}
