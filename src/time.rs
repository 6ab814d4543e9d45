//! Tiny RFC 3339 / HTTP-date parsing and formatting.
//!
//! Every time in the crate is an `i64` count of milliseconds since the Unix epoch,
//! and "now" is always passed in: decisions stay pure and testable. We write this by
//! hand rather than pull in `chrono`, to keep the wasm bundle small.

/// Milliseconds in one minute.
pub const MINUTE_MS: i64 = 60_000;

/// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Inverse of [`days_from_civil`].
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z.saturating_add(719_468);
    let era = if z >= 0 { z } else { z.saturating_sub(146_096) } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Reads exactly `n` ASCII digits at `*pos`, advancing it.
fn digits(b: &[u8], pos: &mut usize, n: usize) -> Option<i64> {
    let end = pos.checked_add(n)?;
    let slice = b.get(*pos..end)?;
    let mut v: i64 = 0;
    for &c in slice {
        if !c.is_ascii_digit() {
            return None;
        }
        v = v * 10 + i64::from(c - b'0');
    }
    *pos = end;
    Some(v)
}

fn expect(b: &[u8], pos: &mut usize, want: &[u8]) -> Option<()> {
    let c = *b.get(*pos)?;
    // A loop, not `want.contains`: that calls `memchr` for a set of one to three bytes.
    for &w in want {
        if w == c {
            *pos += 1;
            return Some(());
        }
    }
    None
}

fn to_ms(y: i64, mo: i64, d: i64, h: i64, mi: i64, s: i64, ms: i64) -> Option<i64> {
    if !(1..=12).contains(&mo) || d < 1 || d > days_in_month(y, mo) {
        return None;
    }
    // A leap second (":60") is folded into the last second of the minute.
    if h > 23 || mi > 59 || s > 60 {
        return None;
    }
    let s = s.min(59);
    let days = days_from_civil(y, mo, d);
    Some(((days * 24 + h) * 60 + mi) * 60_000 + s * 1000 + ms)
}

/// Parses an RFC 3339 timestamp (`2026-01-30T10:42:56.002Z`, `…+02:00`, fractional
/// seconds of any length) into ms since the epoch. `None` on anything else.
///
/// Lenient where real feeds are sloppy: `t`/space as separator, lowercase `z`,
/// offsets written `+0200` or `+02`.
pub fn parse_rfc3339(s: &str) -> Option<i64> {
    let b = crate::text::trim(s).as_bytes();
    let mut p = 0;
    let y = digits(b, &mut p, 4)?;
    expect(b, &mut p, b"-")?;
    let mo = digits(b, &mut p, 2)?;
    expect(b, &mut p, b"-")?;
    let d = digits(b, &mut p, 2)?;
    expect(b, &mut p, b"Tt ")?;
    let h = digits(b, &mut p, 2)?;
    expect(b, &mut p, b":")?;
    let mi = digits(b, &mut p, 2)?;
    expect(b, &mut p, b":")?;
    let sec = digits(b, &mut p, 2)?;
    let mut ms = 0;
    if b.get(p) == Some(&b'.') {
        p += 1;
        let start = p;
        while b.get(p).is_some_and(u8::is_ascii_digit) {
            if p - start < 3 {
                ms = ms * 10 + i64::from(b[p] - b'0');
            }
            p += 1;
        }
        let n = p - start;
        if n == 0 {
            return None;
        }
        for _ in n..3 {
            ms *= 10;
        }
    }
    let offset_min = match b.get(p)? {
        b'Z' | b'z' => {
            p += 1;
            0
        }
        sign @ (b'+' | b'-') => {
            let neg = *sign == b'-';
            p += 1;
            let oh = digits(b, &mut p, 2)?;
            let om = if b.get(p) == Some(&b':') {
                p += 1;
                digits(b, &mut p, 2)?
            } else if p < b.len() {
                digits(b, &mut p, 2)?
            } else {
                0
            };
            if oh > 23 || om > 59 {
                return None;
            }
            let off = oh * 60 + om;
            if neg {
                -off
            } else {
                off
            }
        }
        _ => return None,
    };
    if p != b.len() {
        return None;
    }
    let t = to_ms(y, mo, d, h, mi, sec, ms)?;
    Some(t - offset_min * MINUTE_MS)
}

/// `s.parse::<i64>()` for what an HTTP date's numbers can be, without the standard
/// library's generic integer parser (half a kilobyte of wasm): an optional sign, then
/// decimal digits. Only `i64::MIN` itself is refused where `parse` takes it; every
/// caller refuses negative numbers anyway.
pub(crate) fn int(s: &str) -> Option<i64> {
    let (neg, digits) = match s.as_bytes().first()? {
        b'+' => (false, &s[1..]),
        b'-' => (true, &s[1..]),
        _ => (false, s),
    };
    if digits.is_empty() {
        return None;
    }
    let n = i64::try_from(crate::json::decimal(digits)?).ok()?;
    Some(if neg { -n } else { n })
}

/// Parses an IMF-fixdate HTTP date (`Sun, 06 Nov 1994 08:49:37 GMT`), as used by
/// `Retry-After`, `Last-Modified` and RSS `pubDate`. The weekday is ignored.
pub fn parse_http_date(s: &str) -> Option<i64> {
    let mut rest = s;
    let mut it = Words(&mut rest);
    let mut first = it.next()?;
    // The last byte, not `ends_with(',')`: no `char` suffix test in the wasm for this.
    if first.as_bytes().last() == Some(&b',') || first.chars().all(|c| c.is_ascii_alphabetic()) {
        first = it.next()?;
    }
    let day = int(first)?;
    let mon = it.next()?;
    let months = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    // Compared ignoring case, not lowered into a copy (`to_ascii_lowercase`: no other
    // caller in the wasm).
    let mo = months.iter().position(|m| m.eq_ignore_ascii_case(mon))? as i64 + 1;
    let y = int(it.next()?)?;
    if !(1000..=9999).contains(&y) {
        return None;
    }
    // Exactly three fields: a third `:` leaves one in `sec`, which `int` refuses.
    let (h, rest) = crate::text::split_once(it.next()?, b':')?;
    let (mi, sec) = crate::text::split_once(rest, b':')?;
    let (h, mi, sec) = (int(h)?, int(mi)?, int(sec)?);
    if h < 0 || mi < 0 || sec < 0 {
        return None;
    }
    match it.next() {
        None => {}
        Some(z) if z.eq_ignore_ascii_case("gmt") || z == "UTC" || z == "+0000" || z == "Z" => {}
        Some(_) => return None,
    }
    if it.next().is_some() {
        return None;
    }
    to_ms(y, mo, day, h, mi, sec, 0)
}

/// `str::split_whitespace`'s words, without its searcher (code of its own in the wasm for
/// this one caller): the next word is the run of chars up to whitespace, after
/// [`crate::text::trim`].
struct Words<'s, 'a>(&'s mut &'a str);

impl<'a> Iterator for Words<'_, 'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let s = crate::text::trim(self.0);
        let mut end = 0;
        for c in s.chars() {
            if c.is_whitespace() {
                break;
            }
            end += c.len_utf8();
        }
        *self.0 = &s[end..];
        (end > 0).then(|| &s[..end])
    }
}

/// Formats ms since the epoch as RFC 3339 UTC: `2026-09-15T12:00:00Z`, with `.mmm`
/// only when there are milliseconds. Never panics, whatever the input.
pub fn format_rfc3339(ms: i64) -> String {
    let days = ms.div_euclid(86_400_000);
    let rem = ms.rem_euclid(86_400_000);
    let (y, m, d) = civil_from_days(days);
    let (h, mi, s, frac) = (
        rem / 3_600_000,
        rem / 60_000 % 60,
        rem / 1000 % 60,
        rem % 1000,
    );
    if frac == 0 {
        format!("{y:04}-{m:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z")
    } else {
        format!("{y:04}-{m:02}-{d:02}T{h:02}:{mi:02}:{s:02}.{frac:03}Z")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_as_split_whitespace_does() {
        use proptest::prelude::*;
        let piece = prop_oneof![
            3 => "[a-zA-Z0-9,:+]{1,4}",
            2 => prop::sample::select(vec![
                " ", "  ", "\t", "\n", "\r\n", "\u{A0}", "\u{85}", "\u{2028}", "\u{3000}",
                "\u{200B}", "\u{1680}", "é", "日", "🙂", "\u{0}",
            ])
            .prop_map(str::to_owned),
            1 => any::<char>().prop_map(String::from),
        ];
        let text = prop::collection::vec(piece, 0..12).prop_map(|v| v.concat());
        proptest!(ProptestConfig::with_cases(2000), |(s in text)| {
            let mut rest = s.as_str();
            let words: Vec<&str> = Words(&mut rest).collect();
            prop_assert_eq!(words, s.split_whitespace().collect::<Vec<_>>(), "{:?}", s);
        });
    }

    #[test]
    fn int_reads_as_parse_does() {
        for s in [
            "0",
            "7",
            "+7",
            "-7",
            "-0",
            "+0",
            "09",
            "",
            "+",
            "-",
            "+-1",
            "1a",
            " 1",
            "1 ",
            "١",
            "9223372036854775807",
            "9223372036854775808",
            "-9223372036854775807",
        ] {
            assert_eq!(int(s), s.parse::<i64>().ok(), "{s:?}");
        }
    }

    #[test]
    fn parses_real_shapes() {
        assert_eq!(parse_rfc3339("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(
            parse_rfc3339("2026-01-30T10:42:56.002Z"),
            Some(1_769_769_776_002)
        );
        assert_eq!(
            parse_rfc3339("2026-01-30T11:21:05.2Z"),
            parse_rfc3339("2026-01-30T11:21:05.200Z")
        );
        assert_eq!(
            parse_rfc3339("2026-01-30T12:42:56.002123456+02:00"),
            Some(1_769_769_776_002)
        );
        assert_eq!(
            parse_rfc3339("2026-01-30T05:42:56.002-0500"),
            Some(1_769_769_776_002)
        );
        assert_eq!(
            parse_rfc3339("2024-02-29T00:00:00z"),
            Some(1_709_164_800_000)
        );
    }

    #[test]
    fn rejects_garbage() {
        for s in [
            "",
            "not a date",
            "2026-01-30",
            "2026-13-01T00:00:00Z",
            "2023-02-29T00:00:00Z",
            "2026-01-30T24:00:00Z",
            "2026-01-30T10:42:56.Z",
            "2026-01-30T10:42:56",
            "2026-01-30T10:42:56Zjunk",
            "2026-01-30T10:42:56+2",
            "２０２６-01-30T10:42:56Z",
        ] {
            assert_eq!(parse_rfc3339(s), None, "{s}");
        }
    }

    #[test]
    fn round_trip() {
        for s in [
            "2026-09-15T12:00:00Z",
            "2026-01-30T10:42:56.002Z",
            "1969-12-31T23:59:59.999Z",
            "2000-02-29T00:00:00Z",
        ] {
            assert_eq!(format_rfc3339(parse_rfc3339(s).unwrap()), s);
        }
        // Extremes must not panic.
        let _ = format_rfc3339(i64::MIN);
        let _ = format_rfc3339(i64::MAX);
    }

    #[test]
    fn http_dates() {
        assert_eq!(
            parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"),
            parse_rfc3339("1994-11-06T08:49:37Z")
        );
        assert_eq!(
            parse_http_date("Thu, 08 Jan 2026 02:45:00 GMT"),
            parse_rfc3339("2026-01-08T02:45:00Z")
        );
        assert_eq!(parse_http_date("120"), None);
        assert_eq!(parse_http_date("Sun, 06 Nov 1994 08:49:37 PST"), None);
        assert_eq!(parse_http_date("Sun, 31 Feb 1994 08:49:37 GMT"), None);
    }
}
