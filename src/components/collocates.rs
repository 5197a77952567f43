//! Collocates beside the concordance: the words near its hits, ranked by G² or MI
//! (clippings_core::collocates), each a link to the proximity query it gives.
//!
//! Light in the shell on purpose: the concordance's slices hand the tally over
//! when they are done ([`Panel::set`]), the controls redraw it directly, and the
//! table is drawn by direct DOM calls ([`dom::link_table`]); no signal or effect of
//! a type of its own (each weighed 1–4 KB of the 250 KB budget).

use std::cell::RefCell;
use std::rc::Rc;

use clippings_core::collocates::{proximity_query, Collocate, Tally, MAX_WINDOW};
use clippings_core::Index;
use leptos::prelude::*;

use super::export::fixed4;
use crate::dom;
use crate::export::csv;
use crate::host::Host;
use crate::i18n::Msg;
use crate::state::AppState;

/// Rows shown; the export has them all.
const SHOWN: usize = 30;

/// The collocates panel of one concordance.
#[derive(Clone)]
pub struct Panel {
    index: &'static Index,
    state: AppState,
    host: Host,
    tally: Rc<RefCell<Option<Tally>>>,
    holder: NodeRef<leptos::html::Div>,
}

impl Panel {
    pub fn new(index: &'static Index, state: AppState, host: Host) -> Panel {
        Panel { index, state, host, tally: Rc::default(), holder: NodeRef::new() }
    }

    /// The hits' tally (`None`: still counting), drawn at once.
    pub fn set(&self, tally: Option<Tally>) {
        *self.tally.borrow_mut() = tally;
        self.draw();
    }

    /// The collocates for the controls' values, with the node they are of.
    fn ranked(&self) -> Option<(String, Vec<Collocate>)> {
        let c = untrack(|| self.state.colloc());
        let t = self.tally.borrow();
        t.as_ref().map(|t| (t.node.clone(), t.rank(self.index, c.window, c.min as u32, c.by)))
    }

    fn word(&self, c: &Collocate) -> String {
        self.index.terms[c.term as usize].clone()
    }

    fn draw(&self) {
        let Some(el) = self.holder.get_untracked() else { return };
        let tr = self.state.tr;
        let ranked = self.ranked();
        // No hits (an empty query): no panel.
        let none = self.tally.borrow().as_ref().is_some_and(|t| t.hits == 0);
        if let Some(section) = el.parent_element() {
            let _ = section.toggle_attribute_with_force("hidden", none);
        }
        let Some((node, rows)) = ranked else {
            return el.set_text_content(Some(tr.t(Msg::CollocatesCounting)));
        };
        let window = self.state.colloc_window.get_untracked();
        let rows: Vec<(String, [String; 4])> = rows
            .iter()
            .take(SHOWN)
            .map(|c| {
                let w = self.word(c);
                let fragment = untrack(|| self.state.fragment_with_query(proximity_query(&node, &w, window)));
                (self.host.href(&fragment), [w, tr.num(c.freq), tr.decimal(c.g2), tr.decimal(c.mi)])
            })
            .collect();
        let head = [Msg::CollocatesWord, Msg::CollocatesFreq, Msg::CollocatesG2, Msg::CollocatesMi].map(|m| tr.t(m));
        dom::link_table(&el, tr.t(Msg::CollocatesLabel), &head, &rows);
        if rows.is_empty() {
            let _ = el.append_with_str_1(tr.t(Msg::CollocatesNone));
        }
    }

    /// Every collocate as CSV: word, frequency, corpus frequency, G², MI, query.
    fn export(&self) {
        let Some((node, rows)) = self.ranked() else { return };
        let window = self.state.colloc_window.get_untracked();
        let rows: Vec<Vec<String>> = rows
            .iter()
            .map(|c| {
                let w = self.word(c);
                let (g2, mi) = (fixed4(c.g2 as f32), fixed4(c.mi as f32));
                vec![w.clone(), c.freq.to_string(), c.corpus.to_string(), g2, mi, proximity_query(&node, &w, window)]
            })
            .collect();
        let header: Vec<&str> = self.state.tr.t(Msg::ExportCollocatesHeader).split(',').collect();
        dom::download("clippings-collocates.csv", "text/csv;charset=utf-8", &csv(&header, &rows));
    }

    /// The controls, the table's place and the export button. The controls are
    /// drawn once with the address's values (the address cannot change them while
    /// the concordance stays).
    pub fn view(&self) -> impl IntoView {
        let tr = self.state.tr;
        let start = untrack(|| self.state.colloc());
        let mi = start.by == clippings_core::collocates::Rank::MutualInformation;
        let (p, q, r) = (self.clone(), self.clone(), self.clone());
        let set = move |e: leptos::ev::Event, what: u8| {
            let n: usize = event_target_value(&e).parse().unwrap_or(0);
            let s = p.state;
            match what {
                0 => s.colloc_window.set(n.clamp(1, MAX_WINDOW)),
                1 => s.colloc_min.set(n.max(1)),
                _ => s.colloc_mi.set(n == 1),
            }
            p.draw();
        };
        let (set0, set1) = (set.clone(), set.clone());
        view! {
            <section class="colloc">
                <div class="colloc-controls">
                    <label>
                        {tr.t(Msg::CollocatesWindow)} " "
                        <select on:change=move |e| set0(e, 0)>
                            {(1..=MAX_WINDOW).map(|n| view! { <option selected=n == start.window>{n.to_string()}</option> }).collect_view()}
                        </select>
                    </label>
                    <label>
                        {tr.t(Msg::CollocatesMin)} " "
                        <input type="number" min="1" value=start.min.to_string() on:change=move |e| set1(e, 1) />
                    </label>
                    <label>
                        {tr.t(Msg::CollocatesRank)} " "
                        <select on:change=move |e| set(e, 2)>
                            <option value="0">{tr.t(Msg::CollocatesG2)}</option>
                            <option value="1" selected=mi>{tr.t(Msg::CollocatesMi)}</option>
                        </select>
                    </label>
                </div>
                <div class="colloc-table" node_ref=q.holder>{tr.t(Msg::CollocatesCounting)}</div>
                <button type="button" on:click=move |_| r.export()>
                    {tr.t(Msg::CollocatesExport)}
                </button>
            </section>
        }
    }
}
