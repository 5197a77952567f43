//! Publication dates and times as sources write them: ISO 8601 / RFC 3339
//! (`2024-03-05T10:00:00+04:00`, ninjs, Atom, JSON-LD, front matter), RFC 2822
//! (`Tue, 05 Mar 2024 10:00:00 +0000`, RSS), WordPress's `2024-03-05 10:00:00`,
//! and the date lines a text file may hold (`December 22, 2023`).

use std::fmt;

pub use clippings_core::article::Time;

use clippings_core::article::parse_date_line;
use clippings_core::Date;

/// A publication date, with the time when the source gives one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Stamp {
    pub date: Date,
    pub time: Option<Time>,
}

impl fmt::Display for Stamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.date)?;
        if let Some(t) = self.time {
            write!(f, "T{:02}:{:02}:{:02}", t.hour, t.minute, t.second)?;
            match t.offset_minutes {
                Some(0) => f.write_str("Z")?,
                Some(m) => write!(f, "{}{:02}:{:02}", if m < 0 { '-' } else { '+' }, m.abs() / 60, m.abs() % 60)?,
                None => {}
            }
        }
        Ok(())
    }
}

/// `s` as a stamp: `Ok(None)` when empty (or WordPress's `0000-00-00 00:00:00`
/// of an unpublished post), an error naming `s` when it does not parse.
pub fn parse(s: &str) -> Result<Option<Stamp>, String> {
    parse_with(s, None)
}

/// [`parse`] for fields that are UTC by definition (WordPress's `*_gmt`): a
/// time without an offset is at `+00:00`.
pub fn parse_utc(s: &str) -> Result<Option<Stamp>, String> {
    parse_with(s, Some(0))
}

fn parse_with(s: &str, default_offset: Option<i16>) -> Result<Option<Stamp>, String> {
    let s = s.trim();
    if s.is_empty() || s.starts_with("0000-00-00") {
        return Ok(None);
    }
    let found = iso(s).or_else(|| rfc2822(s)).or_else(|| {
        // A date alone, as a text file writes it.
        let d = parse_date_line(s)?;
        date(d.year.into(), d.month.into(), d.day.into()).map(|date| Stamp { date, time: None })
    });
    match found {
        Some(mut stamp) => {
            if let Some(t) = stamp.time.as_mut().filter(|t| t.offset_minutes.is_none()) {
                t.offset_minutes = default_offset;
            }
            Ok(Some(stamp))
        }
        None => Err(format!("date '{s}' does not parse (write it as 2024-03-05T10:00:00+04:00)")),
    }
}

fn date(year: u32, month: u32, day: u32) -> Option<Date> {
    let (year, month) = (u16::try_from(year).ok()?, u8::try_from(month).ok()?);
    let days = Date::days_in_month(year, month)?;
    ((1800..=2200).contains(&year) && (1..=u32::from(days)).contains(&day)).then_some(Date {
        year,
        month,
        day: day as u8,
    })
}

fn num(s: &str) -> Option<u32> {
    (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok()).flatten()
}

/// `2024-03-05`, then optionally `T` or a space, `10:00[:00[.000]]` and `Z`,
/// `±04:00`, `±0400`, `±04` or ` UTC`/` GMT`.
fn iso(s: &str) -> Option<Stamp> {
    let (d, rest) = if s.len() > 10 && s.is_char_boundary(10) { s.split_at(10) } else { (s, "") };
    let parts: Vec<&str> = d.split('-').collect();
    let [y, m, dd] = parts.as_slice() else { return None };
    if y.len() != 4 || m.len() != 2 || dd.len() != 2 {
        return None;
    }
    let date = date(num(y)?, num(m)?, num(dd)?)?;
    if rest.is_empty() {
        return Some(Stamp { date, time: None });
    }
    let rest = rest.strip_prefix(['T', 't', ' '])?;
    let zone_at = rest.find(['Z', 'z', '+', '-', ' ']).unwrap_or(rest.len());
    let (clock, zone) = rest.split_at(zone_at);
    let clock = clock.split('.').next()?;
    let fields: Vec<&str> = clock.split(':').collect();
    let (hour, minute, second) = match fields.as_slice() {
        [h, m] => (num(h)?, num(m)?, 0),
        [h, m, s] => (num(h)?, num(m)?, num(s)?),
        _ => return None,
    };
    let offset = offset(zone.trim())?;
    time(date, hour, minute, second, offset)
}

fn time(date: Date, hour: u32, minute: u32, second: u32, offset_minutes: Option<i16>) -> Option<Stamp> {
    (hour < 24 && minute < 60 && second <= 60).then_some(Stamp {
        date,
        time: Some(Time { hour: hour as u8, minute: minute as u8, second: second.min(59) as u8, offset_minutes }),
    })
}

/// `Z`, `±04:00`, `±0400`, `±04`, a zone name of RFC 2822, or nothing (`Some(None)`).
fn offset(zone: &str) -> Option<Option<i16>> {
    let named = [("Z", 0), ("UT", 0), ("UTC", 0), ("GMT", 0), ("EST", -5), ("EDT", -4), ("CST", -6), ("CDT", -5)]
        .into_iter()
        .chain([("MST", -7), ("MDT", -6), ("PST", -8), ("PDT", -7)]);
    if zone.is_empty() {
        return Some(None);
    }
    for (name, hours) in named {
        if zone.eq_ignore_ascii_case(name) {
            return Some(Some(hours * 60));
        }
    }
    let sign = match zone.as_bytes()[0] {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let digits: String = zone[1..].chars().filter(|c| *c != ':').collect();
    let (h, m) = match digits.len() {
        2 => (num(&digits)?, 0),
        4 => (num(&digits[..2])?, num(&digits[2..])?),
        _ => return None,
    };
    (h <= 14 && m < 60).then_some(Some(sign * (h * 60 + m) as i16))
}

/// `Tue, 05 Mar 2024 10:00:00 +0000` (the weekday and the seconds optional).
fn rfc2822(s: &str) -> Option<Stamp> {
    let s = s.split_once(',').map_or(s, |(_, rest)| rest);
    let words: Vec<&str> = s.split_whitespace().collect();
    let [day, month, year, clock, rest @ ..] = words.as_slice() else { return None };
    let month = clippings_core::article::month_of(month)? as u32;
    let date = date(num(year)?, month, num(day)?)?;
    let fields: Vec<&str> = clock.split(':').collect();
    let (hour, minute, second) = match fields.as_slice() {
        [h, m] => (num(h)?, num(m)?, 0),
        [h, m, s] => (num(h)?, num(m)?, num(s)?),
        _ => return None,
    };
    let offset = match rest {
        [] => None,
        [zone, ..] => offset(zone)?,
    };
    time(date, hour, minute, second, offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ways_sources_write_a_time() {
        let rows = [
            ("2024-03-05", "2024-03-05"),
            ("2024-03-05T10:00:00Z", "2024-03-05T10:00:00Z"),
            ("2024-03-05T10:00:00.123+04:00", "2024-03-05T10:00:00+04:00"),
            ("2024-03-05T10:00-0530", "2024-03-05T10:00:00-05:30"),
            ("2024-03-05 10:00:00", "2024-03-05T10:00:00"),
            ("Tue, 05 Mar 2024 10:00:00 +0000", "2024-03-05T10:00:00Z"),
            ("5 Mar 2024 09:30 EST", "2024-03-05T09:30:00-05:00"),
            ("December 22, 2023", "2023-12-22"),
        ];
        for (raw, want) in rows {
            assert_eq!(parse(raw).unwrap().unwrap().to_string(), want, "{raw}");
        }
        assert_eq!(parse_utc("2024-03-05 10:00:00").unwrap().unwrap().to_string(), "2024-03-05T10:00:00Z");
        assert_eq!(parse("").unwrap(), None);
        assert_eq!(parse("0000-00-00 00:00:00").unwrap(), None);
        for bad in ["yesterday", "2024-02-30", "2024-03-05T25:00", "Tue, 05 Foo 2024 10:00:00 +0000"] {
            assert!(parse(bad).unwrap_err().contains("does not parse"), "{bad}");
        }
    }
}
