//! Cost breakdowns: quotes, comparison, trip estimates, insurance and payment plans.

use medjourney::{
    CompareOptions, ConvertOptions, InsurancePolicy, LineItem, Money, PaymentPlan, Quote,
    TripEstimate,
};
use wasm_bindgen::prelude::*;

use crate::convert::{
    self, from_js, instance, opt_arg, throw, to_js, CompareOptionsArg, ConvertOptionsArg, JsResult,
};
use crate::money::FxTable;

/// A quote's totals: package, extras, optional lines and the sum per category.
#[wasm_bindgen(js_name = quoteTotals, unchecked_return_type = "QuoteTotals")]
pub fn quote_totals(
    #[wasm_bindgen(unchecked_param_type = "Quote")] quote: JsValue,
) -> JsResult<JsValue> {
    let q: Quote = from_js(quote, "quote")?;
    to_js(&q.totals().map_err(throw)?)
}

/// Checks a quote (ids, amounts, currencies, validity dates); throws `invalid_quote`.
#[wasm_bindgen(js_name = validateQuote)]
pub fn validate_quote(
    #[wasm_bindgen(unchecked_param_type = "Quote")] quote: JsValue,
) -> JsResult<()> {
    let q: Quote = from_js(quote, "quote")?;
    q.validate().map_err(throw)
}

/// Compares quotes side by side in `currency`, with the findings a coordinator would tell.
#[wasm_bindgen(js_name = compareQuotes, unchecked_return_type = "Comparison")]
pub fn compare_quotes(
    #[wasm_bindgen(unchecked_param_type = "Quote[]")] quotes: JsValue,
    #[wasm_bindgen(unchecked_param_type = "FxTable")] fx: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] currency: JsValue,
    options: Option<CompareOptionsArg>,
) -> JsResult<JsValue> {
    let quotes: Vec<Quote> = from_js(quotes, "quotes")?;
    let currency = convert::currency(&currency, "currency")?;
    let fx = instance::<FxTable>(&fx, "fx")?;
    let options: CompareOptions = opt_arg(options, "options")?;
    to_js(&medjourney::compare_quotes(&quotes, fx.core(), currency, &options).map_err(throw)?)
}

/// The whole trip's cost in `currency`: the quote plus travel lines, each converted once.
#[wasm_bindgen(js_name = estimateTrip, unchecked_return_type = "TripEstimate")]
pub fn estimate_trip(
    #[wasm_bindgen(unchecked_param_type = "Quote")] quote: JsValue,
    #[wasm_bindgen(unchecked_param_type = "LineItem[]")] travel: JsValue,
    #[wasm_bindgen(unchecked_param_type = "FxTable")] fx: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] currency: JsValue,
    options: Option<ConvertOptionsArg>,
) -> JsResult<JsValue> {
    let quote: Quote = from_js(quote, "quote")?;
    let travel: Vec<LineItem> = from_js(travel, "travel")?;
    let currency = convert::currency(&currency, "currency")?;
    let fx = instance::<FxTable>(&fx, "fx")?;
    let options: ConvertOptions = opt_arg(options, "options")?;
    to_js(
        &medjourney::estimate_trip(&quote, &travel, fx.core(), currency, &options)
            .map_err(throw)?,
    )
}

/// Applies an insurance policy to a trip estimate: what the insurer pays, what the patient pays.
#[wasm_bindgen(unchecked_return_type = "Adjudication")]
pub fn adjudicate(
    #[wasm_bindgen(unchecked_param_type = "TripEstimate")] estimate: JsValue,
    #[wasm_bindgen(unchecked_param_type = "InsurancePolicy")] policy: JsValue,
) -> JsResult<JsValue> {
    let estimate: TripEstimate = from_js(estimate, "estimate")?;
    let policy: InsurancePolicy = from_js(policy, "policy")?;
    to_js(&medjourney::adjudicate(&estimate, &policy).map_err(throw)?)
}

/// The schedule of a payment plan: deposit and installments that add up to the cent.
#[wasm_bindgen(js_name = paymentPlan, unchecked_return_type = "Schedule")]
pub fn payment_plan(
    #[wasm_bindgen(unchecked_param_type = "PaymentPlan")] plan: JsValue,
) -> JsResult<JsValue> {
    let plan: PaymentPlan = from_js(plan, "plan")?;
    to_js(&plan.schedule().map_err(throw)?)
}

/// Whether `total` fits `budget` (any currency), and by how much.
#[wasm_bindgen(js_name = budgetFit, unchecked_return_type = "BudgetFit")]
pub fn budget_fit(
    #[wasm_bindgen(unchecked_param_type = "Money")] total: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Money")] budget: JsValue,
    #[wasm_bindgen(unchecked_param_type = "FxTable")] fx: JsValue,
    options: Option<ConvertOptionsArg>,
) -> JsResult<JsValue> {
    let total: Money = from_js(total, "total")?;
    let budget: Money = from_js(budget, "budget")?;
    let fx = instance::<FxTable>(&fx, "fx")?;
    let options: ConvertOptions = opt_arg(options, "options")?;
    to_js(&medjourney::budget_fit(&total, &budget, fx.core(), &options).map_err(throw)?)
}
