//! Where one app instance lives.
//!
//! - **Page**: the app owns the browser tab (or an iframe). Its state is the
//!   address bar's fragment, links are plain `#…` links, keys are heard on `window`.
//! - **Element**: the app is one of possibly several `<clippings-viewer>` elements
//!   on someone else's page. Its state lives in memory (never in the host's
//!   address), links point at the full app (so a new tab opens the same view),
//!   a plain click is handled in place, and keys are heard only inside the element.
//!
//! Components never touch `location` or `document` directly; they ask the host.

use std::cell::RefCell;
use std::rc::Rc;

use send_wrapper::SendWrapper;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use crate::dom;

#[derive(Clone)]
pub struct Host {
    /// The element the app is mounted in; every query for the app's own nodes starts here.
    pub root: web_sys::HtmlElement,
    kind: Kind,
}

#[derive(Clone)]
enum Kind {
    Page,
    Element {
        /// The state as a fragment, `#q=…`.
        current: Rc<RefCell<String>>,
        /// The full app's address; links are `link_base` + fragment.
        link_base: String,
        /// Told every new fragment (the custom element turns it into an event).
        on_change: Option<js_sys::Function>,
    },
}

impl Host {
    pub fn page(root: web_sys::HtmlElement) -> Host {
        Host { root, kind: Kind::Page }
    }

    pub fn element(
        root: web_sys::HtmlElement,
        fragment: &str,
        link_base: &str,
        on_change: Option<js_sys::Function>,
    ) -> Host {
        let current = Rc::new(RefCell::new(fragment.to_string()));
        Host { root, kind: Kind::Element { current, link_base: link_base.to_string(), on_change } }
    }

    pub fn is_page(&self) -> bool {
        matches!(self.kind, Kind::Page)
    }

    /// The state this instance starts from.
    pub fn fragment(&self) -> String {
        match &self.kind {
            Kind::Page => dom::hash(),
            Kind::Element { current, .. } => current.borrow().clone(),
        }
    }

    /// Records the state without a new history entry.
    pub fn replace(&self, fragment: &str) {
        match &self.kind {
            Kind::Page => {
                dom::replace_hash(fragment);
                crate::frame::state_changed(fragment);
            }
            Kind::Element { current, on_change, .. } => {
                if *current.borrow() == fragment {
                    return;
                }
                current.replace(fragment.to_string());
                if let Some(f) = on_change {
                    let _ = f.call1(&JsValue::NULL, &JsValue::from_str(fragment));
                }
            }
        }
    }

    /// A link's `href` for a state.
    pub fn href(&self, fragment: &str) -> String {
        match &self.kind {
            Kind::Page => fragment.to_string(),
            Kind::Element { link_base, .. } => format!("{link_base}{fragment}"),
        }
    }

    /// The fragment a link of this instance points at, if `href` is one.
    pub fn own_link<'a>(&self, href: &'a str) -> Option<&'a str> {
        match &self.kind {
            Kind::Page => href.starts_with('#').then_some(href),
            Kind::Element { link_base, .. } => href.strip_prefix(link_base.as_str()).filter(|f| f.starts_with('#')),
        }
    }

    /// Listens to `event` where this instance hears it (the window for a page, the
    /// element's own root otherwise) until the current reactive owner is cleaned up.
    pub fn listen<E: JsCast + 'static>(&self, event: &'static str, f: impl Fn(E) + 'static) {
        self.listen_event(
            event,
            Box::new(move |e: web_sys::Event| {
                if let Ok(e) = e.dyn_into::<E>() {
                    f(e);
                }
            }),
        );
    }

    /// [`Host::listen`] without generics: one copy of this code for every listener.
    fn listen_event(&self, event: &'static str, f: Box<dyn Fn(web_sys::Event)>) {
        let target: web_sys::EventTarget = match self.kind {
            Kind::Page => web_sys::window().expect("a browser window").into(),
            Kind::Element { .. } => self.root.clone().into(),
        };
        let closure = Closure::<dyn Fn(web_sys::Event)>::wrap(f);
        let _ = target.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
        let guard = SendWrapper::new((target, closure));
        leptos::prelude::on_cleanup(move || {
            let (target, closure) = guard.take();
            let _ = target.remove_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
        });
    }

    /// The first element of this instance that matches `selector`.
    pub fn find(&self, selector: &str) -> Option<web_sys::Element> {
        self.root.query_selector(selector).ok().flatten()
    }

    pub fn find_all(&self, selector: &str) -> Option<web_sys::NodeList> {
        self.root.query_selector_all(selector).ok()
    }

    /// The tab title belongs to the page; an embedded element leaves it alone.
    pub fn set_title(&self, title: &str) {
        if self.is_page() {
            dom::set_title(title);
        }
    }
}
