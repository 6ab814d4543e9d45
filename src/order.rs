//! Kept only for `source.rs`/`json.rs` (rewritten on other branches): no other module uses it. // removed at merge
//!
//! A stable sort for the core's lists (groups, components, incidents, updates, history),
//! and a `retain` that keeps their order too.
//!
//! Why not `slice::sort_by_key`: each call site instantiates the standard library's
//! whole stable sort (driftsort: quicksort, merges and small-sort networks), about
//! 3.5 KB of wasm apiece. Here the generic part is only "compute the keys" and "apply a
//! permutation" (a few dozen instructions per type); the sorting itself is one heapsort
//! over `(key, index)` pairs shared by every caller. The index breaks ties, so the result
//! is stable, identical to `slice::sort_by_key`'s, and O(n log n) however hostile the
//! input (an incident with 50,000 updates sorts in milliseconds).

/// Sorts `v` by `key`, stably: equal keys keep their order (as `slice::sort_by_key`).
/// For a descending order, map the key with [`desc`].
pub fn sort_by_key<T>(v: &mut [T], mut key: impl FnMut(&T) -> i64) {
    if v.len() < 2 {
        return;
    }
    // Only this loop and the swap are compiled per type: sorting and following the
    // permutation are one shared body (the swap passed as `dyn`).
    let mut order: Vec<(i64, usize)> = Vec::with_capacity(v.len());
    for (i, x) in v.iter().enumerate() {
        order.push((key(x), i));
    }
    sort_and_permute(&mut order, &mut |a, b| v.swap(a, b));
}

/// A key that sorts in descending order of `x`: `!x` (that is `-x - 1`) reverses the
/// order without overflowing at `i64::MIN`.
pub fn desc(x: i64) -> i64 {
    !x
}

/// Sorts the `(key, index)` pairs, then puts `old[from[k]]` at position `k` by `swap`s,
/// following each cycle of the permutation once (the pairs' indexes are marked as done).
#[inline(never)]
fn sort_and_permute(order: &mut [(i64, usize)], swap: &mut dyn FnMut(usize, usize)) {
    const DONE: usize = usize::MAX;
    heapsort(order);
    for start in 0..order.len() {
        let mut k = start;
        while order[k].1 != DONE {
            let src = order[k].1;
            order[k].1 = DONE;
            if src == start {
                break;
            }
            swap(k, src);
            k = src;
        }
    }
}

/// In-place heapsort of distinct pairs (the index makes them distinct, so stability is
/// not needed here). Public for lists that are such pairs already (`ids::IdIndex`).
pub fn heapsort(a: &mut [(i64, usize)]) {
    fn sift_down(a: &mut [(i64, usize)], mut root: usize, end: usize) {
        loop {
            let mut child = 2 * root + 1;
            if child >= end {
                return;
            }
            if child + 1 < end && a[child] < a[child + 1] {
                child += 1;
            }
            if a[root] >= a[child] {
                return;
            }
            a.swap(root, child);
            root = child;
        }
    }
    let n = a.len();
    for start in (0..n / 2).rev() {
        sift_down(a, start, n);
    }
    for end in (1..n).rev() {
        a.swap(0, end);
        sift_down(a, 0, end);
    }
}

/// `v.retain(keep)`: the items `keep` accepts stay, in their order (each tested once, in
/// order), the others are dropped: a swap per kept item and one `truncate`, far less
/// code per call site than `Vec::retain`'s.
pub fn retain<T>(v: &mut Vec<T>, mut keep: impl FnMut(&T) -> bool) {
    let mut kept = 0;
    for i in 0..v.len() {
        // Items `kept..i` are the ones dropped so far: swapping keeps the others' order.
        if keep(&v[i]) {
            v.swap(kept, i);
            kept += 1;
        }
    }
    v.truncate(kept);
}

/// Drops the oldest (first) items beyond the last `max`: `split_off`, not `drain`, which
/// brings `Drain` and its drop guard into the wasm.
pub fn keep_last<T>(v: &mut Vec<T>, max: usize) {
    if v.len() > max {
        *v = v.split_off(v.len() - max);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lcg(seed: &mut u64) -> u64 {
        *seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        *seed >> 33
    }

    #[test]
    fn same_as_the_standard_stable_sort() {
        let mut seed = 7u64;
        for len in 0..200 {
            // Few distinct keys (many ties) and full-range keys, both directions.
            let spread = if len % 2 == 0 { 16 } else { u64::MAX >> 33 };
            let mut v: Vec<(i64, usize)> = (0..len)
                .map(|i| ((lcg(&mut seed) % spread) as i64 - 8, i))
                .collect();
            let mut expected = v.clone();
            expected.sort_by_key(|p| std::cmp::Reverse(p.0));
            sort_by_key(&mut v, |p| desc(p.0));
            assert_eq!(v, expected);
            expected.sort_by_key(|p| p.0);
            sort_by_key(&mut v, |p| p.0);
            assert_eq!(v, expected);
        }
    }

    #[test]
    fn extreme_keys_and_sorted_or_reversed_input() {
        let mut v = vec![0, i64::MIN, i64::MAX, -1, 1, i64::MIN, i64::MAX];
        sort_by_key(&mut v, |x| desc(*x));
        assert_eq!(v, [i64::MAX, i64::MAX, 1, 0, -1, i64::MIN, i64::MIN]);
        let mut up: Vec<i64> = (0..5000).collect();
        sort_by_key(&mut up, |x| desc(*x));
        assert!(up.windows(2).all(|w| w[0] > w[1]));
        sort_by_key(&mut up, |x| *x);
        assert!(up.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn keeps_the_last_items() {
        for (len, max) in [(0, 0), (3, 5), (5, 5), (7, 5), (4, 0)] {
            let mut v: Vec<u32> = (0..len).collect();
            keep_last(&mut v, max);
            let want: Vec<u32> = (len.saturating_sub(max as u32)..len).collect();
            assert_eq!(v, want, "{len} {max}");
        }
    }

    #[test]
    fn retains_as_the_standard_retain() {
        let mut seed = 11u64;
        for len in 0..60 {
            let v: Vec<String> = (0..len).map(|_| (lcg(&mut seed) % 7).to_string()).collect();
            for cut in ["0", "3", "7"] {
                let (mut mine, mut std) = (v.clone(), v.clone());
                let (mut seen_mine, mut seen_std) = (Vec::new(), Vec::new());
                retain(&mut mine, |s| {
                    seen_mine.push(s.clone());
                    s.as_str() < cut
                });
                std.retain(|s| {
                    seen_std.push(s.clone());
                    s.as_str() < cut
                });
                assert_eq!((mine, seen_mine), (std, seen_std));
            }
        }
    }

    #[test]
    fn moves_owned_values_without_losing_any() {
        let mut v: Vec<String> = ["c", "a", "b", "a"].iter().map(|s| s.to_string()).collect();
        sort_by_key(&mut v, |s| i64::from(s.as_bytes()[0]));
        assert_eq!(v, ["a", "a", "b", "c"]);
    }
}
