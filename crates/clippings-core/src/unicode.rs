//! Character folding and combining marks from the table `build.rs` computes with
//! the `unicode-normalization` crate (so its tables need not ship in the app).
//!
//! [`fold_char`] gives, for any character: lower case, compatibility decomposition
//! (NFKD) without combining marks, format characters, white space and controls,
//! lower case again — exactly what the crate gives (tested for every character).

use std::ops::RangeInclusive;
use std::sync::OnceLock;

use crate::varint;

static TABLE_BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/fold.bin"));

struct Table {
    /// Characters that fold to nothing.
    drops: Vec<RangeInclusive<u32>>,
    /// Combining marks (general category M).
    marks: Vec<RangeInclusive<u32>>,
    /// Characters whose folding differs from lower casing: (code point, range in `folded`).
    mapped: Vec<(u32, u32, u32)>,
    folded: String,
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| decode(TABLE_BYTES).expect("build.rs writes a valid folding table"))
}

/// Ranges written as (gap since the previous end, length − 1) pairs.
fn ranges(r: &mut varint::Cursor) -> Option<Vec<RangeInclusive<u32>>> {
    let n = r.next()?;
    let mut out = Vec::with_capacity(n as usize);
    let mut prev = 0u32;
    for _ in 0..n {
        let start = prev.checked_add(r.next()?)?;
        let end = start.checked_add(r.next()?)?;
        out.push(start..=end);
        prev = end;
    }
    Some(out)
}

fn decode(bytes: &[u8]) -> Option<Table> {
    let mut r = varint::Cursor::new(bytes, 0);
    let drops = ranges(&mut r)?;
    let marks = ranges(&mut r)?;
    let n = r.next()?;
    let mut mapped = Vec::with_capacity(n as usize);
    let mut folded = Vec::new();
    let mut prev = 0u32;
    for _ in 0..n {
        let c = prev.checked_add(r.next()?)?;
        let len = r.next()? as usize;
        let start = folded.len();
        folded.extend_from_slice(r.take(len)?);
        mapped.push((c, start as u32, folded.len() as u32));
        prev = c;
    }
    let folded = String::from_utf8(folded).ok()?;
    (r.at == bytes.len()).then_some(Table { drops, marks, mapped, folded })
}

fn in_ranges(ranges: &[RangeInclusive<u32>], c: u32) -> bool {
    let i = ranges.partition_point(|r| *r.end() < c);
    ranges.get(i).is_some_and(|r| r.contains(&c))
}

/// Whether `c` is a combining mark (general category Mn, Mc or Me).
pub fn is_combining_mark(c: char) -> bool {
    in_ranges(&table().marks, c as u32)
}

const HANGUL_FIRST: u32 = 0xAC00;
const HANGUL_LAST: u32 = 0xD7A3;

/// Appends the folding of `c` to `out`.
pub fn fold_char(c: char, out: &mut String) {
    let cp = c as u32;
    if (HANGUL_FIRST..=HANGUL_LAST).contains(&cp) {
        // A syllable is leading consonant + vowel (+ trailing consonant), by arithmetic.
        let s = cp - HANGUL_FIRST;
        let (l, v, t) = (0x1100 + s / 588, 0x1161 + (s % 588) / 28, 0x11A7 + s % 28);
        let jamo = [l, v, t];
        let n = if t == 0x11A7 { 2 } else { 3 };
        out.extend(jamo[..n].iter().filter_map(|&j| char::from_u32(j)));
        return;
    }
    let t = table();
    if in_ranges(&t.drops, cp) {
        return;
    }
    match t.mapped.binary_search_by_key(&cp, |m| m.0) {
        Ok(i) => out.push_str(&t.folded[t.mapped[i].1 as usize..t.mapped[i].2 as usize]),
        Err(_) => out.extend(c.to_lowercase()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    /// The definition, straight from the crate.
    fn reference(c: char) -> String {
        let keep = |d: char| {
            let format = matches!(d, '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}');
            !unicode_normalization::char::is_combining_mark(d) && !format && !d.is_whitespace() && !d.is_control()
        };
        c.to_lowercase().flat_map(|l| l.nfkd()).filter(|&d| keep(d)).flat_map(char::to_lowercase).collect()
    }

    #[test]
    fn every_character_folds_as_the_normalization_crate_says() {
        let mut differ = Vec::new();
        let mut out = String::new();
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            out.clear();
            fold_char(c, &mut out);
            if out != reference(c) {
                differ.push(c);
            }
            if is_combining_mark(c) != unicode_normalization::char::is_combining_mark(c) {
                differ.push(c);
            }
        }
        assert!(differ.is_empty(), "{} characters differ, e.g. {:?}", differ.len(), &differ[..differ.len().min(10)]);
    }

    #[test]
    fn folding_table() {
        let rows = [
            ('É', "e"),
            ('ﬁ', "fi"),
            ('Ａ', "a"),
            ('𝐀', "a"),
            ('½', "1⁄2"),
            ('\u{0301}', ""),
            ('\u{00AD}', ""),
            ('한', "\u{1112}\u{1161}\u{11AB}"),
            ('가', "\u{1100}\u{1161}"),
            ('Ё', "е"),
            ('ß', "ß"),
            ('東', "東"),
        ];
        for (c, want) in rows {
            let mut out = String::new();
            fold_char(c, &mut out);
            assert_eq!(out, want, "{c:?}");
        }
        assert!(is_combining_mark('\u{0301}') && !is_combining_mark('a'));
    }

    #[test]
    fn a_damaged_table_is_refused() {
        assert!(decode(TABLE_BYTES).is_some());
        assert!(decode(&TABLE_BYTES[..TABLE_BYTES.len() - 1]).is_none());
        assert!(decode(&[TABLE_BYTES, &[0]].concat()).is_none());
    }
}
