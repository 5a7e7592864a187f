//! Runs tests/vectors/knowledge.json: the same cases the Python and JS suites run.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic
#![cfg(feature = "knowledge")]

mod common;

use medjourney::knowledge::{explain_with, Glossary};
use medjourney::{explain, procedure_guide, procedure_guides, procedures_without_guide};
use medjourney::{Catalog, Error};
use serde_json::Value;

fn json<T: serde::Serialize>(v: &T) -> Value {
    serde_json::to_value(v).expect("results serialize")
}

fn run(op: &str, a: &Value) -> Result<Value, Error> {
    let text = || a["text"].as_str().unwrap_or_default();
    Ok(match op {
        "procedure_guide" => json(&procedure_guide(a["code"].as_str().unwrap_or_default())?),
        "procedure_guide_codes" => {
            let codes: Vec<String> = procedure_guides()?.into_iter().map(|g| g.code).collect();
            json(&codes)
        }
        "procedures_without_guide" => {
            let catalog = Catalog::from_json(&a["catalog"].to_string())?;
            json(&procedures_without_guide(&catalog)?)
        }
        "explain" => json(&explain(text())?),
        "explain_with" => {
            let mut glossary = Glossary::standard()?;
            glossary.extend(Glossary::from_json(&a["glossary"].to_string())?)?;
            json(&explain_with(text(), &glossary)?)
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

fn non_empty(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::String(s) => !s.trim().is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
        _ => true,
    }
}

#[test]
fn knowledge_vectors_give_the_same_answers_in_rust() {
    let file = common::vectors("knowledge");
    common::run_cases(&file, run, |case, got| {
        let name = case["name"].as_str().unwrap_or("?");
        subset(&case["expect"], got, name);
        for field in case["nonEmpty"].as_array().into_iter().flatten() {
            let field = field.as_str().unwrap_or_default();
            assert!(
                non_empty(&got[field]),
                "{name}: {field} is empty or missing"
            );
        }
    });
}

#[test]
fn the_vectors_cover_every_shipped_guide() {
    let file = common::vectors("knowledge");
    let covered: Vec<&str> = file["cases"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|c| c["op"] == "procedure_guide" && c.get("nonEmpty").is_some())
        .filter_map(|c| c["args"]["code"].as_str())
        .collect();
    for g in procedure_guides().unwrap() {
        assert!(
            covered.contains(&g.code.as_str()),
            "no shape case for {}",
            g.code
        );
    }
}
