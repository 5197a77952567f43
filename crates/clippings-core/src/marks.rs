//! A reader's own marks on articles — stars, tags, a note — as the query
//! language searches them: `is:starred`, `is:tagged`, `is:noted`,
//! `tag:sanctions`, `note:minister`. The app keeps the marks (by article id)
//! and hands the search the ones whose articles this archive has, by number.
//! (Built with the `marks` feature: the workbench's; the reader's lean shell
//! knows none of it.)

use crate::analysis::{fold, tokenize};

/// What a mark filter asks about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkKind {
    /// `is:starred`, `is:tagged`, `is:noted`.
    Is,
    /// `tag:<tag>`: a tag, compared folded (case and accents aside).
    Tag,
    /// `note:<words>`: every word occurs in the note.
    Note,
}

impl MarkKind {
    /// The name in queries, before the colon.
    pub fn key(self) -> &'static str {
        match self {
            MarkKind::Is => "is",
            MarkKind::Tag => "tag",
            MarkKind::Note => "note",
        }
    }

    /// The kind a query's field name (lower case) names.
    pub fn from_key(key: &str) -> Option<MarkKind> {
        [MarkKind::Is, MarkKind::Tag, MarkKind::Note].into_iter().find(|k| k.key() == key)
    }
}

/// The values `is:` knows.
pub const IS_VALUES: [&str; 3] = ["starred", "tagged", "noted"];

/// One article's marks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Marked {
    pub doc: u32,
    pub starred: bool,
    pub tags: Vec<String>,
    pub note: String,
}

/// The marks of the articles this archive has, by article number.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Marks {
    /// Sorted by article, one entry each, with no entry that marks nothing.
    entries: Vec<Marked>,
}

impl Marks {
    /// The marks given, an article's entries merged (starred if any is, tags
    /// and notes together), entries that mark nothing left out.
    pub fn new(mut entries: Vec<Marked>) -> Marks {
        entries.sort_by_key(|m| m.doc);
        let mut out: Vec<Marked> = Vec::with_capacity(entries.len());
        for m in entries {
            match out.last_mut() {
                Some(last) if last.doc == m.doc => {
                    last.starred |= m.starred;
                    last.tags.extend(m.tags);
                    if !m.note.is_empty() {
                        last.note = if last.note.is_empty() { m.note } else { format!("{}\n{}", last.note, m.note) };
                    }
                }
                _ => out.push(m),
            }
        }
        for m in &mut out {
            m.tags = m.tags.iter().map(|t| t.trim().to_string()).filter(|t| !t.is_empty()).collect();
            m.tags.sort_by_key(|t| fold(t));
            m.tags.dedup_by_key(|t| fold(t));
        }
        out.retain(|m| m.starred || !m.tags.is_empty() || !m.note.trim().is_empty());
        Marks { entries: out }
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The articles `kind:value` matches, in order; `None` when `is:` is given a
    /// value it does not know ([`IS_VALUES`]).
    pub fn docs(&self, kind: MarkKind, value: &str) -> Option<Vec<u32>> {
        let folded = fold(value.trim());
        let words: Vec<String> = tokenize(value).into_iter().map(|t| t.term).collect();
        let test: Box<dyn Fn(&Marked) -> bool> = match kind {
            MarkKind::Is => match folded.as_str() {
                "starred" => Box::new(|m| m.starred),
                "tagged" => Box::new(|m| !m.tags.is_empty()),
                "noted" => Box::new(|m| !m.note.trim().is_empty()),
                _ => return None,
            },
            MarkKind::Tag => Box::new(|m| m.tags.iter().any(|t| fold(t) == folded)),
            MarkKind::Note => Box::new(|m| {
                let held: Vec<String> = tokenize(&m.note).into_iter().map(|t| t.term).collect();
                !words.is_empty() && words.iter().all(|w| held.contains(w))
            }),
        };
        Some(self.entries.iter().filter(|m| test(m)).map(|m| m.doc).collect())
    }

    /// Each tag with how many of `docs` (sorted) carry it, most first, then by
    /// name: the Tags facet. A tag is shown as it was first written.
    pub fn tag_counts(&self, docs: &[u32]) -> Vec<(String, u32)> {
        let mut counts: Vec<(String, String, u32)> = Vec::new();
        for m in self.entries.iter().filter(|m| docs.binary_search(&m.doc).is_ok()) {
            for t in &m.tags {
                let key = fold(t);
                match counts.iter_mut().find(|c| c.0 == key) {
                    Some(c) => c.2 += 1,
                    None => counts.push((key, t.clone(), 1)),
                }
            }
        }
        counts.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
        counts.into_iter().map(|(_, label, n)| (label, n)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(doc: u32, starred: bool, tags: &[&str], note: &str) -> Marked {
        Marked { doc, starred, tags: tags.iter().map(|t| t.to_string()).collect(), note: note.into() }
    }

    fn marks() -> Marks {
        Marks::new(vec![
            marked(7, true, &["Sanctions", "CSTO"], ""),
            marked(2, false, &["sanctions"], "The minister denied it."),
            marked(9, false, &[], "  "),
            marked(4, true, &[], "Ask the Ministry; call back"),
            marked(2, true, &["Sánctions ", " "], "Second thought."),
        ])
    }

    #[test]
    fn entries_merge_per_article_and_empty_ones_go() {
        let m = marks();
        assert_eq!(m.entries.iter().map(|e| e.doc).collect::<Vec<_>>(), [2, 4, 7]);
        assert_eq!(m.entries[0], marked(2, true, &["sanctions"], "The minister denied it.\nSecond thought."));
        assert!(Marks::new(vec![marked(1, false, &[" "], " ")]).is_empty());
    }

    #[test]
    fn each_filter_finds_its_articles() {
        let m = marks();
        let cases: &[(MarkKind, &str, Option<&[u32]>)] = &[
            (MarkKind::Is, "starred", Some(&[2, 4, 7])),
            (MarkKind::Is, "STARRED", Some(&[2, 4, 7])),
            (MarkKind::Is, "tagged", Some(&[2, 7])),
            (MarkKind::Is, "noted", Some(&[2, 4])),
            (MarkKind::Is, "read", None),
            (MarkKind::Tag, "SANCTIONS", Some(&[2, 7])),
            (MarkKind::Tag, "sanctións", Some(&[2, 7])),
            (MarkKind::Tag, "csto", Some(&[7])),
            (MarkKind::Tag, "sanction", Some(&[])),
            (MarkKind::Note, "minister", Some(&[2])),
            (MarkKind::Note, "ministry", Some(&[4])),
            (MarkKind::Note, "call ministry", Some(&[4])),
            (MarkKind::Note, "call minister", Some(&[])),
            (MarkKind::Note, "", Some(&[])),
        ];
        for (kind, value, want) in cases {
            assert_eq!(m.docs(*kind, value).as_deref(), *want, "{}:{value}", kind.key());
        }
    }

    #[test]
    fn tag_counts_count_the_results_only() {
        let m = marks();
        assert_eq!(m.tag_counts(&[2, 3, 7]), [("sanctions".to_string(), 2), ("CSTO".to_string(), 1)]);
        assert_eq!(m.tag_counts(&[2]), [("sanctions".to_string(), 1)]);
        assert!(m.tag_counts(&[]).is_empty());
    }

    /// Through the query language: parsed, printed back, and searched beside words,
    /// exclusions and an implicit AND that relaxes.
    #[test]
    fn queries_filter_by_marks() {
        use crate::query::{parse, print};
        use crate::search::{search, Sort, Sources};
        for q in ["is:starred", "tag:\"arms deals\" peace", "-note:minister", "TAG:x OR is:noted"] {
            let node = parse(q).0.expect(q);
            assert_eq!(parse(&print(&node)).0, Some(node), "{q}");
        }
        let words = |i: usize| ["peace treaty", "peace talks", "war", "peace"][i];
        let index = crate::timeline::tests::dated_archive(&[None; 4], words);
        let m = Marks::new(vec![
            marked(0, true, &["Treaty"], "minister said"),
            marked(2, true, &[], ""),
            marked(3, false, &["treaty"], ""),
        ]);
        let with = Sources { marks: Some(&m), ..Sources::from(&index) };
        let found = |sources: Sources, q: &str| {
            let mut d: Vec<u32> = search(sources, q, Sort::Relevance).hits.iter().map(|h| h.doc).collect();
            d.sort();
            d
        };
        let cases: &[(&str, &[u32])] = &[
            ("is:starred", &[0, 2]),
            ("peace is:starred", &[0]),
            ("peace -is:starred", &[1, 3]),
            ("tag:treaty", &[0, 3]),
            ("note:minister OR war", &[0, 2]),
            ("is:noted", &[0]),
            // No article holds both words: the words relax, the filter still applies.
            ("war treaty is:starred", &[0, 2]),
        ];
        for (q, want) in cases {
            assert_eq!(found(with, q), *want, "{q}");
        }
        // Without marks, and for an `is:` it does not know, nothing — said so.
        assert!(found(Sources::from(&index), "is:starred").is_empty());
        let r = search(with, "is:read peace", Sort::Relevance);
        assert!(r.hits.is_empty());
        assert!(r.hints.contains(&crate::query::Hint::NothingSearchable("is:read".into())));
    }
}
