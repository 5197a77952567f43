//! Plain-text file → [`Article`]: title, date, byline, paragraphs and boilerplate.
//!
//! The rules, in order:
//! - the text is decoded as UTF-8 (a leading BOM is dropped; invalid bytes are an
//!   error naming the line and byte offset; UTF-16 is an error), CRLF and lone CR
//!   become LF, NUL and other control characters become spaces;
//! - the first non-blank line is the title when it reads as a headline (no final
//!   full stop, at most 30 words); otherwise a title is derived from the first
//!   sentence and marked `title_derived`;
//! - a line among the first five that is only a date (`Dec 22 2023`,
//!   `22 December 2023`, `2023-12-22`, `December 22, 2023`) is the date;
//! - a short line of two to four capitalised words (optionally `By …`) among the
//!   last three paragraphs is the byline; paragraphs after it are the site's footer;
//! - known site appeals (donation and membership asks) are boilerplate: shown in
//!   the reader, never searched.

use std::fmt;
use std::ops::Range;

/// A calendar date as found in an article (month and day may be unknown).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

/// Calendar arithmetic, proleptic Gregorian: what the timeline's weeks count in.
impl Date {
    /// Days in `month` of `year`; `None` for a month outside 1..=12.
    pub fn days_in_month(year: u16, month: u8) -> Option<u8> {
        let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
        match month {
            2 if leap => Some(29),
            2 => Some(28),
            4 | 6 | 9 | 11 => Some(30),
            1..=12 => Some(31),
            _ => None,
        }
    }

    /// Days since 1970-01-01 (negative before it).
    pub fn days(self) -> i64 {
        let (y, m) = if self.month <= 2 {
            (self.year as i64 - 1, self.month as i64 + 9)
        } else {
            (self.year as i64, self.month as i64 - 3)
        };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * m + 2) / 5 + self.day as i64 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `z` days after 1970-01-01: the inverse of [`Date::days`].
    pub fn from_days(z: i64) -> Date {
        let z = z + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as u16;
        Date { year, month, day }
    }

    /// The Monday that starts this date's week (weeks run Monday to Sunday, as
    /// ISO weeks do), in [`Date::days`].
    pub fn week_start(self) -> i64 {
        let z = self.days();
        z - (z + 3).rem_euclid(7)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A time of day, with its offset from UTC in minutes where the source gives one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Time {
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
    pub offset_minutes: Option<i16>,
}

impl fmt::Display for Time {
    /// `10:05`, `10:05 UTC`, `10:05 UTC+04:00`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.hour, self.minute)?;
        match self.offset_minutes {
            Some(0) => f.write_str(" UTC"),
            Some(m) => write!(f, " UTC{}{:02}:{:02}", if m < 0 { '-' } else { '+' }, m.abs() / 60, m.abs() % 60),
            None => Ok(()),
        }
    }
}

/// What an export declares beyond title, date, byline and text (nothing for a
/// text file).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Meta {
    /// The time of publication on the article's date.
    pub time: Option<Time>,
    /// Co-authors, each one name (the byline is their names joined); empty when
    /// the byline is one name found in the text.
    pub authors: Vec<String>,
    pub section: Option<String>,
    pub tags: Vec<String>,
    /// The canonical link: `http:` or `https:` only ([`is_web_url`]).
    pub url: Option<String>,
    pub language: Option<String>,
    /// The outlet that published it.
    pub source: Option<String>,
    /// People, places and organisations the export names (ninjs `people`, …).
    pub entities: Entities,
}

/// Entities an export declares (the readers leave each list sorted, without
/// repeats). They join the People, Places and Organisations facets beside those
/// found in the text ([`crate::facets`]), counting from one article on.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Entities {
    pub people: Vec<String>,
    pub places: Vec<String>,
    pub organisations: Vec<String>,
}

/// Whether `url` may be a link on the page: `http:` or `https:`, with no white
/// space, control character, quote or angle bracket.
pub fn is_web_url(url: &str) -> bool {
    let scheme = url.get(..8).map(str::to_ascii_lowercase).unwrap_or_default();
    (scheme.starts_with("http://") || scheme == "https://")
        && url.len() > 8
        && !url.chars().any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>' | '`'))
}

/// One article of the corpus. `text` holds every paragraph (byline excluded),
/// separated by blank lines; `paragraphs` and `boilerplate` are byte ranges into it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Article {
    pub id: String,
    pub title: String,
    pub title_derived: bool,
    pub date: Option<Date>,
    pub byline: Option<String>,
    pub text: String,
    pub paragraphs: Vec<Range<usize>>,
    pub boilerplate: Vec<Range<usize>>,
    pub meta: Meta,
}

impl Article {
    /// The searchable pieces of `text`: every paragraph with boilerplate cut out.
    pub fn searchable(&self) -> Vec<Range<usize>> {
        self.paragraphs.iter().flat_map(|p| self.pieces(p)).filter(|(_, boiler)| !boiler).map(|(r, _)| r).collect()
    }

    /// A paragraph split into `(range, is_boilerplate)` pieces, in order.
    pub fn pieces(&self, paragraph: &Range<usize>) -> Vec<(Range<usize>, bool)> {
        cut(paragraph.clone(), self.boilerplate.iter().cloned())
    }
}

/// `range` cut at the edges of `marks` (ascending, not overlapping): its
/// `(piece, marked)` pieces, in order, covering it (none for an empty range).
pub fn cut(range: Range<usize>, marks: impl IntoIterator<Item = Range<usize>>) -> Vec<(Range<usize>, bool)> {
    let mut out = Vec::new();
    let mut at = range.start;
    for m in marks {
        let (start, end) = (m.start.max(at), m.end.min(range.end));
        if start >= end {
            continue;
        }
        if start > at {
            out.push((at..start, false));
        }
        out.push((start..end, true));
        at = end;
    }
    if at < range.end {
        out.push((at..range.end, false));
    }
    out
}

/// Why a file could not become an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseError {
    InvalidUtf8 { line: usize, byte_offset: usize },
    Utf16 { line: usize },
    Empty,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseError::InvalidUtf8 { line, byte_offset } => {
                write!(f, "line {line}: invalid UTF-8 at byte offset {byte_offset} (save the file as UTF-8)")
            }
            ParseError::Utf16 { line } => {
                write!(f, "line {line}: file is UTF-16 (save it as UTF-8)")
            }
            ParseError::Empty => write!(f, "line 1: the file has no text"),
        }
    }
}

/// Decodes raw file bytes to text with LF line ends.
pub fn decode(bytes: &[u8]) -> Result<String, ParseError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(ParseError::Utf16 { line: 1 });
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to();
        let line = 1 + bytes[..at].iter().filter(|&&b| b == b'\n').count();
        ParseError::InvalidUtf8 { line, byte_offset: at }
    })?;
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    // NUL and other control characters (not tab or newline) become spaces.
    Ok(text.chars().map(|c| if c.is_control() && c != '\n' && c != '\t' { ' ' } else { c }).collect())
}

/// Site appeals that are glued into article text by scrapers. Matched at the start
/// of a paragraph (case-sensitive, as published); the whole sentence is boilerplate.
const APPEAL_SENTENCES: &[&str] = &[
    "Amidst the current global turmoil, small news outlets",
    "Help us get off grants",
    "Support independent journalism",
    "Subscribe to our newsletter",
    "Donate now",
];
/// Calls to action that scrapers glue to the start of the next paragraph.
const APPEAL_PREFIXES: &[&str] = &["Become a member", "Become a patron", "Support us", "Donate"];

/// Parses decoded text into an article with the given id.
pub fn parse(id: &str, text: &str) -> Result<Article, ParseError> {
    let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    if lines.is_empty() {
        return Err(ParseError::Empty);
    }
    let mut lines: Vec<&str> = lines;

    let headline = is_headline(lines[0]) && lines.len() > 1;
    let (title, title_derived) =
        if headline { (lines.remove(0).to_string(), false) } else { (derive_title(lines[0]), true) };

    let mut date = None;
    if let Some(i) = lines.iter().take(5).position(|l| parse_date_line(l).is_some()) {
        date = parse_date_line(lines[i]);
        lines.remove(i);
    }

    let mut byline = None;
    let mut footer_from = lines.len();
    let n = lines.len();
    for i in (n.saturating_sub(3)..n).rev() {
        if i > 0 {
            if let Some(name) = parse_byline(lines[i]) {
                byline = Some(name);
                footer_from = i;
                break;
            }
        }
    }

    let mut out = Article {
        id: id.to_string(),
        title,
        title_derived,
        date,
        byline: byline.clone(),
        text: String::new(),
        paragraphs: Vec::new(),
        boilerplate: Vec::new(),
        meta: Meta::default(),
    };
    for (i, line) in lines.iter().enumerate() {
        if byline.is_some() && i == footer_from {
            continue;
        }
        if !out.text.is_empty() {
            out.text.push_str("\n\n");
        }
        let start = out.text.len();
        out.text.push_str(line);
        let end = out.text.len();
        out.paragraphs.push(start..end);
        if i > footer_from {
            out.boilerplate.push(start..end);
        } else if let Some(len) = appeal_len(line) {
            out.boilerplate.push(start..start + len);
        }
    }
    Ok(out)
}

/// Length in bytes of a site appeal at the start of `line`, if there is one.
fn appeal_len(line: &str) -> Option<usize> {
    if APPEAL_SENTENCES.iter().any(|s| line.starts_with(s)) {
        return Some(line.len());
    }
    for p in APPEAL_PREFIXES {
        if let Some(rest) = line.strip_prefix(p) {
            // Glued: "Become a memberOn Thursday, …" or the whole line.
            if rest.is_empty() || rest.starts_with(|c: char| c.is_uppercase()) {
                return Some(p.len());
            }
        }
    }
    None
}

fn is_headline(line: &str) -> bool {
    let words = line.split_whitespace().count();
    let ends_sentence = line.ends_with('.') || line.ends_with(".”") || line.ends_with(".\"");
    !ends_sentence && (1..=30).contains(&words) && line.chars().count() <= 250
}

/// A short title from the first sentence: at most 12 words, cut with `…`.
pub fn derive_title(paragraph: &str) -> String {
    let sentence_end = paragraph
        .char_indices()
        .find(|&(i, c)| matches!(c, '.' | '!' | '?') && paragraph[i + c.len_utf8()..].starts_with(char::is_whitespace))
        .map(|(i, _)| i)
        .unwrap_or(paragraph.len());
    let sentence = &paragraph[..sentence_end];
    let words: Vec<&str> = sentence.split_whitespace().collect();
    if words.len() <= 12 {
        return sentence.trim_end_matches([',', ';', ':']).to_string();
    }
    let mut cut = words[..10].join(" ");
    while cut.ends_with([',', ';', ':', '—', '-']) {
        cut.pop();
    }
    cut + "…"
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// `Dec`, `Dec.`, `December` and `Sept` name a month (1–12).
pub fn month_of(word: &str) -> Option<u8> {
    let w = word.trim_end_matches([',', '.']).to_ascii_lowercase();
    let found = MONTHS
        .iter()
        .position(|m| w == *m || (w.len() == 3 && m.starts_with(&w)) || (w == "sept" && *m == "september"));
    found.map(|i| i as u8 + 1)
}

/// Parses a line that consists of a date alone (optionally after `Published`/`Updated`).
pub fn parse_date_line(line: &str) -> Option<Date> {
    let line = line.trim().trim_end_matches('.');
    let line = ["Published:", "Published", "Updated:", "Updated", "Date:"]
        .iter()
        .find_map(|p| line.strip_prefix(p))
        .unwrap_or(line)
        .trim();
    if let Some(d) = parse_iso(line) {
        return Some(d);
    }
    let words: Vec<&str> = line.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()).collect();
    if words.len() != 3 {
        return None;
    }
    let num = |w: &str| w.trim_end_matches(|c: char| c.is_ascii_alphabetic()).parse::<u16>().ok();
    let (month, day, year) = if let Some(m) = month_of(words[0]) {
        (m, num(words[1])?, num(words[2])?)
    } else {
        (month_of(words[1])?, num(words[0])?, num(words[2])?)
    };
    valid(year, month, day)
}

fn parse_iso(s: &str) -> Option<Date> {
    let parts: Vec<&str> = s.split('-').collect();
    if parts.len() != 3 || parts[0].len() != 4 {
        return None;
    }
    valid(parts[0].parse().ok()?, parts[1].parse().ok()?, parts[2].parse().ok()?)
}

fn valid(year: u16, month: u8, day: u16) -> Option<Date> {
    ((1800..=2200).contains(&year) && (1..=12).contains(&month) && (1..=31).contains(&day)).then_some(Date {
        year,
        month,
        day: day as u8,
    })
}

/// `By Naila Huseynova` or `Emil Lazarian`: two to four capitalised words, no verb-like punctuation.
fn parse_byline(line: &str) -> Option<String> {
    let name = line.strip_prefix("By ").or_else(|| line.strip_prefix("by ")).unwrap_or(line).trim();
    let words: Vec<&str> = name.split_whitespace().collect();
    let ok = (2..=4).contains(&words.len())
        && name.chars().count() <= 60
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().all(|c| c.is_alphabetic() || "-'’.".contains(c))
        });
    ok.then(|| name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seed(name: &str) -> Article {
        let path = format!("{}/../../seeds/{name}.txt", env!("CARGO_MANIFEST_DIR"));
        let bytes = std::fs::read(&path).unwrap();
        parse(name, &decode(&bytes).unwrap()).unwrap()
    }

    #[test]
    fn seed_000_headline_and_byline_at_the_end() {
        let a = seed("000_3247808d51f1ef9c");
        assert_eq!(a.title, "Ambassador: Russia seeks to boost regional ties through Armenia-Iran partnership");
        assert!(!a.title_derived);
        assert_eq!(a.byline.as_deref(), Some("Naila Huseynova"));
        assert_eq!(a.date, None);
        assert!(!a.text.contains("Naila"));
        assert!(a.text.starts_with("Russian Ambassador to Armenia Sergey Kopyrkin"));
        assert_eq!(a.paragraphs.len(), 14);
        assert!(a.boilerplate.is_empty());
    }

    #[test]
    fn seed_001_derives_its_title() {
        let a = seed("001_30f1672312956dc2");
        assert!(a.title_derived);
        assert_eq!(a.title, "Russia remains committed to its obligations in ensuring Armenia’s security…");
        assert!(a.text.starts_with("Russia remains committed"), "the first paragraph stays in the body");
        assert_eq!(a.byline, None);
    }

    #[test]
    fn seed_002_keeps_the_donation_appeal_out_of_the_search() {
        let a = seed("002_a04d2bc6ab2e97e7");
        assert!(a.title.starts_with("Russia expresses its ‘readiness’"));
        assert_eq!(a.boilerplate.len(), 2);
        let pieces: Vec<&str> = a.boilerplate.iter().map(|r| &a.text[r.clone()]).collect();
        assert!(pieces[0].starts_with("Amidst the current global turmoil"));
        assert_eq!(pieces[1], "Become a member");
        let searchable: String = a.searchable().iter().map(|r| &a.text[r.clone()]).collect();
        assert!(!searchable.contains("reader-funded"));
        assert!(!searchable.contains("Become a member"));
        assert!(searchable.contains("On Thursday, political consultations"));
        // The glued paragraph reads as appeal, then article text.
        let glued = a.paragraphs.iter().find(|p| a.text[(*p).clone()].starts_with("Become a member")).unwrap();
        let parts: Vec<(&str, bool)> = a.pieces(glued).into_iter().map(|(r, b)| (&a.text[r], b)).collect();
        assert_eq!(parts[0], ("Become a member", true));
        assert!(parts[1].0.starts_with("On Thursday") && !parts[1].1);
    }

    #[test]
    fn seed_003_derived_title_and_no_byline() {
        let a = seed("003_1f4a2c537d7a895c");
        assert!(a.title_derived);
        assert!(a.title.starts_with("Russia said Monday that normalizing relations"));
        assert!(a.title.ends_with('…'));
        assert_eq!(a.byline, None);
    }

    #[test]
    fn seed_004_date_byline_and_footer_quote() {
        let a = seed("004_7291d5aacb49dd9a");
        assert_eq!(a.title, "Russia and Armenia Strengthen Ties: An Interview with Ambassador Sergey Kopyrkin");
        assert_eq!(a.date, Some(Date { year: 2023, month: 12, day: 22 }));
        assert_eq!(a.byline.as_deref(), Some("Emil Lazarian"));
        let footer = &a.text[a.boilerplate[0].clone()];
        assert!(footer.starts_with("“I should like to see"), "{footer}");
        assert!(!a.text.contains("Dec 22 2023"));
    }

    #[test]
    fn line_ends_bom_and_blank_lines() {
        let raw = b"\xEF\xBB\xBF\r\n\r\nA headline\r\nFirst para.\rSecond para.\r\n";
        let a = parse("x", &decode(raw).unwrap()).unwrap();
        assert_eq!(a.title, "A headline");
        let paras: Vec<&str> = a.paragraphs.iter().map(|r| &a.text[r.clone()]).collect();
        assert_eq!(paras, ["First para.", "Second para."]);
    }

    #[test]
    fn decode_errors_name_line_and_offset() {
        assert_eq!(decode(b"ok\nbad \xFF here"), Err(ParseError::InvalidUtf8 { line: 2, byte_offset: 7 }));
        assert_eq!(decode(b"\xFF\xFEh\x00"), Err(ParseError::Utf16 { line: 1 }));
        assert_eq!(parse("e", " \n\t\n"), Err(ParseError::Empty));
    }

    #[test]
    fn date_lines() {
        let rows = [
            ("Dec 22 2023", Some((2023, 12, 22))),
            ("December 22, 2023", Some((2023, 12, 22))),
            ("22 March 2024", Some((2024, 3, 22))),
            ("2024-03-05", Some((2024, 3, 5))),
            ("Published: Jan 3, 2020", Some((2020, 1, 3))),
            ("on 13 March", None),
            ("Decimal 22 2023", None),
            ("Dec 42 2023", None),
        ];
        for (line, want) in rows {
            let got = parse_date_line(line).map(|d| (d.year, d.month, d.day));
            assert_eq!(got, want, "{line}");
        }
    }

    #[test]
    fn web_urls_only() {
        for ok in ["https://example.com/a", "http://x.org/?p=1", "HTTPS://X.ORG/"] {
            assert!(is_web_url(ok), "{ok}");
        }
        for bad in ["javascript:alert(1)", "data:text/html,x", "/a/b", "https://", "https://x.org/a b", "https://x\"y"]
        {
            assert!(!is_web_url(bad), "{bad}");
        }
    }

    #[test]
    fn times_read_as_written() {
        let t = |offset| Time { hour: 9, minute: 5, second: 0, offset_minutes: offset };
        assert_eq!(t(None).to_string(), "09:05");
        assert_eq!(t(Some(0)).to_string(), "09:05 UTC");
        assert_eq!(t(Some(-330)).to_string(), "09:05 UTC-05:30");
    }

    #[test]
    fn a_single_line_file_is_its_own_body() {
        let a = parse("one", "Just one line").unwrap();
        assert_eq!(a.title, "Just one line");
        assert!(a.title_derived);
        assert_eq!(a.text, "Just one line");
    }
}

#[cfg(test)]
mod calendar_tests {
    use super::Date;

    fn ymd(year: u16, month: u8, day: u8) -> Date {
        Date { year, month, day }
    }

    #[test]
    fn days_since_1970_both_ways() {
        let rows = [
            (ymd(1970, 1, 1), 0),
            (ymd(1969, 12, 31), -1),
            (ymd(1999, 12, 31), 10_956),
            (ymd(2000, 1, 1), 10_957),
            (ymd(2000, 2, 29), 11_016),
            (ymd(2000, 3, 1), 11_017),
            (ymd(2023, 12, 22), 19_713),
            (ymd(2024, 2, 29), 19_782),
            (ymd(2024, 3, 1), 19_783),
            (ymd(1900, 3, 1), -25_508),
            (ymd(1800, 1, 1), -62_091),
            (ymd(2200, 12, 31), 84_370),
        ];
        for (d, z) in rows {
            assert_eq!(d.days(), z, "{d}");
            assert_eq!(Date::from_days(z), d, "{z}");
        }
    }

    #[test]
    fn month_lengths_and_leap_years() {
        let rows = [
            (2023, 2, Some(28)),
            (2024, 2, Some(29)),
            (1900, 2, Some(28)),
            (2000, 2, Some(29)),
            (2100, 2, Some(28)),
            (2024, 1, Some(31)),
            (2024, 4, Some(30)),
            (2024, 9, Some(30)),
            (2024, 12, Some(31)),
            (2024, 0, None),
            (2024, 13, None),
        ];
        for (year, month, days) in rows {
            assert_eq!(Date::days_in_month(year, month), days, "{year}-{month}");
        }
    }

    /// Against a walk one day at a time through every month's length: each next
    /// date is one day later, and back again.
    #[test]
    fn every_day_from_1800_to_2200_follows_the_last() {
        let mut z = ymd(1800, 1, 1).days();
        for year in 1800..=2200 {
            for month in 1..=12 {
                for day in 1..=Date::days_in_month(year, month).unwrap() {
                    let d = ymd(year, month, day);
                    assert_eq!((d.days(), Date::from_days(z)), (z, d), "{d}");
                    z += 1;
                }
            }
        }
    }

    #[test]
    fn weeks_start_on_monday_across_year_ends() {
        let rows = [
            // 22 Dec 2023 was a Friday.
            (ymd(2023, 12, 22), ymd(2023, 12, 18)),
            (ymd(2023, 12, 18), ymd(2023, 12, 18)),
            (ymd(2023, 12, 24), ymd(2023, 12, 18)),
            (ymd(2023, 12, 25), ymd(2023, 12, 25)),
            // Sunday 1 Jan 2023 is in the week of Monday 26 Dec 2022.
            (ymd(2023, 1, 1), ymd(2022, 12, 26)),
            (ymd(2024, 1, 1), ymd(2024, 1, 1)),
            // A leap day's week, and the week before 1970 began (a Thursday).
            (ymd(2024, 3, 2), ymd(2024, 2, 26)),
            (ymd(1970, 1, 1), ymd(1969, 12, 29)),
            (ymd(1969, 12, 28), ymd(1969, 12, 22)),
        ];
        for (d, monday) in rows {
            assert_eq!(Date::from_days(d.week_start()), monday, "{d}");
        }
        // Seven days in a row share a Monday; the eighth starts the next week.
        let z = ymd(2020, 12, 28).days();
        for k in 0..7 {
            assert_eq!(Date::from_days(z + k).week_start(), z);
        }
        assert_eq!(Date::from_days(z + 7).week_start(), z + 7);
    }
}
