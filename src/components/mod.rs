//! One file per component. `App` owns the state signals and keeps them in step
//! with the URL fragment.

mod help;
mod marked;
mod reader;
mod result_list;
mod search_bar;
mod status;

use clippings_core::{search_top, Index};
use leptos::ev;
use leptos::prelude::*;

use crate::dom;
use crate::state::{parse_fragment, to_fragment, UrlState};
use help::Help;
use reader::Reader;
use result_list::ResultList;
use search_bar::SearchBar;
use status::Status;

/// The app state, read from and written to the URL fragment.
#[derive(Clone, Copy)]
pub struct AppState {
    pub query: RwSignal<String>,
    pub article: RwSignal<Option<String>>,
    pub sort: RwSignal<clippings_core::Sort>,
    pub url_problems: RwSignal<Vec<String>>,
    /// How many results are ranked and shown; grows with "Show more".
    pub limit: RwSignal<usize>,
}

/// Results shown at first and added by each "Show more".
pub const PAGE: usize = 50;

impl AppState {
    fn from_url() -> Self {
        let (s, problems) = parse_fragment(&dom::hash());
        AppState {
            query: RwSignal::new(s.query),
            article: RwSignal::new(s.article),
            sort: RwSignal::new(s.sort),
            url_problems: RwSignal::new(problems),
            limit: RwSignal::new(PAGE),
        }
    }

    fn load_url(&self) {
        let (s, problems) = parse_fragment(&dom::hash());
        self.query.set(s.query);
        self.article.set(s.article);
        self.sort.set(s.sort);
        self.url_problems.set(problems);
        self.limit.set(PAGE);
    }

    /// A new query from the search box: back to the list, first page.
    pub fn set_query(&self, q: String) {
        self.article.set(None);
        self.limit.set(PAGE);
        self.query.set(q);
    }

    /// The fragment for this state with another article (or the list).
    pub fn fragment_with(&self, article: Option<String>) -> String {
        to_fragment(&UrlState { query: self.query.get_untracked(), article, sort: self.sort.get_untracked() })
    }
}

#[component]
pub fn App(index: &'static Index) -> impl IntoView {
    let state = AppState::from_url();
    // Links, back/forward and edits of the address bar arrive as hashchange.
    let on_hash = window_event_listener(ev::hashchange, move |_| state.load_url());
    on_cleanup(move || on_hash.remove());
    // Every state change is written back; typing replaces the history entry.
    Effect::new(move |_| {
        let s = UrlState { query: state.query.get(), article: state.article.get(), sort: state.sort.get() };
        dom::replace_hash(&to_fragment(&s));
    });
    let results = Memo::new(move |_| search_top(index, &state.query.get(), state.sort.get(), state.limit.get()));
    // The tab title names what is on screen (set as text, never parsed).
    Effect::new(move |_| {
        let article = state.article.get().and_then(|id| index.articles.iter().find(|a| a.id == id));
        let title = match (article, state.query.get()) {
            (Some(a), _) => format!("{} — Clippings", a.title),
            (None, q) if !q.is_empty() => format!("{q} — Clippings"),
            _ => "Clippings".to_string(),
        };
        dom::set_title(&title);
    });

    view! {
        <header class="top">
            <h1 class="brand">
                <a href="#">"Clippings"</a>
            </h1>
            <SearchBar state=state />
            <Help />
        </header>
        <Status index=index results=results state=state />
        <main>
            {move || match state.article.get() {
                Some(id) => view! { <Reader index=index id=id results=results state=state /> }.into_any(),
                None => view! { <ResultList index=index results=results state=state /> }.into_any(),
            }}
        </main>
    }
}

/// `22 Dec 2023`
pub fn human_date(d: clippings_core::Date) -> String {
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let month = MONTHS.get(usize::from(d.month).wrapping_sub(1)).copied().unwrap_or("");
    format!("{} {month} {}", d.day, d.year)
}

/// The line under a title: date and byline where known.
pub fn meta_line(a: &clippings_core::Article) -> String {
    let mut parts = Vec::new();
    if let Some(d) = a.date {
        parts.push(human_date(d));
    }
    if let Some(b) = &a.byline {
        parts.push(format!("By {b}"));
    }
    parts.join(" · ")
}
