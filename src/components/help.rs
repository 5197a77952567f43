//! The `?` panel: query syntax with examples and the keyboard shortcuts.

use leptos::prelude::*;

const SYNTAX: &[(&str, &str)] = &[
    ("kopyrkin csto", "both words (any form: obligation finds obligations)"),
    ("turkey OR türkiye", "either word; | works too"),
    ("(lavrov | putin) moscow", "parentheses group"),
    ("-moscow", "without the word; NOT moscow too"),
    ("\"peace treaty\"", "exact phrase, exact word forms"),
    ("\"peace treaty\"~3", "words within 3 positions of their place"),
    ("kopyr*", "words starting with kopyr"),
    ("kopyrkn~", "allow typos (also automatic when a word has no hit)"),
    ("title:armenia", "only in titles; byline: for authors"),
    ("date:2023-12..2024-02", "dated between (2023, 2023-12 work too)"),
];

const KEYS: &[(&str, &str)] = &[
    ("/", "focus the search box"),
    ("j / k, ↓ / ↑", "next / previous result"),
    ("Enter", "open the focused result"),
    ("n / N", "next / previous match in an article"),
    ("Esc", "back to the results"),
    ("?", "show or hide this help"),
];

#[component]
pub fn Help(host: crate::host::Host) -> impl IntoView {
    let open = RwSignal::new(false);
    host.listen("keydown", move |e: web_sys::KeyboardEvent| {
        let in_field = crate::dom::typing_in_field(&e);
        match e.key().as_str() {
            "?" if !in_field => open.update(|o| *o = !*o),
            "Escape" => open.set(false),
            _ => {}
        }
    });
    let rows = |items: &'static [(&'static str, &'static str)]| {
        items
            .iter()
            .map(|(k, v)| {
                view! {
                    <tr>
                        <th scope="row">
                            <code>{*k}</code>
                        </th>
                        <td>{*v}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <button
            type="button"
            class="help-toggle"
            aria-label="Search help"
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
                    <section id="help" class="help" aria-label="Search help">
                        <table>
                            <caption>"Search syntax"</caption>
                            <tbody>{rows(SYNTAX)}</tbody>
                        </table>
                        <table>
                            <caption>"Keyboard"</caption>
                            <tbody>{rows(KEYS)}</tbody>
                        </table>
                        <button type="button" on:click=move |_| open.set(false)>
                            "Close help"
                        </button>
                    </section>
                }
                .into_any()
            },
        )}
    }
}
