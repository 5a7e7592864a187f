//! FHIR R4 (feature `fhir`): journeys, itineraries, quotes, estimates, adjudications,
//! policies and catalogs out as Bundles, and a catalog in.
//!
//! A Bundle comes back as its JSON text, not as an object: FHIR decimals are
//! precision-significant (`8400.00` is not `8400`) and only the text keeps their digits.
//! `JSON.parse` it to read it; send the text itself.

use medjourney::{Adjudication, FhirOptions, InsurancePolicy, Quote, TripEstimate};
use wasm_bindgen::prelude::*;

use crate::convert::{from_js, json_text, opt_arg, throw, FhirOptionsArg, JsResult};
use crate::matching::Catalog;

/// A journey as a FHIR R4 Bundle (JSON text): its Patient, an EpisodeOfCare and a
/// Communication per touchpoint.
#[wasm_bindgen(js_name = journeyToFhir)]
pub fn journey_to_fhir(
    #[wasm_bindgen(unchecked_param_type = "JourneyJson | Journey")] journey: JsValue,
) -> JsResult<String> {
    let journey: medjourney::Journey = from_js(journey, "journey")?;
    journey.to_fhir().and_then(|b| b.to_json()).map_err(throw)
}

/// An itinerary's appointments as a FHIR R4 Bundle (JSON text) of Appointments and
/// Locations, start and end with their local offsets.
#[cfg(feature = "itinerary")]
#[wasm_bindgen(js_name = itineraryToFhir)]
pub fn itinerary_to_fhir(
    #[wasm_bindgen(unchecked_param_type = "ItineraryJson | Itinerary")] itinerary: JsValue,
) -> JsResult<String> {
    let itinerary: medjourney::Itinerary = from_js(itinerary, "itinerary")?;
    itinerary.to_fhir().and_then(|b| b.to_json()).map_err(throw)
}

/// A quote as a FHIR R4 Bundle (JSON text) holding a predetermination Claim.
#[wasm_bindgen(js_name = quoteToFhir)]
pub fn quote_to_fhir(
    #[wasm_bindgen(unchecked_param_type = "Quote")] quote: JsValue,
    options: Option<FhirOptionsArg>,
) -> JsResult<String> {
    let quote: Quote = from_js(quote, "quote")?;
    let options: FhirOptions = opt_arg(options, "options")?;
    quote
        .to_fhir_with(&options)
        .and_then(|b| b.to_json())
        .map_err(throw)
}

/// A trip estimate as a FHIR R4 Bundle (JSON text) holding a predetermination Claim in the
/// patient's currency.
#[wasm_bindgen(js_name = estimateToFhir)]
pub fn estimate_to_fhir(
    #[wasm_bindgen(unchecked_param_type = "TripEstimate")] estimate: JsValue,
    options: Option<FhirOptionsArg>,
) -> JsResult<String> {
    let estimate: TripEstimate = from_js(estimate, "estimate")?;
    let options: FhirOptions = opt_arg(options, "options")?;
    estimate
        .to_fhir_with(&options)
        .and_then(|b| b.to_json())
        .map_err(throw)
}

/// An adjudication as a FHIR R4 Bundle (JSON text) holding an ExplanationOfBenefit and the
/// Coverage.
#[wasm_bindgen(js_name = adjudicationToFhir)]
pub fn adjudication_to_fhir(
    #[wasm_bindgen(unchecked_param_type = "Adjudication")] adjudication: JsValue,
    options: Option<FhirOptionsArg>,
) -> JsResult<String> {
    let adjudication: Adjudication = from_js(adjudication, "adjudication")?;
    let options: FhirOptions = opt_arg(options, "options")?;
    adjudication
        .to_fhir_with(&options)
        .and_then(|b| b.to_json())
        .map_err(throw)
}

/// An insurance policy as a FHIR R4 Bundle (JSON text) holding a Coverage.
#[wasm_bindgen(js_name = policyToFhir)]
pub fn policy_to_fhir(
    #[wasm_bindgen(unchecked_param_type = "InsurancePolicy")] policy: JsValue,
    options: Option<FhirOptionsArg>,
) -> JsResult<String> {
    let policy: InsurancePolicy = from_js(policy, "policy")?;
    let options: FhirOptions = opt_arg(options, "options")?;
    policy
        .to_fhir_with(&options)
        .and_then(|b| b.to_json())
        .map_err(throw)
}

/// A catalog as a FHIR R4 directory Bundle (JSON text): Organization, Location,
/// HealthcareService, Practitioner and PractitionerRole entries.
#[wasm_bindgen(js_name = catalogToFhir)]
pub fn catalog_to_fhir(catalog: &Catalog) -> JsResult<String> {
    catalog
        .core()
        .to_fhir()
        .and_then(|b| b.to_json())
        .map_err(throw)
}

/// Reads a catalog from a FHIR Bundle given as JSON text (exact decimals) or as a parsed
/// object; a bad bundle throws `invalid_fhir` naming the entry and the element.
#[wasm_bindgen(js_name = catalogFromFhir)]
pub fn catalog_from_fhir(
    #[wasm_bindgen(unchecked_param_type = "string | object")] bundle: JsValue,
) -> JsResult<Catalog> {
    let text = match bundle.as_string() {
        Some(text) => text,
        None => json_text(bundle, "FHIR bundle")?,
    };
    medjourney::Catalog::from_fhir_json(&text)
        .map(Catalog::from_core)
        .map_err(throw)
}
