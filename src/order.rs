//! A stable sort for the core's short lists (groups, components, incidents, updates).
//!
//! Why not `slice::sort_by_key`: each call site instantiates the standard library's
//! whole stable sort (driftsort: quicksort, merges and small-sort networks), about
//! 3.5 KB of wasm apiece. Insertion sort is a few hundred bytes, stable like the
//! standard one (so results are identical), and quadratic only in lengths these lists
//! never reach; keep it away from lists that can grow large.

/// Sorts `v` by `key`, stably: equal keys keep their order (as `slice::sort_by_key`).
pub fn sort_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    for i in 1..v.len() {
        let mut j = i;
        // Move v[i] left past every element with a strictly greater key.
        while j > 0 && key(&v[j - 1]) > key(&v[j]) {
            v.swap(j - 1, j);
            j -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_as_the_standard_stable_sort() {
        let mut seed = 7u64;
        for len in 0..40 {
            let mut v: Vec<(u8, usize)> = (0..len)
                .map(|i| {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    ((seed >> 60) as u8, i)
                })
                .collect();
            let mut expected = v.clone();
            expected.sort_by_key(|p| std::cmp::Reverse(p.0));
            sort_by_key(&mut v, |p| std::cmp::Reverse(p.0));
            assert_eq!(v, expected);
        }
    }
}
