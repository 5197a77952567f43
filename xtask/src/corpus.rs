//! `cargo xtask corpus --docs N --out DIR`: a deterministic synthetic news corpus
//! for benchmarks. Same N, same files, on every machine.
//!
//! Articles are 300–12,000 characters (log-normal, median ~600), words drawn from a Zipfian
//! vocabulary (common English words first, then generated words), with headlines
//! (10% missing), dates over 2015–2024 (10% undated), bylines at the end (70%),
//! named entities with spelling variants, curly quotes and diacritics.

use std::fmt::Write as _;
use std::path::Path;

/// SplitMix64: small, fast, and the same everywhere.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const COMMON: &[&str] = &[
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "that",
    "is",
    "for",
    "on",
    "was",
    "with",
    "said",
    "as",
    "by",
    "it",
    "at",
    "from",
    "his",
    "an",
    "be",
    "has",
    "have",
    "are",
    "which",
    "were",
    "not",
    "this",
    "but",
    "its",
    "will",
    "had",
    "government",
    "minister",
    "president",
    "country",
    "security",
    "talks",
    "agreement",
    "foreign",
    "relations",
    "economic",
    "region",
    "peace",
    "treaty",
    "border",
    "officials",
    "statement",
    "meeting",
    "cooperation",
    "trade",
    "policy",
    "military",
    "support",
    "parliament",
    "election",
    "week",
    "year",
    "new",
    "also",
    "after",
    "more",
];
const SYLLABLES: &[&str] = &[
    "ka", "ro", "mi", "ten", "sar", "lo", "vi", "dan", "el", "ur", "po", "gra", "ni", "shta", "bel", "mor", "ze",
    "tri", "an", "ko", "ves", "lu", "dor", "fa", "hin", "qu", "ya", "pel", "ost", "rin",
];
const PEOPLE: &[(&str, &str)] = &[
    ("Sergey Lavrov", "Sergei Lavrov"),
    ("Nikol Pashinyan", "Nikol Pashinian"),
    ("Ilham Aliyev", "Ilham Aliev"),
    ("Recep Erdoğan", "Recep Erdogan"),
    ("Ararat Mirzoyan", "Ararat Mirzoian"),
    ("Maria Zakharova", "Mariya Zakharova"),
];
const PLACES: &[&str] = &["Yerevan", "Baku", "Tbilisi", "Moscow", "Ankara", "Türkiye", "Brussels", "Tehran", "Gyumri"];
const ORGS: &[&str] = &["CSTO", "European Union", "United Nations", "OSCE", "Eurasian Economic Union", "NATO"];
const BYLINES: &[&str] = &[
    "Naila Huseynova",
    "Emil Lazarian",
    "Ani Grigoryan",
    "Lucía Pérez",
    "Tom Becker",
    "Søren Holm",
    "Zaruhi Mejlumyan",
];

/// A Zipfian vocabulary: word `r` (0-based) has weight 1 / (r + 1)^1.07.
pub struct Vocabulary {
    pub words: Vec<String>,
    cumulative: Vec<f64>,
}

impl Vocabulary {
    pub fn new(size: usize, rng: &mut Rng) -> Self {
        let mut words: Vec<String> = COMMON.iter().map(|w| w.to_string()).collect();
        let mut seen: std::collections::HashSet<String> = words.iter().cloned().collect();
        while words.len() < size {
            let n = 2 + rng.below(3);
            let w: String = (0..n).map(|_| *rng.pick(SYLLABLES)).collect();
            if seen.insert(w.clone()) {
                words.push(w);
            }
        }
        let mut total = 0.0;
        let cumulative = (0..words.len())
            .map(|r| {
                total += 1.0 / ((r + 1) as f64).powf(1.07);
                total
            })
            .collect();
        Vocabulary { words, cumulative }
    }

    pub fn sample(&self, rng: &mut Rng) -> &str {
        let total = *self.cumulative.last().unwrap_or(&1.0);
        let x = rng.unit() * total;
        let i = self.cumulative.partition_point(|&c| c < x).min(self.words.len() - 1);
        &self.words[i]
    }
}

fn sentence(vocab: &Vocabulary, rng: &mut Rng, out: &mut String) {
    let n = 8 + rng.below(18);
    for i in 0..n {
        let r = rng.below(100);
        let word: String = if r < 3 {
            let (a, b) = *rng.pick(PEOPLE);
            if rng.below(4) == 0 {
                b.to_string()
            } else {
                a.to_string()
            }
        } else if r < 6 {
            rng.pick(PLACES).to_string()
        } else if r < 8 {
            rng.pick(ORGS).to_string()
        } else if r < 9 {
            format!("{}", 1990 + rng.below(35))
        } else {
            vocab.sample(rng).to_string()
        };
        if i == 0 {
            let mut c = word.chars();
            if let Some(f) = c.next() {
                out.extend(f.to_uppercase());
                out.push_str(c.as_str());
            }
        } else {
            out.push(' ');
            out.push_str(&word);
        }
        if i + 1 < n && rng.below(14) == 0 {
            out.push(',');
        }
    }
    out.push('.');
}

pub const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// The text of article `i`.
pub fn article(i: usize, vocab: &Vocabulary, seed: u64) -> String {
    let mut rng = Rng::new(seed ^ (i as u64).wrapping_mul(0x2545_F491_4F6C_DD1D));
    // Log-normal length between 300 and 12,000 characters: median ~600 after the last paragraph,
    // so 50,000 articles make about 33 M characters, like the peers' benchmark corpus.
    let normal = (0..12).map(|_| rng.unit()).sum::<f64>() - 6.0;
    let target = (330.0 * (1.3 * normal).exp2()).clamp(300.0, 12_000.0) as usize;
    let mut out = String::with_capacity(target + 200);
    if rng.below(10) != 0 {
        let mut title = String::new();
        sentence(vocab, &mut rng, &mut title);
        title.pop();
        let words: Vec<&str> = title.split(' ').take(6 + rng.below(6)).collect();
        let _ = writeln!(out, "{}", words.join(" "));
        if rng.below(10) != 0 {
            let _ = writeln!(out, "\n{} {} {}\n", MONTHS[rng.below(12)], 1 + rng.below(28), 2015 + rng.below(10));
        }
    }
    while out.len() < target {
        let mut para = String::new();
        for _ in 0..(2 + rng.below(4)) {
            if rng.below(6) == 0 {
                para.push('“');
                sentence(vocab, &mut rng, &mut para);
                para.push_str("” ");
            } else {
                sentence(vocab, &mut rng, &mut para);
                para.push(' ');
            }
        }
        out.push_str(para.trim_end());
        out.push('\n');
    }
    if rng.below(10) < 7 {
        let _ = writeln!(out, "By {}", rng.pick(BYLINES));
    }
    out
}

/// The benchmark corpus's vocabulary.
pub fn vocabulary() -> Vocabulary {
    Vocabulary::new(40_000, &mut Rng::new(0xC11F))
}

/// Writes `docs` articles into `dir` as `.txt` files (100 per folder) and
/// returns total bytes: [`write_as`] in [`Form::Txt`].
pub fn write(docs: usize, dir: &Path) -> std::io::Result<u64> {
    write_as(docs, dir, Form::Txt)
}

/// The forms `cargo xtask corpus --format` writes the same articles in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// One `.txt` file an article (100 per folder), as a reporter saves them.
    Txt,
    /// One `articles.jsonl`, a Clippings-schema record a line.
    Jsonl,
    /// One `ninjs.jsonl`, an IPTC ninjs 2.x record a line, its people, places and
    /// organisations declared.
    Ninjs,
    /// One WordPress export, `wordpress-export.xml`.
    Wxr,
    /// One RSS 2.0 feed, `feed.rss` (dates as `dc:date`).
    Rss,
    /// One Atom 1.0 feed, `feed.atom`.
    Atom,
    /// One `articles.csv` with a header.
    Csv,
    /// One HTML page an article (JSON-LD `NewsArticle`, text in `<article>`).
    Html,
    /// One Markdown file an article, with YAML front matter.
    Md,
}

impl Form {
    pub const ALL: [Form; 9] =
        [Form::Txt, Form::Jsonl, Form::Ninjs, Form::Wxr, Form::Rss, Form::Atom, Form::Csv, Form::Html, Form::Md];

    pub fn name(self) -> &'static str {
        match self {
            Form::Txt => "txt",
            Form::Jsonl => "jsonl",
            Form::Ninjs => "ninjs",
            Form::Wxr => "wxr",
            Form::Rss => "rss",
            Form::Atom => "atom",
            Form::Csv => "csv",
            Form::Html => "html",
            Form::Md => "md",
        }
    }

    pub fn from_name(name: &str) -> Option<Form> {
        Form::ALL.into_iter().find(|f| f.name() == name)
    }

    /// The one file that holds every article, for the forms that have one.
    fn single_file(self) -> Option<&'static str> {
        match self {
            Form::Jsonl => Some("articles.jsonl"),
            Form::Ninjs => Some("ninjs.jsonl"),
            Form::Wxr => Some("wordpress-export.xml"),
            Form::Rss => Some("feed.rss"),
            Form::Atom => Some("feed.atom"),
            Form::Csv => Some("articles.csv"),
            Form::Txt | Form::Html | Form::Md => None,
        }
    }

    /// The extension of a file an article.
    fn extension(self) -> &'static str {
        match self {
            Form::Html => "html",
            Form::Md => "md",
            _ => "txt",
        }
    }
}

/// Extensions of the files a corpus of any form is written in (a corpus written
/// in another form before is removed, so no article is there twice).
const WRITTEN: &[&str] = &["txt", "jsonl", "xml", "rss", "atom", "csv", "html", "md"];

/// Writes `docs` articles into `dir` in `form` and returns the bytes written.
/// Every form holds the same articles: the text file's title (when it has one
/// of its own), date (no time: the synthetic articles have none), byline and
/// paragraphs. Files that already hold the right bytes are left alone (so their
/// times do not change and a build that reads them is not disturbed); other
/// article files below `dir` are removed.
pub fn write_as(docs: usize, dir: &Path, form: Form) -> std::io::Result<u64> {
    let vocab = vocabulary();
    let mut wanted = std::collections::HashSet::new();
    std::fs::create_dir_all(dir)?;
    let bytes = if let Some(name) = form.single_file() {
        let path = dir.join(name);
        let mut out = Vec::new();
        export(docs, &vocab, form, &mut out)?;
        if std::fs::read(&path).ok().as_deref() != Some(out.as_slice()) {
            std::fs::write(&path, &out)?;
        }
        wanted.insert(path);
        out.len() as u64
    } else {
        let mut bytes = 0;
        for i in 0..docs {
            let sub = dir.join(format!("{:04}", i / 100));
            if i % 100 == 0 {
                std::fs::create_dir_all(&sub)?;
            }
            let text = article(i, &vocab, 0x5EED);
            let out = match form {
                Form::Html => page(&Declared::of(i, &text)),
                Form::Md => markdown(&Declared::of(i, &text)),
                _ => text,
            };
            bytes += out.len() as u64;
            let path = sub.join(format!("{i:06}.{}", form.extension()));
            if std::fs::read(&path).ok().as_deref() != Some(out.as_bytes()) {
                std::fs::write(&path, out)?;
            }
            wanted.insert(path);
        }
        bytes
    };
    remove_others(dir, &wanted)?;
    Ok(bytes)
}

fn remove_others(dir: &Path, keep: &std::collections::HashSet<std::path::PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            remove_others(&path, keep)?;
        } else if path.extension().is_some_and(|e| WRITTEN.iter().any(|w| e == *w)) && !keep.contains(&path) {
            std::fs::remove_file(&path)?;
        }
    }
    Ok(())
}

/// What the text file of an article declares, as the other forms write it.
struct Declared {
    id: String,
    /// `None` when the text file has no headline (the title is derived from the
    /// first sentence, alike in every form).
    title: Option<String>,
    date: Option<String>,
    byline: Option<String>,
    paragraphs: Vec<String>,
    /// Entities named in the text, as ninjs declares them.
    people: Vec<&'static str>,
    places: Vec<&'static str>,
    organisations: Vec<&'static str>,
}

impl Declared {
    fn of(i: usize, text: &str) -> Declared {
        let id = format!("{i:06}");
        let a = clippings_core::article::parse(&id, text).expect("a synthetic article has text");
        let paragraphs: Vec<String> = a.paragraphs.iter().map(|r| a.text[r.clone()].to_string()).collect();
        let named = |names: &[&'static str]| -> Vec<&'static str> {
            names.iter().copied().filter(|n| a.title.contains(n) || a.text.contains(n)).collect()
        };
        let people: Vec<&str> = PEOPLE.iter().map(|p| p.0).collect();
        Declared {
            title: (!a.title_derived).then(|| a.title.clone()),
            date: a.date.map(|d| d.to_string()),
            byline: a.byline.clone(),
            people: named(&people),
            places: named(PLACES),
            organisations: named(ORGS),
            paragraphs,
            id,
        }
    }

    /// The paragraphs as HTML.
    fn html(&self) -> String {
        self.paragraphs.iter().map(|p| format!("<p>{}</p>", escape(p))).collect()
    }
}

/// `s` with `&`, `<`, `>` and `"` escaped, for XML and HTML.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

fn json(v: serde_json::Value) -> String {
    v.to_string()
}

/// Every article in one file of a form that has one.
fn export(docs: usize, vocab: &Vocabulary, form: Form, out: &mut impl std::io::Write) -> std::io::Result<()> {
    let login = |name: &str| name.split(' ').next_back().unwrap_or(name).to_lowercase();
    match form {
        Form::Wxr => {
            writeln!(
                out,
                r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title>Synthetic News</title>
<language>en</language>
<wp:wxr_version>1.2</wp:wxr_version>"#
            )?;
            for name in BYLINES {
                writeln!(
                    out,
                    "<wp:author><wp:author_login>{}</wp:author_login><wp:author_display_name>{}</wp:author_display_name></wp:author>",
                    escape(&login(name)),
                    escape(name)
                )?;
            }
        }
        Form::Rss => writeln!(
            out,
            r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
<title>Synthetic News</title>
<link>https://example.com/</link>
<description>A synthetic corpus</description>
<language>en</language>"#
        )?,
        Form::Atom => writeln!(
            out,
            r#"<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
<title>Synthetic News</title>
<id>urn:clippings:synthetic</id>
<updated>2024-12-31T00:00:00Z</updated>"#
        )?,
        Form::Csv => writeln!(out, "id,title,author,date,body")?,
        _ => {}
    }
    for i in 0..docs {
        let a = Declared::of(i, &article(i, vocab, 0x5EED));
        match form {
            Form::Jsonl => {
                let mut record = serde_json::Map::new();
                record.insert("id".into(), a.id.clone().into());
                if let Some(t) = &a.title {
                    record.insert("title".into(), t.clone().into());
                }
                if let Some(b) = &a.byline {
                    record.insert("author".into(), b.clone().into());
                }
                if let Some(d) = &a.date {
                    record.insert("date".into(), d.clone().into());
                }
                record.insert("language".into(), "en".into());
                record.insert("paragraphs".into(), a.paragraphs.clone().into());
                writeln!(out, "{}", json(record.into()))?;
            }
            Form::Ninjs => {
                let mut record = serde_json::Map::new();
                record.insert("uri".into(), a.id.clone().into());
                record.insert("type".into(), "text".into());
                if let Some(t) = &a.title {
                    record.insert("headlines".into(), serde_json::json!([{"role": "main", "value": t}]));
                }
                if let Some(b) = &a.byline {
                    record.insert("by".into(), b.clone().into());
                }
                if let Some(d) = &a.date {
                    record.insert("firstcreated".into(), d.clone().into());
                }
                record.insert("language".into(), "en".into());
                record.insert(
                    "bodies".into(),
                    serde_json::json!([{"role": "main", "contenttype": "text/html", "value": a.html()}]),
                );
                let named =
                    |names: &[&str]| serde_json::Value::from_iter(names.iter().map(|n| serde_json::json!({"name": n})));
                for (key, names) in [("people", &a.people), ("places", &a.places), ("organisations", &a.organisations)]
                {
                    if !names.is_empty() {
                        record.insert(key.into(), named(names));
                    }
                }
                writeln!(out, "{}", json(record.into()))?;
            }
            Form::Wxr => {
                writeln!(out, "<item>")?;
                if let Some(t) = &a.title {
                    writeln!(out, "<title>{}</title>", escape(t))?;
                }
                writeln!(out, r#"<guid isPermaLink="false">{}</guid>"#, a.id)?;
                if let Some(b) = &a.byline {
                    writeln!(out, "<dc:creator>{}</dc:creator>", escape(&login(b)))?;
                }
                if let Some(d) = &a.date {
                    writeln!(out, "<wp:post_date_gmt>{d}</wp:post_date_gmt>")?;
                }
                writeln!(out, "<wp:post_type>post</wp:post_type><wp:status>publish</wp:status>")?;
                writeln!(
                    out,
                    "<content:encoded><![CDATA[{}]]></content:encoded>",
                    a.html().replace("]]>", "]]]]><![CDATA[>")
                )?;
                writeln!(out, "</item>")?;
            }
            Form::Rss => {
                writeln!(out, "<item>")?;
                if let Some(t) = &a.title {
                    writeln!(out, "<title>{}</title>", escape(t))?;
                }
                writeln!(out, r#"<guid isPermaLink="false">{}</guid>"#, a.id)?;
                if let Some(b) = &a.byline {
                    writeln!(out, "<dc:creator>{}</dc:creator>", escape(b))?;
                }
                if let Some(d) = &a.date {
                    writeln!(out, "<dc:date>{d}</dc:date>")?;
                }
                writeln!(out, "<description>{}</description>", escape(&a.html()))?;
                writeln!(out, "</item>")?;
            }
            Form::Atom => {
                writeln!(out, "<entry>")?;
                writeln!(out, "<id>{}</id>", a.id)?;
                if let Some(t) = &a.title {
                    writeln!(out, "<title>{}</title>", escape(t))?;
                }
                if let Some(d) = &a.date {
                    writeln!(out, "<published>{d}</published>")?;
                }
                if let Some(b) = &a.byline {
                    writeln!(out, "<author><name>{}</name></author>", escape(b))?;
                }
                writeln!(out, r#"<content type="html">{}</content>"#, escape(&a.html()))?;
                writeln!(out, "</entry>")?;
            }
            Form::Csv => {
                let cell = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
                let body = a.paragraphs.join("\n\n");
                writeln!(
                    out,
                    "{},{},{},{},{}",
                    a.id,
                    cell(a.title.as_deref().unwrap_or("")),
                    cell(a.byline.as_deref().unwrap_or("")),
                    a.date.as_deref().unwrap_or(""),
                    cell(&body)
                )?;
            }
            Form::Txt | Form::Html | Form::Md => unreachable!("a file an article"),
        }
    }
    match form {
        Form::Wxr | Form::Rss => writeln!(out, "</channel>\n</rss>"),
        Form::Atom => writeln!(out, "</feed>"),
        _ => Ok(()),
    }
}

/// One article as an HTML page: JSON-LD for its metadata, its text in `<article>`.
fn page(a: &Declared) -> String {
    let mut ld = serde_json::Map::new();
    ld.insert("@context".into(), "https://schema.org".into());
    ld.insert("@type".into(), "NewsArticle".into());
    ld.insert("identifier".into(), a.id.clone().into());
    if let Some(t) = &a.title {
        ld.insert("headline".into(), t.clone().into());
    }
    if let Some(d) = &a.date {
        ld.insert("datePublished".into(), d.clone().into());
    }
    if let Some(b) = &a.byline {
        ld.insert("author".into(), serde_json::json!({"@type": "Person", "name": b}));
    }
    // JSON-LD inside <script>: no `</` may end it early.
    let ld = json(ld.into()).replace("</", "<\\/");
    let title = a.title.as_deref().map(|t| format!("<title>{}</title>", escape(t))).unwrap_or_default();
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">{title}\n<script type=\"application/ld+json\">{ld}</script>\n</head><body><nav><a href=\"/\">Synthetic News</a></nav>\n<article>{}</article>\n</body></html>\n",
        a.html()
    )
}

/// One article as Markdown with YAML front matter.
fn markdown(a: &Declared) -> String {
    // YAML double-quoted scalars: `\` and `"` escaped.
    let quoted = |s: &str| format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""));
    let mut out = format!("---\nid: \"{}\"\n", a.id);
    if let Some(t) = &a.title {
        out += &format!("title: {}\n", quoted(t));
    }
    if let Some(b) = &a.byline {
        out += &format!("author: {}\n", quoted(b));
    }
    if let Some(d) = &a.date {
        out += &format!("date: {d}\n");
    }
    out += "---\n";
    out += &a.paragraphs.join("\n\n");
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn articles_are_deterministic_and_within_bounds() {
        let mut rng = Rng::new(1);
        let vocab = Vocabulary::new(2000, &mut rng);
        let a = article(7, &vocab, 3);
        assert_eq!(a, article(7, &vocab, 3));
        assert_ne!(a, article(8, &vocab, 3));
        for i in 0..200 {
            let len = article(i, &vocab, 3).len();
            assert!((300..13_000).contains(&len), "article {i} has {len} bytes");
        }
    }

    /// Title, date, byline and text of an article.
    type Brief = (String, Option<clippings_core::Date>, Option<String>, String);

    /// The [`Brief`] of each article of a corpus, in order, and its count of each format.
    fn records(dir: &Path) -> (Vec<Brief>, Vec<String>, usize) {
        let loaded = clippings_formats::load(dir).unwrap_or_else(|problems| {
            panic!("{}: {}", dir.display(), problems.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("\n"))
        });
        let formats = loaded.formats.iter().filter(|(_, n)| *n > 0).map(|(f, n)| format!("{n} {}", f.name())).collect();
        let declared = loaded.articles.iter().map(|a| &a.meta.entities);
        let declared = declared.map(|e| e.people.len() + e.places.len() + e.organisations.len()).sum();
        let records = loaded.articles.into_iter().map(|a| (a.title, a.date, a.byline, a.text)).collect();
        (records, formats, declared)
    }

    #[test]
    fn every_form_reads_back_to_the_text_files_records() {
        let docs = 230;
        let base = std::env::temp_dir().join(format!("clippings-corpus-forms-{}", std::process::id()));
        let (want, _, _) = {
            write_as(docs, &base.join("txt"), Form::Txt).unwrap();
            records(&base.join("txt"))
        };
        assert_eq!(want.len(), docs);
        assert!(
            want.iter().any(|w| w.1.is_none()) && want.iter().any(|w| w.2.is_none()),
            "undated and unsigned ones too"
        );
        let rows = [
            (Form::Jsonl, "JSON Lines"),
            (Form::Ninjs, "JSON Lines"),
            (Form::Wxr, "feed/WXR"),
            (Form::Rss, "feed/WXR"),
            (Form::Atom, "feed/WXR"),
            (Form::Csv, "CSV"),
            (Form::Html, "HTML"),
            (Form::Md, "Markdown"),
        ];
        assert_eq!(rows.len() + 1, Form::ALL.len(), "every form but text is checked");
        for (form, format) in rows {
            let dir = base.join(form.name());
            // Written over a text corpus: no article may be there twice.
            write_as(docs, &dir, Form::Txt).unwrap();
            write_as(docs, &dir, form).unwrap();
            let (got, formats, declared) = records(&dir);
            assert_eq!(formats, [format!("{docs} {format}")], "{form:?}");
            // ninjs names the people, places and organisations of the text.
            assert_eq!(declared > docs, form == Form::Ninjs, "{form:?}: {declared} entities declared");
            for (i, (g, w)) in got.iter().zip(&want).enumerate() {
                assert_eq!(g, w, "{form:?}: article {i}");
            }
        }
        std::fs::remove_dir_all(&base).unwrap();
    }

    #[test]
    fn zipf_puts_common_words_first() {
        let mut rng = Rng::new(2);
        let vocab = Vocabulary::new(5000, &mut rng);
        let the = (0..10_000).filter(|_| vocab.sample(&mut rng) == "the").count();
        assert!(the > 700, "'the' drawn {the} times of 10,000");
    }
}
