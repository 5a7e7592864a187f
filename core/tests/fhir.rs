//! FHIR R4 exports and the catalog import, through the public API: references resolve,
//! decimals keep their text, statuses map, required elements are there, the catalog
//! survives the round trip, and bad bundles get coded errors naming entry and element.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic
#![cfg(feature = "fhir")]

use std::collections::HashSet;

use chrono::{DateTime, TimeZone, Utc};
use medjourney::cost::CoverageStatus;
use medjourney::fhir::resources::{
    Claim, Communication, Coverage, EpisodeOfCare, ExplanationOfBenefit,
};
use medjourney::fhir::{codes, Resource};
use medjourney::journey::{BackReason, Channel, Outcome, Party, TouchpointKind};
use medjourney::{
    samples, Bundle, Catalog, Category, Error, FhirOptions, Inclusion, Journey, LineItem, Money,
    Quote, Stage, Touchpoint,
};
use proptest::prelude::*;
use serde_json::Value;

fn t(day: u32, hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 9, day, hour, 0, 0).unwrap()
}

/// Every bundle the sample case exports, named.
fn sample_bundles() -> Vec<(&'static str, Bundle)> {
    let options = FhirOptions {
        patient: Some("PT-0042".into()),
        created: None,
    };
    #[allow(unused_mut)] // pushed to only with the itinerary feature
    let mut out = vec![
        ("journey", samples::pt0042().unwrap().to_fhir().unwrap()),
        (
            "quote",
            samples::quotes().unwrap()[0]
                .to_fhir_with(&options)
                .unwrap(),
        ),
        ("estimate", samples::estimate().unwrap().to_fhir().unwrap()),
        (
            "adjudication",
            samples::adjudication().unwrap().to_fhir().unwrap(),
        ),
        ("policy", samples::policy().unwrap().to_fhir().unwrap()),
        ("catalog", samples::catalog().unwrap().to_fhir().unwrap()),
    ];
    #[cfg(feature = "itinerary")]
    out.push((
        "itinerary",
        samples::itinerary().unwrap().to_fhir().unwrap(),
    ));
    out
}

fn json(b: &Bundle) -> Value {
    serde_json::from_str(&b.to_json().unwrap()).unwrap()
}

fn references(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                match (k.as_str(), x) {
                    ("reference", Value::String(s)) => out.push(s.clone()),
                    _ => references(x, out),
                }
            }
        }
        Value::Array(a) => a.iter().for_each(|x| references(x, out)),
        _ => {}
    }
}

fn resources<'a, T>(b: &'a Bundle, pick: impl Fn(&'a Resource) -> Option<&'a T>) -> Vec<&'a T> {
    b.entry.iter().filter_map(|e| pick(&e.resource)).collect()
}

fn episode(b: &Bundle) -> &EpisodeOfCare {
    resources(b, |r| match r {
        Resource::EpisodeOfCare(x) => Some(x),
        _ => None,
    })[0]
}

fn claim(b: &Bundle) -> &Claim {
    resources(b, |r| match r {
        Resource::Claim(x) => Some(x),
        _ => None,
    })[0]
}

fn code_of<'a>(ext: &'a [medjourney::fhir::datatypes::Extension], url: &str) -> Option<&'a str> {
    ext.iter()
        .find(|e| e.url == url)
        .and_then(|e| e.value_coding.as_ref())
        .and_then(|c| c.code.as_deref())
}

#[test]
fn every_reference_resolves_inside_its_bundle_and_full_urls_are_unique() {
    for (name, b) in sample_bundles() {
        assert_eq!(b.type_, "collection", "{name}");
        let urls: Vec<&str> = b
            .entry
            .iter()
            .filter_map(|e| e.full_url.as_deref())
            .collect();
        assert_eq!(
            urls.len(),
            b.entry.len(),
            "{name}: every entry has a fullUrl"
        );
        let unique: HashSet<&str> = urls.iter().copied().collect();
        assert_eq!(unique.len(), urls.len(), "{name}: fullUrls are unique");
        let v = json(&b);
        for (e, url) in v["entry"].as_array().unwrap().iter().zip(&urls) {
            // A urn:uuid fullUrl and the resource id are the same UUID.
            assert_eq!(
                format!("urn:uuid:{}", e["resource"]["id"].as_str().unwrap()),
                *url
            );
        }
        let mut refs = Vec::new();
        references(&v, &mut refs);
        assert!(!refs.is_empty(), "{name} has references");
        for r in refs {
            assert!(unique.contains(r.as_str()), "{name}: {r} does not resolve");
        }
    }
}

#[test]
fn bundles_round_trip_through_json_text() {
    for (name, b) in sample_bundles() {
        let text = b.to_json().unwrap();
        let back = Bundle::from_json(&text).unwrap();
        assert_eq!(back, b, "{name}");
        let via_serde: Bundle = serde_json::from_str(&text).unwrap();
        assert_eq!(via_serde.to_json().unwrap(), text, "{name}");
    }
}

#[test]
fn exports_are_deterministic_and_share_full_urls_across_bundles() {
    let again = sample_bundles();
    for ((name, a), (_, b)) in sample_bundles().iter().zip(&again) {
        assert_eq!(a.to_json().unwrap(), b.to_json().unwrap(), "{name}");
    }
    let url_of = |b: &Bundle, kind: &str| -> String {
        b.entry
            .iter()
            .find(|e| e.resource.resource_type() == kind)
            .and_then(|e| e.full_url.clone())
            .unwrap()
    };
    let by_name: std::collections::HashMap<_, _> = again.into_iter().collect();
    // The same patient in the journey and the quote; the same provider in quote and catalog.
    assert_eq!(
        url_of(&by_name["journey"], "Patient"),
        url_of(&by_name["quote"], "Patient")
    );
    assert_eq!(
        url_of(&by_name["quote"], "Organization"),
        url_of(&by_name["catalog"], "Organization"),
        "bosphorus-ortho is the first provider of the catalog and quotes first"
    );
    // The adjudication's Coverage is the policy's Coverage.
    assert_eq!(
        url_of(&by_name["adjudication"], "Coverage"),
        url_of(&by_name["policy"], "Coverage")
    );
}

#[test]
fn serde_json_is_not_built_with_arbitrary_precision() {
    // The exact decimals come from raw values, not from a crate-wide serde_json feature.
    let v: Value = serde_json::from_str("0.50").unwrap();
    assert_eq!(v.to_string(), "0.5");
}

#[test]
fn money_keeps_its_exact_decimal_text_as_a_json_number() {
    let line = |price: &str, cur: &str, qty: &str| {
        let mut l = LineItem::new(
            Category::Medication,
            "",
            qty.parse().unwrap(),
            Money::from_parts(price, cur).unwrap(),
            Inclusion::Extra,
        );
        l.notes = Some("n".into());
        l
    };
    let quote = |cur: &str, items: Vec<LineItem>| Quote {
        id: format!("q-{cur}"),
        provider_id: "p".into(),
        procedure: "x".into(),
        currency: cur.parse().unwrap(),
        items,
        package_price: None,
        valid_from: None,
        valid_until: None,
        deposit: None,
    };
    let eur = quote(
        "EUR",
        vec![line("0.50", "EUR", "2.5"), line("10", "EUR", "1")],
    );
    let text = eur.to_fhir().unwrap().to_json().unwrap();
    assert!(
        text.contains(r#""unitPrice":{"value":0.50,"currency":"EUR"}"#),
        "{text}"
    );
    assert!(text.contains(r#""quantity":{"value":2.5}"#), "{text}");
    // 0.50 × 2.5 = 1.250, rounded to cents: 1.25; 10 shows its cents: 10.00.
    assert!(
        text.contains(r#""net":{"value":1.25,"currency":"EUR"}"#),
        "{text}"
    );
    assert!(
        text.contains(r#""unitPrice":{"value":10.00,"currency":"EUR"}"#),
        "{text}"
    );
    assert!(
        text.contains(r#""total":{"value":11.25,"currency":"EUR"}"#),
        "{text}"
    );
    let kwd = quote("KWD", vec![line("12.345", "KWD", "1")]);
    let text = kwd.to_fhir().unwrap().to_json().unwrap();
    assert!(
        text.contains(r#""value":12.345,"currency":"KWD""#),
        "{text}"
    );
    let jpy = quote("JPY", vec![line("150000", "JPY", "1")]);
    let text = jpy.to_fhir().unwrap().to_json().unwrap();
    assert!(
        text.contains(r#""value":150000,"currency":"JPY""#),
        "{text}"
    );
    // Read back, the text is the same.
    let again = Bundle::from_json(&text).unwrap();
    assert_eq!(again.to_json().unwrap(), text);
}

fn journey() -> Journey {
    Journey::new("J-1", "PT-1", "knee_replacement", Stage::Awareness, t(1, 9)).unwrap()
}

#[test]
fn journey_status_maps_to_episode_of_care_status() {
    let status = |j: &Journey| episode(&j.to_fhir().unwrap()).status.clone();
    let mut j = journey();
    assert_eq!(status(&j), "active");
    j.apply(&medjourney::Transition::Hold { at: t(2, 9) })
        .unwrap();
    assert_eq!(status(&j), "onhold");
    j.apply(&medjourney::Transition::Abandon { at: t(3, 9) })
        .unwrap();
    assert_eq!(status(&j), "cancelled");
    let mut done = Journey::new("J-2", "PT-2", "ivf", Stage::FollowUp, t(1, 9)).unwrap();
    done.apply(&medjourney::Transition::Complete { at: t(9, 9) })
        .unwrap();
    let b = done.to_fhir().unwrap();
    assert_eq!(episode(&b).status, "finished");
    let period = episode(&b).period.clone().unwrap();
    assert_eq!(period.start.as_deref(), Some("2026-09-01T09:00:00Z"));
    assert_eq!(period.end.as_deref(), Some("2026-09-09T09:00:00Z"));
}

/// A statusHistory entry as (stage, status, start, end, back reason).
type Visit = (String, String, String, Option<String>, Option<String>);

#[test]
fn each_stage_visit_is_a_status_history_entry_split_where_the_status_changed() {
    let mut j = journey();
    j.advance(t(2, 9)).unwrap(); // research
    j.apply(&medjourney::Transition::Hold { at: t(3, 9) })
        .unwrap();
    j.apply(&medjourney::Transition::Resume { at: t(4, 9) })
        .unwrap();
    j.advance(t(5, 9)).unwrap(); // selection
    j.go_back(BackReason::ClinicDeclined, t(6, 9)).unwrap(); // research again
    let b = j.to_fhir().unwrap();
    let got: Vec<Visit> = episode(&b)
        .status_history
        .iter()
        .map(|h| {
            (
                code_of(&h.extension, codes::EXT_STAGE).unwrap().to_string(),
                h.status.clone(),
                h.period.start.clone().unwrap(),
                h.period.end.clone(),
                code_of(&h.extension, codes::EXT_BACK_REASON).map(str::to_string),
            )
        })
        .collect();
    let s = |stage: &str, status: &str, a: &str, b: Option<&str>, back: Option<&str>| {
        (
            stage.to_string(),
            status.to_string(),
            a.to_string(),
            b.map(str::to_string),
            back.map(str::to_string),
        )
    };
    assert_eq!(
        got,
        vec![
            s(
                "awareness",
                "active",
                "2026-09-01T09:00:00Z",
                Some("2026-09-02T09:00:00Z"),
                None
            ),
            s(
                "research",
                "active",
                "2026-09-02T09:00:00Z",
                Some("2026-09-03T09:00:00Z"),
                None
            ),
            s(
                "research",
                "onhold",
                "2026-09-03T09:00:00Z",
                Some("2026-09-04T09:00:00Z"),
                None
            ),
            s(
                "research",
                "active",
                "2026-09-04T09:00:00Z",
                Some("2026-09-05T09:00:00Z"),
                None
            ),
            s(
                "selection",
                "active",
                "2026-09-05T09:00:00Z",
                Some("2026-09-06T09:00:00Z"),
                None
            ),
            s(
                "research",
                "active",
                "2026-09-06T09:00:00Z",
                None,
                Some("clinic_declined")
            ),
        ]
    );
    assert_eq!(
        code_of(&episode(&b).extension, codes::EXT_STAGE),
        Some("research")
    );
}

#[test]
fn a_touchpoint_is_a_communication_with_medium_parties_and_extensions() {
    let mut j = journey();
    let mut tp = Touchpoint::new(
        "tp-1",
        Stage::Awareness,
        t(1, 12),
        Channel::Phone,
        Party::Facilitator,
        TouchpointKind::Inquiry,
    );
    tp.participants = vec![Party::Patient, Party::Family, Party::Facilitator];
    tp.sentiment = Some(-1.5);
    tp.outcome = Some(Outcome::Escalated);
    tp.duration_minutes = Some(25);
    tp.note = "called back".into();
    j.record(tp).unwrap();
    let b = j.to_fhir().unwrap();
    let c: &Communication = resources(&b, |r| match r {
        Resource::Communication(x) => Some(x),
        _ => None,
    })[0];
    assert_eq!(c.status, "completed");
    assert_eq!(c.sent.as_deref(), Some("2026-09-01T12:00:00Z"));
    assert_eq!(
        c.medium[0].code_in(codes::V3_PARTICIPATION_MODE),
        Some("PHONE")
    );
    assert_eq!(c.medium[0].code_in(codes::CS_CHANNEL), Some("phone"));
    assert_eq!(
        c.category[0].code_in(codes::CS_TOUCHPOINT_KIND),
        Some("inquiry")
    );
    assert_eq!(code_of(&c.extension, codes::EXT_OUTCOME), Some("escalated"));
    assert_eq!(code_of(&c.extension, codes::EXT_STAGE), Some("awareness"));
    let text = b.to_json().unwrap();
    assert!(text.contains(r#""valueDecimal":-1.5"#), "{text}");
    let duration = r#""valueDuration":{"value":25,"unit":"min","system":"http://unitsofmeasure.org","code":"min"}"#;
    assert!(text.contains(duration), "{text}");
    // Sender: the facilitator's Organization; recipients: the patient and the family, not
    // the sender again.
    let url = |kind: &str| {
        b.entry
            .iter()
            .find(|e| e.resource.resource_type() == kind)
            .and_then(|e| e.full_url.clone())
    };
    assert_eq!(c.sender.as_ref().unwrap().reference, url("Organization"));
    let to: Vec<_> = c.recipient.iter().map(|r| r.reference.clone()).collect();
    assert_eq!(to, vec![url("Patient"), url("RelatedPerson")]);
    assert_eq!(c.subject.as_ref().unwrap().reference, url("Patient"));
    assert_eq!(c.about[0].reference, url("EpisodeOfCare"));
    assert_eq!(c.note[0].text, "called back");
}

#[test]
fn episode_of_care_names_its_patient_by_identifier() {
    let b = journey().to_fhir().unwrap();
    let v = json(&b);
    let patient = &v["entry"][0]["resource"];
    assert_eq!(patient["resourceType"], "Patient");
    assert_eq!(patient["identifier"][0]["value"], "PT-1");
    assert_eq!(patient["identifier"][0]["system"], codes::SID_PATIENT);
    assert_eq!(
        episode(&b).patient.reference.as_deref(),
        v["entry"][0]["fullUrl"].as_str()
    );
}

#[test]
fn duplicate_touchpoint_ids_are_refused_because_entries_would_collide() {
    let mut j = journey();
    let tp = Touchpoint::new(
        "same",
        Stage::Awareness,
        t(1, 12),
        Channel::Email,
        Party::Patient,
        TouchpointKind::Inquiry,
    );
    j.touchpoints = vec![tp.clone(), tp];
    let err = j.to_fhir().unwrap_err();
    assert_eq!(err.code(), "invalid_input");
    assert!(err.to_string().contains("touchpoints[1].id"), "{err}");
}

#[test]
fn an_invalid_journey_is_refused_before_export() {
    let mut j = journey();
    j.status = medjourney::journey::Status::Completed; // open visit: contradicts the status
    assert_eq!(j.to_fhir().unwrap_err().code(), "invalid_input");
}

#[test]
fn a_quote_is_a_predetermination_claim_with_every_required_element() {
    let quote = &samples::quotes().unwrap()[0];
    let b = quote.to_fhir().unwrap();
    let c = claim(&b);
    assert_eq!(c.status, "active");
    assert_eq!(c.use_, "predetermination");
    assert_eq!(c.type_.code_in(codes::CLAIM_TYPE), Some("institutional"));
    assert_eq!(c.priority.code_in(codes::PROCESS_PRIORITY), Some("normal"));
    assert_eq!(c.created.as_deref(), Some("2026-11-01"), "validFrom");
    assert!(c.patient.reference.is_some() && c.provider.reference.is_some());
    assert_eq!(c.insurance.len(), 1);
    assert!(c.insurance[0].focal);
    assert_eq!(c.item.len(), quote.items.len());
    assert_eq!(c.item[8].sequence, 9);
    assert_eq!(
        c.item[2].product_or_service.code_in(codes::CS_CATEGORY),
        Some("implant")
    );
    let total = c.total.as_ref().unwrap().to_money("total").unwrap();
    assert_eq!(total, quote.totals().unwrap().total);
    // Nobody has agreed to pay: the Coverage is self-pay, paid by the patient.
    let cov: &Coverage = resources(&b, |r| match r {
        Resource::Coverage(x) => Some(x),
        _ => None,
    })[0];
    assert_eq!(
        cov.type_.as_ref().unwrap().code_in(codes::COVERAGE_SELFPAY),
        Some("pay")
    );
    assert_eq!(cov.payor[0].reference, c.patient.reference);
    assert_eq!(cov.beneficiary.reference, c.patient.reference);
}

#[test]
fn an_unknown_creation_time_is_a_data_absent_reason_not_a_clock_reading() {
    let b = samples::estimate().unwrap().to_fhir().unwrap();
    let text = b.to_json().unwrap();
    assert!(!text.contains(r#""created":"#));
    let unknown = format!(
        r#""_created":{{"extension":[{{"url":"{}","valueCode":"unknown"}}]}}"#,
        codes::DATA_ABSENT_REASON
    );
    assert!(text.contains(&unknown), "{text}");
    let at = Utc.with_ymd_and_hms(2026, 11, 22, 9, 0, 0).unwrap();
    let options = FhirOptions {
        patient: Some("PT-0042".into()),
        created: Some(at),
    };
    let b = samples::estimate().unwrap().to_fhir_with(&options).unwrap();
    assert_eq!(claim(&b).created.as_deref(), Some("2026-11-22T09:00:00Z"));
    assert!(claim(&b).created_ext.is_none());
}

#[test]
fn an_estimate_claim_has_one_item_per_line_adding_up_to_its_total() {
    let e = samples::estimate().unwrap();
    let b = e.to_fhir().unwrap();
    let c = claim(&b);
    assert_eq!(c.item.len(), e.lines.len() + e.optional.len());
    let charged: Vec<Money> = c
        .item
        .iter()
        .take(e.lines.len())
        .map(|i| i.net.as_ref().unwrap().to_money("net").unwrap())
        .collect();
    assert_eq!(Money::sum(&charged, e.currency).unwrap(), e.total);
    assert_eq!(
        c.total.as_ref().unwrap().to_money("total").unwrap(),
        e.total
    );
    let rates = c
        .extension
        .iter()
        .filter(|x| x.url == codes::EXT_EXCHANGE_RATE)
        .count();
    assert_eq!(rates, e.rates_used.len());
}

#[test]
fn adjudication_items_split_each_line_between_insurer_and_patient() {
    let a = samples::adjudication().unwrap();
    let b = a.to_fhir().unwrap();
    let eob: &ExplanationOfBenefit = resources(&b, |r| match r {
        Resource::ExplanationOfBenefit(x) => Some(x),
        _ => None,
    })[0];
    assert_eq!(
        (eob.use_.as_str(), eob.outcome.as_str()),
        ("predetermination", "complete")
    );
    assert_eq!(eob.item.len(), a.lines.len());
    for (item, line) in eob.item.iter().zip(&a.lines) {
        let amount = |system: &str, code: &str| {
            let adj = item
                .adjudication
                .iter()
                .find(|x| x.category.code_in(system) == Some(code))
                .unwrap();
            adj.amount.as_ref().unwrap().to_money("amount").unwrap()
        };
        let submitted = amount(codes::ADJUDICATION, "submitted");
        let benefit = amount(codes::ADJUDICATION, "benefit");
        let patient = amount(codes::CS_ADJUDICATION, "patient_share");
        assert_eq!(submitted, line.total);
        assert_eq!(benefit.add(&patient).unwrap(), submitted);
        assert_eq!(amount(codes::ADJUDICATION, "deductible"), line.deductible);
        assert_eq!(amount(codes::ADJUDICATION, "copay"), line.copay);
        assert_eq!(
            amount(codes::CS_ADJUDICATION, "coinsurance"),
            line.coinsurance
        );
        assert_eq!(amount(codes::CS_ADJUDICATION, "excess"), line.excess);
        // On a covered line, the patient's share is made of those four parts.
        if line.status != CoverageStatus::Covered {
            continue;
        }
        let parts = [
            amount(codes::ADJUDICATION, "deductible"),
            amount(codes::ADJUDICATION, "copay"),
            amount(codes::CS_ADJUDICATION, "coinsurance"),
            amount(codes::CS_ADJUDICATION, "excess"),
        ];
        assert_eq!(Money::sum(&parts, patient.currency()).unwrap(), patient);
    }
    // The insurer and the provider are unknown to an adjudication: data-absent-reason.
    assert!(eob.insurer.reference.is_none() && !eob.insurer.extension.is_empty());
    assert_eq!(eob.process_note.len(), a.notes.len());
}

#[test]
fn a_policy_is_a_coverage_with_its_cost_sharing() {
    let p = samples::policy().unwrap();
    let b = p.to_fhir().unwrap();
    let text = b.to_json().unwrap();
    assert!(
        text.contains(r#""valueMoney":{"value":500.00,"currency":"GBP"}"#),
        "{text}"
    );
    let percent = r#""valueQuantity":{"value":20,"unit":"%","system":"http://unitsofmeasure.org","code":"%"}"#;
    assert!(text.contains(percent), "{text}");
    let cov: &Coverage = resources(&b, |r| match r {
        Resource::Coverage(x) => Some(x),
        _ => None,
    })[0];
    assert_eq!(cov.class[0].value, p.id);
    let covered = cov
        .extension
        .iter()
        .filter(|x| x.url == codes::EXT_COVERED_CATEGORY)
        .count();
    assert_eq!(covered, p.covered_categories.len());
}

#[test]
fn a_policys_excess_copays_and_sub_limits_travel_in_extensions() {
    let mut p = samples::policy().unwrap();
    let gbp = |a: &str| Money::parse(&format!("{a} GBP")).unwrap();
    p.excess_per_claim = Some(gbp("100.00"));
    p.copays = serde_json::from_str(
        r#"[{"category": "follow_up", "amount": {"amount": "25.00", "currency": "GBP"}}]"#,
    )
    .unwrap();
    p.sub_limits = serde_json::from_str(
        r#"[{"category": "implant", "amount": {"amount": "3000.00", "currency": "GBP"}}]"#,
    )
    .unwrap();
    let text = p.to_fhir().unwrap().to_json().unwrap();
    for expected in [
        format!(
            r#"{{"url":"{}","valueMoney":{{"value":100.00,"currency":"GBP"}}}}"#,
            codes::EXT_EXCESS_PER_CLAIM
        ),
        format!(
            r#"{{"url":"{}","extension":[{{"url":"category","valueCoding":{{"system":"{}","code":"follow_up"}}}},{{"url":"copay","valueMoney":{{"value":25.00,"currency":"GBP"}}}}]}}"#,
            codes::EXT_CATEGORY_COPAY,
            codes::CS_CATEGORY
        ),
        format!(
            r#"{{"url":"{}","extension":[{{"url":"category","valueCoding":{{"system":"{}","code":"implant"}}}},{{"url":"limit","valueMoney":{{"value":3000.00,"currency":"GBP"}}}}]}}"#,
            codes::EXT_SUB_LIMIT,
            codes::CS_CATEGORY
        ),
    ] {
        assert!(text.contains(&expected), "{expected} in {text}");
    }
}

#[cfg(feature = "itinerary")]
#[test]
fn itinerary_appointments_are_booked_with_local_offsets_and_participants() {
    use medjourney::fhir::resources::Appointment;
    let it = samples::itinerary().unwrap();
    let b = it.to_fhir().unwrap();
    let appts: Vec<&Appointment> = resources(&b, |r| match r {
        Resource::Appointment(x) => Some(x),
        _ => None,
    });
    let expected = it
        .items
        .iter()
        .filter(|i| i.appointment_type().is_some())
        .count();
    assert_eq!(appts.len(), expected);
    let op = appts
        .iter()
        .find(|a| a.identifier[0].value.as_deref() == Some("PT-0042-knee-2027/procedure"))
        .unwrap();
    assert_eq!(op.status, "booked");
    assert_eq!(op.start.as_deref(), Some("2027-02-17T08:00:00+03:00"));
    assert_eq!(op.end.as_deref(), Some("2027-02-17T11:00:00+03:00"));
    assert_eq!(op.minutes_duration, Some(180));
    assert_eq!(
        op.service_type[0].code_in(codes::CS_PROCEDURE),
        Some("knee_replacement")
    );
    let kinds: Vec<&str> = op
        .participant
        .iter()
        .map(|p| {
            let url = p.actor.as_ref().unwrap().reference.as_deref().unwrap();
            b.entry
                .iter()
                .find(|e| e.full_url.as_deref() == Some(url))
                .unwrap()
                .resource
                .resource_type()
        })
        .collect();
    assert_eq!(kinds, vec!["Patient", "Location", "HealthcareService"]);
    let tele = appts
        .iter()
        .find(|a| a.description.as_deref().unwrap_or("").contains("video"))
        .unwrap();
    assert_eq!(tele.start.as_deref(), Some("2027-03-03T10:00:00+00:00"));
}

#[test]
fn the_sample_catalog_survives_the_round_trip_through_fhir() {
    let catalog = samples::catalog().unwrap();
    let text = catalog.to_fhir().unwrap().to_json().unwrap();
    let back = Catalog::from_fhir_json(&text).unwrap();
    assert_eq!(back.providers(), catalog.providers());
    assert_eq!(back.to_json().unwrap(), catalog.to_json().unwrap());
}

fn provider_strategy() -> impl Strategy<Value = (i64, u32, u32, Option<f64>, Option<(u32, u32)>)> {
    (
        0i64..10_000_000_000,
        0u32..4,
        0u32..=i32::MAX as u32,
        proptest::option::of(-90.0f64..90.0),
        proptest::option::of((0u32..5000, 0u32..5000)),
    )
}

proptest! {
    #[test]
    fn catalog_figures_round_trip_exactly(
        (units, scale, volume, lat, outcome) in provider_strategy()
    ) {
        let amount = medjourney::Decimal::new(units, scale);
        let mut json = serde_json::json!({
            "id": "p-1", "name": "P", "country": "TR",
            "procedures": [{"code": "x", "price": {"amount": amount.to_string(), "currency": "KWD"},
                            "annualVolume": volume}]
        });
        if let Some(lat) = lat {
            json["coordinates"] = serde_json::json!({"lat": lat, "lon": -lat / 2.0});
        }
        if let Some((cases, k)) = outcome {
            let success = serde_json::json!({"cases": cases.max(k), "count": k});
            json["procedures"][0]["success"] = success;
        }
        let text = serde_json::json!({"providers": [json]}).to_string();
        let catalog = Catalog::from_json(&text).unwrap();
        let back = Catalog::from_fhir_json(&catalog.to_fhir().unwrap().to_json().unwrap()).unwrap();
        prop_assert_eq!(back.to_json().unwrap(), catalog.to_json().unwrap());
    }
}

#[test]
fn counts_above_fhirs_unsigned_int_are_refused_on_export() {
    let text = r#"{"providers": [{"id": "p", "name": "P", "country": "TR",
        "procedures": [{"code": "x", "annualVolume": 3000000000}]}]}"#;
    let err = Catalog::from_json(text).unwrap().to_fhir().unwrap_err();
    assert_eq!(err.code(), "invalid_input");
    assert!(
        err.to_string().contains("procedures[0].annualVolume"),
        "{err}"
    );
}

/// A small directory in another system's style: relative references, foreign codings,
/// regional language tags, and no medjourney extensions at all.
const FOREIGN: &str = r#"{"resourceType": "Bundle", "type": "searchset", "entry": [
  {"fullUrl": "https://h.example/fhir/Organization/o1",
   "resource": {"resourceType": "Organization", "id": "o1", "name": "Clinic One",
                "identifier": [{"system": "urn:oid:1.2.3", "value": "XYZ"}],
                "address": [{"city": "Izmir", "country": "TR"}]}},
  {"resource": {"resourceType": "Location", "id": "l1",
                "position": {"longitude": 27.14, "latitude": 38.42},
                "managingOrganization": {"reference": "Organization/o1"}}},
  {"resource": {"resourceType": "HealthcareService", "id": "s1",
                "providedBy": {"reference": "https://h.example/fhir/Organization/o1"},
                "type": [{"coding": [{"system": "http://snomed.info/sct", "code": "609588000"},
                                     {"system":
                                        "https://example.invalid/medjourney/fhir/CodeSystem/procedure",
                                      "code": "knee_replacement", "display": "Knee"}]}],
                "communication": [{"coding": [{"system": "urn:ietf:bcp:47", "code": "en-GB"}]},
                                  {"coding": [{"system": "urn:ietf:bcp:47", "code": "tr"}]},
                                  {"coding": [{"system": "urn:ietf:bcp:47", "code": "yue"}]}]}},
  {"resource": {"resourceType": "Practitioner", "id": "d1",
                "name": [{"prefix": ["Dr."], "given": ["Ayla"], "family": "Kaya"}],
                "qualification": [{"code": {"coding": [{"display": "Board of Orthopaedics"}]}}]}},
  {"resource": {"resourceType": "PractitionerRole", "id": "r1",
                "practitioner": {"reference": "Practitioner/d1"},
                "organization": {"reference": "Organization/o1"},
                "specialty": [{"coding": [{"code": "394801008",
                                           "display": "Trauma and orthopaedics"}]}]}},
  {"resource": {"resourceType": "Endpoint", "id": "e1", "status": "active"}}
]}"#;

#[test]
fn a_foreign_directory_imports_what_fhir_carries_and_leaves_the_rest_empty() {
    let c = Catalog::from_fhir_json(FOREIGN).unwrap();
    let p = &c.providers()[0];
    assert_eq!(
        (
            p.id.as_str(),
            p.name.as_str(),
            p.country.as_str(),
            p.city.as_str()
        ),
        ("o1", "Clinic One", "TR", "Izmir")
    );
    assert_eq!(p.coordinates.map(|c| (c.lat, c.lon)), Some((38.42, 27.14)));
    assert_eq!(p.procedures.len(), 1);
    assert_eq!(
        (p.procedures[0].code.as_str(), p.procedures[0].name.as_str()),
        ("knee_replacement", "Knee")
    );
    assert!(p.procedures[0].price.is_none() && p.procedures[0].annual_volume.is_none());
    assert_eq!(p.languages, vec!["en", "tr"]);
    assert_eq!(p.doctors.len(), 1);
    assert_eq!(p.doctors[0].name, "Dr. Ayla Kaya");
    assert_eq!(p.doctors[0].specialty, "Trauma and orthopaedics");
    assert_eq!(
        p.doctors[0].board_certifications,
        vec!["Board of Orthopaedics"]
    );
    assert!(p.reviews.is_none() && p.accreditations.is_empty() && p.amenities.is_empty());
}

fn import_error(text: &str) -> Error {
    Catalog::from_fhir_json(text).unwrap_err()
}

fn fhir_error(text: &str) -> (String, String) {
    match import_error(text) {
        Error::InvalidFhir { entry, element, .. } => (entry, element),
        other => panic!("expected invalid_fhir, got {} ({other})", other.code()),
    }
}

/// A bundle of `entries`, each a whole entry (with a `fullUrl`) or just a resource.
fn bundle_of(entries: &[&str]) -> String {
    let entries: Vec<String> = entries
        .iter()
        .map(|e| {
            if e.contains("\"fullUrl\"") {
                e.to_string()
            } else {
                format!(r#"{{"resource": {e}}}"#)
            }
        })
        .collect();
    format!(
        r#"{{"resourceType": "Bundle", "entry": [{}]}}"#,
        entries.join(", ")
    )
}

const ORG_A: &str = r#"{"resourceType": "Organization", "id": "a", "name": "A",
    "address": [{"country": "TR"}]}"#;

fn pair(entry: &str, element: &str) -> (String, String) {
    (entry.to_string(), element.to_string())
}

#[test]
fn bad_bundles_give_coded_errors_naming_entry_and_element() {
    assert_eq!(import_error("{not json").code(), "parse_error");
    assert_eq!(
        fhir_error(r#"{"resourceType": "Patient"}"#),
        pair("bundle", "resourceType")
    );
    assert_eq!(
        fhir_error(&bundle_of(&[r#"{"fullUrl": "urn:x:1"}"#])),
        pair("entry[0] (urn:x:1)", "Bundle.entry.resource")
    );
    let name_is_a_number = r#"{"resourceType": "Organization", "id": "a", "name": 5}"#;
    assert_eq!(
        fhir_error(&bundle_of(&[name_is_a_number])),
        pair("entry[0] (Organization/a)", "Organization.name")
    );
    let nameless = r#"{"fullUrl": "urn:x:o", "resource": {"resourceType": "Organization",
        "id": "a", "address": [{"country": "TR"}]}}"#;
    assert_eq!(
        fhir_error(&bundle_of(&[nameless])),
        pair("entry[0] (urn:x:o)", "Organization.name")
    );
    let spelled_out = r#"{"resourceType": "Organization", "id": "a", "name": "A",
        "address": [{"country": "Turkey"}]}"#;
    assert_eq!(
        fhir_error(&bundle_of(&[spelled_out])),
        pair(
            "entry[0] (Organization/a)",
            "Organization.address[0].country"
        )
    );
    let countryless = r#"{"resourceType": "Organization", "id": "a", "name": "A"}"#;
    assert_eq!(
        fhir_error(&bundle_of(&[countryless])),
        pair("entry[0] (Organization/a)", "Organization.address.country")
    );
    let dangling = r#"{"fullUrl": "urn:x:s", "resource": {"resourceType": "HealthcareService",
        "providedBy": {"reference": "Organization/zz"}}}"#;
    assert_eq!(
        fhir_error(&bundle_of(&[ORG_A, dangling])),
        pair("entry[1] (urn:x:s)", "HealthcareService.providedBy")
    );
    let string_money = r#"{"resourceType": "HealthcareService", "id": "s", "extension": [
        {"url": "u", "extension": [{"url": "price",
          "valueMoney": {"value": "8900.00", "currency": "EUR"}}]}]}"#;
    assert_eq!(
        fhir_error(&bundle_of(&[string_money])),
        pair(
            "entry[0] (HealthcareService/s)",
            "HealthcareService.extension[0].extension[0].valueMoney.value"
        )
    );
}

#[test]
fn bad_extensions_and_codes_are_named_by_their_path() {
    let catalog = samples::catalog().unwrap();
    let text = catalog.to_fhir().unwrap().to_json().unwrap();
    // An amenity code medjourney does not know.
    let bad = text.replacen(r#""code":"wheelchair_access""#, r#""code":"sauna""#, 1);
    let (entry, element) = fhir_error(&bad);
    assert!(entry.starts_with("entry[2] (urn:uuid:"), "{entry}");
    assert_eq!(
        element,
        "HealthcareService.characteristic[0].coding[0].code"
    );
    // A price in exponent notation is not a plain decimal amount.
    let bad = text.replacen(r#""value":8900.00"#, r#""value":8.9e3"#, 1);
    let (_, element) = fhir_error(&bad);
    assert_eq!(
        element,
        "HealthcareService.extension[0].extension[1].valueMoney"
    );
    // An accreditation body outside the code system.
    let bad = text.replacen(r#""code":"jci""#, r#""code":"xyz""#, 1);
    let (_, element) = fhir_error(&bad);
    assert_eq!(
        element,
        "Organization.extension[0].extension[0].valueCoding.code"
    );
}

#[test]
fn element_paths_hold_in_pretty_printed_text_and_escaped_keys() {
    let catalog = samples::catalog().unwrap();
    let pretty = catalog.to_fhir().unwrap().to_json_pretty().unwrap();
    let bad = pretty.replacen(r#""value": 8900.00"#, r#""value": "8900.00""#, 1);
    assert_ne!(bad, pretty);
    let (entry, element) = fhir_error(&bad);
    assert!(entry.starts_with("entry[2] (urn:uuid:"), "{entry}");
    assert_eq!(
        element,
        "HealthcareService.extension[0].extension[1].valueMoney.value"
    );
    // A key with an escaped quote, brackets inside a string, and an escaped key name.
    let escaped = r#"{"resourceType": "Organization", "id": "a",
        "tel\"x": [1, {"a": "]"}], "\u006eame": 5}"#;
    assert_eq!(
        fhir_error(&bundle_of(&[escaped])),
        pair("entry[0] (Organization/a)", "Organization.name")
    );
}

#[test]
fn unknown_resource_types_are_kept_as_raw_json() {
    let b = Bundle::from_json(FOREIGN).unwrap();
    let last = b.entry.last().unwrap();
    assert_eq!(last.resource.resource_type(), "Endpoint");
    assert!(b
        .to_json()
        .unwrap()
        .contains(r#"{"resourceType": "Endpoint", "id": "e1", "status": "active"}"#));
}
