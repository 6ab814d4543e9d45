//! The checks of `block` and of the scans built on it, shared by the native tests
//! (`tests/block.rs`, the plain loops) and the wasm tests (`tests/wasm.rs`, the SIMD
//! build): each answer against its byte-at-a-time definition.

use outage_radar::block::{Block, LANES};
use outage_radar::{json, text};

/// Bits of the lanes whose byte passes `test`.
fn lanes_of(bytes: &[u8; LANES], test: impl Fn(u8) -> bool) -> u32 {
    (0..LANES).fold(0, |m, i| m | u32::from(test(bytes[i])) << i)
}

/// Every test of a block, for each byte value in each lane, among fillers that sit on
/// the tests' edges.
pub fn each_test_marks_exactly_its_bytes() {
    let fillers = [0u8, b' ', b'0', b'a', b'z', 0x7F, 0x80, 0xFF];
    for b in 0..=255u8 {
        for &f in &fillers {
            for lane in 0..LANES {
                let mut bytes = [f; LANES];
                bytes[lane] = b;
                let block = Block::read(&bytes, b'?');
                let want = |test: &dyn Fn(u8) -> bool| lanes_of(&bytes, test);
                for n in [0u8, b' ', b'"', b'\\', 0x80, 0xFF] {
                    assert_eq!(block.eq(n).bits(), want(&|x| x == n), "{bytes:?} eq {n}");
                    assert_eq!(block.below(n).bits(), want(&|x| x < n), "{bytes:?} < {n}");
                }
                for (lo, hi) in [(b' ', b'~'), (b'0', b'9'), (0, 0xFE), (0x80, 0xFE)] {
                    let got = block.within(lo, hi).bits();
                    assert_eq!(
                        got,
                        want(&|x| (lo..=hi).contains(&x)),
                        "{bytes:?} {lo}..={hi}"
                    );
                }
                let alnum = block.alphanumeric();
                assert_eq!(
                    alnum.bits(),
                    want(&|x| x.is_ascii_alphanumeric()),
                    "{bytes:?}"
                );
                let either = block.eq(b'"') | block.below(0x20);
                assert_eq!(either.bits(), want(&|x| x == b'"' || x < 0x20));
                assert_eq!(block.is_ascii(), bytes.is_ascii(), "{bytes:?}");
                let visible = block.within(b'!', b'~');
                assert_eq!(visible.all(), bytes.iter().all(u8::is_ascii_graphic));
                let first = bytes.iter().position(|&x| x == b).unwrap_or(LANES);
                assert_eq!(block.eq(b).first(), first, "{bytes:?}");
            }
        }
    }
    assert_eq!(Block::read(b"", 0).eq(0).bits(), 0xFFFF);
    assert_eq!(Block::read(b"ab", b'x').eq(b'x').bits(), 0xFFFC);
    assert_eq!(Block::read(&[b'q'; 20], 0).eq(b'q').bits(), 0xFFFF);
    assert_eq!(Block::read(b"ab", b'x').eq(b'x').first(), 2);
    assert_eq!(Block::read(b"ab", b'x').eq(b'y').first(), LANES);
}

/// JSON strings with an escape, a raw quote, a control character or a non-ASCII char
/// at every place of every length around one and two blocks.
pub fn json_strings_read_at_every_length() {
    for len in 1..40 {
        for at in 0..len {
            let plain = |n: usize| "a".repeat(n);
            let (head, tail) = (plain(at), plain(len - at - 1));
            for (raw, read) in [
                ("\\\"", Some("\"")),
                ("\\\\", Some("\\")),
                ("\\n", Some("\n")),
                ("\\u00e9", Some("é")),
                ("é", Some("é")),
                ("~", Some("~")),
                ("\u{1}", None),
                ("\u{1f}", None),
                ("\"", None),
            ] {
                let doc = format!("[\"{head}{raw}{tail}\"]");
                let got = json::parse(&doc).ok();
                let got = got.as_ref().and_then(|v| v.as_array()?.first()?.as_str());
                let want = read.map(|r| format!("{head}{r}{tail}"));
                assert_eq!(got, want.as_deref(), "{doc:?}");
            }
        }
    }
    // Indentation of every length, ending at the end of the text too.
    for n in 0..40 {
        let pad = " ".repeat(n);
        let doc = format!("[\n{pad}1,\n{pad}\"x\"\n{pad}]\n{pad}");
        let v = json::parse(&doc).unwrap_or_else(|_| panic!("{doc:?}"));
        assert_eq!(v.as_array().map(<[_]>::len), Some(2), "{doc:?}");
    }
}

/// Visible ASCII with single and double spaces, control characters and a non-ASCII char
/// at every place: the cleaned line is the words joined by single spaces, whichever path
/// the cleaner takes (the block scan lets through visible ASCII and single spaces only).
pub fn plain_text_cleans_at_every_length() {
    let words = "Elevated errors on ChatGPT ~ we are investigating";
    for len in 1..words.len() {
        let s = &words[..len];
        for at in 0..=len {
            for insert in ["", " ", "  ", "\u{7f}", "\u{1}", "é"] {
                let text = format!("{}{insert}{}", &s[..at], &s[at..]);
                // Control characters are dropped, runs of spaces become one.
                let kept: String = text.chars().filter(|c| !c.is_control()).collect();
                let want: Vec<&str> = kept.split_whitespace().collect();
                assert_eq!(text::clean_line(&text, 200), want.join(" "), "{text:?}");
            }
        }
    }
}

/// A body's UTF-8 check: every byte, and valid, truncated and malformed sequences, at
/// every place of ASCII text of every length around one to three blocks; the answer is
/// `str::from_utf8`'s, whether the bad byte falls in the block scan or after it.
pub fn utf8_is_checked_at_every_length() {
    let mut inserts: Vec<Vec<u8>> = (0..=255u8).map(|b| vec![b]).collect();
    for seq in [
        "é".as_bytes(),
        "€".as_bytes(),
        "😀".as_bytes(),
        &[0xE2, 0x82],
        &[0xF0, 0x9F, 0x98],
        &[0xC0, 0x80],
        &[0xED, 0xA0, 0x80],
        &[0xF4, 0x90, 0x80, 0x80],
    ] {
        inserts.push(seq.to_vec());
    }
    for len in 0..50 {
        for at in 0..=len {
            for insert in &inserts {
                let mut bytes = vec![b'a'; len];
                bytes.splice(at..at, insert.iter().copied());
                let want = std::str::from_utf8(&bytes).ok();
                assert_eq!(text::utf8(&bytes), want, "{bytes:?}");
            }
        }
    }
}
