//! Facets derived at build time: author, source, section, tags, year, month, and
//! named entities (people, places, organisations), with counts for any result set.
//!
//! Author, section, tags and source come from what an export declares
//! ([`crate::article::Meta`]: each co-author counts), the author of a text file
//! from its byline; year and month from the date; sources also from the text
//! (step 3 below).
//!
//! Entities are found by a deterministic method:
//! 1. runs of capitalised words separated by single spaces (`of` may join two
//!    capitalised words: `Ministry of Foreign Affairs`), in the title and the
//!    searchable body;
//! 2. runs are split before place names of a built-in gazetteer and after title
//!    words (`Ambassador`, `President`, …); leading stop words, titles and
//!    nationality adjectives are dropped, except in organisation names;
//! 3. a run is an organisation when it contains an organisation word (`Ministry`,
//!    `Organisation`, `Union`, …) or is an acronym (`CSTO`); a place when the
//!    gazetteer has it; a person when it is two or three words that are none of
//!    these; a source when the next word is `reports`;
//! 4. a lone surname counts for the person with that surname in the same article;
//! 5. variants fold under one entry: same kind, same number of words, all equal but
//!    one pair within two edits (`Sergey`/`Sergei Kopyrkin`, `Organisation`/
//!    `Organization`); the most frequent spelling names the entry;
//! 6. entities found in fewer than [`MIN_DOCS`] articles are dropped;
//! 7. the entities an export declares ([`crate::article::Entities`]) count from
//!    one article on: each joins the value of its kind that has that label or
//!    folds that spelling, else becomes a value of its own (nothing is guessed:
//!    the source names it).

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::sync::OnceLock;

use crate::analysis::{fold, tokenize};
use crate::article::Article;
use crate::fuzzy::fuzzy_terms;
use crate::numbers::Kind;
use crate::parts::Parts;
use crate::postings::Stream;

/// An entity must occur in at least this many articles to become a facet value.
pub const MIN_DOCS: usize = 2;

/// In JSON, by its [`FacetKind::key`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum FacetKind {
    Author,
    Source,
    Section,
    Tag,
    Year,
    Month,
    Person,
    Place,
    #[cfg_attr(feature = "serde", serde(rename = "org"))]
    Organisation,
    /// E-mail addresses in the text ([`crate::numbers`] gives the normal forms).
    Email,
    /// Phone numbers in the text.
    Phone,
    /// The sites the text links to (hosts of its URLs).
    #[cfg_attr(feature = "serde", serde(rename = "url"))]
    Link,
    /// Amounts of money in the text.
    Amount,
}

impl FacetKind {
    pub const ALL: [FacetKind; 13] = [
        FacetKind::Author,
        FacetKind::Source,
        FacetKind::Section,
        FacetKind::Tag,
        FacetKind::Year,
        FacetKind::Month,
        FacetKind::Person,
        FacetKind::Place,
        FacetKind::Organisation,
        FacetKind::Email,
        FacetKind::Phone,
        FacetKind::Link,
        FacetKind::Amount,
    ];

    /// The name used in URLs and exports.
    pub fn key(self) -> &'static str {
        match self {
            FacetKind::Author => "author",
            FacetKind::Source => "source",
            FacetKind::Section => "section",
            FacetKind::Tag => "tag",
            FacetKind::Year => "year",
            FacetKind::Month => "month",
            FacetKind::Person => "person",
            FacetKind::Place => "place",
            FacetKind::Organisation => "org",
            FacetKind::Email => "email",
            FacetKind::Phone => "phone",
            FacetKind::Link => "url",
            FacetKind::Amount => "amount",
        }
    }

    pub fn from_key(key: &str) -> Option<FacetKind> {
        FacetKind::ALL.into_iter().find(|k| k.key() == key)
    }

    pub fn title(self) -> &'static str {
        match self {
            FacetKind::Author => "Author",
            FacetKind::Source => "Source",
            FacetKind::Section => "Section",
            FacetKind::Tag => "Tags",
            FacetKind::Year => "Year",
            FacetKind::Month => "Month",
            FacetKind::Person => "People",
            FacetKind::Place => "Places",
            FacetKind::Organisation => "Organisations",
            FacetKind::Email => "E-mail addresses",
            FacetKind::Phone => "Phone numbers",
            FacetKind::Link => "Linked sites",
            FacetKind::Amount => "Amounts",
        }
    }

    pub fn code(self) -> u32 {
        FacetKind::ALL.iter().position(|k| *k == self).unwrap_or(0) as u32
    }
}

impl fmt::Display for FacetKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetValue {
    pub kind: FacetKind,
    pub label: String,
    /// Other spellings folded into this value.
    pub aliases: Vec<String>,
}

/// Facet values (sorted by kind, then label) and, per article, its value ids.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facets {
    pub values: Vec<FacetValue>,
    /// Per article, its value ids, ascending (empty when they arrive in parts).
    pub doc_values: Vec<Vec<u32>>,
    /// Per value, how many articles have it (what the timeline's bars show for
    /// the whole archive).
    pub totals: Vec<u32>,
    /// In a parted archive: per article, its value ids as [`Facets::stream`]
    /// writes them, in parts fetched after the first results.
    pub parted: Option<Stream>,
    /// The parted values read once all have arrived: every article's ids, and
    /// where each article's start (one more than there are articles).
    arrived: OnceLock<(Vec<u32>, Vec<u32>)>,
}

/// The value ids of one article, ascending.
pub enum ValuesOf<'a> {
    Listed(std::slice::Iter<'a, u32>),
    /// Varints: the first id, then the differences.
    Coded {
        bytes: &'a [u8],
        last: Option<u32>,
    },
}

impl Iterator for ValuesOf<'_> {
    type Item = u32;
    fn next(&mut self) -> Option<u32> {
        match self {
            ValuesOf::Listed(ids) => ids.next().copied(),
            ValuesOf::Coded { bytes, last } => {
                let (v, used) = crate::varint::read(bytes)?;
                *bytes = &bytes[used..];
                let id = last.map_or(Some(v), |l| l.checked_add(v))?;
                *last = Some(id);
                Some(id)
            }
        }
    }
}

impl Facets {
    /// Article `doc`'s value ids (none, and a recorded miss, while its part of a
    /// parted archive has not arrived).
    pub fn values_of(&self, doc: u32) -> ValuesOf<'_> {
        let d = doc as usize;
        match (&self.parted, self.arrived.get()) {
            (None, _) => ValuesOf::Listed(self.doc_values.get(d).map_or([].iter(), |v| v.iter())),
            (Some(_), Some((ids, at))) => {
                let (Some(&a), Some(&b)) = (at.get(d), at.get(d + 1)) else { return ValuesOf::Listed([].iter()) };
                ValuesOf::Listed(ids[a as usize..b as usize].iter())
            }
            (Some(stream), None) => ValuesOf::Coded { bytes: stream.get(d), last: None },
        }
    }

    /// Reads a parted archive's values into one list once the last of their
    /// parts is in, so that counting a search's facets decodes nothing; called
    /// once per count, not per article.
    fn settle(&self) {
        let Some(stream) = &self.parted else { return };
        if self.arrived.get().is_some() || !self.ready() {
            return;
        }
        let (mut ids, mut at) = (Vec::new(), vec![0u32]);
        for doc in 0..stream.len() {
            ids.extend(ValuesOf::Coded { bytes: stream.get(doc), last: None });
            at.push(ids.len() as u32);
        }
        let _ = self.arrived.set((ids, at));
    }

    /// The part table of a parted archive's values.
    pub fn parts(&self) -> Option<&Parts> {
        self.parted.as_ref().and_then(|s| s.parted.as_ref()).map(|(p, _)| &**p)
    }

    /// Whether every article's values are at hand (always, unless parted).
    pub fn ready(&self) -> bool {
        self.parts().is_none_or(|p| p.loaded_count() == p.len())
    }

    /// Records every part of the articles' values that has not arrived as missed
    /// (so that the app fetches them all).
    pub fn miss_all_absent(&self) {
        if let Some(parts) = self.parts() {
            parts.miss_all_absent();
        }
    }

    /// The articles' values as one stream (for the parted layout), an item per
    /// article: its ids as varints, the first, then the differences.
    pub fn stream(&self) -> Stream {
        let mut st = Stream::default();
        for ids in &self.doc_values {
            let mut last = 0;
            for (i, &id) in ids.iter().enumerate() {
                crate::varint::write(&mut st.bytes, if i == 0 { id } else { id - last });
                last = id;
            }
            st.close();
        }
        st
    }

    /// How many articles have each value, from the per-article lists.
    pub fn count_totals(values: usize, doc_values: &[Vec<u32>]) -> Vec<u32> {
        let mut totals = vec![0u32; values];
        for &v in doc_values.iter().flatten() {
            if let Some(t) = totals.get_mut(v as usize) {
                *t += 1;
            }
        }
        totals
    }

    pub fn find(&self, kind: FacetKind, label: &str) -> Option<u32> {
        self.values.iter().position(|v| v.kind == kind && v.label == label).map(|i| i as u32)
    }

    /// Whether `doc` passes `filters`: OR within a kind, AND across kinds.
    pub fn passes(&self, doc: u32, filters: &[u32], skip_kind: Option<FacetKind>) -> bool {
        let have: Vec<u32> = self.values_of(doc).collect();
        self.holds(&have, filters, skip_kind)
    }

    /// Whether an article with the values `have` (ascending) passes `filters`.
    fn holds(&self, have: &[u32], filters: &[u32], skip_kind: Option<FacetKind>) -> bool {
        let mut by_kind: BTreeMap<FacetKind, bool> = BTreeMap::new();
        for &f in filters {
            let kind = self.values[f as usize].kind;
            if Some(kind) == skip_kind {
                continue;
            }
            let hit = have.binary_search(&f).is_ok();
            let e = by_kind.entry(kind).or_insert(false);
            *e |= hit;
        }
        by_kind.values().all(|&ok| ok)
    }

    /// For every value, how many of `docs` a click on it would give, given the
    /// active `filters`: documents passing the filters of the other kinds.
    pub fn counts(&self, docs: &[u32], filters: &[u32]) -> Vec<u32> {
        self.counts_passing(docs, filters).0
    }

    /// [`Facets::counts`], and for each of `docs` whether it passes all `filters`
    /// (found on the way, so a search need not test the filters again).
    pub fn counts_passing(&self, docs: &[u32], filters: &[u32]) -> (Vec<u32>, Vec<bool>) {
        let mut counts = vec![0u32; self.values.len()];
        let mut passing = Vec::with_capacity(docs.len());
        let active: Vec<FacetKind> = {
            let mut k: Vec<FacetKind> = filters.iter().map(|&f| self.values[f as usize].kind).collect();
            crate::sort::sort(&mut k);
            k.dedup();
            k
        };
        self.settle();
        if filters.is_empty() {
            // Every article passes: each of its values counts once.
            for &doc in docs {
                for v in self.values_of(doc) {
                    if let Some(n) = counts.get_mut(v as usize) {
                        *n += 1;
                    }
                }
            }
            return (counts, vec![true; docs.len()]);
        }
        let mut have = Vec::new();
        for &doc in docs {
            have.clear();
            have.extend(self.values_of(doc));
            let all = self.holds(&have, filters, None);
            passing.push(all);
            // Kinds with filters: a doc counts for its values of kind K when it
            // passes every other kind's filters.
            let passes_except: Vec<(FacetKind, bool)> =
                active.iter().map(|&k| (k, all || self.holds(&have, filters, Some(k)))).collect();
            for &v in &have {
                let Some(value) = self.values.get(v as usize) else { continue };
                let kind = value.kind;
                let ok = match passes_except.iter().find(|(k, _)| *k == kind) {
                    Some((_, ok)) => *ok,
                    None => all,
                };
                if ok {
                    counts[v as usize] += 1;
                }
            }
        }
        (counts, passing)
    }

    pub fn build(articles: &[Article]) -> Facets {
        let mut raw: Vec<Vec<(FacetKind, String)>> = articles.iter().map(extract).collect();
        // Fold variants: map each (kind, spelling) to its canonical spelling.
        let mut doc_count: HashMap<(FacetKind, String), usize> = HashMap::new();
        for doc in &raw {
            let mut seen: Vec<&(FacetKind, String)> = doc.iter().collect();
            seen.sort();
            seen.dedup();
            for e in seen {
                *doc_count.entry(e.clone()).or_default() += 1;
            }
        }
        let canonical = fold_variants(&doc_count);
        for doc in raw.iter_mut() {
            for e in doc.iter_mut() {
                if let Some(c) = canonical.get(e) {
                    e.1 = c.clone();
                }
            }
            doc.sort();
            doc.dedup();
        }
        let mut df: HashMap<(FacetKind, String), usize> = HashMap::new();
        for doc in &raw {
            for e in doc {
                *df.entry(e.clone()).or_default() += 1;
            }
        }
        let entity = |k: FacetKind| matches!(k, FacetKind::Person | FacetKind::Place | FacetKind::Organisation);
        let mut keys: Vec<(FacetKind, String)> =
            df.iter().filter(|(k, &n)| !entity(k.0) || n >= MIN_DOCS).map(|(k, _)| k.clone()).collect();
        keys.sort();
        let mut aliases: HashMap<(FacetKind, String), Vec<String>> = HashMap::new();
        for ((kind, spelling), c) in &canonical {
            if spelling != c {
                aliases.entry((*kind, c.clone())).or_default().push(spelling.clone());
            }
        }
        let values: Vec<FacetValue> = keys
            .iter()
            .map(|k| {
                let mut a = aliases.get(k).cloned().unwrap_or_default();
                a.sort();
                FacetValue { kind: k.0, label: k.1.clone(), aliases: a }
            })
            .collect();
        let doc_values = raw
            .iter()
            .map(|doc| {
                let mut ids: Vec<u32> =
                    doc.iter().filter_map(|e| keys.binary_search(e).ok()).map(|i| i as u32).collect();
                ids.sort_unstable();
                ids.dedup();
                ids
            })
            .collect();
        let mut facets = Facets { values, doc_values, ..Facets::default() };
        facets.declare(articles);
        facets.totals = Facets::count_totals(facets.values.len(), &facets.doc_values);
        facets
    }

    /// Adds the entities each article declares (step 7), keeping the values
    /// sorted by kind, then label.
    fn declare(&mut self, articles: &[Article]) {
        let declared: Vec<(usize, FacetKind, &String)> = articles
            .iter()
            .enumerate()
            .flat_map(|(doc, a)| {
                let e = &a.meta.entities;
                [
                    (FacetKind::Person, &e.people),
                    (FacetKind::Place, &e.places),
                    (FacetKind::Organisation, &e.organisations),
                ]
                .into_iter()
                .flat_map(move |(kind, names)| names.iter().map(move |name| (doc, kind, name)))
            })
            .collect();
        if declared.is_empty() {
            return;
        }
        let mut values = std::mem::take(&mut self.values);
        let mut known: HashMap<(FacetKind, String), usize> = HashMap::new();
        for (i, v) in values.iter().enumerate() {
            for name in std::iter::once(&v.label).chain(&v.aliases) {
                known.entry((v.kind, name.clone())).or_insert(i);
            }
        }
        let mut added: Vec<(usize, usize)> = Vec::with_capacity(declared.len());
        for (doc, kind, name) in declared {
            let i = *known.entry((kind, name.clone())).or_insert_with(|| {
                values.push(FacetValue { kind, label: name.clone(), aliases: Vec::new() });
                values.len() - 1
            });
            added.push((doc, i));
        }
        let mut order: Vec<usize> = (0..values.len()).collect();
        order.sort_by(|&a, &b| (values[a].kind, &values[a].label).cmp(&(values[b].kind, &values[b].label)));
        let mut new_id = vec![0u32; values.len()];
        for (position, &i) in order.iter().enumerate() {
            new_id[i] = position as u32;
        }
        for ids in self.doc_values.iter_mut() {
            for id in ids.iter_mut() {
                *id = new_id[*id as usize];
            }
        }
        for (doc, i) in added {
            self.doc_values[doc].push(new_id[i]);
        }
        for ids in self.doc_values.iter_mut() {
            ids.sort_unstable();
            ids.dedup();
        }
        let mut slots: Vec<Option<FacetValue>> = values.into_iter().map(Some).collect();
        self.values = order.iter().map(|&i| slots[i].take().expect("each value once")).collect();
    }
}

/// Maps every spelling that has a more frequent variant to that variant.
///
/// Spellings are taken most frequent first; each folds under the first earlier
/// cluster head it is a [`variants`] of, or heads a cluster of its own. Only heads
/// that could be variants are compared: [`variants`] needs all words equal but
/// one, whose folded forms are at least 4 characters long and within two edits,
/// so at most two characters apart in length. Heads are therefore filed under
/// (position of a word, folded length of that word, the other words), and a
/// spelling looks only in the blocks of each of its words at its lengths ± 2.
/// The result is that of comparing with every head in turn (the test keeps that
/// as an oracle).
fn fold_variants(doc_count: &HashMap<(FacetKind, String), usize>) -> HashMap<(FacetKind, String), String> {
    let mut out = HashMap::new();
    for ((kind, words), group) in shapes(doc_count) {
        if words < 2 {
            continue;
        }
        let mut heads: Vec<&String> = Vec::new();
        let mut blocks: HashMap<(usize, usize, String), Vec<usize>> = HashMap::new();
        for (s, _) in group {
            // For each word long enough to differ: its position, folded length, the others.
            let keys: Vec<(usize, usize, String)> = {
                let ws: Vec<&str> = s.split(' ').collect();
                (0..ws.len()).map(|i| (i, fold(ws[i]).chars().count(), others(&ws, i))).filter(|k| k.1 >= 4).collect()
            };
            let mut candidates: Vec<usize> = Vec::new();
            for (i, len, rest) in &keys {
                let mut key = (*i, 0, rest.clone());
                for l in len - 2..=len + 2 {
                    key.1 = l;
                    if let Some(b) = blocks.get(&key) {
                        candidates.extend(b);
                    }
                }
            }
            candidates.sort_unstable();
            candidates.dedup();
            match candidates.into_iter().find(|&h| variants(heads[h], s)) {
                Some(h) => {
                    out.insert((kind, s.clone()), heads[h].clone());
                }
                None => {
                    for key in keys {
                        blocks.entry(key).or_default().push(heads.len());
                    }
                    heads.push(s);
                }
            }
        }
    }
    out
}

/// The entity spellings by kind and number of words, each group most frequent
/// first, then alphabetical: the first of a cluster names it.
fn shapes(doc_count: &HashMap<(FacetKind, String), usize>) -> BTreeMap<(FacetKind, usize), Vec<(&String, usize)>> {
    let mut by_shape: BTreeMap<(FacetKind, usize), Vec<(&String, usize)>> = BTreeMap::new();
    for ((kind, s), &n) in doc_count {
        if matches!(kind, FacetKind::Person | FacetKind::Place | FacetKind::Organisation) {
            by_shape.entry((*kind, s.split(' ').count())).or_default().push((s, n));
        }
    }
    for group in by_shape.values_mut() {
        group.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    }
    by_shape
}

/// Words `ws` without the `i`-th, joined by spaces: words hold none, so within a
/// group of one number of words this names the others exactly.
fn others(ws: &[&str], i: usize) -> String {
    let kept: Vec<&str> = ws.iter().enumerate().filter(|&(j, _)| j != i).map(|(_, w)| *w).collect();
    kept.join(" ")
}

/// [`fold_variants`] as it was, comparing each spelling with every head: the oracle.
#[cfg(test)]
fn fold_variants_quadratic(doc_count: &HashMap<(FacetKind, String), usize>) -> HashMap<(FacetKind, String), String> {
    let mut out = HashMap::new();
    for ((kind, words), group) in shapes(doc_count) {
        if words < 2 {
            continue;
        }
        let mut heads: Vec<&String> = Vec::new();
        for (s, _) in group {
            match heads.iter().find(|h| variants(h, s)) {
                Some(h) => {
                    out.insert((kind, s.clone()), (*h).clone());
                }
                None => heads.push(s),
            }
        }
    }
    out
}

/// All words equal but one pair, which is within two edits (both ≥ 4 letters).
fn variants(a: &str, b: &str) -> bool {
    let (wa, wb): (Vec<&str>, Vec<&str>) = (a.split(' ').collect(), b.split(' ').collect());
    if wa.len() != wb.len() {
        return false;
    }
    let differing: Vec<(&str, &str)> = wa.iter().zip(&wb).filter(|(x, y)| x != y).map(|(x, y)| (*x, *y)).collect();
    match differing.as_slice() {
        [(x, y)] => {
            let (fx, fy) = (fold(x), fold(y));
            fx.chars().count() >= 4 && fy.chars().count() >= 4 && (fx == fy || !fuzzy_terms(&[fy], &fx, 2).is_empty())
        }
        _ => false,
    }
}

const STOP: &[&str] = &[
    "The",
    "A",
    "An",
    "In",
    "On",
    "At",
    "As",
    "By",
    "For",
    "From",
    "To",
    "Of",
    "He",
    "She",
    "It",
    "We",
    "They",
    "I",
    "You",
    "This",
    "That",
    "These",
    "Those",
    "His",
    "Her",
    "Its",
    "Our",
    "Their",
    "But",
    "And",
    "Or",
    "If",
    "When",
    "While",
    "After",
    "Before",
    "During",
    "According",
    "Speaking",
    "Regarding",
    "Following",
    "Despite",
    "Lastly",
    "Furthermore",
    "Meanwhile",
    "Amidst",
    "Looking",
    "Become",
    "Help",
    "Go",
    "See",
    "Send",
    "Burn",
    "Then",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Another",
    "Both",
    "Each",
    "Every",
    "Some",
    "Many",
    "Most",
    "Such",
    "There",
    "Here",
    "What",
    "Which",
    "Who",
    "Why",
    "How",
    "Not",
    "No",
    "Yes",
    "All",
    "Any",
    "Also",
    "However",
    "Still",
    "Yet",
    "So",
    "Now",
    "Today",
    "Russia’s",
    "Armenia’s",
    "It’s",
    "Let",
    "Is",
    "Are",
    "Was",
    "Were",
    "Will",
    "Would",
    "Can",
    "Could",
    "Should",
    "Might",
    "Must",
    "Do",
    "Does",
    "Did",
    "Has",
    "Have",
    "Had",
    "Being",
    "Be",
    "New",
    "World",
    "War",
];
const TITLES: &[&str] = &[
    "Ambassador",
    "President",
    "Minister",
    "Prime",
    "Deputy",
    "Foreign",
    "Speaker",
    "Secretary",
    "General",
    "Chairman",
    "Spokesperson",
    "Spokeswoman",
    "Spokesman",
    "Envoy",
    "Senator",
    "Governor",
    "Mayor",
    "King",
    "Queen",
    "Pope",
    "Chancellor",
    "Commissioner",
    "Director",
    "Head",
    "Chief",
    "Special",
    "Representative",
    "Representatives",
];
const NATIONALITIES: &[&str] = &[
    "Russian",
    "Armenian",
    "Azerbaijani",
    "Turkish",
    "Iranian",
    "Georgian",
    "European",
    "Eurasian",
    "American",
    "Soviet",
    "Chinese",
    "French",
    "German",
    "British",
    "Ukrainian",
    "Belarusian",
    "Kazakh",
    "Indian",
    "Israeli",
    "Arab",
    "Western",
    "Eastern",
    "Northern",
    "Southern",
    "International",
    "National",
    "Federal",
    "Regional",
    "Collective",
    "Armenian-Azerbaijani",
    "Russian-Armenian",
    "Armenian-Turkish",
];
const ORG_WORDS: &[&str] = &[
    "Organisation",
    "Organization",
    "Ministry",
    "Ministries",
    "Council",
    "Union",
    "Parliament",
    "Court",
    "Committee",
    "Group",
    "Party",
    "Bank",
    "Agency",
    "Assembly",
    "Commission",
    "Office",
    "Kremlin",
    "Department",
    "Government",
    "Treaty",
    "Association",
    "Federation",
    "Forces",
    "Army",
    "Service",
    "Institute",
    "University",
    "Fund",
    "Statute",
    "Platform",
    "Summit",
    "Company",
    "Corporation",
    "News",
    "Times",
    "Post",
    "Press",
];
/// Places named often in world news, and the region of the seed corpus.
const PLACES: &[&str] = &[
    "Armenia",
    "Azerbaijan",
    "Russia",
    "Iran",
    "Georgia",
    "Turkey",
    "Türkiye",
    "Moscow",
    "Yerevan",
    "Baku",
    "Tbilisi",
    "Ankara",
    "Istanbul",
    "Tehran",
    "Kazan",
    "Caucasus",
    "South Caucasus",
    "Artsakh",
    "Nagorno-Karabakh",
    "Karabakh",
    "Gyumri",
    "Shusha",
    "Stepanakert",
    "Nakhchivan",
    "Ukraine",
    "Kyiv",
    "Kiev",
    "Belarus",
    "Minsk",
    "Kazakhstan",
    "Astana",
    "China",
    "Beijing",
    "India",
    "Delhi",
    "United States",
    "Washington",
    "Europe",
    "Brussels",
    "Paris",
    "France",
    "Germany",
    "Berlin",
    "London",
    "Britain",
    "United Kingdom",
    "Israel",
    "Syria",
    "Iraq",
    "Lebanon",
    "Egypt",
    "Qatar",
    "Doha",
    "Saudi Arabia",
    "Japan",
    "Tokyo",
    "Geneva",
    "Vienna",
    "Rome",
    "Italy",
    "Spain",
    "Madrid",
    "Poland",
    "Warsaw",
    "Greece",
    "Athens",
    "Cyprus",
    "Eurasia",
    "Asia",
    "Africa",
    "Middle East",
    "Central Asia",
    "Black Sea",
    "Caspian Sea",
];

fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

fn is_acronym(word: &str) -> bool {
    word.chars().count() >= 2 && word.chars().all(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// The entities and metadata facets of one article, with repetitions.
pub fn extract(article: &Article) -> Vec<(FacetKind, String)> {
    let mut out = Vec::new();
    let meta = &article.meta;
    // Each declared co-author counts; else the byline found in the text.
    if !meta.authors.is_empty() {
        out.extend(meta.authors.iter().map(|a| (FacetKind::Author, a.clone())));
    } else if let Some(b) = &article.byline {
        out.push((FacetKind::Author, b.clone()));
    }
    out.extend(meta.section.iter().map(|s| (FacetKind::Section, s.clone())));
    out.extend(meta.tags.iter().map(|t| (FacetKind::Tag, t.clone())));
    out.extend(meta.source.iter().map(|s| (FacetKind::Source, s.clone())));
    if let Some(d) = article.date {
        out.push((FacetKind::Year, format!("{:04}", d.year)));
        out.push((FacetKind::Month, format!("{:04}-{:02}", d.year, d.month)));
    }
    let mut pieces: Vec<&str> = vec![article.title.as_str()];
    pieces.extend(article.searchable().into_iter().map(|r| &article.text[r]));
    let mut found: Vec<(FacetKind, String)> = Vec::new();
    for text in pieces {
        for (kind, name) in runs(text) {
            found.push((kind, name));
        }
        out.extend(numbers_and_contacts(text));
    }
    // A lone surname counts for the person of the article with that surname.
    let people: Vec<String> = found.iter().filter(|(k, _)| *k == FacetKind::Person).map(|(_, n)| n.clone()).collect();
    for (kind, name) in found {
        let lone_surname = kind == FacetKind::Person && !name.contains(' ');
        if !lone_surname {
            out.push((kind, name));
        } else if let Some(full) = people.iter().find(|p| p.ends_with(&format!(" {name}"))) {
            out.push((FacetKind::Person, full.clone()));
        }
    }
    out
}

/// The e-mail addresses, phone numbers, linked sites and amounts of one piece
/// of text ([`crate::numbers`]). Percentages are left out: the search finds
/// `8.3` in `8.3%` and `8.3 per cent` alike, and a group of one-off figures is
/// nothing to filter by.
fn numbers_and_contacts(text: &str) -> impl Iterator<Item = (FacetKind, String)> {
    crate::numbers::extract(text).into_iter().filter_map(|f| {
        Some(match f.kind {
            Kind::Email => (FacetKind::Email, f.value),
            Kind::Phone => (FacetKind::Phone, f.value),
            Kind::Url => (FacetKind::Link, crate::numbers::host(&f.value).to_string()),
            Kind::Amount => (FacetKind::Amount, f.value),
            Kind::Percent => return None,
        })
    })
}

/// Candidate entities in one piece of text.
fn runs(text: &str) -> Vec<(FacetKind, String)> {
    let tokens = tokenize(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let word = &text[tokens[i].span.clone()];
        if !is_capitalised(word) {
            i += 1;
            continue;
        }
        // Extend the run over single spaces (and `of` between capitalised words).
        let mut words: Vec<&str> = vec![word];
        let mut j = i + 1;
        while j < tokens.len() {
            let gap = &text[tokens[j - 1].span.end..tokens[j].span.start];
            let next = &text[tokens[j].span.clone()];
            if gap != " " {
                break;
            }
            let joins_two_names = next == "of"
                && tokens.get(j + 1).is_some_and(|t| {
                    is_capitalised(&text[t.span.clone()]) && &text[tokens[j].span.end..t.span.start] == " "
                });
            if !is_capitalised(next) && !joins_two_names {
                break;
            }
            words.push(next);
            j += 1;
        }
        let followed_by_reports =
            tokens.get(j).is_some_and(|t| matches!(&text[t.span.clone()], "reports" | "reported" | "reporting"));
        out.extend(classify(&words, followed_by_reports));
        i = j;
    }
    out
}

fn classify(words: &[&str], source: bool) -> Vec<(FacetKind, String)> {
    if source {
        let name: Vec<&str> = words.iter().copied().skip_while(|w| STOP.contains(w)).collect();
        return if name.is_empty() { vec![] } else { vec![(FacetKind::Source, name.join(" "))] };
    }
    if words.iter().any(|w| ORG_WORDS.contains(w)) && words.len() >= 2 {
        let name: Vec<&str> = words.iter().copied().skip_while(|w| STOP.contains(w)).collect();
        let name = name.join(" ");
        return if name.split(' ').count() >= 2 { vec![(FacetKind::Organisation, name)] } else { vec![] };
    }
    // Split at places, titles and stop words; classify each part.
    let mut out = Vec::new();
    let mut part: Vec<&str> = Vec::new();
    let mut k = 0;
    let flush = |part: &mut Vec<&str>, out: &mut Vec<(FacetKind, String)>| {
        while part.last().is_some_and(|w| *w == "of") {
            part.pop();
        }
        match part.len() {
            0 => {}
            1 => {
                let w = part[0];
                if is_acronym(w) {
                    out.push((FacetKind::Organisation, w.to_string()));
                } else if w.chars().all(char::is_alphabetic) && w.chars().count() >= 3 {
                    // A lone capitalised word: perhaps a surname (resolved per article).
                    out.push((FacetKind::Person, w.to_string()));
                }
            }
            2 | 3 if part.iter().all(|w| w.chars().all(|c| c.is_alphabetic() || c == '-') && *w != "of") => {
                out.push((FacetKind::Person, part.join(" ")));
            }
            _ => {}
        }
        part.clear();
    };
    while k < words.len() {
        let two = words.get(k + 1).map(|n| format!("{} {n}", words[k]));
        if let Some(p) = two.as_deref().filter(|t| PLACES.contains(t)) {
            flush(&mut part, &mut out);
            out.push((FacetKind::Place, p.to_string()));
            k += 2;
            continue;
        }
        let w = words[k];
        if PLACES.contains(&w) {
            flush(&mut part, &mut out);
            out.push((FacetKind::Place, w.to_string()));
        } else if STOP.contains(&w) || TITLES.contains(&w) || NATIONALITIES.contains(&w) || w == "of" {
            flush(&mut part, &mut out);
        } else {
            part.push(w);
        }
        k += 1;
    }
    flush(&mut part, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_keys_round_trip() {
        // In the order of FacetKind::ALL (the array's length makes the compiler count them).
        let keys: [&str; FacetKind::ALL.len()] = [
            "author", "source", "section", "tag", "year", "month", "person", "place", "org", "email", "phone", "url",
            "amount",
        ];
        for (kind, key) in FacetKind::ALL.into_iter().zip(keys) {
            assert_eq!((kind.key(), FacetKind::from_key(key)), (key, Some(kind)));
        }
        assert_eq!(FacetKind::from_key("Month"), None);
        assert_eq!(FacetKind::from_key(""), None);
    }

    fn names(text: &str) -> Vec<(FacetKind, String)> {
        runs(text)
    }

    #[test]
    fn runs_table() {
        use FacetKind::*;
        let rows: &[(&str, &[(FacetKind, &str)])] = &[
            ("Russian Ambassador to Armenia Sergey Kopyrkin said", &[(Place, "Armenia"), (Person, "Sergey Kopyrkin")]),
            (
                "the Collective Security Treaty Organisation (CSTO).",
                &[(Organisation, "Collective Security Treaty Organisation"), (Organisation, "CSTO")],
            ),
            ("held in Istanbul, Türkiye in October", &[(Place, "Istanbul"), (Place, "Türkiye")]),
            ("Caliber.Az reports, citing", &[(Source, "Caliber.Az")]),
            ("Prime Minister Nikol Pashinyan had a call", &[(Person, "Nikol Pashinyan")]),
            ("the Ministries of Foreign Affairs, as well", &[(Organisation, "Ministries of Foreign Affairs")]),
            ("The ambassador highlighted", &[]),
        ];
        for (text, want) in rows {
            let want: Vec<(FacetKind, String)> = want.iter().map(|(k, s)| (*k, s.to_string())).collect();
            assert_eq!(names(text), want, "{text}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]
        /// Blocking changes which spellings are compared, never the outcome.
        #[test]
        fn fold_matches_comparing_every_pair(
            entries in proptest::collection::vec(
                (0..4usize, proptest::collection::vec((0..WORDS.len(), 0..6usize, 0..26u8), 1..4), 1..6usize),
                0..120,
            )
        ) {
            let kinds = [FacetKind::Person, FacetKind::Place, FacetKind::Organisation, FacetKind::Author];
            let mut doc_count = HashMap::new();
            for (kind, words, n) in entries {
                let spelling: Vec<String> = words.iter().map(|&(w, at, c)| edit(WORDS[w], at, c)).collect();
                doc_count.insert((kinds[kind], spelling.join(" ")), n);
            }
            proptest::prop_assert_eq!(fold_variants(&doc_count), fold_variants_quadratic(&doc_count));
        }
    }

    const WORDS: &[&str] =
        &["Sergey", "Sergei", "Kopyrkin", "Ann", "Lee", "Organisation", "Organization", "Ié", "Şahin", "CSTO", "of"];

    /// `word` with one edit chosen by `at` and `c` (or none).
    fn edit(word: &str, at: usize, c: u8) -> String {
        let mut chars: Vec<char> = word.chars().collect();
        let letter = char::from(b'a' + c);
        let i = (c as usize) % (chars.len() + 1);
        match at {
            0 if i < chars.len() => chars[i] = letter,
            1 => chars.insert(i, letter),
            2 if i < chars.len() => {
                chars.remove(i);
            }
            3 if i + 1 < chars.len() => chars.swap(i, i + 1),
            _ => {}
        }
        chars.into_iter().collect()
    }

    #[test]
    fn declared_metadata_becomes_facets() {
        let mut a = crate::article::parse("a", "Talks\nThe envoy spoke.\nBy Jane Doe").unwrap();
        a.meta.authors = vec!["Ann Lee".into(), "Bo Chen".into()];
        a.meta.section = Some("Politics".into());
        a.meta.tags = vec!["talks".into(), "border".into()];
        a.meta.source = Some("Example News".into());
        let b = crate::article::parse("b", "Other\nText here.\nBy Jane Doe").unwrap();
        let f = Facets::build(&[a, b]);
        let of = |doc: usize, kind: FacetKind| -> Vec<&str> {
            let ids = &f.doc_values[doc];
            ids.iter().map(|&i| &f.values[i as usize]).filter(|v| v.kind == kind).map(|v| v.label.as_str()).collect()
        };
        assert_eq!(of(0, FacetKind::Author), ["Ann Lee", "Bo Chen"], "declared co-authors, not the byline");
        assert_eq!(of(1, FacetKind::Author), ["Jane Doe"]);
        assert_eq!(of(0, FacetKind::Section), ["Politics"]);
        assert_eq!(of(0, FacetKind::Tag), ["border", "talks"]);
        assert_eq!(of(0, FacetKind::Source), ["Example News"]);
        assert_eq!((FacetKind::Section.title(), FacetKind::Tag.title()), ("Section", "Tags"));
    }

    #[test]
    fn declared_entities_join_the_facets_found_in_the_text() {
        let texts = [
            "Talks in Geneva\nSergey Lavrov met Ararat Mirzoyan in Geneva on Tuesday.\nBy Ann Lee",
            "More talks\nSergei Lavrov and Ararat Mirzoyan met again, in Geneva.\nBy Bo Chen",
            "A quiet day\nNothing happened in the harbour at all.",
        ];
        let mut articles: Vec<_> =
            texts.iter().enumerate().map(|(i, t)| crate::article::parse(&format!("a{i}"), t).unwrap()).collect();
        let before = Facets::build(&articles);
        let lavrov = before.find(FacetKind::Person, "Sergei Lavrov").expect("the text's Lavrov");
        assert_eq!(before.values[lavrov as usize].aliases, ["Sergey Lavrov"], "{:?}", before.values);
        let to_strings = |names: &[&str]| names.iter().map(|n| n.to_string()).collect::<Vec<_>>();
        // New values, in one article only: they count all the same (and once).
        articles[0].meta.entities.places = to_strings(&["Aaland", "Aaland"]);
        articles[2].meta.entities = crate::article::Entities {
            // Already values: by its label, and by a spelling folded into one.
            people: to_strings(&["Ararat Mirzoyan", "Sergey Lavrov"]),
            places: Vec::new(),
            organisations: to_strings(&["Harbour Trust"]),
        };
        let f = Facets::build(&articles);
        let labels = |f: &Facets, doc: usize| -> Vec<String> {
            let mut l: Vec<String> = f.doc_values[doc]
                .iter()
                .map(|&v| &f.values[v as usize])
                .map(|v| format!("{}:{}", v.kind, v.label))
                .collect();
            l.sort();
            l
        };
        let mut sorted = f.values.clone();
        sorted.sort_by(|a, b| (a.kind, &a.label).cmp(&(b.kind, &b.label)));
        assert_eq!(f.values, sorted, "values stay sorted by kind and label");
        assert_eq!(f.values.len(), before.values.len() + 2, "{:?}", f.values);
        let lavrov = f.find(FacetKind::Person, "Sergei Lavrov").unwrap();
        assert!(f.doc_values[2].contains(&lavrov), "a folded spelling is its value's: {:?}", labels(&f, 2));
        for doc in 0..3 {
            let mut want = labels(&before, doc);
            match doc {
                0 => want.push("place:Aaland".into()),
                2 => want
                    .extend(["person:Ararat Mirzoyan", "person:Sergei Lavrov", "org:Harbour Trust"].map(String::from)),
                _ => {}
            }
            want.sort();
            assert_eq!(labels(&f, doc), want, "article {doc}");
        }
    }

    #[test]
    fn variants_fold() {
        assert!(variants("Sergey Kopyrkin", "Sergei Kopyrkin"));
        assert!(variants("Collective Security Treaty Organisation", "Collective Security Treaty Organization"));
        assert!(!variants("Sergey Kopyrkin", "Sergey Lavrov"));
        assert!(!variants("Nikol Pashinyan", "Ararat Mirzoyan"));
    }
}
