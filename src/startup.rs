//! Start-up: the archive's data file — which the page started downloading before
//! the app shell arrived (`window.clippingsData`), or the embed names by URL —
//! decoded once for every instance in slices short enough to keep the page
//! responsive, then the common words' positions computed in the background
//! ([`clippings_core::common`]). The app shell holds no corpus: its bytes are the
//! same for every archive.

use std::cell::RefCell;
use std::sync::OnceLock;
use std::time::Duration;

use clippings_core::codec;
use clippings_core::common::CommonPositions;
use clippings_core::common_walk::CommonBuilder;
use clippings_core::{Index, Sources};
use wasm_bindgen::{JsCast, JsValue};

use crate::i18n::Msg;

pub(crate) static INDEX: OnceLock<Index> = OnceLock::new();

/// The common words' positions, once walked after start-up ([`build_common`]).
static COMMON: OnceLock<CommonPositions> = OnceLock::new();

/// What a search reads: the archive and, once they are ready, the common words'
/// positions (phrases of common words read the articles' words until then).
pub(crate) fn sources(index: &'static Index) -> Sources<'static> {
    Sources::new(index, COMMON.get())
}

/// Where the archive's data file comes from.
#[derive(Clone, PartialEq)]
pub(crate) enum Source {
    /// The page's `window.clippingsData`: `{ url, bytes }`, where `bytes` is the
    /// download the page started early (or the single file's inline copy, with
    /// no `url`); a retry fetches `url` again.
    Page,
    /// A data file's address (the `<clippings-viewer>` module gives it).
    Url(String),
}

/// The decoded index, if loading has finished.
pub(crate) fn index() -> Option<&'static Index> {
    INDEX.get()
}

/// Keeps the decoded index (the first one, if two decodings raced) and, once,
/// starts computing the common words' positions in the background — for a
/// parted archive once all its text is in, which happens by itself only for a
/// small one, fetched whole once the first results are on screen
/// ([`crate::parts::fetch_all`], from the app).
fn decoded(index: Index) -> &'static Index {
    let first = INDEX.set(index).is_ok();
    let index = INDEX.get().expect("the index was just set");
    if first && index.part_tables().is_empty() {
        start_common(index);
    }
    index
}

/// Starts computing the common words' positions, once, when every article's
/// words are in (a whole archive, or all of a parted one's text parts).
pub(crate) fn start_common(index: &'static Index) {
    if COMMON_STARTED.with(|s| s.replace(true)) {
        return;
    }
    let builder = CommonBuilder::new(index);
    leptos::prelude::set_timeout(move || build_common(index, builder), Duration::ZERO);
}

/// Why the archive could not be loaded, and whether trying again may help.
#[derive(Clone, Debug)]
pub(crate) struct LoadError {
    pub message: String,
    /// A download failed (offline, 404 after a redeploy): another attempt may
    /// succeed. A damaged or too new file, or the single file's own copy, will not.
    pub retry: bool,
}

/// What waits for the index while it is fetched and decoded.
type Waiter = Box<dyn FnOnce(Result<&'static Index, LoadError>)>;

thread_local! {
    /// Callers waiting for the index; `None` while no loading is under way.
    static WAITING: RefCell<Option<Vec<Waiter>>> = const { RefCell::new(None) };
    /// Whether the common words' positions are being computed (see [`start_common`]).
    static COMMON_STARTED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// Whether the page's early download has been used (a retry fetches anew).
    static EARLY_USED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Calls `then` with the index, first fetching the data file from `source` and
/// decoding it a section per task ([`codec::Decoder`]) if that has not been done:
/// the page stays responsive while a large archive starts.
pub(crate) fn with_index(source: Source, then: impl FnOnce(Result<&'static Index, LoadError>) + 'static) {
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
        wasm_bindgen_futures::spawn_local(async move {
            // The page's language table first (its download started with the
            // data's, before the shell's): messages below are in its language.
            let table = match crate::i18n::page_table().filter(|_| source == Source::Page) {
                Some(Ok(text)) => crate::i18n::page_table_arrived(wasm_bindgen_futures::JsFuture::from(text).await),
                Some(Err(e)) => Err(e.to_string()),
                None => Ok(()),
            };
            if let Err(message) = table {
                return loaded(Err(LoadError { message, retry: false }));
            }
            let (bytes, url) = match data_file(&source).await {
                Ok(got) => got,
                Err(e) => return loaded(Err(e)),
            };
            if let Some(url) = url {
                crate::parts::set_base(&url); // the part files sit beside it
            }
            match codec::Decoder::new(bytes) {
                Ok(decoder) => leptos::prelude::set_timeout(move || decode_slice(decoder), Duration::ZERO),
                Err(e) => loaded(Err(LoadError { message: e.to_string(), retry: false })),
            }
        });
    }
}

/// The data file's bytes and address: the page's early download the first
/// time, else a fetch.
async fn data_file(source: &Source) -> Result<(Vec<u8>, Option<String>), LoadError> {
    let failed = |message: String| LoadError { message, retry: true };
    let (url, early) = match source {
        Source::Url(url) => (Some(url.clone()), None),
        Source::Page => {
            let window = web_sys::window().ok_or_else(|| failed("no window".into()))?;
            let data = js_sys::Reflect::get(&window, &"clippingsData".into()).unwrap_or(JsValue::UNDEFINED);
            if data.is_undefined() {
                return Err(LoadError {
                    message: "this page names no archive (window.clippingsData)".into(),
                    retry: false,
                });
            }
            let url = js_sys::Reflect::get(&data, &"url".into()).ok().and_then(|u| u.as_string());
            let early = if EARLY_USED.with(|u| u.replace(true)) {
                None
            } else {
                js_sys::Reflect::get(&data, &"bytes".into()).ok().and_then(|p| p.dyn_into::<js_sys::Promise>().ok())
            };
            (url, early)
        }
    };
    // In the page's language once its table is in (the embed's data is loaded
    // before any instance has one: it shows the address and the reason).
    let tr = crate::i18n::first();
    let outcome = match (early, &url) {
        (Some(promise), _) => wasm_bindgen_futures::JsFuture::from(promise).await,
        (None, Some(url)) => crate::fetch::fetch(url).await,
        (None, None) => {
            let message = tr.map_or("", |tr| tr.t(Msg::ArchiveInlineFailed)).to_string();
            return Err(LoadError { message, retry: false });
        }
    };
    match outcome {
        Ok(v) if v.is_instance_of::<js_sys::ArrayBuffer>() => Ok((js_sys::Uint8Array::new(&v).to_vec(), url)),
        Ok(v) | Err(v) => {
            let why = crate::fetch::js_message(&v);
            let what = match (&url, tr) {
                (Some(url), _) => url.as_str(),
                (None, Some(tr)) => tr.t(Msg::ArchiveInline),
                (None, None) => "",
            };
            let message = match tr {
                Some(tr) => tr.f(Msg::ArchiveDownloadFailed, &[what.into(), why.as_str().into()]),
                None => format!("{what}: {why}"),
            };
            Err(LoadError { message, retry: url.is_some() })
        }
    }
}

/// Reads index sections for about [`BACKGROUND_SLICE_MS`], then yields to the page.
fn decode_slice(mut decoder: codec::Decoder) {
    let started = js_sys::Date::now();
    loop {
        match decoder.step() {
            // The first view is drawn in a task of its own.
            Ok(Some(index)) => {
                drop(decoder); // the downloaded file
                let index = decoded(index);
                return leptos::prelude::set_timeout(move || loaded(Ok(index)), Duration::ZERO);
            }
            Err(e) => return loaded(Err(LoadError { message: e.to_string(), retry: false })),
            Ok(None) if js_sys::Date::now() - started < BACKGROUND_SLICE_MS => {}
            Ok(None) => return leptos::prelude::set_timeout(move || decode_slice(decoder), Duration::ZERO),
        }
    }
}

/// Hands the outcome of loading to everything waiting for it; after a failure
/// the next [`with_index`] starts again.
fn loaded(result: Result<&'static Index, LoadError>) {
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
                let _ = COMMON.set(table);
            }
            return;
        }
    }
    leptos::prelude::set_timeout(move || build_common(index, builder), Duration::ZERO);
}
