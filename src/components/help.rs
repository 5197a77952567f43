//! The `?` panel: query syntax with examples and the keyboard shortcuts.

use std::cell::OnceCell;
use std::rc::Rc;

use leptos::prelude::*;

use crate::dom::{self, Listeners};
use crate::i18n::{Msg, Tr};

const SYNTAX: &[(&str, Msg)] = &[
    ("kopyrkin csto", Msg::HelpAnd),
    ("turkey OR türkiye", Msg::HelpOr),
    ("(lavrov | putin) moscow", Msg::HelpGroup),
    ("-moscow", Msg::HelpNot),
    ("\"peace treaty\"", Msg::HelpPhrase),
    ("\"peace treaty\"~3", Msg::HelpNear),
    ("kopyr*", Msg::HelpPrefix),
    ("kopyrkn~", Msg::HelpTypo),
    ("title:armenia", Msg::HelpField),
    ("date:2023-12..2024-02", Msg::HelpDate),
    ("phone:+374", Msg::HelpNumbers),
];

const KEYS: &[(&str, Msg)] = &[
    ("/", Msg::KeyFocus),
    ("j / k, ↓ / ↑", Msg::KeyResults),
    ("Enter", Msg::KeyOpen),
    ("n / N", Msg::KeyMatches),
    ("Esc", Msg::KeyBack),
    ("?", Msg::KeyHelp),
];

#[component]
pub fn Help(host: crate::host::Host, tr: crate::i18n::Tr) -> impl IntoView {
    let open = RwSignal::new(false);
    host.listen("keydown", move |e: web_sys::KeyboardEvent| {
        let in_field = crate::dom::typing_in_field(&e);
        match e.key().as_str() {
            "?" if !in_field => open.update(|o| *o = !*o),
            "Escape" => open.set(false),
            _ => {}
        }
    });
    // Drawn by direct DOM calls the first time it opens, as the trends are (a
    // view of its own cost the shell 0.9 KB); while closed it is hidden and has
    // no id, as if it were not there.
    let panel = NodeRef::<leptos::html::Section>::new();
    let listeners = Listeners::default();
    let built = Rc::new(OnceCell::new());
    crate::state::effect(Box::new(move || {
        let is_open = open.get();
        let Some(panel) = panel.get() else { return };
        if is_open {
            built.get_or_init(|| draw(&panel, tr, open, &listeners, host.is_page()));
            let _ = panel.set_attribute("id", "help");
        } else {
            let _ = panel.remove_attribute("id");
        }
        let _ = panel.toggle_attribute_with_force("hidden", !is_open);
    }));
    view! {
        <button
            type="button"
            class="help-toggle"
            aria-label=tr.t(Msg::HelpLabel)
            aria-expanded=move || open.get().to_string()
            aria-controls="help"
            on:click=move |_| open.update(|o| *o = !*o)
        >
            "?"
        </button>
        <section class="help" node_ref=panel></section>
    }
}

/// The panel's contents: the syntax and the keys, each a table, and a button
/// that closes it; on the reader's lean page (`page`, not an embed), a link to
/// the workbench, which has the tools this build leaves out.
fn draw(panel: &web_sys::Element, tr: Tr, open: RwSignal<bool>, listeners: &Listeners, page: bool) {
    let _ = panel.set_attribute("aria-label", tr.t(Msg::HelpLabel));
    for (caption, items) in [(Msg::HelpSyntax, SYNTAX), (Msg::HelpKeyboard, KEYS)] {
        let table = dom::append(panel, "table", "");
        dom::append(&table, "caption", tr.t(caption));
        let body = dom::append(&table, "tbody", "");
        for &(example, what) in items {
            let row = dom::append(&body, "tr", "");
            let head = dom::append(&row, "th", "");
            let _ = head.set_attribute("scope", "row");
            dom::append(&head, "code", example);
            dom::append(&row, "td", tr.t(what));
        }
    }
    // The workbench's own filters: the reader's marks.
    #[cfg(feature = "workbench")]
    if let Ok(Some(syntax)) = panel.query_selector("tbody") {
        let row = dom::append(&syntax, "tr", "");
        let head = dom::append(&row, "th", "");
        let _ = head.set_attribute("scope", "row");
        dom::append(&head, "code", "tag:sanctions is:starred");
        dom::append(&row, "td", tr.t(Msg::HelpMarks));
    }
    if page && cfg!(not(feature = "workbench")) {
        let _ = dom::append(&dom::append(panel, "p", ""), "a", tr.t(Msg::HelpWorkbench))
            .set_attribute("href", crate::WORKBENCH_PAGE);
    }
    let close = dom::append(panel, "button", tr.t(Msg::HelpClose));
    let _ = close.set_attribute("type", "button");
    dom::listen(listeners, &close, "click", move |_| open.set(false));
}
