//! Which articles hold the concordance's hits: a row per article (in the
//! concordance's order) with its number of lines and a strip marking where in the
//! article each of them falls, as AntConc's Concordance Plot draws it; the title
//! links to the article at its first hit there. Drawn once, by direct DOM calls,
//! when the concordance's last slice is in (no view of its own in the shell).

use std::fmt::Write;

use clippings_core::highlight::{article_hits, dispersion, KwicLine};
use clippings_core::{Index, Results};
use leptos::prelude::*;

use crate::dom;
use crate::host::Host;
use crate::i18n::Msg;
use crate::state::AppState;

/// Articles listed at most; the concordance itself has every line.
const ROWS: usize = 50;

/// Fills `details` (emptied first) with the summary and the table for the
/// concordance's `lines`, each with its article.
pub fn draw<'a>(
    index: &Index,
    results: &Results,
    lines: impl Iterator<Item = &'a (u32, KwicLine)>,
    details: &web_sys::Element,
    state: AppState,
    host: Host,
) {
    details.set_text_content(None);
    // Articles in order of their first line, each with its lines' hit numbers.
    let mut docs: Vec<(u32, Vec<usize>)> = Vec::new();
    for (doc, l) in lines {
        match docs.last_mut() {
            Some((d, hits)) if d == doc => hits.push(l.hit_index),
            _ => docs.push((*doc, vec![l.hit_index])),
        }
    }
    let _ = details.toggle_attribute_with_force("hidden", docs.is_empty());
    let tr = state.tr;
    dom::append(details, "summary", &tr.f(Msg::ConcordancePlot, &[docs.len().into()]));
    let table = dom::append(details, "table", "");
    let head = dom::append(&dom::append(&table, "thead", ""), "tr", "");
    for m in [Msg::ConcordancePlotArticle, Msg::ConcordancePlotHits, Msg::ConcordancePlotWhere] {
        let _ = dom::append(&head, "th", tr.t(m)).set_attribute("scope", "col");
    }
    let body = dom::append(&table, "tbody", "");
    for (doc, hits) in docs.iter().take(ROWS) {
        let article = index.article(*doc);
        let spots = dispersion(&article, &article_hits(&article, &results.matcher));
        let row = dom::append(&body, "tr", "");
        let th = dom::append(&row, "th", "");
        let _ = th.set_attribute("scope", "row");
        let href = host.href(&untrack(|| state.fragment_with(Some(index.id(*doc)), hits[0])));
        let _ = dom::append(&th, "a", &article.title).set_attribute("href", &href);
        dom::append(&row, "td", &tr.num(hits.len() as u32));
        let mut d = String::new();
        for &h in hits {
            let _ = write!(d, "M{} 0h6v20h-6z", spots.get(h).copied().unwrap_or(0));
        }
        let cell = dom::append(&row, "td", "");
        dom::svg_path(&dom::svg(&cell, "0 0 1006 20", "dispersion"), "", &d);
    }
    if docs.len() > ROWS {
        dom::append(details, "p", &tr.f(Msg::ConcordancePlotMore, &[(docs.len() - ROWS).into()]));
    }
}
