//! Stable sorting with one compiled copy of the sort for every caller.
//!
//! `slice::sort_by` compiles the standard library's sort anew for each element
//! type and comparison, some 4 KB of wasm every time. These helpers sort the
//! elements' positions instead, through a `dyn` comparison (one copy of the
//! sort in all), then move the elements into that order. The app's small sorts
//! (query words, highlight spans, facet rows, concordance lines) go through
//! here; the ranking of hits ([`crate::search`]) and the indexer keep the
//! standard library's sorts.
//!
//! The result is exactly that of the standard stable sort; for a sort whose
//! equal elements are indistinguishable it is also that of an unstable one.

use std::cmp::Ordering;

/// Sorts `v` by `cmp`, stably, as `v.sort_by(cmp)` does.
pub fn sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    let mut order: Vec<usize> = (0..v.len()).collect();
    sort_positions(&mut order, &mut |a, b| cmp(&v[a], &v[b]));
    permute(order, &mut |a, b| v.swap(a, b));
}

/// Sorts `v` by the key `f` gives, stably, as `v.sort_by_key(f)` does.
pub fn sort_by_key<T, K: Ord>(v: &mut [T], mut f: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| f(a).cmp(&f(b)));
}

/// Sorts `v`, as `v.sort()` does.
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// Sorts `v` by the key `f` gives, computing each element's key once, as
/// `v.sort_by_cached_key(f)` does (stably).
pub fn sort_by_cached_key<T, K: Ord>(v: &mut [T], f: impl FnMut(&T) -> K) {
    let keys: Vec<K> = v.iter().map(f).collect();
    let mut order: Vec<usize> = (0..v.len()).collect();
    sort_positions(&mut order, &mut |a, b| keys[a].cmp(&keys[b]));
    permute(order, &mut |a, b| v.swap(a, b));
}

/// The one instance of the standard library's stable sort.
fn sort_positions(order: &mut [usize], cmp: &mut dyn FnMut(usize, usize) -> Ordering) {
    order.sort_by(|&a, &b| cmp(a, b));
}

/// Puts the element at position `order[i]` at position `i`, for every `i`, by
/// swaps along the permutation's cycles.
fn permute(mut order: Vec<usize>, swap: &mut dyn FnMut(usize, usize)) {
    const DONE: usize = usize::MAX;
    for start in 0..order.len() {
        let mut at = start;
        loop {
            let from = std::mem::replace(&mut order[at], DONE);
            if from == start || from == DONE {
                break;
            }
            swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn same_order_as_the_standard_sorts(v in proptest::collection::vec((0u8..6, 0u16..1000), 0..200)) {
            let mut want = v.clone();
            want.sort_by_key(|p| p.0);
            let mut got = v.clone();
            sort_by_key(&mut got, |p| p.0);
            proptest::prop_assert_eq!(&got, &want, "stable: equal keys keep their order");

            let mut got = v.clone();
            sort_by(&mut got, |a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            let mut want = v.clone();
            want.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            proptest::prop_assert_eq!(&got, &want);

            let mut got = v.clone();
            sort(&mut got);
            let mut want = v.clone();
            want.sort();
            proptest::prop_assert_eq!(&got, &want);

            let mut got = v.clone();
            sort_by_cached_key(&mut got, |p| p.0 % 3);
            let mut want = v;
            want.sort_by_cached_key(|p| p.0 % 3);
            proptest::prop_assert_eq!(got, want);
        }
    }
}
