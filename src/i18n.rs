//! The interface's words: one compiled language table (i18n/README.md) per
//! instance, received at start-up — the shell itself holds no interface text.
//! Plural forms, digit grouping and dates come from the browser's own `Intl`
//! for the table's locale, so the shell carries no locale data either.

use std::cell::RefCell;

use clippings_core::Date;

include!(concat!(env!("OUT_DIR"), "/messages.rs"));

/// One language's messages, in [`Msg`] order.
pub struct Table {
    pub lang: String,
    /// `ltr` or `rtl`.
    pub dir: String,
    /// What `Intl` formats numbers and dates for (`en-GB`, `ru`, …).
    pub locale: String,
    messages: Vec<String>,
}

impl Table {
    /// Reads a compiled table; a table of another format or size is refused
    /// (an app and a table from different builds).
    pub fn parse(text: &str) -> Option<Table> {
        let mut lines = text.split('\n');
        let mut head = lines.next()?.split(' ');
        let ours = head.next() == Some("clippings-i18n") && head.next() == Some("1");
        let (lang, dir, locale, count) = (head.next()?, head.next()?, head.next()?, head.next()?);
        let messages: Vec<String> = lines.take(MESSAGES).map(String::from).collect();
        (ours && count == MESSAGES_TEXT && messages.len() == MESSAGES).then(|| Table {
            lang: lang.into(),
            dir: dir.into(),
            locale: locale.into(),
            messages,
        })
    }
}

thread_local! {
    /// Every table read so far (an instance's language stays for the page's life).
    static TABLES: RefCell<Vec<&'static Table>> = const { RefCell::new(Vec::new()) };
}

/// Reads a compiled table once per page and language: another table of a
/// language read before (only another build's could differ) is the one kept.
pub fn load(text: &str) -> Result<Tr, String> {
    let table = Table::parse(text).ok_or("the language table is not one this app can read (another version?)")?;
    Ok(Tr(TABLES.with_borrow_mut(|tables| match tables.iter().find(|t| t.lang == table.lang) {
        Some(kept) => kept,
        None => {
            let kept: &'static Table = Box::leak(Box::new(table));
            tables.push(kept);
            kept
        }
    })))
}

/// The first table read on this page, for what is shown outside an instance
/// (the panel after a crash).
pub fn first() -> Option<Tr> {
    TABLES.with_borrow(|t| t.first().copied().map(Tr))
}

/// The page's language table as its inline script downloads it
/// (`window.clippingsLang.text`: a promise of the table's text, or of the
/// `Error` that stopped it; the single file's own copy) — `None` once a table
/// is in. What it gives goes to [`page_table_arrived`].
pub fn page_table() -> Option<Result<js_sys::Promise, &'static str>> {
    use wasm_bindgen::JsCast;
    if first().is_some() {
        return None;
    }
    let lang = web_sys::window().map(|w| js_sys::Reflect::get(&w, &"clippingsLang".into()).unwrap_or_default());
    let text = lang.and_then(|l| js_sys::Reflect::get(&l, &"text".into()).ok()?.dyn_into::<js_sys::Promise>().ok());
    Some(text.ok_or("this page names no language table (window.clippingsLang)"))
}

/// Reads the page's table once [`page_table`]'s promise has settled; [`first`]
/// has it afterwards.
pub fn page_table_arrived(got: Result<wasm_bindgen::JsValue, wasm_bindgen::JsValue>) -> Result<(), String> {
    match got.map(|v| v.as_string()) {
        Ok(Some(text)) => load(&text).map(|_| ()),
        Ok(None) | Err(_) => Err("its language table could not be downloaded".into()),
    }
}

/// A value for a message's `{N}`.
#[derive(Clone, Copy, Debug)]
pub enum Arg<'a> {
    Num(f64),
    Text(&'a str),
}

impl From<usize> for Arg<'_> {
    fn from(n: usize) -> Self {
        Arg::Num(n as f64)
    }
}

impl From<u32> for Arg<'_> {
    fn from(n: u32) -> Self {
        Arg::Num(f64::from(n))
    }
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(s: &'a str) -> Self {
        Arg::Text(s)
    }
}

impl<'a> From<&'a String> for Arg<'a> {
    fn from(s: &'a String) -> Self {
        Arg::Text(s)
    }
}

/// What a language decides when a message is filled in.
pub trait Locale {
    /// The CLDR plural category of `n` (`one`, `few`, `other`, …).
    fn plural(&self, n: f64) -> String;
    /// `n` with the language's digits and grouping.
    fn number(&self, n: f64) -> String;
}

/// Fills `pattern` (a compiled message) with `args` into `out`: `{N}` is the
/// N-th value; `{N|one:…|=0:…|other:…}` the form for the number N (an exact
/// `=k` first, then the plural category, then `other`), itself filled in.
pub fn render(out: &mut String, pattern: &str, args: &[Arg], locale: &impl Locale) {
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let inner = &rest[open + 1..];
        let Some(close) = find_top(inner, '}') else {
            out.push_str(&rest[open..]);
            return;
        };
        rest = &inner[close + 1..];
        let (index, mut forms) = inner[..close].split_once('|').unwrap_or((&inner[..close], ""));
        let arg = index.parse::<usize>().ok().and_then(|i| args.get(i)).copied();
        let n = match arg {
            Some(Arg::Text(s)) => {
                out.push_str(s);
                continue;
            }
            Some(Arg::Num(n)) if forms.is_empty() => {
                out.push_str(&locale.number(n));
                continue;
            }
            Some(Arg::Num(n)) => n,
            None => continue,
        };
        // Integers only: parsing a float would cost the shell some 10 KB.
        let whole = (n >= 0.0 && n.fract() == 0.0).then_some(n as usize);
        let category = locale.plural(n);
        let (mut exact, mut by_rule, mut other) = (None, None, None);
        while !forms.is_empty() {
            let end = find_top(forms, '|').unwrap_or(forms.len());
            if let Some((key, text)) = forms[..end].split_once(':') {
                match key.strip_prefix('=') {
                    Some(k) if whole.is_some() && k.parse().ok() == whole => exact = Some(text),
                    Some(_) => {}
                    None if key == category => by_rule = Some(text),
                    None if key == "other" => other = Some(text),
                    None => {}
                }
            }
            forms = forms.get(end + 1..).unwrap_or_default();
        }
        if let Some(text) = exact.or(by_rule).or(other) {
            render(out, text, args, locale);
        }
    }
    out.push_str(rest);
}

/// Where `want` is in `s` outside braces (`s` follows an opened `{`, so a
/// `}` is found at the level it opened).
fn find_top(s: &str, want: char) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in s.char_indices() {
        if c == want && depth == 0 {
            return Some(i);
        }
        match c {
            '{' => depth += 1,
            '}' => depth = depth.checked_sub(1)?,
            _ => {}
        }
    }
    None
}

/// An instance's language: its messages and the browser's `Intl` for its locale.
#[derive(Clone, Copy)]
pub struct Tr(&'static Table);

impl Tr {
    /// A message without values.
    pub fn t(self, m: Msg) -> &'static str {
        self.0.messages.get(m as usize).map_or("", String::as_str)
    }

    /// A message filled in with `args`.
    pub fn f(self, m: Msg, args: &[Arg]) -> String {
        let mut out = String::new();
        render(&mut out, self.t(m), args, &self);
        out
    }

    /// A message's text before and after its one value `{0}`, for a value that
    /// is markup (`By {name}` around a byline with its `<mark>`s).
    pub fn around(self, m: Msg) -> (&'static str, &'static str) {
        let text = self.t(m);
        match (text.find('{'), text.find('}')) {
            (Some(open), Some(close)) if open < close => (&text[..open], &text[close + 1..]),
            _ => (text, ""),
        }
    }

    /// A count with the language's digits and grouping (`12,345`, `12 345`).
    pub fn num(self, n: u32) -> String {
        self.number(f64::from(n))
    }

    /// A statistic with at most two decimals, as the language writes them (`43.81`, `43,81`).
    pub fn decimal(self, x: f64) -> String {
        self.number((x * 100.0).round() / 100.0)
    }

    pub fn lang(self) -> &'static str {
        &self.0.lang
    }

    pub fn dir(self) -> &'static str {
        &self.0.dir
    }

    /// `22 Dec 2023` (en), `22 дек. 2023 г.` (ru): the day, month and year as
    /// the locale writes them. A date without a day is its month; without a
    /// month, its year.
    pub fn date(self, d: Date) -> String {
        match (d.month, d.day) {
            (0, _) => d.year.to_string(),
            (_, 0) => self.month(d),
            _ => self.stamp(d, true),
        }
    }

    /// `Dec 2023` (en), `дек. 2023 г.` (ru).
    pub fn month(self, d: Date) -> String {
        self.stamp(d, false)
    }

    /// The browser's `Intl` for the locale where it has the locale's data, else
    /// the table's month names and patterns (Chromium has none for hy and ka).
    fn stamp(self, d: Date, day: bool) -> String {
        let at = self.intl();
        let ms = js_sys::Date::utc(f64::from(d.year), f64::from(d.month.max(1)) - 1.0)
            + f64::from(d.day.saturating_sub(1)) * 86_400_000.0;
        if let Some(s) = INTL.with_borrow(|all| all[at].3.as_ref().map(|f| call(&f[usize::from(day)], ms))) {
            return s;
        }
        let mut months = self.t(Msg::DateMonths).split(',').map(str::trim);
        let month = months.nth(usize::from(d.month.max(1)) - 1).unwrap_or_default();
        let year = d.year.to_string();
        match day {
            true => self.f(Msg::DateDay, &[d.day.to_string().as_str().into(), month.into(), year.as_str().into()]),
            false => self.f(Msg::DateMonth, &[month.into(), year.as_str().into()]),
        }
    }
}

thread_local! {
    /// Per locale, its `Intl` objects, made once: made per call, plural rules
    /// and number formats took 62 of 75 ms of drawing the trends' table of 120
    /// months (Chromium, 600 cells), and a date's `toLocaleDateString` with its
    /// check of the locale 0.1 ms, 4 ms of every keystroke's twenty rows. Kept:
    /// the plural rules, the number format's `format`, and where the browser
    /// has the locale's data the `format` of its month and day date formats.
    static INTL: RefCell<Vec<IntlOf>> = const { RefCell::new(Vec::new()) };
}

type IntlOf = (String, js_sys::Intl::PluralRules, js_sys::Function, Option<[js_sys::Function; 2]>);

/// Calls an `Intl` format's bound `format` on a number.
fn call(format: &js_sys::Function, n: f64) -> String {
    format.call1(&wasm_bindgen::JsValue::NULL, &n.into()).ok().and_then(|s| s.as_string()).unwrap_or_default()
}

impl Tr {
    /// Where the locale's `Intl` objects are in `INTL`, made the first time.
    fn intl(self) -> usize {
        INTL.with_borrow_mut(|all| {
            let locale = &self.0.locale;
            all.iter().position(|e| &e.0 == locale).unwrap_or_else(|| {
                let locales = js_sys::Array::of1(&locale.as_str().into());
                let options = js_sys::Object::new();
                let supported = js_sys::Intl::DateTimeFormat::supported_locales_of(&locales, &options).length() > 0;
                // The month's format, then with the day the day's.
                let dates = supported.then(|| {
                    let o = js_sys::Object::new();
                    let set = |k: &str, v: &str| _ = js_sys::Reflect::set(&o, &k.into(), &v.into());
                    set("month", "short");
                    set("year", "numeric");
                    set("timeZone", "UTC");
                    let month = js_sys::Intl::DateTimeFormat::new(&locales, &o).format();
                    set("day", "numeric");
                    [month, js_sys::Intl::DateTimeFormat::new(&locales, &o).format()]
                });
                all.push((
                    locale.clone(),
                    js_sys::Intl::PluralRules::new(&locales, &options),
                    js_sys::Intl::NumberFormat::new(&locales, &options).format(),
                    dates,
                ));
                all.len() - 1
            })
        })
    }
}

impl Locale for Tr {
    fn plural(&self, n: f64) -> String {
        let at = self.intl();
        INTL.with_borrow(|all| all[at].1.select(n).into())
    }

    fn number(&self, n: f64) -> String {
        let at = self.intl();
        INTL.with_borrow(|all| call(&all[at].2, n))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// English-like rules for the tests: one for 1, digits grouped by commas.
    struct Plain;

    impl Locale for Plain {
        fn plural(&self, n: f64) -> String {
            if n == 1.0 { "one" } else { "other" }.into()
        }
        fn number(&self, n: f64) -> String {
            let digits = (n as u64).to_string();
            let mut out = String::new();
            for (i, c) in digits.chars().enumerate() {
                if i > 0 && (digits.len() - i).is_multiple_of(3) {
                    out.push(',');
                }
                out.push(c);
            }
            out
        }
    }

    fn fill(pattern: &str, args: &[Arg]) -> String {
        let mut out = String::new();
        render(&mut out, pattern, args, &Plain);
        out
    }

    #[test]
    fn messages_are_filled_in_by_position_and_plural_form() {
        let status = "{0} of {1} {1|one:article|other:articles}";
        let relaxed = "{0|=0:No article has|one:Only 1 article has|other:Only {0} articles have} all {1} words";
        let cases: &[(&str, &[Arg], &str)] = &[
            (status, &[Arg::Num(3.0), Arg::Num(5.0)], "3 of 5 articles"),
            (status, &[Arg::Num(1.0), Arg::Num(1.0)], "1 of 1 article"),
            (status, &[Arg::Num(0.0), Arg::Num(50_130.0)], "0 of 50,130 articles"),
            (relaxed, &[Arg::Num(0.0), Arg::Num(9.0)], "No article has all 9 words"),
            (relaxed, &[Arg::Num(1.0), Arg::Num(9.0)], "Only 1 article has all 9 words"),
            (relaxed, &[Arg::Num(4.0), Arg::Num(9.0)], "Only 4 articles have all 9 words"),
            ("By {0}", &[Arg::Text("Ann {1} Lee")], "By Ann {1} Lee"),
            ("{0|few:статьи|many:статей|other:статьи}", &[Arg::Num(5.0)], "статьи"),
            ("no values", &[], "no values"),
            ("{7} missing value, {0", &[], " missing value, {0"),
            ("{0|one:x}", &[Arg::Num(2.0)], ""),
            ("{0|other:{1|one:a|other:b}}", &[Arg::Num(2.0), Arg::Num(1.0)], "a"),
        ];
        for (pattern, args, want) in cases {
            assert_eq!(fill(pattern, args), *want, "{pattern}");
        }
    }

    #[test]
    fn a_table_of_another_build_is_refused() {
        let good = format!("clippings-i18n 1 ru ltr ru {MESSAGES}\n{}", vec!["слово"; MESSAGES].join("\n"));
        let table = Table::parse(&good).expect("a whole table");
        assert_eq!((table.lang.as_str(), table.dir.as_str(), table.messages.len()), ("ru", "ltr", MESSAGES));
        let short = format!("clippings-i18n 1 ru ltr ru {MESSAGES}\nслово");
        let other_size = format!("clippings-i18n 1 ru ltr ru {}\n", MESSAGES + 1);
        for bad in [short.as_str(), other_size.as_str(), "", "<!doctype html>", "clippings-i18n 2 ru ltr ru 1\n"] {
            assert!(Table::parse(bad).is_none(), "{bad:?}");
        }
    }
}
