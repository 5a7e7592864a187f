//! The trip planner (features `itinerary` and `knowledge`), telehealth times (`itinerary`)
//! and deposit refunds. Remedies need no export of their own: every `Finding` of
//! `checkItinerary` and `Itinerary.check` carries its `remedy` when it has one.

use chrono::NaiveDate;
use medjourney::{DepositTerms, Money};
use wasm_bindgen::prelude::*;

use crate::convert::{from_js, throw, to_js, JsResult};

#[cfg(feature = "itinerary")]
#[wasm_bindgen]
extern "C" {
    /// An optional `TelehealthOptions` argument (typed for TypeScript, read through JSON).
    #[wasm_bindgen(typescript_type = "TelehealthOptions")]
    pub type TelehealthOptionsArg;
}

/// A whole proposed trip for a request: `itinerary`, `estimate`, `paymentPlan`,
/// `payments`, `refunds`, `keyDates`, `reasons`, `assumptions`, `notes`, `findings`.
#[cfg(all(feature = "itinerary", feature = "knowledge"))]
#[wasm_bindgen(js_name = planTrip, unchecked_return_type = "Plan")]
pub fn plan_trip(
    #[wasm_bindgen(unchecked_param_type = "PlanRequest")] request: JsValue,
) -> JsResult<JsValue> {
    let request: medjourney::planning::PlanRequest = from_js(request, "plan request")?;
    to_js(&medjourney::plan_trip(&request).map_err(throw)?)
}

/// The calls of `minutes` between `start` and `end` (RFC 3339 instants) inside both
/// parties' working hours and days; `options` as in the core (`hoursA`, `daysB`,
/// `countryA`, `stepMinutes`, `limit`…), its defaults when absent. Every argument is read
/// through JSON, so a value of the wrong type is the core's `parse_error`, never a trap.
#[cfg(feature = "itinerary")]
#[wasm_bindgen(js_name = telehealthSlots, unchecked_return_type = "TelehealthSlot[]")]
pub fn telehealth_slots(
    #[wasm_bindgen(js_name = zoneA, unchecked_param_type = "string")] zone_a: JsValue,
    #[wasm_bindgen(js_name = zoneB, unchecked_param_type = "string")] zone_b: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] start: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] end: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] minutes: JsValue,
    options: Option<TelehealthOptionsArg>,
) -> JsResult<JsValue> {
    use chrono::{DateTime, Utc};
    let zone_a: String = from_js(zone_a, "zoneA")?;
    let zone_b: String = from_js(zone_b, "zoneB")?;
    let start: DateTime<Utc> = from_js(start, "start")?;
    let end: DateTime<Utc> = from_js(end, "end")?;
    let minutes: u32 = from_js(minutes, "minutes")?;
    let options: medjourney::planning::TelehealthOptions =
        crate::convert::opt_arg(options, "options")?;
    to_js(
        &medjourney::telehealth_slots(&zone_a, &zone_b, start, end, minutes, &options)
            .map_err(throw)?,
    )
}

/// The exact refund of `paid` under a quote's deposit `terms` when a procedure planned for
/// `procedureDate` is cancelled on `cancelledOn` (dates `YYYY-MM-DD`).
#[wasm_bindgen(js_name = refundDue, unchecked_return_type = "Refund")]
pub fn refund_due(
    #[wasm_bindgen(unchecked_param_type = "DepositTerms")] terms: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Money")] paid: JsValue,
    #[wasm_bindgen(js_name = procedureDate, unchecked_param_type = "string")]
    procedure_date: JsValue,
    #[wasm_bindgen(js_name = cancelledOn, unchecked_param_type = "string")] cancelled_on: JsValue,
) -> JsResult<JsValue> {
    let terms: DepositTerms = from_js(terms, "terms")?;
    let paid: Money = from_js(paid, "paid")?;
    let procedure_date: NaiveDate = from_js(procedure_date, "procedureDate")?;
    let cancelled_on: NaiveDate = from_js(cancelled_on, "cancelledOn")?;
    to_js(&medjourney::refund_due(&terms, &paid, procedure_date, cancelled_on).map_err(throw)?)
}
