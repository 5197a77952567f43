//! Term expansion by spelling: the dictionary words within a few typos of a
//! query word. Used by search (`word~`, and the correction of a word with no
//! hit) and by the facets (folding variant spellings of a name); it needs
//! nothing but a sorted list of strings.

/// Typos allowed for a query word: none below 4 characters, 1 from 4, 2 from 8,
/// none past 32 (no real word is that long, and it bounds the work).
pub fn max_typos(term: &str) -> u8 {
    match term.chars().count() {
        4..=7 => 1,
        8..=32 => 2,
        _ => 0,
    }
}

/// Dictionary words within Damerau–Levenshtein (optimal string alignment)
/// distance `max` of `word`, with their distances. Walks the sorted dictionary as
/// a trie: rows of the distance table are shared along common prefixes, and a
/// prefix whose best row already exceeds `max` skips every word under it.
pub fn fuzzy_terms(terms: &[String], word: &str, max: u8) -> Vec<(u32, u8)> {
    let w: Vec<char> = word.chars().collect();
    let width = w.len() + 1;
    let mut out = Vec::new();
    // rows[d] is the table row after d characters of the current term.
    let mut rows: Vec<Vec<u8>> = vec![(0..width).map(|j| j.min(255) as u8).collect()];
    let mut prev_chars: Vec<char> = Vec::new();
    let mut i = 0;
    while i < terms.len() {
        let t: Vec<char> = terms[i].chars().collect();
        let common = prev_chars.iter().zip(&t).take_while(|(a, b)| a == b).count();
        rows.truncate(common + 1);
        let mut pruned_at = None;
        for d in common..t.len() {
            let prev = &rows[d];
            let mut row = vec![0u8; width];
            row[0] = (d + 1).min(255) as u8;
            for j in 1..width {
                let cost = u8::from(t[d] != w[j - 1]);
                let mut v =
                    prev[j].saturating_add(1).min(row[j - 1].saturating_add(1)).min(prev[j - 1].saturating_add(cost));
                if d >= 1 && j >= 2 && t[d] == w[j - 2] && t[d - 1] == w[j - 1] {
                    v = v.min(rows[d - 1][j - 2].saturating_add(1));
                }
                row[j] = v;
            }
            let best = *row.iter().min().unwrap_or(&255);
            rows.push(row);
            if best > max {
                pruned_at = Some(d + 1);
                break;
            }
        }
        match pruned_at {
            Some(depth) => {
                // No word under this prefix can come within `max`: skip them all.
                let prefix: String = t[..depth].iter().collect();
                i += terms[i..].partition_point(|x| x.starts_with(&prefix)).max(1);
                prev_chars = t[..depth - 1].to_vec();
            }
            None => {
                let dist = rows[t.len()][w.len()];
                if dist <= max {
                    out.push((i as u32, dist));
                }
                prev_chars = t;
                i += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn osa(a: &str, b: &str) -> u8 {
        let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
        for (i, row) in d.iter_mut().enumerate() {
            row[0] = i;
        }
        d[0] = (0..=b.len()).collect();
        for i in 1..=a.len() {
            for j in 1..=b.len() {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                d[i][j] = (d[i - 1][j] + 1).min(d[i][j - 1] + 1).min(d[i - 1][j - 1] + cost);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
                }
            }
        }
        d[a.len()][b.len()].min(255) as u8
    }

    #[test]
    fn fuzzy_walk_table() {
        let mut terms: Vec<String> =
            ["kopyrkin", "kopyrkn", "kopryin", "sergey", "sergei", "serge", "treaty", "treat", "tretay", "a", "ab"]
                .iter()
                .map(|s| s.to_string())
                .collect();
        terms.sort();
        let find = |w: &str, max| -> Vec<&str> {
            fuzzy_terms(&terms, w, max).into_iter().map(|(i, _)| terms[i as usize].as_str()).collect()
        };
        assert_eq!(find("kopyrkn", 1), ["kopyrkin", "kopyrkn"]);
        assert_eq!(find("sergey", 1), ["serge", "sergei", "sergey"]);
        assert_eq!(find("treaty", 0), ["treaty"]);
        assert_eq!(find("treaty", 1), ["treat", "treaty", "tretay"], "a transposition costs one");
        assert_eq!(find("kopryin", 2), ["kopryin", "kopyrkin", "kopyrkn"]);
    }

    proptest::proptest! {
        #[test]
        fn fuzzy_walk_agrees_with_brute_force(
            mut words in proptest::collection::vec("[abc]{0,6}", 1..40),
            query in "[abc]{0,6}",
            max in 0u8..3,
        ) {
            words.sort();
            words.dedup();
            let got: Vec<(u32, u8)> = fuzzy_terms(&words, &query, max);
            let want: Vec<(u32, u8)> = words
                .iter()
                .enumerate()
                .filter_map(|(i, w)| { let d = osa(w, &query); (d <= max).then_some((i as u32, d)) })
                .collect();
            proptest::prop_assert_eq!(got, want);
        }
    }
}
