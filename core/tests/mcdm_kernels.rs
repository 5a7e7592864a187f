//! The raw TOPSIS and weighted sum at every matrix width: the kernels compiled per width
//! (2 to 10 columns) and the general loop must give the textbook scores, and keep the
//! documented degenerate cases.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic

use medjourney::{topsis, weighted_sum, Normalization};
use proptest::prelude::*;

/// pymcdm's normalization of one column, written out plainly.
fn normalize(col: &[f64], benefit: bool, norm: Normalization) -> Vec<f64> {
    match norm {
        Normalization::MinMax => {
            let lo = col.iter().copied().fold(f64::INFINITY, f64::min);
            let hi = col.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            if hi <= lo {
                return vec![1.0; col.len()];
            }
            col.iter()
                .map(|x| {
                    if benefit {
                        (x - lo) / (hi - lo)
                    } else {
                        (hi - x) / (hi - lo)
                    }
                })
                .collect()
        }
        Normalization::Vector => {
            let n = col.iter().map(|x| x * x).sum::<f64>().sqrt();
            if n == 0.0 {
                return vec![1.0; col.len()];
            }
            col.iter()
                .map(|x| if benefit { x / n } else { 1.0 - x / n })
                .collect()
        }
    }
}

/// Weighted normalized matrix, column by column.
fn weighted_columns(
    m: &[f64],
    rows: usize,
    cols: usize,
    w: &[f64],
    t: &[i8],
    norm: Normalization,
) -> Vec<Vec<f64>> {
    let total: f64 = w.iter().sum();
    (0..cols)
        .map(|j| {
            let col: Vec<f64> = (0..rows).map(|i| m[i * cols + j]).collect();
            normalize(&col, t[j] == 1, norm)
                .into_iter()
                .map(|v| v * w[j] / total)
                .collect()
        })
        .collect()
}

fn textbook_topsis(
    m: &[f64],
    rows: usize,
    cols: usize,
    w: &[f64],
    t: &[i8],
    norm: Normalization,
) -> Vec<f64> {
    let v = weighted_columns(m, rows, cols, w, t, norm);
    let ideal: Vec<f64> = v
        .iter()
        .map(|c| c.iter().copied().fold(f64::NEG_INFINITY, f64::max))
        .collect();
    let anti: Vec<f64> = v
        .iter()
        .map(|c| c.iter().copied().fold(f64::INFINITY, f64::min))
        .collect();
    (0..rows)
        .map(|i| {
            let dp: f64 = (0..cols).map(|j| (v[j][i] - ideal[j]).powi(2)).sum();
            let dm: f64 = (0..cols).map(|j| (v[j][i] - anti[j]).powi(2)).sum();
            let (dp, dm) = (dp.sqrt(), dm.sqrt());
            if dp + dm > 0.0 {
                dm / (dp + dm)
            } else {
                1.0
            }
        })
        .collect()
}

fn textbook_weighted_sum(
    m: &[f64],
    rows: usize,
    cols: usize,
    w: &[f64],
    t: &[i8],
    norm: Normalization,
) -> Vec<f64> {
    let v = weighted_columns(m, rows, cols, w, t, norm);
    (0..rows)
        .map(|i| (0..cols).map(|j| v[j][i]).sum())
        .collect()
}

type Case = (usize, usize, Vec<f64>, Vec<f64>, Vec<i8>);

/// Widths 1 to 13 cover every compiled kernel and the general loop on both sides.
fn any_width() -> impl Strategy<Value = Case> {
    (1usize..40, 1usize..14).prop_flat_map(|(rows, cols)| {
        (
            Just(rows),
            Just(cols),
            prop::collection::vec(
                prop_oneof![4 => -1e6..1e6f64, 1 => Just(0.0), 1 => Just(42.0)],
                rows * cols,
            ),
            prop::collection::vec(0.0..10.0f64, cols),
            prop::collection::vec(prop_oneof![Just(1i8), Just(-1i8)], cols),
        )
    })
}

fn close(a: &[f64], b: &[f64]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| (x - y).abs() <= 1e-9)
}

proptest! {
    #[test]
    fn both_methods_equal_the_textbook_formulas_at_every_width((rows, cols, m, mut w, t) in any_width()) {
        if let Some(first) = w.first_mut() { *first += 0.1; }
        for norm in [Normalization::MinMax, Normalization::Vector] {
            let got = topsis(&m, rows, cols, &w, &t, norm).unwrap();
            let want = textbook_topsis(&m, rows, cols, &w, &t, norm);
            prop_assert!(close(&got, &want), "topsis {norm:?} {cols} cols: {got:?} vs {want:?}");
            let got = weighted_sum(&m, rows, cols, &w, &t, norm).unwrap();
            let want = textbook_weighted_sum(&m, rows, cols, &w, &t, norm);
            prop_assert!(close(&got, &want), "wsm {norm:?} {cols} cols: {got:?} vs {want:?}");
        }
    }

    #[test]
    fn identical_rows_all_score_one_at_every_width(
        row in prop::collection::vec(-1e9..1e9f64, 1..14),
        rows in 1usize..6,
        seed_w in 0.1..5.0f64,
    ) {
        let cols = row.len();
        let m: Vec<f64> = row.iter().copied().cycle().take(rows * cols).collect();
        let w = vec![seed_w; cols];
        let t: Vec<i8> = (0..cols).map(|j| if j % 2 == 0 { 1 } else { -1 }).collect();
        for norm in [Normalization::MinMax, Normalization::Vector] {
            let s = topsis(&m, rows, cols, &w, &t, norm).unwrap();
            prop_assert!(s.iter().all(|x| *x == 1.0), "{norm:?}: {s:?}");
        }
        let s = weighted_sum(&m, rows, cols, &w, &t, Normalization::MinMax).unwrap();
        prop_assert!(s.iter().all(|x| (x - 1.0).abs() <= 1e-12), "{s:?}");
    }
}

#[test]
fn a_column_spanning_the_whole_double_range_still_scores_its_extremes() {
    // max − min overflows, so this matrix takes the halved map rather than the kernel.
    for cols in [1usize, 2, 8, 12] {
        let mut m = vec![0.0; 3 * cols];
        m[0] = -f64::MAX;
        m[cols] = 0.0;
        m[2 * cols] = f64::MAX;
        let mut w = vec![0.0; cols];
        w[0] = 1.0;
        let t = vec![1i8; cols];
        let s = topsis(&m, 3, cols, &w, &t, Normalization::MinMax).unwrap();
        assert_eq!((s[0], s[2]), (0.0, 1.0), "{cols} cols");
        assert!((s[1] - 0.5).abs() < 1e-12, "{cols} cols: {s:?}");
        let s = weighted_sum(&m, 3, cols, &w, &t, Normalization::MinMax).unwrap();
        assert_eq!(s[0], 0.0, "{cols} cols");
        assert!((s[2] - 1.0).abs() < 1e-12, "{cols} cols: {s:?}");
    }
}

#[test]
fn a_non_finite_value_is_rejected_at_every_width() {
    for cols in 1..=13usize {
        for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            let mut m = vec![1.0; 4 * cols];
            m[4 * cols - 1] = bad;
            let (w, t) = (vec![1.0; cols], vec![1i8; cols]);
            for norm in [Normalization::MinMax, Normalization::Vector] {
                let e = topsis(&m, 4, cols, &w, &t, norm).unwrap_err();
                assert_eq!(e.code(), "invalid_matrix", "{cols} cols, {bad}");
                assert!(e.to_string().contains("row 3"), "{e}");
                let e = weighted_sum(&m, 4, cols, &w, &t, norm).unwrap_err();
                assert_eq!(e.code(), "invalid_matrix", "{cols} cols, {bad}");
            }
        }
    }
}
