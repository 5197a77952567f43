//! The URL fragment is the app's state:
//! `#q=<query>&f=<kind:value,…>&view=kwic&a=<article id>&hit=<n>&s=<sort>`.
//! Plain functions, tested natively; the components only read and write them.

use clippings_core::Sort;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct UrlState {
    pub query: String,
    pub article: Option<String>,
    pub sort: Sort,
    /// Facet filters as (kind key, value label), e.g. ("person", "Nikol Pashinyan").
    pub filters: Vec<(String, String)>,
    pub view: View,
    /// The current hit in the reader (0-based).
    pub hit: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum View {
    #[default]
    List,
    Concordance,
}

/// Longest query kept from an address (characters); the parser cuts further.
pub const MAX_URL_QUERY: usize = 4096;

/// Reads a fragment (with or without `#`). Problems become messages; never fails.
pub fn parse_fragment(fragment: &str) -> (UrlState, Vec<String>) {
    let mut state = UrlState::default();
    let mut problems = Vec::new();
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    for pair in fragment.split('&').filter(|p| !p.is_empty()) {
        let (key, raw) = pair.split_once('=').unwrap_or((pair, ""));
        // Filters are decoded item by item (their separator is a literal comma).
        let (value, ok) = if key == "f" { (String::new(), true) } else { percent_decode(raw) };
        if !ok {
            problems.push(format!("the address has a badly encoded '{key}' value; it was read as far as possible"));
        }
        match key {
            "q" => {
                if value.chars().count() > MAX_URL_QUERY {
                    problems.push(format!("the query in the address was cut to {MAX_URL_QUERY} characters"));
                }
                state.query = value.chars().take(MAX_URL_QUERY).collect();
            }
            "a" if !value.is_empty() => state.article = Some(value),
            "f" => {
                for item in raw.split(',').filter(|i| !i.is_empty()) {
                    let (item, _) = percent_decode(item);
                    match item.split_once(':') {
                        Some((k, v)) if !v.is_empty() => state.filters.push((k.to_string(), v.to_string())),
                        _ => problems.push(format!("the filter '{item}' in the address is not kind:value")),
                    }
                }
            }
            "view" => state.view = if value == "kwic" { View::Concordance } else { View::List },
            "hit" => state.hit = value.parse().unwrap_or(0),
            "s" => state.sort = Sort::from_key(&value),
            _ => {}
        }
    }
    (state, problems)
}

/// Writes the state as a fragment starting with `#`; defaults are left out.
pub fn to_fragment(state: &UrlState) -> String {
    let mut parts = Vec::new();
    if !state.query.is_empty() {
        parts.push(format!("q={}", percent_encode(&state.query)));
    }
    if !state.filters.is_empty() {
        let items: Vec<String> = state.filters.iter().map(|(k, v)| percent_encode(&format!("{k}:{v}"))).collect();
        parts.push(format!("f={}", items.join(",")));
    }
    if state.view == View::Concordance {
        parts.push("view=kwic".into());
    }
    if let Some(a) = &state.article {
        parts.push(format!("a={}", percent_encode(a)));
        if state.hit > 0 {
            parts.push(format!("hit={}", state.hit));
        }
    }
    if state.sort != Sort::Relevance {
        parts.push(format!("s={}", state.sort.key()));
    }
    format!("#{}", parts.join("&"))
}

/// Like `encodeURIComponent`: unreserved ASCII stays, everything else is `%XX` of UTF-8.
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Decodes `%XX`; bad escapes and invalid UTF-8 are kept as well as possible and
/// reported by the `false` in the result. `+` stays `+` (queries like `3+3`).
pub fn percent_decode(s: &str) -> (String, bool) {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut ok = true;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok());
            if let Some(b) = hex {
                out.push(b);
                i += 3;
                continue;
            }
            ok = false;
        }
        out.push(bytes[i]);
        i += 1;
    }
    match String::from_utf8(out) {
        Ok(s) => (s, ok),
        Err(e) => (String::from_utf8_lossy(e.as_bytes()).into_owned(), false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragments_round_trip() {
        let rows = [
            UrlState::default(),
            UrlState { query: "kopyrkin".into(), ..UrlState::default() },
            UrlState {
                query: "\"peace treaty\" -russia 3+3 & = # %".into(),
                article: Some("004_x".into()),
                sort: Sort::Oldest,
                hit: 3,
                ..UrlState::default()
            },
            UrlState { query: "Türkiye’s 東京".into(), sort: Sort::Newest, ..UrlState::default() },
            UrlState {
                filters: vec![("person".into(), "Nikol Pashinyan".into()), ("place".into(), "a,b:c|d".into())],
                view: View::Concordance,
                ..UrlState::default()
            },
        ];
        for s in rows {
            let f = to_fragment(&s);
            assert_eq!(parse_fragment(&f), (s.clone(), vec![]), "{f}");
        }
    }

    #[test]
    fn bad_fragments_are_read_with_a_message() {
        let rows: &[(&str, &str, bool)] = &[
            ("#q=kopyrkin&a=001_x", "kopyrkin", false),
            ("q=a%2", "a%2", true),
            ("#q=%FF%FE", "\u{FFFD}\u{FFFD}", true),
            ("#q=3+3", "3+3", false),
            ("#&&&=", "", false),
            ("#q", "", false),
        ];
        for (frag, query, has_problem) in rows {
            let (s, problems) = parse_fragment(frag);
            assert_eq!(s.query, *query, "{frag}");
            assert_eq!(!problems.is_empty(), *has_problem, "{frag}: {problems:?}");
        }
        let huge = format!("#q={}", "a".repeat(10_000));
        let (s, problems) = parse_fragment(&huge);
        assert_eq!(s.query.len(), MAX_URL_QUERY);
        assert_eq!(problems.len(), 1);
    }
}
