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

/// Shows a readable error panel with a reload link, built with text nodes only.
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
    if let Ok(reload) = doc.create_element("a") {
        let _ = reload.set_attribute("href", "");
        reload.set_text_content(Some("Reload"));
        reload.set_class_name("button");
        let _ = panel.append_child(&reload);
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
