//! Itinerary rules through the public API: the sample, the shipped tables, iCalendar output.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic
#![cfg(feature = "itinerary")]

use medjourney::itinerary::{
    day_by_day, rules, summary_text, Details, EntryPart, FitToFlyRule, ItemType,
};
use medjourney::{check, samples, to_ics, FindingCode, Itinerary, ItineraryRules, Severity};
use proptest::prelude::*;

fn ics_calendar(text: &str) -> ical::parser::ical::component::IcalCalendar {
    ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()))
        .next()
        .expect("a calendar")
        .expect("ical parses it")
}

#[test]
fn sample_flight_home_five_days_after_knee_replacement_is_not_fit_to_fly() {
    let it = samples::itinerary().unwrap();
    let found = check(&it, &samples::itinerary_rules()).unwrap();
    let fit: Vec<_> = found
        .iter()
        .filter(|f| f.code == FindingCode::FitToFly)
        .collect();
    assert_eq!(fit.len(), 1, "{found:#?}");
    assert_eq!(fit[0].severity, Severity::Error);
    assert_eq!(fit[0].items, vec!["procedure", "flight-home"]);
    assert!(fit[0].message.contains("5 day(s)"), "{}", fit[0].message);
}

#[test]
fn sample_has_exactly_one_deliberate_problem_the_flight_home_too_soon() {
    let found = check(&samples::itinerary().unwrap(), &ItineraryRules::default()).unwrap();
    let errors: Vec<FindingCode> = found
        .iter()
        .filter(|f| f.severity == medjourney::Severity::Error)
        .map(|f| f.code)
        .collect();
    assert_eq!(errors, vec![FindingCode::FitToFly], "{found:#?}");
}

#[test]
fn passport_short_of_turkeys_150_days_is_a_passport_validity_error() {
    let mut it = samples::itinerary().unwrap();
    it.traveller.passport_expires = chrono::NaiveDate::from_ymd_opt(2027, 6, 30);
    let found = check(&it, &ItineraryRules::default()).unwrap();
    assert!(
        found
            .iter()
            .any(|f| f.code == FindingCode::PassportValidity),
        "{found:#?}"
    );
}

#[test]
fn sample_is_fine_once_the_flight_home_moves_to_day_ten() {
    let mut it = samples::itinerary().unwrap();
    let ten_days = chrono::Duration::days(5);
    for item in &mut it.items {
        if matches!(
            item.id.as_str(),
            "post-op-check"
                | "transfer-hotel-clinic"
                | "transfer-clinic-ist"
                | "flight-home"
                | "transfer-man-home"
        ) {
            item.start += ten_days;
            item.end += ten_days;
        }
        if item.id == "stay-hotel" {
            item.end += ten_days;
        }
    }
    assert_eq!(check(&it, &ItineraryRules::default()).unwrap(), vec![]);
}

#[test]
fn sample_round_trips_through_json() {
    let it = samples::itinerary().unwrap();
    let back = Itinerary::from_json(&it.to_json().unwrap()).unwrap();
    assert_eq!(it, back);
    let rules = ItineraryRules::default();
    let text = serde_json::to_string(&rules).unwrap();
    assert_eq!(ItineraryRules::from_json(&text).unwrap(), rules);
}

#[test]
fn sample_covers_every_item_type_and_the_story_facts() {
    let it = samples::itinerary().unwrap();
    for t in [
        ItemType::Flight,
        ItemType::GroundTransfer,
        ItemType::Stay,
        ItemType::Appointment,
        ItemType::Leisure,
        ItemType::DocumentTask,
    ] {
        assert!(it.items.iter().any(|i| i.item_type() == t), "no {t:?}");
    }
    let procedure = it.items.iter().find(|i| i.id == "procedure").unwrap();
    assert!(
        matches!(&procedure.details, Details::Appointment { provider_id: Some(p), procedure: Some(c), .. } if p == "bosphorus-ortho" && c == "knee_replacement")
    );
    assert_eq!(it.traveller.home_country, "GB");
    assert_eq!(
        it.traveller.passport_expires,
        chrono::NaiveDate::from_ymd_opt(2031, 6, 30)
    );
}

#[test]
fn shipped_tables_parse_and_every_row_names_its_source() {
    let fit = rules::standard_fit_to_fly().unwrap();
    let visas = rules::standard_visas().unwrap();
    assert!(fit.len() >= 12 && visas.len() >= 3);
    assert!(fit.iter().all(|r| !r.source.trim().is_empty()));
    assert!(visas.iter().all(|r| !r.source.trim().is_empty()));
    let knee = ItineraryRules::default();
    let knee = knee.fit_to_fly_rule("hip_or_knee_replacement").unwrap();
    assert_eq!(knee.min_days, 10);
    let india = ItineraryRules::default();
    let india = india.visa_rule("GB", "IN").unwrap();
    assert_eq!(
        (india.apply_min_days_before, india.apply_max_days_before),
        (Some(4), Some(120))
    );
}

#[test]
fn caller_override_replaces_one_fit_to_fly_row_and_keeps_the_rest() {
    let mut rules = ItineraryRules::default();
    rules.override_fit_to_fly(FitToFlyRule {
        category: "hip_or_knee_replacement".into(),
        procedure: String::new(),
        min_days: 3,
        advised_days: None,
        source: "treating surgeon".into(),
        note: None,
    });
    assert_eq!(
        rules
            .fit_to_fly_rule("hip_or_knee_replacement")
            .unwrap()
            .min_days,
        3
    );
    assert_eq!(rules.fit_to_fly_rule("face_lift").unwrap().min_days, 14);
    let found = check(&samples::itinerary().unwrap(), &rules).unwrap();
    assert!(found.iter().all(|f| f.code != FindingCode::FitToFly));
}

#[test]
fn visa_table_with_min_days_above_max_days_is_rejected() {
    let err = rules::visas_from_json(r#"[{"nationality":"GB","destination":"IN","visaRequired":true,"applyMinDaysBefore":30,"applyMaxDaysBefore":4,"source":"x"}]"#).unwrap_err();
    assert_eq!(err.code(), "invalid_input");
    assert_eq!(
        rules::fit_to_fly_from_json("{").unwrap_err().code(),
        "parse_error"
    );
}

#[test]
fn nan_distance_to_clinic_is_rejected_not_compared() {
    let mut it = samples::itinerary().unwrap();
    for item in &mut it.items {
        if let Details::Stay {
            distance_to_clinic_km,
            ..
        } = &mut item.details
        {
            *distance_to_clinic_km = Some(f64::NAN);
        }
    }
    assert_eq!(
        check(&it, &ItineraryRules::default()).unwrap_err().code(),
        "invalid_item"
    );
    let rules = ItineraryRules {
        max_post_op_stay_distance_km: f64::INFINITY,
        ..ItineraryRules::default()
    };
    assert_eq!(
        check(&samples::itinerary().unwrap(), &rules)
            .unwrap_err()
            .code(),
        "invalid_input"
    );
}

#[test]
fn ics_of_the_sample_parses_with_one_event_per_item_and_stable_uids() {
    let it = samples::itinerary().unwrap();
    let text = to_ics(&it).unwrap();
    assert_eq!(text, to_ics(&it).unwrap(), "output is deterministic");
    let cal = ics_calendar(&text);
    assert_eq!(cal.events.len(), it.items.len());
    let uid = |e: &ical::parser::ical::component::IcalEvent| {
        e.properties
            .iter()
            .find(|p| p.name == "UID")
            .and_then(|p| p.value.clone())
            .unwrap()
    };
    let uids: std::collections::HashSet<String> = cal.events.iter().map(uid).collect();
    assert_eq!(uids.len(), it.items.len(), "UIDs are unique");
    assert!(uids.contains("procedure.PT-0042-knee-2027@medjourney"));
    for e in &cal.events {
        for name in ["DTSTART", "DTEND", "DTSTAMP"] {
            let v = e
                .properties
                .iter()
                .find(|p| p.name == name)
                .and_then(|p| p.value.clone())
                .unwrap();
            assert!(v.ends_with('Z') && v.len() == 16, "{name} {v} is UTC");
        }
    }
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "line over 75 octets: {line:?}");
    }
    assert!(text.ends_with("END:VCALENDAR\r\n"));
    assert!(
        !text.replace("\r\n", "").contains('\n'),
        "only CRLF line ends"
    );
}

#[test]
fn ics_shows_local_times_with_zone_in_the_description() {
    let text = to_ics(&samples::itinerary().unwrap())
        .unwrap()
        .replace("\r\n ", "");
    // 14:40 in Istanbul is 11:40 UTC; the description keeps the patient's local view.
    assert!(text.contains("DTSTART:20270222T114000Z"));
    assert!(text.contains("Starts Mon 22 Feb 2027 14:40 (Europe/Istanbul)"));
    assert!(text.contains("Ends Mon 22 Feb 2027 16:55 (Europe/London)"));
}

#[test]
fn day_by_day_lists_local_times_and_a_contact_for_every_entry() {
    let it = samples::itinerary().unwrap();
    let days = day_by_day(&it).unwrap();
    let first_trip_day = days
        .iter()
        .find(|d| d.date.to_string() == "2027-02-15")
        .unwrap();
    let flight = first_trip_day
        .entries
        .iter()
        .find(|e| e.item_id == "flight-out")
        .unwrap();
    assert_eq!(flight.part, EntryPart::Whole);
    assert_eq!(flight.start_local.to_string(), "2027-02-15 09:45:00");
    assert_eq!(flight.end_local.to_string(), "2027-02-15 16:45:00");
    let hotel_out = days
        .iter()
        .find(|d| d.date.to_string() == "2027-02-22")
        .unwrap();
    assert!(hotel_out
        .entries
        .iter()
        .any(|e| e.item_id == "stay-hotel" && e.part == EntryPart::Ends));
    assert!(days
        .iter()
        .flat_map(|d| &d.entries)
        .all(|e| e.contact.is_some()));
    let text = summary_text(&it).unwrap();
    assert!(text.contains("Wednesday 17 February 2027"));
    assert!(text.contains("08:00-11:00 Europe/Istanbul  Total knee replacement"));
}

fn one_item_itinerary(title: &str) -> Itinerary {
    let json = serde_json::json!({
        "id": "p", "updatedAt": "2026-11-22T09:00:00Z",
        "traveller": {"homeCountry": "GB", "nationality": "GB"},
        "items": [{"id": "x", "type": "leisure", "title": title,
                   "start": "2027-02-16T10:00:00Z", "end": "2027-02-16T11:00:00Z", "zone": "Europe/London"}]
    });
    serde_json::from_value(json).unwrap()
}

/// Undoes RFC 5545 TEXT escaping, as a reader does.
fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') | Some('N') => out.push('\n'),
                Some(o) => out.push(o),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

proptest! {
    #[test]
    fn ics_folds_at_75_octets_and_text_round_trips(title in "[a-zA-Z0-9 ,;:\\\\\nçşğıİüöé€😀中文]{0,300}") {
        let text = to_ics(&one_item_itinerary(&title)).unwrap();
        for line in text.split("\r\n") {
            prop_assert!(line.len() <= 75);
        }
        let cal = ics_calendar(&text);
        prop_assert_eq!(cal.events.len(), 1);
        let unfolded = text.replace("\r\n ", "");
        let summary = unfolded.split("\r\n").find_map(|l| l.strip_prefix("SUMMARY:")).unwrap();
        let expected = if title.trim().is_empty() { "Leisure".to_string() } else { title.clone() };
        prop_assert_eq!(unescape(summary), expected);
    }

    #[test]
    fn a_fold_never_ends_a_line_with_a_blank_so_readers_keep_the_spaces(
        title in "([a-zé€中]{1,9}[ \u{a0}\u{2009}\u{3000}]{1,6}){1,40}[a-z]"
    ) {
        let text = to_ics(&one_item_itinerary(&title)).unwrap();
        for line in text.split("\r\n") {
            prop_assert!(line.len() <= 75);
            // Readers trim Unicode whitespace (no-break and ideographic spaces too).
            prop_assert_eq!(line.trim_end(), line);
        }
        // The `ical` crate trims each physical line before unfolding, as calendar apps do.
        let cal = ics_calendar(&text);
        let summary = cal.events[0]
            .properties
            .iter()
            .find(|p| p.name == "SUMMARY")
            .and_then(|p| p.value.clone())
            .unwrap();
        prop_assert_eq!(unescape(&summary), title);
    }

    #[test]
    fn a_title_keeps_its_leading_colons_as_rfc_5545_writes_them(title in ":{1,3}[a-z ]{0,8}[a-z]") {
        // The value is everything after the property's first colon; the `ical` crate drops
        // leading colons of a value, so the raw line is checked here.
        let text = to_ics(&one_item_itinerary(&title)).unwrap();
        let line = format!("\r\nSUMMARY:{title}\r\n");
        prop_assert!(text.contains(&line), "{text}");
    }

    #[test]
    fn any_control_characters_in_text_never_break_the_calendar(title in "\\PC*[\r\n\u{0}-\u{1f}]{1,5}\\PC*") {
        let text = to_ics(&one_item_itinerary(&title)).unwrap();
        let cal = ics_calendar(&text);
        prop_assert_eq!(cal.events.len(), 1);
        for line in text.split("\r\n").filter(|l| !l.is_empty()) {
            prop_assert!(!line.contains('\r') && !line.contains('\n'));
            let first = line.chars().next().unwrap();
            prop_assert!(first == ' ' || line.contains(':'), "{line:?}");
        }
    }

    #[test]
    fn findings_never_depend_on_item_order(seed in any::<u64>()) {
        let it = samples::itinerary().unwrap();
        let mut shuffled = it.clone();
        let n = shuffled.items.len();
        let mut s = seed;
        for i in (1..n).rev() {
            s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            shuffled.items.swap(i, (s >> 33) as usize % (i + 1));
        }
        let rules = ItineraryRules::default();
        prop_assert_eq!(check(&it, &rules).unwrap(), check(&shuffled, &rules).unwrap());
    }
}

/// Trips to Türkiye from MAN: `(days after 2027-01-01 the trip starts, days it lasts)`,
/// each after the previous one's return.
fn turkey_trips(trips: &[(u32, u32)]) -> Itinerary {
    let start = chrono::NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
    let mut items = Vec::new();
    let mut day = 0i64;
    for (k, (gap, len)) in trips.iter().enumerate() {
        let first = start + chrono::Duration::days(day + i64::from(*gap));
        let last = first + chrono::Duration::days(i64::from(*len));
        day += i64::from(*gap) + i64::from(*len) + 1;
        // Out at 09:00 UTC lands at noon; home leaves at 13:00 UTC a day or more later, so
        // no stay is short enough to be a connection (under the 24-hour window).
        items.push(
            serde_json::json!({"id": format!("out-{k}"), "type": "flight",
            "from": "MAN", "to": "IST", "fromCountry": "GB", "toCountry": "TR",
            "start": format!("{first}T09:00:00Z"), "end": format!("{first}T12:00:00Z"),
            "zone": "Europe/London", "endZone": "Europe/Istanbul"}),
        );
        items.push(serde_json::json!({"id": format!("bed-{k}"), "type": "stay",
            "start": format!("{first}T12:00:00Z"), "end": format!("{last}T06:00:00Z"),
            "zone": "Europe/Istanbul"}));
        items.push(
            serde_json::json!({"id": format!("home-{k}"), "type": "flight",
            "from": "IST", "to": "MAN", "fromCountry": "TR", "toCountry": "GB",
            "start": format!("{last}T13:00:00Z"), "end": format!("{last}T17:00:00Z"),
            "zone": "Europe/Istanbul", "endZone": "Europe/London"}),
        );
    }
    serde_json::from_value(
        serde_json::json!({"id": "rolling", "updatedAt": "2026-11-22T09:00:00Z",
        "traveller": {"homeCountry": "GB", "nationality": "GB", "passportExpires": "2099-01-01"},
        "items": items}),
    )
    .unwrap()
}

proptest! {
    /// The rolling "90 days in any 180" check agrees with counting every day of every
    /// window by brute force, on random series of trips.
    #[test]
    fn rolling_visa_limit_agrees_with_counting_every_window(
        trips in prop::collection::vec((0u32..200, 1u32..80), 1..8),
    ) {
        let it = turkey_trips(&trips);
        let mut present = std::collections::BTreeSet::new();
        let mut day = 0i64;
        for (gap, len) in &trips {
            let first = day + i64::from(*gap);
            for d in first..=first + i64::from(*len) {
                present.insert(d);
            }
            day = first + i64::from(*len) + 1;
        }
        let over = present
            .iter()
            .any(|&d| present.range(d - 179..=d).count() > 90);
        let found = check(&it, &ItineraryRules::default()).unwrap();
        let flagged = found.iter().any(|f| f.code == FindingCode::VisaStayTooLong);
        prop_assert_eq!(flagged, over, "{:?}", found);
        prop_assert!(found.iter().all(|f| f.code == FindingCode::VisaStayTooLong), "{:?}", found);
    }
}

#[test]
fn a_thousand_trips_are_checked_in_linear_time() {
    // 1000 stays of 2 days, 6 days apart: 45 days in any 180, never over the limit.
    let it = turkey_trips(&vec![(5, 1); 1000]);
    let started = std::time::Instant::now();
    let found = check(&it, &ItineraryRules::default()).unwrap();
    assert!(
        found.is_empty(),
        "{} findings, first {:?}",
        found.len(),
        found.first()
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
}

#[test]
fn rolling_limit_rows_are_validated() {
    let mut rules = ItineraryRules::default();
    rules.override_visa(medjourney::itinerary::VisaRule {
        nationality: "GB".into(),
        destination: "TR".into(),
        visa_required: false,
        visa_type: None,
        apply_min_days_before: None,
        apply_max_days_before: None,
        max_stay_days: None,
        rolling_limit: Some(medjourney::itinerary::RollingLimit {
            days: 0,
            period_days: 180,
        }),
        area: None,
        passport_valid_months: 0,
        passport_valid_days: 0,
        passport_valid_from: medjourney::itinerary::ValidFrom::Arrival,
        documents: vec![],
        source: "test".into(),
    });
    let err = check(&turkey_trips(&[(0, 3)]), &rules).unwrap_err();
    assert_eq!(err.code(), "invalid_input");
    assert!(
        err.to_string().contains("visaOverrides[0].rollingLimit"),
        "{err}"
    );
}

#[test]
fn every_item_type_reads_back_and_names_each_missing_field_it_needs() {
    let sample: serde_json::Value =
        serde_json::from_str(medjourney::samples::ITINERARY_JSON).unwrap();
    let it = medjourney::Itinerary::from_json(&sample.to_string()).unwrap();
    let back = medjourney::Itinerary::from_json(&it.to_json().unwrap()).unwrap();
    assert_eq!(back, it);
    let needs = |kind: &str| -> &[&str] {
        match kind {
            "flight" => &[
                "id",
                "start",
                "end",
                "zone",
                "type",
                "from",
                "to",
                "fromCountry",
                "toCountry",
            ],
            "appointment" => &["id", "start", "end", "zone", "type", "appointmentType"],
            "document_task" => &["id", "start", "end", "zone", "type", "task"],
            _ => &["id", "start", "end", "zone", "type"],
        }
    };
    let mut kinds = std::collections::BTreeSet::new();
    for item in sample["items"].as_array().unwrap() {
        let kind = item["type"].as_str().unwrap();
        kinds.insert(kind.to_string());
        for field in needs(kind) {
            let mut cut = sample.clone();
            let first = cut["items"]
                .as_array_mut()
                .unwrap()
                .iter_mut()
                .find(|i| i["id"] == item["id"])
                .unwrap();
            first.as_object_mut().unwrap().remove(*field);
            let err = medjourney::Itinerary::from_json(&cut.to_string()).unwrap_err();
            assert_eq!(err.code(), "parse_error", "{kind} without {field}");
            assert!(
                err.to_string()
                    .contains(&format!("missing field `{field}`")),
                "{kind}: {err}"
            );
        }
    }
    assert_eq!(kinds.len(), 6, "the sample has every item type: {kinds:?}");
}
