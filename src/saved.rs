//! The workbench's saved searches and recent searches: what is kept, in what
//! form, and how a change made in one tab is applied to what another tab wrote
//! meanwhile. Pure (the browser's storage is `components::saved`'s), so that it
//! is tested natively.
//!
//! Stored as text, one record per line, under a first line naming the format
//! and its version:
//!
//! ```text
//! clippings-work 1
//! saved<TAB>name<TAB>#q=…
//! recent<TAB>#q=…
//! ```
//!
//! A text of a newer version is never overwritten: the page keeps its changes
//! in memory and says why.

/// The format's first line, without its version.
const MAGIC: &str = "clippings-work";
/// The version this build writes and reads.
pub const VERSION: u32 = 1;
/// Recent searches kept, newest first.
pub const RECENT: usize = 20;

/// Saved searches (a name and the state as a fragment) and recent ones (fragments), newest first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Work {
    pub saved: Vec<(String, String)>,
    pub recent: Vec<String>,
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
        out
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

/// A fragment as one field: a fragment the app writes is percent-encoded, so
/// this only guards against one written by hand.
fn one_line(fragment: &str) -> String {
    fragment.replace(['\t', '\n', '\r'], " ")
}

/// The query a recent search's fragment names (for its link's text), decoded.
pub fn query_of(fragment: &str) -> String {
    crate::state::parse_fragment(fragment).0.query
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
            "clippings-work 1\nsaved\tkopyrkin\t#q=kopyrkin\nsaved\tSanctions list\t#q=sanctions&s=new\nrecent\t#q=b\nrecent\t#q=a\n"
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
            (Some("clippings-work 2\nsaved\ta\t#q=a\n"), Err(Unreadable::Newer(2))),
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
        assert_eq!(query_of("#q=peace%20treaty&s=new"), "peace treaty");
    }
}
