//! The rules an engine follows to combine partial journey maps of a partitioned log (the
//! core's `analytics::partitions`), for `medjourney.dask` and Spark recipes.

use medjourney::analytics::partitions;
use pyo3::prelude::*;

use crate::convert::Whole;
use crate::errors::IntoPy;

/// The number of partitions shared by tables partitioned alike, by journey; a
/// `ValidationError` (`invalid_input`) naming the counts when they differ.
#[pyfunction]
fn partitions_alike(counts: Vec<Whole<usize>>) -> PyResult<usize> {
    let counts: Vec<usize> = counts.into_iter().map(|c| c.0).collect();
    partitions::partitions_alike(&counts).py()
}

/// The levels of a tree merge of `parts` partial maps, `split_every` at a time: per level,
/// the `(start, end)` ranges of the previous level's results merged into one.
#[pyfunction]
fn merge_tree(
    parts: Whole<usize>,
    split_every: Whole<usize>,
) -> PyResult<Vec<Vec<(usize, usize)>>> {
    let levels = partitions::merge_tree(parts.0, split_every.0).py()?;
    Ok(levels
        .into_iter()
        .map(|level| level.into_iter().map(|r| (r.start, r.end)).collect())
        .collect())
}

crate::export!(fn partitions_alike, merge_tree);
