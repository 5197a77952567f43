//! Clippings app: loads the archive's data file once ([`startup`]), then searches
//! and renders it in the browser. State lives in the URL fragment ([`state`]).

#[cfg(feature = "workbench")]
pub mod carry;
mod components;
mod dom;
pub mod export;
mod fetch;
mod frame;
mod host;
pub mod i18n;
mod parts;
pub mod saved;
mod startup;
pub mod state;
#[cfg(feature = "workbench")]
mod work;

/// The workbench build's hosted page, beside index.html (`cargo xtask dist`).
pub const WORKBENCH_PAGE: &str = "workbench.html";

use std::any::Any;

use clippings_core::{Index, Sort};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsCast;

use crate::components::App;
use crate::host::Host;
use crate::i18n::{Msg, Tr};
use crate::startup::{index, with_index, Source, INDEX};
use crate::state::{AppState, PAGE};

/// Entry point of the page build: mounts the app in the page's
/// `[data-clippings-app]` element. A page without one (a host page that loads
/// this module for `<clippings-viewer>`) gets nothing mounted.
pub fn mount() {
    dom::install_panic_hook();
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("[data-clippings-app]").ok().flatten())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    let Some(root) = root else { return };
    load_page(root);
}

/// Loads the page's language table and archive and mounts the app in `root`; a
/// failed download offers to try again, in place.
fn load_page(root: web_sys::HtmlElement) {
    with_index(Source::Page, move |index| {
        root.set_text_content(None); // the page's "Loading the archive…"
                                     // Start-up reads the page's table first: without it, no words of the
                                     // reader's language, and the panel has the reason alone.
        let Some(tr) = i18n::first() else {
            let why = index.err().map(|e| e.message).unwrap_or_default();
            return dom::show_load_error(&root, "Clippings", &why, None, "");
        };
        let index = match index {
            Ok(index) => index,
            Err(e) => {
                let again = root.clone();
                let retry = e.retry.then(|| {
                    Box::new(move || {
                        dom::show_loading(&again, tr);
                        load_page(again);
                    }) as Box<dyn FnOnce()>
                });
                let (title, button) = (tr.t(Msg::ArchiveFailed), tr.t(Msg::PageTryAgain));
                return dom::show_load_error(&root, title, &e.message, retry, button);
            }
        };
        let page = root.clone();
        let (mounted, state) = mount_in(&root, index, tr, move || Host::page(page));
        frame::start(state, root);
        std::mem::forget(mounted); // the page's app lives as long as the page
    });
}

/// Fetches the archive's data file at `url` and decodes it in slices (if not
/// done yet), then calls `done()`, or `done(message)` if it cannot be loaded.
/// `<clippings-viewer>` waits for this before [`clippings_mount`], so that
/// loading never blocks the host page for long.
#[wasm_bindgen]
pub fn clippings_load(url: String, done: js_sys::Function) {
    with_index(Source::Url(url), move |index| {
        let error = index.err().map_or(wasm_bindgen::JsValue::UNDEFINED, |e| e.message.into());
        let _ = done.call1(&wasm_bindgen::JsValue::NULL, &error);
    });
}

/// Mounts the app in `root` for the host `host()` makes (inside the app's
/// reactive owner, which frees it), speaking `tr`'s language (the root carries
/// its `lang` and `dir`), and registers `root` for the panic panel.
fn mount_in(
    root: &web_sys::HtmlElement,
    index: &'static Index,
    tr: Tr,
    host: impl FnOnce() -> Host + 'static,
) -> (Box<dyn Any>, AppState) {
    let _ = root.set_attribute("lang", tr.lang());
    let _ = root.set_attribute("dir", tr.dir());
    let slot = std::rc::Rc::new(std::cell::Cell::new(None));
    let out = slot.clone();
    let mounted = leptos::mount::mount_to(root.clone(), move || {
        let host = host();
        let state = AppState::new(&host.fragment(), tr);
        out.set(Some(state));
        leptos::view! { <App index=index state=state host=host /> }
    });
    dom::register_root(root);
    (Box::new(mounted), slot.take().expect("mount_to runs its view function at once"))
}

/// One embedded instance, as the `<clippings-viewer>` element holds it.
#[wasm_bindgen]
pub struct Viewer {
    root: web_sys::HtmlElement,
    state: Option<AppState>,
    mounted: Option<Box<dyn Any>>,
}

#[wasm_bindgen]
impl Viewer {
    /// Searches for `query` (back to the result list), as typing it would.
    pub fn set_query(&self, query: &str) {
        if let Some(state) = self.state {
            state.set_query(query.to_string());
        }
    }

    /// Shows the state a fragment describes (`#q=…&a=…`).
    pub fn navigate(&self, fragment: &str) {
        if let Some(state) = self.state {
            state.load_fragment(fragment);
        }
    }

    /// The current state as a fragment (also while typing, before `on_change` hears of it).
    pub fn fragment(&self) -> String {
        self.state.map(|s| s.fragment()).unwrap_or_default()
    }

    /// Removes the app from its element and frees its state; later calls do nothing.
    pub fn unmount(&mut self) {
        self.state = None;
        self.mounted = None;
        dom::unregister_root(&self.root);
    }
}

/// Mounts an instance in `root` (an element inside the custom element's shadow
/// root), starting from `fragment`, speaking the language of `table` (a compiled
/// language table, i18n/README.md); its links point at `link_base` + fragment and
/// every state change is passed to `on_change(fragment)`.
#[wasm_bindgen]
pub fn clippings_mount(
    root: web_sys::HtmlElement,
    fragment: &str,
    link_base: &str,
    on_change: Option<js_sys::Function>,
    table: &str,
) -> Result<Viewer, wasm_bindgen::JsError> {
    dom::install_panic_hook();
    let index = index()
        .ok_or_else(|| wasm_bindgen::JsError::new("The archive is not loaded yet: call clippings_load first"))?;
    let tr = i18n::load(table).map_err(|e| wasm_bindgen::JsError::new(&e))?;
    let (element, fragment, link_base) = (root.clone(), fragment.to_string(), link_base.to_string());
    let host = move || Host::element(element, fragment, link_base, on_change);
    let (mounted, state) = mount_in(&root, index, tr, host);
    Ok(Viewer { root, state: Some(state), mounted: Some(mounted) })
}

/// For the benchmark harness and memory tests: runs a query inside wasm without
/// rendering (search, facet counts and the first 20 snippets) and returns the number of hits.
#[wasm_bindgen]
pub fn clippings_bench_search(query: &str) -> u32 {
    let Some(index) = INDEX.get() else { return 0 };
    // As the app searches: the first page ranked, facet counts computed.
    let r = clippings_core::search_page(startup::sources(index), query, Sort::Relevance, PAGE, Some(&[]));
    for h in r.hits.iter().take(PAGE) {
        std::hint::black_box(clippings_core::highlight::snippet(&index.article(h.doc), &r.matcher));
    }
    r.hits.len() as u32
}

/// Fetches every part of a parted archive, then computes the common words'
/// positions (the benchmark measures keystrokes with all of it in, as a
/// returning reader with a warm cache has it).
#[wasm_bindgen]
pub fn clippings_load_all() {
    if let Some(index) = INDEX.get() {
        parts::fetch_all(index, true, move || startup::start_common(index));
    }
}

/// Parts of a parted archive arrived and in all (0 and 0 for a whole one), for
/// tests and the benchmark.
#[wasm_bindgen]
pub fn clippings_parts_loaded() -> Vec<u32> {
    let (loaded, total) = INDEX.get().map_or((0, 0), |ix| ix.parts_loaded());
    vec![loaded as u32, total as u32]
}

/// Whether the common words' positions are computed yet (they are after start-up,
/// in slices): the benchmark waits for it, a browser test checks it happens.
#[wasm_bindgen]
pub fn clippings_common_positions_ready() -> bool {
    INDEX.get().is_some_and(|ix| startup::sources(ix).common.is_some())
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
