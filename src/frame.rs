//! The app inside an iframe on someone else's page talks to `embed.js` there, so the
//! frame grows and shrinks with its content and, when asked, the page can mirror the
//! app's state into its own address.
//!
//! Protocol version 1; every message is a plain object:
//!
//! | from  | message |
//! |-------|---------|
//! | frame | `{source: "clippings", version: 1, type: "ready"}` — to any origin, carries nothing |
//! | page  | `{source: "clippings-host", version: 1, type: "hello", mirror: bool, theme: "light"\|"dark"\|"auto", vars: {"--clippings-accent": "…", …}}` |
//! | frame | `{source: "clippings", version: 1, type: "height", height: px}` |
//! | frame | `{source: "clippings", version: 1, type: "state", fragment: "#q=…"}` — only after `mirror: true` |
//! | page  | `{source: "clippings-host", version: 1, type: "navigate", fragment: "#…"}` |
//!
//! The frame listens only to its parent window; after the hello it listens only to
//! the hello's origin and answers only to it (`*` only when that origin is opaque,
//! e.g. a page opened from a file). Anything else is ignored.

use std::cell::RefCell;

use js_sys::{Object, Reflect};
use leptos::prelude::{set_interval_with_handle, IntervalHandle};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use crate::state::{AppState, MAX_URL_QUERY};

const VERSION: f64 = 1.0;
/// Tallest height reported, in CSS pixels (a runaway layout must not make a mile-long frame).
const MAX_HEIGHT: f64 = 100_000.0;
/// How many more times (a second apart) "ready" is said while no page answered.
const READY_REPEATS: u32 = 30;
/// The theming properties a host may pass on (see style/main.css).
const THEME_VARS: &[&str] = &[
    "--clippings-accent",
    "--clippings-bg",
    "--clippings-fg",
    "--clippings-muted",
    "--clippings-line",
    "--clippings-mark-bg",
    "--clippings-mark-fg",
    "--clippings-current-bg",
    "--clippings-font",
    "--clippings-reading-font",
    "--clippings-font-size",
    "--clippings-radius",
    "--clippings-max-width",
];

/// A host's value for a theming property: short, and nothing that could fetch or escape.
fn theme_value_ok(value: &str) -> bool {
    let lower = value.to_ascii_lowercase();
    value.len() <= 200
        && !["url(", "image(", "image-set(", "\\", "@", ";", "{", "}"].iter().any(|bad| lower.contains(bad))
}

struct Bridge {
    parent: web_sys::Window,
    /// The hello's origin; `None` until the page said hello.
    origin: Option<String>,
    mirror: bool,
    height: i32,
    /// Says "ready" again every second until the hello, at most `READY_REPEATS` times.
    ready: Option<IntervalHandle>,
}

thread_local! {
    static BRIDGE: RefCell<Option<Bridge>> = const { RefCell::new(None) };
}

fn message(kind: &str, extra: Option<(&str, JsValue)>) -> JsValue {
    let m = Object::new();
    let _ = Reflect::set(&m, &"source".into(), &"clippings".into());
    let _ = Reflect::set(&m, &"version".into(), &VERSION.into());
    let _ = Reflect::set(&m, &"type".into(), &kind.into());
    if let Some((key, value)) = extra {
        let _ = Reflect::set(&m, &key.into(), &value);
    }
    m.into()
}

impl Bridge {
    /// Stops saying "ready". (Leptos frees a cleared interval's closure only when the
    /// browser collects it; this one is set once per frame, so that is harmless.)
    fn stop_ready(&mut self) {
        if let Some(ready) = self.ready.take() {
            ready.clear();
        }
    }
}

/// Posts to the parent at the hello's origin; nothing before the hello.
fn post(bridge: &Bridge, msg: &JsValue) {
    if let Some(origin) = &bridge.origin {
        let target = if origin == "null" { "*" } else { origin.as_str() };
        let _ = bridge.parent.post_message(msg, target);
    }
}

fn send_height(bridge: &mut Bridge, force: bool) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    let Some(html) = doc.document_element() else { return };
    let height = html.get_bounding_client_rect().height().ceil().clamp(0.0, MAX_HEIGHT) as i32;
    if height != bridge.height || force {
        bridge.height = height;
        post(bridge, &message("height", Some(("height", f64::from(height).into()))));
    }
}

/// Called with every new state; posted only when the page asked to mirror it.
pub fn state_changed(fragment: &str) {
    BRIDGE.with_borrow(|b| {
        if let Some(b) = b.as_ref().filter(|b| b.mirror) {
            post(b, &message("state", Some(("fragment", fragment.into()))));
        }
    });
}

/// A message from the embedding page, read whole where it arrives ([`parse`]).
#[derive(Debug)]
enum Message {
    /// The page is there: after it, messages come from and go to its origin only.
    Hello {
        /// Whether each new state is posted to the page.
        mirror: bool,
        /// `"light"` or `"dark"`; `None` follows the reader's system.
        theme: Option<&'static str>,
        /// Each of [`THEME_VARS`], with the page's value if it gave a safe one.
        vars: Vec<(&'static str, Option<String>)>,
    },
    /// Show the state that `fragment` (`#…`) describes.
    Navigate { fragment: String },
}

/// Why a message is ignored.
#[derive(Debug)]
enum Why {
    /// Not an object with `source: "clippings-host"` and `version: 1`.
    NotOurs,
    /// A `type` this version does not know.
    UnknownType,
    /// A `navigate` without a fragment `#…` of a sane length.
    BadFragment,
}

fn field(data: &JsValue, key: &str) -> JsValue {
    Reflect::get(data, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

/// Reads what a window posted into a [`Message`] (before anything is done with it).
fn parse(data: &JsValue) -> Result<Message, Why> {
    let text = |key| field(data, key).as_string();
    if !data.is_object()
        || text("source").as_deref() != Some("clippings-host")
        || field(data, "version").as_f64() != Some(VERSION)
    {
        return Err(Why::NotOurs);
    }
    match text("type").as_deref() {
        Some("hello") => {
            let theme = match text("theme").as_deref() {
                Some("light") => Some("light"),
                Some("dark") => Some("dark"),
                _ => None,
            };
            let given = field(data, "vars");
            let vars = THEME_VARS
                .iter()
                .map(|&name| (name, field(&given, name).as_string().filter(|v| theme_value_ok(v))))
                .collect();
            Ok(Message::Hello { mirror: field(data, "mirror").as_bool() == Some(true), theme, vars })
        }
        Some("navigate") => text("fragment")
            .filter(|f| f.starts_with('#') && f.len() <= MAX_URL_QUERY * 4)
            .map(|fragment| Message::Navigate { fragment })
            .ok_or(Why::BadFragment),
        _ => Err(Why::UnknownType),
    }
}

fn on_message(e: web_sys::MessageEvent, state: AppState, root: &web_sys::HtmlElement) {
    let Ok(message) = parse(&e.data()) else { return };
    let from_parent = BRIDGE.with_borrow(|b| {
        let Some(b) = b.as_ref() else { return false };
        let source: Option<JsValue> = e.source().map(Into::into);
        source.is_some_and(|s| Object::is(&s, &b.parent))
    });
    if !from_parent {
        return;
    }
    let origin = e.origin();
    match message {
        Message::Hello { mirror, theme, vars } => {
            match theme {
                Some(theme) => root.set_attribute("data-theme", theme).unwrap_or_default(),
                None => root.remove_attribute("data-theme").unwrap_or_default(),
            }
            let style = root.style();
            for (name, value) in vars {
                match value {
                    Some(value) => style.set_property(name, &value).unwrap_or_default(),
                    None => style.remove_property(name).map(drop).unwrap_or_default(),
                }
            }
            let fragment = crate::dom::hash();
            BRIDGE.with_borrow_mut(|b| {
                let Some(b) = b.as_mut() else { return };
                b.origin = Some(origin);
                b.mirror = mirror;
                b.stop_ready();
                send_height(b, true);
            });
            state_changed(&fragment);
        }
        Message::Navigate { fragment } => {
            let known = BRIDGE.with_borrow(|b| b.as_ref().and_then(|b| b.origin.clone())) == Some(origin);
            if known {
                crate::dom::replace_hash(&fragment);
                state.load_fragment(&fragment);
            }
        }
    }
}

/// Starts the bridge when the app runs inside a frame; a no-op in a top-level tab.
pub fn start(state: AppState, root: web_sys::HtmlElement) {
    let Some(window) = web_sys::window() else { return };
    let Ok(Some(parent)) = window.parent() else { return };
    if Object::is(&parent, &window) {
        return;
    }
    if let Some(html) = window.document().and_then(|d| d.document_element()) {
        let _ = html.class_list().add_1("clippings-framed");
    }
    BRIDGE.with_borrow_mut(|b| {
        *b = Some(Bridge { parent: parent.clone(), origin: None, mirror: false, height: -1, ready: None })
    });

    let listener = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |e| on_message(e, state, &root));
    let _ = window.add_event_listener_with_callback("message", listener.as_ref().unchecked_ref());
    listener.forget(); // lives as long as the page

    let resized = Closure::<dyn Fn()>::new(|| {
        BRIDGE.with_borrow_mut(|b| {
            if let Some(b) = b.as_mut() {
                send_height(b, false);
            }
        })
    });
    if let (Ok(observer), Some(html)) = (
        web_sys::ResizeObserver::new(resized.as_ref().unchecked_ref()),
        window.document().and_then(|d| d.document_element()),
    ) {
        observer.observe(&html);
    }
    resized.forget();

    // "ready" carries nothing, so it may go to any origin; it is repeated for a
    // while in case embed.js is loaded after the frame started.
    let _ = parent.post_message(&message("ready", None), "*");
    let tries = std::cell::Cell::new(0);
    let repeat = move || {
        tries.set(tries.get() + 1);
        BRIDGE.with_borrow_mut(|b| {
            let Some(b) = b.as_mut() else { return };
            if tries.get() > READY_REPEATS {
                b.stop_ready();
            } else {
                let _ = b.parent.post_message(&message("ready", None), "*");
            }
        });
    };
    let ready = set_interval_with_handle(repeat, std::time::Duration::from_secs(1)).ok();
    BRIDGE.with_borrow_mut(|b| {
        if let Some(b) = b.as_mut() {
            b.ready = ready;
        }
    });
}
