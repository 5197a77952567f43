//! RSS 2.0, Atom 1.0 and WordPress exports (WXR: RSS 2.0 with `wp:`,
//! `dc:creator` and `content:encoded`), read with quick-xml one `<item>` or
//! `<entry>` at a time, so a large export is never held as a tree.
//!
//! | field | RSS 2.0 | WXR | Atom |
//! | --- | --- | --- | --- |
//! | id | `guid`, else `link` | `guid` | `id` |
//! | title | `title` | `title` | `title` |
//! | authors | `dc:creator`, `author` | every `dc:creator` (login → the channel's `wp:author` display name) | every `author/name` |
//! | published | `pubDate`, `dc:date` | `wp:post_date_gmt`, else `pubDate` | `published`, else `updated` |
//! | section | — | first `category` of domain `category` | — |
//! | tags | every `category` | `category` of domain `post_tag` | `category/@term` (or `@label`) |
//! | URL | `link` | `link` | `link` (rel `alternate`) |
//! | body | `content:encoded`, else `description` | `content:encoded` | `content`, else `summary` |
//! | language, source | the channel's `language`, `title` | the same | `xml:lang`, the feed's `title` |
//!
//! WordPress attachments, menu items and the like are passed over (counted),
//! and so are drafts, private and trashed posts.

use quick_xml::events::Event;
use quick_xml::Reader;

use crate::markup::{paragraphs, text};
use crate::{split_byline, stamp, At, Read, Record};

/// One element of an item, with its direct text and children.
#[derive(Debug, Default)]
struct Elem {
    name: String,
    attrs: Vec<(String, String)>,
    text: String,
    children: Vec<Elem>,
}

impl Elem {
    fn child(&self, name: &str) -> Option<&Elem> {
        self.children.iter().find(|c| c.name == name)
    }
    fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Elem> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
    /// Its text and its descendants', a blank line after each block element.
    fn deep_text(&self) -> String {
        let mut out = self.text.clone();
        for c in &self.children {
            out.push_str(&c.deep_text());
            let local = c.name.rsplit(':').next().unwrap_or("");
            if matches!(local, "p" | "div" | "li" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "blockquote" | "br") {
                out.push_str("\n\n");
            }
        }
        out
    }
    fn field(&self, name: &str) -> Option<String> {
        self.child(name).map(Elem::deep_text).filter(|t| !t.trim().is_empty())
    }
}

/// Turns byte offsets into line numbers, moving forward only.
struct Lines<'a> {
    source: &'a str,
    at: usize,
    line: usize,
}

impl Lines<'_> {
    fn of(&mut self, offset: usize) -> usize {
        let offset = offset.min(self.source.len());
        if offset < self.at {
            self.at = 0;
            self.line = 1;
        }
        self.line += self.source.as_bytes()[self.at..offset].iter().filter(|&&b| b == b'\n').count();
        self.at = offset;
        self.line
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Rss,
    Atom,
}

/// Reads a feed or WordPress export.
pub fn read(source: &str) -> Read {
    let mut read = Read::default();
    let mut reader = Reader::from_str(source);
    let mut lines = Lines { source, at: 0, line: 1 };
    let mut kind = None;
    // Open elements: the path outside an item, the partial tree inside one.
    let mut path: Vec<String> = Vec::new();
    let mut open: Vec<Elem> = Vec::new();
    let mut item_line = 0;
    let (mut channel_title, mut channel_language) = (None::<String>, None::<String>);
    let mut feed_language = None;
    // A WordPress export's authors: login, display name.
    let mut authors: Vec<(String, String)> = Vec::new();
    loop {
        let before = reader.buffer_position() as usize;
        let event = match reader.read_event() {
            Ok(e) => e,
            Err(e) => {
                let line = lines.of(reader.error_position() as usize);
                read.problem(At::Line(line), format!("malformed XML: {e}"));
                return read;
            }
        };
        match event {
            Event::Start(e) | Event::Empty(e) if kind.is_none() => {
                let name = e.name().as_ref().to_string();
                kind = match name.as_str() {
                    "rss" => Some(Kind::Rss),
                    "feed" => Some(Kind::Atom),
                    other => {
                        read.problem(
                            At::Line(lines.of(before)),
                            format!("<{other}> is not a feed: an RSS 2.0, Atom or WordPress export starts with <rss> or <feed>"),
                        );
                        return read;
                    }
                };
                feed_language = attrs(&e).into_iter().find(|(k, _)| k == "xml:lang").map(|(_, v)| v);
                path.push(name);
            }
            Event::Start(e) => {
                let name = e.name().as_ref().to_string();
                let starts_item = open.is_empty() && matches!(name.as_str(), "item" | "entry" | "wp:author");
                if starts_item {
                    item_line = lines.of(before + 1);
                }
                if starts_item || !open.is_empty() {
                    open.push(Elem { name, attrs: attrs(&e), ..Elem::default() });
                } else {
                    path.push(name);
                }
            }
            Event::Empty(e) => {
                let elem = Elem { name: e.name().as_ref().to_string(), attrs: attrs(&e), ..Elem::default() };
                if let Some(parent) = open.last_mut() {
                    parent.children.push(elem);
                }
            }
            Event::Text(t) => {
                push_text(&mut open, &mut path, &t.xml10_content(), &mut channel_title, &mut channel_language)
            }
            Event::CData(t) => {
                push_text(&mut open, &mut path, &t.xml10_content(), &mut channel_title, &mut channel_language)
            }
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => quick_xml::escape::resolve_predefined_entity(&r)
                        .map_or_else(|| format!("&{};", &*r), str::to_string),
                };
                push_text(&mut open, &mut path, &resolved, &mut channel_title, &mut channel_language);
            }
            Event::End(_) => {
                if let Some(done) = open.pop() {
                    match open.last_mut() {
                        Some(parent) => parent.children.push(done),
                        None if done.name == "wp:author" => {
                            if let (Some(login), Some(name)) =
                                (done.field("wp:author_login"), done.field("wp:author_display_name"))
                            {
                                authors.push((login.trim().to_string(), name.trim().to_string()));
                            }
                        }
                        None => {
                            let at = At::Line(item_line);
                            let language = feed_language.clone().or(channel_language.clone());
                            let result = match kind {
                                Some(Kind::Atom) => atom_entry(&done, language, channel_title.clone()),
                                _ => rss_item(&done, language, channel_title.clone(), &authors),
                            };
                            match result {
                                Ok(Ok(r)) => read.records.push((at, r)),
                                Ok(Err(why)) => read.passed.push((at, why)),
                                Err(message) => read.problem(at, message),
                            }
                        }
                    }
                } else {
                    path.pop();
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if kind.is_none() {
        read.problem(At::Line(1), "no XML elements: a feed starts with <rss> or <feed>");
    }
    read
}

/// Text goes to the open element of an item, or (outside items) is the
/// channel's or feed's title or language.
fn push_text(
    open: &mut [Elem],
    path: &mut [String],
    text: &str,
    title: &mut Option<String>,
    language: &mut Option<String>,
) {
    if let Some(e) = open.last_mut() {
        e.text.push_str(text);
        return;
    }
    let names: Vec<&str> = path.iter().map(String::as_str).collect();
    match names.as_slice() {
        ["rss", "channel", "title"] | ["feed", "title"] => title.get_or_insert_with(String::new).push_str(text),
        ["rss", "channel", "language"] => language.get_or_insert_with(String::new).push_str(text),
        _ => {}
    }
}

fn attrs(e: &quick_xml::events::BytesStart<'_>) -> Vec<(String, String)> {
    e.attributes()
        .flatten()
        .map(|a| {
            let value = a.normalized_value(quick_xml::XmlVersion::Implicit1_0).map(|v| v.into_owned());
            (a.key.as_ref().to_string(), value.unwrap_or_else(|_| a.value.to_string()))
        })
        .collect()
}

/// An RSS item or a WXR post; `Ok(Err(why))` for one passed over.
fn rss_item(
    item: &Elem,
    language: Option<String>,
    source: Option<String>,
    authors: &[(String, String)],
) -> Result<Result<Record, String>, String> {
    let wxr = item.child("wp:post_type").is_some();
    if wxr {
        let post_type = item.field("wp:post_type").unwrap_or_default();
        if !matches!(post_type.trim(), "post" | "page") {
            return Ok(Err(format!("WordPress {}", post_type.trim())));
        }
        let status = item.field("wp:status").unwrap_or_else(|| "publish".into());
        if !matches!(status.trim(), "publish" | "future") {
            return Ok(Err(format!("WordPress status {}", status.trim())));
        }
    }
    // A WordPress export names a post's author by login; the channel's
    // `wp:author` list gives the display name.
    let display = |login: String| {
        let login = login.trim().to_string();
        authors.iter().find(|(l, _)| *l == login).map_or(login, |(_, name)| name.clone())
    };
    let mut bylines: Vec<String> = item.all("dc:creator").flat_map(|c| split_byline(&display(c.deep_text()))).collect();
    for a in item.all("author") {
        // `jane@example.com (Jane Doe)`: the name in parentheses, else all of it.
        let t = a.deep_text();
        let name = t.split_once('(').and_then(|(_, n)| n.split_once(')')).map_or(t.as_str(), |(n, _)| n);
        bylines.extend(split_byline(name));
    }
    let published = match (wxr, item.field("wp:post_date_gmt")) {
        (true, Some(gmt)) => stamp::parse_utc(&gmt)?,
        _ => None,
    };
    let published = match published {
        Some(p) => Some(p),
        None => item.field("pubDate").or(item.field("dc:date")).map(|d| stamp::parse(&d)).transpose()?.flatten(),
    };
    let (section, tags) = if wxr {
        (categories(item, Some("category")).next(), categories(item, Some("post_tag")).collect())
    } else {
        (None, categories(item, None).collect())
    };
    let body = item.field("content:encoded").or(item.field("description")).unwrap_or_default();
    let url = item.field("link").map(|l| l.trim().to_string());
    Ok(Ok(Record {
        id: item.field("guid").map(|g| g.trim().to_string()).or(url.clone()).unwrap_or_default(),
        title: item.field("title").map(|t| text(&t)),
        bylines,
        published,
        section,
        tags,
        url,
        language,
        source: source.map(|s| text(&s)),
        paragraphs: paragraphs(&body),
    }))
}

/// The item's categories (of `domain`, if given), as plain text.
fn categories<'a>(item: &'a Elem, domain: Option<&'a str>) -> impl Iterator<Item = String> + 'a {
    item.all("category").filter(move |c| domain.is_none() || c.attr("domain") == domain).map(|c| text(&c.deep_text()))
}

fn atom_entry(
    entry: &Elem,
    language: Option<String>,
    source: Option<String>,
) -> Result<Result<Record, String>, String> {
    let published =
        entry.field("published").or(entry.field("updated")).map(|d| stamp::parse(&d)).transpose()?.flatten();
    let link = entry
        .all("link")
        .find(|l| matches!(l.attr("rel"), None | Some("alternate")))
        .and_then(|l| l.attr("href"))
        .map(str::to_string);
    let body = entry.child("content").or(entry.child("summary"));
    let body = match body {
        // XHTML content is elements, whose text [`Elem::deep_text`] keeps by block.
        Some(b) if b.attr("type") == Some("text") => b.deep_text().lines().map(str::to_string).collect(),
        Some(b) => paragraphs(&b.deep_text()),
        None => Vec::new(),
    };
    Ok(Ok(Record {
        id: entry.field("id").map(|i| i.trim().to_string()).unwrap_or_default(),
        title: entry.field("title").map(|t| text(&t)),
        bylines: entry.all("author").filter_map(|a| a.field("name")).map(|n| text(&n)).collect(),
        published,
        section: None,
        tags: entry.all("category").filter_map(|c| c.attr("label").or(c.attr("term"))).map(text).collect(),
        url: link,
        language: entry.attr("xml:lang").map(str::to_string).or(language),
        source: source.map(|s| text(&s)),
        paragraphs: body,
    }))
}
