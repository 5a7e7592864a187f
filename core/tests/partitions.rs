//! How partial journey maps of a partitioned log are combined (analytics::partitions):
//! the tree merge reduces any number of partial maps to one, in groups no larger than
//! asked, touching each result exactly once; unalike partitionings and merges of fewer
//! than two maps at a time are refused with `invalid_input`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic

use medjourney::analytics::partitions::{merge_tree, partitions_alike};
use proptest::prelude::*;

proptest! {
    #[test]
    fn tree_merge_groups_every_result_once_until_one_is_left(parts in 1usize..500, split_every in 2usize..12) {
        let levels = merge_tree(parts, split_every).unwrap();
        let mut n = parts;
        for level in &levels {
            // The ranges cover 0..n in order, without gaps or overlaps, none empty or too big.
            let mut next = 0;
            for r in level {
                prop_assert_eq!(r.start, next);
                prop_assert!(!r.is_empty() && r.len() <= split_every);
                next = r.end;
            }
            prop_assert_eq!(next, n);
            prop_assert!(level.len() < n);
            n = level.len();
        }
        prop_assert_eq!(n, 1);
    }
}

#[test]
fn one_partial_map_needs_no_merge() {
    assert!(merge_tree(1, 8).unwrap().is_empty());
    assert_eq!(
        merge_tree(9, 8).unwrap(),
        vec![vec![0..8, 8..9], vec![0..2]]
    );
}

#[test]
fn merging_fewer_than_two_at_a_time_is_invalid_input() {
    for split_every in [0, 1] {
        let e = merge_tree(5, split_every).unwrap_err();
        assert_eq!(e.code(), "invalid_input");
        assert!(e.to_string().contains("split_every"), "{e}");
    }
    assert_eq!(merge_tree(0, 2).unwrap_err().code(), "invalid_input");
}

#[test]
fn tables_partitioned_alike_share_their_count_and_others_are_invalid_input() {
    assert_eq!(partitions_alike(&[4, 4, 4, 4]).unwrap(), 4);
    let e = partitions_alike(&[2, 3, 2, 2]).unwrap_err();
    assert_eq!(e.code(), "invalid_input");
    assert!(e.to_string().contains("[2, 3, 2, 2]"), "{e}");
    assert_eq!(partitions_alike(&[]).unwrap_err().code(), "invalid_input");
    assert_eq!(
        partitions_alike(&[0, 0]).unwrap_err().code(),
        "invalid_input"
    );
}
