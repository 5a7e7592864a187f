//! The trip planner through the public API: the sample plan, what every plan promises, and
//! the coded errors of bad requests.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic
#![cfg(all(feature = "itinerary", feature = "knowledge"))]

use chrono::{Datelike, Duration, NaiveDate, NaiveTime, Timelike};
use chrono_tz::Tz;
use medjourney::itinerary::{
    AppointmentType, Companion, Details, DocumentKind, ItemStatus, ItemType,
};
use medjourney::matching::catalog::Amenity;
use medjourney::planning::{Plan, PlanNoteCode, PlanRequest, WorkingHours};
use medjourney::{
    check, plan_trip, rank, refund_due, samples, FindingCode, ItineraryRules, Money, Severity,
};
use proptest::prelude::*;

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn sample() -> PlanRequest {
    samples::plan_request().unwrap()
}

#[test]
fn the_sample_plan_request_reads_back_from_its_own_json() {
    // The sample sets its quote, rates and options as values; a caller sending the same
    // request as JSON gets the same request.
    let request = sample();
    assert!(request.quote.is_some());
    let text = request.to_json().unwrap();
    assert_eq!(PlanRequest::from_json(&text).unwrap(), request);
}

fn plan(req: &PlanRequest) -> Plan {
    plan_trip(req).unwrap_or_else(|e| panic!("{}: {e}", e.code()))
}

fn item<'p>(plan: &'p Plan, id: &str) -> &'p medjourney::itinerary::Item {
    plan.itinerary
        .items
        .iter()
        .find(|i| i.id == id)
        .unwrap_or_else(|| panic!("no item {id}"))
}

fn local_date(plan: &Plan, id: &str) -> NaiveDate {
    let it = item(plan, id);
    let tz: Tz = it.zone.parse().unwrap();
    it.start.with_timezone(&tz).date_naive()
}

fn notes(plan: &Plan) -> Vec<PlanNoteCode> {
    plan.notes.iter().map(|n| n.code).collect()
}

#[test]
fn the_sample_request_is_pt_0042_with_the_top_ranked_clinic() {
    let req = sample();
    let ranking = rank(
        &samples::catalog().unwrap(),
        &samples::request().unwrap(),
        &samples::rank_options().unwrap(),
    )
    .unwrap();
    assert_eq!(req.provider_id, ranking.matches[0].provider_id);
    assert_eq!(req.patient.id, "PT-0042");
    assert_eq!(req.procedure, samples::request().unwrap().procedure);
    assert_eq!(
        req.quote.as_ref().map(|q| q.provider_id.as_str()),
        Some("bosphorus-ortho")
    );
}

#[test]
fn the_sample_plan_keeps_the_guides_days_and_flies_home_after_the_day_twelve_check() {
    let p = plan(&sample());
    let k = &p.key_dates;
    assert_eq!(k.depart, date("2027-02-15"));
    assert_eq!(k.arrive, date("2027-02-15"));
    assert_eq!(k.pre_op, date("2027-02-16"));
    assert_eq!(k.procedure, date("2027-02-17"));
    assert_eq!(k.discharge, date("2027-02-22"));
    assert_eq!(k.fit_to_fly, date("2027-02-27"));
    assert_eq!(k.advised_return, date("2027-02-27"));
    // The guide's wound check is on day 12, then the two leisure days asked for.
    assert_eq!(local_date(&p, "clinic-check-day-12"), date("2027-03-01"));
    assert_eq!(k.fly_home, date("2027-03-03"));
    assert_eq!(k.home, date("2027-03-03"));
    assert_eq!(local_date(&p, "flight-home"), k.fly_home);
    assert_eq!(local_date(&p, "leisure-day-12"), date("2027-03-01"));
    assert_eq!(local_date(&p, "leisure-day-13"), date("2027-03-02"));
}

#[test]
fn the_sample_plan_passes_its_own_check_with_no_finding_at_all() {
    let p = plan(&sample());
    let found = check(&p.itinerary, &ItineraryRules::default()).unwrap();
    assert_eq!(found, vec![]);
    assert_eq!(p.findings, found);
}

#[test]
fn flights_transfers_and_the_hotel_are_placeholders_to_book_without_flight_numbers() {
    let p = plan(&sample());
    for it in &p.itinerary.items {
        match &it.details {
            Details::Flight {
                carrier,
                flight_number,
                booking_ref,
                ..
            } => {
                assert!(carrier.is_empty() && flight_number.is_empty() && booking_ref.is_none());
                assert_eq!(it.status, Some(ItemStatus::ToBook), "{}", it.id);
            }
            Details::GroundTransfer { .. } => {
                assert_eq!(it.status, Some(ItemStatus::ToBook), "{}", it.id)
            }
            Details::Stay { .. } if it.id.starts_with("hotel") => {
                assert_eq!(it.status, Some(ItemStatus::ToBook), "{}", it.id)
            }
            _ => assert_eq!(it.status, Some(ItemStatus::Proposed), "{}", it.id),
        }
    }
    let ics = p.itinerary.to_ics().unwrap();
    assert!(ics.contains("STATUS:TENTATIVE"));
    assert!(!ics.contains("STATUS:CONFIRMED"));
}

#[test]
fn every_item_has_one_reason_and_paperwork_its_deadline() {
    let p = plan(&sample());
    let ids: Vec<&str> = p.itinerary.items.iter().map(|i| i.id.as_str()).collect();
    let reasons: Vec<&str> = p.reasons.iter().map(|r| r.item_id.as_str()).collect();
    assert_eq!(ids, reasons);
    for r in &p.reasons {
        assert!(r.text.len() > 20 && r.text.ends_with('.'), "{r:?}");
    }
    let records = p
        .reasons
        .iter()
        .find(|r| r.item_id == "records-transfer")
        .unwrap();
    assert_eq!(records.deadline, Some(p.key_dates.records_by));
    assert!(p.key_dates.records_by < p.key_dates.consultation);
}

#[test]
fn the_hotel_has_the_rooms_features_and_covers_every_night_at_the_destination() {
    let p = plan(&sample());
    let hotel = item(&p, "hotel");
    match &hotel.details {
        Details::Stay {
            accessible_room, ..
        } => assert!(*accessible_room),
        other => panic!("{other:?}"),
    }
    assert_eq!(hotel.start, item(&p, "transfer-arrival").end);
    assert_eq!(hotel.end, item(&p, "transfer-to-airport-home").start);
    // With no companion the room is given up during the hospital nights.
    let mut alone = sample();
    alone.patient.companions.clear();
    alone.patient.needs.push(Amenity::HalalFood);
    let p = plan(&alone);
    assert!(p.itinerary.items.iter().all(|i| i.id != "hotel"));
    let before = item(&p, "hotel-before");
    let after = item(&p, "hotel-after");
    assert_eq!(before.end, item(&p, "transfer-to-clinic").start);
    assert_eq!(after.start, item(&p, "discharge").end);
    assert!(matches!(
        after.details,
        Details::Stay {
            kitchenette: true,
            ..
        }
    ));
    let found = check(&p.itinerary, &ItineraryRules::default()).unwrap();
    assert!(found.iter().all(|f| f.code != FindingCode::NightWithoutBed));
    assert!(notes(&p).contains(&PlanNoteCode::CompanionAdvised));
}

#[test]
fn leisure_days_come_after_the_patient_is_fit_to_fly() {
    let p = plan(&sample());
    for it in p
        .itinerary
        .items
        .iter()
        .filter(|i| i.id.starts_with("leisure"))
    {
        let tz: Tz = it.zone.parse().unwrap();
        assert!(it.start.with_timezone(&tz).date_naive() >= p.key_dates.fit_to_fly);
    }
}

#[test]
fn a_latest_return_shortens_the_leisure_first_then_the_stay_down_to_the_fit_to_fly_day() {
    let mut req = sample();
    req.latest_return = Some(date("2027-03-02"));
    let p = plan(&req);
    assert_eq!(p.key_dates.fly_home, date("2027-03-02"));
    assert!(notes(&p).contains(&PlanNoteCode::LeisureShortened));
    assert!(!notes(&p).contains(&PlanNoteCode::ReturnBeforeAdvised));

    req.latest_return = Some(date("2027-02-27"));
    let p = plan(&req);
    assert_eq!(p.key_dates.fly_home, date("2027-02-27"));
    assert!(notes(&p).contains(&PlanNoteCode::ReturnBeforeAdvised));
    // The guide's day-12 check moves to the morning of the flight home.
    assert_eq!(local_date(&p, "clinic-check-day-10"), date("2027-02-27"));
    assert!(check(&p.itinerary, &ItineraryRules::default())
        .unwrap()
        .iter()
        .all(|f| f.severity != Severity::Error));

    req.latest_return = Some(date("2027-02-26"));
    let err = plan_trip(&req).unwrap_err();
    assert_eq!(err.code(), "no_feasible_plan");
    assert!(err.to_string().contains("latestReturn"), "{err}");
}

#[test]
fn an_indian_clinic_gets_e_medical_visa_applications_for_patient_and_companion_in_their_window() {
    let mut req = sample();
    req.provider_id = "chennai-ortho".into();
    req.quote = None;
    let p = plan(&req);
    let rule = ItineraryRules::default()
        .visa_rule("GB", "IN")
        .unwrap()
        .clone();
    let arrive = p.key_dates.arrive;
    for id in ["visa-application", "visa-application-companion"] {
        let filed = local_date(&p, id);
        let before = (arrive - filed).num_days();
        assert!(
            before >= i64::from(rule.apply_min_days_before.unwrap()),
            "{id}"
        );
        assert!(
            before <= i64::from(rule.apply_max_days_before.unwrap()),
            "{id}"
        );
        assert!(
            filed > p.key_dates.consultation,
            "{id}: after the hospital letter"
        );
        match &item(&p, id).details {
            Details::DocumentTask { task, country, .. } => {
                assert_eq!(*task, DocumentKind::VisaApplication);
                assert_eq!(country.as_deref(), Some("IN"));
            }
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(
        p.key_dates.visa_apply_by,
        Some(arrive - Duration::days(i64::from(rule.apply_min_days_before.unwrap())))
    );
    let visa_reason = p
        .reasons
        .iter()
        .find(|r| r.item_id == "visa-application")
        .unwrap();
    assert_eq!(visa_reason.deadline, p.key_dates.visa_apply_by);
    assert!(notes(&p).contains(&PlanNoteCode::CatalogPrice));
}

#[test]
fn a_departure_too_soon_for_the_visa_moves_later_and_says_why() {
    let mut req = sample();
    req.provider_id = "chennai-ortho".into();
    req.quote = None;
    req.as_of = date("2027-02-10");
    req.earliest_departure = date("2027-02-11");
    let p = plan(&req);
    assert!(p.key_dates.depart > req.earliest_departure);
    assert!(notes(&p).contains(&PlanNoteCode::DepartureLater));
    let found = check(&p.itinerary, &ItineraryRules::default()).unwrap();
    assert!(found.iter().all(|f| f.code != FindingCode::VisaTooLate));
}

#[test]
fn a_visa_stay_limit_shortens_the_leisure_days() {
    let mut req = sample();
    req.provider_id = "chennai-ortho".into();
    req.quote = None;
    req.preferences.leisure_days = 60;
    let p = plan(&req);
    let days = (p.key_dates.fly_home - p.key_dates.arrive).num_days() + 1;
    assert!(days <= 60, "{days}");
    assert!(notes(&p).contains(&PlanNoteCode::LeisureShortened));
}

#[test]
fn calls_fall_inside_both_parties_hours_or_say_they_do_not() {
    let p = plan(&sample());
    let call = item(&p, "consultation-video");
    let london: Tz = "Europe/London".parse().unwrap();
    let istanbul: Tz = "Europe/Istanbul".parse().unwrap();
    let h = |t: chrono::DateTime<chrono::Utc>, tz: Tz| t.with_timezone(&tz).hour();
    assert!((9..18).contains(&h(call.start, london)));
    assert!((9..17).contains(&h(call.start, istanbul)));
    assert!(!notes(&p).contains(&PlanNoteCode::NoCommonCallTime));
    // A patient who can only talk late in the evening has no common time with the clinic.
    let mut req = sample();
    req.patient.call_hours = WorkingHours::new(
        NaiveTime::from_hms_opt(20, 0, 0).unwrap(),
        NaiveTime::from_hms_opt(22, 0, 0).unwrap(),
    );
    let p = plan(&req);
    assert!(notes(&p).contains(&PlanNoteCode::NoCommonCallTime));
    assert_eq!(h(item(&p, "consultation-video").start, london), 20);
}

#[test]
fn follow_ups_from_the_guide_come_after_the_return_home() {
    let p = plan(&sample());
    let home = item(&p, "flight-home").end;
    let after: Vec<&str> = p
        .itinerary
        .items
        .iter()
        .filter(|i| i.start > home && i.item_type() == ItemType::Appointment)
        .map(|i| i.id.as_str())
        .collect();
    assert_eq!(
        after,
        [
            "own-doctor-day-16",
            "video-follow-up-day-42",
            "video-follow-up-day-90",
            "own-doctor-day-365"
        ]
    );
    assert_eq!(
        item(&p, "video-follow-up-day-42").details,
        Details::Appointment {
            appointment_type: AppointmentType::Telehealth,
            provider_id: Some("bosphorus-ortho".into()),
            procedure: None,
            procedure_category: None,
        }
    );
    // Own-doctor visits are on working days at home.
    for id in ["own-doctor-day-16", "own-doctor-day-365"] {
        let d = local_date(&p, id);
        assert!(d.weekday().number_from_monday() <= 5, "{id} on {d}");
    }
}

#[test]
fn the_payment_plan_fits_the_trip_and_adds_up_to_the_estimate() {
    let p = plan(&sample());
    let k = &p.key_dates;
    assert_eq!(p.estimate.total, Money::parse("10029.05 GBP").unwrap());
    assert_eq!(p.payments.total, p.estimate.total);
    let paid = Money::sum(
        p.payments.payments.iter().map(|x| &x.amount),
        p.estimate.currency,
    )
    .unwrap();
    assert_eq!(paid, p.estimate.total);
    let dues: Vec<NaiveDate> = p.payments.payments.iter().map(|x| x.due).collect();
    assert_eq!(dues, vec![date("2026-11-30"), date("2027-02-01")]);
    assert_eq!(k.deposit_due, Some(date("2026-11-30")));
    assert_eq!(k.balance_due, date("2027-02-01"));
    assert!(k.balance_due < k.depart);
    // 20 % of the 8400.00 EUR package, in GBP at the sample rate.
    assert_eq!(p.payments.deposit, Money::parse("1466.81 GBP").unwrap());
}

#[test]
fn the_plan_lists_the_days_its_refund_changes_and_they_agree_with_refund_due() {
    let p = plan(&sample());
    let changes: Vec<(NaiveDate, String)> = p
        .refunds
        .iter()
        .map(|r| (r.from, r.amount.to_string()))
        .collect();
    assert_eq!(
        changes,
        vec![
            (date("2026-11-30"), "1466.81 GBP".into()),
            (date("2027-01-19"), "733.40 GBP".into()),
            (date("2027-02-04"), "0.00 GBP".into()),
        ]
    );
    let quote = sample().quote.unwrap();
    for step in &p.refunds {
        let r = refund_due(
            quote.deposit.as_ref().unwrap(),
            &p.payments.deposit,
            p.key_dates.procedure,
            step.from,
        )
        .unwrap();
        assert_eq!(r.amount, step.amount);
    }
}

#[test]
fn without_fares_or_a_nightly_budget_the_estimate_leaves_them_out_and_says_so() {
    let mut req = sample();
    req.travel.clear();
    req.preferences.nightly_budget = None;
    let p = plan(&req);
    assert!(notes(&p).contains(&PlanNoteCode::FlightsNotPriced));
    assert!(notes(&p).contains(&PlanNoteCode::AccommodationNotPriced));
    assert!(p.estimate.travel_total.is_zero());
    assert_eq!(p.estimate.total, p.estimate.medical_total);
    // And with a budget, the hotel's nights are priced at it.
    let p = plan(&sample());
    let hotel = p
        .estimate
        .lines
        .iter()
        .find(|l| l.category == medjourney::Category::Accommodation)
        .unwrap();
    assert_eq!(hotel.quantity, medjourney::Decimal::from(16));
    assert_eq!(hotel.amount, Money::parse("1520.00 GBP").unwrap());
}

#[test]
fn the_plan_and_its_request_round_trip_through_json() {
    let req = sample();
    let text = serde_json::to_string(&req).unwrap();
    let back: PlanRequest = serde_json::from_str(&text).unwrap();
    assert_eq!(back, req);
    let p = plan(&req);
    let text = serde_json::to_string(&p).unwrap();
    let back: Plan = serde_json::from_str(&text).unwrap();
    assert_eq!(back, p);
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    for key in [
        "itinerary",
        "estimate",
        "paymentPlan",
        "payments",
        "refunds",
        "keyDates",
        "reasons",
        "assumptions",
        "notes",
        "findings",
    ] {
        assert!(json.get(key).is_some(), "{key}");
    }
    assert_eq!(json["itinerary"]["items"][2]["status"], "to_book");
}

#[test]
fn a_passport_that_runs_out_is_no_feasible_plan_with_the_date_it_must_last_until() {
    let mut req = sample();
    req.patient.passport_expires = Some(date("2027-05-01"));
    let err = plan_trip(&req).unwrap_err();
    assert_eq!(err.code(), "no_feasible_plan");
    assert!(err.to_string().contains("passport_validity"), "{err}");
    assert!(err.to_string().contains("2027-07-15"), "{err}");
    // A second companion's passport is checked too.
    let mut req = sample();
    req.patient.companions.push(Companion {
        relation: "daughter".into(),
        nationality: "GB".into(),
        passport_expires: Some(date("2027-03-01")),
    });
    assert_eq!(plan_trip(&req).unwrap_err().code(), "no_feasible_plan");
}

#[test]
fn bad_plan_requests_get_coded_errors() {
    type Change = Box<dyn Fn(&mut PlanRequest)>;
    let cases: Vec<(&str, Change)> = vec![
        (
            "invalid_input",
            Box::new(|r| r.provider_id = "nowhere".into()),
        ),
        ("invalid_input", Box::new(|r| r.procedure = "cabg".into())),
        (
            "invalid_quote",
            Box::new(|r| r.procedure = "hip_replacement".into()),
        ),
        (
            "unknown_procedure",
            Box::new(|r| r.procedure = "teleportation".into()),
        ),
        (
            "unknown_time_zone",
            Box::new(|r| r.patient.time_zone = "Mars/Base".into()),
        ),
        (
            "invalid_input",
            Box::new(|r| r.patient.home_airport = "Manchester".into()),
        ),
        (
            "invalid_input",
            Box::new(|r| r.patient.home_country = "UK1".into()),
        ),
        (
            "invalid_input",
            Box::new(|r| r.preferences.leisure_days = 61),
        ),
        (
            "invalid_input",
            Box::new(|r| r.flight_hours = Some(f64::NAN)),
        ),
        ("invalid_input", Box::new(|r| r.flight_hours = Some(0.0))),
        ("invalid_input", Box::new(|r| r.flight_hours = Some(31.0))),
        (
            "invalid_input",
            Box::new(|r| r.earliest_departure = r.as_of + Duration::days(3651)),
        ),
        (
            "invalid_input",
            Box::new(|r| r.latest_return = Some(date("2027-01-01"))),
        ),
        (
            "invalid_input",
            Box::new(|r| {
                let c = r.patient.companions[0].clone();
                r.patient.companions = vec![c; 9];
            }),
        ),
        (
            "invalid_input",
            Box::new(|r| {
                r.patient.call_hours = WorkingHours::new(
                    NaiveTime::from_hms_opt(18, 0, 0).unwrap(),
                    NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
                )
            }),
        ),
        (
            "invalid_input",
            Box::new(|r| r.patient.call_days = Some(vec![])),
        ),
        (
            "invalid_amount",
            Box::new(|r| r.preferences.nightly_budget = Some(Money::parse("-1.00 GBP").unwrap())),
        ),
        (
            "invalid_quote",
            Box::new(|r| r.quote.as_mut().unwrap().provider_id = "siam-joint".into()),
        ),
        (
            "no_rate",
            Box::new(|r| r.fx = medjourney::FxTable::default()),
        ),
        (
            "overflow",
            Box::new(|r| {
                r.as_of = NaiveDate::MAX - Duration::days(20);
                r.earliest_departure = r.as_of;
                r.latest_return = None;
            }),
        ),
        (
            "no_feasible_plan",
            Box::new(|r| r.latest_return = Some(r.earliest_departure)),
        ),
    ];
    for (code, change) in cases {
        let mut req = sample();
        change(&mut req);
        match plan_trip(&req) {
            Err(e) => assert_eq!(e.code(), code, "{e}"),
            Ok(_) => panic!("expected {code}"),
        }
    }
}

#[test]
fn a_provider_without_a_time_zone_or_airport_cannot_be_planned_for() {
    let mut text: serde_json::Value = serde_json::to_value(sample()).unwrap();
    let providers = text["catalog"]["providers"].as_array_mut().unwrap();
    for p in providers.iter_mut() {
        p.as_object_mut().unwrap().remove("timeZone");
    }
    let req: PlanRequest = serde_json::from_value(text.clone()).unwrap();
    let err = plan_trip(&req).unwrap_err();
    assert_eq!(err.code(), "invalid_input");
    assert!(err.to_string().contains("timeZone"), "{err}");
}

#[test]
fn a_catalog_zone_must_be_an_iana_zone_and_an_airport_three_capitals() {
    let mut v: serde_json::Value = serde_json::from_str(samples::CATALOG_JSON).unwrap();
    v["providers"][0]["timeZone"] = "Europe/Atlantis".into();
    let err = medjourney::Catalog::from_json(&v.to_string()).unwrap_err();
    assert_eq!(err.code(), "invalid_provider");
    assert!(err.to_string().contains("timeZone"));
    let mut v: serde_json::Value = serde_json::from_str(samples::CATALOG_JSON).unwrap();
    v["providers"][0]["airport"] = "ist".into();
    assert_eq!(
        medjourney::Catalog::from_json(&v.to_string())
            .unwrap_err()
            .code(),
        "invalid_provider"
    );
    // Catalogs without the new fields still load.
    let mut v: serde_json::Value = serde_json::from_str(samples::CATALOG_JSON).unwrap();
    for p in v["providers"].as_array_mut().unwrap() {
        p.as_object_mut().unwrap().remove("timeZone");
        p.as_object_mut().unwrap().remove("airport");
    }
    assert!(medjourney::Catalog::from_json(&v.to_string()).is_ok());
}

const CODES: [&str; 1] = ["no_feasible_plan"];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]
    /// Random patients, clinics, dates, leisure, latest returns, flight times, call hours
    /// and companions: a plan that passes its own check, or `no_feasible_plan`.
    #[test]
    fn any_request_gives_a_checked_plan_or_no_feasible_plan(
        provider in 0usize..22,
        offer in 0usize..2,
        as_of_day in 0i64..700,
        lead in -10i64..300,
        leisure in 0u32..=60,
        latest in proptest::option::of(0i64..80),
        flight in 1u32..=60,
        call_start in 0u32..20,
        call_len in 1u32..12,
        companion in proptest::option::of(prop_oneof![Just("GB"), Just("IN"), Just("US")]),
        budget in proptest::option::of(0u32..400),
    ) {
        let mut req = sample();
        let catalog = samples::catalog().unwrap();
        let p = &catalog.providers()[provider % catalog.len()];
        req.provider_id = p.id.clone();
        req.procedure = p.procedures[offer % p.procedures.len()].code.clone();
        if req.provider_id != "bosphorus-ortho" || req.procedure != "knee_replacement" {
            req.quote = None;
        }
        req.as_of = date("2026-06-01") + Duration::days(as_of_day);
        req.earliest_departure = req.as_of + Duration::days(lead);
        req.latest_return = latest.map(|d| req.earliest_departure.max(req.as_of) + Duration::days(d));
        req.preferences.leisure_days = leisure;
        req.preferences.nightly_budget =
            budget.map(|b| Money::new(medjourney::Decimal::from(b), "EUR".parse().unwrap()));
        req.flight_hours = Some(f64::from(flight) / 2.0);
        let end = (call_start + call_len).min(23);
        req.patient.call_hours = WorkingHours::new(
            NaiveTime::from_hms_opt(call_start, 0, 0).unwrap(),
            NaiveTime::from_hms_opt(end, 59, 0).unwrap(),
        );
        req.patient.companions = companion
            .map(|n| vec![Companion { relation: "friend".into(), nationality: n.into(), passport_expires: None }])
            .unwrap_or_default();
        match plan_trip(&req) {
            Err(e) => prop_assert!(CODES.contains(&e.code()), "{}: {e}", e.code()),
            Ok(plan) => {
                let found = check(&plan.itinerary, &ItineraryRules::default()).unwrap();
                prop_assert!(found.iter().all(|f| f.severity != Severity::Error), "{found:#?}");
                let k = &plan.key_dates;
                prop_assert!(k.fly_home >= k.fit_to_fly);
                prop_assert!(k.depart >= req.earliest_departure && k.depart > req.as_of);
                prop_assert!(k.consultation < k.depart);
                if let Some(latest) = req.latest_return {
                    prop_assert!(k.home <= latest);
                } else {
                    prop_assert!(k.fly_home >= k.advised_return);
                }
                prop_assert!(k.deposit_due.is_none_or(|d| d <= k.balance_due));
                prop_assert!(k.balance_due < k.depart);
                let paid = Money::sum(plan.payments.payments.iter().map(|x| &x.amount), plan.estimate.currency).unwrap();
                prop_assert_eq!(paid, plan.estimate.total);
                for pair in plan.refunds.windows(2) {
                    prop_assert_eq!(pair[0].until.unwrap().succ_opt().unwrap(), pair[1].from);
                }
                prop_assert_eq!(plan.reasons.len(), plan.itinerary.items.len());
                let depart = item(&plan, "flight-out").start;
                for v in plan.itinerary.items.iter().filter(|i| i.item_type() == ItemType::DocumentTask) {
                    prop_assert!(v.start < depart, "{} after departure", v.id);
                }
                let back: Plan = serde_json::from_str(&serde_json::to_string(&plan).unwrap()).unwrap();
                prop_assert_eq!(back, plan);
            }
        }
    }
}

#[test]
fn a_guide_with_more_follow_ups_than_the_planner_schedules_is_invalid_input() {
    let mut book = medjourney::GuideBook::standard().unwrap();
    let mut guide = medjourney::procedure_guide("knee_replacement").unwrap();
    let template = guide.follow_up[4].clone();
    guide.follow_up = (1..=101)
        .map(|d| medjourney::knowledge::FollowUp {
            after_days: 20 + d,
            ..template.clone()
        })
        .collect();
    guide.fit_to_fly = None;
    book.override_guide(guide).unwrap();
    let mut req = sample();
    req.guides = Some(book);
    let err = plan_trip(&req).unwrap_err();
    assert_eq!(err.code(), "invalid_input");
    assert!(err.to_string().contains("100"), "{err}");
}

#[test]
fn a_guide_override_changes_the_plan_as_the_rules_say() {
    // A stricter fit-to-fly row in the itinerary rules moves the flight home with it.
    let mut req = sample();
    let mut rules = ItineraryRules::default();
    rules.override_fit_to_fly(medjourney::itinerary::FitToFlyRule {
        category: "hip_or_knee_replacement".into(),
        procedure: "Hip or knee replacement".into(),
        min_days: 16,
        advised_days: None,
        source: "our surgeon".into(),
        note: None,
    });
    req.rules = Some(rules);
    req.preferences.leisure_days = 0;
    let p = plan(&req);
    assert_eq!(p.key_dates.fit_to_fly, date("2027-03-05"));
    assert_eq!(p.key_dates.fly_home, date("2027-03-05"));
}

#[test]
fn a_field_the_request_does_not_have_is_unknown_field_at_every_level_the_planner_owns() {
    let base: serde_json::Value = serde_json::to_value(sample()).unwrap();
    type Change = fn(&mut serde_json::Value);
    let cases: Vec<(&str, Change)> = vec![
        ("flightHour", |v| v["flightHour"] = 4.into()),
        ("homeTown", |v| v["patient"]["homeTown"] = "Leeds".into()),
        ("leisure", |v| v["preferences"]["leisure"] = 2.into()),
        ("begin", |v| {
            v["patient"]["callHours"]["begin"] = "08:00".into();
        }),
        ("topk", |v| v["convert"]["topk"] = 1.into()),
    ];
    for (field, change) in cases {
        let mut v = base.clone();
        change(&mut v);
        let err = PlanRequest::from_json(&v.to_string()).unwrap_err();
        assert_eq!(err.code(), "unknown_field", "{field}: {err}");
        assert!(err.to_string().contains(field), "{err}");
    }
    // An unknown day name is invalid_input naming the field, as through FromStr.
    let mut v = base.clone();
    v["patient"]["callDays"] = serde_json::json!(["monday", "funday"]);
    let err = PlanRequest::from_json(&v.to_string()).unwrap_err();
    assert_eq!(err.code(), "invalid_input");
    assert_eq!(
        "funday"
            .parse::<medjourney::planning::DayOfWeek>()
            .unwrap_err(),
        err
    );
    // A missing required field is a parse error, and the sample survives the text form.
    let mut v = base.clone();
    v.as_object_mut().unwrap().remove("providerId");
    assert_eq!(
        PlanRequest::from_json(&v.to_string()).unwrap_err().code(),
        "parse_error"
    );
    let text = sample().to_json().unwrap();
    assert_eq!(PlanRequest::from_json(&text).unwrap(), sample());
}

#[cfg(feature = "fhir")]
#[test]
fn a_planned_trip_exports_its_appointments_to_fhir_as_proposed_not_booked() {
    use medjourney::fhir::resources::Resource;
    let p = plan(&sample());
    let bundle = p.itinerary.to_fhir().unwrap();
    let statuses: Vec<&str> = bundle
        .entry
        .iter()
        .filter_map(|e| match &e.resource {
            Resource::Appointment(a) => Some(a.status.as_str()),
            _ => None,
        })
        .collect();
    assert!(!statuses.is_empty());
    assert!(statuses.iter().all(|s| *s == "proposed"), "{statuses:?}");
}
