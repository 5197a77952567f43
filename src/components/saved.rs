//! Saved searches and recent searches (the workbench): the state on screen —
//! query, filters, sort, view — saved under a name, and the last searches
//! made, each a link that reopens it. Kept in the browser's `localStorage`
//! ([`crate::saved`] says in what form), under a key of the page's folder, or of
//! the file itself for a single file (two `clippings.html` on one stick keep
//! their searches apart).
//!
//! Nothing is lost: every change reads what is stored first and writes it back
//! with the change (another tab's searches stay), another tab's writes are
//! shown as they happen, "Saved" is said only once the write succeeded, and
//! where storage is unavailable or full, or holds a newer version's data (left
//! untouched), the page says so and keeps the searches in memory until the tab
//! closes.

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;

use crate::dom::{self, Listeners};
use crate::host::Host;
use crate::i18n::Msg;
use crate::saved::{clean_name, query_of, Unreadable, Work};
use crate::state::AppState;

#[component]
pub fn Saved(state: AppState, host: Host) -> impl IntoView {
    let mem: Rc<RefCell<Mem>> = Rc::default();
    // Every search made (once its address is written) is a recent one.
    let m = mem.clone();
    Effect::new(move |_| {
        state.written.track();
        if !state.query.get_untracked().is_empty() {
            let fragment = untrack(|| state.fragment_with(None, 0));
            change(&m, state, |w| w.visit(&fragment));
            redraw(&m, state, host);
        }
    });
    // Another tab's change, as it happens.
    let m = mem.clone();
    host.listen("storage", move |_: web_sys::Event| {
        if let Ok(Ok(work)) = read().map(|t| Work::parse(t.as_deref())) {
            m.borrow_mut().work = work;
            redraw(&m, state, host);
        }
    });
    let fill = move |panel: &web_sys::Element, open: RwSignal<bool>, listeners: &Listeners| {
        draw(panel, mem.clone(), state, host, open, listeners)
    };
    super::tool(state.tr.t(Msg::SavedOpen), "saved", Box::new(fill))
}

/// What the page shows: the searches, and the panel's parts once drawn.
#[derive(Default)]
struct Mem {
    work: Work,
    /// [name box, status, saved list, recent list]
    els: Vec<web_sys::Element>,
}

const NAME: usize = 0;
const STATUS: usize = 1;

/// Where this page's searches are kept: its folder's address (index.html and
/// workbench.html share it), or the file's own for a single file.
fn key() -> String {
    let path = web_sys::window().and_then(|w| w.location().pathname().ok()).unwrap_or_default();
    let folder = ["index.html", crate::WORKBENCH_PAGE].iter().find_map(|p| path.strip_suffix(p));
    format!("clippings-work {}", folder.unwrap_or(&path))
}

fn storage() -> Result<web_sys::Storage, ()> {
    web_sys::window().ok_or(())?.local_storage().map_err(|_| ())?.ok_or(())
}

/// What is stored (`None`: nothing yet), or `Err` where storage is unavailable.
fn read() -> Result<Option<String>, ()> {
    storage()?.get_item(&key()).map_err(|_| ())
}

/// Applies `op` to what is stored, and stores it; returns the message to show
/// when the change could not be stored (it is kept in memory then).
fn change<T>(mem: &Rc<RefCell<Mem>>, state: AppState, op: impl Fn(&mut Work) -> T) -> Option<&'static str> {
    let tr = state.tr;
    let stored = read().map(|t| Work::parse(t.as_deref()));
    let problem = match stored {
        Ok(Ok(mut work)) => {
            let _ = op(&mut work);
            match storage().and_then(|s| s.set_item(&key(), &work.to_text()).map_err(|_| ())) {
                Ok(()) => {
                    mem.borrow_mut().work = work;
                    None
                }
                Err(()) => Some(tr.t(Msg::SavedFull)),
            }
        }
        Ok(Err(Unreadable::Newer(_) | Unreadable::Foreign)) => Some(tr.t(Msg::SavedNewer)),
        Err(()) => Some(tr.t(Msg::SavedUnavailable)),
    };
    if problem.is_some() {
        let _ = op(&mut mem.borrow_mut().work);
    }
    let els = mem.borrow().els.clone();
    if let (Some(problem), Some(status)) = (problem, els.get(STATUS)) {
        status.set_text_content(Some(problem));
    }
    problem
}

fn draw(
    panel: &web_sys::Element,
    mem: Rc<RefCell<Mem>>,
    state: AppState,
    host: Host,
    open: RwSignal<bool>,
    listeners: &Listeners,
) {
    let tr = state.tr;
    let _ = panel.set_attribute("aria-labelledby", "saved-h");
    let _ = dom::append(panel, "h2", tr.t(Msg::SavedOpen)).set_attribute("id", "saved-h");
    let _ = dom::append(panel, "label", tr.t(Msg::SavedName)).set_attribute("for", "saved-name");
    let name = dom::append(panel, "input", "");
    for (k, v) in [("id", "saved-name"), ("type", "text"), ("autocomplete", "off")] {
        let _ = name.set_attribute(k, v);
    }
    let save = dom::append(panel, "button", tr.t(Msg::SavedSave));
    let _ = save.set_attribute("type", "button");
    let status = dom::append(panel, "p", "");
    let _ = status.set_attribute("aria-live", "polite");
    let saved = dom::append(panel, "ul", "");
    let _ = saved.set_attribute("aria-label", tr.t(Msg::SavedOpen));
    dom::append(panel, "h3", tr.t(Msg::SavedRecent));
    let recent = dom::append(panel, "ul", "");
    let _ = recent.set_attribute("aria-label", tr.t(Msg::SavedRecent));
    let close = dom::append(panel, "button", tr.t(Msg::SavedClose));
    let _ = close.set_attribute("type", "button");
    mem.borrow_mut().els = vec![name.clone(), status, saved.clone(), recent];
    // What is stored now (another tab may have written since this page opened).
    if let Ok(Ok(work)) = read().map(|t| Work::parse(t.as_deref())) {
        mem.borrow_mut().work = work;
    }
    redraw(&mem, state, host);

    let m = mem.clone();
    let save_now = move || {
        let text = js_sys::Reflect::get(&name, &"value".into()).ok().and_then(|v| v.as_string()).unwrap_or_default();
        let status = m.borrow().els[STATUS].clone();
        let Some(named) = clean_name(&text) else {
            return status.set_text_content(Some(tr.t(Msg::SavedNoName)));
        };
        let fragment = untrack(|| state.fragment_with(None, 0));
        if change(&m, state, |w| w.save(&named, &fragment)).is_none() {
            let _ = js_sys::Reflect::set(&name, &"value".into(), &"".into());
            status.set_text_content(Some(&tr.f(Msg::SavedDone, &[named.as_str().into()])));
        }
        redraw(&m, state, host);
    };
    let enter = save_now.clone();
    dom::listen(listeners, &save, "click", move |_| save_now());
    let name_box = mem.borrow().els[NAME].clone();
    dom::listen(listeners, &name_box, "keydown", move |e| {
        if js_sys::Reflect::get(&e, &"key".into()).ok().and_then(|k| k.as_string()).as_deref() == Some("Enter") {
            enter();
        }
    });
    // A saved search's Remove button.
    let m = mem.clone();
    dom::listen(listeners, &saved, "click", move |e| {
        let target = e.target().and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok());
        let Some(gone) = target.and_then(|t| t.get_attribute("data-remove")) else { return };
        if change(&m, state, |w| w.remove(&gone)).is_none() {
            m.borrow().els[STATUS].set_text_content(Some(&tr.f(Msg::SavedRemoved, &[gone.as_str().into()])));
        }
        redraw(&m, state, host);
    });
    dom::listen(listeners, &close, "click", move |_| open.set(false));
}

/// The two lists, from what is in memory.
fn redraw(mem: &Rc<RefCell<Mem>>, state: AppState, host: Host) {
    let mem = mem.borrow();
    let [_, _, saved, recent] = mem.els.as_slice() else { return };
    let tr = state.tr;
    saved.set_text_content(None);
    for (name, fragment) in &mem.work.saved {
        let item = dom::append(saved, "li", "");
        let _ = dom::append(&item, "a", name).set_attribute("href", &host.href(fragment));
        let remove = dom::append(&item, "button", tr.t(Msg::SavedRemove));
        let _ = remove.set_attribute("type", "button");
        let _ = remove.set_attribute("aria-label", &tr.f(Msg::SavedRemoveNamed, &[name.as_str().into()]));
        let _ = remove.set_attribute("data-remove", name);
    }
    if mem.work.saved.is_empty() {
        dom::append(saved, "li", tr.t(Msg::SavedNone));
    }
    recent.set_text_content(None);
    for fragment in &mem.work.recent {
        let _ = dom::append(&dom::append(recent, "li", ""), "a", &query_of(fragment))
            .set_attribute("href", &host.href(fragment));
    }
}
