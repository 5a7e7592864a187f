//! One stable sort for every sort outside the hot paths.
//!
//! std's sort is generic: each call site with its own element type or comparator compiles
//! a whole copy of it (about 4 KB of wasm each, 30 of them were a sixth of the npm
//! module's code). These helpers sort through a single copy instead: a stable sort of
//! indices under a `dyn` comparator, then the elements are moved into that order.
//!
//! A stable sort's result is fully determined by the comparator, so each helper gives
//! exactly what `slice::sort_by` gives. It stands in for `sort_unstable*` only where equal
//! elements cannot be told apart (or no two elements compare equal), which makes every
//! correct sort agree. The hot loops (ranking's top k, the duration columns, the catalog's
//! id order) keep std's sorts, specialised for their types.

use std::cmp::Ordering;

/// Sorts `v` stably by `cmp`, as `slice::sort_by` does.
pub(crate) fn sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    let order = {
        let items: &[T] = v;
        stable_order(
            items.len(),
            &mut |a, b| match (items.get(a), items.get(b)) {
                (Some(x), Some(y)) => cmp(x, y),
                // Unreachable: both are indices below `items.len()`.
                _ => a.cmp(&b),
            },
        )
    };
    permute(v, order);
}

/// Sorts `v` stably by the key `f` gives, as `slice::sort_by_key` does.
pub(crate) fn sort_by_key<T, K: Ord>(v: &mut [T], mut f: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| f(a).cmp(&f(b)));
}

/// Sorts `v` in ascending order, as `slice::sort` does.
pub(crate) fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// The indices `0..n` in the stable order of `cmp`: the one instance of std's sort.
fn stable_order(n: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| cmp(a, b));
    order
}

/// Puts the element at `order[i]` at position `i`, following each cycle of the
/// permutation with swaps (linear, no copies of `T`).
fn permute<T>(v: &mut [T], mut order: Vec<usize>) {
    for start in 0..order.len() {
        let mut at = start;
        while let Some(from) = order.get_mut(at).map(|f| std::mem::replace(f, at)) {
            // `from == start` closes the cycle (the start's element arrived with the last
            // swap); `from == at` is a position already in place, or already visited.
            if from == start || from == at {
                break;
            }
            v.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_exactly_as_std_stable_sort_does() {
        // Pairs compared by their first half only, so stability shows in the second.
        let mut seed = 7u64;
        for n in [0usize, 1, 2, 3, 5, 8, 21, 100, 1000] {
            let v: Vec<(u8, usize)> = (0..n)
                .map(|i| {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    ((seed >> 59) as u8, i)
                })
                .collect();
            let mut ours = v.clone();
            let mut std_sorted = v.clone();
            sort_by(&mut ours, |a, b| b.0.cmp(&a.0));
            std_sorted.sort_by_key(|x| std::cmp::Reverse(x.0));
            assert_eq!(ours, std_sorted);
            let mut ours = v.clone();
            let mut std_sorted = v;
            sort_by_key(&mut ours, |x| x.0);
            std_sorted.sort_by_key(|x| x.0);
            assert_eq!(ours, std_sorted);
        }
    }

    #[test]
    fn sorts_owned_values_without_losing_any() {
        let mut v: Vec<String> = ["pear", "apple", "fig", "apple", "kiwi"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        sort(&mut v);
        assert_eq!(v, ["apple", "apple", "fig", "kiwi", "pear"]);
    }
}
