//! RSS 2.0, Atom 1.0 and WordPress exports (WXR: RSS 2.0 with `wp:`,
//! `dc:creator` and `content:encoded`), read with quick-xml from a stream one
//! `<item>` or `<entry>` at a time, so a large export is never held whole, as
//! text or as a tree. Names are resolved by namespace URI, not by prefix (a
//! file may bind the content module to `c:`, or write Atom with a default
//! namespace or an `atom:` prefix): the prefixes below are this reader's names.
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

use std::io::BufReader;

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::{Namespace, ResolveResult};
use quick_xml::NsReader;

use clippings_core::article::Entities;

use crate::markup::{paragraphs, text};
use crate::stream::Checked;
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

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Rss,
    Atom,
}

const ATOM: &str = "http://www.w3.org/2005/Atom";

/// The namespaces this reader knows, by URI, and the prefix it calls each by,
/// whatever prefix a file binds it to.
const NAMESPACES: &[(&str, &str)] = &[
    ("http://purl.org/rss/1.0/modules/content/", "content"),
    ("http://purl.org/dc/elements/1.1/", "dc"),
    ("http://wordpress.org/export/1.0/", "wp"),
    ("http://wordpress.org/export/1.1/", "wp"),
    ("http://wordpress.org/export/1.2/", "wp"),
    ("http://wordpress.org/export/1.0/excerpt/", "excerpt"),
    ("http://wordpress.org/export/1.1/excerpt/", "excerpt"),
    ("http://wordpress.org/export/1.2/excerpt/", "excerpt"),
    (ATOM, "atom"),
    ("http://www.w3.org/XML/1998/namespace", "xml"),
    ("http://www.w3.org/1999/xhtml", "xhtml"),
];

/// A name as this reader knows it, resolved by namespace URI, never by the
/// prefix a file happens to use: `content:encoded` for `<c:encoded>` when `c` is
/// bound to the content module; the local name alone for a name in no
/// namespace, and for Atom's own names in an Atom feed (default namespace or
/// `atom:` prefix alike); `{uri}local` in a namespace this reader does not know.
fn canonical(resolved: ResolveResult<'_>, local: &str, atom_feed: bool) -> String {
    match resolved {
        ResolveResult::Unbound => local.to_string(),
        ResolveResult::Bound(Namespace(uri)) => match NAMESPACES.iter().find(|(u, _)| *u == uri) {
            Some((_, "atom")) if atom_feed => local.to_string(),
            Some((_, prefix)) => format!("{prefix}:{local}"),
            None => format!("{{{uri}}}{local}"),
        },
        // A prefix the file never declares (a sloppy feed's `dc:`): as written.
        ResolveResult::Unknown(prefix) => format!("{prefix}:{local}"),
    }
}

/// Reads a feed or WordPress export held in a string.
pub fn read(source: &str) -> Read {
    let mut records = Vec::new();
    let mut read = read_from(source.as_bytes(), &mut |at, r| records.push((at, r)));
    read.records = records;
    read
}

/// Reads a feed or WordPress export from `input` as a stream, one `<item>` or
/// `<entry>` at a time: each record goes to `emit` as soon as its element ends,
/// so neither the file nor its records are ever held whole.
pub fn read_from(input: impl std::io::Read, emit: &mut dyn FnMut(At, Record)) -> Read {
    let mut read = Read::default();
    let mut reader = NsReader::from_reader(BufReader::with_capacity(64 * 1024, Checked::new(input)));
    let mut buf = Vec::new();
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
        buf.clear();
        let before = reader.buffer_position();
        let event = match reader.read_event_into(&mut buf) {
            Ok(e) => e,
            Err(e) => {
                let at = reader.error_position();
                let input = reader.get_mut().get_mut();
                match input.failure.take() {
                    Some(not_utf8) => read.problem(At::File, not_utf8.to_string()),
                    None => read.problem(At::Line(input.line_of(at)), format!("malformed XML: {e}")),
                }
                return read;
            }
        };
        let atom_feed = kind == Some(Kind::Atom);
        match event {
            Event::Start(e) | Event::Empty(e) if kind.is_none() => {
                let (ns, local) = reader.resolver().resolve_element(e.name());
                let local = local.as_ref().to_string();
                kind = match (&ns, local.as_str()) {
                    (ResolveResult::Unbound, "rss") => Some(Kind::Rss),
                    (ResolveResult::Unbound, "feed") => Some(Kind::Atom),
                    (ResolveResult::Bound(Namespace(uri)), "feed") if *uri == ATOM => Some(Kind::Atom),
                    _ => {
                        let line = reader.get_mut().get_mut().line_of(before);
                        read.problem(
                            At::Line(line),
                            format!(
                                "<{}> is not a feed: an RSS 2.0, Atom or WordPress export starts with <rss> or <feed>",
                                e.name().as_ref()
                            ),
                        );
                        return read;
                    }
                };
                feed_language = attrs(&e, &reader, true).into_iter().find(|(k, _)| k == "xml:lang").map(|(_, v)| v);
                path.push(local);
            }
            Event::Start(e) => {
                let (ns, local) = reader.resolver().resolve_element(e.name());
                let name = canonical(ns, local.as_ref(), atom_feed);
                let starts_item = open.is_empty() && matches!(name.as_str(), "item" | "entry" | "wp:author");
                if starts_item {
                    item_line = reader.get_mut().get_mut().line_of(before + 1);
                }
                if starts_item || !open.is_empty() {
                    open.push(Elem { name, attrs: attrs(&e, &reader, atom_feed), ..Elem::default() });
                } else {
                    path.push(name);
                }
            }
            Event::Empty(e) => {
                if let Some(parent) = open.last_mut() {
                    let (ns, local) = reader.resolver().resolve_element(e.name());
                    let name = canonical(ns, local.as_ref(), atom_feed);
                    parent.children.push(Elem { name, attrs: attrs(&e, &reader, atom_feed), ..Elem::default() });
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
                                Ok(Ok(r)) => emit(at, r),
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

/// An element's attributes, their names resolved as [`canonical`] resolves
/// elements' (namespace declarations left out).
fn attrs<R>(e: &BytesStart<'_>, reader: &NsReader<R>, atom_feed: bool) -> Vec<(String, String)> {
    e.attributes()
        .flatten()
        .filter(|a| a.key.as_namespace_binding().is_none())
        .map(|a| {
            let value = a.normalized_value(quick_xml::XmlVersion::Implicit1_0).map(|v| v.into_owned());
            let (ns, local) = reader.resolver().resolve_attribute(a.key);
            (canonical(ns, local.as_ref(), atom_feed), value.unwrap_or_else(|_| a.value.to_string()))
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
        entities: Entities::default(),
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
        entities: Entities::default(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The one record of a feed, in brief: title | authors | date | section |
    /// tags | URL | language | paragraphs.
    fn brief(xml: &str) -> String {
        let read = read(xml);
        assert!(read.problems.is_empty(), "{:?}", read.problems);
        assert_eq!(read.records.len(), 1, "{xml}");
        let r = &read.records[0].1;
        format!(
            "{} | {} | {} | {} | {} | {} | {} | {}",
            r.title.as_deref().unwrap_or("-"),
            r.bylines.join(", "),
            r.published.map_or("-".into(), |p| p.to_string()),
            r.section.as_deref().unwrap_or("-"),
            r.tags.join(", "),
            r.url.as_deref().unwrap_or("-"),
            r.language.as_deref().unwrap_or("-"),
            r.paragraphs.join(" / ")
        )
    }

    const RSS: &str = "Talks | Ann Lee | 2024-03-05 | - |  | https://x.org/t | - | Met. / Again.";
    const WXR: &str =
        "Talks | Ann Lee, Bo Chen | 2024-03-05T09:00:00Z | Politics | border | https://x.org/t | - | Met.";
    const ATOM: &str = "Talks | Ann Lee | 2024-03-05T10:00:00+01:00 | - | border | https://x.org/t | en | Met.";

    #[test]
    fn namespaces_are_resolved_by_uri_not_by_prefix() {
        let rows: &[(&str, &str, &str)] = &[
            (
                "RSS, the usual prefixes",
                r#"<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>
                <item><title>Talks</title><link>https://x.org/t</link><dc:creator>Ann Lee</dc:creator><dc:date>2024-03-05</dc:date>
                <description>Summary only.</description><content:encoded>&lt;p&gt;Met.&lt;/p&gt;&lt;p&gt;Again.&lt;/p&gt;</content:encoded></item></channel></rss>"#,
                RSS,
            ),
            (
                "RSS, the content and Dublin Core modules bound to other prefixes",
                r#"<rss version="2.0" xmlns:c="http://purl.org/rss/1.0/modules/content/" xmlns:meta="http://purl.org/dc/elements/1.1/"><channel>
                <item><title>Talks</title><link>https://x.org/t</link><meta:creator>Ann Lee</meta:creator><meta:date>2024-03-05</meta:date>
                <description>Summary only.</description><c:encoded><![CDATA[<p>Met.</p><p>Again.</p>]]></c:encoded></item></channel></rss>"#,
                RSS,
            ),
            (
                "RSS, the modules declared on the item itself",
                r#"<rss version="2.0"><channel>
                <item xmlns:x="http://purl.org/rss/1.0/modules/content/" xmlns:y="http://purl.org/dc/elements/1.1/"><title>Talks</title>
                <link>https://x.org/t</link><y:creator>Ann Lee</y:creator><y:date>2024-03-05</y:date>
                <x:encoded>&lt;p&gt;Met.&lt;/p&gt;&lt;p&gt;Again.&lt;/p&gt;</x:encoded></item></channel></rss>"#,
                RSS,
            ),
            (
                "RSS, `content:` and `dc:` bound to other modules: not the body, not the author",
                r#"<rss version="2.0" xmlns:content="http://example.com/not-content/" xmlns:dc="http://example.com/not-dc/"><channel>
                <item><title>Talks</title><link>https://x.org/t</link><author>Ann Lee</author><pubDate>2024-03-05</pubDate>
                <dc:creator>Someone Else</dc:creator><content:encoded>Not the body.</content:encoded>
                <description>&lt;p&gt;Met.&lt;/p&gt;&lt;p&gt;Again.&lt;/p&gt;</description></item></channel></rss>"#,
                RSS,
            ),
            (
                "RSS, an Atom link and a media title beside the item's own",
                r#"<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/"><channel>
                <atom:link href="https://x.org/feed" rel="self"/>
                <item><media:title>Not the title</media:title><title>Talks</title><atom:link href="https://x.org/other"/>
                <link>https://x.org/t</link><author>Ann Lee</author><pubDate>2024-03-05</pubDate>
                <description>&lt;p&gt;Met.&lt;/p&gt;&lt;p&gt;Again.&lt;/p&gt;</description></item></channel></rss>"#,
                RSS,
            ),
            (
                "WXR 1.2, the usual prefixes",
                r#"<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/"><channel>
                <wp:author><wp:author_login>alee</wp:author_login><wp:author_display_name>Ann Lee</wp:author_display_name></wp:author>
                <item><title>Talks</title><link>https://x.org/t</link><dc:creator>alee</dc:creator><dc:creator>Bo Chen</dc:creator>
                <wp:post_date_gmt>2024-03-05 09:00:00</wp:post_date_gmt><wp:post_type>post</wp:post_type><wp:status>publish</wp:status>
                <category domain="category">Politics</category><category domain="post_tag">border</category>
                <content:encoded><![CDATA[<p>Met.</p>]]></content:encoded></item></channel></rss>"#,
                WXR,
            ),
            (
                "WXR 1.1, WordPress bound to `w:`, content to `k:`",
                r#"<rss version="2.0" xmlns:k="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:w="http://wordpress.org/export/1.1/"><channel>
                <w:author><w:author_login>alee</w:author_login><w:author_display_name>Ann Lee</w:author_display_name></w:author>
                <item><title>Talks</title><link>https://x.org/t</link><dc:creator>alee</dc:creator><dc:creator>Bo Chen</dc:creator>
                <w:post_date_gmt>2024-03-05 09:00:00</w:post_date_gmt><w:post_type>post</w:post_type><w:status>publish</w:status>
                <category domain="category">Politics</category><category domain="post_tag">border</category>
                <k:encoded><![CDATA[<p>Met.</p>]]></k:encoded></item></channel></rss>"#,
                WXR,
            ),
            (
                "Atom, the default namespace",
                r#"<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en"><title>News</title>
                <entry><id>t</id><title>Talks</title><link href="https://x.org/t"/><published>2024-03-05T10:00:00+01:00</published>
                <author><name>Ann Lee</name></author><category term="border"/><content type="html">&lt;p&gt;Met.&lt;/p&gt;</content></entry></feed>"#,
                ATOM,
            ),
            (
                "Atom, the `atom:` prefix",
                r#"<atom:feed xmlns:atom="http://www.w3.org/2005/Atom" xml:lang="en"><atom:title>News</atom:title>
                <atom:entry><atom:id>t</atom:id><atom:title>Talks</atom:title><atom:link href="https://x.org/t"/>
                <atom:published>2024-03-05T10:00:00+01:00</atom:published><atom:author><atom:name>Ann Lee</atom:name></atom:author>
                <atom:category term="border"/><atom:content type="html">&lt;p&gt;Met.&lt;/p&gt;</atom:content></atom:entry></atom:feed>"#,
                ATOM,
            ),
            (
                "Atom, a default namespace and elements of another beside Atom's",
                r#"<feed xmlns="http://www.w3.org/2005/Atom" xmlns:m="http://search.yahoo.com/mrss/"><title>News</title>
                <entry xml:lang="en"><id>t</id><m:title>Not the title</m:title><title>Talks</title><link href="https://x.org/t"/>
                <published>2024-03-05T10:00:00+01:00</published><author><name>Ann Lee</name></author><category term="border"/>
                <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Met.</p></div></content></entry></feed>"#,
                ATOM,
            ),
        ];
        for (case, xml, want) in rows {
            assert_eq!(brief(xml), *want, "{case}");
        }
    }

    #[test]
    fn a_root_in_another_namespace_is_no_feed() {
        for xml in [
            r#"<feed xmlns="http://example.com/not-atom"><entry><title>x</title></entry></feed>"#,
            r#"<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><item/></rdf:RDF>"#,
        ] {
            let read = read(xml);
            assert!(read.records.is_empty(), "{xml}");
            assert!(read.problems.iter().any(|(_, m)| m.contains("is not a feed")), "{xml}: {:?}", read.problems);
        }
    }
}
