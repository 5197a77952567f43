//! The search box (focused by `/`) and the sort switch.

use clippings_core::Sort;
use leptos::html;
use leptos::prelude::*;

use crate::host::Host;
use crate::i18n::Msg;
use crate::state::AppState;

#[component]
pub fn SearchBar(state: AppState, host: Host) -> impl IntoView {
    let input: NodeRef<html::Input> = NodeRef::new();
    host.listen("keydown", move |e: web_sys::KeyboardEvent| {
        let typing = crate::dom::typing_in_field(&e);
        if e.key() == "/" && !typing {
            if let Some(el) = input.get() {
                e.prevent_default();
                let _ = el.focus();
                el.select();
            }
        }
    });

    let sort_value = move || state.sort.get().key();
    let tr = state.tr;
    view! {
        <form class="search" role="search" on:submit=|e| e.prevent_default()>
            <input
                type="search"
                node_ref=input
                aria-label=tr.t(Msg::SearchLabel)
                placeholder=tr.t(Msg::SearchPlaceholder)
                autocomplete="off"
                spellcheck="false"
                prop:value=move || state.query.get()
                on:input=move |e| state.type_query(event_target_value(&e))
            />
            <select
                aria-label=tr.t(Msg::SortLabel)
                prop:value=sort_value
                on:change=move |e| state.sort.set(Sort::from_key(&event_target_value(&e)))
            >
                <option value=Sort::Relevance.key()>{tr.t(Msg::SortRelevance)}</option>
                <option value=Sort::Newest.key()>{tr.t(Msg::SortNewest)}</option>
                <option value=Sort::Oldest.key()>{tr.t(Msg::SortOldest)}</option>
            </select>
        </form>
    }
}
