//! The few direct browser calls: the address bar, focus and scrolling, and the
//! error panel that replaces a dead page after a panic.

use wasm_bindgen::JsValue;

fn window() -> web_sys::Window {
    web_sys::window().expect("a browser window")
}

/// The current fragment, `#…` or empty.
pub fn hash() -> String {
    window().location().hash().unwrap_or_default()
}

/// Replaces the current history entry's fragment (no new entry, no hashchange).
pub fn replace_hash(fragment: &str) {
    if hash() == fragment || (fragment == "#" && hash().is_empty()) {
        return;
    }
    let loc = window().location();
    let url = if fragment == "#" {
        format!("{}{}", loc.pathname().unwrap_or_default(), loc.search().unwrap_or_default())
    } else {
        fragment.to_string()
    };
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
    }
}

/// Navigates to a fragment with a new history entry.
pub fn push_hash(fragment: &str) {
    let _ = window().location().set_hash(fragment);
}

/// Offers `content` as a file download (a Blob URL: works from file:// too).
pub fn download(name: &str, mime: &str, content: &str) {
    let parts = js_sys::Array::of1(&JsValue::from_str(content));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    if let Some(doc) = window().document() {
        if let Ok(a) = doc.create_element("a") {
            let _ = a.set_attribute("href", &url);
            let _ = a.set_attribute("download", name);
            if let Some(a) = wasm_bindgen::JsCast::dyn_ref::<web_sys::HtmlElement>(&a) {
                a.click();
            }
        }
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// Moves focus to the next (`step` 1) or previous (-1) result link; true if it moved.
pub fn focus_result(step: i32) -> bool {
    let Some(doc) = window().document() else { return false };
    let Ok(links) = doc.query_selector_all("ol[aria-label=\"Results\"] a.title") else { return false };
    let active = doc.active_element();
    let n = links.length() as i32;
    if n == 0 {
        return false;
    }
    let current = (0..n).find(|&i| {
        links.item(i as u32).zip(active.as_ref()).is_some_and(|(l, a)| {
            let a: &web_sys::Node = a;
            l.is_same_node(Some(a))
        })
    });
    let next = match current {
        Some(i) => (i + step).clamp(0, n - 1),
        None if step > 0 => 0,
        None => return false,
    };
    let Some(el) = links.item(next as u32) else { return false };
    match wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el) {
        Ok(el) => el.focus().is_ok(),
        Err(_) => false,
    }
}

pub fn focus_selector(selector: &str) {
    let el = window().document().and_then(|d| d.query_selector(selector).ok().flatten());
    if let Some(el) = el.and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok()) {
        let _ = el.focus();
    }
}

/// Whether a key event comes from a text field or menu (where letters are typing,
/// not shortcuts).
pub fn typing_in_field(e: &web_sys::KeyboardEvent) -> bool {
    e.target()
        .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
        .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"))
}

pub fn set_title(title: &str) {
    if let Some(doc) = window().document() {
        doc.set_title(title);
    }
}

pub fn scroll_to_hit(index: usize) {
    let selector = format!("article mark[data-hit=\"{index}\"]");
    if let Some(el) = window().document().and_then(|d| d.query_selector(&selector).ok().flatten()) {
        let opts = web_sys::ScrollIntoViewOptions::new();
        opts.set_block(web_sys::ScrollLogicalPosition::Center);
        el.scroll_into_view_with_scroll_into_view_options(&opts);
    }
}

/// Shows a readable error panel with a reload button, built with text nodes only.
pub fn show_fatal(title: &str, detail: &str) {
    let Some(doc) = window().document() else {
        return;
    };
    let Some(body) = doc.body() else { return };
    let Ok(panel) = doc.create_element("div") else {
        return;
    };
    panel.set_class_name("fatal");
    let _ = panel.set_attribute("role", "alert");
    for (tag, text) in [("h2", title), ("p", detail)] {
        if let Ok(el) = doc.create_element(tag) {
            el.set_text_content(Some(text));
            let _ = panel.append_child(&el);
        }
    }
    // The button calls the browser's own location.reload (bound, not a wasm
    // closure), so it works even though the wasm instance has just aborted.
    if let Ok(button) = doc.create_element("button") {
        let _ = button.set_attribute("type", "button");
        button.set_text_content(Some("Reload"));
        let location = window().location();
        let reload = js_sys::Reflect::get(&location, &"reload".into())
            .ok()
            .and_then(|f| wasm_bindgen::JsCast::dyn_into::<js_sys::Function>(f).ok());
        if let Some(reload) = reload {
            let _ = button.add_event_listener_with_callback("click", &reload.bind0(&location));
        }
        let _ = panel.append_child(&button);
    }
    let _ = body.prepend_with_node_1(&panel);
}

/// On a panic: log it to the console and show the error panel instead of a frozen page.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_fatal("Clippings stopped because of a bug", &format!("{info}. Reload the page to start again."));
    }));
}
