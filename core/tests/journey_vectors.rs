//! Runs tests/vectors/journey.json: the same cases the Python and JS suites run.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic

mod common;

use medjourney::analytics::JourneyTable;
use medjourney::{
    journey_map, journey_map_columns, Error, Journey, MapOptions, Touchpoint, Transition,
};
use serde_json::{json, Value};

fn parse<T: serde::de::DeserializeOwned>(v: &Value, what: &str) -> Result<T, Error> {
    serde_json::from_value(v.clone()).map_err(|e| Error::json(what, &e))
}

fn started(a: &Value) -> Result<Journey, Error> {
    let stage = parse(&a["start"]["stage"], "start.stage")?;
    let at = parse(&a["start"]["at"], "start.at")?;
    let mut j = Journey::new("vector", "PT-V", "knee_replacement", stage, at)?;
    for step in a["steps"].as_array().into_iter().flatten() {
        let t: Transition = parse(step, "transition")?;
        j.apply(&t)?;
    }
    Ok(j)
}

fn run(op: &str, a: &Value) -> Result<Value, Error> {
    Ok(match op {
        "transitions" => {
            let j = started(a)?;
            json!({"stage": j.current_stage(), "status": j.status, "furthest": j.furthest_stage()})
        }
        "record" => {
            let mut j = started(a)?;
            for t in a["touchpoints"].as_array().into_iter().flatten() {
                let t: Touchpoint = parse(t, "touchpoint")?;
                j.record(t)?;
            }
            json!({"touchpoints": j.touchpoints.len()})
        }
        "validate" => {
            let j = Journey::from_json(&a["journey"].to_string())?;
            json!({"id": j.id})
        }
        "map" => {
            let journeys: Vec<Journey> = parse(&a["journeys"], "journeys")?;
            let options: MapOptions = match a.get("options") {
                Some(o) => parse(o, "options")?,
                None => MapOptions::default(),
            };
            serde_json::to_value(journey_map(&journeys, &options)?).expect("map serializes")
        }
        "map_columns" => {
            let table: JourneyTable = parse(&a["table"], "table")?;
            let map = journey_map_columns(&table.columns(), &MapOptions::default())?;
            serde_json::to_value(map).expect("map serializes")
        }
        other => panic!("unknown op {other}"),
    })
}

/// Every key of `expected` must match `got`; numbers within 1e-9; arrays element-wise.
fn subset(expected: &Value, got: &Value, path: &str) {
    match (expected, got) {
        (Value::Object(e), Value::Object(g)) => {
            for (k, v) in e {
                let g = g
                    .get(k)
                    .unwrap_or_else(|| panic!("{path}.{k}: missing in result"));
                subset(v, g, &format!("{path}.{k}"));
            }
        }
        (Value::Array(e), Value::Array(g)) => {
            assert_eq!(e.len(), g.len(), "{path}: length");
            for (i, (e, g)) in e.iter().zip(g).enumerate() {
                subset(e, g, &format!("{path}[{i}]"));
            }
        }
        (Value::Number(e), Value::Number(g)) => {
            let (e, g) = (e.as_f64().expect("number"), g.as_f64().expect("number"));
            assert!(
                (e - g).abs() <= 1e-9 * e.abs().max(1.0),
                "{path}: expected {e}, got {g}"
            );
        }
        _ => assert_eq!(expected, got, "{path}"),
    }
}

#[test]
fn journey_vectors_give_the_same_answers_in_rust() {
    let file = common::vectors("journey");
    common::run_cases(&file, run, |case, got| {
        let name = case["name"].as_str().unwrap_or("?");
        subset(&case["expect"], got, name);
    });
}
