//! Article text stored as words, decoded one article at a time.
//!
//! The corpus's distinct words — a spelling exactly as written plus the term the
//! analyzer makes of it — are numbered most frequent first, and so are the
//! separators between words (`" "`, `", "`, `"\n\n"` …). An article is then a
//! stream of small numbers: the title's words, the byline's, and the body cut into
//! intervals at the edges of its searchable pieces (see [`Article::searchable`]),
//! each tokenized alone exactly as the index tokenizes it. Words and separators go
//! in two streams, so that finding positions reads only the words (and gzip sees
//! like next to like):
//!
//! ```text
//! words  head: body intervals << 1 | has byline
//!        title: n, n words; byline: n, n words; per body interval: n << 1 | searchable, n words
//! seps   per title, byline and interval: the separator before its first word, then one after each word;
//!        paragraphs: n, (start − previous end, length) each; boilerplate: the same
//! ```
//!
//! A separator value `2·g` is separator `g`; `2·k + 1` says the next word overlaps
//! the text written so far by `k` bytes (CJK bigrams share a character, a folded
//! compatibility form can give two terms of one spelling).
//!
//! Two things follow. The text compresses as well as a word-based compressor does
//! (at 50,000 synthetic articles the streams gzip to 0.65 of the gzipped text), and
//! word positions need no storage of their own: [`TextStore::positions`] walks an
//! article's words, numbering them as the index does (title from 0, byline after
//! a gap of one, body after another, one more between searchable pieces).
//!
//! In the parted layout (the hosted build, [`crate::parts`]) the start file keeps
//! only the [`GLOBAL_WORDS`] most used words; each text part carries a table of
//! the other words its articles use ([`LocalWords`]), numbered on from there, so
//! that the start file does not grow with the corpus's vocabulary.
//!
//! Reading never panics on malformed bytes: what cannot be decoded is left out.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

use crate::analysis::tokenize;
use crate::article::Article;
use crate::postings::Stream;
use crate::varint;

/// `word_term` of a word that no index term stands for (one seen only in boilerplate).
pub const NO_TERM: u32 = u32::MAX;

/// Where a word of [`TextStore::terms`] stands (its two low bits).
pub const IN_BODY: u32 = 0;
pub const IN_TITLE: u32 = 1;
pub const IN_BYLINE: u32 = 2;

/// In the parted layout, how many words the start file keeps: the most used
/// (four in five of the words of English text). On 10,000 articles of real
/// text, 2,048 words take 5 KB gzip of the start file (the whole vocabulary took
/// 73 KB), and a text part grows by 0.4 KB gzip on average for carrying the
/// others (128 words: 1.5 KB and 0.8 KB; 4,096: 8 KB and 0.3 KB).
pub const GLOBAL_WORDS: usize = 2048;

/// Every article's words and separators.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TextStore {
    /// The words' spellings, concatenated; word `w` is `spellings[spelling_at[w]..spelling_at[w + 1]]`.
    pub spellings: String,
    pub spelling_at: Vec<u32>,
    /// Per word, the id of its index term, or [`NO_TERM`].
    pub word_term: Vec<u32>,
    /// Separators, most frequent first.
    pub glues: Vec<String>,
    /// Per article, its words and its separators (see the module docs).
    pub words: Stream,
    pub seps: Stream,
    /// Parted: per text part, once it has arrived, its own words; word
    /// `word_term.len() + i` of its articles is its word `i`.
    pub(crate) local: Vec<OnceLock<LocalWords>>,
    /// Derived: the words of term `t` are `term_words[term_words_at[t]..term_words_at[t + 1]]`.
    term_words_at: Vec<u32>,
    term_words: Vec<u32>,
}

/// One article, decoded.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Decoded {
    pub title: String,
    pub byline: Option<String>,
    pub text: String,
    pub paragraphs: Vec<Range<usize>>,
    pub boilerplate: Vec<Range<usize>>,
}

/// A text part's own words (the parted layout): spellings and terms, as
/// [`TextStore`] keeps the start file's.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LocalWords {
    spellings: String,
    at: Vec<u32>,
    terms: Vec<u32>,
}

impl LocalWords {
    /// Reads a part's own words from what each of its articles adds (the third
    /// stream of a text part, written by [`TextStore::localize`]): per word, its
    /// term + 1 (0: none) as the difference from the word before within the
    /// article, then its spelling, written empty when it is its term's text
    /// (taken from `terms`).
    pub fn read<'a>(adds: impl IntoIterator<Item = &'a [u8]>, terms: &[String]) -> Result<LocalWords, &'static str> {
        let mut out = LocalWords { at: vec![0], ..LocalWords::default() };
        for item in adds {
            let mut c = varint::Cursor::new(item, 0);
            let mut prev = 0u32;
            while c.at < item.len() {
                let bad = "a text part's own words are malformed";
                prev = prev.checked_add(c.next().ok_or(bad)?).ok_or(bad)?;
                let len = c.next().ok_or(bad)? as usize;
                let spelling = std::str::from_utf8(c.take(len).ok_or(bad)?).map_err(|_| bad)?;
                let term = prev.wrapping_sub(1);
                match (spelling.is_empty(), terms.get(term as usize)) {
                    (_, None) if term != NO_TERM => return Err("a word names a missing term"),
                    (true, None) => return Err("a word with no spelling"),
                    (true, Some(text)) => out.spellings.push_str(text),
                    (false, _) => out.spellings.push_str(spelling),
                }
                out.at.push(u32::try_from(out.spellings.len()).map_err(|_| "words too long")?);
                out.terms.push(term);
            }
        }
        Ok(out)
    }
}

/// Which words belong to which of a query's groups: bit `g` of word `w`'s mask
/// says its term is one of group `g`'s. Built once per query, used per article.
#[derive(Debug, Clone)]
pub struct WordSets {
    groups: usize,
    /// `u64`s per word.
    stride: usize,
    /// Only words up to the largest member are covered; later ones are in no group.
    masks: Vec<u64>,
    /// For a text part's own words: (term, group) of every group member, sorted.
    by_term: Vec<(u32, u32)>,
}

impl WordSets {
    fn mask(&self, word: u32) -> Option<&[u64]> {
        let at = word as usize * self.stride;
        self.masks.get(at..at + self.stride)
    }

    /// The (term, group) pairs of `term`.
    fn of_term(&self, term: u32) -> &[(u32, u32)] {
        let lo = self.by_term.partition_point(|&(t, _)| t < term);
        let hi = self.by_term.partition_point(|&(t, _)| t <= term);
        &self.by_term[lo..hi]
    }
}

/// An article being read: its head, cursors on its words and separators, and
/// its part's own words (parted).
struct Open<'a> {
    head: u32,
    words: varint::Cursor<'a>,
    seps: varint::Cursor<'a>,
    local: Option<&'a LocalWords>,
}

/// A tokenized stretch of text while building: the separator before its first
/// word, then per word (word id, separator after it), ids provisional.
struct Draft {
    lead: u32,
    words: Vec<(u32, u32)>,
}

/// Interns words and separators while building, counting uses.
#[derive(Default)]
struct Interner<'a> {
    /// spelling → (term, provisional id) for each term that spelling gave.
    words: HashMap<&'a str, Vec<(String, u32)>>,
    word_list: Vec<(&'a str, String)>,
    word_count: Vec<u32>,
    glues: HashMap<String, u32>,
    glue_list: Vec<String>,
    glue_count: Vec<u32>,
}

impl<'a> Interner<'a> {
    fn word(&mut self, spelling: &'a str, term: String) -> u32 {
        let entry = self.words.entry(spelling).or_default();
        let id = match entry.iter().find(|(t, _)| *t == term) {
            Some(&(_, id)) => id,
            None => {
                let id = self.word_list.len() as u32;
                entry.push((term.clone(), id));
                self.word_list.push((spelling, term));
                self.word_count.push(0);
                id
            }
        };
        self.word_count[id as usize] += 1;
        id
    }

    /// A separator value (see the module docs): `2·g`, or `2·k + 1` for an overlap of `k` bytes.
    fn glue(&mut self, text: &str) -> u32 {
        let id = match self.glues.get(text) {
            Some(&id) => id,
            None => {
                let id = self.glue_list.len() as u32;
                self.glues.insert(text.to_string(), id);
                self.glue_list.push(text.to_string());
                self.glue_count.push(0);
                id
            }
        };
        self.glue_count[id as usize] += 1;
        id << 1
    }

    /// Tokenizes `range` of `text` on its own, as the index does.
    fn draft(&mut self, text: &'a str, range: Range<usize>) -> Draft {
        let piece = &text[range.clone()];
        let tokens = tokenize(piece);
        let mut written = 0;
        let mut gaps = Vec::with_capacity(tokens.len() + 1);
        let mut words = Vec::with_capacity(tokens.len());
        for t in tokens {
            let gap = if t.span.start >= written {
                self.glue(&piece[written..t.span.start])
            } else {
                ((written - t.span.start) as u32) << 1 | 1
            };
            gaps.push(gap);
            words.push(self.word(&piece[t.span.clone()], t.term));
            written = written.max(t.span.end);
        }
        gaps.push(self.glue(&piece[written..]));
        let lead = gaps[0];
        Draft { lead, words: words.into_iter().zip(gaps.into_iter().skip(1)).collect() }
    }

    /// New ids, most used first (ties by content, so builds are reproducible).
    fn ranks<T: Ord>(count: &[u32], key: impl Fn(usize) -> T) -> Vec<u32> {
        let mut order: Vec<usize> = (0..count.len()).collect();
        order.sort_by(|&a, &b| count[b].cmp(&count[a]).then_with(|| key(a).cmp(&key(b))));
        let mut rank = vec![0u32; count.len()];
        for (r, &i) in order.iter().enumerate() {
            rank[i] = r as u32;
        }
        rank
    }
}

/// Bytes [`varint::write`] takes for `v`.
fn varint_len(v: u32) -> u32 {
    (32 - v.leading_zeros()).max(1).div_ceil(7)
}

/// One article's drafts: title, byline, and body intervals with their searchable flag.
struct DocDraft {
    title: Draft,
    byline: Option<Draft>,
    body: Vec<(Draft, bool)>,
}

/// The body cut at the edges of its searchable pieces: `(range, searchable)`, covering the text.
fn intervals(article: &Article) -> Vec<(Range<usize>, bool)> {
    let mut out = Vec::new();
    let mut at = 0;
    for piece in article.searchable() {
        if piece.start > at {
            out.push((at..piece.start, false));
        }
        at = piece.end;
        out.push((piece, true));
    }
    if at < article.text.len() {
        out.push((at..article.text.len(), false));
    }
    out
}

fn write_ranges(out: &mut Vec<u8>, ranges: &[Range<usize>]) {
    varint::write(out, ranges.len() as u32);
    let mut end = 0;
    for r in ranges {
        // Sorted and disjoint, as parsing makes them (building checks the round trip).
        varint::write(out, r.start.wrapping_sub(end) as u32);
        varint::write(out, r.len() as u32);
        end = r.end;
    }
}

/// Articles tokenized once, for the index's postings ([`TextBuilder::indexed`])
/// and then for their [`TextStore`] ([`TextBuilder::finish`]).
pub struct TextBuilder<'a> {
    articles: &'a [Article],
    int: Interner<'a>,
    drafts: Vec<DocDraft>,
}

impl<'a> TextBuilder<'a> {
    /// Tokenizes every article's title, byline and body (cut at its searchable pieces).
    pub fn new(articles: &'a [Article]) -> TextBuilder<'a> {
        let mut int = Interner::default();
        let drafts = articles
            .iter()
            .map(|a| DocDraft {
                title: int.draft(&a.title, 0..a.title.len()),
                byline: a.byline.as_deref().map(|b| int.draft(b, 0..b.len())),
                body: intervals(a).into_iter().map(|(r, s)| (int.draft(&a.text, r), s)).collect(),
            })
            .collect();
        TextBuilder { articles, int, drafts }
    }

    /// Calls `f(field, position, term)` for every searchable word of article `doc`,
    /// in order (field 0 title, 1 byline, 2 body; positions as [`TextStore::positions`]
    /// numbers them), and returns the word counts of title, byline and body.
    pub fn indexed<'s>(&'s self, doc: usize, mut f: impl FnMut(usize, u32, &'s str)) -> [u32; 3] {
        let d = &self.drafts[doc];
        let mut visit = |field: usize, draft: &Draft, base: u32| {
            for (i, &(w, _)) in draft.words.iter().enumerate() {
                f(field, base + i as u32, &self.int.word_list[w as usize].1);
            }
            draft.words.len() as u32
        };
        let title = visit(0, &d.title, 0);
        let byline = d.byline.as_ref().map_or(0, |b| visit(1, b, title + 1));
        let (mut base, mut body) = (title + byline + 2, 0);
        for (draft, _) in d.body.iter().filter(|(_, searchable)| *searchable) {
            let n = visit(2, draft, base);
            body += n;
            base += n + 1;
        }
        [title, byline, body]
    }

    /// Stores the articles, naming each word's index term through `term_id`.
    ///
    /// Panics if an article would not decode to itself, naming it: that would be a
    /// bug in this module, and losing text silently would be worse.
    pub fn finish(self, term_id: impl Fn(&str) -> Option<u32>) -> TextStore {
        let TextBuilder { articles, int, drafts } = self;
        let by_use = Interner::ranks(&int.word_count, |i| &int.word_list[i]);
        // Within each band of numbers that a varint writes in the same number of
        // bytes (0–127, 128–16,383, …), words are ordered by their term instead:
        // no stream changes length, and the start file's word → term column
        // becomes increasing within a band, which it stores as small differences.
        // The first GLOBAL_WORDS by use come first within theirs, so that the
        // parted layout's start file can keep just them.
        let terms: Vec<u32> = int.word_list.iter().map(|(_, t)| term_id(t).unwrap_or(NO_TERM)).collect();
        let mut order: Vec<usize> = (0..int.word_list.len()).collect();
        order.sort_by_key(|&i| {
            (varint_len(by_use[i]), by_use[i] as usize >= GLOBAL_WORDS, terms[i], &int.word_list[i].0)
        });
        let mut word_rank = vec![0u32; order.len()];
        for (r, &i) in order.iter().enumerate() {
            word_rank[i] = r as u32;
        }
        let glue_rank = Interner::ranks(&int.glue_count, |i| &int.glue_list[i]);
        let mut store = TextStore::default();
        let mut by_rank: Vec<usize> = (0..int.word_list.len()).collect();
        by_rank.sort_by_key(|&i| word_rank[i]);
        store.spelling_at.push(0);
        for i in by_rank {
            let (spelling, term) = &int.word_list[i];
            store.spellings.push_str(spelling);
            store.spelling_at.push(store.spellings.len() as u32);
            store.word_term.push(term_id(term).unwrap_or(NO_TERM));
            debug_assert_eq!(store.word_term.last(), terms.get(i));
        }
        let mut glues: Vec<(u32, String)> =
            int.glue_list.into_iter().enumerate().map(|(i, g)| (glue_rank[i], g)).collect();
        glues.sort();
        store.glues = glues.into_iter().map(|(_, g)| g).collect();

        let glue = |v: u32| if v & 1 == 1 { v } else { glue_rank[(v >> 1) as usize] << 1 };
        let (mut words_st, mut seps_st) = (Stream::default(), Stream::default());
        for (a, d) in articles.iter().zip(&drafts) {
            let (words, seps) = (&mut words_st.bytes, &mut seps_st.bytes);
            varint::write(words, (d.body.len() as u32) << 1 | u32::from(d.byline.is_some()));
            let mut put = |draft: &Draft, code: u32| {
                varint::write(words, code);
                varint::write(seps, glue(draft.lead));
                for &(w, g) in &draft.words {
                    varint::write(words, word_rank[w as usize]);
                    varint::write(seps, glue(g));
                }
            };
            put(&d.title, d.title.words.len() as u32);
            if let Some(b) = &d.byline {
                put(b, b.words.len() as u32);
            }
            for (draft, searchable) in &d.body {
                put(draft, (draft.words.len() as u32) << 1 | u32::from(*searchable));
            }
            write_ranges(seps, &a.paragraphs);
            write_ranges(seps, &a.boilerplate);
            words_st.close();
            seps_st.close();
        }
        store.words = words_st;
        store.seps = seps_st;
        store.finish();
        for (doc, a) in articles.iter().enumerate() {
            let body = store.article(doc as u32);
            let same = body.title == a.title
                && body.byline == a.byline
                && body.text == a.text
                && body.paragraphs == a.paragraphs
                && body.boilerplate == a.boilerplate;
            assert!(same, "article {:?} does not survive being stored as words", a.id);
        }
        store
    }
}

impl TextStore {
    /// Stores `articles` (in order), naming each word's index term through `term_id`.
    pub fn build(articles: &[Article], term_id: impl Fn(&str) -> Option<u32>) -> TextStore {
        TextBuilder::new(articles).finish(term_id)
    }

    /// Computes the derived tables; called after building or decoding.
    pub fn finish(&mut self) {
        let terms = self.word_term.iter().filter(|&&t| t != NO_TERM).map(|&t| t as usize + 1).max().unwrap_or(0);
        let mut at = vec![0u32; terms + 1];
        for &t in self.word_term.iter().filter(|&&t| t != NO_TERM) {
            at[t as usize + 1] += 1;
        }
        for i in 1..at.len() {
            at[i] += at[i - 1];
        }
        let mut fill = at.clone();
        let mut words = vec![0u32; at[terms] as usize];
        for (w, &t) in self.word_term.iter().enumerate() {
            if t != NO_TERM {
                words[fill[t as usize] as usize] = w as u32;
                fill[t as usize] += 1;
            }
        }
        self.term_words_at = at;
        self.term_words = words;
    }

    /// Number of articles.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Word `word`'s spelling: one of the start file's, or else one of `local`'s.
    pub(crate) fn spelling<'s>(&'s self, word: u32, local: Option<&'s LocalWords>) -> &'s str {
        let w = word as usize;
        let (spellings, at, w) = match w.checked_sub(self.word_term.len()) {
            None => (&self.spellings, &self.spelling_at, w),
            Some(i) => match local {
                Some(l) => (&l.spellings, &l.at, i),
                None => return "",
            },
        };
        match (at.get(w), at.get(w + 1)) {
            (Some(&a), Some(&b)) => spellings.get(a as usize..b as usize).unwrap_or(""),
            _ => "",
        }
    }

    /// How many words the start file keeps in the parted layout.
    pub fn global_words(&self) -> usize {
        self.word_term.len().min(GLOBAL_WORDS)
    }

    /// Parted: the own words of the text part holding `doc`, once it has arrived.
    fn local_of(&self, doc: u32) -> Option<&LocalWords> {
        let (parts, _) = self.words.parted.as_ref()?;
        self.local.get(parts.part_of(doc as usize))?.get()
    }

    /// Keeps text part `part`'s own words (the first copy; a second is the same).
    pub(crate) fn set_local(&self, part: usize, words: LocalWords) {
        if let Some(slot) = self.local.get(part) {
            let _ = slot.set(words);
        }
    }

    /// Article `doc`'s cursors on its words (after the head) and separators.
    fn open(&self, doc: u32) -> Option<Open<'_>> {
        let mut words = varint::Cursor::new(self.words.get(doc as usize), 0);
        let head = words.next()?;
        Some(Open { head, words, seps: varint::Cursor::new(self.seps.get(doc as usize), 0), local: self.local_of(doc) })
    }

    /// Title and byline of `doc` (empty and `None` if it cannot be read).
    pub fn title_and_byline(&self, doc: u32) -> (String, Option<String>) {
        let Some(mut o) = self.open(doc) else { return (String::new(), None) };
        self.heading(&mut o)
    }

    /// The title and byline stretches, the first of every article's streams.
    fn heading(&self, o: &mut Open) -> (String, Option<String>) {
        let mut title = String::new();
        self.write(o, false, &mut title);
        let byline = (o.head & 1 == 1).then(|| {
            let mut b = String::new();
            self.write(o, false, &mut b);
            b
        });
        (title, byline)
    }

    /// How many words `doc`'s title and byline have (each a position, see
    /// [`TextStore::positions`]): where its byline and body start in position
    /// space. `None` if it cannot be read (its part has not arrived).
    pub fn heading_lengths(&self, doc: u32) -> Option<(u32, u32)> {
        let mut o = self.open(doc)?;
        let title = o.words.next()?;
        if o.head & 1 == 0 {
            return Some((title, 0));
        }
        for _ in 0..title {
            o.words.next()?;
        }
        Some((title, o.words.next()?))
    }

    /// All of `doc`: title, byline, text, paragraphs and boilerplate, in one pass.
    pub fn article(&self, doc: u32) -> Decoded {
        let mut out = Decoded::default();
        let Some(mut o) = self.open(doc) else { return out };
        (out.title, out.byline) = self.heading(&mut o);
        for _ in 0..o.head >> 1 {
            if !self.write(&mut o, true, &mut out.text) {
                break;
            }
        }
        let g = &mut o.seps;
        let mut ranges = || {
            let n = g.next()?;
            let mut v = Vec::new();
            let mut end = 0usize;
            for _ in 0..n {
                let start = end.wrapping_add(g.next()? as usize);
                end = start.checked_add(g.next()? as usize)?;
                v.push(start..end);
            }
            Some(v)
        };
        let len = out.text.len();
        let valid = |v: Vec<Range<usize>>| -> Vec<Range<usize>> {
            v.into_iter().filter(|r| r.start <= r.end && r.end <= len).collect()
        };
        out.paragraphs = ranges().map(valid).unwrap_or_default();
        out.boilerplate = ranges().map(valid).unwrap_or_default();
        // Ranges must cut the text at character boundaries to be sliced safely.
        let text = &out.text;
        let ok = |r: &Range<usize>| text.is_char_boundary(r.start) && text.is_char_boundary(r.end);
        out.paragraphs.retain(ok);
        out.boilerplate.retain(ok);
        out
    }

    /// Writes one stretch (title, byline, or a body interval when `interval` is
    /// set: its count carries the searchable flag) to `out`; false if malformed.
    fn write(&self, o: &mut Open, interval: bool, out: &mut String) -> bool {
        let (w, g, local) = (&mut o.words, &mut o.seps, o.local);
        let Some(code) = w.next() else { return false };
        let n = if interval { code >> 1 } else { code };
        let mut sep = |out: &mut String| -> Option<usize> {
            let v = g.next()?;
            if v & 1 == 1 {
                return Some((v >> 1) as usize);
            }
            out.push_str(self.glues.get((v >> 1) as usize)?);
            Some(0)
        };
        let Some(mut overlap) = sep(out) else { return false };
        for _ in 0..n {
            let Some(word) = w.next() else { return false };
            let spelling = self.spelling(word, local);
            out.push_str(spelling.get(overlap.min(spelling.len())..).unwrap_or(""));
            let Some(next) = sep(out) else { return false };
            overlap = next;
        }
        true
    }

    /// Masks for `groups` of term ids (see [`WordSets`]).
    pub fn word_sets(&self, groups: &[&[u32]]) -> WordSets {
        let stride = groups.len().div_ceil(64).max(1);
        let words_of = |t: u32| {
            let t = t as usize;
            match (self.term_words_at.get(t), self.term_words_at.get(t + 1)) {
                (Some(&a), Some(&b)) => &self.term_words[a as usize..b as usize],
                _ => &[],
            }
        };
        let last = groups.iter().flat_map(|g| g.iter()).flat_map(|&t| words_of(t)).max();
        let mut masks = vec![0u64; last.map_or(0, |&w| (w as usize + 1) * stride)];
        for (i, group) in groups.iter().enumerate() {
            for &t in group.iter() {
                for &w in words_of(t) {
                    masks[w as usize * stride + i / 64] |= 1 << (i % 64);
                }
            }
        }
        let mut by_term: Vec<(u32, u32)> =
            groups.iter().enumerate().flat_map(|(g, terms)| terms.iter().map(move |&t| (t, g as u32))).collect();
        crate::sort::sort(&mut by_term);
        WordSets { groups: groups.len(), stride, masks, by_term }
    }

    /// Sorted positions in `doc` of each group's words, numbered as the index
    /// numbers them (only searchable words count). Phrases call this for every
    /// article holding all their words, so the loop is kept tight: one byte per
    /// frequent word (`varint::read`'s fast path), one table lookup, nothing
    /// allocated per word.
    pub fn positions(&self, doc: u32, sets: &WordSets) -> Vec<Vec<u32>> {
        let mut out = vec![Vec::new(); sets.groups];
        let Some(Open { head, words: mut w, local, .. }) = self.open(doc) else { return out };
        let global = self.word_term.len();
        let mut visit = |w: &mut varint::Cursor, n: u32, base: Option<u32>| -> Option<()> {
            let Some(base) = base else {
                for _ in 0..n {
                    w.next()?;
                }
                return Some(());
            };
            for i in 0..n {
                let word = w.next()? as usize;
                if word >= global {
                    let term = local.and_then(|l| l.terms.get(word - global));
                    for &(_, g) in term.map_or(&[][..], |&t| sets.of_term(t)) {
                        if let Some(list) = out.get_mut(g as usize) {
                            list.push(base + i);
                        }
                    }
                } else if sets.stride == 1 {
                    match sets.masks.get(word) {
                        Some(&bits) if bits != 0 => push_bits(&mut out, 0, bits, base + i),
                        _ => {}
                    }
                } else if let Some(mask) = sets.mask(word as u32) {
                    for (k, &bits) in mask.iter().enumerate() {
                        push_bits(&mut out, k * 64, bits, base + i);
                    }
                }
            }
            Some(())
        };
        let mut walk = || -> Option<()> {
            let title = w.next()?;
            visit(&mut w, title, Some(0))?;
            let byline = if head & 1 == 1 { w.next()? } else { 0 };
            visit(&mut w, byline, Some(title + 1))?;
            let mut base = title + byline + 2;
            for _ in 0..head >> 1 {
                let code = w.next()?;
                let n = code >> 1;
                if code & 1 == 1 {
                    visit(&mut w, n, Some(base))?;
                    base += n + 1;
                } else {
                    visit(&mut w, n, None)?;
                }
            }
            Some(())
        };
        let _ = walk();
        out
    }

    /// The index terms of `doc`'s searchable words, in reading order, each as
    /// `term << 2 | field` with field [`IN_BODY`], [`IN_TITLE`] or [`IN_BYLINE`]
    /// (words of no term left out); empty while its part has not arrived.
    pub fn terms(&self, doc: u32) -> Vec<u32> {
        let mut out = Vec::new();
        let Some(Open { head, words: mut w, local, .. }) = self.open(doc) else { return out };
        let global = self.word_term.len();
        // `keep`: None skips the words; Some(field) keeps them.
        let mut visit = |w: &mut varint::Cursor, n: u32, keep: Option<u32>| -> Option<()> {
            for _ in 0..n {
                let word = w.next()? as usize;
                let term = match word.checked_sub(global) {
                    None => self.word_term.get(word),
                    Some(i) => local.and_then(|l| l.terms.get(i)),
                };
                match (term, keep) {
                    (Some(&t), Some(field)) if t < 1 << 30 => out.push(t << 2 | field),
                    _ => {}
                }
            }
            Some(())
        };
        let mut walk = || -> Option<()> {
            let title = w.next()?;
            visit(&mut w, title, Some(IN_TITLE))?;
            if head & 1 == 1 {
                let byline = w.next()?;
                visit(&mut w, byline, Some(IN_BYLINE))?;
            }
            for _ in 0..head >> 1 {
                let code = w.next()?;
                visit(&mut w, code >> 1, (code & 1 == 1).then_some(IN_BODY))?;
            }
            Some(())
        };
        let _ = walk();
        out
    }
}

impl TextStore {
    /// The parted layout's word streams for text parts cut at `cut` (article
    /// numbers, as [`crate::parts::Parts::cut`]): each article's words with the
    /// first [`TextStore::global_words`] keeping their numbers and the others
    /// numbered on from there in a table of their part's own, and per article the
    /// words it adds to that table, sorted by term (read by [`LocalWords::read`]).
    /// `same_as_term(word)` says a spelling is its term's text, written empty.
    pub fn localize(&self, cut: &[u32], same_as_term: impl Fn(u32) -> bool) -> (Stream, Stream) {
        let global = self.global_words() as u32;
        let (mut words, mut adds) = (Stream::default(), Stream::default());
        for range in cut.windows(2) {
            let mut local: HashMap<u32, u32> = HashMap::new();
            for doc in range[0] as usize..range[1] as usize {
                let bytes = self.words.get(doc);
                let mut new = Vec::new();
                map_words(bytes, |w| {
                    if w >= global && !local.contains_key(&w) {
                        new.push(w);
                    }
                    w
                });
                let term = |w: u32| self.word_term[w as usize].wrapping_add(1);
                new.sort_unstable_by_key(|&w| (term(w), w));
                new.dedup();
                let mut prev = 0;
                for w in new {
                    local.insert(w, global + local.len() as u32);
                    varint::write(&mut adds.bytes, term(w) - prev);
                    prev = term(w);
                    let spelling = if same_as_term(w) { "" } else { self.spelling(w, None) };
                    varint::write(&mut adds.bytes, spelling.len() as u32);
                    adds.bytes.extend_from_slice(spelling.as_bytes());
                }
                let renumbered = map_words(bytes, |w| if w >= global { local[&w] } else { w });
                words.bytes.extend(renumbered.expect("stored words read back"));
                words.close();
                adds.close();
            }
        }
        (words, adds)
    }
}

/// An article's words stream (see the module docs) with every word number put
/// through `f`; `None` if malformed.
fn map_words(bytes: &[u8], mut f: impl FnMut(u32) -> u32) -> Option<Vec<u8>> {
    let mut c = varint::Cursor::new(bytes, 0);
    let mut out = Vec::with_capacity(bytes.len());
    let head = c.next()?;
    varint::write(&mut out, head);
    let mut stretch = |c: &mut varint::Cursor, out: &mut Vec<u8>, interval: bool| -> Option<()> {
        let code = c.next()?;
        varint::write(out, code);
        for _ in 0..if interval { code >> 1 } else { code } {
            let w = c.next()?;
            varint::write(out, f(w));
        }
        Some(())
    };
    stretch(&mut c, &mut out, false)?;
    if head & 1 == 1 {
        stretch(&mut c, &mut out, false)?;
    }
    for _ in 0..head >> 1 {
        stretch(&mut c, &mut out, true)?;
    }
    (c.at == bytes.len()).then_some(out)
}

/// Adds `position` to the list of every group whose bit is set in `bits` (group `first + bit`).
fn push_bits(out: &mut [Vec<u32>], first: usize, mut bits: u64, position: u32) {
    while bits != 0 {
        if let Some(list) = out.get_mut(first + bits.trailing_zeros() as usize) {
            list.push(position);
        }
        bits &= bits - 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::parse;
    use proptest::prelude::*;

    /// Positions as the index counts them, straight from the tokenizer: group `g`'s are those of `terms[g]`.
    fn brute_positions(a: &Article, terms: &[&str]) -> Vec<Vec<u32>> {
        let mut all: Vec<(String, u32)> = Vec::new();
        let title = tokenize(&a.title);
        let byline = a.byline.as_deref().map(tokenize).unwrap_or_default();
        all.extend(title.iter().map(|t| (t.term.clone(), t.position)));
        all.extend(byline.iter().map(|t| (t.term.clone(), title.len() as u32 + 1 + t.position)));
        let mut next = (title.len() + byline.len() + 2) as u32;
        for piece in a.searchable() {
            let tokens = tokenize(&a.text[piece]);
            all.extend(tokens.iter().map(|t| (t.term.clone(), next + t.position)));
            next += tokens.len() as u32 + 1;
        }
        terms.iter().map(|term| all.iter().filter(|(t, _)| t == term).map(|(_, p)| *p).collect()).collect()
    }

    fn store(articles: &[Article]) -> (TextStore, Vec<String>) {
        let mut terms: Vec<String> = articles
            .iter()
            .flat_map(|a| {
                let mut t = tokenize(&a.title);
                t.extend(a.byline.as_deref().map(tokenize).unwrap_or_default());
                t.extend(a.searchable().into_iter().flat_map(|r| tokenize(&a.text[r])));
                t
            })
            .map(|t| t.term)
            .collect();
        terms.sort();
        terms.dedup();
        let s = TextStore::build(articles, |t| terms.binary_search_by(|x| x.as_str().cmp(t)).ok().map(|i| i as u32));
        (s, terms)
    }

    fn check(articles: &[Article], probe: &[&str]) {
        let (s, terms) = store(articles);
        let ids: Vec<Vec<u32>> = probe
            .iter()
            .map(|p| terms.iter().position(|t| t == p).map(|i| vec![i as u32]).unwrap_or_default())
            .collect();
        let groups: Vec<&[u32]> = ids.iter().map(|v| v.as_slice()).collect();
        let sets = s.word_sets(&groups);
        for (d, a) in articles.iter().enumerate() {
            let body = s.article(d as u32);
            assert_eq!(
                (body.title.as_str(), &body.byline, body.text.as_str(), &body.paragraphs, &body.boilerplate),
                (a.title.as_str(), &a.byline, a.text.as_str(), &a.paragraphs, &a.boilerplate)
            );
            assert_eq!(s.title_and_byline(d as u32), (a.title.clone(), a.byline.clone()));
            assert_eq!(s.positions(d as u32, &sets), brute_positions(a, probe), "positions in {:?}", a.id);
        }
    }

    #[test]
    fn articles_round_trip_with_positions() {
        let cases = [
            "Peace talks\n\nThe peace treaty. Peace now.\n\nBy Ann Lee",
            "Türkiye / Turkey\n\n“Quoted,” he said — twice!!  Spaces   kept.\n\nBecome a memberOn Thursday, peace.",
            "東京都の天気\n\n東京都は晴れ。Tokyo 3+3 ໜ 🄀 e\u{301}",
            "No title here, only a long first line that becomes one\n\n\n\n  indented\tline  ",
            "Title\n\n<script>alert(1)</script> \"><img onerror=x>",
        ];
        let articles: Vec<Article> =
            cases.iter().enumerate().map(|(i, t)| parse(&format!("a{i}"), t).unwrap()).collect();
        check(
            &articles,
            &["peace", "东京", "東京", "京都", "turkiye", "3+3", "ann", "become", "thursday", "script", "e"],
        );
    }

    #[test]
    fn words_are_numbered_by_frequency_band_then_term() {
        // 200 words: "w000" used 200 times … "w199" once; the 128 most used get
        // one-byte numbers, in the order of their terms within that band.
        let text: Vec<String> = (0..200).flat_map(|i| std::iter::repeat_n(format!("w{i:03}"), 200 - i)).collect();
        let a = [parse("x", &format!("T\n\n{}", text.join(" "))).unwrap()];
        let (s, terms) = store(&a);
        let band = |w: u32| (0..s.word_term.len() as u32).find(|&n| s.spelling(n, None) == format!("w{w:03}")).unwrap();
        assert!((0..127).all(|w| band(w) < 128), "the most used words have one-byte numbers");
        assert!((130..200).all(|w| band(w) >= 128));
        let in_band: Vec<&str> = (0..128).map(|n| terms[s.word_term[n] as usize].as_str()).collect();
        assert!(in_band.windows(2).all(|p| p[0] <= p[1]), "by term within the band: {in_band:?}");
        assert_eq!(s.glues[0], " ");
    }

    #[test]
    fn a_parts_own_words_read_back_or_are_refused() {
        let terms: Vec<String> = ["peace", "treaty"].map(String::from).to_vec();
        // Per word: term + 1 as a difference, then the spelling's length and bytes.
        type Words<'a> = (&'a [&'a str], &'a [u32]);
        let cases: [(&[u8], Result<Words, &str>); 6] = [
            (&[1, 0, 0, 5, b'P', b'e', b'a', b'c', b'e'], Ok((&["peace", "Peace"], &[0, 0]))),
            (&[0, 3, b'x', b'y', b'z', 2, 0], Ok((&["xyz", "treaty"], &[NO_TERM, 1]))),
            (&[3, 0], Err("a word names a missing term")),
            (&[0, 0], Err("a word with no spelling")),
            (&[1, 4, b'a'], Err("a text part's own words are malformed")),
            (&[1, 1, 0xFF], Err("a text part's own words are malformed")),
        ];
        for (bytes, want) in cases {
            let got = LocalWords::read([bytes], &terms).map(|l| {
                let words: Vec<String> =
                    l.at.windows(2).map(|w| l.spellings[w[0] as usize..w[1] as usize].to_string()).collect();
                (words, l.terms)
            });
            let want = want.map(|(w, t)| (w.iter().map(|s| s.to_string()).collect::<Vec<_>>(), t.to_vec()));
            assert_eq!(got, want, "{bytes:?}");
        }
    }

    #[test]
    fn malformed_bytes_never_panic() {
        let a: Vec<Article> = (0..3)
            .map(|i| parse(&format!("d{i}"), "Head line\n\nSome body text, twice. Body text.").unwrap())
            .collect();
        let (s, _) = store(&a);
        let sets = s.word_sets(&[&[0, 1, 2]]);
        for stream in 0..2 {
            fn pick(s: &mut TextStore, stream: usize) -> &mut Stream {
                if stream == 0 {
                    &mut s.words
                } else {
                    &mut s.seps
                }
            }
            for cut in 0..pick(&mut s.clone(), stream).bytes.len() {
                let mut bad = s.clone();
                pick(&mut bad, stream).bytes.truncate(cut);
                for d in 0..4 {
                    let _ = (bad.article(d), bad.title_and_byline(d), bad.positions(d, &sets));
                }
                let mut bad = s.clone();
                pick(&mut bad, stream).bytes[cut] ^= 0xA5;
                for d in 0..3 {
                    let _ = (bad.article(d), bad.title_and_byline(d), bad.positions(d, &sets));
                }
            }
        }
    }

    proptest! {
        #[test]
        fn any_text_round_trips(texts in proptest::collection::vec("[a-cé東京都 ,.\\n“”+3໋ໜ]{0,60}", 1..4)) {
            let articles: Vec<Article> = texts.iter().enumerate().filter_map(|(i, t)| parse(&format!("p{i}"), t).ok()).collect();
            prop_assume!(!articles.is_empty());
            check(&articles, &["a", "b", "東京", "3+3", "é", "e"]);
        }
    }
}
