//! Sets of documents with scores, sorted by document number: what each part of a
//! query evaluates to, and how the parts combine (scores add up).

/// A set of documents with scores, sorted by document number.
pub type DocSet = Vec<(u32, f32)>;

/// The documents of either, scores added where both have one.
pub fn union(a: &DocSet, b: &DocSet) -> DocSet {
    merge(a, b, |x, y| (x.0, x.1 + y.1))
}

/// The entries of either of two lists sorted by document (each entry's first
/// value), `both` combining the two entries of a document in both.
pub fn merge<T: Copy + HasDoc>(a: &[T], b: &[T], both: impl Fn(T, T) -> T) -> Vec<T> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].doc().cmp(&b[j].doc()) {
            std::cmp::Ordering::Less => {
                out.push(a[i]);
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                out.push(b[j]);
                j += 1;
            }
            std::cmp::Ordering::Equal => {
                out.push(both(a[i], b[j]));
                i += 1;
                j += 1;
            }
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}

/// An entry of a list sorted by document.
pub trait HasDoc {
    fn doc(&self) -> u32;
}

impl HasDoc for (u32, f32) {
    fn doc(&self) -> u32 {
        self.0
    }
}

impl HasDoc for (u32, f32, u32) {
    fn doc(&self) -> u32 {
        self.0
    }
}

/// The documents of both, scores added.
pub fn intersect(a: &DocSet, b: &DocSet) -> DocSet {
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

/// The documents of `a` not in `b`.
pub fn difference(mut a: DocSet, b: &DocSet) -> DocSet {
    a.retain(|(d, _)| b.binary_search_by_key(d, |e| e.0).is_err());
    a
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    /// A set from document numbers (deduplicated, in order), each scored by its number.
    fn set(docs: Vec<u32>) -> DocSet {
        let map: BTreeMap<u32, f32> = docs.into_iter().map(|d| (d, d as f32 / 4.0)).collect();
        map.into_iter().collect()
    }

    proptest::proptest! {
        /// Against maps: union and intersection add the scores of shared documents.
        #[test]
        fn set_algebra_agrees_with_maps(
            a in proptest::collection::vec(0u32..40, 0..30),
            b in proptest::collection::vec(0u32..40, 0..30),
        ) {
            let (a, b) = (set(a), set(b));
            let (ma, mb): (BTreeMap<u32, f32>, BTreeMap<u32, f32>) =
                (a.iter().copied().collect(), b.iter().copied().collect());
            let mut either = ma.clone();
            for (d, s) in &mb {
                *either.entry(*d).or_insert(0.0) += s;
            }
            let both: DocSet = ma.iter().filter_map(|(d, s)| mb.get(d).map(|t| (*d, s + t))).collect();
            let only_a: DocSet = ma.iter().filter(|(d, _)| !mb.contains_key(d)).map(|(d, s)| (*d, *s)).collect();
            proptest::prop_assert_eq!(union(&a, &b), either.into_iter().collect::<DocSet>());
            proptest::prop_assert_eq!(intersect(&a, &b), both);
            proptest::prop_assert_eq!(difference(a, &b), only_a);
        }
    }
}
