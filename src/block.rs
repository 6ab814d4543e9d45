//! Kept only for `source.rs`/`json.rs` (rewritten on other branches): no other module uses it. // removed at merge
//!
//! Sixteen bytes at a time: the tests behind the core's long byte scans (JSON strings,
//! text cleaning, cause words in update texts).
//!
//! Why: those scans were a quarter of the time the core takes on a summary (issue 9's core
//! speed, `make bench`), and reading sixteen bytes at a time instead of eight (in a `u64`)
//! made reading and deciding it 6 % faster. In the wasm each test here is one or two SIMD
//! instructions of the `simd128` feature, which the build turns on (see the Makefile) and
//! every supported browser has: Chrome since 91, Firefox since 89. Elsewhere (the native
//! tests) the same tests are plain loops over the sixteen bytes, giving the same answers;
//! both builds are held to the same checks (`tests/block_check`, natively and in the wasm).
//!
//! A test answers with a [`Lanes`]: which of the sixteen bytes it holds for. No `unsafe`:
//! a block is read as a `u128` and turned into a vector by value.

use std::ops::BitOr;

/// Bytes in a [`Block`].
pub const LANES: usize = 16;

/// Sixteen bytes of a text, byte `i` in lane `i`.
#[derive(Clone, Copy)]
pub struct Block(imp::Block);

/// Which lanes of a [`Block`] a test holds for.
#[derive(Clone, Copy)]
pub struct Lanes(imp::Lanes);

impl Block {
    /// The first sixteen bytes of `bytes`, if it has as many.
    #[inline(always)]
    pub fn load(bytes: &[u8]) -> Option<Block> {
        let b = <[u8; LANES]>::try_from(bytes.get(..LANES)?).ok()?;
        Some(Block(imp::from_bytes(b)))
    }

    /// The first sixteen bytes of `bytes`, and `fill` after its end: a scan reads its
    /// last few bytes as it reads the others, with a filler that changes no answer it
    /// needs. For the end of a text: the loops use [`Block::load`], whose one `v128.load`
    /// this copy would keep from being inlined into them.
    #[inline(always)]
    pub fn read(bytes: &[u8], fill: u8) -> Block {
        Block::load(bytes).unwrap_or_else(|| Block::padded(bytes, fill))
    }

    #[cold]
    #[inline(never)]
    fn padded(bytes: &[u8], fill: u8) -> Block {
        let mut b = [fill; LANES];
        let n = bytes.len().min(LANES);
        b[..n].copy_from_slice(&bytes[..n]);
        Block(imp::from_bytes(b))
    }

    /// Bytes equal to `b`.
    #[inline(always)]
    pub fn eq(self, b: u8) -> Lanes {
        Lanes(imp::eq(self.0, b))
    }

    /// Bytes below `n`.
    #[inline(always)]
    pub fn below(self, n: u8) -> Lanes {
        Lanes(imp::below(self.0, n))
    }

    /// Bytes in `lo..=hi` (`lo <= hi < 0xFF`).
    #[inline(always)]
    pub fn within(self, lo: u8, hi: u8) -> Lanes {
        Lanes(imp::below(imp::sub(self.0, lo), hi - lo + 1))
    }

    /// ASCII letters and digits.
    #[inline(always)]
    pub fn alphanumeric(self) -> Lanes {
        // Setting 0x20 lowers letters and moves nothing else into `a..=z`.
        let lowered = Block(imp::or(self.0, 0x20));
        self.within(b'0', b'9') | lowered.within(b'a', b'z')
    }

    /// Whether every byte is ASCII.
    #[inline(always)]
    pub fn is_ascii(self) -> bool {
        imp::is_ascii(self.0)
    }
}

impl Lanes {
    /// Lane `i` in bit `i` (bits 16 and up are zero).
    #[inline(always)]
    pub fn bits(self) -> u32 {
        imp::bits(self.0)
    }

    /// Whether the test holds for every byte.
    #[inline(always)]
    pub fn all(self) -> bool {
        imp::all(self.0)
    }

    /// The first lane the test holds for, or [`LANES`] if none.
    #[inline(always)]
    pub fn first(self) -> usize {
        (self.bits() | 1 << LANES).trailing_zeros() as usize
    }
}

impl BitOr for Lanes {
    type Output = Lanes;
    #[inline(always)]
    fn bitor(self, other: Lanes) -> Lanes {
        Lanes(imp::lanes_or(self.0, other.0))
    }
}

/// The wasm's: one `v128` per block and per answer (lanes all ones or all zeros).
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod imp {
    use core::arch::wasm32::*;

    pub type Block = v128;
    pub type Lanes = v128;

    #[inline(always)]
    pub fn from_bytes(b: [u8; super::LANES]) -> v128 {
        // Through a `u128`: one `v128.load`, where building the vector from sixteen bytes
        // compiled to sixteen lane inserts.
        let x = u128::from_le_bytes(b);
        u64x2(x as u64, (x >> 64) as u64)
    }
    #[inline(always)]
    pub fn eq(v: v128, b: u8) -> v128 {
        u8x16_eq(v, u8x16_splat(b))
    }
    #[inline(always)]
    pub fn below(v: v128, n: u8) -> v128 {
        u8x16_lt(v, u8x16_splat(n))
    }
    #[inline(always)]
    pub fn sub(v: v128, n: u8) -> v128 {
        u8x16_sub(v, u8x16_splat(n))
    }
    #[inline(always)]
    pub fn or(v: v128, n: u8) -> v128 {
        v128_or(v, u8x16_splat(n))
    }
    #[inline(always)]
    pub fn is_ascii(v: v128) -> bool {
        u8x16_bitmask(v) == 0
    }
    #[inline(always)]
    pub fn bits(l: v128) -> u32 {
        u32::from(u8x16_bitmask(l))
    }
    #[inline(always)]
    pub fn all(l: v128) -> bool {
        u8x16_all_true(l)
    }
    #[inline(always)]
    pub fn lanes_or(a: v128, b: v128) -> v128 {
        v128_or(a, b)
    }
}

/// Everywhere else: the bytes, and the answer as bits (lane `i` in bit `i`).
#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
mod imp {
    use super::LANES;

    pub type Block = [u8; LANES];
    pub type Lanes = u32;

    const ALL: u32 = (1 << LANES) - 1;

    fn lanes(b: Block, test: impl Fn(u8) -> bool) -> u32 {
        b.iter()
            .enumerate()
            .fold(0, |m, (i, &x)| m | u32::from(test(x)) << i)
    }

    pub fn from_bytes(b: Block) -> Block {
        b
    }
    pub fn eq(b: Block, n: u8) -> u32 {
        lanes(b, |x| x == n)
    }
    pub fn below(b: Block, n: u8) -> u32 {
        lanes(b, |x| x < n)
    }
    pub fn sub(b: Block, n: u8) -> Block {
        b.map(|x| x.wrapping_sub(n))
    }
    pub fn or(b: Block, n: u8) -> Block {
        b.map(|x| x | n)
    }
    pub fn is_ascii(b: Block) -> bool {
        b.is_ascii()
    }
    pub fn bits(l: u32) -> u32 {
        l
    }
    pub fn all(l: u32) -> bool {
        l == ALL
    }
    pub fn lanes_or(a: u32, b: u32) -> u32 {
        a | b
    }
}
