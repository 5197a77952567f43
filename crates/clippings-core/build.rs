//! Writes the folding table (`OUT_DIR/fold.bin`) that `src/unicode.rs` reads,
//! and after it the word-boundary table `src/wordbreak.rs` uses (see
//! [`word_table`]).
//!
//! Folding a character means: lower case, compatibility decomposition (NFKD),
//! without combining marks, format characters, white space and controls, lower
//! case again. The `unicode-normalization` crate computes that here, at build
//! time, for every character, and only the differences from plain lower casing go
//! into the table, so that its decomposition tables (some 56 KB of the gzipped
//! wasm) stay out of the app. Every character whose folding is not itself is in
//! the table, lower casing included, so that core's case tables stay out too.
//! Hangul syllables decompose by arithmetic at run time. `unicode::tests` checks
//! every character against the crate again.
//!
//! The table after the two range lists: runs of characters whose foldings follow
//! one pattern (`A`..`Z` fold to `a`..`z`, `Ā`, `Ă`, … to `ā`, `ă`, …: one of
//! [`STEPS`]), in three streams that compress better apart than interleaved:
//! per run the gap from the previous run and a header (count, pattern, whether the
//! folding is one character, else its length in bytes); the one-character
//! foldings as differences from the previous one; the longer foldings' bytes.

use std::path::PathBuf;

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

#[allow(dead_code)]
#[path = "src/varint.rs"]
mod varint;

/// Hangul syllables, decomposed by `src/unicode.rs` itself.
const HANGUL: std::ops::RangeInclusive<u32> = 0xAC00..=0xD7A3;

/// Kept by folding (see `src/unicode.rs`, which must agree).
fn keep(d: char) -> bool {
    let format = matches!(d, '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}');
    !is_combining_mark(d) && !format && !d.is_whitespace() && !d.is_control()
}

fn fold(c: char) -> String {
    c.to_lowercase().flat_map(|l| l.nfkd()).filter(|&d| keep(d)).flat_map(char::to_lowercase).collect()
}

/// Ranges of code points, as (gap since the previous range's end, length − 1) pairs.
fn write_ranges(out: &mut Vec<u8>, points: &[u32]) {
    let mut ranges: Vec<(u32, u32)> = Vec::new();
    for &p in points {
        match ranges.last_mut() {
            Some(last) if last.1 + 1 == p => last.1 = p,
            _ => ranges.push((p, p)),
        }
    }
    varint::write(out, ranges.len() as u32);
    let mut prev = 0;
    for (start, end) in ranges {
        varint::write(out, start - prev);
        varint::write(out, end - start);
        prev = end;
    }
}

/// The patterns a run may follow: (code point step, step of the folding's last
/// character). Must agree with `src/unicode.rs`.
const STEPS: [(u32, u32); 3] = [(1, 0), (1, 1), (2, 2)];

/// The pattern `b` follows after `a`, if any: same length, same text but for the
/// last character.
fn step(a: &(u32, String), b: &(u32, String)) -> Option<(u32, u32)> {
    let (head_a, last_a) = split_last(&a.1);
    let (head_b, last_b) = split_last(&b.1);
    let pattern = (b.0 - a.0, (last_b as u32).checked_sub(last_a as u32)?);
    (head_a == head_b && STEPS.contains(&pattern)).then_some(pattern)
}

fn split_last(s: &str) -> (&str, char) {
    let last = s.chars().next_back().expect("a folding in the table is not empty");
    (&s[..s.len() - last.len_utf8()], last)
}

fn zigzag(d: i64) -> u32 {
    (if d >= 0 { d << 1 } else { ((-d) << 1) - 1 }) as u32
}

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=src/varint.rs");
    let (mut drops, mut marks, mut mapped) = (Vec::new(), Vec::new(), Vec::new());
    for c in (0..=0x10FFFF).filter_map(char::from_u32) {
        if is_combining_mark(c) {
            marks.push(c as u32);
        }
        if HANGUL.contains(&(c as u32)) {
            continue;
        }
        let folded = fold(c);
        if folded.is_empty() {
            drops.push(c as u32);
        } else if !folded.chars().eq([c]) {
            mapped.push((c as u32, folded));
        }
    }
    let mut out = Vec::new();
    write_ranges(&mut out, &drops);
    write_ranges(&mut out, &marks);
    // Runs, greedily: each as long as its pattern goes on.
    let (mut heads, mut singles, mut texts) = (Vec::new(), Vec::new(), Vec::new());
    let (mut runs, mut prev, mut prev_single, mut i) = (0u32, 0u32, 0u32, 0);
    while i < mapped.len() {
        let pattern = mapped.get(i + 1).and_then(|next| step(&mapped[i], next));
        let mut n = 1;
        if let Some(p) = pattern {
            while mapped.get(i + n).is_some_and(|next| step(&mapped[i + n - 1], next) == Some(p)) {
                n += 1;
            }
        }
        let (cp, folded) = &mapped[i];
        let kind = pattern.map_or(0, |p| STEPS.iter().position(|&s| s == p).expect("a known step"));
        let single = folded.chars().count() == 1;
        varint::write(&mut heads, cp - prev);
        varint::write(&mut heads, ((((n - 1) * STEPS.len() + kind) << 1) | usize::from(single)) as u32);
        if single {
            let first = split_last(folded).1 as u32;
            varint::write(&mut singles, zigzag(i64::from(first) - i64::from(prev_single)));
            prev_single = first + (n as u32 - 1) * STEPS[kind].1;
        } else {
            varint::write(&mut heads, folded.len() as u32);
            texts.extend_from_slice(folded.as_bytes());
        }
        prev = cp + (n as u32 - 1) * STEPS[kind].0;
        runs += 1;
        i += n;
    }
    varint::write(&mut out, runs);
    varint::write(&mut out, heads.len() as u32);
    varint::write(&mut out, singles.len() as u32);
    out.extend(heads);
    out.extend(singles);
    out.extend(texts);
    out.extend(word_table());
    write_out("fold.bin", &out);
}

fn write_out(name: &str, bytes: &[u8]) {
    let path = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join(name);
    std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
}

// Word_Break classes, numbered as `src/wordbreak.rs`'s `Wb` (which must agree).
const ANY: u8 = 0;
const A_LETTER: u8 = 1;
const HEBREW_LETTER: u8 = 2;
const NUMERIC: u8 = 3;
const KATAKANA: u8 = 4;
const EXTEND_NUM_LET: u8 = 5;
const MID_LETTER: u8 = 6;
const MID_NUM: u8 = 7;
const MID_NUM_LET: u8 = 8;
const SINGLE_QUOTE: u8 = 9;
const DOUBLE_QUOTE: u8 = 10;
const EXTEND: u8 = 11;
const ZWJ: u8 = 12;
const REGIONAL_INDICATOR: u8 = 13;
const W_SEG_SPACE: u8 = 14;
const CR: u8 = 15;
const LF: u8 = 16;
const NEWLINE: u8 = 17;
/// Added to a class for an Extended_Pictographic character (which matters after a ZWJ only).
const EMOJI: u8 = 32;

/// The number of word-boundary segments of `parts` joined, by the crate.
fn segments(parts: &[&str]) -> usize {
    parts.concat().split_word_bounds().count()
}

/// The class of `c`, found from how the `unicode-segmentation` crate segments
/// `c` among characters of known classes (its tables are private). Format
/// characters behave as Extend in every rule the crate applies, and are Extend
/// here. `wordbreak::tests` checks every character against the crate again.
fn word_class(c: char) -> u8 {
    let mut buf = [0; 4];
    let c: &str = c.encode_utf8(&mut buf);
    let one = |parts: &[&str]| segments(parts) == 1;
    if one(&[".", c]) {
        // WB4: only Extend, Format and ZWJ stick to a preceding full stop.
        return if one(&[c, "\u{1F600}"]) { ZWJ } else { EXTEND };
    }
    let class = if one(&[c, "\n"]) {
        CR
    } else if !one(&[c, "\u{301}"]) {
        // WB3a: nothing, not even an Extend, follows a newline in its segment.
        if one(&["\r", c]) {
            LF
        } else {
            NEWLINE
        }
    } else if one(&["a", c]) {
        if one(&["1,", c]) {
            NUMERIC
        } else if one(&[c, "\"", c]) {
            HEBREW_LETTER
        } else if one(&["a:", c]) {
            A_LETTER
        } else {
            EXTEND_NUM_LET
        }
    } else if one(&["\u{30A2}", c]) {
        KATAKANA
    } else if one(&[" ", c]) {
        W_SEG_SPACE
    } else if one(&[c, c]) {
        REGIONAL_INDICATOR
    } else {
        match (one(&["a", c, "a"]), one(&["1", c, "1"])) {
            (true, true) if one(&["\u{5D0}", c]) => SINGLE_QUOTE,
            (true, true) => MID_NUM_LET,
            (true, false) => MID_LETTER,
            (false, true) => MID_NUM,
            _ if one(&["\u{5D0}", c, "\u{5D0}"]) => DOUBLE_QUOTE,
            _ => ANY,
        }
    };
    // WB3c: ZWJ × Extended_Pictographic.
    if one(&["\u{200D}", c]) {
        class + EMOJI
    } else {
        class
    }
}

/// The class `src/wordbreak.rs` expects of `c` when its table lists no other:
/// Extend for combining marks, ALetter for other alphabetic characters but
/// those bigrammed as CJK (`wordbreak::is_cjk`), else Any. Must agree.
fn predicted_word_class(c: char) -> u8 {
    let cjk =
        matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F);
    if is_combining_mark(c) {
        EXTEND
    } else if c.is_alphabetic() && !cjk {
        A_LETTER
    } else {
        ANY
    }
}

/// The characters `src/wordbreak.rs` classes without its table (letters of
/// Latin and Cyrillic prose, digits, space). Must agree.
fn classed_without_table(c: char) -> bool {
    matches!(c, 'a'..='z' | 'A'..='Z' | '0'..='9' | ' ' | '\u{C0}'..='\u{24F}' | '\u{400}'..='\u{481}' | '\u{48A}'..='\u{4FF}')
        && c != '\u{D7}'
        && c != '\u{F7}'
}

/// The word-boundary table: the runs of characters whose class is not the
/// predicted one, as (gap since the previous run's end, length − 1) pairs, then
/// their classes, one byte each; then the Extended_Pictographic characters as
/// ranges (as `write_ranges`). The characters classed without the table take
/// whatever class makes fewer runs.
fn word_table() -> Vec<u8> {
    // (first, last, class) of each run of characters not of the predicted class.
    let mut runs: Vec<(u32, u32, u8)> = Vec::new();
    let mut emoji = Vec::new();
    // The class of the previous character, if listed.
    let mut listed: Option<u8> = None;
    for cp in 0..=0x10FFFFu32 {
        let Some(c) = char::from_u32(cp) else {
            // Surrogates: never looked up, as the characters before them.
            if listed.is_some() {
                runs.last_mut().expect("listed").1 = cp;
            }
            continue;
        };
        let class = word_class(c);
        if class & EMOJI != 0 {
            emoji.push(cp);
        }
        let class = class & !EMOJI;
        listed = if classed_without_table(c) {
            listed
        } else if class == predicted_word_class(c) {
            None
        } else {
            Some(class)
        };
        match (listed, runs.last_mut()) {
            (Some(k), Some(last)) if last.2 == k && last.1 + 1 == cp => last.1 = cp,
            (Some(k), _) => runs.push((cp, cp, k)),
            (None, _) => {}
        }
    }
    let mut out = Vec::new();
    varint::write(&mut out, runs.len() as u32);
    let mut prev = 0;
    for &(first, last, _) in &runs {
        varint::write(&mut out, first - prev);
        varint::write(&mut out, last - first);
        prev = last;
    }
    out.extend(runs.iter().map(|r| r.2));
    write_ranges(&mut out, &emoji);
    out
}
