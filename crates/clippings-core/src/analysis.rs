//! Text analysis: one tokenizer for indexing, querying and highlighting.
//!
//! Words are segmented by Unicode UAX #29, then folded: lower case, NFKD with
//! combining marks removed (`Türkiye` → `turkiye`, `ё` → `е`, but Cyrillic `й`
//! is kept), typographic apostrophes folded to `'`. Digits joined by `+` stay one
//! token (`3+3`). Runs of Han, Hiragana and Katakana become overlapping character
//! bigrams, so CJK text without spaces is searchable. Every token carries the byte
//! span of the original text it came from, so highlights never re-find words.

use std::ops::Range;

use crate::unicode::{fold_char, is_combining_mark};
use crate::wordbreak::first_segment;
pub use crate::wordbreak::is_cjk;
#[cfg(test)]
use crate::wordbreak::word_bound_indices;
use rust_stemmers::{Algorithm, Stemmer};
#[cfg(test)]
use unicode_segmentation::UnicodeSegmentation;

/// A folded word with its byte span in the analysed text and its ordinal position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub term: String,
    pub span: Range<usize>,
    pub position: u32,
}

/// Splits `text` into folded tokens with byte spans and consecutive positions.
pub fn tokenize(text: &str) -> Vec<Token> {
    segment(text, true)
}

fn segment(text: &str, refold: bool) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut cjk_run: Vec<(usize, char)> = Vec::new();
    let mut pending: Option<Range<usize>> = None;

    // The word-boundary segments, one after another.
    let mut end = 0;
    while end < text.len() {
        let start = end;
        end += first_segment(&text[start..]);
        let seg = &text[start..end];
        if seg.chars().next().is_some_and(is_cjk) {
            flush_word(text, &mut pending, &mut tokens, refold);
            cjk_run.extend(seg.char_indices().map(|(o, c)| (start + o, c)));
            continue;
        }
        flush_cjk(&mut cjk_run, &mut tokens);
        if seg.chars().any(char::is_alphanumeric) {
            // `3+3`: a word ending in a digit, `+`, a word starting with a digit.
            match pending.take() {
                Some(prev) if joins_with_plus(text, &prev, start) => pending = Some(prev.start..end),
                prev => {
                    if let Some(prev) = prev {
                        pending = Some(prev);
                        flush_word(text, &mut pending, &mut tokens, refold);
                    }
                    pending = Some(start..end);
                }
            }
        } else if seg != "+" {
            flush_word(text, &mut pending, &mut tokens, refold);
        }
    }
    flush_word(text, &mut pending, &mut tokens, refold);
    flush_cjk(&mut cjk_run, &mut tokens);
    for (n, t) in tokens.iter_mut().enumerate() {
        t.position = n as u32;
    }
    tokens
}

/// The word-boundary segments of `text` when every character is one of English
/// and Russian prose's (Latin, Cyrillic, common punctuation), else `None`: the
/// tests hold the common case to the `unicode-segmentation` crate's answers.
/// (The segmentation once had a path of its own for these.)
#[cfg(test)]
fn common_word_bounds(text: &str) -> Option<Vec<(usize, &str)>> {
    let prose = |c: char| {
        matches!(c, '\0'..='\u{24F}' | '\u{400}'..='\u{481}' | '\u{48A}'..='\u{4FF}')
            && !matches!(c, '\u{80}'..='\u{9F}' | '\u{AD}')
            || matches!(c, '\u{2010}'..='\u{2015}' | '\u{2018}'..='\u{2022}' | '\u{2026}' | '\u{2039}' | '\u{203A}' | '\u{20AC}' | '\u{2116}')
    };
    text.chars().all(prose).then(|| word_bound_indices(text))
}

fn joins_with_plus(text: &str, prev: &Range<usize>, next_start: usize) -> bool {
    prev.end + 1 == next_start
        && text.as_bytes()[prev.end] == b'+'
        && text[..prev.end].ends_with(|c: char| c.is_ascii_digit())
        && text[next_start..].starts_with(|c: char| c.is_ascii_digit())
}

fn flush_word(text: &str, pending: &mut Option<Range<usize>>, out: &mut Vec<Token>, refold: bool) {
    if let Some(span) = pending.take() {
        let original = &text[span.clone()];
        let term = fold(original);
        // Compatibility forms can fold into several words (Lao `ໜ` → `ຫ` `ນ`, `🄀` →
        // `0.`): re-tokenize what folding changed, so a term always tokenizes to itself.
        // ASCII only changes case, which moves no word boundary.
        let words = if refold && !original.is_ascii() && term != original {
            segment(&term, false).into_iter().map(|t| t.term).collect()
        } else {
            vec![term]
        };
        for term in words {
            // A word made only of marks folds to punctuation or nothing: not a token.
            if term.chars().any(char::is_alphanumeric) {
                out.push(Token { term, span: span.clone(), position: 0 });
            }
        }
    }
}

fn flush_cjk(run: &mut Vec<(usize, char)>, out: &mut Vec<Token>) {
    // Voicing marks and the like fold away: bigram the letters only.
    run.retain(|&(_, c)| c.is_alphanumeric() && !is_combining_mark(c));
    let end_of = |(o, c): (usize, char)| o + c.len_utf8();
    match run.len() {
        0 => {}
        1 => out.push(Token { term: fold(&run[0].1.to_string()), span: run[0].0..end_of(run[0]), position: 0 }),
        _ => {
            for pair in run.windows(2) {
                let term: String = fold(&[pair[0].1, pair[1].1].iter().collect::<String>());
                out.push(Token { term, span: pair[0].0..end_of(pair[1]), position: 0 });
            }
        }
    }
    run.clear();
}

/// Folds one word: lower case, NFKD without combining marks, apostrophes unified.
pub fn fold(word: &str) -> String {
    if word.bytes().all(|b| b.is_ascii_graphic()) {
        // The common case, without decomposition: lower case, ` as ', no outer quotes.
        let mut out = word.to_ascii_lowercase();
        if out.contains('`') {
            out = out.replace('`', "'");
        }
        let trimmed = out.trim_matches('\'');
        return if trimmed.len() == out.len() { out } else { trimmed.to_string() };
    }
    fold_general(word)
}

fn fold_general(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        match c {
            '\u{2018}' | '\u{2019}' | '\u{02BC}' | '\u{2032}' | '\u{FF07}' | '`' => out.push('\''),
            // Cyrillic short i is a letter of its own, not и with a mark.
            'й' | 'Й' => out.push('й'),
            _ => fold_char(c, &mut out),
        }
    }
    let trimmed = out.trim_matches('\'');
    if trimmed.len() != out.len() {
        out = trimmed.to_string();
    }
    out
}

/// The writing system of a folded term, which decides its stemmer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    Latin,
    Cyrillic,
    Other,
}

pub fn script_of(term: &str) -> Script {
    for c in term.chars() {
        if c.is_ascii_alphabetic() || ('\u{00C0}'..='\u{024F}').contains(&c) {
            return Script::Latin;
        }
        if ('\u{0400}'..='\u{04FF}').contains(&c) {
            return Script::Cyrillic;
        }
        if c.is_alphabetic() {
            return Script::Other;
        }
    }
    Script::Other
}

/// Reduces a folded term to its stem: English Snowball for Latin script, Russian
/// Snowball for Cyrillic, the term itself otherwise (Armenian, Georgian, CJK, numbers).
pub struct Stemmers {
    english: Stemmer,
    russian: Stemmer,
}

impl Default for Stemmers {
    fn default() -> Self {
        Stemmers { english: Stemmer::create(Algorithm::English), russian: Stemmer::create(Algorithm::Russian) }
    }
}

impl Stemmers {
    pub fn stem(&self, term: &str) -> String {
        match script_of(term) {
            Script::Latin => self.english.stem(term).into_owned(),
            Script::Cyrillic => self.russian.stem(term).into_owned(),
            Script::Other => term.to_string(),
        }
    }
}

/// The languages an article may declare (`meta.language`: an ISO 639-1 code,
/// the primary subtag of a BCP 47 tag such as `pt-BR`) that have a Snowball
/// stemmer of their own. At build time the terms of such an article are
/// stemmed by its language ([`DeclaredStemmers`]); the index's stem table
/// files each group of forms under the stems the query side computes too
/// (see `Index::build`), so the app shell carries English and Russian only.
pub const DECLARED: [(&str, Algorithm); 20] = [
    ("ar", Algorithm::Arabic),
    ("da", Algorithm::Danish),
    ("de", Algorithm::German),
    ("el", Algorithm::Greek),
    ("en", Algorithm::English),
    ("es", Algorithm::Spanish),
    ("fi", Algorithm::Finnish),
    ("fr", Algorithm::French),
    ("hu", Algorithm::Hungarian),
    ("it", Algorithm::Italian),
    ("nb", Algorithm::Norwegian),
    ("nl", Algorithm::Dutch),
    ("nn", Algorithm::Norwegian),
    ("no", Algorithm::Norwegian),
    ("pt", Algorithm::Portuguese),
    ("ro", Algorithm::Romanian),
    ("ru", Algorithm::Russian),
    ("sv", Algorithm::Swedish),
    ("ta", Algorithm::Tamil),
    ("tr", Algorithm::Turkish),
];

/// Which of [`DECLARED`] a declared language tag is (`"de"`, `"DE-at"`,
/// `"pt_BR"`), if any.
pub fn declared_language(tag: &str) -> Option<usize> {
    let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    DECLARED.binary_search_by(|(code, _)| (*code).cmp(primary.as_str())).ok()
}

/// The stemmers of [`DECLARED`], for the index build (never the app: a query is
/// stemmed by script, [`Stemmers`]).
pub struct DeclaredStemmers(Vec<Stemmer>);

impl Default for DeclaredStemmers {
    fn default() -> Self {
        DeclaredStemmers(DECLARED.iter().map(|&(_, algorithm)| Stemmer::create(algorithm)).collect())
    }
}

impl DeclaredStemmers {
    /// The stem of `term` in language `language` (an index into [`DECLARED`]),
    /// or `None` when the term is not written in that language's script (a
    /// Russian name in a German article is stemmed as Cyrillic words are).
    pub fn stem(&self, language: usize, term: &str) -> Option<String> {
        let (_, algorithm) = DECLARED.get(language)?;
        let in_range = |ranges: &[(char, char)]| {
            term.chars().find(|c| c.is_alphabetic()).is_some_and(|c| ranges.iter().any(|&(a, b)| (a..=b).contains(&c)))
        };
        let written = match algorithm {
            Algorithm::Russian => script_of(term) == Script::Cyrillic,
            Algorithm::Greek => in_range(&[('\u{0370}', '\u{03FF}'), ('\u{1F00}', '\u{1FFF}')]),
            Algorithm::Arabic => {
                in_range(&[('\u{0600}', '\u{06FF}'), ('\u{0750}', '\u{077F}'), ('\u{08A0}', '\u{08FF}')])
            }
            Algorithm::Tamil => in_range(&[('\u{0B80}', '\u{0BFF}')]),
            _ => script_of(term) == Script::Latin,
        };
        written.then(|| self.0[language].stem(term).into_owned())
    }
}

/// Function words of English and Russian (folded), sorted, one space apart: a
/// question's words that need not match when a search relaxes to best matches.
/// One string rather than a slice of them: 2 KB less in the app shell.
const FUNCTION_WORDS: &str =
    "a about above after again against all am an and any are as at be because been before being below \
between both but by can could did do does doing down during each few for from further had has have \
having he her here hers herself him himself his how i if in into is it its itself just may me might \
more most must my myself no nor not now of off on once only or other our ours ourselves out over \
own same shall she should so some such than that the their theirs them themselves then there these \
they this those through to too under until up upon very was we were what when where which while who \
whom whose why will with within without would you your yours yourself yourselves а без более бы был \
была были было быть в вам вас весь во вот все всего всех вы где да даже для до его ее если есть еще \
же за здесь и из или им их к как ко когда кто ли либо между меня мне может мы на над надо наш не \
него нее нет ни них но ну о об однако он она они оно от очень по под при с со так также такой там \
те тем то того тоже той только том ты у уже чем что чтобы эта эти это я";

/// Whether a folded term is a function word ("what", "the", "что"): such words
/// carry no topic, so a relaxed search neither requires nor ranks by them.
pub fn is_function_word(term: &str) -> bool {
    FUNCTION_WORDS.split(' ').any(|w| w == term)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str) -> Vec<String> {
        tokenize(text).into_iter().map(|t| t.term).collect()
    }

    #[test]
    fn folding_table() {
        let rows: &[(&str, &[&str])] = &[
            ("Türkiye’s", &["turkiye's"]),
            ("Russia’s security", &["russia's", "security"]),
            ("the 3+3 platform", &["the", "3+3", "platform"]),
            ("“3+3”", &["3+3"]),
            ("in 2023, $8.3 billion", &["in", "2023", "8.3", "billion"]),
            ("Armenia-Iran partnership", &["armenia", "iran", "partnership"]),
            ("January 2021—co-chaired", &["january", "2021", "co", "chaired"]),
            ("‘strategic defeat’", &["strategic", "defeat"]),
            ("Ёлка и йогурт", &["елка", "и", "йогурт"]),
            // The Armenian ligature և is a compatibility form of եւ.
            ("ՀԱՅԱՍՏԱՆ Երևան", &["հայաստան", "երեւան"]),
            ("Café ﬁnal", &["cafe", "final"]),
            ("zero\u{200B}width", &["zero", "width"]),
            ("東京都", &["東京", "京都"]),
            ("東", &["東"]),
            ("<script>alert(1)</script>", &["script", "alert", "1", "script"]),
            ("!!! ... ---", &[]),
            ("", &[]),
        ];
        for (text, want) in rows {
            assert_eq!(terms(text), *want, "tokenizing {text:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn common_word_bounds_agree_with_the_unicode_tables(
            text in "[aZé ж0 9:·.'‘’,;_ \r\n\t+\\-“”—–…«»\u{A0}ÿ!?()/]{0,40}"
        ) {
            let fast = common_word_bounds(&text);
            proptest::prop_assert!(fast.is_some(), "every character of the alphabet has a class");
            let slow: Vec<(usize, &str)> = text.split_word_bound_indices().collect();
            proptest::prop_assert_eq!(fast.unwrap(), slow);
        }
    }

    #[test]
    fn common_word_bounds_table() {
        let rows: &[(&str, Option<&[&str]>)] = &[
            ("don’t stop, U.S. 8.3 1,000.5 a:b 3:4 a_b _x x_ __", None),
            ("Russia’s “peace” — 22 Dec 2023… ×÷ Ёлка", None),
            ("", Some(&[])),
            ("co\u{AD}operate", Some(&[])), // a soft hyphen: the full rules
            ("Երեւան", Some(&[])),
            ("🙂", Some(&[])),
        ];
        for (text, fallback) in rows {
            let slow: Vec<(usize, &str)> = text.split_word_bound_indices().collect();
            match (common_word_bounds(text), fallback) {
                (Some(fast), _) => assert_eq!(fast, slow, "{text:?}"),
                (None, Some(_)) => {}
                (None, None) => panic!("{text:?} should not need the full rules"),
            }
        }
        assert!(common_word_bounds("co\u{AD}operate").is_none() && common_word_bounds("Երեւան").is_none());
        assert!(common_word_bounds("").is_some_and(|s| s.is_empty()));
    }

    #[test]
    fn the_ascii_fast_path_folds_like_the_general_one() {
        for w in ["Hello", "RUSSIA's", "`quoted'", "'", "''a''", "3+3", "8.3", "MiXeD_Case9", "it`s"] {
            assert_eq!(fold(w), fold_general(w), "{w}");
        }
    }

    proptest::proptest! {
        #[test]
        fn ascii_fast_path_matches_for_any_ascii(w in "[ -~]{0,12}") {
            proptest::prop_assert_eq!(fold(&w), fold_general(&w));
        }
    }

    #[test]
    fn spans_point_at_original_text() {
        let text = "“Russia’s” Türkiye 3+3";
        let spans: Vec<&str> = tokenize(text).iter().map(|t| &text[t.span.clone()]).collect();
        assert_eq!(spans, ["Russia’s", "Türkiye", "3+3"]);
    }

    #[test]
    fn positions_are_consecutive() {
        let pos: Vec<u32> = tokenize("a b, c. d").iter().map(|t| t.position).collect();
        assert_eq!(pos, [0, 1, 2, 3]);
    }

    #[test]
    fn function_words_are_sorted_folded_and_found() {
        let words: Vec<&str> = FUNCTION_WORDS.split(' ').collect();
        assert!(words.windows(2).all(|w| w[0] < w[1]), "sorted without repeats");
        assert!(words.iter().all(|w| !w.is_empty() && fold(w) == *w), "stored folded, as queries are");
        for (word, want) in [("what", true), ("the", true), ("что", true), ("ambassador", false), ("kopyrkin", false)]
        {
            assert_eq!(is_function_word(word), want, "{word}");
        }
    }

    #[test]
    fn stemming_by_script() {
        let s = Stemmers::default();
        let rows = [
            ("obligations", "oblig"),
            ("obligation", "oblig"),
            ("russia's", "russia"),
            ("книги", "книг"),
            ("книга", "книг"),
            ("երեւան", "երեւան"),
            ("2023", "2023"),
        ];
        for (term, want) in rows {
            assert_eq!(s.stem(term), want, "stemming {term}");
        }
    }
}
