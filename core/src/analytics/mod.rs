//! The journey map: many journeys turned into the per-stage picture facilitators use to
//! see where patients struggle — funnel, dwell, channels, sentiment, unmet needs and
//! pain points — as data, CSV rows and an SVG picture.
//!
//! # Entry points
//! - [`journey_map`] over [`Journey`] objects;
//! - [`journey_map_columns`] over plain columns ([`JourneyColumns`]): integer codes
//!   (see [`crate::journey`] for every code), `i64` epoch seconds and `f64` sentiment, so
//!   a Python or JS caller hands over numpy / typed arrays once per batch;
//! - [`journey_map_tables`] over the four journey tables as dataframes hold them
//!   (journey ids, names or codes, timestamps of any unit): see [`tables`] for the schema;
//! - [`MapAccumulator`] for partitioned data: build one per batch, [`MapAccumulator::merge`]
//!   them (in any order), then [`MapAccumulator::finish`]. Counts and sentiment sums are
//!   integers (sentiment is kept in thousandths), so the merged counts equal a single
//!   pass exactly. A journey must not be split across batches (partition by journey).
//!   Partial maps travel between processes as JSON or as a versioned binary form
//!   ([`MapAccumulator::to_bytes`], see [`bytes`] for the layout).
//!
//! # Exact or sketched quantiles
//! [`journey_map`] and [`journey_map_columns`] work on data already in memory and give
//! exact dwell quantiles ([`QuantileMode::Exact`]). [`MapAccumulator::new`], the
//! accumulator meant for data at scale, sketches them ([`QuantileMode::Sketch`], see
//! [`sketch`]): its memory is bounded by the number of stages, channels, kinds and needs,
//! and each median or p90 `x` it reports satisfies `|x − v| ≤ 0.01 · v` against the true
//! nearest-rank value `v` (exact below 100 s and at 0 s). [`MapAccumulator::exact`]
//! keeps every sample instead. Every [`JourneyMap`] says which in its `quantiles` field.
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

mod accumulator;
pub mod bytes;
mod columns;
#[cfg(feature = "csv")]
mod csv;
mod durations;
mod map;
pub mod partitions;
pub mod sketch;
mod svg;
pub mod tables;

pub use accumulator::MapAccumulator;
pub use columns::{
    ColumnData, ColumnSpec, Dtype, JourneyColumns, JourneyTable, Table, COLUMNS, NO_TIME,
};
pub use durations::{Durations, QuantileMode};
pub use map::{
    ChannelCount, DurationStats, FunnelStep, JourneyMap, KindCount, MapOptions, NeedCount,
    PainPoint, PainReason, SentimentStats, StageRow, StageSummary, StatusCounts,
};
pub use sketch::{DwellSketch, SketchForm};

use crate::error::Result;
use crate::journey::Journey;

/// The journey map of journey objects (each validated first), with exact quantiles.
pub fn journey_map(journeys: &[Journey], options: &MapOptions) -> Result<JourneyMap> {
    let mut acc = MapAccumulator::exact();
    acc.add_journeys(journeys)?;
    acc.finish(options)
}

/// The journey map of one batch of columns, with exact quantiles: the fast path for
/// large volumes held in memory.
pub fn journey_map_columns(
    columns: &JourneyColumns<'_>,
    options: &MapOptions,
) -> Result<JourneyMap> {
    MapAccumulator::from_columns(columns, QuantileMode::Exact)?.finish(options)
}

/// The journey map of the four journey tables (see [`tables`] for their schema).
pub fn journey_map_tables(tables: &tables::Tables<'_>, options: &MapOptions) -> Result<JourneyMap> {
    tables::accumulate_tables(tables, QuantileMode::Exact)?.finish(options)
}
