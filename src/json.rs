//! A small JSON reader: text → [`Json`] tree, read into records by [`crate::wire`].
//!
//! Why not `serde_json` in the wasm: it monomorphises a streaming parser into every derived
//! type's visitor, and its errors format `Unexpected::Float` & co, which pulls in float
//! formatting. Here the text is parsed once into a borrowed tree (objects as vectors,
//! strings borrowed unless escaped). It is also faster than `serde_json::Value` (no
//! `BTreeMap`, fewer copies).
//!
//! It accepts and rejects exactly what `serde_json` does (strict RFC 8259, nesting
//! limited to 127 levels, lone surrogates and out-of-range numbers rejected); with
//! duplicate keys [`Json::get`] sees the last one, as `serde_json::Value` does. Tested
//! against `serde_json` in `tests/json.rs`.

use crate::block::{Block, LANES};
use std::borrow::Cow;
use std::fmt;

/// A parsed JSON value borrowing from its text.
#[derive(Debug, Clone, PartialEq)]
pub enum Json<'a> {
    Null,
    Bool(bool),
    /// The number as written (validated JSON number syntax and range).
    Number(&'a str),
    String(Cow<'a, str>),
    Array(Vec<Json<'a>>),
    /// Members in document order, duplicates kept.
    Object(Vec<(Cow<'a, str>, Json<'a>)>),
}

/// Unreadable JSON or a record of the wrong shape. Deliberately carries no message:
/// callers only ever fall back to a default or report "not JSON".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Error;

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("invalid JSON")
    }
}

impl std::error::Error for Error {}

/// serde_json's nesting limit: 127 nested arrays/objects parse, 128 do not.
const MAX_DEPTH: u32 = 127;

/// Parses a whole JSON text (surrounding whitespace allowed, nothing else).
pub fn parse(text: &str) -> Result<Json<'_>, Error> {
    let mut p = Parser {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        depth: 0,
    };
    let v = p.value()?;
    p.ws();
    if p.pos == p.bytes.len() {
        Ok(v)
    } else {
        Err(Error)
    }
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    depth: u32,
}

impl<'a> Parser<'a> {
    // The small helpers are inlined by force: the wasm is built for size, which otherwise
    // leaves each a call per byte or token.
    #[inline(always)]
    fn ws(&mut self) {
        while let Some(b) = self.peek() {
            match b {
                b' ' | b'\t' | b'\r' => self.pos += 1,
                b'\n' => {
                    self.pos += 1;
                    self.indent();
                }
                _ => break,
            }
        }
    }

    /// The spaces after a line break, eight at a time: pretty-printed JSON is indented,
    /// and skipping it byte by byte took 8 % of the reader's time on the bench summary.
    /// Eight, not a [`Block`]: an indent is mostly shorter than that, and one `u64` made
    /// reading and deciding the bench summary 2 % faster. Other whitespace is left to
    /// [`Parser::ws`].
    fn indent(&mut self) {
        while let Some(&[a, b, c, d, e, f, g, h]) = self.bytes.get(self.pos..self.pos + 8) {
            // Spaces become zero bytes: the first other byte holds the lowest set bit.
            let x = u64::from_le_bytes([a, b, c, d, e, f, g, h]) ^ u64::from_le_bytes([b' '; 8]);
            let spaces = (x.trailing_zeros() / 8) as usize;
            self.pos += spaces;
            if spaces < 8 {
                return;
            }
        }
    }

    #[inline(always)]
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    #[inline(always)]
    fn eat(&mut self, b: u8) -> bool {
        if self.peek() == Some(b) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn literal(&mut self, word: &str, v: Json<'a>) -> Result<Json<'a>, Error> {
        if self.bytes[self.pos..].starts_with(word.as_bytes()) {
            self.pos += word.len();
            Ok(v)
        } else {
            Err(Error)
        }
    }

    #[cfg_attr(hot_speed, optimize(speed))]
    fn value(&mut self) -> Result<Json<'a>, Error> {
        self.ws();
        match self.peek().ok_or(Error)? {
            b'n' => self.literal("null", Json::Null),
            b't' => self.literal("true", Json::Bool(true)),
            b'f' => self.literal("false", Json::Bool(false)),
            b'"' => Ok(Json::String(self.string()?)),
            b'[' => {
                self.enter()?;
                let mut items = Vec::new();
                self.ws();
                if !self.eat(b']') {
                    loop {
                        items.push(self.value()?);
                        self.ws();
                        if self.eat(b']') {
                            break;
                        }
                        if !self.eat(b',') {
                            return Err(Error);
                        }
                    }
                }
                self.depth -= 1;
                Ok(Json::Array(items))
            }
            b'{' => {
                self.enter()?;
                // Room for eight members at once: a summary's objects mostly have three
                // to nine, and growing from four moved them twice (1.6 % of reading and
                // deciding the bench summary). Allocating is a free-list pop whatever the
                // size.
                let mut members = Vec::with_capacity(8);
                self.ws();
                if !self.eat(b'}') {
                    loop {
                        self.ws();
                        if self.peek() != Some(b'"') {
                            return Err(Error);
                        }
                        let key = self.string()?;
                        self.ws();
                        if !self.eat(b':') {
                            return Err(Error);
                        }
                        members.push((key, self.value()?));
                        self.ws();
                        if self.eat(b'}') {
                            break;
                        }
                        if !self.eat(b',') {
                            return Err(Error);
                        }
                    }
                }
                self.depth -= 1;
                Ok(Json::Object(members))
            }
            _ => self.number(),
        }
    }

    fn enter(&mut self) -> Result<(), Error> {
        self.pos += 1;
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            Err(Error)
        } else {
            Ok(())
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
        self.pos - start
    }

    fn number(&mut self) -> Result<Json<'a>, Error> {
        let start = self.pos;
        self.eat(b'-');
        match self.peek() {
            Some(b'0') => {
                self.pos += 1;
                if let Some(b'0'..=b'9') = self.peek() {
                    return Err(Error);
                }
            }
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return Err(Error),
        }
        let mut integer = true;
        if self.eat(b'.') {
            integer = false;
            if self.digits() == 0 {
                return Err(Error);
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            integer = false;
            if !self.eat(b'+') {
                self.eat(b'-');
            }
            if self.digits() == 0 {
                return Err(Error);
            }
        }
        let lit = &self.text[start..self.pos];
        // serde_json refuses numbers that do not fit an f64.
        let exact_integer = integer && int_of(lit).is_some();
        if !exact_integer && !float_of(lit).is_finite() {
            return Err(Error);
        }
        Ok(Json::Number(lit))
    }

    /// A string at `pos` (which is `"`): borrowed unless it has escapes.
    #[cfg_attr(hot_speed, optimize(speed))]
    fn string(&mut self) -> Result<Cow<'a, str>, Error> {
        self.pos += 1;
        let start = self.pos;
        // Fast path, most strings: one tight scan to the closing quote, then borrow.
        let len = stop(&self.bytes[start..]).ok_or(Error)?;
        self.pos = start + len;
        match self.bytes[self.pos] {
            b'"' => {
                self.pos += 1;
                return Ok(Cow::Borrowed(&self.text[start..start + len]));
            }
            b'\\' => {}
            _ => return Err(Error),
        }
        let mut out = String::from(&self.text[start..self.pos]);
        loop {
            let b = self.peek().ok_or(Error)?;
            match b {
                b'"' => {
                    self.pos += 1;
                    return Ok(Cow::Owned(out));
                }
                0..=0x1f => return Err(Error),
                b'\\' => {
                    self.pos += 1;
                    let e = self.peek().ok_or(Error)?;
                    self.pos += 1;
                    let c = match e {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => self.unicode_escape()?,
                        _ => return Err(Error),
                    };
                    out.push(c);
                }
                _ => {
                    // Copy the run up to the next quote, backslash or control byte.
                    let run = self.pos;
                    let len = stop(&self.bytes[run..]).ok_or(Error)?;
                    self.pos += len;
                    out.push_str(&self.text[run..self.pos]);
                }
            }
        }
    }

    fn hex4(&mut self) -> Result<u32, Error> {
        let mut n = 0;
        for _ in 0..4 {
            let d = char::from(self.peek().ok_or(Error)?)
                .to_digit(16)
                .ok_or(Error)?;
            n = n * 16 + d;
            self.pos += 1;
        }
        Ok(n)
    }

    /// After `\u`: one code point, surrogate pairs joined; a lone surrogate is an error.
    fn unicode_escape(&mut self) -> Result<char, Error> {
        let hi = self.hex4()?;
        let code = match hi {
            0xD800..=0xDBFF => {
                if !(self.eat(b'\\') && self.eat(b'u')) {
                    return Err(Error);
                }
                let lo = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&lo) {
                    return Err(Error);
                }
                0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
            }
            0xDC00..=0xDFFF => return Err(Error),
            n => n,
        };
        char::from_u32(code).ok_or(Error)
    }
}

/// Length of the plain run at the start of `bytes`, up to its first `"`, `\\` or control
/// character (`None` if it has none): sixteen bytes at a time ([`Block`]), as strings are
/// most of a summary and update texts are long.
fn stop(bytes: &[u8]) -> Option<usize> {
    let mut done = 0;
    while let Some(block) = bytes.get(done..).and_then(Block::load) {
        let n = stops(block);
        if n < LANES {
            return Some(done + n);
        }
        done += LANES;
    }
    stop_in_last(bytes.get(done..)?).map(|n| done + n)
}

/// The first `"`, `\\` or control character of `block`, or [`LANES`].
#[inline(always)]
fn stops(block: Block) -> usize {
    (block.eq(b'"') | block.eq(b'\\') | block.below(0x20)).first()
}

/// [`stop`] in the last few bytes of a text, shorter than a block: a call of its own, so
/// that `stop` needs no stack frame.
#[cold]
#[inline(never)]
fn stop_in_last(rest: &[u8]) -> Option<usize> {
    // Past the end, a quote: the scan stops there, and the length tells it apart.
    let n = stops(Block::read(rest, b'"'));
    (n < rest.len()).then_some(n)
}

/// The value of an integer literal as serde_json classifies it: `Ok` for one that fits
/// a `u64`, `Err` for a negative one that fits an `i64`; `None` if serde_json would read
/// it as a float (too large, `-0`, a fraction or an exponent).
pub(crate) fn int_of(lit: &str) -> Option<Result<u64, i64>> {
    // `"-"`, not `'-'`: the `&str` prefix test is in the wasm anyway, a `char` one would
    // be code of its own (as in `known` and `notify`).
    let (neg, digits) = match lit.strip_prefix("-") {
        Some(d) => (true, d),
        None => (false, lit),
    };
    let n = decimal(digits)?;
    if !neg {
        Some(Ok(n))
    } else if n == 0 || n > 1 << 63 {
        None
    } else {
        Some(Err(0i64.wrapping_sub_unsigned(n)))
    }
}

/// The value of ASCII decimal digits (0 for none): `None` for any other byte, or past
/// `u64::MAX`. Overflow is told by comparing with constants: `checked_mul` multiplies in
/// 128 bits on wasm32 (`__multi3`, code of its own in the wasm).
pub(crate) fn decimal(digits: &str) -> Option<u64> {
    const MAX_TENTH: u64 = u64::MAX / 10;
    let mut n: u64 = 0;
    for b in digits.bytes() {
        if !b.is_ascii_digit() {
            return None;
        }
        let d = u64::from(b - b'0');
        if n > MAX_TENTH || (n == MAX_TENTH && d > u64::MAX % 10) {
            return None;
        }
        n = n * 10 + d;
    }
    Some(n)
}

/// A number literal's value as a float. In the browser the engine's own `parseFloat`
/// does it, which keeps Rust's float parser (and its tables) out of the wasm.
#[cfg(target_arch = "wasm32")]
fn float_of(lit: &str) -> f64 {
    js_sys::parse_float(lit)
}

#[cfg(not(target_arch = "wasm32"))]
fn float_of(lit: &str) -> f64 {
    lit.parse().unwrap_or(f64::NAN)
}

impl<'a> Json<'a> {
    /// The member `key` of an object (the last one if repeated).
    pub fn get(&self, key: &str) -> Option<&Json<'a>> {
        match self {
            Json::Object(members) => members.iter().rev().find(|(k, _)| k == key).map(|m| &m.1),
            _ => None,
        }
    }

    pub fn is_object(&self) -> bool {
        matches!(self, Json::Object(_))
    }

    pub fn is_array(&self) -> bool {
        matches!(self, Json::Array(_))
    }

    pub fn as_array(&self) -> Option<&[Json<'a>]> {
        match self {
            Json::Array(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_object(&self) -> Option<&[(Cow<'a, str>, Json<'a>)]> {
        match self {
            Json::Object(members) => Some(members),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Json::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// An integer that fits `i64` or `u64`, as its decimal text (exactly as written).
    pub fn integer_text(&self) -> Option<&'a str> {
        match self {
            Json::Number(lit) => int_of(lit).map(|_| *lit),
            _ => None,
        }
    }
}

#[cfg(test)]
mod stop_tests {
    use super::*;

    #[test]
    fn the_block_scan_stops_where_a_byte_scan_does() {
        let byte_scan = |b: &[u8]| b.iter().position(|&b| b == b'"' || b == b'\\' || b < 0x20);
        for filler in [b'a', b' ', 0x7F, 0x80, 0xC3, 0xFF] {
            for len in 0..36 {
                let mut bytes = vec![filler; len];
                assert_eq!(stop(&bytes), byte_scan(&bytes));
                for at in 0..len {
                    for b in 0..=255u8 {
                        bytes[at] = b;
                        assert_eq!(stop(&bytes), byte_scan(&bytes), "{bytes:?}");
                        bytes[at] = filler;
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod decimal_tests {
    use super::*;

    #[test]
    fn decimal_reads_digits_as_parse_does() {
        for s in [
            "0",
            "7",
            "0042",
            "18446744073709551614",
            "18446744073709551615",
            "18446744073709551616",
            "18446744073709551620",
            "184467440737095516150",
            "000000000000000000000018446744073709551615",
            "99999999999999999999",
        ] {
            assert_eq!(decimal(s), s.parse::<u64>().ok(), "{s:?}");
        }
        assert_eq!(decimal(""), Some(0));
        assert_eq!(decimal("1a"), None);
        assert_eq!(decimal("+1"), None);
    }
}
