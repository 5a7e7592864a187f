//! The numeric inner loops of medjourney: for multi-criteria scoring, over flat row-major
//! `f64` matrices (whole or a chunk of rows at a time), column extremes, column sums of
//! squares, TOPSIS distances and weighted sums; for the FX batch,
//! the per-row conversion and sum over minor-unit columns ([`sum_minor_units`]).
//!
//! They live in a crate of their own so a build can choose how they are compiled apart
//! from the rest: the npm package (profile `wasm-release`) compiles this crate for speed
//! (`opt-level = 3`, wasm SIMD128) and everything else for size. The core validates the
//! input and decides what these loops get: the normalization and per-column coefficients
//! (`medjourney::matching::mcdm`), each currency's exact rate (`medjourney::money`). The
//! one rule kept here is how a quotient rounds ([`rounds_away`]), so the core's general
//! conversion path and the batch loop share one definition of it. Nothing here panics or
//! indexes out of bounds: rows are taken with `chunks_exact`, zipped columns and
//! fixed-width arrays.

mod minor_units;
pub use minor_units::{rounds_away, sum_minor_units, NarrowRate, Rounding};

/// Picks the kernel compiled for the matrix's width, so the per-row loops over columns
/// are unrolled and vectorized; other widths take the general loop.
macro_rules! by_width {
    ($cols:expr, $fixed:ident($($arg:expr),*), $otherwise:expr) => {
        match $cols {
            2 => $fixed::<2>($($arg),*),
            3 => $fixed::<3>($($arg),*),
            4 => $fixed::<4>($($arg),*),
            5 => $fixed::<5>($($arg),*),
            6 => $fixed::<6>($($arg),*),
            7 => $fixed::<7>($($arg),*),
            8 => $fixed::<8>($($arg),*),
            9 => $fixed::<9>($($arg),*),
            10 => $fixed::<10>($($arg),*),
            _ => $otherwise,
        }
    };
}

/// `x < lo ? x : lo` skips a NaN like `f64::min` but is a single `minpd` once vectorized.
#[inline(always)]
fn lower(lo: f64, x: f64) -> f64 {
    if x < lo {
        x
    } else {
        lo
    }
}

/// See [`lower`].
#[inline(always)]
fn higher(hi: f64, x: f64) -> f64 {
    if x > hi {
        x
    } else {
        hi
    }
}

/// Widens each column's running extremes `lo`/`hi` (one entry per column) by the rows of
/// a `cols`-wide matrix (NaN skipped); returns whether every value of these rows is
/// finite. The extremes are taken row by row, so feeding a matrix in chunks of rows gives
/// the same extremes as feeding it whole.
pub fn column_extremes(matrix: &[f64], cols: usize, lo: &mut [f64], hi: &mut [f64]) -> bool {
    by_width!(
        cols,
        min_max_fixed(matrix, lo, hi),
        min_max_any(matrix, cols, lo, hi)
    )
}

/// [`column_extremes`] of a `C`-wide matrix; `x · 0` is ±0 for a finite value and NaN
/// for ±infinity or NaN, so the poison sum tells whether all were finite.
fn min_max_fixed<const C: usize>(matrix: &[f64], lo_out: &mut [f64], hi_out: &mut [f64]) -> bool {
    let mut lo = fixed::<C>(lo_out);
    let mut hi = fixed::<C>(hi_out);
    let mut poison = [0.0_f64; C];
    for row in matrix.chunks_exact(C) {
        let Ok(row) = <&[f64; C]>::try_from(row) else {
            continue;
        };
        for (((l, h), p), &x) in lo.iter_mut().zip(&mut hi).zip(&mut poison).zip(row) {
            *l = lower(*l, x);
            *h = higher(*h, x);
            *p += x * 0.0;
        }
    }
    lo_out.iter_mut().zip(lo).for_each(|(d, s)| *d = s);
    hi_out.iter_mut().zip(hi).for_each(|(d, s)| *d = s);
    poison.iter().all(|p| *p == 0.0)
}

/// [`min_max_fixed`] for any width.
fn min_max_any(matrix: &[f64], cols: usize, lo: &mut [f64], hi: &mut [f64]) -> bool {
    let mut poison = 0.0_f64;
    for row in matrix.chunks_exact(cols.max(1)) {
        for ((l, h), &x) in lo.iter_mut().zip(hi.iter_mut()).zip(row) {
            *l = lower(*l, x);
            *h = higher(*h, x);
            poison += x * 0.0;
        }
    }
    poison == 0.0
}

/// Adds to each column's running sum of squares `sums` the squares of `x / scale` over
/// the rows of a `cols`-wide matrix, per column, skipping NaN and every column whose
/// `scale` is not positive; row by row, so chunks of rows give the sums of the whole.
///
/// One loop for every width: only vector normalization takes this pass, and kernels
/// compiled per width would add 3 KB to the gzipped npm module.
pub fn column_sums_of_squares(matrix: &[f64], cols: usize, scale: &[f64], sums: &mut [f64]) {
    for row in matrix.chunks_exact(cols.max(1)) {
        for ((s, &x), &m) in sums.iter_mut().zip(row).zip(scale) {
            // A skipped value adds +0, which leaves a sum of squares (never −0) unchanged,
            // so the select gives the sums a branch would.
            let r = if !x.is_nan() && m > 0.0 { x / m } else { 0.0 };
            *s += r * r;
        }
    }
}

/// Per-column coefficients of the weighted normalized value `t = (x − off)·kk` of an
/// all-finite matrix, with the ideal and anti-ideal in the same `t` space and the
/// constant the weighted sum adds to `Σ t` (the core's `Fast` plan).
#[derive(Debug, Clone, Copy)]
pub struct Coefficients<'a> {
    /// Per column: the offset subtracted from each value.
    pub off: &'a [f64],
    /// Per column: the factor the offset value is multiplied by (scale × weight).
    pub kk: &'a [f64],
    /// Per column: `t` of the ideal (best) value.
    pub ideal: &'a [f64],
    /// Per column: `t` of the anti-ideal (worst) value.
    pub anti: &'a [f64],
    /// `Σ c·w`: what the weighted sum adds to `Σ t`.
    pub constant: f64,
}

/// Rows scored per batch before their closeness is taken: the square roots and divisions
/// then run over a contiguous block, which vectorizes.
const BLOCK: usize = 64;

/// A `C`-wide array of the first `C` values of `v` (zeros past its end).
#[inline(always)]
fn fixed<const C: usize>(v: &[f64]) -> [f64; C] {
    let mut a = [0.0; C];
    for (d, s) in a.iter_mut().zip(v) {
        *d = *s;
    }
    a
}

/// Sum over four interleaved lanes, so the adds of one row vectorize.
#[inline(always)]
fn lane_sum<const C: usize>(v: &[f64; C]) -> f64 {
    let mut acc = [0.0_f64; 4];
    for (i, x) in v.iter().enumerate() {
        if let Some(a) = acc.get_mut(i % 4) {
            *a += x;
        }
    }
    (acc[0] + acc[1]) + (acc[2] + acc[3])
}

/// TOPSIS closeness of every row of a `cols`-wide all-finite matrix, appended to `out`.
pub fn topsis_rows(k: &Coefficients<'_>, matrix: &[f64], cols: usize, out: &mut Vec<f64>) {
    by_width!(
        cols,
        topsis_fixed(k, matrix, out),
        out.extend(
            matrix
                .chunks_exact(cols.max(1))
                .map(|row| topsis_row(k, row))
        )
    )
}

/// TOPSIS closeness of one all-finite row of any width.
fn topsis_row(k: &Coefficients<'_>, row: &[f64]) -> f64 {
    let (mut dp, mut dm) = (0.0, 0.0);
    for ((((x, o), kk), i), a) in row.iter().zip(k.off).zip(k.kk).zip(k.ideal).zip(k.anti) {
        let t = (x - o) * kk;
        dp += (t - i) * (t - i);
        dm += (t - a) * (t - a);
    }
    closeness(dp, dm)
}

/// TOPSIS closeness of every row of a `C`-wide all-finite matrix, appended to `out`.
fn topsis_fixed<const C: usize>(k: &Coefficients<'_>, matrix: &[f64], out: &mut Vec<f64>) {
    let (off, kk) = (fixed::<C>(k.off), fixed::<C>(k.kk));
    let (ideal, anti) = (fixed::<C>(k.ideal), fixed::<C>(k.anti));
    let mut dp = [0.0_f64; BLOCK];
    let mut dm = [0.0_f64; BLOCK];
    for block in matrix.chunks(BLOCK * C) {
        for ((row, p), m) in block.chunks_exact(C).zip(&mut dp).zip(&mut dm) {
            let Ok(row) = <&[f64; C]>::try_from(row) else {
                continue;
            };
            let mut sp = [0.0_f64; C];
            let mut sm = [0.0_f64; C];
            for j in 0..C {
                let t = (row[j] - off[j]) * kk[j];
                let (a, b) = (t - ideal[j], t - anti[j]);
                sp[j] = a * a;
                sm[j] = b * b;
            }
            *p = lane_sum(&sp);
            *m = lane_sum(&sm);
        }
        // Over the whole block: rows past a short last block are left over from the one
        // before, and dropped.
        let mut score = [0.0_f64; BLOCK];
        closeness_block(&dp, &dm, &mut score);
        out.extend_from_slice(score.get(..block.len() / C).unwrap_or(&[]));
    }
}

/// The weighted sum of every row of a `cols`-wide all-finite matrix, appended to `out`,
/// when `cols` has a kernel compiled for its width (2 to 10); `false` (nothing appended)
/// otherwise, and the caller scores the rows itself.
pub fn weighted_sum_rows(
    k: &Coefficients<'_>,
    matrix: &[f64],
    cols: usize,
    out: &mut Vec<f64>,
) -> bool {
    by_width!(cols, weighted_sum_fixed(k, matrix, out), return false);
    true
}

/// The weighted sum of every row of a `C`-wide all-finite matrix, appended to `out`.
fn weighted_sum_fixed<const C: usize>(k: &Coefficients<'_>, matrix: &[f64], out: &mut Vec<f64>) {
    let (off, kk) = (fixed::<C>(k.off), fixed::<C>(k.kk));
    for row in matrix.chunks_exact(C) {
        let Ok(row) = <&[f64; C]>::try_from(row) else {
            continue;
        };
        let mut t = [0.0_f64; C];
        for j in 0..C {
            t[j] = (row[j] - off[j]) * kk[j];
        }
        out.push(lane_sum(&t) + k.constant);
    }
}

/// [`closeness`] of each row of a block, two rows a time on wasm SIMD128: the two square
/// roots and the division are much of a row's time, and the compiler leaves them scalar.
/// The vector operations are IEEE's correctly rounded ones, so the scores are the scalar
/// function's, bit for bit.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
#[inline(always)]
fn closeness_block(dp: &[f64; BLOCK], dm: &[f64; BLOCK], out: &mut [f64; BLOCK]) {
    use core::arch::wasm32::{
        f64x2, f64x2_abs, f64x2_add, f64x2_div, f64x2_extract_lane, f64x2_gt, f64x2_lt,
        f64x2_splat, f64x2_sqrt, v128_and, v128_bitselect,
    };
    let (zero, infinity, one) = (
        f64x2_splat(0.0),
        f64x2_splat(f64::INFINITY),
        f64x2_splat(1.0),
    );
    for ((o, p), m) in out
        .chunks_exact_mut(2)
        .zip(dp.chunks_exact(2))
        .zip(dm.chunks_exact(2))
    {
        let ([o0, o1], [p0, p1], [m0, m1]) = (o, p, m) else {
            continue;
        };
        let (dp, dm) = (f64x2_sqrt(f64x2(*p0, *p1)), f64x2_sqrt(f64x2(*m0, *m1)));
        let total = f64x2_add(dp, dm);
        let defined = v128_and(f64x2_gt(total, zero), f64x2_lt(f64x2_abs(total), infinity));
        let s = v128_bitselect(f64x2_div(dm, total), one, defined);
        (*o0, *o1) = (f64x2_extract_lane::<0>(s), f64x2_extract_lane::<1>(s));
    }
}

/// [`closeness`] of each row of a block.
#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
#[inline(always)]
fn closeness_block(dp: &[f64; BLOCK], dm: &[f64; BLOCK], out: &mut [f64; BLOCK]) {
    for ((s, p), m) in out.iter_mut().zip(dp).zip(dm) {
        *s = closeness(*p, *m);
    }
}

/// TOPSIS closeness `D⁻ / (D⁺ + D⁻)` from the squared distances; 1.0 when the ideal and
/// anti-ideal coincide (one row, or all rows identical), so no score is ever NaN.
#[inline]
pub fn closeness(dp_squared: f64, dm_squared: f64) -> f64 {
    let (dp, dm) = (dp_squared.sqrt(), dm_squared.sqrt());
    let total = dp + dm;
    if total > 0.0 && total.is_finite() {
        dm / total
    } else {
        1.0
    }
}
