//! Status-page text made fit to display, once, where it enters the core.
//!
//! Everything the status page says (incident and component names, statuses, update texts,
//! ids) is untrusted: the shell only ever puts it in text nodes, so markup and `javascript:`
//! links are inert already, but text can still harm *as text*. Bidirectional controls
//! (U+202A–U+202E, U+2066–U+2069, U+200E/F, U+061C) make "Resolved" read as something else
//! or reorder the sentence around it, other control characters have no business in a
//! notification, and a 100 KB name would bloat storage, the verdict and every banner. So
//! the parsers in [`crate::source`] pass every display string through [`clean_line`] or
//! [`clean_display`] and every id through [`clean_id`], and nothing downstream — banner,
//! popup, notification, the www page — has to think about it again.
//!
//! Truncation counts `char`s and never cuts inside what shows as one symbol, as far as
//! can be told without Unicode's tables (too big for the wasm): not before a combining
//! mark, a variation selector, a skin-tone modifier or an emoji tag, not either side of a
//! zero-width joiner, and not between the two halves of a flag.

use crate::block::{Block, LANES};

/// Incident, maintenance, group and component names, and the page's name.
pub const NAME_MAX: usize = 200;
/// One update's text. Real updates are a few hundred characters; the popup shows it whole.
pub const TEXT_MAX: usize = 2000;
/// Status words (`investigating`, `partial_outage`…): looked up, rarely shown raw.
pub const STATUS_MAX: usize = 64;
/// Ids (ULIDs on the real page). Longer ones are cut, not rejected.
pub const ID_MAX: usize = 128;
/// Combining marks kept on one base character: enough for any real script, not enough
/// for "zalgo" text to paint over the lines around it.
const MARKS_MAX: usize = 4;

const ELLIPSIS: char = '…';
const ZWJ: char = '\u{200D}';

/// Bidirectional formatting characters: embeddings, overrides, isolates and marks.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Characters dropped outright: bidi controls, C0/C1 controls (whitespace ones are
/// handled as whitespace), the byte-order mark, interlinear annotation marks and
/// noncharacters.
fn is_dropped(c: char) -> bool {
    is_bidi_control(c)
        || (c.is_control() && !c.is_whitespace())
        || matches!(
            c,
            '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}' | '\u{FFFE}' | '\u{FFFF}'
        )
}

/// Combining diacritical marks (the blocks Latin, Greek and Cyrillic text use).
fn is_combining_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

/// Characters that continue the symbol before them: truncation must not start a cut
/// right before one.
fn extends_previous(c: char) -> bool {
    is_combining_mark(c)
        || c == ZWJ
        || matches!(c, '\u{FE00}'..='\u{FE0F}' | '\u{1F3FB}'..='\u{1F3FF}'
            | '\u{E0020}'..='\u{E007F}' | '\u{E0100}'..='\u{E01EF}')
}

fn is_regional_indicator(c: char) -> bool {
    matches!(c, '\u{1F1E6}'..='\u{1F1FF}')
}

/// Whether `c` is part of a word (a letter or a digit) for the cause scan's word starts,
/// told without Unicode's tables: `char::is_alphanumeric` pulls the alphabetic and numeric
/// tables into the wasm, 2.1 KB of its gzip size (make bench), for words that are English
/// and ASCII. ASCII letters and digits are words; any other character is one unless it is
/// whitespace or in the blocks that hold punctuation and symbols: Latin-1's (U+0080–U+00BF,
/// × and ÷), general punctuation, currency, arrows through dingbats and the misc symbols,
/// CJK punctuation, the vertical and small forms, fullwidth ASCII punctuation, and the
/// emoji planes' symbols. It agrees with `is_alphanumeric` on letters of every script
/// (tested); it differs on a few digit-like symbols in those blocks (², ①, ❶), which it
/// treats as separators, and on unassigned code points, which it treats as letters.
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    !(c.is_whitespace()
        || matches!(c, '\u{0080}'..='\u{00BF}' | '\u{00D7}' | '\u{00F7}'
            | '\u{2000}'..='\u{206F}' | '\u{20A0}'..='\u{20CF}' | '\u{2190}'..='\u{2BFF}'
            | '\u{2E00}'..='\u{2E7F}' | '\u{3000}'..='\u{3003}' | '\u{3008}'..='\u{3020}'
            | '\u{FE10}'..='\u{FE6F}' | '\u{FF01}'..='\u{FF0F}' | '\u{FF1A}'..='\u{FF20}'
            | '\u{FF3B}'..='\u{FF40}' | '\u{FF5B}'..='\u{FF65}' | '\u{1F000}'..='\u{1FBFF}'))
}

/// Cleans multi-line text (update texts): dropped characters removed, each run of
/// spaces and tabs made one space, line breaks kept but at most one blank line in a
/// row, both ends trimmed, and cut to at most `max_chars` characters (an ellipsis
/// included) at a symbol boundary.
pub fn clean_display(s: &str, max_chars: usize) -> String {
    clean(s, max_chars, true)
}

/// [`clean_display`] for one-line text (names, statuses): line breaks become spaces.
pub fn clean_line(s: &str, max_chars: usize) -> String {
    clean(s, max_chars, false)
}

/// Cleans an id: no whitespace, control or bidi characters, at most [`ID_MAX`] chars
/// (no ellipsis: it is matched, not read). Deterministic, so the same id cleaned in
/// two payloads still matches.
pub fn clean_id(s: &str) -> String {
    // Fast path, every real id: short and visible ASCII, kept as it is.
    if s.len() <= ID_MAX && s.bytes().all(|b| b.is_ascii_graphic()) {
        return s.to_owned();
    }
    let (mut out, mut n) = (String::new(), 0);
    for c in s.chars() {
        if n == ID_MAX {
            break;
        }
        if !c.is_whitespace() && !is_dropped(c) {
            out.push(c);
            n += 1;
        }
    }
    out
}

/// `a == b`, last byte first: ids mostly differ at the end (a ULID's random part) and
/// share their first ten characters (its time), and JSON keys of one length mostly end
/// differently too. Saves a `memcmp` call per mismatch.
#[inline(always)]
pub fn same(a: &str, b: &str) -> bool {
    a.as_bytes().last() == b.as_bytes().last() && a == b
}

/// Whether `s` is one of `words`, ignoring ASCII case. One loop for every such test
/// (each `words.iter().any(…)` was code of its own in the wasm).
pub(crate) fn is_one_of(s: &str, words: &[&str]) -> bool {
    for w in words {
        if s.eq_ignore_ascii_case(w) {
            return true;
        }
    }
    false
}

/// `bytes` as text, if they are UTF-8: a fetched body's check. The ASCII start of it,
/// which for a status body is all of it, is checked sixteen bytes at a time ([`Block`]);
/// `str::from_utf8` reads a machine word, four bytes in the wasm, at a time, and took 3 %
/// of reading and deciding the bench summary. From the first block that is not ASCII
/// on, `str::from_utf8` checks the rest.
#[cfg_attr(hot_speed, optimize(speed))]
pub fn utf8(bytes: &[u8]) -> Option<&str> {
    let mut ascii = 0;
    while let Some(block) = bytes.get(ascii..).and_then(Block::load) {
        if !block.is_ascii() {
            break;
        }
        ascii += LANES;
    }
    std::str::from_utf8(bytes.get(ascii..)?).ok()?;
    // SAFETY: the bytes before `ascii` are ASCII, so UTF-8 that ends on a char boundary,
    // and the rest was just checked: together they are UTF-8 (`tests/block_check` checks
    // this against `str::from_utf8` for every byte at every position).
    Some(unsafe { std::str::from_utf8_unchecked(bytes) })
}

/// `s.trim()`, answering at once when both ends are visible ASCII (nearly always: the
/// core trims every status word, name and time it compares), without the pattern
/// searcher `str::trim` builds, which the size-built wasm runs slowly.
#[inline]
pub fn trim(s: &str) -> &str {
    match (s.as_bytes().first(), s.as_bytes().last()) {
        (Some(a), Some(z)) if a.is_ascii_graphic() && z.is_ascii_graphic() => s,
        _ => {
            let mut t = s;
            while let Some(c) = t.chars().next().filter(|c| c.is_whitespace()) {
                t = &t[c.len_utf8()..];
            }
            while let Some(c) = t.chars().next_back().filter(|c| c.is_whitespace()) {
                t = &t[..t.len() - c.len_utf8()];
            }
            t
        }
    }
}

/// The first `n` chars of `s`, as a slice: `s.char_indices().nth(n)`'s cut, found by
/// counting the bytes that start a char (no `CharIndices` in the wasm).
pub(crate) fn first_chars(s: &str, n: usize) -> &str {
    let mut chars = 0;
    for i in 0..s.len() {
        if s.is_char_boundary(i) {
            if chars == n {
                return &s[..i];
            }
            chars += 1;
        }
    }
    s
}

/// `parts.concat()`: the standard library's goes through its generic `join` (a separator
/// of any length), a third of a kilobyte of wasm for what is a few `push_str`s here.
pub(crate) fn concat(parts: &[&str]) -> String {
    let mut len = 0;
    for p in parts {
        len += p.len();
    }
    let mut out = String::with_capacity(len);
    for p in parts {
        out.push_str(p);
    }
    out
}

/// `s.split_once(sep)` for an ASCII `sep`, as a byte loop: `str`'s own builds the char
/// searcher (and its `memchr`), code of its own in the wasm for a handful of callers. An
/// index loop, not `position`: that was an iterator fold of its own in the wasm.
pub(crate) fn split_once(s: &str, sep: u8) -> Option<(&str, &str)> {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == sep {
            return Some((&s[..i], &s[i + 1..]));
        }
        i += 1;
    }
    None
}

/// `s.rsplit_once(sep)` for an ASCII `sep`, as an index loop (see [`split_once`]).
pub(crate) fn rsplit_once(s: &str, sep: u8) -> Option<(&str, &str)> {
    let b = s.as_bytes();
    let mut i = b.len();
    while i > 0 {
        i -= 1;
        if b[i] == sep {
            return Some((&s[..i], &s[i + 1..]));
        }
    }
    None
}

fn clean(s: &str, max_chars: usize, multiline: bool) -> String {
    if max_chars == 0 {
        return String::new();
    }
    if let Some(out) = clean_plain(s, max_chars) {
        return out;
    }
    clean_chars(s, max_chars, multiline)
}

/// The fast path, for what nearly all real text is: visible ASCII and single spaces. If
/// the part of `s` that decides the result (its first `max_chars + 2` bytes, leading
/// spaces aside) holds nothing else, cleaning drops at most a trailing space: it is
/// copied in one go, and cut as [`cut`] would (no symbol in ASCII spans two chars).
/// `None` otherwise.
#[cfg_attr(hot_speed, optimize(speed))]
fn clean_plain(s: &str, max_chars: usize) -> Option<String> {
    let s = s.get(s.bytes().take_while(|&b| b == b' ').count()..)?;
    let head = s
        .as_bytes()
        .get(..max_chars.saturating_add(2))
        .unwrap_or(s.as_bytes());
    // Whether the byte before the next one read is a space (`s` starts with none).
    let mut space = false;
    let mut blocks = head.chunks_exact(LANES);
    for block in (&mut blocks).filter_map(Block::load) {
        let spaces = block.eq(b' ').bits();
        // A space after a space: one in the lane before, or the last of the block before.
        let after_space = spaces << 1 | u32::from(space);
        if !block.within(b' ', b'~').all() || spaces & after_space != 0 {
            return None;
        }
        space = spaces >> (LANES - 1) != 0;
    }
    // The rest byte by byte: most names and ids are shorter than a block, and this was
    // faster than reading them as one padded block (the bench summary, 1 %).
    for &b in blocks.remainder() {
        if !(b.is_ascii_graphic() || (b == b' ' && !space)) {
            return None;
        }
        space = b == b' ';
    }
    // `head` is ASCII, so any index up to its length is a char boundary; and it has no
    // two spaces in a row, so trimming its end drops at most one.
    let trimmed = |n: usize| n - usize::from(n > 0 && head.get(n - 1) == Some(&b' '));
    let whole = s.get(..trimmed(head.len()))?;
    if head.len() == s.len() && whole.len() <= max_chars {
        return Some(whole.to_owned());
    }
    // More than `max_chars` chars: keep `max_chars - 1`, then the ellipsis.
    let kept = s.get(..trimmed(max_chars.checked_sub(1)?))?;
    let mut out = String::with_capacity(kept.len() + ELLIPSIS.len_utf8());
    out.push_str(kept);
    out.push(ELLIPSIS);
    Some(out)
}

/// The general path: the rules of [`clean_display`], one char at a time.
fn clean_chars(s: &str, max_chars: usize, multiline: bool) -> String {
    // Collect at most one char more than fits: that is how we know a cut is needed,
    // and the char right after the cut decides where it may fall. A 100 KB input is
    // only read as far as that.
    let mut out = String::with_capacity(s.len().min(max_chars.saturating_add(1)));
    let mut len = 0usize;
    let (mut space, mut breaks, mut marks) = (false, 0usize, 0usize);
    for c in s.chars() {
        if len > max_chars {
            break;
        }
        if is_dropped(c) {
            continue;
        }
        if c.is_whitespace() {
            if multiline && matches!(c, '\n' | '\u{2028}' | '\u{2029}' | '\u{85}') {
                breaks += if c == '\u{2029}' { 2 } else { 1 };
            } else {
                space = true;
            }
            continue;
        }
        if is_combining_mark(c) {
            marks += 1;
            if marks > MARKS_MAX {
                continue;
            }
        } else {
            marks = 0;
        }
        if len > 0 {
            if breaks > 0 {
                let n = breaks.min(2);
                out.push_str(&"\n\n"[..n]);
                len += n;
            } else if space {
                out.push(' ');
                len += 1;
            }
        }
        (space, breaks) = (false, 0);
        out.push(c);
        len += 1;
    }
    if len > max_chars {
        cut(&mut out, len, max_chars - 1);
        out.push(ELLIPSIS);
    }
    out
}

/// Shortens `out` (`len` chars) to at most `keep` chars, backing off so that no symbol is
/// split, and drops the whitespace the cut leaves at the end.
fn cut(out: &mut String, mut len: usize, keep: usize) {
    // The char right after the cut: it decides, with the one before, where the cut may fall.
    let mut next = None;
    while len > keep {
        next = out.pop();
        len -= 1;
    }
    if let Some(mut next) = next {
        // `"\u{200D}"`, not `ZWJ`: a `&str` suffix test, no `char` one in the wasm.
        while len > 0 && (extends_previous(next) || out.ends_with("\u{200D}")) {
            match out.pop() {
                Some(c) => next = c,
                None => break,
            }
            len -= 1;
        }
        if len > 0 && is_regional_indicator(next) {
            // Flags are pairs: an odd run of indicators before the cut ends in half a flag.
            let run = out
                .chars()
                .rev()
                .take_while(|c| is_regional_indicator(*c))
                .count();
            if run % 2 == 1 {
                out.pop();
            }
        }
    }
    // Not `ends_with(char::is_whitespace)`: that is the standard library's searcher.
    while out.chars().next_back().is_some_and(char::is_whitespace) {
        out.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_is_equality() {
        let ids = [
            "",
            "a",
            "b",
            "ab",
            "ba",
            "01JMXBNJXGV1T5GT2M9XA83XNG",
            "01JMXBNJXG1S2D9V65P1ZZTD94",
        ];
        for a in ids {
            for b in ids {
                assert_eq!(same(a, b), a == b, "{a:?} {b:?}");
            }
        }
        assert!(!same(
            "01JMXBNJXGV1T5GT2M9XA83XNG",
            "01JMXBNJXGV1T5GT2M9XA83XNH"
        ));
        assert!(!same("xg", "yg"));
    }

    #[test]
    fn word_chars_are_letters_and_digits_of_every_script() {
        for c in "azAZ09éßжΩאب日本語한글ñ".chars() {
            assert!(is_word_char(c), "{c:?}");
        }
        for c in " \t\u{A0}.,;:!?'\"-—–“”‘’…«»¡¿·•、。！？（）【】→✓★€\u{2028}\u{3000}🙂🔥".chars()
        {
            assert!(!is_word_char(c), "{c:?}");
        }
        // Against Unicode's own letters: the only ones taken for separators are the
        // letter-like symbols in the punctuation and symbol blocks. A block added by
        // mistake (a script's letters) fails here.
        let enclosed = |u: u32| (0x24B6..=0x24E9).contains(&u) || (0x1F130..=0x1F189).contains(&u);
        for u in 0..=0x10FFFF {
            let Some(c) = char::from_u32(u) else { continue };
            if c.is_alphabetic() && !is_word_char(c) {
                assert!(
                    matches!(c, 'ª' | 'µ' | 'º' | '\u{2E2F}') || enclosed(u),
                    "{c:?} U+{u:04X}"
                );
            }
            if c.is_ascii() {
                assert_eq!(is_word_char(c), c.is_alphanumeric(), "{c:?}");
            }
        }
    }

    #[test]
    fn markup_and_urls_are_left_as_text() {
        let s = r#"<img src=x onerror=alert(1)> <a href="javascript:alert(1)">x</a> data:text/html,<script>"#;
        assert_eq!(clean_line(s, NAME_MAX), s);
    }

    #[test]
    fn bidi_and_controls_are_dropped() {
        let s = "\u{202E}devlos\u{202C}er \u{2066}x\u{2069}\u{200E}\u{200F}\u{061C}\u{0007}\u{0000}\u{FEFF}y";
        assert_eq!(clean_line(s, 100), "devloser xy");
        assert_eq!(clean_line("a\u{009B}b", 10), "ab", "C1 controls too");
    }

    #[test]
    fn whitespace_is_collapsed() {
        assert_eq!(clean_line("  a \t\u{00A0} b\n\nc  ", 100), "a b c");
        assert_eq!(
            clean_display(" one\r\n two \n\n\n\n three\u{2028}four ", 100),
            "one\ntwo\n\nthree\nfour"
        );
        assert_eq!(clean_display(" \n\t ", 100), "");
    }

    #[test]
    fn long_text_is_cut_with_an_ellipsis() {
        let long = "word ".repeat(20_000);
        let out = clean_line(&long, NAME_MAX);
        assert_eq!(out.chars().count(), NAME_MAX);
        assert!(out.ends_with("word…") || out.ends_with("wor…"), "{out}");
        assert_eq!(clean_line("abc", 3), "abc");
        assert_eq!(clean_line("abcd", 3), "ab…");
        assert_eq!(clean_line("abcd", 1), "…");
        assert_eq!(clean_line("abcd", 0), "");
        assert_eq!(
            clean_line("ab  cd", 4),
            "ab…",
            "no space before the ellipsis"
        );
    }

    #[test]
    fn cuts_never_split_a_symbol() {
        let family = "👨\u{200D}👩\u{200D}👧"; // 5 chars
        assert_eq!(clean_line(&format!("ab{family}"), 5), "ab…");
        let thumbs = "👍\u{1F3FD}";
        assert_eq!(clean_line(&format!("abc{thumbs}x"), 5), "abc…");
        let flags = "🇫🇷🇩🇪"; // two flags, four chars
        assert_eq!(clean_line(&format!("a{flags}x"), 5), "a🇫🇷…");
        assert_eq!(clean_line(&format!("ab{flags}x"), 5), "ab🇫🇷…");
        assert_eq!(clean_line(&format!("ab{flags}x"), 4), "ab…");
        let accented = "e\u{0301}e\u{0301}e\u{0301}";
        assert_eq!(clean_line(accented, 4), "e\u{0301}…");
        assert_eq!(clean_line("🔥🔥🔥", 3), "🔥🔥🔥");
    }

    #[test]
    fn zalgo_is_tamed() {
        let zalgo = format!("a{}b", "\u{0336}".repeat(50));
        assert_eq!(
            clean_line(&zalgo, 100),
            format!("a{}b", "\u{0336}".repeat(MARKS_MAX))
        );
    }

    #[test]
    fn ids_lose_whitespace_controls_and_length() {
        assert_eq!(clean_id(" 01K\u{202E}X 1\n"), "01KX1");
        assert_eq!(clean_id(&"a".repeat(100_000)).len(), ID_MAX);
        assert_eq!(
            clean_id("../<b>"),
            "../<b>",
            "kept as text; incident_url filters for URLs"
        );
    }

    /// The cleaning as first written (chars collected in a `Vec<char>`, no fast path):
    /// the oracle the fast path and the general path are held to.
    fn reference(s: &str, max_chars: usize, multiline: bool) -> String {
        if max_chars == 0 {
            return String::new();
        }
        // Collect at most one char more than fits: that is how we know a cut is needed,
        // and the char right after the cut decides where it may fall. A 100 KB input is
        // only read as far as that.
        let mut out: Vec<char> = Vec::with_capacity(s.len().min(max_chars + 1));
        let (mut space, mut breaks, mut marks) = (false, 0usize, 0usize);
        for c in s.chars() {
            if out.len() > max_chars {
                break;
            }
            if is_dropped(c) {
                continue;
            }
            if c.is_whitespace() {
                if multiline && matches!(c, '\n' | '\u{2028}' | '\u{2029}' | '\u{85}') {
                    breaks += if c == '\u{2029}' { 2 } else { 1 };
                } else {
                    space = true;
                }
                continue;
            }
            if is_combining_mark(c) {
                marks += 1;
                if marks > MARKS_MAX {
                    continue;
                }
            } else {
                marks = 0;
            }
            if !out.is_empty() {
                if breaks > 0 {
                    out.extend(['\n', '\n'].iter().take(breaks.min(2)));
                } else if space {
                    out.push(' ');
                }
            }
            (space, breaks) = (false, 0);
            out.push(c);
        }
        if out.len() > max_chars {
            reference_cut(&mut out, max_chars - 1);
            out.push(ELLIPSIS);
        }
        out.into_iter().collect()
    }

    /// Shortens `chars` to at most `keep` chars, backing off so that no symbol is split,
    /// and drops the whitespace the cut leaves at the end.
    fn reference_cut(chars: &mut Vec<char>, keep: usize) {
        let mut k = keep.min(chars.len());
        while k > 0 && k < chars.len() && (extends_previous(chars[k]) || chars[k - 1] == ZWJ) {
            k -= 1;
        }
        if k > 0 && k < chars.len() && is_regional_indicator(chars[k]) {
            // Flags are pairs: an odd run of indicators before the cut ends in half a flag.
            let run = chars[..k]
                .iter()
                .rev()
                .take_while(|c| is_regional_indicator(**c))
                .count();
            if run % 2 == 1 {
                k -= 1;
            }
        }
        chars.truncate(k);
        while chars.last().is_some_and(|c| c.is_whitespace()) {
            chars.pop();
        }
    }

    /// The reference id cleaning: no fast path.
    fn reference_id(s: &str) -> String {
        s.chars()
            .filter(|c| !c.is_whitespace() && !is_dropped(*c))
            .take(ID_MAX)
            .collect()
    }

    #[test]
    fn the_fast_path_agrees_at_its_edges() {
        for s in [
            "", " ", "a", "a ", " a", "a  b", "a b", "abc", "ab c", "abc ", "a\tb", "é",
        ] {
            for max in 0..6 {
                for multiline in [false, true] {
                    assert_eq!(
                        clean(s, max, multiline),
                        reference(s, max, multiline),
                        "{s:?} {max}"
                    );
                }
            }
        }
        assert_eq!(clean_line("ab cd", 4), "ab…");
        assert_eq!(clean_line("ab cd ", 5), "ab cd");
        assert_eq!(clean_line("abcd e", 5), "abcd…");
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod props {
        use super::*;
        use proptest::prelude::*;

        /// Mostly plain ASCII words and spaces (the fast path), with now and then what
        /// sends a text down the general path.
        fn text() -> impl Strategy<Value = String> {
            let piece = prop_oneof![
                8 => "[a-zA-Z0-9.,;:!?'()/-]{1,8}",
                4 => Just(" ".to_owned()),
                1 => prop::sample::select(vec![
                    "  ", "\t", "\n", "\r\n", "\n\n\n", "\u{2028}", "\u{2029}", "\u{85}",
                    "\u{A0}", "\u{7F}", "\u{0}", "\u{202E}", "\u{FEFF}", "\u{301}",
                    "\u{200D}", "\u{FE0F}", "\u{1F3FD}", "🇫", "🇷", "👨", "é", "…",
                ])
                .prop_map(str::to_owned),
                1 => any::<char>().prop_map(String::from),
            ];
            prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(2000))]
            #[test]
            fn fast_and_general_paths_clean_as_the_reference(
                s in text(),
                max in prop_oneof![0usize..12, 0usize..200],
            ) {
                for multiline in [false, true] {
                    let expected = reference(&s, max, multiline);
                    prop_assert_eq!(&clean(&s, max, multiline), &expected, "{:?} {}", s, max);
                    if max > 0 {
                        prop_assert_eq!(&clean_chars(&s, max, multiline), &expected);
                        if let Some(fast) = clean_plain(&s, max) {
                            prop_assert_eq!(&fast, &expected);
                        }
                    }
                }
                prop_assert_eq!(clean_id(&s), reference_id(&s));
                prop_assert_eq!(trim(&s), s.trim());
                let n = max % 12;
                prop_assert_eq!(first_chars(&s, n), s.char_indices().nth(n).map_or(&s[..], |(end, _)| &s[..end]));
                for sep in [b':', b',', b' '] {
                    prop_assert_eq!(split_once(&s, sep), s.split_once(char::from(sep)));
                    prop_assert_eq!(rsplit_once(&s, sep), s.rsplit_once(char::from(sep)));
                }
            }

            #[test]
            fn plain_ascii_takes_the_fast_path(words in prop::collection::vec("[a-z]{1,6}", 1..30), max in 1usize..100) {
                let s = words.join(" ");
                prop_assert!(clean_plain(&s, max).is_some());
                prop_assert_eq!(clean_line(&s, max), reference(&s, max, false));
            }
        }
    }
}
