//! The reading view: the whole article with every hit marked, and buttons that
//! step through the hits. Boilerplate is shown dimmed and never marked.

use std::fmt::Write;
use std::ops::Range;
use std::sync::Arc;

use clippings_core::article::is_web_url;
use clippings_core::highlight::{article_hits, dispersion, hits_within};
use clippings_core::versions::split;
use clippings_core::{Article, Field, Index, Matcher, Results};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::marked::marked;
use crate::dom;
use crate::host::Host;
use crate::i18n::{Msg, Tr};
use crate::state::AppState;

#[component]
pub fn Reader(index: &'static Index, id: String, results: Memo<Results>, state: AppState, host: Host) -> impl IntoView {
    let back = move || host.href(&state.fragment_with(None, 0));
    let like = {
        let id = id.clone();
        move || host.href(&state.fragment_like(&id))
    };
    let tr = state.tr;
    let Some(doc) = index.find(&id) else {
        return view! {
            <div class="missing" role="alert">
                <p>{tr.f(Msg::ReaderMissing, &[id.as_str().into()])}</p>
                <a href=back>{tr.t(Msg::ReaderBack)}</a>
            </div>
        }
        .into_any();
    };
    // Decoded from its words once per opening; the closures below share it.
    let article = Arc::new(index.article(doc));
    let (compared, changed) =
        index.card(doc).and_then(|c| c.versions).map_or((None, Vec::new()), |v| (Some(v.compared), v.changed));
    let current = state.hit;
    let counted = Arc::clone(&article);
    // Where each hit falls, in thousandths of the article (the strip under the bar).
    let spots = Memo::new(move |_| results.with(|r| dispersion(&counted, &article_hits(&counted, &r.matcher))));
    let total = Memo::new(move |_| spots.with(Vec::len));
    let step = move |delta: isize| {
        let n = total.get_untracked();
        if n == 0 {
            return;
        }
        let next = (current.get_untracked() as isize + delta).rem_euclid(n as isize) as usize;
        current.set(next);
        dom::scroll_to_hit(&host.root(), next);
    };
    // A deep link to a hit (`hit=3`): scroll to it once the article is drawn.
    // Focus moves to the article's title so keyboard users are not left on a link
    // that no longer exists.
    let versions = NodeRef::<leptos::html::Section>::new();
    request_animation_frame(move || {
        // Closed before its first frame (a quick Back; a hidden tab holds frames
        // back): its values are gone, and there is nothing to scroll to.
        let Some(section) = versions.try_get_untracked() else { return };
        let root = host.root();
        if let Some(section) = section {
            versions_list(&section, index, doc, compared, state, host);
        }
        dom::focus_selector(&root, "article .article-title");
        if current.get_untracked() > 0 {
            dom::scroll_to_hit(&root, current.get_untracked());
        }
    });
    host.listen("keydown", move |e: web_sys::KeyboardEvent| {
        let in_field = crate::dom::typing_in_field(&e);
        match e.key().as_str() {
            "n" if !in_field => step(1),
            "N" if !in_field => step(-1),
            "Escape" => host.navigate(state, &untrack(|| state.fragment_with(None, 0))),
            _ => {}
        }
    });

    let body = move || results.with(|r| render_body(tr, &article, &r.matcher, current, &changed));
    let position = move || match total.get() {
        0 => tr.t(Msg::ReaderNoMatches).to_string(),
        n => tr.f(Msg::ReaderMatch, &[(current.get() + 1).into(), n.into()]),
    };
    view! {
        <nav class="reader-bar" aria-label=tr.t(Msg::ReaderLabel)>
            <a class="back" href=back>{tr.t(Msg::ReaderBack)}</a>
            <span class="position">{position}</span>
            <button type="button" on:click=move |_| step(-1) disabled=move || total.get() == 0>
                {tr.t(Msg::ReaderPrevious)}
            </button>
            <button type="button" on:click=move |_| step(1) disabled=move || total.get() == 0>
                {tr.t(Msg::ReaderNext)}
            </button>
            <a class="more-like" href=like>{tr.t(Msg::ReaderMoreLike)}</a>
            {dispersion_strip(tr, spots, total, current, host)}
        </nav>
        {with_marks(view! { <section class="versions" node_ref=versions></section> }, index, doc, id, state, host)}
        <article class="reader">{body}</article>
    }
    .into_any()
}

/// The versions' section, and after it the reader's own marks on the article
/// (the workbench's; the lean build's reader is as it was).
#[cfg(feature = "workbench")]
fn with_marks(
    versions: impl IntoView,
    index: &'static Index,
    doc: u32,
    id: String,
    state: AppState,
    host: Host,
) -> impl IntoView {
    (versions, view! { <super::marks::ArticleMarks index=index doc=doc id=id state=state host=host /> })
}

#[cfg(not(feature = "workbench"))]
fn with_marks<V>(versions: V, _: &'static Index, _: u32, _: String, _: AppState, _: Host) -> V {
    versions
}

/// Title, meta line and paragraphs, marks numbered in reading order: the
/// numbering of [`article_hits`] (through [`hits_within`]), which the
/// concordance's `hit=` links use too.
fn render_body(
    tr: Tr,
    article: &Article,
    matcher: &Matcher,
    current: RwSignal<usize>,
    changed: &[Range<u32>],
) -> impl IntoView {
    let hits = article_hits(article, matcher);
    let within = |field: Field, range: Range<usize>| hits_within(&hits, field, range);
    let (title_hits, first) = within(Field::Title, 0..article.title.len());
    let title = marked(&article.title, &title_hits, Some((first, current)));
    let byline = article.byline.as_ref().map(|b| {
        let (spans, first) = within(Field::Byline, 0..b.len());
        let (before, after) = tr.around(Msg::Byline);
        view! { <p class="byline">{before} {marked(b, &spans, Some((first, current)))} {after}</p> }
    });
    let date = article.date.map(|d| view! { <p class="date">{super::human_stamp(tr, d, article.meta.time)}</p> });
    // The canonical link, checked again here: only http(s) ever becomes an href.
    let original = article.meta.url.clone().filter(|u| is_web_url(u)).map(|url| {
        view! {
            <p class="original">
                <a href=url target="_blank" rel="noopener noreferrer">
                    {tr.t(Msg::ReaderOriginal)}
                </a>
            </p>
        }
    });
    let paragraphs: Vec<AnyView> = article
        .paragraphs
        .iter()
        .map(|p| {
            let pieces: Vec<AnyView> = article.pieces(p)
                .into_iter()
                .map(|(range, boiler)| {
                    let text = &article.text[range.clone()];
                    if boiler {
                        return view! { <span class="boilerplate" title=tr.t(Msg::ReaderBoilerplate)>{text.to_string()}</span> }
                            .into_any();
                    }
                    // What differs from the version it is compared with is underlined.
                    split(range, changed)
                        .into_iter()
                        .map(|(range, changed)| {
                            let (spans, first) = within(Field::Body, range.clone());
                            let text = marked(&article.text[range], &spans, Some((first, current)));
                            if changed {
                                view! { <ins>{text}</ins> }.into_any()
                            } else {
                                text.into_any()
                            }
                        })
                        .collect::<Vec<AnyView>>()
                        .into_any()
                })
                .collect();
            view! { <p dir="auto">{pieces}</p> }.into_any()
        })
        .collect();
    let derived = article.title_derived.then(|| view! { <p class="note">{tr.t(Msg::ReaderDerivedTitle)}</p> });
    view! {
        <h2 class="article-title" tabindex="-1" dir="auto">{title}</h2>
        {derived}
        {date}
        {byline}
        {original}
        {paragraphs}
    }
}

/// At most this many versions are listed.
pub(crate) const VERSIONS_LISTED: usize = 50;

/// Fills `section` with the other versions of article `doc`, as links (that
/// keep the query), after a note naming the one `compared` with; nothing when
/// it has none. Drawn by direct DOM calls, as the trends are: a view of its own
/// cost the shell 1.6 KB.
fn versions_list(
    section: &web_sys::Element,
    index: &Index,
    doc: u32,
    compared: Option<u32>,
    state: AppState,
    host: Host,
) {
    let Some(compared) = compared else { return };
    let tr = state.tr;
    let name = |d: u32| index.title_and_byline(d).0;
    dom::append(section, "p", &tr.f(Msg::ReaderVersionsNote, &[name(compared).as_str().into()]));
    let list = dom::append(section, "ul", "");
    let _ = list.set_attribute("aria-label", tr.t(Msg::ReaderVersions));
    for d in index.versions(doc).into_iter().filter(|&d| d != doc).take(VERSIONS_LISTED) {
        let href = untrack(|| host.href(&state.fragment_with(Some(index.id(d)), 0)));
        let _ = dom::append(&dom::append(&list, "li", ""), "a", &name(d)).set_attribute("href", &href);
    }
}

/// The dispersion strip: a tick where each hit falls in the article, the
/// current one drawn apart; a click goes to the hit nearest to it. (Next and
/// Previous, and `n`/`N`, do the same from the keyboard.)
fn dispersion_strip(
    tr: Tr,
    spots: Memo<Vec<u16>>,
    total: Memo<usize>,
    current: RwSignal<usize>,
    host: Host,
) -> AnyView {
    let ticks = move || {
        spots.with(|s| {
            s.iter().fold(String::new(), |mut d, x| {
                let _ = write!(d, "M{x} 0h6v20h-6z");
                d
            })
        })
    };
    let at = move || spots.with(|s| s.get(current.get()).copied().unwrap_or(0)).to_string();
    let label = move || tr.f(Msg::ReaderDispersion, &[total.get().into()]);
    // The ticks take no clicks (CSS), so the offset is the strip's own.
    let click = move |e: web_sys::MouseEvent| {
        let Some(svg) = e.current_target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return };
        let x = e.offset_x() * 1006 / svg.client_width().max(1);
        let nearest = spots
            .with_untracked(|s| s.iter().enumerate().min_by_key(|(_, &p)| (i32::from(p) - x).abs()).map(|(i, _)| i));
        if let Some(hit) = nearest {
            current.set(hit);
            dom::scroll_to_hit(&host.root(), hit);
        }
    };
    view! {
        <svg
            class="dispersion"
            viewBox="0 0 1006 20"
            preserveAspectRatio="none"
            role="img"
            aria-label=label
            hidden=move || total.get() == 0
            on:click=click
        >
            <path d=ticks />
            <rect class="current" x=at y="0" width="6" height="20" />
        </svg>
    }
    .into_any()
}
