//! The workbench's saved searches, recent searches, and marks on articles
//! (star, tags, a note anchored to a passage): what is kept, in what form, and
//! how a change made in one tab is applied to what another tab wrote
//! meanwhile. Pure (the browser's storage is `crate::work`'s), so that it is
//! tested natively, and below the app's state (which holds a [`Work`]).
//!
//! Stored as text, one record per line, under a first line naming the format
//! and its version:
//!
//! ```text
//! clippings-work 2
//! saved<TAB>name<TAB>#q=…
//! recent<TAB>#q=…
//! mark<TAB>id<TAB>text hash<TAB>edited (ms)<TAB>0|1 starred<TAB>tags<TAB>note<TAB>passage
//! ```
//!
//! A mark's fields escape a backslash, a tab and line breaks (as `\\`, `\t`,
//! `\n`, `\r`); its tags are separated by commas. Version 1 had no marks: it
//! reads as it is and is written back as version 2. A text of a newer version is never
//! overwritten: the page keeps its changes in memory and says why.
//!
//! A mark is keyed by its article's id and keeps a hash of the article's text
//! as it was when last edited: after a rebuild the page flags the marks whose
//! article changed or is gone, and keeps them. A mark taken off everything
//! (unstarred, no tags, no note) stays as an empty record with its time, so that
//! an import of an older copy does not bring it back.

/// The format's first line, without its version.
const MAGIC: &str = "clippings-work";
/// The version this build writes and reads (and every older one).
pub const VERSION: u32 = 2;
/// Recent searches kept, newest first.
pub const RECENT: usize = 20;

/// Saved searches (a name and the state as a fragment) and recent ones (fragments), newest first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Work {
    pub saved: Vec<(String, String)>,
    pub recent: Vec<String>,
    /// Newest edit first.
    pub marks: Vec<Mark>,
}

/// One article's marks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Mark {
    /// The article's id.
    pub id: String,
    /// [`text_hash`] of the article when the mark was last edited.
    pub hash: String,
    /// When, in milliseconds since 1970.
    pub edited: u64,
    pub starred: bool,
    pub tags: Vec<String>,
    pub note: String,
    /// The passage the note is anchored to (a hit or a selected span), as text.
    pub passage: String,
}

impl Mark {
    /// Whether it marks nothing (a record kept only for its time).
    pub fn is_empty(&self) -> bool {
        !self.starred && self.tags.is_empty() && self.note.trim().is_empty()
    }

    pub fn same_content(&self, other: &Mark) -> bool {
        (self.starred, &self.tags, self.note.trim(), &self.passage)
            == (other.starred, &other.tags, other.note.trim(), &other.passage)
    }
}

/// A change to one article's marks: only the fields it names change, so that
/// two tabs editing one article (one starring it, one writing its note) keep both.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    Star(bool),
    Tags(Vec<String>),
    /// The note and its passage, with the note this page last read (`base`):
    /// when another tab changed the note since, both texts are kept.
    Note {
        note: String,
        passage: String,
        base: String,
    },
}

/// What [`Work::edit`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edited {
    Done,
    /// Another tab had changed the note: both texts are kept, one after the other.
    BothKept,
}

/// A hash of an article's text (title and body), as 16 hex digits: FNV-1a, 64 bits.
pub fn text_hash(parts: &[&str]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for (i, part) in parts.iter().enumerate() {
        for b in part.bytes().chain((i + 1 < parts.len()).then_some(0)) {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

/// Tags as typed (`sanctions, CSTO`): trimmed, blanks dropped, each once (case aside).
pub fn parse_tags(text: &str) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for t in text.split(',').map(|t| one_line(t).trim().to_string()).filter(|t| !t.is_empty()) {
        if !tags.iter().any(|k| k.to_lowercase() == t.to_lowercase()) {
            tags.push(t);
        }
    }
    tags
}

/// Why a stored text cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unreadable {
    /// Written by a newer build (its version).
    Newer(u32),
    /// Not this format at all.
    Foreign,
}

impl Work {
    /// Reads a stored text; nothing stored (`None` or empty) is an empty `Work`.
    /// Lines of a kind this version does not know are skipped.
    pub fn parse(text: Option<&str>) -> Result<Work, Unreadable> {
        let text = text.unwrap_or_default();
        let mut lines = text.lines();
        let Some(first) = lines.next() else { return Ok(Work::default()) };
        let version =
            first.strip_prefix(MAGIC).and_then(|v| v.trim().parse::<u32>().ok()).ok_or(Unreadable::Foreign)?;
        if version > VERSION {
            return Err(Unreadable::Newer(version));
        }
        let mut work = Work::default();
        for line in lines {
            let mut fields = line.split('\t');
            match (fields.next(), fields.next(), fields.next()) {
                (Some("saved"), Some(name), Some(fragment)) => work.saved.push((name.into(), fragment.into())),
                (Some("recent"), Some(fragment), None) => work.recent.push(fragment.into()),
                (Some("mark"), Some(id), Some(hash)) => {
                    let rest: Vec<String> = fields.map(unescape).collect();
                    if let [edited, starred, tags, note, passage, ..] = rest.as_slice() {
                        work.marks.push(Mark {
                            id: unescape(id),
                            hash: hash.into(),
                            edited: edited.parse().unwrap_or(0),
                            starred: starred == "1",
                            tags: parse_tags(tags),
                            note: note.clone(),
                            passage: passage.clone(),
                        });
                    }
                }
                _ => {}
            }
        }
        Ok(work)
    }

    /// The stored text.
    pub fn to_text(&self) -> String {
        let mut out = format!("{MAGIC} {VERSION}\n");
        for (name, fragment) in &self.saved {
            out += &format!("saved\t{name}\t{fragment}\n");
        }
        for fragment in &self.recent {
            out += &format!("recent\t{fragment}\n");
        }
        for m in &self.marks {
            let fields = [
                escape(&m.id),
                escape(&m.hash),
                m.edited.to_string(),
                u8::from(m.starred).to_string(),
                escape(&m.tags.join(", ")),
                escape(&m.note),
                escape(&m.passage),
            ];
            out += &format!("mark\t{}\n", fields.join("\t"));
        }
        out
    }

    /// The marks of article `id`, if it has any.
    pub fn mark(&self, id: &str) -> Option<&Mark> {
        self.marks.iter().find(|m| m.id == id && !m.is_empty())
    }

    /// Applies `edit` to article `id`'s marks (its text hashing to `hash`) at
    /// time `now`; the mark becomes the newest.
    pub fn edit(&mut self, id: &str, hash: &str, edit: Edit, now: u64) -> Edited {
        let mut mark = match self.marks.iter().position(|m| m.id == id) {
            Some(i) => self.marks.remove(i),
            None => Mark { id: id.into(), ..Mark::default() },
        };
        let mut outcome = Edited::Done;
        match edit {
            Edit::Star(on) => mark.starred = on,
            Edit::Tags(tags) => mark.tags = tags,
            Edit::Note { note, passage, base } => {
                let stored = mark.note.trim().to_string();
                let note = note.trim().to_string();
                mark.note = if stored != base.trim() && stored != note && !stored.is_empty() && !note.is_empty() {
                    outcome = Edited::BothKept;
                    format!("{stored}\n\n{note}")
                } else {
                    note
                };
                mark.passage = one_line(&passage).trim().to_string();
            }
        }
        (mark.hash, mark.edited) = (hash.into(), now.max(mark.edited + 1));
        self.marks.insert(0, mark);
        outcome
    }

    /// Saves `fragment` as `name` (a name saved before gets the new state and
    /// comes first); the name as it was kept (tabs and line breaks made spaces,
    /// trimmed), or `None` for a blank name.
    pub fn save(&mut self, name: &str, fragment: &str) -> Option<String> {
        let name = clean_name(name)?;
        self.saved.retain(|(n, _)| *n != name);
        self.saved.insert(0, (name.clone(), one_line(fragment)));
        Some(name)
    }

    /// Removes the search saved as `name`.
    pub fn remove(&mut self, name: &str) {
        self.saved.retain(|(n, _)| n != name);
    }

    /// Puts `fragment` first among the recent searches (once), keeping [`RECENT`].
    pub fn visit(&mut self, fragment: &str) {
        let fragment = one_line(fragment);
        self.recent.retain(|f| *f != fragment);
        self.recent.insert(0, fragment);
        self.recent.truncate(RECENT);
    }
}

/// A name as it is kept: tabs and line breaks made spaces, trimmed; `None` if blank.
pub fn clean_name(name: &str) -> Option<String> {
    let name: String = name.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    let name = name.trim();
    (!name.is_empty()).then(|| name.to_string())
}

/// A mark's field on one line ([`Work::to_text`]).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out
}

fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match (c, c == '\\') {
            (_, true) => match chars.next() {
                Some('t') => out.push('\t'),
                Some('n') => out.push('\n'),
                Some('r') => out.push('\r'),
                Some(other) => out.push(other),
                None => out.push('\\'),
            },
            (c, false) => out.push(c),
        }
    }
    out
}

/// A fragment as one field: a fragment the app writes is percent-encoded, so
/// this only guards against one written by hand.
fn one_line(fragment: &str) -> String {
    fragment.replace(['\t', '\n', '\r'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stored_text_reads_back_and_unknown_lines_are_skipped() {
        let mut w = Work::default();
        assert_eq!(w.save("  Sanctions\tlist ", "#q=sanctions&s=new"), Some("Sanctions list".to_string()));
        w.save("kopyrkin", "#q=kopyrkin");
        w.visit("#q=a");
        w.visit("#q=b");
        let text = w.to_text();
        assert_eq!(
            text,
            "clippings-work 2\nsaved\tkopyrkin\t#q=kopyrkin\nsaved\tSanctions list\t#q=sanctions&s=new\nrecent\t#q=b\nrecent\t#q=a\n"
        );
        assert_eq!(Work::parse(Some(&text)), Ok(w.clone()));
        let with_more = format!("{text}star\tid-1\nsaved\tbroken\n");
        assert_eq!(Work::parse(Some(&with_more)), Ok(w));
    }

    #[test]
    fn nothing_stored_is_empty_and_a_newer_or_foreign_text_is_refused() {
        let cases: &[(Option<&str>, Result<Work, Unreadable>)] = &[
            (None, Ok(Work::default())),
            (Some(""), Ok(Work::default())),
            (Some("clippings-work 1\n"), Ok(Work::default())),
            (Some("clippings-work 3\nsaved\ta\t#q=a\n"), Err(Unreadable::Newer(3))),
            (Some("{\"notes\": []}"), Err(Unreadable::Foreign)),
            (Some("clippings-work x\n"), Err(Unreadable::Foreign)),
        ];
        for (text, want) in cases {
            assert_eq!(&Work::parse(*text), want, "{text:?}");
        }
    }

    #[test]
    fn saving_a_name_again_replaces_it_and_recent_searches_stay_few_and_once() {
        let mut w = Work::default();
        assert_eq!(w.save(" \t", "#q=x"), None);
        w.save("a", "#q=1");
        w.save("b", "#q=2");
        w.save("a", "#q=3");
        assert_eq!(w.saved, [("a".to_string(), "#q=3".to_string()), ("b".to_string(), "#q=2".to_string())]);
        w.remove("b");
        w.remove("zzz");
        assert_eq!(w.saved.len(), 1);
        for i in 0..30 {
            w.visit(&format!("#q={}", i % 25));
        }
        w.visit("#q=3");
        assert_eq!(w.recent.len(), RECENT);
        assert_eq!(w.recent[..3], ["#q=3".to_string(), "#q=4".to_string(), "#q=2".to_string()]);
        w.visit("#q=bad\nline");
        assert_eq!(w.recent[0], "#q=bad line");
    }

    #[test]
    fn version_1_reads_as_it_is_and_is_written_as_version_2() {
        let v1 = "clippings-work 1\nsaved\ta\t#q=a\nrecent\t#q=b\n";
        let w = Work::parse(Some(v1)).unwrap();
        assert_eq!((w.saved.len(), w.recent.len(), w.marks.len()), (1, 1, 0));
        assert_eq!(w.to_text(), "clippings-work 2\nsaved\ta\t#q=a\nrecent\t#q=b\n");
    }

    #[test]
    fn marks_keep_every_character_and_edits_change_only_their_field() {
        let mut w = Work::default();
        assert_eq!(w.edit("id\t1", "h1", Edit::Star(true), 100), Edited::Done);
        let note = "Line one\n\tand \\n two\r\n".to_string();
        let e = Edit::Note { note: note.clone(), passage: "the\nminister".into(), base: String::new() };
        assert_eq!(w.edit("id\t1", "h2", e, 50), Edited::Done);
        w.edit("other", "h3", Edit::Tags(parse_tags(" Sanctions, ,csto, SANCTIONS ,arms\tdeals")), 200);
        let text = w.to_text();
        assert_eq!(text.lines().count(), 3, "{text}");
        let back = Work::parse(Some(&text)).unwrap();
        assert_eq!(back, w);
        let m = back.mark("id\t1").unwrap();
        // The note is kept trimmed; the time never goes back; the hash is the last edit's.
        assert_eq!((m.starred, m.note.as_str(), m.passage.as_str()), (true, note.trim(), "the minister"));
        assert_eq!((m.edited, m.hash.as_str()), (101, "h2"));
        assert_eq!(back.marks[0].tags, ["Sanctions", "csto", "arms deals"]);
        // Unstarred and without tags or note, a mark is kept only as its time.
        w.edit("other", "h3", Edit::Tags(Vec::new()), 300);
        assert!(w.mark("other").is_none());
        assert_eq!(w.marks[0].edited, 300);
    }

    #[test]
    fn a_note_changed_in_another_tab_meanwhile_is_kept_beside_this_one() {
        let mut w = Work::default();
        let note = |note: &str, base: &str| Edit::Note { note: note.into(), passage: String::new(), base: base.into() };
        w.edit("a", "h", note("first", ""), 1);
        // This tab read "first" and writes "second": nothing else happened.
        assert_eq!(w.edit("a", "h", note("second", "first"), 2), Edited::Done);
        // Another tab, which also read "first", writes "third".
        assert_eq!(w.edit("a", "h", note("third", "first"), 3), Edited::BothKept);
        assert_eq!(w.mark("a").unwrap().note, "second\n\nthird");
        // Emptied on purpose, by a tab that read what was there.
        assert_eq!(w.edit("a", "h", note("", "second\n\nthird"), 4), Edited::Done);
        assert!(w.mark("a").is_none());
    }

    #[test]
    fn text_hashes_tell_texts_apart() {
        assert_eq!(text_hash(&["a", "b"]), text_hash(&["a", "b"]));
        assert_ne!(text_hash(&["a", "b"]), text_hash(&["ab", ""]));
        assert_ne!(text_hash(&["Title", "Body."]), text_hash(&["Title", "Body!"]));
        assert_eq!(text_hash(&[]).len(), 16);
    }
}
