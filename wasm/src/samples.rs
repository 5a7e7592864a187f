//! The sample facilitator's case, shared with Rust and Python: `samples.quotes()` and so on.

use medjourney::samples;
use wasm_bindgen::prelude::*;

use crate::convert::{throw, to_js, whole, JsResult};
use crate::journey::journey_columns_of;
use crate::matching::Catalog;
use crate::money::FxTable;

/// The sample case (PT-0042's knee replacement in Istanbul): static methods only.
#[wasm_bindgen(js_name = samples)]
pub struct Samples {}

#[wasm_bindgen(js_class = samples)]
impl Samples {
    /// The sample provider catalog (22 clinics and hospitals).
    pub fn catalog() -> JsResult<Catalog> {
        Ok(Catalog::from_core(samples::catalog().map_err(throw)?))
    }

    /// PT-0042's request: knee replacement, budget, languages, needs and weights.
    #[wasm_bindgen(unchecked_return_type = "Request")]
    pub fn request() -> JsResult<JsValue> {
        to_js(&samples::request().map_err(throw)?)
    }

    /// The ranking options of the sample (with the sample exchange rates).
    #[wasm_bindgen(js_name = rankOptions, unchecked_return_type = "RankOptions")]
    pub fn rank_options() -> JsResult<JsValue> {
        to_js(&samples::rank_options().map_err(throw)?)
    }

    /// The sample exchange-rate table (euro-based reference rates, as of 2026-11-20).
    pub fn fx() -> JsResult<FxTable> {
        Ok(FxTable::from_core(samples::fx().map_err(throw)?))
    }

    /// Three clinics quoting the knee replacement in EUR, THB and INR.
    #[wasm_bindgen(unchecked_return_type = "Quote[]")]
    pub fn quotes() -> JsResult<JsValue> {
        to_js(&samples::quotes().map_err(throw)?)
    }

    /// The travel and stay lines of the trip (GBP and TRY).
    #[wasm_bindgen(unchecked_return_type = "LineItem[]")]
    pub fn travel() -> JsResult<JsValue> {
        to_js(&samples::travel().map_err(throw)?)
    }

    /// The patient's health insurance policy (GBP).
    #[wasm_bindgen(unchecked_return_type = "InsurancePolicy")]
    pub fn policy() -> JsResult<JsValue> {
        to_js(&samples::policy().map_err(throw)?)
    }

    /// Conversion options as of the sample's "now" (rates older than 72 h are flagged).
    #[wasm_bindgen(js_name = convertOptions, unchecked_return_type = "ConvertOptions")]
    pub fn convert_options() -> JsResult<JsValue> {
        to_js(&samples::convert_options().map_err(throw)?)
    }

    /// Comparison options as of 2026-11-22.
    #[wasm_bindgen(js_name = compareOptions, unchecked_return_type = "CompareOptions")]
    pub fn compare_options() -> JsResult<JsValue> {
        to_js(&samples::compare_options().map_err(throw)?)
    }

    /// The three quotes side by side in GBP.
    #[wasm_bindgen(unchecked_return_type = "Comparison")]
    pub fn comparison() -> JsResult<JsValue> {
        to_js(&samples::comparison().map_err(throw)?)
    }

    /// The chosen quote plus the trip around it, in GBP.
    #[wasm_bindgen(unchecked_return_type = "TripEstimate")]
    pub fn estimate() -> JsResult<JsValue> {
        to_js(&samples::estimate().map_err(throw)?)
    }

    /// The sample policy applied to the sample estimate.
    #[wasm_bindgen(unchecked_return_type = "Adjudication")]
    pub fn adjudication() -> JsResult<JsValue> {
        to_js(&samples::adjudication().map_err(throw)?)
    }

    /// The patient's budget.
    #[wasm_bindgen(unchecked_return_type = "Money")]
    pub fn budget() -> JsResult<JsValue> {
        to_js(&samples::budget().map_err(throw)?)
    }

    /// Whether the sample estimate fits the budget.
    #[wasm_bindgen(js_name = budgetFit, unchecked_return_type = "BudgetFit")]
    pub fn budget_fit() -> JsResult<JsValue> {
        to_js(&samples::budget_fit().map_err(throw)?)
    }

    /// The sample payment plan (deposit, then three installments).
    #[wasm_bindgen(js_name = paymentPlan, unchecked_return_type = "PaymentPlan")]
    pub fn payment_plan() -> JsResult<JsValue> {
        to_js(&samples::payment_plan().map_err(throw)?)
    }

    /// The sample journeys: 36 generated ones and PT-0042's, last.
    #[wasm_bindgen(unchecked_return_type = "JourneyJson[]")]
    pub fn journeys() -> JsResult<JsValue> {
        to_js(&samples::journeys().map_err(throw)?)
    }

    /// PT-0042's journey, active in preparation.
    #[wasm_bindgen(unchecked_return_type = "JourneyJson")]
    pub fn pt0042() -> JsResult<JsValue> {
        to_js(&samples::pt0042().map_err(throw)?)
    }

    /// The sample's "now" (RFC 3339): every sample instant is at or before it.
    #[wasm_bindgen(js_name = journeysAsOf)]
    pub fn journeys_as_of() -> String {
        samples::journeys_as_of().to_rfc3339()
    }

    /// Synthetic typed-array columns for volume tests: deterministic for a `seed`.
    #[wasm_bindgen(js_name = journeyTable, unchecked_return_type = "JourneyColumns")]
    pub fn journey_table(
        #[wasm_bindgen(unchecked_param_type = "number")] journeys: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] touchpoints: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] seed: JsValue,
    ) -> JsResult<JsValue> {
        let t = samples::journey_table(
            whole(&journeys, "journeys")?,
            whole(&touchpoints, "touchpoints")?,
            whole(&seed, "seed")?,
        )
        .map_err(throw)?;
        journey_columns_of(&t)
    }

    /// PT-0042's itinerary, door to door (with one deliberate problem).
    #[cfg(feature = "itinerary")]
    #[wasm_bindgen(unchecked_return_type = "ItineraryJson")]
    pub fn itinerary() -> JsResult<JsValue> {
        to_js(&samples::itinerary().map_err(throw)?)
    }

    /// PT-0042's trip-planning request with the top-ranked clinic (for `planTrip`).
    #[cfg(all(feature = "itinerary", feature = "knowledge"))]
    #[wasm_bindgen(js_name = planRequest, unchecked_return_type = "PlanRequest")]
    pub fn plan_request() -> JsResult<JsValue> {
        to_js(&samples::plan_request().map_err(throw)?)
    }

    /// The rules the sample itinerary is checked with (the shipped tables).
    #[cfg(feature = "itinerary")]
    #[wasm_bindgen(js_name = itineraryRules, unchecked_return_type = "ItineraryRules")]
    pub fn itinerary_rules() -> JsResult<JsValue> {
        to_js(&samples::itinerary_rules())
    }
}
