//! Multi-criteria scoring on a flat row-major matrix: TOPSIS and the weighted sum.
//!
//! The matrix is one `&[f64]` of `rows × cols` values, row by row, so a numpy array or a
//! JS `Float64Array` is passed without copying. Neither method copies the matrix either:
//! each normalization is an affine map per column, so a score needs one pass for the
//! column statistics and one for the scores.
//!
//! Normalization follows pymcdm 1.4.0, whose TOPSIS these functions reproduce to 1e-9:
//! - `min_max` (the default): benefit `(x−min)/(max−min)`, cost `(max−x)/(max−min)`;
//!   a constant column becomes all ones.
//! - `vector`: benefit `x/‖x‖`, cost `1 − x/‖x‖`; an all-zero column becomes all ones.
//!
//! Weights are validated and scaled to sum to 1 (TOPSIS does not depend on their scale;
//! the weighted sum then lies in [0, 1] under min–max).
//!
//! Degenerate cases are defined, never NaN: one row, or rows identical on every weighted
//! criterion, put the ideal and the anti-ideal at the same point; TOPSIS then scores every
//! such row 1.0, as the weighted sum does under min–max (each row is as good as the best).

use medjourney_kernels::{closeness, topsis_rows, weighted_sum_rows, Coefficients};

use crate::error::{Error, Result};
use crate::named::named_enum;

named_enum! {
    /// How raw criterion values are brought to a common scale before weighting.
    #[derive(Default)]
    pub enum Normalization in "normalization" {
        /// `(x−min)/(max−min)` for a benefit, `(max−x)/(max−min)` for a cost; pymcdm's default.
        #[default]
        MinMax => "min_max",
        /// `x/‖x‖` for a benefit, `1 − x/‖x‖` for a cost (Euclidean norm of the column).
        Vector => "vector",
    }
}

/// Checks weights (finite, non-negative, not all zero) and scales them to sum to 1.
pub fn normalize_weights(weights: &[f64]) -> Result<Vec<f64>> {
    let show = || {
        let mut s = format!("{:?}", &weights[..weights.len().min(16)]);
        if weights.len() > 16 {
            s.push_str(" …");
        }
        s
    };
    if weights.is_empty() {
        return Err(Error::InvalidWeights {
            value: show(),
            reason: "no weights given".into(),
        });
    }
    let mut sum = 0.0;
    for (i, w) in weights.iter().enumerate() {
        if !w.is_finite() || *w < 0.0 {
            return Err(Error::InvalidWeights {
                value: show(),
                reason: format!("weight {i} is {w}; weights must be finite and >= 0"),
            });
        }
        sum += w;
    }
    if sum <= 0.0 {
        return Err(Error::InvalidWeights {
            value: show(),
            reason: "all weights are zero".into(),
        });
    }
    // A sum that overflows is rescaled first so huge but finite weights still work.
    let scale = if sum.is_finite() {
        1.0
    } else {
        weights.iter().fold(0.0_f64, |m, w| m.max(*w))
    };
    let scaled: Vec<f64> = weights.iter().map(|w| w / scale).collect();
    let total: f64 = scaled.iter().sum();
    Ok(scaled.iter().map(|w| w / total).collect())
}

/// The affine map of one column: `n = (x·scale − offset)·k + c`, where `offset` is
/// already scaled; a missing value maps to 0.
///
/// `scale` is a power of two, so `x·scale` is exact. It is ½ for most columns: halving
/// keeps `x − offset` finite for any two finite doubles. A column of tiny values (all
/// below 2⁻⁹⁰⁰ in magnitude, subnormals among them) is scaled up by 2¹⁰⁰⁰ instead, so
/// its range is a normal number whose reciprocal is finite: dividing by a subnormal range
/// would give ±∞ or NaN where pymcdm, which divides, gives finite scores.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ColumnMap {
    scale: f64,
    offset: f64,
    k: f64,
    c: f64,
}

/// Columns whose largest magnitude is below this (2⁻⁹⁰⁰) are scaled up by [`TINY_SCALE`].
const TINY: f64 = f64::from_bits((1023 - 900) << 52);
/// 2¹⁰⁰⁰: brings a column below [`TINY`] to magnitudes below 2¹⁰⁰, exactly.
const TINY_SCALE: f64 = f64::from_bits((1023 + 1000) << 52);

impl ColumnMap {
    /// The normalized value of `x` (0 when `x` is NaN, meaning missing).
    #[inline]
    pub(crate) fn apply(&self, x: f64) -> f64 {
        if x.is_nan() {
            0.0
        } else {
            (x * self.scale - self.offset) * self.k + self.c
        }
    }
}

/// Per-column maps plus the ideal and anti-ideal weighted values, for one matrix.
#[derive(Debug, Clone)]
pub(crate) struct Plan {
    pub(crate) maps: Vec<ColumnMap>,
    /// Per column `k·w` and `c·w`: the weighted value is `(x·scale − offset)·kw + cw`.
    kw: Vec<f64>,
    cw: Vec<f64>,
    scale: Vec<f64>,
    offset: Vec<f64>,
    /// True when a value is ±infinity or NaN (the raw API rejects both).
    pub(crate) nonfinite: bool,
    pub(crate) weights: Vec<f64>,
    pub(crate) ideal: Vec<f64>,
    pub(crate) anti: Vec<f64>,
    /// The unhalved form of the maps, for the raw API's kernels (see [`Fast`]).
    fast: Option<Fast>,
}

impl Plan {
    /// Column statistics of `matrix` (NaN = missing) and the maps they imply.
    ///
    /// Under min–max a column whose spread `max − min` is at most
    /// `constant_below × max(|min|, |max|)` is constant (all ones): the raw API passes 0,
    /// so only exactly equal values are constant; ranking passes its tie tolerance, so
    /// values equal in exact arithmetic but apart by rounding are constant too.
    pub(crate) fn new(
        matrix: &[f64],
        cols: usize,
        weights: Vec<f64>,
        benefit: &[bool],
        normalization: Normalization,
        constant_below: f64,
    ) -> Plan {
        let ColumnStats {
            min,
            max,
            missing,
            infinite,
        } = ColumnStats::of(matrix, cols);
        let mut norm = vec![0.0_f64; cols];
        if normalization == Normalization::Vector {
            let amax: Vec<f64> = min
                .iter()
                .zip(&max)
                .map(|(lo, hi)| {
                    let m = lo.abs().max(hi.abs());
                    if m.is_finite() {
                        m
                    } else {
                        0.0
                    }
                })
                .collect();
            let mut sumsq = vec![0.0_f64; cols];
            for row in matrix.chunks_exact(cols) {
                for ((s, &x), &m) in sumsq.iter_mut().zip(row).zip(&amax) {
                    if !x.is_nan() && m > 0.0 {
                        let r = x / m;
                        *s += r * r;
                    }
                }
            }
            for ((n, s), m) in norm.iter_mut().zip(&sumsq).zip(&amax) {
                *n = m * s.sqrt();
            }
        }
        let mut maps = Vec::with_capacity(cols);
        let mut ideal = Vec::with_capacity(cols);
        let mut anti = Vec::with_capacity(cols);
        for j in 0..cols {
            let lo = min.get(j).copied().unwrap_or(0.0);
            let hi = max.get(j).copied().unwrap_or(0.0);
            let is_benefit = benefit.get(j).copied().unwrap_or(true);
            let present = lo <= hi;
            let scale = if lo.abs().max(hi.abs()) < TINY {
                TINY_SCALE
            } else {
                0.5
            };
            let ones = ColumnMap {
                scale,
                offset: 0.0,
                k: 0.0,
                c: 1.0,
            };
            let map = match normalization {
                Normalization::MinMax => {
                    let (lo_s, hi_s) = (lo * scale, hi * scale);
                    let range_s = hi_s - lo_s;
                    let tie_s = if constant_below > 0.0 {
                        constant_below * lo_s.abs().max(hi_s.abs())
                    } else {
                        0.0
                    };
                    if !present || range_s <= tie_s {
                        ones
                    } else if is_benefit {
                        ColumnMap {
                            scale,
                            offset: lo_s,
                            k: 1.0 / range_s,
                            c: 0.0,
                        }
                    } else {
                        ColumnMap {
                            scale,
                            offset: hi_s,
                            k: -1.0 / range_s,
                            c: 0.0,
                        }
                    }
                }
                Normalization::Vector => {
                    let n = norm.get(j).copied().unwrap_or(0.0) * scale;
                    if !present || n <= 0.0 || !n.is_finite() {
                        ones
                    } else {
                        ColumnMap {
                            scale,
                            offset: 0.0,
                            k: if is_benefit { 1.0 / n } else { -1.0 / n },
                            c: if is_benefit { 0.0 } else { 1.0 },
                        }
                    }
                }
            };
            let w = weights.get(j).copied().unwrap_or(0.0);
            let (a, b) = if present {
                (map.apply(lo) * w, map.apply(hi) * w)
            } else {
                (0.0, 0.0)
            };
            let (mut best, mut worst) = (a.max(b), a.min(b));
            if missing.get(j).copied().unwrap_or(false) {
                best = best.max(0.0);
                worst = worst.min(0.0);
            }
            maps.push(map);
            ideal.push(best);
            anti.push(worst);
        }
        let kw = maps.iter().zip(&weights).map(|(m, w)| m.k * w).collect();
        let cw = maps.iter().zip(&weights).map(|(m, w)| m.c * w).collect();
        let scale = maps.iter().map(|m| m.scale).collect();
        let offset = maps.iter().map(|m| m.offset).collect();
        let nonfinite = infinite || missing.iter().any(|m| *m);
        let fast = if nonfinite {
            None
        } else {
            Fast::new(&maps, &weights, &min, &max)
        };
        Plan {
            maps,
            kw,
            cw,
            scale,
            offset,
            nonfinite,
            weights,
            ideal,
            anti,
            fast,
        }
    }

    /// The TOPSIS closeness `D⁻/(D⁻+D⁺)` of one row; 1.0 when ideal and anti-ideal meet.
    #[inline]
    pub(crate) fn topsis_row(&self, row: &[f64]) -> f64 {
        let mut dp = 0.0;
        let mut dm = 0.0;
        for ((((x, m), w), i), a) in row
            .iter()
            .zip(&self.maps)
            .zip(&self.weights)
            .zip(&self.ideal)
            .zip(&self.anti)
        {
            let v = m.apply(*x) * w;
            dp += (v - i) * (v - i);
            dm += (v - a) * (v - a);
        }
        closeness(dp, dm)
    }

    /// [`Plan::topsis_row`] for a row known to hold only finite values (the raw API).
    #[inline]
    fn topsis_row_finite(&self, row: &[f64]) -> f64 {
        let mut dp = 0.0;
        let mut dm = 0.0;
        for ((((((x, s), o), k), c), i), a) in row
            .iter()
            .zip(&self.scale)
            .zip(&self.offset)
            .zip(&self.kw)
            .zip(&self.cw)
            .zip(&self.ideal)
            .zip(&self.anti)
        {
            let v = (x * s - o) * k + c;
            dp += (v - i) * (v - i);
            dm += (v - a) * (v - a);
        }
        closeness(dp, dm)
    }

    /// The weighted sum `Σ w_j·n_j` of one row.
    #[inline]
    pub(crate) fn weighted_sum_row(&self, row: &[f64]) -> f64 {
        let mut s = 0.0;
        for ((x, m), w) in row.iter().zip(&self.maps).zip(&self.weights) {
            s += m.apply(*x) * w;
        }
        s
    }
}

/// Column minima and maxima over the values present, and where values are missing.
struct ColumnStats {
    min: Vec<f64>,
    max: Vec<f64>,
    /// Per column: some value is NaN (missing, in the ranking's matrix).
    missing: Vec<bool>,
    /// Some value is ±infinity.
    infinite: bool,
}

impl ColumnStats {
    /// One pass for the extremes; a second only when some value is not finite, which the
    /// raw API rejects anyway and a ranking meets only for missing criteria.
    fn of(matrix: &[f64], cols: usize) -> ColumnStats {
        let (min, max, all_finite) = medjourney_kernels::column_extremes(matrix, cols);
        let mut missing = vec![false; cols];
        let mut infinite = false;
        if !all_finite {
            for row in matrix.chunks_exact(cols) {
                for (m, &x) in missing.iter_mut().zip(row) {
                    *m |= x.is_nan();
                    infinite |= x.is_infinite();
                }
            }
        }
        ColumnStats {
            min,
            max,
            missing,
            infinite,
        }
    }
}

/// The weighted normalized value as `t = (x − off)·kk`, plus a per-column constant that
/// TOPSIS distances cancel, for matrices whose values are all finite.
///
/// One subtraction and one product per value instead of the halved map's four
/// operations; it needs `max − min` finite in every column, which [`Fast::new`] checks
/// (otherwise the halved map stays in use). The ideal and anti-ideal are taken in the
/// same `t` space with the same arithmetic, so a row at an extreme is exactly at
/// distance 0 and identical rows still score 1.0.
#[derive(Debug, Clone)]
struct Fast {
    off: Vec<f64>,
    kk: Vec<f64>,
    /// `t` of the ideal and the anti-ideal per column.
    ideal: Vec<f64>,
    anti: Vec<f64>,
    /// `Σ c·w`: what the weighted sum adds to `Σ t`.
    constant: f64,
}

impl Fast {
    fn new(maps: &[ColumnMap], weights: &[f64], min: &[f64], max: &[f64]) -> Option<Fast> {
        let cols = maps.len();
        let mut f = Fast {
            off: Vec::with_capacity(cols),
            kk: Vec::with_capacity(cols),
            ideal: Vec::with_capacity(cols),
            anti: Vec::with_capacity(cols),
            constant: 0.0,
        };
        for (((m, &w), &lo), &hi) in maps.iter().zip(weights).zip(min).zip(max) {
            let (off, kk) = if m.k == 0.0 {
                (0.0, 0.0)
            } else if (hi - lo).is_finite() {
                // Unscaling the offset (by a power of two) is exact; for the usual scale ½
                // this is the halved map doubled, the same values as before scaling came in.
                (m.offset / m.scale, m.scale * m.k * w)
            } else {
                return None;
            };
            // A range so small its reciprocal overflows (subnormal values) keeps the
            // scaled map of the general path.
            if !kk.is_finite() {
                return None;
            }
            let (a, b) = ((lo - off) * kk, (hi - off) * kk);
            f.off.push(off);
            f.kk.push(kk);
            f.ideal.push(a.max(b));
            f.anti.push(a.min(b));
            f.constant += m.c * w;
        }
        Some(f)
    }

    /// The coefficients the kernels take.
    fn coefficients(&self) -> Coefficients<'_> {
        Coefficients {
            off: &self.off,
            kk: &self.kk,
            ideal: &self.ideal,
            anti: &self.anti,
            constant: self.constant,
        }
    }
}

/// The raw API scores only finite values; the column pass has already looked.
fn reject_nonfinite(plan: &Plan, matrix: &[f64], cols: usize) -> Result<()> {
    if !plan.nonfinite {
        return Ok(());
    }
    let pos = matrix.iter().position(|x| !x.is_finite()).unwrap_or(0);
    Err(Error::InvalidMatrix {
        reason: format!(
            "value {} at row {}, column {} is not finite",
            matrix.get(pos).copied().unwrap_or(f64::NAN),
            pos / cols.max(1),
            pos % cols.max(1)
        ),
    })
}

/// Checks the flat matrix, weights and types; returns normalized weights and benefit flags.
fn validate(
    matrix: &[f64],
    rows: usize,
    cols: usize,
    weights: &[f64],
    types: &[i8],
) -> Result<(Vec<f64>, Vec<bool>)> {
    if rows == 0 || cols == 0 {
        return Err(Error::InvalidMatrix {
            reason: format!("shape {rows} x {cols} has no cells"),
        });
    }
    let cells = rows.checked_mul(cols).ok_or_else(|| Error::InvalidMatrix {
        reason: format!("shape {rows} x {cols} overflows"),
    })?;
    if matrix.len() != cells {
        return Err(Error::InvalidMatrix {
            reason: format!(
                "{} values for a {rows} x {cols} matrix (needs {cells})",
                matrix.len()
            ),
        });
    }
    if weights.len() != cols {
        return Err(Error::InvalidWeights {
            value: format!("{} weights", weights.len()),
            reason: format!("the matrix has {cols} columns"),
        });
    }
    let weights = normalize_weights(weights)?;
    if types.len() != cols {
        return Err(Error::invalid(
            "types",
            format!("{} types for {cols} columns", types.len()),
        ));
    }
    let mut benefit = Vec::with_capacity(cols);
    for (j, t) in types.iter().enumerate() {
        match t {
            1 => benefit.push(true),
            -1 => benefit.push(false),
            other => {
                return Err(Error::invalid(
                    "types",
                    format!("type {other} of column {j} is not 1 (benefit) or -1 (cost)"),
                ))
            }
        }
    }
    Ok((weights, benefit))
}

/// TOPSIS closeness of each row of a flat row-major `rows × cols` matrix, in row order.
///
/// `types[j]` is `1` for a benefit and `-1` for a cost. Same scores as pymcdm's
/// `TOPSIS(normalization)` to 1e-9; see the module docs for the degenerate cases.
pub fn topsis(
    matrix: &[f64],
    rows: usize,
    cols: usize,
    weights: &[f64],
    types: &[i8],
    normalization: Normalization,
) -> Result<Vec<f64>> {
    let (weights, benefit) = validate(matrix, rows, cols, weights, types)?;
    let plan = Plan::new(matrix, cols, weights, &benefit, normalization, 0.0);
    reject_nonfinite(&plan, matrix, cols)?;
    let mut out = Vec::with_capacity(rows);
    match &plan.fast {
        Some(fast) => topsis_rows(&fast.coefficients(), matrix, cols, &mut out),
        None => out.extend(
            matrix
                .chunks_exact(cols)
                .map(|row| plan.topsis_row_finite(row)),
        ),
    }
    Ok(out)
}

/// Weighted sum `Σ w_j·n_ij` of each row (weights scaled to sum to 1), in row order.
///
/// Same inputs as [`topsis`]; equals pymcdm's `WSM` with the same normalization when the
/// weights sum to 1.
pub fn weighted_sum(
    matrix: &[f64],
    rows: usize,
    cols: usize,
    weights: &[f64],
    types: &[i8],
    normalization: Normalization,
) -> Result<Vec<f64>> {
    let (weights, benefit) = validate(matrix, rows, cols, weights, types)?;
    let plan = Plan::new(matrix, cols, weights, &benefit, normalization, 0.0);
    reject_nonfinite(&plan, matrix, cols)?;
    let mut out = Vec::with_capacity(rows);
    match &plan.fast {
        Some(fast) if weighted_sum_rows(&fast.coefficients(), matrix, cols, &mut out) => {}
        _ => out.extend(
            matrix
                .chunks_exact(cols)
                .map(|row| plan.weighted_sum_row(row)),
        ),
    }
    Ok(out)
}
