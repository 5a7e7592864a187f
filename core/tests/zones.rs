//! The time-zone database the core reads (jiff's bundled copy) against chrono-tz's, an
//! independent reading of the IANA database.
#![cfg(feature = "itinerary")]

use chrono::{Datelike, Duration, NaiveDate, Offset, TimeZone, Utc};
use medjourney::zone::Tz;

/// The zones of the samples, the vectors and the tests, and a few with odd offsets.
const USED: [&str; 16] = [
    "Europe/Istanbul",
    "Europe/London",
    "Asia/Bangkok",
    "Asia/Kolkata",
    "Europe/Berlin",
    "Asia/Tokyo",
    "Europe/Prague",
    "Europe/Budapest",
    "America/New_York",
    "Australia/Sydney",
    "Asia/Seoul",
    "Asia/Riyadh",
    "Asia/Kathmandu",
    "America/St_Johns",
    "Pacific/Chatham",
    "UTC",
];

#[test]
fn every_zone_chrono_tz_knows_resolves_under_its_own_name() {
    for zone in chrono_tz::TZ_VARIANTS {
        let ours = Tz::named(zone.name());
        assert_eq!(ours.map(|z| z.name()), Some(zone.name()));
    }
}

#[test]
fn the_zones_in_use_have_chrono_tzs_offsets_from_2000_to_2040() {
    for name in USED {
        let (ours, theirs): (Tz, chrono_tz::Tz) = (name.parse().unwrap(), name.parse().unwrap());
        let mut t = Utc.with_ymd_and_hms(2000, 1, 1, 0, 0, 0).unwrap();
        while t.year() < 2040 {
            assert_eq!(
                t.with_timezone(&ours).offset().fix(),
                t.with_timezone(&theirs).offset().fix(),
                "{name} at {t}"
            );
            t += Duration::minutes(90);
        }
    }
}

#[test]
fn wall_clock_times_in_gaps_and_folds_resolve_as_chrono_tz_resolves_them() {
    let london: Tz = "Europe/London".parse().unwrap();
    let theirs = chrono_tz::Europe::London;
    let day = |m, d| NaiveDate::from_ymd_opt(2027, m, d).unwrap();
    for local in [
        day(3, 28).and_hms_opt(1, 30, 0).unwrap(),
        day(10, 31).and_hms_opt(1, 30, 0).unwrap(),
        day(6, 1).and_hms_opt(12, 0, 0).unwrap(),
    ] {
        let ours = london
            .from_local_datetime(&local)
            .map(|t| t.with_timezone(&Utc));
        let want = theirs
            .from_local_datetime(&local)
            .map(|t| t.with_timezone(&Utc));
        assert_eq!(ours, want, "{local}");
    }
}

#[test]
fn a_zone_name_in_other_letter_case_is_an_unknown_time_zone() {
    assert!(Tz::named("europe/london").is_none());
    let local = NaiveDate::from_ymd_opt(2027, 6, 1)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap();
    let err = medjourney::itinerary::local_instant(local, "europe/london").unwrap_err();
    assert_eq!(err.code(), "unknown_time_zone");
}

#[test]
fn instants_before_1970_take_the_offset_their_zone_had_at_1970() {
    // London kept +01:00 all year from 1968 to 1971; the database starts in 1970, so a
    // winter noon of 1960 is read at +01:00, not at the +00:00 it had then.
    let london: Tz = "Europe/London".parse().unwrap();
    let at_1970 = Utc.with_ymd_and_hms(1970, 1, 1, 0, 0, 0).unwrap();
    let winter_1960 = Utc.with_ymd_and_hms(1960, 1, 15, 12, 0, 0).unwrap();
    assert_eq!(
        at_1970
            .with_timezone(&london)
            .offset()
            .fix()
            .local_minus_utc(),
        3600
    );
    assert_eq!(
        winter_1960
            .with_timezone(&london)
            .offset()
            .fix()
            .local_minus_utc(),
        3600
    );
    // From 1970 on the offsets are IANA's: GMT again in the winter of 1972.
    let winter_1972 = Utc.with_ymd_and_hms(1972, 1, 15, 12, 0, 0).unwrap();
    assert_eq!(
        winter_1972
            .with_timezone(&london)
            .offset()
            .fix()
            .local_minus_utc(),
        0
    );
}
