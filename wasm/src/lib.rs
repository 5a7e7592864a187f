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
/** One quoted rate: 1 `from` = `rate` `to`, as of an RFC 3339 instant. */
export interface Rate { from: string; to: string; rate: string; asOf: string; source?: string }
/** An exchange-rate table; cross rates go through `base`. */
export interface FxTableJson { base?: string | null; rates: Rate[] }
/** How a conversion rounds and judges freshness (`now` is RFC 3339). */
export interface ConvertOptions { rounding?: RoundingMode; now?: string; maxAgeHours?: number; stale?: "error" | "flag" }
/** A conversion with the rates that produced it. */
export interface Conversion { money: Money; effectiveRate: string; ratesUsed: Rate[]; stale: boolean }
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

/// Splits money into `n` parts as equal as minor units allow.
#[wasm_bindgen(js_name = splitMoney, unchecked_return_type = "Money[]")]
pub fn split_money(
    #[wasm_bindgen(unchecked_param_type = "Money")] money: JsValue,
    n: u32,
) -> JsResult<JsValue> {
    let m: Money = from_js(money, "money")?;
    to_js(&m.split(n as usize).map_err(throw)?)
}

/// `money × factor`, exact; `factor` is a decimal string or an integer.
#[wasm_bindgen(js_name = multiplyMoney, unchecked_return_type = "Money")]
pub fn multiply_money(
    #[wasm_bindgen(unchecked_param_type = "Money")] money: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string | number")] factor: JsValue,
) -> JsResult<JsValue> {
    let m: Money = from_js(money, "money")?;
    let f: convert::Ratio = from_js(factor, "factor")?;
    to_js(&m.mul(f.0).map_err(throw)?)
}

/// -1, 0 or 1 as `a` is below, equal to or above `b` (same currency only).
#[wasm_bindgen(js_name = compareMoney)]
pub fn compare_money(
    #[wasm_bindgen(unchecked_param_type = "Money")] a: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Money")] b: JsValue,
) -> JsResult<i32> {
    let a: Money = from_js(a, "a")?;
    let b: Money = from_js(b, "b")?;
    Ok(a.compare(&b).map_err(throw)? as i32)
}

/// Exchange rates loaded by the caller: direct, inverse and cross conversion.
#[wasm_bindgen]
pub struct FxTable {
    inner: medjourney::FxTable,
}

#[wasm_bindgen]
impl FxTable {
    /// A table from `{base, rates: [{from, to, rate, asOf, source}]}`.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "FxTableJson")] table: JsValue,
    ) -> JsResult<FxTable> {
        Ok(FxTable {
            inner: from_js(table, "fx table")?,
        })
    }

    /// A table from CSV text with the header `from,to,rate,as_of,source`.
    #[wasm_bindgen(js_name = fromCsv)]
    pub fn from_csv(text: &str, base: Option<String>) -> JsResult<FxTable> {
        let base = base
            .map(|b| Currency::from_code_in(&b, "base"))
            .transpose()
            .map_err(throw)?;
        Ok(FxTable {
            inner: medjourney::FxTable::from_csv(text, base).map_err(throw)?,
        })
    }

    /// Converts money to `to`, rounding once; returns the converted money.
    #[wasm_bindgen(unchecked_return_type = "Money")]
    pub fn convert(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Money")] money: JsValue,
        to: &str,
        #[wasm_bindgen(unchecked_param_type = "ConvertOptions | undefined")] options: JsValue,
    ) -> JsResult<JsValue> {
        let c = self.conversion(money, to, options)?;
        to_js(&c.money)
    }

    /// Converts and reports the rates used and whether any was stale.
    #[wasm_bindgen(js_name = convertWith, unchecked_return_type = "Conversion")]
    pub fn convert_with(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Money")] money: JsValue,
        to: &str,
        #[wasm_bindgen(unchecked_param_type = "ConvertOptions | undefined")] options: JsValue,
    ) -> JsResult<JsValue> {
        to_js(&self.conversion(money, to, options)?)
    }

    /// The table in its JSON shape.
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "FxTableJson")]
    pub fn to_json(&self) -> JsResult<JsValue> {
        to_js(&self.inner)
    }
}

impl FxTable {
    fn conversion(
        &self,
        money: JsValue,
        to: &str,
        options: JsValue,
    ) -> JsResult<medjourney::Conversion> {
        let m: Money = from_js(money, "money")?;
        let to = Currency::from_code_in(to, "to").map_err(throw)?;
        let options: medjourney::ConvertOptions = if options.is_undefined() || options.is_null() {
            Default::default()
        } else {
            from_js(options, "options")?
        };
        self.inner.convert_with(&m, to, &options).map_err(throw)
    }
}
