//! The query fields of the facets found in the text: `email:`, `phone:`,
//! `url:` and `amount:` (and the currency table they share with the
//! extraction in [`crate::numbers`], which only the build links).
//!
//! A field's value is matched against the labels of its facet kind, which are
//! already normalised ([`crate::numbers`] describes the normal forms):
//! - `email:gov.am` — an address containing `gov.am` (case-insensitive);
//! - `phone:+374` — a number starting with `+374`; `phone:555-0143` — a number
//!   whose digits contain `5550143` (only the digits of the value count, and a
//!   leading `+` anchors them at the start);
//! - `url:mfa.am` — a linked site (a host, `www.` dropped) containing `mfa.am`;
//!   a scheme, `www.` and a path in the value are ignored;
//! - `amount:€`, `amount:eur`, `amount:euros` — any amount in euros (a currency
//!   by its sign, code or name); `amount:billion`, `amount:"$1.2 billion"`,
//!   `amount:$1.2bn` — the currency, if named, and every other word of the
//!   value a word of the amount (numbers compared without their thousands
//!   separators, `bn`/`mn`/`m`/`tn` as the words they abbreviate).
//!
//! An empty value or `*` matches every value of the kind.

use crate::facets::FacetKind;

/// Currencies: the label's prefix (a sign, or the ISO code and a space), then
/// what names them, lowercase: signs, ISO codes, and the words an amount may
/// end with (English and Russian). Codes are read only in capitals in the text.
pub const CURRENCIES: &[(&str, &[&str])] = &[
    ("$", &["$", "us$", "usd", "dollar", "dollars", "доллар", "доллара", "долларов"]),
    ("€", &["€", "eur", "euro", "euros", "евро"]),
    ("£", &["£", "gbp", "sterling"]),
    ("₽", &["₽", "rub", "rouble", "roubles", "ruble", "rubles", "руб", "рубль", "рубля", "рублей"]),
    ("¥", &["¥", "jpy", "yen"]),
    ("₹", &["₹", "inr", "rupee", "rupees"]),
    ("AMD ", &["֏", "amd", "dram", "drams", "драм", "драмов"]),
    ("AZN ", &["₼", "azn", "manat", "manats"]),
    ("CHF ", &["chf", "franc", "francs"]),
    ("CNY ", &["cny", "yuan", "rmb"]),
    ("GEL ", &["₾", "gel", "lari", "лари"]),
    ("KZT ", &["₸", "kzt", "tenge"]),
    ("TRY ", &["₺", "try", "lira", "liras"]),
    ("UAH ", &["₴", "uah", "hryvnia", "hryvnias"]),
];

/// The label prefix of the currency `name` (lowercase) names.
pub fn currency(name: &str) -> Option<&'static str> {
    CURRENCIES.iter().find(|(_, names)| names.contains(&name)).map(|(prefix, _)| *prefix)
}

/// Whether the facet value `label` of `kind` matches a query field's `value`.
pub fn matches(kind: FacetKind, label: &str, value: &str) -> bool {
    let value = value.trim().to_lowercase();
    if value.is_empty() || value == "*" {
        return true;
    }
    match kind {
        FacetKind::Phone => {
            let digits: String = value.chars().filter(char::is_ascii_digit).collect();
            match value.starts_with('+') {
                true => label.strip_prefix('+').is_some_and(|l| l.starts_with(&digits)),
                false => label.contains(&digits),
            }
        }
        FacetKind::Link => {
            let v = value.trim_start_matches("http://").trim_start_matches("https://");
            let host = v.trim_start_matches("www.").split('/').next().unwrap_or_default();
            label.contains(host)
        }
        FacetKind::Amount => amount_matches(label, &value),
        _ => label.to_lowercase().contains(&value),
    }
}

/// `amount:` (see the module's documentation); `value` is lowercase.
fn amount_matches(label: &str, value: &str) -> bool {
    let (prefix, number) = match CURRENCIES.iter().find(|(p, _)| label.starts_with(p)) {
        Some((p, _)) => (*p, &label[p.len()..]),
        None => ("", label),
    };
    let have = words(number);
    let mut words = words(value);
    // A currency: the whole value, a word of it, or a sign or code glued to the number.
    let mut named = None;
    words.retain(|w| match currency(w) {
        Some(p) => {
            named = Some(p);
            false
        }
        None => true,
    });
    named.is_none_or(|p| p == prefix) && words.iter().all(|w| have.contains(w))
}

/// An amount's words for comparison: split at spaces and where digits meet
/// other characters (`$1.2bn` → `$`, `1.2`, `bn`), numbers without their
/// thousands separators, abbreviated scales spelled out.
fn words(s: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut last: Option<bool> = None;
    for c in s.chars() {
        if c.is_whitespace() {
            last = None;
            continue;
        }
        let numeric = c.is_ascii_digit() || matches!(c, '.' | ',');
        match out.last_mut() {
            Some(w) if last == Some(numeric) => w.push(c),
            _ => out.push(c.to_string()),
        }
        last = Some(numeric);
    }
    for w in &mut out {
        *w = match w.as_str() {
            "bn" | "b" => "billion".into(),
            "mn" | "m" | "mln" => "million".into(),
            "tn" => "trillion".into(),
            n if n.starts_with(|c: char| c.is_ascii_digit()) => n.replace(',', ""),
            _ => continue,
        };
    }
    out
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
            (Amount, "€30 million", "euros", true),
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
            (Amount, "AMD 500,000", "dram 500,000", true),
            (Amount, "AMD 500,000", "$", false),
            (Amount, "₽100", "рублей", true),
            (Amount, "₽100", "100", true),
        ];
        for &(kind, label, value, want) in rows {
            assert_eq!(matches(kind, label, value), want, "{kind}:{value} against {label:?}");
        }
    }
}
