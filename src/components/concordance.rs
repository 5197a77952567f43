//! The concordance (KWIC): every body hit of the matching articles as left context |
//! hit | right context, aligned on the hit, sortable by the word left or right of it.

use clippings_core::analysis::tokenize;
use clippings_core::collocates::Windows;
use clippings_core::highlight::{kwic, KwicLine};
use clippings_core::{Index, Results};
use leptos::prelude::*;

use super::collocates::Panel;
use crate::host::Host;
use crate::i18n::Msg;
use crate::state::{flag, AppState};

/// Context on each side, in bytes (cut back to whole words).
pub const CONTEXT: usize = 60;
/// Lines shown at most; the export has the same cap.
pub const MAX_LINES: usize = 1000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Order {
    Text,
    Left,
    Right,
}

/// Work done in one go before the page gets a turn (milliseconds); a very common
/// word in a large corpus takes several such slices.
const SLICE_MS: f64 = 12.0;

type Line = (u32, KwicLine);

/// Reads the text of the hits the concordance draws from (the first
/// [`MAX_LINES`] articles), so that their parts are fetched if missing.
pub fn touch(index: &Index, results: &Results) {
    for h in results.hits.iter().take(MAX_LINES) {
        index.touch_text(h.doc);
    }
}

/// Concordance lines for the current results, in result order, with their article.
pub fn lines(index: &'static Index, results: &Results) -> Vec<Line> {
    let mut out = Vec::new();
    lines_from(index, results, 0, &mut out, None, || false);
    out
}

/// Appends the lines of the hits from `from` on until `MAX_LINES` or until `stop()`
/// says so (checked after each article), and the same hits' windows to `windows`
/// if given; returns the next hit to do, or `None` when done.
fn lines_from(
    index: &'static Index,
    results: &Results,
    from: usize,
    out: &mut Vec<Line>,
    mut windows: Option<&mut Windows>,
    stop: impl Fn() -> bool,
) -> Option<usize> {
    // Lines come from the first MAX_LINES articles (those `touch` reads).
    for (i, h) in results.hits.iter().enumerate().take(MAX_LINES).skip(from) {
        let article = index.article(h.doc);
        if let Some(w) = windows.as_deref_mut() {
            w.add_article(index, &article, &results.matcher, MAX_LINES - out.len());
        }
        out.extend(kwic(&article, &results.matcher, CONTEXT).into_iter().map(|l| (h.doc, l)));
        if out.len() >= MAX_LINES {
            out.truncate(MAX_LINES);
            return None;
        }
        if stop() && i + 1 < results.hits.len() {
            return Some(i + 1);
        }
    }
    None
}

/// Fills `chunks` with the concordance in slices of about [`SLICE_MS`], one per
/// task, so that the page stays responsive, and gathers the same hits' windows,
/// tallied for the collocates' `panel` after the last slice; a newer `generation`
/// stops it.
#[allow(clippy::too_many_arguments)]
fn fill(
    index: &'static Index,
    results: Memo<Results>,
    chunks: RwSignal<Vec<Vec<Line>>>,
    done: RwSignal<bool>,
    generation: StoredValue<u64>,
    current: u64,
    from: usize,
    (mut windows, panel, plot): (Windows, Panel, NodeRef<leptos::html::Details>),
) {
    // A newer answer started its own fill, or the view is gone (its values with it).
    if generation.try_get_value() != Some(current) {
        return;
    }
    let started = js_sys::Date::now();
    let have = chunks.with_untracked(|c| c.iter().map(Vec::len).sum::<usize>());
    let mut batch = Vec::new();
    let next = results.with_untracked(|r| {
        lines_from(index, r, from, &mut batch, Some(&mut windows), || js_sys::Date::now() - started > SLICE_MS)
    });
    batch.truncate(MAX_LINES.saturating_sub(have));
    if !batch.is_empty() {
        chunks.update(|c| c.push(batch));
    }
    match next {
        Some(next) if have < MAX_LINES => set_timeout(
            move || fill(index, results, chunks, done, generation, current, next, (windows, panel, plot)),
            std::time::Duration::ZERO,
        ),
        _ => {
            panel.set(Some(windows.tally()));
            if let Some(el) = plot.get_untracked() {
                chunks.with_untracked(|c| {
                    let lines = c.iter().flatten();
                    results.with_untracked(|r| super::kwic_plot::draw(index, r, lines, &el, panel.state, panel.host))
                });
            }
            done.set(true)
        }
    }
}

/// The folded word next to the hit: last word of the left context or first of the right.
fn neighbour(text: &str, last: bool) -> String {
    let tokens = tokenize(text);
    let t = if last { tokens.last() } else { tokens.first() };
    t.map(|t| t.term.clone()).unwrap_or_default()
}

#[component]
pub fn Concordance(index: &'static Index, results: Memo<Results>, state: AppState, host: Host) -> impl IntoView {
    let order = RwSignal::new(Order::Text);
    // Lines arrive in chunks (see `fill`); in article order each chunk is drawn as
    // its own <tbody> when it arrives, sorted orders wait for the last one.
    let chunks: RwSignal<Vec<Vec<Line>>> = RwSignal::new(Vec::new());
    let done = RwSignal::new(false);
    let generation = StoredValue::new(0u64);
    // Not Send (it shares the tally), and no thread ever sees it.
    let panel = send_wrapper::SendWrapper::new(Panel::new(index, state, host));
    let view_panel = panel.clone();
    let plot = NodeRef::new();
    crate::state::effect(Box::new(move || {
        results.track();
        let current = generation.get_value() + 1;
        generation.set_value(current);
        chunks.set(Vec::new());
        done.set(false);
        panel.set(None);
        fill(index, results, chunks, done, generation, current, 0, (Windows::default(), (*panel).clone(), plot));
    }));
    let sorted = move || {
        let o = order.get();
        if o == Order::Text || !done.get() {
            return Vec::new();
        }
        let mut ls: Vec<Line> = chunks.with(|c| c.iter().flatten().cloned().collect());
        let left = o == Order::Left;
        clippings_core::sort::sort_by_cached_key(&mut ls, |(_, l)| {
            if left {
                neighbour(&l.left, true)
            } else {
                neighbour(&l.right, false)
            }
        });
        ls
    };
    let row = move |(doc, l): Line| {
        let id = index.id(doc);
        let href = host.href(&state.fragment_with(Some(id), l.hit_index));
        let title = index.title_and_byline(doc).0;
        view! {
            <tr>
                // Contexts take no width of their own (see main.css): the hit
                // column fits its hits. The left one is an isolate in a
                // right-to-left box, so it is cut at its far end, not at the hit.
                <td class="left">
                    <div>
                        <bdi>{l.left}</bdi>
                    </div>
                </td>
                <td class="hit">
                    <a href=href title=title>
                        <mark>{l.hit}</mark>
                    </a>
                </td>
                <td class="right">
                    <div>
                        <bdi>{l.right}</bdi>
                    </div>
                </td>
            </tr>
        }
    };
    let tr = state.tr;
    let sort_button = move |o: Order, text: Msg| {
        view! {
            <button type="button" class="link" aria-pressed=move || (order.get() == o).to_string() on:click=move |_| order.set(o)>
                {tr.t(text)}
            </button>
        }
    };
    // `<Show>`'s generic code, twice, weighed more in the shell than these two
    // memoised switches.
    let empty = flag(Box::new(move || results.with(|r| r.matcher.is_empty())));
    let in_text_order = flag(Box::new(move || order.get() == Order::Text));
    let body = move || {
        if !in_text_order.get() {
            return view! { <tbody>{move || sorted().into_iter().map(row).collect_view()}</tbody> }.into_any();
        }
        // Each chunk's <tbody> as it arrives (a new search starts from none): a
        // plain closure, lighter in the shell than the keyed `<For>`; the rows
        // already drawn are compared, not drawn again.
        (move || {
            chunks.with(|c| {
                c.iter()
                    .map(|rows| view! { <tbody>{rows.iter().cloned().map(row).collect_view()}</tbody> })
                    .collect_view()
            })
        })
        .into_any()
    };
    let table = move || {
        view! {
            <table class="kwic" aria-label=tr.t(Msg::ConcordanceLabel)>
                <thead>
                    <tr>
                        <th scope="col" class="left">{sort_button(Order::Left, Msg::ConcordanceSortLeft)}</th>
                        <th scope="col" class="hit">{sort_button(Order::Text, Msg::ConcordanceSortHit)}</th>
                        <th scope="col" class="right">{sort_button(Order::Right, Msg::ConcordanceSortRight)}</th>
                    </tr>
                </thead>
                {body}
            </table>
            {super::show(move || !done.get(), move || view! { <p class="note">{tr.t(Msg::ConcordanceMore)}</p> }.into_any())}
        }
        .into_any()
    };
    let main = move || {
        if empty.get() {
            view! { <p class="empty">{tr.t(Msg::ConcordanceEmpty)}</p> }.into_any()
        } else {
            table()
        }
    };
    view! {
        <div class="kwic-pane">
            <section class="colloc" node_ref=view_panel.section></section>
            <div class="kwic-main">
                <details class="kwic-plot" hidden node_ref=plot></details>
                {main}
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clippings_core::{article::parse, search, Sort};

    fn corpus(docs: usize) -> &'static Index {
        let articles = (0..docs)
            .map(|i| {
                let body = format!("Peace talks, day {i}. The peace plan and peace again.\n\nMore peace on {i}.");
                parse(&format!("{i:03}"), &format!("Title {i}\n\n{body}")).expect("a valid article")
            })
            .collect();
        Box::leak(Box::new(Index::build(articles)))
    }

    #[test]
    fn slices_add_up_to_the_whole_concordance() {
        for docs in [1, 2, 7, 400] {
            let index = corpus(docs);
            let results = search(index, "peace", Sort::Relevance);
            let whole = lines(index, &results);
            assert_eq!(whole.len(), (docs * 4).min(MAX_LINES), "{docs} articles");
            // The smallest slices there are: one article each.
            let (mut sliced, mut from, mut slices) = (Vec::new(), Some(0), 0);
            while let Some(f) = from {
                from = lines_from(index, &results, f, &mut sliced, None, || true);
                slices += 1;
            }
            assert_eq!(sliced, whole, "{docs} articles");
            assert_eq!(slices, docs.min(MAX_LINES.div_ceil(4)), "{docs} articles: one slice per article");
        }
    }
}
