//! The polite status line: `3 of 5 articles`, plus hints from the parser and the URL.

use clippings_core::{Index, Results};
use leptos::prelude::*;

use super::show;
use crate::parts;
use crate::state::AppState;

#[component]
pub fn Status(index: &'static Index, results: Memo<Results>, state: AppState) -> impl IntoView {
    let total = index.len();
    // While parts of the archive are on their way, no count: the one on screen
    // may belong to the last query.
    let count = move || match parts::loading() {
        0 if parts::failure().is_some() => "Not all of the archive could be loaded".to_string(),
        0 => {
            let n = results.with(|r| r.hits.len());
            format!("{n} of {total} {}", if total == 1 { "article" } else { "articles" })
        }
        _ => {
            let (done, of) = parts::progress();
            format!("Loading the archive… {done} of {of} parts")
        }
    };
    let notes = move || {
        let mut notes: Vec<String> = results.with(|r| r.hints.iter().map(|h| h.to_string()).collect());
        notes.extend(state.url_problems.get());
        notes.join(" · ")
    };
    view! {
        <p class="status" role="status" aria-live="polite">
            <span class="count">{count}</span>
            {show(move || !notes().is_empty(), move || view! { " — " <span class="hint">{notes}</span> }.into_any())}
        </p>
        {show(
            move || parts::failure().is_some(),
            move || {
                view! {
                    <div class="fatal" role="alert">
                        <p>
                            "Part of the archive could not be loaded: " {move || parts::failure().unwrap_or_default()}
                            ". What is on screen may be incomplete."
                        </p>
                        <button type="button" on:click=move |_| parts::retry()>
                            "Try again"
                        </button>
                    </div>
                }
                .into_any()
            },
        )}
    }
}
