//! Parts of a parted archive ([`clippings_core::parts`]), fetched by need.
//!
//! Every view computes its answer inside [`with_parts`]: if the answer read a
//! part that has not arrived, the missing parts are fetched — all at once, in
//! parallel — and the view is computed again when they are in; meanwhile it
//! gets `None` and shows that it is loading, never a partial answer. A whole
//! archive (the single file) has no parts, so nothing here ever waits.

use std::cell::RefCell;

use clippings_core::codec;
use clippings_core::parts::{PartId, PartKind};
use clippings_core::Index;
use leptos::prelude::*;

thread_local! {
    /// Where part files are: the start file's URL (they sit beside it).
    static BASE: RefCell<Option<String>> = const { RefCell::new(None) };
    /// Parts whose fetch failed: not asked for again until [`retry`].
    static FAILED: RefCell<Vec<PartId>> = const { RefCell::new(Vec::new()) };
    /// Parts asked for and not yet fetching, next first.
    static QUEUE: RefCell<std::collections::VecDeque<PartId>> = const { RefCell::new(std::collections::VecDeque::new()) };
    /// Fetches running.
    static RUNNING: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    /// Parts asked for and not yet in (queued or fetching).
    static IN_FLIGHT: RefCell<Requested> = const { RefCell::new(Requested { flags: [const { Vec::new() }; PartKind::COUNT], len: 0 }) };
    /// Bumped when parts arrive (views re-compute), with the number in flight
    /// and the last failure, for the status line.
    static STATE: ArcRwSignal<Progress> = ArcRwSignal::new(Progress::default());
    /// Parts asked for since nothing was in flight (for "3 of 12 parts").
    static BURST: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    /// Notified when parts have arrived (the views compute again), at most
    /// every [`NOTICE_MS`]: see [`arrived`].
    static ARRIVED: ArcRwSignal<()> = ArcRwSignal::new(());
    /// When the views last heard of arrivals; whether parts arrived since; and
    /// whether a late notice is on its way.
    static NOTICED: std::cell::Cell<f64> = const { std::cell::Cell::new(0.0) };
    static UNNOTICED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    static TRAILING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// How often, at most, the views compute again while parts keep arriving.
/// Each computation reads everything its answer needs: a phrase of a common
/// word, verified in the text of 12,000 articles at 50,000, asks for some 6,000
/// text parts, and computing it again after each of them (as it was) took over a
/// minute on a fast connection (1,373 of 5,954 parts in 60 s).
const NOTICE_MS: f64 = 100.0;

/// Which parts are asked for and not yet in: a flag per part of each kind.
struct Requested {
    flags: [Vec<bool>; PartKind::COUNT],
    len: usize,
}

impl Requested {
    /// Sets `id`'s flag; whether that changed it.
    fn set(&mut self, id: PartId, on: bool) -> bool {
        let flags = &mut self.flags[id.kind.code() as usize];
        let n = id.number as usize;
        if flags.len() <= n {
            flags.resize(n + 1, false);
        }
        let changed = flags[n] != on;
        flags[n] = on;
        if changed {
            self.len = if on { self.len + 1 } else { self.len - 1 };
        }
        changed
    }
}

/// Part fetches at once: enough to fill a connection (HTTP/2 multiplexes them;
/// HTTP/1.1 uses six), few enough for any browser.
const MAX_FETCHES: usize = 12;

/// What the views track: any change means "parts arrived, or failed".
#[derive(Default)]
struct Progress {
    in_flight: usize,
    failure: Option<String>,
}

/// Archives with at most this many parts (some 100 articles, 150 KB gzipped) are
/// fetched whole in the background once the first answer is on screen: a small
/// archive then works offline, and phrases of common words get their fast table.
/// (The benchmark's 1,000 articles make 161 parts, so CI's run of it takes
/// the other path: everything fetched through `clippings_load_all`.)
const FETCH_ALL_UP_TO: usize = 64;

/// Remembers where the start file came from (`url` resolved against the page).
pub(crate) fn set_base(url: &str) {
    let base = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .and_then(|b| web_sys::Url::new_with_base(url, &b).ok())
        .map(|u| u.href())
        .unwrap_or_else(|| url.to_string());
    BASE.with_borrow_mut(|b| *b = Some(base));
}

/// Runs `f`; if what it read was complete, its answer, else `None` after asking
/// for the missing parts. Tracked: a memo or effect around it runs again when
/// parts arrive.
pub(crate) fn with_parts<T>(index: &'static Index, f: impl FnOnce() -> T) -> Option<T> {
    ARRIVED.with(|s| s.track());
    index.clear_misses();
    let out = f();
    let misses = index.take_misses();
    if misses.is_empty() {
        Some(out)
    } else {
        request(index, misses);
        None
    }
}

/// Calls `then` once `touch` reads nothing missing (fetching what it misses).
pub(crate) fn when_ready(index: &'static Index, touch: impl Fn() + 'static, then: impl FnOnce() + 'static) {
    poll(index, std::rc::Rc::new(touch), Box::new(then));
}

/// [`when_ready`] without generics (one copy of the code for every caller).
fn poll(index: &'static Index, touch: std::rc::Rc<dyn Fn()>, then: Box<dyn FnOnce()>) {
    if untrack(|| with_parts(index, || touch())).is_some() {
        return then();
    }
    set_timeout(move || poll(index, touch, then), std::time::Duration::from_millis(50));
}

/// A view drawn once `ready` says what it reads is in; until then a polite
/// "Loading …" line saying `what` (nothing if `what` is empty).
pub(crate) fn gate(ready: Memo<bool>, what: &'static str, view: Box<dyn Fn() -> AnyView + Send + Sync>) -> AnyView {
    (move || {
        if ready.get() {
            view()
        } else if what.is_empty() {
            ().into_any()
        } else {
            leptos::view! { <p class="loading" role="status">{what}</p> }.into_any()
        }
    })
    .into_any()
}

/// Parts in flight (for the status line); tracked.
pub(crate) fn loading() -> usize {
    STATE.with(|s| s.with(|p| p.in_flight))
}

/// Of the parts asked for since the last time none was on its way: how many
/// have arrived, and how many in all (untracked; read with [`loading`]).
pub(crate) fn progress() -> (usize, usize) {
    let burst = BURST.get();
    let flying = IN_FLIGHT.with_borrow(|f| f.len);
    (burst.saturating_sub(flying), burst)
}

/// Why the last part could not be fetched, until the next attempt; tracked.
pub(crate) fn failure() -> Option<String> {
    STATE.with(|s| s.with(|p| p.failure.clone()))
}

/// Clears a failure and lets every view ask again.
pub(crate) fn retry() {
    FAILED.with_borrow_mut(Vec::clear);
    STATE.with(|s| {
        s.update(|p| p.failure = None);
    });
    notice();
}

/// A part arrived (or failed): the views hear of it at once when nothing else
/// is on its way, when it failed, or when they last heard [`NOTICE_MS`] ago;
/// else once that much time has passed since. The status line's count of
/// parts follows every arrival.
fn arrived(failed: bool) {
    UNNOTICED.set(true);
    let since = js_sys::Date::now() - NOTICED.get();
    if failed || since >= NOTICE_MS || IN_FLIGHT.with_borrow(|f| f.len) == 0 {
        return notice();
    }
    if !TRAILING.replace(true) {
        let wait = std::time::Duration::from_millis((NOTICE_MS - since).ceil() as u64);
        set_timeout(
            || {
                TRAILING.set(false);
                if UNNOTICED.get() {
                    notice();
                }
            },
            wait,
        );
    }
}

/// Tells the views that parts arrived.
fn notice() {
    NOTICED.set(js_sys::Date::now());
    UNNOTICED.set(false);
    ARRIVED.with(|s| s.notify());
}

/// Fetches every part that is neither in nor on its way.
pub(crate) fn request(index: &'static Index, ids: Vec<PartId>) {
    let failed = FAILED.with_borrow(Clone::clone);
    let new: Vec<PartId> =
        IN_FLIGHT.with_borrow_mut(|f| ids.into_iter().filter(|id| !failed.contains(id) && f.set(*id, true)).collect());
    if new.is_empty() {
        return;
    }
    let idle = IN_FLIGHT.with_borrow(|f| f.len) == new.len();
    BURST.set(if idle { new.len() } else { BURST.get() + new.len() });
    // The newest request first: what a view needs now goes before the rest of a
    // background fetch of the whole archive.
    QUEUE.with_borrow_mut(|q| new.iter().rev().for_each(|id| q.push_front(*id)));
    STATE.with(|s| s.update(|p| p.in_flight = IN_FLIGHT.with_borrow(|f| f.len)));
    pump(index);
}

/// Starts queued fetches while fewer than [`MAX_FETCHES`] are running: a browser
/// fails requests beyond its own limits (Chromium, some thousands at once), and
/// a failed part waits for Try again.
fn pump(index: &'static Index) {
    while RUNNING.get() < MAX_FETCHES {
        let Some(id) = QUEUE.with_borrow_mut(|q| q.pop_front()) else { return };
        RUNNING.set(RUNNING.get() + 1);
        wasm_bindgen_futures::spawn_local(async move {
            let outcome = fetch_part(index, id).await;
            RUNNING.set(RUNNING.get() - 1);
            IN_FLIGHT.with_borrow_mut(|f| f.set(id, false));
            let failed = outcome.is_err();
            STATE.with(|s| {
                s.update(|p| {
                    if let Err(e) = outcome {
                        FAILED.with_borrow_mut(|f| f.push(id));
                        p.failure = Some(e);
                    }
                    p.in_flight = IN_FLIGHT.with_borrow(|f| f.len);
                })
            });
            arrived(failed);
            pump(index);
        });
    }
}

/// Every part not yet in, for a small archive (see [`FETCH_ALL_UP_TO`]) or
/// when `always`; `then` runs once all have arrived.
pub(crate) fn fetch_all(index: &'static Index, always: bool, then: impl FnOnce() + 'static) {
    let total = index.parts_loaded().1;
    if total == 0 || (!always && total > FETCH_ALL_UP_TO) {
        return;
    }
    let all = move || index.part_tables().iter().for_each(|t| t.miss_all_absent());
    when_ready(index, all, then);
}

async fn fetch_part(index: &'static Index, id: PartId) -> Result<(), String> {
    let name = index.part_name(id).ok_or("a part the archive does not list")?;
    let base = BASE.with_borrow(Clone::clone).ok_or("the archive's address is unknown")?;
    let url = web_sys::Url::new_with_base(name, &base).map_err(|_| format!("a bad part name: {name}"))?.href();
    let failed = |why: String| format!("{name}: {why}");
    // The page's early download resolves to the bytes or to the `Error` that stopped it.
    let buffer = crate::fetch::fetch(&url).await.map_err(|e| failed(crate::fetch::js_message(&e)))?;
    let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
    let (got, streams) = codec::decode_part(&bytes).map_err(|e| failed(e.to_string()))?;
    if got != id {
        return Err(failed("it is another part".into()));
    }
    index.insert_part(id, streams).map_err(|e| failed(e.into()))
}
