//! Stars, tags and notes (the workbench): the reader's controls for one
//! article, the marks on a result row, the Tags facet of the reader's own tags,
//! and the "My work" panel — every marked article (flagged when it changed or
//! is gone since), "Export my work" and "Import my work". Kept by
//! [`crate::work`]: "Saved" is said only once the write succeeded.

use clippings_core::marks::MarkKind;
use clippings_core::query::{print, Node};
use clippings_core::{Index, Results};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::carry::{self, Conflict, Refused};
use crate::dom::{self, Listeners};
use crate::host::Host;
use crate::i18n::{Msg, Tr};
use crate::parts;
use crate::saved::{parse_tags, Edit, Edited};
use crate::state::AppState;
use crate::work::{self, change, Standing};

/// A note's first characters, as the list and the rows show it.
const EXCERPT: usize = 80;

fn excerpt(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match text.char_indices().nth(EXCERPT) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text,
    }
}

/// The reader's marks on article `doc` (id `id`): a Star toggle, tags, a note
/// anchored to the passage selected when it is saved, and links to the
/// previous and next noted article.
#[component]
pub fn ArticleMarks(index: &'static Index, doc: u32, id: String, state: AppState, host: Host) -> impl IntoView {
    let tr = state.tr;
    let hash = work::article_hash(index, doc);
    let id = StoredValue::new(id);
    let mark = Memo::new(move |_| id.with_value(|id| state.work.with(|w| w.mark(id).cloned())));
    let starred = move || mark.with(|m| m.as_ref().is_some_and(|m| m.starred));
    let changed = {
        let hash = hash.clone();
        move || mark.with(|m| m.as_ref().is_some_and(|m| !m.hash.is_empty() && m.hash != hash))
    };
    // Where this page cannot keep its work, it says so from the start.
    let status = RwSignal::new(work::problem(state).unwrap_or_default().to_string());
    // The passage last selected in the article (a mouse or the keyboard): the
    // note is anchored to it when saved (focus in the note box moves the
    // document's selection, so it is caught as it is made).
    let selected = RwSignal::new(None::<String>);
    on_selection(move || {
        if let Some(text) = selected_passage(host) {
            selected.set(Some(text));
        }
    });
    let say = move |done: Msg, problem: Option<&'static str>| status.set(problem.unwrap_or(tr.t(done)).to_string());
    // The note as this page last showed it: another tab's change meanwhile is
    // kept beside this one ([`Edit::Note`]).
    let base = StoredValue::new(untrack(|| mark.with(|m| m.as_ref().map(|m| m.note.clone()).unwrap_or_default())));
    let tags_box = NodeRef::<leptos::html::Input>::new();
    let note_box = NodeRef::<leptos::html::Textarea>::new();
    let star_hash = hash.clone();
    let star = move |_| {
        let on = !untrack(starred);
        let (_, problem) = id.with_value(|id| change(state, |w| w.edit(id, &star_hash, Edit::Star(on), work::now())));
        say(if on { Msg::MarkStarred } else { Msg::MarkUnstarred }, problem);
    };
    let save = move |_| {
        let (Some(tags), Some(note)) = (tags_box.get_untracked(), note_box.get_untracked()) else { return };
        let (tags, note) = (parse_tags(&tags.value()), note.value());
        // The passage selected last in the article, else the one noted before.
        let passage = selected
            .get_untracked()
            .unwrap_or_else(|| untrack(|| mark.with(|m| m.as_ref().map(|m| m.passage.clone()).unwrap_or_default())));
        let edit = Edit::Note { note: note.clone(), passage, base: base.get_value() };
        let ((_, outcome), problem) = id.with_value(|id| {
            change(state, |w| {
                (w.edit(id, &hash, Edit::Tags(tags.clone()), work::now()), w.edit(id, &hash, edit.clone(), work::now()))
            })
        });
        // What is stored now is what the box shows.
        let stored = untrack(|| mark.with(|m| m.as_ref().map(|m| m.note.clone()).unwrap_or_default()));
        if let Some(b) = note_box.get_untracked() {
            b.set_value(&stored);
        }
        base.set_value(stored);
        if problem.is_none() {
            selected.set(None);
        }
        say(if outcome == Edited::BothKept { Msg::MarkBothKept } else { Msg::MarkSaved }, problem);
    };
    let initial_tags = untrack(|| mark.with(|m| m.as_ref().map(|m| m.tags.join(", ")).unwrap_or_default()));
    let initial_note = base.get_value();
    let passage = move || match selected.get() {
        Some(text) => Some(tr.f(Msg::MarkPassagePending, &[text.as_str().into()])),
        None => mark.with(|m| {
            m.as_ref().filter(|m| !m.passage.is_empty()).map(|m| tr.f(Msg::MarkPassage, &[m.passage.as_str().into()]))
        }),
    };
    // The noted articles before and after this one, newest edit first (their links).
    let neighbours = Memo::new(move |_| {
        id.with_value(|id| {
            state.work.with(|w| {
                let noted: Vec<&str> =
                    w.marks.iter().filter(|m| !m.note.trim().is_empty()).map(|m| m.id.as_str()).collect();
                let at = noted.iter().position(|n| n == id);
                let link = |i: Option<usize>| {
                    i.and_then(|i| noted.get(i))
                        .map(|n| host.href(&untrack(|| state.fragment_with(Some(n.to_string()), 0))))
                };
                match at {
                    Some(i) => (link(i.checked_sub(1)), link(Some(i + 1))),
                    None => (None, link(Some(0))),
                }
            })
        })
    });
    let previous = move || neighbours.with(|n| n.0.clone());
    let next = move || neighbours.with(|n| n.1.clone());
    view! {
        <section class="marks" aria-label=tr.t(Msg::MarkSection)>
            <p class="changed" role="note" hidden=move || !changed()>{tr.t(Msg::MarkChanged)}</p>
            <button type="button" class="star" aria-pressed=move || starred().to_string() on:click=star>
                <span aria-hidden="true">{move || if starred() { "★ " } else { "☆ " }}</span>
                {tr.t(Msg::MarkStar)}
            </button>
            <label for="mark-tags">{tr.t(Msg::MarkTags)}</label>
            <input id="mark-tags" type="text" autocomplete="off" node_ref=tags_box value=initial_tags />
            <label for="mark-note">{tr.t(Msg::MarkNote)}</label>
            <textarea id="mark-note" rows="3" node_ref=note_box prop:value=initial_note></textarea>
            <p class="hint">{tr.t(Msg::MarkPassageHint)}</p>
            <p class="passage" hidden=move || passage().is_none()>{passage}</p>
            <button type="button" on:click=save>{tr.t(Msg::MarkSave)}</button>
            <p class="status" aria-live="polite">{move || status.get()}</p>
            <p class="notes-nav">
                <a href=move || previous().unwrap_or_default() hidden=move || previous().is_none()>{tr.t(Msg::MarkPrevious)}</a>
                " "
                <a href=move || next().unwrap_or_default() hidden=move || next().is_none()>{tr.t(Msg::MarkNext)}</a>
            </p>
        </section>
    }
}

/// Calls `f` whenever the document's selection changes, for as long as the
/// current reactive owner lives.
fn on_selection(f: impl Fn() + 'static) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let closure = wasm_bindgen::closure::Closure::<dyn Fn(web_sys::Event)>::new(move |_: web_sys::Event| f());
    let _ = document.add_event_listener_with_callback("selectionchange", closure.as_ref().unchecked_ref());
    let guard = send_wrapper::SendWrapper::new((document, closure));
    on_cleanup(move || {
        let (document, closure) = guard.take();
        let _ = document.remove_event_listener_with_callback("selectionchange", closure.as_ref().unchecked_ref());
    });
}

/// The text selected in the article, if any (at most 500 characters, on one line).
fn selected_passage(host: Host) -> Option<String> {
    let selection = web_sys::window()?.get_selection().ok()??;
    let article = host.root().query_selector("article.reader").ok()??;
    let anchor = selection.anchor_node()?;
    if !article.contains(Some(&anchor)) {
        return None;
    }
    let text: String = String::from(selection.to_string()).split_whitespace().collect::<Vec<_>>().join(" ");
    (!text.is_empty()).then(|| text.chars().take(500).collect())
}

/// What an article's marks hold, as its row and My work say it:
/// `★ Starred · Your tags: … · Note: <its beginning>`.
fn describe(tr: Tr, starred: bool, tags: &[String], note: &str) -> String {
    let mut parts = Vec::new();
    if starred {
        parts.push(tr.t(Msg::RowStarred).to_string());
    }
    if !tags.is_empty() {
        parts.push(tr.f(Msg::RowTags, &[tags.join(", ").as_str().into()]));
    }
    if !note.trim().is_empty() {
        parts.push(tr.f(Msg::RowNote, &[excerpt(note).as_str().into()]));
    }
    parts.join(" · ")
}

/// A result row's marks (article `id`'s): starred, the reader's tags, the
/// note's beginning. Looked up by id: a row needs no part of the id table.
pub fn row_marks(id: String, state: AppState) -> impl IntoView {
    let tr = state.tr;
    let line = Memo::new(move |_| state.work.with(|w| w.mark(&id).map(|m| describe(tr, m.starred, &m.tags, &m.note))));
    view! { <p class="row-marks" dir="auto" hidden=move || line.with(Option::is_none)>{move || line.get()}</p> }
}

/// The Tags facet of the reader's own tags: each with the articles of the
/// results that carry it, a link that adds `tag:` to the query.
#[component]
pub fn YourTags(results: Memo<Results>, state: AppState, host: Host) -> impl IntoView {
    let tr = state.tr;
    let marks = work::shared();
    let counts = Memo::new(move |_| {
        let Some(marks) = marks else { return Vec::new() };
        marks.with(|m| {
            let Some(m) = m.as_ref().filter(|m| !m.is_empty()) else { return Vec::new() };
            let mut docs: Vec<u32> = results.with(|r| r.hits.iter().map(|h| h.doc).collect());
            docs.sort_unstable();
            m.tag_counts(&docs)
        })
    });
    // Each link adds its tag to the query on screen (tracked: the counts may
    // stay the same for another query).
    let items = move || {
        let typed = state.query.get();
        counts
            .get()
            .into_iter()
            .map(|(tag, n)| {
                let filter = print(&Node::Mark { kind: MarkKind::Tag, value: tag.clone() });
                let query = format!("{typed} {filter}").trim().to_string();
                let href = host.href(&untrack(|| state.fragment_with_query(query)));
                view! { <li><a href=href>{format!("{tag} ({})", tr.num(n))}</a></li> }
            })
            .collect_view()
    };
    view! {
        <fieldset class="facet your-tags" hidden=move || counts.with(Vec::is_empty)>
            <legend>{tr.t(Msg::TagsYours)}</legend>
            <ul>{items}</ul>
        </fieldset>
    }
}

/// The "My work" tool: every marked article, export and import.
#[component]
pub fn MyWork(index: &'static Index, state: AppState, host: Host) -> impl IntoView {
    let fill = move |panel: &web_sys::Element, open: RwSignal<bool>, listeners: &Listeners| {
        draw(panel, index, state, host, open, listeners)
    };
    super::tool(state.tr.t(Msg::WorkOpen), "work", Box::new(fill))
}

fn draw(
    panel: &web_sys::Element,
    index: &'static Index,
    state: AppState,
    host: Host,
    open: RwSignal<bool>,
    listeners: &Listeners,
) {
    let tr = state.tr;
    let _ = panel.set_attribute("aria-labelledby", "work-h");
    let _ = dom::append(panel, "h2", tr.t(Msg::WorkOpen)).set_attribute("id", "work-h");
    let status = dom::append(panel, "p", work::problem(state).unwrap_or(""));
    let _ = status.set_attribute("aria-live", "polite");
    let conflicts = dom::append(panel, "ul", "");
    let _ = conflicts.set_attribute("aria-label", tr.t(Msg::WorkConflicts));
    let _ = conflicts.toggle_attribute_with_force("hidden", true);
    let export = dom::append(panel, "button", tr.t(Msg::WorkExport));
    let import = dom::append(panel, "button", tr.t(Msg::WorkImport));
    let file = dom::append(panel, "input", "");
    for (k, v) in [("type", "file"), ("id", "work-file"), ("accept", ".json,application/json"), ("hidden", "")] {
        let _ = file.set_attribute(k, v);
    }
    for b in [&export, &import] {
        let _ = b.set_attribute("type", "button");
    }
    let _ = dom::append(panel, "h3", tr.t(Msg::WorkMarked)).set_attribute("id", "work-marked");
    let list = dom::append(panel, "ul", "");
    let _ = list.set_attribute("aria-labelledby", "work-marked");
    let close = dom::append(panel, "button", tr.t(Msg::WorkClose));
    let _ = close.set_attribute("type", "button");

    // The list follows the work; titles and flags wait for the parts they read.
    let (l, loading) = (list.clone(), tr.t(Msg::LoadingArticle));
    crate::state::effect(Box::new(move || {
        let rows = state.work.with(|w| {
            parts::with_parts(index, || {
                w.marks
                    .iter()
                    .filter(|m| !m.is_empty())
                    .map(|m| {
                        let title = index.find(&m.id).map(|d| index.title_and_byline(d).0);
                        (m.clone(), title, work::standing(index, m))
                    })
                    .collect::<Vec<_>>()
            })
        });
        l.set_text_content(None);
        let Some(rows) = rows else {
            dom::append(&l, "li", loading);
            return;
        };
        if rows.is_empty() {
            dom::append(&l, "li", tr.t(Msg::WorkNone));
        }
        for (m, title, standing) in rows {
            let item = dom::append(&l, "li", "");
            let name = title.unwrap_or_else(|| m.id.clone());
            let href = untrack(|| host.href(&state.fragment_with(Some(m.id.clone()), 0)));
            let _ = dom::append(&item, "a", &name).set_attribute("href", &href);
            dom::append(&item, "span", &format!(" — {}", describe(tr, m.starred, &m.tags, &m.note)));
            let flag = match standing {
                Standing::Current => None,
                Standing::Changed => Some(tr.t(Msg::WorkChanged)),
                Standing::Gone => Some(tr.t(Msg::WorkGone)),
            };
            if let Some(flag) = flag {
                let _ = dom::append(&item, "strong", &format!(" ({flag})")).set_attribute("class", "flag");
            }
        }
    }));

    let s = status.clone();
    dom::listen(listeners, &export, "click", move |_| {
        let text = state.work.with_untracked(|w| carry::to_json(w, &work::archive(index)));
        dom::download("clippings-work.json", "application/json", &text);
        s.set_text_content(Some(tr.t(Msg::WorkExported)));
    });
    let f = file.clone();
    dom::listen(listeners, &import, "click", move |_| {
        if let Some(f) = f.dyn_ref::<web_sys::HtmlElement>() {
            f.click();
        }
    });
    let (s, c) = (status.clone(), conflicts.clone());
    dom::listen(listeners, &file, "change", move |e| {
        let Some(input) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        input.set_value("");
        let (s, c, name) = (s.clone(), c.clone(), file.name());
        wasm_bindgen_futures::spawn_local(async move {
            let text = wasm_bindgen_futures::JsFuture::from(file.text()).await.ok().and_then(|t| t.as_string());
            let said = import_text(state, &name, text.as_deref().unwrap_or(""), &c);
            s.set_text_content(Some(&said));
        });
    });
    dom::listen(listeners, &close, "click", move |_| open.set(false));
}

/// Imports an exported file's `text` (named `name`): merged into what is kept,
/// the disagreements listed in `conflicts`; or refused whole. What to say.
fn import_text(state: AppState, name: &str, text: &str, conflicts: &web_sys::Element) -> String {
    let tr = state.tr;
    conflicts.set_text_content(None);
    let _ = conflicts.toggle_attribute_with_force("hidden", true);
    let theirs = match carry::from_json(text) {
        Ok((theirs, _)) => theirs,
        Err(refused) => {
            return match refused {
                Refused::NotJson(why) => tr.f(Msg::WorkRefusedJson, &[name.into(), why.as_str().into()]),
                Refused::Foreign => tr.f(Msg::WorkRefusedForeign, &[name.into()]),
                Refused::Newer(_) => tr.f(Msg::WorkRefusedNewer, &[name.into()]),
                Refused::Bad(what) => tr.f(Msg::WorkRefusedBad, &[name.into(), what.as_str().into()]),
            }
        }
    };
    let (merged, problem) = change(state, |w| carry::merge(w, theirs.clone()));
    for conflict in &merged.conflicts {
        let line = match conflict {
            Conflict::Saved(saved) => tr.f(Msg::WorkConflictSaved, &[saved.as_str().into()]),
            Conflict::Mark { id, theirs: true } => tr.f(Msg::WorkConflictTheirs, &[id.as_str().into()]),
            Conflict::Mark { id, theirs: false } => tr.f(Msg::WorkConflictOurs, &[id.as_str().into()]),
        };
        dom::append(conflicts, "li", &line);
    }
    let _ = conflicts.toggle_attribute_with_force("hidden", merged.conflicts.is_empty());
    let done = tr.f(Msg::WorkImported, &[name.into(), merged.added.into(), merged.updated.into()]);
    match problem {
        Some(problem) => format!("{done} {problem}"),
        None => done,
    }
}
