//! Articles → inverted index: a sorted term dictionary, per-term postings with
//! per-field term frequencies (see [`crate::postings`] for their layout), a stem
//! table that maps each stem to the exact terms sharing it, and the articles
//! themselves stored as words ([`crate::text`]), decoded one at a time.
//!
//! Positions within a document (see [`positions_stored`] for where they are kept;
//! all can be read from the article's words):
//! title tokens first, then the byline, then the searchable body, with a gap of
//! one position between fields and pieces so that a phrase never spans two of them.

use std::collections::HashMap;
use std::ops::Range;

use crate::analysis::{declared_language, DeclaredStemmers, Stemmers};
use crate::article::{Article, Date, Meta, Time};
use crate::facets::Facets;
use crate::keyed::{self, Keyed};
use crate::parts::{PartId, PartKind, PartStream, Parts};
use crate::postings::Stream;
use crate::text::{LocalWords, TextBuilder, TextStore, WordSets};
use crate::varint;
use crate::versions::{self, VersionCard};

/// Where in an article a word stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Title,
    Byline,
    Body,
}

/// Per-document token counts, from which field boundaries in position space follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DocLengths {
    pub title: u32,
    pub byline: u32,
    /// Body tokens (boilerplate excluded); used for BM25 length normalisation.
    pub body: u32,
}

impl DocLengths {
    pub fn byline_base(&self) -> u32 {
        self.title + 1
    }
    pub fn body_base(&self) -> u32 {
        self.title + self.byline + 2
    }
    pub fn field_of(&self, position: u32) -> Field {
        if position < self.title {
            Field::Title
        } else if position < self.body_base() {
            Field::Byline
        } else {
            Field::Body
        }
    }
    pub fn total(&self) -> u32 {
        self.title + self.byline + self.body
    }
}

/// What sorting, filtering and the timeline need of every article, kept in
/// memory for all of them: its date. The rest of what describes an article
/// (its [`Card`]) and its title, byline and text ([`Index::article`]) are read
/// from its text part on demand, so the start file does not grow with ids and
/// links (at 1,000,000 articles, ids alone would be megabytes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Doc {
    pub date: Option<Date>,
}

/// An article's id, whether its title was derived, and what an export declared
/// of it (the time on its date, its canonical link): what a row, a link and the
/// reader need beside the text, stored with the article's words.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Card {
    pub id: String,
    pub title_derived: bool,
    pub time: Option<Time>,
    pub url: Option<String>,
    /// Its group of versions, if it has any ([`crate::versions`]).
    pub versions: Option<VersionCard>,
}

/// A time's offset from UTC in minutes is written biased by this (+ 1, 0: none).
const OFFSET_BIAS: i32 = 24 * 60;

impl Card {
    /// As bytes: flags (derived, has time, has link, has versions), the id, then
    /// the time as seconds since midnight and its offset, then the link, then the
    /// versions (the lead, how many others, the others, the one compared with,
    /// how many changed ranges, their edges); all varints and length-prefixed
    /// strings.
    pub fn write(&self, out: &mut Vec<u8>) {
        let flags = u32::from(self.title_derived)
            | u32::from(self.time.is_some()) << 1
            | u32::from(self.url.is_some()) << 2
            | u32::from(self.versions.is_some()) << 3;
        varint::write(out, flags);
        let string = |out: &mut Vec<u8>, s: &str| {
            varint::write(out, s.len() as u32);
            out.extend_from_slice(s.as_bytes());
        };
        string(out, &self.id);
        if let Some(t) = self.time {
            varint::write(out, u32::from(t.hour) * 3600 + u32::from(t.minute) * 60 + u32::from(t.second));
            varint::write(out, t.offset_minutes.map_or(0, |m| (i32::from(m) + 1 + OFFSET_BIAS) as u32));
        }
        if let Some(url) = &self.url {
            string(out, url);
        }
        if let Some(v) = &self.versions {
            let head = [v.lead, v.others.len() as u32];
            let edges = v.changed.iter().flat_map(|r| [r.start, r.end]);
            let middle = [v.compared, v.changed.len() as u32];
            for n in head.into_iter().chain(v.others.iter().copied()).chain(middle).chain(edges) {
                varint::write(out, n);
            }
        }
    }

    /// Reads what [`Card::write`] wrote; `None` for bytes that are not a card
    /// (or none: an article whose part has not arrived).
    pub fn read(bytes: &[u8]) -> Option<Card> {
        let mut r = varint::Cursor::new(bytes, 0);
        let flags = r.next()?;
        let string = |r: &mut varint::Cursor| -> Option<String> {
            let n = r.next()? as usize;
            std::str::from_utf8(r.take(n)?).ok().map(str::to_string)
        };
        let id = string(&mut r)?;
        let time = if flags & 2 != 0 {
            let secs = r.next()?;
            let offset = match r.next()? {
                0 => None,
                m => Some(i16::try_from(m as i32 - 1 - OFFSET_BIAS).ok()?),
            };
            if secs >= 24 * 3600 {
                return None;
            }
            Some(Time {
                hour: (secs / 3600) as u8,
                minute: (secs / 60 % 60) as u8,
                second: (secs % 60) as u8,
                offset_minutes: offset,
            })
        } else {
            None
        };
        let url = if flags & 4 != 0 { Some(string(&mut r)?) } else { None };
        // The versions: every number left (see `write`).
        let versions = if flags & 8 != 0 {
            let mut v = Vec::new();
            while r.at < bytes.len() {
                v.push(r.next()?);
            }
            let n = *v.get(1)? as usize;
            let others = v.get(2..2 + n)?.to_vec();
            let edges = v.get(4 + n..)?;
            if edges.len() != 2 * *v.get(3 + n)? as usize {
                return None;
            }
            let changed = edges.chunks_exact(2).map(|e| e[0]..e[1]).collect();
            Some(VersionCard { lead: v[0], others, compared: v[2 + n], changed })
        } else {
            None
        };
        (r.at == bytes.len()).then_some(Card { id, title_derived: flags & 1 != 0, time, url, versions })
    }
}

/// The searchable corpus: articles, dictionary, postings and stems.
#[derive(Debug, Clone, PartialEq)]
pub struct Index {
    pub docs: Vec<Doc>,
    pub texts: TextStore,
    /// Per article its [`Card`]'s bytes (parted: in the text parts).
    pub cards: Stream,
    /// Each article's id → its number (a varint): links to an article. Parted,
    /// the start file keeps each part's first id ([`Keyed`]).
    pub ids: Keyed,
    /// Words in all articles together (titles, bylines and bodies): BM25's
    /// average length. Each article's own length travels in its postings
    /// ([`Posting::norm`]).
    pub total_len: u64,
    /// How many articles have versions ([`crate::versions`]): none, and a search
    /// reads no card to fold them.
    pub grouped: u32,
    /// Sorted, unique folded terms.
    pub terms: Vec<String>,
    pub doc_freq: Vec<u32>,
    /// Term `t`'s posting list is the `t`-th of the store.
    pub postings: PostingStore,
    /// Each stem and the ids of the terms that share it ([`keyed::write_ids`]).
    pub stems: Keyed,
    /// Authors, sources, dates and named entities, per article.
    pub facets: Facets,
}

/// One term's postings while building, as varints: per posting the gap from the
/// previous document (the first: its number), the term frequency per field (title,
/// byline, body) and, unless dropped, its positions (as many as the frequencies
/// add up to) as gaps from the previous one (the first: from 0).
#[derive(Debug, Default)]
struct TermPostings {
    bytes: Vec<u8>,
    df: u32,
    last_doc: u32,
    /// Set once the term is in more than half of the articles, after which its
    /// positions are never stored ([`positions_stored`]).
    no_positions: bool,
}

impl TermPostings {
    /// Adds document `doc` (greater than any before) of `docs` articles, with its
    /// positions of the term in increasing order.
    fn add(&mut self, doc: u32, tf: [u32; 3], positions: impl Iterator<Item = u32>, docs: usize) {
        varint::write(&mut self.bytes, doc - self.last_doc);
        for f in tf {
            varint::write(&mut self.bytes, f);
        }
        if !self.no_positions {
            let mut last = 0;
            for q in positions {
                debug_assert!(q >= last, "positions arrive in order");
                varint::write(&mut self.bytes, q - last);
                last = q;
            }
        }
        self.last_doc = doc;
        self.df += 1;
        if !self.no_positions && self.df as usize * 2 > docs {
            // From now on the term is in more than half of the articles.
            let entries = self.entries(false, &[]);
            self.bytes.clear();
            self.no_positions = true;
            let mut prev = 0;
            for (p, _) in entries {
                varint::write(&mut self.bytes, p.doc - prev);
                for f in [p.title_tf, p.byline_tf, p.body_tf] {
                    varint::write(&mut self.bytes, f);
                }
                prev = p.doc;
            }
        }
    }

    /// The postings, with their positions if `positions` (else none), and
    /// each document's norm code from `norms` (0 where it has none).
    fn entries(&self, positions: bool, norms: &[u8]) -> Vec<(Posting, Vec<u32>)> {
        debug_assert!(!(positions && self.no_positions));
        let mut c = varint::Cursor::new(&self.bytes, 0);
        let mut next = || c.next().expect("a term's postings decode");
        let mut out = Vec::with_capacity(self.df as usize);
        let mut doc = 0;
        for _ in 0..self.df {
            doc += next();
            let (title_tf, byline_tf, body_tf) = (next(), next(), next());
            let mut list = Vec::new();
            if !self.no_positions {
                let mut q = 0;
                for _ in 0..title_tf + byline_tf + body_tf {
                    q += next();
                    if positions {
                        list.push(q);
                    }
                }
            }
            let norm = norms.get(doc as usize).copied().unwrap_or(0);
            out.push((Posting { doc, title_tf, byline_tf, body_tf, norm }, list));
        }
        out
    }
}

pub use crate::postings::{Cursor, Posting, PostingStore};

/// Where `stem` would stand in the sorted dictionary `terms`: the base a stem's
/// term ids are written from ([`keyed::write_ids`]).
pub(crate) fn stem_base(terms: &[String], stem: &str) -> u32 {
    terms.partition_point(|t| t.as_str() < stem) as u32
}

/// Whether the postings of a term found in `df` of `docs` articles keep positions:
/// only terms in more than 1 % and at most half of the articles.
///
/// Any article's positions can be read from its words ([`Index::positions`]), at
/// the cost of reading the whole article, so a phrase has to read them for every
/// article holding all its words. For a phrase with a rarer word that is at most
/// 1 % of the corpus; for phrases of common words it would be most of it, so their
/// positions are stored. Words in more than half of the articles (`the`, `of`) are
/// a third of all positions: a phrase with one reads it from the articles where
/// its other words already stand in place.
pub fn positions_stored(df: u32, docs: usize) -> bool {
    let df = df as usize;
    df * 100 > docs && df * 2 <= docs
}

impl Index {
    /// Number of articles.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// The part tables of an archive that arrives in parts (text, postings,
    /// stems, ids, facets); none for a whole one.
    pub fn part_tables(&self) -> Vec<&Parts> {
        [&self.texts.words.parted, &self.postings.docs.parted, &self.stems.keys.parted, &self.ids.keys.parted]
            .into_iter()
            .flatten()
            .map(|(p, _)| &**p)
            .chain(self.facets.parts())
            .collect()
    }

    /// The parts read while missing since the last call ([`crate::parts`]): what
    /// an answer computed meanwhile lacked.
    pub fn take_misses(&self) -> Vec<PartId> {
        self.part_tables().iter().flat_map(|p| p.take_misses()).collect()
    }

    /// Whether an answer computed since the last [`Index::take_misses`] lacked a
    /// part (and is therefore provisional).
    pub fn has_misses(&self) -> bool {
        self.part_tables().iter().any(|p| p.has_misses())
    }

    /// Forgets misses recorded so far (before computing an answer afresh).
    pub fn clear_misses(&self) {
        self.take_misses();
    }

    /// Part `id`'s file name, relative to the start file's folder.
    pub fn part_name(&self, id: PartId) -> Option<&str> {
        let table = self.part_tables().into_iter().find(|p| p.kind == id.kind)?;
        table.names.get(id.number as usize).map(String::as_str)
    }

    /// Parts arrived and parts in all (0 of 0 for a whole archive).
    pub fn parts_loaded(&self) -> (usize, usize) {
        self.part_tables().iter().fold((0, 0), |(l, n), p| (l + p.loaded_count(), n + p.len()))
    }

    /// Keeps a part that has arrived (decoded by [`crate::codec::decode_part`]),
    /// after checking its streams against the start file's offsets.
    pub fn insert_part(&self, id: PartId, streams: Vec<PartStream>) -> Result<(), &'static str> {
        let tables = self.part_tables();
        let parts = tables.into_iter().find(|p| p.kind == id.kind).ok_or("a part for an archive that has none")?;
        let own_words = match (id.kind, streams.get(2)) {
            (PartKind::Text, Some(adds)) => Some(LocalWords::read(
                adds.at.windows(2).map(|w| adds.bytes.get(w[0] as usize..w[1] as usize).unwrap_or(&[])),
                &self.terms,
            )?),
            _ => None,
        };
        parts.insert(id.number, streams)?;
        if let Some(words) = own_words {
            self.texts.set_local(id.number as usize, words);
        }
        Ok(())
    }

    /// Reads article `doc`'s words, which records a miss if its part has not arrived.
    pub fn touch_text(&self, doc: u32) {
        std::hint::black_box(self.texts.words.get(doc as usize));
    }

    /// Title and byline of article `doc`, decoded from its words.
    pub fn title_and_byline(&self, doc: u32) -> (String, Option<String>) {
        self.texts.title_and_byline(doc)
    }

    /// Article `doc` with its text, decoded from its words.
    pub fn article(&self, doc: u32) -> Article {
        let d = &self.docs[doc as usize];
        let card = self.card(doc).unwrap_or_default();
        let body = self.texts.article(doc);
        Article {
            id: card.id,
            title: body.title,
            title_derived: card.title_derived,
            date: d.date,
            byline: body.byline,
            text: body.text,
            paragraphs: body.paragraphs,
            boilerplate: body.boilerplate,
            // Section, tags and source are facet values of the article ([`Index::facets`]).
            meta: Meta { time: card.time, url: card.url, ..Meta::default() },
        }
    }

    /// Article `doc`'s card; `None` while its text part has not arrived
    /// (recorded as a miss).
    pub fn card(&self, doc: u32) -> Option<Card> {
        Card::read(self.cards.get(doc as usize))
    }

    /// Article `doc`'s versions: every article of its group, ascending, itself
    /// included; empty when it has none (or while the text parts of it and of
    /// its group's lead are on their way: recorded as misses).
    pub fn versions(&self, doc: u32) -> Vec<u32> {
        if self.grouped == 0 {
            return Vec::new();
        }
        let Some(lead) = self.card(doc).and_then(|c| c.versions).map(|v| v.lead) else { return Vec::new() };
        let mut all = self.card(lead).and_then(|c| c.versions).map(|v| v.others).unwrap_or_default();
        all.insert(all.partition_point(|&d| d < lead), lead);
        all
    }

    /// Article `doc`'s id (empty while its text part has not arrived).
    pub fn id(&self, doc: u32) -> String {
        self.card(doc).map(|c| c.id).unwrap_or_default()
    }

    /// The document number of the article with id `id`; `None` if there is
    /// none, or (parted) while the part of the id table that would hold it
    /// has not arrived (recorded as a miss).
    pub fn find(&self, id: &str) -> Option<u32> {
        let doc = varint::read(self.ids.find(id)?)?.0;
        (doc < self.docs.len() as u32).then_some(doc)
    }

    /// Which words stand for which of `groups` of term ids; see [`Index::positions`].
    pub fn word_sets(&self, groups: &[&[u32]]) -> WordSets {
        self.texts.word_sets(groups)
    }

    /// Sorted positions in `doc` of each group's terms, read from its words.
    pub fn positions(&self, doc: u32, sets: &WordSets) -> Vec<Vec<u32>> {
        self.texts.positions(doc, sets)
    }

    pub fn term_id(&self, term: &str) -> Option<u32> {
        self.terms.binary_search_by(|t| t.as_str().cmp(term)).ok().map(|i| i as u32)
    }

    /// A cursor over term `term`'s postings, in document order.
    pub fn postings(&self, term: u32) -> Cursor<'_> {
        self.postings.cursor(term, self.doc_freq[term as usize]).within(self.docs.len() as u32)
    }

    /// Ids of the terms that start with `prefix`, in dictionary order.
    pub fn prefix_range(&self, prefix: &str) -> Range<u32> {
        let start = self.terms.partition_point(|t| t.as_str() < prefix);
        let len = self.terms[start..].partition_point(|t| t.starts_with(prefix));
        start as u32..(start + len) as u32
    }

    /// Ids of the terms whose stem is `stem` (none while its part of the stem
    /// table has not arrived: a miss).
    pub fn terms_with_stem(&self, stem: &str) -> Vec<u32> {
        let base = stem_base(&self.terms, stem);
        self.stems.find(stem).map_or_else(Vec::new, |ids| keyed::read_ids(ids, base, self.terms.len() as u32))
    }

    /// Where `doc`'s byline and body start in position space, read from its
    /// words (title and byline lengths; the body's is not needed for that).
    pub fn fields(&self, doc: u32) -> Option<DocLengths> {
        let (title, byline) = self.texts.heading_lengths(doc)?;
        Some(DocLengths { title, byline, body: 0 })
    }

    pub fn avg_len(&self) -> f32 {
        if self.docs.is_empty() {
            return 1.0;
        }
        (self.total_len as f32 / self.docs.len() as f32).max(1.0)
    }

    /// Builds the index. Articles keep their order; the document number is the position.
    pub fn build(articles: Vec<Article>) -> Index {
        let facets = Facets::build(&articles);
        // Each article is tokenized once: for these postings and for its stored words.
        let text = TextBuilder::new(&articles);
        // Terms get provisional ids in order of appearance; each has one compact
        // buffer of postings, documents arriving in increasing order.
        let mut term_ids: HashMap<&str, u32> = HashMap::new();
        let mut names: Vec<&str> = Vec::new();
        let mut lists: Vec<TermPostings> = Vec::new();
        // Per article its length's norm code, for its postings.
        let mut norms = Vec::with_capacity(articles.len());
        let mut total_len = 0u64;
        // Per term, the languages of the articles that use it: bit 0 for none
        // declared (stemmed by script), bit 1 + i for `DECLARED[i]`.
        let mut languages: Vec<u32> = Vec::new();
        // One article's words: (provisional term id, position, field).
        let mut words: Vec<(u32, u32, u8)> = Vec::new();
        // Per term its hash, and per article the signature of its body's shingles:
        // what finds its versions.
        let mut hashes: Vec<u64> = Vec::new();
        let mut body_words: Vec<u64> = Vec::new();
        let mut signatures = Vec::with_capacity(articles.len());
        for doc in 0..articles.len() {
            words.clear();
            body_words.clear();
            let language = articles[doc].meta.language.as_deref().and_then(declared_language).map_or(1, |i| 2 << i);
            let [title, byline, body] = text.indexed(doc, |field, position, term| {
                let id = *term_ids.entry(term).or_insert_with(|| {
                    names.push(term);
                    lists.push(TermPostings::default());
                    languages.push(0);
                    hashes.push(versions::term_hash(term));
                    names.len() as u32 - 1
                });
                languages[id as usize] |= language;
                words.push((id, position, field as u8));
                if field == Field::Body as usize {
                    body_words.push(hashes[id as usize]);
                }
            });
            signatures.push(versions::signature(&body_words));
            let len = DocLengths { title, byline, body }.total();
            norms.push(crate::postings::norm::encode(len));
            total_len += u64::from(len);
            words.sort_unstable();
            for run in words.chunk_by(|a, b| a.0 == b.0) {
                let mut tf = [0u32; 3];
                for &(_, _, field) in run {
                    tf[field as usize] += 1;
                }
                lists[run[0].0 as usize].add(doc as u32, tf, run.iter().map(|w| w.1), articles.len());
            }
        }
        drop(term_ids);
        let mut order: Vec<u32> = (0..names.len() as u32).collect();
        order.sort_unstable_by_key(|&id| names[id as usize]);
        let terms: Vec<String> = order.iter().map(|&id| names[id as usize].to_string()).collect();
        drop(names);
        let mut doc_freq = Vec::with_capacity(terms.len());
        let mut postings = PostingStore::default();
        for &id in &order {
            let list = std::mem::take(&mut lists[id as usize]);
            doc_freq.push(list.df);
            postings.push(&list.entries(positions_stored(list.df, articles.len()), &norms));
        }
        drop(lists);
        let languages: Vec<u32> = order.iter().map(|&id| languages[id as usize]).collect();
        let stems = stem_table(&terms, &languages);

        let texts = text.finish(|t| terms.binary_search_by(|x| x.as_str().cmp(t)).ok().map(|i| i as u32));
        let groups = versions::groups(&signatures);
        drop(signatures);
        let grouped = groups.iter().map(Vec::len).sum::<usize>() as u32;
        let mut version_cards = versions::cards(&articles, &groups).into_iter().peekable();
        let mut cards = Stream::default();
        let mut ids: Vec<(String, u32)> = Vec::with_capacity(articles.len());
        let docs = articles
            .into_iter()
            .enumerate()
            .map(|(doc, a)| {
                let versions = version_cards.next_if(|(d, _)| *d == doc as u32).map(|(_, v)| v);
                let card =
                    Card { id: a.id, title_derived: a.title_derived, time: a.meta.time, url: a.meta.url, versions };
                card.write(&mut cards.bytes);
                cards.close();
                ids.push((card.id, doc as u32));
                Doc { date: a.date }
            })
            .collect();
        ids.sort_unstable();
        ids.dedup_by(|b, a| a.0 == b.0);
        let ids = Keyed::from_sorted(ids.into_iter().map(|(id, doc)| {
            let mut v = Vec::new();
            varint::write(&mut v, doc);
            (id, v)
        }));
        Index { docs, texts, cards, ids, total_len, grouped, terms, doc_freq, postings, stems, facets }
    }
}

/// The stem table of the sorted dictionary `terms`, whose term `id` is used
/// by articles of the languages `languages[id]` (bits, as `Index::build` sets
/// them): each stem and the ids of the terms that share it.
///
/// A term of an article that declares no language (or one without a stemmer)
/// is stemmed by its script, as the query side stems a query word
/// ([`Stemmers`]), and filed under that stem. A term of an article in a
/// declared language is grouped with its forms by that language's stemmer
/// ([`DeclaredStemmers`]: German `hauser`, `hauses` and `haus` under `haus`),
/// and the whole group is filed under that stem *and* under the script's stem
/// of each of its forms: a query word that is one of the forms, or the
/// language's stem itself, finds every form with no German stemmer in the app.
fn stem_table(terms: &[String], languages: &[u32]) -> Keyed {
    let by_script = Stemmers::default();
    let declared = DeclaredStemmers::default();
    // (language + 1, or 0 for by script; stem) → terms.
    let mut groups: HashMap<(usize, String), Vec<u32>> = HashMap::new();
    for (id, term) in terms.iter().enumerate() {
        let mut bits = languages[id];
        while bits != 0 {
            let bit = bits.trailing_zeros() as usize;
            bits &= bits - 1;
            let stemmed = bit.checked_sub(1).and_then(|language| Some((bit, declared.stem(language, term)?)));
            let key = stemmed.unwrap_or_else(|| (0, by_script.stem(term)));
            let ids = groups.entry(key).or_default();
            if ids.last() != Some(&(id as u32)) {
                ids.push(id as u32);
            }
        }
    }
    let mut filed: HashMap<String, Vec<u32>> = HashMap::new();
    for ((language, stem), ids) in groups {
        if language != 0 {
            let mut under: Vec<String> = ids.iter().map(|&id| by_script.stem(&terms[id as usize])).collect();
            under.sort_unstable();
            under.dedup();
            for key in under.into_iter().filter(|key| *key != stem) {
                filed.entry(key).or_default().extend(&ids);
            }
        }
        filed.entry(stem).or_default().extend(ids);
    }
    let mut stems: Vec<(String, Vec<u32>)> = filed
        .into_iter()
        .map(|(stem, mut ids)| {
            ids.sort_unstable();
            ids.dedup();
            (stem, ids)
        })
        .collect();
    stems.sort_unstable();
    Keyed::from_sorted(stems.into_iter().map(|(stem, ids)| {
        let value = keyed::write_ids(&ids, stem_base(terms, &stem));
        (stem, value)
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::parse;

    fn index(texts: &[&str]) -> Index {
        let articles = texts.iter().enumerate().map(|(i, t)| parse(&format!("d{i}"), t).unwrap()).collect();
        Index::build(articles)
    }

    #[test]
    fn postings_carry_fields_and_positions() {
        let ix = index(&["Peace talks\nThe peace treaty. Peace now.", "Other news\nNo match here."]);
        let id = ix.term_id("peace").unwrap();
        let mut list = ix.postings(id);
        let p = list.next().unwrap();
        assert_eq!((p.doc, p.title_tf, p.byline_tf, p.body_tf), (0, 1, 0, 2));
        let len = ix.fields(0).unwrap();
        assert_eq!(p.doc_len(), 7, "the title's two words, the body's five");
        let positions = ix.positions(0, &ix.word_sets(&[&[id]])).remove(0);
        let fields: Vec<Field> = positions.iter().map(|&q| len.field_of(q)).collect();
        assert_eq!(list.next(), None);
        assert_eq!(fields, [Field::Title, Field::Body, Field::Body]);
        assert_eq!(ix.doc_freq[id as usize], 1);
    }

    #[test]
    fn a_fields_phrase_counts_only_where_that_field_holds_it() {
        let ix = index(&[
            "Peace treaty signed\nThe body repeats: peace treaty.\nBy Ann Lee",
            "Other news\nA peace treaty in the body only.\nBy Peace Treaty",
            "Third\nNothing here.",
        ]);
        let docs = |q: &str| {
            let mut d: Vec<u32> = crate::search(&ix, q, crate::Sort::Relevance).hits.iter().map(|h| h.doc).collect();
            d.sort();
            d
        };
        assert_eq!(docs("title:\"peace treaty\""), [0]);
        assert_eq!(docs("byline:\"peace treaty\""), [1]);
        assert_eq!(docs("\"peace treaty\""), [0, 1]);
        assert_eq!(ix.fields(0).map(|f| (f.title, f.byline)), Some((3, 2)));
        assert_eq!(ix.fields(2).map(|f| (f.title, f.byline)), Some((1, 0)));
    }

    #[test]
    fn cards_round_trip_and_refuse_what_is_not_one() {
        let t = |hour, minute, second, offset_minutes| Some(Time { hour, minute, second, offset_minutes });
        let cards = [
            Card::default(),
            Card { id: "a".into(), title_derived: true, ..Card::default() },
            Card { id: "2023/12/22-мир".into(), time: t(23, 59, 59, Some(-570)), ..Card::default() },
            Card {
                id: "x".into(),
                time: t(0, 0, 0, None),
                url: Some("https://e.com/a?b=1".into()),
                title_derived: true,
                versions: None,
            },
            Card { id: String::new(), url: Some(String::new()), ..Card::default() },
            Card {
                id: "lead".into(),
                versions: Some(VersionCard { lead: 7, others: vec![0, 300, 70_000], compared: 300, changed: vec![] }),
                ..Card::default()
            },
            Card {
                id: "copy".into(),
                url: Some("https://e.com/".into()),
                versions: Some(VersionCard {
                    lead: 7,
                    others: vec![],
                    compared: 7,
                    changed: vec![0..4, 4..9, 200..201],
                }),
                ..Card::default()
            },
        ];
        for card in cards {
            let mut bytes = Vec::new();
            card.write(&mut bytes);
            assert_eq!(Card::read(&bytes), Some(card.clone()), "{card:?}");
            // Cut short, or with a byte too many: not a card, never a panic.
            for cut in 0..bytes.len() {
                assert_eq!(Card::read(&bytes[..cut]), None, "{card:?} cut at {cut}");
            }
            bytes.push(0);
            assert_eq!(Card::read(&bytes), None);
        }
        // A time of day past midnight, an offset out of range, a bad UTF-8 id.
        assert_eq!(Card::read(&[2, 1, b'a', 0x80, 0xA3, 0x05, 0]), None, "86,400 seconds");
        assert_eq!(Card::read(&[2, 1, b'a', 0, 0xFF, 0xFF, 0x03]), None, "an offset of 45 days");
        assert_eq!(Card::read(&[0, 1, 0xFF]), None);
    }

    #[test]
    fn articles_come_back_from_their_words() {
        let texts = [
            "Peace talks\nDec 22 2023\nThe “peace” treaty.\n\nBecome a memberOn Thursday, more.\nBy Ann Lee",
            "Other news\nNo match here.",
        ];
        let originals: Vec<Article> =
            texts.iter().enumerate().map(|(i, t)| parse(&format!("d{i}"), t).unwrap()).collect();
        let ix = Index::build(originals.clone());
        for (d, a) in originals.iter().enumerate() {
            assert_eq!(&ix.article(d as u32), a);
            assert_eq!(ix.find(&a.id), Some(d as u32));
        }
        assert_eq!(ix.find("missing"), None);
    }

    #[test]
    fn term_postings_keep_positions_until_in_more_than_half_the_articles() {
        let mut t = TermPostings::default();
        t.add(3, [1, 0, 2], [0, 7, 300].into_iter(), 10);
        t.add(200, [0, 1, 0], [5].into_iter(), 10);
        // Norm codes by document; a document past the table gets 0.
        let mut norms = vec![0u8; 201];
        (norms[3], norms[200]) = (17, 90);
        let p = |doc, title_tf, byline_tf, body_tf| Posting {
            doc,
            title_tf,
            byline_tf,
            body_tf,
            norm: norms.get(doc as usize).copied().unwrap_or(0),
        };
        assert_eq!(t.entries(true, &norms), [(p(3, 1, 0, 2), vec![0, 7, 300]), (p(200, 0, 1, 0), vec![5])]);
        assert_eq!(t.entries(false, &norms), [(p(3, 1, 0, 2), vec![]), (p(200, 0, 1, 0), vec![])]);
        for doc in 201..204 {
            t.add(doc, [0, 0, 1], [9].into_iter(), 10);
        }
        assert!(!t.no_positions, "5 of 10: half");
        t.add(204, [0, 0, 1], [9].into_iter(), 10);
        assert!(t.no_positions, "6 of 10");
        let docs: Vec<u32> =
            t.entries(false, &norms).iter().map(|(p, q)| if q.is_empty() { p.doc } else { 0 }).collect();
        assert_eq!(docs, [3, 200, 201, 202, 203, 204]);
        assert_eq!(t.entries(false, &norms)[0].0, p(3, 1, 0, 2));
    }

    #[test]
    fn positions_are_stored_for_terms_in_one_to_fifty_percent_of_articles() {
        assert!(!positions_stored(100, 10_000), "1 % exactly: read from the words");
        assert!(positions_stored(101, 10_000));
        assert!(positions_stored(5_000, 10_000));
        assert!(!positions_stored(5_001, 10_000), "more than half: read from the words");
        assert!(positions_stored(1, 5) && !positions_stored(3, 5), "small corpora keep the rarer half");
    }

    #[test]
    fn dictionary_is_sorted_and_prefix_ranges_work() {
        let ix = index(&["Headline here\nkopyrkin kopyr koala apple"]);
        assert!(ix.terms.windows(2).all(|w| w[0] < w[1]));
        let r = ix.prefix_range("kop");
        let found: Vec<&str> = r.map(|i| ix.terms[i as usize].as_str()).collect();
        assert_eq!(found, ["kopyr", "kopyrkin"]);
        assert!(ix.prefix_range("zzz").is_empty());
    }

    #[test]
    fn stems_group_exact_terms() {
        let ix = index(&["Obligations\nHis obligation, their obligations, obliged."]);
        let ids = ix.terms_with_stem("oblig");
        let words: Vec<&str> = ids.iter().map(|&i| ix.terms[i as usize].as_str()).collect();
        assert_eq!(words, ["obligation", "obligations", "obliged"]);
    }
}
