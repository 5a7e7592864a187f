//! JsValue ⇄ core types through serde, and core errors → thrown `MedJourneyError`s.

use medjourney::{Currency, Error};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::str::FromStr;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_ERROR: &str = r#"
/**
 * What every medjourney function throws: an `Error` whose `name` is "MedJourneyError" and
 * whose `code` is one of the core's stable codes (`errorCodes()` lists them).
 */
export interface MedJourneyError extends Error {
  name: "MedJourneyError";
  code: ErrorCode;
}
"#;

/// Every error code the core has, in its order (the `ErrorCode` union of the `.d.ts`).
#[wasm_bindgen(js_name = errorCodes, unchecked_return_type = "ErrorCode[]")]
pub fn error_codes() -> Vec<String> {
    Error::CODES.iter().map(|c| c.to_string()).collect()
}

/// Every exported function returns this: the error is a JS `Error` to throw.
pub type JsResult<T> = Result<T, JsValue>;

/// A JS `Error` named `MedJourneyError` carrying the core error's `.code`.
///
/// The only way the wrapper makes an error: every code comes from the core's `Error`,
/// so the wrapper cannot spell one differently from Rust and Python.
pub fn throw(err: Error) -> JsValue {
    let e = js_sys::Error::new(&err.to_string());
    e.set_name("MedJourneyError");
    // Reflect::set only fails on frozen or proxied targets; a fresh Error is neither.
    let _ = js_sys::Reflect::set(
        &e,
        &JsValue::from_str("code"),
        &JsValue::from_str(err.code()),
    );
    e.into()
}

/// Serializes to plain JS objects in the JSON shape: maps as objects, `None` as `null`.
pub fn to_js<T: Serialize + ?Sized>(value: &T) -> JsResult<JsValue> {
    let ser = serde_wasm_bindgen::Serializer::new()
        .serialize_maps_as_objects(true)
        .serialize_missing_as_null(true);
    value.serialize(&ser).map_err(|e| {
        throw(Error::parse(
            "js",
            "result",
            format!("cannot convert result to JS: {e}"),
        ))
    })
}

/// Deserializes a plain JS object in the documented JSON shape.
///
/// It goes through `JSON.stringify` so JS's own rules apply exactly as for the JSON
/// vectors: `undefined` properties are absent, and `NaN` becomes `null` (then an error).
pub fn from_js<T: DeserializeOwned>(value: JsValue, what: &str) -> JsResult<T> {
    let text = json_text(value, what)?;
    serde_json::from_str(&text).map_err(|e| throw(Error::deserialize("js", what, e)))
}

/// A plain JS value as JSON text (`JSON.stringify`), for the core's own `from_json` readers.
pub fn json_text(value: JsValue, what: &str) -> JsResult<String> {
    // Cycles and BigInts make JSON.stringify throw.
    let text = js_sys::JSON::stringify(&value)
        .map_err(|_| throw(Error::parse("js", what, "value cannot be read as JSON")))?;
    // `undefined`, functions and symbols stringify to `undefined`, not to a string.
    JsValue::from(text)
        .as_string()
        .ok_or_else(|| throw(Error::parse("js", what, "missing value")))
}

#[wasm_bindgen]
extern "C" {
    /// An optional `ConvertOptions` argument (typed for TypeScript, read through JSON).
    #[wasm_bindgen(typescript_type = "ConvertOptions")]
    pub type ConvertOptionsArg;
    /// An optional `CompareOptions` argument.
    #[wasm_bindgen(typescript_type = "CompareOptions")]
    pub type CompareOptionsArg;
    /// An optional `MapOptions` argument.
    #[wasm_bindgen(typescript_type = "MapOptions")]
    pub type MapOptionsArg;
    /// An optional `RankOptions` argument.
    #[wasm_bindgen(typescript_type = "RankOptions")]
    pub type RankOptionsArg;
    /// An optional `ItineraryRules` argument.
    #[cfg(feature = "itinerary")]
    #[wasm_bindgen(typescript_type = "ItineraryRules")]
    pub type ItineraryRulesArg;
    /// An optional `FhirOptions` argument.
    #[cfg(feature = "fhir")]
    #[wasm_bindgen(typescript_type = "FhirOptions")]
    pub type FhirOptionsArg;
    /// An optional `RoundingMode` argument.
    #[wasm_bindgen(typescript_type = "RoundingMode")]
    pub type RoundingModeArg;
    /// An optional `Normalization` argument.
    #[wasm_bindgen(typescript_type = "Normalization")]
    pub type NormalizationArg;
}

/// An optional trailing argument: absent, `undefined` or `null` give the type's default.
pub fn opt_arg<T: DeserializeOwned + Default>(
    value: Option<impl Into<JsValue>>,
    what: &str,
) -> JsResult<T> {
    match value {
        Some(v) => opt_from_js(v.into(), what),
        None => Ok(T::default()),
    }
}

/// An optional enum argument given by its snake_case name, read with the core's `FromStr`
/// (so an unknown name keeps the core's error code); absent, `undefined` or `null` give
/// the default.
pub fn opt_name<T: FromStr<Err = Error> + Default>(
    value: Option<impl Into<JsValue>>,
    what: &str,
) -> JsResult<T> {
    let value: JsValue = match value {
        Some(v) => v.into(),
        None => return Ok(T::default()),
    };
    if value.is_undefined() || value.is_null() {
        return Ok(T::default());
    }
    match value.as_string() {
        Some(name) => name.parse().map_err(throw),
        None => Err(throw(Error::invalid(what, "expected a name (a string)"))),
    }
}

/// Like [`from_js`], but `undefined` or `null` give the type's default (optional options).
pub fn opt_from_js<T: DeserializeOwned + Default>(value: JsValue, what: &str) -> JsResult<T> {
    if value.is_undefined() || value.is_null() {
        Ok(T::default())
    } else {
        from_js(value, what)
    }
}

/// Reads a string argument (a code, an RFC 3339 instant…) through serde, as JSON would.
pub fn from_str<T: DeserializeOwned>(text: &str, what: &str) -> JsResult<T> {
    serde_json::from_value(serde_json::Value::String(text.to_string()))
        .map_err(|e| throw(Error::deserialize("js", what, e)))
}

/// A currency argument given by its ISO 4217 code.
pub fn currency(code: &str, field: &str) -> JsResult<Currency> {
    Currency::from_code_in(code, field).map_err(throw)
}
