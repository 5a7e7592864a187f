//! Itineraries: logistics checks, iCalendar export and the patient's day-by-day plan.

use chrono::NaiveDateTime;
use medjourney::itinerary::{day_by_day, local_instant, summary_text};
use medjourney::ItineraryRules;
use wasm_bindgen::prelude::*;

use crate::convert::{from_js, opt_arg, text, text_as, throw, to_js, ItineraryRulesArg, JsResult};

/// Reads and validates an itinerary given as a plain object (or an `Itinerary`).
pub(crate) fn read(value: JsValue) -> JsResult<medjourney::Itinerary> {
    let it: medjourney::Itinerary = from_js(value, "itinerary")?;
    it.validate().map_err(throw)?;
    Ok(it)
}

/// Reads rules; `undefined` or `null` mean the shipped defaults and tables.
pub(crate) fn read_rules(value: Option<ItineraryRulesArg>) -> JsResult<ItineraryRules> {
    let r: ItineraryRules = opt_arg(value, "rules")?;
    r.validate().map_err(throw)?;
    Ok(r)
}

/// A validated trip: flights, transfers, stays, appointments, each in its IANA zone.
#[wasm_bindgen]
pub struct Itinerary {
    inner: medjourney::Itinerary,
}

#[wasm_bindgen]
impl Itinerary {
    /// An itinerary from its JSON shape; throws on unknown zones, bad times or items.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "ItineraryJson")] itinerary: JsValue,
    ) -> JsResult<Itinerary> {
        Ok(Itinerary {
            inner: read(itinerary)?,
        })
    }

    /// The itinerary's identifier.
    #[wasm_bindgen(getter)]
    pub fn id(&self) -> String {
        self.inner.id.clone()
    }

    /// The items of the trip, as plain objects.
    #[wasm_bindgen(getter, unchecked_return_type = "Item[]")]
    pub fn items(&self) -> JsResult<JsValue> {
        to_js(&self.inner.items)
    }

    /// Runs every logistics check (`rules` default to the shipped tables).
    #[wasm_bindgen(unchecked_return_type = "Finding[]")]
    pub fn check(&self, rules: Option<ItineraryRulesArg>) -> JsResult<JsValue> {
        to_js(&self.inner.check(&read_rules(rules)?).map_err(throw)?)
    }

    /// The trip as RFC 5545 iCalendar text.
    #[wasm_bindgen(js_name = toIcs)]
    pub fn to_ics(&self) -> JsResult<String> {
        self.inner.to_ics().map_err(throw)
    }

    /// The patient's plan day by day, in local times.
    #[wasm_bindgen(js_name = dayByDay, unchecked_return_type = "DaySummary[]")]
    pub fn day_by_day(&self) -> JsResult<JsValue> {
        to_js(&self.inner.day_by_day().map_err(throw)?)
    }

    /// The day-by-day plan as plain text.
    #[wasm_bindgen(js_name = summaryText)]
    pub fn summary_text(&self) -> JsResult<String> {
        summary_text(&self.inner).map_err(throw)
    }

    /// The itinerary in its JSON shape.
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "ItineraryJson")]
    pub fn to_json(&self) -> JsResult<JsValue> {
        to_js(&self.inner)
    }
}

/// Runs every logistics check on an itinerary (plain object or `Itinerary`).
#[wasm_bindgen(js_name = checkItinerary, unchecked_return_type = "Finding[]")]
pub fn check_itinerary(
    #[wasm_bindgen(unchecked_param_type = "ItineraryJson | Itinerary")] itinerary: JsValue,
    rules: Option<ItineraryRulesArg>,
) -> JsResult<JsValue> {
    let it = read(itinerary)?;
    to_js(&medjourney::check(&it, &read_rules(rules)?).map_err(throw)?)
}

/// Writes an itinerary as RFC 5545 iCalendar text.
#[wasm_bindgen(js_name = toIcs)]
pub fn to_ics(
    #[wasm_bindgen(unchecked_param_type = "ItineraryJson | Itinerary")] itinerary: JsValue,
) -> JsResult<String> {
    medjourney::to_ics(&read(itinerary)?).map_err(throw)
}

/// The patient's plan day by day, in local times.
#[wasm_bindgen(js_name = dayByDay, unchecked_return_type = "DaySummary[]")]
pub fn day_by_day_js(
    #[wasm_bindgen(unchecked_param_type = "ItineraryJson | Itinerary")] itinerary: JsValue,
) -> JsResult<JsValue> {
    to_js(&day_by_day(&read(itinerary)?).map_err(throw)?)
}

/// The shipped rules: connection times, fit-to-fly and visa tables, to read or override.
#[wasm_bindgen(js_name = itineraryRules, unchecked_return_type = "ItineraryRules")]
pub fn itinerary_rules() -> JsResult<JsValue> {
    to_js(&ItineraryRules::default())
}

/// The UTC instant (RFC 3339) of a local wall time (`"2027-02-17T08:00:00"`) in an IANA zone.
#[wasm_bindgen(js_name = localInstant)]
pub fn local_instant_js(
    #[wasm_bindgen(unchecked_param_type = "string")] local: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] zone: JsValue,
) -> JsResult<String> {
    let local: NaiveDateTime = text_as(&local, "local")?;
    let at = local_instant(local, &text(&zone, "zone")?).map_err(throw)?;
    Ok(at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
}
