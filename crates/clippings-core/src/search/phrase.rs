//! Phrases: the documents where a phrase's words stand in order, or each near its
//! place (slop), with positions from the postings, the common words' table or the
//! article's words, whichever holds them.

use super::docset::DocSet;
use super::scoring::Scorer;
use crate::index::{positions_stored, Cursor, Field};

/// Documents where the words stand in order (slop 0), or each within `slop`
/// positions of its place relative to the first word. The rarest word's list
/// drives; positions are read only where every word occurs: from the postings
/// when all the words keep them ([`positions_stored`]), otherwise from the
/// article's words — for an exact phrase only where the words that keep
/// positions already stand in place.
pub fn phrase(s: &Scorer, terms: &[String], slop: u32, field: Option<Field>, within: Option<&[u32]>) -> DocSet {
    let ix = s.index;
    let idfs: Vec<f32> = terms.iter().filter_map(|t| ix.term_id(t)).map(|id| s.idf(ix.doc_freq[id as usize])).collect();
    let mut out = DocSet::new();
    walk(s, terms, slop, field, within, |doc, count, norm| {
        let len = crate::postings::norm::decode(norm);
        out.push((doc, idfs.iter().map(|&idf| s.bm25(idf, count as f32, len)).sum()));
    });
    out
}

/// The documents of [`phrase`], each with how many times the phrase occurs in it.
pub fn phrase_counts(
    s: &Scorer,
    terms: &[String],
    slop: u32,
    field: Option<Field>,
    within: Option<&[u32]>,
) -> Vec<(u32, u32)> {
    let mut out = Vec::new();
    walk(s, terms, slop, field, within, |doc, count, _| out.push((doc, count as u32)));
    out
}

/// Calls `emit` with each document where the phrase occurs, in order, with how
/// many times, and the document's length as its norm code.
fn walk(
    s: &Scorer,
    terms: &[String],
    slop: u32,
    field: Option<Field>,
    within: Option<&[u32]>,
    mut emit: impl FnMut(u32, usize, u8),
) {
    let ix = s.index;
    let Some(ids) = terms.iter().map(|t| ix.term_id(t)).collect::<Option<Vec<u32>>>() else {
        return;
    };
    let Some(lead) = (0..ids.len()).min_by_key(|&i| ix.doc_freq[ids[i] as usize]) else {
        return;
    };
    let mut cursors: Vec<_> = ids.iter().map(|&id| ix.postings(id)).collect();
    // Where each word's positions come from without reading the article's words.
    let common = s.common;
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
    let mut w_at = 0usize;
    // The current document's length, as its postings carry it.
    let mut norm = 0u8;
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
                Some(p) => {
                    norm = p.norm;
                    p.doc
                }
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
                Some(p) if p.doc == doc => norm = p.norm,
                Some(_) => {
                    all = false;
                    break;
                }
                None => return,
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
        // A field's phrase asks where the title and byline end, from the
        // article's words (read only for such phrases).
        let fields = field.and_then(|_| ix.fields(doc));
        let count = phrase_matches(&positions, slop)
            .filter(|&start| field.is_none_or(|f| fields.is_some_and(|l| l.field_of(start) == f)))
            .count();
        if count > 0 {
            emit(doc, count, norm);
        }
    }
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
