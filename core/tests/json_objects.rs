//! Every struct of every JSON input is read from a JSON object only (`medjourney::json`):
//! the array of its field values, which serde_json alone would also take in declaration
//! order, is a `parse_error`, as it always was from Python (pythonize reads a struct from
//! a dict only). Each test takes a whole sample input, replaces one object at a time by
//! the array of its values, and reads it back.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic

use medjourney::{
    samples, Catalog, Error, FxTable, InsurancePolicy, Journey, MapAccumulator, PaymentPlan, Quote,
};
use serde_json::Value;

/// Every copy of `value` with one of its objects (the whole value included) turned into
/// the array of that object's values.
fn with_one_object_as_array(value: &Value) -> Vec<Value> {
    let mut out = Vec::new();
    if let Value::Object(map) = value {
        out.push(Value::Array(map.values().cloned().collect()));
    }
    match value {
        Value::Object(map) => {
            for (key, inner) in map {
                for changed in with_one_object_as_array(inner) {
                    let mut copy = map.clone();
                    copy.insert(key.clone(), changed);
                    out.push(Value::Object(copy));
                }
            }
        }
        Value::Array(items) => {
            for (i, inner) in items.iter().enumerate() {
                for changed in with_one_object_as_array(inner) {
                    let mut copy = items.clone();
                    copy[i] = changed;
                    out.push(Value::Array(copy));
                }
            }
        }
        _ => {}
    }
    out
}

/// `read` takes `text` as it is, and refuses every copy with one object as an array with
/// a `parse_error` (for a struct, `invalid type: sequence, expected struct …`; an enum's
/// object or a map was refused as an array before as well).
fn objects_only(what: &str, text: &str, read: impl Fn(&str) -> Result<(), Error>) {
    read(text).unwrap_or_else(|e| panic!("{what}: the sample itself is refused: {e}"));
    let value: Value = serde_json::from_str(text).unwrap();
    let copies = with_one_object_as_array(&value);
    assert!(copies.len() > 1, "{what}: no nested objects to change");
    for copy in copies {
        let changed = copy.to_string();
        match read(&changed) {
            Ok(()) => panic!("{what}: an object given as an array was read: {changed}"),
            Err(e) => assert_eq!(e.code(), "parse_error", "{what}: {e} in {changed}"),
        }
    }
}

#[test]
fn a_quote_and_its_line_items_are_objects_only() {
    let quote = &samples::quotes().unwrap()[0];
    objects_only("quote", &serde_json::to_string(quote).unwrap(), |t| {
        Quote::from_json(t).map(drop)
    });
}

#[test]
fn a_journey_and_its_touchpoints_are_objects_only() {
    let journey = samples::pt0042().unwrap();
    objects_only("journey", &journey.to_json().unwrap(), |t| {
        Journey::from_json(t).map(drop)
    });
}

#[test]
fn a_catalog_and_its_providers_are_objects_only() {
    let catalog = samples::catalog().unwrap();
    objects_only("catalog", &catalog.to_json().unwrap(), |t| {
        Catalog::from_json(t).map(drop)
    });
}

#[test]
fn a_policy_a_payment_plan_and_an_fx_table_are_objects_only() {
    let policy = samples::policy().unwrap();
    objects_only("policy", &serde_json::to_string(&policy).unwrap(), |t| {
        InsurancePolicy::from_json(t).map(drop)
    });
    let plan = samples::payment_plan().unwrap();
    objects_only(
        "payment plan",
        &serde_json::to_string(&plan).unwrap(),
        |t| PaymentPlan::from_json(t).map(drop),
    );
    let fx = samples::fx().unwrap();
    objects_only("fx table", &fx.to_json().unwrap(), |t| {
        FxTable::from_json(t).map(drop)
    });
}

#[test]
fn a_journey_map_accumulator_is_objects_only() {
    let mut acc = MapAccumulator::new();
    acc.add_journeys(&samples::journeys().unwrap()).unwrap();
    objects_only("accumulator", &acc.to_json().unwrap(), |t| {
        MapAccumulator::from_json(t).map(drop)
    });
}

#[cfg(feature = "itinerary")]
#[test]
fn an_itinerary_and_its_items_are_objects_only() {
    let itinerary = samples::itinerary().unwrap();
    objects_only("itinerary", &itinerary.to_json().unwrap(), |t| {
        medjourney::Itinerary::from_json(t).map(drop)
    });
}

#[cfg(all(feature = "itinerary", feature = "knowledge"))]
#[test]
fn a_plan_request_and_everything_in_it_are_objects_only() {
    let request = samples::plan_request().unwrap();
    objects_only("plan request", &request.to_json().unwrap(), |t| {
        medjourney::PlanRequest::from_json(t).map(drop)
    });
}
