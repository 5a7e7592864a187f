//! Telehealth times inside both parties' working hours and days, across time zones and
//! daylight-saving changes, and the weekend table behind the default days.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic
#![cfg(feature = "itinerary")]

use chrono::{
    DateTime, Datelike, Duration, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc,
};
use chrono_tz::Tz;
use medjourney::planning::{
    telehealth_slots, working_week, working_weeks, DayOfWeek, TelehealthOptions, WorkingHours,
};
use proptest::prelude::*;

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn hours(a: &str, b: &str) -> WorkingHours {
    WorkingHours::new(a.parse().unwrap(), b.parse().unwrap())
}

fn starts(slots: &[medjourney::TelehealthSlot]) -> Vec<String> {
    slots
        .iter()
        .map(|s| s.start.format("%a %d %H:%M").to_string())
        .collect()
}

#[test]
fn london_and_bangkok_overlap_one_hour_in_winter_and_two_after_londons_clocks_go_forward() {
    let options = TelehealthOptions {
        country_a: Some("GB".into()),
        country_b: Some("TH".into()),
        limit: 50,
        ..TelehealthOptions::default()
    };
    let slots = telehealth_slots(
        "Europe/London",
        "Asia/Bangkok",
        at("2027-03-25T00:00:00Z"),
        at("2027-03-30T00:00:00Z"),
        30,
        &options,
    )
    .unwrap();
    assert_eq!(
        starts(&slots),
        [
            "Thu 25 09:00",
            "Thu 25 09:30",
            "Fri 26 09:00",
            "Fri 26 09:30",
            "Mon 29 08:00",
            "Mon 29 08:30",
            "Mon 29 09:00",
            "Mon 29 09:30"
        ]
    );
    // The same call on both clocks: 09:00 in London (BST) is 15:00 in Bangkok.
    let monday = &slots[4];
    assert_eq!(monday.start_a.to_rfc3339(), "2027-03-29T09:00:00+01:00");
    assert_eq!(monday.start_b.to_rfc3339(), "2027-03-29T15:00:00+07:00");
    assert_eq!(slots[0].start_a.to_rfc3339(), "2027-03-25T09:00:00+00:00");
}

#[test]
fn a_riyadh_clinic_works_sunday_to_thursday_so_only_monday_to_thursday_are_common_with_london() {
    let options = TelehealthOptions {
        country_a: Some("GB".into()),
        country_b: Some("SA".into()),
        step_minutes: 60,
        limit: 50,
        ..TelehealthOptions::default()
    };
    let slots = telehealth_slots(
        "Europe/London",
        "Asia/Riyadh",
        at("2027-03-25T00:00:00Z"),
        at("2027-03-30T00:00:00Z"),
        60,
        &options,
    )
    .unwrap();
    assert_eq!(
        starts(&slots),
        [
            "Thu 25 09:00",
            "Thu 25 10:00",
            "Thu 25 11:00",
            "Thu 25 12:00",
            "Thu 25 13:00",
            "Mon 29 08:00",
            "Mon 29 09:00",
            "Mon 29 10:00",
            "Mon 29 11:00",
            "Mon 29 12:00",
            "Mon 29 13:00"
        ]
    );
}

#[test]
fn the_answer_holds_at_most_limit_slots_earliest_first() {
    let options = TelehealthOptions {
        limit: 3,
        ..TelehealthOptions::default()
    };
    let slots = telehealth_slots(
        "Europe/London",
        "Europe/Paris",
        at("2027-01-04T00:00:00Z"),
        at("2027-12-31T00:00:00Z"),
        30,
        &options,
    )
    .unwrap();
    assert_eq!(
        starts(&slots),
        ["Mon 04 09:00", "Mon 04 09:30", "Mon 04 10:00"]
    );
}

#[test]
fn bad_telehealth_inputs_get_coded_errors() {
    let ok = TelehealthOptions::default();
    let s = at("2027-01-04T00:00:00Z");
    let e = at("2027-01-10T00:00:00Z");
    let code = |z_a: &str, start, end, minutes, o: &TelehealthOptions| {
        telehealth_slots(z_a, "Asia/Bangkok", start, end, minutes, o)
            .unwrap_err()
            .code()
    };
    assert_eq!(code("Mars/Olympus", s, e, 30, &ok), "unknown_time_zone");
    assert_eq!(code("Europe/London", e, s, 30, &ok), "invalid_input");
    assert_eq!(
        code("Europe/London", s, s + Duration::days(401), 30, &ok),
        "invalid_input"
    );
    assert_eq!(code("Europe/London", s, e, 0, &ok), "invalid_input");
    assert_eq!(code("Europe/London", s, e, 721, &ok), "invalid_input");
    let bad = [
        TelehealthOptions {
            step_minutes: 0,
            ..ok.clone()
        },
        TelehealthOptions {
            limit: 0,
            ..ok.clone()
        },
        TelehealthOptions {
            limit: 1001,
            ..ok.clone()
        },
        TelehealthOptions {
            hours_a: hours("17:00", "09:00"),
            ..ok.clone()
        },
        TelehealthOptions {
            days_b: Some(vec![]),
            ..ok.clone()
        },
        TelehealthOptions {
            country_a: Some("gb".into()),
            ..ok.clone()
        },
    ];
    for o in &bad {
        assert_eq!(code("Europe/London", s, e, 30, o), "invalid_input", "{o:?}");
    }
    // The longest window and the largest limit are fine.
    assert!(telehealth_slots(
        "Europe/London",
        "Asia/Bangkok",
        s,
        s + Duration::days(400),
        30,
        &TelehealthOptions { limit: 1000, ..ok }
    )
    .is_ok());
}

#[test]
fn options_read_the_documented_json_shape_with_defaults() {
    let o: TelehealthOptions = serde_json::from_str(
        r#"{"hoursA": {"start": "08:30", "end": "12:00"}, "daysB": ["sunday", "monday"], "countryA": "GB"}"#,
    )
    .unwrap();
    assert_eq!(o.hours_a, hours("08:30", "12:00"));
    assert_eq!(o.hours_b, WorkingHours::default());
    assert_eq!(o.days_b, Some(vec![DayOfWeek::Sunday, DayOfWeek::Monday]));
    assert_eq!((o.step_minutes, o.limit), (30, 20));
    let back: TelehealthOptions =
        serde_json::from_str(&serde_json::to_string(&o).unwrap()).unwrap();
    assert_eq!(back, o);
}

#[test]
fn the_weekend_table_gives_saudi_arabia_friday_and_saturday_and_others_the_default() {
    let sa = working_week("SA").unwrap();
    assert_eq!(sa.weekend, vec![DayOfWeek::Friday, DayOfWeek::Saturday]);
    assert!(sa.working_days().contains(&DayOfWeek::Sunday));
    let gb = working_week("GB").unwrap();
    assert_eq!(gb.country, "*");
    assert_eq!(gb.weekend, vec![DayOfWeek::Saturday, DayOfWeek::Sunday]);
    assert_eq!(working_week("AE").unwrap().weekend, gb.weekend);
    assert_eq!(working_week("IL").unwrap().weekend, sa.weekend);
    assert_eq!(working_week("Saudi").unwrap_err().code(), "invalid_input");
}

#[test]
fn every_row_of_the_weekend_table_names_its_source() {
    let rows = working_weeks().unwrap();
    assert!(rows.len() >= 10);
    for r in rows {
        assert!(r.source.len() > 20, "{r:?}");
        assert!(!r.weekend.is_empty() && r.weekend.len() < 7, "{r:?}");
    }
}

/// The instant of a local time, moved forward out of a daylight-saving gap.
fn local(tz: Tz, t: NaiveDateTime) -> DateTime<Utc> {
    let mut t = t;
    loop {
        match tz.from_local_datetime(&t) {
            LocalResult::Single(x) => return x.with_timezone(&Utc),
            LocalResult::Ambiguous(a, b) => return a.min(b).with_timezone(&Utc),
            LocalResult::None => t += Duration::minutes(30),
        }
    }
}

/// True when a call of `len` starting at `t` fits one party's working day.
fn fits(tz: Tz, h: WorkingHours, days: &[DayOfWeek], t: DateTime<Utc>, len: Duration) -> bool {
    let d: NaiveDate = t.with_timezone(&tz).date_naive();
    let day = DayOfWeek::from_weekday(d.weekday());
    days.contains(&day)
        && local(tz, d.and_time(h.start)) <= t
        && t + len <= local(tz, d.and_time(h.end))
}

const ZONES: [&str; 10] = [
    "Europe/London",
    "Asia/Bangkok",
    "Asia/Riyadh",
    "America/New_York",
    "Australia/Sydney",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "America/St_Johns",
    "Pacific/Chatham",
    "Europe/Istanbul",
];

fn hours_strategy() -> impl Strategy<Value = WorkingHours> {
    (0u32..1380, 30u32..900).prop_map(|(s, len)| {
        let e = (s + len).min(1439);
        WorkingHours::new(
            NaiveTime::from_hms_opt(s / 60, s % 60, 0).unwrap(),
            NaiveTime::from_hms_opt(e / 60, e % 60, 0).unwrap(),
        )
    })
}

fn days_strategy() -> impl Strategy<Value = Vec<DayOfWeek>> {
    proptest::sample::subsequence(DayOfWeek::ALL.to_vec(), 1..=7)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]
    #[test]
    fn every_slot_is_inside_both_parties_hours_and_days_and_none_earlier_is_missed(
        za in 0usize..ZONES.len(),
        zb in 0usize..ZONES.len(),
        day in 0i64..365,
        minute in 0i64..1440,
        length_days in 0i64..4,
        ha in hours_strategy(),
        hb in hours_strategy(),
        da in days_strategy(),
        db in days_strategy(),
        minutes in 15u32..120,
        step in 5u32..90,
        limit in 1usize..60,
    ) {
        let start = at("2027-01-01T00:00:00Z") + Duration::days(day) + Duration::minutes(minute);
        let end = start + Duration::days(length_days) + Duration::hours(12);
        let options = TelehealthOptions {
            hours_a: ha, hours_b: hb, days_a: Some(da.clone()), days_b: Some(db.clone()),
            step_minutes: step, limit, ..TelehealthOptions::default()
        };
        let (tza, tzb): (Tz, Tz) = (ZONES[za].parse().unwrap(), ZONES[zb].parse().unwrap());
        let slots = telehealth_slots(ZONES[za], ZONES[zb], start, end, minutes, &options).unwrap();
        let len = Duration::minutes(i64::from(minutes));
        prop_assert!(slots.len() <= limit);
        for pair in slots.windows(2) {
            prop_assert!(pair[0].start < pair[1].start);
        }
        for s in &slots {
            prop_assert!(s.start >= start && s.end <= end && s.end - s.start == len);
            prop_assert!(fits(tza, ha, &da, s.start, len), "{s:?} outside A");
            prop_assert!(fits(tzb, hb, &db, s.start, len), "{s:?} outside B");
            prop_assert_eq!(s.start_a.with_timezone(&Utc), s.start);
            prop_assert_eq!(s.end_b.with_timezone(&Utc), s.end);
            prop_assert_eq!(s.start_a.offset().local_minus_utc(),
                tza.offset_from_utc_datetime(&s.start.naive_utc()).fix_seconds());
        }
        // The first feasible minute, by brute force, is the first slot.
        let mut t = start;
        let mut first = None;
        while t + len <= end {
            if fits(tza, ha, &da, t, len) && fits(tzb, hb, &db, t, len) {
                first = Some(t);
                break;
            }
            t += Duration::minutes(1);
        }
        prop_assert_eq!(slots.first().map(|s| s.start), first);
    }
}

trait FixSeconds {
    fn fix_seconds(&self) -> i32;
}
impl FixSeconds for chrono_tz::TzOffset {
    fn fix_seconds(&self) -> i32 {
        use chrono::Offset;
        self.fix().local_minus_utc()
    }
}

#[test]
fn an_option_the_telehealth_options_do_not_have_is_unknown_field_in_json_and_keywords() {
    use medjourney::Options;
    let err = serde_json::from_str::<TelehealthOptions>(r#"{"hoursC": {}}"#).unwrap_err();
    let err = medjourney::Error::json("options", &err);
    assert_eq!(err.code(), "unknown_field");
    assert!(err.to_string().contains("hoursC"));
    let kw = |v: serde_json::Value| match v {
        serde_json::Value::Object(m) => TelehealthOptions::from_keywords(m),
        _ => unreachable!(),
    };
    let o = kw(serde_json::json!({"step_minutes": 15, "country_b": "SA"})).unwrap();
    assert_eq!((o.step_minutes, o.country_b.as_deref()), (15, Some("SA")));
    assert_eq!(
        kw(serde_json::json!({"stepMinutes": 15}))
            .unwrap_err()
            .code(),
        "unknown_field"
    );
    let err = kw(serde_json::json!({"days_a": ["funday"]})).unwrap_err();
    assert_eq!(err.code(), "invalid_input");
    let err = kw(serde_json::json!({"hours_a": {"start": "09:00", "end": "17:00", "tz": "x"}}))
        .unwrap_err();
    assert_eq!(err.code(), "unknown_field");
}
