//! Distinctive words: what the results talk about that the rest of the archive
//! does not (clippings_core::keywords), on request (`kw=1`): reading the
//! results' words fetches their text, which a phone should not pay for unasked.
//!
//! The results are read in slices of [`SLICE`] articles, a task each, with the
//! count read on screen; a new query or filter starts again. Light in the shell
//! as the trends are: drawn by direct DOM calls from one effect.

use std::cell::{OnceCell, RefCell};
use std::rc::Rc;

use clippings_core::keywords::{first_read, KeyCounts};
use clippings_core::{Index, Results};
use leptos::prelude::*;

use crate::dom::{self, Listeners};
use crate::export::{csv, fixed4};
use crate::i18n::Msg;
use crate::parts;
use crate::state::AppState;

/// Articles read per task.
const SLICE: usize = 100;

/// What the effect keeps between its runs: the articles to read and the counts so far.
#[derive(Default)]
struct Job {
    docs: Vec<u32>,
    counts: KeyCounts,
    /// The CSV the export button writes: the list last drawn.
    file: String,
}

#[component]
pub fn Keywords(index: &'static Index, results: Memo<Results>, state: AppState) -> impl IntoView {
    let section = NodeRef::<leptos::html::Section>::new();
    // The articles to read, chosen only while the panel is open (ranking
    // 15,000 hits for them took 3 ms of every keystroke). Results that are the
    // whole archive have no rest to compare with.
    let docs = Memo::new(move |_| match state.keywords.get() {
        true => results.with(|r| if r.hits.len() < index.len() { first_read(&r.hits) } else { Vec::new() }),
        false => Vec::new(),
    });
    // Bumped after each slice, a task later: the effect then reads the next.
    let step = RwSignal::new(0usize);
    let job: Rc<RefCell<Job>> = Rc::default();
    let listeners = Listeners::default();
    let built: Rc<OnceCell<[web_sys::Element; 4]>> = Rc::default();
    crate::state::effect(Box::new(move || {
        let Some(section) = section.get() else { return };
        let tr = state.tr;
        let (open, docs) = (state.keywords.get(), docs.get());
        step.track();
        let [toggle, out, list, export] = built.get_or_init(|| build(&section, state, &listeners, job.clone()));
        let whole = results.with(|r| r.hits.len() >= index.len());
        let _ = section.toggle_attribute_with_force("hidden", whole);
        toggle.set_text_content(Some(tr.t(if open { Msg::KeywordsHide } else { Msg::KeywordsShow })));
        let _ = toggle.set_attribute("aria-expanded", if open { "true" } else { "false" });
        let _ = export.toggle_attribute_with_force("hidden", true);
        list.set_text_content(None);
        let mut job = job.borrow_mut();
        if !open {
            out.set_text_content(None);
            return;
        }
        if job.docs != docs {
            *job = Job { docs, ..Job::default() };
        }
        let read = job.counts.read();
        let total = job.docs.len();
        if read < total {
            let slice = job.docs[read..total.min(read + SLICE)].to_vec();
            out.set_text_content(Some(&tr.f(Msg::KeywordsReading, &[read.into(), total.into()])));
            // The slice's text first (fetched together if a part is missing: the
            // effect runs again when it arrives), then its words.
            if parts::with_parts(index, || slice.iter().for_each(|&d| index.touch_text(d))).is_none() {
                return;
            }
            slice.iter().for_each(|&d| job.counts.add(index, d));
            set_timeout(move || step.update(|s| *s += 1), std::time::Duration::ZERO);
            return;
        }
        let words = job.counts.clone().rank(index);
        let others = index.len() - total;
        out.set_text_content(Some(
            &tr.f(
                if words.is_empty() { Msg::KeywordsNone } else { Msg::KeywordsAbout },
                &[total.into(), others.into()],
            ),
        ));
        let mut rows = Vec::new();
        for k in &words {
            let word = index.terms[k.term as usize].clone();
            let button = dom::append(&dom::append(list, "li", ""), "button", &word);
            let _ = button.set_attribute("type", "button");
            let about = tr.f(Msg::KeywordsWord, &[k.inside.into(), k.outside.into(), tr.decimal(k.g2).as_str().into()]);
            let _ = button.set_attribute("title", &about);
            // A word that would not read as one word is added in quotes (that form only).
            let term = if word.chars().all(char::is_alphanumeric) { word.clone() } else { format!("\"{word}\"") };
            dom::listen(&listeners, &button, "click", move |_| {
                let q = state.query.get_untracked();
                state.set_query(if q.trim().is_empty() { term.clone() } else { format!("{} {term}", q.trim_end()) });
            });
            let (g2, ratio) = (fixed4(k.g2 as f32), fixed4(k.log_ratio as f32));
            rows.push(vec![word, k.inside.to_string(), k.outside.to_string(), g2, ratio]);
        }
        let header: Vec<&str> = tr.t(Msg::ExportKeywordsHeader).split(',').collect();
        job.file = csv(&header, &rows);
        let _ = export.toggle_attribute_with_force("hidden", words.is_empty());
    }));
    view! { <section class="keywords" node_ref=section></section> }
}

/// The heading, the toggle, the line that says what was read, the list of words
/// (buttons) and the export button (which writes the job's file).
fn build(
    section: &web_sys::Element,
    state: AppState,
    listeners: &Listeners,
    job: Rc<RefCell<Job>>,
) -> [web_sys::Element; 4] {
    let tr = state.tr;
    let _ = section.set_attribute("aria-label", tr.t(Msg::KeywordsLabel));
    dom::append(section, "h2", tr.t(Msg::KeywordsLabel));
    let toggle = dom::append(section, "button", "");
    let _ = toggle.set_attribute("type", "button");
    dom::listen(listeners, &toggle, "click", move |_| state.keywords.update(|k| *k = !*k));
    let out = dom::append(section, "p", "");
    let _ = out.set_attribute("aria-live", "polite");
    let list = dom::append(section, "ul", "");
    let export = dom::append(section, "button", tr.t(Msg::KeywordsExport));
    let _ = export.set_attribute("type", "button");
    dom::listen(listeners, &export, "click", move |_| {
        dom::download("clippings-keywords.csv", "text/csv;charset=utf-8", &job.borrow().file)
    });
    [toggle, out, list, export]
}
