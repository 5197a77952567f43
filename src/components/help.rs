//! The `?` panel: query syntax with examples and the keyboard shortcuts.

use leptos::prelude::*;

use crate::i18n::Msg;

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
    let rows = move |items: &'static [(&'static str, Msg)]| {
        items
            .iter()
            .map(|(k, v)| {
                view! {
                    <tr>
                        <th scope="row">
                            <code>{*k}</code>
                        </th>
                        <td>{tr.t(*v)}</td>
                    </tr>
                }
            })
            .collect_view()
    };
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
        {super::show(
            move || open.get(),
            move || {
                view! {
                    <section id="help" class="help" aria-label=tr.t(Msg::HelpLabel)>
                        <table>
                            <caption>{tr.t(Msg::HelpSyntax)}</caption>
                            <tbody>{rows(SYNTAX)}</tbody>
                        </table>
                        <table>
                            <caption>{tr.t(Msg::HelpKeyboard)}</caption>
                            <tbody>{rows(KEYS)}</tbody>
                        </table>
                        <button type="button" on:click=move |_| open.set(false)>
                            {tr.t(Msg::HelpClose)}
                        </button>
                    </section>
                }
                .into_any()
            },
        )}
    }
}
