//! The durations behind a dwell figure, kept either exactly (every sample) or as a
//! [`DwellSketch`] (bounded memory, quantiles within 1 %), and the mode that chooses.

use std::fmt;

use serde::de::{value::MapAccessDeserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::map::DurationStats;
use super::sketch::{check_seconds, DwellSketch};
use crate::error::Result;
use crate::named::named_enum;

named_enum! {
    /// How a journey map's dwell medians and p90s are computed.
    pub enum QuantileMode in "quantiles" {
        /// From every sample: the nearest-rank values themselves. Memory grows with the
        /// number of closed stage visits.
        Exact => "exact",
        /// From a mergeable sketch (DDSketch-style, see [`crate::analytics::sketch`]): a
        /// reported quantile `x` and the true nearest-rank value `v` satisfy
        /// `|x − v| ≤ 0.01 · v`. Memory is bounded (at most about 1,200 counts per stage).
        Sketch => "sketch",
    }
}

impl Default for QuantileMode {
    /// Sketched: the bounded mode, what an accumulator at scale uses.
    fn default() -> Self {
        QuantileMode::Sketch
    }
}

impl QuantileMode {
    /// The relative error bound of the dwell quantiles in this mode (0 when exact).
    pub fn relative_error(self) -> f64 {
        match self {
            QuantileMode::Exact => 0.0,
            QuantileMode::Sketch => super::sketch::RELATIVE_ERROR,
        }
    }
}

/// Durations in whole seconds: every sample, or their sketch.
///
/// JSON: an array of seconds when exact (written sorted), a sketch object when sketched.
#[derive(Debug, Clone)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object),
    // For the TypeScript type only (`number[] | DwellSketch`): the reader is below.
    serde(untagged)
)]
pub enum Durations {
    /// Every sample, in no particular order.
    Exact(Vec<i64>),
    /// Their sketch.
    Sketch(#[cfg_attr(feature = "typescript", tsify(type = "DwellSketch"))] DwellSketch),
}

impl Serialize for Durations {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match self {
            Durations::Exact(v) => sorted(v).serialize(s),
            Durations::Sketch(k) => k.serialize(s),
        }
    }
}

/// Read by the JSON kind of the value, an array or an object, instead of serde's untagged
/// reader, which buffers the value and tries each variant in turn: the error is then the
/// variant's own (`invalid type: string "x", expected i64`), not "did not match any variant".
impl<'de> Deserialize<'de> for Durations {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        d.deserialize_any(DurationsVisitor)
    }
}

struct DurationsVisitor;

impl<'de> Visitor<'de> for DurationsVisitor {
    type Value = Durations;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array of seconds or a dwell sketch")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<Durations, A::Error> {
        let mut seconds = Vec::new();
        while let Some(s) = seq.next_element::<i64>()? {
            seconds.push(s);
        }
        Ok(Durations::Exact(seconds))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> std::result::Result<Durations, A::Error> {
        DwellSketch::deserialize(MapAccessDeserializer::new(map)).map(Durations::Sketch)
    }
}

/// Equal when they hold the same multiset of samples (exact) or the same sketch.
impl PartialEq for Durations {
    fn eq(&self, other: &Durations) -> bool {
        match (self, other) {
            (Durations::Exact(a), Durations::Exact(b)) => sorted(a) == sorted(b),
            (Durations::Sketch(a), Durations::Sketch(b)) => a == b,
            _ => false,
        }
    }
}

fn sorted(v: &[i64]) -> Vec<i64> {
    let mut v = v.to_vec();
    v.sort_unstable();
    v
}

impl Durations {
    /// No durations yet, kept as `mode` says.
    pub fn empty(mode: QuantileMode) -> Durations {
        match mode {
            QuantileMode::Exact => Durations::Exact(Vec::new()),
            QuantileMode::Sketch => Durations::Sketch(DwellSketch::default()),
        }
    }

    /// How the quantiles of these durations are computed.
    pub fn mode(&self) -> QuantileMode {
        match self {
            Durations::Exact(_) => QuantileMode::Exact,
            Durations::Sketch(_) => QuantileMode::Sketch,
        }
    }

    /// How many durations.
    pub fn count(&self) -> u64 {
        match self {
            Durations::Exact(v) => v.len() as u64,
            Durations::Sketch(k) => k.count(),
        }
    }

    /// Adds one duration, checked against the supported range.
    pub fn push(&mut self, field: &str, seconds: i64) -> Result<()> {
        match self {
            Durations::Exact(v) => {
                check_seconds(field, seconds)?;
                v.push(seconds);
                Ok(())
            }
            Durations::Sketch(k) => k.add(check_seconds(field, seconds)?),
        }
    }

    /// Checks every duration against the supported range (a sketch checks itself when read).
    pub fn validate(&self, field: &str) -> Result<()> {
        if let Durations::Exact(v) = self {
            for &d in v {
                check_seconds(field, d)?;
            }
        }
        Ok(())
    }

    /// These durations as a sketch (a copy when exact).
    fn sketch(&self, field: &str) -> Result<DwellSketch> {
        match self {
            Durations::Exact(v) => {
                let mut k = DwellSketch::default();
                for &d in v {
                    k.add(check_seconds(field, d)?)?;
                }
                Ok(k)
            }
            Durations::Sketch(k) => Ok(k.clone()),
        }
    }

    /// Checks that `other` merges into `self` without overflow. When the merge changes
    /// the mode (exact with sketched), returns the merged copy to put in `self`'s place.
    pub fn prepare_merge(&self, other: &Durations, field: &str) -> Result<Option<Durations>> {
        match (self, other) {
            (Durations::Exact(_), Durations::Exact(_)) => Ok(None),
            (Durations::Sketch(a), Durations::Sketch(b)) => a.check_merge(b).map(|()| None),
            _ => {
                let mut copy = self.clone();
                copy.merge(other, field)?;
                Ok(Some(copy))
            }
        }
    }

    /// The durations of both: exact when both are, otherwise sketched. On error (an
    /// overflow) `self` is left as it was.
    pub fn merge(&mut self, other: &Durations, field: &str) -> Result<()> {
        match (&mut *self, other) {
            (Durations::Exact(mine), Durations::Exact(theirs)) => {
                mine.extend_from_slice(theirs);
            }
            (Durations::Sketch(mine), Durations::Sketch(theirs)) => mine.merge(theirs)?,
            (Durations::Sketch(mine), Durations::Exact(_)) => mine.merge(&other.sketch(field)?)?,
            (Durations::Exact(_), Durations::Sketch(theirs)) => {
                let mut mine = self.sketch(field)?;
                mine.merge(theirs)?;
                *self = Durations::Sketch(mine);
            }
        }
        Ok(())
    }

    /// Count, nearest-rank median and p90 (exact or within the sketch's bound), and mean.
    pub fn stats(&self) -> DurationStats {
        match self {
            Durations::Exact(v) => DurationStats::of(v),
            Durations::Sketch(k) => DurationStats {
                count: k.count(),
                median_seconds: k.quantile(1, 2),
                p90_seconds: k.quantile(9, 10),
                mean_seconds: k.mean(),
            },
        }
    }

    /// Bytes held on the heap: the samples (exact) or the sketch's counts.
    pub fn heap_bytes(&self) -> usize {
        match self {
            Durations::Exact(v) => v.capacity() * std::mem::size_of::<i64>(),
            Durations::Sketch(k) => k.heap_bytes(),
        }
    }
}
