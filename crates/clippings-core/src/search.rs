//! Query × Index → ranked hits, hints, and a [`Matcher`] that finds the same
//! matches again in displayed text for highlighting.
//!
//! Here the query's tree is walked: each word expanded to dictionary words
//! (`search/expand.rs`), scored (`search/scoring.rs`: BM25 over title + byline +
//! body, title occurrences counted more, a bonus for query words standing close
//! together), phrases matched by position (`search/phrase.rs`), the parts
//! combined as sets of documents (`search/docset.rs`). Ties go to the newer article. Bare words that no
//! article holds all of relax to the articles holding the most of them.

mod docset;
mod expand;
mod like;
mod phrase;
mod scoring;

pub use expand::MAX_PREFIX_TERMS;
pub use like::{like_words, LIKE_WORDS};
pub use scoring::{Ranking, FEW_WORDS, PROXIMITY_DEPTH};

use crate::analysis::is_function_word;
use crate::common::CommonPositions;
use crate::facets::FacetKind;
use crate::fields;
use crate::highlight::Matcher;
use crate::index::Index;
use crate::query::{parse_query, DateRange, Hint, Mode, Node, Parsed};
use docset::{difference, intersect, union, DocSet};
use expand::Expander;
use phrase::{phrase, phrase_counts};
use scoring::{proximity_rerank, Scorer};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    #[default]
    Relevance,
    Newest,
    Oldest,
}

impl Sort {
    pub const ALL: [Sort; 3] = [Sort::Relevance, Sort::Newest, Sort::Oldest];

    /// The name in addresses (`s=newest`) and in the sort menu's values.
    pub fn key(self) -> &'static str {
        match self {
            Sort::Relevance => "relevance",
            Sort::Newest => "newest",
            Sort::Oldest => "oldest",
        }
    }

    /// The sort a [`Sort::key`] names; anything else is the default.
    pub fn from_key(key: &str) -> Sort {
        Sort::ALL.into_iter().find(|s| s.key() == key).unwrap_or_default()
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hit {
    pub doc: u32,
    pub score: f32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Results {
    /// Matching documents, best first.
    pub hits: Vec<Hit>,
    pub hints: Vec<Hint>,
    pub matcher: Matcher,
    /// Per facet value, the articles a click on it would give (see [`search_page`]).
    pub facet_counts: Vec<u32>,
    /// The facet counts are still to come: the articles' facet values of a
    /// parted archive have not all arrived (and no filter needed them yet).
    pub facets_pending: bool,
    /// Versions folded in the first hits ([`fold_versions`]; empty when
    /// the archive has none).
    pub folded: Vec<u32>,
}

/// What a search reads: the index, and the common words' positions once they
/// have been computed after start-up ([`crate::common`]; until then phrases of
/// common words read the articles' words instead). An `&Index` alone is a source
/// without them.
#[derive(Clone, Copy)]
pub struct Sources<'a> {
    pub index: &'a Index,
    pub common: Option<&'a CommonPositions>,
    /// The reader's marks that `is:`, `tag:` and `note:` search (none: they match nothing).
    #[cfg(feature = "marks")]
    pub marks: Option<&'a crate::marks::Marks>,
}

impl<'a> Sources<'a> {
    pub fn new(index: &'a Index, common: Option<&'a CommonPositions>) -> Sources<'a> {
        Sources {
            index,
            common,
            #[cfg(feature = "marks")]
            marks: None,
        }
    }
}

impl<'a> From<&'a Index> for Sources<'a> {
    fn from(index: &'a Index) -> Sources<'a> {
        Sources::new(index, None)
    }
}

/// Runs a query string against the index.
pub fn search<'a>(sources: impl Into<Sources<'a>>, query: &str, sort: Sort) -> Results {
    search_top(sources, query, sort, usize::MAX)
}

/// Like [`search`], but only the first `k` hits are put in order (the rest follow
/// in no particular order): a page of results without sorting every hit.
pub fn search_top<'a>(sources: impl Into<Sources<'a>>, query: &str, sort: Sort, k: usize) -> Results {
    search_page(sources, query, sort, k, None)
}

/// Rows in a page of results: the app's first list shows this many, and each
/// "Show more" adds as many (the hosted page fetches the empty query's first
/// page's text parts early, so both must agree).
pub const PAGE: usize = 20;

/// What the app shows: hits of `query` that pass the facet `filters` (value ids;
/// OR within a kind, AND across kinds), the best `k` in order, and the facet counts
/// over the query's hits. `None` skips facets entirely (no counts).
pub fn search_page<'a>(
    sources: impl Into<Sources<'a>>,
    query: &str,
    sort: Sort,
    k: usize,
    filters: Option<&[u32]>,
) -> Results {
    search_ranked(sources.into(), query, sort, k, filters, &Ranking::DEFAULT)
}

/// [`search_page`] as the app's list asks for it from a parted archive: once the
/// ranking is complete (no posting list it read was missing), the text of its
/// first `k` rows is asked for too, so that one round of fetching brings what
/// the rows show. A provisional ranking's rows may still move, so their text
/// waits (on a cold `#q=time`, 6 of 26 text parts were for rows that then
/// moved). The hosted page's early parts for the bare address are found with
/// this too, so the page and the app cannot disagree.
pub fn search_rows<'a>(
    sources: impl Into<Sources<'a>>,
    query: &str,
    sort: Sort,
    k: usize,
    filters: Option<&[u32]>,
) -> Results {
    let sources = sources.into();
    let results = search_page(sources, query, sort, k, filters);
    if !sources.index.has_misses() {
        results.hits.iter().take(k).for_each(|h| sources.index.touch_text(h.doc));
    }
    results
}

/// [`search_page`] with other ranking constants (the relevance benchmark's ablations).
pub fn search_ranked(
    sources: Sources<'_>,
    query: &str,
    sort: Sort,
    k: usize,
    filters: Option<&[u32]>,
    ranking: &Ranking,
) -> Results {
    let Parsed { node, mut hints, relaxable } = parse_query(query);
    let (index, common) = (sources.index, sources.common);
    let mut s = Searcher {
        #[cfg(feature = "marks")]
        marks: sources.marks,
        index,
        scorer: Scorer::new(index, common, ranking),
        expander: Expander::default(),
        hints: Vec::new(),
        matcher: Matcher::default(),
        groups: Vec::new(),
    };
    let mut set = match &node {
        Some(n) => {
            if let Node::And(children) = n {
                for c in children {
                    if let Node::Term { term, mode, field: None } = c {
                        let ids = s.expand(term, *mode);
                        s.groups.push(ids);
                    }
                }
            }
            s.mark(n, true);
            s.eval(n, None)
        }
        None => s.all(),
    };
    if set.len() < ranking.relax_below {
        if let (Some(quoted), Some(Node::And(children))) = (relaxable, &node) {
            let mut relaxed = s.relaxed(children, Some(&quoted), set.len());
            if relaxed.is_empty() && set.is_empty() {
                // Not even the quoted words stand together: a question's quotation
                // marks are punctuation rather than a demand, so let them go too.
                relaxed = s.relaxed(children, None, 0);
            }
            if !relaxed.is_empty() {
                set = relaxed;
            }
        }
    }
    hints.append(&mut s.hints);
    let mut facet_counts = Vec::new();
    // Without a filter, the results need no facet values: while a parted
    // archive's are on their way, only the counts wait for them.
    let facets_pending = filters.is_some_and(|f| f.is_empty()) && !index.facets.ready();
    let set = match filters {
        Some(_) if facets_pending => set,
        Some(filters) => {
            let docs: Vec<u32> = set.iter().map(|e| e.0).collect();
            let passing;
            (facet_counts, passing) = index.facets.counts_passing(&docs, filters);
            if filters.is_empty() {
                set
            } else {
                set.into_iter().zip(passing).filter(|(_, ok)| *ok).map(|(e, _)| e).collect()
            }
        }
        None => set,
    };
    let mut hits: Vec<Hit> = set.into_iter().map(|(doc, score)| Hit { doc, score }).collect();
    let sort = if node.is_none() && sort == Sort::Relevance { Sort::Newest } else { sort };
    let proximity = sort == Sort::Relevance && s.groups.len() > 1 && ranking.proximity > 0.0;
    let shown = k.min(FOLD_DEPTH);
    let k = if proximity { k.max(PROXIMITY_DEPTH) } else { k };
    sort_top(index, &mut hits, sort, k);
    if proximity {
        let depth = hits.len().min(PROXIMITY_DEPTH);
        let scores = hits[..depth].iter_mut().map(|h| (h.doc, &mut h.score));
        proximity_rerank(index, &s.groups, ranking.proximity, scores);
        sort_top(index, &mut hits[..depth], sort, depth);
    }
    // Cards are read for a complete ranking only (a provisional one's rows move).
    let folded = if index.has_misses() { Vec::new() } else { fold_versions(index, &hits, shown) };
    Results { hits, hints, matcher: s.matcher, facet_counts, facets_pending, folded }
}

/// How many times `query`'s words and phrases occur in the articles `docs`
/// (sorted; the articles it matched): each dictionary word a word was searched
/// as, in the field the query names, counted once however many query words it
/// stands for; each phrase where its words stand together. Excluded words,
/// dates and other filters count nothing, nor does `like:`. Read from the
/// postings: no article's text is needed. (The batch table's hits.)
pub fn hits(Sources { index, common, .. }: Sources<'_>, query: &str, docs: &[u32]) -> u64 {
    let Some(node) = parse_query(query).node else { return 0 };
    let ranking = Ranking::DEFAULT;
    let mut s = Searcher {
        index,
        #[cfg(feature = "marks")]
        marks: None,
        scorer: Scorer::new(index, common, &ranking),
        expander: Expander::default(),
        hints: Vec::new(),
        matcher: Matcher::default(),
        groups: Vec::new(),
    };
    let (mut words, mut phrases) = (Vec::new(), Vec::new());
    s.counted(&node, &mut words, &mut phrases);
    let in_field = |p: crate::postings::Posting, field: Option<crate::index::Field>| match field {
        None => p.tf_total(),
        Some(crate::index::Field::Title) => p.title_tf,
        Some(crate::index::Field::Byline) => p.byline_tf,
        Some(crate::index::Field::Body) => p.body_tf,
    };
    let mut total = 0u64;
    for (id, field) in words {
        let mut cursor = index.postings(id);
        for &d in docs {
            match cursor.advance(d) {
                Some(p) if p.doc == d => total += u64::from(in_field(p, field)),
                Some(_) => {}
                None => break,
            }
        }
    }
    for (terms, slop, field) in phrases {
        total += phrase_counts(&s.scorer, terms, slop, field, Some(docs)).iter().map(|c| u64::from(c.1)).sum::<u64>();
    }
    total
}

/// At most this many first hits are read for versions to fold (an export of
/// every hit folds nothing beyond).
const FOLD_DEPTH: usize = 1000;

/// Puts the best `k` hits first, in order.
fn sort_top(index: &Index, hits: &mut [Hit], sort: Sort, k: usize) {
    let date = |h: &Hit| index.docs[h.doc as usize].date;
    // Undated articles go last in both date orders.
    let newest = |a: &Hit, b: &Hit| match (date(a), date(b)) {
        (Some(x), Some(y)) => y.cmp(&x),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    };
    let oldest = |a: &Hit, b: &Hit| match (date(a), date(b)) {
        (Some(x), Some(y)) => x.cmp(&y),
        (x, y) => y.is_none().cmp(&x.is_none()).reverse(),
    };
    let cmp = |a: &Hit, b: &Hit| {
        let o = match sort {
            Sort::Relevance => b.score.total_cmp(&a.score).then_with(|| newest(a, b)),
            Sort::Newest => newest(a, b),
            Sort::Oldest => oldest(a, b),
        };
        o.then(a.doc.cmp(&b.doc))
    };
    // `cmp` breaks every tie, so the one compiled sort of `crate::sort` gives
    // what an unstable sort would; it only ever sorts a page's worth (what is
    // past it, however many, is only partitioned off).
    if k < hits.len() {
        hits.select_nth_unstable_by(k, cmp);
        crate::sort::sort_by(&mut hits[..k], cmp);
    } else {
        crate::sort::sort_by(hits, cmp);
    }
}

struct Searcher<'a> {
    index: &'a Index,
    #[cfg(feature = "marks")]
    marks: Option<&'a crate::marks::Marks>,
    scorer: Scorer<'a>,
    expander: Expander,
    hints: Vec<Hint>,
    matcher: Matcher,
    /// Dictionary words of each plain word of a top-level AND, in query order.
    groups: Vec<Vec<u32>>,
}

impl Searcher<'_> {
    fn all(&self) -> DocSet {
        (0..self.index.len() as u32).map(|d| (d, 0.0)).collect()
    }

    /// Looks every word up and registers what to highlight, in query order (so
    /// hints and the matcher do not depend on the order [`Self::eval`] picks).
    /// `positive` is false under an odd number of NOTs: such leaves are not highlighted.
    fn mark(&mut self, node: &Node, positive: bool) {
        match node {
            Node::Term { term, mode, field } => {
                let ids = self.expand(term, *mode);
                if positive {
                    let words = ids.iter().map(|&i| self.index.terms[i as usize].clone()).collect();
                    self.matcher.add_terms(words, *field);
                }
            }
            Node::Phrase { terms, slop, field } => {
                if positive {
                    self.matcher.add_phrase(terms.clone(), *slop, *field);
                }
            }
            Node::Date(_) | Node::Facet { .. } => {}
            #[cfg(feature = "marks")]
            Node::Mark { .. } => {}
            Node::Like(id) => {
                let (_, words) = self.like(id);
                for (t, _) in words.into_iter().filter(|_| positive) {
                    self.matcher.add_terms(vec![self.index.terms[t as usize].clone()], None);
                }
            }
            Node::Not(inner) => self.mark(inner, !positive),
            Node::Or(children) => children.iter().for_each(|c| self.mark(c, positive)),
            Node::And(children) => {
                let (neg, pos): (Vec<&Node>, Vec<&Node>) = children.iter().partition(|c| matches!(c, Node::Not(_)));
                pos.into_iter().chain(neg).for_each(|c| self.mark(c, positive));
            }
        }
    }

    /// What [`hits`] counts of `node`: its dictionary words (each once, by field)
    /// and its phrases, outside any exclusion.
    fn counted<'n>(
        &mut self,
        node: &'n Node,
        words: &mut Vec<(u32, Option<crate::index::Field>)>,
        phrases: &mut Vec<(&'n [String], u32, Option<crate::index::Field>)>,
    ) {
        match node {
            Node::Term { term, mode, field } => {
                for id in self.expand(term, *mode) {
                    if !words.contains(&(id, *field)) {
                        words.push((id, *field));
                    }
                }
            }
            Node::Phrase { terms, slop, field } => phrases.push((terms, *slop, *field)),
            Node::And(children) | Node::Or(children) => children.iter().for_each(|c| self.counted(c, words, phrases)),
            _ => {}
        }
    }

    /// About how many documents `node` matches: the order an AND evaluates in.
    fn cost(&mut self, node: &Node) -> u64 {
        let n = self.index.len() as u64;
        match node {
            Node::Term { term, mode, .. } => {
                self.expand(term, *mode).iter().map(|&id| self.index.doc_freq[id as usize] as u64).sum()
            }
            Node::Phrase { terms, .. } => terms
                .iter()
                .map(|t| self.index.term_id(t).map_or(0, |id| self.index.doc_freq[id as usize] as u64))
                .min()
                .unwrap_or(0),
            Node::Date(_) | Node::Facet { .. } | Node::Not(_) => n,
            #[cfg(feature = "marks")]
            Node::Mark { .. } => n,
            Node::Like(id) => self.like(id).1.iter().map(|&(t, _)| u64::from(self.index.doc_freq[t as usize])).sum(),
            Node::Or(children) => children.iter().map(|c| self.cost(c)).sum(),
            Node::And(children) => {
                children.iter().filter(|c| !matches!(c, Node::Not(_))).map(|c| self.cost(c)).min().unwrap_or(n)
            }
        }
    }

    /// The documents matching `node`, among `within` (sorted) when given.
    /// Scores do not depend on `within`.
    fn eval(&mut self, node: &Node, within: Option<&[u32]>) -> DocSet {
        match node {
            Node::Term { term, mode, field } => {
                let ids = self.expand(term, *mode);
                self.scorer.score_terms(&ids, *mode, *field, within)
            }
            Node::Phrase { terms, slop, field } => phrase(&self.scorer, terms, *slop, *field, within),
            Node::Date(r) => self.dated(r, within),
            Node::Facet { kind, value } => self.faceted(*kind, value, within),
            #[cfg(feature = "marks")]
            Node::Mark { kind, value } => self.marked(*kind, value, within),
            Node::Like(id) => {
                let (doc, words) = self.like(id);
                let mut acc = DocSet::new();
                for (t, weight) in words {
                    let mut set = self.scorer.score_terms(&[t], Mode::Exact, None, within);
                    set.iter_mut().for_each(|e| e.1 *= weight);
                    acc = union(&acc, &set);
                }
                // Neither the article nor its versions: they are more of the same.
                let versions = doc.map(|d| self.index.versions(d)).unwrap_or_default();
                acc.retain(|e| Some(e.0) != doc && versions.binary_search(&e.0).is_err());
                acc
            }
            Node::Not(inner) => {
                let base = self.base(within);
                let docs: Vec<u32> = base.iter().map(|e| e.0).collect();
                let set = self.eval(inner, Some(&docs));
                difference(base, &set)
            }
            Node::Or(children) => {
                let mut acc = DocSet::new();
                for c in children {
                    let set = self.eval(c, within);
                    acc = union(&acc, &set);
                }
                acc
            }
            Node::And(children) => {
                let (neg, pos): (Vec<&Node>, Vec<&Node>) = children.iter().partition(|c| matches!(c, Node::Not(_)));
                // The rarest child first; each next one only looks at the documents left.
                let mut order: Vec<(u64, usize)> = pos.iter().enumerate().map(|(i, c)| (self.cost(c), i)).collect();
                crate::sort::sort(&mut order); // no two alike: as sort_unstable
                let mut sets: Vec<DocSet> = vec![DocSet::new(); pos.len()];
                let mut left: Option<Vec<u32>> = within.map(<[u32]>::to_vec);
                for &(_, i) in &order {
                    if left.as_ref().is_some_and(Vec::is_empty) {
                        break;
                    }
                    sets[i] = self.eval(pos[i], left.as_deref());
                    left = Some(sets[i].iter().map(|e| e.0).collect());
                }
                // Sum the scores in query order, as a plain left-to-right intersection would.
                let mut acc = match sets.split_first() {
                    None => self.base(within),
                    Some((first, rest)) => rest.iter().fold(first.clone(), |a, s| intersect(&a, s)),
                };
                for c in neg {
                    if let Node::Not(inner) = c {
                        if acc.is_empty() {
                            break;
                        }
                        let docs: Vec<u32> = acc.iter().map(|e| e.0).collect();
                        let set = self.eval(inner, Some(&docs));
                        acc = difference(acc, &set);
                    }
                }
                acc
            }
        }
    }

    /// Words no article holds all of: the articles holding any of the question's
    /// content words (function words dropped unless nothing else is left), each
    /// word's BM25 summed and scaled by the share of the words held. Exclusions
    /// and dates still apply. Highlights and proximity follow the content words.
    /// `quoted`: the query's quoted words and phrases, which must still occur;
    /// `None` lets them relax too.
    fn relaxed(&mut self, children: &[Node], quoted: Option<&[Vec<String>]>, found: usize) -> DocSet {
        let (mut words, mut required) = (Vec::new(), Vec::new());
        flatten(children, quoted, &mut words, &mut required);
        // Function words are dropped, unless the question is nothing else.
        let dropped = |w: &str| self.scorer.ranking.function_words && is_function_word(w);
        let all_dropped = words.iter().all(|w| dropped(&w.0));
        let mut content: Vec<&(String, Mode)> = Vec::new();
        for w in &words {
            if (all_dropped || !dropped(&w.0)) && !content.contains(&w) {
                content.push(w);
            }
        }
        if !all_dropped {
            // A function word the dictionary lacks was "corrected" to another: moot now.
            self.hints.retain(|h| !matches!(h, Hint::Corrected { from, .. } if is_function_word(from)));
        }
        if found > 0 && content.len() <= FEW_WORDS {
            return DocSet::new();
        }
        self.matcher = Matcher::default();
        for node in &required {
            self.mark(node, true);
        }
        self.groups.clear();
        // Scores and words held per article, summed in place: a question's words
        // together reach a large share of the archive.
        let (mut scores, mut counts) = (vec![0f32; self.index.len()], vec![0u32; self.index.len()]);
        for &(term, mode) in &content {
            let ids = self.expand(term, *mode);
            self.matcher.add_terms(ids.iter().map(|&i| self.index.terms[i as usize].clone()).collect(), None);
            // A word the question repeats weighs that many times (a long question
            // names its subject more than once).
            let times = words.iter().filter(|w| w.0 == *term).count() as f32;
            for (doc, score) in self.scorer.score_terms(&ids, *mode, None, None) {
                scores[doc as usize] += score * times;
                counts[doc as usize] += 1;
            }
            self.groups.push(ids);
        }
        // Quoted words and phrases every match must hold: only the articles holding
        // them all, ranked by the other words too (quoted ones count as held by all).
        let (filters, musts): (Vec<&Node>, Vec<&Node>) = required
            .into_iter()
            .partition(|n| matches!(n, Node::Not(_) | Node::Date(_) | Node::Facet { .. }) || is_mark(n));
        let mut keep = vec![musts.is_empty(); counts.len()];
        let mut must: Option<DocSet> = None;
        for node in &musts {
            let docs: Option<Vec<u32>> = must.as_ref().map(|m| m.iter().map(|e| e.0).collect());
            let set = self.eval(node, docs.as_deref());
            must = Some(match must {
                None => set,
                Some(m) => intersect(&m, &set),
            });
        }
        for (doc, score) in must.unwrap_or_default() {
            let d = doc as usize;
            (keep[d], scores[d], counts[d]) = (true, scores[d] + score, counts[d] + musts.len() as u32);
        }
        let (asked, c) = ((content.len() + musts.len()) as f32, self.scorer.ranking.coordination);
        let mut acc: DocSet = (0..counts.len())
            .filter(|&d| counts[d] > 0 && keep[d])
            .map(|d| (d as u32, scores[d] * (1.0 - c + c * counts[d] as f32 / asked)))
            .collect();
        // Exclusions and dates filter; they are no words to hold.
        for node in filters {
            if acc.is_empty() {
                break;
            }
            let docs: Vec<u32> = acc.iter().map(|e| e.0).collect();
            acc = match node {
                Node::Not(inner) => difference(acc, &self.eval(inner, Some(&docs))),
                other => {
                    let keep = self.eval(other, Some(&docs));
                    acc.into_iter().filter(|e| keep.binary_search_by_key(&e.0, |k| k.0).is_ok()).collect()
                }
            };
        }
        if !acc.is_empty() {
            self.hints.push(Hint::Relaxed { words: words.len(), found });
        }
        acc
    }

    /// The article `like:id` names and its words ([`like_words`]: reading one
    /// article, cheap enough to do again); an id that names no article is a hint.
    fn like(&mut self, id: &str) -> (Option<u32>, Vec<(u32, f32)>) {
        let doc = self.index.find(id);
        let hint = Hint::NoArticle(id.to_string());
        if doc.is_none() && !self.index.has_misses() && !self.hints.contains(&hint) {
            self.hints.push(hint);
        }
        (doc, doc.map(|d| like_words(self.index, d, self.scorer.ranking)).unwrap_or_default())
    }

    /// `within` with zero scores, or every document.
    fn base(&self, within: Option<&[u32]>) -> DocSet {
        match within {
            Some(docs) => docs.iter().map(|&d| (d, 0.0)).collect(),
            None => self.all(),
        }
    }

    /// Dictionary words a query word stands for (looked up once per search).
    fn expand(&mut self, term: &str, mode: Mode) -> Vec<u32> {
        self.expander.expand(self.index, term, mode, &mut self.hints)
    }

    fn dated(&self, r: &DateRange, within: Option<&[u32]>) -> DocSet {
        let inside = |d: u32| self.index.docs[d as usize].date.is_some_and(|d| r.from <= d && d <= r.to);
        match within {
            Some(docs) => docs.iter().filter(|&&d| inside(d)).map(|&d| (d, 0.0)).collect(),
            None => (0..self.index.len() as u32).filter(|&d| inside(d)).map(|d| (d, 0.0)).collect(),
        }
    }

    /// `email:`, `phone:`, `url:`, `amount:`: the articles with a value of
    /// `kind` that `value` matches (a parted archive's values are fetched as
    /// for a facet filter).
    fn faceted(&self, kind: FacetKind, value: &str, within: Option<&[u32]>) -> DocSet {
        let facets = &self.index.facets;
        let ids: Vec<u32> = (0..facets.values.len() as u32)
            .filter(|&i| {
                facets.values[i as usize].kind == kind && fields::matches(kind, &facets.values[i as usize].label, value)
            })
            .collect();
        if ids.is_empty() {
            return DocSet::new();
        }
        // Values of one kind combine with OR, as a facet filter's do.
        let set = self.base(within);
        let docs: Vec<u32> = set.iter().map(|e| e.0).collect();
        let (_, passing) = facets.counts_passing(&docs, &ids);
        set.into_iter().zip(passing).filter(|(_, ok)| *ok).map(|(e, _)| e).collect()
    }

    /// The articles among `within` that the reader's marks put under `kind:value`
    /// (none without marks; an `is:` value it does not know is reported).
    #[cfg(feature = "marks")]
    fn marked(&mut self, kind: crate::marks::MarkKind, value: &str, within: Option<&[u32]>) -> DocSet {
        use crate::marks::{MarkKind, IS_VALUES};
        if kind == MarkKind::Is && !IS_VALUES.contains(&crate::analysis::fold(value).as_str()) {
            let hint = Hint::NothingSearchable(format!("is:{value}"));
            if !self.hints.contains(&hint) {
                self.hints.push(hint);
            }
            return DocSet::new();
        }
        let docs = self.marks.and_then(|m| m.docs(kind, value)).unwrap_or_default();
        let mut set = self.base(within);
        set.retain(|e| docs.binary_search(&e.0).is_ok());
        set
    }
}

/// A mark filter (`is:starred`, `tag:x`): a filter, as dates are.
#[cfg(feature = "marks")]
fn is_mark(n: &Node) -> bool {
    matches!(n, Node::Mark { .. })
}

#[cfg(not(feature = "marks"))]
fn is_mark(_: &Node) -> bool {
    false
}

/// The words of a relaxable query (see [`crate::query::relaxable`]) apart from what still
/// applies to them: exclusions, dates, and unless `quoted` is `None` quoted words
/// and phrases.
fn flatten<'n>(
    nodes: &'n [Node],
    quoted: Option<&[Vec<String>]>,
    words: &mut Vec<(String, Mode)>,
    required: &mut Vec<&'n Node>,
) {
    for n in nodes {
        match n {
            Node::Term { mode: Mode::Exact, .. } if quoted.is_some() => required.push(n),
            Node::Term { term, mode, .. } => words.push((term.clone(), *mode)),
            Node::Phrase { terms, .. } if quoted.is_some_and(|q| q.contains(terms)) => required.push(n),
            // A hyphenated word (`high-speed`) is a phrase unquoted: its words relax too.
            Node::Phrase { terms, .. } => words.extend(terms.iter().map(|t| (t.clone(), Mode::Stem))),
            Node::And(children) => flatten(children, quoted, words, required),
            Node::Not(_) | Node::Date(_) | Node::Facet { .. } | Node::Like(_) | Node::Or(_) => required.push(n),
            #[cfg(feature = "marks")]
            Node::Mark { .. } => required.push(n),
        }
    }
}

/// Folds [versions](crate::versions) in the first `k` of `hits` (in order) into the best placed of
/// their group: per hit of those, [`FOLDED`] when an earlier hit is a version
/// of it, else how many later ones were folded into it. Reads the hits' cards
/// (their text parts: misses while they are on their way). Empty when the
/// archive has no versions.
pub fn fold_versions(index: &Index, hits: &[Hit], k: usize) -> Vec<u32> {
    if index.grouped == 0 {
        return Vec::new();
    }
    let mut out = Vec::with_capacity(k.min(hits.len()));
    // Per group's lead, the hit shown for it.
    let mut shown: Vec<(u32, usize)> = Vec::new();
    for (i, h) in hits.iter().take(k).enumerate() {
        let lead = index.card(h.doc).and_then(|c| c.versions).map(|v| v.lead);
        match lead.and_then(|l| shown.iter().find(|s| s.0 == l)) {
            Some(&(_, first)) => {
                out[first] += 1;
                out.push(FOLDED);
            }
            None => {
                if let Some(l) = lead {
                    shown.push((l, i));
                }
                out.push(0);
            }
        }
    }
    out
}

/// In [`fold_versions`]'s answer: a hit shown as a version of one before it.
pub const FOLDED: u32 = u32::MAX;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sort_keys_round_trip() {
        for s in Sort::ALL {
            assert_eq!(Sort::from_key(s.key()), s);
        }
        assert_eq!(Sort::from_key("newest"), Sort::Newest);
        assert_eq!(Sort::from_key("bogus"), Sort::Relevance);
    }
}
