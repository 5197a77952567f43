//! JSON and JSON Lines: a file holds one record, an array of records, or one
//! record per line. Each record is recognised by its keys:
//!
//! - **IPTC ninjs 2.x** (and 1.x): `headlines`/`bodies` (or `headline`,
//!   `body_html`, `body_text`), `uri`, `by`, `firstcreated`/`versioncreated`,
//!   `language`, `subjects` (tags), `service` (section), `infosources` (source),
//!   `people`, `places`, `organisations` (entities: the People, Places and
//!   Organisations facets; a person of `rel` `author` is a byline, not an entity);
//! - **WordPress REST posts** (`/wp-json/wp/v2/posts`): `title.rendered`,
//!   `content.rendered`, `date_gmt`, `link`, `guid`; authors, categories and
//!   tags when requested with `?_embed`;
//! - **the Clippings schema**, for anything else (unknown keys are an error, so
//!   a misspelt key is named rather than lost):
//!
//! ```json
//! {"id": "talks-2024-03-05", "title": "…", "authors": ["Ann Lee", "Bo Chen"],
//!  "published": "2024-03-05T10:00:00+04:00", "section": "Politics",
//!  "tags": ["diplomacy"], "url": "https://example.com/talks", "language": "en",
//!  "source": "Example News", "body": "First paragraph.\n\nSecond (HTML allowed).",
//!  "people": ["Ann Lee"], "places": ["Geneva"], "organisations": ["OSCE"]}
//! ```
//!
//! (`paragraphs: ["…", "…"]` may stand for `body`; `author` for `authors`.)

use std::borrow::Cow;
use std::io::BufRead;

use clippings_core::article::{self, Entities, ParseError};
use serde::Deserialize;
use serde_json::Value;

use crate::markup::{paragraphs, text};
use crate::{split_byline, split_list, stamp, At, Read, Record};

/// Reads a JSON file held in a string (`lines`: one record per line).
pub fn read(source: &str, lines: bool) -> Read {
    let mut records = Vec::new();
    let mut read = if lines {
        read_lines(source.as_bytes(), &mut |at, r| records.push((at, r)))
    } else {
        let mut read = Read::default();
        let mut emit = |at, r| records.push((at, r));
        match serde_json::from_str::<Value>(source) {
            Ok(Value::Array(items)) => {
                for (i, v) in items.into_iter().enumerate() {
                    record(v, At::Record(i + 1), &mut read, &mut emit);
                }
            }
            Ok(v) => {
                let problems = read.problems.len();
                record(v, At::File, &mut read, &mut emit);
                // A file of one record: a wrong shape is named by its line, found
                // by reading the file again as that shape.
                if let Some((at, message)) = read.problems.get_mut(problems) {
                    if let Some(line) = message.strip_prefix(WRONG_SHAPE).and_then(|_| shape_line(source)) {
                        *at = At::Line(line);
                    }
                }
            }
            Err(e) => read.problem(At::Line(e.line()), format!("malformed JSON at column {}: {e}", e.column())),
        }
        read
    };
    read.records = records;
    read
}

/// Reads JSON Lines from `input` a line at a time: each record goes to `emit`
/// as soon as its line is read, so the file is never held whole. Each line is
/// decoded as a text file is (`clippings_core::article::decode`); bytes that
/// are no UTF-8 stop the file, named by line and byte offset.
pub fn read_lines(mut input: impl BufRead, emit: &mut dyn FnMut(At, Record)) -> Read {
    let mut read = Read::default();
    let mut line = Vec::new();
    let (mut number, mut offset) = (0, 0);
    loop {
        line.clear();
        match input.read_until(b'\n', &mut line) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) => {
                read.problem(At::File, format!("cannot be read: {e}"));
                break;
            }
        }
        number += 1;
        // Most lines need no cleaning: no control character (nor a C1 control's
        // lead byte, nor a BOM's), no CR; they are read as they are.
        let plain = !line.iter().enumerate().any(|(i, &b)| {
            (b < 0x20 && b != b'\t' && !(b == b'\n' && i + 1 == line.len())) || b == 0x7F || b == 0xC2 || b == 0xEF
        });
        let text = match std::str::from_utf8(&line).ok().filter(|_| plain) {
            Some(t) => Ok(Cow::Borrowed(t)),
            None => article::decode(&line).map(Cow::Owned),
        };
        let text = match text {
            Ok(t) => t,
            Err(e) => {
                let e = match e {
                    ParseError::InvalidUtf8 { byte_offset, .. } => {
                        ParseError::InvalidUtf8 { line: number, byte_offset: offset + byte_offset }
                    }
                    ParseError::Utf16 { .. } if number == 1 => e,
                    _ => ParseError::InvalidUtf8 { line: number, byte_offset: offset },
                };
                read.problem(At::File, e.to_string());
                return read;
            }
        };
        // Offsets count from after a BOM, as `decode`'s do.
        offset += line.len() - if number == 1 && line.starts_with(&[0xEF, 0xBB, 0xBF]) { 3 } else { 0 };
        if text.trim().is_empty() {
            continue;
        }
        let at = At::Line(number);
        match serde_json::from_str::<Value>(text.trim_end_matches('\n')) {
            Ok(v) => record(v, at, &mut read, emit),
            Err(e) => read.problem(at, format!("malformed JSON at column {}: {e}", e.column())),
        }
    }
    read
}

const WRONG_SHAPE: &str = "JSON record of the wrong shape";

#[derive(Clone, Copy)]
enum Shape {
    Ninjs,
    WpPost,
    Plain,
}

/// Which of the three shapes a record is, by its keys.
fn shape_of(map: &serde_json::Map<String, Value>) -> Shape {
    let has = |k: &str| map.contains_key(k);
    let rendered = |k: &str| map.get(k).is_some_and(|f| f.get("rendered").is_some());
    if has("headlines") || has("bodies") || (has("uri") && (has("body_html") || has("body_text"))) {
        Shape::Ninjs
    } else if rendered("content") || rendered("title") {
        Shape::WpPost
    } else {
        Shape::Plain
    }
}

/// The line at which `source`, one record, stops fitting its shape.
fn shape_line(source: &str) -> Option<usize> {
    let Ok(Value::Object(map)) = serde_json::from_str::<Value>(source) else { return None };
    let error = match shape_of(&map) {
        Shape::Ninjs => serde_json::from_str::<Ninjs>(source).err(),
        Shape::WpPost => serde_json::from_str::<WpPost>(source).err(),
        Shape::Plain => serde_json::from_str::<Plain>(source).err(),
    };
    error.map(|e| e.line()).filter(|&line| line > 0)
}

/// One record of any of the three shapes.
fn record(v: Value, at: At, read: &mut Read, emit: &mut dyn FnMut(At, Record)) {
    let Value::Object(map) = &v else {
        read.problem(at, "not a JSON object (a record is an object of named fields)");
        return;
    };
    let parsed = match shape_of(map) {
        Shape::Ninjs => serde_json::from_value::<Ninjs>(v).map_err(|e| ("ninjs", e)).map(Ninjs::into_record),
        Shape::WpPost => {
            serde_json::from_value::<WpPost>(v).map_err(|e| ("WordPress REST post", e)).map(WpPost::into_record)
        }
        Shape::Plain => serde_json::from_value::<Plain>(v).map_err(|e| ("Clippings schema", e)).map(Plain::into_record),
    };
    match parsed {
        Ok(Ok(r)) => emit(at, r),
        Ok(Err(message)) => read.problem(at, message),
        Err((shape, e)) => read.problem(at, format!("{WRONG_SHAPE} ({shape}): {e}")),
    }
}

#[derive(Deserialize)]
struct Named {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    rel: Option<String>,
}

/// The names of ninjs `people`, `places` or `organisations`; a person the record
/// names as its author is its byline, not its subject.
fn names(named: Vec<Named>) -> Vec<String> {
    let subjects = named.into_iter().filter(|n| !n.rel.as_deref().is_some_and(|r| r.ends_with("author")));
    subjects.filter_map(|n| n.name.map(|name| text(&name))).collect()
}

#[derive(Deserialize)]
struct Valued {
    value: String,
    #[serde(default)]
    role: Option<String>,
}

#[derive(Deserialize)]
struct Link {
    href: String,
    #[serde(default)]
    rel: Option<String>,
}

#[derive(Deserialize)]
struct Ninjs {
    #[serde(default)]
    uri: Option<String>,
    #[serde(default)]
    headlines: Vec<Valued>,
    #[serde(default)]
    headline: Option<String>,
    #[serde(default)]
    bodies: Vec<Valued>,
    #[serde(default)]
    body_html: Option<String>,
    #[serde(default)]
    body_text: Option<String>,
    #[serde(default)]
    by: Option<String>,
    #[serde(default)]
    firstcreated: Option<String>,
    #[serde(default)]
    contentcreated: Option<String>,
    #[serde(default)]
    versioncreated: Option<String>,
    #[serde(default)]
    language: Option<String>,
    #[serde(default)]
    subjects: Vec<Named>,
    #[serde(default)]
    service: Vec<Named>,
    #[serde(default)]
    infosources: Vec<Named>,
    #[serde(default)]
    links: Vec<Link>,
    #[serde(default)]
    people: Vec<Named>,
    #[serde(default)]
    places: Vec<Named>,
    #[serde(default)]
    organisations: Vec<Named>,
}

/// The `main` one of several, else the first.
fn main_of(items: &[Valued]) -> Option<&str> {
    items.iter().find(|v| v.role.as_deref() == Some("main")).or(items.first()).map(|v| v.value.as_str())
}

impl Ninjs {
    fn into_record(self) -> Result<Record, String> {
        let body = main_of(&self.bodies).map(str::to_string).or(self.body_html).or(self.body_text);
        let published = [&self.firstcreated, &self.contentcreated, &self.versioncreated].into_iter().flatten().next();
        let canonical = self.links.iter().find(|l| l.rel.as_deref().is_some_and(|r| r.ends_with("canonical")));
        let uri_is_web = self.uri.as_deref().is_some_and(|u| u.starts_with("http://") || u.starts_with("https://"));
        Ok(Record {
            id: self.uri.clone().unwrap_or_default(),
            title: main_of(&self.headlines).map(str::to_string).or(self.headline).map(|t| text(&t)),
            bylines: self.by.as_deref().map(split_byline).unwrap_or_default(),
            published: published.map(|s| stamp::parse(s)).transpose()?.flatten(),
            section: self.service.into_iter().find_map(|s| s.name),
            tags: self
                .subjects
                .into_iter()
                .filter(|s| s.rel.as_deref() != Some("section"))
                .filter_map(|s| s.name)
                .collect(),
            url: canonical.map(|l| l.href.clone()).or(if uri_is_web { self.uri } else { None }),
            language: self.language,
            source: self.infosources.into_iter().find_map(|s| s.name),
            paragraphs: body.as_deref().map(paragraphs).unwrap_or_default(),
            entities: Entities {
                people: names(self.people),
                places: names(self.places),
                organisations: names(self.organisations),
            },
        })
    }
}

#[derive(Deserialize)]
struct Rendered {
    rendered: String,
}

#[derive(Deserialize)]
struct WpPost {
    #[serde(default)]
    id: Option<u64>,
    #[serde(default)]
    guid: Option<Rendered>,
    #[serde(default)]
    link: Option<String>,
    #[serde(default)]
    title: Option<Rendered>,
    #[serde(default)]
    content: Option<Rendered>,
    #[serde(default)]
    date_gmt: Option<String>,
    #[serde(default)]
    date: Option<String>,
    #[serde(default, rename = "_embedded")]
    embedded: Option<WpEmbedded>,
}

#[derive(Deserialize)]
struct WpEmbedded {
    #[serde(default)]
    author: Vec<Named>,
    #[serde(default, rename = "wp:term")]
    terms: Vec<Vec<WpTerm>>,
}

#[derive(Deserialize)]
struct WpTerm {
    name: String,
    #[serde(default)]
    taxonomy: String,
}

impl WpPost {
    fn into_record(self) -> Result<Record, String> {
        let published = match (&self.date_gmt, &self.date) {
            (Some(gmt), _) => stamp::parse_utc(gmt)?,
            (None, Some(local)) => stamp::parse(local)?,
            (None, None) => None,
        };
        let embedded = self.embedded.unwrap_or(WpEmbedded { author: Vec::new(), terms: Vec::new() });
        let terms: Vec<WpTerm> = embedded.terms.into_iter().flatten().collect();
        let id = self.guid.map(|g| g.rendered).or(self.link.clone()).or(self.id.map(|n| format!("wp-{n}")));
        Ok(Record {
            id: id.unwrap_or_default(),
            title: self.title.map(|t| text(&t.rendered)),
            bylines: embedded.author.into_iter().filter_map(|a| a.name).collect(),
            published,
            section: terms.iter().find(|t| t.taxonomy == "category").map(|t| text(&t.name)),
            tags: terms.iter().filter(|t| t.taxonomy == "post_tag").map(|t| text(&t.name)).collect(),
            url: self.link,
            language: None,
            source: None,
            paragraphs: self.content.map(|c| paragraphs(&c.rendered)).unwrap_or_default(),
            entities: Entities::default(),
        })
    }
}

/// A string or a list of strings.
#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

/// A list, or one string of names separated by `;` or `,` ([`split_list`]).
fn list(names: Option<OneOrMany>) -> Vec<String> {
    match names {
        Some(OneOrMany::One(s)) => split_list(&s),
        Some(OneOrMany::Many(v)) => v,
        None => Vec::new(),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Plain {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default, alias = "author")]
    authors: Option<OneOrMany>,
    #[serde(default, alias = "date")]
    published: Option<String>,
    #[serde(default)]
    section: Option<String>,
    #[serde(default)]
    tags: Option<OneOrMany>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    language: Option<String>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    body: Option<String>,
    #[serde(default)]
    paragraphs: Option<Vec<String>>,
    #[serde(default)]
    people: Option<OneOrMany>,
    #[serde(default)]
    places: Option<OneOrMany>,
    #[serde(default)]
    organisations: Option<OneOrMany>,
}

impl Plain {
    fn into_record(self) -> Result<Record, String> {
        let mut body = self.paragraphs.map(|ps| ps.iter().flat_map(|p| paragraphs(p)).collect()).unwrap_or_default();
        if let Some(b) = &self.body {
            body = paragraphs(b);
        }
        Ok(Record {
            id: self.id.unwrap_or_default(),
            title: self.title.map(|t| text(&t)),
            bylines: match self.authors {
                Some(OneOrMany::One(s)) => split_byline(&s),
                Some(OneOrMany::Many(v)) => v,
                None => Vec::new(),
            },
            published: self.published.as_deref().map(stamp::parse).transpose()?.flatten(),
            section: self.section,
            tags: list(self.tags),
            url: self.url,
            language: self.language,
            source: self.source,
            paragraphs: body,
            entities: Entities {
                people: list(self.people),
                places: list(self.places),
                organisations: list(self.organisations),
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_lines_are_cleaned_as_a_text_file_is() {
        let rows: &[(&[u8], &str)] = &[
            (b"{\"title\": \"One\", \"body\": \"x\"}\n{\"title\": \"Two\", \"body\": \"y\"}", "One | Two"),
            (
                b"\xef\xbb\xbf{\"title\": \"BOM\", \"body\": \"x\"}\r\n{\"title\": \"CRLF\", \"body\": \"y\"}\r\n",
                "BOM | CRLF",
            ),
            (b"{\"title\": \"N\x00U\x07L\", \"body\": \"x\"}\n\n  \n", "N U L"),
            ("{\"title\": \"C1\u{85}and\u{a0}NBSP\", \"body\": \"x\"}".as_bytes(), "C1 and NBSP"),
            (
                b"{\"title\": \"Ok\", \"body\": \"x\"}\n{\"title\": \"Caf\xe9\"}\n",
                "Ok | line 2: invalid UTF-8 at byte offset 43",
            ),
            (b"{\"title\": \"Ok\", \"body\": \"x\"}\n{\"title\": 1}\n", "Ok | line 2: JSON record of the wrong shape"),
        ];
        for (bytes, want) in rows {
            let mut titles = Vec::new();
            let read = read_lines(*bytes, &mut |_, r| titles.push(r.title.unwrap_or_default()));
            titles.extend(read.problems.iter().map(|(at, m)| match at {
                At::File => m.clone(),
                at => format!("{at}: {m}"),
            }));
            let got = titles.join(" | ");
            assert!(got.starts_with(want), "{bytes:?}: {got}");
        }
    }
}
