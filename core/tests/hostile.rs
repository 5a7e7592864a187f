//! Hostile input (issue 14): one named regression test per class of failure found by
//! attacking the packages and by fuzzing (`scripts/fuzz.sh`): dates at the edges of
//! chrono's range, cost that grew with the square of the input, sizes without a limit,
//! wrong answers on subnormal columns, pictures that did not parse. Each asserts the
//! coded error or the right answer, and that the work stays proportional to the input
//! (the inputs are sized so a quadratic path would take minutes or gigabytes).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use medjourney::journey::{BackReason, Channel, Party, TouchpointKind};
use medjourney::matching::Normalization;
use medjourney::{
    journey_map, samples, topsis, weighted_sum, Catalog, Decimal, InsurancePolicy, Interval,
    Journey, MapAccumulator, MapOptions, Money, PaymentPlan, Quote, Stage, Touchpoint,
};

fn t(y: i32, m: u32, d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, 0, 0, 0).unwrap()
}

// ---- dates: one supported range, years 1 to 9999 ---------------------------------------

#[cfg(feature = "itinerary")]
mod itinerary_dates {
    use super::*;
    use medjourney::itinerary::{day_by_day, summary_text};
    use medjourney::{Itinerary, ItineraryRules};

    fn with_item(start: DateTime<Utc>, end: DateTime<Utc>, zone: &str) -> Itinerary {
        let mut it = samples::itinerary().unwrap();
        it.items.truncate(1);
        it.items[0].start = start;
        it.items[0].end = end;
        it.items[0].zone = zone.into();
        it.items[0].end_zone = None;
        it
    }

    /// Every itinerary operation refuses the itinerary with `code`, none panics.
    fn refused_everywhere(it: &Itinerary, code: &str) {
        let rules = ItineraryRules::default();
        assert_eq!(it.validate().unwrap_err().code(), code);
        assert_eq!(it.check(&rules).unwrap_err().code(), code);
        assert_eq!(day_by_day(it).unwrap_err().code(), code);
        assert_eq!(summary_text(it).unwrap_err().code(), code);
        assert_eq!(it.to_ics().unwrap_err().code(), code);
        assert_eq!(it.to_svg(&rules).unwrap_err().code(), code);
    }

    #[test]
    fn an_item_near_chronos_limit_in_tokyo_is_refused_not_a_panic() {
        let max = DateTime::<Utc>::MAX_UTC;
        refused_everywhere(&with_item(max, max, "Asia/Tokyo"), "invalid_input");
        let min = DateTime::<Utc>::MIN_UTC;
        refused_everywhere(&with_item(min, min, "America/New_York"), "invalid_input");
        let json = with_item(t(2027, 2, 15), t(2027, 2, 15), "Asia/Tokyo")
            .to_json()
            .unwrap()
            .replace("2027-02-15T00:00:00Z", "+262142-12-31T00:00:00Z");
        assert_eq!(
            Itinerary::from_json(&json).unwrap_err().code(),
            "invalid_input"
        );
    }

    #[test]
    fn a_local_wall_clock_past_9999_is_refused_though_the_instant_is_in_range() {
        // 9999-12-31T20:00Z is 10000-01-01 05:00 in Tokyo: no day-by-day line could show it.
        let late = Utc.with_ymd_and_hms(9999, 12, 31, 20, 0, 0).unwrap();
        refused_everywhere(&with_item(late, late, "Asia/Tokyo"), "invalid_input");
        // The same instant in London is fine, and exports with a four-digit year.
        let it = with_item(late, late, "Europe/London");
        assert!(it.to_ics().unwrap().contains("DTSTART:99991231T200000Z"));
        assert_eq!(day_by_day(&it).unwrap()[0].date.to_string(), "9999-12-31");
        // Year 1 at midnight UTC is still year 0 in New York.
        let first = t(1, 1, 1);
        refused_everywhere(
            &with_item(first, first, "America/New_York"),
            "invalid_input",
        );
        assert!(with_item(first, first, "UTC").to_ics().is_ok());
    }

    #[test]
    fn calendar_lines_at_the_first_and_last_supported_seconds_parse_with_four_digit_years() {
        let first = t(1, 1, 1);
        let last = Utc.with_ymd_and_hms(9999, 12, 31, 23, 59, 59).unwrap();
        for (start, end, stamp) in [
            (first, first + Duration::hours(1), first),
            (last - Duration::hours(1), last, last),
        ] {
            let mut it = with_item(start, end, "UTC");
            it.updated_at = stamp;
            it.items[0].title = "Edge\u{fffe}\u{0}\u{1b}\u{7f};,\\ title".into();
            let ics = it.to_ics().unwrap();
            let cal = ical::IcalParser::new(std::io::BufReader::new(ics.as_bytes()))
                .next()
                .expect("a calendar")
                .unwrap_or_else(|e| panic!("{e}: {ics}"));
            assert_eq!(cal.events.len(), 1);
            let mut seen = 0;
            for p in &cal.events[0].properties {
                if matches!(p.name.as_str(), "DTSTART" | "DTEND" | "DTSTAMP") {
                    let v = p.value.as_deref().unwrap_or_default();
                    let (date, time) = v.split_once('T').unwrap_or_else(|| panic!("{v}"));
                    assert!(
                        date.len() == 8
                            && date.bytes().all(|b| b.is_ascii_digit())
                            && time.len() == 7
                            && time.ends_with('Z'),
                        "{}:{v}",
                        p.name
                    );
                    seen += 1;
                }
            }
            assert_eq!(seen, 3, "{ics}");
            let year = |t: DateTime<Utc>| format!("{:04}", chrono::Datelike::year(&t));
            assert!(ics.contains(&format!("DTSTART:{}", year(start))));
            assert!(ics.contains(&format!("DTEND:{}", year(end))));
            assert!(!ics.contains(['\u{0}', '\u{1b}', '\u{7f}']));
        }
    }

    #[test]
    fn passports_and_revisions_outside_the_years_are_refused() {
        let mut it = samples::itinerary().unwrap();
        it.traveller.passport_expires = NaiveDate::from_ymd_opt(10_000, 1, 1);
        refused_everywhere(&it, "invalid_input");
        let mut it = samples::itinerary().unwrap();
        it.updated_at = DateTime::<Utc>::MAX_UTC;
        refused_everywhere(&it, "invalid_input");
    }

    #[test]
    fn local_instant_outside_the_years_is_refused() {
        let local = NaiveDate::from_ymd_opt(10_000, 1, 1)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap();
        let e = medjourney::itinerary::local_instant(local, "UTC").unwrap_err();
        assert_eq!(e.code(), "invalid_input");
    }
}

#[test]
fn a_payment_schedule_running_past_9999_is_an_invalid_plan() {
    let total = Money::parse("100.00 EUR").unwrap();
    let start = NaiveDate::from_ymd_opt(9999, 6, 30).unwrap();
    let plan = PaymentPlan::new(total, None, 12, Interval::Months(1), start);
    assert_eq!(plan.schedule().unwrap_err().code(), "invalid_payment_plan");
    let plan = PaymentPlan::new(total, None, 6, Interval::Months(1), start);
    let s = plan.schedule().unwrap();
    assert_eq!(s.payments.last().unwrap().due.to_string(), "9999-12-30");
    let beyond = NaiveDate::from_ymd_opt(10_000, 1, 1).unwrap();
    let plan = PaymentPlan::new(total, None, 1, Interval::Days(0), beyond);
    assert_eq!(plan.schedule().unwrap_err().code(), "invalid_input");
    let json = r#"{"total": {"amount": "1.00", "currency": "EUR"}, "installments": 1,
                   "interval": {"days": 0}, "start": "+10000-01-01"}"#;
    assert_eq!(
        PaymentPlan::from_json(json).unwrap_err().code(),
        "invalid_input"
    );
}

#[test]
fn journey_instants_outside_the_years_are_refused_when_read_or_applied() {
    let max = DateTime::<Utc>::MAX_UTC;
    let e = Journey::new("J", "P", "knee", Stage::Awareness, max).unwrap_err();
    assert_eq!(e.code(), "invalid_input");
    let mut j = Journey::new("J", "P", "knee", Stage::Awareness, t(2026, 1, 1)).unwrap();
    assert_eq!(j.advance(max).unwrap_err().code(), "invalid_input");
    let tp = Touchpoint::new(
        "t",
        Stage::Awareness,
        max,
        Channel::Email,
        Party::Patient,
        TouchpointKind::Inquiry,
    );
    assert_eq!(j.record(tp).unwrap_err().code(), "invalid_input");
    let json = j.to_json().unwrap().replace("2026-01-01", "+10000-01-01");
    assert_eq!(
        Journey::from_json(&json).unwrap_err().code(),
        "invalid_input"
    );
}

#[test]
fn quote_catalog_and_request_dates_outside_the_years_are_refused_when_read() {
    let mut q = samples::quotes().unwrap().remove(0);
    q.valid_until = NaiveDate::from_ymd_opt(10_000, 1, 1);
    assert_eq!(q.validate().unwrap_err().code(), "invalid_input");
    let json = serde_json::to_string(&q).unwrap();
    assert_eq!(Quote::from_json(&json).unwrap_err().code(), "invalid_input");

    let catalog = samples::CATALOG_JSON.replacen("\"expires\": \"", "\"expires\": \"+1", 1);
    assert_ne!(
        catalog,
        samples::CATALOG_JSON,
        "the sample has an expiry to push out"
    );
    assert_eq!(
        Catalog::from_json(&catalog).unwrap_err().code(),
        "invalid_input"
    );

    let request = samples::REQUEST_JSON.replacen("\"travelDate\": \"", "\"travelDate\": \"+1", 1);
    let e = serde_json::from_str::<medjourney::Request>(&request).unwrap_err();
    assert_eq!(
        medjourney::Error::json("request", &e).code(),
        "invalid_input"
    );
}

// ---- cost that grew with the square of the input ----------------------------------------

#[cfg(feature = "itinerary")]
mod itinerary_cost {
    use super::*;
    use medjourney::itinerary::{Details, Item};
    use medjourney::{FindingCode, Itinerary, ItineraryRules};

    fn leisure(id: String, start: DateTime<Utc>, end: DateTime<Utc>) -> Item {
        Item {
            id,
            title: "x".into(),
            start,
            end,
            zone: "Europe/Istanbul".into(),
            end_zone: None,
            location: None,
            contact: None,
            notes: None,
            companion_only: false,
            status: None,
            details: Details::Leisure {},
        }
    }

    fn trip(items: Vec<Item>) -> Itinerary {
        let mut it = samples::itinerary().unwrap();
        it.items = items;
        it
    }

    #[test]
    fn ten_thousand_simultaneous_items_are_one_overlap_finding() {
        // Pairwise this was ~50 million findings.
        let items = (0..10_000)
            .map(|k| leisure(format!("i{k}"), t(2027, 2, 15), t(2027, 2, 16)))
            .collect();
        let found = trip(items).check(&ItineraryRules::default()).unwrap();
        let overlaps: Vec<_> = found
            .iter()
            .filter(|f| f.code == FindingCode::Overlap)
            .collect();
        assert_eq!(overlaps.len(), 1);
        assert_eq!(overlaps[0].items.len(), 10_000);
        assert!(overlaps[0].message.starts_with("10000 items overlap"));
        assert!(overlaps[0].message.len() < 400, "the message names a few");
    }

    #[test]
    fn overlaps_are_reported_per_cluster_and_pairs_as_before() {
        let h = |hours: i64| t(2027, 2, 15) + Duration::hours(hours);
        let items = vec![
            leisure("a".into(), h(0), h(2)),
            leisure("b".into(), h(1), h(3)),
            leisure("c".into(), h(4), h(6)),
            leisure("d".into(), h(5), h(7)),
            leisure("e".into(), h(6), h(8)), // touches c's end: overlaps d only
            leisure("deadline-at-start".into(), h(10), h(10)),
            leisure("f".into(), h(10), h(12)),
            leisure("deadline-inside".into(), h(20), h(20)),
            leisure("g".into(), h(19), h(21)),
        ];
        let found = trip(items).check(&ItineraryRules::default()).unwrap();
        let overlaps: Vec<Vec<String>> = found
            .iter()
            .filter(|f| f.code == FindingCode::Overlap)
            .map(|f| f.items.clone())
            .collect();
        assert_eq!(
            overlaps,
            vec![
                vec!["a".to_string(), "b".into()],
                vec!["c".into(), "d".into(), "e".into()],
                vec!["g".into(), "deadline-inside".into()],
            ]
        );
        let pair = found.iter().find(|f| f.items == ["a", "b"]).unwrap();
        assert!(pair.message.contains("a (") && pair.message.contains(") overlaps b ("));
    }

    #[test]
    fn many_flights_procedures_and_appointments_check_in_near_linear_time() {
        // Each of these paired every flight with every procedure, appointment, bed or
        // visa rule; 20,000 items of each kind would have been ~10^8 pairs each.
        let mut items = Vec::new();
        let base = samples::itinerary().unwrap();
        for k in 0..5_000 {
            for item in &base.items {
                let mut item = item.clone();
                item.id = format!("{}-{k}", item.id);
                let shift = Duration::days(40 * k);
                item.start += shift;
                item.end += shift;
                items.push(item);
            }
        }
        let n = items.len();
        let it = trip(items);
        let started = std::time::Instant::now();
        let found = it.check(&ItineraryRules::default()).unwrap();
        assert!(
            found.len() < 10 * n,
            "{} findings for {n} items",
            found.len()
        );
        assert!(
            started.elapsed() < std::time::Duration::from_secs(60),
            "check took {:?}",
            started.elapsed()
        );
    }
}

fn journey_with_visits(visits: usize) -> Journey {
    // Back and forth between research and selection: a long but valid stage history.
    let mut j = Journey::new("J", "P", "knee", Stage::Research, t(2026, 1, 1)).unwrap();
    let mut at = t(2026, 1, 1);
    while j.stages.len() < visits {
        at += Duration::seconds(1);
        j.advance(at).unwrap();
        at += Duration::seconds(1);
        j.go_back(BackReason::ClinicDeclined, at).unwrap();
    }
    j
}

fn touchpoint(id: String, stage: Stage, at: DateTime<Utc>) -> Touchpoint {
    Touchpoint::new(
        id,
        stage,
        at,
        Channel::Whatsapp,
        Party::Patient,
        TouchpointKind::Inquiry,
    )
}

#[test]
fn recording_a_hundred_thousand_touchpoints_is_linear() {
    let mut j = journey_with_visits(2);
    let at = t(2026, 2, 1);
    for k in 0..100_000 {
        j.record(touchpoint(format!("tp-{k}"), Stage::Research, at))
            .unwrap();
    }
    let dup = j
        .record(touchpoint("tp-99999".into(), Stage::Research, at))
        .unwrap_err();
    assert_eq!(dup.code(), "invalid_touchpoint");
    // A list replaced by hand is noticed: the index is rebuilt, never trusted blindly.
    j.touchpoints = vec![touchpoint("fresh".into(), Stage::Research, at)];
    j.record(touchpoint("tp-99999".into(), Stage::Research, at))
        .unwrap();
    let again = j
        .record(touchpoint("fresh".into(), Stage::Research, at))
        .unwrap_err();
    assert_eq!(again.code(), "invalid_touchpoint");
    // Moves stay O(1) too: the latest instant is indexed, not rescanned.
    assert_eq!(j.advance(at).unwrap(), Stage::Selection);
    assert_eq!(
        j.advance(at - Duration::seconds(1)).unwrap_err().code(),
        "time_order"
    );
}

#[test]
fn validating_a_hundred_thousand_visits_and_touchpoints_is_linear() {
    let mut j = journey_with_visits(100_000);
    let at = t(2026, 6, 1);
    for k in 0..100_000 {
        let stage = if k % 2 == 0 {
            Stage::Research
        } else {
            Stage::Selection
        };
        j.touchpoints.push(touchpoint(format!("tp-{k}"), stage, at));
    }
    let started = std::time::Instant::now();
    j.validate().unwrap();
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
    j.touchpoints
        .push(touchpoint("tp-7".into(), Stage::Research, at));
    assert_eq!(j.validate().unwrap_err().code(), "invalid_touchpoint");
}

#[test]
fn merging_ten_thousand_batches_one_by_one_is_linear() {
    let one = journey_with_visits(3);
    let mut batch = MapAccumulator::exact();
    batch.add_journeys(std::slice::from_ref(&one)).unwrap();
    let mut acc = MapAccumulator::exact();
    for _ in 0..10_000 {
        acc.merge(&batch).unwrap();
    }
    let map = acc.finish(&MapOptions::default()).unwrap();
    assert_eq!(map.journeys, 10_000);
    assert_eq!(
        map,
        journey_map(&vec![one; 10_000], &MapOptions::default()).unwrap()
    );
}

#[test]
fn a_damaged_accumulator_is_refused_not_mapped() {
    let mut acc = MapAccumulator::exact();
    acc.add_journeys(&samples::journeys().unwrap()).unwrap();
    let good: serde_json::Value = serde_json::from_str(&acc.to_json().unwrap()).unwrap();
    for (field, value) in [
        ("journeys", serde_json::json!(999)),
        ("entered", serde_json::json!([1, 0, 0, 0, 0, 0, 0])),
        (
            "sentimentMilli",
            serde_json::json!([i64::MAX, 0, 0, 0, 0, 0, 0]),
        ),
        ("toTreatment", serde_json::json!([-5])),
    ] {
        let mut bad = good.clone();
        bad[field] = value;
        let e = MapAccumulator::from_json(&bad.to_string()).unwrap_err();
        assert_eq!(e.code(), "invalid_input", "{field}: {e}");
    }
}

#[test]
fn long_category_lists_in_a_policy_are_sets_not_scans() {
    // covered x excluded was compared pairwise: 200,000 x 200,000.
    let mut policy = samples::policy().unwrap();
    let covered = policy.covered_categories.clone();
    let excluded = policy.excluded_categories.clone();
    policy.covered_categories = covered.iter().cycle().take(200_000).copied().collect();
    policy.excluded_categories = excluded.iter().cycle().take(200_000).copied().collect();
    policy.validate().unwrap();
    let a = medjourney::adjudicate(&samples::estimate().unwrap(), &policy).unwrap();
    assert_eq!(a, samples::adjudication().unwrap());
    let mut both = policy.clone();
    both.excluded_categories.push(covered[0]);
    assert_eq!(both.validate().unwrap_err().code(), "invalid_policy");
    let json = serde_json::to_string(&both).unwrap();
    assert_eq!(
        InsurancePolicy::from_json(&json).unwrap_err().code(),
        "invalid_policy"
    );
}

#[test]
fn long_request_lists_and_many_procedures_rank_in_linear_time() {
    let catalog = samples::catalog().unwrap();
    let mut request = samples::request().unwrap();
    let options = medjourney::RankOptions {
        top_k: None,
        ..samples::rank_options().unwrap()
    };
    let before = medjourney::rank(&catalog, &request, &options).unwrap();
    // Each excluded provider scanned every list of the request.
    for list in [
        &mut request.excluded_countries,
        &mut request.allowed_countries,
    ] {
        let copy = list.clone();
        *list = copy.iter().cycle().take(100_000).cloned().collect();
    }
    let langs = request.languages.clone();
    request.languages = langs.iter().cycle().take(100_000).cloned().collect();
    let after = medjourney::rank(&catalog, &request, &options).unwrap();
    assert_eq!(after.matches, before.matches);
    assert_eq!(after.excluded_total, before.excluded_total);
    for (a, b) in after.excluded.iter().zip(&before.excluded) {
        assert_eq!(a.reasons, b.reasons, "{}", a.provider_id);
    }
    // A provider's procedures were checked for repeats pairwise.
    let mut p = catalog.providers()[0].clone();
    let offer = p.procedures[0].clone();
    p.procedures = (0..50_000)
        .map(|k| {
            let mut o = offer.clone();
            o.code = format!("procedure-{k}");
            o
        })
        .collect();
    assert!(Catalog::new(vec![p.clone()]).is_ok());
    p.procedures.push(offer.clone());
    p.procedures.push(offer);
    assert_eq!(
        Catalog::new(vec![p]).unwrap_err().code(),
        "invalid_provider"
    );
}

// ---- documented limits: too_large, never memory exhaustion -------------------------------

#[test]
fn sizes_beyond_the_documented_limits_are_too_large() {
    use medjourney::limits;
    let m = Money::parse("100.00 EUR").unwrap();
    assert_eq!(
        m.split(limits::MAX_PARTS + 1).unwrap_err().code(),
        "too_large"
    );
    assert_eq!(m.split(usize::MAX).unwrap_err().code(), "too_large");
    let ratios = vec![Decimal::ONE; limits::MAX_PARTS + 1];
    assert_eq!(m.allocate(&ratios).unwrap_err().code(), "too_large");
    let plan = PaymentPlan::new(
        m,
        None,
        limits::MAX_INSTALLMENTS + 1,
        Interval::Days(1),
        NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(),
    );
    assert_eq!(plan.schedule().unwrap_err().code(), "too_large");
    let quotes: Vec<Quote> = (0..=limits::MAX_COMPARED_QUOTES)
        .map(|k| {
            let mut q = samples::quotes().unwrap().remove(0);
            q.id = format!("q{k}");
            q
        })
        .collect();
    let e = medjourney::compare_quotes(
        &quotes,
        &samples::fx().unwrap(),
        "GBP".parse().unwrap(),
        &Default::default(),
    )
    .unwrap_err();
    assert_eq!(e.code(), "too_large");
}

#[cfg(feature = "itinerary")]
#[test]
fn an_itinerary_beyond_the_item_limit_is_too_large() {
    let mut it = samples::itinerary().unwrap();
    let item = it.items[0].clone();
    it.items = (0..=medjourney::limits::MAX_ITINERARY_ITEMS)
        .map(|k| {
            let mut i = item.clone();
            i.id = format!("i{k}");
            i
        })
        .collect();
    assert_eq!(it.validate().unwrap_err().code(), "too_large");
}

#[test]
fn json_nested_deeper_than_the_limit_is_refused_with_a_code_never_a_stack_overflow() {
    let deep = |depth: usize| format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    // A field nobody reads is skipped without recursion, at any depth, in linear time.
    let quote = |extra: &str| {
        format!(
            r#"{{"id": "q", "providerId": "p", "procedure": "x", "currency": "EUR", "extra": {extra}}}"#
        )
    };
    assert!(Quote::from_json(&quote(&deep(100_000))).is_ok());
    // An itinerary item is read field by field too: a field no item type has is skipped
    // at any depth.
    #[cfg(feature = "itinerary")]
    {
        let mut it: serde_json::Value = serde_json::from_str(samples::ITINERARY_JSON).unwrap();
        it["items"][0]["extra"] = serde_json::from_str(&deep(100)).unwrap();
        let text = it.to_string().replace(&deep(100), &deep(100_000));
        assert!(medjourney::Itinerary::from_json(&text).is_ok());
    }
    // A journey-map state's durations (an array of seconds or a sketch) are read straight
    // from the text too: an array where a number belongs is refused at the second level,
    // in constant time, however deep it goes.
    let state = medjourney::analytics::MapAccumulator::new()
        .to_json()
        .unwrap();
    let mut v: serde_json::Value = serde_json::from_str(&state).unwrap();
    assert!(v.get("toTreatment").is_some(), "{state}");
    v["toTreatment"] = serde_json::from_str(&deep(100)).unwrap();
    let text = v.to_string().replace(&deep(100), &deep(100_000));
    assert_eq!(
        medjourney::analytics::MapAccumulator::from_json(&text)
            .unwrap_err()
            .code(),
        "parse_error"
    );
    // A shape that nests legitimately (a FHIR complex extension holds extensions) stops at
    // serde_json's 128 levels: a coded error naming the element, not a stack overflow.
    #[cfg(feature = "fhir")]
    {
        let nested = |depth: usize| {
            format!(
                "{}{}",
                r#"{"url": "x", "extension": ["#.repeat(depth),
                "]}".repeat(depth)
            )
        };
        let bundle = |depth: usize| {
            format!(
                r#"{{"resourceType": "Bundle", "type": "collection", "entry": [{{"resource": {{"resourceType": "Organization", "id": "o", "name": "A", "extension": [{}]}}}}]}}"#,
                nested(depth)
            )
        };
        let e = Catalog::from_fhir_json(&bundle(100_000)).unwrap_err();
        assert_eq!(e.code(), "invalid_fhir", "{e}");
        assert!(e.to_string().ends_with("recursion limit exceeded"), "{e}");
    }
    // Any JSON reader's recursion limit is too_large, naming the limit.
    let too_deep = serde_json::from_str::<serde_json::Value>(&deep(1000)).unwrap_err();
    let e = medjourney::Error::json("a value", &too_deep);
    assert_eq!(e.code(), "too_large", "{e}");
    assert!(e.to_string().contains("128"), "{e}");
    #[cfg(feature = "itinerary")]
    {
        // A rule table's rows are read straight from the text: an array where a rule
        // should be is refused at the second level, in constant time, whatever follows.
        let table = medjourney::itinerary::rules::fit_to_fly_from_json(&deep(100_000));
        assert_eq!(table.unwrap_err().code(), "parse_error");
    }
}

// ---- wrong answers: subnormal columns -----------------------------------------------------

#[test]
fn topsis_and_weighted_sum_on_a_subnormal_range_give_pymcdms_finite_scores() {
    // pymcdm divides by the range: (x - min) / (max - min), exact for subnormals.
    let matrix = [1e-309, 4.0, 2e-309, 1.0, 3e-309, 3.0];
    let (w, types) = ([0.5, 0.5], [1, -1]);
    let ws = weighted_sum(&matrix, 3, 2, &w, &types, Normalization::MinMax).unwrap();
    let want = [0.0, 0.5 * 0.5 + 0.5 * 1.0, 0.5 * 1.0 + 0.5 * (1.0 / 3.0)];
    for (a, b) in ws.iter().zip(want) {
        assert!((a - b).abs() < 1e-12, "{ws:?}");
    }
    let scores = topsis(&matrix, 3, 2, &w, &types, Normalization::MinMax).unwrap();
    let want = [0.0, 0.690983005625052, 0.6125741132772069];
    for (a, b) in scores.iter().zip(want) {
        assert!((a - b).abs() < 1e-9, "{scores:?}");
    }
    // The smallest subnormals, and every width of the fixed kernels.
    for cols in 1..=12 {
        let matrix: Vec<f64> = (0..4 * cols)
            .map(|k| f64::from_bits((k / cols) as u64 + 1))
            .collect();
        let weights = vec![1.0; cols];
        let types = vec![1; cols];
        let s = topsis(&matrix, 4, cols, &weights, &types, Normalization::MinMax).unwrap();
        let expect = [0.0, 1.0 / 3.0, 2.0 / 3.0, 1.0];
        for (a, b) in s.iter().zip(expect) {
            assert!((a - b).abs() < 1e-12, "{cols} columns: {s:?}");
        }
        let v = topsis(&matrix, 4, cols, &weights, &types, Normalization::Vector).unwrap();
        assert!(
            v.iter().all(|x| x.is_finite() && (0.0..=1.0).contains(x)),
            "{v:?}"
        );
        assert!(
            v.windows(2).all(|p| p[0] < p[1]),
            "vector scores keep the order: {v:?}"
        );
    }
}

#[test]
fn ranking_with_subnormal_distances_scores_finitely() {
    let mut providers = samples::catalog().unwrap().providers().to_vec();
    for (k, p) in providers.iter_mut().enumerate() {
        p.airport_distance_km = Some(f64::from_bits(k as u64 + 1));
    }
    let catalog = Catalog::new(providers).unwrap();
    for method in [medjourney::Method::WeightedSum, medjourney::Method::Topsis] {
        let options = medjourney::RankOptions {
            method,
            ..samples::rank_options().unwrap()
        };
        let r = medjourney::rank(&catalog, &samples::request().unwrap(), &options).unwrap();
        assert!(!r.matches.is_empty());
        for m in &r.matches {
            assert!(
                m.score.is_finite() && (0.0..=1.0).contains(&m.score),
                "{m:?}"
            );
        }
    }
}

// ---- outputs that did not parse -----------------------------------------------------------

#[test]
fn journey_map_svg_with_a_noncharacter_title_is_well_formed_and_scales() {
    let map = samples::journey_map_sample().unwrap();
    for title in [
        "\u{fffe}",
        "\u{ffff}\u{fdd0}x\u{10fffe}",
        "\u{202e}<b>&\u{1}",
        "nul\u{0} esc\u{1b} del\u{7f} c1\u{85} tab\t line\n\r\u{2028}",
    ] {
        let svg = map.to_svg_titled(title);
        let doc = roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{title:?}: {e}"));
        let root = doc.root_element();
        assert_eq!(root.attribute("width"), Some("100%"));
        assert_eq!(
            root.attribute("viewBox").map(|v| v.starts_with("0 0 1220")),
            Some(true)
        );
        assert!(!svg.contains(['\u{fffe}', '\u{ffff}', '\u{fdd0}', '\u{202e}']));
        assert!(!svg.contains(|c: char| c.is_control() && c != '\n'));
    }
}

// ---- money: sums are exact or refused ---------------------------------------------------

#[test]
fn money_sums_that_do_not_fit_exactly_are_an_overflow_not_a_rounding() {
    // rust_decimal rounds a sum past its 96-bit mantissa instead of failing: two trip
    // lines summed to a total one cent off the sum of the lines (found by fuzzing
    // `adjudicate`).
    let big = Money::parse("792281625142643375935439503.35 EUR").unwrap();
    let cent = Money::parse("0.01 EUR").unwrap();
    assert_eq!(big.add(&cent).unwrap_err().code(), "overflow");
    assert_eq!(big.neg().sub(&cent).unwrap_err().code(), "overflow");
    assert_eq!(
        Money::sum(&[big, cent], big.currency()).unwrap_err().code(),
        "overflow"
    );
    // Exact sums are unaffected, even when they drop a zero digit to fit.
    let a = Money::parse("7922816251426433759354395033.5 XXX").unwrap();
    let b = Money::parse("0.50 XXX").unwrap();
    let sum = a.add(&b).unwrap();
    assert_eq!(
        sum.amount(),
        "7922816251426433759354395034".parse::<Decimal>().unwrap()
    );
    assert_eq!(sum.sub(&b).unwrap(), a);
    assert_eq!(big.sub(&big).unwrap().amount(), Decimal::ZERO);
    let x = Money::parse("10.50 EUR").unwrap();
    assert_eq!(x.add(&cent).unwrap().to_string(), "10.51 EUR");
}

#[test]
fn a_sum_rounded_twice_back_to_its_operand_is_still_an_overflow() {
    // X.4 + 0.06 = X.46 does not fit at two decimals, so rust_decimal gives X.5; X.5 − 0.06
    // rounds back to X.4, so checking the sum by subtracting again was fooled (found by
    // fuzzing `adjudicate`: a trip total one unit off the sum of its lines).
    let a = Money::parse("7922816251426433759354395033.4 XXX").unwrap();
    let b = Money::parse("0.06 XXX").unwrap();
    assert_eq!(a.add(&b).unwrap_err().code(), "overflow");
    assert_eq!(b.add(&a).unwrap_err().code(), "overflow");
    assert_eq!(a.neg().sub(&b).unwrap_err().code(), "overflow");
    assert_eq!(
        Money::sum(&[a, b], a.currency()).unwrap_err().code(),
        "overflow"
    );
}

/// Mantissa and scale of a decimal as an exact number of 10⁻⁴ units (scales ≤ 4).
fn ten_thousandths(d: Decimal) -> i128 {
    d.mantissa() * 10i128.pow(4 - d.scale())
}

proptest::proptest! {
    #[test]
    fn money_sums_are_exact_or_an_overflow(
        ma in -(1i128 << 96) + 1..(1i128 << 96),
        sa in 0u32..=4,
        mb in proptest::prop_oneof![-(1i128 << 96) + 1..(1i128 << 96), -1000i128..1000],
        sb in 0u32..=4,
    ) {
        let a = Money::new(Decimal::from_i128_with_scale(ma, sa), "XXX".parse().unwrap());
        let b = Money::new(Decimal::from_i128_with_scale(mb, sb), a.currency());
        // The exact sum in 10⁻⁴ units: below 2·2⁹⁶·10⁴, it fits an i128.
        let exact = ten_thousandths(a.amount()) + ten_thousandths(b.amount());
        // Representable iff at some scale ≤ 4 it is a whole mantissa of at most 96 bits.
        let fits = (0..=4u32).any(|s| {
            let unit = 10i128.pow(4 - s);
            exact % unit == 0 && (exact / unit).unsigned_abs() < (1u128 << 96)
        });
        match a.add(&b) {
            Ok(sum) => proptest::prop_assert_eq!(ten_thousandths(sum.amount()), exact),
            Err(e) => {
                proptest::prop_assert_eq!(e.code(), "overflow");
                proptest::prop_assert!(!fits, "{} + {} = {exact}e-4 fits", a, b);
            }
        }
    }
}

#[test]
fn a_batch_total_that_does_not_fit_exactly_is_an_overflow_not_a_rounding() {
    // Found by fuzzing `fx_json`: the batch total dropped the 0.03 of a second line
    // (2117550782153263065442842451.8 + 0.03 needs a 30-digit mantissa).
    let fx = samples::fx().unwrap();
    let eur = "EUR".parse().unwrap();
    let big = Money::parse("2117550782153263065442842451.8 EUR").unwrap();
    let small = Money::parse("0.03 EUR").unwrap();
    let usd = Money::parse("0.05 USD").unwrap();
    let options = medjourney::ConvertOptions::default();
    for items in [vec![big, small], vec![small, big], vec![usd, big]] {
        let each = fx.convert_each(&items, eur, &options);
        assert_eq!(each.unwrap_err().code(), "overflow", "{items:?}");
        let sum = fx.convert_sum(&items, eur, medjourney::RoundingMode::HalfEven);
        assert_eq!(sum.unwrap_err().code(), "overflow", "{items:?}");
    }
    // A total that fits exactly is still given.
    let batch = fx
        .convert_each(&[big, big.neg(), small], eur, &options)
        .unwrap();
    assert_eq!(batch.total, small);
}
