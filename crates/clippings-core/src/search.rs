//! Query × Index → ranked hits, hints, and a [`Matcher`] that finds the same
//! matches again in displayed text for highlighting.
//!
//! Ranking is BM25 over title + byline + body, with title occurrences counted
//! more, and a bonus for query words standing close together ([`Ranking`]).
//! Ties go to the newer article. Bare words that no article holds all of relax
//! to the articles holding the most of them.

use crate::analysis::{is_function_word, Stemmers};
use crate::fuzzy::{fuzzy_terms, max_typos};
use crate::highlight::Matcher;
use crate::index::{positions_stored, Cursor, Field, Index, Posting};
use crate::query::{parse_query, DateRange, Hint, Mode, Node, Parsed};

/// A prefix expands to at most this many dictionary words.
pub const MAX_PREFIX_TERMS: usize = 256;
/// Only this many top documents are re-ranked by proximity.
pub const PROXIMITY_DEPTH: usize = 100;

/// The constants of ranking. [`Ranking::DEFAULT`] is what the app uses; the
/// relevance benchmark (`cargo xtask relevance`) measures the others.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ranking {
    /// BM25 term-frequency saturation.
    pub k1: f32,
    /// BM25 length normalisation.
    pub b: f32,
    /// A title occurrence counts this many body occurrences.
    pub title_boost: f32,
    /// Each pair of neighbouring query words adds this much divided by their
    /// closest distance in the article (1 for adjacent words); 0 turns it off.
    pub proximity: f32,
    /// A relaxed search multiplies a score by 1 − c + c × (words held / words asked):
    /// a bonus for holding more of the question's words (0: none).
    pub coordination: f32,
    /// A relaxed search drops function words ([`is_function_word`]) from the question.
    pub function_words: bool,
    /// When the implicit AND of bare words finds fewer articles than this, rank
    /// the articles holding the most of them instead (with [`Hint::Relaxed`]):
    /// 1 relaxes only what finds nothing, 0 never; past 1 it applies only to
    /// questions of more than [`FEW_WORDS`] content words.
    pub relax_below: usize,
}

/// Queries of this many content words or fewer relax only when they find nothing:
/// a reporter who types two or three words wants every one of them.
pub const FEW_WORDS: usize = 3;

impl Ranking {
    pub const DEFAULT: Ranking = Ranking {
        k1: 1.5,
        b: 0.5,
        title_boost: 3.0,
        proximity: 0.6,
        coordination: 0.1,
        function_words: true,
        relax_below: 10,
    };
}

impl Default for Ranking {
    fn default() -> Self {
        Ranking::DEFAULT
    }
}

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
}

/// A set of documents with scores, sorted by document number.
type DocSet = Vec<(u32, f32)>;

/// Runs a query string against the index.
pub fn search(index: &Index, query: &str, sort: Sort) -> Results {
    search_top(index, query, sort, usize::MAX)
}

/// Like [`search`], but only the first `k` hits are put in order (the rest follow
/// in no particular order): a page of results without sorting every hit.
pub fn search_top(index: &Index, query: &str, sort: Sort, k: usize) -> Results {
    search_page(index, query, sort, k, None)
}

/// What the app shows: hits of `query` that pass the facet `filters` (value ids;
/// OR within a kind, AND across kinds), the best `k` in order, and the facet counts
/// over the query's hits. `None` skips facets entirely (no counts).
pub fn search_page(index: &Index, query: &str, sort: Sort, k: usize, filters: Option<&[u32]>) -> Results {
    search_ranked(index, query, sort, k, filters, &Ranking::DEFAULT)
}

/// [`search_page`] with other ranking constants (the relevance benchmark's ablations).
pub fn search_ranked(
    index: &Index,
    query: &str,
    sort: Sort,
    k: usize,
    filters: Option<&[u32]>,
    ranking: &Ranking,
) -> Results {
    let Parsed { node, mut hints, relaxable } = parse_query(query);
    let mut s = Searcher {
        index,
        ranking,
        avg_len: index.avg_len(),
        stemmers: Stemmers::default(),
        hints: Vec::new(),
        matcher: Matcher::default(),
        groups: Vec::new(),
        expanded: Vec::new(),
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
    let set = match filters {
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
    let k = if proximity { k.max(PROXIMITY_DEPTH) } else { k };
    sort_top(index, &mut hits, sort, k);
    if proximity {
        let depth = hits.len().min(PROXIMITY_DEPTH);
        proximity_rerank(index, &s.groups, ranking.proximity, &mut hits[..depth]);
        sort_top(index, &mut hits[..depth], sort, depth);
    }
    Results { hits, hints, matcher: s.matcher, facet_counts }
}

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
    ranking: &'a Ranking,
    avg_len: f32,
    stemmers: Stemmers,
    hints: Vec<Hint>,
    matcher: Matcher,
    /// Dictionary words of each plain word of a top-level AND, in query order.
    groups: Vec<Vec<u32>>,
    /// Words already expanded, so a word is looked up (and corrected) once.
    expanded: Vec<(String, Mode, Vec<u32>)>,
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
            Node::Date(_) => {}
            Node::Not(inner) => self.mark(inner, !positive),
            Node::Or(children) => children.iter().for_each(|c| self.mark(c, positive)),
            Node::And(children) => {
                let (neg, pos): (Vec<&Node>, Vec<&Node>) = children.iter().partition(|c| matches!(c, Node::Not(_)));
                pos.into_iter().chain(neg).for_each(|c| self.mark(c, positive));
            }
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
            Node::Date(_) | Node::Not(_) => n,
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
                self.score_terms(&ids, *mode, *field, within)
            }
            Node::Phrase { terms, slop, field } => self.phrase(terms, *slop, *field, within),
            Node::Date(r) => self.dated(r, within),
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
        let dropped = |w: &str| self.ranking.function_words && is_function_word(w);
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
            for (doc, score) in self.score_terms(&ids, *mode, None, None) {
                scores[doc as usize] += score * times;
                counts[doc as usize] += 1;
            }
            self.groups.push(ids);
        }
        // Quoted words and phrases every match must hold: only the articles holding
        // them all, ranked by the other words too (quoted ones count as held by all).
        let (filters, musts): (Vec<&Node>, Vec<&Node>) =
            required.into_iter().partition(|n| matches!(n, Node::Not(_) | Node::Date(_)));
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
        let (asked, c) = ((content.len() + musts.len()) as f32, self.ranking.coordination);
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

    /// `within` with zero scores, or every document.
    fn base(&self, within: Option<&[u32]>) -> DocSet {
        match within {
            Some(docs) => docs.iter().map(|&d| (d, 0.0)).collect(),
            None => self.all(),
        }
    }

    /// Dictionary words a query word stands for (looked up once per search).
    fn expand(&mut self, term: &str, mode: Mode) -> Vec<u32> {
        if let Some((_, _, ids)) = self.expanded.iter().find(|(t, m, _)| t == term && *m == mode) {
            return ids.clone();
        }
        let ids = self.look_up(term, mode);
        self.expanded.push((term.to_string(), mode, ids.clone()));
        ids
    }

    fn look_up(&mut self, term: &str, mode: Mode) -> Vec<u32> {
        let ix = self.index;
        match mode {
            Mode::Exact => ix.term_id(term).into_iter().collect(),
            Mode::Prefix => {
                let r = ix.prefix_range(term);
                if r.len() > MAX_PREFIX_TERMS {
                    self.hints.push(Hint::PrefixCapped { prefix: term.to_string(), kept: MAX_PREFIX_TERMS });
                }
                r.take(MAX_PREFIX_TERMS).collect()
            }
            Mode::Fuzzy => fuzzy_terms(&ix.terms, term, max_typos(term)).into_iter().map(|(id, _)| id).collect(),
            Mode::Stem => {
                let mut ids: Vec<u32> = ix.terms_with_stem(&self.stemmers.stem(term)).to_vec();
                if let Some(id) = ix.term_id(term) {
                    if !ids.contains(&id) {
                        ids.push(id);
                    }
                }
                if ids.is_empty() {
                    ids = self.corrected(term);
                }
                ids
            }
        }
    }

    /// The nearest dictionary words, when the word itself has no hit.
    fn corrected(&mut self, term: &str) -> Vec<u32> {
        let found = fuzzy_terms(&self.index.terms, term, max_typos(term));
        let Some(best) = found.iter().map(|&(_, d)| d).min() else {
            return Vec::new();
        };
        let mut ids: Vec<u32> = found.into_iter().filter(|&(_, d)| d == best).map(|(id, _)| id).collect();
        crate::sort::sort_by_key(&mut ids, |&id| std::cmp::Reverse(self.index.doc_freq[id as usize]));
        ids.truncate(8);
        let to = ids.iter().map(|&i| self.index.terms[i as usize].clone()).collect();
        self.hints.push(Hint::Corrected { from: term.to_string(), to });
        ids
    }

    fn idf(&self, df: u32) -> f32 {
        let n = self.index.len() as f32;
        let df = df as f32;
        (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
    }

    fn bm25(&self, idf: f32, tf: f32, doc: u32) -> f32 {
        let Ranking { k1, b, .. } = *self.ranking;
        let len = self.index.lengths[doc as usize].total() as f32;
        idf * tf * (k1 + 1.0) / (tf + k1 * (1.0 - b + b * len / self.avg_len))
    }

    fn tf(&self, p: &Posting, field: Option<Field>) -> f32 {
        match field {
            Some(Field::Title) => p.title_tf as f32,
            Some(Field::Byline) => p.byline_tf as f32,
            Some(Field::Body) => p.body_tf as f32,
            None => p.title_tf as f32 * self.ranking.title_boost + p.byline_tf as f32 + p.body_tf as f32,
        }
    }

    /// BM25 of a query word over the dictionary words it stands for. The forms
    /// of one word (`mode` Stem) count as one term, as a stemmed index would have
    /// them: their frequencies add up before saturation, under one idf. A prefix
    /// or typo-tolerant word scores each distinct word it reaches on its own.
    fn score_terms(&self, ids: &[u32], mode: Mode, field: Option<Field>, within: Option<&[u32]>) -> DocSet {
        // Each posting list is in document order: read it straight into a sorted
        // set, then merge the lists of a word's forms.
        let mut acc = DocSet::new();
        let grouped = mode == Mode::Stem && ids.len() > 1;
        for &id in ids {
            let mut cursor = self.index.postings(id);
            let mut list = DocSet::new();
            let mut add = |p: &Posting| {
                let tf = self.tf(p, field);
                if tf > 0.0 {
                    list.push((p.doc, tf));
                }
            };
            match within {
                None => cursor.for_each(|p| add(&p)),
                Some(docs) => {
                    for &d in docs {
                        match cursor.advance(d) {
                            Some(p) if p.doc == d => add(&p),
                            Some(_) => {}
                            None => break,
                        }
                    }
                }
            }
            if !grouped {
                let idf = self.idf(self.index.doc_freq[id as usize]);
                list.iter_mut().for_each(|e| e.1 = self.bm25(idf, e.1, e.0));
            }
            acc = if acc.is_empty() { list } else { union(&acc, &list) };
        }
        if grouped {
            let idf = self.idf(self.group_df(ids));
            acc.iter_mut().for_each(|e| e.1 = self.bm25(idf, e.1, e.0));
        }
        acc
    }

    /// About how many documents hold any of `ids`: exact for one word; for
    /// several, as if they occurred independently (a little high for forms of
    /// one word, which travel together), so it never depends on `within`.
    fn group_df(&self, ids: &[u32]) -> u32 {
        let n = self.index.len() as f64;
        let none: f64 = ids.iter().map(|&id| 1.0 - self.index.doc_freq[id as usize] as f64 / n).product();
        let max = ids.iter().map(|&id| self.index.doc_freq[id as usize]).max().unwrap_or(0);
        ((n * (1.0 - none) + 0.5) as u32).max(max)
    }

    /// Documents where the words stand in order (slop 0), or each within `slop`
    /// positions of its place relative to the first word. The rarest word's list
    /// drives; positions are read only where every word occurs: from the postings
    /// when all the words keep them ([`positions_stored`]), otherwise from the
    /// article's words — for an exact phrase only where the words that keep
    /// positions already stand in place.
    fn phrase(&self, terms: &[String], slop: u32, field: Option<Field>, within: Option<&[u32]>) -> DocSet {
        let ix = self.index;
        let Some(ids) = terms.iter().map(|t| ix.term_id(t)).collect::<Option<Vec<u32>>>() else {
            return DocSet::new();
        };
        let Some(lead) = (0..ids.len()).min_by_key(|&i| ix.doc_freq[ids[i] as usize]) else {
            return DocSet::new();
        };
        let idfs: Vec<f32> = ids.iter().map(|&id| self.idf(ix.doc_freq[id as usize])).collect();
        let mut cursors: Vec<_> = ids.iter().map(|&id| ix.postings(id)).collect();
        // Where each word's positions come from without reading the article's words.
        let common = ix.common_positions();
        let known: Vec<Option<Known>> = ids
            .iter()
            .map(|&id| {
                if positions_stored(ix.doc_freq[id as usize], ix.len()) {
                    Some(Known::Postings)
                } else {
                    common.filter(|c| c.terms.binary_search(&id).is_ok()).map(|_| Known::Common)
                }
            })
            .collect();
        let sets = (known.iter().any(Option::is_none))
            .then(|| ix.word_sets(&ids.iter().map(std::slice::from_ref).collect::<Vec<_>>()));
        let prefilter = slop == 0 && known.iter().flatten().count() >= 2;
        // Few allowed documents: look each one up; otherwise walk the rarest list.
        let by_within = within.filter(|w| w.len() < ix.doc_freq[ids[lead] as usize] as usize);
        let (mut w_at, mut out) = (0usize, DocSet::new());
        loop {
            let doc = match by_within {
                Some(w) => match w.get(w_at) {
                    Some(&d) => {
                        w_at += 1;
                        d
                    }
                    None => break,
                },
                None => match cursors[lead].next() {
                    Some(p) => p.doc,
                    None => break,
                },
            };
            if by_within.is_none() {
                if let Some(w) = within {
                    // Walk `within` along: is `doc` in it?
                    w_at += w[w_at..].partition_point(|&d| d < doc);
                    if w.get(w_at) != Some(&doc) {
                        continue;
                    }
                }
            }
            let mut all = true;
            for (k, c) in cursors.iter_mut().enumerate() {
                if k == lead && by_within.is_none() {
                    continue;
                }
                match c.advance(doc) {
                    Some(p) if p.doc == doc => {}
                    Some(_) => {
                        all = false;
                        break;
                    }
                    None => return out,
                }
            }
            if !all {
                continue;
            }
            let read = |i: usize, c: &mut Cursor| match known[i] {
                Some(Known::Postings) => c.positions(),
                Some(Known::Common) => common.and_then(|t| t.positions(doc, ids[i])).unwrap_or_default(),
                None => Vec::new(),
            };
            let positions: Vec<Vec<u32>> = match &sets {
                None => cursors.iter_mut().enumerate().map(|(i, c)| read(i, c)).collect(),
                Some(sets) => {
                    if prefilter {
                        let placed: Vec<(u32, Vec<u32>)> = (cursors.iter_mut().enumerate())
                            .filter(|(i, _)| known[*i].is_some())
                            .map(|(i, c)| (i as u32, read(i, c)))
                            .collect();
                        if !in_place(&placed) {
                            continue;
                        }
                    }
                    ix.positions(doc, sets)
                }
            };
            let len = ix.lengths[doc as usize];
            let count = phrase_matches(&positions, slop)
                .filter(|&start| field.is_none_or(|f| len.field_of(start) == f))
                .count();
            if count > 0 {
                let score: f32 = idfs.iter().map(|&idf| self.bm25(idf, count as f32, doc)).sum();
                out.push((doc, score));
            }
        }
        out
    }

    fn dated(&self, r: &DateRange, within: Option<&[u32]>) -> DocSet {
        let inside = |d: u32| self.index.docs[d as usize].date.is_some_and(|d| r.from <= d && d <= r.to);
        match within {
            Some(docs) => docs.iter().filter(|&&d| inside(d)).map(|&d| (d, 0.0)).collect(),
            None => (0..self.index.len() as u32).filter(|&d| inside(d)).map(|d| (d, 0.0)).collect(),
        }
    }
}

/// Adds the proximity bonus to `hits`: neighbouring query words that stand close
/// together in an article lift it. Positions come from each hit's words.
fn proximity_rerank(index: &Index, groups: &[Vec<u32>], weight: f32, hits: &mut [Hit]) {
    let sets = index.word_sets(&groups.iter().map(Vec::as_slice).collect::<Vec<_>>());
    for h in hits.iter_mut() {
        // positions[g]: sorted positions of group g's words in this article.
        let positions = index.positions(h.doc, &sets);
        for pair in positions.windows(2) {
            if let Some(d) = closest(&pair[0], &pair[1]) {
                h.score += weight / d.max(1) as f32;
            }
        }
    }
}

/// The smallest distance between a value of `a` and a value of `b` (both sorted).
fn closest(a: &[u32], b: &[u32]) -> Option<u32> {
    let (mut i, mut j, mut best) = (0, 0, None::<u32>);
    while i < a.len() && j < b.len() {
        let d = a[i].abs_diff(b[j]);
        best = Some(best.map_or(d, |x| x.min(d)));
        if a[i] < b[j] {
            i += 1;
        } else {
            j += 1;
        }
    }
    best
}

/// Where a phrase word's positions are read from when not from the article's words.
#[derive(Clone, Copy)]
enum Known {
    /// Its postings ([`positions_stored`]).
    Postings,
    /// The common words' table built after start-up ([`crate::common`]).
    Common,
}

/// Whether some start `s` puts every word at `s + offset` (words as `(offset, sorted positions)`).
fn in_place(words: &[(u32, Vec<u32>)]) -> bool {
    let Some((first, rest)) = words.split_first() else { return true };
    first.1.iter().filter_map(|&p| p.checked_sub(first.0)).any(|s| {
        rest.iter().all(|(offset, ps)| s.checked_add(*offset).is_some_and(|want| ps.binary_search(&want).is_ok()))
    })
}

/// Start positions of phrase matches, given each word's sorted positions.
fn phrase_matches(positions: &[Vec<u32>], slop: u32) -> impl Iterator<Item = u32> + '_ {
    positions[0].iter().copied().filter(move |&start| {
        positions.iter().enumerate().skip(1).all(|(i, ps)| {
            let want = start + i as u32;
            if slop == 0 {
                ps.binary_search(&want).is_ok()
            } else {
                let lo = ps.partition_point(|&p| p + slop < want);
                ps.get(lo).is_some_and(|&p| p <= want + slop)
            }
        })
    })
}

fn union(a: &DocSet, b: &DocSet) -> DocSet {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => {
                out.push(a[i]);
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                out.push(b[j]);
                j += 1;
            }
            std::cmp::Ordering::Equal => {
                out.push((a[i].0, a[i].1 + b[j].1));
                i += 1;
                j += 1;
            }
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
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
            Node::Not(_) | Node::Date(_) | Node::Or(_) => required.push(n),
        }
    }
}

fn intersect(a: &DocSet, b: &DocSet) -> DocSet {
    let mut out = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push((a[i].0, a[i].1 + b[j].1));
                i += 1;
                j += 1;
            }
        }
    }
    out
}

fn difference(mut a: DocSet, b: &DocSet) -> DocSet {
    a.retain(|(d, _)| b.binary_search_by_key(d, |e| e.0).is_err());
    a
}

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
