//! Batch search: a pasted list of queries (or a CSV file's first column), each
//! counted over the archive ([`clippings_core::batch`]), as a sortable table of
//! query, articles, hits, first and last date and a small timeline per row; a row's
//! query opens that search, and the table exports as CSV.
//!
//! Light in the shell, as the help panel is: drawn by direct DOM calls the first
//! time it opens. A long list runs in slices of a few milliseconds, with its
//! progress on screen and a Cancel button; queries whose parts of a parted
//! archive are not in wait for them (the next few queries' parts are asked for
//! at the same time, so they come in parallel), and the table shows its
//! rows 200 at a time: a thousand names never hold the page for long.

use std::cell::RefCell;
use std::fmt::Write;
use std::rc::Rc;
use std::time::Duration;

use clippings_core::batch::{self, Column, Periods, Row, MAX_QUERIES};
use clippings_core::Index;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::dom::{self, Listeners};
use crate::export::csv;
use crate::host::Host;
use crate::i18n::Msg;
use crate::parts;
use crate::startup::sources;
use crate::state::AppState;

/// A slice of work: queries are searched (or rows drawn) until this many
/// milliseconds have passed, then the page gets a turn.
const SLICE_MS: f64 = 8.0;
/// While a query waits for parts, the parts of this many queries after it are
/// asked for too.
const AHEAD: usize = 16;
/// Rows of the table shown at first, and added by each click on "Show more"
/// (a table is laid out whole: rows added in slices made a 5,000-row one take
/// 30 s; every row is in the export).
const SHOWN: usize = 200;
/// Rows drawn in one task (a row takes about a quarter of a millisecond).
const SLICE_ROWS: usize = 40;

#[component]
pub fn Batch(index: &'static Index, state: AppState, host: Host) -> impl IntoView {
    let fill = move |panel: &web_sys::Element, open, listeners: &Listeners| {
        draw(panel, Ctx { index, state, host, open, run: Rc::default() }, listeners)
    };
    super::tool(state.tr.t(Msg::BatchOpen), "batch", Box::new(fill))
}

/// What the panel's handlers share.
#[derive(Clone)]
struct Ctx {
    index: &'static Index,
    state: AppState,
    host: Host,
    open: RwSignal<bool>,
    run: Rc<RefCell<Run>>,
}

/// The batch on screen: its queries, the rows searched so far, how the table is sorted.
#[derive(Default)]
struct Run {
    /// Bumped by each start and each cancel: slices of an older run stop.
    generation: u32,
    queries: Vec<String>,
    /// The list was longer than [`MAX_QUERIES`].
    cut: bool,
    /// Per query, its row once searched (ahead of `done` too, while waiting).
    rows: Vec<Option<Row>>,
    done: usize,
    /// The rows searched, once the batch is done or cancelled.
    table: Vec<Row>,
    /// Their order in the table, how many of them it shows, and how many it is to show.
    order: Vec<usize>,
    shown: usize,
    target: usize,
    periods: Periods,
    filters: Vec<u32>,
    sort: (Column, bool),
    /// The panel's parts: [textbox, status, table's place, export button, cancel button].
    els: Vec<web_sys::Element>,
}

const TEXTBOX: usize = 0;
const STATUS: usize = 1;
const TABLE: usize = 2;
const EXPORT: usize = 3;
const CANCEL: usize = 4;

fn draw(panel: &web_sys::Element, ctx: Ctx, listeners: &Listeners) {
    let tr = ctx.state.tr;
    let _ = panel.set_attribute("aria-labelledby", "batch-h");
    let _ = dom::append(panel, "h2", tr.t(Msg::BatchOpen)).set_attribute("id", "batch-h");
    dom::append(panel, "p", &tr.f(Msg::BatchIntro, &[MAX_QUERIES.into()]));
    // Labels beside their controls, not around them: a label around a textbox
    // would name it by its text and its value too.
    let labelled = |text: Msg, tag: &str, id: &str| {
        let _ = dom::append(panel, "label", tr.t(text)).set_attribute("for", id);
        let control = dom::append(panel, tag, "");
        let _ = control.set_attribute("id", id);
        control
    };
    let textbox = labelled(Msg::BatchQueries, "textarea", "batch-queries");
    for (k, v) in [("rows", "6"), ("spellcheck", "false")] {
        let _ = textbox.set_attribute(k, v);
    }
    let file = labelled(Msg::BatchFile, "input", "batch-file");
    let _ = file.set_attribute("type", "file");
    let _ = file.set_attribute("accept", ".csv,.txt,text/csv,text/plain");
    let actions = dom::append(panel, "p", "");
    let button = |text: Msg| {
        let b = dom::append(&actions, "button", tr.t(text));
        let _ = b.set_attribute("type", "button");
        b
    };
    let (run, cancel, export, close) =
        (button(Msg::BatchRun), button(Msg::BatchCancel), button(Msg::BatchExport), button(Msg::BatchClose));
    let _ = cancel.toggle_attribute_with_force("hidden", true);
    let _ = export.toggle_attribute_with_force("hidden", true);
    let status = dom::append(panel, "p", "");
    let _ = status.set_attribute("aria-live", "polite");
    let table = dom::append(panel, "div", "");
    ctx.run.borrow_mut().els = vec![textbox, status, table.clone(), export.clone(), cancel.clone()];

    let c = ctx.clone();
    dom::listen(listeners, &run, "click", move |_| start(&c));
    let c = ctx.clone();
    dom::listen(listeners, &cancel, "click", move |_| {
        let mut run = c.run.borrow_mut();
        run.generation += 1;
        let (done, all) = (run.done, run.queries.len());
        run.rows.truncate(done);
        drop(run);
        finish(&c, Some((done, all)));
    });
    let c = ctx.clone();
    dom::listen(listeners, &export, "click", move |_| {
        let file = export_csv(&c);
        dom::download("clippings-batch.csv", "text/csv;charset=utf-8", &file);
    });
    // A column's sort button: a second click turns the order round; the
    // articles and the last date start with the most, the others with the least.
    let c = ctx.clone();
    dom::listen(listeners, &table, "click", move |e| {
        let button = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|t| t.closest("button").ok().flatten());
        let Some(button) = button else { return };
        if button.has_attribute("data-more") {
            return show_more(&c);
        }
        let Some(k) = button.get_attribute("data-sort") else { return };
        let column = [Column::Query, Column::Articles, Column::Hits, Column::First, Column::Last]
            [k.parse::<usize>().unwrap_or(0).min(4)];
        let mut run = c.run.borrow_mut();
        run.sort = if run.sort.0 == column {
            (column, !run.sort.1)
        } else {
            (column, matches!(column, Column::Articles | Column::Hits | Column::Last))
        };
        run.generation += 1;
        drop(run);
        draw_table(&c);
    });
    let open = ctx.open;
    dom::listen(listeners, &close, "click", move |_| open.set(false));
    // A file's first column (a CSV file) or its lines fill the textbox, to be
    // looked over before the batch runs.
    let c = ctx.clone();
    dom::listen(listeners, &file, "change", move |e| {
        let Some(input) = e.target() else { return };
        let file = js_sys::Reflect::get(&input, &"files".into()).and_then(|f| js_sys::Reflect::get(&f, &0.into()));
        let Ok(file) = file else { return };
        let name = js_sys::Reflect::get(&file, &"name".into()).ok().and_then(|n| n.as_string()).unwrap_or_default();
        let text = js_sys::Reflect::get(&file, &"text".into()).ok().and_then(|f| f.dyn_into::<js_sys::Function>().ok());
        let Some(promise) = text.and_then(|f| f.call0(&file).ok()) else { return };
        let c = c.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let text = wasm_bindgen_futures::JsFuture::from(js_sys::Promise::from(promise)).await;
            let text = text.ok().and_then(|t| t.as_string()).unwrap_or_default();
            let text = if name.to_ascii_lowercase().ends_with(".csv") { batch::csv_column(&text) } else { text };
            let textbox = c.run.borrow().els[TEXTBOX].clone();
            let _ = js_sys::Reflect::set(&textbox, &"value".into(), &text.into());
        });
    });
}

/// Starts a batch of the textbox's queries, among the articles the list's filters let through.
fn start(ctx: &Ctx) {
    // A part that failed before is asked for again.
    if untrack(parts::failure).is_some() {
        parts::retry();
    }
    let mut run = ctx.run.borrow_mut();
    let list = js_sys::Reflect::get(&run.els[TEXTBOX], &"value".into()).ok().and_then(|v| v.as_string());
    let mut queries = batch::queries(&list.unwrap_or_default());
    run.cut = queries.len() > MAX_QUERIES;
    queries.truncate(MAX_QUERIES);
    run.generation += 1;
    run.rows = vec![None; queries.len()];
    run.queries = queries;
    run.done = 0;
    run.table.clear();
    run.periods = Periods::of(ctx.index);
    run.filters = super::filter_ids(ctx.index, &ctx.state.filters.get_untracked());
    run.sort = (Column::Articles, true);
    run.els[TABLE].set_text_content(None);
    let _ = run.els[EXPORT].toggle_attribute_with_force("hidden", true);
    let _ = run.els[CANCEL].toggle_attribute_with_force("hidden", false);
    let generation = run.generation;
    drop(run);
    step(ctx.clone(), generation);
}

/// Searches queries for a slice of time, then gives the page a turn (or waits for parts).
fn step(ctx: Ctx, generation: u32) {
    let t0 = js_sys::Date::now();
    let mut run = ctx.run.borrow_mut();
    if run.generation != generation {
        return;
    }
    let all = run.queries.len();
    // A copy (three numbers): the closure below reads it while `run` changes.
    let periods = run.periods;
    let row = |run: &Run, i: usize| {
        untrack(|| {
            parts::with_parts(ctx.index, || batch::row(sources(ctx.index), &periods, &run.queries[i], &run.filters))
        })
    };
    let mut waiting = false;
    while run.done < all && js_sys::Date::now() - t0 < SLICE_MS {
        let i = run.done;
        if run.rows[i].is_none() {
            run.rows[i] = row(&run, i);
        }
        if run.rows[i].is_some() {
            run.done += 1;
            continue;
        }
        // Its parts are on their way: ask for the next queries' parts with them.
        for j in (i + 1..all).take(AHEAD) {
            if run.rows[j].is_none() {
                run.rows[j] = row(&run, j);
            }
        }
        waiting = true;
        break;
    }
    let (done, els) = (run.done, run.els.clone());
    drop(run);
    let tr = ctx.state.tr;
    if done == all {
        return finish(&ctx, None);
    }
    let failure = untrack(parts::failure);
    if let Some(why) = failure.filter(|_| waiting) {
        // A part that could not be fetched: the batch stops where it is, and the
        // button runs it again from the start once the connection is back.
        ctx.run.borrow_mut().generation += 1;
        let _ = els[CANCEL].toggle_attribute_with_force("hidden", true);
        return els[STATUS].set_text_content(Some(&tr.f(Msg::BatchFailed, &[why.as_str().into()])));
    }
    els[STATUS].set_text_content(Some(&tr.f(Msg::BatchProgress, &[done.into(), all.into()])));
    let wait = if waiting { 50 } else { 0 };
    set_timeout(move || step(ctx, generation), Duration::from_millis(wait));
}

/// The batch is done (or was cancelled after `cancelled.0` of `cancelled.1`):
/// says so and draws the table.
fn finish(ctx: &Ctx, cancelled: Option<(usize, usize)>) {
    let mut run = ctx.run.borrow_mut();
    run.table = std::mem::take(&mut run.rows).into_iter().flatten().collect();
    let tr = ctx.state.tr;
    let mut said = match cancelled {
        Some((done, all)) => tr.f(Msg::BatchCancelled, &[done.into(), all.into()]),
        None => tr.f(Msg::BatchDone, &[run.table.len().into()]),
    };
    if run.cut {
        said = format!("{said} {}", tr.f(Msg::BatchCut, &[MAX_QUERIES.into()]));
    }
    run.els[STATUS].set_text_content(Some(&said));
    let _ = run.els[CANCEL].toggle_attribute_with_force("hidden", true);
    let _ = run.els[EXPORT].toggle_attribute_with_force("hidden", run.table.is_empty());
    drop(run);
    draw_table(ctx);
}

/// Draws the table: its header, and its first [`SHOWN`] rows (a button shows more).
fn draw_table(ctx: &Ctx) {
    let mut run = ctx.run.borrow_mut();
    let tr = ctx.state.tr;
    let place = run.els[TABLE].clone();
    place.set_text_content(None);
    if run.table.is_empty() {
        return;
    }
    let table = dom::append(&place, "table", "");
    dom::append(&table, "caption", tr.t(Msg::BatchResults));
    let head = dom::append(&dom::append(&table, "thead", ""), "tr", "");
    let columns = [
        (Msg::BatchQuery, Some(Column::Query)),
        (Msg::BatchArticles, Some(Column::Articles)),
        (Msg::BatchHits, Some(Column::Hits)),
        (Msg::BatchFirst, Some(Column::First)),
        (Msg::BatchLast, Some(Column::Last)),
        (Msg::BatchTime, None),
    ];
    for (k, (name, sort)) in columns.into_iter().enumerate() {
        let th = dom::append(&head, "th", "");
        let _ = th.set_attribute("scope", "col");
        let Some(column) = sort else {
            let _ = th.append_with_str_1(tr.t(name));
            continue;
        };
        if run.sort.0 == column {
            let _ = th.set_attribute("aria-sort", if run.sort.1 { "descending" } else { "ascending" });
        }
        // A click on it is heard by the table's place (see `draw`).
        let button = dom::append(&th, "button", tr.t(name));
        let _ = button.set_attribute("type", "button");
        let _ = button.set_attribute("data-sort", &k.to_string());
    }
    dom::append(&table, "tbody", "");
    let more = dom::append(&place, "button", "");
    let _ = more.set_attribute("type", "button");
    let _ = more.set_attribute("data-more", "");
    run.order = batch::order(&run.table, run.sort.0, run.sort.1);
    run.shown = 0;
    drop(run);
    show_more(ctx);
}

/// Shows the next [`SHOWN`] rows, a slice of them per task.
fn show_more(ctx: &Ctx) {
    let mut run = ctx.run.borrow_mut();
    run.target = (run.shown + SHOWN).min(run.order.len());
    let generation = run.generation;
    drop(run);
    append_rows(ctx.clone(), generation);
}

/// Appends up to [`SLICE_ROWS`] rows towards the target, then the rest in a
/// later task; once there, says on the button how many are left (it hides
/// once every row is shown).
fn append_rows(ctx: Ctx, generation: u32) {
    let mut run = ctx.run.borrow_mut();
    if run.generation != generation {
        return;
    }
    let place = &run.els[TABLE];
    let (Ok(Some(body)), Ok(Some(more))) = (place.query_selector("tbody"), place.query_selector("[data-more]")) else {
        return;
    };
    let tr = ctx.state.tr;
    let from = run.shown;
    let to = run.target.min(from + SLICE_ROWS);
    for r in run.order[from..to].iter().map(|&i| &run.table[i]) {
        let row = dom::append(&body, "tr", "");
        let th = dom::append(&row, "th", "");
        let _ = th.set_attribute("scope", "row");
        let href = ctx.host.href(&untrack(|| ctx.state.fragment_with_query(r.query.clone())));
        let _ = dom::append(&th, "a", &r.query).set_attribute("href", &href);
        if !r.read_as.is_empty() {
            let _ =
                th.append_with_str_1(&format!(" {}", tr.f(Msg::BatchReadAs, &[r.read_as.join(", ").as_str().into()])));
        }
        dom::append(&row, "td", &tr.num(r.articles));
        dom::append(&row, "td", &tr.num(u32::try_from(r.hits).unwrap_or(u32::MAX)));
        for d in [r.first, r.last] {
            dom::append(&row, "td", &d.map(|d| tr.date(d)).unwrap_or_default());
        }
        spark(&dom::append(&row, "td", ""), &run.periods, &r.counts, tr);
    }
    run.shown = to;
    if to < run.target {
        drop(run);
        return set_timeout(move || append_rows(ctx, generation), Duration::ZERO);
    }
    let left = run.order.len() - run.shown;
    more.set_text_content(Some(&tr.f(Msg::BatchMore, &[SHOWN.min(left).into(), left.into()])));
    let _ = more.toggle_attribute_with_force("hidden", left == 0);
}

/// A row's articles per period: a small line (hidden from screen readers) and,
/// for them, the periods that have any as text.
fn spark(cell: &web_sys::Element, periods: &Periods, counts: &[u32], tr: crate::i18n::Tr) {
    let max = counts.iter().copied().max().unwrap_or(0).max(1);
    let (w, h) = (counts.len().max(1) * 4, 16);
    let svg = dom::svg(cell, &format!("0 0 {w} {h}"), "");
    let mut d = String::new();
    let mut said = Vec::new();
    for (i, &n) in counts.iter().enumerate() {
        let y = h - (h as u32 * n / max) as usize;
        let _ = write!(d, "{}{} {y}h4", if i == 0 { 'M' } else { 'L' }, i * 4);
        if n > 0 {
            said.push(format!("{}: {}", periods.label(i), tr.num(n)));
        }
    }
    dom::svg_path(&svg, "", &d);
    let _ = dom::append(cell, "span", &said.join(", ")).set_attribute("class", "sr");
}

/// The table as CSV, in its order: query, articles, hits, first and last date, then
/// the articles per period.
fn export_csv(ctx: &Ctx) -> String {
    let run = ctx.run.borrow();
    let labels: Vec<String> = (0..run.periods.len).map(|i| run.periods.label(i)).collect();
    let mut header: Vec<&str> = ctx.state.tr.t(Msg::ExportBatchHeader).split(',').collect();
    header.extend(labels.iter().map(String::as_str));
    let date = |d: Option<clippings_core::Date>| d.map(|d| d.to_string()).unwrap_or_default();
    let rows: Vec<Vec<String>> = run
        .order
        .iter()
        .map(|&i| &run.table[i])
        .map(|r| {
            let cells = [
                r.query.clone(),
                r.read_as.join(" "),
                r.articles.to_string(),
                r.hits.to_string(),
                date(r.first),
                date(r.last),
            ];
            let mut cells = cells.to_vec();
            cells.extend(r.counts.iter().map(u32::to_string));
            cells
        })
        .collect();
    csv(&header, &rows)
}
