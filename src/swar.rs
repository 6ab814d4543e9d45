//! Eight bytes at a time: word-sized tests ("SIMD within a register") for the core's
//! long byte scans — JSON strings, text cleaning, cause words in update texts.
//!
//! Why: those scans are most of the time the core takes on a summary, and in the wasm
//! (built for size, so little is unrolled or inlined) a byte-at-a-time loop costs a few
//! nanoseconds per byte. No `unsafe` and no SIMD proposal: plain `u64` arithmetic, which
//! wasm has natively. Each test gives the high bit (0x80) of every byte it holds for, and
//! nothing else: exact per byte, so the lowest set bit is the first such byte.

/// `0x01` in every byte.
pub const ONES: u64 = u64::from_le_bytes([1; 8]);
/// `0x80` in every byte.
pub const HIGH: u64 = ONES * 0x80;
const LOW7: u64 = !HIGH;

/// The first eight bytes of `bytes` as a word, byte `i` in bits `8i..8i + 8`.
#[inline(always)]
pub fn word(bytes: &[u8]) -> Option<u64> {
    match *bytes {
        [a, b, c, d, e, f, g, h, ..] => Some(u64::from_le_bytes([a, b, c, d, e, f, g, h])),
        _ => None,
    }
}

/// Bytes equal to `b`.
#[inline(always)]
pub fn eq(x: u64, b: u8) -> u64 {
    let y = x ^ (ONES * u64::from(b));
    // A byte of `y` is zero iff neither its low seven bits (plus 0x7F) nor its high bit
    // reach 0x80; the sum never carries into the next byte.
    !((y & LOW7).wrapping_add(LOW7) | y | LOW7)
}

/// Bytes below `n` (`n` at most 0x80).
#[inline(always)]
pub fn below(x: u64, n: u8) -> u64 {
    !((x & LOW7).wrapping_add(ONES * u64::from(0x80 - n)) | x) & HIGH
}

/// Bytes in `lo..=hi` (`0 < lo <= hi < 0x80`).
#[inline(always)]
pub fn within(x: u64, lo: u8, hi: u8) -> u64 {
    below(x, hi + 1) & !below(x, lo)
}

/// ASCII letters and digits.
#[inline(always)]
pub fn alphanumeric(x: u64) -> u64 {
    // Setting 0x20 lowers letters and moves nothing else into `a..=z`.
    within(x, b'0', b'9') | within(x | (ONES * 0x20), b'a', b'z')
}

/// Bytes equal to `a` or `b` or below `n` (`n` at most 0x80), at least the first of them:
/// bytes after one may be marked too. Cheaper than [`eq`] and [`below`] for finding the
/// first.
#[inline(always)]
pub fn first_of(x: u64, a: u8, b: u8, n: u8) -> u64 {
    // `y - 1` borrows out of a byte only where `y` is zero, and `x - n` only where `x` is
    // below `n`, or after a byte that borrowed: never before the first such byte.
    let zero = |y: u64| y.wrapping_sub(ONES) & !y;
    (zero(x ^ (ONES * u64::from(a)))
        | zero(x ^ (ONES * u64::from(b)))
        | x.wrapping_sub(ONES * u64::from(n)) & !x)
        & HIGH
}

/// Index of the byte whose high bit is the lowest set in `mask` (not zero).
#[inline(always)]
pub fn first(mask: u64) -> usize {
    (mask.trailing_zeros() / 8) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every test against its plain definition, for each byte value in each position.
    #[test]
    fn each_test_marks_exactly_its_bytes() {
        let filler = [0u8, 0x20, 0x41, 0x7F, 0x80, 0xFF];
        for b in 0..=255u8 {
            for &f in &filler {
                for pos in 0..8 {
                    let mut bytes = [f; 8];
                    bytes[pos] = b;
                    let x = word(&bytes).unwrap();
                    let marks = |t: &dyn Fn(u8) -> bool| {
                        bytes.iter().enumerate().fold(0u64, |m, (i, &v)| {
                            if t(v) {
                                m | 0x80 << (8 * i)
                            } else {
                                m
                            }
                        })
                    };
                    assert_eq!(eq(x, b'"'), marks(&|v| v == b'"'), "{bytes:?}");
                    assert_eq!(eq(x, b' '), marks(&|v| v == b' '), "{bytes:?}");
                    assert_eq!(below(x, 0x20), marks(&|v| v < 0x20), "{bytes:?}");
                    assert_eq!(below(x, 0x80), marks(&|v| v < 0x80), "{bytes:?}");
                    assert_eq!(
                        within(x, 0x21, 0x7E),
                        marks(&|v| v.is_ascii_graphic()),
                        "{bytes:?}"
                    );
                    assert_eq!(
                        alphanumeric(x),
                        marks(&|v| v.is_ascii_alphanumeric()),
                        "{bytes:?}"
                    );
                }
            }
        }
        assert_eq!(first(eq(word(b"ab\"d\"fgh").unwrap(), b'"')), 2);
        // Only the first mark of `first_of` is exact: every pair of bytes, either order.
        for a in 0..=255u8 {
            for b in 0..=255u8 {
                for (i, j) in [(1, 2), (3, 7), (0, 5)] {
                    let mut bytes = [b'x'; 8];
                    (bytes[i], bytes[j]) = (a, b);
                    let x = word(&bytes).unwrap();
                    let hit = |v: u8| v == b'"' || v == b'\\' || v < 0x20;
                    let want = bytes.iter().position(|&v| hit(v));
                    let got = first_of(x, b'"', b'\\', 0x20);
                    assert_eq!((got != 0).then(|| first(got)), want, "{bytes:?}");
                }
            }
        }
        assert_eq!(word(b"1234567"), None);
    }
}
