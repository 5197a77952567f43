//! Newsroom exports → Clippings articles, natively at build time (`cargo xtask
//! dist`/`data`). Never a dependency of the app: the parsers here cost the wasm
//! shell nothing.
//!
//! A corpus folder may mix every format; each file is read by its extension,
//! checked against (or, for an unknown extension, chosen by) a sniff of its
//! first bytes ([`sniff`]):
//!
//! | format | files | reader |
//! | --- | --- | --- |
//! | plain text | `.txt` | `clippings_core::article` (unchanged) |
//! | JSON: ninjs 2.x, WordPress REST posts, the Clippings schema | `.json` (one record or an array), `.jsonl`/`.ndjson` | [`json`] |
//! | WordPress export (WXR), RSS 2.0, Atom 1.0 | `.xml`, `.rss`, `.atom` | [`feeds`] |
//! | CSV with a header | `.csv` (+ optional `NAME.columns.json`) | [`table`] |
//! | HTML pages (JSON-LD, `<meta>`, `<article>`) | `.html`, `.htm` | [`page`] |
//! | Markdown with YAML front matter | `.md`, `.markdown` | [`markdown`] |
//!
//! Markup in any field becomes plain paragraphs ([`markup`]). Every problem is
//! collected and named with its file and line or record ([`Problem`]); records
//! without text are skipped and counted; duplicate ids and URLs name both places.

pub mod feeds;
pub mod json;
pub mod markdown;
pub mod markup;
pub mod page;
pub mod sniff;
pub mod stamp;
pub mod stream;
pub mod table;

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use clippings_core::article::{self, Entities, Meta, ParseError};
use clippings_core::{Article, Index};

pub use sniff::Format;
pub use stamp::{Stamp, Time};

/// Where in a file something was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum At {
    File,
    Line(usize),
    /// The n-th record (1-based) of a file of several.
    Record(usize),
    /// A CSV row, named by its line in the file.
    Row(usize),
}

impl fmt::Display for At {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            At::File => Ok(()),
            At::Line(n) => write!(f, "line {n}"),
            At::Record(n) => write!(f, "record {n}"),
            At::Row(n) => write!(f, "line {n}"),
        }
    }
}

/// A place in the corpus: a file and where in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub path: PathBuf,
    pub at: At,
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.at {
            At::File => write!(f, "{}", self.path.display()),
            at => write!(f, "{}: {at}", self.path.display()),
        }
    }
}

/// One problem with the corpus, named with its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub place: Place,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.place, self.message)
    }
}

/// One article as a source declares it, before it becomes an [`Article`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Record {
    /// From the source's GUID, URL or id (made fragment-safe by [`slug`]); empty
    /// for "the file's name" (and its record number in a file of several).
    pub id: String,
    pub title: Option<String>,
    /// Co-authors, each one name.
    pub bylines: Vec<String>,
    pub published: Option<Stamp>,
    pub section: Option<String>,
    pub tags: Vec<String>,
    /// The canonical link, `http:` or `https:` only (checked in [`finish`]).
    pub url: Option<String>,
    pub language: Option<String>,
    pub source: Option<String>,
    /// Plain text, one paragraph each.
    pub paragraphs: Vec<String>,
    /// People, places and organisations the source names (ninjs `people`, …).
    pub entities: Entities,
}

/// What a reader makes of one file: its records, each with its place, and problems.
#[derive(Debug, Default)]
pub struct Read {
    pub records: Vec<(At, Record)>,
    pub problems: Vec<(At, String)>,
    /// Records passed over on purpose (a WordPress attachment, a draft page), with why.
    pub passed: Vec<(At, String)>,
}

impl Read {
    fn problem(&mut self, at: At, message: impl Into<String>) {
        self.problems.push((at, message.into()));
    }
}

/// The corpus read: articles in path (then record) order, and what was passed over.
#[derive(Debug, Default)]
pub struct Loaded {
    pub articles: Vec<Article>,
    /// Every folder and file read, for change tracking.
    pub watched: Vec<PathBuf>,
    /// Files that are not articles (another extension, a link not followed), with why.
    pub skipped: Vec<(PathBuf, String)>,
    /// Records without text, skipped.
    pub empty: Vec<Place>,
    /// Records passed over on purpose (attachments, drafts), with why.
    pub passed: Vec<(Place, String)>,
    /// Articles per format.
    pub formats: Vec<(Format, usize)>,
}

impl Loaded {
    /// The index of the articles, taken out of `self`, numbered in date order
    /// (oldest first, undated last; path order among equals).
    ///
    /// Results never depend on the numbering (ties break by date, then number,
    /// and a stable sort keeps path order among equal dates), but its size
    /// does: dates in order cost next to nothing in the start file (at
    /// 1,000,000 synthetic articles in path order they took 2 MB gzipped), and
    /// a day's new articles, the newest, number after the ones already there.
    pub fn index(&mut self) -> Index {
        let mut articles = std::mem::take(&mut self.articles);
        articles.sort_by_key(|a| (a.date.is_none(), a.date));
        Index::build(articles)
    }

    /// One line for the build log (`articles` indexed: those taken out of `self`).
    pub fn summary(&self, articles: usize, index_bytes: usize) -> String {
        let mut line = format!("{articles} articles indexed, {index_bytes} bytes of index");
        let by_format: Vec<String> =
            self.formats.iter().filter(|(_, n)| *n > 0).map(|(f, n)| format!("{n} {}", f.name())).collect();
        if by_format.len() > 1 || self.formats.iter().any(|(f, n)| *f != Format::Text && *n > 0) {
            line += &format!(" ({})", by_format.join(", "));
        }
        let others = self.skipped.iter().filter(|(_, why)| why == NOT_ARTICLES).count();
        if others > 0 {
            line += &format!(", {others} other files ignored");
        }
        let named: Vec<String> = self
            .skipped
            .iter()
            .filter(|(_, why)| why != NOT_ARTICLES)
            .map(|(p, why)| format!("{} ({why})", p.display()))
            .collect();
        if !named.is_empty() {
            line += &format!(", skipped: {}", named.join("; "));
        }
        if !self.empty.is_empty() {
            let first: Vec<String> = self.empty.iter().take(5).map(Place::to_string).collect();
            let more = if self.empty.len() > 5 { ", …" } else { "" };
            line += &format!(", {} records without text skipped ({}{more})", self.empty.len(), first.join("; "));
        }
        if !self.passed.is_empty() {
            line += &format!(", {} records passed over (not posts or pages)", self.passed.len());
        }
        line
    }
}

const NOT_ARTICLES: &str = "not an article format";

/// Reads every article below `dir`. All problems are collected, not just the first.
pub fn load(dir: &Path) -> Result<Loaded, Vec<Problem>> {
    let mut loaded = Loaded::default();
    let mut problems = Vec::new();
    let mut files = Vec::new();
    walk(dir, &mut files, &mut loaded, &mut problems);
    files.sort();
    read_files(files, loaded, problems)
}

/// Reads the given files (in the order given) as [`load`] reads a folder's.
pub fn load_files(files: Vec<PathBuf>) -> Result<Loaded, Vec<Problem>> {
    read_files(files, Loaded::default(), Vec::new())
}

fn read_files(files: Vec<PathBuf>, mut loaded: Loaded, mut problems: Vec<Problem>) -> Result<Loaded, Vec<Problem>> {
    let mut intake = Intake {
        loaded: &mut loaded,
        problems: &mut problems,
        ids: HashMap::new(),
        urls: HashMap::new(),
        counts: HashMap::new(),
    };
    for path in files {
        intake.file(path);
    }
    let counts = std::mem::take(&mut intake.counts);
    loaded.formats = Format::ALL.iter().map(|f| (*f, counts.get(f).copied().unwrap_or(0))).collect();
    if problems.is_empty() {
        Ok(loaded)
    } else {
        Err(problems)
    }
}

/// How much of a file is read to tell its format before it is read as a whole
/// or, for JSON Lines and feeds, as a stream.
const SNIFF: u64 = 64 * 1024;

/// The corpus as it is read: each record becomes its article at once, its id
/// and URL checked against those before it.
struct Intake<'a> {
    loaded: &'a mut Loaded,
    problems: &'a mut Vec<Problem>,
    ids: HashMap<String, Place>,
    urls: HashMap<String, Place>,
    counts: HashMap<Format, usize>,
}

impl Intake<'_> {
    fn file(&mut self, path: PathBuf) {
        use std::io::Read as _;
        self.loaded.watched.push(path.clone());
        let here = |at| Place { path: path.clone(), at };
        let cannot = |e: std::io::Error| Problem { place: here(At::File), message: format!("cannot be read: {e}") };
        let mut file = match std::fs::File::open(&path) {
            Ok(f) => f,
            Err(e) => return self.problems.push(cannot(e)),
        };
        let mut bytes = Vec::new();
        if let Err(e) = file.by_ref().take(SNIFF).read_to_end(&mut bytes) {
            return self.problems.push(cannot(e));
        }
        let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let Some(format) = sniff::format(&path, &bytes) else {
            self.loaded.skipped.push((path.clone(), NOT_ARTICLES.into()));
            return;
        };
        let mut records = Records { intake: self, path: &path, stem: &stem, format, n: 0, first: None, several: false };
        // A JSON Lines file or a feed may be an archive of 50,000 articles: it is
        // read as a stream, each record becoming its article as it is read.
        let read = match format {
            Format::JsonLines | Format::Feed => {
                let input = std::io::Cursor::new(bytes).chain(file);
                let mut emit = |at, record| records.take(at, record);
                if format == Format::Feed {
                    feeds::read_from(input, &mut emit)
                } else {
                    json::read_lines(std::io::BufReader::with_capacity(64 * 1024, input), &mut emit)
                }
            }
            _ => {
                if let Err(e) = file.read_to_end(&mut bytes) {
                    return records.intake.problems.push(cannot(e));
                }
                match records.whole(bytes) {
                    Some(read) => read,
                    None => return,
                }
            }
        };
        for (at, message) in read.problems {
            records.intake.problems.push(Problem { place: here(at), message });
        }
        for (at, why) in read.passed {
            records.intake.loaded.passed.push((here(at), why));
        }
        for (at, record) in read.records {
            records.take(at, record);
        }
        records.finish();
    }
}

/// The records of one file, as they come.
struct Records<'i, 'a, 'p> {
    intake: &'i mut Intake<'a>,
    path: &'p Path,
    stem: &'p str,
    format: Format,
    /// Records taken so far.
    n: usize,
    /// The first record, held until a second tells whether the file holds several.
    first: Option<(At, Record)>,
    several: bool,
}

impl Records<'_, '_, '_> {
    fn place(&self, at: At) -> Place {
        Place { path: self.path.to_path_buf(), at }
    }

    /// A file read whole: a text file becomes its article here; the other
    /// formats are read, their records to come. `None` when nothing is to come.
    fn whole(&mut self, bytes: Vec<u8>) -> Option<Read> {
        if self.format == Format::Text {
            // Exactly as before: the id is the file stem.
            let stem = self.stem.to_string();
            if let Some(first) = self.intake.ids.get(&stem) {
                let problem = duplicate(self.place(At::Line(1)), "article id", &stem, first);
                self.intake.problems.push(problem);
                return None;
            }
            match article::decode(&bytes).and_then(|text| article::parse(&stem, &text)) {
                Ok(a) => {
                    let place = self.place(At::File);
                    self.intake.ids.insert(stem, place);
                    *self.intake.counts.entry(Format::Text).or_default() += 1;
                    self.intake.loaded.articles.push(a);
                }
                Err(ParseError::Empty) => self.intake.loaded.skipped.push((self.path.to_path_buf(), "empty".into())),
                Err(e) => self.intake.problems.push(Problem { place: self.place(At::File), message: e.to_string() }),
            }
            return None;
        }
        let text = match article::decode(&bytes) {
            Ok(t) => t,
            Err(e) => {
                self.intake.problems.push(Problem { place: self.place(At::File), message: e.to_string() });
                return None;
            }
        };
        drop(bytes);
        Some(match self.format {
            Format::Text | Format::JsonLines | Format::Feed => unreachable!("read elsewhere"),
            Format::Json => json::read(&text, false),
            Format::Csv => table::read(&text, &columns_file(self.path)),
            Format::Html => page::read(&text),
            Format::Markdown => match markdown::read(&text) {
                Some(read) => read,
                None => {
                    self.intake.loaded.skipped.push((self.path.to_path_buf(), "Markdown without front matter".into()));
                    return None;
                }
            },
        })
    }

    /// Takes the next record of the file.
    fn take(&mut self, at: At, record: Record) {
        self.n += 1;
        // Records without an id of their own are named by the file, and by
        // their number in it when it holds several.
        if self.n == 1 {
            if matches!(at, At::Record(_) | At::Row(_)) {
                self.several = true;
            } else {
                self.first = Some((at, record));
                return;
            }
        }
        if let Some((first_at, first)) = self.first.take() {
            self.several = true;
            self.accept(1, first_at, first);
        }
        self.accept(self.n, at, record);
    }

    fn finish(mut self) {
        if let Some((at, record)) = self.first.take() {
            self.accept(1, at, record);
        }
    }

    /// Record number `n` of the file becomes its article, unless it has no
    /// text, or is refused, or its id or URL came before.
    fn accept(&mut self, n: usize, at: At, mut record: Record) {
        let place = self.place(at);
        let intake = &mut *self.intake;
        if record.paragraphs.iter().all(|p| p.trim().is_empty()) {
            intake.loaded.empty.push(place);
            return;
        }
        record.id = if !record.id.is_empty() {
            slug(&record.id)
        } else if self.several {
            slug(&format!("{}-{n}", self.stem))
        } else {
            slug(self.stem)
        };
        if let Err(message) = finish(&mut record) {
            intake.problems.push(Problem { place, message });
            return;
        }
        if let Some(first) = intake.ids.get(&record.id) {
            intake.problems.push(duplicate(place, "article id", &record.id, first));
            return;
        }
        if let Some(url) = &record.url {
            if let Some(first) = intake.urls.get(url) {
                intake.problems.push(duplicate(place, "URL", url, first));
                return;
            }
            intake.urls.insert(url.to_string(), place.clone());
        }
        intake.ids.insert(record.id.clone(), place);
        *intake.counts.entry(self.format).or_default() += 1;
        intake.loaded.articles.push(into_article(record));
    }
}

fn duplicate(place: Place, what: &str, value: &str, first: &Place) -> Problem {
    Problem { place, message: format!("duplicate {what} '{value}' (also {first})") }
}

/// The column mapping beside a CSV file: `NAME.columns.json` for `NAME.csv`.
fn columns_file(csv: &Path) -> Option<String> {
    let stem = csv.file_stem()?.to_string_lossy().into_owned();
    std::fs::read_to_string(csv.with_file_name(format!("{stem}.columns.json"))).ok()
}

/// Checks and tidies a record: only `http:`/`https:` URLs; names trimmed, empty ones dropped.
fn finish(record: &mut Record) -> Result<(), String> {
    if let Some(url) = record.url.take().map(|u| u.trim().to_string()).filter(|u| !u.is_empty()) {
        if !article::is_web_url(&url) {
            return Err(format!("URL '{url}' refused: only http: and https: links are kept"));
        }
        record.url = Some(url);
    }
    let tidy = |s: &mut Option<String>| {
        *s = s.take().map(|v| one_line(&v)).filter(|v| !v.is_empty());
    };
    tidy(&mut record.title);
    tidy(&mut record.section);
    tidy(&mut record.language);
    tidy(&mut record.source);
    let e = &mut record.entities;
    for names in [&mut e.people, &mut e.places, &mut e.organisations] {
        names.retain_mut(|name| {
            *name = one_line(name);
            !name.is_empty()
        });
        names.sort();
        names.dedup();
    }
    let mut seen = Vec::new();
    for list in [&mut record.bylines, &mut record.tags] {
        seen.clear();
        list.retain_mut(|v| {
            *v = one_line(v);
            let fresh = !v.is_empty() && !seen.contains(v);
            seen.push(v.clone());
            fresh
        });
    }
    record.paragraphs.retain(|p| !p.trim().is_empty());
    Ok(())
}

/// `s` with every run of white space one space, trimmed.
pub fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// An id safe in a URL fragment and stable across rebuilds: for a URL its host
/// and path (`https://example.com/2024/03/talks/` → `example.com-2024-03-talks`),
/// otherwise the text; ASCII letters, digits, `.`, `_` and `-` kept, every other
/// run one `-`; at most 80 bytes (a longer one keeps its start and a hash of the whole).
pub fn slug(raw: &str) -> String {
    let s = raw.trim();
    let s = ["https://", "http://", "urn:", "tag:"]
        .iter()
        .find_map(|p| s.get(..p.len()).filter(|h| h.eq_ignore_ascii_case(p)).map(|_| &s[p.len()..]))
        .unwrap_or(s);
    let s = s.strip_prefix("www.").unwrap_or(s);
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii_alphanumeric() || matches!(c, '.' | '_') || (c == '-' && !out.ends_with('-')) {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_matches(|c| c == '-' || c == '.').to_string();
    if out.len() <= 80 {
        return if out.is_empty() { format!("x{:08x}", fnv(raw)) } else { out };
    }
    format!("{}-{:08x}", out[..70].trim_end_matches('-'), fnv(raw))
}

fn fnv(s: &str) -> u32 {
    s.bytes().fold(0x811c9dc5u32, |h, b| (h ^ u32::from(b)).wrapping_mul(0x01000193))
}

/// The record as an article of the index: paragraphs joined by blank lines, the
/// co-authors joined by commas as its byline, the rest in its [`Meta`]; with no
/// declared title, one derived from the first sentence, as for a text file.
pub fn into_article(record: Record) -> Article {
    let mut text = String::with_capacity(record.paragraphs.iter().map(|p| p.len() + 2).sum());
    let mut paragraphs = Vec::with_capacity(record.paragraphs.len());
    let (title, title_derived) = match record.title {
        Some(t) => (t, false),
        None => (article::derive_title(record.paragraphs.first().map_or("", String::as_str)), true),
    };
    for p in record.paragraphs {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        let start = text.len();
        text.push_str(&p);
        paragraphs.push(start..text.len());
    }
    Article {
        id: record.id,
        title,
        title_derived,
        date: record.published.map(|s| s.date),
        byline: (!record.bylines.is_empty()).then(|| record.bylines.join(", ")),
        text,
        paragraphs,
        boilerplate: Vec::new(),
        meta: Meta {
            time: record.published.and_then(|s| s.time),
            authors: record.bylines,
            section: record.section,
            tags: record.tags,
            url: record.url,
            language: record.language,
            source: record.source,
            entities: record.entities,
        },
    }
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>, loaded: &mut Loaded, problems: &mut Vec<Problem>) {
    loaded.watched.push(dir.to_path_buf());
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            let place = Place { path: dir.to_path_buf(), at: At::File };
            problems.push(Problem { place, message: format!("folder cannot be read: {e}") });
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            walk(&path, files, loaded, problems);
        } else if kind.is_file() || (kind.is_symlink() && path.is_file()) {
            if path.to_string_lossy().ends_with(".columns.json") {
                loaded.watched.push(path);
            } else {
                files.push(path);
            }
        } else if kind.is_symlink() {
            loaded.skipped.push((path, "symbolic link not followed".into()));
        } else {
            loaded.skipped.push((path, NOT_ARTICLES.into()));
        }
    }
}

/// Co-authors from one byline string: `By Ann Lee and Bo Chen`, `Ann Lee, Bo Chen & Cy Dee`.
pub fn split_byline(s: &str) -> Vec<String> {
    let s = one_line(s);
    let s = s.strip_prefix("By ").or_else(|| s.strip_prefix("by ")).unwrap_or(&s);
    s.split([',', ';', '&'])
        .flat_map(|p| p.split(" and "))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect()
}

/// Tags from one string: `a, b; c`.
pub fn split_list(s: &str) -> Vec<String> {
    s.split([',', ';', '|']).map(one_line).filter(|p| !p.is_empty()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_fragment_safe_and_stable() {
        let rows = [
            ("https://example.com/2024/03/talks/", "example.com-2024-03-talks"),
            ("http://www.Example.org/?p=123", "Example.org-p-123"),
            ("urn:newsml:example.com:20240305:abc", "newsml-example.com-20240305-abc"),
            ("000_3247808d51f1ef9c", "000_3247808d51f1ef9c"),
            ("Ереван", "x"),
            ("a  b#c&d", "a-b-c-d"),
        ];
        for (raw, want) in rows {
            let got = slug(raw);
            assert!(got.starts_with(want), "{raw}: {got}");
            assert!(got.bytes().all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b)), "{got}");
        }
        let long = "https://example.com/".to_string() + &"word-".repeat(40);
        assert_eq!(slug(&long).len(), 79, "{}", slug(&long));
        assert_eq!(slug(&long), slug(&long));
        assert_ne!(slug(&long), slug(&(long.clone() + "x")));
    }

    #[test]
    fn bylines_split_into_co_authors() {
        assert_eq!(split_byline("By Ann Lee and Bo Chen"), ["Ann Lee", "Bo Chen"]);
        assert_eq!(split_byline("Ann Lee, Bo Chen & Cy Dee"), ["Ann Lee", "Bo Chen", "Cy Dee"]);
        assert_eq!(split_byline("Naila Huseynova"), ["Naila Huseynova"]);
    }

    #[test]
    fn only_web_urls_are_kept() {
        for bad in ["javascript:alert(1)", "data:text/html,x", "/relative/path", "ftp://x.org/a", "https://x.org/a b"] {
            let mut r = Record { url: Some(bad.into()), ..Record::default() };
            let err = finish(&mut r).unwrap_err();
            assert!(err.contains("refused"), "{bad}: {err}");
        }
        let mut r = Record { url: Some(" HTTPS://x.org/a ".into()), ..Record::default() };
        finish(&mut r).unwrap();
        assert_eq!(r.url.as_deref(), Some("HTTPS://x.org/a"));
    }
}
