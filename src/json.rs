//! A small JSON reader: text → [`Doc`], a document's values in one vector, read through
//! [`Value`] views by [`crate::source`]; or text → [`Json`], an owned tree that
//! [`crate::wire`] reads records from and [`crate::migrate`] edits.
//!
//! Why not `serde_json` in the wasm: it monomorphises a streaming parser into every derived
//! type's visitor, and its errors format `Unexpected::Float` & co, which pulls in float
//! formatting. Here the text is parsed once, strings borrowed unless escaped.
//!
//! Why one vector (a "tape", as simdjson calls it) and not a tree of vectors: a status
//! summary is thousands of values, and a tree allocated a vector per object and array,
//! moved every member into it and freed them all again afterwards. On the bench summary
//! (issue 9) that was a fifth of reading and deciding; the tape is pushed to and freed
//! once. The owned [`Json`] tree is built from a tape, for the small stored records.
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
const MAX_DEPTH: u32 = 127;

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

/// Parses a whole JSON text (surrounding whitespace allowed, nothing else).
pub fn read(text: &str) -> Result<Doc<'_>, Error> {
    let mut p = Parser {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        depth: 0,
        // About one value per sixteen bytes of a pretty-printed summary (1 per 21 on the
        // bench summary): mostly one allocation, never more than a few.
        doc: Doc {
            nodes: Vec::with_capacity(text.len() / 16 + 4),
            escaped: Vec::new(),
        },
    };
    p.value()?;
    p.ws();
    if p.pos == p.bytes.len() {
        Ok(p.doc)
    } else {
        Err(Error)
    }
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

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    depth: u32,
    doc: Doc<'a>,
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

    fn literal(&mut self, word: &str, v: Node<'a>) -> Result<Node<'a>, Error> {
        if self.bytes[self.pos..].starts_with(word.as_bytes()) {
            self.pos += word.len();
            Ok(v)
        } else {
            Err(Error)
        }
    }

    /// The value at `pos`, pushed to the tape (with its contents).
    #[cfg_attr(hot_speed, optimize(speed))]
    fn value(&mut self) -> Result<(), Error> {
        self.ws();
        let node = match self.peek().ok_or(Error)? {
            b'n' => self.literal("null", Node::Null)?,
            b't' => self.literal("true", Node::Bool(true))?,
            b'f' => self.literal("false", Node::Bool(false))?,
            b'"' => self.string()?,
            b'[' => {
                let at = self.enter()?;
                self.ws();
                if !self.eat(b']') {
                    loop {
                        self.value()?;
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
                self.doc.nodes[at] = Node::Array {
                    end: self.doc.nodes.len(),
                };
                return Ok(());
            }
            b'{' => {
                let at = self.enter()?;
                self.ws();
                if !self.eat(b'}') {
                    loop {
                        self.ws();
                        if self.peek() != Some(b'"') {
                            return Err(Error);
                        }
                        let key = self.string()?;
                        self.doc.nodes.push(key);
                        self.ws();
                        if !self.eat(b':') {
                            return Err(Error);
                        }
                        self.value()?;
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
                self.doc.nodes[at] = Node::Object {
                    end: self.doc.nodes.len(),
                };
                return Ok(());
            }
            _ => self.number()?,
        };
        self.doc.nodes.push(node);
        Ok(())
    }

    /// Past the `[` or `{` at `pos`: a place on the tape for the array or object, filled
    /// in once its end is known.
    fn enter(&mut self) -> Result<usize, Error> {
        self.pos += 1;
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(Error);
        }
        self.doc.nodes.push(Node::Null);
        Ok(self.doc.nodes.len() - 1)
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
        self.pos - start
    }

    fn number(&mut self) -> Result<Node<'a>, Error> {
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
        Ok(Node::Number(lit))
    }

    /// A string at `pos` (which is `"`): borrowed unless it has escapes.
    #[cfg_attr(hot_speed, optimize(speed))]
    fn string(&mut self) -> Result<Node<'a>, Error> {
        self.pos += 1;
        let start = self.pos;
        // Fast path, most strings: one tight scan to the closing quote, then borrow.
        let len = stop(&self.bytes[start..]).ok_or(Error)?;
        self.pos = start + len;
        match self.bytes[self.pos] {
            b'"' => {
                self.pos += 1;
                return Ok(Node::Plain(&self.text[start..start + len]));
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
                    self.doc.escaped.push(out);
                    return Ok(Node::Escaped(self.doc.escaped.len() - 1));
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
