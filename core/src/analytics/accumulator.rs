//! The mergeable accumulator behind the journey map: one pass per table of the columns,
//! integer counts that merge exactly, dwell durations kept exactly or sketched, and the
//! finish that turns them into the map.

use serde::{Deserialize, Serialize};

use super::columns::{JourneyColumns, JourneyTable, NO_TIME};
use super::durations::{Durations, QuantileMode};
use super::map::{
    ChannelCount, FunnelStep, JourneyMap, KindCount, MapOptions, NeedCount, PainPoint, PainReason,
    SentimentStats, StageSummary, StatusCounts,
};
use crate::dates::{check_epoch_seconds, EPOCH_SECONDS as SECONDS};
use crate::error::{Error, Result};
use crate::journey::{
    check_sentiment, Channel, Journey, Need, Stage, Status, TouchpointKind, SENTIMENT_RANGE,
};

const STAGES: usize = Stage::COUNT;
const CHANNELS: usize = Channel::COUNT;
const KINDS: usize = TouchpointKind::COUNT;
const NEEDS: usize = Need::COUNT;
const STATUSES: usize = Status::COUNT;
const MILLI: f64 = 1000.0;

/// A sentiment (−2…+2) in thousandths, rounded half away from zero as `f64::round` does,
/// without the libm call that compiles to on baseline x86-64: below 2⁵² in magnitude the
/// truncation and the remainder it leaves are exact.
#[inline(always)]
fn milli(sentiment: f64) -> i64 {
    let x = sentiment * MILLI;
    let t = x as i64;
    let rest = x - t as f64;
    t + i64::from(rest >= 0.5) - i64::from(rest <= -0.5)
}

/// The mergeable state behind a [`JourneyMap`]: integer counts plus the dwell durations,
/// kept as [`QuantileMode`] says.
///
/// - [`MapAccumulator::new`] (the default, for data at scale) sketches the durations:
///   its memory depends on the number of stages, channels, kinds and needs, never on
///   the number of events (at most about 80 KB of sketch counts however much is added,
///   see [`MapAccumulator::memory_bytes`]), and each dwell median and p90 is within 1 %
///   of the true nearest-rank value (see [`crate::analytics::sketch`]).
/// - [`MapAccumulator::exact`] keeps every dwell sample (memory grows by 8 bytes per
///   closed stage visit) and gives the nearest-rank values themselves.
///
/// Counts, sentiment sums and duration means are exact in both modes. Merging is
/// associative and commutative: any order or grouping gives an equal accumulator. Merging
/// an exact accumulator with a sketched one gives a sketched one. It travels between
/// workers as JSON (camelCase, [`MapAccumulator::to_json`]) or as a compact versioned
/// binary form ([`MapAccumulator::to_bytes`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object, rename = "MapAccumulatorState")
)]
#[serde(rename_all = "camelCase")]
pub struct MapAccumulator {
    pub(super) journeys: u64,
    pub(super) statuses: [u64; STATUSES],
    pub(super) entered: [u64; STAGES],
    pub(super) moved_on: [u64; STAGES],
    pub(super) dropped: [u64; STAGES],
    pub(super) still_there: [u64; STAGES],
    pub(super) reentered: [u64; STAGES],
    pub(super) dwell: [Durations; STAGES],
    pub(super) touchpoints: [u64; STAGES],
    pub(super) by_channel: [[u64; CHANNELS]; STAGES],
    pub(super) by_kind: [[u64; KINDS]; STAGES],
    pub(super) sentiment_milli: [i64; STAGES],
    pub(super) sentiment_count: [u64; STAGES],
    pub(super) need_total: [[u64; NEEDS]; STAGES],
    pub(super) need_unmet: [[u64; NEEDS]; STAGES],
    pub(super) to_treatment: Durations,
}

impl Default for MapAccumulator {
    /// The bounded (sketching) accumulator, as [`MapAccumulator::new`].
    fn default() -> Self {
        MapAccumulator::with_quantiles(QuantileMode::default())
    }
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

fn bad_code(field: &str, row: usize, code: impl std::fmt::Display, count: usize) -> Error {
    Error::invalid(
        format!("{field}[{row}]"),
        format!("code {code} is not below {count}"),
    )
}

fn ratio(num: u64, den: u64) -> Option<f64> {
    (den > 0).then(|| num as f64 / den as f64)
}

/// What the visits pass learns per journey, for the passes after it.
pub(super) struct Visited {
    /// Journeys in the batch.
    n: usize,
    /// Per journey: the stages it visited, one bit each.
    seen: Vec<u8>,
    /// Per journey: the stages it visited more than once.
    again: Vec<u8>,
    /// Per journey and stage (row-major): its first entry, `i64::MAX` when never.
    first: Vec<i64>,
}

impl Visited {
    pub(super) fn new(n: usize) -> Result<Visited> {
        let cells = n
            .checked_mul(STAGES)
            .ok_or_else(|| Error::overflow("journey count"))?;
        Ok(Visited {
            n,
            seen: vec![0; n],
            again: vec![0; n],
            first: vec![i64::MAX; cells],
        })
    }

    /// The journey number of a row, checked against the journeys table.
    fn journey(&self, field: &str, row: usize, j: u32) -> Result<usize> {
        let j = j as usize;
        if j < self.n {
            Ok(j)
        } else {
            Err(Error::invalid(
                format!("{field}[{row}]"),
                format!(
                    "journey number {j} is not below the {} journeys in status",
                    self.n
                ),
            ))
        }
    }
}

impl MapAccumulator {
    /// An empty accumulator with bounded memory: dwell quantiles from a sketch, within
    /// 1 % of the true values ([`QuantileMode::Sketch`]).
    pub fn new() -> MapAccumulator {
        MapAccumulator::default()
    }

    /// An empty accumulator that keeps every dwell sample ([`QuantileMode::Exact`]): exact
    /// quantiles, memory growing with the data. For small data.
    pub fn exact() -> MapAccumulator {
        MapAccumulator::with_quantiles(QuantileMode::Exact)
    }

    /// An empty accumulator whose dwell quantiles are computed as `mode` says.
    pub fn with_quantiles(mode: QuantileMode) -> MapAccumulator {
        MapAccumulator {
            journeys: 0,
            statuses: [0; STATUSES],
            entered: [0; STAGES],
            moved_on: [0; STAGES],
            dropped: [0; STAGES],
            still_there: [0; STAGES],
            reentered: [0; STAGES],
            dwell: std::array::from_fn(|_| Durations::empty(mode)),
            touchpoints: [0; STAGES],
            by_channel: [[0; CHANNELS]; STAGES],
            by_kind: [[0; KINDS]; STAGES],
            sentiment_milli: [0; STAGES],
            sentiment_count: [0; STAGES],
            need_total: [[0; NEEDS]; STAGES],
            need_unmet: [[0; NEEDS]; STAGES],
            to_treatment: Durations::empty(mode),
        }
    }

    /// How this accumulator computes dwell quantiles (sketched as soon as any part merged
    /// into it was).
    pub fn quantiles(&self) -> QuantileMode {
        self.to_treatment.mode()
    }

    /// Bytes this accumulator holds, inline and on the heap. Sketched, it stays below
    /// 100 KB however many events were added; exact, it grows by 8 bytes per dwell sample.
    pub fn memory_bytes(&self) -> usize {
        std::mem::size_of::<Self>()
            + self.to_treatment.heap_bytes()
            + self.dwell.iter().map(Durations::heap_bytes).sum::<usize>()
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
        let batch = MapAccumulator::from_columns(c, self.quantiles())?;
        self.merge(&batch)
    }

    /// Everything but the durations: what a merge checks before it moves samples.
    fn counts(&self) -> MapAccumulator {
        let mode = self.quantiles();
        MapAccumulator {
            journeys: self.journeys,
            statuses: self.statuses,
            entered: self.entered,
            moved_on: self.moved_on,
            dropped: self.dropped,
            still_there: self.still_there,
            reentered: self.reentered,
            dwell: std::array::from_fn(|_| Durations::empty(mode)),
            touchpoints: self.touchpoints,
            by_channel: self.by_channel,
            by_kind: self.by_kind,
            sentiment_milli: self.sentiment_milli,
            sentiment_count: self.sentiment_count,
            need_total: self.need_total,
            need_unmet: self.need_unmet,
            to_treatment: Durations::empty(mode),
        }
    }

    /// Adds another accumulator's journeys (built from other journeys) to this one. On
    /// error (a count that overflows) nothing is added. Costs the size of `other`, not of
    /// `self` (exact samples are appended; sketches add their fixed-size counts), so
    /// merging many batches one by one stays linear. Sketched if either side is.
    pub fn merge(&mut self, other: &MapAccumulator) -> Result<()> {
        let mut next = self.counts();
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
        }
        // Every duration set is checked (a sketch's count may overflow) before any moves;
        // only a change of mode (exact with sketched) builds a copy.
        let mine = self.dwell.iter().chain([&self.to_treatment]);
        let theirs = other.dwell.iter().chain([&other.to_treatment]);
        let mut copies = Vec::with_capacity(STAGES + 1);
        for (m, t) in mine.zip(theirs) {
            copies.push(m.prepare_merge(t, "dwell")?);
        }
        next.dwell = std::mem::replace(&mut self.dwell, next.dwell);
        next.to_treatment = std::mem::replace(&mut self.to_treatment, next.to_treatment);
        let mine = next.dwell.iter_mut().chain([&mut next.to_treatment]);
        let theirs = other.dwell.iter().chain([&other.to_treatment]);
        for ((m, t), copy) in mine.zip(theirs).zip(copies) {
            match copy {
                Some(c) => *m = c,
                None => m.merge(t, "dwell")?,
            }
        }
        *self = next;
        Ok(())
    }

    /// Checks the identities every accumulator built from journeys satisfies, so one
    /// read from JSON (another worker's, or a damaged file) cannot make `finish` report
    /// impossible figures: statuses add up to the journeys; per stage, entered is moved
    /// on plus dropped plus still there and at most the journeys; re-entered at most entered;
    /// touchpoints = their channels = their kinds, ratings at most the touchpoints and
    /// their sum within ±2 each; unmet needs at most recorded ones; every duration within
    /// 0 s and the supported span, all kept in one mode; awareness-to-treatment durations
    /// at most one per journey.
    pub fn validate(&self) -> Result<()> {
        let bad = |what: String| Error::invalid("journey-map accumulator", what);
        let sum = |xs: &[u64]| xs.iter().try_fold(0u64, |a, &b| a.checked_add(b));
        if sum(&self.statuses) != Some(self.journeys) {
            return Err(bad(format!(
                "statuses {:?} do not add up to {} journeys",
                self.statuses, self.journeys
            )));
        }
        for (s, stage) in Stage::ALL.iter().enumerate() {
            let entered = self.entered[s];
            let parts = sum(&[self.moved_on[s], self.dropped[s], self.still_there[s]]);
            if parts != Some(entered) || entered > self.journeys || self.reentered[s] > entered {
                return Err(bad(format!(
                    "{stage}: entered {entered}, moved on {}, dropped {}, still there {}, re-entered {} of {} journeys do not fit together",
                    self.moved_on[s], self.dropped[s], self.still_there[s], self.reentered[s], self.journeys
                )));
            }
            let touches = self.touchpoints[s];
            if sum(&self.by_channel[s]) != Some(touches) || sum(&self.by_kind[s]) != Some(touches) {
                return Err(bad(format!(
                    "{stage}: {touches} touchpoints but other counts by channel or kind"
                )));
            }
            let rated = self.sentiment_count[s];
            let most = i128::from(rated) * 2000;
            if rated > touches || i128::from(self.sentiment_milli[s]).abs() > most {
                return Err(bad(format!(
                    "{stage}: {rated} ratings summing to {} thousandths do not fit {touches} touchpoints on -2..2",
                    self.sentiment_milli[s]
                )));
            }
            if self.need_unmet[s]
                .iter()
                .zip(&self.need_total[s])
                .any(|(u, t)| u > t)
            {
                return Err(bad(format!("{stage}: more unmet needs than recorded ones")));
            }
            self.dwell[s].validate(&format!("{stage} dwell"))?;
            if self.dwell[s].mode() != self.quantiles() {
                return Err(bad(format!(
                    "{stage}: dwell kept {}, awareness to treatment {}",
                    self.dwell[s].mode(),
                    self.quantiles()
                )));
            }
        }
        self.to_treatment.validate("awareness to treatment")?;
        if self.to_treatment.count() > self.journeys {
            return Err(bad(
                "awareness-to-treatment durations do not fit the journeys".into(),
            ));
        }
        Ok(())
    }

    /// The accumulator as JSON text (to ship a partial map between workers).
    pub fn to_json(&self) -> Result<String> {
        serde_json::to_string(self).map_err(|e| Error::json("journey-map accumulator", &e))
    }

    /// Reads an accumulator written by [`MapAccumulator::to_json`] and checks it with
    /// [`MapAccumulator::validate`].
    pub fn from_json(text: &str) -> Result<MapAccumulator> {
        let acc: MapAccumulator =
            crate::json::from_str(text).map_err(|e| Error::json("journey-map accumulator", &e))?;
        acc.validate()?;
        Ok(acc)
    }

    /// The accumulator of one batch of columns: one pass per table, each checking its
    /// own rows. On error nothing is kept.
    pub(super) fn from_columns(
        c: &JourneyColumns<'_>,
        mode: QuantileMode,
    ) -> Result<MapAccumulator> {
        c.check_lengths()?;
        let mut acc = MapAccumulator::with_quantiles(mode);
        acc.count_statuses(c.status)?;
        let mut visited = Visited::new(c.status.len())?;
        acc.add_visits(c, &mut visited, 0)?;
        acc.attribute_journeys(c.status, &visited)?;
        acc.add_touchpoints(c, &visited, 0)?;
        acc.add_needs(c, &visited, 0)?;
        Ok(acc)
    }

    /// Journeys table: how many journeys, and per status.
    pub(super) fn count_statuses(&mut self, status: &[u8]) -> Result<()> {
        self.journeys = status.len() as u64;
        for (row, &st) in status.iter().enumerate() {
            let slot = self
                .statuses
                .get_mut(usize::from(st))
                .ok_or_else(|| bad_code("status", row, st, STATUSES))?;
            *slot += 1;
        }
        Ok(())
    }

    /// Visits table: which stages each journey visited (and twice), its first entry into
    /// each, and the dwell of every closed visit. The rows are those of the visits table
    /// from `first_row` on (a table may be added in chunks; errors name the table's row).
    pub(super) fn add_visits(
        &mut self,
        c: &JourneyColumns<'_>,
        v: &mut Visited,
        first_row: usize,
    ) -> Result<()> {
        let visits = c
            .visit_journey
            .iter()
            .zip(c.visit_stage)
            .zip(c.visit_entered.iter().zip(c.visit_left));
        for (i, ((&j, &s), (&entered, &left))) in visits.enumerate() {
            let row = first_row + i;
            let j = v.journey("visit_journey", row, j)?;
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
            if !(SECONDS.0..=SECONDS.1).contains(&entered) {
                check_epoch_seconds(&format!("visit_entered[{row}]"), entered)?;
            }
            if left != NO_TIME && !(SECONDS.0..=SECONDS.1).contains(&left) {
                check_epoch_seconds(&format!("visit_left[{row}]"), left)?;
            }
            let bit = 1u8 << s;
            if let (Some(m), Some(a)) = (v.seen.get_mut(j), v.again.get_mut(j)) {
                if *m & bit != 0 {
                    *a |= bit;
                }
                *m |= bit;
            }
            if let Some(f) = v.first.get_mut(j * STAGES + s) {
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
                if let Some(samples) = self.dwell.get_mut(s) {
                    samples.push("visit_left", d)?;
                }
            }
        }
        Ok(())
    }

    /// Per journey: entered, re-entered, and moved on / dropped / still there at its
    /// furthest stage; awareness → treatment time.
    pub(super) fn attribute_journeys(&mut self, status: &[u8], v: &Visited) -> Result<()> {
        let journeys = v
            .seen
            .iter()
            .zip(&v.again)
            .zip(status)
            .zip(v.first.chunks_exact(STAGES));
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
                self.entered[s] += 1;
                if twice & (1 << s) != 0 {
                    self.reentered[s] += 1;
                }
                let bucket = if s < furthest {
                    &mut self.moved_on[s]
                } else {
                    match status {
                        Status::Completed => &mut self.moved_on[s],
                        Status::Abandoned => &mut self.dropped[s],
                        Status::Active | Status::OnHold => &mut self.still_there[s],
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
                self.to_treatment.push("treatment entry", d)?;
            }
        }
        Ok(())
    }

    /// Touchpoints table (its rows from `first_row` on): per stage by channel and kind,
    /// and the sentiment sums.
    pub(super) fn add_touchpoints(
        &mut self,
        c: &JourneyColumns<'_>,
        v: &Visited,
        first_row: usize,
    ) -> Result<()> {
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
        for (i, (((&j, &s), &at), ((&ch, &kind), &sentiment))) in touches.enumerate() {
            let row = first_row + i;
            let j = v.journey("touch_journey", row, j)?;
            let s = usize::from(s);
            let ch = usize::from(ch);
            let kind = usize::from(kind);
            if s >= STAGES {
                return Err(bad_code("touch_stage", row, s, STAGES));
            }
            let mask = v.seen.get(j).copied().unwrap_or(0);
            if mask & (1 << s) == 0 {
                return Err(Error::InvalidTouchpoint {
                    id: format!("row {row}"),
                    reason: format!(
                        "journey {j} has not reached {}",
                        Stage::from_code(s as u8).map_or("?", Stage::as_str)
                    ),
                });
            }
            if !(SECONDS.0..=SECONDS.1).contains(&at) {
                check_epoch_seconds(&format!("touch_at[{row}]"), at)?;
            }
            let entered = v.first.get(j * STAGES + s).copied().unwrap_or(i64::MIN);
            if at < entered {
                return Err(Error::TimeOrder {
                    field: format!("touch_at[{row}]"),
                    value: at.to_string(),
                    previous: entered.to_string(),
                });
            }
            let (Some(ch_slot), Some(kind_slot)) = (
                self.by_channel[s].get_mut(ch),
                self.by_kind[s].get_mut(kind),
            ) else {
                return Err(if ch >= CHANNELS {
                    bad_code("touch_channel", row, ch, CHANNELS)
                } else {
                    bad_code("touch_kind", row, kind, KINDS)
                });
            };
            *ch_slot += 1;
            *kind_slot += 1;
            self.touchpoints[s] += 1;
            let rated = !sentiment.is_nan();
            if rated && !(SENTIMENT_RANGE.0..=SENTIMENT_RANGE.1).contains(&sentiment) {
                // The field name is only formatted on the error path: no per-row allocation.
                check_sentiment(sentiment, &format!("touch_sentiment[{row}]"))?;
            }
            // Thousandths make the sum an integer, so any merge order gives the same mean.
            // Unrated rows add zero rather than branch: nulls are scattered, a branch on
            // them mispredicts.
            self.sentiment_milli[s] += if rated { milli(sentiment) } else { 0 };
            self.sentiment_count[s] += u64::from(rated);
        }
        Ok(())
    }

    /// Needs table (its rows from `first_row` on): per stage and need, how often recorded
    /// and how often unmet.
    pub(super) fn add_needs(
        &mut self,
        c: &JourneyColumns<'_>,
        v: &Visited,
        first_row: usize,
    ) -> Result<()> {
        let needs = c
            .need_journey
            .iter()
            .zip(c.need_stage)
            .zip(c.need_code.iter().zip(c.need_met));
        for (i, ((&j, &s), (&need, &met))) in needs.enumerate() {
            let row = first_row + i;
            v.journey("need_journey", row, j)?;
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
                self.need_total[s].get_mut(need),
                self.need_unmet[s].get_mut(need),
            ) else {
                return Err(bad_code("need_code", row, need, NEEDS));
            };
            *total += 1;
            if met == 0 {
                *unmet += 1;
            }
        }
        Ok(())
    }

    /// Turns the accumulated counts into the journey map (after [`MapAccumulator::validate`]).
    pub fn finish(&self, options: &MapOptions) -> Result<JourneyMap> {
        options.validate()?;
        self.validate()?;
        let mut stages = Vec::with_capacity(STAGES);
        let mut all_unmet = Vec::new();
        for (s, &stage) in Stage::ALL.iter().enumerate() {
            let entered = self.entered[s];
            let dwell = self.dwell[s].stats();
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
            crate::order::sort_by(&mut unmet_needs, |a, b| {
                b.unmet.cmp(&a.unmet).then(a.need.cmp(&b.need))
            });
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
        crate::order::sort_by(&mut all_unmet, |a, b| {
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
        crate::order::sort_by(&mut pain_points, |a, b| {
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
            awareness_to_treatment: self.to_treatment.stats(),
            quantiles: self.quantiles(),
            unmet_needs: all_unmet,
            pain_points,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn by_libm(sentiment: f64) -> i64 {
        (sentiment * MILLI).round() as i64
    }

    #[test]
    fn sentiment_thousandths_round_half_away_from_zero_like_f64_round() {
        // Every millionth of the range: exact halves of a thousandth among them.
        for i in -2_000_000..=2_000_000 {
            let s = f64::from(i) / 1e6;
            assert_eq!(milli(s), by_libm(s), "{s}");
        }
        for s in [0.0005_f64, -0.0005, 0.0015, -0.0015, 2.0, -2.0, 0.0, -0.0] {
            for t in [s, s.next_up(), s.next_down()] {
                assert_eq!(milli(t), by_libm(t), "{t}");
            }
        }
    }

    proptest! {
        #[test]
        fn sentiment_thousandths_equal_f64_round_anywhere_in_range(s in -2.0f64..=2.0) {
            prop_assert_eq!(milli(s), by_libm(s));
        }
    }
}
