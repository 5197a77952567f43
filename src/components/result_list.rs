//! The result list: one row per article, snippets computed only for rows on
//! screen, fifty at a time.
//!
//! Each result set draws its rows afresh, and a row is drawn once (no reactive
//! closures inside it). Leptos 0.8's keyed `<For>` grew wasm memory by about
//! 0.3 MB per 1,000 searches that change the rows (measured with
//! tests/browser/memory.test.mjs); a plain reactive closure over the rows stays
//! flat, and since every search changes every snippet, keys saved no work.

use clippings_core::highlight::snippet;
use clippings_core::{Field, Index, Results};
use leptos::prelude::*;

use super::marked::marked;
use super::{human_stamp, show};
use crate::host::Host;
use crate::i18n::Msg;
use crate::state::{AppState, PAGE};

#[component]
pub fn ResultList(index: &'static Index, results: Memo<Results>, state: AppState, host: Host) -> impl IntoView {
    let shown = state.limit;
    // j/k or ↓/↑ move through the result links; Enter opens (the link's own behaviour).
    host.listen("keydown", move |e: web_sys::KeyboardEvent| {
        let in_text = crate::dom::typing_in_field(&e);
        let step = match e.key().as_str() {
            "ArrowDown" => 1,
            "ArrowUp" => -1,
            "j" if !in_text => 1,
            "k" if !in_text => -1,
            _ => return,
        };
        if in_text && e.key() == "ArrowUp" {
            return;
        }
        if crate::dom::focus_result(&host.root(), step) {
            e.prevent_default();
        }
    });
    let tr = state.tr;
    let rows = move || results.with(|r| r.hits.iter().take(shown.get()).map(|h| h.doc).collect::<Vec<u32>>());
    let more = move || results.with(|r| r.hits.len()).saturating_sub(shown.get());
    view! {
        <ol class="results" aria-label=tr.t(Msg::ResultsLabel)>
            {move || {
                rows()
                    .into_iter()
                    .map(|doc| view! { <ResultRow index=index doc=doc results=results state=state host=host /> })
                    .collect_view()
            }}
        </ol>
        {show(
            move || more() > 0,
            move || {
                view! {
                    <button class="more" on:click=move |_| shown.update(|n| *n += PAGE)>
                        {move || tr.f(Msg::ResultsMore, &[more().min(PAGE).into()])}
                    </button>
                }
                .into_any()
            },
        )}
        {show(
            move || results.with(|r| r.hits.is_empty()),
            move || view! { <p class="empty">{tr.t(Msg::ResultsNone)}</p> }.into_any(),
        )}
    }
}

#[component]
fn ResultRow(index: &'static Index, doc: u32, results: Memo<Results>, state: AppState, host: Host) -> impl IntoView {
    let article = index.article(doc);
    let tr = state.tr;
    let href = untrack(|| host.href(&state.fragment_with(Some(article.id.clone()), 0)));
    let (title, byline, snip) = results.with_untracked(|r| {
        let s = snippet(&article, &r.matcher);
        (
            marked(&article.title, &r.matcher.find(&article.title, Field::Title), None),
            article.byline.as_deref().map(|b| marked(b, &r.matcher.find(b, Field::Byline), None)),
            marked(&s.text, &s.highlights, None),
        )
    });
    // Date (and time), then the authors, a `byline:` match marked.
    let date = article.date.map(|d| human_stamp(tr, d, article.meta.time));
    let sep = (date.is_some() && byline.is_some()).then_some(" · ");
    let meta = (date.is_some() || byline.is_some()).then(|| {
        view! { <p class="meta">{date}{sep}{byline.map(|b| {
            let (before, after) = tr.around(Msg::Byline);
            view! { {before} {b} {after} }
        })}</p> }
    });
    view! {
        <li class="result">
            <a class="title" class:derived=article.title_derived href=href dir="auto">
                {title}
            </a>
            {meta}
            <p class="snippet" dir="auto">{snip}</p>
        </li>
    }
}
