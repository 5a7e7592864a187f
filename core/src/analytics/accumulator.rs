//! The mergeable accumulator behind the journey map: one pass per table of the columns,
//! integer counts that merge exactly, and the finish that turns them into the map.

use serde::{Deserialize, Serialize};

use super::columns::{JourneyColumns, JourneyTable, NO_TIME};
use super::map::{
    ChannelCount, DurationStats, FunnelStep, JourneyMap, KindCount, MapOptions, NeedCount,
    PainPoint, PainReason, SentimentStats, StageSummary, StatusCounts,
};
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
struct Visited {
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
    fn new(n: usize) -> Result<Visited> {
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

    /// The accumulator of one batch of columns: one pass per table, each checking its
    /// own rows. On error nothing is kept.
    pub(super) fn from_columns(c: &JourneyColumns<'_>) -> Result<MapAccumulator> {
        c.check_lengths()?;
        let mut acc = MapAccumulator::default();
        acc.count_statuses(c.status)?;
        let visited = acc.add_visits(c)?;
        acc.attribute_journeys(c.status, &visited)?;
        acc.add_touchpoints(c, &visited)?;
        acc.add_needs(c, &visited)?;
        Ok(acc)
    }

    /// Journeys table: how many journeys, and per status.
    fn count_statuses(&mut self, status: &[u8]) -> Result<()> {
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
    /// each, and the dwell of every closed visit.
    fn add_visits(&mut self, c: &JourneyColumns<'_>) -> Result<Visited> {
        let mut v = Visited::new(c.status.len())?;
        let visits = c
            .visit_journey
            .iter()
            .zip(c.visit_stage)
            .zip(c.visit_entered.iter().zip(c.visit_left));
        for (row, ((&j, &s), (&entered, &left))) in visits.enumerate() {
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
                    samples.push(d);
                }
            }
        }
        Ok(v)
    }

    /// Per journey: entered, re-entered, and moved on / dropped / still there at its
    /// furthest stage; awareness → treatment time.
    fn attribute_journeys(&mut self, status: &[u8], v: &Visited) -> Result<()> {
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
                self.to_treatment.push(d);
            }
        }
        Ok(())
    }

    /// Touchpoints table: per stage by channel and kind, and the sentiment sums.
    fn add_touchpoints(&mut self, c: &JourneyColumns<'_>, v: &Visited) -> Result<()> {
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
            if !sentiment.is_nan() {
                if !(SENTIMENT_RANGE.0..=SENTIMENT_RANGE.1).contains(&sentiment) {
                    // The field name is only formatted on the error path: no per-row allocation.
                    check_sentiment(sentiment, &format!("touch_sentiment[{row}]"))?;
                }
                // Thousandths make the sum an integer, so any merge order gives the same mean.
                self.sentiment_milli[s] += (sentiment * MILLI).round() as i64;
                self.sentiment_count[s] += 1;
            }
        }
        Ok(())
    }

    /// Needs table: per stage and need, how often recorded and how often unmet.
    fn add_needs(&mut self, c: &JourneyColumns<'_>, v: &Visited) -> Result<()> {
        let needs = c
            .need_journey
            .iter()
            .zip(c.need_stage)
            .zip(c.need_code.iter().zip(c.need_met));
        for (row, ((&j, &s), (&need, &met))) in needs.enumerate() {
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
