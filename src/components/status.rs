//! The polite status line: `3 of 5 articles`, plus hints from the parser and the URL.

use clippings_core::query::{Hint, MAX_DEPTH, MAX_LEAVES, MAX_QUERY_CHARS};
use clippings_core::{Index, Results};
use leptos::prelude::*;

use super::show;
use crate::i18n::{Msg, Tr};
use crate::parts;
use crate::state::AppState;

#[component]
pub fn Status(index: &'static Index, results: Memo<Results>, state: AppState) -> impl IntoView {
    let total = index.len();
    let tr = state.tr;
    // While parts of the archive are on their way, no count: the one on screen
    // may belong to the last query.
    let count = move || match parts::loading() {
        0 if parts::failure().is_some() => tr.t(Msg::StatusPartial).to_string(),
        0 => tr.f(Msg::StatusCount, &[results.with(|r| r.hits.len()).into(), total.into()]),
        _ => {
            let (done, of) = parts::progress();
            tr.f(Msg::StatusParts, &[done.into(), of.into()])
        }
    };
    let notes = move || {
        let mut notes: Vec<String> = results.with(|r| r.hints.iter().map(|h| hint(tr, h)).collect());
        notes.extend(state.url_problems.get().iter().map(|p| p.say(tr)));
        notes.join(" · ")
    };
    view! {
        <p class="status" role="status" aria-live="polite">
            <span class="count">{count}</span>
            {show(move || !notes().is_empty(), move || view! { " — " <span class="hint">{notes}</span> }.into_any())}
        </p>
        {show(
            move || parts::failure().is_some(),
            move || {
                view! {
                    <div class="fatal" role="alert">
                        <p>{move || tr.f(Msg::PartFailed, &[parts::failure().unwrap_or_default().as_str().into()])}</p>
                        <button type="button" on:click=move |_| parts::retry()>
                            {tr.t(Msg::PageTryAgain)}
                        </button>
                    </div>
                }
                .into_any()
            },
        )}
    }
}

/// What the parser or the search changed or skipped, in the reader's language.
fn hint(tr: Tr, hint: &Hint) -> String {
    match hint {
        Hint::ClosingQuoteAdded => tr.t(Msg::HintClosingQuote).into(),
        Hint::ClosingParenAdded => tr.t(Msg::HintClosingParen).into(),
        Hint::StrayParenIgnored => tr.t(Msg::HintStrayParen).into(),
        Hint::OperatorIgnored(op) => tr.f(Msg::HintOperatorIgnored, &[op.into()]),
        Hint::NothingSearchable(w) => tr.f(Msg::HintNothingSearchable, &[w.into()]),
        Hint::BadDate(d) => tr.f(Msg::HintBadDate, &[d.into()]),
        Hint::Truncated => tr.f(Msg::HintTruncated, &[MAX_QUERY_CHARS.into()]),
        Hint::TooDeep => tr.f(Msg::HintTooDeep, &[MAX_DEPTH.into()]),
        Hint::TooManyTerms => tr.f(Msg::HintTooManyTerms, &[MAX_LEAVES.into()]),
        Hint::Corrected { from, to } => tr.f(Msg::HintCorrected, &[from.into(), to.join(", ").as_str().into()]),
        Hint::PrefixCapped { prefix, kept } => tr.f(Msg::HintPrefixCapped, &[prefix.into(), (*kept).into()]),
        Hint::NoArticle(id) => tr.f(Msg::HintNoArticle, &[id.into()]),
        Hint::Relaxed { words, found } => tr.f(Msg::HintRelaxed, &[(*found).into(), (*words).into()]),
    }
}
