//! A small JSON reader: text → [`Json`] tree → (optionally) any `Deserialize` type.
//!
//! Why not `serde_json::from_str` in the wasm: it monomorphises a streaming parser into
//! every derived type's visitor, and its errors format `Unexpected::Float` & co, which
//! pulls in float formatting. That was about half of the wasm. Here the text is parsed
//! once into a borrowed tree (objects as vectors, strings borrowed unless escaped), and
//! the tree's `Deserializer` is a few lines per method with a unit error that formats
//! nothing. It is also faster than `serde_json::Value` (no `BTreeMap`, fewer copies).
//!
//! It accepts and rejects exactly what `serde_json` does (strict RFC 8259, nesting
//! limited to 127 levels, lone surrogates and out-of-range numbers rejected); with
//! duplicate keys [`Json::get`] sees the last one, as `serde_json::Value` does. Tested
//! against `serde_json` in `tests/json.rs`.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, value::BorrowedStrDeserializer, Visitor};
use serde::forward_to_deserialize_any;

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

impl de::Error for Error {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Error
    }
}

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
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
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
                let mut members = Vec::new();
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

/// Bytes that end a run of plain string content: `"`, `\\` and control characters.
static STOPS: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 0x20 {
        t[i] = true;
        i += 1;
    }
    t[b'"' as usize] = true;
    t[b'\\' as usize] = true;
    t
};

/// Length of the plain run at the start of `bytes`: eight bytes at a time (strings are
/// most of a summary, update texts long), then one table look-up per byte.
fn stop(bytes: &[u8]) -> Option<usize> {
    let mut done = 0;
    while let Some(x) = bytes.get(done..).and_then(crate::swar::word) {
        let stops = crate::swar::first_of(x, b'"', b'\\', 0x20);
        if stops != 0 {
            return Some(done + crate::swar::first(stops));
        }
        done += 8;
    }
    let rest = bytes.get(done..)?;
    rest.iter()
        .position(|&b| STOPS[usize::from(b)])
        .map(|n| done + n)
}

#[cfg(test)]
mod stop_tests {
    use super::*;

    #[test]
    fn the_word_scan_stops_where_the_table_does() {
        let table = |b: &[u8]| b.iter().position(|&b| STOPS[usize::from(b)]);
        for filler in [b'a', b' ', 0x7F, 0x80, 0xC3, 0xFF] {
            for len in 0..20 {
                let mut bytes = vec![filler; len];
                assert_eq!(stop(&bytes), table(&bytes));
                for at in 0..len {
                    for b in 0..=255u8 {
                        bytes[at] = b;
                        assert_eq!(stop(&bytes), table(&bytes), "{bytes:?}");
                        bytes[at] = filler;
                    }
                }
            }
        }
    }
}

/// The value of an integer literal as serde_json classifies it: `Ok` for one that fits
/// a `u64`, `Err` for a negative one that fits an `i64`; `None` if serde_json would read
/// it as a float (too large, `-0`, a fraction or an exponent).
fn int_of(lit: &str) -> Option<Result<u64, i64>> {
    let (neg, digits) = match lit.strip_prefix('-') {
        Some(d) => (true, d),
        None => (false, lit),
    };
    let mut n: u64 = 0;
    for b in digits.bytes() {
        if !b.is_ascii_digit() {
            return None;
        }
        n = n.checked_mul(10)?.checked_add(u64::from(b - b'0'))?;
    }
    if !neg {
        Some(Ok(n))
    } else if n == 0 || n > 1 << 63 {
        None
    } else {
        Some(Err(0i64.wrapping_sub_unsigned(n)))
    }
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

/// Reads any `Deserialize` type from a `serde_json::Value` with the small error above.
/// `T::deserialize(value)` with serde_json's own `Value` deserializer generates several
/// kilobytes per type and formats its errors (floats included); this generates little
/// and formats nothing. Same results: it hands the visitor the same calls serde_json does.
#[derive(Clone, Copy)]
pub struct ValueRef<'a>(pub &'a serde_json::Value);

struct ValueSeq<'a>(std::slice::Iter<'a, serde_json::Value>);

impl<'de> de::SeqAccess<'de> for ValueSeq<'de> {
    type Error = Error;
    fn next_element_seed<T: de::DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        self.0
            .next()
            .map(|v| seed.deserialize(ValueRef(v)))
            .transpose()
    }
}

struct ValueMembers<'a> {
    iter: serde_json::map::Iter<'a>,
    value: Option<&'a serde_json::Value>,
}

impl<'de> de::MapAccess<'de> for ValueMembers<'de> {
    type Error = Error;
    fn next_key_seed<K: de::DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        match self.iter.next() {
            Some((k, v)) => {
                self.value = Some(v);
                seed.deserialize(BorrowedStrDeserializer::new(k)).map(Some)
            }
            None => Ok(None),
        }
    }
    fn next_value_seed<V: de::DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        seed.deserialize(ValueRef(self.value.take().ok_or(Error)?))
    }
}

struct ValueVariant<'a>(&'a str, &'a serde_json::Value);

impl<'de> de::EnumAccess<'de> for ValueVariant<'de> {
    type Error = Error;
    type Variant = ValueRef<'de>;
    fn variant_seed<V: de::DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, Self::Variant), Error> {
        let tag = BorrowedStrDeserializer::<Error>::new(self.0);
        Ok((seed.deserialize(tag)?, ValueRef(self.1)))
    }
}

impl<'de> de::VariantAccess<'de> for ValueRef<'de> {
    type Error = Error;
    fn unit_variant(self) -> Result<(), Error> {
        de::Deserialize::deserialize(self)
    }
    fn newtype_variant_seed<T: de::DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Error> {
        seed.deserialize(self)
    }
    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        de::Deserializer::deserialize_any(self, visitor)
    }
    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        de::Deserializer::deserialize_any(self, visitor)
    }
}

impl<'de> de::Deserializer<'de> for ValueRef<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        use serde_json::Value;
        match self.0 {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::Number(n) => {
                if let Some(u) = n.as_u64() {
                    visitor.visit_u64(u)
                } else if let Some(i) = n.as_i64() {
                    visitor.visit_i64(i)
                } else {
                    visitor.visit_f64(n.as_f64().unwrap_or(f64::NAN))
                }
            }
            Value::String(s) => visitor.visit_borrowed_str(s),
            Value::Array(items) => visitor.visit_seq(ValueSeq(items.iter())),
            Value::Object(members) => visitor.visit_map(ValueMembers {
                iter: members.iter(),
                value: None,
            }),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            serde_json::Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.0 {
            serde_json::Value::String(s) => {
                visitor.visit_enum(BorrowedStrDeserializer::<Error>::new(s))
            }
            serde_json::Value::Object(members) if members.len() == 1 => {
                let (k, v) = members.iter().next().ok_or(Error)?;
                visitor.visit_enum(ValueVariant(k, v))
            }
            _ => Err(Error),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    // Typed requests call only the visitor method that can succeed: the derived visitors'
    // other methods (a struct read from an array, a bool from a number…) are then never
    // instantiated, which is most of their code. A struct stored as an array (serde_json
    // would accept it; nothing writes one) is refused like any other damaged field.
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_map(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            serde_json::Value::Object(members) => visitor.visit_map(ValueMembers {
                iter: members.iter(),
                value: None,
            }),
            _ => Err(Error),
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            serde_json::Value::Array(items) => visitor.visit_seq(ValueSeq(items.iter())),
            _ => Err(Error),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            serde_json::Value::Bool(b) => visitor.visit_bool(*b),
            _ => Err(Error),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            serde_json::Value::String(s) => visitor.visit_borrowed_str(s),
            _ => Err(Error),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.integer(visitor)
    }

    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.integer(visitor)
    }

    fn deserialize_u16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.integer(visitor)
    }

    fn deserialize_u8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.integer(visitor)
    }

    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.integer(visitor)
    }

    fn deserialize_i32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.integer(visitor)
    }

    forward_to_deserialize_any! {
        i8 i16 i128 u128 f32 f64 char
        bytes byte_buf unit unit_struct tuple tuple_struct identifier
    }
}

impl<'de> ValueRef<'de> {
    /// Integer fields: serde_json hands a float to their visitors too, which refuse it.
    fn integer<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            serde_json::Value::Number(n) => match (n.as_u64(), n.as_i64()) {
                (Some(u), _) => visitor.visit_u64(u),
                (None, Some(i)) => visitor.visit_i64(i),
                _ => Err(Error),
            },
            _ => Err(Error),
        }
    }
}

/// `serde_json::to_value` through the text form: `to_string` and [`parse_value`] are
/// in the wasm anyway, while `to_value` would add a second serializer for every type.
pub fn to_value<T: serde::Serialize>(value: &T) -> serde_json::Value {
    serde_json::to_string(value)
        .ok()
        .and_then(|text| parse_value(&text))
        .unwrap_or(serde_json::Value::Null)
}

/// Parses a JSON text into a `serde_json::Value` through [`parse`]: the records the shell
/// stores are read this way, so serde_json's own parser (and its error formatting) stays
/// out of the wasm. Same value as `serde_json::from_str` (tested in `tests/json.rs`).
pub fn parse_value(text: &str) -> Option<serde_json::Value> {
    parse(text).ok().map(|tree| to_serde(&tree))
}

fn to_serde(v: &Json<'_>) -> serde_json::Value {
    use serde_json::Value;
    match v {
        Json::Null => Value::Null,
        Json::Bool(b) => Value::Bool(*b),
        Json::Number(lit) => match int_of(lit) {
            Some(Ok(u)) => Value::from(u),
            Some(Err(i)) => Value::from(i),
            None => serde_json::Number::from_f64(float_of(lit)).map_or(Value::Null, Value::Number),
        },
        Json::String(s) => Value::String(s.to_string()),
        Json::Array(items) => Value::Array(items.iter().map(to_serde).collect()),
        // Inserted in order: a repeated key keeps its last value, as with serde_json.
        Json::Object(members) => Value::Object(
            members
                .iter()
                .map(|(k, v)| (k.to_string(), to_serde(v)))
                .collect(),
        ),
    }
}
