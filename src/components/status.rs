//! The polite status line: `3 of 5 articles`, plus hints from the parser and the URL.

use clippings_core::{Index, Results};
use leptos::prelude::*;

use super::AppState;

#[component]
pub fn Status(index: &'static Index, results: Memo<Results>, state: AppState) -> impl IntoView {
    let total = index.len();
    let count = move || {
        let n = results.with(|r| r.hits.len());
        format!("{n} of {total} {}", if total == 1 { "article" } else { "articles" })
    };
    let notes = move || {
        let mut notes: Vec<String> = results.with(|r| r.hints.iter().map(|h| h.to_string()).collect());
        notes.extend(state.url_problems.get());
        notes.join(" · ")
    };
    view! {
        <p class="status" role="status" aria-live="polite">
            <span class="count">{count}</span>
            <Show when=move || !notes().is_empty()>
                " — "
                <span class="hint">{notes}</span>
            </Show>
        </p>
    }
}
