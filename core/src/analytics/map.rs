//! The journey map's output: per-stage summaries, funnel, pain points, flat rows, and the
//! thresholds of the pain-point rules.

use serde::{Deserialize, Serialize};

use super::durations::QuantileMode;
use crate::error::{Error, Result};
use crate::journey::{check_sentiment, Channel, Need, Stage, TouchpointKind};
use crate::named::named_enum;
use crate::options::strict_options;

/// Thresholds of the pain-point rules (see the module docs). JSON: camelCase, all optional.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase", default, remote = "Self")]
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

strict_options!(MapOptions);

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

named_enum! {
    /// Why a stage is a pain point.
    pub enum PainReason in "pain_reason" {
        /// Mean sentiment below the threshold.
        LowSentiment => "low_sentiment",
        /// A long tail of slow journeys: p90 dwell far above the median.
        LongDwell => "long_dwell",
        /// Many journeys abandoned there.
        HighDropOut => "high_drop_out",
    }
}

impl PainReason {
    pub(super) fn label(self) -> &'static str {
        match self {
            PainReason::LowSentiment => "low sentiment",
            PainReason::LongDwell => "long waits",
            PainReason::HighDropOut => "drop-outs",
        }
    }
}

/// Count, nearest-rank median and p90, and mean of a set of durations in seconds.
///
/// The median and p90 are exact or within 1 % as the map's `quantiles` says; the count
/// and mean are exact either way.
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
    pub(super) fn of(samples: &[i64]) -> DurationStats {
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
/// "quantiles": "exact" | "sketch", "unmetNeeds": [NeedCount], "painPoints": [PainPoint]}`.
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
    /// How every median and p90 of the map was computed: `exact` (the nearest-rank values
    /// themselves) or `sketch` (each within 1 % of the true value; see
    /// [`QuantileMode`]). Counts, rates, means and sentiment are exact either way.
    pub quantiles: QuantileMode,
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

    /// The map as JSON text.
    pub fn to_json(&self) -> Result<String> {
        serde_json::to_string(self).map_err(|e| Error::json("journey map", &e))
    }
}
