//! The result list: one row per article, snippets computed only for rows on
//! screen, fifty at a time.
//!
//! Each result set draws its rows afresh, and a row is drawn once (no reactive
//! closures inside it). Leptos 0.8's keyed `<For>` grew wasm memory by about
//! 0.3 MB per 1,000 searches that change the rows (measured with
//! tests/browser/memory.test.mjs); a plain reactive closure over the rows stays
//! flat, and since every search changes every snippet, keys saved no work.

use clippings_core::highlight::snippet;
use clippings_core::search::FOLDED;
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
    // Versions of a row above are folded into it (`+2 versions`).
    let rows = move || {
        results.with(|r| {
            let folded = |i: usize| r.folded.get(i).copied().unwrap_or(0);
            r.hits
                .iter()
                .take(shown.get())
                .enumerate()
                .filter(|&(i, _)| folded(i) != FOLDED)
                .map(|(i, h)| (h.doc, folded(i)))
                .collect::<Vec<(u32, u32)>>()
        })
    };
    let more = move || results.with(|r| r.hits.len()).saturating_sub(shown.get());
    view! {
        <ol class="results" aria-label=tr.t(Msg::ResultsLabel)>
            {move || {
                rows()
                    .into_iter()
                    .map(|(doc, versions)| view! { <ResultRow index=index doc=doc versions=versions results=results state=state host=host /> })
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
fn ResultRow(
    index: &'static Index,
    doc: u32,
    versions: u32,
    results: Memo<Results>,
    state: AppState,
    host: Host,
) -> impl IntoView {
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
    // Date (and time), the versions folded into this row (`+2 versions`), then
    // the authors, a `byline:` match marked. (The versions go into the date's
    // text: one compiled meta line for rows with and without them.)
    let date = article.date.map(|d| human_stamp(tr, d, article.meta.time));
    let folded = (versions > 0).then(|| tr.f(Msg::ResultsVersions, &[versions.into()]));
    let date = match (date, folded) {
        (Some(d), Some(v)) => Some(format!("{d} · {v}")),
        (d, v) => d.or(v),
    };
    let sep = (date.is_some() && byline.is_some()).then_some(" · ");
    let meta = (date.is_some() || byline.is_some()).then(|| {
        view! { <p class="meta">{date}{sep}{byline.map(|b| {
            let (before, after) = tr.around(Msg::Byline);
            view! { {before} {b} {after} }
        })}</p> }
    });
    let meta = with_row_marks(meta, &article.id, state);
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

/// The meta line, and after it the reader's marks on the row's article (the
/// workbench's; the lean build's rows are as they were, to the byte).
#[cfg(feature = "workbench")]
fn with_row_marks(meta: impl IntoView, id: &str, state: AppState) -> impl IntoView {
    (meta, super::marks::row_marks(id.to_string(), state))
}

#[cfg(not(feature = "workbench"))]
fn with_row_marks<V>(meta: V, _: &str, _: AppState) -> V {
    meta
}
