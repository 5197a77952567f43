//! The query fields of the facets found in the text: `email:`, `phone:`,
//! `url:` and `amount:` (with the currency table they share with the
//! extraction in [`crate::numbers`], which only the build links: [`crate::currency`]).
//!
//! A field's value is matched against the labels of its facet kind, which are
//! already normalised ([`crate::numbers`] describes the normal forms):
//! - `email:gov.am` — an address containing `gov.am` (case-insensitive);
//! - `phone:+374` — a number starting with `+374`; `phone:555-0143` — a number
//!   whose digits contain `5550143` (only the digits of the value count, and a
//!   leading `+` anchors them at the start);
//! - `url:mfa.am` — a linked site (a host, `www.` dropped) containing `mfa.am`;
//!   a scheme, `www.` and a path in the value are ignored;
//! - `amount:€`, `amount:eur` — any amount in euros (a currency by its sign or
//!   its ISO code); `amount:billion`, `amount:"$1.2 billion"`,
//!   `amount:$1.2bn` — the currency, if named, and every other word of the
//!   value a word of the amount (numbers compared without their thousands
//!   separators, `bn`/`mn`/`m`/`tn` as the words they abbreviate).
//!
//! An empty value or `*` matches every value of the kind.

use crate::analysis::fold;
use crate::currency::{currency, CURRENCIES};
use crate::facets::FacetKind;

/// The facets that are query fields, by their keys (`email:`, `phone:`, `url:`, `amount:`).
pub const FIELDS: [FacetKind; 4] = [FacetKind::Email, FacetKind::Phone, FacetKind::Link, FacetKind::Amount];

/// Whether the facet value `label` of `kind` matches a query field's `value`.
pub fn matches(kind: FacetKind, label: &str, value: &str) -> bool {
    // Folded as the search folds words (the shell carries no other case table).
    let value = value.trim();
    if value.is_empty() || value == "*" {
        return true;
    }
    if kind == FacetKind::Amount {
        return amount_matches(label, value);
    }
    let value = fold(value);
    match kind {
        FacetKind::Phone => {
            let digits: String = value.chars().filter(char::is_ascii_digit).collect();
            match value.starts_with('+') {
                true => label.strip_prefix('+').is_some_and(|l| l.starts_with(&digits)),
                false => has(label, &digits),
            }
        }
        FacetKind::Link => {
            let mut v = value.as_str();
            for prefix in ["http://", "https://", "www."] {
                v = v.strip_prefix(prefix).unwrap_or(v);
            }
            has(label, v.split('/').next().unwrap_or_default())
        }
        _ => has(label, &value),
    }
}

/// Whether `needle` occurs in `hay` (bytes compared in place: labels are short,
/// and the shell then needs no substring searcher).
fn has(hay: &str, needle: &str) -> bool {
    needle.is_empty() || hay.as_bytes().windows(needle.len()).any(|w| w == needle.as_bytes())
}

/// `amount:` (see the module's documentation).
fn amount_matches(label: &str, value: &str) -> bool {
    let (prefix, number) = match CURRENCIES.iter().find(|(p, _)| label.starts_with(p)) {
        Some((p, _)) => (*p, &label[p.len()..]),
        None => ("", label),
    };
    let have = words(number);
    // A currency: the whole value, a word of it, or a sign or code glued to the number.
    words(value).iter().all(|w| match currency(w) {
        Some(p) => p == prefix,
        None => have.contains(w),
    })
}

/// An amount's words for comparison: split at spaces and where digits meet
/// other characters (`$1.2bn` → `$`, `1.2`, `bn`), numbers without their
/// thousands separators, abbreviated scales spelled out.
fn words(s: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut last = None;
    for c in s.chars() {
        let numeric = c.is_ascii_digit() || c == '.';
        if c == ',' {
            continue;
        } else if c.is_whitespace() {
            last = None;
        } else {
            match out.last_mut() {
                Some(w) if last == Some(numeric) => w.push(c),
                _ => out.push(c.into()),
            }
            last = Some(numeric);
        }
    }
    let full = |w: &String| match w.as_str() {
        "bn" | "b" => "billion".into(),
        "mn" | "m" | "mln" => "million".into(),
        "tn" => "trillion".into(),
        _ => fold(w),
    };
    out.iter().map(full).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_match_their_labels() {
        use FacetKind::*;
        let rows: &[(FacetKind, &str, &str, bool)] = &[
            (Email, "press@mfa.am", "gov.am", false),
            (Email, "info@gov.am", "GOV.AM", true),
            (Email, "info@gov.am", "", true),
            (Phone, "+37410123456", "+374", true),
            (Phone, "+37410123456", "+3741012", true),
            (Phone, "+37410123456", "374", true),
            (Phone, "+37410123456", "+1", false),
            (Phone, "2025550143", "555-0143", true),
            (Phone, "2025550143", "+202", false),
            (Phone, "2025550143", "*", true),
            (Link, "mfa.am", "https://www.mfa.am/en/press", true),
            (Link, "mfa.am", "gov.am", false),
            (Amount, "€30 million", "€", true),
            (Amount, "€30 million", "EUR", true),
            (Amount, "€30 million", "euros", false),
            (Amount, "€30 million", "$", false),
            (Amount, "€30 million", "million", true),
            (Amount, "€30 million", "€30", true),
            (Amount, "€30 million", "€3", false),
            (Amount, "€30 million", "€30 million", true),
            (Amount, "$1.2 billion", "$1.2bn", true),
            (Amount, "$1.2 billion", "usd 1.2 b", true),
            (Amount, "$1.2 billion", "1.2 million", false),
            (Amount, "AMD 500,000", "amd", true),
            (Amount, "AMD 500,000", "֏500000", true),
            (Amount, "AMD 500,000", "amd 500,000", true),
            (Amount, "AMD 500,000", "$", false),
            (Amount, "₽100", "RUB", true),
            (Amount, "₽100", "100", true),
        ];
        for &(kind, label, value, want) in rows {
            assert_eq!(matches(kind, label, value), want, "{kind}:{value} against {label:?}");
        }
    }
}
