//! The JavaScript face of medjourney: plain objects in the documented JSON shape in and
//! out, errors thrown as `MedJourneyError`. Conversions only; every rule is in the core.
//!
//! One module per domain, as in the core; the shared conversion helpers are in `convert`.
//! The `itinerary`, `csv`, `knowledge` and `fhir` features forward the core's: without
//! them, their functions are simply not exported (the lean npm build).
//!
//! # Adding to the package
//! - **A function**: `#[wasm_bindgen(js_name = camelCase, unchecked_return_type = "CoreType")]`
//!   taking **every** argument as a `JsValue` typed with `unchecked_param_type` (never
//!   `&str`, `String`, a number, `bool`, a slice or `&Class`: wasm-bindgen's glue copies
//!   those into wasm memory unchecked, so a wrong type traps the module), read with the
//!   helpers of [`convert`] (its header has the table: `from_js` for JSON-shaped values
//!   through the core's serde, `text`, `name`, `whole`, `real`, `flag`, `numbers`,
//!   `instance`), calling one core function and returning [`convert::to_js`] of its
//!   result; errors go through [`convert::throw`]. No `if` about the domain, no default,
//!   no list of fields here. `js-tests/arguments.test.mjs` walks every export and calls it
//!   with wrong types, so an argument declared otherwise fails the tests.
//! - **A class**: a `#[wasm_bindgen] struct` holding the core value, for state that should
//!   stay in wasm memory (a catalog, a table); plain data stays plain objects. To take its
//!   instances as arguments, implement [`convert::Class`] and read them with
//!   [`convert::instance`]. Its methods' `this` needs nothing: `build.sh` appends
//!   `receivers.js` to the glue, which checks `this` of every member of every exported
//!   class (`freed_object`, `invalid_receiver`, through [`convert::receiver_error`]).
//! - **Options**: an optional trailing argument typed by an `extern "C"` type in
//!   `convert` (`typescript_type = "CoreOptions"`), read with [`convert::opt_arg`]: absent
//!   gives the core's `Default`; the core's option structs refuse unknown fields. Other
//!   optional arguments use `Option<StringArg>`, `Option<NumberArg>` (or a new `extern`
//!   type) with [`convert::opt_text`], [`convert::opt_real`], [`convert::opt_name`].
//! - **An error code**: only in the core (`core/src/error.rs`); it reaches JS, the
//!   `ErrorCode` union of the `.d.ts` and `errorCodes()` by itself.
//! - **TypeScript types** of core values come from the core's `typescript` feature
//!   (`tsify`); derive them there, not here.

mod convert;
pub mod cost;
pub mod display;
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
pub use display::*;
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
