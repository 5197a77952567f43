//! The timeline's view of the core's bars ([`clippings_core::timeline`]: articles
//! per month, or per week when every dated article falls within two months): all
//! articles (pale) against those matching the query and the filters (solid).
//! Clicking a bar filters by that month (a facet filter) or week (a `date:` range
//! added to the query); dragging across bars selects the range. A table gives the
//! same numbers as text.

use std::fmt::Write;

use clippings_core::facets::FacetKind;
use clippings_core::query::split_dates;
use clippings_core::timeline::{bars, Bucket, Unit};
use clippings_core::{Date, Index, Results};

use leptos::prelude::*;

use crate::i18n::{Msg, Tr};
use crate::state::AppState;

// Whole numbers in the SVG's own units (the chart is scaled to its box): integer
// attributes spare the app the code of float formatting.
const HEIGHT: u32 = 600;
const BAR: u32 = 140;
const GAP: u32 = 30;

#[component]
pub fn Timeline(index: &'static Index, results: Memo<Results>, state: AppState) -> impl IntoView {
    let Some(bars) = bars(index) else {
        return ().into_any();
    };
    let unit = bars.unit;
    let tr = state.tr;
    // Each bar's name as the reader's language writes it: `Dec 2023`, `week of 18 Dec 2023`.
    let names: Vec<String> = bars.buckets.iter().map(|b| bucket_name(tr, unit, b)).collect();
    let names = StoredValue::new(names);
    let name = move |i: usize| names.with_value(|n| n.get(i).cloned().unwrap_or_default());
    let chart = StoredValue::new(bars);
    let trends = NodeRef::new();
    super::trends::follow(index, state, trends, chart, names, (BAR, GAP, HEIGHT));
    let max = chart.with_value(|c| c.buckets.iter().map(|x| x.all).max().unwrap_or(1).max(1));
    let width = chart.with_value(|c| c.buckets.len() as u32 * (BAR + GAP));
    let bar_height = move |n: u32| (u64::from(HEIGHT) * u64::from(n) / u64::from(max)) as u32;
    // Articles of each bucket among the current results, counted once per result set.
    // The bars and table rows are drawn once; only their numbers follow this.
    let counts = Memo::new(move |_| {
        results.with(|r| chart.with_value(|c| c.matching(index, &r.facet_counts, r.hits.iter().map(|h| h.doc))))
    });
    let matching = move |i: usize| counts.with(|c: &Vec<u32>| c.get(i).copied().unwrap_or(0));
    let range_of = move |a: usize, b: usize| chart.with_value(|c| c.days(a, b));
    let selected = move |i: usize| match unit {
        Unit::Month => chart.with_value(|c| {
            state.filters.with(|f| f.iter().any(|(k, l)| k == FacetKind::Month.key() && *l == c.buckets[i].label))
        }),
        Unit::Week => {
            let week = range_of(i, i);
            state.query.with(|q| split_dates(q).0.contains(&week))
        }
    };
    let drag_from: RwSignal<Option<usize>> = RwSignal::new(None);
    // Select buckets from..=to (a drag), replacing any earlier selection; a click on
    // the one selected bucket clears it.
    let select_range = move |from: usize, to: usize| {
        let (a, b) = (from.min(to), from.max(to));
        let toggle_off = a == b && untrack(|| selected(a));
        match unit {
            Unit::Month => {
                let key = FacetKind::Month.key();
                state.filters.update(|f| {
                    f.retain(|(k, _)| k != key);
                    if !toggle_off {
                        chart.with_value(|c| {
                            f.extend(c.buckets[a..=b].iter().map(|x| (key.to_string(), x.label.clone())));
                        });
                    }
                });
            }
            Unit::Week => {
                let r = range_of(a, b);
                // Any earlier date filter goes; the rest stays as typed.
                let mut q = split_dates(&state.query.get_untracked()).1;
                if !toggle_off {
                    let sep = if q.is_empty() { "" } else { " " };
                    let _ = write!(q, "{sep}date:{}..{}", r.from, r.to);
                }
                state.set_query(q);
            }
        }
    };
    let label = move || {
        let bars: Vec<String> = chart.with_value(|c| {
            let bar = |(i, b): (usize, &Bucket)| {
                tr.f(Msg::TimelineBar, &[name(i).as_str().into(), matching(i).into(), b.all.into()])
            };
            c.buckets.iter().enumerate().map(bar).collect()
        });
        let summary = if unit == Unit::Month { Msg::TimelineMonth } else { Msg::TimelineWeek };
        tr.f(summary, &[bars.join("; ").as_str().into()])
    };
    let bars = chart.with_value(|c| {
        c.buckets
            .iter()
            .enumerate()
            .map(|(i, b)| {
                let x = i as u32 * (BAR + GAP);
                let h_all = bar_height(b.all);
                view! {
                    <g
                        class="bar"
                        class:selected=move || selected(i)
                        on:mousedown=move |_| drag_from.set(Some(i))
                        on:mouseup=move |_| {
                            let from = drag_from.get_untracked().unwrap_or(i);
                            drag_from.set(None);
                            select_range(from, i);
                        }
                    >
                        <rect class="all" x=x y=HEIGHT - h_all width=BAR height=h_all />
                        <rect class="hitbox" x=x y=0 width=BAR height=HEIGHT />
                    </g>
                }
            })
            .collect_view()
    });
    // The table is built when first opened (a closed <details> shows nothing): at
    // 50,000 articles it is some 600 elements that start-up and every keystroke skip.
    let table_open = RwSignal::new(false);
    let rows = move || {
        chart.with_value(|c| {
            c.buckets
                .iter()
                .enumerate()
                .map(|(i, b)| {
                    let text = name(i);
                    let name = tr.f(Msg::TimelineFilter, &[text.as_str().into()]);
                    let all = b.all;
                    view! {
                        <tr>
                            <th scope="row">
                                <button type="button" class="link" aria-label=name on:click=move |_| select_range(i, i)>
                                    {text}
                                </button>
                            </th>
                            <td>{move || tr.num(matching(i))}</td>
                            <td>{tr.num(all)}</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    // The matching bars as one path: a keystroke sets one attribute, not two per bar.
    let matching_bars = move || {
        let n = chart.with_value(|c| c.buckets.len());
        let mut d = String::new();
        for i in 0..n {
            let h = bar_height(matching(i));
            if h > 0 {
                let _ = write!(d, "M{} {}h{BAR}v{h}h-{BAR}z", i as u32 * (BAR + GAP), HEIGHT - h);
            }
        }
        d
    };
    let count = chart.with_value(|c| c.buckets.len());
    let first = name(0);
    // One bar (an archive of one week or month): its label once, not at both ends.
    let last = (count > 1).then(|| name(count - 1));
    let heading = tr.t(if unit == Unit::Month { Msg::TimelineHeadMonth } else { Msg::TimelineHeadWeek });
    view! {
        <figure class="timeline">
            <svg
                role="img"
                aria-label=label
                viewBox=format!("0 0 {width} {HEIGHT}")
                preserveAspectRatio="none"
                on:mouseleave=move |_| drag_from.set(None)
            >
                {bars}
                <path class="match" d=matching_bars />
            </svg>
            <figcaption>
                <span>{first}</span>
                {last.map(|last| view! { <span>{last}</span> })}
            </figcaption>
            <details on:toggle=move |ev| table_open.set(is_open(&ev))>
                <summary>{tr.t(Msg::TimelineTable)}</summary>
                {super::show(
                    move || table_open.get(),
                    move || {
                        view! {
                            <table>
                                <thead>
                                    <tr>
                                        <th scope="col">{heading}</th>
                                        <th scope="col">{tr.t(Msg::TimelineHeadMatching)}</th>
                                        <th scope="col">{tr.t(Msg::TimelineHeadAll)}</th>
                                    </tr>
                                </thead>
                                <tbody>{rows()}</tbody>
                            </table>
                        }
                        .into_any()
                    },
                )}
            </details>
            <section class="trends" node_ref=trends></section>
        </figure>
    }
    .into_any()
}

/// Whether the `<details>` a `toggle` event came from is open now.
fn is_open(ev: &web_sys::Event) -> bool {
    let open = ev.target().and_then(|t| js_sys::Reflect::get(&t, &"open".into()).ok());
    open.and_then(|v| v.as_bool()).unwrap_or(false)
}

/// A bar's name: its month (`2023-12` → `Dec 2023`) or its week (keyed by its
/// first day) as the reader's language writes them.
fn bucket_name(tr: Tr, unit: Unit, b: &Bucket) -> String {
    match unit {
        Unit::Month => {
            let (year, month) = b.label.split_once('-').unwrap_or_default();
            match (year.parse::<usize>(), month.parse::<usize>()) {
                (Ok(year), Ok(month)) => tr.month(Date { year: year as u16, month: month as u8, day: 1 }),
                _ => b.label.clone(),
            }
        }
        Unit::Week => tr.f(Msg::WeekOf, &[tr.date(Date::from_days(b.key)).as_str().into()]),
    }
}
