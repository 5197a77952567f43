//! Bytes from a URL, the way this page may get them: `fetch`, or the page's own
//! `clippingsLoad` where it has one — on the folder edition opened from
//! `file://`, scripts beside it; on the hosted page, the downloads its inline
//! script started before the app was there (`xtask/src/dist/data.rs`), else `fetch`.
//! Used by start-up (the start file) and by [`crate::parts`] (the parts).

use wasm_bindgen::{JsCast, JsValue};

/// `fetch(url)` → the body as an `ArrayBuffer`, or an `Error` naming the HTTP status
/// (or the page's own `clippingsLoad(url)`).
pub(crate) async fn fetch(url: &str) -> Result<JsValue, JsValue> {
    let window = web_sys::window().ok_or(JsValue::NULL)?;
    // A page that loads its data files itself provides `clippingsLoad(url)`:
    // the folder edition, opened from file:// (where a page may not fetch), as
    // scripts; the hosted page, handing over what it started early.
    let load = js_sys::Reflect::get(&window, &"clippingsLoad".into())?;
    if let Some(load) = load.dyn_ref::<js_sys::Function>() {
        let promise: js_sys::Promise = load.call1(&JsValue::NULL, &url.into())?.dyn_into()?;
        return wasm_bindgen_futures::JsFuture::from(promise).await;
    }
    let response = wasm_bindgen_futures::JsFuture::from(window.fetch_with_str(url)).await?;
    let response: web_sys::Response = response.dyn_into()?;
    if !response.ok() {
        return Err(js_sys::Error::new(&format!("HTTP {}", response.status())).into());
    }
    wasm_bindgen_futures::JsFuture::from(response.array_buffer()?).await
}

/// A JavaScript error's message, for the reader.
pub(crate) fn js_message(e: &wasm_bindgen::JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "unknown error".into())
}
