//! Text with highlight ranges → text nodes and `<mark>` elements (never HTML).

use std::ops::Range;

use clippings_core::highlight::segments;
use leptos::prelude::*;

/// Renders `text` with `spans` marked. In the reader, `first_hit` numbers the marks
/// (`data-hit`) and `current` flags the selected one.
pub fn marked(text: &str, spans: &[Range<usize>], numbering: Option<(usize, RwSignal<usize>)>) -> Vec<AnyView> {
    let mut hit = numbering.map(|(first, _)| first).unwrap_or(0);
    segments(text, spans)
        .map(|(is_hit, piece)| {
            let piece = piece.to_string();
            if !is_hit {
                return piece.into_any();
            }
            match numbering {
                Some((_, current)) => {
                    let n = hit;
                    hit += 1;
                    view! {
                        <mark data-hit=n class:current=move || current.get() == n>
                            {piece}
                        </mark>
                    }
                    .into_any()
                }
                None => view! { <mark>{piece}</mark> }.into_any(),
            }
        })
        .collect()
}
