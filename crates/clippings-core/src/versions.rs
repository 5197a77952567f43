//! Versions: articles that are near-duplicates of each other (a wire story
//! reprinted by several papers, a copy reworded or cut), found at build time.
//!
//! Two articles are versions of each other when the sets of three-word
//! sequences (*shingles*) of their searchable bodies overlap by a Jaccard
//! similarity of at least [`THRESHOLD`]. Comparing every pair is quadratic, so
//! each article gets a MinHash signature of [`HASHES`] values (the smallest of
//! each of [`HASHES`] hash functions over its shingles, of which the lowest 16
//! bits are kept: b-bit MinHash); the share of equal values between two
//! signatures estimates their Jaccard similarity. Locality-sensitive hashing
//! finds the candidate pairs: the signature is cut into [`BANDS`] bands of
//! [`ROWS`] values, and articles that agree on a whole band are compared (a
//! pair of similarity 0.4 becomes a candidate with probability 0.93, 0.5 with
//! 0.996; two unrelated articles almost never). A candidate pair whose
//! signatures agree on at least [`THRESHOLD`] of their values is joined, and a
//! *group* of versions is what joined pairs connect.
//!
//! In a group, the earliest dated article (the first in the archive among
//! equals) is the one the others are compared with; it is compared with the
//! next. What differs is marked by word: a word of an article differs when no
//! three-word sequence around it occurs in the article it is compared with
//! ([`changed`]), so a paragraph moved elsewhere is not marked, and a reworded
//! phrase or an added paragraph is.

use std::ops::Range;

use crate::analysis::tokenize;
use crate::article::Article;

/// Words per shingle.
pub const SHINGLE: usize = 3;
/// Values per signature.
pub const HASHES: usize = BANDS * ROWS;
/// Bands of the signature that locality-sensitive hashing compares.
pub const BANDS: usize = 42;
/// Values per band.
pub const ROWS: usize = 3;
/// The least estimated Jaccard similarity of two versions' shingles. A copy
/// with one word in ten replaced keeps about 0.5; a paragraph added to a
/// four-paragraph story keeps 0.8; two reports of the same event in their own
/// words share well under 0.1.
pub const THRESHOLD: f64 = 0.4;
/// An article needs this many shingles (seven words) to have versions: two
/// one-line items alike are not a story reprinted.
pub const MIN_SHINGLES: usize = 5;
/// Bucket members one is compared with (a bucket of many copies of the same text
/// joins them all through the previous few).
const BUCKET_LOOKBACK: usize = 8;

/// A word's hash, for its shingles: FNV-1a over its bytes, mixed.
pub fn term_hash(term: &str) -> u64 {
    mix(term.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)))
}

/// SplitMix64's finalizer: every input bit reaches every output bit.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The hashes of the shingles of a text whose words hash to `words`, in order.
pub fn shingles(words: &[u64]) -> impl Iterator<Item = u64> + '_ {
    words.windows(SHINGLE).map(|w| w.iter().fold(0u64, |h, &x| mix(h.rotate_left(21) ^ x)))
}

/// A MinHash signature: per hash function, the low 16 bits of the least value.
pub type Signature = [u16; HASHES];

/// The [`HASHES`] hash functions `x ↦ (a·x + b) >> 32` over 64-bit shingle hashes.
fn functions() -> &'static [(u64, u64); HASHES] {
    static F: std::sync::OnceLock<[(u64, u64); HASHES]> = std::sync::OnceLock::new();
    F.get_or_init(|| {
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        std::array::from_fn(|_| {
            seed = seed.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let a = mix(seed) | 1;
            seed = seed.wrapping_add(0x9e37_79b9_7f4a_7c15);
            (a, mix(seed))
        })
    })
}

/// The signature of a text whose words hash to `words`; `None` below
/// [`MIN_SHINGLES`] shingles.
pub fn signature(words: &[u64]) -> Option<Box<Signature>> {
    if words.len() + 1 < SHINGLE + MIN_SHINGLES {
        return None;
    }
    let f = functions();
    let mut least = [u32::MAX; HASHES];
    for s in shingles(words) {
        for (l, &(a, b)) in least.iter_mut().zip(f) {
            *l = (*l).min((a.wrapping_mul(s).wrapping_add(b) >> 32) as u32);
        }
    }
    Some(Box::new(least.map(|v| v as u16)))
}

/// The share of equal values: an estimate of the Jaccard similarity.
pub fn similarity(a: &Signature, b: &Signature) -> f64 {
    a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / HASHES as f64
}

/// The exact Jaccard similarity of two texts' shingle sets (what the signatures
/// estimate; for tests and the documentation's figures).
pub fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    let set = |w: &[u64]| shingles(w).collect::<std::collections::HashSet<u64>>();
    let (a, b) = (set(a), set(b));
    let union = a.union(&b).count();
    if union == 0 {
        return 0.0;
    }
    a.intersection(&b).count() as f64 / union as f64
}

/// The groups of versions among articles with signatures `sigs` (by document
/// number): each group ascending, at least two articles, groups in order of
/// their first.
pub fn groups(sigs: &[Option<Box<Signature>>]) -> Vec<Vec<u32>> {
    let mut parent: Vec<u32> = (0..sigs.len() as u32).collect();
    fn find(parent: &mut [u32], mut x: u32) -> u32 {
        while parent[x as usize] != x {
            let up = parent[parent[x as usize] as usize];
            parent[x as usize] = up;
            x = up;
        }
        x
    }
    let mut keys: Vec<(u64, u32)> = Vec::new();
    for band in 0..BANDS {
        keys.clear();
        for (doc, sig) in sigs.iter().enumerate() {
            if let Some(sig) = sig {
                let rows = &sig[band * ROWS..(band + 1) * ROWS];
                let key = rows.iter().fold(0u64, |k, &r| k << 16 | u64::from(r));
                keys.push((key, doc as u32));
            }
        }
        keys.sort_unstable();
        for bucket in keys.chunk_by(|a, b| a.0 == b.0) {
            for (i, &(_, doc)) in bucket.iter().enumerate().skip(1) {
                for &(_, other) in &bucket[i.saturating_sub(BUCKET_LOOKBACK)..i] {
                    let (a, b) = (find(&mut parent, doc), find(&mut parent, other));
                    if a == b {
                        continue;
                    }
                    let (Some(x), Some(y)) = (&sigs[doc as usize], &sigs[other as usize]) else { continue };
                    if similarity(x, y) >= THRESHOLD {
                        parent[a.max(b) as usize] = a.min(b);
                    }
                }
            }
        }
    }
    let mut by_root: Vec<(u32, u32)> = (0..sigs.len() as u32).map(|d| (find(&mut parent, d), d)).collect();
    by_root.sort_unstable();
    by_root.chunk_by(|a, b| a.0 == b.0).filter(|g| g.len() > 1).map(|g| g.iter().map(|&(_, d)| d).collect()).collect()
}

/// The byte ranges of `words` (terms with their spans, in order) that differ
/// from a text whose words hash to `other`: the words that no shingle shared
/// with `other` covers, adjacent ones joined.
pub fn changed(words: &[(u64, Range<usize>)], other: &[u64]) -> Vec<Range<usize>> {
    let shared: std::collections::HashSet<u64> = shingles(other).collect();
    let hashes: Vec<u64> = words.iter().map(|w| w.0).collect();
    let mut covered = vec![false; words.len()];
    for (i, s) in shingles(&hashes).enumerate() {
        if shared.contains(&s) {
            covered[i..i + SHINGLE].iter_mut().for_each(|c| *c = true);
        }
    }
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut last_changed = false;
    for (w, c) in words.iter().zip(covered) {
        if !c {
            match out.last_mut() {
                Some(r) if last_changed => r.end = w.1.end,
                _ => out.push(w.1.clone()),
            }
        }
        last_changed = !c;
    }
    out
}

/// Words of a text: their hashes and byte spans, in order.
pub type Words = Vec<(u64, Range<usize>)>;

/// The searchable body words of an article.
pub fn body_words(article: &Article) -> Words {
    article
        .searchable()
        .into_iter()
        .flat_map(|piece| {
            tokenize(&article.text[piece.clone()])
                .into_iter()
                .map(move |t| (term_hash(&t.term), t.span.start + piece.start..t.span.end + piece.start))
        })
        .collect()
}

/// The versions of `articles` from their text alone (what [`crate::Index::build`]
/// finds with the words it reads anyway): per article with versions, its card.
pub fn find(articles: &[Article]) -> Vec<(u32, VersionCard)> {
    let sigs: Vec<_> =
        articles.iter().map(|a| signature(&body_words(a).into_iter().map(|w| w.0).collect::<Vec<u64>>())).collect();
    cards(articles, &groups(&sigs))
}

/// What an article's card says of its versions.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct VersionCard {
    /// The group's first article (the one the others are compared with).
    pub lead: u32,
    /// The lead's card only: the other articles of the group, ascending.
    pub others: Vec<u32>,
    /// The article this one is compared with.
    pub compared: u32,
    /// The byte ranges of the text that differ from it, ascending.
    pub changed: Vec<Range<u32>>,
}

/// The version cards of `articles` from their `groups`: per group, the lead is
/// the earliest dated article (undated ones last, then by number).
pub fn cards(articles: &[Article], groups: &[Vec<u32>]) -> Vec<(u32, VersionCard)> {
    let mut out = Vec::new();
    for group in groups {
        let mut order = group.clone();
        order.sort_by_key(|&d| (articles[d as usize].date.is_none(), articles[d as usize].date, d));
        // Each article's words, read once and only when it differs from the one
        // it is compared with (a reprint word for word differs nowhere).
        let mut words: Vec<Option<Words>> = vec![None; order.len()];
        let lead = order[0];
        for (i, &doc) in order.iter().enumerate() {
            let against = usize::from(i == 0);
            let (a, b) = (&articles[doc as usize], &articles[order[against] as usize]);
            let changed = if a.text == b.text && a.boilerplate == b.boilerplate {
                Vec::new()
            } else {
                for k in [i, against] {
                    if words[k].is_none() {
                        words[k] = Some(body_words(&articles[order[k] as usize]));
                    }
                }
                let theirs: Vec<u64> = words[against].iter().flatten().map(|w| w.0).collect();
                changed(words[i].as_deref().unwrap_or_default(), &theirs)
                    .into_iter()
                    .map(|r| r.start as u32..r.end as u32)
                    .collect()
            };
            let mut others: Vec<u32> = if i == 0 { order[1..].to_vec() } else { Vec::new() };
            others.sort_unstable();
            out.push((doc, VersionCard { lead, others, compared: order[against], changed }));
        }
    }
    out.sort_unstable_by_key(|(d, _)| *d);
    out
}

/// `range` of a text cut at the edges of its `changed` ranges (ascending, not
/// overlapping): `(piece, changed)`, in order, covering `range` (an empty range
/// is one unchanged piece); [`crate::article::cut`] does the cutting.
pub fn split(range: Range<usize>, changed: &[Range<u32>]) -> Vec<(Range<usize>, bool)> {
    let mut out = crate::article::cut(range.clone(), changed.iter().map(|c| c.start as usize..c.end as usize));
    if out.is_empty() {
        out.push((range, false));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<u64> {
        tokenize(text).iter().map(|t| term_hash(&t.term)).collect()
    }

    fn grouped(texts: &[&str]) -> Vec<Vec<u32>> {
        let sigs: Vec<_> = texts.iter().map(|t| signature(&words(t))).collect();
        groups(&sigs)
    }

    const STORY: &str = "The ministry said on Monday that the new bridge over the river would open in \
        the spring after three years of delays, and that tolls would stay at last year's level for \
        lorries and cars alike. Engineers found cracks in two of the piers last autumn, the ministry \
        added, and repairs cost four million more than planned. The opposition called the delay a \
        scandal and asked the minister to resign before the summer recess.";

    #[test]
    fn reprints_reworded_copies_and_cuts_are_versions_and_other_stories_are_not() {
        let reworded = STORY
            .replace("on Monday", "on Tuesday")
            .replace("three years", "four years")
            .replace("a scandal", "a disgrace")
            .replace("lorries and cars alike", "all vehicles");
        let cut = STORY.split(". ").take(2).collect::<Vec<_>>().join(". ");
        let longer = format!("{STORY} A spokesman for the builders declined to comment on the cracks or the costs.");
        let other = "The city council voted on Monday to close two libraries in the spring, saying the \
            budget left no room for the repairs both buildings need, and the opposition called the vote a \
            scandal.";
        let cases: &[(&str, &str, bool)] = &[
            ("the same text", STORY, true),
            ("four phrases reworded", &reworded, true),
            ("longer by a sentence", &longer, true),
            ("cut to its first two sentences", &cut, true),
            ("another story sharing phrases", other, false),
            ("a two-word text", "Bridge delayed", false),
        ];
        for (what, text, versions) in cases {
            let g = grouped(&[STORY, text]);
            assert_eq!(!g.is_empty(), *versions, "{what}: {g:?} (Jaccard {:.2})", jaccard(&words(STORY), &words(text)));
        }
    }

    #[test]
    fn groups_are_what_joined_pairs_connect() {
        let other = "Floods closed the coastal road for a week and the ferry ran twice a day until \
            the water fell, the harbour master said, adding that the insurers had been told.";
        let g = grouped(&[STORY, other, STORY, "short", other, STORY]);
        assert_eq!(g, vec![vec![0, 2, 5], vec![1, 4]]);
    }

    #[test]
    #[allow(clippy::single_range_in_vec_init)] // ranges of bytes, one per case
    fn changed_marks_the_words_no_shared_shingle_covers() {
        let text = "one two three four five six seven";
        let ws: Vec<(u64, Range<usize>)> =
            tokenize(text).iter().map(|t| (term_hash(&t.term), t.span.clone())).collect();
        let cases: &[(&str, &[Range<usize>])] = &[
            ("one two three four five six seven", &[]),
            ("one two three four XX six seven", &[19..33]),
            ("one two three four five six", &[28..33]),
            ("five six seven one two three", &[14..18]),
            ("", &[0..33]),
        ];
        for (other, want) in cases {
            assert_eq!(changed(&ws, &words(other)), *want, "against {other:?}");
        }
    }

    /// A range, the changed ranges, the pieces.
    type SplitCase = (Range<usize>, &'static [Range<u32>], &'static [(Range<usize>, bool)]);

    #[test]
    #[allow(clippy::single_range_in_vec_init)] // ranges of bytes, one per case
    fn split_cuts_a_piece_at_the_changed_edges() {
        let cases: &[SplitCase] = &[
            (0..10, &[], &[(0..10, false)]),
            (0..10, &[2..4, 6..7], &[(0..2, false), (2..4, true), (4..6, false), (6..7, true), (7..10, false)]),
            (5..10, &[0..6, 9..20], &[(5..6, true), (6..9, false), (9..10, true)]),
            (5..10, &[0..5, 10..12], &[(5..10, false)]),
            (5..10, &[0..20], &[(5..10, true)]),
            (5..5, &[0..20], &[(5..5, false)]),
        ];
        for (range, changed, want) in cases {
            assert_eq!(split(range.clone(), changed), *want, "{range:?} {changed:?}");
        }
    }

    #[test]
    fn the_lead_is_the_earliest_dated_and_is_compared_with_the_next() {
        let mut a = crate::article::parse("a", &format!("Bridge to open\n{STORY}")).unwrap();
        let mut b =
            crate::article::parse("b", &format!("Bridge to open\n{STORY} And more words come at the end here."))
                .unwrap();
        a.date = Some(crate::Date { year: 2024, month: 3, day: 2 });
        b.date = Some(crate::Date { year: 2024, month: 3, day: 1 });
        let cards = cards(&[a.clone(), b.clone()], &[vec![0, 1]]);
        assert_eq!(cards[0].1.lead, 1);
        assert_eq!(cards[0].1.compared, 1);
        assert!(cards[0].1.others.is_empty());
        assert_eq!(cards[0].1.changed, Vec::<Range<u32>>::new());
        assert_eq!(cards[1].1.others, vec![0]);
        assert_eq!(cards[1].1.compared, 0);
        let tail = &b.text[cards[1].1.changed[0].start as usize..cards[1].1.changed[0].end as usize];
        assert_eq!(tail, "And more words come at the end here");
    }
}
