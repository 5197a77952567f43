//! The concordance (KWIC): every body hit of the matching articles as left context |
//! hit | right context, aligned on the hit, sortable by the word left or right of it.

use clippings_core::analysis::tokenize;
use clippings_core::highlight::{kwic, KwicLine};
use clippings_core::{Index, Results};
use leptos::prelude::*;

use super::AppState;

/// Context on each side, in bytes (cut back to whole words).
pub const CONTEXT: usize = 60;
/// Lines shown at most; the export has the same cap.
pub const MAX_LINES: usize = 1000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Order {
    Text,
    Left,
    Right,
}

/// Concordance lines for the current results, in result order, with their article.
pub fn lines(index: &'static Index, results: &Results) -> Vec<(u32, KwicLine)> {
    let mut out = Vec::new();
    for h in &results.hits {
        let article = &index.articles[h.doc as usize];
        out.extend(kwic(article, &results.matcher, CONTEXT).into_iter().map(|l| (h.doc, l)));
        if out.len() >= MAX_LINES {
            out.truncate(MAX_LINES);
            break;
        }
    }
    out
}

/// The folded word next to the hit: last word of the left context or first of the right.
fn neighbour(text: &str, last: bool) -> String {
    let tokens = tokenize(text);
    let t = if last { tokens.last() } else { tokens.first() };
    t.map(|t| t.term.clone()).unwrap_or_default()
}

#[component]
pub fn Concordance(index: &'static Index, results: Memo<Results>, state: AppState) -> impl IntoView {
    let order = RwSignal::new(Order::Text);
    let rows = move || {
        let mut ls = results.with(|r| lines(index, r));
        match order.get() {
            Order::Text => {}
            Order::Left => ls.sort_by_cached_key(|(_, l)| neighbour(&l.left, true)),
            Order::Right => ls.sort_by_cached_key(|(_, l)| neighbour(&l.right, false)),
        }
        ls
    };
    let sort_button = move |o: Order, text: &'static str| {
        view! {
            <button type="button" class="link" aria-pressed=move || (order.get() == o).to_string() on:click=move |_| order.set(o)>
                {text}
            </button>
        }
    };
    view! {
        <Show
            when=move || !results.with(|r| r.matcher.is_empty())
            fallback=|| view! { <p class="empty">"Type a query to see every hit in context."</p> }
        >
            <table class="kwic" aria-label="Concordance">
                <thead>
                    <tr>
                        <th scope="col" class="left">{sort_button(Order::Left, "Sort by left word")}</th>
                        <th scope="col" class="hit">{sort_button(Order::Text, "Hit (article order)")}</th>
                        <th scope="col" class="right">{sort_button(Order::Right, "Sort by right word")}</th>
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        rows()
                            .into_iter()
                            .map(|(doc, l)| {
                                let id = index.articles[doc as usize].id.clone();
                                let href = state.link_with(Some(id), l.hit_index);
                                let title = index.articles[doc as usize].title.clone();
                                view! {
                                    <tr>
                                        <td class="left">{l.left}</td>
                                        <td class="hit">
                                            <a href=href title=title>
                                                <mark>{l.hit}</mark>
                                            </a>
                                        </td>
                                        <td class="right">{l.right}</td>
                                    </tr>
                                }
                            })
                            .collect_view()
                    }}
                </tbody>
            </table>
        </Show>
    }
}
