//! Saved searches and recent searches (the workbench): the state on screen —
//! query, filters, sort, view — saved under a name, and the last searches
//! made, each a link that reopens it. Kept by [`crate::work`]: "Saved" is said
//! only once the write succeeded; where it could not be stored, the page says
//! why and keeps the searches in memory until the tab closes.

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;

use crate::dom::{self, Listeners};
use crate::host::Host;
use crate::i18n::Msg;
use crate::saved::clean_name;
use crate::state::AppState;
use crate::work::change;

#[component]
pub fn Saved(state: AppState, host: Host) -> impl IntoView {
    // Every search made (once its address is written) is a recent one.
    crate::state::effect(Box::new(move || {
        state.written.track();
        if !state.query.get_untracked().is_empty() {
            let fragment = untrack(|| state.fragment_with(None, 0));
            change(state, |w| w.visit(&fragment));
        }
    }));
    let els: Rc<RefCell<Vec<web_sys::Element>>> = Rc::default();
    // The lists follow the work, whoever changed it (another tab too).
    let e = els.clone();
    crate::state::effect(Box::new(move || {
        state.work.track();
        redraw(&e.borrow(), state, host);
    }));
    let fill = move |panel: &web_sys::Element, open: RwSignal<bool>, listeners: &Listeners| {
        draw(panel, els.clone(), state, host, open, listeners)
    };
    super::tool(state.tr.t(Msg::SavedOpen), "saved", Box::new(fill))
}

/// The panel's parts once drawn: [name box, status, saved list, recent list].
const NAME: usize = 0;
const STATUS: usize = 1;

fn draw(
    panel: &web_sys::Element,
    els: Rc<RefCell<Vec<web_sys::Element>>>,
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
    *els.borrow_mut() = vec![name.clone(), status.clone(), saved.clone(), recent];
    if let Some(problem) = crate::work::problem(state) {
        status.set_text_content(Some(problem));
    }
    redraw(&els.borrow(), state, host);

    let e = els.clone();
    let save_now = move || {
        let text = js_sys::Reflect::get(&name, &"value".into()).ok().and_then(|v| v.as_string()).unwrap_or_default();
        let status = e.borrow()[STATUS].clone();
        let Some(named) = clean_name(&text) else {
            return status.set_text_content(Some(tr.t(Msg::SavedNoName)));
        };
        let fragment = untrack(|| state.fragment_with(None, 0));
        match change(state, |w| w.save(&named, &fragment)).1 {
            None => {
                let _ = js_sys::Reflect::set(&name, &"value".into(), &"".into());
                status.set_text_content(Some(&tr.f(Msg::SavedDone, &[named.as_str().into()])));
            }
            Some(problem) => status.set_text_content(Some(problem)),
        }
    };
    let enter = save_now.clone();
    dom::listen(listeners, &save, "click", move |_| save_now());
    let name_box = els.borrow()[NAME].clone();
    dom::listen(listeners, &name_box, "keydown", move |e| {
        if js_sys::Reflect::get(&e, &"key".into()).ok().and_then(|k| k.as_string()).as_deref() == Some("Enter") {
            enter();
        }
    });
    // A saved search's Remove button.
    dom::listen(listeners, &saved, "click", move |e| {
        let target = e.target().and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok());
        let Some(gone) = target.and_then(|t| t.get_attribute("data-remove")) else { return };
        let problem = change(state, |w| w.remove(&gone)).1;
        let said = problem.map_or_else(|| tr.f(Msg::SavedRemoved, &[gone.as_str().into()]), str::to_string);
        status.set_text_content(Some(&said));
    });
    dom::listen(listeners, &close, "click", move |_| open.set(false));
}

/// The two lists, from what is in memory.
fn redraw(els: &[web_sys::Element], state: AppState, host: Host) {
    let [_, _, saved, recent] = els else { return };
    let tr = state.tr;
    let work = state.work.get_untracked();
    saved.set_text_content(None);
    for (name, fragment) in &work.saved {
        let item = dom::append(saved, "li", "");
        let _ = dom::append(&item, "a", name).set_attribute("href", &host.href(fragment));
        let remove = dom::append(&item, "button", tr.t(Msg::SavedRemove));
        let _ = remove.set_attribute("type", "button");
        let _ = remove.set_attribute("aria-label", &tr.f(Msg::SavedRemoveNamed, &[name.as_str().into()]));
        let _ = remove.set_attribute("data-remove", name);
    }
    if work.saved.is_empty() {
        dom::append(saved, "li", tr.t(Msg::SavedNone));
    }
    recent.set_text_content(None);
    for fragment in &work.recent {
        let query = crate::state::parse_fragment(fragment).0.query;
        let _ = dom::append(&dom::append(recent, "li", ""), "a", &query).set_attribute("href", &host.href(fragment));
    }
}
