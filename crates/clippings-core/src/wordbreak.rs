//! Word boundaries (Unicode UAX #29) from a table `build.rs` computes with the
//! `unicode-segmentation` crate, so that the crate's tables need not ship in the
//! app: [`first_segment`], one segment after another, gives exactly what the
//! crate's `split_word_bound_indices` gives (tested for every character in many
//! contexts, and for random text).
//!
//! The rules are the crate's forward iterator (`UWordBounds::next`, MIT/Apache-2.0,
//! © The Rust Project Developers), state for state, quirks included. The table
//! (after the folding table, in `unicode`) lists each character's Word_Break
//! class where it is not the predicted one (see [`class`]), Format merged into
//! Extend (the crate treats them alike), and the Extended_Pictographic
//! characters (rule WB3c).

use crate::unicode::{is_combining_mark, is_emoji, listed_word_class};

/// Word_Break classes, numbered as in `build.rs`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Wb {
    Any,
    ALetter,
    HebrewLetter,
    Numeric,
    Katakana,
    ExtendNumLet,
    MidLetter,
    MidNum,
    MidNumLet,
    SingleQuote,
    DoubleQuote,
    /// Extend and Format.
    Extend,
    Zwj,
    RegionalIndicator,
    WSegSpace,
    Cr,
    Lf,
    Newline,
}

const CLASSES: [Wb; 18] = [
    Wb::Any,
    Wb::ALetter,
    Wb::HebrewLetter,
    Wb::Numeric,
    Wb::Katakana,
    Wb::ExtendNumLet,
    Wb::MidLetter,
    Wb::MidNum,
    Wb::MidNumLet,
    Wb::SingleQuote,
    Wb::DoubleQuote,
    Wb::Extend,
    Wb::Zwj,
    Wb::RegionalIndicator,
    Wb::WSegSpace,
    Wb::Cr,
    Wb::Lf,
    Wb::Newline,
];

/// The class of `c`.
pub(crate) fn class(c: char) -> Wb {
    match c {
        // The letters of Latin and Cyrillic prose, digits and space without the
        // table (`build.rs` must agree).
        'a'..='z' | 'A'..='Z' | '\u{C0}'..='\u{24F}' | '\u{400}'..='\u{481}' | '\u{48A}'..='\u{4FF}'
            if c != '\u{D7}' && c != '\u{F7}' =>
        {
            Wb::ALetter
        }
        '0'..='9' => Wb::Numeric,
        ' ' => Wb::WSegSpace,
        _ => match listed_word_class(c) {
            Some(k) => CLASSES[usize::from(k)],
            // The predicted class (as in `build.rs`).
            None if is_combining_mark(c) => Wb::Extend,
            None if c.is_alphabetic() && !is_cjk(c) => Wb::ALetter,
            None => Wb::Any,
        },
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Start,
    Letter,
    HLetter,
    Numeric,
    Katakana,
    ExtendNumLet,
    RegionalHalf,
    RegionalFull,
    FormatExtend(Want),
    Zwj,
    Emoji,
    WSegSpace,
}

/// What a run of Format and Extend characters (or a middle character) waits for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Want {
    AcceptNone,
    RequireLetter,
    RequireHLetter,
    AcceptQLetter,
    RequireNumeric,
}

/// The segments of `text` between word boundaries, with their byte offsets: what
/// `unicode_segmentation`'s `split_word_bound_indices` gives.
#[cfg(test)]
pub(crate) fn word_bound_indices(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut at = 0;
    while at < text.len() {
        let len = first_segment(&text[at..]);
        out.push((at, &text[at..at + len]));
        at += len;
    }
    out
}

fn first_class(s: &str) -> Option<Wb> {
    s.chars().next().map(class)
}

/// The length in bytes of the first word-boundary segment of non-empty `s` (the
/// crate's `UWordBounds::next`).
pub(crate) fn first_segment(s: &str) -> usize {
    use State::*;
    use Want::*;
    let mut take_curr = true;
    let mut idx = 0;
    let mut saveidx = 0;
    let mut state = Start;
    let mut cat = Wb::Any;
    // Whether Extend, Format or ZWJ were skipped: WB3d before WB4.
    let mut skipped_format_extend = false;
    // The length of the character at `idx`.
    let mut len = 0;
    for (curr, ch) in s.char_indices() {
        idx = curr;
        len = ch.len_utf8();
        // WB3c before WB4: whether the previous character was a ZWJ.
        let prev_zwj = cat == Wb::Zwj;
        cat = class(ch);
        // WB4: skip Extend, Format and ZWJ (at the start, see below).
        if state != Start && matches!(cat, Wb::Extend | Wb::Zwj) {
            skipped_format_extend = true;
            continue;
        }
        // WB3c.
        if prev_zwj && is_emoji(ch) {
            state = Emoji;
            continue;
        }
        state = match state {
            Start if cat == Wb::Cr => {
                // WB3, WB3a.
                if first_class(&s[idx + len..]) == Some(Wb::Lf) {
                    idx += 1;
                }
                break;
            }
            Start => match cat {
                Wb::ALetter => Letter,
                Wb::HebrewLetter => HLetter,
                Wb::Numeric => Numeric,
                Wb::Katakana => Katakana,
                Wb::ExtendNumLet => ExtendNumLet,
                Wb::RegionalIndicator => RegionalHalf,
                Wb::Lf | Wb::Newline => break,
                Wb::Zwj => Zwj,
                Wb::WSegSpace => WSegSpace,
                _ => {
                    // WB4: a character and the Format and Extend after it.
                    if matches!(first_class(&s[idx + len..]), Some(Wb::Extend | Wb::Zwj)) {
                        state = FormatExtend(AcceptNone);
                        continue;
                    }
                    break; // WB999
                }
            },
            WSegSpace => match cat {
                Wb::WSegSpace if !skipped_format_extend => WSegSpace,
                _ => {
                    take_curr = false;
                    break;
                }
            },
            Zwj | Emoji | RegionalFull => {
                take_curr = false;
                break;
            }
            Letter | HLetter => match cat {
                Wb::ALetter => Letter,
                Wb::HebrewLetter => HLetter,
                Wb::Numeric => Numeric,
                Wb::ExtendNumLet => ExtendNumLet,
                Wb::DoubleQuote if state == HLetter => {
                    saveidx = idx;
                    FormatExtend(RequireHLetter) // WB7b
                }
                Wb::SingleQuote if state == HLetter => FormatExtend(AcceptQLetter), // WB7a
                Wb::MidLetter | Wb::MidNumLet | Wb::SingleQuote => {
                    saveidx = idx;
                    FormatExtend(RequireLetter) // WB6
                }
                _ => {
                    take_curr = false;
                    break;
                }
            },
            Numeric => match cat {
                Wb::Numeric => Numeric,
                Wb::ALetter => Letter,
                Wb::HebrewLetter => HLetter,
                Wb::ExtendNumLet => ExtendNumLet,
                Wb::MidNum | Wb::MidNumLet | Wb::SingleQuote => {
                    saveidx = idx;
                    FormatExtend(RequireNumeric) // WB12
                }
                _ => {
                    take_curr = false;
                    break;
                }
            },
            Katakana => match cat {
                Wb::Katakana => Katakana,
                Wb::ExtendNumLet => ExtendNumLet,
                _ => {
                    take_curr = false;
                    break;
                }
            },
            ExtendNumLet => match cat {
                Wb::ExtendNumLet => ExtendNumLet,
                Wb::ALetter => Letter,
                Wb::HebrewLetter => HLetter,
                Wb::Numeric => Numeric,
                Wb::Katakana => Katakana,
                _ => {
                    take_curr = false;
                    break;
                }
            },
            RegionalHalf => match cat {
                Wb::RegionalIndicator => RegionalFull, // WB13c
                _ => {
                    take_curr = false;
                    break;
                }
            },
            FormatExtend(want) => match (want, cat) {
                (RequireNumeric, Wb::Numeric) => Numeric,               // WB11
                (RequireLetter | AcceptQLetter, Wb::ALetter) => Letter, // WB7
                (RequireLetter | AcceptQLetter | RequireHLetter, Wb::HebrewLetter) => HLetter, // WB7a, WB7c
                (AcceptNone | AcceptQLetter, _) => {
                    take_curr = false;
                    break;
                }
                _ => break, // back up, below
            },
        };
    }
    if let FormatExtend(RequireLetter | RequireHLetter | RequireNumeric) = state {
        // What the middle character needed did not come: it starts the next segment.
        idx = saveidx;
        take_curr = false;
    }
    if take_curr {
        // A CR, or the LF after it: one byte as well.
        idx += len;
    }
    idx
}

/// True for scripts written without spaces that get bigram tokens.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF      // Hiragana, Katakana
        | 0x3400..=0x4DBF    // CJK Extension A
        | 0x4E00..=0x9FFF    // CJK Unified Ideographs
        | 0xF900..=0xFAFF    // CJK Compatibility Ideographs
        | 0x20000..=0x2FA1F) // Extensions B.. and supplements
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use unicode_segmentation::UnicodeSegmentation;

    fn crate_bounds(text: &str) -> Vec<(usize, &str)> {
        text.split_word_bound_indices().collect()
    }

    /// One character of each class (Format too), emoji among them.
    const SAMPLES: [&str; 24] = [
        "x",
        "a",
        "\u{5D0}",
        "1",
        "\u{30A2}",
        "_",
        ":",
        ",",
        ".",
        "'",
        "\"",
        "\u{301}",
        "\u{AD}",
        "\u{200D}",
        "\u{1F1E6}",
        " ",
        "\r",
        "\n",
        "\u{B}",
        "\u{1F600}",
        "\u{2139}",
        "#",
        "\u{A9}",
        "\u{1F3FB}",
    ];

    #[test]
    fn every_character_segments_as_the_crate_says() {
        // Each character among the others of each class: before, after, between
        // and around; the classes' rules cover no longer contexts.
        let mut differ = Vec::new();
        let mut text = String::new();
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let mut buf = [0; 4];
            let c = &*c.encode_utf8(&mut buf);
            let mut contexts: Vec<[&str; 3]> = vec![[c, c, c], [c, "\u{200D}", "\u{1F600}"], ["\u{5D0}", c, "\u{5D0}"]];
            for s in SAMPLES {
                contexts.extend([[s, c, ""], [c, s, ""], [s, c, s], [c, s, c]]);
            }
            for parts in contexts {
                text.clear();
                text.extend(parts);
                if word_bound_indices(&text) != crate_bounds(&text) {
                    differ.push(text.clone());
                }
            }
        }
        assert!(differ.is_empty(), "{} texts differ, e.g. {:?}", differ.len(), &differ[..differ.len().min(10)]);
    }

    #[test]
    fn classes() {
        for (c, want) in [
            ('a', (Wb::ALetter, false)),
            ('\u{5D0}', (Wb::HebrewLetter, false)),
            ('\u{AD}', (Wb::Extend, false)),
            ('\u{2139}', (Wb::ALetter, true)),
            ('\u{A9}', (Wb::Any, true)),
            ('東', (Wb::Any, false)),
            ('\u{0E01}', (Wb::Any, false)),
        ] {
            assert_eq!((class(c), is_emoji(c)), want, "{c:?}");
        }
    }

    /// Characters of every class and script the rules tell apart.
    fn piece() -> impl Strategy<Value = String> {
        prop_oneof![
            "[a-zA-Z0-9]{1,4}",
            "[éжЖёαß\u{5D0}-\u{5EA}\u{30A1}-\u{30FA}\u{3041}-\u{3096}東京\u{E01}-\u{E3A}\u{627}-\u{64A}\u{915}-\u{939}]{1,4}",
            "[\u{300}-\u{36F}\u{93E}-\u{94D}\u{AD}\u{200B}-\u{200F}\u{2060}\u{FEFF}\u{FE0F}\u{1F3FB}-\u{1F3FF}]{1,2}",
            "[\u{200D}\u{1F600}-\u{1F64F}\u{2600}-\u{26FF}\u{2139}\u{A9}\u{1F1E6}-\u{1F1FF}]{1,4}",
            "[0-9\u{660}-\u{669}\u{FF10}-\u{FF19}]{1,3}[.,;:'\u{2019}\u{2018}\u{B7}\u{2024}\u{FE52}\u{FF0E}][0-9]{0,3}",
            "[ \t\r\n\u{B}\u{C}\u{85}\u{A0}\u{2028}\u{3000}\u{2000}-\u{200A}]{1,3}",
            "[_\u{203F}\u{FF3F}\"'.,;:!?()\\-\u{2019}\u{201C}\u{201D}\u{2014}\u{5F3}\u{5F4}]{1,2}",
            any::<char>().prop_map(String::from),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4096))]
        #[test]
        fn random_text_segments_as_the_crate_says(pieces in proptest::collection::vec(piece(), 0..12)) {
            let text = pieces.concat();
            prop_assert_eq!(word_bound_indices(&text), crate_bounds(&text));
        }
    }
}
