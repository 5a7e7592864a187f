//! The dwell sketch: a DDSketch-style mergeable quantile summary of whole seconds, with
//! a relative-error bound of 1 % on every quantile it reports.
//!
//! # How it bounds the error
//! Durations are whole seconds from 0 to [`MAX_SECONDS`] (the longest span between two
//! supported instants). Zero has its own counter. Every other duration falls in one bin of
//! a fixed table of integer intervals `[lo, hi]`, each with a representative `x` such that
//! `100 · |x − v| ≤ v` for every whole `v` in the bin. The table is built greedily from
//! 1 up with integer arithmetic only (`x = ⌊1.01·lo⌋`, `hi = ⌊x / 0.99⌋`), so it is the same
//! on every platform (native, wasm) and below 100 s every second has a bin of its own
//! (exact). Bin widths grow by γ = 1.01 / 0.99 ≈ 1.0202, as in DDSketch at α = 1 %, so the
//! whole supported range needs [`KEYS`] (about 1,200) bins whatever the number of samples.
//!
//! A quantile is the nearest-rank one: for q = p/d and n samples, the value of rank
//! ⌈q·n⌉ (1-based) in sorted order. The sketch walks its counts to the bin holding that
//! rank; since bins are disjoint ordered intervals, the true value `v` of that rank lies
//! in it, and the reported representative `x` satisfies `|x − v| ≤ 0.01 · v` (exact for
//! `v = 0` and for `v < 100`).
//!
//! Counts are integers and the sum is an exact `u128`, so merging sketches in any order or
//! grouping gives exactly the same sketch: the state is a function of the multiset of
//! samples only. Nothing is ever collapsed.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::dates::EPOCH_SECONDS;
use crate::error::{Error, Result};

/// The longest duration a sketch takes: from the first to the last supported instant.
pub const MAX_SECONDS: i64 = EPOCH_SECONDS.1 - EPOCH_SECONDS.0;

/// The stated bound: a reported quantile `x` and the true one `v` satisfy
/// `|x − v| ≤ RELATIVE_ERROR · v`.
pub const RELATIVE_ERROR: f64 = 0.01;

/// The lower end of every bin, in key order (bin `k` is `LOWS[k]..LOWS[k + 1]`).
fn lows() -> &'static [u64] {
    static LOWS: OnceLock<Vec<u64>> = OnceLock::new();
    LOWS.get_or_init(|| {
        let mut lows = Vec::with_capacity(1300);
        let mut lo: u64 = 1;
        while lo <= MAX_SECONDS as u64 {
            lows.push(lo);
            lo = high(lo) + 1;
        }
        lows
    })
}

/// The representative of the bin starting at `lo`: within 1 % of every value of the bin.
fn representative(lo: u64) -> u64 {
    lo * 101 / 100
}

/// The last value of the bin starting at `lo`: the largest `hi` with `0.99 · hi ≤ x`.
fn high(lo: u64) -> u64 {
    representative(lo) * 100 / 99
}

/// How many bins the table has (keys are `0..KEYS`).
pub fn keys() -> usize {
    lows().len()
}

/// The number of bins of the table, for the memory bound in the docs (`keys()` at run time).
pub const KEYS: usize = 1_190;

/// The key of a duration of at least one second (already checked against the range).
fn key_of(v: u64) -> usize {
    if v < 100 {
        // One bin per second below 100 s: the table starts 1, 2, … 99.
        return (v as usize).saturating_sub(1);
    }
    lows().partition_point(|&lo| lo <= v).saturating_sub(1)
}

/// Checks one duration against the range a sketch takes.
pub fn check_seconds(field: &str, v: i64) -> Result<u64> {
    if (0..=MAX_SECONDS).contains(&v) {
        Ok(v as u64)
    } else {
        Err(Error::invalid(
            field,
            format!("duration {v} s is outside 0..={MAX_SECONDS}"),
        ))
    }
}

/// A mergeable summary of durations in whole seconds: exact count, sum and zeros, and
/// per bin of the fixed table the number of samples in it (see the module docs).
///
/// JSON: `{"zeros": 0, "sumSeconds": "1234", "bins": [[key, count], …]}` — the sum as a
/// string (it may pass 2^53), bins in increasing key order with nonzero counts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "SketchForm", into = "SketchForm")]
pub struct DwellSketch {
    zeros: u64,
    /// Count per key; never ends with a zero, so equal sketches have equal vectors.
    bins: Vec<u64>,
    sum: u128,
    count: u64,
}

/// The serialized shape of a [`DwellSketch`]: what JSON and the binary form carry.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object, rename = "DwellSketch")
)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SketchForm {
    /// Durations of 0 s.
    pub zeros: u64,
    /// The exact sum of every duration, in seconds, as decimal digits.
    pub sum_seconds: String,
    /// `[key, count]` per nonempty bin, keys increasing.
    pub bins: Vec<(u32, u64)>,
}

impl From<DwellSketch> for SketchForm {
    fn from(s: DwellSketch) -> SketchForm {
        SketchForm {
            zeros: s.zeros,
            sum_seconds: s.sum.to_string(),
            bins: s.nonempty().collect(),
        }
    }
}

impl TryFrom<SketchForm> for DwellSketch {
    type Error = Error;
    fn try_from(f: SketchForm) -> Result<DwellSketch> {
        let sum = f.sum_seconds.parse::<u128>().map_err(|_| {
            Error::invalid(
                "dwell sketch sumSeconds",
                format!("{:?} is not a whole number of seconds", f.sum_seconds),
            )
        })?;
        DwellSketch::from_parts(f.zeros, &f.bins, sum)
    }
}

fn bad(reason: impl Into<String>) -> Error {
    Error::invalid("dwell sketch", reason)
}

impl DwellSketch {
    /// Rebuilds a sketch from its zeros, its `(key, count)` bins (keys increasing, counts
    /// nonzero) and its sum, checking that they fit together.
    pub fn from_parts(zeros: u64, bins: &[(u32, u64)], sum: u128) -> Result<DwellSketch> {
        let mut s = DwellSketch {
            zeros,
            count: zeros,
            ..DwellSketch::default()
        };
        let table = lows();
        let mut previous: Option<u32> = None;
        let (mut least, mut most) = (0u128, 0u128);
        for &(key, n) in bins {
            if previous.is_some_and(|p| key <= p) {
                return Err(bad(format!("bin keys are not increasing at key {key}")));
            }
            previous = Some(key);
            let k = key as usize;
            let Some(&lo) = table.get(k) else {
                return Err(bad(format!("bin key {key} is not below {}", table.len())));
            };
            if n == 0 {
                return Err(bad(format!("bin {key} has a count of 0")));
            }
            let hi = table.get(k + 1).map_or(MAX_SECONDS as u64, |next| next - 1);
            least += u128::from(lo) * u128::from(n);
            most += u128::from(hi) * u128::from(n);
            s.count = s
                .count
                .checked_add(n)
                .ok_or_else(|| Error::overflow("dwell sketch count"))?;
            s.bins.resize(k + 1, 0);
            if let Some(slot) = s.bins.get_mut(k) {
                *slot = n;
            }
        }
        if !(least..=most).contains(&sum) {
            return Err(bad(format!(
                "a sum of {sum} s does not fit its bins ({least}..={most} s)"
            )));
        }
        s.sum = sum;
        Ok(s)
    }

    /// How many durations it summarises.
    pub fn count(&self) -> u64 {
        self.count
    }

    /// The exact sum of the durations, in seconds.
    pub fn sum(&self) -> u128 {
        self.sum
    }

    /// How many durations were 0 s.
    pub fn zeros(&self) -> u64 {
        self.zeros
    }

    /// The nonempty bins as `(key, count)`, keys increasing.
    pub fn nonempty(&self) -> impl Iterator<Item = (u32, u64)> + '_ {
        self.bins
            .iter()
            .enumerate()
            .filter(|(_, &n)| n > 0)
            .map(|(k, &n)| (k as u32, n))
    }

    /// Bytes this sketch holds on the heap: at most [`KEYS`] counts of 8 bytes.
    pub fn heap_bytes(&self) -> usize {
        self.bins.capacity() * std::mem::size_of::<u64>()
    }

    /// Adds one duration (checked by [`check_seconds`] first).
    pub fn add(&mut self, v: u64) -> Result<()> {
        self.add_n(v, 1)
    }

    fn add_n(&mut self, v: u64, n: u64) -> Result<()> {
        let overflow = || Error::overflow("dwell sketch count");
        self.count = self.count.checked_add(n).ok_or_else(overflow)?;
        self.sum = self
            .sum
            .checked_add(u128::from(v) * u128::from(n))
            .ok_or_else(overflow)?;
        if v == 0 {
            self.zeros += n;
            return Ok(());
        }
        let k = key_of(v);
        if k >= self.bins.len() {
            self.bins.resize(k + 1, 0);
        }
        if let Some(slot) = self.bins.get_mut(k) {
            *slot += n;
        }
        Ok(())
    }

    /// Fails with `overflow` when merging `other` into this sketch would overflow a count.
    pub fn check_merge(&self, other: &DwellSketch) -> Result<()> {
        let fits = self.count.checked_add(other.count).is_some()
            && self.sum.checked_add(other.sum).is_some()
            && self.zeros.checked_add(other.zeros).is_some()
            && self
                .bins
                .iter()
                .zip(&other.bins)
                .all(|(a, b)| a.checked_add(*b).is_some());
        if fits {
            Ok(())
        } else {
            Err(Error::overflow("merging dwell sketches"))
        }
    }

    /// Adds every duration of another sketch, in place. On error (a count that
    /// overflows, see [`DwellSketch::check_merge`]) nothing is added.
    pub fn merge(&mut self, other: &DwellSketch) -> Result<()> {
        self.check_merge(other)?;
        self.count += other.count;
        self.sum += other.sum;
        self.zeros += other.zeros;
        if self.bins.len() < other.bins.len() {
            self.bins.resize(other.bins.len(), 0);
        }
        for (mine, theirs) in self.bins.iter_mut().zip(&other.bins) {
            *mine += *theirs;
        }
        Ok(())
    }

    /// The nearest-rank quantile `num / den` (rank ⌈num·n/den⌉), within 1 % of the true
    /// one (see the module docs); `None` when empty.
    pub fn quantile(&self, num: u64, den: u64) -> Option<i64> {
        if self.count == 0 || den == 0 {
            return None;
        }
        let n = u128::from(self.count);
        let rank = (u128::from(num) * n).div_ceil(u128::from(den)).clamp(1, n);
        let mut seen = u128::from(self.zeros);
        if seen >= rank {
            return Some(0);
        }
        let table = lows();
        for (k, &c) in self.bins.iter().enumerate() {
            seen += u128::from(c);
            if seen >= rank {
                return table
                    .get(k)
                    .map(|&lo| representative(lo).min(MAX_SECONDS as u64) as i64);
            }
        }
        None
    }

    /// The exact mean; `None` when empty.
    pub fn mean(&self) -> Option<f64> {
        (self.count > 0).then(|| self.sum as f64 / self.count as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_has_the_documented_number_of_keys() {
        assert_eq!(keys(), KEYS);
        assert!(*lows().last().unwrap() <= MAX_SECONDS as u64);
        assert!(high(*lows().last().unwrap()) >= MAX_SECONDS as u64);
    }

    #[test]
    fn every_bin_keeps_its_values_within_one_percent_of_its_representative() {
        let table = lows();
        for (k, &lo) in table.iter().enumerate() {
            let hi = table.get(k + 1).map_or(high(lo), |n| n - 1);
            assert_eq!(hi, high(lo), "bins are contiguous");
            let x = representative(lo);
            assert!(lo <= x && x <= hi.max(lo));
            assert!(100 * (x - lo) <= lo, "key {k}: lo {lo} x {x}");
            assert!(100 * (hi - x) <= hi, "key {k}: hi {hi} x {x}");
        }
    }

    #[test]
    fn values_below_a_hundred_seconds_have_a_bin_each() {
        for v in 1..100u64 {
            assert_eq!(lows()[key_of(v)], v);
            assert_eq!(representative(v), v);
        }
        for v in [100u64, 101, 1000, 86_400, MAX_SECONDS as u64] {
            let k = key_of(v);
            assert!(lows()[k] <= v && v <= high(lows()[k]));
        }
    }
}
