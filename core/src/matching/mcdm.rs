//! Multi-criteria scoring on a flat row-major matrix: TOPSIS and the weighted sum.
//!
//! The matrix is one `&[f64]` of `rows × cols` values, row by row, so a numpy array is
//! passed without copying. Neither method copies the matrix either: each normalization is
//! an affine map per column, so a score needs one pass for the column statistics (two
//! under vector normalization: the norms need the extremes) and one for the scores.
//! [`ColumnPasses`] and [`ScorePlan`] take those passes a chunk of rows at a time, for a
//! caller whose matrix lives elsewhere (the npm package reads a JS `Float64Array` into a
//! small buffer, chunk by chunk); [`topsis`] and [`weighted_sum`] are the same passes over
//! the whole slice as one chunk, so both give the same scores, bit for bit.
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

use super::request::Method;
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
        let mut stats = ColumnStats::new(cols);
        stats.add(matrix, cols);
        let norm = match normalization {
            Normalization::MinMax => Vec::new(),
            Normalization::Vector => {
                let mut squares = SumsOfSquares::new(&stats);
                squares.add(matrix, cols);
                squares.norms()
            }
        };
        Plan::from_stats(
            &stats,
            &norm,
            weights,
            benefit,
            normalization,
            constant_below,
        )
    }

    /// The maps implied by a matrix's column statistics and, under vector normalization,
    /// its column norms (see [`Plan::new`]).
    fn from_stats(
        stats: &ColumnStats,
        norm: &[f64],
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
        } = stats;
        let cols = min.len();
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
        // The raw API has rejected ±infinity and NaN; a ranking's missing values need the
        // general maps.
        let fast = if *infinite || missing.iter().any(|m| *m) {
            None
        } else {
            Fast::new(&maps, &weights, min, max)
        };
        Plan {
            maps,
            kw,
            cw,
            scale,
            offset,
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
#[derive(Debug, Clone)]
struct ColumnStats {
    min: Vec<f64>,
    max: Vec<f64>,
    /// Per column: some value is NaN (missing, in the ranking's matrix).
    missing: Vec<bool>,
    /// Some value is ±infinity.
    infinite: bool,
}

impl ColumnStats {
    /// No rows seen yet: every column empty (its minimum above its maximum).
    fn new(cols: usize) -> ColumnStats {
        ColumnStats {
            min: vec![f64::INFINITY; cols],
            max: vec![f64::NEG_INFINITY; cols],
            missing: vec![false; cols],
            infinite: false,
        }
    }

    /// Takes in a chunk of rows; returns whether all its values are finite. One pass for
    /// the extremes; a second only when some value is not finite, which the raw API
    /// rejects anyway and a ranking meets only for missing criteria.
    fn add(&mut self, rows: &[f64], cols: usize) -> bool {
        let finite = medjourney_kernels::column_extremes(rows, cols, &mut self.min, &mut self.max);
        if !finite {
            for row in rows.chunks_exact(cols.max(1)) {
                for (m, &x) in self.missing.iter_mut().zip(row) {
                    *m |= x.is_nan();
                    self.infinite |= x.is_infinite();
                }
            }
        }
        finite
    }
}

/// The Euclidean norm of each column, gathered as a sum of squares of the values divided
/// by the column's largest magnitude (so squaring huge or tiny values neither overflows
/// nor underflows); needs the column extremes first.
#[derive(Debug, Clone)]
struct SumsOfSquares {
    /// Per column `max(|min|, |max|)`, or 0 when that is not finite (the column is skipped).
    amax: Vec<f64>,
    sums: Vec<f64>,
}

impl SumsOfSquares {
    fn new(stats: &ColumnStats) -> SumsOfSquares {
        let amax: Vec<f64> = stats
            .min
            .iter()
            .zip(&stats.max)
            .map(|(lo, hi)| {
                let m = lo.abs().max(hi.abs());
                if m.is_finite() {
                    m
                } else {
                    0.0
                }
            })
            .collect();
        let sums = vec![0.0; amax.len()];
        SumsOfSquares { amax, sums }
    }

    /// Takes in a chunk of rows.
    fn add(&mut self, rows: &[f64], cols: usize) {
        medjourney_kernels::column_sums_of_squares(rows, cols, &self.amax, &mut self.sums);
    }

    /// Per column `amax · √(Σ (x/amax)²)`.
    fn norms(&self) -> Vec<f64> {
        self.amax
            .iter()
            .zip(&self.sums)
            .map(|(m, s)| m * s.sqrt())
            .collect()
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

/// Checks the flat matrix's shape (`values` long), weights and types; returns normalized weights and benefit flags.
fn validate(
    values: usize,
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
    if values != cells {
        return Err(Error::InvalidMatrix {
            reason: format!("{values} values for a {rows} x {cols} matrix (needs {cells})"),
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

/// The column statistics of a raw matrix (the input of [`topsis`] and [`weighted_sum`]),
/// gathered a chunk of rows at a time, so a caller that holds the matrix elsewhere (a JS
/// `Float64Array`) never needs it in memory whole.
///
/// Feed the rows in order, from row 0, with [`ColumnPasses::add_rows`] while
/// [`ColumnPasses::wants_rows`] is true: one pass over the matrix for the column extremes
/// and, under vector normalization, a second for the column norms (which need the
/// extremes). [`ColumnPasses::plan`] then gives the [`ScorePlan`] that scores the rows,
/// a chunk at a time too. Any split into chunks gives the scores of the whole matrix,
/// bit for bit.
#[derive(Debug, Clone)]
pub struct ColumnPasses {
    rows: usize,
    cols: usize,
    weights: Vec<f64>,
    benefit: Vec<bool>,
    normalization: Normalization,
    stats: ColumnStats,
    /// Present once the extremes are known, under vector normalization.
    squares: Option<SumsOfSquares>,
    /// Rows taken in by the current pass.
    seen: usize,
}

impl ColumnPasses {
    /// Checks the shape (`values` is the matrix's length), weights and types as
    /// [`topsis`] does, before any row is read.
    pub fn new(
        values: usize,
        rows: usize,
        cols: usize,
        weights: &[f64],
        types: &[i8],
        normalization: Normalization,
    ) -> Result<ColumnPasses> {
        let (weights, benefit) = validate(values, rows, cols, weights, types)?;
        Ok(ColumnPasses {
            rows,
            cols,
            weights,
            benefit,
            normalization,
            stats: ColumnStats::new(cols),
            squares: None,
            seen: 0,
        })
    }

    /// True while the statistics need (more) rows: the next chunk starts at row
    /// [`ColumnPasses::next_row`].
    pub fn wants_rows(&self) -> bool {
        self.seen < self.rows
            || (self.normalization == Normalization::Vector && self.squares.is_none())
    }

    /// The row the next chunk given to [`ColumnPasses::add_rows`] starts at.
    pub fn next_row(&self) -> usize {
        if self.seen < self.rows {
            self.seen
        } else {
            0
        }
    }

    /// Takes in the next chunk of whole rows (`cols` values each, row-major).
    ///
    /// A value that is not finite is an `invalid_matrix` error naming its row and column
    /// in the whole matrix, the first one in row order (the extremes pass, which sees it
    /// first, stops there).
    pub fn add_rows(&mut self, chunk: &[f64]) -> Result<()> {
        if self.seen == self.rows {
            self.seen = 0;
            if self.squares.is_none() && self.normalization == Normalization::Vector {
                self.squares = Some(SumsOfSquares::new(&self.stats));
            } else {
                return Err(self.misfed(chunk.len()));
            }
        }
        let cols = self.cols.max(1);
        let n = chunk.len() / cols;
        if chunk.len() % cols != 0 || n > self.rows - self.seen {
            return Err(self.misfed(chunk.len()));
        }
        match &mut self.squares {
            Some(squares) => squares.add(chunk, cols),
            None => {
                if !self.stats.add(chunk, cols) {
                    let pos = chunk.iter().position(|x| !x.is_finite()).unwrap_or(0);
                    return Err(Error::InvalidMatrix {
                        reason: format!(
                            "value {} at row {}, column {} is not finite",
                            chunk.get(pos).copied().unwrap_or(f64::NAN),
                            self.seen + pos / cols,
                            pos % cols
                        ),
                    });
                }
            }
        }
        self.seen += n;
        Ok(())
    }

    /// A chunk that is not whole rows, or rows past the end of the passes.
    fn misfed(&self, len: usize) -> Error {
        Error::InvalidMatrix {
            reason: format!(
                "a chunk of {len} values does not continue the {} x {} matrix at row {}",
                self.rows, self.cols, self.seen
            ),
        }
    }

    /// The plan that scores the rows, once every pass has taken in every row.
    pub fn plan(self) -> Result<ScorePlan> {
        if self.wants_rows() {
            return Err(Error::InvalidMatrix {
                reason: format!(
                    "only {} of the {} rows were read",
                    self.next_row(),
                    self.rows
                ),
            });
        }
        let norm = self.squares.as_ref().map(SumsOfSquares::norms);
        let plan = Plan::from_stats(
            &self.stats,
            norm.as_deref().unwrap_or(&[]),
            self.weights,
            &self.benefit,
            self.normalization,
            0.0,
        );
        Ok(ScorePlan {
            plan,
            cols: self.cols,
        })
    }
}

/// Scores rows of a raw matrix whose values are all finite, a chunk of rows at a time
/// (from [`ColumnPasses::plan`]).
#[derive(Debug, Clone)]
pub struct ScorePlan {
    plan: Plan,
    cols: usize,
}

impl ScorePlan {
    /// Appends the TOPSIS closeness of each whole row of `chunk` to `out`, in row order.
    pub fn topsis(&self, chunk: &[f64], out: &mut Vec<f64>) {
        let cols = self.cols.max(1);
        match &self.plan.fast {
            Some(fast) => topsis_rows(&fast.coefficients(), chunk, cols, out),
            None => out.extend(
                chunk
                    .chunks_exact(cols)
                    .map(|row| self.plan.topsis_row_finite(row)),
            ),
        }
    }

    /// Appends the weighted sum of each whole row of `chunk` to `out`, in row order.
    pub fn weighted_sum(&self, chunk: &[f64], out: &mut Vec<f64>) {
        let cols = self.cols.max(1);
        match &self.plan.fast {
            Some(fast) if weighted_sum_rows(&fast.coefficients(), chunk, cols, out) => {}
            _ => out.extend(
                chunk
                    .chunks_exact(cols)
                    .map(|row| self.plan.weighted_sum_row(row)),
            ),
        }
    }

    /// Appends the scores of `method` for each whole row of `chunk` to `out`.
    pub fn score(&self, method: Method, chunk: &[f64], out: &mut Vec<f64>) {
        match method {
            Method::Topsis => self.topsis(chunk, out),
            Method::WeightedSum => self.weighted_sum(chunk, out),
        }
    }
}

/// The plan of a whole matrix: its statistics passes over one chunk, the matrix itself.
fn whole_plan(
    matrix: &[f64],
    rows: usize,
    cols: usize,
    weights: &[f64],
    types: &[i8],
    normalization: Normalization,
) -> Result<ScorePlan> {
    let mut passes = ColumnPasses::new(matrix.len(), rows, cols, weights, types, normalization)?;
    while passes.wants_rows() {
        passes.add_rows(matrix)?;
    }
    passes.plan()
}

/// TOPSIS closeness of each row of a flat row-major `rows × cols` matrix, in row order.
///
/// `types[j]` is `1` for a benefit and `-1` for a cost. Same scores as pymcdm's
/// `TOPSIS(normalization)` to 1e-9; see the module docs for the degenerate cases.
/// [`ColumnPasses`] gives the same scores for a matrix read a chunk of rows at a time.
pub fn topsis(
    matrix: &[f64],
    rows: usize,
    cols: usize,
    weights: &[f64],
    types: &[i8],
    normalization: Normalization,
) -> Result<Vec<f64>> {
    let plan = whole_plan(matrix, rows, cols, weights, types, normalization)?;
    let mut out = Vec::with_capacity(rows);
    plan.topsis(matrix, &mut out);
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
    let plan = whole_plan(matrix, rows, cols, weights, types, normalization)?;
    let mut out = Vec::with_capacity(rows);
    plan.weighted_sum(matrix, &mut out);
    Ok(out)
}
