//! Clippings app: decodes the index embedded at build time once, then searches and
//! renders it in the browser. State lives in the URL fragment ([`state`]).

mod components;
mod dom;
pub mod export;
pub mod state;

use std::sync::OnceLock;

use clippings_core::{codec, Index, Sort};
use wasm_bindgen::prelude::wasm_bindgen;

use crate::components::App;

/// The index that `build.rs` wrote for the corpus folder.
static INDEX_BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/index.bin"));

static INDEX: OnceLock<Index> = OnceLock::new();

/// Entry point: install the panic panel, decode the index, mount the app.
pub fn mount() {
    dom::install_panic_hook();
    match codec::decode(INDEX_BYTES) {
        Ok(index) => {
            let index: &'static Index = INDEX.get_or_init(|| index);
            leptos::mount::mount_to_body(move || leptos::view! { <App index=index /> });
        }
        Err(e) => dom::show_fatal("The search index could not be loaded", &e.to_string()),
    }
}

/// For the benchmark harness and memory tests: runs a query inside wasm without
/// rendering (search, facet counts and the first 20 snippets) and returns the number of hits.
#[wasm_bindgen]
pub fn clippings_bench_search(query: &str) -> u32 {
    let Some(index) = INDEX.get() else { return 0 };
    // As the app searches: the first page ranked, facet counts computed.
    let r = clippings_core::search_page(index, query, Sort::Relevance, 50, Some(&[]));
    for h in r.hits.iter().take(20) {
        std::hint::black_box(clippings_core::highlight::snippet(&index.articles[h.doc as usize], &r.matcher));
    }
    r.hits.len() as u32
}

/// Bytes of wasm linear memory, for the memory-growth test and the benchmark.
#[wasm_bindgen]
pub fn clippings_memory_bytes() -> f64 {
    let memory = wasm_bindgen::memory();
    let buffer = js_sys::Reflect::get(&memory, &"buffer".into()).unwrap_or_default();
    js_sys::Reflect::get(&buffer, &"byteLength".into()).ok().and_then(|v| v.as_f64()).unwrap_or(0.0)
}

/// Exercises the error panel: panics on purpose. The browser test calls it to prove
/// that a panic leaves a readable message and a reload link, not a frozen page.
#[wasm_bindgen]
pub fn clippings_self_test_panic() {
    panic!("self-test: this panic was requested");
}
