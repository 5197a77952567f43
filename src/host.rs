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

use leptos::prelude::{GetValue, LocalStorage, StoredValue};
use send_wrapper::SendWrapper;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use crate::dom;
use crate::state::AppState;

/// One app instance's place; a handle (`Copy`) that components and their
/// closures pass around, freed with the reactive owner it was made in.
#[derive(Clone, Copy)]
pub struct Host(StoredValue<Rc<Place>, LocalStorage>);

struct Place {
    /// The element the app is mounted in; an element's listeners are put here.
    root: web_sys::HtmlElement,
    kind: Kind,
}

enum Kind {
    Page,
    Element {
        /// The state as a fragment, `#q=…`.
        current: RefCell<String>,
        /// The full app's address; links are `link_base` + fragment.
        link_base: String,
        /// Told every new fragment (the custom element turns it into an event).
        on_change: Option<js_sys::Function>,
    },
}

impl Host {
    pub fn page(root: web_sys::HtmlElement) -> Host {
        Host(StoredValue::new_local(Rc::new(Place { root, kind: Kind::Page })))
    }

    pub fn element(
        root: web_sys::HtmlElement,
        fragment: String,
        link_base: String,
        on_change: Option<js_sys::Function>,
    ) -> Host {
        let kind = Kind::Element { current: RefCell::new(fragment), link_base, on_change };
        Host(StoredValue::new_local(Rc::new(Place { root, kind })))
    }

    /// One copy of the lookup for every method.
    fn place(&self) -> Rc<Place> {
        self.0.get_value()
    }

    pub fn is_page(&self) -> bool {
        matches!(self.place().kind, Kind::Page)
    }

    /// The state this instance starts from.
    pub fn fragment(&self) -> String {
        match &self.place().kind {
            Kind::Page => dom::hash(),
            Kind::Element { current, .. } => current.borrow().clone(),
        }
    }

    /// Records the state without a new history entry.
    pub fn replace(&self, fragment: &str) {
        match &self.place().kind {
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
        match &self.place().kind {
            Kind::Page => fragment.to_string(),
            Kind::Element { link_base, .. } => format!("{link_base}{fragment}"),
        }
    }

    /// The fragment a link of this instance points at, if `href` is one.
    fn own_link(&self, href: &str) -> Option<String> {
        match &self.place().kind {
            Kind::Page => href.starts_with('#').then(|| href.to_string()),
            Kind::Element { link_base, .. } => {
                href.strip_prefix(link_base.as_str()).filter(|f| f.starts_with('#')).map(str::to_string)
            }
        }
    }

    /// Keeps `state` and this instance's address in step while the current
    /// reactive owner lives: every change of the state is written back, replacing
    /// the history entry (see [`AppState::write_changes`]), and the address's
    /// changes are read in.
    pub fn keep(self, state: AppState) {
        if self.is_page() {
            // Links, back/forward and edits of the address bar arrive as hashchange.
            self.listen("hashchange", move |_: web_sys::Event| state.load_fragment(&dom::hash()));
            // A link followed, or the page left, while the address still lags behind typing.
            self.listen("click", move |_: web_sys::Event| self.flush(state));
            self.listen("pagehide", move |_: web_sys::Event| self.flush(state));
        } else {
            // An element follows its own links in place; a new tab (modifier keys,
            // middle button) opens the full app at the same state.
            self.listen("click", move |e: web_sys::MouseEvent| {
                if e.default_prevented()
                    || e.button() != 0
                    || e.ctrl_key()
                    || e.meta_key()
                    || e.shift_key()
                    || e.alt_key()
                {
                    return;
                }
                let link = e
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                    .and_then(|t| t.closest("a[href]").ok().flatten());
                let Some(href) = link.and_then(|a| a.get_attribute("href")) else { return };
                if let Some(fragment) = self.own_link(&href) {
                    e.prevent_default();
                    state.load_fragment(&fragment);
                }
            });
        }
        state.write_changes(move |fragment| self.replace(fragment));
    }

    /// Writes a pending state now (before a link is followed or the page is left).
    fn flush(&self, state: AppState) {
        if state.take_pending() {
            self.replace(&state.fragment());
        }
    }

    /// Follows a link to `fragment`: a new history entry on a page, in place in an element.
    pub fn navigate(&self, state: AppState, fragment: &str) {
        self.flush(state);
        if self.is_page() {
            dom::push_hash(fragment);
        } else {
            state.load_fragment(fragment);
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
        let place = self.place();
        let target: web_sys::EventTarget = match place.kind {
            Kind::Page => web_sys::window().expect("a browser window").into(),
            Kind::Element { .. } => place.root.clone().into(),
        };
        let closure = Closure::<dyn Fn(web_sys::Event)>::wrap(f);
        let _ = target.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
        let guard = SendWrapper::new((target, closure));
        leptos::prelude::on_cleanup(move || {
            let (target, closure) = guard.take();
            let _ = target.remove_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
        });
    }

    /// The element the app is mounted in.
    pub fn root(&self) -> web_sys::HtmlElement {
        self.place().root.clone()
    }

    /// The tab title belongs to the page; an embedded element leaves it alone.
    pub fn set_title(&self, title: &str) {
        if self.is_page() {
            dom::set_title(title);
        }
    }
}
