//! The JavaScript face of medjourney: plain objects in the documented JSON shape in and
//! out, errors thrown as `MedJourneyError`. Conversions only; every rule is in the core.

use medjourney::{Currency, Decimal, Money};
use serde::Serialize;
use wasm_bindgen::prelude::*;

mod convert;

use convert::{from_js, throw, to_js, JsResult};

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = r#"
/** Exact money: the amount is a decimal string so no digits are lost. */
export interface Money { amount: string; currency: string }
/** An ISO 4217 currency; `minorUnits` is null for funds and metals. */
export interface CurrencyInfo { code: string; minorUnits: number | null; numeric: number; name: string }
/** How an amount is rounded to a currency's minor units. */
export type RoundingMode = "half_even" | "half_up" | "half_down" | "up" | "down" | "ceiling" | "floor";
"#;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CurrencyInfo {
    code: &'static str,
    minor_units: Option<u32>,
    numeric: u16,
    name: String,
}

/// Looks up an ISO 4217 currency: `currency("EUR")` → `{code: "EUR", minorUnits: 2, …}`.
#[wasm_bindgen(unchecked_return_type = "CurrencyInfo")]
pub fn currency(code: &str) -> JsResult<JsValue> {
    let c = Currency::from_code(code).map_err(throw)?;
    to_js(&CurrencyInfo {
        code: c.code(),
        minor_units: c.minor_units(),
        numeric: c.numeric(),
        name: c.name(),
    })
}

/// Parses `"1234.5 EUR"` into `{amount: "1234.5", currency: "EUR"}`.
#[wasm_bindgen(js_name = parseMoney, unchecked_return_type = "Money")]
pub fn parse_money(text: &str) -> JsResult<JsValue> {
    to_js(&Money::parse(text).map_err(throw)?)
}

/// Formats money with its currency's minor units: `"1234.50 EUR"`.
#[wasm_bindgen(js_name = formatMoney)]
pub fn format_money(
    #[wasm_bindgen(unchecked_param_type = "Money")] money: JsValue,
) -> JsResult<String> {
    let m: Money = from_js(money, "money")?;
    Ok(m.to_string())
}

/// `a + b`; different currencies throw `currency_mismatch`.
#[wasm_bindgen(js_name = addMoney, unchecked_return_type = "Money")]
pub fn add_money(
    #[wasm_bindgen(unchecked_param_type = "Money")] a: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Money")] b: JsValue,
) -> JsResult<JsValue> {
    let a: Money = from_js(a, "a")?;
    let b: Money = from_js(b, "b")?;
    to_js(&a.add(&b).map_err(throw)?)
}

/// `a - b`; different currencies throw `currency_mismatch`.
#[wasm_bindgen(js_name = subtractMoney, unchecked_return_type = "Money")]
pub fn subtract_money(
    #[wasm_bindgen(unchecked_param_type = "Money")] a: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Money")] b: JsValue,
) -> JsResult<JsValue> {
    let a: Money = from_js(a, "a")?;
    let b: Money = from_js(b, "b")?;
    to_js(&a.sub(&b).map_err(throw)?)
}

/// Rounds to the currency's minor units (`mode` defaults to `"half_even"`).
#[wasm_bindgen(js_name = roundMoney, unchecked_return_type = "Money")]
pub fn round_money(
    #[wasm_bindgen(unchecked_param_type = "Money")] money: JsValue,
    #[wasm_bindgen(unchecked_param_type = "RoundingMode | undefined")] mode: Option<String>,
) -> JsResult<JsValue> {
    let m: Money = from_js(money, "money")?;
    let mode = match mode {
        Some(s) => s.parse().map_err(throw)?,
        None => Default::default(),
    };
    to_js(&m.round(mode).map_err(throw)?)
}

/// Splits money by ratios into parts that sum exactly (largest remainder).
#[wasm_bindgen(unchecked_return_type = "Money[]")]
pub fn allocate(
    #[wasm_bindgen(unchecked_param_type = "Money")] money: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Array<number | string>")] ratios: JsValue,
) -> JsResult<JsValue> {
    let m: Money = from_js(money, "money")?;
    let ratios: Vec<convert::Ratio> = from_js(ratios, "ratios")?;
    let ratios: Vec<Decimal> = ratios.into_iter().map(|r| r.0).collect();
    to_js(&m.allocate(&ratios).map_err(throw)?)
}
