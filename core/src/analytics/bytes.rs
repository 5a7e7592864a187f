//! The versioned binary form of a [`MapAccumulator`], to ship partial maps between
//! processes (Dask, Spark, multiprocessing) compactly.
//!
//! # Layout, format version 1
//! ```text
//! "MJMA"                      4 bytes, the magic
//! version                     u16 little-endian (1)
//! quantile mode               1 byte: 0 exact, 1 sketch
//! statuses stages channels kinds needs
//!                             1 byte each: this build's counts (4 7 11 13 …), checked
//! then unsigned LEB128 varints (zigzag for the signed sentiment sums):
//!   journeys, statuses[4], entered[7], moved on[7], dropped[7], still there[7],
//!   re-entered[7], touchpoints[7], by channel[7][channels], by kind[7][kinds],
//!   sentiment thousandths[7] (zigzag), ratings[7], needs recorded[7][needs],
//!   needs unmet[7][needs],
//!   8 duration sets (the 7 stages' dwell, then awareness to treatment), each
//!     exact:  n, then n seconds sorted ascending, delta-encoded
//!     sketch: zeros, sum of seconds (u128), bins m, then m × (key delta, count)
//! nothing after the last duration set
//! ```
//! Reading checks every length against the bytes left before allocating, refuses
//! trailing bytes, and ends with [`MapAccumulator::validate`]. Errors: bytes that are
//! truncated, damaged or not an accumulator are `parse_error`; another format version is
//! `unsupported_version`; a well-formed state whose figures do not fit together is
//! `invalid_input`. Version 1 is the only version so far.

use super::accumulator::MapAccumulator;
use super::durations::{Durations, QuantileMode};
use super::sketch::{keys, DwellSketch};
use crate::error::{Error, Result};
use crate::journey::{Channel, Need, Stage, Status, TouchpointKind};

/// The first four bytes of every accumulator's binary form.
pub const MAGIC: [u8; 4] = *b"MJMA";

/// The binary format version this build writes and reads.
pub const FORMAT_VERSION: u16 = 1;

const WHAT: &str = "journey-map accumulator";

/// The table sizes written after the header, so a build with other enums refuses the bytes.
const SHAPE: [usize; 5] = [
    Status::COUNT,
    Stage::COUNT,
    Channel::COUNT,
    TouchpointKind::COUNT,
    Need::COUNT,
];

fn damaged(reason: impl Into<String>) -> Error {
    Error::parse("binary", WHAT, reason)
}

struct Writer(Vec<u8>);

impl Writer {
    fn varint(&mut self, mut v: u128) {
        loop {
            let byte = (v & 0x7f) as u8;
            v >>= 7;
            if v == 0 {
                self.0.push(byte);
                return;
            }
            self.0.push(byte | 0x80);
        }
    }

    fn u64(&mut self, v: u64) {
        self.varint(u128::from(v));
    }

    fn all(&mut self, vs: &[u64]) {
        for &v in vs {
            self.u64(v);
        }
    }

    fn durations(&mut self, d: &Durations) {
        match d {
            Durations::Exact(v) => {
                let mut sorted = v.clone();
                sorted.sort_unstable();
                self.u64(sorted.len() as u64);
                let mut previous = 0i64;
                for s in sorted {
                    // Validated durations are non-negative, so deltas of the sorted run are too.
                    self.u64(s.abs_diff(previous));
                    previous = s;
                }
            }
            Durations::Sketch(k) => {
                self.u64(k.zeros());
                self.varint(k.sum());
                let bins: Vec<(u32, u64)> = k.nonempty().collect();
                self.u64(bins.len() as u64);
                let mut previous = 0u32;
                for (key, n) in bins {
                    self.u64(u64::from(key - previous));
                    self.u64(n);
                    previous = key;
                }
            }
        }
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn byte(&mut self) -> Result<u8> {
        let b = self
            .bytes
            .get(self.at)
            .copied()
            .ok_or_else(|| damaged(format!("truncated at byte {}", self.at)))?;
        self.at += 1;
        Ok(b)
    }

    fn left(&self) -> usize {
        self.bytes.len().saturating_sub(self.at)
    }

    fn varint(&mut self, bits: u32) -> Result<u128> {
        let start = self.at;
        let mut v: u128 = 0;
        let mut shift = 0u32;
        loop {
            let b = self.byte()?;
            let part = u128::from(b & 0x7f);
            if shift >= bits || (shift > 0 && part >> (bits - shift).min(127) != 0) {
                return Err(damaged(format!(
                    "the number at byte {start} does not fit {bits} bits"
                )));
            }
            v |= part << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
            shift += 7;
        }
    }

    fn u64(&mut self) -> Result<u64> {
        Ok(self.varint(64)? as u64)
    }

    fn all<const N: usize>(&mut self, out: &mut [u64; N]) -> Result<()> {
        for slot in out.iter_mut() {
            *slot = self.u64()?;
        }
        Ok(())
    }

    /// A count of items that each take at least one byte: never more than the bytes left.
    fn len(&mut self, what: &str) -> Result<usize> {
        let at = self.at;
        let n = self.u64()?;
        match usize::try_from(n) {
            Ok(n) if n <= self.left() => Ok(n),
            _ => Err(damaged(format!(
                "{n} {what} at byte {at}, but only {} bytes are left",
                self.left()
            ))),
        }
    }

    fn durations(&mut self, mode: QuantileMode) -> Result<Durations> {
        match mode {
            QuantileMode::Exact => {
                let n = self.len("durations")?;
                let mut v = Vec::with_capacity(n);
                let mut previous = 0i64;
                for _ in 0..n {
                    let delta = i64::try_from(self.u64()?).map_err(|_| {
                        damaged(format!("a duration delta before byte {}", self.at))
                    })?;
                    previous = previous
                        .checked_add(delta)
                        .ok_or_else(|| damaged(format!("a duration before byte {}", self.at)))?;
                    v.push(previous);
                }
                Ok(Durations::Exact(v))
            }
            QuantileMode::Sketch => {
                let zeros = self.u64()?;
                let sum = self.varint(128)?;
                let m = self.len("sketch bins")?;
                if m > keys() {
                    return Err(damaged(format!("{m} sketch bins, more than {}", keys())));
                }
                let mut bins = Vec::with_capacity(m);
                let mut key = 0u64;
                for i in 0..m {
                    let delta = self.u64()?;
                    if i > 0 && delta == 0 {
                        return Err(damaged(format!(
                            "a repeated sketch bin before byte {}",
                            self.at
                        )));
                    }
                    key = key.saturating_add(delta);
                    let key =
                        u32::try_from(key).map_err(|_| damaged(format!("sketch bin key {key}")))?;
                    bins.push((key, self.u64()?));
                }
                Ok(Durations::Sketch(DwellSketch::from_parts(
                    zeros, &bins, sum,
                )?))
            }
        }
    }
}

impl MapAccumulator {
    /// The accumulator in its versioned binary form (see [`crate::analytics::bytes`]):
    /// a few KB when sketched, whatever the number of events.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer(Vec::with_capacity(1024));
        w.0.extend_from_slice(&MAGIC);
        w.0.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        w.0.push(match self.quantiles() {
            QuantileMode::Exact => 0,
            QuantileMode::Sketch => 1,
        });
        w.0.extend(SHAPE.iter().map(|&n| n as u8));
        w.u64(self.journeys);
        w.all(&self.statuses);
        for per_stage in [
            &self.entered,
            &self.moved_on,
            &self.dropped,
            &self.still_there,
            &self.reentered,
            &self.touchpoints,
        ] {
            w.all(per_stage);
        }
        self.by_channel.iter().for_each(|c| w.all(c));
        self.by_kind.iter().for_each(|k| w.all(k));
        for &s in &self.sentiment_milli {
            // Zigzag: small sums of either sign stay short.
            w.u64(((s << 1) ^ (s >> 63)) as u64);
        }
        w.all(&self.sentiment_count);
        self.need_total.iter().for_each(|n| w.all(n));
        self.need_unmet.iter().for_each(|n| w.all(n));
        for d in self.dwell.iter().chain([&self.to_treatment]) {
            w.durations(d);
        }
        w.0
    }

    /// Reads bytes written by [`MapAccumulator::to_bytes`] (format version 1) and checks
    /// the state with [`MapAccumulator::validate`]. Never panics, whatever the bytes.
    pub fn from_bytes(bytes: &[u8]) -> Result<MapAccumulator> {
        if bytes.get(..4) != Some(&MAGIC[..]) {
            return Err(damaged(
                "the bytes do not start with \"MJMA\": not a journey-map accumulator",
            ));
        }
        let version = bytes
            .get(4..6)
            .and_then(|v| <[u8; 2]>::try_from(v).ok())
            .map(u16::from_le_bytes)
            .ok_or_else(|| damaged("truncated in the header"))?;
        if version != FORMAT_VERSION {
            return Err(Error::UnsupportedVersion {
                what: WHAT.into(),
                version: u64::from(version),
                supported: FORMAT_VERSION.to_string(),
            });
        }
        let mut r = Reader { bytes, at: 6 };
        let mode = match r.byte()? {
            0 => QuantileMode::Exact,
            1 => QuantileMode::Sketch,
            other => return Err(damaged(format!("quantile mode {other} is neither 0 nor 1"))),
        };
        for &expected in &SHAPE {
            let got = r.byte()?;
            if usize::from(got) != expected {
                return Err(damaged(format!(
                    "tables of {got} where this build has {expected} (statuses, stages, channels, kinds, needs: {SHAPE:?})"
                )));
            }
        }
        let mut acc = MapAccumulator::with_quantiles(mode);
        acc.journeys = r.u64()?;
        r.all(&mut acc.statuses)?;
        r.all(&mut acc.entered)?;
        r.all(&mut acc.moved_on)?;
        r.all(&mut acc.dropped)?;
        r.all(&mut acc.still_there)?;
        r.all(&mut acc.reentered)?;
        r.all(&mut acc.touchpoints)?;
        for c in acc.by_channel.iter_mut() {
            r.all(c)?;
        }
        for k in acc.by_kind.iter_mut() {
            r.all(k)?;
        }
        for s in acc.sentiment_milli.iter_mut() {
            let z = r.u64()?;
            *s = ((z >> 1) as i64) ^ -((z & 1) as i64);
        }
        r.all(&mut acc.sentiment_count)?;
        for n in acc.need_total.iter_mut() {
            r.all(n)?;
        }
        for n in acc.need_unmet.iter_mut() {
            r.all(n)?;
        }
        for d in acc.dwell.iter_mut() {
            *d = r.durations(mode)?;
        }
        acc.to_treatment = r.durations(mode)?;
        if r.left() > 0 {
            return Err(damaged(format!(
                "{} bytes after the end, at byte {}",
                r.left(),
                r.at
            )));
        }
        acc.validate()?;
        Ok(acc)
    }
}
