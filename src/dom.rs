//! The few direct browser calls: the address bar, focus and scrolling, and the
//! error panel that replaces a dead page after a panic.

use std::cell::RefCell;

use crate::i18n::{Msg, Tr};
use wasm_bindgen::{JsCast, JsValue};

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
            if let Some(a) = a.dyn_ref::<web_sys::HtmlElement>() {
                a.click();
            }
        }
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// Moves focus to the next (`step` 1) or previous (-1) result link; true if it moved.
pub fn focus_result(root: &web_sys::Element, step: i32) -> bool {
    let Ok(links) = root.query_selector_all("ol.results a.title") else { return false };
    let n = links.length() as i32;
    if n == 0 {
        return false;
    }
    // `:focus` rather than `document.activeElement`, which inside a shadow root is the host.
    let current = (0..n).find(|&i| {
        links
            .item(i as u32)
            .and_then(|l| l.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|l| l.matches(":focus").unwrap_or(false))
    });
    let next = match current {
        Some(i) => (i + step).clamp(0, n - 1),
        None if step > 0 => 0,
        None => return false,
    };
    let Some(el) = links.item(next as u32) else { return false };
    match el.dyn_into::<web_sys::HtmlElement>() {
        Ok(el) => el.focus().is_ok(),
        Err(_) => false,
    }
}

pub fn focus_selector(root: &web_sys::Element, selector: &str) {
    if let Some(el) =
        root.query_selector(selector).ok().flatten().and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// Whether a key event comes from a text field or menu (where letters are typing,
/// not shortcuts).
pub fn typing_in_field(e: &web_sys::KeyboardEvent) -> bool {
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"))
}

pub fn set_title(title: &str) {
    if let Some(doc) = window().document() {
        doc.set_title(title);
    }
}

pub fn scroll_to_hit(root: &web_sys::Element, index: usize) {
    if let Some(el) = root.query_selector(&format!("article mark[data-hit=\"{index}\"]")).ok().flatten() {
        let opts = web_sys::ScrollIntoViewOptions::new();
        opts.set_block(web_sys::ScrollLogicalPosition::Center);
        el.scroll_into_view_with_scroll_into_view_options(&opts);
    }
}

thread_local! {
    /// Every element an app instance is mounted in, for the panic panel.
    static ROOTS: RefCell<Vec<web_sys::HtmlElement>> = const { RefCell::new(Vec::new()) };
}

/// Remembers a mounted instance's root (to show the panic panel there).
pub fn register_root(root: &web_sys::HtmlElement) {
    ROOTS.with_borrow_mut(|r| r.push(root.clone()));
}

pub fn unregister_root(root: &web_sys::HtmlElement) {
    ROOTS.with_borrow_mut(|r| r.retain(|x| !x.is_same_node(Some(root))));
}

/// Shows a readable error panel with a reload button in every mounted instance
/// (or the page body before any), built with text nodes only.
pub fn show_fatal(title: &str, detail: &str) {
    let Some(doc) = window().document() else {
        return;
    };
    let mut roots: Vec<web_sys::Element> = ROOTS.with_borrow(|r| r.iter().map(|e| e.clone().into()).collect());
    if roots.is_empty() {
        roots.extend(doc.body().map(Into::into));
    }
    for root in roots {
        show_fatal_in(&doc, &root, title, detail);
    }
}

fn show_fatal_in(doc: &web_sys::Document, root: &web_sys::Element, title: &str, detail: &str) {
    // The button calls the browser's own location.reload (bound, not a wasm
    // closure), so it works even though the wasm instance has just aborted.
    let location = window().location();
    let reload =
        js_sys::Reflect::get(&location, &"reload".into()).ok().and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    let button = crate::i18n::first().map_or("Reload", |tr| tr.t(Msg::PageReload));
    if let Some(panel) = alert_panel(doc, title, detail, button, reload.map(|r| r.bind0(&location).into())) {
        let _ = root.prepend_with_node_1(&panel);
    }
}

/// A `role="alert"` panel: a heading, a paragraph and a button calling `click`.
fn alert_panel(
    doc: &web_sys::Document,
    title: &str,
    detail: &str,
    button_text: &str,
    click: Option<JsValue>,
) -> Option<web_sys::Element> {
    let panel = doc.create_element("div").ok()?;
    panel.set_class_name("fatal");
    let _ = panel.set_attribute("role", "alert");
    for (tag, text) in [("h2", title), ("p", detail)] {
        if let Ok(el) = doc.create_element(tag) {
            el.set_text_content(Some(text));
            let _ = panel.append_child(&el);
        }
    }
    if let Ok(button) = doc.create_element("button") {
        let _ = button.set_attribute("type", "button");
        button.set_text_content(Some(button_text));
        if let Some(click) = click {
            let _ = button.add_event_listener_with_callback("click", click.unchecked_ref());
        }
        let _ = panel.append_child(&button);
    }
    Some(panel)
}

/// The page's "Loading the archive…" line, back in `root` for another attempt.
pub fn show_loading(root: &web_sys::HtmlElement, tr: Tr) {
    root.set_text_content(None);
    let Some(doc) = window().document() else { return };
    if let Ok(p) = doc.create_element("p") {
        p.set_class_name("loading");
        let _ = p.set_attribute("role", "status");
        p.set_text_content(Some(tr.t(Msg::PageLoading)));
        let _ = root.append_child(&p);
    }
}

/// Why the archive could not be loaded, in `root`, with a button that tries
/// again (`retry`) or, where another attempt cannot help, reloads the page.
pub fn show_load_error(
    root: &web_sys::HtmlElement,
    title: &str,
    detail: &str,
    retry: Option<Box<dyn FnOnce()>>,
    button: &str,
) {
    let Some(doc) = window().document() else { return };
    let Some(retry) = retry else { return show_fatal_in(&doc, root, title, detail) };
    let click = wasm_bindgen::closure::Closure::once_into_js(retry);
    if let Some(panel) = alert_panel(&doc, title, detail, button, Some(click)) {
        let _ = root.append_child(&panel);
    }
}

/// On a panic: log it to the console and show the error panel instead of a frozen page.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let info = info.to_string();
        web_sys::console::error_1(&info.as_str().into());
        // Before any language table is in, the panel has the panic's own words.
        match crate::i18n::first() {
            Some(tr) => show_fatal(tr.t(Msg::BugTitle), &tr.f(Msg::BugDetail, &[info.as_str().into()])),
            None => show_fatal("Clippings", &info),
        }
    }));
}

/// Fills `parent` (emptied first) with a `<table>` named by its `caption`: a row
/// of column headers `head`, then one row per `(href, cells)` whose first cell is a
/// row header holding a link to `href`. Text is set as text, never parsed. A
/// table of many rows drawn this way weighs a fraction of a view's code in the shell.
pub fn link_table(parent: &web_sys::Element, caption: &str, head: &[&str], rows: &[(String, [String; 4])]) {
    parent.set_text_content(None);
    let table = append(parent, "table", "");
    append(&table, "caption", caption);
    let tr = append(&append(&table, "thead", ""), "tr", "");
    for h in head {
        let _ = append(&tr, "th", h).set_attribute("scope", "col");
    }
    let body = append(&table, "tbody", "");
    for (href, cells) in rows {
        let tr = append(&body, "tr", "");
        let th = append(&tr, "th", "");
        let _ = th.set_attribute("scope", "row");
        let _ = append(&th, "a", &cells[0]).set_attribute("href", href);
        for c in &cells[1..] {
            append(&tr, "td", c);
        }
    }
}

/// Appends a `tag` element holding `text` to `parent` (an empty `text` adds none).
pub fn append(parent: &web_sys::Element, tag: &str, text: &str) -> web_sys::Element {
    let doc = parent.owner_document().unwrap_or_else(|| window().document().expect("a document"));
    let el = doc.create_element(tag).expect("an element");
    if !text.is_empty() {
        el.set_text_content(Some(text));
    }
    let _ = parent.append_child(&el);
    el
}

/// Event listeners kept alive by their owner, and dropped with it.
pub type Listeners = std::rc::Rc<std::cell::RefCell<Vec<wasm_bindgen::closure::Closure<dyn Fn(web_sys::Event)>>>>;

/// Has `f` hear `event` on `target` for as long as `listeners` lives.
pub fn listen(listeners: &Listeners, target: &web_sys::Element, event: &str, f: impl Fn(web_sys::Event) + 'static) {
    let closure = wasm_bindgen::closure::Closure::<dyn Fn(web_sys::Event)>::wrap(Box::new(f));
    let _ = target.add_event_listener_with_callback(event, wasm_bindgen::JsCast::unchecked_ref(closure.as_ref()));
    listeners.borrow_mut().push(closure);
}

/// Appends an `<svg>` of `view_box` (stretched to its box, hidden from screen
/// readers: a table or a list beside it says the same) with class `class`.
pub fn svg(parent: &web_sys::Element, view_box: &str, class: &str) -> web_sys::Element {
    let svg = svg_element(parent, "svg");
    for (k, v) in [("viewBox", view_box), ("preserveAspectRatio", "none"), ("aria-hidden", "true"), ("class", class)] {
        let _ = svg.set_attribute(k, v);
    }
    svg
}

/// Appends a `<path>` of class `class` drawing `d` to `svg`.
pub fn svg_path(svg: &web_sys::Element, class: &str, d: &str) {
    let path = svg_element(svg, "path");
    let _ = path.set_attribute("class", class);
    let _ = path.set_attribute("d", d);
}

fn svg_element(parent: &web_sys::Element, tag: &str) -> web_sys::Element {
    let doc = parent.owner_document().unwrap_or_else(|| window().document().expect("a document"));
    let el = doc.create_element_ns(Some("http://www.w3.org/2000/svg"), tag).expect("an svg element");
    let _ = parent.append_child(&el);
    el
}

/// The `value` of an event's target (a select's or an input's), or "".
pub fn target_value(e: &web_sys::Event) -> String {
    e.target()
        .and_then(|t| js_sys::Reflect::get(&t, &"value".into()).ok())
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}
