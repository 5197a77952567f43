//! Start-up: the index embedded at build time, decoded once for every instance in
//! slices short enough to keep the page responsive, then the common words'
//! positions computed in the background ([`clippings_core::common`]).

use std::cell::RefCell;
use std::sync::OnceLock;
use std::time::Duration;

use clippings_core::codec;
use clippings_core::common::CommonBuilder;
use clippings_core::Index;

/// The index that `build.rs` wrote for the corpus folder.
static INDEX_BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/index.bin"));

pub(crate) static INDEX: OnceLock<Index> = OnceLock::new();

/// The decoded index, shared by every instance: decoded here at once if
/// [`with_index`] has not done it yet.
pub(crate) fn index() -> Result<&'static Index, String> {
    if let Some(index) = INDEX.get() {
        return Ok(index);
    }
    let index = codec::decode(INDEX_BYTES).map_err(|e| e.to_string())?;
    Ok(decoded(index))
}

/// Keeps the decoded index (the first one, if two decodings raced) and, once,
/// starts computing the common words' positions in the background.
fn decoded(index: Index) -> &'static Index {
    let first = INDEX.set(index).is_ok();
    let index = INDEX.get().expect("the index was just set");
    if first {
        let builder = CommonBuilder::new(index);
        leptos::prelude::set_timeout(move || build_common(index, builder), Duration::ZERO);
    }
    index
}

/// What waits for the index while it is decoded in slices.
type Waiter = Box<dyn FnOnce(Result<&'static Index, String>)>;

thread_local! {
    /// Callers waiting for the index; `None` while no decoding has started.
    static WAITING: RefCell<Option<Vec<Waiter>>> = const { RefCell::new(None) };
}

/// Calls `then` with the index, first decoding it a section per task
/// ([`codec::Decoder`]) if that has not been done: the page stays responsive while
/// a large archive starts (at 50,000 articles the decoding alone is ~30 ms natively).
pub(crate) fn with_index(then: impl FnOnce(Result<&'static Index, String>) + 'static) {
    if let Some(index) = INDEX.get() {
        return then(Ok(index));
    }
    let first = WAITING.with(|w| {
        let mut w = w.borrow_mut();
        let first = w.is_none();
        w.get_or_insert_with(Vec::new).push(Box::new(then));
        first
    });
    if first {
        match codec::Decoder::new(INDEX_BYTES) {
            Ok(decoder) => leptos::prelude::set_timeout(move || decode_slice(decoder), Duration::ZERO),
            Err(e) => loaded(Err(e.to_string())),
        }
    }
}

/// Reads index sections for about [`BACKGROUND_SLICE_MS`], then yields to the page.
fn decode_slice(mut decoder: codec::Decoder<'static>) {
    let started = js_sys::Date::now();
    loop {
        match decoder.step() {
            // The first view is drawn in a task of its own.
            Ok(Some(index)) => {
                let index = decoded(index);
                return leptos::prelude::set_timeout(move || loaded(Ok(index)), Duration::ZERO);
            }
            Err(e) => return loaded(Err(e.to_string())),
            Ok(None) if js_sys::Date::now() - started < BACKGROUND_SLICE_MS => {}
            Ok(None) => return leptos::prelude::set_timeout(move || decode_slice(decoder), Duration::ZERO),
        }
    }
}

/// Hands the outcome of decoding to everything waiting for it.
fn loaded(result: Result<&'static Index, String>) {
    for then in WAITING.with(|w| w.borrow_mut().take()).unwrap_or_default() {
        then(result.clone());
    }
}

/// Slices of the work at and after start-up, short enough not to hold up the page.
const BACKGROUND_SLICE_MS: f64 = 8.0;

/// Walks articles for [`CommonBuilder`] for about [`BACKGROUND_SLICE_MS`], then
/// yields to the page; when every article is done, phrases start using the table.
fn build_common(index: &'static Index, mut builder: CommonBuilder) {
    let started = js_sys::Date::now();
    while js_sys::Date::now() - started < BACKGROUND_SLICE_MS {
        if builder.step(index, 32) {
            if let Some(table) = builder.finish(index) {
                index.set_common_positions(table);
            }
            return;
        }
    }
    leptos::prelude::set_timeout(move || build_common(index, builder), Duration::ZERO);
}
