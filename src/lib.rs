//! Clippings app: decodes the index embedded at build time once, then searches and
//! renders it in the browser. State lives in the URL fragment ([`state`]).

mod components;
mod dom;
pub mod state;

use clippings_core::{codec, Index};

use crate::components::App;

/// The index that `build.rs` wrote for the corpus folder.
static INDEX_BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/index.bin"));

/// Entry point: install the panic panel, decode the index, mount the app.
pub fn mount() {
    dom::install_panic_hook();
    match codec::decode(INDEX_BYTES) {
        Ok(index) => {
            let index: &'static Index = Box::leak(Box::new(index));
            leptos::mount::mount_to_body(move || leptos::view! { <App index=index /> });
        }
        Err(e) => dom::show_fatal("The search index could not be loaded", &e.to_string()),
    }
}
