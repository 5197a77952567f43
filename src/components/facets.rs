//! Facet filters: one `<fieldset>` per kind with a checkbox per value whose label
//! ends with the count a click would give, and removable chips for active filters.

use clippings_core::facets::FacetKind;
use clippings_core::{Index, Results};
use leptos::prelude::*;

use super::AppState;

/// Values listed per kind (the most frequent for the current query first).
const SHOWN_VALUES: usize = 12;

#[component]
pub fn FacetPanel(index: &'static Index, results: Memo<Results>, state: AppState) -> impl IntoView {
    let kinds = FacetKind::ALL
        .into_iter()
        .filter(|k| *k != FacetKind::Month && index.facets.values.iter().any(|v| v.kind == *k))
        .map(|kind| view! { <FacetGroup index=index kind=kind results=results state=state /> })
        .collect_view();
    view! { <div class="facets">{kinds}</div> }
}

#[component]
fn FacetGroup(index: &'static Index, kind: FacetKind, results: Memo<Results>, state: AppState) -> impl IntoView {
    let rows = move || {
        let selected = state.filters.get();
        let is_on = |label: &str| selected.iter().any(|(k, l)| k == kind.key() && l == label);
        let mut values: Vec<(u32, u32)> = results.with(|r| {
            index
                .facets
                .values
                .iter()
                .enumerate()
                .filter(|(_, v)| v.kind == kind)
                .map(|(i, _)| (i as u32, r.facet_counts.get(i).copied().unwrap_or(0)))
                .filter(|&(i, n)| n > 0 || is_on(&index.facets.values[i as usize].label))
                .collect()
        });
        values.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        values.truncate(SHOWN_VALUES);
        values
            .into_iter()
            .map(|(id, n)| {
                let value = &index.facets.values[id as usize];
                let label = value.label.clone();
                let checked = is_on(&label);
                let aliases = if value.aliases.is_empty() {
                    String::new()
                } else {
                    format!("also spelled {}", value.aliases.join(", "))
                };
                let toggle = label.clone();
                view! {
                    <li>
                        <label title=aliases>
                            <input
                                type="checkbox"
                                prop:checked=checked
                                on:change=move |_| state.toggle_filter(kind.key(), &toggle)
                            />
                            {format!(" {label} ({n})")}
                        </label>
                    </li>
                }
            })
            .collect::<Vec<_>>()
    };
    // A kind with nothing to click is left out.
    move || {
        let rows = rows();
        if rows.is_empty() {
            return ().into_any();
        }
        view! {
            <fieldset class="facet">
                <legend>{kind.title()}</legend>
                <ul>{rows.collect_view()}</ul>
            </fieldset>
        }
        .into_any()
    }
}

#[component]
pub fn Chips(index: &'static Index, state: AppState) -> impl IntoView {
    let chips = move || {
        state
            .filters
            .get()
            .into_iter()
            .map(|(kind, label)| {
                let known = FacetKind::from_key(&kind).and_then(|k| index.facets.find(k, &label)).is_some();
                let name = format!("Remove filter {kind}: {label}");
                let text = format!("{label} ×");
                view! {
                    <li>
                        <button
                            type="button"
                            class="chip"
                            class:unknown=!known
                            aria-label=name
                            on:click=move |_| state.toggle_filter(&kind, &label)
                        >
                            {text}
                        </button>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <Show when=move || !state.filters.with(Vec::is_empty)>
            <ul class="chips" aria-label="Active filters">
                {chips}
            </ul>
        </Show>
    }
}
