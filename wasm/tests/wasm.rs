//! wasm-bindgen-test suite: runs in Node and (WASM_BINDGEN_USE_BROWSER=1) in headless
//! Chromium, calling the exported functions exactly as JS would.

#![cfg(target_arch = "wasm32")]

use medjourney_wasm::{add_money, allocate, currency, parse_money};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

fn get(v: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(v, &JsValue::from_str(key)).expect("property")
}

fn money(text: &str) -> JsValue {
    parse_money(text.into()).expect("parses")
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
    assert!(parse_money("not money".into()).is_err());
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
    let kwd = currency("KWD".into()).expect("known");
    assert_eq!(get(&kwd, "minorUnits").as_f64(), Some(3.0));
    let jpy = currency("JPY".into()).expect("known");
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

// ---- every domain: errors are MedJourneyErrors with codes, never traps ------------------

#[cfg(feature = "itinerary")]
use medjourney_wasm::check_itinerary;
use medjourney_wasm::{journey_map_columns, payment_plan, rank, topsis, Journey, Samples};

fn code_of(err: JsValue) -> String {
    let err: js_sys::Error = err.into();
    assert_eq!(String::from(err.name()), "MedJourneyError");
    get(&err, "code").as_string().unwrap_or_default()
}

fn json(text: &str) -> JsValue {
    js_sys::JSON::parse(text).expect("test JSON")
}

fn f64s(values: &[f64]) -> JsValue {
    js_sys::Float64Array::from(values).into()
}

fn i8s(values: &[i8]) -> JsValue {
    js_sys::Int8Array::from(values).into()
}

fn num(x: f64) -> JsValue {
    JsValue::from_f64(x)
}

#[wasm_bindgen_test]
fn topsis_with_a_matrix_of_the_wrong_shape_throws_invalid_matrix_then_still_ranks() {
    let (w, t) = (|| f64s(&[0.5, 0.5]), || i8s(&[1, -1]));
    let err =
        topsis(f64s(&[1.0, 2.0, 3.0]), num(2.0), num(2.0), w(), t(), None).expect_err("shape");
    assert_eq!(code_of(err), "invalid_matrix");
    let err = topsis(
        f64s(&[1.0, 2.0]),
        num(4294967295.0),
        num(2.0),
        w(),
        t(),
        None,
    )
    .expect_err("huge");
    assert_eq!(code_of(err), "invalid_matrix");
    let scores = topsis(
        f64s(&[4.0, 4.0, 1.0, 5.0, 3.0, 2.0, 4.0, 2.0]),
        num(4.0),
        num(2.0),
        w(),
        t(),
        None,
    )
    .expect("valid matrix")
    .to_vec();
    assert!((scores[0] - 0.61257411).abs() < 1e-8 && scores[1] == 0.0 && scores[3] == 1.0);
}

#[wasm_bindgen_test]
fn topsis_refuses_negative_weights_and_unknown_normalization() {
    let m = || f64s(&[1.0, 2.0]);
    let err = topsis(
        m(),
        num(1.0),
        num(2.0),
        f64s(&[-1.0, 2.0]),
        i8s(&[1, 1]),
        None,
    )
    .expect_err("w");
    assert_eq!(code_of(err), "invalid_weights");
    let err = topsis(
        m(),
        num(1.0),
        num(2.0),
        f64s(&[1.0, 1.0]),
        i8s(&[1, 1]),
        Some(JsValue::from_str("l2").unchecked_into()),
    )
    .expect_err("norm");
    assert_eq!(code_of(err), "invalid_input");
}

#[wasm_bindgen_test]
fn ranking_the_sample_catalog_works_and_bad_requests_throw_codes() {
    let catalog: JsValue = Samples::catalog().expect("sample catalog").into();
    let request = Samples::request().expect("sample request");
    let options = Samples::rank_options().expect("sample options");
    let ranking = rank(catalog.clone(), request, Some(options.unchecked_into())).expect("ranks");
    let matches: js_sys::Array = get(&ranking, "matches").into();
    assert!(matches.length() > 0);
    let err = rank(catalog.clone(), json(r#"{"procedure": 7}"#), None).expect_err("bad");
    assert_eq!(code_of(err), "parse_error");
    let fx: JsValue = Samples::fx().expect("sample fx").into();
    let err = rank(fx, Samples::request().expect("request"), None).expect_err("fx");
    assert_eq!(code_of(err), "parse_error", "an FxTable is no Catalog");
    let options = Samples::rank_options().expect("sample options");
    let again = rank(
        catalog,
        Samples::request().expect("request"),
        Some(options.unchecked_into()),
    )
    .expect("still ranks");
    assert!(js_sys::Array::from(&get(&again, "matches")).length() > 0);
}

#[wasm_bindgen_test]
fn journey_map_columns_refuses_plain_arrays_and_non_objects() {
    let err = journey_map_columns(JsValue::from_f64(1.0), None).expect_err("num");
    assert_eq!(code_of(err), "invalid_input");
    let err = journey_map_columns(json(r#"{"status": [1, 2]}"#), None).expect_err("plain array");
    assert_eq!(code_of(err), "invalid_input");
}

#[wasm_bindgen_test]
fn a_journey_refuses_an_invalid_transition_and_keeps_its_stage() {
    let journey = |stage: &str| {
        Journey::new(
            "j".into(),
            "PT".into(),
            "knee".into(),
            stage.into(),
            "2026-01-01T00:00:00Z".into(),
        )
    };
    let mut j = journey("awareness").expect("j");
    let skip = json(r#"{"action": "move", "to": "treatment", "at": "2026-01-02T00:00:00Z"}"#);
    assert_eq!(
        code_of(j.apply(skip).expect_err("skip")),
        "invalid_transition"
    );
    let err = journey("nowhere").err();
    assert_eq!(code_of(err.expect("unknown stage")), "invalid_input");
    assert_eq!(
        j.current_stage().expect("stage").as_string().as_deref(),
        Some("awareness")
    );
}

#[wasm_bindgen_test]
#[cfg(feature = "itinerary")]
fn an_itinerary_in_an_unknown_zone_throws_unknown_time_zone() {
    let it = Samples::itinerary().expect("sample");
    let items: js_sys::Array = get(&it, "items").into();
    let first = items.get(0);
    js_sys::Reflect::set(&first, &"zone".into(), &"Mars/Olympus".into()).expect("set");
    let err = check_itinerary(it, None).expect_err("zone");
    assert_eq!(code_of(err), "unknown_time_zone");
    let findings =
        check_itinerary(Samples::itinerary().expect("sample"), None).expect("the sample checks");
    let findings: js_sys::Array = findings.into();
    assert_eq!(findings.length(), 1, "one deliberate problem in the sample");
}

#[wasm_bindgen_test]
fn a_payment_plan_with_absurd_installments_is_an_error_not_a_trap() {
    let plan = json(
        r#"{"total": {"amount": "100.00", "currency": "EUR"}, "installments": 4294967295,
            "interval": {"months": 1}, "start": "2026-01-01"}"#,
    );
    // Past the documented limit (MAX_INSTALLMENTS): a size error, as in the core.
    assert_eq!(code_of(payment_plan(plan).expect_err("huge")), "too_large");
    let err = Samples::journey_table(num(4e9), num(1.0), num(1.0)).expect_err("too big");
    assert_eq!(code_of(err), "invalid_input");
}

#[wasm_bindgen_test]
fn cyclic_or_bigint_input_is_a_parse_error() {
    let cyclic = js_sys::Object::new();
    js_sys::Reflect::set(&cyclic, &"self".into(), &cyclic).expect("set");
    assert_eq!(
        code_of(add_money(cyclic.into(), money("1 EUR")).expect_err("cycle")),
        "parse_error"
    );
    let big = js_sys::BigInt::from(5u64);
    assert_eq!(
        code_of(add_money(big.into(), money("1 EUR")).expect_err("bigint")),
        "parse_error"
    );
}

#[wasm_bindgen_test]
fn arguments_of_the_wrong_type_are_parse_errors_before_anything_is_copied() {
    let wrong = [
        JsValue::UNDEFINED,
        JsValue::NULL,
        num(42.0),
        JsValue::TRUE,
        js_sys::Symbol::for_("s").into(),
        js_sys::BigInt::from(5u64).into(),
        js_sys::Object::new().into(),
        js_sys::Date::new_0().into(),
    ];
    for value in wrong {
        assert_eq!(
            code_of(parse_money(value.clone()).expect_err("text")),
            "parse_error"
        );
        assert_eq!(
            code_of(currency(value.clone()).expect_err("code")),
            "parse_error"
        );
        let t = topsis(
            value.clone(),
            num(1.0),
            num(1.0),
            f64s(&[1.0]),
            i8s(&[1]),
            None,
        );
        assert_eq!(code_of(t.expect_err("matrix")), "parse_error");
        if value.as_f64().is_none() {
            let t = topsis(f64s(&[1.0]), value, num(1.0), f64s(&[1.0]), i8s(&[1]), None);
            assert_eq!(code_of(t.expect_err("rows")), "parse_error");
        }
    }
    let lone: JsValue = js_sys::JSON::parse(r#""1 \ud800""#).expect("json");
    assert_eq!(
        code_of(parse_money(lone).expect_err("surrogate")),
        "parse_error"
    );
    let sum = add_money(money("0.10 EUR"), money("0.20 EUR")).expect("still exact");
    assert_eq!(get(&sum, "amount").as_string().as_deref(), Some("0.30"));
}

// ---- knowledge and FHIR: results as in the other languages, bad input as codes ----------

#[wasm_bindgen_test]
#[cfg(feature = "knowledge")]
fn explain_counts_utf16_units_and_an_unknown_procedure_throws_its_code() {
    use medjourney_wasm::{explain, procedure_guide};
    let text = "😀 laparoscopic cholecystectomy";
    let found: js_sys::Array = explain(JsValue::from_str(text)).expect("explains").into();
    let first = found.get(0);
    assert_eq!(
        get(&first, "start").as_f64(),
        Some(3.0),
        "the emoji is two UTF-16 units"
    );
    assert_eq!(get(&first, "end").as_f64(), Some(31.0));
    let guide = procedure_guide(JsValue::from_str("TKR")).expect("alias");
    assert_eq!(
        get(&guide, "code").as_string().as_deref(),
        Some("knee_replacement")
    );
    assert_eq!(
        code_of(procedure_guide(JsValue::from_str("no_such_procedure")).expect_err("unknown")),
        "unknown_procedure"
    );
    let long = "x".repeat(1_000_001);
    assert_eq!(
        code_of(explain(JsValue::from_str(&long)).expect_err("long")),
        "invalid_input"
    );
}

#[wasm_bindgen_test]
#[cfg(feature = "knowledge")]
fn a_guide_book_refuses_an_unknown_field_and_a_bad_fit_to_fly_row() {
    use medjourney_wasm::GuideBook;
    let err = GuideBook::from_json(json(r#"{"overides": []}"#)).err();
    assert_eq!(code_of(err.expect("unknown field")), "unknown_field");
    let mut book = GuideBook::new().expect("shipped");
    let row = json(r#"{"category": "Bad Name", "minDays": 1, "source": "x"}"#);
    assert_eq!(
        code_of(book.override_fit_to_fly(row).expect_err("bad row")),
        "invalid_input"
    );
}

#[wasm_bindgen_test]
#[cfg(feature = "fhir")]
fn a_catalog_survives_fhir_and_a_bad_bundle_throws_its_code() {
    use medjourney_wasm::{catalog_from_fhir, catalog_to_fhir};
    let catalog: JsValue = Samples::catalog().expect("sample catalog").into();
    let text = catalog_to_fhir(catalog.clone()).expect("exports");
    let back = catalog_from_fhir(JsValue::from_str(&text)).expect("reads back");
    assert_eq!(
        js_sys::JSON::stringify(&back.to_json().expect("json")).ok(),
        js_sys::JSON::stringify(&catalog).ok()
    );
    let err = catalog_from_fhir(JsValue::from_str("not json")).err();
    assert_eq!(code_of(err.expect("text")), "parse_error");
    let err = catalog_from_fhir(json(r#"{"resourceType": "Patient"}"#)).err();
    assert_eq!(code_of(err.expect("not a bundle")), "invalid_fhir");
}
