//! What is left of the hand-written time module, for `source.rs` and `wasm.rs` (rewritten
//! on other branches) until they move off it. // removed at merge
//!
//! RFC 3339 times are read and written by [`crate::model`] (through `jiff`).

pub use crate::model::parse_rfc3339;

/// `s.parse::<i64>()` for what an HTTP header's numbers can be: an optional sign, then
/// decimal digits. Only `i64::MIN` itself is refused where `parse` takes it; every
/// caller refuses negative numbers anyway. // removed at merge
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
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

/// Parses an HTTP date (`Sun, 06 Nov 1994 08:49:37 GMT`, as `Retry-After` may hold one)
/// into ms since the epoch: IMF-fixdate, and the obsolete RFC 850 and asctime forms HTTP
/// recipients must accept. `None` on anything else, a wrong weekday included.
pub fn parse_http_date(s: &str) -> Option<i64> {
    let at = httpdate::parse_http_date(s.trim()).ok()?;
    let since_epoch = at.duration_since(std::time::UNIX_EPOCH).ok()?;
    i64::try_from(since_epoch.as_millis()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn http_dates() {
        assert_eq!(
            parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"),
            parse_rfc3339("1994-11-06T08:49:37Z")
        );
        assert_eq!(
            parse_http_date("Thu, 08 Jan 2026 02:45:00 GMT"),
            parse_rfc3339("2026-01-08T02:45:00Z")
        );
        assert_eq!(
            parse_http_date(" Wed, 21 Oct 2015 07:28:00 GMT\r\n"),
            parse_rfc3339("2015-10-21T07:28:00Z")
        );
        assert_eq!(
            parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT"),
            parse_rfc3339("1994-11-06T08:49:37Z")
        );
        assert_eq!(
            parse_http_date("Sun Nov  6 08:49:37 1994"),
            parse_rfc3339("1994-11-06T08:49:37Z")
        );
        assert_eq!(parse_http_date("120"), None);
        assert_eq!(parse_http_date(""), None);
        assert_eq!(parse_http_date("Sun, 06 Nov 1994 08:49:37 PST"), None);
        assert_eq!(parse_http_date("Sun, 31 Feb 1994 08:49:37 GMT"), None);
    }
}
