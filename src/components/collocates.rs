//! Collocates beside the concordance: the words near its hits, ranked by G² or MI
//! (clippings_core::collocates), each a link to the proximity query it gives.
//!
//! Light in the shell on purpose: the concordance's slices hand the tally over
//! when they are done ([`Panel::set`]), the controls redraw it directly, and the
//! controls and the table are drawn by direct DOM calls ([`dom::link_table`]); no
//! view, signal or effect of a type of its own (each weighed 1–4 KB of the 250 KB
//! budget).

use std::cell::RefCell;
use std::rc::Rc;

use clippings_core::collocates::{proximity_query, Collocate, Rank, Tally, MAX_WINDOW};
use clippings_core::Index;
use leptos::prelude::*;

use crate::dom::{self, Listeners};
use crate::export::{csv, fixed4};
use crate::host::Host;
use crate::i18n::Msg;
use crate::state::AppState;

/// Rows shown; the export has them all.
const SHOWN: usize = 30;

/// A control: its label, its options (value, text; none: a number input) and its value.
type Control<'a> = (Msg, &'a [(String, String)], String);

/// The collocates panel of one concordance.
#[derive(Clone)]
pub struct Panel {
    index: &'static Index,
    pub(super) state: AppState,
    pub(super) host: Host,
    tally: Rc<RefCell<Option<Tally>>>,
    /// The `<section>` it draws into.
    pub section: NodeRef<leptos::html::Section>,
    listeners: Listeners,
}

impl Panel {
    pub fn new(index: &'static Index, state: AppState, host: Host) -> Panel {
        Panel { index, state, host, tally: Rc::default(), section: NodeRef::new(), listeners: Rc::default() }
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
        let Some(section) = self.section.get_untracked() else { return };
        let Some(el) = self.build(&section) else { return };
        let tr = self.state.tr;
        let ranked = self.ranked();
        // No hits (an empty query): no panel.
        let none = self.tally.borrow().as_ref().is_some_and(|t| t.hits == 0);
        let _ = section.toggle_attribute_with_force("hidden", none);
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

    /// Draws the controls, the table's place and the export button into the
    /// panel's `<section>` the first time it is drawn into. The controls show the
    /// address's values (the address cannot change them while the concordance
    /// stays); a change redraws the table at once. Built by direct DOM calls, as
    /// the table is: a Leptos view of them weighed some 4 KB in the shell.
    fn build(&self, section: &web_sys::Element) -> Option<web_sys::Element> {
        if let Some(holder) = section.last_element_child().and_then(|b| b.previous_element_sibling()) {
            return Some(holder);
        }
        let tr = self.state.tr;
        let start = untrack(|| self.state.colloc());
        let controls = dom::append(section, "div", "");
        controls.set_class_name("colloc-controls");
        let windows: Vec<(String, String)> = (1..=MAX_WINDOW).map(|n| (n.to_string(), n.to_string())).collect();
        let ranks =
            [("0", Msg::CollocatesG2), ("1", Msg::CollocatesMi)].map(|(v, m)| (v.to_string(), tr.t(m).to_string()));
        let mi = if start.by == Rank::MutualInformation { "1" } else { "0" };
        let rows: [Control; 3] = [
            (Msg::CollocatesWindow, &windows, start.window.to_string()),
            (Msg::CollocatesMin, &[], start.min.to_string()),
            (Msg::CollocatesRank, &ranks, mi.to_string()),
        ];
        for (what, (text, options, value)) in rows.into_iter().enumerate() {
            let label = dom::append(&controls, "label", tr.t(text));
            let _ = label.append_with_str_1(" ");
            let control = dom::append(&label, if options.is_empty() { "input" } else { "select" }, "");
            for (v, t) in options {
                let _ = dom::append(&control, "option", t).set_attribute("value", v);
            }
            if options.is_empty() {
                let _ = control.set_attribute("type", "number");
                let _ = control.set_attribute("min", "1");
            }
            let _ = js_sys::Reflect::set(&control, &"value".into(), &value.as_str().into());
            let p = self.clone();
            self.listen(&control, "change", move |e| {
                let n: usize = dom::target_value(&e).parse().unwrap_or(0);
                let s = p.state;
                match what {
                    0 => s.colloc_window.set(n.clamp(1, MAX_WINDOW)),
                    1 => s.colloc_min.set(n.max(1)),
                    _ => s.colloc_mi.set(n == 1),
                }
                p.draw();
            });
        }
        let holder = dom::append(section, "div", "");
        holder.set_class_name("colloc-table");
        let button = dom::append(section, "button", tr.t(Msg::CollocatesExport));
        let _ = button.set_attribute("type", "button");
        let p = self.clone();
        self.listen(&button, "click", move |_| p.export());
        Some(holder)
    }

    /// Has `f` hear `event` on `target` for as long as the panel lives.
    fn listen(&self, target: &web_sys::Element, event: &str, f: impl Fn(web_sys::Event) + 'static) {
        dom::listen(&self.listeners, target, event, f);
    }
}
