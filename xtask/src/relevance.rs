//! `cargo xtask relevance`: ranking quality on judged test collections.
//!
//! Each collection in `tests/relevance/` (Cranfield, CISI, MEDLINE: the classic
//! SMART-format files, gzipped) is indexed with the same core code the app runs,
//! each query is searched as a reader would type it, and the top 20 are scored
//! against the collection's judgments: nDCG@10 (graded where the collection
//! grades), P@10 and MAP over the top 20. Beside it, in the same run and on the
//! same tokens (the core's tokenizer and stemmer), a textbook BM25 over the words
//! joined by OR: the reference the ranking has to beat. `--ablate` adds one row
//! per ranking constant changed, which is how the defaults were chosen.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use clippings_core::analysis::{is_function_word, tokenize, Stemmers};
use clippings_core::{search_ranked, Article, Index, Ranking, Sort};

use crate::Result;

/// How deep each ranking is read.
const DEPTH: usize = 20;

/// One judged collection.
struct Collection {
    name: &'static str,
    /// Whether the defaults were tuned on it (the others are held out).
    tuned: bool,
    articles: Vec<Article>,
    queries: Vec<Query>,
}

struct Query {
    text: String,
    /// Article number → gain (> 0: relevant).
    judged: HashMap<u32, u32>,
}

/// Mean scores of one ranking over a collection's queries.
#[derive(Clone, Copy, Default)]
struct Scores {
    ndcg10: f64,
    p10: f64,
    map20: f64,
    /// Queries with no result at all.
    empty: usize,
}

pub fn run(args: &[String]) -> Result {
    let dir = crate::root().join("tests/relevance");
    let ablate = args.iter().any(|a| a == "--ablate");
    let tuning = [cranfield(&dir)?, medline(&dir)?, cisi(&dir)?, cacm(&dir)?, npl(&dir)?];
    if args.iter().any(|a| a == "--grid") {
        return grid(&tuning);
    }
    for c in tuning.iter().chain([adi(&dir)?].iter()) {
        report(c, ablate);
    }
    Ok(())
}

/// `--grid`: every combination of the main constants over the collections the
/// defaults are tuned on (never ADI, the held-out one), best mean first:
/// each collection's nDCG@10 as a share of its best reference.
fn grid(collections: &[Collection]) -> Result {
    let built: Vec<(&Collection, Index, f64)> = collections
        .iter()
        .map(|c| {
            let best = references(c).iter().map(|(_, s)| s.ndcg10).fold(0.0, f64::max);
            (c, Index::build(c.articles.clone()), best)
        })
        .collect();
    let mut rankings = Vec::new();
    for k1 in [0.9, 1.2, 1.5] {
        for b in [0.5, 0.75] {
            for coordination in [0.0, 0.1, 0.3, 0.5] {
                for title_boost in [1.0, 2.0, 3.0] {
                    for proximity in [0.3, 0.6] {
                        rankings.push(Ranking { k1, b, coordination, title_boost, proximity, ..Ranking::DEFAULT });
                    }
                }
            }
        }
    }
    let mut rows = Vec::new();
    for r in rankings {
        let shares: Vec<f64> =
            built.iter().map(|(c, index, best)| evaluate(c, |q| clippings(index, q, &r)).ndcg10 / best).collect();
        let mean = shares.iter().sum::<f64>() / shares.len() as f64;
        let min = shares.iter().copied().fold(f64::MAX, f64::min);
        rows.push((mean, min, r, shares));
    }
    rows.sort_by(|a, b| b.0.total_cmp(&a.0));
    let names: Vec<&str> = collections.iter().map(|c| c.name).collect();
    println!("| k1 | b | coordination | title | proximity | mean | worst | {} |", names.join(" | "));
    for (mean, min, r, shares) in rows.iter().take(15) {
        let each: Vec<String> = shares.iter().map(|s| format!("{s:.3}")).collect();
        println!(
            "| {} | {} | {} | {} | {} | {mean:.3} | {min:.3} | {} |",
            r.k1,
            r.b,
            r.coordination,
            r.title_boost,
            r.proximity,
            each.join(" | ")
        );
    }
    Ok(())
}

fn report(c: &Collection, ablate: bool) {
    let role = if c.tuned { "tuned on" } else { "held out: not tuned on" };
    println!("\n==> {} ({} articles, {} judged queries; {role})", c.name, c.articles.len(), c.queries.len());
    let index = Index::build(c.articles.clone());
    let mut rows: Vec<(String, Scores)> = references(c).into_iter().map(|(name, s)| (name.to_string(), s)).collect();
    rows.extend([
        (
            "Clippings, as typed, relaxing off".into(),
            evaluate(c, |q| clippings(&index, q, &Ranking { relax_below: 0, ..Ranking::DEFAULT })),
        ),
        (
            "Clippings, words joined by OR by hand".into(),
            evaluate(c, |q| clippings(&index, &or_joined(q), &Ranking { relax_below: 0, ..Ranking::DEFAULT })),
        ),
        ("Clippings, as typed (the app)".into(), evaluate(c, |q| clippings(&index, q, &Ranking::DEFAULT))),
    ]);
    if ablate {
        for (name, ranking) in ablations() {
            rows.push((format!("  ablation: {name}"), evaluate(c, |q| clippings(&index, q, &ranking))));
        }
    }
    let best_reference = rows[0].1.ndcg10.max(rows[1].1.ndcg10);
    println!("| ranking | nDCG@10 | P@10 | MAP@20 | queries with no result | nDCG@10 / best reference |");
    println!("| --- | --- | --- | --- | --- | --- |");
    for (name, s) in &rows {
        println!(
            "| {name} | {:.3} | {:.3} | {:.3} | {} | {:.3} |",
            s.ndcg10,
            s.p10,
            s.map20,
            s.empty,
            s.ndcg10 / best_reference
        );
    }
}

/// The reference BM25 over all words and with function words dropped, each
/// built once and scored over the collection's queries.
fn references(c: &Collection) -> [(&'static str, Scores); 2] {
    [(false, "reference BM25, words joined by OR"), (true, "reference BM25, function words dropped")].map(
        |(drop, name)| {
            let bm25 = Bm25::new(&c.articles, drop);
            (name, evaluate(c, |q| bm25.rank(q)))
        },
    )
}

/// Each constant of [`Ranking::DEFAULT`] moved on its own.
fn ablations() -> Vec<(String, Ranking)> {
    let d = Ranking::DEFAULT;
    let mut out = Vec::new();
    for v in [1.0, 2.0, 5.0] {
        out.push((format!("title weight {v}"), Ranking { title_boost: v, ..d }));
    }
    for v in [0.0, 0.3, 1.0] {
        out.push((format!("proximity {v}"), Ranking { proximity: v, ..d }));
    }
    for v in [0.9, 1.2, 2.0] {
        out.push((format!("k1 {v}"), Ranking { k1: v, ..d }));
    }
    for v in [0.3, 0.75, 0.9] {
        out.push((format!("b {v}"), Ranking { b: v, ..d }));
    }
    for v in [0.0, 0.05, 0.2, 0.3, 0.5, 1.0] {
        out.push((format!("coordination {v}"), Ranking { coordination: v, ..d }));
    }
    out.push(("function words kept".into(), Ranking { function_words: false, ..d }));
    for v in [1, 5, 20] {
        out.push((format!("relax below {v} hits"), Ranking { relax_below: v, ..d }));
    }
    out
}

fn clippings(index: &Index, query: &str, ranking: &Ranking) -> Vec<u32> {
    search_ranked(index.into(), query, Sort::Relevance, DEPTH, None, ranking)
        .hits
        .iter()
        .take(DEPTH)
        .map(|h| h.doc)
        .collect()
}

/// A question's words joined by OR, as a reader could type it by hand.
fn or_joined(query: &str) -> String {
    tokenize(query).into_iter().map(|t| t.term).collect::<Vec<_>>().join(" OR ")
}

fn evaluate(c: &Collection, rank: impl Fn(&str) -> Vec<u32>) -> Scores {
    let mut sum = Scores::default();
    for q in &c.queries {
        let ranked = rank(&q.text);
        let s = score(&ranked, &q.judged);
        sum.ndcg10 += s.ndcg10;
        sum.p10 += s.p10;
        sum.map20 += s.map20;
        sum.empty += usize::from(ranked.is_empty());
    }
    let n = c.queries.len() as f64;
    Scores { ndcg10: sum.ndcg10 / n, p10: sum.p10 / n, map20: sum.map20 / n, empty: sum.empty }
}

/// One query's figures: nDCG@10 with linear gains (as trec_eval), P@10, and
/// average precision over the top 20 divided by the number of relevant articles.
fn score(ranked: &[u32], judged: &HashMap<u32, u32>) -> Scores {
    let gain = |d: &u32| judged.get(d).copied().unwrap_or(0) as f64;
    let discount = |i: usize| 1.0 / (i as f64 + 2.0).log2();
    let dcg: f64 = ranked.iter().take(10).enumerate().map(|(i, d)| gain(d) * discount(i)).sum();
    let mut ideal: Vec<f64> = judged.values().map(|&g| g as f64).filter(|&g| g > 0.0).collect();
    ideal.sort_by(|a, b| b.total_cmp(a));
    let idcg: f64 = ideal.iter().take(10).enumerate().map(|(i, g)| g * discount(i)).sum();
    let relevant = ideal.len();
    let (mut found, mut precisions) = (0usize, 0.0);
    for (i, d) in ranked.iter().take(DEPTH).enumerate() {
        if gain(d) > 0.0 {
            found += 1;
            precisions += found as f64 / (i + 1) as f64;
        }
    }
    let p10 = ranked.iter().take(10).filter(|d| gain(d) > 0.0).count() as f64 / 10.0;
    Scores {
        ndcg10: if idcg > 0.0 { dcg / idcg } else { 0.0 },
        p10,
        map20: if relevant > 0 { precisions / relevant as f64 } else { 0.0 },
        empty: 0,
    }
}

/// Textbook BM25 (k1 1.2, b 0.75, idf ln(1 + (N − df + ½)/(df + ½))) over the
/// stems of title, byline and text, every query word optional.
struct Bm25 {
    stemmers: Stemmers,
    drop_function_words: bool,
    /// Stem → (article, term frequency) in article order.
    postings: HashMap<String, Vec<(u32, u32)>>,
    lengths: Vec<f64>,
    avg_len: f64,
}

impl Bm25 {
    fn new(articles: &[Article], drop_function_words: bool) -> Bm25 {
        let stemmers = Stemmers::default();
        let mut b = Bm25 { stemmers, drop_function_words, postings: HashMap::new(), lengths: Vec::new(), avg_len: 0.0 };
        for (doc, a) in articles.iter().enumerate() {
            let text = format!("{}\n{}\n{}", a.title, a.byline.as_deref().unwrap_or(""), a.text);
            let stems = b.stems(&text);
            b.lengths.push(stems.len() as f64);
            let mut tf: HashMap<String, u32> = HashMap::new();
            for s in stems {
                *tf.entry(s).or_default() += 1;
            }
            for (s, n) in tf {
                b.postings.entry(s).or_default().push((doc as u32, n));
            }
        }
        b.avg_len = b.lengths.iter().sum::<f64>() / b.lengths.len().max(1) as f64;
        b
    }

    fn stems(&self, text: &str) -> Vec<String> {
        tokenize(text)
            .into_iter()
            .filter(|t| !(self.drop_function_words && is_function_word(&t.term)))
            .map(|t| self.stemmers.stem(&t.term))
            .collect()
    }

    fn rank(&self, query: &str) -> Vec<u32> {
        let (k1, b, n) = (1.2, 0.75, self.lengths.len() as f64);
        let mut scores: HashMap<u32, f64> = HashMap::new();
        for stem in self.stems(query) {
            let Some(list) = self.postings.get(&stem) else { continue };
            let df = list.len() as f64;
            let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
            for &(doc, tf) in list {
                let (tf, len) = (tf as f64, self.lengths[doc as usize]);
                *scores.entry(doc).or_default() +=
                    idf * tf * (k1 + 1.0) / (tf + k1 * (1.0 - b + b * len / self.avg_len));
            }
        }
        let mut ranked: Vec<(u32, f64)> = scores.into_iter().collect();
        ranked.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
        ranked.into_iter().take(DEPTH).map(|(d, _)| d).collect()
    }
}

/// A SMART-format file: records opened by `.I n`, fields by `.X` lines.
fn records(text: &str) -> Vec<(String, HashMap<char, String>)> {
    let mut out: Vec<(String, HashMap<char, String>)> = Vec::new();
    let mut field = None;
    for line in text.lines() {
        if let Some(id) = line.strip_prefix(".I ").or((line == ".I").then_some("")) {
            out.push((id.trim().to_string(), HashMap::new()));
            field = None;
        } else if line.len() == 2 && line.starts_with('.') {
            field = line.chars().nth(1);
        } else if let (Some(f), Some((_, fields))) = (field, out.last_mut()) {
            let value = fields.entry(f).or_default();
            value.push_str(line.trim());
            value.push('\n');
        }
    }
    out
}

fn read_gz(path: &Path) -> Result<String> {
    let file = std::fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut text = String::new();
    flate2::read::GzDecoder::new(file).read_to_string(&mut text).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(text)
}

fn articles(path: &Path) -> Result<(Vec<Article>, HashMap<String, u32>)> {
    let mut numbers = HashMap::new();
    let mut out = Vec::new();
    for (id, fields) in records(&read_gz(path)?) {
        let field = |c: char| fields.get(&c).map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "));
        let text = fields.get(&'W').cloned().unwrap_or_default().trim().to_string();
        numbers.insert(id.trim_start_matches('0').to_string(), out.len() as u32);
        let whole = 0..text.len();
        out.push(Article {
            id: id.clone(),
            title: field('T').unwrap_or_default(),
            title_derived: false,
            date: None,
            byline: field('A').filter(|a| !a.is_empty()),
            paragraphs: vec![whole],
            text,
            boilerplate: Vec::new(),
            meta: Default::default(),
        });
    }
    Ok((out, numbers))
}

/// Queries of a `.QRY` file in file order, with their `.I` number.
fn query_texts(path: &Path) -> Result<Vec<(String, String)>> {
    Ok(records(&read_gz(path)?)
        .into_iter()
        .map(|(id, f)| {
            let text = f.get(&'W').cloned().unwrap_or_default().split_whitespace().collect::<Vec<_>>().join(" ");
            (id.trim_start_matches('0').to_string(), text)
        })
        .collect())
}

/// Keeps the queries with at least one relevant article.
fn judged(texts: Vec<(String, String)>, mut judgments: HashMap<String, HashMap<u32, u32>>) -> Vec<Query> {
    texts
        .into_iter()
        .filter_map(|(id, text)| {
            let judged = judgments.remove(&id)?;
            judged.values().any(|&g| g > 0).then_some(Query { text, judged })
        })
        .collect()
}

/// Cranfield: 1,400 aeronautics abstracts, 225 queries. `cranqrel` numbers the
/// queries 1..225 in file order (not by their `.I`), grades 1 (a complete answer)
/// to 4 (minimum interest), −1 for none: gains 4..1, and 0.
fn cranfield(dir: &Path) -> Result<Collection> {
    let (articles, numbers) = articles(&dir.join("cran.all.1400.gz"))?;
    let texts: Vec<(String, String)> = query_texts(&dir.join("cran.qry.gz"))?
        .into_iter()
        .enumerate()
        .map(|(i, (_, t))| ((i + 1).to_string(), t))
        .collect();
    let mut judgments: HashMap<String, HashMap<u32, u32>> = HashMap::new();
    for line in read_gz(&dir.join("cranqrel.gz"))?.lines() {
        let f: Vec<&str> = line.split_whitespace().collect();
        if let [q, d, grade] = f[..] {
            let gain = match grade.parse::<i32>()? {
                g @ 1..=4 => 5 - g as u32,
                _ => 0,
            };
            if let Some(&doc) = numbers.get(d) {
                judgments.entry(q.to_string()).or_default().insert(doc, gain);
            }
        }
    }
    Ok(Collection { name: "Cranfield", tuned: true, articles, queries: judged(texts, judgments) })
}

/// A SMART-format collection with binary judgments: its `.ALL` articles, `.QRY`
/// questions, and a judgments file with the query and article numbers in
/// columns `q` and `d` (query numbers compared without leading zeros).
fn smart(
    dir: &Path,
    name: &'static str,
    tuned: bool,
    [all, qry, rel]: [&str; 3],
    (q, d): (usize, usize),
) -> Result<Collection> {
    let (articles, numbers) = articles(&dir.join(all))?;
    let texts = query_texts(&dir.join(qry))?;
    let judgments = binary(&read_gz(&dir.join(rel))?, q, d, &numbers);
    let judgments = judgments.into_iter().map(|(q, j)| (q.trim_start_matches('0').to_string(), j)).collect();
    Ok(Collection { name, tuned, articles, queries: judged(texts, judgments) })
}

/// CISI: 1,460 library-science abstracts, 112 queries (76 judged), judgments `query doc 0 0.0`.
fn cisi(dir: &Path) -> Result<Collection> {
    smart(dir, "CISI", true, ["CISI.ALL.gz", "CISI.QRY.gz", "CISI.REL.gz"], (0, 1))
}

/// MEDLINE: 1,033 medical abstracts, 30 queries, judgments `query 0 doc 1`.
fn medline(dir: &Path) -> Result<Collection> {
    smart(dir, "MEDLINE", true, ["MED.ALL.gz", "MED.QRY.gz", "MED.REL.gz"], (0, 2))
}

/// ADI: 82 documentation abstracts, 35 queries, judgments `query doc 0 0.0`.
/// Tiny, so noisy; kept aside as the one collection nothing was tuned on.
fn adi(dir: &Path) -> Result<Collection> {
    smart(dir, "ADI", false, ["ADI.ALL.gz", "ADI.QRY.gz", "ADI.REL.gz"], (0, 1))
}

/// CACM: 3,204 computing abstracts (titles and some text), 64 queries (52 judged),
/// judgments `query doc 0 0` with zero-padded query numbers.
fn cacm(dir: &Path) -> Result<Collection> {
    smart(dir, "CACM", true, ["cacm.all.gz", "cacm.query.text.gz", "cacm.qrels.text.gz"], (0, 1))
}

/// NPL: 11,429 electronics abstracts, 93 queries, binary judgments. Its own
/// format: a number, the text, a line `/`; judgments list a query's articles.
fn npl(dir: &Path) -> Result<Collection> {
    let blocks = |text: String| -> Vec<(String, String)> {
        text.split("\n   /\n")
            .flat_map(|b| b.split("\n/\n"))
            .filter_map(|b| {
                let b = b.trim();
                let (id, rest) = b.split_once('\n')?;
                Some((id.trim().to_string(), rest.split_whitespace().collect::<Vec<_>>().join(" ")))
            })
            .collect()
    };
    let mut numbers = HashMap::new();
    let mut articles = Vec::new();
    for (id, text) in blocks(read_gz(&dir.join("npl.doc-text.gz"))?) {
        numbers.insert(id.clone(), articles.len() as u32);
        let whole = 0..text.len();
        articles.push(Article {
            id,
            title: String::new(),
            title_derived: false,
            date: None,
            byline: None,
            paragraphs: vec![whole],
            text,
            boilerplate: Vec::new(),
            meta: Default::default(),
        });
    }
    let texts: Vec<(String, String)> =
        blocks(read_gz(&dir.join("npl.query-text.gz"))?).into_iter().map(|(id, t)| (id, t.to_lowercase())).collect();
    let mut judgments: HashMap<String, HashMap<u32, u32>> = HashMap::new();
    for (q, docs) in blocks(read_gz(&dir.join("npl.rlv-ass.gz"))?) {
        let judged = judgments.entry(q).or_default();
        for d in docs.split_whitespace().filter_map(|d| numbers.get(d)) {
            judged.insert(*d, 1);
        }
    }
    Ok(Collection { name: "NPL", tuned: true, articles, queries: judged(texts, judgments) })
}

/// Judgments with the query and article numbers in columns `q` and `d`.
fn binary(text: &str, q: usize, d: usize, numbers: &HashMap<String, u32>) -> HashMap<String, HashMap<u32, u32>> {
    let mut out: HashMap<String, HashMap<u32, u32>> = HashMap::new();
    for line in text.lines() {
        let f: Vec<&str> = line.split_whitespace().collect();
        if let (Some(qid), Some(doc)) = (f.get(q), f.get(d).and_then(|d| numbers.get(*d))) {
            out.entry(qid.to_string()).or_default().insert(*doc, 1);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_of_known_rankings() {
        let judged: HashMap<u32, u32> = [(1, 2), (2, 1), (3, 0)].into_iter().collect();
        // The ideal order.
        let s = score(&[1, 2, 5], &judged);
        assert!((s.ndcg10 - 1.0).abs() < 1e-9);
        assert!((s.p10 - 0.2).abs() < 1e-9);
        assert!((s.map20 - 1.0).abs() < 1e-9);
        // Relevant articles at ranks 2 and 4: AP = (1/2 + 2/4) / 2.
        let s = score(&[3, 2, 7, 1], &judged);
        assert!((s.map20 - 0.5).abs() < 1e-9);
        let dcg = 1.0 / 3f64.log2() + 2.0 / 5f64.log2();
        let idcg = 2.0 + 1.0 / 3f64.log2();
        assert!((s.ndcg10 - dcg / idcg).abs() < 1e-9);
        // Nothing found.
        let s = score(&[], &judged);
        assert_eq!((s.ndcg10, s.p10, s.map20), (0.0, 0.0, 0.0));
    }

    #[test]
    fn smart_records() {
        let r = records(".I 001\n.T\nA title\n.W\nline one\nline two\n.I 2\n.W\nx\n");
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].0, "001");
        assert_eq!(r[0].1[&'T'], "A title\n");
        assert_eq!(r[0].1[&'W'], "line one\nline two\n");
        assert_eq!(r[1].1[&'W'], "x\n");
    }
}
