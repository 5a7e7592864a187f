//! Runs tests/vectors/planning.json: the same cases the Python and JS suites run.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic
#![cfg(all(feature = "itinerary", feature = "knowledge"))]

mod common;

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use medjourney::itinerary::{Details, Severity};
use medjourney::planning::{Plan, PlanRequest, TelehealthOptions};
use medjourney::{
    check, plan_trip, refund_due, samples, telehealth_slots, DepositTerms, Error, Itinerary,
    ItineraryRules, Money,
};
use serde_json::{json, Value};

fn parse<T: serde::de::DeserializeOwned>(v: &Value, what: &str) -> Result<T, Error> {
    serde_json::from_value(v.clone()).map_err(|e| Error::deserialize("json", what, e))
}

fn instant(v: &Value, what: &str) -> Result<DateTime<Utc>, Error> {
    parse::<DateTime<Utc>>(v, what)
}

/// The keys the vectors compare a plan on (see the file's `about`).
fn plan_keys(plan: &Plan) -> Value {
    let items = &plan.itinerary.items;
    let statuses: HashMap<&str, Value> = items
        .iter()
        .map(|i| (i.id.as_str(), json!(i.status)))
        .collect();
    let starts: HashMap<&str, String> = items
        .iter()
        .map(|i| {
            (
                i.id.as_str(),
                i.start.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            )
        })
        .collect();
    let flights: Vec<&str> = items
        .iter()
        .filter_map(|i| match &i.details {
            Details::Flight { flight_number, .. } => Some(flight_number.as_str()),
            _ => None,
        })
        .collect();
    let mut per_item: HashMap<&str, usize> = HashMap::new();
    for r in &plan.reasons {
        *per_item.entry(r.item_id.as_str()).or_default() += 1;
    }
    let reasons_per_item = if items
        .iter()
        .all(|i| per_item.get(i.id.as_str()) == Some(&1))
        && per_item.len() == items.len()
    {
        1
    } else {
        0
    };
    json!({
        "keyDates": plan.key_dates,
        "itemIds": items.iter().map(|i| i.id.as_str()).collect::<Vec<_>>(),
        "statuses": statuses,
        "itemStarts": starts,
        "flightNumbers": flights,
        "estimateTotal": plan.estimate.total,
        "payments": plan.payments.payments,
        "refunds": plan.refunds,
        "noteCodes": plan.notes.iter().map(|n| n.code).collect::<Vec<_>>(),
        "errorFindings": plan.findings.iter().filter(|f| f.severity == Severity::Error).count(),
        "reasonsPerItem": reasons_per_item,
    })
}

fn run(op: &str, a: &Value) -> Result<Value, Error> {
    Ok(match op {
        "plan_trip" => {
            let req: PlanRequest = parse(&a["request"], "plan request")?;
            plan_keys(&plan_trip(&req)?)
        }
        "plan_sample_trip" => plan_keys(&plan_trip(&samples::plan_request()?)?),
        "telehealth_slots" => {
            let options: TelehealthOptions = parse(&a["options"], "options")?;
            let minutes = u32::try_from(a["minutes"].as_u64().unwrap_or(0)).unwrap_or(0);
            let slots = telehealth_slots(
                a["zoneA"].as_str().unwrap_or_default(),
                a["zoneB"].as_str().unwrap_or_default(),
                instant(&a["start"], "start")?,
                instant(&a["end"], "end")?,
                minutes,
                &options,
            )?;
            json!(slots)
        }
        "refund_due" => {
            let terms: DepositTerms = parse(&a["terms"], "terms")?;
            let paid: Money = parse(&a["paid"], "paid")?;
            let procedure: NaiveDate = parse(&a["procedureDate"], "procedureDate")?;
            let cancelled: NaiveDate = parse(&a["cancelledOn"], "cancelledOn")?;
            json!(refund_due(&terms, &paid, procedure, cancelled)?)
        }
        "remedy" => {
            let itinerary: Itinerary = parse(&a["itinerary"], "itinerary")?;
            let rules: ItineraryRules = parse(&a["rules"], "rules")?;
            let code = a["code"].as_str().unwrap_or_default();
            let found = check(&itinerary, &rules)?;
            json!(found
                .iter()
                .find(|f| f.code.as_str() == code)
                .and_then(|f| f.remedy.as_ref()))
        }
        other => panic!("unknown op {other}"),
    })
}

/// Every key of `expected` must match `got`; instants compare as instants, amounts as
/// decimals; arrays element by element and of the same length.
fn subset(expected: &Value, got: &Value, path: &str) {
    match (expected, got) {
        (Value::Object(e), Value::Object(g)) => {
            for (k, v) in e {
                let g = g
                    .get(k)
                    .unwrap_or_else(|| panic!("{path}.{k}: missing in {got}"));
                subset(v, g, &format!("{path}.{k}"));
            }
        }
        (Value::Array(e), Value::Array(g)) => {
            assert_eq!(e.len(), g.len(), "{path}: length of {got}");
            for (i, (e, g)) in e.iter().zip(g).enumerate() {
                subset(e, g, &format!("{path}[{i}]"));
            }
        }
        (Value::String(e), Value::String(g)) if e != g => {
            let same_instant = matches!(
                (DateTime::parse_from_rfc3339(e), DateTime::parse_from_rfc3339(g)),
                (Ok(a), Ok(b)) if a == b && a.offset() == b.offset()
            );
            let same_amount = matches!(
                (e.parse::<medjourney::Decimal>(), g.parse::<medjourney::Decimal>()),
                (Ok(a), Ok(b)) if a == b
            );
            assert!(same_instant || same_amount, "{path}: expected {e}, got {g}");
        }
        _ => assert_eq!(expected, got, "{path}"),
    }
}

#[test]
fn planning_vectors_give_the_same_answers_in_rust() {
    let file = common::vectors("planning");
    common::run_cases(&file, run, |case, got| {
        let name = case["name"].as_str().unwrap_or("?");
        subset(&case["expect"], got, name);
    });
}

#[test]
fn the_vectors_cover_every_op_and_a_bad_input_for_each() {
    let file = common::vectors("planning");
    let cases = file["cases"].as_array().unwrap();
    for op in [
        "plan_trip",
        "plan_sample_trip",
        "telehealth_slots",
        "refund_due",
        "remedy",
    ] {
        assert!(cases.iter().any(|c| c["op"] == op), "{op}");
    }
    for op in ["plan_trip", "telehealth_slots", "refund_due", "remedy"] {
        assert!(
            cases
                .iter()
                .any(|c| c["op"] == op && c.get("error").is_some()),
            "{op} has no bad-input case"
        );
    }
}
