//! The one supported range of dates and instants: years 1 to 9999.
//!
//! It is what every output can carry: RFC 3339 and iCalendar write four-digit years
//! (0000–9999), Python's `datetime` holds years 1–9999, and JavaScript's `Date` holds
//! far more. chrono itself reaches year ±262143, where adding a time-zone offset
//! overflows; inside the supported range no computation can.
//!
//! The range is enforced where values are read: every date and instant field of the JSON
//! shapes is checked while it is deserialized (from JSON, a Python dict or a JS object
//! alike), and the validations of values built in Rust check it again ([`check_date`],
//! [`check_instant`]). An itinerary item's local times must be in range too, so the
//! day-by-day plan never shows a year 10000 (see [`check_local`]). Dates the core
//! computes (payment due dates) are checked when computed. Out of range is an
//! `invalid_input` error naming the field.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, Utc};

use crate::error::{Error, Result};
use crate::limits::YEARS;

/// The first and last second of the supported years as Unix epoch seconds (UTC): the
/// range of the journey-map columns' instants.
pub const EPOCH_SECONDS: (i64, i64) = (-62_135_596_800, 253_402_300_799);

/// Checks an instant given in epoch seconds (a column value) against the supported years.
pub fn check_epoch_seconds(field: &str, seconds: i64) -> Result<i64> {
    if (EPOCH_SECONDS.0..=EPOCH_SECONDS.1).contains(&seconds) {
        Ok(seconds)
    } else {
        Err(out_of_range(field, format!("{seconds} s after 1970")))
    }
}

/// True when `year` is a supported year (1 to 9999).
pub fn is_supported_year(year: i32) -> bool {
    (YEARS.0..=YEARS.1).contains(&year)
}

fn out_of_range(field: &str, value: impl std::fmt::Display) -> Error {
    Error::invalid(
        field,
        format!(
            "{value} is outside the supported years {} to {}",
            YEARS.0, YEARS.1
        ),
    )
}

/// Checks a date against the supported years.
pub fn check_date(field: &str, date: NaiveDate) -> Result<NaiveDate> {
    if is_supported_year(date.year()) {
        Ok(date)
    } else {
        Err(out_of_range(field, date))
    }
}

/// Checks an instant (its UTC date) against the supported years.
pub fn check_instant(field: &str, instant: DateTime<Utc>) -> Result<DateTime<Utc>> {
    if is_supported_year(instant.year()) {
        Ok(instant)
    } else {
        Err(out_of_range(field, instant.to_rfc3339()))
    }
}

/// Checks a local wall-clock time (an instant seen in its zone) against the supported
/// years: an instant on 9999-12-31 is still 10000-01-01 in Tokyo.
pub fn check_local(field: &str, local: NaiveDateTime) -> Result<NaiveDateTime> {
    if is_supported_year(local.year()) {
        Ok(local)
    } else {
        Err(out_of_range(field, local))
    }
}

/// Serde for an instant field: chrono's RFC 3339 text, checked on the way in.
pub(crate) mod instant {
    use super::*;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub(crate) fn serialize<S: Serializer>(
        t: &DateTime<Utc>,
        s: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        t.serialize(s)
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> std::result::Result<DateTime<Utc>, D::Error> {
        let t = DateTime::<Utc>::deserialize(d)?;
        check_instant("instant", t).map_err(Error::into_de)
    }
}

/// Serde for an optional instant field (use with `#[serde(default)]`).
pub(crate) mod option_instant {
    use super::*;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub(crate) fn serialize<S: Serializer>(
        t: &Option<DateTime<Utc>>,
        s: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        t.serialize(s)
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> std::result::Result<Option<DateTime<Utc>>, D::Error> {
        Option::<DateTime<Utc>>::deserialize(d)?
            .map(|t| check_instant("instant", t))
            .transpose()
            .map_err(Error::into_de)
    }
}

/// Serde for a date field: `YYYY-MM-DD`, checked on the way in.
pub(crate) mod date {
    use super::*;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub(crate) fn serialize<S: Serializer>(
        d: &NaiveDate,
        s: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        d.serialize(s)
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> std::result::Result<NaiveDate, D::Error> {
        let date = NaiveDate::deserialize(d)?;
        check_date("date", date).map_err(Error::into_de)
    }
}

/// Serde for an optional date field (use with `#[serde(default)]`).
pub(crate) mod option_date {
    use super::*;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub(crate) fn serialize<S: Serializer>(
        d: &Option<NaiveDate>,
        s: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        d.serialize(s)
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> std::result::Result<Option<NaiveDate>, D::Error> {
        Option::<NaiveDate>::deserialize(d)?
            .map(|date| check_date("date", date))
            .transpose()
            .map_err(Error::into_de)
    }
}

/// Dates and times as text in the fixed English forms the outputs use: exactly what
/// chrono's `format` writes for the pattern each function names, without its pattern
/// interpreter (which took 3 KB of the gzipped npm module for these six patterns).
#[cfg(feature = "itinerary")]
pub(crate) mod text {
    use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, Timelike, Utc, Weekday};

    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];

    fn weekday(d: &impl Datelike) -> &'static str {
        match d.weekday() {
            Weekday::Mon => "Monday",
            Weekday::Tue => "Tuesday",
            Weekday::Wed => "Wednesday",
            Weekday::Thu => "Thursday",
            Weekday::Fri => "Friday",
            Weekday::Sat => "Saturday",
            Weekday::Sun => "Sunday",
        }
    }

    fn month(d: &impl Datelike) -> &'static str {
        MONTHS.get(d.month0() as usize).copied().unwrap_or_default()
    }

    /// The first three letters, as chrono's `%a` and `%b` write them.
    fn short(name: &str) -> &str {
        name.get(..3).unwrap_or(name)
    }

    /// `%Y`: four digits, zero-padded; a sign and at least four digits outside 0–9999.
    fn year(d: &impl Datelike) -> String {
        let y = d.year();
        if (0..10_000).contains(&y) {
            format!("{y:04}")
        } else {
            format!("{y:+05}")
        }
    }

    /// `%H:%M`.
    pub(crate) fn hm(t: &impl Timelike) -> String {
        format!("{:02}:{:02}", t.hour(), t.minute())
    }

    /// `%A %d %B %Y` ("Monday 15 February 2027").
    pub(crate) fn long_date(d: &NaiveDate) -> String {
        format!("{} {:02} {} {}", weekday(d), d.day(), month(d), year(d))
    }

    /// `%a %d %b %H:%M` ("Mon 15 Feb 10:00").
    pub(crate) fn short_date_hm(t: &NaiveDateTime) -> String {
        let (w, m) = (short(weekday(t)), short(month(t)));
        format!("{w} {:02} {m} {}", t.day(), hm(t))
    }

    /// `%a %d %b %Y %H:%M` ("Mon 15 Feb 2027 10:00").
    pub(crate) fn short_date_year_hm(t: &NaiveDateTime) -> String {
        let (w, m) = (short(weekday(t)), short(month(t)));
        format!("{w} {:02} {m} {} {}", t.day(), year(t), hm(t))
    }

    /// `%Y%m%dT%H%M%SZ` (iCalendar's UTC form); a leap second is second 60, as in chrono.
    pub(crate) fn ical_utc(t: &DateTime<Utc>) -> String {
        let second = t.second() + t.nanosecond() / 1_000_000_000;
        format!(
            "{}{:02}{:02}T{:02}{:02}{second:02}Z",
            year(t),
            t.month(),
            t.day(),
            t.hour(),
            t.minute()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(feature = "itinerary")]
    fn date_text_is_what_chrono_formats() {
        use chrono::{NaiveTime, TimeZone};
        let mut day = NaiveDate::from_ymd_opt(-12, 1, 1).unwrap();
        let last = NaiveDate::from_ymd_opt(10_020, 12, 31).unwrap();
        let mut minute = 0u32;
        while day <= last {
            minute = (minute + 367) % 1440;
            let time = NaiveTime::from_hms_opt(minute / 60, minute % 60, minute % 60).unwrap();
            let local = day.and_time(time);
            assert_eq!(text::hm(&time), time.format("%H:%M").to_string());
            assert_eq!(text::long_date(&day), day.format("%A %d %B %Y").to_string());
            assert_eq!(
                text::short_date_hm(&local),
                local.format("%a %d %b %H:%M").to_string()
            );
            assert_eq!(
                text::short_date_year_hm(&local),
                local.format("%a %d %b %Y %H:%M").to_string()
            );
            let utc = Utc.from_utc_datetime(&local);
            assert_eq!(
                text::ical_utc(&utc),
                utc.format("%Y%m%dT%H%M%SZ").to_string()
            );
            day = day + chrono::Days::new(if day.year() == 2027 { 1 } else { 13 });
        }
        let leap = NaiveDate::from_ymd_opt(2016, 12, 31)
            .unwrap()
            .and_hms_nano_opt(23, 59, 59, 1_500_000_000)
            .unwrap()
            .and_utc();
        assert_eq!(
            text::ical_utc(&leap),
            leap.format("%Y%m%dT%H%M%SZ").to_string()
        );
        assert_eq!(text::ical_utc(&leap), "20161231T235960Z");
    }

    #[test]
    fn the_edges_of_the_supported_years() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert!(check_date("d", d(1, 1, 1)).is_ok());
        assert!(check_date("d", d(9999, 12, 31)).is_ok());
        assert_eq!(
            check_date("d", d(0, 12, 31)).unwrap_err().code(),
            "invalid_input"
        );
        assert_eq!(
            check_date("d", d(10000, 1, 1)).unwrap_err().code(),
            "invalid_input"
        );
        let t = DateTime::<Utc>::MAX_UTC;
        assert_eq!(check_instant("t", t).unwrap_err().code(), "invalid_input");
        let first = DateTime::from_timestamp(EPOCH_SECONDS.0, 0).unwrap();
        let last = DateTime::from_timestamp(EPOCH_SECONDS.1, 0).unwrap();
        assert_eq!(first.to_rfc3339(), "0001-01-01T00:00:00+00:00");
        assert_eq!(last.to_rfc3339(), "9999-12-31T23:59:59+00:00");
        assert!(check_epoch_seconds("s", EPOCH_SECONDS.0 - 1).is_err());
        assert!(check_epoch_seconds("s", EPOCH_SECONDS.1 + 1).is_err());
    }
}
