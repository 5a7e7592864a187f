//! wasm-bindgen-test suite: runs in Node and (WASM_BINDGEN_USE_BROWSER=1) in headless
//! Chromium, calling the exported functions exactly as JS would.

#![cfg(target_arch = "wasm32")]

use medjourney_wasm::{add_money, allocate, currency, parse_money};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

fn get(v: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(v, &JsValue::from_str(key)).expect("property")
}

fn money(text: &str) -> JsValue {
    parse_money(text).expect("parses")
}

#[wasm_bindgen_test]
fn adding_money_returns_a_plain_object_with_a_string_amount() {
    let sum = add_money(money("1200.00 EUR"), money("350.5 EUR")).expect("same currency");
    assert_eq!(get(&sum, "amount").as_string().as_deref(), Some("1550.50"));
    assert_eq!(get(&sum, "currency").as_string().as_deref(), Some("EUR"));
}

#[wasm_bindgen_test]
fn mixing_currencies_throws_medjourney_error_with_code() {
    let err = add_money(money("1 EUR"), money("1 USD")).expect_err("mismatch");
    let err: js_sys::Error = err.into();
    assert_eq!(String::from(err.name()), "MedJourneyError");
    assert_eq!(
        get(&err, "code").as_string().as_deref(),
        Some("currency_mismatch")
    );
}

#[wasm_bindgen_test]
fn module_keeps_working_after_an_error() {
    assert!(parse_money("not money").is_err());
    assert!(add_money(JsValue::from_f64(3.0), JsValue::NULL).is_err());
    let sum = add_money(money("1 EUR"), money("2 EUR")).expect("still works");
    assert_eq!(get(&sum, "amount").as_string().as_deref(), Some("3.00"));
}

#[wasm_bindgen_test]
fn malformed_objects_are_errors_not_traps() {
    let bad = js_sys::JSON::parse(r#"{"amount": 1.5, "currency": "EUR"}"#).expect("json");
    let err: js_sys::Error = add_money(bad, money("1 EUR")).expect_err("float").into();
    assert_eq!(
        get(&err, "code").as_string().as_deref(),
        Some("invalid_amount")
    );
    let bad = js_sys::JSON::parse(r#"{"amount": "1", "currency": "ZZZ"}"#).expect("json");
    let err: js_sys::Error = add_money(bad, money("1 EUR")).expect_err("code").into();
    assert_eq!(
        get(&err, "code").as_string().as_deref(),
        Some("unknown_currency")
    );
}

#[wasm_bindgen_test]
fn currency_reports_iso_minor_units() {
    let kwd = currency("KWD").expect("known");
    assert_eq!(get(&kwd, "minorUnits").as_f64(), Some(3.0));
    let jpy = currency("JPY").expect("known");
    assert_eq!(get(&jpy, "minorUnits").as_f64(), Some(0.0));
}

#[wasm_bindgen_test]
fn allocation_sums_exactly() {
    let ratios = js_sys::JSON::parse("[1, 1, 1]").expect("json");
    let parts = allocate(money("100.00 EUR"), ratios).expect("allocates");
    let parts: js_sys::Array = parts.into();
    let amounts: Vec<String> = parts
        .iter()
        .map(|p| get(&p, "amount").as_string().unwrap_or_default())
        .collect();
    assert_eq!(amounts, ["33.34", "33.33", "33.33"]);
}
