//! Partial journey maps of a partitioned event log, and how an engine combines them: each
//! partition is accumulated on its own ([`crate::MapAccumulator`]) and the partial maps are
//! merged in a tree. The rules live here so every engine binding (the Python package's
//! Dask module, a Spark recipe) refuses the same inputs with the same codes.

use std::ops::Range;

use crate::error::{Error, Result};

/// The number of partitions shared by tables partitioned alike, by journey (partition `i`
/// of each holds all rows of the same journeys): an error naming the counts when they
/// differ, since a journey split across partitions would be counted twice.
pub fn partitions_alike(counts: &[usize]) -> Result<usize> {
    let Some(&first) = counts.first() else {
        return Err(Error::invalid("partitions", "no tables given"));
    };
    if first == 0 {
        return Err(Error::invalid(
            "partitions",
            "the tables have no partitions",
        ));
    }
    if counts.iter().any(|&c| c != first) {
        return Err(Error::invalid(
            "partitions",
            format!(
                "the tables must be partitioned alike, by journey (partition i of each holds \
                 the same journeys); their partition counts are {counts:?}"
            ),
        ));
    }
    Ok(first)
}

/// The levels of a tree merge of `parts` partial maps, `split_every` at a time: level by
/// level, the ranges of the previous level's results (the partial maps for the first)
/// that are merged into one, until one is left. No level when `parts` is 1. Merging is
/// order-independent, so any grouping gives the same map; a tree keeps each merge small
/// and spreads them over the workers.
pub fn merge_tree(parts: usize, split_every: usize) -> Result<Vec<Vec<Range<usize>>>> {
    if split_every < 2 {
        return Err(Error::invalid(
            "split_every",
            format!("{split_every} partial maps at a time cannot merge; at least 2 can"),
        ));
    }
    if parts == 0 {
        return Err(Error::invalid(
            "partitions",
            "there are no partial maps to merge",
        ));
    }
    let mut levels = Vec::new();
    let mut n = parts;
    while n > 1 {
        let level: Vec<Range<usize>> = (0..n)
            .step_by(split_every)
            .map(|start| start..start.saturating_add(split_every).min(n))
            .collect();
        n = level.len();
        levels.push(level);
    }
    Ok(levels)
}
