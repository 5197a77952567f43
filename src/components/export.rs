//! The list/concordance switch and the export buttons.

use clippings_core::highlight::snippet;
use clippings_core::{search_page, Index, Results};
use leptos::prelude::*;

use super::concordance;
use super::AppState;
use crate::dom;
use crate::export::{csv, json};
use crate::state::View;

/// Rows of the current result list (every matching article, in order).
fn result_rows(index: &'static Index, state: AppState, filters: &[u32]) -> (Vec<&'static str>, Vec<Vec<String>>) {
    let r = untrack(|| search_page(index, &state.query.get(), state.sort.get(), usize::MAX, Some(filters)));
    let rows = r
        .hits
        .iter()
        .map(|h| {
            let a = &index.articles[h.doc as usize];
            vec![
                a.id.clone(),
                a.title.clone(),
                a.date.map(|d| d.to_string()).unwrap_or_default(),
                a.byline.clone().unwrap_or_default(),
                format!("{:.4}", h.score),
                snippet(a, &r.matcher).text,
            ]
        })
        .collect();
    (vec!["id", "title", "date", "byline", "score", "snippet"], rows)
}

fn concordance_rows(index: &'static Index, results: &Results) -> (Vec<&'static str>, Vec<Vec<String>>) {
    let rows = concordance::lines(index, results)
        .into_iter()
        .map(|(doc, l)| {
            let a = &index.articles[doc as usize];
            vec![a.id.clone(), a.title.clone(), l.left, l.hit, l.right, l.hit_index.to_string()]
        })
        .collect();
    (vec!["id", "title", "left", "hit", "right", "hit_number"], rows)
}

#[component]
pub fn ViewSwitch(index: &'static Index, results: Memo<Results>, state: AppState) -> impl IntoView {
    let export = move |as_json: bool| {
        let view = state.view.get_untracked();
        let filters: Vec<u32> = untrack(|| {
            state.filters.with(|f| {
                f.iter()
                    .filter_map(|(k, l)| {
                        clippings_core::facets::FacetKind::from_key(k).and_then(|kind| index.facets.find(kind, l))
                    })
                    .collect()
            })
        });
        let (header, rows) = match view {
            View::List => result_rows(index, state, &filters),
            View::Concordance => results.with_untracked(|r| concordance_rows(index, r)),
        };
        let name = if view == View::List { "clippings-results" } else { "clippings-concordance" };
        if as_json {
            dom::download(&format!("{name}.json"), "application/json", &json(&header, &rows));
        } else {
            dom::download(&format!("{name}.csv"), "text/csv;charset=utf-8", &csv(&header, &rows));
        }
    };
    let tab = move |v: View, text: &'static str| {
        view! {
            <button
                type="button"
                aria-pressed=move || (state.view.get() == v).to_string()
                on:click=move |_| state.view.set(v)
            >
                {text}
            </button>
        }
    };
    view! {
        <div class="toolbar">
            <div class="views" role="group" aria-label="View">
                {tab(View::List, "List")}
                {tab(View::Concordance, "Concordance")}
            </div>
            <div class="exports">
                <button type="button" on:click=move |_| export(false)>
                    "Export CSV"
                </button>
                <button type="button" on:click=move |_| export(true)>
                    "Export JSON"
                </button>
            </div>
        </div>
    }
}
