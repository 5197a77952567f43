//! CSV with a header row. Columns are found by common names (case and
//! punctuation ignored), or named in a mapping file `NAME.columns.json` beside
//! `NAME.csv`, whose keys are the fields below and values the column headers:
//! `{"title": "Hed", "body": "Story text", "authors": "Writers"}`.
//!
//! | field | column names recognised |
//! | --- | --- |
//! | id | id, guid, uid, slug |
//! | title | title, headline, hed |
//! | authors | authors, author, byline, by, creator, writer (several: `Ann Lee; Bo Chen`) |
//! | published | published, date, pubdate, published_at, publication_date, datetime, created |
//! | section | section, category, desk |
//! | tags | tags, keywords, topics, subjects (`a; b` or `a, b`) |
//! | url | url, link, canonical_url, permalink |
//! | language | language, lang, locale |
//! | source | source, outlet, publication, publisher, site |
//! | body | body, text, content, article, story, body_html, content_html |
//!
//! Cells may hold HTML (it becomes plain paragraphs). A row is named by its line.

use std::collections::HashMap;

use clippings_core::article::Entities;

use crate::markup::{paragraphs, text};
use crate::{split_byline, split_list, stamp, At, Read, Record};

const FIELDS: &[(&str, &[&str])] = &[
    ("id", &["id", "guid", "uid", "slug"]),
    ("title", &["title", "headline", "hed"]),
    ("authors", &["authors", "author", "byline", "by", "creator", "writer", "writers"]),
    ("published", &["published", "date", "pubdate", "publishedat", "publicationdate", "datetime", "created"]),
    ("section", &["section", "category", "desk"]),
    ("tags", &["tags", "keywords", "topics", "subjects"]),
    ("url", &["url", "link", "canonicalurl", "permalink"]),
    ("language", &["language", "lang", "locale"]),
    ("source", &["source", "outlet", "publication", "publisher", "site"]),
    ("body", &["body", "text", "content", "article", "story", "bodyhtml", "contenthtml"]),
];

fn squash(header: &str) -> String {
    header.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect()
}

/// Reads a CSV file; `mapping` is the text of its `NAME.columns.json`, if any.
pub fn read(source: &str, mapping: &Option<String>) -> Read {
    let mut read = Read::default();
    let mut csv = csv::ReaderBuilder::new().flexible(true).from_reader(source.as_bytes());
    let headers = match csv.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            read.problem(At::Line(1), format!("malformed CSV header: {e}"));
            return read;
        }
    };
    let mapped: HashMap<String, String> = match mapping.as_deref().map(serde_json::from_str) {
        None => HashMap::new(),
        Some(Ok(m)) => m,
        Some(Err(e)) => {
            read.problem(At::File, format!("its .columns.json is not an object of field names to headers: {e}"));
            return read;
        }
    };
    for key in mapped.keys().filter(|k| !FIELDS.iter().any(|(f, _)| f == k)) {
        let known: Vec<&str> = FIELDS.iter().map(|(f, _)| *f).collect();
        read.problem(At::File, format!("its .columns.json names no field '{key}' (fields: {})", known.join(", ")));
    }
    let mut column: HashMap<&str, usize> = HashMap::new();
    for (field, names) in FIELDS {
        let found = match mapped.get(*field) {
            Some(h) => match headers.iter().position(|x| x.trim() == h.trim()) {
                Some(i) => Some(i),
                None => {
                    read.problem(At::Line(1), format!("no column '{h}' (its .columns.json names it for {field})"));
                    None
                }
            },
            None => headers.iter().position(|h| names.contains(&squash(h).as_str())),
        };
        if let Some(i) = found {
            column.insert(field, i);
        }
    }
    if !read.problems.is_empty() {
        return read;
    }
    let mut rows = 0;
    for row in csv.records() {
        let row = match row {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as usize);
                read.problem(At::Row(line), format!("malformed CSV: {e}"));
                continue;
            }
        };
        rows += 1;
        let at = At::Row(row.position().map_or(0, |p| p.line() as usize));
        let cell = |field: &str| column.get(field).and_then(|&i| row.get(i)).map(str::trim).filter(|c| !c.is_empty());
        let published = match cell("published").map(stamp::parse).transpose() {
            Ok(p) => p.flatten(),
            Err(message) => {
                read.problem(at, message);
                continue;
            }
        };
        read.records.push((
            at,
            Record {
                id: cell("id").unwrap_or_default().to_string(),
                title: cell("title").map(text),
                bylines: cell("authors").map(split_byline).unwrap_or_default(),
                published,
                section: cell("section").map(text),
                tags: cell("tags").map(split_list).unwrap_or_default(),
                url: cell("url").map(str::to_string),
                language: cell("language").map(str::to_string),
                source: cell("source").map(text),
                paragraphs: cell("body").map(paragraphs).unwrap_or_default(),
                entities: Entities::default(),
            },
        ));
    }
    if rows > 0 && !column.contains_key("body") {
        read.records.clear();
        let names = FIELDS.iter().find(|(f, _)| *f == "body").map_or(&[][..], |(_, n)| *n);
        read.problem(
            At::Line(1),
            format!("no body column (name one {}, or map it in a .columns.json beside the file)", names.join(", ")),
        );
    }
    read
}
