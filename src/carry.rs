//! "Export my work" and "Import my work": the workbench's searches and marks as
//! one JSON file — the durable copy a reporter carries on a USB stick — and how
//! a copy is merged back into what a browser keeps. Pure, tested natively.
//!
//! ```json
//! { "format": "clippings-work", "version": 2,
//!   "archive": { "data": "data/start-….bin", "articles": 5 },
//!   "saved": [ { "name": "…", "fragment": "#q=…" } ],
//!   "recent": [ "#q=…" ],
//!   "marks": [ { "id": "…", "hash": "…", "edited": 1764370000000, "starred": true,
//!                "tags": ["sanctions"], "note": "…", "passage": "…" } ] }
//! ```
//!
//! An import merges: nothing is duplicated, of two edits of one article's marks
//! the newer wins, and every disagreement is listed. A file that is not this
//! format, or is of a newer version, is refused whole: nothing is changed.

use serde_json::{json, Value};

use crate::saved::{parse_tags, Mark, Work, RECENT, VERSION};

/// The `format` field.
const FORMAT: &str = "clippings-work";

/// The archive a copy was made from: its start file's address (none for a
/// single file) and its number of articles.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Archive {
    pub data: Option<String>,
    pub articles: usize,
}

/// The exported file's text.
pub fn to_json(work: &Work, archive: &Archive) -> String {
    let saved: Vec<Value> =
        work.saved.iter().map(|(name, fragment)| json!({ "name": name, "fragment": fragment })).collect();
    let marks: Vec<Value> = work
        .marks
        .iter()
        .map(|m| {
            json!({
                "id": m.id, "hash": m.hash, "edited": m.edited, "starred": m.starred,
                "tags": m.tags, "note": m.note, "passage": m.passage,
            })
        })
        .collect();
    let value = json!({
        "format": FORMAT,
        "version": VERSION,
        "archive": { "data": archive.data, "articles": archive.articles },
        "saved": saved,
        "recent": work.recent,
        "marks": marks,
    });
    serde_json::to_string_pretty(&value).unwrap_or_default() + "\n"
}

/// Why a file was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    /// Not JSON: the parser's message (it names the line and column).
    NotJson(String),
    /// JSON, but not an export of Clippings' work.
    Foreign,
    /// Written by a newer Clippings (its version).
    Newer(u64),
    /// This format, but a record is not as it should be: which one, and why.
    Bad(String),
}

/// Reads an exported file, with the archive it names.
pub fn from_json(text: &str) -> Result<(Work, Archive), Refused> {
    let value: Value =
        serde_json::from_str(text.trim_start_matches('\u{feff}')).map_err(|e| Refused::NotJson(e.to_string()))?;
    if value.get("format").and_then(Value::as_str) != Some(FORMAT) {
        return Err(Refused::Foreign);
    }
    match value.get("version").and_then(Value::as_u64) {
        Some(v) if v > u64::from(VERSION) => return Err(Refused::Newer(v)),
        Some(_) => {}
        None => return Err(Refused::Bad("version".into())),
    }
    let list = |key: &str| -> Result<Vec<Value>, Refused> {
        match value.get(key) {
            None | Some(Value::Null) => Ok(Vec::new()),
            Some(Value::Array(items)) => Ok(items.clone()),
            Some(_) => Err(Refused::Bad(format!("{key}: not a list"))),
        }
    };
    let text_of = |v: &Value, key: &str| v.get(key).and_then(Value::as_str).map(str::to_string);
    let mut work = Work::default();
    for (i, s) in list("saved")?.iter().enumerate() {
        match (text_of(s, "name"), text_of(s, "fragment")) {
            (Some(name), Some(fragment)) => {
                if work.save(&name, &fragment).is_none() {
                    return Err(Refused::Bad(format!("saved {}: no name", i + 1)));
                }
            }
            _ => return Err(Refused::Bad(format!("saved {}: name or fragment missing", i + 1))),
        }
    }
    // `save` puts each first: back in the file's order.
    work.saved.reverse();
    for (i, r) in list("recent")?.iter().enumerate() {
        let fragment = r.as_str().ok_or_else(|| Refused::Bad(format!("recent {}: not text", i + 1)))?;
        if !work.recent.iter().any(|f| f == fragment) {
            work.recent.push(fragment.to_string());
        }
    }
    work.recent.truncate(RECENT);
    for (i, m) in list("marks")?.iter().enumerate() {
        let bad = |what: &str| Refused::Bad(format!("marks {}: {what}", i + 1));
        let id = text_of(m, "id").filter(|id| !id.is_empty()).ok_or_else(|| bad("no id"))?;
        let tags = match m.get("tags") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(tags)) => {
                let tags: Option<Vec<&str>> = tags.iter().map(Value::as_str).collect();
                parse_tags(&tags.ok_or_else(|| bad("a tag is not text"))?.join(","))
            }
            Some(_) => return Err(bad("tags: not a list")),
        };
        let mark = Mark {
            id,
            hash: text_of(m, "hash").unwrap_or_default(),
            edited: m.get("edited").and_then(Value::as_u64).unwrap_or(0),
            starred: m.get("starred").and_then(Value::as_bool).unwrap_or(false),
            tags,
            note: text_of(m, "note").unwrap_or_default(),
            passage: text_of(m, "passage").unwrap_or_default(),
        };
        match work.marks.iter_mut().find(|k| k.id == mark.id) {
            Some(k) if k.edited >= mark.edited => {}
            Some(k) => *k = mark,
            None => work.marks.push(mark),
        }
    }
    let archive = value.get("archive");
    let archive = Archive {
        data: archive.and_then(|a| text_of(a, "data")),
        articles: archive.and_then(|a| a.get("articles")).and_then(Value::as_u64).unwrap_or(0) as usize,
    };
    Ok((work, archive))
}

/// What an import changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Merged {
    /// Saved searches and marks the browser did not have.
    pub added: usize,
    /// Marks the file had a newer edit of.
    pub updated: usize,
    /// Where the two disagreed: what, and which was kept.
    pub conflicts: Vec<Conflict>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Conflict {
    /// A search saved under one name in both, for different states: the browser's is kept.
    Saved(String),
    /// An article marked differently in both: the newer edit is kept (`true`: the file's).
    Mark { id: String, theirs: bool },
}

/// Merges `from` into `into`: no duplicates, the newer edit of a mark wins.
pub fn merge(into: &mut Work, from: Work) -> Merged {
    let mut merged = Merged::default();
    for (name, fragment) in from.saved {
        match into.saved.iter().find(|(n, _)| *n == name) {
            Some((_, f)) if *f == fragment => {}
            Some(_) => merged.conflicts.push(Conflict::Saved(name)),
            None => {
                into.saved.push((name, fragment));
                merged.added += 1;
            }
        }
    }
    for fragment in from.recent {
        if into.recent.len() < RECENT && !into.recent.contains(&fragment) {
            into.recent.push(fragment);
        }
    }
    for mark in from.marks {
        match into.marks.iter_mut().find(|m| m.id == mark.id) {
            None => {
                merged.added += usize::from(!mark.is_empty());
                into.marks.push(mark);
            }
            Some(ours) if ours.same_content(&mark) => ours.edited = ours.edited.max(mark.edited),
            Some(ours) => {
                let theirs = mark.edited > ours.edited;
                if !ours.is_empty() && !mark.is_empty() {
                    merged.conflicts.push(Conflict::Mark { id: mark.id.clone(), theirs });
                }
                if theirs {
                    *ours = mark;
                    merged.updated += 1;
                }
            }
        }
    }
    into.marks.sort_by_key(|m| std::cmp::Reverse(m.edited));
    merged
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::saved::Edit;

    fn work() -> Work {
        let mut w = Work::default();
        w.save("CSTO", "#q=csto");
        w.visit("#q=kopyrkin");
        w.edit("a-1", "00aa", Edit::Star(true), 10);
        w.edit("a-1", "00aa", Edit::Tags(parse_tags("sanctions, Arms deals")), 11);
        let note = Edit::Note {
            note: "Line one\n\t\"quoted\" \\ two".into(),
            passage: "the minister".into(),
            base: "".into(),
        };
        w.edit("b\t2", "00bb", note, 12);
        w
    }

    #[test]
    fn an_export_reads_back_whole() {
        let archive = Archive { data: Some("data/start-1.bin".into()), articles: 5 };
        let text = to_json(&work(), &archive);
        assert!(text.contains("\"format\": \"clippings-work\"") && text.contains("\"version\": 2"), "{text}");
        let (back, read) = from_json(&text).unwrap();
        assert_eq!(read, archive);
        assert_eq!(back, work());
        // And the stored text keeps every field too.
        assert_eq!(Work::parse(Some(&work().to_text())), Ok(work()));
    }

    #[test]
    fn foreign_newer_and_malformed_files_are_refused() {
        type Check = fn(&Refused) -> bool;
        let cases: &[(&str, Check)] = &[
            (
                "{\"format\": \"clippings-work\", \"version\": 2,",
                |r| matches!(r, Refused::NotJson(m) if m.contains("line 1")),
            ),
            ("[1, 2]", |r| *r == Refused::Foreign),
            ("{\"notes\": []}", |r| *r == Refused::Foreign),
            ("{\"format\": \"clippings-work\", \"version\": 9}", |r| *r == Refused::Newer(9)),
            ("{\"format\": \"clippings-work\"}", |r| *r == Refused::Bad("version".into())),
            ("{\"format\": \"clippings-work\", \"version\": 2, \"marks\": [{\"id\": \"\"}]}", |r| {
                *r == Refused::Bad("marks 1: no id".into())
            }),
            ("{\"format\": \"clippings-work\", \"version\": 2, \"marks\": {}}", |r| {
                *r == Refused::Bad("marks: not a list".into())
            }),
            ("{\"format\": \"clippings-work\", \"version\": 1, \"saved\": [{\"name\": \"x\"}]}", |r| {
                *r == Refused::Bad("saved 1: name or fragment missing".into())
            }),
        ];
        for (text, ok) in cases {
            let got = from_json(text);
            assert!(matches!(&got, Err(r) if ok(r)), "{text}: {got:?}");
        }
    }

    #[test]
    fn a_merge_adds_what_is_new_and_keeps_the_newer_edit() {
        let mut ours = work();
        let mut theirs = work();
        theirs.save("Peace", "#q=peace");
        theirs.save("CSTO", "#q=csto&s=newest");
        // Theirs is newer for a-1, ours for b\t2, and c-3 is new.
        theirs.edit("a-1", "00aa", Edit::Star(false), 50);
        ours.edit("b\t2", "00bb", Edit::Star(true), 60);
        theirs.edit("b\t2", "00bb", Edit::Tags(vec!["x".into()]), 55);
        theirs.edit("c-3", "00cc", Edit::Star(true), 40);
        let merged = merge(&mut ours, theirs.clone());
        assert_eq!(merged.added, 2, "{merged:?}");
        assert_eq!(merged.updated, 1);
        assert_eq!(
            merged.conflicts,
            [
                Conflict::Saved("CSTO".into()),
                Conflict::Mark { id: "b\t2".into(), theirs: false },
                Conflict::Mark { id: "a-1".into(), theirs: true },
            ]
        );
        assert_eq!(ours.marks.iter().map(|m| m.id.as_str()).collect::<Vec<_>>(), ["b\t2", "a-1", "c-3"]);
        assert!(!ours.marks[1].starred && ours.marks[0].starred && ours.marks[0].tags.is_empty());
        assert_eq!(ours.saved.iter().find(|s| s.0 == "CSTO").unwrap().1, "#q=csto");
        // Merging the same file again changes nothing.
        let before = ours.clone();
        let again = merge(&mut ours, theirs);
        assert_eq!((again.added, again.updated), (0, 0));
        assert_eq!(ours, before);
    }
}
