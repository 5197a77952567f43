//! The currencies amounts are written in, by sign or ISO code: what the query
//! field `amount:` ([`crate::fields`], in the app) and the extraction of amounts
//! ([`crate::numbers`], at build time only) agree on.

/// Currencies by their label's prefix (a sign, or the ISO code and a space),
/// each with its ISO code or its sign, lowercase: what `amount:` recognises.
/// (The words that name them after an amount, `dollars`, `рублей`…, are the
/// extraction's alone: [`crate::numbers`].)
pub const CURRENCIES: &[(&str, &str)] = &[
    ("$", "usd"),
    ("€", "eur"),
    ("£", "gbp"),
    ("₽", "rub"),
    ("¥", "jpy"),
    ("₹", "inr"),
    ("AMD ", "֏"),
    ("AZN ", "₼"),
    ("CHF ", ""),
    ("CNY ", ""),
    ("GEL ", "₾"),
    ("KZT ", "₸"),
    ("TRY ", "₺"),
    ("UAH ", "₴"),
];

/// The label prefix of the currency a sign or an ISO code (any case) names.
pub fn currency(name: &str) -> Option<&'static str> {
    CURRENCIES.iter().find(|(p, other)| *other == name || p.trim_end().eq_ignore_ascii_case(name)).map(|(p, _)| *p)
}
