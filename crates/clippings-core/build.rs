//! Writes the folding table (`OUT_DIR/fold.bin`) that `src/unicode.rs` reads.
//!
//! Folding a character means: lower case, compatibility decomposition (NFKD),
//! without combining marks, format characters, white space and controls, lower
//! case again. The `unicode-normalization` crate computes that here, at build
//! time, for every character, and only the differences from plain lower casing go
//! into the table, so that its decomposition tables (some 56 KB of the gzipped
//! wasm) stay out of the app. Hangul syllables decompose by arithmetic at run time.
//! `unicode::tests` checks every character against the crate again.

use std::path::PathBuf;

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

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
        } else if !folded.chars().eq(c.to_lowercase()) {
            mapped.push((c as u32, folded));
        }
    }
    let mut out = Vec::new();
    write_ranges(&mut out, &drops);
    write_ranges(&mut out, &marks);
    varint::write(&mut out, mapped.len() as u32);
    let mut prev = 0;
    for (c, folded) in &mapped {
        varint::write(&mut out, c - prev);
        varint::write(&mut out, folded.len() as u32);
        out.extend_from_slice(folded.as_bytes());
        prev = *c;
    }
    let path = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("fold.bin");
    std::fs::write(&path, out).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
}
