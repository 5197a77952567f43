//! The list/concordance switch and the export buttons.

use clippings_core::highlight::snippet;
use clippings_core::{search_page, Index, Results};
use leptos::prelude::*;

use super::concordance;
use crate::export::{csv, fixed4, json};
use crate::i18n::Msg;
use crate::startup::sources;
use crate::state::{AppState, View};
use crate::{dom, parts};

/// Rows of the current result list (every matching article, in order).
fn result_rows(index: &'static Index, state: AppState, filters: &[u32]) -> (Vec<&'static str>, Vec<Vec<String>>) {
    let r = untrack(|| search_page(sources(index), &state.query.get(), state.sort.get(), usize::MAX, Some(filters)));
    let rows = r
        .hits
        .iter()
        .map(|h| {
            let a = index.article(h.doc);
            let snippet = snippet(&a, &r.matcher).text;
            // An article with versions: the id of its group's earliest one.
            let group = index.card(h.doc).and_then(|c| c.versions).map(|v| index.id(v.lead)).unwrap_or_default();
            vec![
                a.id,
                a.title,
                a.date.map(|d| d.to_string()).unwrap_or_default(),
                a.byline.unwrap_or_default(),
                fixed4(h.score),
                snippet,
                group,
            ]
        })
        .collect();
    (vec!["id", "title", "date", "byline", "score", "snippet", "group"], rows)
}

fn concordance_rows(index: &'static Index, results: &Results) -> (Vec<&'static str>, Vec<Vec<String>>) {
    let rows = concordance::lines(index, results)
        .into_iter()
        .map(|(doc, l)| {
            let id = index.id(doc);
            vec![id, index.title_and_byline(doc).0, l.left, l.hit, l.right, l.hit_index.to_string()]
        })
        .collect();
    (vec!["id", "title", "left", "hit", "right", "hit_number"], rows)
}

#[component]
pub fn ViewSwitch(index: &'static Index, results: Memo<Results>, state: AppState) -> impl IntoView {
    let tr = state.tr;
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
        // Every row's text first (a parted archive fetches what is missing).
        let needed = filters.clone();
        let touch = move || match view {
            View::List => {
                let (q, sort) = untrack(|| (state.query.get(), state.sort.get()));
                for h in search_page(sources(index), &q, sort, usize::MAX, Some(&needed)).hits {
                    index.touch_text(h.doc);
                }
            }
            View::Concordance => results.with_untracked(|r| concordance::touch(index, r)),
        };
        parts::when_ready(index, touch, move || {
            let (header, rows) = match view {
                View::List => result_rows(index, state, &filters),
                View::Concordance => results.with_untracked(|r| concordance_rows(index, r)),
            };
            let (name, titles) = match view {
                View::List => ("clippings-results", Msg::ExportListHeader),
                View::Concordance => ("clippings-concordance", Msg::ExportConcordanceHeader),
            };
            if as_json {
                // A JSON file's keys are for programs: the same in every language.
                dom::download(&format!("{name}.json"), "application/json", &json(&header, &rows));
            } else {
                // A spreadsheet's column titles are for people: the reader's language.
                let titles: Vec<&str> = tr.t(titles).split(',').collect();
                let header = if titles.len() == header.len() { titles } else { header };
                dom::download(&format!("{name}.csv"), "text/csv;charset=utf-8", &csv(&header, &rows));
            }
        });
    };
    let tab = move |v: View, text: Msg| {
        view! {
            <button
                type="button"
                aria-pressed=move || (state.view.get() == v).to_string()
                on:click=move |_| state.view.set(v)
            >
                {tr.t(text)}
            </button>
        }
    };
    view! {
        <div class="toolbar">
            <div class="views" role="group" aria-label=tr.t(Msg::ViewLabel)>
                {tab(View::List, Msg::ViewList)}
                {tab(View::Concordance, Msg::ViewConcordance)}
            </div>
            <div class="exports">
                <button type="button" on:click=move |_| export(false)>
                    {tr.t(Msg::ExportCsv)}
                </button>
                <button type="button" on:click=move |_| export(true)>
                    {tr.t(Msg::ExportJson)}
                </button>
            </div>
        </div>
    }
}
