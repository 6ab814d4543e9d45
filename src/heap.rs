//! The wasm's memory allocator: blocks in power-of-two size classes, one free list per
//! class, and a bump pointer into memory that grows on demand.
//!
//! Why not the standard library's (dlmalloc): it was about 7 KB of a wasm held to a 60 KB
//! budget, and a fifth of the time parsing and deciding took went to it. The core's calls
//! have one shape: a burst of small blocks (strings, lists), all freed when the call
//! returns, and again on the next call. Size classes serve exactly that in a few
//! instructions each way, and the blocks freed by one call are the ones the next reuses.
//!
//! What it gives up: a block is rounded up to a power of two (at most twice what was
//! asked), and freed blocks stay in their class (never merged, never handed back; wasm
//! memory cannot shrink anyway). The core's working set is a few hundred kilobytes, so
//! the worker's memory stays well under a megabyte or two either way.
//!
//! [`Heap`] is generic over where memory comes from, so its bookkeeping is tested natively
//! against a plain buffer; only the wasm build installs it as the global allocator.

use core::alloc::Layout;

/// The smallest block: room for the free list's link on any target, and the alignment of
/// every block handed out.
const MIN_CLASS: u32 = 4;
/// Fresh blocks are aligned to their own size up to this, so a reused block satisfies any
/// alignment up to it; anything that asks more gets nothing (nothing in the crate does).
const MAX_ALIGN: usize = 4096;
const CLASSES: usize = usize::BITS as usize;

/// Where a heap gets more memory: `bytes` or more, returned as (start, length). Regions
/// need not be contiguous: the bump pointer simply moves to the new one.
pub trait Grow {
    fn grow(&mut self, bytes: usize) -> Option<(usize, usize)>;
}

pub struct Heap<G: Grow> {
    free: [usize; CLASSES],
    next: usize,
    end: usize,
    memory: G,
}

/// The size class of a layout: log2 of the block size that holds it, aligned.
fn class_of(layout: Layout) -> Option<usize> {
    if layout.align() > MAX_ALIGN {
        return None;
    }
    let size = layout.size().max(layout.align()).max(1 << MIN_CLASS);
    let block = size.checked_next_power_of_two()?;
    Some(block.trailing_zeros() as usize)
}

impl<G: Grow> Heap<G> {
    pub const fn new(memory: G) -> Self {
        Heap {
            free: [0; CLASSES],
            next: 0,
            end: 0,
            memory,
        }
    }

    /// # Safety
    /// The caller uses the block only within `layout` and hands it back once, with the
    /// same layout, to [`Heap::dealloc`] or [`Heap::realloc`].
    pub unsafe fn alloc(&mut self, layout: Layout) -> *mut u8 {
        let Some(class) = class_of(layout) else {
            return core::ptr::null_mut();
        };
        let head = self.free[class];
        if head != 0 {
            // A freed block keeps the address of the next free one in its first word.
            self.free[class] = *(head as *const usize);
            return head as *mut u8;
        }
        self.carve(class)
    }

    /// A fresh block from the bump region, growing memory when it runs out.
    unsafe fn carve(&mut self, class: usize) -> *mut u8 {
        let size = 1usize << class;
        let align = size.min(MAX_ALIGN);
        let mut start = (self.next + align - 1) & !(align - 1);
        if start.checked_add(size).map_or(true, |end| end > self.end) {
            let Some((region, len)) = self.memory.grow(size + align) else {
                return core::ptr::null_mut();
            };
            self.next = region;
            self.end = region + len;
            start = (self.next + align - 1) & !(align - 1);
        }
        self.next = start + size;
        start as *mut u8
    }

    /// # Safety
    /// `ptr` came from this heap with this `layout` and is not used after.
    pub unsafe fn dealloc(&mut self, ptr: *mut u8, layout: Layout) {
        if let Some(class) = class_of(layout) {
            *(ptr as *mut usize) = self.free[class];
            self.free[class] = ptr as usize;
        }
    }

    /// Growing within the block's class keeps the block; vectors that double their
    /// capacity move once per class.
    ///
    /// # Safety
    /// As [`Heap::dealloc`] for `ptr` and `layout`; the result is valid for `new_size`.
    pub unsafe fn realloc(&mut self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let Ok(new_layout) = Layout::from_size_align(new_size, layout.align()) else {
            return core::ptr::null_mut();
        };
        if class_of(new_layout) == class_of(layout) {
            return ptr;
        }
        let moved = self.alloc(new_layout);
        if !moved.is_null() {
            core::ptr::copy_nonoverlapping(ptr, moved, layout.size().min(new_size));
            self.dealloc(ptr, layout);
        }
        moved
    }
}

#[cfg(target_arch = "wasm32")]
mod global {
    use super::{Grow, Heap};
    use core::alloc::{GlobalAlloc, Layout};
    use core::cell::UnsafeCell;

    const PAGE: usize = 65536;
    /// Memory grows by at least this much at a time (a megabyte): fewer, larger steps.
    const STEP_PAGES: usize = 16;

    pub struct WasmMemory;

    impl Grow for WasmMemory {
        fn grow(&mut self, bytes: usize) -> Option<(usize, usize)> {
            let pages = bytes.div_ceil(PAGE).max(STEP_PAGES);
            let old = core::arch::wasm32::memory_grow(0, pages);
            (old != usize::MAX).then(|| (old * PAGE, pages * PAGE))
        }
    }

    pub struct Global(UnsafeCell<Heap<WasmMemory>>);

    // The wasm build is single-threaded: no two calls into the heap overlap.
    unsafe impl Sync for Global {}

    unsafe impl GlobalAlloc for Global {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            (*self.0.get()).alloc(layout)
        }
        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            (*self.0.get()).dealloc(ptr, layout)
        }
        unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
            (*self.0.get()).realloc(ptr, layout, new_size)
        }
    }

    #[global_allocator]
    static GLOBAL: Global = Global(UnsafeCell::new(Heap::new(WasmMemory)));
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Regions carved out of one big buffer, a few at a time, with gaps between them.
    struct Buffer {
        base: usize,
        used: usize,
        cap: usize,
    }

    impl Grow for Buffer {
        fn grow(&mut self, bytes: usize) -> Option<(usize, usize)> {
            let len = bytes.max(4096);
            let start = self.used + 64;
            if start + len > self.cap {
                return None;
            }
            self.used = start + len;
            Some((self.base + start, len))
        }
    }

    fn heap(backing: &mut Vec<u64>) -> Heap<Buffer> {
        Heap::new(Buffer {
            base: backing.as_mut_ptr() as usize,
            used: 0,
            cap: backing.len() * 8,
        })
    }

    #[derive(Debug, Clone)]
    enum Op {
        Alloc(usize, usize),
        Free(usize),
        Grow(usize, usize),
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            (0usize..3000, 0usize..5).prop_map(|(s, a)| Op::Alloc(s, 1 << a)),
            any::<usize>().prop_map(Op::Free),
            (any::<usize>(), 0usize..5000).prop_map(|(i, s)| Op::Grow(i, s)),
        ]
    }

    proptest! {
        /// Live blocks never overlap, are aligned, keep their contents through realloc,
        /// and freed blocks are reused.
        #[test]
        fn blocks_are_disjoint_aligned_and_kept(ops in proptest::collection::vec(op(), 1..300)) {
            let mut backing = vec![0u64; 1 << 20];
            let mut heap = heap(&mut backing);
            // (ptr, layout, fill byte)
            let mut live: Vec<(*mut u8, Layout, u8)> = Vec::new();
            let mut tag = 0u8;
            for op in ops {
                unsafe {
                    match op {
                        Op::Alloc(size, align) => {
                            let layout = Layout::from_size_align(size, align).unwrap();
                            let p = heap.alloc(layout);
                            prop_assert!(!p.is_null());
                            prop_assert_eq!(p as usize % align, 0);
                            tag = tag.wrapping_add(1);
                            core::ptr::write_bytes(p, tag, size);
                            live.push((p, layout, tag));
                        }
                        Op::Free(i) if !live.is_empty() => {
                            let (p, layout, _) = live.swap_remove(i % live.len());
                            heap.dealloc(p, layout);
                        }
                        Op::Grow(i, new_size) if !live.is_empty() => {
                            let i = i % live.len();
                            let (p, layout, fill) = live[i];
                            let q = heap.realloc(p, layout, new_size);
                            prop_assert!(!q.is_null());
                            let kept = layout.size().min(new_size);
                            prop_assert!((0..kept).all(|k| *q.add(k) == fill));
                            core::ptr::write_bytes(q, fill, new_size);
                            live[i] = (q, Layout::from_size_align(new_size, layout.align()).unwrap(), fill);
                        }
                        _ => {}
                    }
                }
            }
            for &(p, layout, fill) in &live {
                let kept = unsafe { core::slice::from_raw_parts(p, layout.size()) };
                prop_assert!(kept.iter().all(|&b| b == fill));
            }
            let mut spans: Vec<(usize, usize)> =
                live.iter().map(|(p, l, _)| (*p as usize, *p as usize + l.size())).collect();
            spans.sort();
            prop_assert!(spans.windows(2).all(|w| w[0].1 <= w[1].0));
        }
    }

    #[test]
    fn a_freed_block_is_reused_by_its_class_only() {
        let mut backing = vec![0u64; 1 << 16];
        let mut heap = heap(&mut backing);
        let small = Layout::from_size_align(24, 8).unwrap();
        let other = Layout::from_size_align(100, 8).unwrap();
        unsafe {
            let a = heap.alloc(small);
            heap.dealloc(a, small);
            let b = heap.alloc(other);
            assert_ne!(a, b, "a 128-byte block must not reuse a 32-byte one");
            assert_eq!(heap.alloc(small), a);
        }
    }

    #[test]
    fn realloc_within_the_class_keeps_the_block() {
        let mut backing = vec![0u64; 1 << 16];
        let mut heap = heap(&mut backing);
        let layout = Layout::from_size_align(40, 8).unwrap();
        unsafe {
            let p = heap.alloc(layout);
            assert_eq!(heap.realloc(p, layout, 64), p);
            assert_ne!(
                heap.realloc(p, Layout::from_size_align(64, 8).unwrap(), 65),
                p
            );
        }
    }

    #[test]
    fn out_of_memory_and_huge_alignment_give_null() {
        let mut backing = vec![0u64; 1024];
        let mut heap = heap(&mut backing);
        unsafe {
            assert!(heap
                .alloc(Layout::from_size_align(1 << 20, 8).unwrap())
                .is_null());
            assert!(heap
                .alloc(Layout::from_size_align(8, 8192).unwrap())
                .is_null());
        }
    }
}
