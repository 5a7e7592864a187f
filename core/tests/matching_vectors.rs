//! Runs tests/vectors/matching.json: the same cases the Python and JS suites run.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic

mod common;

use medjourney::matching::{dirichlet_star_score, weighted_rating, wilson_lower_bound};
use medjourney::{rank, topsis, weighted_sum, Catalog, Error, RankOptions, Request};
use serde_json::{json, Value};

fn flat(matrix: &Value) -> (Vec<f64>, usize, usize) {
    let rows = matrix.as_array().cloned().unwrap_or_default();
    let cols = rows
        .first()
        .and_then(Value::as_array)
        .map_or(0, |r| r.len());
    let values = rows
        .iter()
        .flat_map(|r| r.as_array().cloned().unwrap_or_default())
        .map(|x| x.as_f64().expect("number"))
        .collect();
    (values, rows.len(), cols)
}

fn floats(v: &Value) -> Vec<f64> {
    v.as_array()
        .into_iter()
        .flatten()
        .map(|x| x.as_f64().expect("number"))
        .collect()
}

fn parse<T: serde::de::DeserializeOwned>(v: &Value, what: &str) -> Result<T, Error> {
    serde_json::from_value(v.clone()).map_err(|e| Error::deserialize("json", what, e))
}

fn run(op: &str, a: &Value) -> Result<Value, Error> {
    Ok(match op {
        "topsis" | "weighted_sum" => {
            let (m, rows, cols) = flat(&a["matrix"]);
            let types: Vec<i8> = floats(&a["types"]).iter().map(|t| *t as i8).collect();
            let norm = a["normalization"].as_str().unwrap_or("min_max").parse()?;
            let f = if op == "topsis" { topsis } else { weighted_sum };
            json!(f(&m, rows, cols, &floats(&a["weights"]), &types, norm)?)
        }
        "weighted_rating" => json!(weighted_rating(
            a["mean"].as_f64().unwrap_or(0.0),
            a["votes"].as_f64().unwrap_or(0.0),
            a["priorVotes"].as_f64().unwrap_or(0.0),
            a["priorMean"].as_f64().unwrap_or(0.0),
        )?),
        "wilson" => json!(wilson_lower_bound(
            a["successes"].as_u64().unwrap_or(0),
            a["n"].as_u64().unwrap_or(0),
            a["z"].as_f64().unwrap_or(1.96),
        )?),
        "dirichlet" => {
            let s: Vec<u64> = a["stars"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_u64)
                .collect();
            let counts: [u64; 5] = s.try_into().expect("five star counts");
            json!(dirichlet_star_score(
                &counts,
                a["z"].as_f64().unwrap_or(1.65)
            )?)
        }
        "rank" => {
            let catalog = match &a["catalog"] {
                Value::String(s) if s == "sample" => medjourney::samples::catalog()?,
                v => Catalog::from_json(&v.to_string())?,
            };
            let request: Request = match &a["request"] {
                Value::String(s) if s == "sample" => medjourney::samples::request()?,
                v => parse(v, "request")?,
            };
            let mut opts = a["options"].clone();
            let sample_fx = opts.get("fx") == Some(&json!("sample"));
            if let Some(o) = opts.as_object_mut() {
                o.remove("fx");
            }
            let mut options: RankOptions = parse(&opts, "options")?;
            if sample_fx {
                options.fx = medjourney::samples::fx()?;
            }
            serde_json::to_value(rank(&catalog, &request, &options)?).expect("ranking serializes")
        }
        other => panic!("unknown op {other}"),
    })
}

fn check(case: &Value, got: &Value, tol: f64) {
    let name = case["name"].as_str().unwrap_or("?");
    let expect = &case["expect"];
    let close = |e: f64, g: f64, what: &str| {
        assert!(
            (e - g).abs() <= tol,
            "case {name}: {what} expected {e}, got {g}"
        );
    };
    match case["op"].as_str() {
        Some("rank") => {
            for key in ["candidates", "excludedTotal", "currency"] {
                if let Some(e) = expect.get(key) {
                    assert_eq!(&got[key], e, "case {name}: {key}");
                }
            }
            let matches = got["matches"].as_array().expect("matches");
            let order: Vec<&str> = matches
                .iter()
                .filter_map(|m| m["providerId"].as_str())
                .collect();
            let want: Vec<&str> = expect["order"]
                .as_array()
                .expect("order")
                .iter()
                .filter_map(Value::as_str)
                .collect();
            assert_eq!(order, want, "case {name}: order");
            for (i, m) in matches.iter().enumerate() {
                assert_eq!(m["rank"], json!(i + 1), "case {name}: rank numbers");
            }
            if let Some(scores) = expect.get("scores") {
                for (e, m) in floats(scores).iter().zip(matches) {
                    close(*e, m["score"].as_f64().expect("score"), "score");
                }
            }
            if let Some(prices) = expect.get("prices").and_then(Value::as_object) {
                for (id, text) in prices {
                    let m = matches
                        .iter()
                        .find(|m| m["providerId"] == json!(id))
                        .expect("priced match");
                    let got = format!(
                        "{} {}",
                        m["price"]["amount"].as_str().unwrap_or(""),
                        m["price"]["currency"].as_str().unwrap_or("")
                    );
                    assert_eq!(
                        Some(got.as_str()),
                        text.as_str(),
                        "case {name}: price of {id}"
                    );
                }
            }
            let excluded = got["excluded"].as_array().expect("excluded");
            let want = expect
                .get("excluded")
                .and_then(Value::as_object)
                .cloned()
                .unwrap_or_default();
            assert_eq!(excluded.len(), want.len(), "case {name}: excluded count");
            for e in excluded {
                let id = e["providerId"].as_str().unwrap_or("");
                let codes: Vec<&str> = e["reasons"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|r| r["code"].as_str())
                    .collect();
                let want: Vec<&str> = want
                    .get(id)
                    .and_then(Value::as_array)
                    .unwrap_or_else(|| panic!("case {name}: {id} not expected"))
                    .iter()
                    .filter_map(Value::as_str)
                    .collect();
                assert_eq!(codes, want, "case {name}: reasons of {id}");
            }
        }
        _ => match expect {
            Value::Array(items) => {
                let got = floats(got);
                assert_eq!(items.len(), got.len(), "case {name}: length");
                for (e, g) in floats(expect).iter().zip(&got) {
                    close(*e, *g, "value");
                }
            }
            e => close(
                e.as_f64().expect("number"),
                got.as_f64().expect("number"),
                "value",
            ),
        },
    }
}

#[test]
fn matching_vectors_give_the_same_answers_in_rust() {
    let file = common::vectors("matching");
    let tol = file["tolerance"].as_f64().unwrap_or(1e-9);
    common::run_cases(&file, run, |case, got| check(case, got, tol));
}
