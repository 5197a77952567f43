//! The workbench's work — saved and recent searches, and stars, tags and notes
//! on articles ([`crate::saved`] says in what form) — as this page keeps it:
//! in the browser's `localStorage` under a key of the page's folder, or of the
//! file itself for a single file (two `clippings.html` on one stick keep their
//! work apart). The embeds (the lean build) keep nothing.
//!
//! Nothing is lost: every change reads what is stored first and writes it back
//! with the change (another tab's work stays), another tab's writes reach this
//! page as they happen, and where storage is unavailable or full, or holds a
//! newer version's data (left untouched), the change is kept in memory and the
//! page says so.

use clippings_core::marks::{Marked, Marks};
use clippings_core::Index;
use leptos::prelude::*;

use crate::host::Host;
use crate::i18n::Msg;
use crate::saved::{text_hash, Work};
use crate::state::AppState;

thread_local! {
    /// Whether a change of this page's is kept in memory only.
    static UNSTORED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// Why the last read of the storage found nothing this build can use, if it
    /// did: what [`problem`] says, without reading it again.
    static UNREADABLE: std::cell::Cell<Option<Msg>> = const { std::cell::Cell::new(None) };
}

/// Where this page's work is kept: its folder's address (index.html and
/// workbench.html share it), or the file's own for a single file.
fn key() -> String {
    let path = web_sys::window().and_then(|w| w.location().pathname().ok()).unwrap_or_default();
    let folder = ["index.html", crate::WORKBENCH_PAGE].iter().find_map(|p| path.strip_suffix(p));
    format!("clippings-work {}", folder.unwrap_or(&path))
}

fn storage() -> Result<web_sys::Storage, ()> {
    web_sys::window().ok_or(())?.local_storage().map_err(|_| ())?.ok_or(())
}

/// What is stored (nothing yet: an empty `Work`), or why it cannot be used:
/// storage unavailable, or a newer version's text. Remembered for [`problem`].
fn stored() -> Result<Work, Msg> {
    let text = storage().and_then(|s| s.get_item(&key()).map_err(|_| ()));
    let out = match text {
        Ok(text) => Work::parse(text.as_deref()).map_err(|_| Msg::SavedNewer),
        Err(()) => Err(Msg::SavedUnavailable),
    };
    UNREADABLE.set(out.as_ref().err().copied());
    out
}

/// Why this page cannot keep its work, if it cannot, as its last read of the
/// storage found: the message to show.
pub(crate) fn problem(state: AppState) -> Option<&'static str> {
    UNREADABLE.get().map(|msg| state.tr.t(msg))
}

/// Reads what is stored into `state.work`, and keeps it in step with what other
/// tabs write.
pub(crate) fn install(state: AppState, host: Host) {
    let load = move || {
        if let Ok(mut work) = stored() {
            // Changes this page could not store stay, merged (the newer edit wins).
            if UNSTORED.get() {
                crate::carry::merge(&mut work, state.work.get_untracked());
            }
            state.work.set(work);
        }
    };
    load();
    host.listen("storage", move |_: web_sys::Event| load());
}

/// Applies `op` to what is stored and stores it, and shows the result on the
/// page; what `op` returned, and the message to show when the change could not
/// be stored (it is kept in memory then, until the tab closes).
pub(crate) fn change<T>(state: AppState, op: impl Fn(&mut Work) -> T) -> (T, Option<&'static str>) {
    let tr = state.tr;
    let problem = match stored() {
        Ok(mut work) => {
            let out = op(&mut work);
            match storage().and_then(|s| s.set_item(&key(), &work.to_text()).map_err(|_| ())) {
                Ok(()) => {
                    state.work.set(work);
                    return (out, None);
                }
                Err(()) => tr.t(Msg::SavedFull),
            }
        }
        Err(msg) => tr.t(msg),
    };
    UNSTORED.set(true);
    let mut out = None;
    state.work.update(|w| out = Some(op(w)));
    (out.expect("update runs its closure"), Some(problem))
}

/// The time of an edit, in milliseconds since 1970.
pub(crate) fn now() -> u64 {
    js_sys::Date::now() as u64
}

/// The hash a mark keeps of article `doc` (its text must be at hand).
pub(crate) fn article_hash(index: &Index, doc: u32) -> String {
    let a = index.article(doc);
    text_hash(&[&a.title, &a.text])
}

/// The marks of the articles this archive has, for the search (reads the id
/// table: inside [`crate::parts::with_parts`]).
pub(crate) fn marks(index: &Index, work: &Work) -> Marks {
    Marks::new(
        work.marks
            .iter()
            .filter(|m| !m.is_empty())
            .filter_map(|m| {
                let doc = index.find(&m.id)?;
                Some(Marked { doc, starred: m.starred, tags: m.tags.clone(), note: m.note.clone() })
            })
            .collect(),
    )
}

/// Whether `query` may name a mark filter (`is:`, `tag:`, `note:`, in any case).
pub(crate) fn names_marks(query: &str) -> bool {
    let q = query.to_ascii_lowercase();
    ["is:", "tag:", "note:"].iter().any(|k| q.contains(k))
}

/// The marks as the search and the Tags facet read them: `None`
/// while the part of the id table they need is on its way.
#[derive(Clone, Copy)]
pub(crate) struct Shared(pub Memo<Option<Marks>>);

/// Makes the marks' memo and gives it to the views below.
pub(crate) fn provide(index: &'static Index, state: AppState) -> Memo<Option<Marks>> {
    let memo = Memo::new(move |_| state.work.with(|w| crate::parts::with_parts(index, || marks(index, w))));
    provide_context(Shared(memo));
    memo
}

/// The marks' memo, in a view below the app.
pub(crate) fn shared() -> Option<Memo<Option<Marks>>> {
    use_context::<Shared>().map(|s| s.0)
}

/// How a mark stands against this archive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Standing {
    /// Its article is here, as it was when the mark was last edited.
    Current,
    /// Its article is here, but its text has changed since.
    Changed,
    /// Its article is not in this archive.
    Gone,
}

/// Where mark `m` stands (reads the id table and the article's text).
pub(crate) fn standing(index: &Index, m: &crate::saved::Mark) -> Standing {
    match index.find(&m.id) {
        None => Standing::Gone,
        Some(doc) if !m.hash.is_empty() && article_hash(index, doc) != m.hash => Standing::Changed,
        Some(_) => Standing::Current,
    }
}

/// The archive this page holds, as an export names it: its start file's
/// address (none for a single file) and its number of articles.
pub(crate) fn archive(index: &Index) -> crate::carry::Archive {
    let data = web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &"clippingsData".into()).ok())
        .and_then(|d| js_sys::Reflect::get(&d, &"url".into()).ok())
        .and_then(|u| u.as_string());
    crate::carry::Archive { data, articles: index.len() }
}
