//! Character folding and combining marks from the table `build.rs` computes with
//! the `unicode-normalization` crate (so neither its tables nor core's case tables
//! need ship in the app).
//!
//! [`fold_char`] gives, for any character: lower case, compatibility decomposition
//! (NFKD) without combining marks, format characters, white space and controls,
//! lower case again — exactly what the crate gives (tested for every character).
//!
//! The same file holds the word-boundary table `wordbreak` reads
//! ([`listed_word_class`], [`is_emoji`]).

use std::ops::RangeInclusive;
use std::sync::OnceLock;

use crate::varint;

static TABLE_BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/fold.bin"));

struct Table {
    /// Characters that fold to nothing.
    drops: Vec<RangeInclusive<u32>>,
    /// Combining marks (general category M).
    marks: Vec<RangeInclusive<u32>>,
    /// Every other character whose folding is not itself, in runs (see `build.rs`).
    runs: Vec<Run>,
    /// The first folding of each run, one after another.
    folded: String,
    /// Word boundaries (see `wordbreak`): the runs of characters not of their
    /// predicted class, where their classes start in the table's bytes, and the
    /// Extended_Pictographic characters.
    word_runs: Vec<RangeInclusive<u32>>,
    word_classes: usize,
    emoji: Vec<RangeInclusive<u32>>,
}

/// Characters `start`, `start + step`, … `last` that fold to the run's first
/// folding with its last character moved on by `shift` for each step.
struct Run {
    start: u32,
    last: u32,
    kind: u8,
    /// The first folding: `folded[from..to]`.
    from: u32,
    to: u32,
}

/// (code point step, step of the folding's last character) of each kind of run;
/// as in `build.rs`.
const STEPS: [(u32, u32); 3] = [(1, 0), (1, 1), (2, 2)];

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| decode(TABLE_BYTES).expect("build.rs writes a valid folding table"))
}

/// The word-boundary class (an index into `wordbreak::CLASSES`) the table lists
/// for `c`, if any.
pub(crate) fn listed_word_class(c: char) -> Option<u8> {
    let t = table();
    let cp = c as u32;
    let i = t.word_runs.partition_point(|r| *r.end() < cp);
    t.word_runs.get(i).filter(|r| r.contains(&cp)).map(|_| TABLE_BYTES[t.word_classes + i])
}

/// Whether `c` is Extended_Pictographic.
pub(crate) fn is_emoji(c: char) -> bool {
    in_ranges(&table().emoji, c as u32)
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
    let heads_len = r.next()? as usize;
    let singles_len = r.next()? as usize;
    let singles_at = r.at.checked_add(heads_len)?;
    let texts_at = singles_at.checked_add(singles_len)?;
    let mut singles = varint::Cursor::new(bytes.get(..texts_at)?, singles_at);
    let mut texts = varint::Cursor::new(bytes, texts_at);
    let mut r = varint::Cursor::new(bytes.get(..singles_at)?, r.at);
    let mut runs = Vec::with_capacity(n as usize);
    let mut folded = String::new();
    let (mut prev, mut prev_single) = (0u32, 0u32);
    for _ in 0..n {
        let start = prev.checked_add(r.next()?)?;
        let head = r.next()?;
        let kind = (head >> 1) % STEPS.len() as u32;
        let count = (head >> 1) / STEPS.len() as u32;
        let (step, shift) = STEPS[kind as usize];
        let from = folded.len() as u32;
        let last_char = if head & 1 == 1 {
            let d = singles.next()?;
            let first =
                if d & 1 == 0 { prev_single.checked_add(d >> 1)? } else { prev_single.checked_sub((d >> 1) + 1)? };
            folded.push(char::from_u32(first)?);
            first
        } else {
            let len = r.next()? as usize;
            let text = std::str::from_utf8(texts.take(len)?).ok()?;
            folded.push_str(text);
            text.chars().next_back()? as u32
        };
        // The run's last folding must be a character too.
        let moved = char::from_u32(last_char.checked_add(count.checked_mul(shift)?)?)? as u32;
        if head & 1 == 1 {
            prev_single = moved;
        }
        let last = start.checked_add(count.checked_mul(step)?)?;
        runs.push(Run { start, last, kind: kind as u8, from, to: folded.len() as u32 });
        prev = last;
    }
    // Then the word-boundary table (see `build.rs`).
    let mut w = varint::Cursor::new(bytes, texts.at);
    let word_runs = ranges(&mut w)?;
    let word_classes = w.at;
    w.take(word_runs.len())?;
    let emoji = ranges(&mut w)?;
    (r.at == singles_at && singles.at == texts_at && w.at == bytes.len()).then_some(Table {
        drops,
        marks,
        runs,
        folded,
        word_runs,
        word_classes,
        emoji,
    })
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
    let i = t.runs.partition_point(|r| r.start <= cp);
    if let Some(run) = i.checked_sub(1).map(|i| &t.runs[i]).filter(|r| cp <= r.last) {
        let (step, shift) = STEPS[run.kind as usize];
        let k = (cp - run.start) / step;
        if k * step == cp - run.start {
            let first = &t.folded[run.from as usize..run.to as usize];
            match first.char_indices().next_back() {
                Some((at, last)) if k > 0 && shift > 0 => {
                    out.push_str(&first[..at]);
                    out.extend(char::from_u32(last as u32 + k * shift));
                }
                _ => out.push_str(first),
            }
            return;
        }
    }
    out.push(c);
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
