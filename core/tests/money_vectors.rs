//! Runs tests/vectors/money.json: the same cases the Python and JS suites run.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic

mod common;

use medjourney::{ConvertOptions, Currency, Decimal, Error, FxTable, Money};
use serde_json::{json, Value};

fn money(v: &Value) -> Result<Money, Error> {
    Money::parse(v.as_str().unwrap_or_default())
}

fn dec(v: &Value) -> Result<Decimal, Error> {
    medjourney::money::parse_amount(v.as_str().unwrap_or_default(), "test")
}

fn show(m: &Money) -> Value {
    json!(m.to_string())
}

fn run(fx: &FxTable, op: &str, a: &Value) -> Result<Value, Error> {
    Ok(match op {
        "parse" => {
            let m = Money::parse(a["text"].as_str().unwrap_or_default())?;
            json!({"money": m.to_string(), "display": m.to_string()})
        }
        "add" => show(&money(&a["a"])?.add(&money(&a["b"])?)?),
        "sub" => show(&money(&a["a"])?.sub(&money(&a["b"])?)?),
        "mul" => {
            let m = money(&a["money"])?.mul(dec(&a["factor"])?)?;
            json!({"money": m.to_string(), "exact": m.amount().to_string()})
        }
        "round" => {
            let mode = a["mode"].as_str().unwrap_or("half_even").parse()?;
            show(&money(&a["money"])?.round(mode)?)
        }
        "allocate" => {
            let ratios = a["ratios"]
                .as_array()
                .into_iter()
                .flatten()
                .map(dec)
                .collect::<Result<Vec<_>, _>>()?;
            json!(money(&a["money"])?
                .allocate(&ratios)?
                .iter()
                .map(|m| m.to_string())
                .collect::<Vec<_>>())
        }
        "split" => {
            let n = a["n"].as_u64().unwrap_or(0) as usize;
            json!(money(&a["money"])?
                .split(n)?
                .iter()
                .map(|m| m.to_string())
                .collect::<Vec<_>>())
        }
        "convert" => {
            let mut opts = ConvertOptions::default();
            if let Some(r) = a["rounding"].as_str() {
                opts.rounding = r.parse()?;
            }
            if let Some(s) = a["stale"].as_str() {
                opts.stale = s.parse()?;
            }
            opts.now = a["now"].as_str().map(|s| s.parse().expect("test instant"));
            opts.max_age_hours = a["maxAgeHours"].as_i64();
            let to = Currency::from_code(a["to"].as_str().unwrap_or_default())?;
            let c = fx.convert_with(&money(&a["money"])?, to, &opts)?;
            json!({"money": c.money.to_string(), "stale": c.stale})
        }
        other => panic!("unknown op {other}"),
    })
}

fn same_money(expected: &Value, got: &str, name: &str) {
    let e = Money::parse(expected.as_str().expect("expected money text")).expect("expected parses");
    let g = Money::parse(got).expect("result parses");
    assert_eq!(e, g, "case {name}: expected {e}, got {g}");
}

#[test]
fn money_vectors_give_the_same_answers_in_rust() {
    let file = common::vectors("money");
    let fx = FxTable::from_json(&file["fx"].to_string()).expect("vector fx table");
    common::run_cases(
        &file,
        |op, args| run(&fx, op, args),
        |case, got| {
            let name = case["name"].as_str().unwrap_or("?");
            let expect = &case["expect"];
            match expect {
                Value::Array(items) => {
                    let got = got.as_array().expect("array result");
                    assert_eq!(items.len(), got.len(), "case {name}: part count");
                    for (e, g) in items.iter().zip(got) {
                        same_money(e, g.as_str().unwrap_or_default(), name);
                    }
                }
                _ => {
                    let text = got
                        .get("money")
                        .and_then(Value::as_str)
                        .or(got.as_str())
                        .expect("money result");
                    same_money(expect, text, name);
                    if let Some(d) = case.get("display") {
                        assert_eq!(Some(text), d.as_str(), "case {name}: display");
                    }
                    if let Some(x) = case.get("exact") {
                        assert_eq!(got["exact"], *x, "case {name}: exact amount");
                    }
                    if let Some(s) = case.get("stale") {
                        assert_eq!(got["stale"], *s, "case {name}: stale flag");
                    }
                }
            }
        },
    );
}
