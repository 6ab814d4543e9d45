//! Kept only for `source.rs`/`json.rs` (rewritten on other branches): no other module uses it. // removed at merge
//!
//! Tiny sorted-vector map keyed by id strings, and an index of a list of ids.
//!
//! Used instead of `BTreeMap`/`BTreeSet` purely for wasm size: each B-tree
//! instantiation costs kilobytes, and our collections hold tens of entries.
//! Lookups stay O(log n), so a hostile 2 MB payload cannot make them quadratic
//! in time beyond the O(n) inserts.

/// Map from id to `V`, sorted by id.
#[derive(Debug, Clone, Default)]
pub struct IdMap<V>(Vec<(String, V)>);

impl<V> IdMap<V> {
    fn search(&self, key: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(k, _)| k.as_str().cmp(key))
    }

    pub fn get(&self, key: &str) -> Option<&V> {
        let i = self.search(key).ok()?;
        self.0.get(i).map(|(_, v)| v)
    }

    /// Inserts `value`, unless `key` exists and `keep_old(old, &value)` says to keep
    /// the old one.
    pub fn upsert(&mut self, key: &str, value: V, keep_old: impl FnOnce(&V, &V) -> bool) {
        match self.search(key) {
            Ok(i) => {
                if let Some(slot) = self.0.get_mut(i) {
                    if !keep_old(&slot.1, &value) {
                        slot.1 = value;
                    }
                }
            }
            Err(i) => self.0.insert(i, (key.to_owned(), value)),
        }
    }

    /// Inserts `make()` under `key` unless `key` is there: one search, and the value is
    /// built only for a new key.
    pub fn insert_new(&mut self, key: &str, make: impl FnOnce() -> V) {
        if let Err(i) = self.search(key) {
            self.0.insert(i, (key.to_owned(), make()));
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &V)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }
}

/// Where each id of a list sits: the positions of an id in O(log n), and a small number
/// per distinct id (its *key*), so that sets of ids become flags in a `Vec` indexed by key.
///
/// Why: `verdict::decide` asks, for every component of every page and incident, whether
/// its id is in some set. The ids are ULIDs that share their first ten characters, so
/// string comparisons were a tenth of its time. Here each id is hashed once and compared
/// in full only with ids of the same hash.
#[derive(Debug, Default)]
pub struct IdIndex<'a> {
    ids: Vec<&'a str>,
    /// `(hash of the id, position)`, sorted: equal ids are next to each other, in list
    /// order.
    sorted: Vec<(i64, usize)>,
    /// The key of the id at each position; equal ids share it, keys count from 0.
    keys: Vec<u32>,
    count: usize,
}

impl<'a> IdIndex<'a> {
    pub fn new(ids: Vec<&'a str>) -> Self {
        let mut sorted: Vec<(i64, usize)> = Vec::with_capacity(ids.len());
        for (pos, id) in ids.iter().enumerate() {
            sorted.push((hash(id), pos));
        }
        // By hash, then position: equal hashes keep the list's order.
        crate::order::heapsort(&mut sorted);
        let (keys, count) = keys(&ids, &sorted);
        IdIndex {
            ids,
            sorted,
            keys,
            count,
        }
    }

    /// How many distinct ids the list holds: every key is below this.
    pub fn count(&self) -> usize {
        self.count
    }

    /// The key of the id at `pos`.
    pub fn key(&self, pos: usize) -> usize {
        self.keys[pos] as usize
    }

    /// Whether the list holds `id`.
    pub fn contains(&self, id: &str) -> bool {
        self.find(id).next().is_some()
    }

    /// The positions of `id` in the list, in list order.
    pub fn find<'s>(&'s self, id: &'s str) -> Found<'s, 'a> {
        self.find_hashed(hash(id), id)
    }

    fn find_hashed<'s>(&'s self, h: i64, id: &'s str) -> Found<'s, 'a> {
        Found {
            index: self,
            at: self.sorted.partition_point(|e| e.0 < h),
            hash: h,
            id,
        }
    }
}

/// The positions of one id in an [`IdIndex`], in list order: a plain iterator rather than
/// an adapter chain (one small `next` in the wasm).
pub struct Found<'s, 'a> {
    index: &'s IdIndex<'a>,
    /// The next entry of `sorted` to look at.
    at: usize,
    hash: i64,
    id: &'s str,
}

impl Iterator for Found<'_, '_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        while let Some(&(h, pos)) = self.index.sorted.get(self.at) {
            if h != self.hash {
                break;
            }
            self.at += 1;
            if self.index.ids[pos] == self.id {
                return Some(pos);
            }
        }
        None
    }
}

/// The key of each position's id, given the positions sorted by hash (stably), and how
/// many keys there are. Each id is compared only with the earlier ids of its hash.
fn keys(ids: &[&str], sorted: &[(i64, usize)]) -> (Vec<u32>, usize) {
    let mut keys = vec![0u32; ids.len()];
    let mut count = 0usize;
    let mut run = 0;
    for i in 0..sorted.len() {
        let (h, pos) = sorted[i];
        if sorted[run].0 != h {
            run = i;
        }
        let mut key = None;
        for &(_, earlier) in &sorted[run..i] {
            if ids[earlier] == ids[pos] {
                key = Some(keys[earlier]);
                break;
            }
        }
        keys[pos] = key.unwrap_or_else(|| {
            count += 1;
            (count - 1) as u32
        });
    }
    (keys, count)
}

/// A 64-bit hash of an id, eight bytes at a time (equal ids, equal hashes; distinct ids
/// rarely collide, and a collision only costs a comparison).
fn hash(id: &str) -> i64 {
    let mix = |h: u64, word: u64| (h.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    let mut h = id.len() as u64;
    let mut rest = id.as_bytes();
    while let [a, b, c, d, e, f, g, i, ref tail @ ..] = *rest {
        h = mix(h, u64::from_le_bytes([a, b, c, d, e, f, g, i]));
        rest = tail;
    }
    if !rest.is_empty() {
        let mut word = 0u64;
        for (k, b) in rest.iter().enumerate() {
            word |= u64::from(*b) << (8 * k);
        }
        h = mix(h, word);
    }
    h as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_groups_equal_ids_in_list_order() {
        let ids = vec!["01JMXBNJXGV1", "b", "01JMXBNJXGV1", "", "c", "b"];
        let index = IdIndex::new(ids.clone());
        assert_eq!(index.count(), 4);
        for (p, id) in ids.iter().enumerate() {
            let want: Vec<usize> = (0..ids.len()).filter(|&q| ids[q] == *id).collect();
            assert_eq!(index.find(id).collect::<Vec<_>>(), want, "{id:?}");
            for (q, other) in ids.iter().enumerate() {
                assert_eq!(index.key(p) == index.key(q), id == other);
            }
        }
        assert_eq!(index.find("d").count(), 0);
        assert!(index.contains("c") && !index.contains("d"));
        assert_eq!(IdIndex::new(Vec::new()).count(), 0);
    }

    #[test]
    fn index_tells_apart_ids_whose_hashes_collide() {
        // Every id given one hash: the comparisons after the hash tell them apart alone.
        let ids = vec!["x", "y", "x", "z", "y"];
        let sorted: Vec<(i64, usize)> = (0..ids.len()).map(|p| (7, p)).collect();
        assert_eq!(keys(&ids, &sorted), (vec![0, 1, 0, 2, 1], 3));
        let index = IdIndex {
            ids: ids.clone(),
            sorted,
            keys: Vec::new(),
            count: 3,
        };
        assert_eq!(index.find_hashed(7, "y").collect::<Vec<_>>(), [1, 4]);
        assert_eq!(index.find_hashed(7, "w").count(), 0);
        assert_eq!(index.find_hashed(8, "x").count(), 0);
    }

    #[test]
    fn map() {
        let mut m = IdMap::default();
        m.upsert("b", 1, |_, _| false);
        m.upsert("a", 2, |_, _| false);
        m.upsert("b", 3, |old, new| old > new);
        m.upsert("b", 0, |old, new| old > new);
        assert_eq!(m.get("b"), Some(&3));
        assert_eq!(m.get("c"), None);
        assert_eq!(m.iter().map(|(k, _)| k).collect::<Vec<_>>(), ["a", "b"]);
    }
}
