//! Findings that say how to fix them: the remedy, in words and as data, and that applying
//! it makes the finding go away.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic
#![cfg(feature = "itinerary")]

use chrono::{DateTime, Duration, NaiveDate, Utc};
use medjourney::itinerary::{Details, DocumentKind, Item, Person, Remedy, RemedyAction, VisaRule};
use medjourney::{check, samples, Finding, FindingCode, Itinerary, ItineraryRules};

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn find(found: &[Finding], code: FindingCode) -> &Finding {
    found
        .iter()
        .find(|f| f.code == code)
        .unwrap_or_else(|| panic!("no {code:?} in {found:#?}"))
}

fn shift(it: &mut Itinerary, ids: &[&str], by: Duration) {
    for item in &mut it.items {
        if ids.contains(&item.id.as_str()) {
            item.start += by;
            item.end += by;
        }
    }
}

#[test]
fn the_sample_fit_to_fly_error_names_the_earliest_allowed_flight_date() {
    let found = check(&samples::itinerary().unwrap(), &ItineraryRules::default()).unwrap();
    let fit = find(&found, FindingCode::FitToFly);
    let remedy = fit.remedy.as_ref().expect("a remedy");
    assert_eq!(
        remedy.action,
        RemedyAction::FlyOnOrAfter {
            item: "flight-home".into(),
            date: date("2027-02-27"),
        }
    );
    assert!(remedy.text.contains("2027-02-27"), "{}", remedy.text);
    assert!(remedy.text.contains("flight-home"), "{}", remedy.text);
}

#[test]
fn moving_the_flight_home_to_the_remedy_date_clears_the_fit_to_fly_error() {
    let mut it = samples::itinerary().unwrap();
    // The remedy's date is 2027-02-27: five days after the planned 2027-02-22.
    shift(
        &mut it,
        &[
            "post-op-check",
            "transfer-hotel-clinic",
            "transfer-clinic-ist",
            "flight-home",
            "transfer-man-home",
        ],
        Duration::days(5),
    );
    for item in &mut it.items {
        if item.id == "stay-hotel" {
            item.end += Duration::days(5);
        }
    }
    let found = check(&it, &ItineraryRules::default()).unwrap();
    assert!(
        found.iter().all(|f| f.code != FindingCode::FitToFly),
        "{found:#?}"
    );
}

#[test]
fn a_night_without_a_bed_lists_the_nights_to_book() {
    let mut it = samples::itinerary().unwrap();
    // The hotel ends two nights early: 2027-02-20 instead of 2027-02-22.
    for item in &mut it.items {
        if item.id == "stay-hotel" {
            item.end = at("2027-02-21T08:30:00+03:00");
        }
    }
    // and the hospital stay ends the day before.
    for item in &mut it.items {
        if item.id == "stay-hospital" {
            item.end = at("2027-02-20T11:00:00+03:00");
        }
    }
    let found = check(&it, &ItineraryRules::default()).unwrap();
    let night = find(&found, FindingCode::NightWithoutBed);
    match &night.remedy.as_ref().unwrap().action {
        RemedyAction::BookNights { country, nights } => {
            assert_eq!(country, "TR");
            assert_eq!(nights, &vec![date("2027-02-21")]);
        }
        other => panic!("{other:?}"),
    }
}

fn with_rule(rule: VisaRule) -> ItineraryRules {
    let mut rules = ItineraryRules::default();
    rules.override_visa(rule);
    rules
}

fn turkey_visa(min: u32, max: u32) -> VisaRule {
    VisaRule {
        nationality: "GB".into(),
        destination: "TR".into(),
        visa_required: true,
        visa_type: Some("e-Visa".into()),
        apply_min_days_before: Some(min),
        apply_max_days_before: Some(max),
        max_stay_days: Some(30),
        rolling_limit: None,
        area: None,
        passport_valid_months: 0,
        passport_valid_days: 0,
        passport_valid_from: Default::default(),
        documents: vec![],
        source: "test rule".into(),
    }
}

fn visa_task(id: &str, filed: &str, person: Person) -> Item {
    Item {
        id: id.into(),
        title: "Apply".into(),
        start: at(filed),
        end: at(filed),
        zone: "Europe/London".into(),
        end_zone: None,
        location: None,
        contact: None,
        notes: None,
        companion_only: false,
        status: None,
        details: Details::DocumentTask {
            task: DocumentKind::VisaApplication,
            country: Some("TR".into()),
            person,
        },
    }
}

#[test]
fn a_late_visa_application_gives_its_apply_by_date_and_the_arrival_that_would_keep_it() {
    let mut it = samples::itinerary().unwrap();
    it.traveller.companion = None;
    it.items
        .push(visa_task("visa", "2027-02-10T10:00:00Z", Person::Patient));
    let found = check(&it, &with_rule(turkey_visa(10, 90))).unwrap();
    let late = find(&found, FindingCode::VisaTooLate);
    let remedy = late.remedy.as_ref().unwrap();
    assert_eq!(
        remedy.action,
        RemedyAction::ApplyForVisa {
            item: Some("visa".into()),
            person: Person::Patient,
            country: "TR".into(),
            opens: Some(date("2026-11-17")),
            by: Some(date("2027-02-05")),
            arrive_on_or_after: Some(date("2027-02-20")),
        }
    );
    assert!(remedy.text.contains("2027-02-05"), "{}", remedy.text);
    // Filing on the apply-by date clears it.
    it.items.retain(|i| i.id != "visa");
    it.items
        .push(visa_task("visa", "2027-02-05T10:00:00Z", Person::Patient));
    let found = check(&it, &with_rule(turkey_visa(10, 90))).unwrap();
    assert!(found.iter().all(|f| f.code != FindingCode::VisaTooLate));
}

#[test]
fn a_missing_visa_application_gives_the_window_to_file_it_in() {
    let mut it = samples::itinerary().unwrap();
    it.traveller.companion = None;
    let found = check(&it, &with_rule(turkey_visa(10, 90))).unwrap();
    let missing = find(&found, FindingCode::VisaMissing);
    match &missing.remedy.as_ref().unwrap().action {
        RemedyAction::ApplyForVisa {
            item, opens, by, ..
        } => {
            assert_eq!(item, &None);
            assert_eq!(opens, &Some(date("2026-11-17")));
            assert_eq!(by, &Some(date("2027-02-05")));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_stay_over_the_visa_limit_gives_the_last_day_to_leave() {
    let mut it = samples::itinerary().unwrap();
    it.traveller.companion = None;
    let mut rule = turkey_visa(0, 365);
    rule.visa_required = false;
    rule.max_stay_days = Some(5);
    let found = check(&it, &with_rule(rule)).unwrap();
    let long = find(&found, FindingCode::VisaStayTooLong);
    assert_eq!(
        long.remedy.as_ref().unwrap().action,
        RemedyAction::LeaveBy {
            item: "flight-home".into(),
            date: date("2027-02-19"),
        }
    );
}

#[test]
fn a_tight_connection_gives_the_minimum_layover_and_the_earliest_departure() {
    let mut it = samples::itinerary().unwrap();
    // A connection at IST 40 minutes after the landing from Manchester.
    let mut onward = it
        .items
        .iter()
        .find(|i| i.id == "flight-out")
        .unwrap()
        .clone();
    onward.id = "flight-onward".into();
    onward.start = at("2027-02-15T17:25:00+03:00");
    onward.end = at("2027-02-15T19:00:00+03:00");
    onward.zone = "Europe/Istanbul".into();
    if let Details::Flight {
        from,
        to,
        from_country,
        to_country,
        ..
    } = &mut onward.details
    {
        *from = "IST".into();
        *to = "AYT".into();
        *from_country = "TR".into();
        *to_country = "TR".into();
    }
    it.items.push(onward);
    let found = check(&it, &ItineraryRules::default()).unwrap();
    let tight = find(&found, FindingCode::TightConnection);
    assert_eq!(
        tight.remedy.as_ref().unwrap().action,
        RemedyAction::ConnectAfter {
            item: "flight-onward".into(),
            minutes: 90,
            depart_at_or_after: at("2027-02-15T18:15:00+03:00"),
        }
    );
}

#[test]
fn a_short_passport_says_until_when_it_must_be_valid() {
    let mut it = samples::itinerary().unwrap();
    it.traveller.passport_expires = Some(date("2027-06-30"));
    let found = check(&it, &ItineraryRules::default()).unwrap();
    let passport = find(&found, FindingCode::PassportValidity);
    assert_eq!(
        passport.remedy.as_ref().unwrap().action,
        RemedyAction::RenewPassport {
            person: Person::Patient,
            valid_until: date("2027-07-15"),
        }
    );
}

#[test]
fn findings_without_a_clear_fix_carry_no_remedy_and_no_remedy_key_in_json() {
    let found = check(&samples::itinerary().unwrap(), &ItineraryRules::default()).unwrap();
    let info: Vec<&Finding> = found.iter().filter(|f| f.remedy.is_none()).collect();
    for f in info {
        let json = serde_json::to_value(f).unwrap();
        assert!(json.get("remedy").is_none(), "{json}");
    }
}

#[test]
fn a_finding_with_its_remedy_round_trips_through_json() {
    let found = check(&samples::itinerary().unwrap(), &ItineraryRules::default()).unwrap();
    for f in &found {
        let text = serde_json::to_string(f).unwrap();
        let back: Finding = serde_json::from_str(&text).unwrap();
        assert_eq!(&back, f);
    }
    let fit = find(&found, FindingCode::FitToFly);
    let json = serde_json::to_value(fit.remedy.as_ref().unwrap()).unwrap();
    assert_eq!(json["kind"], "fly_on_or_after");
    assert_eq!(json["date"], "2027-02-27");
    let remedy: Remedy = serde_json::from_value(json).unwrap();
    assert_eq!(remedy.action.kind(), "fly_on_or_after");
}
