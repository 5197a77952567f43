//! The search box (focused by `/`) and the sort switch.

use clippings_core::Sort;
use leptos::html;
use leptos::prelude::*;

use super::AppState;

#[component]
pub fn SearchBar(state: AppState) -> impl IntoView {
    let input: NodeRef<html::Input> = NodeRef::new();
    state.host.get_value().listen("keydown", move |e: web_sys::KeyboardEvent| {
        let typing = crate::dom::typing_in_field(&e);
        if e.key() == "/" && !typing {
            if let Some(el) = input.get() {
                e.prevent_default();
                let _ = el.focus();
                el.select();
            }
        }
    });

    let sort_value = move || match state.sort.get() {
        Sort::Relevance => "relevance",
        Sort::Newest => "newest",
        Sort::Oldest => "oldest",
    };
    view! {
        <form class="search" role="search" on:submit=|e| e.prevent_default()>
            <input
                type="search"
                node_ref=input
                aria-label="Search articles"
                placeholder="Search articles (press / )"
                autocomplete="off"
                spellcheck="false"
                prop:value=move || state.query.get()
                on:input=move |e| state.type_query(event_target_value(&e))
            />
            <select
                aria-label="Sort"
                prop:value=sort_value
                on:change=move |e| {
                    state.sort.set(match event_target_value(&e).as_str() {
                        "newest" => Sort::Newest,
                        "oldest" => Sort::Oldest,
                        _ => Sort::Relevance,
                    })
                }
            >
                <option value="relevance">"Best match"</option>
                <option value="newest">"Newest"</option>
                <option value="oldest">"Oldest"</option>
            </select>
        </form>
    }
}
