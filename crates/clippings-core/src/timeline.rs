//! The timeline's bars: articles per month, or per week when every dated article
//! falls within two months, and how many of them a result set holds.

use crate::article::Date;
use crate::facets::FacetKind;
use crate::index::Index;
use crate::query::DateRange;
use crate::search::{search_ranked, Ranking, Sort, Sources};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Month,
    Week,
}

/// One bar: its label, how many articles it has in the archive, and its key (the
/// month's facet value id, or the first day of the week in [`Date::days`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bucket {
    pub label: String,
    pub all: u32,
    pub key: i64,
}

/// The bars in time order, all of one unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bars {
    pub unit: Unit,
    pub buckets: Vec<Bucket>,
}

/// The bars of `index`: its months, or its weeks from the first dated article's
/// to the last one's (empty weeks too) when it has two months or fewer and they
/// are at most [`MAX_WEEKS`] weeks apart. `None` when no article is dated.
pub fn bars(index: &Index) -> Option<Bars> {
    let all = &index.facets.totals;
    let mut months: Vec<Bucket> = (index.facets.values.iter().enumerate())
        .filter(|(_, v)| v.kind == FacetKind::Month)
        .map(|(i, v)| Bucket { label: v.label.clone(), all: all.get(i).copied().unwrap_or(0), key: i as i64 })
        .collect();
    crate::sort::sort_by(&mut months, |a, b| a.label.cmp(&b.label));
    if months.is_empty() {
        return None;
    }
    if months.len() > 2 {
        return Some(Bars { unit: Unit::Month, buckets: months });
    }
    let weeks: Vec<i64> = index.docs.iter().filter_map(|a| a.date).map(Date::week_start).collect();
    let (first, last) = (weeks.iter().min().copied().unwrap_or(0), weeks.iter().max().copied().unwrap_or(0));
    if (last - first) / 7 >= MAX_WEEKS {
        // Two months far apart (January 2020, December 2023): two bars, not 200 weeks.
        return Some(Bars { unit: Unit::Month, buckets: months });
    }
    let buckets = (0..=(last - first) / 7)
        .map(|k| {
            let start = first + 7 * k;
            let all = weeks.iter().filter(|&&w| w == start).count() as u32;
            Bucket { label: format!("week of {}", Date::from_days(start)), all, key: start }
        })
        .collect();
    Some(Bars { unit: Unit::Week, buckets })
}

/// The most week bars: two months side by side span at most ten weeks.
const MAX_WEEKS: i64 = 10;

impl Bars {
    /// Per bar, the articles among `docs` (a result set) in it: for months from
    /// the result set's `facet_counts`, for weeks from the articles' dates.
    pub fn matching(&self, index: &Index, facet_counts: &[u32], mut docs: impl Iterator<Item = u32>) -> Vec<u32> {
        match self.unit {
            Unit::Month => {
                self.buckets.iter().map(|b| facet_counts.get(b.key as usize).copied().unwrap_or(0)).collect()
            }
            Unit::Week => self.count(index, &mut docs),
        }
    }

    /// The days of weeks `a..=b`, first to last (`date:` filters by them).
    pub fn days(&self, a: usize, b: usize) -> DateRange {
        let m = &self.buckets;
        DateRange { from: Date::from_days(m[a].key), to: Date::from_days(m[b].key + 6) }
    }
}

/// The most words a trend compares.
pub const MAX_TRENDS: usize = 5;

/// The words to compare over time, from what a reader typed: items separated by
/// commas (not those inside a quoted phrase), trimmed, empty and repeated ones
/// left out, at most [`MAX_TRENDS`]. Each item is a query of its own
/// (`"peace treaty"`, `kopyr*`, `lavrov OR putin`).
pub fn trend_words(list: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut push = |item: &str| {
        let word = item.trim();
        if !word.is_empty() && !out.iter().any(|w| w == word) && out.len() < MAX_TRENDS {
            out.push(word.to_string());
        }
    };
    let (mut from, mut quoted) = (0, false);
    for (at, c) in list.char_indices() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => {
                push(&list[from..at]);
                from = at + 1;
            }
            _ => {}
        }
    }
    push(&list[from..]);
    out
}

/// One word's line: per bar, the articles that match it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trend {
    pub word: String,
    pub counts: Vec<u32>,
}

impl Bars {
    /// Per bar, the articles among `docs` whose date falls in it (undated ones
    /// count nowhere): the bars' own days, not the facet counts, so that it
    /// needs nothing but the dates. (Not generic: one copy of it in the app.)
    pub fn count(&self, index: &Index, docs: &mut dyn Iterator<Item = u32>) -> Vec<u32> {
        let m = &self.buckets;
        let mut per: Vec<u32> = vec![0; m.len()];
        // Each bar's days, first to last + 1: a month's from its label (`2023-12`).
        let days: Vec<(i64, i64)> = m
            .iter()
            .map(|b| match self.unit {
                Unit::Week => (b.key, b.key + 7),
                Unit::Month => {
                    let (y, mo) = b.label.split_once('-').unwrap_or_default();
                    let (year, month) = (y.parse().unwrap_or(0), mo.parse().unwrap_or(1));
                    let first = Date { year, month, day: 1 }.days();
                    (first, first + i64::from(Date::days_in_month(year, month).unwrap_or(0)))
                }
            })
            .collect();
        for doc in docs {
            let Some(day) = index.docs[doc as usize].date.map(Date::days) else { continue };
            // The last bar starting on or before the day, if the day is before its end.
            let i = days.partition_point(|&(first, _)| first <= day);
            if i > 0 && day < days[i - 1].1 {
                per[i - 1] += 1;
            }
        }
        per
    }

    /// Each word of `list` ([`trend_words`]) searched on its own, within the facet
    /// `filters` (value ids), counted per bar ([`Bars::trend`] of each).
    pub fn trends(&self, sources: Sources<'_>, list: &str, filters: &[u32]) -> Vec<Trend> {
        trend_words(list).into_iter().map(|word| self.trend(sources, word, filters)).collect()
    }

    /// One word (any query) searched on its own, within the facet `filters`
    /// (value ids), counted per bar. Its query is never relaxed: a trend counts
    /// the articles that hold it. (The app counts one word per task: a word in
    /// every one of 50,000 articles takes some 8 ms natively.)
    pub fn trend(&self, sources: Sources<'_>, word: String, filters: &[u32]) -> Trend {
        let exact = Ranking { relax_below: 0, ..Ranking::DEFAULT };
        // Filtered only when there are filters: no facet counts are computed for a trend.
        let filters = (!filters.is_empty()).then_some(filters);
        let r = search_ranked(sources, &word, Sort::Oldest, 0, filters, &exact);
        let counts = self.count(sources.index, &mut r.hits.iter().map(|h| h.doc));
        Trend { word, counts }
    }
}

/// `part` of `all` in tenths of a percent, rounded (0 of 0 is 0).
pub fn permille(part: u32, all: u32) -> u32 {
    if all == 0 {
        0
    } else {
        ((u64::from(part) * 2000 + u64::from(all)) / (2 * u64::from(all))) as u32
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::article::parse;
    use crate::Article;

    /// An archive with one article per date, `None` for an undated one.
    fn archive(dates: &[Option<&str>]) -> Index {
        dated_archive(dates, |_| "words")
    }

    /// An archive with one article per date (`None`: undated), article `i`'s
    /// body holding `words(i)` (the batch's tests too).
    pub(crate) fn dated_archive(dates: &[Option<&str>], words: impl Fn(usize) -> &'static str) -> Index {
        let articles = dates
            .iter()
            .enumerate()
            .map(|(i, d)| {
                let date = d.map(|d| format!("{d}\n")).unwrap_or_default();
                parse(&format!("a{i}"), &format!("Headline {i}\n{date}Some {} here.", words(i))).unwrap()
            })
            .collect();
        Index::build(articles)
    }

    fn shown(bars: &Bars) -> Vec<(&str, u32)> {
        bars.buckets.iter().map(|b| (b.label.as_str(), b.all)).collect()
    }

    #[test]
    fn months_or_weeks_by_the_span_of_the_dates() {
        // The articles' dates, the unit of the bars, and each bar's label and count.
        type Row<'a> = (&'a [Option<&'a str>], Option<Unit>, &'a [(&'a str, u32)]);
        let rows: &[Row] = &[
            (&[None, None], None, &[]),
            (
                &[Some("2023-12-22"), Some("2024-01-02"), None, Some("2023-12-18")],
                Some(Unit::Week),
                &[("week of 2023-12-18", 2), ("week of 2023-12-25", 0), ("week of 2024-01-01", 1)],
            ),
            (&[Some("2024-02-29")], Some(Unit::Week), &[("week of 2024-02-26", 1)]),
            (
                &[Some("2024-01-01"), Some("2024-02-29")],
                Some(Unit::Week),
                &[
                    ("week of 2024-01-01", 1),
                    ("week of 2024-01-08", 0),
                    ("week of 2024-01-15", 0),
                    ("week of 2024-01-22", 0),
                    ("week of 2024-01-29", 0),
                    ("week of 2024-02-05", 0),
                    ("week of 2024-02-12", 0),
                    ("week of 2024-02-19", 0),
                    ("week of 2024-02-26", 1),
                ],
            ),
            // Two months far apart: months, not the 200 weeks between them.
            (&[Some("2023-12-20"), Some("2020-01-15")], Some(Unit::Month), &[("2020-01", 1), ("2023-12", 1)]),
            (
                &[Some("2024-03-05"), Some("2023-11-30"), Some("2024-03-01"), Some("2023-12-01")],
                Some(Unit::Month),
                &[("2023-11", 1), ("2023-12", 1), ("2024-03", 2)],
            ),
        ];
        for (dates, unit, buckets) in rows {
            let ix = archive(dates);
            let bars = bars(&ix);
            assert_eq!(bars.as_ref().map(|b| b.unit), *unit, "{dates:?}");
            assert_eq!(bars.as_ref().map(shown).unwrap_or_default(), buckets.to_vec(), "{dates:?}");
        }
    }

    /// Each bar against its own range of days: the articles of the archive, and
    /// of a result set, whose dates fall in it.
    #[test]
    fn a_bar_counts_the_articles_within_its_days() {
        let dates = [
            Some("2023-12-31"),
            Some("2024-01-01"),
            Some("2024-01-07"),
            None,
            Some("2024-01-08"),
            Some("2024-01-24"),
            Some("2023-12-25"),
        ];
        let ix = archive(&dates);
        let bars = bars(&ix).unwrap();
        assert_eq!(bars.unit, Unit::Week);
        let results = [0u32, 2, 3, 4, 5];
        let matching = bars.matching(&ix, &[], results.iter().copied());
        for (i, b) in bars.buckets.iter().enumerate() {
            let r = bars.days(i, i);
            let inside = |d: &u32| ix.docs[*d as usize].date.is_some_and(|x| r.from <= x && x <= r.to);
            let all = (0..ix.len() as u32).filter(inside).count() as u32;
            assert_eq!((b.all, matching[i]), (all, results.iter().filter(|d| inside(d)).count() as u32), "{}", b.label);
        }
        assert_eq!(bars.matching(&ix, &[], results.iter().copied()), [1, 1, 1, 0, 1]);
        let r = bars.days(0, 4);
        assert_eq!(format!("{}..{}", r.from, r.to), "2023-12-25..2024-01-28");
    }

    #[test]
    fn months_count_from_the_facet_counts() {
        let ix = archive(&[Some("2023-10-02"), Some("2023-11-30"), Some("2023-12-01")]);
        let bars = bars(&ix).unwrap();
        let mut counts = vec![0; ix.facets.values.len()];
        let december = ix.facets.find(FacetKind::Month, "2023-12").unwrap();
        counts[december as usize] = 7;
        assert_eq!(bars.matching(&ix, &counts, std::iter::empty()), [0, 0, 7]);
    }

    #[test]
    fn trend_words_split_on_commas_outside_quotes() {
        let rows: &[(&str, &[&str])] = &[
            ("", &[]),
            (" , ,", &[]),
            ("peacekeepers, CSTO", &["peacekeepers", "CSTO"]),
            (r#""peace, treaty", kopyr*"#, &[r#""peace, treaty""#, "kopyr*"]),
            ("a, b, a ,c", &["a", "b", "c"]),
            ("a,b,c,d,e,f,g", &["a", "b", "c", "d", "e"]),
            ("lavrov OR putin,moscow -izvestia", &["lavrov OR putin", "moscow -izvestia"]),
            // An unclosed quote runs to the end: one item, as the parser reads it.
            (r#""open, never closed"#, &[r#""open, never closed"#]),
        ];
        for (list, words) in rows {
            assert_eq!(trend_words(list), words.to_vec(), "{list:?}");
        }
    }

    #[test]
    fn permille_rounds_half_up() {
        for (part, all, want) in
            [(0, 0, 0), (1, 3, 333), (2, 3, 667), (1, 1, 1000), (1, 2000, 1), (1, 2001, 0), (7, 0, 0)]
        {
            assert_eq!(permille(part, all), want, "{part}/{all}");
        }
    }

    /// Words that every stemmer leaves as they are, so that the oracle can look
    /// for them among an article's tokens as typed.
    const WORDS: [&str; 4] = ["zorg", "blip", "quax", "vint"];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        /// Each word's counts per bar against a brute force over the articles: its
        /// tokens hold the word and its date falls within the bar's days (every bar
        /// checked against [`Bars::days`] for weeks and its label for months), and
        /// the same within a month filter.
        #[test]
        fn trends_count_what_a_brute_force_counts(
            docs in proptest::collection::vec((0usize..4, 0usize..4, proptest::option::of(0i64..150)), 1..30),
            spread in 0i64..4,
        ) {
            let base = Date { year: 2023, month: 11, day: 20 }.days();
            let articles: Vec<Article> = docs.iter().enumerate().map(|(i, &(a, b, day))| {
                let date = day.map(|d| format!("{}\n", Date::from_days(base + d * spread))).unwrap_or_default();
                parse(&format!("a{i}"), &format!("Headline {i}\n{date}Some {} and {} here.", WORDS[a], WORDS[b])).unwrap()
            }).collect();
            let ix = Index::build(articles.clone());
            let Some(bars) = bars(&ix) else { return Ok(()) };
            let month_of = |doc: usize| ix.docs[doc].date.map(|d| format!("{:04}-{:02}", d.year, d.month));
            let inside = |doc: usize, bar: usize| {
                let Some(d) = ix.docs[doc].date else { return false };
                match bars.unit {
                    Unit::Week => { let r = bars.days(bar, bar); r.from <= d && d <= r.to }
                    Unit::Month => month_of(doc).as_ref() == Some(&bars.buckets[bar].label),
                }
            };
            let holds = |doc: usize, word: &str| {
                crate::analysis::tokenize(&ix.article(doc as u32).text).iter().any(|t| t.term == word)
            };
            // Every article counts in at most one bar, and a dated one in exactly one.
            let all = bars.count(&ix, &mut (0..ix.len() as u32));
            proptest::prop_assert_eq!(all.iter().sum::<u32>() as usize, ix.docs.iter().filter(|d| d.date.is_some()).count());
            for (i, b) in bars.buckets.iter().enumerate() {
                proptest::prop_assert_eq!(all[i], b.all, "{}", b.label);
            }
            let month = ix.facets.values.iter().position(|v| v.kind == FacetKind::Month).map(|m| m as u32);
            for filters in [Vec::new(), month.into_iter().collect::<Vec<u32>>()] {
                let trends = bars.trends((&ix).into(), &WORDS.join(", "), &filters);
                proptest::prop_assert_eq!(trends.len(), WORDS.len());
                for t in &trends {
                    for bar in 0..bars.buckets.len() {
                        let want = (0..ix.len())
                            .filter(|&d| inside(d, bar) && holds(d, &t.word))
                            .filter(|&d| filters.iter().all(|&f| month_of(d).as_ref() == Some(&ix.facets.values[f as usize].label)))
                            .count() as u32;
                        proptest::prop_assert_eq!(t.counts[bar], want, "{} in {}", t.word, bars.buckets[bar].label);
                    }
                }
            }
        }
    }
}
