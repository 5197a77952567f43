//! Trends under the timeline: up to five words compared over the same bars, as
//! articles per month (or week) or as their share of the bar's articles, with a
//! table twin and a CSV export (clippings_core::timeline::Bars::trends).
//!
//! Light in the shell, as the collocates are: the controls, the lines and the
//! table are drawn by direct DOM calls from one effect, which follows the words
//! (`tr=`), the measure (`tm=share`), the filters and the parts as they arrive.

use std::cell::{OnceCell, RefCell};
use std::fmt::Write;
use std::rc::Rc;

use clippings_core::timeline::{permille, trend_words, Bars, Trend, Unit, MAX_TRENDS};
use clippings_core::{Date, Index};
use leptos::prelude::*;

use crate::dom::{self, Listeners};
use crate::export::csv;
use crate::i18n::{Msg, Tr};
use crate::parts;
use crate::startup::sources;
use crate::state::AppState;

/// Each line's class (its colour and dash), in the order of the words.
const CLASSES: [&str; MAX_TRENDS] = ["t0", "t1", "t2", "t3", "t4"];

/// Draws the trends into `section` (the controls once, the rest on each change),
/// for the bars `bars` whose names are `names`; `width` and `height` are the
/// timeline's, so that the lines stand over its bars.
pub fn follow(
    index: &'static Index,
    state: AppState,
    section: NodeRef<leptos::html::Section>,
    bars: StoredValue<Bars>,
    names: StoredValue<Vec<String>>,
    (bar, gap, height): (u32, u32, u32),
) {
    let listeners = Listeners::default();
    // The CSV the export button writes: the table last drawn.
    let file: Rc<RefCell<String>> = Rc::default();
    let built: Rc<OnceCell<[web_sys::Element; 4]>> = Rc::default();
    let counted: Rc<RefCell<Counted>> = Rc::default();
    // Bumped a task after each word: the effect then counts the next.
    let step = RwSignal::new(0usize);
    crate::state::effect(Box::new(move || {
        let Some(section) = section.get() else { return };
        let (list, share) = (state.trends.get(), state.trend_share.get());
        let filters = super::filter_ids(index, &state.filters.get());
        step.track();
        let tr = state.tr;
        let [out, button, input, check] = built.get_or_init(|| build(&section, state, &listeners, file.clone()));
        // The controls follow the address too (back and forward, a followed link).
        let _ = js_sys::Reflect::set(input, &"value".into(), &list.as_str().into());
        let _ = js_sys::Reflect::set(check, &"checked".into(), &share.into());
        file.borrow_mut().clear();
        let _ = button.toggle_attribute_with_force("hidden", true);
        let words = trend_words(&list);
        if words.is_empty() {
            return out.set_text_content(None);
        }
        let mut counted = counted.borrow_mut();
        if counted.list != list || counted.filters != filters {
            *counted = Counted { list, filters, trends: Vec::new() };
        }
        let done = counted.trends.len();
        if done < words.len() {
            let counting = tr.f(Msg::TrendsCounting, &[done.into(), words.len().into()]);
            out.set_text_content(Some(&counting));
            let word = words[done].clone();
            // While the word's parts are on their way, the effect runs again when they arrive.
            let Some(trend) =
                parts::with_parts(index, || bars.with_value(|b| b.trend(sources(index), word, &counted.filters)))
            else {
                return;
            };
            counted.trends.push(trend);
            return set_timeout(move || step.update(|s| *s += 1), std::time::Duration::ZERO);
        }
        let trends = &counted.trends;
        let rows = bars.with_value(|b| names.with_value(|n| draw(out, tr, b, n, trends, share, (bar, gap, height))));
        let header: Vec<&str> = tr.t(Msg::ExportTrendsHeader).split(',').collect();
        *file.borrow_mut() = csv(&header, &rows);
        let _ = button.toggle_attribute_with_force("hidden", false);
    }));
}

/// The lines counted so far, one word per task (a word in every one of 50,000
/// articles takes some 8 ms natively), and the words and filters they are for.
#[derive(Default)]
struct Counted {
    list: String,
    filters: Vec<u32>,
    trends: Vec<Trend>,
}

/// The element the rest goes into, the export button (which writes `file`), and
/// the two controls: the words' textbox and the share's checkbox.
fn build(
    section: &web_sys::Element,
    state: AppState,
    listeners: &Listeners,
    file: Rc<RefCell<String>>,
) -> [web_sys::Element; 4] {
    let tr = state.tr;
    dom::append(section, "h2", tr.t(Msg::TrendsLabel));
    let label = dom::append(section, "label", tr.t(Msg::TrendsWords));
    let input = dom::append(&label, "input", "");
    for (k, v) in [("type", "text"), ("spellcheck", "false"), ("autocomplete", "off")] {
        let _ = input.set_attribute(k, v);
    }
    dom::listen(listeners, &input, "change", move |e| state.trends.set(dom::target_value(&e)));
    let label = dom::append(section, "label", "");
    let check = dom::append(&label, "input", "");
    let _ = check.set_attribute("type", "checkbox");
    let _ = label.append_with_str_1(tr.t(Msg::TrendsShare));
    dom::listen(listeners, &check, "change", move |e| {
        let on = e.target().and_then(|t| js_sys::Reflect::get(&t, &"checked".into()).ok());
        state.trend_share.set(on.and_then(|v| v.as_bool()).unwrap_or(false));
    });
    let out = dom::append(section, "div", "");
    let _ = out.set_attribute("aria-live", "polite");
    let button = dom::append(section, "button", tr.t(Msg::TrendsExport));
    let _ = button.set_attribute("type", "button");
    dom::listen(listeners, &button, "click", move |_| {
        dom::download("clippings-trends.csv", "text/csv;charset=utf-8", &file.borrow())
    });
    [out, button, input, check]
}

/// The lines, their legend and the table into `out`; the table's rows for the
/// export (period, word, articles, all articles, share in percent).
fn draw(
    out: &web_sys::Element,
    tr: Tr,
    bars: &Bars,
    names: &[String],
    trends: &[Trend],
    share: bool,
    (bar, gap, height): (u32, u32, u32),
) -> Vec<Vec<String>> {
    out.set_text_content(None);
    let value = |t: &Trend, i: usize| {
        let n = t.counts[i];
        if share {
            permille(n, bars.buckets[i].all)
        } else {
            n
        }
    };
    let max = trends.iter().flat_map(|t| (0..t.counts.len()).map(move |i| (t, i))).map(|(t, i)| value(t, i)).max();
    let max = max.unwrap_or(0).max(1);
    let words: Vec<&str> = trends.iter().map(|t| t.word.as_str()).collect();
    let width = bars.buckets.len() as u32 * (bar + gap);
    // The legend names the lines and the table twin has their numbers.
    let svg = dom::svg(out, &format!("0 0 {width} {height}"), "");
    let legend = dom::append(out, "ul", "");
    for (k, t) in trends.iter().enumerate() {
        // Each bar a level step, so that one bar is a line too.
        let mut d = String::new();
        for i in 0..t.counts.len() {
            let y = height - (u64::from(height) * u64::from(value(t, i)) / u64::from(max)) as u32;
            let x = i as u32 * (bar + gap);
            let _ = write!(d, "{}{x} {y}H{}", if i == 0 { 'M' } else { 'L' }, x + bar);
        }
        dom::svg_path(&svg, CLASSES[k], &d);
        let item = dom::append(&legend, "li", "");
        let _ = dom::append(&item, "span", "").set_attribute("class", CLASSES[k]);
        let _ = item
            .append_with_str_1(&tr.f(Msg::TrendsTotal, &[t.word.as_str().into(), t.counts.iter().sum::<u32>().into()]));
    }
    // The table twin: a row per bar, a column per word.
    let details = dom::append(out, "details", "");
    dom::append(&details, "summary", tr.t(Msg::TrendsTable));
    let table = dom::append(&details, "table", "");
    let head = dom::append(&dom::append(&table, "thead", ""), "tr", "");
    let first = if bars.unit == Unit::Month { Msg::TimelineHeadMonth } else { Msg::TimelineHeadWeek };
    for h in [tr.t(first)].into_iter().chain(words.iter().copied()) {
        let _ = dom::append(&head, "th", h).set_attribute("scope", "col");
    }
    let body = dom::append(&table, "tbody", "");
    let mut rows = Vec::new();
    for (i, b) in bars.buckets.iter().enumerate() {
        let row = dom::append(&body, "tr", "");
        let _ = dom::append(&row, "th", &names[i]).set_attribute("scope", "row");
        // In the export, a month as `2023-12`, a week by its first day.
        let period = if bars.unit == Unit::Week { Date::from_days(b.key).to_string() } else { b.label.clone() };
        for t in trends {
            let (n, p) = (t.counts[i], permille(t.counts[i], b.all));
            let cell = tr.f(Msg::TrendsCell, &[n.into(), tr.decimal(f64::from(p) / 10.0).as_str().into()]);
            dom::append(&row, "td", &cell);
            rows.push(vec![period.clone(), t.word.clone(), n.to_string(), b.all.to_string(), tenths(p)]);
        }
    }
    rows
}

/// A share in tenths of a percent as a percentage with one decimal (`125` → `12.5`).
fn tenths(p: u32) -> String {
    format!("{}.{}", p / 10, p % 10)
}
