//! The JavaScript face of medjourney: plain objects in the documented JSON shape in and
//! out, errors thrown as `MedJourneyError`. Conversions only; every rule is in the core.
//!
//! One module per domain, as in the core; the shared conversion helpers are in `convert`.
//! The `itinerary`, `csv`, `knowledge` and `fhir` features forward the core's: without
//! them, their functions are simply not exported (the lean npm build).
//!
//! # Adding to the package
//! - **A function**: `#[wasm_bindgen(js_name = camelCase, unchecked_return_type = "CoreType")]`
//!   taking `JsValue`s typed with `unchecked_param_type`, read with [`convert::from_js`]
//!   (through the core's serde, so a bad value keeps the core's code), calling one core
//!   function and returning [`convert::to_js`] of its result; errors go through
//!   [`convert::throw`]. No `if` about the domain, no default, no list of fields here.
//! - **A class**: a `#[wasm_bindgen] struct` holding the core value, for state that should
//!   stay in wasm memory (a catalog, a table); plain data stays plain objects.
//! - **Options**: an optional trailing argument typed by an `extern "C"` type in
//!   `convert` (`typescript_type = "CoreOptions"`), read with [`convert::opt_arg`]: absent
//!   gives the core's `Default`; the core's option structs refuse unknown fields.
//! - **An error code**: only in the core (`core/src/error.rs`); it reaches JS, the
//!   `ErrorCode` union of the `.d.ts` and `errorCodes()` by itself.
//! - **TypeScript types** of core values come from the core's `typescript` feature
//!   (`tsify`); derive them there, not here.

mod convert;
pub mod cost;
#[cfg(feature = "fhir")]
pub mod fhir;
#[cfg(feature = "itinerary")]
pub mod itinerary;
pub mod journey;
#[cfg(feature = "knowledge")]
pub mod knowledge;
pub mod matching;
pub mod money;
pub mod planning;
pub mod samples;

pub use cost::*;
#[cfg(feature = "fhir")]
pub use fhir::*;
#[cfg(feature = "itinerary")]
pub use itinerary::*;
pub use journey::*;
#[cfg(feature = "knowledge")]
pub use knowledge::*;
pub use matching::*;
pub use money::*;
pub use planning::*;
pub use samples::Samples;
