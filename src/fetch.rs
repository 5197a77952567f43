//! Bytes from a URL, the way this page may get them: `fetch`, or on the folder
//! edition opened from `file://` the page's `clippingsLoad` (scripts beside it).
//! Used by start-up (the start file) and by [`crate::parts`] (the parts, which
//! may have been started early by the page).

use wasm_bindgen::{JsCast, JsValue};

/// `fetch(url)` → the body as an `ArrayBuffer`, or an `Error` naming the HTTP status
/// (or the folder edition's `clippingsLoad(url)`).
pub(crate) async fn fetch(url: &str) -> Result<JsValue, JsValue> {
    let window = web_sys::window().ok_or(JsValue::NULL)?;
    // A part a `#q=` link's words need, which the page's inline script started
    // downloading before the app was there (see `xtask/src/dist/data.rs`),
    // taken once: the bytes, or the `Error` that stopped them.
    let early = js_sys::Reflect::get(&window, &"clippingsData".into())
        .and_then(|d| js_sys::Reflect::get(&d, &"parts".into()))
        .and_then(|p| p.dyn_into::<js_sys::Object>());
    if let Ok(parts) = early {
        let key = JsValue::from_str(url);
        if let Ok(promise) = js_sys::Reflect::get(&parts, &key).and_then(|p| p.dyn_into::<js_sys::Promise>()) {
            let _ = js_sys::Reflect::delete_property(&parts, &key);
            let got = wasm_bindgen_futures::JsFuture::from(promise).await?;
            return if got.is_instance_of::<js_sys::ArrayBuffer>() { Ok(got) } else { Err(got) };
        }
    }
    // The folder edition, opened from file://, loads its data files as scripts
    // (a page there may not fetch): its page provides `clippingsLoad(url)`.
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
