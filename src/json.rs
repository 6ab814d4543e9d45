//! A small JSON reader: text → [`Doc`], a document's values in one vector, read through
//! [`Value`] views by [`crate::source`]; or text → [`Json`], an owned tree that
//! [`crate::wire`] reads records from and [`crate::migrate`] edits.
//!
//! Why not `serde_json` in the wasm: it monomorphises a streaming parser into every derived
//! type's visitor, and its errors format `Unexpected::Float` & co, which pulls in float
//! formatting. Here the text is parsed once, strings borrowed unless escaped.
//!
//! Why one vector (a "tape", as simdjson calls it) and not a tree of vectors: a status
//! summary is over a thousand values, and a tree allocated a vector per object and
//! array, moved every member into it and freed them all again afterwards (freeing alone
//! was 5 % of reading and deciding the bench summary, issue 9). The tape is pushed to and
//! freed once: 4.5 % faster in all. The owned [`Json`] tree is built from a tape, for the
//! small stored records.
//!
//! It accepts and rejects exactly what `serde_json` does (strict RFC 8259, nesting
//! limited to 127 levels, lone surrogates and out-of-range numbers rejected); with
//! duplicate keys [`Json::get`] and [`Value::get`] see the last one, as
//! `serde_json::Value` does. Tested against `serde_json` in `tests/json.rs`.

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
const MAX_DEPTH: usize = 127;

/// A parsed JSON text: every value in document order, each array and object followed by
/// its contents (an object's as key, value, key, value…). Read it through [`Doc::root`].
#[derive(Debug)]
pub struct Doc<'a> {
    nodes: Vec<Node<'a>>,
    /// The strings that had escapes, decoded ([`Node::Escaped`] indexes them).
    escaped: Vec<String>,
}

/// One value of a [`Doc`]: twelve bytes in the wasm.
#[derive(Debug, Clone, Copy)]
enum Node<'a> {
    Null,
    Bool(bool),
    /// As written (validated JSON number syntax and range).
    Number(&'a str),
    /// A string without escapes, borrowed from the text.
    Plain(&'a str),
    /// A string with escapes: its index in [`Doc::escaped`].
    Escaped(usize),
    /// An array or object; its contents are the nodes after it up to `end` (exclusive).
    Array {
        end: usize,
    },
    Object {
        end: usize,
    },
}

#[cfg(target_arch = "wasm32")]
const _: () = assert!(std::mem::size_of::<Node>() == 12);

/// Parses a whole JSON text (surrounding whitespace allowed, nothing else).
///
/// One loop with the open arrays and objects on a stack of its own, not a function that
/// calls itself for each value: the position stays in a local (a recursive reader stored
/// it to memory and read it back around every call), and only escaped strings, numbers
/// and literals leave the loop. Reading and deciding the bench summary took 7 % less
/// time than with the recursive reader it replaced.
#[cfg_attr(hot_speed, optimize(speed))]
pub fn read(text: &str) -> Result<Doc<'_>, Error> {
    let bytes = text.as_bytes();
    let mut doc = Doc {
        // Room for one value per sixteen bytes: the fixtures have one per 12 to 41 (the
        // pretty-printed summaries one per 18, the bench summary one per 41 with its long
        // update texts), so it mostly takes one allocation, else grows once or twice.
        nodes: Vec::with_capacity(text.len() / 16 + 4),
        escaped: Vec::new(),
    };
    // Where on the tape each open array or object is, innermost last.
    let mut open = [0usize; MAX_DEPTH];
    let mut depth = 0;
    let mut pos = 0;
    'value: loop {
        // A value at `pos` (after whitespace).
        pos = ws(bytes, pos);
        let first = *bytes.get(pos).ok_or(Error)?;
        if let open_byte @ (b'[' | b'{') = first {
            if depth == MAX_DEPTH {
                return Err(Error);
            }
            open[depth] = doc.nodes.len();
            depth += 1;
            let object = open_byte == b'{';
            doc.nodes.push(if object {
                Node::Object { end: 0 }
            } else {
                Node::Array { end: 0 }
            });
            pos = ws(bytes, pos + 1);
            // `}` is `{` + 2, and `]` is `[` + 2. Empty: closed below.
            if bytes.get(pos) != Some(&(open_byte + 2)) {
                if object {
                    pos = key(text, pos, &mut doc)?;
                }
                continue 'value;
            }
        } else {
            let (node, next) = if first == b'"' {
                string(text, pos, &mut doc.escaped)?
            } else {
                scalar(text, pos)?
            };
            doc.nodes.push(node);
            pos = next;
        }
        // After a value: the next item or member, or the ends of the arrays and objects
        // that this value completes.
        while depth > 0 {
            pos = ws(bytes, pos);
            let at = open[depth - 1];
            let object = matches!(doc.nodes[at], Node::Object { .. });
            match (bytes.get(pos), object) {
                (Some(b','), _) => {
                    pos += 1;
                    if object {
                        pos = key(text, pos, &mut doc)?;
                    }
                    continue 'value;
                }
                (Some(b'}'), true) | (Some(b']'), false) => {
                    pos += 1;
                    let end = doc.nodes.len();
                    doc.nodes[at] = if object {
                        Node::Object { end }
                    } else {
                        Node::Array { end }
                    };
                    depth -= 1;
                }
                _ => return Err(Error),
            }
        }
        break;
    }
    if ws(bytes, pos) == bytes.len() {
        Ok(doc)
    } else {
        Err(Error)
    }
}

/// An object's key at `pos` (after whitespace) pushed to the tape; the position after
/// its colon.
#[inline(always)]
fn key<'a>(text: &'a str, pos: usize, doc: &mut Doc<'a>) -> Result<usize, Error> {
    let bytes = text.as_bytes();
    let pos = ws(bytes, pos);
    if bytes.get(pos) != Some(&b'"') {
        return Err(Error);
    }
    let (node, pos) = string(text, pos, &mut doc.escaped)?;
    doc.nodes.push(node);
    let pos = ws(bytes, pos);
    if bytes.get(pos) != Some(&b':') {
        return Err(Error);
    }
    Ok(pos + 1)
}

/// The position of the first byte at or after `pos` that is not whitespace.
#[inline(always)]
fn ws(bytes: &[u8], mut pos: usize) -> usize {
    loop {
        match bytes.get(pos) {
            Some(b' ' | b'\t' | b'\r') => pos += 1,
            Some(b'\n') => pos = indent(bytes, pos + 1),
            _ => return pos,
        }
    }
}

/// The spaces at `pos`, after a line break, eight at a time: pretty-printed JSON is
/// indented, and skipping it byte by byte took 8 % of the reader's time on the bench
/// summary. Eight, not a [`Block`]: an indent is mostly shorter than that, and one `u64`
/// made reading and deciding the bench summary 2 % faster. Other whitespace is left to
/// [`ws`].
#[inline(always)]
fn indent(bytes: &[u8], mut pos: usize) -> usize {
    while let Some(&[a, b, c, d, e, f, g, h]) = bytes.get(pos..pos + 8) {
        // Spaces become zero bytes: the first other byte holds the lowest set bit.
        let x = u64::from_le_bytes([a, b, c, d, e, f, g, h]) ^ u64::from_le_bytes([b' '; 8]);
        let spaces = (x.trailing_zeros() / 8) as usize;
        pos += spaces;
        if spaces < 8 {
            break;
        }
    }
    pos
}

/// The string at `pos` (which is `"`) and the position after it: borrowed unless it has
/// escapes.
#[inline(always)]
fn string<'a>(
    text: &'a str,
    pos: usize,
    escaped: &mut Vec<String>,
) -> Result<(Node<'a>, usize), Error> {
    let start = pos + 1;
    let bytes = text.as_bytes();
    // Most strings: one scan to the closing quote, then borrow.
    let len = stop(bytes.get(start..).ok_or(Error)?).ok_or(Error)?;
    let end = start + len;
    match bytes[end] {
        b'"' => Ok((Node::Plain(text.get(start..end).ok_or(Error)?), end + 1)),
        b'\\' => {
            let (s, next) = unescape(text, start, end)?;
            escaped.push(s);
            Ok((Node::Escaped(escaped.len() - 1), next))
        }
        _ => Err(Error),
    }
}

/// A string with escapes, from `start` (after its quote); `pos` is where its first
/// backslash is. The decoded text and the position after the closing quote.
#[cold]
fn unescape(text: &str, start: usize, mut pos: usize) -> Result<(String, usize), Error> {
    let bytes = text.as_bytes();
    let mut out = String::from(text.get(start..pos).ok_or(Error)?);
    loop {
        match *bytes.get(pos).ok_or(Error)? {
            b'"' => return Ok((out, pos + 1)),
            0..=0x1f => return Err(Error),
            b'\\' => {
                let e = *bytes.get(pos + 1).ok_or(Error)?;
                pos += 2;
                let c = match e {
                    b'"' => '"',
                    b'\\' => '\\',
                    b'/' => '/',
                    b'b' => '\u{8}',
                    b'f' => '\u{c}',
                    b'n' => '\n',
                    b'r' => '\r',
                    b't' => '\t',
                    b'u' => unicode_escape(bytes, &mut pos)?,
                    _ => return Err(Error),
                };
                out.push(c);
            }
            _ => {
                // Copy the run up to the next quote, backslash or control byte.
                let run = pos;
                pos += stop(&bytes[run..]).ok_or(Error)?;
                out.push_str(text.get(run..pos).ok_or(Error)?);
            }
        }
    }
}

/// Four hex digits at `*pos`.
fn hex4(bytes: &[u8], pos: &mut usize) -> Result<u32, Error> {
    let mut n = 0;
    for _ in 0..4 {
        let d = char::from(*bytes.get(*pos).ok_or(Error)?)
            .to_digit(16)
            .ok_or(Error)?;
        n = n * 16 + d;
        *pos += 1;
    }
    Ok(n)
}

/// After `\u`: one code point, surrogate pairs joined; a lone surrogate is an error.
fn unicode_escape(bytes: &[u8], pos: &mut usize) -> Result<char, Error> {
    let hi = hex4(bytes, pos)?;
    let code = match hi {
        0xD800..=0xDBFF => {
            if bytes.get(*pos..*pos + 2) != Some(b"\\u") {
                return Err(Error);
            }
            *pos += 2;
            let lo = hex4(bytes, pos)?;
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

/// A literal or a number at `pos` (after whitespace) and the position after it.
fn scalar(text: &str, pos: usize) -> Result<(Node<'_>, usize), Error> {
    let rest = text.as_bytes().get(pos..).ok_or(Error)?;
    for (word, node) in [
        ("null", Node::Null),
        ("true", Node::Bool(true)),
        ("false", Node::Bool(false)),
    ] {
        if rest.starts_with(word.as_bytes()) {
            return Ok((node, pos + word.len()));
        }
    }
    let end = pos + number_len(rest)?;
    let lit = text.get(pos..end).ok_or(Error)?;
    // serde_json refuses numbers that do not fit an f64 (`int_of` takes digits only: a
    // fraction or an exponent is read as a float).
    if int_of(lit).is_none() && !float_of(lit).is_finite() {
        return Err(Error);
    }
    Ok((Node::Number(lit), end))
}

/// The length of the JSON number at the start of `bytes`.
fn number_len(bytes: &[u8]) -> Result<usize, Error> {
    let digits = |at: usize| {
        bytes[at.min(bytes.len())..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count()
    };
    let mut at = usize::from(bytes.first() == Some(&b'-'));
    match bytes.get(at) {
        Some(b'0') => at += 1,
        Some(b'1'..=b'9') => at += digits(at),
        _ => return Err(Error),
    }
    if bytes.get(at) == Some(&b'.') {
        let n = digits(at + 1);
        if n == 0 {
            return Err(Error);
        }
        at += 1 + n;
    }
    if matches!(bytes.get(at), Some(b'e' | b'E')) {
        at += 1;
        if matches!(bytes.get(at), Some(b'+' | b'-')) {
            at += 1;
        }
        let n = digits(at);
        if n == 0 {
            return Err(Error);
        }
        at += n;
    }
    Ok(at)
}

/// Parses a whole JSON text into an owned tree ([`read`], then [`Doc::into_tree`]).
pub fn parse(text: &str) -> Result<Json<'_>, Error> {
    read(text).map(Doc::into_tree)
}

impl<'a> Doc<'a> {
    /// The top-level value.
    pub fn root(&self) -> Value<'_> {
        Value { doc: self, at: 0 }
    }

    /// The same document as a [`Json`] tree (escaped strings moved, not copied).
    pub fn into_tree(mut self) -> Json<'a> {
        let mut at = 0;
        tree(&self.nodes, &mut self.escaped, &mut at)
    }

    /// The index after the value at `at` and its contents.
    #[inline(always)]
    fn after(&self, at: usize) -> usize {
        match self.nodes[at] {
            Node::Array { end } | Node::Object { end } => end,
            _ => at + 1,
        }
    }

    #[inline(always)]
    fn str_at(&self, at: usize) -> Option<&str> {
        match self.nodes[at] {
            Node::Plain(s) => Some(s),
            Node::Escaped(i) => Some(&self.escaped[i]),
            _ => None,
        }
    }
}

/// The value at `*at` as a tree; `*at` moves past it.
fn tree<'a>(nodes: &[Node<'a>], escaped: &mut [String], at: &mut usize) -> Json<'a> {
    let node = nodes[*at];
    *at += 1;
    match node {
        Node::Null => Json::Null,
        Node::Bool(b) => Json::Bool(b),
        Node::Number(n) => Json::Number(n),
        Node::Plain(s) => Json::String(Cow::Borrowed(s)),
        Node::Escaped(i) => Json::String(Cow::Owned(std::mem::take(&mut escaped[i]))),
        Node::Array { end } => {
            let mut items = Vec::new();
            while *at < end {
                items.push(tree(nodes, escaped, at));
            }
            Json::Array(items)
        }
        Node::Object { end } => {
            let mut members = Vec::new();
            while *at < end {
                let Json::String(key) = tree(nodes, escaped, at) else {
                    unreachable!("an object's keys are strings")
                };
                members.push((key, tree(nodes, escaped, at)));
            }
            Json::Object(members)
        }
    }
}

/// A value of a [`Doc`]: a position in it, cheap to copy.
#[derive(Clone, Copy)]
pub struct Value<'d> {
    doc: &'d Doc<'d>,
    at: usize,
}

impl fmt::Debug for Value<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.node())
    }
}

impl<'d> Value<'d> {
    fn node(self) -> Node<'d> {
        self.doc.nodes[self.at]
    }

    /// The member `key` of an object (the last one if repeated).
    pub fn get(self, key: &str) -> Option<Value<'d>> {
        let Node::Object { end } = self.node() else {
            return None;
        };
        let mut found = None;
        let mut at = self.at + 1;
        while at < end {
            if self.doc.str_at(at) == Some(key) {
                found = Some(at + 1);
            }
            at = self.doc.after(at + 1);
        }
        found.map(|at| Value { doc: self.doc, at })
    }

    pub fn is_object(self) -> bool {
        matches!(self.node(), Node::Object { .. })
    }

    /// The value, if it is an object: `v.as_object()?` skips what is not one.
    pub fn as_object(self) -> Option<Value<'d>> {
        self.is_object().then_some(self)
    }

    pub fn is_array(self) -> bool {
        matches!(self.node(), Node::Array { .. })
    }

    /// An array's items.
    pub fn items(self) -> Option<Items<'d>> {
        match self.node() {
            Node::Array { end } => Some(Items {
                doc: self.doc,
                at: self.at + 1,
                end,
            }),
            _ => None,
        }
    }

    pub fn as_str(self) -> Option<&'d str> {
        self.doc.str_at(self.at)
    }

    pub fn as_bool(self) -> Option<bool> {
        match self.node() {
            Node::Bool(b) => Some(b),
            _ => None,
        }
    }

    /// An integer that fits `i64` or `u64`, as its decimal text (exactly as written).
    pub fn integer_text(self) -> Option<&'d str> {
        match self.node() {
            Node::Number(lit) => int_of(lit).map(|_| lit),
            _ => None,
        }
    }
}

/// The items of an array [`Value`], in order.
#[derive(Clone)]
pub struct Items<'d> {
    doc: &'d Doc<'d>,
    at: usize,
    end: usize,
}

impl Items<'_> {
    /// No items: what a missing or mistyped array reads as.
    pub fn none() -> Self {
        static EMPTY: Doc<'static> = Doc {
            nodes: Vec::new(),
            escaped: Vec::new(),
        };
        Items {
            doc: &EMPTY,
            at: 0,
            end: 0,
        }
    }
}

impl<'d> Iterator for Items<'d> {
    type Item = Value<'d>;

    fn next(&mut self) -> Option<Value<'d>> {
        if self.at >= self.end {
            return None;
        }
        let v = Value {
            doc: self.doc,
            at: self.at,
        };
        self.at = self.doc.after(self.at);
        Some(v)
    }
}

/// Length of the plain run at the start of `bytes`, up to its first `"`, `\\` or control
/// character (`None` if it has none): sixteen bytes at a time ([`Block`]), as strings are
/// most of a summary and update texts are long.
#[inline(always)]
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

/// [`stop`] in the last few bytes of a text, shorter than a block: a call of its own, out
/// of the loops `stop` is inlined into.
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
