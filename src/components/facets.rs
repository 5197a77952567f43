//! Facet filters: one `<fieldset>` per kind with a checkbox per value whose label
//! ends with the count a click would give, and removable chips for active filters.

use clippings_core::facets::FacetKind;
use clippings_core::{Index, Results};
use leptos::prelude::*;

use crate::i18n::{Msg, Tr};
use crate::state::AppState;

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
    let ids: Vec<u32> =
        index.facets.values.iter().enumerate().filter(|(_, v)| v.kind == kind).map(|(i, _)| i as u32).collect();
    let ids = StoredValue::new(ids);
    let tr = state.tr;
    let is_on = move |id: u32| {
        let label = &index.facets.values[id as usize].label;
        state.filters.with(|f| f.iter().any(|(k, l)| k == kind.key() && l == label))
    };
    // The values listed for this result set: (value id, articles a click would give),
    // selected ones even at zero. The selection is read once, not per value.
    let top = Memo::new(move |_| {
        let selected: Vec<String> =
            state.filters.with(|f| f.iter().filter(|(k, _)| k == kind.key()).map(|(_, l)| l.clone()).collect());
        // The most frequent SHOWN_VALUES, kept in order as the values go by (a
        // kind can have thousands of values, of which only these are shown).
        let mut top: Vec<(u32, u32)> = Vec::with_capacity(SHOWN_VALUES + 1);
        results.with(|r| {
            ids.with_value(|ids| {
                for &i in ids {
                    let n = r.facet_counts.get(i as usize).copied().unwrap_or(0);
                    if n == 0 && !selected.contains(&index.facets.values[i as usize].label) {
                        continue;
                    }
                    // Ids come in order, so an equal count never goes before.
                    let at = top.iter().position(|&(_, m)| n > m).unwrap_or(top.len());
                    if at < SHOWN_VALUES {
                        top.insert(at, (i, n));
                        top.truncate(SHOWN_VALUES);
                    }
                }
            })
        });
        top
    });
    // A fixed row of slots whose text and state follow `top`: a new query changes
    // a few texts instead of rebuilding the list.
    let slot = move |k: usize| {
        let item = move || top.with(|t| t.get(k).copied());
        let value = move || item().map(|(id, _)| &index.facets.values[id as usize]);
        let aliases = move || match value() {
            Some(v) if !v.aliases.is_empty() => tr.f(Msg::FacetAliases, &[v.aliases.join(", ").as_str().into()]),
            _ => String::new(),
        };
        view! {
            <li hidden=move || item().is_none()>
                <label title=aliases>
                    <input
                        type="checkbox"
                        prop:checked=move || item().is_some_and(|(id, _)| is_on(id))
                        on:change=move |_| {
                            if let Some(v) = untrack(value) {
                                state.toggle_filter(kind.key(), &v.label);
                            }
                        }
                    />
                    {move || item().map(|(id, n)| format!(" {} ({})", index.facets.values[id as usize].label, tr.num(n)))}
                </label>
            </li>
        }
    };
    // A kind with nothing to click is hidden.
    view! {
        <fieldset class="facet" hidden=move || top.with(Vec::is_empty)>
            <legend>{kind_title(tr, kind)}</legend>
            <ul>{(0..SHOWN_VALUES).map(slot).collect_view()}</ul>
        </fieldset>
    }
}

#[component]
pub fn Chips(index: &'static Index, state: AppState) -> impl IntoView {
    let tr = state.tr;
    let chips = move || {
        state
            .filters
            .get()
            .into_iter()
            .map(|(kind, label)| {
                let known = FacetKind::from_key(&kind).and_then(|k| index.facets.find(k, &label)).is_some();
                let title = FacetKind::from_key(&kind).map_or(kind.as_str(), |k| kind_title(tr, k));
                let name = tr.f(Msg::FilterRemove, &[title.into(), label.as_str().into()]);
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
        {super::show(
            move || !state.filters.with(Vec::is_empty),
            move || view! { <ul class="chips" aria-label=tr.t(Msg::FiltersActive)>{chips}</ul> }.into_any(),
        )}
    }
}

/// A facet's heading in the reader's language.
pub fn kind_title(tr: Tr, kind: FacetKind) -> &'static str {
    tr.t(match kind {
        FacetKind::Author => Msg::FacetAuthor,
        FacetKind::Source => Msg::FacetSource,
        FacetKind::Section => Msg::FacetSection,
        FacetKind::Tag => Msg::FacetTag,
        FacetKind::Year => Msg::FacetYear,
        FacetKind::Month => Msg::FacetMonth,
        FacetKind::Person => Msg::FacetPerson,
        FacetKind::Place => Msg::FacetPlace,
        FacetKind::Organisation => Msg::FacetOrganisation,
        FacetKind::Email => Msg::FacetEmail,
        FacetKind::Phone => Msg::FacetPhone,
        FacetKind::Link => Msg::FacetUrl,
        FacetKind::Amount => Msg::FacetAmount,
    })
}
