//! One file per component. `App` is given the state and its host, and has the
//! host keep the two in step.

#[cfg(feature = "workbench")]
mod batch;
mod collocates;
mod concordance;
mod export;
mod facets;
mod help;
mod keywords;
mod kwic_plot;
mod marked;
#[cfg(feature = "workbench")]
mod marks;
mod reader;
mod result_list;
#[cfg(feature = "workbench")]
mod saved;
mod search_bar;
mod status;
mod timeline;
mod trends;

use clippings_core::facets::FacetKind;
use clippings_core::{search_rows, Date, Index};
use leptos::prelude::*;

use crate::host::Host;
use crate::i18n::{Msg, Tr};
use crate::parts;
use crate::startup::sources;
use crate::state::{flag, AppState, View};
use concordance::Concordance;
use export::ViewSwitch;
use facets::{Chips, FacetPanel};
use help::Help;
use keywords::Keywords;
use reader::Reader;
use result_list::ResultList;
use search_bar::SearchBar;
use status::Status;
use timeline::Timeline;

#[component]
pub fn App(index: &'static Index, state: AppState, host: Host) -> impl IntoView {
    let tr = state.tr;
    host.keep(state);
    // The workbench's searches and marks, read from storage and kept in step.
    #[cfg(feature = "workbench")]
    crate::work::install(state, host);
    #[cfg(feature = "workbench")]
    let marks = crate::work::provide(index, state);
    // Filters named in the URL, as facet value ids; unknown ones are reported.
    let filter_ids = Memo::new(move |_| state.filters.with(|f| filter_ids(index, f)));
    // The results with every row's text at hand; while parts of the archive they
    // need are on their way, the last complete results stay (the status line
    // says it is loading).
    let results = Memo::new(move |previous: Option<&clippings_core::Results>| {
        let limit = state.limit.get();
        let fresh = filter_ids.with(|ids| {
            let search = |sources: clippings_core::Sources| {
                parts::with_parts(index, || {
                    search_rows(sources, &state.query.get(), state.sort.get(), limit, Some(ids.as_slice()))
                })
            };
            // The reader's marks, for `is:starred`, `tag:` and `note:` (read only
            // for a query that may name them: finding each marked article's
            // number may fetch parts of the id table).
            #[cfg(feature = "workbench")]
            if crate::work::names_marks(&state.query.get()) {
                return marks.with(|m| search(clippings_core::Sources { marks: m.as_ref(), ..sources(index) }));
            }
            search(sources(index))
        });
        fresh.or_else(|| previous.cloned()).unwrap_or_else(|| clippings_core::Results {
            hits: Vec::new(),
            hints: Vec::new(),
            matcher: Default::default(),
            facet_counts: Vec::new(),
            facets_pending: false,
            folded: Vec::new(),
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
    // Once the first results are on screen, and never before them: the articles'
    // facet values of a parted archive (the facet counts and the timeline follow
    // when they are in), and the whole of a small one (then the common words'
    // positions are computed).
    crate::state::effect(Box::new(move || {
        if complete.get() {
            if !index.facets.ready() {
                parts::when_ready(index, move || index.facets.miss_all_absent(), || {});
            }
            parts::fetch_all(index, false, move || crate::startup::start_common(index));
        }
    }));
    // The tab title names what is on screen (set as text, never parsed), once the
    // address does: setting it costs Chromium about 0.4 ms, not to be paid on every
    // keystroke.
    crate::state::effect(Box::new(move || {
        state.written.track();
        let article =
            state.article.get_untracked().and_then(|id| parts::with_parts(index, || index.find(&id)).flatten());
        let heading = article.and_then(|doc| parts::with_parts(index, || index.title_and_byline(doc).0));
        let title = match (heading, state.query.get_untracked()) {
            (Some(heading), _) => format!("{heading} — Clippings"),
            (None, q) if !q.is_empty() => format!("{q} — Clippings"),
            _ => "Clippings".to_string(),
        };
        host.set_title(&title);
    }));

    // The workbench's tools (batch search), in its build only.
    #[cfg(feature = "workbench")]
    let workbench = view! {
        <batch::Batch index=index state=state host=host />
        <saved::Saved state=state host=host />
        <marks::MyWork index=index state=state host=host />
    };
    #[cfg(not(feature = "workbench"))]
    let workbench = ();

    view! {
        <header class="top">
            <h1 class="brand">
                <a href=host.href("#")>"Clippings"</a>
            </h1>
            <SearchBar state=state host=host />
            <Help host=host tr=tr />
            {workbench}
        </header>
        <Status index=index results=results state=state />
        {move || match state.article.get() {
            Some(id) => {
                // The reader opens once the article's text is in: the part of the
                // id table that holds its id, then its text part.
                let wanted = id.clone();
                let ready = flag(Box::new(move || {
                    parts::with_parts(index, || {
                        index.find(&wanted).map(|doc| {
                            // Its versions' titles are listed.
                            index.versions(doc).into_iter().take(reader::VERSIONS_LISTED + 1).for_each(|d| index.touch_text(d));
                            index.touch_text(doc)
                        })
                    })
                    .is_some()
                }));
                let reader = move || view! { <Reader index=index id=id.clone() results=results state=state host=host /> }.into_any();
                view! { <main>{parts::gate(ready, tr.t(Msg::LoadingArticle), Box::new(reader))}</main> }.into_any()
            }
            None => {
                // Timeline and facets are drawn a task after the list: at 50,000 articles
                // the first view took one task of ~60 ms, now two of ~35 and ~25.
                let side = RwSignal::new(false);
                set_timeout(move || _ = side.try_set(true), std::time::Duration::ZERO);
                // And they follow each new answer once the list is on screen: the
                // next frame painted, then a task (a keystroke's DOM work was about
                // as much theirs as the list's).
                let caught_up = RwSignal::new(());
                let aside = Memo::new(move |_| {
                    caught_up.track();
                    results.get_untracked()
                });
                // One catch-up at a time: answers within the same frame share it (each
                // would clone the hits again: 8 MB for every article of a million).
                let scheduled = std::rc::Rc::new(std::cell::Cell::new(false));
                crate::state::effect(Box::new(move || {
                    results.track();
                    if !scheduled.replace(true) {
                        let scheduled = scheduled.clone();
                        request_animation_frame(move || {
                            set_timeout(
                                move || {
                                    scheduled.set(false);
                                    _ = caught_up.try_set(());
                                },
                                std::time::Duration::ZERO,
                            )
                        });
                    }
                }));
                let layout = move || view! {
                    <div class="layout">
                        <aside class="side" aria-label=tr.t(Msg::FiltersLabel)>
                            <Chips index=index state=state />
                            {show(
                                move || side.get(),
                                move || {
                                    // Their counts need every article's facet values.
                                    let counted = flag(Box::new(move || aside.with(|r| !r.facets_pending)));
                                    let side = move || view! {
                                        <Timeline index=index results=aside state=state />
                                        <Keywords index=index results=aside state=state />
                                        {with_your_tags(view! { <FacetPanel index=index results=aside state=state /> }, aside, state, host)}
                                    }.into_any();
                                    parts::gate(counted, tr.t(Msg::LoadingFilters), Box::new(side))
                                },
                            )}
                        </aside>
                        <main>
                            <ViewSwitch index=index results=results state=state />
                            {move || match state.view.get() {
                                View::List => view! { <ResultList index=index results=results state=state host=host /> }.into_any(),
                                View::Concordance => {
                                    // Drawn once the text of the hits it reads is in.
                                    let ready = flag(Box::new(move || {
                                        results.with(|r| parts::with_parts(index, || concordance::touch(index, r)).is_some())
                                    }));
                                    let concordance = move || view! { <Concordance index=index results=results state=state host=host /> }.into_any();
                                    parts::gate(ready, tr.t(Msg::LoadingConcordance), Box::new(concordance))
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

/// A workbench tool: a button named `label` that opens and closes a panel
/// (class and id `id`), filled by direct DOM calls the first time it opens
/// (`fill` gets the panel, the open state and listeners kept as long as the
/// tool); while closed it is hidden and has no id, as the help panel.
#[cfg(feature = "workbench")]
type Fill = Box<dyn Fn(&web_sys::Element, RwSignal<bool>, &crate::dom::Listeners)>;

#[cfg(feature = "workbench")]
fn tool(label: &'static str, id: &'static str, fill: Fill) -> impl IntoView {
    let open = RwSignal::new(false);
    let panel = NodeRef::<leptos::html::Section>::new();
    let listeners = crate::dom::Listeners::default();
    let filled = std::cell::Cell::new(false);
    crate::state::effect(Box::new(move || {
        let is_open = open.get();
        let Some(panel) = panel.get() else { return };
        if is_open && !filled.replace(true) {
            fill(&panel, open, &listeners);
        }
        let _ = if is_open { panel.set_attribute("id", id) } else { panel.remove_attribute("id") };
        let _ = panel.toggle_attribute_with_force("hidden", !is_open);
    }));
    view! {
        <button
            type="button"
            class="tool-toggle"
            aria-expanded=move || open.get().to_string()
            aria-controls=id
            on:click=move |_| open.update(|o| *o = !*o)
        >
            {label}
        </button>
        <section class=id node_ref=panel hidden></section>
    }
}

/// The facets, and after them the Tags facet of the reader's own tags (the workbench's).
#[cfg(feature = "workbench")]
fn with_your_tags(
    facets: impl IntoView,
    results: Memo<clippings_core::Results>,
    state: AppState,
    host: Host,
) -> impl IntoView {
    (facets, view! { <marks::YourTags results=results state=state host=host /> })
}

#[cfg(not(feature = "workbench"))]
fn with_your_tags<V>(facets: V, _: Memo<clippings_core::Results>, _: AppState, _: Host) -> V {
    facets
}

/// Facet filters (kind key, value label) as value ids; unknown ones are left out.
fn filter_ids(index: &Index, filters: &[(String, String)]) -> Vec<u32> {
    filters.iter().filter_map(|(k, l)| FacetKind::from_key(k).and_then(|kind| index.facets.find(kind, l))).collect()
}

/// What `<Show when=…>` (without a fallback) draws, without its generic code:
/// `view` while `when` is true (memoised, as `Show` does), else an empty placeholder.
fn show(
    when: impl Fn() -> bool + Send + Sync + 'static,
    view: impl Fn() -> AnyView + Send + Sync + 'static,
) -> AnyView {
    parts::gate(flag(Box::new(when)), "", Box::new(view))
}

/// `22 Dec 2023`, or `22 Dec 2023, 09:15 UTC+01:00` where the time is known (the
/// date as the reader's language writes it).
pub fn human_stamp(tr: Tr, d: Date, time: Option<clippings_core::article::Time>) -> String {
    match time {
        Some(t) => format!("{}, {t}", tr.date(d)),
        None => tr.date(d),
    }
}
