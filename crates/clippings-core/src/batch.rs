//! Batch search: a list of queries (a reporter's list of names, say), each
//! counted over the archive — the articles it matches, the first and the last of
//! their dates, and its articles per period — one row per query, for a table
//! the app draws, sorts and exports.
//!
//! A row counts what the query itself matches: a list of names must not turn a
//! name no article holds into the articles holding some of its words, so the
//! relaxing of plain-word questions ([`Ranking::relax_below`]) is off. A word
//! no article holds is read as the nearest ones, as the search box reads it,
//! and the row names them ([`Row::read_as`]).

use std::cmp::Ordering;

use crate::article::Date;
use crate::index::Index;
use crate::query::Hint;
use crate::search::{search_ranked, Ranking, Sort, Sources};

/// At most this many queries in one batch (the rest of a longer list is left out, and said to be).
pub const MAX_QUERIES: usize = 5000;

/// The queries of a pasted list: one per line, trimmed; blank lines and repeats
/// (the same text after trimming) are left out, the first of each kept in place.
pub fn queries(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for line in text.lines() {
        let q = line.trim();
        if !q.is_empty() && !out.iter().any(|o| o == q) {
            out.push(q.to_string());
        }
    }
    out
}

/// The first field of every record of a CSV file (RFC 4180: a quoted field may
/// hold commas, line breaks and doubled quotes; `\r\n` or `\n` ends a record),
/// as lines of a list for [`queries`]: a field's own line breaks become spaces.
/// A byte order mark at the start is dropped.
pub fn csv_column(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out = String::new();
    let (mut field, mut column, mut start, mut quoted) = (String::new(), 0usize, true, false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let keep = column == 0;
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    if keep {
                        field.push('"');
                    }
                }
                '"' => quoted = false,
                '\r' | '\n' if keep => field.push(' '),
                c if keep => field.push(c),
                _ => {}
            }
            continue;
        }
        match c {
            '"' if start => (quoted, start) = (true, false),
            ',' => (column, start) = (column + 1, true),
            '\n' => {
                out.push_str(field.trim());
                out.push('\n');
                field.clear();
                (column, start) = (0, true);
            }
            '\r' => {}
            c => {
                start = false;
                if keep {
                    field.push(c);
                }
            }
        }
    }
    out.push_str(field.trim());
    out
}

/// How long a period of a row's counts is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Span {
    #[default]
    Year,
    Month,
}

/// The periods a row's articles are counted in: every year from the archive's
/// first dated article to its last, or every month when they span fewer than
/// three years (an archive of one year would have one bar). The default is
/// none (an archive without dates).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Periods {
    pub span: Span,
    /// The first period: a year, or a month as `year * 12 + month - 1`.
    first: i32,
    pub len: usize,
}

impl Periods {
    pub fn of(index: &Index) -> Periods {
        let dates = || index.docs.iter().filter_map(|d| d.date);
        let (Some(min), Some(max)) = (dates().min(), dates().max()) else {
            return Periods { span: Span::Year, first: 0, len: 0 };
        };
        if max.year - min.year >= 2 {
            return Periods { span: Span::Year, first: i32::from(min.year), len: usize::from(max.year - min.year) + 1 };
        }
        // A date of unknown month (0) sorts first in its year: the months start
        // at the first known one.
        let known = || dates().filter(|d| d.month > 0).map(month_number);
        match (known().min(), known().max()) {
            (Some(a), Some(b)) => Periods { span: Span::Month, first: a, len: (b - a) as usize + 1 },
            _ => Periods { span: Span::Year, first: i32::from(min.year), len: usize::from(max.year - min.year) + 1 },
        }
    }

    /// The period `date` falls in (none for a month period and a date of unknown month).
    pub fn at(&self, date: Date) -> Option<usize> {
        let n = match self.span {
            Span::Year => i32::from(date.year),
            Span::Month if date.month == 0 => return None,
            Span::Month => month_number(date),
        };
        let i = usize::try_from(n - self.first).ok()?;
        (i < self.len).then_some(i)
    }

    /// Period `i` as `2019` or `2023-12`.
    pub fn label(&self, i: usize) -> String {
        let n = self.first + i as i32;
        match self.span {
            Span::Year => n.to_string(),
            Span::Month => format!("{}-{:02}", n.div_euclid(12), n.rem_euclid(12) + 1),
        }
    }
}

fn month_number(d: Date) -> i32 {
    i32::from(d.year) * 12 + i32::from(d.month) - 1
}

/// One query's line of the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub query: String,
    /// Articles matching the query (and the filters).
    pub articles: u32,
    /// How many times the query's words and phrases occur in them ([`crate::search::hits`]).
    pub hits: u64,
    /// The earliest and the latest date of those articles (none if none is dated).
    pub first: Option<Date>,
    pub last: Option<Date>,
    /// Articles per period of [`Periods`].
    pub counts: Vec<u32>,
    /// The dictionary words a word no article holds was read as (the search
    /// box's automatic typo correction, [`Hint::Corrected`]), so that the table
    /// says what it counted.
    pub read_as: Vec<String>,
}

/// Counts `query` over the archive, among the articles passing the facet
/// `filters` (value ids, as the app's list: none means every article).
pub fn row(sources: Sources<'_>, periods: &Periods, query: &str, filters: &[u32]) -> Row {
    let exact = Ranking { relax_below: 0, ..Ranking::DEFAULT };
    // Filtered only when there are filters: a row needs no facet counts.
    let filters = (!filters.is_empty()).then_some(filters);
    let r = search_ranked(sources, query, Sort::Oldest, 0, filters, &exact);
    let read_as = r.hints.iter().filter_map(|h| match h {
        Hint::Corrected { to, .. } => Some(to.iter().cloned()),
        _ => None,
    });
    let mut docs: Vec<u32> = r.hits.iter().map(|h| h.doc).collect();
    docs.sort_unstable();
    let mut row = Row {
        query: query.to_string(),
        articles: r.hits.len() as u32,
        hits: crate::search::hits(sources, query, &docs),
        first: None,
        last: None,
        counts: vec![0; periods.len],
        read_as: read_as.flatten().collect(),
    };
    for date in r.hits.iter().filter_map(|h| sources.index.docs[h.doc as usize].date) {
        row.first = Some(row.first.map_or(date, |f| f.min(date)));
        row.last = Some(row.last.map_or(date, |l| l.max(date)));
        if let Some(i) = periods.at(date) {
            row.counts[i] += 1;
        }
    }
    row
}

/// What the table is sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Column {
    Query,
    #[default]
    Articles,
    Hits,
    First,
    Last,
}

/// The rows' order by `column`, ascending or `descending`: queries compared
/// as the index folds words (without regard to case or accents), rows without a
/// date last either way, ties in the list's own order.
pub fn order(rows: &[Row], column: Column, descending: bool) -> Vec<usize> {
    let lower: Vec<String> = if column == Column::Query {
        rows.iter().map(|r| crate::analysis::fold(&r.query)).collect()
    } else {
        Vec::new()
    };
    let dated = |a: Option<Date>, b: Option<Date>| match (a, b) {
        (Some(x), Some(y)) => Some(x.cmp(&y)),
        (x, y) => {
            // Undated last, whatever the direction: undone by the reversal below.
            let o = x.is_none().cmp(&y.is_none());
            Some(if descending { o.reverse() } else { o })
        }
    };
    let mut order: Vec<usize> = (0..rows.len()).collect();
    crate::sort::sort_by(&mut order, |&a, &b| {
        let (x, y) = (&rows[a], &rows[b]);
        let o = match column {
            Column::Query => lower[a].cmp(&lower[b]),
            Column::Articles => x.articles.cmp(&y.articles),
            Column::Hits => x.hits.cmp(&y.hits),
            Column::First => dated(x.first, y.first).unwrap_or(Ordering::Equal),
            Column::Last => dated(x.last, y.last).unwrap_or(Ordering::Equal),
        };
        (if descending { o.reverse() } else { o }).then(a.cmp(&b))
    });
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_is_its_lines_trimmed_without_blanks_or_repeats() {
        let cases: &[(&str, &[&str])] = &[
            ("", &[]),
            ("\n \n\t\n", &[]),
            ("kopyrkin\n  csto \r\n\"peace treaty\"\n", &["kopyrkin", "csto", "\"peace treaty\""]),
            ("a\nb\na\n a \nB", &["a", "b", "B"]),
            ("lavrov OR putin\n-izvestia", &["lavrov OR putin", "-izvestia"]),
        ];
        for (text, want) in cases {
            assert_eq!(queries(text), *want, "{text:?}");
        }
    }

    #[test]
    fn a_csv_column_is_the_first_field_of_each_record() {
        let cases: &[(&str, &str)] = &[
            ("name\nAlice\nBob", "name\nAlice\nBob"),
            ("name,role\r\nAlice Smith,minister\r\n\"Bob, Jr.\",aide\r\n", "name\nAlice Smith\nBob, Jr.\n"),
            ("\"say \"\"hi\"\"\",x\n", "say \"hi\"\n"),
            ("\"two\nlines\",x\nnext", "two lines\nnext"),
            ("\u{feff}a,b\n,c\n d ,e", "a\n\nd"),
            // A quote inside an unquoted field is text; the second field's quotes do not leak.
            ("o\"brien,\"x,y\"\nz", "o\"brien\nz"),
            // A quoted field after the first may hold a line break too.
            ("a,\"b\nc\",d\ne", "a\ne"),
        ];
        for (text, want) in cases {
            assert_eq!(csv_column(text), *want, "{text:?}");
        }
        assert_eq!(queries(&csv_column("q\nkopyrkin\n\"csto\"\nkopyrkin\n")), ["q", "kopyrkin", "csto"]);
    }

    fn archive(dates: &[Option<&str>]) -> Index {
        crate::timeline::tests::dated_archive(dates, |i| if i % 2 == 0 { "even words" } else { "odd words" })
    }

    #[test]
    fn periods_are_years_or_months_when_the_archive_spans_under_three_years() {
        let years = archive(&[Some("2019-05-01"), None, Some("2021-01-31")]);
        let p = Periods::of(&years);
        assert_eq!((p.span, p.len), (Span::Year, 3));
        assert_eq!((0..3).map(|i| p.label(i)).collect::<Vec<_>>(), ["2019", "2020", "2021"]);
        let months = archive(&[Some("2023-11-30"), Some("2024-02-01")]);
        let p = Periods::of(&months);
        assert_eq!((p.span, p.len), (Span::Month, 4));
        assert_eq!((0..4).map(|i| p.label(i)).collect::<Vec<_>>(), ["2023-11", "2023-12", "2024-01", "2024-02"]);
        assert_eq!(p.at(Date { year: 2024, month: 1, day: 5 }), Some(2));
        assert_eq!(p.at(Date { year: 2024, month: 3, day: 1 }), None);
        assert_eq!(p.at(Date { year: 2024, month: 0, day: 0 }), None);
        assert_eq!(Periods::of(&archive(&[None, None])).len, 0);
    }

    #[test]
    fn a_row_counts_the_matches_their_dates_and_periods() {
        let index = archive(&[Some("2019-05-01"), Some("2019-06-01"), None, Some("2021-01-31"), Some("2021-03-01")]);
        let p = Periods::of(&index);
        // Query, articles, first and last date, articles per year.
        type Case<'a> = (&'a str, u32, Option<&'a str>, Option<&'a str>, &'a [u32]);
        let cases: &[Case] = &[
            ("even", 3, Some("2019-05-01"), Some("2021-03-01"), &[1, 0, 1]),
            ("odd", 2, Some("2019-06-01"), Some("2021-01-31"), &[1, 0, 1]),
            ("words", 5, Some("2019-05-01"), Some("2021-03-01"), &[2, 0, 2]),
            ("headline 2", 1, None, None, &[0, 0, 0]),
            // A question that no article answers word for word is not relaxed.
            ("even odd", 0, None, None, &[0, 0, 0]),
            ("even OR odd", 5, Some("2019-05-01"), Some("2021-03-01"), &[2, 0, 2]),
            ("words -even", 2, Some("2019-06-01"), Some("2021-01-31"), &[1, 0, 1]),
            // A word no article holds is read as the nearest ones, as in the search box.
            ("evem", 3, Some("2019-05-01"), Some("2021-03-01"), &[1, 0, 1]),
        ];
        let date = |s: &Option<&str>| s.map(|s| crate::article::parse_date_line(s).unwrap());
        for &(q, n, first, last, counts) in cases {
            let r = row((&index).into(), &p, q, &[]);
            assert_eq!(
                (r.articles, r.first, r.last, r.counts.as_slice()),
                (n, date(&first), date(&last), counts),
                "{q}"
            );
            assert_eq!(r.read_as, if q == "evem" { vec!["even".to_string()] } else { vec![] }, "{q}");
        }
    }

    #[test]
    fn hits_count_the_words_and_phrases_in_the_matching_articles() {
        let texts = ["peace treaty peace treaty peace", "peace talks", "treaty"];
        let index = crate::timeline::tests::dated_archive(&[None; 3], |i| texts[i]);
        let p = Periods::of(&index);
        // Query, articles, hits (each title is "Headline <n>").
        let cases: &[(&str, u32, u64)] = &[
            ("peace", 2, 4),
            ("\"peace treaty\"", 1, 2),
            ("peace treaty", 1, 5),
            ("peace OR treaty", 3, 7),
            ("peace -talks", 1, 3),
            ("peace peace", 2, 4),
            ("peac*", 2, 4),
            ("title:headline peace", 2, 6),
            ("headline", 3, 3),
            ("zzz", 0, 0),
            ("", 3, 0),
        ];
        for &(q, articles, hits) in cases {
            let r = row((&index).into(), &p, q, &[]);
            assert_eq!((r.articles, r.hits), (articles, hits), "{q}");
        }
    }

    fn rows() -> Vec<Row> {
        let d = |y| Some(Date { year: y, month: 1, day: 1 });
        let row = |q: &str, n: u32, first, last| Row {
            query: q.into(),
            articles: n,
            hits: u64::from(n * 3 % 7),
            first,
            last,
            counts: vec![],
            read_as: vec![],
        };
        vec![
            row("beta", 2, d(2020), d(2021)),
            row("Alpha", 5, None, None),
            row("gamma", 2, d(2019), d(2022)),
            row("alpha", 0, d(2021), d(2021)),
        ]
    }

    #[test]
    fn rows_sort_by_each_column_undated_last_ties_in_list_order() {
        let rows = rows();
        let cases: &[(Column, bool, [usize; 4])] = &[
            (Column::Query, false, [1, 3, 0, 2]),
            (Column::Query, true, [2, 0, 1, 3]),
            (Column::Articles, true, [1, 0, 2, 3]),
            (Column::Articles, false, [3, 0, 2, 1]),
            // Hits 6, 1, 6, 0.
            (Column::Hits, true, [0, 2, 1, 3]),
            (Column::Hits, false, [3, 1, 0, 2]),
            (Column::First, false, [2, 0, 3, 1]),
            (Column::First, true, [3, 0, 2, 1]),
            (Column::Last, false, [0, 3, 2, 1]),
            (Column::Last, true, [2, 0, 3, 1]),
        ];
        for &(column, descending, want) in cases {
            assert_eq!(order(&rows, column, descending), want, "{column:?} descending {descending}");
        }
    }
}
