//! The URL fragment is the app's state:
//! `#q=<query>&f=<kind:value,…>&view=kwic&a=<article id>&hit=<n>&s=<sort>&cw=<n>&cm=<n>&cr=mi&tr=<words>&tm=share&kw=1&lang=<xx>`.
//! Plain functions, tested natively, and [`AppState`], the same state as signals
//! that the components read and set. Where the fragment is kept (the address bar,
//! or an embedded element's own) is the host's business (`host.rs`): the state
//! only says when it changed.

use clippings_core::collocates::{Rank, MAX_WINDOW};
use clippings_core::Sort;
use gloo_timers::callback::Timeout;
use leptos::prelude::*;

use crate::i18n::{Msg, Tr};

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct UrlState {
    pub query: String,
    pub article: Option<String>,
    pub sort: Sort,
    /// Facet filters as (kind key, value label), e.g. ("person", "Nikol Pashinyan").
    pub filters: Vec<(String, String)>,
    pub view: View,
    /// The current hit in the reader (0-based).
    pub hit: usize,
    pub colloc: Colloc,
    /// The words the timeline compares (`tr=`, as typed: commas between them)
    /// and whether it plots their share of the articles (`tm=share`) or counts.
    pub trends: String,
    pub trend_share: bool,
    /// Whether the distinctive words of the results are shown (`kw=1`).
    pub keywords: bool,
    /// The interface language the address asks for (the page reads it before the
    /// app starts); kept so that every address the app writes keeps it.
    pub lang: Option<String>,
}

/// Something wrong with an address, for the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// A value that is not valid percent-encoding (its key).
    BadEncoding(String),
    QueryCut,
    /// A filter that is not `kind:value`.
    BadFilter(String),
}

impl Problem {
    pub fn say(&self, tr: Tr) -> String {
        match self {
            Problem::BadEncoding(key) => tr.f(Msg::UrlBadEncoding, &[key.into()]),
            Problem::QueryCut => tr.f(Msg::UrlQueryCut, &[MAX_URL_QUERY.into()]),
            Problem::BadFilter(item) => tr.f(Msg::UrlBadFilter, &[item.into()]),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum View {
    #[default]
    List,
    Concordance,
}

/// The collocates' controls (`cw=`, `cm=`, `cr=mi`): the window (words on each
/// side of a hit), the minimum frequency near the hits, and the ranking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Colloc {
    pub window: usize,
    pub min: usize,
    pub by: Rank,
}

impl Default for Colloc {
    fn default() -> Self {
        Colloc { window: 5, min: 2, by: Rank::LogLikelihood }
    }
}

/// Longest query kept from an address (characters); the parser cuts further.
pub const MAX_URL_QUERY: usize = 4096;

/// Reads a fragment (with or without `#`). Problems become messages; never fails.
pub fn parse_fragment(fragment: &str) -> (UrlState, Vec<Problem>) {
    let mut state = UrlState::default();
    let mut problems = Vec::new();
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    for pair in fragment.split('&').filter(|p| !p.is_empty()) {
        let (key, raw) = pair.split_once('=').unwrap_or((pair, ""));
        // Filters are decoded item by item (their separator is a literal comma).
        let (value, ok) = if key == "f" { (String::new(), true) } else { percent_decode(raw) };
        if !ok {
            problems.push(Problem::BadEncoding(key.to_string()));
        }
        match key {
            "q" => {
                if value.chars().count() > MAX_URL_QUERY {
                    problems.push(Problem::QueryCut);
                }
                state.query = value.chars().take(MAX_URL_QUERY).collect();
            }
            "a" if !value.is_empty() => state.article = Some(value),
            "f" => {
                for item in raw.split(',').filter(|i| !i.is_empty()) {
                    let (item, _) = percent_decode(item);
                    match item.split_once(':') {
                        Some((k, v)) if !v.is_empty() => state.filters.push((k.to_string(), v.to_string())),
                        _ => problems.push(Problem::BadFilter(item)),
                    }
                }
            }
            "view" => state.view = if value == "kwic" { View::Concordance } else { View::List },
            "hit" => state.hit = value.parse().unwrap_or(0),
            "s" => state.sort = Sort::from_key(&value),
            "cw" => state.colloc.window = value.parse().unwrap_or(5).clamp(1, MAX_WINDOW),
            "cm" => state.colloc.min = value.parse().unwrap_or(2).max(1),
            "cr" if value == "mi" => state.colloc.by = Rank::MutualInformation,
            "tr" => state.trends = value.chars().take(MAX_URL_QUERY).collect(),
            "tm" => state.trend_share = value == "share",
            "kw" => state.keywords = value == "1",
            "lang" if !value.is_empty() => state.lang = Some(value),
            _ => {}
        }
    }
    (state, problems)
}

/// Writes the state as a fragment starting with `#`; defaults are left out.
pub fn to_fragment(state: &UrlState) -> String {
    let mut parts = Vec::new();
    if !state.query.is_empty() {
        parts.push(format!("q={}", percent_encode(&state.query)));
    }
    if !state.filters.is_empty() {
        let items: Vec<String> = state.filters.iter().map(|(k, v)| percent_encode(&format!("{k}:{v}"))).collect();
        parts.push(format!("f={}", items.join(",")));
    }
    if state.view == View::Concordance {
        parts.push("view=kwic".into());
    }
    if let Some(a) = &state.article {
        parts.push(format!("a={}", percent_encode(a)));
        if state.hit > 0 {
            parts.push(format!("hit={}", state.hit));
        }
    }
    if state.sort != Sort::Relevance {
        parts.push(format!("s={}", state.sort.key()));
    }
    let (c, default) = (state.colloc, Colloc::default());
    if c.window != default.window {
        parts.push(format!("cw={}", c.window));
    }
    if c.min != default.min {
        parts.push(format!("cm={}", c.min));
    }
    if c.by != default.by {
        parts.push("cr=mi".into());
    }
    if !state.trends.is_empty() {
        parts.push(format!("tr={}", percent_encode(&state.trends)));
    }
    if state.trend_share {
        parts.push("tm=share".into());
    }
    if state.keywords {
        parts.push("kw=1".into());
    }
    if let Some(lang) = &state.lang {
        parts.push(format!("lang={}", percent_encode(lang)));
    }
    format!("#{}", parts.join("&"))
}

/// Results shown at first and added by each "Show more".
pub use clippings_core::PAGE;

/// How long typing must pause before the state is written (milliseconds).
const URL_DELAY_MS: u64 = 300;

/// The app state as signals, read from a fragment and written back to one (see
/// [`AppState::write_changes`]).
#[derive(Clone, Copy)]
pub struct AppState {
    /// The instance's language (fixed for its life: a new `lang=` reloads the page).
    pub tr: Tr,
    pub query: RwSignal<String>,
    pub article: RwSignal<Option<String>>,
    pub sort: RwSignal<Sort>,
    pub filters: RwSignal<Vec<(String, String)>>,
    pub view: RwSignal<View>,
    pub hit: RwSignal<usize>,
    /// The collocates' controls ([`Colloc`]), as signals of the types the app
    /// already has: each new signal type weighs some 1–2 KB in the shell.
    pub colloc_window: RwSignal<usize>,
    pub colloc_min: RwSignal<usize>,
    pub colloc_mi: RwSignal<bool>,
    /// The timeline's trends (`tr=`, `tm=share`).
    pub trends: RwSignal<String>,
    pub trend_share: RwSignal<bool>,
    /// The distinctive words shown (`kw=1`).
    pub keywords: RwSignal<bool>,
    /// Whether the address named the language (then every address written names it).
    keep_lang: bool,
    pub url_problems: RwSignal<Vec<Problem>>,
    /// How many results are ranked and shown; grows with "Show more".
    pub limit: RwSignal<usize>,
    /// Counts the times the state has been written ([`AppState::write_changes`]):
    /// what follows the address, not each keystroke (the tab title).
    pub written: RwSignal<usize>,
    /// The workbench's searches and marks, as last read or written ([`crate::work`]).
    #[cfg(feature = "workbench")]
    pub work: RwSignal<crate::saved::Work>,
    /// Set by typing in the search box: the next state is written only when typing pauses.
    typing: StoredValue<bool>,
    /// The write waiting for typing to pause, if one does: dropping it clears the
    /// timer and frees its closure at once (a cleared Leptos timeout keeps its
    /// closure until the browser collects it: the memory test saw two pages
    /// grow over 1,000 queries).
    pending: StoredValue<Option<Timeout>, LocalStorage>,
}

impl AppState {
    /// The state a fragment describes (its problems in `url_problems`).
    pub fn new(fragment: &str, tr: Tr) -> Self {
        let (s, problems) = parse_fragment(fragment);
        AppState {
            tr,
            query: RwSignal::new(s.query),
            article: RwSignal::new(s.article),
            sort: RwSignal::new(s.sort),
            filters: RwSignal::new(s.filters),
            view: RwSignal::new(s.view),
            hit: RwSignal::new(s.hit),
            colloc_window: RwSignal::new(s.colloc.window),
            colloc_min: RwSignal::new(s.colloc.min),
            colloc_mi: RwSignal::new(s.colloc.by == Rank::MutualInformation),
            trends: RwSignal::new(s.trends),
            trend_share: RwSignal::new(s.trend_share),
            keywords: RwSignal::new(s.keywords),
            keep_lang: s.lang.is_some(),
            url_problems: RwSignal::new(problems),
            limit: RwSignal::new(PAGE),
            written: RwSignal::new(0),
            #[cfg(feature = "workbench")]
            work: RwSignal::new(crate::saved::Work::default()),
            typing: StoredValue::new(false),
            pending: StoredValue::new_local(None),
        }
    }

    /// The current state as a fragment, `#q=…` (untracked).
    pub fn fragment(&self) -> String {
        untrack(|| to_fragment(&self.snapshot()))
    }

    /// Calls `write` with the state's fragment after every change, for as long as
    /// the current reactive owner lives: at once, or while a query is typed, once
    /// typing has paused for `URL_DELAY_MS` (`history.replaceState` costs Chromium
    /// about 4 ms, a quarter of a keystroke's budget). Each change replaces the
    /// write that waits, if one does.
    pub fn write_changes(self, write: impl Fn(&str) + Clone + 'static) {
        effect(Box::new(move || {
            self.snapshot(); // subscribes to every part of the state
            self.take_pending();
            if !self.typing.get_value() {
                write(&self.fragment());
                return self.written.update(|n| *n += 1);
            }
            self.typing.set_value(false);
            let write = write.clone();
            let later = move || {
                self.pending.set_value(None); // freed once this call returns
                write(&self.fragment());
                self.written.update(|n| *n += 1);
            };
            self.pending.set_value(Some(Timeout::new(URL_DELAY_MS as u32, later)));
        }));
        // An instance removed meanwhile has nothing left to write.
        on_cleanup(move || _ = self.take_pending());
    }

    /// Cancels the write that waits for typing to pause; whether one did (the host
    /// then writes at once, before a link is followed or the page is left).
    pub fn take_pending(&self) -> bool {
        // Dropped here: cleared, and its closure freed.
        self.pending.try_update_value(Option::take).flatten().is_some()
    }

    /// Takes the state from a fragment (a followed link, back/forward, an edited
    /// address, or an embedding page).
    pub fn load_fragment(&self, fragment: &str) {
        let (s, problems) = parse_fragment(fragment);
        set_changed(self.query, s.query);
        set_changed(self.article, s.article);
        set_changed(self.sort, s.sort);
        set_changed(self.filters, s.filters);
        set_changed(self.view, s.view);
        set_changed(self.hit, s.hit);
        set_changed(self.colloc_window, s.colloc.window);
        set_changed(self.colloc_min, s.colloc.min);
        set_changed(self.colloc_mi, s.colloc.by == Rank::MutualInformation);
        set_changed(self.trends, s.trends);
        set_changed(self.trend_share, s.trend_share);
        set_changed(self.keywords, s.keywords);
        set_changed(self.url_problems, problems);
        set_changed(self.limit, PAGE);
    }

    /// A query being typed: searched at once, written when typing pauses.
    pub fn type_query(&self, q: String) {
        self.typing.set_value(true);
        self.set_query(q);
    }

    /// A new query from the search box: back to the list, first page.
    pub fn set_query(&self, q: String) {
        set_changed(self.article, None);
        set_changed(self.hit, 0);
        set_changed(self.limit, PAGE);
        self.query.set(q);
    }

    /// Adds or removes one facet filter.
    pub fn toggle_filter(&self, kind: &str, label: &str) {
        set_changed(self.limit, PAGE);
        self.filters.update(|f| match f.iter().position(|(k, l)| k == kind && l == label) {
            Some(i) => {
                f.remove(i);
            }
            None => f.push((kind.to_string(), label.to_string())),
        });
    }

    /// The state as a URL (tracked: use inside effects).
    fn snapshot(&self) -> UrlState {
        UrlState {
            query: self.query.get(),
            article: self.article.get(),
            sort: self.sort.get(),
            filters: self.filters.get(),
            view: self.view.get(),
            hit: self.hit.get(),
            colloc: self.colloc(),
            trends: self.trends.get(),
            trend_share: self.trend_share.get(),
            keywords: self.keywords.get(),
            lang: self.keep_lang.then(|| self.tr.lang().to_string()),
        }
    }

    /// The fragment for this state with another article (or the list) and hit
    /// (tracked, so links follow the state).
    pub fn fragment_with(&self, article: Option<String>, hit: usize) -> String {
        let mut s = self.snapshot();
        s.article = article;
        s.hit = hit;
        to_fragment(&s)
    }
}

impl AppState {
    /// The collocates' controls (tracked).
    pub fn colloc(&self) -> Colloc {
        let by = if self.colloc_mi.get() { Rank::MutualInformation } else { Rank::LogLikelihood };
        Colloc { window: self.colloc_window.get(), min: self.colloc_min.get(), by }
    }

    /// *More like this* for article `id`: the list of `like:<id>` over the
    /// whole archive (filters and sort let go; the language and the panels'
    /// settings kept).
    pub fn fragment_like(&self, id: &str) -> String {
        let mut s = self.snapshot();
        s.query = clippings_core::query::like(id);
        (s.article, s.hit, s.filters, s.sort, s.view) = (None, 0, Vec::new(), Sort::Relevance, View::List);
        to_fragment(&s)
    }

    /// The fragment for this state with another query, in the list or the
    /// concordance (tracked, like [`AppState::fragment_with`]).
    pub fn fragment_with_query(&self, query: String) -> String {
        let mut s = self.snapshot();
        (s.query, s.article, s.hit) = (query, None, 0);
        to_fragment(&s)
    }
}

/// Sets a signal only when the value differs: a signal notifies on every `set`,
/// and typing must not rebuild views that depend on unchanged state.
fn set_changed<T: PartialEq + Send + Sync + 'static>(signal: RwSignal<T>, value: T) {
    if signal.with_untracked(|v| *v != value) {
        signal.set(value);
    }
}

/// Like `encodeURIComponent`: unreserved ASCII stays, everything else is `%XX` of UTF-8.
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Decodes `%XX`; bad escapes and invalid UTF-8 are kept as well as possible and
/// reported by the `false` in the result. `+` stays `+` (queries like `3+3`).
pub fn percent_decode(s: &str) -> (String, bool) {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut ok = true;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok());
            if let Some(b) = hex {
                out.push(b);
                i += 3;
                continue;
            }
            ok = false;
        }
        out.push(bytes[i]);
        i += 1;
    }
    match String::from_utf8(out) {
        Ok(s) => (s, ok),
        Err(e) => (String::from_utf8_lossy(e.as_bytes()).into_owned(), false),
    }
}

/// An effect from a boxed closure: one copy of Leptos's effect code serves every
/// effect of the app instead of one per closure type (bytes in the shell).
pub fn effect(mut f: Box<dyn FnMut()>) {
    Effect::new(move |_| f());
}

/// A memoised yes/no from a boxed closure, as [`effect`] is for effects: one copy
/// of Leptos's memo code serves every gate of the app (bytes in the shell).
pub fn flag(f: Box<dyn Fn() -> bool + Send + Sync>) -> Memo<bool> {
    Memo::new(move |_| f())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragments_round_trip() {
        let rows = [
            UrlState::default(),
            UrlState { query: "kopyrkin".into(), ..UrlState::default() },
            UrlState {
                query: "\"peace treaty\" -russia 3+3 & = # %".into(),
                article: Some("004_x".into()),
                sort: Sort::Oldest,
                hit: 3,
                ..UrlState::default()
            },
            UrlState { query: "Türkiye’s 東京".into(), sort: Sort::Newest, ..UrlState::default() },
            UrlState { query: "kopyrkin".into(), lang: Some("ru".into()), ..UrlState::default() },
            UrlState {
                filters: vec![("person".into(), "Nikol Pashinyan".into()), ("place".into(), "a,b:c|d".into())],
                view: View::Concordance,
                ..UrlState::default()
            },
            UrlState {
                query: "\"kopyrkin said\"~6".into(),
                view: View::Concordance,
                colloc: Colloc { window: 3, min: 1, by: Rank::MutualInformation },
                ..UrlState::default()
            },
            UrlState { trends: "peacekeepers, \"peace treaty\", CSTO & #".into(), ..UrlState::default() },
            UrlState { query: "armenia".into(), trends: "lavrov".into(), trend_share: true, ..UrlState::default() },
            UrlState { query: "csto".into(), keywords: true, ..UrlState::default() },
        ];
        for s in rows {
            let f = to_fragment(&s);
            assert_eq!(parse_fragment(&f), (s.clone(), vec![]), "{f}");
        }
    }

    #[test]
    fn collocate_controls_out_of_range_are_brought_in() {
        let rows = [("#cw=0&cm=0", 1, 1), ("#cw=99&cm=7", MAX_WINDOW, 7), ("#cw=x&cm=-3", 5, 2)];
        for (f, window, min) in rows {
            let c = parse_fragment(f).0.colloc;
            assert_eq!((c.window, c.min, c.by), (window, min, Rank::LogLikelihood), "{f}");
        }
    }

    #[test]
    fn bad_fragments_are_read_with_a_message() {
        let rows: &[(&str, &str, bool)] = &[
            ("#q=kopyrkin&a=001_x", "kopyrkin", false),
            ("q=a%2", "a%2", true),
            ("#q=%FF%FE", "\u{FFFD}\u{FFFD}", true),
            ("#q=3+3", "3+3", false),
            ("#&&&=", "", false),
            ("#q", "", false),
        ];
        for (frag, query, has_problem) in rows {
            let (s, problems) = parse_fragment(frag);
            assert_eq!(s.query, *query, "{frag}");
            assert_eq!(!problems.is_empty(), *has_problem, "{frag}: {problems:?}");
        }
        let huge = format!("#q={}", "a".repeat(10_000));
        let (s, problems) = parse_fragment(&huge);
        assert_eq!(s.query.len(), MAX_URL_QUERY);
        assert_eq!(problems.len(), 1);
    }

    #[test]
    fn app_state_follows_the_fragment_and_its_edits() {
        let blank =
            format!("clippings-i18n 1 hy ltr hy {}\n{}", crate::i18n::MESSAGES, "\n".repeat(crate::i18n::MESSAGES));
        let tr = crate::i18n::load(&blank).expect("a blank table");
        let state = AppState::new("#q=csto&f=person%3AAnn%20Lee&a=001_x&hit=2&s=newest&bad", tr);
        assert_eq!(state.fragment(), "#q=csto&f=person%3AAnn%20Lee&a=001_x&hit=2&s=newest");
        // A new query goes back to the list, its first page.
        state.limit.set(3 * PAGE);
        state.set_query("lavrov".into());
        assert_eq!(state.fragment(), "#q=lavrov&f=person%3AAnn%20Lee&s=newest");
        assert_eq!(state.limit.get_untracked(), PAGE);
        state.toggle_filter("person", "Ann Lee");
        state.toggle_filter("place", "Geneva");
        assert_eq!(state.fragment(), "#q=lavrov&f=place%3AGeneva&s=newest");
        assert_eq!(state.fragment_with(Some("002_y".into()), 1), "#q=lavrov&f=place%3AGeneva&a=002_y&hit=1&s=newest");
        state.load_fragment("#q=%FF");
        assert_eq!((state.fragment(), state.url_problems.get_untracked().len()), ("#q=%EF%BF%BD".into(), 1));
        // The interface language the address named stays in every address the app writes.
        let state = AppState::new("#q=csto&lang=hy", tr);
        state.set_query("lavrov".into());
        assert_eq!(state.fragment_with(Some("002_y".into()), 0), "#q=lavrov&a=002_y&lang=hy");
        // Nothing waits to be written before a host writes the state (see `write_changes`).
        assert!(!state.take_pending());
    }
}
