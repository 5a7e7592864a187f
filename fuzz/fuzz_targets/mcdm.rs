//! Raw `topsis` and `weighted_sum` on any matrix (subnormal, huge, equal, negative
//! values): every score is finite, on [0, 1] for min-max, and agrees with a plain
//! reference computed on power-of-two-scaled columns, as pymcdm computes it.
#![no_main]
use libfuzzer_sys::fuzz_target;
use medjourney::matching::Normalization;
use medjourney::{topsis, weighted_sum};
use medjourney_fuzz::{any, decode, ok_or_coded};

fn value(u: &mut arbitrary::Unstructured) -> arbitrary::Result<f64> {
    Ok(match u.int_in_range(0..=6u8)? {
        0 => f64::from_bits(any(u)?),
        1 => *u.choose(&[
            0.0,
            -0.0,
            1e-309,
            2e-309,
            5e-324,
            1e-300,
            1e308,
            -1e308,
            f64::MAX,
            f64::MIN,
            1.0,
            1.0 + f64::EPSILON,
        ])?,
        2 => f64::from(u.int_in_range(-3..=3i8)?) * 1e-310,
        _ => f64::from(u.int_in_range(-1000..=1000i16)?) / 8.0,
    })
}

/// Scales a column by a power of two so its largest magnitude is near 1: exact for every
/// finite value (subnormals become normal, huge values stop overflowing).
fn scaled(col: &[f64]) -> Vec<f64> {
    let m = col.iter().fold(0.0f64, |m, x| m.max(x.abs()));
    if m == 0.0 || !m.is_finite() {
        return col.to_vec();
    }
    let e = m.log2().floor() as i32;
    col.iter()
        .map(|x| {
            let mut v = *x;
            let mut k = -e;
            while k > 0 {
                let s = k.min(1000);
                v *= 2f64.powi(s);
                k -= s;
            }
            while k < 0 {
                let s = (-k).min(1000);
                v /= 2f64.powi(s);
                k += s;
            }
            v
        })
        .collect()
}

/// Min-max normalized columns, computed plainly after scaling.
fn reference_normalized(matrix: &[f64], rows: usize, cols: usize, types: &[i8]) -> Vec<Vec<f64>> {
    (0..cols)
        .map(|j| {
            let col: Vec<f64> = (0..rows).map(|i| matrix[i * cols + j]).collect();
            let s = scaled(&col);
            let lo = s.iter().cloned().fold(f64::INFINITY, f64::min);
            let hi = s.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
            s.iter()
                .map(|x| {
                    if hi == lo {
                        1.0
                    } else if types[j] == 1 {
                        (x - lo) / (hi - lo)
                    } else {
                        (hi - x) / (hi - lo)
                    }
                })
                .collect()
        })
        .collect()
}

fuzz_target!(|data: &[u8]| {
    let Some((matrix, rows, cols, weights, types, vector)) = decode(data, |u| {
        let rows = u.int_in_range(1..=12usize)?;
        let cols = u.int_in_range(1..=11usize)?;
        let mut matrix = Vec::with_capacity(rows * cols);
        for _ in 0..rows * cols {
            matrix.push(value(u)?);
        }
        let mut weights = Vec::with_capacity(cols);
        let mut types = Vec::with_capacity(cols);
        for _ in 0..cols {
            weights.push(if u.ratio(1, 6)? {
                value(u)?
            } else {
                f64::from(u.int_in_range(0..=10u8)?)
            });
            types.push(if any(u)? { 1 } else { -1 });
        }
        Ok((matrix, rows, cols, weights, types, any::<bool>(u)?))
    }) else {
        return;
    };
    let norm = if vector {
        Normalization::Vector
    } else {
        Normalization::MinMax
    };
    let t = ok_or_coded(topsis(&matrix, rows, cols, &weights, &types, norm));
    let w = ok_or_coded(weighted_sum(&matrix, rows, cols, &weights, &types, norm));
    assert_eq!(
        t.is_some(),
        w.is_some(),
        "both methods accept the same inputs"
    );
    let (Some(t), Some(w)) = (t, w) else { return };
    assert_eq!(t.len(), rows);
    assert_eq!(w.len(), rows);
    for (a, b) in t.iter().zip(&w) {
        assert!(
            a.is_finite() && (-1e-12..=1.0 + 1e-12).contains(a),
            "topsis score {a}"
        );
        assert!(b.is_finite(), "weighted sum {b}");
        if !vector {
            assert!((-1e-12..=1.0 + 1e-12).contains(b), "weighted sum {b}");
        }
    }
    if vector {
        return;
    }
    // The reference: pymcdm's min-max TOPSIS and weighted sum.
    let total: f64 = weights.iter().sum();
    if !(total.is_finite() && total > 0.0) {
        return;
    }
    let wn: Vec<f64> = weights.iter().map(|x| x / total).collect();
    let n = reference_normalized(&matrix, rows, cols, &types);
    for i in 0..rows {
        let ws: f64 = (0..cols).map(|j| wn[j] * n[j][i]).sum();
        assert!(
            (ws - w[i]).abs() <= 1e-9,
            "weighted sum row {i}: {} vs reference {ws}",
            w[i]
        );
        let (mut dp, mut dm) = (0.0, 0.0);
        for j in 0..cols {
            let v = wn[j] * n[j][i];
            let best = (0..rows)
                .map(|k| wn[j] * n[j][k])
                .fold(f64::NEG_INFINITY, f64::max);
            let worst = (0..rows)
                .map(|k| wn[j] * n[j][k])
                .fold(f64::INFINITY, f64::min);
            dp += (v - best) * (v - best);
            dm += (v - worst) * (v - worst);
        }
        let (dp, dm) = (dp.sqrt(), dm.sqrt());
        if dp + dm > 1e-6 {
            let r = dm / (dp + dm);
            assert!(
                (r - t[i]).abs() <= 1e-6,
                "topsis row {i}: {} vs reference {r}",
                t[i]
            );
        }
    }
});
