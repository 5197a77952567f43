//! Result list and concordance as CSV and JSON, built in the browser.

/// One CSV field: quoted when needed; a leading `=`, `+`, `-` or `@` gets a `'` so
/// spreadsheets never run corpus text as a formula.
pub fn csv_field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@']) { format!("'{s}") } else { s.to_string() };
    if s.contains([',', '"', '\n', '\r']) || s.starts_with(' ') || s.ends_with(' ') {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

pub fn csv(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut out = header.iter().map(|h| csv_field(h)).collect::<Vec<_>>().join(",") + "\r\n";
    for r in rows {
        out += &(r.iter().map(|f| csv_field(f)).collect::<Vec<_>>().join(",") + "\r\n");
    }
    out
}

pub fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            // `<` escaped too, so the JSON can never close a script element it is pasted into.
            c if (c as u32) < 0x20 || c == '<' || c == '\u{2028}' || c == '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// An array of objects with the given keys; every value a string.
pub fn json(header: &[&str], rows: &[Vec<String>]) -> String {
    let objects: Vec<String> = rows
        .iter()
        .map(|r| {
            let fields: Vec<String> =
                header.iter().zip(r).map(|(k, v)| format!("{}: {}", json_string(k), json_string(v))).collect();
            format!("  {{{}}}", fields.join(", "))
        })
        .collect();
    format!("[\n{}\n]\n", objects.join(",\n"))
}

/// `score` with four decimals, by integer arithmetic (float formatting would add
/// some 5 KB of code to the app for this one column).
pub fn fixed4(score: f32) -> String {
    let n = (f64::from(score) * 10_000.0).round() as i64;
    let sign = if n < 0 { "-" } else { "" };
    format!("{sign}{}.{:04}", n.unsigned_abs() / 10_000, n.unsigned_abs() % 10_000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_table() {
        let rows = [
            ("plain", "plain"),
            ("a,b", "\"a,b\""),
            ("say \"hi\"", "\"say \"\"hi\"\"\""),
            ("=cmd()", "'=cmd()"),
            ("-2", "'-2"),
            ("line\nbreak", "\"line\nbreak\""),
            ("<script>", "<script>"),
        ];
        for (input, want) in rows {
            assert_eq!(csv_field(input), want, "{input}");
        }
        assert_eq!(csv(&["id", "title"], &[vec!["1".into(), "a,b".into()]]), "id,title\r\n1,\"a,b\"\r\n");
    }

    #[test]
    fn json_escapes() {
        assert_eq!(json_string("a\"b\\c\n</script>\u{1}"), "\"a\\\"b\\\\c\\n\\u003c/script>\\u0001\"");
        assert_eq!(json(&["id"], &[vec!["x".into()]]), "[\n  {\"id\": \"x\"}\n]\n");
    }

    #[test]
    fn scores_have_four_decimals_like_format() {
        for x in [0.0f32, 1.0, 0.00004, 0.00005, 2.71, 12.5, 1234.567, -2.25, 0.99996] {
            assert_eq!(fixed4(x), format!("{:.4}", f64::from(x)), "{x}");
        }
    }
}
