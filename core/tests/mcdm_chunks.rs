//! The raw TOPSIS and weighted sum read a chunk of rows at a time (`ColumnPasses` and
//! `ScorePlan`, what the npm package uses to score a `Float64Array` it never copies whole)
//! give the whole-matrix scores bit for bit, for any split into chunks, uneven last chunk
//! included; a value that is not finite in a later chunk is reported at its row and
//! column in the whole matrix; rows fed out of turn are an `invalid_matrix` error.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic

use medjourney::matching::{ColumnPasses, Method, ScorePlan};
use medjourney::{topsis, weighted_sum, Normalization};
use proptest::prelude::*;

const NORMS: [Normalization; 2] = [Normalization::MinMax, Normalization::Vector];

/// The statistics passes with the rows fed `chunk_rows` at a time.
fn chunked_plan(
    m: &[f64],
    rows: usize,
    cols: usize,
    w: &[f64],
    t: &[i8],
    norm: Normalization,
    chunk_rows: usize,
) -> medjourney::Result<ScorePlan> {
    let mut passes = ColumnPasses::new(m.len(), rows, cols, w, t, norm)?;
    while passes.wants_rows() {
        let start = passes.next_row();
        let end = (start + chunk_rows).min(rows);
        passes.add_rows(&m[start * cols..end * cols])?;
    }
    passes.plan()
}

/// Scores of every row, `chunk_rows` at a time.
fn chunked_scores(
    plan: &ScorePlan,
    method: Method,
    m: &[f64],
    cols: usize,
    chunk_rows: usize,
) -> Vec<f64> {
    let mut out = Vec::new();
    for chunk in m.chunks(chunk_rows * cols) {
        plan.score(method, chunk, &mut out);
    }
    out
}

fn bits(v: &[f64]) -> Vec<u64> {
    v.iter().map(|x| x.to_bits()).collect()
}

type Case = (usize, usize, Vec<f64>, Vec<f64>, Vec<i8>, usize, usize);

/// Widths 1 to 13 (every compiled kernel and the general loop), values from tiny
/// (subnormal columns take the scaled maps) to huge (ranges that overflow take the
/// halved maps), and two chunk sizes: one for the statistics, one for the scores.
fn any_split() -> impl Strategy<Value = Case> {
    (1usize..50, 1usize..14).prop_flat_map(|(rows, cols)| {
        (
            Just(rows),
            Just(cols),
            prop::collection::vec(
                prop_oneof![
                    6 => -1e6..1e6f64,
                    1 => Just(0.0),
                    1 => Just(42.0),
                    1 => -1e-310..1e-310f64,
                    1 => prop_oneof![Just(f64::MAX), Just(-f64::MAX)],
                ],
                rows * cols,
            ),
            prop::collection::vec(0.0..10.0f64, cols),
            prop::collection::vec(prop_oneof![Just(1i8), Just(-1i8)], cols),
            1usize..=rows,
            1usize..=rows,
        )
    })
}

proptest! {
    #[test]
    fn chunked_statistics_and_scores_equal_the_whole_matrix_bit_for_bit(
        (rows, cols, m, mut w, t, stats_rows, score_rows) in any_split()
    ) {
        if let Some(first) = w.first_mut() { *first += 0.1; }
        for norm in NORMS {
            let plan = chunked_plan(&m, rows, cols, &w, &t, norm, stats_rows).unwrap();
            let got = chunked_scores(&plan, Method::Topsis, &m, cols, score_rows);
            let want = topsis(&m, rows, cols, &w, &t, norm).unwrap();
            prop_assert_eq!(bits(&got), bits(&want), "topsis {:?}", norm);
            let got = chunked_scores(&plan, Method::WeightedSum, &m, cols, score_rows);
            let want = weighted_sum(&m, rows, cols, &w, &t, norm).unwrap();
            prop_assert_eq!(bits(&got), bits(&want), "weighted sum {:?}", norm);
        }
    }
}

#[test]
fn chunks_of_one_row_to_all_rows_give_the_whole_matrix_scores() {
    let (rows, cols) = (37, 8);
    let m: Vec<f64> = (0..rows * cols)
        .map(|i| ((i * 7919) % 1013) as f64 * 0.37 - 150.0)
        .collect();
    let w = [3.0, 1.0, 4.0, 1.0, 5.0, 9.0, 2.0, 6.0];
    let t = [1, -1, 1, 1, -1, 1, -1, 1];
    for norm in NORMS {
        let whole = bits(&topsis(&m, rows, cols, &w, &t, norm).unwrap());
        for chunk_rows in [1, 2, 5, 10, 36, 37, 64] {
            let plan = chunked_plan(&m, rows, cols, &w, &t, norm, chunk_rows).unwrap();
            let got = chunked_scores(&plan, Method::Topsis, &m, cols, chunk_rows);
            assert_eq!(bits(&got), whole, "{norm:?}, {chunk_rows} rows a chunk");
        }
    }
}

#[test]
fn a_non_finite_value_in_a_later_chunk_is_reported_at_its_row_and_column() {
    for cols in [1usize, 3, 8, 12] {
        let rows = 23;
        for (at, bad) in [
            (cols * 17 + cols - 1, f64::NAN),
            (cols * 9, f64::INFINITY),
            (cols * 21, f64::NEG_INFINITY),
        ] {
            let mut m = vec![1.5; rows * cols];
            m[at] = bad;
            // A second bad value after the first: the first in row order is the one named.
            m[rows * cols - 1] = f64::NAN;
            let (w, t) = (vec![1.0; cols], vec![1i8; cols]);
            let want = format!(
                "value {bad} at row {}, column {} is not finite",
                at / cols,
                at % cols
            );
            for norm in NORMS {
                let whole = topsis(&m, rows, cols, &w, &t, norm).unwrap_err();
                assert_eq!(whole.code(), "invalid_matrix");
                assert!(whole.to_string().contains(&want), "{whole} lacks {want}");
                for chunk_rows in [1, 4, 5, 8] {
                    let e = chunked_plan(&m, rows, cols, &w, &t, norm, chunk_rows).unwrap_err();
                    assert_eq!(e.code(), "invalid_matrix");
                    assert_eq!(
                        e.to_string(),
                        whole.to_string(),
                        "{cols} cols, {chunk_rows} rows a chunk"
                    );
                }
            }
        }
    }
}

#[test]
fn the_shape_weights_and_types_are_checked_before_any_row_is_read() {
    let new = |values, rows, cols, w: &[f64], t: &[i8]| {
        ColumnPasses::new(values, rows, cols, w, t, Normalization::MinMax).unwrap_err()
    };
    assert_eq!(new(5, 2, 2, &[1.0, 1.0], &[1, 1]).code(), "invalid_matrix");
    assert_eq!(new(0, 0, 2, &[1.0, 1.0], &[1, 1]).code(), "invalid_matrix");
    assert_eq!(new(4, 2, 2, &[1.0], &[1, 1]).code(), "invalid_weights");
    assert_eq!(
        new(4, 2, 2, &[-1.0, 1.0], &[1, 1]).code(),
        "invalid_weights"
    );
    assert_eq!(new(4, 2, 2, &[1.0, 1.0], &[1, 2]).code(), "invalid_input");
}

#[test]
fn rows_fed_out_of_turn_are_an_invalid_matrix_error() {
    let m = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0];
    let (w, t) = ([1.0, 1.0], [1i8, -1]);
    let passes = || ColumnPasses::new(6, 3, 2, &w, &t, Normalization::MinMax).unwrap();
    // Not whole rows.
    assert_eq!(
        passes().add_rows(&m[..3]).unwrap_err().code(),
        "invalid_matrix"
    );
    // More rows than the matrix has.
    let mut p = passes();
    p.add_rows(&m[..4]).unwrap();
    assert_eq!(p.add_rows(&m).unwrap_err().code(), "invalid_matrix");
    // A plan before every row was read.
    let mut p = passes();
    p.add_rows(&m[..2]).unwrap();
    assert_eq!(p.plan().unwrap_err().code(), "invalid_matrix");
    // Rows after the last pass (min–max has one; vector normalization two).
    let mut p = passes();
    p.add_rows(&m).unwrap();
    assert!(!p.wants_rows());
    assert_eq!(p.add_rows(&m[..2]).unwrap_err().code(), "invalid_matrix");
    let mut p = ColumnPasses::new(6, 3, 2, &w, &t, Normalization::Vector).unwrap();
    p.add_rows(&m).unwrap();
    assert!(p.wants_rows() && p.next_row() == 0);
    p.add_rows(&m).unwrap();
    assert!(!p.wants_rows());
    assert!(p.plan().is_ok());
}
