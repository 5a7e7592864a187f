//! Days of the week, working hours, and the shipped table of weekends by country.
//!
//! The table (`working_week.json`) lists only countries whose weekend is not Saturday and
//! Sunday, or changed recently; every other country takes its default row. Each row names
//! the page it was checked against. JSON of a row:
//! `{"country": "SA", "weekend": ["friday", "saturday"], "source": "...", "note": "..."}`.

use std::sync::OnceLock;

use chrono::{NaiveTime, Weekday};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::matching::catalog::is_alpha2;
use crate::named::named_enum;

/// The shipped table of weekends by country (JSON text).
pub const WORKING_WEEK_JSON: &str = include_str!("working_week.json");

named_enum! {
    /// A day of the week (snake_case in JSON: `"monday"` … `"sunday"`); `ALL` is Monday
    /// first.
    pub enum DayOfWeek in "day_of_week" {
        /// Monday.
        Monday => "monday",
        /// Tuesday.
        Tuesday => "tuesday",
        /// Wednesday.
        Wednesday => "wednesday",
        /// Thursday.
        Thursday => "thursday",
        /// Friday.
        Friday => "friday",
        /// Saturday.
        Saturday => "saturday",
        /// Sunday.
        Sunday => "sunday",
    }
}

impl DayOfWeek {
    /// The same day in chrono's terms.
    pub fn weekday(self) -> Weekday {
        match self {
            DayOfWeek::Monday => Weekday::Mon,
            DayOfWeek::Tuesday => Weekday::Tue,
            DayOfWeek::Wednesday => Weekday::Wed,
            DayOfWeek::Thursday => Weekday::Thu,
            DayOfWeek::Friday => Weekday::Fri,
            DayOfWeek::Saturday => Weekday::Sat,
            DayOfWeek::Sunday => Weekday::Sun,
        }
    }

    /// The day of a chrono weekday.
    pub fn from_weekday(day: Weekday) -> DayOfWeek {
        match day {
            Weekday::Mon => DayOfWeek::Monday,
            Weekday::Tue => DayOfWeek::Tuesday,
            Weekday::Wed => DayOfWeek::Wednesday,
            Weekday::Thu => DayOfWeek::Thursday,
            Weekday::Fri => DayOfWeek::Friday,
            Weekday::Sat => DayOfWeek::Saturday,
            Weekday::Sun => DayOfWeek::Sunday,
        }
    }
}

/// Daily hours on the local clock, `start` before `end` on the same day.
///
/// JSON: `{"start": "09:00", "end": "17:00"}` (read with or without seconds, written with
/// them). `Default` is 09:00 to 17:00.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase", remote = "Self")]
pub struct WorkingHours {
    /// When the day's hours begin.
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub start: NaiveTime,
    /// When they end (exclusive: a call must end by then).
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub end: NaiveTime,
}

strict_struct!(WorkingHours);

impl Default for WorkingHours {
    fn default() -> Self {
        WorkingHours {
            start: NaiveTime::from_hms_opt(9, 0, 0).unwrap_or(NaiveTime::MIN),
            end: NaiveTime::from_hms_opt(17, 0, 0).unwrap_or(NaiveTime::MIN),
        }
    }
}

impl WorkingHours {
    /// Hours from `start` to `end`.
    pub fn new(start: NaiveTime, end: NaiveTime) -> Self {
        WorkingHours { start, end }
    }

    /// Rejects hours that end before (or when) they start: overnight hours are not
    /// supported; split them into two parties' calls instead.
    pub fn validate(&self, field: &str) -> Result<()> {
        if self.end <= self.start {
            return Err(Error::invalid(
                field,
                format!(
                    "end {} is not after start {} (hours within one day)",
                    crate::dates::text::hm(&self.end),
                    crate::dates::text::hm(&self.start)
                ),
            ));
        }
        Ok(())
    }
}

/// The weekend of one country, with the page it was checked against.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct WorkingWeek {
    /// ISO alpha-2 country, or `"*"` for the row every unlisted country takes.
    pub country: String,
    /// The days off.
    pub weekend: Vec<DayOfWeek>,
    /// Where the row comes from.
    pub source: String,
    /// Caveats (regions that differ, short days).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl WorkingWeek {
    /// The working days: every day not in the weekend, Monday first.
    pub fn working_days(&self) -> Vec<DayOfWeek> {
        DayOfWeek::ALL
            .into_iter()
            .filter(|d| !self.weekend.contains(d))
            .collect()
    }
}

#[derive(Deserialize)]
struct Table {
    default: WorkingWeek,
    rows: Vec<WorkingWeek>,
}

fn table() -> Result<&'static Table> {
    static TABLE: OnceLock<Result<Table>> = OnceLock::new();
    TABLE
        .get_or_init(|| {
            crate::json::from_str(WORKING_WEEK_JSON)
                .map_err(|e| Error::json("working-week table", &e))
        })
        .as_ref()
        .map_err(Clone::clone)
}

/// The weekend of `country` (ISO alpha-2): its row of the shipped table, or the default
/// row (`country: "*"`, Saturday and Sunday) when it is not listed.
pub fn working_week(country: &str) -> Result<WorkingWeek> {
    if !is_alpha2(country, true) {
        return Err(Error::invalid(
            "country",
            format!(
                "{:?} is not an ISO 3166-1 alpha-2 code",
                country.chars().take(40).collect::<String>()
            ),
        ));
    }
    let t = table()?;
    Ok(t.rows
        .iter()
        .find(|r| r.country == country)
        .unwrap_or(&t.default)
        .clone())
}

/// The shipped table: the default row first, then the listed countries.
pub fn working_weeks() -> Result<Vec<WorkingWeek>> {
    let t = table()?;
    Ok(std::iter::once(&t.default)
        .chain(&t.rows)
        .cloned()
        .collect())
}

/// A set of days as seven flags, Monday first.
pub(crate) fn day_mask(days: &[DayOfWeek]) -> [bool; 7] {
    let mut mask = [false; 7];
    for d in days {
        if let Some(slot) = mask.get_mut(*d as usize) {
            *slot = true;
        }
    }
    mask
}

/// True when `mask` has the weekday of `day`.
pub(crate) fn has_day(mask: &[bool; 7], day: Weekday) -> bool {
    mask.get(day.num_days_from_monday() as usize)
        .copied()
        .unwrap_or(false)
}
