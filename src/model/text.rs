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
//! can be told from a few code point ranges (no grapheme segmentation): not before a combining
//! mark, a variation selector, a skin-tone modifier or an emoji tag, not either side of a
//! zero-width joiner, and not between the two halves of a flag.

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
/// told by code point blocks: the cause words are English and ASCII, and all that
/// matters about other characters is whether they can continue a word. ASCII letters and
/// digits are words; any other character is one unless it is
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
    s.chars()
        .filter(|&c| !c.is_whitespace() && !is_dropped(c))
        .take(ID_MAX)
        .collect()
}

fn clean(s: &str, max_chars: usize, multiline: bool) -> String {
    if max_chars == 0 {
        return String::new();
    }
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
                // At most one blank line in a row.
                let n = breaks.min(2);
                out.extend(std::iter::repeat_n('\n', n));
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
        while len > 0 && (extends_previous(next) || out.ends_with(ZWJ)) {
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
    out.truncate(out.trim_end().len());
}

#[cfg(test)]
mod tests {
    use super::*;

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

    /// The cleaning as first written (chars collected in a `Vec<char>`): the oracle the
    /// cleaning is held to.
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

    #[test]
    fn short_plain_text_cleans_as_the_reference() {
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

        /// Mostly plain ASCII words and spaces, with now and then what cleaning changes.
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
            fn cleans_as_the_reference(
                s in text(),
                max in prop_oneof![0usize..12, 0usize..200],
            ) {
                for multiline in [false, true] {
                    let expected = reference(&s, max, multiline);
                    prop_assert_eq!(&clean(&s, max, multiline), &expected, "{:?} {}", s, max);
                }
            }

            #[test]
            fn plain_ascii_cleans_as_the_reference(words in prop::collection::vec("[a-z]{1,6}", 1..30), max in 1usize..100) {
                let s = words.join(" ");
                prop_assert_eq!(clean_line(&s, max), reference(&s, max, false));
            }
        }
    }
}
