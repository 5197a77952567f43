//! JSON and JSON Lines: a file holds one record, an array of records, or one
//! record per line. Each record is recognised by its keys:
//!
//! - **IPTC ninjs 2.x** (and 1.x): `headlines`/`bodies` (or `headline`,
//!   `body_html`, `body_text`), `uri`, `by`, `firstcreated`/`versioncreated`,
//!   `language`, `subjects` (tags), `service` (section), `infosources` (source);
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
//!  "source": "Example News", "body": "First paragraph.\n\nSecond (HTML allowed)."}
//! ```
//!
//! (`paragraphs: ["…", "…"]` may stand for `body`; `author` for `authors`.)

use serde::Deserialize;
use serde_json::Value;

use crate::markup::{paragraphs, text};
use crate::{split_byline, split_list, stamp, At, Read, Record};

/// Reads a JSON file (`lines`: one record per line).
pub fn read(source: &str, lines: bool) -> Read {
    let mut read = Read::default();
    if lines {
        for (i, line) in source.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let at = At::Line(i + 1);
            match serde_json::from_str::<Value>(line) {
                Ok(v) => record(v, at, &mut read),
                Err(e) => read.problem(at, format!("malformed JSON at column {}: {e}", e.column())),
            }
        }
        return read;
    }
    match serde_json::from_str::<Value>(source) {
        Ok(Value::Array(items)) => {
            for (i, v) in items.into_iter().enumerate() {
                record(v, At::Record(i + 1), &mut read);
            }
        }
        Ok(v) => record(v, At::File, &mut read),
        Err(e) => read.problem(At::Line(e.line()), format!("malformed JSON at column {}: {e}", e.column())),
    }
    read
}

/// One record of any of the three shapes.
fn record(v: Value, at: At, read: &mut Read) {
    let Value::Object(map) = &v else {
        read.problem(at, "not a JSON object (a record is an object of named fields)");
        return;
    };
    let has = |k: &str| map.contains_key(k);
    let rendered = |k: &str| map.get(k).is_some_and(|f| f.get("rendered").is_some());
    let parsed = if has("headlines") || has("bodies") || (has("uri") && (has("body_html") || has("body_text"))) {
        serde_json::from_value::<Ninjs>(v).map_err(|e| ("ninjs", e)).map(Ninjs::into_record)
    } else if rendered("content") || rendered("title") {
        serde_json::from_value::<WpPost>(v).map_err(|e| ("WordPress REST post", e)).map(WpPost::into_record)
    } else {
        serde_json::from_value::<Plain>(v).map_err(|e| ("Clippings schema", e)).map(Plain::into_record)
    };
    match parsed {
        Ok(Ok(r)) => read.records.push((at, r)),
        Ok(Err(message)) => read.problem(at, message),
        Err((shape, e)) => read.problem(at, format!("JSON record of the wrong shape ({shape}): {e}")),
    }
}

#[derive(Deserialize)]
struct Named {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    rel: Option<String>,
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
            tags: match self.tags {
                Some(OneOrMany::One(s)) => split_list(&s),
                Some(OneOrMany::Many(v)) => v,
                None => Vec::new(),
            },
            url: self.url,
            language: self.language,
            source: self.source,
            paragraphs: body,
        })
    }
}
