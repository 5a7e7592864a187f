//! The journey map: many journeys turned into the per-stage picture facilitators use to
//! see where patients struggle — funnel, dwell, channels, sentiment, unmet needs and
//! pain points — as data, CSV rows and an SVG picture.
//!
//! # Entry points
//! - [`journey_map`] over [`Journey`] objects;
//! - [`journey_map_columns`] over plain columns ([`JourneyColumns`]): integer codes
//!   (see [`crate::journey`] for every code), `i64` epoch seconds and `f64` sentiment, so
//!   a Python or JS caller hands over numpy / typed arrays once per batch;
//! - [`MapAccumulator`] for partitioned data: build one per batch, [`MapAccumulator::merge`]
//!   them (in any order), then [`MapAccumulator::finish`]. The merged result equals a
//!   single pass exactly: counts and sentiment sums are integers (sentiment is kept in
//!   thousandths), and dwell quantiles are exact because the accumulator keeps every
//!   dwell sample. A journey must not be split across batches (partition by journey).
//!
//! # Counting rules
//! - A journey *entered* every stage it ever visited. It is attributed to the furthest
//!   stage it reached: stages before that were *moved on* from; at the furthest stage it
//!   is *moved on* when completed, *dropped* when abandoned, and *still there* when
//!   active or on hold. So `entered = movedOn + dropped + stillThere` for every stage.
//!   A journey that went back (a declined clinic, an expired quote, a refused visa)
//!   still counts at its furthest stage; `reentered` counts journeys that visited a
//!   stage more than once.
//! - `conversion` = movedOn / entered, `dropRate` = dropped / entered (null when nobody
//!   entered).
//! - Dwell is measured per closed stage visit (left − entered, time on hold included);
//!   median and p90 are nearest-rank quantiles: the smallest sample with at least 50 % /
//!   90 % of the samples at or below it. Open visits have no dwell yet.
//! - Awareness → treatment is, per journey that entered both, the first entry into
//!   treatment minus the first entry into awareness.
//! - Sentiment: mean of the rated touchpoints in the stage (rounded to thousandths
//!   before summing), with its count; null when none was rated.
//! - Touchpoints per journey (by channel, by kind) divide by the journeys that entered
//!   the stage.
//!
//! # Pain points
//! A stage is a pain point when any rule of [`MapOptions`] flags it:
//! - `low_sentiment`: at least `minSamples` ratings and a mean below `sentimentBelow`;
//! - `long_dwell`: at least `minSamples` dwell samples and p90 ≥ `dwellSpread` × median
//!   (one patient in ten waits far longer than is typical there), p90 above the median;
//! - `high_drop_out`: at least `minSamples` journeys entered and dropped / entered ≥
//!   `dropRate`.
//!
//! Pain points are listed worst first: more reasons first, then lower mean sentiment
//! (unrated last), then higher drop rate, then stage order.

use std::fmt::Write as _;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{Error, Result};
use crate::journey::{
    check_sentiment, Channel, Journey, Need, Stage, Status, TouchpointKind, SENTIMENT_RANGE,
};

/// Marks an open stage visit (not left yet) in the `visit_left` column.
pub const NO_TIME: i64 = i64::MIN;

const STAGES: usize = Stage::COUNT;
const CHANNELS: usize = Channel::COUNT;
const KINDS: usize = TouchpointKind::COUNT;
const NEEDS: usize = Need::COUNT;
const STATUSES: usize = Status::COUNT;
const MILLI: f64 = 1000.0;

/// Many journeys as plain columns, borrowed from the caller (numpy arrays, typed arrays).
///
/// Journeys are numbered 0..n by their row in `status`; every other table names its
/// journey by that number (in pandas: `pd.factorize(ids)`). Codes are the `code()`s
/// listed in [`crate::journey`]; instants are seconds since the Unix epoch (UTC).
/// Each table's columns must have equal lengths; the needs table may be empty.
#[derive(Debug, Clone, Copy, Default)]
pub struct JourneyColumns<'a> {
    /// Per journey: its [`Status`] code.
    pub status: &'a [u8],
    /// Per stage visit: the journey's number.
    pub visit_journey: &'a [u32],
    /// Per stage visit: the [`Stage`] code.
    pub visit_stage: &'a [u8],
    /// Per stage visit: when it was entered.
    pub visit_entered: &'a [i64],
    /// Per stage visit: when it was left, or [`NO_TIME`] while open.
    pub visit_left: &'a [i64],
    /// Per touchpoint: the journey's number.
    pub touch_journey: &'a [u32],
    /// Per touchpoint: the [`Stage`] code.
    pub touch_stage: &'a [u8],
    /// Per touchpoint: when it happened.
    pub touch_at: &'a [i64],
    /// Per touchpoint: the [`Channel`] code.
    pub touch_channel: &'a [u8],
    /// Per touchpoint: the [`TouchpointKind`] code.
    pub touch_kind: &'a [u8],
    /// Per touchpoint: sentiment on −2…+2, NaN when not rated.
    pub touch_sentiment: &'a [f64],
    /// Per need record: the journey's number.
    pub need_journey: &'a [u32],
    /// Per need record: the [`Stage`] code.
    pub need_stage: &'a [u8],
    /// Per need record: the [`Need`] code.
    pub need_code: &'a [u8],
    /// Per need record: 1 when met, 0 when not.
    pub need_met: &'a [u8],
}

/// The owned form of [`JourneyColumns`], for building columns from journeys or JSON.
///
/// JSON: the same field names in camelCase (`status`, `visitJourney`, …,
/// `touchSentiment` with null for unrated), `visitLeft` using −9223372036854775808 for
/// open visits.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase", default)]
pub struct JourneyTable {
    /// See [`JourneyColumns::status`].
    pub status: Vec<u8>,
    /// See [`JourneyColumns::visit_journey`].
    pub visit_journey: Vec<u32>,
    /// See [`JourneyColumns::visit_stage`].
    pub visit_stage: Vec<u8>,
    /// See [`JourneyColumns::visit_entered`].
    pub visit_entered: Vec<i64>,
    /// See [`JourneyColumns::visit_left`].
    pub visit_left: Vec<i64>,
    /// See [`JourneyColumns::touch_journey`].
    pub touch_journey: Vec<u32>,
    /// See [`JourneyColumns::touch_stage`].
    pub touch_stage: Vec<u8>,
    /// See [`JourneyColumns::touch_at`].
    pub touch_at: Vec<i64>,
    /// See [`JourneyColumns::touch_channel`].
    pub touch_channel: Vec<u8>,
    /// See [`JourneyColumns::touch_kind`].
    pub touch_kind: Vec<u8>,
    /// See [`JourneyColumns::touch_sentiment`].
    #[serde(with = "nan_as_null")]
    #[cfg_attr(feature = "typescript", tsify(type = "(number | null)[]"))]
    pub touch_sentiment: Vec<f64>,
    /// See [`JourneyColumns::need_journey`].
    pub need_journey: Vec<u32>,
    /// See [`JourneyColumns::need_stage`].
    pub need_stage: Vec<u8>,
    /// See [`JourneyColumns::need_code`].
    pub need_code: Vec<u8>,
    /// See [`JourneyColumns::need_met`].
    pub need_met: Vec<u8>,
}

mod nan_as_null {
    use super::*;

    pub fn serialize<S: Serializer>(v: &[f64], s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_seq(v.iter().map(|x| if x.is_nan() { None } else { Some(*x) }))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Vec<f64>, D::Error> {
        let v = Vec::<Option<f64>>::deserialize(d)?;
        Ok(v.into_iter().map(|x| x.unwrap_or(f64::NAN)).collect())
    }
}

impl JourneyTable {
    /// Borrows the table as columns for [`journey_map_columns`].
    pub fn columns(&self) -> JourneyColumns<'_> {
        JourneyColumns {
            status: &self.status,
            visit_journey: &self.visit_journey,
            visit_stage: &self.visit_stage,
            visit_entered: &self.visit_entered,
            visit_left: &self.visit_left,
            touch_journey: &self.touch_journey,
            touch_stage: &self.touch_stage,
            touch_at: &self.touch_at,
            touch_channel: &self.touch_channel,
            touch_kind: &self.touch_kind,
            touch_sentiment: &self.touch_sentiment,
            need_journey: &self.need_journey,
            need_stage: &self.need_stage,
            need_code: &self.need_code,
            need_met: &self.need_met,
        }
    }

    /// Flattens journeys into columns; journey number i is `journeys[i]`.
    pub fn from_journeys(journeys: &[Journey]) -> Result<JourneyTable> {
        let mut t = JourneyTable::default();
        for (i, j) in journeys.iter().enumerate() {
            let n = u32::try_from(i).map_err(|_| Error::overflow("journey count above u32"))?;
            t.status.push(j.status.code());
            for v in &j.stages {
                t.visit_journey.push(n);
                t.visit_stage.push(v.stage.code());
                t.visit_entered.push(v.entered.timestamp());
                t.visit_left.push(v.left.map_or(NO_TIME, |l| l.timestamp()));
            }
            for tp in &j.touchpoints {
                t.touch_journey.push(n);
                t.touch_stage.push(tp.stage.code());
                t.touch_at.push(tp.at.timestamp());
                t.touch_channel.push(tp.channel.code());
                t.touch_kind.push(tp.kind.code());
                t.touch_sentiment.push(tp.sentiment.unwrap_or(f64::NAN));
            }
            for need in &j.needs {
                t.need_journey.push(n);
                t.need_stage.push(need.stage.code());
                t.need_code.push(need.need.code());
                t.need_met.push(u8::from(need.met));
            }
        }
        Ok(t)
    }
}

/// Thresholds of the pain-point rules (see the module docs). JSON: camelCase, all optional.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase", default)]
pub struct MapOptions {
    /// A stage whose mean sentiment is below this is a pain point (default 0.0).
    pub sentiment_below: f64,
    /// A stage whose dwell p90 is at least this many times its median is a pain point (default 3.0).
    pub dwell_spread: f64,
    /// A stage where at least this share of entrants dropped out is a pain point (default 0.2).
    pub drop_rate: f64,
    /// The fewest samples a rule needs before it may flag a stage (default 3).
    pub min_samples: u64,
}

impl Default for MapOptions {
    fn default() -> Self {
        MapOptions {
            sentiment_below: 0.0,
            dwell_spread: 3.0,
            drop_rate: 0.2,
            min_samples: 3,
        }
    }
}

impl MapOptions {
    /// Checks that every threshold is finite and in its range.
    pub fn validate(&self) -> Result<()> {
        check_sentiment(self.sentiment_below, "options.sentimentBelow")?;
        if !(self.dwell_spread.is_finite() && self.dwell_spread >= 1.0) {
            return Err(Error::invalid(
                "options.dwellSpread",
                format!("{} is not a finite number >= 1", self.dwell_spread),
            ));
        }
        if !(self.drop_rate.is_finite() && self.drop_rate > 0.0 && self.drop_rate <= 1.0) {
            return Err(Error::invalid(
                "options.dropRate",
                format!("{} is not in (0, 1]", self.drop_rate),
            ));
        }
        Ok(())
    }
}

/// Why a stage is a pain point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "snake_case")]
pub enum PainReason {
    /// Mean sentiment below the threshold.
    LowSentiment,
    /// A long tail of slow journeys: p90 dwell far above the median.
    LongDwell,
    /// Many journeys abandoned there.
    HighDropOut,
}

impl PainReason {
    /// The snake_case name, as in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            PainReason::LowSentiment => "low_sentiment",
            PainReason::LongDwell => "long_dwell",
            PainReason::HighDropOut => "high_drop_out",
        }
    }

    fn label(self) -> &'static str {
        match self {
            PainReason::LowSentiment => "low sentiment",
            PainReason::LongDwell => "long waits",
            PainReason::HighDropOut => "drop-outs",
        }
    }
}

/// Count, nearest-rank median and p90, and mean of a set of durations in seconds.
///
/// JSON: `{"count": 12, "medianSeconds": 86400, "p90Seconds": 259200, "meanSeconds": 98000.5}`;
/// the last three are null when `count` is 0.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct DurationStats {
    /// How many durations.
    pub count: u64,
    /// The nearest-rank median.
    pub median_seconds: Option<i64>,
    /// The nearest-rank 90th percentile.
    pub p90_seconds: Option<i64>,
    /// The mean.
    pub mean_seconds: Option<f64>,
}

impl DurationStats {
    fn of(samples: &[i64]) -> DurationStats {
        let n = samples.len();
        if n == 0 {
            return DurationStats::default();
        }
        let mut work = samples.to_vec();
        // ceil(p * n) - 1 in integers, so no float rounding can pick the wrong rank.
        let rank = |num: u128, den: u128| -> usize {
            let r = (num * n as u128).div_ceil(den).saturating_sub(1);
            usize::try_from(r).unwrap_or(usize::MAX).min(n - 1)
        };
        let p90_at = rank(9, 10);
        let median_at = rank(1, 2);
        let (below, p90, _) = work.select_nth_unstable(p90_at);
        let p90 = *p90;
        let median = if median_at == p90_at {
            p90
        } else {
            *below.select_nth_unstable(median_at).1
        };
        let sum: i128 = samples.iter().map(|&s| i128::from(s)).sum();
        DurationStats {
            count: n as u64,
            median_seconds: Some(median),
            p90_seconds: Some(p90),
            mean_seconds: Some(sum as f64 / n as f64),
        }
    }
}

/// A count of touchpoints on one channel in a stage. JSON: `{"channel", "count", "perJourney"}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct ChannelCount {
    /// The channel.
    pub channel: Channel,
    /// Touchpoints on it.
    pub count: u64,
    /// Touchpoints on it per journey that entered the stage.
    pub per_journey: f64,
}

/// A count of touchpoints of one kind in a stage. JSON: `{"kind", "count", "perJourney"}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct KindCount {
    /// The kind.
    pub kind: TouchpointKind,
    /// Touchpoints of it.
    pub count: u64,
    /// Touchpoints of it per journey that entered the stage.
    pub per_journey: f64,
}

/// Mean sentiment and how many ratings it rests on. JSON: `{"count", "mean"}` (mean null when 0).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct SentimentStats {
    /// Rated touchpoints.
    pub count: u64,
    /// Their mean on −2…+2.
    pub mean: Option<f64>,
}

/// How often a need went unmet. JSON: `{"stage", "need", "unmet", "total"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct NeedCount {
    /// The stage.
    pub stage: Stage,
    /// The need.
    pub need: Need,
    /// Journeys where it was recorded unmet.
    pub unmet: u64,
    /// Journeys where it was recorded at all.
    pub total: u64,
}

/// One stage of the journey map (see the module docs for every rule).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct StageSummary {
    /// The stage.
    pub stage: Stage,
    /// Journeys that entered it.
    pub entered: u64,
    /// Journeys that went beyond it (or completed in follow_up).
    pub moved_on: u64,
    /// Journeys abandoned with this as their furthest stage.
    pub dropped: u64,
    /// Active or held journeys with this as their furthest stage.
    pub still_there: u64,
    /// Journeys that visited it more than once.
    pub reentered: u64,
    /// movedOn / entered.
    pub conversion: Option<f64>,
    /// dropped / entered.
    pub drop_rate: Option<f64>,
    /// Time per closed visit.
    pub dwell: DurationStats,
    /// Touchpoints recorded in it.
    pub touchpoints: u64,
    /// Touchpoints per journey that entered it.
    pub touchpoints_per_journey: Option<f64>,
    /// Touchpoints by channel (channels with none left out), in code order.
    pub by_channel: Vec<ChannelCount>,
    /// Touchpoints by kind (kinds with none left out), in code order.
    pub by_kind: Vec<KindCount>,
    /// Sentiment of the rated touchpoints.
    pub sentiment: SentimentStats,
    /// Needs recorded unmet here, most often unmet first.
    pub unmet_needs: Vec<NeedCount>,
    /// The pain-point rules that flag this stage (empty when none).
    pub pain: Vec<PainReason>,
}

/// A step of the funnel: how many journeys reached a stage, as a share of all journeys.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct FunnelStep {
    /// The stage.
    pub stage: Stage,
    /// Journeys that entered it.
    pub journeys: u64,
    /// That number over all journeys (null when there are none).
    pub share: Option<f64>,
}

/// A stage flagged as a pain point, with the figures behind the flag.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct PainPoint {
    /// The stage.
    pub stage: Stage,
    /// The rules that flag it.
    pub reasons: Vec<PainReason>,
    /// Its mean sentiment.
    pub mean_sentiment: Option<f64>,
    /// Its dwell median.
    pub dwell_median_seconds: Option<i64>,
    /// Its dwell p90.
    pub dwell_p90_seconds: Option<i64>,
    /// Its drop rate.
    pub drop_rate: Option<f64>,
}

/// Journeys per status. JSON: `{"active", "completed", "abandoned", "onHold"}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct StatusCounts {
    /// Active journeys.
    pub active: u64,
    /// Completed journeys.
    pub completed: u64,
    /// Abandoned journeys.
    pub abandoned: u64,
    /// Journeys on hold.
    pub on_hold: u64,
}

/// The journey map: per-stage table, funnel, awareness→treatment time, needs, pain points.
///
/// JSON (camelCase): `{"journeys", "touchpoints", "statuses", "stages": [StageSummary ×7],
/// "funnel": [FunnelStep ×7], "awarenessToTreatment": DurationStats,
/// "unmetNeeds": [NeedCount], "painPoints": [PainPoint]}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct JourneyMap {
    /// Journeys analysed.
    pub journeys: u64,
    /// Touchpoints analysed.
    pub touchpoints: u64,
    /// Journeys per status.
    pub statuses: StatusCounts,
    /// One summary per stage, in stage order.
    pub stages: Vec<StageSummary>,
    /// Journeys reaching each stage.
    pub funnel: Vec<FunnelStep>,
    /// Time from first awareness to treatment.
    pub awareness_to_treatment: DurationStats,
    /// Unmet needs over all stages, most often unmet first (then stage, then need order).
    pub unmet_needs: Vec<NeedCount>,
    /// Pain points, worst first.
    pub pain_points: Vec<PainPoint>,
}

/// One flat row of the per-stage table, for CSV, pandas and JS tables.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct StageRow {
    /// The stage.
    pub stage: Stage,
    /// Journeys that entered.
    pub entered: u64,
    /// Journeys that moved on.
    pub moved_on: u64,
    /// Journeys that dropped out.
    pub dropped: u64,
    /// Journeys still there.
    pub still_there: u64,
    /// Journeys that came back to it.
    pub reentered: u64,
    /// movedOn / entered.
    pub conversion: Option<f64>,
    /// dropped / entered.
    pub drop_rate: Option<f64>,
    /// Dwell median in seconds.
    pub dwell_median_seconds: Option<i64>,
    /// Dwell p90 in seconds.
    pub dwell_p90_seconds: Option<i64>,
    /// Touchpoints.
    pub touchpoints: u64,
    /// Touchpoints per journey.
    pub touchpoints_per_journey: Option<f64>,
    /// The channel carrying most touchpoints (earliest code on ties).
    pub top_channel: Option<Channel>,
    /// Mean sentiment.
    pub mean_sentiment: Option<f64>,
    /// Rated touchpoints.
    pub sentiment_count: u64,
    /// The most often unmet need.
    pub top_unmet_need: Option<Need>,
    /// Pain-point reasons, `;`-separated ("" when none).
    pub pain: String,
}

/// The mergeable state behind a [`JourneyMap`]: integer counts plus every dwell sample.
///
/// It serializes to JSON (camelCase) so partial maps can travel between workers of a
/// distributed engine; merging is associative and commutative.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object, rename = "MapAccumulatorState")
)]
#[serde(rename_all = "camelCase")]
pub struct MapAccumulator {
    journeys: u64,
    statuses: [u64; STATUSES],
    entered: [u64; STAGES],
    moved_on: [u64; STAGES],
    dropped: [u64; STAGES],
    still_there: [u64; STAGES],
    reentered: [u64; STAGES],
    dwell: [Vec<i64>; STAGES],
    touchpoints: [u64; STAGES],
    by_channel: [[u64; CHANNELS]; STAGES],
    by_kind: [[u64; KINDS]; STAGES],
    sentiment_milli: [i64; STAGES],
    sentiment_count: [u64; STAGES],
    need_total: [[u64; NEEDS]; STAGES],
    need_unmet: [[u64; NEEDS]; STAGES],
    to_treatment: Vec<i64>,
}

fn add_u64(a: &mut u64, b: u64) -> Result<()> {
    *a = a
        .checked_add(b)
        .ok_or_else(|| Error::overflow("merging journey-map counts"))?;
    Ok(())
}

fn add_all<const N: usize>(a: &mut [u64; N], b: &[u64; N]) -> Result<()> {
    for (x, y) in a.iter_mut().zip(b) {
        add_u64(x, *y)?;
    }
    Ok(())
}

fn same_len(field: &str, len: usize, expected: usize, of: &str) -> Result<()> {
    if len == expected {
        Ok(())
    } else {
        Err(Error::invalid(
            field,
            format!("has {len} rows but {of} has {expected}"),
        ))
    }
}

fn bad_code(field: &str, row: usize, code: impl std::fmt::Display, count: usize) -> Error {
    Error::invalid(
        format!("{field}[{row}]"),
        format!("code {code} is not below {count}"),
    )
}

fn ratio(num: u64, den: u64) -> Option<f64> {
    (den > 0).then(|| num as f64 / den as f64)
}

impl MapAccumulator {
    /// An empty accumulator.
    pub fn new() -> MapAccumulator {
        MapAccumulator::default()
    }

    /// Adds journey objects (each checked with [`Journey::validate`]).
    pub fn add_journeys(&mut self, journeys: &[Journey]) -> Result<()> {
        for j in journeys {
            j.validate()?;
        }
        self.add_columns(&JourneyTable::from_journeys(journeys)?.columns())
    }

    /// Adds one batch of complete journeys given as columns. On error nothing is added.
    pub fn add_columns(&mut self, c: &JourneyColumns<'_>) -> Result<()> {
        let batch = MapAccumulator::from_columns(c)?;
        self.merge(&batch)
    }

    /// Adds another accumulator's journeys (built from other journeys) to this one.
    pub fn merge(&mut self, other: &MapAccumulator) -> Result<()> {
        let mut next = self.clone();
        add_u64(&mut next.journeys, other.journeys)?;
        add_all(&mut next.statuses, &other.statuses)?;
        add_all(&mut next.entered, &other.entered)?;
        add_all(&mut next.moved_on, &other.moved_on)?;
        add_all(&mut next.dropped, &other.dropped)?;
        add_all(&mut next.still_there, &other.still_there)?;
        add_all(&mut next.reentered, &other.reentered)?;
        add_all(&mut next.touchpoints, &other.touchpoints)?;
        add_all(&mut next.sentiment_count, &other.sentiment_count)?;
        for s in 0..STAGES {
            add_all(&mut next.by_channel[s], &other.by_channel[s])?;
            add_all(&mut next.by_kind[s], &other.by_kind[s])?;
            add_all(&mut next.need_total[s], &other.need_total[s])?;
            add_all(&mut next.need_unmet[s], &other.need_unmet[s])?;
            next.sentiment_milli[s] = next.sentiment_milli[s]
                .checked_add(other.sentiment_milli[s])
                .ok_or_else(|| Error::overflow("merging journey-map sentiment"))?;
            next.dwell[s].extend_from_slice(&other.dwell[s]);
        }
        next.to_treatment.extend_from_slice(&other.to_treatment);
        *self = next;
        Ok(())
    }

    /// The accumulator as JSON text (to ship a partial map between workers).
    pub fn to_json(&self) -> Result<String> {
        serde_json::to_string(self).map_err(|e| Error::json("journey-map accumulator", &e))
    }

    /// Reads an accumulator written by [`MapAccumulator::to_json`].
    pub fn from_json(text: &str) -> Result<MapAccumulator> {
        serde_json::from_str(text).map_err(|e| Error::json("journey-map accumulator", &e))
    }

    fn from_columns(c: &JourneyColumns<'_>) -> Result<MapAccumulator> {
        let n_visits = c.visit_journey.len();
        same_len(
            "visit_stage",
            c.visit_stage.len(),
            n_visits,
            "visit_journey",
        )?;
        same_len(
            "visit_entered",
            c.visit_entered.len(),
            n_visits,
            "visit_journey",
        )?;
        same_len("visit_left", c.visit_left.len(), n_visits, "visit_journey")?;
        let n_touch = c.touch_journey.len();
        same_len("touch_stage", c.touch_stage.len(), n_touch, "touch_journey")?;
        same_len("touch_at", c.touch_at.len(), n_touch, "touch_journey")?;
        same_len(
            "touch_channel",
            c.touch_channel.len(),
            n_touch,
            "touch_journey",
        )?;
        same_len("touch_kind", c.touch_kind.len(), n_touch, "touch_journey")?;
        same_len(
            "touch_sentiment",
            c.touch_sentiment.len(),
            n_touch,
            "touch_journey",
        )?;
        let n_need = c.need_journey.len();
        same_len("need_stage", c.need_stage.len(), n_need, "need_journey")?;
        same_len("need_code", c.need_code.len(), n_need, "need_journey")?;
        same_len("need_met", c.need_met.len(), n_need, "need_journey")?;

        let n = c.status.len();
        let mut acc = MapAccumulator {
            journeys: n as u64,
            ..MapAccumulator::default()
        };
        for (row, &st) in c.status.iter().enumerate() {
            let slot = acc
                .statuses
                .get_mut(usize::from(st))
                .ok_or_else(|| bad_code("status", row, st, STATUSES))?;
            *slot += 1;
        }

        // Per journey: stages visited (bit mask), stages visited twice, first entry per stage.
        let mut seen = vec![0u8; n];
        let mut again = vec![0u8; n];
        let mut first = vec![
            i64::MAX;
            n.checked_mul(STAGES)
                .ok_or_else(|| Error::overflow("journey count"))?
        ];
        let journey_of = |field: &str, row: usize, j: u32| -> Result<usize> {
            let j = j as usize;
            if j < n {
                Ok(j)
            } else {
                Err(Error::invalid(
                    format!("{field}[{row}]"),
                    format!("journey number {j} is not below the {n} journeys in status"),
                ))
            }
        };

        let visits = c
            .visit_journey
            .iter()
            .zip(c.visit_stage)
            .zip(c.visit_entered.iter().zip(c.visit_left));
        for (row, ((&j, &s), (&entered, &left))) in visits.enumerate() {
            let j = journey_of("visit_journey", row, j)?;
            let s = usize::from(s);
            if s >= STAGES {
                return Err(bad_code("visit_stage", row, s, STAGES));
            }
            if entered == NO_TIME {
                return Err(Error::invalid(
                    format!("visit_entered[{row}]"),
                    "an entered instant is required",
                ));
            }
            let bit = 1u8 << s;
            if let (Some(m), Some(a)) = (seen.get_mut(j), again.get_mut(j)) {
                if *m & bit != 0 {
                    *a |= bit;
                }
                *m |= bit;
            }
            if let Some(f) = first.get_mut(j * STAGES + s) {
                *f = (*f).min(entered);
            }
            if left != NO_TIME {
                if left < entered {
                    return Err(Error::TimeOrder {
                        field: format!("visit_left[{row}]"),
                        value: left.to_string(),
                        previous: entered.to_string(),
                    });
                }
                let d = left
                    .checked_sub(entered)
                    .ok_or_else(|| Error::overflow(format!("dwell of visit row {row}")))?;
                if let Some(samples) = acc.dwell.get_mut(s) {
                    samples.push(d);
                }
            }
        }

        let journeys = seen
            .iter()
            .zip(&again)
            .zip(c.status)
            .zip(first.chunks_exact(STAGES));
        for (j, (((&mask, &twice), &st), firsts)) in journeys.enumerate() {
            if mask == 0 {
                continue;
            }
            let furthest = 7 - mask.leading_zeros() as usize;
            let status = Status::from_code(st).unwrap_or(Status::Active);
            if status == Status::Completed && furthest != Stage::FollowUp.code() as usize {
                return Err(Error::InvalidTransition {
                    from: Stage::from_code(furthest as u8)
                        .map_or("?", Stage::as_str)
                        .to_string(),
                    to: Status::Completed.as_str().to_string(),
                    reason: format!("journey {j} is completed before reaching follow_up"),
                });
            }
            for s in 0..STAGES {
                if mask & (1 << s) == 0 {
                    continue;
                }
                acc.entered[s] += 1;
                if twice & (1 << s) != 0 {
                    acc.reentered[s] += 1;
                }
                let bucket = if s < furthest {
                    &mut acc.moved_on[s]
                } else {
                    match status {
                        Status::Completed => &mut acc.moved_on[s],
                        Status::Abandoned => &mut acc.dropped[s],
                        Status::Active | Status::OnHold => &mut acc.still_there[s],
                    }
                };
                *bucket += 1;
            }
            let aware = firsts.first().copied().unwrap_or(i64::MAX);
            let treated = firsts
                .get(usize::from(Stage::Treatment.code()))
                .copied()
                .unwrap_or(i64::MAX);
            if aware != i64::MAX && treated != i64::MAX {
                if treated < aware {
                    return Err(Error::TimeOrder {
                        field: format!("treatment entry of journey {j}"),
                        value: treated.to_string(),
                        previous: aware.to_string(),
                    });
                }
                let d = treated.checked_sub(aware).ok_or_else(|| {
                    Error::overflow(format!("awareness to treatment of journey {j}"))
                })?;
                acc.to_treatment.push(d);
            }
        }

        let touches = c
            .touch_journey
            .iter()
            .zip(c.touch_stage)
            .zip(c.touch_at)
            .zip(
                c.touch_channel
                    .iter()
                    .zip(c.touch_kind)
                    .zip(c.touch_sentiment),
            );
        for (row, (((&j, &s), &at), ((&ch, &kind), &sentiment))) in touches.enumerate() {
            let j = journey_of("touch_journey", row, j)?;
            let s = usize::from(s);
            let ch = usize::from(ch);
            let kind = usize::from(kind);
            if s >= STAGES {
                return Err(bad_code("touch_stage", row, s, STAGES));
            }
            let mask = seen.get(j).copied().unwrap_or(0);
            if mask & (1 << s) == 0 {
                return Err(Error::InvalidTouchpoint {
                    id: format!("row {row}"),
                    reason: format!(
                        "journey {j} has not reached {}",
                        Stage::from_code(s as u8).map_or("?", Stage::as_str)
                    ),
                });
            }
            let entered = first.get(j * STAGES + s).copied().unwrap_or(i64::MIN);
            if at < entered {
                return Err(Error::TimeOrder {
                    field: format!("touch_at[{row}]"),
                    value: at.to_string(),
                    previous: entered.to_string(),
                });
            }
            let (Some(ch_slot), Some(kind_slot)) =
                (acc.by_channel[s].get_mut(ch), acc.by_kind[s].get_mut(kind))
            else {
                return Err(if ch >= CHANNELS {
                    bad_code("touch_channel", row, ch, CHANNELS)
                } else {
                    bad_code("touch_kind", row, kind, KINDS)
                });
            };
            *ch_slot += 1;
            *kind_slot += 1;
            acc.touchpoints[s] += 1;
            if !sentiment.is_nan() {
                if !(SENTIMENT_RANGE.0..=SENTIMENT_RANGE.1).contains(&sentiment) {
                    // The field name is only formatted on the error path: no per-row allocation.
                    check_sentiment(sentiment, &format!("touch_sentiment[{row}]"))?;
                }
                // Thousandths make the sum an integer, so any merge order gives the same mean.
                acc.sentiment_milli[s] += (sentiment * MILLI).round() as i64;
                acc.sentiment_count[s] += 1;
            }
        }

        let needs = c
            .need_journey
            .iter()
            .zip(c.need_stage)
            .zip(c.need_code.iter().zip(c.need_met));
        for (row, ((&j, &s), (&need, &met))) in needs.enumerate() {
            journey_of("need_journey", row, j)?;
            let s = usize::from(s);
            let need = usize::from(need);
            if s >= STAGES {
                return Err(bad_code("need_stage", row, s, STAGES));
            }
            if met > 1 {
                return Err(Error::invalid(
                    format!("need_met[{row}]"),
                    format!("{met} is neither 0 nor 1"),
                ));
            }
            let (Some(total), Some(unmet)) = (
                acc.need_total[s].get_mut(need),
                acc.need_unmet[s].get_mut(need),
            ) else {
                return Err(bad_code("need_code", row, need, NEEDS));
            };
            *total += 1;
            if met == 0 {
                *unmet += 1;
            }
        }
        Ok(acc)
    }

    /// Turns the accumulated counts into the journey map.
    pub fn finish(&self, options: &MapOptions) -> Result<JourneyMap> {
        options.validate()?;
        let mut stages = Vec::with_capacity(STAGES);
        let mut all_unmet = Vec::new();
        for (s, &stage) in Stage::ALL.iter().enumerate() {
            let entered = self.entered[s];
            let dwell = DurationStats::of(&self.dwell[s]);
            let per = |count: u64| ratio(count, entered).unwrap_or(0.0);
            let by_channel = Channel::ALL
                .iter()
                .zip(&self.by_channel[s])
                .filter(|(_, &n)| n > 0)
                .map(|(&channel, &count)| ChannelCount {
                    channel,
                    count,
                    per_journey: per(count),
                })
                .collect();
            let by_kind = TouchpointKind::ALL
                .iter()
                .zip(&self.by_kind[s])
                .filter(|(_, &n)| n > 0)
                .map(|(&kind, &count)| KindCount {
                    kind,
                    count,
                    per_journey: per(count),
                })
                .collect();
            let count = self.sentiment_count[s];
            let sentiment = SentimentStats {
                count,
                mean: (count > 0).then(|| self.sentiment_milli[s] as f64 / MILLI / count as f64),
            };
            let mut unmet_needs: Vec<NeedCount> = Need::ALL
                .iter()
                .zip(self.need_unmet[s].iter().zip(&self.need_total[s]))
                .filter(|(_, (&u, _))| u > 0)
                .map(|(&need, (&unmet, &total))| NeedCount {
                    stage,
                    need,
                    unmet,
                    total,
                })
                .collect();
            unmet_needs.sort_by(|a, b| b.unmet.cmp(&a.unmet).then(a.need.cmp(&b.need)));
            all_unmet.extend(unmet_needs.iter().cloned());
            let drop_rate = ratio(self.dropped[s], entered);
            let mut pain = Vec::new();
            if count >= options.min_samples.max(1)
                && sentiment.mean.is_some_and(|m| m < options.sentiment_below)
            {
                pain.push(PainReason::LowSentiment);
            }
            if let (Some(median), Some(p90)) = (dwell.median_seconds, dwell.p90_seconds) {
                if dwell.count >= options.min_samples.max(1)
                    && p90 > median
                    && p90 as f64 >= options.dwell_spread * median as f64
                {
                    pain.push(PainReason::LongDwell);
                }
            }
            if entered >= options.min_samples.max(1)
                && drop_rate.is_some_and(|r| r >= options.drop_rate)
            {
                pain.push(PainReason::HighDropOut);
            }
            stages.push(StageSummary {
                stage,
                entered,
                moved_on: self.moved_on[s],
                dropped: self.dropped[s],
                still_there: self.still_there[s],
                reentered: self.reentered[s],
                conversion: ratio(self.moved_on[s], entered),
                drop_rate,
                dwell,
                touchpoints: self.touchpoints[s],
                touchpoints_per_journey: ratio(self.touchpoints[s], entered),
                by_channel,
                by_kind,
                sentiment,
                unmet_needs,
                pain,
            });
        }
        all_unmet.sort_by(|a, b| {
            b.unmet
                .cmp(&a.unmet)
                .then(a.stage.cmp(&b.stage))
                .then(a.need.cmp(&b.need))
        });
        let mut pain_points: Vec<PainPoint> = stages
            .iter()
            .filter(|s| !s.pain.is_empty())
            .map(|s| PainPoint {
                stage: s.stage,
                reasons: s.pain.clone(),
                mean_sentiment: s.sentiment.mean,
                dwell_median_seconds: s.dwell.median_seconds,
                dwell_p90_seconds: s.dwell.p90_seconds,
                drop_rate: s.drop_rate,
            })
            .collect();
        pain_points.sort_by(|a, b| {
            b.reasons
                .len()
                .cmp(&a.reasons.len())
                .then_with(|| {
                    let key = |m: Option<f64>| m.unwrap_or(f64::INFINITY);
                    key(a.mean_sentiment).total_cmp(&key(b.mean_sentiment))
                })
                .then_with(|| {
                    b.drop_rate
                        .unwrap_or(0.0)
                        .total_cmp(&a.drop_rate.unwrap_or(0.0))
                })
                .then(a.stage.cmp(&b.stage))
        });
        let funnel = stages
            .iter()
            .map(|s| FunnelStep {
                stage: s.stage,
                journeys: s.entered,
                share: ratio(s.entered, self.journeys),
            })
            .collect();
        let [active, completed, abandoned, on_hold] = self.statuses;
        Ok(JourneyMap {
            journeys: self.journeys,
            touchpoints: self
                .touchpoints
                .iter()
                .try_fold(0u64, |a, &b| a.checked_add(b))
                .ok_or_else(|| Error::overflow("touchpoint total"))?,
            statuses: StatusCounts {
                active,
                completed,
                abandoned,
                on_hold,
            },
            stages,
            funnel,
            awareness_to_treatment: DurationStats::of(&self.to_treatment),
            unmet_needs: all_unmet,
            pain_points,
        })
    }
}

/// The journey map of journey objects (each validated first).
pub fn journey_map(journeys: &[Journey], options: &MapOptions) -> Result<JourneyMap> {
    let mut acc = MapAccumulator::new();
    acc.add_journeys(journeys)?;
    acc.finish(options)
}

/// The journey map of one batch of columns: the fast path for large volumes.
pub fn journey_map_columns(
    columns: &JourneyColumns<'_>,
    options: &MapOptions,
) -> Result<JourneyMap> {
    MapAccumulator::from_columns(columns)?.finish(options)
}

/// Escapes text for XML/SVG content and attribute values.
fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // XML 1.0 forbids most control characters even when escaped.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Prefixes a CSV text cell that a spreadsheet would run as a formula.
#[cfg(feature = "csv")]
fn csv_text(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_string(),
    }
}

fn days(seconds: i64) -> String {
    let d = seconds as f64 / 86_400.0;
    if d >= 10.0 {
        format!("{d:.0} d")
    } else if d >= 1.0 {
        format!("{d:.1} d")
    } else {
        format!("{:.1} h", seconds as f64 / 3600.0)
    }
}

fn percent(x: Option<f64>) -> String {
    x.map_or_else(|| "–".to_string(), |v| format!("{:.0}%", v * 100.0))
}

#[cfg(feature = "csv")]
fn opt_num<T: ToString>(x: Option<T>) -> String {
    x.map_or_else(String::new, |v| v.to_string())
}

impl JourneyMap {
    /// The per-stage table as flat rows (one per stage, in stage order).
    pub fn rows(&self) -> Vec<StageRow> {
        self.stages
            .iter()
            .map(|s| StageRow {
                stage: s.stage,
                entered: s.entered,
                moved_on: s.moved_on,
                dropped: s.dropped,
                still_there: s.still_there,
                reentered: s.reentered,
                conversion: s.conversion,
                drop_rate: s.drop_rate,
                dwell_median_seconds: s.dwell.median_seconds,
                dwell_p90_seconds: s.dwell.p90_seconds,
                touchpoints: s.touchpoints,
                touchpoints_per_journey: s.touchpoints_per_journey,
                top_channel: s
                    .by_channel
                    .iter()
                    .fold(None::<&ChannelCount>, |best, c| match best {
                        Some(b) if b.count >= c.count => Some(b),
                        _ => Some(c),
                    })
                    .map(|c| c.channel),
                mean_sentiment: s.sentiment.mean,
                sentiment_count: s.sentiment.count,
                top_unmet_need: s.unmet_needs.first().map(|n| n.need),
                pain: s
                    .pain
                    .iter()
                    .map(|p| p.as_str())
                    .collect::<Vec<_>>()
                    .join(";"),
            })
            .collect()
    }

    /// The per-stage table as CSV with a snake_case header; text cells are guarded
    /// against spreadsheet formula injection.
    #[cfg(feature = "csv")]
    pub fn to_csv(&self) -> Result<String> {
        let mut w = csv::Writer::from_writer(Vec::new());
        let csv_err = |e: csv::Error| Error::invalid("journey map csv", e.to_string());
        w.write_record([
            "stage",
            "entered",
            "moved_on",
            "dropped",
            "still_there",
            "reentered",
            "conversion",
            "drop_rate",
            "dwell_median_seconds",
            "dwell_p90_seconds",
            "touchpoints",
            "touchpoints_per_journey",
            "top_channel",
            "mean_sentiment",
            "sentiment_count",
            "top_unmet_need",
            "pain",
        ])
        .map_err(csv_err)?;
        for r in self.rows() {
            w.write_record([
                csv_text(r.stage.as_str()),
                r.entered.to_string(),
                r.moved_on.to_string(),
                r.dropped.to_string(),
                r.still_there.to_string(),
                r.reentered.to_string(),
                opt_num(r.conversion),
                opt_num(r.drop_rate),
                opt_num(r.dwell_median_seconds),
                opt_num(r.dwell_p90_seconds),
                r.touchpoints.to_string(),
                opt_num(r.touchpoints_per_journey),
                csv_text(r.top_channel.map_or("", Channel::as_str)),
                opt_num(r.mean_sentiment),
                r.sentiment_count.to_string(),
                csv_text(r.top_unmet_need.map_or("", Need::as_str)),
                csv_text(&r.pain),
            ])
            .map_err(csv_err)?;
        }
        let bytes = w
            .into_inner()
            .map_err(|e| Error::invalid("journey map csv", e.to_string()))?;
        String::from_utf8(bytes).map_err(|e| Error::invalid("journey map csv", e.to_string()))
    }

    /// The map as JSON text.
    pub fn to_json(&self) -> Result<String> {
        serde_json::to_string(self).map_err(|e| Error::json("journey map", &e))
    }

    /// The journey-map picture as SVG, titled "Patient journey map".
    pub fn to_svg(&self) -> String {
        self.to_svg_titled("Patient journey map")
    }

    /// The journey-map picture as SVG with the caller's title (escaped).
    ///
    /// Stages are columns; lanes from top to bottom: the funnel (journeys entered, with
    /// drop-outs in red), conversion and dwell, the sentiment curve on −2…+2, one lane
    /// per channel used (dot area ∝ touchpoints per journey), the top unmet need. Pain
    /// points are framed in red with their reasons.
    pub fn to_svg_titled(&self, title: &str) -> String {
        const LEFT: f64 = 150.0;
        const COL: f64 = 150.0;
        const TOP: f64 = 70.0;
        let channels: Vec<Channel> = Channel::ALL
            .iter()
            .copied()
            .filter(|ch| {
                self.stages
                    .iter()
                    .any(|s| s.by_channel.iter().any(|c| c.channel == *ch))
            })
            .collect();
        let funnel_y = TOP + 58.0;
        let funnel_h = 110.0;
        let dwell_y = funnel_y + funnel_h + 10.0;
        let sent_y = dwell_y + 50.0;
        let sent_h = 120.0;
        let chan_y = sent_y + sent_h + 20.0;
        let lane = 26.0;
        let needs_y = chan_y + lane * channels.len() as f64 + 10.0;
        let frame_bottom = needs_y + 32.0;
        let height = frame_bottom + 30.0;
        let width = LEFT + COL * self.stages.len() as f64 + 20.0;
        let cx = |i: usize| LEFT + COL * i as f64 + COL / 2.0;

        let mut o = String::with_capacity(16 * 1024);
        let _ = write!(
            o,
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0}" height="{height:.0}" viewBox="0 0 {width:.0} {height:.0}" font-family="Helvetica, Arial, sans-serif" font-size="12">"#
        );
        let _ = write!(
            o,
            r##"<title>{}</title><rect width="100%" height="100%" fill="#ffffff"/>"##,
            xml_escape(title)
        );
        let _ = write!(
            o,
            r##"<text x="16" y="28" font-size="18" font-weight="bold" fill="#1f2d3d">{}</text>"##,
            xml_escape(title)
        );
        let _ = write!(
            o,
            r##"<text x="16" y="48" fill="#555">{} journeys · {} touchpoints · {} completed · {} abandoned · {} on hold · {} active</text>"##,
            self.journeys,
            self.touchpoints,
            self.statuses.completed,
            self.statuses.abandoned,
            self.statuses.on_hold,
            self.statuses.active
        );
        // Lane labels.
        for (y, label) in [
            (funnel_y + funnel_h / 2.0, "Journeys"),
            (dwell_y + 20.0, "Conversion · dwell"),
            (sent_y + sent_h / 2.0, "Sentiment (−2…+2)"),
            (needs_y + 20.0, "Top unmet need"),
        ] {
            let _ = write!(
                o,
                r##"<text x="16" y="{y:.1}" font-weight="bold" fill="#1f2d3d">{}</text>"##,
                xml_escape(label)
            );
        }
        let max_entered = self
            .stages
            .iter()
            .map(|s| s.entered)
            .max()
            .unwrap_or(0)
            .max(1);
        for (i, s) in self.stages.iter().enumerate() {
            let x0 = LEFT + COL * i as f64;
            let fill = if i % 2 == 0 { "#f5f7fa" } else { "#ffffff" };
            let _ = write!(
                o,
                r#"<rect x="{x0:.1}" y="{TOP:.1}" width="{COL:.1}" height="{:.1}" fill="{fill}"/>"#,
                frame_bottom - TOP
            );
            let _ = write!(
                o,
                r##"<text x="{:.1}" y="{:.1}" text-anchor="middle" font-weight="bold" font-size="13" fill="#1f2d3d">{}</text>"##,
                cx(i),
                TOP + 20.0,
                xml_escape(s.stage.title())
            );
            // Funnel bar: entered, with the dropped share on top in red.
            let bar_w = 70.0;
            let h = funnel_h * s.entered as f64 / max_entered as f64;
            let drop_h = funnel_h * s.dropped as f64 / max_entered as f64;
            let base = funnel_y + funnel_h;
            let _ = write!(
                o,
                r##"<rect x="{:.1}" y="{:.1}" width="{bar_w:.1}" height="{h:.1}" fill="#4a90d9"><title>{} entered, {} moved on, {} dropped, {} still there</title></rect>"##,
                cx(i) - bar_w / 2.0,
                base - h,
                s.entered,
                s.moved_on,
                s.dropped,
                s.still_there
            );
            if s.dropped > 0 {
                let _ = write!(
                    o,
                    r##"<rect x="{:.1}" y="{:.1}" width="{bar_w:.1}" height="{drop_h:.1}" fill="#d9534f"/>"##,
                    cx(i) - bar_w / 2.0,
                    base - h
                );
            }
            let _ = write!(
                o,
                r##"<text x="{:.1}" y="{:.1}" text-anchor="middle" fill="#1f2d3d">{} in · {} out</text>"##,
                cx(i),
                (base - h - 4.0).max(funnel_y - 2.0),
                s.entered,
                s.dropped
            );
            let dwell = match (s.dwell.median_seconds, s.dwell.p90_seconds) {
                (Some(m), Some(p)) => format!("{} (p90 {})", days(m), days(p)),
                _ => "no dwell yet".to_string(),
            };
            let _ = write!(
                o,
                r##"<text x="{:.1}" y="{:.1}" text-anchor="middle" fill="#333">→ {}</text><text x="{:.1}" y="{:.1}" text-anchor="middle" fill="#555">{}</text>"##,
                cx(i),
                dwell_y + 14.0,
                percent(s.conversion),
                cx(i),
                dwell_y + 32.0,
                xml_escape(&dwell)
            );
            let need = s.unmet_needs.first().map_or_else(
                || "–".to_string(),
                |n| format!("{} ({}×)", n.need.as_str().replace('_', " "), n.unmet),
            );
            let _ = write!(
                o,
                r##"<text x="{:.1}" y="{:.1}" text-anchor="middle" fill="#555" font-size="11">{}</text>"##,
                cx(i),
                needs_y + 20.0,
                xml_escape(&need)
            );
        }
        // Sentiment curve: a zero line, guides at ±2, and the stage means joined up.
        let sy = |v: f64| sent_y + sent_h / 2.0 - v / 2.0 * (sent_h / 2.0 - 8.0);
        for (v, dash, label) in [(2.0, "2,3", "+2"), (0.0, "none", "0"), (-2.0, "2,3", "−2")] {
            let _ = write!(
                o,
                r##"<line x1="{LEFT:.1}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="#999" stroke-dasharray="{dash}"/><text x="{:.1}" y="{:.1}" text-anchor="end" fill="#999" font-size="10">{label}</text>"##,
                width - 20.0,
                LEFT - 4.0,
                sy(v) + 3.0,
                y = sy(v)
            );
        }
        let points: Vec<(f64, f64, f64)> = self
            .stages
            .iter()
            .enumerate()
            .filter_map(|(i, s)| s.sentiment.mean.map(|m| (cx(i), sy(m), m)))
            .collect();
        if points.len() > 1 {
            let path: Vec<String> = points
                .iter()
                .map(|(x, y, _)| format!("{x:.1},{y:.1}"))
                .collect();
            let _ = write!(
                o,
                r##"<polyline points="{}" fill="none" stroke="#2c7a4b" stroke-width="2.5"/>"##,
                path.join(" ")
            );
        }
        for (x, y, m) in &points {
            let color = if *m < 0.0 { "#d9534f" } else { "#2c7a4b" };
            let _ = write!(
                o,
                r##"<circle cx="{x:.1}" cy="{y:.1}" r="5" fill="{color}"/><text x="{x:.1}" y="{:.1}" text-anchor="middle" fill="{color}" font-size="11">{m:+.2}</text>"##,
                y - 9.0
            );
        }
        // Channel lanes.
        let max_per = self
            .stages
            .iter()
            .flat_map(|s| s.by_channel.iter().map(|c| c.per_journey))
            .fold(0.0f64, f64::max);
        for (k, ch) in channels.iter().enumerate() {
            let y = chan_y + lane * k as f64 + lane / 2.0;
            let _ = write!(
                o,
                r##"<text x="16" y="{:.1}" fill="#1f2d3d">{}</text><line x1="{LEFT:.1}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="#e1e5ea"/>"##,
                y + 4.0,
                xml_escape(&ch.as_str().replace('_', " ")),
                width - 20.0
            );
            for (i, s) in self.stages.iter().enumerate() {
                if let Some(c) = s.by_channel.iter().find(|c| c.channel == *ch) {
                    let r = if max_per > 0.0 {
                        2.0 + 9.0 * (c.per_journey / max_per).sqrt()
                    } else {
                        2.0
                    };
                    let _ = write!(
                        o,
                        r##"<circle cx="{:.1}" cy="{y:.1}" r="{r:.1}" fill="#8e6bbf" fill-opacity="0.8"><title>{} {}: {} touchpoints, {:.2} per journey</title></circle>"##,
                        cx(i),
                        xml_escape(s.stage.as_str()),
                        xml_escape(ch.as_str()),
                        c.count,
                        c.per_journey
                    );
                }
            }
        }
        // Pain points: a red frame around the stage column and the reasons under the title.
        for p in &self.pain_points {
            let i = usize::from(p.stage.code());
            let x0 = LEFT + COL * i as f64;
            let reasons: Vec<&str> = p.reasons.iter().map(|r| r.label()).collect();
            let _ = write!(
                o,
                r##"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="none" stroke="#d9534f" stroke-width="3" rx="6"/><text x="{:.1}" y="{:.1}" text-anchor="middle" fill="#d9534f" font-weight="bold" font-size="11">⚠ {}</text>"##,
                x0 + 2.0,
                TOP + 2.0,
                COL - 4.0,
                frame_bottom - TOP - 4.0,
                cx(i),
                TOP + 34.0,
                xml_escape(&reasons.join(", "))
            );
        }
        let _ = write!(
            o,
            r##"<text x="16" y="{:.1}" fill="#777" font-size="11">Blue: journeys that entered; red: dropped out there. Red frames mark pain points. Dwell is the median (and p90) time per stage visit.</text>"##,
            height - 16.0
        );
        o.push_str("</svg>");
        o
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(feature = "csv")]
    fn csv_text_cells_that_look_like_formulas_are_defused() {
        assert_eq!(csv_text("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(csv_text("-2+3"), "'-2+3");
        assert_eq!(csv_text("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_text("preparation"), "preparation");
    }

    #[test]
    fn xml_escape_neutralises_markup_and_control_characters() {
        assert_eq!(
            xml_escape("<a href='x'>&\"\u{1}"),
            "&lt;a href=&apos;x&apos;&gt;&amp;&quot; "
        );
    }
}
