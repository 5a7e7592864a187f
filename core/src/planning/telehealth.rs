//! Telehealth times: when two parties in different time zones are both working.
//!
//! Each party has daily hours on its own clock and its own working days (by default the
//! weekend of its country from the shipped table, else Monday to Friday). For every local
//! date in the search window, each party's hours become an interval of instants in its
//! own zone, so a daylight-saving change on either side moves that day's interval and no
//! other; the two interval lists are intersected, clipped to `[start, end)`, and cut into
//! calls of `minutes`, starting when both are available and then every `stepMinutes`.
//!
//! A working hour that does not exist on a spring-forward day starts when the clock
//! resumes; one that occurs twice on a fall-back day is taken at its first occurrence.
//!
//! Limits (documented, coded errors): the window is at most [`MAX_WINDOW_DAYS`] days, a
//! call between 1 and 720 minutes, the step between 5 and 720 minutes, and the answer
//! holds the first `limit` slots (1 to [`MAX_SLOTS`], default 20), so the cost is
//! bounded by the window and the limit, never by the input's numbers.
//!
//! JSON of the options (every field optional):
//! `{"hoursA": {"start": "09:00", "end": "17:00"}, "hoursB": {...}, "daysA": ["monday", ...],
//!   "daysB": [...], "countryA": "GB", "countryB": "SA", "stepMinutes": 30, "limit": 20}`;
//! of a slot: `{"start": "2027-03-01T09:00:00Z", "end": "2027-03-01T09:30:00Z",
//!   "startA": "2027-03-01T09:00:00+00:00", "endA": ..., "startB": "2027-03-01T16:00:00+07:00", "endB": ...}`.

use crate::zone::Tz;
use chrono::{DateTime, Duration, FixedOffset, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::week::{day_mask, has_day, working_week, DayOfWeek, WorkingHours};
use crate::error::{Error, Result};
use crate::itinerary::model::{local_instant_forward, zone};
use crate::options::strict_options;

/// The longest search window, in days.
pub const MAX_WINDOW_DAYS: i64 = 400;
/// The most slots one call returns.
pub const MAX_SLOTS: usize = 1000;

/// Who works when, for [`telehealth_slots`]; `Default` is 09:00–17:00 on Monday to Friday
/// for both, a 30-minute step and the first 20 slots.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase", default, remote = "Self")]
pub struct TelehealthOptions {
    /// Party A's daily hours on A's clock.
    pub hours_a: WorkingHours,
    /// Party B's daily hours on B's clock.
    pub hours_b: WorkingHours,
    /// A's working days; when absent, the working week of `countryA`, else Monday–Friday.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub days_a: Option<Vec<DayOfWeek>>,
    /// B's working days; when absent, the working week of `countryB`, else Monday–Friday.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub days_b: Option<Vec<DayOfWeek>>,
    /// ISO alpha-2 country of A, whose weekend gives A's days when `daysA` is absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country_a: Option<String>,
    /// ISO alpha-2 country of B, whose weekend gives B's days when `daysB` is absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country_b: Option<String>,
    /// Minutes between the starts of consecutive slots (5 to 720).
    pub step_minutes: u32,
    /// How many slots to return at most, earliest first (1 to 1000).
    pub limit: usize,
}

strict_options!(TelehealthOptions);

impl Default for TelehealthOptions {
    fn default() -> Self {
        TelehealthOptions {
            hours_a: WorkingHours::default(),
            hours_b: WorkingHours::default(),
            days_a: None,
            days_b: None,
            country_a: None,
            country_b: None,
            step_minutes: 30,
            limit: 20,
        }
    }
}

/// One call both parties can take: its instants, and the same times on each party's clock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct TelehealthSlot {
    /// When the call starts.
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub start: DateTime<Utc>,
    /// When it ends.
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub end: DateTime<Utc>,
    /// The start on A's clock (RFC 3339 with A's offset that day).
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub start_a: DateTime<FixedOffset>,
    /// The end on A's clock.
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub end_a: DateTime<FixedOffset>,
    /// The start on B's clock.
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub start_b: DateTime<FixedOffset>,
    /// The end on B's clock.
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub end_b: DateTime<FixedOffset>,
}

/// The calls of `minutes` between `start` and `end` that fall inside both parties' working
/// hours and days, earliest first, at most `options.limit` of them.
///
/// `zone_a` and `zone_b` are IANA zones (`unknown_time_zone`); a window longer than
/// [`MAX_WINDOW_DAYS`], `end` before `start`, minutes, step or limit out of range,
/// hours that do not end after they start, or an empty list of days are `invalid_input`.
pub fn telehealth_slots(
    zone_a: &str,
    zone_b: &str,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    minutes: u32,
    options: &TelehealthOptions,
) -> Result<Vec<TelehealthSlot>> {
    let tz_a = zone(zone_a, "zoneA")?;
    let tz_b = zone(zone_b, "zoneB")?;
    if end < start {
        return Err(Error::invalid(
            "end",
            format!(
                "{} is before start {}",
                end.to_rfc3339(),
                start.to_rfc3339()
            ),
        ));
    }
    if (end - start).num_days() > MAX_WINDOW_DAYS {
        return Err(Error::invalid(
            "end",
            format!("the window is longer than {MAX_WINDOW_DAYS} days; search in parts"),
        ));
    }
    if !(1..=720).contains(&minutes) {
        return Err(Error::invalid(
            "minutes",
            format!("{minutes} is not between 1 and 720"),
        ));
    }
    if !(5..=720).contains(&options.step_minutes) {
        return Err(Error::invalid(
            "stepMinutes",
            format!("{} is not between 5 and 720", options.step_minutes),
        ));
    }
    if !(1..=MAX_SLOTS).contains(&options.limit) {
        return Err(Error::invalid(
            "limit",
            format!("{} is not between 1 and {MAX_SLOTS}", options.limit),
        ));
    }
    options.hours_a.validate("hoursA")?;
    options.hours_b.validate("hoursB")?;
    let days_a = days(&options.days_a, options.country_a.as_deref(), "daysA")?;
    let days_b = days(&options.days_b, options.country_b.as_deref(), "daysB")?;
    let a = windows(tz_a, options.hours_a, &days_a, start, end);
    let b = windows(tz_b, options.hours_b, &days_b, start, end);
    let length = Duration::minutes(i64::from(minutes));
    let step = Duration::minutes(i64::from(options.step_minutes));
    let mut out = Vec::new();
    let (mut i, mut j) = (0usize, 0usize);
    while let (Some(&(a0, a1)), Some(&(b0, b1))) = (a.get(i), b.get(j)) {
        let from = a0.max(b0).max(start);
        let to = a1.min(b1).min(end);
        let mut t = from;
        while out.len() < options.limit {
            let Some(t_end) = t.checked_add_signed(length) else {
                break;
            };
            if t_end > to {
                break;
            }
            out.push(TelehealthSlot {
                start: t,
                end: t_end,
                start_a: t.with_timezone(&tz_a).fixed_offset(),
                end_a: t_end.with_timezone(&tz_a).fixed_offset(),
                start_b: t.with_timezone(&tz_b).fixed_offset(),
                end_b: t_end.with_timezone(&tz_b).fixed_offset(),
            });
            match t.checked_add_signed(step) {
                Some(next) => t = next,
                None => break,
            }
        }
        if out.len() >= options.limit {
            break;
        }
        if a1 <= b1 {
            i += 1;
        } else {
            j += 1;
        }
    }
    Ok(out)
}

/// A party's working days as flags: given, or its country's week, or Monday to Friday.
fn days(given: &Option<Vec<DayOfWeek>>, country: Option<&str>, field: &str) -> Result<[bool; 7]> {
    let list = match (given, country) {
        (Some(d), _) => {
            if d.is_empty() {
                return Err(Error::invalid(field, "lists no working day"));
            }
            d.clone()
        }
        (None, Some(c)) => working_week(c)?.working_days(),
        (None, None) => DayOfWeek::ALL.into_iter().take(5).collect(),
    };
    Ok(day_mask(&list))
}

/// One party's working intervals that can meet `[start, end)`, in time order.
///
/// Local dates run from the day before `start` to the day after `end` on the party's
/// clock, so no interval is missed whatever the offset; the window's bound keeps this to
/// at most `MAX_WINDOW_DAYS + 3` days.
fn windows(
    tz: Tz,
    hours: WorkingHours,
    days: &[bool; 7],
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
    let first = start.with_timezone(&tz).date_naive();
    let last = end.with_timezone(&tz).date_naive();
    let first = first.pred_opt().unwrap_or(first);
    let last = last.succ_opt().unwrap_or(last);
    let mut out = Vec::new();
    for date in first
        .iter_days()
        .take_while(|d| *d <= last)
        .take(usize::try_from(MAX_WINDOW_DAYS).unwrap_or(400) + 3)
    {
        if !has_day(days, chrono::Datelike::weekday(&date)) {
            continue;
        }
        if let Some(w) = interval(tz, date, hours) {
            if w.1 > start && w.0 < end {
                out.push(w);
            }
        }
    }
    out
}

/// The instants of one day's hours in `tz` (`None` past the calendar's end, or when a
/// daylight-saving change leaves no time between them).
pub(crate) fn interval(
    tz: Tz,
    date: NaiveDate,
    hours: WorkingHours,
) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
    let s = local_instant_forward(tz, date.and_time(hours.start))?;
    let e = local_instant_forward(tz, date.and_time(hours.end))?;
    (s < e).then_some((s, e))
}
