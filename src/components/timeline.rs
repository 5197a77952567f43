//! Articles per month: all articles (pale) against those matching the query and
//! the other filters (solid). Clicking a bar filters by that month; dragging across
//! bars selects the range. A table gives the same numbers as text.

use clippings_core::facets::FacetKind;
use clippings_core::{Index, Results};
use leptos::prelude::*;

use super::AppState;

const HEIGHT: f64 = 60.0;
const BAR: f64 = 14.0;
const GAP: f64 = 3.0;

#[component]
pub fn Timeline(index: &'static Index, results: Memo<Results>, state: AppState) -> impl IntoView {
    // Month values in time order, with how many articles each has in the corpus.
    let months: Vec<(u32, String, u32)> = {
        let mut all = vec![0u32; index.facets.values.len()];
        for doc in &index.facets.doc_values {
            for &v in doc {
                all[v as usize] += 1;
            }
        }
        let mut m: Vec<(u32, String, u32)> = index
            .facets
            .values
            .iter()
            .enumerate()
            .filter(|(_, v)| v.kind == FacetKind::Month)
            .map(|(i, v)| (i as u32, v.label.clone(), all[i]))
            .collect();
        m.sort_by(|a, b| a.1.cmp(&b.1));
        m
    };
    if months.is_empty() {
        return ().into_any();
    }
    let months = StoredValue::new(months);
    let max = months.with_value(|m| m.iter().map(|x| x.2).max().unwrap_or(1).max(1)) as f64;
    let width = months.with_value(|m| m.len() as f64 * (BAR + GAP));
    let matching = move |id: u32| results.with(|r| r.facet_counts.get(id as usize).copied().unwrap_or(0));
    let selected = move |label: &str| state.filters.with(|f| f.iter().any(|(k, l)| k == "month" && l == label));
    let drag_from: RwSignal<Option<usize>> = RwSignal::new(None);
    // Select months from..=to (a drag), replacing other month filters.
    let select_range = move |from: usize, to: usize| {
        let (a, b) = (from.min(to), from.max(to));
        let labels: Vec<String> = months.with_value(|m| m[a..=b].iter().map(|x| x.1.clone()).collect());
        state.filters.update(|f| {
            let single_toggle = a == b && f.iter().any(|(k, l)| k == "month" && *l == labels[0]);
            f.retain(|(k, _)| k != "month");
            if !single_toggle {
                f.extend(labels.into_iter().map(|l| ("month".to_string(), l)));
            }
        });
    };
    let label = move || {
        let parts: Vec<String> = months
            .with_value(|m| m.iter().map(|(id, month, all)| format!("{month}: {} of {all}", matching(*id))).collect());
        format!("Articles per month, matching of all: {}", parts.join("; "))
    };
    let bars = move || {
        months.with_value(|m| {
            m.iter()
                .enumerate()
                .map(|(i, (id, month, all))| {
                    let id = *id;
                    let x = i as f64 * (BAR + GAP);
                    let h_all = HEIGHT * *all as f64 / max;
                    let h_match = HEIGHT * matching(id) as f64 / max;
                    let on = selected(month);
                    view! {
                        <g
                            class="bar"
                            class:selected=on
                            on:mousedown=move |_| drag_from.set(Some(i))
                            on:mouseup=move |_| {
                                let from = drag_from.get_untracked().unwrap_or(i);
                                drag_from.set(None);
                                select_range(from, i);
                            }
                        >
                            <rect class="all" x=x y=HEIGHT - h_all width=BAR height=h_all />
                            <rect class="match" x=x y=HEIGHT - h_match width=BAR height=h_match />
                            <rect class="hitbox" x=x y=0 width=BAR height=HEIGHT />
                        </g>
                    }
                })
                .collect_view()
        })
    };
    let rows = move || {
        months.with_value(|m| {
            m.iter()
                .enumerate()
                .map(|(i, (id, month, all))| {
                    let n = matching(*id);
                    let name = format!("Filter by {month}");
                    view! {
                        <tr>
                            <th scope="row">
                                <button type="button" class="link" aria-label=name on:click=move |_| select_range(i, i)>
                                    {month.clone()}
                                </button>
                            </th>
                            <td>{n}</td>
                            <td>{*all}</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    let first = months.with_value(|m| m.first().map(|x| x.1.clone()).unwrap_or_default());
    let last = months.with_value(|m| m.last().map(|x| x.1.clone()).unwrap_or_default());
    view! {
        <figure class="timeline">
            <svg
                role="img"
                aria-label=label
                viewBox=format!("0 0 {width} {HEIGHT}")
                preserveAspectRatio="none"
                on:mouseleave=move |_| drag_from.set(None)
            >
                {bars}
            </svg>
            <figcaption>
                <span>{first}</span>
                <span>{last}</span>
            </figcaption>
            <details>
                <summary>"Timeline as a table"</summary>
                <table>
                    <thead>
                        <tr>
                            <th scope="col">"Month"</th>
                            <th scope="col">"Matching"</th>
                            <th scope="col">"All"</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </details>
        </figure>
    }
    .into_any()
}
