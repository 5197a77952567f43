//! Query string → ([`Node`], hints). The parser never fails: whatever it cannot
//! use becomes a [`Hint`] and the rest is searched.
//!
//! Grammar (loosest first):
//! - `a OR b`, `a | b` — either;
//! - `a b`, `a AND b` — both;
//! - `-a`, `NOT a` — exclude;
//! - `(…)` — group; `"exact phrase"`, `"phrase"~N` — words in order, or each
//!   within N positions of its place; `word*` — prefix; `word~` — typo tolerant;
//! - `title:`, `byline:` scope a word, phrase or group; `date:2023`,
//!   `date:2023-12`, `date:2023-12..2024-02` filter by date;
//! - `email:`, `phone:`, `url:`, `amount:` and a word or a quoted phrase:
//!   articles with such a facet value ([`crate::fields`] says which match);
//! - `like:<article id>` — the articles most like that one (its most
//!   distinctive words, weighted; the article itself left out): the reader's
//!   *More like this*.

use std::fmt;
use std::ops::Range;

use crate::analysis::tokenize;
use crate::article::Date;
use crate::facets::FacetKind;
use crate::fields;
use crate::index::Field;

/// Queries longer than this many characters are cut (with a hint).
pub const MAX_QUERY_CHARS: usize = 4096;
/// At most this many words and phrases are searched (with a hint past it).
pub const MAX_LEAVES: usize = 128;
/// Parentheses nested deeper than this are ignored (with a hint).
pub const MAX_DEPTH: usize = 16;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// A plain word: every form with the same stem.
    Stem,
    /// A quoted word: that form only.
    Exact,
    /// `word*`
    Prefix,
    /// `word~`
    Fuzzy,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateRange {
    pub from: Date,
    pub to: Date,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Term {
        term: String,
        mode: Mode,
        field: Option<Field>,
    },
    Phrase {
        terms: Vec<String>,
        slop: u32,
        field: Option<Field>,
    },
    Date(DateRange),
    /// Articles with a value of `kind` that `value` matches ([`crate::fields::matches`]).
    Facet {
        kind: FacetKind,
        value: String,
    },
    /// `like:<id>`: the articles most like article `<id>` ([`crate::search`]).
    Like(String),
    /// `is:starred`, `tag:x`, `note:x`: the reader's own marks ([`crate::marks`]).
    #[cfg(feature = "marks")]
    Mark {
        kind: crate::marks::MarkKind,
        value: String,
    },
    And(Vec<Node>),
    Or(Vec<Node>),
    Not(Box<Node>),
}

/// Something the parser or the search changed or skipped, for the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Hint {
    ClosingQuoteAdded,
    ClosingParenAdded,
    StrayParenIgnored,
    OperatorIgnored(String),
    NothingSearchable(String),
    BadDate(String),
    Truncated,
    TooDeep,
    TooManyTerms,
    /// `from` had no hit; the search used these dictionary words instead.
    Corrected {
        from: String,
        to: Vec<String>,
    },
    PrefixCapped {
        prefix: String,
        kept: usize,
    },
    /// `like:` names no article of the archive (its id).
    NoArticle(String),
    /// Only `found` articles hold all `words` words: the best matches are shown instead.
    Relaxed {
        words: usize,
        found: usize,
    },
}

impl fmt::Display for Hint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Hint::ClosingQuoteAdded => write!(f, "closing quote added"),
            Hint::ClosingParenAdded => write!(f, "closing parenthesis added"),
            Hint::StrayParenIgnored => write!(f, "unmatched ')' ignored"),
            Hint::OperatorIgnored(op) => write!(f, "'{op}' ignored: nothing to apply it to"),
            Hint::NothingSearchable(w) => write!(f, "'{w}' has no searchable words"),
            Hint::BadDate(d) => write!(f, "'{d}' is not a date (use 2023, 2023-12 or 2023-12..2024-02)"),
            Hint::Truncated => write!(f, "query cut to {MAX_QUERY_CHARS} characters"),
            Hint::TooDeep => write!(f, "parentheses nested deeper than {MAX_DEPTH} ignored"),
            Hint::TooManyTerms => write!(f, "only the first {MAX_LEAVES} words are searched"),
            Hint::Corrected { from, to } => {
                write!(f, "no '{from}': showing results for {}", to.join(", "))
            }
            Hint::PrefixCapped { prefix, kept } => {
                write!(f, "'{prefix}*' matches many words; the first {kept} are searched")
            }
            Hint::NoArticle(id) => write!(f, "no article '{id}' to find articles like"),
            Hint::Relaxed { words, found } => {
                let only = match found {
                    0 => "No article has".to_string(),
                    1 => "Only 1 article has".to_string(),
                    n => format!("Only {n} articles have"),
                };
                write!(f, "{only} all {words} words; showing the best matches")
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Lex {
    Open,
    Close,
    Or,
    And,
    Not,
    Minus,
    Field(Option<Field>),
    /// `email:`, `phone:`, `url:`, `amount:`.
    Facet(FacetKind),
    /// `like:`.
    Like,
    #[cfg(feature = "marks")]
    Mark(crate::marks::MarkKind),
    Phrase {
        text: String,
        slop: u32,
    },
    Word(String),
}

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„' | '«' | '»')
}

fn ends_word(c: char) -> bool {
    c.is_whitespace() || matches!(c, '(' | ')' | '|') || is_quote(c)
}

/// The lexes of `input`, each with the chars it was read from (indices into
/// `input.chars()`).
fn lex(input: &str, hints: &mut Vec<Hint>) -> Vec<(Lex, Range<usize>)> {
    let chars: Vec<char> = input.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let start = i;
        if c.is_whitespace() {
            i += 1;
        } else if c == '(' {
            i += 1;
            out.push((Lex::Open, start..i));
        } else if c == ')' {
            i += 1;
            out.push((Lex::Close, start..i));
        } else if c == '|' {
            while i < chars.len() && chars[i] == '|' {
                i += 1;
            }
            out.push((Lex::Or, start..i));
        } else if is_quote(c) {
            let open = i + 1;
            let mut end = open;
            while end < chars.len() && !is_quote(chars[end]) {
                end += 1;
            }
            let text: String = chars[open..end.min(chars.len())].iter().collect();
            i = end + 1;
            if end >= chars.len() {
                hints.push(Hint::ClosingQuoteAdded);
            }
            let mut slop = 0;
            if i < chars.len() && chars[i] == '~' {
                let digits: String = chars[i + 1..].iter().take_while(|c| c.is_ascii_digit()).take(4).collect();
                i += 1 + chars[i + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
                slop = digits.parse().unwrap_or(1).min(1000);
            }
            out.push((Lex::Phrase { text, slop }, start..i));
        } else if matches!(c, '-' | '−')
            && chars.get(i + 1).is_some_and(|n| !ends_word(*n) || is_quote(*n) || *n == '(')
        {
            i += 1;
            out.push((Lex::Minus, start..i));
        } else {
            while i < chars.len() && !ends_word(chars[i]) {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            match word.as_str() {
                "OR" => out.push((Lex::Or, start..i)),
                "AND" | "&&" => out.push((Lex::And, start..i)),
                "NOT" => out.push((Lex::Not, start..i)),
                _ => match split_field(&word) {
                    // `like:` names an article only when its id follows at once
                    // (`it looks like: peace` is prose, not a lookup of "peace").
                    Some((Lex::Like, "")) if !chars.get(i).copied().is_some_and(is_quote) => {
                        out.push((Lex::Word(word), start..i))
                    }
                    Some((field, rest)) => {
                        // Field names are ASCII: as many chars as bytes.
                        let value = start + word.len() - rest.len();
                        out.push((field, start..value));
                        if !rest.is_empty() {
                            out.push((Lex::Word(rest.to_string()), value..i));
                        }
                    }
                    None => out.push((Lex::Word(word), start..i)),
                },
            }
        }
    }
    out
}

/// When the words of `input` are joined only by the implicit AND — no `OR`,
/// `AND` or `title:`/`byline:` (parentheses, quotes, exclusions and dates may
/// stand around them) — that AND may relax to the best matches when no article
/// holds every word: `Some` of the quoted words and phrases, which still must
/// occur then, as exclusions and dates still apply.
pub fn relaxable(input: &str) -> Option<Vec<Vec<String>>> {
    relaxable_lexes(&lex(input, &mut Vec::new()))
}

fn relaxable_lexes(lexes: &[(Lex, Range<usize>)]) -> Option<Vec<Vec<String>>> {
    // A date's or a facet field's value (`date:2020..`, `phone:+374`) is a
    // filter, not a word. (A field's quoted value counts among the quoted, which
    // changes nothing: a filter applies to the relaxed search all the same.)
    let dates = lexes
        .windows(2)
        .filter(|w| matches!(w, [(Lex::Field(None) | Lex::Facet(_) | Lex::Like, _), (Lex::Word(_), _)]) || is_mark(w))
        .count();
    let words = lexes.iter().filter(|l| matches!(l.0, Lex::Word(_))).count() - dates;
    let quoted = lexes.iter().filter(|l| matches!(l.0, Lex::Phrase { .. })).count();
    let plain = lexes.iter().all(|l| !matches!(l.0, Lex::Or | Lex::And | Lex::Field(Some(_))));
    (words > 0 && words + quoted > 1 && plain).then(|| {
        lexes
            .iter()
            .filter_map(|l| match l {
                (Lex::Phrase { text, .. }, _) => Some(tokenize(text).into_iter().map(|t| t.term).collect()),
                _ => None,
            })
            .collect()
    })
}

/// `is:`, `tag:` or `note:` and its value: a filter too.
#[cfg(feature = "marks")]
fn is_mark(w: &[(Lex, Range<usize>)]) -> bool {
    matches!(w, [(Lex::Mark(_), _), (Lex::Word(_), _)])
}

#[cfg(not(feature = "marks"))]
fn is_mark(_: &[(Lex, Range<usize>)]) -> bool {
    false
}

/// The query's date filters as the parser reads them (`date:` and its value, with
/// a `-` or `NOT` just before it) and the query with them cut out, everything
/// else as typed: how the timeline swaps one date range for another without
/// touching a quoted phrase or a group. The ranges are those the query keeps to
/// (not those it excludes, nor bad dates).
pub fn split_dates(input: &str) -> (Vec<DateRange>, String) {
    let lexes = lex(input, &mut Vec::new());
    // The lexes say where they stand in chars.
    let chars: Vec<char> = input.chars().collect();
    let (mut dates, mut rest, mut at) = (Vec::new(), String::new(), 0);
    for k in 1..lexes.len() {
        let ((Lex::Field(None), _), (Lex::Word(value), word)) = (&lexes[k - 1], &lexes[k]) else {
            continue;
        };
        let negated = k >= 2 && matches!(lexes[k - 2].0, Lex::Minus | Lex::Not);
        if let Some(r) = parse_date_range(value).filter(|_| !negated) {
            dates.push(r);
        }
        // Cut with the spaces before it (after it, when it leads), so that the
        // words around it stay as far apart as they were.
        let first = k - 1 - usize::from(negated);
        let (from, to) = match first.checked_sub(1) {
            Some(before) => (lexes[before].1.end, word.end),
            None => (0, lexes.get(k + 1).map_or(chars.len(), |l| l.1.start)),
        };
        rest.extend(&chars[at..from]);
        at = to;
    }
    rest.extend(&chars[at..]);
    (dates, rest)
}

/// `title:x` → (Field(Some(Title)), "x"); `date:` → (Field(None), …) marks the
/// date filter; `phone:x` → (Facet(Phone), "x").
fn split_field(word: &str) -> Option<(Lex, &str)> {
    let (name, rest) = word.split_once(':')?;
    let lex = match name.to_ascii_lowercase().as_str() {
        "title" => Lex::Field(Some(Field::Title)),
        "byline" | "by" | "author" => Lex::Field(Some(Field::Byline)),
        "date" => Lex::Field(None),
        "like" => Lex::Like,
        #[cfg(feature = "marks")]
        key if crate::marks::MarkKind::from_key(key).is_some() => Lex::Mark(crate::marks::MarkKind::from_key(key)?),
        key => Lex::Facet(FacetKind::from_key(key).filter(|k| fields::FIELDS.contains(k))?),
    };
    Some((lex, rest))
}

struct Parser {
    lexes: Vec<(Lex, Range<usize>)>,
    at: usize,
    leaves: usize,
    hints: Vec<Hint>,
}

/// Parses a query. `None` means an empty query: every article.
pub fn parse(input: &str) -> (Option<Node>, Vec<Hint>) {
    let parsed = parse_query(input);
    (parsed.node, parsed.hints)
}

/// A query parsed for searching: its tree, its hints, and whether its words
/// may relax ([`relaxable`]), read from one lexing of the input.
pub struct Parsed {
    pub node: Option<Node>,
    pub hints: Vec<Hint>,
    pub relaxable: Option<Vec<Vec<String>>>,
}

/// [`parse`] and [`relaxable`] at once.
pub fn parse_query(input: &str) -> Parsed {
    let mut hints = Vec::new();
    let input = match input.char_indices().nth(MAX_QUERY_CHARS) {
        Some((cut, _)) => {
            hints.push(Hint::Truncated);
            &input[..cut]
        }
        None => input,
    };
    let lexes = lex(input, &mut hints);
    let relaxable = relaxable_lexes(&lexes);
    let mut p = Parser { lexes, at: 0, leaves: 0, hints };
    let mut parts = Vec::new();
    loop {
        if let Some(n) = p.or(0) {
            parts.push(n);
        }
        match p.peek() {
            None => break,
            Some(Lex::Close) => {
                p.at += 1;
                p.hint(Hint::StrayParenIgnored);
            }
            Some(_) => {}
        }
    }
    Parsed { node: and_of(parts), hints: p.hints, relaxable }
}

fn and_of(mut parts: Vec<Node>) -> Option<Node> {
    match parts.len() {
        0 => None,
        1 => parts.pop(),
        _ => Some(Node::And(parts)),
    }
}

impl Parser {
    fn peek(&self) -> Option<&Lex> {
        self.lexes.get(self.at).map(|l| &l.0)
    }

    fn hint(&mut self, h: Hint) {
        if !self.hints.contains(&h) {
            self.hints.push(h);
        }
    }

    fn or(&mut self, depth: usize) -> Option<Node> {
        let mut alts: Vec<Node> = self.and(depth).into_iter().collect();
        while self.peek() == Some(&Lex::Or) {
            self.at += 1;
            match self.and(depth) {
                Some(n) => alts.push(n),
                None => self.hint(Hint::OperatorIgnored("OR".into())),
            }
        }
        match alts.len() {
            0 => None,
            1 => alts.pop(),
            _ => Some(Node::Or(alts)),
        }
    }

    fn and(&mut self, depth: usize) -> Option<Node> {
        let mut parts = Vec::new();
        while let Some(l) = self.peek() {
            match l {
                Lex::Close | Lex::Or => break,
                Lex::And => {
                    self.at += 1;
                    if parts.is_empty() {
                        self.hint(Hint::OperatorIgnored("AND".into()));
                    }
                }
                _ => {
                    if let Some(n) = self.unary(depth, None) {
                        parts.push(n);
                    }
                }
            }
        }
        and_of(parts)
    }

    fn unary(&mut self, depth: usize, field: Option<Field>) -> Option<Node> {
        match self.peek() {
            Some(Lex::Minus) | Some(Lex::Not) => {
                let op = if self.peek() == Some(&Lex::Not) { "NOT" } else { "-" };
                self.at += 1;
                let inner = match self.peek() {
                    None | Some(Lex::Close) | Some(Lex::Or) | Some(Lex::And) => None,
                    Some(_) => self.unary(depth, field),
                };
                match inner {
                    Some(n) => Some(Node::Not(Box::new(n))),
                    None => {
                        self.hint(Hint::OperatorIgnored(op.into()));
                        None
                    }
                }
            }
            _ => self.primary(depth, field),
        }
    }

    fn primary(&mut self, depth: usize, field: Option<Field>) -> Option<Node> {
        let lex = self.lexes.get(self.at)?.0.clone();
        self.at += 1;
        match lex {
            Lex::Open => {
                if depth >= MAX_DEPTH {
                    self.hint(Hint::TooDeep);
                    return None;
                }
                let inner = self.or(depth + 1).map(|n| with_field(n, field));
                if self.peek() == Some(&Lex::Close) {
                    self.at += 1;
                } else {
                    self.hint(Hint::ClosingParenAdded);
                }
                inner
            }
            Lex::Field(Some(f)) => match self.peek() {
                Some(Lex::Word(_)) | Some(Lex::Phrase { .. }) | Some(Lex::Open) => self.primary(depth, Some(f)),
                _ => None,
            },
            Lex::Field(None) => match self.peek().cloned() {
                Some(Lex::Word(w)) => {
                    self.at += 1;
                    match parse_date_range(&w) {
                        Some(r) => self.leaf(Node::Date(r)),
                        None => {
                            self.hint(Hint::BadDate(w));
                            None
                        }
                    }
                }
                _ => None,
            },
            Lex::Facet(kind) => match self.peek().cloned() {
                Some(Lex::Word(value) | Lex::Phrase { text: value, .. }) => {
                    self.at += 1;
                    self.leaf(Node::Facet { kind, value })
                }
                _ => None,
            },
            #[cfg(feature = "marks")]
            Lex::Mark(kind) => match self.peek().cloned() {
                Some(Lex::Word(value) | Lex::Phrase { text: value, .. }) => {
                    self.at += 1;
                    self.leaf(Node::Mark { kind, value })
                }
                _ => None,
            },
            Lex::Like => match self.peek().cloned() {
                Some(Lex::Word(id) | Lex::Phrase { text: id, .. }) => {
                    self.at += 1;
                    self.leaf(Node::Like(id))
                }
                _ => None,
            },
            Lex::Phrase { text, slop } => {
                let terms: Vec<String> = tokenize(&text).into_iter().map(|t| t.term).collect();
                match terms.len() {
                    0 => {
                        if !text.trim().is_empty() {
                            self.hint(Hint::NothingSearchable(text));
                        }
                        None
                    }
                    1 if slop == 0 => {
                        let term = terms.into_iter().next()?;
                        self.leaf(Node::Term { term, mode: Mode::Exact, field })
                    }
                    _ => self.leaf(Node::Phrase { terms, slop, field }),
                }
            }
            Lex::Word(raw) => self.word(&raw, field),
            Lex::Close | Lex::Or | Lex::And | Lex::Not | Lex::Minus => None,
        }
    }

    fn word(&mut self, raw: &str, field: Option<Field>) -> Option<Node> {
        let (body, mode) = if let Some(b) = raw.strip_suffix('*') {
            (b, Mode::Prefix)
        } else if let Some(b) = raw.strip_suffix('~') {
            (b, Mode::Fuzzy)
        } else {
            (raw, Mode::Stem)
        };
        let terms: Vec<String> = tokenize(body).into_iter().map(|t| t.term).collect();
        match terms.len() {
            0 => {
                self.hint(Hint::NothingSearchable(raw.to_string()));
                None
            }
            1 => {
                let term = terms.into_iter().next()?;
                self.leaf(Node::Term { term, mode, field })
            }
            _ => self.leaf(Node::Phrase { terms, slop: 0, field }),
        }
    }

    fn leaf(&mut self, n: Node) -> Option<Node> {
        if self.leaves >= MAX_LEAVES {
            self.hint(Hint::TooManyTerms);
            return None;
        }
        self.leaves += 1;
        Some(n)
    }
}

/// Applies a field scope to every word and phrase of a group that has none.
fn with_field(n: Node, field: Option<Field>) -> Node {
    let Some(f) = field else { return n };
    match n {
        Node::Term { term, mode, field: None } => Node::Term { term, mode, field: Some(f) },
        Node::Phrase { terms, slop, field: None } => Node::Phrase { terms, slop, field: Some(f) },
        Node::And(v) => Node::And(v.into_iter().map(|c| with_field(c, field)).collect()),
        Node::Or(v) => Node::Or(v.into_iter().map(|c| with_field(c, field)).collect()),
        Node::Not(c) => Node::Not(Box::new(with_field(*c, field))),
        other => other,
    }
}

/// `2023`, `2023-12`, `2023-12-05`, and `A..B` ranges of those (either side may be empty).
pub fn parse_date_range(s: &str) -> Option<DateRange> {
    let (a, b) = match s.split_once("..") {
        Some((a, b)) => (a, b),
        None => (s, s),
    };
    let from = if a.is_empty() { Date { year: 1, month: 1, day: 1 } } else { partial_date(a, false)? };
    let to = if b.is_empty() { Date { year: 9999, month: 12, day: 31 } } else { partial_date(b, true)? };
    (from <= to).then_some(DateRange { from, to })
}

fn partial_date(s: &str, end: bool) -> Option<Date> {
    let parts: Vec<&str> = s.split('-').collect();
    if parts.len() > 3 || parts[0].len() != 4 {
        return None;
    }
    let year: u16 = parts[0].parse().ok()?;
    let month: u8 = match parts.get(1) {
        Some(m) => m.parse().ok().filter(|m| (1..=12).contains(m))?,
        None if end => 12,
        None => 1,
    };
    let day: u8 = match parts.get(2) {
        Some(d) => d.parse().ok().filter(|d| (1..=31).contains(d))?,
        None if end => 31,
        None => 1,
    };
    Some(Date { year, month, day })
}

/// The query `like:<id>` for article `id` ([`Node::Like`]), quoted when the id
/// would not read as one word.
pub fn like(id: &str) -> String {
    match id.is_empty() || id.chars().any(ends_word) {
        true => format!("like:\"{id}\""),
        false => format!("like:{id}"),
    }
}

/// Prints a query so that [`parse`] gives the same tree back.
pub fn print(n: &Node) -> String {
    fn field_prefix(f: Option<Field>) -> &'static str {
        match f {
            Some(Field::Title) => "title:",
            Some(Field::Byline) => "byline:",
            Some(Field::Body) | None => "",
        }
    }
    fn grouped(n: &Node) -> String {
        match n {
            Node::And(_) | Node::Or(_) => format!("({})", print(n)),
            _ => print(n),
        }
    }
    match n {
        Node::Term { term, mode, field } => {
            let f = field_prefix(*field);
            match mode {
                Mode::Stem => format!("{f}{term}"),
                Mode::Exact => format!("{f}\"{term}\""),
                Mode::Prefix => format!("{f}{term}*"),
                Mode::Fuzzy => format!("{f}{term}~"),
            }
        }
        Node::Phrase { terms, slop, field } => {
            let tail = if *slop > 0 { format!("~{slop}") } else { String::new() };
            format!("{}\"{}\"{tail}", field_prefix(*field), terms.join(" "))
        }
        Node::Date(r) => format!("date:{}..{}", r.from, r.to),
        Node::Facet { kind, value } if value.is_empty() || value.chars().any(ends_word) => {
            format!("{}:\"{value}\"", kind.key())
        }
        Node::Facet { kind, value } => format!("{}:{value}", kind.key()),
        Node::Like(id) => like(id),
        #[cfg(feature = "marks")]
        Node::Mark { kind, value } if value.is_empty() || value.chars().any(ends_word) => {
            format!("{}:\"{value}\"", kind.key())
        }
        #[cfg(feature = "marks")]
        Node::Mark { kind, value } => format!("{}:{value}", kind.key()),
        Node::And(v) => v.iter().map(grouped).collect::<Vec<_>>().join(" "),
        Node::Or(v) => v.iter().map(grouped).collect::<Vec<_>>().join(" OR "),
        Node::Not(c) => format!("-{}", grouped(c)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(term: &str) -> Node {
        Node::Term { term: term.into(), mode: Mode::Stem, field: None }
    }

    #[test]
    fn grammar_table() {
        let phrase =
            |w: &[&str], slop| Node::Phrase { terms: w.iter().map(|s| s.to_string()).collect(), slop, field: None };
        let rows: Vec<(&str, Option<Node>)> = vec![
            ("kopyrkin", Some(t("kopyrkin"))),
            ("Russia CSTO", Some(Node::And(vec![t("russia"), t("csto")]))),
            ("a OR b", Some(Node::Or(vec![t("a"), t("b")]))),
            ("a | b c", Some(Node::Or(vec![t("a"), Node::And(vec![t("b"), t("c")])]))),
            ("(a | b) c", Some(Node::And(vec![Node::Or(vec![t("a"), t("b")]), t("c")]))),
            ("-moscow", Some(Node::Not(Box::new(t("moscow"))))),
            ("NOT moscow", Some(Node::Not(Box::new(t("moscow"))))),
            ("\"peace treaty\"", Some(phrase(&["peace", "treaty"], 0))),
            ("“peace treaty”~3", Some(phrase(&["peace", "treaty"], 3))),
            ("Armenia-Iran", Some(phrase(&["armenia", "iran"], 0))),
            ("kopyr*", Some(Node::Term { term: "kopyr".into(), mode: Mode::Prefix, field: None })),
            ("kopyrkn~", Some(Node::Term { term: "kopyrkn".into(), mode: Mode::Fuzzy, field: None })),
            ("\"obligations\"", Some(Node::Term { term: "obligations".into(), mode: Mode::Exact, field: None })),
            (
                "title:Kopyrkin",
                Some(Node::Term { term: "kopyrkin".into(), mode: Mode::Stem, field: Some(Field::Title) }),
            ),
            (
                "date:2023-12..2024-02",
                Some(Node::Date(DateRange {
                    from: Date { year: 2023, month: 12, day: 1 },
                    to: Date { year: 2024, month: 2, day: 31 },
                })),
            ),
            ("phone:+374", Some(Node::Facet { kind: FacetKind::Phone, value: "+374".into() })),
            ("EMAIL:Press@MFA.am", Some(Node::Facet { kind: FacetKind::Email, value: "Press@MFA.am".into() })),
            ("url: mfa.am", Some(Node::Facet { kind: FacetKind::Link, value: "mfa.am".into() })),
            ("amount:\"€30 million\"", Some(Node::Facet { kind: FacetKind::Amount, value: "€30 million".into() })),
            ("like:2023-12-01-kopyrkin", Some(Node::Like("2023-12-01-kopyrkin".into()))),
            ("LIKE:\"a b\" x", Some(Node::And(vec![Node::Like("a b".into()), t("x")]))),
            ("like:", Some(t("like"))),
            ("looks like: peace", Some(Node::And(vec![t("looks"), t("like"), t("peace")]))),
            ("like:\"a\"", Some(Node::Like("a".into()))),
            (
                "-amount:€ peace",
                Some(Node::And(vec![
                    Node::Not(Box::new(Node::Facet { kind: FacetKind::Amount, value: "€".into() })),
                    t("peace"),
                ])),
            ),
            ("phone:", None),
            ("(phone:)", None),
            ("", None),
            ("-", None),
            ("\"", None),
            ("!!!", None),
            ("( ) OR AND", None),
        ];
        for (q, want) in rows {
            assert_eq!(parse(q).0, want, "parsing {q:?}");
        }
    }

    #[test]
    fn hints_table() {
        let rows: &[(&str, Hint)] = &[
            ("\"peace treaty", Hint::ClosingQuoteAdded),
            ("(a b", Hint::ClosingParenAdded),
            ("a b)", Hint::StrayParenIgnored),
            ("a OR", Hint::OperatorIgnored("OR".into())),
            ("!!!", Hint::NothingSearchable("!!!".into())),
            ("date:yesterday", Hint::BadDate("yesterday".into())),
        ];
        for (q, want) in rows {
            let (_, hints) = parse(q);
            assert!(hints.contains(want), "{q:?} gave {hints:?}");
        }
    }

    #[test]
    fn date_filters_come_apart_from_the_rest() {
        let rows: &[(&str, &[&str], &str)] = &[
            ("peace date:2023", &["2023-01-01..2023-12-31"], "peace"),
            ("date:2023-01..2023-02 peace  treaty", &["2023-01-01..2023-02-31"], "peace  treaty"),
            ("\"the date:2020 report\" kopyrkin", &[], "\"the date:2020 report\" kopyrkin"),
            ("\"a b\" DATE:2020 -c", &["2020-01-01..2020-12-31"], "\"a b\" -c"),
            ("«date:2020 x» date:2021", &["2021-01-01..2021-12-31"], "«date:2020 x»"),
            ("", &[], ""),
            ("уравнение date:2022", &["2022-01-01..2022-12-31"], "уравнение"),
            // A quoted phrase keeps its spaces, wherever the date stands.
            (
                "\"peace  talks\"  date:2023-12-18..2023-12-24 \"Baku\"",
                &["2023-12-18..2023-12-24"],
                "\"peace  talks\" \"Baku\"",
            ),
            // What the parser takes for a date: a value after a space, one in a group.
            ("date: 2023 x", &["2023-01-01..2023-12-31"], "x"),
            ("(date:2023 | y) x", &["2023-01-01..2023-12-31"], "( | y) x"),
            // What it does not: `date:` before a quote, a phrase, is no date.
            ("date:\"2023\" x", &[], "date:\"2023\" x"),
            // Excluded and bad dates go with the rest of their filter, not into the ranges.
            ("x -date:2023 NOT date:2024 date:soon", &[], "x"),
        ];
        for (q, dates, rest) in rows {
            let (ranges, left) = split_dates(q);
            let ranges: Vec<String> = ranges.iter().map(|r| format!("{}..{}", r.from, r.to)).collect();
            assert_eq!((ranges, left.as_str()), (dates.iter().map(|d| d.to_string()).collect(), *rest), "query {q:?}");
        }
        // Nothing the parser reads as a date, good or bad, is left behind.
        for (q, _, rest) in rows {
            let (node, hints) = parse(rest);
            let printed = node.as_ref().map(print).unwrap_or_default();
            let bad = hints.iter().any(|h| matches!(h, Hint::BadDate(_)));
            assert!(!printed.contains("date:") && !bad, "{q:?} left {rest:?}: {printed}");
        }
    }

    #[test]
    fn which_queries_may_relax() {
        let phrase = |w: &[&str]| w.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let rows: &[(&str, Option<Vec<Vec<String>>>)] = &[
            ("what did kopyrkin say", Some(vec![])),
            ("(peace treaty) csto", Some(vec![])),
            ("peace treaty -csto date:2023", Some(vec![])),
            ("peace date:2023", None),
            ("date:2023 date:2024", None),
            ("high-speed aircraft", Some(vec![])),
            ("\"peace treaty\" kopyrkin", Some(vec![phrase(&["peace", "treaty"])])),
            ("\"peace\" kopyrkin", Some(vec![phrase(&["peace"])])),
            ("kopyrkin", None),
            ("\"peace treaty\"", None),
            ("\"peace\" \"treaty\"", None),
            ("peace AND treaty", None),
            ("peace OR treaty", None),
            ("peace | treaty", None),
            ("title:peace treaty", None),
            ("peace phone:+374", None),
            ("peace treaty phone:+374 amount:\"€30 million\"", Some(vec![phrase(&["30", "million"])])),
            ("\"peace\" treaty email:x", Some(vec![phrase(&["peace"])])),
            ("like:a-1 peace", None),
            ("like:a-1 peace treaty", Some(vec![])),
            ("", None),
        ];
        for (q, want) in rows {
            assert_eq!(&relaxable(q), want, "query {q:?}");
        }
    }

    #[test]
    fn facet_fields_print_back() {
        for q in [
            "phone:+374",
            "amount:\"€30 million\"",
            "email:\"\"",
            "url:\"a (b\"",
            "-phone:OR",
            "amount:$1.2bn x",
            "like:2023-12-01-kopyrkin",
            "like:\"id with (space)\" -x",
        ] {
            let (node, _) = parse(q);
            let node = node.expect(q);
            assert_eq!(parse(&print(&node)).0, Some(node), "{q}");
        }
    }

    #[test]
    fn hostile_inputs_are_bounded() {
        let deep = "(".repeat(1000) + "a" + &")".repeat(1000);
        let (n, hints) = parse(&deep);
        assert!(hints.contains(&Hint::TooDeep));
        assert!(matches!(n, Some(Node::Term { .. })), "the word inside the parentheses is still searched: {n:?}");
        let many = "a ".repeat(500);
        let (_, hints) = parse(&many);
        assert!(hints.contains(&Hint::TooManyTerms));
        let ops = "-|()\"*~:".repeat(600);
        let _ = parse(&ops);
        let _ = parse("مرحبا بالعالم 🙂‍↔️ שלום");
    }
}
