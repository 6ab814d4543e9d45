//! Tiny sorted-vector map and set keyed by id strings.
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

    pub fn iter(&self) -> impl Iterator<Item = (&str, &V)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }
}

/// Set of borrowed ids, sorted.
#[derive(Debug, Clone, Default)]
pub struct IdSet<'a>(Vec<&'a str>);

impl<'a> IdSet<'a> {
    /// True if newly inserted.
    pub fn insert(&mut self, id: &'a str) -> bool {
        match self.0.binary_search(&id) {
            Ok(_) => false,
            Err(i) => {
                self.0.insert(i, id);
                true
            }
        }
    }

    pub fn contains(&self, id: &str) -> bool {
        self.0.binary_search(&id).is_ok()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &'a str> + '_ {
        self.0.iter().copied()
    }
}

impl<'a> Extend<&'a str> for IdSet<'a> {
    fn extend<I: IntoIterator<Item = &'a str>>(&mut self, iter: I) {
        for id in iter {
            self.insert(id);
        }
    }
}

impl<'a> FromIterator<&'a str> for IdSet<'a> {
    fn from_iter<I: IntoIterator<Item = &'a str>>(iter: I) -> Self {
        let mut s = IdSet::default();
        s.extend(iter);
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn map_and_set() {
        let mut m = IdMap::default();
        m.upsert("b", 1, |_, _| false);
        m.upsert("a", 2, |_, _| false);
        m.upsert("b", 3, |old, new| old > new);
        m.upsert("b", 0, |old, new| old > new);
        assert_eq!(m.get("b"), Some(&3));
        assert_eq!(m.get("c"), None);
        assert_eq!(m.iter().map(|(k, _)| k).collect::<Vec<_>>(), ["a", "b"]);
        let mut s: IdSet = ["x", "y", "x"].into_iter().collect();
        assert!(!s.insert("y"));
        assert!(s.contains("x") && !s.contains("z"));
        assert_eq!(s.iter().count(), 2);
    }
}
