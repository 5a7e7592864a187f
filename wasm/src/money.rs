//! Money and exchange rates: exact amounts as `{amount: "12.50", currency: "EUR"}`.

use medjourney::money::Factor;
use medjourney::{Currency, Decimal, Money};
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::convert::{
    self, from_js, opt_arg, opt_name, throw, to_js, ConvertOptionsArg, JsResult, RoundingModeArg,
};

/// An ISO 4217 currency as `currency()` describes it; `minorUnits` is null for funds and metals.
#[derive(Serialize, tsify::Tsify)]
#[tsify(missing_as_null)]
#[serde(rename_all = "camelCase")]
pub struct CurrencyInfo {
    /// The three-letter code.
    code: &'static str,
    /// ISO minor units (decimal places), null when the currency has none.
    minor_units: Option<u32>,
    /// The ISO numeric code.
    numeric: u16,
    /// The English name.
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

/// Rounds to the currency's minor units (`mode` defaults to the core's default).
#[wasm_bindgen(js_name = roundMoney, unchecked_return_type = "Money")]
pub fn round_money(
    #[wasm_bindgen(unchecked_param_type = "Money")] money: JsValue,
    mode: Option<RoundingModeArg>,
) -> JsResult<JsValue> {
    let m: Money = from_js(money, "money")?;
    let mode: medjourney::RoundingMode = opt_name(mode, "mode")?;
    to_js(&m.round(mode).map_err(throw)?)
}

/// Splits money by ratios into parts that sum exactly (largest remainder).
#[wasm_bindgen(unchecked_return_type = "Money[]")]
pub fn allocate(
    #[wasm_bindgen(unchecked_param_type = "Money")] money: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Array<number | string>")] ratios: JsValue,
) -> JsResult<JsValue> {
    let m: Money = from_js(money, "money")?;
    let ratios: Vec<Factor> = from_js(ratios, "ratios")?;
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

/// `money × factor`, exact; `factor` is a decimal string, an integer, or a number read
/// by the core's rule for factors (the decimal it prints as).
#[wasm_bindgen(js_name = multiplyMoney, unchecked_return_type = "Money")]
pub fn multiply_money(
    #[wasm_bindgen(unchecked_param_type = "Money")] money: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string | number")] factor: JsValue,
) -> JsResult<JsValue> {
    let m: Money = from_js(money, "money")?;
    let f: Factor = from_js(factor, "factor")?;
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
    #[cfg(feature = "csv")]
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
        options: Option<ConvertOptionsArg>,
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
        options: Option<ConvertOptionsArg>,
    ) -> JsResult<JsValue> {
        to_js(&self.conversion(money, to, options)?)
    }

    /// Batch: converts every amount to `to` (each rounded once) and sums them, crossing
    /// the boundary once for the whole list.
    #[wasm_bindgen(js_name = convertEach, unchecked_return_type = "BatchConversion")]
    pub fn convert_each(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Money[]")] items: JsValue,
        to: &str,
        options: Option<ConvertOptionsArg>,
    ) -> JsResult<JsValue> {
        let items: Vec<Money> = from_js(items, "items")?;
        let to = convert::currency(to, "to")?;
        let options: medjourney::ConvertOptions = opt_arg(options, "options")?;
        to_js(
            &self
                .inner
                .convert_each(&items, to, &options)
                .map_err(throw)?,
        )
    }

    /// Batch: the sum of every amount converted to `to` (`rounding` defaults to half_even).
    #[wasm_bindgen(js_name = convertSum, unchecked_return_type = "Money")]
    pub fn convert_sum(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Money[]")] items: JsValue,
        to: &str,
        rounding: Option<RoundingModeArg>,
    ) -> JsResult<JsValue> {
        let items: Vec<Money> = from_js(items, "items")?;
        let to = convert::currency(to, "to")?;
        let rounding: medjourney::RoundingMode = opt_name(rounding, "rounding")?;
        to_js(
            &self
                .inner
                .convert_sum(&items, to, rounding)
                .map_err(throw)?,
        )
    }

    /// Batch from typed arrays: row `i` is `minor[i]` minor units of
    /// `currencies[currencyIndex[i]]`; returns the sum of every row converted to `to`
    /// (each rounded once), like `convertSum` without building `Money` objects.
    #[wasm_bindgen(js_name = convertSumColumns, unchecked_return_type = "Money")]
    pub fn convert_sum_columns(
        &self,
        minor: &[i64],
        currency_index: &[u8],
        currencies: Vec<String>,
        to: &str,
        rounding: Option<RoundingModeArg>,
    ) -> JsResult<JsValue> {
        let table = currencies
            .iter()
            .map(|c| convert::currency(c, "currencies"))
            .collect::<JsResult<Vec<_>>>()?;
        let to = convert::currency(to, "to")?;
        let rounding: medjourney::RoundingMode = opt_name(rounding, "rounding")?;
        let sum = self
            .inner
            .convert_sum_minor(minor, currency_index, &table, to, rounding);
        to_js(&sum.map_err(throw)?)
    }

    /// The table in its JSON shape.
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "FxTableJson")]
    pub fn to_json(&self) -> JsResult<JsValue> {
        to_js(&self.inner)
    }
}

impl FxTable {
    /// Wraps a core table (samples, other modules).
    pub(crate) fn from_core(inner: medjourney::FxTable) -> FxTable {
        FxTable { inner }
    }

    /// The core table, for the functions that convert with it.
    pub(crate) fn core(&self) -> &medjourney::FxTable {
        &self.inner
    }

    fn conversion(
        &self,
        money: JsValue,
        to: &str,
        options: Option<ConvertOptionsArg>,
    ) -> JsResult<medjourney::Conversion> {
        let m: Money = from_js(money, "money")?;
        let to = convert::currency(to, "to")?;
        let options: medjourney::ConvertOptions = opt_arg(options, "options")?;
        self.inner.convert_with(&m, to, &options).map_err(throw)
    }
}
