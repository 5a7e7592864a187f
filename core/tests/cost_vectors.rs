//! Runs tests/vectors/cost.json: the same cases the Python and JS suites run.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic

mod common;

use medjourney::{
    adjudicate, budget_fit, compare_quotes, estimate_trip, CompareOptions, ConvertOptions,
    Currency, Decimal, Error, FxTable, InsurancePolicy, LineItem, Money, PaymentPlan, Quote,
};
use serde::de::DeserializeOwned;
use serde_json::Value;

fn arg<T: DeserializeOwned>(a: &Value, key: &str) -> Result<T, Error> {
    serde_json::from_value(a[key].clone()).map_err(|e| Error::json(key, &e))
}

fn currency(a: &Value) -> Result<Currency, Error> {
    Currency::from_code(a["currency"].as_str().unwrap_or_default())
}

fn json<T: serde::Serialize>(v: &T) -> Value {
    serde_json::to_value(v).expect("results serialize")
}

fn run(fx: &FxTable, op: &str, a: &Value) -> Result<Value, Error> {
    Ok(match op {
        "quote_totals" => {
            let q: Quote = arg(a, "quote")?;
            json(&q.totals()?)
        }
        "compare_quotes" => {
            let quotes: Vec<Quote> = arg(a, "quotes")?;
            let options: CompareOptions = arg(a, "options")?;
            json(&compare_quotes(&quotes, fx, currency(a)?, &options)?)
        }
        "estimate_trip" => {
            let q: Quote = arg(a, "quote")?;
            let travel: Vec<LineItem> = arg(a, "travel")?;
            let options: ConvertOptions = arg(a, "options")?;
            json(&estimate_trip(&q, &travel, fx, currency(a)?, &options)?)
        }
        "adjudicate" => {
            let q: Quote = arg(a, "quote")?;
            let travel: Vec<LineItem> = arg(a, "travel")?;
            let policy: InsurancePolicy = arg(a, "policy")?;
            let estimate =
                estimate_trip(&q, &travel, fx, currency(a)?, &ConvertOptions::default())?;
            json(&adjudicate(&estimate, &policy)?)
        }
        "payment_schedule" => {
            let plan: PaymentPlan = arg(a, "plan")?;
            json(&plan.schedule()?)
        }
        "budget_fit" => {
            let total: Money = arg(a, "total")?;
            let budget: Money = arg(a, "budget")?;
            let options: ConvertOptions = arg(a, "options")?;
            json(&budget_fit(&total, &budget, fx, &options)?)
        }
        other => panic!("unknown op {other}"),
    })
}

/// Every key of `expect` matches `got`; arrays match element-wise with equal length;
/// an `amount` compares as a decimal so "5" equals "5.00" in other languages' outputs.
fn matches(expect: &Value, got: &Value, path: &str, name: &str) {
    match (expect, got) {
        (Value::Object(e), Value::Object(g)) => {
            for (k, ev) in e {
                let gv = g.get(k).unwrap_or(&Value::Null);
                if k == "amount" && ev.is_string() {
                    let dec = |v: &Value| v.as_str().and_then(|s| s.parse::<Decimal>().ok());
                    assert_eq!(dec(ev), dec(gv), "case {name}: {path}.amount in {got}");
                } else {
                    matches(ev, gv, &format!("{path}.{k}"), name);
                }
            }
        }
        (Value::Array(e), Value::Array(g)) => {
            assert_eq!(e.len(), g.len(), "case {name}: length of {path} in {got}");
            for (i, (ev, gv)) in e.iter().zip(g).enumerate() {
                matches(ev, gv, &format!("{path}[{i}]"), name);
            }
        }
        _ => assert_eq!(expect, got, "case {name}: {path}"),
    }
}

#[test]
fn cost_vectors_give_the_same_answers_in_rust() {
    let file = common::vectors("cost");
    let fx = FxTable::from_json(&file["fx"].to_string()).expect("vector fx table");
    common::run_cases(
        &file,
        |op, args| run(&fx, op, args),
        |case, got| {
            let name = case["name"].as_str().unwrap_or("?");
            matches(&case["expect"], got, "", name);
        },
    );
}
