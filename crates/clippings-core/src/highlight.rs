//! Matches as data: a [`Matcher`] finds a query's hits in any displayed text as
//! byte ranges (from the same tokenizer as the index); a [`Snippet`] is text plus
//! highlight ranges, and [`Snippet::segments`] yields `(is_hit, piece)` for a view.

use std::ops::Range;

use crate::analysis::{tokenize, Token};
use crate::article::Article;
use crate::index::Field;

/// The positive words and phrases of a query, resolved to dictionary words.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Matcher {
    terms: Vec<(Vec<String>, Option<Field>)>,
    phrases: Vec<(Vec<String>, u32, Option<Field>)>,
}

impl Matcher {
    pub fn add_terms(&mut self, mut words: Vec<String>, field: Option<Field>) {
        crate::sort::sort(&mut words);
        words.dedup();
        if !words.is_empty() {
            self.terms.push((words, field));
        }
    }

    pub fn add_phrase(&mut self, words: Vec<String>, slop: u32, field: Option<Field>) {
        self.phrases.push((words, slop, field));
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty() && self.phrases.is_empty()
    }

    /// Hit ranges in `text` (a piece of `field`), sorted and non-overlapping.
    pub fn find(&self, text: &str, field: Field) -> Vec<Range<usize>> {
        self.find_tokens(&tokenize(text), field).into_iter().map(|r| r.span).collect()
    }

    /// Hits as token ranges plus their byte spans. (Not inlined: its two callers,
    /// [`Matcher::find`] and the collocates' windows, share one copy in the shell.)
    #[inline(never)]
    pub(crate) fn find_tokens(&self, tokens: &[Token], field: Field) -> Vec<TokenHit> {
        let applies = |f: &Option<Field>| f.is_none_or(|f| f == field);
        let mut hits: Vec<TokenHit> = Vec::new();
        for (words, _) in self.terms.iter().filter(|(_, f)| applies(f)) {
            for (i, t) in tokens.iter().enumerate() {
                if words.binary_search(&t.term).is_ok() {
                    hits.push(TokenHit { first: i, last: i, span: t.span.clone() });
                }
            }
        }
        for (words, slop, _) in self.phrases.iter().filter(|(_, _, f)| applies(f)) {
            hits.extend(phrase_hits(tokens, words, *slop));
        }
        crate::sort::sort_by_key(&mut hits, |h| (h.span.start, std::cmp::Reverse(h.span.end)));
        let mut merged: Vec<TokenHit> = Vec::with_capacity(hits.len());
        for h in hits {
            match merged.last_mut() {
                Some(last) if h.span.start < last.span.end => {
                    last.span.end = last.span.end.max(h.span.end);
                    last.last = last.last.max(h.last);
                }
                _ => merged.push(h),
            }
        }
        merged
    }
}

#[derive(Debug, Clone)]
pub(crate) struct TokenHit {
    /// The hit's first and last token.
    pub(crate) first: usize,
    pub(crate) last: usize,
    span: Range<usize>,
}

fn phrase_hits(tokens: &[Token], words: &[String], slop: u32) -> Vec<TokenHit> {
    let mut out = Vec::new();
    if words.is_empty() {
        return out;
    }
    for (i, t) in tokens.iter().enumerate() {
        if t.term != words[0] {
            continue;
        }
        if slop == 0 {
            let ok = words.iter().enumerate().all(|(k, w)| tokens.get(i + k).is_some_and(|t| &t.term == w));
            if ok {
                let last = i + words.len() - 1;
                out.push(TokenHit { first: i, last, span: t.span.start..tokens[last].span.end });
            }
            continue;
        }
        // Each later word within `slop` tokens of its place: mark the words found.
        let found: Option<Vec<usize>> = words
            .iter()
            .enumerate()
            .skip(1)
            .map(|(k, w)| {
                let want = i + k;
                let lo = want.saturating_sub(slop as usize);
                let hi = (want + slop as usize).min(tokens.len().saturating_sub(1));
                (lo..=hi).find(|&j| j < tokens.len() && &tokens[j].term == w)
            })
            .collect();
        if let Some(found) = found {
            out.push(TokenHit { first: i, last: i, span: t.span.clone() });
            out.extend(found.into_iter().map(|j| TokenHit { first: j, last: j, span: tokens[j].span.clone() }));
        }
    }
    out
}

/// Text with highlight ranges into it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Snippet {
    pub text: String,
    pub highlights: Vec<Range<usize>>,
}

impl Snippet {
    /// `(is_hit, piece)` in order; the pieces concatenate to `text`.
    pub fn segments(&self) -> impl Iterator<Item = (bool, &str)> + '_ {
        segments(&self.text, &self.highlights)
    }
}

/// Splits `text` at sorted, non-overlapping `highlights` into `(is_hit, piece)`.
pub fn segments<'a>(text: &'a str, highlights: &'a [Range<usize>]) -> impl Iterator<Item = (bool, &'a str)> + 'a {
    let mut out = Vec::with_capacity(highlights.len() * 2 + 1);
    let mut at = 0;
    for h in highlights {
        if h.start > at {
            out.push((false, &text[at..h.start]));
        }
        out.push((true, &text[h.clone()]));
        at = h.end;
    }
    if at < text.len() {
        out.push((false, &text[at..]));
    }
    out.into_iter()
}

/// Words in one snippet window.
pub const WINDOW_WORDS: usize = 30;

/// The body window (about 30 words) with the most distinct matched words; a second
/// window joins it, after `…`, when it has words the first lacks. Without hits in
/// the body: the first lines.
pub fn snippet(article: &Article, matcher: &Matcher) -> Snippet {
    if matcher.is_empty() {
        return preview(article, WINDOW_WORDS); // no query: no need to look for hits
    }
    let pieces: Vec<(Range<usize>, Vec<Token>)> =
        article.searchable().into_iter().map(|r| (r.clone(), tokenize(&article.text[r]))).collect();
    let mut windows: Vec<Window> = Vec::new();
    for (p, (_, tokens)) in pieces.iter().enumerate() {
        let hits = matcher.find_tokens(tokens, Field::Body);
        for (h_i, h) in hits.iter().enumerate() {
            let first = h.first.saturating_sub(6);
            let last = (first + WINDOW_WORDS - 1).min(tokens.len() - 1);
            let inside: Vec<&TokenHit> = hits[h_i..].iter().filter(|x| x.last <= last).collect();
            let mut words: Vec<&str> = inside.iter().map(|x| tokens[x.first].term.as_str()).collect();
            crate::sort::sort(&mut words);
            words.dedup();
            windows.push(Window {
                piece: p,
                first,
                last,
                words: words.into_iter().map(String::from).collect(),
                hits: inside.len(),
            });
        }
    }
    let best = |ws: &[Window]| -> Option<usize> {
        (0..ws.len())
            .max_by(|&a, &b| (ws[a].words.len(), ws[a].hits).cmp(&(ws[b].words.len(), ws[b].hits)).then(b.cmp(&a)))
    };
    let Some(first) = best(&windows) else {
        return preview(article, WINDOW_WORDS);
    };
    let one = windows[first].clone();
    let others: Vec<Window> = windows
        .into_iter()
        .filter(|w| {
            (w.piece != one.piece || w.first > one.last + 5 || w.last + 5 < one.first)
                && w.words.iter().any(|x| !one.words.contains(x))
        })
        .collect();
    let mut chosen = vec![one];
    if let Some(i) = best(&others) {
        chosen.push(others[i].clone());
        crate::sort::sort_by_key(&mut chosen, |w| (w.piece, w.first));
    }
    let mut out = Snippet::default();
    for (k, w) in chosen.iter().enumerate() {
        let (range, tokens) = &pieces[w.piece];
        let text = &article.text[range.clone()];
        let cut_start = if w.first == 0 { 0 } else { tokens[w.first].span.start };
        let cut_end = if w.last + 1 == tokens.len() { text.len() } else { tokens[w.last].span.end };
        if k > 0 {
            out.text.push_str(" … ");
        } else if cut_start > 0 {
            out.text.push('…');
        }
        let base = out.text.len();
        out.text.push_str(&text[cut_start..cut_end]);
        for h in matcher.find(&text[cut_start..cut_end], Field::Body) {
            out.highlights.push(base + h.start..base + h.end);
        }
        if k + 1 == chosen.len() && cut_end < text.len() {
            out.text.push('…');
        }
    }
    out
}

#[derive(Debug, Clone)]
struct Window {
    piece: usize,
    first: usize,
    last: usize,
    words: Vec<String>,
    hits: usize,
}

/// The first `words` words of the body, cut at a word boundary.
pub fn preview(article: &Article, words: usize) -> Snippet {
    let Some(first) = article.searchable().into_iter().next() else {
        return Snippet::default();
    };
    let text = &article.text[first];
    let tokens = tokenize(text);
    let words = words.max(1);
    let text = match tokens.get(words) {
        Some(_) => format!("{}…", &text[..tokens[words - 1].span.end]),
        None => text.to_string(),
    };
    Snippet { text, highlights: Vec::new() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::parse;

    /// Renders a snippet as `foo [hit] bar` for readable assertions.
    fn show(s: &Snippet) -> String {
        s.segments().map(|(hit, p)| if hit { format!("[{p}]") } else { p.to_string() }).collect()
    }

    fn matcher(terms: &[&str], phrases: &[(&[&str], u32)]) -> Matcher {
        let mut m = Matcher::default();
        for t in terms {
            m.add_terms(vec![t.to_string()], None);
        }
        for (p, slop) in phrases {
            m.add_phrase(p.iter().map(|s| s.to_string()).collect(), *slop, None);
        }
        m
    }

    #[test]
    fn find_table() {
        let rows: &[(&str, Matcher, &str)] = &[
            ("Russia’s view of Russia", matcher(&["russia's", "russia"], &[]), "[Russia’s] view of [Russia]"),
            ("the peace treaty and peace", matcher(&[], &[(&["peace", "treaty"], 0)]), "the [peace treaty] and peace"),
            ("Türkiye and TURKIYE", matcher(&["turkiye"], &[]), "[Türkiye] and [TURKIYE]"),
            ("the 3+3 format", matcher(&["3+3"], &[]), "the [3+3] format"),
            ("peace of the treaty", matcher(&[], &[(&["peace", "treaty"], 2)]), "[peace] of the [treaty]"),
            ("peace of the big treaty", matcher(&[], &[(&["peace", "treaty"], 2)]), "peace of the big treaty"),
            ("<b>peace</b>", matcher(&["peace"], &[]), "<b>[peace]</b>"),
            ("nothing here", matcher(&["peace"], &[]), "nothing here"),
        ];
        for (text, m, want) in rows {
            let s = Snippet { text: text.to_string(), highlights: m.find(text, Field::Body) };
            assert_eq!(show(&s), *want);
        }
    }

    #[test]
    fn snippet_picks_the_window_with_most_words_and_cuts_with_ellipsis() {
        let filler = "word ".repeat(60);
        let body = format!("Head line\n{filler}alpha beta gamma {filler} alpha only {filler}");
        let a = parse("x", &body).unwrap();
        let s = snippet(&a, &matcher(&["alpha", "beta"], &[]));
        assert!(show(&s).contains("[alpha] [beta] gamma"), "{}", show(&s));
        assert!(s.text.starts_with('…') && s.text.ends_with('…'));
        assert!(s.text.split_whitespace().count() <= 2 * WINDOW_WORDS + 2);
    }

    #[test]
    fn snippet_adds_a_second_window_for_far_apart_words() {
        let filler = "word ".repeat(80);
        let a = parse("x", &format!("Head line\nalpha {filler} omega end")).unwrap();
        let s = snippet(&a, &matcher(&["alpha", "omega"], &[]));
        assert_eq!(s.highlights.len(), 2, "{}", show(&s));
        assert!(s.text.contains(" … "));
    }

    #[test]
    fn preview_without_hits() {
        let a = parse("x", "Head line\none two three four").unwrap();
        assert_eq!(snippet(&a, &Matcher::default()).text, "one two three four");
        assert_eq!(preview(&a, 2).text, "one two…");
    }
}

/// One hit in an article, in reading order: title, byline, then body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleHit {
    pub field: Field,
    /// Byte range into the title, the byline or the article text, by `field`.
    pub span: Range<usize>,
}

/// Every hit of `matcher` in `article`, numbered as the reader numbers them.
pub fn article_hits(article: &Article, matcher: &Matcher) -> Vec<ArticleHit> {
    let mut out: Vec<ArticleHit> = matcher
        .find(&article.title, Field::Title)
        .into_iter()
        .map(|span| ArticleHit { field: Field::Title, span })
        .collect();
    if let Some(b) = &article.byline {
        out.extend(matcher.find(b, Field::Byline).into_iter().map(|span| ArticleHit { field: Field::Byline, span }));
    }
    for piece in article.searchable() {
        let base = piece.start;
        out.extend(
            matcher
                .find(&article.text[piece], Field::Body)
                .into_iter()
                .map(|s| ArticleHit { field: Field::Body, span: base + s.start..base + s.end }),
        );
    }
    out
}

/// The hits of `field` within `range` of its text (title, byline or article text),
/// as spans relative to `range.start`, and the number of the first of them: the
/// reader marks one piece of text at a time and numbers its marks from there, so
/// a mark's number is its place in `hits` ([`article_hits`]), as in the
/// concordance's `hit=` links.
pub fn hits_within(hits: &[ArticleHit], field: Field, range: Range<usize>) -> (Vec<Range<usize>>, usize) {
    let first = hits.iter().position(|h| h.field == field && h.span.start >= range.start).unwrap_or(hits.len());
    let spans = hits[first..]
        .iter()
        .take_while(|h| h.field == field && h.span.end <= range.end)
        .map(|h| h.span.start - range.start..h.span.end - range.start)
        .collect();
    (spans, first)
}

/// Where each of `hits` ([`article_hits`] of `article`) falls in the article,
/// in thousandths of its length, in the same order: title and byline hits at 0,
/// a body hit at its start's share of the text. For the reader's dispersion strip.
pub fn dispersion(article: &Article, hits: &[ArticleHit]) -> Vec<u16> {
    let len = article.text.len().max(1);
    hits.iter()
        .map(|h| match h.field {
            Field::Body => (h.span.start.min(len) * 1000 / len) as u16,
            Field::Title | Field::Byline => 0,
        })
        .collect()
}

/// A concordance line: context left of a body hit, the hit, context right of it,
/// each cut at word boundaries within the hit's paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KwicLine {
    pub left: String,
    pub hit: String,
    pub right: String,
    /// The hit's number in [`article_hits`] order (the reader's `hit=`).
    pub hit_index: usize,
}

/// Concordance lines for every body hit of `article`, with about `width` bytes of
/// context on each side.
pub fn kwic(article: &Article, matcher: &Matcher, width: usize) -> Vec<KwicLine> {
    let paragraphs = &article.paragraphs;
    article_hits(article, matcher)
        .into_iter()
        .enumerate()
        .filter(|(_, h)| h.field == Field::Body)
        .map(|(i, h)| {
            let para = paragraphs.iter().find(|p| p.start <= h.span.start && h.span.end <= p.end).cloned();
            let para = para.unwrap_or(0..article.text.len());
            let text = &article.text;
            let mut from = h.span.start.saturating_sub(width).max(para.start);
            while !text.is_char_boundary(from) {
                from += 1;
            }
            if from > para.start {
                from = text[from..h.span.start].find(char::is_whitespace).map_or(h.span.start, |k| from + k + 1);
            }
            let mut to = (h.span.end + width).min(para.end);
            while !text.is_char_boundary(to) {
                to -= 1;
            }
            if to < para.end {
                to = text[h.span.end..to].rfind(char::is_whitespace).map_or(h.span.end, |k| h.span.end + k);
            }
            KwicLine {
                left: text[from..h.span.start].to_string(),
                hit: text[h.span.clone()].to_string(),
                right: text[h.span.end..to].to_string(),
                hit_index: i,
            }
        })
        .collect()
}

#[cfg(test)]
mod kwic_tests {
    use super::*;
    use crate::article::parse;

    #[test]
    fn concordance_lines_cut_at_words_and_number_like_the_reader() {
        let a = parse("x", "Peace now\nThe long road to peace runs through Yerevan and Baku.\nNo peace.").unwrap();
        let mut m = Matcher::default();
        m.add_terms(vec!["peace".into()], None);
        let lines = kwic(&a, &m, 12);
        let shown: Vec<(String, String, String, usize)> =
            lines.into_iter().map(|l| (l.left, l.hit, l.right, l.hit_index)).collect();
        assert_eq!(
            shown,
            [("road to ".into(), "peace".into(), " runs".into(), 1), ("No ".into(), "peace".into(), ".".into(), 2),]
        );
        assert_eq!(article_hits(&a, &m)[0].field, Field::Title);
    }
}

#[cfg(test)]
mod dispersion_tests {
    use super::*;
    use crate::article::parse;

    #[test]
    fn hits_fall_where_they_stand_in_the_article() {
        // The body is "aaaa peace bbbb … peace": 100 bytes, hits at 5 and 95.
        let body = format!("aaaa peace {} peace", "b".repeat(83));
        let a = parse("x", &format!("Peace\n{body}")).unwrap();
        assert_eq!(a.text.len(), 100, "{:?}", a.text);
        let mut m = Matcher::default();
        m.add_terms(vec!["peace".into()], None);
        let hits = article_hits(&a, &m);
        assert_eq!(dispersion(&a, &hits), [0, 50, 950], "the title's hit at 0, then the body's");
        let none = Matcher::default();
        assert_eq!(dispersion(&a, &article_hits(&a, &none)), Vec::<u16>::new());
    }

    #[test]
    fn every_position_is_within_the_article_and_in_reading_order() {
        let text = "Talks on peace. ".repeat(40) + "Peace, and peace again.";
        let a = parse("x", &format!("Title\n{text}")).unwrap();
        let mut m = Matcher::default();
        m.add_terms(vec!["peace".into()], None);
        let hits = article_hits(&a, &m);
        let at = dispersion(&a, &hits);
        assert_eq!(at.len(), hits.len());
        assert!(at.windows(2).all(|w| w[0] <= w[1]), "{at:?}");
        assert!(at.iter().all(|&p| p < 1000), "{at:?}");
        // Each matches its hit's byte offset, brute force.
        for (h, &p) in hits.iter().zip(&at) {
            assert_eq!(p as usize, h.span.start * 1000 / a.text.len());
        }
    }
}

#[cfg(test)]
mod numbering_tests {
    use super::*;
    use crate::article::parse;

    /// "Peace now" / "By Ann Peace" / two paragraphs, the first with a boilerplate
    /// sentence that says "peace" too (never searched, so never a hit).
    fn article() -> Article {
        let mut a =
            parse("x", "Peace now\nPeace talks resume. Support peace journalism. No peace yet.\nA peace of cake.")
                .unwrap();
        a.byline = Some("Ann Peace".into());
        let appeal = "Support peace journalism.";
        let at = a.text.find(appeal).unwrap();
        a.boilerplate = std::iter::once(at..at + appeal.len()).collect();
        a
    }

    fn words(list: &[&str]) -> Matcher {
        let mut m = Matcher::default();
        m.add_terms(list.iter().map(|w| w.to_string()).collect(), None);
        m
    }

    /// The marks as the reader draws them: title, byline, then each searchable
    /// piece of each paragraph, every mark numbered from its piece's first.
    fn reader_marks(a: &Article, m: &Matcher) -> Vec<(usize, Field, String)> {
        let hits = article_hits(a, m);
        let mut out = Vec::new();
        let mut mark = |field: Field, text: &str, range: Range<usize>| {
            let (spans, first) = hits_within(&hits, field, range.clone());
            for (k, s) in spans.into_iter().enumerate() {
                out.push((first + k, field, text[range.start + s.start..range.start + s.end].to_string()));
            }
        };
        mark(Field::Title, &a.title, 0..a.title.len());
        if let Some(b) = &a.byline {
            mark(Field::Byline, b, 0..b.len());
        }
        for p in &a.paragraphs {
            for (range, boiler) in a.pieces(p) {
                if !boiler {
                    mark(Field::Body, &a.text, range);
                }
            }
        }
        out
    }

    #[test]
    #[allow(clippy::single_range_in_vec_init)] // lists of ranges, some of one range
    fn a_piece_of_text_gets_its_own_hits_and_the_first_ones_number() {
        let a = article();
        let hits = article_hits(&a, &words(&["peace"]));
        let body = |s: &str| a.text.find(s).unwrap();
        let second = a.paragraphs[1].clone();
        // A piece of text, its hits within it, and the first one's number.
        type Row<'a> = (Field, Range<usize>, &'a [Range<usize>], usize);
        let rows: &[Row] = &[
            (Field::Title, 0..a.title.len(), &[0..5], 0),
            (Field::Byline, 0..9, &[4..9], 1),
            // "Peace talks resume. ": the paragraph's first piece.
            (Field::Body, 0..body("Support"), &[0..5], 2),
            // "No peace yet.", after the appeal.
            (Field::Body, body(" No peace")..a.paragraphs[0].end, &[4..9], 3),
            (Field::Body, second.clone(), &[2..7], 4),
            // A piece without hits: none, numbered where the next would be.
            (Field::Body, second.start..second.start + 1, &[], 4),
        ];
        for (field, range, spans, first) in rows {
            assert_eq!(hits_within(&hits, *field, range.clone()), (spans.to_vec(), *first), "{field:?} {range:?}");
        }
    }

    #[test]
    fn the_reader_numbers_every_hit_where_the_concordance_links_to_it() {
        let a = article();
        let seed = parse("s", include_str!("../../../seeds/004_7291d5aacb49dd9a.txt")).unwrap();
        let mut phrase = words(&["armenia"]);
        phrase.add_phrase(vec!["sergey".into(), "kopyrkin".into()], 0, None);
        let cases: [(&Article, Matcher); 5] = [
            (&a, words(&["peace"])),
            (&a, words(&["peace", "now", "cake"])),
            (&a, words(&["nothing"])),
            (&seed, words(&["russia", "kopyrkin", "ties"])),
            (&seed, phrase),
        ];
        for (a, m) in &cases {
            let marks = reader_marks(a, m);
            let hits = article_hits(a, m);
            // One mark per hit, numbered 0, 1, 2… in reading order.
            let numbers: Vec<usize> = marks.iter().map(|x| x.0).collect();
            assert_eq!(numbers, (0..hits.len()).collect::<Vec<_>>(), "{}", a.title);
            // Each concordance line's hit= opens the mark showing the same words.
            for line in kwic(a, m, 20) {
                let (_, field, text) = &marks[line.hit_index];
                assert_eq!((*field, text.as_str()), (Field::Body, line.hit.as_str()), "{}", a.title);
            }
        }
    }
}
