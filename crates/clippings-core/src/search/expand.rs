//! Term expansion: a query word → the dictionary words it stands for: the forms
//! of its stem, the words of a prefix, the words within a few typos, or the
//! nearest words when the dictionary has none of its forms.

use crate::analysis::Stemmers;
use crate::fuzzy::{fuzzy_terms, max_typos};
use crate::index::Index;
use crate::query::{Hint, Mode};

/// A prefix expands to at most this many dictionary words.
pub const MAX_PREFIX_TERMS: usize = 256;

/// Expands the words of one search, each once.
#[derive(Default)]
pub struct Expander {
    stemmers: Stemmers,
    /// Words already expanded, so a word is looked up (and corrected) once.
    expanded: Vec<(String, Mode, Vec<u32>)>,
}

impl Expander {
    /// Dictionary words a query word stands for (looked up once per search).
    pub fn expand(&mut self, ix: &Index, term: &str, mode: Mode, hints: &mut Vec<Hint>) -> Vec<u32> {
        if let Some((_, _, ids)) = self.expanded.iter().find(|(t, m, _)| t == term && *m == mode) {
            return ids.clone();
        }
        let ids = self.look_up(ix, term, mode, hints);
        self.expanded.push((term.to_string(), mode, ids.clone()));
        ids
    }

    fn look_up(&mut self, ix: &Index, term: &str, mode: Mode, hints: &mut Vec<Hint>) -> Vec<u32> {
        match mode {
            Mode::Exact => ix.term_id(term).into_iter().collect(),
            Mode::Prefix => {
                let r = ix.prefix_range(term);
                if r.len() > MAX_PREFIX_TERMS {
                    hints.push(Hint::PrefixCapped { prefix: term.to_string(), kept: MAX_PREFIX_TERMS });
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
                    ids = corrected(ix, term, hints);
                }
                ids
            }
        }
    }
}

/// The nearest dictionary words, when the word itself has no hit.
fn corrected(ix: &Index, term: &str, hints: &mut Vec<Hint>) -> Vec<u32> {
    let found = fuzzy_terms(&ix.terms, term, max_typos(term));
    let Some(best) = found.iter().map(|&(_, d)| d).min() else {
        return Vec::new();
    };
    let mut ids: Vec<u32> = found.into_iter().filter(|&(_, d)| d == best).map(|(id, _)| id).collect();
    crate::sort::sort_by_key(&mut ids, |&id| std::cmp::Reverse(ix.doc_freq[id as usize]));
    ids.truncate(8);
    let to = ids.iter().map(|&i| ix.terms[i as usize].clone()).collect();
    hints.push(Hint::Corrected { from: term.to_string(), to });
    ids
}
