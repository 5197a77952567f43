//! One file per component. `App` owns the state signals and keeps them in step
//! with the URL fragment.

mod concordance;
mod export;
mod facets;
mod help;
mod marked;
mod reader;
mod result_list;
mod search_bar;
mod status;
mod timeline;

use clippings_core::facets::FacetKind;
use clippings_core::{search_page, Date, Index};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::host::Host;
use crate::parts;
use crate::state::{parse_fragment, to_fragment, UrlState, View};
use concordance::Concordance;
use export::ViewSwitch;
use facets::{Chips, FacetPanel};
use help::Help;
use reader::Reader;
use result_list::ResultList;
use search_bar::SearchBar;
use status::Status;
use timeline::Timeline;

/// The app state, read from and written to the URL fragment (the page's, or an
/// embedded element's own; see [`Host`]).
#[derive(Clone, Copy)]
pub struct AppState {
    pub host: StoredValue<Host, LocalStorage>,
    pub query: RwSignal<String>,
    pub article: RwSignal<Option<String>>,
    pub sort: RwSignal<clippings_core::Sort>,
    pub filters: RwSignal<Vec<(String, String)>>,
    pub view: RwSignal<View>,
    pub hit: RwSignal<usize>,
    pub url_problems: RwSignal<Vec<String>>,
    /// How many results are ranked and shown; grows with "Show more".
    pub limit: RwSignal<usize>,
    /// Set by typing in the search box: the next state is written to the address
    /// only when typing pauses.
    typing: StoredValue<bool>,
    /// When the last key was typed (`Date.now()`), and whether a write is scheduled.
    typed_at: StoredValue<f64>,
    url_timer: StoredValue<bool>,
}

/// How long typing must pause before the address shows the query (milliseconds).
const URL_DELAY_MS: u64 = 300;

/// Results shown at first and added by each "Show more".
pub const PAGE: usize = 20;

impl AppState {
    pub fn new(host: Host) -> Self {
        let (s, problems) = parse_fragment(&host.fragment());
        AppState {
            host: StoredValue::new_local(host),
            query: RwSignal::new(s.query),
            article: RwSignal::new(s.article),
            sort: RwSignal::new(s.sort),
            filters: RwSignal::new(s.filters),
            view: RwSignal::new(s.view),
            hit: RwSignal::new(s.hit),
            url_problems: RwSignal::new(problems),
            limit: RwSignal::new(PAGE),
            typing: StoredValue::new(false),
            typed_at: StoredValue::new(0.0),
            url_timer: StoredValue::new(false),
        }
    }

    /// The current state as a fragment, `#q=…` (untracked).
    pub fn fragment(&self) -> String {
        untrack(|| to_fragment(&self.snapshot()))
    }

    /// Writes the state to the address (or the element's own) now.
    fn write_url(&self) {
        let fragment = self.fragment();
        self.host.with_value(|h| h.replace(&fragment));
    }

    /// Writes the state once typing has paused for `URL_DELAY_MS`:
    /// `history.replaceState` costs Chromium about 4 ms, a quarter of a keystroke's
    /// budget. One timer at a time, which always runs to the end (a cleared timer
    /// would leak its closure), and re-arms itself while keys keep coming.
    fn write_url_later(&self) {
        self.typed_at.set_value(js_sys::Date::now());
        if self.url_timer.get_value() {
            return;
        }
        self.url_timer.set_value(true);
        let state = *self;
        fn arm(state: AppState, delay: f64) {
            set_timeout(
                move || {
                    // An element removed meanwhile has nothing left to write.
                    let Some(typed_at) = state.typed_at.try_get_value() else { return };
                    let idle = js_sys::Date::now() - typed_at;
                    if idle + 1.0 < URL_DELAY_MS as f64 {
                        arm(state, URL_DELAY_MS as f64 - idle);
                    } else {
                        state.url_timer.set_value(false);
                        state.write_url();
                    }
                },
                std::time::Duration::from_millis(delay.max(1.0) as u64),
            );
        }
        arm(state, URL_DELAY_MS as f64);
    }

    /// Writes a pending state now (before a link is followed or the page is left).
    pub fn flush_url(&self) {
        if self.url_timer.get_value() {
            self.write_url();
        }
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
        set_changed(self.url_problems, problems);
        set_changed(self.limit, PAGE);
    }

    /// Follows a link to `fragment`: a new history entry on a page, in place in an element.
    pub fn navigate(&self, fragment: &str) {
        self.flush_url();
        if self.host.with_value(Host::is_page) {
            crate::dom::push_hash(fragment);
        } else {
            self.load_fragment(fragment);
        }
    }

    /// A link's `href` for a state (see [`Host::href`]).
    pub fn href(&self, fragment: &str) -> String {
        self.host.with_value(|h| h.href(fragment))
    }

    /// A query being typed: searched at once, written to the address when typing pauses.
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

    /// A link's `href` to this state with another article (or the list) and hit (tracked).
    pub fn link_with(&self, article: Option<String>, hit: usize) -> String {
        self.href(&self.fragment_with(article, hit))
    }
}

/// Sets a signal only when the value differs: a signal notifies on every `set`,
/// and typing must not rebuild views that depend on unchanged state.
fn set_changed<T: PartialEq + Send + Sync + 'static>(signal: RwSignal<T>, value: T) {
    if signal.with_untracked(|v| *v != value) {
        signal.set(value);
    }
}

#[component]
pub fn App(index: &'static Index, state: AppState) -> impl IntoView {
    let host = state.host.get_value();
    if host.is_page() {
        // Links, back/forward and edits of the address bar arrive as hashchange.
        host.listen("hashchange", move |_: web_sys::Event| state.load_fragment(&crate::dom::hash()));
        // A link followed, or the page left, while the address still lags behind typing.
        host.listen("click", move |_: web_sys::Event| state.flush_url());
        host.listen("pagehide", move |_: web_sys::Event| state.flush_url());
    } else {
        // An element follows its own links in place; a new tab (modifier keys,
        // middle button) opens the full app at the same state.
        host.listen("click", move |e: web_sys::MouseEvent| {
            if e.default_prevented() || e.button() != 0 || e.ctrl_key() || e.meta_key() || e.shift_key() || e.alt_key()
            {
                return;
            }
            let link = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|t| t.closest("a[href]").ok().flatten());
            let Some(href) = link.and_then(|a| a.get_attribute("href")) else { return };
            if let Some(fragment) = state.host.with_value(|h| h.own_link(&href).map(str::to_string)) {
                e.prevent_default();
                state.load_fragment(&fragment);
            }
        });
    }
    // Every state change is written back, replacing the history entry; while a query
    // is typed, once typing pauses (see `AppState::write_url_later`).
    Effect::new(move |_| {
        state.snapshot(); // subscribes to every part of the state
        if state.typing.get_value() {
            state.typing.set_value(false);
            state.write_url_later();
        } else {
            state.write_url();
        }
    });
    // Filters named in the URL, as facet value ids; unknown ones are reported.
    let filter_ids = Memo::new(move |_| {
        state.filters.with(|f| {
            f.iter()
                .filter_map(|(k, l)| FacetKind::from_key(k).and_then(|kind| index.facets.find(kind, l)))
                .collect::<Vec<u32>>()
        })
    });
    // The results with every row's text at hand; while parts of the archive they
    // need are on their way, the last complete results stay (the status line
    // says it is loading).
    let results = Memo::new(move |previous: Option<&clippings_core::Results>| {
        let limit = state.limit.get();
        let fresh = filter_ids.with(|ids| {
            parts::with_parts(index, || {
                let r = search_page(index, &state.query.get(), state.sort.get(), limit, Some(ids.as_slice()));
                // A ranking that lacked a posting list is provisional: its rows'
                // text is asked for once the ranking is complete (on a cold
                // `#q=time`, 6 of 26 text parts were for rows that then moved).
                if !index.has_misses() {
                    for h in r.hits.iter().take(limit) {
                        index.touch_text(h.doc);
                    }
                }
                r
            })
        });
        fresh.or_else(|| previous.cloned()).unwrap_or_else(|| clippings_core::Results {
            hits: Vec::new(),
            hints: Vec::new(),
            matcher: Default::default(),
            facet_counts: Vec::new(),
        })
    });
    // Whether complete results have been computed yet: until then the list, the
    // timeline and the facets are not drawn (from the empty placeholder they
    // would state counts as if final), and the status line says it is loading.
    let complete = Memo::new(move |was: Option<&bool>| {
        if was == Some(&true) {
            return true;
        }
        results.track();
        parts::loading() == 0 && parts::failure().is_none()
    });
    // The tab title names what is on screen (set as text, never parsed).
    Effect::new(move |_| {
        let article = state.article.get().and_then(|id| index.find(&id));
        let heading = article.and_then(|doc| parts::with_parts(index, || index.title_and_byline(doc).0));
        let title = match (heading, state.query.get()) {
            (Some(heading), _) => format!("{heading} — Clippings"),
            (None, q) if !q.is_empty() => format!("{q} — Clippings"),
            _ => "Clippings".to_string(),
        };
        state.host.with_value(|h| h.set_title(&title));
    });

    view! {
        <header class="top">
            <h1 class="brand">
                <a href=state.href("#")>"Clippings"</a>
            </h1>
            <SearchBar state=state />
            <Help state=state />
        </header>
        <Status index=index results=results state=state />
        {move || match state.article.get() {
            Some(id) => {
                // The reader opens once the article's text is in.
                let doc = index.find(&id);
                let ready = Memo::new(move |_| {
                    doc.is_none_or(|doc| parts::with_parts(index, || index.touch_text(doc)).is_some())
                });
                let reader = move || view! { <Reader index=index id=id.clone() results=results state=state /> }.into_any();
                view! { <main>{parts::gate(ready, "Loading the article…", Box::new(reader))}</main> }.into_any()
            }
            None => {
                // Timeline and facets are drawn a task after the list: at 50,000 articles
                // the first view took one task of ~60 ms, now two of ~35 and ~25.
                let side = RwSignal::new(false);
                set_timeout(move || _ = side.try_set(true), std::time::Duration::ZERO);
                let layout = move || view! {
                    <div class="layout">
                        <aside class="side" aria-label="Filters">
                            <Chips index=index state=state />
                            {show(
                                move || side.get(),
                                move || view! {
                                    <Timeline index=index results=results state=state />
                                    <FacetPanel index=index results=results state=state />
                                }.into_any(),
                            )}
                        </aside>
                        <main>
                            <ViewSwitch index=index results=results state=state />
                            {move || match state.view.get() {
                                View::List => view! { <ResultList index=index results=results state=state /> }.into_any(),
                                View::Concordance => {
                                    // Drawn once the text of the hits it reads is in.
                                    let ready = Memo::new(move |_| {
                                        results.with(|r| parts::with_parts(index, || concordance::touch(index, r)).is_some())
                                    });
                                    let concordance = move || view! { <Concordance index=index results=results state=state /> }.into_any();
                                    parts::gate(ready, "Loading the concordance…", Box::new(concordance))
                                }
                            }}
                        </main>
                    </div>
                }
                .into_any();
                parts::gate(complete, "", Box::new(layout))
            }
        }}
    }
}

/// What `<Show when=…>` (without a fallback) draws, without its generic code:
/// `view` while `when` is true (memoised, as `Show` does), else an empty placeholder.
fn show(
    when: impl Fn() -> bool + Send + Sync + 'static,
    view: impl Fn() -> AnyView + Send + Sync + 'static,
) -> AnyView {
    parts::gate(Memo::new(move |_| when()), "", Box::new(view))
}

/// `22 Dec 2023`
pub fn human_date(d: clippings_core::Date) -> String {
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let month = MONTHS.get(usize::from(d.month).wrapping_sub(1)).copied().unwrap_or("");
    format!("{} {month} {}", d.day, d.year)
}

/// `22 Dec 2023`, or `22 Dec 2023, 09:15 UTC+01:00` where the time is known.
pub fn human_stamp(d: Date, time: Option<clippings_core::article::Time>) -> String {
    match time {
        Some(t) => format!("{}, {t}", human_date(d)),
        None => human_date(d),
    }
}
