//! Numbers and contacts in running text, found at build time (only
//! [`crate::facets::Facets::build`] calls this; the app shell never links it):
//! e-mail addresses, phone numbers, URLs, amounts of money and percentages,
//! each with its byte span and a normalised value.
//!
//! Normal forms:
//! - **e-mail**: `local@domain`, lowercase (`<Press@MFA.am>` → `press@mfa.am`);
//!   obfuscated addresses (`press [at] mfa.am`) are left alone;
//! - **phone**: the digits, with a leading `+` where the text has one
//!   (`+374 10 123456` → `+37410123456`, `(202) 555-0143` → `2025550143`,
//!   `8 (495) 123-45-67` → `84951234567`). A phone has 7 to 15 digits (8 with
//!   a `+`) in groups, and unless it starts with `+`, a group in parentheses or
//!   at least three groups joined by `-` or `.`: numbers grouped by spaces alone
//!   (`1 234 567`, `in 2023 20 000 people`), dates (`2023-12-22`,
//!   `22.12.2023`), year ranges, numbers with thousands separators, IP
//!   addresses, ISBNs (a group of one digit after the first) and plain runs of
//!   digits are not phones;
//! - **URL**: `http://`, `https://` or `www.` and what follows up to a space,
//!   a quote or an angle bracket, less trailing punctuation (a closing
//!   parenthesis stays when the URL opened one); the value is the host,
//!   lowercase and without `www.`, and the path without a trailing `/`; the
//!   query and fragment are dropped (`https://www.MFA.am/en/press/?id=1` →
//!   `mfa.am/en/press`). Bare domains (`mfa.am`) are not URLs;
//! - **amount**: a currency (a sign, an ISO code in capitals, or after the
//!   number its name: `dollars`, `euros`, `drams`, `рублей`…; see
//!   [`crate::currency::CURRENCIES`] and [`NAMES`]) and a number, with a scale (`thousand`,
//!   `million`, `bn`, `m`, `млн`, `млрд`…) if any: `$1.2bn`, `€ 30 million`,
//!   `USD 5,000`, `1.5 million dollars`, `AMD 500,000`, `₽100`, `30 млн
//!   рублей`. The label is the currency's sign (`$ € £ ₽ ¥ ₹`) or ISO code and a
//!   space, then the number: from a million up in millions, billions or
//!   trillions when that takes at most three decimals (`$1.2 billion`,
//!   `€30 million`, and `$1,500,000` → `$1.5 million`), otherwise in full with
//!   `,` between thousands and `.` before cents (`AMD 500,000`, `$5.50`);
//! - **percentage**: a number and `%`, `per cent`, `percent`, `pct` or
//!   `процент…`: `8.3%`, `8,3 %`, `8.3 per cent` → `8.3%`.
//!
//! Numbers may group thousands with `,`, `.`, `'` or a space (thin and
//! no-break ones too) and mark decimals with `.` or `,`: the separator that
//! occurs once, last, and differs from the others is the decimal one; a lone
//! `,` before exactly three digits groups thousands (`1,500`), a lone `.`
//! marks decimals (`1.500` = 1.5, the English reading).

use std::ops::Range;

use crate::currency::currency;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Email,
    Phone,
    Url,
    Amount,
    Percent,
}

/// One thing found: its kind, where it stands (bytes), its normalised value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub kind: Kind,
    pub span: Range<usize>,
    pub value: String,
}

/// Everything [`Kind`] names in `text`, in order, never overlapping.
pub fn extract(text: &str) -> Vec<Found> {
    // Everything found holds a digit, an `@`, or starts `www.` or `http`.
    let bytes = text.as_bytes();
    let web = || bytes.windows(3).any(|w| w.eq_ignore_ascii_case(b"www") || w.eq_ignore_ascii_case(b"ttp"));
    if !bytes.iter().any(|b| b.is_ascii_digit() || *b == b'@') && !web() {
        return Vec::new();
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let ats = chars.iter().enumerate().filter(|(_, c)| c.1 == '@').map(|(k, _)| k).collect();
    let s = Scan { text, chars: &chars, ats };
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        match s.at(i) {
            Some((end, kind, value)) => {
                out.push(Found { kind, span: s.byte(i)..s.byte(end), value });
                i = end;
            }
            None => i = s.skip(i),
        }
    }
    out
}

/// The host of a URL's value (what the facet keeps).
pub fn host(url: &str) -> &str {
    url.split('/').next().unwrap_or_default()
}

struct Scan<'a> {
    text: &'a str,
    chars: &'a [(usize, char)],
    /// Where the text's `@` stand (char indices), for e-mail addresses.
    ats: Vec<usize>,
}

/// Words naming a currency after an amount (any case), by the label prefix of
/// [`crate::currency::CURRENCIES`]. (Not `pounds`: of flour as often as sterling.)
const NAMES: &[(&str, &str)] = &[
    ("$", "dollar dollars доллар доллара долларов"),
    ("€", "euro euros евро"),
    ("£", "sterling"),
    ("₽", "rouble roubles ruble rubles руб рубль рубля рублей"),
    ("¥", "yen"),
    ("₹", "rupee rupees"),
    ("AMD ", "dram drams драм драмов"),
    ("AZN ", "manat manats"),
    ("CHF ", "franc francs"),
    ("CNY ", "yuan rmb"),
    ("GEL ", "lari лари"),
    ("KZT ", "tenge"),
    ("TRY ", "lira liras"),
    ("UAH ", "hryvnia hryvnias"),
];

const SPACES: [char; 4] = [' ', '\u{a0}', '\u{202f}', '\u{2009}'];

/// Scale words after a number, lowercase, with their power of ten.
const SCALES: &[(&str, i32)] = &[
    ("thousand", 3),
    ("тыс", 3),
    ("тысяч", 3),
    ("тысячи", 3),
    ("тысяча", 3),
    ("million", 6),
    ("millions", 6),
    ("mn", 6),
    ("mln", 6),
    ("млн", 6),
    ("миллион", 6),
    ("миллиона", 6),
    ("миллионов", 6),
    ("billion", 9),
    ("billions", 9),
    ("bn", 9),
    ("bln", 9),
    ("млрд", 9),
    ("миллиард", 9),
    ("миллиарда", 9),
    ("миллиардов", 9),
    ("trillion", 12),
    ("tn", 12),
    ("trn", 12),
    ("трлн", 12),
    ("триллион", 12),
    ("триллиона", 12),
    ("триллионов", 12),
];
/// Scales only glued to the number (`$5m`, `$1.2b`, `$30k`).
const GLUED_SCALES: &[(&str, i32)] = &[("k", 3), ("m", 6), ("b", 9)];

/// A number as written: its digits (integer part and fraction) and how many of
/// them are the fraction.
struct Number {
    digits: String,
    fraction: usize,
}

impl Scan<'_> {
    fn c(&self, i: usize) -> Option<char> {
        self.chars.get(i).map(|c| c.1)
    }

    fn byte(&self, i: usize) -> usize {
        self.chars.get(i).map_or(self.text.len(), |c| c.0)
    }

    fn str(&self, from: usize, to: usize) -> &str {
        &self.text[self.byte(from)..self.byte(to)]
    }

    fn alnum(&self, i: usize) -> bool {
        self.c(i).is_some_and(char::is_alphanumeric)
    }

    fn digit(&self, i: usize) -> bool {
        self.c(i).is_some_and(|c| c.is_ascii_digit())
    }

    /// Where to look next after nothing started at `i`: past a word or number
    /// and what joins it (`2023-12-22`, `tel.`), so nothing starts inside one.
    fn skip(&self, i: usize) -> usize {
        if !self.alnum(i) {
            return i + 1;
        }
        let mut j = i;
        while self.alnum(j) || (self.c(j).is_some_and(|c| ".,-_/'".contains(c)) && self.alnum(j + 1)) {
            j += 1;
        }
        j
    }

    /// What starts at `i`: where it ends, its kind and value.
    fn at(&self, i: usize) -> Option<(usize, Kind, String)> {
        if i > 0 && self.alnum(i - 1) {
            return None;
        }
        self.url(i).or_else(|| self.email(i)).or_else(|| self.money(i)).or_else(|| self.phone(i))
    }

    fn url(&self, i: usize) -> Option<(usize, Kind, String)> {
        if !matches!(self.c(i)?, 'h' | 'H' | 'w' | 'W') {
            return None;
        }
        let head = self.str(i, i + 8).as_bytes();
        let skip = ["https://", "http://", "www."]
            .iter()
            .find(|p| head.len() >= p.len() && head[..p.len()].eq_ignore_ascii_case(p.as_bytes()))?
            .len();
        let mut end = i;
        while self.c(end).is_some_and(|c| !c.is_whitespace() && !c.is_control() && !"<>\"«»“”‘’|".contains(c))
        {
            end += 1;
        }
        // Trailing punctuation is the sentence's; a `)` the URL's own when it opened one.
        while end > i {
            let c = self.c(end - 1)?;
            let unbalanced = || {
                let s = self.str(i, end);
                s.matches('(').count() < s.matches(')').count()
            };
            if ".,;:!?'\"]}*".contains(c) || (c == ')' && unbalanced()) {
                end -= 1;
            } else {
                break;
            }
        }
        let rest = &self.str(i, end)[if skip == 4 { 0 } else { skip }..];
        let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let host = rest[..host_end].split(':').next().unwrap_or_default().to_lowercase();
        let host = host.strip_prefix("www.").unwrap_or(&host);
        if !valid_domain(host) {
            return None;
        }
        let path = rest[host_end..].split(['?', '#']).next().unwrap_or_default();
        let path = path.trim_end_matches(|c: char| c == '/' || ".,;:!?'\"]}*".contains(c));
        Some((end, Kind::Url, format!("{host}{path}")))
    }

    fn email(&self, i: usize) -> Option<(usize, Kind, String)> {
        let local = |c: char| c.is_ascii_alphanumeric() || "._%+-".contains(c);
        if !self.c(i)?.is_ascii_alphanumeric() || (i > 0 && self.c(i - 1).is_some_and(local)) {
            return None;
        }
        // Only where an `@` follows soon (most words have none).
        let next = self.ats.get(self.ats.partition_point(|&a| a < i))?;
        if next - i > 64 {
            return None;
        }
        let mut at = i;
        while self.c(at).is_some_and(local) {
            at += 1;
        }
        if self.c(at) != Some('@') || self.str(i, at).ends_with('.') || self.str(i, at).contains("..") {
            return None;
        }
        let mut end = at + 1;
        while self.c(end).is_some_and(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-') {
            end += 1;
        }
        while end > at + 1 && matches!(self.c(end - 1), Some('.' | '-')) {
            end -= 1;
        }
        if self.alnum(end) || !valid_domain(self.str(at + 1, end)) {
            return None;
        }
        Some((end, Kind::Email, self.str(i, end).to_ascii_lowercase()))
    }

    /// An amount of money or a percentage starting at `i`.
    fn money(&self, i: usize) -> Option<(usize, Kind, String)> {
        if let Some((prefix, j)) = self.currency_before(i) {
            let j = if self.c(j).is_some_and(|c| SPACES.contains(&c)) { j + 1 } else { j };
            let (k, number) = self.number(j)?;
            let (end, scale) = self.scale(k).or_else(|| Some((k, self.range_scale(k, prefix)?))).unwrap_or((k, 0));
            if self.alnum(end) || self.c(end) == Some('%') {
                return None;
            }
            return Some((end, Kind::Amount, format!("{prefix}{}", amount(&number, scale))));
        }
        let (k, number) = self.number(i)?;
        let (k, scale) = self.scale(k).unwrap_or((k, 0));
        let j = if self.c(k).is_some_and(|c| SPACES.contains(&c)) { k + 1 } else { k };
        if let Some((end, prefix)) = self.currency_after(j) {
            return Some((end, Kind::Amount, format!("{prefix}{}", amount(&number, scale))));
        }
        if scale != 0 || !self.c(k).is_some_and(|c| c == '%' || SPACES.contains(&c)) {
            return None;
        }
        let end = if self.c(j) == Some('%') {
            j + 1
        } else {
            let (w, after) = self.word(j);
            match w.as_str() {
                "per" if self.c(after) == Some(' ') && self.word(after + 1).0 == "cent" => self.word(after + 1).1,
                "percent" | "pct" => after,
                w if w.starts_with("процент") => after,
                _ => return None,
            }
        };
        if self.alnum(end) {
            return None;
        }
        Some((end, Kind::Percent, format!("{}%", plain(&number, 0, false))))
    }

    /// The scale of a range's second amount, when the amount ending at `k` is the
    /// first and has none of its own: `$14 to $16 billion` is $14 billion.
    fn range_scale(&self, k: usize, prefix: &str) -> Option<i32> {
        let to = [" to ", "-", "–", " – "].iter().find(|t| self.str(k, k + t.chars().count()) == **t)?;
        let mut j = k + to.chars().count();
        if let Some((p, after)) = self.currency_before(j) {
            (p == prefix).then_some(())?;
            j = if self.c(after).is_some_and(|c| SPACES.contains(&c)) { after + 1 } else { after };
        }
        let (k2, _) = self.number(j)?;
        self.scale(k2).map(|(_, exp)| exp)
    }

    /// The lowercase word (letters) at `i`, and where it ends.
    fn word(&self, i: usize) -> (String, usize) {
        let mut j = i;
        while self.c(j).is_some_and(char::is_alphabetic) {
            j += 1;
        }
        (self.str(i, j).to_lowercase(), j)
    }

    /// A currency before a number: a sign, `US$`, or an ISO code in capitals.
    fn currency_before(&self, i: usize) -> Option<(&'static str, usize)> {
        let c = self.c(i)?;
        if !c.is_alphanumeric() {
            return sign(c).map(|p| (p, i + 1));
        }
        if !c.is_ascii_uppercase() {
            return None;
        }
        if self.str(i, i + 3) == "US$" {
            return Some(("$", i + 3));
        }
        // Three capitals and no more letters, before anything is allocated.
        if !(0..3).all(|k| self.c(i + k).is_some_and(|c| c.is_ascii_uppercase())) || self.alnum(i + 3) {
            return None;
        }
        let (w, end) = self.word(i);
        let code = self.str(i, end);
        let p = currency(&w).filter(|_| code.len() == 3 && code.chars().all(|c| c.is_ascii_uppercase()))?;
        (self.digit(end) || (self.c(end).is_some_and(|c| SPACES.contains(&c)) && self.digit(end + 1)))
            .then_some((p, end))
    }

    /// A currency after a number: a sign, an ISO code in capitals, or a word
    /// naming it (any case).
    fn currency_after(&self, j: usize) -> Option<(usize, &'static str)> {
        let c = self.c(j)?;
        if !c.is_alphanumeric() {
            return sign(c).filter(|_| !self.alnum(j + 1)).map(|p| (j + 1, p));
        }
        let (w, end) = self.word(j);
        if self.alnum(end) {
            return None;
        }
        let code = self.str(j, end);
        // An ISO code in capitals only (`try`, `gel` are words too).
        let is_code = code.len() == 3 && code.chars().all(|c| c.is_ascii_uppercase());
        let named = NAMES.iter().find(|(_, names)| names.split(' ').any(|n| n == w)).map(|(p, _)| *p);
        named.or(currency(&w).filter(|_| is_code)).map(|p| (end, p))
    }

    /// A scale after the number ending at `k`: glued (`bn`, `m`) or after a space.
    fn scale(&self, k: usize) -> Option<(usize, i32)> {
        let glued = self.c(k).is_some_and(char::is_alphabetic);
        let at = if glued { k } else { k + 1 };
        if !glued && !self.c(k).is_some_and(|c| SPACES.contains(&c)) {
            return None;
        }
        let (w, mut end) = self.word(at);
        let list = SCALES.iter().chain(if glued { GLUED_SCALES } else { &[] });
        let (_, exp) = list.into_iter().find(|(s, _)| *s == w)?;
        // `млн.`, `тыс.`: the abbreviation's full stop, when the sentence goes on.
        if self.c(end) == Some('.') && self.c(end + 1) == Some(' ') && self.c(end + 2).is_some_and(char::is_lowercase) {
            end += 1;
        }
        Some((end, *exp))
    }

    /// A number at `i`: digits, thousands separators, a decimal separator.
    fn number(&self, i: usize) -> Option<(usize, Number)> {
        let mut groups: Vec<&str> = Vec::new();
        let mut seps: Vec<char> = Vec::new();
        let mut j = i;
        loop {
            let start = j;
            while self.digit(j) {
                j += 1;
            }
            if j == start {
                return None;
            }
            groups.push(self.str(start, j));
            let Some(c) = self.c(j) else { break };
            let three = (1..=3).all(|d| self.digit(j + d)) && !self.digit(j + 4);
            let joins = match c {
                ',' | '.' => self.digit(j + 1),
                '\'' => three,
                c => SPACES.contains(&c) && three && groups[0].len() <= 3,
            };
            if !joins {
                break;
            }
            seps.push(c);
            j += 1;
        }
        let last = seps.last().copied();
        let decimal = match last {
            Some(l @ ('.' | ',')) if seps[..seps.len() - 1].iter().all(|&s| s != l) => {
                seps.len() > 1 || l == '.' || groups[1].len() != 3
            }
            _ => false,
        };
        let int_groups = if decimal { groups.len() - 1 } else { groups.len() };
        let thousands = &seps[..int_groups - 1];
        let ok = thousands.windows(2).all(|w| w[0] == w[1])
            && (thousands.is_empty() || groups[0].len() <= 3)
            && groups[1..int_groups].iter().all(|g| g.len() == 3);
        let digits: String = groups.concat();
        if !ok || digits.len() > 24 {
            return None;
        }
        let fraction = if decimal { groups[groups.len() - 1].len() } else { 0 };
        Some((j, Number { digits, fraction }))
    }

    fn phone(&self, i: usize) -> Option<(usize, Kind, String)> {
        let plus = self.c(i) == Some('+');
        let mut j = if plus { i + 1 } else { i };
        if i > 0 && self.c(i - 1).is_some_and(|c| "+-./,_@#%&=$€£₽".contains(c)) {
            return None;
        }
        // Groups of digits (one may stand in parentheses) and what joins them.
        let (mut groups, mut seps, mut paren): (Vec<&str>, Vec<char>, bool) = (Vec::new(), Vec::new(), false);
        // Chars the last separator took (none between a parenthesis and a digit).
        let mut took = 0;
        loop {
            let open = self.c(j) == Some('(');
            let start = if open { j + 1 } else { j };
            let mut end = start;
            while self.digit(end) {
                end += 1;
            }
            // A group in parentheses is an area or trunk code: first or second
            // (`(555) 123-4567`, `+1 (555) …`, `8 (495) …`), never after the
            // number (`10.10.10.10 (2023)` is an address and a year), and a
            // year after a number is a year (`1 234 567 (2023)`).
            let after_year = !groups.is_empty() && end - start == 4 && ("1800".."2100").contains(&self.str(start, end));
            let bad_paren = paren || groups.len() > 1 || after_year || !(2..=5).contains(&(end - start));
            if end == start || (open && (self.c(end) != Some(')') || bad_paren)) {
                if groups.is_empty() {
                    return None;
                }
                seps.pop();
                j -= took;
                break;
            }
            paren |= open;
            groups.push(self.str(start, end));
            j = if open { end + 1 } else { end };
            took = match self.c(j) {
                Some(c @ ('-' | '.' | ' ' | '\u{a0}')) if self.digit(j + 1) || self.c(j + 1) == Some('(') => {
                    seps.push(c);
                    1
                }
                Some('(') if !paren => 0,
                _ if open && self.digit(j) => 0,
                _ => break,
            };
            if took == 0 {
                seps.push(' ');
            }
            j += took;
        }
        let digits: String = groups.concat();
        let joined = seps.iter().filter(|c| matches!(c, '-' | '.')).count();
        let shaped = plus || paren || (joined >= 1 && groups.len() >= 3);
        let year = |g: &str| g.len() == 4 && ("1800".."2100").contains(&g);
        let date = groups.windows(3).zip(seps.windows(2)).any(|(g, s)| {
            let n = |x: &str| x.parse::<u32>().unwrap_or(0);
            let day_month = |a: &str, b: &str| a.len() <= 2 && b.len() <= 2 && n(a) <= 31 && n(b) <= 31;
            s[0] == s[1]
                && s[0] != ' '
                && ((year(g[0]) && day_month(g[1], g[2])) || (day_month(g[0], g[1]) && year(g[2])))
        });
        let dotted_thousands = !plus
            && !paren
            && seps.iter().all(|&c| c == seps[0])
            && groups[0].len() <= 3
            && groups[1..].iter().all(|g| g.len() == 3);
        // Four groups of at most 3 digits joined by dots, anywhere in it: an
        // address (`(12) 10.10.10.10` is a note and an address).
        let ip = (0..groups.len().saturating_sub(3))
            .any(|k| seps[k..k + 3].iter().all(|&c| c == '.') && groups[k..k + 4].iter().all(|g| g.len() <= 3));
        let isbn = self.str(i.saturating_sub(12), i).to_ascii_uppercase().contains("ISBN");
        let ok = shaped
            && (if plus { 8..=15 } else { 7..=15 }).contains(&digits.len())
            && groups[1..].iter().all(|g| g.len() >= 2)
            && (plus || !year(groups[0]))
            && !date
            && !dotted_thousands
            && !ip
            && !isbn
            && !self.alnum(j)
            && self.c(j) != Some('%');
        ok.then(|| (j, Kind::Phone, format!("{}{digits}", if plus { "+" } else { "" })))
    }
}

/// The currency a sign names.
fn sign(c: char) -> Option<&'static str> {
    if c.is_ascii() && c != '$' {
        return None;
    }
    let mut buf = [0; 4];
    let s: &str = c.encode_utf8(&mut buf);
    currency(s)
}

/// A host name: labels of letters, digits and `-`, a dot between, the last of
/// two letters or more.
fn valid_domain(host: &str) -> bool {
    let labels: Vec<&str> = host.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|l| !l.is_empty() && l.chars().all(|c| c.is_alphanumeric() || c == '-'))
        && labels.last().is_some_and(|t| t.chars().count() >= 2 && t.chars().all(char::is_alphabetic))
}

/// An amount's number in its label's form (see the module's documentation).
fn amount(n: &Number, scale: i32) -> String {
    let (m, e) = value(n, scale);
    let magnitude = m.len() as i32 + e;
    for (unit, name) in [(12, "trillion"), (9, "billion"), (6, "million")] {
        if magnitude > unit {
            if unit - e <= 3 {
                return format!("{} {name}", plain(n, scale - unit, false));
            }
            break;
        }
    }
    plain(n, scale, true)
}

/// `n` × 10^`scale` as digits without leading or trailing zeros, and the power of
/// ten they are multiplied by ("0" for zero).
fn value(n: &Number, scale: i32) -> (String, i32) {
    let m = n.digits.trim_start_matches('0');
    let trimmed = m.trim_end_matches('0');
    let e = scale - n.fraction as i32 + (m.len() - trimmed.len()) as i32;
    if trimmed.is_empty() {
        ("0".into(), 0)
    } else {
        (trimmed.into(), e)
    }
}

/// `n` × 10^`scale` written out: `,` between thousands, `.` before a fraction
/// (of two digits at least when `money`).
fn plain(n: &Number, scale: i32, money: bool) -> String {
    let (m, e) = value(n, scale);
    let (int, frac) = if e >= 0 {
        (format!("{m}{}", "0".repeat(e as usize)), String::new())
    } else {
        let f = (-e) as usize;
        match m.len().checked_sub(f) {
            Some(0) | None => ("0".into(), format!("{}{m}", "0".repeat(f - m.len()))),
            Some(k) => (m[..k].to_string(), m[k..].to_string()),
        }
    };
    let mut out = String::new();
    for (k, c) in int.chars().enumerate() {
        if k > 0 && (int.len() - k) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push('.');
        out.push_str(&frac);
        if money && frac.len() == 1 {
            out.push('0');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use Kind::*;

    fn found(text: &str) -> Vec<(Kind, String)> {
        extract(text).into_iter().map(|f| (f.kind, f.value)).collect()
    }

    /// Tricky text and what it holds: each row's text alone gives exactly its list.
    const ROWS: &[(&str, &[(Kind, &str)])] = &[
        // Phones.
        ("Call +374 10 123456 today", &[(Phone, "+37410123456")]),
        ("Tel.: (202) 555-0143.", &[(Phone, "2025550143")]),
        ("phone 8 (495) 123-45-67, fax", &[(Phone, "84951234567")]),
        ("+7 (495) 123-45-67", &[(Phone, "+74951234567")]),
        ("+1-202-555-0143", &[(Phone, "+12025550143")]),
        ("call 202.555.0143 now", &[(Phone, "2025550143")]),
        ("hotline 8-800-555-35-35", &[(Phone, "88005553535")]),
        ("dial 123-45-67", &[(Phone, "1234567")]),
        ("+37491123456", &[(Phone, "+37491123456")]),
        // Not phones.
        ("on 2023-12-22 at noon", &[]),
        ("on 22.12.2023 at noon", &[]),
        ("on 22-12-2023 10:30", &[]),
        ("on 12/22/2023", &[]),
        ("in 2023 20 000 people", &[]),
        ("from 1990-2000 and 2019–2023", &[]),
        ("ISBN 978-5-17-118366-3", &[]),
        ("ISBN 5-17-118366-3", &[]),
        ("0-306-40615-2", &[]),
        ("order 1234567890 shipped", &[]),
        ("server 192.168.10.12 down", &[]),
        ("10.10.10.10", &[]),
        ("10.10.10.10 (2023)", &[]),
        ("a population of 1.234.567", &[]),
        ("a population of 1 234 567", &[]),
        ("a population of 1 234 567 (2023)", &[]),
        ("(12) 10.10.10.10", &[]),
        ("score 3-2, 555-0143", &[]),
        ("(2023) 555-0143", &[]),
        ("x555-0143-22", &[]),
        ("555-123-4567kg", &[]),
        ("22.12.2023 555-01", &[]),
        // E-mails.
        ("Write to Press@MFA.am.", &[(Email, "press@mfa.am")]),
        ("<info@gov.am>", &[(Email, "info@gov.am")]),
        ("mailto:a.b+news@example.co.uk,", &[(Email, "a.b+news@example.co.uk")]),
        ("press [at] mfa [dot] am", &[]),
        ("@handle and x@y", &[]),
        ("a..b@example.com", &[]),
        // URLs.
        ("see https://www.MFA.am/en/press/?id=1#top.", &[(Url, "mfa.am/en/press")]),
        ("(www.gov.am)", &[(Url, "gov.am")]),
        ("at http://example.com/wiki/A_(b), then", &[(Url, "example.com/wiki/A_(b)")]),
        ("“https://azatutyun.am/a/3.html”", &[(Url, "azatutyun.am/a/3.html")]),
        ("http://localhost/", &[]),
        ("Caliber.Az reports", &[]),
        // Amounts.
        ("a $1.2bn loan", &[(Amount, "$1.2 billion")]),
        ("€ 30 million", &[(Amount, "€30 million")]),
        ("USD 5,000", &[(Amount, "$5,000")]),
        ("1.5 million dollars", &[(Amount, "$1.5 million")]),
        ("AMD 500,000", &[(Amount, "AMD 500,000")]),
        ("₽100", &[(Amount, "₽100")]),
        ("30 млн рублей", &[(Amount, "₽30 million")]),
        ("2,5 млрд. драмов", &[(Amount, "AMD 2.5 billion")]),
        ("$1,500,000", &[(Amount, "$1.5 million")]),
        ("$1,234,567", &[(Amount, "$1,234,567")]),
        ("€1.234.567,50", &[(Amount, "€1,234,567.50")]),
        ("1 500 000 ₽", &[(Amount, "₽1.5 million")]),
        ("5'000 CHF", &[(Amount, "CHF 5,000")]),
        ("$5.5 and US$0.5", &[(Amount, "$5.50"), (Amount, "$0.50")]),
        ("$5m, £30k", &[(Amount, "$5 million"), (Amount, "£30,000")]),
        ("$1,200 million", &[(Amount, "$1.2 billion")]),
        ("$14 to $16 billion, $5-7m", &[(Amount, "$14 billion"), (Amount, "$16 billion"), (Amount, "$5 million")]),
        ("$14 to €16 billion", &[(Amount, "$14"), (Amount, "€16 billion")]),
        ("$16 billon", &[(Amount, "$16")]),
        ("10 euros", &[(Amount, "€10")]),
        ("5,000 usd", &[]),
        ("2023 USD", &[(Amount, "$2,023")]),
        ("$PATH and 5 $ x", &[(Amount, "$5")]),
        ("in 2023 500 dollars", &[(Amount, "$500")]),
        ("5 pounds of flour", &[]),
        // Percentages.
        ("grew 8.3%", &[(Percent, "8.3%")]),
        ("8,3 %", &[(Percent, "8.3%")]),
        ("8.3 per cent", &[(Percent, "8.3%")]),
        ("12 percent", &[(Percent, "12%")]),
        ("15 процентов", &[(Percent, "15%")]),
        ("0.50%", &[(Percent, "0.5%")]),
        ("8.3 percentage points", &[]),
        ("8.3", &[]),
    ];

    #[test]
    fn tricky_text() {
        for (text, want) in ROWS {
            let want: Vec<(Kind, String)> = want.iter().map(|(k, v)| (*k, v.to_string())).collect();
            assert_eq!(found(text), want, "{text:?}");
        }
    }

    #[test]
    fn a_sentence_of_everything() {
        let text = "On 22.12.2023 the ministry (press@mfa.am, +374 10 123456, www.mfa.am) said \
                    a $1.2bn loan, up 8.3%, was signed; ISBN 978-5-17-118366-3.";
        assert_eq!(
            found(text),
            [
                (Email, "press@mfa.am".into()),
                (Phone, "+37410123456".into()),
                (Url, "mfa.am".into()),
                (Amount, "$1.2 billion".into()),
                (Percent, "8.3%".into())
            ]
        );
    }

    /// Fillers that hold nothing, to set the rows among.
    const FILL: &[&str] = &["the", "2023", "on", "Dec", "said", "x", "—", "people", "12", "and"];
    /// Punctuation between them (a bare space would make `8.3 USD 5,000` one
    /// amount or two as a reader might: no composition to promise there).
    const JOIN: &[&str] = &[", ", "; ", ". ", "\n", " (", ") ", " — ", ": "];

    /// A label, written again as text, gives itself back (URLs with a scheme;
    /// phones without `+` are digits alone then, which is no phone's shape).
    fn relabel(f: &Found) -> Option<String> {
        match f.kind {
            Url => Some(format!("https://{}", f.value)),
            Phone if !f.value.starts_with('+') => None,
            _ => Some(f.value.clone()),
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// The rows, joined by punctuation and among fillers, give what each
        /// gives alone, in order: what is found depends on nothing around it
        /// but its own sentence's punctuation.
        #[test]
        fn rows_compose(parts in proptest::collection::vec((0..ROWS.len() + FILL.len(), 0..JOIN.len()), 1..12)) {
            let mut text = String::new();
            let mut want = Vec::new();
            for (k, &(p, j)) in parts.iter().enumerate() {
                if k > 0 {
                    text.push_str(JOIN[j]);
                }
                match ROWS.get(p) {
                    Some((t, w)) => {
                        text.push_str(t);
                        want.extend(w.iter().map(|(k, v)| (*k, v.to_string())));
                    }
                    None => text.push_str(FILL[p - ROWS.len()]),
                }
            }
            prop_assert_eq!(found(&text), want, "{:?}", text);
        }

        /// On any text: spans in order, apart, on char boundaries; each span's
        /// text alone gives the same find; each label gives itself back.
        #[test]
        fn finds_are_spans_of_the_text(text in "[-+()0-9 .,%$€@a-zA-Z:/'₽]{0,60}") {
            let all = extract(&text);
            for w in all.windows(2) {
                prop_assert!(w[0].span.end <= w[1].span.start, "{:?}", all);
            }
            for f in &all {
                let piece = text.get(f.span.clone()).expect("a span on char boundaries");
                let again = extract(piece);
                prop_assert_eq!(again.len(), 1, "{:?} in {:?}", piece, text);
                prop_assert_eq!((again[0].kind, &again[0].value), (f.kind, &f.value), "{:?}", piece);
                if let Some(label) = relabel(f) {
                    let back = extract(&label);
                    prop_assert_eq!(back.len(), 1, "{:?}", label);
                    prop_assert_eq!(&back[0].value, &f.value, "{:?} from {:?}", label, piece);
                }
            }
        }
    }
}
